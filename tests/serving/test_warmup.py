"""``sigcheck warmup``: assets.extra/tf_serving_warmup_requests as TF Serving reads it (needs TensorFlow)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.tf

TABULAR = b'{"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}, ' \
          b'{"age": [52.5], "hours": [10], "occupation": ["pilot"]}]}'
COLUMNAR = b'{"signature_name": "serve", "inputs": {"age": [[1.0]], "hours": [[2]], "occupation": [["x"]]}}'


@pytest.fixture
def model(tmp_path: Path, fixture_model) -> Path:
    """A TF Serving base path holding a copy of keras_tabular as version 1."""
    base = tmp_path / "tabular"
    shutil.copytree(fixture_model("keras_tabular"), base)
    return base


def test_writes_reads_back_and_replaces(model: Path):
    from sigcheck.serving.warmup import read_warmup, write_warmup

    result = write_warmup(str(model), [("a.json", TABULAR), ("b.json", COLUMNAR)], count=5)
    path = model / "1" / "assets.extra" / "tf_serving_warmup_requests"
    assert result.path == str(path) and result.records == 5 and not result.replaced
    assert result.signatures == ("serving_default", "serve") and result.size == path.stat().st_size
    logs = read_warmup(str(path))
    assert len(logs) == 5
    assert [log.predict_log.request.model_spec.signature_name for log in logs] == [
        "serving_default", "serve", "serving_default", "serve", "serving_default"]
    first = logs[0].predict_log.request
    assert sorted(first.inputs) == ["age", "hours", "occupation"]
    import tensorflow as tf

    age = tf.make_ndarray(first.inputs["age"])
    assert age.dtype.name == "float32" and age.shape == (2, 1) and age[1, 0] == 52.5
    assert tf.make_ndarray(first.inputs["hours"]).dtype.name == "int64"
    assert tf.make_ndarray(first.inputs["occupation"]).tolist() == [[b"clerk"], [b"pilot"]]
    again = write_warmup(str(model), [("a.json", TABULAR)], verify=False)
    assert again.replaced and again.records == 1 and len(read_warmup(str(path))) == 1
    assert sorted(p.name for p in path.parent.iterdir()) == ["tf_serving_warmup_requests"]  # no temp files left


def test_records_run_through_the_model(model: Path):
    """Each record's tensors feed the signature they name (what TF Serving does when it warms the model up)."""
    import tensorflow as tf

    from sigcheck.serving.warmup import read_warmup, write_warmup

    result = write_warmup(str(model), [("a.json", TABULAR)], verify=False)  # (this test runs them itself)
    loaded = tf.saved_model.load(str(model / "1"))
    for log in read_warmup(result.path):
        req = log.predict_log.request
        fn = loaded.signatures[req.model_spec.signature_name]
        out = fn(**{k: tf.constant(tf.make_ndarray(v)) for k, v in req.inputs.items()})
        assert out["probabilities"].shape == (2, 2)


def test_refuses_invalid_requests_and_counts(model: Path):
    from sigcheck.errors import InputError
    from sigcheck.serving.warmup import write_warmup

    with pytest.raises(InputError, match="TF Serving would reject this request") as caught:
        write_warmup(str(model), [("bad.json", b'{"instances": [{"age": "x"}]}')])
    assert caught.value.hint == f"check it with `sigcheck validate bad.json --model {model / '1'}`"
    with pytest.raises(InputError, match="between 1 and 1000"):
        write_warmup(str(model), [("a.json", TABULAR)], count=1001)
    with pytest.raises(InputError, match="no --request"):
        write_warmup(str(model), [])
    assert not (model / "1" / "assets.extra").exists() or not any((model / "1" / "assets.extra").iterdir())


JSONL = b'{"age": [31.0], "hours": [40], "occupation": ["clerk"]}\n' \
        b'{"age": [52.5], "hours": [10], "occupation": ["pilot"]}\n'


