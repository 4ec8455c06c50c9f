"""Readings decided by what a message means and by its numbers (issue #15): the category, and a first fix step that
names the real cause.  The texts are the messages as their sources print them (TensorFlow's kernels and Python
sources, TF Serving's JSON body, a gRPC status), with the numbers that decide between readings."""

from __future__ import annotations

import json

import pytest

from sigcheck.explain import explain_text, read_unknown

from .reading import best


def categories(text: str) -> list[str]:
    return [d.category for d in explain_text(text)]


# ---- rank: a batch level too many or too few, or a value of another shape ----------------------------------------

@pytest.mark.parametrize("text, category", [
    # conv_ops.cc: "input must be 4-dimensional" + the shape it got
    ("Invalid argument: input must be 4-dimensional[100,100,3]", "missing_batch_dimension"),
    ("Invalid argument: input must be 4-dimensional[1,1,224,224,3]", "extra_batch_dimension"),
    ("Invalid argument: input must be 4-dimensional[1,1,1,150,150,3]", "extra_batch_dimension"),  # all-1 levels
    ("Invalid argument: input must be 4-dimensional[1]", "input_shape_mismatch"),  # three levels short: not a batch
    ("Invalid argument: input must be 4-dimensional[224,3]", "input_shape_mismatch"),
    # transpose_op.cc: "transpose expects a vector of size " << input rank << ". But input(1) is a vector of size " <<
    # the permutation's length; one level above is a batch level, several of unknown sizes most often nesting
    ("{'error': 'transpose expects a vector of size 4. But input(1) is a vector of size 3'}", "extra_batch_dimension"),
    ("{'error': 'transpose expects a vector of size 5. But input(1) is a vector of size 3'}", "extra_batch_dimension"),
    ("{'error': 'transpose expects a vector of size 2. But input(1) is a vector of size 4'}", "input_shape_mismatch"),
])
def test_rank_levels(text: str, category: str) -> None:
    assert best(text).category == category


def test_a_value_three_levels_short_names_the_op_and_what_arrived() -> None:
    d = best("W tensorflow/core/framework/op_kernel.cc:993] Invalid argument: input must be 4-dimensional[1]\n\t "
             "[[Node: InceptionResnetV1/Conv2d_1a_3x3/convolution = Conv2D[T=DT_FLOAT, data_format=\"NHWC\"]]]")
    assert d.variant == "rank_far"
    assert d.cause.startswith("The tensor reaching InceptionResnetV1/Conv2d_1a_3x3/convolution has rank 1 ([1]) "
                              "where the graph is built for rank 4: three levels fewer")
    assert "the op takes rank 4 and got [1]" in d.steps[0] and "file name" in d.steps[0]


# ---- reshape: "has M" (a fully known target) against "requires a multiple of M" (a -1 in the target) -------------

def reshape(values: int, requested: int, node: str, multiple: bool = False) -> str:
    target = f"requires a multiple of {requested}" if multiple else f"has {requested}"
    return ('{"error": "Input to reshape is a tensor with %d values, but the requested shape %s\\n\\t '
            '[[{{node %s}}]]"}' % (values, target, node))


def test_a_keras_reshape_layer_compares_examples_not_batches() -> None:
    # Keras' Reshape layer reshapes to (shape(x)[0],) + target_shape: both counts cover the same batch
    found = explain_text(reshape(280770, 735, "model/Reshaping_Concatenated_EmbeddingLayers/Reshape"))
    assert [d.category for d in found[:2]] == ["input_shape_mismatch", "fixed_batch_size_in_graph"]
    d = found[0]
    assert d.variant == "reshape_layer" and "(382 times as many)" in d.cause and "not another batch" in d.cause
    assert d.steps[0].startswith("Send examples of the size the model was built for")


def test_a_tf_reshape_to_a_constant_stays_a_fixed_batch() -> None:
    for node in ("pool_3/_reshape", "model/tf.reshape/Reshape"):
        d = best(reshape(22528, 2048, node))
        assert (d.category, d.variant) == ("fixed_batch_size_in_graph", "reshape"), node


def test_a_reshape_to_one_value_takes_a_scalar_per_example() -> None:
    found = explain_text("Input to reshape is a tensor with 752 values, but the requested shape has 1\n\t [[{{node "
                         "Reshape}} = Reshape[T=DT_INT32, Tshape=DT_INT32](_arg_Placeholder_1_0_1, Reshape/shape)]]")
    assert [d.category for d in found[:2]] == ["input_shape_mismatch", "fixed_batch_size_in_graph"]
    assert found[0].variant == "reshape_scalar" and "one per example" in found[0].cause
    assert "not a list of 752" in found[0].steps[0] and "rank-0" in found[0].steps[0]


def test_a_flatten_layer_fixes_the_example_size() -> None:
    # Keras' Flatten reshapes to [-1, n], n the per-example size it was built for
    found = explain_text(reshape(1328, 528, "flatten_1/Reshape", multiple=True))
    assert [d.category for d in found[:2]] == ["input_shape_mismatch", "model_graph_shape_bug"]
    assert found[0].variant == "flatten" and "built for 528 values per example and got 1328" in found[0].cause
    # without a Flatten node, a wrong constant in the graph stays first (YOLO's 5 + num_classes)
    assert categories("Input to reshape is a tensor with 1379040 values, but the requested shape requires a "
                      "multiple of 12675")[0] == "model_graph_shape_bug"


# ---- squeeze: axis 0 is the batch ---------------------------------------------------------------------------------

def test_squeezing_the_batch_axis_is_a_fixed_batch() -> None:
    d = best("Can not squeeze dim[0], expected a dimension of 1, got 6\n\t [[{{node yolov3/yolo_nms/Squeeze}}]]")
    assert (d.category, d.variant) == ("fixed_batch_size_in_graph", "squeeze")
    assert d.cause.startswith("yolov3/yolo_nms/Squeeze squeezes axis 0, the batch axis") and "carried 6" in d.cause
    assert "tf.squeeze(x, axis=-1)" in d.steps[0]


