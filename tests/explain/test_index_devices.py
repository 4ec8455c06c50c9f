"""Device runtimes and accelerator toolchains that load a Keras / TF / TFLite model, in the explain index (#15), from
scripts/explain_index_devices.py: MaixPy's KPU (K210), Kendryte nncase's TFLite importer, Core ML through
coremltools, NNStreamer's tensor_filter sub-plugins, libedgetpu's custom op, Arm NN's TfLite delegate, the TFLite GPU
delegate and TensorRT's ONNX parser.  Each
message is given as the device prints it (a MicroPython traceback, ampy's escaped copy of one, ncc's ``Fatal:``
line, coremltools' NSError dict, a GStreamer log), and must be read to its category with a first step naming the
cause."""

from __future__ import annotations

import re

import pytest

from .reading import best as _read
from .reading import (a_wrong_quote_stops_the_build, quotes_at_their_commits, rows_in_index, said,
                      source_module)

devices = source_module("explain_index_devices")


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(devices.ROWS):
        assert re.match(r"github\.com/[\w.-]+/[\w.-]+@[0-9a-f]{12} \S", source), source  # a repository at a commit
        assert e["fix"] and e["meaning"] if category else e["reading"]


def test_every_row_names_the_commit_of_a_file_it_quotes() -> None:
    for template, _, source, *_ in devices.ROWS:
        quotes = devices.QUOTES[template]
        assert quotes, template
        assert any(f"github.com/{q.repo}@{q.commit[:12]} {q.path}" in source for q in quotes), (template, source)


@pytest.mark.parametrize("repo", sorted({q.repo for qs in devices.QUOTES.values() for q in qs}))
def test_each_row_quotes_its_source_at_its_commit(repo: str) -> None:
    """Each row's pieces are in its files at the commits named (the git mirrors under /work/.mirror)."""
    assert quotes_at_their_commits(devices, repo, "Arm NN and tensorflow/tensorflow are too large to mirror here: "
                                   "their files were read with the search tool's read_file at the commits named")


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    a_wrong_quote_stops_the_build(devices, devices.MAIXPY_REPO, "ERR_KMODEL_VERSION: only support kmodel V5",
                                  monkeypatch)


def test_the_old_firmware_numbering_is_the_sources() -> None:
    """'load error:2' means the kmodel version only because sipeed_kpu_err_t counted from 0 before 2020-09 (the row's
    quote of the 2019 header) and from 2001 after (2002 is the version in the current one)."""
    if not (devices.MIRRORS / "sipeed+MaixPy-v1" / "repo").exists():
        pytest.skip("no git mirror of sipeed/MaixPy-v1")
    old = devices.mirror_text(devices.MAIXPY_REPO, devices.MAIXPY_2019, devices.KPU_H, devices.WHO)
    new = devices.mirror_text(devices.MAIXPY_REPO, devices.MAIXPY_HEAD, devices.KPU_H, devices.WHO)
    members = re.findall(r"SIPEED_KPU_ERR_\w+", old.split("typedef enum{")[1].split("}")[0])
    assert members.index("SIPEED_KPU_ERR_KMODEL_VERSION") == 2
    assert "SIPEED_KPU_ERR_KMODEL_VERSION = 2002" in new


MPY = "Traceback (most recent call last):\n  File \"<stdin>\", line 9, in <module>\nValueError: {m}"
AMPY = ("ampy.pyboard.PyboardError: ('exception', b'', b'Traceback (most recent call last):\\r\\n  File \"<stdin>\", "
        "line 48, in <module>\\r\\nValueError: {m}\\r\\n')")
COREML = ("  File \"/usr/local/lib/python3.9/site-packages/coremltools/models/model.py\", line 329, in predict\n"
          "    return self.__proxy__.predict(data, useCPUOnly)\nRuntimeError: {{\n    NSLocalizedDescription = \"{m}\";"
          "\n}}")

