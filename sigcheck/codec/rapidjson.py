"""TF Serving's JSON parser, faithfully: rapidjson v1.1.0 with
``kParseIterativeFlag | kParseNanAndInfFlag | kParseStopWhenDoneFlag`` over a ``MemoryStream`` (SPEC §1, §7, §18.8).

What this gives that Python's ``json`` does not:

* nothing after the root value is looked at (``{"instances":[1]} garbage`` parses); input ends at the first NUL;
* each of the bytes EF, BB, BF at the start is skipped on its own (error offsets still count them);
* ``NaN``, ``-NaN``, ``Inf``, ``-Inf``, ``Infinity``, ``-Infinity`` are doubles; ``Nan``/``nan``/``inf`` are errors;
* strings are not checked for UTF-8: raw bytes pass through (kept here as ``str`` decoded with ``surrogateescape``,
  so ``s.encode("utf-8", "surrogateescape")`` gives rapidjson's bytes back);
* duplicate keys parse; lookups take the **first** occurrence (:class:`DupObject` keeps every member in order);
* numbers are typed as rapidjson types them: a literal with ``.``/exponent, a NaN/Inf token, or an integer
  outside [-2^63, 2^64-1] is a double (``float``), every other integer literal an ``int``; doubles are computed
  in rapidjson's *normal* precision (not always correctly rounded), exactly as the C++ code does;
* the exact error messages (``en.h``) and byte offsets of the iterative parser.

The DOM is plain Python: dict (or :class:`DupObject`), list, str, int, float, bool, None.  It is built without
recursion, so any nesting depth parses.
"""

from __future__ import annotations

import gc
import math
import re
from typing import Any

# ---------------------------------------------------------------------------------------------- errors

DOCUMENT_EMPTY = "The document is empty."
VALUE_INVALID = "Invalid value."
OBJECT_MISS_NAME = "Missing a name for object member."
OBJECT_MISS_COLON = "Missing a colon after a name of object member."
OBJECT_MISS_COMMA = "Missing a comma or '}' after an object member."
ARRAY_MISS_COMMA = "Missing a comma or ']' after an array element."
STRING_BAD_HEX = "Incorrect hex digit after \\u escape in string."
STRING_BAD_SURROGATE = "The surrogate pair in string is invalid."
STRING_BAD_ESCAPE = "Invalid escape character in string."
STRING_MISS_QUOTE = "Missing a closing quotation mark in string."
NUMBER_TOO_BIG = "Number too big to be stored in double."
NUMBER_MISS_FRACTION = "Miss fraction part in number."
NUMBER_MISS_EXPONENT = "Miss exponent in number."


