"""TensorFlow Lite on mobile and edge devices for explain's message index (#15): what the wrappers a trained model is
run through on a phone or a board say when they load or feed it, read from their sources at a named commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* TFLite's Swift API (``InterpreterError.swift``: the ``errorDescription`` an iOS app prints) and Objective-C API
  (``TFLInterpreter.mm``: the ``NSError`` descriptions), read from tensorflow/tensorflow at a named commit;
* the TFLite Support library (Java ``TensorBuffer`` / ``TensorImage``: a buffer or image of another size than the
  tensor, the buffer Android Studio's ML Model Binding code loads) and the Task Library (C++ checks of the model's
  inputs, outputs and metadata that ``ImageClassifier`` / ``ObjectDetector`` run when created, which Java wraps as
  ``Error occurred when initializing ObjectDetector: …`` and Python / iOS pass on as they are);
* the Flutter plugin ``tflite_flutter`` (am15h/tflite_flutter_plugin, and its continuation tensorflow/flutter-tflite):
  its Dart ``ArgumentError`` / ``StateError`` messages (``Invalid argument(s): …``, ``Bad state: …`` as Dart prints
  them), quiver's ``checkState`` default (``failed precondition``) that the plugin's native calls fall back to, and
  Flutter's ``Unable to load asset`` for a model file the app does not bundle;
* Unity ML-Agents 0.x's Internal brain (TensorFlowSharp running the trained frozen graph in a game): the node and
  placeholder names it looks up under the brain's Graph Scope;
* Coral: the ``load_delegate`` failure pycoral's ``make_interpreter`` meets without an Edge TPU runtime or device
  (TFLite's ``interpreter.py``, checked against the installed TensorFlow) and pycoral's own input and file checks.

The TFLite Python interpreter, converter, Java ``TensorImpl`` / JNI and libedgetpu are read in explain_index_runtimes.

Each row is one message: its template, a pattern with named captures whose literal parts are the source's own text
(every placeholder a bounded class), the file and commit it comes from, its category (an id of CATEGORIES.md) or, when
it is not about the request or the model, a ``reading``, a fix specific to the message, and an example as the
wrapper prints it (the build checks the pattern matches it).  Each row names the pieces of its source text
(:data:`QUOTES`): when the git mirror of the source is on this machine (``/work/.mirror/<owner>+<name>/repo``), the
build checks every piece is in that file at that commit; tensorflow/tensorflow (too large to mirror here) was read file
by file at the commits named, and ``tf:`` pieces are checked against the installed TensorFlow.

    python scripts/explain_index_mobile.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import SHAPE, TF, lit  # noqa: E402
from explain_build_index import MIRRORS, examples_match, mirror_text, quoted, rows_quoted  # noqa: E402,F401
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_python import _tf_version  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402

WHO = "explain_index_mobile"

TF_REPO = "tensorflow/tensorflow"
SWIFT_COMMIT = "aaa587bb7144452f0c91487a6a65c70664624b5c"
"""tensorflow/lite/swift/Sources/InterpreterError.swift (read with the search tool's read_file)."""
OBJC_COMMIT = "0d54d4afa8195afcb4caf172f94cbf37b0f0917c"
"""tensorflow/lite/objc/sources/TFLInterpreter.mm (read with the search tool's read_file)."""
SUPPORT_REPO, SUPPORT_COMMIT = "tensorflow/tflite-support", "dd3362ea685bb7ab1f7268c81ec567d3b720ae57"
FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT = "am15h/tflite_flutter_plugin", "e744dea5ba0fbaf3823f3ae18a879d4217977c04"
"""tflite_flutter up to 0.9 (pub.dev), Interpreter.fromAsset prefixing 'assets/'."""
FLUTTER_REPO, FLUTTER_COMMIT = "tensorflow/flutter-tflite", "85fb92ecea445b1949da35b35b92b0792c29ddba"
"""tflite_flutter 0.10 on (pub.dev), fromAsset taking the asset's whole key."""
QUIVER_REPO, QUIVER_COMMIT = "google/quiver-dart", "ed455584c82e6cf76d990cf269f1269301278ef5"
FLUTTER_SDK_REPO, FLUTTER_SDK_COMMIT = "flutter/flutter", "00befc9042fd882ae0e31a461cf069de72c156ee"
"""packages/flutter/lib/src/services/asset_bundle.dart (read with the search tool's read_file)."""
PYCORAL_REPO, PYCORAL_COMMIT = "google-coral/pycoral", "46f06c8dd9c5231e5cb27910d4e1fcbdcf1be8f0"
EDGETPU_REPO, EDGETPU_COMMIT = "google-coral/edgetpu", "5020de9386ff370dcc1f63291a2d0f98eeb98adb"
"""The Edge TPU Python API before pycoral (edgetpu.classification / detection engines, DetectionEngine)."""
UNITY_REPO, UNITY_COMMIT = "asus4/tf-lite-unity-sample", "22f3be8c40fbe93edc433ef70d8afd6313a26f1f"
RN_REPO, RN_COMMIT = "mrousavy/react-native-fast-tflite", "d352d5efee6634cf8f68709669f0c057d20eb979"
MLAGENTS_REPO, MLAGENTS_COMMIT = "Unity-Technologies/ml-agents", "d37bfb63f9eb7c1651ac07de13627efa6ddfbed6"
"""ML-Agents 0.x's Internal brain (TensorFlowSharp running a frozen graph inside Unity; read with the search tool's
read_file at this commit)."""
MLAGENTS_BRAIN = "unity-environment/Assets/ML-Agents/Scripts/CoreBrainInternal.cs"
TF_MOBILE_COMMIT = "010f522201cac2fe7af0ac2afa1da33ecfe81f1b"
"""tensorflow/contrib/android/.../TensorFlowInferenceInterface.java (TensorFlow Mobile, TF 1.x; read with the search
tool's read_file)."""
TFLM_REPO, TFLM_COMMIT = "tensorflow/tflite-micro", "90b983c2b3f1480642e040bbd2ddb37b998f3424"
TFLM_OLD_COMMIT = "0fc16061f09c4f475fd252fbacadcb1bba4d7702"
"""tflite-micro before the arena allocators were split out (Jan 2022): 'Arena size is too small for all buffers'."""
LOCAL_TF = "tf"
"""QUOTES repo key of a file of the installed TensorFlow (path under site-packages/tensorflow/)."""

SUPPORT_JAVA = "tensorflow_lite_support/java/src/java/org/tensorflow/lite/support/"
TASK_VISION = "tensorflow_lite_support/cc/task/vision/"
F_INTERP, F_TENSOR = "lib/src/interpreter.dart", "lib/src/tensor.dart"
TASK_JAVA_WRAP = ("; the Java Task API throws it as IllegalArgumentException('Error occurred when initializing "
                  "<Task>: …') (java/src/native/task/*_jni.cc), Python and iOS pass the status message on")


# ------------------------------------------------------------------------------------------------ fixes

BYTES_FIX_SWIFT = ("The Data copied into the input must hold exactly the input's bytes: batch x height x width x "
                   "channels x bytes per value (4 for a float32 model: convert each pixel's R, G, B to Float32 and "
                   "append them, 1 for a uint8 quantized model) — interpreter.input(at: 0).shape and .dataType give "
                   "them; a ratio of 4 between the two counts is a float model fed bytes (or a quantized model fed "
                   "floats), another ratio an image of another size or channel count (RGBA with 4 channels where the "
                   "model takes RGB)")
TENSORBUFFER_FIX = ("The ByteBuffer loaded into the TensorBuffer (the code ML Model Binding generates: "
                    "inputFeature0.loadBuffer(byteBuffer)) must hold exactly the shape's values in the buffer's type: "
                    "for a FLOAT32 [1, 224, 224, 3] input 4 x 224 x 224 x 3 bytes (ByteBuffer.allocateDirect(4 * ...) "
                    "filled with putFloat per channel), 1 byte a value for UINT8; a ratio of 4 between Expected and "
                    "Actual is a float model given a bitmap's bytes (or floats given to a quantized model), another "
                    "ratio a bitmap of another size (Bitmap.createScaledBitmap to the model's size) or channel count; "
                    "TensorImage.fromBitmap(bitmap) with an ImageProcessor (ResizeOp, NormalizeOp) builds it right")
METADATA_WRITER = ("tflite_support.metadata_writers ({}.MetadataWriter.create_for_inference(model_buffer, "
                   "input_norm_mean=[127.5], input_norm_std=[127.5], label_file_paths=[labels.txt]) then "
                   "writer.populate()), with the mean and std the model was trained with")
SSD_FIX = ("The Task Library's ObjectDetector runs only SSD-style detection models whose graph ends in the "
           "TFLite_Detection_PostProcess op (4 outputs: boxes, classes, scores, count) and carries metadata: export "
           "a TF Object Detection API model with export_tflite_graph_tf2.py (then convert), or train with TFLite "
           "Model Maker / an EfficientDet-Lite model; a YOLO or Keras model with 1-2 raw outputs must be run with "
           "the plain Interpreter and its own box decoding and non-max suppression")
EDGETPU_SSD_FIX = ("The Edge TPU API's DetectionEngine (pycoral: detect.get_objects, edgetpu_detect_server) runs only "
                   "SSD detection models with 4 outputs (boxes, classes, scores, count: the "
                   "TFLite_Detection_PostProcess "
                   "op), compiled for the Edge TPU; an image classifier (one output, e.g. a Teachable Machine export) "
                   "goes to ClassificationEngine (pycoral: classify.get_classes, edgetpu_classify_server); a YOLO "
                   "model needs its own box decoding on the plain interpreter")
NORM_FIX = ("A float32 image model needs NormalizationOptions in its metadata for the Task Library to scale pixels: "
            "write them with " + METADATA_WRITER.format("image_classifier / object_detector") + "; or use the plain "
            "Interpreter and normalise the pixels yourself")
METADATA_FIX = ("The Task Library reads the model's TFLite metadata (labels, normalization, output roles): write it "
                "with " + METADATA_WRITER.format("object_detector / image_classifier") + "; models exported by "
                "TFLite Model Maker carry it already")
TASK_INPUT_SHAPE_FIX = ("The Task Library's vision APIs take models with one RGB image input of shape [1, height, "
                        "width, 3]: convert the model with batch 1 and 3 channels (a grayscale model needs an RGB "
                        "input, e.g. a first layer that averages the channels), or run it with the plain Interpreter "
                        "and feed it yourself")
TASK_TYPE_FIX = ("The Task Library takes uint8 or float32 image inputs and outputs: convert the quantized model with "
                 "converter.inference_input_type = tf.uint8 and converter.inference_output_type = tf.uint8 (or keep "
                 "float32 input / output), not tf.int8; or run the int8 model with the plain Interpreter")
LABELS_FIX = ("The label file in the model's metadata must have exactly one line per class the model outputs (the "
              "last number in the message is the label count, the first the model's classes): write the metadata "
              "again with the label file of this model (" + METADATA_WRITER.format("image_classifier") + ")")
FLUTTER_PRECONDITION_FIX = ("tflite_flutter's native call failed (quiver's checkState: 'failed precondition'): most "
                            "often Tensor.setTo could not copy the input because its bytes differ from the input "
                            "tensor's — give run() a nested List of exactly interpreter.getInputTensor(0).shape "
                            "(with the batch level: [1][224][224][3]) of the tensor's type (doubles for float32, "
                            "ints 0-255 for a uint8 model; a Uint8List of the image bytes only for a uint8 model); "
                            "after resizeInputTensor call allocateTensors(); if the input is right, the log line "
                            "before it (E/tflite) names the op or delegate that failed")
FLUTTER_OUTPUT_FIX = ("Give run() an output shaped as the model's output: "
                      "List.filled(n, 0.0).reshape(interpreter.getOutputTensor(0).shape) (e.g. [1, NUM_CLASSES] "
                      "with the model's own class count; a detection model has several outputs: "
                      "runForMultipleInputs with a map from output index to an array of each output's shape)")
FLUTTER_DTYPE_FIX = ("Give the input the element type of the input tensor (interpreter.getInputTensor(0).type): "
                     "doubles (pixel / 255.0 or as the model was trained) for a float32 model, ints 0-255 for a uint8 "
                     "quantized model, int for int32; convert the image's pixels before building the List")
FLUTTER_ASSET_FIX = ("Declare the model under flutter: assets: in pubspec.yaml (e.g. - assets/model.tflite) and "
                     "rebuild the app (a hot reload does not add assets); tflite_flutter < 0.10 adds 'assets/' itself "
                     "(Interpreter.fromAsset('model.tflite')), 0.10 and later take the whole key "
                     "(Interpreter.fromAsset('assets/model.tflite')): an 'assets/assets/' key is one prefix too many")
MODEL_FILE_FIX = ("Give the interpreter the .tflite file the converter wrote, by a path that exists on the device "
                  "(bundled into the app: Copy Bundle Resources in Xcode, flutter assets in pubspec.yaml, the APK's "
                  "assets with noCompress \"tflite\"), not a SavedModel, .h5 or a Git LFS pointer; check its size "
                  "against the original")
CREATE_INTERPRETER_FIX = ("The model loaded but the interpreter could not be built from it: most often the model "
                          "has ops this TFLite runtime lacks — TensorFlow (Select / Flex) ops need the "
                          "select-tf-ops library (TensorFlowLiteSelectTfOps pod, "
                          "org.tensorflow:tensorflow-lite-select-tf-ops), a builtin op version newer than the runtime "
                          "needs a runtime as new as the converter; the TFLite log line before it names the op")
EDGETPU_DELEGATE_READING = ("TFLite could not load the Edge TPU delegate (libedgetpu): the Edge TPU runtime is not "
                            "installed (apt-get install libedgetpu1-std), no Coral device is connected or visible "
                            "(USB Accelerator unplugged, needs re-plugging after the runtime is installed, the user "
                            "lacks the plugdev / apex group, a Docker container without the device passed in), or "
                            "the runtime does not match the tflite_runtime version: the device and its runtime, "
                            "not about the request or model")
CORAL_SIZE_FIX = ("Resize the image to the model's input size before running it: common.input_size(interpreter) "
                  "gives (width, height); common.set_resized_input(interpreter, image.size, lambda size: "
                  "image.resize(size, Image.LANCZOS)) resizes and copies it, with 3 channels (image.convert('RGB'))")
CORAL_UINT8_FIX = ("The Edge TPU runs fully integer-quantized models: convert with a representative_dataset, "
                   "converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8] and "
                   "inference_input_type = tf.uint8 (or tf.int8), then compile the .tflite with edgetpu_compiler; a "
                   "float model cannot run on the Edge TPU")

FLUTTER_INPUT_INDEX_FIX = ("Use an index the model has: interpreter.getInputTensors().length (and "
                           "getOutputTensors()) gives the count; run() takes one input, a model with several inputs "
                           "takes runForMultipleInputs([in0, in1, ...], outputs) in the model's input order")

EDGETPU_DEVICE_READING = ("the Edge TPU API found no Coral device, or could not open it (USB Accelerator not plugged "
                          "in or plugged in before the runtime was installed, no permission on the device, a "
                          "container without it): the device, not about the request or model")
UNITY_FAILED_FIX = ("tf-lite-unity's call into TFLite returned an error (the TFLite log line before it in the Unity "
                    "console says which): most often SetInputTensorData was given an array of another size or type "
                    "than the input tensor (interpreter.GetInputTensorInfo(0).shape and .type: a float[] of "
                    "1 x h x w x 3 values for a float32 image input), or a shape resized without AllocateTensors()")
RN_SIZE_FIX = ("Give the model a TypedArray of exactly the input's size: height x width x channels values (a "
               "Float32Array for a float32 model, a Uint8Array for a uint8 one; model.inputs[0].shape and .dataType "
               "give them): resize the frame to the model's size and drop the alpha channel (RGBA frames have 4 "
               "values a pixel), e.g. with vision-camera-resize-plugin's resize(frame, {scale, pixelFormat: 'rgb', "
               "dataType})")
TF_MOBILE_FIX = ("TensorFlow Mobile (org.tensorflow:tensorflow-android, TF 1.x) could not load the graph: the 'Caused "
                 "by' line says why — a FileNotFoundException is a model missing from app/src/main/assets (or a name "
                 "without the file:///android_asset/ prefix's path); 'Not a valid TensorFlow Graph serialization: "
                 "NodeDef mentions attr …' / 'Op type not registered' is a graph exported by a newer TensorFlow than "
                 "the library: export the frozen graph with the library's TF version, or move to TensorFlow Lite "
                 "(convert the model and use org.tensorflow:tensorflow-lite)")
TF_MOBILE_NODE_FIX = ("Use the graph's own node names for feed() / fetch() / run(): list them from the frozen graph "
                      "(for op in graph.get_operations(): print(op.name) in Python, or graph_transforms' "
                      "summarize_graph), without the ':0' where a node (not a tensor) is asked for")

TFLM_ARENA_FIX = ("The tensor arena given to the MicroInterpreter is too small for this model: raise kTensorArenaSize "
                  "by at least the missing bytes the message gives (then interpreter.arena_used_bytes() after "
                  "AllocateTensors() tells the size to keep), or shrink the model (full int8 quantization, smaller "
                  "input, fewer filters) when the board's RAM cannot hold it")
TFLM_RESOLVER_FIX = ("The model has an op the MicroMutableOpResolver was not given: add it (resolver.AddMul(), "
                     "AddConv2D(), … one Add call per op the model uses, with the template count "
                     "MicroMutableOpResolver<N> at least the number of Add calls), or use a TFLite Micro library "
                     "new enough to have that kernel (an Arduino / ESP32 port lags behind tflite-micro)")
TFLM_SCHEMA_FIX = ("The model array compiled into the sketch is not a TFLite flatbuffer of the schema this library "
                   "reads: regenerate it from the .tflite file (xxd -i model.tflite > model.cc) and check the array "
                   "is the whole file (its first bytes hold 'TFL3' at offset 4); a version 0 or garbage means the "
                   "array is not the model (another file, a cut copy)")

# ------------------------------------------------------------------------------------------------ rows
# template | pattern | source | category | meaning (reading when category is None) | fix | example (| decider)

SWIFT = src(TF_REPO, SWIFT_COMMIT, "tensorflow/lite/swift/Sources/InterpreterError.swift", "errorDescription")
SWIFT_CASES = src(TF_REPO, SWIFT_COMMIT, "tensorflow/lite/swift/Sources/InterpreterError.swift", "the enum's cases")
OBJC = src(TF_REPO, OBJC_COMMIT, "tensorflow/lite/objc/sources/TFLInterpreter.mm")

IOS_ROWS = [
    ("Provided data count {provided} must match the required count {required}.",
     r"Provided data count (?P<got>\d{1,12}) must match the required count (?P<want>\d{1,12})",
     SWIFT + ", thrown by Interpreter.copy(_:toInputAt:) when the Data's byte count differs from the input tensor's",
     "input_shape_mismatch",
     "TFLite's Swift API (iOS) was given input Data of another byte size than the input tensor: an image of another "
     "size or channel count (RGBA for RGB), or bytes where a float32 model takes 4 bytes a value (or floats for a "
     "quantized model)", BYTES_FIX_SWIFT,
     "Fatal error: 'try!' expression unexpectedly raised an error: Provided data count 150528 must match the "
     "required count 602112.", "tflite_bytes"),
    ("Invalid tensor index {index}, max index is {maxIndex}.",
     r"Invalid tensor index -?\d{1,9}, max index is -?\d{1,9}",
     SWIFT + ", thrown by Interpreter.input(at:) / output(at:) / copy(_:toInputAt:)", "input_keys_mismatch",
     "TFLite's Swift API was asked for an input or output index the model does not have (a model with fewer "
     "inputs / outputs than the app's code expects: a detection app's output 1-3 on a classifier)",
     "Use indices below interpreter.inputTensorCount / outputTensorCount and check what each is "
     "(interpreter.output(at: i).shape); code written for another model (4 detection outputs) needs that model",
     "Failed to invoke the interpreter with error: Invalid tensor index 1, max index is 0."),
    ("Failed to load the given model.",
     lit("Failed to load the given model."),
     SWIFT + ", thrown by Interpreter(modelPath:) when TfLiteModelCreateFromFile returns nil", "savedmodel_not_found",
     "TFLite's Swift API could not read the file at the model path as a TFLite model (a path not in the app bundle, "
     "or a file that is no .tflite flatbuffer)", MODEL_FILE_FIX,
     "Failed to create the interpreter with error: Failed to load the given model."),
    ("Failed to create the interpreter.",
     lit("Failed to create the interpreter."),
     SWIFT + "; " + OBJC + " (initWithModelPath: TfLiteInterpreterCreate returned nil)", "runtime_version_mismatch",
     "TFLite's Swift / Objective-C API read the model but could not build an interpreter for it: an op the runtime "
     "has no kernel for (Select TF ops without the TensorFlowLiteSelectTfOps pod, a newer builtin op version)",
     CREATE_INTERPRETER_FIX,
     "Failed to create the interpreter with error: Failed to create the interpreter."),
    ("Must call allocateTensors().",
     lit("Must call allocateTensors()."),
     SWIFT + ", thrown by copy(_:toInputAt:) / invoke() before the tensors were allocated",
     "wrong_api_or_input_format",
     "TFLite's Swift API was asked to copy input data or invoke before the interpreter allocated its tensors",
     "Call try interpreter.allocateTensors() once after creating the interpreter (and after every "
     "resizeInput(at:to:)), then copy the input, invoke(), read the output",
     "Failed to invoke the interpreter with error: Must call allocateTensors()."),
    # the same errors as Swift prints the enum case itself (String(reflecting:), dump, versions without the
    # CustomStringConvertible extension)
    ("InterpreterError.invalidTensorDataCount(provided: {provided}, required: {required})",
     r"invalidTensorDataCount\(provided: ?(?P<got>\d{1,12}), ?required: ?(?P<want>\d{1,12})\)",
     SWIFT_CASES, "input_shape_mismatch",
     "TFLite's Swift API was given input Data of another byte size than the input tensor (the error's enum case "
     "printed as it is)", BYTES_FIX_SWIFT,
     "Thread 1: Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError."
     "invalidTensorDataCount(provided: 602112, required: 150528)", "tflite_bytes"),
    ("InterpreterError.invalidTensorIndex(index: {index}, maxIndex: {maxIndex})",
     r"invalidTensorIndex\(index: ?-?\d{1,9}, ?maxIndex: ?-?\d{1,9}\)",
     SWIFT_CASES, "input_keys_mismatch",
     "TFLite's Swift API was asked for an input or output index the model does not have (the enum case printed as "
     "it is)",
     "Use indices below interpreter.inputTensorCount / outputTensorCount and check what each is "
     "(interpreter.output(at: i).shape); code written for another model (4 detection outputs) needs that model",
     "Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError."
     "invalidTensorIndex(index: 1, maxIndex: 0)"),
    ("InterpreterError.failedToLoadModel",
     r"InterpreterError\.failedToLoadModel\b",
     SWIFT_CASES, "savedmodel_not_found",
     "TFLite's Swift API could not read the file at the model path as a TFLite model (the enum case printed as it "
     "is)", MODEL_FILE_FIX,
     "Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError.failedToLoadModel"),
    ("InterpreterError.failedToCreateInterpreter",
     r"InterpreterError\.failedToCreateInterpreter\b",
     SWIFT_CASES, "runtime_version_mismatch",
     "TFLite's Swift API read the model but could not build an interpreter for it (the enum case printed as it is)",
     CREATE_INTERPRETER_FIX,
     "Fatal error: 'try!' expression unexpectedly raised an error: TensorFlowLite.InterpreterError."
     "failedToCreateInterpreter"),
    ("Cannot load model from path ({modelPath}).",
     r"Cannot load model from path \((?P<path>[^)\n]{0,300})\)",
     OBJC + " (initWithModelPath: the path's C string was NULL or TfLiteModelCreateFromFile failed)",
     "savedmodel_not_found",
     "TFLite's Objective-C API could not read a TFLite model at the path (not in the app bundle, or not a .tflite "
     "file)", MODEL_FILE_FIX,
     "Error Domain=org.tensorflow.lite.interpreter Code=2 \"Cannot load model from path ((null)).\""),
    ("Input tensor at index ({index}) expects data size ({bytes}), but got ({length}).",
     r"Input tensor at index \(\d{1,12}\) expects data size \((?P<want>\d{1,12})\), but got \((?P<got>\d{1,12})\)",
     OBJC + " (copyData:toInputTensor:)", "input_shape_mismatch",
     "TFLite's Objective-C API was given input data of another byte size than the input tensor (another image size, "
     "RGBA for RGB, bytes for a float32 model)", BYTES_FIX_SWIFT,
     "Error Domain=org.tensorflow.lite.interpreter Code=8 \"Input tensor at index (0) expects data size (602112), "
     "but got (150528).\"", "tflite_bytes"),
    ("Failed to create a signature runner. Signature with key ({key}) not found.",
     r"Failed to create a signature runner\. ?Signature with key \((?P<signature>[^)\n]{0,200})\) not found",
     OBJC + " (signatureRunnerWithKey:error:)", "signature_not_found",
     "TFLite's Objective-C API was asked for a signature key the model does not have",
     "Use a key of interpreter.signatureKeys (the converter keeps the SavedModel's signature names, e.g. "
     "serving_default); convert from a SavedModel with signatures to have any",
     "Failed to create a signature runner. Signature with key (predict) not found."),
]

SUPPORT_ROWS = [
    ("The size of byte buffer and the shape do not match. Expected: {n} Actual: {m}",
     r"The size of byte buffer and the shape do not match(?:\. ?Expected: (?P<want>\d{1,12}) Actual: "
     r"(?P<got>\d{1,12}))?",
     src(SUPPORT_REPO, SUPPORT_COMMIT, SUPPORT_JAVA + "tensorbuffer/TensorBuffer.java", "loadBuffer; older releases "
         "print no numbers"), "input_shape_mismatch",
     "an Android app (TFLite Support's TensorBuffer, as ML Model Binding's generated code uses it) loaded a "
     "ByteBuffer of another byte size than the model input's shape and type: a bitmap of another size, RGBA bytes, "
     "or bytes for a float32 model (4 bytes a value)", TENSORBUFFER_FIX,
     "java.lang.IllegalArgumentException: The size of byte buffer and the shape do not match. Expected: 602112 "
     "Actual: 150528\n\tat org.tensorflow.lite.support.common.SupportPreconditions.checkArgument(SupportPreconditions"
     ".java:104)\n\tat org.tensorflow.lite.support.tensorbuffer.TensorBuffer.loadBuffer(TensorBuffer.java:309)",
     "tflite_bytes"),
    ("The size of the array to be loaded does not match the specified shape.",
     lit("The size of the array to be loaded does not match the specified shape"),
     src(SUPPORT_REPO, SUPPORT_COMMIT, SUPPORT_JAVA + "tensorbuffer/TensorBufferFloat.java",
         "loadArray; TensorBufferUint8.java the same"), "input_shape_mismatch",
     "an Android app loaded a Java array of another length than the TensorBuffer's shape holds (an image of another "
     "size or channel count, a feature vector of another length)",
     "Load an array of exactly the shape's value count (product of getInputTensor(0).shape()), or pass the array's "
     "own shape: tensorBuffer.loadArray(values, shape) on a TensorBuffer.createDynamic(dataType)",
     "java.lang.IllegalArgumentException: The size of the array to be loaded does not match the specified shape."),
    ("The shape of a RGB image should be (h, w, c) or (1, h, w, c), and channels representing R, G, B in order. The "
     "provided image shape is {shape}",
     rf"The shape of a (?:RGB|grayscale) image should be \([hwc, 1]{{4,16}}\) or \([hwc, 1]{{6,20}}\)[^.\n]{{0,80}}\. "
     rf"?The provided image shape is (?P<got_shape>{SHAPE})",
     src(SUPPORT_REPO, SUPPORT_COMMIT, SUPPORT_JAVA + "image/ColorSpaceType.java", "getNormalizedShape"),
     "input_shape_mismatch",
     "TFLite Support's TensorImage was given a TensorBuffer whose shape is no RGB (or grayscale) image: another "
     "channel count, a batch above 1, or a flat vector",
     "Give TensorImage a buffer shaped [h, w, 3] or [1, h, w, 3] for RGB ([h, w] or [1, h, w, 1] for grayscale with "
     "ColorSpaceType.GRAYSCALE); a model whose input is not an image takes a TensorBuffer directly, without "
     "TensorImage",
     "java.lang.IllegalArgumentException: The shape of a RGB image should be (h, w, c) or (1, h, w, c), and "
     "channels representing R, G, B in order. The provided image shape is [1, 224, 224, 1]"),
    ("Illegal data type for TensorImage: Only FLOAT32 and UINT8 are accepted",
     lit("Illegal data type for TensorImage: Only FLOAT32 and UINT8 are accepted"),
     src(SUPPORT_REPO, SUPPORT_COMMIT, SUPPORT_JAVA + "image/TensorImage.java", "TensorImage(DataType)"),
     "dtype_mismatch",
     "TFLite Support's TensorImage was created with the input tensor's type, and the model's input is neither "
     "float32 nor uint8 (an int8 fully-quantized model)",
     "Convert the model with converter.inference_input_type = tf.uint8 (or float32) instead of tf.int8, or build the "
     "int8 input yourself (pixel - 128 into a ByteBuffer) and pass it to the Interpreter without TensorImage",
     "java.lang.IllegalArgumentException: Illegal data type for TensorImage: Only FLOAT32 and UINT8 are accepted"),
    ("Only supports loading ARGB_8888 bitmaps.",
     lit("Only supports loading ARGB_8888 bitmaps."),
     src(SUPPORT_REPO, SUPPORT_COMMIT, SUPPORT_JAVA + "image/BitmapContainer.java", "BitmapContainer.create, behind "
         "TensorImage.load(Bitmap) / fromBitmap"), "dtype_mismatch",
     "TFLite Support's TensorImage was given an Android Bitmap whose pixels are not 8-bit ARGB (RGB_565 from a "
     "camera or decoder, HARDWARE bitmaps from an ImageDecoder / Glide, ALPHA_8)",
     "Convert the bitmap first: bitmap.copy(Bitmap.Config.ARGB_8888, true) (decode with "
     "BitmapFactory.Options.inPreferredConfig = ARGB_8888; ImageDecoder with setAllocator(ALLOCATOR_SOFTWARE)), then "
     "TensorImage.fromBitmap(...)",
     "java.lang.IllegalArgumentException: Only supports loading ARGB_8888 bitmaps.\n\tat org.tensorflow.lite.support"
     ".common.SupportPreconditions.checkArgument(SupportPreconditions.java:95)\n\tat org.tensorflow.lite.support.image"
     ".BitmapContainer.<init>(BitmapContainer.java:43)"),
]

TASK_ROWS = [
    ("Mobile SSD models are expected to have exactly 4 outputs, found {n}",
     r"Mobile SSD models are expected to have exactly 4 outputs, found (?P<got>\d{1,4})",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "object_detector.cc", "CheckAndSetOutputs") + TASK_JAVA_WRAP,
     "wrong_api_or_input_format",
     "the Task Library's ObjectDetector was given a model that is not an SSD-style detector with the TFLite "
     "post-processing op (a YOLO model, a Keras classifier, a detector exported without TFLite_Detection_PostProcess)",
     SSD_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ObjectDetector: Mobile SSD models are "
     "expected to have exactly 4 outputs, found 1"),
    ("Object detection models require TFLite Model Metadata but none was found",
     lit("Object detection models require TFLite Model Metadata but none was found"),
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "object_detector.cc", "CheckAndSetOutputs") + TASK_JAVA_WRAP,
     "wrong_api_or_input_format",
     "the Task Library's ObjectDetector was given a .tflite without TFLite metadata (a model converted with "
     "TFLiteConverter alone)", METADATA_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ObjectDetector: Object detection models "
     "require TFLite Model Metadata but none was found"),
    ("Input tensor has type kTfLiteFloat32: it requires specifying NormalizationOptions metadata to preprocess input "
     "images.",
     r"Input tensor has type kTfLiteFloat32: ?it requires specifying NormalizationOptions metadata",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "utils/image_tensor_specs.cc", "BuildInputImageTensorSpecs")
     + TASK_JAVA_WRAP, "wrong_api_or_input_format",
     "the Task Library (ImageClassifier, ObjectDetector, ImageSegmenter) was given a float32 image model whose "
     "metadata says nothing of how to normalise pixels (no metadata, or metadata without NormalizationOptions)",
     NORM_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Input tensor has type "
     "kTfLiteFloat32: it requires specifying NormalizationOptions metadata to preprocess input images."),
    ("The input tensor should have dimensions 1 x height x width x 3. Got {b} x {h} x {w} x {c}.",
     r"The input tensor should have dimensions 1 x height x width x 3\. ?Got (?P<got>\d{1,6} x \d{1,6} x \d{1,6} x "
     r"\d{1,6})",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "utils/image_tensor_specs.cc", "BuildInputImageTensorSpecs")
     + TASK_JAVA_WRAP, "input_shape_mismatch",
     "the Task Library's vision APIs take one RGB image ([1, h, w, 3]); this model's input has another batch or "
     "channel count (a grayscale model, a batch fixed above 1)", TASK_INPUT_SHAPE_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: The input tensor should "
     "have dimensions 1 x height x width x 3. Got 1 x 28 x 28 x 1."),
    ("Only 4D tensors in BHWD layout are supported.",
     lit("Only 4D tensors in BHWD layout are supported"),
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "utils/image_tensor_specs.cc", "BuildInputImageTensorSpecs")
     + TASK_JAVA_WRAP, "input_shape_mismatch",
     "the Task Library's vision APIs were given a model whose input is not a 4-D image batch (a tabular, sequence "
     "or flattened-image model)", TASK_INPUT_SHAPE_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Only 4D tensors in BHWD "
     "layout are supported."),
    ("Type mismatch for input tensor {name}. Requested one of these types: kTfLiteUint8/kTfLiteFloat32, got {type}.",
     r"Type mismatch for (?:input|output) tensor (?P<input>[^\s.]{0,200})\. ?Requested one of these types: "
     r"kTfLiteUint8/kTfLiteFloat32, got (?P<got_dtype>\w{1,20})",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "utils/image_tensor_specs.cc", "BuildInputImageTensorSpecs; "
         "cc/task/processor/classification_postprocessor.cc for an output") + TASK_JAVA_WRAP, "dtype_mismatch",
     "the Task Library takes uint8 or float32 image inputs and scores; this model's input (or output) has another "
     "type, most often INT8 from full-integer quantization with inference_input_type=tf.int8", TASK_TYPE_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Type mismatch for input "
     "tensor serving_default_input_1:0. Requested one of these types: kTfLiteUint8/kTfLiteFloat32, got INT8."),
    ("Models are assumed to have a single input.",
     r"Models are assumed to have a single input(?: TensorMetadata)?\.",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "utils/image_tensor_specs.cc") + TASK_JAVA_WRAP,
     "wrong_api_or_input_format",
     "the Task Library's vision APIs take models with exactly one (image) input; this model has several",
     "Run a model with several inputs with the plain Interpreter (runForMultipleInputsOutputs / a signature "
     "runner); the Task Library's ImageClassifier / ObjectDetector need one RGB image input",
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Models are assumed to "
     "have a single input."),
    ("Mismatch between number of output tensors ({n}) and output tensors metadata ({m}).",
     r"Mismatch between number of output tensors \((?P<want>\d{1,4})\) and output tensors metadata "
     r"\((?P<got>\d{1,4})\)",
     src(SUPPORT_REPO, SUPPORT_COMMIT, TASK_VISION + "object_detector.cc", "CheckAndSetOutputs; image_classifier.cc "
         "the same") + TASK_JAVA_WRAP, "wrong_api_or_input_format",
     "the model's TFLite metadata describes another number of outputs than the model has (metadata written for "
     "another model, or none for the outputs)", METADATA_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ObjectDetector: Mismatch between number "
     "of output tensors (4) and output tensors metadata (0)."),
    ("Got {n} class(es) for output index {i}, expected {m} according to the label map.",
     r"Got (?P<got>\d{1,9}) class\(es\) for output index \d{1,4}, expected (?P<want>\d{1,9}) according to the label "
     r"map",
     src(SUPPORT_REPO, SUPPORT_COMMIT, "tensorflow_lite_support/cc/task/processor/classification_postprocessor.cc",
         "Init; vision/image_classifier.cc the same") + TASK_JAVA_WRAP, "model_graph_shape_bug",
     "the label file packed in the model's metadata has another number of labels than the model has classes "
     "(labels of another model or dataset, a header or blank line too many)", LABELS_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Got 5 class(es) for "
     "output index 0, expected 6 according to the label map."),
    ("Unexpected number of dimensions for output index {i}: got {n}D, expected either 2D (BxN with B=1) or 4D "
     "(BxHxWxN with B=1, W=1, H=1).",
     r"Unexpected number of dimensions for output index \d{1,4}: got \d{1,2}D, expected either 2D",
     src(SUPPORT_REPO, SUPPORT_COMMIT, "tensorflow_lite_support/cc/task/processor/classification_postprocessor.cc",
         "Init; vision/image_classifier.cc the same") + TASK_JAVA_WRAP, "wrong_api_or_input_format",
     "the Task Library's ImageClassifier (or another classifier task) was given a model whose output is no [1, "
     "classes] score vector: a detection or segmentation model, or one whose output keeps spatial dimensions",
     "Give ImageClassifier a classification model ([1, NUM_CLASSES] output); a detector goes to ObjectDetector "
     "(an SSD model with post-processing), a segmentation model to ImageSegmenter, anything else to the plain "
     "Interpreter",
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Unexpected number of "
     "dimensions for output index 0: got 3D, expected either 2D (BxN with B=1) or 4D (BxHxWxN with B=1, W=1, H=1)."),
    ("Could not build model from the provided pre-loaded flatbuffer: {reason}",
     lit("Could not build model from the provided pre-loaded flatbuffer"),
     src(SUPPORT_REPO, SUPPORT_COMMIT, "tensorflow_lite_support/cc/task/core/tflite_engine.cc",
         "BuildModelFromBuffer") + TASK_JAVA_WRAP, "savedmodel_not_found",
     "the Task Library could not read the model file as a TFLite model (another file, a file cut short or "
     "compressed in the APK)", MODEL_FILE_FIX,
     "java.lang.IllegalArgumentException: Error occurred when initializing ImageClassifier: Could not build model "
     "from the provided pre-loaded flatbuffer: The model is not a valid Flatbuffer buffer"),
]

