"""One answer on every machine: models run in their own process with stated kernels, and a model that crashes,
hangs or eats memory comes back as a result (never sigcheck's own death).

``TF_ENABLE_ONEDNN_OPTS=1`` in the parent reproduces an AVX-512 machine (where TensorFlow's wheels turn oneDNN on
by themselves) on any x86-64 CPU: sigcheck's default answer must not change with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.tf

EXTRA = np.zeros((1, 1, 150, 150, 3), np.float32)  # one extra level: TF Serving answers 400
NO_BATCH = np.zeros((150, 150, 3), np.float32)  # no batch level: 400 (stock), SIGABRT (oneDNN)


@pytest.fixture(scope="module")
def image_model(fixture_model) -> str:
    return str(fixture_model("keras_image"))


@pytest.mark.parametrize("parent_env", ["1"])  # (the rest of the suite runs with the environment as it is)
def test_default_kernels_are_stock_whatever_the_environment_says(monkeypatch, image_model, parent_env) -> None:
    from sigcheck.serving import start_model

    if parent_env is None:
        monkeypatch.delenv("TF_ENABLE_ONEDNN_OPTS", raising=False)
    else:
        monkeypatch.setenv("TF_ENABLE_ONEDNN_OPTS", parent_env)
    with start_model(image_model) as model:
        assert model.kernels == "stock" and model.onednn_active is False
        for feed in (EXTRA, NO_BATCH):
            result = model.run("serving_default", {"image": feed})
            assert result.crash is None and result.outputs is None
            assert result.error.status_code == "INVALID_ARGUMENT"
            assert "input must be 4-dimensional" in result.error.message
        ok = model.run("serving_default", {"image": np.zeros((2, 150, 150, 3), np.float32)})
        assert ok.outputs["probs"].shape == (2, 2)
        np.testing.assert_allclose(ok.outputs["probs"].sum(axis=1), [1.0, 1.0], rtol=1e-5)


def test_onednn_kernels_are_stated_and_their_crash_is_a_result(image_model) -> None:
    from sigcheck.serving import start_model

    with start_model(image_model, kernels="onednn") as model:
        assert model.onednn_active is True and "oneDNN kernels" in model.kernels_description
        result = model.run("serving_default", {"image": NO_BATCH})
        # oneDNN's Conv2D checks ranks with a CHECK: the process aborts.  Whatever this TensorFlow does, sigcheck
        # lives on and says what happened.
        if result.crash is not None:
            assert result.crash.kind == "signal" and result.crash.signal == "SIGABRT"
            assert result.crash.stage == "run" and "Check failed" in result.crash.message
            assert "take the whole server down" in result.crash.server_impact
            assert not model.alive
        else:
            assert result.error is not None or result.outputs is not None
        again = model.run("serving_default", {"image": np.zeros((1, 150, 150, 3), np.float32)})  # a fresh child
        assert again.crash is None and again.outputs["probs"].shape == (1, 2)
        stock = start_model(image_model)
        try:
            # the same image, both kernels: equal within float tolerance (the last digits may differ)
            x = np.random.default_rng(0).random((2, 150, 150, 3), dtype=np.float32)
            np.testing.assert_allclose(model.run("serving_default", {"image": x}).outputs["probs"],
                                       stock.run("serving_default", {"image": x}).outputs["probs"], atol=1e-5)
        finally:
            stock.close()


def _cli(*argv: str, env_onednn: str | None = "1") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_GCE_CHECK="true")
    if env_onednn is not None:
        env["TF_ENABLE_ONEDNN_OPTS"] = env_onednn
    return subprocess.run([sys.executable, "-m", "sigcheck", *argv], capture_output=True, text=True, env=env,
                          timeout=600)


@pytest.fixture(scope="module")
def no_batch_request(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("req") / "no_batch.json"
    path.write_text(json.dumps({"instances": NO_BATCH.tolist()}))
    return path


def test_predict_cli_reports_a_crash_with_json_and_exit_1(image_model, no_batch_request) -> None:
    proc = _cli("predict", str(no_batch_request), "--model", image_model, "--kernels", "onednn", "--json")
    data = json.loads(proc.stdout)  # --json is printed whatever happened
    if data["stage"] == "crash":
        assert proc.returncode == 1
        assert data["http_status"] is None and data["response"] is None
        assert data["crash"]["signal"] == "SIGABRT" and data["crash"]["log_tail"]
        assert data["findings"][0]["code"] == "predict.crash"
        assert data["findings"][0]["category"] == "missing_batch_dimension"  # (explain reads the failed CHECK)
    assert "oneDNN kernels" in data["kernels"]
    stock = _cli("predict", str(no_batch_request), "--model", image_model)  # the parent says oneDNN: ignored
    assert stock.returncode == 1 and "input must be 4-dimensional" in stock.stdout
    assert "ran with stock kernels" in stock.stderr and "HTTP 400" in stock.stderr
    assert "model loaded in" in stock.stderr and "s in all" in stock.stderr  # (the whole time, and the load's)


def test_gate_writes_its_report_when_the_model_crashes(image_model, no_batch_request, tmp_path) -> None:
    report = tmp_path / "gate.json"
    proc = _cli("gate", image_model, "-r", str(no_batch_request), "--predict", "--kernels", "onednn",
                "--format", "json", "-o", str(report))
    assert proc.returncode == 1, proc.stderr
    codes = [f["code"] for f in json.loads(report.read_text())["findings"]]
    assert "request.shape" in codes  # validate's finding, as before
    assert {"predict.crash", "predict.run_failed"} & set(codes)  # the crash (or, on a TF that does not abort, the error)
    assert "the model ran with oneDNN kernels" in proc.stderr


@pytest.fixture(scope="module")
def hungry_models(tmp_path_factory) -> dict[str, str]:
    """TF1 graphs: one loops ~forever (a while_loop of 2**62 steps), one allocates n MiB of float32 ones."""
    import tensorflow as tf

    out = {}
    root = tmp_path_factory.mktemp("hungry")
    for name in ("loop", "memory"):
        graph = tf.Graph()
        with graph.as_default():
            x = tf.compat.v1.placeholder(tf.int64, [None], name="x")
            if name == "loop":
                _, y = tf.while_loop(lambda i, acc: i < tf.constant(2 ** 62, tf.int64),
                                     lambda i, acc: (i + 1, acc + 1), [tf.constant(0, tf.int64), x[0]])
                y = tf.reshape(y, [1])
            else:
                y = tf.reshape(tf.reduce_sum(tf.fill(tf.stack([x[0], 262144]), 1.0)), [1])
            y = tf.identity(y, name="y")
            with tf.compat.v1.Session(graph=graph) as sess:
                builder = tf.compat.v1.saved_model.Builder(str(root / name / "1"))
                sig = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
                builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
                builder.save()
        out[name] = str(root / name)
    return out


def test_a_hung_model_is_stopped_at_the_time_budget(hungry_models) -> None:
    from sigcheck.serving import LocalServer

    with LocalServer(hungry_models["loop"], timeout=3) as server:
        answer = server.predict(b'{"instances": [1]}')
        assert answer.stage == "crash" and answer.crash.kind == "timeout" and answer.crash.limit == 3
        assert answer.findings[0].code == "predict.crash" and "raise --timeout" in answer.findings[0].hint
        assert "no per-request time limit" in answer.crash.server_impact


def test_a_model_past_the_memory_ceiling_is_stopped(hungry_models) -> None:
    from sigcheck.serving import LocalServer

    with LocalServer(hungry_models["memory"], memory_limit=1 << 30) as server:
        small = server.predict(b'{"instances": [4]}')  # 4 MiB: fine
        assert small.ok, small.body
        answer = server.predict(b'{"instances": [3072]}')  # 3 GiB
        assert answer.stage == "crash" and answer.crash.kind == "memory", answer.crash
        assert "memory ceiling of 1.0 GiB" in answer.crash.message
        again = server.predict(b'{"instances": [4]}')  # the next request starts a fresh process
        assert again.ok and json.loads(again.body) == {"predictions": [4.0 * 262144]}


def test_a_closed_model_leaves_its_process_for_the_next_model(fixture_model) -> None:
    """One TensorFlow import per command and kernels: the next model loads into the idle child (same answers)."""
    from sigcheck.serving import start_model
    from sigcheck.serving.child import _IDLE

    first = start_model(str(fixture_model("module_multi")))
    pid = first._proc.pid
    x = {"x": np.ones((2, 3), np.float32)}
    before = first.run("serving_default", x).outputs
    first.close()
    assert any(h[0].pid == pid for h in _IDLE.get("stock", []))
    second = start_model(str(fixture_model("module_multi")))
    try:
        assert second._proc.pid == pid and second.load_seconds < 5  # (TensorFlow was already imported there)
        again = second.run("serving_default", x).outputs
        assert sorted(again) == sorted(before)
        for name in before:
            np.testing.assert_array_equal(again[name], before[name])
    finally:
        second.close()


def test_predict_with_onednn_notes_what_validate_says(image_model, tmp_path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"instances": EXTRA.tolist()}))
    proc = _cli("predict", str(extra), "--model", image_model, "--kernels", "onednn")
    if proc.returncode == 0:  # (oneDNN ran the request the stock kernels refuse: say so)
        assert "note: validate --shape-check error finds 1 error(s) in this request (request.shape" in proc.stderr
        assert "without --kernels onednn" in proc.stderr


def test_predict_human_view_of_a_crash_says_what_json_says(image_model, tmp_path) -> None:
    """Trial 11, finding 16: under a oneDNN abort the human view showed only the crash; the request's finding (no
    batch level, `validate --fix` wraps it) and the explanation were in --json alone."""
    columnar = tmp_path / "col_no_batch.json"
    columnar.write_text(json.dumps({"inputs": NO_BATCH.tolist()}))  # one image, no batch level, columnar
    data = json.loads(_cli("predict", str(columnar), "--model", image_model, "--kernels", "onednn", "--json").stdout)
    if data["stage"] != "crash":
        pytest.skip(f"oneDNN did not abort on this machine (stage {data['stage']})")
    proc = _cli("predict", str(columnar), "--model", image_model, "--kernels", "onednn")
    assert proc.returncode == 1 and "the model crashed:" in proc.stderr
    codes = [f["code"] for f in data["findings"]]
    assert codes[0] == "predict.crash" and "request.shape" in codes
    assert "error request.shape: input \"image\" has no batch dimension" in proc.stderr
    assert "`sigcheck validate --fix` does this" in proc.stderr  # (the request finding's fix)
    assert "compare with --kernels stock" in proc.stderr  # (the crash finding's fix)
    best = data["explanations"][0]
    assert f"explained: {best['title']} ({best['category']})" in proc.stderr
    assert best["category"] == "missing_batch_dimension"


def test_predict_summary_of_a_crash_lists_findings_and_explanation(capsys) -> None:
    """The crash view, without TensorFlow: the crash, its fix, the other findings and the best explanation."""
    from types import SimpleNamespace

    from sigcheck.cli.predict import _summary
    from sigcheck.diagnostics import Diagnostic, Severity
    from sigcheck.serving.child import Crash
    from sigcheck.serving.predict import CRASH, Prediction

    crash = Crash(kind="signal", stage="run", seconds=0.1, signal="SIGABRT",
                  log_tail=("F0000 tensor_format.h:428] Check failed: index >= 0",))
    findings = [crash.finding(kernels="onednn", path="$.signatures.serving_default"),
                Diagnostic(code="request.shape", severity=Severity.ERROR, message="input \"x\" has no batch dimension",
                           hint="wrap the value in a list")]
    best = SimpleNamespace(title="Missing batch dimension", category="missing_batch_dimension",
                           cause="one example without its batch axis", steps=["add the batch level"], verify="v")
    answer = Prediction(http_status=None, body="", stage=CRASH, signature_name="serving_default", format="columnar",
                        latency_ms=1.0, findings=findings, explanations=[best], crash=crash)
    _summary(answer, SimpleNamespace(load_seconds=None), None, 1e-5, total=1.0)
    err = capsys.readouterr().err
    assert err.startswith("the model crashed: TensorFlow's process was killed by SIGABRT")
    assert err.count("the model crashed") == 1  # (the crash finding is the header, not listed again)
    assert "  fix: oneDNN kernels abort" in err
    assert "  error request.shape: input \"x\" has no batch dimension\n    fix: wrap the value in a list\n" in err
    assert "explained: Missing batch dimension (missing_batch_dimension)\n  cause: one example without its batch " \
           "axis\n  1. add the batch level\n  verify: v\n" in err
