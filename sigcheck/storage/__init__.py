"""One storage layer for every command: local paths and ``gs://bucket/path`` URIs.

The functions here dispatch on the location's scheme to a backend (:mod:`.local`, :mod:`.gcs`).  The GCS
backend (and google-cloud-storage) is imported only when a ``gs://`` location is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


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


def write_bytes(location: str, data: bytes) -> None:
    """Write a whole file so that nothing half-written is ever visible (temp file + rename; for gs://, one upload)."""
    backend = backend_for(location)
    writer = getattr(backend, "write_bytes", None)
    if writer is None:  # pragma: no cover - every backend has one
        raise NotImplementedError(f"{type(backend).__name__} cannot write")
    writer(location, data)
