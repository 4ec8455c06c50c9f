"""A traced scalar output (trial11 finding 5): a TF2 SavedModel whose output ``total`` = reduce_sum(x) is traced as
rank 0.  TF Serving answers every row-format request fed as declared with 400 ``Tensor name: total has no shape
information `` (json_tensor.cc MakeRowFormatJsonFromTensors), while the columnar form answers it.  validate says so
as an error with that answer in ``tf_serving``; the gate's rule is an error where only the row format is sent
(Vertex AI, AI Platform) and a warning otherwise.  A declared scalar that a request feeds with another rank (a
scalar input given a batch) is no certainty: a warning that says "if", as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.gate import run_gate
from sigcheck.model import read_model
from sigcheck.validate import validate_request

pytestmark = pytest.mark.tf

ROWS = b'{"instances": [[1, 2, 3], [4, 5, 6]]}'
COLUMNS = b'{"inputs": {"x": [[1, 2, 3], [4, 5, 6]]}}'
NO_SHAPE = "Tensor name: total has no shape information "


@pytest.fixture(scope="session")
def trial_models(tf_built) -> Path:
    return tf_built(Path(__file__).with_name("scalar_output_model.py"))


def _response(result):
    return [f for f in result.findings if f.code == "request.response"]


def test_row_request_to_a_traced_scalar_output_is_an_error_with_tf_servings_answer(trial_models: Path) -> None:
    info = read_model(str(trial_models / "scalarout"))
    r = validate_request(ROWS, info)
    (f,) = _response(r)
    assert f.severity is Severity.ERROR and not r.ok
    assert f.category == "output_batch_dimension" and f.upstream == NO_SHAPE
    assert "if the model really" not in f.message and "every row-format" in f.message
    assert "columnar" in f.hint
    assert r.to_json()["tf_serving"] == {"accepted": False, "http_status": 400, "error": NO_SHAPE,
                                         "stage": "response"}
    # the columnar form writes each output whole: TF Serving answers it
    c = validate_request(COLUMNS, info)
    assert c.ok and not _response(c) and c.to_json()["tf_serving"]["http_status"] == 200
    # the same instances as JSON Lines (gcloud sends them in the row format)
    lines = validate_request(b"[1, 2, 3]\n[4, 5, 6]\n", info, format_in="jsonl")
    assert not lines.ok and lines.answer.http_status == 400 and lines.answer.error == NO_SHAPE
    # --shape-check governs declared input shapes, not what TF Serving cannot write
    assert not validate_request(ROWS, info, shape_check="off").ok


def test_a_scalar_input_given_a_batch_keeps_the_warning(trial_models: Path) -> None:
    """t declared () and o = t * 2 declared (): the row format sends t with a batch, and the element-wise graph
    answers with o of that batch (TF Serving answers 200), so the declared scalar output proves nothing."""
    info = read_model(str(trial_models / "scalarin"))
    r = validate_request(b'{"instances": [1.0, 2.0]}', info)
    (f,) = _response(r)
    assert f.severity is Severity.WARNING and "if the model really returns a scalar" in f.message
    assert r.answer.accepted and r.to_json()["tf_serving"]["http_status"] == 200


def test_gate_rank0_output_is_an_error_where_only_rows_are_sent(trial_models: Path) -> None:
    model = str(trial_models / "scalarout")
    r = run_gate(model)
    (d,) = [d for d in r.findings if d.code == "signature.rank0_output"]
    assert r.ok and d.severity is Severity.WARNING and "every row-format" in d.message and d.upstream == NO_SHAPE
    for target in ("vertex", "ai-platform"):
        r = run_gate(model, target=target)
        (d,) = [d for d in r.findings if d.code == "signature.rank0_output"]
        assert d.severity is Severity.ERROR and not r.ok and r.checks["signature.output_batch"] == "fail"
    # not certain for the scalar input: row requests feed it with a batch
    r = run_gate(str(trial_models / "scalarin"), target="vertex")
    assert [d.severity for d in r.findings if d.code == "signature.rank0_output"] == [Severity.WARNING]
