"""The platform messages of the explain index (#15), from scripts/explain_index_platforms.py: each message as its
source prints it (inside the wrapper a user meets it in) is read to its category, or to its reading when it is not
about the request or the model; gRPC spoken to TF Serving's REST port (and HTTP to its gRPC port) reads as the wrong
port, never as a model problem."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.index import INDEX_PATH

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from explain_index_platforms import ENTRIES  # noqa: E402

INDEX = {e["template"]: e for e in json.loads(INDEX_PATH.read_text())["entries"]}
MIRRORED = ("moby/moby", "kserve/kserve", "triton-inference-server", "sagemaker-tensorflow-serving-container",
            "tensorflow/tfjs", "python-aiplatform", "grpc/grpc-go", "grpc/grpc-node", "tensorflow/serving")


def test_every_platform_entry_is_in_the_index_with_where_it_comes_from() -> None:
    for template, pattern, source, category, *_ in ENTRIES:
        e = INDEX.get(template)
        assert e is not None, f"messages.json lacks {template!r}: run scripts/explain_build_index.py"
        assert e["pattern"] == pattern and e["source"] == source and e["category"] == category
        if any(repo in source for repo in MIRRORED):
            assert re.search(r"@[0-9a-f]{12}\b", source), source  # the commit the source was read at
        if category is None:  # what it is instead, or where to look for the message that says why
            assert "not about the request or model" in e["reading"] or "look for" in e["reading"]


# ---- gRPC to the REST port, HTTP to the gRPC port: each client's own words, in its own wrapper --------------------

WRONG_PORT = [
    # grpc-core (Python, C++, PHP, Ruby …): a gRPC channel to 8501
    ("grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = "
     "StatusCode.UNAVAILABLE\n\tdetails = \"failed to connect to all addresses; last error: UNKNOWN: "
     "ipv4:127.0.0.1:8501: Trying to connect an http1.x server\"\n\tdebug_error_string = \"UNKNOWN:Failed to pick "
     "subchannel {grpc_status:14}\"\n>", "8500"),
    # the older grpc-core: the REST server closes the connection
    ("<_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "
     "\"Socket closed\"\n\tdebug_error_string = \"{\"created\":\"@1579416411.591710831\",\"description\":\"Error "
     "received from peer ipv4:127.0.0.1:8501\",\"file\":\"src/core/lib/surface/call.cc\",\"file_line\":1056,"
     "\"grpc_message\":\"Socket closed\",\"grpc_status\":14}\"\n>", "8500"),
    # grpc-go
    ('rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: http2: frame too '
     'large"', "8500"),
    ('rpc error: code = Unimplemented desc = unexpected HTTP status code received from server: 404 (Not Found); '
     'transport: received unexpected content-type "text/plain"', "8500"),
    # grpc-java (netty): 485454502f is "HTTP/"
    ("Exception in thread \"main\" io.grpc.StatusRuntimeException: INTERNAL: http2 exception\n\tat "
     "io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:271)\nCaused by: "
     "io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS. Hex dump for first 5 bytes: "
     "485454502f\n\tat io.netty.handler.codec.http2.Http2Exception.connectionError(Http2Exception.java:109)", "8500"),
    # grpc-js
    ("Error: 12 UNIMPLEMENTED: Received HTTP status code 404\n    at callErrorFromStatus (/app/node_modules/@grpc/"
     "grpc-js/build/src/call.js:31:19)", "8500"),
    # HTTP clients to the gRPC port
    ("$ curl -d '{\"instances\": [1.0]}' http://localhost:8500/v1/models/half_plus_two:predict\n"
     "curl: (1) Received HTTP/0.9 when not allowed", "8501"),
    ("requests.exceptions.ConnectionError: ('Connection aborted.', BadStatusLine('\\x00\\x00\\x06\\x04\\x00\\x00\\x00"
     "\\x00\\x00\\x00\\x05\\x00\\x00@\\x00'))", "8501"),
    ("Error: Parse Error: Expected HTTP/\n    at Socket.socketOnData (node:_http_client:494:22) {\n  bytesParsed: 0,\n"
     "  code: 'HPE_INVALID_CONSTANT'\n}", "8501"),
    # the ports in the pasted code or command, with the transport failing
    ('ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", 8501).usePlaintext().build();\n'
     "Exception in thread \"main\" io.grpc.StatusRuntimeException: UNAVAILABLE: Network closed for unknown reason\n"
     "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:262)", "8500"),
    ("$ curl -X POST http://localhost:8500/v1/models/half_plus_two:predict -d '{\"instances\": [1.0, 2.0]}'\n"
     "curl: (52) Empty reply from server", "8501"),
    # the gRPC server's own log line when HTTP/1.1 arrives on --port
    ("I0301 10:00:00.000000 123 chttp2_server.cc:98] Connect string mismatch: expected 'P' (80) got 'G' (71) at byte 0",
     "8501"),
]


@pytest.mark.parametrize("text, port", WRONG_PORT, ids=lambda x: x[:40] if len(x) > 5 else x)
def test_grpc_and_http_on_the_wrong_port_read_as_the_wrong_port(text: str, port: str) -> None:
    assert explain_text(text) == []  # a reading, no category: where the request went, not the request or model
    said = " ".join(read_unknown(text).readings)
    assert "Fix: " in said and port in said.split("Fix: ", 1)[1] and "REST" in said  # the fix names the port


@pytest.mark.parametrize("text", [
    # the same closed connection on the gRPC port is no sign of a wrong port
    "<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = \"Socket "
    "closed\"\n\tdebug_error_string = \"{\"description\":\"Error received from peer ipv4:10.0.0.5:8500\","
    "\"grpc_status\":14}\"\n>",
    # netty's hex dump of a TLS record: the server wants TLS, the port may well be right
    "io.netty.handler.codec.http2.Http2Exception: First received frame was not SETTINGS. Hex dump for first 5 bytes: "
    "1503010002",
    # a front that refuses the call
    'details = "Received http2 header with status: 403"',
    # the right port: a gRPC channel on 8500 that fails is no port mistake
    'channel = grpc.insecure_channel("localhost:8500")\n<_InactiveRpcError of RPC that terminated with:\n\tstatus = '
    'StatusCode.UNAVAILABLE\n\tdetails = "failed to connect to all addresses"\n>',
])
def test_closed_connections_elsewhere_are_not_read_as_the_wrong_port(text: str) -> None:
    found = explain_text(text)
    assert not found or found[0].category != "wrong_api_or_input_format"
    assert not any("port it went to" in r for r in read_unknown(text).readings)


# ---- docker and the tensorflow/serving image ------------------------------------------------------------------

def test_a_missing_bind_source_is_a_base_path_problem_with_the_mount_in_the_fix() -> None:
    text = ('docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: '
            "/home/me/models/resnet.\nSee 'docker run --help'.")
    best = explain_text(text)[0]
    assert best.category == "model_base_path_layout"
    assert "absolute host path" in best.steps[0] and best.evidence.get("path", "").startswith("/home/me/models/resnet")
    uri = ('docker: Error response from daemon: invalid mount config for type "bind": invalid mount path: '
           "'gs://bucket/models/resnet' mount path must be absolute.")
    assert explain_text(uri)[0].category == "model_base_path_layout"


def test_the_image_default_model_name_is_named_in_the_fix() -> None:
    text = ("2024-03-01 10:00:00.1: E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:362] "
            "FileSystemStoragePathSource encountered a filesystem access error: Could not find base path /models/model "
            "for servable model with error NOT_FOUND: /models/model not found")
    best = explain_text(text)[0]
    assert best.category == "model_base_path_layout" and any("MODEL_NAME" in step for step in best.steps[:2])


@pytest.mark.parametrize("text, word", [
    ("docker: Error response from daemon: driver failed programming external connectivity on endpoint tfs (3f2a): "
     "Bind for 0.0.0.0:8501 failed: port is already allocated.", "port"),
    ("Error starting userland proxy: listen tcp4 0.0.0.0:8500: bind: address already in use.", "port"),
    ("exec /usr/bin/tf_serving_entrypoint.sh: exec format error", "architecture"),
    ("docker: no matching manifest for linux/arm64/v8 in the manifest list entries.", "platform"),
    ("2024-03-01 10:00:00.1: F external/org_tensorflow/tensorflow/core/platform/cpu_feature_guard.cc:37] The "
     "TensorFlow library was compiled to use AVX instructions, but these aren't available on your machine.\n"
     "qemu: uncaught target signal 6 (Aborted) - core dumped", "AVX"),
    ("qemu: uncaught target signal 6 (Aborted) - core dumped\n/usr/bin/tf_serving_entrypoint.sh: line 3:     7 "
     "Aborted                 tensorflow_model_server --port=8500 --rest_api_port=8501", "emulation"),
    ('docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].', "NVIDIA"),
    ("W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
     "'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory",
     "CPU"),
    ("Unable to find image 'tensorflow/serving:2.99' locally\ndocker: Error response from daemon: manifest for "
     "tensorflow/serving:2.99 not found: manifest unknown: manifest unknown.", "tag"),
])
def test_docker_messages_are_read_as_not_about_the_model(text: str, word: str) -> None:
    found = explain_text(text)
    assert not found or found[0].confidence < 0.6  # no category of the request or the model claims it
    readings = read_unknown(text).readings
    assert any(word in r and "not about the request or model" in r for r in readings), readings


# ---- KServe, Triton, SageMaker, tfjs, Vertex: their own messages in their own wrappers ------------------------------

@pytest.mark.parametrize("text, category", [
    ('$ curl -H "Host: flowers.default.example.com" http://${INGRESS}/v1/models/model1:predict -d @input.json\n'
     '{"error": "Model with name model1 does not exist."}', "model_not_found"),
    ('requests.exceptions.HTTPError: 503 Server Error: Service Unavailable for url: http://flowers/v2/models/flowers/'
     'infer\n{"error":"Model with name flowers is not ready."}', "model_load_failed"),
    ("Warning  InternalError  2m  v1beta1Controllers  fails to reconcile predictor: no runtime found to support "
     "predictor with model type: {tensorflow 0xc000a1b2}", "deploy_container_not_ready"),
    ("tritonclient.utils.InferenceServerException: [StatusCode.INVALID_ARGUMENT] [request id: <id_unknown>] unexpected "
     "shape for input 'input_1' for model 'resnet'. Expected [-1,224,224,3], got [224,224,3]. NOTE: Setting a non-zero "
     "max_batch_size in the model config requires a batch dimension to be prepended to each input shape. If you want "
     "to specify the full shape including the batch dim in your input dims config, try setting max_batch_size to "
     "zero. See the model configuration docs for more info on max_batch_size.", "missing_batch_dimension"),
    ("tritonclient.utils.InferenceServerException: [400] unexpected shape for input 'x' for model 'tabular'. Expected "
     "[-1,4], got [1,3]. ", "input_shape_mismatch"),
    ("tritonclient.utils.InferenceServerException: [StatusCode.INVALID_ARGUMENT] unexpected inference input 'image' "
     "for model 'resnet'", "input_keys_mismatch"),
    ("tritonclient.utils.InferenceServerException: [StatusCode.NOT_FOUND] Request for unknown model: 'resnet50' is "
     "not found", "model_not_found"),
    ("E0301 10:00:00.1 1 model_lifecycle.cc:626] failed to load 'resnet' version 1: Unavailable: unable to find "
     "'/models/resnet/1/model.savedmodel' for model instance 'resnet_0'", "model_base_path_layout"),
    ("I0301 10:00:01.2 1 server.cc:264] Waiting for in-flight requests to complete.\nerror: creating server: Internal "
     "- failed to load all models", "model_load_failed"),
    ("ValueError: no SavedModel bundles found!", "savedmodel_not_found"),
    ("ValueError: Unsupported Ops in the model before optimization\nCaseFoldUTF8, RegexSplitWithOffsets, "
     "WordpieceTokenizeWithOffsets", "runtime_version_mismatch"),
    ("(node:4242) UnhandledPromiseRejectionWarning: Error: The SavedModel does not have tags: serve\n    at "
     "getSignatureDefEntryFromMetaGraphInfo (/app/node_modules/@tensorflow/tfjs-node/dist/saved_model.js:256:11)",
     "savedmodel_tags"),
    ("OSError: SavedModel file does not exist at: ./my_model/{saved_model.pbtxt|saved_model.pb}",
     "savedmodel_not_found"),
    ("ValueError: artifact_uri directory does not contain any supported model files. When using a prebuilt serving "
     "image, the upload method only supports the following model files: '('saved_model.pb', 'model.pkl')'",
     "savedmodel_not_found"),
    ('Exception in thread "main" org.tensorflow.TensorFlowException: SavedModel not found in export directory: '
     "D:/java/models/dnn\n\tat org.tensorflow.SavedModelBundle.load(Native Method)", "savedmodel_not_found"),
])
def test_platform_messages_in_their_wrappers_read_to_their_category(text: str, category: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category
    assert best.message_source  # the diagnosis says where the message comes from


@pytest.mark.parametrize("text, category", [
    ("docker: Error response from daemon: invalid mode: /models/half_plus_two.\nSee 'docker run --help'.",
     "model_base_path_layout"),
    ("docker: Error response from daemon: Mounts denied: \nThe path /opt/models/half_plus_two is not shared from the "
     "host and is not known to Docker.\nYou can configure shared paths from Docker -> Preferences... -> Resources -> "
     "File Sharing.\nSee https://docs.docker.com/desktop/settings/mac/#file-sharing for more info.",
     "model_base_path_layout"),
    ("E0301 10:00:00.1 1 model_lifecycle.cc:626] failed to load 'resnet' version 1: Invalid argument: model 'resnet', "
     "tensor 'input_1': the model expects 4 dimensions (shape [-1,224,224,3]) but the model configuration specifies 5 "
     "dimensions (an initial batch dimension because max_batch_size > 0 followed by the explicit tensor shape, making "
     "complete shape [-1,-1,224,224,3])", "input_shape_mismatch"),
    ("Uncaught (in promise) Error: The shape of dict['input_1'] provided in model.execute(dict) must be "
     "[-1,224,224,3], but was [224,224,3]\n    at assert (util_base.js:153:11)", "missing_batch_dimension"),
    ("Error: The dtype of dict['input_tensor'] provided in model.execute(dict) must be int32, but was float32",
     "dtype_mismatch"),
    ("Error: Unknown op 'StatelessRandomUniformV2'. File an issue at https://github.com/tensorflow/tfjs/issues so we "
     "can add it, or register a custom execution with tf.registerOp()\n    at executeOp (operation_executor.js:120)",
     "runtime_version_mismatch"),
    ("Warning  BackOff  2m (x12 over 5m)  kubelet  Back-off restarting failed container kserve-container in pod "
     "flowers-predictor-00001-deployment-7d9f_default(0b1c)", "deploy_container_not_ready"),
    ("    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137", "model_too_large"),
    # KServe's v2 protocol
    ('requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: http://flowers.default/v2/models/flowers/'
     'infer\n{"error":"Receiving FP16 data via JSON is not supported. Please use the binary data format for input '
     'input_1"}', "dtype_unsupported_half"),
    # TensorFlow Java's own checks, in its exception and stack frames
    ('Exception in thread "main" java.lang.IllegalArgumentException: Function with signature [predict] not found\n'
     "\tat org.tensorflow.SavedModelBundle.function(SavedModelBundle.java:429)", "signature_not_found"),
    ('java.lang.IllegalArgumentException: No argument found for parameter "input_1"\n\tat '
     "org.tensorflow.SessionFunction.call(SessionFunction.java:99)", "input_keys_mismatch"),
    # tfjs-layers prints the shape as a JS array's toString (no brackets)
    ("Uncaught (in promise) Error: Error when checking : expected conv2d_Conv2D1_input to have 4 dimension(s), but got "
     "array with shape 28,28,1\n    at new e (errors.ts:48)", "missing_batch_dimension"),
    ("Error: Error when checking : expected input_1 to have shape [null,224,224,3] but got array with shape "
     "[1,224,224,4].", "input_shape_mismatch"),
    ("Error: Error when checking model input: the Array of Tensors that you are passing to your model is not the size "
     "the model expected. Expected to see 2 Tensor(s), but instead got the following list of Tensor(s): Tensor",
     "input_keys_mismatch"),
    ("terminate called after throwing an instance of 'std::runtime_error'\n  what():  No operation named "
     "\"serving_default_input_1\" exists\nAborted (core dumped)", "input_keys_mismatch"),
])
def test_more_platform_messages_read_to_their_category(text: str, category: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category and best.message_source


def test_the_windows_mount_fix_says_how_to_mount_without_colons() -> None:
    best = explain_text("docker: Error response from daemon: invalid mode: /models/m.")[0]
    assert "--mount type=bind" in best.steps[0]


def test_a_sagemaker_error_without_a_message_says_where_to_look() -> None:
    text = ("ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: Received server "
            "error (500) from model with message")
    readings = read_unknown(text).readings
    assert any("CloudWatch" in r for r in readings)


@pytest.mark.parametrize("text", [
    "remote: -----> Compressing...\nremote:  !     Compiled slug size: 605.7M is too large (max is 500M).\nremote:  !"
    "     See: http://devcenter.heroku.com/articles/slug-size\nremote:  !     Push failed",
    "An error occurred (InvalidParameterValueException) when calling the CreateFunction operation: Unzipped size must "
    "be smaller than 262144000 bytes",
])
def test_a_platforms_size_limit_for_a_model_app(text: str) -> None:
    """Heroku's slug limit and Lambda's unzipped package limit, as the platforms print them: the model app is too
    large for the platform (model_too_large), and the first step says what to leave out."""
    from sigcheck.explain import explain_text

    d = explain_text(text)[0]
    assert d.category == "model_too_large"
    assert re.search(r"tensorflow-cpu|tflite-runtime", d.steps[0]), d.steps[0]
