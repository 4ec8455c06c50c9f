"""Readings decided by what a message means and by its numbers (issue #15): the category, and a first fix step that
names the real cause.  The texts are the messages as their sources print them (TensorFlow's kernels and Python
sources, TF Serving's JSON body, a gRPC status), with the numbers that decide between readings."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


def best(text: str):  # type: ignore[no-untyped-def]
    found = explain_text(text)
    assert found, text
    return found[0]


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
    assert found[0].variant == "reshape_scalar" and "one value per example" in found[0].cause
    assert "not a list of 752" in found[0].steps[0]


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
    assert "removes axis 3" in d.cause and "has 3 there" in d.cause


# ---- messages of TensorFlow's Python sources: calling a loaded signature ------------------------------------------

@pytest.mark.parametrize("text", [
    "TypeError: signature_wrapper(*, examples) missing required arguments: examples",  # older TF's summary
    "TypeError: signature_wrapper(examples) missing required arguments: examples.",
    "TypeError: signature_wrapper(input_1) takes 0 positional arguments, got 1.",
])
def test_a_signature_called_positionally(text: str) -> None:
    d = best(text)
    assert d.category == "input_keys_mismatch"
    assert d.steps[0].startswith("Call the signature with its input names as keywords")


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
