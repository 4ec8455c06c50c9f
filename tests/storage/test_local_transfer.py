"""local_copy and upload_dir for local paths (no GCS needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck import storage
from sigcheck.errors import StorageError
from sigcheck.model import read_model
from sigcheck.storage.transfer import upload_order


@pytest.fixture(scope="module")
def model_dir(fixture_model) -> Path:
    return fixture_model("module_multi") / "1"


def test_local_paths_pass_through(tmp_path: Path) -> None:
    assert storage.local_copy(str(tmp_path)) == str(tmp_path)
    assert storage.local_copy("relative/model") == "relative/model"


def test_upload_order_puts_saved_model_pb_last(model_dir: Path) -> None:
    order = [rel for rel, _, _ in upload_order(str(model_dir), ("saved_model.pb",))]
    assert order[-1] == "saved_model.pb"
    assert order[-2] == "fingerprint.pb"  # top-level files after the folders' files
    assert all("/" in rel for rel in order[:-2])


def test_local_upload_dir_then_refused(model_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "base" / "1"
    seen: list[tuple[int, int]] = []
    written = storage.upload_dir(str(model_dir), str(dest), progress=lambda d, t: seen.append((d, t)))
    assert sorted(Path(p).relative_to(dest).as_posix() for p in written) == sorted(
        p.relative_to(model_dir).as_posix() for p in model_dir.rglob("*") if p.is_file())
    assert seen and seen[-1][0] == seen[-1][1]
    assert read_model(str(tmp_path / "base")).version == 1
    with pytest.raises(StorageError, match="already holds a SavedModel"):
        storage.upload_dir(str(model_dir), str(dest))
    assert [p.name for p in (tmp_path / "base").iterdir()] == ["1"]  # no temporary folder left behind


def test_local_upload_into_empty_folder_and_refuse_non_empty(model_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    storage.upload_dir(str(model_dir), str(tmp_path / "empty"))
    assert (tmp_path / "empty" / "saved_model.pb").exists()
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("x")
    with pytest.raises(StorageError, match="folder is not empty"):
        storage.upload_dir(str(model_dir), str(tmp_path / "busy"))


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SIGCHECK_CACHE_DIR", str(tmp_path / "c"))
    assert storage.default_cache_dir() == str(tmp_path / "c")
    monkeypatch.delenv("SIGCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert storage.default_cache_dir() == str(tmp_path / "xdg" / "sigcheck")
