"""Step 1 of explain (#15): each client's wrapper, written the way its source writes it, around known TF / TF Serving
messages, is read to the right status, HTTP status and innermost message, and the text to the message's category.

The wrapper formats (each from the code that prints it):
grpc-java Status.formatThrowableMessage (``CODE: description``) and Status.toString (``Status{code=…, description=…,
cause=…}``); grpc-go status.Error (``rpc error: code = %s desc = %s``); grpc-js call.ts (``${code} ${Status[code]}:
${details}``); Grpc.Core.Api Status.ToString (``Status(StatusCode="X", Detail="…"[, DebugException="…"])``);
python-api-core GoogleAPICallError.__str__ (``{code} {message} {details}``); grpc Python's _InactiveRpcError /
_MultiThreadedRendezvous repr and the old AbortionError; TensorFlow Java's AbstractTF_Status.throwExceptionIfNotOK;
botocore's ClientError (``An error occurred ({code}) when calling the {op} operation: {message}``); requests'
raise_for_status, httpx's raise_for_status, axios' ``Request failed with status code``, the Vertex SDK's
``Failed to make prediction request. Status code:…, response: …``; kserve errors.py's ``{"error": str(exc)}``.
"""

from __future__ import annotations

import json

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.layers import read_layers
from sigcheck.explain.normalize import normalize

# Known inner messages (as TensorFlow / TF Serving write them), their category, and what starts the innermost message.
INNER = {
    "rank": ("input must be 4-dimensional[1,1,150,150,3]\n\t [[{{node sequential/conv2d/Conv2D}}]]",
             "extra_batch_dimension", "input must be 4-dimensional"),
    "variable": ("Could not find variable dense/kernel. This could mean that the variable has been deleted. In TF1, it "
                 "can also mean the variable is uninitialized. Debug info: container=localhost, status error "
                 "message=Resource localhost/dense/kernel/N10tensorflow3VarE does not exist.\n\t [[{{node "
                 "StatefulPartitionedCall/sequential/dense/MatMul/ReadVariableOp}}]]",
                 "variables_not_restored", "Could not find variable dense/kernel"),
    "signature": ('Serving signature key "predict" not found.', "signature_not_found", 'Serving signature key "predict"'),
    "servable": ("Servable not found for request: Latest(resnet)", "model_not_found", "Servable not found for request"),
}


def _escaped(message: str) -> str:
    """The message as a JSON / C-style string literal writes it (quotes and newlines escaped)."""
    return json.dumps(message)[1:-1]


