"""Evidence: shapes, codes, nodes, servables, paths, platforms."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.evidence import convert, extract, parse_shape
from sigcheck.explain.normalize import normalize


@pytest.mark.parametrize("text,dims", [
    ("[1,1,1,150,150,3]", [1, 1, 1, 150, 150, 3]),
    ("(1, 199, 254, 3)", [1, 199, 254, 3]),
    ("(?,)", [-1]),
    ("(None, 28, 28)", [-1, 28, 28]),
    ("[?,10]", [-1, 10]),
    ("[]", []),
    ("(a, b)", None),
])
def test_parse_shape(text: str, dims: list[int] | None) -> None:
    assert parse_shape(text) == dims


def test_convert_by_group_name() -> None:
    assert convert("got_shape", "[2,3]") == [2, 3]
    assert convert("limit_bytes", "1572864") == 1572864
    assert convert("expected_keys", "a,b,c") == ["a", "b", "c"]
    assert convert("path", "./out/m.") == "./out/m"
    assert convert("input", "'age'") == "age"


def facts(text: str) -> dict:
    return extract(normalize(text))


def test_grpc_status_from_every_wrapper() -> None:
    assert facts('AbortionError(code=StatusCode.FAILED_PRECONDITION, details="x")')["grpc_status"] == \
        "FAILED_PRECONDITION"
    assert facts("Error: 4 DEADLINE_EXCEEDED: Deadline exceeded")["grpc_status"] == "DEADLINE_EXCEEDED"
    assert facts("gRPC call return code: 9:Attempting to use uninitialized value w")["grpc_status"] == \
        "FAILED_PRECONDITION"
    assert facts('debug_error_string = "{"grpc_status":14}"')["grpc_status"] == "UNAVAILABLE"


def test_http_status_and_platform() -> None:
    vertex = facts("google.api_core.exceptions.FailedPrecondition: 400 Model server never became ready.")
    assert vertex["http_status"] == 400 and vertex["platform"] == "vertex" and vertex["exception"] == "FailedPrecondition"
    gcloud = facts("ERROR: (gcloud.ai-platform.local.predict) RuntimeError: Bad magic number in .pyc file")
    assert gcloud["platform"] == "gcloud" and gcloud["command"] == "gcloud ai-platform local predict"
    sm = facts("Received client error (400) from primary with message ...InvokeEndpoint operation")
    assert sm["http_status"] == 400 and sm["platform"] == "sagemaker"


def test_node_op_and_function() -> None:
    old = facts("[[Node: conv2d_1/convolution = Conv2D[T=DT_FLOAT]()]]")
    assert old == {"node": "conv2d_1/convolution", "op": "Conv2D"}
    new = facts("[[{{function_node __inference_serving_default_77}}{{node dense/MatMul}}]]")
    assert new["node"] == "dense/MatMul" and new["function"] == "__inference_serving_default_77"


def test_servable_version_and_path() -> None:
    ev = facts("Loading servable: {name: ranker version: 17} failed: Not found: /models/ranker/17/variables/x")
    assert ev["servable"] == "ranker" and ev["version"] == 17 and ev["path"] == "/models/ranker/17/variables/x"
    assert facts("No versions of servable m found under base path gs://b/m.")["path"] == "gs://b/m"


def test_issue_example_evidence_is_the_shape() -> None:
    top = explain_text('{"error": "input must be 4-dimensional[1,1,1,150,150,3]"}')[0]
    assert top.category == "extra_batch_dimension"
    assert top.evidence["got_shape"] == [1, 1, 1, 150, 150, 3] and top.evidence["want_rank"] == 4


def test_sizes_and_limits() -> None:
    top = explain_text("StatusCode.RESOURCE_EXHAUSTED details = \"Received message larger than max (5000000 vs. "
                       "4194304)\"")[0]
    assert top.category == "payload_too_large"
    assert (top.evidence["size_bytes"], top.evidence["limit_bytes"]) == (5000000, 4194304)
    assert "5000000 bytes" in top.cause and "4194304 bytes" in top.cause


@pytest.mark.parametrize("text", [
    '{"error": "JSON Value: {\\n \\"b64\\": \\"/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgH\\"\\n} Type: Object is not '
    'of expected type: float"}',
    "Expected uint8, got {'b64': '/9j/4AAQSkZJRgABAQEASABIAAD'} of type 'dict' instead.",
    '{"error": "JSON Value: {\\"b64\\": \\"data:image/png;base64,iVBORw0KGgo/AAAANSUhEUgAAAAEAAAAB\\"}"}',
    "Expected image (JPEG, PNG, or GIF), got unknown format starting with '/9j/4AAQSkZJ'",
    # no key and no known magic: a long mixed-case alphanumeric run between slashes is data, not a folder name
    "got unknown format starting with 'x/Yq8kP2mLw4Rt7Bz/Nc3Hv6Qa9Ks'",
])
def test_base64_payloads_are_not_paths(text: str) -> None:
    assert "path" not in facts(text)


@pytest.mark.parametrize("text, path", [
    ("Not found: /models/resnet50/1/saved_model.pb", "/models/resnet50/1/saved_model.pb"),
    ("SavedModel file does not exist at: /tmp/tmpk3j2Hs9x/export/1", "/tmp/tmpk3j2Hs9x/export/1"),
    ("could not read gs://bucket/Models/ResNet50v2/1/variables", "gs://bucket/Models/ResNet50v2/1/variables"),
    # a b64 value first, then the real path: the path is still found
    ('{"b64": "/9j/4AAQSkZJRgABAQ"} failed: Not found: /models/cats/3/variables', "/models/cats/3/variables"),
])
def test_real_paths_are_still_paths(text: str, path: str) -> None:
    assert facts(text)["path"] == path


def test_bytes_error_evidence_has_no_path() -> None:
    text = "{\"error\": \"Prediction failed: Error processing input: Expected uint8, got {'b64': '/9j/4AAQSkZJRg" \
           "ABAQEASABIAAD'} of type 'dict' instead.\"}"
    top = explain_text(text)[0]
    assert top.category == "bytes_sent_to_numeric_input" and "path" not in top.evidence
