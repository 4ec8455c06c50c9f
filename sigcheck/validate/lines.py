"""JSON Lines in blocks: cutting a file into the chunks ``validate_jsonl`` decodes, and vouching for a chunk.

:func:`block_chunks` reads a file in large blocks and cuts the same chunks (same lines, same line numbers, same
boundaries) as reading it line by line (:func:`line_chunks`, the reference) with no Python work per line: numpy
finds the newlines, and runs of lines that need no stripping stay as the file's bytes.

:class:`ChunkCheck` decides, for a chunk after the first, whether decoding it as ``{"instances": [chunk]}`` is
certain to be accepted with the first chunk's per-instance shapes and to add no finding.  It parses the whole chunk
with one orjson call and checks it with whole-list operations (type and length sets, numpy, byte counts); when it
cannot vouch (a parse error, NaN tokens, a duplicate key, another shape, a value near a float32 limit,
base64-looking text…) it says no and the chunk takes the full decode (TF Serving's codec, fast or faithful road),
so findings never differ.

Blank lines are never instances: both cutters leave them out of the chunks, and note the first one in a
:class:`BlankLines` when given one (gcloud ``--json-instances`` refuses a file at its first empty line).

A UTF-8 byte order mark at the start of a line is dropped by both cutters (and noted in the :class:`BlankLines`):
gcloud decodes each line of a ``--json-instances`` file as ``utf-8-sig`` before ``json.loads`` and sends the
instance re-serialised, so the mark Windows Notepad or PowerShell 5 put at the start of a file never reaches TF
Serving.  A line that is only a mark is then blank, as it is to gcloud.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from itertools import accumulate, chain, islice
from operator import itemgetter
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np
import orjson

from ..codec import b64
from ..codec.dtypes import DType
from ..codec.dtypes import dtype as dtype_entry
from ..codec.request import ROW, Decoded, Tensor
from . import checks

READ_BYTES = 4 << 20
"""How much of a file is read at a time."""
_ITER_LINES = 65536
"""How many lines of a plain iterable are taken at a time."""


class Chunk:
    """Non-blank stripped lines of a file, their 1-based line numbers, their total length in bytes.

    ``pieces`` are lists of lines, or (text, eol) for runs of lines that need no stripping, kept as the file's
    bytes (``text`` without the final ``eol``): their lines are only made when the chunk is decoded in full.
    """

    __slots__ = ("count", "numbers", "pending", "pieces")

    def __init__(self, pieces: list, numbers: Sequence[int], pending: int, count: int) -> None:
        self.pieces = pieces
        self.numbers = numbers
        self.pending = pending
        self.count = count

    @property
    def lines(self) -> list[bytes]:
        out: list[bytes] = []
        for p in self.pieces:
            out.extend(p if type(p) is list else p[0].split(p[1]))
        return out

    def lengths(self) -> np.ndarray:
        """The length in bytes of each line, in order, without making the lines."""
        out = []
        for p in self.pieces:
            if type(p) is list:
                out.append(np.fromiter(map(len, p), dtype=np.int64, count=len(p)))
                continue
            text, eol = p
            e = len(eol)
            bounds = np.empty(0, dtype=np.int64)
            if text:
                newlines = np.flatnonzero(np.frombuffer(text, dtype=np.uint8) == 10)
                bounds = np.diff(np.concatenate(([-1], newlines, [len(text) + e - 1]))) - e
            out.append(bounds)
        return out[0] if len(out) == 1 else np.concatenate(out) if out else np.empty(0, dtype=np.int64)

    def joined(self) -> bytes:
        """The lines joined by commas (the batch body between its brackets)."""
        parts = [b",".join(p) if type(p) is list else p[0].replace(p[1], b",") for p in self.pieces]
        return parts[0] if len(parts) == 1 else b",".join(parts)


# ---------------------------------------------------------------------------------------------- cutting

BOM = b"\xef\xbb\xbf"
"""The UTF-8 byte order mark: dropped from the start of a line, as gcloud's ``utf-8-sig`` decoding does."""


