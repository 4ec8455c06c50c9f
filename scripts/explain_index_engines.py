"""Inference engines that load a TensorFlow / Keras / TFLite model themselves, for explain's message index (#15): what
they say when the model holds an op they have no layer for, is not the file they read, or gets an input of another
shape than it was built for, read from their sources at a named release or commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* OpenCV's dnn module (opencv/opencv): the TensorFlow importer (``Unknown layer type X in op Y`` of 3.3-3.4.0, the
  layer factory's ``Can't create layer "N" of type "T"`` that an op without a layer meets from 3.4.1 on, 4.x's
  ``DNN/TF: Can't parse layer for node=…`` log, a node input the importer never created), the learning-phase
  switch (Switch / Merge) and the training-only or unfrozen ops (RandomUniform, VarHandleOp,
  StatefulPartitionedCall …) those messages name, readNet's file and format errors (``Can't open "…"``, ``Cannot
  determine an origin framework of files``, the ONNX and TFLite readers'), the TFLite importer's unsupported operators
  (4.8+), and the layers' shape assertions a wrong input meets (a convolution's channels, a Reshape's element count,
  a Concat's or an Eltwise's inputs, a fully connected layer's width: an NHWC array or another image size than
  ``cv2.dnn.blobFromImage`` should have made), plus ``cv2.cvtColor``'s empty-image assertion (not about the model);
* Apache TVM's Relay frontends (apache/tvm, mirrored here; v0.6.0 to the last commit before Relay's Python side was
  removed): TFLite's unsupported and custom operators, dynamic range quantization, an operator code newer than the
  ``tflite`` package's schema, a tensor type it does not convert; TensorFlow's ops it does not implement, a graph
  that is not frozen, an op name Relay does not have;
* MNN (alibaba/MNN, mirrored): MNNConvert's TFLite schema check ('TFlite model version ERROR!'), the TFLite and
  TensorFlow ops it has no converter for, a file that is not a frozen graph, a TFLite tensor type, the runtime's
  unopened model file;
* ncnn (Tencent/ncnn, mirrored): load_param's old or foreign .param, a layer type the library lacks, a blob name the
  .param does not have (ex.input / ex.extract), mlir2ncnn's TensorFlow ops;
* X2Paddle (PaddlePaddle/X2Paddle, mirrored): the TensorFlow converter's ops it has no mapping for;
* Arm NN's TfLite parser (ARM-software/armnn, read with the search tool: too large to mirror here): an operator it
  cannot parse, the input / output count it reads for an operator, an operator it does not support, more than one
  subgraph.

Rockchip's rknn-toolkit is not read: its converter ships compiled (no source to read its messages from).

OpenCV's repository is too large to mirror here: its messages were read in its sources with the search tool, and
every literal a row rests on is checked in the compiled ``cv2`` module of the release the row names (the
opencv-python wheel of that release, fetched once into explain_index_tf1's WHEELS folder by ``python
scripts/explain_index_engines.py --fetch`` and never installed; absent, nothing is checked).  TVM's are checked in
the git mirror at the commit each row names (``/work/.mirror/apache+tvm/repo``; absent, nothing is checked), and so
are MNN's, ncnn's and X2Paddle's.

Each row, as in explain_index_converters: template, pattern (named captures; literal parts are the source's text),
source, category (an id of CATEGORIES.md, or None with a reading for a message that is not about the model), what it
means for someone running a Keras / TensorFlow model in that engine, a fix that names the cause, and an example as
the engine prints it (the build checks the pattern matches it).

    python scripts/explain_index_engines.py            # print the entries and how many quotes were checked
    python scripts/explain_index_engines.py --fetch    # fetch the OpenCV wheels the quotes are checked in
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, examples_match, rows_quoted  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_engines"
VERSION = "runtime_version_mismatch"
SHAPE = "input_shape_mismatch"
FILES = "savedmodel_not_found"
PHASE = "keras_learning_phase"

OPENCV_REPO = "opencv/opencv"
CV_WHEELS = {
    # release tag: (pip requirement, pip options for the wheel's own platform)
    "3.4.0": ("opencv-python==3.4.0.14", ("--only-binary=:all:", "--python-version", "36", "--platform",
                                          "manylinux1_x86_64")),
    "4.5.1": ("opencv-python-headless==4.5.1.48", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                                   "manylinux2014_x86_64")),
    "4.10.0": ("opencv-python-headless==4.10.0.84", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                                     "manylinux2014_x86_64")),
}
"""The releases whose compiled cv2 module the OpenCV rows' literals are checked in."""

TVM_REPO = "apache/tvm"
TVM_V06 = "c6f8c23c349f3ef8bacceaf3203f7cc08e6529de"
"""v0.6.0: the TFLite frontend's first 'not supported in frontend TFLite' check."""
TVM_V08 = "7b3a22e465dd6aca4729504a19beb4bc23312755"
"""v0.8.0: dynamic range quantization named; 'Graph is not frozen' in the TensorFlow frontend."""
TVM_HEAD = "5d4dc8721307cf9677becacf0395c19be130e206"
"""Relax's TFLite frontend (python/tvm/relax/frontend/tflite/tflite_frontend.py), the same check in Relax's words."""
TVM_LAST = "21095b98bb6e2d337b811a2bf306c7c031e746c5"
"""The last commit with Relay's Python frontends (the parent of ccaa534b2c 'Phase out relay python components')."""
TVM_FRONTEND = "python/tvm/relay/frontend/"

MNN_REPO, MNN_COMMIT = "alibaba/MNN", "4d40bdbd7efb73a58383bb5da867a6f41eb1776e"
"""MNN's converter (tools/converter: MNNConvert, mnnconvert) and runtime; the messages read here are worded so since
2019 (5551108a added the TFLite converter's schema check)."""
NCNN_REPO, NCNN_COMMIT = "Tencent/ncnn", "a4d2ea1d4422c9e849f166fd7a4aefb52f942f6a"
X2PADDLE_REPO, X2PADDLE_COMMIT = "PaddlePaddle/X2Paddle", "4236c2a7e3e29d935fe2fe0fe9deeedd9a39a114"
ARMNN_REPO = "ARM-software/armnn"
ARMNN_PARSER = ("0d77ae103f88c7a6e6b09ef0bc2e0e47a59c4364", "src/armnnTfLiteParser/TfLiteParser.cpp")
ARMNN_CHECKS = ("5b5c222f6b0c40a8e0f9ef9dedccd6f0f18c4c2c", "src/armnnUtils/VerificationHelpers.cpp")
"""Arm NN is too large to mirror here: its TfLite parser was read with the search tool (its quotes are checked only
where a mirror of it exists)."""


def cv(tag: str, path: str, where: str) -> str:
    return src(OPENCV_REPO, tag, "modules/dnn/src/" + path, where)


# ------------------------------------------------------------------------------------------------ fixes

CV_OP_FIX = ("OpenCV's dnn module (this release) has no layer for that TensorFlow op: upgrade OpenCV (pip install -U "
             "opencv-python: its TensorFlow importer gains ops in each release), or keep the op out of the graph "
             "OpenCV reads (freeze the inference graph and run optimize_for_inference with the input and output "
             "names, so ops that only train go), or export the model to ONNX (python -m tf2onnx.convert "
             "--saved-model DIR --output model.onnx) and load it with cv2.dnn.readNetFromONNX; a custom op needs a "
             "layer registered with cv2.dnn_registerLayer")
CV_PHASE_FIX = ("The graph still holds Keras' learning-phase switch (the Switch / Merge nodes of a tf.cond on "
                "keras_learning_phase that Dropout and BatchNormalization build): call K.set_learning_phase(0) (Keras "
                "2 on the TF1 backend) before building or loading the model, freeze the graph again and run "
                "optimize_for_inference, so OpenCV reads a graph without the switch; or export to ONNX and use "
                "cv2.dnn.readNetFromONNX")
CV_TRAINING_FIX = ("The graph OpenCV reads still has an op that only runs in training (Dropout's RandomUniform, "
                   "GaussianNoise's RandomStandardNormal, TruncatedNormal): build the inference graph (the model "
                   "called with training=False; Keras 2: K.set_learning_phase(0) before loading), freeze it and run "
                   "optimize_for_inference, or export to ONNX and use cv2.dnn.readNetFromONNX")
CV_FROZEN_FIX = ("cv2.dnn.readNetFromTensorflow reads a frozen GraphDef (weights as constants, no variables, functions "
                 "inlined), not a SavedModel's saved_model.pb: freeze the model first (TF2: "
                 "convert_variables_to_constants_v2(tf.function(model).get_concrete_function(tf.TensorSpec(shape, "
                 "dtype))), then tf.io.write_graph(frozen.graph.as_graph_def(), '.', 'frozen.pb', as_text=False); TF1: "
                 "graph_util.convert_variables_to_constants) and give OpenCV frozen.pb; or export to ONNX and use "
                 "cv2.dnn.readNetFromONNX")
