"""absl::Base64Unescape as TF Serving uses it for ``{"b64": …}`` (SPEC §6)."""

from __future__ import annotations

import base64
import random

import pytest

from sigcheck.codec.b64 import unescape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"aGVsbG8=", b"hello"),
        (b"aGVsbG8", b"hello"),  # padding is optional
        (b"aGVsbG8.", b"hello"),  # '.' pads like '='
        (b"aGVs bG8=\n", b"hello"),  # whitespace is skipped
        (b"", b""),
        (b"aGk=", b"hi"),
        (b"aGk", b"hi"),
        (b"aGk==", None),  # wrong number of pad characters
        (b"aGVsbG8==", None),
        (b"a", None),  # a single leftover character
        (b"aGVsbG8-", None),  # URL-safe alphabet rejected
        (b"aG_s", None),
        (b"aGk=aGk=", None),  # data after padding
        (b"data:image/png;base64,aGk=", None),
    ],
)
def test_unescape(text: bytes, expected: bytes | None) -> None:
    assert unescape(text) == expected


def test_agrees_with_python_on_canonical_and_unpadded_input() -> None:
    rng = random.Random(5)
    for _ in range(500):
        raw = rng.randbytes(rng.randint(0, 40))
        enc = base64.b64encode(raw)
        assert unescape(enc) == raw
        assert unescape(enc.rstrip(b"=")) == raw
        assert unescape(b" ".join(enc[i:i + 3] for i in range(0, len(enc), 3))) == raw
