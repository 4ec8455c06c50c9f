"""Schema and sample on every fixture SavedModel and every TF Serving test model: samples validate, or REST
predict cannot call the signature and both say so."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from schema_helpers import errors, write_tf1_saved_model

from sigcheck.model import read_model
from sigcheck.model.types import Signature
from sigcheck.schema import RequestImpossibleError, build_sample, instance_schema, request_schema
from sigcheck.schema.layout import row_obstacle

FIXTURES = ["keras_tabular", "keras_unnamed", "keras_image", "module_multi", "tf1_learning_phase", "tf1_keep_prob",
            "tf1_placeholder_with_default", "tf1_fixed_batch", "tf1_file_ops"]
BIG = 5000
"""Samples with more leaves than this are checked against the strict schema only (keras_image has 67 500)."""


def check_signature(sig: Signature) -> list[str]:
    """Every way the generated documents disagree for one signature (empty when all is well)."""
    problems: list[str] = []
    try:
        strict = request_schema(sig)
    except RequestImpossibleError as exc:
        with pytest.raises(RequestImpossibleError):
            build_sample(sig)
        return [] if str(exc) else ["empty RequestImpossibleError"]
    small = build_sample(sig, dims={}, batch=None)
    body = json.loads(small.body)
    problems += [f"{sig.key} strict: {e}" for e in errors(strict, body)]
    if sum(math.prod(s) for s in small.shapes.values()) > BIG:
        return problems  # jsonschema takes seconds per 10^5 leaves: the image fixture gets the one strict check
    problems += [f"{sig.key} lenient: {e}" for e in errors(request_schema(sig, strict=False), body)]
    if small.layout == "row" and all(s and s[0] < 0 for s in (spec.known_shape or (-1,)
                                                               for spec in sig.inputs.values())):
        three = json.loads(build_sample(sig, batch=3, seed=1).body)
        problems += [f"{sig.key} batch 3: {e}" for e in errors(strict, three)]
    if sig.key == "serving_default" and row_obstacle(sig) is None:
        vertex = build_sample(sig, target="vertex")
        problems += [f"{sig.key} vertex: {e}" for e in errors(request_schema(sig, target="vertex"),
                                                               json.loads(vertex.body))]
        lines = build_sample(sig, jsonl=True, batch=2 if vertex.batch != 1 or small.batch != 1 else None)
        openapi = instance_schema(sig)
        for line in lines.body.decode().splitlines():
            problems += [f"{sig.key} openapi: {e}" for e in errors(openapi, json.loads(line))]
    return problems


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_models(fixture_model, name: str) -> None:
    info = read_model(str(fixture_model(name)))
    assert info.signatures
    problems = [p for sig in info.signatures.values() for p in check_signature(sig)]
    assert not problems, "\n".join(problems)


def test_module_multi_signatures_as_documented(fixture_model) -> None:
    info = read_model(str(fixture_model("module_multi")))
    scalar = build_sample(info.signatures["scalar_input"])
    assert scalar.layout == "columnar" and scalar.shapes["x"] == ()
    unknown = build_sample(info.signatures["unknown_rank"])
    assert unknown.shapes["x"] == (1,) and "unknown rank" in unknown.notes[0]
    image = json.loads(build_sample(info.signatures["image_bytes"]).body)
    assert image["signature_name"] == "image_bytes" and "b64" in image["instances"][0]
    both = json.loads(build_sample(info.signatures["uint8_bool"], batch=2).body)["instances"]
    assert set(both[0]) == {"pixels", "flag"} and isinstance(both[0]["flag"], bool)


def test_fixed_batch_fixture(fixture_model) -> None:
    sig = read_model(str(fixture_model("tf1_fixed_batch"))).signature()
    assert len(json.loads(build_sample(sig).body)["instances"]) == 1
    instances = request_schema(sig)["properties"]["instances"]["anyOf"]
    assert [form["maxItems"] for form in instances] == [1, 1]


def tfs_models(root: Path) -> list[Path]:
    return sorted(p.parent for p in root.rglob("saved_model.pb"))


def test_tf_serving_test_models(tfs_testdata: Path) -> None:
    models = tfs_models(tfs_testdata)
    assert len(models) >= 13
    problems: list[str] = []
    impossible: list[str] = []
    checked = 0
    for model in models:
        info = read_model(str(model))
        for sig in info.signatures.values():
            try:
                request_schema(sig)
            except RequestImpossibleError:
                impossible.append(f"{model.parent.name}:{sig.key}")
            problems += [f"{model.relative_to(tfs_testdata)}: {p}" for p in check_signature(sig)]
            checked += 1
    assert not problems, "\n".join(problems)
    assert checked > 40
    # saved_model_counter's get/incr/reset_counter take no input: REST predict cannot call them
    assert sorted(impossible) == ["saved_model_counter:get_counter", "saved_model_counter:incr_counter",
                                  "saved_model_counter:reset_counter"]


TUTORIAL = {"instances": [1.0, 2.0, 5.0]}
"""TF Serving's REST tutorial request to saved_model_half_plus_three (answered [3.5, 4.0, 5.5])."""


