"""Transfers report progress through the reporter the CLI installs (the library itself never prints)."""

from __future__ import annotations

import io
import sys

import pytest

from sigcheck import storage
from sigcheck.cli.common import TransferProgress

HALF_PLUS_TWO = ("tensorflow_serving", "servables", "tensorflow", "testdata", "saved_model_half_plus_two_cpu")


@pytest.fixture
def reporter():
    made: list[tuple[str, str, list]] = []

    def make(verb: str, location: str):
        calls: list[tuple[int, int]] = []
        made.append((verb, location, calls))
        return lambda done, total: calls.append((done, total))

    storage.report_transfers(make)
    yield made
    storage.report_transfers(None)


@pytest.mark.gcs
def test_download_and_upload_use_the_installed_reporter(gcs_emulator, tfs_testdata, reporter, tmp_path):
    bucket = gcs_emulator.new_bucket()
    gcs_emulator.put_tree(tfs_testdata.joinpath(*HALF_PLUS_TWO), bucket, "hp2")
    local = storage.local_copy(f"gs://{bucket}/hp2", cache_dir=str(tmp_path / "cache"))
    verb, location, calls = reporter[-1]
    assert (verb, location) == ("download", f"gs://{bucket}/hp2")
    assert calls and calls[-1][0] == calls[-1][1] > 0

    storage.upload_dir(local + "/00000123", f"gs://{bucket}/copy/1")
    verb, location, calls = reporter[-1]
    assert (verb, location) == ("upload", f"gs://{bucket}/copy/1")
    assert calls and calls[-1][0] == calls[-1][1] > 0


def test_explicit_progress_wins_over_the_reporter(reporter, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "saved_model.pb").write_bytes(b"x")
    calls: list = []
    storage.upload_dir(str(src), str(tmp_path / "dst"), progress=lambda d, t: calls.append((d, t)))
    assert reporter == []  # local destinations never ask the reporter


def test_transfer_progress_is_silent_below_the_threshold_and_one_line_off_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    small = TransferProgress("download", "gs://b/m/1")
    small(10, 100)
    assert err.getvalue() == ""
    big = TransferProgress("upload", "gs://b/m/2")
    total = storage.PROGRESS_THRESHOLD + 1
    for done in (0, total // 2, total):
        big(done, total)
    assert err.getvalue() == f"uploading gs://b/m/2 ({total / 1e6:.1f} MB)\n"