WRAPPERS = [
    # name, text with {m} (raw message) or {e} (escaped message), status, HTTP status, wrapper names
    ("tf-java", 'Exception in thread "main" org.tensorflow.exceptions.TFInvalidArgumentException: {m}\n'
                "\tat org.tensorflow.internal.c_api.AbstractTF_Status.throwExceptionIfNotOK(AbstractTF_Status.java:76)\n"
                "\tat org.tensorflow.Session.run(Session.java:850)\n\tat Main.main(Main.java:21)",
     "INVALID_ARGUMENT", None, ["tf_java"]),
    ("grpc-java", "Exception in thread \"main\" io.grpc.StatusRuntimeException: FAILED_PRECONDITION: {m}\n"
                  "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:271)\n"
                  "\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:252)\n\t... 3 more",
     "FAILED_PRECONDITION", None, ["java"]),
    ("grpc-java-status", "status: Status{{code=INVALID_ARGUMENT, description={m}, cause=null}}",
     "INVALID_ARGUMENT", None, ["java_status"]),
    ("grpc-go", "predict failed: rpc error: code = InvalidArgument desc = {m}", "INVALID_ARGUMENT", None, ["go"]),
    ("grpc-js", "Error: 9 FAILED_PRECONDITION: {m}\n    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/"
                "src/call.js:31:19)\n    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/"
                "client.js:193:76)\n    at /app/node_modules/@grpc/grpc-js/build/src/call-interceptors.js:360:141",
     "FAILED_PRECONDITION", None, ["node"]),
    ("dotnet", 'Unhandled exception. Grpc.Core.RpcException: Status(StatusCode="InvalidArgument", Detail="{m}")\n'
               "   at Grpc.Net.Client.Internal.HttpClientCallInvoker.BlockingUnaryCall[TRequest,TResponse](Method`2 "
               "method, String host, CallOptions options, TRequest request)\n   at Program.Main() in /src/Program.cs:line 12",
     "INVALID_ARGUMENT", None, ["dotnet"]),
    ("dotnet-debug", 'Grpc.Core.RpcException: Status(StatusCode="FailedPrecondition", Detail="{m}", '
                     'DebugException="Grpc.Core.Internal.CoreErrorDetailException: {{"created":"@1"}}")',
     "FAILED_PRECONDITION", None, ["dotnet"]),
    ("api-core", "google.api_core.exceptions.FailedPrecondition: 400 {m}", "FAILED_PRECONDITION", 400, ["api_core"]),
    ("api-core-details", "google.api_core.exceptions.InvalidArgument: 400 {m} [field_violations {{\n  field: "
                         '"instances"\n}}\n]', "INVALID_ARGUMENT", 400, ["api_core"]),
    ("api-core-unavailable", "ServiceUnavailable: 503 {m}", "UNAVAILABLE", 503, ["api_core"]),
    ("grpc-python", "grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
                    "\tstatus = StatusCode.FAILED_PRECONDITION\n\tdetails = \"{m}\"\n\tdebug_error_string = "
                    "\"UNKNOWN:Error received from peer ipv4:127.0.0.1:8500 {{grpc_message:\"{e}\", grpc_status:9, "
                    "created_time:\"2024-03-01T10:00:00.1+00:00\"}}\"\n>",
     "FAILED_PRECONDITION", None, ["grpc_python"]),
    ("grpc-python-rendezvous", "<_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = "
                               "StatusCode.INVALID_ARGUMENT\n\tdetails = \"{m}\"\n\tdebug_error_string = "
                               "\"{{\"created\":\"@1579416411.59\",\"grpc_status\":3}}\"\n>",
     "INVALID_ARGUMENT", None, ["grpc_python"]),
    ("abortion", "grpc.framework.interfaces.face.face.AbortionError: AbortionError(code=StatusCode.INVALID_ARGUMENT, "
                 "details=\"{m}\")", "INVALID_ARGUMENT", None, ["grpc_python"]),
    ("tf-python", "tensorflow.python.framework.errors_impl.FailedPreconditionError: {m}", "FAILED_PRECONDITION", None,
     ["tf_python"]),
    ("requests", "requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: "
                 "http://localhost:8501/v1/models/m:predict\n{{\"error\": \"{e}\"}}", None, 400, ["requests", "json"]),
    ("httpx", "httpx.HTTPStatusError: Client error '400 Bad Request' for url 'http://localhost:8501/v1/models/m:predict'"
              "\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/400\n"
              "{{ \"error\": \"{e}\" }}", None, 400, ["httpx", "json"]),
    ("axios", "AxiosError: Request failed with status code 400\n  data: {{ error: '{m}' }}", None, 400,
     ["axios", "js_body"]),
    ("tritonclient-grpc", "tritonclient.utils.InferenceServerException: [StatusCode.FAILED_PRECONDITION] [request id: "
                          "<id_unknown>] {m}", "FAILED_PRECONDITION", None, ["triton", "triton_request"]),
    ("tritonclient-http", "tritonclient.utils.InferenceServerException: [400] {m}", None, 400, ["triton"]),
    ("r-reticulate", "Error in py_call_impl(callable, dots$args, dots$keywords) : \n  FailedPreconditionError: {m}\n\n"
                     "Detailed traceback:\n  File \"/usr/lib/python3/site-packages/tensorflow/python/eager/def_function.py"
                     "\", line 580, in __call__\n    result = self._call(*args, **kwds)", "FAILED_PRECONDITION", None,
     ["reticulate", "tf_python"]),
    ("pythonnet", "Python.Runtime.PythonException: FailedPreconditionError : {m}\n   at Python.Runtime.PyObject.Invoke("
                  "PyTuple args, PyDict kw)\n   at Program.Main() in C:\\src\\Program.cs:line 20",
     "FAILED_PRECONDITION", None, ["pythonnet"]),
    ("python-dict", "print(response.json())\n{{'error': '{m}'}}", None, None, ["py_dict"]),
    ("dotnet-http", "System.Net.Http.HttpRequestException: Response status code does not indicate success: 400 (Bad "
                    "Request).\n{{ \"error\": \"{e}\" }}", None, 400, ["dotnet_http", "json"]),
    ("browser", "POST http://localhost:8501/v1/models/m:predict 400 (Bad Request)\n{{\"error\": \"{e}\"}}", None, 400,
     ["browser", "json"]),
    ("curl", "$ curl -d @request.json -X POST http://localhost:8501/v1/models/m:predict\n{{\n    \"error\": \"{e}\"\n}}",
     None, None, ["json"]),
    ("kserve-v2", "{{\"error\": \"{e}\"}}", None, None, ["json"]),
    ("gcloud", "ERROR: (gcloud.ai-platform.predict) HTTP request failed. Response: {{\n  \"error\": {{\n    \"code\": 400,"
               "\n    \"message\": \"{e}\",\n    \"status\": \"FAILED_PRECONDITION\"\n  }}\n}}",
     None, 400, ["gcloud", "json"]),
    ("vertex-sdk", "ValueError: Failed to make prediction request. Status code:400, response: {{\"error\": \"{e}\"}}.",
     None, 400, ["vertex_sdk", "json"]),
    ("sagemaker", "botocore.errorfactory.ModelError: An error occurred (ModelError) when calling the InvokeEndpoint "
                  "operation: Received client error (400) from model with message \"{{ \"error\": \"{e}\" }}\". See "
                  "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/"
                  "sagemaker/Endpoints/ep in account 123456789012 for more information.",
     None, 400, ["sagemaker", "sagemaker_model", "json"]),
    ("sagemaker-retries", "botocore.exceptions.ClientError: An error occurred (ModelError) when calling the "
                          "InvokeEndpoint operation (reached max retries: 4): Received server error (500) from primary "
                          "with message \"{{\"error\": \"{e}\"}}\". See https://us-west-2.console.aws.amazon.com/"
                          "cloudwatch/home for more information.", None, 500, ["sagemaker", "sagemaker_model", "json"]),
    ("tf-serving-log", "2024-03-01 10:00:00.123456: W external/org_tensorflow/tensorflow/core/framework/op_kernel.cc:1830"
                       "] OP_REQUIRES failed at conv_ops.cc:690 : FAILED_PRECONDITION: {m}",
     "FAILED_PRECONDITION", None, ["tf_log", "op_requires"]),
    ("kubectl", "2024-03-01T10:00:00.123456789Z stderr F 2024-03-01 10:00:00.123456: E "
                "tensorflow_serving/servables/tensorflow/util.cc:104] Failed precondition: {m}",
     "FAILED_PRECONDITION", None, ["tf_log"]),
]


