"""An output declared with a fixed batch size (trial9 F13): input x (-1, 4), output y (1, 4).  validate (body and
JSON Lines) and the static gate's warm-up check say that a batch of 2 disagrees with the declared answer; a batch
of 1 says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.codec.tfrecord import frame_records
from sigcheck.diagnostics import Severity
from sigcheck.model import read_model
from sigcheck.serving_config.proto import serving_config_pb2 as pb
from sigcheck.serving_config.warmup_lint import check_warmup
from sigcheck.validate import validate_request

pytestmark = pytest.mark.tf

TWO = b'{"instances": [[0.1, 0.1, 0.1, 0.1], [0.2, 0.2, 0.2, 0.2]]}'


@pytest.fixture(scope="session")
def fixed_output(tf_built) -> Path:
    return tf_built(Path(__file__).with_name("fixed_output_model.py"))


def _output_findings(result):
    return [f for f in result.findings if f.category == "fixed_batch_size_in_graph"
            and f.path == "$.signatures.serving_default.outputs.y"]


def test_validate_says_a_batch_of_two_meets_a_declared_output_batch_of_one(fixed_output: Path) -> None:
    info = read_model(str(fixed_output))
    r = validate_request(TWO, info)
    (f,) = _output_findings(r)
    assert f.severity is Severity.WARNING and r.ok  # a declaration: the default --shape-check warns
    assert 'output "y" declares a fixed batch size of 1' in f.message and f.received == "2"
    assert _output_findings(validate_request(TWO, info, shape_check="error"))[0].severity is Severity.ERROR
    assert not _output_findings(validate_request(b'{"instances": [[0.1, 0.1, 0.1, 0.1]]}', info))
    lines = validate_request(b"[1, 2, 3, 4]\n[5, 6, 7, 8]\n", info, format_in="jsonl")
    assert _output_findings(lines)


def test_gate_warmup_check_flags_the_record(fixed_output: Path, tmp_path: Path) -> None:
    log = pb.PredictionLog()
    req = log.predict_log.request
    req.model_spec.signature_name = "serving_default"
    t = req.inputs["x"]
    t.dtype = 1  # DT_FLOAT
    t.tensor_shape.dim.add(size=2)
    t.tensor_shape.dim.add(size=4)
    t.float_val.extend([0.1] * 8)
    extra = fixed_output / "1" / "assets.extra"
    extra.mkdir(exist_ok=True)
    (extra / "tf_serving_warmup_requests").write_bytes(frame_records([log.SerializeToString()]))
    try:
        findings = check_warmup(read_model(str(fixed_output)), "version 1")
    finally:
        (extra / "tf_serving_warmup_requests").unlink()
    hits = [f for f in findings if f.code == "config.warmup.shape" and 'output "y"' in f.message]
    assert hits and "record 0: " in hits[0].message and hits[0].severity is Severity.WARNING
