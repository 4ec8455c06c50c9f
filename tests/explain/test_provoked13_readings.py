"""Readings built in session 13 from the working half of provoked_13 (real errors six helpers provoked with TF 2.12-2.21,
Keras 2/3, saved_model_cli, tensorflow-serving-api; the held-out half is measured once and never read).  Each message
is quoted from its source: TensorFlow's kernels as libtensorflow_cc holds them (SwitchOp's scalar predicate,
ParseExample's value count, Squeeze's rank), Keras's input_spec, tensor_util's make_tensor_proto, saved_model/load.py
restoring a SavedModel's own variables, a restored function's structured signature."""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.explain import explain_text

DATA = Path(__file__).resolve().parent / "data"


def top(text: str):
    found = explain_text(text)
    return found[0] if found else None


def test_a_cond_predicate_fed_per_instance_is_a_scalar_input() -> None:
    text = ("InvalidArgumentError: Graph execution error:\nDetected at node cond defined at (most recent call last):\n"
            "The second input must be a scalar, but it has shape [2]\n\t [[{{node cond}}]]")
    assert top(text).category == "scalar_input"


def test_a_signature_scalar_cast_from_a_batch_is_a_scalar_input() -> None:
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(2,), dtype=tf.bool, "
            "name='training') to TensorSpec(shape=(), dtype=tf.bool, name='training')`. Received args: () and kwargs: "
            "{'training': <tf.Tensor: shape=(2,), dtype=bool>} for signature: (*, x: TensorSpec(shape=(None, 3), "
            "dtype=tf.float32, name='x'), training: TensorSpec(shape=(), dtype=tf.bool, name='training')).")
    d = top(text)
    assert d.category == "scalar_input"
    assert "one scalar" in d.steps[0]


def test_parse_example_value_count_against_the_feature_shape() -> None:
    text = ("Name: <unknown>, Key: age, Index: 0.  Number of float values != expected.  Values size: 2 but output "
            "shape: [1]\n\t [[{{node ParseExample/ParseExampleV2}}]]")
    d = top(text)
    assert d.category == "input_shape_mismatch"
    assert "FixedLenFeature" in d.steps[0]


def test_a_scalar_string_squeezed_by_text_vectorization_lacks_its_batch() -> None:
    text = ("InvalidArgumentError: Tried to squeeze dim index -1 for tensor with 0 dimensions.\n\t [[{{node "
            "model/text_vectorization/Squeeze}}]]")
    assert top(text).category == "missing_batch_dimension"


def test_a_list_of_arrays_to_a_one_input_model_is_examples_to_stack() -> None:
    text = ("ValueError: Layer \"flowers_cnn\" expects 1 named input(s) with keys ['image'], but it received 2 input "
            "tensors. Pass inputs as a dict, e.g. `layer({'image': ...})`.")
    d = top(text)
    assert d.category == "missing_batch_dimension"
    assert "np.stack" in d.steps[0]


def test_a_layer_built_on_two_keras_tensors_stays_an_input_count() -> None:
    text = ('ValueError: Layer "dense" expects 1 input(s), but it received 2 input tensors. Inputs received: '
            "[<KerasTensor shape=(None, 2), dtype=float32, sparse=False, ragged=False, name=a>, <KerasTensor "
            "shape=(None, 2), dtype=float32, sparse=False, ragged=False, name=b>]")
    assert top(text).category == "input_keys_mismatch"


def test_raw_jpeg_bytes_in_make_tensor_proto_for_floats() -> None:
    """The message quotes the bytes whole (33 kB here in the real text): read from their first ones."""
    text = ("TypeError: Expected float32, but got b'\\xff\\xd8\\xff\\xe0\\x00\\x10JFIF\\x00\\x01\\x01\\x01\\x01,"
            + "\\x00" * 3000 + "' of type 'bytes'.")
    d = top(text)
    assert d.category == "bytes_sent_to_numeric_input"
    assert "Decode the image" in d.steps[0]


