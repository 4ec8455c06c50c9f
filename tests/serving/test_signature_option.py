"""``predict --signature`` and ``warmup --signature`` (trial 11, finding 4): a JSON Lines file for a non-default
signature is sent as gcloud ``--signature-name`` sends it, a body as it is (validate --signature's meaning)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sigcheck.cli.app import run

pytestmark = pytest.mark.tf

LINES = b'"hello"\n"world"\n'  # (module_multi's echo_bytes takes one DT_STRING input; serving_default takes floats)


@pytest.fixture()
def lines(tmp_path: Path) -> str:
    path = tmp_path / "words.jsonl"
    path.write_bytes(LINES)
    return str(path)


def _body(tmp_path: Path, name: str, doc: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc))
    return str(path)


def test_predict_sends_json_lines_to_the_signature_named(capfdbinary, fixture_model, lines, tmp_path) -> None:
    model = str(fixture_model("module_multi"))
    assert run(["predict", lines, "--model", model, "--signature", "echo_bytes"]) == 0
    out, err = capfdbinary.readouterr()
    assert b"HTTP 200 from signature echo_bytes" in err
    assert b'with "signature_name": "echo_bytes" (gcloud --signature-name echo_bytes)' in err
    # one answer, the server's: the same as the body gcloud sends for --signature-name echo_bytes
    body = _body(tmp_path, "body.json", {"instances": ["hello", "world"], "signature_name": "echo_bytes"})
    assert run(["predict", body, "--model", model]) == 0
    same, _ = capfdbinary.readouterr()
    assert out == same and b"predictions" in out


def test_predict_without_the_option_says_how_to_name_it(capfdbinary, fixture_model, lines) -> None:
    model = str(fixture_model("module_multi"))
    assert run(["predict", lines, "--model", model]) == 1
    _, err = capfdbinary.readouterr()
    assert b"signature serving_default" in err
    assert b"note: JSON Lines carry no signature_name, so this batch went to serving_default" in err
    assert b"run again with --signature NAME" in err


def test_predict_sends_a_body_as_it_is_and_says_where_it_parts(capfdbinary, fixture_model, tmp_path) -> None:
    model = str(fixture_model("module_multi"))
    bare = _body(tmp_path, "bare.json", {"instances": ["hello"]})
    assert run(["predict", bare, "--model", model, "--signature", "echo_bytes"]) == 1  # serving_default's 400
    _, err = capfdbinary.readouterr()
    assert b'error request.signature: the body names no signature, so TF Serving calls "serving_default"' in err
    assert b"signature serving_default" in err
    named = _body(tmp_path, "named.json", {"instances": ["hello"], "signature_name": "echo_bytes"})
    assert run(["predict", named, "--model", model, "--signature", "serving_default"]) == 0  # the body wins
    _, err = capfdbinary.readouterr()
    assert b'warning request.signature: --signature says "serving_default"' in err
    assert b"HTTP 200 from signature echo_bytes" in err


def test_predict_refuses_an_unknown_signature(capfdbinary, fixture_model, lines) -> None:
    assert run(["predict", lines, "--model", str(fixture_model("module_multi")), "--signature", "nope"]) == 2
    _, err = capfdbinary.readouterr()
    assert b"no signature 'nope'" in err


@pytest.fixture()
def base(tmp_path: Path, fixture_model) -> Path:
    path = tmp_path / "multi"
    shutil.copytree(fixture_model("module_multi"), path)
    return path


def test_warmup_writes_json_lines_for_the_signature_named(base: Path, tmp_path: Path) -> None:
    from sigcheck.serving.warmup import read_warmup, write_warmup

    result = write_warmup(str(base), [("words.jsonl", LINES)], signature="echo_bytes")  # (runs it first)
    assert result.written and result.signatures == ("echo_bytes",) and result.ran
    (log,) = read_warmup(result.path)
    request = log.predict_log.request
    assert request.model_spec.signature_name == "echo_bytes"
    assert list(request.inputs["text"].string_val) == [b"hello", b"world"]


def test_warmup_cli_signature_option(capfd, base: Path, lines: str, tmp_path: Path) -> None:
    assert run(["warmup", str(base), "--request", lines, "--signature", "echo_bytes", "--no-verify"]) == 0
    assert "(echo_bytes)" in capfd.readouterr().err
    assert run(["warmup", str(base), "--request", lines, "--no-verify"]) == 2  # serving_default refuses strings
    bare = _body(tmp_path, "bare.json", {"instances": ["hello"]})
    assert run(["warmup", str(base), "--request", bare, "--signature", "echo_bytes", "--no-verify"]) == 2
    assert 'the body names no signature, so TF Serving calls "serving_default"' in capfd.readouterr().err
    named = _body(tmp_path, "named.json", {"instances": ["hello"], "signature_name": "echo_bytes"})
    assert run(["warmup", str(base), "--request", named, "--signature", "serving_default", "--no-verify"]) == 0
    err = capfd.readouterr().err
    assert 'warning request.signature: ' in err and "(echo_bytes)" in err  # the body wins
