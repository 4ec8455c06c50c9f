"""u3 F10: `sigcheck warmup` never writes a warm-up file the gate then fails the version for: the records get the
gate's own lint (``files.warmup``, :func:`sigcheck.serving_config.warmup_lint` per record) before anything runs.
A request of another rank that TF Serving accepts (and an element-wise model would answer) is refused, exit 1,
nothing written; ``--no-verify`` writes it and says what the gate will say."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sigcheck.gate import run_gate

pytestmark = pytest.mark.tf

RANK = b'{"instances": [[[1.0, 2.0, 3.0, 4.0]]]}'  # (1, 1, 4) to x (-1, 4): TF Serving accepts it, the gate errs
GOOD = b'{"instances": [[1.0, 2.0, 3.0, 4.0]]}'


@pytest.fixture
def base(tmp_path: Path, fixture_model) -> Path:
    b = tmp_path / "m"
    shutil.copytree(fixture_model("keras_unnamed"), b)
    return b


def _file(base: Path) -> Path:
    return base / "1" / "assets.extra" / "tf_serving_warmup_requests"


def test_refused_when_the_gate_would_fail_the_version(base: Path) -> None:
    from sigcheck.serving.warmup import write_warmup

    result = write_warmup(str(base), [("rank.json", RANK)])
    assert not result.written and not result.ran  # (judged before the model runs)
    assert {f.code for f in result.findings} == {"config.warmup.shape"}
    assert all(f.severity.value == "error" and f.subject == "rank.json" for f in result.findings)
    assert not _file(base).exists() and not _file(base).parent.exists()
    assert run_gate(str(base)).checks["files.warmup"] == "skip"  # (no file: nothing for the gate to fail)


def test_no_verify_writes_it_and_says_what_the_gate_says(base: Path) -> None:
    from sigcheck.serving.warmup import write_warmup

    result = write_warmup(str(base), [("rank.json", RANK)], verify=False)
    assert result.written
    said = [w for w in result.warnings if w.code == "config.warmup.shape"]
    assert said and "written anyway (--no-verify)" in said[0].message
    assert run_gate(str(base)).checks["files.warmup"] == "fail"  # the gate says what warmup said


def test_a_good_request_is_written_and_passes_the_gate(base: Path) -> None:
    from sigcheck.serving.warmup import write_warmup

    assert write_warmup(str(base), [("good.json", GOOD)], verify=False).written
    assert run_gate(str(base)).checks["files.warmup"] == "pass"


def test_cli_exit_1_nothing_written(base: Path, tmp_path: Path, cli) -> None:
    req = tmp_path / "rank.json"
    req.write_bytes(RANK)
    code, out, err = cli("warmup", base, "--request", req, "--json")
    assert code == 1, err
    data = json.loads(out)
    assert data["written"] is False and data["findings"][0]["code"] == "config.warmup.shape"
    assert "nothing written: `sigcheck gate` would fail the version on 1 finding of these records" in err
    assert not _file(base).exists()
