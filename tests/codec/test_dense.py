"""The dense road (simdjson straight into numpy) answers only what the faithful road would answer, or hands over."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigcheck.codec import dense
from sigcheck.codec.request import decode_faithful, decode_request
from sigcheck.model.types import Signature, TensorSpec

pytest.importorskip("simdjson", reason="the dense road needs pysimdjson (pip install 'sigcheck[tf]')")


def sigs(inputs: dict[str, str], key: str = "serving_default") -> dict[str, Signature]:
    return {key: Signature(key, "tensorflow/serving/predict",
                           {n: TensorSpec(n, dt, None) for n, dt in inputs.items()}, {})}


IMAGE = sigs({"image": "DT_FLOAT"})


def agrees_with_faithful(body: bytes, signatures) -> bool:
    """decode_dense (any size) either hands over or gives exactly the faithful road's answer; True if it answered."""
    saved = dense.MIN_BYTES
    dense.MIN_BYTES = 0
    try:
        d = dense.decode_dense(body, signatures)
    finally:
        dense.MIN_BYTES = saved
    if d is None:
        return False
    f = decode_faithful(body, signatures)
    assert (d.accepted, d.http_status, d.error, d.status_code, d.format, d.signature_name) == (
        f.accepted, f.http_status, f.error, f.status_code, f.format, f.signature_name), (body[:200], f.error)
    assert (d.notes, d.duplicates) == (f.notes, f.duplicates) == ((), ())
    assert sorted(d.tensors) == sorted(f.tensors)
    for name, t in d.tensors.items():
        g = f.tensors[name]
        assert (t.dtype, t.shape, t.array.dtype, t.array.shape) == (g.dtype, g.shape, g.array.dtype, g.array.shape)
        assert t.array.tobytes() == g.array.tobytes()  # bit for bit, the sign of zero included
    assert d.road == "dense" and d.root is None
    return True


# -------------------------------------------------------------------------------------- properties

NUMBER_TEXTS = ["0", "-0", "-0.0", "1", "0.1", "0.5", "1e-400", "-1e-400", "1E5", "2.5e-3", "255", "-128", "16777216",
                "16777217", "1.00000005960464477539", "0.1000000000000000055511151231257827", "3.4028235e38",
                "1e39", "9223372036854775807", "18446744073709551615", "1.5", "-7", "123456789"]
OTHER_TEXTS = ["true", "null", '"s"', '{"b64": "AA=="}', "[]", "[1]"]
DTYPES = ["DT_FLOAT", "DT_DOUBLE", "DT_INT32", "DT_INT8", "DT_UINT8", "DT_INT64", "DT_UINT64", "DT_STRING", "DT_BOOL"]


@st.composite
def bodies(draw, plain: bool = False):
    """A body around a nested array of number literals, with what may make it irregular; ``plain``: only a
    safe DT_FLOAT array, sometimes ragged (the dense road must take it when it is regular)."""
    shape = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    safe = ["0", "0.1", "0.5", "1", "255", "-0.0", "2.5e-3", "1e-400"]
    pool = safe if plain else draw(st.sampled_from([NUMBER_TEXTS, safe]))
    leaves = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
    n = int(np.prod(shape))
    texts = [leaves[i % len(leaves)] for i in range(n)]
    if not plain and draw(st.integers(0, 3)) == 0 and n > 1:  # one leaf is something else
        texts[draw(st.integers(0, n - 1))] = draw(st.sampled_from(OTHER_TEXTS))

    ragged = draw(st.integers(0, 2)) == 0 and len(shape) >= 2 and shape[-1] >= 2 and shape[-2] >= 3

    def nest(flat: list[str], dims: list[int]) -> str:
        if len(dims) == 1:
            return "[" + ", ".join(flat) + "]"
        step = len(flat) // dims[0]
        groups = [flat[i * step:(i + 1) * step] for i in range(dims[0])]
        if ragged and len(dims) == 2:
            groups[2].insert(0, groups[1].pop())  # the first row (which fixes the shape) and the total stay
        return "[" + ", ".join(nest(g, dims[1:]) for g in groups) + "]"

    array = nest(texts, shape)
    key = draw(st.sampled_from(["instances", "inputs"]))
    members = [f'"{key}": {array}']
    if plain:
        return ("{" + ", ".join(members) + "}").encode(), IMAGE, ragged
    extra = draw(st.sampled_from(["", "", "", "signame", "other_sig", "dup", "both", "unknown", "bracket_sig"]))
    if extra == "signame":
        members.insert(0, '"signature_name": "serving_default"')
    elif extra == "other_sig":
        members.append('"signature_name": "second"')
    elif extra == "dup":
        members.append(f'"{key}": [1]')
    elif extra == "both":
        members.append('"inputs": [1]' if key == "instances" else '"instances": [1]')
    elif extra == "unknown":
        members.append('"parameters": {}')
    elif extra == "bracket_sig":
        members.append('"signature_name": "a[1],b"')
    body = ("{" + draw(st.sampled_from([", ", ",", ",\n  "])).join(members) + "}").encode()
    body = draw(st.sampled_from([b"", b"", b" ", b"\xef\xbb\xbf"])) + body + draw(st.sampled_from([b"", b"", b"\n", b" x"]))
    one = st.sampled_from(DTYPES + ["DT_FLOAT"] * 6 + ["DT_UINT8"] * 2)
    dts = [draw(one)] + ([draw(one)] if draw(st.integers(0, 4)) == 0 else [])
    names = {"serving_default": {f"in{i}": dt for i, dt in enumerate(dts)}, "second": {"x": draw(st.sampled_from(DTYPES))}}
    signatures = {**sigs(names["serving_default"]), **sigs(names["second"], "second")}
    return body, signatures, None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=bodies())
