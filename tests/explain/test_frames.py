"""The frames of a pasted traceback (sigcheck.explain.frames): where an exception was raised, and what it means.

The Keras 3 / TensorFlow texts below were provoked for real with the installed Keras 3.15.1 / TensorFlow 2.21 on
Python 3.11 (a throwaway script: a .keras file whose config.json was edited the way another Keras version writes it,
a custom layer, predict with the wrong inputs) and recorded verbatim, so these tests need no TensorFlow.  The IPython
texts follow IPython's ultratb formats (IPython 8: ``File ~/x.py:70, in f(…)`` / ``Cell In[3], line 1``; IPython 5-7:
``~/x.py in f(…)`` / ``<ipython-input-3-…> in <module>``).
"""

from __future__ import annotations

import re
import resource

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain import frames as fr_mod
from sigcheck.explain.patterns import Lazy
from sigcheck.explain.frames import GENERIC, read_frames

# ------------------------------------------------------------------------------------------------ recorded texts

KERAS3_LOAD_NOCLS = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 7, in rec\n"
    "    fn()\n"
    "  File \"/tmp/b6/provoke.py\", line 32, in <lambda>\n"
    "    rec(\"keras3_load_nocls\", lambda: keras.models.load_model(\"nocls.keras\"))\n"
    "                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 190, in load_model\n"
    "    return saving_lib.load_model(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 368, in load_model\n"
    "    return _load_model_from_fileobj(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 503, in _load_model_from_fileobj\n"
    "    model = _model_from_config(\n"
    "            ^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 434, in _model_from_config\n"
    "    model = deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/model.py\", line 891, in from_config\n"
    "    return functional_from_config(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 607, in functional_from_config\n"
    "    process_layer(layer_data)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 578, in process_layer\n"
    "    raise ValueError(\n"
    "ValueError: Unexpected object from deserialization, expected a layer or operation, got a <class 'dict'>\n"
)

KERAS3_LOAD_NODES = (
    "Traceback (most recent call last):\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/model.py\", line 891, in from_config\n"
    "    return functional_from_config(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 627, in functional_from_config\n"
    "    process_node(layer, node_data)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 553, in process_node\n"
    "    args, kwargs = deserialize_node(node_data, created_layers)\n"
    "                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 807, in deserialize_node\n"
    "    args = serialization_lib.deserialize_keras_object(node_data[\"args\"])\n"
    "                                                      ~~~~~~~~~^^^^^^^^\n"
    "TypeError: string indices must be integers, not 'str'\n"
    "\n"
    "During handling of the above exception, another exception occurred:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 7, in rec\n"
    "    fn()\n"
    "  File \"/tmp/b6/provoke.py\", line 33, in <lambda>\n"
    "    rec(\"keras3_load_nodes\", lambda: keras.models.load_model(\"nodes.keras\"))\n"
    "                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 190, in load_model\n"
    "    return saving_lib.load_model(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 368, in load_model\n"
    "    return _load_model_from_fileobj(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 503, in _load_model_from_fileobj\n"
    "    model = _model_from_config(\n"
    "            ^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 434, in _model_from_config\n"
    "    model = deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 777, in deserialize_keras_object\n"
    "    raise TypeError(\n"
    "TypeError: <class 'keras.src.models.functional.Functional'> could not be deserialized properly. Please ensure that components that are Python object instances (layers, models, etc.) returned by `get_config()` are explicitly deserialized in the model's `from_config()` method.\n"
    "\n"
    "config={'module': 'keras.src.models.functional', 'class_name': 'Functional', 'config': {}, 'registered_name': 'Functional', 'build_config': {'input_shape': None}, 'compile_config': {}}.\n"
    "\n"
    "Exception encountered: string indices must be integers, not 'str'\n"
)

