"""JSON Lines in blocks: cutting a file into the chunks ``validate_jsonl`` decodes, and vouching for a chunk.

:func:`block_chunks` reads a file in large blocks and cuts the same chunks (same lines, same line numbers, same
boundaries) as reading it line by line (:func:`line_chunks`, the reference), with C-level work per line only.

:class:`ChunkCheck` decides, for a chunk after the first, whether decoding it as ``{"instances": [chunk]}`` is
certain to be accepted with the first chunk's per-instance shapes and to add no finding.  It parses the whole chunk
with one orjson call and checks it with whole-list operations (type and length sets, numpy, byte counts); when it
cannot vouch (a parse error, NaN tokens, duplicate or escaped keys, another shape, a value near a float32 limit,
base64-looking text…) it says no and the chunk takes the faithful per-chunk decode, so findings never differ.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, chain, islice
from operator import itemgetter
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import orjson

from ..codec.dtypes import DType
from ..codec.dtypes import dtype as dtype_entry
from ..codec.request import ROW, Decoded, Tensor

READ_BYTES = 4 << 20
"""How much of a file is read at a time."""
_ITER_LINES = 65536
"""How many lines of a plain iterable are taken at a time."""

Chunk = tuple[list[bytes], Sequence[int], int]
"""(non-blank stripped lines, their 1-based line numbers, their total length in bytes)."""


# ---------------------------------------------------------------------------------------------- cutting

def line_chunks(source: Iterable[bytes], chunk_lines: int, chunk_bytes: int) -> Iterator[Chunk]:
    """The reference: one line at a time, a chunk ends at ``chunk_lines`` lines or ``chunk_bytes`` bytes."""
    batch: list[bytes] = []
    numbers: list[int] = []
    pending = 0
    for number, line in numbered_lines(source):
        batch.append(line)
        numbers.append(number)
        pending += len(line)
        if len(batch) >= chunk_lines or pending >= chunk_bytes:
            yield batch, numbers, pending
            batch, numbers, pending = [], [], 0
    if batch:
        yield batch, numbers, pending


def numbered_lines(source: Iterable[bytes]) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every non-blank line; a file object is read in large blocks."""
    read = getattr(source, "read", None)
    if read is None:
        for number, raw in enumerate(source, start=1):
            line = raw.strip()
            if line:
                yield number, line
        return
    number = 0
    carry = b""
    while True:
        block = read(READ_BYTES)
        if not block:
            break
        parts = (carry + block).split(b"\n")
        carry = parts.pop()
        for raw in parts:
            number += 1
            line = raw.strip()
            if line:
                yield number, line
    if carry.strip():
        yield number + 1, carry.strip()


def _strip(parts: list, first: int) -> tuple[list[bytes], Sequence[int]]:
    """The non-blank stripped lines of ``parts`` (line ``first`` onwards) and their numbers."""
    try:
        lines = list(map(bytes.strip, parts))
    except TypeError:  # not all bytes (bytearray, memoryview…)
        lines = [bytes(p).strip() for p in parts]
    if b"" not in lines:
        return lines, range(first, first + len(lines))
    numbers = [first + i for i, line in enumerate(lines) if line]
    return [line for line in lines if line], numbers


def _line_blocks(source: Iterable[bytes]) -> Iterator[tuple[list[bytes], Sequence[int]]]:
    read = getattr(source, "read", None)
    number = 1
    if read is None:
        it = iter(source)
        while True:
            raw = list(islice(it, _ITER_LINES))
            if not raw:
                return
            yield _strip(raw, number)
            number += len(raw)
    carry = b""
    while True:
        block = read(READ_BYTES)
        if not block:
            break
        parts = (carry + block).split(b"\n") if carry else block.split(b"\n")
        carry = parts.pop()
        if parts:
            yield _strip(parts, number)
            number += len(parts)
    if carry.strip():
        yield [carry.strip()], [number]


