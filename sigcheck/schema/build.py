"""JSON Schema (draft 2020-12) of a predict request body, and the OpenAPI 3.0 instance schema Vertex AI takes.

Two strictnesses:

* ``strict=True`` (default), the *declared contract*: nesting depth from each input's rank, ``minItems``/``maxItems``
  for known dimensions, the dtype's own integer range (uint8 0..255), ``{"b64": …}`` only for ``_bytes``
  inputs, no unknown keys.  Stricter than TF Serving, which never reads declared shapes (SPEC §9).
* ``strict=False``, *what TF Serving's JSON layer accepts* as far as a schema can say it: any nesting depth,
  the integer range TF Serving checks (int32 for int8/int16/uint8), plain strings or b64 for every DT_STRING
  input, and keys TF Serving ignores (unknown top-level keys, extra keys in a columnar ``inputs`` object).

Leaf rules come from :mod:`sigcheck.codec.dtypes`; what a schema cannot say is listed in :data:`LIMITS`.
"""

from __future__ import annotations

import json
import math
from typing import Any, Mapping
from urllib.parse import quote

from ..codec.dtypes import DType
from ..model.types import DEFAULT_SIGNATURE, Signature, format_shape
from .layout import (
    BINARY_SUFFIX,
    TARGETS,
    InputView,
    RequestImpossibleError,
    check_callable,
    check_target,
    fixed_batch,
    input_views,
    quoted,
    row_obstacle,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
B64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$"
"""Standard-alphabet base64, padding optional (absl::Base64Unescape's rules, without its whitespace skipping)."""
B64_PATTERN_LENIENT = r"^[A-Za-z0-9+/=.\s]*$"
"""The characters absl::Base64Unescape can accept (whitespace is skipped, ``.`` pads); decodability is not checked."""
EXAMPLE_MAX_CHARS = 2000
"""Sample requests (and per-input examples) longer than this are left out of the schema."""

LIMITS = (
    "NaN, Infinity and -Infinity: TF Serving's parser accepts these tokens for float/double inputs; they are not "
    "JSON, so a JSON Schema validator (and a strict JSON parser) cannot judge them.",
    "Duplicate keys: a schema sees one value; TF Serving takes the first top-level key and appends every copy "
    "inside an instance.",
    "Integer literals: JSON Schema's \"integer\" accepts 1.0; TF Serving rejects a number with a fraction or an "
    "exponent for integer inputs.",
    "Rectangular tensors: equal sizes across instances and inside one value are enforced only for dimensions the "
    "signature fixes; for unknown (-1) dimensions and unknown-rank inputs TF Serving rejects ragged values but a "
    "schema cannot compare lengths.",
    "Shared batch size: in the columnar form a schema cannot require every input to have the same first dimension "
    "(TF Serving does not either; the model usually does).",
    "Base64: the pattern checks the alphabet and length, not that the bytes are a valid image.",
    "Bytes on the wire: data after the JSON value, a UTF-8 BOM, invalid UTF-8, and body size limits (Vertex AI "
    "online prediction: 1.5 MB) are outside a schema.",
)


def _pointer(*parts: str) -> str:
    """A ``$ref`` to ``#/$defs/…``: JSON-pointer escaped, then percent-encoded for the URI fragment."""
    escaped = (p.replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(quote(p, safe=":$~-_.!*'()") for p in escaped)


def _integer_range(dt: DType, strict: bool) -> tuple[int, int]:
    if strict and dt.natural_min is not None and dt.natural_max is not None:
        return dt.natural_min, dt.natural_max
    assert dt.minimum is not None and dt.maximum is not None  # the table gives every integer dtype a range
    return dt.minimum, dt.maximum


def b64_schema(*, strict: bool, openapi: bool = False) -> dict[str, Any]:
    """``{"b64": "<base64>"}``: exactly one member, a string (SPEC §6)."""
    value: dict[str, Any] = {"type": "string"}
    if openapi:
        value["format"] = "byte"
    else:
        value["contentEncoding"] = "base64"
        value["pattern"] = B64_PATTERN if strict else B64_PATTERN_LENIENT
    return {
        "type": "object",
        "description": "binary data, base64-encoded (standard alphabet)",
        "properties": {"b64": value},
        "required": ["b64"],
        "additionalProperties": False,
    }


def leaf_schema(view: InputView, *, strict: bool, openapi: bool = False,
                example: Any = None) -> dict[str, Any] | bool:
    """The schema of one element of the input's tensor, from the dtype table.  ``example``: the
    :class:`~sigcheck.batch.example.ExampleSpec` of the parse op the input feeds (its values are serialized
    tf.Examples: ``{"b64": …}``; a plain string too when not ``strict``, as TF Serving's JSON layer takes it)."""
    dt = view.dt
    if example is not None and dt.json_kind == "string":
        from .examples import example_description

        b64 = dict(b64_schema(strict=strict, openapi=openapi), description=example_description(example))
        if strict:
            return b64
        return {"description": example_description(example), "anyOf": [{"type": "string"}, b64]}
    kind = dt.json_kind
    if kind is None:
        return False  # TF Serving answers UNIMPLEMENTED for any leaf; only empty arrays get through
    if kind == "number":
        out: dict[str, Any] = {"type": "number", "description": f"{dt.tf_name}: a JSON number (integers too); "
                               "TF Serving also takes the non-JSON tokens NaN, Infinity, -Infinity"}
        if openapi:
            out["format"] = "float" if dt.name == "DT_FLOAT" else "double"
        return out
    if kind == "integer":
        lo, hi = _integer_range(dt, strict)
        text = f"{dt.tf_name}: a JSON integer in [{lo}, {hi}]"
        if strict and (lo, hi) != (dt.minimum, dt.maximum):
            text += f" (TF Serving takes any integer in [{dt.minimum}, {dt.maximum}] here and wraps it)"
        out = {"type": "integer", "minimum": lo, "maximum": hi, "description": text}
        if openapi:
            out["format"] = "int64" if dt.name in ("DT_INT64", "DT_UINT32", "DT_UINT64") else "int32"
        return out
    if kind == "boolean":
        return {"type": "boolean", "description": f"{dt.tf_name}: true or false (not 0/1)"}
    b64 = b64_schema(strict=strict, openapi=openapi)
    if view.binary:
        b64 = dict(b64, description=f'binary string: the name ends in "{BINARY_SUFFIX}", so by TF Serving\'s '
                   'convention the bytes are sent base64-encoded as {"b64": "..."}')
        if strict:
            return b64
    return {"description": f'{dt.tf_name}: a JSON string, or {{"b64": "..."}} for binary data',
            "anyOf": [{"type": "string"}, b64]}


def _nest(leaf: dict[str, Any] | bool, dims: tuple[int, ...]) -> dict[str, Any] | bool:
    schema = leaf
    for size in reversed(dims):
        arr: dict[str, Any] = {"type": "array", "items": schema}
        if size >= 0:
            arr["minItems"] = arr["maxItems"] = size
        schema = arr
    return schema


def _any_depth(leaf: dict[str, Any] | bool, self_ref: str) -> dict[str, Any]:
    return {"anyOf": [leaf, {"type": "array", "items": {"$ref": self_ref}}]}


def _titled(body: dict[str, Any] | bool, title: str, description: str) -> dict[str, Any]:
    """``body`` with a title and description (a leaf's own description is kept after ours)."""
    entry = dict(body) if isinstance(body, dict) else {"not": {}}
    inner = entry.pop("description", None)
    entry = {"title": title, "description": f"{description}; {inner}" if inner else description, **entry}
    return entry


def _short_json(value: Any) -> str | None:
    text = json.dumps(value, allow_nan=False)
    return text if len(text) <= EXAMPLE_MAX_CHARS else None


class _Builder:
    def __init__(self, signature: Signature, *, strict: bool, target: str,
                 example_specs: Mapping[str, Any] | None = None) -> None:
        if target not in TARGETS:
            raise ValueError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
        self.signature = signature
        self.strict = strict
        self.target = target
        self.views = input_views(signature)
        self.defs: dict[str, Any] = {}
        self.example_specs = dict(example_specs or {})
        self.examples = _examples(signature, strict=strict, target=target, example_specs=self.example_specs)

    def leaf(self, view: InputView, *, strict: bool) -> dict[str, Any] | bool:
        return leaf_schema(view, strict=strict, example=self.example_specs.get(view.name))

    # per-input definitions -------------------------------------------------------------------------------
    def _any_ref(self, view: InputView) -> str:
        key = f"any:{view.name}"
        if key not in self.defs:
            ref = _pointer("$defs", key)
            self.defs[key] = dict(_any_depth(self.leaf(view, strict=self.strict), ref),
                                  description=f"{view.describe()}: a value or nested lists of values, any depth")
        return _pointer("$defs", key)

    def tensor_ref(self, view: InputView) -> dict[str, Any]:
        """The whole tensor (columnar form)."""
        key = f"tensor:{view.name}"
        if key not in self.defs:
            shape = view.spec.known_shape
            body: dict[str, Any] | bool
            if shape is None or not self.strict:
                body = {"$ref": self._any_ref(view)}
            else:
                body = _nest(self.leaf(view, strict=True), shape)
                if shape and shape[0] < 0 and isinstance(body, dict):
                    body["minItems"] = 1  # a batch, like "instances", is not empty
            entry = _titled(body, view.name, f"{view.describe()}; the whole tensor (columnar form)")
            example = self.examples.get("tensor", {}).get(view.name)
            if example is not None:
                entry["examples"] = [example]
            self.defs[key] = entry
        return {"$ref": _pointer("$defs", key)}

    def instance_ref(self, view: InputView) -> dict[str, Any]:
        """One instance: the tensor without its batch dimension (row form)."""
        key = f"instance:{view.name}"
        if key not in self.defs:
            shape = view.spec.known_shape
            body: dict[str, Any] | bool
            if shape is None or not self.strict:
                body = {"$ref": self._any_ref(view)}
                per = "any shape"
            else:
                body = _nest(self.leaf(view, strict=True), shape[1:])
                per = f"shape {format_shape(shape[1:])}"
            entry = _titled(body, f"{view.name} (one instance)",
                            f"{view.describe()}; one instance has {per} (row form)")
            example = self.examples.get("instance", {}).get(view.name)
            if example is not None:
                entry["examples"] = [example]
            self.defs[key] = entry
        return {"$ref": _pointer("$defs", key)}

    # the two forms -------------------------------------------------------------------------------------
    def row_obstacle(self) -> str | None:
        return row_obstacle(self.signature) if self.strict else None

    def named_instance(self) -> dict[str, Any]:
        names = [v.name for v in self.views]
        return {
            "type": "object",
            "description": "one instance: an object keyed by input name, every input present"
            + ("" if len(names) == 1 else " (several inputs need this form)"),
            "properties": {v.name: self.instance_ref(v) for v in self.views},
            "required": names,
            "additionalProperties": False,
        }

    def instances(self) -> dict[str, Any]:
        base: dict[str, Any] = {"type": "array", "minItems": 1}
        batch = fixed_batch(self.signature) if self.strict else None
        if batch is not None:
            base["minItems"] = base["maxItems"] = batch
        by_name = dict(base, items=self.named_instance())
        if len(self.views) > 1:
            return {"title": "instances (row form)",
                    "description": "a non-empty list of instances, each an object keyed by input name", **by_name}
        plain = dict(base, items=self.instance_ref(self.views[0]))
        return {
            "title": "instances (row form)",
            "description": "a non-empty list of instances: all plain values of the input, or all objects keyed "
            "by its name (TF Serving decides by the first item)",
            "anyOf": [plain, by_name],
        }

    def inputs(self) -> dict[str, Any]:
        named = {
            "type": "object",
            "properties": {v.name: self.tensor_ref(v) for v in self.views},
            "required": [v.name for v in self.views],
            "additionalProperties": not self.strict,
        }
        if len(self.views) > 1:
            return {"title": "inputs (columnar form)",
                    "description": "an object with every input's whole tensor, keyed by input name"
                    + ("" if self.strict else "; TF Serving ignores extra keys"), **named}
        return {
            "title": "inputs (columnar form)",
            "description": "the input's whole tensor, or an object keyed by its name",
            "anyOf": [self.tensor_ref(self.views[0]), named],
        }

    # the document -------------------------------------------------------------------------------------
    def document(self) -> dict[str, Any]:
        sig = self.signature
        vertex = self.target == "vertex"
        check_target(sig, self.target)
        obstacle = self.row_obstacle()
        if vertex and obstacle:
            raise RequestImpossibleError(f"Vertex AI takes only the row form (instances), and {obstacle}",
                                         hint="send it to TF Serving in the columnar form, or re-export the "
                                         "signature with a batch dimension on every input")
        props: dict[str, Any] = {}
        if not vertex:
            if sig.key == DEFAULT_SIGNATURE:
                props["signature_name"] = {
                    "description": f"optional: absent or \"\" means {DEFAULT_SIGNATURE}", "type": "string",
                    "enum": [DEFAULT_SIGNATURE, ""]}
            else:
                props["signature_name"] = {"description": f"required: this schema is for signature "
                                           f"{quoted(sig.key)}", "const": sig.key}
        if obstacle is None:
            props["instances"] = self.instances()
        if not vertex:
            props["inputs"] = self.inputs()
        props["parameters"] = {
            "description": "Vertex AI prediction parameters (TF Serving ignores this key)",
            **({"type": "object"} if self.strict or vertex else {}),
        }
        doc: dict[str, Any] = {
            "$schema": DRAFT,
            "title": (f"Vertex AI predict request for signature {quoted(sig.key)}" if vertex
                      else f"TF Serving predict request for signature {quoted(sig.key)}"),
            "description": self.description(obstacle),
            "type": "object",
            "properties": props,
        }
        required = [] if vertex or sig.key == DEFAULT_SIGNATURE else ["signature_name"]
        if vertex or obstacle is not None:
            required.append("instances" if vertex else "inputs")
        else:
            doc["oneOf"] = [{"required": ["instances"]}, {"required": ["inputs"]}]
        if required:
            doc["required"] = required
        doc["additionalProperties"] = bool(not self.strict and not vertex)
        doc["$defs"] = dict(sorted(self.defs.items()))
        body = self.examples.get("body")
        if body is not None:
            doc["examples"] = [body]
        return doc

    def description(self, obstacle: str | None) -> str:
        sig = self.signature
        lines = [f"Request body for signature {quoted(sig.key)} ({sig.method_name or 'no method name'}), "
                 f"generated by sigcheck from the signature's inputs:"]
        lines += [f"- {v.describe()}" + (" (serialized tf.Example: send {\"b64\": ...})" if v.name in self.example_specs
                                         else " (binary: name ends in \"_bytes\", send {\"b64\": ...})" if v.binary
                                         else "")
                  for v in self.views]
        if self.target == "vertex":
            lines.append("Vertex AI's predict API takes {\"instances\": [...], \"parameters\": {...}} and serves "
                         f"the {DEFAULT_SIGNATURE} signature.")
        elif obstacle:
            lines.append(f"Send \"inputs\" (columnar form); the row form is unavailable: {obstacle}.")
        else:
            lines.append("Send exactly one of \"instances\" (row form) or \"inputs\" (columnar form).")
        if self.strict:
            lines.append("Strict contract: declared shapes are enforced (TF Serving itself never checks them), "
                         "integer ranges are the dtype's own, and unknown keys are rejected.")
        else:
            lines.append("Lenient: mirrors TF Serving's JSON layer, which ignores declared shapes and unknown keys.")
        lines.append("What this schema cannot express:")
        lines += [f"- {item}" for item in LIMITS]
        return "\n".join(lines)


def _examples(signature: Signature, *, strict: bool, target: str,
              example_specs: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The default sample request, and per-input example values, when they are short enough to show."""
    from .sample import build_sample

    try:
        sample = build_sample(signature, target=target, examples=example_specs)
    except RequestImpossibleError:
        return {}
    found: dict[str, Any] = {"tensor": {}, "instance": {}}
    if sample.size <= EXAMPLE_MAX_CHARS:
        found["body"] = json.loads(sample.body)
    for name, value in sample.values.items():
        leaves = math.prod(sample.shapes[name])
        if leaves > EXAMPLE_MAX_CHARS // 2:  # every leaf takes at least a digit and a separator
            continue
        if _short_json(value) is not None:
            found["tensor"][name] = value
        if sample.layout == "row" and isinstance(value, list) and value and _short_json(value[0]) is not None:
            found["instance"][name] = value[0]
    return found


def request_schema(signature: Signature, *, strict: bool = True, target: str = "tf-serving",
                   examples: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a predict request body for ``signature``.

    ``target="tf-serving"``: ``instances`` (row) or ``inputs`` (columnar), ``signature_name`` (required unless the
    signature is ``serving_default``), and ``parameters`` (Vertex AI's, ignored by TF Serving).
    ``target="vertex"``: ``instances`` and ``parameters`` only.  ``strict`` chooses the declared contract (True)
    or TF Serving's own acceptance (False); see the module docstring.  Raises
    :class:`~sigcheck.schema.layout.RequestImpossibleError` when REST predict cannot call the signature (no
    inputs; a dtype REST cannot carry, in strict mode).  ``examples``: input name → the ExampleSpec of the parse op
    it feeds (:func:`sigcheck.model.feeds.example_specs`): its values are described, and sampled, as base64
    serialized tf.Examples.

    >>> from sigcheck.model.types import Signature, TensorSpec
    >>> sig = Signature("serving_default", "tensorflow/serving/predict",
    ...                 {"x": TensorSpec("x", "DT_FLOAT", (-1, 3))}, {})
    >>> request_schema(sig)["$defs"]["instance:x"]["maxItems"]
    3
    """
    if strict:
        check_callable(signature)
    elif not signature.inputs:
        check_callable(signature)
    return _Builder(signature, strict=strict, target=target, example_specs=examples).document()


# OpenAPI 3.0 -------------------------------------------------------------------------------------------------

def _openapi_value(view: InputView, dims: tuple[int, ...] | None, *, strict: bool,
                   example: Any = None) -> dict[str, Any]:
    leaf = leaf_schema(view, strict=strict, openapi=True, example=example)
    if not isinstance(leaf, dict):
        leaf = {"not": {}}
    if dims is None or not strict:
        return {"description": f"{view.describe()}: a value or nested lists of values, any depth "
                "(OpenAPI 3.0 cannot describe recursion without components)"}
    schema = _nest(leaf, dims)
    assert isinstance(schema, dict)
    return schema


def instance_schema(signature: Signature, *, strict: bool = True,
                    examples: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One element of ``instances`` as an OpenAPI 3.0 schema object (Vertex AI's ``instance_schema_uri`` format).

    OpenAPI 3.0 has no ``$defs``/recursion, ``const`` or ``examples``: unknown-rank inputs are left unconstrained
    and described, and one ``example`` is given.  JSON is valid YAML, so the output can be stored as ``.yaml``.
    """
    check_callable(signature)
    obstacle = row_obstacle(signature) if strict else None
    if obstacle:
        raise RequestImpossibleError(f"Vertex AI instances are the row form, and {obstacle}",
                                     hint="re-export the signature with a batch dimension on every input")
    views = input_views(signature)
    specs = dict(examples or {})
    examples = _examples(signature, strict=strict, target="vertex", example_specs=specs)
    per_input = {}
    for v in views:
        shape = v.spec.known_shape
        value = _titled(_openapi_value(v, None if shape is None else shape[1:], strict=strict,
                                       example=specs.get(v.name)), v.name, v.describe())
        if v.name in examples.get("instance", {}):
            value["example"] = examples["instance"][v.name]
        per_input[v.name] = value
    title = f"{signature.key} instance"
    if len(views) == 1:
        doc = dict(per_input[views[0].name], title=title)
        doc["description"] = f"One instance for signature {quoted(signature.key)}: {views[0].describe()}"
        if views[0].name in specs:
            from .examples import example_description

            doc["description"] += f"; {example_description(specs[views[0].name])}"
        return doc
    return {
        "title": title,
        "description": f"One instance for signature {quoted(signature.key)}: an object keyed by input name",
        "type": "object",
        "properties": per_input,
        "required": [v.name for v in views],
        "additionalProperties": False,
    }


def dumps_schema(doc: Any) -> str:
    """Indented JSON (2 spaces) with lists of scalars kept on one line, ending in a newline."""
    return _pretty(doc, 0) + "\n"


def _pretty(value: Any, level: int) -> str:
    pad, inner = "  " * level, "  " * (level + 1)
    if isinstance(value, dict) and value:
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {_pretty(v, level + 1)}" for k, v in value.items())
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "[\n" + ",\n".join(inner + _pretty(v, level + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)