KERAS3_LOAD_INPUTS = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke2.py\", line 7, in rec\n"
    "    fn(); out[name] = None\n"
    "    ^^^^\n"
    "  File \"/tmp/b6/provoke2.py\", line 25, in <lambda>\n"
    "    rec(\"keras3_load_inputs\", lambda: keras.models.load_model(\"two_bad.keras\"))\n"
    "                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 190, in load_model\n"
    "    return saving_lib.load_model(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 368, in load_model\n"
    "    return _load_model_from_fileobj(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 503, in _load_model_from_fileobj\n"
    "    model = _model_from_config(\n"
    "            ^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 434, in _model_from_config\n"
    "    model = deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/model.py\", line 891, in from_config\n"
    "    return functional_from_config(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 627, in functional_from_config\n"
    "    process_node(layer, node_data)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 556, in process_node\n"
    "    layer(*args, **kwargs)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py\", line 122, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/layers/input_spec.py\", line 164, in assert_input_compatibility\n"
    "    raise ValueError(\n"
    "ValueError: Layer \"inner\" expects 2 named input(s) with keys ['a', 'b'], but it received 1 input tensors. Pass inputs as a dict, e.g. `layer({'a': ..., 'b': ...})`.\n"
)

KERAS3_PREDICT_INPUTS = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke2.py\", line 7, in rec\n"
    "    fn(); out[name] = None\n"
    "    ^^^^\n"
    "  File \"/tmp/b6/provoke2.py\", line 26, in <lambda>\n"
    "    rec(\"keras3_predict_inputs\", lambda: outer.predict(np.zeros((2, 3)), verbose=0))\n"
    "                                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py\", line 122, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/layers/input_spec.py\", line 164, in assert_input_compatibility\n"
    "    raise ValueError(\n"
    "ValueError: Layer \"functional\" expects 2 named input(s) with keys ['x', 'y'], but it received 1 input tensors. Pass inputs as a dict, e.g. `layer({'x': ..., 'y': ...})`.\n"
)

KERAS3_PREDICT = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 7, in rec\n"
    "    fn()\n"
    "  File \"/tmp/b6/provoke.py\", line 40, in <lambda>\n"
    "    rec(\"keras3_predict\", lambda: m.predict(np.zeros((2, 5)), verbose=0))\n"
    "                                  ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py\", line 122, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/layers/input_spec.py\", line 256, in assert_input_compatibility\n"
    "    raise ValueError(\n"
    "ValueError: Input 0 with name 'input_layer' of layer 'functional' is incompatible with the layer: expected shape=(None, 3), found shape=(2, 5)\n"
)

TF_LOAD_CALL = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 7, in rec\n"
    "    fn()\n"
    "  File \"/tmp/b6/provoke.py\", line 57, in <lambda>\n"
    "    rec(\"tf_load_call\", lambda: tf.saved_model.load(\"exp\").serve(tf.zeros((2, 5))))\n"
    "                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/util/traceback_utils.py\", line 167, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/eager/polymorphic_function/function_type_utils.py\", line 446, in bind_function_inputs\n"
    "    raise TypeError(\n"
    "TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(2, 5), dtype=tf.float32, name='keras_tensor') to TensorSpec(shape=(None, 3), dtype=tf.float32, name='keras_tensor')`. Received args: (<tf.Tensor: shape=(2, 5), dtype=float32, numpy=\n"
    "array([[0., 0., 0., 0., 0.],\n"
    "       [0., 0., 0., 0., 0.]], dtype=float32)>,) and kwargs: {} for signature: (args_0: TensorSpec(shape=(None, 3), dtype=tf.float32, name='keras_tensor')).\n"
)

CHAINED = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 43, in chained\n"
    "    keras.models.load_model(\"nocls.keras\")\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 190, in load_model\n"
    "    return saving_lib.load_model(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 368, in load_model\n"
    "    return _load_model_from_fileobj(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 503, in _load_model_from_fileobj\n"
    "    model = _model_from_config(\n"
    "            ^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 434, in _model_from_config\n"
    "    model = deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/model.py\", line 891, in from_config\n"
    "    return functional_from_config(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 607, in functional_from_config\n"
    "    process_layer(layer_data)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 578, in process_layer\n"
    "    raise ValueError(\n"
    "ValueError: Unexpected object from deserialization, expected a layer or operation, got a <class 'dict'>\n"
    "\n"
    "The above exception was the direct cause of the following exception:\n"
    "\n"
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke.py\", line 7, in rec\n"
    "    fn()\n"
    "  File \"/tmp/b6/provoke.py\", line 45, in chained\n"
    "    raise RuntimeError(\"could not load the model\") from e\n"
    "RuntimeError: could not load the model\n"
)

