"""What the model's process may touch: no file writes outside its own temporary folder, no TCP (Linux Landlock).

The op scan (:mod:`sigcheck.model.safety`) refuses models that would touch files or the system; this is the second
line, for what the scan allowed (``--allow-op``, ``--allow-unsafe-ops``, an op that misbehaves).  Landlock needs no
privileges: the child restricts itself, before it imports TensorFlow (a Landlock domain applies to the thread that
asks and to the threads and processes it starts afterwards, so it must come while the process has one thread).

* file system: creating, writing, truncating, renaming into and removing files or folders is allowed only beneath
  the child's temporary folder (and writing to ``/dev/null``); reading is not restricted (the model, its variables
  and TensorFlow's own libraries are read from wherever they are);
* network (Landlock ABI 4, Linux 6.7+): TCP ``bind`` and ``connect`` are refused;
* with ABI 6 (Linux 6.12+), the process can no longer signal processes outside its domain (sigcheck's own).

Not covered: UDP and Unix sockets, reads (a model may read any file the user can), and older kernels (< 5.13) or
other systems, where :func:`restrict` does nothing and says so: the result's ``sandbox`` text names what applied.
"""

from __future__ import annotations

import ctypes
import os
import re
import struct
import sys

_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446  # the same on x86-64 and arm64
_PR_SET_NO_NEW_PRIVS = 38
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1

_WRITE_FILE, _READ_FILE = 1 << 1, 1 << 2
_REMOVE_DIR, _REMOVE_FILE = 1 << 4, 1 << 5
_MAKE = sum(1 << b for b in range(6, 13))  # char, dir, reg, sock, fifo, block, sym
_REFER, _TRUNCATE = 1 << 13, 1 << 14  # ABI 2, ABI 3
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1  # ABI 4
_SCOPE_SIGNAL = 1 << 1  # ABI 6


def abi() -> int:
    """The kernel's Landlock ABI version (0 when Landlock is not there)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        version = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), _CREATE_RULESET_VERSION)
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def restrict(writable: str) -> str:
    """Restrict this process (and what it starts) as the module docstring says, with ``writable`` the only folder
    it may write beneath.  Returns what applied, in words (for the summary); never raises."""
    version = abi()
    if version <= 0:
        return "no sandbox (Landlock is not available on this system)"
    libc = ctypes.CDLL(None, use_errno=True)
    fs = _WRITE_FILE | _REMOVE_DIR | _REMOVE_FILE | _MAKE
    fs |= _REFER if version >= 2 else 0
    fs |= _TRUNCATE if version >= 3 else 0
    net = (_NET_BIND_TCP | _NET_CONNECT_TCP) if version >= 4 else 0
    scoped = _SCOPE_SIGNAL if version >= 6 else 0
    attr = struct.pack("<QQQ", fs, net, scoped)[: 8 if version < 4 else 16 if version < 6 else 24]
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = libc.syscall(_SYS_CREATE_RULESET, buf, ctypes.c_size_t(len(attr)), 0)
    if ruleset < 0:
        return f"no sandbox (Landlock refused the ruleset: {os.strerror(ctypes.get_errno())})"
    try:
        rules = [(writable, fs), (os.devnull, _WRITE_FILE | (_TRUNCATE if version >= 3 else 0))]
        for path, rights in rules:
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = ctypes.create_string_buffer(struct.pack("<Qi", rights, fd), 12)
                if libc.syscall(_SYS_ADD_RULE, ruleset, _RULE_PATH_BENEATH, rule, 0) < 0:
                    return f"no sandbox (Landlock refused a rule: {os.strerror(ctypes.get_errno())})"
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 or libc.syscall(_SYS_RESTRICT_SELF, ruleset, 0) < 0:
            return f"no sandbox (Landlock could not be applied: {os.strerror(ctypes.get_errno())})"
    finally:
        os.close(ruleset)
    parts = ["no file writes outside its temporary folder"]
    if net:
        parts.append("no TCP")
    return "sandboxed (Landlock ABI %d: %s)" % (version, ", ".join(parts))


_DENIED = re.compile(r"(?:^|\s)(/[^\n;]*); Permission denied")
"""TensorFlow's file-system error (``errors::IOError``: the file name, ``; ``, then ``strerror(EACCES)``)."""


def refused_write(message: str, writable: str | None) -> str | None:
    """The file the sandbox stopped the model from writing, when TensorFlow's error ``message`` is the refusal of a
    write outside ``writable`` (the child's folder) that this process, unsandboxed, could make -- so TF Serving,
    which has no such sandbox, would have written it (None: no such refusal; a write this user may not make either
    is the model's own error, as TF Serving would answer it)."""
    m = _DENIED.search(message or "")
    if m is None:
        return None
    path = os.path.normpath(m.group(1))
    if writable and os.path.commonpath([path, os.path.normpath(writable)]) == os.path.normpath(writable):
        return None
    if os.path.lexists(path):
        return path if os.access(path, os.W_OK) else None
    folder = os.path.dirname(path) or "/"
    return path if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK) else None


def refusal_note(path: str) -> str:
    """What to say when :func:`refused_write` found one: the error is the sandbox's, not TF Serving's answer."""
    return (f"it refused the model's write to {path}: this error is sigcheck's sandbox, not TF Serving's answer "
            "(TF Serving runs the model without a sandbox: it would write the file and answer as the model does "
            "then)")
