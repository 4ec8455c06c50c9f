"""Output tensors → the response body TF Serving's REST API writes for ``:predict`` (SPEC §11), byte for byte.

TF Serving (``json_tensor.cc``, ``MakeJsonFromTensors``) writes through rapidjson's ``PrettyWriter`` with a
4-space indent:

* row requests answer ``{"predictions": …}``: the list and (with several outputs) each per-item object are in
  the default pretty mode, but every item's values are written in single-line-array mode (``[1, 2]``);
* columnar requests answer ``{"outputs": …}`` in the default mode: every array element on its own line;
* ``{"b64": …}`` objects (string outputs whose name ends in ``_bytes``) are always written over several lines.

Floats are formatted as ``absl::StrCat`` does (``%g``, 6 significant digits); when that does not read back as the
same float/double, ``%.9g``/``%.17g``; ``.0`` is appended when the text has neither ``.`` nor ``e``; non-finite
values are the bare tokens ``NaN``, ``Infinity``, ``-Infinity`` (not strict JSON; Python's ``json`` reads them).

Strings are copied byte for byte (rapidjson escapes only ``"``, ``\\`` and control characters), so the body can
hold bytes that are not UTF-8; :func:`write_response` returns text decoded with ``surrogateescape``:
``body.encode("utf-8", "surrogateescape")`` gives TF Serving's exact bytes.

Output order: TF Serving iterates a protobuf Map, whose order is unspecified; sigcheck writes the outputs in the
order of the mapping it is given (``sigcheck predict`` passes them sorted by output name).

No TensorFlow here: the tensors are numpy arrays.
"""

from __future__ import annotations

import base64
import math
import re
import struct
from fractions import Fraction
from typing import Any, Mapping, Sequence

import numpy as np

from .b64 import BINARY_SUFFIX
from .dtypes import dtype as dtype_entry

ROW = "row"
COLUMNAR = "columnar"

INVALID_ARGUMENT = "INVALID_ARGUMENT"

# absl::StatusCode → HTTP status, as TF Serving's REST handler maps them (SPEC §12).
HTTP_STATUS = {
    "OK": 200,
    "CANCELLED": 499,
    "UNKNOWN": 500,
    "INVALID_ARGUMENT": 400,
    "DEADLINE_EXCEEDED": 504,
    "NOT_FOUND": 404,
    "ALREADY_EXISTS": 409,
    "PERMISSION_DENIED": 403,
    "RESOURCE_EXHAUSTED": 429,
    "FAILED_PRECONDITION": 400,
    "ABORTED": 409,
    "OUT_OF_RANGE": 400,
    "UNIMPLEMENTED": 501,
    "INTERNAL": 500,
    "UNAVAILABLE": 503,
    "DATA_LOSS": 500,
    "UNAUTHENTICATED": 401,
}

# Messages of the response-time errors (SPEC §14).
E29_EMPTY = "Cannot convert empty tensor map to JSON"
E30_FORMAT = "Invalid request format"


def e31_no_shape(name: str) -> str:
    return f"Tensor name: {name} has no shape information "  # the trailing space is TF Serving's


def e32_batch(name: str, cur: int, expected: int) -> str:
    return f"Tensor name: {name} has inconsistent batch size: {cur} expecting: {expected}"


def e33_dtype(tf_name: str) -> str:
    return f"Failed to write JSON value for tensor type: {tf_name}"


class _WriteError(Exception):
    """A response-time error; carries TF Serving's message."""


def http_status(status_code: str) -> int:
    """The HTTP status TF Serving answers for an ``absl::StatusCode`` name (500 for an unknown name)."""
    return HTTP_STATUS.get(status_code, 500)


# --- scalars -------------------------------------------------------------------------------------------------

_ESCAPES = {i: "\\u%04X" % i for i in range(0x20)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})


def json_string(value: bytes | str) -> str:
    """A JSON string token as rapidjson writes it: ``"`` ``\\`` and control characters escaped, other bytes raw.

    Bytes that are not UTF-8 come back as surrogate escapes (encode with ``surrogateescape`` to get them back).
    """
    text = value.decode("utf-8", "surrogateescape") if isinstance(value, (bytes, bytearray)) else value
    return '"' + text.translate(_ESCAPES) + '"'


def error_body(message: str) -> str:
    """TF Serving's error body: ``{\\n    "error": "<message>"\\n}`` (``MakeJsonFromStatus``)."""
    return '{\n    "error": ' + json_string(message) + "\n}"


