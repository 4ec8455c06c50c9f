"""``run_gate``: every registered rule over one model, the policy applied, a verdict per rule.

The rules live in :mod:`.rules` (signatures), :mod:`.graph_rules`, :mod:`.ops`, :mod:`.files` and
:mod:`.requests` (requests, predictions, baseline diff); importing this module registers them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity, sort_key
from ..errors import InputError
from ..model.contract import checked_location
from ..model.types import ModelInfo
# Importing the rule modules registers their rules; this order is the order of ``checks``.
from . import graph_rules as _graph_rules  # noqa: F401  # isort: skip
from . import ops as _ops  # isort: skip
from . import files as _files  # noqa: F401  # isort: skip
from . import versions as _versions  # isort: skip
from . import requests as _requests  # isort: skip
from ..batch import gate_rule as _batch_rule  # noqa: F401  # isort: skip  (gate --batch: batch.records)
from .policy import Policy, parse_target
from .rules import RULES, GateContext, SkipRule

SCHEMA_VERSION = 1
PASS, FAIL, SKIP = "pass", "fail", "skip"


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict: ``ok``, the findings left after ``ignore``, and each rule's status."""

    model: str
    target: str
    findings: tuple[Diagnostic, ...]
    checks: Mapping[str, str]
    """rule id → ``pass`` | ``fail`` | ``skip``, in registration order."""
    skipped: Mapping[str, str] = field(default_factory=dict)
    """rule id → why it was skipped."""
    fail_on: Severity = Severity.ERROR
    ignored: int = 0
    """How many findings ``ignore`` removed."""
    rule_findings: Mapping[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """rule id → the findings it produced (after ``ignore``): what JUnit and SARIF group by."""
    summaries: Mapping[str, str] = field(default_factory=dict)
    """rule id → one line saying what the rule checks."""

    @property
    def ok(self) -> bool:
        return not any(d.severity.rank >= self.fail_on.rank for d in self.findings)

    @property
    def subject(self) -> str:
        return self.model

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for d in self.findings:
            out[d.severity.value] += 1
        return out

    def check_counts(self) -> dict[str, int]:
        out = {PASS: 0, FAIL: 0, SKIP: 0}
        for status in self.checks.values():
            out[status] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.ok,
            "model": self.model,
            "target": self.target,
            "fail_on": self.fail_on.value,
            "findings": [d.to_json() for d in self.findings],
            "checks": dict(self.checks),
            "skipped": dict(self.skipped),
            "ignored": self.ignored,
        }


def _request_files(requests: Iterable[Any]) -> tuple[_requests.RequestFile, ...]:
    out: list[_requests.RequestFile] = []
    for item in requests:
        if isinstance(item, _requests.RequestFile):
            out.append(item)
        elif isinstance(item, tuple) and len(item) == 2:
            out.append(_requests.RequestFile(str(item[0]), bytes(item[1])))
        elif isinstance(item, str):
            from .. import storage
            from ..errors import StorageError

            try:
                out.append(_requests.RequestFile(item, storage.read_bytes(item)))
            except StorageError as exc:
                raise InputError(f"--request {exc}", hint=exc.hint) from None
        else:
            raise TypeError(f"a request must be a path, a (source, bytes) pair or a RequestFile, got {item!r}")
    return tuple(out)


def _model(value: ModelInfo | str, what: str) -> ModelInfo:
    if isinstance(value, ModelInfo):
        return value
    from ..model import read_model

    return read_model(str(value))


def _incomplete_version_gate(broken: _versions.IncompleteVersion, *, target: str, policy: Policy,
                             selected: Sequence[str]) -> GateResult:
    """The gate of a base path whose highest version folder TF Serving would fail to load: that one finding
    (``files.version``); every other rule is skipped, as there is no model to check."""
    reason = broken.skip_reason
    checks: dict[str, str] = {}
    skipped: dict[str, str] = {}
    findings: list[Diagnostic] = []
    by_rule: dict[str, tuple[Diagnostic, ...]] = {}
    ignored = 0
    for rid in selected:
        if rid != broken.rule:
            checks[rid], skipped[rid] = SKIP, reason
            continue
        kept = [d for d in (broken.finding,) if not policy.ignores(d, rid)]
        ignored += 1 - len(kept)
        findings.extend(kept)
        by_rule[rid] = tuple(kept)
        checks[rid] = FAIL if any(policy.fails(d) for d in kept) else PASS
    return GateResult(model=broken.location, target=target, findings=tuple(findings), checks=checks,
                      skipped=skipped, fail_on=policy.fail_on, ignored=ignored, rule_findings=by_rule,
                      summaries={rid: RULES[rid].summary for rid in selected})


