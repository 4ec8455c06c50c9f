"""Moving whole folders: the upload order and progress reporting shared by the local and gs:// backends."""

from __future__ import annotations

import os
from typing import Any, Callable, Sequence

from ..errors import StorageError
from . import ProgressCallback


def upload_order(local_dir: str, last: Sequence[str]) -> list[tuple[str, str, int]]:
    """(relative name, path, size): folders' files first (variables/, assets/), then top-level files, ``last``
    at the very end in the order given."""
    if not os.path.isdir(local_dir):
        raise StorageError(f"{local_dir}: no such folder, nothing to upload")
    found: dict[str, tuple[str, int]] = {}
    for root, dirs, names in os.walk(local_dir):
        dirs.sort()
        for n in names:
            path = os.path.join(root, n)
            rel = os.path.relpath(path, local_dir).replace(os.sep, "/")
            found[rel] = (path, os.path.getsize(path))
    if not found:
        raise StorageError(f"{local_dir}: folder is empty, nothing to upload")
    rest = sorted((r for r in found if r not in last), key=lambda r: ("/" not in r, r))
    ordered = rest + [r for r in last if r in found]
    return [(r, *found[r]) for r in ordered]


class ProgressReader:
    """A seekable file wrapper that reports bytes read (the upload's progress) to a callback."""

    def __init__(self, fh: Any, report: Callable[[int], None]) -> None:
        self._fh = fh
        self._report = report
        self._high = 0

    def read(self, size: int = -1) -> bytes:
        data = self._fh.read(size)
        pos = self._fh.tell()
        if pos > self._high:  # a retry rewinds; never report progress going backwards
            self._high = pos
            self._report(pos)
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


class ProgressWriter:
    """A file wrapper that reports bytes written (the download's progress) to a callback."""

    def __init__(self, fh: Any, report: Callable[[int], None]) -> None:
        self._fh = fh
        self._report = report

    def write(self, data: bytes) -> int:
        n = self._fh.write(data)
        self._report(self._fh.tell())
        return n

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


class Progress:
    """Turns per-file byte counts into (done, total) calls for the whole transfer."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = total
        self.base = 0

    def file(self, pos: int) -> None:
        if self.callback is not None:
            self.callback(min(self.base + pos, self.total), self.total)

    def finished(self, size: int) -> None:
        self.base += size
        if self.callback is not None:
            self.callback(min(self.base, self.total), self.total)
