"""SARIF results of one file, code and path on different lines are different results (u3 F21: ``gate --batch``
findings carry the record's line as the region, no longer in the artifact URI, so the line tells them apart)."""

from __future__ import annotations

import json

from sigcheck.diagnostics import Diagnostic, Report, Severity
from sigcheck.report import render


def test_findings_on_different_lines_have_different_fingerprints_and_regions() -> None:
    found = [Diagnostic("request.keys", Severity.ERROR, f"record {n}", subject="data/in.jsonl", line=n)
             for n in (3, 70000)]
    found.append(Diagnostic("request.keys", Severity.ERROR, "no line", subject="data/in.jsonl"))
    run = json.loads(render(Report(subject="data/in.jsonl", diagnostics=tuple(found)), "sarif"))["runs"][0]
    results = run["results"]
    assert len({r["partialFingerprints"]["sigcheckFinding/v1"] for r in results}) == 3
    locations = [r["locations"][0]["physicalLocation"] for r in results]
    assert [loc["artifactLocation"]["uri"] for loc in locations] == ["data/in.jsonl"] * 3
    assert [loc.get("region") for loc in locations] == [{"startLine": 3}, {"startLine": 70000}, None]