def test_squeezing_another_axis_is_the_example_shape() -> None:
    d = best("Can not squeeze dim[3], expected a dimension of 1, got 3")
    assert (d.category, d.variant) == ("input_shape_mismatch", "squeeze")
    assert "removes axis 3" in d.cause and "and it is 3" in d.cause


# ---- messages of TensorFlow's Python sources: calling a loaded signature ------------------------------------------

@pytest.mark.parametrize("text", [
    "TypeError: signature_wrapper(*, examples) missing required arguments: examples",  # older TF's summary
    "TypeError: signature_wrapper(examples) missing required arguments: examples.",
    "TypeError: signature_wrapper(input_1) takes 0 positional arguments, got 1.",
])
def test_a_signature_called_positionally(text: str) -> None:
    d = best(text)
    assert d.category == "input_keys_mismatch"
    assert d.steps[0].startswith(("Call the signature with its input names as keywords",
                                  "Call it with every input as a keyword: signature_wrapper(examples=...)"))
    if "missing" in text:
        assert d.cause.startswith("The call lacks the signature's input examples")


def test_missing_inputs_are_named_as_missing() -> None:
    d = best('{ "error": "Missing named input: hours in \'inputs\' object." }')
    assert d.cause.startswith("The request lacks the signature's input hours") and "Add input hours" in d.steps[0]
    d = best("Fallback to flat signature also failed due to: signature_wrapper___call__(age, hours, occupation) "
             "missing required arguments: hours, occupation.")
    assert "lacks the signature's inputs hours, occupation" in d.cause
    assert "signature_wrapper___call__(hours=..., occupation=...)" in d.steps[0]


def test_a_string_tensor_into_a_float_signature_input_is_bytes() -> None:
    d = best("tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute "
             "__inference_signature_wrapper_93614 as input #0(zero-based) was expected to be a float tensor but is a "
             "string tensor [Op:__inference_signature_wrapper_93614]")
    assert d.category == "bytes_sent_to_numeric_input"
    assert categories("cannot compute __inference_f_12 as input #1(zero-based) was expected to be a int64 tensor "
                      "but is a float tensor [Op:__inference_f_12]")[0] == "dtype_mismatch"


def test_grouped_convolution_means_a_channel_count() -> None:
    for text in ("Fused conv implementation does not support grouped convolutions for now.\n\t [[{{node conv}}]]",
                 "\"Generic conv implementation does not support grouped convolutions for now.\\n\\t "
                 "[[{{node deep_cnn/layer1/conv}}]]\""):
        d = best(text)
        assert d.category == "input_shape_mismatch"
        assert d.steps[0].startswith("Send images with the channel count the model was built for")


def test_a_tf1_sparse_tensor_info_in_a_signature() -> None:
    d = best('AssertionError: All TensorInfo protos used in the SignatureDefs must have the name field set: dtype: '
             'DT_FLOAT\ntensor_shape {\n  unknown_rank: true\n}\ncoo_sparse {\n  values_tensor_name: '
             '"input/values:0"\n}')
    assert d.category == "sparse_output_in_signature"


def test_the_tf1_loader_not_found_message_as_java_prints_it() -> None:
    d = best('Exception in thread "main" org.tensorflow.TensorFlowException: SavedModel not found in export '
             'directory: /models/dnn/export\n\tat org.tensorflow.SavedModelBundle.load(Native Method)')
    assert d.category == "savedmodel_not_found"


# ---- a restored function called outside its traces (function_deserialization.py) --------------------------------

def not_matching(got: str, options: list[str], n: int | None = None, concrete: bool = True) -> str:
    """The message as TensorFlow's restored_function_body formats it (pprint of each argument)."""
    def positional(items: str) -> str:
        parts = items.split(" ;; ")
        return f"Positional arguments ({len(parts)} total):\n    * " + "\n    * ".join(parts)

    opts = "\n\n".join(f"Option {i}:\n  {positional(o)}\n  Keyword arguments: {{}}" for i, o in enumerate(options, 1))
    return (f"ValueError: Could not find matching {'concrete ' if concrete else ''}function to call loaded from the "
            f"SavedModel. Got:\n  {positional(got)}\n  Keyword arguments: {{}}\n\n Expected these arguments to match "
            f"one of the following {n or len(options)} option(s):\n\n{opts}")


def test_a_bare_tensor_where_a_list_of_one_was_traced() -> None:
    d = best(not_matching('Tensor("inputs:0", shape=(28, 28), dtype=float32)',
                          ["[TensorSpec(shape=(28, 28), dtype=tf.float32, name='inputs/0')]"], concrete=False))
    assert d.category == "input_keys_mismatch"
    assert "passes a float32 tensor (28, 28) as argument 1 where the only traced option takes a list of 1" in d.cause
    assert d.steps[0].startswith("Wrap the tensor in a list: model([x])")
    assert not any('"instances"' in s for s in d.steps)  # a Python call, not a REST request


def test_a_tuple_where_a_list_was_traced_and_the_flag_too() -> None:
    d = best(not_matching("(<tf.Tensor 'inputs:0' shape=(1, 10) dtype=int32>, <tf.Tensor 'inputs_1:0' shape=(1, 10) "
                          "dtype=int32>) ;; False ;; None",
                          ["[TensorSpec(shape=(None, 10), dtype=tf.int32, name='input_ids'), TensorSpec(shape=(None, "
                           "10), dtype=tf.int32, name='attention_mask')] ;; True ;; None"], n=4))
    assert d.category == "input_keys_mismatch"
    assert "a tuple of 2 as argument 1 where traced option 1 of 4 takes a list of 2" in d.cause
    assert "argument 2 (False where True was traced)" in d.cause
    assert "as a list [a, b, …], not a tuple" in d.steps[0]


