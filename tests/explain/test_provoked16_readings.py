"""Readings built in session 16 from provoked_16's working half and from the sources of its messages: TF Serving's
json_tensor.cc FormatError sites (the whole body's form), Conv2D shape inference's channel checks, make_tensor_proto
given tf.train.Example messages, protobuf's and CPython's type checks, the TFLite converter's leftover Placeholder,
Keras 3's torch-backend export limits, the SageMaker SDK's serializers; and one category for a number in quotes
whichever command reads it.  Each text is the shape of a real one."""

from __future__ import annotations

import json

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.normalize import drop_ir_dumps, unwrap
from sigcheck.validate import validate_request

from tests.explain.reading import no_category_reading
from tests.validate.contracts import contract

PENGUINS = contract({"bill_length_mm": ("DT_FLOAT", [-1]), "flag": ("DT_BOOL", [-1]), "count": ("DT_INT64", [-1]),
                     "island": ("DT_STRING", [-1])})
ROW = {"bill_length_mm": 39.1, "flag": True, "count": 3, "island": "Biscoe"}


def _row(**changed: object) -> bytes:
    return json.dumps({"instances": [{**ROW, **changed}]}).encode()


@pytest.mark.parametrize("body, category", [
    (_row(bill_length_mm="39.1"), "bytes_sent_to_numeric_input"),  # a number in quotes is a string
    (_row(count="7"), "bytes_sent_to_numeric_input"),
    (_row(bill_length_mm="long"), "bytes_sent_to_numeric_input"),
    (_row(bill_length_mm={"b64": "aGk="}), "bytes_sent_to_numeric_input"),
    (_row(count=1.5), "dtype_mismatch"),
    (_row(flag=1), "dtype_mismatch"),
    (_row(island=3), "dtype_mismatch"),
    (json.dumps({"instances": [ROW], "inputs": {"count": [1]}}).encode(), "instances_key_missing"),
    (json.dumps([ROW]).encode(), "instances_key_missing"),
    (b'{"instances": []}', "empty_instances"),
    (json.dumps({"instances": {"count": 1}}).encode(), "instance_format"),
    (json.dumps({"instances": {"count": [1, 2]}}).encode(), "instances_key_missing"),  # columns: "inputs"
])
def test_validate_and_explain_give_one_category_for_what_tf_serving_says(body: bytes, category: str) -> None:
    """The request validate refuses and the message TF Serving answers for it (validate quotes it) read the same."""
    r = validate_request(body, PENGUINS)
    assert r.errors and r.errors[0].category == category, [(f.category, f.message) for f in r.errors]
    said = r.decoded.error
    assert said, "validate quotes TF Serving's answer"
    found = explain_text(json.dumps({"error": said}, indent=4))
    assert found and found[0].category == category, (said, [(d.category, d.confidence) for d in found])


def test_a_quoted_number_is_read_with_its_own_fix_not_image_advice() -> None:
    d = explain_text("{ \"error\": \"Failed to process element: 0 key: age of 'instances' list. Error: "
                     "INVALID_ARGUMENT: JSON Value: \\\"46\\\" Type: String is not of expected type: int64\" }")[0]
    assert (d.category, d.variant) == ("bytes_sent_to_numeric_input", "quoted_number")
    assert d.steps[0].startswith('Send age as a JSON number: 46, not "46"') and "b64" not in d.steps[0]


@pytest.mark.parametrize("text, category, line", [
    ('JSON Value: {\n    "instances": [1],\n    "inputs": [1]\n} Not formatted correctly expecting only one of '
     "'inputs' or 'instances' keys to exist ", "instances_key_missing", 679),
    ("JSON Value: [\n    [1, 2]\n] Is not object", "instances_key_missing", 499),
    ('JSON Value: {\n    "instances": []\n} No values in \'instances\' array', "empty_instances", 688),
    ('JSON Value: {\n    "instances": [{"x": [1.0]}]\n} When method is classify, key \'examples\' is expected and was '
     "not found", "wrong_api_or_input_format", 839),
])
def test_tf_serving_messages_about_the_whole_body_are_read_from_json_tensor_cc(text: str, category: str,
                                                                                line: int) -> None:
    """json_tensor.cc's FormatError(doc, …): the body it quotes is pretty-printed over lines, the message follows."""
    d = explain_text(json.dumps({"error": text}))[0]
    assert d.category == category
    assert d.message_source and f"tensorflow_serving/util/json_tensor.cc:{line} " in d.message_source


