"""Values for a string input that a ``ParseExample`` op reads: serialized tf.Examples built from the parse node's
feature spec (:func:`sigcheck.model.feeds.example_specs`), base64 in ``{"b64": …}``, and how the schema says so.

Every dense feature is written (with its declared number of values; one element of a variable-length
``FixedLenSequenceFeature``), features with a default too; a sparse or ragged feature gets two values.  Floats in
[0, 1) with 4 decimals, int64 0..9, words for strings — drawn from a stream seeded by (seed, input name, instance),
so the first N instances of a bigger batch are the instances of batch N.
"""

from __future__ import annotations

import base64
import math
import zlib
from typing import Any

import numpy as np

_KINDS = {"DT_FLOAT": "float_list", "DT_INT64": "int64_list", "DT_STRING": "bytes_list"}
_NAMES = {"DT_FLOAT": "float", "DT_INT64": "int64", "DT_STRING": "string"}


def _count(feature: Any) -> int:
    if feature.kind != "dense":
        return 2
    shape = tuple(feature.shape)
    if shape and shape[0] == -1:  # FixedLenSequenceFeature: one element
        shape = shape[1:]
    return math.prod(d for d in shape if d >= 0)


def example_bytes(spec: Any, seed: int, name: str, index: int) -> bytes:
    """Instance ``index``'s serialized tf.Example for input ``name`` with the features of ``spec``."""
    from ..batch.example import serialize_example
    from .sample import WORDS

    rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8")), index])
    features: dict[str, dict[str, list[Any]]] = {}
    for f in spec.features:
        kind = _KINDS.get(f.dtype)
        if kind is None:
            continue
        u = rng.random(_count(f))
        if kind == "float_list":
            values: list[Any] = np.round(u, 4).tolist()
        elif kind == "int64_list":
            values = (u * 10).astype(np.int64).tolist()
        else:
            values = [WORDS[i].encode() for i in (u * len(WORDS)).astype(np.int64).tolist()]
        features[f.key] = {kind: values}
    return serialize_example(features)


def example_leaves(spec: Any, count: int, seed: int, name: str) -> list[dict[str, str]]:
    """``count`` values ``{"b64": …}`` of serialized tf.Examples for input ``name``."""
    return [{"b64": base64.b64encode(example_bytes(spec, seed, name, i)).decode("ascii")} for i in range(count)]


def describe_features(spec: Any) -> str:
    """``age float [1], occupation string [] (default), tags int64 sparse``."""
    parts = []
    for f in spec.features:
        what = (f"{_NAMES.get(f.dtype, f.dtype)} [{','.join(str(d) for d in f.shape)}]" if f.kind == "dense"
                else f"{_NAMES.get(f.dtype, f.dtype)} {f.kind}")
        parts.append(f"{f.key} {what}" + (" (default)" if f.kind == "dense" and f.has_default else ""))
    return ", ".join(parts) if parts else "features not read from the graph"


def example_note(name: str, spec: Any) -> str:
    """What ``sample`` says about such an input."""
    return (f"input \"{name}\" feeds a {spec.op} op: each value is a serialized tf.Example built from its feature "
            f"spec ({describe_features(spec)}), base64 in {{\"b64\": ...}} (plain words would be refused: "
            "\"Could not parse example input\")")


def example_description(spec: Any) -> str:
    """What the schema says about such an input's values."""
    return (f"a serialized tf.Example, base64-encoded as {{\"b64\": \"...\"}}: the model parses this input with "
            f"{spec.op} (features: {describe_features(spec)}); TF Serving's JSON layer takes any string, but the op "
            "refuses one that is not a tf.Example (400 Could not parse example input)")
