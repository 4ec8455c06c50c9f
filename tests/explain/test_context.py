"""--model and --request make the answer concrete: real names and shapes, the GraphDef, the request's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.explain import explain_text, to_diagnostics
from sigcheck.model import read_model

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"
SEED = ('{"error": "Prediction failed: Error during model execution: AbortionError(code=StatusCode.INVALID_ARGUMENT, '
        'details=\\"input must be 4-dimensional[1,1,1,150,150,3]\\n\\t [[Node: conv2d_1/convolution = Conv2D[T=DT_FLOAT]'
        '(_arg_conv2d_1_input_0_0, conv2d_1/kernel/read)]]\\")"}')
PHASE = ("NetworkError(code=StatusCode.INVALID_ARGUMENT, details=\"You must feed a value for placeholder tensor "
         "'keras_learning_phase' with dtype uint8\n\t [[Node: keras_learning_phase = Placeholder[dtype=DT_UINT8, "
         "shape=[]]()]]\")")


@pytest.fixture(scope="module")
def tfs(tfs_testdata: Path):  # type: ignore[no-untyped-def]
    def get(name: str):  # type: ignore[no-untyped-def]
        return read_model(str(tfs_testdata / TESTDATA / name / "00000123"))

    return get


def top(text: str, **kw):  # type: ignore[no-untyped-def]
    found = explain_text(text, **kw)
    assert found, "nothing recognised"
    return found[0]


def test_seed_extra_dimension_names_the_signature_and_the_levels(models) -> None:  # type: ignore[no-untyped-def]
    d = top(SEED, info=models("keras_image"))
    assert d.category == "extra_batch_dimension"
    assert d.cause == ("signature serving_default takes image [-1,150,150,3]; the model received [1,1,150,150,3] per "
                       "instance: remove two levels of brackets (or run sigcheck validate --fix).")
    assert d.steps[0].startswith("Remove two levels of brackets around each instance so it has shape [150,150,3]")
    assert d.confidence > 0.95


def test_seed_with_the_request_says_what_the_request_sends(models) -> None:  # type: ignore[no-untyped-def]
    row = [[[0.5] * 3] * 150] * 150
    body = json.dumps({"instances": [[[row]]]}).encode()
    d = top(SEED, info=models("keras_image"), request=body)
    assert "your request sends [1,1,150,150,3] per instance: remove two levels of brackets" in d.cause


def test_missing_dimension_with_the_model(models) -> None:  # type: ignore[no-untyped-def]
    d = top('{"error": "In[0] is not a matrix. Instead it has shape [4]\\n\\t [[{{node MatMul}}]]"}',
            info=models("tf1_keep_prob"))
    assert d.category == "missing_batch_dimension"
    assert "signature serving_default takes x [-1,4]" in d.cause and "add one level of brackets" in d.cause
    assert "The 4 values were sent as 4 separate instances" in d.cause


def test_learning_phase_confirmed_from_the_graphdef(models) -> None:  # type: ignore[no-untyped-def]
    d = top(PHASE, info=models("tf1_learning_phase"))
    assert d.category == "keras_learning_phase"
    assert d.cause.startswith("this model's graph has the unfed placeholder keras_learning_phase (bool)")
    assert any("confirmed from the GraphDef" in c for c in d.confirmed)
    assert d.confidence == pytest.approx(0.99)


def test_learning_phase_refuted_by_a_clean_model(models) -> None:  # type: ignore[no-untyped-def]
    plain = top(PHASE).confidence
    d = top(PHASE, info=models("keras_image"))
    assert d.category == "keras_learning_phase" and d.confidence < plain
    assert any("no unfed placeholder keras_learning_phase" in c for c in d.confirmed)


def test_keep_prob_placeholder_named_in_the_fix(models) -> None:  # type: ignore[no-untyped-def]
    d = top("You must feed a value for placeholder tensor 'keep_prob' with dtype float", info=models("tf1_keep_prob"))
    assert d.category == "unfed_placeholder"
    # #14: sigcheck repair first (with the model's own path), then the by-hand recipe that runs on TensorFlow 2
    assert d.steps[0].startswith("Run `sigcheck repair ") and "tf1_keep_prob/1 --output " in d.steps[0]
    assert "bound to 1.0" in d.steps[0]
    assert "input_map={'keep_prob:0': tf.constant(1.0)}" in d.steps[1] and "saved_model.Builder" in d.steps[1]
    assert not any("set_learning_phase(0)" in s for s in d.steps)


def test_fixed_batch_confirmed_from_the_signature(models) -> None:  # type: ignore[no-untyped-def]
    text = "ValueError: Cannot feed value of shape (3, 4) for Tensor 'x:0', which has shape '(1, 4)'"
    d = top(text, info=models("tf1_fixed_batch"))
    assert d.category == "fixed_batch_size_in_graph"
    assert any("input x [1,4]" in c and "output y [1,2]" in c for c in d.confirmed)


def test_half_and_scalar_found_in_other_signatures(models) -> None:  # type: ignore[no-untyped-def]
    half = top('{"error": "Failed to write JSON value for tensor type: half"}', info=models("module_multi"))
    assert any("signature half_output has output y (half)" in c for c in half.confirmed)
    scalar = top("Batching session Run() input tensors must have at least one dimension", info=models("module_multi"))
    assert any("signature scalar_input has the scalar input x" in c for c in scalar.confirmed)


def test_unknown_rank_output_decides_between_two_readings(tfs) -> None:  # type: ignore[no-untyped-def]
    text = '{ "error": "Tensor name: y has no shape information " }'
    found = explain_text(text, info=tfs("saved_model_half_plus_two_mlmd"))
    assert found[0].category == "output_shape_unknown"
    assert any("output y has unknown rank" in c for c in found[0].confirmed)


def test_input_keys_suggest_the_rename(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [{"Age": [31.0], "hours": [40], "occupation": ["x"]}]}).encode()
    d = top("{ \"error\": \"Failed to process element: 0 key: Age of 'instances' list. Error: INVALID_ARGUMENT: JSON "
            "object: does not have named input: Age\" }", info=models("keras_tabular"), request=body)
    assert d.category == "input_keys_mismatch"
    assert d.cause == "signature serving_default takes inputs age, hours, occupation; your request sends Age, hours, occupation."
    assert d.steps[0] == "Rename: Age → age."


def test_number_for_a_string_feature_is_a_dtype_problem_not_tf_example(models) -> None:  # type: ignore[no-untyped-def]
    text = ("{ \"error\": \"Failed to process element: 0 key: occupation of 'instances' list. Error: INVALID_ARGUMENT: "
            "JSON Value: 7 Type: Number is not of expected type: string\" }")
    assert top(text).category == "dtype_mismatch"  # a feature name, not 'examples': the key alone decides
    found = explain_text(text, info=models("keras_tabular"))
    assert found[0].category == "dtype_mismatch" and found[0].variant == "to_string"
    assert found[0].cause.startswith("Input occupation is a string (DT_STRING) input but the request sends the JSON "
                                     "number 7")
    assert any("declares occupation as string" in c for c in found[0].confirmed)


def test_number_for_a_tf_example_input_is_serialized_example(tfs) -> None:  # type: ignore[no-untyped-def]
    text = "{ \"error\": \"JSON Value: 6.4 Type: Number is not of expected type: string\" }"
    body = json.dumps({"signature_name": "classify_x_to_y", "instances": [6.4]}).encode()
    found = explain_text(text, info=tfs("saved_model_half_plus_two_cpu"), request=body)
    assert found[0].category == "serialized_example_input_expected"
    assert any("feeds a ParseExample op" in c for c in found[0].confirmed)


def test_missing_serving_default_lists_the_signatures(tfs) -> None:  # type: ignore[no-untyped-def]
    d = top('AbortionError(code=StatusCode.FAILED_PRECONDITION, details="Default serving signature key not found.")',
            info=tfs("saved_model_counter"))
    assert d.category == "signature_not_found"
    assert "get_counter" in d.cause and "incr_counter_by" in d.cause
    assert d.steps[0].startswith('Send "signature_name": "get_counter"')


def test_present_signature_refutes_signature_not_found(models) -> None:  # type: ignore[no-untyped-def]
    text = '{"error": "Serving signature name: \\"serving_default\\" not found in signature def"}'
    assert top(text, info=models("keras_image")).confidence < top(text).confidence


def test_runtime_mismatch_names_the_exporting_version(models) -> None:  # type: ignore[no-untyped-def]
    d = top("Loading servable: {name: m version: 1} failed: Not found: Op type not registered 'Conv2D' in binary",
            info=models("keras_image"))
    assert d.category == "runtime_version_mismatch"
    assert "TensorFlow 2.21" in d.steps[0]


def test_request_alone_confirms_payload_and_parse_errors() -> None:
    body = json.dumps({"instances": [[0.25] * 50 for _ in range(10)]}).encode()
    d = top("Request payload size exceeds the limit: 1000 bytes.", request=body)
    assert d.category == "payload_too_large"
    assert any(f"your request is {len(body):,} bytes (limit 1,000)" in c and "about" in c for c in d.confirmed)
    p = top('{"error": "JSON Parse error: Miss fraction part in number. at offset: 15"}', request=b'{"instances": [1.]}')
    assert any("does not parse" in c for c in p.confirmed)


def test_as_common_diagnostics() -> None:
    text = "Table not initialized."
    (diag,) = to_diagnostics(explain_text(text)[:1], subject="log.txt")
    assert diag.code == "explain.initializer_missing_in_export" and diag.category == "initializer_missing_in_export"
    assert diag.severity is Severity.ERROR and diag.upstream == text and diag.subject == "log.txt"
    assert diag.message.startswith("Table/asset initializers did not run") and diag.hint.startswith("1. TF1: export")


def test_validate_findings_confirm_the_reading(models) -> None:  # type: ignore[no-untyped-def]
    row = [[[0.5] * 3] * 150] * 150
    body = json.dumps({"instances": [[[row]]]}).encode()
    d = top(SEED, info=models("keras_image"), request=body)
    assert any(c.startswith("sigcheck validate finds it") for c in d.confirmed)


def test_missing_trailing_dimension_is_told_from_a_missing_batch_level(models) -> None:  # type: ignore[no-untyped-def]
    """TF 2.21's own text for a (1, 150, 150) tensor fed to a (-1, 150, 150, 3) signature."""
    text = ("tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nDetected at node "
            "keras_image_1/conv_1/Relu defined at (most recent call last):\n<stack traces unavailable>\nconvolution "
            "input must be 4-dimensional: [1,150,150]\n\t [[{{node keras_image_1/conv_1/Relu}}]] "
            "[Op:__inference_signature_wrapper___call___1234]")
    assert top(text).category == "input_shape_mismatch"  # (N, H, W): images without their channel (session 17)
    found = explain_text(text, info=models("keras_image"))
    assert found[0].category == "input_shape_mismatch" and "channel" in found[0].steps[0]


