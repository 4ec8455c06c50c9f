"""Warm-up records against the batching parameters: TF Serving replays the warm-up file through the batching
session, whose scheduler refuses a record larger than max_batch_size, and the version fails to load (F16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sigcheck.diagnostics import Severity
from sigcheck.serving_config import check_serving_config

from .conftest import config_text, model_entry
from .test_warmup import predict_log, tabular, tabular_inputs, tensor  # noqa: F401  (tabular: a fixture)

CODE = "config.batching.warmup_batch_size"


def batch_inputs(n: int, hours: int | None = None) -> dict:
    """keras_tabular's three inputs with ``n`` instances (``hours`` with another count, if given)."""
    return tabular_inputs(age=tensor("DT_FLOAT", (n, 1), "float_val", [31.5]),
                          hours=tensor("DT_INT64", (hours or n, 1), "int64_val", [40]),
                          occupation=tensor("DT_STRING", (n, 1), "string_val", [b"nurse"]))


def findings(result) -> list:
    return [d for d in result.findings if d.code == CODE]


def run(cfg: Path, write, text: str):
    return check_serving_config(str(cfg), batching_parameters=str(write("batching.config", text)))


def test_record_larger_than_max_batch_size_fails_the_load(tabular, write) -> None:
    cfg, _, put = tabular
    warm = put([predict_log(**batch_inputs(2))] * 3)
    result = run(cfg, write, "num_batch_threads { value: 2 }\nmax_batch_size { value: 1 }\n"
                             "batch_timeout_micros { value: 1000 }\n")
    [d] = findings(result)
    assert d.severity is Severity.ERROR and result.checks["config.batching"] == "fail" and not result.ok
    assert d.upstream == "Task size 2 is larger than maximum input batch size 1"
    assert d.subject == str(warm) and d.path == "$.records[0].predict_log.request.inputs"
    assert "warm-up record 0 (and 2 identical records)" in d.message
    assert "max_batch_size 1 (" in d.message and "batching.config:2)" in d.message
    assert "at most 1 instance " in d.hint and "at least 2" in d.hint
    # the warm-up lint alone (no batching) finds nothing: the record is good for the model
    assert check_serving_config(str(cfg)).ok


def test_records_within_the_limit_pass_and_allowed_sizes_only_pad(tabular, write) -> None:
    cfg, _, put = tabular
    put([predict_log(**batch_inputs(1)), predict_log(**batch_inputs(4))])
    result = run(cfg, write, "max_batch_size { value: 4 }\nallowed_batch_sizes: [2, 4]\n")
    assert findings(result) == [] and result.checks["config.batching"] == "pass"
    put([predict_log(**batch_inputs(1)), predict_log("serving_default", **batch_inputs(5))])
    [d] = findings(run(cfg, write, "max_batch_size { value: 4 }\nallowed_batch_sizes: [2, 4]\n"))
    assert d.upstream == "Task size 5 is larger than maximum input batch size 4" and "warm-up record 1 " in d.message


def test_splitting_does_not_lift_the_limit_and_the_default_is_1000(tabular, write) -> None:
    cfg, _, put = tabular
    put([predict_log(**batch_inputs(3))])
    [d] = findings(run(cfg, write, "max_batch_size { value: 2 }\nenable_large_batch_splitting { value: true }\n"
                                   "max_execution_batch_size { value: 2 }\n"))
    assert d.upstream == "Task size 3 is larger than maximum input batch size 2"
    put([predict_log(**batch_inputs(1001))])
    [d] = findings(run(cfg, write, "num_batch_threads { value: 2 }\n"))
    assert d.upstream == "Task size 1001 is larger than maximum input batch size 1000"
    assert "leaves at its default of 1000" in d.message


def test_unequal_batch_sizes_across_inputs(tabular, write) -> None:
    cfg, _, put = tabular
    put([predict_log(**batch_inputs(2, hours=3))])
    [d] = findings(run(cfg, write, "max_batch_size { value: 8 }\n"))
    assert d.upstream == "Batching Run() input tensors must have equal 0th-dimension size"
    assert "age 2" in d.message and "hours 3" in d.message


def test_per_model_batching_params_apply_to_the_warmup_too(tabular, write) -> None:
    cfg, version, put = tabular
    put([predict_log(**batch_inputs(2))])
    (version / "batching_params.pbtxt").write_text("max_batch_size { value: 1 }\n")
    [d] = findings(check_serving_config(str(cfg)))
    assert d.upstream == "Task size 2 is larger than maximum input batch size 1" and "batching_params.pbtxt:1" in d.message


def test_cli_exit_code(tabular, write) -> None:
    from sigcheck.cli.app import app

    cfg, _, put = tabular
    put([predict_log(**batch_inputs(2))])
    params = write("batching.config", "max_batch_size { value: 1 }\n")
    res = CliRunner().invoke(app, ["gate", "--serving-config", str(cfg), "--batching-parameters", str(params)])
    assert res.exit_code == 1, res.output
    assert CODE in res.output and "Task size 2 is larger than maximum input batch size 1" in res.output


@pytest.mark.tf
def test_the_message_is_tensorflows_batch_scheduler() -> None:
    """TensorFlow's own shared batch scheduler (the one TF Serving's batching session queues on), reached through
    the BatchFunction op with the same limit: the same words, with and without large batch splitting."""
    import tensorflow as tf

    @tf.function
    def double(x):
        return x * 2

    fn = double.get_concrete_function(tf.TensorSpec([None, 1], tf.float32))
    for split in (False, True):
        @tf.function
        def batched(x):
            return tf.raw_ops.BatchFunction(in_tensors=[x], captured_tensors=[], f=fn, num_batch_threads=1,
                                            max_batch_size=1, batch_timeout_micros=1000, Tout=[tf.float32],
                                            allowed_batch_sizes=[1], enable_large_batch_splitting=split,
                                            max_enqueued_batches=10)

        with pytest.raises(tf.errors.InvalidArgumentError) as err:
            batched(tf.zeros([2, 1]))
        assert "Task size 2 is larger than maximum input batch size 1" in str(err.value)


@pytest.mark.tf
def test_a_file_written_by_sigcheck_warmup(cli, base_path, write, tmp_path: Path) -> None:
    """`sigcheck warmup` (TensorFlow's TFRecordWriter, tensorflow-serving-api's protos) from a 2-instance request:
    it says what max_batch_size that needs, and the gate with max_batch_size 1 fails it, with 2 passes it."""
    import json

    base = base_path("keras_tabular", 1, name="tab")
    req = tmp_path / "req.json"
    req.write_text('{"instances": [{"age": [31.5], "hours": [40], "occupation": ["nurse"]}, '
                   '{"age": [52.0], "hours": [20], "occupation": ["pilot"]}]}')
    code, out, err = cli("warmup", base, "--request", req, "--count", "3", "--no-verify", "--json")
    assert code == 0, err
    assert json.loads(out)["largest_batch"] == 2
    assert "a record holds 2 instances" in err and "max_batch_size must be at least 2" in err
    cfg = write("models.config", config_text(model_entry("tab", base)))
    [d] = findings(run(cfg, write, "max_batch_size { value: 1 }\n"))
    assert d.upstream == "Task size 2 is larger than maximum input batch size 1"
    assert "(and 2 identical records)" in d.message
    assert findings(run(cfg, write, "max_batch_size { value: 2 }\n")) == []