class JSONParseError(ValueError):
    """A rapidjson parse error: ``message`` is rapidjson's English text, ``offset`` the byte offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(f"{message} at offset: {offset}")
        self.message = message
        self.offset = offset


class DupObject(dict):
    """A JSON object with duplicate keys: the mapping holds the first value of each key (rapidjson's
    ``FindMember``), ``pairs`` every member in document order (what iteration over the object sees)."""

    __slots__ = ("pairs",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__()
        for k, v in pairs:
            if k not in self:
                self[k] = v
        self.pairs = pairs


def members(obj: dict) -> list[tuple[str, Any]] | Any:
    """Every member of a parsed object in document order (duplicates included)."""
    return obj.pairs if type(obj) is DupObject else obj.items()


def member_count(obj: dict) -> int:
    return len(obj.pairs) if type(obj) is DupObject else len(obj)


# ---------------------------------------------------------------------------------------------- numbers

_POW10 = [float(f"1e{k}") for k in range(309)]  # the compiler's literals 1e0 … 1e308, correctly rounded
_U64 = (1 << 64) - 1
_DIGITS = frozenset(b"0123456789")


def _fast_path(significand: float, exp: int) -> float:
    if exp < -308:
        return 0.0
    if exp >= 0:
        return significand * _POW10[exp]
    return significand / _POW10[-exp]


def strtod_normal_precision(d: float, p: int) -> float:
    """rapidjson ``internal::StrtodNormalPrecision``."""
    if p < -308:
        d = _fast_path(d, -308)
        return _fast_path(d, p + 308)
    return _fast_path(d, p)


def _u64_to_double(v: int) -> float:
    return float(v)  # Python rounds int → float to nearest, ties to even, as static_cast<double>(uint64_t)


def parse_number(buf: bytes, i: int, n: int) -> tuple[int | float, int]:
    """Port of ``GenericReader::ParseNumber`` (normal precision).  Returns (value, next offset)."""

    def peek(j: int) -> int:
        return buf[j] if j < n else 0

    start = i
    d = 0.0
    use_nan_inf = False
    minus = peek(i) == 0x2D
    if minus:
        i += 1
    u = 0
    i64 = 0
    use64 = False
    sig = 0
    c = peek(i)
    if c == 0x30:
        i += 1
    elif 0x31 <= c <= 0x39:
        u = c - 0x30
        i += 1
        limit, last = (214748364, 0x38) if minus else (429496729, 0x35)
        while peek(i) in _DIGITS:
            if u >= limit and (u != limit or peek(i) > last):
                i64 = u
                use64 = True
                break
            u = u * 10 + (buf[i] - 0x30)
            i += 1
            sig += 1
    elif c in (0x49, 0x4E):  # 'I' 'N'
        use_nan_inf = True

        def consume(ch: int) -> bool:
            nonlocal i
            if peek(i) == ch:
                i += 1
                return True
            return False

        if consume(0x4E) and consume(0x61) and consume(0x4E):
            d = float("nan")
        elif consume(0x49) and consume(0x6E) and consume(0x66):
            d = float("-inf") if minus else float("inf")
            if peek(i) == 0x69 and not (
                consume(0x69) and consume(0x6E) and consume(0x69) and consume(0x74) and consume(0x79)
            ):
                raise JSONParseError(VALUE_INVALID, i)
        else:
            raise JSONParseError(VALUE_INVALID, i)
    else:
        raise JSONParseError(VALUE_INVALID, i)

    use_double = False
    if use64:
        limit, last = (0x0CCCCCCCCCCCCCCC, 0x38) if minus else (0x1999999999999999, 0x35)
        while peek(i) in _DIGITS:
            if i64 >= limit and (i64 != limit or peek(i) > last):
                d = _u64_to_double(i64)
                use_double = True
                break
            i64 = i64 * 10 + (buf[i] - 0x30)
            i += 1
            sig += 1
    if use_double:
        while peek(i) in _DIGITS:
            if d >= 1.7976931348623157e307:
                raise JSONParseError(NUMBER_TOO_BIG, start)
            d = d * 10 + (buf[i] - 0x30)
            i += 1

    exp_frac = 0
    if peek(i) == 0x2E:
        i += 1
        if peek(i) not in _DIGITS:
            raise JSONParseError(NUMBER_MISS_FRACTION, i)
        if not use_double:
            if not use64:
                i64 = u
            while peek(i) in _DIGITS:
                if i64 > 0x1FFFFFFFFFFFFF:
                    break
                i64 = (i64 * 10 + (buf[i] - 0x30)) & _U64
                i += 1
                exp_frac -= 1
                if i64 != 0:
                    sig += 1
            d = _u64_to_double(i64)
            use_double = True
        while peek(i) in _DIGITS:
            if sig < 17:
                d = d * 10.0 + (buf[i] - 0x30)
                exp_frac -= 1
                if d > 0.0:
                    sig += 1
            i += 1

    exp = 0
    c = peek(i)
    if c in (0x65, 0x45):  # e E
        i += 1
        if not use_double:
            d = _u64_to_double(i64 if use64 else u)
            use_double = True
        exp_minus = False
        if peek(i) == 0x2B:
            i += 1
        elif peek(i) == 0x2D:
            i += 1
            exp_minus = True
        if peek(i) in _DIGITS:
            exp = buf[i] - 0x30
            i += 1
            if exp_minus:
                while peek(i) in _DIGITS:
                    exp = exp * 10 + (buf[i] - 0x30)
                    i += 1
                    if exp >= 214748364:
                        while peek(i) in _DIGITS:
                            i += 1
            else:
                max_exp = 308 - exp_frac
                while peek(i) in _DIGITS:
                    exp = exp * 10 + (buf[i] - 0x30)
                    i += 1
                    if exp > max_exp:
                        raise JSONParseError(NUMBER_TOO_BIG, start)
        else:
            raise JSONParseError(NUMBER_MISS_EXPONENT, i)
        if exp_minus:
            exp = -exp

    if use_double:
        d = strtod_normal_precision(d, exp + exp_frac)
        return (-d if minus else d), i
    if use_nan_inf:
        return d, i
    if use64:
        return (-i64 if minus else i64), i
    return (-u if minus else u), i


_SIMPLE_NUMBER = re.compile(rb"-?(?:0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([-+]?[0-9]+))?")
_MAX_SAFE = 0x1FFFFFFFFFFFFF  # 2^53 - 1: rapidjson stops collecting fraction digits in an integer above it
_TEN17 = 10**17


def token_value(tok: bytes) -> int | float:
    """rapidjson's value of one complete, grammatical number literal (``-?int(.frac)?(e[+-]?exp)?``).

    Shortcuts that are provably equal to the line-by-line port :func:`parse_number`:

    * an integer of at most 18 digits is exact;
    * a literal with at most 17 significant digits: rapidjson collects the digits into a 64-bit integer ``M``
      (stopping before the last fraction digit when the prefix already exceeds 2^53 - 1, in which case that digit
      is added in double arithmetic), converts it to double, then scales by ``10^p`` with one multiplication or
      division (``StrtodNormalPrecision``); the same operations in Python's IEEE doubles give the same bits.

    Everything else (more digits, huge exponents, big integers) runs :func:`parse_number`.
    """
    neg = tok[:1] == b"-"
    body = tok[1:] if neg else tok
    mant, e, expo = body.partition(b"e")
    if not e:
        mant, e, expo = body.partition(b"E")
    ipart, dot, frac = mant.partition(b".")
    if len(mant) > 40 or len(expo) > 9:  # (and Python's int() refuses strings of more than 4300 digits)
        return parse_number(tok, 0, len(tok))[0]
    if not dot and not e:
        if len(ipart) <= 18:
            return -int(ipart) if neg else int(ipart)
        return parse_number(tok, 0, len(tok))[0]
    m = int(ipart + frac)
    nf = len(frac)
    if m >= _TEN17 or len(ipart) > 17:
        return parse_number(tok, 0, len(tok))[0]
    p = -nf
    if e:
        x = int(expo)
        if x > 308 + nf or x < -100000:
            return parse_number(tok, 0, len(tok))[0]
        p += x
    if nf and m // 10 > _MAX_SAFE:
        d = float(m // 10) * 10.0 + (m % 10)
    else:
        d = float(m)
    d = strtod_normal_precision(d, p)
    return -d if neg else d


def number_at(buf: bytes, i: int, n: int) -> tuple[int | float, int]:
    """The number starting at ``i``: rapidjson's value and the offset after it."""
    m = _SIMPLE_NUMBER.match(buf, i, n)
    if m is not None:
        end = m.end()
        nxt = buf[end] if end < n else 0
        if nxt not in (0x2E, 0x65, 0x45):
            try:
                return token_value(buf[i:end]), end
            except JSONParseError as exc:  # offsets of a lone token start at 0
                raise JSONParseError(exc.message, exc.offset + i) from None
    return parse_number(buf, i, n)


