"""The TensorBundle index (``variables/variables.index``) read without TensorFlow: where each variable's bytes are.

The index is a TensorFlow table (LevelDB's sorted-string-table layout: data blocks of prefix-compressed keys, an
index block, a 48-byte footer ending in the magic number ``0xdb4775248b80fb57``).  Its first key, ``""``, holds a
``BundleHeaderProto`` (``num_shards``); every other key a ``BundleEntryProto`` (``shard_id``, ``offset``, ``size``
of the tensor's bytes in ``variables.data-<shard>-of-<num_shards>``).  Blocks are plain or snappy-compressed (builds
of TensorFlow with snappy write type-1 blocks; TF Serving's ``saved_model_half_plus_two_cpu`` has them).  Only the fields sigcheck needs are decoded (protobuf wire format by hand: no generated code).

Used by the gate's ``files.variables`` rule: a data shard shorter than the index says (a copy cut short) makes
TensorFlow's restore fail when the version loads (``Read less bytes than requested``)."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

TABLE_MAGIC = 0xDB4775248B80FB57
FOOTER_BYTES = 48
BLOCK_TRAILER = 5  # one byte of compression type, then a masked CRC32C


class BundleIndexError(ValueError):
    """The bytes are not a TensorBundle index sigcheck can read (not a table, cut short, corrupt)."""


@dataclass(frozen=True)
class BundleIndex:
    """``num_shards`` from the header, and per shard the number of bytes the index says it holds at least."""

    num_shards: int
    shard_bytes: dict[int, int] = field(default_factory=dict)
    """shard id → the end of its last tensor (max offset + size): the shard file must be at least this long."""
    entries: int = 0
    """How many tensors (or slices) the index lists."""

    def shard_name(self, shard: int) -> str:
        """The data file of ``shard``, relative to the SavedModel folder (``variables/variables.data-…``)."""
        return f"variables/variables.data-{shard:05d}-of-{self.num_shards:05d}"


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise BundleIndexError("a varint runs past the end")
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise BundleIndexError("a varint longer than 10 bytes")


def _fields(msg: bytes) -> dict[int, int]:
    """The varint fields of a protobuf message (the last value of each field number); other wire types skipped."""
    out: dict[int, int] = {}
    pos = 0
    while pos < len(msg):
        key, pos = _varint(msg, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            out[number], pos = _varint(msg, pos)
        elif wire == 1:
            pos += 8
        elif wire == 2:
            n, pos = _varint(msg, pos)
            pos += n
        elif wire == 5:
            pos += 4
        else:
            raise BundleIndexError(f"protobuf wire type {wire} in an index entry")
    if pos != len(msg):
        raise BundleIndexError("an index entry is cut short")
    return out


def _unsnappy(raw: bytes) -> bytes:
    """Snappy's raw format (what a table block of compression type 1 holds), decompressed."""
    n, pos = _varint(raw, 0)
    out = bytearray()
    while pos < len(raw):
        tag = raw[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # literal
            length = tag >> 2
            if length >= 60:
                k = length - 59
                length = int.from_bytes(raw[pos:pos + k], "little")
                pos += k
            length += 1
            if pos + length > len(raw):
                raise BundleIndexError("a snappy literal runs past the block")
            out += raw[pos:pos + length]
            pos += length
            continue
        if kind == 1:
            length, back = ((tag >> 2) & 7) + 4, ((tag >> 5) << 8) | raw[pos]
            pos += 1
        elif kind == 2:
            length, back = (tag >> 2) + 1, int.from_bytes(raw[pos:pos + 2], "little")
            pos += 2
        else:
            length, back = (tag >> 2) + 1, int.from_bytes(raw[pos:pos + 4], "little")
            pos += 4
        if back == 0 or back > len(out):
            raise BundleIndexError("a snappy copy reaches before the start")
        start = len(out) - back
        for i in range(length):  # (a copy may overlap what it writes)
            out.append(out[start + i])
    if len(out) != n:
        raise BundleIndexError(f"a snappy block decompresses to {len(out)} bytes, not {n}")
    return bytes(out)


def _block(data: bytes, offset: int, size: int) -> bytes:
    if offset < 0 or offset + size + BLOCK_TRAILER > len(data):
        raise BundleIndexError("a block runs past the end of the file")
    kind = data[offset + size]
    if kind == 0:
        return data[offset:offset + size]
    if kind == 1:
        return _unsnappy(data[offset:offset + size])
    raise BundleIndexError(f"a block of unknown compression type {kind}")


def _entries(block: bytes) -> list[tuple[bytes, bytes]]:
    if len(block) < 4:
        raise BundleIndexError("a block too short for its restart count")
    (restarts,) = struct.unpack_from("<I", block, len(block) - 4)
    end = len(block) - 4 * (restarts + 1)
    if end < 0:
        raise BundleIndexError("a block's restart array runs past its start")
    out: list[tuple[bytes, bytes]] = []
    key = b""
    pos = 0
    while pos < end:
        shared, pos = _varint(block, pos)
        unshared, pos = _varint(block, pos)
        length, pos = _varint(block, pos)
        if shared > len(key) or pos + unshared + length > end:
            raise BundleIndexError("a block entry runs past the block")
        key = key[:shared] + block[pos:pos + unshared]
        pos += unshared
        out.append((key, block[pos:pos + length]))
        pos += length
    return out


def read_bundle_index(data: bytes) -> BundleIndex:
    """Parse ``variables.index``; :class:`BundleIndexError` when it is not a table this reader knows."""
    if len(data) < FOOTER_BYTES:
        raise BundleIndexError(f"{len(data)} bytes, shorter than a table footer ({FOOTER_BYTES})")
    footer = data[-FOOTER_BYTES:]
    (magic,) = struct.unpack_from("<Q", footer, FOOTER_BYTES - 8)
    if magic != TABLE_MAGIC:
        raise BundleIndexError("no table magic number at the end (the file is cut short or not an index)")
    pos = 0
    _meta_offset, pos = _varint(footer, pos)
    _meta_size, pos = _varint(footer, pos)
    index_offset, pos = _varint(footer, pos)
    index_size, pos = _varint(footer, pos)
    num_shards = 1
    shard_bytes: dict[int, int] = {}
    count = 0
    for _, handle in _entries(_block(data, index_offset, index_size)):
        offset, p = _varint(handle, 0)
        size, _ = _varint(handle, p)
        for key, value in _entries(_block(data, offset, size)):
            f = _fields(value)
            if key == b"":
                num_shards = f.get(1, 1) or 1  # BundleHeaderProto.num_shards
                continue
            count += 1
            shard, start, length = f.get(3, 0), f.get(4, 0), f.get(5, 0)  # shard_id, offset, size
            if length:
                shard_bytes[shard] = max(shard_bytes.get(shard, 0), start + length)
    return BundleIndex(num_shards=num_shards, shard_bytes=shard_bytes, entries=count)


def short_shards(index: BundleIndex, files: dict[str, int]) -> list[tuple[str, int, int]]:
    """``(data file, its size, the bytes the index needs)`` for each present shard shorter than the index says."""
    out = []
    for shard, needed in sorted(index.shard_bytes.items()):
        name = index.shard_name(shard)
        size = files.get(name)
        if size is not None and size < needed:
            out.append((name, size, needed))
    return out


__all__ = ["BundleIndex", "BundleIndexError", "read_bundle_index", "short_shards"]
