"""#15: Python exceptions read by who raised them and which names they carry (sigcheck/explain/frames.py
name_readings, versions.py), and model paths read by their suffix and the loader the traceback shows (causes.py
file_for_a_directory, version_of_a_file).

The texts are the messages as Python, TensorFlow 2.21 and Keras 3 print them: the ``names-*`` records of
tests/explain/data/provoked.jsonl (provoked by scripts/explain_provoke.py --group names), and the same messages
without their traceback, cut, or with the words older versions print (Python < 3.10's ``__init__() got an unexpected
keyword argument``, the TF 2.5 loader's warning).
"""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.frames import name_reading, read_frames
from sigcheck.explain.versions import keras_module, layer_argument, tf1_argument, tf1_only

from .reading import best, provoked_group, said


# ------------------------------------------------------------------------------------------------ the facts


def test_version_facts_come_from_the_sources() -> None:
    assert keras_module("keras.src.engine").keys == ("k215",)  # Keras 2.13-2.15's layout only
    assert keras_module("keras.engine").keras2 and not keras_module("keras.engine").keras3
    assert keras_module("keras.src.trainers").keras3 and not keras_module("keras.src.trainers").keras2
    assert not keras_module("keras.no_such_module").known
    assert tf1_only("", "placeholder") and tf1_only("", "Session") and not tf1_only("", "constant")
    assert tf1_only("train", "Saver") and not tf1_only("train", "Checkpoint")
    assert tf1_argument("keep_dims") == "keepdims" and tf1_argument("reduction_indices") == "axis"
    assert tf1_argument("axis") is None and tf1_argument("dtype") is None  # TensorFlow 2 still takes these
    assert layer_argument("batch_shape") is not None  # Keras 3's InputLayer only
    assert layer_argument("trainable") is None and layer_argument("units") is None  # every Keras has them


# ------------------------------------------------------------------------------------------------ provoked texts


@pytest.mark.parametrize("record", provoked_group("names-"), ids=lambda r: r["id"])
def test_provoked_names(record: dict) -> None:
    if record["category"] == "unknown":  # no category fits: the reading names the fix
        assert explain_text(record["error_text"]) == []
        said_ = " ".join(read_unknown(record["error_text"]).readings)
        assert re.search(record["fix_names"], said_, re.I), said_
        return
    d = best(record["error_text"])
    assert d.category == record["category"], said(d)
    assert re.search(record["fix_names"], said(d), re.I), said(d)


def test_the_names_group_is_recorded() -> None:
    assert len(provoked_group("names-")) >= 9


# ------------------------------------------------------------------------------------------------ modules


def test_keras2_module_in_code_reads_as_code_for_keras2() -> None:
    d = best("Traceback (most recent call last):\n  File \"train.py\", line 2, in <module>\n"
             "    from keras.engine import Layer\nModuleNotFoundError: No module named 'keras.engine'")
    assert d.category == "runtime_version_mismatch"
    assert "The code imports keras.engine" in d.cause and "Keras 2.6" in d.cause
    assert "tf_keras" in d.steps[0] and "public API" in d.steps[0]


def test_the_bare_line_says_both_who() -> None:
    """Without the traceback, the module path may come from the code's import or from a pickle's class path."""
    d = best("ModuleNotFoundError: No module named 'keras.src.engine'")
    assert d.category == "runtime_version_mismatch" and "or a pickled object it loads" in d.cause
    assert d.steps[0].startswith("If it comes from unpickling a model") and "Keras 2.15" in d.steps[0]


def test_pickled_module_path_reads_as_the_pickling_version() -> None:
    text = ("Traceback (most recent call last):\n  File \"app.py\", line 9, in <module>\n"
            "    model = joblib.load('model.joblib')\nModuleNotFoundError: No module named 'keras.src.engine'")
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert d.cause.startswith("The pickled object names keras.src.engine") and "Keras 2.15" in d.cause
    assert "Unpickle it where Keras 2.15" in d.steps[0] and "model.save('model.keras')" in d.steps[0]


def test_keras3_only_module_says_keras3() -> None:
    d = best("Traceback (most recent call last):\n  File \"fit.py\", line 1, in <module>\n"
             "    import keras.src.trainers\nModuleNotFoundError: No module named 'keras.src.trainers'")
    assert d.category == "runtime_version_mismatch" and "Keras 3" in d.cause
    assert d.steps[0].startswith("Run the code with Keras 3")


