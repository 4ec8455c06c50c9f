"""The fast road: orjson parses, numpy converts; taken only when the answer is provably TF Serving's.

orjson and rapidjson agree on a body's meaning except where this module looks:

* orjson rejects ``NaN``/``Infinity`` tokens, trailing content, a BOM, NUL bytes, invalid UTF-8, lone surrogate
  escapes, numbers that overflow: every such body takes the faithful road;
* duplicate keys (orjson keeps the last value, rapidjson looks up the first and iterates both): found by counting
  ``:``, which the body and orjson's re-serialisation agree on exactly when no key was dropped (a ``\\u003a``
  escape could hide a difference, so its presence also hands over);
* doubles: orjson rounds correctly, rapidjson (normal precision) may be a few ulps off.  Integers are exact in
  both.  DT_FLOAT tensors are safe when every value is far (8 ulps) from a float32 rounding boundary
  (:func:`~sigcheck.codec.request.float32_is_certain`); DT_DOUBLE tensors with doubles hand over; an error
  message that prints a double hands over.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import orjson

from .request import Decoded, HandOver, NumpyBuilder, _Printer, decode_dom


def decode_fast(body: bytes, signatures: Mapping[str, Any]) -> Decoded | None:
    """TF Serving's answer for ``body`` via orjson + numpy, or None when the faithful road must decide."""
    if not body:
        return None
    try:
        root = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    arrays: dict[int, np.ndarray] = {}
    colons = body.count(b":")
    if colons:
        if b"\\u003a" in body or b"\\u003A" in body or census(root, arrays) != colons:
            return None
    printer = _Printer()
    builder = NumpyBuilder(printer, exact=False, bools=b"true" in body or b"false" in body,
                           nul=b"\\u0000" in body, arrays=arrays)
    try:
        decoded = decode_dom(root, signatures, builder, road="fast")
    except HandOver:
        return None
    if not decoded.accepted and printer.printed_double:
        return None
    return decoded


def _column_array(column: list, key: tuple, arrays: dict) -> None:
    try:
        a = np.asarray(column)
    except (ValueError, OverflowError, TypeError):
        return
    if a.dtype.kind in "iufbU":
        arrays[key] = a


def census(root: Any, arrays: dict) -> int:
    """Object members plus ``:`` characters inside strings, over the whole DOM.

    The body's ``:`` count equals this exactly when orjson dropped no duplicate key (and no ``\\u003a`` escape
    hides a colon).  Regular numeric arrays are recognised with numpy and skipped; their arrays are kept in
    ``arrays`` (by list identity) for the conversion, which would build them again otherwise.
    """
    total = 0
    stack: list[tuple[Any, bool]] = [(root, True)]  # (value, is a list of the DOM whose array may be kept)
    while stack:
        x, own = stack.pop()
        t = type(x)
        if t is dict:
            total += len(x)
            for k, v in x.items():
                if ":" in k:
                    total += k.count(":")
                stack.append((v, True))
        elif t is list:
            if len(x) >= 16 and type(x[0]) is dict and all(type(y) is dict for y in x):
                # a list of objects (row instances): members by C-level sums, values column by column
                keys = set().union(*x)
                if not any(":" in k for k in keys):
                    total += sum(map(len, x))
                    n = len(x)
                    for k in keys:
                        column = [y[k] for y in x if k in y]
                        if len(column) == n:  # the conversion asks for this column by (list, key)
                            _column_array(column, (id(x), k), arrays)
                        stack.append((column, False))
                    continue
            if len(x) >= 16 or (x and type(x[0]) is list):
                try:
                    a = np.asarray(x)
                except (ValueError, OverflowError, TypeError):
                    a = None
                if a is not None and a.dtype.kind in "iufb":
                    if own:
                        arrays[id(x)] = a
                    continue
                if not own and a is not None and a.dtype.kind == "U":
                    total += int(np.char.count(a, ":").sum()) if a.size else 0
                    continue
                if a is not None and a.dtype.kind == "U":
                    if own:
                        arrays[id(x)] = a
                    total += int(np.char.count(a, ":").sum()) if a.size else 0
                    continue
            stack.extend((y, True) for y in x)
        elif t is str:
            if ":" in x:
                total += x.count(":")
    return total
