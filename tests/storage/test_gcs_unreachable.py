"""An endpoint that is not there: the emulator not running fails at once; long retries say so on stderr.

Loopback only: a "closed" port is one this test bound, then closed (nothing listens there any more).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from sigcheck import storage
from sigcheck.cli import main
from sigcheck.errors import StorageError
from sigcheck.storage.gcs import GcsBackend

pytestmark = pytest.mark.gcs

BACKEND_ERROR = b'{"error": {"code": 503, "message": "Backend Error"}}'


@pytest.fixture
def closed_port() -> int:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture
def no_emulator_running(closed_port: int, monkeypatch: pytest.MonkeyPatch) -> str:
    pytest.importorskip("google.cloud.storage", reason="google-cloud-storage is not installed (pip install -e '.[gcs]')")
    url = f"http://127.0.0.1:{closed_port}"
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", url)
    monkeypatch.setenv("NO_GCE_CHECK", "true")
    return url


def test_cli_fails_fast_when_the_emulator_is_not_running(capsys, no_emulator_running: str) -> None:
    started = time.monotonic()
    code = main(["inspect", "gs://my-bucket/m"])
    seconds = time.monotonic() - started
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and seconds < 10  # was: ~120 s of silence, then "gave up after retrying"
    lines = err.splitlines()
    assert lines[0] == (f"error: gs://my-bucket/m: cannot list: nothing listens on {no_emulator_running} (connection "
                        f"refused): is the GCS emulator running? (STORAGE_EMULATOR_HOST={no_emulator_running})")
    assert lines[1].startswith("hint: start it") and "unset STORAGE_EMULATOR_HOST" in lines[1]
    assert len(lines) == 2 and "NewConnectionError" not in err


@pytest.mark.parametrize(("call", "action"), [
    (lambda: storage.read_bytes("gs://b/m/saved_model.pb"), "read"),
    (lambda: storage.exists("gs://b/m/saved_model.pb"), "list"),
    (lambda: storage.list_dir("gs://b/m"), "list"),
    (lambda: storage.file_sizes("gs://b/m"), "list"),
    (lambda: storage.write_bytes("gs://b/r.json", b"{}"), "write"),
], ids=["read_bytes", "exists", "list_dir", "file_sizes", "write_bytes"])
def test_every_operation_fails_fast(no_emulator_running: str, call, action: str) -> None:
    started = time.monotonic()
    with pytest.raises(StorageError) as err:
        call()
    assert time.monotonic() - started < 10
    assert f": cannot {action}: nothing listens on {no_emulator_running} (connection refused)" in str(err.value)


def test_refused_loopback_endpoint_without_emulator(closed_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """An endpoint on a loopback address (a local proxy, an emulator given as api_endpoint) that refuses: at once,
    and without talking about an emulator the user did not configure."""
    gcs = pytest.importorskip("google.cloud.storage")
    from google.auth.credentials import AnonymousCredentials

    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)
    url = f"http://localhost:{closed_port}"
    client = gcs.Client(project="p", credentials=AnonymousCredentials(), client_options={"api_endpoint": url})
    started = time.monotonic()
    with pytest.raises(StorageError) as err:
        GcsBackend(client).read_bytes("gs://b/o")
    assert time.monotonic() - started < 10
    assert str(err.value) == f"gs://b/o: cannot read: nothing listens on {url} (connection refused)"
    assert "emulator" not in err.value.hint.lower()


def test_cloud_storage_refusals_are_still_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real Cloud Storage keeps the README's retries: a refused connection there (a flaky proxy or network) is
    transient; the same refusal from a loopback host is not.  Real exception objects, no network."""
    pytest.importorskip("google.cloud.storage")
    import requests

    monkeypatch.delenv("STORAGE_EMULATOR_HOST", raising=False)

    def refused(url: str) -> Exception:
        request = requests.Request("GET", url).prepare()
        try:  # the chain requests builds: ConnectionError ← MaxRetryError ← NewConnectionError ← refused
            raise ConnectionRefusedError(111, "Connection refused")
        except ConnectionRefusedError as inner:
            return requests.exceptions.ConnectionError(inner, request=request)

    retry = GcsBackend()._retry()
    assert retry._predicate(refused("https://storage.googleapis.com/storage/v1/b/x/o"))
    assert not retry._predicate(refused("http://127.0.0.1:9/storage/v1/b/x/o"))
    assert retry._predicate(requests.exceptions.ConnectionError(ConnectionResetError(104, "reset")))
    monkeypatch.setenv("STORAGE_EMULATOR_HOST", "http://gcs.internal:4443")  # an emulator elsewhere: no retry
    assert not retry._predicate(refused("http://gcs.internal:4443/storage/v1/b/x/o"))


