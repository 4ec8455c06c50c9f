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


def test_written_files_follow_the_umask_not_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "schema.json"
        storage.write_bytes(str(target), b"{}")
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o644
        src = tmp_path / "src"
        src.mkdir()
        (src / "saved_model.pb").write_bytes(b"x")
        storage.upload_dir(str(src), str(tmp_path / "models" / "1"))
        assert stat.S_IMODE(os.stat(tmp_path / "models" / "1").st_mode) == 0o755
    finally:
        os.umask(old)