CUSTOM_FROM_CONFIG = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke3.py\", line 9, in rec\n"
    "    fn(); out[name] = None\n"
    "    ^^^^\n"
    "  File \"/tmp/b6/provoke3.py\", line 13, in <lambda>\n"
    "    rec(\"custom_from_config\", lambda: keras.models.load_model(\"scale.keras\"))\n"
    "                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_api.py\", line 190, in load_model\n"
    "    return saving_lib.load_model(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 368, in load_model\n"
    "    return _load_model_from_fileobj(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 503, in _load_model_from_fileobj\n"
    "    model = _model_from_config(\n"
    "            ^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/saving_lib.py\", line 434, in _model_from_config\n"
    "    model = deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/model.py\", line 891, in from_config\n"
    "    return functional_from_config(\n"
    "           ^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 607, in functional_from_config\n"
    "    process_layer(layer_data)\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/models/functional.py\", line 574, in process_layer\n"
    "    layer = serialization_lib.deserialize_keras_object(\n"
    "            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 775, in deserialize_keras_object\n"
    "    instance = cls.from_config(inner_config)\n"
    "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/tmp/b6/app/layers.py\", line 17, in from_config\n"
    "    settings = config[\"settings\"]\n"
    "               ~~~~~~^^^^^^^^^^^^\n"
    "KeyError: 'settings'\n"
)

PREDICT_KEYERROR = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke3.py\", line 9, in rec\n"
    "    fn(); out[name] = None\n"
    "    ^^^^\n"
    "  File \"/tmp/b6/provoke3.py\", line 15, in <lambda>\n"
    "    rec(\"predict_keyerror\", lambda: m2.predict(np.zeros((2, 3)), verbose=0))\n"
    "                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py\", line 122, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/tmp/b6/app/layers.py\", line 24, in call\n"
    "    return x * table[\"class_name\"]\n"
    "               ~~~~~^^^^^^^^^^^^^^\n"
    "KeyError: \"Exception encountered when calling Lookup.call().\\n\\n\\x1b[1mCould not automatically infer the output shape / dtype of 'lookup' (of type Lookup). Either the `Lookup.call()` method is incorrect, or you need to implement the `Lookup.compute_output_spec() / compute_output_shape()` method. Error encountered:\\n\\n'class_name'\\x1b[0m\\n\\nArguments received by Lookup.call():\\n  \u2022 args=('<KerasTensor shape=(2, 3), dtype=float32, sparse=False, ragged=False, name=keras_tensor_2>',)\\n  \u2022 kwargs=<class 'inspect._empty'>\"\n"
)

USER_KEYERROR = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke3.py\", line 9, in rec\n"
    "    fn(); out[name] = None\n"
    "    ^^^^\n"
    "  File \"/tmp/b6/provoke3.py\", line 18, in user\n"
    "    return config[\"class_name\"]\n"
    "           ~~~~~~^^^^^^^^^^^^^^\n"
    "KeyError: 'class_name'\n"
)

# model.save of a layer whose get_config returns an object (Keras 3.15.1).
KERAS3_SAVE = (
    "Traceback (most recent call last):\n"
    "  File \"/tmp/b6/provoke4.py\", line 12, in <module>\n"
    "    m.save(\"bad.keras\")\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py\", line 122, in error_handler\n"
    "    raise e.with_traceback(filtered_tb) from None\n"
    "  File \"/work/main/.venv/lib/python3.11/site-packages/keras/src/saving/serialization_lib.py\", line 416, in _get_class_or_fn_config\n"
    "    raise TypeError(\n"
    "TypeError: Cannot serialize object <object object at 0x7f5dbf51ae70> of type <class 'object'>. To be serializable, a class must implement the `get_config()` method.\n"
)

# A user's own code raising the generic exceptions (CPython 3.11, run for real).
USER_TYPEERROR = (
    "Traceback (most recent call last):\n"
    '  File "/tmp/b6/user.py", line 7, in <module>\n'
    '    from_settings({"units": 2, "groups": 2})\n'
    '  File "/tmp/b6/user.py", line 5, in from_settings\n'
    "    return build(**cfg)\n"
    "           ^^^^^^^^^^^^\n"
    "TypeError: build() got an unexpected keyword argument 'groups'\n"
)

