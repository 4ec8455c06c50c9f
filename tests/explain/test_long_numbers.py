"""Hostile numbers in a pasted error: a 50,000-digit run is read in bounded time and never raises (issue #19)."""

from __future__ import annotations

import time

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.normalize import MAX_DIGITS, clip

DIGITS = "9" * 50_000
TEXTS = [
    f"You must feed a value for placeholder tensor 'Placeholder_3' with dtype float and shape [?,{DIGITS}]",
    f"Placeholder_3:0 is both fed and fetched {DIGITS}",
    f"Input to reshape is a tensor with {DIGITS} values, but the requested shape has 4",
    f"Matrix size-incompatible: In[0]: [{DIGITS},3], In[1]: [4,2]",
    f"Request payload size exceeds the limit: {DIGITS} bytes.",
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_a_huge_number_is_read_quickly_and_never_raises(text: str) -> None:
    started = time.process_time()
    explain_text(text)
    assert time.process_time() - started < 2.0


def test_digit_runs_are_cut_to_their_first_digits() -> None:
    assert clip("shape [" + "7" * 100 + ",3]") == "shape [" + "7" * MAX_DIGITS + ",3]"
    assert clip("shape [12345,3]") == "shape [12345,3]"
