"""The tf.Example check without TensorFlow: the feature spec from the graph, each record read off the wire.

:func:`example_spec` finds the ``ParseExample`` / ``ParseExampleV2`` / ``ParseSingleExample`` node a signature runs
(:mod:`sigcheck.model.graph`'s walk) and reads its spec from the node's attrs and the ``Const`` nodes feeding it:
dense keys, dtypes, shapes and defaults; sparse and ragged keys and dtypes.  :func:`check_example` reads one
serialized ``tf.Example`` with a small protobuf wire decoder and says what ``tf.io.parse_example`` would refuse: a
missing dense feature without a default, the wrong list kind, the wrong number of values, bytes that are not an
Example.  Only the kind and the count of each feature's values are read, never the values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Mapping

from ..diagnostics import Diagnostic, Severity

PARSE_OPS = ("ParseExample", "ParseExampleV2", "ParseSingleExample")
KINDS = {"DT_FLOAT": "float_list", "DT_INT64": "int64_list", "DT_STRING": "bytes_list"}
"""The Feature list each tf.io dtype is read from."""
_TF_NAMES = {"DT_FLOAT": "float", "DT_INT64": "int64", "DT_STRING": "string"}
_KIND_TYPES = {"float_list": "float", "int64_list": "int64", "bytes_list": "string"}


@dataclass(frozen=True)
class Feature:
    key: str
    dtype: str
    """``DT_FLOAT``, ``DT_INT64`` or ``DT_STRING``."""
    kind: str
    """``dense``, ``sparse`` or ``ragged``."""
    shape: tuple[int, ...] = ()
    """Dense only; a leading -1 is a variable-length (``FixedLenSequenceFeature``) feature."""
    has_default: bool = False
    """Dense only: a default value (a missing feature is then not an error)."""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "dtype": self.dtype, "kind": self.kind, "shape": list(self.shape),
                "has_default": self.has_default}


@dataclass(frozen=True)
class ExampleSpec:
    """What the parse node expects of every Example: its features, and where the node is."""

    features: tuple[Feature, ...]
    op: str
    location: str

    def to_json(self) -> dict[str, Any]:
        return {"op": self.op, "location": self.location, "features": [f.to_json() for f in self.features]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "ExampleSpec":
        return cls(tuple(Feature(f["key"], f["dtype"], f["kind"], tuple(f["shape"]), bool(f["has_default"]))
                         for f in data["features"]), data["op"], data["location"])


# ---------------------------------------------------------------------------------------------- spec from the graph

def example_spec(info: Any, signature: str) -> ExampleSpec | None:
    """The tf.Example spec of the parse node signature ``signature`` runs (None: it parses no Example)."""
    from ..model import graph

    index = graph.graph_index(info)
    if index is None or signature not in info.signatures:
        return None
    walker = graph.signature_reach(index, signature, info.meta_graph.signature_def[signature])
    for where, (scope, node) in sorted(walker.reached.items()):
        if node.op in PARSE_OPS:
            return ExampleSpec(tuple(_features(scope, node)), node.op, where)
    return None


def _dtype_names(values: Any) -> list[str]:
    from ..model.reader import dtype_name

    return [dtype_name(v) for v in values]


def _shapes(attr: Any) -> list[tuple[int, ...]]:
    from ..model.reader import shape_of

    return [shape_of(s) or () for s in attr.list.shape]


_PASS_THROUGH = ("Identity", "IdentityN", "Reshape", "Cast", "StopGradient")


def _source(scope: Any, ref: str) -> Any:
    """The node behind input ``ref``, through ops that keep its values (Identity, Reshape …); None when absent."""
    node = None
    for _ in range(16):
        node = scope.nodes.get(ref.lstrip("^").split(":", 1)[0])
        if node is None or node.op not in _PASS_THROUGH or not node.input:
            return node
        ref = node.input[0]
    return node


def _const(scope: Any, ref: str) -> Any:
    """The TensorProto of the Const node behind input ``ref``, or None."""
    node = _source(scope, ref)
    return node.attr["value"].tensor if node is not None and node.op == "Const" else None


def _strings(tensor: Any) -> list[str]:
    return [] if tensor is None else [s.decode("utf-8", "replace") for s in tensor.string_val]


def _has_default(scope: Any, ref: str) -> bool:
    """A dense default with at least one value (an empty Const means: required); a default computed by other ops
    is taken as a default (nothing is claimed that the graph does not show)."""
    node = _source(scope, ref)
    if node is None or node.op != "Const":
        return True
    dims = [d.size for d in node.attr["value"].tensor.tensor_shape.dim]
    n = 1
    for d in dims:
        n *= d
    return n > 0


def _features(scope: Any, node: Any) -> Iterator[Feature]:
    attr, inputs = node.attr, [i for i in node.input if not i.startswith("^")]
    tdense = _dtype_names(attr["Tdense"].list.type)
    shapes = _shapes(attr["dense_shapes"])
    if node.op == "ParseExampleV2":
        sparse_keys = _strings(_const(scope, inputs[2]))
        dense_keys = _strings(_const(scope, inputs[3]))
        ragged_keys = _strings(_const(scope, inputs[4]))
        defaults = inputs[5:5 + len(tdense)]
        sparse_types = _dtype_names(attr["sparse_types"].list.type)
        ragged_types = _dtype_names(attr["ragged_value_types"].list.type)
    elif node.op == "ParseExample":
        ns, nd = attr["Nsparse"].i, attr["Ndense"].i
        sparse_keys = [k for i in inputs[2:2 + ns] for k in _strings(_const(scope, i))]
        dense_keys = [k for i in inputs[2 + ns:2 + ns + nd] for k in _strings(_const(scope, i))]
        defaults = inputs[2 + ns + nd:2 + ns + 2 * nd]
        sparse_types = _dtype_names(attr["sparse_types"].list.type)
        ragged_keys, ragged_types = [], []
    else:  # ParseSingleExample
        sparse_keys = [s.decode("utf-8", "replace") for s in attr["sparse_keys"].list.s]
        dense_keys = [s.decode("utf-8", "replace") for s in attr["dense_keys"].list.s]
        defaults = inputs[1:1 + len(tdense)]
        sparse_types = _dtype_names(attr["sparse_types"].list.type)
        ragged_keys, ragged_types = [], []
    for i, key in enumerate(dense_keys):
        yield Feature(key, tdense[i] if i < len(tdense) else "DT_INVALID", "dense",
                      shapes[i] if i < len(shapes) else (),
                      _has_default(scope, defaults[i]) if i < len(defaults) else False)
    for key, dt in zip(sparse_keys, sparse_types):
        yield Feature(key, dt, "sparse")
    for key, dt in zip(ragged_keys, ragged_types):
        yield Feature(key, dt, "ragged")


# ---------------------------------------------------------------------------------------------- the wire

class NotAnExample(ValueError):
    """The bytes do not parse as a tf.Example message."""


def _varint(data: bytes, i: int, end: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        if i >= end or shift > 63:
            raise NotAnExample("a varint runs past its message")
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7


def _fields(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int, int]]:
    """(field number, wire type, start, end) of each field of the message in ``data[start:end]``; for varint and
    fixed fields start:end is the value's bytes."""
    i = start
    while i < end:
        key, i = _varint(data, i, end)
        number, wire = key >> 3, key & 7
        if number == 0:
            raise NotAnExample("field number 0")
        if wire == 0:
            j = i
            _, i = _varint(data, i, end)
            yield number, wire, j, i
        elif wire == 1:
            i += 8
            yield number, wire, i - 8, i
        elif wire == 5:
            i += 4
            yield number, wire, i - 4, i
        elif wire == 2:
            size, i = _varint(data, i, end)
            if i + size > end:
                raise NotAnExample("a length-delimited field runs past its message")
            i += size
            yield number, wire, i - size, i
        else:
            raise NotAnExample(f"wire type {wire} (groups are not in tf.Example)")
        if i > end:
            raise NotAnExample("a field runs past its message")


