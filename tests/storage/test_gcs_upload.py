"""upload_dir to gs:// (fake-gcs-server): saved_model.pb last, never over an existing model, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck import storage
from sigcheck.errors import StorageError
from sigcheck.model import read_model
from sigcheck.storage.gcs import GcsBackend

pytestmark = pytest.mark.gcs


@pytest.fixture(scope="module")
def model_dir(fixture_model) -> Path:
    """module_multi version 1: variables/, assets/, fingerprint.pb and saved_model.pb."""
    return fixture_model("module_multi") / "1"


@pytest.fixture
def bucket(gcs_emulator) -> str:
    return gcs_emulator.new_bucket()


def _local_names(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_upload_then_inspect_and_order(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    written = storage.upload_dir(str(model_dir), f"gs://{bucket}/models/multi/1",
                                 progress=lambda done, total: calls.append((done, total)))
    expected = [f"models/multi/1/{n}" for n in _local_names(model_dir)]
    assert gcs_emulator.names(bucket) == expected
    assert sorted(written) == [f"gs://{bucket}/{n}" for n in expected]
    order = [s.object_name for s in fault_proxy.uploads()]
    assert order[-1] == "models/multi/1/saved_model.pb"
    assert order.index("models/multi/1/fingerprint.pb") > max(
        i for i, n in enumerate(order) if n.startswith(("models/multi/1/variables/", "models/multi/1/assets/")))
    assert all("ifGenerationMatch=0" in s.query for s in fault_proxy.uploads())
    total = sum((model_dir / n).stat().st_size for n in _local_names(model_dir))
    assert calls[-1] == (total, total)
    info = read_model(f"gs://{bucket}/models/multi")
    assert info.version == 1 and "serving_default" in info.signatures


def test_second_upload_is_refused(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    storage.upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    before = {b.name: b.generation for b in gcs_emulator.client.list_blobs(bucket)}
    fault_proxy.seen.clear()
    with pytest.raises(StorageError) as err:
        storage.upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    assert str(err.value) == (f"gs://{bucket}/m/1: already holds a SavedModel (saved_model.pb); sigcheck uploads "
                              "new versions only")
    assert err.value.hint == f"write to a new version folder: gs://{bucket}/m/2"
    assert fault_proxy.uploads() == []
    assert {b.name: b.generation for b in gcs_emulator.client.list_blobs(bucket)} == before


def test_precondition_not_a_racy_check(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    """Another writer creates saved_model.pb after our check: GCS itself refuses ours (if_generation_match=0)."""
    theirs = gcs_emulator.client.bucket(bucket).blob("m/1/saved_model.pb")

    def racer(seen, body, n):
        if seen.is_upload and seen.object_name == "m/1/saved_model.pb" and not theirs.exists():
            theirs.upload_from_string(b"their model")
        return None

    fault_proxy.rule = racer
    with pytest.raises(StorageError) as err:
        storage.upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    message = str(err.value)
    assert message.startswith(f"gs://{bucket}/m/1: upload failed: gs://{bucket}/m/1/saved_model.pb: already exists "
                              "(written by someone else during this upload)")
    assert message.endswith(f"deleted the {len(_local_names(model_dir)) - 1} objects already uploaded")
    assert gcs_emulator.names(bucket) == ["m/1/saved_model.pb"]  # theirs, untouched; ours all gone
    assert theirs.download_as_bytes() == b"their model"


def test_lost_answer_then_retry_is_not_a_conflict(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    """The first attempt lands but its answer is lost; the retry meets our own object (412) and accepts it."""
    fault_proxy.rule = lambda seen, body, n: (
        "lose-answer" if seen.is_upload and seen.object_name == "m/1/saved_model.pb"
        and sum(s.object_name == "m/1/saved_model.pb" for s in fault_proxy.uploads()) == 1 else None)
    storage.upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    assert gcs_emulator.names(bucket) == [f"m/1/{n}" for n in _local_names(model_dir)]
    assert sum(s.object_name == "m/1/saved_model.pb" for s in fault_proxy.uploads()) == 2


def test_failing_saved_model_pb_upload_cleans_up(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    fault_proxy.rule = lambda seen, body, n: "drop" if seen.is_upload and seen.object_name.endswith(
        "saved_model.pb") else None
    with pytest.raises(StorageError) as err:
        GcsBackend(retry_timeout=1.0).upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    message = str(err.value)
    assert message.startswith(f"gs://{bucket}/m/1: upload failed: gs://{bucket}/m/1/saved_model.pb: cannot write: "
                              "gave up after retrying for 1s: connection to ")
    assert message.endswith(f"; deleted the {len(_local_names(model_dir)) - 1} objects already uploaded")
    assert "\n" not in message
    assert gcs_emulator.names(bucket) == []


def test_connection_lost_mid_upload_leaves_no_model(fault_proxy, gcs_emulator, bucket: str, model_dir: Path) -> None:
    """Everything after the 3rd object request is dropped (the network is gone): cleanup fails too, and says so."""
    def network_gone(seen, body, n):
        # count object requests only: the client also fetches bucket metadata in a background thread
        return "drop" if sum("/o" in s.path for s in fault_proxy.seen) > 3 else None  # listing + 2 uploads pass

    fault_proxy.rule = network_gone
    with pytest.raises(StorageError) as err:
        GcsBackend(retry_timeout=0.5).upload_dir(str(model_dir), f"gs://{bucket}/m/1")
    message = str(err.value)
    left = gcs_emulator.names(bucket)
    assert len(left) == 2 and "m/1/saved_model.pb" not in left
    assert f"could not delete 2 of the 2 uploaded objects (gs://{bucket}/{left[1]}, gs://{bucket}/{left[0]})" in message
    assert message.endswith("no saved_model.pb was written, so the folder does not look like a model")
    assert err.value.hint == f"delete what is left: gcloud storage rm --recursive gs://{bucket}/m/1/ — then re-run"

    fault_proxy.rule = None  # the network is back: the leftovers block a new upload, with a clear message
    with pytest.raises(StorageError, match=r"folder is not empty \(2 objects: .*\) but holds no saved_model.pb"):
        storage.upload_dir(str(model_dir), f"gs://{bucket}/m/1")


def test_missing_bucket_and_bad_source(gcs_emulator, model_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="^gs://no-such-bucket-sigcheck/m/1: bucket no-such-bucket-sigcheck does"):
        storage.upload_dir(str(model_dir), "gs://no-such-bucket-sigcheck/m/1")
    with pytest.raises(StorageError, match="no such folder, nothing to upload"):
        storage.upload_dir(str(tmp_path / "absent"), "gs://whatever/m/1")


def test_large_file_goes_up_resumably_with_progress(fault_proxy, gcs_emulator, bucket: str, tmp_path: Path) -> None:
    """Above 8 MiB google-cloud-storage switches to a resumable upload: chunks, progress steps, same guarantees."""
    from sigcheck.storage import gcs

    model = tmp_path / "big"
    (model / "variables").mkdir(parents=True)
    payload = bytes(range(256)) * (36 * 1024 + 7)  # ~9.4 MB
    (model / "variables" / "variables.data-00000-of-00001").write_bytes(payload)
    (model / "saved_model.pb").write_bytes(b"pb")
    calls: list[tuple[int, int]] = []
    backend = GcsBackend()
    old_chunk = gcs.RESUMABLE_CHUNK
    gcs.RESUMABLE_CHUNK = 1024 * 1024  # more, smaller chunks: more progress steps
    try:
        backend.upload_dir(str(model), f"gs://{bucket}/big/1", progress=lambda d, t: calls.append((d, t)))
    finally:
        gcs.RESUMABLE_CHUNK = old_chunk
    assert fault_proxy.uploads()[0].query.count("uploadType=resumable") == 1
    assert len([c for c in calls if c[0] < len(payload)]) >= 5  # progress while the big file moves
    assert calls[-1] == (len(payload) + 2, len(payload) + 2)
    blob = gcs_emulator.client.bucket(bucket).blob("big/1/variables/variables.data-00000-of-00001")
    assert blob.download_as_bytes() == payload

    calls.clear()
    copy = Path(storage.local_copy(f"gs://{bucket}/big/1", cache_dir=str(tmp_path / "cache"),
                                   progress=lambda d, t: calls.append((d, t))))
    assert (copy / "variables" / "variables.data-00000-of-00001").read_bytes() == payload
    assert calls[-1] == (len(payload) + 2, len(payload) + 2)
