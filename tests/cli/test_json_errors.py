"""With --json (or --format json), a command that cannot run still prints one JSON object on stdout (exit 2)."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(("argv", "kind"), [
    (["validate", "/nonexistent/req.json", "--model", "{model}", "--json"], "input"),
    (["inspect", "/nonexistent/model", "--json"], "model"),
    (["gate", "/nonexistent/model", "--format", "json"], "model"),
    (["diff", "{model}", "{model}", "--signature", "nope", "--json"], "input"),
    (["explain", "/nonexistent/error.txt", "--json"], "input"),
])
def test_cannot_run_is_a_json_error_document(cli, fixture_model, argv: list[str], kind: str) -> None:
    model = str(fixture_model("keras_tabular"))
    code, out, err = cli(*[a.replace("{model}", model) for a in argv])
    assert code == 2 and err.startswith("error: ")
    doc = json.loads(out)
    assert doc["exit_code"] == 2 and doc["error"]["kind"] == kind
    assert doc["error"]["message"] == err.splitlines()[0].removeprefix("error: ")


def test_sigcheck_format_env_and_output_files(cli, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SIGCHECK_FORMAT", "json")
    code, out, _ = cli("gate", "/nonexistent/model")
    assert code == 2 and json.loads(out)["error"]["kind"] == "model"
    report = tmp_path / "report.json"
    code, out, _ = cli("gate", "/nonexistent/model", "-o", report)
    assert code == 2 and out == "" and not report.exists()  # the report file is never half-written


def test_without_json_stdout_stays_empty(cli) -> None:
    code, out, err = cli("inspect", "/nonexistent/model")
    assert code == 2 and out == "" and err.startswith("error: ")


def test_json_errors_where_output_is_not_the_json(cli, fixture_model, tmp_path) -> None:
    """export's -o is the model's base path and validate's -o is where --fix writes: their --json document is on
    stdout either way, so an error is too."""
    code, out, err = cli("export", "--data", tmp_path / "nope.csv", "--label", "x", "--output", tmp_path / "m",
                         "--json")
    assert code == 2 and json.loads(out)["error"]["kind"] == "input", err
    code, out, _ = cli("validate", tmp_path / "nope.json", "--model", fixture_model("keras_tabular"), "--json",
                       "--fix", "-o", tmp_path / "fixed.json")
    assert code == 2 and json.loads(out)["error"]["kind"] == "input"