@pytest.mark.parametrize("text", [
    "ValueError: Depth of output (8) is not a multiple of the number of groups (3) for '{{node model_1/conv2d_1/Conv2D}}"
    " = Conv2D[T=DT_FLOAT, data_format=\"NHWC\"](model_1/input, model_1/conv2d_1/kernel)' with input shapes: "
    "[?,28,28,3], [3,3,1,8].",
    "ValueError: Depth of input (1) is not a multiple of input depth of filter (3) for '{{node conv2d/Conv2D}} = "
    "Conv2D[T=DT_FLOAT]' with input shapes: [?,224,224,1], [3,3,3,32].",
])
def test_conv_shape_inference_channel_checks_are_the_images_channels(text: str) -> None:
    d = explain_text(text)[0]
    assert d.category == "input_shape_mismatch" and "channel count the model was built for" in d.steps[0]
    assert "libtensorflow_framework.so.2" in (d.message_source or "")  # the literal, found in the installed library


def test_make_tensor_proto_given_example_messages_says_serialize_them() -> None:
    text = ("Traceback (most recent call last):\n  File \"c.py\", line 10, in <module>\n    req.inputs['examples']."
            "CopyFrom(tf.make_tensor_proto([ex], dtype=tf.string))\nTypeError: Expected string, but got features {\n"
            "  feature {\n    key: \"age\"\n    value {\n      float_list {\n        value: 34\n      }\n    }\n  }\n}\n"
            " of type 'Example'.")
    d = explain_text(text)[0]
    assert d.category == "serialized_example_input_expected" and "SerializeToString()" in d.steps[0]


def test_a_repeated_message_field_given_bytes_is_a_reading_and_str_for_bytes_is_a_dtype() -> None:
    seen = read_unknown("TypeError: Expected a message object, but got b'\\n>\\n\\x0f\\n\\x03age\\x12\\x08'.")
    assert any("example_list.examples.add().CopyFrom(example)" in r for r in seen.readings), seen.readings
    d = explain_text("  File \"c.py\", line 5, in <module>\n    tf.train.BytesList(value=[row['occupation']])\n"
                     "TypeError: expected bytes, str found")[0]
    assert d.category == "dtype_mismatch" and ".encode(" in d.steps[0]


CONVERTER = ("tensorflow.lite.python.convert_phase.ConverterError: Could not translate MLIR to FlatBuffer. UNKNOWN: "
             "<unknown>:0: error: loc(fused[\"{op}:\", \"{name}\"]): 'tf.{op}' op is neither a custom op nor a flex "
             "op\n<unknown>:0: note: loc(fused[\"{op}:\", \"{name}\"]): Error code: ERROR_NEEDS_FLEX_OPS\n<unknown>:0:"
             " error: failed while converting: 'main': \nSome ops are not supported by the native TFLite runtime, you "
             "can enable TF kernels fallback using TF Select. See instructions: "
             "https://www.tensorflow.org/lite/guide/ops_select \nTF Select ops: {op}\nDetails:\n\ttf.{op}() -> "
             "(tensor<*xf32>) : {{device = \"\"}}\n")


def test_a_converter_whose_only_unsupported_op_is_placeholder_has_an_unfed_placeholder() -> None:
    d = explain_text(CONVERTER.format(op="Placeholder", name="keep_prob"))[0]
    assert (d.category, d.variant) == ("unfed_placeholder", "converter_placeholder")
    assert "placeholder_with_default(1.0" in d.steps[0] and "SELECT_TF_OPS does not help" in d.steps[0]
    other = no_category_reading(CONVERTER.format(op="Erf", name="gelu/Erf"), "SELECT_TF_OPS")  # session 17: the
    assert "not a serving runtime" in other  # converter's op set, a reading


