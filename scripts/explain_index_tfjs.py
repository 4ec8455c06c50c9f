"""TensorFlow.js loading, converting and running a Keras / TensorFlow model, for explain's message index (#15): the
error sites of TF.js's own sources that the other modules do not read, at a pinned commit.

explain_index_clients (the graph executor's unknown / custom ops, input count, missing outputs, async ops; the
layers' weight and input-spec checks; core's op asserts, fromPixels, the tfjs_binding.node addon),
explain_index_platforms (the converter's unsupported ops, signatures and SparseTensors; tfjs-node's SavedModel path /
tag / signature / input-name / dtype checks; graph_executor's execute(dict) checks and dynamic ops; training.ts'
'Error when checking' messages; http.ts' status), explain_index_runtimes (deserialization's 'Unknown {kind}',
http.ts' unparsable model JSON, tensor values that do not fill a shape) and explain_index_web (JSON, fetch, CORS,
browser / React Native / WeChat storage, tfjs-node's file:// loader, WebGL's maximum texture size and shader
compilation, the backend registry) already hold about 70 TF.js messages; this module adds, from the git mirror of
github.com/tensorflow/tfjs at :data:`COMMIT` (and the archived github.com/tensorflow/tfjs-layers at its v0.6.0 release
for the wordings older tfjs-layers printed):

* loading: io router conflicts (two copies of tfjs-node registering ``file://``), a loader given no URL or handler,
  weight data without specs, weight streams shorter than their manifest, quantization / dtypes this runtime does not
  decode, tfjs-node's "not a file" checks, the old ``loadModel``'s missing fields;
* layer deserialization: configs tfjs-layers does not read — Keras 3's InputLayer (``batch_shape``), Keras 3's
  ``inbound_nodes`` (``{args, kwargs}``), config entries without ``className`` / ``config``, duplicate weight
  names, the old check of the Keras version of the weights;
* inference inputs: LayersModel.predict / execute's names, counts, per-example shapes and dtypes (and the old
  executor's rank / dimension checks), graph model hash tables fed keys of another dtype;
* kernels and backends: a kernel (or a fused activation) the chosen backend does not have, a model.json param type the
  runtime does not know, backends that cannot start (WebGL / WebGPU unsupported, WASM binaries not found, a backend
  used before it is ready), WebGL's texture and context limits, a zero-sized texture;
* tfjs-node's native binding: its wrappers around TensorFlow's own load / run errors (TensorFlow's message inside is
  read by its own entry first: explain reads the innermost message), an image it cannot decode, ``execute()`` of a
  SavedModel;
* tensorflowjs_converter (Python): unsupported ops after optimization, a signature the SavedModel lacks, an .h5 of
  another Keras version, a tfjs input that is no JSON, a frozen model without output node names, weights of a dtype
  TF.js has none for, duplicate weight names.

Each row: template, pattern (named captures; the literal parts are the source's text through
``explain_build_index.lit``, every gap a bounded class that stops at the next literal's first character: linear time),
source (repository at the commit, file:line, function), category (an id of CATEGORIES.md, or None with a reading for a
message that is not about the request or model), what it means for someone serving the model, a first step, an
example as a browser console / Node / Python prints it (the build checks the pattern matches it).  :data:`QUOTES` names
the pieces of source text each row rests on; when the git mirror is on this machine the build checks each piece is in
that file at that commit.

    python scripts/explain_index_tfjs.py     # check the quotes, print the entries
"""

from __future__ import annotations

import re
import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, examples_match, lit, mirror_text, rows_quoted  # noqa: E402,F401
from explain_build_index import Quote, add_row  # noqa: E402
from explain_build_index import source_ref  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402

WHO = "explain_index_tfjs"

TFJS = "tensorflow/tfjs"
COMMIT = "0fc04d958ea592f3b8db79a8b3b497b5c8904097"
"""tensorflow/tfjs at the mirror's HEAD read here (2025-06-06, "Remove hub from tests (#8563)"), the commit the other
TF.js rows of the index were read at."""
LAYERS_OLD = "tensorflow/tfjs-layers"
LAYERS_V06 = "9d1e120ef69c2575839633fdd529dbeb27cf20a8"
"""tensorflow/tfjs-layers at its v0.6.0 tag (2018, the loadModel era that @tensorflow/tfjs 0.11 shipped)."""

VERSION = "runtime_version_mismatch"
FILES = "savedmodel_not_found"
KEYS = "input_keys_mismatch"
SHAPE = "input_shape_mismatch"
DTYPE = "dtype_mismatch"
WEIGHTS = "variables_not_restored"
LARGE = "model_too_large"


def src(path: str, where: str, repo: str = TFJS, commit: str = COMMIT) -> str:
    return source_ref(repo, commit, path, where)


def q(path: str, *pieces: str, repo: str = TFJS, commit: str = COMMIT) -> Quote:
    return Quote(repo, commit, path, pieces)


_VAR = re.compile(r"\{(\w+)\}")


def pat(template: str, **classes: str) -> str:
    """A template's pattern: its literal parts through :func:`lit`, each ``{name}`` a named capture (the first of a
    name; later ones unnamed) that stops at the next literal's first character, or the class given in ``classes``."""
    parts = _VAR.split(template)
    out, used = [], set()
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(lit(part))
            continue
        after = parts[i + 1] if i + 1 < len(parts) else ""
        stop = after[:1]
        body = classes.get(part)
        if body is None:
            cls = "[^\\n" + (re.escape(stop) if stop and stop != " " else "") + "]"
            body = f"{cls}{{0,200}}" if stop else f"{cls}{{1,200}}"
        out.append(f"(?P<{part}>{body})" if part not in used else f"(?:{body})")
        used.add(part)
    return "".join(out)


ROWS: list[tuple] = []
QUOTES: dict[str, list[Quote]] = {}
add = partial(add_row, ROWS, QUOTES)
"""One row and the source pieces it rests on (explain_build_index.add_row)."""

UNCAUGHT = "Uncaught (in promise) Error: "
NODE_AT = "\n    at {}"

# ------------------------------------------------------------------------------------------------ fixes

CONV = ("tensorflowjs_converter of the runtime's version (pip install tensorflowjs==X for @tensorflow/tfjs X)")
RUNTIME_OLD_FIX = ("The model.json was written by a newer tensorflowjs_converter than this TensorFlow.js runtime "
                   "reads: upgrade @tensorflow/tfjs (and tfjs-node / tfjs-react-native) to the converter's version, or "
                   "convert again with a " + CONV)
KERAS3_FIX = ("tfjs-layers reads the model config Keras 2 writes, and this model.json comes from a Keras 3 model: "
              "convert it as a graph model instead (model.export('saved_model_dir') in Keras 3, then "
              "tensorflowjs_converter --input_format=tf_saved_model saved_model_dir web_model, and load it with "
              "tf.loadGraphModel), or save and convert it with Keras 2 (pip install tf_keras, TF_USE_LEGACY_KERAS=1) "
              "before tensorflowjs_converter --input_format=keras")
