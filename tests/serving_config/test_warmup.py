"""Warm-up files: TFRecord framing, PredictionLog records, signatures, inputs, dtypes, shapes; TF-written and
sigcheck-written files; --predict runs records.  (The framing itself, and its messages checked against
TensorFlow's own reader, are tested in tests/codec/test_tfrecord.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.codec.tfrecord import frame_records
from sigcheck.diagnostics import Severity
from sigcheck.model.proto import saved_model_pb2 as tfpb
from sigcheck.serving_config import check_serving_config
from sigcheck.serving_config.proto import serving_config_pb2 as pb
from sigcheck.serving_config.warmup_lint import ASSETS_EXTRA, WARMUP_FILE

from .conftest import config_text, model_entry

TABULAR_REQUEST = b'{"instances": [{"age": [31.5], "hours": [40], "occupation": ["nurse"]}]}'


def tensor(dtype: str, shape: tuple[int, ...], field: str | None = None, values=(), content: bytes = b"") -> object:
    t = tfpb.TensorProto(dtype=tfpb.DataType.Value(dtype))
    for n in shape:
        t.tensor_shape.dim.add(size=n)
    if field:
        getattr(t, field).extend(values)
    if content:
        t.tensor_content = content
    return t


def predict_log(signature: str = "", **inputs) -> bytes:
    req = pb.PredictRequest()
    req.model_spec.name = "tab"
    if signature:
        req.model_spec.signature_name = signature
    for alias, t in inputs.items():
        req.inputs[alias].CopyFrom(t)
    return pb.PredictionLog(predict_log=pb.PredictLog(request=req)).SerializeToString()


def tabular_inputs(**override) -> dict:
    inputs = {"age": tensor("DT_FLOAT", (1, 1), "float_val", [31.5]),
              "hours": tensor("DT_INT64", (1, 1), "int64_val", [40]),
              "occupation": tensor("DT_STRING", (1, 1), "string_val", [b"nurse"])}
    inputs.update(override)
    return {k: v for k, v in inputs.items() if v is not None}


@pytest.fixture
def tabular(base_path, write):
    """(config path, version folder, write_records(list of bytes) -> warm-up path)."""
    base = base_path("keras_tabular", 1, name="tab")
    cfg = write("models.config", config_text(model_entry("tab", base)))

    def put(payloads: list[bytes] | bytes) -> Path:
        path = base / "1" / ASSETS_EXTRA / WARMUP_FILE
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(payloads if isinstance(payloads, bytes) else frame_records(payloads))
        return path

    return cfg, base / "1", put


def warmup_findings(result) -> list:
    return [d for d in result.findings if d.code.startswith("config.warmup.")]


def test_good_records_pass_and_repeats_are_judged_once(tabular) -> None:
    cfg, _, put = tabular
    put([predict_log(**tabular_inputs())] * 5 + [predict_log("serving_default", **tabular_inputs())])
    result = check_serving_config(str(cfg))
    assert result.checks["config.warmup"] == "pass" and warmup_findings(result) == []


def test_no_warmup_file_skips(tabular) -> None:
    cfg, _, _ = tabular
    result = check_serving_config(str(cfg))
    assert result.checks["config.warmup"] == "skip"


def test_more_than_1000_records(tabular) -> None:
    cfg, _, put = tabular
    path = put([predict_log(**tabular_inputs())] * 1001)
    [d] = warmup_findings(check_serving_config(str(cfg)))
    assert d.code == "config.warmup.too_many_records" and d.subject == str(path)
    assert d.upstream == f"Number of warmup records exceeds the maximum (1000) at {path}"
    put([predict_log(**tabular_inputs())] * 1000)
    assert warmup_findings(check_serving_config(str(cfg))) == []


def test_broken_framing_and_records_that_are_not_prediction_logs(tabular) -> None:
    cfg, _, put = tabular
    good = predict_log(**tabular_inputs())
    data = bytearray(frame_records([good, good]))
    data[-1] ^= 0xFF
    put(bytes(data))
    [d] = warmup_findings(check_serving_config(str(cfg)))
    second_data_offset = 12 + len(good) + 4 + 12
    assert d.code == "config.warmup.framing"
    assert d.upstream == (f"corrupted record at {second_data_offset}. Please verify your warmup data is in TFRecord "
                          "format.")
    put(b'{"instances": [1, 2]}\n')  # a JSON request where TFRecords belong
    [d] = warmup_findings(check_serving_config(str(cfg)))
    assert d.upstream.startswith("corrupted record at 0 (Is this even a TFRecord file?)")
    put([b"\xff\xff\xff\xff"])
    [d] = warmup_findings(check_serving_config(str(cfg)))
    assert d.code == "config.warmup.not_prediction_log" and d.upstream.startswith("Failed to parse warmup record: ")


def test_log_types_tf_serving_cannot_replay(tabular) -> None:
    cfg, _, put = tabular
    session = pb.PredictionLog(session_run_log=pb.SessionRunLog()).SerializeToString()
    put([session, pb.PredictionLog().SerializeToString()])
    found = warmup_findings(check_serving_config(str(cfg)))
    assert [(d.code, d.severity) for d in found] == [("config.warmup.log_type", Severity.ERROR),
                                                     ("config.warmup.empty_record", Severity.INFO)]
    assert found[0].upstream == "Unsupported log_type for warmup: 5"


def test_signature_inputs_dtype_tensor_and_output_filter(tabular) -> None:
    cfg, _, put = tabular
    wrong_filter = pb.PredictionLog()
    wrong_filter.ParseFromString(predict_log(**tabular_inputs()))
    wrong_filter.predict_log.request.output_filter.append("logits")
    put([
        predict_log("classify", **tabular_inputs()),
        predict_log(**tabular_inputs(hours=None)),
        predict_log(**tabular_inputs(age=tensor("DT_DOUBLE", (1, 1), "double_val", [31.5]))),
        predict_log(**tabular_inputs(age=tensor("DT_FLOAT", (2, 1), content=b"\0\0\0\0"))),
        wrong_filter.SerializeToString(),
    ])
    found = {d.code: d for d in warmup_findings(check_serving_config(str(cfg)))}
    assert found["config.warmup.signature"].upstream == 'Serving signature key "classify" not found.'
    assert found["config.warmup.inputs"].upstream == (
        "input size does not match signature: 2!=3 len({age,occupation}) != len({age,hours,occupation}). "
        "Sent extra: {}. Missing but required: {hours}.")
    dtype = found["config.warmup.dtype"]
    assert (dtype.expected, dtype.received, dtype.path) == (
        "DT_FLOAT", "DT_DOUBLE", "$.records[2].predict_log.request.inputs.age")
    assert found["config.warmup.tensor"].upstream == "tensor parsing error: age"
    assert found["config.warmup.output_filter"].upstream == (
        "output tensor alias not found in signature: logits Outputs expected to be in the set {probabilities}.")
    assert all(d.severity is Severity.ERROR for d in found.values())


def test_declared_shape_mismatch_is_a_warning_and_another_rank_an_error(tabular) -> None:
    """As validate's default (rank): a warm-up record of another size than declared may run (a warning); one of
    another rank fails in almost every model, and a failing record fails the version's load (an error)."""
    cfg, _, put = tabular
    put([predict_log(**tabular_inputs(age=tensor("DT_FLOAT", (1, 2), "float_val", [31.5, 2.0])))])
    result = check_serving_config(str(cfg))
    [d] = warmup_findings(result)
    assert d.code == "config.warmup.shape" and d.severity is Severity.WARNING
    assert d.path == "$.records[0].predict_log.request.inputs.age" and result.ok
    put([predict_log(**tabular_inputs(age=tensor("DT_FLOAT", (1,), "float_val", [31.5])))])
    result = check_serving_config(str(cfg))
    [d] = warmup_findings(result)
    assert d.code == "config.warmup.shape" and d.severity is Severity.ERROR and not result.ok