def test_dense_road_answers_only_what_the_faithful_road_answers(case) -> None:
    body, signatures, _ = case
    agrees_with_faithful(body, signatures)


@settings(max_examples=200, deadline=None)
@given(case=bodies(plain=True))
def test_dense_road_takes_every_regular_float_array_and_no_ragged_one(case) -> None:
    body, signatures, ragged = case
    assert agrees_with_faithful(body, signatures) is not ragged


def test_the_property_is_not_vacuous() -> None:
    """The generated kinds of body the dense road must take, it takes (and the property above then compares)."""
    answered = [agrees_with_faithful(b'{"instances": [[0.1, 0.5], [1, -0.0]]}', IMAGE),
                agrees_with_faithful(b'{"signature_name": "serving_default", "inputs": [[[255, 0, 7]]]}',
                                     sigs({"p": "DT_UINT8"})),
                agrees_with_faithful(b'{"inputs": [1e-400, -1e-400, 2.5e-3]}', IMAGE),
                agrees_with_faithful(b'{"instances": [-128, 127]}', sigs({"p": "DT_INT8"}))]
    assert answered == [True, True, True, True]


# -------------------------------------------------------------------------------------- hand-overs

@pytest.mark.parametrize(("body", "signatures", "why"), [
    (b'{"instances": [[1.0, 2.0], [3.0]]}', IMAGE, "ragged: the faithful road says where"),
    (b'{"instances": [[1.0, 2.0, 3.0], [4.0, [5.0], 6.0]]}', IMAGE, "nested deeper off the first elements"),
    (b'{"instances": [[1, 2, 3], [4, 5]], "x": [[6]]}', IMAGE, "an unknown key"),
    (b'{"instances": [1.0], "instances": [2.0]}', IMAGE, "a duplicate key"),
    (b'\xef\xbb\xbf{"instances": [1.0]}', IMAGE, "a BOM (simdjson skips it, TF Serving does not)"),
    (b'{"instances": [1.0]} trailing', IMAGE, "content after the value"),
    (b'{"instances": [true, 1.0]}', IMAGE, "a boolean leaf"),
    (b'{"instances": [16777217]}', IMAGE, "an integer float32 cannot hold earns a note"),
    (b'{"instances": [1.00000005960464477539]}', IMAGE, "a float32 rounding midpoint"),
    (b'{"instances": [1.0]}', sigs({"x": "DT_DOUBLE"}), "DT_DOUBLE: rapidjson's doubles may be a few ulps off"),
    (b'{"instances": [300]}', sigs({"x": "DT_UINT8"}), "out of uint8's range: wraps with a note"),
    (b'{"instances": [1.5]}', sigs({"x": "DT_INT32"}), "a double for an integer dtype"),
    (b'{"instances": [{"x": [1.0]}]}', IMAGE, "row objects"),
    (b'{"inputs": {"image": [1.0]}}', IMAGE, "columnar by name"),
    (b'{"instances": [1.0]}', sigs({"a": "DT_FLOAT", "b": "DT_FLOAT"}), "two inputs"),
    (b'{"instances": []}', IMAGE, "empty"),
    (b'{"instances": [[]]}', IMAGE, "an empty dimension"),
    (b'{"signature_name": "nope", "instances": [1.0]}', IMAGE, "an unknown signature: an error to word"),
])
def test_hands_over(body: bytes, signatures, why: str) -> None:
    assert not agrees_with_faithful(body, signatures), why


# -------------------------------------------------------------------------------------- where it is used

def _image_body(batch: int, rng: np.random.Generator) -> tuple[bytes, np.ndarray]:
    image = rng.uniform(0, 1, (batch, 40, 40, 3)).astype(np.float32)
    return json.dumps({"instances": image.tolist()}).encode(), image


def test_large_image_bodies_take_the_dense_road_only_when_the_body_is_not_needed() -> None:
    body, image = _image_body(2, np.random.default_rng(0))
    assert len(body) > dense.MIN_BYTES
    d = decode_request(body, IMAGE, need_body=False)
    assert d.road == "dense" and d.accepted and d.root is None
    np.testing.assert_array_equal(d.tensors["image"].array, image)
    kept = decode_request(body, IMAGE)
    assert kept.road == "fast" and kept.root is not None
    np.testing.assert_array_equal(kept.tensors["image"].array, image)


def test_small_bodies_and_a_missing_simdjson_keep_the_other_roads(monkeypatch) -> None:
    assert decode_request(b'{"instances": [[0.5]]}', IMAGE, need_body=False).road == "fast"
    body, _ = _image_body(2, np.random.default_rng(1))
    monkeypatch.setattr(dense, "_simdjson", lambda: None)
    assert decode_request(body, IMAGE, need_body=False).road == "fast"


def test_skeleton() -> None:
    assert dense.skeleton((2, 3)) == b"[[,,],[,,]]"
    assert dense.skeleton((1,)) == b"[]"
    assert dense.skeleton((2, 1, 2)) == b"[[[,]],[[,]]]"