LOADER_ARG_FIX = ("Give tf.loadLayersModel / tf.loadGraphModel the URL of model.json as a string ('/model/model.json', "
                  "'https://…/model.json', in Node 'file://' + absolute path), or an IOHandler that loads: "
                  "tf.io.browserFiles([jsonFile, ...weightFiles]) for files a user picked, tf.io.fromMemory(modelJson, "
                  "weightSpecs, weightData) for artifacts already in memory; check the variable holding the URL is set")
WEIGHT_DATA_FIX = ("Serve model.json with the group*-shard*.bin weight files of the same conversion, whole (compare "
                   "their sizes with the files the converter wrote; a Git LFS pointer, a cut download or a server that "
                   "rewrites binaries gives fewer bytes), and load them from the same directory; convert again when "
                   "a file is lost")
TWO_COPIES = ("two copies of a TensorFlow.js io router are registered: @tensorflow/tfjs-node and "
              "@tensorflow/tfjs-node-gpu both imported, or two versions of @tensorflow/tfjs-core in node_modules (npm "
              "ls @tensorflow/tfjs-core); an installation problem of the app, not about the request or model: import "
              "one tfjs-node package and keep one version of the @tensorflow packages (npm dedupe)")
INPUT_NAMES_FIX = ("Give the model one tensor per input, in the order of model.inputs (or a dict keyed by "
                   "model.inputNames / model.inputs[i].name); model.inputs[i].shape shows each input's shape (null is "
                   "the batch)")
INPUT_SHAPE_FIX = ("Give the model a batch of examples of its input shape (model.inputs[0].shape; null is the batch): "
                   "tf.expandDims(x, 0) adds the batch axis to one example, tf.image.resizeBilinear(img, [h, w]) "
                   "resizes an image, tf.browser.fromPixels(img, 3) keeps 3 channels")
DTYPE_FIX = ("Feed the input in the dtype the model declares (model.inputs[i].dtype / the signature's dtype): "
             "tf.tensor(values, shape, 'int32') or x.toInt() / x.toFloat() (x.cast('int32')) before predicting")
KERNEL_FIX = ("The backend running the model has no kernel for one of its ops: run it on a backend that has (await "
              "tf.setBackend('webgl') or 'cpu' before loading; tfjs-node for Node), upgrade @tensorflow/tfjs and the "
              "backend package to one version (kernels are added over releases), and with a custom (tree-shaken) "
              "bundle include the model's kernels (tfjs-custom-module with the model's model.json)")
BACKEND_READING = ("the TensorFlow.js backend could not start or was used before it started (the app's environment: no "
                   "WebGL / WebGPU in this browser or device, the WASM binaries not served, tf.setBackend / tf.ready() "
                   "not awaited): not about the request or model")
GPU_MEMORY_FIX = ("The WebGL backend ran out of GPU resources (memory, or the browser dropped the GPU context): "
                  "dispose tensors you no longer need (tf.tidy, tensor.dispose(), tf.memory() shows what is held), "
                  "feed smaller inputs or batches, use a smaller / quantized model (tensorflowjs_converter "
                  "--quantize_float16 / --quantize_uint8), or run on tf.setBackend('wasm') / 'cpu' on devices with "
                  "little GPU memory")
NODE_WRAPPER = ("tfjs-node's native binding wrapping TensorFlow's own error: the text after the colon is TensorFlow's "
                "message and says the cause (read that part); the wrapper itself is not about the request or model")
CONVERTER_OPS_FIX = ("TensorFlow.js has no kernel for those ops: convert a model that uses ops tfjs implements (the "
                     "converter's supported-ops list; replace the op before exporting), skip the check with "
                     "--skip_op_check and register each op with tf.registerOp in the app, or upgrade tensorflowjs "
                     "(pip install -U tensorflowjs) whose runtime may have the op")

# ------------------------------------------------------------------------------------------------ loading

GM = "tfjs-converter/src/executor/graph_model.ts"
MODELS = "tfjs-layers/src/models.ts"
IO_UTILS = "tfjs-core/src/io/io_utils.ts"

T = "Found more than one ({n}) load handlers for URL '{path}'"
add(T, pat(T, n=r"\d{1,3}", path=r"[^'\n]{0,300}"),
    src(GM, "graph_model.ts:132 GraphModel.findIOHandler; tfjs-layers/src/models.ts:263 loadLayersModelFromIOHandler"),
    None, TWO_COPIES, None,
    "Error: Found more than one (2) load handlers for URL 'file://./model/model.json'" + NODE_AT.format(
        "loadLayersModelInternal (/app/node_modules/@tensorflow/tfjs-layers/dist/tf-layers.node.js:17590:19)"),
    [q(GM, "`Found more than one (${handlers.length}) load handlers for ` +", "`URL '${[path]}'`"),
     q(MODELS, "`Found more than one (${handlers.length}) load handlers for ` +", "`URL '${pathOrIOHandler}'`")])

T = "Cannot proceed with model loading because the IOHandler provided does not have the `load` method implemented."
add(T, lit(T), src(MODELS, "models.ts:289 loadLayersModelFromIOHandler; tfjs-converter/src/executor/graph_model.ts:149 "
                   "GraphModel.load"), FILES,
    "tf.loadLayersModel / tf.loadGraphModel got something that is neither the model.json URL as a string nor an "
    "IOHandler that loads (the parsed model.json object, a require()d JSON, a File, or a save-only handler such as "
    "tf.io.browserDownloads): no model can be read from it", LOADER_ARG_FIX,
    UNCAUGHT + "Cannot proceed with model loading because the IOHandler provided does not have the `load` method "
    "implemented.",
    [q(MODELS, "'Cannot proceed with model loading because the IOHandler provided ' +",
       "'does not have the `load` method implemented.'"),
     q(GM, "'Cannot proceed with model loading because the IOHandler provided ' +",
       "'does not have the `load` method implemented.'")])

T = "modelUrl in loadGraphModel() cannot be null. Please provide a url or an IOHandler that loads the model"
add(T, lit("modelUrl in loadGraphModel") + r"(?:Sync)?" + lit("() cannot be null. Please provide "),
    src(GM, "graph_model.ts:628,659 loadGraphModel / loadGraphModelSync"), FILES,
    "tf.loadGraphModel was called with null / undefined as the model's URL (a variable or environment setting that "
    "was never set, a require() that gave nothing)", LOADER_ARG_FIX,
    UNCAUGHT + "modelUrl in loadGraphModel() cannot be null. Please provide a url or an IOHandler that loads the model",
    [q(GM, "'modelUrl in loadGraphModel() cannot be null. Please provide a url ' +",
       "'modelUrl in loadGraphModelSync() cannot be null. Please provide ' +")])

HTTP = "tfjs-core/src/io/http.ts"
T = "URL path for http must not be null, undefined or empty."
add(T, lit(T), src(HTTP, "http.ts:67 HTTPRequest constructor"), FILES,
    "the model's URL given to the http loader (tf.loadLayersModel / loadGraphModel / tf.io.http) is empty, null or "
    "undefined: the variable holding it was never set", LOADER_ARG_FIX,
    "Error: URL path for http must not be null, undefined or empty." + NODE_AT.format(
        "new HTTPRequest (/app/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:5400:9)"),
    [q(HTTP, "() => 'URL path for http must not be null, undefined or ' +", "'empty.');")])