# ---------------------------------------------------------------------------------------------- strings

_ESCAPE = {0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09}
_PLAIN_RUN = re.compile(rb'[^"\\\x00-\x1f]*')
_HEX = {c: int(chr(c), 16) for c in b"0123456789abcdefABCDEF"}


def _hex4(buf: bytes, i: int, n: int, escape_offset: int) -> tuple[int, int]:
    cp = 0
    for _ in range(4):
        c = buf[i] if i < n else 0
        v = _HEX.get(c)
        if v is None:
            raise JSONParseError(STRING_BAD_HEX, escape_offset)
        cp = (cp << 4) | v
        i += 1
    return cp, i


def string_at(buf: bytes, i: int, n: int) -> tuple[str, int]:
    """The string whose opening quote is at ``i`` (port of ``ParseStringToStream``); raw bytes are kept."""
    i += 1
    out = bytearray()
    while True:
        m = _PLAIN_RUN.match(buf, i, n)
        j = m.end()
        if j > i:
            out += buf[i:j]
            i = j
        c = buf[i] if i < n else 0
        if c == 0x22:
            return out.decode("utf-8", "surrogateescape"), i + 1
        if c == 0x5C:
            escape_offset = i
            i += 1
            e = buf[i] if i < n else 0
            if e in _ESCAPE:
                out.append(_ESCAPE[e])
                i += 1
            elif e == 0x75:  # u
                cp, i = _hex4(buf, i + 1, n, escape_offset)
                if 0xD800 <= cp <= 0xDBFF:
                    if not (i + 1 < n and buf[i] == 0x5C and buf[i + 1] == 0x75):
                        raise JSONParseError(STRING_BAD_SURROGATE, escape_offset)
                    cp2, i = _hex4(buf, i + 2, n, escape_offset)
                    if not 0xDC00 <= cp2 <= 0xDFFF:
                        raise JSONParseError(STRING_BAD_SURROGATE, escape_offset)
                    cp = (((cp - 0xD800) << 10) | (cp2 - 0xDC00)) + 0x10000
                out += chr(cp).encode("utf-8", "surrogatepass")
            else:
                raise JSONParseError(STRING_BAD_ESCAPE, escape_offset)
        elif c == 0 and i >= n:
            raise JSONParseError(STRING_MISS_QUOTE, i)
        else:  # a control character (NUL never occurs: input ends at the first NUL)
            raise JSONParseError(STRING_BAD_ESCAPE, i)


