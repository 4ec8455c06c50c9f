"""Step 1 of explain: the layers of a pasted text are peeled down to the innermost message (#15)."""

from __future__ import annotations

import pytest

from sigcheck.explain.layers import read_layers
from sigcheck.explain.normalize import normalize

CASES = [
    # text, wrappers that must be seen, status, innermost message starts with, other facts
    ("2020-01-01 12:00:00.000 E tensorflow_serving/util/json_tensor.cc:563] Failed to process element: 0 key: x of "
     "'instances' list. Error: Invalid argument: JSON Value: 1 Type: Number is not of expected type: string",
     ["tf_log"], "INVALID_ARGUMENT", "JSON Value: 1", {"file": "tensorflow_serving/util/json_tensor.cc:563"}),
    ('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = '
     'StatusCode.FAILED_PRECONDITION details = "Could not find variable dense/kernel. [[{{node '
     'sequential/dense/MatMul/ReadVariableOp}}]]" debug_error_string = "{}">',
     ["grpc_python"], "FAILED_PRECONDITION", "Could not find variable", {"node": "sequential/dense/MatMul/ReadVariableOp"}),
    ('ERROR: (gcloud.ai-platform.predict) HTTP request failed. Response: { "error": { "code": 400, "message": '
     '"Prediction failed: Error during model execution: AbortionError(code=StatusCode.INVALID_ARGUMENT, '
     'details=\\"Matrix size-incompatible: In[0]: [1,5], In[1]: [4,10]\\")", "status": "INVALID_ARGUMENT" } }',
     ["gcloud"], "INVALID_ARGUMENT", "Matrix size-incompatible", {"command": "gcloud ai-platform predict"}),
    ("io.grpc.StatusRuntimeException: INVALID_ARGUMENT: Serving signature key \"predict\" not found.",
     ["java"], "INVALID_ARGUMENT", "Serving signature key", {}),
    ("rpc error: code = NotFound desc = Servable not found for request: Latest(resnet)",
     ["go"], None, "Servable not found", {}),
    ("Error: 3 INVALID_ARGUMENT: Expecting shape [1,4] but got: [1,3]", ["node"], "INVALID_ARGUMENT", "Expecting shape",
     {}),
    ("google.api_core.exceptions.FailedPrecondition: 400 Could not find variable dense/bias.",
     ["api_core"], "FAILED_PRECONDITION", "Could not find variable", {"http_status": 400}),
    ('An error occurred (ModelError) when calling the InvokeEndpoint operation: Received client error (400) from model '
     'with message "{ "error": "Missing \'inputs\' or \'instances\' key" }"',
     ["sagemaker"], None, "Missing 'inputs' or 'instances' key", {"platform": "sagemaker"}),
    ('{"error": "input must be 4-dimensional[1,1,150,150,3]\\n\\t [[{{node conv2d/Conv2D}}]]"}',
     ["json"], None, "input must be 4-dimensional", {"node": "conv2d/Conv2D"}),
]


@pytest.mark.parametrize("text, wrappers, status, inner, facts", CASES, ids=[c[1][0] for c in CASES])
def test_layers_are_peeled(text: str, wrappers: list[str], status: str | None, inner: str, facts: dict) -> None:
    layers = read_layers(normalize(text))
    for w in wrappers:
        assert w in layers.wrappers
    if status:
        assert layers.status == status
    assert layers.message.startswith(inner), layers.message
    for k, v in facts.items():
        assert getattr(layers, k) == v


def test_cut_short_and_escaped_copies_still_give_the_message() -> None:
    text = '{"error": "Servable not found for request: Latest(my_mod'  # cut before the end of the JSON
    layers = read_layers(normalize(text))
    assert "Servable not found for request" in layers.message
    escaped = '"{\\"error\\": \\"JSON Parse error: Invalid value. at offset: 0\\"}"'
    assert read_layers(normalize(escaped)).message.startswith("JSON Parse error")
