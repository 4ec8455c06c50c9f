"""Inference engines that load a TensorFlow / Keras / TFLite model themselves, in the explain index (#15), from
scripts/explain_index_engines.py: OpenCV's dnn module (its TensorFlow, TFLite and ONNX importers, readNet's file
errors, the layers' shape assertions) and Apache TVM's Relay frontends.  Each message is given as the engine prints it
(opencv-python's ``cv2.error: OpenCV(4.5.1) …: error: (-2:Unspecified error) … in function '…'``, a C++ program's
``terminate called after throwing an instance of 'cv::Exception' what(): …``, a TVM exception) and must be read to
its category with a first step that names the cause."""

from __future__ import annotations

import re

import pytest

from sigcheck.explain.layers import read_layers
from sigcheck.explain.normalize import normalize

from .reading import best as _read
from .reading import rows_in_index, source_module

eng = source_module("explain_index_engines")


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(eng.ROWS):
        assert re.match(r"github\.com/(opencv/opencv@\d\.\d{1,2}\.\d|[\w-]+/[\w-]+@[0-9a-f]{12}) ", source), source
        assert e["fix"] and e["meaning"] if category is not None else e["reading"]


def test_opencv_rows_quote_the_cv2_module_of_the_release_they_name() -> None:
    """Each OpenCV row's literals are in the compiled cv2 module of the release its source names (the opencv-python
    wheels in the WHEELS folder: ``python scripts/explain_index_engines.py --fetch``)."""
    present = [tag for tag in eng.CV_WHEELS if eng.cv_wheel(tag) is not None]
    if not present:
        pytest.skip(f"no opencv-python wheel in {eng.WHEELS} (python scripts/explain_index_engines.py --fetch)")
    wanted = {eng.CV_QUOTES[row[0]][0] for row in eng.OPENCV_ROWS}
    checked = eng.check_cv_quotes()
    assert checked == sum(eng.CV_QUOTES[row[0]][0] in present for row in eng.OPENCV_ROWS), (checked, present)
    assert checked > 0 and wanted <= set(eng.CV_WHEELS)


def test_a_literal_not_in_the_release_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """3.4.0's importer said 'Unknown layer type %s in op %s'; 4.10.0's cv2 module has no such words."""
    if eng.cv_wheel("4.10.0") is None:
        pytest.skip(f"no opencv-python-headless 4.10.0 wheel in {eng.WHEELS}")
    template = eng.OPENCV_OP_ROWS[0][0]
    monkeypatch.setitem(eng.CV_QUOTES, template, ("4.10.0", ("Unknown layer type %s in op %s",)))
    with pytest.raises(SystemExit):
        eng.check_cv_quotes()


def test_mirrored_rows_quote_their_sources_at_their_commits() -> None:
    """TVM's, MNN's, ncnn's and X2Paddle's rows: each piece is in its file at the commit the row names (the git
    mirrors under /work/.mirror; a mirror absent is skipped)."""
    quotes = [q for qs in (*eng.TVM_QUOTES.values(), *eng.OTHER_QUOTES.values()) for q in qs]
    present = [q for q in quotes if (eng.MIRRORS / q[0].replace("/", "+") / "repo").exists()]
    if not present:
        pytest.skip("no git mirror of apache/tvm, alibaba/MNN, Tencent/ncnn or PaddlePaddle/X2Paddle")
    assert eng.check_tvm_quotes() == len(present)
    for rows, table in ((eng.TVM_ROWS, eng.TVM_QUOTES), (eng.OTHER_ROWS, eng.OTHER_QUOTES)):
        for template, _, source, *_ in rows:
            assert any(f"github.com/{r}@{c[:12]}" in source for r, c, *_ in table[template]), template


def test_a_tvm_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    if not (eng.MIRRORS / "apache+tvm" / "repo").exists():
        pytest.skip("no git mirror of apache/tvm under /work/.mirror")
    template = eng.TVM_ROWS[0][0]
    repo, commit, path, _ = eng.TVM_QUOTES[template][0]
    monkeypatch.setitem(eng.TVM_QUOTES, template, [(repo, commit, path, ("not supported in frontend TFLiteX",))])
    with pytest.raises(SystemExit, match="not in"):
        eng.check_tvm_quotes()


# ------------------------------------------------------------------------------------------------ the wrappers

