"""The ``sigcheck.signatures/v1`` contract: what ``inspect --json`` prints and every ``--model`` accepts.

    {"format": "sigcheck.signatures/v1", "source": "…", "tags": ["serve"],
     "signatures": {"serving_default": {"method_name": "…",
        "inputs":  {"x": {"dtype": "DT_FLOAT", "shape": [-1, 3], "tensor_name": "x:0"}},
        "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 1], "tensor_name": "y:0"}}}}}

A tensor whose SignatureDef entry records no shape at all (TF 1.0 exports) has ``"shape": []``, as TensorFlow
reports it, plus ``"shape_recorded": false``: nothing is known of its shape.  The key is written only then, and
readers that do not know it see the same contract as before.

A signature whose function takes a RaggedTensor / SparseTensor argument (``tf.saved_model.save`` writes its
components as plain inputs: :mod:`sigcheck.model.composite`) carries ``"composites"``, what the SavedModel's graph
and object graph say they form::

    "composites": [{"name": "r", "kind": "ragged", "dtype": "DT_INT64", "shape": [-1, -1],
                    "components": {"r": "flat_values", "r_1": "row_splits"}, "source": "type_spec"}]

so that validate, sample, inspect and explain read the same composite inputs from the contract as from the model.
The key is written only for such signatures; a contract without it (every contract written before it existed)
reads as before: its component inputs are plain inputs, not checked against each other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields
from typing import Any, Mapping

from ..errors import ModelError
from .composite import CompositeInput, composite_inputs
from .types import ModelInfo, Signature, TensorSpec

FORMAT = "sigcheck.signatures/v1"


@dataclass(frozen=True, slots=True, eq=False)
class ContractSignature(Signature):
    """A signature read from a contract, with the composite arguments it recorded (``"composites"``), which a
    SavedModel's signature reads from its graph instead (:func:`sigcheck.model.composite.composite_inputs`).

    It is the same SignatureDef as the model's: :meth:`to_json` and equality are :class:`Signature`'s (the
    composites are read from the graph on the model's side, and :func:`to_contract` writes them for either)."""

    composites: tuple[CompositeInput, ...] = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Signature):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in _SIGNATURE_FIELDS)

    __hash__ = Signature.__hash__  # the same fields as __eq__


_SIGNATURE_FIELDS = tuple(f.name for f in fields(Signature))


@dataclass(frozen=True)
class ContractInfo(ModelInfo):
    """A model read from a contract file: a :class:`ModelInfo` whose ``source`` is the model the contract was
    written from (as the contract records it), plus the contract file itself, which the commands name as what they
    checked (:meth:`version_label`): a contract has the signatures, not the graph, so a verdict against it is not a
    verdict against that model."""

    path: str | None = field(default=None, compare=False)
    """The contract file as the user gave it (a path or a ``gs://`` URI)."""

    def version_label(self) -> str | None:
        """``out/ex.contract.json (a signature contract written from models/ex/1)``: what a command checked (the
        headline of validate and gate; :meth:`ModelInfo.version_label` names the version under a base path)."""
        return contract_label(self)


def checked_location(info: ModelInfo) -> str:
    """What a command checked, as its reports name it: a contract's file (not the model it was written from), else
    the model's own location."""
    return getattr(info, "path", None) or info.source


def contract_label(info: ModelInfo) -> str | None:
    """What a command names a model read from a contract file by (None for a SavedModel): the file, and the model it
    was written from."""
    path = getattr(info, "path", None)
    if not path:
        return None
    if info.source and info.source != path:
        return f"{path} (a signature contract written from {info.source})"
    return f"{path} (a signature contract)"


def _with_composites(data: dict[str, Any], composites: Any) -> dict[str, Any]:
    if composites:
        data["composites"] = [c.to_json() for c in composites]
    return data


def to_contract(info: ModelInfo) -> dict[str, Any]:
    """The contract of a model, with signatures sorted by key."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "source": info.source,
        "tags": list(info.tags),
        "signatures": {k: _with_composites(s.to_json(), composite_inputs(info, k))
                       for k, s in sorted(info.signatures.items())},
    }
    if info.version is not None:
        data["version"] = info.version
    if info.tensorflow_version:
        data["tensorflow_version"] = info.tensorflow_version
    return data


_SCALAR_ARRAY = re.compile(r"\[\s*([^\[\]{}]*?)\s*\]", re.S)


def pretty_json(data: Any) -> str:
    """Indented JSON with arrays of scalars kept on one line (``"shape": [-1, 3]``), ending in a newline."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _SCALAR_ARRAY.sub(lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text) + "\n"


