"""``predict`` explains a response TF Serving cannot write (trial11 finding 6) with the same explain call as a
failed run: an output cut to one row (``inconsistent batch size``) and a traced scalar output (``has no shape
information``) in the row format."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.serving import predict

pytestmark = pytest.mark.tf

ROWS = b'{"instances": [[1, 2, 3], [4, 5, 6]]}'


@pytest.fixture(scope="session")
def trial_models(tf_built) -> Path:
    return tf_built(Path(__file__).resolve().parents[1] / "validate" / "scalar_output_model.py")


@pytest.mark.parametrize("model, error", [
    ("batchmis", "Tensor name: y has inconsistent batch size: 2 expecting: 1"),
    ("scalarout", "Tensor name: total has no shape information "),
])
def test_response_stage_failure_is_explained(loaded, trial_models: Path, model: str, error: str) -> None:
    answer = predict(loaded(trial_models / model), ROWS)
    assert (answer.http_status, answer.stage, answer.error) == (400, "response", error)
    assert answer.explanations, "a response TF Serving cannot write is explained like a failed run"
    assert answer.explanations[0].category == "output_batch_dimension"
    assert predict(loaded(trial_models / model), ROWS, explain=False).explanations == []