def test_another_library_module_is_not_a_keras_version() -> None:
    assert name_reading(read_frames(""), "ModuleNotFoundError: No module named 'cv2'") is None
    for d in explain_text("ModuleNotFoundError: No module named 'cv2'"):
        assert d.category != "runtime_version_mismatch"


def test_a_private_tensorflow_path_is_a_weaker_reading() -> None:
    text = ("ImportError: cannot import name 'get_config' from 'tensorflow.python.eager.context' "
            "(/usr/local/lib/python3.7/dist-packages/tensorflow/python/eager/context.py)")
    d = best(text)
    assert d.category == "runtime_version_mismatch" and d.confidence < 0.8
    assert "private TensorFlow module path" in d.cause


# ------------------------------------------------------------------------------------------------ arguments and API


def test_tf1_argument_without_traceback() -> None:
    d = best("TypeError: Got an unexpected keyword argument 'keep_dims'")
    assert d.category == "runtime_version_mismatch"
    assert "keepdims" in said(d)
    assert all(x.category != "input_keys_mismatch" or x.confidence < d.confidence for x in explain_text(
        "TypeError: Got an unexpected keyword argument 'keep_dims'"))


def test_keras_key_with_a_typo_in_the_message() -> None:
    """A paste that lost the 'un' of 'unexpected' still carries the name."""
    d = best("TypeError: __init__() got an expected keyword argument 'ragged'")
    assert d.category == "runtime_version_mismatch" and "ragged" in d.cause


def test_an_unknown_argument_of_user_code_is_no_version() -> None:
    assert name_reading(read_frames(""), "TypeError: fit() got an unexpected keyword argument 'epochz'") is None
    assert name_reading(read_frames(""), "TypeError: make() got an unexpected keyword argument 'shape'") is None


def test_tf1_api_name() -> None:
    d = best("AttributeError: module 'tensorflow' has no attribute 'Session'")
    assert d.category == "runtime_version_mismatch" and "tf.compat.v1.Session" in d.steps[0]
    d = best("AttributeError: module 'tensorflow._api.v2.train' has no attribute 'Saver'")
    assert d.category == "runtime_version_mismatch" and "tf.compat.v1.train.Saver" in d.steps[0]
    weak = name_reading(read_frames(""), "AttributeError: module 'tensorflow' has no attribute 'Sessionn'")
    assert weak is not None and weak.score < 0.7  # no version has it: another version's name, or a typo


def test_an_attribute_a_keras_module_lacks_is_a_weaker_version_reading() -> None:
    d = best("AttributeError: module 'tensorflow.python.keras.backend' has no attribute 'tf'")
    assert d.category == "runtime_version_mismatch" and d.confidence < 0.7
    assert "tf_keras" in d.steps[0]
    assert name_reading(read_frames(""), "AttributeError: module 'numpy' has no attribute 'float'") is None


HUB_CUT = """OSError                                   Traceback (most recent call last)
~\\AppData\\Local\\Temp/ipykernel_10908/453047902.py in <module>
----> 2 encoder = hub.KerasLayer('https://tfhub.dev/tensorflow/bert_en_uncased_L-12_H-768_A-12/4')

~\\AppData\\Local\\Programs\\Python\\Python39\\lib\\site-packages\\tensorflow_hub\\keras_layer.py in __init__(self, handle)
--> 153     self._func = load_module(handle, tags, self._load_options)

~\\AppData\\Local\\Programs\\Python\\Python39\\lib\\site-packages\\tensorflow_hub\\keras_layer.py in load_module(handle, tags, load_options)
    447       except ImportError:  # Expected before TF2.4.
"""


def test_a_cut_oserror_in_tf_hub_is_its_cache() -> None:
    """tensorflow_hub's resolver caches downloads in $TFHUB_CACHE_DIR or <temp>/tfhub_modules."""
    d = best(HUB_CUT)
    assert d.category == "savedmodel_not_found" and "tfhub_modules" in d.steps[0]


# ------------------------------------------------------------------------------------------------ restored objects


WARNING = ("WARNING:tensorflow:SavedModel saved prior to TF 2.5 detected when loading Keras model. Please ensure that "
           "you are saving the model with model.save() or tf.keras.models.save_model(), *NOT* tf.saved_model.save(). "
           "To confirm, there should be a file named \"keras_metadata.pb\" in the SavedModel directory.\n")


