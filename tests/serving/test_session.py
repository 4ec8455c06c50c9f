"""Loading SavedModels as TF Serving does and running their signatures (real models, real TensorFlow)."""

from __future__ import annotations

import numpy as np
import pytest

from sigcheck.codec.response import write_response
from sigcheck.serving import UnsafeModelError

pytestmark = pytest.mark.tf

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"
X = np.array([[1.0], [2.0], [5.0]], dtype=np.float32)


@pytest.mark.parametrize("name", [
    "saved_model_half_plus_two_cpu/00000123",  # TF 1.14 graph
    "saved_model_half_plus_two_tf2_cpu/00000123",  # TF2 object graph, signature defaults
    "saved_model_half_plus_two_mlmd/00000123",  # unknown-rank signature
    "saved_model_half_plus_two_gpu/00000123",  # exported for GPU: runs on CPU with soft placement
])
def test_half_plus_two(loaded, tfs_testdata, name: str) -> None:
    model = loaded(tfs_testdata / TESTDATA / name)
    result = model.run("serving_default", {"x": X})
    assert result.error is None
    np.testing.assert_allclose(result.outputs["y"], 0.5 * X + 2)


def test_half_plus_three_loads_where_tf2_loader_refuses(loaded, tfs_testdata) -> None:
    model = loaded(tfs_testdata / TESTDATA / "saved_model_half_plus_three" / "00000123")
    # The signature says x is a scalar; the placeholder is (-1, 1); TF Serving's docs send [1.0, 2.0, 5.0].
    result = model.run("serving_default", {"x": np.array([1.0, 2.0, 5.0], np.float32)})
    assert result.error is None
    np.testing.assert_allclose(result.outputs["y"], [3.5, 4.0, 5.5])


def test_matrix_model_without_variables(loaded, tfs_testdata) -> None:
    model = loaded(tfs_testdata / "tensorflow_serving/batching/testdata/matrix_half_plus_two/1")
    x = np.arange(18, dtype=np.float32).reshape(2, 3, 3)
    np.testing.assert_allclose(model.run("serving_default", {"x": x}).outputs["y"], 0.5 * x + 2)


def test_multi_output_and_bytes_output(loaded, fixture_model) -> None:
    model = loaded(fixture_model("module_multi"))
    result = model.run("serving_default", {"x": np.ones((2, 3), np.float32)})
    assert sorted(result.outputs) == ["scores", "y"]
    assert result.outputs["scores"].shape == (2, 3) and result.outputs["y"].shape == (2, 1)
    echoed = model.run("echo_bytes", {"text": np.array([b"\x00\xff", b"hi"], dtype=object)})
    assert echoed.error is None
    status, body = write_response(echoed.outputs, "columnar", {"label_bytes": "DT_STRING"})
    assert status == 200 and '"b64"' in body


def test_conv2d_rank_error_is_returned_as_data(loaded, fixture_model) -> None:
    model = loaded(fixture_model("keras_image"))
    result = model.run("serving_default", {"image": np.zeros((1, 1, 150, 150, 3), np.float32)})
    assert result.outputs is None
    assert result.error.status_code == "INVALID_ARGUMENT"
    assert "must be 4-dimensional" in result.error.message
    assert "[1,1,150,150,3]" in result.error.message
    assert "[[{{" in result.error.message  # the node annotation TF Serving passes through, uninterpolated


def test_unfed_placeholder_error(loaded, fixture_model) -> None:
    model = loaded(fixture_model("tf1_learning_phase"))
    result = model.run("serving_default", {"x": np.zeros((2, 4), np.float32)})
    assert result.error.status_code == "INVALID_ARGUMENT"
    assert result.error.message.startswith(
        "You must feed a value for placeholder tensor 'keras_learning_phase' with dtype bool")


def test_unsafe_model_refused_then_allowed(loaded, fixture_model) -> None:
    with pytest.raises(UnsafeModelError):
        loaded(fixture_model("tf1_file_ops"))
    model = loaded(fixture_model("tf1_file_ops"), allow_unsafe_ops=True)
    assert [u.op for u in model.allowed_unsafe_ops] == ["ReadFile"]