CV_INPUT_FIX = ("A node of the graph takes its input from a node OpenCV's importer did not create (an op it skipped "
                "or cannot import, or a placeholder outside the inference graph): freeze the graph for inference and "
                "run optimize_for_inference with the real input and output names (so only the inference path is "
                "left), or export to ONNX and use cv2.dnn.readNetFromONNX")
CV_OPEN_FIX = ("OpenCV could not open the model file: give its path as the program sees it (an absolute path, or one "
               "relative to the directory the program runs in), and check the file was downloaded whole")
CV_FORMAT_FIX = ("cv2.dnn.readNet picks its importer by the file's extension (.pb / .pbtxt TensorFlow, .onnx, .tflite, "
                 ".caffemodel / .prototxt, .weights / .cfg, .xml / .bin, .t7): a Keras .h5 / .keras file or a "
                 "SavedModel directory has none. Freeze the model to a .pb (cv2.dnn.readNetFromTensorflow) or export "
                 "it to ONNX (tf2onnx) and load that file")
CV_ONNX_FILE_FIX = ("Give cv2.dnn.readNetFromONNX the path of an .onnx file that exists where the program runs (an "
                    "absolute path), written by an ONNX exporter (tf2onnx for a TensorFlow / Keras model): a "
                    "SavedModel, an .h5, a .pb or a Git LFS pointer is not an ONNX model")
CV_TFLITE_FILE_FIX = ("Give cv2.dnn.readNetFromTFLite (OpenCV 4.8 and later) the path of a .tflite flatbuffer that "
                      "exists where the program runs, as tf.lite.TFLiteConverter wrote it (not a SavedModel, an .h5 "
                      "or a cut download)")
CV_TFLITE_OP_FIX = ("OpenCV's TFLite importer (4.8 and later) has no layer for that TFLite operator in this release: "
                    "upgrade OpenCV, convert the model without it (a layer built from supported ops), or run the "
                    ".tflite with the TFLite interpreter (tflite_runtime / tf.lite.Interpreter); custom or Flex "
                    "(SELECT_TF_OPS) operators need the TFLite runtime that has them")
CV_CHANNELS_FIX = ("Give the network images of the channel count its first convolution was built for: 3-channel "
                   "images for an RGB model (cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) for a gray one), 1-channel for a "
                   "grayscale model, made into an NCHW blob with cv2.dnn.blobFromImage(img, scalefactor, (W, H), "
                   "swapRB=...)")
CV_LAYOUT_FIX = ("OpenCV's dnn takes NCHW blobs: make the input with cv2.dnn.blobFromImage(img, scalefactor, (W, H), "
                 "mean, swapRB) (or np.transpose(x, (0, 3, 1, 2)) for an NHWC batch) instead of giving net.setInput "
                 "the NHWC image or array: the channel count it read is the image's height or width")
CV_CONV_FIX = ("The input's channels (dimension 1 of the NCHW blob) do not fit the convolution: make the input with "
               "cv2.dnn.blobFromImage(img, scalefactor, (W, H), swapRB=...) (an NHWC array given to net.setInput puts "
               "the height where the channels go) from an image of the channel count the model was trained on (3 "
               "for RGB: cv2.cvtColor(img, cv2.COLOR_GRAY2BGR) for a gray one)")
CV_SIZE_FIX = ("The network's Reshape / Flatten / Dense sizes were fixed for one input size: make the blob with "
               "cv2.dnn.blobFromImage(img, scalefactor, (W, H)) at the model's own input width and height (the "
               "training / export size), in NCHW (blobFromImage's layout, not an NHWC array)")
CV_JOIN_FIX = ("The branches joined by a Concat / Add got maps of different sizes: give the network the input size "
               "it was built for (a fully convolutional network: a width and height that are multiples of its total "
               "stride, e.g. 32) as blobFromImage's size=(W, H)")
CV_OUTPUT_FIX = ("net.forward(name) takes the name of a layer of the imported net: list them with net.getLayerNames() / "
                 "net.getUnconnectedOutLayersNames() and pass one of those (OpenCV names layers after the graph's "
                 "nodes, without ':0')")

TVM_TFLITE_FIX = ("TVM's TFLite frontend has no conversion for these operators: upgrade TVM (its frontends gain "
                  "operators each release), convert the model again with built-in ops TVM converts (replace the "
                  "layer), or import the original TensorFlow / ONNX model through TVM's frontend for it")
TVM_DYNAMIC_FIX = ("The .tflite was converted with dynamic range quantization (int8 weights, float activations), which "
                   "TVM's TFLite frontend does not run: convert with full integer quantization (optimizations + a "
                   "representative_dataset, inference_input_type / inference_output_type tf.int8) or without "
                   "quantization")
TVM_CUSTOM_FIX = ("The .tflite holds a custom or Flex (SELECT_TF_OPS) operator, which TVM's TFLite frontend does not "
                  "convert: convert the model with TFLite built-in ops only (converter.target_spec.supported_ops = "
                  "[tf.lite.OpsSet.TFLITE_BUILTINS]), replacing the layer that needs the TensorFlow op")
TVM_SCHEMA_FIX = ("The .tflite uses an operator code the installed tflite Python package (the flatbuffer schema TVM "
                  "reads the model with) does not know: a newer TensorFlow converted it. Upgrade the tflite package "
                  "(pip install -U tflite, to the version of that TensorFlow), or convert the model with an older "
                  "TensorFlow")
TVM_TENSOR_FIX = ("TVM's TFLite frontend does not convert tensors of that type: convert the model so its tensors are "
                  "float32 or full-integer int8 / uint8 (no float16 or int16 quantization), or upgrade TVM")
TVM_TF_FIX = ("TVM's TensorFlow frontend has no conversion for these ops: upgrade TVM, freeze the graph and strip ops "
              "only training needs (optimize_for_inference), or export the model to ONNX (tf2onnx) or TFLite and "
              "import that through TVM's frontend for it")
TVM_FROZEN_FIX = ("relay.frontend.from_tensorflow reads a frozen GraphDef: freeze the model so its variables "
                  "(VarHandleOp / ReadVariableOp / VariableV2) become constants (TF2: convert_variables_to_constants_v2 "
                  "on its concrete function; TF1: graph_util.convert_variables_to_constants) and pass that graph_def")
TVM_RELAY_FIX = ("This TVM has no Relay operator of that name: upgrade TVM (to a release with Relay, before 0.20), or "
                 "replace the op in the model")

MNN_SCHEMA_FIX = ("MNNConvert checks the .tflite against the TFLite schema it was built with, and this file does not "
                  "pass: a TensorFlow newer than that schema converted it (or the file is not a .tflite). Use a newer "
                  "MNN converter (pip install -U MNN for mnnconvert, or build tools/converter of a newer release), or "
                  "convert the model with an older TensorFlow; check the file is the converter's .tflite output")
MNN_OP_FIX = ("MNNConvert has no converter for that op in this release: use a newer MNN (pip install -U MNN / build "
              "MNNConvert from a newer release; --dumpSupportOp lists the ops it converts), replace the op in the "
              "model, or convert the model through ONNX (tf2onnx, then MNNConvert -f ONNX)")
MNN_FROZEN_FIX = ("MNNConvert -f TF reads a frozen GraphDef .pb: freeze the model (TF2: convert_variables_to_constants_v2 "
                  "on its concrete function, then tf.io.write_graph(..., as_text=False); TF1: "
                  "graph_util.convert_variables_to_constants) and give that file, not a SavedModel folder, its "
                  "saved_model.pb or a Keras .h5 (or convert the .tflite with -f TFLITE)")
MNN_TYPE_FIX = ("MNNConvert does not convert TFLite tensors of that type: convert the model so its tensors are float32 "
                "or full-integer int8 / uint8, or use a newer MNN")
MNN_OPEN_FIX = ("MNN could not open the .mnn file: give Interpreter.createFromFile (MNN.Interpreter in Python) the path "
                "as the program sees it (an absolute path), of a file MNNConvert wrote")
NCNN_PARAM_FIX = ("ncnn's load_param reads the text .param that begins with the magic 7767517 (load_param_bin the "
                  "binary one): give it the .param a current converter (pnnx, onnx2ncnn) wrote, not the .bin or "
                  "another format, and regenerate a .param of the old format with today's converter")
NCNN_LAYER_FIX = ("The ncnn library loading the model has no layer of that type: the .param was written by a newer "
                  "converter (pnnx / onnx2ncnn) than the library, or names a custom layer. Upgrade ncnn to the release "
                  "of the converter (or convert with the converter of the library's release), or register the custom "
                  "layer with net.register_custom_layer before load_param")
NCNN_BLOB_FIX = ("ex.input / ex.extract take blob names of the .param (pnnx writes in0, in1 … and out0 …; ncnn logs "
                 "'Try ex.input(\"…\", in0);' with the right ones): use those, not the TensorFlow / Keras tensor names")
