"""-o of a command that runs a model (predict, gate --predict), and the folder warmup writes into, are checked before
TensorFlow is imported or the model runs: the same one-line error (exit 2) the write would give afterwards, in well
under a second of work."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.cli.common import check_output

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular"
REQUEST = json.dumps({"instances": [{"age": [30.0], "hours": [40], "occupation": ["Sales"]}]})


def _run(tmp_path: Path, *argv: str) -> tuple[int, bool, str]:
    """(exit code, whether tensorflow was imported, stderr) of the CLI in a fresh interpreter."""
    code = ("import sys; from sigcheck.cli.app import run; c = run(sys.argv[1:]); "
            "sys.stderr.write('TF=%s\\n' % ('tensorflow' in sys.modules)); sys.exit(c)")
    proc = subprocess.run([sys.executable, "-c", code, *argv], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, "TF=True" in proc.stderr, proc.stderr


@pytest.mark.parametrize("command", ["predict", "gate"])
def test_bad_output_fails_before_tensorflow(tmp_path: Path, command: str) -> None:
    (tmp_path / "req.json").write_text(REQUEST)
    argv = (["predict", "req.json", "--model", str(TABULAR)] if command == "predict" else
            ["gate", str(TABULAR), "--request", "req.json", "--predict"])
    code, tf, err = _run(tmp_path, *argv, "-o", "nodir/x.json")
    assert code == 2 and not tf, err
    assert err.startswith(f"error: nodir/x.json: folder {tmp_path / 'nodir'} does not exist\nhint: "), err


def test_warmup_folder_that_cannot_be_written_fails_before_tensorflow(tmp_path: Path) -> None:
    (tmp_path / "req.json").write_text(REQUEST)
    shutil.copytree(TABULAR, tmp_path / "m")
    (tmp_path / "m" / "1" / "assets.extra").write_text("in the way")
    code, tf, err = _run(tmp_path, "warmup", "m", "--request", "req.json")
    assert code == 2 and not tf, err
    assert err.startswith("error: m/1/assets.extra: is a file, expected a folder"), err


def test_check_output_refuses_what_the_write_refuses(tmp_path: Path) -> None:
    from sigcheck.errors import SigcheckError

    (tmp_path / "afile").write_text("x")
    cases = {str(tmp_path / "nodir" / "x.json"): "does not exist", str(tmp_path): "is a folder, expected a file",
             str(tmp_path / "afile" / "x.json"): "is a file, not a folder"}
    for location, said in cases.items():
        with pytest.raises(SigcheckError) as err:
            check_output(location)
        assert said in str(err.value) and "\n" not in str(err.value)
    for fine in (None, "-", "gs://bucket/x.json", str(tmp_path / "new.json"), str(tmp_path / "afile")):
        check_output(fine)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]  # the probe is gone, nothing written
