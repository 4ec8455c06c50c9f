"""Compare a predict response with a saved one (``sigcheck predict --compare expected.json --atol 1e-5``).

No TensorFlow here.  Numbers match when ``|actual - expected| <= atol + rtol * |expected|`` (NaN matches NaN, an
infinity matches the same infinity); strings, booleans and ``{"b64": …}`` objects must be equal; lists must have
the same length and objects the same keys (their order does not matter, as TF Serving's order is unspecified).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import InputError


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where the response and the expected one differ."""

    path: str
    """JSON path into the response: ``$.predictions[0][1]``."""
    expected: Any
    actual: Any
    why: str

    def describe(self) -> str:
        return f"{self.path}: {self.why}: expected {_short(self.expected)}, got {_short(self.actual)}"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "expected": _plain(self.expected), "actual": _plain(self.actual), "why": self.why}


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, (list, dict)):
        return _short(value)
    return value


def _short(value: Any) -> str:
    text = json.dumps(value, allow_nan=True)
    return text if len(text) <= 80 else text[:77] + "..."


def load_expected(data: bytes, where: str) -> Any:
    """Parse an expected response: a TF Serving body, or ``sigcheck predict --json`` output (its ``response``)."""
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: not valid JSON ({exc})",
                         hint="save a response with `sigcheck predict REQUEST --model M > expected.json`") from None
    if isinstance(value, dict) and "response" in value and "http_status" in value:
        # a --json document: the exact body is in response_text when it held NaN/Infinity (not JSON)
        value = json.loads(value["response_text"]) if isinstance(value.get("response_text"), str) else value["response"]
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object such as {{\"predictions\": …}} or {{\"outputs\": …}}")
    return value


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _numbers_close(a: float, e: float, atol: float, rtol: float) -> bool:
    if isinstance(a, float) and math.isnan(a) or isinstance(e, float) and math.isnan(e):
        return isinstance(a, float) and isinstance(e, float) and math.isnan(a) and math.isnan(e)
    if math.isinf(a) or math.isinf(e):
        return a == e
    return abs(a - e) <= atol + rtol * abs(e)


def iter_differences(actual: Any, expected: Any, *, atol: float = 1e-5, rtol: float = 0.0,
                     path: str = "$") -> Iterator[Difference]:
    """Every difference between ``actual`` and ``expected``, outermost first."""
    if _is_number(actual) and _is_number(expected):
        if not _numbers_close(actual, expected, atol, rtol):
            delta = abs(actual - expected) if math.isfinite(actual) and math.isfinite(expected) else None
            why = f"differs by {delta:.6g} (atol {atol:g})" if delta is not None else "differs"
            yield Difference(path, expected, actual, why)
        return
    if isinstance(expected, list) and isinstance(actual, list):
        if len(actual) != len(expected):
            yield Difference(path, expected, actual, f"list length {len(actual)} instead of {len(expected)}")
            return
        for i, (a, e) in enumerate(zip(actual, expected)):
            yield from iter_differences(a, e, atol=atol, rtol=rtol, path=f"{path}[{i}]")
        return
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected:
            sub = f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"
            if key not in actual:
                yield Difference(sub, expected[key], None, "missing from the response")
            else:
                yield from iter_differences(actual[key], expected[key], atol=atol, rtol=rtol, path=sub)
        for key in actual:
            if key not in expected:
                sub = f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"
                yield Difference(sub, None, actual[key], "not in the expected response")
        return
    if type(actual) is not type(expected) or actual != expected:
        yield Difference(path, expected, actual, "differs" if type(actual) is type(expected) else "different type")


def compare_response(actual: Any, expected: Any, *, atol: float = 1e-5, rtol: float = 0.0) -> list[Difference]:
    """All differences (empty when the response matches)."""
    return list(iter_differences(actual, expected, atol=atol, rtol=rtol))
