"""``sigcheck gate``: exit codes, formats, -o, config, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_failing_gate_exits_1_with_a_text_report(capsys, fixture_model):
    code, out, err = run(capsys, "gate", str(fixture_model("tf1_learning_phase")), "--no-color")
    assert code == 1
    assert "error graph.unfed_placeholder at $.signatures.serving_default.outputs.y" in out
    assert "fix:" in out and "failed checks: graph.unfed_placeholder" in out
    assert err.startswith("gate failed (fail-on error): 1 error;")


def test_passing_gate_prints_nothing_on_stdout_in_text(capsys, tfs_testdata):
    model = tfs_testdata / "tensorflow_serving/batching/testdata/matrix_half_plus_two"
    code, out, err = run(capsys, "gate", str(model))
    assert code == 0 and err.startswith("gate passed:")
    assert out == ""  # every check passed or was skipped: nothing to say on stdout
    assert "skipped (--verbose says why)" in err
    code, out, err = run(capsys, "gate", str(model), "--runtime", "2.15", "--target", "vertex")
    head, _, out = out.partition("\n")  # (a base path: the first line names the version checked)
    assert code == 0 and head == f"gate: {model} version 1 (its only version)"
    assert out.startswith("info op.runtime_ok at $.ops\n  loads and serves on TensorFlow 2.15: its ")
    code, out, err = run(capsys, "gate", str(model), "--runtime", "2.15", "--target", "vertex", "--verbose")
    assert code == 0 and "skipped request.validate: no --request given" in out
    assert "failed checks" not in out and "--verbose says why" not in err


def test_text_report_never_prints_absent_fields(capsys, fixture_model):
    """scalar_input, unstable_names and diff.input_added have no `expected`: it is left out, never "None"."""
    code, out, _ = run(capsys, "gate", str(fixture_model("module_multi")), "--no-color")
    assert "signature.scalar_input" in out and "  received: shape ()" in out
    code, out2, _ = run(capsys, "gate", str(fixture_model("keras_unnamed")), "--no-color")
    assert "signature.unstable_names" in out2
    code, out3, _ = run(capsys, "diff", str(fixture_model("keras_image")), str(fixture_model("keras_tabular")),
                        "--no-color")
    assert "diff.input_added" in out3 and "diff.input_removed" in out3
    for text in (out, out2, out3):
        assert not [line for line in text.splitlines() if line.rstrip().endswith((": None", ":None"))]


def test_text_report_is_not_wrapped_off_a_terminal(capsys, fixture_model, tmp_path: Path):
    """Piped or captured, each finding's message stays on one line (rich would wrap at 80 columns)."""
    from .test_rules import scalar_output_contract

    _, out, _ = run(capsys, "gate", str(scalar_output_contract(fixture_model, tmp_path)), "--no-color")
    message = [line for line in out.splitlines() if "declares a scalar (rank 0) output" in line]
    assert len(message) == 2 and all(len(line) > 120 and line.endswith("check with `sigcheck predict`)")
                                     for line in message)
    starts = ("gate: ", "error ", "warning ", "info ", "  ", "failed checks:", "skipped ")  # (gate: the headline)
    assert all(not line or line.startswith(starts) for line in out.splitlines())  # no continuation at column 0


