"""Client runtimes of a trained Keras / TensorFlow model for explain's message index (#15): what TensorFlow.js
(converter's graph executor, tfjs-layers' deserialization and input checks, tfjs-core's op asserts and weight
loading), cppflow, the R packages keras and tensorflow, and tf2onnx say when they load or run a model, read from their
sources at a named commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for
the error sites (``throw new Error`` / ``ValueError`` / ``util.assert``, ``std::runtime_error``, R's ``stop()``,
tf2onnx's ``logger.error``) that a person serving or loading a model meets: unknown ops and classes, config
deserialization, shape / rank / dtype asserts on inputs, weights that do not fit, loading paths, version
requirements, input and output names.

Each row is one message: its template, a pattern with named captures whose literal parts are the source's own text
(every placeholder a bounded class, linear time as the build script's docstring says), the file and commit it comes
from, its category (what the message means at its source) or, when it is not about the request or the model, a
``reading``.  Each row also names the pieces of its source text (``QUOTES``): when the git mirror of the source is on
this machine (``/work/.mirror/<owner>+<name>/repo``), the build checks every piece is in that file at that commit, so
a row cannot drift from what the source writes.

    python scripts/explain_index_clients.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, SHAPE, examples_match, lit, mirror_text, quoted, rows_quoted  # noqa: E402,F401
from explain_index_runtimes import row_entries  # noqa: E402

WHO = "explain_index_clients"

TFJS_REPO, TFJS_COMMIT = "tensorflow/tfjs", "0fc04d958ea5"
TFJS_LAYERS_REPO, TFJS_LAYERS_COMMIT = "tensorflow/tfjs-layers", "67b7db72c6f0"
"""tfjs-layers before v0.13 (the parent of #332, which let Sequential.fromConfig read TF 1.11's config format)."""
CPPFLOW_REPO, CPPFLOW_COMMIT = "serizba/cppflow", "9f2ea57"
"""cppflow 1 (src/Model.cpp, src/Tensor.cpp: TF 1.x graphs through the C API), before cppflow 2's model.h."""
CPPFLOW2_COMMIT = "99e04d7045af"
RKERAS_REPO, RKERAS_COMMIT = "rstudio/keras", "v2.13.0"
RKERAS_HEAD = "8d33e070a76c"
RTF_REPO, RTF_COMMIT = "rstudio/tensorflow", "0ffad97cc54f"
TF2ONNX_REPO, TF2ONNX_COMMIT = "onnx/tensorflow-onnx", "6537fcb2ee98"
KERASJS_REPO, KERASJS_COMMIT = "transcranial/keras-js", "7713c554f062"
DEEPSPEECH_REPO, DEEPSPEECH_COMMIT = "mozilla/DeepSpeech", "6913ae817bc0"
EDGETPU_REPO, EDGETPU_COMMIT = "google-coral/libedgetpu", "e35aed18fea2"
TFJAVA_REPO, TFJAVA_COMMIT = "tensorflow/java", "58a19434ad41"
TFJAVA_FUNCTION = "tensorflow-core/tensorflow-core-api/src/main/java/org/tensorflow/ConcreteFunction.java"
BENTOML_REPO, BENTOML_COMMIT = "bentoml/BentoML", "32230a5276a8"
ORT_REPO = "microsoft/onnxruntime"
ORT_SESSION = "bdbeedaf4729"
"""onnxruntime/core/session/inference_session.cc (ValidateInputs, CheckShapes, CheckTypes, ValidateOutputs)."""
ORT_MODEL = "5648764bfbed"
"""onnxruntime/core/graph/model.cc (Model::Model, Model::Load, LoadModelHelper)."""
MLFLOW_REPO, MLFLOW_COMMIT = "mlflow/mlflow", "6156b76e80dd"
"""mlflow/models/utils.py: pyfunc's schema enforcement (_enforce_tensor_spec, _enforce_mlflow_datatype,
_enforce_named_col_schema's caller), which `mlflow models serve` and every pyfunc model (keras / tensorflow flavors)
run on each request."""
TFRS_REPO, TFRS_COMMIT = "tensorflow/recommenders", "cf1dafa988f2"
TFP_REPO, TFP_COMMIT = "tensorflow/probability", "c847a4160de3"
ORT_PYTHON = "dbbfd9e79e38"
"""onnxruntime/python/onnxruntime_inference_collection.py (Session._validate_input)."""


def src(repo: str, commit: str, path: str, where: str = "") -> str:
    return f"github.com/{repo}@{commit} {path}" + (f" ({where})" if where else "")


TFJS_CONV = ("tensorflowjs_converter of a version as new as the runtime's (pip install tensorflowjs==X to match "
             "@tensorflow/tfjs X)")
TFJS_RUNTIME_OLD_FIX = ("The TensorFlow.js runtime is older than the converter (or the TensorFlow / Keras) that wrote "
                        "the model: upgrade @tensorflow/tfjs (and tfjs-node / tfjs-react-native) to the converter's "
                        "version, or convert again with a " + TFJS_CONV)
TFJS_WEIGHTS_FIX = ("Load the model.json together with the weight files written by the same conversion (same "
                    "directory, the group*-shard*.bin files model.json lists, none renamed or missing); convert the "
                    "model again with a tensorflowjs_converter of the runtime's version when the weight names differ "
                    "(a Keras / TF upgrade renames layers' weights), and do not mix a model.json with another "
                    "model's weights")
TFJS_INPUT_SHAPE_FIX = ("Give the model tensors of its input shape (model.inputs[0].shape; null is the batch): a "
                        "batch of images [n, h, w, c] — tf.expandDims(img, 0) adds the batch axis to one image, "
                        "tf.image.resizeBilinear(img, [h, w]) resizes it, tf.browser.fromPixels(img, 3) keeps 3 "
                        "channels")
CPPFLOW1_GRAPH_FIX = ("cppflow 1 (Model(\"graph.pb\") with init / restore) runs TensorFlow 1.x graphs through a TF 1.x "
                      "C library: a TensorFlow 2 SavedModel or a graph exported by TF 2 has no such ops. Use cppflow 2 "
                      "(cppflow::model(\"saved_model_dir\")) with a TF 2 C library for a TF 2 model, or export the "
                      "graph with the TF 1.x version of the C library (tf.compat.v1 graph with its init op and a "
                      "Saver)")
R_TF_OLD_FIX = ("The Python TensorFlow / Keras that R's keras package runs (reticulate::py_config() shows which) is "
                "older than this needs: install a newer one into that environment (keras::install_keras() / "
                "tensorflow::install_tensorflow(version = ...)) and restart the R session, or point reticulate at "
                "the environment that has it (reticulate::use_virtualenv / use_condaenv before loading keras)")
R_ENV_READING = ("R (reticulate) found no usable Python TensorFlow / Python package in the environment it loaded: "
                 "an installation problem of R's Python environment (tensorflow::install_tensorflow(), "
                 "reticulate::use_virtualenv / use_condaenv, restart R): not about the request or model")

# template | pattern | source | category (None: not about the request or model) | meaning or reading | fix | example
# (| decider)
TFJS_ROWS = [
    # ---- tfjs-converter: the graph model's executor ----
    ("Unknown op '{op}'",
     # the message cut after the op's name (a copy of its first line): an op name is CamelCase
     r"\bUnknown op '(?P<op>[A-Z][A-Za-z0-9_]{1,119})'(?!\. File an issue)",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/operations/operation_executor.ts:115", "executeOp, default "
         "case; the message cut after the op's name"), "runtime_version_mismatch",
     "the TensorFlow.js runtime has no kernel for an op of the converted graph model: the runtime is older than the "
     "converter that wrote the model (an op added later, e.g. NonMaxSuppressionV5 before tfjs 1.5.1), or the op is "
     "one tfjs does not implement", TFJS_RUNTIME_OLD_FIX + "; an op tfjs does not implement at all must be replaced "
     "before converting, or registered with tf.registerOp()",
     "Unknown op 'NonMaxSuppressionV5'"),
    ("Custom op {op} is not registered.",
     r"Custom op (?P<op>[\w.>-]{1,120}) is not registered",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/operations/operation_executor.ts:111", "executeOp, 'custom' "
         "category"), "runtime_version_mismatch",
     "the converted graph holds an op that tfjs runs only through a custom executor (converted with "
     "--skip_op_check, or a TensorFlow op tfjs does not implement), and none was registered before executing",
     "Register the op's executor with tf.registerOp('OpName', node => ...) before model.execute / executeAsync, or "
     "convert the model without that op (replace it before exporting, or use ops tfjs implements: the converter "
     "without --skip_op_check lists the unsupported ones)",
     "Error: Custom op FusedBatchNormV3 is not registered."),
    ("Input tensor count mismatch, the graph model has {n} non-resource placeholders, while there are {m} input "
     "tensors provided.",
     r"Input tensor count mismatch, ?the graph model has (?P<want>\d{1,4}) non-resource placeholders, ?while there "
     r"are (?P<got>\d{1,4}) input tensors provided",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_model.ts:430", "GraphModel.normalizeInputs"),
     "input_keys_mismatch",
     "a TensorFlow.js graph model was given another number of input tensors than its graph has inputs (an array of "
     "tensors is matched to the inputs by position)",
     "Give execute / executeAsync / predict one tensor per model input (model.inputs lists them, in order), or a "
     "named map {[model.inputs[i].name]: tensor}; a model with several inputs (e.g. input_ids, attention_mask) needs "
     "all of them",
     "Error: Input tensor count mismatch, the graph model has 3 non-resource placeholders, while there are 1 input "
     "tensors provided."),
    ("The output '{name}' is not found in the graph",
     r"The output '(?P<output>[^'\n]{1,200})' is not found in the graph",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts:769", "checkOutputs"),
     "input_keys_mismatch",
     "model.execute / executeAsync was asked for an output name the converted graph does not have (a Keras layer "
     "name or a signature output key where the graph's node name is needed)",
     "Ask for the graph's output node names (model.outputs[i].name, or model.outputNodes), or leave the output "
     "argument out to get the signature's outputs",
     "Error: The output 'detection_boxes' is not found in the graph"),
    ("Cannot compute the outputs [{outputs}] from the provided inputs [{inputs}]. Consider providing the following "
     "inputs: [{missing}]. {alternative}",
     r"Cannot compute the outputs \[[^\]\n]{0,400}\] from the provided inputs \[[^\]\n]{0,400}\]\. ?Consider "
     r"providing the following inputs: ?\[(?P<input>[^\]\n]{0,400})\]",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts:599", "executeWithControlFlow"),
     "input_keys_mismatch",
     "a TensorFlow.js graph model with control flow (executeAsync) was not given every input its outputs depend on",
     "Feed every input the graph has (model.inputs lists their names) as a named map to executeAsync, e.g. "
     "{input_ids: t1, attention_mask: t2}",
     "Error: Cannot compute the outputs [Identity:0] from the provided inputs [input_1]. Consider providing the "
     "following inputs: [input_2]. "),
    ("The execution of the op '{op}' returned a promise. Please use model.executeAsync() instead.",
     r"The execution of the op '(?P<op>[^'\n]{1,120})' returned a promise\. ?Please use model\.executeAsync\(\)",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts:298", "execute"),
     "wrong_api_or_input_format",
     "a TensorFlow.js graph model whose ops run asynchronously (NonMaxSuppression, Where, hash tables) was run with "
     "the synchronous model.execute() / predict()",
     "Run the model with await model.executeAsync(inputs) (not predict() / execute())",
     "Error: The execution of the op 'NonMaxSuppressionV5' returned a promise. Please use model.executeAsync() "
     "instead."),
    # ---- tfjs-core's io: what the loader got is no converted model ----
    ("The JSON from HTTP path {path} contains neither model topology or manifest for weights.",
     r"The JSON from HTTP path (?P<path>[^\s]{1,300}) contains neither model topology or manifest for weights",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/io/http.ts:172", "HTTPRequest.load"), "savedmodel_not_found",
     "tf.loadGraphModel / loadLayersModel fetched a JSON file that is not the converter's model.json (another JSON: a "
     "Keras config, a label map, a package.json)",
     "Give loadGraphModel / loadLayersModel the model.json written by tensorflowjs_converter (it has "
     "'modelTopology' and 'weightsManifest'); a SavedModel, .h5 or Keras JSON must first be converted",
     "Error: The JSON from HTTP path /model/labels.json contains neither model topology or manifest for weights."),
    ("Model JSON is missing '{modelTopology|weightsManifest}'",
     r"Model JSON is missing '(?:modelTopology|weightsManifest)'",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_model.ts:676,679", "loadGraphModelSync"),
     "savedmodel_not_found",
     "tf.loadGraphModelSync was given a JSON object that is not the converter's model.json",
     "Give loadGraphModelSync the parsed model.json of tensorflowjs_converter (with 'modelTopology' and "
     "'weightsManifest') and its weights as one ArrayBuffer",
     "Error: Model JSON is missing 'weightsManifest'"),
    ("Could not find weights in manifest with names: {names}. Manifest JSON has weights with names: {names}.",
     r"Could not find weights in manifest with names: ?(?P<variable>[^\s,.]{1,200})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/io/weights_loader.ts:218", "loadWeights"), "variables_not_restored",
     "the weights manifest has no entry for weights the model asks for: the model.json and its weights come from "
     "different conversions (or a converter of another version named them otherwise)", TFJS_WEIGHTS_FIX,
     "Error: Could not find weights in manifest with names: conv2d/kernel, conv2d/bias. \nManifest JSON has weights "
     "with names: conv2d_1/kernel, conv2d_1/bias."),
    # ---- tfjs-layers: a Keras model's config and weights ----
    ("Sequential.fromConfig called without an array of configs",
     lit("Sequential.fromConfig called without an array of configs"),
     src(TFJS_LAYERS_REPO, TFJS_LAYERS_COMMIT, "src/models.ts:831", "Sequential.fromConfig, tfjs-layers before "
         "0.13 / tfjs before 0.13.2"), "runtime_version_mismatch",
     "tfjs-layers older than 0.13 reads a Sequential model's config only as a list of layers; Keras in TensorFlow "
     "1.11+ (and Keras 2.2.3+) writes it as {name, layers}: the runtime is older than the Keras that saved the model",
     "Upgrade @tensorflow/tfjs to 0.13.2 or later (any 1.x+ reads both config forms), or save the model with the "
     "Keras of the runtime's time",
     "Uncaught (in promise) Error: Sequential.fromConfig called without an array of configs\n    at new e "
     "(tfjs@0.12.0:1)"),
    ("Legacy serialization format not supported yet.",
     lit("Legacy serialization format not supported yet"),
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/models.ts:1011", "Sequential.fromConfig"),
     "runtime_version_mismatch",
     "TensorFlow.js cannot read a Sequential model saved in Keras 1's format (layers without className, or a "
     "Merge layer)",
     "Load the model in a Keras 2 / tf.keras, save it again (model.save) and convert that file with "
     "tensorflowjs_converter; replace Merge layers with Concatenate / Add first",
     "Error: Legacy serialization format not supported yet."),
    ("Provided weight data has no target variable: {name}",
     r"Provided weight data has no target variable: ?(?P<variable>[^\s'\"]{1,200})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/container.ts:643", "Container.loadWeights, strict"),
     "variables_not_restored",
     "the weight files name a weight the tfjs-layers model does not have: model.json and weights from different "
     "models or conversions, or layer names that changed between the Keras that saved and the converter that read "
     "the model", TFJS_WEIGHTS_FIX,
     "Error: Provided weight data has no target variable: batch_normalization_1/gamma"),
    ("{n} of {m} weights are not set: {names}",
     r"(?P<got>\d{1,6}) of (?P<want>\d{1,6}) weights are not set: ?(?P<variable>[^\s,]{1,200})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/container.ts:656", "Container.loadWeights, strict"),
     "variables_not_restored",
     "loading a tfjs-layers model left some of its weights without values: the weight files lack them (a shard "
     "missing, or weights of another model)", TFJS_WEIGHTS_FIX,
     "Error: 2 of 8 weights are not set: dense_2/kernel,dense_2/bias"),
    ("Layer weight shape {shape} not compatible with provided weight shape {shape}",
     r"Layer weight shape (?P<want_shape>[\d,\s]{0,80}) not compatible with provided weight shape "
     r"(?P<got_shape>[\d,\s]{0,80})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts:1244", "Layer.setWeights"),
     "variables_not_restored",
     "a weight in the files has another shape than the tfjs-layers model's layer: the weights belong to another "
     "model (another input size or class count), or the model was built otherwise than the one trained",
     TFJS_WEIGHTS_FIX,
     "Error: Layer weight shape 3,3,3,32 not compatible with provided weight shape 3,3,1,32"),
    ("Input {i} is incompatible with layer {name}: expected {ndim|min_ndim|max_ndim}={n}, found ndim={m}",
     r"Input \d{1,3} is incompatible with layer [^\s:]{1,200} ?: expected (?:min_|max_)?ndim=(?P<want_rank>\d{1,2}), "
     r"found ndim=(?P<got_rank>\d{1,2})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts:776,783,790", "Layer.assertInputCompatibility"),
     "input_shape_mismatch",
     "a tfjs-layers model got a tensor of another rank than its layer takes (most often one image without its "
     "batch axis)", TFJS_INPUT_SHAPE_FIX,
     "Error: Input 0 is incompatible with layer conv2d_Conv2D1: expected ndim=4, found ndim=3", "rank"),
    ("Input {i} is incompatible with layer {name}: expected axis {axis} of input shape to have value {v} but got "
     "shape {shape}.",
     r"Input \d{1,3} is incompatible with layer [^\s:]{1,200} ?: expected axis -?\d{1,2} of input shape to have value "
     r"(?P<want>\d{1,9}) but got shape (?P<got_shape>[\d,\s]{0,80})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts:817", "Layer.assertInputCompatibility"),
     "input_shape_mismatch",
     "a tfjs-layers layer got a tensor whose size on one axis (the features of a Dense layer, the channels of a "
     "conv) differs from the one it was built for", TFJS_INPUT_SHAPE_FIX,
     "Error: Input 0 is incompatible with layer dense_Dense1: expected axis -1 of input shape to have value 784 but "
     "got shape 1,28,28."),
    ("Input {i} is incompatible with layer {name}: expected shape={shape}, found shape={shape}.",
     r"Input \d{1,3} is incompatible with layer [^\s:]{1,200} ?: expected shape=(?P<want_shape>[\d,\s]{0,80}), found "
     r"shape=(?P<got_shape>[\d,\s]{0,80})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts:832", "Layer.assertInputCompatibility"),
     "input_shape_mismatch", "a tfjs-layers layer got a tensor of another shape than its input spec",
     TFJS_INPUT_SHAPE_FIX,
     "Error: Input 0 is incompatible with layer lstm_LSTM1: expected shape=,10,8, found shape=1,12,8."),
    ("Layer {name} expects {n} inputs, but it received {m} input tensors.",
     r"Layer [^\s]{1,200} expects (?P<want>\d{1,4}) inputs?, but it received (?P<got>\d{1,4}) input tensors",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts:760", "Layer.assertInputCompatibility"),
     "input_keys_mismatch",
     "a tfjs-layers model (or layer) got another number of input tensors than it has inputs",
     "Give predict() one tensor per model input, as an array in the order of model.inputs (a single tensor for a "
     "one-input model, not an array of examples: stack examples into one batch tensor with tf.stack)",
     "Error: Layer model expects 2 inputs, but it received 1 input tensors. Input received: [object Object]"),
    # ---- tfjs-core's op asserts ----
    ("Operands could not be broadcast together with shapes {a} and {b}.",
     r"Operands could not be broadcast together with shapes (?P<a_shape>[\d,\s]{0,80}) and "
     r"(?P<b_shape>[\d,\s]{0,80})",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/broadcast_util.ts:79", "assertAndGetBroadcastShape"),
     "input_shape_mismatch",
     "a TensorFlow.js elementwise op (add, mul, sub: often the model's normalisation or a bias) got tensors whose "
     "shapes do not broadcast: the input's size or channels differ from what the model or the preprocessing expects",
     "Give the model input of its own shape (model.inputs[0].shape): resize the image (tf.image.resizeBilinear), "
     "keep 3 channels (tf.browser.fromPixels(img, 3)) and add the batch axis (expandDims(0)) before predict",
     "Error: Operands could not be broadcast together with shapes 1,224,224,4 and 3."),
    ("Error in {fused }matMul: inner shapes ({a}) and ({b}) of Tensors with shapes {a} and {b} and transposeA={t} "
     "and transposeB={t} must match.",
     r"Error in (?:fused )?matMul: ?inner shapes \((?P<got>\d{1,9})\) and \((?P<want>\d{1,9})\) of Tensors with "
     r"shapes (?P<a_shape>[\d,\s]{0,80}) and (?P<b_shape>[\d,\s]{0,80}) and transposeA",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/fused/mat_mul.ts:108", "fusedMatMul; matMul says the same "
         "without 'fused'"), "input_shape_mismatch",
     "a TensorFlow.js Dense / MatMul got rows of another width than its weights take (features per example: an "
     "image not flattened or of another size)",
     "Give the model rows of its input width (model.inputs[0].shape): flatten or reshape each example to it "
     "(x.reshape([batch, features])) and keep the preprocessing of training",
     "Error: Error in fused matMul: inner shapes (2352) and (784) of Tensors with shapes 1,2352 and 784,128 and "
     "transposeA=false and transposeB=false must match."),
    ("Error in concat{rank}D: Shape of tensors[{i}] ({shape}) does not match the shape of the rest ({shape}) along "
     "the non-concatenated axis {i}.",
     r"Error in concat\dD: ?Shape of tensors\[\d{1,4}\] \((?P<a_shape>[\d,\s]{0,80})\) does not match the shape of "
     r"the rest \((?P<b_shape>[\d,\s]{0,80})\)",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/concat_util.ts:39", "assertParamsConsistent"),
     "input_shape_mismatch",
     "a TensorFlow.js concat got tensors that differ in an axis other than the joined one (inputs of two "
     "different sizes, or a batch stacked from examples of different shapes)",
     "Bring every tensor to the same shape except on the joined axis (resize the images to one size before "
     "tf.concat / tf.stack; the model's inputs need the sizes model.inputs gives)",
     "Error: Error in concat4D: Shape of tensors[1] (1,300,300,3) does not match the shape of the rest "
     "(1,224,224,3) along the non-concatenated axis 1."),
    ("Error in {op}: x must be rank {n} or {m}, but got rank {k}.",
     r"Error in (?P<op>\w{1,40}): ?(?:x|images?) must be rank (?P<want_rank>\d) or \d, but got rank (?P<got_rank>\d)",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/image/resize_bilinear.ts:54", "and resize_nearest_neighbor.ts"),
     "input_shape_mismatch",
     "a TensorFlow.js image op (resizeBilinear, resizeNearestNeighbor) got a tensor that is neither one image "
     "[h, w, c] nor a batch [n, h, w, c] (a flat array, a grayscale image without its channel axis, or a batch of "
     "batches)",
     "Give the image op an image tensor: tf.browser.fromPixels(img) gives [h, w, 3]; reshape flat pixel data to "
     "[h, w, c] first (a grayscale image [h, w] needs expandDims(-1)), and drop an extra leading axis (squeeze) "
     "before resizing",
     # no rank decider: the op takes an image with or without its batch axis, so a rank short is no batch level
     "Error: Error in resizeBilinear: x must be rank 3 or 4, but got rank 5."),
    ("pixels passed to tf.browser.fromPixels() can not be null",
     lit("pixels passed to tf.browser.fromPixels() can not be null"),
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/browser.ts:76", "fromPixels_"), "wrong_api_or_input_format",
     "tf.browser.fromPixels got null instead of an image, video, canvas or ImageData (an element not found, or "
     "read before it loaded)",
     "Pass fromPixels a loaded image element (await img.decode() or its onload), a video with data (readyState >= "
     "2), a canvas or ImageData; check document.getElementById found it",
     "Error: pixels passed to tf.browser.fromPixels() can not be null"),
    # ---- tfjs-node's native binding ----
    ("The Node.js native addon module (tfjs_binding.node) can not be found at path: {path}. Please run command 'npm "
     "rebuild @tensorflow/tfjs-node --build-addon-from-source' to rebuild the native addon module.",
     r"The Node\.js native addon module \(tfjs_binding\.node\) can not be found at path",
     src(TFJS_REPO, TFJS_COMMIT, "tfjs-node/src/index.ts:41", "module load"), None,
     "tfjs-node's native TensorFlow binding was not built or downloaded for this platform / Node version when the "
     "package was installed: an installation problem of @tensorflow/tfjs-node (npm rebuild @tensorflow/tfjs-node "
     "--build-addon-from-source, a Node version the release supports, the Windows build tools): not about the "
     "request or model", None,
     "Error: The Node.js native addon module (tfjs_binding.node) can not be found at path: C:\\app\\node_modules\\"
     "@tensorflow\\tfjs-node\\lib\\napi-v8\\tfjs_binding.node. \nPlease run command 'npm rebuild "
     "@tensorflow/tfjs-node --build-addon-from-source' to rebuild the native addon module."),
]

