"""The tf.Example check without TensorFlow: the feature spec from the graph, each record read off the wire.

:func:`example_spec` finds the ``ParseExample`` / ``ParseExampleV2`` / ``ParseSingleExample`` node a signature runs
(:mod:`sigcheck.model.graph`'s walk) and reads its spec from the node's attrs and the ``Const`` nodes feeding it:
dense keys, dtypes, shapes and defaults; sparse and ragged keys and dtypes.  :func:`check_example` reads one
serialized ``tf.Example`` with a protobuf message of its own and says what ``tf.io.parse_example`` would refuse: a
missing dense feature without a default, the wrong list kind, the wrong number of values, bytes that are not an
Example.  Only the kind and the count of each feature's values are read, never the values.
"""

from __future__ import annotations

import functools
import math
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


def input_specs(info: Any, signature: str) -> dict[str, ExampleSpec]:
    """Input name → the tf.Example spec of the parse node it feeds (:func:`sigcheck.model.feeds.parsed_inputs`):
    the string inputs whose values must be serialized Examples.  When several inputs each feed a parse node, which
    spec is whose is not told apart: each gets the spec with no features (only the wire format is checked)."""
    from ..model.feeds import parsed_inputs

    if getattr(info, "meta_graph", None) is None or signature not in info.signatures:
        return {}
    names = sorted(parsed_inputs(info, signature))
    if not names:
        return {}
    spec = example_spec(info, signature)
    if spec is None:
        ops = parsed_inputs(info, signature)[names[0]]
        spec = ExampleSpec((), ops[0], "")
    if len(names) > 1:
        spec = ExampleSpec((), spec.op, spec.location)
    return {n: spec for n in names}


# ---------------------------------------------------------------------------------------------- the wire

class NotAnExample(ValueError):
    """The bytes do not parse as a tf.Example message."""


@functools.lru_cache(maxsize=None)
def example_class() -> Any:
    """tf.Example as a protobuf message of our own (package ``sigcheck.example``: no clash with TensorFlow's),
    built from a descriptor in code (once) and parsed by protobuf's C implementation."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    f = descriptor_pb2.FileDescriptorProto(name="sigcheck_example.proto", package="sigcheck.example",
                                           syntax="proto3")
    label, repeated = descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL, \
        descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
    t = descriptor_pb2.FieldDescriptorProto

    def message(name: str, *fields: tuple) -> Any:
        m = f.message_type.add(name=name)
        for fname, number, ftype, lab, type_name, *oneof in fields:
            fd = m.field.add(name=fname, number=number, type=ftype, label=lab)
            if type_name:
                fd.type_name = type_name
            if oneof:
                fd.oneof_index = 0
        return m

    message("BytesList", ("value", 1, t.TYPE_BYTES, repeated, None))
    message("FloatList", ("value", 1, t.TYPE_FLOAT, repeated, None))
    message("Int64List", ("value", 1, t.TYPE_INT64, repeated, None))
    feature = message("Feature", ("bytes_list", 1, t.TYPE_MESSAGE, label, ".sigcheck.example.BytesList", 0),
                      ("float_list", 2, t.TYPE_MESSAGE, label, ".sigcheck.example.FloatList", 0),
                      ("int64_list", 3, t.TYPE_MESSAGE, label, ".sigcheck.example.Int64List", 0))
    feature.oneof_decl.add(name="kind")
    features = message("Features", ("feature", 1, t.TYPE_MESSAGE, repeated, ".sigcheck.example.Features.FeatureEntry"))
    entry = features.nested_type.add(name="FeatureEntry")
    entry.field.add(name="key", number=1, type=t.TYPE_STRING, label=label)
    entry.field.add(name="value", number=2, type=t.TYPE_MESSAGE, label=label, type_name=".sigcheck.example.Feature")
    entry.options.map_entry = True
    message("Example", ("features", 1, t.TYPE_MESSAGE, label, ".sigcheck.example.Features"))
    pool = descriptor_pool.DescriptorPool()
    pool.Add(f)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("sigcheck.example.Example"))


def parse_example(data: bytes) -> Any:
    """The Example's feature map (key → Feature message); raises :class:`NotAnExample`."""
    from google.protobuf.message import DecodeError

    msg = example_class()()
    try:
        msg.ParseFromString(data)
    except DecodeError as exc:
        raise NotAnExample(str(exc) or "not a protobuf message") from None
    return msg.features.feature


