"""OpenVINO and OpenCV's dnn module loading and running a Keras / TensorFlow model, for explain's message index (#15):
what they say when the model file is of a version or format they do not read, holds an op they have no conversion or
kernel for, is not where they look, or gets an input of another shape, dtype or name — read from the compiled
libraries of the releases named (the PyPI wheels) and, for older wordings, from their sources at a commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* OpenVINO 2026.4.1 (the ``openvino`` wheel: ``strings`` of its libopenvino*.so; every text below was provoked with
  it on models TensorFlow 2.21 / Keras 3 exported): ``Core.read_model`` (an IR of a version or file type its
  frontends do not read, a missing or cut-short ``.bin``, an op of an opset it does not know, a file that is not
  there, a cut ``.tflite``), the TensorFlow / TFLite frontends (``No conversion rule found for operations``, ops the
  openvino-tokenizers extension converts, a TFLite model holding resource variables, a graph whose variables were not
  frozen), ``compile_model`` (a device not registered or whose plugin cannot load, a property the plugin does not
  take, a compiled blob of another runtime), the inference request (an input of another shape — read by the rank
  decider against the model's shape —, another precision, a port name or index the model does not have), and the
  converter (``ovc`` / ``openvino.convert_model``: a model it cannot recognise, a path that does not exist, a node
  name it does not find);
* older OpenVINO wordings from openvinotoolkit/openvino at a commit (read with the search tool's read_file: the
  repository is too large to mirror here): the 2018-2019 IR reader's ``cannot parse future versions`` and
  ``deprecated IR version``, the 2019-2021 CPU plugin's ``Unsupported primitive of type``, the 2021-2023 Inference
  Engine API's infer request checks (``Input blob size is not equal network input size``, a blob name or precision
  it does not take);
* OpenCV's dnn module, 4.10.0 and 5.1.0 (the opencv-python-headless wheels' cv2 module; texts provoked with both):
  OpenCV 5 has no ``readNetFromTensorflow`` any more, a directory or an empty file given to readNetFromTensorflow, a
  file that is no ONNX model, a frozen graph whose weights still come through ``ReadVariableOp`` (no constant
  folding), a Const of a type the importer does not read (a Keras learning-phase flag), a dropout node left in a
  training graph, a TFLite model with resource variables, a Reshape whose size the input does not fill, a
  ``setInput`` name the net does not have, ``blobFromImage`` given no image, an IR given to an OpenCV without the
  OpenVINO backend (``Backend (plugin) is not available: 'openvino'``); and, from opencv/opencv's ie_ngraph.cpp at a
  commit, that backend's ``Failed to initialize Inference Engine backend`` and a Neural Compute Stick it cannot open;
* OpenVINO Model Server's StatusCode messages (openvinotoolkit/model_server's src/status.cpp, git mirror here) that
  explain_index_runtimes does not hold: a retired or not yet loaded version, a value of an unsupported precision,
  binary image input to a model not in NHWC, ``--batch_size auto`` with a scalar tensor, a shape the model cannot be
  reshaped to, a ``*_val`` field of another size than its shape.

The OpenCV rows of explain_index_engines (4.10.0, 3.4.0, 4.5.1: ``Can't create layer``, ``Input layer not found``,
``Number of input channels``, the file rows …), of explain_index_runtimes (``Failed to parse GraphDef file``, OpenVINO
Model Server's status messages) and of explain_index_converters (the Model Optimizer's unconverted ops, ``The support
of IR v7 has been removed``, ``Model file … cannot be opened``) stay there: this module adds what they do not read.

Each row, as in explain_index_devices: template, pattern (named captures; literal parts are the source's text, every
placeholder a bounded class), source (library + version + file; or the repository at a commit), category (an id of
CATEGORIES.md, or None with a reading for a message that is not about the model), what it means for someone serving
the model, a fix that names the cause, an example as the library printed it (the build checks the pattern matches
it), and optionally a decider.  Each row names the pieces of source text it rests on (:data:`QUOTES`): for a wheel,
the pieces must be in the named shared library of that wheel when the wheel is in explain_index_tf1's WHEELS folder
(``python scripts/explain_index_openvino.py --fetch`` downloads them with pip, never installs them); for GitHub, in
the file at the commit when a git mirror of the repository is on this machine (none is: the repository is too large).

    python scripts/explain_index_openvino.py            # check the quotes, print the entries
    python scripts/explain_index_openvino.py --fetch    # pip download the wheels the quotes are checked in
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from functools import lru_cache, partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, examples_match, lit, mirror_text, rows_quoted  # noqa: E402,F401
from explain_build_index import Quote, add_row  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_openvino"
VERSION = "runtime_version_mismatch"
SHAPE = "input_shape_mismatch"
FILES = "savedmodel_not_found"
KEYS = "input_keys_mismatch"

# ------------------------------------------------------------------------------------------------ sources

OV_VERSION = "2026.4.1"
CV4, CV5 = "4.10.0", "5.1.0"
WHEEL_REQS = {
    # the "repository" a Quote names for a wheel: (pip requirement, the wheel file's name prefix)
    "pypi/openvino": ("openvino==2026.4.1", "openvino-2026.4.1-"),
    "pypi/opencv-python-headless@4.10.0": ("opencv-python-headless==4.10.0.84", "opencv_python_headless-4.10.0.84-"),
    "pypi/opencv-python-headless@5.1.0": ("opencv-python-headless==5.1.0.95", "opencv_python_headless-5.1.0.95-"),
}
"""The wheels whose compiled libraries hold the rows' literals (pip download --no-deps for this machine's Python)."""
OV = "pypi/openvino"
CV4_WHEEL, CV5_WHEEL = "pypi/opencv-python-headless@4.10.0", "pypi/opencv-python-headless@5.1.0"
CV2_SO = "cv2/cv2.abi3.so"
LIB = "openvino/libs/libopenvino.so.2641"
LIB_CPU = "openvino/libs/libopenvino_intel_cpu_plugin.so"
LIB_IR = "openvino/libs/libopenvino_ir_frontend.so.2641"
LIB_TF = "openvino/libs/libopenvino_tensorflow_frontend.so.2641"
LIB_TFL = "openvino/libs/libopenvino_tensorflow_lite_frontend.so.2641"
LIB_NPU = "openvino/libs/libopenvino_intel_npu_plugin.so"
OVC_IMPL = "openvino/tools/ovc/convert_impl.py"
OVC_CLI = "openvino/tools/ovc/cli_parser.py"
OVC_EXTRACTOR = "openvino/tools/ovc/moc_frontend/extractor.py"

OV_REPO = "openvinotoolkit/openvino"
OVMS_REPO, OVMS_COMMIT = "openvinotoolkit/model_server", "7e4df0c7ae340972bad15020ad777bbba3ee321d"
"""OpenVINO Model Server (git mirror here): src/status.cpp's StatusCode messages, the ones explain_index_runtimes
does not hold."""
OPENCV_REPO = "opencv/opencv"
CV_IE_COMMIT = "0ec678bcc1b8c38eda9159ced8f232b98642c151"
"""modules/dnn/src/ie_ngraph.cpp, OpenCV's OpenVINO backend (read with the search tool's read_file)."""
OV_2019 = "bff852be357480f6c4eeded58ec0de5ca7b17c1a"
"""inference-engine/src/inference_engine/ie_cnn_net_reader_impl.cpp of the 2019 Inference Engine (IR v1-v5): the
reader of the 2018-2019 releases, 'cannot parse future versions' (read with the search tool's read_file)."""
OV_MKLDNN = "4b43a513e834b17ac2264082c8c7903bd7c080f6"
OV_2022 = "a185b420ad75abfd5aec3c126242610ff9c6a901"
"""src/inference/src/cpp_interfaces/interface/ie_iinfer_request_internal.cpp of the 2022-2023 Inference Engine API
(SetBlob's checks, read with read_file)."""
"""inference-engine/src/mkldnn_plugin/mkldnn_node.cpp (the CPU plugin of 2019-2021: 'Unsupported primitive of
type', read with read_file)."""


def ov(path: str, where: str) -> str:
    """A row's source in the OpenVINO wheel: the library or Python file, and the C++ file the exception names."""
    return f"openvino {OV_VERSION} (PyPI wheel) {path.rsplit('/', 1)[-1]}: {where}"


def cv(version: str, where: str) -> str:
    return f"opencv-python-headless {version} (PyPI wheel, OpenCV {version}) cv2.abi3.so: modules/dnn/src/{where}"


def _q(repo: str, commit: str, path: str, *pieces: str) -> Quote:
    return Quote(repo, commit, path, pieces)


def _ov(path: str, *pieces: str) -> Quote:
    return Quote(OV, OV_VERSION, path, pieces)


# ------------------------------------------------------------------------------------------------ fixes

SAME_RELEASE = ("use one OpenVINO release on both sides: convert the model again (ovc SAVED_MODEL_DIR, or "
                "openvino.convert_model + openvino.save_model) with the openvino package of the runtime that loads it, "
                "or upgrade the runtime (pip install -U openvino; the OpenVINO of the container / device image) to "
                "the release that wrote the IR")
IR_VERSION_FIX = ("The IR (.xml / .bin) was written by another OpenVINO release than the one reading it: " + SAME_RELEASE
                  + "; an IR converted by a newer Model Optimizer / ovc is not read by an older runtime")
IR_OLD_FIX = ("The IR was written by a Model Optimizer older than this runtime reads: convert the original TensorFlow "
              "model (SavedModel / frozen .pb) again with this release's ovc / openvino.convert_model (or mo of that "
              "release), or download the model's IR for this release (Open Model Zoo's omz_downloader of the same "
              "version)")
KERAS_FILE_FIX = ("OpenVINO reads no Keras .h5 / .keras file: export a SavedModel from Keras (Keras 3: "
                  "model.export('exported_dir'); tf.keras 2: model.save('exported_dir') or tf.saved_model.save) and "
                  "convert that directory (ovc exported_dir, or ov.convert_model('exported_dir')), or pass the "
                  "loaded Keras model object to openvino.convert_model in a Python that has TensorFlow installed")
PB_FILE_FIX = ("Give read_model / convert_model the SavedModel's directory, not its saved_model.pb (the TensorFlow "
               "frontend reads a SavedModel as a folder with variables/), or a frozen GraphDef .pb "
               "(convert_variables_to_constants_v2 + tf.io.write_graph(..., as_text=False)); if the file is meant to "
               "be one of those, it does not parse: compare its size with the original (a cut download, a Git LFS "
               "pointer)")
BIN_FIX = ("Give read_model the IR's .xml file: it finds the .bin of the same name beside it (or pass the .bin as "
           "its second argument); the .bin alone is only the weights")
CKPT_FIX = ("A TensorFlow checkpoint (.index / .data / .meta / .ckpt) holds weights, not a model OpenVINO reads: "
            "restore it into the model and export a SavedModel (model.export / tf.saved_model.save) or a frozen "
            ".pb, then convert that with ovc / openvino.convert_model")
OTHER_FILE_FIX = ("OpenVINO's frontends read an IR (.xml + .bin), a TensorFlow SavedModel directory or frozen .pb, "
                  ".tflite, .onnx and PaddlePaddle files; this file is none of those (or is damaged): convert the "
                  "Keras / TensorFlow model to one of them (a SavedModel via model.export, then ovc) and give that "
                  "path")
IR_FILE_FIX = ("Give read_model the path of the IR's .xml as the program sees it (an absolute path; in a container, "
               "the path inside it), with its .bin of the same name beside it: ls -l the path where the program runs")
SM_DIR_FIX = ("Point read_model / convert_model / ovc at the SavedModel's own directory, the one that holds "
              "saved_model.pb and variables/ (for TF Serving's layout, the numbered version folder such as "
              "model/1), not at its parent or at variables/")
BIN_MISSING_FIX = ("Put the IR's .bin beside its .xml with the same name (model.xml + model.bin), or pass its path "
                   "as read_model's second argument: the weights were not copied with the .xml (a download or a "
                   "COPY of the .xml alone, a .bin renamed)")
BIN_CUT_FIX = ("The .bin does not hold the weights the .xml points into: it is cut short (an interrupted copy or "
               "download, a Git LFS pointer) or belongs to another conversion of the model; copy the .xml and .bin "
               "of one conversion together again (compare sizes with the originals) or convert the model again")
TFL_FILE_FIX = ("The .tflite is not a whole TFLite flatbuffer: compare its size with the file tf.lite.TFLiteConverter "
                "wrote (a cut copy or download, a Git LFS pointer) and copy it again, or convert the Keras model "
                "again")
OP_FIX = ("This OpenVINO's frontend has no conversion rule for those TensorFlow ops: upgrade OpenVINO (pip install "
          "-U openvino; each release converts more TensorFlow ops), keep them out of the graph you convert (a "
          "serving function built from supported ops; preprocessing such as image decoding or string parsing "
          "done by the client before the model), or add a frontend extension (ov.frontend.ConversionExtension) "
          "for them")
DECODE_FIX = ("OpenVINO converts no image-decoding / string ops (DecodeJpeg, DecodePng, DecodeImage, "
              "DecodeBase64…): export the model's serving function on decoded pixels (a float / uint8 tensor "
              "[N, H, W, 3]) and decode the JPEG / PNG in the client (cv2.imdecode, PIL) before infer, or convert "
              "only the part after the decoding (convert_model(..., input=...) naming the decoded tensor)")
TOKENIZERS_FIX = ("Those string ops are converted by the openvino-tokenizers extension: pip install "
                  "openvino-tokenizers of the same release as openvino (pip install -U openvino openvino-tokenizers) "
                  "and import openvino_tokenizers before read_model / convert_model (or core.add_extension of its "
                  "library), or keep the text preprocessing out of the converted model")
FROZEN_FIX = ("The graph given still reads its weights from variables (ReadVariableOp of a resource placeholder): "
              "convert the SavedModel directory itself (ovc SAVED_MODEL_DIR), or freeze the serving function first "
              "(convert_variables_to_constants_v2 on model.signatures['serving_default'] / the tf.function, then "
              "write its graph_def) - a graph.pb written from a function graph without freezing has no weights")
RESOURCE_FIX = ("The .tflite keeps its weights as resource variables (VAR_HANDLE / READ_VARIABLE: a converter given a "
                "tf.function with variables, or experimental_enable_resource_variables): convert the model with "
                "tf.lite.TFLiteConverter.from_saved_model(export_dir) or from_keras_model(model) so the weights "
                "become constants, or convert the SavedModel itself to OpenVINO (ovc SAVED_MODEL_DIR)")
OPSET_FIX = ("The IR uses an operation (or an opset) this runtime does not have: " + SAME_RELEASE + "; an op of a "
             "custom opset needs its extension loaded first (core.add_extension('libcustom_ops.so'))")
PRIMITIVE_FIX = ("This CPU plugin has no kernel for that layer type: in OpenVINO 2019-2020 several standard layers "
                 "(PriorBox, RegionYolo, DetectionOutput …) lived in the CPU extension library - load it "
                 "(IECore.add_extension('libcpu_extension.so', 'CPU'), or -l libcpu_extension.so for the samples) - "
                 "or use the OpenVINO release whose Model Optimizer wrote the IR, or a newer one that has the layer "
                 "built in (convert again with its mo)")
SHAPE_FIX = ("Give the infer request an array of the model's input shape (compiled_model.input(0).partial_shape "
             "prints it: ? is a free dimension) - the same layout (NHWC for a model converted from Keras / "
             "TensorFlow, which OpenVINO keeps), height and width and channels, with the batch dimension; or "
             "reshape the model before compiling (model.reshape({'input': [N, H, W, C]})) / convert it with "
             "input=[-1, H, W, C] when it must take other sizes")
PRECISION_FIX = ("Give the tensor in the precision the model's input has (compiled_model.input(0).element_type: f32 "
                 "for a model converted from Keras): x.astype(np.float32) before ov.Tensor / set_tensor, or add a "
                 "conversion in the model with openvino.preprocess.PrePostProcessor (ppp.input().tensor()."
                 "set_element_type(ov.Type.u8)) for uint8 images")
PORT_FIX = ("Key the inputs by the converted model's own tensor names or indices: [i.any_name for i in "
            "compiled_model.inputs] (and .outputs) lists them - OpenVINO names them after the TensorFlow "
            "signature's inputs (a Keras Input's name, e.g. 'image' or 'keras_tensor'), not after Keras layer names "
            "or a ':0' suffix; or pass one array per input in input order (infer([x]))")
INDEX_FIX = ("The model has fewer inputs than the call gives: pass one array per model input (len(compiled_model."
             "inputs)) in input order, or key them by the model's input names ([i.any_name for i in "
             "compiled_model.inputs])")
CONVERT_MISSING_FIX = ("Give ovc / openvino.convert_model the path of the model as the program sees it (an absolute "
                       "path): a SavedModel directory (the folder with saved_model.pb), a frozen .pb, a .tflite or "
                       ".onnx file")
RECOGNIZE_FIX = ("ovc / openvino.convert_model did not recognise the file as a model it converts: a Keras .h5 / "
                 ".keras file is none (" + KERAS_FILE_FIX[KERAS_FILE_FIX.index("export a SavedModel"):] + "); for a "
                 "SavedModel give its directory, for a frozen graph the .pb")
NODE_FIX = ("Name the inputs / outputs given to convert_model(input=..., output=...) / ovc --input / --output as the "
            "graph names them: for a SavedModel the serving signature's input names (saved_model_cli show --dir "
            "DIR --all, or sigcheck inspect DIR), for a frozen .pb the node names (without ':0'); or leave them out "
            "and let the converter take the model's own inputs and outputs")
DEVICE_REMOVED_FIX = ("That device's plugin is not in this OpenVINO release: the MYRIAD (Neural Compute Stick 2) and "
                      "HDDL plugins were removed in OpenVINO 2022.3 and GNA after 2024; run the model with the last "
                      "release that has the plugin (openvino 2022.3 LTS for MYRIAD), converting the IR with that "
                      "release's ovc / mo, or on a device this release lists (ov.Core().available_devices)")
CV5_TF_FIX = ("OpenCV 5 has no TensorFlow, Caffe, Darknet or Torch importer in dnn: install OpenCV 4.x (pip install "
              "'opencv-python-headless<5') to keep readNetFromTensorflow, or convert the Keras / TensorFlow model to "
              "ONNX (python -m tf2onnx.convert --saved-model DIR --output model.onnx) and read it with "
              "cv2.dnn.readNetFromONNX / readNet")
CV_EMPTY_FIX = ("readNetFromTensorflow read no graph from the path: it was given a directory (a SavedModel's "
                "folder), an empty file or a file it could not read. Give it a frozen GraphDef .pb (freeze the "
                "serving function with convert_variables_to_constants_v2 and tf.io.write_graph(..., as_text=False)), "
                "or convert to ONNX (tf2onnx) and use readNetFromONNX")
CV_ONNX_FIX = ("The file given to readNetFromONNX is no ONNX model (a TensorFlow .pb, a Keras .h5, a Git LFS pointer "
               "or a cut download): convert the Keras / TensorFlow model with tf2onnx (python -m tf2onnx.convert "
               "--saved-model DIR --output model.onnx) and give that file")
CV_FOLD_FIX = ("OpenCV's TensorFlow importer takes weights only as Const inputs of a layer, and this frozen graph "
               "still computes them (ReadVariableOp → Reshape of a Keras 3 / TF2 bias): fold the constants before "
               "OpenCV reads it (export to ONNX with tf2onnx, which folds them, and use readNetFromONNX; or run "
               "TensorFlow's constant folding / optimize_for_inference on the frozen graph)")
CV_DTYPE_FIX = ("A Const of a type OpenCV's TensorFlow importer does not read (a bool) is in the graph: in a Keras / "
                "TF1 graph the learning-phase flag (keras_learning_phase) or an is_training switch frozen into it. "
                "Freeze the inference graph with the learning phase fixed (tf.keras.backend.set_learning_phase(0) "
                "before building / loading the model, then freeze), strip training nodes "
                "(optimize_for_inference), or export to ONNX with tf2onnx and use readNetFromONNX (which also takes a "
                "graph whose int64 / string constants OpenCV's TensorFlow importer does not read)")
CV_DROPOUT_FIX = ("The graph OpenCV reads is the training graph: its dropout still takes a keep_prob / rate "
                  "placeholder (or a training flag) nobody feeds in inference. Freeze the inference graph with "
                  "dropout off (keep_prob as a constant 1.0 or tf.compat.v1.placeholder_with_default, Keras "
                  "set_learning_phase(0)), strip it with optimize_for_inference, or export to ONNX with tf2onnx")
CV_RESOURCE_FIX = ("The .tflite keeps its weights as resource variables (VAR_HANDLE / READ_VARIABLE / "
                   "ASSIGN_VARIABLE, or PLACEHOLDER_FOR_GREATER_OP_CODES: an opcode above 127, which OpenCV's TFLite "
                   "schema does not name), which OpenCV's TFLite importer does not read: convert the model with "
                   "tf.lite.TFLiteConverter.from_saved_model(export_dir) or from_keras_model(model) so the weights "
                   "are constants")
CV_SIZE_FIX = ("The net's Reshape / Flatten was fixed for one input size when the model was imported: give "
               "cv2.dnn.blobFromImage(img, scalefactor, (W, H)) the model's own width and height (the size it was "
               "trained and exported at), in NCHW (blobFromImage's layout), not another size or an NHWC array")
CV_BLOB_NAME_FIX = ("net.setInput(blob, name) takes the name of one of the net's inputs (net.getLayerNames()[0] / the "
                    "graph's input placeholder's name, without ':0'); with one input leave the name out")

# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[Quote]] = {}


add = partial(add_row, ROWS, QUOTES)
"""One row and the source pieces it rests on (explain_build_index.add_row)."""


CORE = "RuntimeError: Exception from src/inference/src/cpp/core.cpp:84:\n"
CORE_C = "RuntimeError: Exception from src/inference/src/cpp/core.cpp:117:\n"
REQ = ("RuntimeError: Exception from src/inference/src/cpp/infer_request.cpp:117:\n"
       "Exception from src/inference/src/cpp/infer_request.cpp:67:\n")
READER = "Exception from src/inference/src/model_reader.cpp:148:\n"
CONVERT = "openvino._pyopenvino.OpConversionFailure: Check 'false' failed at src/frontends/common_translators/src/" \
          "unconverted_ops_report.cpp:151:\nFrontEnd API failed with OpConversionFailure:\n"


def _unable(path: str, ext: str) -> str:
    return (CORE + READER + f'Unable to read the model: "{path}" Please check that model format: "{ext}" is supported '
            "and the model is correct. Available frontends: jax paddle onnx pytorch tflite ir tf ")


# ---- OpenVINO: Core.read_model — which frontend reads the file (src/inference/src/model_reader.cpp)
UNABLE = "Unable to read the model: {path} Please check that model format: {ext} is supported and the model is correct."
UNABLE_RE = r"Unable to read the model: ?\"?(?P<path>[^\"\n]{1,300}?)\"? ?Please check that model format: ?\"?"
UNABLE_Q = [_ov(LIB, "Unable to read the model: ", " Please check that model format: ",
                " is supported and the model is correct.")]
UNABLE_SRC = ov(LIB, "src/inference/src/model_reader.cpp (read_model: no frontend takes the file)")
add(UNABLE, UNABLE_RE + r"(?P<ext>\.xml)\"? ?is supported", UNABLE_SRC, VERSION,
    "no OpenVINO frontend of this runtime takes the .xml: an IR whose version (the <net version=\"…\"> attribute) "
    "this runtime's IR frontend does not read - written by a newer OpenVINO (or an IR v7 and older, which 2021.1 on "
    "no longer read) - or an .xml that is no IR at all", IR_VERSION_FIX,
    _unable("/tmp/V/ov/v12.xml", ".xml"), UNABLE_Q)
add(UNABLE, UNABLE_RE + r"(?P<ext>\.(?:h5|hdf5|keras))\"? ?is supported", UNABLE_SRC, FILES,
    "read_model was given a Keras .h5 / .keras file: OpenVINO has no Keras frontend, so no frontend takes it",
    KERAS_FILE_FIX, _unable("/tmp/V/ov/m.h5", ".h5"), UNABLE_Q)
add(UNABLE, UNABLE_RE + r"(?P<ext>\.pbtxt|\.pb)\"? ?is supported", UNABLE_SRC, FILES,
    "the TensorFlow frontend could not read the .pb: a SavedModel's saved_model.pb given alone (the frontend reads a "
    "SavedModel as its directory), or a frozen graph that does not parse (cut short, a Git LFS pointer, another "
    "format)", PB_FILE_FIX, _unable("/tmp/V/models/keras_sm/saved_model.pb", ".pb"), UNABLE_Q)
add(UNABLE, UNABLE_RE + r"(?P<ext>\.bin)\"? ?is supported", UNABLE_SRC, FILES,
    "read_model was given the IR's .bin (its weights) instead of its .xml", BIN_FIX,
    _unable("/tmp/V/ov/model.bin", ".bin"), UNABLE_Q)
add(UNABLE, UNABLE_RE + r"(?P<ext>\.index|\.data-\d{5}-of-\d{5}|\.meta|\.ckpt)\"? ?is supported", UNABLE_SRC, FILES,
    "read_model was given a TensorFlow checkpoint file (weights only), which no frontend reads", CKPT_FIX,
    _unable("/tmp/V/models/keras_sm/variables/variables.index", ".index"), UNABLE_Q)
add(UNABLE, UNABLE_RE + r"(?P<ext>(?!\.(?:xml|h5|hdf5|keras|pbtxt|pb|bin|index|data-\d|meta|ckpt)\b)[^\"\s]{0,20})\"? ?"
    r"is supported", UNABLE_SRC, FILES,
    "no OpenVINO frontend of this runtime takes the file: a format it does not read (a Keras, PyTorch-pickle or "
    "other file) or a damaged copy of one it does", OTHER_FILE_FIX, _unable("/tmp/V/ov/model.pth", ".pth"), UNABLE_Q)

add('[ir|tf|…]: Could not open the file: "{path}"',
    r"Could not open the file: ?\"(?P<path>[^\"\n]{0,300}[/\\]saved_model\.pb)\"",
    ov(LIB_TF, "src/frontends/tensorflow/src/graph_iterator_saved_model.cpp (Check 'util::file_exists(path / "
       "\"saved_model.pb\")')"), FILES,
    "the TensorFlow frontend took the path for a SavedModel directory and found no saved_model.pb in it: the "
    "directory given is the SavedModel's parent, its variables/ folder, or a folder of another kind", SM_DIR_FIX,
    "openvino._pyopenvino.GeneralFailure: Check 'util::file_exists(path / \"saved_model.pb\")' failed at "
    "src/frontends/tensorflow/src/graph_iterator_saved_model.cpp:34:\nFrontEnd API failed with GeneralFailure:\n"
    "Could not open the file: \"/tmp/V/models/keras_sm/variables/saved_model.pb\"",
    [_ov(LIB_TF, "Could not open the file: ")])
add('[ir|tf|…]: Could not open the file: "{path}"',
    r"(?:\b(?:ir|tf|tflite|onnx|paddle): )?Could not open the file: ?\"(?P<path>(?![^\"\n]{0,300}[/\\]saved_model\.pb\")"
    r"[^\"\n]{1,300})\"",
    ov(LIB, "src/frontends/common/src/frontend.cpp (Check 'util::directory_exists(path) || util::file_exists(path)')"),
    FILES,
    "OpenVINO found no file or directory at the path given to read_model / compile_model / convert_model (a "
    "wrong or relative path, a file not copied to where the program runs)", IR_FILE_FIX,
    CORE + "Check 'util::directory_exists(path) || util::file_exists(path)' failed at src/frontends/common/src/"
    "frontend.cpp:117:\nFrontEnd API failed with GeneralFailure:\nir: Could not open the file: \"/tmp/V/nope/model.xml\"",
    [_ov(LIB, "Could not open the file: ", "util::directory_exists(path) || util::file_exists(path)")])
add("Empty weights data in bin file or bin file cannot be found!",
    lit("Empty weights data in bin file or bin file cannot be found!"),
    ov(LIB_IR, "src/core/xml_util/src/xml_deserialize_util.cpp (Check 'm_weights_provider')"), FILES,
    "the IR's .xml was read but its .bin was not found beside it (or is empty): the weights were not copied with it",
    BIN_MISSING_FIX,
    CORE + "Check 'm_weights_provider' failed at src/core/xml_util/src/xml_deserialize_util.cpp:887:\nEmpty weights "
    "data in bin file or bin file cannot be found!",
    [_ov(LIB_IR, "Empty weights data in bin file or bin file cannot be found!")])
add("Incorrect weights in bin file!",
    lit("Incorrect weights in bin file!"),
    ov(LIB_IR, "src/core/xml_util/src/xml_deserialize_util.cpp (Check 'is_valid_weights_range(…)')"), FILES,
    "a Const of the IR points past the end of its .bin: the .bin is cut short or belongs to another conversion",
    BIN_CUT_FIX,
    CORE + "Check 'is_valid_weights_range(m_weights_provider->size(), offset, size)' failed at src/core/xml_util/src/"
    "xml_deserialize_util.cpp:900:\nIncorrect weights in bin file!",
    [_ov(LIB_IR, "Incorrect weights in bin file!", "is_valid_weights_range")])
add("Error parsing element attribute at offset {offset} [pugixml, reading the IR's .xml]",
    r"input_model\.cpp:\d{1,5}:?\s?(?P<reason>Error parsing [\w ]{1,60}|Unexpected end of file|Start-end tags mismatch|"
    r"No document element found)[\w ]{0,40} at offset (?P<offset>\d{1,12})",
    ov(LIB_IR, "src/frontends/ir/src/input_model.cpp (Check 'res.status == pugi::status_ok': pugixml's description of "
       "the parse error)"), FILES,
    "the IR's .xml is not well-formed XML: a file cut short (an interrupted copy or download), edited by hand, or "
    "another file under that name", "Copy the IR's .xml (and its .bin) whole again, or convert the model again with "
    "ovc / openvino.convert_model + save_model; compare the file's size with the original, and check it ends with "
    "</net>",
    CORE + "Check 'res.status == pugi::status_ok' failed at src/frontends/ir/src/input_model.cpp:219:\nError parsing "
    "element attribute at offset 4011",
    [_ov(LIB_IR, "res.status == pugi::status_ok", "Error parsing element attribute")])
VARS_FIX = ("The SavedModel's variables/ folder is missing, incomplete or damaged (variables.index and "
            "variables.data-* must both be there, whole): copy the SavedModel directory again in full (gsutil -m cp "
            "-r / docker COPY of the whole folder; compare sizes, no Git LFS pointers), or export it again with "
            "model.export / tf.saved_model.save, then convert")
add("Variable or resource `{name}` is not initialized, model is inconsistent",
    r"Variable or resource [`'](?P<variable>[^`'\n]{1,200})[`'] is not initialized, model is inconsistent",
    ov(LIB_TF, "src/frontends/tensorflow/src/op/var_handle.cpp (VarHandleOp: the variable's value is looked up in "
       "the SavedModel's variables index)"), "variables_not_restored",
    "OpenVINO's TensorFlow frontend found no value for a variable of the SavedModel: its variables/ folder is "
    "missing (a copy of saved_model.pb alone), or does not hold that variable (another export's variables)",
    VARS_FIX,
    CONVERT + "Model wasn't fully converted. Failed operations detailed log:\n-- VarHandleOp with a message:\n"
    "Variable or resource `conv2d/kernel_1` is not initialized, model is inconsistent\nSummary:\n-- Conversion is "
    "failed for: VarHandleOp",
    [_ov(LIB_TF, "Variable or resource `", "` is not initialized, model is inconsistent")])
add("Wrong index file, magic number mismatch detected",
    lit("Wrong index file, magic number mismatch detected"),
    ov(LIB_TF, "src/frontends/tensorflow/src/checkpoint_utils.hpp (Check 'magic_no == 0xdb4775248b80fb57ull': the "
       "SavedModel's variables.index)"), "variables_not_restored",
    "the SavedModel's variables/variables.index is not a whole TensorFlow table file (cut short by a copy, a Git LFS "
    "pointer, another file under that name), so no variable can be read", VARS_FIX,
    CORE + "Check 'magic_no == 0xdb4775248b80fb57ull' failed at src/frontends/tensorflow/src/checkpoint_utils.hpp:78:"
    "\nFrontEnd API failed with GeneralFailure:\nWrong index file, magic number mismatch detected",
    [_ov(LIB_TF, "Wrong index file, magic number mismatch detected")])
add("Can not open file {path} for mapping. Ensure that file exists and has appropriate permissions.",
    r"Can not open file (?P<path>[^\n]{0,300}variables[/\\]variables\.data[^\n]{0,40}?) for mapping\. ?Ensure that "
    r"file exists",
    ov(LIB, "src/frontends/common/src/frontend.cpp ('Loading input model': the file mapping of the SavedModel's "
       "variables.data fails)"),
    "variables_not_restored",
    "OpenVINO could not open the SavedModel's variables data file: variables.index is there but variables.data-* is "
    "not (a partial copy of the SavedModel)", VARS_FIX,
    "RuntimeError: Check 'false' failed at src/frontends/common/src/frontend.cpp:47:\nLoading input model\nCan not "
    "open file /tmp/V/sm_nodata/variables/variables.data-00000-of-00001 for mapping. Ensure that file exists and has "
    "appropriate permissions.",
    [_ov(LIB, "Can not open file ", " for mapping. Ensure that file exists and has appropriate permissions.")])
add("Can not open file {path} for mapping. Ensure that file exists and has appropriate permissions.",
    r"Can not open file (?P<path>(?![^\n]{0,300}variables[/\\]variables\.data)[^\n]{1,300}?) for mapping\. ?Ensure "
    r"that file exists",
    ov(LIB, "src/frontends/common/src/frontend.cpp ('Loading input model': the file mapping of the weights fails)"), FILES,
    "OpenVINO could not open the weights file (.bin) given or found for the IR", BIN_MISSING_FIX,
    CORE + "Check 'false' failed at src/frontends/common/src/frontend.cpp:47:\nLoading input model\nCan not open file "
    "/tmp/V/nope.bin for mapping. Ensure that file exists and has appropriate permissions.",
    [_ov(LIB, "Can not open file ", " for mapping. Ensure that file exists and has appropriate permissions.")])
add("TensorFlow Lite Frontend: the model file \"{path}\" is corrupted or malformed (FlatBuffer verification failed).",
    r"TensorFlow Lite Frontend: the model file \"(?P<path>[^\"\n]{1,300})\" is corrupted or malformed",
    ov(LIB_TFL, "src/frontends/tensorflow_lite/src/graph_iterator_flatbuffer.cpp (tflite::VerifyModelBuffer)"), FILES,
    "the TFLite frontend's flatbuffer verifier refused the file: a .tflite cut short or damaged, or no TFLite file",
    TFL_FILE_FIX,
    CORE + "Check 'tflite::VerifyModelBuffer(verifier)' failed at src/frontends/tensorflow_lite/src/graph_iterator_"
    "flatbuffer.cpp:82:\nFrontEnd API failed with GeneralFailure:\nTensorFlow Lite Frontend: the model file "
    "\"/tmp/V/ov/cut.tflite\" is corrupted or malformed (FlatBuffer verification failed).",
    [_ov(LIB_TFL, "TensorFlow Lite Frontend: the model file ", " is corrupted or malformed (FlatBuffer verification "
         "failed).")])

# ---- OpenVINO: ops and opsets the runtime does not have
add("Cannot create {type} layer {name} id:{id} from unsupported opset: {opset}",
    r"Cannot create (?P<operator>\w{1,80}) layer (?P<node>[^\n]{1,300}?) id: ?\d{1,7} from unsupported opset: ?"
    r"(?P<opset>\w{1,40})",
    ov(LIB_IR, "src/core/xml_util/src/xml_deserialize_util.cpp (XmlDeserializer::create_node)"), VERSION,
    "the IR names an opset this runtime does not have: an IR converted by a newer OpenVINO (a newer opsetN), or an op "
    "of a custom extension's opset that was not loaded", OPSET_FIX,
    CORE + "Exception from src/core/xml_util/src/xml_deserialize_util.cpp:1316:\nCannot create ReLU layer "
    "Transpose_401 id:6 from unsupported opset: opset99",
    [_ov(LIB_IR, "Cannot create ", " from unsupported opset: ")])
add("Opset {opset} doesn't contain the operation with type: {type}",
    r"Opset (?P<opset>\w{1,40}) doesn't contain the operation with type: ?(?P<operator>\w{1,80})",
    ov(LIB_IR, "src/core/xml_util/src/xml_deserialize_util.cpp (XmlDeserializer::create_node)"), VERSION,
    "the IR has an operation type its opset does not hold in this runtime: an IR written by another OpenVINO "
    "release, or a custom layer whose extension is not loaded", OPSET_FIX,
    CORE + "Exception from src/core/xml_util/src/xml_deserialize_util.cpp:1286:\nOpset opset1 doesn't contain the "
    "operation with type: FancyRelu",
    [_ov(LIB_IR, "doesn't contain the operation with type: ")])

NO_RULE = "-- No conversion rule found for operations: {ops}"
NO_RULE_RE = r"No conversion rule found for operations: ?"
NO_RULE_SRC = ov(LIB_TF, "src/frontends/common_translators/src/unconverted_ops_report.cpp (the frontend's report "
                 "of the ops it has no translator for; 'Model wasn't fully converted.')")
NO_RULE_Q = [_ov(LIB_TF, "-- No conversion rule found for operations: ", "Model wasn't fully converted.")]
DECODE_OPS = r"(?:DecodeJpeg|DecodePng|DecodeImage|DecodeBmp|DecodeGif|DecodeAndCropJpeg|DecodeBase64|DecodeRaw)"
STRING_OPS = (r"(?:StaticRegexReplace|RegexReplace|StringSplit(?:V2)?|StringToNumber|StringLower|StringJoin|"
              r"Substr|StringLength|AsString|StringToHashBucketFast|LookupTableFindV2|StringFormat|RaggedTensorToTensor)")
add(NO_RULE, NO_RULE_RE + rf"(?P<operator>(?:[\w.]{{1,80}}, ?){{0,12}}{DECODE_OPS})\b", NO_RULE_SRC, VERSION,
    "OpenVINO's TensorFlow frontend has no conversion for the model's image-decoding ops: the serving function "
    "decodes JPEG / PNG bytes inside the graph (an image_bytes signature), which OpenVINO does not convert",
    DECODE_FIX,
    CORE + "Check 'false' failed at src/frontends/common_translators/src/unconverted_ops_report.cpp:151:\nFrontEnd "
    "API failed with OpConversionFailure:\nModel wasn't fully converted.\nSummary:\n-- No conversion rule found for "
    "operations: DecodeJpeg, TensorList\nTo facilitate the conversion of unsupported operations, refer to Frontend "
    "Extension documentation: https://docs.openvino.ai/latest/openvino_docs_Extensibility_UG_Frontend_Extensions.html ",
    NO_RULE_Q)
add(NO_RULE, NO_RULE_RE + rf"(?!(?:[\w.]{{1,80}}, ?){{0,12}}{DECODE_OPS}\b)(?P<operator>(?:[\w.]{{1,80}}, ?){{0,12}}"
    rf"{STRING_OPS})\b", NO_RULE_SRC, VERSION,
    "OpenVINO's TensorFlow frontend has no conversion for the model's string ops (text preprocessing inside the "
    "graph); the openvino-tokenizers extension converts some of them", TOKENIZERS_FIX,
    CONVERT + "Model wasn't fully converted.\nSummary:\n-- No conversion rule found for operations: StaticRegexReplace, "
    "StringToNumber\nTo facilitate the conversion of unsupported operations, refer to Frontend Extension "
    "documentation: https://docs.openvino.ai/latest/openvino_docs_Extensibility_UG_Frontend_Extensions.html \n\n"
    "Encountered unconverted operation(s) for which openvino-tokenizers package provides conversion extension(s): "
    "StaticRegexReplace. Install OpenVINO Tokenizers, refer to the documentation: https://docs.openvino.ai/2026/"
    "openvino-workflow-generative/ov-tokenizers.html ", NO_RULE_Q)
add(NO_RULE, NO_RULE_RE + rf"(?!(?:[\w.]{{1,80}}, ?){{0,12}}(?:{DECODE_OPS}|{STRING_OPS})\b)"
    r"(?P<operator>[\w.]{1,80}(?:, ?[\w.]{1,80}){0,12})", NO_RULE_SRC, VERSION,
    "OpenVINO's TensorFlow (or TFLite / ONNX) frontend has no conversion rule for these ops of the model: ops newer "
    "than this release converts, or custom ones", OP_FIX,
    CORE + "Check 'false' failed at src/frontends/common_translators/src/unconverted_ops_report.cpp:151:\nFrontEnd "
    "API failed with OpConversionFailure:\nModel wasn't fully converted.\nSummary:\n-- No conversion rule found for "
    "operations: Bucketize, SparseSegmentSqrtN\n", NO_RULE_Q)
add("Encountered unconverted operation(s) for which openvino-tokenizers package provides conversion extension(s): {ops}",
    r"Encountered unconverted operation\(s\) for which openvino-tokenizers package provides conversion extension\(s\):"
    r" ?(?P<operator>[\w.]{1,80}(?:, ?[\w.]{1,80}){0,12})",
    ov(LIB_TF, "src/frontends/common_translators/src/unconverted_ops_report.cpp"), VERSION,
    "the model has string ops OpenVINO converts only with the openvino-tokenizers extension, which is not installed "
    "or not imported", TOKENIZERS_FIX,
    "Encountered unconverted operation(s) for which openvino-tokenizers package provides conversion extension(s): "
    "StaticRegexReplace. Install OpenVINO Tokenizers, refer to the documentation: https://docs.openvino.ai/2026/"
    "openvino-workflow-generative/ov-tokenizers.html ",
    [_ov(LIB_TF, "Encountered unconverted operation(s) for which openvino-tokenizers package provides conversion "
         "extension(s): ")])
add("Model wasn't fully converted. Failed operations detailed log: … {name}/ReadVariableOp/resource …",
    r"Failed operations detailed log:[^\x00]{0,600}?/ReadVariableOp/resource",
    ov(LIB_TF, "src/frontends/common_translators/src/unconverted_ops_report.cpp (the translators' failures; the "
       "Parameter names come from the graph's resource placeholders)"), VERSION,
    "OpenVINO's TensorFlow frontend converted a graph whose weights are resource placeholders (…/ReadVariableOp/"
    "resource): a GraphDef written from a TF2 function graph without freezing, so every layer reading a weight "
    "fails its shape checks", FROZEN_FIX,
    CONVERT + "Model wasn't fully converted. Failed operations detailed log:\n-- Conv2D with a message:\nCheck "
    "'input_order_shape[0].compatible(input_rank.get_max_length()) || input_order_shape[0] == 0' failed at src/core/"
    "shape_inference/include/transpose_shape_inference.hpp:70:\nWhile validating node 'opset1::Transpose "
    "Transpose_5799 (opset1::Parameter functional_1/conv2d_1/convolution/ReadVariableOp/resource:0[0]:f32[], "
    "opset1::Constant Constant_5798[0]:i64[4]) -> (dynamic[...])' with friendly_name 'Transpose_5799':\nShape "
    "inference input shapes {[],[4]}\nInput order must have shape [n], where n is the rank of arg.\n\nSummary:\n-- "
    "Conversion is failed for: Conv2D, MatMul, Reshape",
    [_ov(LIB_TF, "Failed operations detailed log:")])
add("Unexpected type: RESOURCE",
    r"tensorflow_lite/src/utils\.cpp:\d{1,5}:?\s?FrontEnd API failed with GeneralFailure:\s?Unexpected type: ?"
    r"(?P<dtype>RESOURCE|VARIANT)\b",
    ov(LIB_TFL, "src/frontends/tensorflow_lite/src/utils.cpp (get_ov_type: the TFLite tensor types it maps)"), VERSION,
    "OpenVINO's TFLite frontend met a tensor of type RESOURCE: the .tflite keeps its weights as resource variables "
    "(converted from a tf.function with variables), which it does not read", RESOURCE_FIX,
    CORE + "Check 'it != type_map.end()' failed at src/frontends/tensorflow_lite/src/utils.cpp:95:\nFrontEnd API "
    "failed with GeneralFailure:\nUnexpected type: RESOURCE",
    [_ov(LIB_TFL, "Unexpected type: ", "it != type_map.end()")])

# ---- OpenVINO: compile_model
DEVICE = 'Device with "{name}" name is not registered in the OpenVINO Runtime'
add(DEVICE, r"Device with \"(?P<device>MYRIAD|HDDL|GNA|FPGA|VPUX|KEEMBAY)(?:\.\d{1,2})?\" name is not registered in "
    r"the OpenVINO Runtime", ov(LIB, "src/inference/src/dev/core_impl.cpp (CoreImpl::get_plugin)"), VERSION,
    "the device's plugin is not part of this OpenVINO release: MYRIAD (Neural Compute Stick 2) and HDDL were "
    "removed in 2022.3, GNA later; the code or IR was written for an older release", DEVICE_REMOVED_FIX,
    CORE_C + "Exception from src/inference/src/dev/core_impl.cpp:706:\nDevice with \"MYRIAD\" name is not registered "
    "in the OpenVINO Runtime", [_ov(LIB, "\" name is not registered in the OpenVINO Runtime")])
add(DEVICE, r"Device with \"(?P<device>(?!(?:MYRIAD|HDDL|GNA|FPGA|VPUX|KEEMBAY)(?:\.\d{1,2})?\")[^\"\n]{1,80})\" name is "
    r"not registered in the OpenVINO Runtime", ov(LIB, "src/inference/src/dev/core_impl.cpp (CoreImpl::get_plugin)"),
    None,
    "compile_model was given a device name this OpenVINO has no plugin for (a typo, or a device of another vendor): "
    "not about the request or model; ov.Core().available_devices lists the devices (CPU, GPU, NPU, AUTO …)", None,
    CORE_C + "Exception from src/inference/src/dev/core_impl.cpp:706:\nDevice with \"TPU\" name is not registered "
    "in the OpenVINO Runtime", [_ov(LIB, "\" name is not registered in the OpenVINO Runtime")])
add('Cannot load library "{plugin}": {reason}',
    r"Cannot load library \"(?P<path>[^\"\n]{0,300}libopenvino_intel_(?P<device>gpu|npu)[\w.]{0,60}\.so)\": ?"
    r"(?P<reason>[^\n]{1,200})",
    ov(LIB, "src/core/src/so_extension.cpp / shared_object_loader (loading a device plugin)"), None,
    "OpenVINO could not load the GPU / NPU plugin library: a system library it needs (libOpenCL.so.1 - the Intel GPU "
    "compute runtime - or the NPU driver and compiler) is not installed where the program runs: not about the "
    "request or model; install the device's driver (intel-opencl-icd / the NPU driver; in a container, pass the device "
    "/dev/dri and install the runtime) or compile for CPU", None,
    CORE_C + "Cannot load library \"/tmp/V/venv/lib/python3.11/site-packages/openvino/../openvino/libs/libopenvino_"
    "intel_gpu_plugin.so\": libOpenCL.so.1: cannot open shared object file: No such file or directory",
    [_ov(LIB, "Cannot load library ")])
add("VCL compiler loading failed, aborting.",
    lit("VCL compiler loading failed, aborting."),
    ov(LIB_NPU, "src/plugins/intel_npu/src/compiler_adapter/src/plugin_compiler_adapter.cpp"), None,
    "OpenVINO's NPU plugin could not load its compiler library (the NPU driver package is not installed or is of "
    "another version): not about the request or model; install the NPU driver matching the openvino release, or "
    "compile for CPU / GPU", None,
    "Exception from src/plugins/intel_npu/src/compiler_adapter/src/plugin_compiler_adapter.cpp:54:\nVCL compiler "
    "loading failed, aborting. Error: Exception from src/plugins/intel_npu/src/utils/src/vcl/vcl_api.cpp:22:",
    [_ov(LIB_NPU, "VCL compiler loading failed, aborting.")])
add("NotFound: Unsupported property {key} by {device} plugin.",
    r"Unsupported property (?P<key>[\w.]{1,80}) by (?P<device>\w{1,20}) plugin",
    ov(LIB_CPU, "src/plugins/intel_cpu/src/config.cpp (Config::readProperties)"), None,
    "compile_model was given a configuration key the device plugin does not take (a typo, a key of another device "
    "or release): not about the request or model; core.get_property(device, 'SUPPORTED_PROPERTIES') lists the keys", None,
    CORE_C + "Exception from src/inference/src/dev/plugin.cpp:54:\nException from src/plugins/intel_cpu/src/"
    "config.cpp:505:\nNotFound: Unsupported property NOT_A_PROP by CPU plugin.",
    [_ov(LIB_CPU, "NotFound: Unsupported property ")])
add("[CPU] Cannot import compiled blob: incompatible runtime requirements magic.",
    r"Cannot import compiled blob: ?incompatible runtime requirements",
    ov(LIB_CPU, "src/plugins/intel_cpu/src/plugin.cpp (Plugin::import_model)"), VERSION,
    "import_model (or a model cache, CACHE_DIR) was given a compiled blob exported by another OpenVINO release or "
    "build: compiled models are not portable across releases", "Export the compiled model again with this very "
    "OpenVINO release (compiled_model.export_model()) or import it with the release that exported it; for a cache "
    "directory, empty it after upgrading OpenVINO (the IR itself, read with read_model, is what travels between "
    "releases)",
    "RuntimeError: Exception from src/inference/src/cpp/core.cpp:217:\nException from src/inference/src/dev/plugin.cpp"
    ":74:\nCheck 'requirements_magic == runtime_requirements_magic' failed at src/plugins/intel_cpu/src/plugin.cpp:789:"
    "\n[CPU] Cannot import compiled blob: incompatible runtime requirements magic.",
    [_ov(LIB_CPU, "Cannot import compiled blob: incompatible runtime requirements magic.")])

# ---- OpenVINO: the inference request
add("Can't set the input tensor with index: {i}, because the model input (shape={want}) and the tensor (shape={got}) "
    "are incompatible",
    r"Can't set the input tensor with (?:index: ?\d{1,4}|name: ?[^,\n]{1,200}), because the model input \(shape="
    r"(?P<want_shape>\[[\d,?.\s-]{0,80}\])\) and the tensor \(shape=(?P<got_shape>\([\d.,\s]{0,80}\))\) are "
    r"incompatible",
    ov(LIB_CPU, "src/plugins/intel_cpu/src/infer_request.cpp (SyncInferRequest::set_tensor: Check "
       "'shape.compatible(ov::PartialShape(tensor->get_shape()))')"), SHAPE,
    "the array given to the infer request (or set_input_tensor) has another shape than the compiled model's input: "
    "another rank, height / width / channels, layout (NCHW for a model converted from Keras, which keeps NHWC) or, "
    "for a model of a fixed batch, another batch", SHAPE_FIX,
    REQ + "Check 'shape.compatible(ov::PartialShape(tensor->get_shape()))' failed at src/plugins/intel_cpu/src/"
    "infer_request.cpp:385:\nCan't set the input tensor with index: 0, because the model input (shape=[?,32,32,3]) "
    "and the tensor (shape=(1.28.28.3)) are incompatible",
    [_ov(LIB_CPU, "Can't set the input tensor with index: ", ", because the model input (shape=",
         ") and the tensor (shape=", ") are incompatible")], decider="rank")
add("ParameterMismatch: Failed to set tensor for input with precision: {got}, since the model input tensor precision "
    "is: {want}",
    r"Failed to set tensor for input with precision: ?(?P<got_dtype>\w{1,12}), ?since the model input tensor "
    r"precision is: ?(?P<want_dtype>\w{1,12})",
    ov(LIB_CPU, "src/plugins/intel_cpu/src/infer_request.cpp (SyncInferRequest::set_tensor)"), "dtype_mismatch",
    "the tensor given to set_tensor / set_input_tensor has another element type than the model's input (i64 or u8 "
    "for an f32 input): the request does not convert it", PRECISION_FIX,
    "RuntimeError: Exception from src/inference/src/cpp/infer_request.cpp:117:\nException from src/inference/src/cpp/"
    "infer_request.cpp:67:\nException from src/plugins/intel_cpu/src/infer_request.cpp:377:\nParameterMismatch: "
    "Failed to set tensor for input with precision: i64, since the model input tensor precision is: f32",
    [_ov(LIB_CPU, "ParameterMismatch: Failed to set tensor for input with precision: ",
         ", since the model input tensor precision is: ")])
add("Port for tensor name {name} was not found.",
    r"Port for tensor name (?P<input>[^\s\n]{1,200}) was not found",
    ov(LIB, "src/inference/src/cpp/infer_request.cpp (InferRequest::get_tensor / set_tensor by name)"), KEYS,
    "the infer request was given (or asked for) a tensor name that is none of the compiled model's inputs or outputs",
    PORT_FIX,
    "RuntimeError: Exception from src/inference/src/cpp/infer_request.cpp:189:\nCheck '::getPort(port, name, "
    "{_impl->get_inputs(), _impl->get_outputs()})' failed at src/inference/src/cpp/infer_request.cpp:191:\nPort for "
    "tensor name input_1 was not found.", [_ov(LIB, "Port for tensor name ", " was not found.")])
add("{Input|Output} for tensor name '{name}' is not found.",
    r"(?:Input|Output) for tensor name '(?P<input>[^'\n]{1,200})' is not found",
    ov(LIB, "src/inference/src/cpp/compiled_model.cpp / src/core/src/model.cpp (input(name), output(name), "
       "Model::reshape)"), KEYS,
    "compiled_model.input(name) / output(name) or model.reshape({name: …}) named a tensor the model does not have",
    PORT_FIX,
    "RuntimeError: Exception from src/inference/src/cpp/compiled_model.cpp:117:\nException from src/inference/src/"
    "cpp/compiled_model.cpp:123:\nOutput for tensor name 'probs_wrong' is not found.",
    [_ov(LIB, "for tensor name '", "' is not found.")])
add("Cannot get input for index: {i} inputs size is {n}",
    r"Cannot get input for index: ?(?P<got>\d{1,4}) inputs size is (?P<want>\d{1,4})",
    ov(LIB, "src/inference/src/cpp/compiled_model.cpp (CompiledModel::input(i))"), KEYS,
    "compiled_model.input(i) asked for an input index the model does not have", INDEX_FIX,
    "RuntimeError: Exception from src/inference/src/cpp/compiled_model.cpp:73:\nCheck 'i < _impl->inputs().size()' "
    "failed at src/inference/src/cpp/compiled_model.cpp:74:\nCannot get input for index: 5 inputs size is 1",
    [_ov(LIB, "Cannot get input for index: ", " inputs size is ")])
add("vector::_M_range_check: __n (which is {i}) >= this->size() (which is {n}) [from infer_request.cpp]",
    r"infer_request\.cpp:\d{1,5}:?\s?vector::_M_range_check: __n \(which is (?P<got>\d{1,4})\) >= this->size\(\) "
    r"\(which is (?P<want>\d{1,4})\)",
    ov(LIB, "src/inference/src/cpp/infer_request.cpp (set_input_tensor(i): the inputs vector's at(i), libstdc++'s "
       "message)"), KEYS,
    "infer() was given more arrays than the model has inputs (or an input index past the last): the request's "
    "input list is read with at(i)", INDEX_FIX,
    "RuntimeError: Exception from src/inference/src/cpp/infer_request.cpp:198:\nvector::_M_range_check: __n (which "
    "is 1) >= this->size() (which is 1)", [_ov(LIB, "vector::_M_range_check: __n (which is %zu) >= this->size() "
                                               "(which is %zu)")])

# ---- OpenVINO: the converter (ovc / openvino.convert_model)
add("Cannot recognize input model.",
    lit("Cannot recognize input model."),
    ov(OVC_IMPL, "prepare_ir: no frontend loads the input model"), FILES,
    "ovc / openvino.convert_model found no frontend that reads the input: a Keras .h5 / .keras file (OpenVINO "
    "converts a Keras model only as a SavedModel or as the Python object), a file of another format, or a damaged "
    "one", RECOGNIZE_FIX,
    "openvino.tools.ovc.error.Error: Cannot recognize input model.",
    [_ov(OVC_IMPL, "raise Error('Cannot recognize input model.')")])
add('The value for parameter "input_model" must be existing file/directory, but "{path}" does not exist.',
    r"The value for parameter \"input_model\" must be existing file/directory, but \"(?P<path>[^\"\n]{1,300})\" "
    r"does not exist", ov(OVC_CLI, "input_model_details / the path check of ovc's arguments"), FILES,
    "ovc / convert_model found nothing at the model path given", CONVERT_MISSING_FIX,
    "openvino.tools.ovc.error.Error: The value for parameter \"input_model\" must be existing file/directory, but "
    "\"/tmp/V/nope/frozen.pb\" does not exist.",
    [_ov(OVC_CLI, "must be existing file/directory, ")])
add("No node with name {name}",
    r"No node with name (?P<input>[^\s]{1,200})",
    ov(OVC_EXTRACTOR, "raise_no_node (convert_model input= / output= names)"), KEYS,
    "convert_model / ovc was given an input or output name (input=, output=, --input, --output) that is no node or "
    "tensor of the model", NODE_FIX,
    "openvino.tools.ovc.error.Error: No node with name not_there",
    [_ov(OVC_EXTRACTOR, "raise Error('No node with name {}'.format(node_name))")])

# ---- older OpenVINO wordings (openvinotoolkit/openvino at a commit)
CNN_READER = "inference-engine/src/inference_engine/ie_cnn_net_reader_impl.cpp"
add("Error reading network: cannot parse future versions: {version}",
    r"cannot parse future versions ?: ?(?P<version>\d{1,3})",
    src(OV_REPO, OV_2019, CNN_READER, "CNNNetReaderImpl::ReadNetwork (Inference Engine 2018-2019)"), VERSION,
    "the Inference Engine (2018-2019) read an IR whose version is newer than it parses: the .xml / .bin were made by "
    "a newer Model Optimizer than the runtime loading them", IR_VERSION_FIX,
    "[ INFO ] Loading network files\n[ ERROR ] Error reading network: cannot parse future versions: 6",
    [_q(OV_REPO, OV_2019, CNN_READER, 'if (_version > 5) THROW_IE_EXCEPTION << "cannot parse future versions: " << '
        '_version;', '"Error reading network: "')])
add("deprecated IR version: {version}",
    r"deprecated IR version ?: ?(?P<version>\d{1,3})",
    src(OV_REPO, OV_2019, CNN_READER, "CNNNetReaderImpl::ReadNetwork"), VERSION,
    "the Inference Engine read an IR older than it parses: the .xml / .bin were made by an older Model Optimizer",
    IR_OLD_FIX, "Error reading network: deprecated IR version: 0",
    [_q(OV_REPO, OV_2019, CNN_READER, 'THROW_IE_EXCEPTION << "deprecated IR version: " << _version;')])
MKLDNN = "inference-engine/src/mkldnn_plugin/mkldnn_node.cpp"
add("Unsupported primitive of type: {type} name: {name}",
    r"Unsupported primitive of type: ?(?P<operator>[\w-]{1,80}) name: ?(?P<node>[^\s\n]{1,300})",
    src(OV_REPO, OV_MKLDNN, MKLDNN, "MKLDNNNode::factory().create (the CPU plugin of 2019-2021)"), VERSION,
    "the Inference Engine's CPU plugin (2019-2021) has no kernel for this layer type of the IR: a layer that lived in "
    "the CPU extension library that was not loaded, a custom layer, or a layer newer than the plugin", PRIMITIVE_FIX,
    "RuntimeError: Unsupported primitive of type: PriorBox name: conv11_mbox_priorbox",
    [_q(OV_REPO, OV_MKLDNN, MKLDNN, 'THROW_IE_EXCEPTION << "Unsupported primitive of type: " << layer->type << " '
        'name: " << layer->name;')])

IE_REQ = "src/inference/src/cpp_interfaces/interface/ie_iinfer_request_internal.cpp"
add("Input blob size is not equal network input size ({got}!={want}).",
    r"Input blob size is not equal network input size \((?P<got>\d{1,12}) ?!= ?(?P<want>\d{1,12})\)",
    src(OV_REPO, OV_2022, IE_REQ, "IInferRequestInternal::SetBlob (the Inference Engine API, 2021-2023)"), SHAPE,
    "the array given to the (2021-2023 Inference Engine API's) infer request holds another number of values than "
    "the network's input (the numbers are element counts, the product of the shape): another height / width / "
    "channels, or a batch of several images for an IR of batch 1",
    "Give the request an array of the network's input shape (net.input_info[name].input_data.shape, or "
    "compiled_model.input(0).shape): resize to the model's height and width, keep its channel count and layout (an "
    "IR from a TensorFlow model may be NCHW: transpose HWC images to CHW), and one image per request for an IR of "
    "batch 1 (or reshape the network: net.reshape / net.batch_size = N before loading it)",
    "RuntimeError: Input blob size is not equal network input size (150528!=602112).",
    [_q(OV_REPO, OV_2022, IE_REQ, 'IE_THROW() << "Input blob size is not equal network input size (" << dataSize '
        '<< "!=" << inputSize')])
add("Failed to find input or output with name: '{name}'",
    r"Failed to find input or output with name: ?'(?P<input>[^'\n]{1,200})'",
    src(OV_REPO, OV_2022, IE_REQ, "IInferRequestInternal::findInputAndOutputBlobByName"), KEYS,
    "the (2021-2023 Inference Engine API's) infer request was given a blob name that is none of the network's "
    "inputs or outputs", PORT_FIX,
    "RuntimeError: [ NOT_FOUND ] Failed to find input or output with name: 'input_1'",
    [_q(OV_REPO, OV_2022, IE_REQ, 'IE_THROW(NotFound) << "Failed to find input or output with name: \\\'" << name')])
add("Failed to set Blob with precision not corresponding to user {input|output} precision",
    r"Failed to set Blob with precision not corresponding to user (?:input|output) precision",
    src(OV_REPO, OV_2022, IE_REQ, "IInferRequestInternal::SetBlob"), "dtype_mismatch",
    "the blob given to the (2021-2023 Inference Engine API's) infer request has another precision than the one set "
    "for the network's input (input_info[name].precision, FP32 by default; U8 when set for images)",
    PRECISION_FIX,
    "RuntimeError: [ PARAMETER_MISMATCH ] Failed to set Blob with precision not corresponding to user input "
    "precision",
    [_q(OV_REPO, OV_2022, IE_REQ, '"Failed to set Blob with precision not corresponding to user ')])

# ---- OpenCV dnn (4.10.0 and 5.1.0)
CVE = "cv2.error: OpenCV({v}) /io/opencv/modules/dnn/src/{path}: error: ({code}) {msg} in function '{fn}'"
ASSERT = "-215:Assertion failed"
add("module 'cv2.dnn' has no attribute 'readNetFrom{Tensorflow|Caffe|Darknet|Torch}'",
    r"module '?cv2\.dnn'? has no attribute '?(?P<function>readNetFrom(?:Tensorflow|Caffe|Darknet|Torch))\b",
    f"opencv-python-headless {CV5} (PyPI wheel) cv2.abi3.so: the dnn module's Python bindings (modules/dnn/include/"
    f"opencv2/dnn/dnn.hpp of OpenCV 5 declares no TensorFlow, Caffe, Darknet or Torch reader; {CV4} does)", VERSION,
    "the installed OpenCV is 5.x, whose dnn module dropped the TensorFlow (and Caffe, Darknet, Torch) importers: code "
    "written for OpenCV 4 calls a function this release does not have", CV5_TF_FIX,
    "AttributeError: module 'cv2.dnn' has no attribute 'readNetFromTensorflow'",
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("readNetFromTensorflow",)), Quote(CV5_WHEEL, CV5, CV2_SO, ("readNetFromTFLite",))])
add("netBinSize || netTxtSize in function 'populateNet'",
    r"netBinSize ?\|\| ?netTxtSize",
    cv(CV4, "tensorflow/tf_importer.cpp (TFImporter::populateNet: CV_Assert(netBinSize || netTxtSize))"), FILES,
    "readNetFromTensorflow read no GraphDef from the path given: a directory (a SavedModel's folder), an empty file, "
    "or a file that is not a frozen graph", CV_EMPTY_FIX,
    CVE.format(v=CV4, path="tensorflow/tf_importer.cpp:3044", code=ASSERT, msg="netBinSize || netTxtSize",
               fn="populateNet"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("netBinSize || netTxtSize",))])
