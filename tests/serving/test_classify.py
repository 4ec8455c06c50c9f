"""``:classify`` / ``:regress`` answered as TF Serving answers them (:mod:`sigcheck.serving.classify`,
``sigcheck predict --api classify|regress``).

A TF1 SavedModel built once per session (``classification_signature_def``/``regression_signature_def`` over
``tf.io.parse_example``, plus signatures that TF Serving refuses) runs in the model's process; the truth is
computed here with TensorFlow directly: ``tf.train.Example`` messages built by TensorFlow's own protobuf classes
(the context merged with ``MergeFrom``, which is what TF Serving's byte concatenation means), fed to the same
graph in a session of this process.  TF Serving's own REST handler cases run on its ``half_plus_two`` model.
"""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.codec.examples import decode_examples
from sigcheck.codec.response import parse_response
from sigcheck.serving.classify import answer_examples, classify, regress, serialized_examples

pytestmark = pytest.mark.tf

LABELS = [b"low", b"mid", b"high"]
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()
VECTORS = SHARED / "conformance" / "vectors_classify_regress.jsonl"


def _build(path: Path) -> None:
    import tensorflow as tf

    v1 = tf.compat.v1
    sd = v1.saved_model.signature_def_utils
    graph = tf.Graph()
    with graph.as_default():
        serialized = v1.placeholder(tf.string, [None], name="tf_example")
        f = tf.io.parse_example(serialized, {
            "age": tf.io.FixedLenFeature([1], tf.int64, default_value=[0]),
            "ratings": tf.io.FixedLenFeature([2], tf.float32, default_value=[0.0, 0.0]),
            "city": tf.io.FixedLenFeature([1], tf.string, default_value=[""]),
            "blob": tf.io.FixedLenFeature([1], tf.string, default_value=[""]),
        })
        value = (tf.cast(f["age"], tf.float32) * 0.5 + tf.reduce_sum(f["ratings"], axis=1, keepdims=True)
                 + tf.cast(tf.equal(f["city"], "sfo"), tf.float32) * 10.0
                 + tf.cast(tf.strings.length(f["blob"]), tf.float32) * 0.25)  # [batch, 1]
        value = tf.identity(value, name="value")
        scores = tf.concat([value, value * 2.0, -value], axis=1, name="scores")
        classes = tf.tile(tf.constant([[label.decode() for label in LABELS]]), [tf.shape(serialized)[0], 1],
                          name="classes")
        flat = tf.reshape(value, [-1], name="flat")
        x = v1.placeholder(tf.float32, [None, 1], name="x")
        signatures = {
            "serving_default": sd.classification_signature_def(serialized, classes, scores),
            "scores_only": sd.classification_signature_def(serialized, None, scores),
            "classes_only": sd.classification_signature_def(serialized, classes, None),
            "regress": sd.regression_signature_def(serialized, value),
            "regress_flat": sd.regression_signature_def(serialized, flat),
            "predict_inputs": sd.predict_signature_def({"inputs": serialized}, {"scores": scores}),
            "predict_x": sd.predict_signature_def({"x": x}, {"y": x * 2.0}),
            "scores_rank1": sd.classification_signature_def(serialized, None, flat),
            "regress_doubled": sd.regression_signature_def(serialized, tf.concat([flat, flat], 0)),
            "float_inputs": sd.build_signature_def({"inputs": v1.saved_model.utils.build_tensor_info(x)},
                                                   {"scores": v1.saved_model.utils.build_tensor_info(x * 3.0)},
                                                   "tensorflow/serving/classify"),
        }
        with v1.Session(graph=graph) as session:
            builder = v1.saved_model.Builder(str(path))
            builder.add_meta_graph_and_variables(session, ["serve"], signature_def_map=signatures)
            builder.save()


