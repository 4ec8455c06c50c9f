"""``sigcheck validate``: exit codes, streams, --json, --fix (the seed case), stdin, JSON Lines, and no TensorFlow."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def image_model(tmp_path_factory) -> str:
    """The committed keras_image fixture, else a contract with its signature."""
    path = ROOT / "fixtures" / "models" / "keras_image"
    if path.exists():
        return str(path)
    c = tmp_path_factory.mktemp("contract") / "image.json"
    c.write_text(json.dumps({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict",
        "inputs": {"image": {"dtype": "DT_FLOAT", "shape": [-1, 150, 150, 3]}},
        "outputs": {"probs": {"dtype": "DT_FLOAT", "shape": [-1, 2]}}}}}))
    return str(c)


@pytest.fixture(scope="module")
def seed_request(tmp_path_factory) -> Path:
    img = np.round(np.random.default_rng(0).random((1, 150, 150, 3)), 3).tolist()  # [1, 150, 150, 3] per instance
    p = tmp_path_factory.mktemp("req") / "request.json"
    p.write_text(json.dumps({"instances": [img, img]}))
    return p


def test_seed_case_reports_extra_batch_dimension_and_fix_repairs_it(cli, image_model, seed_request, tmp_path) -> None:
    # TF Serving's JSON layer accepts it (it never compares fed shapes with the signature), but the model's Conv2D
    # fails on another rank: by default (rank) an error, exit 1, as the server's answer is; --shape-check warn makes
    # it a warning that says most models fail on it and how to settle it
    code, out, err = cli("validate", seed_request, "--model", image_model, "--no-color", "--shape-check", "warn")
    assert code == 0 and err == ""
    assert out.splitlines()[0].startswith("✓ valid") and "1 warning" in out.splitlines()[0]
    assert "the model may still fail on it; sigcheck predict or gate --predict settles it" in out.splitlines()[0]
    assert "warning request.shape [extra_batch_dimension]" in out and "most models fail" in out
    code, out, err = cli("validate", seed_request, "--model", image_model, "--no-color")
    assert code == 1 and err == ""
    assert out.splitlines()[0].startswith("✗ invalid")
    assert "extra_batch_dimension" in out and "$.instances[0]" in out and "here: [[[[" in out
    fixed = tmp_path / "fixed.json"
    code, out, err = cli("validate", seed_request, "--model", image_model, "--fix", "-o", fixed, "--json")
    # the exit code of a --fix run is the verdict on the copy it wrote (issue 18); --json still reports the request
    assert code == 0 and json.loads(out)["findings"][0]["category"] == "extra_batch_dimension"
    assert json.loads(out)["fix"]["ok"] is True and json.loads(out)["fix"]["findings"] == []
    assert "wrote" in err and "passes" in err and "exit 0 is the verdict on" in err
    assert np.asarray(json.loads(fixed.read_text())["instances"]).shape == (2, 150, 150, 3)
    code, out, _ = cli("validate", fixed, "--model", image_model, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] and doc["tensors"] == {"image": {"dtype": "DT_FLOAT", "shape": [2, 150, 150, 3]}}


def test_json_document_on_stdout(cli, image_model, tmp_path) -> None:
    req = tmp_path / "bad.json"
    req.write_text('{"instances": [[1, 2], [3]]}')
    code, out, err = cli("validate", req, "--model", image_model, "--json")
    doc = json.loads(out)
    assert code == 1 and err == ""
    assert doc["tf_serving"]["accepted"] is False and doc["tf_serving"]["http_status"] == 400
    assert doc["tf_serving"]["error"] == ("Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT: "
                                          "Expecting tensor size: 2 but got: 1")
    assert doc["tensors"] == {} and doc["findings"][0]["category"] == "ragged_instances"


def test_never_overwrites_and_needs_output(cli, image_model, seed_request) -> None:
    before = seed_request.read_bytes()
    code, _, err = cli("validate", seed_request, "--model", image_model, "--fix", "-o", seed_request)
    assert code == 2 and "never overwrites" in err and seed_request.read_bytes() == before
    code, _, err = cli("validate", seed_request, "--model", image_model, "--fix")
    assert code == 2 and "--fix needs -o" in err


def test_cannot_run_exit_2(cli, tmp_path, image_model) -> None:
    code, _, err = cli("validate", tmp_path / "missing.json", "--model", image_model)
    assert code == 2 and err.startswith("error:")
    req = tmp_path / "r.json"
    req.write_text("{}")
    code, _, err = cli("validate", req, "--model", tmp_path / "nomodel")
    assert code == 2 and "error:" in err
    code, _, err = cli("validate", req, "--model", image_model, "--target", "gcp")
    assert code == 2 and "unknown target" in err


def test_stdin_and_jsonl_file(tmp_path, image_model) -> None:
    contract = tmp_path / "x4.json"
    contract.write_text(json.dumps({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": {"x": {"dtype": "DT_FLOAT", "shape": [-1, 4]}},
        "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 1]}}}}}))
    lines = tmp_path / "instances.jsonl"
    lines.write_text("[1, 2, 3, 4]\n[5, 6, 7, 8]\n\n[9, 10, 11]\n")
    env = dict(os.environ, NO_COLOR="1", NO_GCE_CHECK="true", COLUMNS="200")
    proc = subprocess.run([sys.executable, "-m", "sigcheck", "validate", str(lines), "--model", str(contract),
                           "--json"], capture_output=True, text=True, env=env, cwd=ROOT)
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1
    assert doc["findings"][0]["path"] == "$.instances[2]" and "line 4 is (3,)" in doc["findings"][0]["message"]
    fixed = tmp_path / "body.json"
    lines.write_text("[1, 2, 3, 4]\n[5, 6, 7, 8]\n")
    proc = subprocess.run([sys.executable, "-m", "sigcheck", "validate", "-", "--model", str(contract),
                           "--format-in", "jsonl", "--fix", "-o", str(fixed)], input=lines.read_text(),
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout.startswith("✓ valid"), proc.stderr
    assert json.loads(fixed.read_text()) == {"instances": [[1, 2, 3, 4], [5, 6, 7, 8]]}


def test_validate_imports_no_tensorflow(seed_request, image_model) -> None:
    code = ("import sys; from sigcheck.cli.app import run; rc = run(['validate', sys.argv[1], '--model', sys.argv[2],"
            " '--json']); bad = [m for m in ('tensorflow', 'keras', 'google.cloud') if m in sys.modules];"
            " sys.exit(3 if bad else rc)")
    proc = subprocess.run([sys.executable, "-c", code, str(seed_request), image_model], capture_output=True,
                          text=True, env=dict(os.environ, NO_GCE_CHECK="true"), cwd=ROOT)
    assert proc.returncode == 1, proc.stderr  # (ran: another rank than declared, an error by default)


def test_tutorial_request_to_half_plus_three_is_valid(cli, tfs_testdata) -> None:
    """TF Serving's REST tutorial request answers 200; its TF 1.0 signature records no shapes (shown as ()), so
    there is nothing to compare and nothing to warn about."""
    import io

    model = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_three"
    sys.stdin = io.TextIOWrapper(io.BytesIO(b'{"instances": [1.0, 2.0, 5.0]}'))
    try:
        code, out, err = cli("validate", "-", "--model", model, "--no-color")
    finally:
        sys.stdin = sys.__stdin__
    assert code == 0 and err == "", err
    assert out.startswith("✓ valid") and "warning" not in out and "tensors: x float [3]" in out


def test_human_view_says_who_refuses(cli, tmp_path, image_model) -> None:
    lines = tmp_path / "split.jsonl"
    lines.write_text("[1, 2, 3, 4]\n[1, 2,\n3, 4]\n")
    contract = tmp_path / "x4.json"
    contract.write_text(json.dumps({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": {"x": {"dtype": "DT_FLOAT", "shape": [-1, 4]}},
        "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 1]}}}}}))
    code, out, _ = cli("validate", lines, "--model", contract, "--no-color", "--target", "ai-platform")
    assert code == 1 and out.splitlines()[0] == (f"✗ rejected  {lines} against {contract} (a signature contract): "
                                                 "gcloud refuses the file before sending anything")
    assert '  gcloud: Input instances are not in JSON format.' in out
    assert "  TF Serving, if the body reached it: 400 JSON Parse error" in out
    code, out, _ = cli("validate", lines, "--model", contract, "--no-color")
    assert code == 1 and "a line is not one JSON value" in out.splitlines()[0] and "gcloud" not in out.splitlines()[0]
    body = tmp_path / "columnar.json"
    body.write_text('{"inputs": {"x": [[1, 2, 3, 4]]}}')
    code, out, _ = cli("validate", body, "--model", contract, "--target", "vertex", "--no-color")
    assert code == 1 and out.splitlines()[0] == (f"✗ rejected  {body} against {contract} (a signature contract): "
                                                 "Vertex AI refuses the body (400) before TF Serving sees it")
    assert '  Vertex AI: 400 Invalid JSON payload received. Unknown name "inputs": Cannot find field.' in out
    assert "  TF Serving, if the body reached it: accepts it" in out and "TF Serving accepts it, but" not in out
    assert out.count('Unknown name "inputs"') == 1  # the finding does not repeat the refusal shown above
    code, out, _ = cli("validate", body, "--model", contract, "--target", "vertex", "--json")
    doc = json.loads(out)
    assert doc["tf_serving"] == {"accepted": True, "http_status": 200, "error": None, "stage": "ok"}
    assert doc["front_end"] == {"name": "vertex", "accepted": False, "status": 400,
                                "error": 'Invalid JSON payload received. Unknown name "inputs": Cannot find field.'}
    code, out, _ = cli("validate", body, "--model", contract, "--json")
    assert code == 0 and json.loads(out)["front_end"] is None


def test_signature_flag_reports_tf_servings_answer_to_the_body_as_sent(cli, tmp_path) -> None:
    """--signature image_bytes on a body without signature_name: TF Serving calls serving_default (x float) and
    answers 400; the finding says the body needs "signature_name"; --fix adds it (not for --target vertex)."""
    model = ROOT / "fixtures" / "models" / "module_multi"
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"instances": [{"b64": base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()}]}))
    code, out, _ = cli("validate", body, "--model", model, "--signature", "image_bytes", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["ok"] is False and doc["signature"] == "serving_default"
    assert doc["tf_serving"]["accepted"] is False and doc["tf_serving"]["http_status"] == 400
    assert "Type: Object is not of expected type: float" in doc["tf_serving"]["error"]
    [f] = doc["findings"]
    assert (f["severity"], f["category"]) == ("error", "signature_not_found")
    assert '"signature_name": "image_bytes"' in f["hint"]
    fixed = tmp_path / "fixed.json"
    code, _, err = cli("validate", body, "--model", model, "--signature", "image_bytes", "--fix", "-o", fixed)
    assert json.loads(fixed.read_text())["signature_name"] == "image_bytes" and "passes" in err
    code, out, _ = cli("validate", fixed, "--model", model, "--json")
    assert code == 0 and json.loads(out)["signature"] == "image_bytes"
    vertex = tmp_path / "vertex.json"
    code, _, err = cli("validate", body, "--model", model, "--signature", "image_bytes", "--target", "vertex",
                       "--fix", "-o", vertex)
    assert code == 1 and not vertex.exists() and "no file written" in err


def test_fix_to_json_lines_names_what_it_writes(cli, tmp_path) -> None:
    model = ROOT / "fixtures" / "models" / "module_multi"
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"instances": [[1, 2, 3]]}\n{"instances": [[4, 5, 6]]}\n')
    for name in ("out.jsonl", "out.NDJSON"):
        out = tmp_path / name
        code, _, err = cli("validate", lines, "--model", model, "--fix", "-o", out)
        assert code == 0 and out.read_bytes() == b"[1,2,3]\n[4,5,6]\n"  # the lines are wrong, the copy passes
        assert "converted" not in err and "one per line" not in err and "unwrapped the 2 request bodies" in err
