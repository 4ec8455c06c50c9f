"""decode_request beyond the vectors: SPEC statements marked [C]/[D]/[P], §18 corrections, the two roads giving
the same answer, and hypothesis properties (any tensor round-trips; one mutation → one error at its path)."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sigcheck.codec.request import decode_faithful, decode_request, float32_is_certain
from sigcheck.model.types import Signature, TensorSpec


def sigs(inputs: dict[str, str], key: str = "serving_default") -> dict[str, Signature]:
    return {key: Signature(key, "tensorflow/serving/predict",
                           {n: TensorSpec(n, dt, None) for n, dt in inputs.items()}, {})}


X = sigs({"x": "DT_FLOAT"})
XY = sigs({"x": "DT_FLOAT", "y": "DT_INT64"})


def both(body: bytes, signatures=X):
    """decode_request and the faithful road; they must agree on everything observable."""
    a, b = decode_request(body, signatures), decode_faithful(body, signatures)
    assert (a.accepted, a.http_status, a.error, a.status_code, a.format, a.signature_name) == (
        b.accepted, b.http_status, b.error, b.status_code, b.format, b.signature_name)
    assert sorted(a.tensors) == sorted(b.tensors)
    for name in a.tensors:
        ta, tb = a.tensors[name], b.tensors[name]
        assert (ta.dtype, ta.shape, ta.array.dtype) == (tb.dtype, tb.shape, tb.array.dtype)
        if ta.array.dtype == object:
            assert ta.array.tolist() == tb.array.tolist()
        else:
            assert np.array_equal(ta.array, tb.array, equal_nan=True)
    return a


@pytest.mark.parametrize(
    ("body", "error", "status"),
    [
        (b"", "JSON Parse error: The document is empty", 400),
        (b"[1]", "JSON Value: [1] Is not object", 400),
        (b'{"instances": [1], "inputs": null}', "JSON Value: {\n    \"instances\": [1],\n    \"inputs\": null\n} Not "
         "formatted correctly expecting only one of 'inputs' or 'instances' keys to exist ", 400),
        (b'{"instances": {}}', "JSON Value: {\n    \"instances\": {}\n} Expecting 'instances' to be an list/array", 400),
        (b'{"instances": []}', "JSON Value: {\n    \"instances\": []\n} No values in 'instances' array", 400),
        (b'{"parameters": {}}', "Missing 'inputs' or 'instances' key", 400),
        (b'{"signature_name": "nope", "instances": [1]}', 'Serving signature name: "nope" not found in signature def',
         400),
        (b'{"instances": [[[1], 2]]}', "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: "
         "JSON Value: 2 found at incorrect level: 2 in the JSON DOM. Expected at level: 2", 400),
        (b'{"instances": [[1, [2]]]}', "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: "
         "Encountered list at unexpected level: 1 expected < 1", 400),
        (b'{"instances": [[[1, 2], [3]]]}', "Failed to process element: 0 of 'instances' list. Error: "
         "INVALID_ARGUMENT: Encountered list at unexpected size: 1 at level: 1 expected size: 2", 400),
        (b'{"instances": [[], [1]]}', "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: "
         "Expecting tensor size: 0 but got: 1", 400),
        (b'{"instances": [{"b64": "aGk="}]}', "Failed to process element: 0 of 'instances' list. Error: "
         "INVALID_ARGUMENT: JSON Value: {\n    \"b64\": \"aGk=\"\n} Type: Object is not of expected type: float", 400),
        (b'{"instances": [true]}', "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: "
         "JSON Value: true Type: True is not of expected type: float", 400),
        (b'{"inputs": [[0.35, true]]}', "JSON Value: true Type: True is not of expected type: float", 400),
        (b'{"inputs": [' + b"1.5, " * 20 + b'false]}', "JSON Value: false Type: False is not of expected type: float",
         400),
        (b'{"instances": [1.0, NaN, "a"]}', "Failed to process element: 2 of 'instances' list. Error: "
         "INVALID_ARGUMENT: JSON Value: \"a\" Type: String is not of expected type: float", 400),
        (b'{"instances": [[1.0, "a", NaN]]}', "Failed to process element: 0 of 'instances' list. Error: "
         "INVALID_ARGUMENT: JSON Value: \"a\" Type: String is not of expected type: float", 400),
        (b'{"instances": [NaN, null]}', "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: "
         "JSON Value: null Type: Null is not of expected type: float", 400),
    ],
)
def test_messages(body: bytes, error: str, status: int) -> None:
    d = both(body)
    assert (d.accepted, d.error, d.http_status) == (False, error, status)


def test_nan_leaf_prints_empty() -> None:
    d = both(b'{"instances": [NaN]}', sigs({"x": "DT_INT32"}))
    assert d.error.endswith("Error: INVALID_ARGUMENT: JSON Value:  Type: Number is not of expected type: int32")


def test_accepted_shapes_and_values() -> None:
    assert both(b'{"instances": [[]]}').tensors["x"].shape == (1, 0)
    assert both(b'{"inputs": []}').tensors["x"].shape == (0,)
    assert both(b'{"inputs": [[], []]}').tensors["x"].shape == (2, 0)
    assert both(b'{"inputs": 5}').tensors["x"].shape == ()
    d = both(b'{"instances": [1, 2.5, 1435774380]}')
    assert d.tensors["x"].array.tolist() == [1.0, 2.5, 1435774336.0]
    d = both(b'{"inputs": {"x": [1.0], "y": [[1, 2]], "extra": "ignored"}}', XY)
    assert d.format == "columnar" and d.tensors["y"].shape == (1, 2) and d.tensors["y"].array.dtype == np.int64


def test_integer_ranges() -> None:
    ok = both(b'{"instances": [300, -1]}', sigs({"x": "DT_UINT8"}))  # no narrower check; C++ wraps
    assert ok.accepted and ok.tensors["x"].array.tolist() == [44, 255]
    assert not both(b'{"instances": [2147483648]}', sigs({"x": "DT_INT32"})).accepted
    assert not both(b'{"instances": [9223372036854775808]}', sigs({"x": "DT_INT64"})).accepted
    assert both(b'{"instances": [18446744073709551615]}', sigs({"x": "DT_UINT64"})).accepted
    assert not both(b'{"instances": [-1]}', sigs({"x": "DT_UINT32"})).accepted
    assert not both(b'{"instances": [1.0]}', sigs({"x": "DT_INT32"})).accepted
    assert not both(b'{"instances": [0, 1]}', sigs({"x": "DT_BOOL"})).accepted


def test_unsupported_dtypes() -> None:
    half = sigs({"x": "DT_HALF"})
    col = both(b'{"inputs": [1.0]}', half)
    assert (col.http_status, col.status_code, col.error) == (501, "UNIMPLEMENTED",
                                                           "Conversion of JSON Value: 1.0 to type: half")
    row = both(b'{"instances": [1.0]}', half)
    assert row.http_status == 400 and "Error: UNIMPLEMENTED: Conversion of JSON Value: 1.0 to type: half" in row.error
    assert both(b'{"inputs": null}', half).http_status == 501  # §18.4
    obj = both(b'{"inputs": [{"a": 1}]}', half)  # §18.5: an object leaf is a type error
    assert obj.http_status == 400 and "Type: Object is not of expected type: half" in obj.error
    assert both(b'{"inputs": []}', half).accepted


def test_b64_objects() -> None:
    s = sigs({"s": "DT_STRING"})
    assert both(b'{"inputs": {"b64": "aGk="}}', s).tensors["s"].array.tolist() == b"hi"
    assert both(b'{"instances": [{"s": {"b64": "aGk"}}]}', s).tensors["s"].array.tolist() == [b"hi"]
    assert both(b'{"instances": [{"b64": 5}]}', s).error == (
        "Failed to process element: 0 key: b64 of 'instances' list. Error: INVALID_ARGUMENT: JSON object: does not "
        "have named input: b64")
    assert both(b'{"inputs": {"b64": 5}}', s).error == "Missing named input: s in 'inputs' object."
    assert "not formatted correctly for base64 data" in both(b'{"inputs": [{"b64": 5}]}', s).error
    assert "Unable to base64 decode" in both(b'{"inputs": [{"b64": "a"}]}', s).error


def test_row_object_rules() -> None:
    d = both(b'{"instances": [{"x": 1.0, "y": 2, "z": 3}]}', XY)
    assert d.error == ("Failed to process element: 0 key: z of 'instances' list. Error: INVALID_ARGUMENT: "
                       "JSON object: does not have named input: z")
    d = both(b'{"instances": [{"x": 1.0}]}', XY)
    assert d.error == ("Failed to process element: 0 of 'instances' list. JSON object: {\n    \"x\": 1.0\n} keys must "
                       "be equal to: x,y")
    assert both(b'{"instances": [1.0]}', XY).error.startswith("instances is a plain list")
    assert both(b'{"inputs": [1.0]}', XY).error.startswith("inputs is a plain value/list")
    assert both(b'{"inputs": {"x": [1.0]}}', XY).error == "Missing named input: y in 'inputs' object."


def test_duplicate_keys_in_a_row_are_accepted_and_flagged() -> None:
    d = both(b'{"instances": [{"x": 1, "x": 2}, {"x": 3}]}')
    assert d.accepted and d.tensors["x"].array.tolist() == [1.0, 2.0]
    assert d.duplicates == (("instances", 0, "x"),)
    assert not both(b'{"instances": [{"x": 1, "x": [2]}]}').accepted
    top = both(b'{"instances": [1], "instances": "ignored"}')
    assert top.accepted and top.tensors["x"].array.tolist() == [1.0]


def test_bom_trailing_nul() -> None:
    assert both(b'\xef\xbb\xbf{"instances": [1]}').accepted
    assert both(b'{"instances": [1]} trailing').accepted
    assert both(b'{"instances": [1]}\x00{').accepted
    d = both(b'{"instances": [1]\x00}')
    assert d.error == "JSON Parse error: Missing a comma or '}' after an object member. at offset: 17"


def test_rank_limit() -> None:
    deep = b'{"inputs": ' + b"[" * 255 + b"1" + b"]" * 255 + b"}"
    assert both(deep).error == "tensor parsing error: x"
    ok = b'{"inputs": ' + b"[" * 254 + b"1" + b"]" * 254 + b"}"
    assert both(ok).accepted


def test_deep_nesting_costs_linear_time() -> None:
    """u3 F19: TF Serving parses with rapidjson's iterative parser (kParseIterativeFlag, no depth limit) and walks the
    nesting once (GetDenseTensorShape, FillTensorProto): 200,000 levels are one linear pass, then TF's 254-dimension
    limit. The walk once built each level's path, quadratic in the depth: this body took about a minute."""
    import time

    depth = 200_000
    for inner, key, signatures in ((b"", "inputs", X), (b"1", "instances", X),
                                   (b'"a"', "instances", sigs({"x": "DT_STRING"}))):
        body = b'{"%s": ' % key.encode() + b"[" * depth + inner + b"]" * depth + b"}"
        start = time.process_time()
        d = both(body, signatures)
        assert time.process_time() - start < 5
        assert (d.error, d.failure.kind, d.failure.received) == ("tensor parsing error: x", "rank", depth)
    # a failure at the bottom still carries its full path
    body = b'{"inputs": ' + b"[" * depth + b"[1, 2], [3]" + b"]" * depth + b"}"
    start = time.process_time()
    d = both(body)
    assert time.process_time() - start < 5
    assert d.failure.kind == "ragged" and len(d.failure.path) == 1 + depth


