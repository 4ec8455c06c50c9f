"""``sigcheck explain``: exit codes, the --json shape, the human view, --model/--request, stdin."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from sigcheck.cli.app import run

SEED = '{"error": "input must be 4-dimensional[1,1,1,150,150,3]\\n\\t [[{{node conv2d_1/Conv2D}}]]"}'


def write(tmp_path: Path, text: str | bytes, name: str = "error.txt") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return str(path)


def test_json_is_exactly_the_diagnoses_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", write(tmp_path, SEED), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["diagnoses"]
    first = out["diagnoses"][0]
    assert list(first) == ["category", "title", "cause", "fix", "confidence", "evidence"]
    assert first["category"] == "extra_batch_dimension"
    assert first["evidence"]["got_shape"] == [1, 1, 1, 150, 150, 3]


def test_no_match_prints_generic_advice_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", write(tmp_path, "everything is fine, thanks")]) == 1
    out = capsys.readouterr().out
    assert "No known cause recognised" in out and "sigcheck validate" in out and "sigcheck inspect" in out
    assert run(["explain", write(tmp_path, "all good", "b.txt"), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["diagnoses"] == [] and out["unknown"]["extracted"]["message"] == "all good"
    assert out["unknown"]["next"].startswith("sigcheck validate")


def test_unknown_view_shows_what_it_read_and_the_next_command(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    text = ("E1206 tensorflow_serving/core/loader_harness.cc:98] Cancelled: Loading of servable cancelled "
            "[[{{node foo/bar}}]]")
    assert run(["explain", write(tmp_path, text), "--no-color"]) == 1
    out = capsys.readouterr().out
    for seen in ("CANCELLED", "foo/bar", "tensorflow_serving/core/loader_harness.cc:98", "not about the request or "
                 "model", "next", "sigcheck gate MODEL"):
        assert seen in out


def test_human_view_has_title_cause_evidence_numbered_fix_and_verify(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", write(tmp_path, SEED), "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "Extra batch dimension in the request" in out
    for label in ("cause", "evidence", "fix 1.", "verify"):
        assert label in out
    assert "2." in out and "sigcheck validate request.json --model MODEL" in out


def test_model_and_request_make_it_concrete(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            fixture_model) -> None:  # type: ignore[no-untyped-def]
    row = [[[0.0] * 3] * 150] * 150
    req = write(tmp_path, json.dumps({"instances": [[[row]]]}), "request.json")
    code = run(["explain", write(tmp_path, SEED), "--model", str(fixture_model("keras_image")), "--request", req,
                "--json"])
    assert code == 0
    cause = json.loads(capsys.readouterr().out)["diagnoses"][0]["cause"]
    assert "takes image [-1,150,150,3]; your request sends [1,1,150,150,3] per instance" in cause


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Table not initialized.")))
    assert run(["explain", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["diagnoses"][0]["category"] == "initializer_missing_in_export"


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "explained.json"
    assert run(["explain", write(tmp_path, SEED), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["diagnoses"][0]["category"] == "extra_batch_dimension"


@pytest.mark.parametrize("content", [None, b"", b"\x00\x01\x02\x03binary\xff\xfe" * 50])
def test_cannot_run_is_one_clear_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                content: bytes | None) -> None:
    path = str(tmp_path / "missing.txt") if content is None else write(tmp_path, content, "junk.bin")
    assert run(["explain", path]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2


def test_unreadable_model_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["explain", write(tmp_path, SEED), "--model", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.startswith("error: ")
