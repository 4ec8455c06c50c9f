"""Readers: the records of one work unit, in batches, each record made into the instance Vertex AI would send.

* ``jsonl``: each non-blank line is one instance (as written, or reshaped by the instanceConfig);
* ``csv``: line 1 is the header; a quoted value is a string, an unquoted one a number (a float); a quoted value
  holding a newline is refused (the record is located at the line where it starts);
* ``tf-record`` / ``tf-record-gzip``: each record becomes ``{"b64": base64(record)}``; broken framing is a finding
  with the byte offset; with an Example spec each record is checked as a tf.Example;
* ``file-list``: each line is a path or URI whose bytes become ``{"b64": …}``; the object must exist (what is
  inside is validate's to judge: an image input's bytes must be an image file TensorFlow decodes).
"""

from __future__ import annotations

import base64
import json
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, Iterator, Sequence

import orjson

from .. import storage
from ..codec.dtypes import DTYPES
from ..diagnostics import Diagnostic, Severity
from ..errors import StorageError
from ..validate import lines as lines_mod
from . import instances as inst
from .example import ExampleSpec, check_example
from ..codec.tfrecord import Corrupt, read_records

BATCH_LINES = 4096
BATCH_BYTES = 1 << 20


@dataclass
class Batch:
    """Records of one unit, in order.  ``numbers``: 1-based line (record) numbers within the unit."""

    numbers: Sequence[int]
    instances: list[bytes | None] | None
    """Each record's instance as JSON text; None when the reader found it cannot become one (``problems``)."""
    raws: list[Any] | None = None
    """The dead letter's ``record`` of each; None: the instance text itself (a JSON Lines line)."""
    keys: list[Any] | None = None
    problems: dict[int, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """Reader findings by index (framing, CSV, missing objects, tf.Example, instanceConfig)."""
    b64: bool = False
    """The instances are ``{"b64": …}`` made here from bytes (see :mod:`.records`)."""
    chunk: lines_mod.Chunk | None = None
    """JSON Lines sent as written: the lines as the file's bytes; ``instances`` is then None until the lines are
    needed (:meth:`lines`), as a run the check vouches for whole never needs them."""

    def lines(self) -> list[bytes | None]:
        """``instances``, made from :attr:`chunk` the first time they are needed."""
        if self.instances is None:
            assert self.chunk is not None
            self.instances = self.chunk.lines  # type: ignore[assignment]
        return self.instances

    def raw(self, i: int) -> Any:
        if self.raws is not None:
            return self.raws[i]
        value = self.lines()[i]
        return None if value is None else value.decode("utf-8", "replace")


class LineCounter:
    """A stream that counts the lines it hands out (a last line without a newline counts)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.newlines = 0
        self.last = b"\n"

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(size)
        if block:
            self.newlines += block.count(b"\n")
            self.last = block[-1:]
        return block

    @property
    def lines(self) -> int:
        return self.newlines + (self.last != b"\n")


# ---------------------------------------------------------------------------------------------- JSON Lines

def read_jsonl(stream: LineCounter, config: inst.InstanceConfig) -> Iterator[Batch]:
    for chunk in lines_mod.block_chunks(stream, BATCH_LINES, BATCH_BYTES):
        if not config.active:
            yield Batch(chunk.numbers, None, chunk=chunk)
            continue
        lines = chunk.lines
        out: list[bytes | None] = []
        keys: list[Any] = []
        problems: dict[int, tuple[Diagnostic, ...]] = {}
        for i, line in enumerate(lines):
            try:
                value = orjson.loads(line)
            except orjson.JSONDecodeError:
                try:  # NaN and Infinity tokens, big integers: as Python reads them
                    value = json.loads(line.decode("utf-8-sig", "surrogateescape"))
                except (ValueError, RecursionError):
                    out.append(line)  # not JSON: validate says why
                    keys.append(None)
                    continue
            instance, key, problem = inst.reshape(value, config)
            keys.append(key)
            if problem is not None:
                problems[i] = (problem,)
                out.append(None)
            else:
                out.append(inst.dumps(instance))
        yield Batch(chunk.numbers, out, raws=[ln.decode("utf-8", "replace") for ln in lines], keys=keys,
                    problems=problems)


# ---------------------------------------------------------------------------------------------- CSV

def _cells(text: str) -> tuple[list[tuple[str, bool]], bool]:
    """The cells of a CSV line (value, quoted) and whether a quote is left open at its end."""
    if '"' not in text:
        return [(c, False) for c in text.split(",")], False
    cells: list[tuple[str, bool]] = []
    buf: list[str] = []
    quoted = inside = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if inside:
            if c == '"':
                if i + 1 < n and text[i + 1] == '"':
                    buf.append('"')
                    i += 1
                else:
                    inside = False
            else:
                buf.append(c)
        elif c == '"':
            inside = quoted = True
        elif c == ",":
            cells.append(("".join(buf), quoted))
            buf, quoted = [], False
        else:
            buf.append(c)
        i += 1
    cells.append(("".join(buf), quoted))
    return cells, inside


def _csv_problem(message: str, hint: str, category: str = "instance_format") -> tuple[Diagnostic, ...]:
    return (Diagnostic("batch.csv", Severity.ERROR, message, category=category, hint=hint),)


def _unquoted_problem(column: str, value: str) -> tuple[Diagnostic, ...]:
    """An unquoted CSV value that is no number.  An empty one is a missing value, not text to quote: quoted, it is
    the empty string, which a numeric input refuses too (and CSV has no NaN: Vertex AI reads the bare token as no
    number either), so the hint is to write the number the model takes for a missing value."""
    if not value.strip():
        return _csv_problem(
            f'column "{column}" is empty: Vertex AI reads an unquoted CSV value as a number, and an empty one is no '
            "number (a missing value; quoted, it would be an empty string)",
            "write the number the model expects for a missing value (a `sigcheck export` model's training mean is in "
            'its assets.extra/missing_values.json); for a text column, write "" (an empty string)', "dtype_mismatch")
    return _csv_problem(f'column "{column}" holds {value!r} unquoted: Vertex AI reads unquoted CSV values as numbers',
                        f'quote text values ("{value}"), or write a number', "dtype_mismatch")


_INTEGER_TYPES = frozenset(d.tf_name for d in DTYPES.values() if d.is_integer)


def csv_finding(d: Diagnostic) -> Diagnostic:
    """validate's ``request.dtype`` finding for a CSV record sent to an integer input, with a hint a CSV can follow.

    validate's own hint (send whole numbers without a decimal point) cannot be followed in a CSV: Vertex AI reads
    an unquoted value as a float (``75001`` → ``75001.0``) and a quoted one as text, and an integer input refuses
    both; JSON Lines can carry the integer.  Other findings are returned as they are.
    """
    kind = (d.expected or "").split(":", 1)[0].strip()
    if d.code != "request.dtype" or kind not in _INTEGER_TYPES:
        return d
    name = d.path.rsplit(".", 1)[-1] if "." in d.path and not d.path.endswith("]") else None
    which = f'input "{name}"' if name else "this input"
    sent = re.search(r"-?\d+", d.received or "")
    number = int(sent.group()) if sent else 7
    example = f'{{"{name}": {number}}}' if name else str(number)
    hint = (f"no CSV value can reach an {kind} input: Vertex AI reads an unquoted CSV value as a float ({number} "
            f"becomes {number}.0) and a quoted one as text, and {which} refuses both — send these records as JSON "
            f"Lines ({example}), or re-export {which} as a float or string")
    return replace(d, hint=hint)


def read_csv(stream: LineCounter, config: inst.InstanceConfig) -> Iterator[Batch]:
    header: list[str] | None = None
    numbers: list[int] = []
    out: list[bytes | None] = []
    raws: list[Any] = []
    keys: list[Any] = []
    problems: dict[int, tuple[Diagnostic, ...]] = {}
    pending = 0
    open_at: int | None = None  # the line where a row with a quoted newline starts
    open_text: list[str] = []
    for number, raw in lines_mod.physical_lines(stream.read):
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8", "replace").rstrip("\r")
        if open_at is not None:
            open_text.append(text)
            if text.count('"') % 2 == 0:
                continue
            i = len(out)
            numbers.append(open_at)
            out.append(None)
            raws.append("\n".join(open_text))
            keys.append(None)
            problems[i] = _csv_problem(f"the row starting on line {open_at} has a quoted value holding a newline: "
                                       "Vertex AI reads one record per line", "remove the newlines inside quoted "
                                       "values (or send JSON Lines)")
            open_at, open_text = None, []
            continue
        cells, unclosed = _cells(text)
        if unclosed:
            open_at, open_text = number, [text]
            continue
        if header is None:
            header = [c for c, _ in cells]
            continue
        if not text.strip():
            continue
        i = len(out)
        numbers.append(number)
        raws.append([c for c, _ in cells])
        if len(cells) != len(header):
            out.append(None)
            keys.append(None)
            problems[i] = _csv_problem(f"the row has {len(cells)} values but the header has {len(header)} columns",
                                       "give every row one value per header column", "input_shape_mismatch")
        else:
            row: list[Any] = []
            bad = None
            for (value, quoted), name in zip(cells, header):
                if quoted:
                    row.append(value)
                    continue
                try:
                    row.append(float(value))
                except ValueError:
                    bad = (name, value)
                    break
            if bad is not None:
                out.append(None)
                keys.append(None)
                problems[i] = _unquoted_problem(*bad)
            else:
                instance, key = inst.row_instance(header, row, config)
                out.append(inst.dumps(instance))
                keys.append(key)
        pending += len(raw)
        if len(out) >= BATCH_LINES or pending >= BATCH_BYTES:
            yield Batch(numbers, out, raws=raws, keys=keys, problems=problems)
            numbers, out, raws, keys, problems, pending = [], [], [], [], {}, 0
    if open_at is not None:
        numbers.append(open_at)
        out.append(None)
        raws.append("\n".join(open_text))
        keys.append(None)
        problems[len(out) - 1] = _csv_problem(f"the row starting on line {open_at} opens a quote that is never closed",
                                              "close the quoted value")
    if out:
        yield Batch(numbers, out, raws=raws, keys=keys, problems=problems)


# ---------------------------------------------------------------------------------------------- TFRecord

def b64_instance(data: bytes) -> bytes:
    return b'{"b64":"' + base64.b64encode(data) + b'"}'


def read_tfrecord(stream: BinaryIO, spec: ExampleSpec | None) -> Iterator[Batch]:
    numbers: list[int] = []
    out: list[bytes | None] = []
    raws: list[Any] = []
    problems: dict[int, tuple[Diagnostic, ...]] = {}
    pending = 0
    for number, (_offset, data) in enumerate(read_records(stream), start=1):
        i = len(out)
        numbers.append(number)
        if isinstance(data, Corrupt):
            out.append(None)
            raws.append(None)
            problems[i] = (Diagnostic(
                "batch.tfrecord", Severity.ERROR, f"record {number} at byte {data.offset} is corrupt: {data.reason}"
                + (" (nothing after it can be read)" if data.fatal else ""), category="instance_format",
                path=f"$.byte[{data.offset}]", hint="re-write the file with tf.io.TFRecordWriter; check that "
                "--input-format matches (tf-record-gzip for GZIP-compressed records)"),)
        else:
            text = base64.b64encode(data)
            out.append(b'{"b64":"' + text + b'"}')  # (b64_instance, without encoding twice)
            raws.append(text.decode("ascii"))
            pending += len(data)
            if spec is not None:
                found = check_example(data, spec)
                if found:
                    problems[i] = tuple(found)
        if len(out) >= BATCH_LINES or pending >= BATCH_BYTES:
            yield Batch(numbers, out, raws=raws, problems=problems, b64=True)
            numbers, out, raws, problems, pending = [], [], [], {}, 0
    if out:
        yield Batch(numbers, out, raws=raws, problems=problems, b64=True)


# ---------------------------------------------------------------------------------------------- file list

def local_path_finding(where: str) -> Diagnostic:
    """A file list naming a local path: read here, but Vertex AI batch prediction's workers read Cloud Storage
    URIs (``gs://``), not this machine's files."""
    rel = "" if os.path.isabs(where) else " (a relative path: read here from the current folder)"
    return Diagnostic("batch.file", Severity.ERROR,
                      f"{where} is a local path{rel}: Vertex AI batch prediction reads Cloud Storage URIs "
                      "(gs://BUCKET/…), its workers cannot open a file of this machine",
                      category="instance_format", expected="a gs:// URI", received=where,
                      hint="upload the files (gcloud storage cp) and list their gs:// URIs")


def read_file_list(stream: LineCounter) -> Iterator[Batch]:
    for chunk in lines_mod.block_chunks(stream, 256, BATCH_BYTES):
        out: list[bytes | None] = []
        raws: list[Any] = []
        problems: dict[int, tuple[Diagnostic, ...]] = {}
        for i, line in enumerate(chunk.lines):
            where = line.decode("utf-8", "replace")
            raws.append(where)
            try:
                data = storage.read_bytes(where)
            except StorageError as exc:
                out.append(None)
                problems[i] = (Diagnostic("batch.file", Severity.ERROR, f"{exc.message}: Vertex AI cannot read it",
                                          category="instance_format", expected="an existing object", received=where,
                                          hint=exc.hint or "list only objects that exist and the job can read"),)
                continue
            out.append(b64_instance(data))  # (an image model's bytes are looked at by validate: request.image)
            if not storage.is_remote(where):
                problems[i] = (local_path_finding(where),)
        yield Batch(chunk.numbers, out, raws=raws, problems=problems, b64=True)