add("model_proto.has_graph() in function '{populateNet|parseModel}'",
    r"model_proto\.has_graph\(\)",
    cv(CV4, "onnx/onnx_importer.cpp (ONNXImporter::populateNet; onnx/onnx_importer2.cpp parseModel in 5.x)"), FILES,
    "readNetFromONNX parsed the file but found no ONNX graph in it: the file is no ONNX model (a TensorFlow .pb, a "
    "Keras file)", CV_ONNX_FIX,
    CVE.format(v=CV4, path="onnx/onnx_importer.cpp:792", code=ASSERT, msg="model_proto.has_graph()",
               fn="populateNet"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("model_proto.has_graph()",)),
     Quote(CV5_WHEEL, CV5, CV2_SO, ("model_proto.has_graph()",))])
add("Input layer not found: {name}/ReadVariableOp/resource",
    r"Input layer not found: (?P<node>[^\s'\"]{1,300}/ReadVariableOp/resource)\b",
    cv(CV4, "tensorflow/tf_importer.cpp (TFImporter::connect)"), VERSION,
    "a layer of the frozen graph takes a weight that is still computed (a Reshape of a ReadVariableOp's constant, as "
    "Keras 3 / TF2 layers build it): OpenCV's TensorFlow importer reads weights only as Const inputs, so the graph "
    "needs its constants folded", CV_FOLD_FIX,
    CVE.format(v=CV4, path="tensorflow/tf_importer.cpp:2852", code="-2:Unspecified error",
               msg="Input layer not found: functional_1/conv2d_1/Reshape/ReadVariableOp/resource", fn="connect"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("Input layer not found: ",))])
