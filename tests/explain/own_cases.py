r"""Error texts written for sigcheck's own tests, beyond the shared corpus: other models, names, numbers and the
wrappers each platform puts around a message (gcloud, Vertex/api_core, grpc _InactiveRpcError / AbortionError,
TF Serving log lines and {"error": …} bodies, tracebacks, escaped and truncated text).

Each case: ``id``, ``category`` (expected top diagnosis), ``text``; optionally ``also`` (a category that must be
among the diagnoses), ``evidence`` (a subset the top diagnosis's evidence must contain) and ``variant`` (the
category's sub-case the top diagnosis must be worded as).
Written from CATEGORIES.md and SPEC.md §10–§14 (the messages and their triggers), not from errors.jsonl.
"""

GRPC = (
    "Traceback (most recent call last):\n"
    '  File "client.py", line 41, in <module>\n'
    "    result = stub.Predict(request, 10.0)\n"
    '  File "/usr/lib/python3/dist-packages/grpc/_channel.py", line 946, in __call__\n'
    "    return _end_unary_response_blocking(state, call, False, None)\n"
    "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
    "\tstatus = StatusCode.{code}\n"
    '\tdetails = "{details}"\n'
    '\tdebug_error_string = "UNKNOWN:Error received from peer ipv4:10.0.0.7:8500 '
    '{{grpc_message:"{details}", grpc_status:{num}, created_time:"2024-03-02T10:11:12.5+00:00"}}"\n'
    ">"
)


def grpc(code: str, num: int, details: str) -> str:
    return GRPC.format(code=code, num=num, details=details)


def rest(msg: str) -> str:
    """A TF Serving REST error body as the server writes it (message JSON-escaped)."""
    esc = msg.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '{\n    "error": "' + esc + '"\n}'


