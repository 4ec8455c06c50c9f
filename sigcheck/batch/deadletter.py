"""The dead letter: one JSON line per bad record, written so that nothing half-written is ever visible.

Lines go to a temporary file as the records are checked (memory stays flat); :meth:`DeadLetter.commit` renames it
into place (local: same folder, ``os.replace``) or uploads it in one request (``gs://``: storage.write_bytes, so
the object appears complete or not at all).  An exception, Ctrl-C or SIGTERM (``sigcheck batch`` turns it into
KeyboardInterrupt) removes the temporary file; a SIGKILL cannot be caught and leaves it
(``.sigcheck-dead-letter-<host>-<pid>-….jsonl.tmp`` beside the dead letter): the next run writing a dead letter into
that folder removes those of processes of this host that no longer run.  :func:`check_not_input` refuses a dead
letter that is one of the inputs (it would replace it); :func:`check_destination` a ``gs://`` one in a missing
bucket or a folder, before anything is read.
"""

from __future__ import annotations

import os
import socket
import tempfile
from typing import Any, Sequence

import orjson

from .. import storage
from ..diagnostics import Diagnostic
from ..errors import InputError, StorageError
from .records import renumber

TEMP_PREFIX = ".sigcheck-dead-letter-"
TEMP_SUFFIX = ".jsonl.tmp"


def check_not_input(location: str, inputs: Sequence[str]) -> None:
    """InputError when the dead letter ``location`` is one of the input files ``inputs`` (as expanded): writing it
    would replace that input.  Local: the same file whatever the spelling (a symlink, ``./``, a hard link);
    ``gs://``: the same object."""
    if storage.is_remote(location):
        same = next((i for i in inputs if storage.is_remote(i) and i == location), None)
    elif os.path.exists(location):
        same = next((i for i in inputs if not storage.is_remote(i) and _same_file(i, location)), None)
    else:
        same = None
    if same is not None:
        raise InputError(f"--dead-letter {location} is the input {same}: writing the bad records there would "
                         "replace the input", hint="write the dead letter to another file (the input is never "
                         "overwritten)")


def check_destination(location: str) -> None:
    """For a ``gs://`` dead letter, refuse now, before the model or any record is read, what the upload at the end
    would refuse: a bucket that does not exist (storage's own error, one bucket lookup, as ``inspect`` makes) and a
    folder (the bucket itself, a URI ending in ``/``, or a prefix with objects under it), with the words
    ``check_output`` gives a local folder.  A local dead letter is ``check_output``'s (CLI) and
    :class:`DeadLetter`'s."""
    if not storage.is_remote(location):
        return
    if location.endswith("/") or storage.is_dir(location):  # (a missing bucket: StorageError naming it)
        import errno

        from ..storage.local import os_error

        raise os_error(location, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), "write")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def remove_stale_temporaries(folder: str) -> list[str]:
    """Remove dead-letter temporary files in ``folder`` left by killed runs of this host (their process is gone);
    returns the names removed."""
    from ..storage.local import stale_temporaries

    removed = []
    for name in stale_temporaries(folder, TEMP_PREFIX, TEMP_SUFFIX):
        try:
            os.unlink(os.path.join(folder, name))
            removed.append(name)
        except OSError:
            pass
    return removed


def entry(location: str, number: int, key: Any, findings: Sequence[Diagnostic], record: Any,
          word: str = "line") -> bytes:
    """One dead-letter line (with its newline)."""
    items = []
    for f in findings:
        f = renumber(f, number, word)
        items.append({"code": f.code, "category": f.category, "severity": f.severity.value, "message": f.message,
                      "hint": f.hint})
    data = {"location": f"{location}:{number}", "key": key, "findings": items, "record": record}
    try:
        return orjson.dumps(data) + b"\n"
    except TypeError:  # a key beyond 64 bits
        import json

        return json.dumps(data, ensure_ascii=False).encode() + b"\n"


class DeadLetter:
    def __init__(self, location: str) -> None:
        self.location = location
        self.remote = storage.is_remote(location)
        check_destination(location)
        folder = None if self.remote else os.path.dirname(os.path.abspath(location))
        if folder is not None and not os.path.isdir(folder):
            raise StorageError(f"{location}: no such folder {folder}", hint="create the folder first")
        self.removed_stale = remove_stale_temporaries(folder or tempfile.gettempdir())
        prefix = f"{TEMP_PREFIX}{socket.gethostname()}-{os.getpid()}-"
        try:
            fd, self.temp = tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=folder)
        except OSError as exc:
            from ..storage.local import os_error

            raise os_error(location, exc, "write") from None
        self.fh = os.fdopen(fd, "wb")
        self.count = 0

    def write(self, line: bytes) -> None:
        self.fh.write(line)
        self.count += 1

    def commit(self) -> None:
        self.fh.close()
        try:
            if self.remote:
                with open(self.temp, "rb") as fh:
                    storage.write_bytes(self.location, fh.read())
            else:
                from ..storage.local import umask_mode

                umask_mode(self.temp)
                try:
                    os.replace(self.temp, self.location)
                except OSError as exc:
                    from ..storage.local import os_error

                    raise os_error(self.location, exc, "write") from None
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)

    def discard(self) -> None:
        self.fh.close()
        if os.path.exists(self.temp):
            os.unlink(self.temp)
