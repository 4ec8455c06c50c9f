"""Tiny real images for binary (``_bytes``) sample values: a PNG written with zlib/struct, and a bundled JPEG.

PIL is only in the ``[tf]`` extra, so the PNG encoder is ours (8-bit RGB, one IDAT chunk, filter 0) and the JPEG
is package data: ``tiny.jpg``, an 8×8 RGB gradient saved once with Pillow (``quality=90, optimize=True``).
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from importlib import resources

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
IMAGE_SIDE = 8
"""Width and height of the generated PNG, in pixels."""


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width: int, height: int, rgb: bytes) -> bytes:
    """A valid 8-bit RGB PNG of ``width`` × ``height`` pixels from row-major RGB bytes."""
    if width < 1 or height < 1 or len(rgb) != width * height * 3:
        raise ValueError(f"png_bytes: need {width}*{height}*3 RGB bytes, got {len(rgb)}")
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[row * stride:(row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit, truecolour, deflate, filter 0, no interlace
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def tiny_png(variant: int = 0) -> bytes:
    """An 8×8 gradient PNG; ``variant`` shifts its colours, so instances of a sample differ deterministically."""
    r0, g0, b0 = variant & 0xFF, (variant >> 8) & 0xFF, (variant >> 16) & 0xFF
    pixels = bytearray()
    for y in range(IMAGE_SIDE):
        for x in range(IMAGE_SIDE):
            pixels += bytes(((r0 + 32 * x) & 0xFF, (g0 + 32 * y) & 0xFF, (b0 + 16 * (x + y)) & 0xFF))
    return png_bytes(IMAGE_SIDE, IMAGE_SIDE, bytes(pixels))


@lru_cache(maxsize=1)
def tiny_jpeg() -> bytes:
    """The bundled 8×8 baseline JPEG (325 bytes)."""
    return resources.files(__package__).joinpath("tiny.jpg").read_bytes()
