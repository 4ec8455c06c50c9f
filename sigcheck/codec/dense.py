"""The dense road: a large request that is one regular numeric array, parsed by simdjson straight into numpy.

An image request (``{"instances": [[[[0.1, …]]]]}``, 1.4 MB of JSON per 150×150×3 image) spends almost all of its
decoding time building Python floats: orjson makes one object per value, numpy then reads them back.  simdjson
parses the body into its own tape and copies the numbers into a buffer (``Array.as_buffer``) without a Python
object per value: about 5× faster than orjson + numpy for such bodies.

It answers only when the result is provably what the fast road (:mod:`sigcheck.codec.fastpath`, itself proven
equal to the faithful road) would give, and only for callers that need the tensors but not the parsed body
(``decode_request(…, need_body=False)``: ``sigcheck predict``), because no Python DOM is built:

* the body is at least :data:`MIN_BYTES`, has no BOM (simdjson skips one, TF Serving does not), parses with
  simdjson (which, like orjson, refuses ``NaN``/``Infinity``, trailing content, invalid UTF-8 and numbers
  that overflow) and is an object with ``instances`` or ``inputs`` (not both) and at most a ``signature_name``
  string, each key once;
* the signature exists and has one input, of DT_FLOAT or an integer dtype (not DT_UINT64);
* the value is a regular array of numbers: every dimension at least 1, the body's brackets and commas are
  exactly those of an array of that shape (as_buffer itself flattens ragged arrays), every leaf a number;
* DT_FLOAT: every value far from a float32 rounding boundary (:func:`~sigcheck.codec.request.float32_is_certain`)
  and at most 2^24 in magnitude (an integer literal beyond that earns a note on the other roads); integer dtypes:
  every value an integer within the dtype's own range (out-of-range values earn notes or errors elsewhere).

Anything else returns None and the fast or faithful road decides, as before.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import numpy as np

from .dtypes import dtype as dtype_entry
from .request import COLUMNAR, DEFAULT_SIGNATURE, ROW, Decoded, Tensor, float32_is_certain

MIN_BYTES = 64 * 1024
"""Smaller bodies are decoded faster by orjson + numpy (no simdjson parser to set up)."""
MAX_RANK = 32
_KEEP = frozenset(b"[],")
_DELETE = bytes(c for c in range(256) if c not in _KEEP)
"""``bytes.translate`` deletes everything but brackets and commas: what is left is the array's skeleton."""
_TOP_KEYS = frozenset({"instances", "inputs", "signature_name"})
_FLOAT_EXACT = float(2**24)


def _simdjson() -> Any:
    try:
        import simdjson
    except ImportError:
        return None
    return simdjson


def skeleton(shape: tuple[int, ...]) -> bytes:
    """The brackets and commas of a JSON array of ``shape`` (every dimension at least 1)."""
    text = b"[" + b"," * (shape[-1] - 1) + b"]"
    for d in reversed(shape[:-1]):
        text = b"[" + b",".join([text] * d) + b"]"
    return text


def decode_dense(body: bytes, signatures: Mapping[str, Any]) -> Decoded | None:
    """TF Serving's answer for ``body`` when it is one large regular numeric array, or None (see the module)."""
    if len(body) < MIN_BYTES or body.startswith(b"\xef\xbb\xbf"):
        return None
    simdjson = _simdjson()
    if simdjson is None:
        return None
    try:
        doc = simdjson.Parser().parse(body)  # a parser per body: one cannot be reused while proxies into it live
    except (ValueError, TypeError, RuntimeError):
        return None
    return _decode(doc, body, signatures, simdjson)


def _decode(doc: Any, body: bytes, signatures: Mapping[str, Any], simdjson: Any) -> Decoded | None:
    if not isinstance(doc, simdjson.Object):
        return None
    keys = list(doc.keys())
    if len(set(keys)) != len(keys) or not set(keys) <= _TOP_KEYS or ("instances" in keys) == ("inputs" in keys):
        return None
    signame = ""
    if "signature_name" in keys:
        s = doc["signature_name"]
        if type(s) is not str or any(c in s for c in '[],"\\\x00'):
            return None  # (brackets or commas in it would show in the skeleton)
        signame = s
    key = signame or DEFAULT_SIGNATURE
    sig = signatures.get(key)
    if sig is None or len(sig.inputs) != 1:
        return None
    (name, spec), = sig.inputs.items()
    dt = dtype_entry(spec.dtype)
    if dt.name != "DT_FLOAT" and (not dt.is_integer or dt.name == "DT_UINT64"):
        return None
    fmt = ROW if "instances" in keys else COLUMNAR
    value = doc["instances" if fmt == ROW else "inputs"]
    shape = _shape(value, simdjson)
    if shape is None:
        return None
    try:
        buffer = value.as_buffer(of_type="d" if dt.name == "DT_FLOAT" else "i")
    except (TypeError, ValueError):
        return None  # a leaf that is not a number (or, for integers, not an integer)
    flat = np.frombuffer(buffer, dtype=np.float64 if dt.name == "DT_FLOAT" else np.int64)
    if flat.size != math.prod(shape):
        return None
    if body.translate(None, _DELETE).strip(b",") != skeleton(shape):
        return None  # ragged, or nested deeper somewhere than along the first elements
    if dt.name == "DT_FLOAT":
        if not float32_is_certain(flat) or float(np.abs(flat).max()) > _FLOAT_EXACT:
            return None
        array = flat.astype(np.float32)
    else:
        if int(flat.min()) < (dt.natural_min or 0) or int(flat.max()) > (dt.natural_max or 0):
            return None
        array = flat.astype(dt.numpy)
    array = array.reshape(shape)
    return Decoded(True, 200, None, None, fmt, key, {name: Tensor(dt.name, shape, array)}, None, None, (),
                   road="dense")


def _shape(value: Any, simdjson: Any) -> tuple[int, ...] | None:
    """The shape along the first elements, when every dimension is at least 1 and the first leaf is a number."""
    shape: list[int] = []
    v = value
    while isinstance(v, simdjson.Array):
        n = len(v)
        if n == 0 or len(shape) == MAX_RANK:
            return None
        shape.append(n)
        v = v[0]
    if not shape or type(v) not in (int, float):
        return None
    return tuple(shape)


__all__ = ["MIN_BYTES", "decode_dense", "skeleton"]
