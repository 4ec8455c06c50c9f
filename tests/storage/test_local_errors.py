"""Local OS errors are one-line errors naming the path (exit 2), from the one mapping every read and write uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck import storage
from sigcheck.errors import StorageError

ROOT = Path(__file__).resolve().parents[2]


def write_error(location: str | Path) -> StorageError:
    with pytest.raises(StorageError) as err:
        storage.write_bytes(str(location), b"{}")
    return err.value


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "file.csv").write_text("a,b\n")
    for target in (tmp_path / "file.csv" / "x.json", tmp_path / "file.csv" / "a" / "b" / "x.json"):
        err = write_error(target)
        assert str(err) == f"{target}: {tmp_path / 'file.csv'} is a file, not a folder"
    assert not list(tmp_path.glob(".sigcheck-*"))


def test_a_missing_folder_and_a_folder_as_target(tmp_path: Path) -> None:
    assert str(write_error(tmp_path / "nope" / "x.json")) == \
        f"{tmp_path / 'nope' / 'x.json'}: folder {tmp_path / 'nope'} does not exist"
    err = write_error(tmp_path)
    assert str(err) == f"{tmp_path}: is a folder, expected a file" and err.hint
    assert not list(tmp_path.glob(".sigcheck-*"))  # the temporary file is gone


@pytest.mark.skipif(not os.path.isdir("/sys"), reason="needs /sys (not writable, even by root)")
def test_permission_denied_names_the_path_and_the_folder() -> None:
    try:
        storage.write_bytes("/sys/sigcheck-test.json", b"{}")
    except StorageError as err:
        assert str(err) == "/sys/sigcheck-test.json: permission denied (cannot write in /sys)"
        assert err.hint == "choose a location you may write to"
    else:  # pragma: no cover - a system where /sys takes files
        os.unlink("/sys/sigcheck-test.json")
        pytest.skip("/sys is writable here")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a folder without write permission")
def test_permission_denied_in_a_read_only_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        assert str(write_error(locked / "x.json")).startswith(f"{locked / 'x.json'}: permission denied")
    finally:
        locked.chmod(0o755)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device() -> None:
    assert str(write_error("/dev/full")) == "/dev/full: no space left on device (cannot write in /dev)"


def test_reads_and_listings_use_the_same_mapping(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    cases = [(storage.read_bytes, tmp_path / "nope", f"{tmp_path / 'nope'}: no such file"),
             (storage.read_bytes, tmp_path, f"{tmp_path}: is a folder, expected a file"),
             (storage.read_bytes, tmp_path / "f" / "g", f"{tmp_path / 'f' / 'g'}: {tmp_path / 'f'} is a file, "
              "not a folder"),
             (storage.list_dir, tmp_path / "nope", f"{tmp_path / 'nope'}: no such folder"),
             (storage.list_dir, tmp_path / "f", f"{tmp_path / 'f'}: is a file, expected a folder")]
    for call, location, message in cases:
        with pytest.raises(StorageError) as err:
            call(str(location))
        assert str(err.value) == message


# --- every command that writes -o gets it -----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["sample", "{model}"], ["schema", "{model}"], ["inspect", "{model}", "--json"],
                                     ["inspect", "{model}", "--no-color"]])
def test_commands_writing_o_say_it_in_one_line(cli, fixture_model, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "file.csv").write_text("a\n")
    argv = [a.replace("{model}", str(fixture_model("keras_tabular"))) for a in command]
    code, out, err = cli(*argv, "-o", tmp_path / "file.csv" / "x.json")
    assert code == 2 and out == ""
    assert err.splitlines() == [f"error: {tmp_path / 'file.csv' / 'x.json'}: {tmp_path / 'file.csv'} is a file, "
                                "not a folder", "hint: choose a path whose folders are folders"]


@pytest.mark.skipif(not os.path.isdir("/sys"), reason="needs /sys")
def test_sample_into_sys_is_not_an_internal_error(fixture_model) -> None:
    proc = subprocess.run([sys.executable, "-m", "sigcheck", "sample", str(fixture_model("keras_tabular")), "-o",
                           "/sys/x.json"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines()[0] == "error: /sys/x.json: permission denied (cannot write in /sys)"
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr


def test_export_refuses_a_blocked_output_before_importing_tensorflow(tmp_path: Path) -> None:
    (tmp_path / "file.csv").write_text("a\n")
    script = ("import sys\nfrom sigcheck.cli import main\n"
              f"code = main(['export', '--example', 'penguins', '--output', {str(tmp_path / 'file.csv' / 'm')!r}])\n"
              "print(json.dumps([code, 'tensorflow' in sys.modules]))\n")
    proc = subprocess.run([sys.executable, "-c", "import json\n" + script], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert json.loads(proc.stdout) == [2, False], proc.stderr
    assert f"error: {tmp_path / 'file.csv' / 'm'}: {tmp_path / 'file.csv'} is a file, not a folder" in proc.stderr
