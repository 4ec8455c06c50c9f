"""Converters and other runtimes a Keras / TensorFlow model is run through, for explain's message index (#15): what they
say when the model is of another version than they read, or uses what they do not support, read from their sources
at a named commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* ONNX.js (microsoft/onnxjs): the IR version its first releases read, and an operator it has no kernel for at the
  model's opset;
* DeepSpeech (mozilla/DeepSpeech): ``CreateModel failed …`` as its Python and JavaScript packages word it in each
  release (0.5-0.6 print the bare error code, 0.7 on the code's text and hex), for the codes of ``deepspeech.h``'s
  error table that say the model file is of another release or not a model;
* frugally-deep (Dobiasd/frugally-deep): the self-test ``load_model`` runs on the test case the converter stored in
  the .json (outputs of another shape or value: a .json converted by another frugally-deep version), and the layers
  and activations a release does not support;
* WebDNN (mil-tokyo/webdnn): its Keras converter's unsupported layers (1.0's ``Unknown Layer``, 1.2's ``[KerasConverter]
  keras.layers.X is not supported``, an operator no handler converts) and the Keras version it runs with;
* deeplearning4j's Keras import (deeplearning4j/deeplearning4j, read file by file with the search tool's read_file:
  the repository is too large to mirror here): the Keras major version and model class names it reads, the conv
  weights of a backend it does not know;
* coremltools (apple/coremltools): the Keras converter's unsupported layers (4.x) and the unified converter's TF op
  it has no conversion for;
* onnx-tensorflow (onnx/onnx-tensorflow): an ONNX op (at the model's opset version) the backend does not implement;
* onnx's checker (onnx/onnx ``checker.cc``, which onnxruntime's model load prints too): an op with no schema at the
  model's opset, an op the opset deprecates, an IR version above the checker's;
* tf2onnx's ``Unsupported ops: Counter({…})`` and OpenVINO's Model Optimizer's ops it cannot convert to IR (read with
  the search tool's read_file);
* OpenVINO's runtime refusing an IR of an older version, TFLite (Micro)'s kernels lacking a tensor type, and the
  micro_speech example's input check (tensorflow/tflite-micro, mirrored here);
* onnxruntime's older ``Unknown model file format version.`` (an IR version above what it reads), read from a
  1.4 release's binary (fetched once into explain_index_tf1's WHEELS folder, never installed);
* HDF5's ``can't locate attribute: 'model_config'`` as h5py raises it (an .h5 of weights only given to an importer
  or loader of whole models), read from the installed h5py's libhdf5;
* the TFLite Python ``Interpreter``: a method the code calls that an older tensorflow / tflite_runtime does not have
  (``'Interpreter' object has no attribute 'get_signature_runner'``), computed from the Interpreter class of each
  release's ``interpreter.py`` (the installed TensorFlow and the wheels in explain_index_tf1's WHEELS folder).

Each row: template, a pattern with named captures whose literal parts are the source's own text, the file and commit,
its category (an id of CATEGORIES.md), what it means for someone serving the model, a fix that names the version step
(convert again with the matching converter version, upgrade the runtime, re-save with the Keras the importer reads),
and an example as the library prints it (the build checks the pattern matches it).  :data:`QUOTES` names the pieces
of source text each row rests on; when the git mirror is on this machine (``/work/.mirror/<owner>+<name>/repo``) the
build checks every piece is in that file at that commit (deeplearning4j's were read with the search tool).

    python scripts/explain_index_converters.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import ast
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import TF, entry, lit  # noqa: E402
from explain_build_index import MIRRORS, examples_match, mirror_text, quoted, rows_quoted  # noqa: E402,F401
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_keras import _wheel  # noqa: E402
from explain_index_python import _tf_version  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import SOURCES as TF1_SOURCES  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_converters"
VERSION = "runtime_version_mismatch"

ONNXJS_REPO = "microsoft/onnxjs"
ONNXJS_FIRST = "333122501310e36a4ed3d173f8f1dd3b5db31c48"
"""ONNX.js v0.1.0 (the initial commit): lib/model.ts refuses any IR version but 3."""
ONNXJS_HEAD = "bb985d51a4fba62dbb7e00d37b3a42ba46d5dbb5"
DS_REPO = "mozilla/DeepSpeech"
DS_V05 = "3db7a99fada7a391eb65d199f60c76f91ac86a05"
"""v0.5.0 (and 0.6): 'CreateModel failed with error code N' in Python and JavaScript."""
DS_V07 = "3fbbca2b55e73adecf9a8b93b7ea82b8a08e640e"
"""v0.7.0: the code's text and its hex."""
DS_V08 = "f56b07dab4542eecfb72e059079db6c2603cc0ee"
"""v0.8.0: the external scorer's version check (EnableExternalScorer)."""
DS_HEAD = "6913ae817bc09159c64def7f130708682c197ba3"
FDEEP_REPO, FDEEP_COMMIT = "Dobiasd/frugally-deep", "7cbc07cb5ea3c4f0294ae778f02d5434cbc287c8"
WEBDNN_REPO = "mil-tokyo/webdnn"
WEBDNN_V100 = "5239993b636f9e64ee5e727097366574b820a2f5"
"""WebDNN v1.0.0: webdnn/graph/converters/keras.py (the converter before the frontend/ layout)."""
WEBDNN_V128 = "3558a1dd8ab1fe9bbb8277e7153f150d19da453a"
DL4J_REPO = "deeplearning4j/deeplearning4j"
DL4J_FACTORY = "b5f0ec072f3fd0da566e32f82c0e43ca36553f39"
DL4J_CONV = "2824552d95b3eeb52867453d4f6914246cf1af4e"
DL4J_SEQ = "1b3eb29dfaaaf1d51ce1edb19da4a5320590db4c"
DL4J_MODEL = "43d9d5724af832a5508075b4b22227ccbd690d69"
DL4J_KERAS = "deeplearning4j/deeplearning4j-modelimport/src/main/java/org/deeplearning4j/nn/modelimport/keras/"
COREML_REPO = "apple/coremltools"
COREML_41 = "1931758aae383c83daddfc56f11a24a9d2bf4b87"
"""coremltools 4.1: the last releases with the Keras (keras.io) converter."""
COREML_HEAD = "e0e2f42b0b7c601958c0c2b53ce12c8a39023d00"
ONNXTF_REPO, ONNXTF_COMMIT = "onnx/onnx-tensorflow", "ee0c5e537b3cebbddc5773871e6786e6468c7f3f"
ONNX_REPO, ONNX_COMMIT = "onnx/onnx", "f7546912001bc31e92a238b17068a21b373d882e"
"""onnx/checker.cc: the checker onnx.checker.check_model runs, and onnxruntime's Graph::VerifyNodeAndOpMatch prints
('This is an invalid model. In Node, … Error No Op registered for …')."""
TF2ONNX_REPO, TF2ONNX_COMMIT = "onnx/tensorflow-onnx", "6537fcb2ee9868f7446a278dc1473915cdec5d45"
OPENVINO_REPO, OPENVINO_COMMIT = "openvinotoolkit/openvino", "2c83de45b9c148c94f582861198d5dfe40b4e65e"
"""model-optimizer/mo/back/ie_ir_ver_2/emitter.py (read with the search tool's read_file: the repository is too large
to mirror here)."""
OPENVINO_IE_COMMIT = "5da55a65358df8b4ef09d383d2f79150e30cdb14"
"""inference-engine/src/inference_engine/ie_network_reader.cpp (OpenVINO 2021: ReadNetwork; read with read_file)."""
TFLM_REPO, TFLM_COMMIT = "tensorflow/tflite-micro", "90b983c2b3f1480642e040bbd2ddb37b998f3424"
TFLM_SPEECH_COMMIT = "778d6f82494e1353f2e9e7213040abc78a95d988"
"""The micro_speech example before its Oct 2023 rewrite (main_functions.cc checks the model's input)."""


