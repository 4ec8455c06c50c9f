"""JSON paths into a request (``$.instances[3].age``) and short renderings of the value found there."""

from __future__ import annotations

import re
from typing import Any, Sequence

from ..codec.debugstring import debug_string
from ..codec.response import json_string
from ..codec.shapes import dense_shape as shape_of

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MISSING = object()


def json_path(parts: Sequence[str | int]) -> str:
    """``("instances", 3, "age")`` → ``$.instances[3].age`` (non-identifier keys as ``["…"]``)."""
    out = ["$"]
    for p in parts:
        if isinstance(p, int):
            out.append(f"[{p}]")
        elif _IDENT.match(p):
            out.append(f".{p}")
        else:
            out.append(f"[{json_string(p)}]")
    return "".join(out)


def value_at(root: Any, parts: Sequence[str | int]) -> Any:
    """The value at ``parts`` (first occurrence of a key, as TF Serving looks it up), or None when absent."""
    v = root
    for p in parts:
        if isinstance(p, int):
            if not isinstance(v, list) or not -len(v) <= p < len(v):
                return None
            v = v[p]
        else:
            if not isinstance(v, dict) or p not in v:
                return None
            v = v[p]
    return v


def fragment(value: Any, limit: int = 120) -> str:
    """A one-line rendering of a JSON value, cut at about ``limit`` characters (``…`` marks the cut)."""
    text = re.sub(r"\n\s*", " ", debug_string(value, limit=limit + 1))
    text = text.replace("{ ", "{").replace(" }", "}")
    if len(text) > limit:
        text = text[:limit] + "…"
    return text


def describe(value: Any) -> str:
    """What a JSON value is, in words: ``31.5 (a JSON number with a fraction)``."""
    if value is None:
        return "null"
    if value is True or value is False:
        return f"{'true' if value else 'false'} (a JSON boolean)"
    if isinstance(value, int):
        return f"{value} (a JSON integer)"
    if isinstance(value, float):
        return f"{fragment(value)} (a JSON number with a fraction)" if value == value else "NaN (a JSON number)"
    if isinstance(value, str):
        if len(value) > 60:
            return f"{fragment(value, 60)} (a JSON string of {len(value)} characters)"
        return f"{fragment(value, 60)} (a JSON string)"
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("b64"), str):
            size = len(value["b64"])
            return f"{fragment(value, 60)} (a base64 object" + (f", {size} characters)" if size > 48 else ")")
        return f"{fragment(value, 60)} (a JSON object)"
    if isinstance(value, list):
        return f"a list of shape {format_dims(shape_of(value))}"
    return repr(value)


def format_dims(shape: Sequence[int] | None) -> str:
    """A shape as saved_model_cli prints it: ``(-1, 150, 150, 3)``, ``()``, ``(3,)``."""
    if shape is None:
        return "unknown rank"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"
