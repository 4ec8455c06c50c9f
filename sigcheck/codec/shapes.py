"""TF Serving's shape inference for a JSON value (``GetDenseTensorShape``, SPEC §5.1).

Kept apart from the decoder so light callers (``explain``) can use it without numpy.
"""

from __future__ import annotations

from typing import Any


def dense_shape(value: Any) -> tuple[int, ...]:
    """Follow element 0 down while the value is a list, recording each length; stop at an empty list.

    A scalar or an object (b64 included) has shape ``()``.
    """
    dims: list[int] = []
    while isinstance(value, list):
        dims.append(len(value))
        if not value:
            break
        value = value[0]
    return tuple(dims)
