"""TensorFlow Lite on mobile and edge devices in the explain index (#15), from scripts/explain_index_mobile.py: TFLite's
Swift and Objective-C APIs, the TFLite Support library (TensorBuffer / TensorImage) and Task Library, tflite_flutter
(both repositories), pycoral and the Edge TPU delegate.  Each message is given as its wrapper prints it (a Swift
error's description after ``try!``, an NSError, a Java exception line with its stack, the Task Library's JNI
prefix, Dart's ``Unhandled Exception: Invalid argument(s): …`` / ``Bad state: …`` in Flutter's log) and must be read
to its category with a first step that names the cause."""

from __future__ import annotations

import json
import sys

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.index import match

from .reading import best as _read
from .reading import rows_in_index, source_module


mobile = source_module("explain_index_mobile")


def test_every_mobile_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(mobile.ROWS):
        assert "@" in source.split()[0] or source.startswith("tensorflow "), source  # a named commit or installed TF
        if category is None:
            assert e["reading"]
        else:
            assert e["fix"]


def test_every_row_quotes_its_sources_at_their_commits() -> None:
    """Each row's QUOTES pieces are in its source files at the commits the row names (git mirrors under
    /work/.mirror, the installed TensorFlow); files not on this machine are not checked here."""
    present = [(t, q) for t, qs in mobile.QUOTES.items() for q in qs
               if q[0] == mobile.LOCAL_TF or (mobile.MIRRORS / q[0].replace("/", "+")).exists()]
    if not present:
        pytest.skip("no git mirror of the mobile wrappers' sources under /work/.mirror")
    assert mobile.check_quotes() == len(present)
    for template, _, source, *_ in mobile.ROWS:
        for repo, commit, path, _ in mobile.QUOTES[template]:
            if repo != mobile.LOCAL_TF:
                assert f"github.com/{repo}@{commit[:12]}" in source, (template, source)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    template = mobile.TASK_ROWS[0][0]
    repo, commit, path, _ = mobile.QUOTES[template][0]
    if not (mobile.MIRRORS / repo.replace("/", "+")).exists():
        pytest.skip(f"no git mirror of {repo}")
    monkeypatch.setitem(mobile.QUOTES, template, [(repo, commit, path, ('"Mobile SSD models need 4 outputs"',))])
    with pytest.raises(SystemExit, match="not in"):
        mobile.check_quotes()


JAVA_AT = ("\n\tat org.tensorflow.lite.task.vision.detector.ObjectDetector.initJniWithModelFdAndOptions(Native Method)"
           "\n\tat org.tensorflow.lite.task.vision.detector.ObjectDetector.createFromFileAndOptions(ObjectDetector.java"
           ":112)")
