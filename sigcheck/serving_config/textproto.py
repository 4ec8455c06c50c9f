"""Reading TF Serving's text-format config files: parse with protobuf's ``text_format`` and remember field lines.

TF Serving reads ``--model_config_file``, ``--batching_parameters_file`` and ``--monitoring_config_file`` with
``ParseProtoTextFile`` (tensorflow_serving/util/proto_util.h): C++ ``TextFormat::ParseFromString``, and on failure
``Invalid protobuf file: '<file>'``.  Python's ``text_format.Parse`` follows the same grammar (unknown fields and
repeated singular fields are errors in both); its ParseError carries the line and column, which become the finding's.

:class:`ConfigText` maps a field path such as ``("model_config_list", "config", 1, "base_path")`` to the 1-based
line it is written on, so findings about a value point at that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from google.protobuf import text_format

from .. import storage
from ..diagnostics import Diagnostic, Severity
from ..errors import InputError, StorageError

PROTO_PACKAGE = "sigcheck.tfs."
TFS_PACKAGE = "tensorflow.serving."

Path = tuple[Any, ...]

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<ext>\[[\w.]+(?:/[\w.]+)*\])
      | (?P<word>[-+]?[\w.]+)
      | (?P<punct>[{}<>\[\]:,;])
      | (?P<newline>\n)
      | (?P<space>[ \t\r\f\v]+)
      | (?P<other>.)""",
    re.X,
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, 1-based line) of each significant token."""
    out: list[tuple[str, str, int]] = []
    line = 1
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind == "newline":
            line += 1
        elif kind not in ("space", "comment"):
            out.append((kind, m.group(), line))
    return out


def field_lines(text: str) -> dict[Path, int]:
    """Field path → line, for every field written in ``text`` (repeated fields get their index in the path).

    Best effort over text that ``text_format`` accepted: a path not found here gets the line of its nearest
    recorded parent (see :meth:`ConfigText.line`)."""
    toks = _tokens(text)
    lines: dict[Path, int] = {}
    counts: dict[Path, int] = {}
    i = 0

    def index(parent: Path, name: str) -> int:
        key = parent + (name,)
        n = counts.get(key, 0)
        counts[key] = n + 1
        return n

    def value(parent: Path, name: str, line: int) -> None:
        """One value of field ``name`` under ``parent`` starting at token i (a message, list or scalar)."""
        nonlocal i
        kind, tok, _ = toks[i] if i < len(toks) else ("", "", 0)
        if tok in ("{", "<"):
            here = parent + (name, index(parent, name))
            lines.setdefault(here, line)
            lines.setdefault(parent + (name,), line)
            i += 1
            block(here, "}" if tok == "{" else ">")
        elif tok == "[":
            i += 1
            while i < len(toks) and toks[i][1] != "]":
                if toks[i][1] == ",":
                    i += 1
                    continue
                value(parent, name, toks[i][2])
            i += 1
        else:
            lines.setdefault(parent + (name,), line)
            lines.setdefault(parent + (name, index(parent, name)), line)
            i += 1
            while i < len(toks) and toks[i][0] == "string" and kind == "string":  # "a" "b" concatenation
                i += 1

    def block(path: Path, close: str | None) -> None:
        nonlocal i
        while i < len(toks):
            kind, tok, line = toks[i]
            if close is not None and tok == close:
                i += 1
                return
            if tok in (",", ";"):
                i += 1
                continue
            if kind not in ("word", "ext"):
                i += 1
                continue
            name = tok
            i += 1
            if i < len(toks) and toks[i][1] == ":":
                i += 1
            if i < len(toks):
                value(path, name, line)

    block((), None)
    return lines


@dataclass(frozen=True)
class ConfigText:
    """A config file as read: its location, text, and where each field is written."""

    location: str
    text: str
    lines: Mapping[Path, int] = field(default_factory=dict)

    def line(self, *path: Any) -> int | None:
        """The line of ``path``, or of its nearest recorded parent; None when nothing of it is recorded."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return None


def find_line(cfg: ConfigText, pattern: str, after: int | None) -> int | None:
    """The first line at or after ``after`` whose text matches the regex ``pattern`` (a map entry's key)."""
    rx = re.compile(pattern)
    for n, text in enumerate(cfg.text.splitlines()[max((after or 1) - 1, 0):], start=max(after or 1, 1)):
        if rx.search(text.split("#", 1)[0]):
            return n
    return after


def tfs_name(text: str) -> str:
    """A message as TF Serving names it (``sigcheck.tfs.ModelConfig`` → ``tensorflow.serving.ModelConfig``)."""
    return text.replace(PROTO_PACKAGE, TFS_PACKAGE)


def read_config(location: str, flag: str) -> ConfigText:
    """The text of a config file (local or gs://); InputError when it cannot be read (sigcheck cannot run)."""
    try:
        data = storage.read_bytes(location)
    except StorageError as exc:
        raise InputError(f"{flag} {exc}", hint=exc.hint or "pass the path of the file TF Serving is started with")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{flag} {location}: not a text file (byte {exc.start} is not UTF-8)",
                         hint="TF Serving's config files are text-format protos (e.g. model_config_list { ... })")
    return ConfigText(location, text, field_lines(text))


def parse_config(cfg: ConfigText, message: Any, *, what: str) -> tuple[Any | None, list[Diagnostic]]:
    """``(message, [])`` when ``cfg`` parses as ``message``'s type, else ``(None, [config.parse finding])``."""
    try:
        text_format.Parse(cfg.text, message)
    except text_format.ParseError as exc:
        line = exc.GetLine() if exc.GetLine() and exc.GetLine() > 0 else None
        detail = tfs_name(str(exc))
        if line is not None:  # "4:3 : Message type ..." -> "Message type ..." (the line goes in its own field)
            detail = re.sub(r"^\d+:\d+ : ", "", detail)
        col = f", column {exc.GetColumn()}" if line is not None and exc.GetColumn() else ""
        return None, [Diagnostic(
            code="config.parse", severity=Severity.ERROR,
            message=f"{what} is not a valid {tfs_name(message.DESCRIPTOR.full_name)} text proto"
                    f"{f' (line {line}{col})' if line else ''}: {detail}",
            hint="fix the text at that line (field names are TF Serving's: see tensorflow_serving/config/*.proto)",
            upstream=f"Invalid protobuf file: '{cfg.location}'", subject=cfg.location, line=line)]
    return message, []
