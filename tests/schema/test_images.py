"""The tiny PNG (our encoder) and the bundled JPEG are real images."""

from __future__ import annotations

import io
import struct
import zlib

import pytest

from sigcheck.schema.images import IMAGE_SIDE, PNG_SIGNATURE, png_bytes, tiny_jpeg, tiny_png


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data.startswith(PNG_SIGNATURE)
    out, pos = [], len(PNG_SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"bad CRC in {kind!r}"
        out.append((kind, body))
        pos += 12 + length
    return out


def test_png_structure_and_pixels() -> None:
    data = tiny_png(7)
    found = chunks(data)
    assert [k for k, _ in found] == [b"IHDR", b"IDAT", b"IEND"]
    width, height, depth, colour, *_ = struct.unpack(">IIBBBBB", found[0][1])
    assert (width, height, depth, colour) == (IMAGE_SIDE, IMAGE_SIDE, 8, 2)
    raw = zlib.decompress(found[1][1])
    assert len(raw) == IMAGE_SIDE * (1 + 3 * IMAGE_SIDE)
    assert raw[1:4] == bytes((7, 0, 0))  # first pixel: the variant's red offset


def test_png_variants_differ_and_are_deterministic() -> None:
    assert tiny_png(1) == tiny_png(1)
    assert tiny_png(1) != tiny_png(2)


def test_png_rejects_wrong_pixel_count() -> None:
    with pytest.raises(ValueError, match="RGB bytes"):
        png_bytes(2, 2, b"\x00" * 11)


def test_jpeg_markers() -> None:
    data = tiny_jpeg()
    assert data[:2] == b"\xff\xd8" and data[-2:] == b"\xff\xd9"
    assert len(data) < 1024


def test_images_decode_with_pillow_when_available() -> None:
    image = pytest.importorskip("PIL.Image", reason="Pillow is in the [tf] extra")
    with image.open(io.BytesIO(tiny_png(3))) as png:
        png.load()
        assert png.size == (IMAGE_SIDE, IMAGE_SIDE) and png.mode == "RGB"
    with image.open(io.BytesIO(tiny_jpeg())) as jpeg:
        jpeg.load()
        assert jpeg.format == "JPEG" and jpeg.size == (8, 8)
