"""Requests answered end to end as TF Serving would: codec → Session::Run → response writer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.codec.response import error_body
from sigcheck.serving import predict

# The same place tests/conftest.py looks (collection needs it before fixtures exist).
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()

pytestmark = pytest.mark.tf

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"
VECTORS = SHARED / "conformance" / "vectors.jsonl"
OUTPUT_VECTORS = SHARED / "conformance" / "vectors_output.jsonl"


def _rest_cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent (../shared)"))]
    rows = [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r["id"].startswith("HttpRestApiHandlerTest.Predict") and r["request"] is not None]
    return [pytest.param(r, id=r["id"]) for r in rows]


@pytest.fixture(scope="module")
def two_versions(loaded, tfs_testdata):
    # The REST handler test's model is TF's own half_plus_two; this one has the same signature set.
    return loaded(tfs_testdata / TESTDATA / "saved_model_half_plus_two_2_versions")


@pytest.mark.parametrize("case", _rest_cases())
def test_tf_serving_rest_handler_cases(two_versions, case: dict) -> None:
    """TF Serving's http_rest_api_handler_test: same request, same status, same body."""
    answer = predict(two_versions, case["request"].encode("utf-8"))
    assert answer.http_status == case["http"]["status"]
    expect = case["expect"]
    if not expect["ok"]:
        assert answer.stage == "request"
        assert expect["error_contains"] in answer.body
        assert answer.body == error_body(expect["derived_message"])
        return
    assert answer.stage == "ok"
    assert json.loads(answer.body) == json.loads(case["http"]["response_json"])
    outputs = {json.loads(line)["id"]: json.loads(line) for line in OUTPUT_VECTORS.read_text().splitlines()}
    assert answer.body == outputs[case["id"]]["expect_text_derived"]


@pytest.mark.parametrize("model", ["saved_model_half_plus_two_cpu", "saved_model_half_plus_two_tf2_cpu"])
def test_half_plus_two_row_and_columnar_exact_bytes(loaded, tfs_testdata, model: str) -> None:
    m = loaded(next((tfs_testdata / TESTDATA / model).iterdir()))
    row = predict(m, b'{"instances": [[1.0], [2.0], [5.0]]}')
    assert row.body == '{\n    "predictions": [[2.5], [3.0], [4.5]\n    ]\n}'
    col = predict(m, b'{"inputs": {"x": [[1.0], [2.0]]}}')
    assert col.body == ('{\n    "outputs": [\n        [\n            2.5\n        ],\n        [\n            3.0\n'
                        '        ]\n    ]\n}')
    assert (row.format, col.format, row.http_status, col.http_status) == ("row", "columnar", 200, 200)


def test_half_plus_three_scalar_signature_as_tf_serving_docs_show(loaded, tfs_testdata) -> None:
    m = loaded(tfs_testdata / TESTDATA / "saved_model_half_plus_three" / "00000123")
    answer = predict(m, b'{"instances": [1.0, 2.0, 5.0]}')
    assert answer.ok, answer.body
    assert answer.response() == {"predictions": [3.5, 4.0, 5.5]}


def test_multi_output_row_and_columnar(loaded, fixture_model) -> None:
    m = loaded(fixture_model("module_multi"))
    row = predict(m, b'{"instances": [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]}')
    assert row.ok, row.body
    items = row.response()["predictions"]
    assert [sorted(i) for i in items] == [["scores", "y"], ["scores", "y"]]
    assert len(items[0]["scores"]) == 3 and len(items[0]["y"]) == 1
    assert row.body.startswith('{\n    "predictions": [\n        {\n            "scores": [')
    col = predict(m, b'{"inputs": {"x": [[1.0, 2.0, 3.0]]}}')
    assert sorted(col.response()["outputs"]) == ["scores", "y"]
    np.testing.assert_allclose(col.response()["outputs"]["scores"], [items[0]["scores"]], rtol=1e-6)


def test_bytes_output_is_b64(loaded, fixture_model) -> None:
    m = loaded(fixture_model("module_multi"))
    answer = predict(m, b'{"signature_name": "echo_bytes", "instances": [{"b64": "AP8="}, "hi"]}')
    assert answer.ok, answer.body
    labels = answer.response()["predictions"]
    assert all(set(v) == {"b64"} for v in labels)
    assert answer.body.startswith('{\n    "predictions": [{\n            "b64": "')