# ---------------------------------------------------------------------------------------------- the parser

# Iterative parsing states and tokens (reader.h).
(START, FINISH, ERROR, OBJ_INIT, MEMBER_KEY, KV_DELIM, MEMBER_VALUE, MEMBER_DELIM, OBJ_FINISH, ARR_INIT, ELEMENT,
 ELEM_DELIM, ARR_FINISH, VALUE) = range(14)
(T_LBRACKET, T_RBRACKET, T_LCURLY, T_RCURLY, T_COMMA, T_COLON, T_STRING, T_FALSE, T_TRUE, T_NULL,
 T_NUMBER) = range(11)

_TOKEN = [T_NUMBER] * 256
for _c, _t in ((b"[", T_LBRACKET), (b"]", T_RBRACKET), (b"{", T_LCURLY), (b"}", T_RCURLY), (b",", T_COMMA),
               (b":", T_COLON), (b'"', T_STRING), (b"f", T_FALSE), (b"t", T_TRUE), (b"n", T_NULL)):
    _TOKEN[_c[0]] = _t

_E = ERROR
_G = {
    START: [ARR_INIT, _E, OBJ_INIT, _E, _E, _E, VALUE, VALUE, VALUE, VALUE, VALUE],
    OBJ_INIT: [_E, _E, _E, OBJ_FINISH, _E, _E, MEMBER_KEY, _E, _E, _E, _E],
    MEMBER_KEY: [_E, _E, _E, _E, _E, KV_DELIM, _E, _E, _E, _E, _E],
    KV_DELIM: [ARR_INIT, _E, OBJ_INIT, _E, _E, _E] + [MEMBER_VALUE] * 5,
    MEMBER_VALUE: [_E, _E, _E, OBJ_FINISH, MEMBER_DELIM, _E, _E, _E, _E, _E, _E],
    MEMBER_DELIM: [_E, _E, _E, OBJ_FINISH, _E, _E, MEMBER_KEY, _E, _E, _E, _E],
    ARR_INIT: [ARR_INIT, ARR_FINISH, OBJ_INIT, _E, _E, _E] + [ELEMENT] * 5,
    ELEMENT: [_E, ARR_FINISH, _E, _E, ELEM_DELIM, _E, _E, _E, _E, _E, _E],
    ELEM_DELIM: [ARR_INIT, ARR_FINISH, OBJ_INIT, _E, _E, _E] + [ELEMENT] * 5,
}