def test_empty_input_map() -> None:
    d = both(b'{"instances": [1]}', sigs({}))
    assert d.error == "Failed to get input map for signature: DEFAULT"


def test_fast_road_is_taken_for_ordinary_bodies() -> None:
    body = json.dumps({"instances": np.random.default_rng(0).random((4, 8, 8, 3)).tolist()}).encode()
    assert decode_request(body, X).road == "fast"
    assert decode_request(b'{"instances": [NaN]}', X).road == "faithful"
    assert decode_request(b'{"instances": [1], "instances": [2]}', X).road == "faithful"


def test_float32_certainty() -> None:
    midpoint = 1.0 + 2.0**-24  # exactly between two float32 values
    assert not float32_is_certain(np.array([midpoint]))
    assert float32_is_certain(np.array([0.1, 0.5, 1e-300, 0.0, -3.0]))
    assert not float32_is_certain(np.array([2.0**65]))


def test_doubles_hand_over_for_exactness() -> None:
    d = decode_request(b'{"instances": [0.10000000000000001, 123456789012345678901234.0]}', sigs({"x": "DT_DOUBLE"}))
    assert d.road == "faithful" and d.tensors["x"].array[1] != 123456789012345678901234.0


# ---------------------------------------------------------------------------------------------- properties

REST = {
    "DT_FLOAT": st.floats(width=32, allow_nan=False, allow_infinity=False),
    "DT_DOUBLE": st.integers(-(10**9), 10**9).map(lambda i: i / 1000),
    "DT_INT32": st.integers(-(2**31), 2**31 - 1),
    "DT_INT16": st.integers(-(2**15), 2**15 - 1),
    "DT_INT8": st.integers(-128, 127),
    "DT_UINT8": st.integers(0, 255),
    "DT_INT64": st.integers(-(2**63), 2**63 - 1),
    "DT_UINT32": st.integers(0, 2**32 - 1),
    "DT_UINT64": st.integers(0, 2**64 - 1),
    "DT_BOOL": st.booleans(),
    "DT_STRING": st.binary(max_size=12),
}
NP = {"DT_FLOAT": np.float32, "DT_DOUBLE": np.float64, "DT_INT32": np.int32, "DT_INT16": np.int16,
      "DT_INT8": np.int8, "DT_UINT8": np.uint8, "DT_INT64": np.int64, "DT_UINT32": np.uint32,
      "DT_UINT64": np.uint64, "DT_BOOL": np.bool_, "DT_STRING": object}


