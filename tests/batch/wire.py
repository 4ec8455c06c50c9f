"""Hand-encoded tf.Example wire bytes for the tests (no TensorFlow): a feature is (kind, values)."""

from __future__ import annotations

import struct


def varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number: int, payload: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def feature(kind: str, values: list) -> bytes:
    if kind == "bytes":
        body = b"".join(field(1, v if isinstance(v, bytes) else str(v).encode()) for v in values)
        return field(1, body)
    if kind == "float":
        return field(2, field(1, struct.pack(f"<{len(values)}f", *values)) if values else b"")
    return field(3, field(1, b"".join(varint(int(v)) for v in values)) if values else b"")


def example(features: dict[str, tuple[str, list]]) -> bytes:
    entries = b"".join(field(1, field(1, k.encode()) + field(2, feature(kind, vals)))
                       for k, (kind, vals) in features.items())
    return field(1, entries)


def good(i: int = 0) -> dict[str, tuple[str, list]]:
    """An Example tests/batch/models/tf_example parses."""
    return {"age": ("float", [30.0 + i]), "occupation": ("bytes", [b"clerk"]), "emb": ("float", [1.0, 2.0, 3.0]),
            "seq": ("float", [1.0, 2.0, 3.0, 4.0]), "tags": ("bytes", [b"a", b"b"]), "ids": ("int64", [1, 2, 3])}
