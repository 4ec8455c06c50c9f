"""The runtimes around TensorFlow in the explain index (#15), from scripts/explain_index_runtimes.py: TFLite's
interpreter, converter and Java API, TensorFlow.js, ML.NET and the other runtimes and importers whose sources were
read.  Each message is given as its source prints it (the TFLite ones provoked with the installed TensorFlow 2.21,
the others formatted from their source's format string) inside the wrapper a user meets it in, and must be read to
its category with a first step that names the cause."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from sigcheck.explain import explain_text

from .reading import best as _read
from .reading import index_entries, no_category_reading, source_module


runtimes = source_module("explain_index_runtimes")
INDEX = index_entries()


def test_every_runtime_row_is_in_the_index_with_its_source() -> None:
    by_template = {}
    for e in INDEX:
        by_template.setdefault(e["template"], []).append(e)
    rows = [(t, p, s, c) for t, p, s, c, *_ in runtimes.OTHER_ROWS + runtimes.TFJS_ROWS
            + runtimes.OTHER_RUNTIME_ROWS]
    rows += [(t, p, None, c) for _, _, t, p, c, *_ in runtimes.LIB_RULES]
    for template, pattern, source, category in rows:
        found = [e for e in by_template.get(template, []) if e["pattern"] == pattern]
        assert found, f"messages.json lacks {template!r}: run scripts/explain_build_index.py"
        assert found[0]["category"] == category
        if source is not None:
            assert found[0]["source"] == source
        else:
            assert "(strings -n 8)" in found[0]["source"] and "tensorflow 2." in found[0]["source"]


# ---- TFLite's Python interpreter and converter: provoked with TensorFlow 2.21 (tf.lite.Interpreter on a converted
# tf.Module, TFLiteConverter.from_saved_model / from_frozen_graph), pasted inside a traceback ----------------------

TRACE = ('Traceback (most recent call last):\n  File "infer.py", line 21, in <module>\n    {call}\n  File '
         '"/usr/lib/python3/dist-packages/tensorflow/lite/python/interpreter.py", line 720, in {fn}\n    '
         'self._interpreter.{native}\n{error}')
TFLITE = [
    # (message, the category, a word the first step must have)
    ("ValueError: Cannot set tensor: Got value of type FLOAT64 but expected type FLOAT32 for input 0, name: "
     "serving_default_image:0 ", "dtype_mismatch", "float32"),
    ("ValueError: Cannot set tensor: Got value of type STRING but expected type FLOAT32 for input 0, name: "
     "serving_default_image:0 ", "dtype_mismatch", "dtype"),
    ("ValueError: Cannot set tensor: Got value of type UINT8 but expected type FLOAT32 for input 0, name: "
     "serving_default_image:0 ", "dtype_mismatch", "quantiz"),
    ("ValueError: Cannot set tensor: Dimension mismatch. Got 3 but expected 4 for input 0.",
     "missing_batch_dimension", "batch"),
    ("ValueError: Cannot set tensor: Dimension mismatch. Got 8 but expected 1 for dimension 0 of input 0.",
     "fixed_batch_size_in_graph", "resize_tensor_input"),
    ("ValueError: Cannot set tensor: Dimension mismatch. Got 5 but expected 4 for dimension 1 of input 0.",
     "input_shape_mismatch", "resize"),
    ("ValueError: Invalid tensor index 300 exceeds max tensor index 3", "input_keys_mismatch", "get_input_details"),
    ('ValueError: Invalid signature_key provided: "predict".', "signature_not_found", "get_signature_list"),
    ("ValueError: Invalid Input name (x) for SignatureDef", "input_keys_mismatch", "keyword"),
    ("ValueError: Invalid number of inputs provided for running a SignatureDef, expected 1 vs provided 2",
     "input_keys_mismatch", "keyword"),
    ("ValueError: Could not open '/tmp/models/nothere.tflite'.", "savedmodel_not_found", "model_path"),
    # resize_tensor_input to a shape the model's ops do not take, then allocate_tensors (a Reshape to [1, 48] fed
    # [1, 5, 5, 3]; a 3-channel conv fed 1 channel)
    ("RuntimeError: XNNPack delegate failed to reshape runtimeNode number 1 (TfLiteXNNPackDelegate) failed to "
     "prepare.", "input_shape_mismatch", "shape_signature"),
    ("RuntimeError: tensorflow/lite/kernels/conv.cc:353 input_channel % filter_input_channel != 0 (1 != 0)Node "
     "number 0 (CONV_2D) failed to prepare.", "input_shape_mismatch", "shape_signature"),
    # TF_LITE_ENSURE_TYPES_EQ's format ("%s:%d %s != %s (%s != %s)") filled (not provoked)
    ("RuntimeError: tensorflow/lite/kernels/add.cc:171 input1->type != input2->type (INT8 != FLOAT32)Node number 2 "
     "(ADD) failed to prepare.", "dtype_mismatch", "dtype"),
]


@pytest.mark.parametrize("message,category,word", TFLITE, ids=[m[:60] for m, *_ in TFLITE])
def test_tflite_interpreter_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    text = TRACE.format(call="interpreter.set_tensor(input_details[0]['index'], x)", fn="set_tensor",
                        native="SetTensor(tensor_index, value)", error=message)
    d = _read(text)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


CONVERTER = [
    ("ValueError: Only support at least one signature key.", "signature_not_found", "signatures"),
    ("ValueError: Invalid signature key 'predict' found. Valid keys are 'serving_default'.", "signature_not_found",
     "signature"),
    ("OSError: File '/tmp/model/frozen.pb' does not exist.", "savedmodel_not_found", "from_frozen_graph"),
    ("ValueError: Unable to parse input file 'export/1/saved_model.pb'.", "savedmodel_not_found", "from_saved_model"),
    # the converter's MLIR diagnostics (a tf.Module with AsString / StringToNumber / Erfinv, TF 2.21), cut as a
    # console shows them: readings, no category (the converter's op set, no runtime older than the model)
    ('ConverterError: Could not translate MLIR to FlatBuffer.<unknown>:0: error: loc(callsite(fused["AsString:", '
     '"AsString@__inference_serve_284"] at callsite(fused["PartitionedCall:", "PartitionedCall@__inference_signature_'
     'wrapper_serve_290"] at fused["PartitionedCall:", "PartitionedCall"]))): \'tf.AsString\' op is neither a custom '
     'op nor a flex op\n<unknown>:0: note: loc(fused["PartitionedCall:", "PartitionedCall"]): called from\n'
     '<unknown>:0: error: failed while converting: \'main\': \nSome ops are not supported by the native TFLite '
     'runtime, you can enable TF kernels fallback using TF Select. See instructions: '
     'https://www.tensorflow.org/lite/guide/ops_select \nTF Select ops: AsString, StringToNumber\nDetails:\n\t'
     'tf.AsString(tensor<1x3xf32>) -> (tensor<1x3x!tf_type.string>) : {device = ""}\n\nSome ops in the model are '
     'custom ops, See instructions to implement custom ops: https://www.tensorflow.org/lite/guide/ops_custom \n'
     'Custom ops: Erfinv\nDetails:\n\ttf.Erfinv(tensor<1x3xf32>) -> (tensor<1x3xf32>) : {device = ""}\n',
     None, "SELECT_TF_OPS"),
    ("<unknown>:0: error: loc(\"Erfinv\"): 'tf.Erfinv' op is neither a custom op nor a flex op",
     None, "SELECT_TF_OPS"),
    ("ConverterError: Lowering tensor list ops is failed. Please consider using Select TF ops and disabling "
     "`_experimental_lower_tensor_list_ops` flag in the TFLite converter object. For example, "
     "converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS, tf.lite.OpsSet.SELECT_TF_OPS]\\n "
     "converter._experimental_lower_tensor_list_ops = False", None, "SELECT_TF_OPS"),
]


@pytest.mark.parametrize("message,category,word", CONVERTER, ids=[m[:60] for m, *_ in CONVERTER])
def test_tflite_converter_messages_read_to_their_cause(message: str, category: str | None, word: str) -> None:
    text = ('Traceback (most recent call last):\n  File "convert.py", line 7, in <module>\n    tflite_model = '
            'converter.convert()\n' + message)
    if category is None:
        no_category_reading(text, word)
        return
    d = _read(text)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


# ---- TFLite runtimes other than the Python wrapper: the same C++ strings on Android, Coral, tflite_runtime ----------

RUNTIME = [
    ("java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Didn't find op for builtin opcode "
     "'FULLY_CONNECTED' version '9'. An older version of this builtin might be supported. Are you using an old TFLite "
     "binary with a newer model?\nRegistration failed.\n\tat org.tensorflow.lite.NativeInterpreterWrapper."
     "createInterpreter(Native Method)", "runtime_version_mismatch", "older than the converter"),
    ("ValueError: Op builtin_code out of range: 150. Are you using old TFLite binary with newer model?Registration "
     "failed.", "runtime_version_mismatch", "older than the converter"),
    ("RuntimeError: Encountered unresolved custom op: Convolution2DTransposeBias.Node number 165 "
     "(Convolution2DTransposeBias) failed to prepare.", "runtime_version_mismatch", "custom op"),
    ("ERROR: Regular TensorFlow ops are not supported by this interpreter. Make sure you invoke the Flex delegate "
     "before inference.\nERROR: Node number 3 (FlexErfinv) failed to prepare.\n\nRuntimeError: Failed to allocate "
     "tensors", "runtime_version_mismatch", "Flex"),
    ("java.lang.IllegalArgumentException: Internal error: Failed to apply delegate: Select TensorFlow op(s), included "
     "in the given model, is(are) not supported by this interpreter. Make sure you apply/link the Flex delegate "
     "before inference. For the Android, it can be resolved by adding \"org.tensorflow:tensorflow-lite-select-tf-ops\" "
     "dependency. See instructions: https://www.tensorflow.org/lite/guide/ops_select", "runtime_version_mismatch",
     "select-tf-ops"),
    ("ValueError: Model provided has model identifier '\x08\x03\x12\x0c', should be 'TFL3'", "savedmodel_not_found",
     ".tflite"),
    ("ValueError: The model is not a valid Flatbuffer buffer", "savedmodel_not_found", ".tflite"),
    # older TensorFlow: the type as a number, no name (contrib/lite), then names
    ("ValueError: Cannot set tensor: Got tensor of type 1 but expected type 3 for input 175", "dtype_mismatch",
     "quantiz"),
    ("ValueError: Cannot set tensor: Got tensor of type STRING but expected type FLOAT32 for input 2, name: "
     "input_tensor", "dtype_mismatch", "dtype"),
    ("ValueError: Cannot set tensor: Dimension mismatch", "input_shape_mismatch", "rank"),
]


@pytest.mark.parametrize("message,category,word", RUNTIME, ids=[m[:60] for m, *_ in RUNTIME])
def test_tflite_runtime_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


# ---- TFLite's Java API (org.tensorflow.lite.TensorImpl; Tensor before it): formatted as String.format does -------

JAVA = [
    ("Cannot copy to a TensorFlowLite tensor (%s) with %d bytes from a Java Buffer with %d bytes.",
     ("serving_default_input_1:0", 602112, 150528), "dtype_mismatch", "putFloat"),  # 4x: float32 model, uint8 buffer
    ("Cannot copy to a TensorFlowLite tensor (%s) with %d bytes from a Java Buffer with %d bytes.",
     ("serving_default_input_1:0", 150528, 602112), "dtype_mismatch", "quantized"),  # 1/4: uint8 model, float buffer
    ("Cannot copy to a TensorFlowLite tensor (%s) with %d bytes from a Java Buffer with %d bytes.",
     ("serving_default_input_1:0", 602112, 1080000), "input_shape_mismatch", "bytes"),  # 224x224x3 vs 300x300x3 floats
    ("Cannot convert between a TensorFlowLite buffer with %d bytes and a ByteBuffer with %d bytes.",
     (1088652, 1495308), "input_shape_mismatch", "bytes"),
    ("Cannot convert between a TensorFlowLite tensor with type %s and a Java object of type %s (which is compatible "
     "with the TensorFlowLite type %s).", ("STRING", "[[F", "FLOAT32"), "encoded_image_string_mismatch", "encoded"),
    ("Cannot copy to a TensorFlowLite tensor (%s) with shape %s from a Java object with shape %s.",
     ("input_1", "[1, 224, 224, 3]", "[224, 224, 3]"), "missing_batch_dimension", "batch"),
    ("Cannot copy to a TensorFlowLite tensor (%s) with shape %s from a Java object with shape %s.",
     ("input_1", "[1, 224, 224, 3]", "[1, 300, 300, 3]"), "input_shape_mismatch", "224"),
    ("Cannot copy between a TensorFlowLite tensor with shape %s and a Java object with shape %s.",
     ("[1, 28, 28, 1]", "[1, 784]"), "input_shape_mismatch", "shape"),
    ("Cannot copy from a TensorFlowLite tensor (%s) with shape %s to a Java object with shape %s.",
     ("Identity", "[1, 10]", "[1, 5]"), "input_shape_mismatch", "output"),
    ("Cannot convert between a TensorFlowLite tensor with type %s and a Java object of type %s (which is compatible "
     "with the TensorFlowLite type %s).", ("UINT8", "[[[[F", "FLOAT32"), "dtype_mismatch", "byte"),
    ("DataType error: cannot resolve DataType of %s", ("[[D",), "dtype_mismatch", "float[]"),
    ("Contents of %s does not encode a valid TensorFlow Lite model: %s",
     ("/data/user/0/com.example.classify/files/model.tflite", "The model is not a valid Flatbuffer file"),
     "savedmodel_not_found", ".tflite"),
    ("ByteBuffer is not a valid TensorFlow Lite model flatbuffer%s", ("",), "savedmodel_not_found", "Git LFS"),
    ("Input error: Can not resize %d-th input for a model having %d inputs.", (1, 1), "input_keys_mismatch",
     "one input per model input"),
]


@pytest.mark.parametrize("fmt,args,category,word", JAVA, ids=[f[:50] for f, *_ in JAVA])
def test_tflite_java_messages_read_to_their_cause(fmt: str, args: tuple, category: str, word: str) -> None:
    text = ("E/AndroidRuntime: FATAL EXCEPTION: main\n    Process: com.example.classify, PID: 8231\n    "
            f"java.lang.IllegalArgumentException: {fmt % args}\n        at org.tensorflow.lite.TensorImpl.setTo("
            "TensorImpl.java:110)\n        at org.tensorflow.lite.NativeInterpreterWrapper.run("
            "NativeInterpreterWrapper.java:150)\n        at org.tensorflow.lite.InterpreterImpl."
            "runForMultipleInputsOutputs(InterpreterImpl.java:107)")
    d = _read(text)
    assert d.category == category, (text, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]



# ---- TensorFlow.js (tfjs-layers, tfjs-converter, tfjs-core): the template literals of the source, filled, as a
# browser console or Node prints them -------------------------------------------------------------------------------

TFJS = [
    ("Uncaught (in promise) Error: Unknown layer: BatchNormalizationV1. This may be due to one of the following "
     "reasons:\n1. The layer is defined in Python, in which case it needs to be ported to TensorFlow.js or your "
     "JavaScript code.\n2. The custom layer is defined in JavaScript, but is not registered properly with "
     "tf.serialization.registerClass().\n    at new e (tfjs@1.0.0:2)\n    at deserializeKerasObject (tfjs@1.0.0:2)",
     "runtime_version_mismatch", "tfjs"),
    ("Error: Unknown initializer: GlorotUniform. This may be due to one of the following reasons:\n1. The initializer "
     "is defined in Python, in which case it needs to be ported to TensorFlow.js or your JavaScript code.\n2. The "
     "custom initializer is defined in JavaScript, but is not registered properly with "
     "tf.serialization.registerClass().", "runtime_version_mismatch", "tfjs"),
    ("Uncaught (in promise) Error: This execution contains the node 'StatefulPartitionedCall/Postprocessor/"
     "BatchMultiClassNonMaxSuppression/map/while/exit/_1074', which has the dynamic op 'Exit'. Please use "
     "model.executeAsync() instead. Alternatively, to avoid the dynamic ops, specify the inputs "
     "[StatefulPartitionedCall/Postprocessor/Cast_3]", "wrong_api_or_input_format", "executeAsync"),
    ("Error: Failed to parse model JSON of response from http://localhost:3000/model/model.json. Please make sure "
     "the server is serving valid JSON for this request.", "savedmodel_not_found", "model.json"),
    ("Error: Failed to parse model JSON of response from https://example.com/frozen_model.pb. Your path contains a .pb "
     "file extension. Support for .pb models have been removed in TensorFlow.js 1.0 in favor of .json models.",
     "savedmodel_not_found", "tensorflowjs_converter"),
    ("Error: Based on the provided shape, [1,224,224,3], the tensor should have 150528 values but has 200704",
     "input_shape_mismatch", "fromPixels"),
    ("Error: Size(200704) must match the product of shape 1,224,224,3", "input_shape_mismatch", "resize"),
    ("Uncaught (in promise) Error: Error in conv2d: input must be rank 4, but got rank 3.\n    at assert "
     "(tf-core.esm.js:17)", "missing_batch_dimension", "expandDims"),
    ("Error: Error in conv2d: depth of input (4) must match input depth for filter 3.", "input_shape_mismatch",
     "3"),
    ("Error: Argument 'x' passed to 'conv2d' must be float32 tensor, but got int32 tensor", "dtype_mismatch",
     "float32"),
    ("TypeError: Argument 'x' passed to 'expandDims' must be a Tensor or TensorLike, but got 'null'",
     "wrong_api_or_input_format", "fromPixels"),
]


@pytest.mark.parametrize("message,category,word", TFJS, ids=[m[:60] for m, *_ in TFJS])
def test_tfjs_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


TFJS_MIRROR = Path("/work/.mirror/tensorflow+tfjs/repo")
TFJS_LITERALS = [
    # (file at the commit the rows name, literal pieces of its template as the source writes them)
    ("tfjs-layers/src/utils/generic_utils.ts", ["`This may be due to one of the following reasons:\\n`"]),
    ("tfjs-converter/src/executor/graph_executor.ts", ["`This execution contains the node '${dynamicNode.name}', "
                                                       "which has `", "`model.executeAsync() instead."]),
    ("tfjs-core/src/io/http.ts", ["`Failed to parse model JSON of response from ${this.path}.`",
                                  "' Please make sure the server is serving valid '"]),
    ("tfjs-core/src/ops/tensor_ops_util.ts", ["`Based on the provided shape, [${shape}], the tensor should have `",
                                              "`${providedSize} values but has ${inferredSize}`"]),
    ("tfjs-core/src/util_base.ts", ["`Size(${size}) must match the product of shape ${shape}`"]),
    ("tfjs-core/src/ops/conv2d.ts", ["`Error in conv2d: input must be rank 4, but got rank ${x4D.rank}.`",
                                     "`Error in conv2d: depth of input (${inDepth}) must match `",
                                     "`input depth for filter ${$filter.shape[2]}.`"]),
    ("tfjs-core/src/ops/avg_pool.ts", ["`Error in avgPool: x must be rank 4 but got rank ${x4D.rank}.`"]),
    ("tfjs-core/src/tensor_util_env.ts", ["`Argument '${argName}' passed to '${functionName}' must `",
                                          "`be ${expectedDtype} tensor, but got ${actualDType} tensor`",
                                          "`Tensor or TensorLike, but got '${type}'`"]),
]


@pytest.mark.parametrize("path,pieces", TFJS_LITERALS, ids=[p for p, _ in TFJS_LITERALS])
def test_tfjs_rows_quote_their_source(path: str, pieces: list[str]) -> None:
    """The tfjs rows' literals are the source's own (checked against the git mirror when it is on this machine)."""
    if not TFJS_MIRROR.exists():
        pytest.skip("no git mirror of tensorflow/tfjs at /work/.mirror (fetch github:tensorflow/tfjs)")
    commit = runtimes.TFJS.split("@")[1]
    text = subprocess.run(["git", f"--git-dir={TFJS_MIRROR}", "show", f"{commit}:{path}"], capture_output=True,
                          text=True, check=True).stdout
    assert any(path in row[2] for row in runtimes.TFJS_ROWS), path
    for piece in pieces:
        assert piece in text, (path, piece)


# ---- ML.NET, TF Java, Deeplearning4j, frugally-deep, OpenCV dnn, tf2onnx: each message formatted from its source's
# own format (C# interpolation, Java concatenation, C++ string building, Python %), in the exception it is raised as --

OTHER = [
    # Android's AssetManager on a compressed .tflite asset (FileNotFoundException from the JNI)
    ("java.io.FileNotFoundException: This file can not be opened as a file descriptor; it is probably compressed\n"
     "\tat android.content.res.AssetManager.nativeOpenAssetFd(Native Method)\n\tat android.content.res.AssetManager."
     "openFd(AssetManager.java:848)\n\tat com.example.classify.Classifier.loadModelFile(Classifier.java:61)",
     "savedmodel_not_found", "noCompress"),
    # the Coral Edge TPU runtime (libedgetpu's StringPrintf, inside TFLite's delegate error)
    ("  File \"/usr/lib/python3/dist-packages/tflite_runtime/interpreter.py\", line 259, in allocate_tensors\n    "
     "return self._interpreter.AllocateTensors()\nRuntimeError: Failed to prepare for TPU. Failed precondition: "
     "Package requires runtime version (14), which is newer than this runtime version (13).Node number 185 "
     "(EdgeTpuDelegateForCustomOp) failed to prepare.", "runtime_version_mismatch", "libedgetpu"),
    ("RuntimeError: Encountered unresolved custom op: edgetpu-custom-op.Node number 0 (edgetpu-custom-op) failed to "
     "prepare.", "runtime_version_mismatch", "load_delegate"),
    # ML.NET: Contracts.MakeSchemaMismatchMsg as TensorflowTransform raises it (ArgumentOutOfRangeException, .NET Core)
    ("System.ArgumentOutOfRangeException: Schema mismatch for input column 'image_tensor': expected Byte, got "
     "Single (Parameter 'inputSchema')\n   at Microsoft.ML.Transforms.TensorFlowTransformer.Mapper..ctor("
     "TensorFlowTransformer parent, DataViewSchema inputSchema)", "dtype_mismatch", "byte"),
    ("System.ArgumentOutOfRangeException: Schema mismatch for input column 'input_1': expected Single, got "
     "Vector<Double, 784> (Parameter 'inputSchema')", "dtype_mismatch", "float"),
    ("System.ArgumentOutOfRangeException: Could not find input column 'serving_default_input_1' (Parameter "
     "'inputSchema')", "input_keys_mismatch", "ColumnName"),
    ("System.ArgumentOutOfRangeException: Input column 'images' does not exist in the model\nParameter name: inputs",
     "input_keys_mismatch", ""),
    ("System.InvalidOperationException: Input shape mismatch: Input 'input_1' has shape (-1, 224, 224, 3), but input "
     "data is of length 270000.", "input_shape_mismatch", "ResizeImages"),
    ("System.InvalidOperationException: Variable length input columns not supported", "input_shape_mismatch",
     "VectorType"),
    # TF Java (Graph.operationOrThrow; TF Java 1.x Session.Runner)
    ('Exception in thread "main" java.lang.IllegalArgumentException: No Operation named [input_1] in the Graph\n\tat '
     "org.tensorflow.Session$Runner.operationByName(Session.java:384)", "input_keys_mismatch", ""),
    # the object detection exporter's placeholders: the other --input_type's name
    ("WARNING com.example.ui.TagGroup: Fail to detect\njava.lang.IllegalArgumentException: No Operation named "
     "[encoded_image_string_tensor] in the Graph\n\tat org.tensorflow.Session$Runner.operationByName(Session.java:384)"
     "\n\tat org.tensorflow.Session$Runner.feed(Session.java:132)", "encoded_image_string_mismatch", "input_type"),
    # Deeplearning4j
    ("Exception in thread \"main\" org.deeplearning4j.nn.modelimport.keras.exceptions."
     "UnsupportedKerasConfigurationException: Unsupported keras layer type BatchNormalizationV1. Please file an issue "
     "at https://github.com/eclipse/deeplearning4j/issues.\n\tat org.deeplearning4j.nn.modelimport.keras.utils."
     "KerasLayerUtils.getKerasLayerFromConfig(KerasLayerUtils.java:321)", "runtime_version_mismatch", "DL4J"),
    ("org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException: Tensorflow op "
     "layers are not supported yet.", "runtime_version_mismatch", "tf.*"),
    # frugally-deep
    ("terminate called after throwing an instance of 'std::runtime_error'\n  what():  unknown layer type: "
     "Rescaling\nAborted (core dumped)", "runtime_version_mismatch", "frugally-deep"),
    ("terminate called after throwing an instance of 'std::runtime_error'\n  what():  Invalid inputs shape.\nThe "
     "model takes [3(224, 224, 3)] but provided was: [3(224, 224, 4)]", "input_shape_mismatch", "get_input_shapes"),
    ("  what():  invalid number of values. shape: 3(224, 224, 3); value count: 200704", "input_shape_mismatch",
     "fdeep::tensor"),
    # OpenCV dnn (CV_Error, as cv2 prints it)
    ("cv2.error: OpenCV(4.1.2) C:\\projects\\opencv-python\\opencv\\modules\\dnn\\src\\tensorflow\\tf_io.cpp:42: "
     "error: "
     "(-2:Unspecified error) FAILED: ReadProtoFromBinaryFile(param_file, param). Failed to parse GraphDef file: "
     "saved_model.pb in function 'cv::dnn::ReadTFNetParamsFromBinaryFileOrDie'", "savedmodel_not_found",
     "frozen"),
    ("cv2.error: OpenCV(4.5.5) /io/opencv/modules/dnn/src/dnn.cpp:621: error: (-2:Unspecified error) Can't create "
     "layer \"StatefulPartitionedCall\" of type \"StatefulPartitionedCall\" in function 'getLayerInstance'",
     "runtime_version_mismatch", "OpenCV"),
    # tf2onnx (utils.make_sure raises ValueError("make_sure failure: " + msg % args))
    ("ValueError: make_sure failure: No signatures found in model. Try --concrete_function instead.",
     "signature_not_found", "signatures="),
    ("ValueError: make_sure failure: Specified signature not in model predict", "signature_not_found",
     "saved_model_cli"),
    ("ValueError: make_sure failure: Model doesn't contain usable concrete functions under  __call__. Try "
     "--signature-def instead.", "signature_not_found", "--signature_def"),
    ("ValueError: model exceeds maximum protobuf size of 2GB. Try setting large_model.", "model_too_large",
     "--large_model"),
]


@pytest.mark.parametrize("message,category,word", OTHER, ids=[m[:60] for m, *_ in OTHER])
def test_other_runtime_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


def test_a_schema_mismatch_of_one_item_type_is_no_dtype_reading() -> None:
    """ML.NET's schema message names the item types; the dtype reading is for two different ones only (a vector of
    the same item type against a scalar is about the column's shape, which the entry leaves alone)."""
    import re

    pattern = next(r[1] for r in runtimes.OTHER_RUNTIME_ROWS if r[0].startswith("Schema mismatch"))
    assert re.search(pattern, "Schema mismatch for input column 'x': expected Byte, got Single", re.I)
    assert not re.search(pattern, "Schema mismatch for input column 'x': expected Single, got Vector<Single, 3>",
                         re.I)
    assert not re.search(pattern, "Schema mismatch for label column 'Label': expected Boolean, got Single", re.I)


