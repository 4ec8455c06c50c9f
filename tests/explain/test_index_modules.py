"""Messages read from whole modules of Keras and TensorFlow by rule (#15): scripts/explain_index_keras.py and
explain_index_python.py take the raise sites of keras.ops, the Keras layers' build()/call() checks, the Lambda layer,
Functional/Sequential configs, Keras 3's data adapters, TF1 sessions, tensor conversion, tf.image and the export's
signatures.  The texts below were provoked with the installed TensorFlow 2.21 / Keras 3.15.1 (a Keras-2-style Lambda
under Keras 3, a ragged list given to predict, ...) and pasted here as printed; each reads to its category with a
first step that names the cause.  No TensorFlow import."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.index import INDEX_PATH, match
from sigcheck.explain.normalize import normalize

ENTRIES = json.loads(INDEX_PATH.read_text())["entries"]

CASES = [
    # text as printed | category | the first step names (regex)
    # keras.layers.Lambda(lambda t: np.asarray(t) * 2)(keras.Input((4,))) under Keras 3 (as a Keras 2 model's
    # Lambda is rebuilt when Keras 3 loads its .h5)
    ("NotImplementedError: Exception encountered when calling Lambda.call().\n\n\x1b[1mWe could not automatically "
     "infer the shape of the Lambda's output. Please specify the `output_shape` argument for this Lambda layer."
     "\x1b[0m\n\nArguments received by Lambda.call():\n  • args=('<KerasTensor shape=(None, 4), dtype=float32, "
     "sparse=False, ragged=False, name=keras_tensor>',)\n  • kwargs={'mask': 'None'}",
     "runtime_version_mismatch", r"tf_keras|TensorFlow <= 2\.15"),
    # the same as a rendered Markdown page shows it (no backquotes)
    ("We could not automatically infer the shape of the Lambda's output. Please specify the output_shape argument for "
     "this Lambda layer.", "runtime_version_mismatch", r"tf_keras|TensorFlow <= 2\.15"),
    # keras.Sequential([tf.Module()]) (provoked; hub.KerasLayer, a tf.keras 2 layer, is refused the same way)
    ("ValueError: Only instances of `keras.Layer` can be added to a Sequential model. Received: "
     "<tensorflow.python.module.module.Module object at 0x7f84b0e38a10> (of type <class "
     "'tensorflow.python.module.module.Module'>)", "runtime_version_mismatch", r"tf_keras"),
    # keras 2.3.1's base_layer check as its template prints it: a tf.keras / tf.* tensor into a standalone-keras layer
    ("ValueError: Layer conv2d_1 was called with an input that isn't a symbolic tensor. Received type: <class "
     "'tensorflow.python.framework.ops.Tensor'>. Full input: [<tf.Tensor 'input_1:0' shape=(?, 224, 224, 3) "
     "dtype=float32>]. All inputs to the layer should be tensors.", "runtime_version_mismatch", r"one Keras"),
    # a name Keras 2 registers for tf.keras 1.13's layers (its serialization.py), unknown to an older Keras
    ("ValueError: Unknown layer: BatchNormalizationV1", "runtime_version_mismatch", r"version|tf\.keras"),
    # model.predict([[1, 2], [3]]) in Keras 3: rows of different lengths
    ("ValueError: Unrecognized data type: x=[[1, 2], [3]] (of type <class 'list'>)", "ragged_instances",
     r"NumPy array|pad"),
    # a two-input model given 3 and 4 examples
    ("ValueError: Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: "
     "3, 4", "batch_size_mismatch_between_inputs", r"same number of examples"),
    # model("abc")
    ("ValueError: Inputs to a layer should be tensors. Got 'abc' (of type <class 'str'>) as input for layer "
     "'functional_2'.", "wrong_api_or_input_format", r"batch array|np\.asarray"),
    # Keras 3 load_weights of a TensorFlow checkpoint prefix (what Keras 2's save_weights wrote) / save_weights to it
    ("ValueError: File format not supported: filepath=ckpt/model.ckpt. Keras 3 only supports V3 `.keras` files, "
     "`.weights.h5` files, legacy H5 format files (`.h5` extension), or Orbax checkpoints.",
     "runtime_version_mismatch", r"\.weights\.h5.*tf_keras|tf_keras.*\.weights\.h5"),
    # keras.ops.matmul(keras.Input((3,)), keras.Input((4, 5)))
    ("ValueError: Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be equal, but received "
     "`x1.shape=(None, 3)` and `x2.shape=(None, 4, 5)`.", "input_shape_mismatch", r"shape|features"),
    # keras.layers.Reshape((5, 5))(keras.Input((28, 28))): the check fails on KerasTensors, while the model is built
    ("ValueError: Exception encountered when calling Reshape.call().\n\n\x1b[1mThe total size of the tensor must be "
     "unchanged. Received: input_shape=(28, 28), target_shape=(5, 5)\x1b[0m\n\nArguments received by Reshape.call():"
     "\n  • args=('<KerasTensor shape=(None, 28, 28), dtype=float32, sparse=False, ragged=False, "
     "name=keras_tensor_8>',)\n  • kwargs=<class 'inspect._empty'>", "model_graph_shape_bug",
     r"hard-coded|constant"),
    # keras.layers.Concatenate()([keras.Input((3, 4)), keras.Input((5, 6))])
    ("ValueError: A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
     "Received: input_shape=[(None, 3, 4), (None, 5, 6)]", "input_shape_mismatch", r"shape the model declares"),
    # tf.compat.v1 session fed by a name the graph does not have
    ("TypeError: Cannot interpret feed_dict key as Tensor: The name 'input:0' refers to a Tensor which does not "
     "exist. The operation, 'input', does not exist in the graph.", "input_keys_mismatch",
     r"placeholders by their own names|input keys"),
    # a loaded SavedModel's signature called with another input name (TF 2.21, provoked)
    ("TypeError: Binding inputs to tf.function failed due to `missing a required argument: 'x'`. Received args: () "
     "and kwargs: {'input_1': <tf.Tensor: shape=(1, 3), dtype=float32, numpy=array([[1., 1., 1.]], dtype=float32)>} "
     "for signature: (*, x: TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')) -> Dict[['y', "
     "TensorSpec(shape=(None, 3), dtype=tf.float32, name='y')]].", "input_keys_mismatch", r"by keyword"),
    # ops built in a tf.function with inputs of other dtypes (TF 2.21, provoked): int32 + float32, uint8 pixels into
    # conv2d, a string into tf.maximum
    ("TypeError: Input 'y' of 'AddV2' Op has type float32 that does not match type int32 of argument 'x'.",
     "dtype_mismatch", r"dtype it was built with"),
    ("TypeError: Value passed to parameter 'input' has DataType uint8 not in list of allowed values: float16, "
     "bfloat16, float32, float64, int32", "dtype_mismatch", r"dtype it was built with"),
    ("TypeError: Expected float32 passed to parameter 'y' of op 'Maximum', got 'abc' of type 'str' instead. Error: "
     "Expected float32, but got abc of type 'str'.", "dtype_mismatch", r"dtype"),
    # strings meeting a float op: bytes sent to a numeric input (the call_dtype decider reads float32 as numeric)
    ("TypeError: Input 'y' of 'Sub' Op has type string that does not match type float32 of argument 'x'.",
     "bytes_sent_to_numeric_input", r"strings|dtype"),
    # Pillow 13 (provoked): Image.open of an HTML page saved as an image
    ("UnidentifiedImageError: cannot identify image file <_io.BytesIO object at 0x7fb4c48c4400>",
     "encoded_image_string_mismatch", r"first bytes|base64"),
    # tf.data.Dataset.from_tensor_slices((np.zeros((100, 3)), np.zeros(99))) (TF 2.21, provoked)
    ("ValueError: Dimensions 100 and 99 are not compatible", "input_shape_mismatch", r"same number of examples"),
    # tf.constant(object())
    ("ValueError: Attempt to convert a value (<object object at 0x7fa409247040>) with an unsupported type (<class "
     "'object'>) to a Tensor.", "wrong_api_or_input_format", r"array first"),
    # Keras 3 model.predict(np.zeros((0, 2))): Python's own error from its batch loop
    ("UnboundLocalError: cannot access local variable 'batch_outputs' where it is not associated with a value",
     "empty_instances", r"at least one example"),
    # tf.compat.v1 Saver.restore(sess, a prefix that does not exist)
    ("ValueError: The passed save_path is not a valid checkpoint: /tmp/nowhere/model.ckpt-1000",
     "variables_not_restored", r"checkpoint prefix"),
    # the same message from the SavedModel loader (sigcheck predict on a version folder copied without variables/)
    ("error: /home/user/work/copied_without_variables/1: TensorFlow could not load this model: The passed save_path "
     "is not a valid checkpoint: /home/user/work/copied_without_variables/1/variables/variables",
     "variables_not_restored", r"variables/variables\.index"),
    # tf.compat.v1 Saver.restore into a graph whose variable names differ from the checkpoint's (saver.py wording)
    ("InvalidArgumentError: Restoring from checkpoint failed. This is most likely due to a Variable name or other "
     "graph key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based "
     "on the checkpoint. Original error:\n\nKey dense/kernel not found in checkpoint", "runtime_version_mismatch",
     r"model code and TensorFlow version the checkpoint was written with"),
    # tf.train.Checkpoint(b=...).restore(a checkpoint of Checkpoint(a=...)).assert_existing_objects_matched()
    ("AssertionError: Found 1 Python objects that were not bound to checkpointed values, likely due to changes in the "
     "Python program. Showing 1 of 1 unmatched objects: [<tf.Variable 'Variable:0' shape=() dtype=float32, "
     "numpy=1.0>]", "variables_not_restored", r"architecture that wrote the checkpoint"),
    # {tf.constant(1.0): 1}
    ("TypeError: Tensor is unhashable. Instead, use tensor.ref() as the key.", "runtime_version_mismatch",
     r"TensorFlow 1"),
    # numpy 2.4, provoked: np.pad with a pad width of another rank; x -= mean into a grayscale array;
    # np.broadcast_arrays of an image and a per-channel vector
    ("ValueError: operands could not be broadcast together with remapped shapes [original->remapped]: (3,2)  and "
     "requested shape (2,2)", "input_shape_mismatch", r"elementwise step differ in shape"),
    ("ValueError: non-broadcastable output operand with shape (224,224,1) doesn't match the broadcast shape "
     "(224,224,3)", "input_shape_mismatch", r"grayscale|convert\('RGB'\)"),
    ("ValueError: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with "
     "shape (224, 224) and arg 1 with shape (3,).", "input_shape_mismatch", r"elementwise step differ in shape"),
    # tf.image.resize_with_crop_or_pad(tf.zeros((4, 4)), 2, 2)
    ("ValueError: 'image' (shape (4, 4)) must have either 3 or 4 dimensions.", "input_shape_mismatch",
     r"channel axis"),
]


@pytest.mark.parametrize("text, category, step", CASES, ids=[c[0][:40] for c in CASES])
def test_provoked_messages_read_to_their_cause(text: str, category: str, step: str) -> None:
    found = explain_text(text)
    assert found and found[0].category == category, [d.category for d in found]
    assert re.search(step, found[0].steps[0], re.I), found[0].steps[0]


def test_keras3_save_weights_refusing_a_name_is_a_reading() -> None:
    """Raised while saving (save_weights to a tf.keras 2 checkpoint prefix): no model of another version is involved,
    so no runtime_version_mismatch; the reading's fix names the file name Keras 3 writes."""
    text = "ValueError: The filename must end in `.weights.h5`. Received: filepath=model_weights"
    assert explain_text(text) == []
    assert any(".weights.h5" in r and "Fix:" in r for r in read_unknown(text).readings)


