"""Issue 18 (part A): the everyday details of validate's findings: the received text of a JSON parse error is escaped
once, and with --target ai-platform the refusal gcloud gives first is the first finding."""

from __future__ import annotations

import json

from sigcheck.diagnostics import Severity
from sigcheck.model.contract import from_contract
from sigcheck.validate import validate_request


def contract(inputs: dict, outputs: dict | None = None, extra: dict | None = None):
    sigs = {"serving_default": {"method_name": "tensorflow/serving/predict",
                                "inputs": {n: {"dtype": dt, "shape": shape} for n, (dt, shape) in inputs.items()},
                                "outputs": {n: {"dtype": dt, "shape": shape} for n, (dt, shape) in
                                            (outputs or {"y": ("DT_FLOAT", [-1, 1])}).items()}}}
    sigs.update(extra or {})
    return from_contract({"format": "sigcheck.signatures/v1", "signatures": sigs}, "test")


TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])})


def test_json_parse_error_received_is_escaped_once() -> None:
    body = b'{"instances": [\n  {"age": [1.0],\n   "hours": [2]\n   "occupation": ["x"]}\n]}\n'
    r = validate_request(body, TABULAR)
    (f,) = [f for f in r.findings if f.category == "json_parse_error"]
    assert "\\n" in f.received and "\\\\n" not in f.received  # one backslash per newline, as Python writes it
    assert f.received.startswith("'\\n   \"hours\"")


def test_ai_platform_lists_what_gcloud_refuses_first() -> None:
    lines = [json.dumps({"age": [1.5], "hours": [2.5], "occupation": ["x"]})]  # TF Serving's error at line 1
    lines += [json.dumps({"age": [1.5], "hours": [2], "occupation": ["x"]})] * 120  # gcloud stops at line 101
    r = validate_request("\n".join(lines).encode() + b"\n", TABULAR, target="ai-platform", format_in="jsonl")
    assert r.front_end is not None and r.front_end.name == "gcloud"
    first = r.findings[0]
    assert first.code == "request.gcloud" and first.path == "$.instances[100]"
    assert first.upstream == r.front_end.error
    assert any(f.category == "dtype_mismatch" and f.severity is Severity.ERROR for f in r.findings[1:])
    # without anything in front, TF Serving's own first rejection leads
    r = validate_request("\n".join(lines[:50]).encode() + b"\n", TABULAR, target="ai-platform", format_in="jsonl")
    assert r.front_end is None and r.findings[0].category == "dtype_mismatch"
