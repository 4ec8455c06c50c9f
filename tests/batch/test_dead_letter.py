"""``--dead-letter``: never an input (local by any spelling, gs:// the same object), a place that cannot take it is
refused before the run, and a run stopped by SIGTERM / Ctrl-C leaves no temporary file (a SIGKILL's is removed by
the next run)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from sigcheck.batch import run_batch
from sigcheck.batch.deadletter import TEMP_PREFIX, TEMP_SUFFIX
from sigcheck.errors import InputError
from sigcheck.model import read_model

from .conftest import jsonl_text

BAD = '{"age": [31.5], "hours": [40.5], "occupation": ["x"]}\n'
"""A record with an error (an int64 input given 40.5): validated alone, ~0.5 ms."""


def temporaries(folder) -> list[str]:
    return sorted(p for p in os.listdir(folder) if p.startswith(TEMP_PREFIX))


@pytest.fixture
def victim(tmp_path):
    path = tmp_path / "victim.jsonl"
    path.write_text(jsonl_text())
    return path


def test_dead_letter_that_is_an_input_is_refused(cli, fixture_model, victim, tmp_path):
    model = fixture_model("keras_tabular")
    before = victim.read_bytes()
    link = tmp_path / "link.jsonl"
    link.symlink_to(victim)
    os.makedirs(tmp_path / "sub")
    other_spelling = tmp_path / "sub" / ".." / "." / "victim.jsonl"
    cases = [(victim, victim), (victim, link), (link, victim), (victim, other_spelling),
             (tmp_path / "*.jsonl", victim)]  # a glob that matches it
    for given, dead in cases:
        code, out, err = cli("batch", given, "--model", model, "--dead-letter", dead, "--workers", "1")
        assert code == 2, (given, dead, out, err)
        assert err.startswith("error: --dead-letter ") and "would replace the input" in err
        assert len(err.strip().splitlines()) == 2 and err.splitlines()[1].startswith("hint: ")
        assert victim.read_bytes() == before and link.is_symlink()
    assert temporaries(tmp_path) == []
    # a dead letter beside the input (not the input) is written as before
    code, _, err = cli("batch", victim, "--model", model, "--dead-letter", tmp_path / "bad.jsonl", "--workers", "1")
    assert code == 1 and (tmp_path / "bad.jsonl").read_text().count("\n") == 7 and victim.read_bytes() == before


def test_dead_letter_location_checked_before_the_run(cli, fixture_model, victim, tmp_path):
    """A folder, a place no file can be created in, a missing folder: one line, exit 2, before the model is
    even read (a model that does not exist is not what the error is about)."""
    folder = tmp_path / "adir"
    folder.mkdir()
    for dead, words in ((folder, "is a folder"), ("/proc/sigcheck-dead.jsonl", "cannot create a file in /proc"),
                        (tmp_path / "nowhere" / "dead.jsonl", "does not exist")):
        for model in (fixture_model("keras_tabular"), tmp_path / "no-model"):
            code, out, err = cli("batch", victim, "--model", model, "--dead-letter", dead, "--workers", "1")
            assert code == 2 and err.startswith(f"error: {dead}: ") and words in err, err
            assert "internal error" not in err and len(err.strip().splitlines()) == 2
    assert os.listdir(folder) == [] and temporaries(tmp_path) == []


def slow_input(tmp_path, n: int = 30000):
    path = tmp_path / "slow.jsonl"
    path.write_text(BAD * n)
    return path


def start(args: list, cwd) -> subprocess.Popen:
    env = dict(os.environ, NO_GCE_CHECK="true")
    return subprocess.Popen([sys.executable, "-m", "sigcheck", *map(str, args)], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for_temporary(proc: subprocess.Popen, folder, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = temporaries(folder)
        if found:
            return found[0]
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    proc.kill()
    raise AssertionError("the run never opened its dead letter")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_ctrl_c_leave_no_temporary(fixture_model, tmp_path, signum):
    out = tmp_path / "out"
    out.mkdir()
    proc = start(["batch", slow_input(tmp_path), "--model", fixture_model("keras_tabular"), "--dead-letter",
                  out / "dead.jsonl", "--workers", "2"], tmp_path)
    name = wait_for_temporary(proc, out)
    assert name.startswith(f"{TEMP_PREFIX}{socket.gethostname()}-{proc.pid}-") and name.endswith(TEMP_SUFFIX)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err.decode() and os.listdir(out) == []


def test_sigkill_leftover_is_removed_by_the_next_run(fixture_model, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    model = fixture_model("keras_tabular")
    proc = start(["batch", slow_input(tmp_path), "--model", model, "--dead-letter", out / "dead.jsonl",
                  "--workers", "1"], tmp_path)
    left = wait_for_temporary(proc, out)
    proc.kill()
    proc.communicate(timeout=30)
    assert temporaries(out) == [left]  # a SIGKILL cannot be caught (README says so, and that it can be deleted)
    # another host's, and a live process's (this one), are not ours to remove
    mine = f"{TEMP_PREFIX}{socket.gethostname()}-{os.getpid()}-abcdefgh{TEMP_SUFFIX}"
    theirs = f"{TEMP_PREFIX}other-host-{proc.pid}-abcdefgh{TEMP_SUFFIX}"
    for name in (mine, theirs):
        (out / name).write_text("")
    small = tmp_path / "small.jsonl"
    small.write_text(BAD * 3)
    result = run_batch([str(small)], read_model(str(model)),
                       workers=1, dead_letter=str(out / "dead.jsonl"))
    assert result.bad_records == 3 and (out / "dead.jsonl").read_text().count("\n") == 3
    assert temporaries(out) == sorted([mine, theirs])


@pytest.mark.gcs
def test_gs_dead_letter_that_is_an_input_is_refused(gcs_emulator, tabular):
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    bucket = gcs_emulator.new_bucket()
    blob = gcs_emulator.client.bucket(bucket).blob("batch/in.jsonl")
    text = jsonl_text()
    blob.upload_from_string(text)
    for given in (f"gs://{bucket}/batch/in.jsonl", f"gs://{bucket}/batch/*.jsonl"):
        with pytest.raises(InputError, match="would replace the input"):
            run_batch([given], tabular, workers=1, dead_letter=f"gs://{bucket}/batch/in.jsonl")
    assert gcs_emulator.client.bucket(bucket).blob("batch/in.jsonl").download_as_bytes().decode() == text
    result = run_batch([f"gs://{bucket}/batch/in.jsonl"], tabular, workers=1,
                       dead_letter=f"gs://{bucket}/batch/bad.jsonl")
    assert result.bad_records == 7 and gcs_emulator.names(bucket) == ["batch/bad.jsonl", "batch/in.jsonl"]
    GcsBackend._defaults.clear()
