"""``--from``: an unnamed, fixed-batch Keras model gets stable names, a dynamic batch and an image_bytes signature."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from training_images import png_bytes

from sigcheck.errors import InputError
from sigcheck.gate.rules import signature_diagnostics
from sigcheck.model import read_model

IMAGE_SIZE = (8, 8, 3)  # the size of the conftest's unnamed_image_keras model

pytestmark = pytest.mark.tf


def test_unnamed_model_gets_stable_names_and_a_dynamic_batch(image_export) -> None:
    info = read_model(image_export.location)
    assert sorted(info.signatures) == ["image_bytes", "serving_default"]
    default = info.signatures["serving_default"]
    assert {n: (s.dtype, s.shape) for n, s in default.inputs.items()} == {"image": ("DT_FLOAT", (-1, *IMAGE_SIZE))}
    assert {n: (s.dtype, s.shape) for n, s in default.outputs.items()} == {"probabilities": ("DT_FLOAT", (-1, 3))}
    names = [n for sig in info.signatures.values() for n in (*sig.inputs, *sig.outputs)]
    assert not [n for n in names if n.startswith(("keras_tensor", "args_", "input_", "output_"))]
    codes = {d.code for d in signature_diagnostics(info)}
    assert not codes & {"signature.unstable_names", "signature.fixed_batch"}
    assert image_export.gate_ok
    assert "renamed input 'input_layer' → 'image'" in image_export.notes


def test_the_unnamed_model_really_was_unnamed(unnamed_image_keras) -> None:
    import keras

    model = keras.saving.load_model(unnamed_image_keras)
    assert model.inputs[0].shape[0] == 1  # fixed batch
    assert model.inputs[0].name in ("input_layer", "keras_tensor")


def test_image_bytes_signature_matches_the_float_path(image_export, unnamed_image_keras) -> None:
    import keras
    import tensorflow as tf

    pixels = np.random.default_rng(3).integers(0, 256, size=(3, *IMAGE_SIZE), dtype=np.uint8)
    loaded = tf.saved_model.load(image_export.location)
    floats = loaded.signatures["serving_default"](image=tf.constant(pixels.astype(np.float32) / 255.0))
    from_png = loaded.signatures["image_bytes"](image_bytes=tf.constant(png_bytes(pixels)))
    np.testing.assert_allclose(from_png["probabilities"].numpy(), floats["probabilities"].numpy(), atol=1e-6)
    original = keras.saving.load_model(unnamed_image_keras)
    np.testing.assert_allclose(floats["probabilities"].numpy(), np.asarray(original(pixels / 255.0)), atol=1e-6)


def test_image_bytes_resizes_other_sizes(image_export) -> None:
    import tensorflow as tf

    big = np.random.default_rng(4).integers(0, 256, size=(1, 32, 24, 3), dtype=np.uint8)
    out = tf.saved_model.load(image_export.location).signatures["image_bytes"](image_bytes=tf.constant(png_bytes(big)))
    assert out["probabilities"].shape == (1, 3)


def test_b64_png_request_through_predict(image_export) -> None:
    """The PNG sent as {"b64": …} in a TF Serving request gives the float path's numbers (sigcheck predict)."""
    import base64

    from sigcheck.serving.predict import LocalServer

    pixels = np.random.default_rng(5).integers(0, 256, size=(1, *IMAGE_SIZE), dtype=np.uint8)
    png = png_bytes(pixels)[0]
    body_bytes = json.dumps({"signature_name": "image_bytes",
                             "instances": [{"b64": base64.b64encode(png).decode()}]}).encode()
    body_float = json.dumps({"instances": (pixels / 255.0).tolist()}).encode()
    server = LocalServer(image_export.location)
    by_bytes, by_float = server.predict(body_bytes), server.predict(body_float)
    assert by_bytes.ok and by_float.ok, (by_bytes.body, by_float.body)
    np.testing.assert_allclose(np.array(by_bytes.response()["predictions"]),
                               np.array(by_float.response()["predictions"]), atol=1e-6)


