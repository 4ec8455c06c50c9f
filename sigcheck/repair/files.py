"""The files of a model folder that ``sigcheck repair`` copies into the new version, and the copy itself (TF-free).

A model folder may come from anyone (a tarball, a bucket): a symbolic link in it must never make sigcheck read or
publish a file from outside it (``assets/pw -> /etc/passwd`` copied into the new version and uploaded to gs://), nor
read a device or a FIFO (``assets/z -> /dev/zero`` written until the disk is full).  So, before anything is
planned or written:

* a regular file or a folder is copied (each file opened through :func:`sigcheck.storage.local.open_regular`, the
  one check every file sigcheck reads goes through, and only when it is still the file that was listed);
* a symbolic link whose target is inside the version folder is copied *as a link* (relative, so the new version's
  link points into the new version);
* a link leading outside the version folder, a link to nothing, and a FIFO, device or socket are refused: one line
  naming it, exit 2, nothing written.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass

from ..errors import ModelError

HINT_LINK = ("replace the link by a copy of the file when it belongs to the model, or remove it; sigcheck copies "
             "only what is inside the model folder")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing below a model folder: its path relative to the folder (``/``-separated on POSIX as written by
    ``os.path``), its kind (``dir``, ``file`` or ``link``) and, for a link, the link text to write in the copy."""

    rel: str
    kind: str
    link: str | None = None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _refuse_special(path: str) -> None:
    """A FIFO, device or socket: the storage layer's own refusal (``is a named pipe (FIFO), not a regular file``)."""
    from ..storage.local import open_regular

    open_regular(path).close()  # (raises for anything but a regular file; opened without blocking)
    raise ModelError(f"{path}: is not a regular file; sigcheck copies regular files only")  # pragma: no cover


def _link(path: str, rel: str, root: str) -> Entry:
    text = os.readlink(path)
    target = os.path.realpath(path)
    if not _inside(target, root):
        raise ModelError(f"{path}: is a symbolic link to {text}, outside the model folder; sigcheck never copies a "
                         "file from outside the model into a new version", hint=HINT_LINK)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        raise ModelError(f"{path}: is a symbolic link to {text}, which does not exist", hint=HINT_LINK) from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        _refuse_special(target)
    return Entry(rel, "link", os.path.relpath(target, os.path.realpath(os.path.dirname(path))))


def model_entries(folder: str) -> list[Entry]:
    """Every file, folder and link below ``folder`` (a link to a folder is not followed); raises ModelError for a
    link leading outside ``folder`` (the folder itself may be reached through links), a link to nothing, or a
    FIFO, device or socket."""
    root = os.path.realpath(folder)
    out: list[Entry] = []
    for here, dirs, files in os.walk(folder):  # (followlinks=False: a link to a folder is listed, not entered)
        dirs.sort()
        base = os.path.relpath(here, folder)
        for name in sorted(dirs) + sorted(files):
            path = os.path.join(here, name)
            rel = name if base == "." else os.path.join(base, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                out.append(_link(path, rel, root))
            elif stat.S_ISDIR(mode):
                out.append(Entry(rel, "dir"))
            elif stat.S_ISREG(mode):
                out.append(Entry(rel, "file"))
            else:
                _refuse_special(path)
    return out


def check_model_files(folder: str) -> None:
    """Raise ModelError when ``folder`` holds anything :func:`copy_files` would refuse (before anything runs)."""
    model_entries(folder)


def copy_files(src: str, dst: str, *, skip: tuple[str, ...] = (), drop: tuple[str, ...] = ()) -> None:
    """Copy the model folder ``src`` into ``dst`` (see the module docstring), except the top-level names in
    ``skip`` and the relative paths in ``drop``."""
    from ..storage.local import open_regular

    entries = model_entries(src)  # (everything checked before the first byte is written)
    os.makedirs(dst, exist_ok=True)
    for e in entries:
        if ("/" not in e.rel and e.rel in skip) or e.rel in drop:
            continue
        source, target = os.path.join(src, e.rel), os.path.join(dst, e.rel)
        if e.kind == "dir":
            os.makedirs(target, exist_ok=True)
        elif e.kind == "link":
            os.symlink(e.link or "", target)
        else:
            listed = os.lstat(source)
            with open_regular(source) as fh:
                now = os.fstat(fh.fileno())
                if (now.st_dev, now.st_ino) != (listed.st_dev, listed.st_ino):
                    raise ModelError(f"{source}: changed while it was copied (replaced by another file or a link)",
                                     hint="run the repair again once nothing writes into the model folder")
                with open(target, "xb") as out:
                    shutil.copyfileobj(fh, out, 1 << 20)
            shutil.copystat(source, target)