PY = ("Traceback (most recent call last):\n  File \"detect.py\", line 12, in <module>\n    net = "
      "cv2.dnn.readNetFromTensorflow('frozen_graph.pb')\ncv2.error: OpenCV({v}) /tmp/pip-req-build-ms668fyv/opencv/"
      "modules/dnn/src/{path}: error: ({code}) {msg} in function '{fn}'\n")
CPP = ("terminate called after throwing an instance of 'cv::Exception'\n  what():  OpenCV({v}) /home/pi/opencv/"
       "modules/dnn/src/{path}: error: ({code}) {msg} in function '{fn}'\n\nAborted (core dumped)\n")
OLD = "cv2.error: /io/opencv/modules/dnn/src/{path}: error: ({code}) {msg} in function {fn}\n"
ERR, ASSERT = "-2:Unspecified error", "-215:Assertion failed"


@pytest.mark.parametrize("text,message,file", [
    (PY.format(v="4.5.1", path="tensorflow/tf_importer.cpp:2515", code=ERR, msg="Unknown layer type Cast in op "
               "model/Cast", fn="populateNet"), "Unknown layer type Cast in op model/Cast", "tf_importer.cpp:2515"),
    (CPP.format(v="4.2.0", path="layers/convolution_layer.cpp:282", code=ASSERT, msg="ngroups > 0 && inpCn % ngroups "
                "== 0 && outCn % ngroups == 0", fn="getMemoryShapes"),
     "ngroups > 0 && inpCn % ngroups == 0 && outCn % ngroups == 0", "convolution_layer.cpp:282"),
    (OLD.format(path="tensorflow/tf_importer.cpp:1582", code="-2", msg="Unknown layer type Switch in op "
                "dropout_1/cond/Switch", fn="populateNet"), "Unknown layer type Switch in op dropout_1/cond/Switch",
     "tf_importer.cpp:1582"),
    ("cv2.error: OpenCV(4.10.0) /io/opencv/modules/dnn/src/onnx/onnx_importer.cpp:1083: error: (-2:Unspecified "
     "error) in function 'handleNode'\n> Node [Mod@ai.onnx]:(onnx_node!Mod_3) parse error: OpenCV(4.10.0) /io/opencv/"
     "modules/dnn/src/net_impl.hpp:108: error: (-2:Unspecified error) Can't create layer \"onnx_node!Mod_3\" of type "
     "\"Mod\" in function 'getLayerInstance'\n", "Can't create layer \"onnx_node!Mod_3\" of type \"Mod\"",
     "net_impl.hpp:108"),
    ("OpenCV(4.1.1) Error: Unspecified error (Can't create layer \"model/tf_op_layer_AddV2/AddV2\" of type "
     "\"AddV2\") in cv::dnn::dnn4_v20190621::LayerData::getLayerInstance, file /build/opencv/modules/dnn/src/dnn.cpp, "
     "line 525\n", "Can't create layer \"model/tf_op_layer_AddV2/AddV2\" of type \"AddV2\"", None),
])
def test_the_layers_read_the_inner_message_of_an_opencv_error(text: str, message: str, file: str) -> None:
    """cv2.error, the C++ terminate / what() and the nested ONNX error all peel to OpenCV's own message (without
    'in function …'), with the source file and line as the layer's file."""
    layers = read_layers(normalize(text))
    assert layers.message == message, layers.message
    assert layers.file == file and {"opencv", "opencv_error"} & set(layers.wrappers)


# ------------------------------------------------------------------------------------------------ the readings

VERSION, SHAPE, FILES, PHASE = ("runtime_version_mismatch", "input_shape_mismatch", "savedmodel_not_found",
                                "keras_learning_phase")
