"""``gate --batch INPUT``: the batch.records rule."""

from __future__ import annotations

import json

from sigcheck.gate.runner import run_gate

from .conftest import jsonl_text


def test_gate_batch_rule(tabular, jsonl_file, tmp_path):
    skipped = run_gate(tabular)
    assert skipped.checks["batch.records"] == "skip"
    failed = run_gate(tabular, batch=[str(jsonl_file)])
    assert failed.checks["batch.records"] == "fail" and not failed.ok
    mine = failed.rule_findings["batch.records"]
    dtype = [f for f in mine if f.code == "request.dtype"]  # (one finding per message: lines 7, 80, 211, and 150's
    first = next(f for f in dtype if f.line == 7)            # warning)
    assert first.subject == str(jsonl_file) and first.message.startswith("1 record of 258: ")
    assert sum(int(f.message.split(" record")[0]) for f in dtype) == 4
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl_text(5))
    assert run_gate(tabular, batch=[str(good)]).checks["batch.records"] == "pass"


def test_gate_cli_batch(cli, fixture_model, jsonl_file):
    code, out, err = cli("gate", fixture_model("keras_tabular"), "--batch", jsonl_file, "--json")
    assert code == 1, err
    data = json.loads(out)
    assert data["checks"]["batch.records"] == "fail"


def test_counts_are_written_with_thousands_separators_and_one_worker_is_singular(tabular, cli, tmp_path):
    lines = jsonl_text(5).splitlines()
    good = [ln for ln in lines if ln.strip()][0]
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join([good] * 1199 + ['{"age": ["x"], "hours": [1], "occupation": ["a"]}']) + "\n")
    found = run_gate(tabular, batch=[str(path)]).rule_findings["batch.records"]
    dtype = next(f for f in found if f.code == "request.dtype")
    assert dtype.message.startswith("1 record of 1,200: "), dtype.message
    code, out, err = cli("batch", str(path), "--model", str(tabular.source), "--workers", "1")
    assert code == 1 and "runner local, 1 worker)" in out + err, out + err
