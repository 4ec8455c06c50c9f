"""A user's report of wrong or confusing answers, each fixed for its meaning, not for one string.

The texts here are written for these tests (other names, numbers, clients and wrappers than the report's), and each
asserts what the answer must mean: the right advice, and none of the wrong one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.cli.app import run
from sigcheck.explain import explain_text

from .own_cases import grpc, rest


def top(text: str, **kw):  # type: ignore[no-untyped-def]
    found = explain_text(text, **kw)
    assert found, "nothing recognised"
    return found[0]


def said(d) -> str:  # type: ignore[no-untyped-def]
    """Everything a diagnosis tells the user, as one text."""
    return " ".join([d.title, d.cause, *d.confirmed, *d.steps, d.verify or ""])


# ---- 1. message size: gRPC limits are channel options, Vertex's online limit cannot be raised -----------------------

GRPC_SIZE = [
    grpc("RESOURCE_EXHAUSTED", 8, "Received message larger than max (8388700 vs. 4194304)"),
    "rpc error: code = ResourceExhausted desc = grpc: received message larger than max (12000000 vs. 4194304)",
    "io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED: gRPC message exceeds maximum size 4194304: 6815744",
    'Error: 8 RESOURCE_EXHAUSTED: Received message larger than max (4300000 vs. 4194304)',
]


@pytest.mark.parametrize("text", GRPC_SIZE)
def test_grpc_message_size_gets_channel_options_not_a_thread_flag(text: str) -> None:
    d = top(text)
    assert d.category == "payload_too_large" and d.variant == "grpc"
    everything = said(d)
    assert "grpc_max_threads" not in everything
    assert "grpc.max_receive_message_length" in everything and "grpc.max_send_message_length" in everything
    assert "--grpc_channel_arguments=grpc.max_receive_message_length=" in everything
    assert "1.5 MB" not in d.cause  # not Vertex's limit
    assert d.evidence["limit_bytes"] == 4194304


def test_grpc_size_with_a_small_request_points_at_the_response() -> None:
    body = json.dumps({"instances": [[0.5] * 16]}).encode()
    d = top(GRPC_SIZE[0], request=body)
    assert any("likely the response" in c and "max_receive_message_length" in c for c in d.confirmed)


@pytest.mark.parametrize("text", [
    "google.api_core.exceptions.InvalidArgument: 400 Request payload size exceeds the limit: 1572864 bytes.",
    'ERROR: (gcloud.ai-platform.predict) HTTP request failed. Response: {\n  "error": {\n    "code": 400,\n    '
    '"message": "Request payload size exceeds the limit: 1572864 bytes.",\n    "status": "INVALID_ARGUMENT"\n  }\n}',
    "google.api_core.exceptions.InvalidArgument: 400 The request size (3101220 bytes) exceeds 1.500MB limit.",
    "google.api_core.exceptions.InvalidArgument: 400 The request size (1.91 MB) exceeds 1.500 MB limit.",
])
def test_online_limit_cannot_be_raised_and_gets_no_grpc_advice(text: str) -> None:
    d = top(text)
    assert d.category == "payload_too_large" and d.variant == "online"
    assert "cannot be raised" in d.cause
    everything = said(d)
    assert "batch prediction" in everything and "b64" in everything and "JPEG" in everything
    assert "grpc" not in everything.lower() and "message_length" not in everything


def test_request_over_the_online_limit_is_confirmed_with_how_many_fit() -> None:
    body = json.dumps({"instances": [[0.123456] * 20000] * 10}).encode()  # about 2 MB
    d = top("google.api_core.exceptions.InvalidArgument: 400 Request payload size exceeds the limit: 1572864 bytes.",
            request=body)
    assert any(f"your request is {len(body):,} bytes" in c and "fit in one request" in c for c in d.confirmed)


# ---- 2. out of memory at serving time: the batch, not the model files ---------------------------------------------

OOM = rest("OOM when allocating tensor with shape[128,224,224,64] and type float on "
           "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc\n\t [[{{node "
           "resnet/conv2_block1_1_conv/Conv2D}}]]\nHint: If you want to see a list of allocated tensors when OOM "
           "happens, add report_tensor_allocations_upon_oom to RunOptions for current allocation info.")


@pytest.mark.parametrize("text", [
    OOM,
    grpc("RESOURCE_EXHAUSTED", 8, "OOM when allocating tensor with shape[256,1024,768] and type half on "
         "/job:localhost/replica:0/task:0/device:GPU:0 by allocator GPU_0_bfc"),
])
def test_runtime_oom_is_explained_as_batch_times_input(text: str) -> None:
    d = top(text)
    assert d.category == "model_too_large" and d.variant == "oom"
    assert d.evidence["batch"] in (128, 256)
    assert "batch" in d.cause and "Out of memory" in d.title
    assert "smaller batches" in d.steps[0] and "max_batch_size" in d.steps[0]
    everything = said(d)
    assert "more memory" in everything
    assert "custom prediction routine" not in everything.lower() and "quota" not in everything


def test_oom_cause_names_the_tensor_size() -> None:
    assert "(1.5 GB)" in top(OOM).cause  # 128*224*224*64 float32 values


def test_oom_while_loading_is_the_model_itself() -> None:
    d = top("E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: ranker version: 4} failed: Resource "
            "exhausted: OOM when allocating tensor with shape[500000,512] and type float on "
            "/job:localhost/replica:0/task:0/device:CPU:0")
    assert d.category == "model_too_large" and d.variant is None


def test_oom_with_the_request_that_sent_the_batch(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [[[[0.0] * 3] * 4] * 4] * 128}).encode()
    d = top(OOM, request=body, info=models("keras_image"))
    assert any("your request sends 128 instances" in c for c in d.confirmed)


# ---- 3. custom ops: lead with the op library, decided by the stock op list -----------------------------------------

@pytest.mark.parametrize("op", ["WordpieceTokenizeWithOffsets", "RegexSplitWithOffsets", "SentencepieceTokenizeOp",
                                "Addons>ImageProjectiveTransformV3", "MyCustomGather", "Acme>FastResample",
                                "BlazeFaceAnchorsDecode"])
def test_ops_outside_stock_tensorflow_lead_with_the_op_library(op: str) -> None:
    text = (f"Loading servable: {{name: encoder version: 12}} failed: Not found: Op type not registered '{op}' in "
            "binary running on serving-7f9c. Make sure the Op and Kernel are registered in the binary running in "
            "this process.")
    d = top(text)
    assert d.category == "runtime_version_mismatch" and d.variant == "custom_op"
    assert "Custom op" in d.title and "not part of stock TensorFlow" in d.cause
    assert d.steps[0].startswith("Serve with a runtime that links")
    assert "at least the one that exported" not in said(d)


@pytest.mark.parametrize("op,library", [("FastWordpieceTokenizeWithOffsets", "TensorFlow Text"),
                                        ("Addons>GatherTree", "TensorFlow Addons")])
def test_known_op_libraries_are_named(op: str, library: str) -> None:
    assert library in top(f"Op type not registered '{op}' in binary running on host").cause


@pytest.mark.parametrize("op", ["NonMaxSuppressionV5", "StatelessRandomGetKeyCounter", "XlaCallModule"])
def test_a_stock_op_means_the_runtime_is_older(op: str) -> None:
    d = top(f'{{"error": "Op type not registered \'{op}\' in binary running on 0c1d. Make sure the Op and Kernel '
            'are registered in the binary running in this process."}')
    assert d.category == "runtime_version_mismatch" and d.variant == "stock_op"
    assert "older" in d.cause and "stock TensorFlow op" in d.cause
    assert "at least the one that exported" in d.steps[0]


def test_custom_op_with_the_model_names_its_tensorflow_but_does_not_lead_with_it(models) -> None:  # type: ignore[no-untyped-def]
    d = top("Op type not registered 'WhitespaceTokenizeWithOffsetsV2' in binary", info=models("keras_image"))
    assert d.steps[0].startswith("Serve with a runtime that links")
    assert any(c.startswith("written by TensorFlow 2.21") for c in d.confirmed)


# ---- 4. a named signature that does not exist: drop signature_name -------------------------------------------------

NAMED = rest('Serving signature name: "classify_images" not found in signature def')


def test_named_signature_with_the_model_says_drop_signature_name(models) -> None:  # type: ignore[no-untyped-def]
    d = top(NAMED, info=models("module_multi"))
    assert d.category == "signature_not_found"
    assert "classify_images" in d.cause and "serving_default" in d.cause and "unknown_rank" in d.cause
    assert d.steps[0].startswith('Drop "signature_name"')
    assert not any("re-export" in s.lower() for s in d.steps)


def test_named_signature_without_the_model_gives_both_readings() -> None:
    d = top(grpc("FAILED_PRECONDITION", 9, 'Serving signature name: \\"detect\\" not found in signature def'))
    assert d.category == "signature_not_found" and d.evidence["signature"] == "detect"
    assert "Two readings" in d.cause and "dropped" in d.cause and "exported without" in d.cause
    everything = " ".join(d.steps)
    assert 'drop "signature_name"' in everything and "re-export" in everything


def test_named_signature_the_request_does_not_name_is_another_request(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [[1.0, 2.0, 3.0]]}).encode()
    d = top(NAMED, info=models("module_multi"), request=body)
    assert any("names no signature_name" in c and "not the request that failed" in c for c in d.confirmed)


def test_missing_serving_default_still_suggests_an_existing_key_or_a_re_export() -> None:
    d = top("KeyError: 'serving_default'")
    assert d.category == "signature_not_found" and d.variant is None
    assert any("re-export" in s.lower() for s in d.steps)


# ---- 5. a request that contradicts the reading ----------------------------------------------------------------------

KEY_ERROR = ("{ \"error\": \"Failed to process element: 2 key: Occupation of 'instances' list. Error: "
             "INVALID_ARGUMENT: JSON object: does not have named input: Occupation\" }")
GOOD_TABULAR = json.dumps({"instances": [{"age": [41.0], "hours": [38], "occupation": ["nurse"]}]}).encode()


def test_request_with_exactly_the_signature_keys_is_not_the_failing_one(models) -> None:  # type: ignore[no-untyped-def]
    plain = top(KEY_ERROR).confidence
    d = top(KEY_ERROR, info=models("keras_tabular"), request=GOOD_TABULAR)
    assert d.category == "input_keys_mismatch" and d.confidence < plain - 0.3
    assert any("exactly the inputs" in c and "not the request that failed" in c for c in d.confirmed)
    assert not any(s.startswith(("Rename", "Also send")) for s in d.steps)
    assert "Occupation" in d.steps[0]


def test_request_alone_that_lacks_the_named_key_is_not_the_failing_one() -> None:
    d = top(KEY_ERROR, request=GOOD_TABULAR)
    assert any("does not use Occupation" in c and "not the request that failed" in c for c in d.confirmed)


def test_a_request_validate_passes_lowers_every_request_side_reading(models) -> None:  # type: ignore[no-untyped-def]
    text = grpc("INVALID_ARGUMENT", 3, "input must be 4-dimensional[1,1,1,150,150,3]")
    body = json.dumps({"instances": [[[[0.25] * 3] * 150] * 150]}).encode()
    d = top(text, info=models("keras_image"), request=body)
    assert d.confidence < top(text).confidence - 0.2
    assert any("not the one that failed" in c or "not the request that failed" in c for c in d.confirmed)


# ---- 6. a rename target is not also "missing" ----------------------------------------------------------------------

def test_rename_target_is_not_listed_under_also_send(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [{"age": [30.0], "hourz": [40], "occupation": ["pilot"]}]}).encode()
    d = top("{ \"error\": \"Failed to process element: 0 key: hourz of 'instances' list. Error: INVALID_ARGUMENT: "
            "JSON object: does not have named input: hourz\" }", info=models("keras_tabular"), request=body)
    assert d.steps[0] == "Rename: hourz → hours."
    assert not any(s.startswith("Also send") for s in d.steps)


def test_a_rename_and_a_really_missing_input_are_both_said(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [{"agee": [30.0], "occupation": ["pilot"]}]}).encode()
    d = top("{ \"error\": \"Failed to process element: 0 key: agee of 'instances' list. Error: INVALID_ARGUMENT: "
            "JSON object: does not have named input: agee\" }", info=models("keras_tabular"), request=body)
    assert d.steps[:2] == ["Rename: agee → age.", "Also send: hours."]
    assert not any("single-input signature" in s for s in d.steps)  # keras_tabular has three inputs


# ---- 7. --json: numbered steps, no "Verify:", commands keep their case ----------------------------------------------

def test_json_fix_is_the_numbered_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = tmp_path / "err.txt"
    err.write_text(grpc("INVALID_ARGUMENT", 3, "input must be 4-dimensional[1,1,64,64,3]"))
    assert run(["explain", str(err), "--json"]) == 0
    item = json.loads(capsys.readouterr().out)["diagnoses"][0]
    assert list(item) == ["category", "title", "cause", "fix", "confidence", "evidence"]
    fix = item["fix"]
    # a gRPC client (stub.Predict): the TensorProto's wording first, the REST steps after it
    assert fix.startswith("1. Drop the extra level before building the TensorProto") and " 2. Drop the extra nesting" \
        in fix and " 3. With gcloud" in fix
    assert " 4. sigcheck validate request.json --model MODEL --fix" in fix
    assert "Verify" not in fix and "Sigcheck" not in fix and "Sigcheck" not in item["cause"]


# ---- 9. null: NaN for float inputs, no marker for the others ---------------------------------------------------------

def _null(input_name: str, dtype: str) -> str:
    return rest(f"Failed to process element: 1 key: {input_name} of 'instances' list. Error: INVALID_ARGUMENT: "
                f"JSON Value: null Type: Null is not of expected type: {dtype}")


@pytest.mark.parametrize("dtype", ["float", "double"])
def test_null_for_a_float_input_suggests_nan(dtype: str) -> None:
    d = top(_null("bill_depth", dtype))
    assert d.category == "dtype_mismatch" and d.variant == "null_float"
    assert "NaN" in d.steps[0] and "no missing-value marker" not in said(d)


@pytest.mark.parametrize("dtype", ["int64", "string", "bool", "int32"])
def test_null_for_other_inputs_has_no_marker(dtype: str) -> None:
    d = top(_null("island_code", dtype))
    assert d.category == "dtype_mismatch" and d.variant == "null_other"
    assert f"no missing-value marker for {dtype}" in d.cause
    assert not d.steps[0].startswith("Send NaN")


def test_null_advice_follows_the_signature_dtype(models) -> None:  # type: ignore[no-untyped-def]
    text = grpc("INVALID_ARGUMENT", 3, "JSON Value: null Type: Null is not of expected type: float")
    d = top(text, info=models("module_multi"))
    assert d.variant == "null_float" and any("declares x as float" in c for c in d.confirmed)


def test_null_found_only_in_the_request_gets_the_dtype_aware_advice(models) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"instances": [{"age": [None], "hours": [12], "occupation": ["chef"]}]}).encode()
    found = explain_text("Prediction failed: unknown error.", info=models("keras_tabular"), request=body)
    null = next(d for d in found if d.category == "dtype_mismatch")
    assert null.variant == "null_float" and "NaN" in null.steps[0]
    assert "no missing-value marker" not in said(null)