CASES = [
    # (text as the engine prints it, category, words the first step must have)
    (OLD.format(path="tensorflow/tf_importer.cpp:1582", code="-2", msg="Unknown layer type Cast in op model/Cast",
                fn="populateNet"), VERSION, ("upgrade OpenCV", "tf2onnx")),
    (OLD.format(path="tensorflow/tf_importer.cpp:1582", code="-2", msg="Unknown layer type Switch in op "
                "dropout_1/cond/Switch", fn="populateNet"), PHASE, ("K.set_learning_phase(0)", "freeze")),
    (PY.format(v="3.4.3", path="dnn.cpp:431", code=ERR, msg="Can't create layer \"batch_normalization_1/cond/Merge\" "
               "of type \"Merge\"", fn="getLayerInstance"), PHASE, ("K.set_learning_phase(0)",)),
    (PY.format(v="4.1.0", path="dnn.cpp:525", code=ERR, msg="Can't create layer \"dropout/random_uniform/"
               "RandomUniform\" of type \"RandomUniform\"", fn="getLayerInstance"), VERSION, ("training=False",)),
    (PY.format(v="4.5.1", path="dnn.cpp:621", code=ERR, msg="Can't create layer \"StatefulPartitionedCall\" of type "
               "\"StatefulPartitionedCall\"", fn="getLayerInstance"), VERSION,
     ("convert_variables_to_constants_v2", "frozen")),
    (CPP.format(v="4.6.0", path="net_impl.hpp:108", code=ERR, msg="Can't create layer \"model/flatten/Shape\" of "
                "type \"Shape\"", fn="getLayerInstance"), VERSION, ("upgrade OpenCV", "readNetFromONNX")),
    ("OpenCV(4.1.1) Error: Unspecified error (Can't create layer \"model/tf_op_layer_AddV2/AddV2\" of type "
     "\"AddV2\") in cv::dnn::dnn4_v20190621::LayerData::getLayerInstance, file /build/opencv/modules/dnn/src/dnn.cpp, "
     "line 525", VERSION, ("upgrade OpenCV",)),
    (PY.format(v="4.1.0", path="tensorflow/tf_importer.cpp:497", code=ERR, msg="Input layer not found: "
               "keras_learning_phase", fn="connect"), PHASE, ("K.set_learning_phase(0)",)),
    ("[ERROR:0@0.412] global tf_importer.cpp:3154 parseNode DNN/TF: Can't parse layer for node='model/tf.math."
     "multiply/Mul' of type='Mul'. Exception: OpenCV(4.10.0) /io/opencv/modules/dnn/src/tensorflow/tf_importer.cpp:"
     "1665: error: (-215:Assertion failed) (constId != -1) || (num_inputs == 2) in function 'parseMul'\n"
     + PY.format(v="4.10.0", path="tensorflow/tf_importer.cpp:1665", code=ASSERT, msg="(constId != -1) || "
                 "(num_inputs == 2)", fn="parseMul"), VERSION, ("OpenCV",)),
    (PY.format(v="4.2.0", path="tensorflow/tf_importer.cpp:614", code=ERR, msg="Const input blob for weights not "
               "found", fn="getConstBlob"), VERSION, ("convert_variables_to_constants_v2",)),
    (CPP.format(v="4.5.5", path="tensorflow/tf_importer.cpp:600", code=ERR, msg="Input [ToFloat] for node "
                "[Preprocessor/map/TensorArrayUnstack/Shape] not found", fn="getConstBlob"), VERSION,
     ("tf_text_graph_ssd.py",)),
    (PY.format(v="4.9.0", path="tflite/tflite_importer.cpp:248", code="-213:The function/feature is not implemented",
               msg="Unsupported operator type SHAPE", fn="populateNet"), VERSION, ("TFLite interpreter",)),
    (PY.format(v="4.5.1", path="caffe/caffe_io.cpp:1121", code=ERR, msg="FAILED: fs.is_open(). Can't open "
               "\"frozen_inference_graph.pb\"", fn="ReadProtoFromBinaryFile"), FILES, ("path",)),
    (PY.format(v="4.5.5", path="dnn.cpp:1125", code=ERR, msg="Cannot determine an origin framework of files: "
               "model.h5", fn="cv::dnn::dnn4_v20211220::readNet"), FILES, (".h5", "ONNX")),
    (PY.format(v="4.5.1", path="onnx/onnx_importer.cpp:64", code="-210:Unsupported format or combination of formats",
               msg="Failed to parse ONNX model: saved_model.pb", fn="ONNXImporter"), FILES, ("tf2onnx",)),
    (PY.format(v="4.5.4", path="layers/convolution_layer.cpp:405", code=ERR, msg="Number of input channels should "
               "be multiple of 3 but got 224", fn="getMemoryShapes"), SHAPE, ("blobFromImage", "NCHW")),
    (CPP.format(v="4.5.4", path="layers/convolution_layer.cpp:405", code=ERR, msg="Number of input channels should "
                "be multiple of 3 but got 1", fn="getMemoryShapes"), SHAPE, ("COLOR_GRAY2BGR",)),
    (CPP.format(v="4.2.0", path="layers/convolution_layer.cpp:282", code=ASSERT, msg="ngroups > 0 && inpCn % "
                "ngroups == 0 && outCn % ngroups == 0", fn="getMemoryShapes"), SHAPE, ("blobFromImage",)),
    (PY.format(v="4.5.1", path="layers/reshape_layer.cpp:113", code=ASSERT, msg="total(srcShape, srcRange.start, "
               "srcRange.end) == maskTotal", fn="computeShapeByReshapeMask"), SHAPE, ("width and height",)),
    (PY.format(v="4.5.1", path="layers/concat_layer.cpp:102", code="-201:Incorrect size of input array",
               msg="Inconsistent shape for ConcatLayer", fn="getMemoryShapes"), SHAPE, ("size=(W, H)",)),
    (PY.format(v="4.5.1", path="layers/fully_connected_layer.cpp:162", code=ASSERT, msg="srcMat.dims == 2 && "
               "srcMat.cols == weights.cols && dstMat.rows == srcMat.rows && dstMat.cols == weights.rows && "
               "srcMat.type() == weights.type() && weights.type() == dstMat.type() && srcMat.type() == CV_32F && "
               "(biasMat.empty() || biasMat.type() == srcMat.type() && biasMat.isContinuous() && (int)biasMat.total() "
               "== dstMat.cols)", fn="run"), SHAPE, ("blobFromImage",)),
    (PY.format(v="4.5.1", path="dnn.cpp:1265", code="-204:Requested object was not found", msg="Requested layer "
               "\"dense_2/Softmax:0\" not found", fn="getLayerData"), "input_keys_mismatch", ("getLayerNames",)),
    ("Traceback (most recent call last):\n  File \"compile.py\", line 20, in <module>\n    mod, params = "
     "relay.frontend.from_tflite(tflite_model, shape_dict=shape_dict, dtype_dict=dtype_dict)\n  File \"/opt/tvm/python/"
     "tvm/relay/frontend/tflite.py\", line 4163, in from_tflite\n    op_converter.check_unsupported_ops()\n  File "
     "\"/opt/tvm/python/tvm/relay/frontend/tflite.py\", line 228, in check_unsupported_ops\n    raise "
     "tvm.error.OpNotImplemented(raise_msg)\ntvm.error.OpNotImplemented: The following operators are not supported in "
     "frontend TFLite: 'SPLIT_V', 'REVERSE_V2'\n", VERSION, ("upgrade TVM",)),
    ("tvm.error.OpNotImplemented: The following operators are likely to have dynamic range quantization: "
     "'FULLY_CONNECTED'. If you are running an optimized graph, please turn off dynamic range quantization or use "
     "full integer quantization", VERSION, ("full integer quantization",)),
    ("tvm.error.OpNotImplemented: The following quantized TFLite operators are not supported in frontend TFLite yet: "
     "'DEPTHWISE_CONV_2D'. Quantized operators require explicit QDQ lowering to avoid applying Relax ops directly to "
     "quantized integer tensors.", VERSION, ("float32",)),
    ("NotImplementedError: Custom operators are currently not supported", VERSION, ("TFLITE_BUILTINS",)),
    ("NotImplementedError: TFLite operator with code 126 is not supported by this version of the fbs schema.",
     VERSION, ("pip install -U tflite",)),
    ("NotImplementedError: The following operators are not implemented: {'TensorListReserve', 'StatelessWhile'}",
     VERSION, ("upgrade TVM",)),
    ("Exception: Graph is not frozen. Provide a frozen graph. Found operators ['VarHandleOp', 'ReadVariableOp']",
     FILES, ("convert_variables_to_constants_v2",)),
    ("Start to Convert Other Model Format To MNN Model..., target version: 3.0\n[10:02:11] /MNN/tools/converter/"
     "source/tflite/liteConverter.cpp:60: TFlite model version ERROR!", VERSION, ("newer MNN", "older TensorFlow")),
    ("[10:02:11] /MNN/tools/converter/source/tflite/liteConverter.cpp:337: Check failed: (creator) != nullptr "
     "NOT_SUPPORTED_OP: [ BROADCAST_TO ]", VERSION, ("--dumpSupportOp",)),
    ("[10:02:11] /MNN/tools/converter/source/tensorflow/TFGraphResolver.cpp:79: Check failed: (creator) != nullptr "
     "MNN Converter NOT_SUPPORTED_OP: [ Einsum ]", VERSION, ("newer MNN",)),
    ("Start to Convert Other Model Format To MNN Model...\n[ERROR] MNNConvert just support tensorflow frozen graph "
     "model. Model file is not tf frozen graph model.", FILES, ("convert_variables_to_constants_v2",)),
    ("Create interpreter failed, open /sdcard/models/mobilenet.mnn error", FILES, ("absolute path",)),
    ("param is too old, please regenerate", VERSION, ("7767517",)),
    ("layer Gemm not exists or registered\nload_param failed", VERSION, ("register_custom_layer",)),
    ("find_blob_index_by_name input_1 failed\nTry\n    ex.input(\"in0\", in0);", "input_keys_mismatch",
     ("in0",)),
    ("tf.Einsum not supported yet!", VERSION, ("tf2onnx",)),
    ("Warning: ArmNN failed to parse\nArmnn Error: Failed to parse operator #4 within subgraph #0 error: "
     "outputs.size() = 2 is not valid, not in {1}. at function ParseSplit [armnn/src/armnnTfLiteParser/"
     "TfLiteParser.cpp:2210]", VERSION, ("convert the model with that TensorFlow", "delegate")),
    ("terminate called after throwing an instance of 'armnn::ParseException'\n  what():  Failed to parse operator "
     "#3 within subgraph #0 error: Operator not supported. subgraph:0 operator:3 opcode_index:2 opcode:99 / "
     "SQUARED_DIFFERENCE at function ParseUnsupportedOperator [src/armnnTfLiteParser/TfLiteParser.cpp:720]\n",
     VERSION, ("upgrade Arm NN", "delegate")),
    ("armnn::ParseException: Current TfLite parser only supports 1 subgraph. Current one has: 2 at function "
     "CreateNetworkFromModel", VERSION, ("control flow",)),
    ("Now translating model from tensorflow to paddle.\n\n========= 1 OPs are not supported yet ===========\n"
     "========== Erf ============\nTraceback (most recent call last):\n  File \"/usr/local/bin/x2paddle\", line 8, in "
     "<module>\n    sys.exit(main())\nException: Model is not supported yet.", VERSION, ("pip install -U x2paddle",)),
]


