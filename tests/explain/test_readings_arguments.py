"""#15: readings decided by what a message names — a protobuf field, an op's allowed dtypes, NumPy's dtype name, a
library function's argument, a class name that is no class — and by nesting several levels deep.

The texts are the messages as their sources print them, provoked with TensorFlow 2.21 / Keras 3.15 / protobuf 7
(``text_format.Parse`` of a field FunctionDef lacks, ``tf.gather`` with string indices in a tf.function, a Keras 3
predict on a NumPy string array and on (10, 1, 1, 28, 28, 1), ``keras.models.load_model(..., foo=1)``), and the
same messages in the older wrappers users paste (TF Serving's libprotobuf log line, Keras 2's input check, R's
reticulate).
"""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text, read_unknown

from .reading import best, said

PROTO_FUNCTIONDEF = 'google.protobuf.text_format.ParseError: 1:48 : Message type "tensorflow.FunctionDef" has no field named "arg_attr2".'
PROTO_SERVING_LOG = ('[libprotobuf ERROR external/com_google_protobuf/src/google/protobuf/text_format.cc:309] Error '
                     'parsing text-format tensorflow.SavedModel: 162018:18: Message type "tensorflow.FunctionDef" has '
                     'no field named "arg_attr".\n2019-05-04 11:02:01.000 E tensorflow_serving/util/retrier.cc:37] '
                     'Loading servable: {name: model version: 1} failed: Data loss: Can\'t parse '
                     '/models/model/1/saved_model.pbtxt as text proto')
PROTO_NOT_A_SAVEDMODEL = ('[libprotobuf ERROR external/com_google_protobuf/src/google/protobuf/text_format.cc:324] '
                          'Error parsing text-format tensorflow.SavedModel: 30:5: Message type "tensorflow.SavedModel" '
                          'has no field named "type".')
PROTO_CONFIG = ('Failed to parse the model config: Message type "tensorflow.serving.ModelConfig" has no field named '
                '"model_version_policys".')


def test_a_graph_message_with_an_unknown_field_was_written_by_a_newer_tensorflow() -> None:
    for text in (PROTO_FUNCTIONDEF, PROTO_SERVING_LOG):
        d = best(text)
        assert d.category == "runtime_version_mismatch", said(d)
        assert "protobuf" in (d.message_source or "")


def test_an_unknown_field_at_a_savedmodels_top_level_is_no_savedmodel() -> None:
    assert best(PROTO_NOT_A_SAVEDMODEL).category == "savedmodel_not_found"


def test_a_config_message_with_an_unknown_field_is_not_about_the_model() -> None:
    from sigcheck.explain import explain_text, read_unknown

    assert explain_text(PROTO_CONFIG) == []
    assert "misspelt" in str(read_unknown(PROTO_CONFIG))


# ------------------------------------------------------------------------------------------------ strings to numbers

GATHER = "TypeError: Value passed to parameter 'indices' has DataType string not in list of allowed values: int16, int32, int64"
FLOAT_OP = "TypeError: Value passed to parameter 'x' has DataType string not in list of allowed values: bfloat16, half, float32, float64"


def test_strings_to_an_ops_integer_parameter_are_text_not_turned_into_ids() -> None:
    d = best(GATHER)
    assert d.category == "bytes_sent_to_numeric_input"
    assert re.search(r"integer ids", d.cause) and re.search(r"Turn the text into ids", d.steps[0]), said(d)


def test_strings_to_an_ops_float_parameter() -> None:
    d = best(FLOAT_OP)
    assert d.category == "bytes_sent_to_numeric_input"
    assert "numbers only" in d.cause, said(d)


def test_another_numeric_dtype_stays_a_dtype_reading() -> None:
    assert best(FLOAT_OP.replace("DataType string", "DataType uint8")).category == "dtype_mismatch"
    # a parameter that takes strings among others: not "strings to numbers"
    assert best(FLOAT_OP.replace("float64", "string")).category == "dtype_mismatch"


@pytest.mark.parametrize("dtype", ["str32", "str128", "bytes8"])
def test_keras3_given_a_numpy_string_array(dtype: str) -> None:
    """Keras 3 refuses every NumPy string array (session 17: dtype_mismatch, as 6 of 10 labelled texts; --model tells
    a text model's container from text where numbers go, test_trial9_readings F11)."""
    d = best(f"ValueError: Invalid dtype: {dtype}")
    assert d.category == "dtype_mismatch", said(d)
    assert "tf.constant(list_of_texts)" in d.steps[0] and "token ids" in d.steps[0]


def test_keras3_given_an_object_array_stays_a_dtype_reading() -> None:
    assert best("ValueError: Invalid dtype: object").category == "dtype_mismatch"


# ------------------------------------------------------------------------------------------------ library arguments

