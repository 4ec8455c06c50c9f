"""Local file system backend."""

from __future__ import annotations

import os
from typing import BinaryIO, Sequence

from ..errors import StorageError
from . import Entry, ProgressCallback


def umask_mode(path: str, *, folder: bool = False) -> None:
    """Give a file or folder made by ``tempfile`` (0600 / 0700) the permissions a plain ``open``/``mkdir`` would
    have under the process umask, so that TF Serving, a container user or a teammate can read what sigcheck wrote."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if folder else 0o666) & ~mask)


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

    def open_read(self, location: str) -> BinaryIO:
        try:
            return open(location, "rb")
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
        """Atomic write: a temporary file in the same folder, then ``os.replace``.

        An existing device or pipe (``/dev/null``, ``/dev/stdout``, a FIFO) is written in place instead: renaming a
        file over it would replace the device with a regular file (as root).
        """
        import stat
        import tempfile

        try:
            mode = os.stat(location).st_mode
        except OSError:
            mode = None
        if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            try:
                with open(location, "wb") as fh:
                    fh.write(data)
            except OSError as exc:
                raise StorageError(f"{location}: cannot write: {exc.strerror or exc}") from None
            return

        folder = os.path.dirname(os.path.abspath(location))
        if not os.path.isdir(folder):
            raise StorageError(f"{location}: folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=".sigcheck-", suffix=".tmp", dir=folder)
        try:
            umask_mode(tmp)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, location)
        except OSError as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise StorageError(f"{location}: cannot write: {exc.strerror or exc}") from None

    def upload_dir(self, local_dir: str, location: str, *, last: Sequence[str] = ("saved_model.pb",),
                   progress: ProgressCallback | None = None) -> list[str]:
        """Copy ``local_dir`` to the new folder ``location``: built beside it, then renamed into place at once.

        Refuses when ``location`` already holds ``saved_model.pb`` or anything else.  ``last`` is copied last (it
        matters only to readers of the temporary folder).
        """
        import shutil
        import tempfile

        from .transfer import Progress, upload_order

        files = upload_order(local_dir, last)
        dest = os.path.abspath(location)
        if os.path.isdir(dest) and os.listdir(dest):
            if os.path.exists(os.path.join(dest, "saved_model.pb")):
                raise StorageError(f"{location}: already holds a SavedModel (saved_model.pb); "
                                   "sigcheck writes new versions only",
                                   hint="write to a new, empty folder (TF Serving: the next version number)")
            raise StorageError(f"{location}: folder is not empty; sigcheck writes models into new folders only",
                               hint="choose a new folder, or empty this one first")
        if os.path.exists(dest) and not os.path.isdir(dest):
            raise StorageError(f"{location}: is a file, expected a folder")
        parent = os.path.dirname(dest)
        try:
            os.makedirs(parent, exist_ok=True)
            tmp = tempfile.mkdtemp(prefix=".sigcheck-", suffix=".tmp", dir=parent)
            umask_mode(tmp, folder=True)
        except OSError as exc:
            raise StorageError(f"{location}: cannot create folder: {exc.strerror or exc}") from None
        meter = Progress(progress, sum(size for *_, size in files))
        try:
            for rel, path, size in files:
                target = os.path.join(tmp, *rel.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(path, "rb") as src, open(target, "wb") as dst:
                    for chunk in iter(lambda: src.read(1 << 20), b""):
                        dst.write(chunk)
                        meter.file(dst.tell())
                meter.finished(size)
            if os.path.isdir(dest):
                os.rmdir(dest)  # empty (checked above); fails if someone wrote into it meanwhile
            os.rename(tmp, dest)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise StorageError(f"{location}: cannot write the model: {exc.strerror or exc}; nothing was left behind"
                               ) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        return [os.path.join(dest, *rel.split("/")) for rel, _, _ in files]