# IPython 8 (ultratb's verbose format), a tf.keras 2 model rebuilt by Keras 2's functional from_config.
IPYTHON8_LOAD = """---------------------------------------------------------------------------
IndexError                                Traceback (most recent call last)
Cell In[4], line 3
      1 import tensorflow as tf
----> 3 model = tf.keras.models.load_model("model.h5")

File ~/venv/lib/python3.10/site-packages/keras/utils/traceback_utils.py:70, in filter_traceback.<locals>.error_handler(*args, **kwargs)
     67     filtered_tb = _process_traceback_frames(e.__traceback__)
     68     # To get the full stack trace, call:
     69     # `tf.debugging.disable_traceback_filtering()`
---> 70     raise e.with_traceback(filtered_tb) from None
     71 finally:
     72     del filtered_tb

File ~/venv/lib/python3.10/site-packages/keras/engine/functional.py:1338, in reconstruct_from_config(config, custom_objects, created_layers)
   1336 for layer_data in config["layers"]:
-> 1338     process_layer(layer_data)

IndexError: list index out of range
"""

# IPython 5-7, the same exception raised by predict (tf.keras 2's training.py).
IPYTHON7_PREDICT = """---------------------------------------------------------------------------
IndexError                                Traceback (most recent call last)
<ipython-input-7-3f1c2a9b8d0e> in <module>
----> 1 preds = model.predict(batch)

~/venv/lib/python3.7/site-packages/tensorflow/python/keras/engine/training.py in predict(self, x, batch_size, verbose, steps, callbacks, max_queue_size, workers, use_multiprocessing)
   1627           for step in data_handler.steps():
   1628             callbacks.on_predict_batch_begin(step)
-> 1629             tmp_batch_outputs = self.predict_function(iterator)

IndexError: list index out of range
"""

# IPython 5-7 cut before the end (only the header names the exception): tf.saved_model.load's loader.
IPYTHON7_CUT = """---------------------------------------------------------------------------
TypeError                                 Traceback (most recent call last)
~/project/serve.py in <module>
      4 }
----> 5 m = tf.keras.models.load_model("exported", custom_objects=custom_objects)

~/venv/lib/python3.6/site-packages/tensorflow/python/keras/saving/save.py in load_model(filepath, custom_objects, compile)
    189       loader_impl.parse_saved_model(filepath)
--> 190       return saving_load.load(filepath, compile)

~/venv/lib/python3.6/site-packages/tensorflow/python/saved_model/load.py in load_internal(export_dir, tags, loader_cls)
    602       loader = loader_cls(object_graph_proto,
"""


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def _top(text: str) -> str:
    found = explain_text(text)
    return found[0].category if found else "unknown"


# ------------------------------------------------------------------------------------------------ reading frames

def test_cpython_frames_in_order_with_library_and_source_line() -> None:
    fr = read_frames(KERAS3_LOAD_NOCLS)
    assert [f.function for f in fr.frames][:4] == ["rec", "<lambda>", "load_model", "load_model"]
    first, at = fr.frames[0], fr.frames[-1]
    assert (first.library, first.line, first.code) == ("user", 7, "fn()")
    assert (at.library, at.module, at.function, at.line) == ("keras", "keras.src.models.functional", "process_layer", 578)
    assert at.code == "raise ValueError("  # 3.11's ^^^^ marks are no source line
    assert fr.exception == "ValueError"
    assert fr.message.startswith("Unexpected object from deserialization")
    assert fr.phase == "load" and fr.loading and not fr.cut
    assert fr.loader is not None and fr.loader.function == "load_model"
    assert fr.raised_in is at and at.where == "keras/src/models/functional.py process_layer"


