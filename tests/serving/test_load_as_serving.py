"""A SavedModel loads as TF Serving's C++ loader loads it (tensorflow/cc/saved_model/loader.cc): without
variables/variables.index it loads without weights and each request fails; a failed restore says what failed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sigcheck.errors import ExecutionError
from sigcheck.serving import LocalServer, start_model

pytestmark = pytest.mark.tf

TABULAR = b'{"instances": [{"age": [30.0], "hours": [40], "occupation": ["tech"]}]}'


def _copy(fixture_model, tmp_path: Path) -> Path:
    target = tmp_path / "m"
    shutil.copytree(fixture_model("keras_tabular") / "1", target)
    return target


def test_no_variables_folder_loads_and_every_request_fails_as_tf_serving(fixture_model, tmp_path: Path) -> None:
    model = _copy(fixture_model, tmp_path)
    shutil.rmtree(model / "variables")
    with LocalServer(str(model)) as server:
        answer = server.predict(TABULAR)  # (before: ExecutionError "The passed save_path is not a valid checkpoint")
        assert server.model.loads == 1
    assert answer.stage == "execution" and answer.status_code == "FAILED_PRECONDITION"
    assert answer.http_status == 400 and "Could not find variable" in answer.error
    assert "files.variables_not_restored" in {f.code for f in answer.findings}


def test_a_cut_short_shard_says_what_failed_and_which_file(fixture_model, tmp_path: Path) -> None:
    model = _copy(fixture_model, tmp_path)
    shard = model / "variables" / "variables.data-00000-of-00001"
    shard.write_bytes(shard.read_bytes()[:100])
    with pytest.raises(ExecutionError) as caught:
        start_model(str(model)).close()
    message, hint = caught.value.message, caught.value.hint or ""
    # (before: "TensorFlow could not load this model: Graph execution error:", TensorFlow's first line alone)
    assert "OUT_OF_RANGE: Read less bytes than requested" in message and "RestoreV2" in message
    assert "Graph execution error" not in message
    assert "variables.data-00000-of-00001 is cut short: 100 bytes" in hint
