"""The tf.Example check agrees with TensorFlow's own tf.io.parse_example, record by record."""

from __future__ import annotations

import random

import pytest

from sigcheck.batch.example import check_example, example_spec

from . import wire

pytestmark = pytest.mark.tf


def _mutations(rng: random.Random) -> list[bytes]:
    base = wire.good()
    kinds = ["float", "int64", "bytes"]
    out = [wire.example(base), wire.example({}), b"", b"\x0a\x02\x0a", b"\xff\x01", b"not a proto at all"]
    for key in base:
        out.append(wire.example({k: v for k, v in base.items() if k != key}))              # missing
        for kind in kinds:
            for n in (0, 1, 2, 3, 4, 6):
                vals = [b"v"] * n if kind == "bytes" else [1.0] * n
                out.append(wire.example({**base, key: (kind, vals)}))                       # kind and count
    out.append(wire.example({**base, "extra": ("float", [1.0])}))                           # unknown feature
    out.append(wire.example(base) + wire.example({"age": ("float", [1.0, 2.0])}))           # merged, last wins
    out.append(wire.example(base)[:-3])                                                     # truncated
    empty_feature = wire.field(1, wire.field(1, wire.field(1, b"age") + wire.field(2, b"")))
    out.append(wire.example({k: v for k, v in base.items() if k != "age"}) + empty_feature)  # no list set
    for _ in range(40):
        features = {k: v for k, v in base.items() if rng.random() > 0.15}
        key = rng.choice(list(base))
        kind = rng.choice(kinds)
        n = rng.randint(0, 5)
        features[key] = (kind, [b"x"] * n if kind == "bytes" else [2.0] * n)
        out.append(wire.example(features))
    return out


def test_check_agrees_with_parse_example(example_model):
    import tensorflow as tf

    from .make_models import feature_spec

    spec = example_spec(example_model, "serving_default")
    assert spec is not None and spec.op == "ParseExampleV2"
    records = _mutations(random.Random(7))
    features = feature_spec()
    disagree = []
    refused = 0
    for i, data in enumerate(records):
        try:
            tf.io.parse_example(tf.constant([data]), features)
            tf_ok = True
        except (tf.errors.InvalidArgumentError, ValueError):
            tf_ok = False
        ours = check_example(data, spec)
        refused += not tf_ok
        if tf_ok != (not ours):
            disagree.append((i, data, tf_ok, [f.message for f in ours]))
    assert not disagree, disagree[:5]
    assert 20 < refused < len(records) - 20  # both kinds of record are there
