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


def test_ops_run_in_the_calling_thread_for_feed_forward_graphs(loaded, fixture_model) -> None:
    from sigcheck.serving.session import inter_op_threads

    for name in ("keras_tabular", "keras_image", "module_multi", "tf1_learning_phase"):
        assert inter_op_threads(loaded(fixture_model(name)).info) == -1, name
    from sigcheck.serving.session import load_model  # (in this process: the session's own config is visible)

    model = load_model(str(fixture_model("keras_tabular")))
    try:
        assert model.session._config.inter_op_parallelism_threads == -1
    finally:
        model.close()


def test_graph_with_a_queue_keeps_tensorflows_inter_op_pool(tmp_path) -> None:
    """A queue's dequeue may wait for an enqueue of the same run: such graphs are not run in one thread."""
    import tensorflow as tf

    from sigcheck.serving.session import inter_op_threads, load_model

    export = tmp_path / "queue" / "1"
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 2], name="x")
        queue = tf.queue.FIFOQueue(4, [tf.float32], shapes=[[2]])
        enqueue = queue.enqueue_many([x])
        with tf.control_dependencies([enqueue]):
            y = tf.identity(queue.dequeue_many(tf.shape(x)[0]) * 2.0, name="y")
        with tf.compat.v1.Session(graph=graph) as sess:
            builder = tf.compat.v1.saved_model.Builder(str(export))
            sig = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
            builder.save()
    model = load_model(str(export), allow_unsafe_ops=True)  # (queues are refused by the op scan unless allowed)
    try:
        assert inter_op_threads(model.info) == 0
        assert model.session._config.inter_op_parallelism_threads == 0
        result = model.run("serving_default", {"x": np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)})
        assert result.error is None
        np.testing.assert_allclose(result.outputs["y"], [[2.0, 4.0], [6.0, 8.0]])
    finally:
        model.close()