def test_image_bytes_on_a_tabular_model_is_refused(tmp_path: Path) -> None:
    import keras

    from sigcheck.training import ExportOptions, export_keras

    x = keras.Input(shape=(4,), name="features")
    model = keras.Model(x, keras.layers.Dense(2, name="scores")(x))
    with pytest.raises(InputError, match="--image-bytes needs a model with one image input"):
        export_keras(model, ExportOptions(output=str(tmp_path / "m"), image_bytes=True))
    assert not (tmp_path / "m").exists()


def test_dict_model_keeps_its_names_and_pairs_them_with_the_right_tensors(tmp_path: Path) -> None:
    """Dict inputs whose insertion order is not Keras' (sorted) flattening order keep their own shapes."""
    import keras
    import tensorflow as tf

    from sigcheck.training import ExportOptions, export_keras

    zeta = keras.Input(shape=(3,), name="zeta", batch_size=4)
    alpha = keras.Input(shape=(1,), name="alpha")
    merged = keras.layers.Concatenate()([zeta, alpha])
    model = keras.Model({"zeta": zeta, "alpha": alpha}, {"score": keras.layers.Dense(1)(merged)})
    result = export_keras(model, ExportOptions(output=str(tmp_path / "m")))
    sig = read_model(result.location).signatures["serving_default"]
    assert {n: s.shape for n, s in sig.inputs.items()} == {"zeta": (-1, 3), "alpha": (-1, 1)}
    assert list(sig.outputs) == ["score"]
    z, a = np.ones((2, 3), np.float32), np.full((2, 1), 2.0, np.float32)
    got = tf.saved_model.load(result.location).signatures["serving_default"](zeta=tf.constant(z), alpha=tf.constant(a))
    np.testing.assert_allclose(got["score"].numpy(), np.asarray(model({"zeta": z, "alpha": a})["score"]), rtol=1e-6)
    with pytest.raises(InputError, match="--input-name was given 1 time"):
        export_keras(model, ExportOptions(output=str(tmp_path / "n")), input_names=["x"])


def test_reexporting_a_sigcheck_tabular_model(tabular_export, tmp_path: Path) -> None:
    """A tabular model saved as .keras (custom FillMissing layer, string inputs) re-exports with its column names."""
    path = tmp_path / "census.keras"
    tabular_export.model.save(path)
    from sigcheck.training import ExportOptions, export_keras

    result = export_keras(str(path), ExportOptions(output=str(tmp_path / "m")))
    sig = read_model(result.location).signatures["serving_default"]
    assert {n: (s.dtype, s.shape) for n, s in sig.inputs.items()} == {
        "age": ("DT_FLOAT", (-1,)), "hours": ("DT_FLOAT", (-1,)), "occupation": ("DT_STRING", (-1,))}
    assert list(sig.outputs) == ["probabilities"]
    assert result.gate_ok


def test_own_names_tensorflow_refuses_are_sanitised_by_the_data_rule(tmp_path: Path) -> None:
    """trial9 F24: ``age years`` became ``features_2`` and ``user-id`` kept its hyphen; --data's one rule instead."""
    import keras
    import tensorflow as tf

    from sigcheck.training import ExportOptions, export_keras

    user = keras.Input((1,), name="user-id")
    age = keras.Input((2,), name="age years")
    out = keras.layers.Dense(1, name="risk")(keras.layers.Concatenate()([user, age]))
    model = keras.Model({"user-id": user, "age years": age}, out)
    result = export_keras(model, ExportOptions(output=str(tmp_path / "m")))
    sig = read_model(result.location).signatures["serving_default"]
    assert {n: s.shape for n, s in sig.inputs.items()} == {"user_id": (-1, 1), "age_years": (-1, 2)}
    assert any("'age years' → 'age_years'" in n for n in result.notes), result.notes
    assert any("'user-id' → 'user_id'" in n for n in result.notes), result.notes
    u, a = np.full((2, 1), 3.0, np.float32), np.array([[1.0, 2.0], [0.5, -1.0]], np.float32)
    got = tf.saved_model.load(result.location).signatures["serving_default"](user_id=tf.constant(u), age_years=tf.constant(a))
    want = np.asarray(model({"user-id": u, "age years": a}))
    np.testing.assert_allclose(got["risk"].numpy(), want, rtol=1e-6)
