"""Byte and text mutations drawn by hypothesis (shared by the fuzz targets)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

SPECIAL_TEXT = ["{", "}", "<", ">", ":", "\"", "\\", "#", "\n", "node {", "func { name: \"f\" }",
                "attr { key: \"f\" value { func { name: \"x\" } } }", "saver_def { restore_op_name: \"w\" }",
                "collection_def { key: \"saved_model_main_op\" value { node_list { value: \"w\" } } }",
                "9" * 5000, "-", "unknown_field: 1", "[type.googleapis.com/x] {}", "\xff", "\u0000"]


@st.composite
def mutated_bytes(draw: Any, data: bytes, max_ops: int = 4) -> bytes:
    """``data`` with 1..max_ops edits: flip, delete, insert, duplicate, truncate, or splice a varint."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, max_ops))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "varint"]))
        n = len(out)
        at = draw(st.integers(0, max(n - 1, 0)))
        if kind == "flip" and n:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "delete" and n:
            del out[at:at + draw(st.integers(1, 64))]
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif kind == "duplicate" and n:
            piece = out[at:at + draw(st.integers(1, 256))]
            out[at:at] = piece * draw(st.integers(1, 8))
        elif kind == "truncate":
            del out[at:]
        elif kind == "varint" and n:  # a huge length or field number where one was
            out[at:at + 1] = b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"
    return bytes(out)


@st.composite
def mutated_text(draw: Any, text: str, max_ops: int = 4) -> str:
    """``text`` with 1..max_ops edits: delete a span, insert a token, duplicate a line, nest braces deeply."""
    out = text
    for _ in range(draw(st.integers(1, max_ops))):
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "nest", "random"]))
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if kind == "delete":
            out = out[:at] + out[at + draw(st.integers(1, 80)):]
        elif kind == "insert":
            out = out[:at] + draw(st.sampled_from(SPECIAL_TEXT)) + out[at:]
        elif kind == "duplicate":
            end = out.find("\n", at)
            line = out[at:end if end >= 0 else len(out)]
            out = out[:at] + line * draw(st.integers(1, 20)) + out[at:]
        elif kind == "nest":
            depth = draw(st.sampled_from([2, 50, 101, 3000]))
            out = out[:at] + "a { " * depth + "}" * depth + out[at:]
        else:
            out = out[:at] + draw(st.text(max_size=40)) + out[at:]
    return out
