"""Device runtimes and accelerator toolchains that load a Keras / TensorFlow / TFLite model, for explain's message
index (#15): what they say when the model file is of a version they do not read, holds an operator they have no
kernel for, is not where they look, or gets an input of another size or name, read from their sources at a named
commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* MaixPy's KPU module (sipeed/MaixPy-v1, the Kendryte K210 firmware's MicroPython ``kpu``): ``kpu.load``'s
  ``[MAIXPY]kpu: load error:N, ERR_…`` (its error table: a kmodel version the firmware does not load, a file or flash
  address with no kmodel, no memory), the bare ``load error:N`` of the 2019-2020 firmware (whose codes counted from
  0: 2 was the kmodel version), and ``kpu.forward``'s image checks (another width / height / channel count than the
  model's);
* Kendryte nncase (kendryte/nncase), the compiler that turns a .tflite into the K210's kmodel: its TFLite importer's
  schema check (``Invalid tflite model``: the flatbuffer does not verify against the TFLite schema compiled into that
  nncase), the operators it has no importer for in v0.1 (C#), v0.2 and v1.x (C++);
* Core ML through coremltools (apple/coremltools): ``MLModel.predict``'s input-name checks, the Core ML framework's
  enumerated and ranged flexible shapes (as coremltools' own tests quote the framework), an .mlmodel of a
  specification newer than the installed Core ML, image inputs of the wrong colour mode, and the converter's
  TensorFlow version and model-path checks;
* NNStreamer's tensor_filter sub-plugins (nnstreamer/nnstreamer): tensorflow-lite's ``Failed to load model`` (its
  return codes: the file not mapped, or an interpreter this TensorFlow Lite cannot build) and its tensor size check,
  and the edgetpu sub-plugin's invoke failure with its own diagnosis (a model compiled by edgetpu_compiler under a
  sub-plugin linked with an older TensorFlow Lite);
* libedgetpu's custom op (google-coral/libedgetpu): ``Null custom op data`` when the edgetpu-custom-op node was not
  initialised by the TensorFlow Lite runtime it runs in (explain_index_runtimes and explain_index_mobile hold the
  rest of the Edge TPU runtime's messages);
* Arm NN's TfLite delegate (ARM-software/armnn, read with the search tool's read_file: too large to mirror here):
  ``Operator X [N] is not supported by armnn_delegate`` and the delegate's refusal when falling back is disabled
  (explain_index_engines holds Arm NN's TfLite parser);
* the TFLite GPU delegate of Android / iOS (tensorflow/tensorflow's delegates/gpu/common/model_builder.cc, read with
  read_file): the operators it leaves to the CPU, an op version newer than it reads (``Max version supported: 3.
  Requested version 4``), an operator it has no parser for;
* Intel Movidius NCSDK's mvNCCompile (movidius/ncsdk's table of its error codes: the toolkit ships compiled):
  a TensorFlow op with no Neural Compute Stick stage, node names it does not find, a network or weights not found;
* TensorRT's ONNX parser (onnx/onnx-tensorrt, mirrored), which builds an engine from a Keras / TF model exported by
  tf2onnx: ``No importer registered for op`` and the plugin fallback's ``Plugin not found``.

Not read, and why: AWS Neuron's runtime (libnrt: the NEFF version / feature messages and ``Failed to load NN``) and
tensorflow-neuron ship compiled from AWS's own package repositories (no public source, no registry reached here);
Rockchip's rknn-toolkit / rknn runtime ship compiled (as explain_index_engines says); the Edge TPU compiler ships
compiled (its ``Didn't find op for builtin opcode`` is TFLite's, already in the index); Core ML's own
``Required input feature not passed to neural network`` is in Apple's closed framework and in no source or test
quoting it.

Each row, as in explain_index_jvm: template, pattern (named captures; literal parts are the source's text, every
placeholder a bounded class), source (repository at a commit, path, function), category (an id of CATEGORIES.md, or
None with a reading for a message that is not about the model), what it means for someone running a Keras /
TensorFlow model on that device, a fix that names the cause, and an example as the runtime prints it (the build
checks the pattern matches it).  Each row names the pieces of source text it rests on (:data:`QUOTES`): when the git
mirror of the repository is on this machine (``/work/.mirror/<owner>+<name>/repo``) the build checks every piece is
in that file at that commit; Arm NN's and TensorFlow's (GPU delegate) are checked only where a mirror exists.

    python scripts/explain_index_devices.py     # check the quotes, print the entries (the build imports entries())
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, examples_match, lit, mirror_text, rows_quoted  # noqa: E402,F401
from explain_build_index import Quote  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402

WHO = "explain_index_devices"
VERSION = "runtime_version_mismatch"



# ------------------------------------------------------------------------------------------------ sources

MAIXPY_REPO = "sipeed/MaixPy-v1"
MAIXPY_HEAD = "d8901fd2272f000226f1c1037c1eb7c412b88e66"
"""The K210 MaixPy's last commit (the firmware's kpu module with the fixed error codes 2001…, since 2020-09)."""
MAIXPY_2019 = "54240286115a7e49390761d600878ad94bcc1326"
"""kpu.load raising ``[MAIXPY]kpu: load error:%d`` alone (2019-10), its sipeed_kpu_err_t counted from 0."""
MAIXPY_V3 = "2c59c3d862eb269b3846d2c6f2a5fd8390144822"
"""2019-12: the error text after the code, 'only support kmodel V3 now' (before kmodel V4 support, 2020-03)."""
KPU_C = "components/micropython/port/src/Maix/Maix_kpu.c"
KPU_H = "components/kendryte_sdk/include/sipeed_kpu.h"

NNCASE_REPO = "kendryte/nncase"
NNCASE_V01 = "f92c085ec6355ae04258df5b76ec7570f784129d"
"""v0.1.0-rc5 (C#): writes kmodel V3 (Generator.cs: version = 3)."""
NNCASE_V02 = "bb231edcf620f40e6896fa7607806afce316781c"
"""v0.2.0-beta4 (C++): writes kmodel V4 (runtime/model.h: MODEL_VERSION = 4)."""
NNCASE_V1 = "075cc51ebcdf1d5f1612d24bca0ca40167ad7294"
"""v1.0.0: writes kmodel V5 (nncase/runtime/model.h: MODEL_VERSION = 5)."""
NNCASE_HEAD = "99431d9db29ffacb7436b787b93122a8151b00ba"
"""nncase 2.x (C#, Nncase.Importer)."""

COREML_REPO, COREML_COMMIT = "apple/coremltools", "e0e2f42b0b7c601958c0c2b53ce12c8a39023d00"
COREML_MODEL = "coremltools/models/model.py"
COREML_TF2_TEST = "coremltools/converters/mil/frontend/tensorflow2/test/test_tf2_conversion_api.py"
COREML_DEPS = "coremltools/_deps/__init__.py"
COREML_ENTRY = "coremltools/converters/_converters_entry.py"
COREML_TF_LOAD = "coremltools/converters/mil/frontend/tensorflow/load.py"

NNS_REPO, NNS_COMMIT = "nnstreamer/nnstreamer", "5b13ea61828c882c470505b806831a4612cf63f8"
NNS_TFLITE = "ext/nnstreamer/tensor_filter/tensor_filter_tensorflow_lite.cc"
NNS_EDGETPU = "ext/nnstreamer/tensor_filter/tensor_filter_edgetpu.cc"

LIBEDGETPU_REPO, LIBEDGETPU_COMMIT = "google-coral/libedgetpu", "e35aed18fea2e2d25d98352e5a5bd357c170bd4d"

ARMNN_REPO, ARMNN_COMMIT = "ARM-software/armnn", "93f0ad0016a6450670fbf650568f5724c7bbb63e"
ARMNN_DELEGATE = "delegate/classic/src/armnn_delegate.cpp"
"""Read with the search tool's read_file at this commit (Delegate::IdentifyOperatorsToDelegate)."""

TF_REPO = "tensorflow/tensorflow"
GPU_COMMIT = "9a5c30170e25d007fee6f7176d12b42438805d0b"
GPU_BUILDER = "tensorflow/lite/delegates/gpu/common/model_builder.cc"
"""The TFLite GPU delegate's operation parsers and GetOpsToReplace (read with the search tool's read_file)."""

ONNXTRT_REPO = "onnx/onnx-tensorrt"
ONNXTRT_HEAD = "96e781103cfc4adf4a6bb557e94bac8e693f6f4c"
ONNXTRT_7 = "3e1264751bc4256f648cda4da74a3d190a5dd3c2"
"""release/7.0: 'No importer registered for op' as the parse error itself (8.x logs it and tries a plugin)."""

NCSDK_REPO, NCSDK_COMMIT = "movidius/ncsdk", "c3714ed607d3a4c6612668428765fea82efee166"
NCSDK_ERRORS = "docs/compiler_error.html"
"""mvNCCompile's error table (the toolkit itself ships compiled in the SDK's tarball; it prints '[Error N] …')."""

# ------------------------------------------------------------------------------------------------ fixes

KMODEL_VERSIONS = ("kmodel V3 is what nncase v0.1.0-rc5 writes, V4 nncase v0.2.0-beta4, V5 nncase v1.0 and later; "
                   "the K210 MaixPy firmware loads V3, and V4 only in a firmware built with kmodel V4 support (the "
                   "full / IDE builds from v0.5.0 on), never V5")
KMODEL_VERSION_FIX = ("The kmodel is of a version this MaixPy firmware does not load (" + KMODEL_VERSIONS + "): "
                      "flash a MaixPy firmware with kmodel V4 support for a model from nncase v0.2.0, or convert the "
                      ".tflite again with the nncase whose kmodel the firmware loads (ncc of nncase v0.1.0-rc5 for "
                      "V3 firmware). If the versions do match, check that kpu.load reads the model at all: a flash "
                      "address the kmodel was never written to (kflash it to that address, e.g. 0x300000) or another "
                      "file reads as a header of no known version")
KMODEL_PATH_FIX = ("kpu.load found no kmodel where it was pointed: give the path of the .kmodel on the SD card or "
                   "flash file system ('/sd/model.kmodel', os.listdir('/sd') to check), or the flash address the "
                   "kmodel was written to with kflash (e.g. 0x300000); a model never flashed to that address, or a "
                   "file name that does not end in .kmodel, is not loaded")
NNCASE_SCHEMA_FIX = ("nncase verifies the .tflite against the TFLite schema compiled into it, and this file does not "
                     "pass: a TensorFlow newer than that schema converted it (or the file is no .tflite). Convert the "
                     "model with an older TensorFlow (tf.lite.TFLiteConverter of TF 1.15 / 2.x of the nncase "
                     "release's time) or use a newer nncase; for a K210 under MaixPy keep the nncase whose kmodel "
                     "version the firmware loads (" + KMODEL_VERSIONS + ")")
NNCASE_OP_FIX = ("This nncase release has no importer for that TFLite operator: replace the layer in the Keras "
                 "model with operators nncase converts (its docs list them per release: Conv2D, DepthwiseConv2D, "
                 "ReLU / ReLU6 / LeakyReLU, pooling, Reshape, Concatenation, ResizeNearestNeighbor …), or use a newer "
                 "nncase that imports it (mind the kmodel version the device firmware loads: " + KMODEL_VERSIONS
                 + ")")
COREML_NAMES_FIX = ("Use the converted model's own feature names: print(model.get_spec().description.input) (or "
                    "model.input_description) lists them; coremltools names them after the source model's inputs "
                    "(a Keras Input's name such as input_1, a TF placeholder's) unless ct.convert(..., inputs="
                    "[ct.ImageType(name='image', ...)]) named them; a newer coremltools may name them otherwise "
                    "than the script expects")
COREML_SHAPE_FIX = ("Give predict an array of one of the shapes the Core ML model allows (model.get_spec()."
                    "description.input shows its enumerated shapes or ranges), with every dimension including the "
                    "batch: resize the input to the converted size or convert again with ct.EnumeratedShapes / "
                    "ct.RangeDim covering the sizes you send")
NNS_TFLITE_VERSION_FIX = ("NNStreamer's tensorflow-lite sub-plugin could not build an interpreter for the model: "
                          "the TensorFlow Lite it was built with is older than the converter that wrote the "
                          ".tflite (an operator or operator version it lacks; an Edge TPU model needs TFLite >= "
                          "1.15.2). Install an nnstreamer-tensorflow2-lite built against a newer TensorFlow Lite, or "
                          "convert the model with the TensorFlow of the sub-plugin's TFLite")
EDGETPU_TFLITE_FIX = ("The Edge TPU custom op was not set up by the TensorFlow Lite runtime it runs in: run the "
                      "model with the TFLite runtime libedgetpu was built for (tflite_runtime / tensorflow of the "
                      "same release as the Edge TPU runtime: pip install the tflite-runtime Coral lists for the "
                      "installed libedgetpu, or apt upgrade libedgetpu1-std to match a newer tflite_runtime), and "
                      "create the interpreter with the Edge TPU delegate (load_delegate('libedgetpu.so.1'))")
GPU_DELEGATE_FIX = ("The TFLite GPU delegate of this runtime has no GPU kernel for those operators as the converter "
                    "wrote them (the reason after each: an op version newer than it reads, an operator or tensor type "
                    "it does not take), so they run on the CPU: upgrade the TFLite runtime and its GPU delegate "
                    "(org.tensorflow:tensorflow-lite and tensorflow-lite-gpu of the same, newer release; the "
                    "TensorFlowLiteSwift / C pods on iOS), or convert with the TensorFlow whose op versions the "
                    "delegate reads, or replace the layers with ones the GPU delegate supports")
ONNXTRT_FIX = ("TensorRT's ONNX parser of this release has no importer for that ONNX operator (nor a plugin of that "
               "name): upgrade TensorRT (with its ONNX parser) to a release that imports it, or export the ONNX again "
               "with tf2onnx / keras2onnx at a lower --opset or without the layer that makes the operator, or "
               "register a TensorRT plugin for it")
NCSDK_OP_FIX = ("The Movidius NCSDK's mvNCCompile has no NCS stage for that TensorFlow op (or not with its options): "
               "freeze an inference-only graph of layers the NCSDK release supports (its TensorFlow support list: "
               "Conv2D, DepthwiseConv2dNative, MaxPool, AvgPool, Relu, BiasAdd, MatMul, Concat, Reshape, Softmax "
               "…), removing training ops (dropout, the Keras learning phase) and unsupported layers, build it with "
               "the TensorFlow the NCSDK release names (TF 1.x), or move to OpenVINO's Model Optimizer with the "
               "MYRIAD plugin, which converts far more ops")
ARMNN_OP_FIX = ("This Arm NN release's TfLite delegate has no layer for that operator (the Arm NN release notes and "
                "delegate/DelegateSupportedOperators.md list the operators per release): upgrade Arm NN to a release "
                "that supports it, or leave TfLite runtime fallback on (the default) so TFLite's CPU kernels run that "
                "operator, or replace the layer in the model with supported operators")

# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[Quote]] = {}


def add(template: str, pattern: str, source: str, category: str | None, text: str, fix: str | None, example: str,
        quotes: list[Quote]) -> None:
    """One row and the source pieces it rests on."""
    ROWS.append((template, pattern, source, category, text, fix, example))
    QUOTES[template] = quotes


def _q(repo: str, commit: str, path: str, *pieces: str) -> Quote:
    return Quote(repo, commit, path, pieces)


MAIX = "[MAIXPY]kpu: "
MAIX_RE = r"\[MAIXPY\] ?kpu: ?"
MPY_TB_SHORT = "Traceback (most recent call last):\n  File \"<stdin>\", line 30, in <module>\nValueError: "
MAIX_TB = "Traceback (most recent call last):\n  File \"<stdin>\", line 12, in <module>\nValueError: "

# ---- MaixPy (K210): kpu.load's error table (Maix_kpu.c get_kpu_err_str, codes of sipeed_kpu.h)
add("ERR_KMODEL_VERSION: only support kmodel {V3|V3/V4} [now]",
    r"ERR_KMODEL_VERSION: ?only support kmodel (?P<want>V[34](?:/V4)?)",
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str; 'only support kmodel V3 now' before kmodel V4 support, "
        f"{MAIXPY_V3[:12]}"), VERSION,
    "MaixPy's kpu.load read a kmodel header whose version this firmware does not load: a kmodel V4 (nncase v0.2.0) "
    "on a firmware without kmodel V4 support, a kmodel V5 (nncase v1.x) on any MaixPy, or bytes that are no kmodel "
    "at all at the address / path given", KMODEL_VERSION_FIX,
    MAIX_TB + MAIX + "load error:2002, ERR_KMODEL_VERSION: only support kmodel V3/V4 now",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_KMODEL_VERSION: only support kmodel V3/V4 now"',
        '"ERR_KMODEL_VERSION: only support kmodel V3"', '"[MAIXPY]kpu: load error:%d, %s"'),
     _q(MAIXPY_REPO, MAIXPY_HEAD, KPU_H, "SIPEED_KPU_ERR_KMODEL_VERSION = 2002"),
     _q(MAIXPY_REPO, MAIXPY_V3, KPU_C, '"ERR_KMODEL_VERSION: only support kmodel V3 now"')])