add("Tensor's data type is not supported",
    lit("Tensor's data type is not supported"),
    cv(CV4, "tensorflow/tf_importer.cpp (parseTensor: a Const whose dtype it does not read)"), "keras_learning_phase",
    "OpenCV's TensorFlow importer met a Const of a type it does not read (its parseTensor takes float, double, "
    "half, int32 and quint8): most often a bool, in a Keras / TF1 graph the learning-phase flag "
    "(keras_learning_phase) or an is_training switch frozen into the graph; an int64 or string constant gives the "
    "same message", CV_DTYPE_FIX,
    CVE.format(v=CV4, path="tensorflow/tf_importer.cpp:2190", code="-2:Unspecified error",
               msg="Tensor's data type is not supported", fn="parseTensor"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("Tensor's data type is not supported",))])
add("DNN/TF: Can't parse layer for node='{name}/dropout/{op}' of type='{type}'. Exception: …",
    # (starts at the node's name, after engines' general row for this message: the later start leads)
    r"(?<=DNN/TF: Can't parse layer for node=')(?P<node>[^'\n]{0,300}?dropout[^'\n]{0,200})' of type='(?P<operator>"
    r"[^'\n]{1,120})'",
    cv(CV4, "tensorflow/tf_importer.cpp (TFImporter::parseNode, logged before the exception is raised again)"),
    "unfed_placeholder",
    "OpenCV's TensorFlow importer could not convert a dropout node: the graph is the training graph, whose dropout "
    "divides by a keep_prob / rate placeholder (or switches on a training flag) that inference never feeds",
    CV_DROPOUT_FIX,
    "[ERROR:0@0.029] global tf_importer.cpp:3216 parseNode DNN/TF: Can't parse layer for node='dropout/RealDiv' of "
    "type='RealDiv'. Exception: OpenCV(4.10.0) /io/opencv/modules/dnn/src/layer_internals.hpp:309: error: (-215:"
    "Assertion failed) inputs.size() == requiredOutputs in function 'getMemoryShapes'",
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("DNN/TF: Can't parse layer for node='", "inputs.size() == requiredOutputs"))])
for _op in ("VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE", "CALL_ONCE", "PLACEHOLDER_FOR_GREATER_OP_CODES"):
    # one row per op: its key (the literal with the op's name) is longer than engines' general row, so it leads
    add("Unsupported operator type {VAR_HANDLE|READ_VARIABLE|…}",
        rf"Unsupported operator type {_op}\b",
        cv(CV4, "tflite/tflite_importer.cpp (TFLiteImporter::populateNet)"), VERSION,
        "OpenCV's TFLite importer met a resource-variable op: the .tflite keeps its weights as variables (converted "
        "from a tf.function with variables), which OpenCV does not read (PLACEHOLDER_FOR_GREATER_OP_CODES is how its "
        "schema names any opcode above 127, VAR_HANDLE among them)", CV_RESOURCE_FIX,
        CVE.format(v=CV5, path="tflite/tflite_importer.cpp:411", code="-213:The function/feature is not implemented",
                   msg=f"Unsupported operator type {_op}", fn="populateNet"),
        [Quote(CV4_WHEEL, CV4, CV2_SO, ("Unsupported operator type ", "PLACEHOLDER_FOR_GREATER_OP_CODES")),
         Quote(CV5_WHEEL, CV5, CV2_SO, ("VAR_HANDLE",))])