@pytest.mark.parametrize("text, where", [
    ('ValueError: Tensor Tensor("y:0", shape=(), dtype=float32) is not an element of this graph.',
     "python/framework/ops.py"),
    ("ValueError: Cannot use the given session to evaluate tensor: the tensor's graph is different from the session's "
     "graph.", "python/framework/tensor.py"),
])
def test_a_tensor_of_another_graph_is_read_not_categorised(text: str, where: str) -> None:
    assert explain_text(text) == []
    readings = read_unknown(text).readings
    assert any("graph.as_default()" in r and where in r for r in readings), readings


MODULE_FAMILIES = {"keras 3 ops: shape checks", "keras layers: input checks", "tf.image: shape checks"}


def test_the_module_families_come_from_their_python_sources() -> None:
    by_family: dict[str, int] = {}
    for e in ENTRIES:
        if e.get("family") in MODULE_FAMILIES:
            assert re.match(r"(keras|tensorflow) [\d.]+ ", e["source"]) and ".py:" in e["source"], e["source"]
            assert e["category"] == "input_shape_mismatch" and e["meaning"]
            # a family's step would be generic: the category's own steps (with the text's numbers) stand, except for
            # tf.image, whose rank check always means an image without its channel axis or a nested batch
            assert bool(e.get("fix")) == (e["family"] == "tf.image: shape checks"), e["template"]
            assert len(e["key"]) >= 16, e["template"]  # no '{x} is not supported' speaks for a text
            by_family[e["family"]] = by_family.get(e["family"], 0) + 1
    assert set(by_family) == MODULE_FAMILIES and sum(by_family.values()) >= 100, by_family