def _nearest_float32(token: str) -> np.float32:
    """The float32 nearest to the decimal ``token`` (ties to even), without going through a double."""
    exact = Fraction(token)
    near = np.float32(float(exact))
    step = np.nextafter(near, np.float32(np.inf) if Fraction(float(near)) < exact else np.float32(-np.inf))
    d_near, d_step = abs(Fraction(float(near)) - exact), abs(Fraction(float(step)) - exact)
    if d_step < d_near or (d_step == d_near and int(step.view(np.uint32)) % 2 == 0):
        return step
    return near


_FLOAT32 = struct.Struct("f")
_FLOAT32_TINY = 2.0**-126


def _to_float32(value: float) -> float:
    """``value`` rounded to float32 (to nearest, ties to even), as a Python float."""
    return _FLOAT32.unpack(_FLOAT32.pack(value))[0]


def _float_token(value: float, single: bool) -> str:
    """One float's token as ``WriteDecimal`` writes it, element by element: the reference for the fast path.

    ``%g``; when that text does not read back (``absl::SimpleAtof``/``SimpleAtod``: straight to float/double,
    correctly rounded) as the same value, ``%.9g``/``%.17g``; ``.0`` appended when there is neither ``.`` nor
    ``e``; ``NaN``/``Infinity``/``-Infinity`` for the non-finite.
    """
    if value != value:
        return "NaN"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    text = "%g" % value
    if single:
        parsed = float(text)
        back = _to_float32(parsed)
        # Parsed straight to float, a decimal can round differently than through a double when that double is a
        # float32 midpoint (25 significant bits; below float32's smallest normal, a multiple of 2**-150): settle
        # those exactly.
        if back != parsed and ((math.frexp(parsed)[0] * 33554432.0).is_integer()
                               or (abs(parsed) < _FLOAT32_TINY and (parsed * 2.0**150).is_integer())):
            back = float(_nearest_float32(text))
        same = back == value
    else:
        same = float(text) == value
    if not same:
        text = ("%.9g" if single else "%.17g") % value
    return text if "." in text or "e" in text else text + ".0"


# x·10**k for k in [-22, 22] as x * _MUL[k + 22] / _DIV[k + 22]: one factor is 1, the other a power of ten a
# double holds exactly, so the product is a single correctly rounded operation.
_MUL = np.array([1.0] * 22 + [float(10**i) for i in range(23)])
_DIV = np.array([float(10**(22 - j)) for j in range(22)] + [1.0] * 23)
_LOW29 = np.uint64((1 << 29) - 1)
_MIDPOINT = np.uint64(1 << 28)
# Per-element format: index 2·six + point, 4 for an element formatted by _float_token (passed as text).
_SPECS = {True: np.array(["%.9g", "%.9g.0", "%g", "%g.0", "%s"], dtype=object),
          False: np.array(["%.17g", "%.17g.0", "%g", "%g.0", "%s"], dtype=object)}
# A token without '.' or 'e' (so '.0' is appended): an integer below 1e9 (float32, %.9g), 1e17 (double, %.17g)
# or, for %g, 1e6; indexed by six.
_POINT_BELOW = {True: np.array([1e9, 1e6]), False: np.array([1e17, 1e6])}
_LOW, _HIGH, _1E5, _1E6 = np.float64(1e-16), np.float64(1e26), np.float64(1e5), np.float64(1e6)
_K_PLUS_22, _NOT_TIE = np.float64(27.0), np.float64(0.5 - 1e-9)
_VECTOR_FROM = 16


