"""storage.write_bytes on local paths: atomic for files, in place for devices and pipes."""

from __future__ import annotations

import os
import stat
import threading

from sigcheck import storage


def test_regular_file_is_replaced_atomically(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    storage.write_bytes(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left behind


def test_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    storage.write_bytes(str(fifo), b"report")
    reader.join(timeout=10)
    assert got == [b"report"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_null_stays_a_device():
    if not stat.S_ISCHR(os.stat("/dev/null").st_mode):
        import pytest

        pytest.skip("/dev/null is not a character device on this machine")
    storage.write_bytes("/dev/null", b"discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