@pytest.mark.parametrize("got, traced, category, said", [
    ("<tf.Tensor 'inputs:0' shape=(None, 28, 28) dtype=float32>", "TensorSpec(shape=(None, 784), dtype=tf.float32, "
     "name='inputs')", "input_shape_mismatch", "traced shape (None, 784)"),
    ("<tf.Tensor 'x:0' shape=(224, 224, 3) dtype=float32>", "TensorSpec(shape=(None, 224, 224, 3), "
     "dtype=tf.float32, name='x')", "missing_batch_dimension", "Add the batch dimension"),
    ("<tf.Tensor 'x:0' shape=(1, 224, 224, 3) dtype=uint8>", "TensorSpec(shape=(None, 224, 224, 3), "
     "dtype=tf.float32, name='x')", "dtype_mismatch", "tf.cast(x, tf.float32)"),
])
def test_the_first_difference_decides(got: str, traced: str, category: str, said: str) -> None:
    d = best(not_matching(got, [traced]))
    assert d.category == category and said in d.steps[0], (d.category, d.steps[0])


def test_the_closest_option_is_compared() -> None:
    d = best(not_matching("<tf.Tensor 'x:0' shape=(1, 5) dtype=float32> ;; False",
                          ["TensorSpec(shape=(None, 3), dtype=tf.float32, name='x') ;; True",
                           "TensorSpec(shape=(None, 3), dtype=tf.float32, name='x') ;; False"]))
    assert d.category == "input_shape_mismatch" and "traced option 2 of 2" in d.cause


# ---- the fix's first step names what the text shows (explain/causes.py) -------------------------------------------

def test_keras_direction_from_the_argument_when_no_index_entry_says_it() -> None:
    # Python's own TypeError from an old Keras layer config (no Keras template around it)
    d = best("TypeError: __init__() got an unexpected keyword argument 'input_dtype'")
    assert d.category == "runtime_version_mismatch"
    assert "older Keras, Keras 1" in d.cause and "rename input_dtype to dtype" in d.steps[0]
    d = best("got an unexpected keyword argument 'batch_shape'")
    assert d.category == "runtime_version_mismatch" and d.steps[0].startswith("Load it with Keras 3")


def test_a_missing_h5_file_is_named_not_a_savedmodel_directory() -> None:
    d = best("OSError: SavedModel file does not exist at: brain.h5/{saved_model.pbtxt|saved_model.pb}")
    assert d.category == "savedmodel_not_found"
    assert d.cause.startswith("brain.h5 is not a SavedModel directory: either no file is at that path")
    assert "tf.keras.models.load_model" in d.cause
    assert ".h5" in d.steps[0] and not d.steps[0].startswith("Point the tool at")


def test_a_windows_h5_path_keeps_its_backslashes() -> None:
    d = best("SavedModel file does not exist at: C:\\Users\\YASH\\try.h5/{saved_model.pbtxt|saved_model.pb}")
    assert d.cause.startswith("C:\\Users\\YASH\\try.h5 is not a SavedModel directory")


@pytest.mark.parametrize("path, said", [
    ("/home/Downloads/1/saved_model.pbtxt", "Point --model_base_path at /home/Downloads "),
    ("/models/resnet/1", "Point --model_base_path at /models/resnet "),
    ("/models/bert_sa/", "Make /models/bert_sa/ exist inside the server: mount the model there"),
])
def test_could_not_find_base_path(path: str, said: str) -> None:
    d = best("E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:369] "
             f"FileSystemStoragePathSource encountered a file-system access error: Could not find base path {path} "
             "for servable m")
    assert d.category == "model_base_path_layout" and d.steps[0].startswith(said), d.steps[0]


def test_an_anonymous_variable_was_deleted_with_its_owner() -> None:
    d = best("FailedPreconditionError:  Could not find variable _AnonymousVar523. This could mean that the variable "
             "has been deleted. In TF1, it can also mean the variable is uninitialized. Debug info: "
             "container=localhost, status=Not found: Resource localhost/_AnonymousVar523/N10tensorflow3VarE does not "
             "exist.")
    assert d.category == "variables_not_restored" and "garbage-collected" in d.cause
    assert d.steps[0].startswith("Keep a reference to the loaded object")


def test_an_uninitialized_value_while_loading_is_the_init_op() -> None:
    d = best("E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: m version: 1} failed: Failed "
             "precondition: Attempting to use uninitialized value index_asset_path\n\t [[{{node "
             "index_asset_path/read}}]]")
    assert d.category == "initializer_missing_in_export"
    assert "init op" in d.cause and "index_asset_path" in d.steps[0]
    d = best("FailedPreconditionError: Attempting to use uninitialized value dense_2/bias\n\t [[{{node "
             "dense_2/bias/read}}]]")  # at request time: not restored, and the step names the variable
    assert d.category == "variables_not_restored" and "dense_2/bias" in d.steps[0]


@pytest.mark.parametrize("text, said", [
    ("Computed output size would be negative: -2 [input_size: 5, effective_filter_size: 8, stride: 1]\n\t "
     "[[node import/InceptionV4/Logits/AvgPool_1a/AvgPool]]", "resize images to the size the model was built for"),
    ("OP_REQUIRES failed at mkl_conv_ops.h:416 : Invalid argument: Computed output size would be negative: -1 "
     "[input_size: 3, effective_filter_size: 5, stride: 1]", "if that 3 is a channel axis"),
    ("Computed output size would be negative: -1 [input_size: 3, effective_filter_size: 5, stride: 1]\n\t [[node "
     "embeddings/multi_conv1d/conv1d_1/Conv2D]]", "pad sequences to at least 5 steps"),
])
def test_a_window_larger_than_its_input(text: str, said: str) -> None:
    d = best(text)
    assert d.category == "input_shape_mismatch" and said in d.steps[0], d.steps[0]