@pytest.mark.parametrize("text", [
    "TypeError: load_model() got an unexpected keyword argument 'foo'",
    "Error in py_call_impl(callable, dots$args, dots$keywords) :\n  TypeError: load_model() got an unexpected keyword "
    "argument 'compile'",
    "TypeError: save_model() got an unexpected keyword argument 'save_format'",
])
def test_a_loading_functions_unknown_argument_is_another_library_version(text: str) -> None:
    d = best(text)
    assert d.category == "runtime_version_mismatch", said(d)
    func = re.search(r"(\w+)\(\)", text).group(1)
    assert f"{func}() has no argument" in d.cause and "Install the Keras / TensorFlow version" in d.steps[0], said(d)
    assert not any("at least the one that exported" in s for s in d.steps)


def test_a_signature_functions_unknown_argument_stays_an_input_name() -> None:
    d = best("TypeError: signature_wrapper(*, input_1) got an unexpected keyword argument 'x'")
    assert d.category == "input_keys_mismatch"


def test_unknown_layer_named_by_a_modules_word_is_a_config_of_another_keras() -> None:
    assert best("ValueError: Unknown layer:layers").category == "runtime_version_mismatch"
    assert explain_text("ValueError: Unknown layer: MyAttention") == []  # a custom class: a reading, no category
    assert "custom_objects={'MyAttention': MyAttention}" in " ".join(
        read_unknown("ValueError: Unknown layer: MyAttention").readings)


# ------------------------------------------------------------------------------------------------ nesting

KERAS3_DEEP = ("ValueError: Exception encountered when calling Sequential.call().\n\nInvalid input shape for input "
               "Tensor(\"data:0\", shape=(10, 1, 1, 28, 28, 1), dtype=float32) with name 'keras_tensor_2' and path ''. "
               "Expected shape (None, 28, 28, 1), but input has incompatible shape (10, 1, 1, 28, 28, 1)")
KERAS2_DEEP = ("ValueError: Error when checking input: expected input_1 to have 4 dimensions, but got array with "
               "shape (10, 1, 1, 416, 416, 3)")


@pytest.mark.parametrize("text", [KERAS3_DEEP, KERAS2_DEEP])
def test_several_size_one_levels_after_the_batch_are_extra_nesting(text: str) -> None:
    d = best(text)
    assert d.category == "extra_batch_dimension", said(d)
    assert "two levels" in d.steps[0] and re.search(r"\((?:416, 416, 3|28, 28, 1)\)", d.steps[0]), said(d)


def test_a_deeper_level_of_real_size_is_a_per_example_shape() -> None:
    assert best(KERAS2_DEEP.replace("(10, 1, 1,", "(10, 2, 1,")).category == "input_shape_mismatch"


# ------------------------------------------------------------------------------------------------ imports

PY2_IMPORT = """Traceback (most recent call last):
  File "predict.py", line 12, in <module>
    model = pickle.load(f)
  File "/usr/local/lib/python2.7/dist-packages/mylib/model.py", line 4, in <module>
    from keras.regularizers import l1l2
ImportError: cannot import name l1l2"""


def test_an_import_error_without_its_module_reads_the_import_line() -> None:
    """Python 2 and 3.6 print ``cannot import name X`` without ``from M``: the traceback's import line names M."""
    d = best(PY2_IMPORT)
    assert d.category == "runtime_version_mismatch", said(d)
    assert "'l1l2' from keras.regularizers" in d.cause


def test_an_import_error_of_another_library_is_not_read_as_keras() -> None:
    from sigcheck.explain import explain_text

    text = PY2_IMPORT.replace("keras.regularizers", "mypackage.helpers")
    assert all(d.category != "runtime_version_mismatch" for d in explain_text(text))


# ------------------------------------------------------------------------------------------------ bundled runtimes

@pytest.mark.parametrize("text,runtime", [
    ("TensorFlow.TFException: Op type not registered 'NonMaxSuppressionV3' in binary running on DESKTOP-7. Make sure "
     "the Op and Kernel are registered in the binary running in this process.\n   at TensorFlow.TFStatus."
     "CheckMaybeRaise(TFStatus incomingStatus, Boolean last)\n   at TensorFlow.TFGraph.Import(TFBuffer graphDef, "
     "TFImportGraphDefOptions options, TFStatus status)", "TensorFlowSharp"),
    ("java.lang.IllegalArgumentException: Op type not registered 'NonMaxSuppressionV3' in binary running on "
     "localhost. Make sure the Op and Kernel are registered in the binary running in this process.\n\tat "
     "org.tensorflow."
     "Graph.importGraphDef(Native Method)\n\tat org.tensorflow.contrib.android.TensorFlowInferenceInterface."
     "loadGraph(TensorFlowInferenceInterface.java:561)", "TensorFlow Mobile for Android"),
    ("2019-03-02 tensorflow_utils.mm:379] Not found: Op type not registered 'PlaceholderWithDefault' in binary running "
     "on iPhone-ezy. Make sure the Op and Kernel are registered in the binary running in this process.", "iOS app"),
])
def test_a_runtime_with_its_own_tensorflow_library_is_named_in_the_step(text: str, runtime: str) -> None:
    d = best(text)
    assert d.category == "runtime_version_mismatch", said(d)
    assert runtime in d.steps[0] and "gcloud" not in d.steps[0], said(d)