@pytest.mark.parametrize("inner", sorted(INNER))
@pytest.mark.parametrize("name, text, status, http_status, wrappers", WRAPPERS, ids=[w[0] for w in WRAPPERS])
def test_a_wrapper_is_read_to_its_status_and_innermost_message(
        name: str, text: str, status: str | None, http_status: int | None, wrappers: list[str], inner: str) -> None:
    message, category, start = INNER[inner]
    pasted = text.format(m=message, e=_escaped(message))
    layers = read_layers(normalize(pasted))
    assert [w for w in layers.wrappers if w in wrappers] == wrappers, layers.wrappers
    if status is not None:
        assert layers.status == status
    if http_status is not None:
        assert layers.http_status == http_status
    assert layers.message.startswith(start), layers.message
    # nothing of the wrapper is left after the message: no trailer, no stack frame
    for trailer in ("debug_error_string", "cause=", "DebugException", "at io.grpc", "at org.tensorflow", "Detailed",
                    "node_modules", "Program.cs", "See https", "field_violations"):
        assert trailer not in layers.message
    assert explain_text(pasted)[0].category == category


def test_the_node_and_the_peer_come_with_the_layers() -> None:
    message = INNER["variable"][0]
    text = WRAPPERS[10][1].format(m=message, e=_escaped(message))
    layers = read_layers(normalize(text))
    assert layers.node == "StatefulPartitionedCall/sequential/dense/MatMul/ReadVariableOp"
    assert layers.peer == "127.0.0.1:8500"
    assert read_unknown(text).extracted["peer"] == "127.0.0.1:8500"


def test_a_json_body_escaped_twice_or_cut_short_still_gives_the_message() -> None:
    body = json.dumps({"error": 'Serving signature key "predict" not found.'})
    twice = json.dumps({"message": body})  # a JSON body quoted inside another JSON body
    assert read_layers(normalize(twice)).message == 'Serving signature key "predict" not found.'
    assert explain_text(twice)[0].category == "signature_not_found"
    cut = '{"error": "Could not find variable dense/kern'
    assert read_layers(normalize(cut)).message == "Could not find variable dense/kern"


