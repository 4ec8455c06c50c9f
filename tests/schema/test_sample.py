"""sample_request / build_sample: deterministic, realistic, valid against the generated schema."""

from __future__ import annotations

import base64
import json

import pytest
from schema_helpers import errors, make_signature

from sigcheck.errors import InputError
from sigcheck.schema import (
    VERTEX_MAX_BYTES,
    RequestImpossibleError,
    build_sample,
    instance_schema,
    parse_dim,
    parse_shape,
    request_schema,
    sample_request,
)
from sigcheck.schema.images import PNG_SIGNATURE, tiny_jpeg

TABULAR = make_signature({"age": ("DT_FLOAT", (-1, 1)), "hours": ("DT_INT64", (-1, 1)),
                          "occupation": ("DT_STRING", (-1, 1))})


def test_deterministic_and_seeded() -> None:
    assert sample_request(TABULAR, batch=3, seed=4) == sample_request(TABULAR, batch=3, seed=4)
    assert sample_request(TABULAR, batch=3, seed=4) != sample_request(TABULAR, batch=3, seed=5)


def test_batch_prefix_is_stable() -> None:
    small = json.loads(sample_request(TABULAR, batch=2))["instances"]
    big = json.loads(sample_request(TABULAR, batch=5))["instances"]
    assert big[:2] == small


def test_realistic_values_per_dtype() -> None:
    sig = make_signature({"f": ("DT_FLOAT", (-1, 8)), "i": ("DT_INT32", (-1, 8)), "u": ("DT_UINT8", (-1, 8)),
                          "b": ("DT_BOOL", (-1, 8)), "s": ("DT_STRING", (-1, 8))})
    inst = json.loads(sample_request(sig, batch=4))["instances"]
    floats = [v for row in inst for v in row["f"]]
    assert all(isinstance(v, float) and 0 <= v < 1 and round(v, 4) == v for v in floats)
    assert all(isinstance(v, int) and 0 <= v <= 9 for row in inst for v in row["i"])
    assert all(isinstance(v, int) and 0 <= v <= 255 for row in inst for v in row["u"])
    assert {v for row in inst for v in row["b"]} == {True, False}
    assert all(isinstance(v, str) and v.isalpha() for row in inst for v in row["s"])


def test_single_input_rows_are_plain_values() -> None:
    body = json.loads(sample_request(make_signature({"x": ("DT_FLOAT", (-1, 3))}), batch=2))
    assert list(body) == ["instances"] and len(body["instances"]) == 2 and len(body["instances"][0]) == 3


def test_bytes_inputs_get_a_real_png_or_jpeg() -> None:
    sig = make_signature({"image_bytes": ("DT_STRING", (-1,))})
    value = json.loads(sample_request(sig))["instances"][0]
    assert base64.b64decode(value["b64"]).startswith(PNG_SIGNATURE)
    jpeg_sig = make_signature({"jpeg_bytes": ("DT_STRING", (-1,))})
    assert base64.b64decode(json.loads(sample_request(jpeg_sig))["instances"][0]["b64"]) == tiny_jpeg()
    assert base64.b64decode(json.loads(sample_request(sig, image="jpeg"))["instances"][0]["b64"]) == tiny_jpeg()
    two = json.loads(sample_request(sig, batch=2))["instances"]
    assert two[0] != two[1]  # each instance its own image


def test_unknown_dims_default_and_dim_overrides() -> None:
    sig = make_signature({"tokens": ("DT_INT32", (-1, -1, 4))})
    sample = build_sample(sig)
    assert sample.shapes["tokens"] == (1, 2, 4)
    assert any("--dim tokens=1:SIZE" in n for n in sample.notes)
    sized = build_sample(sig, dims={("tokens", 1): 5}, batch=3)
    assert sized.shapes["tokens"] == (3, 5, 4) and not sized.notes
    for bad, match in ((("tokens", 0), "batch"), (("tokens", 2), "fixed at 4"), (("tokens", 3), "axes run"),
                       (("nope", 1), "no input")):
        with pytest.raises(InputError, match=match):
            build_sample(sig, dims={bad: 5})


def test_unknown_rank_is_a_batch_of_scalars_unless_shaped() -> None:
    sig = make_signature({"x": ("DT_FLOAT", None)})
    sample = build_sample(sig, batch=2)
    assert sample.shapes["x"] == (2,) and "unknown rank" in sample.notes[0]
    assert build_sample(sig, shapes={"x": (-1, 4)}, batch=2).shapes["x"] == (2, 4)
    with pytest.raises(InputError, match="does not fit"):
        build_sample(make_signature({"x": ("DT_FLOAT", (-1, 3))}), shapes={"x": (-1, 4)})


def test_scalar_inputs_use_the_columnar_form() -> None:
    sig = make_signature({"x": ("DT_FLOAT", ())})
    body = json.loads(sample_request(sig))
    assert list(body) == ["inputs"] and isinstance(body["inputs"]["x"], float)
    with pytest.raises(RequestImpossibleError, match="scalar"):
        sample_request(sig, jsonl=True)
    with pytest.raises(RequestImpossibleError, match="scalar"):
        sample_request(sig, target="vertex")


