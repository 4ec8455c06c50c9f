"""Tabular export: CSV row → prediction through TensorFlow's own loader, names, the files beside the model."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.errors import InputError
from sigcheck.model import contract, read_model

pytestmark = pytest.mark.tf


def _serving_fn(location: str, key: str = "serving_default"):
    import tensorflow as tf

    return tf.saved_model.load(location).signatures[key]


def test_layout_and_names(tabular_export, census_table) -> None:
    base = Path(tabular_export.base)
    assert tabular_export.version == 1 and tabular_export.location == str(base / "1")
    assert sorted(p.name for p in base.iterdir()) == ["1", "logs"]  # no temporary folder left
    info = read_model(str(base))
    sig = info.signatures["serving_default"]
    assert sorted(sig.inputs) == sorted(c.name for c in census_table.plan.columns) == ["age", "hours", "occupation"]
    assert {n: (s.dtype, s.shape) for n, s in sig.inputs.items()} == {
        "age": ("DT_FLOAT", (-1,)), "hours": ("DT_FLOAT", (-1,)), "occupation": ("DT_STRING", (-1,))}
    assert {n: (s.dtype, s.shape) for n, s in sig.outputs.items()} == {
        "probabilities": ("DT_FLOAT", (-1, 2)), "classes": ("DT_STRING", (-1,))}
    assert list(info.signatures) == ["serving_default"]


def test_round_trip_csv_rows_to_tensorflow_prediction(tabular_export, census_table) -> None:
    """Raw CSV rows (with gaps) through tf.saved_model.load give the Keras model's numbers and its argmax class."""
    import tensorflow as tf

    from sigcheck.training.data import feature_arrays

    rows = np.arange(12)
    features = feature_arrays(census_table, rows)
    assert np.isnan(features["age"]).any() and (features["occupation"] == "").any()  # missing values included
    expected = np.asarray(tabular_export.model(features, training=False))
    got = _serving_fn(tabular_export.location)(**{k: tf.constant(v) for k, v in features.items()})
    np.testing.assert_allclose(got["probabilities"].numpy(), expected, rtol=1e-5, atol=1e-6)
    classes = [c.decode() for c in got["classes"].numpy()]
    assert classes == [census_table.plan.classes[i] for i in expected.argmax(axis=1)]


def test_unseen_category_and_nan_are_served(tabular_export) -> None:
    import tensorflow as tf

    out = _serving_fn(tabular_export.location)(age=tf.constant([np.nan, 30.0]), hours=tf.constant([40.0, 20.0]),
                                              occupation=tf.constant(["astronaut", ""]))
    assert np.isfinite(out["probabilities"].numpy()).all()
    np.testing.assert_allclose(out["probabilities"].numpy().sum(axis=1), 1.0, rtol=1e-5)


def test_files_beside_the_model(tabular_export) -> None:
    extra = Path(tabular_export.location) / "assets.extra"
    assert sorted(os.listdir(extra)) == ["gate.json", "labels.txt", "missing_values.json", "request.json",
                                         "signature.json"]  # labels: a classifier
    info = read_model(tabular_export.location)
    stored = json.loads((extra / "signature.json").read_text())
    assert stored["signatures"] == json.loads(contract.dumps(info))["signatures"]
    assert stored["source"] == tabular_export.location and stored["version"] == 1
    assert read_model(str(extra / "signature.json")).signatures == info.signatures  # the contract reads back
    gate = json.loads((extra / "gate.json").read_text())
    assert gate["ok"] is True and tabular_export.gate_ok
    assert not [f for f in gate["findings"] if f["severity"] == "error"]
    request = json.loads((extra / "request.json").read_text())
    assert len(request["instances"]) == 3
    assert set(request["instances"][0]) == {"age", "hours", "occupation"}


def test_sample_request_validates(tabular_export) -> None:
    from sigcheck.validate import validate_request

    body = (Path(tabular_export.location) / "assets.extra" / "request.json").read_bytes()
    result = validate_request(body, read_model(tabular_export.base))
    assert result.ok, [d.to_json() for d in result.findings]
    assert tabular_export.request_ok is True


def local_server():
    """sigcheck's own predict (TF Serving's answer, locally)."""
    from sigcheck.serving.predict import LocalServer

    return LocalServer


def test_sample_request_predicts_like_the_keras_model(tabular_export, census_table) -> None:
    """request.json (real CSV rows) through sigcheck predict: TF Serving's response carries the Keras numbers."""
    from sigcheck.training.data import feature_arrays

    body = (Path(tabular_export.location) / "assets.extra" / "request.json").read_bytes()
    answer = local_server()(tabular_export.base).predict(body)
    assert answer.ok, answer.body
    predictions = answer.response()["predictions"]
    instances = json.loads(body)["instances"]
    frame = census_table.frame
    rows = [int(frame.index[(frame["hours"] == inst["hours"]) & (frame["occupation"] == inst["occupation"])
                            & (frame["age"] == inst["age"])][0]) for inst in instances]
    expected = np.asarray(tabular_export.model(feature_arrays(census_table, np.array(rows)), training=False))
    np.testing.assert_allclose([p["probabilities"] for p in predictions], expected, rtol=1e-5, atol=1e-6)
    assert [p["classes"] for p in predictions] == [census_table.plan.classes[i] for i in expected.argmax(axis=1)]