NCNN_MLIR_FIX = ("mlir2ncnn has no conversion for that TensorFlow op: convert the model through ONNX instead (tf2onnx, "
                 "then onnx2ncnn / pnnx), or replace the op in the model")
X2PADDLE_OPS_FIX = ("X2Paddle's TensorFlow converter has no mapping for the ops it listed: upgrade X2Paddle (pip "
                    "install -U x2paddle; its op list grows each release), freeze the graph and strip ops only training "
                    "needs (optimize_for_inference), or convert through ONNX (tf2onnx, then x2paddle --framework=onnx)")
ARMNN_FIX = ("Arm NN's TfLite parser reads the .tflite files of the TensorFlow it was built against, and this "
             "operator is written otherwise (a newer converter adds inputs or options): convert the model with that "
             "TensorFlow (Arm NN's release notes name it), or upgrade Arm NN to a release that parses your converter's "
             "output; or run the model with the TFLite interpreter and Arm NN's delegate, which leaves what it cannot "
             "run to the CPU")
ARMNN_OP_FIX = ("Arm NN's TfLite parser has no layer for that operator in this release: upgrade Arm NN, convert the "
                "model without it, or run the model with the TFLite interpreter and Arm NN's delegate (the operator "
                "falls back to the CPU)")
ARMNN_SUBGRAPH_FIX = ("Arm NN's TfLite parser reads models of one subgraph: convert the model without control flow "
                      "(no tf.while_loop / tf.cond / several signatures in the .tflite), or run it with the TFLite "
                      "interpreter and Arm NN's delegate")

# ------------------------------------------------------------------------------------------------ OpenCV rows
# template | pattern | source | category | meaning | fix | example

PHASE_OPS = r"(?:Switch|Merge)"
"""A tf.cond's ops: in a Keras 2 graph, the learning-phase switch of Dropout / BatchNormalization."""
TRAINING_OPS = r"(?:RandomUniform|RandomStandardNormal|TruncatedNormal|RandomUniformInt|Multinomial)"
"""Ops that only a training graph needs (Dropout's mask, GaussianNoise, initializers)."""
UNFROZEN_OPS = (r"(?:VariableV2|VarHandleOp|ReadVariableOp|AssignVariableOp|Assign|StatefulPartitionedCall|"
                r"PartitionedCall|SaveV2|RestoreV2)")
"""Ops of a graph that is not frozen: variables, or TF2 functions not inlined (a SavedModel's saved_model.pb)."""
OTHER = rf"(?!{PHASE_OPS}\b|{TRAINING_OPS}\b|{UNFROZEN_OPS}\b)"

CV = "cv2.error: OpenCV({v}) /io/opencv/modules/dnn/src/{path}: error: ({code}) {msg} in function '{fn}'\n"
CV3 = "cv2.error: /io/opencv/modules/dnn/src/{path}: error: ({code}) {msg} in function {fn}\n"
"""How opencv-python prints a cv::Exception (3.4.2 on; 3.4.0-3.4.1 without the version and the code's name)."""
CPP = ("terminate called after throwing an instance of 'cv::Exception'\n  what():  OpenCV({v}) "
       "/build/opencv/modules/dnn/src/{path}: error: ({code}) {msg} in function '{fn}'\n\nAborted (core dumped)")
"""How a C++ program that does not catch it ends."""
ERR, ASSERT = "-2:Unspecified error", "-215:Assertion failed"

TF_IMPORTER = "tensorflow/tf_importer.cpp"
OLD_UNKNOWN = cv("3.4.0", TF_IMPORTER, "TFImporter::populateNet, 3.3-3.4.0: an op it has no branch for")
CREATE = cv("4.10.0", "net_impl.hpp", "Net::Impl::getLayerInstance, dnn.cpp's LayerData::getLayerInstance before "
            "4.6; from 3.4.1 the TensorFlow importer adds an op it has no branch for as a layer of the op's name")


def _unknown(tf_op: str, node: str) -> str:
    return CV3.format(path=f"{TF_IMPORTER}:1582", code="-2", msg=f"Unknown layer type {tf_op} in op {node}",
                      fn="populateNet")


def _create(v: str, node: str, tf_op: str, cpp: bool = False) -> str:
    fmt = CPP if cpp else CV
    return fmt.format(v=v, path="dnn.cpp:621", code=ERR, msg=f"Can't create layer \"{node}\" of type \"{tf_op}\"",
                      fn="getLayerInstance")


