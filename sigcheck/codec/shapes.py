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


def lacks_last_one(sent: tuple[int, ...] | list[int], declared: tuple[int, ...] | list[int] | None) -> bool:
    """``sent`` (a whole tensor, batch included) is ``declared`` without its trailing axis of size 1: a ``(-1, 1)``
    input sent as bare values (``[30, 40]``, not ``[[30], [40]]``), a ``(-1, 28, 28, 1)`` one as ``(n, 28, 28)``.
    Wrapping each innermost value in a list is the one repair (``np.expand_dims(x, -1)``)."""
    if declared is None or len(declared) < 2 or declared[-1] != 1 or len(sent) != len(declared) - 1:
        return False
    return all(d < 0 or s == d for s, d in zip(sent, declared[:-1]))
