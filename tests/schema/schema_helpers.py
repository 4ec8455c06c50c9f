"""Helpers for the schema/sample tests: signatures from plain data, and a draft 2020-12 validator."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from sigcheck.model.types import PREDICT_METHOD, Signature, TensorSpec


Specs = dict[str, tuple[str, tuple[int, ...] | None]]


def make_signature(inputs: Specs, key: str = "serving_default", outputs: Specs | None = None) -> Signature:
    """``{"x": ("DT_FLOAT", (-1, 3))}`` → a predict Signature (one output ``y`` (-1, 1) float by default)."""
    outputs = {"y": ("DT_FLOAT", (-1, 1))} if outputs is None else outputs
    return Signature(
        key=key,
        method_name=PREDICT_METHOD,
        inputs={n: TensorSpec(n, dt, shape, tensor_name=f"{n}:0") for n, (dt, shape) in inputs.items()},
        outputs={n: TensorSpec(n, dt, shape, tensor_name=f"{n}:0") for n, (dt, shape) in outputs.items()},
    )


_CHECKED: dict[str, jsonschema.Draft202012Validator] = {}


def validator(schema: dict[str, Any], *, check: bool = True) -> jsonschema.Draft202012Validator:
    """A validator for ``schema``; checked against the draft 2020-12 metaschema (once per schema) unless
    ``check=False`` (the metaschema check costs ~0.2 s, too much inside property tests)."""
    if not check:
        return jsonschema.Draft202012Validator(schema)
    key = json.dumps(schema, sort_keys=True)
    found = _CHECKED.get(key)
    if found is None:
        jsonschema.Draft202012Validator.check_schema(schema)
        found = _CHECKED[key] = jsonschema.Draft202012Validator(schema)
        if len(_CHECKED) > 256:
            _CHECKED.pop(next(iter(_CHECKED)))
    return found


def errors(schema: dict[str, Any], instance: Any, *, check: bool = True) -> list[str]:
    """Every validation error, as ``<json path>: <message>`` (empty when valid)."""
    return [f"{e.json_path}: {e.message}" for e in validator(schema, check=check).iter_errors(instance)]


def body_json(body: bytes) -> Any:
    return json.loads(body)