add("Can't infer a dim denoted by -1 in function 'computeShapeByReshapeMask'",
    r"Can't infer a dim denoted by -1",
    cv(CV4, "layers/reshape_layer.cpp (computeShapeByReshapeMask)"), SHAPE,
    "a Reshape / Flatten of the net, whose other sizes were fixed when the model was imported, cannot fit the "
    "input's values into them: the input is not the width / height (or layout) the model was built for",
    CV_SIZE_FIX,
    CVE.format(v=CV4, path="layers/reshape_layer.cpp:150", code="-1:Backtrace", msg="Can't infer a dim denoted by -1",
               fn="computeShapeByReshapeMask"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("Can't infer a dim denoted by -1",))])
add("Requested blob \"{name}\" not found",
    r"Requested blob \"(?P<input>[^\"\n]{1,200})\" not found",
    cv(CV4, "net_impl.cpp (Net::Impl::setInput)"), KEYS,
    "net.setInput(blob, name) named an input the imported net does not have", CV_BLOB_NAME_FIX,
    CVE.format(v=CV4, path="net_impl.cpp:1399", code="-204:Requested object was not found",
               msg="Requested blob \"nothing\" not found", fn="setInput"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ('Requested blob "',))])
add("image0.dims == 2 in function 'blobFromImagesWithParamsImpl'",
    r"image0\.dims ?== ?2 in function '?blobFromImages",
    cv(CV4, "dnn_utils.cpp (blobFromImagesWithParamsImpl)"), None,
    "cv2.dnn.blobFromImage got no image (None or an empty array): cv2.imread returned None for a path that does not "
    "exist or a file it cannot read, or a video frame was not read; not about the request or model", None,
    CVE.format(v=CV4, path="dnn_utils.cpp:216", code=ASSERT, msg="image0.dims == 2",
               fn="blobFromImagesWithParamsImpl"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("image0.dims == 2", "blobFromImagesWithParamsImpl"))])