@st.composite
def tensors(draw, batch: int | None = None):
    """A signature of 1–3 inputs and, for each, a batch of values of one per-item shape."""
    n_inputs = draw(st.integers(1, 3))
    names = draw(st.lists(st.sampled_from(["x", "age", "image", "tokens", "b"]), min_size=n_inputs,
                          max_size=n_inputs, unique=True))
    batch = batch or draw(st.integers(1, 3))
    out = {}
    for name in names:
        dt = draw(st.sampled_from(sorted(REST)))
        shape = tuple(draw(st.lists(st.integers(1, 3), max_size=3)))
        size = int(np.prod((batch,) + shape))
        values = draw(st.lists(REST[dt], min_size=size, max_size=size))
        out[name] = (dt, (batch,) + shape, values)
    return out


def _json_leaf(dt: str, v):
    if dt == "DT_STRING":
        return {"b64": base64.b64encode(v).decode()}
    return v


def _nest(flat: list, shape: tuple) -> list:
    if not shape:
        return flat[0]
    step = len(flat) // shape[0] if shape[0] else 0
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def encode(spec: dict, fmt: str) -> bytes:
    per = {n: _nest([_json_leaf(dt, v) for v in vals], shape) for n, (dt, shape, vals) in spec.items()}
    if fmt == "columnar":
        return json.dumps({"inputs": per}).encode()
    batch = next(iter(spec.values()))[1][0]
    return json.dumps({"instances": [{n: per[n][i] for n in per} for i in range(batch)]}).encode()


