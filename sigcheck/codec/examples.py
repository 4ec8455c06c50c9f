"""``:classify`` / ``:regress`` request bodies → tf.Example features, as TF Serving converts them (SPEC §15).

``{"signature_name"?: str, "context"?: {feature: value|list}, "examples": [{feature: value|list}, …]}``.  Each
feature gets one kind from its first element: a string or b64 object → ``bytes_list``, a double (a literal with
``.``/exponent, or NaN/Inf) → ``float_list``, an integer or ``true``/``false`` → ``int64_list``.  Features are not
checked against the signature at this layer.  Messages are TF Serving's, verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import messages as msg
from .b64 import unescape as b64_unescape
from .debugstring import debug_string
from .rapidjson import JSONParseError, loads, members
from .request import is_b64_object, json_type
from .response import http_status

Features = dict[str, dict[str, list[Any]]]
"""feature name → {"bytes_list"|"float_list"|"int64_list": values} (an empty dict when no kind was set)."""


@dataclass(frozen=True)
class DecodedExamples:
    accepted: bool
    http_status: int
    error: str | None
    status_code: str | None
    signature_name: str = ""
    context: Features | None = None
    examples: list[Features] = field(default_factory=list)


class _Reject(Exception):
    pass


_KIND_NAME = {"bytes_list": "bytes", "float_list": "float", "int64_list": "int64"}


def _add(val: Any, name: str, feature: dict[str, list[Any]]) -> None:
    """``AddValueToFeature``."""
    kind = next(iter(feature), None)

    def need(k: str) -> list[Any]:
        if kind is not None and kind != k:
            raise _Reject(f"Unexpected element type in feature: {name} expecting type: {_KIND_NAME[kind]}")
        return feature.setdefault(k, [])

    if val is None or isinstance(val, list):
        raise _Reject(f"Feature: {name} has element with unexpected JSON type: {json_type(val)}")
    if val is True or val is False:
        need("int64_list").append(1 if val else 0)
    elif isinstance(val, dict):
        if not is_b64_object(val):
            raise _Reject(f"Feature: {name} has element with unexpected JSON type: Object")
        values = need("bytes_list")
        data = b64_unescape(val["b64"].encode("utf-8", "surrogateescape"))
        if data is None:
            raise _Reject(msg.E27_BASE64)
        values.append(data)
    elif isinstance(val, str):
        need("bytes_list").append(val.encode("utf-8", "surrogateescape"))
    elif isinstance(val, float):
        need("float_list").append(float(np.float32(val)))
    else:  # an integer literal
        values = need("int64_list")
        if val > 2**63 - 1:
            raise _Reject(f"Feature: {name} has uint64_t element. Only int64_t is supported.")
        values.append(val)


def _example(val: Any) -> Features:
    """``MakeExampleFromJsonObject``."""
    if not isinstance(val, dict):
        raise _Reject(f"Example must be JSON object but got JSON {json_type(val)}")
    out: Features = {}
    for name, content in members(val):
        feature: dict[str, list[Any]] = {}
        for v in content if isinstance(content, list) else [content]:
            _add(v, name, feature)
        out[name] = feature
    return out


def decode_examples(body: bytes) -> DecodedExamples:
    """TF Serving's ``FillClassifyRegressRequestFromJson`` on ``body`` (the same for classify and regress)."""

    def fail(text: str) -> DecodedExamples:
        return DecodedExamples(False, http_status(msg.INVALID_ARGUMENT), text, msg.INVALID_ARGUMENT)

    if not body:
        return fail(msg.E1_EMPTY)
    try:
        root = loads(body)
    except JSONParseError as exc:
        return fail(msg.e2_parse(exc.message, exc.offset))
    if not isinstance(root, dict):
        return fail(msg.e3_not_object(debug_string(root)))
    signame = ""
    if "signature_name" in root:
        if not isinstance(root["signature_name"], str):
            return fail(msg.e4_signature_type(debug_string(root)))
        signame = root["signature_name"]
    try:
        context = _example(root["context"]) if "context" in root else None
        if "examples" not in root:
            raise _Reject(f"JSON Value: {debug_string(root)} When method is classify, key 'examples' is expected and "
                          "was not found")
        examples = root["examples"]
        if not isinstance(examples, list):
            raise _Reject(f"JSON Value: {debug_string(root)} Expecting 'examples' value to be an list/array")
        if not examples:
            raise _Reject(f"JSON Value: {debug_string(root)} 'examples' value is an empty array")
        out = [_example(e) for e in examples]
    except _Reject as rej:
        return fail(str(rej))
    return DecodedExamples(True, 200, None, None, signame, context, out)
