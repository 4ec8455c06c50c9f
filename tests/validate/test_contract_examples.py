"""A signature contract as --model with serialized tf.Examples (trial12 F9, user u3): a contract has no graph, so no
parse op and no feature spec; validate, batch and gate --batch say so (warning ``request.example_unchecked``)
instead of an unqualified ok, and their headlines name the contract, not the model it was written from."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from sigcheck.batch.example import serialize_example
from sigcheck.diagnostics import Severity
from sigcheck.model import read_model
from sigcheck.model.contract import dumps
from sigcheck.validate import validate_request
from sigcheck.validate.examples import UNCHECKED

from .contracts import contract

ROOT = Path(__file__).resolve().parents[2]
TF_EXAMPLE = ROOT / "tests" / "batch" / "models" / "tf_example"
GOOD = {"age": {"float_list": [30.0]}, "occupation": {"bytes_list": [b"Sales"]}, "emb": {"float_list": [1.0, 2.0, 3.0]}}
MISSING = {"occupation": {"bytes_list": [b"Sales"]}}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    """The contract of the tf.Example model, as `inspect --json` writes it."""
    path = tmp_path_factory.mktemp("contract") / "ex.contract.json"
    path.write_text(dumps(read_model(str(TF_EXAMPLE))))
    return path


def b64(data: bytes) -> dict:
    return {"b64": base64.b64encode(data).decode()}


def unchecked(result):
    return [f for f in result.findings if f.code == UNCHECKED]


def test_examples_against_a_contract_are_a_warning_not_a_silent_ok(written: Path) -> None:
    info = read_model(str(written))
    body = json.dumps({"instances": [b64(serialize_example(MISSING)), b64(serialize_example(GOOD))]}).encode()
    r = validate_request(body, info)
    (f,) = unchecked(r)
    assert f.severity is Severity.WARNING and r.ok  # nothing is known to be wrong: not an error
    assert f.path == "$.instances[0]" and '"occupation"' in f.message and "no graph" in f.message
    assert str(TF_EXAMPLE) in f.hint  # pass the model it was written from
    # the SavedModel itself checks them (and finds the missing feature): no such warning there
    r = validate_request(body, read_model(str(TF_EXAMPLE)))
    assert not unchecked(r) and {f.code for f in r.findings} == {"request.example"}


def test_a_word_to_an_input_named_like_examples_is_said_too() -> None:
    info = contract({"examples": ("DT_STRING", [-1])})
    (f,) = unchecked(validate_request(b'{"instances": ["seven"]}', info))
    assert "named like" in f.message


def test_plain_text_inputs_get_no_such_warning() -> None:
    info = contract({"text": ("DT_STRING", [-1])})
    assert not unchecked(validate_request(b'{"instances": ["seven", "a longer sentence"]}', info))
    assert not unchecked(validate_request(b'{"instances": [1.0]}', contract({"x": ("DT_FLOAT", [-1])})))


def test_json_lines_say_it_once(written: Path, tmp_path: Path) -> None:
    from sigcheck.validate import validate_jsonl

    line = json.dumps(b64(serialize_example(GOOD))).encode()
    r = validate_jsonl([line] * 50, read_model(str(written)), chunk_lines=8, blocks=False)
    (f,) = unchecked(r)
    assert f.line == 1 and r.ok


def test_batch_and_gate_batch_are_not_silently_ok(written: Path, tmp_path: Path, cli) -> None:
    from sigcheck.batch import run_batch
    from sigcheck.codec.tfrecord import frame_records

    rec = tmp_path / "ex.tfrecord"
    rec.write_bytes(frame_records([serialize_example(GOOD), serialize_example(MISSING), serialize_example(GOOD)]))
    with_model = run_batch([str(rec)], read_model(str(TF_EXAMPLE)), workers=1)
    assert with_model.bad_records == 1 and UNCHECKED not in with_model.tally.counts
    result = run_batch([str(rec)], read_model(str(written)), workers=1)
    assert result.bad_records == 0 and result.tally.counts.get(UNCHECKED) == 3  # every record: none was checked
    code, out, err = cli("gate", written, "--batch", rec, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and UNCHECKED in [f["code"] for f in doc["findings"]], doc


def test_headlines_name_the_contract(written: Path, tmp_path: Path, cli) -> None:
    req = tmp_path / "req.json"
    req.write_text(json.dumps({"instances": [b64(serialize_example(GOOD))]}))
    source = read_model(str(TF_EXAMPLE)).source  # (the version folder, tf_example/1)
    code, out, _ = cli("validate", req, "--model", written)
    first = out.splitlines()[0]
    assert code == 0 and f"against {written} (a signature contract written from {source})" in first, out
    assert "1 warning" in first
    code, _, err = cli("gate", written)
    assert f"checked {written} (a signature contract written from {source})" in err, err