def signatures_for(spec: dict) -> dict[str, Signature]:
    return sigs({n: dt for n, (dt, _s, _v) in spec.items()})


def expected_array(dt: str, shape: tuple, values: list) -> np.ndarray:
    if dt == "DT_STRING":
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        return arr.reshape(shape)
    return np.array(values, dtype=NP[dt]).reshape(shape)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=tensors(), fmt=st.sampled_from(["row", "columnar"]))
def test_any_tensor_round_trips(spec: dict, fmt: str) -> None:
    d = both(encode(spec, fmt), signatures_for(spec))
    assert d.accepted, d.error
    for name, (dt, shape, values) in spec.items():
        t = d.tensors[name]
        assert t.dtype == dt and t.shape == shape
        want = expected_array(dt, shape, values)
        if dt == "DT_STRING":
            assert t.array.tolist() == want.tolist()
        else:
            assert t.array.dtype == want.dtype and np.array_equal(t.array, want)


@st.composite
def mutated(draw):
    spec = draw(tensors())
    fmt = draw(st.sampled_from(["row", "columnar"]))
    name = draw(st.sampled_from(sorted(spec)))
    dt, shape, values = spec[name]
    per = {n: _nest([_json_leaf(d, v) for v in vals], s) for n, (d, s, vals) in spec.items()}
    kinds = ["wrong_dtype"] + (["ragged"] if len(shape) >= 2 and shape[-1] >= 2 else []) + (
        ["missing_key"] if fmt == "row" else [])
    kind = draw(st.sampled_from(kinds))
    batch = shape[0]
    item = draw(st.integers(0, batch - 1))
    if fmt == "row":
        body = {"instances": [{n: per[n][i] for n in per} for i in range(batch)]}
        where: list = ["instances", item, name]
        target = body["instances"][item]
        node_parent, node_key = target, name
    else:
        body = {"inputs": per}
        where = ["inputs", name, item]
        node_parent, node_key = per[name], item
    # walk down to a leaf along index 0 after the chosen item
    inner = []
    node = node_parent[node_key]
    while isinstance(node, list):
        inner.append(len(node) - 1)
        node = node[-1]
    if kind == "missing_key":
        del target[name]
        return fmt, spec, body, kind, ["instances", item]
    if kind == "ragged":
        # shorten the last innermost list; TF reports it where it is, unless it lies on the [0] path that fixes
        # the shape (then, in row format, at the item when it is not item 0)
        lst = node_parent[node_key]
        for k in inner[:-1]:
            lst = lst[k]
        lst.pop()
        positions = ([item] if fmt == "columnar" else []) + inner[:-1]
        if not any(positions):
            assume(fmt == "row" and item > 0)
            return fmt, spec, body, kind, where
        return fmt, spec, body, kind, where + inner[:-1]
    bad = 1.5 if dt in ("DT_STRING", "DT_BOOL") or dt.startswith(("DT_INT", "DT_UINT")) else "oops"
    holder = node_parent
    key = node_key
    for k in inner:
        holder, key = holder[key], k
    holder[key] = bad
    return fmt, spec, body, kind, where + inner


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=mutated())
def test_one_mutation_one_error_at_its_path(case) -> None:
    fmt, spec, body, kind, path = case
    d = both(json.dumps(body).encode(), signatures_for(spec))
    assert not d.accepted
    got = list(d.failure.path)
    assert path[: len(got)] == got, (kind, got, path, d.error)
    assert len(got) >= 2 and got[0] == ("instances" if fmt == "row" else "inputs")
    if kind == "wrong_dtype":
        assert d.failure.kind == "type" and got == path
    if kind == "missing_key":
        assert d.failure.kind == "keys_mismatch" and got == path