def test_user_object_after_the_loader_warning_is_a_reading_too() -> None:
    """Session 16: with tf.keras's warning that the SavedModel lacks Keras metadata, the restored object's missing
    predict() is read as it is alone, no version mismatch: 9 of the 10 labelled texts of it say no category fits (the
    export was written by tf.saved_model.save or Keras 3's model.export, not by another version), one thread a
    version; the reading names keras_metadata.pb and the signature to call."""
    text = WARNING + "AttributeError: '_UserObject' object has no attribute 'predict'"
    assert explain_text(text) == []
    found = [r for r in read_unknown(text).readings if "keras_metadata.pb" in r]
    assert found and "signatures['serving_default']" in found[0]


def test_user_object_alone_is_a_reading_with_its_fix() -> None:
    text = "AttributeError: '_UserObject' object has no attribute 'predict'"
    assert explain_text(text) == []
    assert any("signatures['serving_default']" in r for r in read_unknown(text).readings)


def test_unknown_opcode_in_a_lambda() -> None:
    text = ("  File \"/opt/conda/lib/python3.6/site-packages/keras/layers/core.py\", line 663, in call\n"
            "    return self.function(inputs, **arguments)\n"
            "  File \"<ipython-input-8-be15121d8712>\", line 7, in <lambda>\nSystemError: unknown opcode")
    d = best(text)
    assert d.category == "runtime_version_mismatch" and "Lambda" in d.cause and "load_weights" in d.steps[0]


# ------------------------------------------------------------------------------------------------ paths by suffix


def test_h5_path_without_traceback_keeps_the_missing_file_reading() -> None:
    d = best("OSError: SavedModel file does not exist at: brain.h5/{saved_model.pbtxt|saved_model.pb}")
    assert d.category == "savedmodel_not_found" and "brain.h5 is not a SavedModel directory" in d.cause


def test_model_suffix_without_traceback_says_both() -> None:
    d = best("OSError: SavedModel file does not exist at: /home/pi/mask_detector.model/"
             "{saved_model.pbtxt|saved_model.pb}")
    assert d.category == "savedmodel_not_found"
    assert "nothing is at that path" in d.cause and "HDF5" in d.cause
    assert "keras.models.load_model('/home/pi/mask_detector.model')" in d.steps[0]


def test_keras3_unsupported_directory_stays_a_savedmodel() -> None:
    d = best("ValueError: File format not supported: filepath=saved_model_dir. Keras 3 only supports V3 `.keras` "
             "files, legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is not supported "
             "by `load_model()` in Keras 3.")
    assert d.category == "runtime_version_mismatch" and "TFSMLayer" in d.steps[0]


def test_keras3_unsupported_suffix_is_the_extension() -> None:
    d = best("ValueError: File format not supported: filepath=models/clf.hdf. Keras 3 only supports V3 `.keras` "
             "files, legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is not "
             "supported by `load_model()` in Keras 3.")
    assert "extension" in d.cause and "rename it to models/clf.h5" in d.steps[0]


# ------------------------------------------------------------------------------------------------ built-ins, pickles

KERAS3_H5_LOAD = (
    "Traceback (most recent call last):\n  File \"x.py\", line 4, in <module>\n    m = keras.models.load_model('m.h5')\n"
    "  File \"/usr/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 196, in load_model\n"
    "    return legacy_h5_format.load_model_from_hdf5(\n"
    "TypeError: Could not locate function '{name}'. Make sure custom classes are decorated with "
    "`@keras.saving.register_keras_serializable()`. Full object config: {{'module': 'keras.metrics', 'class_name': "
    "'function', 'config': '{name}', 'registered_name': '{name}'}}")


def test_a_builtin_metric_keras_cannot_locate_is_a_version() -> None:
    d = best(KERAS3_H5_LOAD.format(name="mae"))
    assert d.category == "runtime_version_mismatch" and "compile=False" in d.steps[0]


def test_a_custom_function_keras_cannot_locate_stays_a_custom_object() -> None:
    text = KERAS3_H5_LOAD.format(name="focal_loss_fixed")
    assert explain_text(text) == []  # a custom object: CATEGORIES.md has no category for it; the reading's fix
    said = " ".join(read_unknown(text).readings)
    assert "custom_objects={'focal_loss_fixed': focal_loss_fixed}" in said and "compile=False" in said


@pytest.mark.parametrize("key,words", [("v", "git lfs"), ("<", "HTML"), ("P", "ZIP"), ("H", "HDF5"),
                                       ("\\x1f", "gzip")])
def test_the_byte_pickle_refused_names_the_file(key: str, words: str) -> None:
    d = best(f"_pickle.UnpicklingError: invalid load key, '{key}'.")
    assert d.category == "savedmodel_not_found" and words.lower() in said(d).lower()


def test_an_unknown_first_byte_is_no_reading() -> None:
    assert name_reading(read_frames(""), "_pickle.UnpicklingError: invalid load key, 'x'.") is None


