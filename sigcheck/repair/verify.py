"""Prove a repaired version serves: run sample requests through it the way TF Serving does and compare each output
with the original model's (placeholders fed their bound values, or the TF2 object graph's own call)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from ..model.types import ModelInfo

SAMPLES = ((1, 0), (3, 1))
"""(batch, seed) of the sample requests each signature is checked with (``sigcheck.schema.model_sample``)."""
RTOL, ATOL = 1e-5, 1e-6
"""Floating-point outputs must agree within these (a re-imported graph may fold constants differently)."""

Truth = Callable[[Mapping[str, np.ndarray]], Mapping[str, np.ndarray]]


@dataclass(frozen=True)
class Check:
    """One sample request through one signature of the repaired model."""

    signature: str
    batch: int
    ok: bool
    detail: str
    """``outputs equal (max |difference| 0)`` or what went wrong."""
    max_difference: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"signature": self.signature, "batch": self.batch, "ok": self.ok, "detail": self.detail,
                "max_difference": self.max_difference}


def sample_feeds(info: ModelInfo, key: str) -> list[tuple[int, dict[str, np.ndarray]]]:
    """Input arrays of the sample requests for signature ``key``, decoded the way TF Serving decodes them.

    The requests are ``sigcheck sample``'s (:func:`sigcheck.schema.model_sample`): a looked-up input gets values of
    its vocabulary, a RaggedTensor's components agree, a tf.Example input gets serialized Examples of the parsed
    features, so the check runs the model's real path, not only its out-of-vocabulary or error branch."""
    from ..codec.request import decode_request
    from ..errors import SigcheckError
    from ..schema import model_sample

    out = []
    for batch, seed in SAMPLES:
        try:
            body = model_sample(info, key, batch=batch, seed=seed).body
        except SigcheckError:
            continue
        decoded = decode_request(body, info.signatures)
        if decoded.accepted:
            out.append((batch, {alias: t.array for alias, t in decoded.tensors.items()}))
    return out


def compare(expected: Mapping[str, np.ndarray], got: Mapping[str, np.ndarray]) -> tuple[bool, str, float | None]:
    """Whether ``got`` equals ``expected`` (same names, shapes and values; floats within RTOL/ATOL)."""
    if sorted(expected) != sorted(got):
        return False, f"outputs {sorted(got)} instead of {sorted(expected)}", None
    worst = 0.0
    for name in sorted(expected):
        want, have = np.asarray(expected[name]), np.asarray(got[name])
        if want.shape != have.shape:
            return False, f"output {name!r} has shape {have.shape} instead of {want.shape}", None
        if want.dtype.kind in "fc":
            diff = float(np.max(np.abs(want.astype(np.float64) - have.astype(np.float64)))) if want.size else 0.0
            worst = max(worst, diff)
            if not np.allclose(have, want, rtol=RTOL, atol=ATOL, equal_nan=True):
                return False, f"output {name!r} differs from the original model's by up to {diff:.3g}", diff
        elif not np.array_equal(want, have):
            return False, f"output {name!r} differs from the original model's", None
    return True, f"outputs equal the original model's (max |difference| {worst:.3g})", worst


def check_signatures(repaired: Any, info: ModelInfo, truth: Mapping[str, Truth], *,
                     same: Callable[..., tuple[bool, str, float | None]] = compare) -> list[Check]:
    """Run the sample requests of every signature in ``truth`` through ``repaired`` (a
    :class:`sigcheck.serving.child.ModelProcess` of the new version: its own process, TF Serving's stock kernels) and compare with ``truth[key](feeds)`` (by ``same``: :func:`compare`)."""
    checks: list[Check] = []
    for key in sorted(truth):
        samples = sample_feeds(info, key)
        if not samples:
            checks.append(Check(key, 0, False, "no sample request can be built for this signature"))
            continue
        for batch, feeds in samples:
            result = repaired.run(key, feeds)
            if getattr(result, "crash", None) is not None:
                checks.append(Check(key, batch, False, f"the repaired model crashed: {result.crash.message}"))
                continue
            if result.error is not None:
                checks.append(Check(key, batch, False, f"the repaired model fails: {result.error.status_code}: "
                                    f"{result.error.message.strip().splitlines()[0]}"))
                continue
            ok, detail, diff = same(truth[key](feeds), result.outputs or {})
            checks.append(Check(key, batch, ok, detail, diff))
    return checks