# ------------------------------------------------------------------------------------------------ fixes

ONNXJS_FIX = ("Convert the model again for the ONNX.js release that loads it: the converter's target opset and IR "
              "version down to what that release reads (onnxmltools / keras2onnx target_opset=7 and the saved "
              "model's ir_version = 3 for ONNX.js 0.1.0-0.1.4), or upgrade ONNX.js (0.1.5 on read newer IR "
              "versions) - or run the model with onnxruntime-web, ONNX.js's successor")
ONNXJS_OP_FIX = ("Export the model again with an opset this ONNX.js has the operator for (the converter's "
                 "target_opset / --opset: ONNX.js implements opsets 7-10 for most operators), or replace the layer "
                 "the operator comes from; onnxruntime-web (ONNX.js's successor) runs current opsets")
DS_MODEL_FIX = ("Use the model files published with the same DeepSpeech release as the installed client package "
                "(deepspeech==0.9.3 with deepspeech-0.9.3-models.pbmm; pip show deepspeech names the client's "
                "release), or export the checkpoint again with that release's DeepSpeech.py --export_dir; a model "
                "from a newer release needs the newer client (pip install -U deepspeech)")
DS_FILE_FIX = ("Give the client the exported model file of its release (output_graph.pb / .pbmm, or .tflite for the "
               "deepspeech-tflite package) at a path that exists where it runs: the file could not be read as a "
               "TensorFlow graph (a wrong path, a checkpoint, a cut download)")
DS_SCORER_FIX = ("Use the .scorer (language model) published with the same DeepSpeech release as the client, or build "
                 "it again with that release's generate_scorer_package")
FDEEP_FIX = ("Convert the Keras model again with keras_export/convert_model.py of the same frugally-deep release as "
             "the C++ headers the program is built with (and the Keras / TensorFlow versions that release's README "
             "names), then load the new .json: a .json written by another frugally-deep version computes "
             "differently from the test case the converter stored in it")
FDEEP_LAYER_FIX = ("This frugally-deep release does not support the layer or setting: upgrade frugally-deep (headers "
                   "and convert_model.py together) to a release that lists it, or rebuild the model with supported "
                   "layers and convert again")
WEBDNN_FIX = ("This WebDNN converter version has no conversion for that Keras layer: upgrade WebDNN (1.1.0 on handles "
              "Keras 2's Merge-style layers; see its supported-layer list) and convert again, or replace the layer, "
              "or register a custom converter handler for it")
WEBDNN_KERAS_FIX = ("Run WebDNN's converter with a Keras 2.x and the TensorFlow backend (pip install 'keras<2.4' next "
                    "to the TensorFlow that release supports, in its own virtualenv), load the model there and "
                    "convert")
DL4J_FIX = ("DL4J's Keras import reads only the Keras versions its release was written for: save the model with a "
            "Keras it reads (Keras 2 as .h5: tf.keras in TensorFlow <= 2.15 or tf_keras, model.save('m.h5')) or "
            "upgrade deeplearning4j-modelimport to a release that reads the Keras version that saved the file")
DL4J_API_FIX = ("Import a Sequential model with KerasModelImport.importKerasSequentialModelAndWeights (a "
                "MultiLayerNetwork) and a functional Model with KerasModelImport.importKerasModelAndWeights (a "
                "ComputationGraph): the file's class_name says which")
COREML_LAYER_FIX = ("coremltools' Keras converter of this version does not convert that layer: upgrade coremltools "
                    "(5 and later convert tf.keras models through the unified ct.convert) or replace the layer; for "
                    "the old keras.io converter, use the Keras version it was tested with")
COREML_OP_FIX = ("This coremltools has no conversion for the TensorFlow op: upgrade coremltools (pip install -U "
                 "coremltools) to a release that converts it, or export the model without it (a layer built from "
                 "supported ops, a custom op registered with @register_tf_op)")
ONNXTF_FIX = ("onnx-tf does not implement that ONNX op at the model's opset version: upgrade onnx-tf (pip install -U "
              "onnx-tf, with the onnx and tensorflow versions it names), or export the ONNX model again with a lower "
              "opset (torch.onnx.export(..., opset_version=N) / tf2onnx --opset N) that this onnx-tf implements")
ONNX_OP_FIX = ("The ONNX library or runtime reading the model has no schema for this op at the model's opset: upgrade "
               "it (pip install -U onnx onnxruntime; onnxruntime-web / the Java / C# package likewise) to a release "
               "that knows that opset, or export the model again with an opset it supports (tf2onnx --opset N, "
               "torch.onnx.export(..., opset_version=N)); an op of a custom domain exported into the default one (a "
               "TensorRT plugin, Mish in older opsets) needs the runtime that registers it, or the layer replaced")
ONNX_IR_FIX = ("The model was written by an onnx newer than the one checking it: upgrade onnx (pip install -U onnx) "
               "and the runtime (onnxruntime) that load it, or write the model with the older onnx / converter "
               "(its ir_version)")
ONNX_DEPRECATED_FIX = ("The converter wrote an op that the model's opset deprecates (Upsample from opset 10 on, "
                       "replaced by Resize): convert again with a converter release made for that opset, or with the "
                       "opset that op belongs to")
TF2ONNX_OPS_FIX = ("tf2onnx has no conversion for these TensorFlow ops at the chosen opset: convert with a higher "
                   "--opset (tf2onnx lists per op the opset that converts it), upgrade tf2onnx (pip install -U "
                   "tf2onnx), or keep them out of the exported graph (a model built from supported ops; "
                   "--custom-ops only when the runtime implements them)")
