"""validate_jsonl's chunk check compares integers with their dtype's bounds exactly: numpy turns a list of ints that
mixes in 2**63 into float64 (where 2**63 <= 2**63 - 1 holds), so a later chunk's out-of-range int64 was vouched
for (ok) while the same line alone is ``request.dtype``."""

from __future__ import annotations

import pytest

from sigcheck.validate import validate_jsonl

from .contracts import contract


TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])})
HOURS = contract({"hours": ("DT_INT64", [-1, 2])})
COUNTS = contract({"n": ("DT_UINT64", [-1])})
N = 9_101  # one chunk of 8192 lines, then a second the chunk check vouches for


def tabular(hours: int) -> bytes:
    return b'{"age": [31.5], "hours": [%d], "occupation": ["nurse"]}' % hours


CASES = {
    "int64 2**63, objects": (TABULAR, lambda i: tabular(i), tabular(2**63)),
    "int64 -2**63-1, objects": (TABULAR, lambda i: tabular(i), tabular(-2**63 - 1)),
    "int64 2**63, rows": (HOURS, lambda i: b"[%d, 1]" % i, b"[1, %d]" % 2**63),
    "uint64 2**64, rows": (COUNTS, lambda i: b"%d" % i, b"%d" % 2**64),
    "uint64 -1 beside 2**63": (COUNTS, lambda i: b"%d" % (2**63 + i), b"-1"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_out_of_range_integer_in_a_later_chunk_is_found(case: str) -> None:
    info, good, bad = CASES[case]
    alone = validate_jsonl([bad], info)
    assert not alone.ok and [f.code for f in alone.findings] == ["request.dtype"]
    lines = [good(i) for i in range(N - 1)] + [bad]
    result = validate_jsonl(lines, info)
    reference = validate_jsonl(lines, info, blocks=False)  # every chunk decoded in full
    assert not result.ok and [f.code for f in result.findings] == ["request.dtype"]
    assert [(f.code, f.message) for f in result.findings] == [(f.code, f.message) for f in reference.findings]
    assert f"(line {N})" in result.findings[0].message


def test_in_range_extremes_are_still_vouched_for() -> None:
    lines = [tabular(i) for i in range(N - 2)] + [tabular(2**63 - 1), tabular(-2**63)]
    assert validate_jsonl(lines, TABULAR).ok