def _count(data: bytes, kind: str, start: int, end: int) -> int:
    """How many values a FloatList / Int64List / BytesList holds."""
    n = 0
    for number, wire, a, b in _fields(data, start, end):
        if number != 1:
            continue
        if kind == "bytes_list":
            if wire != 2:
                raise NotAnExample("a BytesList value that is not bytes")
            n += 1
        elif kind == "float_list":
            if wire == 5:
                n += 1
            elif wire == 2:
                if (b - a) % 4:
                    raise NotAnExample("packed floats whose length is not a multiple of 4")
                n += (b - a) // 4
            else:
                raise NotAnExample("a FloatList value that is not a float")
        else:
            if wire == 0:
                n += 1
            elif wire == 2:
                chunk = data[a:b]
                if chunk and chunk[-1] & 0x80:
                    raise NotAnExample("packed int64 values end inside a varint")
                n += sum(1 for c in chunk if not c & 0x80)
            else:
                raise NotAnExample("an Int64List value that is not a varint")
    return n


_KIND_OF_FIELD = {1: "bytes_list", 2: "float_list", 3: "int64_list"}


def read_example(data: bytes) -> dict[str, tuple[str | None, int]]:
    """feature key → (list kind or None when no list is set, number of values); raises :class:`NotAnExample`."""
    out: dict[str, tuple[str | None, int]] = {}
    end = len(data)
    for number, wire, a, b in _fields(data, 0, end):
        if number != 1:
            continue  # unknown fields are kept and ignored by protobuf
        if wire != 2:
            raise NotAnExample("Example.features is not a message")
        for fn, fw, fa, fb in _fields(data, a, b):
            if fn != 1:
                continue
            if fw != 2:
                raise NotAnExample("a Features map entry is not a message")
            key, kind, count = "", None, 0
            for en, ew, ea, eb in _fields(data, fa, fb):
                if en == 1:
                    if ew != 2:
                        raise NotAnExample("a feature key is not a string")
                    try:
                        key = data[ea:eb].decode("utf-8")
                    except UnicodeDecodeError:
                        raise NotAnExample("a feature key is not UTF-8") from None
                elif en == 2:
                    if ew != 2:
                        raise NotAnExample("a Feature is not a message")
                    kind, count = None, 0
                    for vn, vw, va, vb in _fields(data, ea, eb):  # oneof kind: the last one set wins
                        if vn in _KIND_OF_FIELD:
                            if vw != 2:
                                raise NotAnExample("a Feature's list is not a message")
                            kind = _KIND_OF_FIELD[vn]
                            count = _count(data, kind, va, vb)
            out[key] = (kind, count)  # a repeated key: the last entry wins (protobuf map semantics)
    return out