def test_stack_frames_and_container_prefixes_are_not_the_message() -> None:
    text = ("[pod/tfs-7d9f/tfserving] 2024-03-01 10:00:00.1: E tensorflow_serving/util/json_tensor.cc:563] Failed to "
            "process element: 0 key: age of 'instances' list.\n"
            "[pod/tfs-7d9f/tfserving] Error: INVALID_ARGUMENT: JSON Value: \"x\" Type: String is not of expected type: "
            "float")
    line = normalize(text)
    assert "[pod/" not in line and "key: age of 'instances' list. Error: INVALID_ARGUMENT: JSON Value" in line
    compose = "tfserving-1  | 2024-03-01 10:00:00.1: E external/x.cc:1] Could not find variable dense/bias."
    assert normalize(compose).startswith("2024-03-01")
    java = ("java.lang.IllegalStateException: boom\n\tat a.b.C.d(C.java:1)\n\tat a.b.C.e(Native Method)\n"
            "Caused by: org.tensorflow.exceptions.TFFailedPreconditionException: Could not find variable x.\n"
            "\t... 4 more")
    assert normalize(java) == ("java.lang.IllegalStateException: boom Caused by: "
                               "org.tensorflow.exceptions.TFFailedPreconditionException: Could not find variable x.")
    # a message line that merely starts with "at" is kept
    kept = "Shapes must be equal rank\n    at least one dimension (got 0)"
    assert "at least one dimension (got 0)" in normalize(kept)


def test_jupyter_frames_and_markdown_quotes_are_not_the_message() -> None:
    # IPython 8's frames (IPython/core/ultratb.py) show the library's source, which quotes message templates
    text = ("ValueError                                Traceback (most recent call last)\n"
            "Cell In[7], line 3\n      1 import numpy as np\n----> 3 model.predict(x)\n\n"
            "File ~/venv/lib/python3.10/site-packages/keras/src/layers/input_spec.py:186, in "
            "assert_input_compatibility(input_spec, inputs, layer_name)\n"
            "    185     if ndim != spec.ndim:\n--> 186         raise ValueError(\n"
            "    187             f'Input {input_index} of layer \"{layer_name}\" '\n"
            "    189             f\"expected ndim={spec.ndim}, found ndim={ndim}. \"\n\n"
            "ValueError: Input 0 of layer \"conv2d\" is incompatible with the layer: expected ndim=4, found ndim=3. "
            "Full shape received: (32, 28, 28)")
    line = normalize(text)
    assert "spec.ndim" not in line and "model.predict" not in line and "Cell In" not in line
    assert line.endswith("Full shape received: (32, 28, 28)")
    assert explain_text(text)[0].category == "input_shape_mismatch"  # a missing channel, not a missing batch
    # IPython 7
    old = ("<ipython-input-5-3f2a9c1d2e4b> in <module>\n----> 1 stub.Predict(request, 10.0)\n\n"
           "/usr/lib/python3/dist-packages/grpc/_channel.py in __call__(self, request, timeout)\n"
           "    532         return _end_unary_response_blocking(state, call, False, None)\n\n"
           "AbortionError: AbortionError(code=StatusCode.NOT_FOUND, details=\"Servable not found for request: "
           "Latest(mnist)\")")
    assert normalize(old).startswith("AbortionError:")
    # an issue comment quoting the error line by line
    quoted = "> 2 root error(s) found.\n> (0) INVALID_ARGUMENT: input must be 4-dimensional[1,1,28,28,1]"
    assert normalize(quoted) == "2 root error(s) found. (0) INVALID_ARGUMENT: input must be 4-dimensional[1,1,28,28,1]"
    # a numbered line outside a frame is kept
    assert normalize("Error:\n  2 root error(s) found.") == "Error: 2 root error(s) found."


def test_windows_paths_and_pages_escaped_twice() -> None:
    # a path's backslashes are not escapes: C:\new_model is no newline, site-packages\tensorflow no tab
    text = r"OSError: SavedModel file does not exist at: C:\Users\me\new_model/{saved_model.pbtxt|saved_model.pb}"
    line = normalize(text)
    assert "C:/Users/me/new_model/" in line
    assert explain_text(text)[0].category == "savedmodel_not_found"
    deep = r'  at load (D:\envs\py36\lib\site-packages\tensorflow\python\keras\saving\save.py) x'
    assert "site-packages/tensorflow/python" in normalize(deep)
    # escapes in a JSON body still are escapes
    assert normalize(r'{"error": "a.\n\t [[{{node x}}]]"}') == '{"error": "a. [[{{node x}}]]"}'
    assert normalize(r"a\nTraceback\nValueError\nfoo: x") == "a Traceback ValueError foo: x"
    # HTML escaped twice (a page quoting a page)
    assert normalize("&amp;nbsp; File &amp;lt;x&amp;gt; input must be 4-dimensional[1,2]") == \
        "File <x> input must be 4-dimensional[1,2]"