add("[MAIXPY]kpu: load error:2",
    MAIX_RE + r"load error: ?2(?![\d,])",
    src(MAIXPY_REPO, MAIXPY_2019, KPU_C, "py_kpu_class_load; sipeed_kpu.h's sipeed_kpu_err_t counted from 0 until "
        "2020-09: 2 = SIPEED_KPU_ERR_KMODEL_VERSION"), VERSION,
    "kpu.load of a 2019-2020 MaixPy firmware failed with error 2, SIPEED_KPU_ERR_KMODEL_VERSION: the kmodel's "
    "version is not one the firmware loads (a kmodel V4 from nncase v0.2.0 on a V3-only firmware, or V5 from nncase "
    "v1.x)", KMODEL_VERSION_FIX,
    "ValueError: " + MAIX + "load error:2",
    [_q(MAIXPY_REPO, MAIXPY_2019, KPU_C, '"[MAIXPY]kpu: load error:%d", err'),
     _q(MAIXPY_REPO, MAIXPY_2019, KPU_H, "SIPEED_KPU_ERR_NONE    =  0,\n    SIPEED_KPU_ERR_PARAM,\n"
        "    SIPEED_KPU_ERR_KMODEL_VERSION,")])
add("[MAIXPY]kpu: load[_flash] error:{err}[, {err_msg}]",
    MAIX_RE + r"load(?:_flash)? error:? ?(?P<code>-?\d{1,5})(?!\d|, ?ERR_(?:PARAM|KMODEL_VERSION|KMODEL_FORMAT|READ_FILE|NO_MEM|"
    r"MODELS_FULL|DECRYPT)\b)",
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "py_kpu_class_load / py_kpu_class_load_flash; the text after the code "
        f"from 2019-12 on, the code alone before ({MAIXPY_2019[:12]})"), VERSION,
    "MaixPy's kpu.load could not load the kmodel; the code says why (2001 a wrong parameter, path or flash address; "
    "2002 a kmodel version the firmware does not load; 2003 a kmodel whose layers it cannot read; 2005 the file not "
    "read; 2006 no memory; in firmware before 2020-09 the same list counted from 0: 1 parameter, 2 version, 3 "
    "format, 5 read, 6 memory). The kmodel version is what most often fails: a model converted by an nncase whose "
    "kmodel the firmware does not load (the codes whose text another row reads are left to it, and so is 2004 "
    "ERR_DECRYPT, an encrypted .smodel made for another board)", KMODEL_VERSION_FIX,
    "ValueError: " + MAIX + "load error -3",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"[MAIXPY]kpu: load error:%d, %s"', '"[MAIXPY]kpu: load_flash error:%d, %s"'),
     _q(MAIXPY_REPO, MAIXPY_HEAD, KPU_H, "SIPEED_KPU_ERR_PARAM   =  2001,", "SIPEED_KPU_ERR_READ_FILE = 2005,",
        "SIPEED_KPU_ERR_NO_MEM = 2006,"),
     _q(MAIXPY_REPO, MAIXPY_2019, KPU_C, '"[MAIXPY]kpu: load error:%d", err')])