OPENCV_OP_ROWS = [
    ("Unknown layer type {type} in op {name}",
     rf"Unknown layer type {OTHER}(?P<operator>[\w>.-]{{1,120}}) in op (?P<node>[^\s'\"]{{1,300}})",
     OLD_UNKNOWN, VERSION,
     "OpenCV's dnn TensorFlow importer (3.3-3.4.0) has no layer for this op of the graph: an op that OpenCV "
     "release does not implement (later ones add many), or one no OpenCV imports", CV_OP_FIX,
     _unknown("Cast", "model/Cast")),
    ("Unknown layer type {type} in op {name}",
     rf"Unknown layer type (?P<operator>{PHASE_OPS}) in op (?P<node>[^\s'\"]{{1,300}})",
     OLD_UNKNOWN, PHASE,
     "OpenCV's TensorFlow importer met a tf.cond's Switch / Merge: in a Keras graph, the learning-phase switch "
     "Dropout and BatchNormalization build on keras_learning_phase, left in because the graph was frozen without "
     "fixing the learning phase", CV_PHASE_FIX, _unknown("Switch", "dropout_1/cond/Switch")),
    ("Unknown layer type {type} in op {name}",
     rf"Unknown layer type (?P<operator>{TRAINING_OPS}) in op (?P<node>[^\s'\"]{{1,300}})",
     OLD_UNKNOWN, VERSION,
     "OpenCV's TensorFlow importer met an op only training runs (a Dropout mask's RandomUniform, GaussianNoise): the "
     "frozen graph is the training graph, not the inference one", CV_TRAINING_FIX,
     _unknown("RandomUniform", "dropout/random_uniform/RandomUniform")),
    ("Unknown layer type {type} in op {name}",
     rf"Unknown layer type (?P<operator>{UNFROZEN_OPS}) in op (?P<node>[^\s'\"]{{1,300}})",
     OLD_UNKNOWN, VERSION,
     "OpenCV's TensorFlow importer met a variable or an un-inlined TF2 function call: the .pb given is not a frozen "
     "graph (the graph file of a TF2 export, its functions not inlined, or a graph written before freezing)",
     CV_FROZEN_FIX,
     _unknown("VariableV2", "conv2d_1/kernel")),
    ("Can't create layer \"{name}\" of type \"{type}\"",
     rf"Can't create layer \"(?P<node>[^\"\n]{{1,300}})\" of type \"(?P<operator>{PHASE_OPS})\"",
     CREATE, PHASE,
     "OpenCV's dnn has no layer for a tf.cond's Switch / Merge: in a Keras graph, the learning-phase switch Dropout "
     "and BatchNormalization build on keras_learning_phase, left in because the graph was frozen without fixing the "
     "learning phase", CV_PHASE_FIX, _create("3.4.3", "dropout_1/cond/Switch", "Switch")),
    ("Can't create layer \"{name}\" of type \"{type}\"",
     rf"Can't create layer \"(?P<node>[^\"\n]{{1,300}})\" of type \"(?P<operator>{TRAINING_OPS})\"",
     CREATE, VERSION,
     "OpenCV's dnn has no layer for an op only training runs (a Dropout mask's RandomUniform, GaussianNoise): the "
     "frozen graph is the training graph, not the inference one", CV_TRAINING_FIX,
     _create("4.1.0", "dropout/random_uniform/RandomUniform", "RandomUniform")),
    ("Can't create layer \"{name}\" of type \"{type}\"",
     rf"Can't create layer \"(?P<node>[^\"\n]{{1,300}})\" of type \"(?P<operator>{UNFROZEN_OPS})\"",
     CREATE, VERSION,
     "OpenCV's dnn has no layer for a variable or an un-inlined TF2 function call (StatefulPartitionedCall): the .pb "
     "given to readNetFromTensorflow is not a frozen graph (the graph file of a TF2 export, its functions not "
     "inlined, or a graph written before freezing)", CV_FROZEN_FIX, _create("4.5.1", "StatefulPartitionedCall", "StatefulPartitionedCall")),
    ("Can't create layer \"{name}\" of type \"{type}\"",
     rf"Can't create layer \"(?P<node>[^\"\n]{{1,300}})\" of type \"{OTHER}(?P<operator>[^\"\n]{{1,120}})\"",
     CREATE, VERSION,
     "OpenCV's dnn has no layer of this type: its importer met an op (TensorFlow, TFLite or ONNX) this OpenCV "
     "release does not implement (later ones add many), or one no OpenCV imports, and added it as a custom layer "
     "nobody registered", CV_OP_FIX, _create("4.5.1", "flatten/Shape", "Shape")),
    ("DNN/TF: Can't parse layer for node='{name}' of type='{type}'. Exception: {what}",
     r"DNN/TF: Can't parse layer for node='(?P<node>[^'\n]{1,300})' of type='(?P<operator>[^'\n]{1,120})'",
     cv("4.10.0", TF_IMPORTER, "TFImporter::parseNode, 4.5.3 on: logged before the exception is raised again"),
     VERSION,
     "OpenCV's TensorFlow importer could not convert this node: an op, or a use of it (inputs that are not "
     "constants, an attribute), that this OpenCV release does not support; the exception after it says what failed",
     CV_OP_FIX,
     "[ERROR:0@0.412] global tf_importer.cpp:3154 parseNode DNN/TF: Can't parse layer for node='model/tf.math."
     "multiply/Mul' of type='Mul'. Exception: OpenCV(4.10.0) /io/opencv/modules/dnn/src/tensorflow/tf_importer.cpp:"
     "1665: error: (-215:Assertion failed) (constId != -1) || (num_inputs == 2) in function 'parseMul'"),
    ("Input layer not found: {name}",
     r"Input layer not found: (?P<input>keras_learning_phase)\b",
     cv("4.10.0", TF_IMPORTER, "TFImporter::connect"), PHASE,
     "a node of the graph takes the keras_learning_phase placeholder as input (Keras' learning-phase switch), which "
     "OpenCV does not create: the graph was frozen without fixing the learning phase", CV_PHASE_FIX,
     CV.format(v="4.1.0", path=f"{TF_IMPORTER}:497", code=ERR, msg="Input layer not found: keras_learning_phase",
               fn="connect")),
    ("Input layer not found: {name}",
     r"Input layer not found: (?!keras_learning_phase\b)(?P<node>[^\s'\"]{1,300})",
     cv("4.10.0", TF_IMPORTER, "TFImporter::connect"), VERSION,
     "a node of the graph takes its input from a node OpenCV's TensorFlow importer did not create (an op it skipped "
     "or cannot import, control flow, or a placeholder outside the inference graph)", CV_INPUT_FIX,
     CV.format(v="4.5.1", path=f"{TF_IMPORTER}:525", code=ERR, msg="Input layer not found: lstm/while/Exit_2",
               fn="connect")),
    ("Unsupported operator type {type}",
     r"Unsupported operator type (?P<operator>[A-Z][A-Z0-9_]{1,60})\b",
     cv("4.10.0", "tflite/tflite_importer.cpp", "TFLiteImporter::populateNet, 4.8 on"), VERSION,
     "OpenCV's TFLite importer (readNetFromTFLite, 4.8 and later) has no layer for this TFLite builtin operator in "
     "this release", CV_TFLITE_OP_FIX,
     CV.format(v="4.10.0", path="tflite/tflite_importer.cpp:248", code="-213:The function/feature is not implemented",
               msg="Unsupported operator type SHAPE", fn="populateNet")),
    ("Const input blob for weights not found",
     r"Const input blob for weights not found",
     cv("4.10.0", TF_IMPORTER, "TFImporter::getConstBlob: a convolution's or MatMul's weights"), VERSION,
     "OpenCV's TensorFlow importer looked for a layer's weights as a Const node of the graph and found none: the "
     "weights still come from variables (ReadVariableOp / Identity of a variable), so the graph was not frozen for "
     "inference", CV_FROZEN_FIX,
     CV.format(v="4.5.1", path=f"{TF_IMPORTER}:614", code=ERR, msg="Const input blob for weights not found",
               fn="getConstBlob")),
    ("Input [{input}] for node [{node}] not found",
     r"Input \[(?P<input>[^\]\n]{1,200})\] for node \[(?P<node>[^\]\n]{1,200})\] not found",
     cv("4.10.0", TF_IMPORTER, "TFImporter::getConstBlob, reading the text graph (.pbtxt) given with the .pb"),
     VERSION,
     "the text graph (.pbtxt) given to readNetFromTensorflow with the frozen .pb names a node the .pb does not have: "
     "it was generated for another model or by another version of OpenCV's tf_text_graph_*.py scripts",
     "Generate the .pbtxt again from this very frozen .pb with the tf_text_graph_ssd.py / tf_text_graph_faster_rcnn.py "
     "/ tf_text_graph_mask_rcnn.py of the installed OpenCV release (opencv/samples/dnn, with the model's pipeline "
     ".config), or give readNetFromTensorflow the .pb alone",
     CV.format(v="4.5.1", path=f"{TF_IMPORTER}:600", code=ERR, msg="Input [image_tensor] for node "
               "[Preprocessor/sub] not found", fn="getConstBlob")),
]

READ = "dnn_read.cpp (readNet; dnn.cpp before 4.6)"
OPENCV_FILE_ROWS = [
    ("FAILED: fs.is_open(). Can't open \"{path}\"",
     r"FAILED: fs\.is_open\(\)\. ?Can't open \"(?P<path>[^\"\n]{1,300})\"",
     cv("4.10.0", "caffe/caffe_io.cpp", "ReadProtoFromBinaryFile / ReadProtoFromTextFile: a CHECK of the glog "
        "emulator; readNetFromTensorflow and readNetFromCaffe read their files with it"), FILES,
     "OpenCV could not open the model file it was given (readNetFromTensorflow / readNet): no file at that path as "
     "the program sees it", CV_OPEN_FIX,
     CV.format(v="4.5.1", path="caffe/caffe_io.cpp:1121", code=ERR,
               msg="FAILED: fs.is_open(). Can't open \"frozen_inference_graph.pb\"", fn="ReadProtoFromBinaryFile")),
    ("Cannot determine an origin framework of files: {model}[, {config}]",
     r"Cannot determine an origin framework of files: ?(?P<path>[^\s,'\"]{1,300})",
     cv("4.10.0", READ, "none of its importers takes the file's extension"), FILES,
     "cv2.dnn.readNet chooses its importer by the model file's extension, and this one (a Keras .h5 / .keras file, a "
     "model directory, a .pth) is none it reads", CV_FORMAT_FIX,
     CV.format(v="4.5.5", path="dnn.cpp:1125", code=ERR, msg="Cannot determine an origin framework of files: model.h5",
               fn="readNet")),
    ("Can't read ONNX file: {path}",
     r"Can't read ONNX file: ?(?P<path>[^\s'\"]{1,300})",
     cv("4.10.0", "onnx/onnx_importer.cpp", "ONNXImporter::ONNXImporter"), FILES,
     "cv2.dnn.readNetFromONNX could not open the file: no file at that path as the program sees it", CV_ONNX_FILE_FIX,
     CV.format(v="4.5.1", path="onnx/onnx_importer.cpp:60", code="-5:Bad argument", msg="Can't read ONNX file: "
               "model.onnx", fn="ONNXImporter")),
    ("Failed to parse ONNX model: {path}",
     r"Failed to parse ONNX model: ?(?P<path>[^\s'\"]{1,300})",
     cv("4.10.0", "onnx/onnx_importer.cpp", "ONNXImporter::ONNXImporter"), FILES,
     "cv2.dnn.readNetFromONNX opened the file but it is not an ONNX model (a TensorFlow .pb or a Keras .h5 given "
     "instead, a Git LFS pointer, a cut download)", CV_ONNX_FILE_FIX,
     CV.format(v="4.5.1", path="onnx/onnx_importer.cpp:64", code="-210:Unsupported format or combination of formats",
               msg="Failed to parse ONNX model: saved_model.pb", fn="ONNXImporter")),
    ("DNN/TFLite: can't open model file '{path}'",
     r"DNN/TFLite: can't open model file '(?P<path>[^'\n]{1,300})'",
     cv("4.10.0", "tflite/tflite_importer.cpp", "readNetFromTFLite"), FILES,
     "cv2.dnn.readNetFromTFLite could not open the file: no file at that path as the program sees it",
     CV_TFLITE_FILE_FIX,
     CV.format(v="4.10.0", path="tflite/tflite_importer.cpp:1054", code="-2:Unspecified error",
               msg="DNN/TFLite: can't open model file 'model.tflite'", fn="readNetFromTFLite")),
    ("DNN/TFLite: model is incorrect",
     r"DNN/TFLite: model is incorrect",
     cv("4.10.0", "tflite/tflite_importer.cpp", "TFLiteImporter: the flatbuffer verifier refused the bytes"), FILES,
     "cv2.dnn.readNetFromTFLite read a file that is not a TFLite flatbuffer (a TensorFlow .pb, a Keras .h5, a Git "
     "LFS pointer, a cut download)", CV_TFLITE_FILE_FIX,
     CV.format(v="4.10.0", path="tflite/tflite_importer.cpp:99", code="-2:Unspecified error",
               msg="DNN/TFLite: model is incorrect", fn="TFLiteImporter")),
]