MO_FIX = ("This OpenVINO's Model Optimizer has no conversion for these ops of the model: use a newer OpenVINO (its "
          "Model Optimizer and runtime together: the supported-framework-layers list names the ops each release "
          "converts), freeze / save the model with a TensorFlow version that release supports, or replace the "
          "ops (a Model Optimizer extension for a custom op)")
OPENVINO_IR_FIX = ("This OpenVINO release no longer reads IR files of that version: convert the original model (the "
                   "TensorFlow / ONNX file) again with the Model Optimizer of the same OpenVINO release (mo / ovc), "
                   "or download the model's IR for this release (Open Model Zoo's downloader of that version); or run "
                   "the old IR with the OpenVINO release that produced it")
OPENVINO_FILE_FIX = ("Give the Inference Engine the path of the IR's .xml (and its .bin beside it) as the program sees "
                     "it: the file could not be opened (a wrong or relative path, a missing .bin)")
TFLM_TYPE_FIX = ("The kernel of this TFLite / TFLite Micro build does not implement that tensor type for the op: "
                 "convert the model with full-integer quantization (converter.optimizations, a "
                 "representative_dataset, inference_input_type / inference_output_type = tf.int8) so every op runs "
                 "in types the micro kernels have, or update the TFLite Micro library (an Arduino / ESP-IDF port "
                 "such as esp-tflite-micro lags behind tflite-micro) to one whose kernel supports it")
TFLM_INPUT_FIX = ("The example's code checks the model's input against its own constants (micro_speech: a [1, 1960] "
                  "int8 input, 49 slices of 40 features): convert the model with that shape and full-integer int8 "
                  "input, or change the example's constants (kFeatureSliceCount, kFeatureSliceSize) and its "
                  "feature code to your model's input")
INTERP_FIX = ("Upgrade the TFLite runtime where the code runs to a release whose Interpreter has {methods}: pip "
              "install -U tflite-runtime (on a Raspberry Pi / Coral board, the wheel for its Python) or tensorflow "
              ">= {release}; or call the older API (get_input_details / set_tensor / invoke / get_tensor)")

# ------------------------------------------------------------------------------------------------ rows
# template | pattern | source | category | meaning | fix | example

ONNXJS_ROWS = [
    ("only support ONNX model with IR_VERSION=3",
     r"only support ONNX model with IR_VERSION ?= ?(?P<want>\d{1,3})",
     src(ONNXJS_REPO, ONNXJS_FIRST, "lib/model.ts", "Model.load"), VERSION,
     "ONNX.js 0.1.0-0.1.4 loads ONNX files of IR version 3 only, and this file declares a higher IR version "
     "(written by a later onnx / onnxmltools / keras2onnx / tf2onnx)", ONNXJS_FIX,
     "Uncaught (in promise) Error: only support ONNX model with IR_VERSION=3\n    at t.load (onnx.min.js:1)"),
    ("cannot resolve operator '{opType}' with opsets: {opsets}",
     r"cannot resolve operator '(?P<operator>[\w.-]{1,120})' with opsets: ?(?P<opsets>[\w., -]{0,200})",
     src(ONNXJS_REPO, ONNXJS_HEAD, "lib/opset.ts", "resolveOperator"), VERSION,
     "ONNX.js has no kernel for this ONNX operator at the opset version the file declares (an opset or operator "
     "beyond what this ONNX.js release implements)", ONNXJS_OP_FIX,
     "Uncaught (in promise) TypeError: cannot resolve operator 'Shape' with opsets: ai.onnx v11"),
]

DS_H = src(DS_REPO, DS_HEAD, "native_client/deepspeech.h", "DS_FOR_EACH_ERROR")
DS_CODES = [
    # name in deepspeech.h, the call that returns it, the releases whose wordings say it (0.5: both, 0.8: the
    # scorer's, since 0.8 only), category, meaning, fix
    ("DS_ERR_MODEL_INCOMPATIBLE", "CreateModel", DS_V05, VERSION,
     "the DeepSpeech client library refused the model file as incompatible (DS_ERR_MODEL_INCOMPATIBLE): its graph "
     "version is not the one this client release reads, so the model was exported for another DeepSpeech release",
     DS_MODEL_FIX),
    ("DS_ERR_FAIL_READ_PROTOBUF", "CreateModel", DS_V05, "savedmodel_not_found",
     "the DeepSpeech client could not read the model file as a TensorFlow graph (DS_ERR_FAIL_READ_PROTOBUF): a path "
     "that does not exist, or a file that is not an exported model of this release", DS_FILE_FIX),
    ("DS_ERR_SCORER_VERSION_MISMATCH", "EnableExternalScorer", DS_V08, VERSION,
     "the scorer file's version is not the one this DeepSpeech client reads (DS_ERR_SCORER_VERSION_MISMATCH): a "
     ".scorer built for another release", DS_SCORER_FIX),
]
DS_TABLE = re.compile(r"APPLY\((?P<name>DS_ERR_\w+), +0x(?P<hex>[0-9A-Fa-f]{4}), \"(?P<desc>[^\"]+)\"\)")
DS_CALLS = r"(?:CreateModel|EnableExternalScorer|enableExternalScorer|CreateStream)"


def deepspeech_rows() -> list[tuple]:
    """One row per code of :data:`DS_CODES` in each wording: 0.5-0.6's decimal code, 0.7 on its text and hex (the
    codes and texts read from deepspeech.h's table; without the mirror, from the values the table had when read)."""
    text = mirror_text(DS_REPO, DS_HEAD, "native_client/deepspeech.h", WHO)
    table = {m.group("name"): (int(m.group("hex"), 16), m.group("desc")) for m in DS_TABLE.finditer(text or "")}
    if not table:
        table = {"DS_ERR_MODEL_INCOMPATIBLE": (0x2003, "Incompatible model."),
                 "DS_ERR_FAIL_READ_PROTOBUF": (0x3005, "Error reading the proto buffer model file."),
                 "DS_ERR_SCORER_VERSION_MISMATCH": (0x2009, "Scorer file version does not match expected version.")}
    rows = []
    for name, call, since, category, meaning, fix in DS_CODES:
        code, desc = table[name]
        if since == DS_V05:  # 0.5-0.6 print the bare code (in decimal)
            rows.append((f"{call} failed with error code {code}",
                         rf"{DS_CALLS} failed with error code {code}\b",
                         src(DS_REPO, DS_V05, "native_client/python/__init__.py; native_client/javascript/index.js",
                             f"0.5-0.6; {code} = 0x{code:X} {name} in ") + DS_H, category, meaning, fix,
                         f"RuntimeError: {call} failed with error code {code}"))
        rows.append((f"{call} failed with '{desc}' (0x{code:X})",
                     rf"{DS_CALLS} failed(?::| with)? ?'?{lit(desc)}'? ?\(?0x{code:X}\b",
                     src(DS_REPO, DS_V07 if since == DS_V05 else since, "native_client/python/__init__.py; "
                         "native_client/javascript/index.js / index.ts", f"{name} in ") + DS_H, category, meaning,
                     fix, f"RuntimeError: {call} failed with '{desc}' (0x{code:X})"))
    return rows