def test_chain_the_last_exception_is_the_one_printed_last() -> None:
    fr = read_frames(KERAS3_LOAD_NODES)  # TypeError: string indices ... during handling of which Keras raised again
    assert fr.chain == ("TypeError", "TypeError")
    assert fr.exception == "TypeError" and fr.message.startswith("<class 'keras.src.models.functional.Functional'>")
    assert fr.frames[-1].function == "deserialize_keras_object" and fr.frames[-1].line == 777
    direct = read_frames(CHAINED)  # raise RuntimeError(...) from e in the user's own except block
    assert direct.chain == ("ValueError", "RuntimeError")
    # the last traceback is the user's re-raise: the exception that says where it failed is the library's
    assert direct.reraised_as == "RuntimeError"
    assert direct.exception == "ValueError" and direct.message.startswith("Unexpected object from deserialization")
    assert direct.phase == "load" and direct.raised_in is not None
    assert direct.raised_in.function == "process_layer"


def test_library_of_each_frame() -> None:
    libs = {f.library for f in read_frames(TF_LOAD_CALL).frames}
    assert libs == {"user", "tensorflow"}
    assert [f.library for f in read_frames(IPYTHON7_CUT).frames] == ["user", "tf.keras", "tensorflow.saved_model"]
    windows = ('Traceback (most recent call last):\n  File "D:\\Program Files\\envs\\py36\\lib\\site-packages\\tf_keras'
               '\\src\\saving\\legacy\\serialization.py", line 3, in deserialize_keras_object\n'
               '  File "C:\\Python39\\lib\\pickle.py", line 1, in load\nKeyError: 3\n')
    fr = read_frames(windows)
    assert [(f.library, f.module) for f in fr.frames] == [
        ("tf_keras", "tf_keras.src.saving.legacy.serialization"), ("python", "pickle")]
    assert fr.phase == "load" and fr.exception == "KeyError"


def test_ipython_8_frames_and_cell() -> None:
    fr = read_frames(IPYTHON8_LOAD)
    assert [(f.path, f.line, f.function) for f in fr.frames] == [
        ("Cell In[4]", 3, "<module>"),
        ("~/venv/lib/python3.10/site-packages/keras/utils/traceback_utils.py", 70,
         "error_handler"),  # (IPython prints the qualified name, Python's traceback the function's own)
        ("~/venv/lib/python3.10/site-packages/keras/engine/functional.py", 1338, "reconstruct_from_config")]
    assert fr.frames[0].code == 'model = tf.keras.models.load_model("model.h5")'
    assert fr.frames[-1].code == 'process_layer(layer_data)'
    assert (fr.exception, fr.message, fr.phase) == ("IndexError", "list index out of range", "load")


def test_ipython_7_frames_and_a_paste_cut_inside_the_loader() -> None:
    fr = read_frames(IPYTHON7_PREDICT)
    assert [f.function for f in fr.frames] == ["<module>", "predict"]
    assert fr.frames[0].path.startswith("<ipython-input-7-")
    assert fr.phase == "call" and fr.exception == "IndexError"
    cut = read_frames(IPYTHON7_CUT)
    assert cut.cut and cut.exception == "TypeError"  # from IPython's header: the end of the paste is missing
    assert cut.phase == "load" and cut.raised_in is not None and cut.raised_in.function == "load_internal"


def test_escaped_and_flattened_pastes() -> None:
    body = '{"error": "Traceback (most recent call last):\\n  File \\"/srv/app.py\\", line 9, in handler\\n' \
           '  File \\"/usr/lib/python3/dist-packages/keras/saving/saving_api.py\\", line 2, in load_model\\n' \
           'KeyError: \'class_name\'"}'
    fr = read_frames(body)
    assert [f.function for f in fr.frames] == ["handler", "load_model"] and fr.exception == "KeyError"
    flat = ('Traceback (most recent call last): File "main.py", line 3, in <module> File "/x/site-packages/'
            'tensorflow/python/saved_model/loader_impl.py", line 9, in load')
    fr = read_frames(flat)
    assert [f.module for f in fr.frames] == ["main.py", "tensorflow.python.saved_model.loader_impl"]
    assert fr.phase == "load" and fr.cut
    quoted = "".join("> " + line for line in USER_KEYERROR.splitlines(keepends=True))  # an issue comment quoting it
    fr = read_frames(quoted)
    assert [f.function for f in fr.frames] == ["rec", "user"] and fr.exception == "KeyError"
    assert fr.message == "'class_name'"
    dump = ('Traceback (most recent call last):\n  File "/usr/lib/python3.11/pickle.py", line 9, in dump\n'
            "TypeError: cannot pickle '_thread.lock' object\n")
    assert read_frames(dump).phase == "save"