@pytest.fixture(scope="session")
def examples_model(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("classify") / "model"
    _build(path)
    return str(path)


@pytest.fixture(scope="session")
def truth(examples_model):
    """``truth(body, fetch)``: the tensor ``fetch`` for the examples of ``body``, computed by TensorFlow alone."""
    import tensorflow as tf

    graph = tf.Graph()
    session = tf.compat.v1.Session(graph=graph)
    with graph.as_default():
        meta = tf.compat.v1.saved_model.loader.load(session, ["serve"], examples_model)

    def tf_example(features: dict) -> "tf.train.Example":
        example = tf.train.Example()
        for name, values in features.items():
            values = values if isinstance(values, list) else [values]
            feature = example.features.feature[name]
            for v in values:
                if isinstance(v, dict):
                    feature.bytes_list.value.append(base64.b64decode(v["b64"]))
                elif isinstance(v, str):
                    feature.bytes_list.value.append(v.encode())
                elif isinstance(v, float):
                    feature.float_list.value.append(v)
                else:
                    feature.int64_list.value.append(int(v))
        return example

    def compute(body: dict, fetch: str) -> np.ndarray:
        serialized = []
        for features in body["examples"]:
            merged = tf_example(body.get("context", {}))
            merged.MergeFrom(tf_example(features))
            serialized.append(merged.SerializeToString())
        return session.run(fetch, {"tf_example:0": serialized})

    def session_run_error(feed: str, value: np.ndarray, fetch: str) -> str:
        """The message of TensorFlow's ``Session::Run`` (DirectSession, as TF Serving runs) for this feed."""
        tensor = graph.get_tensor_by_name
        try:
            session._call_tf_sessionrun(None, {tensor(feed)._as_tf_output(): value}, [tensor(fetch)._as_tf_output()],
                                        [], None)
        except tf.errors.InvalidArgumentError as exc:
            return exc.message
        raise AssertionError("Session::Run accepted the feed")

    compute.meta = meta  # (TensorFlow's own MetaGraphDef, for the SignatureDef DebugString)
    compute.session_run_error = session_run_error
    compute.tf_example = tf_example
    yield compute
    session.close()


BODY = {
    "context": {"city": "sfo", "ratings": [1.0, 2.0]},
    "examples": [
        {"age": 20, "blob": {"b64": base64.b64encode(b"hello").decode()}},
        {"age": [4], "ratings": [0.5, 0.25], "city": "nyc"},  # (the example's features win over the context's)
        {"age": True, "blob": ["abc"]},
    ],
}


def _with(signature: str | None, body: dict = BODY) -> bytes:
    data = dict(body)
    if signature:
        data["signature_name"] = signature
    return json.dumps(data).encode()


def test_serialized_examples_are_what_tensorflow_merges(truth) -> None:
    """The bytes fed to ``inputs`` parse (by TensorFlow's tf.train.Example) to the context merged with the example."""
    import tensorflow as tf

    got = serialized_examples(decode_examples(_with(None)))
    assert got.shape == (3,)
    for data, features in zip(got, BODY["examples"]):
        want = truth.tf_example(BODY["context"])
        want.MergeFrom(truth.tf_example(features))
        assert tf.train.Example.FromString(data) == want


def test_classify_matches_tensorflow(servers, examples_model, truth) -> None:
    answer = classify(servers(examples_model), _with(None))
    assert answer.ok and answer.stage == "ok" and answer.signature_name == "serving_default", answer.body
    results = parse_response(answer.body)["results"]
    scores = truth(BODY, "scores:0")
    assert scores.shape == (3, 3)
    assert [[label for label, _ in row] for row in results] == [[lb.decode() for lb in LABELS]] * 3
    assert np.array_equal(np.array([[s for _, s in row] for row in results], dtype=np.float32), scores)
    assert scores[0, 0] == np.float32(10 + 3 + 10 + 1.25)  # (context city/ratings used, b64 bytes decoded)
    assert answer.body.startswith('{\n    "results": [[["low", 24.25], ["mid", 48.5], ["high", -24.25]], [')


def test_classify_scores_only_and_classes_only(servers, examples_model, truth) -> None:
    server = servers(examples_model)
    scores = truth(BODY, "scores:0")
    only_scores = parse_response(classify(server, _with("scores_only")).body)["results"]
    assert [[label for label, _ in row] for row in only_scores] == [["", "", ""]] * 3
    assert np.array_equal(np.array([[s for _, s in row] for row in only_scores], dtype=np.float32), scores)
    only_classes = classify(server, _with("classes_only"))
    assert only_classes.ok
    assert '[["low", 0.0], ["mid", 0.0], ["high", 0.0]]' in only_classes.body  # (the proto's default score)


def test_regress_matches_tensorflow(servers, examples_model, truth) -> None:
    server = servers(examples_model)
    want = truth(BODY, "value:0").reshape(-1)
    for signature in ("regress", "regress_flat"):  # [batch, 1] and [batch]
        answer = regress(server, _with(signature))
        assert answer.ok, answer.body
        assert np.array_equal(np.array(parse_response(answer.body)["results"], dtype=np.float32), want)
        assert answer.body == '{\n    "results": [24.25, 2.75, 14.25]\n}'


def test_predict_signature_runs_unless_the_method_is_checked(servers, examples_model, truth) -> None:
    """TF Serving checks the method name only with --enable_signature_method_name_check (off by default)."""
    server = servers(examples_model)
    assert classify(server, _with("predict_inputs")).ok
    refused = classify(server, _with("predict_inputs"), method_check=True)
    assert (refused.http_status, refused.stage, refused.status_code) == (400, "request", "INVALID_ARGUMENT")
    assert refused.error == ("Expected classification signature method_name to be tensorflow/serving/classify. "
                             "Was: tensorflow/serving/predict")
    refused = regress(server, _with("serving_default"), method_check=True)
    assert refused.error == ("Expected regression signature method_name to be tensorflow/serving/regress. "
                             "Was: tensorflow/serving/classify")


def test_signature_refusals_are_tf_servings(servers, examples_model, truth) -> None:
    server = servers(examples_model)
    debug = {k: str(v) for k, v in truth.meta.signature_def.items()}  # (TensorFlow's own SignatureDef text)
    cases = [
        (classify, "predict_x", f"No classification inputs found in SignatureDef: {debug['predict_x']}"),
        (regress, "predict_x", f"No regression inputs found in SignatureDef: {debug['predict_x']}"),
        (classify, "regress", 'Expected classification signature outputs to contain at least one of "classes" or '
                              f'"scores". Signature was: {debug["regress"]}'),
        (regress, "serving_default", "Expected one output Tensor."),
        (regress, "predict_inputs", f"No regression outputs found in SignatureDef: {debug['predict_inputs']}"),
        (classify, "nope", "No signature was found with the name: nope"),
    ]
    for call, signature, message in cases:
        answer = call(server, _with(signature))
        assert (answer.http_status, answer.stage, answer.error) == (400, "request", message), signature
        assert json.loads(answer.body) == {"error": message}


def test_non_string_inputs_fail_as_session_run_does(servers, examples_model, truth) -> None:
    """TF Serving checks no input dtype: DirectSession::Run refuses the DT_STRING feed (its message, from TF)."""
    answer = classify(servers(examples_model), _with("float_inputs"))
    assert (answer.http_status, answer.stage, answer.status_code) == (400, "execution", "INVALID_ARGUMENT")
    sig = truth.meta.signature_def["float_inputs"]
    assert answer.error == truth.session_run_error(sig.inputs["inputs"].name, np.array([b"a"], dtype=object),
                                                   sig.outputs["scores"].name)
    assert answer.error == "Expects arg[0] to be float but string is provided"


def test_output_checks_are_tf_servings(servers, examples_model) -> None:
    server = servers(examples_model)
    answer = classify(server, _with("scores_rank1"))
    assert (answer.http_status, answer.stage) == (400, "response")
    assert answer.error == "Expected Tensor shape: [batch_size num_classes] but got [3]"
    answer = regress(server, _with("regress_doubled"))
    assert answer.error == "Input batch size did not match output batch size: 3 vs. 6"


def test_wrong_feature_kind_is_the_models_error(servers, examples_model) -> None:
    """``age`` sent as a float: the JSON layer accepts it (features are not checked there); ParseExample refuses."""
    answer = classify(servers(examples_model), _with(None, {"examples": [{"age": 2.5}]}))
    assert (answer.http_status, answer.stage, answer.status_code) == (400, "execution", "INVALID_ARGUMENT")
    assert "Key: age, Index: 0.  Data types don't match. Data type: float but expected type: int64" in answer.error
    assert all(d.category != "serialized_example_input_expected" for d in answer.explanations)  # (it was sent)


def test_findings_say_what_parse_example_refuses(servers, examples_model) -> None:
    """With the error come the findings of the graph's parse spec, read without TensorFlow, in JSON terms."""
    body = {"context": {"city": 3}, "examples": [{"age": 2.5}, {"age": [1, 2], "ratings": [1.0]}, {"age": 1.5}]}
    answer = regress(servers(examples_model), _with("regress", body))
    assert answer.stage == "execution"
    got = [(f.code, f.path, f.category) for f in answer.findings]
    # (within an example, the order TensorFlow's fast parser meets them — batch.example.read_features, its port —
    # so the first is TF's own error; a repeated mistake said once)
    assert got == [("regress.example", "$.examples[0].age", "dtype_mismatch"),
                   ("regress.example", "$.examples[0].city", "dtype_mismatch"),
                   ("regress.example", "$.examples[1].ratings", "input_shape_mismatch"),
                   ("regress.example", "$.examples[1].age", "input_shape_mismatch")]
    assert answer.findings[0].hint.startswith('send "age" as a whole number without a decimal point (80)')
    assert answer.findings[3].hint == 'send 1 value for "age" (a JSON list, or one value)'


def test_bad_json_is_answered_without_the_model(examples_model) -> None:
    def never():
        raise AssertionError("the model must not start for a request TF Serving's JSON layer rejects")

    from sigcheck.model import read_model

    info = read_model(examples_model)
    for body in (b'{"examples": [', b'{"examples": []}', b'{"instances": [[1.0]]}'):
        answer = answer_examples(info, never, body, "classify")
        assert (answer.http_status, answer.stage) == (400, "request")
        assert answer.error == decode_examples(body).error
    assert answer.error.endswith("When method is classify, key 'examples' is expected and was not found")


# ---------------------------------------------------------------------------------------------- TF Serving's cases

def _http_cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent: ../shared is only beside "
                                                                 "a checkout"))]
    cases = [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]
    return [pytest.param(c, id=c["id"]) for c in cases if c["kind"] == "http"]


