"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` holds one reporting descriptor per finding code; each finding is a ``result`` with
its level (error → ``error``, warning → ``warning``, info → ``note``), the model or request file as the artifact,
the JSON path as a logical location, and every other Diagnostic field in the result's property bag.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostic

NAME = "sarif"
ALWAYS_EMIT = True

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(subject: str, base: str | None = None) -> str:
    """A URI reference for a model/request location: relative paths stay relative (as code scanning wants), and an
    absolute path inside ``base`` (default: the current folder, where CI runs from the checkout) is made relative
    to it; other absolute paths become ``file://`` URIs."""
    if "://" in subject:
        return subject
    if os.path.isabs(subject):
        root = os.path.abspath(base or os.getcwd())
        inside = os.path.normpath(subject)
        if inside == root or not inside.startswith(root.rstrip(os.sep) + os.sep):
            return "file://" + quote(subject.replace(os.sep, "/"))
        subject = os.path.relpath(inside, root)
    return quote(subject.replace(os.sep, "/"))


def _fingerprint(d: Diagnostic) -> str:
    """Distinct for distinct findings: the line too when there is one (two records of one file with one code and
    path are two results)."""
    line = "" if d.line is None else f"|{d.line}"
    return hashlib.sha256(f"{d.code}|{d.path}|{d.subject or ''}{line}".encode()).hexdigest()[:32]


def _message(d: Diagnostic) -> str:
    text = d.message
    if d.hint:
        text += f"\nFix: {d.hint}"
    if d.upstream:
        text += f"\nServer message: {d.upstream}"
    return text


def _properties(d: Diagnostic, rule: str | None) -> dict[str, Any]:
    props = {k: v for k, v in d.to_json().items()
             if k in ("category", "path", "expected", "received", "hint", "upstream") and v is not None}
    props["severity"] = d.severity.value
    if rule:
        props["rule"] = rule
    if d.category:
        props["tags"] = [d.category]
    return props


def render(view) -> str:  # type: ignore[no-untyped-def]
    from .. import __version__

    rule_of = view.rule_of()
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    for d in view.findings:
        rule = rule_of.get(id(d))
        if d.code not in index:
            index[d.code] = len(rules)
            descriptor: dict[str, Any] = {
                "id": d.code,
                "shortDescription": {"text": view.summaries.get(rule or "", d.code)},
                "defaultConfiguration": {"level": LEVELS[d.severity.value]},
            }
            if d.hint:
                descriptor["help"] = {"text": d.hint}
            props = {k: v for k, v in (("category", d.category), ("rule", rule)) if v}
            if props:
                descriptor["properties"] = props
            rules.append(descriptor)
        subject = d.subject or view.subject
        location: dict[str, Any] = {
            "logicalLocations": [{"fullyQualifiedName": d.path, "kind": "element"}],
        }
        if subject:
            location["physicalLocation"] = {"artifactLocation": {"uri": artifact_uri(subject)}}
            if d.line is not None:
                location["physicalLocation"]["region"] = {"startLine": d.line}
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity.value],
            "message": {"text": _message(d)},
            "locations": [location],
            "partialFingerprints": {"sigcheckFinding/v1": _fingerprint(d)},
            "properties": _properties(d, rule),
        })
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "sigcheck", "version": __version__, "semanticVersion": __version__,
                            "rules": rules}},
        "invocations": [{"executionSuccessful": True}],
        "results": results,
        "properties": {"kind": view.kind, "ok": view.ok, "subject": view.subject},
    }
    if view.subject:
        run["artifacts"] = [{"location": {"uri": artifact_uri(view.subject)}, "roles": ["analysisTarget"]}]
    if view.checks:
        run["properties"]["checks"] = dict(view.checks)
    if view.verdict:
        run["properties"]["verdict"] = view.verdict
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