def block_chunks(source: Iterable[bytes], chunk_lines: int, chunk_bytes: int) -> Iterator[Chunk]:
    """The chunks of :func:`line_chunks`, cut from large blocks with whole-list operations."""
    lines: list[bytes] = []
    numbers: list[Sequence[int]] = []
    pending = 0
    for block, block_numbers in _line_blocks(source):
        start, end = 0, len(block)
        while start < end:
            room = chunk_lines - len(lines)
            window = block[start:start + room]
            total = list(accumulate(map(len, window), initial=pending))  # total[i]: bytes after i lines
            k = bisect_left(total, chunk_bytes, 1)
            take = k if k <= len(window) else len(window)
            lines.extend(window[:take])
            numbers.append(block_numbers[start:start + take])
            pending = total[take]
            start += take
            if len(lines) >= chunk_lines or pending >= chunk_bytes:
                yield lines, _join_numbers(numbers), pending
                lines, numbers, pending = [], [], 0
    if lines:
        yield lines, _join_numbers(numbers), pending


def _join_numbers(parts: list[Sequence[int]]) -> Sequence[int]:
    if len(parts) == 1:
        return parts[0]
    if all(type(p) is range for p in parts) and all(
            a[-1] + 1 == b[0] for a, b in zip(parts, parts[1:]) if len(a) and len(b)):
        nonempty = [p for p in parts if len(p)]
        if nonempty:
            return range(nonempty[0][0], nonempty[-1][-1] + 1)
    return list(chain.from_iterable(parts))


# ---------------------------------------------------------------------------------------------- vouching

_NUMBER_TOKEN = re.compile(rb"(?<![\w\"])-?(?:NaN|Infinity|Inf)(?![\w\"])")  # as checks.number_token_findings
_NUMBER_CHARS = b"0123456789.eE+-"
_NUMERIC_TEXT = _NUMBER_CHARS + b"[], "
_ZEROS = bytes.maketrans(b"0123456789", b"0000000000")
_INT_PART_8 = tuple(p + b"00000000" for p in (b"[", b",", b"-", b" "))
_FLOAT32_SAFE = 3.4e38  # below float32's largest value by far more than rapidjson's few ulps
_FLOAT32_EXACT_INT = 2**24
_BASE64_SAMPLE = 64  # checks._b64_text looks at a tensor's first 64 values


def _skeleton(shape: tuple[int, ...]) -> bytes:
    """The brackets and commas of one value of ``shape`` written as JSON (numbers and blanks removed)."""
    if not shape:
        return b""
    inner = _skeleton(shape[1:])
    return b"[" + b",".join([inner] * shape[0]) + b"]"


