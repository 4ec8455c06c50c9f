"""``sigcheck batch`` with a signature contract over serialized tf.Examples (x14, after u3 F9): validate warns
``request.example_unchecked`` for each such record (a contract has no graph, so no parse op to check the values
with).  Records whose only finding is that warning keep batch's fast road: the warning is tallied for the runs the
chunk check vouches for (its count of records and findings, and its first record), not by validating each record
alone, with the same counts, examples, clean-record table and dead letter as validating every record alone (the
reference road); ``gate --batch`` (batch's tally) says the same count."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from sigcheck.batch import run_batch
from sigcheck.batch import records as records_mod
from sigcheck.model import read_model
from sigcheck.model.contract import dumps, from_contract
from sigcheck.validate.examples import UNCHECKED

from . import wire
from .conftest import MODELS

N = 600


@pytest.fixture(scope="module")
def example_contract(tmp_path_factory) -> Path:
    """The contract of the tf.Example model, as `inspect --json` writes it (its input is named "examples")."""
    path = tmp_path_factory.mktemp("contract") / "ex.contract.json"
    path.write_text(dumps(read_model(str(MODELS / "tf_example"))))
    return path


def payload_contract():
    """A contract whose one string input is not named like tf.Examples: only values that read as one warn."""
    return from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": {"payload": {"dtype": "DT_STRING", "shape": [-1]}},
        "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 1]}}}}}, "test")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def example_lines() -> list[str]:
    """Mostly good tf.Examples (both ways Vertex AI's JSON Lines give one: a bare {"b64": …} and an object of the
    input), a few records with an error (validated alone, still warned for), a word (named input: warned too)."""
    out = []
    for i in range(N):
        s = b64(wire.example(wire.good(i)))
        out.append(json.dumps({"b64": s}) if i < N // 2 else json.dumps({"examples": {"b64": s}}))
    out[0] = '{"examples": ["a", "b"]}'                  # an error (the shape), warned for too
    out[1] = '{"examples": {"b64": "not base64!"}}'      # an error
    out[250] = '"seven"'                                 # a word: no Example, but the input is named like one
    out[400] = ""                                        # a blank line
    out[401] = '{"examples": [1, 2]}'                    # an error
    return out


def payload_lines() -> list[str]:
    """Plain text to an input not named like tf.Examples, with Examples among it: only those are warned for."""
    out = [json.dumps({"payload": f"a plain sentence number {i}"}) for i in range(N)]
    for i in list(range(40, 45)) + list(range(300, N, 7)):
        out[i] = json.dumps({"payload": {"b64": b64(wire.example(wire.good(i)))}})
    out[301] = json.dumps({"payload": 3})  # an error
    return out


def _same(path: Path, info, tmp_path: Path):
    """The fast road's result is the reference's (every record validated alone): JSON view, clean-record table,
    dead letter."""
    fast = run_batch([str(path)], info, workers=1, dead_letter=str(tmp_path / "fast.jsonl"))
    slow = run_batch([str(path)], info, workers=1, fast=False, dead_letter=str(tmp_path / "slow.jsonl"))
    a, b = fast.to_json(), slow.to_json()
    for d in (a, b):
        d.pop("seconds"), d.pop("dead_letter")
    assert a == b

    def clean(result):
        return {code: (n, k, ex.location, ex.number, ex.finding) for code, (n, k, ex) in result.tally.clean.items()}

    assert clean(fast) == clean(slow)
    assert fast.tally.record_counts == slow.tally.record_counts
    assert (tmp_path / "fast.jsonl").read_bytes() == (tmp_path / "slow.jsonl").read_bytes()
    return fast


@pytest.fixture
def validations(monkeypatch):
    """Counts the records batch validates alone (validate_jsonl calls of records.py)."""
    calls = []
    real = records_mod.validate_jsonl

    def counted(lines, *args, **kwargs):
        calls.append(len(lines))
        return real(lines, *args, **kwargs)

    monkeypatch.setattr(records_mod, "validate_jsonl", counted)
    return calls


def test_examples_to_a_contract_keep_the_fast_road(example_contract, tmp_path, validations):
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(example_lines()) + "\n")
    info = read_model(str(example_contract))
    validations.clear()
    run_batch([str(path)], info, workers=1)
    alone = len(validations)
    assert alone < N // 10, alone  # (before: every record, 599)
    result = _same(path, info, tmp_path)
    records = N - 1  # (the blank line is no record)
    assert result.records == records and result.bad_records == 3
    # every record TF Serving accepts is warned for (its input is named like tf.Examples), the bad one on line 1
    # too; the two it rejects are errors without the warning, as validate says them
    assert result.tally.counts[UNCHECKED] == result.tally.record_counts[UNCHECKED] == records - 2
    assert result.tally.examples[UNCHECKED].number == 1
    n, found, first = result.tally.clean[UNCHECKED]  # (records without an error: gate --batch's table)
    assert (n, found, first.number) == (records - 3, records - 3, 3)


def test_only_the_records_that_hold_examples_are_counted(tmp_path, validations):
    path = tmp_path / "payload.jsonl"
    lines = payload_lines()
    path.write_text("\n".join(lines) + "\n")
    info = payload_contract()
    validations.clear()
    run_batch([str(path)], info, workers=1)
    assert len(validations) < N // 10, len(validations)
    result = _same(path, info, tmp_path)
    examples = [i for i, ln in enumerate(lines) if '"b64"' in ln]
    assert result.tally.counts[UNCHECKED] == len(examples)
    assert result.tally.clean[UNCHECKED][2].number == examples[0] + 1 == 41
    assert result.bad_records == 1


def test_a_chunk_vouched_for_whole_is_counted_too(example_contract):
    """The JSON Lines road that never makes the lines (vouch_chunk) counts the warning of each vouched record."""
    import io

    from sigcheck.validate import lines as lines_mod

    checker = records_mod.RecordChecker(read_model(str(example_contract)))
    good = [json.dumps({"b64": b64(wire.example(wire.good(i)))}).encode() for i in range(50)]
    checker.check(good[:1])  # (validated alone: learns the record's check)
    (chunk,) = lines_mod.block_chunks(io.BytesIO(b"\n".join(good) + b"\n"), 100, 1 << 20)
    assert checker.vouch_chunk(chunk)
    assert checker.unchecked == [50, 50, 0]


def test_gate_batch_says_batch_s_count(example_contract, tmp_path, cli):
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(ln for ln in example_lines()[2:] if ln and ln != '{"examples": [1, 2]}') + "\n")
    code, out, _ = cli("batch", path, "--model", example_contract, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["bad_records"] == 0 and doc["findings"][UNCHECKED] == doc["records"] == N - 4
    code, out, _ = cli("gate", example_contract, "--batch", path, "--format", "json")
    gate = json.loads(out)
    (f,) = [f for f in gate["findings"] if f["code"] == UNCHECKED]
    assert code == 0 and f["message"].startswith(f"{N - 4:,} records of {N - 4:,} have {UNCHECKED} warnings"), f
    assert f"(first at {path}:1)" in f["message"]


def test_csv_rows_to_a_contract(example_contract, tmp_path, validations):
    """CSV rows (instances made by the reader, checked by the same road) to the input named like tf.Examples."""
    from sigcheck.batch import InstanceConfig

    path = tmp_path / "rows.csv"
    path.write_text("examples\n" + "".join(f'"row {i}"\n' for i in range(N)))
    info = read_model(str(example_contract))
    config = InstanceConfig(instance_type="object")
    validations.clear()
    run_batch([str(path)], info, workers=1, config=config)
    assert len(validations) < N // 10, len(validations)
    fast = run_batch([str(path)], info, workers=1, config=config)
    slow = run_batch([str(path)], info, workers=1, config=config, fast=False)
    a, b = fast.to_json(), slow.to_json()
    a.pop("seconds"), b.pop("seconds")
    assert a == b and a["ok"] and a["findings"][UNCHECKED] == N
    assert fast.tally.clean[UNCHECKED][:2] == [N, N] and fast.tally.clean[UNCHECKED][2].number == 2


def test_tfrecord_records_are_warned_for_as_each_alone(tmp_path):
    """Reader-made {"b64": …} records share the first one's findings per kind of record: for a contract's input
    not named like tf.Examples, records that hold an Example are warned for and records that hold text are not
    (before: every record got the first record's warning)."""
    from sigcheck.codec.tfrecord import frame_records

    path = tmp_path / "mixed.tfrecord"
    path.write_bytes(frame_records([wire.example(wire.good(i)) if i % 3 == 0 else b"hello world"
                                    for i in range(30)]))
    fast = run_batch([str(path)], payload_contract(), workers=1)
    slow = run_batch([str(path)], payload_contract(), workers=1, fast=False)
    a, b = fast.to_json(), slow.to_json()
    a.pop("seconds"), b.pop("seconds")
    assert a == b and a["findings"][UNCHECKED] == 10


def test_gate_batch_and_batch_agree_on_a_bad_batch(example_contract, tmp_path, cli):
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(example_lines()) + "\n")
    code, out, _ = cli("batch", path, "--model", example_contract, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["bad_records"] == 3
    code, out, _ = cli("gate", example_contract, "--batch", path, "--format", "json")
    gate = json.loads(out)
    # the bad record's own warning (from the dead letter), then the records without an error (batch's tally)
    bad, f = sorted((f for f in gate["findings"] if f["code"] == UNCHECKED), key=lambda f: f["line"])
    assert bad["message"].startswith(f"1 record of {N - 1:,}: ") and bad["line"] == 1, bad
    clean = N - 1 - 3
    assert code == 1 and f["message"].startswith(f"{clean:,} records of {N - 1:,} have {UNCHECKED} warnings"), f
    assert f"(first at {path}:3)" in f["message"] and f["line"] == 3
    assert clean + 1 == doc["findings"][UNCHECKED]