class BlankLines:
    """What a cutter left out: ``first`` is the first blank line (1-based line number, the line's bytes) or None;
    ``bom`` the number of the first line whose byte order mark was dropped, or None.

    Only the first of each is kept (gcloud stops at a blank line); finding them costs nothing on the fast path,
    which never holds a blank line or a mark (:func:`block_chunks` sends such blocks to :func:`_strip`).
    """

    __slots__ = ("bom", "first")

    def __init__(self) -> None:
        self.first: tuple[int, bytes] | None = None
        self.bom: int | None = None

    def note(self, number: int, raw: bytes) -> None:
        if self.first is None:
            self.first = (number, bytes(raw))

    def note_bom(self, number: int) -> None:
        if self.bom is None:
            self.bom = number


def drop_bom(raw: bytes, number: int, blanks: BlankLines | None = None) -> bytes:
    """``raw`` without the byte order mark it starts with (noted in ``blanks``), as gcloud reads the line."""
    if raw[:3] != BOM:
        return raw
    if blanks is not None:
        blanks.note_bom(number)
    return raw[3:]


def line_chunks(source: Iterable[bytes], chunk_lines: int, chunk_bytes: int,
                blanks: BlankLines | None = None) -> Iterator[Chunk]:
    """The reference: one line at a time, a chunk ends at ``chunk_lines`` lines or ``chunk_bytes`` bytes."""
    batch: list[bytes] = []
    numbers: list[int] = []
    pending = 0
    for number, line in numbered_lines(source, blanks):
        batch.append(line)
        numbers.append(number)
        pending += len(line)
        if len(batch) >= chunk_lines or pending >= chunk_bytes:
            yield Chunk([batch], numbers, pending, len(batch))
            batch, numbers, pending = [], [], 0
    if batch:
        yield Chunk([batch], numbers, pending, len(batch))


def numbered_lines(source: Iterable[bytes], blanks: BlankLines | None = None) -> Iterator[tuple[int, bytes]]:
    """(line number, line) for every non-blank line (blank ones go to ``blanks``); a file object is read in large
    blocks."""
    read = getattr(source, "read", None)
    if read is None:
        for number, raw in enumerate(source, start=1):
            raw = drop_bom(raw, number, blanks)
            line = raw.strip()
            if line:
                yield number, line
            elif blanks is not None:
                blanks.note(number, raw)
        return
    for number, raw in physical_lines(read):  # (blanks after the last newline: one more, blank, line)
        raw = drop_bom(raw, number, blanks)
        line = raw.strip()
        if line:
            yield number, line
        elif blanks is not None:
            blanks.note(number, raw)


def physical_lines(read: Callable[[int], bytes]) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, the line without its newline) of a stream read in :data:`READ_BYTES` blocks; what
    follows the last newline is one more line when it is not empty."""
    number, carry = 0, b""
    while True:
        block = read(READ_BYTES)
        if not block:
            break
        parts = (carry + block).split(b"\n")
        carry = parts.pop()
        for raw in parts:
            number += 1
            yield number, raw
    if carry:
        yield number + 1, carry


def _strip(parts: list, first: int, blanks: BlankLines | None = None) -> tuple[list[bytes], Sequence[int]]:
    """The non-blank stripped lines of ``parts`` (line ``first`` onwards) and their numbers; the first blank one
    goes to ``blanks``; a line's byte order mark is dropped (:func:`drop_bom`)."""
    if any(p[:3] == BOM for p in parts):
        parts = [drop_bom(p, first + i, blanks) for i, p in enumerate(parts)]
    try:
        lines = list(map(bytes.strip, parts))
    except TypeError:  # not all bytes (bytearray, memoryview…)
        lines = [bytes(p).strip() for p in parts]
    if b"" not in lines:
        return lines, range(first, first + len(lines))
    if blanks is not None and blanks.first is None:
        i = lines.index(b"")
        blanks.note(first + i, parts[i])
    numbers = [first + i for i, line in enumerate(lines) if line]
    return [line for line in lines if line], numbers