CAPTURES = [
    # (a message with what a post puts after it, the evidence key, the value the message itself gives)
    ("anyone seen this? ```No runtime found to support predictor with model type: {tensorflow <nil>}``` on TF 2.15",
     "format", "{tensorflow <nil>}"),
    ("Error:ValueError: Unsupported Ops in the model before optimization\nCaseFoldUTF8, RegexSplitWithOffsets\nWhat am "
     "I doing wrong?", "op", "CaseFoldUTF8, RegexSplitWithOffsets"),
    ("部署模型后请求失败，错误信息如下：\nError: The SavedModel does not have tags: serve\n求助！", "tags", "serve"),
    ("The server answers **ValueError: Cannot set tensor: Got value of type FLOAT64 but expected type FLOAT32 for "
     "input 0, name: serving_default_input_1:0**", "input", "serving_default_input_1:0"),
    ("InvalidArgumentError('java.lang.IllegalArgumentException: DataType error: cannot resolve DataType of [[D')",
     "object_type", "[[D"),
]


@pytest.mark.parametrize("text,key,value", CAPTURES, ids=[k for _, k, _ in CAPTURES])
def test_captures_end_where_the_message_ends(text: str, key: str, value: str) -> None:
    """A capture is the message's own value, not the words a post, a Markdown mark-up or a repr puts after it."""
    d = _read(text)
    assert d.evidence.get(key) == value, d.evidence