# ---------------------------------------------------------------------------------------------- the check

def _finding(message: str, category: str, hint: str, *, expected: str | None = None,
             received: str | None = None, path: str = "$") -> Diagnostic:
    return Diagnostic("batch.example", Severity.ERROR, message, category=category, path=path, expected=expected,
                      received=received, hint=hint)


def check_example(data: bytes, spec: ExampleSpec) -> list[Diagnostic]:
    """What ``tf.io.parse_example`` with ``spec`` would refuse in the serialized Example ``data`` (empty: nothing).

    TF Serving fails the whole request for one bad Example, so every other instance Vertex AI grouped with it
    fails too."""
    try:
        features = read_example(data)
    except NotAnExample as exc:
        return [_finding(f"the record is not a serialized tf.Example ({exc}); the model parses its input with "
                         f"{spec.op}", "serialized_example_input_expected",
                         "write each record with tf.train.Example(...).SerializeToString()",
                         expected="a serialized tf.Example", received=f"{len(data)} bytes")]
    out: list[Diagnostic] = []
    for f in spec.features:
        path = f"$.features.{f.key}"
        got = features.get(f.key)
        want = KINDS.get(f.dtype)
        kind, count = got if got is not None else (None, 0)
        if kind is None:  # absent, or present with no list set: parse_example reads both as missing
            if f.kind == "dense" and not f.has_default and not (f.shape and f.shape[0] == -1):
                out.append(_finding(f'feature "{f.key}" is required ({_TF_NAMES.get(f.dtype, f.dtype)}, shape '
                                    f"{list(f.shape)}, no default) but the Example does not have it",
                                    "input_keys_mismatch",
                                    f'add "{f.key}" to every Example, or give the feature a default_value',
                                    expected=f'feature "{f.key}"', received="missing", path=path))
            continue
        if want is not None and kind != want:
            out.append(_finding(f'feature "{f.key}" is {_TF_NAMES.get(f.dtype, f.dtype)} ({want}) but the Example '
                                f"holds a {kind} ({_KIND_TYPES[kind]})", "dtype_mismatch",
                                f'write "{f.key}" as tf.train.Feature({want}=...)', expected=want, received=kind,
                                path=path))
            continue
        if f.kind != "dense":
            continue
        if f.shape and f.shape[0] == -1:  # FixedLenSequenceFeature: a whole number of elements
            inner = 1
            for d in f.shape[1:]:
                inner *= d
            if inner and count % inner:
                out.append(_finding(f'feature "{f.key}" has {count} values, not a multiple of {inner} (shape '
                                    f"{list(f.shape)})", "input_shape_mismatch",
                                    f'write a multiple of {inner} values for "{f.key}"',
                                    expected=f"a multiple of {inner} values", received=f"{count} values", path=path))
            continue
        size = 1
        for d in f.shape:
            size *= d
        if count != size:
            out.append(_finding(f'feature "{f.key}" has {count} value{"s" if count != 1 else ""} but its shape '
                                f"{list(f.shape)} needs {size}", "input_shape_mismatch",
                                f'write exactly {size} value{"s" if size != 1 else ""} for "{f.key}"',
                                expected=f"{size} values", received=f"{count} values", path=path))
    return out


