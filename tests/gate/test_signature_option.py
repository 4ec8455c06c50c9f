"""``gate --signature`` (trial 11, finding 4): --request files checked (and, with --predict, run) against the
signature named, as validate --signature reads them.  (module_multi fails the gate on its own signatures: the tests
read the request rules' verdicts and findings.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.cli import main

LINES = b'"hello"\n"world"\n'  # (module_multi's echo_bytes takes one DT_STRING input; serving_default takes floats)


def _gate(capsys, *args: str) -> tuple[int, dict, str]:
    code = main(["gate", *args, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out.strip() else {}, err


def _request_findings(doc: dict) -> list[dict]:
    return [f for f in doc["findings"] if f["code"].startswith(("request.", "predict."))]


@pytest.fixture()
def lines(tmp_path: Path) -> str:
    path = tmp_path / "words.jsonl"
    path.write_bytes(LINES)
    return str(path)


def test_json_lines_pass_for_the_signature_named(capsys, fixture_model, lines) -> None:
    model = str(fixture_model("module_multi"))
    _, doc, _ = _gate(capsys, model, "--request", lines)
    assert doc["checks"]["request.validate"] == "fail"  # sent to serving_default
    _, doc, _ = _gate(capsys, model, "--request", lines, "--signature", "echo_bytes")
    assert doc["checks"]["request.validate"] == "pass" and not _request_findings(doc)


def test_a_body_keeps_its_own_signature(capsys, fixture_model, tmp_path) -> None:
    model = str(fixture_model("module_multi"))
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps({"instances": ["hello"]}))
    _, doc, _ = _gate(capsys, model, "--request", str(bare), "--signature", "echo_bytes")
    assert doc["checks"]["request.validate"] == "fail"
    assert any(f["code"] == "request.signature" and f["severity"] == "error" for f in doc["findings"])
    named = tmp_path / "named.json"
    named.write_text(json.dumps({"instances": ["hello"], "signature_name": "echo_bytes"}))
    _, doc, _ = _gate(capsys, model, "--request", str(named), "--signature", "serving_default")
    assert doc["checks"]["request.validate"] == "pass"
    assert [(f["code"], f["severity"]) for f in _request_findings(doc)] == [("request.signature", "warning")]


def test_unknown_signature_cannot_run(capsys, fixture_model, lines) -> None:
    code, _, err = _gate(capsys, str(fixture_model("module_multi")), "--request", lines, "--signature", "nope")
    assert code == 2 and "no signature 'nope'" in err


@pytest.mark.tf
def test_predict_runs_the_batch_sent_with_the_signature(capsys, fixture_model, lines) -> None:
    _, doc, _ = _gate(capsys, str(fixture_model("module_multi")), "--request", lines, "--signature", "echo_bytes",
                      "--predict")
    assert doc["checks"]["predict.run"] == "pass", doc["findings"]
    assert not _request_findings(doc)
