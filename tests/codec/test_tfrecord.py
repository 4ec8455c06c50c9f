"""TFRecord framing (sigcheck.codec.tfrecord): the writer against TensorFlow's bytes, both reading modes, both CRCs;
the TensorFlow mode's messages checked against TensorFlow's own reader."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest

from sigcheck.codec import tfrecord
from sigcheck.codec.tfrecord import Corrupt, crc32c_python, frame, frame_records, masked_crc, read_records


def _read(data: bytes, mode: str = "every") -> list[tuple[int, bytes | Corrupt]]:
    return list(read_records(io.BytesIO(data), mode=mode))


def _broken(one: bytes) -> dict[str, bytes]:
    data_crc = bytearray(one)
    data_crc[-1] ^= 0xFF
    length_crc = bytearray(one)
    length_crc[9] ^= 0xFF
    return {"data": bytes(data_crc), "length": bytes(length_crc)}


def test_crc32c_known_values_and_both_implementations_agree() -> None:
    assert crc32c_python(b"123456789") == 0xE3069283  # the CRC-32C check value (RFC 3720 B.4)
    assert tfrecord.crc32c(b"123456789") == 0xE3069283
    for data in (b"", b"a", bytes(range(256)) * 5, memoryview(b"view")):
        assert tfrecord.crc32c(data) == crc32c_python(bytes(data))


def test_frame_and_read_round_trip_in_both_modes() -> None:
    payloads = [b"", b"a", bytes(range(256)) * 3]
    data = frame_records(payloads)
    assert data == b"".join(frame(p) for p in payloads)
    assert masked_crc(struct.pack("<Q", 1)) == struct.unpack("<I", frame(b"a")[8:12])[0]
    for mode in ("every", "tensorflow"):
        got = _read(data, mode)
        assert [r for _, r in got] == payloads
        assert [o for o, _ in got] == [0, 16, 33]
    assert _read(b"") == []


def test_every_mode_reports_a_bad_data_crc_and_goes_on() -> None:
    one = frame(b"hello")
    bad = _broken(one)
    got = _read(one + bad["data"] + one + bad["length"] + one)
    kinds = [type(r).__name__ for _, r in got]
    assert kinds == ["bytes", "Corrupt", "bytes", "Corrupt"]
    data_bad, length_bad = got[1][1], got[3][1]
    assert (data_bad.offset, data_bad.index, data_bad.fatal) == (len(one), 1, False)
    assert "data's CRC" in data_bad.reason and data_bad.message == f"corrupted record at {len(one) + 12}"
    assert (length_bad.offset, length_bad.index, length_bad.fatal) == (3 * len(one), 3, True)
    assert "length's CRC" in length_bad.reason and length_bad.message == f"corrupted record at {3 * len(one)}"


def test_tensorflow_mode_stops_at_a_bad_data_crc_with_the_data_offset() -> None:
    one = frame(b"hello")
    got = _read(one + _broken(one)["data"] + one, "tensorflow")
    assert [type(r).__name__ for _, r in got] == ["bytes", "Corrupt"]
    assert got[1][1].fatal and got[1][1].message == f"corrupted record at {len(one) + 12}"
    first = _read(b"not a tfrecord file at all", "tensorflow")[-1][1]
    assert first.message == "corrupted record at 0 (Is this even a TFRecord file?)"


def test_the_file_ends_inside_a_header_or_a_record() -> None:
    one = frame(b"hello")
    cut_header = one + one[:7]
    assert [type(r).__name__ for _, r in _read(cut_header)] == ["bytes", "Corrupt"]
    assert "inside a record header (7 of 12 bytes)" in _read(cut_header)[1][1].reason
    assert [r for _, r in _read(cut_header, "tensorflow")] == [b"hello"]  # TensorFlow: a clean end of file
    cut_data = one + one[:-3]
    for mode in ("every", "tensorflow"):
        last = _read(cut_data, mode)[-1][1]
        assert isinstance(last, Corrupt) and last.fatal and last.index == 1
        assert last.message == f"truncated record at {len(one)}' failed with Read less bytes than requested"
        assert "says 5 bytes" in last.reason


def test_a_length_beyond_max_record_is_not_read() -> None:
    huge = struct.pack("<Q", 1 << 40)
    data = huge + struct.pack("<I", masked_crc(huge)) + b"x" * 10
    [(_, bad)] = _read(data)
    assert isinstance(bad, Corrupt) and bad.fatal and "beyond any record" in bad.reason
    with pytest.raises(ValueError, match="mode"):
        _read(data, "lenient")


def test_reads_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "r.tfrecord"
    path.write_bytes(frame_records([b"x" * 100_000, b"y"]))
    with open(path, "rb") as f:
        assert [len(r) for _, r in read_records(f)] == [100_000, 1]


@pytest.mark.tf
def test_framing_messages_match_tensorflows_reader(tmp_path: Path) -> None:
    import tensorflow as tf

    path = tmp_path / "r.tfrecord"
    with tf.io.TFRecordWriter(str(path)) as w:
        w.write(b"hello")
        w.write(b"world!!")
    data = path.read_bytes()
    assert data == frame_records([b"hello", b"world!!"])
    cases = {"cut inside a header": data[:len(data) - 21], "cut inside data": data[:-5],
             "length checksum": data[:25] + bytes([data[25] ^ 1]) + data[26:],
             "data checksum": data[:-1] + bytes([data[-1] ^ 1]), "not a tfrecord": b"not a tfrecord file at all"}
    for name, broken in cases.items():
        path.write_bytes(broken)
        try:
            got = [bytes(r) for r in tf.compat.v1.io.tf_record_iterator(str(path))]
            theirs = None
        except tf.errors.DataLossError as exc:
            got, theirs = None, exc.message
        ours = [r for _, r in _read(broken, "tensorflow")]
        if theirs is None:
            assert ours == got, name
        else:
            assert isinstance(ours[-1], Corrupt) and ours[-1].message == theirs, name