T = "LayersModel artifacts contains weight data, but not weight specs. Therefore loading of weights cannot proceed."
add(T, lit("LayersModel artifacts contains weight data, but not weight specs."),
    src(MODELS, "models.ts:324 loadLayersModelFromIOHandler"), WEIGHTS,
    "the loader got weight bytes but no weightsManifest / weightSpecs to cut them into the model's weights (a "
    "model.json whose weightsManifest was removed or emptied, a custom IOHandler or tf.io.fromMemory given the data "
    "without its specs): the weights cannot be restored", WEIGHT_DATA_FIX,
    UNCAUGHT + "LayersModel artifacts contains weight data, but not weight specs. Therefore loading of weights cannot "
    "proceed.",
    [q(MODELS, "'LayersModel artifacts contains weight data, but not weight specs. ' +",
       "'Therefore loading of weights cannot proceed.'")])

T = "modelJSON has weightsManifest but {weightSpecs|weightData} is null"
add(T, r"modelJSON has weightsManifest but (?P<missing>weightSpecs|weightData) is null",
    src(IO_UTILS, "io_utils.ts:549,552 getModelArtifactsForJSON"), WEIGHTS,
    "model.json lists weight files (weightsManifest) but the loader got no weights from them: the weight files were "
    "not loaded (not served beside model.json, or a custom loader that returns none)", WEIGHT_DATA_FIX,
    "Error: modelJSON has weightsManifest but weightData is null",
    [q(IO_UTILS, "'modelJSON has weightsManifest but weightSpecs is null'",
       "'modelJSON has weightsManifest but weightData is null'")])

T = "Reader is done but {n} bytes are still expected"
add(T, pat(T, n=r"\d{1,15}"), src(IO_UTILS, "io_utils.ts:303 decodeWeightsStream"), WEIGHTS,
    "the weight files streamed in ended before the bytes model.json's weightsManifest says they hold: a weight file "
    "cut short (interrupted download, a Git LFS pointer, a proxy or server that changed it) or from another conversion",
    WEIGHT_DATA_FIX, "Error: Reader is done but 1048576 bytes are still expected",
    [q(IO_UTILS, "`Reader is done but ${missing} bytes are still expected`")])

CAB = "tfjs-core/src/io/composite_array_buffer.ts"
T = "Could not find start shard for byte {n}"
add(T, pat(T, n=r"\d{1,15}"), src(CAB, "composite_array_buffer.ts:123 CompositeArrayBuffer.slice"), WEIGHTS,
    "the weight data has fewer bytes than model.json's weightsManifest reads from it: a weight shard missing or cut "
    "short, or weight files of another conversion", WEIGHT_DATA_FIX,
    UNCAUGHT + "Could not find start shard for byte 4194304",
    [q(CAB, "`Could not find start shard for byte ${start}`")])

T = "Weight {name} has unknown quantization dtype {dtype}. Supported quantization dtypes are: {list}."
add(T, pat("Weight {name} has unknown quantization dtype {dtype}. Supported quantization dtypes are: "),
    src(IO_UTILS, "io_utils.ts:211 decodeWeight"), VERSION,
    "model.json stores a weight quantized in a way this TensorFlow.js runtime does not decode (a converter newer "
    "than the runtime: float16 quantization came with tfjs 2.x, mid-2020)", RUNTIME_OLD_FIX,
    "Error: Weight dense/kernel has unknown quantization dtype float16. Supported quantization dtypes are: 'uint8' "
    "and 'uint16'.",
    [q(IO_UTILS, "`Weight ${spec.name} has unknown ` +", "`quantization dtype ${quantization.dtype}. ` +",
       "`Supported quantization dtypes are: ` +")])

T = "Unsupported dtype in weight '{name}': {dtype}"
add(T, pat(T, name=r"[^'\n]{1,200}", dtype=r"\w{1,20}"), src(IO_UTILS, "io_utils.ts:68,249,287 decodeWeight"), VERSION,
    "model.json declares a weight of a dtype this TensorFlow.js runtime does not decode (a model.json written by a "
    "newer converter, or edited)", RUNTIME_OLD_FIX, "Error: Unsupported dtype in weight 'embedding/table': int64",
    [q(IO_UTILS, "`Unsupported dtype in weight '${name}': ${dtype}`")])

FS = "tfjs-node/src/io/file_system.ts"
T = "File specified for {topology|the weight manifest} is not a file!"
add(T, r"File specified for (?P<what>topology|the weight manifest) is not a file!",
    src(FS, "file_system.ts:145,148 NodeFileSystem.loadBinaryModel"), FILES,
    "tfjs-node's file loader was given a directory (or another non-file) where the model's topology or weight "
    "manifest file belongs", "Give tf.io.fileSystem / tf.node.loadLayersModel the path of the model file itself "
    "(model.json, or the .pb and weights_manifest.json of a binary model), not its directory",
    "Error: File specified for topology is not a file!",
    [q(FS, "'File specified for topology is not a file!'", "'File specified for the weight manifest is not a file!'")])

OLD_MODELS = "src/models.ts"
T = 'Missing field "{modelTopology|weightsManifest}" from model JSON at path{url}'
add(T, r"Missing field \"(?P<field>modelTopology|weightsManifest)\" from model JSON at ?path ?"
    r"(?P<path>[^\s'\"]{0,300})",
    src(OLD_MODELS, "models.ts:274,281 loadModelInternal (tfjs-layers v0.6.0, @tensorflow/tfjs 0.11)",
        LAYERS_OLD, LAYERS_V06), FILES,
    "the old tfjs-layers loader (tf.loadModel) fetched a JSON that is not a converted Keras model.json: a graph "
    "model's model.json (tfjs 0.x graph models load with tf.loadFrozenModel / loadGraphModel), a config or metadata "
    "JSON, or the wrong URL",
    "Load the model.json tensorflowjs_converter wrote for a Keras model with tf.loadModel / tf.loadLayersModel, and a "
    "graph model (converted from a SavedModel / frozen graph) with tf.loadGraphModel (tf.loadFrozenModel in tfjs 0.x)",
    UNCAUGHT + 'Missing field "modelTopology" from model JSON at pathhttp://localhost:8080/model/model.json',
    [q(OLD_MODELS, "'Missing field \"modelTopology\" from model JSON at path' +",
       "'Missing field \"weightsManifest\" from model JSON at path' +", repo=LAYERS_OLD, commit=LAYERS_V06)])

# ------------------------------------------------------------------------------------------------ deserialization

INPUT_LAYER = "tfjs-layers/src/engine/input_layer.ts"
CONTAINER = "tfjs-layers/src/engine/container.ts"
GENERIC = "tfjs-layers/src/utils/generic_utils.ts"

T = "An InputLayer should be passed either a `batchInputShape` or an `inputShape`."
add(T, lit(T), src(INPUT_LAYER, "input_layer.ts:74 InputLayer constructor"), VERSION,
    "tfjs-layers built an InputLayer from a config with neither batch_input_shape nor input_shape: a model.json "
    "converted from a Keras 3 model, whose InputLayer config says batch_shape, which tfjs-layers does not read",
    KERAS3_FIX, UNCAUGHT + "An InputLayer should be passed either a `batchInputShape` or an `inputShape`.\n    at new "
    "InputLayer (tf-layers.esm.js:17:12345)\n    at fromConfig (tf-layers.esm.js:17:23456)",
    [q(INPUT_LAYER, "'An InputLayer should be passed either a ' +", "'`batchInputShape` or an `inputShape`.'")])

