"""The gs:// backend against a real fake-gcs-server: every Backend operation and every error message."""

from __future__ import annotations

import json

import pytest

from sigcheck import storage
from sigcheck.errors import StorageError
from sigcheck.storage.gcs import GcsBackend, split_uri

pytestmark = pytest.mark.gcs


@pytest.fixture(scope="module")
def bucket(gcs_emulator) -> str:
    """gs://<bucket>/tree/{a.txt, sub/b.bin, sub/deeper/c.json, empty/ (a folder placeholder)}."""
    name = gcs_emulator.new_bucket()
    b = gcs_emulator.client.bucket(name)
    b.blob("tree/a.txt").upload_from_string(b"alpha")
    b.blob("tree/sub/b.bin").upload_from_string(b"\x00" * 300)
    b.blob("tree/sub/deeper/c.json").upload_from_string(b"{}")
    b.blob("tree/empty/").upload_from_string(b"")
    return name


def test_split_uri() -> None:
    assert split_uri("gs://b/a/b/") == ("b", "a/b")
    assert split_uri("gs://b") == ("b", "")
    with pytest.raises(StorageError, match="no bucket name"):
        split_uri("gs:///x")


def test_read_exists_is_dir(bucket: str) -> None:
    root = f"gs://{bucket}/tree"
    assert storage.read_bytes(f"{root}/a.txt") == b"alpha"
    assert storage.exists(root) and storage.is_dir(root)
    assert storage.exists(f"{root}/a.txt") and not storage.is_dir(f"{root}/a.txt")
    assert storage.exists(f"{root}/empty") and storage.is_dir(f"{root}/empty")
    assert not storage.exists(f"{root}/nothing")
    assert storage.is_dir(f"gs://{bucket}") and storage.exists(f"gs://{bucket}/")


def test_list_dir_and_file_sizes(bucket: str) -> None:
    root = f"gs://{bucket}/tree"
    entries = storage.list_dir(root)
    assert [(e.name, e.is_dir, e.size) for e in entries] == [
        ("a.txt", False, 5), ("empty", True, 0), ("sub", True, 0)]
    assert storage.list_dir(f"{root}/empty") == []  # only the placeholder: an empty folder
    assert storage.file_sizes(root) == {"a.txt": 5, "sub/b.bin": 300, "sub/deeper/c.json": 2}


def test_write_bytes_round_trip(gcs_emulator, bucket: str) -> None:
    target = f"gs://{bucket}/reports/r.json"
    storage.write_bytes(target, b'{"ok": true}')
    assert storage.read_bytes(target) == b'{"ok": true}'
    blob = gcs_emulator.client.bucket(bucket).get_blob("reports/r.json")
    assert blob.content_type == "application/json"


def test_missing_object_is_named(bucket: str) -> None:
    with pytest.raises(StorageError) as err:
        storage.read_bytes(f"gs://{bucket}/tree/nope.pb")
    assert str(err.value) == f"gs://{bucket}/tree/nope.pb: no such object"
    assert err.value.hint == f"see what is there: gcloud storage ls gs://{bucket}/tree/"


def test_folder_or_file_confusion(bucket: str) -> None:
    with pytest.raises(StorageError, match="is a folder, expected a file"):
        storage.read_bytes(f"gs://{bucket}/tree/sub")
    with pytest.raises(StorageError, match="is a file, expected a folder"):
        storage.list_dir(f"gs://{bucket}/tree/a.txt")
    with pytest.raises(StorageError, match="no such folder"):
        storage.list_dir(f"gs://{bucket}/tree/none")


@pytest.mark.parametrize("call", [storage.read_bytes, storage.exists, storage.list_dir, storage.file_sizes,
                                  storage.is_dir])
def test_missing_bucket_is_named(gcs_emulator, call) -> None:
    with pytest.raises(StorageError) as err:
        call("gs://no-such-bucket-sigcheck/models/m")
    assert str(err.value) == "gs://no-such-bucket-sigcheck/models/m: bucket no-such-bucket-sigcheck does not exist"
    assert "gcloud storage buckets create gs://no-such-bucket-sigcheck" in err.value.hint


def _forbidden(identity: str, permission: str) -> bytes:
    """A 403 body as GCS sends it."""
    text = (f"{identity} does not have {permission} access to the Google Cloud Storage object. "
            f"Permission '{permission}' denied on resource (or it may not exist).")
    return json.dumps({"error": {"code": 403, "message": text,
                                 "errors": [{"message": text, "domain": "global", "reason": "forbidden"}]}}).encode()


def test_permission_denied_names_identity_and_permission(fault_proxy, bucket: str) -> None:
    sa = "reader@proj.iam.gserviceaccount.com"
    fault_proxy.rule = lambda seen, body, n: (403, _forbidden(sa, "storage.objects.get")) if seen.is_download else None
    with pytest.raises(StorageError) as err:
        storage.read_bytes(f"gs://{bucket}/tree/a.txt")
    assert str(err.value) == (f"gs://{bucket}/tree/a.txt: permission denied: {sa} lacks storage.objects.get "
                              f"on bucket {bucket}")
    assert "roles/storage.objectViewer" in err.value.hint and sa in err.value.hint


def test_permission_denied_anonymous_says_how_to_log_in(fault_proxy, bucket: str) -> None:
    fault_proxy.rule = lambda seen, body, n: (403, _forbidden("Anonymous caller", "storage.objects.list"))
    with pytest.raises(StorageError) as err:
        storage.list_dir(f"gs://{bucket}/tree")
    assert "anonymous (no credentials) and lacks storage.objects.list" in str(err.value)
    assert "gcloud auth application-default login" in err.value.hint


def test_no_credentials_says_how_to_log_in(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    pytest.importorskip("google.cloud.storage")
    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("CLOUDSDK_CONFIG", str(tmp_path))  # no application_default_credentials.json there
    monkeypatch.setenv("NO_GCE_CHECK", "true")
    with pytest.raises(StorageError) as err:
        storage.read_bytes("gs://some-bucket/model/saved_model.pb")
    assert str(err.value) == "gs://some-bucket/model/saved_model.pb: no Google Cloud credentials found"
    assert err.value.hint.startswith("run `gcloud auth application-default login`")


def test_transient_errors_are_retried(fault_proxy, bucket: str) -> None:
    def flaky(seen, body, n):
        if seen.is_download and len(fault_proxy.downloads()) <= 2:
            return (503, b'{"error": {"code": 503, "message": "Backend Error"}}')
        return None

    fault_proxy.rule = flaky
    assert storage.read_bytes(f"gs://{bucket}/tree/a.txt") == b"alpha"
    assert len(fault_proxy.downloads()) == 3


def test_dropped_connections_give_up_with_one_line(fault_proxy, bucket: str) -> None:
    fault_proxy.rule = lambda seen, body, n: "drop"
    backend = GcsBackend(retry_timeout=1.0)
    with pytest.raises(StorageError) as err:
        backend.read_bytes(f"gs://{bucket}/tree/a.txt")
    message = str(err.value)
    assert message.startswith(f"gs://{bucket}/tree/a.txt: cannot read: gave up after retrying for 1s: connection to ")
    assert "\n" not in message
    assert len([s for s in fault_proxy.seen if s.is_download]) >= 2  # it did retry
