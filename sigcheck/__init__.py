"""sigcheck: check TensorFlow SavedModel serving signatures and requests before deploying.

The public API is small and lazy: importing ``sigcheck`` imports neither TensorFlow nor typer.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, Report, Severity
from .errors import SigcheckError
from .model import ModelInfo, Signature, TensorSpec, read_model

__all__ = [
    "Diagnostic",
    "ModelInfo",
    "Report",
    "Severity",
    "SigcheckError",
    "Signature",
    "TensorSpec",
    "__version__",
    "read_model",
]