T = "Corrupted configuration, expected array for nodeData: {data}"
add(T, pat(T), src(CONTAINER, "container.ts:1276 Container.fromConfig, processLayer"), VERSION,
    "a functional model's config lists a layer's inbound node in a form tfjs-layers does not read (it reads Keras "
    "2's nested arrays; Keras 3 writes each node as an object {args, kwargs}): a model.json converted from a Keras 3 "
    "model", KERAS3_FIX,
    UNCAUGHT + "Corrupted configuration, expected array for nodeData: [object Object]",
    [q(CONTAINER, "`Corrupted configuration, expected array for nodeData: ${", "nodeData}`")])

T = "{kind}: Improper config format: {config}.\n'className' and 'config' must set."
add(T, r"(?P<kind>[\w ]{1,40}): Improper config format: [^\n]{0,2000}\n?" +
    lit("'className' and 'config' must set."),
    src(GENERIC, "generic_utils.ts:228 deserializeKerasObject"), VERSION,
    "an entry of the model's config (a layer, initializer, regularizer, constraint …) is not in the {class_name, "
    "config} form tfjs-layers deserializes: a model.json edited by hand, or written from a Keras whose config layout "
    "tfjs-layers does not read", "Convert the original Keras model again with a " + CONV + " instead of editing "
    "model.json; a Keras 3 model converts as a graph model (model.export('saved_model_dir'), then "
    "tensorflowjs_converter --input_format=tf_saved_model, tf.loadGraphModel) or, saved with Keras 2 (tf_keras), as a "
    "layers model",
    "Error: layer: Improper config format: {\"module\":\"keras.layers\",\"registered_name\":null}.\n'className' and "
    "'config' must set.",
    [q(GENERIC, "`${printableModuleName}: Improper config format: ` +", "`'className' and 'config' must set.`")])

T = "Duplicate weight name: {name}"
add(T, pat(T, name=r"[^\s,;]{1,200}"), src(CONTAINER, "container.ts:621 Container.loadWeights"), WEIGHTS,
    "two of the model's weights resolve to the same name, so tfjs-layers cannot tell which value is whose: layers "
    "(or nested models' layers) sharing a name, or weights named without their layer's prefix in the converted files",
    "Give every layer of the Keras model a unique name (no two layers, nor a nested model's layers, named alike), "
    "save and convert it again; or convert it as a graph model (SavedModel -> tensorflowjs_converter "
    "--input_format=tf_saved_model, tf.loadGraphModel)",
    UNCAUGHT + "Duplicate weight name: dense/kernel",
    [q(CONTAINER, "throw new ValueError(`Duplicate weight name: ${parsedName}`);")])

OLD_TOPOLOGY = "src/engine/topology.ts"
T = "Unsupported Keras version in weights being loaded: {version}"
add(T, pat(T, version=r"[\w.-]{0,40}"),
    src(OLD_TOPOLOGY, "topology.ts:2740 preprocessWeightsForLoading (tfjs-layers v0.6.0)", LAYERS_OLD, LAYERS_V06),
    VERSION, "older tfjs-layers load only weights saved by Keras 2.x: the model was saved by another Keras version "
    "(Keras 1, or a keras_version field it cannot read)",
    "Save the model with Keras 2 (tf_keras) and convert it again, or upgrade @tensorflow/tfjs (current tfjs-layers no "
    "longer checks the weights' Keras version)",
    "Error: Unsupported Keras version in weights being loaded: 1.2.2",
    [q(OLD_TOPOLOGY, "'Unsupported Keras version in weights being loaded: ' +", repo=LAYERS_OLD, commit=LAYERS_V06)])

# ------------------------------------------------------------------------------------------------ inference inputs

TRAINING = "tfjs-layers/src/engine/training.ts"
EXECUTOR = "tfjs-layers/src/engine/executor.ts"

T = 'No data provided for "{name}". Need data for each key in: {names}'
add(T, pat(T, name=r"[^\"\n]{1,200}"), src(TRAINING, "training.ts:120 standardizeInputData"), KEYS,
    "a tfjs-layers model was given a dict of inputs that lacks one of its input names", INPUT_NAMES_FIX,
    "Error: No data provided for \"input_2\". Need data for each key in: input_1,input_2",
    [q(TRAINING, "`No data provided for \"${name}\". Need data for each key in: ` +")])

T = "The model {prefix} expects {n} Tensor(s), but only received one Tensor. Found: Tensor with shape {shape}"
add(T, r"The model (?P<prefix>[\w ]{0,40}?) ?expects (?P<want>\d{1,4}) Tensor\(s\), but only received one Tensor",
    src(TRAINING, "training.ts:139 standardizeInputData"), KEYS,
    "a tfjs-layers model with several inputs was given one tensor: it takes one tensor per input", INPUT_NAMES_FIX,
    "Error: The model input expects 2 Tensor(s), but only received one Tensor. Found: Tensor with shape 1,10",
    [q(TRAINING, "`The model ${exceptionPrefix} expects ${names.length} Tensor(s), ` +",
       "`but only received one Tensor. Found: Tensor with shape ${")])

T = "The model expects {n} {prefix} Tensors, but only received one Tensor. Found: array with shape {shape}."
add(T, r"The model expects (?P<want>\d{1,4}) (?P<prefix>[\w ]{0,40}?) ?Tensors, but only received one Tensor",
    src(TRAINING, "training.ts:312 checkInputData"), KEYS,
    "a tfjs-layers model with several inputs was given one tensor: it takes one tensor per input", INPUT_NAMES_FIX,
    "Error: The model expects 2 input Tensors, but only received one Tensor. Found: array with shape [1,10].",
    [q(TRAINING, "`The model expects ${names.length} ${exceptionPrefix} Tensors, ` +",
       "`but only received one Tensor. Found: array with shape ` +")])

T = ("{prefix} expected a batch of elements where each example has shape [{want}] (i.e.,tensor shape [*,{want}]) but "
     "the {prefix} received an input with {n} examples, each with shape [{got}] (tensor shape [{shape}])")
add(T, r"expected a batch of elements where each example has shape \[(?P<want_example>[^\]\n]{0,80})\]" + lit(
    " (i.e.,tensor shape [*,") + r"[^\]\n]{0,80}\]\) ?but the (?P<prefix>[\w ]{0,40}?) ?received an input with "
    r"(?P<n>\d{1,9}) examples, each with shape \[(?P<got_example>[^\]\n]{0,80})\]",
    src(TRAINING, "training.ts:170 standardizeInputData"), SHAPE,
    "a tfjs-layers model got examples of another shape than its input takes (the sizes after the batch axis differ: "
    "an image of another size or channel count, a sequence of another length, features of another width)",
    INPUT_SHAPE_FIX,
    "Error: input expected a batch of elements where each example has shape [224,224,3] (i.e.,tensor shape "
    "[*,224,224,3]) but the input received an input with 1 examples, each with shape [300,300,3] (tensor shape "
    "[1,300,300,3])",
    [q(TRAINING, "`${exceptionPrefix} expected a batch of elements where each ` +",
       "`example has shape [${shapes[i].slice(1, shapes[i].length)}] ` +", "`(i.e.,tensor shape [*,${",
       "` but the ${exceptionPrefix} received an input with ${", "` examples, each with shape [${")])