@pytest.mark.tf
def test_files_written_by_tensorflow_and_by_sigcheck_warmup(tabular) -> None:
    """TF's own API (tf.io.TFRecordWriter + tensorflow_serving.apis) and `sigcheck warmup` both pass; a TF-written
    record with the wrong dtype is caught."""
    import tensorflow as tf
    from tensorflow_serving.apis import predict_pb2, prediction_log_pb2

    from sigcheck.serving.warmup import write_warmup

    cfg, vdir, put = tabular
    write_warmup(str(vdir), [("req.json", TABULAR_REQUEST)], count=3)
    result = check_serving_config(str(cfg))
    assert result.checks["config.warmup"] == "pass" and warmup_findings(result) == []

    def tf_record(age_dtype) -> bytes:
        req = predict_pb2.PredictRequest()
        req.model_spec.name = "tab"
        req.model_spec.signature_name = "serving_default"
        req.inputs["age"].CopyFrom(tf.make_tensor_proto([[31.5], [40.0]], dtype=age_dtype))
        req.inputs["hours"].CopyFrom(tf.make_tensor_proto([[40], [38]], dtype=tf.int64))
        req.inputs["occupation"].CopyFrom(tf.make_tensor_proto([[b"nurse"], [b"pilot"]]))
        return prediction_log_pb2.PredictionLog(
            predict_log=prediction_log_pb2.PredictLog(request=req)).SerializeToString()

    path = vdir / ASSETS_EXTRA / WARMUP_FILE
    with tf.io.TFRecordWriter(str(path)) as writer:
        writer.write(tf_record(tf.float32))
    assert warmup_findings(check_serving_config(str(cfg))) == []
    with tf.io.TFRecordWriter(str(path)) as writer:
        writer.write(tf_record(tf.float32))
        writer.write(tf_record(tf.float64))
    [d] = warmup_findings(check_serving_config(str(cfg)))
    assert d.code == "config.warmup.dtype" and d.path.startswith("$.records[1].")


@pytest.mark.tf
def test_predict_runs_each_distinct_record(base_path, write, cli) -> None:
    """gate --serving-config --predict: records TF Serving accepts run through the model; one that fails in the
    graph (bytes that are not a PNG, to the image_bytes signature) is a predict finding on that record."""
    multi = base_path("module_multi", 1, name="multi")
    good = predict_log(x=tensor("DT_FLOAT", (2, 3), "float_val", [1, 2, 3, 4, 5, 6]))
    bad = predict_log("image_bytes", image_bytes=tensor("DT_STRING", (1,), "string_val", [b"not a png"]))
    (multi / "1" / ASSETS_EXTRA).mkdir()
    (multi / "1" / ASSETS_EXTRA / WARMUP_FILE).write_bytes(frame_records([good, good, bad]))
    cfg = write("models.config", config_text(model_entry("multi", multi)))
    code, out, err = cli("gate", "--serving-config", cfg, "--predict", "--ignore", "signature.*", "--json")
    data = json.loads(out)
    assert "findings" in data, (code, out, err)
    ran = [f for f in data["findings"] if f["code"].startswith("predict.")]
    assert [f["path"] for f in ran] == ["$.records[2]"], data["findings"]
    assert ran[0]["code"] == "predict.run_failed" and code == 1
    assert "the model ran with" in err
