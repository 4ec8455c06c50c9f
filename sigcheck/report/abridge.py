"""Long values in the human views, cut with their length shown (the JSON, JUnit and SARIF reports keep them whole).

TF Serving 2.18+ cuts a JSON value in its messages after the first token that reaches 256 bytes, but never inside a
token: a 19.7 KB base64 string sent to a float input is in its message whole.  The human views show such a token as
its first characters and its length; ``--json`` keeps TF Serving's message verbatim.
"""

from __future__ import annotations

import re

LONG_TOKEN = 100
"""A run of base64-alphabet characters longer than this is cut in the human views (when it is data)."""
KEEP = 60
"""How much of a cut token is shown."""
RECEIVED_LIMIT = 160
"""A ``received:`` value longer than this is cut (with its length)."""

_LONG = re.compile(r"[A-Za-z0-9+/=_-]{%d,}" % (LONG_TOKEN + 1))


def _data(token: str) -> bool:
    """A run that is data (base64, hex, random bytes as text), not a path or a name to copy: it mixes upper and
    lower case letters and digits."""
    return (any(c.isupper() for c in token) and any(c.islower() for c in token)
            and any(c.isdigit() for c in token))


def cut_tokens(text: str | None) -> str | None:
    """``text`` with every run of more than :data:`LONG_TOKEN` base64-alphabet characters that is data (a base64
    string: upper and lower case letters and digits) cut to its first :data:`KEEP` and ``…(N characters)``.  Paths,
    tensor names and words stay whole (they are copied)."""
    if not text or len(text) <= LONG_TOKEN:
        return text
    return _LONG.sub(lambda m: f"{m.group(0)[:KEEP]}…({len(m.group(0))} characters)" if _data(m.group(0))
                     else m.group(0), text)


def cut_value(text: str | None, limit: int = RECEIVED_LIMIT) -> str | None:
    """A value as the human views print it: long tokens cut (:func:`cut_tokens`), then the whole cut at ``limit``
    characters with its length shown."""
    if text is None:
        return None
    short = cut_tokens(text) or ""
    if len(short) > limit:
        return f"{short[:limit]}… ({len(text)} characters)"
    return short


MESSAGE_LIMIT = 400


def cut_message(text: str | None, limit: int = MESSAGE_LIMIT) -> str | None:
    """A server's message as the human views print it: long tokens cut (:func:`cut_tokens`), then, if still longer
    than ``limit``, its middle (a value it quotes) cut with the length shown — the start says where, the end says
    what TF Serving expected.  ``--json`` keeps the message whole."""
    if text is None:
        return None
    short = cut_tokens(text) or ""
    if len(short) <= limit:
        return short
    head, tail = int(limit * 0.6), int(limit * 0.3)
    return f"{short[:head]}… ({len(text)} characters) …{short[-tail:]}"