def test_columnar_on_request_and_signature_name() -> None:
    sig = make_signature({"x": ("DT_FLOAT", (-1, 2))}, key="scores")
    body = json.loads(sample_request(sig, layout="columnar", batch=3))
    assert body["signature_name"] == "scores" and len(body["inputs"]["x"]) == 3
    assert not errors(request_schema(sig), body)
    with pytest.raises(RequestImpossibleError, match="serving_default"):
        sample_request(sig, target="vertex")


def test_fixed_batch() -> None:
    sig = make_signature({"x": ("DT_FLOAT", (1, 4))})
    assert len(json.loads(sample_request(sig))["instances"]) == 1
    with pytest.raises(InputError, match="fixes the batch size at 1"):
        sample_request(sig, batch=2)


def test_jsonl_is_one_instance_per_line() -> None:
    body = sample_request(TABULAR, batch=3, jsonl=True)
    lines = body.decode().splitlines()
    assert len(lines) == 3 and body.endswith(b"\n")
    regular = json.loads(sample_request(TABULAR, batch=3))["instances"]
    assert [json.loads(line) for line in lines] == regular
    schema = instance_schema(TABULAR)
    for line in lines:
        assert not errors(schema, json.loads(line))


def test_vertex_max_size_is_the_largest_batch_under_the_limit() -> None:
    sig = make_signature({"x": ("DT_FLOAT", (-1, 2000))})
    sample = build_sample(sig, target="vertex", size_limit=VERTEX_MAX_BYTES)
    assert sample.size < VERTEX_MAX_BYTES
    bigger = build_sample(sig, target="tf-serving", batch=sample.batch + 1)  # TF Serving has no limit
    assert bigger.size >= VERTEX_MAX_BYTES
    with pytest.raises(InputError, match="over Vertex AI's 1572864-byte online prediction limit") as refused:
        build_sample(sig, target="vertex", batch=sample.batch + 1)  # Vertex AI would refuse it
    assert f"at most {sample.batch} instances fit" in refused.value.hint
    assert f"{sample.batch} instances fit under {VERTEX_MAX_BYTES} bytes" in sample.notes[-1]
    assert sample_request(sig, target="vertex", max_size=True) == sample.body
    first = {"instances": json.loads(sample.body)["instances"][:2]}  # jsonschema needs seconds for all 99
    assert not errors(request_schema(sig, target="vertex"), first)


def test_max_size_when_one_instance_is_too_big() -> None:
    sig = make_signature({"image": ("DT_FLOAT", (-1, 300, 300, 3))})
    with pytest.raises(RequestImpossibleError, match="single instance"):
        build_sample(sig, target="vertex", size_limit=VERTEX_MAX_BYTES)


def test_signatures_rest_cannot_call() -> None:
    with pytest.raises(RequestImpossibleError, match="no inputs"):
        sample_request(make_signature({}))
    with pytest.raises(RequestImpossibleError, match="half"):
        sample_request(make_signature({"x": ("DT_HALF", (-1,))}))
    with pytest.raises(RequestImpossibleError, match="bfloat16"):
        sample_request(make_signature({"x": ("DT_FLOAT", (-1,)), "y": ("DT_BFLOAT16", (-1,))}))


@pytest.mark.parametrize("text", ["x=1:4", " my/input=2:0 "])
def test_parse_dim(text: str) -> None:
    (name, axis), size = parse_dim(text)
    assert name.strip() in ("x", "my/input") and axis in (1, 2) and size in (4, 0)


@pytest.mark.parametrize("text", ["x", "x=1", "x=a:3", "x=1:-2", "=1:2"])
def test_parse_dim_errors(text: str) -> None:
    with pytest.raises(InputError, match="NAME=AXIS:SIZE"):
        parse_dim(text)


def test_parse_shape() -> None:
    assert parse_shape("x=-1,4") == ("x", (-1, 4))
    assert parse_shape("x=") == ("x", ())
    for bad in ("x", "x=a", "x=-2", "=1"):
        with pytest.raises(InputError, match="NAME=D0,D1"):
            parse_shape(bad)


def test_bad_options() -> None:
    with pytest.raises(InputError, match="seed"):
        sample_request(TABULAR, seed=-1)
    with pytest.raises(InputError, match="at least one"):
        sample_request(TABULAR, batch=0)
    with pytest.raises(InputError, match="drop --columnar"):
        sample_request(TABULAR, jsonl=True, layout="columnar")


def test_zero_size_dimensions_only_last() -> None:
    assert build_sample(make_signature({"x": ("DT_FLOAT", (-1, 0))}), batch=2).body == b'{"instances": [[], []]}\n'
    with pytest.raises(RequestImpossibleError, match=r"shape \(0, 2\).*feed shape \(0,\)"):
        build_sample(make_signature({"x": ("DT_FLOAT", (0, 2))}))
    with pytest.raises(InputError, match="0-size") as info:
        build_sample(make_signature({"x": ("DT_FLOAT", (-1, -1, 3))}), dims={("x", 1): 0})
    assert not isinstance(info.value, RequestImpossibleError)
