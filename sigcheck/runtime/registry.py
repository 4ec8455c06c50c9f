"""Op registries of stock TensorFlow releases, read from ``data/op_registry.json.gz`` (no TensorFlow needed).

The data is generated from the real pip wheels by ``scripts/op_registry.py`` (``TF_GetAllOpList`` in each
release, in its own throwaway venv) and stored compactly: the newest release's registry in full (``ops``), and for
each older release only what differs from the next newer one (``diffs``: the ops it lacks, and the ops it has in
another form).  One op is ``{"a": [[attr, type, default, allowed], …], "i": [input, …], "o": [output, …],
"k": [kernel device, …]}`` where ``default`` is the AttrValue as protobuf's JSON mapping (None: no default),
``allowed`` the allowed values (dtype enum names, or strings), and an argument is ``name:type`` with ``*N`` for a
number attr and ``&`` for a ref.

:func:`encode_op` and :func:`build_data` write that format (used by the generator); :func:`registry` reads it.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from ..errors import InputError

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "op_registry.json.gz")
FORMAT = "sigcheck.op_registry/v1"


@dataclass(frozen=True, slots=True)
class AttrSpec:
    """One attr of an op, as the op's registration declares it."""

    name: str
    type: str
    """``type``, ``list(type)``, ``int``, ``string``, ``func`` …"""
    default: Mapping[str, Any] | None
    """The default AttrValue in protobuf's JSON mapping (``{"type": "DT_INT32"}``); None when it has none."""
    allowed: tuple[str, ...] | None
    """Allowed values (``DT_FLOAT`` … for type attrs, plain strings for string attrs); None when unrestricted."""

    @property
    def has_default(self) -> bool:
        return self.default is not None

    @property
    def default_type(self) -> str | None:
        """The default dtype enum name of a ``type`` attr (``DT_INT32``), else None."""
        return None if self.default is None else self.default.get("type")


@dataclass(frozen=True, slots=True)
class OpSpec:
    """One registered op: its attrs, arguments and the devices it has kernels for in the recorded wheel."""

    name: str
    attrs: Mapping[str, AttrSpec]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    devices: tuple[str, ...]

    def input_using(self, type_attr: str) -> str | None:
        """The first input argument whose dtype is attr ``type_attr`` (for TensorFlow's type-check message)."""
        for arg in self.inputs:
            name, _, kind = arg.partition(":")
            if kind.rstrip("&").split("*")[0] == type_attr:
                return name
        return None


@dataclass(frozen=True, slots=True)
class GraphDefVersions:
    """``TF_GRAPH_DEF_VERSION`` and its limits in one release (what its GraphDef import accepts)."""

    producer: int
    min_consumer: int
    min_producer: int


@dataclass(frozen=True)
class OpRegistry:
    """The ops one TensorFlow release registers."""

    version: str
    """``2.15`` (major.minor: patch releases add no ops)."""
    tensorflow: str
    """The release it was recorded from, ``2.15.1``."""
    wheel: str
    """The pip requirement installed to record it, ``tensorflow-cpu==2.15.1``."""
    graph_def: GraphDefVersions
    ops: Mapping[str, OpSpec]

    def __contains__(self, op: str) -> bool:
        return op in self.ops


def version_key(version: str) -> tuple[int, ...]:
    """``"2.15"`` → (2, 15); ``"2.15.1"`` → (2, 15, 1)."""
    out = []
    for part in version.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        out.append(int(digits) if digits else 0)
    return tuple(out)


def minor_of(version: str) -> str:
    """``"2.15.1"`` → ``"2.15"``."""
    return ".".join(version.split(".")[:2])


# --------------------------------------------------------------------------------------------------- writing


def _arg(arg: Mapping[str, Any]) -> str:
    kind = arg.get("type_attr") or arg.get("type_list_attr") or arg.get("type", "DT_INVALID")
    if arg.get("number_attr"):
        kind += "*" + arg["number_attr"]
    return f"{arg.get('name', '')}:{kind}{'&' if arg.get('is_ref') else ''}"


def _allowed(attr: Mapping[str, Any]) -> list[str] | None:
    values = attr.get("allowed_values", {}).get("list")
    if values is None:
        return None
    if "type" in values:
        return list(values["type"])
    if "s" in values:
        return [base64.b64decode(s).decode("utf-8", "replace") for s in values["s"]]
    return []


def encode_op(op: Mapping[str, Any], devices: Iterable[str] = ()) -> dict[str, Any]:
    """The compact form of one OpDef (protobuf's JSON mapping with ``preserving_proto_field_name``)."""
    return {
        "a": [[a["name"], a["type"], a.get("default_value"), _allowed(a)] for a in op.get("attr", [])],
        "i": [_arg(a) for a in op.get("input_arg", [])],
        "o": [_arg(a) for a in op.get("output_arg", [])],
        "k": sorted(set(devices)),
    }


