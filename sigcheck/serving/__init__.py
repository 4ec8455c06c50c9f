"""TF-backed local predict: load a SavedModel as TF Serving does, run a request, answer as TF Serving would.

Importing this package does not import TensorFlow.  :func:`start_model` (and :class:`LocalServer`) run the model in
a child process with stated kernels (:mod:`.child`, :mod:`.kernels`), after the op safety scan
(:mod:`sigcheck.model.safety`) has passed; :func:`load_model` loads it into this process instead.

    model = start_model("models/penguins")         # TF Serving base path, SavedModel folder or gs:// URI
    answer = predict(model, b'{"instances": [...]}')   # in a child process, TF Serving's stock kernels
    answer.http_status, answer.body                # exactly what TF Serving would send
"""

from __future__ import annotations

from .child import Crash, ModelCrashError, ModelProcess, start_model
from .compare import Difference, compare_response
from .predict import LocalServer, Prediction, predict
from ..model.safety import UnsafeModelError, UnsafeOp, scan_meta_graph
from .session import LoadedModel, load_model

__all__ = [
    "Crash",
    "ModelCrashError",
    "ModelProcess",
    "start_model",
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