def test_feature_maps_of_different_sizes_at_a_concat() -> None:
    d = best("ConcatOp : Dimensions of inputs should match: shape[0] = [1,20,20,256] vs. shape[1] = [1,26,26,256]\n\t "
             "[[{{node functional_1/tf_op_layer_concat_6/concat_6}}]]")
    assert d.category == "input_shape_mismatch" and "20×20 and 26×26" in d.cause
    assert "multiple of 32" in d.steps[0]


@pytest.mark.parametrize("start, said", [
    ("2552162552240167", "not the string of a byte array"),
    ("BM\\\"\\360\\003", "Convert the images to JPEG or PNG"),
])
def test_the_first_bytes_a_decode_op_got(start: str, said: str) -> None:
    d = best(f"Expected image (JPEG, PNG, or GIF), got unknown format starting with '{start}' [[{{{{node DecodeJpeg}}}}]]")
    assert d.category == "encoded_image_string_mismatch" and said in d.steps[0], d.steps[0]


@pytest.mark.parametrize("text, port", [
    ('<_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = '
     '"Transport closed"\n\tdebug_error_string = "{"created":"@1579416411.591710831","description":"Error '
     'received from peer ipv4:127.0.0.1:8501","file":"src/core/lib/surface/call.cc","file_line":1056,'
     '"grpc_message":"Transport closed","grpc_status":14}"\n>', "8500"),
    ('status = StatusCode.UNAVAILABLE details = "failed to connect to all addresses; last error: UNAVAILABLE: '
     'ipv4:10.0.0.5:9000: Failed parsing HTTP/2 (Expected SETTINGS frame as the first frame, got frame type 79)"',
     "8500"),
    ("http.client.BadStatusLine: \x00\x00\x18\x04\x00\x00\x00\x00\x00\x00\x04\x00@\x00\x00\x00\x05\x00@", "8501"),
])
def test_grpc_on_the_rest_port(text: str, port: str) -> None:
    assert explain_text(text) == []  # the port it went to: a reading (no category), its fix names the right port
    assert any(port in r for r in read_unknown(text).readings)


def test_a_client_that_reached_no_server() -> None:
    d = best("<_Rendezvous of RPC that terminated with (StatusCode.UNAVAILABLE, Connect Failed)>")
    assert d.category == "service_side_error" and d.steps[0].startswith("Check that the model server is running")


def test_tensorrt_ops_name_their_library() -> None:
    d = best("Loading servable: {name: trt version: 1} failed: Not found: Op type not registered 'TRTEngineOp' in "
             "binary running on 1e69d63dfee9.")
    assert d.category == "runtime_version_mismatch" and "TensorRT" in d.steps[0]


def test_an_op_missing_from_pythons_op_lookup() -> None:
    # ops.py _get_op_def: self._op_def_cache[type] raises KeyError for an op no loaded library registered
    text = ("  File \"site-packages/tensorflow/python/framework/ops.py\", line 3936, in _get_op_def\n    return "
            "self._op_def_cache[type]\nKeyError: 'CaseFoldUTF8'\n\nDuring handling of the above exception, another "
            "exception occurred:")
    d = best(text)
    assert d.category == "runtime_version_mismatch" and "TensorFlow Text" in d.steps[0]
    assert not explain_text("[{\"error\": \"Inference error <class 'KeyError'>: 'image_bytes'\"}, 400]") or \
        best("[{\"error\": \"Inference error <class 'KeyError'>: 'image_bytes'\"}, 400]").category != \
        "runtime_version_mismatch"


def test_the_meaning_of_the_message_leads_a_general_cause() -> None:
    d = best("ConcatOp : Ranks of all input tensors should match: shape[0] = [1,3] vs. shape[1] = [1]")
    assert d.cause.startswith("Tensors joined by a Concat have different ranks. ")
    d = best("ConcatOp : Dimensions of inputs should match: shape[0] = [1,64] vs. shape[1] = [1,32]\n\t [[{{node "
             "model/concatenate/concat}}]]")  # a tabular concat: a width, no image advice
    assert "(1, 64) and (1, 32)" in d.cause and "no image resizing" in d.steps[0]
    # and not when the general sentence already says it
    assert best("Table not initialized.").cause.startswith("Table/asset initializers did not run")


def test_a_value_with_its_batch_level_and_another_example_shape() -> None:
    # keras input_spec: the found shape keeps its None batch, so a level short is the example's, not the batch's
    d = best('ValueError: Input 0 of layer "sequential_11" is incompatible with the layer: expected shape=(None, 48, '
             '48, 1), found shape=(None, 1296, 3)')
    assert d.category == "input_shape_mismatch"


# ---- TF Serving's predict_util.cc: "input tensor alias not found in signature: " alias ". Inputs expected to be in
# the set {" names "}." (1.14); a copy often keeps only one of the two sentences ----------------------------------

@pytest.mark.parametrize("text", [
    '{"error": "input tensor alias not found in signature: input. Inputs expected to be in the set {inputs}."}',
    "error : \n  Inputs expected to be in the set {inputs}.",
    'Endpoint returning a "input tensor alias not found in signature" error',
])
def test_an_input_name_the_signature_lacks(text: str) -> None:
    d = best(text)
    assert d.category == "input_keys_mismatch"
    if "{inputs}" in text:
        assert d.steps[0].startswith("Key the request by the signature's own input names: inputs")


def test_an_old_matmul_rank_message_without_a_shape() -> None:
    # math_ops: "In[0] is not a matrix" (before TF printed the shape): a vector reached MatMul, one example unbatched
    d = best("2 In[0] is not a matrix\n\t [[Node: MatMul = MatMul[T=DT_FLOAT, transpose_a=false](_arg_input_0_0, "
             "Variable/read)]]")
    assert d.category == "missing_batch_dimension"