CONV = "layers/convolution_layer.cpp"
OPENCV_SHAPE_ROWS = [
    ("Number of input channels should be multiple of {want} but got {got}",
     r"Number of input channels should be multiple of (?P<want_channels>\d{1,5}) but got (?P<got_channels>[1-4])\b",
     cv("4.10.0", CONV, "ConvolutionLayerImpl::getMemoryShapes"), SHAPE,
     "the input's channel count (dimension 1 of the NCHW blob) is not what the first convolution was built for: an "
     "image of other channels than the model was trained on (gray for RGB, RGBA for RGB)", CV_CHANNELS_FIX,
     CV.format(v="4.5.1", path=f"{CONV}:346", code="-2:Unspecified error",
               msg="Number of input channels should be multiple of 3 but got 1", fn="getMemoryShapes")),
    ("Number of input channels should be multiple of {want} but got {got}",
     r"Number of input channels should be multiple of (?P<want_channels>\d{1,5}) but got "
     r"(?P<got_channels>[5-9]|\d{2,6})\b",
     cv("4.10.0", CONV, "ConvolutionLayerImpl::getMemoryShapes"), SHAPE,
     "the convolution read the input's dimension 1 as its channels and found a height or width there: an NHWC image "
     "or array was given to net.setInput instead of the NCHW blob cv2.dnn.blobFromImage makes", CV_LAYOUT_FIX,
     CPP.format(v="4.5.1", path=f"{CONV}:346", code="-2:Unspecified error",
                msg="Number of input channels should be multiple of 3 but got 224", fn="getMemoryShapes")),
    ("ngroups > 0 && inpCn % ngroups == 0 && outCn % ngroups == 0",
     r"ngroups ?> ?0 ?&& ?inpCn ?% ?ngroups ?== ?0 ?&& ?outCn ?% ?ngroups ?== ?0",
     cv("4.5.1", CONV, "ConvolutionLayerImpl::getMemoryShapes, before 'Number of input channels should be multiple"),
     SHAPE,
     "a convolution's input channels (dimension 1 of the NCHW blob) do not divide into its groups: an image of "
     "other channels than the model was trained on, or an NHWC array given to net.setInput instead of the NCHW blob "
     "cv2.dnn.blobFromImage makes", CV_CONV_FIX,
     CPP.format(v="4.2.0", path=f"{CONV}:282", code=ASSERT,
                msg="ngroups > 0 && inpCn % ngroups == 0 && outCn % ngroups == 0", fn="getMemoryShapes")),
    ("total(srcShape, srcRange.start, srcRange.end) == maskTotal",
     r"total\(srcShape, ?srcRange\.start, ?srcRange\.end\) ?== ?maskTotal",
     cv("4.10.0", "layers/reshape_layer.cpp", "computeShapeByReshapeMask"), SHAPE,
     "a Reshape / Flatten whose target shape was fixed when the model was imported got another number of values: "
     "the input is not the size (width, height) or layout the model was built for", CV_SIZE_FIX,
     CV.format(v="4.5.1", path="layers/reshape_layer.cpp:113", code=ASSERT,
               msg="total(srcShape, srcRange.start, srcRange.end) == maskTotal", fn="computeShapeByReshapeMask")),
    ("Inconsistent shape for ConcatLayer",
     r"Inconsistent shape for ConcatLayer",
     cv("4.5.1", "layers/concat_layer.cpp", "ConcatLayerImpl::getMemoryShapes"), SHAPE,
     "the inputs of a Concat differ in a dimension other than the joined one: the input's width or height is not "
     "the size the model was built for (branches downsampled to different sizes)", CV_JOIN_FIX,
     CV.format(v="4.5.1", path="layers/concat_layer.cpp:102", code="-201:Incorrect size of input array",
               msg="Inconsistent shape for ConcatLayer", fn="getMemoryShapes")),
    ("inputs[vecIdx][j] == inputs[i][j]",
     r"inputs\[vecIdx\]\[j\] ?== ?inputs\[i\]\[j\]",
     cv("4.10.0", "layers/eltwise_layer.cpp", "EltwiseLayerImpl::getMemoryShapes"), SHAPE,
     "the inputs of an elementwise Add / Mul (a skip connection) differ in shape: the input's width or height is not "
     "the size the model was built for", CV_JOIN_FIX,
     CV.format(v="4.5.1", path="layers/eltwise_layer.cpp:160", code=ASSERT,
               msg="inputs[vecIdx][j] == inputs[i][j]", fn="getMemoryShapes")),
    ("srcMat.dims == 2 && srcMat.cols == weights.cols && …",
     r"srcMat\.dims ?== ?2 ?&& ?srcMat\.cols ?== ?weights\.cols",
     cv("4.10.0", "layers/fully_connected_layer.cpp", "FullyConnectedLayerImpl::FullyConnected::run"), SHAPE,
     "a fully connected (Dense / MatMul) layer got rows of another width than its weights take: the input is not "
     "the size or layout the model was built for, so the flattened features differ", CV_SIZE_FIX,
     CV.format(v="4.5.1", path="layers/fully_connected_layer.cpp:162", code=ASSERT,
               msg="srcMat.dims == 2 && srcMat.cols == weights.cols && dstMat.rows == srcMat.rows && dstMat.cols == "
                   "weights.rows && srcMat.type() == weights.type() && weights.type() == dstMat.type() && "
                   "srcMat.type() == CV_32F && (biasMat.empty() || biasMat.type() == srcMat.type() && "
                   "biasMat.isContinuous() && (int)biasMat.total() == dstMat.cols)", fn="run")),
    ("Requested layer \"{name}\" not found",
     r"Requested layer \"(?P<output>[^\"\n]{1,300})\" not found",
     cv("4.10.0", "net_impl.cpp", "Net::Impl::getLayerData: net.forward(name) / getLayer(name)"),
     "input_keys_mismatch",
     "net.forward / getLayer was given a layer name the imported net does not have (a TensorFlow tensor name with "
     "':0', a Keras layer name the importer renamed or folded away)", CV_OUTPUT_FIX,
     CV.format(v="4.5.1", path="dnn.cpp:1265", code="-204:Requested object was not found",
               msg="Requested layer \"dense_2/Softmax:0\" not found", fn="getLayerData")),
]

OPENCV_OTHER_ROWS = [
    ("!_src.empty() in function 'cvtColor'",
     r"!_src\.empty\(\) in function '?(?:cv::)?cvtColor",
     src(OPENCV_REPO, "4.10.0", "modules/imgproc/src/color.cpp", "cv::cvtColor"), None,
     "cv2.cvtColor got an empty image: cv2.imread returned None (a path that does not exist or an unreadable file) "
     "or a video frame was not read; not about the request or model", None,
     "cv2.error: OpenCV(4.5.1) /tmp/pip-req-build/opencv/modules/imgproc/src/color.cpp:182: error: (-215:Assertion "
     "failed) !_src.empty() in function 'cvtColor'"),
]

OPENCV_ROWS = OPENCV_OP_ROWS + OPENCV_FILE_ROWS + OPENCV_SHAPE_ROWS + OPENCV_OTHER_ROWS

CV_QUOTES: dict[str, tuple[str, tuple[str, ...]]] = {
    # template: (release whose cv2 module holds the pieces, pieces)
    # (the rows that read one message for several ops share its template: Unknown layer type, Can't create layer …)
    OPENCV_OP_ROWS[0][0]: ("3.4.0", ("Unknown layer type %s in op %s",)),
    OPENCV_OP_ROWS[4][0]: ("4.10.0", ("Can't create layer \"", "\" of type \"")),
    OPENCV_OP_ROWS[8][0]: ("4.10.0", ("DNN/TF: Can't parse layer for node='", "' of type='", "'. Exception: ")),
    OPENCV_OP_ROWS[9][0]: ("4.10.0", ("Input layer not found: ",)),
    OPENCV_OP_ROWS[11][0]: ("4.10.0", ("Unsupported operator type ",)),
    OPENCV_OP_ROWS[12][0]: ("4.10.0", ("Const input blob for weights not found",)),
    OPENCV_OP_ROWS[13][0]: ("4.10.0", ("Input [", "] for node [", "] not found")),
    OPENCV_FILE_ROWS[0][0]: ("4.10.0", ("FAILED: ", "fs.is_open()", "Can't open \"")),
    OPENCV_FILE_ROWS[1][0]: ("4.10.0", ("Cannot determine an origin framework of files: ",)),
    OPENCV_FILE_ROWS[2][0]: ("4.10.0", ("Can't read ONNX file: %s",)),
    OPENCV_FILE_ROWS[3][0]: ("4.10.0", ("Failed to parse ONNX model: %s",)),
    OPENCV_FILE_ROWS[4][0]: ("4.10.0", ("DNN/TFLite: can't open model file '%s'",)),
    OPENCV_FILE_ROWS[5][0]: ("4.10.0", ("DNN/TFLite: model is incorrect",)),
    OPENCV_SHAPE_ROWS[0][0]: ("4.10.0", ("Number of input channels should be multiple of %d but got %d",)),
    OPENCV_SHAPE_ROWS[2][0]: ("4.5.1", ("ngroups > 0 && inpCn % ngroups == 0 && outCn % ngroups == 0",)),
    OPENCV_SHAPE_ROWS[3][0]: ("4.10.0", ("total(srcShape, srcRange.start, srcRange.end) == maskTotal",
                                         "computeShapeByReshapeMask")),
    OPENCV_SHAPE_ROWS[4][0]: ("4.5.1", ("Inconsistent shape for ConcatLayer",)),
    OPENCV_SHAPE_ROWS[5][0]: ("4.10.0", ("inputs[vecIdx][j] == inputs[i][j",)),
    OPENCV_SHAPE_ROWS[6][0]: ("4.10.0", ("srcMat.dims == 2 && srcMat.cols == weights.cols && dstMat.rows == "
                                         "srcMat.rows && dstMat.cols == weights.rows",)),
    OPENCV_SHAPE_ROWS[7][0]: ("4.10.0", ("Requested layer \"", "\" not found")),
    OPENCV_OTHER_ROWS[0][0]: ("4.10.0", ("!_src.empty()", "cvtColor")),
}