# ---- OpenCV's OpenVINO backend (readNet on an IR, DNN_BACKEND_INFERENCE_ENGINE)
add("Backend (plugin) is not available: 'openvino'",
    r"Backend \(plugin\) is not available: ?'openvino'",
    cv(CV4, "plugin_wrapper.impl.hpp (createPluginDNNNetworkBackend; the same in 5.1.0)"), VERSION,
    "cv2.dnn.readNet / readNetFromModelOptimizer was given an OpenVINO IR (.xml / .bin), and this OpenCV build has "
    "no OpenVINO backend (the PyPI opencv-python wheels have none): it cannot run an IR",
    "Run the IR with OpenVINO's own runtime (pip install openvino; core = ov.Core(); compiled = "
    "core.compile_model('model.xml', 'CPU'); compiled(inputs)), or give OpenCV the model in a format its own "
    "importers read (ONNX from tf2onnx, a .tflite, a frozen .pb for OpenCV 4), or use an OpenCV built with "
    "OpenVINO (the one of the OpenVINO toolkit's distribution)",
    CVE.format(v=CV4, path="plugin_wrapper.impl.hpp:313", code="-213:The function/feature is not implemented",
               msg="Backend (plugin) is not available: 'openvino'", fn="createPluginDNNNetworkBackend"),
    [Quote(CV4_WHEEL, CV4, CV2_SO, ("Backend (plugin) is not available: ", "createPluginDNNNetworkBackend")),
     Quote(CV5_WHEEL, CV5, CV2_SO, ("Backend (plugin) is not available: ",))])
