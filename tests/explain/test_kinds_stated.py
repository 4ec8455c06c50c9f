"""explain's kinds step (sigcheck/explain/kinds.py), what a message states outright: two shapes or two dtypes given
as what the model takes and what it got, an input name the model lacks, a layer or op type the loader cannot
create, a format version it does not read, a folder without the model file, a signature the model lacks, a size over
a limit.  Each text is a real message as its library prints it (the spent sets' texts, or the library's format),
read by the reader alone with the kinds learned WITHOUT the index entries that read it: the message of a runtime
the index has never read (benchmarks/explain_leave_out.py measures this on the spent sets)."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text, kinds, normalize

from .test_kinds import nothing_else_reads, unread  # noqa: F401  (a fixture)

# (text, category, what the reading must name)
STATED = [
    # tfjs-converter graph_executor.ts checkInputShapeAndType: only the batch differs from the declared 1
    ("Error: The shape of dict['input_tensor'] provided in model.execute(dict) must be [1,-1,-1,3], but was "
     "[2,1280,720,3]", "fixed_batch_size_in_graph", {"want_shape": [1, -1, -1, 3], "got_shape": [2, 1280, 720, 3]}),
    # Triton core (infer_request.cc) through tritonclient's gRPC error: another per-example shape
    ("tritonclient.utils.InferenceServerException: [StatusCode.INVALID_ARGUMENT] unexpected shape for input "
     "'INPUT__0' for model 'test_model_pytorch'. Expected [1,28,28], got [1,784]",
     "input_shape_mismatch", {"want_shape": [1, 28, 28], "got_shape": [1, 784]}),
    # NumPy's broadcast of an input array into a preallocated batch (a grayscale image for an RGB model)
    ("ValueError: could not broadcast input array from shape (224,224) into shape (224,224,3)",
     "input_shape_mismatch", {"got_shape": [224, 224], "want_shape": [224, 224, 3]}),
    # ONNX Runtime (inference_session.cc ValidateInputs): the model's batch dimension is fixed at 1
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Got invalid dimensions for input: input.1 for the following indices\n index: 0 Got: 3 Expected: 1\n "
     "Please fix either the inputs or the model.", "fixed_batch_size_in_graph", {"dim": 0, "got": 3, "want": 1}),
    # ... and another dimension than the batch
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Got invalid dimensions for input: images for the following indices\n index: 2 Got: 416 Expected: 640\n "
     "Please fix either the inputs or the model.", "input_shape_mismatch", {"dim": 2, "got": 416, "want": 640}),
    # TensorFlow's session.py feed check (the tensor's own shape after 'which has shape')
    ("ValueError: Cannot feed value of shape (1,608,608,3) for Tensor 'input1:0', which has shape '(?, 416, 416, 3)'",
     "input_shape_mismatch", {"got_shape": [1, 608, 608, 3], "want_shape": [-1, 416, 416, 3]}),
    # ... decoded pixels for a vector of encoded image strings
    ("ValueError: Cannot feed value of shape (1, 720, 498, 3) for Tensor 'input_tensor:0', which has shape '(?,)'",
     "encoded_image_string_mismatch", {"want_shape": [-1]}),
    # Keras 2's training_utils standardize_input_data: the rank it takes, the shape given
    ("ValueError: Error when checking input: expected conv2d_input to have 4 dimensions, but got array with shape "
     "(1, 200, 200)", "input_shape_mismatch", {"want_rank": 4, "got_shape": [1, 200, 200]}),
    # NumPy: values that do not fill the shape asked for
    ("ValueError: cannot reshape array of size 1800 into shape (1,2925)", "input_shape_mismatch",
     {"values": 1800, "want_shape": [1, 2925]}),
    # Core ML's enumerated shapes: the shape given is not one the model takes
    ("Shape (1 x 128 x 32 x 32) was not in enumerated set of allowed shapes", "input_shape_mismatch",
     {"got_shape": [1, 128, 32, 32]}),
    # DL4J's layer input check: the rank it takes, the shape given before it
    ("DL4JInvalidInputException: Got rank 2 array as input to ConvolutionLayer (layer name = convolution2d_2, layer "
     "index = 0) with shape [1, 784]. Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, "
     "inputWidth].", "input_shape_mismatch", {"got_shape": [1, 784], "want_rank": 4}),
    # Triton's byte count check: twice the bytes is 8-byte values for a 4-byte input (float64 for float32)
    ("tensorrtserver.api.InferenceServerException: [ 0] invalid size 4153344 bytes for input 'input/input_data', "
     "expects 2076672 bytes", "dtype_mismatch", {"got_bytes": 4153344, "want_bytes": 2076672}),
    # TensorFlow's conv / pool shape functions: an input smaller than the model's windows
    ("2017-09-02 09:46:31.250573: W tensorflow/core/framework/op_kernel.cc:1158] Invalid argument: computed output "
     "size would be negative", "input_shape_mismatch", {}),
    # TFLite's SetTensor with a None value; TensorFlow's Cast with no kernel for the pair
    ("ValueError: Cannot set tensor: Got value of type NOTYPE but expected type FLOAT32 for input 0, name: "
     "flatten_input", "dtype_mismatch", {"got_dtype": "none", "expected_dtype": "float32"}),
    ("UnimplementedError: Cast string to float is not supported [[node model/Cast]]", "bytes_sent_to_numeric_input",
     {"got_dtype": "string", "expected_dtype": "float32"}),
    # tfjs-converter graph_executor.ts: the dtype check
    ("Error: The dtype of dict['image_tensor'] provided in model.execute(dict) must be int32, but was float32",
     "dtype_mismatch", {"got_dtype": "float32", "expected_dtype": "int32"}),
    # ONNX Runtime's input type check
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Unexpected input data type. Actual: (tensor(float)) , expected: (tensor(uint8))",
     "dtype_mismatch", {"got_dtype": "float32", "expected_dtype": "uint8"}),
    # ... strings where the model takes numbers
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
     "Unexpected input data type. Actual: (tensor(string)) , expected: (tensor(float))",
     "bytes_sent_to_numeric_input", {"got_dtype": "string", "expected_dtype": "float32"}),
    # ML.NET's schema check (.NET type names)
    ("System.ArgumentOutOfRangeException: Schema mismatch for input column 'image_tensor': expected Byte, got Single "
     "(Parameter 'inputSchema')", "dtype_mismatch", {"got_dtype": "float32", "expected_dtype": "uint8"}),
    # coremltools/models/model.py (__setitem__ of the prediction's input dict)
    ("AttributeError: No feature with name image.", "input_keys_mismatch", {"input": "image"}),
    # ML.NET's TensorFlow transform
    ("System.ArgumentOutOfRangeException: Input column 'input' does not exist in the model Parameter name: inputs",
     "input_keys_mismatch", {"input": "input"}),
    # Keras.js Model.predict: the model's own input names
    ("Error: predict() must take an object where the keys are the named inputs of the model: input_3.",
     "input_keys_mismatch", {"expected_keys": "input_3"}),
    # OpenCV dnn.cpp getLayerInstance: a layer type this OpenCV has no implementation of
    ("OpenCV(4.2.0) Error: Unspecified error (Can't create layer \"expanded_conv_add/add\" of type \"AddV2\") in "
     "cv::dnn::dnn4_v20191202::LayerData::getLayerInstance, file C:\\build\\opencv\\modules\\dnn\\src\\dnn.cpp, "
     "line 562", "runtime_version_mismatch", {}),
    # ncnn net.cpp load_param
    ("layer TFReshape not exists or registered", "runtime_version_mismatch", {"name": "TFReshape"}),
    # keras2ncnn's converter: a layer class it has no conversion for
    ("[ERROR] Operator KerasLayer not support. ========================================= {'name': 'keras_layer', "
     "'trainable': True, 'dtype': 'float32'}", "runtime_version_mismatch", {"name": "KerasLayer"}),
    # ONNX Runtime graph.cc: an op this runtime has no schema for
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidGraph: [ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model "
     "from model.onnx failed:This is an invalid model. In Node, (\"\", MyCustomOp, \"\", -1) : (\"x\": tensor(float),) "
     "-> (\"y\",) , Error No Op registered for MyCustomOp with domain_version of 13", "runtime_version_mismatch", {}),
    # TensorFlow 1's importer (framework/importer.py): an op this TensorFlow's registry lacks
    ("ValueError: No op named NonMaxSuppressionV2 in defined operations.", "runtime_version_mismatch", {}),
    # TensorFlow's op_kernel.cc: a build without a kernel for the op (TF Java / Android's reduced builds)
    ("Could not create TensorFlow Graph: Invalid argument: No OpKernel was registered to support Op 'Switch' with "
     "these attrs.", "runtime_version_mismatch", {}),
    # TFLite's op resolver (Micro and the interpreter)
    ("Didn't find op for builtin opcode 'SOFTMAX' version '2'", "runtime_version_mismatch", {}),
    ("Op builtin_code out of range: 127. Are you using old TFLite binary with newer model?",
     "runtime_version_mismatch", {}),
    # Keras 2's base_layer: a config key this Keras's layer does not take
    ("TypeError: ('Keyword argument not understood:', 'data_format')", "runtime_version_mismatch", {}),
    # Keras < 2.5's hdf5_format reading an .h5 through h5py >= 3 (attributes come back as str)
    ("original_keras_version = f.attrs['keras_version'].decode('utf8') AttributeError: 'str' object has no attribute "
     "'decode'", "runtime_version_mismatch", {}),
    # TensorFlow 1 code under TensorFlow 2 (meta_graph.py)
    ("RuntimeError: Exporting/importing meta graphs is not supported when eager execution is enabled. No graph exists "
     "when eager execution is enabled.", "runtime_version_mismatch", {}),
    # Python's marshal (a Keras Lambda layer's code saved by another Python)
    ("ValueError: bad marshal data (unknown type code)", "runtime_version_mismatch", {}),
    ("_bad marshal data (unknown type code)_", "runtime_version_mismatch", {}),  # as Markdown's italics paste it
    # OpenVINO's IR reader: a file written by a newer Model Optimizer than the runtime
    ("[ ERROR ] Error reading network: cannot parse future versions: 6", "runtime_version_mismatch", {}),
    # DeepSpeech's model loader
    ("Specified model file version (0) is incompatible with minimum version supported by this client (3)",
     "runtime_version_mismatch", {}),
    # onnx.js Model.load
    ("Error: only support ONNX model with IR_VERSION=3", "runtime_version_mismatch", {"supported_version": "only 3"}),
    # tensorflow_hub resolver: a cached module folder without the model file (a download cut short)
    ("ValueError: Trying to load a model of incompatible/unknown type. '/tmp/tfhub_modules/9616fd04ec236062' "
     "contains neither 'saved_model.pb' nor 'saved_model.pbtxt'.", "savedmodel_not_found",
     {"path": "/tmp/tfhub_modules/9616fd04ec236062"}),
    # TensorFlow's checkpoint reader: a prefix that matches no file
    ("tensorflow.python.framework.errors_impl.NotFoundError: Unsuccessful TensorSliceReader constructor: Failed to "
     "find any matching files for /opt/models/pacbio/model.ckpt", "savedmodel_not_found",
     {"path": "/opt/models/pacbio/model.ckpt"}),
    # tfjs-node's file system loader (io/file_system.ts)
    ("UnhandledPromiseRejectionWarning: Error: Path /app/demo/models/faceboxes.json does not exist: loading failed",
     "savedmodel_not_found", {"path": "/app/demo/models/faceboxes.json"}),
    # TensorFlow's Graph.as_graph_element (ops.py): a feed or fetch name the graph does not have
    ("KeyError: \"The name 'image_tensor:0' refers to a Tensor which does not exist. The operation, 'image_tensor', "
     "does not exist in the graph.\"", "input_keys_mismatch", {"input": "image_tensor:0"}),
    # cppflow's model.h (operation lookup by name)
    ("libc++abi: terminating with uncaught exception of type std::runtime_error: No operation named "
     "\"serving_default_input_1\" exists", "input_keys_mismatch", {"input": "serving_default_input_1"}),
    # TensorFlow's SavedModel loader; a resource variable read with nothing restored into it
    ("external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:165] The specified SavedModel has no variables; no "
     "checkpoints were restored.", "variables_not_restored", {}),
    ("OP_REQUIRES failed at resource_variable_ops.cc:650 : Not found: Resource localhost/dense/kernel does not exist.",
     "variables_not_restored", {}),
    # protobuf's CodedInputStream: a GraphDef over its 64 MB default limit
    ("coded_stream.cc:207] A protocol message was rejected because it was too big (more than 67108864 bytes). To "
     "increase the limit (or to disable these warnings), see CodedInputStream::SetTotalBytesLimit()",
     "model_too_large", {}),
    # Triton's TensorFlow backend: a SavedModel without the signature it looks for
    ("E0215 02:09:14.236638 1 model_repository_manager.cc:358] failed to load 'resnet_v1_50_graphdef' version 1: "
     "Invalid argument: unable to load model 'resnet_v1_50_graphdef', expected 'serving_default' signature",
     "signature_not_found", {}),
    # tfjs-node's SavedModel loader; TensorFlow's load_partial (tf.saved_model.load)
    ("Error: The SavedModel does not have tags: serve", "savedmodel_tags", {}),
    ("ValueError: Importing a SavedModel with `tf.saved_model.load` requires a 'tags=' argument if there is more than "
     "one MetaGraph. Got 'tags=None', but there are 2 MetaGraphs in the SavedModel with tag sets [[], ['train']].",
     "savedmodel_tags", {}),
    # SageMaker's endpoint creation: the container never answered /ping
    ("UnexpectedStatusException: Error hosting endpoint my-endpoint: Failed. Reason: The primary container for "
     "production variant AllTraffic did not pass the ping health check.", "deploy_container_not_ready", {}),
    # an HTTP 415 from a serving container (SageMaker's TF Serving container's handler)
    ("An error occurred (ModelError) when calling the InvokeEndpoint operation: Received client error (415) from "
     "model with message \" { \"error\": \"Unsupported Media Type: application/x-image\" }\"", "instance_format", {}),
    # AWS Lambda's deployment package limit; Heroku's slug limit; WeChat mini-program storage
    ("An error occurred: TensorflowTestLambdaFunction - Unzipped size must be smaller than 262144000 bytes (Service: "
     "AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException; Request ID: 5e7c)",
     "model_too_large", {}),
    ("remote: ! Compiled slug size: 605.7M is too large (max is 500M).", "model_too_large", {}),
    ("Error: APP-SERVICE-SDK:setStorageSync:fail exceed storage max size 10Mb", "model_too_large", {}),
    # a request body over a service's limit (Vertex AI's online prediction)
    ("google.api_core.exceptions.InvalidArgument: 400 Request payload size exceeds the limit: 1572864 bytes.",
     "payload_too_large", {}),
]
IDS = [f"{c}-{i}" for i, (_, c, _) in enumerate(STATED)]


@pytest.mark.parametrize("text, category, named", STATED, ids=IDS)
def test_the_reader_alone_reads_what_a_message_states(text: str, category: str, named: dict) -> None:
    r = kinds.read_kind(normalize(text), text, learned=unread(text))
    assert r is not None and r.category == category, r
    for key, value in named.items():
        assert r.names[key] == value


NUMBERS = [(x, i) for x, i in zip(STATED, IDS) if "got_shape" in x[2] or "got_dtype" in x[2]]


@pytest.mark.parametrize("text, category, named", [x for x, _ in NUMBERS], ids=[i for _, i in NUMBERS])
def test_explain_says_it_read_the_kind_and_renders_the_numbers(nothing_else_reads: None, text: str, category: str,
                                                               named: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    learned = unread(text)
    monkeypatch.setattr(kinds, "model", lambda: learned)
    best = explain_text(text)[0]
    assert best.category == category and "read from the message's kind" in best.title
    shown = " ".join([best.cause] + best.steps)
    if "got_shape" in named and "want_shape" in named:  # the wording (or the fix's own reading) names the sizes
        got, want = set(named["got_shape"]), set(named["want_shape"])
        for size in {d for d in got ^ want if d > 1}:  # the sizes that differ
            assert str(size) in shown, (size, shown)


@pytest.mark.parametrize("text", [
    # two tensors inside a model, with no side given and none taken (the index's own messages read these by
    # their numbers; the kind alone would guess)
    "Incompatible shapes:[43, 8] vs [58, 8].",
    "ValueError: Shapes (3, 3, 64, 128) and (3, 3, 32, 128) are incompatible",
    # one dtype only: a kernel that does not take it (a runtime's version, or a dtype: the message does not say)
    "Type INT32 (2) not supported",
    # the same shape on both sides says nothing of a mismatch
    "unexpected shape for output 'features', model configuration shape is [1,128], inference shape is [1,128]",
    # TFLite's Objective-C / Swift API: byte counts in parentheses, not shapes
    "Error Domain=org.tensorflow.lite.interpreter Code=1 \"Input tensor at index (0) expects data size (8), but got "
    "(4).\"",
    # a size with no limit, a limit with no size
    "MemoryError: Unable to allocate 3.73 GiB for an array with shape (1000, 1000, 500) and data type float64",
])
def test_what_a_message_does_not_state_is_not_read_from_it(text: str) -> None:
    r = kinds.read_kind(normalize(text), text, learned=unread(text))
    assert r is None or r.kind.name not in ("shape", "type"), r


def test_an_input_layer_of_the_graph_is_no_input_name_of_the_request() -> None:
    """OpenCV's importer not finding a graph node (a training placeholder the frozen graph still names) is not a
    request's input name: the statement of input names leaves graph layers and nodes out."""
    text = ("OpenCV(4.0.0-pre) /opencv/modules/dnn/src/tensorflow/tf_importer.cpp:495: error: (-2:Unspecified error) "
            "Input layer not found: image_batch in function 'connect'")
    assert all(c != "input_keys_mismatch" for c, _, _, _ in kinds.stated(text))


