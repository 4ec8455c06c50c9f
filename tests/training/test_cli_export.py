"""``sigcheck export`` on the command line: exit codes, one-line errors, interrupts that leave no version."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from sigcheck.cli.app import run

    capsys.readouterr()
    code = run(["export", *args, "--no-color"])
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line(code: int, out: str, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, err
    assert out == ""
    return errors[0]


@pytest.mark.parametrize(
    "content, args, phrase",
    [
        ("a,b\n1,2\n3,4\n", ["--label", "specie"], "no label column 'specie' (columns: a, b)"),
        ("species,island\nAdelie,Biscoe\nGentoo,Dream\n", ["--label", "specie"], "did you mean 'species'?"),
        ("a,b\n1,2,3,4\n5,6\n", ["--label", "a"], "more fields than the header"),
        ("\x00\x00binary", ["--label", "a"], "binary file"),
        ("a,b\n1,2\n3,4\n", [], "--data needs --label COLUMN"),
        ('{"age": [30.0], "hours": [40], "occupation": ["Sales"]}\n{"age": [31.0], "hours": [41], '
         '"occupation": ["Tech"]}\n', ["--label", "age"], "train.csv: not a CSV file: it looks like JSON Lines"),
    ],
)
def test_bad_csv_and_missing_label_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        content: str, args: list[str], phrase: str) -> None:
    data = tmp_path / "train.csv"
    data.write_text(content)
    line = _one_error_line(*_run(capsys, "--data", str(data), *args, "--output", str(tmp_path / "out")))
    assert phrase in line
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "give exactly one of --data" in _one_error_line(*_run(capsys, "--output", str(tmp_path)))
    line = _one_error_line(*_run(capsys, "--example", "penguins", "--image-bytes", "--output", str(tmp_path)))
    assert "--image-bytes applies to image models" in line
    line = _one_error_line(*_run(capsys, "--data", str(tmp_path / "no.csv"), "--label", "y", "--output",
                                 str(tmp_path)))
    assert "no such file" in line
    line = _one_error_line(*_run(capsys, "--example", "penguins", "--epochs", "0", "--output", str(tmp_path)))
    assert "--epochs must be at least 1" in line
    garbage = tmp_path / "model.keras"
    garbage.write_text("not a zip")
    line = _one_error_line(*_run(capsys, "--from", str(garbage), "--output", str(tmp_path / "m")))
    assert "not a .keras file" in line
    line = _one_error_line(*_run(capsys, "--from", str(tmp_path), "--output", str(tmp_path / "m")))
    assert "is a folder; --from takes a Keras model file" in line
    line = _one_error_line(*_run(capsys, "--from", str(garbage), "--label", "y", "--output", str(tmp_path / "m")))
    assert "--label applies to CSV training, not to --from" in line


def test_input_errors_are_found_before_tensorflow_is_imported(tmp_path: Path) -> None:
    """A wrong label, an existing --version: one line, exit 2, and TensorFlow never imported (a fresh process)."""
    data = tmp_path / "train.csv"
    data.write_text("a,b\n1,2\n3,4\n")
    (tmp_path / "models" / "1").mkdir(parents=True)
    script = (
        "import sys\n"
        "from sigcheck.cli import main\n"
        f"codes = [main(['export', '--data', {str(data)!r}, '--label', 'c', '--output', {str(tmp_path / 'x')!r}]),\n"
        f"         main(['export', '--example', 'penguins', '--output', {str(tmp_path / 'models')!r}, '--version', '1'])]\n"
        "print(codes, [m for m in ('tensorflow', 'keras') if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.stdout.strip() == "[2, 2] []", proc.stderr
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {data}: no label column 'c' (columns: a, b)",
        f"error: {tmp_path / 'models' / '1'}: version 1 already exists; sigcheck never overwrites a version",
    ]
    assert "Traceback" not in proc.stderr


@pytest.mark.tf
def test_penguins_example_end_to_end_in_process(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sigcheck.cli.app import run

    base = tmp_path / "penguins"
    code = run(["export", "--example", "penguins", "--output", str(base), "--epochs", "1", "--json", "--no-color"])
    out, err = capsys.readouterr()
    assert code == 0, err
    summary = json.loads(out)
    assert summary["ok"] and summary["version"] == 1 and summary["model"] == str(base / "1")
    assert summary["signatures"] == ["serving_default"]
    assert {"val_accuracy", "val_loss"} <= set(summary["metrics"])
    assert "epoch 1/1" in err and f"exported {base / '1'}" in err
    assert "cuda" not in err.lower()
    from sigcheck.model import read_model

    info = read_model(str(base))
    assert sorted(info.signatures["serving_default"].inputs) == [
        "bill_depth_mm", "bill_length_mm", "body_mass_g", "flipper_length_mm", "island", "sex", "year"]
    assert (base / "1" / "assets.extra" / "request.json").exists() and (base / "logs" / "1").is_dir()


def _start_export(keras_file: Path, base: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "sigcheck", "export", "--from", str(keras_file), "--image-bytes",
                             "--output", str(base)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "NO_COLOR": "1"})


def _wait_for_staging(proc: subprocess.Popen[str], base: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if base.is_dir() and any(p.name.startswith(".sigcheck-export-") for p in base.iterdir()):
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.005)
    proc.kill()
    pytest.fail("the export never started building")


@pytest.mark.tf
def test_interrupted_export_leaves_no_version_folder(unnamed_image_keras: Path, tmp_path: Path) -> None:
    """Ctrl-C while the SavedModel is being written: exit 130, no version, no temporary folder (SIGTERM takes the
    same handler).  SIGKILL: no version folder either; the next export into the base path removes the hidden
    temporary folder it left."""
    bases = {sig: tmp_path / sig.name for sig in (signal.SIGINT, signal.SIGKILL)}
    procs = {}
    for sig, base in bases.items():  # (one at a time: a second export started alongside could finish, on a quick
        procs[sig] = proc = _start_export(unnamed_image_keras, base)  # machine, while the first is awaited)
        _wait_for_staging(proc, base)
        proc.send_signal(sig)
    for sig, proc in procs.items():
        out, err = proc.communicate(timeout=60)
        names = sorted(p.name for p in bases[sig].iterdir())
        assert not [n for n in names if n.isdigit()], (sig, names, err)
        if sig == signal.SIGKILL:
            assert proc.returncode == -signal.SIGKILL
            assert len(names) == 1 and names[0].startswith(".sigcheck-export-")
        else:
            assert proc.returncode == 130, err
            assert "interrupted" in err and "Traceback" not in err
            assert names == [], names
    from sigcheck.training import ExportOptions, export_keras

    result = export_keras(str(unnamed_image_keras), ExportOptions(output=str(bases[signal.SIGKILL])))
    assert sorted(p.name for p in bases[signal.SIGKILL].iterdir()) == ["1"]
    assert result.version == 1