IN_ORDER = frozenset({"request.validate", "predict.run"})
"""Rules whose findings keep the order they are produced in (per request, validate's order: TF Serving's first
error, then what it would report next); the others are sorted by path.  The report lists rules in registry order."""


def run_gate(
    info: ModelInfo | str | _versions.IncompleteVersion,
    *,
    requests: Iterable[Any] = (),
    baseline: ModelInfo | str | None = None,
    target: str = "tf-serving",
    predictor: _requests.Predictor | None = None,
    fail_on: Severity | str = Severity.ERROR,
    ignore: Sequence[str] = (),
    runtime: str | None = None,
    allow_ops: Sequence[str] = (),
    size_limit: int | None = None,
    rules: Sequence[str] | None = None,
    batch: Sequence[str] = (),
    shape_check: str | None = None,
    signature: str | None = None,
) -> GateResult:
    """Run every gate rule (or only ``rules``) over ``info`` and apply the policy.

    ``requests`` are paths, ``(source, bytes)`` pairs or :class:`~.requests.RequestFile` values; ``predictor``
    runs each valid request through the model (the CLI's ``--predict``); ``baseline`` is the model this one
    replaces; ``batch`` are batch-prediction inputs checked record by record (``sigcheck batch``);
    ``shape_check`` is validate's ``--shape-check`` for the requests (None: validate's own default, ``rank``:
    another rank is an error, a same-rank size difference a warning, as TF Serving never compares declared shapes);
    ``signature`` is validate's ``--signature`` for the requests (a JSON Lines file is the batch sent with
    ``"signature_name"``; a body without one goes to serving_default, an error says so) and the signature the
    ``batch`` records are checked against (``sigcheck batch --signature``; None: serving_default).  Raises :class:`~sigcheck.errors.InputError` for a bad target,
    runtime, shape check or request path.
    """
    if not isinstance(info, (ModelInfo, _versions.IncompleteVersion)):
        info = _versions.read_gate_model(str(info))  # (a half-copied highest version is a finding: files.version)
    target = parse_target(target)
    if shape_check is not None:
        from ..validate import SHAPE_CHECKS

        if shape_check not in SHAPE_CHECKS:
            raise InputError(f"unknown shape check {shape_check!r}", hint=f"use one of: {', '.join(SHAPE_CHECKS)}")
    severity = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
    policy = Policy(fail_on=severity, ignore=tuple(ignore))
    selected = list(RULES) if rules is None else [r for r in RULES if r in set(rules)]
    unknown = sorted(set(rules or ()) - set(RULES))
    if unknown:
        raise InputError(f"unknown gate rule(s): {', '.join(unknown)}", hint="rules: " + ", ".join(RULES))
    if isinstance(info, _versions.IncompleteVersion):
        return _incomplete_version_gate(info, target=target, policy=policy, selected=selected)
    model = info
    options: dict[str, object] = {
        "requests": _request_files(requests),
        "baseline": _model(baseline, "baseline") if baseline is not None else None,
        "predictor": predictor,
        "runtime": _ops.parse_runtime(runtime) if runtime else None,
        "allow_ops": tuple(allow_ops),
        "size_limit": size_limit,
        "batch": tuple(batch),
        "shape_check": shape_check,
        "signature": signature,
    }
    ctx = GateContext(info=model, target=target, options=options)
    findings: list[Diagnostic] = []
    by_rule: dict[str, tuple[Diagnostic, ...]] = {}
    checks: dict[str, str] = {}
    skipped: dict[str, str] = {}
    ignored = 0
    for rid in selected:
        meta = RULES[rid]
        reason = None
        if meta.needs_graph and not model.has_graph:
            reason = "a signature contract has no graph"
        elif meta.needs_files and not model.files:
            reason = "a signature contract has no files"
        produced: list[Diagnostic] = []
        if reason is None:
            try:
                produced = list(meta.func(ctx))
            except SkipRule as exc:
                reason = str(exc)
        if reason is not None:
            checks[rid], skipped[rid] = SKIP, reason
            continue
        kept = [d for d in produced if not policy.ignores(d, rid)]
        ignored += len(produced) - len(kept)
        if rid not in IN_ORDER:
            kept.sort(key=sort_key)
        findings.extend(kept)
        by_rule[rid] = tuple(kept)
        checks[rid] = FAIL if any(policy.fails(d) for d in kept) else PASS
    return GateResult(
        model=checked_location(model),
        target=target,
        findings=tuple(findings),
        checks=checks,
        skipped=skipped,
        fail_on=severity,
        ignored=ignored,
        rule_findings=by_rule,
        summaries={rid: RULES[rid].summary for rid in selected},
    )
