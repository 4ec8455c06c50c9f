"""Keras's own messages in explain's index (#15; scripts/explain_index_keras.py): saving, loading, exporting and
predicting, as Keras 3 really prints them (tests/explain/data/keras_messages.jsonl, provoked by
scripts/explain_keras_messages.py) and as Keras 2 / tf.keras / tf_keras print them (their source templates, filled
below).  Each gets the right category and a first fix step that names the cause — for a version mismatch, which way
it goes.  No Keras or TensorFlow is imported here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.index import INDEX_PATH

DATA = Path(__file__).parent / "data" / "keras_messages.jsonl"
PROVOKED = {r["id"]: r for r in map(json.loads, DATA.read_text().splitlines()) if r}

# id -> (category, words the first fix step must contain)
EXPECTED = {
    "k3-savedmodel-dir": (None, ["TFSMLayer", "tf.saved_model.load"]),  # export/1: a serving export, the loader
    "k3-missing-keras": ("savedmodel_not_found", ["does not exist"]),
    "k3-h5-lfs-pointer": ("savedmodel_not_found", ["not an HDF5 file", "git-lfs"]),
    "k3-h5-missing": ("savedmodel_not_found", ["does not exist"]),
    "h5py-dir": ("savedmodel_not_found", ["is a directory", "tf.saved_model.load"]),
    "k3-h5-truncated": ("model_load_failed", ["cut short"]),
    "k3-h5-no-config": ("model_load_failed", ["load_weights"]),
    "k3-custom-unregistered": (None, ["custom_objects", "register_keras_serializable"]),
    "k3-module-of-keras2": ("runtime_version_mismatch", ["written by another Keras version"]),
    "k3-kwargs-from-keras2": ("runtime_version_mismatch", ["saved by Keras 2", "loaded by Keras 3"]),
    "k3-lambda-safe-mode": (None, ["safe_mode=False", "no category"]),
    "k3-layer-variables": ("runtime_version_mismatch", ["build the model before saving"]),
    "k3-h5-layer-count": ("runtime_version_mismatch", ["architecture that saved the weights"]),
    "k3-axis-predict": ("input_shape_mismatch", ["shape the model was built for"]),
    "k3-axis-layer": ("input_shape_mismatch", ["shape the model was built for"]),
    "k3-ndim-predict": ("missing_batch_dimension", ["batch axis"]),  # its "how": one image without the batch axis
    "k3-ndim-layer": ("input_shape_mismatch", []),
    "k3-missing-input": ("input_keys_mismatch", ["every input the model names"]),
    "k3-inputs-count": ("input_keys_mismatch", ["one array per model input"]),
    "k3-tfsm-endpoint": ("signature_not_found", ["call_endpoint"]),
    "k3-export-unbuilt": (None, ["never built"]),  # not about a served model: no category, a reading
    "k3-save-dir": (None, ["model.export", "raised while saving"]),  # no model of another version involved
    "k3-save-format-tf": (None, ["model.export", "raised while saving"]),
    "k3-kerastensor-tf-op": ("runtime_version_mismatch", ["tf_keras"]),
    "tf-userobject-predict": (None, ["signatures['serving_default']"]),  # TF's restored object: no Keras API
    "h5py-no-group": ("model_load_failed", ["load_weights"]),
    "k3-predict-ragged-rows": ("dtype_mismatch", ["pad rows to one length"]),
    "k3-predict-object-floats": ("dtype_mismatch", ["np.asarray(x, dtype='float32')"]),
}

# Keras 2 (and early Keras 3) wordings, filled from their source templates (the version whose source prints each is
# named): explain must read them the other way round from Keras 3's where the direction of a version mismatch differs.
KERAS2 = [
    ("tf_keras 2.15.1 engine/input_layer.py (a Keras 3 file)", "ValueError: Unrecognized keyword arguments: "
     "['batch_shape']", "runtime_version_mismatch", ["saved by Keras 3", "loaded by Keras 2"]),
    ("keras 2.15.0 saving/serialization_lib.py (a Keras 3 file)", "TypeError: Could not locate class 'Functional'. "
     "Make sure custom classes are decorated with `@keras.saving.register_keras_serializable()`. Full object config: "
     "{'module': 'keras.src.models.functional', 'class_name': 'Functional', 'config': {'name': 'model'}}",
     "runtime_version_mismatch", ["saved by Keras 3"]),
    ("keras 2.15.0 saving/serialization_lib.py (a custom class)", "TypeError: Could not locate class 'TransformerBlock'"
     ". Make sure custom classes are decorated with `@keras.saving.register_keras_serializable()`. Full object config: "
     "{'module': None, 'class_name': 'TransformerBlock'}", None, ["custom_objects={'TransformerBlock': TransformerBlock}"]),
    ("tf_keras 2.15.1 saving/legacy/serialization.py (a custom class)", "ValueError: Unknown layer: 'KerasLayer'. "
     "Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included in the scope. "
     "See https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.",
     None, ["hub.KerasLayer"]),
    ("keras 2.3.1 utils/generic_utils.py (a newer Keras's class)", "ValueError: Unknown layer: Functional",
     "runtime_version_mismatch", ["saved by a newer"]),
    ("keras 2.6.0 utils/generic_utils.py (a newer Keras's class)", "ValueError: Unknown layer: SlicingOpLambda. "
     "Please ensure this object is passed to the `custom_objects` argument. See https://www.tensorflow.org/guide/keras/"
     "save_and_serialize#registering_the_custom_object for details.", "runtime_version_mismatch", ["saved by a newer"]),
    ("keras 2.6.0 utils/generic_utils.py (an argument of a newer Keras)", "TypeError: ('Keyword argument not "
     "understood:', 'groups')", "runtime_version_mismatch", ["saved by a newer"]),
    ("keras 2.15.0 saving/legacy/save.py", "OSError: No file or directory found at saved_model/my_model",
     "savedmodel_not_found", ["does not exist"]),
    ("keras 2.15.0 saving/legacy/save.py", "OSError: Unable to load model. Filepath is not an hdf5 file (or h5py is "
     "not available) or SavedModel. Received: filepath=model.keras", "runtime_version_mismatch", ["Keras 3"]),
    ("keras 2.15.0 engine/input_spec.py", 'ValueError: Input 0 of layer "dense" is incompatible with the layer: '
     "expected axis -1 of input shape to have value 784, but received input with shape (None, 28, 28)",
     "input_shape_mismatch", ["shape the model was built for"]),
    ("keras 2.15.0 engine/base_layer.py", "ValueError: Layer 'dense' expected 2 variables, but received 0 variables "
     "during loading. Expected: ['kernel', 'bias']", "runtime_version_mismatch", ["build the model before saving"]),
    ("keras 2.3.1 engine/saving.py", "ValueError: You are trying to load a weight file containing 3 layers into a "
     "model with 2 layers.", "runtime_version_mismatch", ["architecture that saved the weights"]),
    ("keras 2.3.1 engine/training_utils.py", "ValueError: Error when checking input: expected dense_1_input to have "
     "shape (784,) but got array with shape (28, 28)", "input_shape_mismatch", []),
    ("keras 3.3.3 layers/input_spec.py (raised by predict)", "ValueError: Layer 'functional_1' expected 2 input(s). "
     "Received 1 instead.", "input_keys_mismatch", ["one array per model input"]),
    ("keras 3.3.3 layers/input_spec.py inside saving/serialization_lib.py's wrapper (raised by load_model)",
     "TypeError: <class 'keras.src.models.functional.Functional'> could not be deserialized properly. Please ensure "
     "that components that are Python object instances (layers, models, etc.) returned by `get_config()` are "
     "explicitly deserialized in the model's `from_config()` method.\n\nconfig={'module': 'keras.src.models."
     "functional', 'class_name': 'Functional'}.\n\nException encountered: Layer 'dense' expected 1 input(s). "
     "Received 2 instead.", "runtime_version_mismatch", ["Raised by load_model"]),
    ("keras 2.6.0 saving/saved_model/load.py", "ValueError: Unable to restore custom object of type _tf_keras_metric "
     "currently. Please make sure that the layer implements `get_config`and `from_config` when saving. In addition, "
     "please use the `custom_objects` arg when calling `load_model()`.", None, ["compile=False"]),
    ("tf_keras 2.15.1 saving/legacy/saved_model/load.py", 'ValueError: Unable to restore custom object of class '
     '"F1Score" (type _tf_keras_metric). Please make sure that this class is included in the `custom_objects` arg '
     "when calling `load_model()`. Also, check that the class implements `get_config` and `from_config`.\n\n"
     "Complete metadata: {'class_name': 'F1Score'}", None, ["custom_objects", "compile=False"]),
    ("keras 3.15.1 saving/serialization_lib.py (a Keras 2.15 .keras file)", "TypeError: Could not deserialize class "
     "'Functional' because its parent module keras.src.engine.functional cannot be imported. Full object config: "
     "{'module': 'keras.src.engine.functional', 'class_name': 'Functional'}", "runtime_version_mismatch",
     ["written by another Keras version"]),
    ("keras 3.15.1 saving/serialization_lib.py (a custom package)", "TypeError: Could not deserialize class "
     "'Attention2' because its parent module my_models.layers cannot be imported. Full object config: {}",
     None, ["custom_objects={'Attention2': Attention2}"]),
    ("keras 2.15.0 engine/input_spec.py (one image without its batch axis)", "ValueError: Input 0 of layer "
     '"sequential" is incompatible with the layer: expected shape=(None, 224, 224, 3), found shape=(None, 224, 3)',
     "missing_batch_dimension", []),
    ("Python's AttributeError on a keras 2.3.1/2.6.0 method", "AttributeError: 'Sequential' object has no attribute "
     "'predict_classes'", "runtime_version_mismatch", ["np.argmax"]),
    ("tensorflow python/saved_model/loader_impl.py (tf.keras given a missing .h5 path)", "OSError: SavedModel file "
     "does not exist at: models/model.h5/{saved_model.pbtxt|saved_model.pb}", "savedmodel_not_found",
     ["No .h5 file exists"]),
    ("TensorFlow 2.x python binding under tf.keras predict (ragged rows)", "ValueError: Failed to convert a NumPy "
     "array to a Tensor (Unsupported object type list).", "ragged_instances", ["Pad"]),
    ("TensorFlow 2.x python binding under tf.keras predict (mixed types)", "ValueError: Failed to convert a NumPy "
     "array to a Tensor (Unsupported object type float).", "dtype_mismatch", ["astype('float32')"]),
    ("keras 2.3.1 utils/generic_utils.py (a Keras 1 file)", "ValueError: Improper config format: {'l2': 0.001, "
     "'name': 'L1L2Regularizer', 'l1': 0.0}", "runtime_version_mismatch", ["Keras version that saved it"]),
    ("tf_keras 2.15.1 engine/training_utils_v1.py", "ValueError: Error when checking model input: the list of Numpy "
     "arrays that you are passing to your model is not the size the model expected. Expected to see 2 array(s), for "
     "inputs ['left', 'right'] but instead got the following list of 1 arrays: [array([[0.1, 0.2]], dtype=float32)]"
     "...", "input_keys_mismatch", ["one array per model input"]),
    ("keras 2.15.0 saving/legacy/saved_model/load.py (a SavedModel without Keras metadata)", "ValueError: Unable to "
     "create a Keras model from SavedModel at /models/m/1. This SavedModel was exported with `tf.saved_model.save`, "
     "and lacks the Keras metadata file. Please save your Keras model by calling `model.save` or "
     "`tf.keras.models.save_model`. Note that you can still load this SavedModel with `tf.saved_model.load`.",
     "model_load_failed", ["tf.saved_model.load"]),
    ("tf_keras 2.15.1 saving/legacy/saved_model/load.py (a custom layer)", "RuntimeError: Unable to restore object of "
     "class 'TokenAndPositionEmbedding'. One of several possible causes could be a missing custom object. Decorate "
     "your custom object with `@keras.utils.register_keras_serializable()` and include that file in your program, or "
     "pass your class in a `keras.utils.CustomObjectScope` that wraps this load call.", None,
     ["custom_objects"]),
    ("keras 2.15.0 saving/legacy/save.py", "ValueError: Unable to load weights saved in HDF5 format into a subclassed "
     "Model which has not created its variables yet. Call the Model first, then load the weights.",
     "variables_not_restored", ["build the model"]),
    ("Python's marshal under keras 2.x func_load (a Lambda layer from another Python)", "ValueError: bad marshal "
     "data (unknown type code)", "runtime_version_mismatch", ["Python version"]),
    ("keras 3.15.1 legacy/saving/serialization.py (a Keras 2 .h5 with raw tf ops)", "ValueError: Unknown layer: "
     "'TFOpLambda'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is included "
     "in the scope.", "runtime_version_mismatch", ["saved by Keras 2"]),
    ("keras 2.15.0 engine/base_layer.py (weights of another input)", "ValueError: Layer conv1 weight shape "
     "(7, 7, 1, 64) is not compatible with provided weight shape (7, 7, 3, 64).", "model_graph_shape_bug",
     ["sizes of the run that trained the weights"]),
    ("keras 2.6.0 engine/base_layer.py", 'ValueError: You called `set_weights(weights)` on layer "dense_1" with a '
     "weight list of length 1, but the layer was expecting 2 weights. Provided weights: [array([[0.1, 0.2]]...",
     "runtime_version_mismatch", ["architecture that saved the weights"]),
    ("keras 2.3.1 engine/saving.py with h5py >= 3", "AttributeError: 'str' object has no attribute 'decode'",
     "runtime_version_mismatch", ["h5py<3"]),
    ("keras 2.15.0 initializers/__init__.py (a Keras 3 config)", "ValueError: Could not interpret initializer "
     "identifier: {'module': 'keras.initializers', 'class_name': 'GlorotUniform', 'config': {'seed': None}, "
     "'registered_name': None}", "runtime_version_mismatch", ["saved by Keras 3"]),
    ("keras 2.6.0 activations.py (a newer Keras's activation)", "ValueError: Could not interpret activation function "
     "identifier: gelu", "runtime_version_mismatch", ["saved by a newer"]),
    ("keras 2.15.0 activations.py (a custom activation)", "ValueError: Could not interpret activation function "
     "identifier: mish_custom", None, ["custom_objects={'mish_custom': mish_custom}"]),
    ("keras 3.3.3-era loader, keras 3.15.1 layers/layer.py wording (a newer Keras 3 file)", "ValueError: "
     "Unrecognized keyword arguments passed to Dense: {'quantization_config': None}", "runtime_version_mismatch",
     ["newer Keras 3", "upgrade"]),
    ("h5py/HDF5 (a damaged .h5 file)", "OSError: Unable to open file (bad object header version number)",
     "model_load_failed", ["damaged"]),
    ("tensorflow python/saved_model/loader_impl.py (tf.keras load_model)", "OSError: SavedModel file does not exist "
     "at: /models/m/{saved_model.pbtxt|saved_model.pb}", "savedmodel_not_found", ["directly holds saved_model.pb"]),
    ("keras 2.15.0 engine/base_layer.py (a config of another Keras with trainable: null)", "TypeError: Expected "
     "`trainable` argument to be a boolean, but got: None", "runtime_version_mismatch",
     ["the Keras version that saved it", "load_weights"]),
]


def _first_step(text: str) -> tuple[str, str]:
    found = explain_text(text)
    assert found, text
    return found[0].category, found[0].steps[0] if found[0].steps else ""


def test_every_provoked_message_is_expected_here() -> None:
    assert set(PROVOKED) == set(EXPECTED)
    assert all(r["printed_by"].startswith("keras 3.") for r in PROVOKED.values())


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_keras3_messages_as_printed(case_id: str) -> None:
    category, words = EXPECTED[case_id]
    text = PROVOKED[case_id]["text"]
    if category is None:
        assert explain_text(text) == []
        readings = " ".join(read_unknown(text).readings)
        assert all(w in readings for w in words), readings
        return
    got, step = _first_step(text)
    assert got == category, (case_id, step)
    for w in words:
        assert w.lower() in step.lower(), (case_id, w, step)


@pytest.mark.parametrize("printed_by,text,category,words", KERAS2, ids=[k[0] for k in KERAS2])
def test_keras2_messages_from_their_templates(printed_by: str, text: str, category: str | None,
                                             words: list[str]) -> None:
    if category is None:  # a custom class not registered: CATEGORIES.md has none; the reading's fix names the class
        assert explain_text(text) == [], printed_by
        readings = " ".join(read_unknown(text).readings)
        assert all(w in readings for w in words), readings
        return
    got, step = _first_step(text)
    assert got == category, (printed_by, step)
    for w in words:
        assert w.lower() in step.lower(), (printed_by, w, step)


def test_a_keras_file_taken_for_a_savedmodel_directory_is_also_read_as_a_version_mismatch() -> None:
    """tf.keras <= 2.11 takes any path that is not an .h5 file for a SavedModel directory: for a .keras path the
    message says either that the file is missing or that it is of a newer Keras.  Both readings are given; the
    missing path leads (the catalogue and the platforms' entry for the same TensorFlow message confirm it)."""
    text = "OSError: SavedModel file does not exist at: my_model.keras/{saved_model.pbtxt|saved_model.pb}"
    found = {d.category: d for d in explain_text(text)}
    assert {"savedmodel_not_found", "runtime_version_mismatch"} <= set(found)
    assert "newer Keras" in found["runtime_version_mismatch"].steps[0]


def test_the_oldest_layer_wording_is_read_by_rank() -> None:
    """keras 2.3.1 (and tf.keras before 2.1) named the layer without 'of layer … the layer'."""
    found = explain_text("ValueError: Input 0 is incompatible with layer conv2d_1: expected ndim=4, found ndim=3")
    assert found and found[0].category in ("missing_batch_dimension", "input_shape_mismatch")
    assert "keras 2.3.1" in (found[0].message_source or "")


def test_an_hdf5_lock_is_read_not_categorised() -> None:
    text = ("OSError: Unable to synchronously open file (unable to lock file, errno = 11, error message = 'Resource "
            "temporarily unavailable')")
    assert "runtime_version_mismatch" not in [d.category for d in explain_text(text)]
    assert any("HDF5_USE_FILE_LOCKING=FALSE" in r for r in read_unknown(text).readings)


def test_an_os_refusal_is_read_not_categorised() -> None:
    text = ("PermissionError: [Errno 13] Unable to synchronously create file (unable to open file: name = "
            "'/models/model.h5', errno = 13, error message = 'Permission denied', flags = 13, o_flags = 242)")
    assert explain_text(text) == []
    assert any("Permission denied" in r for r in read_unknown(text).readings)


def test_version_mismatch_direction_follows_the_wording() -> None:
    """The same kind of failure in Keras 3's words (it is the loader, so the file is Keras 2's) and in Keras 2's (the
    file is Keras 3's) gets opposite first steps."""
    _, k3_loads = _first_step(PROVOKED["k3-kwargs-from-keras2"]["text"])
    _, k2_loads = _first_step(KERAS2[0][1])
    assert "saved by Keras 2" in k3_loads and "saved by Keras 3" not in k3_loads
    assert "saved by Keras 3" in k2_loads and "saved by Keras 2" not in k2_loads


def test_a_wrapped_message_is_read_the_same() -> None:
    """A traceback, a log prefix and a JSON error body around a Keras message do not change the reading."""
    inner = PROVOKED["k3-savedmodel-dir"]["text"]
    wrapped = [
        'Traceback (most recent call last):\n  File "serve.py", line 12, in <module>\n    model = keras.models.'
        'load_model(MODEL_DIR)\n  File "/usr/lib/python3.11/site-packages/keras/src/saving/saving_api.py", line '
        f"221, in load_model\n    raise ValueError(\n{inner}",
        f"2026-12-06 11:02:03,410 ERROR worker.py:88] model load failed: {inner}",
        json.dumps({"error": inner}),
    ]
    for text in wrapped:  # a version directory (export/1): the loader, a reading with its fix
        assert explain_text(text) == [] and "TFSMLayer" in " ".join(read_unknown(text).readings), text[:80]
        got, step = _first_step(text.replace("export/1", "k2_model"))  # a folder Keras 2's model.save wrote
        assert got == "runtime_version_mismatch" and "TFSMLayer" in step, text[:80]


def test_keras_entries_name_their_source_version_and_file() -> None:
    entries = json.loads(INDEX_PATH.read_text())["entries"]
    keras = [e for e in entries if e["source"].startswith(("keras ", "tf_keras ", "h5py "))]
    assert len(keras) >= 60
    sources = " ".join(e["source"] for e in keras)
    for label in ("keras 3.", "keras 2.15.0 keras/src/", "tf_keras 2.15.1 tf_keras/src/", "keras 2.6.0 keras/",
                  "keras 2.3.1 keras/", "h5py 3."):
        assert label in sources, label
    assert all(e.get("fix") or e["category"] is None or e.get("decider") or "incompatible" in e["template"]
               or e["template"].startswith(("Layer \"", "Error when checking")) for e in keras)
