"""``<dbg(v)>``: how TF Serving prints a JSON value inside its error messages (SPEC §11.4).

TF Serving (2.18+) writes the value with rapidjson v1.1.0's ``PrettyWriter`` (4-space indent,
``kFormatSingleLineArray``) through a handler that refuses every event once the buffer holds 256 bytes or more.
Consequences, all reproduced here:

* objects span lines (``{\\n    "k": 1\\n}``), arrays stay on one line (``[1, 2]``);
* the output is cut after the first token that reaches 256 bytes, without closing brackets;
* a NaN or ±Inf stops the output right there (rapidjson's ``Writer::Double`` refuses them), after the separator
  before it was written: ``[1.0, `` — a bare NaN prints as the empty string;
* doubles are printed by rapidjson's Grisu2 + ``Prettify`` (``1e21``, ``1e-7``, ``0.000001``, ``100.0``, ``-0.0``),
  which is not Python's ``repr``;
* strings escape only ``"``, ``\\`` and control characters; other bytes are written raw.

The printer walks the DOM of :mod:`sigcheck.codec.rapidjson` without recursion.
"""

from __future__ import annotations

import math
import struct
from typing import Any

from .rapidjson import DupObject
from .response import json_string

LIMIT = 256

# ---------------------------------------------------------------------------------------------- Grisu2 (dtoa.h)

_M64 = (1 << 64) - 1
_HIDDEN = 1 << 52
_SIGNIFICAND_MASK = _HIDDEN - 1
_EXPONENT_BIAS = 0x3FF + 52
_MIN_EXPONENT = -_EXPONENT_BIAS

_CACHED_F = [
    0xFA8FD5A0081C0288, 0xBAAEE17FA23EBF76, 0x8B16FB203055AC76, 0xCF42894A5DCE35EA, 0x9A6BB0AA55653B2D,
    0xE61ACF033D1A45DF, 0xAB70FE17C79AC6CA, 0xFF77B1FCBEBCDC4F, 0xBE5691EF416BD60C, 0x8DD01FAD907FFC3C,
    0xD3515C2831559A83, 0x9D71AC8FADA6C9B5, 0xEA9C227723EE8BCB, 0xAECC49914078536D, 0x823C12795DB6CE57,
    0xC21094364DFB5637, 0x9096EA6F3848984F, 0xD77485CB25823AC7, 0xA086CFCD97BF97F4, 0xEF340A98172AACE5,
    0xB23867FB2A35B28E, 0x84C8D4DFD2C63F3B, 0xC5DD44271AD3CDBA, 0x936B9FCEBB25C996, 0xDBAC6C247D62A584,
    0xA3AB66580D5FDAF6, 0xF3E2F893DEC3F126, 0xB5B5ADA8AAFF80B8, 0x87625F056C7C4A8B, 0xC9BCFF6034C13053,
    0x964E858C91BA2655, 0xDFF9772470297EBD, 0xA6DFBD9FB8E5B88F, 0xF8A95FCF88747D94, 0xB94470938FA89BCF,
    0x8A08F0F8BF0F156B, 0xCDB02555653131B6, 0x993FE2C6D07B7FAC, 0xE45C10C42A2B3B06, 0xAA242499697392D3,
    0xFD87B5F28300CA0E, 0xBCE5086492111AEB, 0x8CBCCC096F5088CC, 0xD1B71758E219652C, 0x9C40000000000000,
    0xE8D4A51000000000, 0xAD78EBC5AC620000, 0x813F3978F8940984, 0xC097CE7BC90715B3, 0x8F7E32CE7BEA5C70,
    0xD5D238A4ABE98068, 0x9F4F2726179A2245, 0xED63A231D4C4FB27, 0xB0DE65388CC8ADA8, 0x83C7088E1AAB65DB,
    0xC45D1DF942711D9A, 0x924D692CA61BE758, 0xDA01EE641A708DEA, 0xA26DA3999AEF774A, 0xF209787BB47D6B85,
    0xB454E4A179DD1877, 0x865B86925B9BC5C2, 0xC83553C5C8965D3D, 0x952AB45CFA97A0B3, 0xDE469FBD99A05FE3,
    0xA59BC234DB398C25, 0xF6C69A72A3989F5C, 0xB7DCBF5354E9BECE, 0x88FCF317F22241E2, 0xCC20CE9BD35C78A5,
    0x98165AF37B2153DF, 0xE2A0B5DC971F303A, 0xA8D9D1535CE3B396, 0xFB9B7CD9A4A7443C, 0xBB764C4CA7A44410,
    0x8BAB8EEFB6409C1A, 0xD01FEF10A657842C, 0x9B10A4E5E9913129, 0xE7109BFBA19C0C9D, 0xAC2820D9623BF429,
    0x80444B5E7AA7CF85, 0xBF21E44003ACDD2D, 0x8E679C2F5E44FF8F, 0xD433179D9C8CB841, 0x9E19DB92B4E31BA9,
    0xEB96BF6EBADF77D9, 0xAF87023B9BF0EE6B,
]
_CACHED_E = [
    -1220, -1193, -1166, -1140, -1113, -1087, -1060, -1034, -1007, -980, -954, -927, -901, -874, -847, -821, -794,
    -768, -741, -715, -688, -661, -635, -608, -582, -555, -529, -502, -475, -449, -422, -396, -369, -343, -316,
    -289, -263, -236, -210, -183, -157, -130, -103, -77, -50, -24, 3, 30, 56, 83, 109, 136, 162, 189, 216, 242,
    269, 295, 322, 348, 375, 402, 428, 455, 481, 508, 534, 561, 588, 614, 641, 667, 694, 720, 747, 774, 800, 827,
    853, 880, 907, 933, 960, 986, 1013, 1039, 1066,
]
_POW10_32 = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000]