METADATA_PY = src(SUPPORT_REPO, SUPPORT_COMMIT, "tensorflow_lite_support/metadata/python/metadata.py")
METADATA_ROWS = [
    ("The number of output tensors ({n}) should match the number of output tensor metadata ({m})",
     r"The number of (?P<kind>input|output) tensors \((?P<want>\d{1,4})\) should match the number of (?:input|output) "
     r"tensor metadata \((?P<got>\d{1,4})\)",
     METADATA_PY + " (MetadataPopulator._validate_metadata)", "wrong_api_or_input_format",
     "the metadata being written into a .tflite describes another number of inputs or outputs than the model has "
     "(a metadata template of another model: 4 detection outputs for a 1-output model)",
     "Write metadata with one TensorMetadata per input and output of this model (interpreter.get_input_details() / "
     "get_output_details() list them), or use tflite_support.metadata_writers for the model's task, which builds "
     "them from the model",
     "ValueError: The number of output tensors (1) should match the number of output tensor metadata (4)"),
    ("The model does not have metadata.",
     lit("The model does not have metadata."),
     METADATA_PY + " (MetadataDisplayer.with_model_buffer)", "wrong_api_or_input_format",
     "the .tflite file carries no TFLite metadata (converted with TFLiteConverter alone), and a tool that reads it "
     "(MetadataDisplayer, a Task API, Android Studio's ML Model Binding) needs it", METADATA_FIX,
     "ValueError: The model does not have metadata."),
]

