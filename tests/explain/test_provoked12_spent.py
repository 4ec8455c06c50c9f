"""Readings built in session 13 from the misses of provoked_12 / provoked_12b once both halves were spent (measured in
session 12).  Each message is quoted from its source: TensorFlow's Python (feature_column_v2.py, while_v2.py,
lite/python/util.py, TF 2.12's function_spec.py, saved_model_cli.py), libtensorflow_cc's DecodeCSV literals,
proto-plus's struct marshal, protobuf's json_format, Keras 3's serialization_lib (as tf_keras prints it), Keras's
input_spec; the numbers decide between readings (a rank-0 input, an extra axis under a batch of None, two batch
sizes, a stateful RNN's state of batch one)."""

from __future__ import annotations

from sigcheck.explain import explain_text


def top(text: str):
    found = explain_text(text)
    return found[0] if found else None


def test_a_dimension_fed_to_a_rank0_placeholder_is_a_scalar_input() -> None:
    """saved_model_cli run feeds is_training (shape ()) with a value of shape (1,), as REST's row format does."""
    d = top("ValueError: Cannot feed value of shape (1,) for Tensor is_training:0, which has shape ()")
    assert d.category == "scalar_input"


def test_one_level_short_is_still_read_by_the_numbers() -> None:
    d = top("ValueError: Cannot feed value of shape (28, 28) for Tensor 'x:0', which has shape '(?, 28, 28, 1)'")
    assert d.category != "scalar_input"


def test_an_extra_axis_under_keras_none_batch_is_extra_nesting() -> None:
    text = ('ValueError: Input 0 of layer "sequential" is incompatible with the layer: expected shape=(None, 32, 32, '
            '3), found shape=(None, 4, 32, 32, 3)')
    assert top(text).category == "extra_batch_dimension"


def test_another_size_under_keras_none_batch_is_not_extra_nesting() -> None:
    text = ('ValueError: Input 0 of layer "sequential" is incompatible with the layer: expected shape=(None, 32, 32, '
            '3), found shape=(None, 4, 64, 64, 3)')
    assert top(text).category != "extra_batch_dimension"


def test_concat_of_two_batches_larger_than_one_is_inputs_of_different_batch() -> None:
    text = ("InvalidArgumentError: ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [2,1] vs. "
            "shape[1] = [3,8]\n\t [[{{node functional_2_1/concatenate_1/concat}}]]")
    assert top(text).category == "batch_size_mismatch_between_inputs"


def test_concat_against_a_batch_of_one_stays_a_fixed_batch() -> None:
    text = ("ConcatOp : Dimensions of inputs should match: shape[0] = [1,64,64,1] vs. shape[1] = [16,64,64,31]")
    assert top(text).category == "fixed_batch_size_in_graph"


def test_text_vectorization_squeeze_is_a_missing_trailing_axis() -> None:
    """TextVectorization squeezes the last axis of a (None, 1) input: bare strings (rank 1) put the batch there."""
    text = ('{ "error": "Can not squeeze dim[0], expected a dimension of 1, got 2\\n\\t [[{{function_node '
            '__inference___call___683}}{{node functional_1_1/text_vectorization_1/Squeeze}}]]" }')
    assert top(text).category == "input_shape_mismatch"


def test_a_squeeze_of_the_batch_elsewhere_is_a_fixed_batch() -> None:
    text = ("Can not squeeze dim[0], expected a dimension of 1, got 6\n\t [[{{node model/squeeze/Squeeze}}]]")
    assert top(text).category == "fixed_batch_size_in_graph"


def test_feature_column_key_missing_from_the_receiver() -> None:
    d = top("ValueError: in user code:\n    ValueError: Feature hours_per_week is not in features dictionary.")
    assert d.category == "input_keys_mismatch"
    assert "feature column" in d.steps[0] or "feature column" in (d.cause or "")


def test_tflite_converter_input_arrays_naming_no_tensor() -> None:
    d = top("ValueError: Invalid tensors 'x' were found.")
    assert d.category == "input_keys_mismatch"
    assert "input_arrays" in d.steps[0]


def test_decode_csv_with_a_missing_field() -> None:
    text = ("tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n"
            "Expect 4 fields but have 3 in record 0\n\t [[{{node DecodeCSV}}]]")
    assert top(text).category == "input_shape_mismatch"


def test_stateful_rnn_state_of_batch_one_in_a_while_loop() -> None:
    text = ("ValueError: Exception encountered when calling LSTM.call().\n\nInput tensor "
            "`functional_1/lstm_1/ReadVariableOp:0` enters the loop with shape (1, 8), but has shape (None, 8) after "
            "one iteration. To allow the shape to vary across iterations, use the `shape_invariants` argument of "
            "tf.while_loop to specify a less-specific shape.")
    d = top(text)
    assert d.category == "fixed_batch_size_in_graph"
    assert "stateful=False" in " ".join(d.steps)