def test_json_report_shape(capsys, fixture_model):
    code, out, _ = run(capsys, "gate", str(fixture_model("tf1_file_ops")), "--json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False and data["schema_version"] == 1
    assert data["model"].endswith("tf1_file_ops/1")
    assert data["checks"]["op.unsafe"] == "fail"
    assert [f["code"] for f in data["findings"]] == ["op.unsafe"]


def test_fail_on_warning_and_ignore(capsys, fixture_model):
    model = str(fixture_model("keras_unnamed"))
    assert run(capsys, "gate", model)[0] == 0
    assert run(capsys, "gate", model, "--fail-on", "warning")[0] == 1
    code, out, err = run(capsys, "gate", model, "--fail-on", "warning", "--ignore", "signature.unstable_names",
                         "--json")
    # (2: keras_tensor and output_0, each said once for serving_default and serve, which Keras 3 writes alike)
    assert code == 0 and json.loads(out)["ignored"] == 2 and "2 ignored" in err


def test_output_file_and_env_format(capsys, fixture_model, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SIGCHECK_FORMAT", "junit")
    target = tmp_path / "out" / "gate.xml"
    target.parent.mkdir()
    code, out, err = run(capsys, "gate", str(fixture_model("tf1_keep_prob")), "-o", str(target))
    assert code == 1 and out == "" and f"wrote {target}" in err
    assert target.read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')


def test_config_file_sets_policy(capsys, fixture_model, tmp_path: Path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text('[tool.sigcheck]\nfail-on = "warning"\nformat = "json"\nfrobnicate = 1\ntargett = "vertex"\n')
    code, out, err = run(capsys, "gate", str(fixture_model("keras_unnamed")), "--config", str(cfg))
    assert code == 1 and json.loads(out)["fail_on"] == "warning"
    assert "unknown key 'frobnicate' in [tool.sigcheck] (ignored)\n" in err
    assert "unknown key 'targett' in [tool.sigcheck] (ignored); did you mean 'target'?" in err
    code, _, _ = run(capsys, "gate", str(fixture_model("keras_unnamed")), "--config", str(cfg), "--fail-on", "error")
    assert code == 0  # the flag wins over the file


@pytest.mark.parametrize(("args", "message"), [
    (["--target", "sagemaker"], "unknown target"),
    (["--runtime", "latest"], "--runtime 'latest': unknown runtime"),
    (["--runtime", "2.99"], "no op registry recorded for TensorFlow 2.99"),
    (["--format", "xml"], "unknown format"),
    (["--fail-on", "fatal"], "unknown severity"),
    (["--request", "/nonexistent/req.json"], "no such file"),
])
def test_bad_input_exits_2_with_one_line(capsys, fixture_model, args, message):
    code, out, err = run(capsys, "gate", str(fixture_model("keras_tabular")), *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_missing_model_exits_2(capsys, tmp_path: Path):
    code, _, err = run(capsys, "gate", str(tmp_path / "nope"))
    assert code == 2 and "no such file or folder" in err


def test_baseline_flag(capsys, tfs_testdata):
    base = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_2_versions"
    code, out, _ = run(capsys, "gate", str(base / "00000124"), "--baseline", str(base / "00000123"), "--json")
    assert code == 0 and json.loads(out)["checks"]["baseline.diff"] == "pass"


@pytest.mark.tf
def test_predictor_adapter_runs_requests_through_the_model(fixture_model):
    """--predict's adapter over sigcheck.serving.predict: a good request passes, a graph failure is a finding."""
    from sigcheck.cli.gate import _predictor
    from sigcheck.model import read_model

    info = read_model(str(fixture_model("keras_image")))
    predict = _predictor(info, allowed_ops=())

    def image(side: int, channels: int = 3) -> bytes:
        return json.dumps({"instances": [[[[0.5] * channels] * side] * side]}).encode()

    good = image(150)
    assert list(predict(good, source="good.json")) == []
    (d,) = predict(image(150, 4), source="small.json")  # TF Serving does not check shapes; the Conv2D fails
    assert d.code == "predict.run_failed" and d.subject == "small.json" and d.upstream
    assert d.path == "$.signatures.serving_default"


def test_output_to_a_device_writes_through_it(capsys, fixture_model, tmp_path: Path):
    """-o /dev/null must not replace the device with a regular file (the atomic rename would, as root)."""
    import os
    import stat

    fifo_free = Path(os.devnull)
    before = os.stat(fifo_free)
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip(f"{os.devnull} is not a device on this machine (something replaced it with a regular file)")
    code, out, _ = run(capsys, "gate", str(fixture_model("keras_tabular")), "--json", "-o", os.devnull)
    after = os.stat(fifo_free)
    assert code == 0 and out == ""
    assert stat.S_ISCHR(after.st_mode) and (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)


@pytest.mark.tf
def test_gate_with_requests_and_predict(capsys, fixture_model, tmp_path: Path):
    req = tmp_path / "req.json"
    req.write_text(json.dumps({"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}]}))
    code, out, err = run(capsys, "gate", str(fixture_model("keras_tabular")), "--request", str(req), "--predict",
                         "--json")
    data = json.loads(out)
    assert code == 0, err
    assert data["checks"]["request.validate"] == "pass" and data["checks"]["predict.run"] == "pass"


@pytest.mark.tf
def test_gate_predict_runs_an_unsafe_model_only_when_every_op_is_allowed(capsys, fixture_model, tmp_path: Path):
    req = tmp_path / "req.json"
    req.write_text('{"instances": [[1.0]]}')
    model = str(fixture_model("tf1_file_ops"))
    code, out, _ = run(capsys, "gate", model, "--request", str(req), "--predict", "--json")
    (load,) = [f for f in json.loads(out)["findings"] if f["code"] == "predict.load_failed"]
    assert code == 1 and "--allow-op ReadFile" in load["hint"] and "--allow-unsafe-ops" not in load["hint"]
    code, out, _ = run(capsys, "gate", model, "--request", str(req), "--predict", "--json", "--allow-op", "WriteFile")
    assert code == 1 and any(f["code"] == "predict.load_failed" for f in json.loads(out)["findings"])
    code, out, err = run(capsys, "gate", model, "--request", str(req), "--predict", "--json", "--allow-op", "ReadFile")
    data = json.loads(out)
    assert not any(f["code"].startswith("predict.") for f in data["findings"]), data["findings"]
    assert data["checks"]["predict.run"] in ("pass", "fail")  # it ran (the config file may not exist: a finding)


def test_gate_predict_without_tensorflow_cannot_run(capsys, fixture_model, tmp_path: Path, monkeypatch):
    """A missing extra is an environment problem (exit 2), not a failing model (exit 1)."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "tensorflow" else real(name, *a))
    req = tmp_path / "req.json"
    req.write_text(json.dumps({"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}]}))
    code, out, err = run(capsys, "gate", str(fixture_model("keras_tabular")), "--request", str(req), "--predict")
    assert code == 2 and out == ""
    from sigcheck._optional import install_hint

    assert "needs tensorflow" in err and f"hint: {install_hint('tf')}, or drop --predict" in err


def test_request_findings_keep_validates_order_in_every_format(capsys, fixture_model, tmp_path: Path):
    """TF Serving's first error first, then what it would report next: never re-sorted by path."""
    req = tmp_path / "bad.json"
    req.write_text('{"instances": [{"age": "30"}]}')
    model = str(fixture_model("keras_tabular"))
    codes = ["request.dtype", "request.keys"]
    _, out, _ = run(capsys, "gate", model, "--request", str(req), "--json")
    found = [f["code"] for f in json.loads(out)["findings"] if f["code"].startswith("request.")]
    assert found == codes
    _, out, _ = run(capsys, "gate", model, "--request", str(req), "--format", "sarif")
    results = [r["ruleId"] for r in json.loads(out)["runs"][0]["results"] if r["ruleId"].startswith("request.")]
    assert results == codes
    _, out, _ = run(capsys, "gate", model, "--request", str(req), "--no-color")
    lines = [ln.split()[1] for ln in out.splitlines() if ln.startswith("error request.")]
    assert lines == codes
