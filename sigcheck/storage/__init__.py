"""One storage layer for every command: local paths and ``gs://bucket/path`` URIs.

The functions here dispatch on the location's scheme to a backend (:mod:`.local`, :mod:`.gcs`).  The GCS
backend (and google-cloud-storage) is imported only when a ``gs://`` location is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Callable, Protocol, Sequence

ProgressCallback = Callable[[int, int], None]
"""Called as bytes move: ``(bytes done, bytes total)`` for the whole transfer (local_copy, upload_dir)."""

PROGRESS_THRESHOLD = 4 * 1024 * 1024
"""Transfers smaller than this finish too fast for a progress bar to help (the CLI's rule of thumb)."""

TransferReporter = Callable[[str, str], ProgressCallback]
"""Makes the progress callback for one transfer: ``(verb, location)`` with verb ``download`` or ``upload``."""

_reporter: TransferReporter | None = None


def report_transfers(reporter: TransferReporter | None) -> None:
    """Install how transfers without an explicit ``progress=`` are reported (the CLI installs a rich progress bar;
    the library itself never prints).  ``None`` turns reporting off."""
    global _reporter
    _reporter = reporter


def _progress(verb: str, location: str, progress: ProgressCallback | None) -> ProgressCallback | None:
    if progress is not None or _reporter is None:
        return progress
    return _reporter(verb, location)


@dataclass(frozen=True, slots=True)
class Entry:
    """One child of a folder: its name (no slashes), whether it is a folder, its size in bytes (0 for folders)."""

    name: str
    is_dir: bool
    size: int = 0


class Backend(Protocol):
    """What a storage backend offers.  Paths are full locations (``/a/b`` or ``gs://bucket/a/b``)."""

    def read_bytes(self, location: str) -> bytes: ...

    def exists(self, location: str) -> bool: ...

    def is_dir(self, location: str) -> bool: ...

    def list_dir(self, location: str) -> list[Entry]: ...

    def file_sizes(self, location: str) -> dict[str, int]:
        """Every file below ``location``, as relative path (``/``-separated) → size."""
        ...

    def write_bytes(self, location: str, data: bytes) -> None: ...


def is_remote(location: str) -> bool:
    return location.startswith("gs://")


def join(location: str, *parts: str) -> str:
    """Join path parts with ``/`` for URIs and ``os.path.join`` for local paths."""
    if is_remote(location):
        out = location.rstrip("/")
        for p in parts:
            out += "/" + p.strip("/")
        return out
    import os

    return os.path.join(location, *parts)


def basename(location: str) -> str:
    return location.rstrip("/").rsplit("/", 1)[-1]


def parent(location: str) -> str:
    if is_remote(location):
        return location.rstrip("/").rsplit("/", 1)[0]
    import os

    return os.path.dirname(os.path.abspath(location))


def backend_for(location: str) -> Backend:
    if is_remote(location):
        from .gcs import GcsBackend

        return GcsBackend.default()
    from .local import LocalBackend

    return LocalBackend()


def read_bytes(location: str) -> bytes:
    return backend_for(location).read_bytes(location)


def exists(location: str) -> bool:
    return backend_for(location).exists(location)


def is_dir(location: str) -> bool:
    return backend_for(location).is_dir(location)


def list_dir(location: str) -> list[Entry]:
    return backend_for(location).list_dir(location)


def file_sizes(location: str) -> dict[str, int]:
    return backend_for(location).file_sizes(location)


def open_read(location: str) -> BinaryIO:
    """A binary file object reading ``location`` from the start, streamed (gs:// objects are fetched in ranged
    chunks as they are read, never downloaded whole).  Close it when done."""
    return backend_for(location).open_read(location)  # type: ignore[attr-defined]


def write_bytes(location: str, data: bytes) -> None:
    """Write a whole file so that nothing half-written is ever visible (temp file + rename; for gs://, one upload)."""
    backend = backend_for(location)
    writer = getattr(backend, "write_bytes", None)
    if writer is None:  # pragma: no cover - every backend has one
        raise NotImplementedError(f"{type(backend).__name__} cannot write")
    writer(location, data)


# --- whole folders (owner: storage) ------------------------------------------------------------------------------


def default_cache_dir() -> str:
    """Where downloaded models are kept: ``$SIGCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/sigcheck``, else
    ``~/.cache/sigcheck``."""
    import os

    explicit = os.environ.get("SIGCHECK_CACHE_DIR")
    if explicit:
        return os.path.abspath(os.path.expanduser(explicit))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "sigcheck")


def local_copy(location: str, *, cache_dir: str | None = None, progress: ProgressCallback | None = None) -> str:
    """A local path holding ``location``: local paths are returned as they are; a ``gs://`` folder (or file) is
    downloaded into ``cache_dir`` (default :func:`default_cache_dir`) under a key made of its objects'
    generations, so a second call for an unchanged folder lists it once and downloads nothing.

    Hand the result, never a ``gs://`` path, to TensorFlow: ``tf.io.gfile`` ignores ``STORAGE_EMULATOR_HOST``.
    Pass a version folder (``ModelInfo.model_dir``) to fetch one version rather than a whole base path.
    """
    if not is_remote(location):
        return location
    from .gcs import GcsBackend

    return GcsBackend.default().local_copy(location, cache_dir=cache_dir or default_cache_dir(),
                                           progress=_progress("download", location, progress))


def upload_dir(local_dir: str, uri: str, *, last: Sequence[str] = ("saved_model.pb",),
               progress: ProgressCallback | None = None) -> list[str]:
    """Copy the folder ``local_dir`` to ``uri`` (gs:// or local) as a new model version; returns what was written.

    Refuses a destination that already holds ``saved_model.pb`` (or anything else). For gs:// every object is
    created with ``if_generation_match=0``, so a concurrent writer cannot be overwritten; ``last`` goes up after
    everything else, so a half-finished upload never looks like a model; on failure the objects this call created
    are deleted and the :class:`~sigcheck.errors.StorageError` says so (and what, if anything, is left).
    """
    backend = backend_for(uri)
    return backend.upload_dir(local_dir, uri, last=last,  # type: ignore[attr-defined]
                              progress=_progress("upload", uri, progress) if is_remote(uri) else progress)
