"""``gs://bucket/path`` locations through google-cloud-storage (the only module that imports google.cloud).

The client library is imported on first use of a ``gs://`` location, never at import time.  It honours
``STORAGE_EMULATOR_HOST`` (an emulator such as fake-gcs-server, with anonymous access) and finds credentials the
usual way (``GOOGLE_APPLICATION_CREDENTIALS``, ``gcloud auth application-default login``, the metadata server).

GCS has no folders: a "folder" ``gs://b/m/1`` is every object whose name starts with ``m/1/``.  A zero-byte
object named ``m/1/`` (what the console's "create folder" makes) is a placeholder and is never a file.

Every call that reaches GCS retries 429, 408, 5xx, dropped connections and timeouts with exponential backoff
(google-cloud-storage's retry predicate), and turns what is left into a one-line :class:`StorageError` with a hint:
a missing bucket or object (named), no permission (which identity lacks which permission, from the 403 body), no
or expired credentials (``gcloud auth application-default login``), an unreachable endpoint.  When retries of one
request go on past ``RETRY_NOTICE_AFTER`` seconds, one warning on the module's logger says what is being retried
(Python prints it on stderr when nothing else handles logging).  A connection refused by the emulator
(``STORAGE_EMULATOR_HOST``) or by a loopback address is never retried: nothing listens there, and waiting two minutes
would not start it.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import errno
import functools
import hashlib
import io
import ipaddress
import logging
import mimetypes
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterator, Sequence
from urllib.parse import urlsplit

from .._optional import require
from ..errors import StorageError
from . import Entry, ProgressCallback
from .transfer import Progress, ProgressReader, ProgressWriter, upload_order

if TYPE_CHECKING:  # pragma: no cover
    from google.cloud.storage import Client

log = logging.getLogger(__name__)

DEFAULT_RETRY_TIMEOUT = 120.0
"""Seconds to keep retrying one request (429/5xx/timeouts/dropped connections) before giving up."""
DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for one HTTP response."""
CLEANUP_RETRY_TIMEOUT = 15.0
RETRY_NOTICE_AFTER = 5.0
"""Once one request has been retried this many seconds, a one-line note says so (log warning: stderr in the CLI)."""
RESUMABLE_CHUNK = 16 * 1024 * 1024
STREAM_CHUNK = 8 * 1024 * 1024
"""open_read fetches objects this many bytes at a time."""
"""Files above google-cloud-storage's 8 MiB multipart limit go up in resumable chunks of this size (progress steps)."""

LOGIN = "gcloud auth application-default login"

# Which predefined role grants a permission (for the hint of a 403).
_ROLE_FOR = {
    "storage.objects.get": "roles/storage.objectViewer",
    "storage.objects.list": "roles/storage.objectViewer",
    "storage.objects.create": "roles/storage.objectCreator",
    "storage.objects.delete": "roles/storage.objectUser",
    "storage.buckets.get": "roles/storage.legacyBucketReader",
}
_PERMISSION_FOR = {"read": "storage.objects.get", "list": "storage.objects.list",
                   "write": "storage.objects.create", "delete": "storage.objects.delete"}


def split_uri(location: str) -> tuple[str, str]:
    """``gs://bucket/a/b/`` → ``("bucket", "a/b")`` (no leading or trailing slash)."""
    if not location.startswith("gs://"):
        raise StorageError(f"{location}: not a gs:// URI")
    rest = location[len("gs://"):]
    bucket, _, name = rest.partition("/")
    if not bucket:
        raise StorageError(f"{location}: no bucket name", hint="write gs://BUCKET/PATH")
    return bucket, name.strip("/")


def uri(bucket: str, name: str = "") -> str:
    return f"gs://{bucket}/{name}" if name else f"gs://{bucket}"


def _folder_prefix(name: str) -> str:
    return f"{name}/" if name else ""


def _safe_parts(rel: str, where: str) -> list[str]:
    """Path components of an object name, refusing anything that would escape a local folder."""
    parts = rel.split("/")
    if any(p in ("", ".", "..") or "\\" in p or "\0" in p for p in parts):
        raise StorageError(f"{where}: object name {rel!r} cannot be stored as a local file (empty, '.' or '..' part)")
    return parts


