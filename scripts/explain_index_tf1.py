"""TensorFlow 1.x's own Python messages for explain's message index (#15), read out of TF 1.x wheels.

The rest of the index reads the installed TensorFlow (2.21), but many texts users paste were printed by TensorFlow
1.x code (graph import, meta graphs and Savers, sessions, the SavedModel loader and builder, tf.keras's engine of
TF 1.15), in wordings 2.21 no longer has.  This module reads the Python sources of two wheels, fetched once with
``pip download --no-deps`` for their own platform into :data:`WHEELS` (``$SIGCHECK_TF_WHEELS``) by
explain_index_keras's wheel reader, read straight from the zip, never installed:

* tensorflow 1.15.5 (the last 1.x, ``tensorflow_core/python``): meta_graph.py, saver.py, session.py, loader_impl.py,
  builder_impl.py, tf.keras's saving and engine;
* tensorflow 1.8.0 (``tensorflow/python``): the Python graph importer TF 1.x used before its C API importer, whose
  ``No op named X in defined operations.`` is what a GraphDef / meta graph using an op that TensorFlow lacks printed;
* tensorflow_estimator 1.15.1 (TF 1.15's tf.estimator, a wheel of its own): export and predict without a checkpoint.

Each :class:`Rule` names a module, the functions whose ``raise`` it reads and what the message means; a template the
other Python modules of the index already hold (an identical pattern) is skipped, and the build fails when a rule
finds nothing (or when a wheel cannot be fetched: one line).

    python scripts/explain_index_tf1.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import SHAPE  # noqa: E402
from explain_index_keras import (PATH, WEIGHT_SIZES, WEIGHTS_FIT, WEIGHTS_OF_ANOTHER_MODEL, Rule,
                                 _wheel, raise_sites_in, rule_entries)  # noqa: E402
from explain_index_python import PY_RULES  # noqa: E402

WHEELS = Path(os.environ.get("SIGCHECK_TF_WHEELS", Path.home() / ".cache" / "sigcheck" / "tf-wheels"))
SOURCES = {
    # key: (pip requirement, pip options for the wheel's own platform, folder of tensorflow/python in the wheel)
    "tf115": ("tensorflow==1.15.5", ("--only-binary=:all:", "--python-version", "37", "--platform",
                                     "manylinux2010_x86_64"), "tensorflow_core/python/"),
    "tf18": ("tensorflow==1.8.0", ("--only-binary=:all:", "--python-version", "36", "--platform",
                                   "manylinux1_x86_64"), "tensorflow-1.8.0.data/purelib/tensorflow/python/"),
    "est115": ("tensorflow-estimator==1.15.1", (), "tensorflow_estimator/python/estimator/"),
}

# ------------------------------------------------------------------------------------------------ fixes

OP_FIX = ("The graph uses an op this TensorFlow does not have: a custom op or a tf.contrib op whose library is not "
          "loaded (import the module that defines it before loading: import tensorflow.contrib / tf.load_op_library"
          "('x.so') / import tensorflow_text ...), or an op of a newer TensorFlow than the one loading the graph "
          "(load it with the TensorFlow version that wrote it, or newer)")
INIT_FIX = ("Export with a single init op: main_op / legacy_init_op=tf.group(tf.tables_initializer(), "
            "tf.local_variables_initializer()), not several entries in the init-op collection")
NO_VARS_FIX = ("The graph holds no variables when the Saver is made: build the model (or tf.train.import_meta_graph"
               "('model.ckpt.meta')) in the same graph before tf.train.Saver(), and create the Saver inside that "
               "graph's with-block")
NONE_PATH_FIX = ("No checkpoint was found: tf.train.latest_checkpoint(dir) returns None when dir holds no "
                 "'checkpoint' index file (a wrong or relative directory, or a checkpoint copied without that file); "
                 "give the checkpoint prefix itself (model.ckpt-1000, without .index/.data) or the right directory")
EXPORT_DIR_FIX = ("SavedModelBuilder writes only into a new directory: export each model version to a new numbered "
                  "folder (models/NAME/2), or delete the old export first")
TOO_LARGE_FIX = ("The graph holds its weights as constants and is over protobuf's 2 GB limit: keep the weights in "
                 "variables (saved to variables/ or the checkpoint, not the GraphDef), do not freeze them in, and "
                 "feed large arrays through a placeholder rather than tf.constant")
SUBCLASS_WEIGHTS_FIX = ("A subclassed model has no weights until it is called: call it once on a batch of the input "
                        "shape (model(x[:1]) or model.build((None, ...))) before model.load_weights(path)")
NO_CHECKPOINT_FIX = ("The Estimator's model_dir holds no checkpoint (no 'checkpoint' file and model.ckpt-N.* files): "
                     "give the model_dir the training wrote (an absolute path; in a container, the path inside it), "
                     "or train before export_saved_model / predict")
NO_MODEL_FIX = ("The .h5 file holds weights only (model.save_weights): rebuild the model in code and call "
                "model.load_weights(path), or save the whole model with model.save(path) to load it with load_model")
SHAPE_FIX = ("Send inputs of the shape the model was built for (the expected shape in the message; print "
             "model.input_shape): reshape or resize each example on the client, add the batch axis for one example "
             "(x[None, ...]), and put a Flatten layer first for images given to a Dense model")
ONE_KERAS_FIX = ("Build the model with one Keras: tf.keras layers in a tf.keras model (from tensorflow.keras import "
                 "layers, not from keras import layers), or the standalone keras package for every layer; a "
                 "tensorflow_hub.KerasLayer goes only into the Keras its tensorflow_hub version was written for")
FIXED_BATCH_FIX = ("The model's Input fixes the batch size (batch_size= / batch_input_shape=, a stateful RNN): "
                   "predict with exactly that batch size (model.predict(x, batch_size=N), len(x) a multiple of N, "
                   "padding the last batch), or rebuild the model with batch size None and load its weights")
CLOSED_SESSION = ("not about the request or model: the code runs a tf.Session after it was closed (a `with "
                  "tf.Session()` block that ended, or a session closed by keras.backend.clear_session); keep one "
                  "session open for the process and run every request in it")
SYMBOLIC_NUMPY_FIX = ("TensorFlow <= 2.4 (1.15 included) builds LSTM/GRU layers with a NumPy call that NumPy >= 1.20 "
                      "refuses: install numpy<1.20 next to that TensorFlow (pip install 'numpy<1.20'), or use "
                      "TensorFlow >= 2.5; if no recurrent layer is involved, the model code passes a graph tensor to a "
                      "NumPy function: use tf ops on tensors instead")
GRAPH_NAME_FIX = ("Use a name the graph has: list them with [op.name for op in graph.get_operations()] (a tensor is "
                  "'<op name>:<output index>'); tf.import_graph_def prefixes every name with 'import/' unless given "
                  "name='', and a graph loaded by another call (a SavedModel loader, a second import) holds other "
                  "names, so take them from the graph the session runs")
EMPTY_GRAPH = ("not about the request or model: the tf.Session was made on a graph holding no ops (the model was "
               "loaded or imported into another graph, e.g. the default graph of another thread, or the session "
               "was created before tf.train.import_meta_graph); create the session with graph= the graph the model "
               "is in")

# ------------------------------------------------------------------------------------------------ the rules

RULES = [
    Rule((("tf18", "framework/importer.py"),), r"^No op named \{node\.op\} in defined operations",
         "runtime_version_mismatch", "a GraphDef / meta graph uses an op this TensorFlow does not define (a newer "
         "TensorFlow's op, or a custom / tf.contrib op whose library is not loaded)", OP_FIX,
         overrides={"node.op": r"(?P<op>[\w>.-]{1,120})"}, values={"node.op": "GatherV2"},
         funcs="^import_graph_def$"),
    Rule((("tf115", "framework/meta_graph.py"),), r"^Op \{op\} is used by the graph, but is not registered",
         "runtime_version_mismatch", "the graph being exported uses an op this TensorFlow has not registered (a custom "
         "op whose library is not loaded)", OP_FIX, overrides={"op": r"(?P<op>[\w>.-]{1,120})"},
         values={"op": "GatherTree"}, funcs="^stripped_op_list_for_graph$"),
    Rule((("tf115", "framework/meta_graph.py"),), r"^GraphDef cannot be larger than 2GB", "model_too_large",
         "the graph exported as a meta graph is over protobuf's 2 GB limit (weights held as constants)",
         TOO_LARGE_FIX, funcs="^export_scoped_meta_graph$"),
    Rule((("tf115", "training/saver.py"),), r"^No variables to save$", "variables_not_restored",
         "a tf.train.Saver was made in a graph that holds no variables (the model was built in another graph, or "
         "not yet)", NO_VARS_FIX, funcs="^_build$"),
    Rule((("tf115", "training/saver.py"),), r"^Can't load save_path when it is None", "savedmodel_not_found",
         "Saver.restore got None as the checkpoint path: tf.train.latest_checkpoint found no checkpoint in the "
         "directory it was given", NONE_PATH_FIX, funcs="^restore$"),
    Rule((("tf115", "saved_model/loader_impl.py"),), r"^Expected exactly one SavedModel init op\. Found: ",
         "initializer_missing_in_export", "the SavedModel's init-op collection holds more than one op: the TF 1.x "
         "loader runs exactly one", INIT_FIX, values={"init_op_list": "[<tf.Operation 'init_all_tables'>, "
                                                      "<tf.Operation 'group_deps'>]"},
         funcs="^_get_main_op_tensor$"),
    Rule((("tf115", "saved_model/builder_impl.py"),), r"^Export directory already exists, and isn't empty", None,
         "not about the request or model: tf.saved_model.builder.SavedModelBuilder refuses to export into a "
         "directory that already holds files (an earlier export of the same version)", None,
         overrides={"export_dir": PATH}, values={"export_dir": "/models/m/1"}, funcs="^__init__$"),
    Rule((("tf115", "keras/engine/network.py"),), r"^Unable to load weights saved in HDF5 format into a subclassed",
         "variables_not_restored", "tf.keras (TF 1.15) was asked to load .h5 weights into a subclassed model that "
         "has not created its variables yet", SUBCLASS_WEIGHTS_FIX, funcs="^load_weights$"),
    Rule((("tf115", "keras/saving/hdf5_format.py"),), r"^No model found in config file", "model_load_failed",
         "load_model was given an .h5 file without a model config: one written by save_weights", NO_MODEL_FIX,
         funcs="^load_model_from_hdf5$"),
    Rule((("tf115", "keras/engine/input_spec.py"),), r"^Input \{str\(input_index\)\} is incompatible with layer "
         r"\{layer_name\}: expected shape=", "input_shape_mismatch", "tf.keras (TF 1.15) got an input of another "
         "shape than the layer's InputSpec declares", SHAPE_FIX,
         overrides={"str(spec.shape)": rf"(?P<want_shape>{SHAPE})", "str(shape)": rf"(?P<got_shape>{SHAPE})"},
         values={"str(input_index)": "0", "layer_name": "dense", "str(spec.shape)": "(None, 784)",
                 "str(shape)": "(None, 28, 28)"}, funcs="^assert_input_compatibility$"),
    Rule((("tf115", "keras/saving/hdf5_format.py"),), r'^Layer #\{str\(k\)\} \(named "\{layer\.name\}"\),? '
         r"expects", WEIGHTS_OF_ANOTHER_MODEL,
         "load_weights(by_name=True) found a layer whose weights in the file differ in number from the model's "
         "(another architecture than the one that saved them)", WEIGHTS_FIT,
         values={"str(k)": "3", "str(len(symbolic_weights))": "2", "str(len(weight_values))": "1"},
         funcs="^load_weights_from_hdf5_group_by_name$"),
    Rule((("tf115", "keras/saving/hdf5_format.py"),), r'^Layer #\{str\(k\)\} \(named "\{layer\.name\}"\),? '
         r"weight", WEIGHT_SIZES,
         "load_weights(by_name=True) found a layer whose weights in the file have another shape than the layer the "
         "model's code built (the first shape: the model's; the second: the file's): the code sets a size (most "
         "often the number of classes) other than the run that trained the weights", None,
         decider="weight_shapes",
         overrides={"str(symbolic_weights[i])": r"(?:<[^\n>]{1,300}>|[^\s,]{1,200})",
                    "K.int_shape(symbolic_weights[i])": rf"(?P<built_shape>{SHAPE})",
                    "str(weight_values[i].shape)": rf"(?P<saved_shape>{SHAPE})"},
         values={"str(k)": "391", "layer.name": "mrcnn_bbox_fc",
                 "str(symbolic_weights[i])": "<tf.Variable 'mrcnn_bbox_fc/kernel:0' shape=(1024, 12) dtype=float32>",
                 "K.int_shape(symbolic_weights[i])": "(1024, 12)", "str(weight_values[i].shape)": "(1024, 16)"},
         funcs="^load_weights_from_hdf5_group_by_name$"),
    Rule((("tf115", "keras/engine/sequential.py"),), r"^The added layer must be an instance of class Layer",
         "runtime_version_mismatch", "tf.keras's Sequential (TF 1.15) was given a layer of another Keras (the "
         "standalone keras package, or a tensorflow_hub KerasLayer written for another Keras)", ONE_KERAS_FIX,
         values={"str(layer)": "<keras.layers.core.Dense object at 0x7f0e4c0b8d30>"}, funcs="^add$"),
    Rule((("tf115", "keras/engine/training.py"),), r"is incompatible with the specified batch size of your Input "
         r"Layer|^In a stateful network, you should only pass inputs with a number of samples",
         "fixed_batch_size_in_graph", "the tf.keras model (TF 1.15) fixes its batch size in its Input (or is "
         "stateful) and was given another batch size or number of examples", FIXED_BATCH_FIX,
         funcs="^(?:_validate_or_infer_batch_size|_standardize_user_data)$"),
    Rule((("est115", "estimator.py"),), r"^Couldn't find trained model at|^Could not find trained model in model_dir",
         "variables_not_restored", "a tf.estimator Estimator (TF 1.x) was asked to export or predict, but its "
         "model_dir holds no checkpoint to restore the weights from", NO_CHECKPOINT_FIX,
         overrides={"self._model_dir": PATH, "model_dir": PATH},
         values={"self._model_dir": "/tmp/model_dir", "model_dir": "/tmp/model_dir"},
         funcs="^(?:_export_all_saved_models|_check_checkpoint_available)$"),
    Rule((("tf115", "framework/ops.py"),), r"^Cannot convert a symbolic Tensor \(", "runtime_version_mismatch",
         "NumPy was asked to turn a graph (symbolic) tensor into an array: most often TensorFlow <= 2.4 building an "
         "LSTM/GRU layer under NumPy >= 1.20, or model code calling NumPy on a Keras tensor", SYMBOLIC_NUMPY_FIX,
         values={"self.name": "lstm/strided_slice:0"}, funcs="^__array__$"),
    Rule((("tf115", "framework/ops.py"),), r"^The name \{repr\(name\)\} refers to an Operation not in the graph",
         "input_keys_mismatch", "a name given to get_tensor_by_name / get_operation_by_name (or as a session's fetch) "
         "names no operation of the graph", GRAPH_NAME_FIX,
         overrides={"repr(name)": r"'(?P<node>[^'\n]{1,200})'"},
         values={"repr(name)": "'import/input'"},
         funcs="^_as_graph_element_locked$"),
    Rule((("tf115", "client/session.py"),), r"^Attempted to use a closed Session", None, CLOSED_SESSION,
         funcs="^_run$"),
    Rule((("tf115", "client/session.py"),), r"^The Session graph is empty", None, EMPTY_GRAPH, funcs="^_run$"),
]

# TF 1.15 (and 2.0)'s wording of a message whose meaning explain_index_python's rule over TF 2.21 gives already
UNHASHABLE = next(r for r in PY_RULES if r.select == r"^Tensor is unhashable")
RULES.append(dataclasses.replace(UNHASHABLE, where=(("tf115", "framework/ops.py"),), funcs="^__hash__$"))


# ------------------------------------------------------------------------------------------------ reading the wheels

@lru_cache(maxsize=None)
def read_source(key: str, path: str) -> str:
    req, options, prefix = SOURCES[key]
    with zipfile.ZipFile(_wheel(req, WHEELS, options)) as z:
        return z.read(prefix + path).decode("utf-8")


def label(key: str, path: str) -> str:
    req, _, prefix = SOURCES[key]
    name, version = req.split("==")
    return f"{name.replace('-', '_')} {version} {prefix.split('/purelib/')[-1]}{path}"


def rule_sites(rule: Rule):
    """(source label, pieces) of the messages raised in the functions ``rule.funcs`` names, in its modules."""
    for key, path in rule.where:
        for line, pieces, func in raise_sites_in(read_source(key, path)):
            if re.search(rule.funcs, func):
                yield f"{label(key, path)}:{line}", pieces


@lru_cache(maxsize=1)
def held() -> frozenset[str]:
    """The patterns the index's other Python-source modules already give (a TF 1.x template identical to one of
    them adds nothing)."""
    import explain_index_keras
    import explain_index_python

    return frozenset(e["pattern"] for e in explain_index_keras.keras_entries() + explain_index_python.python_entries())


def entries() -> list[dict]:
    out: list[dict] = []
    for rule in RULES:
        found = rule_entries(rule, rule_sites(rule), "explain_index_tf1")
        out.extend(e for e in found if e["pattern"] not in held())
    return out


if __name__ == "__main__":
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