T = "The number of inputs provided ({n}) does not match the number of inputs of this model ({m})."
add(T, pat(T, n=r"\d{1,4}", m=r"\d{1,4}"), src(TRAINING, "training.ts:955 LayersModel.execute"), KEYS,
    "LayersModel.execute got another number of input tensors than the model has inputs", INPUT_NAMES_FIX,
    "Error: The number of inputs provided (1) does not match the number of inputs of this model (2).",
    [q(TRAINING, "`The number of inputs provided (${inputs.length}) ` +",
       "`does not match the number of inputs of this model ` +")])

T = "No value is provided for the model's input {name}"
add(T, pat(T, name=r"[^\s,;]{1,200}"), src(TRAINING, "training.ts:967 LayersModel.execute"), KEYS,
    "LayersModel.execute was given a dict of inputs that lacks one of the model's input names", INPUT_NAMES_FIX,
    "Error: No value is provided for the model's input input_1",
    [q(TRAINING, "`No value is provided for the model's input ${input.name}`")])

T = "Cannot find SymbolicTensors for output name(s): {names}"
add(T, pat(T), src(TRAINING, "training.ts:1013 LayersModel.retrieveSymbolicTensors"), KEYS,
    "LayersModel.execute was asked for outputs by names that are not the model's outputs or layers' outputs",
    "Ask for outputs by the names model.outputNames / model.outputs[i].name give (or layer.output names, e.g. "
    "'dense_1/BiasAdd' … as model.layers shows them)",
    "Error: Cannot find SymbolicTensors for output name(s): [\"detection_boxes\"]",
    [q(TRAINING, "`Cannot find SymbolicTensors for output name(s): ` +")])

T = "The dtype of the feed ({dtype}) can not be cast to the dtype of the key '{name}' ({want})."
add(T, pat(T, dtype=r"\w{1,20}", name=r"[^'\n]{1,200}", want=r"\w{1,20}"),
    src(EXECUTOR, "executor.ts:39 assertFeedCompatibility"), DTYPE,
    "a tfjs-layers model's input was fed a tensor whose dtype cannot be cast to the input's (a string tensor to a "
    "numeric input)", DTYPE_FIX,
    "Error: The dtype of the feed (string) can not be cast to the dtype of the key 'input_1' (float32).",
    [q(EXECUTOR, "`The dtype of the feed (${val.dtype}) can not be cast to the dtype ` +",
       "`of the key '${key.name}' (${key.dtype}).`")])

OLD_EXECUTOR = "src/engine/executor.ts"
T = "The rank of feed ({n}) does not match the rank of the key ({m})."
add(T, pat(T, n=r"\d{1,2}", m=r"\d{1,2}"),
    src(OLD_EXECUTOR, "executor.ts:32 assertFeedCompatibility (tfjs-layers v0.6.0)", LAYERS_OLD, LAYERS_V06), SHAPE,
    "an older tfjs-layers model got a tensor of another rank than its input (most often one example without its "
    "batch axis, or a flat array where an image is expected)", INPUT_SHAPE_FIX,
    "Error: The rank of feed (3) does not match the rank of the key (4).",
    [q(OLD_EXECUTOR, "`The rank of feed (${val.shape.length}) does not match the rank of ` +",
       "`the key (${key.shape.length}).`", repo=LAYERS_OLD, commit=LAYERS_V06)])

T = "The {i}-th dimension of the feed ({n}) is incompatible with that of the key ({m})."
add(T, pat(T, i=r"\d{1,2}", n=r"\d{1,9}", m=r"\d{1,9}"),
    src(OLD_EXECUTOR, "executor.ts:39 assertFeedCompatibility (tfjs-layers v0.6.0)", LAYERS_OLD, LAYERS_V06), SHAPE,
    "an older tfjs-layers model got a tensor whose size on one axis differs from its input's (image size, channels, "
    "sequence length or feature width)", INPUT_SHAPE_FIX,
    "Error: The 1-th dimension of the feed (300) is incompatible with that of the key (224).",
    [q(OLD_EXECUTOR, "`The ${i}-th dimension of the feed (${val.shape[i]}) is ` +",
       "`incompatible with that of the key (${key.shape[i]}).`", repo=LAYERS_OLD, commit=LAYERS_V06)])

T = "Missing a feed value for SymbolicTensor from InputLayer '{name}'"
add(T, pat(T, name=r"[^'\n]{0,200}"),
    src(OLD_EXECUTOR, "executor.ts:174 execute (tfjs-layers v0.6.0)", LAYERS_OLD, LAYERS_V06), KEYS,
    "an older tfjs-layers model was run without a value for one of its inputs", INPUT_NAMES_FIX,
    "Error: Missing a feed value for SymbolicTensor from InputLayer 'InputLayer'",
    [q(OLD_EXECUTOR, "`Missing a feed value for SymbolicTensor from InputLayer ` +", repo=LAYERS_OLD,
       commit=LAYERS_V06)])

HASH = "tfjs-converter/src/executor/hash_table.ts"
T = "Expect {key|value} dtype {want}, but got {got}"
add(T, r"Expect (?P<what>key|value) dtype (?P<want_dtype>\w{1,20}), but got (?P<got_dtype>\w{1,20})",
    src(HASH, "hash_table.ts:154,160 HashTable.checkKeyAndValueTensor"), DTYPE,
    "a graph model's lookup table (a vocabulary, StringLookup / tf.lookup) was given keys (or values) of another "
    "dtype than it holds: ids where it maps strings, or the reverse", DTYPE_FIX.replace(
        "Feed the input", "Feed the lookup's input"),
    "Error: Expect key dtype string, but got int32",
    [q(HASH, "`Expect key dtype ${this.keyDType}, but got ` +", "`Expect value dtype ${this.valueDType}, but got ` +")])

# ------------------------------------------------------------------------------------------------ kernels, backends

MAPPER = "tfjs-converter/src/operations/operation_mapper.ts"
ENGINE = "tfjs-core/src/engine.ts"
REGISTRY = "tfjs-core/src/kernel_registry.ts"

T = "Unsupported param type: {type} for op: {op}"
add(T, pat(T, type=r"[\w.]{1,40}", op=r"\w{1,120}"), src(MAPPER, "operation_mapper.ts:328 OperationMapper.mapNode"),
    VERSION, "model.json gives an op a parameter of a type this TensorFlow.js runtime does not know: the model was "
    "converted by a newer tensorflowjs_converter than the runtime", RUNTIME_OLD_FIX,
    "Error: Unsupported param type: tensors for op: StatelessIf",
    [q(MAPPER, "`Unsupported param type: ${param.type} for op: ${node.op}`")])