json_leaves = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, width=64),
                        st.text(max_size=4), st.builds(lambda b: {"b64": base64.b64encode(b).decode()}, st.binary(max_size=4)))
json_values = st.recursive(json_leaves, lambda kids: st.lists(kids, max_size=20) | st.dictionaries(
    st.sampled_from(["x", "y", "b64", "a:b"]), kids, max_size=3), max_leaves=60)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=json_values, key=st.sampled_from(["instances", "inputs"]),
       dts=st.lists(st.sampled_from(sorted(REST) + ["DT_HALF"]), min_size=1, max_size=2, unique=True),
       dup=st.booleans())
def test_fast_and_faithful_roads_agree_on_any_body(value, key, dts, dup) -> None:
    names = ["x", "y"][: len(dts)]
    body = json.dumps({key: value}).encode()
    if dup:
        body = body[:-1] + b', "' + key.encode() + b'": [1]}'
    both(body, sigs(dict(zip(names, dts))))


@settings(max_examples=300, deadline=None)
@given(f=st.floats(width=32, allow_nan=False, allow_infinity=False), steps=st.integers(-40, 40),
       tiny=st.booleans())
def test_float32_certainty_is_what_rounding_says(f, steps, tiny) -> None:
    """Certain exactly when no double within 8 ulps rounds to another float32 (checked by stepping)."""
    import math

    base = float(f) * (2.0**-140 if tiny else 1.0)
    if abs(base) >= 1.8e19:
        assume(False)
    nxt = np.float32(f)
    mid = (float(nxt) + float(np.nextafter(nxt, np.float32(np.inf)))) / 2  # a rounding boundary near f
    v = np.nextafter(mid, math.inf) if not tiny else base
    for _ in range(abs(steps)):
        v = np.nextafter(v, math.copysign(math.inf, steps))
    arr = np.array([v], dtype=np.float64)
    near = [arr[0]]
    for direction in (math.inf, -math.inf):
        x = arr[0]
        for _ in range(8):
            x = np.nextafter(x, direction)
            near.append(x)
    same = len({float(np.float32(x)) for x in near}) == 1  # (the sign of an exact zero is not in doubt)
    if float32_is_certain(arr):
        assert same, (v, steps)


@pytest.mark.parametrize("body", [
    b'{"instances": [[2.5], [1435774380]]}',  # nested: the numpy conversion
    b'{"instances": [' + b", ".join([b"2.5"] * 20 + [b"1435774380"]) + b"]}",  # 16 or more values
    b'{"inputs": [[2.5, 1435774380]]}',
])
def test_an_inexact_integer_among_doubles_is_noted_on_every_road(body: bytes) -> None:
    """1435774380 becomes 1435774336 in float32: noted whether numpy or the Python fill converts the array."""
    fast, faithful = decode_request(body, X), decode_faithful(body, X)
    assert [kind for _, kind in fast.notes] == [kind for _, kind in faithful.notes] == ["int_precision"]
    assert decode_request(body.replace(b"1435774380", b"1435774380.0"), X).notes == ()  # a double: no note
