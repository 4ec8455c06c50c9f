"""Long values in the human views, cut with their length shown (the JSON, JUnit and SARIF reports keep them whole).

TF Serving 2.18+ cuts a JSON value in its messages after the first token that reaches 256 bytes, but never inside a
token: a 19.7 KB base64 string sent to a float input is in its message whole.  The human views show such a token as
its first characters and its length; ``--json`` keeps TF Serving's message verbatim.
"""

from __future__ import annotations

import re

LONG_TOKEN = 100
"""A run of characters without a blank longer than this is cut in the human views."""
KEEP = 60
"""How much of a cut token is shown."""
RECEIVED_LIMIT = 160
"""A ``received:`` value longer than this is cut (with its length)."""

_LONG = re.compile(r"[^\s\"']{%d,}" % (LONG_TOKEN + 1))


def cut_tokens(text: str | None) -> str | None:
    """``text`` with every run of more than :data:`LONG_TOKEN` characters without a blank or quote (a base64 string,
    a long number list printed without spaces) cut to its first :data:`KEEP` and ``…(N characters)``."""
    if not text or len(text) <= LONG_TOKEN:
        return text
    return _LONG.sub(lambda m: f"{m.group(0)[:KEEP]}…({len(m.group(0))} characters)", text)


def cut_value(text: str | None, limit: int = RECEIVED_LIMIT) -> str | None:
    """A value as the human views print it: long tokens cut (:func:`cut_tokens`), then the whole cut at ``limit``
    characters with its length shown."""
    if text is None:
        return None
    short = cut_tokens(text) or ""
    if len(short) > limit:
        return f"{short[:limit]}… ({len(text)} characters)"
    return short
