"""JUnit output never writes ``None`` for a field a finding does not have (issue 18)."""

from __future__ import annotations

from sigcheck.diagnostics import Diagnostic, Report, Severity
from sigcheck.report import render


def test_junit_leaves_absent_expected_or_received_out() -> None:
    findings = [
        Diagnostic("diff.input_added", Severity.ERROR, 'input "x" was added', received="DT_FLOAT (-1, 1)"),
        Diagnostic("signature.scalar_input", Severity.WARNING, 'input "s" is a scalar', expected="shape (-1,)"),
        Diagnostic("signature.unstable_names", Severity.WARNING, "generated name"),
    ]
    xml = render(Report.build("m", findings), "junit")
    assert "None" not in xml
    assert "received: DT_FLOAT (-1, 1)" in xml and "expected: shape (-1,)" in xml
    assert "expected: \n" not in xml and "received: \n" not in xml
