"""Reading a model's serving contract without TensorFlow."""

from .types import (
    DEFAULT_SIGNATURE,
    PREDICT_METHOD,
    ModelInfo,
    Shape,
    Signature,
    TensorSpec,
    format_shape,
)

__all__ = [
    "DEFAULT_SIGNATURE",
    "PREDICT_METHOD",
    "ModelInfo",
    "Shape",
    "Signature",
    "TensorSpec",
    "format_shape",
    "read_model",
]


def read_model(location: str, *, tag_set: str = "serve") -> ModelInfo:
    """Read a SavedModel folder, a TF Serving base path or a signature contract (see :mod:`.reader`)."""
    from .reader import read_model as _read

    return _read(location, tag_set=tag_set)
