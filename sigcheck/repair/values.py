"""Inference values of the placeholders a training graph leaves unfed (TF-free: the gate's hints use them too)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOOL_FALSE = re.compile(r"^(keras_)?learning_phase(_\d+)?$|^(is_)?train(ing)?(_\d+)?$|^(is_)?training_(mode|phase)$|"
                         r"^(train|training)_(mode|phase|flag)$|^phase_train$")
_KEEP = re.compile(r"keep_?prob")
_DROPOUT = re.compile(r"dropout(_rate|_prob|_probability)?(_\d+)?$|^(drop_)?rate$")

BOOL_DTYPES = ("DT_BOOL",)
INT_DTYPES = ("DT_INT8", "DT_INT16", "DT_INT32", "DT_INT64", "DT_UINT8", "DT_UINT16", "DT_UINT32", "DT_UINT64")
FLOAT_DTYPES = ("DT_FLOAT", "DT_DOUBLE", "DT_HALF", "DT_BFLOAT16")


@dataclass(frozen=True, slots=True)
class InferenceValue:
    """The value a placeholder takes when the model serves, and why."""

    value: bool | int | float
    reason: str
    """``the inference value of a training flag``, ``keep probability 1.0, no dropout`` …"""

    def literal(self) -> str:
        """The value as Python source (``False``, ``1.0``, ``0``)."""
        return repr(self.value)


def inference_value(name: str, dtype: str) -> InferenceValue | None:
    """The inference value of placeholder ``name`` (a node name; only its last ``/`` part counts) of ``dtype``.

    Learning phase / training flags: 0 or False; keep probabilities: 1.0; dropout rates: 0.0.  None when the name
    says nothing sigcheck can trust (the user gives it with ``--feed NAME=VALUE``), or the dtype does not fit.
    """
    base = name.rsplit("/", 1)[-1].lower()
    if _BOOL_FALSE.search(base):
        if dtype in BOOL_DTYPES:
            return InferenceValue(False, "the inference value of a training flag")
        if dtype in INT_DTYPES:
            return InferenceValue(0, "learning phase 0 is inference")
        return None
    if dtype not in FLOAT_DTYPES:
        return None
    if _KEEP.search(base):
        return InferenceValue(1.0, "keep probability 1.0, no dropout")
    if _DROPOUT.search(base):
        return InferenceValue(0.0, "dropout rate 0.0, no dropout")
    return None


def parse_value(text: str, dtype: str) -> bool | int | float:
    """``--feed NAME=VALUE``'s VALUE for a placeholder of ``dtype``; ValueError with the reason when it does not fit."""
    t = text.strip()
    if dtype in BOOL_DTYPES:
        low = t.lower()
        if low in ("false", "0", "no"):
            return False
        if low in ("true", "1", "yes"):
            return True
        raise ValueError(f"{text!r} is not a boolean (true/false, 1/0)")
    if dtype in INT_DTYPES:
        if t.lower() in ("false", "true"):
            return int(t.lower() == "true")
        try:
            return int(t)
        except ValueError:
            raise ValueError(f"{text!r} is not an integer") from None
    if dtype in FLOAT_DTYPES:
        try:
            return float(t)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    raise ValueError(f"placeholders of dtype {dtype} cannot be bound by sigcheck repair (only bool, integer and "
                     "floating-point scalars)")