def serialize_example(features: Mapping[str, Mapping[str, Any]]) -> bytes:
    """A serialized tf.Example: feature name → ``{"float_list"|"int64_list"|"bytes_list": values}`` (an empty
    mapping: the feature is present with no list set)."""
    example = example_class()()
    feature_map = example.features.feature
    for name, kinds in features.items():
        feature = feature_map[name]
        for kind, values in kinds.items():
            getattr(feature, kind).value.extend(values)
    return example.SerializeToString(deterministic=True)


# TensorFlow's own reading (example_proto_fast_parsing.cc), which is not protobuf's: an unknown top-level field is
# skipped with its length unchecked (a word such as "river" reads as an empty Example, "seven" does not: a group),
# a feature map entry is exactly two fields, a Feature is read by its FIRST list, and a packed float list counts
# length // 4 values.  :func:`read_features` follows it byte for byte, so "not an Example" is TensorFlow's verdict.

_LIMIT = 1 << 31  # (CodedInputStream::PushLimit and Skip take an int: a larger length leaves the limit / does not move)


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int] | None:
    """(value, next position) of the varint at ``pos`` (at most 10 bytes, before ``end``), or None."""
    if pos < end:  # (one byte: most tags and lengths of an Example)
        b = data[pos]
        if b < 0x80:
            return b, pos + 1
    value = shift = 0
    for i in range(10):
        if pos + i >= end:
            return None
        b = data[pos + i]
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value & 0xFFFFFFFF, pos + i + 1  # (ReadVarint32 / ReadTag keep the low 32 bits)
        shift += 7
    return None


def _pushed(pos: int, length: int, end: int) -> int:
    """The end PushLimit(length) gives at ``pos`` (it only ever shrinks the current one)."""
    return pos + length if length < _LIMIT and length < end - pos else end


def _skip_field(data: bytes, pos: int, end: int) -> int | None:
    """SkipExtraneousTag: the position after the unknown field at ``pos``, or None when TensorFlow fails."""
    tag = _varint(data, pos, end)
    if tag is None:
        return None
    wire, pos = tag[0] & 7, tag[1]
    if wire == 0:
        v = _varint(data, pos, end)
        return None if v is None else v[1]
    if wire in (1, 5):
        n = 8 if wire == 1 else 4
        return pos + n if end - pos >= n else None
    if wire == 2:
        v = _varint(data, pos, end)
        if v is None:
            return None
        length, pos = v
        if length >= _LIMIT:
            return pos  # (Skip(negative) fails without moving; its result is not looked at)
        return min(pos + length, end)  # (a Skip past the end stops there: its failure is not looked at)
    return None  # groups, wire types 6 and 7


def _string(data: bytes, pos: int, end: int) -> tuple[bytes, int] | None:
    v = _varint(data, pos, end)
    if v is None:
        return None
    length, pos = v
    if length == 0:
        return b"", pos
    if pos >= end or end - pos < length:
        return None
    return data[pos:pos + length], pos + length


def _entry(data: bytes, pos: int, end: int) -> tuple[bytes, bytes, int] | None:
    """ParseFeatureMapEntry: (key, Feature bytes, next position) or None."""
    v = _varint(data, pos, end)
    if v is None:
        return None
    length, pos = v
    stop = _pushed(pos, length, end)
    key = value = b""
    for _ in range(2):  # key and value, in any order, exactly two fields
        tag = _varint(data, pos, stop)
        if tag is None or tag[0] not in (0x0A, 0x12):
            return None
        got = _string(data, tag[1], stop)
        if got is None:
            return None
        if tag[0] == 0x0A:
            key = got[0]
        else:
            value = got[0]
        pos = got[1]
    return (key, value, pos) if pos == stop else None


_LIST_KIND = {0x0A: "bytes_list", 0x12: "float_list", 0x1A: "int64_list"}


