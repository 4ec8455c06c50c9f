"""The dead letter: one JSON line per bad record, written so that nothing half-written is ever visible.

Lines go to a temporary file as the records are checked (memory stays flat); :meth:`DeadLetter.commit` renames it
into place (local: same folder, ``os.replace``) or uploads it in one request (``gs://``: storage.write_bytes, so
the object appears complete or not at all).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Sequence

import orjson

from .. import storage
from ..diagnostics import Diagnostic
from ..errors import StorageError
from .records import renumber


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
        folder = None if self.remote else os.path.dirname(os.path.abspath(location))
        if folder is not None and not os.path.isdir(folder):
            raise StorageError(f"{location}: no such folder {folder}", hint="create the folder first")
        fd, self.temp = tempfile.mkstemp(prefix=".sigcheck-dead-letter-", suffix=".jsonl.tmp", dir=folder)
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
                os.replace(self.temp, self.location)
        finally:
            if os.path.exists(self.temp):
                os.unlink(self.temp)

    def discard(self) -> None:
        self.fh.close()
        if os.path.exists(self.temp):
            os.unlink(self.temp)