def test_transpose_and_tile_say_the_two_ranks() -> None:
    d = best("Expected multiples argument to be a vector of length 3 but got length 2\n [[Node: Encoder-Last-GRU_1/Tile "
             "= Tile[T=DT_FLOAT]]]")
    assert d.cause.startswith("A Tile (Encoder-Last-GRU_1/Tile) got a tensor of rank 3 where the graph built it for "
                              "rank 2")
    assert "1 level more than the graph was exported for" in d.steps[0]


@pytest.mark.parametrize("text, cause, step", [
    ('Input 0 of layer "model_2" is incompatible with the layer: expected shape=(None, 299, 299, 3), found '
     'shape=(None, 229, 229, 3)', "the images are 229×229 where the model takes 299×299", "Resize each image to 299×299"),
    ("ValueError: Input 0 is incompatible with layer model_3: expected shape=(None, None, None, 3), found shape=(1, "
     "499, 552, 4)", "they have 4 channels where it takes 3", "x[..., :3]"),
    ("ValueError: Input 0 is incompatible with layer model_1: expected shape=(None, 224, 224, 3), found shape=(None, "
     "48, 48, 1)", "48×48 where the model takes 224×224; they have 1 channels where it takes 3",
     "tf.image.grayscale_to_rgb"),
    ("ValueError: Cannot feed value of shape (1, 4744) for Tensor 'input2/X:0', which has shape '(?, 2728)'",
     "Each example has 4744 features where the model takes 2728", "Send 2728 features per example"),
    ("ValueError: Error when checking: expected conv2d_1_input to have 4 dimensions, but got array with shape (10, 28, "
     "28)", "no channel axis", "x[..., None]"),
    ("'ValueError: Error when checking input: expected input_1 to have 4 dimensions, but got array with shape (500, "
     "150528)'", "flattened image (224, 224, 3)", "x.reshape(-1, 224, 224, 3)"),
    ("InvalidArgumentError: input depth must be evenly divisible by filter depth: 4 vs 3", "4 channels",
     "from 4 channels (RGBA) to 3 (RGB)"),
])
def test_the_shapes_say_what_differs(text: str, cause: str, step: str) -> None:
    d = best(text)
    assert d.category == "input_shape_mismatch"
    assert cause in d.cause and step in d.steps[0], (d.cause, d.steps[0])


# ---- files written by another version -----------------------------------------------------------------------------

def test_an_rnn_cell_key_missing_from_a_checkpoint_is_tf_1_2s_rename() -> None:
    d = best("NotFoundError (see above for traceback): Key rnn/basic_lstm_cell/kernel not found in checkpoint\n\t [[Node: "
             "save_1/RestoreV2_4 = RestoreV2[dtypes=[DT_FLOAT]]]]")
    assert d.category == "runtime_version_mismatch" and "checkpoint_convert.py" in d.steps[0]
    # another key: the checkpoint lacks a variable of this graph (a partial copy, another graph)
    assert best("Key dense/kernel/Adam_1 not found in checkpoint").category == "variables_not_restored"


def test_an_optimizer_argument_of_a_newer_keras() -> None:
    d = best('(gcloud.beta.ai-platform.versions.create) Create Version failed. Bad model detected with error:  "Failed to '
             'load model: Unexpected error when loading the model: Unexpected keyword argument passed to optimizer: '
             'learning_rate (Error code: 0)"')
    assert d.category == "runtime_version_mismatch" and "include_optimizer=False" in d.steps[0]


def test_keras3_given_a_savedmodel_directory() -> None:
    d = best("filepath=/models/emu/field0. Keras 3 only supports V3 `.keras` files and legacy H5 format files (`.h5` "
             "extension). Note that the legacy SavedModel format is not supported by `load_model()` in Keras 3.")
    assert d.category == "runtime_version_mismatch" and "TFSMLayer" in d.steps[0]


def test_more_than_one_init_op() -> None:
    for text in ("Failed precondition: Expected exactly one main op in : /models/m/1",
                 "load failure: Failed precondition: Expected exactly one serving init op"):
        d = best(text)
        assert d.category == "initializer_missing_in_export" and "single init op" in d.steps[0]


def test_a_keras2_input_count_and_a_hub_signature() -> None:
    assert best("ValueError: Error when checking model input: the list of Numpy arrays that you are passing to your "
                "model is not the size the model expected. Expected to see 2 array(s), for inputs ['image1', "
                "'image2'] but instead got the following list of 1 arrays: [array([[0.85]])]").category == \
        "input_keys_mismatch"
    assert best("ValueError: Unknown signature default in https://tfhub.dev/deepmind/mil-nce/s3d/1 (available "
                "signatures: _SignatureMap({'video': <ConcreteFunction pruned(images)>})).").category == \
        "signature_not_found"


@pytest.mark.parametrize("text, cause, step", [
    # Keras 2's "to have shape" gives shapes without the batch axis
    ("'ValueError: Error when checking input: expected conv2d_1_input to have shape (150, 150, 3) but got array with "
     "shape (224, 224, 3)'", "the images are 224×224 where the model takes 150×150", "Resize each image to 150×150"),
    ("ValueError: Error when checking: expected reshape_1_input to have shape (16, 8) but got array with shape (16, 16)",
     "Each example is 16×16 where the model takes 16×8", "model's shape 16×8"),
    ("ValueError: Cannot feed value of shape (224, 224) for Tensor 'conv2d_2_input:0', which has shape "
     "'(?, 224, 224, 3)'", "one 224×224 image without its batch and channel axes", "x[None, ..., None]"),
    ("Input to reshape is a tensor with 1750632 values, but the requested shape has 12288",
     "a 64×64×3 image, and got 1750632", "Resize each image to 64×64×3"),
])
def test_more_shapes_say_what_differs(text: str, cause: str, step: str) -> None:
    d = best(text)
    assert d.category == "input_shape_mismatch"
    assert cause in d.cause and step in d.steps[0], (d.cause, d.steps[0])