def _regions(read: Any) -> Iterator[bytes]:
    """The file in blocks of whole lines (each ending with a newline), then the last line if it has none."""
    held: list[bytes] = []
    while True:
        block = read(READ_BYTES)
        if not block:
            break
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            held.append(block)
            continue
        if held:
            held.append(block[:cut])
            yield b"".join(held)
        else:
            yield block[:cut] if cut < len(block) else block
        held = [block[cut:]] if cut < len(block) else []
    if held:
        yield b"".join(held)


_BLANK = np.zeros(256, dtype=bool)
_BLANK[list(b" \t\n\r\x0b\x0c")] = True  # what bytes.strip() strips


def _plain_eol(region: bytes, ends: np.ndarray) -> bytes | None:
    """The line ending when no line of ``region`` (newlines at ``ends``) is blank or has blanks to strip (then
    its lines are exactly the text between line endings), else None."""
    text = np.frombuffer(region, dtype=np.uint8)
    starts = np.empty_like(ends)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    if (ends <= starts).any() or _BLANK[text[starts]].any():
        return None  # an empty line, or one that starts with a blank
    last = text[ends - 1]
    if not _BLANK[last].any():
        return b"\n"
    if (last == 13).all() and not (ends - 1 <= starts).any() and not _BLANK[text[ends - 2]].any():
        return b"\r\n"
    return None


class _Cutter:
    """Accumulates lines into chunks with :func:`line_chunks`' boundaries."""

    def __init__(self, chunk_lines: int, chunk_bytes: int) -> None:
        self.chunk_lines = chunk_lines
        self.chunk_bytes = chunk_bytes
        self.pieces: list = []
        self.numbers: list[Sequence[int]] = []
        self.pending = 0
        self.count = 0

    def full(self) -> bool:
        return self.count >= self.chunk_lines or self.pending >= self.chunk_bytes

    def take(self) -> Chunk:
        chunk = Chunk(self.pieces, _join_numbers(self.numbers), self.pending, self.count)
        self.pieces, self.numbers, self.pending, self.count = [], [], 0, 0
        return chunk

    def add_lines(self, block: list[bytes], block_numbers: Sequence[int]) -> Iterator[Chunk]:
        start, end = 0, len(block)
        while start < end:
            room = self.chunk_lines - self.count
            window = block[start:start + room]
            total = list(accumulate(map(len, window), initial=self.pending))  # total[i]: bytes after i lines
            k = bisect_left(total, self.chunk_bytes, 1)
            take = k if k <= len(window) else len(window)
            self.pieces.append(window[:take])
            self.numbers.append(block_numbers[start:start + take])
            self.pending = total[take]
            self.count += take
            start += take
            if self.full():
                yield self.take()

    def add_text(self, region: bytes, ends: np.ndarray, eol: bytes, first: int) -> Iterator[Chunk]:
        """Lines of ``region`` (newlines at ``ends``, line endings ``eol``, no line blank or with blanks to strip),
        line ``first`` on."""
        e = len(eol)
        n = len(ends)
        total = ends + 1 - e * np.arange(1, n + 1)  # total[i]: bytes of lines 0..i
        a = 0
        while a < n:
            before = int(total[a - 1]) if a else 0
            reach = int(np.searchsorted(total, self.chunk_bytes - self.pending + before, side="left"))
            b = min(reach + 1, a + self.chunk_lines - self.count, n)
            start = int(ends[a - 1]) + 1 if a else 0
            self.pieces.append((region[start:int(ends[b - 1]) + 1 - e], eol))
            self.numbers.append(range(first + a, first + b))
            self.pending += int(total[b - 1]) - before
            self.count += b - a
            a = b
            if self.full():
                yield self.take()