add("ERR_PARAM: please check param, load address or kmodel file name",
    lit("ERR_PARAM: please check param, load address or kmodel file name"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str (SIPEED_KPU_ERR_PARAM, load error:2001)"),
    "savedmodel_not_found",
    "kpu.load was given a path or flash address where it found no kmodel to open (a file not on the SD card / flash "
    "file system, a misspelt name, an address the model was not flashed to)", KMODEL_PATH_FIX,
    MAIX_TB + MAIX + "load error:2001, ERR_PARAM: please check param, load address or kmodel file name",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_PARAM: please check param, load address or kmodel file name"')])
add("ERR_READ_FILE: read file failed",
    lit("ERR_READ_FILE: read file failed"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str (SIPEED_KPU_ERR_READ_FILE, load error:2005)"),
    "savedmodel_not_found",
    "kpu.load could not read the kmodel file it was given (a file not there or cut short on the SD card)",
    KMODEL_PATH_FIX,
    "ValueError: " + MAIX + "load error:2005, ERR_READ_FILE: read file failed",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_READ_FILE: read file failed"')])
add("ERR_KMODEL_FORMAT: layer_header.body_size <=0",
    r"ERR_KMODEL_FORMAT: ?layer_header\.body_size ?<= ?0",
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str (SIPEED_KPU_ERR_KMODEL_FORMAT, load error:2003)"),
    "savedmodel_not_found",
    "kpu.load read a kmodel header but a layer of it has no body: what is at the path / flash address is not a "
    "whole kmodel (a copy cut short, a model flashed over by another, a file of another format)",
    "Write the whole .kmodel again where kpu.load reads it (kflash to the flash address, or copy the file to the SD "
    "card and compare its size with the one nncase wrote), and make sure nothing else is flashed over that address "
    "range; a kmodel of another version gives ERR_KMODEL_VERSION instead",
    "ValueError: " + MAIX + "load error:2003, ERR_KMODEL_FORMAT: layer_header.body_size <=0",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_KMODEL_FORMAT: layer_header.body_size <=0"')])
add("ERR_NO_MEM: memory not enough",
    lit("ERR_NO_MEM: memory not enough"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str (SIPEED_KPU_ERR_NO_MEM, load error:2006)"),
    "model_too_large",
    "the K210's memory left to MaixPy (a few MB beside the firmware and the frame buffers) cannot hold the kmodel "
    "kpu.load reads", "Load a smaller kmodel (fewer filters, a lower input size, MobileNet alpha 0.25-0.5), a MaixPy "
    "minimum firmware build that leaves more memory to the model, or kpu.load_flash(addr, 1, 0x4000, 60000000) "
    "which reads the weights from flash layer by layer; free the frame buffers and other models (kpu.deinit) first",
    "ValueError: " + MAIX + "load error:2006, ERR_NO_MEM: memory not enough",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_NO_MEM: memory not enough"')])
add("ERR_MODELS_FULL: we only support load 5 models in the same time",
    lit("ERR_MODELS_FULL: we only support load 5 models in the same time"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "get_kpu_err_str (SIPEED_KPU_ERR_MODELS_FULL)"), None,
    "MaixPy's kpu keeps at most 5 loaded models: the program loads a sixth without kpu.deinit of one before (often "
    "kpu.load inside a loop): not about the request or model; kpu.deinit the models it no longer uses, or load the "
    "model once outside the loop", None,
    "ValueError: " + MAIX + "load error:2009, ERR_MODELS_FULL: we only support load 5 models in the same time",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"ERR_MODELS_FULL: we only support load 5 models in the same time"')])
add("[MAIXPY]kpu: model format don't match, only supply .kmodel",
    MAIX_RE + lit("model format don't match, only supply .kmodel"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "py_kpu_class_load"), "savedmodel_not_found",
    "kpu.load was given a file whose name does not end in .kmodel (.smodel / .emodel): a .tflite, .h5 or .pb the "
    "K210 cannot run, or a kmodel saved under another name",
    "Convert the model to a kmodel first (nncase: ncc compile model.tflite model.kmodel -i tflite ..., of the "
    "release whose kmodel version the firmware loads: " + KMODEL_VERSIONS + ") and give kpu.load the .kmodel file",
    "ValueError: " + MAIX + "model format don't match, only supply .kmodel ",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"[MAIXPY]kpu: model format don\'t match, only supply .kmodel "')])
add("[MAIXPY]kpu: img w={w},h={h}, but model w={mw},h={mh}",
    MAIX_RE + r"img w=(?P<got_w>\d{1,5}), ?h=(?P<got_h>\d{1,5}), ?but model w=(?P<want_w>\d{1,5}), ?h=(?P<want_h>"
    r"\d{1,5})",
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "check_img_format (kpu.forward / run_yolo2)"), "input_shape_mismatch",
    "the image given to kpu.forward / kpu.run_yolo2 has another width and height than the kmodel's input (the size "
    "the Keras model was converted at)",
    "Give the KPU an image of the model's size: sensor.set_windowing((w, h)) with the model's width and height, or "
    "img.resize(w, h) then img.pix_to_ai() before kpu.forward / kpu.run_yolo2; or convert the model at the camera's "
    "size",
    MAIX + "img w=320,h=240, but model w=224,h=224",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"[MAIXPY]kpu: img w=%d,h=%d, but model w=%d,h=%d\\r\\n"')])
add("[MAIXPY]kpu: {grayscale|RGB} img, but model channel={ch}",
    MAIX_RE + r"(?:grayscale|RGB) img, ?but model channel=(?P<want_channels>\d{1,3})",
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "check_img_format"), "input_shape_mismatch",
    "the image given to the KPU has another channel count than the kmodel's input: a grayscale frame to a model of "
    "3 channels, or an RGB565 frame to a model trained on grayscale",
    "Give the KPU images with the model's channels: sensor.set_pixformat(sensor.RGB565) for a 3-channel model, "
    "sensor.GRAYSCALE (or img.to_grayscale()) for a 1-channel one, then img.pix_to_ai()",
    MAIX + "grayscale img, but model channel=3",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, '"[MAIXPY]kpu: grayscale img, but model channel=%d\\r\\n"',
        '"[MAIXPY]kpu: RGB img, but model channel=%d\\r\\n"')])
add("[MAIXPY]kpu: check img format err!",
    MAIX_RE + lit("check img format err"),
    src(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, "kpu.forward / kpu.run_yolo2, when check_img_format fails (it prints why "
        "on the line before)"), "input_shape_mismatch",
    "the image given to kpu.forward / kpu.run_yolo2 is not one the kmodel takes: another width / height or channel "
    "count than the model's input (the line printed before names them), an image with no AI buffer (pix_to_ai not "
    "called), or a pixel format other than RGB565 / grayscale",
    "Give the KPU an image of the model's input: sensor.set_windowing((w, h)) or img.resize(w, h) to the model's "
    "size, sensor.RGB565 for a 3-channel model (GRAYSCALE for 1), then img.pix_to_ai() before kpu.forward / "
    "kpu.run_yolo2",
    MPY_TB_SHORT + MAIX + "check img format err!",
    [_q(MAIXPY_REPO, MAIXPY_HEAD, KPU_C, 'mp_raise_ValueError("[MAIXPY]kpu: check img format err!\\r\\n");',
        '"[MAIXPY]kpu: pix_ai is NULL!\\r\\n"', '"[MAIXPY]kpu: img bpp not support yet!\\r\\n"')])

# ---- Kendryte nncase: the TFLite importer
_NN_TFL02 = "src/importer/tflite/tflite_importer.cpp"
_NN_TFL1 = "src/importer/tflite/tflite_importer.cpp"
_NN_TFL2 = "src/Nncase.Importer/TFLite/TFLiteImporter.cs"
add("Invalid tflite model[ file.]",
    r"\bInvalid tflite model(?: file)?\b",
    src(NNCASE_REPO, NNCASE_V02, _NN_TFL02, "tflite_importer constructor: tflite::VerifyModelBuffer failed; the same "
        f"in v1.x, 'Invalid tflite model file.' in nncase 2.x ({NNCASE_HEAD[:12]} {_NN_TFL2})"), VERSION,
    "nncase's TFLite importer checked the .tflite flatbuffer against the TFLite schema compiled into that nncase "
    "and it does not verify: a TensorFlow newer than the schema wrote it (new fields, operators or tensor types), or "
    "the file is not a .tflite (an .h5 / .pb, a Git LFS pointer, a cut download)", NNCASE_SCHEMA_FIX,
    "Fatal: Invalid tflite model",
    [_q(NNCASE_REPO, NNCASE_V02, _NN_TFL02, 'if (!tflite::VerifyModelBuffer(verifier))',
        'throw std::runtime_error("Invalid tflite model");'),
     _q(NNCASE_REPO, NNCASE_V1, _NN_TFL1, 'throw std::runtime_error("Invalid tflite model");'),
     _q(NNCASE_REPO, NNCASE_HEAD, _NN_TFL2, 'throw new InvalidDataException("Invalid tflite model file.");'),
     _q(NNCASE_REPO, NNCASE_V02, "src/cli/cli.cpp", 'cerr << "Fatal: " << ex.what() << endl;')])
add("{Not supported|Unsupported} tflite opcode: {op}",
    r"(?:Not supported|Unsupported) tflite opcode: ?(?P<op>[A-Z][A-Z0-9_]{1,60})",
    src(NNCASE_REPO, NNCASE_V1, _NN_TFL1, "tflite_importer::convert_op; 'Not supported tflite opcode: ' in "
        f"v0.2.0 ({NNCASE_V02[:12]})"), VERSION,
    "nncase's TFLite importer has no converter for an operator of the model (a layer nncase of that release does "
    "not implement, or an operator a newer TensorFlow converter emits for the layer)", NNCASE_OP_FIX,
    "Fatal: Not supported tflite opcode: TRANSPOSE_CONV",
    [_q(NNCASE_REPO, NNCASE_V02, _NN_TFL02, '"Not supported tflite opcode: "'),
     _q(NNCASE_REPO, NNCASE_V1, _NN_TFL1, '"Unsupported tflite opcode: "')])
add("Layer {op} is not supported",
    r"\bLayer (?P<op>[A-Z][A-Z0-9_]{2,60}) is not supported",
    src(NNCASE_REPO, NNCASE_V01, "src/NnCase.Converter/Converters/LayerNotSupportedException.cs", "nncase v0.1 "
        "(C#): TfLiteToGraphConverter throws it with the operator's BuiltinCode"), VERSION,
    "nncase v0.1's TFLite converter has no converter for an operator of the model (the builtin operator named): a "
    "layer that release does not implement", NNCASE_OP_FIX,
    "Fatal: Layer RESIZE_BILINEAR is not supported",
    [_q(NNCASE_REPO, NNCASE_V01, "src/NnCase.Converter/Converters/LayerNotSupportedException.cs",
        ':base($"Layer {layer} is not supported")'),
     _q(NNCASE_REPO, NNCASE_V01, "src/NnCase.Converter/Converters/TfLiteToGraphConverter.cs",
        "throw new LayerNotSupportedException(opCode.BuiltinCode.ToString());")])

# ---- Core ML (coremltools, and the Core ML framework as coremltools' tests quote it)
add("No feature with name {key}.",
    r"No feature with name (?P<input>[^\s.'\",;]{1,120})",
    src(COREML_REPO, COREML_COMMIT, COREML_MODEL, "_FeatureDescription.__getitem__ / __setitem__: "
        "model.input_description / output_description"), "input_keys_mismatch",
    "the converted Core ML model has no input (or output) feature under the name the script uses: coremltools named "
    "the features after the source model's tensors, not as the script expects", COREML_NAMES_FIX,
    "AttributeError: No feature with name image.",
    [_q(COREML_REPO, COREML_COMMIT, COREML_MODEL, 'raise KeyError("No feature with name %s." % key)',
        'raise AttributeError("No feature with name %s." % key)')])
add("Provided key \"{key}\", in the input dict, does not match any of the model input name(s), which are: {names}",
    r"Provided key \"?(?P<input>[^\"\n]{1,120})\"?, in the input dict, does not match any of the model input "
    r"name\(s\)",
    src(COREML_REPO, COREML_COMMIT, COREML_MODEL, "MLModel._verify_input_name_exists (predict)"),
    "input_keys_mismatch",
    "MLModel.predict was given a dict key that is no input of the Core ML model (the message lists the model's "
    "input names)", COREML_NAMES_FIX,
    "KeyError: 'Provided key \"input\", in the input dict, does not match any of the model input name(s), which are: "
    "{\\'input_1\\'}'",
    [_q(COREML_REPO, COREML_COMMIT, COREML_MODEL, 'err_msg = "Provided key \\"{}\\", in the input dict, "',
        '"does not match any of the model input name(s), which are: {}"')])
add("[MultiArray ]Shape ({shape}) was not in enumerated set of allowed shapes",
    r"(?:MultiArray )?Shape \((?P<got_shape>[\d x]{1,80})\) was not in enumerated set of allowed shapes",
    src(COREML_REPO, COREML_COMMIT, COREML_TF2_TEST, "the Core ML framework's prediction error for an input "
        "outside a model's ct.EnumeratedShapes, as coremltools' test of enumerated shapes expects it"),
    "input_shape_mismatch",
    "Core ML's prediction got an array whose shape is none of the shapes the model's flexible input enumerates (or "
    "not its one fixed shape): another image size, or a dimension missing or added (a batch or channel axis)",
    COREML_SHAPE_FIX, "RuntimeError: {\n    NSLocalizedDescription = \"MultiArray Shape (1 x 29 x 29 x 3) was not in "
    "enumerated set of allowed shapes\";\n}",
    [_q(COREML_REPO, COREML_COMMIT, COREML_TF2_TEST,
        'match=r"MultiArray Shape \\(1 x 29 x 29 x 3\\) was not in enumerated set of allowed shapes"')])
add("Size ({n}) of dimension ({d}) is not in allowed range ({lo}..{hi})",
    r"Size \((?P<got>\d{1,7})\) of dimension \((?P<axis>\d{1,2})\) is not in allowed range \((?P<want>\d{1,7}\.\."
    r"-?\d{1,7})\)",
    src(COREML_REPO, COREML_COMMIT, COREML_TF2_TEST, "the Core ML framework's prediction error for an input outside "
        "a ct.RangeDim, as coremltools' test of ranged shapes expects it"), "input_shape_mismatch",
    "Core ML's prediction got an array with a dimension outside the range the model's flexible input allows "
    "(ct.RangeDim's lower..upper bound)", COREML_SHAPE_FIX,
    "RuntimeError: {\n    NSLocalizedDescription = \"Size (2) of dimension (1) is not in allowed range (3..5)\";\n}",
    [_q(COREML_REPO, COREML_COMMIT, COREML_TF2_TEST,
        'match=r"Size \\(2\\) of dimension \\(1\\) is not in allowed range \\(3\\.\\.5\\)"')])
add("The specification has version {n} but the Core ML framework version installed only supports Core ML model "
    "specification version {m} or older.",
    r"The specification has version (?P<got>\d{1,3}) but the Core ML framework version installed only supports Core "
    r"ML model specification version (?P<want>\d{1,3}) or older",
    src(COREML_REPO, COREML_COMMIT, COREML_MODEL, "MLModel.predict"), VERSION,
    "the .mlmodel / .mlpackage was converted for a newer Core ML (its specification version) than the macOS whose "
    "Core ML framework runs the prediction supports",
    "Run the prediction on a macOS whose Core ML supports the model's specification version, or convert again for "
    "the older OS: ct.convert(..., minimum_deployment_target=ct.target.macOS12) (or the iOS target of the device) "
    "with convert_to='neuralnetwork' for the oldest ones",
    "Exception: The specification has version 7 but the Core ML framework version installed only supports Core ML "
    "model specification version 4 or older.",
    [_q(COREML_REPO, COREML_COMMIT, COREML_MODEL, '"The specification has version "',
        '" but the Core ML framework version installed only supports Core ML model specification version "')])
add("{RGB/BGR|GRAYSCALE} image input, '{name}', must be of type PIL.Image.Image with mode=='{RGB|L}'",
    r"(?P<mode>RGB/BGR|GRAYSCALE) image input, ?'(?P<input>[^'\n]{1,120})', ?must be of type PIL\.Image\.Image with "
    r"mode ?== ?'",
    src(COREML_REPO, COREML_COMMIT, COREML_MODEL, "MLModel._verify_pil_image_modes (predict)"),
    "input_shape_mismatch",
    "an image input of the Core ML model got a PIL image of another colour mode (channels) than it was converted "
    "for: an RGBA / grayscale image to an RGB input, or RGB to a grayscale one",
    "Convert the image to the input's mode before predict: img.convert('RGB') for an RGB/BGR ImageType, "
    "img.convert('L') for a GRAYSCALE one, and resize it to the input's width and height",
    "TypeError: RGB/BGR image input, 'image', must be of type PIL.Image.Image with mode=='RGB'",
    [_q(COREML_REPO, COREML_COMMIT, COREML_MODEL,
        '"RGB/BGR image input, \'{}\', must be of type PIL.Image.Image with mode==\'RGB\'"',
        '"GRAYSCALE image input, \'{}\', must be of type PIL.Image.Image with mode==\'L\'"')])
add("TensorFlow version {v} is not supported. Minimum required version: {min} .",
    r"TensorFlow version (?P<got>[\w.+-]{1,30}) is not supported\. ?Minimum required version: ?(?P<want>[\d.]{1,12})",
    src(COREML_REPO, COREML_COMMIT, COREML_DEPS, "coremltools' import of TensorFlow: below 1.12.0 / 2.1.0 TensorFlow "
        "conversion is disabled"), VERSION,
    "coremltools found a TensorFlow older than the oldest it converts from, and disabled TensorFlow conversion (a "
    "later ct.convert then cannot tell the model's framework, or the tf.keras API it calls is missing)",
    "Install a TensorFlow coremltools converts from (TensorFlow >= 2.1 for TF 2 / tf.keras models, up to the newest "
    "version the coremltools release was tested with) in the environment that runs ct.convert",
    "TensorFlow version 2.0.0 is not supported. Minimum required version: 2.1.0 .TensorFlow conversion will be "
    "disabled.",
    [_q(COREML_REPO, COREML_COMMIT, COREML_DEPS, '"TensorFlow version %s is not supported. Minimum required version: '
        '%s ."', '_TF_2_MIN_VERSION = "2.1.0"')])
add("{package} version {v} has not been tested with coremltools. You may run into unexpected errors.",
    r"(?P<package>TensorFlow|Keras|Torch|scikit-learn) version (?P<got>[\w.+-]{1,30}) has not been tested with "
    r"coremltools",
    src(COREML_REPO, COREML_COMMIT, COREML_DEPS, "_warn_if_above_max_supported_version"), VERSION,
    "coremltools warns that the installed source framework is newer than any it was tested with: its converter may "
    "not read what that version writes (new ops, a Keras 3 model the tf.keras path cannot take), which is what makes "
    "the conversion fail when nothing more specific follows",
    "Convert with the framework version the coremltools release was tested with (the warning names it: pip install "
    "tensorflow==THAT), or upgrade coremltools to a release tested with the installed one",
    "WARNING:coremltools:TensorFlow version 2.15.0 has not been tested with coremltools. You may run into unexpected "
    "errors. TensorFlow 2.12.0 is the most recent version that has been tested.",
    [_q(COREML_REPO, COREML_COMMIT, COREML_DEPS, '"%s version %s has not been tested with coremltools. You may run '
        'into unexpected errors. "')])
add("Unable to determine the type of the model, i.e. the source framework.",
    lit("Unable to determine the type of the model, i.e. the source framework"),
    src(COREML_REPO, COREML_COMMIT, COREML_ENTRY, "_determine_source"), VERSION,
    "ct.convert could not tell the model's framework: TensorFlow / PyTorch is not importable in that environment at "
    "a version coremltools converts from (too old, or newer than it reads), or the object passed is no model of "
    "either (a Keras 3 model, a path string with source='auto' for a format it does not detect)",
    "Install the framework at a version this coremltools converts from (the message's own example: a model trained "
    "with TensorFlow 1.14 needs tensorflow==1.14), pass source='tensorflow' and the loaded tf.keras model (or the "
    "SavedModel directory) to ct.convert",
    "ValueError: Unable to determine the type of the model, i.e. the source framework. Please provide the value of "
    "argument \"source\", from one of [\"tensorflow\", \"pytorch\", \"milinternal\"].",
    [_q(COREML_REPO, COREML_COMMIT, COREML_ENTRY, '"Unable to determine the type of the model, i.e. the source '
        'framework. "')])
add("Input model \"{path}\" does not exist",
    r"Input model \"(?P<path>[^\"\n]{1,300})\" does not exist",
    src(COREML_REPO, COREML_COMMIT, COREML_TF_LOAD, "TF1Loader._graph_def_from_model; the same in tensorflow2/load.py"),
    "savedmodel_not_found",
    "ct.convert was given a path (a .pb, .h5 or SavedModel directory) that does not exist where it runs",
    "Give ct.convert the path of the model as it is where the conversion runs (an absolute path, or relative to the "
    "working directory): the SavedModel directory holding saved_model.pb, the .h5 file, or the frozen .pb",
    "ValueError: Input model \"./saved_model\" does not exist",
    [_q(COREML_REPO, COREML_COMMIT, COREML_TF_LOAD, "raise ValueError('Input model \"{}\" does not exist'"),
     _q(COREML_REPO, COREML_COMMIT, "coremltools/converters/mil/frontend/tensorflow2/load.py",
        "raise ValueError(f'Input model \"{self.model}\" does not exist')")])

# ---- NNStreamer: tensor_filter's tensorflow-lite and edgetpu sub-plugins
_NNS_LOAD = ("Failed to load model (TensorFlow-lite interpreter->loadModel() has returned %d. Please check if the "
             "model, '%s', is accessible and compatible with the given TensorFlow-lite instance.")
add("Failed to load model (TensorFlow-lite interpreter->loadModel() has returned -1. Please check if the model, "
    "'{path}', is accessible ...",
    r"Failed to load model \(TensorFlow-lite interpreter->loadModel\(\) has returned -1\. Please check if the model, "
    r"'(?P<path>[^'\n]{1,300})'",
    src(NNS_REPO, NNS_COMMIT, NNS_TFLITE, "TFLiteCore::init; loadModel returns -1 when FlatBufferModel::BuildFromFile "
        "fails"), "savedmodel_not_found",
    "NNStreamer's tensorflow-lite sub-plugin could not map the model file (loadModel's -1: "
    "FlatBufferModel::BuildFromFile failed): no file at the tensor_filter's model= path, or a file that is no "
    ".tflite flatbuffer",
    "Give tensor_filter framework=tensorflow-lite model=... the path of the .tflite as the pipeline's process sees "
    "it (absolute, readable), and check it is the converted .tflite (not an .h5, .pb or Git LFS pointer)",
    "** (gst-launch-1.0:1234): CRITICAL **: " + _NNS_LOAD.replace("%d", "-1").replace("%s", "/opt/models/x.tflite"),
    [_q(NNS_REPO, NNS_COMMIT, NNS_TFLITE, '"Failed to load model (TensorFlow-lite interpreter->loadModel() has '
        'returned %d. Please check if the model, \'%s\', is accessible and compatible with the given TensorFlow-lite '
        'instance.', 'ml_loge ("Failed to mmap model\\n");\n    return -1;')])
add("Failed to load model (TensorFlow-lite interpreter->loadModel() has returned -2. ... this TensorFlow-lite's "
    "version might not support the given model.",
    r"Failed to load model \(TensorFlow-lite interpreter->loadModel\(\) has returned -2\b",
    src(NNS_REPO, NNS_COMMIT, NNS_TFLITE, "TFLiteCore::init; loadModel returns -2 when InterpreterBuilder, the "
        "delegate or AllocateTensors fails"), VERSION,
    "NNStreamer's tensorflow-lite sub-plugin mapped the model but could not build an interpreter for it, apply the "
    "delegate or allocate its tensors (loadModel's -2; the message itself: 'this TensorFlow-lite's version might not "
    "support the given model'): an operator or operator version newer than the sub-plugin's TensorFlow Lite, or a "
    "custom op (Edge TPU) it does not register", NNS_TFLITE_VERSION_FIX,
    _NNS_LOAD.replace("%d", "-2").replace("%s", "model.tflite") + " For example, this TensorFlow-lite's version might "
    "not support the given model.",
    [_q(NNS_REPO, NNS_COMMIT, NNS_TFLITE, "For example, this TensorFlow-lite's version might not support the given "
        "model.", 'ml_loge ("Failed to construct interpreter\\n");\n    return -2;',
        'ml_loge ("Failed to allocate tensors\\n");\n    return -2;')])
add("Tensor size mismatch for input tensor {i}: expected {n}, got {m}",
    r"Tensor size mismatch for input tensor (?P<index>\d{1,3}): expected (?P<want>\d{1,12}), got (?P<got>\d{1,12})",
    src(NNS_REPO, NNS_COMMIT, NNS_TFLITE, "TFLiteInterpreter::invoke (XNNPACK delegate)"), "input_shape_mismatch",
    "the buffer the pipeline gives the tensorflow-lite filter has another byte size than the model's input tensor: "
    "another image size or channel count from the converter upstream, or float32 data to a uint8 (quantized) model "
    "or the reverse (a ratio of 4)",
    "Make the caps before tensor_filter give the model's input: videoscale / videoconvert to its width, height and "
    "format (RGB for 3 channels), tensor_converter, and tensor_transform mode=typecast option=float32 (with "
    "arithmetic normalisation) for a float model, none for a uint8 one",
    "Tensor size mismatch for input tensor 0: expected 602112, got 150528",
    [_q(NNS_REPO, NNS_COMMIT, NNS_TFLITE, 'ml_loge ("Tensor size mismatch for input tensor %u: expected %zu, got %zu",')])
add("A compiled model by edgetpu-compiler has been given, but this extension might be statically linked with "
    "TensorFlow Lite v{ver} which does not support the model.",
    r"A compiled model by edgetpu-compiler has been given, but this extension might be statically linked with "
    r"TensorFlow Lite v(?P<version>[\d.]{1,12})",
    src(NNS_REPO, NNS_COMMIT, NNS_EDGETPU, "edgetpu_subplugin::invoke"), VERSION,
    "NNStreamer's edgetpu sub-plugin failed to invoke a model compiled by edgetpu_compiler and found the reason in "
    "its own build: it is linked with a TensorFlow Lite older than the one the Edge TPU model needs",
    "Rebuild (or install) the nnstreamer edgetpu sub-plugin against TensorFlow Lite 1.15.2 or later (the version "
    "the message recommends), matching the Edge TPU runtime (libedgetpu) installed",
    "A compiled model by edgetpu-compiler has been given, but this extension might be statically linked with "
    "TensorFlow Lite v1.13.1 which does not support the model.",
    [_q(NNS_REPO, NNS_COMMIT, NNS_EDGETPU, '"A compiled model by edgetpu-compiler has been given, but this extension '
        'might be statically linked with TensorFlow Lite v%s which does not support the model."',
        '"To use this model, we recommend to upgrade the tensorflow-lite package to version 1.15.2 and rebuild the '
        'subplugin with the upgraded tensorflow-lite."')])
add("Failed to invoke tensorflow-lite + edge-tpu.",
    r"Failed to invoke tensorflow-lite \+ edge-tpu|Invoking tensorflow-lite with edge-tpu delegation failed",
    src(NNS_REPO, NNS_COMMIT, NNS_EDGETPU, "edgetpu_subplugin::invoke"), VERSION,
    "NNStreamer's edgetpu sub-plugin could not run the model: the interpreter was not ready (its tensors were never "
    "allocated: 'Failed to allocate tensors.' above), which for an edgetpu_compiler model means the sub-plugin's "
    "TensorFlow Lite does not support it (the sub-plugin says so when it finds the edgetpu-custom-op in the file)",
    "Rebuild (or install) the nnstreamer edgetpu sub-plugin against TensorFlow Lite 1.15.2 or later, matching the "
    "installed Edge TPU runtime (libedgetpu); a model not compiled by edgetpu_compiler runs with "
    "framework=tensorflow-lite instead",
    "Invoke called on model that is not ready.\nFailed to invoke tensorflow-lite + edge-tpu.",
    [_q(NNS_REPO, NNS_COMMIT, NNS_EDGETPU, 'std::cerr << "Failed to invoke tensorflow-lite + edge-tpu." << std::endl;',
        'throw std::runtime_error ("Invoking tensorflow-lite with edge-tpu delegation failed.");',
        'nns_loge ("Failed to allocate tensors.");')])

# ---- libedgetpu: the custom op
add("Null custom op data.",
    r"\bNull custom op data\b",
    src(LIBEDGETPU_REPO, LIBEDGETPU_COMMIT, "tflite/custom_op_direct.cc", "CustomOpPrepareDirect / CustomOpInvoke"),
    VERSION,
    "the Edge TPU custom op (edgetpu-custom-op) reached Prepare with no data of its own: its Init made none for the "
    "node, which happens when the TensorFlow Lite runtime running it is not the one libedgetpu was built for (another "
    "TFLite release or build), so the op could not read the compiled model",
    EDGETPU_TFLITE_FIX,
    "Null custom op data.\nNode number 0 (edgetpu-custom-op) failed to prepare.\n\nFailed to allocate tensors.",
    [_q(LIBEDGETPU_REPO, LIBEDGETPU_COMMIT, "tflite/custom_op_direct.cc",
        'context->ReportError(context, "Null custom op data.");')])

# ---- Arm NN's TfLite delegate
add("Operator {op} [{code}] is not supported by armnn_delegate.",
    r"Operator (?P<op>[A-Z][A-Z0-9_]{1,60}) \[(?P<code>\d{1,4})\] is not supported by armnn_delegate",
    src(ARMNN_REPO, ARMNN_COMMIT, ARMNN_DELEGATE, "Delegate::IdentifyOperatorsToDelegate"), VERSION,
    "the Arm NN TfLite delegate has no layer for an operator of the model in this Arm NN release (or not with the "
    "operator's options / types): it leaves that operator to the TfLite runtime, or stops when fallback is disabled",
    ARMNN_OP_FIX,
    "INFO: TfLiteArmnnDelegate: Created TfLite ArmNN delegate.\nERROR: Operator TILE [69] is not supported by "
    "armnn_delegate.",
    [_q(ARMNN_REPO, ARMNN_COMMIT, ARMNN_DELEGATE, '"Operator %s [%d] is not supported by armnn_delegate."')])
add("TfLiteArmnnDelegate: There are unsupported operators in the model. Not falling back to TfLite Runtime as "
    "fallback is disabled.",
    lit("TfLiteArmnnDelegate: There are unsupported operators in the model"),
    src(ARMNN_REPO, ARMNN_COMMIT, ARMNN_DELEGATE, "Delegate::IdentifyOperatorsToDelegate"), VERSION,
    "the Arm NN TfLite delegate met operators it has no layer for (listed before: 'Operator X [N] is not supported "
    "by armnn_delegate') and runtime fallback to TfLite is disabled, so it stops",
    ARMNN_OP_FIX,
    "armnn::Exception: TfLiteArmnnDelegate: There are unsupported operators in the model. Not falling back to TfLite "
    "Runtime as fallback is disabled. This should only be disabled under test conditions.",
    [_q(ARMNN_REPO, ARMNN_COMMIT, ARMNN_DELEGATE, '"TfLiteArmnnDelegate: There are unsupported operators in the '
        'model. "', '"Not falling back to TfLite Runtime as fallback is disabled. "')])


# ---- Intel Movidius NCSDK (Neural Compute Stick): mvNCCompile
NCS_PREFIX = r"(?:\[Error \d{1,2}\] )?"
add("[Error 4] Toolkit Error: Stage Type Not Supported: {op}",
    NCS_PREFIX + r"Toolkit Error: Stage Type Not Supported: ?(?P<op>[\w./-]{1,80})",
    src(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "mvNCCompile error 4"), VERSION,
    "mvNCCompile met a TensorFlow op the Neural Compute Stick has no stage for: an op this NCSDK release does not "
    "implement (often one a newer TensorFlow or Keras put in the graph, or a training-only op left in it)",
    NCSDK_OP_FIX, "[Error 4] Toolkit Error: Stage Type Not Supported: Shape",
    [_q(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "<td>Toolkit Error: Stage Type Not Supported: …</td>")])
add("[Error 5] Toolkit Error: Stage Details Not Supported: {details}",
    NCS_PREFIX + r"Toolkit Error: Stage Details Not Supported: ?(?P<op>[^\n]{1,120})",
    src(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "mvNCCompile error 5"), VERSION,
    "mvNCCompile knows the op but not in the form the graph has it (its options, inputs or the way the graph wires "
    "it): a layer arrangement or op variant this NCSDK release does not support", NCSDK_OP_FIX,
    "[Error 5] Toolkit Error: Stage Details Not Supported: Top Not Supported - Constants dense_1/MatMul",
    [_q(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "<td>Toolkit Error: Stage Details Not Supported: …</td>")])
add("[Error 13] Toolkit Error: Provided OutputNode/InputNode name does not exist or does not match with one contained "
    "in caffemodel file Provided: {name}",
    NCS_PREFIX + r"Toolkit Error: Provided OutputNode/InputNode name does not exist or does not match with one "
    r"contained in (?:caffemodel|model) file Provided: ?(?P<input>[^\s'\",;]{1,160})",
    src(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "mvNCCompile error 13 (the same text for TensorFlow graphs)"),
    "input_keys_mismatch",
    "mvNCCompile was given an input (-in) or output (-on) node name the graph does not have",
    "Give mvNCCompile the graph's own node names: list them (for n in graph_def.node: print(n.name)) in the frozen "
    "graph or meta graph compiled, and pass -in INPUT_NODE -on OUTPUT_NODE without the ':0' suffix; a Keras model's "
    "are e.g. input_1 and dense_2/Softmax",
    "[Error 13] Toolkit Error: Provided OutputNode/InputNode name does not exist or does not match with one contained "
    "in caffemodel file Provided: output",
    [_q(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "<td>Toolkit Error: Provided OutputNode/InputNode name does not exist "
        "or does not match with one contained in caffemodel file Provided: …</td>")])
add("[Error 8|9] Argument Error: Network {description|weight} cannot be found.",
    NCS_PREFIX + r"Argument Error: Network (?:description|weight) cannot be found",
    src(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "mvNCCompile errors 8 and 9"), "savedmodel_not_found",
    "mvNCCompile found no network file (the graph / .meta given) or no weights where it looked: for TensorFlow it "
    "reads the .meta and the checkpoint beside it (model.index / model.data-*) under the same prefix",
    "Give mvNCCompile the .meta file of a checkpoint saved with tf.train.Saver (model.meta, with model.index and "
    "model.data-00000-of-00001 beside it, same prefix), or a frozen .pb, at a path that exists where it runs",
    "[Error 9] Argument Error: Network weight cannot be found.",
    [_q(NCSDK_REPO, NCSDK_COMMIT, NCSDK_ERRORS, "<td>Argument Error: Network description cannot be found.</td>",
        "<td>Argument Error: Network weight cannot be found.</td>")])

# ---- the TFLite GPU delegate (Android, iOS Metal)
add("Following operations are not supported by GPU delegate: {op}: {reason} ...",
    r"(?:Following|Next) operations are not supported by GPU delegate",
    src(TF_REPO, GPU_COMMIT, GPU_BUILDER, "GetOpsToReplace; releases before it wrote 'Next operations are not "
        "supported by GPU delegate'"), VERSION,
    "the TFLite GPU delegate took over only part of the model: the operators listed have no GPU kernel in this "
    "runtime's delegate (an operator it lacks, an op version newer than it reads, a tensor type it does not take) "
    "and run on the CPU; the reason after each operator says which", GPU_DELEGATE_FIX,
    "ERROR: Following operations are not supported by GPU delegate:\nMUL: Operation is not supported.\n25 "
    "operations will run on the GPU, and the remaining 40 operations will run on the CPU.",
    [_q(TF_REPO, GPU_COMMIT, GPU_BUILDER, '"Following operations are not supported by GPU delegate:\\n"',
        '" operations will run on the GPU, and the remaining "')])
add("{op}: Max version supported: {max}. Requested version {version}",
    r"Max version supported: ?(?P<want>\d{1,3})\. ?Requested version:? ?(?P<got>\d{1,3})",
    src(TF_REPO, GPU_COMMIT, GPU_BUILDER, "CheckMaxSupportedOpVersion"), VERSION,
    "the TFLite GPU delegate reads this operator up to a version older than the one the converter wrote: the model "
    "was converted by a newer TensorFlow than the runtime's delegate, and the operator runs on the CPU (or the "
    "delegate fails where it must take the whole graph)", GPU_DELEGATE_FIX,
    "ERROR: Following operations are not supported by GPU delegate:\nTRANSPOSE_CONV: Max version supported: 3. "
    "Requested version 4.",
    [_q(TF_REPO, GPU_COMMIT, GPU_BUILDER, 'absl::StrCat("Max version supported: ", max_version,',
        '". Requested version ", op_version));')])
add("Only version {expected} is supported. Requested version {version}",
    r"Only version (?P<want>\d{1,3}) is supported\. ?Requested version (?P<got>\d{1,3})",
    src(TF_REPO, GPU_COMMIT, GPU_BUILDER, "CheckExactSupportedOpVersion"), VERSION,
    "the TFLite GPU delegate reads this operator only at one version and the converter wrote another: a TensorFlow "
    "other than the runtime's converted the model", GPU_DELEGATE_FIX,
    "RESIZE_BILINEAR: Only version 1 is supported. Requested version 3",
    [_q(TF_REPO, GPU_COMMIT, GPU_BUILDER, 'absl::StrCat("Only version ", expected_version,',
        '" is supported. Requested version ", op_version));')])
add("Operation {code}({custom_name}) is not supported by TFLite GPU Delegate.",
    r"Operation (?P<code>\d{1,4}) ?\((?P<op>[^)\n]{0,80})\) is not supported by TFLite GPU Delegate",
    src(TF_REPO, GPU_COMMIT, GPU_BUILDER, "BuildModel"), VERSION,
    "the TFLite GPU delegate was asked to build an operator it has no parser for (a builtin code newer than the "
    "delegate, or a custom op it does not implement)", GPU_DELEGATE_FIX,
    "TfLiteGpuDelegate Init: Operation 53(DENSIFY) is not supported by TFLite GPU Delegate.",
    [_q(TF_REPO, GPU_COMMIT, GPU_BUILDER, '"Operation ", registration->builtin_code, "(",',
        '") is not supported by TFLite GPU Delegate."')])

# ---- TensorRT's ONNX parser (a Keras / TF model exported to ONNX by tf2onnx, then built into a TensorRT engine)
add("No importer registered for op: {op}",
    r"No importer registered for op: ?(?P<op>[A-Za-z][\w.]{0,60})",
    src(ONNXTRT_REPO, ONNXTRT_HEAD, "ModelImporter.cpp", f"parseNode; the parse error itself in release/7.0 "
        f"({ONNXTRT_7[:12]}), logged before trying a plugin of that name in 8.x"), VERSION,
    "TensorRT's ONNX parser has no importer for an operator of the ONNX model (an operator or opset newer than the "
    "parser, which tf2onnx wrote for a TensorFlow op), and from TensorRT 8 finds no plugin of that name either",
    ONNXTRT_FIX,
    "[TensorRT] ERROR: INVALID_ARGUMENT: getPluginCreator could not find plugin NonMaxSuppression version 1\n"
    "ERROR: builtin_op_importers.cpp:3659 In function importFallbackPluginImporter:\nNo importer registered for op: "
    "NonMaxSuppression",
    [_q(ONNXTRT_REPO, ONNXTRT_HEAD, "ModelImporter.cpp", 'LOG_INFO("No importer registered for op: " << nodeType << '
        '". Attempting to import as plugin.");'),
     _q(ONNXTRT_REPO, ONNXTRT_7, "ModelImporter.cpp", 'return MAKE_ERROR("No importer registered for op: " + '
        'node.op_type(), ErrorCode::kUNSUPPORTED_NODE);')])
add("Plugin not found, are the plugin name, version, and namespace correct?",
    lit("Plugin not found, are the plugin name, version, and namespace correct?"),
    src(ONNXTRT_REPO, ONNXTRT_HEAD, "onnxOpImporters.cpp", "importFallbackPluginImporter"), VERSION,
    "TensorRT's ONNX parser met an operator it has no importer for and no TensorRT plugin of that name is "
    "registered (the line before names the operator: 'No importer registered for op')", ONNXTRT_FIX,
    "[E] [TRT] ModelImporter.cpp:771: --- End node ---\n[E] [TRT] ModelImporter.cpp:773: ERROR: "
    "builtin_op_importers.cpp:5404 In function importFallbackPluginImporter:\n[8] Assertion failed: creator && "
    "\"Plugin not found, are the plugin name, version, and namespace correct?\"",
    [_q(ONNXTRT_REPO, ONNXTRT_HEAD, "onnxOpImporters.cpp", '"Plugin not found, are the plugin name, version, and '
        'namespace correct?"')])


# ------------------------------------------------------------------------------------------------ checks

def check_quotes() -> int:
    """Every row's pieces are in its source files at their commits (files whose mirror is not on this machine are
    skipped); returns how many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES)


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources (mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
