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
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import numpy as np

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


def _float_tokens(flat: np.ndarray, single: bool) -> list[str]:
    """Tokens for a 1-D float32 (``single``) or float64 array, as ``WriteDecimal`` writes them."""
    values = flat.tolist()  # exact doubles (float32 widens exactly)
    tokens = ["%g" % v for v in values]
    if not tokens:
        return tokens
    finite = np.isfinite(flat)
    parsed = np.array(tokens, dtype=np.float64)  # 'nan'/'inf' parse too; they are replaced below
    if single:
        with np.errstate(over="ignore", invalid="ignore"):
            back = parsed.astype(np.float32)
            widened = back.astype(np.float64)
            # A decimal that parses to a double sitting exactly between two floats may round differently when
            # parsed straight to float (absl::SimpleAtof): settle those exactly.
            toward = np.where(parsed > widened, np.float32(np.inf), np.float32(-np.inf)).astype(np.float32)
            middle = (widened + np.nextafter(back, toward).astype(np.float64)) / 2
        for i in np.nonzero(finite & (widened != parsed) & (middle == parsed))[0].tolist():
            back[i] = _nearest_float32(tokens[i])
        differs = finite & (back != flat)
        precise = "%.9g"
    else:
        differs = finite & (parsed != flat)
        precise = "%.17g"
    for i in np.nonzero(differs)[0].tolist():
        tokens[i] = precise % values[i]
    out = [t if "." in t or "e" in t else t + ".0" for t in tokens]
    if not finite.all():
        for i in np.nonzero(~finite)[0].tolist():
            v = values[i]
            out[i] = "NaN" if v != v else ("-Infinity" if v < 0 else "Infinity")
    return out


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


def _leaf_tokens(array: np.ndarray, dt: str, as_b64: bool, leaf_depth: int) -> list[str]:
    """Every element of ``array`` (C order) as its JSON token; raises :class:`_WriteError` for a bad dtype."""
    flat = array.reshape(-1)
    if flat.size == 0:
        return []
    entry = dtype_entry(dt)
    if dt == "DT_FLOAT":
        return _float_tokens(flat.astype(np.float32, copy=False), True)
    if dt == "DT_DOUBLE":
        return _float_tokens(flat.astype(np.float64, copy=False), False)
    if dt == "DT_BOOL":
        return ["true" if v else "false" for v in flat.tolist()]
    if dt == "DT_STRING":
        items = [_as_bytes(v) for v in flat.tolist()]
        if as_b64:
            return [_b64_token(b, leaf_depth) for b in items]
        return [json_string(b) for b in items]
    if entry.is_integer:
        return [str(int(v)) for v in flat.tolist()]
    raise _WriteError(e33_dtype(entry.tf_name))


# --- layout --------------------------------------------------------------------------------------------------


def _group(tokens: Sequence[str], shape: Sequence[int], close: Callable[[list[str], int], str],
           base_depth: int) -> list[str]:
    """Nest ``tokens`` (C order) into arrays along ``shape``; returns one string per index of the first axis.

    ``close(items, depth)`` renders one array whose elements are ``items``; ``depth`` is the number of levels
    open before the array starts.
    """
    level = list(tokens)
    counts = [1]
    for n in shape:
        counts.append(counts[-1] * n)
    for axis in range(len(shape) - 1, 0, -1):
        n = shape[axis]
        groups = counts[axis]
        depth = base_depth + axis
        if n == 0:
            level = ["[]"] * groups
        else:
            level = [close(level[g * n:(g + 1) * n], depth) for g in range(groups)]
    return level


def _single_line(items: list[str], depth: int) -> str:
    return "[" + ", ".join(items) + "]"


def _pretty(items: list[str], depth: int) -> str:
    if not items:
        return "[]"
    inner = ",\n" + " " * (4 * (depth + 1))
    return "[\n" + " " * (4 * (depth + 1)) + inner.join(items) + "\n" + " " * (4 * depth) + "]"


def _tensor_value(array: np.ndarray, dt: str, as_b64: bool, depth: int, *, row_items: bool) -> list[str] | str:
    """A whole tensor (columnar, default mode) or its per-item values (row, single-line mode)."""
    shape = tuple(int(d) for d in array.shape)
    rank = len(shape)
    if row_items:
        # Items are the sub-tensors along axis 0; each item's own arrays start at depth + 1 levels.
        tokens = _leaf_tokens(array, dt, as_b64, depth + rank - 1)
        if shape[0] == 0:
            return []
        if rank == 1:
            return tokens
        return _group(tokens, shape, _single_line, depth - 1)
    tokens = _leaf_tokens(array, dt, as_b64, depth + rank)
    if rank == 0:
        return tokens[0]
    return _pretty(_group(tokens, shape, _pretty, depth), depth)


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
    if len(outputs) == 1:
        name, array, dt = outputs[0]
        items = _tensor_value(array, dt, _is_bytes(name, dt), 2, row_items=True)
        return '{\n    "predictions": [' + ", ".join(items) + "\n    ]\n}"
    # Several outputs: each item is an object on its own line; its keys on their own lines; values single-line.
    # TF Serving writes item by item, so a dtype error surfaces when the first value of that tensor is written.
    per_output = [(name, _tensor_value(array, dt, _is_bytes(name, dt), 3, row_items=True))
                  for name, array, dt in outputs]
    keys = [" " * 12 + json_string(name) + ": " for name, _ in per_output]
    objects = []
    for i in range(batch):
        members = ",\n".join(key + values[i] for key, (_, values) in zip(keys, per_output))
        objects.append("{\n" + members + "\n        }")
    return '{\n    "predictions": [\n        ' + ",\n        ".join(objects) + "\n    ]\n}"


def _columnar(outputs: list[tuple[str, np.ndarray, str]]) -> str:
    if len(outputs) == 1:
        name, array, dt = outputs[0]
        return '{\n    "outputs": ' + _tensor_value(array, dt, _is_bytes(name, dt), 1, row_items=False) + "\n}"
    members = []
    for name, array, dt in outputs:
        value = _tensor_value(array, dt, _is_bytes(name, dt), 2, row_items=False)
        members.append(" " * 8 + json_string(name) + ": " + value)
    return '{\n    "outputs": {\n' + ",\n".join(members) + "\n    }\n}"


def _is_bytes(name: str, dt: str) -> bool:
    return dt == "DT_STRING" and name.endswith("_bytes")


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


def parse_response(body: str) -> Any:
    """Parse a TF Serving response body (accepts the ``NaN``/``Infinity`` tokens TF Serving writes)."""
    import json

    return json.loads(body)