FLUTTER_TENSOR = src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/tensor.dart")
FLUTTER_OLD_TENSOR = src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/tensor.dart")
FLUTTER_ROWS = [
    ("Bad state: failed precondition",
     r"Bad state: failed precondition",
     src(QUIVER_REPO, QUIVER_COMMIT, "lib/check.dart", "checkState's default message") + ", from tflite_flutter's "
     "checkState(...) without a message: " + FLUTTER_TENSOR + " (setTo: TfLiteTensorCopyFromBuffer), "
     "lib/src/interpreter.dart (allocateTensors, invoke, resizeInputTensor); " + FLUTTER_OLD_TENSOR + " the same",
     "input_shape_mismatch",
     "a tflite_flutter (Flutter / Dart) call into TFLite failed without a message: most often the input given to "
     "run() has another byte size than the input tensor (another shape, or ints / bytes for a float32 model) so the "
     "copy into the tensor failed; else invoke or allocateTensors failed (an op or delegate, named in the log line "
     "before it)", FLUTTER_PRECONDITION_FIX,
     "E/flutter ( 8123): [ERROR:flutter/runtime/dart_vm_initializer.cc(41)] Unhandled Exception: Bad state: failed "
     "precondition\nE/flutter ( 8123): #0      checkState (package:quiver/check.dart:74:5)\nE/flutter ( 8123): #1"
     "      Tensor.setTo (package:tflite_flutter/src/tensor.dart:150:5)"),
    ("Output object shape mismatch, interpreter returned output of shape: {shape} while shape of output provided as "
     "argument in run is: {shape}",
     rf"Output object shape mismatch, interpreter returned output of shape: {SHAPE} while shape of output provided "
     rf"as argument in run is: {SHAPE}",
     FLUTTER_TENSOR + " (_duplicateList); " + FLUTTER_OLD_TENSOR + " the same", "input_shape_mismatch",
     "the output List given to tflite_flutter's run() is not shaped as the model's output (another class count, a "
     "missing batch level, or the app's code written for another model)", FLUTTER_OUTPUT_FIX,
     "E/flutter (12345): [ERROR:flutter/lib/ui/ui_dart_state.cc(198)] Unhandled Exception: Invalid argument(s): "
     "Output object shape mismatch, interpreter returned output of shape: [1, 10] while shape of output provided as "
     "argument in run is: [1, 5]"),
    ("The input element is {type} while tensor data type is {tensorType}",
     r"The input element is (?P<object_type>\w{1,40}) while tensor data (?:tfliteType|type) is "
     r"(?:TfLiteType\.|TensorType\.)?(?P<want_dtype>\w{1,20})",
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/util/byte_conversion_utils.dart", "ByteConversionError") + "; "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/util/byte_conversion_utils.dart",
           "'… while tensor data tfliteType is …'"), "dtype_mismatch",
     "tflite_flutter was given input values of another Dart type than the input tensor's (ints for a float32 model, "
     "doubles for a uint8 / int8 quantized one)", FLUTTER_DTYPE_FIX,
     "[VERBOSE-2:ui_dart_state.cc(198)] Unhandled Exception: Invalid argument(s): The input element is int while "
     "tensor data type is float32"),
    ("Total elements mismatch expected: {n} elements for shape: {shape} but found {m}",
     rf"Total elements mismatch expected: (?P<want>\d{{1,12}}) elements for shape: (?P<want_shape>{SHAPE}) but found "
     rf"(?P<got>\d{{1,12}})",
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/util/list_shape_extension.dart", "List.reshape") + "; "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/util/list_shape_extension.dart"), "input_shape_mismatch",
     "tflite_flutter's List.reshape was asked for a shape that holds another number of values than the list (an "
     "image of another size or channel count, RGBA bytes for an RGB shape)",
     "Reshape a list of exactly the shape's value count: resize the image to the model's size "
     "(interpreter.getInputTensor(0).shape) and take 3 channels (R, G, B) a pixel before reshaping",
     "Unhandled Exception: Invalid argument(s): Total elements mismatch expected: 150528 elements for shape: [1, "
     "224, 224, 3] but found 200704"),
    ("Invalid input Tensor index: {index}",
     r"Invalid (?:input|output) Tensor index: -?\d{1,9}",
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/interpreter.dart", "getInputTensor / getOutputTensor") + "; "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/interpreter.dart"), "input_keys_mismatch",
     "tflite_flutter was given more inputs (or asked for more outputs) than the model has", FLUTTER_INPUT_INDEX_FIX,
     "Unhandled Exception: Invalid argument(s): Invalid output Tensor index: 1"),
    ("Input error: {name}' is not a valid name for any input. Names of inputs and their indexes are {map}",
     r"(?P<kind>Input|Output) error: (?P<input>[^'\n]{0,200})' is not a valid name for any (?:input|output)",
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/interpreter.dart", "getInputIndex / getOutputIndex") + "; "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/interpreter.dart"), "input_keys_mismatch",
     "tflite_flutter was asked for an input or output by a name the model's tensors do not have",
     "Use a name the message lists (the converted model's tensor names, e.g. serving_default_input_1:0), or the "
     "index it gives",
     "Invalid argument(s): Input error: input_1' is not a valid name for any input. Names of inputs and their "
     "indexes are {serving_default_input_1:0: 0}"),
    ("Mismatched lengths {n} and {m} in dimension {d}",
     r"Mismatched lengths \d{1,9} and \d{1,9} in dimension \d{1,3}",
     FLUTTER_TENSOR + " (fillShape); " + FLUTTER_OLD_TENSOR + " the same", "ragged_instances",
     "the nested List given to tflite_flutter has rows of different lengths, so it has no tensor shape",
     "Build the input so every row at a level has the same length (pad sequences to the model's length, give every "
     "image the same size), then check it with input.shape",
     "Unhandled Exception: Invalid argument(s): Mismatched lengths 224 and 223 in dimension 2"),
    ("Unable to create interpreter.",
     lit("Unable to create interpreter."),
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/interpreter.dart", "Interpreter._create: TfLiteInterpreterCreate "
         "returned null") + "; " + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/interpreter.dart"),
     "runtime_version_mismatch",
     "tflite_flutter read the model but TFLite could not build an interpreter for it: an op the app's TFLite "
     "library lacks (Select TF ops without the select-tf-ops dependency, an op version newer than the bundled "
     "runtime) or a delegate that refused it", CREATE_INTERPRETER_FIX,
     "E/flutter ( 4321): [ERROR:flutter/lib/ui/ui_dart_state.cc(209)] Unhandled Exception: Invalid argument(s): "
     "Unable to create interpreter."),
    ("Unable to create model from file",
     r"Unable to create model from (?:file|buffer)",
     src(FLUTTER_REPO, FLUTTER_COMMIT, "lib/src/model.dart", "Model.fromFile / fromBuffer") + "; "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, "lib/src/model.dart"), "savedmodel_not_found",
     "tflite_flutter could not read the file or bytes as a TFLite model (a path that does not exist on the device, "
     "or a file that is no .tflite: a Git LFS pointer, an .h5)", MODEL_FILE_FIX,
     "Unhandled Exception: Invalid argument(s): Unable to create model from buffer"),
    ("Unable to load asset: {key}",
     r"Unable to load asset: ?\"?(?P<path>[^\s\"]{0,300}\.(?:tflite|lite))",
     src(FLUTTER_SDK_REPO, FLUTTER_SDK_COMMIT, "packages/flutter/lib/src/services/asset_bundle.dart",
         "PlatformAssetBundle.load; newer releases quote the key and add 'The asset does not exist or has empty "
         "data.'") + ", reached through tflite_flutter's Interpreter.fromAsset: "
     + src(FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT, F_INTERP, "rootBundle.load('assets/$assetFileName')") + "; "
     + src(FLUTTER_REPO, FLUTTER_COMMIT, F_INTERP, "rootBundle.load(assetFileName)"),
     "savedmodel_not_found",
     "a Flutter app could not find the .tflite model among its bundled assets: not declared in pubspec.yaml, or a "
     "key with one 'assets/' too many (tflite_flutter before 0.10 adds 'assets/' itself)", FLUTTER_ASSET_FIX,
     "E/flutter (23456): [ERROR:flutter/lib/ui/ui_dart_state.cc(157)] Unhandled Exception: Unable to load asset: "
     "assets/assets/model.tflite"),
]