def block_chunks(source: Iterable[bytes], chunk_lines: int, chunk_bytes: int,
                 blanks: BlankLines | None = None) -> Iterator[Chunk]:
    """The chunks of :func:`line_chunks` (and the same first blank line in ``blanks``), cut from large blocks with
    whole-block operations."""
    cutter = _Cutter(chunk_lines, chunk_bytes)
    read = getattr(source, "read", None)
    number = 1
    if read is None:
        it = iter(source)
        while True:
            raw = list(islice(it, _ITER_LINES))
            if not raw:
                break
            yield from cutter.add_lines(*_strip(raw, number, blanks))
            number += len(raw)
    else:
        for region in _regions(read):
            if not region.endswith(b"\n"):  # the last line, without a newline
                region = drop_bom(region, number, blanks)
                if region.strip():
                    yield from cutter.add_lines([region.strip()], [number])
                elif blanks is not None:
                    blanks.note(number, region)
                break
            ends = np.flatnonzero(np.frombuffer(region, dtype=np.uint8) == 10)
            eol = _plain_eol(region, ends) if BOM not in region else None  # (a mark to drop: line by line)
            if eol is not None:
                yield from cutter.add_text(region, ends, eol, number)
                number += len(ends)
            else:
                parts = region.split(b"\n")
                parts.pop()
                yield from cutter.add_lines(*_strip(parts, number, blanks))
                number += len(parts)
    if cutter.count:
        yield cutter.take()


def _join_numbers(parts: list[Sequence[int]]) -> Sequence[int]:
    if len(parts) == 1:
        return parts[0]
    if all(type(p) is range for p in parts) and all(
            a[-1] + 1 == b[0] for a, b in zip(parts, parts[1:]) if len(a) and len(b)):
        nonempty = [p for p in parts if len(p)]
        if nonempty:
            return range(nonempty[0][0], nonempty[-1][-1] + 1)
    return list(chain.from_iterable(parts))


# ---------------------------------------------------------------------------------------------- one value a line

GCLOUD_NOT_JSON = 'Input instances are not in JSON format. See "gcloud ai-platform predict --help" for details.'
"""What gcloud says when a line of a --json-instances file is not JSON on its own (it parses each line with
Python's ``json.loads``, after decoding it as UTF-8 with an optional BOM)."""
GCLOUD_EMPTY_LINE = "Empty line is not allowed in the instances file."
"""What gcloud says at a --json-instances line that is empty once its line ending is removed (an empty line at the
end of the file, i.e. two newlines in a row, counts); a line of spaces or tabs is not empty to it, and not JSON."""
BLANK_LINE = "blank line"
"""``Failure.received`` of gcloud's refusal at a blank line (``validate --fix`` drops such lines)."""


def line_names(numbers: Sequence[int], base: int = 0, first: int | None = None) -> Callable[[int], str]:
    """How a JSON Lines finding names instance ``i`` of a chunk whose instances start at ``base``: ``line N``, its
    1-based line number in the file (``numbers[i - base]``); instance 0, the one TF Serving compares every other
    with, is line ``first`` when given (the file's first instance, for a chunk that starts later)."""
    def name(i: int) -> str:
        if i == 0 and first is not None:
            return f"line {first}"
        k = i - base
        return f"line {numbers[k]}" if 0 <= k < len(numbers) else f"instance {i}"
    return name


def gcloud_empty(raw: bytes) -> bool:
    """True when gcloud reads the blank line ``raw`` as empty (its refusal: :data:`GCLOUD_EMPTY_LINE`), False when it
    holds spaces or tabs (gcloud then fails to parse it: :data:`GCLOUD_NOT_JSON`): gcloud strips only the line
    ending (``line.rstrip('\\r\\n')``) before it looks."""
    return not raw.rstrip(b"\r\n")


def line_error(line: bytes) -> tuple[str, int] | None:
    """None when gcloud reads ``line`` as exactly one JSON value; else Python's message and the character offset.

    orjson decides the common case; what it refuses goes to Python's ``json`` (which gcloud uses), so NaN and
    Infinity tokens and big integers are read as gcloud reads them.  ``line`` comes from a cutter, which dropped
    the byte order mark gcloud's 'utf-8-sig' drops: a mark still there (a second one, one after blanks) is refused
    as gcloud's ``json.loads`` refuses it.
    """
    try:
        orjson.loads(line)
        return None
    except orjson.JSONDecodeError:
        pass
    text = line.decode("utf-8", "surrogateescape")
    try:
        json.loads(text)
        return None
    except json.JSONDecodeError as exc:
        return exc.msg, exc.pos
    except (ValueError, RecursionError) as exc:
        return str(exc) or type(exc).__name__, 0