def test_a_shape_check_on_real_arrays_is_not_read_as_the_model_s_own_bug() -> None:
    """The same Keras message raised by predict (real tensors in the argument list) is about the input."""
    text = ("ValueError: Exception encountered when calling Reshape.call().\n\nThe total size of the tensor must be "
            "unchanged. Received: input_shape=(28, 28), target_shape=(5, 5)\n\nArguments received by Reshape.call():"
            "\n  • args=('tf.Tensor(shape=(2, 28, 28), dtype=float32)',)")
    assert explain_text(text)[0].category == "input_shape_mismatch"


def test_a_specific_entry_keeps_its_reading_beside_a_module_family() -> None:
    """Keras's input_spec check (a hand rule with its own fix) is not replaced by a layer family's generic step."""
    text = ("ValueError: Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input shape "
            "to have value 784, but received input with shape (None, 28, 28)")
    found = explain_text(text)
    assert found[0].category == "input_shape_mismatch"
    assert "784 flattened pixels" in found[0].steps[0] or "784" in found[0].steps[0], found[0].steps[0]
    assert not any(h.entry.family for h in match(normalize(text))[:1])


def test_keras3_predict_given_a_python_list_is_a_reading() -> None:
    """model.predict([[1, 2], [3, 4]]) or a list of strings: the call's container, no category (session 16: no serving
    API is involved, wrong_api_or_input_format was the reading before); rows of different lengths stay ragged."""
    for x in ("[[1, 2], [3, 4]]", "['the cats sat on the mat', 'a dog']"):
        text = f"ValueError: Unrecognized data type: x={x} (of type <class 'list'>)"
        assert explain_text(text) == []
        assert any("tf.constant(texts)" in r for r in read_unknown(text).readings)