T = "Kernel '{kernel}' not registered for backend '{backend}'"
add(T, pat(T, kernel=r"[^'\n]{1,120}", backend=r"[^'\n]{1,40}"), src(ENGINE, "engine.ts:551 Engine.runKernel"),
    VERSION, "the TensorFlow.js backend running the model has no kernel for one of its ops: a backend that lacks it "
    "(wasm, webgpu, react-native's rn-webgl have fewer kernels), packages of different versions, or a custom bundle "
    "that left the kernel out", KERNEL_FIX, UNCAUGHT + "Kernel 'NonMaxSuppressionV5' not registered for backend 'wasm'",
    [q(ENGINE, "throw new Error(`Kernel '${kernelName}' not registered for backend '${")])

T = "The kernel '{kernel}' for backend '{backend}' is not registered"
add(T, pat(T, kernel=r"[^'\n]{1,120}", backend=r"[^'\n]{1,40}"), src(REGISTRY, "kernel_registry.ts:174 getKernel"),
    VERSION, "the TensorFlow.js backend running the model has no kernel for one of its ops (a backend with fewer "
    "kernels, packages of different versions, or a custom bundle that left it out)", KERNEL_FIX,
    "Error: The kernel 'Einsum' for backend 'webgpu' is not registered",
    [q(REGISTRY, "`The kernel '${kernelName}' for backend ` +", "`'${backendName}' is not registered`")])

WEBGL_KF = "tfjs-backend-webgl/src/kernel_utils/kernel_funcs_utils.ts"
T = "Activation {activation} has not been implemented for the {WebGL|WebGPU} backend."
add(T, r"Activation (?P<activation>\w{1,40}) has not been implemented for the (?P<backend>WebGL|WebGPU) backend",
    src(WEBGL_KF, "kernel_funcs_utils.ts:222 mapActivationToShaderProgram; tfjs-backend-webgpu/src/"
        "activation_util.ts:47"), VERSION,
    "the converter fused an activation into a conv / matMul that this backend's fused kernel does not implement (a "
    "converter newer than the runtime's backend, or an activation the backend lacks)",
    RUNTIME_OLD_FIX + "; or run on another backend (tf.setBackend('cpu'))",
    "Error: Activation sigmoid has not been implemented for the WebGL backend.",
    [q(WEBGL_KF, "throw new Error(`Activation ${", "activation} has not been implemented for the WebGL backend.`);"),
     q("tfjs-backend-webgpu/src/activation_util.ts",
       "activation} has not been implemented for the WebGPU backend.`);")])

NODE_BACKEND = "tfjs-node/src/nodejs_kernel_backend.ts"
T = "Activation: {activation} has not been implemented for the Node.js backend"
add(T, pat(T, activation=r"\w{1,40}"), src(NODE_BACKEND, "nodejs_kernel_backend.ts:302 NodeJSKernelBackend"), VERSION,
    "the converter fused an activation that tfjs-node's fused kernels do not implement (a converter newer than the "
    "tfjs-node runtime)", RUNTIME_OLD_FIX,
    "Error: Activation: leakyrelu has not been implemented for the Node.js backend",
    [q(NODE_BACKEND, "throw new Error(`Activation: ${",
       "activation} has not been implemented for the Node.js backend`);")])

T = ("Backend '{name}' has not yet been initialized. Make sure to await tf.ready() or await tf.setBackend() before "
     "calling other methods")
add(T, pat("Backend '{name}' has not yet been initialized. Make sure to await tf.ready() or await tf.setBackend()",
           name=r"[^'\n]{1,40}"), src(ENGINE, "engine.ts:213 Engine.backend"), None, BACKEND_READING, None,
    UNCAUGHT + "Backend 'wasm' has not yet been initialized. Make sure to await tf.ready() or await tf.setBackend() "
    "before calling other methods",
    [q(ENGINE, "`Backend '${this.backendName}' has not yet been initialized. Make ` +",
       "`sure to await tf.ready() or await tf.setBackend() before calling ` +")])

T = "Could not initialize any backends, all backend initializations failed."
add(T, lit(T), src(ENGINE, "engine.ts:206,419 Engine.backend / initializeBackendsAndReturnBest"), None,
    BACKEND_READING, None, UNCAUGHT + T,
    [q(ENGINE, "`Could not initialize any backends, all backend initializations ` +", "`failed.`);")])

TENSOR = "tfjs-core/src/tensor.ts"
T = "Tensor is disposed."
add(T, r"\b" + lit(T), src(TENSOR, "tensor.ts:461 Tensor.throwIfDisposed"), None,
    "the app used a tensor after disposing it (tensor.dispose(), or tf.tidy disposed it on return; a model's input or "
    "output kept across calls): the app's tensor lifetime, not about the request or model", None,
    "Error: Tensor is disposed.\n    at Tensor.throwIfDisposed (tf-core.esm.js:17:1)",
    [q(TENSOR, "throw new Error(`Tensor is disposed.`);")])

UTIL = "tfjs-core/src/util_base.ts"
T = "Can't squeeze axis {axis} since its dim '{dim}' is not 1"
add(T, pat(T, axis=r"\d{1,2}", dim=r"\d{1,9}"), src(UTIL, "util_base.ts:415 squeezeShape"), SHAPE,
    "a squeeze in the model (or the app) removes an axis that is not of size 1: axis 0 means the model squeezes the "
    "batch and runs one example at a time; another axis, an input of another shape than the model takes",
    INPUT_SHAPE_FIX + "; a model that squeezes axis 0 takes a batch of exactly one example",
    "Error: Can't squeeze axis 0 since its dim '4' is not 1",
    [q(UTIL, "`Can't squeeze axis ${i} since its dim '${shape[i]}' is not 1`")])

WEBGL_BACKEND = "tfjs-backend-webgl/src/backend_webgl.ts"
WEBGPU_BACKEND = "tfjs-backend-webgpu/src/backend_webgpu.ts"
T = "{WebGL|WebGPU} is not supported on this device"
add(T, r"(?P<backend>WebGL|WebGPU) is not supported on this device",
    src(WEBGL_BACKEND, "backend_webgl.ts:147 MathBackendWebGL; tfjs-backend-webgpu/src/backend_webgpu.ts:139"), None,
    BACKEND_READING, None, "Error: WebGL is not supported on this device",
    [q(WEBGL_BACKEND, "throw new Error('WebGL is not supported on this device');"),
     q(WEBGPU_BACKEND, "throw new Error('WebGPU is not supported on this device');")])

CANVAS = "tfjs-backend-webgl/src/canvas_util.ts"
T = "Cannot get WebGL rendering context, WebGL is disabled."
add(T, lit(T), src(CANVAS, "canvas_util.ts:89 getWebGLContext"), None, BACKEND_READING, None, "Error: " + T,
    [q(CANVAS, "throw new Error('Cannot get WebGL rendering context, WebGL is disabled.');")])

WASM = "tfjs-backend-wasm/src/backend_wasm.ts"
T = ("There were no entries found for the following binaries: {names}. Please either call setWasmPaths with a map "
     "providing a path for each binary, or with a string indicating the directory where all the binaries can be "
     "found.")
add(T, pat("There were no entries found for the following binaries: {names}. Please either call setWasmPaths",
           names=r"[^\n]{1,300}?"), src(WASM, "backend_wasm.ts:496 setWasmPaths"), None, BACKEND_READING, None,
    "Error: There were no entries found for the following binaries: tfjs-backend-wasm-simd.wasm. Please either call "
    "setWasmPaths with a map providing a path for each binary, or with a string indicating the directory where all "
    "the binaries can be found.",
    [q(WASM, "`There were no entries found for the following binaries: ` +",
       "`${missingPaths.join(',')}. Please either call setWasmPaths with a ` +")])

