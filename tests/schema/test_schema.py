"""request_schema / instance_schema: structure, leaf types from the dtype table, the two strictnesses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from schema_helpers import errors, make_signature, validator

from sigcheck.codec.dtypes import INT32_MAX, INT32_MIN, INT64_MAX
from sigcheck.schema import LIMITS, RequestImpossibleError, instance_schema, request_schema


def ok(schema: dict[str, Any], body: Any) -> bool:
    return not errors(schema, body)


@pytest.fixture(scope="module")
def xy3() -> dict[str, Any]:
    return request_schema(make_signature({"x": ("DT_FLOAT", (-1, 3))}))


def test_is_a_valid_draft_2020_12_schema(xy3: dict[str, Any]) -> None:
    assert xy3["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator(xy3)


def test_depth_and_known_dims(xy3: dict[str, Any]) -> None:
    assert ok(xy3, {"instances": [[0.1, 0.2, 0.3], [1, 2, 3]]})
    assert ok(xy3, {"instances": [{"x": [0.1, 0.2, 0.3]}]})
    assert ok(xy3, {"inputs": [[0.1, 0.2, 0.3]]})
    assert ok(xy3, {"inputs": {"x": [[0.1, 0.2, 0.3]]}})
    assert not ok(xy3, {"instances": [[0.1, 0.2]]})  # maxItems/minItems from the known dim
    assert not ok(xy3, {"instances": [[[0.1, 0.2, 0.3]]]})  # one level too deep
    assert not ok(xy3, {"inputs": [0.1, 0.2, 0.3]})  # one level too shallow
    assert xy3["$defs"]["instance:x"]["minItems"] == xy3["$defs"]["instance:x"]["maxItems"] == 3


def test_unknown_inner_dims_have_no_length() -> None:
    schema = request_schema(make_signature({"tokens": ("DT_INT32", (-1, -1))}))
    assert ok(schema, {"instances": [[1, 2, 3, 4], [5]]})  # ragged: a documented limit (LIMITS)
    assert "maxItems" not in schema["$defs"]["instance:tokens"]


def test_top_level_keys(xy3: dict[str, Any]) -> None:
    row = [[0.1, 0.2, 0.3]]
    assert not ok(xy3, {"instances": row, "inputs": row})
    assert not ok(xy3, {})
    assert not ok(xy3, {"instances": []})
    assert not ok(xy3, {"instance": row})  # typo: unknown keys are rejected by the strict contract
    assert ok(xy3, {"instances": row, "parameters": {"confidence": 0.5}})
    assert not ok(xy3, {"instances": row, "parameters": 3})
    for name in ("serving_default", ""):
        assert ok(xy3, {"signature_name": name, "instances": row})
    assert not ok(xy3, {"signature_name": "other", "instances": row})
    assert not ok(xy3, {"signature_name": 5, "instances": row})


def test_non_default_signature_requires_its_name() -> None:
    schema = request_schema(make_signature({"x": ("DT_FLOAT", (-1,))}, key="predict_images"))
    assert ok(schema, {"signature_name": "predict_images", "instances": [1.0]})
    assert not ok(schema, {"instances": [1.0]})
    assert not ok(schema, {"signature_name": "serving_default", "instances": [1.0]})


@pytest.mark.parametrize(
    ("dtype", "good", "bad"),
    [
        ("DT_FLOAT", [0, 1.5, -3e38], ["1", True, None, {"b64": "AA=="}]),
        ("DT_DOUBLE", [0, 1e300], ["x", False]),
        ("DT_INT32", [INT32_MIN, INT32_MAX, 0], [INT32_MAX + 1, 0.5, "1", True]),
        ("DT_INT64", [INT64_MAX, -1], [INT64_MAX + 1, 2.5]),
        ("DT_UINT8", [0, 255], [256, -1]),
        ("DT_UINT32", [0, 2**32 - 1], [-1, 2**32]),
        ("DT_UINT64", [2**64 - 1], [-1, 2**64]),
        ("DT_BOOL", [True, False], [0, 1, "true"]),
        ("DT_STRING", ["word", "", {"b64": "aGVsbG8="}, {"b64": "aGVsbG8"}],
         [5, {"b64": 5}, {"b64": "a"}, {"b64": "a-_b"}, {"b64": "aGVsbG8=", "x": 1}, {"text": "a"}]),
    ],
)
def test_leaf_types_from_the_dtype_table(dtype: str, good: list[Any], bad: list[Any]) -> None:
    schema = request_schema(make_signature({"v": (dtype, (-1,))}))
    for value in good:
        assert ok(schema, {"instances": [value]}), value
        assert ok(schema, {"inputs": {"v": [value]}}), value
    for value in bad:
        assert not ok(schema, {"instances": [value]}), value


def test_narrow_integers_keep_their_range_only_in_the_strict_contract() -> None:
    sig = make_signature({"pixels": ("DT_UINT8", (-1, 2))})
    assert not ok(request_schema(sig), {"instances": [[300, 0]]})
    assert ok(request_schema(sig, strict=False), {"instances": [[300, 0]]})  # TF Serving checks int32 only
    assert not ok(request_schema(sig, strict=False), {"instances": [[INT32_MAX + 1, 0]]})
    assert "wraps" in request_schema(sig)["$defs"]["instance:pixels"]["items"]["description"]


def test_bytes_inputs_are_binary_by_convention() -> None:
    sig = make_signature({"image_bytes": ("DT_STRING", (-1,)), "caption": ("DT_STRING", (-1,))})
    strict, lenient = request_schema(sig), request_schema(sig, strict=False)
    png = {"b64": "iVBORw0KGgo="}
    assert ok(strict, {"instances": [{"image_bytes": png, "caption": "a cat"}]})
    assert ok(strict, {"instances": [{"image_bytes": png, "caption": png}]})
    assert not ok(strict, {"instances": [{"image_bytes": "raw bytes", "caption": "a cat"}]})
    assert ok(lenient, {"instances": [{"image_bytes": "raw bytes", "caption": "a cat"}]})
    text = json.dumps(strict["$defs"]["instance:image_bytes"])
    assert '_bytes' in text and "b64" in text and "convention" in text
    assert "_bytes" in strict["description"]


def test_several_inputs_need_objects_keyed_by_name() -> None:
    sig = make_signature({"age": ("DT_FLOAT", (-1, 1)), "hours": ("DT_INT64", (-1, 1))})
    schema = request_schema(sig)
    assert ok(schema, {"instances": [{"age": [31.5], "hours": [40]}]})
    assert not ok(schema, {"instances": [[31.5]]})
    assert not ok(schema, {"instances": [{"age": [31.5]}]})
    assert not ok(schema, {"instances": [{"age": [31.5], "hours": [40], "extra": [1]}]})
    assert ok(schema, {"inputs": {"age": [[31.5]], "hours": [[40]]}})
    assert not ok(schema, {"inputs": {"age": [[31.5]]}})
    assert not ok(schema, {"inputs": {"age": [[31.5]], "hours": [[40]], "extra": 1}})
    assert ok(request_schema(sig, strict=False), {"inputs": {"age": [[31.5]], "hours": [[40]], "extra": 1}})
    assert not ok(request_schema(sig, strict=False), {"instances": [{"age": [1], "hours": [2], "extra": [1]}]})


def test_single_input_rows_are_all_values_or_all_objects() -> None:
    schema = request_schema(make_signature({"x": ("DT_STRING", (-1,))}))
    assert ok(schema, {"instances": ["a", {"b64": "YQ=="}]})
    assert ok(schema, {"instances": [{"x": "a"}, {"x": "b"}]})
    assert not ok(schema, {"instances": ["a", {"x": "b"}]})
    assert not ok(schema, {"instances": [{"x": "b"}, "a"]})


def test_scalar_inputs_have_only_the_columnar_form() -> None:
    schema = request_schema(make_signature({"x": ("DT_FLOAT", ())}))
    assert "instances" not in schema["properties"]
    assert ok(schema, {"inputs": 2.5}) and ok(schema, {"inputs": {"x": 2.5}})
    assert not ok(schema, {"instances": [2.5]})
    assert "scalar" in schema["description"]
    assert ok(request_schema(make_signature({"x": ("DT_FLOAT", ())}), strict=False), {"instances": [2.5]})


def test_different_fixed_first_dims_have_only_the_columnar_form() -> None:
    schema = request_schema(make_signature({"a": ("DT_FLOAT", (2, 3)), "b": ("DT_FLOAT", (3,))}))
    assert "instances" not in schema["properties"]
    assert ok(schema, {"inputs": {"a": [[1, 2, 3], [4, 5, 6]], "b": [1, 2, 3]}})


def test_fixed_batch_size() -> None:
    schema = request_schema(make_signature({"x": ("DT_FLOAT", (1, 4))}))
    assert ok(schema, {"instances": [[1, 2, 3, 4]]})
    assert not ok(schema, {"instances": [[1, 2, 3, 4], [1, 2, 3, 4]]})


def test_unknown_rank_takes_any_depth() -> None:
    schema = request_schema(make_signature({"x": ("DT_FLOAT", None)}))
    for value in (1.0, [1.0], [[1.0, 2.0]], [[[1.0]]]):
        assert ok(schema, {"instances": [value]}), value
        assert ok(schema, {"inputs": value}), value
    assert not ok(schema, {"instances": [["a"]]})
    assert not ok(schema, {"instances": [{"y": 1.0}]})


def test_lenient_mirrors_tf_serving_which_ignores_declared_shapes() -> None:
    sig = make_signature({"x": ("DT_FLOAT", (-1, 1))})
    strict, lenient = request_schema(sig), request_schema(sig, strict=False)
    for body in ({"instances": [[1.0, 2.0], [3.0, 4.0]]}, {"instances": [1.0, 2.0]}, {"inputs": [3.0, 4.0]},
                 {"inputs": []}, {"instances": [1.0], "nested": [[[]]]}):
        assert ok(lenient, body), body
        assert not ok(strict, body), body
    assert not ok(lenient, {"instances": ["x", "y"]})
    assert not ok(lenient, {"instances": [1.0], "inputs": [1.0]})


def test_vertex_target_is_instances_and_parameters() -> None:
    schema = request_schema(make_signature({"x": ("DT_FLOAT", (-1, 3))}), target="vertex")
    assert schema["required"] == ["instances"]
    assert ok(schema, {"instances": [[1, 2, 3]], "parameters": {}})
    assert not ok(schema, {"inputs": [[1, 2, 3]]})
    assert not ok(schema, {"signature_name": "serving_default", "instances": [[1, 2, 3]]})
    assert "Vertex AI" in schema["title"]
    with pytest.raises(RequestImpossibleError, match="row form"):
        request_schema(make_signature({"x": ("DT_FLOAT", ())}), target="vertex")
    with pytest.raises(ValueError, match="unknown target"):
        request_schema(make_signature({"x": ("DT_FLOAT", (-1,))}), target="sagemaker")


def test_titles_descriptions_and_examples() -> None:
    sig = make_signature({"age": ("DT_FLOAT", (-1, 1)), "occupation": ("DT_STRING", (-1, 1))})
    schema = request_schema(sig)
    for key, entry in schema["$defs"].items():
        assert entry["title"] and entry["description"], key
    age = schema["$defs"]["instance:age"]
    assert "float" in age["description"] and "(-1, 1)" in age["description"]
    assert age["examples"] and ok({"$schema": schema["$schema"], **{k: v for k, v in age.items()}}, age["examples"][0])
    assert schema["examples"] and ok(schema, schema["examples"][0])
    for limit in LIMITS:
        assert limit in schema["description"]
    assert "NaN" in schema["description"] and "Duplicate keys" in schema["description"]


def test_large_examples_are_left_out() -> None:
    schema = request_schema(make_signature({"image": ("DT_FLOAT", (-1, 150, 150, 3))}))
    assert "examples" not in schema
    assert "examples" not in schema["$defs"]["instance:image"]
    assert len(json.dumps(schema)) < 20_000


@pytest.mark.parametrize("name", ["a/b", "til~de", "with space", "per%cent", "dots.and:colons"])
def test_odd_input_names_resolve(name: str) -> None:
    schema = request_schema(make_signature({name: ("DT_INT32", (-1, 2)), "other": ("DT_FLOAT", None)}))
    assert ok(schema, {"instances": [{name: [1, 2], "other": 1.0}]})
    assert not ok(schema, {"instances": [{name: [1, "2"], "other": 1.0}]})


def test_signatures_rest_cannot_call() -> None:
    empty = make_signature({})
    with pytest.raises(RequestImpossibleError, match="no inputs") as info:
        request_schema(empty)
    assert "Failed to get input map for signature: serving_default" in str(info.value) and info.value.hint
    with pytest.raises(RequestImpossibleError, match="no inputs"):
        request_schema(empty, strict=False)
    half = make_signature({"x": ("DT_HALF", (-1, 2))})
    with pytest.raises(RequestImpossibleError, match="half") as info:
        request_schema(half)
    assert "float32" in (info.value.hint or "")
    lenient = request_schema(half, strict=False)  # TF Serving answers UNIMPLEMENTED for any leaf…
    assert not ok(lenient, {"instances": [[1.0, 2.0]]})
    assert ok(lenient, {"inputs": []})  # …but an empty tensor gets through (SPEC §7)


# OpenAPI 3.0 ------------------------------------------------------------------------------------------------

FORBIDDEN_IN_OPENAPI_30 = {"$schema", "$defs", "$ref", "const", "examples", "prefixItems", "contentEncoding"}


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


def test_openapi_instance_schema() -> None:
    sig = make_signature({"age": ("DT_FLOAT", (-1, 1)), "hours": ("DT_INT64", (-1, 1)),
                          "image_bytes": ("DT_STRING", (-1,)), "any": ("DT_INT32", None)})
    doc = instance_schema(sig)
    assert not keys_of(doc) & FORBIDDEN_IN_OPENAPI_30
    assert doc["type"] == "object" and doc["required"] == ["age", "any", "hours", "image_bytes"]
    assert doc["properties"]["image_bytes"]["properties"]["b64"]["format"] == "byte"
    assert doc["properties"]["hours"]["items"]["format"] == "int64"
    assert doc["properties"]["age"]["items"]["format"] == "float"
    assert "any depth" in doc["properties"]["any"]["description"]
    instance = {"age": [1.5], "hours": [3], "image_bytes": {"b64": "iVBORw0KGgo="}, "any": [[1]]}
    assert ok(doc, instance)  # the subset used is plain JSON Schema too
    assert not ok(doc, {**instance, "extra": 1})
    assert doc["properties"]["age"]["example"] is not None


def test_openapi_single_input_is_the_value_itself() -> None:
    doc = instance_schema(make_signature({"x": ("DT_FLOAT", (-1, 3))}))
    assert doc["type"] == "array" and doc["maxItems"] == 3 and doc["title"] == "serving_default instance"
    with pytest.raises(RequestImpossibleError, match="scalar"):
        instance_schema(make_signature({"x": ("DT_FLOAT", ())}))


def test_vertex_schema_for_a_non_default_signature_is_refused() -> None:
    from sigcheck.schema import check_target, target_signature_problem

    sig = make_signature({"x": ("DT_FLOAT", (-1, 2))}, key="scores")
    with pytest.raises(RequestImpossibleError, match="serving_default") as raised:
        request_schema(sig, target="vertex")
    assert str(raised.value).startswith(target_signature_problem("scores", "vertex") or "-")
    assert target_signature_problem("scores", "tf-serving") is None
    assert target_signature_problem("serving_default", "vertex") is None
    check_target(sig, "tf-serving")


def test_vertex_hint_offers_repair_on_a_model_that_has_a_serving_default(fixture_model) -> None:
    """trial8 M9: the hint said repair applies only 'when the model has no serving_default'; repair's plan makes a
    non-default signature serving_default on such a model too, keeping the old one as previous_serving_default."""
    from sigcheck.model import read_model
    from sigcheck.repair.plan import ALIAS, PREVIOUS_DEFAULT, RepairOptions, plan_repair
    from sigcheck.schema import sample_request
    from sigcheck.schema.layout import default_signature_hint

    info = read_model(str(fixture_model("module_multi")))
    assert "serving_default" in info.signatures
    with pytest.raises(RequestImpossibleError) as raised:
        sample_request(info.signatures["uint8_bool"], target="vertex")
    hint = raised.value.hint or ""
    assert hint == f"use --target tf-serving, or {default_signature_hint('uint8_bool')}"
    assert "has no serving_default" not in hint and "--default-signature uint8_bool" in hint
    assert f"kept as {PREVIOUS_DEFAULT}" in hint
    plan = plan_repair(info, RepairOptions(default_signature="uint8_bool", dry_run=True), findings=[])
    (change,) = [c for c in plan.changes if c.kind == ALIAS]
    assert change.data["kept_as"] == PREVIOUS_DEFAULT