def test_a_pickle_that_ran_out_is_a_cut_file() -> None:
    d = best("EOFError: Ran out of input")
    assert d.category == "model_load_failed" and "size" in d.steps[0]


def test_scikit_learn_unpickle_warning_names_both_versions() -> None:
    """sklearn/base.py's InconsistentVersionWarning, printed before what the unpickled estimator then fails on."""
    d = best("/usr/local/lib/python3.10/dist-packages/sklearn/base.py:348: InconsistentVersionWarning: Trying to "
             "unpickle estimator DecisionTreeClassifier from version 1.0.2 when using version 1.3.0. This might lead "
             "to breaking code or invalid results. Use at your own risk.\n  warnings.warn(\nAttributeError: "
             "'DecisionTreeClassifier' object has no attribute 'monotonic_cst'")
    assert d.category == "runtime_version_mismatch"
    assert "scikit-learn 1.0.2" in d.cause and "scikit-learn==1.0.2" in d.steps[0] and "1.3.0," in d.steps[0]


def test_a_generic_exception_after_the_keras_metadata_warning() -> None:
    text = (WARNING + "Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n"
            "    model = tf.keras.models.load_model('saved')\n"
            "  File \"/usr/local/lib/python3.8/site-packages/keras/saving/saved_model/load.py\", line 143, in load\n"
            "    keras_loader.finalize_objects()\nKeyError: 'output_1'")
    d = best(text)
    assert d.category == "runtime_version_mismatch" and "keras_metadata.pb" in d.cause
    assert d.steps[0].startswith("Call the SavedModel without rebuilding it")


def test_a_tensorflow_module_no_version_has() -> None:
    d = best("ModuleNotFoundError: No module named 'tensorflow.contrib'")
    assert d.category == "runtime_version_mismatch" and "installed TensorFlow does not have" in d.cause
    assert "tf.compat.v1" in d.steps[0]


def test_ipython_and_wrapped_pastes_read_the_same() -> None:
    ipy = ("ModuleNotFoundError                       Traceback (most recent call last)\n"
           "<ipython-input-3-4a1c2b3d4e5f> in <module>\n----> 1 from keras.engine.topology import Layer\n\n"
           "ModuleNotFoundError: No module named 'keras.engine.topology'")
    assert "Keras 2.3" in best(ipy).cause
    for text in ("{\"error\": \"ModuleNotFoundError: No module named 'keras.src.engine'\"}",
                 "ImportError: No module named keras.src.engine"):
        d = best(text)
        assert d.category == "runtime_version_mismatch" and "Keras 2.15" in d.cause
        assert "or a pickled object it loads" in d.cause


def test_a_config_without_class_name_is_another_keras_layout() -> None:
    d = best("KeyError: class_name")
    assert d.category == "runtime_version_mismatch" and "{'class_name'" in d.cause
    assert d.steps[0].startswith("Load the model with the Keras version that wrote its config")


def test_keras1_argument_names() -> None:
    """Keras 2.3.1's legacy interfaces convert Keras 1's argument names: a Keras that no longer does refuses them."""
    d = best("TypeError: Conv2D.__init__() got an unexpected keyword argument 'nb_filter'")
    assert d.category == "runtime_version_mismatch" and d.steps[0].startswith("Use 'filters' instead of 'nb_filter'")
    d = best("TypeError: fit() got an unexpected keyword argument 'nb_epoch'")
    assert d.category == "runtime_version_mismatch" and "'epochs'" in d.steps[0]
    assert name_reading(read_frames(""), "TypeError: Dense.__init__() got an unexpected keyword argument 'units2'") \
        is None


def test_a_keras2_only_layer_argument_named_by_its_class() -> None:
    """Python 3.10+ prints the class (LSTM.__init__): with a Keras 2-only argument that is enough."""
    d = best("TypeError: LSTM.__init__() got an unexpected keyword argument 'time_major'")
    assert d.category == "runtime_version_mismatch" and "Keras 2.15" in d.cause


def test_a_loader_that_names_the_missing_file() -> None:
    for text, path in (("ValueError: File not found: filepath=models/classifier.keras. Please ensure the file is an "
                        "accessible `.keras` zip file.", "models/classifier.keras"),
                       ("OSError: Unable to open file (unable to open file: name = 'model.h5', errno = 2, error "
                        "message = 'No such file or directory', flags = 0, o_flags = 0)", "model.h5")):
        d = best(text)
        assert d.category == "savedmodel_not_found"
        if path.endswith(".keras"):  # Keras 3 says 'File not found' for any .keras path that is no zip (trial9 F3)
            assert "missing or not a .keras zip" in d.cause
        else:
            assert d.cause.startswith(f"Nothing is at {path}")
        assert f"os.path.exists('{path}')" in d.steps[0]