# ---- OpenVINO Model Server: its StatusCode message + " - " + the details its validators build, in the REST body or
# the gRPC status a TF Serving client prints -----------------------------------------------------------------------

OVMS = [
    ('{"error": "Invalid input shape - Expected: (1,3,224,224); Actual: (1,224,224,3); input name: data"}',
     "input_shape_mismatch", "channels-first"),
    ('{"error": "Invalid number of shape dimensions - Expected: (1,224,224,3); Actual: (224,224,3); input name: '
     'input_1"}', "missing_batch_dimension", "batch"),
    ('{"error": "Invalid input batch size - Expected: 1; Actual: 8; input name: data"}', "fixed_batch_size_in_graph",
     "--batch_size auto"),
    ('status = StatusCode.INVALID_ARGUMENT\n\tdetails = "Invalid input precision - Expected: FP32; Actual: U8; input '
     'name: data"', "dtype_mismatch", "dtype"),
    ('{"error": "Missing input with specific name - Required input: data"}', "input_keys_mismatch", "input"),
    ('{"error": "Invalid number of inputs - Expected: 1; Actual: 2"}', "input_keys_mismatch", "input"),
    ('{"error": "Model with requested version is not found"}', "model_not_found", "version"),
    ('status = StatusCode.INVALID_ARGUMENT\n\tdetails = "Invalid signature name"', "signature_not_found",
     "serving_default"),
    ('{"error": "Could not parse instance content. Not valid ndarray detected"}', "ragged_instances", "pad"),
    ('{"error": "Invalid JSON structure. Request inputs have different batch sizes"}',
     "batch_size_mismatch_between_inputs", "batch size"),
    ('status = StatusCode.INVALID_ARGUMENT\n\tdetails = "Invalid number of values in tensor proto container"',
     "input_shape_mismatch", "make_tensor_proto"),
]