def _mul(f1: int, e1: int, f2: int, e2: int) -> tuple[int, int]:
    p = f1 * f2
    h = p >> 64
    if p & (1 << 63):
        h += 1
    return h & _M64, e1 + e2 + 64


def _normalize(f: int, e: int) -> tuple[int, int]:
    s = 64 - f.bit_length()
    return (f << s) & _M64, e - s


def _normalize_boundary(f: int, e: int) -> tuple[int, int]:
    while not f & (_HIDDEN << 1):
        f <<= 1
        e -= 1
    return (f << 9) & _M64, e - 9  # kDiySignificandSize - kDpSignificandSize - 2 = 9


def _cached_power(e: int) -> tuple[int, int, int]:
    dk = (-61 - e) * 0.30102999566398114 + 347
    k = int(dk)
    if dk - k > 0.0:
        k += 1
    index = (k >> 3) + 1
    big_k = -(-348 + (index << 3))
    return _CACHED_F[index], _CACHED_E[index], big_k


def _grisu_round(buf: list[int], delta: int, rest: int, ten_kappa: int, wp_w: int) -> None:
    while rest < wp_w and delta - rest >= ten_kappa and (
        rest + ten_kappa < wp_w or wp_w - rest > rest + ten_kappa - wp_w
    ):
        buf[-1] -= 1
        rest += ten_kappa


def _digit_gen(w_f: int, w_e: int, mp_f: int, mp_e: int, delta: int) -> tuple[list[int], int]:
    one_e = mp_e
    shift = -one_e
    one_f = 1 << shift
    wp_w = (mp_f - w_f) & _M64
    p1 = (mp_f >> shift) & 0xFFFFFFFF
    p2 = mp_f & (one_f - 1)
    kappa = len(str(p1)) if p1 < 100000000 else 9  # CountDecimalDigit32 (never 10 here)
    if p1 == 0:
        kappa = 1
    buf: list[int] = []
    k = 0
    while kappa > 0:
        div = _POW10_32[kappa - 1]
        d, p1 = divmod(p1, div)
        if d or buf:
            buf.append(d)
        kappa -= 1
        tmp = (p1 << shift) + p2
        if tmp <= delta:
            k += kappa
            _grisu_round(buf, delta, tmp, _POW10_32[kappa] << shift, wp_w)
            return buf, k
    while True:
        p2 = (p2 * 10) & _M64
        delta = (delta * 10) & _M64
        d = p2 >> shift
        if d or buf:
            buf.append(d)
        p2 &= one_f - 1
        kappa -= 1
        if p2 < delta:
            k += kappa
            index = -kappa
            _grisu_round(buf, delta, p2, one_f, (wp_w * (_POW10_32[index] if index < 9 else 0)) & _M64)
            return buf, k


