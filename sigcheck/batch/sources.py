"""What the INPUT arguments name: local paths or globs, ``gs://`` paths or globs; each file's format and
compression; and the work units the runners hand out (whole files, or byte ranges of a large local JSON Lines file).
"""

from __future__ import annotations

import contextlib
import fnmatch
import glob
import gzip
import io
import os
import zlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Iterator, Sequence

from .. import storage
from ..errors import InputError, SigcheckError

FORMATS = ("jsonl", "csv", "tf-record", "tf-record-gzip", "file-list")
_BY_EXTENSION = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tfrecord": "tf-record",
                 ".tfrecords": "tf-record", ".tfr": "tf-record", ".txt": "file-list", ".list": "file-list"}
SPLIT_BYTES = 32 << 20
"""A local, uncompressed JSON Lines file is cut into byte ranges of about this size (one per work unit)."""
_MAGIC = "*?["


@dataclass(frozen=True)
class Source:
    """One file to read: the INPUT it came from, where it is, its format, whether it is gzip-compressed."""

    given: str
    location: str
    format: str
    gzip: bool
    size: int | None = None


@dataclass(frozen=True)
class Unit:
    """One piece of work: a whole file, or the lines of a local file that start in [start, end)."""

    order: int
    source: Source
    start: int = 0
    end: int | None = None

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None


def detect_format(location: str, flag: str | None) -> tuple[str, bool]:
    """(format, gzip) of a file: ``--input-format`` if given, else from its extension (``.gz`` read through)."""
    name = location.rstrip("/").rsplit("/", 1)[-1].lower()
    gz = name.endswith(".gz")
    stem = name[:-3] if gz else name
    if flag is not None:
        if flag not in FORMATS:
            raise InputError(f"unknown --input-format {flag!r}", hint=f"use one of: {', '.join(FORMATS)}")
        return flag, gz or flag == "tf-record-gzip"
    ext = os.path.splitext(stem)[1]
    fmt = _BY_EXTENSION.get(ext)
    if fmt is None:
        raise InputError(f"{location}: cannot tell the input format from the extension {ext or '(none)'!r}",
                         hint=f"pass --input-format ({', '.join(FORMATS)})")
    if fmt == "tf-record" and gz:
        fmt = "tf-record-gzip"
    return fmt, gz or fmt == "tf-record-gzip"


def expand(inputs: Sequence[str], input_format: str | None = None) -> list[Source]:
    """Every file the INPUT arguments name, in order (a glob's matches sorted); raises InputError for a path or
    glob that names nothing."""
    out: list[Source] = []
    for given in inputs:
        for location, size in _matches(given):
            fmt, gz = detect_format(location, input_format)
            out.append(Source(given, location, fmt, gz, size))
    if not out:
        raise InputError("no input files", hint="pass one or more INPUT paths, globs or gs:// URIs")
    return out


def _matches(given: str) -> list[tuple[str, int | None]]:
    magic = any(c in given for c in _MAGIC)
    if storage.is_remote(given):
        if not magic:
            return [(given, None)]
        cut = min(given.index(c) for c in _MAGIC if c in given)
        folder = given[:cut].rsplit("/", 1)[0]
        sizes = storage.file_sizes(folder)
        found = [(f"{folder}/{rel}", size) for rel, size in sorted(sizes.items())
                 if fnmatch.fnmatchcase(f"{folder}/{rel}", given)]
        if not found:
            raise InputError(f"{given}: no object matches", hint=f"see what is there: gcloud storage ls {folder}/")
        return found
    if magic:
        found = sorted(p for p in glob.glob(given) if os.path.isfile(p))
        if not found:
            raise InputError(f"{given}: no file matches", hint="check the pattern (quote it so the shell leaves it)")
        return [(p, os.path.getsize(p)) for p in found]
    if os.path.isdir(given):
        raise InputError(f"{given}: is a folder", hint=f"name its files, e.g. '{os.path.join(given, '*.jsonl')}'")
    if not os.path.isfile(given):
        if os.path.exists(given):  # a device, FIFO or socket: the one check of what it is (never blocks on it)
            try:
                storage.open_read(given).close()
            except SigcheckError as exc:
                raise InputError(str(exc), hint="copy it into a regular file first") from None
        raise InputError(f"{given}: no such file", hint="check the path")
    return [(given, os.path.getsize(given))]