def test_half_output_cannot_be_written(loaded, fixture_model) -> None:
    m = loaded(fixture_model("module_multi"))
    answer = predict(m, b'{"signature_name": "half_output", "instances": [[1.0, 2.0, 3.0]]}')
    assert (answer.http_status, answer.stage) == (400, "response")
    assert answer.body == error_body("Failed to write JSON value for tensor type: half")


def test_seed_extra_batch_dimension_gives_conv2d_error_and_its_explanation(loaded, fixture_model) -> None:
    """The seed: each instance sent as [1, 150, 150, 3] (an extra batch dimension) to a Conv2D model."""
    m = loaded(fixture_model("keras_image"))
    instance = np.zeros((1, 150, 150, 3)).tolist()
    answer = predict(m, json.dumps({"instances": [instance]}).encode())
    assert (answer.http_status, answer.stage, answer.status_code) == (400, "execution", "INVALID_ARGUMENT")
    error = json.loads(answer.body)["error"]
    assert "must be 4-dimensional" in error and "[1,1,150,150,3]" in error
    assert answer.body == error_body(error)
    assert answer.explanations[0].category == "extra_batch_dimension"


def test_unfed_placeholder_error_and_explanation(loaded, fixture_model) -> None:
    m = loaded(fixture_model("tf1_learning_phase"))
    answer = predict(m, b'{"instances": [[1.0, 2.0, 3.0, 4.0]]}')
    assert (answer.http_status, answer.stage) == (400, "execution")
    assert "You must feed a value for placeholder tensor 'keras_learning_phase' with dtype bool" in answer.error
    if answer.explanations:
        assert answer.explanations[0].category in ("keras_learning_phase", "unfed_placeholder")


def test_rejected_request_never_runs_the_model(servers, fixture_model) -> None:
    server = servers(fixture_model("keras_tabular"))
    answer = server.predict(b'{"instances": [{"age": [1.0]}]}')
    assert answer.stage == "request" and answer.http_status == 400
    assert answer.body == error_body(answer.error)
    assert not server.loaded


def test_json_output_embeds_the_body_verbatim(loaded, tfs_testdata) -> None:
    m = loaded(tfs_testdata / TESTDATA / "saved_model_half_plus_two_cpu" / "00000123")
    answer = predict(m, b'{"instances": [[1.0]]}')
    data = json.loads(answer.to_json())
    assert data["response"] == {"predictions": [[2.5]]}
    assert data["http_status"] == 200 and data["latency_ms"] >= 0
    assert answer.to_json().startswith('{"response": ' + answer.body + ", ")


WRAPPED = b'{"signature_name": "uint8_bool", "instances": [{"pixels": [300, 1, 2, 3], "flag": true}]}'


def test_a_200_on_values_tf_serving_wrapped_says_so(loaded, fixture_model) -> None:
    """trial8 M14: TF Serving narrows 300 to 44 in a uint8 input and answers 200; the answer carries validate's
    finding about it (the 200 is computed on 44), and a request without such values carries none."""
    m = loaded(fixture_model("module_multi"))
    answer = predict(m, WRAPPED)
    assert answer.ok and answer.response()["predictions"] == [50.0]  # 44 + 1 + 2 + 3
    (f,) = answer.findings
    assert (f.code, f.severity.value, f.path) == ("request.dtype", "error", "$.instances[0].pixels[0]")
    assert "300 becomes 44 in uint8" in f.message
    assert [d["code"] for d in json.loads(answer.to_json())["findings"]] == ["request.dtype"]
    clean = predict(m, WRAPPED.replace(b"300", b"30"))
    assert clean.ok and clean.findings == []


def test_predict_cli_prints_the_wrapped_values_with_the_200(capfd, fixture_model, tmp_path: Path) -> None:
    from sigcheck.cli.app import run

    request = tmp_path / "wrapped.json"
    request.write_bytes(WRAPPED)
    assert run(["predict", str(request), "--model", str(fixture_model("module_multi"))]) == 0  # (TF Serving: 200)
    err = capfd.readouterr().err
    assert "HTTP 200 from signature uint8_bool" in err
    assert "TF Serving changed values of the request before the model ran" in err
    assert '  error request.dtype: input "pixels" is uint8, and 300 is outside 0..255' in err
