"""Helpers for the schema/sample tests: signatures from plain data, and a draft 2020-12 validator."""

from __future__ import annotations

import json
from typing import Any

import jsonschema

from sigcheck.model.types import PREDICT_METHOD, Signature, TensorSpec


Specs = dict[str, tuple[str, "tuple[int, ...] | None | str"]]
UNRECORDED = "unrecorded"
"""A shape the SignatureDef does not record (TF 1.0 exports): ``()`` as TensorFlow shows it, ``shape_recorded``
False."""


def spec(name: str, dt: str, shape: tuple[int, ...] | None | str) -> TensorSpec:
    if shape == UNRECORDED:
        return TensorSpec(name, dt, (), tensor_name=f"{name}:0", shape_recorded=False)
    return TensorSpec(name, dt, shape, tensor_name=f"{name}:0")  # type: ignore[arg-type]


def make_signature(inputs: Specs, key: str = "serving_default", outputs: Specs | None = None) -> Signature:
    """``{"x": ("DT_FLOAT", (-1, 3))}`` → a predict Signature (one output ``y`` (-1, 1) float by default); a shape
    of :data:`UNRECORDED` is one the signature does not record."""
    outputs = {"y": ("DT_FLOAT", (-1, 1))} if outputs is None else outputs
    return Signature(
        key=key,
        method_name=PREDICT_METHOD,
        inputs={n: spec(n, dt, shape) for n, (dt, shape) in inputs.items()},
        outputs={n: spec(n, dt, shape) for n, (dt, shape) in outputs.items()},
    )


TF1_SAVED_MODEL = """
meta_graphs {
  meta_info_def { tags: "serve" tensorflow_version: "1.0.0-rc2" }
  signature_def { key: "serving_default" value {
    inputs { key: "x" value { name: "x:0" dtype: DT_FLOAT } }
    outputs { key: "y" value { name: "y:0" dtype: DT_FLOAT } }
    method_name: "tensorflow/serving/predict" } }
  signature_def { key: "scalar" value {
    inputs { key: "x" value { name: "x:0" dtype: DT_FLOAT tensor_shape {} } }
    outputs { key: "y" value { name: "y:0" dtype: DT_FLOAT tensor_shape { dim { size: -1 } } } }
    method_name: "tensorflow/serving/predict" } }
}
"""
"""A SavedModel written like TF 1.0 wrote TF Serving's ``saved_model_half_plus_three``: ``serving_default``'s
TensorInfos have no ``tensor_shape`` at all; ``scalar`` records a real rank-0 input."""


def write_tf1_saved_model(base: Any) -> Any:
    """``base``/1/saved_model.pb from :data:`TF1_SAVED_MODEL` (binary protobuf, as TensorFlow writes it)."""
    from google.protobuf import text_format

    from sigcheck.model.proto import saved_model_pb2 as pb

    version = base / "1"
    version.mkdir(parents=True)
    message = text_format.Parse(TF1_SAVED_MODEL, pb.SavedModel())
    (version / "saved_model.pb").write_bytes(message.SerializeToString())
    return base


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