# ------------------------------------------------------------------------------------------------ TVM rows

TFLITE_PY = TVM_FRONTEND + "tflite.py"
TF_PY = TVM_FRONTEND + "tensorflow.py"
OPS_LIST = r"(?P<unsupported>'[^'\n]{1,80}'(?:, ?'[^'\n]{1,80}'){0,40})"
TVM_ROWS = [
    ("The following operators are not supported in frontend TFLite: {ops}",
     r"The following operators are not supported in frontend TFLite: ?" + OPS_LIST,
     src(TVM_REPO, TVM_LAST, TFLITE_PY, "OperatorConverter.check_unsupported_ops; the same words since v0.6.0"),
     VERSION,
     "TVM's TFLite frontend (relay.frontend.from_tflite) has no conversion for these TFLite operators in this TVM "
     "release", TVM_TFLITE_FIX,
     "tvm.error.OpNotImplemented: The following operators are not supported in frontend TFLite: 'SPLIT_V', "
     "'REVERSE_V2'"),
    ("The following operators are likely to have dynamic range quantization: {ops}. …",
     r"The following operators are likely to have dynamic range quantization: ?" + OPS_LIST,
     src(TVM_REPO, TVM_LAST, TFLITE_PY, "OperatorConverter.check_unsupported_ops; since v0.8.0"), VERSION,
     "the .tflite was converted with dynamic range quantization (int8 weights with float inputs and outputs), which "
     "TVM's TFLite frontend does not convert", TVM_DYNAMIC_FIX,
     "tvm.error.OpNotImplemented: The following operators are likely to have dynamic range quantization: "
     "'FULLY_CONNECTED', 'CONV_2D'. If you are running an optimized graph, please turn off dynamic range "
     "quantization or use full integer quantization"),
    ("The following quantized TFLite operators are not supported in frontend TFLite yet: {ops}. …",
     r"The following quantized TFLite operators are not supported in frontend TFLite yet: ?" + OPS_LIST,
     src(TVM_REPO, TVM_HEAD, "python/tvm/relax/frontend/tflite/tflite_frontend.py",
         "OperatorConverter.check_unsupported_ops (Relax)"), VERSION,
     "TVM's Relax TFLite frontend does not convert these quantized operators yet (it needs them lowered to "
     "quantize / dequantize pairs)",
     "Convert the model without integer quantization (a float32 .tflite) for TVM's Relax frontend, or upgrade TVM "
     "to a release that converts these quantized operators",
     "tvm.error.OpNotImplemented: The following quantized TFLite operators are not supported in frontend TFLite yet: "
     "'CONV_2D', 'FULLY_CONNECTED'. Quantized operators require explicit QDQ lowering to avoid applying Relax ops "
     "directly to quantized integer tensors."),
    ("Custom operators are currently not supported",
     r"Custom operators are currently not supported",
     src(TVM_REPO, TVM_LAST, TFLITE_PY, "OperatorConverter.get_op_code_str"), VERSION,
     "the .tflite holds a custom operator (or a Flex op of SELECT_TF_OPS), which TVM's TFLite frontend does not "
     "convert", TVM_CUSTOM_FIX, "NotImplementedError: Custom operators are currently not supported"),
    ("TFLite operator with code {code} is not supported by this version of the fbs schema.",
     r"TFLite operator with code (?P<code>\d{1,4}) is not supported by this version of the fbs schema",
     src(TVM_REPO, TVM_LAST, TFLITE_PY, "OperatorConverter.get_op_code_str"), VERSION,
     "the .tflite uses an operator code the installed tflite package's schema does not have: the model was converted "
     "by a newer TensorFlow than that package", TVM_SCHEMA_FIX,
     "NotImplementedError: TFLite operator with code 126 is not supported by this version of the fbs schema."),
    ("Tensor type {type} is currently not supported",
     r"Tensor type '?(?P<dtype>[\w.]{1,40})'? is currently not supported",
     src(TVM_REPO, TVM_LAST, TFLITE_PY, "OperatorConverter.get_tensor_type_str"), VERSION,
     "TVM's TFLite frontend does not convert tensors of this TFLite type (e.g. float16 or int16 tensors)",
     TVM_TENSOR_FIX, "NotImplementedError: Tensor type 10 is currently not supported"),
    ("The following operators are not implemented: {ops}",
     r"The following operators are not implemented: ?(?P<unsupported>\{[^}\n]{1,400}\}|\[[^\]\n]{1,400}\])",
     src(TVM_REPO, TVM_LAST, TF_PY, "GraphProto._get_relay_func; the same words since v0.6.0"),
     VERSION,
     "TVM's TensorFlow frontend (relay.frontend.from_tensorflow) has no conversion for these ops of the graph in this "
     "TVM release", TVM_TF_FIX,
     "NotImplementedError: The following operators are not implemented: {'StatelessWhile', 'TensorListReserve'}"),
    ("Graph is not frozen. Provide a frozen graph. Found operators {ops}",
     r"Graph is not frozen\. ?Provide a frozen graph\. ?Found operators ?(?P<unsupported>\[[^\]\n]{0,400}\])?",
     src(TVM_REPO, TVM_LAST, TF_PY, "GraphProto._get_relay_func; since v0.8.0"), FILES,
     "relay.frontend.from_tensorflow was given a GraphDef that still has variables (VarHandleOp, ReadVariableOp, "
     "VariableV2, Assign): a graph that was not frozen, not the frozen one it reads", TVM_FROZEN_FIX,
     "Exception: Graph is not frozen. Provide a frozen graph. Found operators ['VarHandleOp', 'ReadVariableOp']"),
    ("Unable to map op_name {op_name} to relay",
     r"Unable to map op_name (?P<operator>[\w.]{1,120}) to relay",
     src(TVM_REPO, TVM_LAST, TVM_FRONTEND + "common.py", "get_relay_op"), VERSION,
     "a TVM frontend named a Relay operator this TVM does not have", TVM_RELAY_FIX,
     "tvm.error.OpNotImplemented: Unable to map op_name image.resize to relay"),
]

