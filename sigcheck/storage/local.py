"""Local file system backend."""

from __future__ import annotations

import os

from ..errors import StorageError
from . import Entry


class LocalBackend:
    def read_bytes(self, location: str) -> bytes:
        try:
            with open(location, "rb") as fh:
                return fh.read()
        except FileNotFoundError:
            raise StorageError(f"{location}: no such file") from None
        except IsADirectoryError:
            raise StorageError(f"{location}: is a folder, expected a file") from None
        except OSError as exc:
            raise StorageError(f"{location}: cannot read: {exc.strerror or exc}") from None

    def exists(self, location: str) -> bool:
        return os.path.exists(location)

    def is_dir(self, location: str) -> bool:
        return os.path.isdir(location)

    def list_dir(self, location: str) -> list[Entry]:
        try:
            with os.scandir(location) as it:
                out = []
                for e in it:
                    is_dir = e.is_dir()
                    out.append(Entry(e.name, is_dir, 0 if is_dir else e.stat().st_size))
        except FileNotFoundError:
            raise StorageError(f"{location}: no such folder") from None
        except NotADirectoryError:
            raise StorageError(f"{location}: is a file, expected a folder") from None
        except OSError as exc:
            raise StorageError(f"{location}: cannot list: {exc.strerror or exc}") from None
        return sorted(out, key=lambda e: e.name)

    def file_sizes(self, location: str) -> dict[str, int]:
        sizes: dict[str, int] = {}
        for root, dirs, files in os.walk(location):
            dirs.sort()
            for name in sorted(files):
                full = os.path.join(root, name)
                rel = os.path.relpath(full, location).replace(os.sep, "/")
                try:
                    sizes[rel] = os.path.getsize(full)
                except OSError:
                    continue
        return sizes

    def write_bytes(self, location: str, data: bytes) -> None:
        """Atomic write: a temporary file in the same folder, then ``os.replace``."""
        import tempfile

        folder = os.path.dirname(os.path.abspath(location))
        if not os.path.isdir(folder):
            raise StorageError(f"{location}: folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=".sigcheck-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, location)
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise StorageError(f"{location}: cannot write: {exc.strerror or exc}") from None
