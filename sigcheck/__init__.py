"""sigcheck: check TensorFlow SavedModel serving signatures and requests before deploying.

The public API is small and lazy: ``import sigcheck`` imports neither TensorFlow, typer, nor the parts you do not
use; each name below is loaded on first access.

    >>> import sigcheck
    >>> info = sigcheck.read_model("fixtures/models/keras_tabular")          # doctest: +SKIP
    >>> result = sigcheck.validate_request(b'{"instances": [...]}', info)    # doctest: +SKIP
    >>> result.ok, [d.code for d in result.findings]                         # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from .diagnostics import Diagnostic, Report, Severity
from .errors import SigcheckError

__version__ = "0.1.0"

_LAZY = {
    "ModelInfo": ".model",
    "Signature": ".model",
    "TensorSpec": ".model",
    "read_model": ".model",
    "validate_request": ".validate",
    "ValidationResult": ".validate",
    "request_schema": ".schema",
    "sample_request": ".schema",
    "explain_text": ".explain",
    "Diagnosis": ".explain",
    "run_gate": ".gate",
    "GateResult": ".gate",
    "diff_models": ".diff",
    "DiffResult": ".diff",
}

__all__ = ["Diagnostic", "Report", "Severity", "SigcheckError", "__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sigcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