def first_bad_line(lines: Sequence[bytes]) -> tuple[int, str, int] | None:
    """The first line gcloud would not read as one JSON value: (index, message, character offset), or None."""
    for i, line in enumerate(lines):
        err = line_error(line)
        if err is not None:
            return i, err[0], err[1]
    return None


_BIG_EXPONENT = re.compile(rb"[eE]\+?0*[1-9][0-9]{2}")
"""An exponent of 100 or more: the number may be beyond a double (a pre-filter; :func:`as_sent` decides)."""


def as_sent(line: bytes) -> tuple[bytes, tuple[str, ...]]:
    """``line`` as the JSON Lines reader sends it, and the keys an object of it repeats.

    gcloud (``--json-instances``) reads each line with Python's ``json.loads`` and sends ``json.dumps`` of the
    instances, so what reaches TF Serving is not the line's text: a key given twice keeps its LAST value (TF
    Serving's rapidjson, reading the text, would take both), a number beyond a double (``1e400``) becomes
    ``Infinity``.  The line is re-serialised the same way when that changes what TF Serving reads (a repeated key,
    such a number), and returned as it is otherwise (every other difference is spelling: blanks, escapes, ``1e2``
    vs ``100.0``), and also when Python's ``json`` cannot read it as UTF-8 JSON (the reader refuses that line
    anyway: :func:`first_bad_line`).  Not looked for, for speed: a number beyond a double written without an
    exponent (309 digits or more) in a line with no object.
    """
    colons = line.count(b":") if b"{" in line else 0
    if colons < 2:  # (no object, or one key: none given twice)
        if not ((b"e" in line or b"E" in line) and _BIG_EXPONENT.search(line)):
            return line, ()
    else:
        try:
            if _members(orjson.loads(line)) == colons:
                return line, ()  # no key given twice (see _members), no number beyond a double (orjson refuses it)
        except orjson.JSONDecodeError:
            # NaN/Infinity tokens (orjson refuses them): the same count with them written 0 (a replacement inside a
            # key can only make two keys equal, which sends the line to Python's json below, never the reverse)
            try:
                if _members(orjson.loads(line.replace(b"NaN", b"0").replace(b"Infinity", b"0"))) == colons:
                    return line, ()
            except orjson.JSONDecodeError:
                pass  # (a number beyond a double or 64 bits, not JSON: Python's json decides)
    repeated: list[str] = []
    overflow: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out and k not in repeated:
                repeated.append(k)
            out[k] = v
        return out

    def number(text: str) -> float:
        x = float(text)
        if x in (float("inf"), float("-inf")):
            overflow.append(text)
        return x

    try:
        value = json.loads(line.decode("utf-8"), object_pairs_hook=pairs, parse_float=number)
    except (ValueError, RecursionError):  # (UnicodeDecodeError is a ValueError)
        return line, ()
    if not repeated and not overflow:
        return line, ()
    return json.dumps(value).encode("ascii"), tuple(repeated)


def _members(value: Any) -> int:
    """The members orjson kept in an object and the objects it holds directly (-1 for anything else).

    Every key of the text is followed by a ``:``, so when the text has no more ``:`` than members were kept (which a
    key given twice reduces, orjson keeping one of the two), no key was given twice."""
    if type(value) is not dict:
        return -1
    return len(value) + sum(len(v) for v in value.values() if type(v) is dict)


_SKELETON_DELETE = bytes(b for b in range(256) if b not in b'[]{}"\n')


