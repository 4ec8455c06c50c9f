"""u3 F5: ``gate --predict`` runs a warm-up record TF Serving accepts even when it has a declared-shape error
(another rank: TF Serving never compares ranks, so it replays the record at load), as ``gate --request --predict``
runs the same request; a record TF Serving refuses (an input it lacks) is still not run."""

from __future__ import annotations

import json

import pytest

from sigcheck.codec.tfrecord import frame_records
from sigcheck.serving_config.warmup_lint import ASSETS_EXTRA, WARMUP_FILE

from .test_warmup import predict_log, tabular_inputs, tensor


@pytest.mark.tf
def test_a_record_of_another_rank_runs_with_predict(base_path, cli) -> None:
    base = base_path("keras_tabular", 1, name="tab")
    rank = predict_log(**tabular_inputs(age=tensor("DT_FLOAT", (1, 1, 1), "float_val", [31.5])))
    refused = predict_log(**tabular_inputs(hours=None))
    (base / "1" / ASSETS_EXTRA).mkdir(exist_ok=True)
    (base / "1" / ASSETS_EXTRA / WARMUP_FILE).write_bytes(frame_records([rank, refused]))
    code, out, err = cli("gate", base, "--predict", "--ignore", "signature.*", "--json")
    found = json.loads(out)["findings"]
    assert code == 1, (out, err)
    shape = [f for f in found if f["code"] == "config.warmup.shape"]
    assert [f["severity"] for f in shape] == ["error"], found
    ran = [f for f in found if f["code"].startswith("predict.")]
    assert [f["path"] for f in ran] == ["$.records[0]"], found  # (was: none -- the record was not run)
    assert ran[0]["code"] == "predict.run_failed"
