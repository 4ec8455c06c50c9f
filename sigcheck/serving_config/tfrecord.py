"""TFRecord framing without TensorFlow: the records of a file, or where and why the framing breaks.

Each record is ``uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data)``, little endian
(tensorflow/core/lib/io/record_reader.cc).  TF's reader answers a bad checksum or a record cut short with
``DataLoss`` (messages in :func:`records`); TF Serving's warm-up adds ``. Please verify your warmup data is in
TFRecord format.`` (saved_model_warmup_util.cc).
CRC-32C comes from ``google_crc32c`` when it is installed (it is with ``sigcheck[gcs]``), else from the table below.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Iterator

_MASK_DELTA = 0xA282EAD8
_POLY = 0x82F63B78  # CRC-32C (Castagnoli), reflected


def _table() -> list[int]:
    out = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ _POLY if c & 1 else c >> 1
        out.append(c)
    return out


_TABLE = _table()


def _crc32c_py(data: bytes) -> int:
    crc = 0xFFFFFFFF
    table = _TABLE
    for b in data:
        crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


try:  # the C implementation that google-cloud-storage installs; same function, ~100x faster
    import google_crc32c as _gcrc

    def crc32c(data: bytes) -> int:
        return int(_gcrc.value(bytes(data)))
except ImportError:  # pragma: no cover - depends on the installed extras
    crc32c = _crc32c_py


def masked_crc(data: bytes) -> int:
    crc = crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + _MASK_DELTA) & 0xFFFFFFFF


@dataclass(frozen=True)
class FramingError:
    offset: int
    """Byte offset of the record that breaks."""
    index: int
    """0-based index of that record."""
    message: str
    """TensorFlow's reader's own message (``corrupted record at 0``)."""
    reason: str
    """What is wrong, in sigcheck's words."""


def records(data: bytes) -> Iterator[bytes | FramingError]:
    """Each record's bytes in order; a :class:`FramingError` last when the framing breaks (then nothing more).

    The messages are TensorFlow 2.21's reader's, checked against ``tf.compat.v1.io.tf_record_iterator`` in
    tests/serving_config: a file ending inside a record header is a clean end of file for TensorFlow (no error),
    a record cut short is ``truncated record at <record offset>' failed with Read less bytes than requested``, a
    bad length checksum is ``corrupted record at <record offset>`` (``(Is this even a TFRecord file?)`` added for
    the first record), a bad data checksum ``corrupted record at <data offset>``.
    """
    pos, index, n = 0, 0, len(data)
    while n - pos >= 12:  # (fewer bytes than a header: TensorFlow stops reading without an error)
        header = data[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", data[pos + 8:pos + 12])
        if masked_crc(header) != length_crc:
            extra = " (Is this even a TFRecord file?)" if pos == 0 else ""
            yield FramingError(pos, index, f"corrupted record at {pos}{extra}",
                               f"the length checksum of record {index} does not match: not TFRecord framing")
            return
        start, end = pos + 12, pos + 12 + length
        if end + 4 > n:
            yield FramingError(pos, index, f"truncated record at {pos}' failed with Read less bytes than requested",
                               f"record {index} says {length} bytes, but the file ends {max(0, n - start)} bytes "
                               "into it")
            return
        payload = data[start:end]
        (data_crc,) = struct.unpack("<I", data[end:end + 4])
        if masked_crc(payload) != data_crc:
            yield FramingError(pos, index, f"corrupted record at {start}",
                               f"the data checksum of record {index} does not match")
            return
        yield payload
        pos, index = end + 4, index + 1


def frame(payloads: list[bytes]) -> bytes:
    """TFRecord bytes for ``payloads`` (tests and tools; TensorFlow's writer produces the same bytes)."""
    out = bytearray()
    for p in payloads:
        header = struct.pack("<Q", len(p))
        out += header + struct.pack("<I", masked_crc(header)) + p + struct.pack("<I", masked_crc(p))
    return bytes(out)
