"""JVM, .NET and other-language runtimes that load a Keras / TensorFlow model, for explain's message index (#15):
what they say in their own words when they load or feed the model, read from their sources at a named commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* deeplearning4j's Keras import (``deeplearning4j-modelimport``: InvalidKerasConfigurationException /
  UnsupportedKerasConfigurationException texts: activations, losses, initializers, config fields and weights it cannot
  map, input ranks it does not import, Lambda layers not registered) and the shape checks of the DL4J network users
  feed the imported model (``deeplearning4j-nn``: ComputationGraph's input count, BaseLayer's matrix check, LSTMHelpers' feature count (NCW against
  NWC sequences) and stateful-step check, ConvolutionLayer's rank and channel
  checks), beside the 7 DL4J rows explain_index_converters and explain_index_runtimes already hold;
* TensorFlow Java, the 1.x ``org.tensorflow`` API (``tensorflow/java`` inside tensorflow/tensorflow: Tensor.java's
  array / buffer checks) and the current one (github.com/tensorflow/java: Graph.importGraphDef, SavedModelBundle's
  tags, Session's initializers, RawTensor's shapes);
* the TensorFlow C API's ``Invalid GraphDef`` (TF_GraphImportGraphDef: what TF Java 1.x, TensorFlowSharp, Emgu TF and
  ML.NET's frozen-graph loading print when the bytes are no GraphDef), read from the installed libtensorflow_cc; and
  TF 1.x's Softmax kernel refusing logits of rank above 2 (``logits must be 2-dimensional``: an old libtensorflow
  under these bindings running a graph a newer TensorFlow wrote), read from tensorflow 1.8.0's library and checked
  absent from 1.15.5's and the installed TensorFlow's;
* TensorFlowSharp, TensorFlow.NET (Graph.OperationByName, Session feeds, Keras loading) and ML.NET's TensorFlow
  scoring (loading a frozen graph, input dtypes);
* DJL's TensorFlow engine (TfModel.load) and its Criteria.loadModel.

Each row: template, a pattern with named captures whose literal parts are the source's own text (every placeholder
a bounded class: linear time), the file and commit, its category (an id of CATEGORIES.md) or, when it is not about
the request or the model, None with a reading; what it means for the person running the model, a fix naming that
runtime's own step, and an example as the runtime prints it (the build checks the pattern matches it).  Each row
also names the pieces of source text it rests on: when the git mirror of the source is on this machine
(``/work/.mirror/<owner>+<name>/repo``) the build checks every piece is in that file at that commit.  deeplearning4j
(its snapshot is above the mirror limit) and tensorflow/tensorflow were read file by file with the search tool's
read_file at the commits named; their pieces are checked only where a mirror exists.

    python scripts/explain_index_jvm.py     # check the quotes, print the entries (the build imports entries())
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import TF, MIRRORS, examples_match, library_strings, lit, mirror_text, rows_quoted  # noqa: E402,F401
from explain_build_index import Quote  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_keras import _wheel  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_jvm"
VERSION = "runtime_version_mismatch"



# ------------------------------------------------------------------------------------------------ sources

DL4J_REPO = "deeplearning4j/deeplearning4j"
DL4J_KERAS = "deeplearning4j/deeplearning4j-modelimport/src/main/java/org/deeplearning4j/nn/modelimport/keras/"
DL4J_NN = "deeplearning4j/deeplearning4j-nn/src/main/java/org/deeplearning4j/nn/"
DL4J_ACTIVATION = "d6aa7dedd96a937805d6622932e7e009386c4f88"
"""utils/KerasActivationUtils.java (mapToActivation, getActivationFromConfig)."""
DL4J_INIT = "553a4dd7dce6b15b27e3b2353404abc0bcc2b3fe"
"""utils/KerasInitilizationUtils.java (mapWeightInitialization, getWeightInitFromConfig)."""
DL4J_LOSS = "1299690ae856e730e630bd94b20451517e69f3d0"
"""utils/KerasLossUtils.java (mapLossFunction) and layers/KerasInput.java: the same commit."""
DL4J_MODELUTILS = "d05640b1256ec1bcfaed09aad8374db0f3695fc4"
"""utils/KerasModelUtils.java (copyWeightsToModel, determineKerasMajorVersion, importWeights, parseModelConfig)."""
DL4J_LAYERUTILS = "43960db3351edba003ed27d13eebfd110f8e3bb5"
"""utils/KerasLayerUtils.java (getKerasLayerFromConfig, getClassNameFromConfig, getInnerLayerConfigFromConfig)."""
DL4J_MODEL = "43d9d5724af832a5508075b4b22227ccbd690d69"
"""KerasModel.java (the constructor, importTrainingConfiguration, getComputationGraphConfiguration)."""
DL4J_BASELAYER = "c3c09b61d8864cf3a3a03639694ab884d324bf80"
"""nn/layers/BaseLayer.java (preOutput's input validation)."""
DL4J_CONV = "dcc8269479869d26d198b7da351c438aa0c0966d"
"""nn/layers/convolution/ConvolutionLayer.java (preOutput's rank and channel checks)."""
DL4J_GRAPH = "59afd4cfac78bfc6ff959783f4abf558fe41a4ef"
"""nn/graph/ComputationGraph.java (setInputs: what output(INDArray...) of an imported functional model checks)."""
DL4J_LSTM = "d6f9bf15640a0bd4629d7fd9f930d21ef9e8d1c1"
"""nn/layers/recurrent/LSTMHelpers.java (activateHelper's input checks: LSTM, GravesLSTM, bidirectional)."""

TF_REPO = "tensorflow/tensorflow"
TF_TENSOR_JAVA = "6d5bd6de675d607d14eaca123e68c6faaebab608"
"""tensorflow/java/src/main/java/org/tensorflow/Tensor.java of TF 1.x's Java API (org.tensorflow:tensorflow)."""
TENSOR_JAVA = "tensorflow/java/src/main/java/org/tensorflow/Tensor.java"

TFJAVA_REPO = "tensorflow/java"
TFJAVA_COMMIT = "58a19434ad41d6e62c944e2f7f2a974bf170bff4"
TFJAVA = "tensorflow-core/tensorflow-core-api/src/main/java/org/tensorflow/"

TFNET_REPO, TFNET_COMMIT = "SciSharp/TensorFlow.NET", "6ce6066551ce80202119a121a05b006aadd9ef37"
TFSHARP_REPO, TFSHARP_COMMIT = "migueldeicaza/TensorFlowSharp", "600d278ded9e7e723309cff27f69cd4597c2a077"
MLNET_REPO, MLNET_COMMIT = "dotnet/machinelearning", "cd2fbd617c13bcb98ec8b6554bfa20ac603e4572"
MLNET_TF = "src/Microsoft.ML.TensorFlow/"
DJL_REPO = "deepjavalibrary/djl"
DJL_TF_COMMIT = "90d5f38077ef7aced358820d9870cb7311c0a3da"
"""The last commit touching engines/tensorflow/tensorflow-engine/src/main/java (the engine's sources are gone from
HEAD's tree listing but this commit holds them)."""
DJL_HEAD = "af1d0b804c110fb533c4580d681c76e51954edfd"
DJL_TF = "engines/tensorflow/tensorflow-engine/src/main/java/ai/djl/tensorflow/engine/"

# ------------------------------------------------------------------------------------------------ fixes

DL4J_EXC = "org.deeplearning4j.nn.modelimport.keras.exceptions."
DL4J_UPGRADE = ("upgrade deeplearning4j-modelimport (with deeplearning4j-core / nd4j of the same version) to a "
                "release that maps it, or save the model with a Keras 2 (tf.keras of TensorFlow <= 2.15, or tf_keras) "
                "the importer reads")
DL4J_TRAINING_FIX = ("Import for inference only: KerasModelImport.importKerasModelAndWeights(path, false) (or "
                     "importKerasSequentialModelAndWeights(path, false)) - enforceTrainingConfig=false skips the "
                     "training configuration (loss, optimizer, initializers) this deeplearning4j release cannot map; "
                     "to keep training in DL4J, " + DL4J_UPGRADE)
DL4J_ACTIVATION_FIX = ("This deeplearning4j release has no mapping for that Keras activation: " + DL4J_UPGRADE +
                       "; or use an activation it maps (relu, sigmoid, tanh, softmax, elu, selu, softplus, softsign, "
                       "hard_sigmoid, linear) / an Activation layer it reads, re-save the .h5 and import again")
DL4J_CONFIG_FIX = ("The model's config is not in the form this deeplearning4j Keras import reads (another Keras "
                   "major version wrote it): save the whole model as .h5 with a Keras 2 (model.save('model.h5') in "
                   "tf.keras of TensorFlow <= 2.15, or tf_keras), not a Keras 3 .keras file, or " + DL4J_UPGRADE)
DL4J_WEIGHTS_FIX = ("Import one .h5 written by model.save('model.h5') (config and weights of the same model) with "
                    "importKerasModelAndWeights(path); a separate JSON config and weights file must come from the "
                    "same model object and Keras version (layer names must match). If they do, the weights file's "
                    "layout is one this deeplearning4j release does not read: " + DL4J_UPGRADE)
DL4J_H5_FIX = ("The .h5 file holds no model configuration (model.save_weights wrote it, or it is only weights): save "
               "the whole model with model.save('model.h5') where it was trained and import that file, or pass the "
               "architecture's JSON (model.to_json()) with the weights: importKerasModelAndWeights(json, weights)")
DL4J_LAMBDA_FIX = ("Register the Lambda layer's DL4J implementation before importing: "
                   "KerasLayer.registerLambdaLayer(\"lambda_name\", new MySameDiffLambdaLayer()) (a SameDiffLambdaLayer "
                   "whose defineLayer does what the Python lambda did), or replace the Lambda with built-in Keras "
                   "layers and save again")
DL4J_RANK_FIX = ("Feed the network the array rank its first layer reads, with the minibatch first: a dense "
                 "(feed-forward) layer reads [minibatch, features] (Nd4j.create(data).reshape(1, n) for one example), "
                 "a convolution layer [minibatch, channels, height, width]; a higher-rank array before a dense layer "
                 "needs the InputType / preprocessor the Keras Flatten gave (import with the model's input shape, or "
                 "setInputType(InputType.convolutional(h, w, c)) on a built network)")
DL4J_SIZE_FIX = ("Give the layer as many features per example as its nIn: the array's column count must equal the "
                 "layer's input size (the Keras model's input shape); a mismatch is data of another width (another "
                 "vocabulary / feature count) or an image flattened at another size")
DL4J_CHANNELS_FIX = ("DL4J's convolution layers read NCHW ([minibatch, channels, height, width]) unless configured "
                     "with CNN2DFormat.NHWC: an image array in NHWC ([1, 224, 224, 3], as Java image loaders and "
                     "Keras give it) must be permuted with array.permute(0, 3, 1, 2) (or the network imported / built "
                     "with NHWC); otherwise give the image the layer's channel count (3 for RGB, 1 for grayscale)")
TFJAVA_GRAPHDEF_FIX = ("Read the frozen graph's bytes from a path that exists where the program runs (Files."
                       "readAllBytes(Paths.get(\"model.pb\")); getResourceAsStream returns null for a name not on "
                       "the classpath) before Graph.importGraphDef; a SavedModel directory is loaded with "
                       "SavedModelBundle.load(dir, \"serve\") instead")
GRAPHDEF_PARSE_FIX = ("The bytes given as a GraphDef are not one: give the frozen graph (.pb written by "
                      "tf.io.write_graph / convert_variables_to_constants, binary), not a SavedModel's saved_model.pb "
                      "(load the SavedModel directory with the runtime's SavedModel loader: SavedModelBundle.load(dir, "
                      "\"serve\"), TFSession.FromSavedModel, ML.NET LoadTensorFlowModel(dir)), a .pbtxt, .h5 or "
                      ".tflite; check the file was fully downloaded (size, not a Git LFS pointer). A GraphDef above "
                      "2 GB (64 MB for old TensorFlow releases) cannot be parsed: keep the weights in a SavedModel's "
                      "variables instead")
TENSOR_SHAPE_FIX = ("Build the input tensor from exactly as many values as its shape holds: product(shape) values "
                    "(1 x 224 x 224 x 3 = 150528 for one RGB 224x224 image), with the shape the model's input takes "
                    "(saved_model_cli show --dir DIR --all) and the image resized to it first")
TFNET_OP_FIX = ("Use the graph's own operation names (without the :0 output suffix): list them with "
                "graph.get_operations() / saved_model_cli show --dir DIR --all (a TF2 SavedModel's are "
                "serving_default_<input> and StatefulPartitionedCall; a frozen graph's whatever the export named, "
                "often with an import/ prefix)")

# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[Quote]] = {}


def add(template: str, pattern: str, source: str, category: str | None, text: str, fix: str | None, example: str,
        quotes: list[Quote], decider: str | None = None) -> None:
    """One row and the source pieces it rests on."""
    ROWS.append((template, pattern, source, category, text, fix, example) + ((decider,) if decider else ()))
    QUOTES[template] = quotes


def _q(repo: str, commit: str, path: str, *pieces: str) -> Quote:
    return Quote(repo, commit, path, pieces)


# ---- deeplearning4j: the Keras import ----
_ACT = DL4J_KERAS + "utils/KerasActivationUtils.java"
_INIT = DL4J_KERAS + "utils/KerasInitilizationUtils.java"
_LOSS = DL4J_KERAS + "utils/KerasLossUtils.java"
_MU = DL4J_KERAS + "utils/KerasModelUtils.java"
_LU = DL4J_KERAS + "utils/KerasLayerUtils.java"
_KM = DL4J_KERAS + "KerasModel.java"
_KI = DL4J_KERAS + "layers/KerasInput.java"

add("Unknown Keras activation function {kerasActivation}",
    r"Unknown Keras activation function:? ?(?P<activation>[\w.-]{1,80})",
    src(DL4J_REPO, DL4J_ACTIVATION, _ACT, "mapToActivation"), VERSION,
    "deeplearning4j's Keras import has no DL4J activation for an activation the model uses (swish, gelu, "
    "leaky_relu as an activation string, or a custom function): a Keras newer than the importer, or an activation "
    "DL4J does not map", DL4J_ACTIVATION_FIX,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Unknown Keras activation function swish",
    [_q(DL4J_REPO, DL4J_ACTIVATION, _ACT, '"Unknown Keras activation function " + kerasActivation')])
add("Keras layer is missing {field} field",
    r"Keras layer is missing (?P<field>\w{1,60}) field",
    src(DL4J_REPO, DL4J_INIT, _INIT, "getWeightInitFromConfig; the same text in KerasActivationUtils"), VERSION,
    "deeplearning4j's Keras import looked for a field of a layer's config under the name its Keras version uses "
    "(Keras 1's init, Keras 2's kernel_initializer, activation) and the file has none: the model was saved by a Keras "
    "whose config this importer release does not read (a Keras 2 file read as Keras 1 by an old release, or Keras 3)",
    DL4J_CONFIG_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Keras layer is missing init field. For more information, see "
               "http://deeplearning4j.org/model-import-keras.",
    [_q(DL4J_REPO, DL4J_INIT, _INIT, '"Keras layer is missing " + initField + " field"'),
     _q(DL4J_REPO, DL4J_ACTIVATION, _ACT, '"Keras layer is missing "', '+ conf.getLAYER_FIELD_ACTIVATION() + " field"')])
add("Unknown Keras loss function {kerasLoss} | Unknown Keras loss {kerasLoss}",
    r"Unknown Keras loss (?:function )?(?P<loss>[\w.{}=:-]{1,120})",
    src(DL4J_REPO, DL4J_LOSS, _LOSS, "mapLossFunction; 'Unknown Keras loss X' for a loss given per output: "
        "KerasModel.importTrainingConfiguration"), VERSION,
    "deeplearning4j's Keras import reads the training configuration stored in the .h5 (enforceTrainingConfig, the "
    "default) and has no DL4J loss for the model's loss (a custom loss, or one newer than the importer); the loss "
    "does not matter for inference", DL4J_TRAINING_FIX,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Unknown Keras loss function categorical_hinge",
    [_q(DL4J_REPO, DL4J_LOSS, _LOSS, '"Unknown Keras loss function " + kerasLoss'),
     _q(DL4J_REPO, DL4J_MODEL, _KM, '"Unknown Keras loss " + kerasLoss.toString()')])
add("Loss function {kerasLoss} not supported yet.",
    r"Loss function (?P<loss>[\w.-]{1,80}) not supported yet",
    src(DL4J_REPO, DL4J_LOSS, _LOSS, "mapLossFunction: sparse_categorical_crossentropy"), VERSION,
    "this deeplearning4j release's Keras import cannot map the model's training loss (sparse_categorical_crossentropy "
    "in releases before its support), and it reads the training configuration by default; the loss does not matter "
    "for inference", DL4J_TRAINING_FIX,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Loss function sparse_categorical_crossentropy not supported "
               "yet.",
    [_q(DL4J_REPO, DL4J_LOSS, _LOSS, '"Loss function " + kerasLoss + " not supported yet."')])
add("Unknown keras weight initializer {kerasInit}",
    r"Unknown keras weight initializer:? ?(?P<initializer>[\w.-]{1,80})",
    src(DL4J_REPO, DL4J_INIT, _INIT, "mapWeightInitialization"), VERSION,
    "deeplearning4j's Keras import has no DL4J weight initializer for the layer's kernel_initializer (a class newer "
    "than the importer, e.g. GlorotUniform / Orthogonal spelled by a newer Keras); with enforceTrainingConfig on, it "
    "stops instead of using XAVIER, though initializers do not matter for imported weights", DL4J_TRAINING_FIX,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Unknown keras weight initializer GlorotUniform",
    [_q(DL4J_REPO, DL4J_INIT, _INIT, '"Unknown keras weight initializer " + kerasInit')])
add("Keras version was not readable ({keras_version} provided)",
    r"Keras version was not readable \((?P<field>[\w.-]{1,40}) provided\)",
    src(DL4J_REPO, DL4J_MODELUTILS, _MU, "determineKerasMajorVersion"), VERSION,
    "the keras_version the model file stores does not start with a digit this deeplearning4j Keras import can read: "
    "the file was written by a Keras / h5py whose attribute format this importer release does not know",
    DL4J_CONFIG_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Keras version was not readable (keras_version provided)",
    [_q(DL4J_REPO, DL4J_MODELUTILS, _MU, '"Keras version was not readable (" + config.getFieldKerasVersion() + " '
        'provided)"')])
add("Could not {determine Keras model class|find model configuration details|find list of input layers|find list of "
    "output layers|find layer configurations} (no {field} ...)",
    r"Could not (?:determine Keras model class|find model configuration details|find list of (?:input|output) "
    r"layers|find layer configurations) \(no (?P<field>\w{1,40}) (?:field found|in model config)\)",
    src(DL4J_REPO, DL4J_MODEL, _KM, "KerasModel constructor"), VERSION,
    "the model config deeplearning4j's Keras import read lacks a field a Keras 1 / 2 functional model has "
    "(class_name, config, input_layers, output_layers, layers): a config written by a Keras whose format the "
    "importer does not read (Keras 3), a subclassed model, or a file that is not a whole model", DL4J_CONFIG_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Could not find list of input layers (no input_layers field "
               "found)",
    [_q(DL4J_REPO, DL4J_MODEL, _KM, '"Could not determine Keras model class (no " + config.getFieldClassName() + " '
        'field found)"', '"Could not find model configuration details (no "', '"Could not find list of input layers '
        '(no "', '"Could not find list of output layers (no "', '"Could not find layer configurations (no " + '
        '(config.getModelFieldLayers() + " field found)")')])
add("Requires model configuration as either JSON or YAML",
    lit("Requires model configuration as either JSON or YAML"),
    src(DL4J_REPO, DL4J_MODELUTILS, _MU, "parseModelConfig"), "model_load_failed",
    "deeplearning4j's Keras import found no model configuration: the .h5 holds weights only (model.save_weights), or "
    "no JSON / YAML config was passed with a weights file", DL4J_H5_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Requires model configuration as either JSON or YAML string.",
    [_q(DL4J_REPO, DL4J_MODELUTILS, _MU, '"Requires model configuration as either JSON or YAML "')])
_WEIGHTS_MEANING = ("the weights deeplearning4j's Keras import read do not fit the layers of the config: the weights come "
                    "from another model (or another version of its code: other layer names or counts), or the file "
                    "stores them in a layout (nested groups of a newer Keras) this importer release does not read")
add("{No weights found for layer in model|Found weights for layer not in model|Attemping to copy weights for layer "
    "not in model|Found {n} weights for layer with {m} trainable params} (named {layerName})",
    r"(?:No weights found for layer in model|Found weights for layer not in model|Attemping to copy weights for layer "
    r"not in model|Found \d{1,6} weights for layer with \d{1,6} trainable params) \(named (?P<keras_layer>[\w./-]{1,160})\)",
    src(DL4J_REPO, DL4J_MODELUTILS, _MU, "importWeights, copyWeightsToModel"), VERSION, _WEIGHTS_MEANING,
    DL4J_WEIGHTS_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Found weights for layer not in model (named dense_3)",
    [_q(DL4J_REPO, DL4J_MODELUTILS, _MU, '"No weights found for layer in model (named " + layerName + ")"',
        '"Attemping to copy weights for layer not in model (named " + layerName + ")"',
        '"Found weights for layer not in model (named " + layerName + ")"',
        '"Found " + layerParamNames.size() + " weights for layer with " + layer.getNumParams()',
        '+ " trainable params (named " + layerName + ")"')])
add("Could not find weights required for layer {layerName}",
    r"Could not find weights required for layer (?P<keras_layer>[\w./-]{1,160})",
    src(DL4J_REPO, DL4J_MODELUTILS, _MU, "importWeights"), VERSION, _WEIGHTS_MEANING, DL4J_WEIGHTS_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Could not find weights required for layer dense_1",
    [_q(DL4J_REPO, DL4J_MODELUTILS, _MU, '"Could not find weights required for layer " + layerName')])
add("Inputs with {n} dimensions not supported",
    r"Inputs with (?P<got_rank>\d{1,2}) dimensions not supported",
    src(DL4J_REPO, DL4J_LOSS, _KI, "KerasInput: getOutputType and the constructors"), VERSION,
    "deeplearning4j's Keras import maps Keras inputs of 1 to 4 dimensions (without the batch) to its input types "
    "(feed-forward, recurrent, 2D and 3D convolutional): the model's input has a rank it cannot import (or a shape of "
    "unknown rank)",
    "Give the Keras model an input of at most 4 dimensions besides the batch (reshape higher-rank data before the "
    "model, or fold a dimension into the channels) and save again; or " + DL4J_UPGRADE,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Inputs with 5 dimensions not supported",
    [_q(DL4J_REPO, DL4J_LOSS, _KI, '"Inputs with " + this.inputShape.length + " dimensions not supported"')])
add("No SameDiff Lambda layer found for Lambda layer {name}",
    r"No SameDiff Lambda layer found for Lambda ?layer (?P<keras_layer>[\w./-]{1,160})",
    src(DL4J_REPO, DL4J_LAYERUTILS, _LU, "getKerasLayerFromConfig"), VERSION,
    "the Keras model has a Lambda layer (Python code the .h5 cannot carry to Java), and no DL4J implementation was "
    "registered under that layer's name", DL4J_LAMBDA_FIX,
    DL4J_EXC + "UnsupportedKerasConfigurationException: No SameDiff Lambda layer found for Lambdalayer lambda_1",
    [_q(DL4J_REPO, DL4J_LAYERUTILS, _LU, '"No SameDiff Lambda layer found for Lambda" +', '"layer " + lambdaLayerName')])
add("Field {class_name|config|name} missing from layer config",
    r"Field (?P<field>\w{1,40}) missing from layer config",
    src(DL4J_REPO, DL4J_LAYERUTILS, _LU, "getClassNameFromConfig, getInnerLayerConfigFromConfig, "
        "getLayerNameFromConfig"), VERSION,
    "a layer's entry in the model config lacks a field every Keras 1 / 2 layer has (class_name, config, name): the "
    "config was written by a Keras whose layout this deeplearning4j import does not read (Keras 3 nests layers "
    "differently), or edited by hand", DL4J_CONFIG_FIX,
    DL4J_EXC + "InvalidKerasConfigurationException: Field class_name missing from layer config",
    [_q(DL4J_REPO, DL4J_LAYERUTILS, _LU, '"Field " + conf.getLAYER_FIELD_CLASS_NAME() + " missing from layer config"',
        '"Field " + conf.getLAYER_FIELD_NAME()', '+ " missing from layer config"')])
add("Layer {name} could not be mapped to Layer, Vertex, or InputPreProcessor",
    r"Layer (?P<keras_layer>[\w./-]{1,160}) could not be mapped to Layer, Vertex, or InputPreProcessor",
    src(DL4J_REPO, DL4J_MODEL, _KM, "getComputationGraphConfiguration"), VERSION,
    "deeplearning4j's Keras import read a layer it keeps only as a preprocessor (Reshape, Permute, Flatten ...) and "
    "could not build that preprocessor for the input it gets in this model: a layer arrangement this importer "
    "release does not support",
    "Rearrange the model around that layer (a Flatten / Reshape right after an Input, or after a layer of known "
    "shape), or " + DL4J_UPGRADE,
    DL4J_EXC + "UnsupportedKerasConfigurationException: Layer reshape_1 could not be mapped to Layer, Vertex, or "
               "InputPreProcessor",
    [_q(DL4J_REPO, DL4J_MODEL, _KM, '"Layer " + layer.getLayerName()', '+ " could not be mapped to Layer, Vertex, or '
        'InputPreProcessor"')])

# ---- deeplearning4j: the network the imported model runs as ----
_BL = DL4J_NN + "layers/BaseLayer.java"
_CL = DL4J_NN + "layers/convolution/ConvolutionLayer.java"
DL4J_INPUT_EXC = "org.deeplearning4j.exception.DL4JInvalidInputException: "
add("Input that is not a matrix; expected matrix (rank 2), got rank {n} array with shape {shape}. Missing "
    "preprocessor or wrong input type? {layerId}",
    r"Input that is not a matrix; expected matrix \(rank (?P<want_rank>2)\), got rank (?P<got_rank>\d{1,2}) array "
    r"with shape (?P<got_shape>\[[\d, ]{0,80}\])",
    src(DL4J_REPO, DL4J_BASELAYER, _BL, "preOutput's input validation; older releases end after the shape"),
    "input_shape_mismatch",
    "a dense (feed-forward) layer of the DL4J network got an array of another rank than [minibatch, features]: one "
    "example without its minibatch dimension (rank 1), or image / sequence data reaching a dense layer without the "
    "preprocessor a Flatten gives", DL4J_RANK_FIX,
    DL4J_INPUT_EXC + "Input that is not a matrix; expected matrix (rank 2), got rank 1 array with shape [784]. Missing "
                     "preprocessor or wrong input type? (layer name: dense_1, layer index: 0, layer type: DenseLayer)",
    [_q(DL4J_REPO, DL4J_BASELAYER, _BL, '"Input that is not a matrix; expected matrix (rank 2), got rank "',
        '+ input.rank() + " array with shape " + Arrays.toString(input.shape())',
        '+ ". Missing preprocessor or wrong input type? " + layerId()')], "rank")
add("Input size ({n} columns; shape = {shape}) is invalid: does not match layer input size (layer # inputs = {m})",
    r"Input size \((?P<got>\d{1,9}) columns; shape = (?P<got_shape>\[[\d, ]{0,80}\])\) is invalid: does not match "
    r"layer input size \(layer # inputs = (?P<want>\d{1,9})\)",
    src(DL4J_REPO, DL4J_BASELAYER, _BL, "preOutput's input validation"), "input_shape_mismatch",
    "a dense layer of the DL4J network got examples of another number of features than its input size (nIn)",
    DL4J_SIZE_FIX,
    DL4J_INPUT_EXC + "Input size (100 columns; shape = [1, 100]) is invalid: does not match layer input size (layer # "
                     "inputs = 784) (layer name: dense_1, layer index: 0, layer type: DenseLayer)",
    [_q(DL4J_REPO, DL4J_BASELAYER, _BL, '"Input size (" + input.columns() + " columns; shape = " + '
        'Arrays.toString(input.shape())', '+ ") is invalid: does not match layer input size (layer # inputs = "')])
_CONV_RANK_QUOTES = [_q(DL4J_REPO, DL4J_CONV, _CL, '"Got rank " + input.rank()', '+ " array as input to ConvolutionLayer '
                      '(layer name = " + layerName + ", layer index = "', '"Expected rank 4 array with shape '
                      '[minibatchSize, layerInputDepth, inputHeight, inputWidth]."')]
_CONV_RANK = (r"array as input to (?:Convolution|Subsampling|\w{1,40})Layer \(layer name = [^,\n]{1,160}, layer index = "
              r"\d{1,5}\) with shape (?P<got_shape>\[[\d, ]{0,80}\])\. ?Expected rank (?P<want_rank>4) array")
add("Got rank 3 array as input to ConvolutionLayer (layer name = {name}, layer index = {i}) with shape {shape}. "
    "Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, inputWidth].",
    r"Got rank (?P<got_rank>3) " + _CONV_RANK,
    src(DL4J_REPO, DL4J_CONV, _CL, "preOutput: one image, in either channel order"), "missing_batch_dimension",
    "a convolution layer of the DL4J network got one image ([channels, height, width] or [height, width, channels]) "
    "without the minibatch dimension its rank-4 input [minibatch, channels, height, width] starts with",
    "Add the minibatch dimension: image.reshape(1, c, h, w) (Nd4j.expandDims(image, 0)) for one image in NCHW; an "
    "image in NHWC ([h, w, c], as Java image loaders give it) also needs permute(0, 3, 1, 2) after adding it "
    "(NativeImageLoader.asMatrix gives [1, c, h, w] directly)",
    DL4J_INPUT_EXC + "Got rank 3 array as input to ConvolutionLayer (layer name = conv2d_1, layer index = 0) with shape "
                     "[224, 224, 3]. Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, "
                     "inputWidth]. (layer name: conv2d_1, layer index: 0, layer type: ConvolutionLayer)",
    _CONV_RANK_QUOTES)
add("Got rank {n} array as input to ConvolutionLayer (layer name = {name}, layer index = {i}) with shape {shape}. "
    "Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, inputWidth].",
    r"Got rank (?P<got_rank>(?!3 )\d{1,2}) " + _CONV_RANK,
    src(DL4J_REPO, DL4J_CONV, _CL, "preOutput"), "input_shape_mismatch",
    "a convolution layer of the DL4J network got an array of another rank than [minibatch, channels, height, width]: "
    "flat feature rows (rank 2) where the network has no InputType.convolutionalFlat preprocessor, or one level of "
    "nesting too many", DL4J_RANK_FIX,
    DL4J_INPUT_EXC + "Got rank 2 array as input to ConvolutionLayer (layer name = conv2d_1, layer index = 0) with shape "
                     "[1, 784]. Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, "
                     "inputWidth]. (Wrong input type (see InputType.convolutionalFlat()) or wrong data type?) (layer "
                     "name: conv2d_1, layer index: 0, layer type: ConvolutionLayer)",
    _CONV_RANK_QUOTES, "rank")
add("Cannot do forward pass in Convolution layer (layer name = {name}, layer index = {i}): input array {channels|depth} "
    "does not match CNN layer configuration (data input channels = {c}, [minibatch,inputDepth,height,width]={shape}; "
    "expected input channels = {e})",
    r"Cannot do forward pass in Convolution layer \(layer name = [^,\n]{1,160}, layer index = \d{1,5}\): input array "
    r"(?:channels|depth) does not match CNN layer configuration \((?:data format = \w{4}, )?data input "
    r"(?:channels|depth) = (?P<got>\d{1,6}), [^=\n]{1,60}=(?P<got_shape>\[[\d, ]{0,80}\]); expected input "
    r"(?:channels|depth) = (?P<want>\d{1,6})\)",
    src(DL4J_REPO, DL4J_CONV, _CL, "preOutput; 'input array depth' in older releases, '(data format = NCHW, ...' in "
        "newer"), "input_shape_mismatch",
    "a convolution layer of the DL4J network got images whose channel dimension (dimension 1 in NCHW) is not the "
    "layer's channel count: most often an NHWC image array ([1, 224, 224, 3]) given to a network that reads NCHW, "
    "or a grayscale image to an RGB model (or the reverse)", DL4J_CHANNELS_FIX,
    DL4J_INPUT_EXC + "Cannot do forward pass in Convolution layer (layer name = conv2d_1, layer index = 0): input array "
                     "channels does not match CNN layer configuration (data input channels = 224, [minibatch,"
                     "inputDepth,height,width]=[1, 224, 224, 3]; expected input channels = 3) (layer name: conv2d_1, "
                     "layer index: 0, layer type: ConvolutionLayer)",
    [_q(DL4J_REPO, DL4J_CONV, _CL, '"Cannot do forward pass in Convolution layer (layer name = " + layerName',
        '"): input array channels does not match CNN layer configuration"', '" (data input channels = " + '
        'input.size(1) + ", [minibatch,inputDepth,height,width]="', '"; expected" + " input channels = " + inDepth')])

_CG = DL4J_NN + "graph/ComputationGraph.java"
add("Invalid input array: network has {numInputArrays} inputs, but array is of length {n}",
    r"Invalid input array: network has (?P<want>\d{1,4}) inputs, but array is of length (?P<got>\d{1,4})",
    src(DL4J_REPO, DL4J_GRAPH, _CG, "setInputs, from output(INDArray...) / feedForward"), "input_keys_mismatch",
    "a DL4J ComputationGraph (what KerasModelImport.importKerasModelAndWeights makes of a functional Keras model) was "
    "given another number of input arrays than the model has inputs",
    "Pass one INDArray per model input, in the order of the Keras model's inputs (graph.getConfiguration()"
    ".getNetworkInputs() lists them): graph.output(input1, input2); a model with one input takes graph.output(x)",
    "java.lang.IllegalArgumentException: Invalid input array: network has 2 inputs, but array is of length 1",
    [_q(DL4J_REPO, DL4J_GRAPH, _CG, '"Invalid input array: network has " + numInputArrays', '+ " inputs, but array is of '
        'length " + inputs.length')])
_LSTM = DL4J_NN + "layers/recurrent/LSTMHelpers.java"
add("Received input with size(1) = {n} (input array shape = {shape}); input.size(1) must match layer nIn size (nIn = "
    "{m})",
    r"Received input with size\(1\) = (?P<got>\d{1,9}) \(input array shape = (?P<got_shape>\[[\d, ]{0,80}\])\); "
    r"input\.size\(1\) must match layer nIn size \(nIn = (?P<want>\d{1,9})\)",
    src(DL4J_REPO, DL4J_LSTM, _LSTM, "activateHelper"), "input_shape_mismatch",
    "an LSTM layer of the DL4J network got sequences whose dimension 1 is not its number of input features: DL4J's "
    "recurrent layers read [minibatch, features, time steps] (NCW), so a sequence laid out as Keras gives it "
    "([minibatch, time steps, features]) puts the time steps where the features belong - or the data has another "
    "feature count than the model (another vocabulary or embedding size)",
    "Lay the sequence out as [minibatch, features, time steps]: array.permute(0, 2, 1) for a Keras-ordered "
    "[minibatch, time, features] array (or configure / import the network with RNNFormat.NWC); if the layout is "
    "right, give each time step the model's input feature count (nIn)",
    DL4J_INPUT_EXC + "Received input with size(1) = 50 (input array shape = [1, 50, 8]); input.size(1) must match "
                     "layer nIn size (nIn = 8)",
    [_q(DL4J_REPO, DL4J_LSTM, _LSTM, '"Received input with size(1) = " + input.size(1)', '+ " (input array shape = " + '
        'Arrays.toString(input.shape())', '+ "); input.size(1) must match layer nIn size (nIn = " + '
        'inputWeights.size(0) + ")"')])
add("Previous activations (stored state) number of examples = {n} but input array number of examples = {m}. Possible "
    "cause: using rnnTimeStep() without calling rnnClearPreviousState() between different sequences?",
    r"Previous activations \(stored state\) number of examples = \d{1,9} but input array number of examples = "
    r"\d{1,9}",
    src(DL4J_REPO, DL4J_LSTM, _LSTM, "activateHelper"), None,
    "DL4J's rnnTimeStep keeps the last state of each sequence between calls, and the new call has another number of "
    "examples: call net.rnnClearPreviousState() before a new batch of sequences (or use output() for whole "
    "sequences) - the program's use of the stateful API; not about the request or model", None,
    DL4J_INPUT_EXC + "Previous activations (stored state) number of examples = 32 but input array number of examples "
                     "= 1. Possible cause: using rnnTimeStep() without calling rnnClearPreviousState() between "
                     "different sequences?",
    [_q(DL4J_REPO, DL4J_LSTM, _LSTM, '"Previous activations (stored state) number of examples = "', '+ " but input '
        'array number of examples = " + input.size(0)', '"rnnClearPreviousState() between different sequences?"')])

# ---- TensorFlow Java: the 1.x API (org.tensorflow:tensorflow / libtensorflow) ----
_TJ = (TF_REPO, TF_TENSOR_JAVA, TENSOR_JAVA)
add("buffer with {n} elements is not compatible with a Tensor with shape {shape}",
    r"buffer with (?P<values>\d{1,12}) elements is not compatible with a Tensor with shape "
    r"(?P<want_shape>\[[\d, -]{0,80}\])",
    src(*_TJ, "incompatibleBuffer, from Tensor.create(long[] shape, FloatBuffer / IntBuffer / ...)"),
    "input_shape_mismatch",
    "TensorFlow Java was asked to build a tensor of a shape from a buffer holding another number of values (an image "
    "of another size or channel count, a buffer not rewound / flipped, or the batch left out of the count)",
    TENSOR_SHAPE_FIX + "; rewind() / flip() the buffer after filling it",
    "java.lang.IllegalArgumentException: buffer with 50176 elements is not compatible with a Tensor with shape [1, "
    "224, 224, 3]",
    [_q(*_TJ, '"buffer with %d elements is not compatible with a Tensor with shape %s"')])
add("cannot use {BufferClass} with Tensor of type {DataType}",
    r"cannot use (?P<buffer>java\.nio\.\w{1,40}) with Tensor of type (?P<dtype>\w{1,20})",
    src(*_TJ, "incompatibleBuffer, from Tensor.create(Class, shape, ByteBuffer) and writeTo"), "dtype_mismatch",
    "a TensorFlow Java tensor was created from, or copied into, a buffer of another element type than the tensor's "
    "dtype (a FloatBuffer for an INT32 / UINT8 tensor, a float buffer for an int64 output)",
    "Use the buffer type of the tensor's dtype: FloatBuffer for FLOAT, IntBuffer for INT32, LongBuffer for INT64, "
    "ByteBuffer for UINT8 / STRING (Tensor.create(UInt8.class, shape, byteBuffer) for an image_tensor); read outputs "
    "into the buffer of the output's dtype (t.dataType())",
    "java.lang.IllegalArgumentException: cannot use java.nio.DirectFloatBufferU with Tensor of type INT32",
    [_q(*_TJ, '"cannot use %s with Tensor of type %s"')])
add("mismatched lengths ({a} and {b}) in dimension {d}",
    r"mismatched lengths \((?P<want>\d{1,9}) and (?P<got>\d{1,9})\) in dimension (?P<dimension>\d{1,2})",
    src(*_TJ, "fillShape, from Tensor.create(Object)"), "ragged_instances",
    "the Java array given to Tensor.create has rows of different lengths in one dimension (a jagged array: "
    "sequences not padded to one length), so it is no tensor",
    "Pad every row to the same length before creating the tensor (sequences to the model's max length with its "
    "padding value), or create one tensor per example",
    "java.lang.IllegalArgumentException: mismatched lengths (128 and 97) in dimension 1",
    [_q(*_TJ, '"mismatched lengths (%d and %d) in dimension %d"')])
add("cannot create Tensors with a 0 dimension",
    lit("cannot create Tensors with a 0 dimension"),
    src(*_TJ, "fillShape, from Tensor.create(Object)"), "empty_instances",
    "the Java array given to Tensor.create has an empty dimension (no examples, or an empty row)",
    "Give the tensor at least one example (skip the call when there is nothing to predict) and no empty rows",
    "java.lang.IllegalArgumentException: cannot create Tensors with a 0 dimension",
    [_q(*_TJ, '"cannot create Tensors with a 0 dimension"')])
add("cannot copy Tensor with shape {shape} into object with shape {shape}",
    r"cannot copy Tensor with shape (?P<output_shape>\[[\d, ]{0,80}\]) into object with shape "
    r"(?P<array_shape>\[[\d, ]{0,80}\])",
    src(*_TJ, "throwExceptionIfTypeIsIncompatible, from Tensor.copyTo"), None,
    "TensorFlow Java's copyTo: the Java array the program allocated for a model output has another shape than the "
    "output tensor (e.g. float[1][1000] for a [1, 1001] output with a background class, or a batch of 1 for a "
    "larger batch): allocate the array from the tensor's shape (t.shape()) - the model ran; not about the request or "
    "model", None,
    "java.lang.IllegalArgumentException: cannot copy Tensor with shape [1, 1001] into object with shape [1, 1000]",
    [_q(*_TJ, '"cannot copy Tensor with shape %s into object with shape %s"')])
add("cannot copy Tensor with {n} dimensions into an object with {m}",
    r"cannot copy Tensor with (?P<output_rank>\d{1,2}) dimensions into an object with (?P<array_rank>\d{1,2})",
    src(*_TJ, "throwExceptionIfTypeIsIncompatible, from Tensor.copyTo"), None,
    "TensorFlow Java's copyTo: the Java array allocated for a model output has another number of dimensions than the "
    "output tensor (a float[] for a [1, N] output needs float[1][N]): allocate it from t.shape() - the model ran; not "
    "about the request or model", None,
    "java.lang.IllegalArgumentException: cannot copy Tensor with 2 dimensions into an object with 1",
    [_q(*_TJ, '"cannot copy Tensor with %d dimensions into an object with %d"')])
add("cannot copy Tensor with DataType {dtype} into an object of type {class}",
    r"cannot copy Tensor with DataType (?P<dtype>\w{1,20}) into an object of type (?P<array_type>[\w.\[;$]{1,80})",
    src(*_TJ, "throwExceptionIfTypeIsIncompatible, from Tensor.copyTo"), None,
    "TensorFlow Java's copyTo: the Java array allocated for a model output has another element type than the "
    "output's dtype (a float[][] for an INT64 class-id output): use the output's type (long[][] for INT64, "
    "byte[][] for STRING) - the model ran; not about the request or model", None,
    "java.lang.IllegalArgumentException: cannot copy Tensor with DataType INT64 into an object of type [[F",
    [_q(*_TJ, '"cannot copy Tensor with DataType %s into an object of type %s"')])
add("cannot create non-scalar Tensors from arrays of boxed values",
    lit("cannot create non-scalar Tensors from arrays of boxed values"),
    src(*_TJ, "objectCompatWithType"), None,
    "TensorFlow Java builds tensors from arrays of primitives (float[][]), not of boxed values (Float[][], a "
    "List converted with toArray): convert to a primitive array first; not about the request or model", None,
    "java.lang.IllegalArgumentException: cannot create non-scalar Tensors from arrays of boxed values",
    [_q(*_TJ, '"cannot create non-scalar Tensors from arrays of boxed values"')])
add("cannot create Tensors of type {class}",
    r"cannot create Tensors of type (?P<java_type>[\w.$]{1,80})",
    src(*_TJ, "dataTypeFromClass"), None,
    "TensorFlow Java has no tensor type for that Java element type (short, char, a custom class): use float, double, "
    "int, long, boolean or byte (byte[] for strings / encoded images); not about the request or model", None,
    "java.lang.IllegalArgumentException: cannot create Tensors of type java.lang.Short",
    [_q(*_TJ, '"cannot create Tensors of type " + c.getName()')])

# ---- TensorFlow Java: the current API (org.tensorflow:tensorflow-core-api); Graph.importGraphDef's null check is
# word for word TF Java 1.x's (Graph.java:127 of tensorflow/java/src/main/java there)
_TFJ = (TFJAVA_REPO, TFJAVA_COMMIT)
add("graphDef and prefix cannot be null",
    lit("graphDef and prefix cannot be null"),
    src(*_TFJ, TFJAVA + "Graph.java", "importGraphDef; the same text in TF Java 1.x's Graph.importGraphDef"),
    "savedmodel_not_found",
    "Graph.importGraphDef was given null instead of the graph's bytes: the program did not read the frozen graph file "
    "(a wrong path or resource name, so the reader returned null)", TFJAVA_GRAPHDEF_FIX,
    "Exception in thread \"main\" java.lang.IllegalArgumentException: graphDef and prefix cannot be null\n\tat "
    "org.tensorflow.Graph.importGraphDef(Graph.java:127)",
    [_q(*_TFJ, TFJAVA + "Graph.java", 'throw new IllegalArgumentException("graphDef and prefix cannot be null");')])
add("Cannot parse GraphDef protocol buffer",
    lit("Cannot parse GraphDef protocol buffer"),
    src(*_TFJ, TFJAVA + "Graph.java", "toGraphDef / importGraphDef(byte[])"), "savedmodel_not_found",
    "TensorFlow Java could not parse the bytes it was given as a GraphDef: not a frozen graph (a SavedModel's "
    "saved_model.pb, a .pbtxt, .h5 or .tflite), or a file cut short", GRAPHDEF_PARSE_FIX,
    "org.tensorflow.exceptions.TensorFlowException: Cannot parse GraphDef protocol buffer",
    [_q(*_TFJ, TFJAVA + "Graph.java", 'throw new TensorFlowException("Cannot parse GraphDef protocol buffer", e);')])
add("Invalid tags: {tags}",
    r"Invalid tags: (?P<tags>\[[^\]\n]{0,120}\])",
    src(*_TFJ, TFJAVA + "SavedModelBundle.java", "validateTags"), "savedmodel_tags",
    "SavedModelBundle.load / loader.withTags was given no tag set or a null tag, so it cannot choose the "
    "SavedModel's MetaGraph",
    "Load with the SavedModel's serving tag: SavedModelBundle.load(dir, \"serve\") (saved_model_cli show --dir DIR "
    "lists the tag-sets)",
    "java.lang.IllegalArgumentException: Invalid tags: [null]",
    [_q(*_TFJ, TFJAVA + "SavedModelBundle.java", 'throw new IllegalArgumentException("Invalid tags: " + '
        'Arrays.toString(tags));')])
add("Graph has un-ran initializers, but the session's autoInit is false.  Run Session.initialize() before calling "
    "run().",
    r"Graph has un-ran initializers, but the session's autoInit is false",
    src(*_TFJ, TFJAVA + "Session.java", "Runner.run"), "initializer_missing_in_export",
    "the TensorFlow Java session was created with autoInit off and the graph's initializers (tables, variables "
    "created in the graph) have not run",
    "Call session.initialize() once before the first run (or create the Session with autoInit on); a SavedModel "
    "loaded with SavedModelBundle.load runs its initializers itself",
    "java.lang.IllegalStateException: Graph has un-ran initializers, but the session's autoInit is false.  Run "
    "Session.initialize() before calling run().",
    [_q(*_TFJ, TFJAVA + "Session.java", '"Graph has un-ran initializers, but the session\'s autoInit is false.  Run '
        'Session.initialize() before calling run()."')])
add("Can't pass null as an argument to a function.  Argument \"{name}\" was null.",
    r"Can't pass null as an argument to a function\. {1,2}Argument \"(?P<input>[^\"\n]{1,200})\" was null",
    src(*_TFJ, TFJAVA + "SessionFunction.java", "call; the same text in ConcreteFunction.call"), "input_keys_mismatch",
    "a TensorFlow Java signature function was called with a map whose value for one of the signature's inputs is "
    "null (the tensor was not built, or a map.get of a name the map does not hold)",
    "Put a tensor under every input name of the signature (saved_model_cli show --dir DIR --all lists them): "
    "function.call(Map.of(\"input_1\", tensor))",
    "java.lang.IllegalArgumentException: Can't pass null as an argument to a function.  Argument \"input_1\" was "
    "null.",
    [_q(*_TFJ, TFJAVA + "SessionFunction.java", '"Can\'t pass null as an argument to a function.  Argument \\""')])
add("Cannot allocate a tensor from a totally or partially unknown shape",
    lit("Cannot allocate a tensor from a totally or partially unknown shape"),
    src(*_TFJ, TFJAVA + "RawTensor.java", "allocate"), "input_shape_mismatch",
    "the program asked TensorFlow Java for a tensor of a shape with an unknown (-1) dimension, as the signature "
    "declares its batch: a tensor needs the real sizes",
    "Build the tensor with the actual sizes: the signature's -1 (batch) replaced by the number of examples, e.g. "
    "Shape.of(1, 224, 224, 3) for one image (TFloat32.tensorOf(Shape.of(1, 224, 224, 3), data))",
    "java.lang.IllegalArgumentException: Cannot allocate a tensor from a totally or partially unknown shape",
    [_q(*_TFJ, TFJAVA + "RawTensor.java", '"Cannot allocate a tensor from a totally or partially unknown shape"')])
add("Tensor size is not large enough to contain all scalar values",
    lit("Tensor size is not large enough to contain all scalar values"),
    src(*_TFJ, TFJAVA + "RawTensor.java", "allocate"), "input_shape_mismatch",
    "a TensorFlow Java tensor was allocated with fewer bytes than its shape's values take (a byte count computed "
    "for another shape or dtype)", TENSOR_SHAPE_FIX,
    "java.lang.IllegalArgumentException: Tensor size is not large enough to contain all scalar values",
    [_q(*_TFJ, TFJAVA + "RawTensor.java", '"Tensor size is not large enough to contain all scalar values"')])

# ---- TensorFlowSharp, TensorFlow.NET, ML.NET ----
_TFS = (TFSHARP_REPO, TFSHARP_COMMIT, "TensorFlowSharp/Tensorflow.cs")
add("An operation named {op} is not in this graph.",
    r"An operation named (?P<input>[^\s\n]{1,200}) is not in this graph",
    src(*_TFS, "TFSession.Runner.ParseOutput: AddInput / Fetch by name"), "input_keys_mismatch",
    "a TensorFlowSharp runner was given an input or output name the graph has no operation of (a Keras layer name, "
    "a signature key, or a name without the import/ prefix the graph was imported with)", TFNET_OP_FIX,
    "System.ArgumentOutOfRangeException: Specified argument was out of the range of valid values.\nParameter name: "
    "An operation named input_1 is not in this graph.",
    [_q(*_TFS, 'throw new ArgumentOutOfRangeException($"An operation named {op} is not in this graph.");')])
_TFN = (TFNET_REPO, TFNET_COMMIT)
add("Could not find operation \"{operName}\" inside graph \"{graph_key}\".",
    r"Could not find operation \"(?P<input>[^\"\n]{1,200})\" inside graph",
    src(*_TFN, "src/TensorFlowNET.Core/Graphs/Graph.Operation.cs", "OperationByName"), "input_keys_mismatch",
    "TensorFlow.NET's graph has no operation of the name the program feeds or fetches (a Keras layer name, a "
    "signature key, a tensor name with :0, or without the prefix the graph was imported with)", TFNET_OP_FIX,
    "Tensorflow.ValueError: Could not find operation \"input_1\" inside graph \"grap-key-1/\".",
    [_q(*_TFN, "src/TensorFlowNET.Core/Graphs/Graph.Operation.cs", 'throw new ValueError($"Could not find operation '
        '\\"{operName}\\" inside graph \\"{_graph_key}\\".");')])
add("Tensor {v} does not match the expected dtype {dtype}, actual dtype: {dtype}",
    r"does not match the expected dtype (?P<want_dtype>\w{1,20}), actual dtype: (?P<got_dtype>\w{1,20})",
    src(*_TFN, "src/TensorFlowNET.Core/Sessions/BaseSession.cs", "_do_run"), "dtype_mismatch",
    "TensorFlow.NET's session was fed a tensor of another dtype than the placeholder's (float32 pixels for a uint8 "
    "image_tensor, float64 from a double[] for float32)",
    "Feed the placeholder's dtype: build the NDArray / Tensor from float[] for TF_FLOAT, byte[] for TF_UINT8, or cast "
    "(np.array(data).astype(np.float32)) before session.run",
    "Tensorflow.ValueError: Tensor tf.Tensor '0' shape=(1,224,224,3) dtype=float64 does not match the expected dtype "
    "TF_FLOAT, actual dtype: TF_DOUBLE",
    [_q(*_TFN, "src/TensorFlowNET.Core/Sessions/BaseSession.cs", 'does not match the expected dtype {key.dtype}, actual '
        'dtype: {v.dtype}")')])
_TFN_LOAD = "src/TensorFlowNET.Keras/Saving/SavedModel/load.cs"
add("SavedModel saved prior to TF 2.5 detected when loading Keras model, please use higher version or submit an "
    "issue to https://github.com/SciSharp/TensorFlow.NET/issues. to let us know you need it.",
    r"SavedModel saved prior to TF 2\.5 detected when loading Keras model, please",
    src(*_TFN, _TFN_LOAD, "load: no keras_metadata.pb"), VERSION,
    "TensorFlow.NET's keras.models.load_model reads a Keras SavedModel's keras_metadata.pb, which TensorFlow >= 2.5 "
    "writes: the model was saved by an older TensorFlow (or is a plain tf.saved_model without Keras metadata)",
    "Save the model again with TensorFlow 2.5 or later (model.save('dir') in tf.keras, not Keras 3's .keras) and load "
    "that directory; a plain SavedModel is loaded as a graph with tf.saved_model.load / a session instead",
    "System.NotImplementedException: SavedModel saved prior to TF 2.5 detected when loading Keras model, please use "
    "higher version or submit an issue to https://github.com/SciSharp/TensorFlow.NET/issues. to let us know you need "
    "it.",
    [_q(*_TFN, _TFN_LOAD, '"SavedModel saved prior to TF 2.5 detected when loading Keras model, please"')])
add("Model load of h5 format has not been supported. Please submit an issue to "
    "https://github.com/SciSharp/TensorFlow.NET/issues if it's needed.",
    r"Model load of h5 format has not been supported",
    src(*_TFN, _TFN_LOAD, "load_model given a file"), "savedmodel_not_found",
    "TensorFlow.NET's keras.models.load_model loads a SavedModel directory only, and was given a file (an .h5 / "
    ".keras file, or a path into the directory)",
    "Save the model as a SavedModel directory with TensorFlow 2.5+ (model.save('model_dir') in tf.keras) and give "
    "load_model that directory (the one holding saved_model.pb and keras_metadata.pb); for weights in .h5, build the "
    "model in C# and call model.load_weights(\"weights.h5\")",
    "System.NotImplementedException: Model load of h5 format has not been supported. Please submit an issue to "
    "https://github.com/SciSharp/TensorFlow.NET/issues if it's needed.",
    [_q(*_TFN, _TFN_LOAD, '"Model load of h5 format has not been supported.')])
_TFN_H5 = "src/TensorFlowNET.Keras/Saving/hdf5_format.cs"
add("keras version should be 2.5.0 or later.",
    lit("keras version should be 2.5.0 or later"),
    src(*_TFN, _TFN_H5, "load_weights_from_hdf5_group"), VERSION,
    "TensorFlow.NET reads .h5 weights written by Keras 2.5 or later, and the file's keras_version is older",
    "Save the weights again with a Keras / TensorFlow 2.5 or later (model.save_weights('w.h5')), then load them",
    "Tensorflow.ValueError: keras version should be 2.5.0 or later.",
    [_q(*_TFN, _TFN_H5, 'throw new ValueError("keras version should be 2.5.0 or later.");')])
_TFN_REVIVE = "src/TensorFlowNET.Keras/Saving/KerasObjectLoader.cs"
add("Cannot revive {name} from the config or customized object. | Cannot revive the layer {identifier}.",
    r"Cannot revive (?:the layer (?P<keras_layer>[\w./-]{1,160})|(?P<layer2>[\w./-]{1,160}) from the config or customized "
    r"object)",
    src(*_TFN, _TFN_REVIVE, "_revive_layer_or_model_from_config, _revive_from_config"), VERSION,
    "TensorFlow.NET's Keras loader has no C# implementation of a layer class of the saved model (a layer TF.NET does "
    "not implement yet, or a custom layer) and none was registered",
    "Rebuild the model from layers TensorFlow.NET implements (its Keras layer list) and save again, register the "
    "custom layer's C# class before loading, or run the SavedModel as a graph (tf.saved_model.load / a session) "
    "instead of as a Keras model",
    "Tensorflow.ValueError: Cannot revive the layer Custom>MyAttention.",
    [_q(*_TFN, _TFN_REVIVE, 'throw new ValueError($"Cannot revive {metadata.Name} from the config or customized '
        'object.");', 'throw new ValueError($"Cannot revive the layer {identifier}.");')])
_ML = (MLNET_REPO, MLNET_COMMIT)
add("TensorFlow exception triggered while loading model from '{modelFile}'",
    r"TensorFlow exception triggered while loading model from '(?P<path>[^'\n]{0,300})'",
    src(*_ML, MLNET_TF + "TensorflowUtils.cs", "LoadTFSession / LoadTFSessionByModelFilePath"),
    "model_load_failed",
    "ML.NET's LoadTensorFlowModel could not import the file as a frozen TensorFlow graph (the TensorFlow error it "
    "wraps follows): a path that does not exist, or a file that is no frozen GraphDef (a SavedModel's saved_model.pb "
    "- give ML.NET the SavedModel directory instead - an .h5, a .pbtxt, a cut download)", GRAPHDEF_PARSE_FIX,
    "System.InvalidOperationException: TensorFlow exception triggered while loading model from "
    "'C:\\models\\saved_model.pb'",
    [_q(*_ML, MLNET_TF + "TensorflowUtils.cs",
        "throw ectx.Except(ex, $\"TensorFlow exception triggered while loading model from '{modelFile}'\");")])
_MLNET_TYPE = [_q(*_ML, MLNET_TF + "TensorflowTransform.cs",
                  "$\"Input type '{tfInputType}' of input column '{input}' is not supported in TensorFlow\"")]
add("Input type '{tfInputType}' of input column '{input}' is not supported in TensorFlow",
    r"Input type '(?!TF_HALF')(?P<dtype>\w{1,30})' of input column '(?P<input>[^'\n]{1,200})' is not supported in "
    r"TensorFlow",
    src(*_ML, MLNET_TF + "TensorflowTransform.cs", "GetInputInfo"), "dtype_mismatch",
    "ML.NET's TensorFlow transformer cannot feed the graph input's dtype (ML.NET feeds float, double, integer, bool "
    "and string tensors; a resource / complex / quantized input has no ML.NET column type)",
    "Export the graph with an input of a type ML.NET feeds (float32, int64, string) and cast inside the graph to what "
    "the model computes in, or name another placeholder of a fed type as the input column",
    "System.ArgumentOutOfRangeException: Input type 'TF_RESOURCE' of input column 'input_1' is not supported in "
    "TensorFlow (Parameter 'session')", _MLNET_TYPE)
add("Input type 'TF_HALF' of input column '{input}' is not supported in TensorFlow",
    r"Input type 'TF_HALF' of input column '(?P<input>[^'\n]{1,200})' is not supported in TensorFlow",
    src(*_ML, MLNET_TF + "TensorflowTransform.cs", "GetInputInfo: a float16 input"), "dtype_unsupported_half",
    "ML.NET's TensorFlow transformer has no column type for a float16 (TF_HALF) graph input, so it cannot feed it",
    "Export the model with a float32 input and cast to float16 inside the graph (tf.cast(x, tf.float16) after the "
    "input, or keep the Keras mixed-precision policy's float32 input layer), then feed Single (float) columns",
    "System.ArgumentOutOfRangeException: Input type 'TF_HALF' of input column 'input_1' is not supported in "
    "TensorFlow (Parameter 'session')", _MLNET_TYPE)

# ---- DJL (Deep Java Library): the TensorFlow engine and the model zoo's Criteria ----
add("No TensorFlow model found in: {modelDir}",
    r"No TensorFlow model found in: ?(?P<path>[^\s\n]{1,300})",
    src(DJL_REPO, DJL_TF_COMMIT, DJL_TF + "TfModel.java", "load"), "savedmodel_not_found",
    "DJL's TensorFlow engine found no SavedModel under the model path: no saved_model.pb in the directory (nor in a "
    "folder named after the model) - a path one level above or below it, a frozen .pb or an .h5",
    "Point DJL's Criteria.optModelPath / optModelUrls at the directory that directly holds saved_model.pb and "
    "variables/ (or name the model folder with optModelName); DJL's TensorFlow engine loads SavedModels only (export "
    "with model.save('dir') / tf.saved_model.save)",
    "java.io.FileNotFoundException: No TensorFlow model found in: /opt/models/resnet",
    [_q(DJL_REPO, DJL_TF_COMMIT, DJL_TF + "TfModel.java",
        'throw new FileNotFoundException("No TensorFlow model found in: " + modelDir);')])
add("No model with the specified URI or the matching Input/Output type is found.",
    lit("No model with the specified URI or the matching Input/Output type is found"),
    src(DJL_REPO, DJL_HEAD, "api/src/main/java/ai/djl/repository/zoo/Criteria.java", "loadModel"),
    "savedmodel_not_found",
    "DJL's Criteria.loadModel found no model loader that loads the model: nothing at the model URI / path, an engine "
    "(ai.djl.tensorflow:tensorflow-engine) not on the classpath, or a Translator whose input / output types "
    "differ from setTypes (the cause DJL logs at debug level)",
    "Point optModelPath / optModelUrls at the SavedModel directory (the one holding saved_model.pb), add the engine "
    "dependency (ai.djl.tensorflow:tensorflow-engine and its native library) and optEngine(\"TensorFlow\"), and give "
    "setTypes the types of the Translator used; run with -Dorg.slf4j.simpleLogger.defaultLogLevel=debug to see the "
    "loader's own reason",
    "ai.djl.repository.zoo.ModelNotFoundException: No model with the specified URI or the matching Input/Output type "
    "is found.",
    [_q(DJL_REPO, DJL_HEAD, "api/src/main/java/ai/djl/repository/zoo/Criteria.java",
        '"No model with the specified URI or the matching Input/Output type is found."')])


# ------------------------------------------------------------------------------------------------ TF C API

C_API_LITERAL = "Invalid GraphDef"
C_API_LIB = "libtensorflow_cc.so.2"


def c_api_rows() -> list[Row]:
    """The C API's TF_GraphImportGraphDef refusing bytes it cannot parse as a GraphDef, read from the installed
    TensorFlow's libtensorflow_cc (c_api.cc is linked there; every libtensorflow that TF Java 1.x, TensorFlowSharp,
    Emgu TF and ML.NET's TensorFlow.NET load carries the same code)."""
    lib = TF / C_API_LIB
    if not lib.exists() or not any(line == C_API_LITERAL for line in library_strings(lib).splitlines()):
        raise SystemExit(f"{WHO}: {C_API_LITERAL!r} is not a string of {lib}")
    return [("Invalid GraphDef",
             r"\bInvalid GraphDef\b",
             f"tensorflow {C_API_LIB} (strings: '{C_API_LITERAL}'; tensorflow/c/c_api.cc TF_GraphImportGraphDef, "
             "the GraphDef's ParseFromArray failed)", "savedmodel_not_found",
             "the TensorFlow C API (under TF Java 1.x's Graph.importGraphDef, TensorFlowSharp's TFGraph.Import, Emgu "
             "TF, ML.NET's frozen-graph loading) could not parse the bytes as a GraphDef: not a frozen graph (a "
             "SavedModel's saved_model.pb, a .pbtxt, .h5 or .tflite), a file cut short, or a graph above protobuf's "
             "size limit", GRAPHDEF_PARSE_FIX,
             "TensorFlow.TFException: Invalid GraphDef\n  at TensorFlow.TFStatus.CheckMaybeRaise (TensorFlow.TFStatus "
             "incomingStatus, System.Boolean last)")]


# ------------------------------------------------------------------------------------------------ TF 1.x kernels

OLD_TF = ("tensorflow==1.8.0", ("--only-binary=:all:", "--python-version", "36", "--platform", "manylinux1_x86_64"),
          "tensorflow-1.8.0.data/purelib/tensorflow/python/_pywrap_tensorflow_internal.so")
"""A TensorFlow 1.x release whose Softmax kernel (softmax_op.h) takes matrices only, as the libtensorflow of TF Java 1.x
and TensorFlowSharp / Emgu TF of that time: its library is read (fetched once into explain_index_tf1's WHEELS
folder, never installed), as explain_index_releases reads 1.15.5's."""
SOFTMAX_LITERAL = "logits must be 2-dimensional"


def old_tf_strings() -> str:
    """``strings -n 8`` of OLD_TF's library, kept beside the wheel as explain_index_releases keeps its releases'."""
    req, options, lib = OLD_TF
    wheel = _wheel(req, WHEELS, options)
    cache = wheel.with_name(f"{wheel.name}.{hashlib.sha256(lib.encode()).hexdigest()[:12]}.strings")
    if not cache.exists():
        with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory(prefix="sigcheck-release-") as tmp:
            path = Path(z.extract(lib, tmp))
            text = subprocess.run(["strings", "-n", "8", str(path)], capture_output=True, text=True,
                                  check=True).stdout
        part = cache.with_name(f".{cache.name}.tmp")
        part.write_text(text, encoding="utf-8")
        part.replace(cache)
    return cache.read_text(encoding="utf-8")


def softmax_rows() -> list[Row]:
    """TF 1.x's Softmax kernel refusing logits of rank above 2: a graph a newer TensorFlow wrote (softmax over the last
    axis of any rank: attention weights, per-pixel classes) run by an old runtime.  The literal is in 1.8.0's library
    and in none of 1.15.5's (whose Softmax takes any rank: 'logits must have >= 1 dimension') nor the installed
    TensorFlow's."""
    from explain_index_releases import release_strings

    if SOFTMAX_LITERAL not in old_tf_strings().splitlines():
        raise SystemExit(f"{WHO}: {SOFTMAX_LITERAL!r} is not a string of {OLD_TF[0]} {OLD_TF[2]}")
    newer = [t for t in release_strings("tf115").values()] + [library_strings(TF / lib) for lib in
                                                                ("libtensorflow_framework.so.2", "libtensorflow_cc.so.2")]
    if any(SOFTMAX_LITERAL in t.splitlines() for t in newer):
        raise SystemExit(f"{WHO}: {SOFTMAX_LITERAL!r} is still a string of a newer TensorFlow: not a version fact")
    return [(SOFTMAX_LITERAL, r"\blogits must be 2-dimensional\b",
             "tensorflow 1.8.0 python/_pywrap_tensorflow_internal.so (strings; core/kernels/softmax_op.h SoftmaxOp:"
             ":Compute, the Softmax / LogSoftmax kernel; not in tensorflow 1.15.5's libraries nor the installed "
             "TensorFlow's, whose Softmax takes any rank)", VERSION,
             "a Softmax (or LogSoftmax) node of the graph got logits of rank above 2, which the Softmax kernel of this "
             "old TensorFlow runtime (TF 1.x before N-D softmax: an old libtensorflow under TF Java, TensorFlowSharp, "
             "Emgu TF or Python) does not take; a newer TensorFlow built the graph with a softmax over the last axis "
             "of a higher-rank tensor (attention weights [batch, heads, seq, seq], per-pixel classes)",
             "Run the model with a TensorFlow as new as the one that built it (tensorflow 1.15's Softmax takes any "
             "rank): upgrade the runtime (org.tensorflow:tensorflow / libtensorflow_jni for TF Java, the native "
             "libtensorflow of TensorFlowSharp / Emgu TF, pip install -U tensorflow); or export again with the old "
             "TensorFlow, reshaping the logits to [-1, classes] before the softmax and back after",
             "Exception in thread \"main\" java.lang.IllegalArgumentException: logits must be 2-dimensional\n\t "
             "[[Node: bert/encoder/layer_0/attention/self/Softmax = Softmax[T=DT_FLOAT, _device=\"/job:localhost/"
             "replica:0/task:0/device:CPU:0\"](bert/encoder/layer_0/attention/self/add)]]")]


# ------------------------------------------------------------------------------------------------ checks

def check_quotes() -> int:
    """Every row's pieces are in its source files at their commits (files whose mirror is not on this machine are
    skipped); returns how many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES)


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS + c_api_rows() + softmax_rows()), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources (mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