def test_an_mlir_module_printed_after_the_messages_is_left_out() -> None:
    ir = "\n".join(f'  %{i} = "tfl.add"(%{i - 1}, %0) <{{fused_activation_function = "NONE"}}> : (tensor<?x8xf32>) '
                   f"-> tensor<?x8xf32>" for i in range(1, 3000))
    text = (CONVERTER.format(op="Erf", name="gelu/Erf") + '"func.func"() <{function_type = () -> ()}> ({\n' + ir +
            '\n  "func.return"(%2999) : (tensor<?x2xf32>) -> ()\n}) {tf.entry_function = {inputs = "x"}} : () -> ()')
    assert len(text) > 100_000 // 2 and "lines of an MLIR module left out" in unwrap(text)
    no_category_reading(text, "SELECT_TF_OPS")  # the messages before the dump are read
    short = 'x = 1\n  %1 = "tfl.add"(%0, %0)\nerror'
    assert drop_ir_dumps(short) == short  # a few lines that look like IR are kept


def test_a_batch_wrapped_once_more_is_an_extra_level_a_stack_per_example_is_a_shape() -> None:
    keras = ("ValueError: Input 0 with name 'noisy' of layer 'functional' is incompatible with the layer: expected "
             "shape=(None, 28, 28, 1), found shape={found}")
    d = explain_text(keras.format(found="(1, 16, 28, 28)"))[0]
    assert d.category == "extra_batch_dimension" and "x[0]" in d.steps[0]
    assert explain_text(keras.format(found="(4, 10, 28, 28)"))[0].category == "input_shape_mismatch"


BINDING = ("TypeError: Binding inputs to tf.function failed due to `Can not cast <tf.Tensor: shape=(1,), dtype=string, "
           "numpy=array([b'the quick brown fox'], dtype=object)> to a Dict type.`. Received args: (<tf.Tensor: "
           "shape=(1,), dtype=string, numpy=array([b'the quick brown fox'], dtype=object)>,) and kwargs: {{}} for "
           "signature: (args_0: Dict[['padding_mask', TensorSpec(shape=(None, None), dtype=tf.{dt}, "
           "name='padding_mask')], ['token_ids', TensorSpec(shape=(None, None), dtype=tf.{dt}, name='token_ids')]]).")


def test_text_to_a_function_of_token_ids_is_strings_sent_to_a_numeric_input() -> None:
    d = explain_text(BINDING.format(dt="int32"))[0]
    assert d.category == "bytes_sent_to_numeric_input" and "preprocessor(texts)" in d.steps[0]
    d = explain_text(BINDING.format(dt="string"))[0]
    assert d.category == "input_keys_mismatch" and "one positional dict" in d.steps[0]


@pytest.mark.parametrize("text, needle", [
    ("NotImplementedError: `track` is not supported for `Layer`s and `Model`s in the torch backend. Use "
     "`track_and_add_endpoint` instead.", "KERAS_BACKEND=tensorflow"),
    ("ValueError: Requested the deserialization of a `torch.nn.Module` object via `torch.load()`. This carries a "
     "potential risk of arbitrary code execution and thus it is disallowed by default.", "Keras layers"),
    ("ModuleNotFoundError: No module named 'sagemaker.serializers'", "sagemaker.core.serializers"),
])
def test_keras_torch_backend_and_sdk_moves_are_readings_with_their_fix(text: str, needle: str) -> None:
    no_category_reading(text, needle)


def test_the_sagemaker_serializer_refusing_an_empty_batch_is_empty_instances() -> None:
    d = explain_text('  File "sagemaker/core/serializers/base.py", line 142, in _serialize_row\n'
                     '    raise ValueError("Cannot serialize empty array")\nValueError: Cannot serialize empty array')[0]
    assert d.category == "empty_instances" and "sagemaker-core" in (d.message_source or "")


# --- after provoked_16's held-out half was measured (spent): its empty answers, read from their sources ----------

@pytest.mark.parametrize("text, needle", [
    ("    File \"c25.py\", line 8, in serve_tf_examples_fn  *\n        f = tf.io.parse_single_example(serialized, "
     "spec)\n\n    ValueError: Input serialized must be a scalar", "tf.io.parse_example(serialized, spec)"),
    ("    ValueError: Unsupported: FixedLenSequenceFeature requires allow_missing to be True.", "allow_missing=True"),
    ("ValueError: The OpenVINO export requires the filepath to end with '.xml'. Got: filepath=/tmp/m_ov",
     "model.export('model.xml', format='openvino')"),
])
def test_export_code_mistakes_are_readings_with_their_fix(text: str, needle: str) -> None:
    no_category_reading(text, needle)