CORAL_ROWS = [
    ("Failed to load delegate from {library}",
     r"Failed to load delegate from (?P<path>[\w./\\-]{0,200}edgetpu[\w.-]{0,40})",
     f"tensorflow {_tf_version()} lite/python/interpreter.py (load_delegate), as pycoral's make_interpreter / "
     "tflite_runtime "
     "call it for " + src(PYCORAL_REPO, PYCORAL_COMMIT, "pycoral/utils/edgetpu.py", "load_edgetpu_delegate"),
     None, EDGETPU_DELEGATE_READING, None,
     "ValueError: Failed to load delegate from libedgetpu.so.1"),
    ("input size={size}, expected={expected}.",
     r"input size=(?P<got>\d{1,12}), expected=(?P<want>\d{1,12})",
     src(PYCORAL_REPO, PYCORAL_COMMIT, "pycoral/utils/edgetpu.py", "_check_input_size in run_inference"),
     "input_shape_mismatch",
     "pycoral's run_inference was given fewer input bytes than the model's input holds (an image of another size "
     "or channel count)", CORAL_SIZE_FIX,
     "ValueError: input size=150528, expected=270000."),
    ("Only support uint8 input type.",
     lit("Only support uint8 input type."),
     src(PYCORAL_REPO, PYCORAL_COMMIT, "examples/classify_image.py"), "dtype_mismatch",
     "pycoral's classification example was given a model whose input is not uint8: a float (not quantized) model "
     "or one quantized with an int8 input, which the Edge TPU example cannot feed", CORAL_UINT8_FIX,
     "ValueError: Only support uint8 input type."),
    ("Failed to open file: {path}",
     r"Failed to open file: (?P<path>[^\s]{0,300}\.tflite)",
     src(PYCORAL_REPO, PYCORAL_COMMIT, "src/coral_wrapper.cc", "LoadModel: std::invalid_argument"),
     "savedmodel_not_found", "pycoral could not read a TFLite model at the path", MODEL_FILE_FIX,
     "ValueError: Failed to open file: models/mobilenet_v2_edgetpu.tflite"),
]

