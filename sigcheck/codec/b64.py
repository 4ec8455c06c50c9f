"""``absl::Base64Unescape``, which TF Serving uses for ``{"b64": …}`` values (SPEC §6).

Standard alphabet (``+/``) only; ASCII whitespace is skipped; padding is optional, but when present it must be
exactly the right number of pad characters, and ``.`` counts as a pad character like ``=``; a single leftover
character is an error; the low bits of a partial group are ignored.  Ported from abseil's
``Base64UnescapeInternal`` (the four-characters-at-a-time loop, its ``GET_INPUT`` whitespace rule, then the
one-at-a-time tail), so the same inputs are accepted and rejected.
"""

from __future__ import annotations

import base64
import binascii
import re

BINARY_SUFFIX = "_bytes"
"""TF Serving's convention: a DT_STRING tensor whose name ends in ``_bytes`` holds binary data (sent and written as
``{"b64": …}``; an image input so named takes an encoded JPEG/PNG file)."""

_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_UNBASE64 = [-1] * 256
for _i, _c in enumerate(_ALPHABET):
    _UNBASE64[_c] = _i
_SPACE = frozenset(b" \t\n\v\f\r")
_PAD = (0x3D, 0x2E)  # '=' and '.'
_CANONICAL = re.compile(rb"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def unescape(src: bytes) -> bytes | None:
    """The decoded bytes, or None where absl's ``Base64Unescape`` returns false."""
    if _CANONICAL.fullmatch(src):
        try:
            return base64.b64decode(src, validate=True)
        except binascii.Error:  # pragma: no cover - the regex admits only valid input
            pass
    return _unescape_slow(src)


def _unescape_slow(src: bytes) -> bytes | None:
    n = len(src)
    pos = 0
    szsrc = n
    out = bytearray()
    state = 0
    temp = 0
    decode = 0
    ch = 0

    def get_input(remain: int) -> bool:
        """GET_INPUT: True when a data character was read (into decode), False when the loop must break."""
        nonlocal pos, szsrc, ch, decode, state
        while True:
            szsrc -= 1
            ch = src[pos]
            pos += 1
            decode = _UNBASE64[ch]
            if decode < 0:
                if ch in _SPACE and szsrc >= remain:
                    continue
                state = 4 - remain
                return False
            return True

    while szsrc >= 4:
        quad = src[pos:pos + 4]
        vals = [_UNBASE64[c] for c in quad]
        if any(v < 0 for v in vals):
            if not get_input(4):
                break
            temp = decode
            if not get_input(3):
                break
            temp = (temp << 6) | decode
            if not get_input(2):
                break
            temp = (temp << 6) | decode
            if not get_input(1):
                break
            temp = (temp << 6) | decode
        else:
            temp = (vals[0] << 18) | (vals[1] << 12) | (vals[2] << 6) | vals[3]
            szsrc -= 4
            pos += 4
        out += bytes(((temp >> 16) & 0xFF, (temp >> 8) & 0xFF, temp & 0xFF))
        temp = 0

    if decode < 0 and ch not in _PAD and ch not in _SPACE:
        return None

    if ch in _PAD and decode < 0:
        szsrc += 1
        pos -= 1
    else:
        while szsrc > 0:
            szsrc -= 1
            ch = src[pos]
            pos += 1
            decode = _UNBASE64[ch]
            if decode < 0:
                if ch in _SPACE:
                    continue
                if ch in _PAD:
                    szsrc += 1
                    pos -= 1
                    break
                return None
            temp = (temp << 6) | decode
            state += 1
            if state == 4:
                out += bytes(((temp >> 16) & 0xFF, (temp >> 8) & 0xFF, temp & 0xFF))
                state = 0
                temp = 0

    expected_equals = 0
    if state == 1:
        return None
    if state == 2:
        out.append((temp >> 4) & 0xFF)
        expected_equals = 2
    elif state == 3:
        out += bytes((((temp >> 2) >> 8) & 0xFF, (temp >> 2) & 0xFF))
        expected_equals = 1

    equals = 0
    while szsrc > 0:
        c = src[pos]
        if c in _PAD:
            equals += 1
        elif c not in _SPACE:
            return None
        szsrc -= 1
        pos += 1
    return bytes(out) if equals in (0, expected_equals) else None
