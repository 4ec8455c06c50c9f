"""The parts of batch's fast road that skip per-line work: line sizes from newline offsets, and validate's chunk
check deciding one-member objects of a number array on the bytes.  Each must answer what the slower road answers
(the chunk check may only say "vouched" where the column-by-column check also does)."""

from __future__ import annotations

import io
import random

import pytest

from sigcheck.codec.dtypes import dtype
from sigcheck.validate import lines as lines_mod


def test_chunk_lengths_are_the_lines_lengths():
    rng = random.Random(1)
    for _ in range(300):
        eol = rng.choice([b"\n", b"\r\n"])
        text = eol.join(b"x" * rng.randint(0, 30) + b"y" for _ in range(rng.randint(1, 50)))
        text += eol if rng.random() < 0.5 else b""
        if rng.random() < 0.2:
            text = text.replace(b"xy", b" xy ", 1)  # a line to strip: that region is cut line by line
        if rng.random() < 0.1:
            text = text.replace(eol, eol + eol, 1)  # a blank line
        for chunk in lines_mod.block_chunks(io.BytesIO(text), rng.randint(1, 20), rng.randint(5, 400)):
            assert chunk.lengths().tolist() == [len(line) for line in chunk.lines]


def _value(rng: random.Random, shape: tuple[int, ...]) -> str:
    if not shape:
        if rng.random() < 0.9:
            return rng.choice(["1.5", "0", "-2", "3e-2", "2.5", "0.25"])
        return rng.choice(["3E+2", "12345678", "1e5", "true", '"a"', "{}", "[]", "null"])
    count = max(0, shape[0] + (rng.random() < 0.05) * rng.choice([-1, 1]))
    return "[" + rng.choice([",", ", "]).join(_value(rng, shape[1:]) for _ in range(count)) + "]"


@pytest.mark.parametrize("name", ["image", "x"])
@pytest.mark.parametrize("shape", [(2, 3), (1,), (3, 1), (2,)])
def test_member_text_vouches_only_where_the_columns_do(name, shape):
    check = lines_mod.ChunkCheck({name: dtype("DT_FLOAT")}, {name: shape}, True, "tf-serving")
    columns = lines_mod.ChunkCheck({name: dtype("DT_FLOAT")}, {name: shape}, True, "tf-serving")
    assert check.member == f'"{name}"'.encode()
    columns.member = None  # the column-by-column road only
    rng = random.Random(f"{name}{shape}")
    escaped = '"im\\u0061ge"' if name == "image" else '"\\u0078"'
    vouched = 0
    for _ in range(1500):
        n = rng.randint(1, 4)
        lines = []
        for _ in range(n):
            key = rng.choice([f'"{name}"'] * 4 + ['"y"', escaped])
            value = _value(rng, shape)
            extra = rng.choice(["", "", "", ', "z": 1', f", {key}: {value}"])
            spaced = rng.random() < 0.1
            lines.append((f"{{ {key} : {value} }}" if spaced else f"{{{key}:{value}{extra}}}").encode())
        joined = b",".join(lines)
        fast = check.clean(joined, n)
        assert fast == columns.clean(joined, n), joined
        vouched += fast
    assert vouched > 50  # the property is not vacuous
