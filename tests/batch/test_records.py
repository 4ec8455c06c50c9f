"""Each record gets exactly validate's findings for a one-line JSON Lines file; the fast road changes nothing."""

from __future__ import annotations

import json

import pytest

from sigcheck.batch import run_batch
from sigcheck.batch.formats import b64_instance
from sigcheck.batch.records import RecordChecker, renumber
from sigcheck.validate import validate_request

from . import wire
from .conftest import BAD_LINES, BLANK_LINES, ERROR_LINES, jsonl_text


def alone(line: bytes, info) -> list[tuple]:
    result = validate_request(line, info, format_in="jsonl")
    return [(f.code, f.category, f.severity.value, f.message, f.hint) for f in result.findings]


def as_tuples(findings, number: int) -> list[tuple]:
    return [(f.code, f.category, f.severity.value, f.message, f.hint) for f in (renumber(x, number) for x in findings)]


def test_every_line_alone_matches_validate(tabular):
    lines = [ln.encode() for ln in jsonl_text().splitlines()]
    checker = RecordChecker(tabular)
    numbered = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip()]
    found = checker.check([ln for _, ln in numbered])
    assert checker.alone < len(numbered) // 3  # most records were vouched for, not validated one by one
    for (number, line), findings in zip(numbered, found):
        assert as_tuples(findings, 1) == alone(line, tabular), number
        expect = BAD_LINES.get(number, (None, set()))[1]
        if expect is not None:
            assert {f.code for f in findings} == expect, number


def test_fast_road_equals_reference(tabular, jsonl_file):
    fast = run_batch([str(jsonl_file)], tabular, workers=1)
    slow = run_batch([str(jsonl_file)], tabular, workers=1, fast=False)
    a, b = fast.to_json(), slow.to_json()
    a.pop("seconds"), b.pop("seconds")
    assert a == b
    assert a["records"] == 260 - len(BLANK_LINES)
    assert a["bad_records"] == len(ERROR_LINES) and a["findings"]["request.shape"] == 1  # (a warning: not bad)


@pytest.mark.parametrize("body", [b"", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, b"aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNl",
                                  b"hello world", bytes(range(256)), b"\n\x03abc"])
def test_b64_records_share_one_verdict(example_model, png_model, body):
    """A reader-made {"b64": ...} instance to a string input that takes no image: the first record's findings hold
    for all (what RecordChecker.b64_findings relies on), except validate's tf.Example check of an input a
    ParseExample op reads (request.example), which b64_findings makes for each record's own bytes: the same
    findings as validating each record alone.  To an image input validate looks inside: every record is
    validated alone."""
    assert RecordChecker(example_model).b64_fast and not RecordChecker(png_model).fast
    # (JSON Lines records to a tf.Example input keep the chunk check, plus the Example check of every value:
    # test_example_json_lines_fast_road_equals_each_alone)
    checker = RecordChecker(example_model)
    checker.b64_findings(False, b64_instance(b"first record"))
    instance = b64_instance(body)
    key = lambda f: (f.code, f.message, f.path)  # noqa: E731
    assert sorted(checker.validate_one(instance), key=key) == sorted(checker.b64_findings(not body, instance), key=key)


def test_findings_name_the_records_line(tabular, jsonl_file):
    result = run_batch([str(jsonl_file)], tabular, workers=1)
    examples = {e["code"]: e for e in result.to_json()["examples"]}
    ex = examples["request.dtype"]
    assert ex["location"] == f"{jsonl_file}:7"
    assert "(line 7)" in ex["message"] and "(line 1)" not in ex["message"]
    assert json.loads(json.dumps(result.to_json()))  # plain JSON


def test_an_int64_beyond_range_among_many_is_not_vouched_for(tabular):
    """validate's chunk check compares integer bounds exactly (numpy would make a list with 2**63 float64): the
    record is validated alone, as the reference does (the batch check keeps no workaround of its own)."""
    lines = [b'{"age": [31.5], "hours": [%d], "occupation": ["nurse"]}' % i for i in range(200)]
    lines[150] = b'{"age": [31.5], "hours": [%d], "occupation": ["nurse"]}' % 2**63
    checker = RecordChecker(tabular)
    found = checker.check(lines)
    assert [i for i, f in enumerate(found) if f] == [150]
    assert as_tuples(found[150], 1) == alone(lines[150], tabular)
    assert [f.code for f in found[150]] == ["request.dtype"] and checker.alone < 40


def _example_lines(n: int = 400) -> tuple[list[bytes], set[int]]:
    """JSON Lines of {"b64": serialized tf.Example} for tests/batch/models/tf_example, with bad records (plain words,
    Examples the parse op refuses, bytes that are no Example, other layouts) at known indices."""
    import base64

    def b64(data: bytes) -> bytes:
        return json.dumps({"b64": base64.b64encode(data).decode()}).encode()

    lines = [b64(wire.example(wire.good(i))) for i in range(n)]
    no_age = {k: v for k, v in wire.good(1).items() if k != "age"}
    bad = {
        37: json.dumps("seven").encode(),  # plain words: "Could not parse example input"
        80: b64(wire.example({**wire.good(2), "age": ("int64", [3])})),  # wrong list kind
        81: b64(wire.example({**wire.good(3), "emb": ("float", [1.0, 2.0])})),  # 2 values, shape [3]
        150: b64(wire.example(no_age)),  # a required feature missing
        151: b64(b"\xff\xfe not an example"),
        152: json.dumps({"examples": {"b64": base64.b64encode(wire.example(wire.good(4))).decode()}}).encode(),
        230: json.dumps([json.loads(lines[5])]).encode(),  # one more list level
        231: json.dumps(base64.b64encode(wire.example(wire.good(6))).decode()).encode(),  # base64 as plain text
        399: b'{"b64": "not base64!"}',
    }
    for i, line in bad.items():
        lines[i] = line
    return lines, set(bad) - {152}  # (an object naming the one input is a good record, validated alone)


def test_example_json_lines_fast_road_equals_each_alone(example_model, tmp_path):
    """JSON Lines records to an input a ParseExample op reads: the chunk check plus the Example check of every value
    vouches for the good runs; each record's findings are still exactly validate's on that line alone, and the
    batch's verdict is the reference's (every record validated alone)."""
    lines, bad = _example_lines()
    checker = RecordChecker(example_model)
    assert checker.fast and checker.examples
    found = checker.check(lines)
    assert checker.alone < len(lines) // 4  # most records vouched for, not validated one by one
    for number, (line, findings) in enumerate(zip(lines, found), 1):
        assert as_tuples(findings, 1) == alone(line, example_model), number
    errors = {i for i, f in enumerate(found) if any(d.severity.value == "error" for d in f)}
    assert bad <= errors and errors - bad <= {231}, sorted(errors)
    assert {"request.example"} <= {d.code for i in (37, 80, 81, 150, 151) for d in found[i]}
    path = tmp_path / "examples.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    fast = run_batch([str(path)], example_model, workers=1)
    slow = run_batch([str(path)], example_model, workers=1, fast=False)
    a, b = fast.to_json(), slow.to_json()
    a.pop("seconds"), b.pop("seconds")
    assert a == b and a["records"] == len(lines) and not a["ok"]
