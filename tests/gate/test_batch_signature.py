"""``gate --batch INPUT --signature NAME``: the batch.records rule checks the records against NAME (sigcheck batch
--signature), as the --request files are checked.  (module_multi fails the gate on its own signatures: the tests read
the batch.records verdict and findings.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.gate.runner import run_gate

WORDS = b'"hello"\n"world"\n'  # (echo_bytes takes one DT_STRING input; serving_default takes floats)


@pytest.fixture(scope="session")
def multi(fixture_model):
    from sigcheck.model import read_model

    return read_model(str(fixture_model("module_multi")))


@pytest.fixture()
def words(tmp_path: Path) -> str:
    path = tmp_path / "words.jsonl"
    path.write_bytes(WORDS)
    return str(path)


def test_batch_records_follow_the_signature(multi, words) -> None:
    default = run_gate(multi, batch=[words])
    assert default.checks["batch.records"] == "fail"
    assert [f.code for f in default.rule_findings["batch.records"]] == ["request.dtype"]
    named = run_gate(multi, batch=[words], signature="echo_bytes")
    assert named.checks["batch.records"] == "pass" and not named.rule_findings["batch.records"]


def test_a_finding_names_the_signature_checked(multi, tmp_path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(WORDS + b"3\n")
    (f,) = run_gate(multi, batch=[str(path)], signature="echo_bytes").rule_findings["batch.records"]
    assert f.code == "request.dtype" and (f.subject, f.line) == (str(path), 3)  # (u3 F21: the line is a line)
    assert f.message.startswith("1 record of 3 (signature echo_bytes): ") and '"text"' in f.message


def test_cli_passes_signature_to_batch_without_a_warning(cli, fixture_model, words) -> None:
    model = fixture_model("module_multi")
    code, out, err = cli("gate", model, "--batch", words, "--json")
    assert json.loads(out)["checks"]["batch.records"] == "fail"
    code, out, err = cli("gate", model, "--batch", words, "--signature", "echo_bytes", "--json")
    assert json.loads(out)["checks"]["batch.records"] == "pass"
    assert "warning:" not in err and "serving_default" not in err, err


def test_unknown_signature_with_batch_only_is_exit_2(cli, fixture_model, words) -> None:
    code, out, err = cli("gate", fixture_model("module_multi"), "--batch", words, "--signature", "nope")
    assert code == 2
    assert "no signature 'nope'; signatures: echo_bytes, half_output, image_bytes, scalar_input, serving_default, " \
        "uint8_bool, unknown_rank" in err.splitlines()[0]
