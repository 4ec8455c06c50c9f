"""The pre-deploy gate: rules over a model (and requests), each a generator of Diagnostics registered by id.

    from sigcheck.gate import run_gate
    result = run_gate("models/penguins", requests=["req.json"], target="vertex", runtime="tf2-cpu.2-15")
    result.ok, result.checks, [d.code for d in result.findings]

``run_gate`` and friends are loaded on first use, so ``from sigcheck.gate.rules import …`` stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GateResult", "Policy", "Predictor", "RequestFile", "run_gate"]

_LAZY = {
    "GateResult": ".runner",
    "run_gate": ".runner",
    "Policy": ".policy",
    "Predictor": ".requests",
    "RequestFile": ".requests",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
