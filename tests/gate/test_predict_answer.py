"""gate --predict and predict check a 200's answer against the signature (sigcheck.answer): a rank error is never
settled by a 200 alone (trial9 F1) — it stays an error when the answer does not fit the signature (an instance
answered alone differs from its row in the batch, an output of another rank) and a warning when it does."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.gate import run_gate
from sigcheck.model import read_model

pytestmark = pytest.mark.tf


@pytest.fixture(scope="module")
def graphs(tmp_path_factory) -> str:
    """A TF1 graph with three signatures: ``scaled`` (x (-1, 4) @ ones * a scalar ``scale``: trial9's models/tf1),
    ``lenient`` (x (-1, 1) → x * 2: any shape in, the same shape out) and ``reshaped`` (x (-1, 1) → reshape(x * 2,
    [-1, 1]): bare values in, the declared shape out)."""
    import tensorflow as tf

    export = tmp_path_factory.mktemp("answer") / "m" / "1"
    graph = tf.Graph()
    with graph.as_default():
        x4 = tf.compat.v1.placeholder(tf.float32, [None, 4], name="x4")
        scale = tf.compat.v1.placeholder(tf.float32, [], name="scale")
        y2 = tf.identity(tf.matmul(x4, tf.ones([4, 2])) * scale, name="y2")
        x1 = tf.compat.v1.placeholder(tf.float32, [None, 1], name="x1")
        twice = tf.identity(x1 * 2.0, name="twice")
        shaped = tf.reshape(x1 * 2.0, [-1, 1], name="shaped")
        sig = tf.compat.v1.saved_model.predict_signature_def
        with tf.compat.v1.Session(graph=graph) as sess:
            builder = tf.compat.v1.saved_model.Builder(str(export))
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={
                "serving_default": sig({"x": x4, "scale": scale}, {"y": y2}),
                "lenient": sig({"x": x1}, {"y": twice}),
                "reshaped": sig({"x": x1}, {"y": shaped}),
            })
            builder.save()
    return str(export.parent)


SCALED = b'{"instances": [{"x": [1, 1, 1, 1], "scale": 3.0}, {"x": [1, 1, 1, 1], "scale": 5.0}]}'
LENIENT = b'{"signature_name": "lenient", "instances": [1.0, 2.0]}'
RESHAPED = b'{"signature_name": "reshaped", "instances": [1.0, 2.0]}'


@pytest.fixture(scope="module")
def gated(graphs: str, tmp_path_factory):
    """run_gate with --predict on each request (one model process for all)."""
    from sigcheck.cli.gate import _predictor

    info = read_model(graphs)
    folder = tmp_path_factory.mktemp("requests")
    predictor = _predictor(info, allowed_ops=())
    results = {}
    try:
        for name, body in (("scaled", SCALED), ("lenient", LENIENT), ("reshaped", RESHAPED)):
            path = folder / f"{name}.json"
            path.write_bytes(body)
            results[name] = run_gate(info, requests=[str(path)], predictor=predictor)
    finally:
        predictor.state["server"].close()
    return results


def _shape(result) -> list:
    return [f for f in result.findings if f.code == "request.shape"]


def test_a_batch_that_mixes_instances_fails_the_gate(gated) -> None:
    result = gated["scaled"]  # TF Serving: 200 [[12, 20], [12, 20]]; instance 0 alone is [12, 12]
    assert not result.ok
    [shape] = _shape(result)
    assert shape.severity.value == "error" and shape.message.startswith("not settled by running it")
    [mixed] = [f for f in result.findings if f.code == "predict.instance_mismatch"]
    assert mixed.severity.value == "error" and "[12., 12.]" in mixed.message and "[12., 20.]" in mixed.message
    assert result.checks["predict.run"] == "fail"


def test_an_answer_of_another_rank_than_declared_keeps_the_error(gated) -> None:
    result = gated["lenient"]  # y answered (2,), declared (-1, 1)
    assert not result.ok
    assert [f.severity.value for f in _shape(result)] == ["error"]
    [answer] = [f for f in result.findings if f.code == "predict.answer_shape"]
    assert answer.severity.value == "warning" and answer.received == "shape (2,)"


def test_a_rank_error_the_model_answers_as_declared_stays_a_warning(gated) -> None:
    result = gated["reshaped"]  # y answered (2, 1) as declared, each instance as alone
    assert result.ok, [f.message for f in result.findings]
    [shape] = _shape(result)
    assert shape.severity.value == "warning" and shape.message.startswith("the model answers it (--predict)")
    assert not [f for f in result.findings if f.code.startswith("predict.")]


def test_predict_says_a_200_is_wrong(graphs: str) -> None:
    from sigcheck.serving import LocalServer

    with LocalServer(graphs) as server:
        answer = server.predict(SCALED)
        fine = server.predict(b'{"inputs": {"x": [[1, 1, 1, 1], [1, 1, 1, 1]], "scale": 3.0}}')
    assert answer.http_status == 200 and answer.response() == {"predictions": [[12.0, 20.0], [12.0, 20.0]]}
    assert [f.code for f in answer.findings] == ["predict.instance_mismatch"]
    assert fine.http_status == 200 and fine.findings == []  # (the scalar sent once, columnar: nothing to say)