CV_IE = "modules/dnn/src/ie_ngraph.cpp"
add("Failed to initialize Inference Engine backend[ (device = {device})]: {what}",
    r"Failed to initialize Inference Engine backend(?: ?\(device ?= ?(?P<device>[\w:,]{1,40})\))?: ?"
    r"(?! ?Can not init (?:Myriad|USB) device)(?P<what>[^\n]{1,300})",
    src(OPENCV_REPO, CV_IE_COMMIT, CV_IE, "InfEngineNgraphNet::init / forward; op_inf_engine.cpp before 4.0"), VERSION,
    "OpenCV's OpenVINO backend could not load the network into OpenVINO (the message after the colon is "
    "OpenVINO's): most often an IR written by the Model Optimizer of another OpenVINO release than the one OpenCV is "
    "built with, or a layer the target device does not support", "Use the IR and OpenCV of one OpenVINO release: "
    "convert the model again (mo / ovc) with the OpenVINO whose OpenCV loads it, or download the IR of that release "
    "(Open Model Zoo's downloader of the same version); for a layer the device lacks, run on DNN_TARGET_CPU or use "
    "a newer release",
    "cv2.error: OpenCV(4.1.0-openvino) /opencv/modules/dnn/src/op_inf_engine.cpp:555: error: (-215:Assertion failed) "
    "Failed to initialize Inference Engine backend: \nIncorrect number of input edges for layer mbox_conf_reshape in "
    "function 'initPlugin'",
    [_q(OPENCV_REPO, CV_IE_COMMIT, CV_IE, 'format("Failed to initialize Inference Engine backend (device = %s): %s"',
        'format("Failed to initialize Inference Engine backend: %s", ex.what())')])
