"""The one finding shape every command emits: :class:`Diagnostic`, its :class:`Severity`, and :class:`Report`.

``validate``, ``gate``, ``explain`` and ``diff`` all produce Diagnostics; the JSON, JUnit, SARIF and text
renderers are pure functions of them.  Severities:

* ``ERROR``   TF Serving / Vertex would reject it, or the gate fails;
* ``WARNING`` accepted by the server, but probably wrong (e.g. declared shapes are never checked by TF Serving);
* ``INFO``    context.
"""

from __future__ import annotations

import enum
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Mapping

_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """``text`` that encodes to valid UTF-8: bytes that were not UTF-8 where sigcheck read them (a request key,
    decoded as lone surrogates) become U+FFFD.  Every Diagnostic and every document the CLI writes passes through
    it, so JSON, SARIF, JUnit and text output are valid UTF-8 whatever the input held."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


class Severity(str, enum.Enum):
    """How bad a finding is; serialised as its lower-case value."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: compare with ``>=``."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls(text.lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r}: expected one of error, warning, info") from None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding.  Keep it small: the renderers depend only on these fields."""

    code: str
    """Stable, documented id: ``request.dtype``, ``gate.no_serving_default``, ``diff.input_removed``."""
    severity: Severity
    message: str
    """One sentence in sigcheck's words: what is wrong."""
    category: str | None = None
    """The category id from CATEGORIES.md this is an instance of (``extra_batch_dimension`` …)."""
    path: str = "$"
    """JSON path into the subject: ``$.instances[2].age``, ``$.signatures.serving_default``."""
    expected: str | None = None
    received: str | None = None
    hint: str | None = None
    """How to fix it, imperative."""
    upstream: str | None = None
    """Verbatim text TF Serving / Vertex would return, when we mirror a server error."""
    subject: str | None = None
    """File or model it concerns (SARIF artifact, JUnit classname)."""
    line: int | None = None
    """1-based line in ``subject`` when the finding is about a text file (a TF Serving config): SARIF region."""

    def __post_init__(self) -> None:
        for name in ("message", "path", "expected", "received", "hint", "upstream", "subject"):
            value = getattr(self, name)
            if isinstance(value, str) and not value.isascii():
                object.__setattr__(self, name, valid_text(value))

    def to_json(self) -> dict[str, Any]:
        """snake_case fields, ``None`` for absent ones, severity as a lower-case string."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Diagnostic":
        values = {k: data.get(k) for k in cls.__dataclass_fields__}  # type: ignore[attr-defined]
        values["severity"] = Severity.parse(str(data["severity"]))
        if values.get("path") is None:
            values["path"] = "$"
        return cls(**values)


def quoted(name: object) -> str:
    """A name as messages spell it: in double quotes (``input "age"``)."""
    return f'"{name}"'


def sort_key(d: Diagnostic) -> tuple[str, str]:
    return (d.path, d.code)


def errors(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def worst(diagnostics: Iterable[Diagnostic]) -> Severity | None:
    """The highest severity present, or None when there is nothing."""
    best: Severity | None = None
    for d in diagnostics:
        if best is None or d.severity.rank > best.rank:
            best = d.severity
    return best


@dataclass(frozen=True)
class Report:
    """A subject, its diagnostics in a fixed order (by path, then code) and small stats."""

    subject: str
    diagnostics: tuple[Diagnostic, ...] = ()
    stats: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, subject: str, diagnostics: Iterable[Diagnostic], **stats: Any) -> "Report":
        return cls(subject=subject, diagnostics=tuple(sorted(diagnostics, key=sort_key)), stats=dict(stats))

    def failed(self, fail_on: Severity = Severity.ERROR) -> bool:
        """True when any diagnostic is at or above ``fail_on``."""
        return any(d.severity.rank >= fail_on.rank for d in self.diagnostics)

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for d in self.diagnostics:
            out[d.severity.value] += 1
        return out