EDGETPU_ROWS = [
    ("Dectection model should have 4 output tensors!This model has {n}.",
     r"Dectection model should have 4 output tensors! ?This model has (?P<got>\d{1,4})",
     src(EDGETPU_REPO, EDGETPU_COMMIT, "edgetpu/detection/engine.py", "DetectionEngine.__init__"),
     "wrong_api_or_input_format",
     "the Edge TPU API's DetectionEngine was given a model that is no SSD detector with 4 outputs (boxes, classes, "
     "scores, count): an image classifier (Teachable Machine), a segmentation model or a YOLO model",
     EDGETPU_SSD_FIX,
     "ValueError: Dectection model should have 4 output tensors!This model has 1."),
    ("Classification model should have 1 output tensor only!This model has {n}.",
     r"Classification model should have 1 output tensor only! ?This model has (?P<got>\d{1,4})",
     src(EDGETPU_REPO, EDGETPU_COMMIT, "edgetpu/classification/engine.py", "ClassificationEngine.__init__"),
     "wrong_api_or_input_format",
     "the Edge TPU API's ClassificationEngine was given a model with several outputs (a detection model)",
     "Run a detection model (4 outputs) with DetectionEngine (pycoral: detect.get_objects), and give "
     "ClassificationEngine (pycoral: classify.get_classes) a classifier with one [1, classes] output",
     "ValueError: Classification model should have 1 output tensor only!This model has 4."),
    ("Invalid input tensor shape! Expected: [1, height, width, channel]",
     lit("Invalid input tensor shape! Expected: [1, height, width, channel]"),
     src(EDGETPU_REPO, EDGETPU_COMMIT, "edgetpu/classification/engine.py", "classify_with_image; "
         "detection/engine.py detect_with_image the same"), "input_shape_mismatch",
     "the Edge TPU API's image helpers take models with one image input [1, height, width, channels]; this model's "
     "input has another rank or a batch other than 1", TASK_INPUT_SHAPE_FIX,
     "RuntimeError: Invalid input tensor shape! Expected: [1, height, width, channel]"),
    ("No Edge TPU device detected!",
     lit("No Edge TPU device detected!"),
     src(EDGETPU_REPO, EDGETPU_COMMIT, "src/cpp/basic/edgetpu_resource_manager.cc", "GetEdgeTpuResource"),
     None, EDGETPU_DEVICE_READING, None,
     "RuntimeError: No Edge TPU device detected!"),
    ("Error in device opening ({path})!",
     r"Error in device opening \((?P<path>[^)\n]{0,200})\)!",
     src(EDGETPU_REPO, EDGETPU_COMMIT, "src/cpp/basic/edgetpu_resource_manager.cc", "GetEdgeTpuResource"),
     None, EDGETPU_DEVICE_READING, None,
     "RuntimeError: Error in device opening (/sys/bus/usb/devices/2-1)!"),
]