WEBGL_UTIL = "tfjs-backend-webgl/src/webgl_util.ts"
T = "Unable to create WebGLTexture."
add(T, lit(T), src(WEBGL_UTIL, "webgl_util.ts:203 createTexture"), LARGE,
    "the WebGL backend could not get a texture from the GPU: its memory is used up by the model's weights and "
    "activations (or tensors the app never disposed), or the browser dropped the WebGL context", GPU_MEMORY_FIX,
    "Error: Unable to create WebGLTexture.\n    at throwIfNull (tf-backend-webgl.esm.js:17:1)",
    [q(WEBGL_UTIL, "gl, () => gl.createTexture(), 'Unable to create WebGLTexture.');")])

T = "WebGL Error: CONTEXT_LOST_WEBGL"
add(T, r"WebGL Error: (?P<status>CONTEXT_LOST_WEBGL|OUT_OF_MEMORY)",
    src(WEBGL_UTIL, "webgl_util.ts:34 callAndCheck / getWebGLErrorMessage"), LARGE,
    "the browser dropped the WebGL context (or the GPU reported out of memory) while the model ran: most often the GPU "
    "memory the model and its tensors take is more than the device gives the page", GPU_MEMORY_FIX,
    "Error: WebGL Error: CONTEXT_LOST_WEBGL",
    [q(WEBGL_UTIL, "throw new Error('WebGL Error: ' + getWebGLErrorMessage(gl, error));",
       "return 'CONTEXT_LOST_WEBGL';")])

T = "Requested texture size [{w}x{h}] is invalid."
add(T, r"Requested texture size \[(?P<w>-?\d{1,9})x(?P<h>-?\d{1,9})\] is invalid\.",
    src(WEBGL_UTIL, "webgl_util.ts:210 validateTextureSize"), SHAPE,
    "the WebGL backend was asked for a texture with no pixels: a tensor with a zero-sized axis (an image read before "
    "it loaded, 0x0; an empty input or a crop / slice of size 0)",
    "Feed the model a non-empty input of its shape: wait for the image / video to load (img.onload, "
    "video.readyState >= 2) before tf.browser.fromPixels, and check no axis of the input is 0 (x.shape)",
    "Error: Requested texture size [0x0] is invalid.",
    [q(WEBGL_UTIL, "throw new Error('Requested texture size ' + requested + ' is invalid.');")])

# ------------------------------------------------------------------------------------------------ tfjs-node

NODE_IMAGE = "tfjs-node/src/image.ts"
BINDING = "tfjs-node/binding/tfjs_backend.cc"
UTILS_H = "tfjs-node/binding/utils.h"
SAVED = "tfjs-node/src/saved_model.ts"
NODE_INDEX = "tfjs-node/src/index.ts"

T = "Expected image (BMP, JPEG, PNG, or GIF), but got unsupported image type"
add(T, lit(T), src(NODE_IMAGE, "image.ts:295 tf.node.decodeImage"), "encoded_image_string_mismatch",
    "tf.node.decodeImage got bytes that are not a BMP, JPEG, PNG or GIF file (a WebP / HEIC image, a base64 or data: "
    "string not decoded to bytes, an HTML error page, an empty buffer)",
    "Give tf.node.decodeImage the image file's raw bytes (fs.readFileSync(path), or Buffer.from(b64, 'base64') without "
    "the 'data:image/…;base64,' prefix) of a BMP / JPEG / PNG / GIF; convert other formats first (e.g. "
    "sharp(buf).png())",
    "Error: Expected image (BMP, JPEG, PNG, or GIF), but got unsupported image type",
    [q(NODE_IMAGE, "'Expected image (BMP, JPEG, PNG, or GIF), but got unsupported ' +", "'image type');")])

T = "Failed to load SavedModel: {message}"
add(T, r"Failed to load SavedModel: ?(?P<message>[^\n]{0,300})", src(BINDING, "tfjs_backend.cc:995 LoadSavedModel"),
    "model_load_failed",
    "tfjs-node (tf.node.loadSavedModel) could not load the SavedModel with its bundled TensorFlow C library; the "
    "TensorFlow message after the colon names the cause (read first when explain knows it: an op the bundled "
    "TensorFlow does not have, a missing file or tag)",
    "Read the TensorFlow message after 'Failed to load SavedModel:'; check the model with saved_model_cli show --dir "
    "DIR --all, and that the TensorFlow tfjs-node bundles (libtensorflow, node_modules/@tensorflow/tfjs-node/deps) is "
    "as new as the TensorFlow that exported it (upgrade @tensorflow/tfjs-node)",
    "Error: Failed to load SavedModel: Unknown: the SavedModel's restore op failed",
    [q(BINDING, "NAPI_THROW_ERROR(env, \"Failed to load SavedModel: %s\",")])

T = "Session fail to run with error: {message}"
add(T, r"Session fail to run with error: ?(?P<message>[^\n]{0,300})",
    src(BINDING, "tfjs_backend.cc:1177 RunSavedModel"),
    None, NODE_WRAPPER + " (the SavedModel's session failed while running the prediction)", None,
    "Error: Session fail to run with error: Some opaque failure at node 'x'",
    [q(BINDING, "NAPI_THROW_ERROR(env, \"Session fail to run with error: %s\",")])

T = "Invalid TF_Status: {code}\nMessage: {message}"
add(T, r"Invalid TF_Status: (?P<code>\d{1,2})\s{0,4}Message: ?(?P<message>[^\n]{0,300})",
    src(UTILS_H, "utils.h:86 EnsureTFOK"), None, NODE_WRAPPER + " (an op tfjs-node ran through TensorFlow failed)",
    None, "Error: Invalid TF_Status: 13\nMessage: Something went wrong in the op",
    [q(UTILS_H, "\"Invalid TF_Status: %u\\nMessage: %s\",")])

T = "Length of input op names ({n}) does not match the length of input tensors ({m})."
add(T, pat(T, n=r"\d{1,4}", m=r"\d{1,4}"), src(BINDING, "tfjs_backend.cc:1080 RunSavedModel"), KEYS,
    "a tfjs-node SavedModel (tf.node.loadSavedModel) was given another number of input tensors than its signature "
    "has inputs", "Give TFSavedModel.predict one tensor per signature input, as a dict keyed by the signature's input "
    "names (model.inputs / saved_model_cli show --dir DIR --all list them) when it has several",
    "Error: Length of input op names (2) does not match the length of input tensors (1).",
    [q(BINDING, "\"Length of input op names (%d) does not match the length \"", "\"of input tensors (%d).\",")])

T = "execute() of TFSavedModel is not supported yet."
add(T, lit(T), src(SAVED, "saved_model.ts:366 TFSavedModel.execute"), "wrong_api_or_input_format",
    "tf.node.loadSavedModel's model was called with execute(), which it does not have: a TFSavedModel runs through "
    "predict()", "Call model.predict(inputs) on a TFSavedModel (tf.node.loadSavedModel); for execute() with named "
    "outputs, convert the SavedModel with tensorflowjs_converter and load it with tf.loadGraphModel",
    "Error: execute() of TFSavedModel is not supported yet.",
    [q(SAVED, "throw new Error('execute() of TFSavedModel is not supported yet.');")])