add("Can not init Myriad device: NC_ERROR",
    r"Can not init (?:Myriad|USB) device: ?(?P<code>NC_\w{1,40})",
    src(OPENCV_REPO, CV_IE_COMMIT, CV_IE, "the OpenVINO MYRIAD plugin's message inside 'Failed to initialize "
        "Inference Engine backend (device = MYRIAD)'"), None,
    "OpenVINO's MYRIAD plugin found no Neural Compute Stick it could open (not plugged in, no udev rules / USB "
    "permission, a busy or unpowered USB port): not about the request or model; check lsusb for the Movidius "
    "device, install the udev rules of the OpenVINO release, try another USB port or a powered hub", None,
    "cv2.error: OpenCV(4.4.0-openvino) ../opencv/modules/dnn/src/ie_ngraph.cpp:638: error: (-2:Unspecified error) "
    "Failed to initialize Inference Engine backend (device = MYRIAD): Can not init Myriad device: NC_ERROR in "
    "function 'initPlugin'",
    [_q(OPENCV_REPO, CV_IE_COMMIT, CV_IE, 'format("Failed to initialize Inference Engine backend (device = %s): %s"')])

# ---- OpenVINO Model Server (src/status.cpp: StatusCode messages; explain_index_runtimes holds 11 more)
OVMS_STATUS = "src/status.cpp"