def test_a_python_function_in_the_graph_runs_nowhere_else() -> None:
    d = best("Op type not registered 'PyFunc' in binary running on 8a3c. Make sure the Op and Kernel are registered")
    assert d.category == "runtime_version_mismatch" and "tf.py_function" in d.steps[0]
    assert "whatever its version" in d.cause


def test_an_object_store_base_path_with_an_empty_bucket() -> None:
    d = best("E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:362] "
             "FileSystemStoragePathSource encountered a filesystem access error: Could not find base path "
             "s3:///mnist/tf_saved_model for servable mnist")
    assert d.category == "model_base_path_layout" and "bucket name is empty" in d.cause


# ---- messages provoked by running TensorFlow the wrong way (as tests/explain/data/provoked.jsonl has them) --------

@pytest.mark.parametrize("got, category, said", [
    ("TensorSpec(shape=(1, 3), dtype=tf.int32, name=None)", "dtype_mismatch", "tf.cast(x, tf.float32)"),
    ("TensorSpec(shape=(1, 4), dtype=tf.float32, name=None)", "input_shape_mismatch", "the 3 feature columns"),
    ("TensorSpec(shape=(3,), dtype=tf.float32, name=None)", "missing_batch_dimension", "Add the batch dimension"),
])
def test_binding_inputs_to_a_tf_function(got: str, category: str, said: str) -> None:
    # function_type_utils.py (TF 2.13+)
    d = best(f"TypeError: Binding inputs to tf.function failed due to `Can not cast {got} to TensorSpec(shape=(None, "
             f"3), dtype=tf.float32, name=None)`. Received args: (<tf.Tensor: shape=(1, 3), dtype=int32>,) and kwargs: "
             "{} for signature: (x: TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)).")
    assert d.category == category and said in d.steps[0], (d.category, d.steps[0])
    assert "tf.function with an input signature" in d.cause


@pytest.mark.parametrize("text, category", [
    ("ValueError: Got an incompatible argument to `tags`: ['gpu']. The SavedModel at /m/1 has one MetaGraph with tags "
     "['serve']. You may omit the argument, pass 'None', or pass matching tags.", "savedmodel_tags"),
    ("InvalidArgumentError: {{function_node __wrapped__StringToNumber_device_/job:localhost/replica:0/task:0/device:CPU:0}}"
     " StringToNumberOp could not correctly convert string: abc [Op:StringToNumber] name: ", "dtype_mismatch"),
    ("TypeError: Dtype of argument `keys` must be <dtype: 'string'>, received: <dtype: 'int64'>", "dtype_mismatch"),
    ("Name: <unknown>, Key: age, Index: 0.  Data types don't match. Data type: int64 but expected type: float "
     "[Op:ParseExampleV2]", "dtype_mismatch"),
    ("ValueError: 'images' must have either 3 or 4 dimensions.", "input_shape_mismatch"),
    ('ValueError: "inputs" is not a valid input key. Please choose from "x", or use --show option.',
     "input_keys_mismatch"),
    ("TensorFlow could not load this model: The passed save_path is not a valid checkpoint: "
     "/work/m/1/variables/variables", "variables_not_restored"),
    ('{"error": "In[0] and In[1] has different ndims: [1] vs. [3,3]\\n\\t [[{{node MatMul_1}}]]"}',
     "input_shape_mismatch"),  # one value where the weights take 3 per row: not only the batch level
    ('{"error": "In[0] and In[1] has different ndims: [3] vs. [3,2]\\n\\t [[{{node MatMul_1}}]]"}',
     "missing_batch_dimension"),  # one example of 3 features, unbatched
    ('{"error": "Input to reshape is a tensor with 100 values, but the requested shape requires a multiple of 784\\n\\t '
     '[[{{node Reshape}}]]"}', "input_shape_mismatch"),  # 784 = 28×28: an image size, not a graph constant
])
def test_provoked_messages(text: str, category: str) -> None:
    assert best(text).category == category


@pytest.mark.parametrize("text, step", [
    ("InvalidArgumentError: input must be 4-dimensional[100,100,3]", "so the input is (1, 100, 100, 3)"),
    ("ValueError: Cannot feed value of shape () for Tensor 'input_example_tensor:0', which has shape '(?,)'",
     "so the input is (1,)"),
    ("ValueError: Layer sequential expects 1 inputs, but it received 64 input tensors",
     "not a Python list of 64 arrays"),
    ("ValueError: Layer model_2 expects 2 input(s), but it received 1 input tensors.", "model.predict([x1, x2])"),
    ("W tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:267] No versions of servable ssd "
     "found under base path /models/ssd", "/models/ssd/1/saved_model.pb"),
])
def test_the_step_names_the_shape_or_count(text: str, step: str) -> None:
    assert step in best(text).steps[0]


@pytest.mark.parametrize("text, category, step", [
    ("21:44:47.081 - Not a JPEG file: starts with 0x89 0x50", "encoded_image_string_mismatch", "decode_png"),
    ("Key Deep-part/mlp2/biases not found in checkpoint [[node save/RestoreV2]]", "runtime_version_mismatch",
     "tf.train.list_variables(CKPT)"),
    ("Key embedding_table/Adam_1 not found in checkpoint [[Node: save/RestoreV2_9 = RestoreV2[dtypes=[DT_FLOAT]]]]",
     "variables_not_restored", "without the optimizer"),
    ('{ "error": "Name: <unknown>, Feature: AA (data type: string) is required but could not be found. [[{{node '
     'ParseExample/ParseExampleV2}}]]" }', "input_keys_mismatch", "Put feature AA (string)"),
    ('AbortionError(code=StatusCode.NOT_FOUND, details="Servable not found for request: Latest(inception)")',
     "model_not_found", "no model called inception"),
    ('details="contents must be scalar, got shape [1]\\n\\t [[Node: DecodeJpeg = DecodeJpeg[channels=3]]]"',
     "scalar_input", "tf.map_fn"),
])
def test_steps_that_name_what_the_message_names(text: str, category: str, step: str) -> None:
    d = best(text)
    assert d.category == category and step in d.steps[0], (d.category, d.steps[0])