def _float_tokens(flat: np.ndarray, single: bool) -> list[str]:
    """Tokens for a 1-D float32 (``single``) or float64 array, equal to :func:`_float_token` element by element.

    Whether ``%g`` (6 significant digits) reads back as the same value is decided for the whole array at once,
    without formatting or parsing: with ``k`` such that ``|x|·10**k`` lies in [1e5, 1e6), the 6-digit decimal is
    ``rint(|x|·10**k)·10**-k``; for ``|k| <= 22`` each step is one correctly rounded double operation on exact
    operands, so the double obtained is what ``strtod`` reads from the ``%g`` text (a float32 rounds that double
    once more, which is exact unless it lies on a float32 midpoint).  Whether the text needs ``.0`` follows from
    the value too: a ``%g`` text has neither ``.`` nor ``e`` exactly when its value is an integer below 1e6, a
    float32's ``%.9g`` when the float is an integer below 1e9, a double's ``%.17g`` below 1e17.  Elements
    outside 1e-16 <= |x| <= 1e26, zeros, non-finite values, products within 1e-9 of a rounding tie and float32
    midpoints take :func:`_float_token`.  Then the whole array is formatted by one ``%`` operation.
    """
    n = flat.size
    if n < _VECTOR_FROM:  # a few values: numpy's per-call cost would exceed the per-element rule's
        return [_float_token(v, single) for v in flat.tolist()]
    wide = flat.astype(np.float64)  # float32 widens exactly
    ax = np.abs(wide)
    safe = np.fmin(np.fmax(ax, _LOW), _HIGH)  # fmax/fmin turn NaN into the bound
    good = safe == ax  # False for 0, NaN, ±Inf and what the bounds moved
    index = (_K_PLUS_22 - np.floor(np.log10(safe))).astype(np.intp)  # k + 22 with k = 5 - floor(log10|x|)
    mul, div = _MUL.take(index), _DIV.take(index)
    q = safe * mul / div
    r = np.rint(q)
    good &= (q >= _1E5) & (q < _1E6) & (np.abs(q - r) < _NOT_TIE)
    near = r / mul * div  # the double nearest the 6-digit decimal: what strtod reads from the %g text
    if single:
        six = near.astype(np.float32).astype(np.float64) == safe
        good &= (near.view(np.uint64) & _LOW29) != _MIDPOINT  # not on a float32 midpoint (all normal here)
    else:
        six = near == safe
    six8 = six.view(np.uint8)
    point = (safe == np.floor(safe)) & (safe < _POINT_BELOW[single].take(six8))
    code = six8 + six8 + point.view(np.uint8)
    values = wide.tolist()
    rest = np.flatnonzero(~good)
    if rest.size:
        code[rest] = 4
        for i in rest.tolist():
            values[i] = _float_token(values[i], single)
    template = "\x00".join(_SPECS[single].take(code).tolist())
    return (template % tuple(values)).split("\x00")


def format_float(value: float, dtype: str = "DT_FLOAT") -> str:
    """One float as TF Serving writes it (``DT_FLOAT`` or ``DT_DOUBLE``)."""
    single = dtype == "DT_FLOAT"
    return _float_tokens(np.array([value], dtype=np.float32 if single else np.float64), single)[0]


def _b64_token(raw: bytes, depth: int) -> str:
    """A ``{"b64": …}`` object opened with ``depth`` levels already open: always multi-line."""
    return ("{\n" + " " * (4 * (depth + 1)) + '"b64": "' + base64.b64encode(raw).decode("ascii") + '"\n'
            + " " * (4 * depth) + "}")


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, np.bytes_):
        return bytes(value)
    raise _WriteError("Failed to write JSON value for tensor type: string")


_BOOL_TOKENS = np.array(["false", "true"], dtype=object)


def _float_outputs(outputs: list[tuple[str, np.ndarray, str]]) -> dict[int, list[str]]:
    """The tokens of every DT_FLOAT and DT_DOUBLE output (by position), all outputs of a dtype formatted at once."""
    found: dict[int, list[str]] = {}
    for dt, kind in (("DT_FLOAT", np.float32), ("DT_DOUBLE", np.float64)):
        picked = [(i, array.reshape(-1)) for i, (_, array, d) in enumerate(outputs) if d == dt and array.size]
        if not picked:
            continue
        if len(picked) == 1:
            flat = picked[0][1].astype(kind, copy=False)
        else:
            flat = np.concatenate([values.astype(kind, copy=False) for _, values in picked])
        tokens = _float_tokens(flat, kind is np.float32)
        start = 0
        for i, values in picked:
            found[i] = tokens[start:start + values.size]
            start += values.size
    return found


