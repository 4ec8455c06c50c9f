"""Columnar inputs with different batch sizes: TF Serving accepts them, a model that combines its inputs fails."""

from __future__ import annotations

import json

from sigcheck.model import read_model
from sigcheck.validate import validate_request

BODY = json.dumps({"inputs": {"age": [[31.0], [40.0]], "hours": [[40]], "occupation": [["clerk"]]}}).encode()


def test_different_batch_sizes_are_a_warning_by_default_and_an_error_enforced(fixture_model) -> None:
    """TF Serving's JSON layer takes columnar inputs of different batch sizes, so validate's default verdict does
    too (a warning that the model may fail); --shape-check error enforces one batch size."""
    info = read_model(str(fixture_model("keras_tabular")))
    result = validate_request(BODY, info)
    assert result.decoded.accepted and result.ok
    [f] = [f for f in result.findings if f.code == "request.batch"]
    assert f.severity.value == "warning" and f.category == "batch_size_mismatch_between_inputs"
    assert "ConcatOp : Dimension 0 in both shapes must be equal" in f.message and "sigcheck predict" in f.message
    enforced = validate_request(BODY, info, shape_check="error")
    assert not enforced.ok and [f.severity.value for f in enforced.findings if f.code == "request.batch"] == ["error"]
    assert not [f for f in validate_request(BODY, info, shape_check="off").findings if f.code == "request.batch"]


def test_null_gets_the_hint_of_its_dtype(fixture_model) -> None:
    info = read_model(str(fixture_model("keras_tabular")))
    body = json.dumps({"instances": [{"age": [31.0], "hours": [40], "occupation": [None]}]}).encode()
    [f] = [f for f in validate_request(body, info).findings if f.code == "request.dtype"]
    assert f.hint.startswith('replace null with a string for "occupation"')  # not "quote the values"
    body = json.dumps({"instances": [{"age": [None], "hours": [40], "occupation": ["x"]}]}).encode()
    [f] = [f for f in validate_request(body, info).findings if f.code == "request.dtype"]
    assert "NaN" in f.hint and "--fix-null nan" in f.hint


def test_vertex_non_default_signature_hint_names_repair(fixture_model) -> None:
    from sigcheck.schema.layout import default_signature_hint

    assert "sigcheck repair MODEL --output BASE_PATH --default-signature embed" in default_signature_hint("embed")
    assert "--default-signature tensor" in default_signature_hint("image_tensor")  # (export's own choice)