@pytest.fixture(scope="module")
def bucket(gcs_emulator) -> str:
    name = gcs_emulator.new_bucket()
    gcs_emulator.client.bucket(name).blob("tree/a.txt").upload_from_string(b"alpha")
    return name


def test_long_retries_leave_one_note(fault_proxy, bucket: str, caplog: pytest.LogCaptureFixture) -> None:
    """Three slow 503s (0.6 s each, so retrying lasts past notice_after=1 s whatever the backoff's jitter), then
    the answer: one note (a log warning) says what is being retried, naming the location; the read succeeds."""

    def slow_503(seen, body, n):
        if seen.is_download and len(fault_proxy.downloads()) <= 3:
            time.sleep(0.6)
            return (503, BACKEND_ERROR)
        return None

    fault_proxy.rule = slow_503
    with caplog.at_level(logging.WARNING, logger="sigcheck.storage.gcs"):
        assert GcsBackend(notice_after=1.0).read_bytes(f"gs://{bucket}/tree/a.txt") == b"alpha"
    notes = [r.getMessage() for r in caplog.records if r.name == "sigcheck.storage.gcs"]
    assert len(fault_proxy.downloads()) == 4
    assert notes == [f"note: gs://{bucket}/tree/a.txt: GCS answered 503: Backend Error; retrying for up to 120s in "
                     "all (Ctrl-C to stop)"]


def test_short_retries_stay_quiet(fault_proxy, bucket: str, caplog: pytest.LogCaptureFixture) -> None:
    fault_proxy.rule = lambda seen, body, n: (503, BACKEND_ERROR) if len(fault_proxy.downloads()) <= 1 else None
    with caplog.at_level(logging.WARNING, logger="sigcheck.storage.gcs"):
        assert storage.read_bytes(f"gs://{bucket}/tree/a.txt") == b"alpha"
    assert len(fault_proxy.downloads()) == 2
    assert not [r for r in caplog.records if r.name == "sigcheck.storage.gcs"]


def test_cli_note_reaches_stderr(fault_proxy, bucket: str) -> None:
    """The user's view: `sigcheck inspect` against an endpoint answering 503 prints the note on stderr within a few
    seconds (default RETRY_NOTICE_AFTER), then keeps retrying; the test stops it once the note is there."""
    fault_proxy.rule = lambda seen, body, n: (503, BACKEND_ERROR)
    env = {**os.environ, "STORAGE_EMULATOR_HOST": fault_proxy.url, "NO_GCE_CHECK": "true"}
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from sigcheck.cli import main; sys.exit(main())",
                             "inspect", f"gs://{bucket}/models/m"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    guard = threading.Timer(60, proc.kill)  # never hang the suite if no line comes
    guard.start()
    try:
        line = proc.stderr.readline()  # blocks until the note (or the process ends)
        seconds = time.monotonic() - started
    finally:
        guard.cancel()
        proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert line.startswith(f"note: gs://{bucket}/models/m: GCS answered 503: Backend Error; retrying for up to 120s")
    assert 4 < seconds < 30