CASES = [
    # (text as the device prints it, category, a word the cause or first step must have)
    # ---- MaixPy (K210)
    (MPY.format(m="[MAIXPY]kpu: load error:2002, ERR_KMODEL_VERSION: only support kmodel V3/V4 now"),
     "runtime_version_mismatch", "kmodel V4"),
    (AMPY.format(m="[MAIXPY]kpu: load error:2002, ERR_KMODEL_VERSION: only support kmodel V3"),
     "runtime_version_mismatch", "nncase"),
    (MPY.format(m="[MAIXPY]kpu: load error:2, ERR_KMODEL_VERSION: only support kmodel V3 now"),
     "runtime_version_mismatch", "firmware"),
    ("ValueError: [MAIXPY]kpu: load error:2", "runtime_version_mismatch", "kmodel"),
    (MPY.format(m="[MAIXPY]kpu: load error:2001, ERR_PARAM: please check param, load address or kmodel file name"),
     "savedmodel_not_found", "flash address"),
    (MPY.format(m="[MAIXPY]kpu: load error:2005, ERR_READ_FILE: read file failed"), "savedmodel_not_found",
     "/sd/"),
    (MPY.format(m="[MAIXPY]kpu: load error:2006, ERR_NO_MEM: memory not enough"), "model_too_large",
     "kpu.load_flash"),
    (MPY.format(m="[MAIXPY]kpu: load error:2003, ERR_KMODEL_FORMAT: layer_header.body_size <=0"),
     "savedmodel_not_found", "whole .kmodel"),
    (MPY.format(m="[MAIXPY]kpu: model format don't match, only supply .kmodel "), "savedmodel_not_found", "ncc"),
    ("[MAIXPY]kpu: img w=320,h=240, but model w=224,h=224\r\nTraceback (most recent call last):\n  File "
     "\"<stdin>\", line 20, in <module>\nValueError: [MAIXPY]kpu: check img format err!", "input_shape_mismatch",
     "set_windowing"),
    ("[MAIXPY]kpu: RGB img, but model channel=1", "input_shape_mismatch", "GRAYSCALE"),
    (MPY.format(m="[MAIXPY]kpu: check img format err!"), "input_shape_mismatch", "pix_to_ai"),
    (MPY.format(m="[MAIXPY]kpu: load_flash error:2002, ERR_KMODEL_VERSION: only support kmodel V3/V4 now"),
     "runtime_version_mismatch", "kmodel V4"),
    # ---- nncase
    ("Fatal: Invalid tflite model", "runtime_version_mismatch", "older TensorFlow"),
    ("Unhandled exception. System.IO.InvalidDataException: Invalid tflite model file.\n   at "
     "Nncase.Importer.TFLite.TFLiteImporter..ctor(Stream tflite, CompileSession compileSession)",
     "runtime_version_mismatch", "schema"),
    ("Fatal: Not supported tflite opcode: SPLIT_V", "runtime_version_mismatch", "nncase"),
    ("terminate called after throwing an instance of 'std::runtime_error'\n  what():  Unsupported tflite opcode: "
     "HARD_SWISH", "runtime_version_mismatch", "operators nncase converts"),
    ("Fatal: Layer LOGISTIC is not supported", "runtime_version_mismatch", "nncase"),
    # ---- Core ML / coremltools
    ("Traceback (most recent call last):\n  File \"coreml.py\", line 17, in <module>\n    coreml_model.input_description"
     "['image'] = 'Input image'\n  File \"/usr/lib/python3/site-packages/coremltools/models/model.py\", line 79, in "
     "__setitem__\n    raise AttributeError(\"No feature with name %s.\" % key)\nAttributeError: No feature with name "
     "image.", "input_keys_mismatch", "get_spec().description.input"),
    ("KeyError: 'Provided key \"input\", in the input dict, does not match any of the model input name(s), which "
     "are: {\\'input_1\\'}'", "input_keys_mismatch", "feature names"),
    (COREML.format(m="MultiArray Shape (1 x 3 x 29 x 29) was not in enumerated set of allowed shapes"),
     "input_shape_mismatch", "ct.EnumeratedShapes"),
    (COREML.format(m="Shape (1 x 128 x 32 x 32) was not in enumerated set of allowed shapes"),
     "input_shape_mismatch", "description.input"),
    (COREML.format(m="Size (99) of dimension (0) is not in allowed range (3..5)"), "input_shape_mismatch",
     "ct.RangeDim"),
    ("Exception: The specification has version 7 but the Core ML framework version installed only supports Core ML "
     "model specification version 4 or older.", "runtime_version_mismatch", "minimum_deployment_target"),
    ("TypeError: GRAYSCALE image input, 'image', must be of type PIL.Image.Image with mode=='L'",
     "input_shape_mismatch", "img.convert('L')"),
    ("TensorFlow version 2.0.0 is not supported. Minimum required version: 2.1.0 .TensorFlow conversion will be "
     "disabled.", "runtime_version_mismatch", "TensorFlow >= 2.1"),
    ("ValueError: Unable to determine the type of the model, i.e. the source framework. Please provide the value of "
     "argument \"source\", from one of [\"tensorflow\", \"pytorch\", \"milinternal\"]. Note that model conversion "
     "requires the source package that generates the model.", "runtime_version_mismatch", "source='tensorflow'"),
    ("ValueError: Input model \"model/saved_model\" does not exist", "savedmodel_not_found", "ct.convert"),
    # ---- NNStreamer, libedgetpu
    ("** (gst-launch-1.0:2611): CRITICAL **: 10:11:12.131: Failed to load model (TensorFlow-lite interpreter->"
     "loadModel() has returned -2. Please check if the model, '/usr/share/models/detect.tflite', is accessible and "
     "compatible with the given TensorFlow-lite instance. For example, this TensorFlow-lite's version might not "
     "support the given model.", "runtime_version_mismatch", "nnstreamer-tensorflow2-lite"),
    ("Failed to load model (TensorFlow-lite interpreter->loadModel() has returned -1. Please check if the model, "
     "'models/mobilenet.tflite', is accessible and compatible with the given TensorFlow-lite instance.",
     "savedmodel_not_found", "model="),
    ("Tensor size mismatch for input tensor 0: expected 602112, got 150528", "input_shape_mismatch",
     "tensor_transform"),
    ("Null custom op data.\nNode number 0 (edgetpu-custom-op) failed to prepare.\n\nFailed to allocate tensors.\n"
     "Setting pipeline to PAUSED ...\nInvoke called on model that is not ready.\nFailed to invoke tensorflow-lite + "
     "edge-tpu.", "runtime_version_mismatch", "1.15.2"),
    ("A compiled model by edgetpu-compiler has been given, but this extension might be statically linked with "
     "TensorFlow Lite v1.13.1 which does not support the model.", "runtime_version_mismatch", "1.15.2"),
    ("RuntimeError: Null custom op data.Node number 1 (edgetpu-custom-op) failed to prepare.",
     "runtime_version_mismatch", "libedgetpu"),
    # ---- Movidius NCSDK
    ("mvNCCompile v02.00, Copyright @ Intel Corporation 2017\n\n[Error 5] Toolkit Error: Stage Details Not "
     "Supported: Top Not Supported - Constants dropout_1/cond/mul", "runtime_version_mismatch", "NCSDK"),
    ("[Error 4] Toolkit Error: Stage Type Not Supported: Shape", "runtime_version_mismatch", "mvNCCompile"),
    ("[Error 13] Toolkit Error: Provided OutputNode/InputNode name does not exist or does not match with one "
     "contained in caffemodel file Provided: output/Softmax", "input_keys_mismatch", "-on"),
    ("[Error 9] Argument Error: Network weight cannot be found.", "savedmodel_not_found", "model.meta"),
    # ---- the TFLite GPU delegate
    ("E/tflite: Following operations are not supported by GPU delegate:\nE/tflite: TRANSPOSE_CONV: Max version "
     "supported: 3. Requested version 4.\nE/tflite: 123 operations will run on the GPU, and the remaining 156 "
     "operations will run on the CPU.", "runtime_version_mismatch", "tensorflow-lite-gpu"),
    ("ERROR: Next operations are not supported by GPU delegate:\nMAXIMUM: Operation is not supported.\nMEAN: "
     "Operation is not supported.\nFirst 0 operations will run on the GPU, and the remaining 81 on the CPU.",
     "runtime_version_mismatch", "run on the CPU"),
    ("java.lang.IllegalArgumentException: Internal error: Failed to apply delegate: TfLiteGpuDelegate Init: "
     "RESIZE_BILINEAR: Only version 1 is supported. Requested version 3", "runtime_version_mismatch",
     "GPU delegate"),
    # ---- TensorRT's ONNX parser
    ("[TensorRT] ERROR: (Unnamed Layer* 0) ...\nERROR: ModelImporter.cpp:134 In function parseGraph:\n[8] No "
     "importer registered for op: Round", "runtime_version_mismatch", "--opset"),
    ("[E] [TRT] ModelImporter.cpp:773: ERROR: builtin_op_importers.cpp:5404 In function "
     "importFallbackPluginImporter:\n[8] Assertion failed: creator && \"Plugin not found, are the plugin name, "
     "version, and namespace correct?\"", "runtime_version_mismatch", "TensorRT"),
    # ---- Arm NN's delegate
    ("INFO: TfLiteArmnnDelegate: Created TfLite ArmNN delegate.\nERROR: Operator TILE [69] is not supported by "
     "armnn_delegate.\nInfo: ArmnnSubgraph creation", "runtime_version_mismatch", "upgrade Arm NN"),
    ("terminate called after throwing an instance of 'armnn::Exception'\n  what():  TfLiteArmnnDelegate: There are "
     "unsupported operators in the model. Not falling back to TfLite Runtime as fallback is disabled. This should "
     "only be disabled under test conditions.", "runtime_version_mismatch", "fallback"),
]


@pytest.mark.parametrize("text, category, word", CASES, ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_a_device_message_reads_to_its_category_and_a_fix_naming_the_cause(text: str, category: str,
                                                                           word: str) -> None:
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    assert word in said(d), said(d)


def test_loading_too_many_models_is_not_about_the_model() -> None:
    """MaixPy keeps at most 5 loaded models: a program loading a sixth (kpu.load in a loop) is told so, with no
    category."""
    from sigcheck.explain import explain_text, read_unknown

    text = MPY.format(m="[MAIXPY]kpu: load error:2009, ERR_MODELS_FULL: we only support load 5 models in the same "
                        "time")
    found = explain_text(text)
    assert not found or found[0].category != "runtime_version_mismatch", found[0].category
    if not found:
        assert any("kpu.deinit" in r for r in read_unknown(text).readings)