def _list_count(kind: str, data: bytes) -> int | tuple[int, int] | None:
    """How many values TensorFlow reads from a Feature's list (``data``: after its oneof tag), None when it cannot;
    for a packed float list (count, values whose 4 bytes are there): TensorFlow counts length // 4 and reads only as
    many as it keeps (a dense feature: at most its size)."""
    v = _varint(data, 0, len(data))
    if v is None:
        return None
    length, pos = v
    end = _pushed(pos, length, len(data))
    count = 0
    if pos == end:
        return 0
    first = data[pos]
    if kind == "bytes_list":
        while pos < end:
            if data[pos] != 0x0A:
                return None
            got = _varint(data, pos + 1, end)
            if got is None or end - got[1] < got[0]:
                return None
            pos, count = got[1] + got[0], count + 1
        return count
    packed, single = (0x0A, 0x0D) if kind == "float_list" else (0x0A, 0x08)
    if first not in (packed, single):
        return None
    if first == packed:
        got = _varint(data, pos + 1, end)
        if got is None:
            return None
        n, pos = got
        inner = _pushed(pos, n, end)
        if kind == "float_list":
            return n // 4, min(n // 4, (inner - pos) // 4)
        while pos < inner:
            got = _varint(data, pos, inner)
            if got is None:
                return None
            pos, count = got[1], count + 1
        return count
    while pos < end:
        if data[pos] != single:
            return None
        if kind == "float_list":
            if end - pos - 1 < 4:
                return None
            pos += 5
        else:
            got = _varint(data, pos + 1, end)
            if got is None:
                return None
            pos = got[1]
        count += 1
    return count


def read_features(data: bytes) -> dict[str, tuple[str | None, int | None, int | None]]:
    """TensorFlow's fast parser on one serialized Example: feature key → (list kind, number of values, values
    whose bytes are there) — kind None for a Feature with no list set, ``"unsupported"`` for one TensorFlow cannot
    type; count None when the list cannot be read (the third differs from the count only for a packed float list
    cut short).  The last entry of a key wins, and the order is TensorFlow's (last entry first).  Raises
    :class:`NotAnExample` where TensorFlow answers ``Could not parse example input``."""
    entries: list[tuple[bytes, bytes]] = []
    pos, end = 0, len(data)
    while pos < end:
        if data[pos] == 0x0A:  # Example.features
            v = _varint(data, pos + 1, end)
            if v is None:
                raise NotAnExample("the features field's length cannot be read")
            length, pos = v
            stop = _pushed(pos, length, end)
            while pos < stop:
                if data[pos] != 0x0A:
                    raise NotAnExample(f"byte {pos} is no feature map entry")
                got = _entry(data, pos + 1, stop)
                if got is None:
                    raise NotAnExample(f"the feature map entry at byte {pos} cannot be read")
                entries.append((got[0], got[1]))
                pos = got[2]
        else:
            nxt = _skip_field(data, pos, end)
            if nxt is None:
                raise NotAnExample(f"byte {pos} starts no field TensorFlow reads (a group, or one cut short)")
            pos = nxt
    out: dict[str, tuple[str | None, int | None, int | None]] = {}
    for key, value in reversed(entries):
        name = key.decode("utf-8", "surrogateescape")
        if name in out:
            continue
        kind = _LIST_KIND.get(value[0]) if value else None
        count = _list_count(kind, value[1:]) if kind else None
        if isinstance(count, tuple):
            out[name] = (kind, count[0], count[1])
        else:
            out[name] = (None, 0, 0) if not value else ("unsupported", None, None) if kind is None else \
                (kind, count, count)
    return out


def kind_and_count(features: Any, key: str) -> tuple[str | None, int]:
    """(list kind or None when absent or no list is set, number of values) of feature ``key``."""
    if key not in features:
        return None, 0
    feature = features[key]
    kind = feature.WhichOneof("kind")
    return kind, len(getattr(feature, kind).value) if kind else 0


# ---------------------------------------------------------------------------------------------- TF's words

NOT_AN_EXAMPLE = "Could not parse example input, value: '{value}'"
"""TensorFlow's error for bytes its fast Example parser cannot read (example_proto_fast_parsing.cc; the literal of the
installed TensorFlow 2.21's libtensorflow_framework.so.2, and what ``sigcheck predict`` answers for ``"seven"``)."""
REQUIRED = "Name: <unknown>, Feature: {key} (data type: {dtype}) is required but could not be found."
WRONG_KIND = "Name: <unknown>, Key: {key}, Index: {index}.  Data types don't match. Data type: {got} but expected type: {want}"
WRONG_COUNT = ("Name: <unknown>, Key: {key}, Index: {index}.  Number of {want} values != expected.  Values size: "
               "{count} but output shape: [{shape}]")
UNSUPPORTED = "Unsupported datatype."
UNREADABLE = "Name: <unknown>, Key: {key}, Index: {index}.  Can't parse serialized Example."
"""ParseExample / ParseExampleV2 on a batch fed without example names (TF Serving's :predict), as TensorFlow 2.21
words them (run on tests/batch/models/tf_example); ``Index`` is the Example's position in the batch."""