def _ovms(code: str) -> str:
    return src(OVMS_REPO, OVMS_COMMIT, OVMS_STATUS, f"StatusCode::{code}")


for _msg, _code, _cat, _meaning, _fix in [
    ("Model with requested version is retired", "MODEL_VERSION_NOT_LOADED_ANYMORE", "model_not_found",
     "OpenVINO Model Server no longer serves the version the request names: its version policy unloaded it (by "
     "default only the latest version is served)",
     "Request a version the server serves (GET /v1/models/NAME lists them), leave the version out to get the "
     "latest, or set model_version_policy ({\"all\": {}} or {\"specific\": {\"versions\": [1, 2]}}) in the "
     "config"),
    ("Model with requested version is not loaded yet", "MODEL_VERSION_NOT_LOADED_YET", "model_load_failed",
     "OpenVINO Model Server has the version but it is not loaded: still loading, or its load failed (the server's "
     "log says why: a model file it cannot read, an op, a shape)",
     "Read the OVMS log for the version's load error (docker logs CONTAINER) and fix what it names; wait for "
     "GET /v1/models/NAME to show the version AVAILABLE before sending requests"),
    ("Could not parse input content. Unsupported data precision detected", "REST_UNSUPPORTED_PRECISION",
     "dtype_mismatch",
     "the REST request's values are of a type OpenVINO Model Server cannot put into the input's precision (strings "
     "or booleans for a numeric input)",
     "Send values of the input's type (numbers for an FP32 / INT input, as nested JSON lists), or b64 image bytes "
     "only to a model configured for binary input"),
    ("Received binary image input but resource not configured to accept NHWC layout", "UNSUPPORTED_LAYOUT",
     SHAPE,
     "OpenVINO Model Server got encoded image bytes (b64 JPEG / PNG), which it decodes to NHWC, for a model whose "
     "input layout is not NHWC (an IR in NCHW)",
     "Start OVMS with the input's layout set so it takes NHWC (--layout NHWC:NCHW, or \"layout\": \"NHWC:NCHW\" in "
     "the model config), or send decoded arrays in the model's own layout instead of image bytes"),
    ("Batching set to AUTO but model contains scalar tensor", "MODEL_WITH_SCALAR_AUTO_UNSUPPORTED", "scalar_input",
     "OpenVINO Model Server was started with --batch_size auto for a model that has a scalar (rank-0) input or "
     "output, which has no batch dimension to change",
     "Leave --batch_size auto out for this model (use --shape auto or a fixed shape), or export the model without "
     "the scalar input (a constant or a default inside the graph)"),
    ("Model could not be reshaped with requested shape", "RESHAPE_ERROR", SHAPE,
     "OpenVINO Model Server could not reshape the model to the shape asked (--shape / shape auto from a request): "
     "the model's layers do not take that shape (a Flatten / Dense fixed to the exported size, another rank)",
     "Send (or configure) inputs of the shape the model was exported for (GET /v1/models/NAME/metadata lists it), "
     "or export the model with dynamic dimensions where other sizes are needed"),
    ("Number of elements in xxx_val field does not match declared tensor shape", "REST_SERIALIZE_VAL_FIELD_INVALID_SIZE",
     SHAPE,
     "a TensorProto sent to OpenVINO Model Server holds another number of values in its *_val field than its "
     "declared shape", "Build the TensorProto with tf.make_tensor_proto(array) from an array of the declared shape "
     "and dtype (the shape and the data must agree)"),
]:
    add(_msg, lit(_msg), _ovms(_code), _cat, _meaning, _fix, '{"error": "' + _msg + '"}',
        [_q(OVMS_REPO, OVMS_COMMIT, OVMS_STATUS, f'{{StatusCode::{_code}, "{_msg}"}}')])

# ------------------------------------------------------------------------------------------------ checks


def wheel_path(repo: str) -> Path | None:
    """The wheel a Quote's ``repo`` names (``pypi/openvino`` …) in the WHEELS folder, or None when not fetched."""
    _, prefix = WHEEL_REQS[repo]
    found = sorted(p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(prefix.lower()))
    return found[0] if found else None


@lru_cache(maxsize=None)
def wheel_member(repo: str, path: str) -> str | None:
    """The file ``path`` of the wheel (a shared library's bytes as latin-1 text, so every literal is found as it is),
    or None when the wheel is not on this machine; a path the wheel lacks stops the build."""
    wheel = wheel_path(repo)
    if wheel is None:
        return None
    with zipfile.ZipFile(wheel) as z:
        if path not in z.namelist():
            raise SystemExit(f"{WHO}: no {path} in {wheel.name}")
        return z.read(path).decode("latin-1")


def read(repo: str, commit: str, path: str) -> str | None:
    """A quote's file: a wheel's member, or a GitHub file from its git mirror (None when absent)."""
    if repo in WHEEL_REQS:
        return wheel_member(repo, path)
    return mirror_text(repo, commit, path, WHO)


def fetch_wheels() -> None:
    """``pip download`` each wheel into WHEELS (once; never installed)."""
    WHEELS.mkdir(parents=True, exist_ok=True)
    for repo, (req, _) in WHEEL_REQS.items():
        if wheel_path(repo) is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", req, "-d", str(WHEELS)],
                           check=False)
        print(f"{req}: {wheel_path(repo) or 'not fetched'}")


def check_quotes() -> int:
    """Every row's pieces are in its files (wheels or mirrors not on this machine are skipped); returns how many
    (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES, read)


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    if "--fetch" in sys.argv:
        fetch_wheels()
    print(f"{check_quotes()} (row, file) pairs checked against their wheels (in {WHEELS}) and mirrors (under "
          f"{MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