@pytest.fixture(scope="session")
def example_model(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A SavedModel whose one input is serialized tf.Example protos, parsed in the graph (a TFX / Estimator-style
    serving signature), built here so the test needs nothing outside the project."""
    tf = pytest.importorskip("tensorflow")
    from sigcheck.model.reader import read_model

    class M(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="examples")])
        def serve(self, examples):  # type: ignore[no-untyped-def]
            f = tf.io.parse_example(examples, {"age": tf.io.FixedLenFeature([1], tf.float32)})
            return {"y": f["age"] * 2.0}

    path = tmp_path_factory.mktemp("example") / "1"
    m = M()
    tf.saved_model.save(m, str(path), signatures={"serving_default": m.serve})
    return read_model(str(path))


def test_raw_features_named_for_a_serialized_example_input_lead_to_the_example_reading(example_model) -> None:  # type: ignore[no-untyped-def]
    """json_tensor.cc's 'JSON object: does not have named input: age' where the signature's only input is a DT_STRING
    tf.Example feeding ParseExample: the features go inside the Example, not a rename of age to examples."""
    text = ('{ "error": "Failed to process element: 0 key: age of \'instances\' list. Error: INVALID_ARGUMENT: JSON '
            'object: does not have named input: age" }')
    found = explain_text(text, info=example_model)
    assert found[0].category == "serialized_example_input_expected"
    assert next(d for d in found if d.category == "input_keys_mismatch").confidence < found[0].confidence


def test_a_signature_of_several_named_inputs_rules_out_one_serialized_example(models) -> None:  # type: ignore[no-untyped-def]
    """A misspelt feature name on a model of several named inputs (the demo's penguins): the tf.Example reading the
    message leaves open is ruled out by the signature, not shown at 0.5 beside the rename."""
    body = json.dumps({"instances": [{"Age": [31.0], "hours": [40], "occupation": ["x"]}]}).encode()
    found = explain_text("{ \"error\": \"Failed to process element: 0 key: Age of 'instances' list. Error: "
                         "INVALID_ARGUMENT: JSON object: does not have named input: Age\" }",
                         info=models("keras_tabular"), request=body)
    assert found[0].category == "input_keys_mismatch"
    example = [d for d in found if d.category == "serialized_example_input_expected"]
    assert not example or (example[0].confidence <= 0.3 and any("3 named inputs" in c for c in example[0].confirmed))