def units(sources: Sequence[Source], split_bytes: int = SPLIT_BYTES) -> list[Unit]:
    """The work units: local uncompressed JSON Lines files above ``split_bytes`` in ranges, others whole."""
    out: list[Unit] = []
    for src in sources:
        size = src.size or 0
        if (src.format == "jsonl" and not src.gzip and not storage.is_remote(src.location)
                and size > split_bytes):
            for start in range(0, size, split_bytes):
                end = min(start + split_bytes, size)
                out.append(Unit(len(out), src, start, None if end >= size else end))
        else:
            out.append(Unit(len(out), src))
    return out


class RangeReader(io.RawIOBase):
    """The lines of a file that start in [start, end): from the first line start at or after ``start`` (``start``
    itself when 0) through the newline that ends the line holding byte ``end - 1``."""

    def __init__(self, raw: BinaryIO, start: int, end: int | None) -> None:
        super().__init__()
        self.raw = raw
        self.pos = start
        self.end = end
        self.done = False
        if start:
            raw.seek(start - 1)
            self.pos = start - 1
            self._skip_line()  # the line holding byte start - 1 belongs to the unit before

    def _skip_line(self) -> None:
        while True:
            block = self.raw.read(65536)
            if not block:
                self.done = True
                return
            cut = block.find(b"\n")
            if cut >= 0:
                self.pos += cut + 1
                self.raw.seek(self.pos)
                return
            self.pos += len(block)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        if self.end is None:
            block = self.raw.read(size)
            if not block:
                self.done = True
            return block
        if self.pos < self.end:
            want = self.end - self.pos if size < 0 else min(size, self.end - self.pos)
            block = self.raw.read(want)
            self.pos += len(block)
            if not block:
                self.done = True
            elif self.pos >= self.end and not block.endswith(b"\n"):  # finish the line that crosses end
                block += self._rest_of_line()
            return block
        self.done = True
        return b""

    def _rest_of_line(self) -> bytes:
        parts = []
        while True:
            chunk = self.raw.read(65536)
            if not chunk:
                break
            cut = chunk.find(b"\n")
            if cut >= 0:
                parts.append(chunk[:cut + 1])
                self.pos += cut + 1
                break
            parts.append(chunk)
            self.pos += len(chunk)
        self.done = True
        return b"".join(parts)

    def close(self) -> None:
        self.raw.close()
        super().close()


@contextlib.contextmanager
def open_unit(unit: Unit, opener: Any = None) -> Iterator[BinaryIO]:
    """A binary stream of the unit's bytes (decompressed for gzip), streamed from local disk or gs://
    (``opener(location)``: another way to open the raw file, e.g. Beam's FileSystems)."""
    raw = (opener or storage.open_read)(unit.source.location)
    try:
        if unit.source.gzip:
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz:
                yield _GzipErrors(gz, unit.source.location)  # type: ignore[misc]
        elif unit.whole:
            yield raw
        else:
            yield RangeReader(raw, unit.start, unit.end)  # type: ignore[misc]
    finally:
        raw.close()


class _GzipErrors:
    """A gzip stream whose corrupt data is an InputError naming the file."""

    def __init__(self, gz: Any, location: str) -> None:
        self.gz, self.location = gz, location

    def read(self, size: int = -1) -> bytes:
        try:
            return self.gz.read(size)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(f"{self.location}: not readable as gzip: {exc}",
                             hint="check the file, or drop the .gz extension if it is not compressed") from None