def test_old_prediction_and_wrapper_messages() -> None:
    d = best('{\n "error": "Prediction failed: Error processing input: Incompatible types: 0 vs. float64"\n}')
    assert d.category == "dtype_mismatch"
    d = best("[{\"error\": \"Inference error <class 'KeyError'>: 'image_bytes'\"}, 400]")
    assert d.category == "input_keys_mismatch" and d.steps[0].startswith("Send an input named image_bytes")
    found = explain_text('{"error": "Failed to process element: 0 key: age of \'instances\' list. Error: '
                         'INVALID_ARGUMENT: JSON object: does not have named input: age"}')
    assert [f.category for f in found[:2]] == ["input_keys_mismatch", "serialized_example_input_expected"]


def test_decoded_pixels_fed_to_an_encoded_string_input() -> None:
    # Python 2's u'' tensor names too
    d = best("ValueError: Cannot feed value of shape (1, 720, 498, 3) for Tensor u'input_tensor:0', which has shape "
             "'(?,)'")
    assert d.category == "encoded_image_string_mismatch"
    assert d.cause.startswith("Decoded pixels (1, 720, 498, 3) were fed to input_tensor:0")


def test_channels_first_images_and_a_dense_width() -> None:
    d = best("Model was constructed with shape (None, None, None, 3) for input KerasTensor(type_spec=TensorSpec(shape=("
             "None, None, None, 3), dtype=tf.float32, name='input_1'), name='input_1'), but it was called on an input "
             "with incompatible shape (None, 3, 224, 224)")
    assert d.category == "input_shape_mismatch" and "x.transpose(0, 2, 3, 1)" in d.steps[0]
    d = best("ValueError: Input 0 of layer dense_3 is incompatible with the layer: expected axis -1 of input shape to "
             "have value 100352 but received input with sh")  # cut short
    assert d.category == "input_shape_mismatch" and "training image size" in d.steps[0]


def test_keras_missing_batch_names_the_declared_shape() -> None:
    # Keras batches an unbatched image's rows: found (32, 150, 3) is one (150, 150, 3) image
    d = best("ValueError: Input 0 with name 'image' of layer 'functional_1' is incompatible with the layer: expected "
             "shape=(None, 150, 150, 3), found shape=(32, 150, 3)")
    assert d.category == "missing_batch_dimension" and "(1, 150, 150, 3)" in d.steps[0]


def test_a_plain_list_for_several_inputs() -> None:
    d = best('{ "error": "instances is a plain list, but expecting list of objects as multiple input tensors required '
             'as per tensorinfo_map" }')
    assert d.category == "input_keys_mismatch" and "one named value per input" in d.steps[0]


def test_no_shape_information_is_a_scalar_output() -> None:
    # json_tensor.cc: tensor.tensor_shape().dim_size() == 0 -> "Tensor name: X has no shape information "
    d = best('{\n    "error": "Tensor name: total has no shape information "\n}')
    assert d.category in ("output_shape_unknown", "output_batch_dimension")
    assert "Output total is a scalar" in d.cause and "leading batch dimension" in d.steps[0]


def test_a_quoted_path_reached_the_loader() -> None:
    d = best("error: OSError: SavedModel file does not exist at: './content'/{saved_model.pbtxt|saved_model.pb}.")
    assert d.category == "savedmodel_not_found" and "without the quote characters (./content)" in d.steps[0]


@pytest.mark.parametrize("text, step", [
    ("error: predict: the model process hit its memory ceiling of 0.3 GiB while loading the model (stopped)",
     "--memory-limit above 0.3 GiB"),
    ("OP_REQUIRES failed at base64_ops.cc:68 : INVALID_ARGUMENT: Invalid character found in base64.",
     "base64.urlsafe_b64encode"),
    ('{ "error": "Failed to process element: 0 key: hours of \'instances\' list. Error: INVALID_ARGUMENT: JSON Value: '
     '100000000000000000000.0 Type: Number is not of expected type: int64" }', "within int64's range"),
])
def test_what_the_numbers_and_ops_say(text: str, step: str) -> None:
    assert step in best(text).steps[0]


def test_a_keras_1_argument_is_an_older_file_whatever_the_index_entry_assumes() -> None:
    d = best("ValueError: ('Unrecognized keyword arguments:', dict_keys(['input_dtype']))")
    assert "older Keras, Keras 1" in d.cause and "Keras 1" in d.steps[0]


def test_a_feed_the_graph_does_not_have() -> None:
    d = best('AbortionError(code=StatusCode.NOT_FOUND, details="FeedInputs: unable to find feed output images")')
    assert d.category == "input_keys_mismatch" and "no tensor images" in d.steps[0]


def test_allocations_over_a_tenth_of_free_memory() -> None:
    d = best("W external/org_tensorflow/tensorflow/core/framework/cpu_allocator_impl.cc:81] Allocation of 4294967296 "
             "exceeds 10% of free system memory.")
    assert d.category == "model_too_large" and "4.0 GB" in d.steps[0]


def test_ragged_instances_name_the_input_and_lengths() -> None:
    d = best('{ "error": "Failed to process element: 1 key: seq_input of \'instances\' list. Error: Invalid argument: '
             'Expecting tensor size: 34 but got: 20" }')
    assert "Give seq_input the same length in every instance (34 values" in d.steps[0]