MNN_LITE = "tools/converter/source/tflite/liteConverter.cpp"
NCNN_NET = "src/net.cpp"
OTHER_ROWS = [
    ("TFlite model version ERROR!",
     r"TFlite model version ERROR",
     src(MNN_REPO, MNN_COMMIT, MNN_LITE, "tflite2MNNNet: tflite::VerifyModelBuffer failed"), VERSION,
     "MNNConvert's check of the .tflite against the TFLite flatbuffer schema compiled into it failed: the file was "
     "written by a later TFLite converter than that schema (or is no .tflite at all)", MNN_SCHEMA_FIX,
     "F0312 10:02:11.123 liteConverter.cpp:60] TFlite model version ERROR!"),
    ("NOT_SUPPORTED_OP: [ {op} ]",
     r"(?<!Converter )NOT_SUPPORTED_OP: ?\[ ?(?P<operator>\w{1,80}) ?\]",
     src(MNN_REPO, MNN_COMMIT, MNN_LITE, "tflite2MNNNet: a TFLite builtin operator no converter is registered for"),
     VERSION, "MNN's TFLite converter has no conversion for this TFLite operator (in this MNN release)", MNN_OP_FIX,
     "F0312 10:02:11.123 liteConverter.cpp:337] Check failed: (creator) != nullptr NOT_SUPPORTED_OP: [ CUMSUM ]"),
    ("MNN Converter NOT_SUPPORTED_OP: [ {op} ]",
     r"MNN Converter NOT_SUPPORTED_OP: ?\[ ?(?P<operator>[\w>.-]{1,80}) ?\]",
     src(MNN_REPO, MNN_COMMIT, "tools/converter/source/tensorflow/TFGraphResolver.cpp", "TFGraphResolver: a "
         "TensorFlow op no converter is registered for"), VERSION,
     "MNN's TensorFlow converter has no conversion for this op of the graph (in this MNN release)", MNN_OP_FIX,
     "F0312 10:02:11.123 TFGraphResolver.cpp:79] Check failed: (creator) != nullptr MNN Converter NOT_SUPPORTED_OP: "
     "[ StatelessWhile ]"),
    ("MNNConvert just support tensorflow frozen graph model. Model file is not tf frozen graph model.",
     r"MNNConvert just support tensorflow frozen graph model",
     src(MNN_REPO, MNN_COMMIT, "tools/converter/source/tensorflow/tensorflowConverter.cpp", "tensorflow2MNNNet"), FILES,
     "MNNConvert -f TF could not read the file as a TensorFlow GraphDef: it reads a frozen graph .pb, and this is a "
     "model folder, a Keras .h5 or another file", MNN_FROZEN_FIX,
     "[ERROR] MNNConvert just support tensorflow frozen graph model. Model file is not tf frozen graph model."),
    ("Don't support tensor type for {type}",
     r"Don't support tensor type for (?P<dtype>[A-Z][A-Z0-9_]{1,30})",
     src(MNN_REPO, MNN_COMMIT, MNN_LITE, "tflite2MNNNet: an input tensor's type"), VERSION,
     "MNN's TFLite converter does not convert tensors of this TFLite type", MNN_TYPE_FIX,
     "Don't support tensor type for FLOAT16"),
    ("Create interpreter failed, open {file} error",
     r"Create interpreter failed, open (?P<path>[^\s]{1,300}) error",
     src(MNN_REPO, MNN_COMMIT, "source/core/Interpreter.cpp", "loadModelFile"), FILES,
     "MNN could not open the .mnn model file at that path", MNN_OPEN_FIX,
     "Create interpreter failed, open ./models/model.mnn error"),
    ("param is too old, please regenerate",
     r"param is too old, please regenerate",
     src(NCNN_REPO, NCNN_COMMIT, NCNN_NET, "Net::load_param: the .param lacks the magic 7767517"), VERSION,
     "ncnn's load_param read a file that does not start with the .param magic number: a .param of the format before "
     "2017 (an old caffe2ncnn), or not a .param at all (the .bin, a binary param given to load_param)",
     NCNN_PARAM_FIX, "param is too old, please regenerate"),
    ("layer {type} not exists or registered",
     r"layer (?P<operator>[\w.-]{1,80}) not exists or registered",
     src(NCNN_REPO, NCNN_COMMIT, NCNN_NET, "Net::load_param"), VERSION,
     "the ncnn library has no layer of the type the .param names: a newer converter wrote the model than this "
     "library, or the layer is a custom one not registered", NCNN_LAYER_FIX,
     "layer Gemm not exists or registered"),
    ("find_blob_index_by_name {name} failed",
     r"find_blob_index_by_name (?P<input>[^\s]{1,200}) failed",
     src(NCNN_REPO, NCNN_COMMIT, NCNN_NET, "Net::find_blob_index_by_name, from Extractor::input / extract"),
     "input_keys_mismatch",
     "ex.input or ex.extract was given a blob name the .param does not have (a TensorFlow / Keras tensor name "
     "instead of the converter's blob names)", NCNN_BLOB_FIX,
     "find_blob_index_by_name input_1:0 failed\nTry\n    ex.input(\"in0\", in0);"),
    ("{tf.op} not supported yet!",
     r"(?P<operator>tf\.\w{1,80}) not supported yet!",
     src(NCNN_REPO, NCNN_COMMIT, "tools/mlir/mlir2ncnn.cpp", "main: a TensorFlow dialect op it has no layer for"),
     VERSION, "ncnn's mlir2ncnn (TensorFlow through MLIR) has no conversion for this TensorFlow op", NCNN_MLIR_FIX,
     "tf.AddV2 not supported yet!"),
    ("Failed to parse operator #{i} within subgraph #{s} error: {what}",
     r"Failed to parse operator #(?P<index>\d{1,5}) within subgraph #\d{1,3} error:",
     src(ARMNN_REPO, ARMNN_PARSER[0], ARMNN_PARSER[1], "TfLiteParserImpl::CreateNetworkFromModel; read with the "
         "search tool"), VERSION,
     "Arm NN's TfLite parser could not parse this operator of the .tflite (the error after it says why): an "
     "operator written by a newer TensorFlow converter than the one this Arm NN release reads, or one it does not "
     "support", ARMNN_FIX,
     "Armnn Error: Failed to parse operator #29 within subgraph #0 error: Operator not supported."),
    ("{inputs|outputs}.size() = {n} is not valid, not in {{valid}}",
     r"(?P<what>inputs|outputs)\.size\(\) ?= ?(?P<got>\d{1,3}) is not valid, not in \{[\d, ]{0,40}\}",
     src(ARMNN_REPO, ARMNN_CHECKS[0], ARMNN_CHECKS[1], "CheckValidSize, the parsers' CHECK_VALID_SIZE; read with the "
         "search tool"), VERSION,
     "Arm NN's parser found another number of inputs (or outputs) on an operator than it reads for that operator: "
     "the model was converted by a TensorFlow that writes the operator otherwise (a newer one adds inputs) than the "
     "one this Arm NN release was built against", ARMNN_FIX,
     "Failed to parse operator #0 within subgraph #0 error: inputs.size() = 3 is not valid, not in {2}. at "
     "function ParseReshape [armnn/src/armnnTfLiteParser/TfLiteParser.cpp:1068]"),
    ("Operator not supported. subgraph:{s} operator:{i} opcode_index:{c} opcode:{n} / {name}",
     r"Operator not supported\. ?subgraph:\d{1,3} operator:\d{1,5} opcode_index:\d{1,4} opcode:\d{1,4} ?/ ?"
     r"(?P<operator>[A-Z][A-Z0-9_]{1,60})",
     src(ARMNN_REPO, ARMNN_PARSER[0], ARMNN_PARSER[1], "TfLiteParserImpl::ParseUnsupportedOperator; read with the "
         "search tool"), VERSION,
     "Arm NN's TfLite parser has no layer for this TFLite operator (in this Arm NN release)", ARMNN_OP_FIX,
     "Failed to parse operator #12 within subgraph #0 error: Operator not supported. subgraph:0 operator:12 "
     "opcode_index:7 opcode:53 / CAST at function ParseUnsupportedOperator"),
    ("Current TfLite parser only supports 1 subgraph. Current one has: {n}",
     r"Current TfLite parser only supports 1 subgraph\. ?Current one has: ?(?P<count>\d{1,4})",
     src(ARMNN_REPO, ARMNN_PARSER[0], ARMNN_PARSER[1], "TfLiteParserImpl::CreateNetworkFromModel; read with the "
         "search tool"), VERSION,
     "Arm NN's TfLite parser reads models of one subgraph, and this .tflite has several (control flow: a while "
     "loop or a cond, or several signatures)", ARMNN_SUBGRAPH_FIX,
     "Current TfLite parser only supports 1 subgraph. Current one has: 3 at function CreateNetworkFromModel"),
    ("========= {n} OPs are not supported yet ===========",
     r"=+ ?(?P<count>\d{1,4}) OPs are not supported yet ?=+(?:\s{0,4}=+ ?(?P<operator>[\w>.-]{1,80}) ?=+)?",
     src(X2PADDLE_REPO, X2PADDLE_COMMIT, "x2paddle/op_mapper/tf2paddle/tf_op_mapper.py", "TFOpMapper.op_checker; "
         "then 'Model is not supported yet.'"), VERSION,
     "X2Paddle's TensorFlow converter has no mapping for these ops of the graph (the ones it lists after this line)",
     X2PADDLE_OPS_FIX,
     "\n========= 2 OPs are not supported yet ===========\n========== Einsum ============\n========== "
     "StatelessWhile ============\nException: Model is not supported yet."),
]