def test_a_service_request_id_is_not_a_request_size() -> None:
    said = kinds.stated("Unzipped size must be smaller than 262144000 bytes (Service: AWSLambda; Request ID: 5e7c)")
    assert [c for c, _, _, _ in said] == ["model_too_large"]


def test_a_quota_is_not_a_size() -> None:
    """Vertex AI's per-minute request quota ('Quota exceeded for aiplatform.googleapis.com/…'): the learned words
    'exceeded' and 'request' lean towards a size; the quota the message states decides."""
    text = ("429 Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base"
            "_model with base model: gemini-pro. Please submit a quota increase request.")
    r = kinds.read_kind(normalize(text), text, learned=unread(text))
    assert r is None or r.category == "quota_exceeded"


@pytest.mark.parametrize("text, cause, step", [
    ("ValueError: bad marshal data (unknown type code)", "another Python version", "Python version that saved it"),
    ("original_keras_version = f.attrs['keras_version'].decode('utf8') AttributeError: 'str' object has no attribute "
     "'decode'", "h5py >= 3", "h5py<3"),
    ("System.ArgumentOutOfRangeException: Input column 'input' does not exist in the model Parameter name: inputs",
     "no input named 'input'", "input names"),
    ("Error: predict() must take an object where the keys are the named inputs of the model: input_3.",
     "its inputs: input_3", "input names"),
])
def test_a_statement_s_cause_and_first_step_say_what_it_means(nothing_else_reads: None, text: str, cause: str,
                                                             step: str, monkeypatch: pytest.MonkeyPatch) -> None:
    learned = unread(text)
    monkeypatch.setattr(kinds, "model", lambda: learned)
    best = explain_text(text)[0]
    assert cause in best.cause and step in best.steps[0], (best.cause, best.steps[0])


def test_quotes_around_code_in_a_source_line_enclose_no_name() -> None:
    # a converter's traceback line before its message (hls4ml): the name is the message's, not the code's quotes
    text = ("raise Exception('ERROR: Unsupported layer type: {}'.format(keras_layer['class_name']))\n"
            "Exception: ERROR: Unsupported layer type: BayesianDropout")
    d = explain_text(text)[0]
    assert d.evidence.get("layer") == "BayesianDropout"
    assert "format(" not in d.cause and "format(" not in d.steps[0]
