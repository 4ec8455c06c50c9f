"""Lazy imports of heavy optional dependencies (TensorFlow, Keras, google-cloud-storage).

Nothing in sigcheck imports these at module level; code that needs one calls :func:`require` inside a function,
so ``inspect``/``validate``/``schema``/``sample``/``explain`` stay fast and work without them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

_EXTRA_FOR = {
    "tensorflow": "tf",
    "keras": "tf",
    "tensorflow_serving": "tf",
    "google.cloud.storage": "gcs",
    "PIL": "tf",
    "pandas": "tf",
    "palmerpenguins": "tf",
}


def require(module: str, *, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = _EXTRA_FOR.get(module, _EXTRA_FOR.get(module.split(".")[0], "tf"))
        raise MissingExtraError(
            f"{purpose} needs {module.split('.')[0]}, which is not installed ({exc})",
            hint=f"pip install 'sigcheck[{extra}]'",
        ) from exc