def test_no_frames() -> None:
    fr = read_frames('{"error": "input must be 4-dimensional[1,1,1,150,150,3]"}')
    assert fr.frames == () and fr.phase is None and fr.facts() == {}


def test_phase_from_the_users_call_and_the_outermost_library_frame() -> None:
    assert read_frames(KERAS3_SAVE).phase == "save"  # serialization_lib serves both ways: the user's line tells
    # one line that loads and calls (tf.saved_model.load(p).serve(x)): the frames tell (bind_function_inputs)
    assert read_frames(TF_LOAD_CALL).phase == "call"
    assert read_frames(KERAS3_LOAD_INPUTS).phase == "load"  # load_model's rebuilding calls the layers
    assert read_frames(PREDICT_KEYERROR).phase == "call"  # a filtered traceback: m2.predict(...) in the user's line
    assert read_frames(USER_KEYERROR).phase is None
    assert "runtime_version_mismatch" not in [d.category for d in explain_text(KERAS3_SAVE)]


def test_facts_for_the_deciders() -> None:
    facts = read_frames(KERAS3_LOAD_INPUTS).facts()
    assert facts["loading"] is True and facts["calling"] is False
    assert facts["raised_in"] == "keras.src.layers.input_spec" and facts["loader"] == "load_model"
    assert read_frames(KERAS3_PREDICT_INPUTS).facts()["calling"] is True


# ------------------------------------------------------------------------------------------------ readings

@pytest.mark.parametrize("text", [KERAS3_LOAD_NOCLS, KERAS3_LOAD_NODES, IPYTHON8_LOAD])
def test_generic_exception_raised_in_a_deserializer_is_a_version_mismatch(text: str) -> None:
    found = explain_text(text)
    assert [d.category for d in found][:2] == ["runtime_version_mismatch", "model_load_failed"]
    best = found[0]
    if text is not KERAS3_LOAD_NODES:  # there, causes.keras_direction reads the 'module' key Keras 3 prints
        assert "while load_model rebuilt the model" in best.cause
        assert "raised in keras/" in best.cause
        assert re.search(r"version that saved it", best.steps[0])
    assert best.confidence < 0.6  # below any reading of a specific message


def test_the_cause_names_where() -> None:
    best = explain_text(IPYTHON8_LOAD)[0]
    assert best.cause.startswith("IndexError: list index out of range was raised in keras/engine/functional.py "
                                 "reconstruct_from_config while load_model rebuilt the model")


def test_a_paste_cut_inside_the_loader_reads_weaker() -> None:
    found = explain_text(IPYTHON7_CUT)
    assert found[0].category == "runtime_version_mismatch"
    assert found[0].cause.startswith("The traceback stops in tensorflow/python/saved_model/load.py load_internal")
    assert found[0].confidence < explain_text(IPYTHON8_LOAD)[0].confidence


@pytest.mark.parametrize("text", [PREDICT_KEYERROR, USER_KEYERROR, USER_TYPEERROR, IPYTHON7_PREDICT])
def test_the_same_exceptions_raised_in_user_code_or_predict_are_no_version_mismatch(text: str) -> None:
    assert "runtime_version_mismatch" not in [d.category for d in explain_text(text)]


def test_the_same_exception_text_without_frames_keeps_its_message_reading() -> None:
    # the frames decide only when the paste has them: the bare line still reads as its message says
    assert _top("KeyError: 'class_name'") == "runtime_version_mismatch"


def test_a_custom_objects_from_config_raising_while_loading_is_model_load_failed() -> None:
    found = explain_text(CUSTOM_FROM_CONFIG)
    assert [d.category for d in found] == ["model_load_failed"]
    assert "in your code, /tmp/b6/app/layers.py from_config" in found[0].cause
    assert "custom_objects" in found[0].steps[0]


def test_a_structure_message_raised_while_loading_or_predicting() -> None:
    # the same Keras 3 message: raised while load_model rebuilds the model, raised by predict
    assert _top(KERAS3_LOAD_INPUTS) == "runtime_version_mismatch"
    assert _top(KERAS3_PREDICT_INPUTS) == "input_keys_mismatch"