def one_value_per_line(chunk: Chunk, counted: bool = False) -> bool:
    """True when every line of ``chunk`` is certain to be one JSON value on its own (no Python work per line);
    False when :func:`first_bad_line` must decide.

    ``counted``: the chunk's lines joined by commas are already known to parse as exactly ``chunk.count`` values
    (:meth:`ChunkCheck.clean` checked it); otherwise this parses them once.

    Why that is enough: with no backslash in the text and an even number of quotes per line, every line starts and
    ends outside a string, and when all lines have the same brackets and quotes in the same order, they change the
    nesting depth by the same amount.  In a valid array of n lines that amount is 0 and the depth never drops below
    the array's own, so every join comma is a separator of the array: each line is one or more whole values, and
    with ``count`` values in all, exactly one each.
    """
    first: bytes | None = None
    for piece in chunk.pieces:
        if type(piece) is list:
            text = b"\n".join(piece)
            head = piece[0] if piece else b""
        else:
            text, eol = piece
            cut = text.find(eol)
            head = text if cut < 0 else text[:cut]
        if not text:
            continue
        if b"\\" in text:
            return False
        if first is None:
            first = head.translate(None, _SKELETON_DELETE)
            if first.count(b'"') % 2:
                return False
        skeleton = text.translate(None, _SKELETON_DELETE) + b"\n"
        if skeleton != (first + b"\n") * skeleton.count(b"\n"):
            return False
    if not counted:
        try:
            items = orjson.loads(b"[" + chunk.joined() + b"]")
        except orjson.JSONDecodeError:
            return False
        return type(items) is list and len(items) == chunk.count
    return True


# ---------------------------------------------------------------------------------------------- vouching

_NUMBER_CHARS = b"0123456789.eE+-"
_NUMERIC_TEXT = _NUMBER_CHARS + b"[], "
_ZEROS = bytes.maketrans(b"0123456789", b"0000000000")
_INT_PART_8 = tuple(p + b"00000000" for p in (b"[", b",", b"-", b" "))
_FLOAT32_SAFE = 3.4e38  # below float32's largest value by far more than rapidjson's few ulps
_FLOAT32_EXACT_INT = 2**24
_BASE64_SAMPLE = 64  # checks._b64_text looks at a tensor's first 64 values
_B64_CANONICAL = re.compile(b64._CANONICAL.pattern.decode("ascii"))  # the text of {"b64": …} absl surely decodes


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
        one = len(self.names) == 1 and inputs[self.names[0]].json_kind == "number" and bool(shapes[self.names[0]])
        self.skeleton = _skeleton(shapes[self.names[0]]) if len(self.names) == 1 else None
        self.member = b'"' + self.names[0].encode("utf-8") + b'"' if objects and one and self.skeleton else None
        """The one member's key as JSON text, when an object's value may be checked on the bytes (a number
        array)."""
        self.b64_members = 0  # {"b64": …} objects in the chunk being checked

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

    def clean(self, joined: bytes, n: int) -> bool:
        """True when decoding the ``n`` lines ``joined`` by commas as a batch is certain to be accepted with the
        first chunk's per-instance shapes and to yield no finding; False when the full decode must decide."""
        if b"\\u003" in joined:
            return False  # the fast road hands such bodies over: let the full decode decide
        if any(True for _ in checks.number_token_findings(joined, self.target)):
            return False  # NaN/Infinity-like text: a warning for this target
        try:
            items = orjson.loads(b"[" + joined + b"]")
        except orjson.JSONDecodeError:
            return False  # NaN/Infinity tokens, a BOM, bad JSON…: the faithful road decides
        if type(items) is not list or len(items) != n:
            return False
        self.b64_members = 0
        if self.objects:
            return self._objects(items, joined)
        name = self.names[0]
        if self.skeleton is not None and self._numeric_text(joined, n, self.inputs[name], self.shapes[name]):
            return True
        return self._column(items, name) and (not self.b64_members or _colons(joined) == self.b64_members)

    def _objects(self, items: list, joined: bytes) -> bool:
        n, k = len(items), len(self.names)
        if set(map(type, items)) != {dict} or set(map(len, items)) != {k}:
            return False
        # no duplicate key: every ':' of the text is one of the members orjson kept (n * k, plus one per
        # {"b64": …} value), so none was dropped and no string holds a ':'; with k members each and every name
        # found, the keys are exactly the names
        colons = _colons(joined)
        if colons < n * k:
            return False
        if self.member is not None and colons == n and self._member_text(joined, n):
            return True
        try:  # a column at a time (stops at the first that fails; a missing key raises KeyError)
            ok = all(self._column(list(map(itemgetter(name), items)), name) for name in self.names)
        except KeyError:
            return False
        return ok and colons == n * k + self.b64_members

    def _member_text(self, joined: bytes, n: int) -> bool:
        """One numeric input, ``n`` objects of one member each: decided on the bytes as for bare arrays, with no
        look at the parsed values.

        Why the text without the keys is each value's text: ``{``, ``}`` and ``:`` occur n times each, so they are
        the objects' own (none inside a value).  Once the n ``"name"`` texts are removed, :meth:`_numeric_text` finds
        no quote (nor backslash) left: every string of the text was one of them, and as each object has a key (a
        string), each key is ``name``.  What is left between the commas that joined the lines is each value's text
        (with blanks), held to the first chunk's nesting of numbers by :meth:`_numeric_text`.
        """
        if joined.count(b"{") != n or joined.count(b"}") != n or joined.count(self.member) != n:
            return False
        name = self.names[0]
        body = joined.replace(self.member, b"").translate(None, b"{}:")
        return self._numeric_text(body, n, self.inputs[name], self.shapes[name])

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
        leaves = self._leaves(values, self.shapes[name])
        return leaves is not None and self._leaf_check(leaves, name)

    @staticmethod
    def _leaves(values: list, shape: tuple[int, ...]) -> list | None:
        """The leaves of values that are all regular nested lists of ``shape``, in order; None otherwise."""
        level = values
        for d in shape:
            if set(map(type, level)) != {list}:
                return None
            if d == 1:  # unpacking a list of another length raises ValueError: one pass instead of two
                try:
                    level = [v for [v] in level]
                except ValueError:
                    return None
                continue
            if set(map(len, level)) != {d}:
                return None
            level = list(chain.from_iterable(level))
        return level

    def _leaf_check(self, leaves: list, name: str) -> bool:
        dt = self.inputs[name]
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
            lo, hi = _extremes(leaves, integers=True)
            return dt.natural_min is not None and dt.natural_max is not None and (
                dt.natural_min <= lo and hi <= dt.natural_max)
        if kind == "boolean":
            return kinds == {bool}
        if kind == "string":
            if kinds == {str}:
                return not _base64_text(leaves[:_BASE64_SAMPLE], name, dt)
            if kinds == {dict}:  # {"b64": …} objects, each canonical base64 (absl decodes it, no note)
                if set(map(len, leaves)) != {1}:
                    return False
                try:
                    texts = list(map(itemgetter("b64"), leaves))
                except KeyError:
                    return False
                if set(map(type, texts)) != {str} or not all(map(_B64_CANONICAL.fullmatch, texts)):
                    return False
                self.b64_members += len(texts)
                return True
        return False


