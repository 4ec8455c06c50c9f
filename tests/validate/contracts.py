"""Models for validate's tests, given as sigcheck.signatures/v1 contracts (no SavedModel needed)."""

from __future__ import annotations

from sigcheck.model.contract import from_contract


def contract(inputs: dict, outputs: dict | None = None, key: str = "serving_default", extra: dict | None = None):
    """A model whose signature ``key`` takes ``inputs`` ({name: (dtype, shape)}) and returns ``outputs`` (default:
    ``y`` float (-1, 1)); ``extra`` adds further signatures as they are written in a contract."""
    sigs = {key: {"method_name": "tensorflow/serving/predict",
                  "inputs": {n: {"dtype": dt, "shape": shape} for n, (dt, shape) in inputs.items()},
                  "outputs": {n: {"dtype": dt, "shape": shape}
                              for n, (dt, shape) in (outputs or {"y": ("DT_FLOAT", [-1, 1])}).items()}}}
    sigs.update(extra or {})
    return from_contract({"format": "sigcheck.signatures/v1", "signatures": sigs}, "test")
