"""One explanation of a pasted error: :class:`Diagnosis`, and its form as the common :class:`Diagnostic`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic, Severity


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


@dataclass
class Diagnosis:
    """A category the text is an instance of, with the cause and fix made as concrete as the evidence allows."""

    category: str
    title: str
    cause: str
    """One line: what happened and why."""
    steps: list[str]
    """The fix, as ordered steps (the human view numbers them)."""
    verify: str | None
    """The command that confirms the fix."""
    confidence: float
    evidence: dict[str, Any] = field(default_factory=dict)
    distinguish: str | None = None
    """What tells this reading apart from the other diagnoses of the same text."""
    confirmed: list[str] = field(default_factory=list)
    """What the model (--model) or the request (--request) confirmed, in sigcheck's words."""
    upstream: str | None = None
    """The text that was explained, verbatim."""

    @property
    def fix(self) -> str:
        """The steps as one string (what ``--json`` and the Diagnostic carry), ending with the verify command."""
        text = " ".join(sentence(s) for s in self.steps)
        if self.verify:
            text += f" Verify: {self.verify}"
        return text

    def to_json(self) -> dict[str, Any]:
        """The ``explain --json`` item: category, title, cause, fix, confidence, evidence."""
        cause = sentence(self.cause)
        if self.confirmed:
            cause += " " + " ".join(sentence(c) for c in self.confirmed)
        if self.distinguish:
            cause += f" To tell apart: {self.distinguish}"
        return {
            "category": self.category,
            "title": self.title,
            "cause": cause,
            "fix": self.fix,
            "confidence": round(self.confidence, 2),
            "evidence": self.evidence,
        }

    def to_diagnostic(self, subject: str | None = None) -> Diagnostic:
        """As the common finding: code ``explain.<category>``, message = cause, hint = fix, upstream = the text."""
        item = self.to_json()
        return Diagnostic(
            code=f"explain.{self.category}",
            severity=Severity.ERROR,
            message=item["cause"],
            category=self.category,
            hint=item["fix"],
            upstream=self.upstream,
            subject=subject,
        )


def to_diagnostics(diagnoses: list[Diagnosis], subject: str | None = None) -> list[Diagnostic]:
    """Every diagnosis as a :class:`Diagnostic`, best first (for the gate and predict)."""
    return [d.to_diagnostic(subject) for d in diagnoses]