def test_an_attribute_unknown_to_a_bundled_runtime_names_it() -> None:
    text = ("TensorFlow.TFException: NodeDef mentions attr 'dilations' not in Op<name=Conv2D; signature=input:T, "
            "filter:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_FLOAT]; attr=strides:list(int)>; NodeDef: "
            "conv2d_1/convolution = Conv2D[T=DT_FLOAT, data_format=\"NHWC\", dilations=[1, 1, 1, 1]](input_1, "
            "conv2d_1/kernel/read). (Check whether your GraphDef-interpreting binary is up to date with your "
            "GraphDef-generating binary.).\n  at TensorFlow.TFStatus.CheckMaybeRaise (TensorFlow.TFStatus "
            "incomingStatus, System.Boolean last)")
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert "dilations" in d.cause and "TensorFlowSharp" in d.steps[0], said(d)


@pytest.mark.parametrize("kernels,words", [
    ("  <no registered kernels>\n", "no kernel at all"),
    ("  device='CPU'; T in [DT_FLOAT]\n", "no kernel for DT_INT32"),
])
def test_a_stock_op_without_its_kernel_is_a_reduced_build(kernels: str, words: str) -> None:
    """TensorFlow's OpKernel lookup (op_kernel.cc) as TF 1.x printed it: the binary knows the op but registered no
    kernel for it (or its dtype) — TensorFlow Mobile / iOS selective registration or slim dtypes, not a version."""
    text = ("No OpKernel was registered to support Op 'Equal' with these attrs.  Registered devices: [CPU], "
            f"Registered kernels:\n{kernels}\n\t [[Node: Postprocessor/Equal = Equal[T=DT_INT32](Postprocessor/"
            "strided_slice, Postprocessor/Const)]]")
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert words in d.cause and "ops_to_register.h" in d.steps[0], said(d)
    assert not any("at least the one that exported" in s for s in d.steps)


def test_a_gpu_only_kernel_is_not_read_as_a_reduced_build() -> None:
    text = ("No OpKernel was registered to support Op 'CudnnRNN' with these attrs.  Registered devices: [CPU], "
            "Registered kernels:\n  device='GPU'; T in [DT_FLOAT]\n\n\t [[{{node cu_dnnlstm/CudnnRNN}}]]")
    assert "reduced build" not in best(text).cause


# ------------------------------------------------------------------------------------------------ paths

def test_a_stack_frames_source_file_is_not_the_path_given() -> None:
    from sigcheck.explain import evidence

    assert evidence.extract("at HTTPRequest.fetch (/Users/t/tfjs-core/src/io/http.ts:142:43)\nOSError: SavedModel "
                            "file does not exist at: /models/m/1")["path"] == "/models/m/1"
    assert "path" not in evidence.extract('File "/usr/lib/python3/dist-packages/keras/saving.py", line 3')


def test_another_formats_loader_does_not_get_the_savedmodel_sentence() -> None:
    """A loader of model.json (tfjs) that got an HTML page: the cause is the message's own meaning, not the
    SavedModel category's "does not directly contain saved_model.pb"."""
    d = best("Error: Failed to parse model JSON of response from ./web_model/model.json. Please make sure the "
             "server is serving valid JSON for this request.")
    assert d.category == "savedmodel_not_found"
    assert "saved_model.pb" not in d.cause, d.cause


@pytest.mark.parametrize("text,word", [
    ("Fatal error: 'try!' expression unexpectedly raised an error: Provided data count 150528 must match the required "
     "count 602112.", "Float32 values"),
    ("Error Domain=org.tensorflow.lite.interpreter Code=8 \"Input tensor at index (0) expects data size (602112), but "
     "got (150528).\"", "Float32 values"),
    ("java.lang.IllegalArgumentException: The size of byte buffer and the shape do not match. Expected: 150528 "
     "Actual: 602112", "put((byte) pixel)"),
    ("Error: TFLite: Input Buffer size (602112) does not match the Input Tensor's expected size (150528)! Make sure to "
     "resize the input values accordingly.", "one UInt8 a value"),
])
def test_a_byte_ratio_of_four_on_any_tflite_api_is_float_against_quantized(text: str, word: str) -> None:
    d = best(text)
    assert d.category == "dtype_mismatch", said(d)
    assert word in d.steps[0], said(d)


def test_another_byte_ratio_stays_a_shape_reading() -> None:
    assert best("Fatal error: Provided data count 270000 must match the required count 602112.").category == \
        "input_shape_mismatch"