class ChunkCheck:
    """Vouches for chunks after the first (see module docstring); built from the first chunk's accepted decode."""

    def __init__(self, inputs: dict[str, DType], shapes: dict[str, tuple[int, ...]], objects: bool,
                 target: str) -> None:
        self.inputs = inputs
        self.names = tuple(sorted(inputs))
        self.shapes = shapes
        self.objects = objects
        self.target = target
        self.skeleton = _skeleton(shapes[self.names[0]]) if not objects and len(self.names) == 1 else None

    @classmethod
    def build(cls, sig: Any, first: dict[str, tuple[str, tuple[int, ...]]], objects: bool | None,
              target: str) -> ChunkCheck | None:
        """None when this signature's chunks are always decoded in full."""
        if sig is None or objects is None or not first or set(first) != set(sig.inputs) or "b64" in first:
            return None
        inputs = {name: dtype_entry(sig.inputs[name].dtype) for name in first}
        shapes = {name: tuple(shape) for name, (_dt, shape) in first.items()}
        for name, dt in inputs.items():
            if dt.json_kind is None or dt.name != first[name][0] or 0 in shapes[name]:
                return None
        if not objects and len(inputs) != 1:
            return None
        return cls(inputs, shapes, objects, target)

    def clean(self, lines: list[bytes]) -> bool:
        """True when decoding ``lines`` as a batch is certain to be accepted with the first chunk's per-instance
        shapes and to yield no finding; False when the full decode must decide."""
        n = len(lines)
        joined = b",".join(lines)
        if b"\\u003" in joined:
            return False  # the fast road hands such bodies over: let the full decode decide
        if self.target != "tf-serving" and _NUMBER_TOKEN.search(joined):
            return False
        try:
            items = orjson.loads(b"[" + joined + b"]")
        except orjson.JSONDecodeError:
            return False  # NaN/Infinity tokens, a BOM, bad JSON…: the faithful road decides
        if type(items) is not list or len(items) != n:
            return False
        if self.objects:
            return self._objects(items, joined)
        name = self.names[0]
        if self.skeleton is not None and self._numeric_text(joined, n, self.inputs[name], self.shapes[name]):
            return True
        return self._column(items, name)

    def _objects(self, items: list, joined: bytes) -> bool:
        n, k = len(items), len(self.names)
        if set(map(type, items)) != {dict} or set(map(len, items)) != {k}:
            return False
        # no duplicate key: every ':' of the text is one of the n * k members orjson kept (so none was dropped,
        # and no string holds a ':'); with k members each and every name found, the keys are exactly the names
        if joined.count(b":") != n * k:
            return False
        try:
            columns = [list(map(itemgetter(name), items)) for name in self.names]
        except KeyError:
            return False
        return all(self._column(column, name) for column, name in zip(columns, self.names))

    def _numeric_text(self, joined: bytes, n: int, dt: DType, shape: tuple[int, ...]) -> bool:
        """Numbers only, in exactly the first chunk's nesting, none near a float32 limit: decided on the bytes
        (orjson has already checked that they are JSON)."""
        if dt.json_kind != "number" or joined.translate(None, _NUMERIC_TEXT):
            return False
        if joined.translate(None, _NUMBER_CHARS + b" ") != b",".join([self.skeleton or b""] * n):
            return False
        if shape and shape[-1] == 1 and b"[]" in joined.translate(None, b" "):
            return False  # "[]" and "[5]" have the same skeleton
        if dt.name == "DT_DOUBLE":
            return True
        exponents = joined.count(b"e") + joined.count(b"E")
        if exponents and exponents != joined.count(b"e-") + joined.count(b"E-"):
            return False
        # every integer part has at most 7 digits and no exponent is positive: |value| < 10^7 < 2^24
        zeros = (b"," + joined).translate(_ZEROS)
        return not any(p in zeros for p in _INT_PART_8)

    def _column(self, values: list, name: str) -> bool:
        """Every value a regular nested list of the input's per-instance shape whose leaves TF Serving accepts for
        its dtype without a note (no narrowing, no float32 overflow or inexact integer, no base64-looking text)."""
        dt, shape = self.inputs[name], self.shapes[name]
        level = values
        for d in shape:
            if set(map(type, level)) != {list} or set(map(len, level)) != {d}:
                return False
            level = list(chain.from_iterable(level))
        leaves = level
        kinds = set(map(type, leaves))
        kind = dt.json_kind
        if kind == "number":
            if not kinds <= {float, int}:
                return False
            if dt.name == "DT_DOUBLE":
                return True
            bound = _FLOAT32_SAFE if int not in kinds else _FLOAT32_EXACT_INT
            lo, hi = _extremes(leaves)
            return -bound <= lo and hi <= bound
        if kind == "integer":
            if kinds != {int}:
                return False
            lo, hi = _extremes(leaves)
            return dt.natural_min is not None and dt.natural_max is not None and (
                dt.natural_min <= lo and hi <= dt.natural_max)
        if kind == "boolean":
            return kinds == {bool}
        if kind == "string":
            return kinds == {str} and not _base64_text(leaves[:_BASE64_SAMPLE], name, dt)
        return False


def _extremes(leaves: list) -> tuple[Any, Any]:
    if len(leaves) > 64:
        try:
            a = np.array(leaves)
        except (OverflowError, ValueError):
            return min(leaves), max(leaves)
        if a.dtype.kind in "iuf":
            return a.min(), a.max()
    return min(leaves), max(leaves)


def _base64_text(sample: list[str], name: str, dt: DType) -> bool:
    """True when :func:`checks._b64_text` would report these first values of a chunk's tensor."""
    from .checks import _b64_text

    arr = np.empty(len(sample), dtype=object)
    arr[:] = [s.encode("utf-8", "surrogateescape") for s in sample]
    stub = Decoded(True, 200, None, None, ROW, "", {name: Tensor(dt.name, arr.shape, arr)})
    return any(True for _ in _b64_text(stub, name, "$"))