def _leaf_values(array: np.ndarray, dt: str, as_b64: bool, leaf_depth: int,
                 floats: list[str] | None = None) -> tuple[str, list]:
    """``(slot, values)``: every element of ``array`` (C order) is written as ``slot % value``.

    ``floats``: the tokens of a float array, already formatted (:func:`_float_outputs`).  Raises
    :class:`_WriteError` for a dtype REST cannot write (when there is an element to write).
    """
    if floats is not None:
        return "%s", floats
    flat = array.reshape(-1)
    if flat.size == 0:
        return "%s", []
    if dt == "DT_FLOAT":
        return "%s", _float_tokens(flat.astype(np.float32, copy=False), True)
    if dt == "DT_DOUBLE":
        return "%s", _float_tokens(flat.astype(np.float64, copy=False), False)
    if dt == "DT_BOOL":
        return "%s", _BOOL_TOKENS[flat.astype(bool, copy=False).view(np.uint8)].tolist()
    if dt == "DT_STRING":
        items = [_as_bytes(v) for v in flat.tolist()]
        if as_b64:
            return "%s", [_b64_token(b, leaf_depth) for b in items]
        return "%s", [json_string(b) for b in items]
    entry = dtype_entry(dt)
    if entry.is_integer:
        if flat.dtype.kind not in "iu":
            return "%s", [str(int(v)) for v in flat.tolist()]
        return "%d", flat.tolist()
    raise _WriteError(e33_dtype(entry.tf_name))


# --- layout --------------------------------------------------------------------------------------------------
#
# A tensor's text is built as one %-template (brackets, separators and indents, one slot per element), filled
# with the element tokens in a single % operation: no Python work per array or per element for the layout.


def _layout(shape: Sequence[int], depth: int, slot: str, pretty: bool) -> str:
    """The template of an array of ``shape`` opened with ``depth`` levels already open.

    ``pretty``: rapidjson's default mode (every element on its own line); otherwise single-line mode (``[1, 2]``).
    """
    text = slot
    for axis in range(len(shape) - 1, -1, -1):
        n = shape[axis]
        if n == 0:
            text = "[]"
        elif pretty:
            indent = "\n" + " " * (4 * (depth + axis + 1))
            text = "[" + indent + ("," + indent).join([text] * n) + "\n" + " " * (4 * (depth + axis)) + "]"
        else:
            text = "[" + ", ".join([text] * n) + "]"
    return text


def _key(name: str) -> str:
    """An object key as a template piece (``%`` doubled)."""
    return json_string(name).replace("%", "%%")


def _dtype_of(name: str, array: np.ndarray, dtypes: Mapping[str, str]) -> str:
    given = dtypes.get(name)
    if given:
        return given.removesuffix("_REF")
    kind = array.dtype
    if kind == np.float32:
        return "DT_FLOAT"
    if kind == np.float64:
        return "DT_DOUBLE"
    if kind == np.bool_:
        return "DT_BOOL"
    if kind.kind in ("O", "S", "U"):
        return "DT_STRING"
    table = {"int8": "DT_INT8", "int16": "DT_INT16", "int32": "DT_INT32", "int64": "DT_INT64",
             "uint8": "DT_UINT8", "uint16": "DT_UINT16", "uint32": "DT_UINT32", "uint64": "DT_UINT64",
             "float16": "DT_HALF", "complex64": "DT_COMPLEX64", "complex128": "DT_COMPLEX128"}
    return table.get(kind.name, "DT_INVALID")


