"""The response writer's array-at-once float formatting equals TF Serving's per-element rule on random arrays.

The oracle is the rule itself, element by element (SPEC §11.2): ``%g``; when that text does not parse (straight to
float for DT_FLOAT, exactly, via ``Fraction``) back to the same value, ``%.9g``/``%.17g``; ``.0`` when the text has
neither ``.`` nor ``e``; ``NaN``/``Infinity``/``-Infinity``.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sigcheck.codec.response import _float_token, _float_tokens, _nearest_float32


def oracle(value: float, single: bool) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = "%g" % value
    if single:
        same = _nearest_float32(text) == np.float32(value)
    else:
        same = float(text) == value
    if not same:
        text = ("%.9g" if single else "%.17g") % value
    return text if "." in text or "e" in text else text + ".0"


SPECIAL = [math.nan, -math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, 1e-5, 1e-4, 9.999995e-5, 0.0001,
           999999.0, 999999.5, 1e6, 999999999.0, 1e9, 1e16, 99999999999999999.0, 1e17, 555557.5, 0.5, 8.0,
           16777217.0, 1e-16, 1.0000001e-16, 1e26, 9.9999e25, 1e27, 1e-17]


def _decimal6(single: bool):
    """Floats nearest to 6-digit decimals (where %g reads back, and near its rounding ties and float32 midpoints)."""
    low, high = (-45, 38) if single else (-320, 300)
    return st.builds(lambda m, e, s: s * m * 10.0 ** e, st.integers(100000, 999999), st.integers(low, high),
                     st.sampled_from([1.0, -1.0])).filter(math.isfinite)


def _elements(single: bool):
    width = 32 if single else 64
    tiny = np.finfo(np.float32 if single else np.float64).tiny
    return st.one_of(
        st.floats(width=width),  # NaN, ±Inf, -0.0, subnormals, huge and tiny included
        st.sampled_from(SPECIAL),
        _decimal6(single),
        st.floats(min_value=-tiny, max_value=tiny, width=width),  # subnormals
        st.integers(-(2**60), 2**60).map(float),  # integers: the '.0' rule
        st.integers(-(10**7), 10**7).map(lambda n: n + 0.5),  # halves: rounding ties at 6 digits
    )


def _f32(value: float) -> float:
    with np.errstate(over="ignore"):
        return np.float32(value).item()  # beyond float32's range: ±Inf


def _check(array: np.ndarray, single: bool) -> None:
    fast = _float_tokens(array, single)
    expected = [oracle(v, single) for v in array.astype(np.float64).tolist()]
    assert fast == expected
    assert [_float_token(v, single) for v in array.astype(np.float64).tolist()] == expected


@settings(max_examples=250, deadline=None)
@given(hnp.arrays(np.float32, st.integers(0, 30), elements=_elements(True).map(_f32)))
@example(np.array(SPECIAL, dtype=np.float32))
def test_float32_array_matches_per_element_rule(array: np.ndarray) -> None:
    _check(array, True)


@settings(max_examples=250, deadline=None)
@given(hnp.arrays(np.float64, st.integers(0, 30), elements=_elements(False)))
@example(np.array(SPECIAL, dtype=np.float64))
def test_float64_array_matches_per_element_rule(array: np.ndarray) -> None:
    _check(array, False)


def test_random_float32_outputs_of_every_magnitude() -> None:
    rng = np.random.default_rng(6)
    floats = rng.integers(0, 2**32, 20000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    floats[np.isnan(floats)] = np.nan  # every exponent and subnormals (signalling NaNs would warn when widened)
    _check(floats, True)
    _check((rng.normal(size=5000) * 10.0 ** rng.integers(-40, 39, 5000)).astype(np.float32), True)
    _check(rng.uniform(0, 1, 5000).astype(np.float32), True)  # softmax-like


def test_random_float64_outputs_of_every_magnitude() -> None:
    rng = np.random.default_rng(7)
    doubles = rng.integers(0, 2**64, 20000, dtype=np.uint64).view(np.float64)
    doubles[np.isnan(doubles)] = np.nan
    _check(doubles, False)
    _check(rng.normal(size=5000) * 10.0 ** rng.integers(-300, 300, 5000), False)
    scale = 10.0 ** rng.integers(1, 7, 5000)
    _check(np.round(rng.uniform(0, 1, 5000) * scale) / scale, False)  # short decimals: %g reads back
