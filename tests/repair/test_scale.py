"""``--image-bytes`` on a model that already scales its input: ``raw`` is chosen (export --from and repair), an
explicit ``unit`` is refused, a leading Normalization asks for ``--image-scale``."""

from __future__ import annotations

import io

import numpy as np
import pytest

from sigcheck.errors import InputError

pytestmark = pytest.mark.tf


def _model(kind: str):
    import keras

    keras.utils.set_random_seed(7)
    image = keras.Input(shape=(8, 8, 3), name="image")
    x = keras.layers.Rescaling(1 / 255.0)(image) if kind == "rescale" else \
        keras.layers.Normalization(mean=[100.0, 110.0, 120.0], variance=[900.0, 900.0, 900.0])(image)
    x = keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(2, 3)(x))
    return keras.Model(image, {"probs": keras.layers.Dense(2, activation="softmax")(x)})


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    """kind → (Keras model, TF Serving base path of its model.export())."""
    root = tmp_path_factory.mktemp("scaled")
    out = {}
    for kind in ("rescale", "normalize"):
        model = _model(kind)
        model.export(str(root / kind / "1"), verbose=False)
        out[kind] = (model, root / kind)
    return out


def _png(pixels: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    return buf.getvalue()


def test_detected_from_keras_layers_and_from_the_graph(models):
    from sigcheck.model import read_model
    from sigcheck.repair.scale import graph_input_scaling, keras_input_scaling

    for kind, want in (("rescale", "raw"), ("normalize", "normalization")):
        model, base = models[kind]
        assert keras_input_scaling(model).kind == want
        assert graph_input_scaling(read_model(str(base)), "serving_default", "image").kind == want
    assert graph_input_scaling(read_model("fixtures/models/keras_image"), "serving_default", "image") is None


def test_repair_image_bytes_feeds_raw_pixels(models, tmp_path):
    import tensorflow as tf

    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    model, base = models["rescale"]
    with pytest.raises(InputError, match="would scale the pixels twice"):
        repair_model(str(base), RepairOptions(output=str(tmp_path / "x"), image_bytes=True, image_scale="unit"))
    result = repair_model(str(base), RepairOptions(output=str(tmp_path / "out"), image_bytes=True))
    assert result.status == "repaired", result.to_json()
    assert any("raw" in n for n in result.notes)
    pixels = np.random.default_rng(5).integers(0, 256, size=(8, 8, 3), dtype=np.uint8)
    want = model(pixels[None].astype(np.float32), training=False)["probs"].numpy()
    v1 = tf.compat.v1
    with tf.Graph().as_default() as graph, v1.Session(graph=graph) as sess:
        meta = v1.saved_model.loader.load(sess, ["serve"], result.location)
        sig = meta.signature_def["image_bytes"]
        got = sess.run(graph.get_tensor_by_name(sig.outputs["probs"].name),
                       {graph.get_tensor_by_name(sig.inputs["image_bytes"].name): np.array([_png(pixels)], object)})
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_normalization_asks_for_the_scale(models, tmp_path):
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    _, base = models["normalize"]
    with pytest.raises(InputError, match="cannot tell which pixel range") as err:
        repair_model(str(base), RepairOptions(output=str(tmp_path / "x"), image_bytes=True))
    assert "--image-scale raw" in (err.value.hint or "")


def test_export_from_keras_chooses_raw(models, tmp_path):
    from sigcheck.training import ExportOptions, export_keras

    model, _ = models["rescale"]
    result = export_keras(model, ExportOptions(output=str(tmp_path / "exp"), image_bytes=True, tensorboard=False))
    assert any("--image-scale raw" in n for n in result.notes)
    with pytest.raises(InputError, match="would scale the pixels twice"):
        export_keras(model, ExportOptions(output=str(tmp_path / "exp2"), image_bytes=True, image_scale="symmetric",
                                          tensorboard=False))
