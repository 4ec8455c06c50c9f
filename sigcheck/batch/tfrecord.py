"""TFRecord framing: each record is ``uint64 length``, ``uint32 masked_crc32c(length)``, ``data``,
``uint32 masked_crc32c(data)`` (little-endian), as TensorFlow's ``RecordWriter`` writes it.

:func:`read_records` yields every record with its byte offset and checks both CRCs; a record whose framing is
broken becomes a :class:`Corrupt` value (where, why) instead of an exception.  A bad length CRC (or a truncated
header) ends the file: nothing after it can be framed.  A bad data CRC spoils that record only.

CRC32C comes from ``google-crc32c`` (the C implementation google-cloud-storage already installs) when present,
else from a table in Python (correct, ~100x slower).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

_MASK_DELTA = 0xA282EAD8
_HEADER = struct.Struct("<QI")
_FOOTER = struct.Struct("<I")


def _python_crc32c() -> Callable[[bytes], int]:
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)

    def crc(data: bytes) -> int:
        c = 0xFFFFFFFF
        for b in data:
            c = table[(c ^ b) & 0xFF] ^ (c >> 8)
        return c ^ 0xFFFFFFFF

    return crc


def _crc32c() -> Callable[[bytes], int]:
    try:
        import google_crc32c
    except ImportError:
        return _python_crc32c()
    value = google_crc32c.value
    return value


crc32c = _crc32c()


def masked_crc(data: bytes) -> int:
    """TensorFlow's masked CRC32C (``crc32c::Mask``)."""
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + _MASK_DELTA) & 0xFFFFFFFF


def frame(data: bytes) -> bytes:
    """One record as TensorFlow writes it (for tests and the benchmark)."""
    length = struct.pack("<Q", len(data))
    return length + struct.pack("<I", masked_crc(length)) + data + struct.pack("<I", masked_crc(data))


@dataclass(frozen=True, slots=True)
class Corrupt:
    """A record whose framing is broken: at byte ``offset`` of the (uncompressed) file."""

    offset: int
    reason: str
    fatal: bool
    """True when nothing after it can be read (bad length CRC, truncated file)."""


def read_records(stream: BinaryIO, *, max_record: int = 1 << 31) -> Iterator[tuple[int, bytes | Corrupt]]:
    """(byte offset, record data or :class:`Corrupt`) for every record of ``stream``."""
    offset = 0
    read = stream.read
    while True:
        header = read(12)
        if not header:
            return
        if len(header) < 12:
            yield offset, Corrupt(offset, f"the file ends inside a record header ({len(header)} of 12 bytes)", True)
            return
        length, length_crc = _HEADER.unpack(header)
        if masked_crc(header[:8]) != length_crc:
            yield offset, Corrupt(offset, "the length's CRC does not match (corrupt length or not a TFRecord file)",
                                  True)
            return
        if length > max_record:
            yield offset, Corrupt(offset, f"a record length of {length} bytes is beyond any record", True)
            return
        data = read(length)
        footer = read(4)
        if len(data) < length or len(footer) < 4:
            yield offset, Corrupt(offset, f"the file ends inside a record of {length} bytes", True)
            return
        if masked_crc(data) != _FOOTER.unpack(footer)[0]:
            yield offset, Corrupt(offset, f"the data's CRC does not match ({length} bytes)", False)
        else:
            yield offset, data
        offset += 16 + length