@pytest.mark.parametrize("text,category,words", CASES, ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_engine_message_reads_to_its_cause(text: str, category: str, words: tuple[str, ...]) -> None:
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    for word in words:
        assert word.lower() in d.steps[0].lower(), (word, d.steps[0])
    assert d.message_source is not None and re.search(r"(opencv/opencv|apache/tvm|alibaba/MNN|Tencent/ncnn|"
                                                      r"PaddlePaddle/X2Paddle|ARM-software/armnn)@", d.message_source), d.message_source


def test_the_cause_names_the_engine_not_a_serving_runtime() -> None:
    """An op OpenCV has no layer for is not 'the serving runtime is older than the TensorFlow that exported the
    model'; a channel count OpenCV read from an NHWC array says so."""
    d = _read(CASES[0][0])
    assert "OpenCV" in d.cause and "serving" not in d.cause, d.cause
    d = _read(next(c[0] for c in CASES if "but got 224" in c[0]))
    assert "NHWC" in d.cause, d.cause


def test_cvtcolor_on_an_empty_image_is_not_about_the_model() -> None:
    """cv2.cvtColor's empty-image assertion (cv2.imread returned None) has no category: it is not the model's."""
    from sigcheck.explain import index

    text = normalize("cv2.error: OpenCV(4.5.1) /tmp/pip-req-build/opencv/modules/imgproc/src/color.cpp:182: error: "
                     "(-215:Assertion failed) !_src.empty() in function 'cvtColor'")
    hits = [h for h in index.match(text) if "opencv/opencv@" in h.entry.source]
    assert hits and all(h.category is None for h in hits)
    assert "imread returned None" in hits[0].entry.reading
