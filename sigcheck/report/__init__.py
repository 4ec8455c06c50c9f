"""Report formats: one module per ``--format`` value, each a pure function of the findings.

    render(result, "sarif") -> str

``result`` is anything with ``findings`` (a :class:`~sigcheck.gate.GateResult`, a
:class:`~sigcheck.diff.DiffResult`, a validate result, or a plain :class:`~sigcheck.diagnostics.Report`).
Each format module has ``NAME``, ``ALWAYS_EMIT`` (JSON, JUnit and SARIF are written even when there is nothing
to report, as pip-audit's manifests are; text is not) and ``render(view) -> str``.  Only :mod:`.text` imports
rich, and only when it renders.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Mapping

from ..diagnostics import Diagnostic, Report, Severity
from ..errors import InputError

FORMATS: dict[str, str] = {
    "text": ".text",
    "json": ".json",
    "junit": ".junit",
    "sarif": ".sarif",
}
"""``--format`` value → module.  Every value must render an empty and a non-empty report (tests walk this)."""

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ReportView:
    """What every renderer reads, whatever produced the findings."""

    kind: str
    """``gate``, ``diff``, ``validate`` or ``report``: the command the findings come from."""
    subject: str
    findings: tuple[Diagnostic, ...]
    ok: bool
    data: Mapping[str, Any]
    """The producer's own JSON (``to_json()``), with ``schema_version``."""
    checks: Mapping[str, str] = field(default_factory=dict)
    skipped: Mapping[str, str] = field(default_factory=dict)
    rule_findings: Mapping[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    summaries: Mapping[str, str] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    verdict: str | None = None
    """The diff verdict (``compatible`` | ``additive`` | ``breaking``), None otherwise."""

    def failing(self, d: Diagnostic) -> bool:
        return d.severity.rank >= self.fail_on.rank

    def rule_of(self) -> dict[int, str]:
        """id(finding) → rule id (gate only)."""
        return {id(d): rid for rid, ds in self.rule_findings.items() for d in ds}


def view(result: Any) -> ReportView:
    """Adapt a gate/diff/validate result or a :class:`Report` to a :class:`ReportView`."""
    if isinstance(result, ReportView):
        return result
    if isinstance(result, Report):
        findings = tuple(result.diagnostics)
        data = {"schema_version": SCHEMA_VERSION, "ok": not result.failed(), "model": result.subject,
                "findings": [d.to_json() for d in findings], "stats": dict(result.stats)}
        return ReportView("report", result.subject, findings, not result.failed(), data)
    findings = tuple(getattr(result, "findings"))  # in the result's own order (validate's: TF Serving's first)
    subject = next((str(v) for v in (getattr(result, a, None) for a in ("subject", "model", "source")) if v), "")
    raw = result.to_json() if hasattr(result, "to_json") else {"findings": [d.to_json() for d in findings]}
    data = {"schema_version": SCHEMA_VERSION, **raw} if "schema_version" not in raw else dict(raw)
    checks = dict(getattr(result, "checks", {}) or {})
    verdict = getattr(result, "verdict", None)
    kind = "diff" if verdict is not None else ("gate" if checks else "validate")
    ok = bool(getattr(result, "ok", not any(d.severity is Severity.ERROR for d in findings)))
    return ReportView(
        kind=kind,
        subject=subject,
        findings=findings,
        ok=ok,
        data=data,
        checks=checks,
        skipped=dict(getattr(result, "skipped", {}) or {}),
        rule_findings=dict(getattr(result, "rule_findings", {}) or {}),
        summaries=dict(getattr(result, "summaries", {}) or {}),
        fail_on=getattr(result, "fail_on", Severity.ERROR),
        verdict=verdict,
    )


def get_format(name: str) -> ModuleType:
    """The format module for ``--format name``; InputError naming the choices otherwise."""
    key = (name or "").strip().lower()
    if key not in FORMATS:
        raise InputError(f"unknown format {name!r}: expected one of {', '.join(FORMATS)}")
    return importlib.import_module(FORMATS[key], __name__)


def render(result: Any, fmt: str = "text") -> str:
    """The report of ``result`` in format ``fmt`` (text output is plain, without colour)."""
    return get_format(fmt).render(view(result))


def always_emitted(fmt: str) -> bool:
    """Whether format ``fmt`` is written even when there are no findings."""
    return bool(get_format(fmt).ALWAYS_EMIT)
