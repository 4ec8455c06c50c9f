"""How deeply a JSON text nests arrays and objects, found in one linear pass without parsing it.

Used to bound what sigcheck builds from a request with Python recursion (``validate --fix``, ``explain
--request``): the codec itself parses any depth without recursion.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(rb'"(?:[^"\\]++|\\.?)*+"?|[\[\]{}]')
"""A string (possessive: an unterminated one runs to the end, never backtracks) or a bracket."""

MAX_TENSOR_RANK = 254
"""TensorFlow's largest rank (TensorShape::MaxDimensions): a request nested deeper is no tensor."""


def nesting_depth(body: bytes | str) -> int:
    """The deepest ``[``/``{`` nesting of ``body`` outside strings (linear time, no recursion)."""
    data = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else bytes(body)
    depth = deepest = 0
    for m in _TOKEN.finditer(data):
        c = m.group()[:1]
        if c in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
        elif c in (b"]", b"}"):
            depth -= 1
    return deepest
