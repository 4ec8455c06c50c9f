"""Version folders under a TF Serving base path: ``OUTPUT/<version>/``, never overwritten, never half-written.

* The version is the next integer after the highest numeric folder (1 for a new base path), or ``--version``.
  An existing version is refused, before any training starts and again when the folder is put in place.
* A local export is built in a hidden temporary folder inside the base path (``.sigcheck-export-<host>-<pid>-…``;
  TF Serving and ``read_model`` only look at numeric folders) and renamed to ``<version>`` when complete, with
  ``renameat2(RENAME_NOREPLACE)`` where the kernel has it.  An exception or Ctrl-C removes the temporary folder;
  a killed process leaves it behind, hidden, and the next export into the same base path removes it.
* A ``gs://`` export is built in a local temporary folder and uploaded with :func:`sigcheck.storage.upload_dir`,
  ``saved_model.pb`` last and refused when the version already has one; TensorFlow never sees a gs:// path.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import socket
import tempfile
from dataclasses import dataclass
from typing import Iterator

from .. import storage
from ..errors import InputError, StorageError
from ..storage.local import check_can_create, os_error, umask_mode

TEMP_PREFIX = ".sigcheck-export-"
SAVED_MODEL_FILES = ("saved_model.pb", "saved_model.pbtxt")


@dataclass(frozen=True)
class VersionSlot:
    """Where a new version goes."""

    base: str
    """The base path (local path as given, normalised; or gs:// URI)."""
    version: int
    location: str
    """``base/<version>``: the folder TF Serving loads and Vertex's ``--artifact-uri`` points at."""

    @property
    def remote(self) -> bool:
        return storage.is_remote(self.base)


def _base(output: str) -> str:
    if storage.is_remote(output):
        return output.rstrip("/")
    return os.path.normpath(os.path.expanduser(output))


def existing_versions(base: str) -> list[int]:
    """Numeric version folders under ``base`` (empty when it does not exist)."""
    try:
        if not storage.exists(base):
            return []
        entries = storage.list_dir(base)
    except StorageError:
        if storage.is_remote(base):
            raise
        return []
    return sorted(int(e.name) for e in entries if e.is_dir and e.name.isdigit())


def choose_version(output: str, version: int | None = None) -> VersionSlot:
    """The next free version under ``output`` (or ``version``); raises InputError when it exists."""
    base = _base(output)
    if storage.exists(base) and not storage.is_dir(base):
        raise InputError(f"{output}: is a file; --output takes a folder (the TF Serving base path)",
                         hint="give a folder; versions are written to OUTPUT/1, OUTPUT/2, …")
    if not storage.is_remote(base):
        check_can_create(base)  # a read-only or blocked location is refused before any training
    if storage.exists(base):
        names = {e.name for e in storage.list_dir(base)}
        if names & set(SAVED_MODEL_FILES):
            raise InputError(
                f"{output}: is a SavedModel folder; --output takes its base path (versions go to OUTPUT/<version>/)",
                hint=f"use --output {storage.parent(base) if not storage.is_remote(base) else base.rsplit('/', 1)[0]}",
            )
    versions = existing_versions(base)
    if version is None:
        version = (versions[-1] + 1) if versions else 1
    else:
        if version < 1:
            raise InputError(f"--version must be a positive integer, got {version}")
        location = storage.join(base, str(version))
        if version in versions or storage.exists(location):
            raise InputError(
                f"{location}: version {version} already exists; sigcheck never overwrites a version",
                hint=f"omit --version to export as version {(versions[-1] + 1) if versions else 1}, "
                "or remove the folder yourself",
            )
    return VersionSlot(base=base, version=version, location=storage.join(base, str(version)))


def remove_stale_temporaries(base: str) -> list[str]:
    """Remove temporary folders left in ``base`` by killed exports on this host; returns what was removed."""
    from ..storage.local import stale_temporaries

    if not os.path.isdir(base):
        return []
    removed = stale_temporaries(base, TEMP_PREFIX)
    for name in removed:
        shutil.rmtree(os.path.join(base, name), ignore_errors=True)
    return removed


def _rename_noreplace(src: str, dst: str) -> None:
    """Rename ``src`` to ``dst``; FileExistsError when ``dst`` exists (atomically where the kernel allows)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        renameat2 = None
    if renameat2 is not None:
        at_fdcwd, rename_noreplace = -100, 1
        if renameat2(at_fdcwd, os.fsencode(src), at_fdcwd, os.fsencode(dst), rename_noreplace) == 0:
            return
        err = ctypes.get_errno()
        if err == errno.EEXIST:
            raise FileExistsError(errno.EEXIST, "exists", dst)
        if err not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(err, os.strerror(err), dst)
    if os.path.lexists(dst):
        raise FileExistsError(errno.EEXIST, "exists", dst)
    os.rename(src, dst)


class Staging:
    """A folder to build one version in; :meth:`publish` puts it in place, leaving the block removes leftovers.

    ::

        with Staging(slot) as stage:
            write_saved_model(model, endpoints, stage.path)
            stage.publish()
    """

    def __init__(self, slot: VersionSlot) -> None:
        self.slot = slot
        self.path = ""
        self.removed_stale: list[str] = []
        self._root = ""
        self.published = False

    def __enter__(self) -> "Staging":
        if self.slot.remote:
            self._root = tempfile.mkdtemp(prefix="sigcheck-export-")
            self.path = os.path.join(self._root, str(self.slot.version))
            os.mkdir(self.path)
        else:
            prefix = f"{TEMP_PREFIX}{socket.gethostname()}-{os.getpid()}-"
            try:
                os.makedirs(self.slot.base, exist_ok=True)
                self.removed_stale = remove_stale_temporaries(self.slot.base)
                self._root = tempfile.mkdtemp(prefix=prefix, dir=self.slot.base)
            except OSError as exc:
                raise os_error(self.slot.base, exc, "write") from None
            umask_mode(self._root, folder=True)  # the version folder TF Serving will read: not owner-only
            self.path = self._root
        return self

    def publish(self) -> str:
        """Move the finished folder into place as ``base/<version>``; refuses an existing version."""
        slot = self.slot
        if slot.remote:
            storage.upload_dir(self.path, slot.location, last=("saved_model.pb",))
        else:
            try:
                _rename_noreplace(self.path, slot.location)
            except FileExistsError:
                raise InputError(
                    f"{slot.location}: version {slot.version} appeared while exporting; sigcheck never overwrites "
                    "a version", hint="run the export again: it picks the next free version") from None
            except OSError as exc:
                raise StorageError(f"{slot.location}: cannot move the export into place: {exc.strerror or exc}") from None
        self.published = True
        return slot.location

    def __exit__(self, *exc: object) -> None:
        if self._root and (self.slot.remote or not self.published):
            shutil.rmtree(self._root, ignore_errors=True)


@contextlib.contextmanager
def local_logdir(slot: VersionSlot, logdir: str | None) -> Iterator[tuple[str, str]]:
    """The local TensorBoard folder to write to, and where the events end up (the same folder, or a gs:// URI).

    Default: ``OUTPUT/logs/<version>`` (``tensorboard --logdir OUTPUT/logs`` compares versions; TF Serving ignores
    the non-numeric ``logs`` folder).  A folder left by an interrupted export of the same version is kept and the
    new run goes to ``<version>.2``, ``.3`` ….  For gs:// the events are written locally and uploaded when
    training ends, including on Ctrl-C or an error.
    """
    target = logdir or storage.join(slot.base, "logs", str(slot.version))
    if storage.is_remote(target):
        target = target.rstrip("/")
        root = tempfile.mkdtemp(prefix="sigcheck-logs-")
        failed = True
        try:
            yield root, target
            failed = False
        finally:
            try:
                if os.listdir(root):
                    _upload_logs(root, target, quiet=failed)
            finally:
                shutil.rmtree(root, ignore_errors=True)
        return
    target = os.path.normpath(target)
    if logdir is None:
        candidate, n = target, 1
        while os.path.exists(candidate):
            n += 1
            candidate = f"{target}.{n}"
        target = candidate
    try:
        os.makedirs(target, exist_ok=True)
    except OSError as exc:
        raise os_error(target, exc, "write") from None
    yield target, target


def _upload_logs(local: str, uri: str, *, quiet: bool) -> None:
    """Upload TensorBoard events; when an error is already on its way out (``quiet``), never mask it."""
    try:
        storage.upload_dir(local, uri, last=())
    except StorageError:
        if not quiet:
            raise