TFJS_CONVERTER = "tfjs-converter/python/tensorflowjs/converters/converter.py"
TFJS_FORMAT_FIX = ("Give tensorflowjs_converter the --input_format of what the path holds: a SavedModel directory "
                   "with --input_format tf_saved_model (a graph model) or keras_saved_model, a .h5 file with "
                   "--input_format keras, a Keras 3 .keras file with --input_format keras_keras; the path must be "
                   "the file itself for keras / keras_keras and the directory for the SavedModel formats")
TFJS_CONVERTER_ROWS = [
    ("Expected path to point to an {HDF5|.keras} file, but it points to a directory: {path}",
     r"Expected path to point to an (?:HDF5|\.keras) file, but it points to a directory: ?(?P<path>[^\s'\"]{1,300})",
     src(TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER + ":80,137,222", "dispatch_keras_h5_to_tfjs_*_conversion, "
         "dispatch_keras_keras_to_tfjs_layers_model_conversion"), "savedmodel_not_found",
     "tensorflowjs_converter was told the input is a Keras file (--input_format keras / keras_keras, the default) "
     "and was given a directory (most often a SavedModel)", TFJS_FORMAT_FIX,
     "ValueError: Expected path to point to an HDF5 file, but it points to a directory: ./saved_model"),
    ("Nonexistent path to {HDF5|.keras} file: {path}",
     r"Nonexistent path to (?:HDF5|\.keras) file: ?(?P<path>[^\s'\"]{1,300})",
     src(TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER + ":78,135,220"), "savedmodel_not_found",
     "tensorflowjs_converter found no file at the Keras model path it was given",
     "Give tensorflowjs_converter the path of the saved .h5 / .keras file as seen from the working directory "
     "(ls it first); " + TFJS_FORMAT_FIX,
     "ValueError: Nonexistent path to HDF5 file: model/my_model.h5"),
    ("Unsupported input_format - output_format pair: {input_format} - {output_format}",
     r"Unsupported input_format - output_format pair: ?(?P<input_format>\w{1,40}) - (?P<output_format>\w{1,40})",
     src(TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER + ":722", "_dispatch_converter"), "wrong_api_or_input_format",
     "tensorflowjs_converter has no conversion between the --input_format and --output_format given (e.g. a "
     "SavedModel to tfjs_layers_model)",
     "Use a pair the converter supports: tf_saved_model / tf_hub / keras_saved_model -> tfjs_graph_model, keras / "
     "keras_keras -> tfjs_layers_model or tfjs_graph_model; to get a layers model from a SavedModel, load it in "
     "Keras and save it as .h5 / .keras first (tensorflowjs_converter --help lists the pairs)",
     "ValueError: Unsupported input_format - output_format pair: tf_saved_model - tfjs_layers_model"),
]

