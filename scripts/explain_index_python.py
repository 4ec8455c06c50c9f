"""Messages raised in Python around a served model, for explain's message index (#15), read from their sources.

``strings`` over TensorFlow's shared libraries (explain_build_index.py) misses what is raised in Python, and the
libraries around a model speak too.  This module reads:

* TensorFlow's Python raise sites a serving user meets (the installed ``tensorflow/python`` sources): the SavedModel
  loaders (tags, an unreadable saved_model.pb, the init op), tensor shapes, graph import; and tensorflow_hub's
  ``hub.load`` (the wheel, fetched once with ``pip download --no-deps`` as explain_index_keras does) whose cache
  folder left without saved_model.pb by an interrupted download is a frequent report;
* numpy's array-shape messages met while preparing model inputs (``strings -n 8`` over the installed numpy's
  ``_multiarray_umath``): a grayscale image copied into an RGB batch, a reshape to the model's input shape, ragged
  rows, a concatenation of arrays of different shapes;
* protobuf's size limits (protobuf's C++ as TensorFlow links it, ``strings -n 8`` over libtensorflow_framework /
  libtensorflow_cc): a GraphDef over 64 MB or a SavedModel over 2 GB, most often weights frozen into the graph;
  and protobuf's Python (upb) refusing a NumPy array where a message belongs (a PredictRequest's TensorProto);
* TensorFlow's Python around a gRPC client and an export: tf.make_tensor_proto given more values than its shape,
  tf.saved_model.save refusing a function that captures an untracked variable or lookup table.

String expressions of Python sources are read with explain_index_keras's ``ast`` helpers (plain, f-string, ``+``,
``%``, ``.format``); every rule must find its message in its source, or the build fails.

    python scripts/explain_index_python.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import platform
import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from explain_build_index import SHAPE, entry, library_strings  # noqa: E402
from explain_index_keras import (PATH, SHAPE_CHECK, SITE, WEIGHT_SIZES, WEIGHT_SIZES_FIX, Rule, _wheel,  # noqa: E402
                                 raise_sites_in, rule_entries, string_sites_in)

TF = SITE / "tensorflow"

CHECKPOINT_PREFIX_STEP = ("Give the restore a checkpoint prefix, not a folder: a SavedModel's variables are the "
                          "checkpoint {path}/variables/variables (saver.restore(sess, '{path}/variables/variables'), "
                          "tf.train.load_checkpoint('{path}/variables/variables')) — or load the SavedModel itself "
                          "(tf.saved_model.load('{path}')); for a training folder, tf.train.latest_checkpoint('{path}') "
                          "gives the prefix")
"""The step for a checkpoint reader pointed at a folder (tf.train.load_checkpoint's reading below)."""
HUB = "tensorflow-hub==0.16.1"
RAY = "wheel:ray==2.60.0:"
"""Ray's wheel (Ray Data, Ray Serve around a model), read from the release's files."""

# ------------------------------------------------------------------------------------------------ fixes

TAGS_FIX = ("Load with the tag-set the SavedModel was exported with (tf.saved_model.load(path) with no tags= for a "
            "TF2 export; tags=['serve'] / --tag_set serve for TF Serving): saved_model_cli show --dir PATH lists the "
            "tag-sets; re-export with tags=[tf.saved_model.SERVING] if 'serve' is missing")
PARSE_FIX = ("saved_model.pb is there but is not a SavedModel protobuf: a frozen GraphDef (.pb) renamed, a file cut "
             "short by a copy or upload, or a Git LFS pointer; export it again with tf.saved_model.save / "
             "model.export(dir) and copy the whole folder (check its size against the original)")
HUB_FIX = ("The folder holds no saved_model.pb: for hub.load / hub.KerasLayer it is tensorflow_hub's cache of a "
           "download that was interrupted: delete that folder (or the whole tfhub_modules cache; set TFHUB_CACHE_DIR "
           "to a persistent folder) and load again; for a local path, give the folder that directly holds "
           "saved_model.pb")
HUB_CACHE = r"(?:tfhub_modules|/[0-9a-f]{40})"
"""tensorflow_hub's download cache in a path (the folder, or a module's sha1-named folder in it)."""
HUB_LOCAL_FIX = ("Give hub.load / hub.KerasLayer the folder that directly holds saved_model.pb (and variables/), not "
                 "its parent or a sibling: ls the path, and pass the SavedModel folder itself (a version folder such as "
                 "…/1 for a TF Serving layout)")
INIT_FIX = ("Export with a single init op: main_op=tf.group(tf.compat.v1.tables_initializer(), "
            "tf.compat.v1.local_variables_initializer()), not several entries in the init-op collection")
SHAPES_FIX = ("Two shapes that must agree do not: when predicting, send inputs of the shape the signature declares "
              "(sigcheck inspect MODEL); when it is raised while training or compiling (loss, labels), the labels' "
              "shape does not match the model's output (one-hot vs integer labels, number of classes)")
DIMS_FIX = ("Two sizes that must agree do not: tf.data.Dataset.from_tensor_slices((x, y)) and fit take x and y "
            "with the same number of examples (len(x) == len(y)); when predicting, send inputs of the shape the "
            "signature declares (sigcheck inspect MODEL)")
RANK_FIX = ("Send a tensor of the rank the model takes (sigcheck inspect MODEL): add the batch axis for one example "
            "(x[None, ...]) or the channel axis for grayscale images (x[..., None])")
MAP_FIX = ("The input_map of tf.import_graph_def names tensors that are not in the GraphDef: use the graph's own "
           "input names (list them with [n.name for n in graph_def.node if n.op == 'Placeholder'])")
BROADCAST_FIX = ("Each example must have the exact shape of the batch slot it is copied into (the model's per-example "
                 "input): compare the two shapes axis by axis. An image: a grayscale (H, W) or RGBA (H, W, 4) one into "
                 "an RGB batch (H, W, 3) needs img.convert('RGB') (or np.stack([g] * 3, -1)), another size a resize to "
                 "the model's input size; features, audio frames or a sequence: the preprocessing must give as many "
                 "values on each axis as the model takes (the feature extraction, window and sample rate it was "
                 "trained with)")
RESHAPE_FIX = ("The array holds another number of values than the target shape: the example is not the size the model "
               "takes (e.g. 50176 = 224*224 is one grayscale image, not 224*224*3; a feature vector or a sequence of "
               "another length): make it that size first (an image: img.convert('RGB').resize((W, H)); features or "
               "audio: the preprocessing the model was trained with) instead of reshaping raw data")
RAGGED_FIX = ("The rows given to np.array differ in length or shape, so they make no one array: pad sequences to "
              "one length (keras.utils.pad_sequences) or resize every image to one shape and one channel count "
              "before stacking them into a batch")
CONCAT_FIX = ("The arrays joined into a batch differ in a dimension other than the batch: bring every example to "
              "the model's input shape first (same size, same channel count: img.convert('RGB'), resize)")
TRACED_FIX = ("Call the function with tensors of the shape it was traced with (the Expected shape in the message; "
              "sigcheck inspect MODEL lists a signature's): reshape or resize on the client, add the batch axis for "
              "one example")
KEYWORDS_FIX = ("Give each input once, by keyword: a signature takes its inputs as keyword arguments named after the "
                "signature's inputs (f(x=tensor)); sigcheck inspect MODEL lists the names")
TENSOR_ARG_FIX = ("Pass tensors, not Python lists or numbers: f(x=tf.constant(value, dtype=tf.float32)) with the "
                  "dtype and input name the signature declares (sigcheck inspect MODEL)")
BROADCAST_OP_FIX = ("The arrays of an elementwise step differ in shape: a per-channel mean/std of 3 values against a "
                    "grayscale (H, W) image, or features of another count: give the input the shape the preprocessing "
                    "expects (img.convert('RGB') before normalising; the same columns as in training)")
IMAGE_RANK_FIX = ("tf.image ops take one image (H, W, C) or a batch (N, H, W, C): give a grayscale (H, W) image its "
                  "channel axis (x[..., None] or tf.expand_dims(x, -1)), decode encoded bytes first (tf.io.decode_image), "
                  "and do not nest a batch in another list")
OP_DTYPE_FIX = ("Give the model inputs of the dtype it was built with (sigcheck inspect MODEL shows each input's "
                "dtype): np.asarray(x, dtype=np.float32) for float32 (NumPy defaults to float64), decode or encode "
                "strings as the graph expects, and cast inside the model code with tf.cast where two tensors meet")
FEED_KEY_FIX = ("Feed the graph's input placeholders by their own names ('x:0' or the tensor object of the graph "
                "the session runs): list them with [n.name for n in graph.as_graph_def().node if n.op == "
                "'Placeholder'] or saved_model_cli show --dir DIR --all")
CONVERT_FIX = ("Give the tensor values of its dtype: np.asarray(x, dtype=np.float32) after encoding strings and "
               "categories and filling missing values (None / NaN); cast explicitly (tf.cast) where dtypes differ")
PROTO_FIELD_FIX = ("A TensorFlow graph or SavedModel written by a newer TensorFlow than the one reading it: serve it "
                   "with a TensorFlow / TF Serving at least as new as the exporter (or export again with the older "
                   "one); for a config file, spell the field as the program's own proto defines it and put it in the "
                   "message it belongs to")
PROTO_FIX = ("The model is over protobuf's size limit (64 MB for a GraphDef read by older TensorFlow / protobuf, "
             "2 GB for any protobuf): its weights are baked into the graph as constants (a frozen graph, or "
             "numpy arrays captured as tf.constant). Keep the weights in variables (tf.Variable, model.export / "
             "tf.saved_model.save write them to variables/, not to saved_model.pb); freeze nothing into the GraphDef; "
             "split or shrink (quantize) a model that is still too large")


# ------------------------------------------------------------------------------------------------ Python sources

UNTRACKED_FIX = ("Make the object the serving function uses an attribute of the module or model being saved, so "
                 "the SavedModel tracks it: self.table = tf.lookup.StaticHashTable(...) / self.bias = tf.Variable(...) "
                 "inside the tf.Module (or the Keras layer's build), not a global the function only captures; then "
                 "export again (Keras 3: model.export or ExportArchive.track(obj))")
MAKE_PROTO_FIX = ("tf.make_tensor_proto(values, shape=...) got more values than the shape holds: the array is not "
                  "the model's input size (an image resized to another size, another number of features): bring it "
                  "to the signature's per-example shape (sigcheck inspect MODEL) before building the TensorProto, "
                  "or drop shape= and let the array's own shape stand")
SIGNATURE_OUTPUT_FIX = ("Return only tensors from the serving function: drop the entry that is not a tensor (key "
                        "{output}) or make it one (tf.constant / tf.convert_to_tensor; a string as a tf.string "
                        "tensor), then export again; debugging values belong outside the signature")
DICT_PROTO_FIX = ("Build one TensorProto per input, under the signature's input names: for name, array in "
                  "features.items(): request.inputs[name].CopyFrom(tf.make_tensor_proto(array)) (each in its own "
                  "dtype); a Keras model or a signature takes the dict itself (f(**features))")
PY_RULES = [
    Rule(("python/eager/polymorphic_function/saved_model_exported_concrete.py",),
         r"^Tried to export a function which references an 'untracked' resource", "variables_not_restored",
         "tf.saved_model.save refused a serving function that captures a variable or table no saved object tracks "
         "(a global, or one made outside the module): the SavedModel would have no value for it", UNTRACKED_FIX,
         decider="untracked", funcs="", read=0),
    Rule(("python/util/lazy_loader.py",), r"^Keras cannot be imported", None,
         "tf.keras could not import a Keras: with TF_USE_LEGACY_KERAS=1 it loads the tf_keras package, which is not "
         "installed in this environment (TensorFlow logs 'you do not have the tf_keras package installed' before "
         "it: pip install tf_keras, the release matching TensorFlow's); without it, keras itself is missing or "
         "broken there; not about the request or model being served", funcs="."),
    Rule(("python/framework/tensor_util.py", "python/framework/ops.py"),
         r"^Cannot create a tensor proto whose content is larger than 2GB", "model_too_large",
         "a tensor over protobuf's 2 GB limit was to become a TensorProto: a constant baked into the graph (an "
         "embedding table or dataset captured by a tf.function, a frozen graph's weights), which a SavedModel cannot "
         "hold -- or, made by tf.make_tensor_proto for a request, a request over every limit",
         "Keep big arrays out of the graph: hold them in tf.Variable (written to variables/, not saved_model.pb) or "
         "load them from an asset file at serving time, and do not capture a NumPy array in a tf.function; for a "
         "request, send it in batches of a few examples",
         decider="tensor_proto_2gb", funcs="."),
    Rule(("python/framework/tensor_util.py",), r"^Too many elements provided", "input_shape_mismatch",
         "tf.make_tensor_proto (a gRPC PredictRequest's tensor) got more values than the shape it was told to make: "
         "the array is not the size that shape (the model's input) holds", MAKE_PROTO_FIX, funcs="."),
    Rule(("python/training/saver.py",), r"^Exporting/importing meta graphs is not supported when eager",
         "runtime_version_mismatch",
         "TensorFlow 1 graph code (import_meta_graph, a TF1-format TF Hub module or checkpoint loaded the TF1 way) "
         "ran under TensorFlow 2's eager execution: the code or the model's format was written for TensorFlow 1",
         fix="Load a TensorFlow 2 format of the model (a TF2 SavedModel with tf.saved_model.load, the TF2 version "
             "of a TF Hub module), or run the TF1 code as graph code: tf.compat.v1.disable_eager_execution() before "
             "anything is built (or pin TensorFlow 1.15, the version it was written for)",
         funcs="."),
    Rule(("python/saved_model/loader_impl.py",), r"^MetaGraphDef associated with tags \{", "savedmodel_tags",
         "the SavedModel has no MetaGraph with the tags the loader was given (TF1 loader / tf.compat.v1 / "
         "saved_model_cli)", TAGS_FIX, values={"str(tags).strip('[]')": "'train'", "available_tags": "[{'serve'}]"}),
    Rule(("python/saved_model/load.py",), r"^Got an incompatible argument to `tags`", "savedmodel_tags",
         "tf.saved_model.load was given tags that are not the tag-set of the SavedModel's one MetaGraph", TAGS_FIX,
         overrides={"export_dir": r"[^\n]{0,300}?"},
         values={"tags": "['train']", "export_dir": "/models/m/1", "meta_graph_def.meta_info_def.tags": "['serve']"}),
    Rule(("python/saved_model/load_v1_in_v2.py",), r"requires a `tags=` argument if there is more than one",
         "savedmodel_tags", "a TF1 SavedModel with several MetaGraphs was loaded without saying which tag-set",
         TAGS_FIX, values={"len(self._saved_model.meta_graphs)": "2"}),
    Rule(("python/saved_model/loader_impl.py",), r"^Cannot parse file \{path_to_pb", "savedmodel_not_found",
         "a saved_model.pb (or .pbtxt) is there but is not a readable SavedModel protobuf", PARSE_FIX,
         overrides={"path_to_pb": "b?'?" + PATH + "'?", "path_to_pbtxt": "b?'?" + PATH + "'?"},
         values={"path_to_pb": "b'/models/m/1/saved_model.pb'", "path_to_pbtxt": "/models/m/1/saved_model.pbtxt",
                 "str(e)": "Error parsing message with type 'tensorflow.SavedModel': Wire format was corrupt"}),
    Rule(("python/saved_model/loader_impl.py",), r"^Expected exactly one SavedModel init op",
         "initializer_missing_in_export", "the SavedModel's init-op collection holds more than one op: the loader "
         "runs exactly one", INIT_FIX, values={"len(init_op_list)": "2"}),
    Rule(("hub:tensorflow_hub/module_v2.py",), r"^Trying to load a model of incompatible/unknown type",
         "savedmodel_not_found", "hub.load / hub.KerasLayer was given a folder of your own that holds no "
         "saved_model.pb: the folder above the SavedModel, or another one", HUB_LOCAL_FIX,
         overrides={"module_path": rf"(?P<path>(?![^'\n]{{0,300}}{HUB_CACHE})[^'\n]{{1,300}})"},
         values={"module_path": "/home/me/models/encoder",
                 "tf.saved_model.SAVED_MODEL_FILENAME_PB": "saved_model.pb",
                 "tf.saved_model.SAVED_MODEL_FILENAME_PBTXT": "saved_model.pbtxt"}),
    Rule(("hub:tensorflow_hub/module_v2.py",), r"^Trying to load a model of incompatible/unknown type",
         "savedmodel_not_found", "hub.load found no saved_model.pb in the folder it loads (most often its own "
         "tfhub_modules cache after an interrupted download)", HUB_FIX,
         overrides={"module_path": rf"(?P<path>[^'\n]{{0,300}}{HUB_CACHE}[^'\n]{{0,200}})"},
         values={"module_path": "/tmp/tfhub_modules/9616fd04ec2360621642ef9455b84f4b668e219e",
                 "tf.saved_model.SAVED_MODEL_FILENAME_PB": "saved_model.pb",
                 "tf.saved_model.SAVED_MODEL_FILENAME_PBTXT": "saved_model.pbtxt"}),
    Rule(("hub:tensorflow_hub/registry.py",), r"^Missing implementation that supports: ",
         "savedmodel_not_found", "tensorflow_hub found no loader that takes the path: neither a SavedModel nor a TF1 "
         "hub module is in that folder (most often its own tfhub_modules cache left incomplete by an interrupted "
         "download, or a folder one level off)", HUB_FIX),
    Rule(("python/framework/tensor_shape.py",), r"^Shapes \{self\} and \{other\} are (?:incompatible|not compat)",
         "input_shape_mismatch", "two shapes that must be compatible are not (a tensor fed or assigned with "
         "another shape than the one declared)", SHAPES_FIX, decider="shapes",
         overrides={"self": rf"(?P<first_shape>{SHAPE})", "other": rf"(?P<second_shape>{SHAPE})"},
         values={"self": "(None, 10)", "other": "(None, 5)"}),
    Rule(("python/ops/resource_variable_ops.py", "python/training/saving/saveable_object_util.py"),
         r"^Received incompatible tensor with shape \{restored_tensor\.shape\} when attempting to restore variable",
         WEIGHT_SIZES, "a checkpoint (tf.train.Checkpoint, Keras load_weights of a TF checkpoint) holds a value of "
         "another shape than the variable the model's code built (the first shape: the checkpoint's; the second: "
         "the model's): the code sets a size (most often the number of classes) other than the run that wrote it",
         WEIGHT_SIZES_FIX, decider="weight_shapes",
         overrides={"restored_tensor.shape": rf"(?P<saved_shape>{SHAPE})",
                    "self.shape": rf"(?P<built_shape>{SHAPE})", "self._var_shape": rf"(?P<built_shape>{SHAPE})",
                    "self.name": r"(?P<variable>[^\s]{1,200}?)"},
         values={"restored_tensor.shape": "(16,)", "self.shape": "(12,)", "self._var_shape": "(12,)",
                 "self.name": "dense_1/bias:0"}),
    Rule(("python/ops/resource_variable_ops.py",), r"^Cannot assign value to variable '\{tensor_name\}': Shape "
         r"mismatch", WEIGHT_SIZES, "a value of another shape was assigned to a variable -- tf.keras 2 loading "
         "weights (load_weights, set_weights) into a layer the model's code built with other sizes (the variable "
         "shape: the model's; the assigned: the file's): the code sets a size (most often the number of classes) "
         "other than the run that trained the weights", WEIGHT_SIZES_FIX, decider="weight_shapes",
         overrides={"tensor_name": r"(?P<variable>[^'\n]{0,200})", "self._shape": rf"(?P<built_shape>{SHAPE})",
                    "value_tensor.shape": rf"(?P<saved_shape>{SHAPE})"},
         values={"tensor_name": " dense_1/kernel:0", "self._shape": "(1024, 12)", "value_tensor.shape": "(1024, 16)"}),
    Rule(("python/framework/tensor_shape.py",), r"^Dimensions \{self\} and \{other\} are not compatible$|^Shapes "
         r"\{self\} and \{other\} must have the same rank$", "input_shape_mismatch",
         "two sizes or ranks that must agree do not (tf.data.Dataset.from_tensor_slices((x, y)) with another number "
         "of examples in x and y, a tensor set or assigned with another shape than declared)", DIMS_FIX,
         overrides={"self": r"(?P<first>\(?[\w?, ]{1,80}\)?)", "other": r"(?P<second>\(?[\w?, ]{1,80}\)?)"},
         values={"self": "100", "other": "99"}),
    Rule(("python/framework/tensor_shape.py",), r"^as_list\(\) is not defined on an unknown TensorShape",
         None, "a shape of unknown rank was asked for its dimensions: TensorFlow lost a tensor's shape -- the output "
         "of tf.py_function / tf.numpy_function (in a tf.data map) that was never given its shape, not about the "
         "request or model; or, in a model server calling Keras 3's predict (a Flask / FastAPI app, BentoML, "
         "KServe), a request of another rank than the earlier ones (Keras' predict function is retraced with a "
         "relaxed, unknown-rank input when the rank changes, and Keras then cannot check it)",
         "Send every request with the batch axis and no level more -- [[f1, f2, ...]] for one example, not the flat "
         "list, and no np.expand_dims on an array that is already a batch (the rank the model takes: sigcheck "
         "inspect MODEL); a tf.py_function / tf.numpy_function output that feeds the model needs its shape set "
         "(y.set_shape([None, 4]))", decider="unknown_rank"),
    Rule(("python/framework/tensor_shape.py",), r"^Shape \{self\} must have rank(?: at least| at most)? \{rank\}$",
         "input_shape_mismatch", "a tensor of one rank was given where an op or signature takes another",
         RANK_FIX, decider="rank",
         overrides={"self": rf"(?P<got_shape>{SHAPE})", "rank": r"(?P<want_rank>\d{1,3})"},
         values={"self": "(28, 28)", "rank": "4"}),
    Rule(("python/framework/importer.py",), r"^Attempted to map inputs that were not found in graph_def",
         "input_keys_mismatch", "tf.import_graph_def's input_map names tensors the GraphDef does not have",
         MAP_FIX, values={"missing_keys": "input:0"}),
    Rule(("python/eager/polymorphic_function/concrete_function.py",),
         r"is not compatible with the shape this function was traced with", "input_shape_mismatch",
         "a traced function (a loaded signature, a concrete function) got a tensor of another shape than it was "
         "traced with", TRACED_FIX, decider="rank", start=" is not compatible", read=0,
         overrides={"self._func_graph.inputs[i].shape": rf"(?P<want_shape>{SHAPE})",
                    "tensor_input.shape": rf"(?P<got_shape>{SHAPE})"},
         values={"self._func_graph.inputs[i].shape": "(None, 784)", "tensor_input.shape": "(1, 28, 28)"}),
    Rule(("python/eager/polymorphic_function/concrete_function.py",), r"got two values for '",
         "input_keys_mismatch", "a concrete function (a loaded signature) was given one input both by position and "
         "by keyword", KEYWORDS_FIX, start="got two values", values={"unused_key": "x"}),
    Rule(("python/eager/polymorphic_function/concrete_function.py",), r"to be a Tensor; got \{",
         "wrong_api_or_input_format", "a concrete function (a loaded signature) takes tensors and was called with "
         "a Python value (a list, a number, None) in a tensor's place", TENSOR_ARG_FIX, decider="loader_call",
         start="expected argument #",
         overrides={"type(arg).__name__": r"(?P<object_type>(?!RaggedTensor\b)\w{1,40})"},
         values={"i": "0", "type(arg).__name__": "list", "arg": "[[1.0, 2.0]]"}),
    Rule(("np:numpy/__init__.py",), r"^`np\.\{attr\}` was removed in the NumPy 2\.0 release", None,
         "code written for NumPy 1 (the serving or export code, or a library it imports) uses an alias NumPy 2 "
         "removed (np.float_, np.string_, np.object0, np.Inf ...); the message names the replacement -- not about the "
         "request or model: the code and the NumPy it runs with",
         "Use the replacement the message names (np.float_ -> np.float64, np.string_ -> np.bytes_, np.Inf -> "
         "np.inf) in your code; when a library of yours uses the alias, upgrade it to a release built for NumPy 2, "
         "or pin numpy<2 in that environment (TensorFlow before 2.16 needs numpy<2 anyway)", funcs=".",
         overrides={"attr": r"(?P<attribute>\w{1,40})"},
         values={"attr": "float_", "__expired_attributes__[attr]": "Use `np.float64` instead."}),
    Rule(("np:numpy/_core/_exceptions.py",), r"^Unable to allocate \{size_str\} for an array with shape", None,
         "NumPy could not get the memory for an array: the process's memory, or its limit (a container's, ulimit "
         "-v), is smaller than what the program needs at once -- not about the request or model unless a model was "
         "loading or running (decider numpy_allocate: then the model's size, model_too_large)",
         "Give the process more memory (a larger machine type or container limit), or need less at once: a smaller "
         "model (fewer / smaller layers, float16 or quantized weights) and smaller batches; the shape in the message "
         "says which array did not fit", funcs="", decider="numpy_allocate",
         overrides={"size_str": r"(?P<size>[\d.]{1,12} ?[KMGTPE]?i?B)"},
         values={"size_str": "1.19 GiB", "self.shape": "(20000, 16000)", "self.dtype": "float32"}),
    Rule(("np:numpy/_core/shape_base.py",), r"^all input arrays must have the same shape$", "input_shape_mismatch",
         "np.stack was given examples of different shapes (images of different sizes or channel counts)",
         CONCAT_FIX),
    # --- a loaded signature / concrete function called with other arguments than it takes ---
    Rule(("python/eager/polymorphic_function/concrete_function.py",), r"takes \{self\._num_positional_args\} "
         r"positional arguments, got", "input_keys_mismatch",
         "a concrete function (a loaded signature) takes its inputs by keyword and was given positional arguments",
         KEYWORDS_FIX, start=" takes ", values={"self._num_positional_args": "0", "len(args)": "1"}),
    Rule(("python/eager/polymorphic_function/concrete_function.py",), r"got unexpected keyword arguments: ",
         "input_keys_mismatch", "a concrete function (a loaded signature) was called with keyword arguments that "
         "are not its inputs' names", KEYWORDS_FIX, start="got unexpected keyword",
         overrides={"', '.join(sorted(kwargs))": r"(?P<input>[\w, ]{1,200})"},
         values={"', '.join(sorted(kwargs))": "input_1"}),
    Rule(("python/eager/polymorphic_function/function_type_utils.py",), r"^Binding inputs to tf\.function failed "
         r"due to `\{e\}`", "input_keys_mismatch",
         "a tf.function (a loaded signature) was called with arguments its signature does not bind: an input missing, "
         "one under another name, or positional arguments where it takes keywords (a cast that fails is read by the "
         "traced shapes instead)", KEYWORDS_FIX, funcs=".", read=0,
         overrides={"e": r"(?P<reason>(?![`']?[Cc]an ?not cast)[^`\n]{1,200})"},
         values={"e": "missing a required argument: 'x'"}),
    Rule(("python/eager/polymorphic_function/atomic_function.py",), r"^Signature specifies \{expected_len\} "
         r"arguments, got", "input_keys_mismatch", "a traced function was called with another number of inputs than "
         "its signature has", KEYWORDS_FIX, values={"expected_len": "2", "len(args)": "1"}),
    # --- TF1 sessions: what is fed ---
    Rule(("python/client/session.py",), r"^Cannot interpret feed_dict key as Tensor", "input_keys_mismatch",
         "a feed_dict key names no tensor of the session's graph (another name, or a tensor of another graph)",
         FEED_KEY_FIX, decider="unnamed_tensor",
         values={"e.args[0]": "The name 'x:0' refers to a Tensor which does not exist. The operation, "
                              "'x', does not exist in the graph."}),
    Rule(("python/client/session.py",), r"^Tensor \{subfeed_t\.name\} may not be fed", "input_keys_mismatch",
         "a tensor that the graph computes (not an input placeholder) was given in feed_dict", FEED_KEY_FIX,
         values={"subfeed_t.name": "dense/BiasAdd:0"}),
    Rule(("python/client/session.py",), r"^The value of a feed cannot be a tf\.Tensor object",
         "wrong_api_or_input_format", "a tf.Tensor was given as a feed value; a session is fed NumPy arrays or "
         "Python values", "Feed NumPy arrays (sess.run(out, {x: np_array})): evaluate the tensor first "
         "(value = sess.run(t)) or build it into the graph instead of feeding it"),
    Rule(("python/client/session.py",), r"^Type of feed value \{", "dtype_mismatch",
         "a value fed to a placeholder cannot be converted to the placeholder's dtype (strings or objects for a "
         "number, a float for an int placeholder)", "Feed an array of the placeholder's dtype (np.asarray(x, "
         "dtype=np.float32); encode strings as the graph expects)", read=0,
         overrides={"str(subfeed_val)": r"[^\n]{0,300}?", "str(type(subfeed_val))": r"[^\n]{0,120}?",
                    "str(subfeed_dtype)": r"(?P<want_dtype><dtype: '\w{1,20}'>|\w{1,20})"},
         values={"str(subfeed_val)": "abc", "str(type(subfeed_val))": "<class 'str'>",
                 "str(subfeed_dtype)": "<dtype: 'float32'>"}),
    Rule(("python/framework/ops.py",), r"^(?:Tensor|Operation) \{obj\} is not an element of this graph", None,
         "a tensor or operation of one tf.Graph was used in another: in a web server (Flask, Django), the model was "
         "loaded in one thread's graph/session and predict runs in another; load the model and predict in the same "
         "graph and session (keep graph = tf.compat.v1.get_default_graph() at load and run predict under "
         "graph.as_default() and the same session), or load it per worker; with TensorFlow 2 eager and Keras 3 "
         "this does not arise; not about the request or model", funcs=".", overrides={"obj": r"[^\n]{0,300}?"},
         values={"obj": 'Tensor("dense_1/Softmax:0", shape=(?, 10), dtype=float32)'}),
    Rule(("python/framework/type_spec.py",), r"^Could not build a TypeSpec for \{value\}", "wrong_api_or_input_format",
         "a Python value that makes no tensor (a list of rows of different lengths, a list of arrays of different "
         "shapes, a dict of lists, None) was given where TensorFlow or Keras 2 takes tensors or arrays",
         "Give the model one array per input: np.asarray(x, dtype='float32') of one shape (pad rows to one length "
         "with keras.utils.pad_sequences, resize images to one size), or a dict of such arrays keyed by input name",
         funcs=".", overrides={"value": r"[^\n]{0,300}?"}, values={"value": "[[1, 2], [3]]"}),
    Rule(("python/framework/tensor.py",), r"^Cannot use the (?:default|given) session to evaluate tensor: the "
         r"tensor's graph is different", None,
         "a tensor of one tf.Graph was evaluated in a session of another: in a web server the model was loaded in "
         "one thread's graph/session and used in another; load and predict in the same graph and session (keep the "
         "graph and session of the load and run predict under graph.as_default() and that session); not about the "
         "request or model", funcs="."),
    Rule(("python/framework/tensor.py",), r"^Tensor is unhashable", "runtime_version_mismatch",
         "code written for TensorFlow 1 (tensors as dict keys: feed_dict={model.input: x}, tensors in sets) runs "
         "under TensorFlow 2, where tensors cannot be dict keys", funcs=".",
         fix="The code was written for TensorFlow 1.x sessions (feed_dict keyed by tensors): call the model "
             "directly in TensorFlow 2 (model(x) / model.predict(x), a SavedModel's signature with keyword inputs), "
             "run it under tf.compat.v1 with eager execution disabled, or with the TensorFlow version it was written "
             "for"),
    # --- checkpoints restored into a model ---
    Rule(("python/training/saver.py",), r"^The passed save_path is not a valid checkpoint", "variables_not_restored",
         "the SavedModel loader restores the model's variables from variables/variables and found no checkpoint "
         "there: the variables/ folder is missing, empty or incomplete (a copy of saved_model.pb alone)", funcs=".",
         fix="Copy the whole SavedModel version folder: variables/variables.index and variables/variables.data-* "
             "must sit next to saved_model.pb (compare sizes with the export; gsutil cp -r / docker COPY of the "
             "folder, not the .pb file alone)",
         overrides={"checkpoint_prefix": r"(?P<path>[^\s'\"]{0,300}variables[/\\]variables)\b"},
         values={"checkpoint_prefix": "/models/m/1/variables/variables"}),
    Rule(("python/training/saver.py",), r"^The passed save_path is not a valid checkpoint", "variables_not_restored",
         "tf.compat.v1 Saver.restore was given a path that is no checkpoint prefix (a folder, a .index / .data / "
         ".meta file name, or a path that does not exist where the process runs)", funcs=".",
         fix="Give restore the checkpoint prefix (e.g. model.ckpt-1000, without .index or .data-00000-of-00001; "
             "tf.train.latest_checkpoint(dir) finds it) and check that its .index and .data files exist there"),
    Rule(("python/checkpoint/checkpoint_management.py",), r"^Couldn't match files for checkpoint",
         "savedmodel_not_found", "tf.train.latest_checkpoint read the folder's 'checkpoint' state file, but the "
         "prefix it names has no .index / .data files there: the checkpoint was moved or copied without them, the "
         "state file holds another machine's absolute path, or the program was pointed at a prefix the download "
         "does not have", funcs="",
         fix="Point the program at the checkpoint prefix the folder really holds (ls it: model.ckpt-NNNN.index "
             "names the prefix model.ckpt-NNNN; a released checkpoint may be named otherwise than the code "
             "expects), or fix model_checkpoint_path in the folder's 'checkpoint' file to that prefix (relative to "
             "the folder, not another machine's absolute path)",
         stop="for checkpoint"),  # (logging's %s: the path follows, read by the kinds' path reader for the fix)
    Rule(("python/training/saver.py",), r"^Restoring from checkpoint failed\. This is most likely due to ",
         "variables_not_restored",
         "tf.compat.v1 Saver.restore found the checkpoint but not the variables the graph asks for by name: the code "
         "built a graph other than the one that wrote the checkpoint (changed layers or scopes, or another "
         "TensorFlow version that names its variables differently)", funcs="", decider="restore",
         fix="Restore with the same model code and TensorFlow version that wrote the checkpoint (TensorFlow "
             "upgrades renamed variables, e.g. RNN cells in 1.2 and Keras layers later); compare the names with "
             "tf.train.list_variables(checkpoint) against [v.name for v in tf.compat.v1.global_variables()], and "
             "map renamed ones with Saver(var_list={old_name: variable})",
         stop="from the checkpoint."),
    Rule(("python/checkpoint/checkpoint.py",), r"does not appear to be object-based \(saved with TF2\)",
         "runtime_version_mismatch",
         "a TF2 object-based restore (tf.train.Checkpoint, Keras load_weights) was given a TF1 name-based "
         "checkpoint (written by tf.compat.v1 Saver or an Estimator)", funcs=".",
         fix="The checkpoint was written by TensorFlow 1's name-based Saver: restore it with "
             "tf.compat.v1.train.Saver in a graph built the same way, or read its variables with "
             "tf.train.load_checkpoint(path) and assign them; then save again with tf.train.Checkpoint / "
             "model.save_weights for TensorFlow 2",
         overrides={"save_path": r"[^\n\"]{0,300}?", "base.OBJECT_GRAPH_PROTO_KEY": r"[\w/]{1,60}"}),
    Rule(("python/checkpoint/checkpoint.py",), r"^Nothing except the root object matched a checkpointed value|"
         r"^Unresolved object in checkpoint|Python objects that were not bound to checkpointed values",
         "variables_not_restored",
         "the checkpoint's objects do not match the model it is restored into (another architecture, layer "
         "names or nesting, or a checkpoint of another model)", funcs=".",
         fix="Restore into exactly the architecture that wrote the checkpoint (same layers, names and nesting, "
             "same Keras version); for a partial restore call .expect_partial() on the restore status; list the "
             "checkpoint's variables with tf.train.list_variables(path) to compare",
         overrides={"pretty_printer.node_names[node_id]": r"[^\n:]{1,200}", "node": r"[^\n]{0,300}?"}),
    # --- a serving function tf.saved_model.save refused to make a signature of (signature_serialization.py) ---
    Rule(("python/saved_model/signature_serialization.py",), r"^Got a non-Tensor value \{", None,
         "tf.saved_model.save refused to write the SavedModel: the serving function returns a value that is no "
         "tensor (None, a Python number or string, a nested dict) under one output key; a signature's outputs are "
         "tensors only; not about the request or model being served: the export code", SIGNATURE_OUTPUT_FIX, funcs=".", read=0,
         overrides={"value": r"[^\n]{1,200}?", "key": r"'(?P<output>[^'\n]{1,120})'"},
         values={"value": "None", "key": "'debug'", "compat.as_str_any(function_name)": "__inference_serve_13",
                 "signature_key": "'serving_default'"}),
    Rule(("python/saved_model/signature_serialization.py",), r"^Got a dictionary with a non-string key", None,
         "tf.saved_model.save refused to write the SavedModel: the serving function returns a dict whose keys are "
         "not all strings (an int class id, a tuple); a signature's outputs are named by strings; not about the request "
         "or model being served: the export code",
         "Return a dict keyed by strings from the serving function ({'class_0': …} or {str(k): v for k, v in "
         "outputs.items()}), then export again", funcs=".", read=0),
    Rule(("python/saved_model/signature_serialization.py",), r"^Expected a TensorFlow function for which to "
         r"generate a signature", None,
         "tf.saved_model.save refused to write the SavedModel: signatures= was given a plain Python function, a "
         "Keras model or method, or a tf.function without an input_signature, of which no signature can be traced; not "
         "about the request or model being served: the export code",
         "Give signatures= a concrete function: signatures={'serving_default': "
         "f.get_concrete_function(tf.TensorSpec([None, …], tf.float32, name='x'))}, or decorate the function with "
         "@tf.function(input_signature=[tf.TensorSpec(…)]) (Keras 3: model.export(dir) writes the signature itself)",
         funcs=".", read=0, overrides={"function": r"[^\n]{1,300}?"}, values={"function": "<function serve at 0x7f>"}),
    Rule(("python/saved_model/signature_serialization.py",), r"^Unable to serialize concrete_function", None,
         "tf.saved_model.save refused to write the SavedModel: a function whose input is a tf.Variable cannot be a "
         "signature (a signature's inputs are tensors a client feeds); not about the request or model being served: the "
         "export code",
         "Give the serving function tensor inputs (tf.TensorSpec in its input_signature) and read the variable "
         "inside it as an attribute of the saved object (self.v), then export again", funcs=".", read=0),
    Rule(("python/saved_model/signature_serialization.py",), r"^Exporting an object \{", None,
         "tf.saved_model.save refused to write the SavedModel: the object saved has an attribute named "
         "'signatures' of its own (often an object from tf.saved_model.load whose signatures were replaced), a "
         "name SavedModel keeps for the signatures it writes; not about the request or model being served: the export "
         "code",
         "Do not assign obj.signatures: pass the serving functions to tf.saved_model.save(obj, dir, "
         "signatures={...}) (or del obj.signatures first, as the message says), and rename an attribute of your "
         "own that is called signatures", funcs=".", read=0,
         overrides={"augmented_graph_view.root": r"[^\n]{1,200}?"},
         values={"augmented_graph_view.root": "<__main__.Model object at 0x7f>"}),
    Rule(("python/training/checkpoint_utils.py",), r"^Couldn't find 'checkpoint' file or checkpoints in", None,
         "tf.train.load_checkpoint (or a checkpoint reader) was given a folder with no 'checkpoint' file: a "
         "SavedModel's folder, whose variables are a checkpoint under variables/, or a folder of no checkpoint; not "
         "about the request or model", CHECKPOINT_PREFIX_STEP, funcs=".", read=0,
         overrides={"ckpt_dir_or_file": r"(?P<path>[^\s'\"]{1,300})"}, values={"ckpt_dir_or_file": "tab_sm"}),
    Rule(("python/eager/context.py",), r"^(?:Inter|Intra) op parallelism cannot be modified after", None,
         "TensorFlow's thread pools were set after TensorFlow started (an op ran or a model was loaded first): they "
         "are fixed then; not about the request or model", funcs=".", read=0,
         fix="Set the threads before anything runs in TensorFlow: tf.config.threading.set_inter_op_parallelism_threads "
             "/ set_intra_op_parallelism_threads right after import tensorflow (or TF_NUM_INTEROP_THREADS / "
             "TF_NUM_INTRAOP_THREADS in the environment); TF Serving takes --tensorflow_inter_op_parallelism / "
             "--tensorflow_intra_op_parallelism"),
    Rule(("python/saved_model/load.py",), r"^Unknown SavedObject type: ", "runtime_version_mismatch",
         "the SavedModel holds an object kind this TensorFlow does not know: it was written by a newer TensorFlow",
         "The SavedModel was written by a newer TensorFlow than the one loading it: load or serve it with the same "
         "or a newer TensorFlow (a newer tensorflow/serving image), or export it again with the older version",
         funcs=".", overrides={"kind": r"(?P<kind>[\w]{1,60})"}, values={"kind": "capture"}),
    # --- an image the client cannot open (Pillow, before anything reaches the model) ---
    Rule(("pil:PIL/Image.py",), r"^cannot identify image file ", "encoded_image_string_mismatch",
         "Pillow cannot read the bytes it was given as an image: they are no image file (an HTML error page or JSON "
         "saved as .jpg, base64 text not decoded, a cut-off download, a format Pillow has no plugin for)", funcs="",
         fix="Look at the bytes given to Image.open (their first bytes: \\xff\\xd8 JPEG, \\x89PNG, '<html' a "
             "failed download, '/9j/' or 'iVBOR' base64 text to decode first with base64.b64decode); download or "
             "decode them again, and wrap a bytes object in io.BytesIO",
         overrides={"filename if filename else fp": r"[^\n]{0,300}?"},
         values={"filename if filename else fp": "<_io.BytesIO object at 0x7f>"}),
    # --- a value that does not convert to a tensor ---
    Rule(("python/framework/tensor_util.py",), r"^Expected \{dtype\.name\}, but got \{mismatch\}",
         "bytes_sent_to_numeric_input",
         "tf.make_tensor_proto (a gRPC PredictRequest's tensor) was given an encoded image file (JPEG / PNG bytes, or "
         "their base64 text) for a numeric dtype: the bytes of the file, not its pixels; the message quotes the "
         "bytes whole, so it is read from their first ones",
         "Decode the image on the client and send its pixels, tf.make_tensor_proto(np.asarray(Image.open(f)"
         ".convert('RGB').resize((W, H)), dtype=np.float32)[None]) — or export a signature with a DT_STRING input that "
         "decodes in the graph (tf.io.decode_image) and send the bytes with dtype=tf.string", funcs=".", read=0,
         overrides={"mismatch": "(?P<encoded>b'(?:\\\\x(?:ff|89)|\u00ff\u00d8\u00ff|.?PNG\\b)|b?'?(?:/9j/|iVBOR))"},
         values={"dtype.name": "float32", "mismatch": "b'\\xff\\xd8\\xff\\xe0"}),
    Rule(("python/framework/tensor_util.py",), r"^Expected \{dtype\.name\}, but got \{mismatch\}",
         "bytes_sent_to_numeric_input",
         "tf.make_tensor_proto (a gRPC PredictRequest's tensor) was given an encoded audio file (WAV's RIFF header, "
         "an MP3's ID3 tag, FLAC, Ogg) for a numeric dtype: the file's bytes, not its samples",
         "Decode the audio on the client and send its samples as floats, tf.make_tensor_proto(waveform.astype("
         "np.float32)[None]) with the model's sample rate and length (tf.audio.decode_wav(bytes).audio[:, 0] for a "
         "WAV, scipy.io.wavfile.read / soundfile) — or export a signature with a DT_STRING input that decodes in "
         "the graph (tf.audio.decode_wav) and send the file's bytes with dtype=tf.string", funcs=".", read=0,
         overrides={"mismatch": "(?P<encoded>b'(?:RIFF|ID3|fLaC|OggS))"},
         values={"dtype.name": "float32", "mismatch": "b'RIFF$}\\x00\\x00WAVEfmt "}),
    Rule(("python/framework/tensor_util.py",), r"^Expected \{dtype\.name\}, but got \{mismatch\}",
         "serialized_example_input_expected",
         "tf.make_tensor_proto (a gRPC PredictRequest's tensor) was given tf.train.Example messages (their text "
         "form is what it quotes: features { feature { … } }) for a DT_STRING input: an input of serialized "
         "tf.Example takes each Example's bytes, not the message object",
         "Serialize each Example: tf.make_tensor_proto([ex.SerializeToString() for ex in examples], dtype=tf.string) "
         "(over REST: {\"b64\": base64 of ex.SerializeToString()}); the Classify / Regress APIs take the Example "
         "messages themselves, in request.input.example_list.examples", funcs=".", read=0,
         overrides={"mismatch": r"(?P<proto>(?:features|context|feature_lists) ?\{[^\n]{0,4000}?\})",
                    "type(mismatch).__name__": r"(?P<object_type>(?:Sequence)?Example)"},
         values={"dtype.name": "string", "mismatch": 'features { feature { key: "age" value { float_list { value: 34 '
                 "} } } }", "type(mismatch).__name__": "Example"}),
    # (the general reading after the specific ones: their fix speaks first where both match)
    Rule(("python/framework/tensor_util.py",), r"^Expected \{dtype\.name\}, but got \{mismatch\}|^`dtype` "
         r"\{dtype\} is not compatible with|^Failed to convert elements of", "dtype_mismatch",
         "a value given as a tensor holds elements of another type than the tensor's dtype (strings or None among "
         "numbers, a float for an int)", CONVERT_FIX, funcs=".", decider="encoded_value",
         overrides={"dtype.name": r"(?P<dtype>[^\n,]{0,160})", "mismatch": r"[^\n]{0,160}?",
                    "type(mismatch).__name__": r"(?P<py_type>[^\n']{0,160})"}),
    # a restored function kept without the object that owns its variables
    Rule(("python/framework/func_graph.py",), r"^Called a function referencing variables which have been deleted", None,
         "a function was called after the object holding its variables was freed: most often only a signature of a "
         "loaded SavedModel was kept (f = tf.saved_model.load(path).signatures['serving_default'], or a function "
         "returning it), and Python deleted the loaded object with its variables; the export is complete -- not about "
         "the request or model",
         "Keep a reference to the loaded object for as long as its functions are used: m = tf.saved_model.load(path); "
         "f = m.signatures['serving_default'] (in a server, load once at module or app level and keep m); a "
         "tf.function that creates variables must store them on an object attribute",
         funcs=".", stop="which have been deleted."),
    # tf.Example parsing inside a serving function (a batch of serialized Examples, [None])
    Rule(("python/ops/parsing_ops.py",), r"^Input \{name\} must be a scalar|^Input %s must be a scalar", None,
         "tf.io.parse_single_example takes one serialized Example (a scalar string), and a serving function's input is "
         "a batch of them (shape [None]); not about the request or model's signature: the export code",
         "Parse the batch with tf.io.parse_example(serialized, spec) (or tf.map_fn over parse_single_example), then "
         "export again", funcs=".", overrides={"name": r"(?P<input>\w{1,80})"}, values={"name": "serialized"}),
    Rule(("python/ops/parsing_ops.py",), r"^Unsupported: FixedLenSequenceFeature requires", None,
         "tf.io.parse_example was given a FixedLenSequenceFeature without allow_missing=True, which it requires (a "
         "list of any length per example); not about the request or model's signature: the export code's feature spec",
         "Write the spec as tf.io.FixedLenSequenceFeature([], tf.int64, allow_missing=True, default_value=0) (or a "
         "tf.io.RaggedFeature / VarLenFeature), then export again", funcs="."),
    # a TensorFlow op library built for another TensorFlow: see LIB_RULES (ld.so's 'undefined symbol')
    Rule(("python/eager/polymorphic_function/concrete_function.py",), r"to be a Tensor; got \{",
         "ragged_instances", "a concrete function (a loaded signature) whose input is a dense tensor was given a "
         "tf.RaggedTensor: rows of different lengths, which a dense input cannot hold",
         "Pad the rows to one length before the call: x.to_tensor() (default_value 0, or shape=[None, N] to cut or "
         "pad to N) and send the true lengths or a mask if the model takes them; or export a signature with a "
         "tf.RaggedTensorSpec input", funcs=".", start="expected argument #",
         overrides={"type(arg).__name__": r"(?P<object_type>RaggedTensor)"},
         values={"i": "0", "type(arg).__name__": "RaggedTensor", "arg": "<tf.RaggedTensor [[1, 2], [3]]>"}),
    Rule(("python/ops/parallel_for/pfor.py",), r"^No pfor vectorization defined for ", None,
         "tf.vectorized_map has no vectorized form of an op the mapped function uses (the message names it), and "
         "its fallback to a while loop is off; not about the request or model being served: the model code",
         "Let tf.vectorized_map fall back to a loop for that op (fallback_to_while_loop=True, its default), or use "
         "tf.map_fn(fn, elems, fn_output_signature=tf.TensorSpec(...)) for that step, then export again",
         funcs="", read=0, overrides={"y_op.type": r"(?P<op>\w{1,80})"}, values={"y_op.type": "Unique"}),
    Rule(("python/framework/tensor_util.py",), r"^Failed to convert elements of \{values\} to Tensor",
         "input_keys_mismatch",
         "tf.make_tensor_proto (or tf.constant) was given a dict of named arrays — a model's inputs — as one value: a "
         "dict makes no tensor; each input is a tensor of its own under its own name",
         DICT_PROTO_FIX, funcs=".", read=0,
         overrides={"values": r"(?P<input>\{'[\w./ -]{1,80}': )"},
         values={"values": "{'age': array([[35.]], dtype=float32), 'city_id': array([[3]])}"}),
    Rule(("python/framework/tensor_util.py",), r"^Expected values \{values\} to be a dense tensor with",
         "input_keys_mismatch",
         "tf.make_tensor_proto (or tf.constant) was given a dict of named arrays — a model's inputs, a tokenizer's "
         "BatchEncoding — as one value: a dict makes no tensor; each input is a tensor of its own under its own name",
         DICT_PROTO_FIX, funcs=".", read=0,
         overrides={"values": r"\{'[\w./ -]{1,80}': [^\n]{0,400}?"},
         values={"values": "{'input_ids': [[2, 5, 3]], 'attention_mask': [[1, 1, 1]]}",
                 "_GetDenseDimensions(values)": "[2]", "list(nparray.shape)": "[]"}),
    Rule(("python/framework/tensor_util.py",), r"^Expected values \{values\} to be a dense tensor with",
         "ragged_instances",
         "tf.make_tensor_proto (or tf.constant) was given nested lists of different lengths: NumPy made fewer "
         "dimensions of them (an array of objects) than the nesting has, so they are no dense tensor",
         "Pad the lists to one length before building the tensor (tf.keras.utils.pad_sequences(seqs, padding='post'), "
         "or np.stack of equal-length arrays) and send the true lengths or a mask as another input; or send one "
         "instance per request", funcs=".", read=0,
         overrides={"values": r"(?P<values>\[[^\n]{0,400}?)"},
         values={"values": "[[1, 2, 3], [4, 5]]", "_GetDenseDimensions(values)": "[2, 3]",
                 "list(nparray.shape)": "[2]"}),
    Rule(("python/framework/dtypes.py",), r"^Cannot convert the argument `type_value`: ", None,
         "tf.make_ndarray (or tf.as_dtype) got dtype 0, DT_INVALID: an empty TensorProto — a PredictResponse's "
         "outputs['KEY'] read under a key the response does not have (a protobuf map gives an empty message for a "
         "missing key instead of an error), or a TensorProto never filled; not about the request or model", funcs=".",
         read=0,
         fix="Read the output under a name the signature has: print(list(response.outputs.keys())) (or sigcheck "
             "inspect MODEL) and use that key — Keras 3's model.export names outputs output_0, output_1, … unless "
             "the serving function returns a dict; check with `'KEY' in response.outputs` before reading it",
         overrides={"type_value": r"(?P<dtype_enum>0)(?![\w.])"}, values={"type_value": "0"}, decider="dtype_invalid"),
    Rule(("python/framework/constant_op.py",), r"^Expected tensor \{value\} with dtype \{dtype\}, but got dtype",
         "dtype_mismatch", "a tensor of one dtype was given where another dtype was declared (no implicit cast)",
         CONVERT_FIX, funcs=".", start="with dtype", read=0,
         overrides={"dtype": r"(?P<want_dtype>\w{1,20})", "value.dtype": r"(?P<got_dtype>\w{1,20})"},
         values={"dtype": "float32", "value.dtype": "int64"}),
    # --- an op's inputs of other dtypes than it takes (op_def_library, when a graph or tf.function is built) ---
    Rule(("python/framework/op_def_library.py",), r"^Input '\{input_name\}' of '\{op_type_name\}' Op has type \{",
         "dtype_mismatch", "two tensors of different dtypes meet in one op (float64 NumPy data against float32 "
         "weights, int against float, strings into a numeric op): no implicit cast", OP_DTYPE_FIX, funcs=".",
         decider="call_dtype",
         overrides={"dtypes.as_dtype(attr_value).name": r"(?P<got_dtype>\w{1,20})",
                    "dtypes.as_dtype(attrs[input_arg.type_attr]).name": r"(?P<want_dtype>\w{1,20})",
                    "op_type_name": r"(?P<op>[\w>]{1,80})"},
         values={"input_name": "y", "op_type_name": "AddV2", "dtypes.as_dtype(attr_value).name": "float64",
                 "dtypes.as_dtype(attrs[input_arg.type_attr]).name": "float32",
                 "inferred_from[input_arg.type_attr]": "x"}),
    Rule(("python/framework/op_def_library.py",), r"^Value passed to parameter '\{param_name\}' has DataType",
         "dtype_mismatch", "an op got a tensor of a dtype it does not take at all (uint8 image pixels into a "
         "convolution, int into a float-only op, strings into a numeric op)", OP_DTYPE_FIX, funcs=".",
         decider="call_dtype",
         overrides={"dtypes.as_dtype(dtype).name": r"(?P<got_dtype>\w{1,20})",
                    "allowed_values": r"[\w, ]{1,300}"},
         values={"param_name": "input", "dtypes.as_dtype(dtype).name": "uint8",
                 "allowed_values": "float16, bfloat16, float32, float64"}),
    Rule(("python/framework/op_def_library.py",), r"^Expected \{dtypes\.as_dtype\(dtype\)\.name\} passed to "
         r"parameter", "dtype_mismatch", "a Python value of another type than the op's input takes (a string, "
         "None or a float where an int or float tensor is expected) was given to an op", OP_DTYPE_FIX, funcs=".",
         decider="call_dtype", read=0,
         overrides={"dtypes.as_dtype(dtype).name": r"(?P<want_dtype>\w{1,20})", "repr(values)": r"[^\n]{0,300}?",
                    "type(values).__name__": r"(?P<got_dtype>\w{1,40})"},
         values={"dtypes.as_dtype(dtype).name": "float32", "input_arg.name": "y", "op_type_name": "Maximum",
                 "repr(values)": "'abc'", "type(values).__name__": "str", "err": "..."}),
    Rule(("python/framework/op_def_library.py",), r"^Tried to convert '\{input_name\}' to a tensor and failed", None,
         "TensorFlow's wrapper around a conversion that failed while an op was built: look for the message after "
         "'Error:' (the cause: None values, mixed types, ragged rows)", funcs=".", stop="to a tensor and failed."),
    Rule(("python/framework/op_def_library.py",), r"^Op \{op_type_name\} is not available in GraphDef version",
         "runtime_version_mismatch", "the graph uses an op this TensorFlow removed (the GraphDef was written by a much "
         "older TensorFlow)", "The graph was written by an old TensorFlow and uses an op the running version removed: "
         "run it with a TensorFlow from before the removal (the message gives the GraphDef version), or re-export "
         "the model from its training code with the current TensorFlow", funcs=".",
         overrides={"op_type_name": r"(?P<op>\w{1,80})"}),
    # --- tf.image: the rank and size of images ---
    Rule(("python/ops/image_ops_impl.py",), r"(?i)^(?!.*(?:contains no shape|fully defined|> 0)).*(?:\(shape \{|"
         r"\brank\b|dimension|not compatible: )", "input_shape_mismatch",
         "a tf.image op got a tensor of another rank or size than images (H, W, C) or a batch of them (N, H, W, C)",
         IMAGE_RANK_FIX, decider="rank", funcs=".", family="tf.image: shape checks"),
    # --- TensorFlow's Python ops: what they check about their inputs' shapes ---
    Rule(("python/ops/nn_ops.py", "python/ops/array_ops.py", "python/ops/math_ops.py", "python/ops/nn_impl.py"),
         SHAPE_CHECK, "input_shape_mismatch",
         "a TensorFlow op (tf.nn.conv2d, tf.gather, a loss's labels against logits, ...) got a tensor whose shape "
         "or rank does not fit it: the input (or the labels) is not the shape the model was written for",
         None, decider="rank", funcs=".", family="tensorflow ops: shape checks"),
    # --- TF 2.x feature columns (Estimators, DenseFeatures): the features a serving input receiver gives ---
    Rule(("python/feature_column/feature_column_v2.py", "python/feature_column/feature_column.py"),
         r"^Feature \{key\} is not in features dictionary", "input_keys_mismatch",
         "a feature column reads a feature by its key and the features dict it was given (the serving input "
         "receiver's, the request's) has no such key: the receiver or the request names the feature otherwise",
         "Give every feature column its feature under its own key: the serving input receiver's dict (and so the "
         "signature's inputs and the request) must use the keys the feature columns were built with "
         "(tf.feature_column.numeric_column('KEY')); rename the receiver's placeholder key or the column, export "
         "again, and check the inputs with saved_model_cli show --dir DIR --all", funcs=".",
         overrides={"key": r"(?P<input>[\w./-]{1,120})"}, values={"key": "age"}),
    # --- the TFLite converter's names of a frozen graph's tensors ---
    Rule(("lite/python/util.py",), r"^Invalid tensors '\{", "input_keys_mismatch",
         "the TFLite converter was given input_arrays / output_arrays that name no tensor of the frozen graph",
         "Name the graph's own tensors in input_arrays / output_arrays (their op names, without ':0'): list them "
         "with [n.name for n in graph_def.node if n.op == 'Placeholder'] for the inputs and the last ops for the "
         "outputs (or saved_model_cli show --dir DIR --all for a SavedModel: convert that with from_saved_model)",
         funcs=".", overrides={"','.join(invalid_tensors)": r"(?P<input>[^'\n]{1,200})"},
         values={"','.join(invalid_tensors)": "x"}),
    # --- a while loop (an RNN's time loop) whose variable changes shape: a state built for a fixed batch ---
    Rule(("python/ops/while_v2.py",), r"^Input tensor `\{input_t\.name\}` enters the loop with shape", "model_graph_shape_bug",
         "a tf.while_loop variable (an RNN's state, a stateful layer's variable) changes shape after one "
         "iteration: the graph built it for another shape than the loop computes (a stateful RNN's state made for "
         "a fixed batch, traced with a batch of None)",
         "A stateful RNN keeps its state for the batch size it was built with: for serving, rebuild the same "
         "architecture with stateful=False (or a batch size left None), copy the weights (new.set_weights("
         "old.get_weights())) and export that; another loop variable: give it the shape it keeps in every "
         "iteration, or shape_invariants", decider="loop_shape", funcs=".", read=0,
         overrides={"shape": rf"(?P<a_shape>{SHAPE})", "t.shape": rf"(?P<b_shape>{SHAPE})"},
         values={"input_t.name": "lstm/ReadVariableOp:0", "shape": "(1, 8)", "t.shape": "(None, 8)"}),
    # --- proto-plus / protobuf JSON: what the Vertex AI client turns into google.protobuf.Value ---
    Rule(("python/saved_model/nested_structure_coder.py",), r"^The type '\{class_name\}' has not been registered\.  "
         r"It must be", None,
         "the SavedModel holds a value of a type a library registers on import (a tensorflow_probability "
         "distribution's TypeSpec, an ExtensionType of the exporting code) and the process loading it has not "
         "imported that library: the loader's imports; not about the request or model (no category)",
         "Import the module that defines the type before loading (import tensorflow_probability as tfp for a "
         "'tfp.distributions.…' type; the exporting code's module for its own ExtensionType), at the release that "
         "exported it; better, export signatures that return plain tensors (a distribution's mean / stddev / "
         "sample), which load anywhere", funcs="."),
    # --- werkzeug (Flask's request and errors: a custom model server of a user's own) ---
    Rule(("wz:werkzeug/wrappers/request.py",), r"^Did not attempt to load JSON data because the request", None,
         "a Flask / werkzeug app's request.get_json() refused the body because the request's Content-Type header is "
         "not application/json (curl -d sends application/x-www-form-urlencoded, curl -F multipart, a client that "
         "sets no header): the HTTP request's header, not the request's values or the model (no category; labelled "
         "so 2 of 2; not about the request or model)",
         "Send the header with the JSON body: curl -H 'Content-Type: application/json' -d @body.json …, "
         "requests.post(url, json=body) (not data=), fetch / axios with headers: {'Content-Type': "
         "'application/json'}; or have the server read request.get_json(force=True)", funcs=""),
    Rule(("wz:werkzeug/exceptions.py",), r"^The browser \(or proxy\) sent a request that this server could not",
         "json_parse_error",
         "a Flask / werkzeug app answered 400 Bad Request with werkzeug's default text: in a model server most often "
         "request.get_json() could not parse the body as JSON (Flask hides the parse error unless debug is on) -- "
         "a body that is empty, cut by the shell or quoted wrongly",
         "Check the body the client really sends (curl -v, or print request.get_data() on the server): valid JSON, "
         "not empty (-d @file needs the file to exist; a line continuation with a trailing space cuts the command), "
         "quoted for the shell it runs in; run the app with debug on to see the parser's own message", funcs=""),
    Rule(("pp:proto/marshal/rules/struct.py",), r"^Unable to coerce value", "instance_format",
         "the Vertex AI client (proto-plus) turns each instance into a google.protobuf.Value and cannot convert "
         "this Python value: a NumPy array or number, bytes, or another object no JSON value holds",
         "Give the client plain Python values: instances=[x.tolist() for x in batch] (a NumPy array, a NumPy "
         "float or int is no JSON value), bytes as {'b64': base64.b64encode(b).decode()}; the same body then "
         "works over REST", funcs=".", overrides={"value": r"(?P<object_type>[^\n]{1,300})"},
         values={"value": "array([0.5, 0.4], dtype=float32)"}),
    Rule(("pb:google/protobuf/json_format.py",), r"^Fail to serialize (?:NaN|Infinity) for Value\.number_value",
         "json_parse_error",
         "json_format (MessageToJson / MessageToDict of a google.protobuf.Value: a Vertex AI instance or struct) met a "
         "NaN or an infinity, which JSON has no number for: a missing or undefined value in the data",
         "Replace NaN and infinities before building the request (df.fillna(0) / np.nan_to_num(x), or drop the rows) "
         "— JSON, and so TF Serving's and Vertex's bodies, carry no NaN", funcs=".", read=0),
    Rule(("pb:google/protobuf/json_format.py",), r"^Value \{value\} has unexpected type", "instance_format",
         "json_format.ParseDict (the Vertex AI client's instances as google.protobuf.Value) got a value that is "
         "no JSON type: a NumPy number or array inside the instance",
         "Convert the instance to plain Python values first (x.tolist() for an array, float(v) / int(v) for a "
         "NumPy number), then json_format.ParseDict(instance, Value())", funcs=".", decider="json_value_type",
         overrides={"value": r"[^\n]{1,20000}?", "type(value)": r"(?P<object_type><class '[\w.]{1,80}'>)"},
         # (an array's repr runs to thousands of characters: 8 KB for a 3 x 28 batch)
         values={"value": "0.5", "type(value)": "<class 'numpy.float32'>", "path": "Value.features[0]"}),
    # --- TF Serving's model config (tensorflow/serving tensorflow_serving/config/*.proto) parsed by text_format ---
    Rule(("pb:google/protobuf/text_format.py",), r'^Message type "?\{[^}]*\}"? has no field named', None,
         "TF Serving's --model_config_file starts with config { … } entries at its top, but a ModelServerConfig holds "
         "them inside model_config_list (model_server_config.proto: oneof config { ModelConfigList "
         "model_config_list }): wrap them — model_config_list { config { name: \"m\" base_path: \"/models/m\" "
         "model_platform: \"tensorflow\" } }; not about the request or model", funcs=".", read=0,
         overrides={"message_descriptor.full_name": r"(?P<message_type>tensorflow\.serving\.ModelServerConfig)",
                    "name": r"(?P<field>config)"},
         values={"message_descriptor.full_name": "tensorflow.serving.ModelServerConfig", "name": "config",
                 "path": "config", "[f.json_name for f in message_descriptor.fields]": "['name']"}),
    Rule(("pb:google/protobuf/text_format.py",), r'^Message type "?\{[^}]*\}"? has no field named', None,
         "a TF Serving model config lists several versions on one line (versions: 1, 2): versions is a repeated "
         "field of model_version_policy { specific { … } } (file_system_storage_path_source.proto: repeated int64 "
         "versions), written once per version — specific { versions: 1 versions: 2 }; not about the request or "
         "model", funcs=".", read=0,
         overrides={"message_descriptor.full_name":
                    r"(?P<message_type>tensorflow\.serving\.FileSystemStoragePathSourceConfig\.ServableVersionPolicy"
                    r"\.Specific)", "name": r"(?P<field>\d{1,12})"},
         values={"message_descriptor.full_name":
                 "tensorflow.serving.FileSystemStoragePathSourceConfig.ServableVersionPolicy.Specific", "name": "2",
                 "path": "config", "[f.json_name for f in message_descriptor.fields]": "['versions']"}),
    # --- protobuf's text and JSON parsers: a proto with a field the reader's schema lacks ---
    Rule(("pb:google/protobuf/text_format.py", "pb:google/protobuf/json_format.py"),
         r'^Message type "?\{[^}]*\}"? has no field named', None,
         "a text (or JSON) protobuf names a field its message type does not have in the reader's schema: in a "
         "TensorFlow graph or SavedModel (saved_model.pbtxt, a GraphDef) the file was written by a newer TensorFlow "
         "than the one reading it; in a config file (TF Serving's model config, a pipeline config) the field is "
         "misspelt, misplaced or newer than the program reading it (not about the request or model being served)", PROTO_FIELD_FIX, decider="proto_field",
         funcs=".", read=0,
         overrides={"message_descriptor.full_name": r"(?P<message_type>[\w.]{1,120})",
                    "name": r"(?P<field>\w{1,120})"},
         values={"message_descriptor.full_name": "tensorflow.FunctionDef", "name": "arg_attr",
                 "path": "config", "[f.json_name for f in message_descriptor.fields]": "['name']"}),
    Rule(("python/saved_model/builder_impl.py",), r"^Export directory \{export_dir\} already exists, and isn't empty",
         None, "TensorFlow 1's SavedModelBuilder (and simple_save) write only into a new or empty directory: export "
         "each model version into a new numbered folder (a higher version: TF Serving serves the highest), or delete "
         "the old one first; not about the request or model", funcs=".", values={"export_dir": "/models/m/3"}),
    Rule(("python/ops/script_ops.py",), r"^Could not find callback with key=", None,
         "a tf.numpy_function / tf.py_function in the model runs Python code that a SavedModel does not keep: the "
         "process serving it has no such function (TF Serving, another process, a reload) — write that step with "
         "TensorFlow ops (tf.clip_by_value, tf.where, tf.math.*) so it is saved in the graph; not about the request "
         "or model's signature", funcs=".", values={"token": "pyfunc_4"}),
    Rule(("python/ops/image_ops_impl.py",), r"^'images' contains no shape", None,
         "tf.image.resize got a tensor of unknown rank — tf.io.decode_image's output, which may be a GIF's 4-D frames: "
         "decode with tf.io.decode_jpeg / decode_png, or tf.io.decode_image(x, channels=3, expand_animations=False), "
         "which gives (H, W, 3); not about the request or model's signature", funcs="."),
    Rule(("python/framework/tensor.py",), r"is not allowed\. You can attempt the following resolutions", None,
         "Python control flow on a symbolic tensor inside a traced function (an if, and / or, or a for loop over a "
         "tensor in a Keras layer's call() while the model is exported, saved or run by predict): write it with "
         "tensor ops — keras.ops.where / tf.where for a value, tf.cond for a branch, tf.map_fn or a vectorised op for "
         "a loop; not about the request or model's signature", funcs="_disallow$", read=0,
         overrides={"task": r"(?P<task>Using a symbolic [`']tf\.Tensor[`'] as a Python [`']bool[`']|Iterating over a "
                            r"symbolic [`']tf\.Tensor[`'])"},
         values={"task": "Using a symbolic `tf.Tensor` as a Python `bool`"}),
    # --- a classification / regression SignatureDef built for the :classify / :regress APIs ---
    Rule(("python/saved_model/signature_def_utils_impl.py",), r"^(?:Classification|Regression) (?:input tensors must "
         r"be of type string|classes must be of type string|scores must be a float|output tensors must be of type "
         r"float)", "wrong_api_or_input_format",
         "a classification or regression SignatureDef (what TF Serving's :classify / :regress run) was built on "
         "tensors its contract does not allow: its input must be a string tensor of serialized tf.Example, its "
         "classes strings and its scores floats",
         "For raw feature tensors build a predict signature (tf.compat.v1.saved_model.predict_signature_def(inputs=…, "
         "outputs=…)) and call :predict; keep classification_signature_def / regression_signature_def for a model "
         "whose input is a string placeholder of serialized tf.Example parsed in the graph (tf.io.parse_example)",
         funcs="."),
    # --- protobuf text format: TF Serving's --model_config_file, --batching_parameters_file, a pipeline.config ---
    Rule(("pb:google/protobuf/text_format.py",), r"^Expected identifier or number, got", None,
         "a protobuf text-format file (TF Serving's --model_config_file or --batching_parameters_file, a "
         "pipeline.config) does not parse at the line:column the message gives: text format writes field names bare "
         "and without commas (config { name: \"m\" base_path: \"/models/m\" model_platform: \"tensorflow\" }), "
         "not as JSON with quoted keys; not about the request or model", funcs=".", values={"result": "\"name\""}),
    Rule(("pb:google/protobuf/text_format.py",), r"^Couldn't parse integer", None,
         "a protobuf text-format file (TF Serving's model config, a batching parameters file) gives a number field a "
         "value that is no integer — a quoted number, a name where a number goes (version_labels { key: \"stable\" "
         "value: 1 }: a label maps to the version's number, unquoted), or a float where an integer goes; not about the "
         "request or model", funcs=".", decider="json_integer",
         values={"orig_text": "\"1\""}),
    Rule(("pb:google/protobuf/text_format.py",), r"^Expected string but found", None,
         "a protobuf text-format file (TF Serving's --model_config_file, a batching parameters file, a "
         "pipeline.config) gives a string field a bare value at the line:column the message gives: strings are "
         "quoted in text format (base_path: \"/models/m\", model_platform: \"tensorflow\"), numbers and enum names "
         "are not; not about the request or model", funcs=".", values={"text": "'/'"}),
    Rule(("pb:google/protobuf/text_format.py",), r"^String missing ending quote", None,
         "a protobuf text-format file (TF Serving's model config, a batching parameters file, a pipeline.config) "
         "opens a quoted string it does not close on the same line, at the line:column the message gives (a stray "
         "or curly quote, a path with a quote in it); not about the request or model", funcs=".",
         values={"text": "'\"/models/m'"}),
    Rule(("pb:google/protobuf/text_format.py",), r'^Message type "\{[^}]*\}" should not have multiple "\{field\.name\}" fields', None,
         "a protobuf text-format file sets a field that holds one value twice: in TF Serving's model config each "
         "model is its own config { … } inside ONE model_config_list { … }, and a config has one name, one "
         "base_path, one model_platform; not about the request or model", funcs=".",
         values={"message.DESCRIPTOR.full_name": "tensorflow.serving.ModelConfig", "field.name": "base_path"}),
    # --- a web server's own answer: its framework encodes what the handler returns (Flask's jsonify, FastAPI) ---
    Rule(("py:json/encoder.py",), r"^Object of type \{", None,
         "the server's handler returned NumPy values (np.float32 from a prediction, an ndarray, np.int64 from "
         "argmax) or another object its framework's JSON encoder cannot write (Flask's jsonify, FastAPI's "
         "jsonable_encoder): the request was read and the model ran, then the server's own answer failed -- not "
         "about the request or model (decider json_response: when the traceback is no web framework's response "
         "path, json.dumps building a request body, json_parse_error)",
         "Convert what the handler returns to Python values before returning it: preds.tolist() for an array, "
         "float(x) / int(x) for one NumPy number, e.g. return jsonify({'predictions': preds.tolist()})",
         funcs=".", decider="json_response", overrides={"o.__class__.__name__": r"(?P<object_type>\w{1,60})"},
         values={"o.__class__.__name__": "float32"}),
    # --- a tf.function saved without a traced concrete function (save.py's own docstring shows this error) ---
    Rule(("python/saved_model/function_deserialization.py",), r"^Found zero restored functions for caller function",
         "signature_not_found", "the SavedModel has no traced function for the method called: a @tf.function with no "
         "input_signature that was never called (nor get_concrete_function) before tf.saved_model.save is saved "
         "with nothing to run -- tf.saved_model.save's documentation shows this very error",
         "Export again with the function traced: give it an input_signature (@tf.function(input_signature=["
         "tf.TensorSpec([None, ...], tf.float32)])) or pass signatures={'serving_default': "
         "obj.f.get_concrete_function(tf.TensorSpec([None, ...], tf.float32))}, then call that signature "
         "(loaded.signatures['serving_default']) -- TF Serving serves only signatures", funcs="."),
    # --- saved_model_cli's required flags (tensorflow/python/tools/saved_model_cli.py command_required_flags: run
    # needs --dir, --tag_set and --signature_def), refused by absl's flag validator ---
    Rule(("ab:absl/flags/_validators.py",), r"^Flag --\{flag_name\} must have a value other than None", None,
         "a command-line tool built on absl flags (saved_model_cli: run needs --dir, --tag_set and --signature_def; "
         "show and scan --dir) was run without a flag it requires; not about the request or model: the command line "
         "(decider required_flag: --signature_def, the signature's key, is what a signature_not_found fix gives)",
         "Give the flag the message names: saved_model_cli show --dir DIR --all lists the tag sets and signature "
         "keys, then saved_model_cli run --dir DIR --tag_set serve --signature_def serving_default --inputs ...",
         funcs="", decider="required_flag", overrides={"flag_name": r"(?P<flag>\w{1,60})"},
         values={"flag_name": "signature_def"}),
    # --- Google Cloud's Application Default Credentials (google-auth, under aiplatform, googleapiclient, gcsfs) ---
    Rule(("ga:google/auth/_default.py",), r"^File \{filename\} was not found", None,
         "GOOGLE_APPLICATION_CREDENTIALS names a credentials file that is not there where the code runs (a path of "
         "another machine, a relative path read from another working directory, a file not copied into the "
         "container); not about the request or model: the client's credentials",
         "Point GOOGLE_APPLICATION_CREDENTIALS at the service account key file that exists where the code runs (an "
         "absolute path; mount or copy it into the container), or unset it to use the environment's own "
         "credentials (gcloud auth application-default login on a workstation, the attached service account on "
         "Google Cloud)", funcs=".", values={"filename": "/secrets/key.json"}),
    Rule(("ga:google/auth/_default.py",), r"^File \{filename\} is not a valid json file", None,
         "the credentials file GOOGLE_APPLICATION_CREDENTIALS (or from_service_account_file) names is not JSON: cut "
         "short, another file (a .p12 key, a PEM, a text note), or an escaped copy of the key; not about the request "
         "or model: the client's credentials",
         "Download the service account's JSON key again (IAM > Service accounts > Keys) and point "
         "GOOGLE_APPLICATION_CREDENTIALS at that file unchanged; check it with python -m json.tool KEY.json",
         funcs="", values={"filename": "/secrets/key.json"}),
    Rule(("ga:google/auth/_default.py",), r"^The file \{file\} does not have a valid type", None,
         "the credentials file is JSON but no credentials google-auth knows: its \"type\" is missing or misspelt, "
         "or it is another JSON (a client secret, a config); not about the request or model: the client's "
         "credentials",
         "Use the service account's JSON key as downloaded (\"type\": \"service_account\"), or the "
         "application_default_credentials.json gcloud auth application-default login writes (\"type\": "
         "\"authorized_user\")", funcs=".",
         values={"file": "/secrets/key.json", "type": "None", "valid_types": "('authorized_user', 'service_account')"}),
    Rule(("ga:google/auth/_default.py",), r"^Failed to load (?:service account|authorized user) credentials from",
         None, "the credentials file has the right type but its content does not load (a private key cut or "
         "re-wrapped, a field missing or misspelt: client_email, token_uri, refresh_token); not about the request or "
         "model: the client's credentials",
         "Download the key again and use the file unchanged (no re-wrapped \\n in private_key, every field of the "
         "download), or log in again with gcloud auth application-default login", funcs="",
         values={"filename": "/secrets/key.json"}),
    Rule(("ga:google/auth/_default.py",), r"^Your default credentials were not found", None,
         "the client found no Application Default Credentials: no GOOGLE_APPLICATION_CREDENTIALS, no gcloud "
         "application-default login on this machine, no metadata server (off Google Cloud, or NO_GCE_CHECK set); "
         "not about the request or model: the client's credentials",
         "On a workstation: gcloud auth application-default login; in a container or CI: mount a service account "
         "key and set GOOGLE_APPLICATION_CREDENTIALS to its path (or use workload identity); on Google Cloud the "
         "attached service account is found by itself", funcs=""),
    # --- a model pickled (pickle, joblib, scikeras, dill) and unpickled by another program ---
    Rule(("py:pickle.py",), r"^Can't get attribute", None,
         "pickle (and joblib, scikeras' wrappers, dill for classes it pickles by reference) stores a class or function "
         "by where it was defined, its module and name, not its code: the program unpickling has no such name there — "
         "defined in the training script or a notebook (__main__), it is missing from the loading script's __main__; "
         "not about the request or model",
         "Move the class or function into a module both programs import, and import it before loading (defining it "
         "again in the loading script's __main__ works too); for the model itself, save it with Keras or TensorFlow "
         "(model.save('m.keras'), model.export(dir)) rather than pickling it", funcs=".",
         overrides={"name": r"'(?P<attribute>[\w.<>]{1,200})'",
                    "obj": r"<module '(?P<module>[\w.]{1,200})'(?: from '[^'\n]{1,400}')?>"},
         values={"name": "'build_model'", "obj": "<module '__main__' from '/srv/app.py'>"}),
    # --- Ray (Data's map_batches, Serve's batching and HTTP proxy, its serialization check) around a model ---
    Rule((RAY + "ray/data/_internal/planner/plan_udf_map_op.py",), r"`map_batches` expects all `dict` values",
         "output_batch_dimension",
         "the function given to Ray Data's map_batches returned a dict whose value for a column is one value (a "
         "scalar: a batch's mean, argmax or sum) instead of a column of one value per row",
         "Return one value per row for every key: keep the batch axis (probs.max(axis=1), probs.argmax(axis=-1), "
         "not a reduction over the whole batch), as a list or np.ndarray as long as the batch", funcs=".",
         start="The `fn` you passed",
         values={"_truncated_repr(batch)": "{'features': array([[0.6, 0.2]])}", "key!r": "'score'",
                 "type(value)": "<class 'float'>"}),
    Rule((RAY + "ray/serve/batching.py",), r"^Batched function doesn't preserve batch size", "output_batch_dimension",
         "a Ray Serve method under @serve.batch returned another number of results than it was given requests: it "
         "must return one result per request, in order (the model's output without its batch axis, or reduced over "
         "the batch, is one value for all)",
         "Return a list (or array) with one entry per input of the batch, in the same order: "
         "preds.argmax(axis=-1).tolist() for a batch of rows, not a single value or the whole batch's array when "
         "the method received a list of requests", funcs=".",
         values={"input_batch_length": "4", "len(results)": "1"}),
    Rule((RAY + "ray/serve/_private/proxy.py",), r"^Path '\{proxy_request\.path\}' not found", "model_not_found",
         "Ray Serve's HTTP proxy has no application at that path: the URL's path is not a deployed route_prefix (a "
         "TF Serving URL such as /v1/models/NAME:predict sent to Serve, or an application's name instead of its route)",
         "Send the request to a route Ray Serve lists (curl http://HOST:8000/-/routes), or deploy the application "
         "with the route_prefix the client uses (serve.run(app, route_prefix='/v1/models/NAME:predict'))", funcs="",
         values={"proxy_request.path": "/v1/models/m:predict"}),
    Rule((RAY + "ray/util/check_serialize.py",), r"was found to be non-serializable", None,
         "Ray could not pickle what a task or actor is given or captures (ray.put, a remote function's arguments or "
         "closure): a loaded SavedModel, a Keras model's graph objects or a session do not pickle; not about the "
         "request or model",
         "Pass the model's path instead and load it inside the task or actor once (an actor's __init__), or pass "
         "plain arrays / the weights (model.get_weights()) and rebuild the model there", funcs="",
         start="was found to be non-serializable",
         values={"fail_vars": "\n\n\tFuncGraph(name=__inference_serve_12)\n\n"}),
    Rule((RAY + "ray/serve/api.py",), r"^Application '\{name\}' does not exist", "model_not_found",
         "the code asked Ray Serve for an application by a name no running application has (serve.get_app_handle): "
         "the name differs from the one the application was deployed under (serve.run(app, name=...), the config's "
         "name; hyphens and underscores differ), or it is not deployed",
         "Use the name the application runs under (serve.status().applications lists them, as does the dashboard), "
         "or deploy it under the name the code asks for", funcs=".", values={"name": "tab_classifier"}),
    Rule(("wheel:shap==0.51.0:shap/explainers/tf_utils.py",), r"is not currently a supported model type!$", None,
         "SHAP's Deep and Gradient explainers read a Keras model's (or a TF graph's) input and output tensors, and the "
         "object given has none: a SavedModel loaded with tf.saved_model.load (a _UserObject), a signature, a "
         "function; not about the request or model",
         "Explain the Keras model itself (keras.models.load_model of the .keras file the export came from), or wrap "
         "the loaded signature in a function of NumPy arrays (lambda x: sig(inputs=tf.constant(x))['output_0']."
         "numpy()) for shap.KernelExplainer / shap.Explainer with a masker", funcs="",
         values={"type(model)": "<class 'tensorflow.python.saved_model.load.Loader._recreate_base_user_object."
                                "<locals>._UserObject'>"}),
    Rule(("wheel:aiohttp==3.14.5:aiohttp/client.py",), r"^Session is closed$", None,
         "an aiohttp ClientSession was used after it was closed: its `async with` block had ended, or a session "
         "kept (cached) from an earlier event loop or request was closed there; not about the request or model",
         "Create the ClientSession inside the running event loop and make every request before its `async with` "
         "block ends (one session for the application's life, closed at shutdown), not a session closed by an "
         "earlier block or loop", funcs="."),
    # --- an environment whose packages do not fit each other (not about the request or model) ---
    Rule(("pb:google/protobuf/runtime_version.py",), r"^Detected incompatible Protobuf Gencode/Runtime versions",
         None, "a package's generated *_pb2.py files were made by a newer protobuf than the one installed (the "
         "gencode version named is above the runtime's): install the versions that fit — upgrade protobuf to at least "
         "the gencode version if TensorFlow allows it, else pin the package that brought the newer gencode to a "
         "release built for the installed protobuf (pip install 'PACKAGE<VERSION'); not about the request or model",
         funcs="", values={"location": "a/b.proto", "gen_version": "6.31.1", "version": "5.29.6",
                            "error_prompt": "See Protobuf version guarantees"}),
    Rule(("python/tools/saved_model_cli.py",), r"is not a valid python literal", None,
         "saved_model_cli's --input_exprs takes Python literals only (TensorFlow 2.12+ no longer evaluates code such "
         "as np.ones((1, 8))): write the value as a literal list ('x=[[1.0, 2.0]]'), or save the array to a .npy "
         "file and pass --inputs x=array.npy; not about the request or model", funcs=".", values={"expr": "np.ones((1,8))"}),
    # --- what an export writes (not about the request) ---
    Rule(("python/saved_model/save.py", "python/saved_model/function_serialization.py"),
         r"^(?!.*(?:must be implemented|not supported inside a traced|disabled in OSS)).{24}", None,
         "tf.saved_model.save refused to write the SavedModel: its message names what in the exported object it "
         "cannot save (an untracked object, a captured tensor, a custom gradient, a signature's arguments); change "
         "the export code as it says and export again; not about the request or model being served", funcs=".",
         family="tf.saved_model.save: export checks"),
    Rule(("python/saved_model/signature_serialization.py",), r"^Got a non-Tensor value \{value\} for key|^Expected a "
         r"TensorFlow function for which to generate a signature", None,
         "the export was refused: a serving signature must be a tf.function with an input_signature (or a concrete "
         "function) that returns tensors (a dict of tensors); fix the function given as signatures= and export "
         "again; not about the request or model being served", funcs="."),
]


def _release_file(where: str) -> tuple[str, str]:
    """``wheel:NAME==VERSION:path`` / ``sdist:NAME==VERSION:path`` -- a file of a release's wheel or source archive,
    fetched once by pip download: the requirement and the file's path in it."""
    _, req, member = where.split(":", 2)
    return req, member


def _py_text(where: str) -> str:
    if where.startswith("wheel:"):  # a Python file of a release's wheel, read from the zip
        req, member = _release_file(where)
        with zipfile.ZipFile(_wheel(req)) as z:
            return z.read(member).decode("utf-8")
    if where.startswith("pil:"):
        return (SITE / where[4:]).read_text()
    if where.startswith("hub:"):
        with zipfile.ZipFile(_wheel(HUB)) as z:
            return z.read(where[4:]).decode("utf-8")
    if where.startswith(("np:", "pb:", "pp:", "wz:")):
        return (SITE / where[3:]).read_text()
    if where.startswith("py:"):
        return (Path(sysconfig.get_paths()["stdlib"]) / where[3:]).read_text()
    if where.startswith(("ga:", "ab:")):
        return (SITE / where[3:]).read_text()
    return (TF / where).read_text()


def _py_label(where: str) -> str:
    if where.startswith("wheel:"):
        req, member = _release_file(where)
        return f"{req.replace('==', ' ')} {member}"
    if where.startswith("pil:"):
        import PIL

        return f"pillow {PIL.__version__} {where[4:]}"
    if where.startswith("hub:"):
        return f"tensorflow_hub {HUB.split('==')[1]} {where[4:]}"
    if where.startswith("np:"):
        import numpy

        return f"numpy {numpy.__version__} {where[3:]}"
    if where.startswith("pb:"):
        import google.protobuf

        return f"protobuf {google.protobuf.__version__} {where[3:]}"
    if where.startswith("pp:"):
        from importlib.metadata import version

        return f"proto-plus {version('proto-plus')} {where[3:]}"
    if where.startswith("wz:"):
        from importlib.metadata import version

        return f"werkzeug {version('werkzeug')} {where[3:]}"
    if where.startswith("py:"):
        return f"python {platform.python_version()} Lib/{where[3:]}"
    if where.startswith(("ga:", "ab:")):
        from importlib.metadata import version

        dist = {"ga:": "google-auth", "ab:": "absl-py"}[where[:3]]
        return f"{dist} {version(dist)} {where[3:]}"
    return f"tensorflow {_tf_version()} {where}"


def _tf_version() -> str:
    dist = next(SITE.glob("tensorflow-*.dist-info"), None)
    return dist.name.removesuffix(".dist-info").split("-")[1] if dist else "?"


def _expand(where: str) -> list[str]:
    """A file of TensorFlow's Python, or every non-test file a glob under tensorflow/ names."""
    if "*" not in where:
        return [where]
    found = sorted(str(q.relative_to(TF)) for q in TF.glob(where) if not q.name.endswith("_test.py"))
    if not found:
        raise SystemExit(f"explain_index_python: no file tensorflow/{where}")
    return found


def raise_sites(where: str, funcs: str | None = None):
    """(source label, pieces) of the message of every ``raise X("…")`` in a Python file (in the functions ``funcs``
    names, when given; ``""``: of every string expression, for messages built in a variable first)."""
    for path in _expand(where):
        if funcs == "":
            yield from ((f"{_py_label(path)}:{line}", pieces) for line, pieces in string_sites_in(_py_text(path)))
            continue
        for line, pieces, func in raise_sites_in(_py_text(path)):
            if funcs is None or re.search(funcs, func):
                yield f"{_py_label(path)}:{line}", pieces


def python_entries() -> list[dict]:
    out: list[dict] = []
    for rule in PY_RULES:
        candidates = (site for where in rule.where for site in raise_sites(where, rule.funcs))
        out.extend(rule_entries(rule, candidates, "explain_index_python", frozenset(e["pattern"] for e in out)))
    return out


# ------------------------------------------------------------------------------------------------ compiled strings

NUMPY_LIB = "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so"
TF_FRAMEWORK, TF_CC = "tensorflow/libtensorflow_framework.so.2", "tensorflow/libtensorflow_cc.so.2"
NP_SHAPE = r"\([\d, ]{0,80}\)"
PYWRAP = "tensorflow/python/lib_pywrap_tensorflow_common.so"
CONVERT_OBJECT_FIX = ("Convert the value to an array first: an image with np.asarray(img, dtype=np.float32) (after "
                      "img.convert('RGB').resize(...)), missing values (None) filled, a dict passed as one array "
                      "per input; the message names the type that was given")

UPB = "google/_upb/_message.abi3.so"
PROTOC = "wheel:grpcio-tools==1.76.0:grpc_tools/_protoc_compiler.cpython-311-x86_64-linux-gnu.so"
"""protoc as grpcio-tools compiles it in (``python -m grpc_tools.protoc``): its importer's and descriptor pool's
messages."""
PROTO_VALUE_FIX = ("Give the protobuf field a message of its type, converted from the array: for a TF Serving "
                   "PredictRequest, request.inputs['NAME'].CopyFrom(tf.make_tensor_proto(array, dtype=tf.float32)) "
                   "(or tensor_util.make_tensor_proto); for Vertex AI's low-level client, instances as "
                   "google.protobuf.Value (json_format.ParseDict(instance, Value()))")
LIBPYTHON = "python:runtime"
"""The running Python's own C code (Objects/bytesobject.c's type checks): its libpython, or the executable itself
when Python is linked statically."""
CYGRPC = "grpc/_cython/cygrpc.cpython-311-x86_64-linux-gnu.so"
"""grpcio's core library (grpc-core and c-ares inside it) as the installed grpcio ships it."""
BINASCII = "stdlib:binascii"
"""Python's own binascii (a C module: base64.b64decode's errors), read from the running Python's lib-dynload."""
B64_FIX = ("Encode the bytes with the standard base64 alphabet and its padding, base64.b64encode(data).decode('ascii'): "
           "not base64.urlsafe_b64encode, whose '-' and '_' the standard decoder refuses, no 'data:image/…;base64,' "
           "prefix, no line breaks")

TF_PB2 = "tensorflow/core/framework/function_pb2.py"
"""One of TensorFlow's generated protobuf modules: what they import from protobuf is what they need of it."""
PB_OLDER_FIX = ("Install the protobuf the package needs in the same environment: pip install 'protobuf>=3.20.3' "
                "(pip show tensorflow, or the package the traceback's _pb2.py file belongs to, lists its range); "
                "another package that pins an older protobuf is the one to upgrade or move to its own environment")
PB_NEWER_FIX = ("The traceback's _pb2.py file belongs to a package whose generated code is older than the installed "
                "protobuf accepts (TensorFlow <= 2.8, an old tensorboard, tensorflow-serving-api or converter): upgrade "
                "that package, or pin protobuf to what it supports in its environment (pip install 'protobuf==3.20.3'); "
                "PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python works around it, slowly")
LDSO = "system:ld.so"
"""glibc's dynamic loader (dlopen's errors, as tf.load_op_library and a package's import pass them on)."""
OP_LIBRARY_FIX = ("Install the release of the package whose .so file the message names built for the installed "
                  "TensorFlow (its version follows TensorFlow's: tensorflow-text 2.15.x for TensorFlow 2.15, "
                  "tensorflow-io and tensorflow-addons per their compatibility tables; pip show tensorflow and pip show "
                  "that package give both versions), or "
                  "install the TensorFlow it was built for; a server (TF Serving, a container) needs an image built "
                  "with that package for its own TensorFlow")
LIB_RULES = [
    (LDSO, "undefined symbol: %s%s%s", "{library}: undefined symbol: {symbol}",
     r"(?P<library>[^\s'\"\[\]]{0,200}?(?P<package>tensorflow_[a-z_]{2,40}|sentencepiece|tf_[a-z_]{2,40})[^\s'\"\[\]]{0,200}?"
     r"\.so(?:\.\d{1,3}){0,3}): undefined symbol: (?P<symbol>_Z\w{0,60}?(?:10tensorflow|3tsl|4absl)\w{0,400})",
     "runtime_version_mismatch",
     "a TensorFlow op library of another package (tensorflow-text, -io, -addons, sentencepiece…) was compiled "
     "against another TensorFlow release: the dynamic loader finds no TensorFlow C++ symbol it needs (the symbol "
     "names tensorflow::, tsl:: or absl:: code) in the TensorFlow installed",
     OP_LIBRARY_FIX,
     "tensorflow.python.framework.errors_impl.NotFoundError: /venv/lib/python3.11/site-packages/tensorflow_text/"
     "python/ops/_regex_split_ops.so: undefined symbol: _ZN10tensorflow15TensorShapeBaseINS_11TensorShapeEEC2E"),
    # --- protobuf and the generated code of TensorFlow and other packages, of other releases ---
    (TF_PB2, "from google.protobuf.internal import builder as _builder",
     "cannot import name 'builder' from 'google.protobuf.internal'",
     r"cannot import name '?builder'? from '?google\.protobuf\.internal", None,
     "the installed protobuf is older than TensorFlow's generated modules need: they import "
     "google.protobuf.internal.builder (protoc 3.20+ code), which protobuf before 3.20 does not have; not about the "
     "request or model", PB_OLDER_FIX,
     "ImportError: cannot import name 'builder' from 'google.protobuf.internal' "
     "(/venv/lib/python3.11/site-packages/google/protobuf/internal/__init__.py)"),
    (TF_PB2, "from google.protobuf import runtime_version",
     "cannot import name 'runtime_version' from 'google.protobuf'",
     r"cannot import name '?runtime_version'? from '?google\.protobuf\b", None,
     "the installed protobuf is older than the generated modules (_pb2.py) being imported need: code generated by "
     "protobuf 5.27 and later (TensorFlow's own, as here, tensorflow-serving-api's, or a client's protoc output) "
     "imports google.protobuf.runtime_version, which protobuf before 5.27 does not have (5.26.1's wheel has no "
     "runtime_version.py, 5.27.0's has); not about the request or model: the environment's protobuf",
     "Upgrade protobuf in that environment to what the generated code needs (pip install -U protobuf, within the range "
     "pip show tensorflow lists), or pin the package that brought the newer _pb2.py files (the traceback names it) to a "
     "release generated for the installed protobuf, or regenerate your own with a protoc of that release",
     "ImportError: cannot import name 'runtime_version' from 'google.protobuf' "
     "(/venv/lib/python3.11/site-packages/google/protobuf/__init__.py)"),
    (UPB, "can't pickle repeated message fields, convert to list first",
     "can't pickle repeated message fields, convert to list first",
     r"can't pickle repeated message fields, convert to list first", None,
     "an object holding protobuf messages was pickled: sent to another process (multiprocessing, a "
     "ProcessPoolExecutor, Ray, Dask, Beam) or saved with pickle -- a loaded SavedModel's signature or tf.function "
     "(its FunctionDef protos), a TF Serving response's TensorProtos; protobuf's repeated fields do not pickle; not "
     "about the request or model",
     "Send what pickles: the model's path, and load the model and take its signature in the worker once (a Pool "
     "initializer, an actor's __init__); turn a TensorProto into an array first (tf.make_ndarray(proto)), a repeated "
     "field into list(field)",
     "_pickle.PickleError: can't pickle repeated message fields, convert to list first"),
    ("numpy/_core/include/numpy/__ufunc_api.h", "umath failed to import", "numpy.core.umath failed to import",
     r"numpy\.(?:_?core\.)?umath failed to import|_multiarray_umath failed to import|numpy\.(?:_?core\.)?multiarray "
     r"failed to import", None,
     "a compiled extension module built against NumPy 1.x (TensorFlow 2.16 and earlier, whose releases require "
     "numpy<2, their ml_dtypes, or another package's) is imported under NumPy 2, whose C API it cannot use: the "
     "import_umath / import_array check compiled into it fails; not about the request or model: the environment's "
     "NumPy",
     "pip install 'numpy<2' in that environment (TensorFlow 2.16 and earlier need it: their METADATA says "
     "numpy<2.0.0), or upgrade the package the traceback names to a release built for NumPy 2 (a newer TensorFlow "
     "for TensorFlow's own modules)",
     "ImportError: numpy.core.umath failed to import"),
    ("numpy/core/_multiarray_umath.py", "A module that was compiled using NumPy 1.x cannot be run in",
     "A module that was compiled using NumPy 1.x cannot be run in NumPy {version} as it may crash.",
     r"A module that was compiled using NumPy 1\.x cannot be run in ?NumPy (?P<version>[\d.]{1,20})", None,
     "a compiled extension module built against NumPy 1.x (TensorFlow 2.16 and earlier, whose releases require "
     "numpy<2, or another package's) is imported under NumPy 2, which refuses it; not about the request or model: "
     "the environment's NumPy",
     "pip install 'numpy<2' in that environment (TensorFlow 2.16 and earlier need it: their METADATA says "
     "numpy<2.0.0), or upgrade the module the traceback names to a release built for NumPy 2",
     "A module that was compiled using NumPy 1.x cannot be run in NumPy 2.1.3 as it may crash."),
    (PROTOC, '" was not found or had errors.', 'Import "{path}" was not found or had errors.',
     r'Import "(?P<path>[\w./-]{1,200}\.proto)" was not found or had errors', None,
     "protoc found no file for an import of the .proto it compiled under any of its -I (--proto_path) roots: TF "
     "Serving's apis protos (predict.proto, prediction_service.proto) import TensorFlow's "
     "tensorflow/core/framework/*.proto (tensor.proto, types.proto ...), which must sit under a root too; not about "
     "the request or model: the client's own compile of the protos",
     "Give protoc a -I root for each tree the imports name: python -m grpc_tools.protoc -I serving/ -I tensorflow/ "
     "--python_out=. --grpc_python_out=. tensorflow_serving/apis/*.proto (with the tensorflow/core/framework protos "
     "of the same TensorFlow release), or use the tensorflow-serving-api package's generated modules instead",
     'tensorflow_serving/apis/predict.proto:3:1: Import "tensorflow/core/framework/tensor.proto" was not found or '
     'had errors.'),
    (PROTOC, '" is not defined.', '"{type}" is not defined.', r'(?P<file>[\w./-]{1,200}\.proto):(?:\d{1,6}:\d{1,6}:)? ?'
     r'"(?P<type>[\w.]{1,200})" is not defined\.', None,
     "protoc found no message or enum of that name in scope: the file that defines it is not imported (or its import "
     "failed: see a 'was not found' line above), or it lives in another package and is named without it -- outside "
     "package tensorflow.*, TensorFlow's TensorProto is tensorflow.TensorProto; not about the request or model: the "
     "client's own .proto files",
     "Import the .proto that defines the type (import \"tensorflow/core/framework/tensor.proto\";) with its root on "
     "-I, and name it with its package where yours differs (tensorflow.TensorProto); keep TF Serving's own files "
     "unchanged (package tensorflow.serving) or use the tensorflow-serving-api package",
     'tensorflow_serving/apis/predict.proto: "TensorProto" is not defined.'),
    # --- vector indexes the embeddings of a model go into (not about the request or model) ---
    ("sdist:hnswlib==0.8.0:python_bindings/bindings.cpp", "Wrong dimensionality of the vectors",
     "Wrong dimensionality of the vectors", r"Wrong dimensionality of the vectors", None,
     "the vectors given to an hnswlib index have another width than the index was made with (hnswlib.Index(space, "
     "dim)): another output of the embedding model (a probabilities head instead of the embedding), another export "
     "or version of it, or one vector without its batch axis; not about the request or model: the index's width",
     "Give the index the output it was built from, of width dim (out['emb'], not out['probs']; "
     "print(vectors.shape) against index.dim), as a 2-D (n, dim) float32 array; embeddings of another model "
     "version need an index built from that version",
     "RuntimeError: Wrong dimensionality of the vectors"),
    ("wheel:faiss-cpu==1.15.1:faiss/libfaiss.so", "add_with_ids not implemented for this type of index",
     "add_with_ids not implemented for this type of index",
     r"add_with_ids not implemented for this type of index", None,
     "the faiss index keeps no ids of its own (IndexFlatL2, IndexFlatIP, HNSW: a vector's id is its position), so it "
     "cannot take add_with_ids; not about the request or model",
     "Wrap it in an index that maps ids: index = faiss.IndexIDMap(faiss.IndexFlatL2(d)) (IndexIDMap2 to reconstruct "
     "by id), then index.add_with_ids(x, ids) with ids an int64 array; or keep your own list of ids by position",
     "RuntimeError: Error in virtual void faiss::Index::add_with_ids(faiss::idx_t, const float*, const faiss::idx_t*) "
     "at /project/faiss/Index.cpp:53: add_with_ids not implemented for this type of index"),
    ("wheel:faiss-cpu==1.15.1:faiss/_swigfaiss.abi3.so", "array is not C-contiguous", "array is not C-contiguous",
     r"array is not C-contiguous", None,
     "faiss takes the memory of a C-contiguous float32 array (swig_ptr): a transposed or sliced view (x.T, x[:, "
     "::2], a DataFrame's values in Fortran order) is not one; not about the request or model",
     "Copy it into one first: x = np.ascontiguousarray(x, dtype='float32'), then faiss.normalize_L2(x) / "
     "index.add(x) / index.search(x, k)",
     "ValueError: array is not C-contiguous"),
    (UPB, "Descriptors cannot be created directly.", "Descriptors cannot be created directly.",
     r"Descriptors cannot be created directly", None,
     "the installed protobuf (4.21 or later) refuses generated code made by protoc before 3.19: a _pb2.py module of "
     "an older package (the traceback's last _pb2.py file) meets a newer protobuf; not about the request or model",
     PB_NEWER_FIX,
     "TypeError: Descriptors cannot be created directly.\nIf this call came from a _pb2.py file, your generated "
     "code is out of date and must be regenerated with protoc >= 3.19.0."),
    (UPB, "Error parsing message with type '%s': %s",
     "Error parsing message with type 'tensorflow.serving.PredictionLog': {reason}",
     r"Error parsing message with type '?tensorflow\.serving\.PredictionLog'?", None,
     "a record of a TF Serving warmup file (assets.extra/tf_serving_warmup_requests, a TFRecord file) is no "
     "serialized PredictionLog: a bare PredictRequest written as the record, another proto, or a file of another "
     "format; TF Serving reads each record as a PredictionLog -- not about the request or model",
     "Write each record as a PredictionLog wrapping the request: "
     "log = prediction_log_pb2.PredictionLog(predict_log=prediction_log_pb2.PredictLog(request=req)); "
     "writer.write(log.SerializeToString()) with tf.io.TFRecordWriter (no compression); `sigcheck warmup MODEL` "
     "checks the file as TF Serving replays it",
     "google.protobuf.message.DecodeError: Error parsing message with type 'tensorflow.serving.PredictionLog': Wire "
     "format was corrupt"),
    (UPB, "Expected a message object, but got %R.", "Expected a message object, but got {value}.",
     r"Expected a message object, but got (?P<value>[^\n]{0,300}?)\.(?=\s|$)", None,
     "a repeated message field of a protobuf request was given something that is not a message of its type: "
     "serialized bytes or a dict appended where the message itself goes (a ClassificationRequest's or "
     "RegressionRequest's input.example_list.examples takes tf.train.Example messages, not their "
     "SerializeToString() bytes, which are what a :predict DT_STRING tensor takes); not about the model",
     "Append the message itself: request.input.example_list.examples.add().CopyFrom(example) (or "
     "examples.extend([ex1, ex2])); bytes of a serialized Example go to a Predict request's DT_STRING tensor "
     "(tf.make_tensor_proto([ex.SerializeToString()], dtype=tf.string)), and a dict to json_format.ParseDict first",
     "TypeError: Expected a message object, but got b'\\n>\\n\\x0f\\n\\x03age'."),
    ("stdlib:_ssl", "CERTIFICATE_VERIFY_FAILED", "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: {reason}",
     r"\[SSL: CERTIFICATE_VERIFY_FAILED\] certificate verify failed(?:: (?P<reason>[^(\n]{1,120}))?", None,
     "the client does not trust the server's TLS certificate: self-signed or signed by an internal CA the client "
     "does not know, expired, or issued for another host name or IP than the URL's (the reason after the colon says "
     "which); not about the request or model: the connection's trust",
     "Give the client the CA that signed the server's certificate (requests: verify='/path/ca.pem'; httpx: "
     "verify=ssl context or path; grpc: grpc.ssl_channel_credentials(root_certificates=open('ca.pem','rb').read())) "
     "and use the host name the certificate was issued for (or re-issue it with that name / IP in subjectAltName); "
     "switching verification off is for a test only",
     "requests.exceptions.SSLError: HTTPSConnectionPool(host='127.0.0.1', port=8443): Max retries exceeded with url: "
     "/v1/models/iris:predict (Caused by SSLError(SSLCertVerificationError(1, \"[SSL: CERTIFICATE_VERIFY_FAILED] "
     "certificate verify failed: IP address mismatch, certificate is not valid for '127.0.0.1'. (_ssl.c:1006)\")))"),
    (LIBPYTHON, "object %.100s can't be used in 'await' expression",
     "object {type} can't be used in 'await' expression",
     r"object (?P<py_type>[\w.]{1,100}) can't be used in 'await' expression", None,
     "asyncio code awaited a value that is no coroutine: a synchronous call (a loaded signature or tf.function, "
     "model.predict, requests.post) already returned its result (a dict of tensors, an array), which cannot be "
     "awaited; not about the request or model",
     "Drop the await for a synchronous call, or run it off the event loop with await asyncio.to_thread(f, ...) "
     "(loop.run_in_executor) so a slow prediction does not block the loop",
     "TypeError: object dict can't be used in 'await' expression"),
    (LIBPYTHON, "expected bytes, %.200s found", "expected bytes, {type} found",
     r"expected bytes, (?P<py_type>[\w.]{1,80}) found", "dtype_mismatch",
     "a field or function that takes bytes was given another Python type (most often str): protobuf's bytes fields "
     "(tf.train.BytesList's value, a TensorProto's string_val) do not encode text themselves",
     "Encode text to bytes before it goes into the proto: tf.train.BytesList(value=[s.encode('utf-8')]) (a "
     "tf.train.Feature of text), tensor_proto.string_val.append(s.encode()); or build the tensor with "
     "tf.make_tensor_proto([s], dtype=tf.string), which encodes str itself",
     "TypeError: expected bytes, str found"),
    (LIBPYTHON, "must be real number, not %.50s", "must be real number, not {type}",
     r"must be real number, not (?P<py_type>str|bytes|NoneType|dict|list)", "dtype_mismatch",
     "a float field of a protobuf (tf.train.FloatList's value, a TensorProto's float_val) was given another Python type "
     "than a number, most often a str: values read from a CSV or a form stay text until converted",
     "Convert the values to numbers before they go into the proto: float(x) for a FloatList / float_val (int(x) for an "
     "Int64List), or df.astype('float32') for a DataFrame read from a CSV; missing values need a number too",
     "TypeError: must be real number, not str"),
    (LIBPYTHON, "' codec can't decode byte 0x%02x in position %zd: %U",
     "'{codec}' codec can't decode byte 0x93 in position 0: {reason}",
     r"'utf-?8' codec can't decode byte 0x93 in position 0\b", "json_parse_error",
     "a body read as JSON (text) starts with byte 0x93, the first byte of NumPy's .npy format (\\x93NUMPY, numpy's "
     "format MAGIC_PREFIX): the client sent np.save's bytes (a NumPy serializer, content type application/x-npy) to a "
     "handler that reads JSON",
     "Send JSON the handler reads: {\"instances\": x.tolist()} with content type application/json (a JSON "
     "serializer rather than a NumPy one), or make the handler read .npy bodies (np.load(io.BytesIO(body)))",
     "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x93 in position 0: invalid start byte"),
    (LIBPYTHON, "' codec can't decode byte 0x%02x in position %zd: %U",
     "'{codec}' codec can't decode byte 0x8b in position 1: {reason}",
     r"'utf-?8' codec can't decode byte 0x8b in position 1\b", None,
     "bytes compressed with gzip were read as text: a gzip stream begins with the bytes 1f 8b (the magic b'\\037\\213' "
     "Python's gzip module checks), so byte 0x8b at position 1 is a compressed body -- a request sent with "
     "Content-Encoding: gzip to a handler that does not decompress it, or a response compressed for Accept-Encoding: "
     "gzip that the client read without decompressing; not about the request's values or the model",
     "Decompress before parsing: gzip.decompress(body) where the body is read (or let the HTTP library do it: "
     "requests and httpx decode Content-Encoding: gzip themselves, urllib does not), or send and ask for "
     "uncompressed bodies (drop the Content-Encoding: gzip header, or Accept-Encoding: gzip on a urllib request)",
     "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x8b in position 1: invalid start byte",
     "gzip_body"),
    (LIBPYTHON, "' codec can't decode byte 0x%02x in position %zd: %U",
     "'{codec}' codec can't decode byte 0x{byte} in position {n}: {reason}",
     r"'(?P<codec>utf-?8|ascii)' codec can't decode byte 0x(?P<byte>[0-9a-f]{2}) in position (?P<pos>\d{1,12}): "
     r"(?:invalid (?:start|continuation) byte|unexpected end of data|ordinal not in range)", None,
     "text was read with another encoding than it was written in: a file or a body in cp1252 / latin-1 (Excel's "
     "CSV export, a Windows editor) read as UTF-8, or bytes that are no text at all (an image, a .npy) read as "
     "text; not about the request's values or the model (no category)",
     "Read it with the encoding it was written in -- open(path, encoding='cp1252') or pd.read_csv(path, "
     "encoding='latin-1') for a Windows file -- or save it as UTF-8 once; bytes that are no text (an image) go in "
     "binary mode (open(path, 'rb')) and, in a JSON body, as {\"b64\": base64 text}",
     "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 10: invalid continuation byte",
     "decoded_bytes"),
    (CYGRPC, "errors resolving ", "errors resolving {target}: … Misformatted domain name",
     r"errors resolving (?P<target>(?:https?|grpcs?)://[^\s:\"]{1,200}(?::\d{1,5})?)", None,
     "the gRPC channel's target is a URL (http://host:port): a gRPC target is host:port (or dns:///host:port), so "
     "grpc looked up 'http://host' as a host name, which c-ares refuses as a misformatted domain name; not about the "
     "request or model",
     "Give the channel host and port only: grpc.insecure_channel('localhost:8500') (grpc.secure_channel for TLS); "
     "http://host:8501/v1/models/NAME:predict is TF Serving's REST address, for REST clients",
     'details = "errors resolving http://localhost:8500: [field:hostname lookup error:address lookup failed for '
     'http://localhost:8500: Misformatted domain name]"'),
    (CYGRPC, "Hostname Verification Check failed.", "Hostname Verification Check failed.",
     r"Hostname Verification Check failed", None,
     "the server's TLS certificate does not name the host the client dialed (an IP address, or another name than "
     "its SAN / CN): grpc's TLS verification refuses it; not about the request or model",
     "Dial the name the certificate was issued for, or keep the address and tell the channel which name to check: "
     "grpc.secure_channel(target, creds, options=[('grpc.ssl_target_name_override', 'NAME')]); or issue the "
     "certificate with the address clients use (a SAN of IP:127.0.0.1 or the DNS name)",
     'details = "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:9443: Custom verification '
     'check failed with error: UNAUTHENTICATED: Hostname Verification Check failed."'),
    (CYGRPC, "Socket closed", "failed to connect to all addresses; last error: UNAVAILABLE: {address}: Socket closed",
     r"failed to connect to all addresses; last error: UNAVAILABLE: (?P<address>ipv[46]:[^\s\"]{1,200}?): Socket "
     r"closed", None,
     "the server at that address accepted the connection and closed it before gRPC's HTTP/2 began: most often a "
     "plaintext channel (grpc.insecure_channel) to a port that speaks TLS, or something there that is not a gRPC "
     "server (a REST port, a proxy without HTTP/2); not about the request or model",
     "Match the channel to the port: grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates="
     "open(CA, 'rb').read())) for a TLS port, grpc.insecure_channel for a plaintext one; TF Serving's gRPC port is "
     "--port (8500), its REST port --rest_api_port (8501)",
     'details = "failed to connect to all addresses; last error: UNAVAILABLE: ipv4:127.0.0.1:9443: Socket closed"'),
    ("pandas/_libs/_ujson.cpython-311-x86_64-linux-gnu.so", "Expected object or value", "Expected object or value",
     r"Expected object or value(?: at position \d{1,12})?", "json_parse_error",
     "pandas' JSON reader (pd.read_json, its vendored ujson) met no JSON value where one must start: a trailing comma "
     "before a closing bracket or at a line's end, a line that is not JSON (a CSV header, a blank line read as "
     "lines=False), or a file of JSON Lines read without lines=True",
     "Make every line (or the file) valid JSON -- no trailing commas, double quotes -- and read JSON Lines with "
     "pd.read_json(path, lines=True) (one object per line); json.loads on each line shows which one fails",
     "ValueError: Expected object or value at position 29"),
    ("stdlib:_json", "Invalid control character at", "Invalid control character at: line {line} column {col} (char {pos})",
     r"Invalid control character at:? line \d+ column \d+", "json_parse_error",
     "a JSON string holds a raw control character (a newline, carriage return or tab not written as \\n, \\r, "
     "\\t): the body was put together by hand rather than by a JSON encoder -- most often base64 text with line "
     "breaks in it (MIME base64 wraps every 76 characters: Java's Base64.getMimeEncoder(), Python's "
     "base64.encodebytes, openssl base64 and base64 without -w0) or a multi-line text pasted between quotes",
     "Build the body with a JSON encoder (json.dumps, Jackson / Gson, JSON.stringify), which escapes control "
     "characters; and encode bytes as base64 without line breaks: base64.b64encode (not encodebytes), Java's "
     "Base64.getEncoder() (not getMimeEncoder()), base64 -w0 in a shell",
     "json.decoder.JSONDecodeError: Invalid control character at: line 1 column 101 (char 100)"),
    (BINASCII, "Only base64 data is allowed", "Only base64 data is allowed", r"Only base64 data is allowed",
     "base64_encoding", "a strict base64 decoder (base64.b64decode(…, validate=True), as a server checking its input "
     "does) met a character outside the standard alphabet: web-safe base64 ('-' and '_'), a data: URL prefix, or "
     "text that is no base64", B64_FIX, "binascii.Error: Only base64 data is allowed"),
    (BINASCII, "Incorrect padding", "Incorrect padding", r"(?:binascii\.Error|base64)[^\n]{0,80}Incorrect padding",
     "base64_encoding", "the base64 text's length is not a multiple of 4: cut short, or sent without its '=' padding "
     "(web-safe base64 often drops it)", B64_FIX, "binascii.Error: Incorrect padding"),
    (PYWRAP, "Unsupported object type ",
     "Unsupported object type {type}",
     r"(?<!to a Tensor \()Unsupported object type (?P<object_type>[\w.]{1,80})", "dtype_mismatch",
     "a Python value was turned into a string tensor (a DT_STRING input: tf.constant, a signature call, "
     "saved_model_cli --input_exprs) but holds numbers or other objects: TensorFlow converts only bytes and str "
     "to a string tensor (Keras's 'Failed to convert a NumPy array to a Tensor (Unsupported object type …)' is "
     "explain_index_keras's: an array of dtype object)",
     "Send strings to a string input: the model's input is DT_STRING (sigcheck inspect MODEL), so give text or "
     "bytes (str(x) / x.encode()), or the encoded tf.Example / image it parses; numbers go to a numeric input",
     "TypeError: Unsupported object type float"),
    (PYWRAP, "Unsupported numpy type: ", "Unsupported numpy type: {type}",
     r"Unsupported numpy type: (?P<numpy_type>NPY_\w{1,40})", "dtype_mismatch",
     "a NumPy array of a dtype TensorFlow has no tensor type for was turned into a tensor: datetime64 / timedelta64 "
     "(NPY_DATETIME, NPY_TIMEDELTA: a timestamp column of pandas, Polars or Arrow), a structured or void record "
     "array, float128 (NPY_LONGDOUBLE)",
     "Convert the column before it becomes a tensor: timestamps to numbers (arr.astype('datetime64[s]')"
     ".astype(np.int64) for epoch seconds, or the features the model was trained on: hour, weekday ...) or to "
     "strings for a string input; a record array field by field; float128 with .astype(np.float32)",
     "ValueError: Failed to convert a NumPy array to a Tensor (Unsupported numpy type: NPY_DATETIME)."),
    (UPB, "Parameter to CopyFrom() must be instance of same class: expected %S got %S.",
     "Parameter to {CopyFrom|MergeFrom}() must be instance of same class: expected {message} got {type}.",
     r"Parameter to (?:CopyFrom|MergeFrom)\(\) must be instance of same class: expected (?P<message_type>[^\n]{1,200}?) "
     r"got (?P<object_type>[^\n]{1,200}?)\.", None,
     "a protobuf message field (a PredictRequest's input TensorProto, a Value) was given a Python or NumPy value "
     "instead of a message of its type: the client did not convert the data to the protobuf the API takes, as "
     "when a message is assigned instead of copied; not about the request or model (6 of the 8 labelled texts, all "
     "a NumPy array given to a TensorProto, say no category fits)",
     PROTO_VALUE_FIX,
     "TypeError: Parameter to CopyFrom() must be instance of same class: expected <class "
     "'tensorflow.core.framework.tensor_pb2.TensorProto'> got <class 'numpy.ndarray'>."),
    # --- building a request proto (a TF Serving PredictRequest, a Vertex AI Value) by assignment ---
    (UPB, "Message objects may not be assigned", "Message objects may not be assigned",
     r"Message objects may not be assigned", None,
     "a protobuf message was assigned where protobuf only copies into a message (request.inputs['x'] = "
     "tf.make_tensor_proto(...) on a PredictRequest's map of TensorProto): write "
     "request.inputs['x'].CopyFrom(tf.make_tensor_proto(array, dtype=tf.float32)) instead; not about the request or model", None,
     "ValueError: Message objects may not be assigned"),
    (UPB, 'Assignment not allowed to message field "%s" in protocol message object.',
     'Assignment not allowed to message field "{field}" in protocol message object.',
     r'Assignment not allowed to message field "(?P<field>\w{1,80})" in protocol message object', None,
     "a protobuf message field was assigned a plain value or another message: set the field's own fields or copy "
     "into it — a TF Serving ModelSpec's version is an Int64Value (request.model_spec.version.value = 2), a map or "
     "message field takes .CopyFrom(message); not about the request or model",
     None, 'AttributeError: Assignment not allowed to message field "version" in protocol message object.'),
    (UPB, 'Assignment not allowed to map, or repeated field "%s" in protocol message object.',
     'Assignment not allowed to map, or repeated field "{field}" in protocol message object.',
     r'Assignment not allowed to map, or repeated field "(?P<field>\w{1,80})" in protocol message object', None,
     "a protobuf map or repeated field was assigned as a whole: fill it in place — request.inputs['x']"
     ".CopyFrom(tensor_proto) for a PredictRequest's inputs map, .extend(values) / .append(v) for a repeated field "
     "(tensor_proto.float_val.extend(array.ravel())); not about the request or model", None,
     'AttributeError: Assignment not allowed to map, or repeated field "inputs" in protocol message object.'),
    # library | literal as compiled (C format) | template | pattern | category | meaning | fix | example
    (NUMPY_LIB, "could not broadcast %s from shape %S into shape %S",
     "could not broadcast input array from shape {got} into shape {want}",
     rf"could not broadcast input array from shape (?P<src_shape>{NP_SHAPE}) into shape (?P<slot_shape>{NP_SHAPE})",
     "input_shape_mismatch", "an array is copied into a slot of another shape (a batch array built for the model's "
     "input): it is not the model's per-example shape (an image's size or channels, a feature count, a sequence "
     "length)", BROADCAST_FIX,
     "ValueError: could not broadcast input array from shape (224,224) into shape (224,224,3)"),
    (NUMPY_LIB, "cannot reshape array of size %zd into shape %S",
     "cannot reshape array of size {n} into shape {shape}",
     rf"cannot reshape array of size (?P<values>\d{{1,15}}) into shape (?P<want_shape>{NP_SHAPE})",
     "input_shape_mismatch", "an array is reshaped to the model's input shape but holds another number of values "
     "(an image's size or channels, a feature count or a sequence length is not the model's)", RESHAPE_FIX,
     "ValueError: cannot reshape array of size 50176 into shape (1,224,224,3)"),
    (NUMPY_LIB, "setting an array element with a sequence. The requested array has an inhomogeneous shape after %d "
                "dimensions.",
     "setting an array element with a sequence. The requested array has an inhomogeneous shape after {n} dimensions. "
     "The detected shape was {shape} + inhomogeneous part.",
     r"setting an array element with a sequence\. ?The requested array has an inhomogeneous shape after "
     r"(?P<dims>\d{1,3}) dimensions",
     "ragged_instances", "the rows stacked into one array differ in length or shape (ragged sequences, or images of "
     "different sizes), so they make no rectangular array", RAGGED_FIX,
     "ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 "
     "dimensions. The detected shape was (2,) + inhomogeneous part."),
    (NUMPY_LIB, "all the input array dimensions except for the concatenation axis must match exactly, but along "
                "dimension %d, the array at index %d has size %d and the array at index %d has size %d",
     "all the input array dimensions except for the concatenation axis must match exactly, but along dimension {d}, "
     "the array at index {i} has size {a} and the array at index {j} has size {b}",
     r"all the input array dimensions except for the concatenation axis must match exactly(?:, but along dimension "
     r"(?P<dim>\d{1,3}), the array at index \d{1,9} has size (?P<a0>\d{1,12}) and the array at index \d{1,9} has "
     r"size (?P<b0>\d{1,12}))?",
     "input_shape_mismatch", "arrays joined into one batch (np.concatenate / np.vstack) differ in a dimension other "
     "than the joined one: the examples are not all of the model's input shape", CONCAT_FIX,
     "ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along "
     "dimension 3, the array at index 0 has size 3 and the array at index 1 has size 1"),
    (NUMPY_LIB, "all the input arrays must have same number of dimensions, but the array at index %d has %d "
                "dimension(s) and the array at index %d has %d dimension(s)",
     "all the input arrays must have same number of dimensions, but the array at index {i} has {a} dimension(s) and "
     "the array at index {j} has {b} dimension(s)",
     r"all the input arrays must have same number of dimensions(?:, but the array at index \d{1,9} has "
     r"(?P<a_rank>\d{1,3}) dimension\(s\) and the array at index \d{1,9} has (?P<b_rank>\d{1,3}) dimension\(s\))?",
     "input_shape_mismatch", "arrays joined into one batch (np.concatenate / np.vstack) have different ranks (a "
     "grayscale (H, W) image among RGB (H, W, 3) ones, a flat row among 2-D ones)", CONCAT_FIX,
     "ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 "
     "dimension(s) and the array at index 1 has 1 dimension(s)"),
    (NUMPY_LIB, "operands could not be broadcast together with shapes %S",
     "operands could not be broadcast together with shapes {a} {b}",
     rf"operands could not be broadcast together with shapes (?P<a_np>{NP_SHAPE}) ?(?P<b_np>{NP_SHAPE})",
     "input_shape_mismatch", "an elementwise step of the preprocessing (x - mean, x / std, a mask) got arrays whose "
     "shapes do not broadcast: the image or features are not the shape the preprocessing was written for",
     BROADCAST_OP_FIX,
     "ValueError: operands could not be broadcast together with shapes (224,224) (3,) "),
    (PYWRAP, "Attempt to convert a value (",
     "Attempt to convert a value ({value}) with an unsupported type ({type}) to a Tensor.",
     r"Attempt to convert a value \([^\n]{0,300}?\) with an unsupported type \((?P<object_type>[^)\n]{1,120})\) to a "
     r"Tensor", "wrong_api_or_input_format",
     "a Python object that is no number, string, list of them or array (None, a PIL image, a file object, a "
     "dict) was given where TensorFlow takes a tensor", CONVERT_OBJECT_FIX,
     "ValueError: Attempt to convert a value (<PIL.JpegImagePlugin.JpegImageFile image mode=RGB size=224x224 at "
     "0x7F>) with an unsupported type (<class 'PIL.JpegImagePlugin.JpegImageFile'>) to a Tensor."),
    (NUMPY_LIB, "operands could not be broadcast together with remapped shapes [original->remapped]: ",
     "operands could not be broadcast together with remapped shapes [original->remapped]: {shapes}",
     r"operands could not be broadcast together with remapped shapes \[original->remapped\]",
     "input_shape_mismatch", "a NumPy step of the preprocessing (np.pad, an elementwise op along given axes) got "
     "arrays whose shapes do not fit: the image or features are not the shape the preprocessing was written for",
     BROADCAST_OP_FIX,
     "ValueError: operands could not be broadcast together with remapped shapes [original->remapped]: (3,2) and "
     "requested shape (2,2)"),
    (NUMPY_LIB, "non-broadcastable output operand with shape %S doesn't match the broadcast shape %S",
     "non-broadcastable [output ]operand with shape {a} [remapped to {r}] doesn't match the broadcast shape {b}",
     rf"non-broadcastable (?:output )?operand with shape (?P<src_shape>{NP_SHAPE})(?: \[remapped to {NP_SHAPE}\])? "
     rf"doesn't match the broadcast shape (?P<slot_shape>{NP_SHAPE})",
     "input_shape_mismatch", "an in-place NumPy step of the preprocessing (x -= mean, x /= std) gives a result of "
     "another shape than the array it writes into: the image or features are not the shape the preprocessing was "
     "written for", BROADCAST_OP_FIX,
     "ValueError: non-broadcastable output operand with shape (224,224,1) doesn't match the broadcast shape "
     "(224,224,3)"),
    (NUMPY_LIB, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg %d with "
                "shape %S and arg %d with shape %S.",
     "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {i} with shape {a} and "
     "arg {j} with shape {b}.",
     r"shape mismatch: objects cannot be broadcast to a single shape",
     "input_shape_mismatch", "arrays combined elementwise in the preprocessing (np.where, fancy indexing, "
     "np.broadcast_arrays) have shapes that do not broadcast", BROADCAST_OP_FIX,
     "ValueError: shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with "
     "shape (224, 224) and arg 1 with shape (3,)."),
    (TF_FRAMEWORK, "A protocol message was rejected because it was too big (more than ",
     "A protocol message was rejected because it was too big (more than {limit} bytes)",
     r"A protocol message was rejected because it was too big \(more than (?P<limit_bytes>\d{1,15}) bytes\)",
     "model_too_large", "protobuf refused to read a message over its size limit (64 MB by default in older "
     "protobuf): a GraphDef / saved_model.pb that holds the weights as constants", PROTO_FIX,
     "[libprotobuf ERROR external/com_google_protobuf/src/google/protobuf/io/coded_stream.cc:207] A protocol message "
     "was rejected because it was too big (more than 67108864 bytes).  To increase the limit (or to disable these "
     "warnings), see CodedInputStream::SetTotalBytesLimit() in google/protobuf/io/coded_stream.h."),
    (TF_FRAMEWORK, "xceeded maximum protobuf size of 2GB: ",
     "Exceeded maximum protobuf size of 2GB: {size}",
     r"[Ee]xceed(?:ed|s) maximum protobuf size of 2GB",
     "model_too_large", "a protobuf (the GraphDef or SavedModel) over 2 GB was to be written or read: the graph holds "
     "the weights as constants", PROTO_FIX,
     "Invalid argument: Exceeded maximum protobuf size of 2GB: 2417185452"),
    (TF_CC, " is not in [0, ", "indices{position} = {index} is not in [0, {rows})",
     r"indices(?P<position>\[[\d,\s]{0,40}\]) = (?P<index>-?\d{1,19}) is not in \[0, (?P<rows>\d{1,19})\)", None,
     "a gather (an Embedding layer's lookup, tf.gather) got an id outside its table, which has as many rows as the "
     "message's upper bound: ids made with another vocabulary or tokenizer than the model's, ids past an Embedding's "
     "input_dim, or a Hashing / lookup layer giving more bins than the Embedding after it holds; not about the "
     "request or model's format (no category: the ids' range)",
     "Send ids the model's vocabulary has: encode with the tokenizer / StringLookup the model was trained with (best "
     "kept inside the export), map unknown ids to an out-of-vocabulary index (IntegerLookup(num_oov_indices=1)), and "
     "size each Embedding to what feeds it (input_dim = the vocabulary size, or Hashing's num_bins)",
     "InvalidArgumentError: indices[0,0] = 403 is not in [0, 100) [[{{node embedding_1/GatherV2}}]]"),
    (TF_CC, "Cannot encode a Tensor that exceeds the 2GB protobuf limit.",
     "Cannot encode a Tensor that exceeds the 2GB protobuf limit.",
     r"Cannot encode a Tensor that exceeds the 2GB protobuf limit",
     "model_too_large", "a tensor over 2 GB was to be stored in a protobuf (a constant in the graph: the weights "
     "baked in)", PROTO_FIX,
     "InvalidArgumentError: Cannot encode a Tensor that exceeds the 2GB protobuf limit."),
]


def _stdlib_module(lib: str) -> Path:
    """The shared library of a standard-library C module (``stdlib:binascii``) of the Python running the build."""
    import importlib.util

    spec = importlib.util.find_spec(lib.split(":", 1)[1])
    if spec is None or not spec.origin or not spec.origin.endswith(".so"):
        raise SystemExit(f"explain_index_python: {lib} is not a shared library here")
    return Path(spec.origin)


def _system_library(lib: str) -> Path:
    """The system's dynamic loader (``system:ld.so``): the first of its usual paths that exists here."""
    for candidate in ("/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                      "/lib/ld-linux-aarch64.so.1", "/lib/aarch64-linux-gnu/ld-linux-aarch64.so.1"):
        if Path(candidate).exists():
            return Path(candidate)
    raise SystemExit(f"explain_index_python: no dynamic loader here for {lib}")


def _python_runtime() -> Path:
    """The running Python's libpython (sysconfig's LDLIBRARY in LIBDIR), else its executable (a static build)."""
    import sysconfig

    lib = Path(sysconfig.get_config_var("LIBDIR") or "/") / (sysconfig.get_config_var("LDLIBRARY") or "-")
    if lib.is_file() and lib.suffix != ".a":
        return lib
    return Path(sys.executable).resolve()


def _wheel_member(lib: str) -> Path:
    """A file of a release's wheel (:func:`_release_file`), extracted to the wheel cache beside it."""
    req, member = _release_file(lib)
    whl = _wheel(req)
    into = whl.parent / (whl.stem + ".files")
    target = into / member
    if not target.exists():
        with zipfile.ZipFile(whl) as z:
            z.extract(member, into)
    return target


def _sdist_member(lib: str) -> Path:
    """A source file of a release published as a source archive only (hnswlib; :func:`_release_file`), extracted to
    the wheel cache beside the archive."""
    import tarfile

    req, member = _release_file(lib)
    archive = _wheel(req, sdist=True)
    top = archive.name.removesuffix(".tar.gz")  # an sdist's files sit under NAME-VERSION/
    into = archive.parent / f"{top}.files"
    if not (into / top / member).exists():
        with tarfile.open(archive) as t:
            t.extract(f"{top}/{member}", into, filter="data")
    return into / top / member


def library_entries() -> list[dict]:
    out, texts = [], {}
    for lib, literal, template, pattern, category, meaning, fix, example, *rest in LIB_RULES:
        if lib not in texts:
            texts[lib] = library_strings(_python_runtime() if lib == LIBPYTHON else _system_library(lib)
                                         if lib.startswith("system:") else _stdlib_module(lib)
                                         if lib.startswith("stdlib:") else _wheel_member(lib)
                                         if lib.startswith("wheel:") else _sdist_member(lib)
                                         if lib.startswith("sdist:") else SITE / lib)
        if literal not in texts[lib]:
            raise SystemExit(f"explain_index_python: {literal!r} not in {lib}")
        version = ""
        if lib.startswith(("stdlib:", "python:")):
            version = f"Python {sys.version_info.major}.{sys.version_info.minor} "
        elif lib.startswith("system:"):
            import platform

            version = f"glibc {platform.libc_ver()[1]} "
        elif lib.startswith("numpy"):
            import numpy

            version = f"numpy {numpy.__version__} "
        elif lib in (PYWRAP, TF_PB2):
            version = f"tensorflow {_tf_version()} "
        elif lib == UPB:
            import google.protobuf

            version = f"protobuf {google.protobuf.__version__} "
        elif lib.startswith(("wheel:", "sdist:")):
            version = f"{_release_file(lib)[0].replace('==', ' ')} "
        elif lib == CYGRPC:
            import grpc

            version = f"grpcio {grpc.__version__} "
        elif lib.startswith("pandas/"):
            import pandas

            version = f"pandas {pandas.__version__} "
        else:
            version = f"tensorflow {_tf_version()} (protobuf as linked) "
        e = entry(template, pattern, f"{version}{lib} (strings -n 8)", meaning, category, fix=fix,
                  reading=meaning if category is None else None, decider=rest[0] if rest else None)
        if not re.search(pattern, example, re.I):
            raise SystemExit(f"explain_index_python: {pattern!r} does not match {example!r}")
        e["example"] = example
        out.append(e)
    return out


def entries() -> list[dict]:
    return python_entries() + library_entries()


if __name__ == "__main__":
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}\n{'':28} {e['pattern'][:110]}")