TASK = "java.lang.IllegalArgumentException: Error occurred when initializing {}: {}" + JAVA_AT
FLUTTER = "E/flutter (12031): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: {}"
IOS = "Failed to invoke the interpreter with error: {}"
CASES = [
    # (text as the wrapper prints it, category, a word the first step must have)
    # Swift / Objective-C
    ("Fatal error: 'try!' expression unexpectedly raised an error: Provided data count 150528 must match the "
     "required count 602112.: file ViewController.swift, line 88", "dtype_mismatch", "Float32"),  # 4x: float32 model
    (IOS.format("Invalid tensor index 2, max index is 0."), "input_keys_mismatch", "outputTensorCount"),
    ("Thread 1: Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError."
     "invalidTensorDataCount(provided: 602112, required: 150528)", "dtype_mismatch", "UInt8"),  # 1/4: quantized model
    ("Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError.failedToLoadModel",
     "savedmodel_not_found", "Copy Bundle Resources"),
    ("Failed to create the interpreter with error: Failed to load the given model.", "savedmodel_not_found",
     "Copy Bundle Resources"),
    ("TensorFlow Lite Error: Select TensorFlow op(s), included in the given model, is(are) not supported by this "
     "interpreter. Make sure you apply/link the Flex delegate before inference.\nFailed to create the interpreter "
     "with error: Failed to create the interpreter.", "runtime_version_mismatch", "flex"),
    (IOS.format("Must call allocateTensors()."), "wrong_api_or_input_format", "allocateTensors"),
    ("Error Domain=org.tensorflow.lite.interpreter Code=8 \"Input tensor at index (0) expects data size (602112), "
     "but got (150528).\" UserInfo={NSLocalizedDescription=Input tensor at index (0) expects data size (602112), but "
     "got (150528).}", "dtype_mismatch", "Float32"),
    # TFLite Support (Android)
    ("FATAL EXCEPTION: main\nProcess: com.example.classifier, PID: 12345\njava.lang.IllegalArgumentException: The "
     "size of byte buffer and the shape do not match.\n\tat org.tensorflow.lite.support.common.SupportPreconditions"
     ".checkArgument(SupportPreconditions.java:104)\n\tat org.tensorflow.lite.support.tensorbuffer.TensorBuffer"
     ".loadBuffer(TensorBuffer.java:296)\n\tat com.example.classifier.MainActivity.classifyImage(MainActivity.java:"
     "95)", "input_shape_mismatch", "loadBuffer"),
    ("java.lang.IllegalArgumentException: The size of byte buffer and the shape do not match. Expected: 602112 "
     "Actual: 150528", "dtype_mismatch", "putFloat"),
    ("java.lang.IllegalArgumentException: The shape of a RGB image should be (h, w, c) or (1, h, w, c), and "
     "channels representing R, G, B in order. The provided image shape is [1, 28, 28, 1]\n\tat org.tensorflow.lite"
     ".support.image.ColorSpaceType$1.assertShape(ColorSpaceType.java:55)", "input_shape_mismatch", "GRAYSCALE"),
    ("java.lang.IllegalArgumentException: Illegal data type for TensorImage: Only FLOAT32 and UINT8 are accepted",
     "dtype_mismatch", "inference_input_type"),
    ("FATAL EXCEPTION: CameraX-core\njava.lang.IllegalArgumentException: Only supports loading ARGB_8888 bitmaps.\n"
     "\tat org.tensorflow.lite.support.image.TensorImage.load(TensorImage.java:159)", "dtype_mismatch", "ARGB_8888"),
    # Task Library through its Java wrapper, and its Python binding
    (TASK.format("ObjectDetector", "Mobile SSD models are expected to have exactly 4 outputs, found 1"),
     "wrong_api_or_input_format", "TFLite_Detection_PostProcess"),
    (TASK.format("ObjectDetector", "Object detection models require TFLite Model Metadata but none was found"),
     "wrong_api_or_input_format", "metadata_writers"),
    (TASK.format("ImageClassifier", "Input tensor has type kTfLiteFloat32: it requires specifying "
                                    "NormalizationOptions metadata to preprocess input images."),
     "wrong_api_or_input_format", "NormalizationOptions"),
    ("RuntimeError: Input tensor has type kTfLiteFloat32: it requires specifying NormalizationOptions metadata to "
     "preprocess input images.", "wrong_api_or_input_format", "NormalizationOptions"),
    (TASK.format("ImageClassifier", "The input tensor should have dimensions 1 x height x width x 3. Got 1 x 48 x "
                                    "48 x 1."), "input_shape_mismatch", "RGB"),
    (TASK.format("ImageClassifier", "Type mismatch for input tensor serving_default_input_1:0. Requested one of "
                                    "these types: kTfLiteUint8/kTfLiteFloat32, got INT8."), "dtype_mismatch",
     "tf.uint8"),
    (TASK.format("ImageClassifier", "Got 4 class(es) for output index 0, expected 5 according to the label map."),
     "model_graph_shape_bug", "label file"),
    ("ValueError: The number of output tensors (1) should match the number of output tensor metadata (4)",
     "wrong_api_or_input_format", "TensorMetadata"),
    # tflite_flutter (Dart)
    (FLUTTER.format("Bad state: failed precondition") + "\nE/flutter (12031): #0      checkState (package:quiver/"
     "check.dart:74:5)\nE/flutter (12031): #1      Tensor.setTo (package:tflite_flutter/src/tensor.dart:150:5)",
     "input_shape_mismatch", "getInputTensor"),
    (FLUTTER.format("Invalid argument(s): Output object shape mismatch, interpreter returned output of shape: [1, 2] "
                    "while shape of output provided as argument in run is: [1, 1001]"), "input_shape_mismatch",
     "getOutputTensor"),
    (FLUTTER.format("Invalid argument(s): The input element is int while tensor data type is float32"),
     "dtype_mismatch", "doubles"),
    ("[VERBOSE-2:ui_dart_state.cc(198)] Unhandled Exception: Invalid argument(s): The input element is double while "
     "tensor data tfliteType is TfLiteType.uint8", "dtype_mismatch", "uint8"),
    (FLUTTER.format("Invalid argument(s): Total elements mismatch expected: 150528 elements for shape: [1, 224, 224, "
                    "3] but found 200704"), "input_shape_mismatch", "3 channels"),
    (FLUTTER.format("Invalid argument(s): Invalid output Tensor index: 1"), "input_keys_mismatch",
     "getOutputTensors"),
    (FLUTTER.format("Invalid argument(s): Mismatched lengths 224 and 223 in dimension 1"), "ragged_instances",
     "same length"),
    (FLUTTER.format("Invalid argument(s): Unable to create interpreter."), "runtime_version_mismatch",
     "select-tf-ops"),
    (FLUTTER.format("Invalid argument(s): Unable to create model from buffer"), "savedmodel_not_found", ".tflite"),
    (FLUTTER.format("Unable to load asset: assets/assets/model.tflite"), "savedmodel_not_found", "pubspec.yaml"),
    (FLUTTER.format('Unable to load asset: "assets/model.tflite".\nThe asset does not exist or has empty data.'),
     "savedmodel_not_found", "pubspec.yaml"),
    # pycoral
    ("Traceback (most recent call last):\n  File \"detect.py\", line 40, in <module>\n    edgetpu.run_inference("
     "interpreter, image)\n  File \"/usr/lib/python3/dist-packages/pycoral/utils/edgetpu.py\", line 216, in "
     "run_inference\n    _check_input_size(len(input_data), input_size)\nValueError: input size=150528, "
     "expected=270000.", "input_shape_mismatch", "input_size"),
    ("ValueError: Only support uint8 input type.", "dtype_mismatch", "edgetpu_compiler"),
    # the Edge TPU API before pycoral
    ("  File \"/usr/lib/python3/dist-packages/edgetpu/detection/engine.py\", line 85, in __init__\n    'This model "
     "has {}.'.format(output_tensors_sizes.size)))\nValueError: Dectection model should have 4 output tensors!This "
     "model has 1.", "wrong_api_or_input_format", "ClassificationEngine"),
    ("ValueError: Classification model should have 1 output tensor only!This model has 4.",
     "wrong_api_or_input_format", "DetectionEngine"),
    # tf-lite-unity (C#), as Unity's console prints an exception
    ("Exception: TensorFlowLite operation failed.\nTensorFlowLite.Interpreter.ThrowIfError (TensorFlowLite."
     "Interpreter+Status status) (at Packages/com.github.asus4.tflite/Runtime/Interpreter.cs:288)\nTensorFlowLite."
     "Interpreter.SetInputTensorData (System.Int32 inputTensorIndex, System.Array inputTensorData)",
     "input_shape_mismatch", "SetInputTensorData"),
    ("Exception: Failed to create TensorFlowLite Interpreter\nTensorFlowLite.Interpreter..ctor (System.Byte[] "
     "modelData, TensorFlowLite.InterpreterOptions options)", "runtime_version_mismatch", "select"),
    # react-native-fast-tflite (a JS Error from C++)
    ("Error: TFLite: Input Buffer size (200704) does not match the Input Tensor's expected size (150528)! Make sure "
     "to resize the input values accordingly.", "input_shape_mismatch", "alpha"),
    ("Error: TFLite: Invalid input type! Model expected float32, but received uint8!", "dtype_mismatch",
     "Float32Array"),
    ("[Error: Failed to load model from \"http://localhost:8081/assets/assets/model.tflite?platform=ios\"!]",
     "savedmodel_not_found", "metro.config.js"),
    # TensorFlow Mobile (contrib/android): the wrapper alone, and with the cause it wraps
    ("java.lang.RuntimeException: Failed to load model from 'file:///android_asset/frozen_model.pb'\n\tat org."
     "tensorflow.contrib.android.TensorFlowInferenceInterface.<init>(TensorFlowInferenceInterface.java:113)\nCaused "
     "by: java.io.FileNotFoundException: frozen_model.pb", "model_load_failed", "assets"),
    ("java.lang.RuntimeException: Failed to load model from 'file:///android_asset/optimized_yolo.pb'\nCaused by: "
     "java.io.IOException: Not a valid TensorFlow Graph serialization: NodeDef mentions attr 'dilations' not in "
     "Op<name=Conv2D; signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_FLOAT]; "
     "attr=strides:list(int); attr=use_cudnn_on_gpu:bool,default=true; attr=padding:string,allowed=[\"SAME\", "
     "\"VALID\"]; attr=data_format:string,default=\"NHWC\",allowed=[\"NHWC\", \"NCHW\"]>; NodeDef: "
     "conv2d_1/convolution = Conv2D[T=DT_FLOAT, data_format=\"NHWC\", dilations=[1, 1, 1, 1], padding=\"SAME\", "
     "strides=[1, 1, 1, 1], use_cudnn_on_gpu=true](input_1, conv2d_1/kernel/read)", "runtime_version_mismatch", ""),
    ("java.lang.RuntimeException: Node 'input' does not exist in model 'file:///android_asset/graph.pb'",
     "input_keys_mismatch", "get_operations"),
    # TensorFlow Lite for Microcontrollers, as MicroPrintf writes to a board's serial monitor
    ("Didn't find op for builtin opcode 'CONV_2D'\nFailed to get registration from op code CONV_2D\n \n"
     "AllocateTensors() failed", "runtime_version_mismatch", "MicroMutableOpResolver"),
    ("Failed to allocate tail memory. Requested: 81920, available 23504, missing: 58416\nFailed starting model "
     "allocation.\n\nAllocateTensors() failed", "model_too_large", "kTensorArenaSize"),
    ("E (1234) TF_LITE: Arena size is too small for all buffers. Needed 88912 but only 60048 was available.\n"
     "AllocateTensors() failed", "model_too_large", "kTensorArenaSize"),
    ("Model provided is schema version 0 not equal to supported version 3.", "savedmodel_not_found", "xxd"),
    # Unity ML-Agents 0.x's Internal brain, as the Unity console prints it
    ("UnityAgentsException: The node action could not be found. Please make sure the graphScope  is correct\n"
     "CoreBrainInternal.DecideAction (System.Collections.Generic.Dictionary`2[TKey,TValue] agentInfo) (at "
     "Assets/ML-Agents/Scripts/CoreBrainInternal.cs:251)", "input_keys_mismatch", "Graph Scope"),
    ("UnityAgentsException: One of the Tensorflow placeholder cound nout be found.\n                In brain Ball3DBrain, "
     "there are no FloatingPoint placeholder named epsilon.", "input_keys_mismatch", "Graph Scope"),
    ("UnityAgentsException: The tensorflow graph needs an input for sequence_length of type int", "unfed_placeholder",
     "Graph Placeholders"),
]