def _row(outputs: list[tuple[str, np.ndarray, str]]) -> str:
    batch = -1
    for name, array, _ in outputs:
        if array.ndim == 0:
            raise _WriteError(e31_no_shape(name))
        cur = int(array.shape[0])
        if batch >= 0 and cur != batch:
            raise _WriteError(e32_batch(name, cur, batch))
        batch = cur
    if batch == 0:
        return '{\n    "predictions": []\n}'
    # Items are the sub-tensors along axis 0, written in single-line mode; each item's own arrays start at
    # depth + 1 (one output: the list is at depth 2; several: each item is an object one level deeper).
    depth = 2 if len(outputs) == 1 else 3
    parts = []  # (item template, values, values per item), in output order
    floats = _float_outputs(outputs)
    for position, (name, array, dt) in enumerate(outputs):
        shape = tuple(int(d) for d in array.shape)
        # TF Serving writes item by item, so a dtype error surfaces when the first value of a tensor is written:
        # output order, as here (items with no values never reach it; floats never fail).
        slot, values = _leaf_values(array, dt, _is_bytes(name, dt), depth + len(shape) - 1, floats.get(position))
        parts.append((name, _layout(shape[1:], depth, slot, False), values, len(values) // batch))
    if len(parts) == 1:
        _, item, values, _ = parts[0]
        template = '{\n    "predictions": [' + ", ".join([item] * batch) + "\n    ]\n}"
        return template % tuple(values)
    # Several outputs: each item is an object on its own line; its keys on their own lines; values single-line.
    obj = "{\n" + ",\n".join(" " * 12 + _key(name) + ": " + item for name, item, _, _ in parts) + "\n        }"
    template = '{\n    "predictions": [\n        ' + ",\n        ".join([obj] * batch) + "\n    ]\n}"
    width = sum(per for _, _, _, per in parts)
    table = np.empty((batch, width), dtype=object)  # the values in writing order: item by item, output by output
    column = 0
    for _, _, values, per in parts:
        if per:
            block = np.empty(len(values), dtype=object)
            block[:] = values
            table[:, column:column + per] = block.reshape(batch, per)
            column += per
    return template % tuple(table.ravel().tolist())


def _columnar(outputs: list[tuple[str, np.ndarray, str]]) -> str:
    depth = 1 if len(outputs) == 1 else 2
    pieces, values = [], []
    floats = _float_outputs(outputs)
    for position, (name, array, dt) in enumerate(outputs):
        shape = tuple(int(d) for d in array.shape)
        slot, vals = _leaf_values(array, dt, _is_bytes(name, dt), depth + len(shape), floats.get(position))
        pieces.append((name, _layout(shape, depth, slot, True)))
        values.extend(vals)
    if len(pieces) == 1:
        template = '{\n    "outputs": ' + pieces[0][1] + "\n}"
    else:
        members = ",\n".join(" " * 8 + _key(name) + ": " + text for name, text in pieces)
        template = '{\n    "outputs": {\n' + members + "\n    }\n}"
    return template % tuple(values)


def _is_bytes(name: str, dt: str) -> bool:
    return dt == "DT_STRING" and name.endswith(BINARY_SUFFIX)


def write_response(outputs: Mapping[str, np.ndarray], fmt: str, dtypes: Mapping[str, str]) -> tuple[int, str]:
    """The HTTP status and exact body TF Serving answers for these output tensors (SPEC §11).

    ``outputs`` maps output alias → numpy array (object arrays of ``bytes`` for DT_STRING), in the order to write;
    ``fmt`` is the request's format (``row`` → ``predictions``, ``columnar`` → ``outputs``); ``dtypes`` maps alias →
    TensorFlow dtype enum name (``DT_FLOAT``); an alias missing from it takes the array's numpy dtype.

    Response-time errors come back as ``(400, '{"error": …}')`` with TF Serving's message: no outputs (E29), a
    rank-0 output or outputs disagreeing on batch size in row format (E31, E32), a dtype REST cannot write (E33).
    """
    if not outputs:
        return 400, error_body(E29_EMPTY)
    if fmt not in (ROW, COLUMNAR):
        return 400, error_body(E30_FORMAT)
    items = []
    for name, value in outputs.items():
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        items.append((name, array, _dtype_of(name, array, dtypes)))
    try:
        body = _row(items) if fmt == ROW else _columnar(items)
    except _WriteError as exc:
        return 400, error_body(str(exc))
    return 200, body


def response_bytes(body: str) -> bytes:
    """The body exactly as TF Serving sends it (undoes the ``surrogateescape`` of non-UTF-8 string bytes)."""
    return body.encode("utf-8", "surrogateescape")


_NON_FINITE = re.compile(r'"(?:[^"\\]|\\.)*"|-?Infinity|NaN')


def strict_json(body: str) -> str | None:
    """``body`` with its ``NaN``/``Infinity``/``-Infinity`` tokens written as the strings ``"NaN"``,
    ``"Infinity"``, ``"-Infinity"`` (protobuf's JSON mapping for non-finite floats), so that strict JSON parsers
    read it; None when the body has no such token (it is strict JSON already).  Strings are left as they are."""
    if "NaN" not in body and "Infinity" not in body:
        return None
    changed = False

    def quote(m: re.Match[str]) -> str:
        nonlocal changed
        token = m.group(0)
        if token.startswith('"'):
            return token
        changed = True
        return '"' + token + '"'

    text = _NON_FINITE.sub(quote, body)
    return text if changed else None


def parse_response(body: str) -> Any:
    """Parse a TF Serving response body (accepts the ``NaN``/``Infinity`` tokens TF Serving writes)."""
    import json

    return json.loads(body)