_ERROR_FOR_STATE = {
    START: DOCUMENT_EMPTY,
    OBJ_INIT: OBJECT_MISS_NAME,
    MEMBER_DELIM: OBJECT_MISS_NAME,
    MEMBER_KEY: OBJECT_MISS_COLON,
    MEMBER_VALUE: OBJECT_MISS_COMMA,
    KV_DELIM: VALUE_INVALID,
    ARR_INIT: VALUE_INVALID,
    ELEM_DELIM: VALUE_INVALID,
    ELEMENT: ARRAY_MISS_COMMA,
}

_SKIP_WS = re.compile(rb"[ \n\r\t]*")
# An innermost array of plain numbers (no exponent, no NaN/Inf): "0.5, 1, -2.25]".  Taken in one step when every
# literal is short enough for float()/int() to equal rapidjson's value (see number_at()).
_PLAIN = rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?"
_FLAT_LIST = re.compile(
    rb"[ \n\r\t]*(" + _PLAIN + rb"(?:[ \n\r\t]*,[ \n\r\t]*" + _PLAIN + rb")*)[ \n\r\t]*\]"
)


def _flat_numbers(content: bytes) -> list | None:
    """The values of a comma-separated list of plain literals, or None when one needs the full port."""
    toks = content.replace(b",", b" ").split()
    if max(map(len, toks)) > 16:
        try:
            return list(map(token_value, toks))
        except JSONParseError:  # let the state machine report it with the right offset
            return None
    dots = content.count(b".")
    if dots == 0:
        return list(map(int, toks))
    if dots == len(toks):
        return list(map(float, toks))
    return [float(t) if b"." in t else int(t) for t in toks]


# A nested array holding nothing but numbers: taken in bulk (orjson for the bracket structure, which also checks
# the grammar of every literal; token_value() for each value).
_NUMERIC_REGION = re.compile(rb"[\[\]0-9.,eE+\- \n\r\t]*")
_TO_SPACE = bytes.maketrans(b"[],", b"   ")
_BULK_MIN = 64


def _bulk_array(buf: bytes, i: int, n: int) -> tuple[list, int] | None:
    """The numbers-only array whose ``[`` is at ``i`` and the offset after its ``]``, or None."""
    import numpy as np
    import orjson

    end = _NUMERIC_REGION.match(buf, i, n).end()
    if end - i < _BULK_MIN:
        return None
    region = np.frombuffer(buf, dtype=np.uint8, count=end - i, offset=i)
    depth = np.cumsum((region == 0x5B).astype(np.int32) - (region == 0x5D))
    closed = np.flatnonzero(depth == 0)
    if closed.size == 0:
        return None
    stop = i + int(closed[0]) + 1
    sub = buf[i:stop]
    try:
        skeleton = orjson.loads(sub)
    except orjson.JSONDecodeError:
        return None
    toks = sub.translate(_TO_SPACE).split()
    if not toks or (max(map(len, toks)) <= 16 and b"e" not in sub and b"E" not in sub):
        # every literal has at most 15 significant digits and no exponent: orjson's values are rapidjson's
        return skeleton, stop
    values = token_values(toks, exponent=b"e" in sub or b"E" in sub)
    shape = []
    x: Any = skeleton
    while type(x) is list:
        shape.append(len(x))
        if not x:
            break
        x = x[0]
    try:
        regular = np.asarray(skeleton, dtype=object).shape == tuple(shape)
    except ValueError:
        regular = False
    if regular and len(values) == math.prod(shape):
        kinds = {type(v) for v in values}
        arr = np.array(values, dtype=float if kinds == {float} else object)
        return arr.reshape(shape).tolist(), stop
    return _refill(skeleton, values), stop


_POW10_ARRAY = None


