"""Damage for the repair tests: a model whose variables shard is cut short, and a repair run caught mid-way (its
staging folder written, nothing published yet) for a signal to stop."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


def cut_short(fixture_model, tmp_path: Path) -> Path:
    """keras_unnamed (TF2, generated names) with its variables.data shard cut to half."""
    base = tmp_path / "br"
    shutil.copytree(fixture_model("keras_unnamed") / "1", base / "1")
    (shard,) = (base / "1" / "variables").glob("variables.data-*")
    data = shard.read_bytes()
    shard.write_bytes(data[: len(data) // 2])
    return base


def repair_in_staging(model: Path, base: Path, **popen) -> subprocess.Popen:
    """``sigcheck repair MODEL --output BASE`` started, returned once its staging folder exists (the test fails when
    the run ends first); the caller signals it, and kills it in a ``finally`` if it is still running."""
    proc = subprocess.Popen([sys.executable, "-m", "sigcheck", "repair", str(model), "--output", str(base)],
                            stdout=subprocess.DEVNULL, **popen)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if base.exists() and any(p.name.startswith(".sigcheck-export-") for p in base.iterdir()):
            return proc
        time.sleep(0.02)
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    pytest.fail(f"the repair ended (exit {proc.returncode}) before its staging folder was seen")
