"""Each record gets exactly validate's findings for a one-line JSON Lines file; the fast road changes nothing."""

from __future__ import annotations

import json

import pytest

from sigcheck.batch import run_batch
from sigcheck.batch.formats import b64_instance
from sigcheck.batch.records import RecordChecker, renumber
from sigcheck.validate import validate_request

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
    assert not RecordChecker(example_model).fast  # (JSON Lines records: their strings are looked inside)
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