def _grisu2(value: float) -> tuple[str, int]:
    bits = struct.unpack("<Q", struct.pack("<d", value))[0]
    biased_e = (bits >> 52) & 0x7FF
    significand = bits & _SIGNIFICAND_MASK
    if biased_e:
        f, e = significand + _HIDDEN, biased_e - _EXPONENT_BIAS
    else:
        f, e = significand, _MIN_EXPONENT + 1
    # NormalizedBoundaries
    pl_f, pl_e = _normalize_boundary((f << 1) + 1, e - 1)
    if f == _HIDDEN:
        mi_f, mi_e = (f << 2) - 1, e - 2
    else:
        mi_f, mi_e = (f << 1) - 1, e - 1
    mi_f = (mi_f << (mi_e - pl_e)) & _M64
    c_f, c_e, big_k = _cached_power(pl_e)
    nf, ne = _normalize(f, e)
    w_f, w_e = _mul(nf, ne, c_f, c_e)
    wp_f, wp_e = _mul(pl_f, pl_e, c_f, c_e)
    wm_f, _wm_e = _mul(mi_f, pl_e, c_f, c_e)
    wm_f += 1
    wp_f -= 1
    digits, k = _digit_gen(w_f, w_e, wp_f, wp_e, wp_f - wm_f)
    return "".join(chr(0x30 + d) for d in digits), big_k + k


def _write_exponent(k: int) -> str:
    return str(k)  # '-' then 1–3 digits, no padding: the same as WriteExponent


def _prettify(digits: str, k: int) -> str:
    length = len(digits)
    kk = length + k
    if 0 <= k and kk <= 21:
        return digits + "0" * (kk - length) + ".0"
    if 0 < kk <= 21:
        return digits[:kk] + "." + digits[kk:]
    if -6 < kk <= 0:
        return "0." + "0" * (-kk) + digits
    if kk < -324:
        return "0.0"
    if length == 1:
        return digits + "e" + _write_exponent(kk - 1)
    return digits[0] + "." + digits[1:] + "e" + _write_exponent(kk - 1)


def format_double(value: float) -> str:
    """A finite double as rapidjson v1.1.0 ``Writer::Double`` writes it (``internal::dtoa``)."""
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = ""
    if value < 0:
        sign, value = "-", -value
    digits, k = _grisu2(value)
    return sign + _prettify(digits, k)


# ---------------------------------------------------------------------------------------------- PrettyWriter

class _Stop(Exception):
    pass


def debug_string(value: Any, limit: int = LIMIT) -> str:
    """``JsonValueToString(v)`` of TF Serving 2.18+: the value as it appears in TF Serving's messages."""
    out: list[str] = []
    size = 0
    levels: list[list[Any]] = []  # [in_array, value_count]

    def put(text: str) -> None:
        nonlocal size
        out.append(text)
        size += len(text.encode("utf-8", "surrogateescape")) if not text.isascii() else len(text)

    def prefix() -> None:
        if not levels:
            return
        level = levels[-1]
        if level[0]:
            if level[1] > 0:
                put(", ")
        else:
            if level[1] > 0:
                if level[1] % 2 == 0:
                    put(",\n")
                else:
                    put(": ")
            else:
                put("\n")
            if level[1] % 2 == 0:
                put(" " * (4 * len(levels)))
        level[1] += 1

    def check() -> None:
        if size >= limit:
            raise _Stop

    # iterative Accept(): a stack of iterators over containers
    stack: list[tuple[bool, Any]] = []

    def emit(v: Any) -> None:
        """Write one value; containers are opened and their iterator pushed."""
        check()
        if v is None:
            prefix()
            put("null")
        elif v is True:
            prefix()
            put("true")
        elif v is False:
            prefix()
            put("false")
        elif type(v) is int:
            prefix()
            put(str(v))
        elif type(v) is float:
            prefix()
            if math.isnan(v) or math.isinf(v):
                raise _Stop
            put(format_double(v))
        elif type(v) is str:
            prefix()
            put(json_string(v))
        elif isinstance(v, dict):
            prefix()
            put("{")
            levels.append([False, 0])
            items = v.pairs if type(v) is DupObject else v.items()
            stack.append((False, iter(items)))
        else:
            prefix()
            put("[")
            levels.append([True, 0])
            stack.append((True, iter(v)))

    try:
        emit(value)
        while stack:
            is_array, it = stack[-1]
            nxt = next(it, _END)
            if nxt is _END:
                check()
                stack.pop()
                level = levels.pop()
                if is_array:
                    put("]")
                else:
                    if level[1]:
                        put("\n" + " " * (4 * len(levels)))
                    put("}")
                continue
            if is_array:
                emit(nxt)
            else:
                key, item = nxt
                check()
                prefix()
                put(json_string(key))
                emit(item)
    except _Stop:
        pass
    return "".join(out)


_END = object()