@pytest.mark.parametrize("message,category,word", OVMS, ids=[m[:60] for m, *_ in OVMS])
def test_ovms_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


def test_ovms_row_or_column_format_is_read_as_a_missing_key() -> None:
    """'Invalid JSON structure. Could not detect row or column format' is valid JSON without "instances" / "inputs";
    the catalogue reads 'Invalid JSON' first, the index's reading of the message must be among the readings."""
    found = explain_text('{"error": "Invalid JSON structure. Could not detect row or column format"}')
    assert "instances_key_missing" in [d.category for d in found]


OVMS_MIRROR = Path("/work/.mirror/openvinotoolkit+model_server/repo")


def test_ovms_rows_quote_their_source() -> None:
    if not OVMS_MIRROR.exists():
        pytest.skip("no git mirror of openvinotoolkit/model_server at /work/.mirror")
    commit = runtimes.OVMS.split("@")[1]
    text = subprocess.run(["git", f"--git-dir={OVMS_MIRROR}", "show", f"{commit}:src/status.cpp"], capture_output=True,
                          text=True, check=True).stdout
    for literal in ("Invalid input shape", "Invalid number of shape dimensions", "Invalid input batch size",
                    "Invalid input precision", "Missing input with specific name", "Invalid number of inputs",
                    "Model with requested name is not found", "Model with requested version is not found",
                    "Invalid signature name", "Invalid JSON structure. Could not detect row or column format",
                    "Could not parse instance content. Not valid ndarray detected",
                    "Invalid JSON structure. Request inputs have different batch sizes",
                    "Invalid number of values in tensor proto container",
                    "Size of data in tensor_content does not match declared tensor shape"):
        assert f'"{literal}"' in text, literal
