"""One explanation of a pasted error: :class:`Diagnosis`, and its form as the common :class:`Diagnostic`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from .patterns import lazy
from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from .catalogue import Category
    from .index import Entry

COMMANDS = frozenset({
    "sigcheck", "gcloud", "gsutil", "docker", "curl", "pip", "python", "python3", "saved_model_cli",
    "tensorflow_model_server", "wc", "head", "tail", "kubectl", "bazel", "time", "grpcurl",
})
"""Words that start a command: a sentence beginning with one keeps it as typed."""
_WORD = lazy(r"[a-z]+")


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop; a command, a name or code at the start is left as written."""
    text = text.strip()
    if not text:
        return text
    first = text.split(None, 1)[0].rstrip(":,;")
    if _WORD.fullmatch(first) and first not in COMMANDS:
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
    variant: str | None = None
    """The catalogue variant the wording comes from (None: the category's own)."""
    message_source: str | None = None
    """Where the message explained comes from (the message index's entry: a TF library, a TF Serving source file)."""
    message_meaning: str | None = None
    """What that message means, in the index's words."""
    message_entry: "Entry | None" = None
    """The index entry whose source and meaning these are (the entry that supplied or confirmed the reading)."""
    entry_fix: str | None = None
    """The first fix step the index entry gives for this very message (index.Entry.fix), when it has one."""
    refined: bool = False
    """The model (--model) or the request (--request) rewrote the cause or the first step: the text's own reading
    (:mod:`.causes`) does not displace them."""

    @property
    def fix(self) -> str:
        """The steps numbered and joined (what ``--json`` and the Diagnostic carry): ``1. … 2. …``."""
        return " ".join(f"{i}. {sentence(s)}" for i, s in enumerate(self.steps, 1))

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


def make_diagnosis(cat: "Category", evidence: Mapping[str, Any], confidence: float, *, variant: str | None = None,
                   upstream: str | None = None) -> Diagnosis:
    """A diagnosis of category ``cat``: its wording for ``evidence`` (the named variant, else the one whose
    conditions hold) rendered over the evidence and the facts derived from it."""
    from .facts import derive
    from .templates import render

    wording = cat.wording(evidence, variant)
    facts = derive(evidence)
    return Diagnosis(category=cat.id, title=wording.title, cause=render(wording.cause, facts),
                     steps=[step for step in (render(s, facts) for s in wording.fix) if step.strip()],
                     verify=wording.verify, confidence=confidence,
                     evidence=dict(evidence), upstream=upstream, variant=wording.variant)


def to_diagnostics(diagnoses: list[Diagnosis], subject: str | None = None) -> list[Diagnostic]:
    """Every diagnosis as a :class:`Diagnostic`, best first (for the gate and predict)."""
    return [d.to_diagnostic(subject) for d in diagnoses]