FDEEP_MODEL = src(FDEEP_REPO, FDEEP_COMMIT, "include/fdeep/model.hpp", "predict_impl")
FDEEP_IMPORT = src(FDEEP_REPO, FDEEP_COMMIT, "include/fdeep/import_model.hpp")
FDEEP_ROWS = [
    ("Invalid outputs shape. The model should return {shapes} but actually returned: {shapes}",
     r"The model should return (?P<want>[^\n]{1,300}?) but actually returned: ?(?P<got>[^\n]{0,300})",
     FDEEP_MODEL + "; load_model runs it on the test case the converter stored in the .json", VERSION,
     "frugally-deep's model computed outputs of other shapes than the converted model declares: the .json was "
     "converted by another frugally-deep version's convert_model.py than the C++ library loading it", FDEEP_FIX,
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Invalid outputs shape.\n"
     "The model should return [5(Just 1, Just 1, Just 1, Just 1, Just 1)] but actually returned: [1(1, 1, 1, 1, 1)]"),
    ("test failed: output={i} pos={y},{x},{z} value={value} target={target}",
     r"test failed: output=\d{1,4} pos=[\d,]{1,40} value=(?P<got>[^\s]{1,40}) target=(?P<want>[^\s]{1,40})",
     FDEEP_IMPORT.replace("import_model.hpp", "import_model.hpp (test_model: load_model's check against the "
                                               "converter's stored test case)"), VERSION,
     "frugally-deep's load_model checked the model against the test case the converter stored in the .json and got "
     "other values: the .json was converted by another frugally-deep version (or Keras version) than the one "
     "computing it", FDEEP_FIX,
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  test failed: output=0 "
     "pos=0,0,0 value=0.4911 target=0.5088"),
    ("RNN cell '{cell}' is not supported.",
     r"RNN cell '(?P<unsupported>\w{1,80})' is not supported",
     FDEEP_IMPORT, VERSION,
     "frugally-deep cannot build the model: this release does not support the RNN cell the model uses",
     FDEEP_LAYER_FIX, "what():  RNN cell 'PeepholeLSTMCell' is not supported."),
    ("unknown activation type: {type}",
     r"unknown activation type: ?(?P<unsupported>[\w.]{1,80})",
     FDEEP_IMPORT, VERSION,
     "frugally-deep cannot build the model: this release does not know the activation a layer uses (an "
     "activation added to Keras after it, or a custom one)", FDEEP_LAYER_FIX,
     "what():  unknown activation type: mish"),
]