CPPFLOW_ROWS = [
    ("No operation named \"{op}\" exists",
     # cppflow 1's wording; copies of it often drop 'named' or the final s (a paraphrase of the same check)
     r"\bNo operation (?:named )?\"(?P<input>[^\"\n]{1,200})\" exists?\b",
     src(CPPFLOW_REPO, CPPFLOW_COMMIT, "src/Tensor.cpp:17", "Tensor::Tensor(model, operation); cppflow 2 "
         f"include/cppflow/model.h@{CPPFLOW2_COMMIT} says the same"), "input_keys_mismatch",
     "cppflow was given an operation name the loaded graph does not have: a TF 2 SavedModel's inputs are named "
     "serving_default_<input> and its output StatefulPartitionedCall; a graph built by TF 2 loaded into cppflow 1 "
     "(a TF 1.x C library) has none of the names a TF 1.x graph had",
     "List the graph's operations (cppflow 2: model.get_operations(); saved_model_cli show --dir DIR --all for a "
     "SavedModel) and use those names (serving_default_input_1, StatefulPartitionedCall); " + CPPFLOW1_GRAPH_FIX,
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  No operation named "
     "\"input_1\" exists"),
    ("Error: No operation named \"{init|save/restore_all|save/control_dependency}\" exists",
     # from the name on: the general entry above starts before it, and explain reads the latest match first
     r"(?<=No operation named \")(?P<op>init|save/restore_all|save/control_dependency\w?)\" exists",
     src(CPPFLOW_REPO, CPPFLOW_COMMIT, "src/Model.cpp:51,84,119", "Model::init, save, restore"),
     "runtime_version_mismatch",
     "cppflow 1 initialises and restores a model through the TF 1.x graph's init op and Saver ops; the graph has "
     "none: it was exported by TensorFlow 2 (or frozen), which cppflow 1 and its TF 1.x C library do not run",
     CPPFLOW1_GRAPH_FIX,
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Error: No operation named "
     "\"init\" exists"),
    ("Failed to import graph def from file",
     lit("Failed to import graph def from file"),
     src(CPPFLOW_REPO, CPPFLOW2_COMMIT, "include/cppflow/model.h:131", "model::model, TYPE::FROZEN_GRAPH"),
     "savedmodel_not_found",
     "cppflow 2 was told the file is a frozen graph (cppflow::model(path, FROZEN_GRAPH)) and TensorFlow could not "
     "read it as a GraphDef (a SavedModel's saved_model.pb, a wrong path, a Keras file)",
     "Load a SavedModel directory with cppflow::model(\"dir\") (the default SAVED_MODEL type); use FROZEN_GRAPH only "
     "for a frozen GraphDef .pb written by tf.io.write_graph of a frozen function",
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Failed to import graph def "
     "from file"),
]