def token_values(toks: list[bytes], *, exponent: bool = True) -> list[int | float]:
    """:func:`token_value` of many grammatical literals, vectorised for literals without an exponent and with at
    most 17 significant digits (the same double operations, done by numpy); the rest one by one."""
    import numpy as np

    global _POW10_ARRAY
    if len(toks) < 64:
        return list(map(token_value, toks))
    if _POW10_ARRAY is None:
        _POW10_ARRAY = np.array(_POW10)
    from itertools import repeat

    toks = list(toks)
    lengths = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
    special_mask = lengths > 19  # |mantissa| < 10^18 keeps the vectorised integers inside int64
    if exponent:  # literals with an exponent go one by one
        for letter in (b"e", b"E"):
            special_mask |= np.fromiter(map(bytes.find, toks, repeat(letter)), dtype=np.int64, count=len(toks)) >= 0
    special = np.flatnonzero(special_mask).tolist()
    originals = {k: toks[k] for k in special}
    for k in special:
        toks[k] = b"0"
    dots = np.fromiter(map(bytes.find, toks, repeat(b".")), dtype=np.int64, count=len(toks))
    lengths = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
    nf = np.where(dots >= 0, lengths - dots - 1, 0)
    digits = [t.replace(b".", b"") for t in toks] if (dots >= 0).any() else toks
    m = np.fromiter(map(int, digits), dtype=np.int64, count=len(toks))
    neg = np.fromiter(map(bytes.startswith, toks, repeat(b"-")), dtype=bool, count=len(toks))
    mag = np.abs(m)
    is_float = dots >= 0
    plain = is_float & (mag < _TEN17)
    big = plain & (mag // 10 > _MAX_SAFE)
    d = mag.astype(np.float64)
    d[big] = (mag[big] // 10).astype(np.float64) * 10.0 + (mag[big] % 10)
    d = d / _POW10_ARRAY[nf]
    d = np.where(neg, -d, d)
    if not special and is_float.all() and plain.all():
        return d.tolist()
    out: list[int | float] = d.tolist()
    for k in np.flatnonzero(~plain).tolist():
        out[k] = token_value(toks[k])
    for k in special:
        out[k] = token_value(originals[k])
    return out


def _refill(skeleton: list, values: list) -> list:
    """``skeleton`` (nested lists) with its leaves replaced, in order, by ``values``; no recursion."""
    k = 0
    out: list = []
    stack: list[tuple[list, list, int]] = [(skeleton, out, 0)]
    while stack:
        src, dst, j = stack.pop()
        while j < len(src):
            x = src[j]
            if type(x) is list:
                child: list = []
                dst.append(child)
                stack.append((src, dst, j + 1))
                src, dst, j = x, child, 0
                continue
            if j == 0 and not any(type(y) is list for y in src):
                dst.extend(values[k:k + len(src)])
                k += len(src)
                break
            dst.append(values[k])
            k += 1
            j += 1
    return out


def _scalar(buf: bytes, i: int, n: int) -> tuple[Any, int]:
    """``ParseValue`` for a non-compound value."""
    c = buf[i]
    if c == 0x22:
        return string_at(buf, i, n)
    if c == 0x6E:  # null
        if buf[i + 1:i + 4] == b"ull":
            return None, i + 4
        raise JSONParseError(VALUE_INVALID, _literal_fail(buf, i, n, b"null"))
    if c == 0x74:
        if buf[i + 1:i + 4] == b"rue":
            return True, i + 4
        raise JSONParseError(VALUE_INVALID, _literal_fail(buf, i, n, b"true"))
    if c == 0x66:
        if buf[i + 1:i + 5] == b"alse":
            return False, i + 5
        raise JSONParseError(VALUE_INVALID, _literal_fail(buf, i, n, b"false"))
    return number_at(buf, i, n)


def _literal_fail(buf: bytes, i: int, n: int, word: bytes) -> int:
    j = 1
    while j < len(word) and i + j < n and buf[i + j] == word[j]:
        j += 1
    return i + j


def body_start(buf: bytes) -> int:
    """The offset after the BOM bytes rapidjson's ``EncodedInputStream<UTF8<>, MemoryStream>`` skips."""
    i = 0
    for b in (0xEF, 0xBB, 0xBF):
        if i < len(buf) and buf[i] == b:
            i += 1
    return i


def loads(data: bytes, *, end: list[int] | None = None) -> Any:
    """Parse ``data`` as TF Serving does; raises :class:`JSONParseError` (message and offset as rapidjson).

    ``end``: a list that receives the offset just after the root value (what follows is ignored)."""
    enabled = gc.isenabled()
    gc.disable()  # building many containers: the cyclic GC would rescan them again and again
    try:
        return _loads(bytes(data), end)
    finally:
        if enabled:
            gc.enable()


def _loads(buf: bytes, end: list[int] | None = None) -> Any:
    n = buf.find(b"\x00")
    if n < 0:
        n = len(buf)
    i = _SKIP_WS.match(buf, body_start(buf), n).end()
    state = START
    # frames: [container, return_state, pending_key]; objects collect (key, value) pairs in a list
    stack: list[list[Any]] = []
    root: Any = None
    no_bulk_before = 0
    # stack entries: [container(list), is_object, pending_key, return_state]
    while i < n:
        c = buf[i]
        token = _TOKEN[c]
        row = _G.get(state)
        nxt = ERROR if row is None else row[token]
        if nxt == ERROR:
            raise JSONParseError(_ERROR_FOR_STATE.get(state, VALUE_INVALID), i)
        if nxt == ARR_INIT and i >= no_bulk_before:
            bulk = _bulk_array(buf, i, n)
            if bulk is None:
                no_bulk_before = _NUMERIC_REGION.match(buf, i, n).end()
            else:
                value, i = bulk
                if not stack:
                    root = value
                    state = FINISH
                    if end is not None:
                        end.append(i)
                    break
                frame = stack[-1]
                if frame[1]:
                    frame[0].append((frame[2], value))
                    state = MEMBER_VALUE
                else:
                    frame[0].append(value)
                    state = ELEMENT
                i = _SKIP_WS.match(buf, i, n).end()
                continue
        if nxt == OBJ_INIT or nxt == ARR_INIT:
            ret = state
            if state in (ARR_INIT, ELEM_DELIM):
                ret = ELEMENT
            elif state == KV_DELIM:
                ret = MEMBER_VALUE
            stack.append([[], nxt == OBJ_INIT, None, ret])
            i += 1
            state = nxt
            while nxt == ARR_INIT and i < n and buf[i] == 0x5B and i < no_bulk_before:  # a run of "[["
                stack.append([[], False, None, ELEMENT])
                i += 1
            if nxt == ARR_INIT:
                m = _FLAT_LIST.match(buf, i, n)
                if m is not None:
                    values = _flat_numbers(m.group(1))
                    if values is not None:
                        stack[-1][0].extend(values)
                        i = m.end() - 1  # the ']': the state machine closes the array
                        state = ELEMENT
        elif nxt == MEMBER_KEY:
            key, i = string_at(buf, i, n)
            stack[-1][2] = key
            state = MEMBER_KEY
        elif nxt == KV_DELIM or nxt == MEMBER_DELIM or nxt == ELEM_DELIM:
            i += 1
            state = nxt
        elif nxt == MEMBER_VALUE or nxt == ELEMENT or nxt == VALUE:
            value, i = _scalar(buf, i, n)
            frame = stack[-1] if stack else None
            if frame is None:
                root = value
                state = FINISH
                if end is not None:
                    end.append(i)
                break
            if frame[1]:
                frame[0].append((frame[2], value))
            else:
                frame[0].append(value)
            state = nxt
        else:  # OBJ_FINISH / ARR_FINISH
            if nxt == OBJ_FINISH and state == MEMBER_DELIM:
                raise JSONParseError(OBJECT_MISS_NAME, i)
            if nxt == ARR_FINISH and state == ELEM_DELIM:
                raise JSONParseError(VALUE_INVALID, i)
            items, is_object, _key, ret = stack.pop()
            if is_object:
                value = dict(items)
                if len(value) != len(items):
                    value = DupObject(items)
            else:
                value = items
            i += 1
            # a run of "]]": each closes the array around the one just closed
            while not is_object and i < n and buf[i] == 0x5D and stack and not stack[-1][1]:
                stack[-1][0].append(value)
                value, _, _key, ret = stack.pop()
                i += 1
            if not stack:
                root = value
                state = FINISH
                if end is not None:
                    end.append(i)
                break
            frame = stack[-1]
            if frame[1]:
                frame[0].append((frame[2], value))
            else:
                frame[0].append(value)
            state = ret
        i = _SKIP_WS.match(buf, i, n).end()
    if state != FINISH:
        raise JSONParseError(_ERROR_FOR_STATE.get(state, ARRAY_MISS_COMMA), i)
    return root