UNITY_INTERP = "Packages/com.github.asus4.tflite/Runtime/Interpreter.cs"
UNITY_ROWS = [
    ("TensorFlowLite operation failed.",
     lit("TensorFlowLite operation failed."),
     src(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, "ThrowIfError: kTfLiteError from TfLiteTensorCopyFromBuffer, "
         "AllocateTensors, Invoke or ResizeInputTensor"), "input_shape_mismatch",
     "a TFLite call of tf-lite-unity (Unity, C#) failed: most often the input array's bytes differ from the input "
     "tensor's (another size or element type), so copying it in failed", UNITY_FAILED_FIX,
     "Exception: TensorFlowLite operation failed.\nTensorFlowLite.Interpreter.ThrowIfError (TensorFlowLite.Interpreter"
     "+Status status) (at Packages/com.github.asus4.tflite/Runtime/Interpreter.cs:288)"),
    ("Failed to create TensorFlowLite Interpreter",
     lit("Failed to create TensorFlowLite Interpreter"),
     src(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, "Interpreter(byte[], InterpreterOptions)"),
     "runtime_version_mismatch",
     "tf-lite-unity read the model but TFLite could not build an interpreter for it: an op the bundled TFLite "
     "library lacks (Select TF ops, a newer op version) or a delegate that refused it", CREATE_INTERPRETER_FIX,
     "Exception: Failed to create TensorFlowLite Interpreter"),
    ("Failed to create TensorFlowLite Model",
     lit("Failed to create TensorFlowLite Model"),
     src(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, "Interpreter(byte[], InterpreterOptions)"), "savedmodel_not_found",
     "tf-lite-unity could not read the bytes given as a TFLite model (a file that is no .tflite, a text asset's "
     "bytes, a file cut short)", MODEL_FILE_FIX,
     "Exception: Failed to create TensorFlowLite Model"),
    ("Ops not found.",
     r"Exception: Ops not found\.",
     src(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, "ThrowIfError: kTfLiteUnresolvedOps"), "runtime_version_mismatch",
     "tf-lite-unity's TFLite reported ops it has no kernel for (Select TF ops without the Flex delegate, a custom "
     "op, an op version newer than the bundled runtime)", CREATE_INTERPRETER_FIX,
     "Exception: Ops not found."),
    ("{name} is not a valid input tensor name",
     r"(?P<input>[^\s]{1,200}) is not a valid (?P<kind>input|output) tensor name",
     src(UNITY_REPO, UNITY_COMMIT, "Packages/com.github.asus4.tflite/Runtime/SignatureRunner.cs"),
     "input_keys_mismatch",
     "tf-lite-unity's SignatureRunner was given an input or output name the signature does not have",
     "Use the signature's own names (the converter keeps the SavedModel signature's input names, e.g. input_1; "
     "print the SignatureRunner's inputs), not the tensor names of the graph",
     "ArgumentException: serving_default_x:0 is not a valid input tensor name"),
]

MLAGENTS_NAMES_FIX = ("Make the brain's Graph Scope and node names the exported graph's own: the scope the trainer "
                     "used as a prefix of every node (learn.py prints the names at the end; a brain name with '_' "
                     "escaped, or a scope from another run, does not match), or re-export the graph for this brain")
MLAGENTS_ROWS = [
    ("The node {0} could not be found. Please make sure the graphScope {1} is correct",
     r"The node (?P<output>[^\s]{1,200}) could not be found\. Please make sure the graphScope ?(?P<scope>[^\s]{0,200})"
     r" is correct",
     src(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN, "DecideAction: runner.Fetch(graph[graphScope + action])"),
     "input_keys_mismatch",
     "ML-Agents' Internal brain looked up the graph's action node under its Graph Scope and the frozen graph has no "
     "node of that name: the scope or the node names differ from the graph's",
     MLAGENTS_NAMES_FIX,
     "UnityAgentsException: The node BRAIN_ML0/action could not be found. Please make sure the graphScope BRAIN_ML0/ "
     "is correct"),
    ("One of the Tensorflow placeholder cound nout be found. In brain {0}, there are no {1} placeholder named {2}.",
     r"One of the Tensorflow placeholder cound nout be found\. ?In brain (?P<brain>[^,\n]{1,200}), there are no "
     r"(?P<kind>\w{1,40}) placeholder named (?P<input>[^\s]{1,200})\.",
     src(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN, "DecideAction: runner.AddInput(graph[graphScope + name])"),
     "input_keys_mismatch",
     "ML-Agents' Internal brain feeds a placeholder listed in the brain's Graph Placeholders that the frozen graph "
     "has no node for (under the Graph Scope)",
     MLAGENTS_NAMES_FIX,
     "UnityAgentsException: One of the Tensorflow placeholder cound nout be found. In brain Ball3DBrain, there are no "
     "FloatingPoint placeholder named epsilon."),
    ("The tensorflow graph needs an input for {0} of type {1}",
     r"The tensorflow graph needs an input for (?P<placeholder>[^\s]{1,200}) of type (?P<dtype>\w{1,40})",
     src(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN, "DecideAction: TFException from runner.Run()"),
     "unfed_placeholder",
     "ML-Agents' Internal brain ran the frozen graph and TensorFlow asked for a placeholder the brain does not feed "
     "(TensorFlow's 'You must feed a value for placeholder tensor', reworded by ML-Agents)",
     "Feed it from the brain (add it to Graph Placeholders with its type and range, as the trainer's epsilon or "
     "sequence_length), or export the graph with the placeholder given a default (tf.placeholder_with_default) or "
     "frozen to a constant",
     "UnityAgentsException: The tensorflow graph needs an input for vector_observation of type float"),
]

RN_HELPERS = "cpp/TensorHelpers.cpp"
RN_PLUGIN = "cpp/TensorflowPlugin.cpp"
RN_ROWS = [
    ("TFLite: Input Buffer size ({n}) does not match the Input Tensor's expected size ({m})! Make sure to resize the "
     "input values accordingly.",
     r"Input Buffer size \((?P<got>\d{1,12})\) does not match the Input Tensor's expected size "
     r"\((?P<want>\d{1,12})\)",
     src(RN_REPO, RN_COMMIT, RN_HELPERS, "updateTensorFromJSBuffer"), "input_shape_mismatch",
     "react-native-fast-tflite was given an input TypedArray of another byte size than the input tensor (a frame of "
     "another size, RGBA where the model takes RGB, bytes for a float32 model)", RN_SIZE_FIX,
     "Error: TFLite: Input Buffer size (602112) does not match the Input Tensor's expected size (150528)! Make sure "
     "to resize the input values accordingly.", "tflite_bytes"),
    ("TFLite: Invalid input type! Model expected {type}, but received {type}!",
     r"Invalid input type! ?Model expected (?P<want_dtype>[\w-]{1,20}), but received (?P<got_dtype>[\w-]{1,20})",
     src(RN_REPO, RN_COMMIT, RN_HELPERS, "updateTensorFromJSBuffer"), "dtype_mismatch",
     "react-native-fast-tflite was given a TypedArray of another type than the input tensor (a Uint8Array for a "
     "float32 model, a Float32Array for a quantized one)",
     "Give the input as the TypedArray of the tensor's type (model.inputs[0].dataType): new Float32Array(...) with "
     "the pixels normalised as in training for float32, a Uint8Array for uint8; or use the model export of the "
     "type the app builds",
     "Error: TFLite: Invalid input type! Model expected float32, but received uint8!"),
    ("TFLite: Input Values have different size than there are input tensors!",
     lit("Input Values have different size than there are input tensors!"),
     src(RN_REPO, RN_COMMIT, RN_PLUGIN, "copyInputBuffers"), "input_keys_mismatch",
     "react-native-fast-tflite's run was given another number of input arrays than the model has inputs",
     "Give model.run() / runSync() an array with one TypedArray per model input, in the model's order "
     "(model.inputs lists them): runSync([input]) for a one-input model",
     "Error: TFLite: Input Values have different size than there are input tensors!"),
    ("Failed to load model from \"{path}\"!",
     r"Failed to load model from \"(?P<path>[^\"\n]{0,300})\"!",
     src(RN_REPO, RN_COMMIT, RN_PLUGIN, "__loadTensorflowModel"), "savedmodel_not_found",
     "react-native-fast-tflite could not fetch or read the model file (a require() of a .tflite that Metro does "
     "not bundle, a URL that does not answer with the file)",
     "Bundle the model as an asset: add 'tflite' to resolver.assetExts in metro.config.js, require('./model.tflite') "
     "and rebuild; for a URL, check it downloads the .tflite file itself",
     "Error: Failed to load model from \"http://10.0.2.2:8081/assets/model.tflite?platform=android\"!"),
    ("Failed to create TFLite interpreter from model \"{path}\"!",
     r"Failed to create TFLite interpreter from model \"[^\"\n]{0,300}\"!",
     src(RN_REPO, RN_COMMIT, RN_PLUGIN, "__loadTensorflowModel"), "runtime_version_mismatch",
     "react-native-fast-tflite read the model but TFLite could not build an interpreter for it (ops the bundled "
     "TFLite lacks: Select TF ops, newer op versions; or the chosen delegate refused it)", CREATE_INTERPRETER_FIX,
     "Error: Failed to create TFLite interpreter from model \"file:///data/model.tflite\"!"),
]

TF_MOBILE = src(TF_REPO, TF_MOBILE_COMMIT,
                "tensorflow/contrib/android/java/org/tensorflow/contrib/android/TensorFlowInferenceInterface.java")
TF_MOBILE_ROWS = [
    ("Failed to load model from '{model}'",
     r"Failed to load model from '(?P<path>[^'\n]{0,300})'",
     TF_MOBILE + " (the constructor: the asset or file could not be opened, or loadGraph's 'Not a valid TensorFlow "
     "Graph serialization: …' from importGraphDef)", "model_load_failed",
     "TensorFlow Mobile's TensorFlowInferenceInterface could not load the frozen graph: the file was not found "
     "among the app's assets, or TensorFlow refused the graph (an op or attr this older library does not know)",
     TF_MOBILE_FIX,
     "java.lang.RuntimeException: Failed to load model from 'file:///android_asset/frozen_model.pb'\n\tat org."
     "tensorflow.contrib.android.TensorFlowInferenceInterface.<init>(TensorFlowInferenceInterface.java:113)"),
    ("Node '{name}' does not exist in model '{model}'",
     r"Node '(?P<input>[^'\n]{1,200})' does not exist in model '[^'\n]{0,300}'",
     TF_MOBILE + " (graphOperation)", "input_keys_mismatch",
     "TensorFlow Mobile was asked for a node name the loaded graph does not have (an input or output name of "
     "another export, or a tensor name with ':0')", TF_MOBILE_NODE_FIX,
     "java.lang.RuntimeException: Node 'input' does not exist in model 'file:///android_asset/graph.pb'"),
    ("Node '{name}' was not provided to run(), so it cannot be read",
     r"Node '(?P<output>[^'\n]{1,200})' was not provided to run\(\), so it cannot be read",
     TF_MOBILE + " (getTensor)", "input_keys_mismatch",
     "TensorFlow Mobile's fetch() asked for an output that was not among the names given to run()",
     "Pass every output you fetch to run(new String[]{...}) under the same name (with the same ':0' or without it)",
     "java.lang.RuntimeException: Node 'output:0' was not provided to run(), so it cannot be read"),
]

