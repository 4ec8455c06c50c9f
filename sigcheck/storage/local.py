"""Local file system backend."""

from __future__ import annotations

import errno
import os
import socket
from typing import BinaryIO, Sequence

from ..errors import StorageError
from . import Entry, ProgressCallback


def umask_mode(path: str, *, folder: bool = False) -> None:
    """Give a file or folder made by ``tempfile`` (0600 / 0700) the permissions a plain ``open``/``mkdir`` would
    have under the process umask, so that TF Serving, a container user or a teammate can read what sigcheck wrote."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, (0o777 if folder else 0o666) & ~mask)


def _blocking_file(path: str) -> str | None:
    """The first folder on the way to ``path`` that is in fact a file (``file.csv`` in ``file.csv/x.json``)."""
    parent = os.path.dirname(os.path.abspath(path))
    while parent and parent != os.path.dirname(parent):
        if os.path.lexists(parent) and not os.path.isdir(parent):
            return parent
        parent = os.path.dirname(parent)
    return None


def os_error(location: str, exc: OSError, doing: str) -> StorageError:
    """The one-line error for an OS error met while ``doing`` (``read``, ``list``, ``write``) ``location``.

    Every local read, listing and write maps its OS errors here, so a permission, a read-only file system, a file
    in the way of a folder or a missing folder reads the same in every command: the path first, then what is
    wrong, in words (never ``internal error: PermissionError``).
    """
    code = exc.errno
    writing = doing == "write"
    folder = os.path.dirname(os.path.abspath(location))
    if code == errno.ENOTDIR:
        blocking = _blocking_file(location)
        if blocking is not None:
            return StorageError(f"{location}: {blocking} is a file, not a folder",
                                hint="choose a path whose folders are folders")
        return StorageError(f"{location}: is a file, expected a folder")
    if code == errno.ENOENT:
        if not writing:
            return StorageError(f"{location}: no such {'folder' if doing == 'list' else 'file'}")
        if not os.path.isdir(folder):
            return StorageError(f"{location}: folder {folder} does not exist",
                                hint="create the folder first, or choose another location")
        return StorageError(f"{location}: cannot create a file in {folder} ({exc.strerror})",
                            hint="choose another location")
    if code == errno.EISDIR:
        return StorageError(f"{location}: is a folder, expected a file",
                            hint="give a file name (e.g. inside that folder)" if writing else None)
    where = f"cannot {doing} in {folder}" if writing else f"cannot {doing} it"
    if code in (errno.EACCES, errno.EPERM):
        return StorageError(f"{location}: permission denied ({where})",
                            hint="choose a location you may write to" if writing else "check its permissions")
    if code == errno.EROFS:
        return StorageError(f"{location}: read-only file system ({where})", hint="choose a writable location")
    if code in (errno.ENOSPC, errno.EDQUOT):
        return StorageError(f"{location}: {exc.strerror.lower()} ({where})",
                            hint="free some space, or choose another location")
    return StorageError(f"{location}: cannot {doing}: {exc.strerror or exc}")


def check_can_create(folder: str) -> None:
    """Raise the :func:`os_error` StorageError when files could not be written in ``folder`` (which may not exist
    yet: its nearest existing parent is tried).  A probe folder is made and removed at once; nothing is left."""
    import tempfile

    here = os.path.abspath(folder)
    while not os.path.lexists(here) and here != os.path.dirname(here):
        here = os.path.dirname(here)
    if not os.path.isdir(here):
        raise os_error(folder, NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)), "write")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".sigcheck-probe-", dir=here))
    except OSError as exc:
        raise os_error(folder, exc, "write") from None


def open_regular(location: str) -> BinaryIO:
    """Open a regular file for reading; refuse a FIFO, device or socket (``/dev/zero`` never ends, a FIFO may never
    open) without blocking on it: the one check every file sigcheck reads goes through."""
    import stat

    try:
        fd = os.open(location, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise os_error(location, exc, "read") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):  # (the message every folder-for-a-file mistake gets)
            import errno

            raise os_error(location, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), location), "read")
        if not stat.S_ISREG(mode):
            kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode)
                    else "a special file")
            raise StorageError(f"{location}: is {kind}, not a regular file; sigcheck reads regular files only",
                               hint="copy it into a regular file first (a request can also come on stdin: -)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class LocalBackend:
    def read_bytes(self, location: str) -> bytes:
        with open_regular(location) as fh:
            try:
                return fh.read()
            except OSError as exc:
                raise os_error(location, exc, "read") from None

    def open_read(self, location: str) -> BinaryIO:
        return open_regular(location)

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
        except OSError as exc:
            raise os_error(location, exc, "list") from None
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
                raise os_error(location, exc, "write") from None
            return

        folder = os.path.dirname(os.path.abspath(location))
        try:
            fd, tmp = tempfile.mkstemp(prefix=".sigcheck-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise os_error(location, exc, "write") from None
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
            raise os_error(location, exc, "write") from None

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
            raise os_error(location, exc, "write") from None
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


def pid_alive(pid: int) -> bool:
    """True when a process ``pid`` runs on this host (or cannot be told apart from one that does)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # (PermissionError: another user's live process; anything else: assume it lives)
        return True
    return True


def stale_temporaries(folder: str, prefix: str, suffix: str = "") -> list[str]:
    """Names in ``folder`` of temporaries that killed sigcheck runs on this host left behind: ``prefix`` + host +
    ``-`` + pid + ``-`` + anything + ``suffix``, whose process is gone (not this one).  What to do with them (a
    file unlinked, a folder removed) is the caller's; an unreadable folder has none."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    host, out = socket.gethostname(), []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        parts = name[len(prefix):].rsplit("-", 2)
        if len(parts) != 3 or parts[0] != host or not parts[1].isdigit():
            continue
        pid = int(parts[1])
        if pid != os.getpid() and not pid_alive(pid):
            out.append(name)
    return out