def test_csv_text_for_a_float_list_and_npy_bytes_for_a_json_handler() -> None:
    d = explain_text("    ex.features.feature['age'].float_list.value.append(r['age'])\n"
                     "TypeError: must be real number, not str")[0]
    assert d.category == "dtype_mismatch" and "float(x)" in d.steps[0]
    d = explain_text("    payload = json.loads(data.read())\nUnicodeDecodeError: 'utf-8' codec can't decode byte 0x93 "
                     "in position 0: invalid start byte")[0]
    assert d.category == "json_parse_error" and "x93NUMPY" in d.cause.replace("\\", "")
    jpeg = explain_text("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte")
    assert not any("NUMPY" in d.cause for d in jpeg)  # only NumPy's magic byte is read as a .npy body


# --- from provoked_16b's working half --------------------------------------------------------------------------

@pytest.mark.parametrize("text, category", [
    ('{ "error": "ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [3,3] vs. shape[1] = [1,2]\\n\\t '
     '[[{{function_node __inference___call___311}}{{node functional_1/concatenate_1/concat}}]]" }',
     "batch_size_mismatch_between_inputs"),
    ("InvalidArgumentError: ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [16,64] vs. shape[1] = "
     "[1,16] [Op:ConcatV2] name: concat", "batch_size_mismatch_between_inputs"),
    # TensorFlow 1's wording, one side of 1: a graph built with the training batch, fed one example
    ("InvalidArgumentError: ConcatOp : Dimensions of inputs should match: shape[0] = [1,64,64,1] vs. shape[1] = "
     "[16,64,64,31]\n\t [[Node: decoder/concat = ConcatV2[N=2, T=DT_FLOAT]]]", "fixed_batch_size_in_graph"),
])
def test_joined_tensors_of_other_batch_sizes(text: str, category: str) -> None:
    assert explain_text(text)[0].category == category


@pytest.mark.parametrize("got, category", [("float", "serialized_example_input_expected"),
                                           ("int32", "dtype_mismatch")])
def test_floats_to_a_string_signature_input_are_raw_features_for_a_tf_example_signature(got: str,
                                                                                       category: str) -> None:
    text = ("tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute "
            f"__inference_signature_wrapper_serve_25 as input #0(zero-based) was expected to be a string tensor but is "
            f"a {got} tensor [Op:__inference_signature_wrapper_serve_25]")
    assert explain_text(text)[0].category == category
    image = text.replace("serve_25", "serve_image_bytes_25")  # decoded pixels to an encoded image's input
    assert explain_text(image)[0].category != "serialized_example_input_expected"


def test_a_client_status_line_before_the_servers_body_does_not_hide_the_body() -> None:
    text = 'Request failed with status code 400\n{ error: "Can\'t convert non-rectangular Python sequence to Tensor." }\n'
    assert explain_text(text)[0].category == "ragged_instances"


def test_a_feed_or_fetch_of_an_unnamed_tensor_is_a_composite_tensor_in_the_signature() -> None:
    text = ("TypeError: Cannot interpret feed_dict key as Tensor: The name '' looks like an (invalid) Operation name, "
            "not a Tensor. Tensor names must be of the form \"<op_name>:<output_index>\".")
    assert explain_text(text)[0].category == "sparse_output_in_signature"


@pytest.mark.parametrize("text, needle", [
    ("AssertionError: Called a function referencing variables which have been deleted. This likely means that "
     "function-local variables were created and not referenced elsewhere in the program.", "m = tf.saved_model.load"),
    ("google.protobuf.message.DecodeError: Error parsing message with type 'tensorflow.serving.PredictionLog': Wire "
     "format was corrupt", "PredictionLog(predict_log="),
])
def test_a_freed_loaded_object_and_a_warmup_record_of_another_proto_are_readings(text: str, needle: str) -> None:
    no_category_reading(text, needle)


# --- from provoked_16c's working half ----------------------------------------------------------------------------

def test_levels_of_one_around_a_batch_are_extra_levels() -> None:
    text = ("ValueError: Input 0 with name 'image' of layer 'functional' is incompatible with the layer: expected "
            "shape=(None, 120, 160, 3), found shape=(1, 10, 1, 120, 160, 3)")
    assert explain_text(text)[0].category == "extra_batch_dimension"
    stack = text.replace("(1, 10, 1, 120, 160, 3)", "(1, 10, 4, 120, 160, 3)")  # two sizes besides 1: not levels of 1
    assert explain_text(stack)[0].category != "extra_batch_dimension"
