"""Version folders: next integer, never overwritten, nothing half-written (no TensorFlow needed)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from sigcheck.errors import InputError
from sigcheck.training import versions
from sigcheck.training.versions import Staging, choose_version


def _fake_model(folder: Path) -> None:
    (folder / "variables").mkdir(parents=True)
    (folder / "saved_model.pb").write_bytes(b"x")


def test_next_version_skips_non_numeric_folders(tmp_path: Path) -> None:
    assert choose_version(str(tmp_path / "new")).version == 1
    for name in ("1", "7", "logs", ".sigcheck-export-x-1-abc"):
        (tmp_path / name).mkdir()
    slot = choose_version(str(tmp_path))
    assert (slot.version, slot.location) == (8, str(tmp_path / "8"))


def test_existing_version_refused(tmp_path: Path) -> None:
    (tmp_path / "3").mkdir()
    with pytest.raises(InputError) as err:
        choose_version(str(tmp_path), 3)
    assert "version 3 already exists; sigcheck never overwrites a version" in str(err.value)
    assert "version 4" in (err.value.hint or "")


def test_output_that_is_a_saved_model_folder_is_refused(tmp_path: Path) -> None:
    _fake_model(tmp_path / "m" / "1")
    with pytest.raises(InputError, match="is a SavedModel folder; --output takes its base path"):
        choose_version(str(tmp_path / "m" / "1"))


def test_failure_inside_the_build_leaves_no_version_and_no_temporary(tmp_path: Path) -> None:
    slot = choose_version(str(tmp_path))
    with pytest.raises(RuntimeError, match="late"):
        with Staging(slot) as stage:
            _fake_model(Path(stage.path))
            raise RuntimeError("a bad option discovered late")
    assert os.listdir(tmp_path) == []


def test_publish_refuses_a_version_that_appeared_meanwhile(tmp_path: Path) -> None:
    slot = choose_version(str(tmp_path))
    with pytest.raises(InputError, match="appeared while exporting"):
        with Staging(slot) as stage:
            _fake_model(Path(stage.path))
            _fake_model(tmp_path / "1")  # another exporter won the race
            stage.publish()
    assert sorted(os.listdir(tmp_path)) == ["1"]
    assert sorted(os.listdir(tmp_path / "1")) == ["saved_model.pb", "variables"]


def test_publish_renames_into_place(tmp_path: Path) -> None:
    slot = choose_version(str(tmp_path / "base"))
    with Staging(slot) as stage:
        _fake_model(Path(stage.path))
        assert stage.publish() == slot.location
    assert os.listdir(tmp_path / "base") == ["1"]


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    host = socket.gethostname()
    dead = tmp_path / f"{versions.TEMP_PREFIX}{host}-999999999-abc"
    alive = tmp_path / f"{versions.TEMP_PREFIX}{host}-{os.getppid()}-def"
    other_host = tmp_path / f"{versions.TEMP_PREFIX}elsewhere-999999999-ghi"
    for folder in (dead, alive, other_host):
        folder.mkdir()
    assert versions.remove_stale_temporaries(str(tmp_path)) == [dead.name]
    assert sorted(os.listdir(tmp_path)) == sorted([alive.name, other_host.name])


def test_default_logdir_is_beside_the_versions_and_never_reused(tmp_path: Path) -> None:
    slot = choose_version(str(tmp_path))
    with versions.local_logdir(slot, None) as (local, final):
        assert local == final == str(tmp_path / "logs" / "1")
    with versions.local_logdir(slot, None) as (again, _):
        assert again == str(tmp_path / "logs" / "1.2")