R_ROWS = [
    ("TensorFlow version >= 2.0.0 is requires to load models in the SavedModel format.",
     r"TensorFlow version >= 2\.0\.0 is requires? to load models in the SavedModel format",
     src(RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R:117", "load_model_tf"), "runtime_version_mismatch",
     "R's keras::load_model_tf was given a SavedModel while the Python TensorFlow it runs is 1.x",
     R_TF_OLD_FIX, "Error in load_model_tf(\"model/\") : \n  TensorFlow version >= 2.0.0 is requires to load models "
     "in the SavedModel format."),
    ("Keras loaded from {implementation} v{version}, however version {required} is required. Please update with "
     "{command}.",
     r"Keras loaded from (?P<implementation>[\w .]{1,60}) v(?P<got>[\d.]{1,20}), however version "
     r"(?P<want>[\d.]{1,20}) is required",
     src(RKERAS_REPO, RKERAS_HEAD, "R/package.R:230", "check_implementation_version"), "runtime_version_mismatch",
     "R's keras package needs a newer Python Keras / TensorFlow than the one reticulate loaded", R_TF_OLD_FIX,
     "Error: Keras loaded from keras Python module v2.0.5, however version 2.0.0 is required. Please update with "
     "keras::install_keras()."),
    ("TensorFlow version >= 1.14 is required. Use export_savedmodel {…}",
     r"TensorFlow version >= 1\.14 is required\. Use export_savedmodel",
     src(RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R", "model_to_saved_model / model_from_saved_model"),
     "runtime_version_mismatch",
     "R's keras model_to_saved_model / model_from_saved_model need TensorFlow 1.14+ in the Python it runs",
     R_TF_OLD_FIX,
     "Error in model_to_saved_model(model, \"export\") : \n  TensorFlow version >= 1.14 is required. Use "
     "export_savedmodel() if you need to export to SavedModel format on older versions."),
    ("The h5py Python package is required to save and load models",
     lit("The h5py Python package is required to save and load model"),
     src(RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R:40,107,178", "save_model_hdf5 / load_model_hdf5 / "
         "weights"), None, R_ENV_READING.replace("no usable Python TensorFlow / Python package", "no h5py"),
     None, "Error in load_model_hdf5(\"model.h5\") : \n  The h5py Python package is required to save and load "
     "models"),
    ("{Valid installation|Installation} of TensorFlow not found.",
     r"(?:Valid installation|Installation) of TensorFlow not found",
     src(RTF_REPO, RTF_COMMIT, "R/package.R:271", "tf_config_error_message; 'Installation of TensorFlow not found.' "
         "in older releases"), None, R_ENV_READING, None,
     "Error: Valid installation of TensorFlow not found.\n\nPython environments searched for 'tensorflow' package:\n "
     "/usr/bin/python3.8"),
    ("Failed to find 'pb' file under {dir}",
     r"Failed to find 'pb' file under (?P<path>[^\s'\"]{1,300})",
     src(RTF_REPO, RTF_COMMIT, "R/save.R:16", "view_savedmodel"), "savedmodel_not_found",
     "R's tensorflow::view_savedmodel found no (or more than one) .pb file under the directory it was given",
     "Give view_savedmodel the one SavedModel version directory (the folder holding saved_model.pb and variables/), "
     "not its parent with several versions nor a file",
     "Error in view_savedmodel(\"models\") : Failed to find 'pb' file under models"),
]

TF2ONNX_ROWS = [
    ("Tensorflow op [{node}: {op}] is not supported",
     r"Tensorflow op \[(?P<node>[^\s:\]]{1,200}): (?P<op>[\w.>-]{1,120})\] is not supported",
     src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tfonnx.py:263", "tensorflow_onnx_mapping; then 'Unsupported ops: "
         "Counter(...)' at :625"), "runtime_version_mismatch",
     "tf2onnx has no ONNX conversion for a TensorFlow op of the model at the chosen opset (an op newer than the "
     "converter, one that needs a higher --opset, or a custom op)",
     "Convert with a newer tf2onnx and a higher opset (python -m tf2onnx.convert --saved-model DIR --opset 17 "
     "--output model.onnx); for an op ONNX has no equivalent for, replace it before exporting or pass "
     "--extra_opset / a custom op handler",
     "ERROR - Tensorflow op [StatefulPartitionedCall/model/tf.image.resize/ResizeArea: ResizeArea] is not supported"),
    ("Opset {n} is not supported yet. Please use a lower opset",
     r"Opset (?P<want>\d{1,3}) is not supported yet\. ?Please use a lower opset",
     src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/graph.py:1207", "Graph.make_model"), "runtime_version_mismatch",
     "the installed onnx package is older than the opset tf2onnx was asked for", "Pass a lower --opset (one the "
     "installed onnx package supports) or upgrade onnx (pip install -U onnx) together with tf2onnx",
     "ValueError: make_sure failure: Opset 19 is not supported yet. Please use a lower opset"),
]

ORT_SHAPE_FIX = ("Feed each input the shape session.get_inputs()[i].shape gives (a string or None there is a free "
                 "size): add the batch axis (np.expand_dims(x, 0)), keep the layout the ONNX graph has — tf2onnx keeps "
                 "TensorFlow's NHWC [n, h, w, c], a PyTorch export is NCHW [n, c, h, w] (x.transpose(0, 3, 1, 2)) — "
                 "and resize images to its size")
ORT_ROWS = [
    ("Got invalid dimensions for input: {name} for the following indices\n index: 0 Got: {n} Expected: {m}\n "
     "Please fix either the inputs or the model.",
     # only the first (batch) index differs: the graph's batch size is a number; from the index on, so that this
     # reading comes before the general one below (explain reads the latest match first)
     r"(?<=indices[\n ])\s{0,3}index: 0 Got: (?P<got>\d{1,9}) Expected: (?P<want>\d{1,9})(?!\s{0,4}index: ?\d)",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::CheckShapes: "
         "a symbolic dimension (-1) is never reported, so index 0 alone is a batch size fixed in the graph"),
     "fixed_batch_size_in_graph",
     "ONNX Runtime got another batch size than the model's first dimension, which the graph fixes to a number "
     "(the converter was given a fixed batch: tf2onnx from a TensorSpec or Keras Input with batch_size, "
     "torch.onnx.export without dynamic_axes)",
     "Send exactly the batch size the graph fixes (Expected), one call per batch; or convert again with a free "
     "batch dimension: tf2onnx --saved-model with a None batch in the signature (or --inputs name:0[-1,...]), "
     "keras2onnx / tf2onnx.convert.from_keras with input_signature=(tf.TensorSpec((None, ...)),), torch.onnx.export "
     "with dynamic_axes={'input': {0: 'batch'}}",
     "onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Got "
     "invalid dimensions for input: input_1 for the following indices\n index: 0 Got: 8 Expected: 1\n Please fix "
     "either the inputs or the model."),
    ("Got invalid dimensions for input: {name} for the following indices\n index: {i} Got: {n} Expected: {m}\n "
     "Please fix either the inputs or the model.",
     r"Got invalid dimensions for input: ?(?P<input>[^\s]{1,200}) for the following indices",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::CheckShapes"),
     "input_shape_mismatch",
     "ONNX Runtime got an input whose size differs from the model's in the listed dimensions (an image of another "
     "size, channels first where the graph has them last, another feature count)", ORT_SHAPE_FIX,
     "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Got invalid dimensions for input: images for the following "
     "indices\n index: 1 Got: 224 Expected: 3\n index: 3 Got: 3 Expected: 224\n Please fix either the inputs or "
     "the model."),
    ("Invalid rank for input: {name} Got: {n} Expected: {m} Please fix either the inputs or the model.",
     r"Invalid rank for input: ?(?P<input>[^\s]{1,200}) Got: (?P<got_rank>\d{1,2}) Expected: (?P<want_rank>\d{1,2})",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::CheckShapes"),
     "input_shape_mismatch",
     "ONNX Runtime got an input of another rank than the model's (most often one example without its batch axis)",
     ORT_SHAPE_FIX,
     "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid rank for input: input_1 Got: 3 Expected: 4 Please fix "
     "either the inputs or the model.", "rank"),
    ("Unexpected input data type. Actual: (tensor({dtype})) , expected: (tensor({dtype}))",
     r"Unexpected input data type\. ?Actual: ?\((?:tensor|sparse_tensor|seq)?\(?(?P<got_dtype>\w{1,20})\)\) ?, "
     r"?expected: ?\((?:tensor|sparse_tensor|seq)?\(?(?P<want_dtype>\w{1,20})\)\)",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "CheckTypes"), "dtype_mismatch",
     "ONNX Runtime got an input array of another element type than the model's input (numpy's default float64 "
     "for a float32 input, int32 for int64 token ids)",
     "Cast each input to the model's type (session.get_inputs()[i].type: tensor(float) is np.float32, tensor(int64) "
     "is np.int64): x.astype(np.float32) — numpy makes float64 by default (np.array of Python floats, / 255.0)",
     "onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Unexpected input data type. Actual: (tensor(double)) , expected: (tensor(float))"),
    ("Invalid Feed Input Name:{name}",
     r"Invalid Feed Input Name: ?(?P<input>[^\s'\"]{1,200})",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::ValidateInputs"),
     "input_keys_mismatch",
     "ONNX Runtime was fed a name that is none of the model's inputs (a Keras layer name or a TensorFlow tensor "
     "name where the ONNX graph names its input otherwise: tf2onnx keeps the signature's names, with :0 for a "
     "frozen graph)",
     "Feed the model's own input names: {i.name: x for i in session.get_inputs()} (print them; e.g. 'input_1', "
     "'input_1:0' or 'serving_default_input_1:0' depending on how it was converted)",
     "onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Invalid Feed Input Name:input"),
    ("Invalid Output Name:{name}",
     r"Invalid Output Name: ?(?P<output>[^\s'\"]{1,200})",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::ValidateOutputs"),
     "input_keys_mismatch", "ONNX Runtime was asked for an output name the model does not have",
     "Ask for the model's own output names ([o.name for o in session.get_outputs()]) or pass None to get them all",
     "[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid Output Name:output_0"),
    ("Required inputs ({missing}) are missing from input feed ({feed}).",
     r"Required inputs \((?P<expected_keys>[^)\n]{1,400})\) are missing from input feed"
     r"(?: \((?P<input>[^)\n]{1,400})\))?",
     src(ORT_REPO, ORT_PYTHON, "onnxruntime/python/onnxruntime_inference_collection.py", "Session._validate_input"),
     "input_keys_mismatch",
     "ONNX Runtime's Python session was run without some of the model's inputs (a second input such as "
     "attention_mask or token_type_ids, or the input under another name)",
     "Feed every input the model has, by its own name: [i.name for i in session.get_inputs()] lists them",
     "ValueError: Required inputs (['input_1']) are missing from input feed (['images'])."),
    ("Unsupported model IR version: {n}, max supported IR version: {m}",
     r"Unsupported model IR version: ?(?P<got>\d{1,3}), max supported IR version: ?(?P<want>\d{1,3})",
     src(ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc", "Model::Model"), "runtime_version_mismatch",
     "the ONNX model was written by an onnx package newer than the ONNX Runtime that loads it (its IR version is "
     "above the runtime's)",
     "Upgrade onnxruntime (pip install -U onnxruntime, or the runtime bundled with the app) to a release that reads "
     "that IR version, or write the model with an onnx / tf2onnx of the runtime's time (or set model.ir_version to "
     "the runtime's maximum when its opset allows)",
     "[ONNXRuntimeError] : 1 : FAIL : Load model from model.onnx failed:/onnxruntime_src/onnxruntime/core/graph/"
     "model.cc:146 onnxruntime::Model::Model(...) Unsupported model IR version: 10, max supported IR version: 9"),
    ("Load model {path} failed. File doesn't exist",
     r"Load model (?:from )?(?P<path>[^\s]{1,300}) failed\. ?File doesn't exist",
     src(ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc", "LoadModelHelper, ENOENT"), "savedmodel_not_found",
     "ONNX Runtime found no file at the model path it was given (a wrong or relative path)",
     "Give InferenceSession the .onnx file itself, by an absolute path or one relative to the process's working "
     "directory (os.path.exists(path) first)",
     "onnxruntime.capi.onnxruntime_pybind11_state.NoSuchFile: [ONNXRuntimeError] : 3 : NO_SUCHFILE : Load model "
     "from models/model.onnx failed:Load model models/model.onnx failed. File doesn't exist"),
    ("Could not find an implementation for the node {name}:{op}({version})",
     # 'the node name:Op(N)' as this commit writes it; later releases write 'Op(N) node with name 'name''
     r"Could not find an implementation for (?:the node (?:(?P<node>[^\s:]{1,200}):)?)?(?P<op>\w{1,80})\("
     r"(?P<op_version>\d{1,3})\)",
     src(ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc", "InferenceSession::TransformGraph: "
         "a node no execution provider took"), "runtime_version_mismatch",
     "ONNX Runtime has no kernel for an op of the model at its opset version and input types on the execution "
     "providers it was given: the model uses an op version newer than the runtime, a type the kernel does not take "
     "(float64 for many ops, int8 ConvInteger), or an op only another provider has",
     "Upgrade onnxruntime to a release that implements the op at that version, or convert the model again with a "
     "lower opset (tf2onnx --opset N) and float32 inputs (cast float64 away before exporting); onnxruntime-web and "
     "mobile builds implement fewer ops than the full CPU package",
     "onnxruntime.capi.onnxruntime_pybind11_state.NotImplemented: [ONNXRuntimeError] : 9 : NOT_IMPLEMENTED : Could "
     "not find an implementation for the node StatefulPartitionedCall/model/Round:Round(11)"),
    ("Failed to load model because protobuf parsing failed.",
     lit("Failed to load model because protobuf parsing failed"),
     src(ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc", "Model::Load(std::istream)"),
     "savedmodel_not_found",
     "the file given to ONNX Runtime is not an ONNX model (a TensorFlow .pb or SavedModel, a Keras .h5, a Git LFS "
     "pointer or a download cut short)",
     "Convert the TensorFlow model to ONNX first (python -m tf2onnx.convert --saved-model DIR --output model.onnx) "
     "and give ONNX Runtime that file; check its size against the original (a Git LFS pointer is ~130 bytes)",
     "[ONNXRuntimeError] : 7 : INVALID_PROTOBUF : Load model from saved_model.pb failed:Protobuf parsing failed."
     " Failed to load model because protobuf parsing failed."),
]

MLFLOW_UTILS = "mlflow/models/utils.py"
MLFLOW_SIGNATURE_FIX = ("mlflow.models.get_model_info(MODEL_URI).signature shows the inputs the model was logged with; ")
MLFLOW_ROWS = [
    ("Shape of input {shape} does not match expected shape {shape}.",
     rf"Shape of input (?P<got_shape>{SHAPE}) does not match expected shape (?P<want_shape>{SHAPE})",
     src(MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS, "_enforce_tensor_spec"), "input_shape_mismatch",
     "an MLflow pyfunc model (a logged Keras / TensorFlow model, `mlflow models serve`) got a tensor of another shape "
     "than its logged signature's TensorSpec (-1 is the free batch size)",
     "Send tensors of the signature's shape: " + MLFLOW_SIGNATURE_FIX + "-1 is the batch, so one example needs its "
     "batch axis (np.expand_dims(x, 0)); a signature inferred from a wrong example must be logged again "
     "(infer_signature on real training inputs)",
     "mlflow.exceptions.MlflowException: Shape of input (28, 28) does not match expected shape (-1, 28, 28).",
     "rank"),
    ("dtype of input {dtype} does not match expected dtype {dtype}",
     r"dtype of input (?P<got_dtype>\w{1,20}) does not match expected dtype (?P<want_dtype>\w{1,20})",
     src(MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS, "_enforce_tensor_spec"), "dtype_mismatch",
     "an MLflow pyfunc model got a tensor of another dtype than its logged signature's TensorSpec (numpy's float64 "
     "for a float32 signature; no cast is made)",
     "Cast the input to the signature's dtype before predict / in the request (np.asarray(x, dtype=np.float32)); "
     + MLFLOW_SIGNATURE_FIX + "over REST, send \"inputs\" (or \"instances\") and let the server cast, or log the "
     "model with the dtype clients send",
     "mlflow.exceptions.MlflowException: dtype of input float64 does not match expected dtype float32"),
    ("Model is missing inputs {names}. Note that there were extra inputs: {names}",
     r"Model is missing inputs \[(?P<input>[^\]\n]{1,400})\]",
     src(MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS, "_enforce_schema"), "input_keys_mismatch",
     "an MLflow pyfunc model got an input (DataFrame columns, dict keys or a JSON request's names) without some of "
     "the names its logged signature has",
     "Name the inputs as the signature does: " + MLFLOW_SIGNATURE_FIX + "over REST send {\"inputs\": {NAME: [...]}} "
     "or a dataframe_split whose columns are those names",
     "mlflow.exceptions.MlflowException: Model is missing inputs ['input_1']. Note that there were extra inputs: "
     "['0']"),
    ("Incompatible input types for column {name}. Can not safely convert {dtype} to {dtype}.",
     r"Incompatible input types for column (?P<input>[^\s.]{1,200})\. ?Can not safely convert "
     r"(?P<got_dtype>\w{1,20}) to (?P<want_dtype>\w{1,20})",
     src(MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS, "_enforce_mlflow_datatype"), "dtype_mismatch",
     "an MLflow pyfunc model with a column signature got a column of a type it does not cast to the logged one "
     "(float64 for a float / int column: floats do not become ints, doubles do not become floats)",
     "Send each column in the signature's type (df[col].astype('float32'), ints without NaN); " + MLFLOW_SIGNATURE_FIX
     + "a column that may hold missing values must be logged as a double",
     "mlflow.exceptions.MlflowException: Incompatible input types for column x. Can not safely convert float64 to "
     "float32."),
]

OTHER_ROWS = [
    # ---- Keras.js (Keras models in the browser, before TensorFlow.js) ----
    ("[Model] Layer {class} specified in model configuration is not implemented!",
     r"Layer (?P<layer>[\w.>-]{1,120}) specified in model configuration is not implemented",
     src(KERASJS_REPO, KERASJS_COMMIT, "src/Model.js:319", "Model._createLayer"), "runtime_version_mismatch",
     "Keras.js has no implementation of a layer class of the model (a layer newer than the library, or a custom "
     "layer)",
     "Keras.js is no longer developed: convert the Keras model with tensorflowjs_converter and load it with "
     "TensorFlow.js (tf.loadLayersModel), or rebuild the model with layers Keras.js implements",
     "Error: [Model] Layer TFOpLambda specified in model configuration is not implemented!"),
    ("[Model] predict() must take an object where the keys are the named inputs of the model: {names}",
     r"predict\(\) must take an object where the keys are the named inputs of the model: ?(?P<input>[^\n]{1,200})",
     src(KERASJS_REPO, KERASJS_COMMIT, "src/Model.js:544", "Model.predict"), "input_keys_mismatch",
     "a Keras.js model's predict() was not given an object keyed by exactly the model's input layer names",
     "Call predict({<input layer name>: Float32Array}) with the model's own input names (model.inputLayerNames; "
     "e.g. input_3 for a Keras application model), one key per input",
     "Error: [Model] predict() must take an object where the keys are the named inputs of the model: "
     "[\"input_1\"]"),
    ("[Model] predict() must take an object where the values are the flattened data as Float32Array.",
     lit("predict() must take an object where the values are the flattened data as Float32Array"),
     src(KERASJS_REPO, KERASJS_COMMIT, "src/Model.js:551", "Model.predict"), "wrong_api_or_input_format",
     "a Keras.js model's predict() got values that are not flat Float32Arrays (nested arrays, tensors, images)",
     "Give each input as one flat Float32Array in the model's input order (new Float32Array(h * w * c) filled "
     "row by row), not nested arrays or image elements",
     "Error: [Model] predict() must take an object where the values are the flattened data as Float32Array."),
    # ---- DeepSpeech's native client (TensorFlow / TFLite inside) ----
    ("Specified model file version ({n}) is incompatible with minimum version supported by this client ({m}).",
     r"Specified model file version \((?P<got>\d{1,4})\) is incompatible with minimum version supported by this "
     r"client \((?P<want>\d{1,4})\)",
     src(DEEPSPEECH_REPO, DEEPSPEECH_COMMIT, "native_client/tfmodelstate.cc:91", "TFModelState::init; the same in "
         "tflitemodelstate.cc:255"), "runtime_version_mismatch",
     "the DeepSpeech client (its native library) is newer than the exported model it loads: the model's graph "
     "version is below what the client supports",
     "Use the model release made for the client's version (the same DeepSpeech release for both: "
     "deepspeech==X with deepspeech-X-models.pbmm), or install the client of the model's release",
     "Specified model file version (0) is incompatible with minimum version supported by this client (3). See "
     "https://github.com/mozilla/DeepSpeech/blob/v0.6.0/doc/USING.rst#model-compatibility for more information"),
    # ---- the Edge TPU's custom op (libedgetpu) ----
    ("Unsupported data type in custom op handler: {type}",
     r"Unsupported data type in custom op(?: handler)?(?:: ?(?P<dtype>\d{1,3}))?",
     src(EDGETPU_REPO, EDGETPU_COMMIT, "tflite/custom_op.cc:78", "SizeOfDataType; older releases say 'Unsupported "
         "data type in custom op'"), "runtime_version_mismatch",
     "the Edge TPU delegate got a tensor type it does not handle from the TFLite interpreter: the edgetpu_compiler "
     "only writes the types it handles (uint8, int8, int16, int32, float16, float32), so this means the interpreter "
     "(tflite_runtime / tensorflow) and libedgetpu come from releases whose type numbering differs",
     "Install a tflite_runtime (or pycoral) wheel of the same release as the Edge TPU runtime libedgetpu1 (the "
     "Coral software page pairs them), and compile the model with an edgetpu_compiler no newer than that runtime",
     "RuntimeError: Internal: Unsupported data type in custom op handler: 0Node number 2 (EdgeTpuDelegateForCustomOp) "
     "failed to prepare."),
    # ---- packages beside TensorFlow that check, on import, the TensorFlow / Keras they run with (no model involved:
    # provokers labelled such texts no category 6 times of 7) ----
    ("Package {package} requires tf.keras to be Keras version 2 but got version {version}.",
     r"Package (?P<package>[\w.]{1,60}) requires tf\.keras to be Keras ?version 2 but got version "
     r"(?P<keras_version>3[\d.]{0,12})",
     src(TFRS_REPO, TFRS_COMMIT, "tensorflow_recommenders/__init__.py:35", "_check_keras_version; TF-GNN and other "
         "Keras 2 packages raise the same on import"), None,
     "a package written for Keras 2 (tf.keras of TensorFlow <= 2.15) was imported where tf.keras is Keras 3 "
     "(TensorFlow >= 2.16): the package's own check on import, before any model is loaded; not about the request "
     "or model (no category: a package beside TensorFlow, not a model of another version)",
     "Set TF_USE_LEGACY_KERAS=1 in the environment before TensorFlow is imported and install tf_keras of the "
     "installed TensorFlow's release (pip install 'tf_keras~=2.<minor>'); or run the package where TensorFlow <= "
     "2.15 is installed",
     "ImportError: Package tensorflow_recommenders requires tf.keras to be Keras version 2 but got version 3.15.1. "
     "For open-source TensorFlow 2.16 and above, set the environment variable TF_USE_LEGACY_KERAS=1 to fix."),
    ("This version of TensorFlow Probability requires TensorFlow version >= {required}; Detected an installation of "
     "version {present}. Please upgrade TensorFlow to proceed.",
     r"This version of TensorFlow Probability requires TensorFlow version >= ?(?P<required>[\d.]{1,12}); ?Detected "
     r"an installation of version (?P<present>[\w.+-]{1,30})",
     src(TFP_REPO, TFP_COMMIT, "tensorflow_probability/python/__init__.py:67", "_ensure_tf_install"), None,
     "tensorflow_probability was imported with a TensorFlow older than the one its release needs (pip installed the "
     "newest TFP beside a pinned TensorFlow): its own check on import, before any model is loaded; not about the "
     "request or model (no category: a package pairing, not a model of another version)",
     "Install the tensorflow-probability release made for the installed TensorFlow (TFP 0.23 for TF 2.15, 0.24 for "
     "2.16, 0.25 for 2.18; pip install 'tensorflow-probability==0.23.*'), or upgrade TensorFlow to the version the "
     "message names",
     "ImportError: This version of TensorFlow Probability requires TensorFlow version >= 2.18; Detected an "
     "installation of version 2.15.1. Please upgrade TensorFlow to proceed."),
]

SERVING_LIB_ROWS = [
    # ---- TensorFlow Java's SavedModel functions ----
    ("Function [{method}] requires multiple inputs",
     r"Function \[(?P<method>[^\]\n]{1,120})\] requires multiple inputs",
     src(TFJAVA_REPO, TFJAVA_COMMIT, TFJAVA_FUNCTION + ":284", "ConcreteFunction.call(Operand)"),
     "input_keys_mismatch",
     "a TensorFlow Java signature function with several inputs was called with one tensor (call(tensor) takes the "
     "only input of a one-input signature)",
     "Call the function with a map from each of the signature's input names to its tensor: "
     "bundle.function(\"serving_default\").call(Map.of(\"input_1\", t1, \"input_2\", t2)); saved_model_cli show "
     "--dir DIR --all lists the names",
     "java.lang.IllegalArgumentException: Function [tensorflow/serving/predict] requires multiple inputs"),
    ("Function [{method}] has multiple outputs",
     r"Function \[(?P<method>[^\]\n]{1,120})\] has multiple outputs",
     src(TFJAVA_REPO, TFJAVA_COMMIT, TFJAVA_FUNCTION + ":290", "ConcreteFunction.call(Operand)"),
     "wrong_api_or_input_format",
     "a TensorFlow Java signature function with several outputs was called through call(tensor), which returns "
     "one tensor only",
     "Call the function with a map of inputs (call(Map.of(name, tensor))) and read each output from the returned "
     "Result / map by the signature's output names",
     "java.lang.IllegalArgumentException: Function [tensorflow/serving/predict] has multiple outputs"),
    # ---- BentoML's model store and its keras / tensorflow frameworks ----
    ("Model '{tag}' is not found in BentoML store {path}, you may need to run `bentoml models pull` first",
     r"Model '(?P<servable>[^'\n]{1,200})' is not found in BentoML store",
     src(BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/store.py:155", "Store.get"), "model_not_found",
     "BentoML's model store (on the machine or in the image the service runs in) has no model of that tag",
     "Save the model into the store the service reads (bentoml.keras.save_model / bentoml.tensorflow.save_model, "
     "then `bentoml models list` shows it), pull it (`bentoml models pull`), or build the Bento with the model in "
     "its bentofile's models list; the tag must match (name:version or name:latest)",
     "bentoml.exceptions.NotFound: Model 'mnist_cnn:latest' is not found in BentoML store /home/user/bentoml/models, "
     "you may need to run `bentoml models pull` first"),
    ("no Models with name '{name}' exist in BentoML store {path}",
     r"no Models with name '(?P<servable>[^'\n]{1,200})' (?:exist in BentoML store|found)",
     src(BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/store.py:84,105,110", "Store.list, "
         "Store._recreate_latest"), "model_not_found",
     "BentoML's model store has no model of that name at all",
     "Save the model into the store first (bentoml.keras.save_model(\"NAME\", model)) in the environment the service "
     "runs in, or import / pull it there; `bentoml models list` shows what the store holds",
     "bentoml.exceptions.NotFound: no Models with name 'classifier' exist in BentoML store /root/bentoml/models"),
    ("Model {tag} was saved with module {module}, not loading with {module}.",
     r"Model (?P<servable>[^\s]{1,200}) was saved with module (?P<saved_with>[\w.]{1,120}), not loading with "
     r"(?P<loading_with>[\w.]{1,120})",
     src(BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/frameworks/keras.py:73,112", "get / load_model; the "
         "same in frameworks/tensorflow.py:56,92"), "wrong_api_or_input_format",
     "a model saved into BentoML with one framework module (bentoml.keras / bentoml.tensorflow) was loaded with "
     "another one",
     "Load the model with the framework module it was saved with (the first module the message names: "
     "bentoml.tensorflow.load_model for a model saved by bentoml.tensorflow.save_model), or save it again with the "
     "module you load it with",
     "bentoml.exceptions.NotFound: Model iris_clf:abc123 was saved with module bentoml.tensorflow, not loading with "
     "bentoml.keras."),
]

ROWS = TFJS_ROWS + TFJS_CONVERTER_ROWS + CPPFLOW_ROWS + R_ROWS + TF2ONNX_ROWS + ORT_ROWS + MLFLOW_ROWS + OTHER_ROWS + SERVING_LIB_ROWS

QUOTES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # template -> (repo, commit, file, pieces of the source text the row's literals come from)
    "Unknown op '{op}'": (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/operations/operation_executor.ts",
                          ("`Unknown op '${node.op}'. File an issue at ` +",)),
    "Custom op {op} is not registered.": (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/operations/operation_executor.ts",
                                          ("`Custom op ${node.op} is not registered.`",)),
    TFJS_ROWS[2][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_model.ts",
                      ("`Input tensor count mismatch, the graph model has ${", "non-resource placeholders, while there "
                       "are ${", "inputs.length} input tensors provided.`")),
    TFJS_ROWS[3][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts",
                      ("`The output '${name}' is not found in the graph`",)),
    TFJS_ROWS[4][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts",
                      ("`Cannot compute the outputs [${missingOutputs}] from the provided `",
                       "`inputs [${names}]. Consider providing the following inputs: `")),
    TFJS_ROWS[5][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_executor.ts",
                      ("`The execution of the op '${node.op}' returned a promise. `",
                       "`Please use model.executeAsync() instead.`")),
    TFJS_ROWS[6][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/io/http.ts",
                      ("`The JSON from HTTP path ${this.path} contains neither model `",
                       "`topology or manifest for weights.`")),
    TFJS_ROWS[7][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-converter/src/executor/graph_model.ts",
                      ("'Model JSON is missing \\'modelTopology\\''", "'Model JSON is missing \\'weightsManifest\\''")),
    TFJS_ROWS[8][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/io/weights_loader.ts",
                      ("`Could not find weights in manifest with names: `", "`Manifest JSON has weights with names: `")),
    TFJS_ROWS[9][0]: (TFJS_LAYERS_REPO, TFJS_LAYERS_COMMIT, "src/models.ts",
                      ("`Sequential.fromConfig called without an array of configs`",)),
    TFJS_ROWS[10][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/models.ts",
                       ("'Legacy serialization format not supported yet.'",)),
    TFJS_ROWS[11][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/container.ts",
                       ("`Provided weight data has no target variable: ${name}`",)),
    TFJS_ROWS[12][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/container.ts",
                       ("totalWeightsCount} weights are not set: ` +",)),
    TFJS_ROWS[13][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts",
                       ("`Layer weight shape ${pv.shape} ` +", "`not compatible with provided weight shape ${w.shape}`")),
    TFJS_ROWS[14][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts",
                       ("`Input ${inputIndex} is incompatible with layer ${this.name}: ` +",
                        "`expected ndim=${spec.ndim}, found ndim=${ndim}`",
                        "`: expected min_ndim=${spec.minNDim}, found ndim=${ndim}.`")),
    TFJS_ROWS[15][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts",
                       ("`${this.name}: expected axis ${axis} of input shape to ` +",
                        "`have value ${value} but got shape ${xShape}.`")),
    TFJS_ROWS[16][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts",
                       ("`${this.name}: expected shape=${spec.shape}, ` +", "`found shape=${x.shape}.`")),
    TFJS_ROWS[17][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-layers/src/engine/topology.ts",
                       ("`Layer ${this.name} expects ${inputSpec.length} inputs, ` +",
                        "`but it received ${inputsList.length} input tensors. ` +")),
    TFJS_ROWS[18][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/broadcast_util.ts",
                       ("`Operands could not be broadcast together with shapes ` +", "`${shapeA} and ${shapeB}.`")),
    TFJS_ROWS[19][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/fused/mat_mul.ts",
                       ("`Error in fused matMul: inner shapes (${innerShapeA}) and (` +",
                        "`${innerShapeB}) of Tensors with shapes ${$a.shape} and ` +")),
    TFJS_ROWS[20][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/concat_util.ts",
                       ("`Error in concat${rank}D: Shape of tensors[${i}] (${shape}) ` +",
                        "`does not match the shape of the rest (${firstShape}) ` +")),
    TFJS_ROWS[21][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/image/resize_bilinear.ts",
                       ("`Error in resizeBilinear: x must be rank 3 or 4, but got ` +",)),
    TFJS_ROWS[22][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-core/src/ops/browser.ts",
                       ("'pixels passed to tf.browser.fromPixels() can not be null'",)),
    TFJS_ROWS[23][0]: (TFJS_REPO, TFJS_COMMIT, "tfjs-node/src/index.ts",
                       ("`The Node.js native addon module (tfjs_binding.node) can not ` +", "`be found at path: ` +")),
    CPPFLOW_ROWS[0][0]: (CPPFLOW_REPO, CPPFLOW_COMMIT, "src/Tensor.cpp",
                         ("\"No operation named \\\"\" + operation + \"\\\" exists\"",)),
    CPPFLOW_ROWS[1][0]: (CPPFLOW_REPO, CPPFLOW_COMMIT, "src/Model.cpp",
                         ("\"Error: No operation named \\\"init\\\" exists\"",
                          "\"Error: No operation named \\\"save/restore_all\\\" exists\"")),
    CPPFLOW_ROWS[2][0]: (CPPFLOW_REPO, CPPFLOW2_COMMIT, "include/cppflow/model.h",
                         ("\"Failed to import graph def from file\"",)),
    R_ROWS[0][0]: (RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R",
                   ("\"TensorFlow version >= 2.0.0 is requires to load models in the SavedModel format.\"",)),
    R_ROWS[1][0]: (RKERAS_REPO, RKERAS_HEAD, "R/package.R",
                   ("stop(\"Keras loaded from \", implementation, \" v\", ver, \", however version \",",
                    "required_ver, \" is required. Please update with \", update_with, \".\",")),
    R_ROWS[2][0]: (RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R",
                   ("stop(\"TensorFlow version >= 1.14 is required. Use export_savedmodel \",",)),
    R_ROWS[3][0]: (RKERAS_REPO, RKERAS_COMMIT, "R/model-persistence.R",
                   ("\"The h5py Python package is required to save and load models\"",)),
    R_ROWS[4][0]: (RTF_REPO, RTF_COMMIT, "R/package.R", ("\"Valid installation of TensorFlow not found.\"",)),
    R_ROWS[5][0]: (RTF_REPO, RTF_COMMIT, "R/save.R", ("stop(\"Failed to find 'pb' file under \", model_dir)",)),
    TF2ONNX_ROWS[0][0]: (TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tfonnx.py",
                         ("\"Tensorflow op [%s: %s] is not supported\"",)),
    TF2ONNX_ROWS[1][0]: (TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/graph.py",
                         ("\"Opset %s is not supported yet. Please use a lower opset\"",)),
    ORT_ROWS[0][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("ostr << \"Got invalid dimensions for input: \" << input_name << \" for the following indices\\n\";",
                      "ostr << \" index: \" << idx << \" Got: \" << input_shape[idx] << \" Expected: \" << "
                      "expected_shape[idx] << \"\\n\";", "continue;  // this represents a symbolic shape dimension")),
    ORT_ROWS[1][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("ostr << \"Got invalid dimensions for input: \" << input_name << \" for the following indices\\n\";",
                      "ostr << \" Please fix either the inputs or the model.\";")),
    ORT_ROWS[2][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("ostr << \"Invalid rank for input: \" << input_name << \" Got: \" << input_shape_sz << \" "
                      "Expected: \" << expected_shape_sz",)),
    ORT_ROWS[3][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("ostr << \"Unexpected input data type. Actual: (\";", "ostr << \")) , expected: (\";")),
    ORT_ROWS[4][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("\"Invalid Feed Input Name:\", feed_name",)),
    ORT_ROWS[5][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("\"Invalid Output Name:\" + name",)),
    ORT_ROWS[6][0]: (ORT_REPO, ORT_PYTHON, "onnxruntime/python/onnxruntime_inference_collection.py",
                     ("f\"Required inputs ({missing_input_names}) are missing from input feed ({feed_input_names}).\"",)),
    ORT_ROWS[7][0]: (ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc",
                     ("ORT_THROW(\"Unsupported model IR version: \", ir_version,",
                      "\", max supported IR version: \", ONNX_NAMESPACE::Version::IR_VERSION);")),
    ORT_ROWS[8][0]: (ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc",
                     ("\"Load model \", ToUTF8String(file_path),", "\" failed. File doesn't exist\");")),
    ORT_ROWS[9][0]: (ORT_REPO, ORT_SESSION, "onnxruntime/core/session/inference_session.cc",
                     ("oss << \"Could not find an implementation for the node \";",
                      "oss << node.OpType() << \"(\" << node.SinceVersion() << \")\";")),
    ORT_ROWS[10][0]: (ORT_REPO, ORT_MODEL, "onnxruntime/core/graph/model.cc",
                      ("\"Failed to load model because protobuf parsing failed.\"",)),
    MLFLOW_ROWS[0][0]: (MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS,
                        ("f\"Shape of input {actual_shape} does not match expected shape {expected_shape}.\"",)),
    MLFLOW_ROWS[1][0]: (MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS,
                        ("f\"dtype of input {actual_type} does not match expected dtype {expected_type}\"",)),
    MLFLOW_ROWS[2][0]: (MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS,
                        ("f\"Model is missing inputs {missing_cols}.\"",
                         "f\" Note that there were extra inputs: {extra_cols}\"")),
    MLFLOW_ROWS[3][0]: (MLFLOW_REPO, MLFLOW_COMMIT, MLFLOW_UTILS,
                        ("f\"Incompatible input types for column {name}. \"",
                         "f\"Can not safely convert {values.dtype} to {numpy_type}.{hint}\"")),
    OTHER_ROWS[0][0]: (KERASJS_REPO, KERASJS_COMMIT, "src/Model.js",
                       ("`[Model] Layer ${layerClass} specified in model configuration is not implemented!`",)),
    OTHER_ROWS[1][0]: (KERASJS_REPO, KERASJS_COMMIT, "src/Model.js",
                       ("'[Model] predict() must take an object where the keys are the named inputs of the model: ' +",)),
    OTHER_ROWS[2][0]: (KERASJS_REPO, KERASJS_COMMIT, "src/Model.js",
                       ("'[Model] predict() must take an object where the values are the flattened data as "
                        "Float32Array.'",)),
    OTHER_ROWS[3][0]: (DEEPSPEECH_REPO, DEEPSPEECH_COMMIT, "native_client/tfmodelstate.cc",
                       ("\"Specified model file version (\" << graph_version << \") is \"",
                        "<< \"incompatible with minimum version supported by this client (\"")),
    OTHER_ROWS[4][0]: (EDGETPU_REPO, EDGETPU_COMMIT, "tflite/custom_op.cc",
                       ("\"Unsupported data type in custom op handler: %d\", data_type));",)),
    OTHER_ROWS[5][0]: (TFRS_REPO, TFRS_COMMIT, "tensorflow_recommenders/__init__.py",
                       ("\"Package tensorflow_recommenders requires tf.keras to be Keras\"",
                        "f\" version 2 but got version {keras_version}. \"")),
    OTHER_ROWS[6][0]: (TFP_REPO, TFP_COMMIT, "tensorflow_probability/python/__init__.py",
                       ("'This version of TensorFlow Probability requires TensorFlow '",
                        "'version >= {required}; Detected an installation of version {present}. '")),
    SERVING_LIB_ROWS[0][0]: (TFJAVA_REPO, TFJAVA_COMMIT, TFJAVA_FUNCTION,
                             ("String.format(\"Function [%s] requires multiple inputs\", signatureDef.getMethodName())",)),
    SERVING_LIB_ROWS[1][0]: (TFJAVA_REPO, TFJAVA_COMMIT, TFJAVA_FUNCTION,
                             ("String.format(\"Function [%s] has multiple outputs\", signatureDef.getMethodName())",)),
    SERVING_LIB_ROWS[2][0]: (BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/store.py",
                             ("f\"{self._item_type.get_typename()} '{tag}' is not found in BentoML store {self._path}, \"",
                              "f\"you may need to run `{cmd}` first\"")),
    SERVING_LIB_ROWS[3][0]: (BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/store.py",
                             ("f\"no {self._item_type.get_typename()}s with name '{tag.name}' exist in BentoML store "
                              "{self._path}\"",)),
    SERVING_LIB_ROWS[4][0]: (BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/frameworks/keras.py",
                             ("f\"Model {model.tag} was saved with module {model.info.module}, not loading with "
                              "{MODULE_NAME}.\"",)),
    TFJS_CONVERTER_ROWS[0][0]: (TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER,
                                ("'Expected path to point to an HDF5 file, but it points to a '",
                                 "\"Expected path to point to an .keras file, but it points to a \"")),
    TFJS_CONVERTER_ROWS[1][0]: (TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER,
                                ("'Nonexistent path to HDF5 file: %s' % h5_path",
                                 "\"Nonexistent path to .keras file: %s\" % v3_path")),
    TFJS_CONVERTER_ROWS[2][0]: (TFJS_REPO, TFJS_COMMIT, TFJS_CONVERTER,
                                ("'Unsupported input_format - output_format pair: %s - %s' %",)),
}


def source_text(repo: str, commit: str, path: str) -> str | None:
    """The file at the commit from the git mirror on this machine, or None when the mirror is absent."""
    return mirror_text(repo, commit, path, WHO)


def check_quotes() -> int:
    """Every row's source pieces are in its file at its commit (rows whose mirror is absent are skipped); returns
    how many rows were checked."""
    return rows_quoted(WHO, ROWS, {t: (q,) for t, q in QUOTES.items()}, source_text)


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} of {len(ROWS)} rows checked against their sources")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