T = "Could not initialize TensorFlow backend."
add(T, lit(T), src(NODE_INDEX, "index.ts:78 (module load)"), None,
    "tfjs-node's native TensorFlow backend did not start (its libtensorflow could not be loaded or registered): an "
    "installation problem of @tensorflow/tfjs-node (npm rebuild @tensorflow/tfjs-node --build-from-source, a Node / "
    "OS / CPU it has no binary for), not about the request or model", None,
    "Error: Could not initialize TensorFlow backend.",
    [q(NODE_INDEX, "throw new Error(`Could not initialize TensorFlow backend.`);")])

# ------------------------------------------------------------------------------------------------ converter (Python)

SM_CONV = "tfjs-converter/python/tensorflowjs/converters/tf_saved_model_conversion_v2.py"
CONVERTER = "tfjs-converter/python/tensorflowjs/converters/converter.py"
H5_CONV = "tfjs-converter/python/tensorflowjs/converters/keras_h5_conversion.py"
WRITE = "tfjs-converter/python/tensorflowjs/write_weights.py"

T = "Unsupported Ops in the model after optimization\n{ops}"
add(T, r"Unsupported Ops in the model after optimization\s{0,4}(?P<op>[^\n]{0,300})",
    src(SM_CONV, "tf_saved_model_conversion_v2.py:208 validate (after Grappler)"), VERSION,
    "tensorflowjs_converter found ops TensorFlow.js has no kernel for in the graph it optimized (ops Grappler's "
    "rewrites produced, or ops the model uses that tfjs does not implement)", CONVERTER_OPS_FIX,
    "ValueError: Unsupported Ops in the model after optimization\n_MklFusedMatMul",
    [q(SM_CONV, "raise ValueError('Unsupported Ops in the model after optimization\\n' +")])

T = 'Signature "{name}" does not exist in the saved model'
add(T, pat(T, name=r"[^\"\n]{0,120}"), src(SM_CONV, "tf_saved_model_conversion_v2.py:592 _find_signature"),
    "signature_not_found",
    "tensorflowjs_converter was given a --signature_name the SavedModel does not have",
    "List the SavedModel's signatures (saved_model_cli show --dir DIR --all) and pass an existing one as "
    "--signature_name (serving_default when the model was exported with one), or export one",
    'ValueError: Signature "serving" does not exist in the saved model',
    [q(SM_CONV, "raise ValueError('Signature \"%s\" does not exist in the saved model'")])

T = "Expected Keras version 2; got Keras version {version}"
add(T, pat(T, version=r"[\w.-]{1,40}"), src(H5_CONV, "keras_h5_conversion.py:129 _check_version"), VERSION,
    "tensorflowjs_converter --input_format=keras reads .h5 files saved by Keras 2 and this one says another Keras "
    "version (Keras 3, or Keras 1)",
    "Save the model with Keras 2 (pip install tf_keras; TF_USE_LEGACY_KERAS=1, tf_keras.models.save_model(m, "
    "'model.h5')) before converting it, or convert a Keras 3 model as a .keras file (--input_format=keras_keras) or "
    "a SavedModel (model.export, --input_format=tf_saved_model)",
    "ValueError: Expected Keras version 2; got Keras version 3.3.3",
    [q(H5_CONV, "'Expected Keras version 2; got Keras version %s' % keras_version)")])

T = "The input path is expected to contain valid JSON content, but cannot read valid JSON content from {path}."
add(T, lit("is expected to contain valid JSON content, but cannot read valid JSON content from ") +
    r"(?P<path>[^\s'\"]{1,300}?)\.?(?=\s|$)", src(CONVERTER, "converter.py:158,168,324,441,511,599"), FILES,
    "tensorflowjs_converter was given a path that is not the JSON file it reads there (a tfjs_layers_model's "
    "model.json, a Keras config / metadata JSON): another file, a directory, or a file that is not JSON",
    "Give tensorflowjs_converter the model.json the converter wrote (for --input_format=tfjs_layers_model) or the JSON "
    "files it asks for, as paths to the files themselves",
    "ValueError: For input_type=tfjs_layers_model, the input path is expected to contain valid JSON content, but "
    "cannot read valid JSON content from web_model/group1-shard1of1.bin.",
    [q(CONVERTER, "\"The input path is expected to contain valid JSON content, \"",
       "\"but cannot read valid JSON content from %s.\" % config_json_path")])

T = 'The --output_node_names flag is required for "tf_frozen_model"'
add(T, lit(T), src(CONVERTER, "converter.py:931 _parse_args"), "wrong_api_or_input_format",
    "tensorflowjs_converter --input_format=tf_frozen_model needs the graph's output node names, and none were given",
    "Pass --output_node_names with the frozen graph's output nodes (comma separated, as in the GraphDef: e.g. "
    "'Identity' or 'detection_boxes,detection_scores'), or convert the SavedModel instead (--input_format="
    "tf_saved_model), whose signature names them",
    'ValueError: The --output_node_names flag is required for "tf_frozen_model"',
    [q(CONVERTER, "'The --output_node_names flag is required for \"tf_frozen_model\"')")])

T = "Error dumping weight {name}, dtype {dtype} not supported."
add(T, pat(T, name=r"[^,\n]{1,200}", dtype=r"\w{1,20}"), src(WRITE, "write_weights.py:377 _assert_valid_weight_entry"),
    DTYPE,
    "the model has a weight (or constant) of a dtype TensorFlow.js has no type for (float64, int64, int8 …), so the "
    "converter cannot write it", "Cast the model's weights to a dtype TensorFlow.js has (float32 / int32) before "
    "exporting (build the model in float32: tf.keras.backend.set_floatx('float32'), tf.cast constants), then convert "
    "again", "ValueError: Error dumping weight dense/kernel, dtype float64 not supported.",
    [q(WRITE, "raise ValueError('Error dumping weight ' + name + ', dtype ' +", "' not supported.')")])

T = "Error dumping weights, duplicate weight name {name}"
add(T, pat(T, name=r"[^\s,;]{1,200}"), src(WRITE, "write_weights.py:346 write_weights"), WEIGHTS,
    "two of the model's weights carry the same name in what the converter reads, so their values cannot be told "
    "apart in the weight files (layers or nested models sharing names, or weights named without their layer's "
    "prefix)", "Give every layer of the model a unique name (a nested model's layers too), save and convert it again; "
    "or convert it as a SavedModel (model.export / tf.saved_model.save, --input_format=tf_saved_model)",
    "Exception: Error dumping weights, duplicate weight name kernel",
    [q(WRITE, "'Error dumping weights, duplicate weight name ' + name)")])


# ------------------------------------------------------------------------------------------------ checks


def check_quotes() -> int:
    """Every row's pieces are in its files at their commits (mirrors not on this machine are skipped); returns how
    many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES, lambda repo, commit, path: mirror_text(repo, commit, path, WHO))


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources (git mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
