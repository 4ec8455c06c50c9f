"""``gate --batch``'s batch.records rule says what ``sigcheck batch`` says (u3 F1, F7, F21).

* F1: an error in any record is an error, even when a warning of the same code came first; the error's count is of
  records with that error, not of every record with the code.
* F7: counts are per finding message: four records with four different ``batch.example`` mistakes are four
  findings of one record each, not "4 records of N: <the first record's message>".
* F21: a record's finding names the file as its subject and the record's line as its ``line`` (SARIF's region), as
  ``--request`` JSON Lines findings; a TFRecord's record number is no line.
"""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.batch import run_batch
from sigcheck.diagnostics import Severity
from sigcheck.gate.runner import run_gate

from . import wire
from .conftest import tfrecord_bytes

WIDE = '{"age": [1.0, 3.0], "hours": [2], "occupation": ["x"]}'
"""Another size than the declared (1,), same rank: a warning (TF Serving accepts it), no bad record."""
DEEP = '{"age": [[1.0]], "hours": [2], "occupation": ["x"]}'
"""An extra level: another rank, an error (a bad record)."""


def _records(tabular, path: Path, lines: list[str]):
    path.write_text("\n".join(lines) + "\n")
    batch = run_batch([str(path)], tabular)
    gate = run_gate(tabular, batch=[str(path)])
    return batch, gate, gate.rule_findings["batch.records"]


def _shape(found, severity: Severity):
    return [f for f in found if f.code == "request.shape" and f.severity is severity]


def test_an_error_after_a_warning_of_its_code_fails_the_gate_as_batch(tabular, tmp_path: Path) -> None:
    batch, gate, found = _records(tabular, tmp_path / "sh2.jsonl", [WIDE, WIDE, DEEP])
    assert not batch.ok and batch.bad_records == 1
    assert gate.checks["batch.records"] == "fail" and not gate.ok  # (was: pass, one warning "3 records of 3")
    [error] = _shape(found, Severity.ERROR)
    assert error.message.startswith("1 record of 3: ") and "extra leading dimension" in error.message
    assert (error.subject, error.line) == (str(tmp_path / "sh2.jsonl"), 3)
    [warning] = _shape(found, Severity.WARNING)
    assert warning.message.startswith("2 records of 3 have request.shape warnings; the first: ")
    assert warning.line == 1 and "(2,)" in warning.message


def test_a_warning_after_an_error_of_its_code_does_not_inflate_the_error(tabular, tmp_path: Path) -> None:
    batch, gate, found = _records(tabular, tmp_path / "rev.jsonl", [DEEP, WIDE, WIDE])
    assert batch.bad_records == 1 and not gate.ok
    [error] = _shape(found, Severity.ERROR)
    assert error.message.startswith("1 record of 3: "), error.message  # (was: "3 records of 3")
    assert error.line == 1
    [warning] = _shape(found, Severity.WARNING)  # (the records without an error: located, from batch's tally)
    assert warning.message.startswith("2 records of 3 have request.shape warnings; the first: ")
    assert warning.line == 2 and "(2,)" in warning.message


def test_a_clean_file_with_warnings_only_passes_as_batch(tabular, tmp_path: Path) -> None:
    batch, gate, found = _records(tabular, tmp_path / "w.jsonl", [WIDE, WIDE])
    assert batch.ok and gate.ok and gate.checks["batch.records"] == "pass"
    assert [f.severity for f in found if f.code == "request.shape"] == [Severity.WARNING]


def test_counts_are_per_message(tabular, tmp_path: Path) -> None:
    old = '{"age": "old", "hours": [2], "occupation": ["x"]}'
    frac = '{"age": [1.0], "hours": [2.5], "occupation": ["x"]}'
    good = '{"age": [1.0], "hours": [2], "occupation": ["x"]}'
    _, gate, found = _records(tabular, tmp_path / "m.jsonl", [good, old, frac, old, good, frac, frac])
    dtype = sorted((f.line, f.message) for f in found if f.code == "request.dtype")
    assert [(line, m.split(":")[0]) for line, m in dtype] == [(2, "2 records of 7"), (3, "3 records of 7")]
    assert 'input "age"' in dtype[0][1] and 'input "hours"' in dtype[1][1]


def test_example_records_each_keep_their_own_message(example_model, tmp_path: Path) -> None:
    records = [wire.example(wire.good(i)) for i in range(6)]
    missing = wire.good()
    del missing["age"]
    records[1] = wire.example(missing)
    long_age = wire.good()
    long_age["age"] = ("float", [1.0, 2.0])
    records[3] = wire.example(long_age)
    records[4] = b"\xff\xff\xff"
    path = tmp_path / "ex.tfrecord"
    path.write_bytes(tfrecord_bytes(records))
    batch = run_batch([str(path)], example_model)
    found = [f for f in run_gate(example_model, batch=[str(path)]).rule_findings["batch.records"]
             if f.code == "batch.example"]
    assert batch.bad_records == 3 and len(found) == 3, [f.message for f in found]
    assert all(f.message.startswith("1 record of 6: ") for f in found)
    assert sum('"age" is required' in f.message for f in found) == 1
    assert all(f.subject == str(path) and f.line is None for f in found)  # (a record number is no line)
    assert sorted(f.message.rsplit(":", 1)[1] for f in found) == ["2)", "4)", "5)"]


def test_sarif_puts_the_record_line_in_a_region(cli, fixture_model, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    Path("data/in.jsonl").write_text("\n".join(['{"age": [1.0], "hours": [2], "occupation": ["x"]}', DEEP,
                                                '{"age": "old", "hours": [2], "occupation": ["x"]}']) + "\n")
    code, _, err = cli("gate", fixture_model("keras_tabular"), "--batch", "data/in.jsonl", "--format", "sarif",
                       "-o", "out.sarif")
    assert code == 1, err
    results = [r for r in json.loads(Path("out.sarif").read_text())["runs"][0]["results"]
               if r["properties"].get("rule") == "batch.records"]
    where = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["locations"][0]["physicalLocation"].get("region", {}).get("startLine")) for r in results)
    assert where == [("request.dtype", "data/in.jsonl", 3), ("request.shape", "data/in.jsonl", 2)], where
    code, out, err = cli("gate", fixture_model("keras_tabular"), "--batch", "data/in.jsonl", "--json")
    lines = {(f["code"], f["subject"], f["line"]) for f in json.loads(out)["findings"] if f["code"].startswith("req")}
    assert lines == {("request.dtype", "data/in.jsonl", 3), ("request.shape", "data/in.jsonl", 2)}


def test_batch_shows_a_codes_error_before_its_warnings(tabular, tmp_path: Path) -> None:
    """u3 F1's batch view: the example batch keeps for a code is its first error, else its first finding -- a
    warning of the code on line 1 no longer stands for the error on line 3 (human view and --json's examples)."""
    path = tmp_path / "sh2.jsonl"
    path.write_text("\n".join([WIDE, WIDE, DEEP]) + "\n")
    ex = run_batch([str(path)], tabular).tally.examples["request.shape"]
    assert (ex.number, ex.finding.severity) == (3, Severity.ERROR)
    one = run_batch([str(path)], tabular, workers=2, split_bytes=60).tally.examples["request.shape"]  # (units merged)
    assert (one.number, one.finding.severity) == (3, Severity.ERROR)