CASES = [
    # ---- extra / missing batch dimension ---------------------------------------------------------------------------
    dict(id="extra-conv-224-grpc", category="extra_batch_dimension",
         text=grpc("INVALID_ARGUMENT", 3, "input must be 4-dimensional[1,1,224,224,3]\\n\\t [[{{node "
                   "mobilenetv2_1.00_224/Conv1/Conv2D}}]]"),
         evidence={"got_shape": [1, 1, 224, 224, 3], "want_rank": 4, "grpc_status": "INVALID_ARGUMENT"}),
    dict(id="extra-gcloud-ai-platform", category="extra_batch_dimension",
         text='ERROR: (gcloud.ai-platform.predict) HTTP request failed. Response: {\n  "error": {\n    "code": 400,\n'
              '    "message": "{ \\"error\\": \\"input must be 4-dimensional[1,1,28,28,1]\\\\n\\\\t [[{{node '
              'sequential/conv2d/Conv2D}}]]\\" }",\n    "status": "INVALID_ARGUMENT"\n  }\n}',
         evidence={"got_shape": [1, 1, 28, 28, 1]}),
    dict(id="extra-keras-ndim", category="extra_batch_dimension",
         text="ValueError: Input 0 of layer \"dense_4\" is incompatible with the layer: expected min_ndim=2, found "
              "ndim=3. Full shape received: (None, 1, 784)"),
    dict(id="extra-feed-rank5", category="extra_batch_dimension",
         text="ValueError: Cannot feed value of shape (1, 1, 96, 96, 3) for Tensor 'input_image:0', which has shape "
              "'(?, 96, 96, 3)'"),
    dict(id="extra-shape-rank", category="extra_batch_dimension",
         text='Error: 3 INVALID_ARGUMENT: Shape must be rank 4 but is rank 5 for \'{{node model/conv_a/Conv2D}} = '
              'Conv2D[T=DT_FLOAT, data_format="NHWC"](serving_default_pixels, model/conv_a/Conv2D/ReadVariableOp)\' '
              'with input shapes: [1,1,64,64,3], [3,3,3,16].'),
    dict(id="extra-vertex-expected-shape", category="extra_batch_dimension",
         text="google.api_core.exceptions.FailedPrecondition: 400 {\n  \"error\": \"Input 0 of layer \\\"functional\\\" "
              "is incompatible with the layer: expected shape=(None, 32, 32, 3), found shape=(1, 1, 32, 32, 3)\"\n}"),
    dict(id="missing-conv-3d", category="missing_batch_dimension",
         text=rest("input must be 4-dimensional[150,150,3]\n\t [[{{node conv2d/Conv2D}}]]"),
         evidence={"got_shape": [150, 150, 3]}),
    dict(id="missing-matmul-rank1", category="missing_batch_dimension",
         text=rest("In[0] is not a matrix. Instead it has shape [13]\n\t [[{{node sequential/dense/MatMul}}]]")),
    dict(id="missing-keras-expected-dims", category="missing_batch_dimension",
         text="ValueError: Error when checking input: expected conv2d_input to have 4 dimensions, but got array with "
              "shape (64, 64, 3)"),
    dict(id="missing-ndim-vertex", category="missing_batch_dimension",
         text="google.api_core.exceptions.FailedPrecondition: 400 Input 0 of layer \"conv1d\" is incompatible with the "
              "layer: expected min_ndim=3, found ndim=2. Full shape received: (None, 40)"),
    dict(id="missing-image-rows-as-instances", category="missing_batch_dimension",
         text=grpc("INVALID_ARGUMENT", 3, "Matrix size-incompatible: In[0]: [28,28], In[1]: [784,64]\\n\\t "
                   "[[{{node sequential/dense/MatMul}}]]")),
    # ---- input shape / fixed batch / graph reshape ---------------------------------------------------------------------
    dict(id="shape-depth-grayscale", category="input_shape_mismatch",
         text=rest("input depth must be evenly divisible by filter depth: 1 vs 3") + "\n"
              + rest("input and filter must have the same depth: 1 vs 3\n\t [[{{node model/block1_conv1/Conv2D}}]]")),
    dict(id="shape-feed-299", category="input_shape_mismatch",
         text="ValueError: Cannot feed value of shape (1, 224, 224, 3) for Tensor 'Placeholder:0', which has shape "
              "'(?, 299, 299, 3)'"),
    dict(id="shape-matmul-features", category="input_shape_mismatch",
         text=rest("Matrix size-incompatible: In[0]: [2,10], In[1]: [12,32]\n\t [[{{node model/dense/MatMul}}]]")),
    dict(id="shape-keras-axis", category="input_shape_mismatch",
         text="InvalidArgumentError: Graph execution error: Input 0 of layer \"dense\" is incompatible with the layer: "
              "expected axis -1 of input shape to have value 20, but received input with shape (None, 18)"),
    dict(id="fixed-batch-feed", category="fixed_batch_size_in_graph",
         text="ValueError: Cannot feed value of shape (8, 128, 128, 1) for Tensor 'input_1:0', which has shape "
              "'(1, 128, 128, 1)'"),
    dict(id="fixed-batch-ml-engine-deploy", category="fixed_batch_size_in_graph",
         text="ERROR: (gcloud.ml-engine.versions.create) Bad model detected with error: \"Error loading the model: "
              "Model validation failed: Outer dimension for SignatureDef outputs must be unknown, outer dimension of "
              "'final_probs:0' is 1\"",
         evidence={"tensor": "final_probs:0", "batch": 1}),
    dict(id="fixed-batch-reshape-multiple", category="fixed_batch_size_in_graph",
         text=rest("Input to reshape is a tensor with 6272 values, but the requested shape has 784\n\t [[{{node "
                   "model/flatten/Reshape}}]]")),
    dict(id="graph-reshape-multiple-of", category="model_graph_shape_bug",
         text="2021-06-01 08:00:01.000: W external/org_tensorflow/tensorflow/core/framework/op_kernel.cc:1763] OP_REQUIRES "
              "failed at reshape_op.h:57 : Invalid argument: Input to reshape is a tensor with 43095 values, but the "
              "requested shape requires a multiple of 25"),
    # ---- request body problems -------------------------------------------------------------------------------------
    dict(id="keys-named-input-vertex", category="input_keys_mismatch",
         text="google.api_core.exceptions.InvalidArgument: 400 {\"error\": \"Failed to process element: 0 key: "
              "Pclass of 'instances' list. Error: INVALID_ARGUMENT: JSON object: does not have named input: Pclass\"}",
         evidence={"input": "Pclass"}),
    dict(id="keys-equal-to", category="input_keys_mismatch",
         text=rest("Failed to process element: 3 of 'instances' list. JSON object: {\n    \"sepal_length\": 5.1\n} "
                   "keys must be equal to: petal_length,petal_width,sepal_length,sepal_width")),
    dict(id="keys-columnar-missing", category="input_keys_mismatch",
         text=rest("Missing named input: token_type_ids in 'inputs' object."), evidence={"input": "token_type_ids"}),
    dict(id="keys-plain-list-multi", category="input_keys_mismatch",
         text="requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: "
              "http://localhost:8501/v1/models/recsys:predict\n"
              + rest("instances is a plain list, but expecting list of objects as multiple input tensors required "
                     "as per tensorinfo_map")),
    dict(id="keys-grpc-size", category="input_keys_mismatch",
         text=grpc("INVALID_ARGUMENT", 3, "input size does not match signature: 1!=3 len({dense_input}) != "
                   "len({user_id,item_id,context}). Sent extra: {dense_input}. Missing but required: "
                   "{context,item_id,user_id}.")),
    dict(id="keys-keras-missing-data", category="input_keys_mismatch",
         text='ValueError: Missing data for input "zip_code". You passed a data dictionary with keys [\'zipcode\', '
              "'age']. Expected the following keys: ['zip_code', 'age']"),
    dict(id="keys-alias-not-found", category="input_keys_mismatch",
         text="AbortionError(code=StatusCode.INVALID_ARGUMENT, details=\"Signature input alias: mask(feed name: "
              "serving_default_mask:0) not found in request and no default value provided. Inputs expected to be in "
              "the request {ids,mask}, or default input alias set: \")"),
    dict(id="dtype-int64-fraction", category="dtype_mismatch",
         text=rest("Failed to process element: 0 key: num_rooms of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                   "Value: 3.5 Type: Number is not of expected type: int64"),
         evidence={"expected_dtype": "int64", "json_type": "Number"}),
    dict(id="dtype-quoted-number", category="bytes_sent_to_numeric_input", variant="quoted_number",
         text=rest("Failed to process element: 3 key: flipper_len of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                   "Value: \\\"-12.75\\\" Type: String is not of expected type: double")),
    dict(id="dtype-quoted-int-grpc", category="bytes_sent_to_numeric_input",
         text=grpc("INVALID_ARGUMENT", 3, "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: "
                   "JSON Value: \\\"42\\\" Type: String is not of expected type: int64")),
    dict(id="dtype-bool-number", category="dtype_mismatch",
         text=rest("Failed to process element: 1 key: is_member of 'instances' list. Error: Invalid argument: JSON "
                   "Value: 1 Type: Number is not of expected type: bool")),
    dict(id="dtype-grpc-double", category="dtype_mismatch",
         text=grpc("INVALID_ARGUMENT", 3, "Expects arg[0] to be float but double is provided")),
    dict(id="dtype-null", category="dtype_mismatch", variant="null_float",
         text=rest("Failed to process element: 2 key: income of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                   "Value: null Type: Null is not of expected type: float")),
    dict(id="dtype-tf2-function", category="dtype_mismatch",
         text="tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute MatMul as input "
              "#1(zero-based) was expected to be a float tensor but is a double tensor [Op:MatMul]"),
    dict(id="bytes-b64-to-uint8", category="bytes_sent_to_numeric_input",
         text=rest("Failed to process element: 0 key: image of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
                   "{\n    \"b64\": \"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\"\n} Type: Object "
                   "is not of expected type: uint8"),
         evidence={"expected_dtype": "uint8"}),
    dict(id="bytes-string-to-float", category="bytes_sent_to_numeric_input",
         text=rest("Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
                   "\"/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEx8U\" Type: String is not of "
                   "expected type: float")),
    dict(id="bytes-ml-engine-python", category="bytes_sent_to_numeric_input",
         text="{\"error\": \"Prediction failed: Error processing input: Expected uint8, got {'b64': '/9j/4AAQSkZJRg"
              "ABAQEASABIAAD'} of type 'dict' instead.\"}"),
    dict(id="bytes-grpc-string", category="bytes_sent_to_numeric_input",
         text="AbortionError(code=StatusCode.INVALID_ARGUMENT, details=\"Expects arg[0] to be float but string is "
              "provided\")"),
    dict(id="serialized-parse-example", category="serialized_example_input_expected",
         text=grpc("INVALID_ARGUMENT", 3, "Could not parse example input, value: '\\n\\x0bhello world'\\n\\t "
                   "[[{{node ParseExample/ParseExampleV2}}]]")),
    dict(id="serialized-number-to-string-examples-key", category="serialized_example_input_expected",
         also="dtype_mismatch",
         text=rest("Failed to process element: 0 key: examples of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                   "Value: 3.2 Type: Number is not of expected type: string")),
    dict(id="dtype-number-to-string-feature", category="dtype_mismatch", variant="to_string",
         also="serialized_example_input_expected",
         text=grpc("INVALID_ARGUMENT", 3, "Failed to process element: 2 key: sex of 'instances' list. Error: "
                   "INVALID_ARGUMENT: JSON Value: 1 Type: Number is not of expected type: string"),
         evidence={"input": "sex", "json_value": "1"}),
    dict(id="serialized-number-to-string", category="serialized_example_input_expected",
         text="{\"error\": \"Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
              "[\\n    39,\\n    13.5\\n] Type: Number is not of expected type: string\"}",
         also="dtype_mismatch"),
    dict(id="ragged-size", category="ragged_instances",
         text=rest("Failed to process element: 5 key: token_ids of 'instances' list. Error: INVALID_ARGUMENT: "
                   "Expecting tensor size: 128 but got: 97"),
         evidence={"want": 128, "got": 97}),
    dict(id="ragged-shape", category="ragged_instances",
         text=rest("Failed to process element: 1 of 'instances' list. Error: Invalid argument: Expecting shape "
                   "[2,3] but got: [3,2]")),
    dict(id="ragged-inner-level", category="ragged_instances",
         text=rest("Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: Encountered list at "
                   "unexpected size: 2 at level: 2 expected size: 3")),
    dict(id="ragged-numpy", category="ragged_instances",
         text="ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape "
              "after 1 dimensions. The detected shape was (4,) + inhomogeneous part."),
    dict(id="ragged-incorrect-level", category="ragged_instances",
         text=rest("Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: 7 found "
                   "at incorrect level: 2 in the JSON DOM. Expected at level: 3")),
    dict(id="empty-instances-new", category="empty_instances",
         text=rest("JSON Value: {\n    \"instances\": []\n} No values in 'instances' array")),
    dict(id="empty-vertex", category="empty_instances",
         text="google.api_core.exceptions.InvalidArgument: 400 Instances must not be empty."),
    dict(id="instances-key-missing", category="instances_key_missing",
         text=rest("Missing 'inputs' or 'instances' key")),
    dict(id="instances-both", category="instances_key_missing",
         text=rest("JSON Value: {\n    \"inputs\": [1.0],\n    \"instances\": [2.0]\n} Not formatted correctly "
                   "expecting only one of 'inputs' or 'instances' keys to exist ")),
    dict(id="instances-root-list", category="instances_key_missing",
         text=rest("JSON Value: [\n    [1.0, 2.0, 3.0]\n] Is not object")),
    dict(id="instances-gcloud-missing-field", category="instances_key_missing",
         text="ERROR: (gcloud.ai-platform.predict) Invalid JSON request: Missing \"instances\" field in the JSON "
              "request."),
    dict(id="json-parse-trailing-comma", category="json_parse_error",
         text=rest("JSON Parse error: Missing a comma or ']' after an array element. at offset: 1834"),
         evidence={"offset": 1834}),
    dict(id="json-parse-invalid-value", category="json_parse_error",
         text="curl: (22) The requested URL returned error: 400\n{ \"error\": \"JSON Parse error: Invalid value. at "
              "offset: 0\" }"),
    dict(id="json-vertex-payload", category="json_parse_error",
         text="google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Unexpected token.\n"
              "{\"instances\": [[0.1, 0.2, NaN\n^"),
    dict(id="json-empty-body", category="json_parse_error",
         text=rest("JSON Parse error: The document is empty")),
    dict(id="base64-unable", category="base64_encoding",
         text=rest("Failed to process element: 0 key: image_bytes of 'instances' list. Error: INVALID_ARGUMENT: "
                   "Unable to base64 decode")),
    dict(id="base64-graph-decode", category="base64_encoding",
         text=grpc("INVALID_ARGUMENT", 3, "Invalid character found in base64.\\n\\t [[{{node DecodeBase64}}]]")),
    dict(id="base64-double-encoded", category="base64_encoding",
         text=rest("Expected image (JPEG, PNG, or GIF), got unknown format starting with '/9j/4AAQSkZJ'\n\t [[{{node "
                   "DecodeImage}}]]"),
         also="encoded_image_string_mismatch"),
    dict(id="encoded-not-jpeg", category="encoded_image_string_mismatch",
         text=grpc("INVALID_ARGUMENT", 3, "Invalid JPEG data or crop window, data size 4096\\n\\t [[{{node "
                   "map/while/DecodeJpeg}}]]")),
    dict(id="encoded-feed-array", category="encoded_image_string_mismatch",
         text="ValueError: Cannot feed value of shape (1, 480, 640, 3) for Tensor 'encoded_image_string_tensor:0', "
              "which has shape '(?,)'"),
    dict(id="encoded-unknown-format", category="encoded_image_string_mismatch",
         text=rest("Unknown image file format. One of JPEG, PNG, GIF, BMP required.\n\t [[{{node "
                   "decode_image/DecodeImage}}]]")),
    dict(id="half-input-rest", category="dtype_unsupported_half",
         text=rest("Failed to process element: 0 of 'instances' list. Error: UNIMPLEMENTED: Conversion of JSON "
                   "Value: 0.25 to type: half"), evidence={"dtype": "half"}),
    dict(id="half-output", category="dtype_unsupported_half",
         text=rest("Failed to write JSON value for tensor type: half")),
    dict(id="bfloat16-columnar", category="dtype_unsupported_half",
         text="HTTP/1.1 501 Not Implemented\n" + rest("Conversion of JSON Value: 1 to type: bfloat16")),
    dict(id="payload-vertex", category="payload_too_large", variant="online",
         text="google.api_core.exceptions.InvalidArgument: 400 Request payload size exceeds the limit: 1572864 bytes.",
         evidence={"limit_bytes": 1572864}),
    dict(id="payload-grpc-max", category="payload_too_large", variant="grpc",
         text=grpc("RESOURCE_EXHAUSTED", 8, "Received message larger than max (9437330 vs. 4194304)"),
         evidence={"size_bytes": 9437330, "limit_bytes": 4194304}),
    dict(id="payload-413", category="payload_too_large",
         text="requests.exceptions.HTTPError: 413 Client Error: Request Entity Too Large for url: "
              "https://example.com/v1/models/detector:predict"),
    dict(id="signature-rest-custom", category="signature_not_found", variant="named",
         text=rest("Serving signature name: \"predict_images\" not found in signature def"),
         evidence={"signature": "predict_images"}),
    dict(id="signature-grpc-key", category="signature_not_found",
         text=grpc("FAILED_PRECONDITION", 9, "Serving signature key \\\"serving_default\\\" not found.")),
    dict(id="signature-keyerror", category="signature_not_found",
         text="Traceback (most recent call last):\n  File \"load.py\", line 7, in <module>\n    infer = "
              "loaded.signatures['serving_default']\n  File \"/venv/lib/python3.10/site-packages/tensorflow/python/"
              "saved_model/signature_serialization.py\", line 305, in __getitem__\n    return self._signatures[key]\n"
              "KeyError: 'serving_default'"),
    dict(id="signature-method-name", category="signature_method_name",
         text=rest("Expected prediction signature method_name to be one of {tensorflow/serving/predict, "
                   "tensorflow/serving/classify, tensorflow/serving/regress}. Was: ")),
    dict(id="wrong-api-classify", category="wrong_api_or_input_format",
         text=grpc("INVALID_ARGUMENT", 3, "Expected classification signature method_name to be "
                   "tensorflow/serving/classify. Was: tensorflow/serving/predict")),
    dict(id="wrong-api-examples-key", category="wrong_api_or_input_format",
         text=rest("JSON Value: {\n    \"instances\": [\n        {\n            \"x\": 1.0\n        }\n    ]\n} When "
                   "method is classify, key 'examples' is expected and was not found")),
    dict(id="scalar-batching", category="scalar_input",
         text="<_InactiveRpcError of RPC that terminated with: status = StatusCode.INVALID_ARGUMENT details = "
              "\"Batching session Run() input tensors must have at least one dimension\" debug_error_string = "
              "\"UNKNOWN:Error received from peer\">"),
    dict(id="scalar-rank0", category="scalar_input",
         text=rest("Shape must be rank 0 but is rank 1 for '{{node cond/Switch}} = Switch[T=DT_FLOAT](input, "
                   "dropout_flag)' with input shapes: [?,10], [1].")),
    dict(id="batch-mismatch-inputs", category="batch_size_mismatch_between_inputs",
         text=grpc("INVALID_ARGUMENT", 3, "Batching session Run() input tensors must have equal 0th-dimension size")),
    dict(id="output-batch-sum", category="output_batch_dimension",
         text=rest("Batched output tensor's 0th dimension does not equal the sum of the 0th dimension sizes of the "
                   "input tensors")),
    dict(id="output-inconsistent", category="output_batch_dimension",
         text=rest("Tensor name: class_names has inconsistent batch size: 10 expecting: 2")),
    dict(id="output-zero-dims-grpc", category="output_batch_dimension",
         text="AbortionError(code=StatusCode.INTERNAL, details=\"Batched output tensor has 0 dimensions\")"),
    # json_tensor.cc raises it for an output tensor with no dimension (a scalar at run time); an output of unknown
    # rank that ran as a scalar is the other reading (explain --model tells them apart)
    dict(id="output-unknown-rank", category="output_batch_dimension",
         text=rest("Tensor name: detections has no shape information "), also="output_shape_unknown"),
    dict(id="output-unknown-rank-shown", category="output_shape_unknown",  # the paste shows the signature's output
         text="The given SavedModel SignatureDef contains the following output(s):\n  outputs['probability'] "
              "tensor_info:\n      dtype: DT_FLOAT\n      shape: unknown_rank\n      name: Squeeze:0\nMethod name "
              "is: tensorflow/serving/predict\n" + rest("Tensor name: probability has no shape information ")),
    dict(id="sparse-output", category="sparse_output_in_signature",
         text=grpc("INVALID_ARGUMENT", 3, "Tensor :0, specified in either feed_devices or fetch_devices was not "
                   "found in the Graph")),
    dict(id="same-tensor", category="input_output_same_tensor",
         text=rest("serving_default_seq_len:0 is both fed and fetched.")),
    # ---- graph / export problems -----------------------------------------------------------------------------------
    dict(id="keras-phase-bool-grpc", category="keras_learning_phase",
         text=grpc("INVALID_ARGUMENT", 3, "You must feed a value for placeholder tensor "
                   "'batch_normalization_1/keras_learning_phase' with dtype bool\\n\\t [[{{node "
                   "batch_normalization_1/keras_learning_phase}}]]")),
    dict(id="keras-phase-rest", category="keras_learning_phase",
         text=rest("You must feed a value for placeholder tensor 'keras_learning_phase' with dtype bool\n\t "
                   "[[Node: keras_learning_phase = Placeholder[dtype=DT_BOOL, shape=<unknown>, "
                   "_device=\"/job:localhost/replica:0/task:0/device:CPU:0\"]()]]")),
    dict(id="unfed-keep-prob", category="unfed_placeholder",
         text="tensorflow.python.framework.errors_impl.InvalidArgumentError: You must feed a value for placeholder "
              "tensor 'dropout/keep_prob' with dtype float\n\t [[Node: dropout/keep_prob = "
              "Placeholder[dtype=DT_FLOAT, shape=[], _device=\"/job:localhost/replica:0/task:0/device:CPU:0\"]()]]",
         evidence={"placeholder": "dropout/keep_prob"}),
    dict(id="unfed-is-training", category="unfed_placeholder",
         text="{\"error\": \"Prediction failed: Error during model execution: AbortionError(code=StatusCode."
              "INVALID_ARGUMENT, details=\\\"You must feed a value for placeholder tensor 'is_training' with dtype "
              "bool\\n\\t [[{{node is_training}}]]\\\")\"}"),
    dict(id="variables-could-not-find", category="variables_not_restored",
         text=grpc("FAILED_PRECONDITION", 9, "Could not find variable dense_2/bias. This could mean that the variable "
                   "has been deleted. In TF1, it can also mean the variable is uninitialized. Debug info: "
                   "container=localhost, status error message=Resource localhost/dense_2/bias/N10tensorflow3VarE does "
                   "not exist.")),
    dict(id="variables-uninitialized-log", category="variables_not_restored",
         text="2019-02-11 13:01:02.123: E tensorflow_serving/servables/tensorflow/predict_util.cc:160] "
              "FailedPrecondition: Attempting to use uninitialized value lstm/kernel\n\t [[{{node lstm/kernel/read}}]]"),
    dict(id="variables-index-missing", category="variables_not_restored",
         text="E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: ranker version: 17} failed: Not found: "
              "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for "
              "/models/ranker/17/variables/variables"),
    dict(id="variables-resource-read", category="variables_not_restored",
         text="google.api_core.exceptions.FailedPrecondition: 400 Error while reading resource variable "
              "conv2d_3/kernel from Container: localhost. This could mean that the variable was uninitialized."),
    dict(id="table-not-initialized", category="initializer_missing_in_export",
         text=rest("Table not initialized.\n\t [[{{node string_lookup_1/None_Lookup/LookupTableFindV2}}]]")),
    dict(id="table-asset-missing", category="initializer_missing_in_export",
         text="E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: textclf version: 3} failed: Not "
              "found: /home/alice/work/vocab.txt; No such file or directory\n\t [[{{node "
              "text_file_init/InitializeTableFromTextFileV2}}]]"),
    dict(id="runtime-op-vertex", category="runtime_version_mismatch", variant="stock_op",
         text="Model server terminated: Failed to load model: Loading servable: {name: default version: 1} failed: "
              "Not found: Op type not registered 'DenseBincount' in binary running on 3b2f4a. Make sure the Op and "
              "Kernel are registered in the binary running in this process."),
    dict(id="runtime-attr", category="runtime_version_mismatch",
         text="E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: model version: 2} failed: Invalid "
              "argument: NodeDef mentions attr 'explicit_paddings' not in Op<name=Conv2D; signature=input:T, "
              "filter:T -> output:T>; NodeDef: {{node conv/Conv2D}}. (Check whether your GraphDef-interpreting binary "
              "is up to date with your GraphDef-generating binary.)."),
    dict(id="runtime-keras-kwarg", category="runtime_version_mismatch",
         text="TypeError: Error when deserializing class 'InputLayer' using config={'batch_shape': [None, 8], "
              "'dtype': 'float32', 'sparse': False, 'name': 'features'}.\n\nException encountered: Unrecognized "
              "keyword arguments: ['batch_shape']"),
    dict(id="savedmodel-missing-vertex", category="savedmodel_not_found",
         text="google.api_core.exceptions.InvalidArgument: 400 Model directory gs://acme-ml/exports/churn is "
              "expected to contain exactly one of: [saved_model.pb, saved_model.pbtxt]."),
    dict(id="savedmodel-missing-loader", category="savedmodel_not_found",
         text="OSError: SavedModel file does not exist at: ./outputs/checkpoints/{saved_model.pbtxt|saved_model.pb}",
         evidence={"path": "./outputs/checkpoints/{saved_model.pbtxt|saved_model.pb}"}),
    dict(id="savedmodel-tfs-export-path", category="savedmodel_not_found",
         text="E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: bert version: 1} failed: Not found: "
              "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/bert/1"),
    dict(id="tags-python-loader", category="savedmodel_tags",
         text="RuntimeError: MetaGraphDef associated with tags {'serve'} could not be found in SavedModel, with "
              "available tags '[{'train'}]'. To inspect available tag-sets in the SavedModel, please use the "
              "SavedModel CLI: `saved_model_cli`."),
    dict(id="tags-ml-engine", category="savedmodel_tags",
         text="ERROR: (gcloud.ml-engine.versions.create) Bad model detected with error: \"Error loading the model: "
              "SavedModel must contain exactly one metagraph with tag: serve\""),
    dict(id="base-path-no-versions", category="model_base_path_layout",
         text="2024-01-09 12:00:00.451123: W tensorflow_serving/sources/storage_path/file_system_storage_path_source."
              "cc:267] No versions of servable sentiment found under base path /models/sentiment. Did you forget to "
              "name your leaf directory as a number (eg. '/1/')?",
         evidence={"servable": "sentiment", "path": "/models/sentiment"}),
    dict(id="base-path-missing", category="model_base_path_layout",
         text="E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:353] "
              "FileSystemStoragePathSource encountered a filesystem access error: Could not find base path "
              "/models/resnet for servable resnet with error NOT_FOUND: /models/resnet not found"),
    dict(id="base-path-relative", category="model_base_path_layout",
         text="Invalid argument: Expected model recommender to have an absolute path or URI; got "
              "base_path()=./exported"),
    dict(id="model-not-found-rest", category="model_not_found",
         text=rest("Servable not found for request: Latest(fraud_detector)"),
         evidence={"servable": "fraud_detector"}),
    dict(id="model-not-found-version", category="model_not_found",
         text=grpc("NOT_FOUND", 5, "Servable not found for request: Specific(mnist, 7)")),
    dict(id="model-not-found-gcloud", category="model_not_found",
         text="ERROR: (gcloud.ai-platform.predict) NOT_FOUND: Field: name Error: The model resource: "
              "\"churn_classifier\" was not found. Please create the Cloud ML model resource first by using 'gcloud "
              "ai-platform models create churn_classifier'."),
    dict(id="model-not-found-vertex-endpoint", category="model_not_found",
         text="google.api_core.exceptions.NotFound: 404 Endpoint `projects/123456789/locations/europe-west4/"
              "endpoints/987654321` not found."),
    dict(id="too-large-files", category="model_too_large",
         text="ERROR: (gcloud.ai-platform.versions.create) FAILED_PRECONDITION: Field: version.deployment_uri Error: "
              "The total size of files in gs://bucket/export/1612345678 is 612345678 bytes, which exceeds the allowed "
              "maximum of 524288000 bytes."),
    dict(id="too-large-memory", category="model_too_large",
         text="ERROR: (gcloud.ai-platform.versions.create) Create Version failed. Bad model detected with error: "
              "Model requires more memory than allowed. Please try to decrease the model size and re-deploy."),
    dict(id="deploy-not-ready", category="deploy_container_not_ready",
         text="google.api_core.exceptions.FailedPrecondition: 400 Model server never became ready. Please validate "
              "that your model file or container configuration are valid. Model server logs can be found at "
              "https://console.cloud.google.com/logs/viewer?project=proj&resource=aiplatform.googleapis.com"),
    dict(id="deploy-health", category="deploy_container_not_ready",
         text="Failed to deploy model \"image-clf\" to endpoint \"prod\": the container did not become ready: "
              "readiness probe failed: HTTP probe failed with statuscode: 503"),
    dict(id="cpr-package", category="custom_prediction_routine_error",
         text="ERROR: (gcloud.beta.ai-platform.versions.create) Create Version failed. Bad model detected with "
              "error: \"Failed to load model: User-provided package preprocess-1.2.tar.gz failed to install: Command "
              "'['python-default', '-m', 'pip', 'install']' returned non-zero exit status 1 (Error code: 0)\""),
    dict(id="cpr-predict-signature", category="custom_prediction_routine_error",
         text="{\"error\": \"Prediction failed: unknown error: predict() takes 2 positional arguments but 3 were "
              "given\"}"),
    dict(id="flags-conflict", category="version_create_flag_conflict",
         text="ERROR: (gcloud.ai-platform.versions.create) INVALID_ARGUMENT: Field: prediction_class Error: Exactly "
              "one of \"prediction_class\" and \"framework\" may be provided."),
    dict(id="load-failed-generic", category="model_load_failed",
         text="ERROR: (gcloud.ai-platform.versions.create) Create Version failed. Bad model detected with error: "
              "\"Failed to load model: Unexpected error when loading the model (Error code: 0)\""),
    dict(id="rest-precision-bug", category="tfs_rest_bug",
         text=rest("Failed to process element: 2 key: lat of 'instances' list. Error: Invalid argument: Cannot "
                   "convert JSON value: 37.7749 to float without loss of precision.")),
    dict(id="gcloud-projection", category="gcloud_output_format",
         text="ERROR: (gcloud.ai-platform.predict) Expected ) in projection expression "
              "[table(dense_3 *HERE* /Sigmoid:0)]."),
    dict(id="local-pyc", category="local_env_python_mismatch",
         text="ERROR: (gcloud.ai-platform.local.predict) RuntimeError: Bad magic number in .pyc file"),
    dict(id="local-no-tf", category="local_env_python_mismatch",
         text="ERROR: (gcloud.ai-platform.local.predict) Traceback (most recent call last):\n  File \"/usr/lib/"
              "google-cloud-sdk/lib/third_party/ml_sdk/cloud/ml/prediction/__init__.py\", line 18, in <module>\n    "
              "import tensorflow as tf\nModuleNotFoundError: No module named 'tensorflow'"),
    dict(id="instance-format-node", category="instance_format",
         text="Error: 3 INVALID_ARGUMENT: Failed to parse input instances."),
    dict(id="instance-format-sklearn", category="instance_format",
         text="{\"error\": \"Prediction failed: Exception during sklearn prediction: float() argument must be a "
              "string or a number, not 'dict'\"}"),
    dict(id="instance-format-mixed", category="instance_format",
         text=rest("Expecting 'instances' to be an list/array")),
    dict(id="timeout-vertex", category="client_timeout",
         text="google.api_core.exceptions.DeadlineExceeded: 504 Deadline Exceeded"),
    dict(id="timeout-grpc", category="client_timeout",
         text=grpc("DEADLINE_EXCEEDED", 4, "Deadline Exceeded")),
    dict(id="timeout-requests", category="client_timeout",
         text="requests.exceptions.ReadTimeout: HTTPConnectionPool(host='10.0.0.5', port=8501): Read timed out. "
              "(read timeout=30)"),
    dict(id="quota-vertex", category="quota_exceeded",
         text="google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for quota metric 'Online prediction "
              "requests' and limit 'Online prediction requests per minute per region' of service "
              "'aiplatform.googleapis.com' for consumer 'project_number:1234'."),
    dict(id="quota-429", category="quota_exceeded",
         text="HttpError: <HttpError 429 when requesting https://ml.googleapis.com/v1/projects/p/models/m:predict?"
              "alt=json returned \"Too Many Requests\">"),
    dict(id="service-vertex-503", category="service_side_error",
         text="google.api_core.exceptions.ServiceUnavailable: 503 The service is currently unavailable."),
    dict(id="service-internal", category="service_side_error",
         text="google.api_core.exceptions.InternalServerError: 500 Internal error encountered."),
    # ---- truncated / partial pastes --------------------------------------------------------------------------------
    dict(id="trunc-type-object", category="bytes_sent_to_numeric_input",
         text='... Type: Object is not of expected type: int32" }'),
    dict(id="trunc-placeholder", category="unfed_placeholder",
         text="must feed a value for placeholder tensor 'Placeholder_2' with dtype int32 and shape [?,50]"),
    dict(id="trunc-learning-phase", category="keras_learning_phase",
         text="details=\"You must feed a value for placeholder tensor 'keras_learning_phase' with dtype uint8"),
    dict(id="trunc-4d", category="extra_batch_dimension",
         text="dimensional[1,1,1,64,64,1]"[0:0] + "input must be 4-dimensional[1,1,1,64,64,1]"),
    dict(id="double-escaped-body", category="ragged_instances",
         text="{\\\"error\\\": \\\"Failed to process element: 3 key: words of 'instances' list. Error: "
              "INVALID_ARGUMENT: Expecting tensor size: 12 but got: 9\\\"}"),
    # ---- sub-cases worded apart (catalogue variants) --------------------------------------------------------------
    dict(id="grpc-size-go", category="payload_too_large", variant="grpc",
         text="predict failed: rpc error: code = ResourceExhausted desc = grpc: received message larger than max "
              "(10485760 vs. 4194304)", evidence={"size_bytes": 10485760, "limit_bytes": 4194304}),
    dict(id="oom-tfs-log-batch", category="model_too_large", variant="oom",
         text="2024-05-02 11:20:31.000123: W external/org_tensorflow/tensorflow/core/framework/op_kernel.cc:1828] "
              "OP_REQUIRES failed at conv_ops.cc:1068 : RESOURCE_EXHAUSTED: OOM when allocating tensor with "
              "shape[96,56,56,256] and type float on /job:localhost/replica:0/task:0/device:GPU:0 by allocator "
              "GPU_0_bfc", evidence={"batch": 96, "alloc_shape": [96, 56, 56, 256]}),
    dict(id="op-addons-vertex", category="runtime_version_mismatch", variant="custom_op",
         text="google.api_core.exceptions.FailedPrecondition: 400 Model server terminated: Loading servable: {name: "
              "default version: 1} failed: Not found: Op type not registered 'Addons>Resampler' in binary running "
              "on localhost.", evidence={"op": "Addons>Resampler"}),
    dict(id="op-stock-older-runtime", category="runtime_version_mismatch", variant="stock_op",
         text="E0311 09:12:44.1 loader_harness.cc:74] Loading servable: {name: ctr version: 20240311} failed: NOT_FOUND: "
              "Op type not registered 'StatelessRandomUniformV2' in binary running on tfs-0. Make sure the Op and "
              "Kernel are registered in the binary running in this process."),
    dict(id="null-int32", category="dtype_mismatch", variant="null_other",
         text=rest("Failed to process element: 3 key: visits of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                   "Value: null Type: Null is not of expected type: int32")),
    dict(id="null-double-grpc-wrapped", category="dtype_mismatch", variant="null_float",
         text=grpc("INVALID_ARGUMENT", 3, "JSON Value: null Type: Null is not of expected type: double")),
]

# A TF Serving start-up log (no error in it): prefix for cases where the error comes at the end of a long log.
STARTUP_LOG = """2024-05-16 20:18:07.641205: I tensorflow_serving/model_servers/server.cc:77] Building single TensorFlow model file config:  model_name: clf model_base_path: /models/clf
2024-05-16 20:18:07.641468: I tensorflow_serving/model_servers/server_core.cc:474] Adding/updating models.
2024-05-16 20:18:07.641479: I tensorflow_serving/model_servers/server_core.cc:603]  (Re-)adding model: clf
2024-05-16 20:18:07.742070: I tensorflow_serving/core/basic_manager.cc:740] Successfully reserved resources to load servable {name: clf version: 3}
2024-05-16 20:18:07.742096: I tensorflow_serving/core/loader_harness.cc:66] Approving load for servable version {name: clf version: 3}
2024-05-16 20:18:07.742109: I tensorflow_serving/core/loader_harness.cc:74] Loading servable version {name: clf version: 3}
2024-05-16 20:18:07.742338: I external/org_tensorflow/tensorflow/cc/saved_model/reader.cc:83] Reading SavedModel from: /models/clf/3
2024-05-16 20:18:07.745567: I external/org_tensorflow/tensorflow/cc/saved_model/reader.cc:51] Reading meta graph with tags { serve }
2024-05-16 20:18:07.745590: I external/org_tensorflow/tensorflow/cc/saved_model/reader.cc:146] Reading SavedModel debug info (if present) from: /models/clf/3
2024-05-16 20:18:07.745668: I external/org_tensorflow/tensorflow/core/platform/cpu_feature_guard.cc:182] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
2024-05-16 20:18:07.785021: I external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:233] Restoring SavedModel bundle.
2024-05-16 20:18:07.860511: I external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:217] Running initialization op on SavedModel bundle at path: /models/clf/3
2024-05-16 20:18:07.873101: I external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:316] SavedModel load for tags { serve }; Status: success: OK. Took 130765 microseconds.
2024-05-16 20:18:07.875032: I tensorflow_serving/servables/tensorflow/saved_model_warmup_util.cc:62] No warmup data file found at /models/clf/3/assets.extra/tf_serving_warmup_requests
2024-05-16 20:18:07.880125: I tensorflow_serving/core/loader_harness.cc:95] Successfully loaded servable version {name: clf version: 3}
2024-05-16 20:18:07.881022: I tensorflow_serving/model_servers/server_core.cc:495] Finished adding/updating models
2024-05-16 20:18:07.881097: I tensorflow_serving/model_servers/server.cc:428] Running gRPC ModelServer at 0.0.0.0:8500 ...
[warn] getaddrinfo: address family for nodename not supported
2024-05-16 20:18:07.882384: I tensorflow_serving/model_servers/server.cc:448] Exporting HTTP/REST API at:localhost:8501 ...
[evhttp_server.cc : 245] NET_LOG: Entering the event loop ...
"""

# Second batch, written after the first batch passed: longer pastes, other phrasings, numbers that look like HTTP
# codes inside shapes, and texts with no error in them.
CASES += [
    dict(id="log-then-conv-error", category="extra_batch_dimension",
         text=STARTUP_LOG + "2024-05-16 20:19:01.000321: W external/org_tensorflow/tensorflow/core/framework/"
              "op_kernel.cc:1830] OP_REQUIRES failed at conv_ops.cc:683 : INVALID_ARGUMENT: input must be "
              "4-dimensional[1,1,413,504,3]"),
    dict(id="log-then-unfed", category="unfed_placeholder",
         text=STARTUP_LOG + "2024-05-16 20:19:05.123: W external/org_tensorflow/tensorflow/core/framework/"
              "op_kernel.cc:1830] OP_REQUIRES failed at placeholder_op.cc:63 : INVALID_ARGUMENT: You must feed a "
              "value for placeholder tensor 'input_2' with dtype float and shape [?,429]"),
    dict(id="shape-with-http-like-dims", category="input_shape_mismatch",
         text=rest("Matrix size-incompatible: In[0]: [1,503], In[1]: [502,429]\n\t [[{{node dense/MatMul}}]]")),
    dict(id="keras3-call-kwargs", category="runtime_version_mismatch",
         text="ValueError: Unrecognized keyword arguments passed to Dense: {'kernel_regularizer_config': None}"),
    dict(id="op-not-registered-text", category="runtime_version_mismatch", variant="custom_op",
         text="tensorflow.python.framework.errors_impl.NotFoundError: Op type not registered 'SentencepieceOp' in "
              "binary running on worker-0. Make sure the Op and Kernel are registered in the binary running in this "
              "process. Note that if you are loading a saved graph which used ops from tf.contrib (e.g. "
              "`tf.contrib.resampler`), accessing should be done before importing the graph, as contrib ops are "
              "lazily registered when the module is first accessed."),
    dict(id="forward-compat", category="runtime_version_mismatch",
         text="Converting GraphDef to Graph has failed with an error: 'The binary trying to import the GraphDef was "
              "built when GraphDef version was 440. The GraphDef was produced by a binary built when GraphDef version "
              "was 1395. The difference between these versions is larger than TensorFlow's forward compatibility "
              "guarantee.'"),
    dict(id="no-such-signature-classify", category="signature_not_found",
         text=grpc("INVALID_ARGUMENT", 3, "No signature was found with the name: classify_images")),
    dict(id="node-grpc-timeout", category="client_timeout",
         text="Error: 4 DEADLINE_EXCEEDED: Deadline exceeded after 59.998s,metadata filters: 0.001s,LB pick: "
              "0.002s,remote_addr=142.250.0.95:443"),
    dict(id="api-core-retry-timeout", category="client_timeout",
         text="google.api_core.exceptions.RetryError: Timeout of 600.0s exceeded, last exception: 503 "
              "failed to connect to all addresses", also="service_side_error"),
    dict(id="sagemaker-base64", category="base64_encoding",
         text="ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: Received client "
              "error (400) from primary with message \"{ \"error\": \"Failed to process element: 0 key: "
              "image_bytes of 'instances' list. Error: INVALID_ARGUMENT: Unable to base64 decode\" }\""),
    dict(id="data-url-prefix", category="base64_encoding",
         text="the request body was {\"instances\": [{\"b64\": \"data:image/png;base64,iVBORw0KGgoAAAANSU...\"}]} "
              "and the server answered Unable to base64 decode"),
    dict(id="ragged-columnar", category="ragged_instances",
         text=rest("Encountered list at unexpected size: 5 at level: 1 expected size: 7")),
    dict(id="too-many-keys-columnar-half", category="dtype_unsupported_half",
         text=rest("Conversion of JSON Value: [\n    0.1, 0.2\n] to type: half")),
    dict(id="grpc-oom", category="model_too_large", variant="oom",
         text=grpc("RESOURCE_EXHAUSTED", 8, "OOM when allocating tensor with shape[64,512,512,64] and type float on "
                   "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc")),
    dict(id="quota-node", category="quota_exceeded",
         text="Error: 8 RESOURCE_EXHAUSTED: Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_"
              "per_base_model with base model: text-bison."),
    dict(id="table-init-tf2", category="initializer_missing_in_export",
         text="tensorflow.python.framework.errors_impl.FailedPreconditionError: Table not initialized. [Op:"
              "LookupTableFindV2]"),
    dict(id="uninit-tf1-dense", category="variables_not_restored",
         text="FailedPreconditionError (see above for traceback): Attempting to use uninitialized value "
              "dnn/hiddenlayer_0/kernel\n\t [[Node: dnn/hiddenlayer_0/kernel/read = Identity[T=DT_FLOAT]"
              "(dnn/hiddenlayer_0/kernel)]]"),
    dict(id="classify-scores-shape", category="wrong_api_or_input_format",
         text=grpc("INVALID_ARGUMENT", 3, "Expected Tensor shape: [batch_size num_classes] but got [8]")),
    dict(id="vertex-unknown-name-inputs", category="instance_format", variant="vertex_columnar",
         text="google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Unknown name "
              "\"inputs\": Cannot find field."),
    dict(id="ml-engine-empty-instances-old", category="empty_instances",
         text="{\"error\": \"JSON Value: {\\n    \\\"instances\\\": []\\n} not formatted correctly. Expecting "
              "object with 'instances' or 'input' key and a list/array or object as the value respectively.\"}"),
    dict(id="tfs-version-label", category="model_not_found",
         text=rest("Unrecognized servable version label: canary")),
    dict(id="grpc-connection-reset", category="service_side_error",
         text="<_InactiveRpcError of RPC that terminated with: status = StatusCode.UNAVAILABLE details = "
              "\"Socket closed\" debug_error_string = \"{\"grpc_status\":14}\">"),
    dict(id="scalar-pred", category="scalar_input",
         text="InvalidArgumentError: The second input must be a scalar, but it has shape [32] [[{{node "
              "cond/switch_pred/_7}}]]"),
    dict(id="mixed-objects-lists", category="instance_format",
         text=rest("Expecting object but got list at item 1 of input list")),
    dict(id="placeholder-with-shape-list", category="unfed_placeholder",
         text="InvalidArgumentError: You must feed a value for placeholder tensor 'input_example_tensor' with dtype "
              "string and shape [?]"),
    dict(id="tfs-no-versions-trailing-dot", category="model_base_path_layout",
         text="No versions of servable half_plus_two found under base path /models/half_plus_two/00000123. Did you "
              "forget to name your leaf directory as a number (eg. '/1/')?",
         evidence={"path": "/models/half_plus_two/00000123", "servable": "half_plus_two"}),
]

# Third batch: client-side and framework phrasings (Keras 2/3, TF2 loaders, sklearn containers, other gRPC stubs).
# First pass 23/35; the misses led to meaning-level changes (rank checks now require the trailing dimensions to
# agree, so (None, 784) vs (None, 28, 28) is a shape problem, not a batch level), not to copies of these strings.
CASES += [
    dict(id="keras2-ndim5", category="extra_batch_dimension",
         text='ValueError: Input 0 of layer sequential is incompatible with the layer: expected ndim=4, found ndim=5. Full shape received: [None, 1, 224, 224, 3]'),
    dict(id="keras3-found-shape-flat", category="input_shape_mismatch",
         text='ValueError: Input 0 of layer "functional" is incompatible with the layer: expected shape=(None, 28, 28), found shape=(None, 784)'),
    dict(id="keras3-found-shape-rows", category="missing_batch_dimension",
         text='ValueError: Input 0 of layer "model" is incompatible with the layer: expected shape=(None, 224, 224, 3), found shape=(None, 224, 3)'),
    dict(id="feed-missing-batch", category="missing_batch_dimension",
         text="ValueError: Cannot feed value of shape (224, 224, 3) for Tensor 'input_1:0', which has shape '(?, 224, 224, 3)'"),
    dict(id="tf2-concrete-fn", category="input_shape_mismatch",
         text="ValueError: Could not find matching concrete function to call loaded from the SavedModel. Got:\n  Positional arguments (1 total):\n    * <tf.Tensor 'inputs:0' shape=(None, 28, 28) dtype=float32>\n  Keyword arguments: {}\n\n Expected these arguments to match one of the following 1 option(s):\n\nOption 1:\n  Positional arguments (1 total):\n    * TensorSpec(shape=(None, 784), dtype=tf.float32, name='inputs')"),
    dict(id="keras-rgba", category="input_shape_mismatch",
         text="ValueError: Error when checking input: expected input_1 to have shape (224, 224, 3) but got array with shape (224, 224, 4)"),
    dict(id="grpc-uint8", category="dtype_mismatch",
         text=grpc("INVALID_ARGUMENT", 3, "Expects arg[0] to be float but uint8 is provided")),
    dict(id="ndarray-json", category="json_parse_error",
         text="TypeError: Object of type ndarray is not JSON serializable"),
    dict(id="vertex-request-size-mb", category="payload_too_large",
         text="google.api_core.exceptions.InvalidArgument: 400 The request size (2.34 MB) exceeds 1.500 MB limit."),
    dict(id="gcloud-local-no-module", category="local_env_python_mismatch",
         text="ERROR: (gcloud.ml-engine.local.predict) /usr/bin/python2: No module named tensorflow"),
    dict(id="malformed-url", category="model_not_found",
         text=rest("Malformed request: POST /v1/models/my_model:predict/")),
    dict(id="unknown-layer-tfoplambda", category="runtime_version_mismatch",
         text="ValueError: Unknown layer: TFOpLambda. Please ensure this object is passed to the `custom_objects` argument."),
    dict(id="cant-parse-pb", category="variables_not_restored",
         text="E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: m version: 4} failed: Data loss: Can't parse /models/m/4/saved_model.pb as binary proto"),
    dict(id="batch-different-shapes", category="ragged_instances",
         text="InvalidArgumentError: Cannot batch tensors with different shapes in component 0. First element had shape [224,224,3] and element 1 had shape [200,200,3]."),
    dict(id="invalid-png", category="encoded_image_string_mismatch",
         text=grpc("INVALID_ARGUMENT", 3, "Invalid PNG data, size 3452\\n\\t [[{{node DecodePng}}]]")),
    dict(id="decode-raw", category="encoded_image_string_mismatch",
         text=rest("Input to DecodeRaw has length 602112 that is not a multiple of 4, the size of float")),
    dict(id="binascii-padding", category="base64_encoding",
         text="binascii.Error: Incorrect padding"),
    dict(id="checkpoint-key", category="runtime_version_mismatch",
         text="NotFoundError: Key dense/kernel not found in checkpoint"),
    dict(id="vertex-exited", category="deploy_container_not_ready",
         text="google.api_core.exceptions.FailedPrecondition: 400 Model server exited unexpectedly. Model server logs can be found at https://console.cloud.google.com/logs/viewer?..."),
    dict(id="ai-platform-deploy-dir", category="savedmodel_not_found",
         text="ERROR: (gcloud.ai-platform.versions.create) FAILED_PRECONDITION: Field: version.deployment_uri Error: Deployment directory gs://my-bucket/models/ is expected to contain exactly one of: [saved_model.pb, saved_model.pbtxt]."),
    dict(id="cannot-load-pb-no-such-file", category="savedmodel_not_found",
         text='ERROR: (gcloud.ai-platform.versions.create) Bad model detected with error: "Failed to load model: Could not load the model: /tmp/model/0001/saved_model.pb; No such file or directory (Error code: 0)"'),
    dict(id="rendezvous-unavailable", category="service_side_error",
         text="grpc._channel._Rendezvous: <_Rendezvous of RPC that terminated with (StatusCode.UNAVAILABLE, Connect Failed)>"),
    dict(id="sklearn-features", category="input_shape_mismatch",
         text='{"error": "Prediction failed: Exception during sklearn prediction: X has 4 features, but LogisticRegression is expecting 5 features as input."}'),
    dict(id="sklearn-1d", category="missing_batch_dimension",
         text="ValueError: Expected 2D array, got 1D array instead:\narray=[5.1 3.5 1.4 0.2].\nReshape your data either using array.reshape(-1, 1) if your data has a single feature or array.reshape(1, -1) if it contains a single sample."),
    dict(id="attr-truncate", category="runtime_version_mismatch",
         text="Prediction failed: Error during model execution: AbortionError(code=StatusCode.INVALID_ARGUMENT, details=\"NodeDef mentions attr 'Truncate' not in Op<name=Cast; signature=x:SrcT -> y:DstT; attr=SrcT:type; attr=DstT:type>; NodeDef: {{node Cast}}\")"),
    dict(id="tftrt-op", category="runtime_version_mismatch",
         text="Loading servable: {name: det version: 1} failed: Not found: Op type not registered 'TRTEngineOp' in binary running on gpu-node-3."),
    dict(id="quota-online", category="quota_exceeded",
         text="HttpError 429: Online prediction request quota exceeded for project my-proj. Please retry later."),
    dict(id="failed-parse-json", category="json_parse_error",
         text="400 Bad Request: Failed to parse the request JSON: unexpected character at line 1 column 17"),
    dict(id="vertex-closing-quote", category="json_parse_error",
         text="google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Closing quote expected in string."),
    dict(id="placeholder-tf2-graph-exec", category="unfed_placeholder",
         text="tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nYou must feed a value for placeholder tensor 'Placeholder_1' with dtype int32 and shape [?]\n\t [[{{node Placeholder_1}}]]"),
    dict(id="both-keys-old", category="instances_key_missing",
         text=rest("JSON Value: {\n    \"instances\": [1],\n    \"inputs\": [1]\n} Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist ")),
    dict(id="savedmodel-tags-tfs", category="savedmodel_tags",
         text="Loading servable: {name: m version: 1} failed: Not found: Could not find meta graph def matching supplied tags: { serve gpu }. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: `saved_model_cli`"),
    dict(id="signature-tfs-grpc-classify", category="signature_not_found",
         text="<_InactiveRpcError of RPC that terminated with: status = StatusCode.INVALID_ARGUMENT details = \"Serving signature name: \"serving\" not found in signature def\">"),
    dict(id="b64-object-int", category="bytes_sent_to_numeric_input",
         text="Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: {\n    \"b64\": \"AAEC\"\n} Type: Object is not of expected type: int32"),
]

# Fourth batch, written after the third was fixed: Java/Go/Node clients, curl, nginx, SageMaker. First pass 21/24.
CASES += [
    dict(id="java-missing-4d", category="missing_batch_dimension",
         text="io.grpc.StatusRuntimeException: INVALID_ARGUMENT: input must be 4-dimensional[224,224,3]\n\t [[{{node model/conv1/Conv2D}}]]"),
    dict(id="go-dtype-int64", category="dtype_mismatch",
         text="rpc error: code = InvalidArgument desc = Expects arg[0] to be float but int64 is provided"),
    dict(id="go-deadline", category="client_timeout",
         text="rpc error: code = DeadlineExceeded desc = context deadline exceeded"),
    dict(id="java-msg-size", category="payload_too_large", variant="grpc",
         text="io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 5242880"),
    dict(id="curl-servable", category="model_not_found",
         text='$ curl -d @req.json -X POST http://localhost:8501/v1/models/half_plus_two:predict\n{ "error": "Servable not found for request: Latest(half_plus_two)" }'),
    dict(id="sagemaker-table", category="initializer_missing_in_export",
         text='ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: Received server error (500) from primary with message "{"error": "Table not initialized."}"'),
    dict(id="raw-base64-string", category="base64_encoding",
         text=r'{ "error": "Expected image (JPEG, PNG, or GIF), got unknown format starting with \'iVBORw0KGgoAAAAN\'\n\t [[{{node DecodeImage}}]]" }'),
    dict(id="serialized-example-cant-parse", category="serialized_example_input_expected",
         text="InvalidArgumentError: Key: image/encoded.  Can't parse serialized Example.\n\t [[{{node ParseSingleExample/ParseExample/ParseExampleV2}}]]"),
    dict(id="keras-expects-2-inputs", category="input_keys_mismatch",
         text='ValueError: Layer "model" expects 2 input(s), but it received 1 input tensors. Inputs received: [<tf.Tensor \'IteratorGetNext:0\' shape=(None, 10) dtype=float32>]'),
    dict(id="tf2-anon-var", category="variables_not_restored",
         text="FailedPreconditionError: Could not find variable _AnonymousVar12. This could mean that the variable has been deleted. In TF1, it can also mean the variable is uninitialized."),
    dict(id="oom-resource", category="model_too_large",
         text="Resource exhausted: OOM when allocating tensor with shape[1,2048,2048,64] and type float on /job:localhost/replica:0/task:0/device:GPU:0"),
    dict(id="nginx-413", category="payload_too_large",
         text="413 Request Entity Too Large\n<html><head><title>413 Request Entity Too Large</title></head><body><center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx</center></body></html>"),
    dict(id="no-model-deployed", category="model_not_found",
         text="ERROR: (gcloud.ai.endpoints.predict) FAILED_PRECONDITION: There is no model deployed on the endpoint 1234567890."),
    dict(id="keras3-inputlayer", category="runtime_version_mismatch",
         text="ValueError: Unrecognized keyword arguments passed to InputLayer: {'batch_shape': [None, 10]}"),
    dict(id="columnar-missing", category="input_keys_mismatch",
         text='{ "error": "Missing named input: sequence_length in \'inputs\' object." }'),
    dict(id="string-to-bool", category="dtype_mismatch",
         text='{ "error": "Failed to process element: 0 key: is_weekend of \'instances\' list. Error: INVALID_ARGUMENT: JSON Value: \\"yes\\" Type: String is not of expected type: bool" }'),
    dict(id="node-internal", category="service_side_error",
         text="Error: 13 INTERNAL: Received RST_STREAM with code 2 triggered by internal client error: Protocol error"),
    dict(id="aspired-op", category="runtime_version_mismatch", variant="custom_op",
         text="E tensorflow_serving/core/aspired_versions_manager.cc:404] Servable {name: audio version: 1} cannot be loaded: Not found: Op type not registered 'IO>AudioResample' in binary running on 1c2d."),
    dict(id="newer-tf", category="runtime_version_mismatch",
         text="Failed to load model: Unable to load model from gs://bucket/m: The SavedModel was saved with a newer TensorFlow version (2.16) than the runtime (2.11)."),
    dict(id="vertex-artifact-no-pb", category="savedmodel_not_found",
         text="google.api_core.exceptions.InvalidArgument: 400 Failed to create model: The model artifact directory gs://b/m does not contain a saved_model.pb file."),
    dict(id="ragged-feed-python", category="ragged_instances",
         text="ValueError: Can't convert non-rectangular Python sequence to Tensor."),
    dict(id="classify-on-predict-sig", category="wrong_api_or_input_format",
         text='curl -X POST localhost:8501/v1/models/m:classify -d \'{"examples":[{"x":1.0}]}\'\n{ "error": "Expected classification signature method_name to be tensorflow/serving/classify. Was: tensorflow/serving/predict" }'),
    dict(id="tags-serve-gpu-python", category="savedmodel_tags",
         text="RuntimeError: MetaGraphDef associated with tags {'serve', 'gpu'} could not be found in SavedModel, with available tags '[{'serve'}]'."),
]

# Fifth batch, aimed at the categories with the fewest patterns (method names, sparse outputs, flag conflicts,
# custom routines, sizes with units, truncated variables). First pass 15/20.
CASES += [
    dict(id="method-name-empty", category="signature_method_name",
         text="ERROR: (gcloud.ml-engine.versions.create) Bad model detected with error: \"Error loading the model: Invalid SignatureDef serving_default: method_name is empty\""),
    dict(id="tf2-sparse-signature-output", category="sparse_output_in_signature",
         text="ValueError: Got a non-Tensor value SparseTensor(indices=Tensor(\"SparseTensor/indices:0\", shape=(None, 2), dtype=int64), values=Tensor(\"SparseTensor/values:0\", shape=(None,), dtype=int64), dense_shape=Tensor(\"SparseTensor/dense_shape:0\", shape=(2,), dtype=int64)) for key 'decoded' in the output of the function __inference_serve_812 used to generate the SavedModel signature 'serving_default'."),
    dict(id="framework-left-unspecified", category="version_create_flag_conflict",
         text="ERROR: (gcloud.ai-platform.versions.create) INVALID_ARGUMENT: Field: framework Error: When a custom prediction class is specified, framework should be left unspecified."),
    dict(id="cpr-module-missing", category="custom_prediction_routine_error",
         text='{"error": "Prediction failed: unknown error: ModuleNotFoundError: No module named \'my_predictor\'"}'),
    dict(id="request-size-mib", category="payload_too_large",
         text="HTTP 400: Request size 2.1MiB exceeds limit of 1.5MiB"),
    dict(id="truncated-variables", category="variables_not_restored",
         text="OutOfRangeError: Read less bytes than requested\n\t [[{{node save/RestoreV2}}]]"),
    dict(id="hash-table-resource", category="initializer_missing_in_export",
         text="NotFoundError: Resource localhost/hash_table_/tmp/vocab.txt_-2_-1/N10tensorflow6lookup15LookupInterfaceE does not exist."),
    dict(id="incompatible-shapes-grpc", category="input_shape_mismatch",
         text='Prediction failed: Error during model execution: <_Rendezvous of RPC that terminated with: status = StatusCode.INVALID_ARGUMENT details = "Incompatible shapes: [1,224,224,3] vs. [1,299,299,3]">'),
    dict(id="vertex-unknown-name-in-instance", category="instance_format",
         text="google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Unknown name \"data\" at 'instances[0]': Cannot find field."),
    dict(id="node-payload", category="payload_too_large", variant="online",
         text="Error: 3 INVALID_ARGUMENT: Request payload size exceeds the limit: 1572864 bytes."),
    dict(id="signature-name-not-string", category="instances_key_missing",
         text='{ "error": "JSON Value: {\\n    \\"signature_name\\": 1\\n} not formatted correctly. \'signature_name\' key must be a string value." }'),
    dict(id="yolo-1108800", category="model_graph_shape_bug",
         text=r'{ "error": "Input to reshape is a tensor with 1108800 values, but the requested shape requires a multiple of 85\n\t [[{{node yolo/Reshape_2}}]]" }'),
    dict(id="gcloud-projection-bracket", category="gcloud_output_format",
         text="ERROR: (gcloud.ai-platform.predict) Expected ] in projection expression [table(outputs *HERE* :0)]."),
    dict(id="decode-empty-file", category="encoded_image_string_mismatch",
         text="InvalidArgumentError: Expected image (JPEG, PNG, or GIF), got empty file\n\t [[{{node DecodeJpeg}}]]"),
    dict(id="local-numpy-import", category="local_env_python_mismatch",
         text="ERROR: (gcloud.ai-platform.local.predict) ImportError: numpy.core.multiarray failed to import"),
    dict(id="regress-method", category="wrong_api_or_input_format",
         text="grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = StatusCode.INVALID_ARGUMENT details = \"Expected regression signature method_name to be tensorflow/serving/regress. Was: tensorflow/serving/predict\">"),
    dict(id="vertex-model-does-not-exist", category="model_not_found",
         text="google.api_core.exceptions.NotFound: 404 The Model does not exist."),
    dict(id="urllib3-read-timeout", category="client_timeout",
         text="urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host='us-central1-aiplatform.googleapis.com', port=443): Read timed out. (read timeout=60)"),
    dict(id="no-healthy-upstream", category="service_side_error",
         text="503 Service Unavailable: no healthy upstream"),
    dict(id="keys-equal-two", category="input_keys_mismatch",
         text='{ "error": "Failed to process element: 0 of \'instances\' list. JSON object: {\\n    \\"image\\": [1]\\n} keys must be equal to: image,mask" }'),
]

# Found by sigcheck predict running the seed request through TF 2.21 (a real text, not in errors.jsonl): newer TF
# writes "convolution input must be 4-dimensional: [...]" with a colon, which the first catalogue missed.
CASES += [
    dict(id="tf221-conv-colon", category="extra_batch_dimension",
         text='{\n    "error": "convolution input must be 4-dimensional: [1,1,150,150,3]\\n\\t [[{{function_node '
              '__inference___call___113}}{{node keras_image_1/conv_1/Relu}}]]"\n}',
         evidence={"got_shape": [1, 1, 150, 150, 3], "want_rank": 4, "function": "__inference___call___113"}),
    dict(id="maxpool-tensor-in", category="missing_batch_dimension",
         text="InvalidArgumentError: tensor_in must be 4-dimensional: [28,28,1] [[{{node max_pooling2d/MaxPool}}]]"),
]

# Captured from TensorFlow 2.21 itself (real ops failing on purpose: conv/matmul/pool ranks, reshapes, decoders, an
# uninitialised table and variables, unfed placeholders, loaders, tf.function binding). First pass 22/32; two texts
# that cannot be told apart without the model are tested in test_context.py instead.
CASES += [
    dict(id='tf221-conv-rank3', category='missing_batch_dimension',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__Conv2D_device_/job:localhost/replica:0/task:0/device:CPU:0}} convolution input must be 4-dimensional: [32,32,3] [Op:Conv2D] name: '),
    dict(id='tf221-conv-depth', category='input_shape_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__Conv2D_device_/job:localhost/replica:0/task:0/device:CPU:0}} input depth must be evenly divisible by filter depth: 1 vs 3 [Op:Conv2D] name: '),
    dict(id='tf221-matmul-rank1', category='missing_batch_dimension',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} In[0] and In[1] has different ndims: [10] vs. [10,4] [Op:MatMul] name: '),
    dict(id='tf221-matmul-size', category='input_shape_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__MatMul_device_/job:localhost/replica:0/task:0/device:CPU:0}} Matrix size-incompatible: In[0]: [2,8], In[1]: [10,4] [Op:MatMul] name: '),
    dict(id='tf221-keras-dense-wrong-axis', category='input_shape_mismatch',
         text="builtins.ValueError: Input 0 with name 'None' of layer 'dense' is incompatible with the layer: expected axis -1 of input shape to have value 10, but received input with shape (2, 8)"),
    dict(id='tf221-keras-conv-ndim', category='missing_batch_dimension',
         text="builtins.ValueError: Input 0 with name 'None' of layer 'conv2d' is incompatible with the layer: expected min_ndim=4, found ndim=3. Full shape received: (32, 32, 3)"),
    dict(id='tf221-maxpool-rank3', category='missing_batch_dimension',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__MaxPool_device_/job:localhost/replica:0/task:0/device:CPU:0}} tensor_in_shape must have 2 spatial dimensions. 3 0 [Op:MaxPool] name: '),
    dict(id='tf221-reshape-not-multiple', category='model_graph_shape_bug',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} Input to reshape is a tensor with 1000 values, but the requested shape requires a multiple of 85 [Op:Reshape]'),
    dict(id='tf221-reshape-has', category='fixed_batch_size_in_graph',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} Input to reshape is a tensor with 32 values, but the requested shape has 4 [Op:Reshape]'),
    dict(id='tf221-decode_jpeg-png', category='encoded_image_string_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__DecodeJpeg_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid PNG. Failed to initialize decoder. [Op:DecodeJpeg]'),
    dict(id='tf221-decode_image-garbage', category='encoded_image_string_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__DecodeImage_device_/job:localhost/replica:0/task:0/device:CPU:0}} Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required. [Op:DecodeImage]'),
    dict(id='tf221-decode_base64-standard', category='base64_encoding',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__DecodeBase64_device_/job:localhost/replica:0/task:0/device:CPU:0}} Invalid character found in base64. [Op:DecodeBase64]'),
    dict(id='tf221-table-not-initialized', category='initializer_missing_in_export',
         text='tensorflow.python.framework.errors_impl.FailedPreconditionError: Graph execution error:\n\nDetected at node \'hash_table_Lookup/LookupTableFindV2\' defined at (most recent call last):\n    File "/tmp/explain_build/tf_errors.py", line 40, in <module>\n    File "/tmp/explain_build/tf_errors.py", line 8, in cap\n    File "/tmp/explain_build/tf_errors.py", line 37, in table\nNode: \'hash_table_Lookup/LookupTableFindV2\'\nTable not initialized.\n\t [[{{node hash_table_Lookup/LookupTableFindV2}}]]\n\nOriginal stack trace for \'hash_table_Lookup/LookupTableFindV2\':\n  File "/tmp/explain_build/tf_errors.py", line 40, in <module>\n  File "/tmp/explain_build/tf_errors.py", line 8, in cap\n  File "/tmp/explain_build/tf_errors.py", line 37, in table\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/lookup_ops.py", line 259, in lookup\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/gen_lookup_ops.py", line 1004, in lookup_table_find_v2\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/op_def_library.py", line 796, in _apply_op_helper\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 2726, in _create_op_internal\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 1221, in from_node_def\n'),
    dict(id='tf221-unfed-placeholder', category='unfed_placeholder',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nDetected at node \'dropout/keep_prob\' defined at (most recent call last):\n    File "/tmp/explain_build/tf_errors.py", line 49, in <module>\n    File "/tmp/explain_build/tf_errors.py", line 8, in cap\n    File "/tmp/explain_build/tf_errors.py", line 45, in placeholder\nNode: \'dropout/keep_prob\'\nYou must feed a value for placeholder tensor \'dropout/keep_prob\' with dtype float\n\t [[{{node dropout/keep_prob}}]]\n\nOriginal stack trace for \'dropout/keep_prob\':\n  File "/tmp/explain_build/tf_errors.py", line 49, in <module>\n  File "/tmp/explain_build/tf_errors.py", line 8, in cap\n  File "/tmp/explain_build/tf_errors.py", line 45, in placeholder\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/array_ops.py", line 3028, in placeholder\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/gen_array_ops.py", line 7115, in placeholder\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/op_def_library.py", line 796, in _apply_op_helper\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 2726, in _create_op_internal\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 1221, in from_node_def\n'),
    dict(id='tf221-feed-fixed-batch', category='fixed_batch_size_in_graph',
         text='builtins.ValueError: Cannot feed value of shape (4, 224, 224, 3) for Tensor image:0, which has shape (1, 224, 224, 3)'),
    dict(id='tf221-feed-rank', category='extra_batch_dimension',
         text='builtins.ValueError: Cannot feed value of shape (1, 1, 64, 64, 3) for Tensor image:0, which has shape (None, 64, 64, 3)'),
    dict(id='tf221-uninitialized-variable', category='variables_not_restored',
         text='tensorflow.python.framework.errors_impl.FailedPreconditionError: Graph execution error:\n\nDetected at node \'ReadVariableOp\' defined at (most recent call last):\n    File "/tmp/explain_build/tf_errors.py", line 73, in <module>\n    File "/tmp/explain_build/tf_errors.py", line 8, in cap\n    File "/tmp/explain_build/tf_errors.py", line 70, in uninit\nNode: \'ReadVariableOp\'\nCould not find variable dense/kernel. This could mean that the variable has been deleted. In TF1, it can also mean the variable is uninitialized. Debug info: container=localhost, status error message=Container localhost does not exist. (Could not find resource: localhost/dense/kernel)\n\t [[{{node ReadVariableOp}}]]\n\nOriginal stack trace for \'ReadVariableOp\':\n  File "/tmp/explain_build/tf_errors.py", line 73, in <module>\n  File "/tmp/explain_build/tf_errors.py", line 8, in cap\n  File "/tmp/explain_build/tf_errors.py", line 70, in uninit\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/variables.py", line 1018, in _run_op\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 658, in value\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 843, in _read_variable_op\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 833, in read_and_set_handle\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/gen_resource_variable_ops.py", line 548, in read_variable_op\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/op_def_library.py", line 796, in _apply_op_helper\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 2726, in _create_op_internal\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 1221, in from_node_def\n'),
    dict(id='tf221-resource-variable', category='variables_not_restored',
         text='tensorflow.python.framework.errors_impl.FailedPreconditionError: Graph execution error:\n\nDetected at node \'Read/ReadVariableOp\' defined at (most recent call last):\n    File "/tmp/explain_build/tf_errors.py", line 81, in <module>\n    File "/tmp/explain_build/tf_errors.py", line 8, in cap\n    File "/tmp/explain_build/tf_errors.py", line 78, in resvar\nNode: \'Read/ReadVariableOp\'\nCould not find variable conv/kernel. This could mean that the variable has been deleted. In TF1, it can also mean the variable is uninitialized. Debug info: container=localhost, status error message=Container localhost does not exist. (Could not find resource: localhost/conv/kernel)\n\t [[{{node Read/ReadVariableOp}}]]\n\nOriginal stack trace for \'Read/ReadVariableOp\':\n  File "/tmp/explain_build/tf_errors.py", line 81, in <module>\n  File "/tmp/explain_build/tf_errors.py", line 8, in cap\n  File "/tmp/explain_build/tf_errors.py", line 78, in resvar\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 881, in read_value\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 843, in _read_variable_op\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/resource_variable_ops.py", line 833, in read_and_set_handle\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/ops/gen_resource_variable_ops.py", line 548, in read_variable_op\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/op_def_library.py", line 796, in _apply_op_helper\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 2726, in _create_op_internal\n  File "/work/main/.venv/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 1221, in from_node_def\n'),
    dict(id='tf221-load-missing-savedmodel', category='savedmodel_not_found',
         text='builtins.OSError: SavedModel file does not exist at: /tmp/explain_build/no_such_model/{saved_model.pbtxt|saved_model.pb}'),
    dict(id='tf221-wrong-tags', category='savedmodel_tags',
         text="builtins.RuntimeError: MetaGraphDef associated with tags 'train' could not be found in SavedModel, with available tags '[{'serve'}]'. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: `saved_model_cli`."),
    dict(id='tf221-signature-call-wrong-dtype', category='dtype_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute __inference_signature_wrapper___call___559 as input #1(zero-based) was expected to be a int64 tensor but is a float tensor [Op:__inference_signature_wrapper___call___559]'),
    dict(id='tf221-signature-call-missing-input', category='input_keys_mismatch',
         text="builtins.TypeError: Binding inputs to tf.function failed due to `missing a required argument: 'hours'`. Received args: () and kwargs: {'age': <tf.Tensor: shape=(1, 1), dtype=float32, numpy=array([[0.]], dtype=float32)>} for signature: (*, age: TensorSpec(shape=(None, 1), dtype=tf.float32, name='age'), hours: TensorSpec(shape=(None, 1), dtype=tf.int64, name='hours'), occupation: TensorSpec(shape=(None, 1), dtype=tf.string, name='occupation')) -> Dict[['probabilities', TensorSpec(shape=(None, 2), dtype=tf.float32, name='probabilities')]].\nFallback to flat signature also failed due to: signature_wrapper___call__(age, hours, occupation) missing required arguments: hours, occupation."),
    dict(id='tf221-ragged-to-tensor', category='ragged_instances',
         text="builtins.ValueError: Can't convert non-rectangular Python sequence to Tensor."),
    dict(id='tf221-string-to-float', category='bytes_sent_to_numeric_input',
         text="builtins.TypeError: Cannot convert ['abc'] to EagerTensor of dtype float"),
    dict(id='tf221-float-to-int', category='dtype_mismatch',
         text='builtins.TypeError: Cannot convert [1.5] to EagerTensor of dtype int64'),
    dict(id='tf221-parse-example-garbage', category='serialized_example_input_expected',
         text="tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__ParseExampleV2_Tdense_1_num_sparse_0_ragged_split_types_0_ragged_value_types_0_sparse_types_0_device_/job:localhost/replica:0/task:0/device:CPU:0}} Could not parse example input, value: 'not a proto' [Op:ParseExampleV2]"),
    dict(id='tf221-parse-example-missing-feature', category='input_keys_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__ParseExampleV2_Tdense_1_num_sparse_0_ragged_split_types_0_ragged_value_types_0_sparse_types_0_device_/job:localhost/replica:0/task:0/device:CPU:0}} Name: <unknown>, Feature: age (data type: float) is required but could not be found. [Op:ParseExampleV2]'),
    dict(id='tf221-concat-shapes', category='input_shape_mismatch',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__ConcatV2_N_2_device_/job:localhost/replica:0/task:0/device:CPU:0}} ConcatOp : Dimension 1 in both shapes must be equal: shape[0] = [1,224,224,3] vs. shape[1] = [1,299,299,3] [Op:ConcatV2] name: concat'),
    # (two tensors whose sizes agree but for the first: two batch sizes, as the provoked texts of this message say --
    # 2 of 2, session 18; it read input_shape_mismatch before)
    dict(id='tf221-add-incompatible', category='batch_size_mismatch_between_inputs',
         text='tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [2,10] vs. [3,10] [Op:AddV2] name: '),
]

# Texts that are not serving errors: explain must find nothing (exit 1) rather than guess.
NEGATIVES = [
    dict(id="startup-log", text=STARTUP_LOG),
    dict(id="success-body", text='{\n    "predictions": [[0.12, 0.88], [0.97, 0.03]\n    ]\n}'),
    dict(id="prose", text="hello, the model works fine on my laptop but I have a question about pricing"),
    dict(id="pip-log", text="Successfully installed numpy-1.26.4 protobuf-4.25.3 tensorflow-serving-api-2.15.0"),
    dict(id="python-error", text="ZeroDivisionError: division by zero"),
    dict(id="docker-pull", text="Unable to find image 'tensorflow/serving:latest' locally\nlatest: Pulling from "
                                "tensorflow/serving\nStatus: Downloaded newer image for tensorflow/serving:latest"),
    dict(id="training-log", text="Epoch 1/10\n1875/1875 [==============================] - 3s 1ms/step - loss: 0.2997"),
    dict(id="gpu-warning", text="W0000 tensorflow/core/common_runtime/gpu/gpu_device.cc:2211] Cannot dlopen some GPU "
                                "libraries. Skipping registering GPU devices..."),
    dict(id="http-200", text='HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"predictions": [[0.1, 0.9]]}'),
]