@pytest.mark.parametrize("case", _http_cases())
def test_tf_serving_rest_handler_case(case, loaded, tfs_testdata) -> None:
    """``HttpRestApiHandlerTest.Classify``/``Regress`` on TF Serving's saved_model_half_plus_two_2_versions (the
    model process test_predict.py uses, shared through the session cache)."""
    model = loaded(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata"
                   / "saved_model_half_plus_two_2_versions")
    answer = answer_examples(model.info, lambda: model, case["request"].encode(), case["methods"][0])
    assert answer.http_status == case["http"]["status"]
    assert parse_response(answer.body) == json.loads(case["expect_json"])  # (json_equal: 12 == 12.0)


# ---------------------------------------------------------------------------------------------- the command

def test_cli_classify_and_regress(cli, examples_model, tmp_path) -> None:
    request = tmp_path / "request.json"
    request.write_bytes(_with("regress"))
    code, out, err = cli("predict", request, "--model", examples_model, "--api", "regress")
    assert code == 0 and out == '{\n    "results": [24.25, 2.75, 14.25]\n}', err
    assert "HTTP 200 from signature regress" in err
    code, out, err = cli("predict", request, "--model", examples_model, "--api", "classify", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["http_status"] == 400 and data["stage"] == "request"
    assert data["response"]["error"].startswith("Expected classification signature outputs to contain")


def test_cli_refusals(cli, examples_model, tmp_path) -> None:
    request = tmp_path / "request.json"
    request.write_text('{"examples": 3}')
    code, out, err = cli("predict", request, "--model", examples_model, "--api", "classify")
    assert code == 1 and json.loads(out) == {"error": 'JSON Value: {\n    "examples": 3\n} Expecting \'examples\' '
                                                      "value to be an list/array"}
    assert "TF Serving would reject this request: HTTP 400" in err
    code, out, err = cli("predict", request, "--model", examples_model, "--api", "score")
    assert code == 2 and "error: unknown --api 'score'" in err
    code, out, err = cli("predict", request, "--model", examples_model, "--api", "regress", "--format-in", "jsonl")
    assert code == 2 and "takes one JSON body" in err