def _colons(text: bytes) -> int:
    return int(np.count_nonzero(np.frombuffer(text, dtype=np.uint8) == 58))


def _extremes(leaves: list, *, integers: bool = False) -> tuple[Any, Any]:
    """(min, max) of numbers, by numpy for long lists.  With ``integers`` (all leaves Python ints, bounds to be
    compared exactly) only an integer array answers: numpy makes a list that mixes in 2**63 float64, where
    2**63 <= 2**63 - 1 holds, so then Python's exact min/max decide."""
    if len(leaves) > 64:
        try:
            # numbers (only compared with bounds far below 2**53: float64's rounding keeps every comparison's
            # answer): straight into float64, no type inference
            a = np.array(leaves) if integers else np.fromiter(leaves, dtype=np.float64, count=len(leaves))
        except (OverflowError, ValueError, TypeError):
            return min(leaves), max(leaves)
        if a.dtype.kind in ("iu" if integers else "iuf"):
            return a.min(), a.max()
    return min(leaves), max(leaves)


def _base64_text(sample: list[str], name: str, dt: DType) -> bool:
    """True when :func:`checks._b64_text` would report these first values of a chunk's tensor."""
    arr = np.empty(len(sample), dtype=object)
    arr[:] = [s.encode("utf-8", "surrogateescape") for s in sample]
    stub = Decoded(True, 200, None, None, ROW, "", {name: Tensor(dt.name, arr.shape, arr)})
    return any(True for _ in checks._b64_text(stub, name, "$"))