def check_unrecorded_shapes(info) -> None:
    """serving_default records no shapes (TensorFlow shows x and y as ()): schema and sample treat them as unknown,
    so the row form is offered and TF Serving's tutorial request fits the strict contract."""
    sig = info.signature()
    assert sig.inputs["x"].shape == () and not sig.inputs["x"].shape_recorded
    sample = build_sample(sig)
    body = json.loads(sample.body)
    assert sample.layout == "row" and sample.shapes == {"x": (1,)} and list(body) == ["instances"]
    assert isinstance(body["instances"][0], float)
    assert "records no shape" in sample.notes[0] and "--shape x=" in sample.notes[0]
    assert json.loads(build_sample(sig, batch=3).body)["instances"][:1] == body["instances"]
    assert build_sample(sig, shapes={"x": (-1, 2)}, batch=2).shapes == {"x": (2, 2)}  # any shape may be given
    lines = build_sample(sig, jsonl=True, batch=2).body.decode().splitlines()
    assert len(lines) == 2 and all(isinstance(json.loads(line), float) for line in lines)
    for strict in (True, False):
        schema = request_schema(sig, strict=strict)
        assert "instances" in schema["properties"] and not errors(schema, TUTORIAL)
        assert not errors(schema, {"inputs": {"x": [[1.0, 2.0], [5.0, 6.0]]}})
        assert not errors(schema, body)
    assert "not recorded (any shape; TensorFlow shows ())" in request_schema(sig)["description"]
    assert not errors(request_schema(sig, target="vertex"), {"instances": [1.0, 2.0, 5.0]})
    assert not errors(instance_schema(sig), 1.0) and not errors(instance_schema(sig), [1.0, 2.0])


def test_unrecorded_shapes_are_unknown_not_scalar(tmp_path: Path) -> None:
    """A generated SavedModel like TF 1.0 wrote (no tensor_shape in the TensorInfo), next to a real rank-0 input."""
    info = read_model(str(write_tf1_saved_model(tmp_path / "tf1")))
    check_unrecorded_shapes(info)
    scalar = info.signatures["scalar"]  # a recorded shape () is a scalar: only the columnar form sends it
    assert scalar.inputs["x"].shape_recorded and scalar.inputs["x"].known_shape == ()
    assert build_sample(scalar).layout == "columnar" and row_obstacle(scalar) is not None
    assert errors(request_schema(scalar), {"signature_name": "scalar", **TUTORIAL})


def test_half_plus_three_signature_records_no_shapes(tfs_testdata: Path) -> None:
    model = next(p for p in tfs_models(tfs_testdata) if "half_plus_three" in str(p))
    check_unrecorded_shapes(read_model(str(model)))