def tf_message(finding: Diagnostic, spec: ExampleSpec, data: bytes, index: int) -> str | None:
    """TensorFlow's own error for the :func:`check_example` finding ``finding`` on Example ``index`` of a batch
    (``data``: its bytes), or None when its wording is not known (sparse, ragged, sequence features;
    ``ParseSingleExample``'s feature errors)."""
    if finding.category == "serialized_example_input_expected" and finding.path == "$":
        return NOT_AN_EXAMPLE.format(value=data.decode("utf-8", "replace"))
    if spec.op not in ("ParseExample", "ParseExampleV2"):
        return None
    key = finding.path.removeprefix("$.features.")
    f = next((f for f in spec.features if f.key == key), None)
    if f is None or f.kind != "dense" or (f.shape and f.shape[0] == -1):
        return None
    if finding.category == "serialized_example_input_expected":
        return UNSUPPORTED if "holds no bytes_list" in finding.message else UNREADABLE.format(key=key, index=index)
    want = _TF_NAMES.get(f.dtype, f.dtype)
    if finding.category == "input_keys_mismatch":
        return REQUIRED.format(key=key, dtype=want)
    if finding.category == "dtype_mismatch" and finding.received in _KIND_TYPES:
        return WRONG_KIND.format(key=key, index=index, got=_KIND_TYPES[finding.received], want=want)
    if finding.category == "input_shape_mismatch":
        count = (finding.received or "").split(" ")[0]
        return WRONG_COUNT.format(key=key, index=index, want="bytes" if want == "string" else want, count=count,
                                  shape=",".join(str(d) for d in f.shape))
    return None


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
        features = read_features(data)
    except NotAnExample as exc:
        return [_finding(f"the record is not a serialized tf.Example ({exc}); the model parses its input with "
                         f"{spec.op}", "serialized_example_input_expected",
                         "write each record with tf.train.Example(...).SerializeToString()",
                         expected="a serialized tf.Example", received=f"{len(data)} bytes")]
    out: list[Diagnostic] = []
    # in TensorFlow's order (its first error is its answer): the Example's features last entry first, then the
    # required ones it lacks
    order = {key: i for i, key in enumerate(features)}
    for f in sorted(spec.features, key=lambda f: order.get(f.key, len(order))):
        path = f"$.features.{f.key}"
        want = KINDS.get(f.dtype)
        kind, count, readable = features.get(f.key, (None, 0, 0))
        if count is not None and readable is not None and readable < count:  # a packed float list cut short
            dense = f.kind == "dense" and not (f.shape and f.shape[0] == -1)
            if not dense or readable < min(count, math.prod(f.shape)):
                count = None  # (TensorFlow reads what it keeps: fewer bytes than that cannot be parsed)
        if kind is None:  # absent, or present with no list set: parse_example reads both as missing
            if f.kind == "dense" and not f.has_default and not (f.shape and f.shape[0] == -1):
                out.append(_finding(f'feature "{f.key}" is required ({_TF_NAMES.get(f.dtype, f.dtype)}, shape '
                                    f"{list(f.shape)}, no default) but the Example does not have it",
                                    "input_keys_mismatch",
                                    f'add "{f.key}" to every Example, or give the feature a default_value',
                                    expected=f'feature "{f.key}"', received="missing", path=path))
            continue
        if kind == "unsupported" or count is None:  # (TensorFlow: "Unsupported datatype." / "Can't parse serialized Example")
            out.append(_finding(f'feature "{f.key}" cannot be read: '
                                + ("its Feature holds no bytes_list, float_list or int64_list" if count is None and
                                   kind == "unsupported" else f"its {kind} is cut short or malformed"),
                                "serialized_example_input_expected",
                                f'write "{f.key}" with tf.train.Feature({want or "..."}=...) and serialize the whole '
                                "Example with SerializeToString()", expected=want, received="unreadable bytes",
                                path=path))
            continue
        if want is not None and kind != want:
            article = "an" if kind == "int64_list" else "a"
            out.append(_finding(f'feature "{f.key}" is {_TF_NAMES.get(f.dtype, f.dtype)} ({want}) but the Example '
                                f"holds {article} {kind} ({_KIND_TYPES[kind]})", "dtype_mismatch",
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