TVM_QUOTES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    TVM_ROWS[0][0]: [(TVM_REPO, TVM_LAST, TFLITE_PY, ('f"The following operators are not supported in frontend '
                                                      'TFLite: {ops}\\n"',)),
                     (TVM_REPO, TVM_V06, TFLITE_PY, ("msg = 'The following operators are not supported in frontend ' "
                                                     "\\\n                  'TFLite: {}'",))],
    TVM_ROWS[1][0]: [(TVM_REPO, TVM_LAST, TFLITE_PY, ('f"The following operators are likely to have dynamic range '
                                                      'quantization: {ops}. "',
                                                      'f"If you are running an optimized graph, please turn off '
                                                      'dynamic range "', 'f"quantization or use full integer '
                                                                         'quantization"')),
                     (TVM_REPO, TVM_V08, TFLITE_PY, ("The following operators are likely to have dynamic range "
                                                     "quantization: {}. ",))],
    TVM_ROWS[2][0]: [(TVM_REPO, TVM_HEAD, "python/tvm/relax/frontend/tflite/tflite_frontend.py",
                      ('f"The following quantized TFLite operators are not supported in frontend "',
                       'f"TFLite yet: {ops}. Quantized operators require explicit QDQ lowering "'))],
    TVM_ROWS[3][0]: [(TVM_REPO, TVM_LAST, TFLITE_PY, ('raise NotImplementedError("Custom operators are currently not '
                                                      'supported")',))],
    TVM_ROWS[4][0]: [(TVM_REPO, TVM_LAST, TFLITE_PY, ('"TFLite operator with code "', '" is not supported by this '
                                                                                      'version of the fbs schema."'))],
    TVM_ROWS[5][0]: [(TVM_REPO, TVM_LAST, TFLITE_PY, ('raise NotImplementedError(f"Tensor type {str(tensor_type)} is '
                                                      'currently not supported")',))],
    TVM_ROWS[6][0]: [(TVM_REPO, TVM_LAST, TF_PY, ('f"The following operators are not implemented: '
                                                  '{missing_operators}"',)),
                     (TVM_REPO, TVM_V06, TF_PY, ('"The following operators are not implemented: {}".format('
                                                 'missing_operators)',))],
    TVM_ROWS[7][0]: [(TVM_REPO, TVM_LAST, TF_PY, ('f"Graph is not frozen. Provide a frozen graph. "',
                                                  'f"Found operators {freezed_ops}"', '"VarHandleOp",',
                                                  '"ReadVariableOp",')),
                     (TVM_REPO, TVM_V08, TF_PY, ('"Graph is not frozen. Provide a frozen graph. "',))],
    TVM_ROWS[8][0]: [(TVM_REPO, TVM_LAST, TVM_FRONTEND + "common.py",
                      ('raise tvm.error.OpNotImplemented(f"Unable to map op_name {op_name} to relay")',))],
}

OTHER_QUOTES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    OTHER_ROWS[0][0]: [(MNN_REPO, MNN_COMMIT, MNN_LITE, ('LOG(FATAL) << "TFlite model version ERROR!";',))],
    OTHER_ROWS[1][0]: [(MNN_REPO, MNN_COMMIT, MNN_LITE, ('DCHECK(creator) << "NOT_SUPPORTED_OP: [ " << '
                                                         'tflite::EnumNameBuiltinOperator(opCode) << " ]";',))],
    OTHER_ROWS[2][0]: [(MNN_REPO, MNN_COMMIT, "tools/converter/source/tensorflow/TFGraphResolver.cpp",
                        ('DCHECK(creator) << "MNN Converter NOT_SUPPORTED_OP: [ "',))],
    OTHER_ROWS[3][0]: [(MNN_REPO, MNN_COMMIT, "tools/converter/source/tensorflow/tensorflowConverter.cpp",
                        ("MNNConvert just support tensorflow frozen graph model. Model file is not tf frozen graph "
                         "model.",))],
    OTHER_ROWS[4][0]: [(MNN_REPO, MNN_COMMIT, MNN_LITE, ('MNN_ERROR("Don\'t support tensor type for %s\\n", '
                                                         'tflite::EnumNameTensorType(tensor->type));',))],
    OTHER_ROWS[5][0]: [(MNN_REPO, MNN_COMMIT, "source/core/Interpreter.cpp",
                        ('MNN_PRINT("Create interpreter failed, open %s error\\n", file);',))],
    OTHER_ROWS[6][0]: [(NCNN_REPO, NCNN_COMMIT, NCNN_NET, ("if (magic != 7767517)",
                                                           'NCNN_LOGE("param is too old, please regenerate");'))],
    OTHER_ROWS[7][0]: [(NCNN_REPO, NCNN_COMMIT, NCNN_NET, ('NCNN_LOGE("layer %s not exists or registered", '
                                                           'layer_type);',))],
    OTHER_ROWS[8][0]: [(NCNN_REPO, NCNN_COMMIT, NCNN_NET, ('NCNN_LOGE("find_blob_index_by_name %s failed", name);',
                                                           'NCNN_LOGE("    ex.input(\\"%s\\", in%d);", '))],
    OTHER_ROWS[9][0]: [(NCNN_REPO, NCNN_COMMIT, "tools/mlir/mlir2ncnn.cpp",
                        ('fprintf(stderr, "%s not supported yet!\\n", op.c_str());',))],
    OTHER_ROWS[10][0]: [(ARMNN_REPO, *ARMNN_PARSER, ('errorString << "Failed to parse operator #" << operatorIndex << '
                                                   '" within subgraph #"',))],
    OTHER_ROWS[11][0]: [(ARMNN_REPO, *ARMNN_CHECKS, ('throw ParseException(fmt::format("{} = {} is not valid, not in '
                                                   '{{}}. {}",',))],
    OTHER_ROWS[12][0]: [(ARMNN_REPO, *ARMNN_PARSER, ('fmt::format("Operator not supported. "', '"subgraph:{} operator:{} "',
                                                   '"opcode_index:{} opcode:{} / {} {}",'))],
    OTHER_ROWS[13][0]: [(ARMNN_REPO, *ARMNN_PARSER, ('fmt::format("Current TfLite parser only supports 1 subgraph. '
                                                   'Current one has: {} {}",',))],
    OTHER_ROWS[14][0]: [(X2PADDLE_REPO, X2PADDLE_COMMIT, "x2paddle/op_mapper/tf2paddle/tf_op_mapper.py",
                         ('print("\\n========= {} OPs are not supported yet ===========".',
                          'print("========== {} ============".format(op))',
                          'raise Exception("Model is not supported yet.")'))],
}

ROWS = OPENCV_ROWS + TVM_ROWS + OTHER_ROWS

# ------------------------------------------------------------------------------------------------ checks


def cv_wheel(tag: str) -> Path | None:
    """The opencv-python wheel of release ``tag`` in the WHEELS folder, or None when it was not fetched."""
    req, _ = CV_WHEELS[tag]
    name, version = req.split("==")
    stem = name.replace("-", "_").lower()
    found = sorted(p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-"))
    return found[0] if found else None


def fetch_wheels() -> None:
    """``pip download`` each release's wheel into WHEELS (once; never installed)."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    for tag, (req, options) in CV_WHEELS.items():
        if cv_wheel(tag) is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *options, req, "-d",
                            str(WHEELS)], check=False)
        print(f"{tag}: {cv_wheel(tag) or 'not fetched'}")


@lru_cache(maxsize=None)
def cv_module(tag: str) -> bytes | None:
    """The compiled cv2 module of release ``tag`` (from its wheel), or None when the wheel is not on this machine."""
    wheel = cv_wheel(tag)
    if wheel is None:
        return None
    with zipfile.ZipFile(wheel) as z:
        name = next((n for n in z.namelist() if re.fullmatch(r"cv2/cv2[^/]*\.so", n)), None)
        if name is None:
            raise SystemExit(f"{WHO}: no cv2/cv2*.so in {wheel.name}")
        return z.read(name)


def check_cv_quotes() -> int:
    """Every OpenCV row's literals are in the cv2 module of the release it names (wheels not fetched are skipped);
    returns how many rows were checked."""
    checked = 0
    for template, _, source, *_ in OPENCV_ROWS:
        if template not in CV_QUOTES:
            raise SystemExit(f"{WHO}: no CV_QUOTES for {template!r}")
        tag, pieces = CV_QUOTES[template]
        if f"@{tag} " not in source:
            raise SystemExit(f"{WHO}: {template!r} names another release than its quotes ({tag})")
        data = cv_module(tag)
        if data is None:
            continue
        for piece in pieces:
            if piece.encode() not in data:
                raise SystemExit(f"{WHO}: {piece!r} not in OpenCV {tag}'s cv2 module ({CV_WHEELS[tag][0]})")
        checked += 1
    return checked


def check_tvm_quotes() -> int:
    """Every TVM, MNN, ncnn and X2Paddle row's pieces are in its files at their commits (a mirror absent: nothing
    checked for it); returns how many (row, file) pairs were checked."""
    return rows_quoted(WHO, TVM_ROWS, TVM_QUOTES) + rows_quoted(WHO, OTHER_ROWS, OTHER_QUOTES)


def check_quotes() -> int:
    return check_cv_quotes() + check_tvm_quotes()


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    if "--fetch" in sys.argv:
        fetch_wheels()
    print(f"{check_cv_quotes()} OpenCV rows checked in their releases' cv2 modules (wheels in {WHEELS}), "
          f"{check_tvm_quotes()} (row, file) pairs of TVM, MNN, ncnn and X2Paddle checked (mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