WEBDNN_OLD = src(WEBDNN_REPO, WEBDNN_V100, "src/graph_transpiler/webdnn/graph/converters/keras.py", "KerasConverter")
WEBDNN_LAYERS = src(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/keras/layers/*.py")
WEBDNN_ROWS = [
    ("NotImplementedError: Unknown Layer {layer_class_name}",
     r"NotImplementedError: Unknown Layer (?P<unsupported>\w{1,80})",
     WEBDNN_OLD, VERSION,
     "WebDNN 1.0's Keras converter has no conversion for this layer class: the model uses a layer (or a Keras 2 "
     "layer name) that converter version does not support", WEBDNN_FIX,
     "NotImplementedError: Unknown Layer Concatenate"),
    ("[KerasConverter] keras.layers.{layer} is not supported",
     r"\[KerasConverter\] keras\.layers\.(?P<unsupported>\w{1,80}) (?:with [^\n]{1,80} )?is not supported",
     WEBDNN_LAYERS, VERSION,
     "WebDNN's Keras converter does not support this layer (in this WebDNN version)", WEBDNN_FIX,
     "NotImplementedError: [KerasConverter] keras.layers.Conv1D is not supported"),
    ("Operator '{operator_key}' is not handled any converter handlers.",
     r"Operator '(?P<unsupported>[\w.]{1,120})' is not handled any converter handlers",
     src(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/converter.py", "Converter.convert_operator"),
     VERSION, "WebDNN's converter has no handler for this layer / operator of the model (this WebDNN version does "
              "not support it)", WEBDNN_FIX,
     "NotImplementedError: Operator 'LeakyReLU' is not handled any converter handlers."),
    ("WebDNN supports Keras v2.*.*. Currently, keras {version} is installed.",
     r"WebDNN supports Keras v2\.\*\.\*\. ?Currently, keras (?P<version>[\w.]{1,30}) is installed",
     src(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/keras/converter.py"), VERSION,
     "WebDNN's Keras converter runs only with Keras 2.x, and the environment running it has another Keras",
     WEBDNN_KERAS_FIX, "NotImplementedError: WebDNN supports Keras v2.*.*. Currently, keras 3.3.3 is installed."),
]

DL4J_EXC = "org.deeplearning4j.nn.modelimport.keras.exceptions."
DL4J_ROWS = [
    ("Keras major version has to be either 1 or 2 ({kerasMajorVersion} provided)",
     r"Keras major version has to be either 1 or 2 \((?P<version>\w{1,12}) provided\)",
     src(DL4J_REPO, DL4J_FACTORY, DL4J_KERAS + "config/KerasLayerConfigurationFactory.java", "get"), VERSION,
     "deeplearning4j's Keras import reads files of Keras 1 and 2 only: the model was saved by another Keras major "
     "version (Keras 3: TensorFlow >= 2.16's default)", DL4J_FIX,
     DL4J_EXC + "UnsupportedKerasConfigurationException: Keras major version has to be either 1 or 2 (3 provided)"),
    ("Unknown keras backend {dimOrder}",
     r"Unknown keras backend (?P<backend>\w{1,40})",
     src(DL4J_REPO, DL4J_CONV, DL4J_KERAS + "layers/convolutional/KerasConvolution.java", "getConvParameterValues"),
     VERSION,
     "deeplearning4j's Keras import could not tell the convolution weights' layout (dim ordering NONE: the layer's "
     "config does not say it the way this importer reads it): a file saved by a Keras version this "
     "deeplearning4j-modelimport release does not read (Keras 2 files before its Keras 2 support)", DL4J_FIX,
     DL4J_EXC + "InvalidKerasConfigurationException: Unknown keras backend NONE. For more information, see "
                "http://deeplearning4j.org/model-import-keras."),
    ("Expected model class name Model (found Functional)",
     r"Expected model class name Model \(found Functional\)",
     src(DL4J_REPO, DL4J_MODEL, DL4J_KERAS + "KerasModel.java", "KerasModel constructor"), VERSION,
     "Keras >= 2.4 (TensorFlow >= 2.4) saves a functional model with class_name 'Functional', which this "
     "deeplearning4j release's Keras import does not know (it expects 'Model'): the file is newer than the importer",
     DL4J_FIX, DL4J_EXC + "InvalidKerasConfigurationException: Expected model class name Model (found Functional)"),
    ("Expected model class name Model (found Sequential)",
     r"Expected model class name Model \(found Sequential\)",
     src(DL4J_REPO, DL4J_MODEL, DL4J_KERAS + "KerasModel.java", "KerasModel constructor"),
     "wrong_api_or_input_format",
     "importKerasModelAndWeights (functional models) was given a Sequential model", DL4J_API_FIX,
     DL4J_EXC + "InvalidKerasConfigurationException: Expected model class name Model (found Sequential)"),
    ("Model class name must be Sequential (found {className})",
     r"Model class name must be Sequential \(found (?P<found>\w{1,40})\)",
     src(DL4J_REPO, DL4J_SEQ, DL4J_KERAS + "KerasSequentialModel.java", "KerasSequentialModel constructor"),
     "wrong_api_or_input_format",
     "importKerasSequentialModelAndWeights was given a functional model (class Model / Functional), which "
     "deeplearning4j imports as a ComputationGraph", DL4J_API_FIX,
     DL4J_EXC + "InvalidKerasConfigurationException: Model class name must be Sequential (found Functional)"),
]

COREML_ROWS = [
    ("Keras layer '{type}' not supported.",
     r"Keras layer '(?P<unsupported><class '[\w.]{1,160}'>|[^'\n]{1,160})' not supported",
     src(COREML_REPO, COREML_41, "coremltools/converters/keras/_keras2_converter.py", "_check_unsupported_layers; "
         "the same in _keras_converter.py"), VERSION,
     "coremltools' Keras converter (4.x and before) does not convert this layer class", COREML_LAYER_FIX,
     "ValueError: Keras layer '<class 'keras.layers.advanced_activations.Softmax'>' not supported. "),
    ("Keras layer of type {type} is not supported.",
     r"Keras layer of type (?P<unsupported>[^\n]{1,160}?) is not supported",
     src(COREML_REPO, COREML_41, "coremltools/converters/keras/_keras2_converter.py", "_get_layer_converter_fn"),
     VERSION, "coremltools' Keras converter (4.x and before) has no conversion for this layer type",
     COREML_LAYER_FIX,
     "TypeError: Keras layer of type <class 'keras.layers.core.Lambda'> is not supported."),
    ("Conversion for TF op '{op}' not implemented.",
     r"Conversion for TF op '(?P<operator>[\w>.-]{1,120})' not implemented",
     src(COREML_REPO, COREML_HEAD, "coremltools/converters/mil/frontend/tensorflow/convert_utils.py",
         "convert_graph"), VERSION,
     "coremltools' TensorFlow frontend has no conversion for this graph op (one added to TensorFlow after this "
     "coremltools release, or one it never converts)", COREML_OP_FIX,
     "NotImplementedError: Conversion for TF op 'TensorListFromTensor' not implemented.\n \nname: "
     "\"TensorListFromTensor\""),
]

ONNXTF_ROWS = [
    ("{op} version {version} is not implemented.",
     r"(?P<operator>[A-Z]\w{1,80}) version (?P<version>\d{1,3}) is not implemented",
     src(ONNXTF_REPO, ONNXTF_COMMIT, "onnx_tf/handlers/handler.py",
         "Handler.handle; BackendIsNotSupposedToImplementIt"),
     VERSION,
     "onnx-tf (the ONNX-to-TensorFlow backend) has no handler for this ONNX op at the opset version the file "
     "declares: an opset beyond what this onnx-tf release implements for it", ONNXTF_FIX,
     "onnx.backend.test.runner.BackendIsNotSupposedToImplementIt: Resize version 13 is not implemented."),
]

ONNX_CHECKER = src(ONNX_REPO, ONNX_COMMIT, "onnx/checker.cc", "check_node; onnxruntime prints it as 'This is an "
                   "invalid model. In Node, … Error No Op registered for …'")
ONNX_ROWS = [
    ("No Op registered for {op_type} with domain_version of {domain_version}",
     r"No Op registered for (?P<operator>[\w.]{1,120}) with domain_version of (?P<opset>\d{1,3})",
     ONNX_CHECKER, VERSION,
     "the onnx checker / ONNX runtime reading the model has no schema for this op at the opset the model imports: "
     "an opset newer than that onnx / onnxruntime release knows, or a custom op exported into the standard domain",
     ONNX_OP_FIX,
     "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : Load model from model.onnx "
     "failed:This is an invalid model. In Node, (\"Resize__42\", Resize, \"\", -1) : (\"x\": tensor(float),) -> "
     "(\"y\": tensor(float),) , Error No Op registered for Resize with domain_version of 19"),
    ("Op registered for {op_type} is deprecated in domain_version of {domain_version}",
     r"Op registered for (?P<operator>[\w.]{1,120}) is deprecated in domain_version of (?P<opset>\d{1,3})",
     ONNX_CHECKER, VERSION,
     "the model uses an op that its own opset deprecates: a converter wrote an op of an older opset while declaring "
     "a newer one", ONNX_DEPRECATED_FIX,
     "onnx.onnx_cpp2py_export.checker.ValidationError: Op registered for Upsample is deprecated in domain_version of "
     "10\n\n==> Context: Bad node spec for node. Name: Upsample_12 OpType: Upsample"),
    ("Your model ir_version {ir_version} is higher than the checker's ({IR_VERSION}).",
     r"Your model ir_version (?P<got>\d{1,3}) is higher than the checker's \((?P<want>\d{1,3})\)",
     src(ONNX_REPO, ONNX_COMMIT, "onnx/checker.cc", "check_model"), VERSION,
     "onnx's checker reads IR versions up to its own, and the file declares a higher one: it was written by a later "
     "onnx / converter than the onnx package checking it", ONNX_IR_FIX,
     "onnx.onnx_cpp2py_export.checker.ValidationError: Your model ir_version 10 is higher than the checker's (9)."),
]

TF2ONNX_ROWS = [
    ("Unsupported ops: Counter({ops})",
     r"Unsupported ops: ?Counter\(\{(?P<operator>[^}\n]{1,300})\}\)",
     src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tfonnx.py", "process_parsed_graph: the ops no handler converts at the "
         "opset"), VERSION,
     "tf2onnx found TensorFlow ops in the graph it has no ONNX conversion for at the opset it converts to",
     TF2ONNX_OPS_FIX,
     "ERROR:tf2onnx.tfonnx:Unsupported ops: Counter({'TensorListReserve': 2, 'TensorListFromTensor': 1})"),
]

MO_EMITTER = src(OPENVINO_REPO, OPENVINO_COMMIT, "model-optimizer/mo/back/ie_ir_ver_2/emitter.py", "generate_ie_ir")
MO_ROWS = [
    ("List of operations that cannot be converted to Inference Engine IR:",
     lit("List of operations that cannot be converted to Inference Engine IR"),
     MO_EMITTER, VERSION,
     "OpenVINO's Model Optimizer has no conversion for the ops listed after this line: ops newer than this release "
     "converts (a newer TensorFlow's), or custom ones", MO_FIX,
     "[ ERROR ]  List of operations that cannot be converted to Inference Engine IR:\n[ ERROR ]      Cosh (1)\n"
     "[ ERROR ]          Cosh"),
    ("Part of the nodes was not converted to IR. Stopped.",
     lit("Part of the nodes was not converted to IR. Stopped."),
     MO_EMITTER, VERSION,
     "OpenVINO's Model Optimizer stopped: some ops of the model have no conversion in this release (the lines before "
     "list them)", MO_FIX,
     "[ ERROR ]  Part of the nodes was not converted to IR. Stopped. \n For more information please refer to Model "
     "Optimizer FAQ, question #24."),
]

IE_READER_PATH = "inference-engine/src/inference_engine/ie_network_reader.cpp"
IE_READER = src(OPENVINO_REPO, OPENVINO_IE_COMMIT, IE_READER_PATH, "details::ReadNetwork")
OPENVINO_ROWS = [
    ("The support of IR v{irVersion} has been removed from the product. Please, convert the original model using the "
     "Model Optimizer which comes with this version of the OpenVINO to generate supported IR version.",
     r"The support of IR v(?P<version>\d{1,3}) has been removed from the product",
     IE_READER.replace("details::ReadNetwork", "assertIfIRv7LikeModel"), VERSION,
     "OpenVINO's runtime (2021.1 on) no longer reads IR files of this version (v7 and older): the .xml / .bin were "
     "made by an older OpenVINO's Model Optimizer", OPENVINO_IR_FIX,
     "RuntimeError: The support of IR v7 has been removed from the product. Please, convert the original model "
     "using the Model Optimizer which comes with this version of the OpenVINO to generate supported IR version."),
    ("Model file {modelPath} cannot be opened!",
     r"(?:Model|Weights) file (?P<path>[^\n!]{1,300}) cannot be opened!",
     IE_READER, "savedmodel_not_found",
     "OpenVINO's Inference Engine could not open the IR file at the path it was given (.xml, or its .bin weights)",
     OPENVINO_FILE_FIX,
     "RuntimeError: Model file /opt/models/face-detection-adas-0001.xml cannot be opened!"),
]

TFLM_ROWS = [
    ("Type {type} ({code}) not supported.",
     r"Type (?P<dtype>[A-Z][A-Z0-9]{1,11}) \((?P<code>\d{1,3})\) (?:is )?not supported",
     src(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/kernels/*.cc", "each kernel's Eval for a type it lacks; the "
         "same wording in tensorflow/lite/kernels"), VERSION,
     "an op's kernel in this TFLite (Micro) build does not implement the tensor type the model gives it (a float or "
     "int32 / int16 tensor where the micro kernel has int8 only, or a type a newer kernel added)", TFLM_TYPE_FIX,
     "Type INT32 (2) not supported.\nNode ADD (number 3) failed to invoke with status 1"),
    ("Bad input tensor parameters in model",
     lit("Bad input tensor parameters in model"),
     src(TFLM_REPO, TFLM_SPEECH_COMMIT, "tensorflow/lite/micro/examples/micro_speech/main_functions.cc", "setup"),
     "input_shape_mismatch",
     "TFLite Micro's micro_speech example (and the ports copied from it) checked the model's input tensor and it is "
     "not the shape or type its code feeds ([1, 1960] int8)", TFLM_INPUT_FIX,
     "Bad input tensor parameters in model"),
]

ROWS = (ONNXJS_ROWS + FDEEP_ROWS + WEBDNN_ROWS + DL4J_ROWS + COREML_ROWS + ONNXTF_ROWS + ONNX_ROWS + TF2ONNX_ROWS
        + MO_ROWS + OPENVINO_ROWS + TFLM_ROWS)

_O, _F = (ONNXJS_REPO, ONNXJS_FIRST), (FDEEP_REPO, FDEEP_COMMIT)
QUOTES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    ONNXJS_ROWS[0][0]: [(*_O, "lib/model.ts", ("throw new Error('only support ONNX model with IR_VERSION=3');",))],
    ONNXJS_ROWS[1][0]: [(ONNXJS_REPO, ONNXJS_HEAD, "lib/opset.ts",
                         ("throw new TypeError(`cannot resolve operator '${node.opType}' with opsets: ${",))],
    FDEEP_ROWS[0][0]: [(*_F, "include/fdeep/model.hpp", ('std::string("Invalid outputs shape.\\n") + "The model should '
                                                        'return "', '" but actually returned: "'))],
    FDEEP_ROWS[1][0]: [(*_F, "include/fdeep/import_model.hpp", ('std::string("test failed: ") + "output="',
                                                               '"pos="', '"value="', '"target="'))],
    FDEEP_ROWS[2][0]: [(*_F, "include/fdeep/import_model.hpp", ("raise_error(\"RNN cell '\" + cell_class + \"' is not "
                                                               "supported.\");",))],
    FDEEP_ROWS[3][0]: [(*_F, "include/fdeep/import_model.hpp", ('error("unknown activation type: " + type)',))],
    WEBDNN_ROWS[0][0]: [(WEBDNN_REPO, WEBDNN_V100, "src/graph_transpiler/webdnn/graph/converters/keras.py",
                         ('raise NotImplementedError(f"Unknown Layer {layer_class_name}")',))],
    WEBDNN_ROWS[1][0]: [(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/keras/layers/convolutional.py",
                         ("raise NotImplementedError('[KerasConverter] keras.layers.Conv1D is not supported')",
                          '"[KerasConverter] keras.layers.Convolution2DTranspose with large dilation_rate is not '
                          'supported"'))],
    WEBDNN_ROWS[2][0]: [(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/converter.py",
                         ("raise NotImplementedError(f\"Operator '{operator_key}' is not handled any converter "
                          "handlers.\")",))],
    WEBDNN_ROWS[3][0]: [(WEBDNN_REPO, WEBDNN_V128, "src/graph_transpiler/webdnn/frontend/keras/converter.py",
                         ('raise NotImplementedError(f"WebDNN supports Keras v2.*.*. Currently, keras '
                          '{keras.__version__} is installed.")',))],
    DL4J_ROWS[0][0]: [(DL4J_REPO, DL4J_FACTORY, DL4J_KERAS + "config/KerasLayerConfigurationFactory.java",
                       ('"Keras major version has to be either 1 or 2 (" + kerasMajorVersion + " provided)"',))],
    DL4J_ROWS[1][0]: [(DL4J_REPO, DL4J_CONV, DL4J_KERAS + "layers/convolutional/KerasConvolution.java",
                       ('throw new InvalidKerasConfigurationException("Unknown keras backend " + this.getDimOrder());',
                        ))],
    DL4J_ROWS[2][0]: [(DL4J_REPO, DL4J_MODEL, DL4J_KERAS + "KerasModel.java",
                       ('"Expected model class name " + config.getFieldClassNameModel() + " (found " + this.className '
                        '+ ")"',))],
    DL4J_ROWS[4][0]: [(DL4J_REPO, DL4J_SEQ, DL4J_KERAS + "KerasSequentialModel.java",
                       ('"Model class name must be " + config.getFieldClassNameSequential()',
                        '+ " (found " + this.className + ")"'))],
    COREML_ROWS[0][0]: [(COREML_REPO, COREML_41, "coremltools/converters/keras/_keras2_converter.py",
                         ("raise ValueError(\"Keras layer '%s' not supported. \" % str(type(layer)))",))],
    COREML_ROWS[1][0]: [(COREML_REPO, COREML_41, "coremltools/converters/keras/_keras2_converter.py",
                         ('raise TypeError("Keras layer of type %s is not supported." % type(layer))',))],
    COREML_ROWS[2][0]: [(COREML_REPO, COREML_HEAD, "coremltools/converters/mil/frontend/tensorflow/convert_utils.py",
                         ("msg = \"Conversion for TF op '{0}' not implemented.\\n \\n{1}\".format(",))],
    ONNXTF_ROWS[0][0]: [(ONNXTF_REPO, ONNXTF_COMMIT, "onnx_tf/handlers/handler.py",
                         ('raise BackendIsNotSupposedToImplementIt("{} version {} is not implemented.".format('
                          'node.op_type, cls.SINCE_VERSION))',))],
}
QUOTES[DL4J_ROWS[3][0]] = QUOTES[DL4J_ROWS[2][0]]
QUOTES.update({
    ONNX_ROWS[0][0]: [(ONNX_REPO, ONNX_COMMIT, "onnx/checker.cc", ('"No Op registered for " + node.op_type() + " with '
                                                                  'domain_version of " +',))],
    ONNX_ROWS[1][0]: [(ONNX_REPO, ONNX_COMMIT, "onnx/checker.cc", ('"Op registered for " + node.op_type() + " is '
                                                                  'deprecated in domain_version of " +',))],
    ONNX_ROWS[2][0]: [(ONNX_REPO, ONNX_COMMIT, "onnx/checker.cc", ('fail_check("Your model ir_version ", '
                                                                  'model.ir_version(), " is higher than the '
                                                                  'checker\'s (", IR_VERSION, ").");',))],
    TF2ONNX_ROWS[0][0]: [(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tfonnx.py",
                          ('logger.error("Unsupported ops: %s", unmapped_op)',))],
    MO_ROWS[0][0]: [(OPENVINO_REPO, OPENVINO_COMMIT, "model-optimizer/mo/back/ie_ir_ver_2/emitter.py",
                     ('unsupported.report(log.error, "List of operations that cannot be converted to Inference Engine '
                      'IR:")',))],
    MO_ROWS[1][0]: [(OPENVINO_REPO, OPENVINO_COMMIT, "model-optimizer/mo/back/ie_ir_ver_2/emitter.py",
                     ("raise Error('Part of the nodes was not converted to IR. Stopped. ' +",))],
    OPENVINO_ROWS[0][0]: [(OPENVINO_REPO, OPENVINO_IE_COMMIT, IE_READER_PATH,
                           ('IE_THROW() << "The support of IR v" << irVersion <<  " has been removed from the '
                            'product. "',
                            '"Please, convert the original model using the Model Optimizer which comes with this "'))],
    OPENVINO_ROWS[1][0]: [(OPENVINO_REPO, OPENVINO_IE_COMMIT, IE_READER_PATH,
                           ('IE_THROW() << "Model file " << modelPath << " cannot be opened!";',
                            'IE_THROW() << "Weights file " << bPath << " cannot be opened!";'))],
    TFLM_ROWS[0][0]: [(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/kernels/add.cc",
                       ('MicroPrintf("Type %s (%d) not supported.",',)),
                      (TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/kernels/arc_mli/conv.cc",
                       ('MicroPrintf("Type %s (%d) is not supported by ARC MLI Library.",',))],
    TFLM_ROWS[1][0]: [(TFLM_REPO, TFLM_SPEECH_COMMIT, "tensorflow/lite/micro/examples/micro_speech/main_functions.cc",
                       ('MicroPrintf("Bad input tensor parameters in model");',))],
})
DS_QUOTES = [(DS_REPO, DS_V05, "native_client/python/__init__.py",
              ('raise RuntimeError("CreateModel failed with error code {}".format(status))',)),
             (DS_REPO, DS_V05, "native_client/javascript/index.js",
              ('throw "CreateModel failed with error code " + status;',)),
             (DS_REPO, DS_V07, "native_client/python/__init__.py",
              ("raise RuntimeError(\"CreateModel failed with '{}' (0x{:X})\".format(",)),
             (DS_REPO, DS_V07, "native_client/javascript/index.js",
              ('throw "CreateModel failed "+binding.ErrorCodeToErrorMessage(status)+" 0x" + status.toString(16);',)),
             (DS_REPO, DS_V08, "native_client/python/__init__.py",
              ("raise RuntimeError(\"EnableExternalScorer failed with '{}' (0x{:X})\".format(",)),
             (DS_REPO, DS_HEAD, "native_client/javascript/index.ts",
              ("throw `CreateModel failed: ${binding.ErrorCodeToErrorMessage(status)} (0x${status.toString(16)})`;",)),
             (DS_REPO, DS_HEAD, "native_client/deepspeech.h",
              tuple(f"APPLY({name}," for name, *_ in DS_CODES))]

# ------------------------------------------------------------------------------------------------ h5py

SITE = TF.parent
H5_FIX = ("The .h5 file holds no model config (model.save_weights wrote it, or it is not a Keras model file), and the "
          "importer reads the whole model: save the whole model with model.save('model.h5') where it was trained, or "
          "rebuild the architecture in code and load the weights with model.load_weights(path)")


def h5py_rows() -> list[tuple]:
    """The HDF5 library's 'can't locate attribute' for Keras' model_config attribute, as h5py raises it (KeyError:
    "Unable to open attribute (…)" in h5py 3, "Can't open attribute (…)" in h5py 2): an importer or loader reading a
    whole model from an .h5 that holds weights only.  The wording is read from the installed h5py's libhdf5."""
    lib = next(iter(sorted((SITE / "h5py.libs").glob("libhdf5-*.so*"))), None)
    if lib is None or b"can't locate attribute: '%s'" not in lib.read_bytes():
        raise SystemExit(f"{WHO}: the installed h5py's libhdf5 (h5py.libs/libhdf5-*.so) lacks \"can't locate "
                         "attribute: '%s'\"")
    version = next(SITE.glob("h5py-*.dist-info")).name.removesuffix(".dist-info").split("-")[1]
    return [("{Unable to open|Can't open} attribute (can't locate attribute: 'model_config')",
             r"(?:Unable to (?:synchronously )?open|Can't open) attribute \(can't locate attribute:? ?"
             r"'model_config'\)",
             f"h5py {version} h5py.libs/{lib.name.split('-')[0]}.so (strings: can't locate attribute: '%s'; h5py "
             "raises it as KeyError; Keras 2's hdf5_format, tensorflowjs_converter's keras_h5_conversion, "
             "coremltools' and deeplearning4j's Keras import read f.attrs['model_config'])", "model_load_failed",
             "the .h5 file has no model_config attribute, so it holds no model architecture: it was written by "
             "model.save_weights (weights only), or it is not a Keras model file", H5_FIX,
             "KeyError: \"Unable to synchronously open attribute (can't locate attribute: 'model_config')\"")]


# ------------------------------------------------------------------------------------------------ onnxruntime

ORT_RELEASE = ("onnxruntime==1.4.0", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                      "manylinux2014_x86_64"))
"""A release from before onnxruntime's 'Unsupported model IR version: N, max supported IR version: M' wording (which
explain_index_clients reads from model.cc): its binary is read, never installed."""
ORT_IR_FIX = ("The ONNX file declares an IR version above what this onnxruntime reads (a newer onnx / converter "
              "wrote it): upgrade onnxruntime (pip install -U onnxruntime; the Java / C# / web package likewise), or "
              "convert the model again with a converter and opset this onnxruntime release supports")


def ort_rows() -> list[tuple]:
    """onnxruntime's older wording of an IR version it cannot read, checked in a release's pybind module."""
    req, options = ORT_RELEASE
    literal = "Unknown model file format version."
    with zipfile.ZipFile(_wheel(req, WHEELS, options)) as z:
        lib = next(n for n in z.namelist() if re.search(r"capi/onnxruntime_pybind11_state[^/]*\.so$", n))
        if literal.encode() not in z.read(lib):
            raise SystemExit(f"{WHO}: {literal!r} not in {req} {lib}")
    version = req.split("==")[1]
    return [("Unknown model file format version.", lit(literal),
             f"onnxruntime {version} {lib.split('/')[-1].split('.')[0]}.so (strings; Model::Model in "
             "onnxruntime/core/graph/model.cc: the model's ir_version above the IR_VERSION of the onnx it was built "
             "with)", VERSION,
             "onnxruntime (before 1.10) refused the model: its IR version is above the one this onnxruntime reads, "
             "so a newer onnx / converter wrote it", ORT_IR_FIX,
             "onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : Load model from "
             "model.onnx failed:Unknown model file format version.")]


# ------------------------------------------------------------------------------------------------ TFLite Interpreter

INTERPRETER_RELEASES = [
    # (label, pip requirement, pip options, path of interpreter.py in the wheel); the installed TensorFlow last
    ("tensorflow 1.15.5", TF1_SOURCES["tf115"][0], TF1_SOURCES["tf115"][1],
     "tensorflow_core/lite/python/interpreter.py"),
    ("tensorflow-cpu 2.4.4", "tensorflow-cpu==2.4.4", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                                        "manylinux2010_x86_64"),
     "tensorflow/lite/python/interpreter.py"),
    ("tflite-runtime 2.7.0", "tflite-runtime==2.7.0", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                                        "manylinux2014_x86_64"),
     "tflite_runtime-2.7.0.data/purelib/tflite_runtime/interpreter.py"),
]


def interpreter_methods(source: str) -> set[str]:
    """The public methods of class Interpreter in an interpreter.py."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == "Interpreter":
            return {f.name for f in node.body if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")}
    raise SystemExit(f"{WHO}: no class Interpreter in an interpreter.py")


def interpreter_entries() -> list[dict]:
    """``'Interpreter' object has no attribute 'M'`` for each method M of the installed TensorFlow's Interpreter that
    an older release's lacks, grouped by the first release (of those read) that has it."""
    releases = []
    for label, req, options, path in INTERPRETER_RELEASES:
        with zipfile.ZipFile(_wheel(req, WHEELS, options)) as z:
            releases.append((label, path, interpreter_methods(z.read(path).decode("utf-8"))))
    here = TF / "lite" / "python" / "interpreter.py"
    releases.append((f"tensorflow {_tf_version()}", "tensorflow/lite/python/interpreter.py",
                     interpreter_methods(here.read_text())))
    out = []
    for i in range(1, len(releases)):
        label, path, have = releases[i]
        before, _, had = releases[i - 1]
        new = sorted(have - had - set().union(*(r[2] for r in releases[:i])))
        if not new:
            continue
        names = ", ".join(new)
        meaning = (f"the TFLite Interpreter running the code (tf.lite.Interpreter or tflite_runtime's) is older than "
                   f"the API the code calls: {names} first appear in {label}'s Interpreter (not in {before}'s)")
        e = entry("'Interpreter' object has no attribute '{name}'",
                  r"'Interpreter' object has no attribute '(?P<name>" + "|".join(new) + r")'",
                  f"{label} {path} (class Interpreter: {names}; not in {before}'s)", meaning, VERSION,
                  fix=INTERP_FIX.format(methods=" / ".join(f"Interpreter.{m}" for m in new),
                                        release=label.split()[-1]))
        e["example"] = f"AttributeError: 'Interpreter' object has no attribute '{new[0]}'"
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ checks

def check_quotes() -> int:
    """Every row's source pieces are in its files at their commits (mirrors not on this machine are skipped); returns
    how many (row, file) pairs were checked."""
    checked = rows_quoted(WHO, ROWS, QUOTES)
    for repo, commit, path, pieces in DS_QUOTES:
        checked += quoted(WHO, repo, commit, path, pieces, mirror_text(repo, commit, path, WHO))
    return checked


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS + deepspeech_rows() + h5py_rows() + ort_rows()) + interpreter_entries(), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources (mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