@pytest.mark.parametrize("message,category,word", CASES, ids=[m[:70] for m, *_ in CASES])
def test_mobile_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


def test_the_edge_tpu_delegate_that_does_not_load_is_the_device_not_the_model() -> None:
    text = ("Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/tflite_runtime/"
            "interpreter.py\", line 160, in load_delegate\n    delegate = Delegate(library, options)\nValueError\n\n"
            "During handling of the above exception, another exception occurred:\n\nValueError: Failed to load "
            "delegate from libedgetpu.so.1")
    hits = [h for h in match(text) if "pycoral" in h.entry.source]
    assert hits and hits[0].entry.category is None and "Edge TPU runtime" in hits[0].entry.reading


def test_a_tflite_micro_resolver_too_small_is_the_sketch_not_the_model() -> None:
    hits = [h for h in match("Couldn't register builtin op #9, resolver size \nis too small (5).")
            if "tflite-micro" in h.entry.source]
    assert hits and hits[0].entry.category is None and "MicroMutableOpResolver<N>" in hits[0].entry.reading


def test_a_versioned_builtin_opcode_keeps_the_tflite_runtime_reading() -> None:
    """TFLite's interpreter prints the op's version; only TFLite Micro's resolver (no version) reads as a missing
    resolver entry."""
    hits = match("Didn't find op for builtin opcode 'MUL' version '1'")
    assert hits and all("tflite-micro" not in h.entry.source for h in hits)


@pytest.mark.parametrize("message", ["RuntimeError: No Edge TPU device detected!",
                                     "RuntimeError: Error in device opening (/sys/bus/usb/devices/2-1)!"])
def test_no_edge_tpu_device_is_the_device_not_the_model(message: str) -> None:
    hits = [h for h in match(message) if "google-coral/edgetpu" in h.entry.source]
    assert hits and hits[0].entry.category is None and "device" in hits[0].entry.reading


@pytest.mark.parametrize("message", [
    "Unhandled Exception: Unable to load asset: assets/images/logo.png",
    "Bad state: Future already completed",
])
def test_flutter_messages_about_other_things_are_not_read_as_the_model(message: str) -> None:
    """The asset row is for a .tflite key only, the precondition row for quiver's default message only."""
    assert not [h for h in match(message) if h.entry.source in {r[2] for r in mobile.FLUTTER_ROWS}]