def test_specific_readings_stand() -> None:
    assert _top(KERAS3_PREDICT) == "input_shape_mismatch"
    assert _top(TF_LOAD_CALL) == "input_shape_mismatch"
    found = explain_text(CHAINED)  # the user's RuntimeError wraps a ValueError raised while load_model rebuilt
    assert found[0].category == "runtime_version_mismatch"
    assert found[0].cause.startswith("ValueError: Unexpected object from deserialization, expected a layer or "
                                     "operation, got a <class 'dict'> was raised in keras/src/models/functional.py "
                                     "process_layer while load_model rebuilt the model (your code re-raised it as "
                                     "RuntimeError)")


def test_generic_exceptions_listed() -> None:
    assert {"TypeError", "KeyError", "AttributeError", "ValueError", "IndexError"} <= GENERIC


# ------------------------------------------------------------------------------------------------ hostile text (#19)

_GROUP_REPEAT = re.compile(r"\)(?:[*+]|\{\d*,\})")


def test_no_pattern_repeats_a_group_without_bound() -> None:
    patterns = [v.pattern for v in vars(fr_mod).values() if isinstance(v, (re.Pattern, Lazy))]
    assert len(patterns) > 10
    assert not [p for p in patterns if _GROUP_REPEAT.search(p)]


@pytest.mark.parametrize("text", [
    'Traceback (most recent call last):\n' + '  File "/x/site-packages/keras/src/saving/a.py", line 1, in load\n'
    '    x = 1\n    ^^^^\n' * 20_000 + "KeyError: 'a'\n",
    ('File "' * 200_000)[:1_000_000],
    ("During handling of the above exception, another exception occurred:\nTraceback (most recent call last):\n"
     '  File "a.py", line 1, in f\nValueError: ' + "x" * 100 + "\n") * 5_000,
    ("a" * 600 + ".py in f(\n" + "E" * 90 + "Error: \n" + "X  " * 300 + "Traceback (most recent call last)\n") * 1000,
])
def test_a_megabyte_of_frames_is_read_in_bounded_time(text: str) -> None:
    t0 = _cpu()
    fr = read_frames(text)
    explain_text(text)
    assert _cpu() - t0 < 1.0
    assert len(fr.frames) <= fr_mod.MAX_FRAMES and len(fr.chain) <= fr_mod.MAX_BLOCKS


def test_module_example() -> None:
    import doctest

    assert doctest.testmod(fr_mod).failed == 0


_TFLITE = ("ValueError: Op builtin_code out of range: 150. Are you using old TFLite binary with newer model?"
           "Registration failed.")


@pytest.mark.parametrize("call", ["y = model.predict(x)", "interpreter = make_interpreter()"])
def test_a_library_message_that_names_the_version_survives_a_call_path(call: str) -> None:
    """TFLite's own message (libpywrap_tflite_common.so) says old runtime / newer model: raised on the predict path
    or in the user's code it keeps that reading; only CPython's own wordings lose it there."""
    text = (f'Traceback (most recent call last):\n  File "/app/main.py", line 12, in <module>\n    {call}\n'
            '  File "/usr/lib/python3/site-packages/keras/engine/training.py", line 1720, in predict\n'
            "    tmp_batch_outputs = self.predict_function(iterator)\n" + _TFLITE + "\n")
    assert explain_text(text)[0].category == "runtime_version_mismatch"
    key = text.replace(_TFLITE, "KeyError: 'class_name'")
    assert "runtime_version_mismatch" not in [d.category for d in explain_text(key)]


def test_python_own_messages() -> None:
    own = ["TypeError: __init__() got an unexpected keyword argument 'ragged'", "KeyError: 'x'",
           "AttributeError: 'Model' object has no attribute 'predict_classes'",
           "TypeError: call() missing 1 required positional argument: 'inputs'"]
    for line in own:
        assert fr_mod.python_own(read_frames('  File "/app/a.py", line 1, in <module>\n    f()\n' + line)), line
    lib = read_frames('  File "/app/a.py", line 1, in <module>\n    f()\n' + _TFLITE)
    assert not fr_mod.python_own(lib)