def test_keras2_conv_on_an_expanded_single_image() -> None:
    text = ("ValueError: Exception encountered when calling layer 'conv2d' (type Conv2D).\n\nNegative dimension size "
            "caused by subtracting 3 from 1 for '{{node model/conv2d/Conv2D}} = Conv2D[T=DT_FLOAT, "
            "data_format=\"NHWC\", padding=\"VALID\", strides=[1, 1, 1, 1]](model/ExpandDims, "
            "model/conv2d/Conv2D/ReadVariableOp)'\n\nCall arguments received by layer 'conv2d' (type Conv2D):\n"
            "  • inputs=tf.Tensor(shape=(None, 28, 1, 1), dtype=float32)")
    assert top(text).category == "missing_batch_dimension"


def test_keras2_cast_of_strings_to_float_is_strings_sent_to_numbers() -> None:
    text = ("tensorflow.python.framework.errors_impl.UnimplementedError: Graph execution error:\n\nDetected at node "
            "sequential_1/Cast defined at (most recent call last):\nCast string to float is not supported\n\t "
            "[[{{node sequential_1/Cast}}]] [Op:__inference_predict_function_379]")
    assert top(text).category == "bytes_sent_to_numeric_input"


def test_a_savedmodel_restoring_variables_of_another_export() -> None:
    text = ('Traceback (most recent call last):\n  File "/tmp/t.py", line 2, in <module>\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/saved_model/load.py", line 912, in load\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/saved_model/load.py", line 1042, in '
            'load_partial\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/saved_model/load.py", line 561, in '
            '_restore_checkpoint\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 809, in '
            '_restore_from_tensors\n'
            "ValueError: Received incompatible tensor with shape (4, 8) when attempting to restore variable with "
            "shape (4, 16) and name dense/kernel:0.")
    d = top(text)
    assert d.category == "variables_not_restored"
    assert "another export" in d.cause


def test_load_weights_of_another_head_stays_the_models_sizes() -> None:
    text = ("ValueError: Received incompatible tensor with shape (16,) when attempting to restore variable with shape "
            "(12,) and name dense_1/bias:0.")
    assert top(text).category == "model_graph_shape_bug"


def test_the_loader_calling_a_newer_exports_save_function() -> None:
    """TF 2.12 loading a TF 2.21 export with a lookup table: the loader recreates the table's saved save function
    and calls it the way 2.12 does (saved_model/load.py _load_checkpoint_save_and_restore_functions)."""
    text = ('Traceback (most recent call last):\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/saved_model/load.py", line 966, in '
            'load_partial\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/saved_model/load.py", line 321, in '
            '_load_checkpoint_save_and_restore_functions\n'
            '  File "/v/lib/python3.11/site-packages/tensorflow/python/training/saving/saveable_object_util.py", line '
            '516, in recreate_saveable_objects\n'
            "TypeError: expected argument #0(zero-based) to be a Tensor; got str ().\n\nDuring handling of the above "
            "exception, another exception occurred:\n\n"
            "TypeError: save_fn(checkpoint_key) expected a Tensor in checkpoint_key, but got str value .")
    assert top(text).category == "runtime_version_mismatch"


FIXED = {"q2-02-keras2-predict-single-gray-image", "q2-24-grpc-jpeg-bytes-make-tensor-proto-float32",
         "q2-25-keras3-predict-python-list-of-images", "q3-43-load-mixed-version-variables",
         "q3-54-tf212-load-textvectorization-export", "q5-12-scalar-bool-flag-batched",
         "q5-18-grpc-jpeg-bytes-as-float", "q5-26-keras2-csv-strings-predict", "q5-45-keras2-text-scalar-string",
         "q6-06-parse-example-too-many-values"}


def test_the_working_half_texts_these_readings_came_from() -> None:
    """The whole texts as provoked (start-up lines, tracebacks): the working half only, by name."""
    path = DATA / "provoked_13_dev.jsonl"
    rows = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    assert FIXED <= set(rows)
    for rid in sorted(FIXED):
        d = top(rows[rid]["error_text"])
        assert (d.category if d else "unknown") == rows[rid]["category"], (rid, d and d.category)