def dumps(info: ModelInfo) -> str:
    return pretty_json(to_contract(info))


def is_contract(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


def _tensor(where: str, name: str, data: Any) -> TensorSpec:
    if not isinstance(data, Mapping):
        raise ModelError(f"{where}.{name}: expected an object with dtype and shape, got {type(data).__name__}")
    dtype = data.get("dtype")
    if not isinstance(dtype, str) or not dtype.startswith("DT_"):
        raise ModelError(f"{where}.{name}.dtype: expected a TensorFlow dtype name such as \"DT_FLOAT\", got {dtype!r}")
    shape = data.get("shape", None)
    if shape is not None and not (
        isinstance(shape, list) and all(isinstance(d, int) and not isinstance(d, bool) and d >= -1 for d in shape)
    ):
        raise ModelError(f"{where}.{name}.shape: expected a list of integers (-1 = unknown) or null, got {shape!r}")
    tensor_name = data.get("tensor_name")
    if tensor_name is not None and not isinstance(tensor_name, str):
        raise ModelError(f"{where}.{name}.tensor_name: expected a string, got {tensor_name!r}")
    recorded = data.get("shape_recorded", True)
    if not isinstance(recorded, bool):
        raise ModelError(f"{where}.{name}.shape_recorded: expected true or false, got {recorded!r}")
    return TensorSpec(
        name=name,
        dtype=dtype,
        shape=None if shape is None else tuple(shape),
        tensor_name=tensor_name,
        encoding=str(data.get("encoding", "dense")),
        shape_recorded=recorded,
    )


def from_contract(data: Any, source: str) -> ModelInfo:
    """Build a ModelInfo from a parsed contract; raises ModelError naming the first bad field."""
    if not is_contract(data):
        raise ModelError(f"{source}: not a sigcheck contract: expected \"format\": \"{FORMAT}\"")
    sigs = data.get("signatures")
    if not isinstance(sigs, Mapping):
        raise ModelError(f"{source}: $.signatures must be an object of signature name → signature")
    signatures: dict[str, Signature] = {}
    internal = tuple(sorted(k for k in sigs if isinstance(k, str) and k.startswith("__")))
    for key, sig in sigs.items():
        if key in internal:  # not serving signatures (__saved_model_init_op), as in reader.py
            continue
        where = f"{source}: $.signatures.{key}"
        if not isinstance(sig, Mapping):
            raise ModelError(f"{where}: expected an object")
        parts: dict[str, dict[str, TensorSpec]] = {}
        for side in ("inputs", "outputs"):
            raw = sig.get(side, {})
            if not isinstance(raw, Mapping):
                raise ModelError(f"{where}.{side}: expected an object of name → tensor")
            parts[side] = {n: _tensor(f"{where}.{side}", n, t) for n, t in raw.items()}
        defaults = sig.get("defaults", [])
        raw = sig.get("composites", [])
        if not isinstance(raw, list):
            raise ModelError(f"{where}.composites: expected a list of composite arguments")
        try:
            composites = tuple(CompositeInput.from_json(c, parts["inputs"], f"{where}.composites[{i}]")
                               for i, c in enumerate(raw))
        except ValueError as exc:
            raise ModelError(str(exc)) from None
        shared = sorted({a for c in composites for a, _ in c.components if
                         sum(a in dict(o.components) for o in composites) > 1})
        if shared:
            raise ModelError(f"{where}.composites: {', '.join(shared)} is a component of more than one argument")
        signatures[key] = ContractSignature(
            key=key,
            method_name=str(sig.get("method_name", "")),
            inputs=parts["inputs"],
            outputs=parts["outputs"],
            defaults=tuple(defaults) if isinstance(defaults, list) else (),
            composites=composites,
        )
    tags = data.get("tags", ["serve"])
    return ContractInfo(
        path=source,
        source=str(data.get("source") or source),
        tags=tuple(tags) if isinstance(tags, list) else ("serve",),
        signatures=signatures,
        internal_signatures=internal,
        kind="contract",
        version=data.get("version") if isinstance(data.get("version"), int) else None,
        tensorflow_version=data.get("tensorflow_version"),
    )


def savedmodel_hint(info: ModelInfo) -> str:
    """The advice for what a contract cannot do (it has signatures, not a graph): pass the model itself."""
    return f"pass the SavedModel folder (saved_model.pb + variables/), e.g. {info.source}"


def cannot_run(info: ModelInfo) -> ModelError:
    """The error for running (or scanning) a model given as a contract: it has signatures, not a graph."""
    return ModelError(f"a signature contract (written from {info.source}) has no graph to run",
                      hint=savedmodel_hint(info))