TFLM_ROWS = [
    ("Didn't find op for builtin opcode '{op}'",
     r"Didn't find op for builtin opcode '(?P<op>\w{1,60})'(?! ?version)",
     src(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/micro_op_resolver.cc", "GetRegistrationFromOpCode; the "
         "interpreter then prints 'Failed to get registration from op code %s'"), "runtime_version_mismatch",
     "TensorFlow Lite for Microcontrollers found an op in the model that its op resolver has no kernel for (not added "
     "to the MicroMutableOpResolver, or a library version without it)", TFLM_RESOLVER_FIX,
     "Didn't find op for builtin opcode 'MUL'\nFailed to get registration from op code MUL\n \nAllocateTensors() "
     "failed"),
    ("Failed to resize buffer. Requested: {n}, available {m}, missing: {k}",
     r"Failed to (?:resize buffer|allocate (?:tail|temp) memory|set head size)\. ?Requested: ?(?P<want>\d{1,12}), "
     r"?available (?P<got>\d{1,12}), ?missing: ?\d{1,12}",
     src(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/arena_allocator/single_arena_buffer_allocator.cc") + "; "
     + src(TFLM_REPO, TFLM_OLD_COMMIT, "tensorflow/lite/micro/simple_memory_allocator.cc", "before 2022: 'Failed to "
           "set head size. …'"), "model_too_large",
     "TensorFlow Lite for Microcontrollers ran out of its tensor arena while allocating the model's tensors: the "
     "arena the sketch gives is smaller than the model needs", TFLM_ARENA_FIX,
     "Failed to resize buffer. Requested: 210432, available 102400, missing: 108032\nAllocateTensors() failed"),
    ("Arena size is too small for all buffers. Needed {n} but only {m} was available.",
     r"Arena size is too small for all buffers\. ?Needed (?P<want>\d{1,12}) but only (?P<got>\d{1,12}) was "
     r"available",
     src(TFLM_REPO, TFLM_OLD_COMMIT, "tensorflow/lite/micro/micro_allocator.cc", "CommitStaticMemoryPlan, before "
         "2022"), "model_too_large",
     "TensorFlow Lite for Microcontrollers' memory plan for the model needs more than the tensor arena holds",
     TFLM_ARENA_FIX,
     "Arena size is too small for all buffers. Needed 88912 but only 60048 was available.\nAllocateTensors() "
     "failed"),
    ("Model provided is schema version {n} not equal to supported version {m}.",
     r"Model provided is schema version (?P<got>\d{1,12}) not equal to supported version (?P<want>\d{1,4})",
     src(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/examples/person_detection/main_functions.cc", "setup(), the "
         "check every TFLite Micro example and the sketches built on them copy"), "savedmodel_not_found",
     "a TensorFlow Lite for Microcontrollers sketch read a model array whose schema version is not the TFLite "
     "schema's (3): the array is not a .tflite flatbuffer (another file, a cut or mangled copy)", TFLM_SCHEMA_FIX,
     "Model provided is schema version 0 not equal to supported version 3."),
    ("Couldn't register builtin op #{op}, resolver size is too small ({n}).",
     r"Couldn't register (?:builtin op #\d{1,4}|custom op '[^'\n]{1,80}'), resolver size\s{0,3}is too "
     r"?small \(\d{1,4}\)",
     src(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/micro_mutable_op_resolver.h", "AddBuiltin / AddCustom"),
     None,
     "the app's MicroMutableOpResolver<N> was declared for fewer ops than it adds (raise N to the number of Add "
     "calls): the sketch's own setup, not about the request or model — an op left out this way then fails as "
     "'Didn't find op for builtin opcode'", None,
     "Couldn't register builtin op #9, resolver size \nis too small (5)."),
]

ROWS = (IOS_ROWS + SUPPORT_ROWS + TASK_ROWS + METADATA_ROWS + FLUTTER_ROWS + CORAL_ROWS + EDGETPU_ROWS
        + UNITY_ROWS + MLAGENTS_ROWS + RN_ROWS + TF_MOBILE_ROWS + TFLM_ROWS)

# ------------------------------------------------------------------------------------------------ source quotes

SWIFT_PATH = "tensorflow/lite/swift/Sources/InterpreterError.swift"
OBJC_PATH = "tensorflow/lite/objc/sources/TFLInterpreter.mm"
IMAGE_SPECS = TASK_VISION + "utils/image_tensor_specs.cc"
DETECTOR = TASK_VISION + "object_detector.cc"
POSTPROC = "tensorflow_lite_support/cc/task/processor/classification_postprocessor.cc"
_S = (SUPPORT_REPO, SUPPORT_COMMIT)
_F = (FLUTTER_REPO, FLUTTER_COMMIT)
_FO = (FLUTTER_OLD_REPO, FLUTTER_OLD_COMMIT)
_C = (PYCORAL_REPO, PYCORAL_COMMIT)
TF_MOBILE_PATH = "tensorflow/contrib/android/java/org/tensorflow/contrib/android/TensorFlowInferenceInterface.java"

QUOTES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    # template -> [(repo, commit, path, pieces)]: every piece must be in that file at that commit
    IOS_ROWS[0][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH,
                      ('"Provided data count \\(provided) must match the required count \\(required)."',))],
    IOS_ROWS[1][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ('"Invalid tensor index \\(index), max index is '
                                                          '\\(maxIndex)."',))],
    IOS_ROWS[2][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ('"Failed to load the given model."',))],
    IOS_ROWS[3][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ('"Failed to create the interpreter."',)),
                     (TF_REPO, OBJC_COMMIT, OBJC_PATH, ('@"Failed to create the interpreter."',))],
    IOS_ROWS[4][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ('"Must call allocateTensors()."',))],
    IOS_ROWS[5][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH,
                      ("case invalidTensorDataCount(provided: Int, required: Int)",))],
    IOS_ROWS[6][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH,
                      ("case invalidTensorIndex(index: Int, maxIndex: Int)",))],
    IOS_ROWS[7][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ("case failedToLoadModel",))],
    IOS_ROWS[8][0]: [(TF_REPO, SWIFT_COMMIT, SWIFT_PATH, ("case failedToCreateInterpreter",))],
    IOS_ROWS[9][0]: [(TF_REPO, OBJC_COMMIT, OBJC_PATH, ('@"Cannot load model from path (%@)."',))],
    IOS_ROWS[10][0]: [(TF_REPO, OBJC_COMMIT, OBJC_PATH, ('@"Input tensor at index (%lu) expects data size (%lu), but '
                                                        'got (%lu)."',))],
    IOS_ROWS[11][0]: [(TF_REPO, OBJC_COMMIT, OBJC_PATH, ('@"Failed to create a signature runner. Signature with key '
                                                        '(%@) not found."',))],
    SUPPORT_ROWS[0][0]: [(*_S, SUPPORT_JAVA + "tensorbuffer/TensorBuffer.java",
                          ('"The size of byte buffer and the shape do not match. Expected: "', '" Actual: "'))],
    SUPPORT_ROWS[1][0]: [(*_S, SUPPORT_JAVA + "tensorbuffer/TensorBufferFloat.java",
                          ('"The size of the array to be loaded does not match the specified shape."',)),
                         (*_S, SUPPORT_JAVA + "tensorbuffer/TensorBufferUint8.java",
                          ('"The size of the array to be loaded does not match the specified shape."',))],
    SUPPORT_ROWS[2][0]: [(*_S, SUPPORT_JAVA + "image/ColorSpaceType.java",
                          ('"The shape of a RGB image should be (h, w, c) or (1, h, w, c), and channels"',
                           '" representing R, G, B in order. "',
                           '"The shape of a grayscale image should be (h, w) or (1, h, w, 1). "',
                           'getShapeInfoMessage() + "The provided image shape is " + Arrays.toString(shape)'))],
    SUPPORT_ROWS[3][0]: [(*_S, SUPPORT_JAVA + "image/TensorImage.java",
                          ('"Illegal data type for TensorImage: Only FLOAT32 and UINT8 are accepted"',))],
    SUPPORT_ROWS[4][0]: [(*_S, SUPPORT_JAVA + "image/BitmapContainer.java",
                          ('bitmap.getConfig().equals(Config.ARGB_8888), "Only supports loading ARGB_8888 '
                           'bitmaps.");',))],
    TASK_ROWS[0][0]: [(*_S, DETECTOR, ('"Mobile SSD models are expected to have exactly 4 "', '"outputs, found %d"')),
                      (*_S, "tensorflow_lite_support/java/src/native/task/vision/detector/object_detector_jni.cc",
                       ('"Error occurred when initializing ObjectDetector: %s"',))],
    TASK_ROWS[1][0]: [(*_S, DETECTOR, ('"Object detection models require TFLite "', '"Model Metadata but none was '
                                                                                    'found"'))],
    TASK_ROWS[2][0]: [(*_S, IMAGE_SPECS, ('"Input tensor has type kTfLiteFloat32: it requires specifying "',
                                          '"NormalizationOptions metadata to preprocess input images."'))],
    TASK_ROWS[3][0]: [(*_S, IMAGE_SPECS, ('"The input tensor should have dimensions 1 x height x "', '"width x 3. Got '
                                                                                                    '",'))],
    TASK_ROWS[4][0]: [(*_S, IMAGE_SPECS, ('"Only 4D tensors in BHWD layout are supported."',))],
    TASK_ROWS[5][0]: [(*_S, IMAGE_SPECS, ('"Type mismatch for input tensor ", input_tensor->name,',
                                          '". Requested one of these types: kTfLiteUint8/kTfLiteFloat32, got ",')),
                      (*_S, POSTPROC, ('"Type mismatch for output tensor %s. Requested one "',
                                       '"kTfLiteUint8/kTfLiteFloat32, got %s."'))],
    TASK_ROWS[6][0]: [(*_S, IMAGE_SPECS, ('"Models are assumed to have a single input."',
                                          '"Models are assumed to have a single input TensorMetadata."'))],
    TASK_ROWS[7][0]: [(*_S, DETECTOR, ('"Mismatch between number of output tensors (4) and output tensors "',
                                       '"metadata (%d)."'))],
    TASK_ROWS[8][0]: [(*_S, POSTPROC, ('absl::StrFormat("Got %d class(es) for output index %d, expected %d "',
                                       '"according to the label map."'))],
    TASK_ROWS[9][0]: [(*_S, POSTPROC, ('"Unexpected number of dimensions for output index %d: got %dD, "',
                                       '"expected either 2D (BxN with B=1) or 4D (BxHxWxN with B=1, W=1, "'))],
    TASK_ROWS[10][0]: [(*_S, "tensorflow_lite_support/cc/task/core/tflite_engine.cc",
                        ('"Could not build model from the provided pre-loaded flatbuffer: ",',))],
    METADATA_ROWS[0][0]: [(*_S, "tensorflow_lite_support/metadata/python/metadata.py",
                           ('"The number of output tensors ({0}) should match the number of "',
                            '"output tensor metadata ({1})"', '"The number of input tensors ({0}) should match the '
                                                              'number of "'))],
    METADATA_ROWS[1][0]: [(*_S, "tensorflow_lite_support/metadata/python/metadata.py",
                           ('raise ValueError("The model does not have metadata.")',))],
    FLUTTER_ROWS[0][0]: [(QUIVER_REPO, QUIVER_COMMIT, "lib/check.dart",
                          ("throw StateError(_resolveMessage(message, 'failed precondition')!);",)),
                         (*_F, F_TENSOR, ("checkState(tfliteBinding.TfLiteTensorCopyFromBuffer(",)),
                         (*_FO, F_TENSOR, ("checkState(tfLiteTensorCopyFromBuffer(_tensor, ptr.cast(), bytes.length) "
                                           "==",))],
    FLUTTER_ROWS[1][0]: [(*_F, F_TENSOR, ("'Output object shape mismatch, interpreter returned output of shape: "
                                          "${obj.shape} while shape of output provided as argument in run is: "
                                          "${dst.shape}'",)),
                         (*_FO, F_TENSOR, ("'Output object shape mismatch, interpreter returned output of shape: "
                                           "${obj.shape} while shape of output provided as argument in run is: "
                                           "${dst.shape}'",))],
    FLUTTER_ROWS[2][0]: [(*_F, "lib/src/util/byte_conversion_utils.dart",
                          ("'The input element is ${input.runtimeType} while tensor data type is $tensorType',",)),
                         (*_FO, "lib/src/util/byte_conversion_utils.dart",
                          ("'The input element is ${o.runtimeType} while tensor data tfliteType is "
                           "${TfLiteType.float32}'",))],
    FLUTTER_ROWS[3][0]: [(*_F, "lib/src/util/list_shape_extension.dart",
                          ("'Total elements mismatch expected: $numElements elements for shape: $shape but found "
                           "$computeNumElements'",)),
                         (*_FO, "lib/src/util/list_shape_extension.dart",
                          ("'Total elements mismatch expected: $numElements elements for shape: $shape but found "
                           "$computeNumElements'",))],
    FLUTTER_ROWS[4][0]: [(*_F, F_INTERP, ("'Invalid input Tensor index: $index'", "'Invalid output Tensor index: "
                                                                                   "$index'")),
                         (*_FO, F_INTERP, ("'Invalid input Tensor index: $index'",))],
    FLUTTER_ROWS[5][0]: [(*_F, F_INTERP, ('"Input error: $opName\' is not a valid name for any input. Names of '
                                          'inputs and their indexes are $inputTensorsIndex"',
                                          '"Output error: $opName\' is not a valid name for any output.')),
                         (*_FO, F_INTERP, ('"Input error: $opName\' is not a valid name for any input.',))],
    FLUTTER_ROWS[6][0]: [(*_F, F_TENSOR, ("'Mismatched lengths ${shape[dim]} and $len in dimension $dim'",)),
                         (*_FO, F_TENSOR, ("'Mismatched lengths ${shape[dim]} and $len in dimension $dim'",))],
    FLUTTER_ROWS[7][0]: [(*_F, F_INTERP, ("message: 'Unable to create interpreter.'",)),
                         (*_FO, F_INTERP, ("message: 'Unable to create interpreter.'",))],
    FLUTTER_ROWS[8][0]: [(*_F, "lib/src/model.dart", ("message: 'Unable to create model from file'",
                                                      "message: 'Unable to create model from buffer'")),
                         (*_FO, "lib/src/model.dart", ("message: 'Unable to create model from file'",))],
    FLUTTER_ROWS[9][0]: [(FLUTTER_SDK_REPO, FLUTTER_SDK_COMMIT, "packages/flutter/lib/src/services/asset_bundle.dart",
                          ("throw FlutterError('Unable to load asset: $key');",)),
                         (*_FO, F_INTERP, ("await rootBundle.load('assets/$assetFileName');",)),
                         (*_F, F_INTERP, ("await rootBundle.load(assetFileName);",))],
    CORAL_ROWS[0][0]: [(LOCAL_TF, "installed", "lite/python/interpreter.py",
                        ("raise ValueError('Failed to load delegate from {}\\n{}'.format(",)),
                       (*_C, "pycoral/utils/edgetpu.py", ("return tflite.load_delegate(_EDGETPU_SHARED_LIB, options "
                                                          "or {})",))],
    CORAL_ROWS[1][0]: [(*_C, "pycoral/utils/edgetpu.py", ("raise ValueError('input size={}, expected={}.'.format(",))],
    CORAL_ROWS[2][0]: [(*_C, "examples/classify_image.py", ("raise ValueError('Only support uint8 input type.')",))],
    CORAL_ROWS[3][0]: [(*_C, "src/coral_wrapper.cc", ('throw std::invalid_argument("Failed to open file: " + '
                                                      'model_path);',))],
    EDGETPU_ROWS[0][0]: [(EDGETPU_REPO, EDGETPU_COMMIT, "edgetpu/detection/engine.py",
                          ("('Dectection model should have 4 output tensors!'", "'This model has {}.'.format("))],
    EDGETPU_ROWS[1][0]: [(EDGETPU_REPO, EDGETPU_COMMIT, "edgetpu/classification/engine.py",
                          ("('Classification model should have 1 output tensor only!'",
                           "'This model has {}.'.format("))],
    EDGETPU_ROWS[2][0]: [(EDGETPU_REPO, EDGETPU_COMMIT, path, ("'Invalid input tensor shape! Expected: [1, height, "
                                                              "width, channel]'",))
                         for path in ("edgetpu/classification/engine.py", "edgetpu/detection/engine.py")],
    EDGETPU_ROWS[3][0]: [(EDGETPU_REPO, EDGETPU_COMMIT, "src/cpp/basic/edgetpu_resource_manager.cc",
                          ('error_reporter_->Report("No Edge TPU device detected!");',))],
    EDGETPU_ROWS[4][0]: [(EDGETPU_REPO, EDGETPU_COMMIT, "src/cpp/basic/edgetpu_resource_manager.cc",
                          ('absl::Substitute("Error in device opening ($0)!", path)',))],
    UNITY_ROWS[0][0]: [(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, ('throw new Exception("TensorFlowLite operation '
                                                                 'failed.");',
                                                                 "ThrowIfError(TfLiteTensorCopyFromBuffer("))],
    UNITY_ROWS[1][0]: [(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, ('throw new Exception("Failed to create TensorFlowLite '
                                                                 'Interpreter");',))],
    UNITY_ROWS[2][0]: [(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, ('throw new Exception("Failed to create TensorFlowLite '
                                                                 'Model");',))],
    UNITY_ROWS[3][0]: [(UNITY_REPO, UNITY_COMMIT, UNITY_INTERP, ("case Status.UnresolvedOps:",
                                                                 'throw new Exception("Ops not found.");'))],
    UNITY_ROWS[4][0]: [(UNITY_REPO, UNITY_COMMIT, "Packages/com.github.asus4.tflite/Runtime/SignatureRunner.cs",
                        ('throw new ArgumentException($"{name} is not a valid input tensor name");',
                         'throw new ArgumentException($"{name} is not a valid output tensor name");'))],
    MLAGENTS_ROWS[0][0]: [(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN,
                           ('@"The node {0} could not be found. Please make sure the graphScope {1} is correct"',))],
    MLAGENTS_ROWS[1][0]: [(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN,
                           ('@"One of the Tensorflow placeholder cound nout be found.',
                            'In brain {0}, there are no {1} placeholder named {2}."'))],
    MLAGENTS_ROWS[2][0]: [(MLAGENTS_REPO, MLAGENTS_COMMIT, MLAGENTS_BRAIN,
                           ('@"The tensorflow graph needs an input for {0} of type {1}"',))],
    RN_ROWS[0][0]: [(RN_REPO, RN_COMMIT, RN_HELPERS, ('"TFLite: Input Buffer size (" + std::to_string(inputBufferSize) '
                                                      '+', '") does not match the Input Tensor\'s expected size (" +',
                                                      '")! Make sure to resize the input values accordingly."'))],
    RN_ROWS[1][0]: [(RN_REPO, RN_COMMIT, RN_HELPERS, ('"TFLite: Invalid input type! Model expected " +',
                                                      '", but received " +'))],
    RN_ROWS[2][0]: [(RN_REPO, RN_COMMIT, RN_PLUGIN, ('"TFLite: Input Values have different size than there are input '
                                                     'tensors!"',))],
    RN_ROWS[3][0]: [(RN_REPO, RN_COMMIT, RN_PLUGIN, ('promise->reject("Failed to load model from \\"" + modelPath + '
                                                     '"\\"!");',))],
    RN_ROWS[4][0]: [(RN_REPO, RN_COMMIT, RN_PLUGIN, ('promise->reject("Failed to create TFLite interpreter from model '
                                                     '\\"" + modelPath +',))],
    TF_MOBILE_ROWS[0][0]: [(TF_REPO, TF_MOBILE_COMMIT, TF_MOBILE_PATH,
                            ('throw new RuntimeException("Failed to load model from \'" + model + "\'", e);',
                             'throw new IOException("Not a valid TensorFlow Graph serialization: " + '
                             'e.getMessage());'))],
    TF_MOBILE_ROWS[1][0]: [(TF_REPO, TF_MOBILE_COMMIT, TF_MOBILE_PATH,
                            ('"Node \'" + operationName + "\' does not exist in model \'" + modelName + "\'"',))],
    TF_MOBILE_ROWS[2][0]: [(TF_REPO, TF_MOBILE_COMMIT, TF_MOBILE_PATH,
                            ('"Node \'" + outputName + "\' was not provided to run(), so it cannot be read"',))],

    TFLM_ROWS[0][0]: [(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/micro_op_resolver.cc",
                       ("MicroPrintf(\"Didn't find op for builtin opcode '%s'\",",)),
                      (TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/micro_interpreter.cc",
                       ('MicroPrintf("Failed to get registration from op code %s\\n ",',))],
    TFLM_ROWS[1][0]: [(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/arena_allocator/single_arena_buffer_allocator.cc",
                       ('"Failed to resize buffer. Requested: %u, available %u, missing: %u",',
                        '"Failed to allocate tail memory. Requested: %u, "', '"Failed to allocate temp memory. '
                                                                              'Requested: %u, "',
                        '"available %u, missing: %u",')),
                      (TFLM_REPO, TFLM_OLD_COMMIT, "tensorflow/lite/micro/simple_memory_allocator.cc",
                       ('"Failed to set head size. Requested: %u, available %u, missing: %u",',))],
    TFLM_ROWS[2][0]: [(TFLM_REPO, TFLM_OLD_COMMIT, "tensorflow/lite/micro/micro_allocator.cc",
                       ('"Arena size is too small for all buffers. Needed %u but only "', '"%u was available.",'))],
    TFLM_ROWS[3][0]: [(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/examples/person_detection/main_functions.cc",
                       ('"Model provided is schema version %d not equal "', '"to supported version %d.",'))],
    TFLM_ROWS[4][0]: [(TFLM_REPO, TFLM_COMMIT, "tensorflow/lite/micro/micro_mutable_op_resolver.h",
                       ('MicroPrintf("Couldn\'t register builtin op #%d, resolver size ", op);',
                        'MicroPrintf("is too small (%d).", tOpCount);',
                        '"Couldn\'t register custom op \'%s\', resolver size is too"'))],
}


def quote_text(repo: str, commit: str, path: str) -> str | None:
    """The file at the commit (a git mirror under /work/.mirror, or the installed TensorFlow for ``tf``), or None when
    it is not on this machine (tensorflow/tensorflow and flutter/flutter are too large to mirror here)."""
    if repo == LOCAL_TF:
        p = TF / path
        return p.read_text() if p.exists() else None
    return mirror_text(repo, commit, path, WHO)


def check_quotes() -> int:
    """Every row's source pieces are in its files at their commits (files not on this machine are skipped); returns
    how many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES, quote_text)


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources (mirrors under {MIRRORS})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
