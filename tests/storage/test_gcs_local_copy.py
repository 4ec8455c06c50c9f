"""local_copy: gs:// folders land in a cache keyed by object generation; a second run downloads nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sigcheck import storage
from sigcheck.errors import StorageError
from sigcheck.model import read_model

pytestmark = pytest.mark.gcs

HALF_PLUS_TWO = ("tensorflow_serving", "servables", "tensorflow", "testdata", "saved_model_half_plus_two_cpu")


@pytest.fixture
def remote_model(gcs_emulator, tfs_testdata) -> tuple[str, Path]:
    bucket = gcs_emulator.new_bucket()
    local = tfs_testdata.joinpath(*HALF_PLUS_TWO)
    gcs_emulator.put_tree(local, bucket, "hp2")
    return f"gs://{bucket}/hp2", local


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_second_run_downloads_nothing(fault_proxy, remote_model, tmp_path: Path) -> None:
    uri, local = remote_model
    calls: list[tuple[int, int]] = []
    first = storage.local_copy(uri, cache_dir=str(tmp_path), progress=lambda done, total: calls.append((done, total)))
    assert Path(first).is_relative_to(tmp_path / "gcs")
    assert _tree(Path(first)) == _tree(local)
    assert len(fault_proxy.downloads()) == 4
    total = sum(len(b) for b in _tree(local).values())
    assert calls[-1] == (total, total)

    fault_proxy.seen.clear()
    again = storage.local_copy(uri, cache_dir=str(tmp_path))
    assert again == first
    assert fault_proxy.downloads() == []  # one listing, no object fetched
    info = read_model(again)  # the base path layout is kept: versions are still found locally
    assert info.version == 123 and "serving_default" in info.signatures


def test_new_generation_gives_a_new_copy(fault_proxy, gcs_emulator, remote_model, tmp_path: Path) -> None:
    uri, _ = remote_model
    first = storage.local_copy(uri, cache_dir=str(tmp_path))
    bucket = uri[5:].split("/")[0]
    gcs_emulator.client.bucket(bucket).blob("hp2/00000123/assets/foo.txt").upload_from_string(b"changed\n")
    fault_proxy.seen.clear()
    second = storage.local_copy(uri, cache_dir=str(tmp_path))
    assert second != first
    assert (Path(second) / "00000123/assets/foo.txt").read_bytes() == b"changed\n"
    assert (Path(first) / "00000123/assets/foo.txt").read_bytes() != b"changed\n"  # the old copy is untouched


def test_damaged_copy_is_fetched_again(remote_model, tmp_path: Path) -> None:
    uri, local = remote_model
    first = Path(storage.local_copy(uri, cache_dir=str(tmp_path)))
    (first / "00000123" / "saved_model.pb").unlink()
    assert _tree(Path(storage.local_copy(uri, cache_dir=str(tmp_path)))) == _tree(local)


def test_single_object_and_default_cache_dir(remote_model, tmp_path: Path, monkeypatch) -> None:
    uri, local = remote_model
    monkeypatch.setenv("SIGCHECK_CACHE_DIR", str(tmp_path / "cache"))
    path = storage.local_copy(f"{uri}/00000123/saved_model.pb")
    assert path.startswith(str(tmp_path / "cache" / "gcs"))
    assert os.path.basename(path) == "saved_model.pb"
    assert Path(path).read_bytes() == (local / "00000123" / "saved_model.pb").read_bytes()


def test_missing_location_is_named(remote_model, tmp_path: Path) -> None:
    uri, _ = remote_model
    with pytest.raises(StorageError, match=r"hp2/00000999: no such file or folder$"):
        storage.local_copy(f"{uri}/00000999", cache_dir=str(tmp_path))
    with pytest.raises(StorageError, match="bucket no-such-bucket-sigcheck does not exist"):
        storage.local_copy("gs://no-such-bucket-sigcheck/m", cache_dir=str(tmp_path))
    assert not any(p.name.startswith(".tmp") for p in tmp_path.rglob("*"))