def _short(exc: BaseException, limit: int = 200) -> str:
    """One line describing a low-level error."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _api_message(exc: Any) -> str:
    """The human message in a google.api_core error (the JSON body's ``error.message``), without the URL noise."""
    message = getattr(exc, "message", "") or ""
    for err in getattr(exc, "errors", None) or ():
        if isinstance(err, dict) and err.get("message"):
            message = err["message"]
            break
    response = getattr(exc, "response", None)
    if response is not None:  # the JSON body is the most precise text GCS gives
        try:
            body = response.json()
            message = body.get("error", {}).get("message") or message
        except Exception:  # noqa: BLE001 - a non-JSON body (HTML from a proxy): keep what we have
            pass
    # api_core puts "METHOD URL: text" in .message; keep only the text
    message = re.sub(r"^\d{3} (GET|POST|PUT|PATCH|DELETE|HEAD) \S+: ", "", message)
    return " ".join(message.split())


def _is_network(exc: BaseException) -> bool:
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return True
    return type(exc).__module__.split(".")[0] in ("requests", "urllib3", "google", "http")


def _refused(exc: BaseException) -> bool:
    """Whether ``exc`` (requests → urllib3 → socket, through causes, contexts, ``reason`` and args) is a refused
    connection: nothing listens on that port."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        e = stack.pop()
        if not isinstance(e, BaseException) or id(e) in seen or len(seen) > 50:
            continue
        seen.add(id(e))
        if isinstance(e, ConnectionRefusedError) or getattr(e, "errno", None) == errno.ECONNREFUSED:
            return True
        stack.extend((e.__cause__, e.__context__, getattr(e, "reason", None), *getattr(e, "args", ())))
    return False


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _emulator() -> str | None:
    return os.environ.get("STORAGE_EMULATOR_HOST") or None


_location: contextvars.ContextVar[str | None] = contextvars.ContextVar("sigcheck_gcs_location", default=None)
"""The gs:// location the current request is about (set by ``GcsBackend._errors``), for the retry note."""


class _RetryWatch:
    """The ``on_error`` of one retried request: after ``notice_after`` seconds of retrying, one note (log warning)."""

    def __init__(self, backend: "GcsBackend", timeout: float) -> None:
        self.backend = backend
        self.timeout = timeout
        self.started = time.monotonic()
        self.noted = False

    def __call__(self, exc: Exception) -> None:
        if self.noted or time.monotonic() - self.started < self.backend.notice_after:
            return
        self.noted = True
        where = _location.get() or "gs://"
        log.warning("note: %s: %s; retrying for up to %gs in all (Ctrl-C to stop)",
                    where, self.backend._describe(exc), self.timeout)


@functools.lru_cache(maxsize=1)
def _watched_retry_class() -> type:
    """A google.api_core Retry whose every retried call gets its own :class:`_RetryWatch` (built on first use, so
    that google.api_core is imported only for gs:// locations)."""
    from google.api_core.retry import Retry

    class WatchedRetry(Retry):
        watch: Callable[[], Any] | None = None

        def __call__(self, func: Any, on_error: Any = None) -> Any:
            make = self.watch
            if make is None or self._on_error is not None:
                return super().__call__(func, on_error)

            @functools.wraps(func)
            def run(*args: Any, **kwargs: Any) -> Any:
                return Retry.__call__(self, func, make())(*args, **kwargs)

            return run

    return WatchedRetry


def _crc32c_b64(path: str) -> str:
    import google_crc32c

    checksum = google_crc32c.Checksum()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            checksum.update(chunk)
    return base64.b64encode(checksum.digest()).decode("ascii")


class _Stream(io.RawIOBase):
    """A BlobReader whose failures are one-line StorageErrors (as every other GCS call's)."""

    def __init__(self, backend: "GcsBackend", location: str, reader: Any) -> None:
        super().__init__()
        self._backend, self._location, self._reader = backend, location, reader

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        with self._backend._errors(self._location, "read"):
            return self._reader.read(size)

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._reader.close()
        super().close()


class GcsBackend:
    """The :class:`~sigcheck.storage.Backend` for ``gs://`` locations.

    ``client`` is a ``google.cloud.storage.Client``; by default one is made on first use from the environment.
    ``retry_timeout`` bounds the retries of one request; ``timeout`` bounds one HTTP exchange; ``notice_after``:
    seconds of retrying one request before a note (log warning) says so.
    """

    _defaults: ClassVar[dict[str | None, "GcsBackend"]] = {}

    def __init__(self, client: "Client | None" = None, *, retry_timeout: float = DEFAULT_RETRY_TIMEOUT,
                 timeout: float = DEFAULT_TIMEOUT, notice_after: float = RETRY_NOTICE_AFTER) -> None:
        self._client = client
        self.retry_timeout = retry_timeout
        self.timeout = timeout
        self.notice_after = notice_after

    @classmethod
    def default(cls) -> "GcsBackend":
        """One backend (and client, with its token cache) per emulator setting, made on first use."""
        key = os.environ.get("STORAGE_EMULATOR_HOST")
        backend = cls._defaults.get(key)
        if backend is None:
            # Without the [gcs] extra, say so before anything (the error handling imports google.api_core too).
            require("google.cloud.storage", purpose="reading gs:// locations")
            backend = cls._defaults[key] = cls()
        return backend

    # -- the client and its errors -----------------------------------------------------------------------------

    @property
    def client(self) -> "Client":
        if self._client is None:
            gcs = require("google.cloud.storage", purpose="reading gs:// locations")
            # project=None: object operations need no project, so none is looked up.  Missing credentials raise
            # DefaultCredentialsError here, which _errors turns into the login hint for the location at hand.
            self._client = gcs.Client(project=None)
        return self._client

    def _retry(self, timeout: float | None = None) -> Any:
        """google-cloud-storage's retry predicate (429, 408, 5xx, dropped connections, timeouts), except a refused
        connection to the emulator or a loopback address; a note once retrying lasts ``notice_after`` seconds."""
        from google.cloud.storage.retry import DEFAULT_RETRY

        transient = DEFAULT_RETRY._predicate  # noqa: SLF001 - the library's own list of retryable errors
        seconds = timeout or self.retry_timeout

        def predicate(exc: Exception) -> bool:
            return transient(exc) and self._refused_here(exc) is None

        retry = _watched_retry_class()(predicate=predicate, initial=0.25, maximum=16.0, multiplier=2.0,
                                       timeout=seconds)
        retry.watch = lambda: _RetryWatch(self, seconds)
        return retry

    def _refused_here(self, exc: BaseException) -> str | None:
        """The URL of the endpoint when ``exc`` is a connection refused by the emulator or a loopback address (a
        server that is not running: retrying cannot help), else None.  Cloud Storage itself is retried as always."""
        if not _refused(exc):
            return None
        endpoint = self._endpoint()
        request = getattr(exc, "request", None)
        url = getattr(request, "url", None) or endpoint
        host = urlsplit(str(url)).hostname
        if _emulator() or _is_loopback(host):
            parts = urlsplit(str(url))
            return f"{parts.scheme}://{parts.netloc}" if parts.netloc else endpoint
        return None

    def _refused_error(self, location: str, action: str, where: str) -> StorageError:
        emulator = _emulator()
        if emulator:
            return StorageError(
                f"{location}: cannot {action}: nothing listens on {where} (connection refused): is the GCS emulator "
                f"running? (STORAGE_EMULATOR_HOST={emulator})",
                hint="start it (see the README's Emulator paragraph), or unset STORAGE_EMULATOR_HOST to use "
                     "Cloud Storage")
        return StorageError(f"{location}: cannot {action}: nothing listens on {where} (connection refused)",
                            hint=f"start the server at {where}, or point sigcheck at Cloud Storage")

    def _cleanup_retry(self) -> Any:
        return self._retry(min(self.retry_timeout, CLEANUP_RETRY_TIMEOUT))

    def _endpoint(self) -> str:
        try:
            return str(self.client._connection.API_BASE_URL)  # noqa: SLF001 - only for the message
        except Exception:  # noqa: BLE001
            return "storage.googleapis.com"

    def _identity(self) -> str | None:
        creds = getattr(self._client, "_credentials", None)
        email = getattr(creds, "service_account_email", None)
        return email if isinstance(email, str) and "@" in email else None

    @staticmethod
    def _no_credentials(location: str, why: str = "no Google Cloud credentials found") -> StorageError:
        return StorageError(
            f"{location}: {why}",
            hint=f"run `{LOGIN}` (or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file; "
                 "STORAGE_EMULATOR_HOST=http://HOST:PORT for an emulator)",
        )

    def _permission_error(self, location: str, exc: Any, action: str) -> StorageError:
        text = _api_message(exc)
        bucket, _ = split_uri(location)
        match = re.search(r"^(.*?) does not have (\S+) access", text)
        identity = match.group(1).strip() if match else None
        named = re.search(r"[Pp]ermission '([\w.]+)'", text)
        permission = (named.group(1) if named else match.group(2) if match else None) or _PERMISSION_FOR.get(action)
        identity = identity or self._identity()
        if identity and identity.lower().startswith("anonymous"):
            return StorageError(
                f"{location}: permission denied: the request was anonymous (no credentials) and lacks {permission}",
                hint=f"sign in: `{LOGIN}`, or set GOOGLE_APPLICATION_CREDENTIALS",
            )
        who = identity or "the current credentials"
        role = _ROLE_FOR.get(permission or "", "a role that grants it")
        return StorageError(
            f"{location}: permission denied: {who} lacks {permission} on bucket {bucket}",
            hint=f"grant {who} {role} on gs://{bucket} (gcloud storage buckets add-iam-policy-binding), "
                 f"or use another identity: `{LOGIN}`",
        )

    def _missing(self, location: str, *, what: str = "object") -> StorageError:
        """A 404: say whether the bucket or the object is missing."""
        bucket, name = split_uri(location)
        try:
            bucket_exists = self._bucket_exists(bucket)
        except Exception:  # noqa: BLE001 - cannot tell (network gone): name the object
            bucket_exists = True
        if not bucket_exists:
            return self._missing_bucket(location, bucket)
        parent = uri(bucket, name.rsplit("/", 1)[0] if "/" in name else "")
        return StorageError(f"{location}: no such {what}", hint=f"see what is there: gcloud storage ls {parent}/")

    @staticmethod
    def _missing_bucket(location: str, bucket: str) -> StorageError:
        return StorageError(
            f"{location}: bucket {bucket} does not exist",
            hint=f"check the name (gcloud storage buckets list), or create it: gcloud storage buckets create gs://{bucket}",
        )

    def _bucket_exists(self, bucket: str) -> bool:
        from google.api_core import exceptions as api_exceptions

        try:
            return bool(self.client.bucket(bucket).exists(retry=self._retry(), timeout=self.timeout))
        except api_exceptions.Forbidden:  # may not read bucket metadata; it exists as far as we can tell
            return True

    @contextlib.contextmanager
    def _errors(self, location: str, action: str, *, what: str = "object") -> Iterator[None]:
        """Translate what google-cloud-storage raises into one-line StorageErrors."""
        from google.api_core import exceptions as api_exceptions
        from google.auth import exceptions as auth_exceptions

        token = _location.set(location)
        try:
            yield
        except StorageError:
            raise
        except api_exceptions.NotFound:
            raise self._missing(location, what=what) from None
        except api_exceptions.Forbidden as exc:
            raise self._permission_error(location, exc, action) from None
        except api_exceptions.Unauthorized as exc:
            raise self._no_credentials(location, f"credentials were rejected ({_api_message(exc) or 401})") from None
        except api_exceptions.RetryError as exc:
            cause = getattr(exc, "cause", None)
            raise StorageError(
                f"{location}: cannot {action}: gave up after retrying for {self.retry_timeout:g}s: "
                f"{self._describe(cause) if cause is not None else _short(exc)}",
                hint=f"check the network and that {self._endpoint()} is reachable, then re-run",
            ) from None
        except api_exceptions.GoogleAPICallError as exc:
            raise StorageError(
                f"{location}: cannot {action}: GCS answered {exc.code}: {_api_message(exc) or _short(exc)}",
            ) from None
        except auth_exceptions.DefaultCredentialsError:
            raise self._no_credentials(location) from None
        except auth_exceptions.RefreshError as exc:
            raise self._no_credentials(location, f"credentials could not be refreshed ({_short(exc, 120)})") from None
        except auth_exceptions.TransportError as exc:
            raise StorageError(f"{location}: cannot {action}: {self._describe(exc)}",
                               hint="check the network, then re-run") from None
        except OSError as exc:  # requests' ConnectionError/Timeout are OSErrors too
            refused = self._refused_here(exc)
            if refused is not None:
                raise self._refused_error(location, action, refused) from None
            if _is_network(exc):
                raise StorageError(
                    f"{location}: cannot {action}: {self._describe(exc)}",
                    hint=f"check the network and that {self._endpoint()} is reachable, then re-run",
                ) from None
            raise StorageError(f"{location}: cannot {action}: local file {exc.filename or ''}: "
                               f"{exc.strerror or exc}") from None
        except Exception as exc:  # resumable-media errors (InvalidResponse, DataCorruption) have no common base
            status = getattr(getattr(exc, "response", None), "status_code", None)
            if type(exc).__name__ == "DataCorruption":
                raise StorageError(f"{location}: checksum mismatch while transferring ({_short(exc, 120)})",
                                   hint="re-run; if it persists the object is corrupt") from None
            if status == 404:
                raise self._missing(location, what=what) from None
            if status == 403:
                raise self._permission_error(location, exc, action) from None
            if status is not None:
                raise StorageError(f"{location}: cannot {action}: GCS answered {status}: {_short(exc)}") from None
            raise
        finally:
            _location.reset(token)

    def _describe(self, exc: BaseException) -> str:
        from google.api_core import exceptions as api_exceptions

        if isinstance(exc, api_exceptions.GoogleAPICallError):
            return f"GCS answered {exc.code}: {_api_message(exc) or _short(exc)}"
        status = getattr(getattr(exc, "response", None), "status_code", None)
        if isinstance(status, int):  # a download's InvalidResponse (google.cloud.storage._media) carries the answer
            return f"GCS answered {status}: {_api_message(exc) or _short(exc)}"
        name = type(exc).__name__
        text = _short(exc)
        if "timed out" in text.lower() or "timeout" in name.lower():
            return f"no answer from {self._endpoint()} (timeout)"
        if isinstance(exc, (ConnectionError, OSError)) or "Connection" in name:
            return f"connection to {self._endpoint()} failed ({text})"
        return f"{name}: {text}"

    # -- Backend protocol ------------------------------------------------------------------------------------

    def _first_under(self, bucket: str, prefix: str, location: str) -> Any:
        """The first object under ``prefix`` (or None); a 404 here means the bucket is missing."""
        from google.api_core import exceptions as api_exceptions

        try:
            for blob in self.client.list_blobs(bucket, prefix=prefix, max_results=1, retry=self._retry(),
                                               timeout=self.timeout):
                return blob
        except api_exceptions.NotFound:
            raise self._missing_bucket(location, bucket) from None
        return None

    def exists(self, location: str) -> bool:
        if self.is_dir(location):  # a bucket, or a "folder" (a prefix with objects under it)
            return True
        bucket, name = split_uri(location)
        with self._errors(location, "list"):
            return bool(self.client.bucket(bucket).blob(name).exists(retry=self._retry(), timeout=self.timeout))

    def is_dir(self, location: str) -> bool:
        bucket, name = split_uri(location)
        with self._errors(location, "list"):
            if not name:
                if not self._bucket_exists(bucket):
                    raise self._missing_bucket(location, bucket)
                return True
            return self._first_under(bucket, name + "/", location) is not None

    def list_dir(self, location: str) -> list[Entry]:
        from google.api_core import exceptions as api_exceptions

        bucket, name = split_uri(location)
        prefix = _folder_prefix(name)
        with self._errors(location, "list", what="folder"):
            try:
                it = self.client.list_blobs(bucket, prefix=prefix, delimiter="/", retry=self._retry(),
                                            timeout=self.timeout)
                blobs = list(it)
                files = [Entry(b.name[len(prefix):], False, int(b.size or 0)) for b in blobs if b.name != prefix]
                dirs = [Entry(p[len(prefix):].rstrip("/"), True) for p in it.prefixes]
            except api_exceptions.NotFound:
                raise self._missing_bucket(location, bucket) from None
            placeholder = any(b.name == prefix for b in blobs)  # an empty folder made in the console
            if not files and not dirs and name and not placeholder:
                if self.client.bucket(bucket).blob(name).exists(retry=self._retry(), timeout=self.timeout):
                    raise StorageError(f"{location}: is a file, expected a folder")
                raise StorageError(f"{location}: no such folder",
                                   hint=f"see what is there: gcloud storage ls {uri(bucket, name.rpartition('/')[0])}/")
        return sorted(files + dirs, key=lambda e: e.name)

    def _objects_under(self, bucket: str, name: str, location: str) -> list[Any]:
        """Every object below the folder ``name`` (placeholders ending in ``/`` left out)."""
        from google.api_core import exceptions as api_exceptions

        try:
            blobs = list(self.client.list_blobs(bucket, prefix=_folder_prefix(name), retry=self._retry(),
                                                timeout=self.timeout))
        except api_exceptions.NotFound:
            raise self._missing_bucket(location, bucket) from None
        return [b for b in blobs if not b.name.endswith("/")]

    def file_sizes(self, location: str) -> dict[str, int]:
        bucket, name = split_uri(location)
        prefix = _folder_prefix(name)
        with self._errors(location, "list", what="folder"):
            return {b.name[len(prefix):]: int(b.size or 0) for b in self._objects_under(bucket, name, location)}

    def read_bytes(self, location: str) -> bytes:
        from google.api_core import exceptions as api_exceptions

        bucket, name = split_uri(location)
        if not name:
            raise StorageError(f"{location}: is a bucket, expected a file")
        with self._errors(location, "read"):
            try:
                return bytes(self.client.bucket(bucket).blob(name).download_as_bytes(
                    retry=self._retry(), timeout=self.timeout))
            except api_exceptions.NotFound:
                if self._first_under(bucket, name + "/", location) is not None:
                    raise StorageError(f"{location}: is a folder, expected a file") from None
                raise

    def open_read(self, location: str, *, chunk_size: int = STREAM_CHUNK) -> Any:
        """The object as a file object that fetches ``chunk_size`` bytes at a time (ranged GETs); a missing object
        or bucket is a StorageError here, before anything is read."""
        bucket, name = split_uri(location)
        if not name:
            raise StorageError(f"{location}: is a bucket, expected a file")
        blob = self.client.bucket(bucket).blob(name)
        with self._errors(location, "read"):
            blob.reload(retry=self._retry(), timeout=self.timeout)  # 404 now, and a generation to read
        from google.cloud.storage.fileio import BlobReader

        return _Stream(self, location, BlobReader(blob, chunk_size=chunk_size, retry=self._retry(),
                                                  timeout=self.timeout))

    def write_bytes(self, location: str, data: bytes) -> None:
        """One upload request: GCS makes the object visible only once it is complete."""
        bucket, name = split_uri(location)
        if not name or location.endswith("/"):
            raise StorageError(f"{location}: expected a file name after the bucket")
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        with self._errors(location, "write"):
            self.client.bucket(bucket).blob(name).upload_from_string(
                data, content_type=content_type, retry=self._retry(), timeout=self.timeout)

    # -- local_copy: download a folder (or file) into a cache keyed by object generations ------------------------

    def local_copy(self, location: str, *, cache_dir: str, progress: ProgressCallback | None = None) -> str:
        """A local copy of ``location`` (a folder or one object); the same generations are never downloaded twice.

        The copy lives in ``<cache_dir>/gcs/<bucket>/<path>/@<key>``, where the key hashes every object's relative
        name, generation and size: a new generation of any object gives a new key (and a fresh download), an
        unchanged folder gives the same folder back after one listing request.
        """
        bucket, name = split_uri(location)
        where = location.rstrip("/")
        with self._errors(where, "download", what="file or folder"):
            blobs = self._objects_under(bucket, name, where)
            prefix = _folder_prefix(name)
            single = False
            if not blobs and name:
                blob = self.client.bucket(bucket).get_blob(name, retry=self._retry(), timeout=self.timeout)
                if blob is None:
                    raise self._missing(where, what="file or folder")
                blobs, prefix, single = [blob], _folder_prefix(name.rpartition("/")[0]), True
            if not blobs:
                raise StorageError(f"{where}: bucket is empty, nothing to copy")
            items = []
            for b in sorted(blobs, key=lambda b: b.name):
                rel = b.name[len(prefix):]
                _safe_parts(rel, where)
                items.append((rel, b.name, int(b.generation), int(b.size or 0)))
            key_src = "\n".join([f"gs://{bucket}/{prefix}"] + [f"{r}\t{g}\t{s}" for r, _, g, s in items])
            key = hashlib.sha256(key_src.encode("utf-8")).hexdigest()[:16]
            base = Path(cache_dir, "gcs", bucket, *(_safe_parts(name, where) if name else []))
            snapshot = base.parent / f"@{key}" if single else base / f"@{key}"
            result = snapshot / items[0][0] if single else snapshot
            if self._snapshot_ok(snapshot, items):
                log.debug("%s: cached copy %s", where, snapshot)
                return str(result)
            if snapshot.exists():  # damaged (a file removed or truncated): fetch again
                shutil.rmtree(snapshot, ignore_errors=True)
            self._download_into(bucket, items, snapshot, where, progress)
        return str(result)

    @staticmethod
    def _snapshot_ok(snapshot: Path, items: Sequence[tuple[str, str, int, int]]) -> bool:
        if not snapshot.is_dir():
            return False
        for rel, _, _, size in items:
            try:
                if snapshot.joinpath(*rel.split("/")).stat().st_size != size:
                    return False
            except OSError:
                return False
        return True

    def _download_into(self, bucket: str, items: Sequence[tuple[str, str, int, int]], snapshot: Path,
                       where: str, progress: ProgressCallback | None) -> None:
        from google.api_core import exceptions as api_exceptions

        total = sum(size for *_, size in items)
        log.info("%s: downloading %d objects (%d bytes)", where, len(items), total)
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{snapshot.name[1:]}-", dir=snapshot.parent))
        meter = Progress(progress, total)
        try:
            bkt = self.client.bucket(bucket)
            for rel, name, generation, size in items:
                dest = tmp.joinpath(*rel.split("/"))
                dest.parent.mkdir(parents=True, exist_ok=True)
                with open(dest, "wb") as fh:
                    try:
                        bkt.blob(name).download_to_file(
                            ProgressWriter(fh, meter.file), if_generation_match=generation,
                            retry=self._retry(), timeout=self.timeout)
                    except api_exceptions.PreconditionFailed:
                        raise StorageError(f"{uri(bucket, name)}: changed while downloading (new generation)",
                                           hint="re-run to copy the current version") from None
                    except api_exceptions.NotFound:
                        raise StorageError(f"{uri(bucket, name)}: deleted while downloading",
                                           hint="re-run to copy what is there now") from None
                meter.finished(size)
            try:
                os.rename(tmp, snapshot)
            except OSError:
                if not self._snapshot_ok(snapshot, items):  # not a concurrent run that finished first
                    raise
                shutil.rmtree(tmp, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    # -- upload_dir: a new model version, saved_model.pb last, all or nothing ---------------------------------------

    def upload_dir(self, local_dir: str, location: str, *, last: Sequence[str] = ("saved_model.pb",),
                   progress: ProgressCallback | None = None) -> list[str]:
        """Upload the files of ``local_dir`` into the empty folder ``location``; returns the object URIs written.

        Every object is created with ``if_generation_match=0`` (GCS refuses it if the name exists, even when
        another upload races this one), the files named in ``last`` go up after all others, and on any failure
        the objects this call created are deleted again (only at the generation it wrote).
        """
        bucket, name = split_uri(location)
        dest = uri(bucket, name)
        files = upload_order(local_dir, last)
        if not name:
            raise StorageError(f"{location}: give a folder inside the bucket, e.g. gs://{bucket}/models/NAME/1")
        with self._errors(dest, "list", what="folder"):
            self._refuse_non_empty(bucket, name, dest)
        total = sum(size for _, _, size in files)
        meter = Progress(progress, total)
        bkt = self.client.bucket(bucket)
        uploaded: list[tuple[str, int]] = []
        current: tuple[str, str] | None = None
        log.info("%s: uploading %d files (%d bytes)", dest, len(files), total)
        try:
            for rel, path, size in files:
                object_name = f"{name}/{rel}"
                current = (object_name, path)
                with self._errors(uri(bucket, object_name), "write"):
                    uploaded.append((object_name, self._upload_file(bkt, object_name, path, size, meter)))
                meter.finished(size)
                current = None
        except StorageError as exc:
            summary, leftovers = self._clean_up(bkt, bucket, uploaded, current, last)
            raise StorageError(
                f"{dest}: upload failed: {exc.message}; {summary}",
                hint=(f"delete what is left: gcloud storage rm --recursive {dest}/ — then re-run" if leftovers
                      else exc.hint or "re-run when the cause is fixed"),
            ) from None
        except BaseException:  # KeyboardInterrupt and bugs: never leave a partial upload behind
            summary, _ = self._clean_up(bkt, bucket, uploaded, current, last)
            log.warning("%s: upload interrupted; %s", dest, summary)
            raise
        return [uri(bucket, n) for n, _ in uploaded]

    def _refuse_non_empty(self, bucket: str, name: str, dest: str) -> None:
        """A fast, friendly refusal before any byte moves (the preconditions stay the real guard)."""
        existing = self._objects_under(bucket, name, dest)
        if not existing:
            return
        names = {b.name[len(name) + 1:] for b in existing}
        if "saved_model.pb" in names:
            raise StorageError(
                f"{dest}: already holds a SavedModel (saved_model.pb); sigcheck uploads new versions only",
                hint=self._next_version_hint(bucket, name),
            )
        shown = ", ".join(sorted(names)[:3]) + (", …" if len(names) > 3 else "")
        raise StorageError(
            f"{dest}: folder is not empty ({len(names)} objects: {shown}) but holds no saved_model.pb "
            "(an interrupted upload?); sigcheck uploads into empty folders only",
            hint=f"delete it first: gcloud storage rm --recursive {dest}/ — or choose another folder",
        )

    def _next_version_hint(self, bucket: str, name: str) -> str:
        parent, _, leaf = name.rpartition("/")
        if leaf.isdigit():
            try:
                versions = [int(e.name) for e in self.list_dir(uri(bucket, parent)) if e.is_dir and e.name.isdigit()]
                nxt = max(versions + [int(leaf)]) + 1
                return f"write to a new version folder: {uri(bucket, f'{parent}/{nxt}' if parent else str(nxt))}"
            except StorageError:
                pass
        return "write to a new, empty folder (TF Serving: the next version number under the base path)"

    def _upload_file(self, bkt: Any, object_name: str, path: str, size: int, meter: Progress) -> int:
        """Create one object (must not exist); returns its generation."""
        from google.api_core import exceptions as api_exceptions

        blob = bkt.blob(object_name)
        if size > 8 * 1024 * 1024:
            blob.chunk_size = RESUMABLE_CHUNK
        content_type = mimetypes.guess_type(object_name)[0] or "application/octet-stream"
        try:
            with open(path, "rb") as fh:
                blob.upload_from_file(ProgressReader(fh, meter.file), size=size, content_type=content_type,
                                      if_generation_match=0, retry=self._retry(), timeout=self.timeout)
        except api_exceptions.PreconditionFailed:
            # Either someone else created it meanwhile, or our own first attempt landed and a retry hit the
            # precondition: the object then holds exactly our bytes.
            try:
                mine = self._same_content(bkt, object_name, path)
            except Exception:  # noqa: BLE001 - cannot tell: it is not known to be ours
                mine = None
            if mine is None:
                raise StorageError(
                    f"{uri(bkt.name, object_name)}: already exists (written by someone else during this upload)",
                    hint="another upload to the same folder is running; write to a new version folder",
                ) from None
            return mine
        except OSError as exc:
            if _is_network(exc):
                raise  # network errors are OSErrors too: let _errors describe them
            raise StorageError(f"{path}: cannot read: {exc.strerror or exc}") from None
        return int(blob.generation)

    def _same_content(self, bkt: Any, object_name: str, path: str) -> int | None:
        """The generation of ``object_name`` if it holds the bytes of ``path``, else None (raises if it cannot
        tell)."""
        blob = bkt.get_blob(object_name, retry=self._cleanup_retry(), timeout=self.timeout)
        if blob is None or not blob.crc32c or blob.size != os.path.getsize(path):
            return None
        return int(blob.generation) if blob.crc32c == _crc32c_b64(path) else None

    def _clean_up(self, bkt: Any, bucket: str, uploaded: list[tuple[str, int]], current: tuple[str, str] | None,
                  last: Sequence[str]) -> tuple[str, list[str]]:
        """Delete the objects this upload created (newest first); say what happened and what may be left."""
        from google.api_core import exceptions as api_exceptions

        todo = list(uploaded)
        uncertain: str | None = None
        if current is not None:  # its request may have landed although we saw an error
            try:
                generation = self._same_content(bkt, *current)
                if generation is not None:
                    todo.append((current[0], generation))
            except Exception:  # noqa: BLE001 - cannot tell
                uncertain = uri(bucket, current[0])
        left: list[str] = []
        for object_name, generation in reversed(todo):
            try:
                bkt.blob(object_name).delete(if_generation_match=generation,
                                             retry=self._cleanup_retry(), timeout=self.timeout)
            except (api_exceptions.NotFound, api_exceptions.PreconditionFailed):
                pass  # already gone, or replaced by someone else: not ours to delete
            except Exception as exc:  # noqa: BLE001 - report every object we could not delete
                log.debug("cannot delete %s: %s", object_name, exc)
                left.append(uri(bucket, object_name))
        if not left and uncertain is None:
            if not todo:
                return "nothing had been uploaded", []
            return f"deleted the {len(todo)} object{'s' if len(todo) != 1 else ''} already uploaded", []
        parts = []
        if left:
            shown = ", ".join(left[:3]) + (", …" if len(left) > 3 else "")
            parts.append(f"could not delete {len(left)} of the {len(todo)} uploaded objects ({shown})")
        if uncertain:
            parts.append(f"cannot tell whether {uncertain} was written")
        at_risk = left + ([uncertain] if uncertain else [])
        if last and not any(u.rsplit("/", 1)[-1] in last for u in at_risk):
            parts.append(f"no {' or '.join(last)} was written, so the folder does not look like a model")
        return "; ".join(parts), at_risk