def build_data(dumps: Iterable[Mapping[str, Any]], *, about: str = "") -> dict[str, Any]:
    """The data file's content from the generator's per-release dumps (one per minor release, any order)."""
    by_minor: dict[str, Mapping[str, Any]] = {}
    for dump in dumps:
        by_minor[minor_of(dump["tensorflow_version"])] = dump
    order = sorted(by_minor, key=version_key, reverse=True)
    encoded = {
        v: {name: encode_op(op, by_minor[v].get("kernel_devices", {}).get(name, ()))
            for name, op in sorted(by_minor[v]["ops"].items())}
        for v in order
    }
    diffs: dict[str, Any] = {}
    for newer, older in zip(order, order[1:]):
        a, b = encoded[older], encoded[newer]
        diffs[older] = {
            "absent": sorted(set(b) - set(a)),
            "ops": {name: spec for name, spec in a.items() if b.get(name) != spec},
        }
    return {
        "format": FORMAT,
        "about": about,
        "versions": [
            {"version": v, "tensorflow": by_minor[v]["tensorflow_version"], "wheel": by_minor[v].get("wheel", ""),
             "graph_def": by_minor[v]["graph_def_versions"], "op_count": len(encoded[v])}
            for v in order
        ],
        "base": order[0],
        "ops": encoded[order[0]],
        "diffs": diffs,
    }


def write_data(data: Mapping[str, Any], path: str = DATA_FILE) -> int:
    """Write ``data`` gzipped and byte-for-byte reproducible (no timestamp); returns the size.  Atomic."""
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    blob = gzip.compress(raw, compresslevel=9, mtime=0)
    tmp = f"{path}.tmp-{os.getpid()}"
    with open(tmp, "wb") as fh:
        fh.write(blob)
    os.replace(tmp, path)
    return len(blob)


# --------------------------------------------------------------------------------------------------- reading


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    import orjson

    with gzip.open(DATA_FILE, "rb") as fh:
        data = orjson.loads(fh.read())
    if data.get("format") != FORMAT:
        raise ValueError(f"{DATA_FILE}: not {FORMAT}")
    return data


def versions() -> list[str]:
    """The recorded releases, oldest first (``["2.12", …, "2.21"]``)."""
    return [v["version"] for v in reversed(_data()["versions"])]


@functools.lru_cache(maxsize=None)
def _raw_ops(version: str) -> dict[str, Any]:
    """name → compact op of release ``version`` (the base with the diffs applied down to it)."""
    data = _data()
    if version == data["base"]:
        return data["ops"]
    newer = [v["version"] for v in data["versions"]]
    i = newer.index(version)
    ops = dict(_raw_ops(newer[i - 1]))
    diff = data["diffs"][version]
    for name in diff["absent"]:
        ops.pop(name, None)
    ops.update(diff["ops"])
    return ops


def _decode(name: str, raw: Mapping[str, Any]) -> OpSpec:
    attrs = {a[0]: AttrSpec(a[0], a[1], a[2], tuple(a[3]) if a[3] is not None else None) for a in raw["a"]}
    return OpSpec(name, attrs, tuple(raw["i"]), tuple(raw["o"]), tuple(raw["k"]))


class _Ops(Mapping[str, OpSpec]):
    """A read-only op table that decodes each op on first use (a gate touches a few hundred of ~1900)."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = raw
        self._cache: dict[str, OpSpec] = {}

    def __getitem__(self, name: str) -> OpSpec:
        hit = self._cache.get(name)
        if hit is None:
            hit = self._cache[name] = _decode(name, self._raw[name])
        return hit

    def __contains__(self, name: object) -> bool:
        return name in self._raw

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@functools.lru_cache(maxsize=None)
def registry(version: str) -> OpRegistry:
    """The op registry of TensorFlow ``version`` (``2.15`` or ``2.15.1``); InputError when it is not recorded."""
    minor = minor_of(version)
    meta = {v["version"]: v for v in _data()["versions"]}.get(minor)
    if meta is None:
        known = versions()
        raise InputError(f"no op registry recorded for TensorFlow {version}",
                         hint=f"recorded: {', '.join(known)} (scripts/op_registry.py records more)")
    gd = meta["graph_def"]
    return OpRegistry(
        version=minor, tensorflow=meta["tensorflow"], wheel=meta.get("wheel", ""),
        graph_def=GraphDefVersions(int(gd.get("producer", 0)), int(gd.get("min_consumer", 0)),
                                   int(gd.get("min_producer", 0))),
        ops=_Ops(_raw_ops(minor)),
    )


@functools.lru_cache(maxsize=1)
def _names_by_version() -> dict[str, frozenset[str]]:
    return {v: frozenset(_raw_ops(v)) for v in versions()}


def stock_op_names() -> frozenset[str]:
    """Every op any recorded stock TensorFlow registers (an op outside it comes from another library)."""
    return frozenset().union(*_names_by_version().values())


def stock_ops() -> tuple[str, frozenset[str]]:
    """(newest recorded TensorFlow release, every op a recorded stock TensorFlow registers), from the registries."""
    return registry(versions()[-1]).tensorflow, stock_op_names()


def first_version_with(op: str) -> str | None:
    """The oldest recorded release that registers ``op`` (None: no recorded stock TensorFlow has it)."""
    for v, names in _names_by_version().items():
        if op in names:
            return v
    return None


def newest_spec(op: str) -> OpSpec | None:
    """``op`` as the newest recorded release that has it registers it."""
    for v in reversed(versions()):
        if op in _raw_ops(v):
            return registry(v).ops[op]
    return None


def first_version_where(op: str, test: Any) -> str | None:
    """The oldest recorded release whose registration of ``op`` passes ``test(OpSpec)``."""
    for v in versions():
        if op in _raw_ops(v) and test(registry(v).ops[op]):
            return v
    return None