def test_a_directory_given_to_a_file_loader() -> None:
    d = best("IsADirectoryError: [Errno 21] Is a directory: 'export/1'")
    assert d.category == "savedmodel_not_found" and "tf.saved_model.load('export/1')" in d.steps[0]


def test_a_saved_config_object_lacking_a_field() -> None:
    d = best("AttributeError: 'N2VConfig' object has no attribute 'blurpool'")
    assert d.category == "runtime_version_mismatch" and d.confidence < 0.7 and "N2VConfig" in d.cause


def test_a_serving_wrapper_that_unpickles() -> None:
    d = best('{"error": "ModuleNotFoundError: No module named \'keras.src.engine\'", "loader": "mlflow.pyfunc"}')
    assert d.cause.startswith("The pickled object names keras.src.engine")


def test_a_reshape_reading_a_weights_file_is_the_models_constants() -> None:
    """Who raised it: numpy's reshape inside the code that reads weights into a model built in code."""
    text = ("Traceback (most recent call last):\n  File \"save_model.py\", line 41, in save_tf\n"
            "    utils.load_weights(model, FLAGS.weights)\n  File \"/home/u/core/utils.py\", line 114, in load_weights\n"
            "    conv_weights = conv_weights.reshape(conv_shape).transpose([2, 3, 1, 0])\n"
            "ValueError: cannot reshape array of size 4619172 into shape (1024,512,3,3)")
    d = best(text)
    assert d.category == "model_graph_shape_bug" and "class count" in d.cause
    # the same message raised while preprocessing an image is no weights file
    d = best("Traceback (most recent call last):\n  File \"predict.py\", line 9, in <module>\n"
             "    x = img.reshape((1, 224, 224, 3))\nValueError: cannot reshape array of size 50176 into shape "
             "(1,224,224,3)")
    assert d.category != "model_graph_shape_bug"


@pytest.mark.parametrize("text", [
    "got an unexpected keyword argument " * 30000,
    "TypeError: Got an unexpected keyword argument 'keep_dims' " * 20000,
    "No module named 'keras." + "a." * 100000 + "'",
    "module 'tensorflow' has no attribute 'a' " * 30000,
    "_pickle.UnpicklingError: invalid load key, 'v'. " * 30000,
])
def test_name_readings_stay_linear_on_hostile_texts(text: str) -> None:
    import time

    t0 = time.process_time()
    explain_text(text)
    assert time.process_time() - t0 < 1.5


def test_keras3_parent_module_names_the_writing_keras() -> None:
    """serialization_lib: 'Could not deserialize class X because its parent module M cannot be imported'."""
    d = best("TypeError: Could not deserialize class 'Functional' because its parent module "
             "keras.src.engine.functional cannot be imported. Full object config: {'module': "
             "'keras.src.engine.functional', 'class_name': 'Functional', 'config': {}}")
    assert d.category == "runtime_version_mismatch"
    assert d.cause.startswith("The saved model's config names keras.src.engine.functional") and "2.15" in d.cause


@pytest.mark.parametrize("text, module", [
    # Keras.NET (pythonnet) bound to a Python without TensorFlow (threads_10, working half)
    ("Python.Runtime.PythonException: 'ModuleNotFoundError : No module named 'tensorflow'", "tensorflow"),
    ('Traceback (most recent call last):\n  File "predict.py", line 1, in <module>\n    import tensorflow as tf\n'
     "ModuleNotFoundError: No module named 'tensorflow'", "tensorflow"),
    ("Error in py_module_import(module, convert = convert) :\n  ModuleNotFoundError: No module named 'keras'", "keras"),
])
def test_no_tensorflow_at_all_is_the_python_in_use(text: str, module: str) -> None:
    d = explain_text(text)[0]
    assert d.category == "local_env_python_mismatch"
    assert d.title == f"The Python in use has no {module} installed"
    assert d.steps == [d.steps[0]] and f"pip install {module}" in d.steps[0] and "virtualenv" in d.steps[0]
    assert "gcloud ai-platform local predict" not in (d.verify or "")


def test_a_module_under_tensorflow_is_still_a_version() -> None:
    d = explain_text("ModuleNotFoundError: No module named 'tensorflow.contrib'")[0]
    assert d.category == "runtime_version_mismatch"
