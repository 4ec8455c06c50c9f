"""TFRecord framing without TensorFlow: one CRC-32C, one writer, one streaming reader with two behaviours.

Each record is ``uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)``, little endian
(tensorflow/core/lib/io/record_writer.cc and record_reader.cc).

:func:`read_records` reads a binary file object and yields ``(byte offset, data or Corrupt)`` for each record.  Two
modes, because two callers want different things from a broken file:

* ``mode="every"`` (``sigcheck batch``): report each corrupt record and carry on where the framing allows.  A bad
  data checksum spoils that record only; a bad length checksum, a record cut short or a file that ends inside a
  header ends the file (``Corrupt.fatal``).
* ``mode="tensorflow"`` (the warm-up lint of ``gate --serving-config``, ``sigcheck warmup``): behave as
  TensorFlow's ``RecordReader`` does.  A file ending inside a header is a clean end of file (no error); anything
  else broken is the last item, with TensorFlow's own message in ``Corrupt.message`` (a bad data checksum names
  the data offset, as TF does).  TF Serving's warm-up adds ``. Please verify your warmup data is in TFRecord
  format.`` (saved_model_warmup_util.cc).

CRC-32C comes from ``google-crc32c`` (a base dependency: a small C wheel) when it imports, else from the table
below (same function, about 100x slower).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Iterator, Literal

_MASK_DELTA = 0xA282EAD8
_POLY = 0x82F63B78  # CRC-32C (Castagnoli), reflected
_HEADER = struct.Struct("<QI")
_FOOTER = struct.Struct("<I")
_LENGTH = struct.Struct("<Q")

Mode = Literal["every", "tensorflow"]


def _table() -> list[int]:
    out = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        out.append(c)
    return out


_TABLE = _table()


def crc32c_python(data: bytes) -> int:
    """CRC-32C in Python (the fallback when ``google-crc32c`` does not import)."""
    crc = 0xFFFFFFFF
    table = _TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _crc32c() -> Callable[[bytes], int]:
    try:
        import google_crc32c
    except ImportError:  # pragma: no cover - depends on what is installed
        return crc32c_python
    value = google_crc32c.value
    return lambda data: value(bytes(data) if not isinstance(data, bytes) else data)


crc32c: Callable[[bytes], int] = _crc32c()
"""CRC-32C (Castagnoli) of ``data``."""


def masked_crc(data: bytes) -> int:
    """TensorFlow's masked CRC-32C (``crc32c::Mask``)."""
    c = crc32c(data)
    return ((((c >> 15) | (c << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


def frame(data: bytes) -> bytes:
    """One record as TensorFlow's ``TFRecordWriter`` writes it."""
    length = _LENGTH.pack(len(data))
    return length + _FOOTER.pack(masked_crc(length)) + data + _FOOTER.pack(masked_crc(data))


def frame_records(payloads: Iterable[bytes]) -> bytes:
    """A whole TFRecord file holding ``payloads`` (the same bytes TensorFlow's writer produces)."""
    return b"".join(frame(p) for p in payloads)


@dataclass(frozen=True, slots=True)
class Corrupt:
    """A record whose framing is broken."""

    offset: int
    """Byte offset of the record (of the uncompressed stream)."""
    index: int
    """0-based index of the record."""
    reason: str
    """What is wrong, in sigcheck's words (without the record's number: the caller says which record)."""
    fatal: bool
    """True when nothing after it is read."""
    message: str
    """TensorFlow's reader's own message for it (``corrupted record at 0``); empty for a file that ends inside a
    header, which TensorFlow reads as a clean end of file."""


def read_records(stream: BinaryIO, *, mode: Mode = "every",
                 max_record: int | None = 1 << 31) -> Iterator[tuple[int, bytes | Corrupt]]:
    """``(byte offset, record data or Corrupt)`` for each record of ``stream`` (see the module docstring for
    ``mode``).  ``max_record`` bounds a length before it is read (a corrupt length that passes its CRC cannot make
    the reader allocate gigabytes); None: no bound."""
    if mode not in ("every", "tensorflow"):
        raise ValueError(f"mode must be 'every' or 'tensorflow', not {mode!r}")
    tensorflow = mode == "tensorflow"
    offset, index = 0, 0
    read = stream.read
    while True:
        header = read(12)
        if not header:
            return
        if len(header) < 12:
            if tensorflow:  # TensorFlow stops reading without an error
                return
            yield offset, Corrupt(offset, index, f"the file ends inside a record header ({len(header)} of 12 bytes)",
                                  True, "")
            return
        length, length_crc = _HEADER.unpack(header)
        if masked_crc(header[:8]) != length_crc:
            extra = " (Is this even a TFRecord file?)" if offset == 0 else ""
            yield offset, Corrupt(offset, index, "the length's CRC does not match (corrupt length or not "
                                  "TFRecord framing)", True, f"corrupted record at {offset}{extra}")
            return
        truncated = f"truncated record at {offset}' failed with Read less bytes than requested"
        if max_record is not None and length > max_record:
            yield offset, Corrupt(offset, index, f"a record length of {length} bytes is beyond any record", True,
                                  truncated)
            return
        data = read(length)
        footer = read(4)
        if len(data) < length or len(footer) < 4:
            yield offset, Corrupt(offset, index, f"the record says {length} bytes, but the file ends "
                                  f"{len(data)} bytes into it", True, truncated)
            return
        if masked_crc(data) != _FOOTER.unpack(footer)[0]:
            yield offset, Corrupt(offset, index, f"the data's CRC does not match ({length} bytes)", tensorflow,
                                  f"corrupted record at {offset + 12}")
            if tensorflow:
                return
        else:
            yield offset, data
        offset += 16 + length
        index += 1
