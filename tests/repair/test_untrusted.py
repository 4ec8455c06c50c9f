"""``sigcheck repair`` on a model folder that may come from anyone (u3 F13, F14): a symbolic link never makes it read
or publish a file from outside the folder, nor read a device or a FIFO; a link inside the folder is copied as a
link; SIGTERM removes the staging folder as Ctrl-C does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.errors import ModelError
from sigcheck.repair.files import copy_files, model_entries

from .damaged import repair_in_staging


def _model(fixture_model, tmp_path: Path, name: str = "tf1_keep_prob") -> Path:
    """A copy of fixture ``name`` as base path ``tmp_path/m`` (version 1), with an empty assets/ folder."""
    base = tmp_path / "m"
    shutil.copytree(fixture_model(name) / "1", base / "1")
    (base / "1" / "assets").mkdir(exist_ok=True)
    return base


def _nothing_written(base: Path) -> bool:
    return sorted(p.name for p in base.iterdir()) == ["1"]


def test_link_out_of_the_folder_is_refused_before_anything_runs(cli, fixture_model, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    base = _model(fixture_model, tmp_path)
    os.symlink(secret, base / "1" / "assets" / "pw")
    for extra in ((), ("--dry-run",), ("--json",)):
        code, out, err = cli("repair", base, "--output", base, *extra)
        assert code == 2, err
        first = err.splitlines()[0]
        assert first == f"error: {base}/1/assets/pw: is a symbolic link to {secret}, outside the model folder; " \
            "sigcheck never copies a file from outside the model into a new version", err
        assert "Traceback" not in err and "internal error" not in err
        assert _nothing_written(base)
    os.unlink(base / "1" / "assets" / "pw")  # a relative link climbing out, and one to nothing: refused the same way
    os.symlink("../../../secret.txt", base / "1" / "assets" / "up3")
    with pytest.raises(ModelError, match="outside the model folder"):
        model_entries(str(base / "1"))
    os.unlink(base / "1" / "assets" / "up3")
    os.symlink("nothing_here", base / "1" / "assets" / "gone")
    with pytest.raises(ModelError, match="which does not exist"):
        model_entries(str(base / "1"))


def test_link_to_dev_zero_is_refused_not_copied(fixture_model, tmp_path):
    """Run with a 1 MiB file-size cap: before the fix the copy read /dev/zero until the cap killed it (SIGXFSZ);
    now it is one line, exit 2, and neither a version nor a staging folder is left."""
    import resource

    base = _model(fixture_model, tmp_path)
    os.symlink("/dev/zero", base / "1" / "assets" / "z")

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    proc = subprocess.run([sys.executable, "-m", "sigcheck", "repair", str(base), "--output", str(base)],
                          capture_output=True, text=True, timeout=300, preexec_fn=cap)
    assert proc.returncode == 2, proc.stderr
    assert f"{base}/1/assets/z: is a symbolic link to /dev/zero, outside the model folder" in proc.stderr
    assert _nothing_written(base)


def test_fifo_in_the_folder_is_refused_without_blocking(cli, fixture_model, tmp_path):
    base = _model(fixture_model, tmp_path)
    os.mkfifo(base / "1" / "assets" / "fifo")
    code, _, err = cli("repair", base, "--output", base)
    assert code == 2 and "internal error" not in err
    assert err.startswith(f"error: {base}/1/assets/fifo: is a named pipe (FIFO), not a regular file"), err
    assert _nothing_written(base)


def test_copy_keeps_links_inside_the_folder_as_links(tmp_path):
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "variables").mkdir(parents=True)
    (src / "assets").mkdir()
    (src / "variables" / "variables.index").write_bytes(b"index")
    (src / "assets" / "vocab.txt").write_text("a\nb\n")
    os.symlink("../variables/variables.index", src / "assets" / "idx")
    os.symlink(str(src / "assets" / "vocab.txt"), src / "assets" / "abs")  # absolute, inside: made relative
    os.symlink("..", src / "assets" / "up")  # a link to a folder: kept as a link, never walked
    copy_files(str(src), str(dst))
    assert os.readlink(dst / "assets" / "idx") == "../variables/variables.index"
    assert os.readlink(dst / "assets" / "abs") == "vocab.txt"
    assert os.readlink(dst / "assets" / "up") == ".."
    assert (dst / "assets" / "idx").read_bytes() == b"index"
    assert (dst / "assets" / "vocab.txt").read_text() == "a\nb\n" and not (dst / "assets" / "vocab.txt").is_symlink()


@pytest.mark.tf
def test_repaired_version_keeps_inside_links_as_links(fixture_model, tmp_path):
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import REPAIRED, repair_model

    base = _model(fixture_model, tmp_path)
    os.symlink("../variables/variables.index", base / "1" / "assets" / "idx")
    os.symlink("..", base / "1" / "assets" / "up")
    result = repair_model(str(base), RepairOptions(output=str(base)))
    assert result.status == REPAIRED, result.to_json()
    new = base / "2" / "assets"
    assert os.readlink(new / "idx") == "../variables/variables.index" and os.readlink(new / "up") == ".."


@pytest.mark.tf
def test_sigterm_removes_the_staging_folder(fixture_model, tmp_path):
    """``timeout`` / a CI cancel: exit 130 as for Ctrl-C, and neither a version nor the staging folder is left."""
    import signal

    base = tmp_path / "base"
    proc = repair_in_staging(fixture_model("tf1_keep_prob"), base, stderr=subprocess.PIPE, text=True)
    try:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert list(base.iterdir()) == []


@pytest.mark.tf
def test_a_signal_tensorflow_turns_into_another_error_is_still_an_interruption(fixture_model, tmp_path, monkeypatch):
    """SIGTERM's KeyboardInterrupt raised while TensorFlow's C++ runs can come out of it as another error (pybind11:
    'ORIGINAL InvalidArgumentError REPLACED BY KeyboardInterrupt', then read as a model that does not load): the
    repair was told to stop, so it is interrupted (exit 130), not a failed load (exit 2) — the race
    test_sigterm_removes_the_staging_folder met once in CI, made certain here."""
    import signal

    from sigcheck.errors import ExecutionError
    from sigcheck.repair import run
    from sigcheck.repair.plan import RepairOptions

    def swallowed(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        except KeyboardInterrupt:  # what TensorFlow's C++ did with it
            raise ExecutionError("m/1: TensorFlow could not load this model: pybind11::error_already_set") from None
        raise AssertionError("the SIGTERM handler did not run")

    monkeypatch.setattr(run, "_write", swallowed)
    base = _model(fixture_model, tmp_path)
    with pytest.raises(KeyboardInterrupt):
        run.repair_model(str(base), RepairOptions(output=str(base)))
    assert _nothing_written(base)


def test_what_tensorflow_printed_before_an_interruption_is_not_replayed(capfd):
    """The KeyboardInterrupt raised inside TensorFlow's C++ can leave TensorFlow's own traceback on fd 2 (CI met
    'SystemError: <built-in function __import__> returned a result with an exception set' before 'interrupted', in
    test_sigterm_removes_the_staging_folder): serving.session.captured_stderr holds fd 2 back while TensorFlow loads
    and replays it when the block fails — not when it is interrupted.  An error is still replayed."""
    from sigcheck.serving.session import captured_stderr

    with pytest.raises(KeyboardInterrupt):
        with captured_stderr():
            os.write(2, b"Traceback (most recent call last):\nSystemError: returned a result with an exception set\n")
            raise KeyboardInterrupt
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"
    with pytest.raises(ValueError):
        with captured_stderr():
            os.write(2, b"what TensorFlow said\n")
            raise ValueError("no")
    assert "what TensorFlow said" in capfd.readouterr().err


@pytest.mark.tf
@pytest.mark.gcs
def test_gcs_output_never_gets_a_file_from_outside(fixture_model, gcs_emulator, tmp_path):
    """The u3 case: `--output gs://…` uploaded /etc/passwd as assets/pw.  Refused before anything is uploaded; once
    the link is gone, a link inside the folder is uploaded as the file it points to (gs:// has no links)."""
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model
    from sigcheck.storage.gcs import GcsBackend

    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    base = _model(fixture_model, tmp_path)
    os.symlink(secret, base / "1" / "assets" / "pw")
    os.symlink("../variables/variables.index", base / "1" / "assets" / "idx")
    GcsBackend._defaults.clear()
    try:
        bucket = gcs_emulator.new_bucket()
        out = f"gs://{bucket}/models/m"
        with pytest.raises(ModelError, match="assets/pw: is a symbolic link to .*outside the model folder"):
            repair_model(str(base), RepairOptions(output=out))
        assert gcs_emulator.names(bucket, "models/") == []
        os.unlink(base / "1" / "assets" / "pw")
        assert repair_model(str(base), RepairOptions(output=out)).location == f"{out}/1"
        names = gcs_emulator.names(bucket, "models/m/1/assets/")
        assert names == ["models/m/1/assets/idx"]
        from sigcheck import storage

        assert storage.read_bytes(f"{out}/1/assets/idx") == (base / "1" / "variables" / "variables.index").read_bytes()
    finally:
        GcsBackend._defaults.clear()