def test_json_lines_are_read_as_validate_reads_them(model: Path, tmp_path: Path):
    """A JSON Lines file that validate accepts (the batch gcloud sends) is one warm-up record with that batch; one
    that cannot be sent (two values on a line) is refused with the reader's answer, as validate says."""
    from sigcheck.errors import InputError
    from sigcheck.model import read_model
    from sigcheck.serving.warmup import decode_requests, read_warmup, write_warmup
    from sigcheck.validate import validate_request

    info = read_model(str(model))
    assert validate_request(JSONL, info, source="inst.jsonl").ok
    for source in ("inst.jsonl", "-"):  # by name, and detected from the content (stdin)
        [d] = decode_requests(info, [(source, JSONL)])
        assert d.tensors["age"].shape == (2, 1) and d.tensors["occupation"].array.tolist() == [[b"clerk"], [b"pilot"]]
    many = JSONL * 4500  # 9000 lines: validated in chunks, which keep no tensors
    [d] = decode_requests(info, [("many.jsonl", many)])
    assert d.tensors["hours"].shape == (9000, 1) and d.tensors["hours"].array[-1, 0] == 10
    result = write_warmup(str(model), [("inst.jsonl", JSONL)], verify=False)
    import tensorflow as tf

    [log] = read_warmup(result.path)
    assert tf.make_ndarray(log.predict_log.request.inputs["age"]).tolist() == [[31.0], [52.5]]
    bad = b'{"age": [1.0], "hours": [1], "occupation": ["a"]} {"age": [2.0], "hours": [2], "occupation": ["b"]}\n' * 2
    assert not validate_request(bad, info, source="bad.jsonl").decoded.accepted
    with pytest.raises(InputError, match="the JSON Lines reader refuses this file: line 1 holds more than one JSON"):
        decode_requests(info, [("bad.jsonl", bad)])


def test_cli(capsys, model: Path, tmp_path: Path):
    from sigcheck.cli import main

    req = tmp_path / "req.json"
    req.write_bytes(TABULAR)
    code = main(["warmup", str(model), "--request", str(req), "--count", "3", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["records"] == 3 and data["verified"] is True
    assert "3 PredictionLog records (serving_default)" in err and "verified" in err
    code = main(["warmup", str(model), "--request", str(req), "--count", "0"])
    assert code == 2 and "error: --count 0" in capsys.readouterr().err


PROBE = """
import sys
from sigcheck.cli import main
code = main(sys.argv[1:])
sys.stderr.write("TF_IMPORTED=%s\\n" % ("tensorflow" in sys.modules))
sys.exit(code)
"""


def _warmup_process(model: Path, request: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_GCE_CHECK="true", PYTHONDONTWRITEBYTECODE="1")
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)  # what a user's shell has: nothing
    return subprocess.run([sys.executable, "-c", PROBE, "warmup", str(model), "--request", str(request)],
                          capture_output=True, text=True, env=env, timeout=300)


def test_cli_refuses_a_bad_request_before_importing_tensorflow(model: Path, tmp_path: Path):
    bad = tmp_path / "bad request.json"
    bad.write_bytes(b'{"instances": [{"age": "x"}]}')
    proc = _warmup_process(model, bad)
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2 and lines[-1] == "TF_IMPORTED=False", proc.stderr
    assert lines[0].startswith(f"error: {bad}: TF Serving would reject this request (HTTP 400)")
    assert lines[1] == f"hint: check it with `sigcheck validate '{bad}' --model {model / '1'}`"
    assert len(lines) == 3


def test_cli_keeps_tensorflow_start_up_lines_off_stderr(model: Path, tmp_path: Path):
    req = tmp_path / "req.json"
    req.write_bytes(TABULAR)
    proc = _warmup_process(model, req)
    lines = proc.stderr.splitlines()
    assert proc.returncode == 0 and lines[-1] == "TF_IMPORTED=True", proc.stderr
    assert lines[0].startswith(f"wrote {model / '1'}/assets.extra/tf_serving_warmup_requests")
    # sigcheck's own lines only: the summary, its batching note (the request holds 2 instances), the probe's line
    assert all(line.startswith("note: a record holds 2 instances") for line in lines[1:-1]) and len(lines) <= 3


@pytest.mark.gcs
def test_writes_into_a_gs_model(gcs_emulator, fixture_model, tmp_path: Path):
    from sigcheck.serving.warmup import read_warmup, write_warmup

    bucket = gcs_emulator.new_bucket()
    gcs_emulator.put_tree(fixture_model("keras_tabular"), bucket, "models/tabular")
    result = write_warmup(f"gs://{bucket}/models/tabular", [("a.json", TABULAR)], count=2)
    assert result.path == f"gs://{bucket}/models/tabular/1/assets.extra/tf_serving_warmup_requests"
    assert "models/tabular/1/assets.extra/tf_serving_warmup_requests" in gcs_emulator.names(bucket)
    local = tmp_path / "warmup"
    gcs_emulator.client.bucket(bucket).blob("models/tabular/1/assets.extra/tf_serving_warmup_requests") \
        .download_to_filename(str(local))
    assert len(read_warmup(str(local))) == 2
