"""TF-backed local predict: load a SavedModel as TF Serving does, run a request, answer as TF Serving would.

Importing this package does not import TensorFlow; :func:`load_model` does (through ``sigcheck._optional``),
after the op safety scan (:mod:`sigcheck.model.safety`) has passed.

    model = load_model("models/penguins")          # TF Serving base path, SavedModel folder or gs:// URI
    answer = predict(model, b'{"instances": [...]}')
    answer.http_status, answer.body                # exactly what TF Serving would send
"""

from __future__ import annotations

from .compare import Difference, compare_response
from .predict import LocalServer, Prediction, predict
from ..model.safety import UnsafeModelError, UnsafeOp, scan_meta_graph
from .session import LoadedModel, load_model

__all__ = [
    "Difference",
    "LoadedModel",
    "LocalServer",
    "Prediction",
    "UnsafeModelError",
    "UnsafeOp",
    "compare_response",
    "load_model",
    "predict",
    "scan_meta_graph",
]