def test_a_loop_variable_of_another_shape_is_the_models_own() -> None:
    text = ("Input tensor `while/x:0` enters the loop with shape (4, 8), but has shape (4, 16) after one iteration. "
            "To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to "
            "specify a less-specific shape.")
    assert top(text).category == "model_graph_shape_bug"


def test_tf212_binding_wording_with_the_function_name() -> None:
    text = ("TypeError: Binding inputs to tf.function `signature_wrapper___call__` failed due to `too many positional "
            "arguments`.Received args: (<tf.Tensor: shape=(1, 3), dtype=float32>,) and kwargs: {}")
    d = top(text)
    assert d.category == "input_keys_mismatch"
    assert "keyword" in d.steps[0]


def test_vertex_client_given_a_numpy_array() -> None:
    """proto-plus (google-cloud-aiplatform's PredictionServiceClient) cannot turn an ndarray into a protobuf Value."""
    text = ("  File \"/v/lib/python3.11/site-packages/proto/marshal/rules/struct.py\", line 83, in to_proto\n"
            "    raise ValueError(\"Unable to coerce value: %r\" % value)\n"
            "ValueError: Unable to coerce value: array([0.5636458 , 0.40101188], dtype=float32)")
    d = top(text)
    assert d.category == "instance_format"
    assert "tolist()" in d.steps[0]


def test_parse_dict_given_a_numpy_float() -> None:
    text = ("google.protobuf.json_format.ParseError: Value 0.2658134400844574 has unexpected type <class "
            "'numpy.float32'> at Value.features[0]")
    d = top(text)
    assert d.category == "instance_format"


def test_saved_model_cli_key_when_the_only_input_is_examples() -> None:
    text = ('ValueError: "age" is not a valid input key. Please choose from "examples", or use --show option.')
    assert top(text).category == "serialized_example_input_expected"


def test_saved_model_cli_key_among_feature_inputs_stays_a_name() -> None:
    text = ('ValueError: "agee" is not a valid input key. Please choose from "age", "hours", or use --show option.')
    assert top(text).category == "input_keys_mismatch"


def test_a_keras3_file_read_by_tf_keras_is_another_keras_version() -> None:
    text = ("TypeError: Could not deserialize class 'Functional' because its parent module "
            "tf_keras.src.models.functional cannot be imported. Full object config: {'module': "
            "'keras.src.models.functional', 'class_name': 'Functional', 'config': {'name': 'functional'}}")
    d = top(text)
    assert d.category == "runtime_version_mismatch"
    assert "TF_USE_LEGACY_KERAS" in " ".join(d.steps)


def test_a_custom_package_module_stays_a_custom_class() -> None:
    text = ("TypeError: Could not deserialize class 'MyLayer' because its parent module my_package.layers cannot be "
            "imported. Full object config: {'module': 'my_package.layers', 'class_name': 'MyLayer'}")
    assert "custom_objects={'MyLayer': MyLayer}" in reading(text)  # a custom class: no category, its fix


# --- texts no category fits: the reading the human view shows instead (index entries not about the request) ---

def reading(text: str) -> str:
    from sigcheck.explain import read_unknown

    assert explain_text(text) == []
    return " ".join(read_unknown(text).readings)


def test_assigning_a_tensor_proto_into_the_inputs_map() -> None:
    assert "CopyFrom" in reading("ValueError: Message objects may not be assigned")


def test_assigning_an_int_to_model_spec_version() -> None:
    text = 'AttributeError: Assignment not allowed to message field "version" in protocol message object.'
    assert "version.value = 2" in reading(text)


def test_a_json_style_tf_serving_model_config() -> None:
    text = ("google.protobuf.text_format.ParseError: 3:5 : '    \"name\": \"churn\",': Expected identifier or number, "
            "got \"name\".")
    assert "text format" in reading(text)


def test_a_quoted_integer_in_a_model_config() -> None:
    text = "google.protobuf.text_format.ParseError: 8:14 : '      value: \"1\"': Couldn't parse integer: \"1\""
    assert "quoted number" in reading(text)


def test_protobuf_gencode_newer_than_runtime() -> None:
    text = ("google.protobuf.runtime_version.VersionError: Detected incompatible Protobuf Gencode/Runtime versions when "
            "loading yggdrasil_decision_forests/dataset/data_spec.proto: gencode 6.31.1 runtime 5.29.6. Runtime "
            "version cannot be older than the linked gencode version.")
    assert "gencode" in reading(text)


def test_saved_model_cli_input_exprs_with_code() -> None:
    text = 'RuntimeError: Expression "np.random.rand(1,8)" is not a valid python literal.'
    assert "--inputs" in reading(text)