def test_tensorboard_events_are_written(tabular_export) -> None:
    from tensorflow.core.util import event_pb2
    import tensorflow as tf

    logdir = Path(tabular_export.logdir)
    assert logdir == Path(tabular_export.base) / "logs" / "1"
    tags: dict[str, set[str]] = {}
    for split in ("train", "validation"):
        files = list((logdir / split).glob("events.out.tfevents.*"))
        assert files, split
        for record in tf.data.TFRecordDataset([str(f) for f in files]):
            event = event_pb2.Event.FromString(record.numpy())
            for value in event.summary.value:
                assert value.metadata.plugin_data.plugin_name == "scalars"
                tags.setdefault(split, set()).add(value.tag)
    assert {"epoch_loss", "epoch_accuracy"} <= tags["train"] and {"epoch_loss", "epoch_accuracy"} <= tags["validation"]
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(tabular_export.metrics)


def test_second_export_to_the_same_version_is_refused(tabular_export, census_table) -> None:
    from sigcheck.training import ExportOptions, TrainOptions, export_table

    before = sorted(os.listdir(tabular_export.base))
    with pytest.raises(InputError, match="version 1 already exists"):
        export_table(census_table, TrainOptions(epochs=1), ExportOptions(output=tabular_export.base, version=1))
    assert sorted(os.listdir(tabular_export.base)) == before


def test_regression_outputs_predictions(regression_export, census_table) -> None:
    import tensorflow as tf

    from sigcheck.training.data import feature_arrays

    info = read_model(regression_export.location)
    outputs = info.signatures["serving_default"].outputs
    assert {n: (s.dtype, s.shape) for n, s in outputs.items()} == {"predictions": ("DT_FLOAT", (-1,))}
    features = feature_arrays(census_table, np.arange(5))
    got = _serving_fn(regression_export.location)(**{k: tf.constant(v) for k, v in features.items()})["predictions"]
    expected = np.asarray(regression_export.model(features, training=False)).reshape(-1)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-5)
    assert regression_export.logdir is None


def test_training_stage_says_the_real_split(census_table) -> None:
    """The stage line counts the rows trained on and held out (was: every row as 'training on')."""
    from sigcheck.training import TrainOptions
    from sigcheck.training import progress as events
    from sigcheck.training.model import split_message, split_rows, train

    said: list[str] = []
    listener = lambda e: said.append(e.message) if e.kind == events.STAGE else None  # noqa: E731
    trained = train(census_table, TrainOptions(epochs=1, validation_split=0.2), listener)
    assert len(trained.train_rows) == 96 and len(trained.validation_rows) == 24
    assert said == ["training on 96 rows, validating on 24"]
    assert [len(x) for x in split_rows(344, 0.2, 0)] == [275, 69]
    assert split_message(344, 0) == "training on 344 rows (no rows held out for validation)"


def test_missing_numbers_have_a_vertex_safe_spelling(tabular_export, census_table) -> None:
    """trial9 F5: NaN is TF Serving's way to say "missing", but Vertex AI's proto3 JSON has no NaN; the export says
    (missing_values.json, a note) which value gives the same answer, and a request with it passes --target vertex."""
    from sigcheck.validate import validate_request

    from sigcheck.training.data import feature_arrays

    stored = json.loads((Path(tabular_export.location) / "assets.extra" / "missing_values.json").read_text())
    ages = feature_arrays(census_table, tabular_export.trained.train_rows)["age"]
    hours = feature_arrays(census_table, tabular_export.trained.train_rows)["hours"]
    assert stored == {"age": float(np.nanmean(ages.astype("float64"))), "hours": float(np.mean(hours.astype("float64")))}
    assert tabular_export.files["missing_values"].endswith("assets.extra/missing_values.json")
    assert any("missing_values.json" in n and "Vertex AI" in n for n in tabular_export.notes), tabular_export.notes

    def body(age: str) -> bytes:
        return (f'{{"instances": [{{"age": {age}, "hours": 40, "occupation": "clerk"}},'
                f' {{"age": {age}, "hours": 12, "occupation": ""}}]}}').encode()

    with_nan, with_mean = body("NaN"), body(json.dumps(stored["age"]))
    server = local_server()(tabular_export.base)
    a, b = server.predict(with_nan), server.predict(with_mean)
    assert a.ok and b.ok, (a.body, b.body)
    assert a.body == b.body  # the same answer, byte for byte
    info = read_model(tabular_export.base)
    assert validate_request(with_nan, info, target="vertex").findings  # (validate warns about NaN for Vertex)
    vertex = validate_request(with_mean, info, target="vertex")
    assert vertex.ok and not vertex.findings, [d.to_json() for d in vertex.findings]