def test_the_models_reading_keeps_its_place(models) -> None:  # type: ignore[no-untyped-def]
    text = '{"error": "input must be 4-dimensional[150,150,3]"}'
    plain = best(text)
    assert plain.steps[0].startswith("Add the batch dimension so the input is (1, 150, 150, 3)")
    d = explain_text(text, info=models("keras_image"))[0]
    assert d.refined and d.cause.startswith("signature serving_default takes image [-1,150,150,3]")
    assert d.steps[0].startswith("Send each example as one instance of shape [150,150,3]")


def test_input_size_names_what_to_add_and_drop() -> None:
    # predict_util.cc's full wording (recent TF Serving)
    d = best('status = StatusCode.INVALID_ARGUMENT details = "input size does not match signature: 1!=3 '
             'len({dense_input}) != len({input_ids,input_mask,segment_ids}). Sent extra: {dense_input}. Missing but '
             'required: {input_ids,input_mask,segment_ids}."')
    assert d.category == "input_keys_mismatch"
    assert "add input_ids, input_mask, segment_ids; drop (or rename) dense_input" in d.steps[0]


def test_a_rest_image_that_is_no_image_file_names_the_b64_wrapper() -> None:
    d = best('{ "error": "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required.\\n\\t '
             '[[{{function_node map_while_body_152}}{{node map/while/DecodePng}}]]" }')
    assert d.category == "encoded_image_string_mismatch"
    assert d.steps[0].startswith('Send each image as {"b64": base64.b64encode(') and "wrapper" in d.cause


def test_a_concat_of_two_batch_sizes_names_both_readings() -> None:
    found = explain_text("InvalidArgumentError: {{function_node __wrapped__ConcatV2_N_2_device_/job:localhost/replica:0/"
                         "task:0/device:CPU:0}} ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [1,5] "
                         "vs. shape[1] = [32,5] [Op:ConcatV2] name: concat")
    # inputs of different batch sizes first (session 16: 6 of the 8 labelled texts of this message, none a fixed batch)
    assert found[0].category == "batch_size_mismatch_between_inputs"
    assert "fixed_batch_size_in_graph" in [d.category for d in found]
    assert "same number of examples (32 here against 1)" in found[0].steps[0]


def test_instances_that_are_not_a_list() -> None:
    d = best('{ "error": "JSON Value: {\\n \\"instances\\": {\\n \\"x\\": [[1.0, 2.0, 3.0]]\\n }\\n} Expecting '
             '\'instances\' to be an list/array" }')
    assert 'goes under "inputs"' in d.cause and d.steps[0].startswith('Make "instances" a list')


def test_a_named_variable_not_found_names_it_in_the_step() -> None:
    d = best("Failed precondition: Could not find variable Variable. This could mean that the variable has been "
             "deleted. In TF1, it can also mean the variable is uninitialized.")
    assert d.category == "variables_not_restored" and "Variable should be among them" in d.steps[0]


# ---- what the request body decides (explain --model --request) -----------------------------------------------------

UNKNOWN_IMAGE = ('{ "error": "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required.\\n\\t '
                 '[[{{function_node map_while_body_152}}{{node map/while/DecodePng}}]]" }')


def test_a_b64_value_that_decodes_to_base64_text_was_encoded_twice(models) -> None:  # type: ignore[no-untyped-def]
    import base64

    twice = base64.b64encode(base64.b64encode(b"\xff\xd8\xff\xe0 jpeg")).decode()
    body = json.dumps({"signature_name": "image_bytes", "instances": [{"b64": twice}]}).encode()
    d = explain_text(UNKNOWN_IMAGE, info=models("module_multi"), request=body)[0]
    assert d.category == "base64_encoding" and d.steps[0].startswith("Encode the file's bytes once")
    assert any("base64-encoded twice" in c for c in d.confirmed)
    once = base64.b64encode(b"GIF89a not really").decode()  # bytes that are simply no JPEG/PNG: the text's reading
    body = json.dumps({"signature_name": "image_bytes", "instances": [{"b64": once}]}).encode()
    assert explain_text(UNKNOWN_IMAGE, info=models("module_multi"), request=body)[0].category == \
        "encoded_image_string_mismatch"


def test_rows_for_a_rank_0_input_are_a_scalar_input(models) -> None:  # type: ignore[no-untyped-def]
    text = ('{ "error": "Input to reshape is a tensor with 2 values, but the requested shape has 1\\n\\t '
            '[[{{function_node __inference_scalar_input_118}}{{node Reshape}}]]" }')
    body = json.dumps({"signature_name": "scalar_input", "instances": [1.0, 2.0]}).encode()
    d = explain_text(text, info=models("module_multi"), request=body)[0]
    assert d.category == "scalar_input" and '"inputs": {"x": 1.0}' in d.steps[0]


def test_instances_holding_an_object_is_the_columnar_form(models) -> None:  # type: ignore[no-untyped-def]
    text = ('{ "error": "JSON Value: {\\n \\"instances\\": {\\n \\"x\\": [[1.0, 2.0, 3.0]]\\n }\\n} Expecting '
            '\'instances\' to be an list/array" }')
    body = json.dumps({"instances": {"x": [[1.0, 2.0, 3.0]]}}).encode()
    d = explain_text(text, info=models("module_multi"), request=body)[0]
    assert d.category == "instances_key_missing" and d.steps[0].startswith('Rename "instances" to "inputs"')


def test_a_signature_name_with_the_available_ones() -> None:
    d = best("Error in tensor_get_boundaries(sess$graph, signature_def, signature_name) :\n  Signature 'export' not "
             "available in model signatures. Available signatures: serving_default.")
    assert d.category == "signature_not_found"
    assert d.steps[0].startswith("Ask for one of the model's signatures, serving_default, instead of export")
