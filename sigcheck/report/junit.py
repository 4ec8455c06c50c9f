"""``--format junit``: JUnit XML for CI test tabs (GitHub, GitLab, Jenkins).

One ``<testsuite>`` per report.  For the gate each rule is a ``<testcase>``: ``<failure>`` when it failed the gate,
``<skipped>`` when it did not apply, and its findings below ``--fail-on`` in ``<system-out>``.  For diff and
validate each finding is a testcase (a failure when it is at or above the threshold), or one passing testcase
when there is none.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..diagnostics import Diagnostic

NAME = "junit"
ALWAYS_EMIT = True


def finding_text(d: Diagnostic) -> str:
    lines = [f"{d.severity.value} {d.code} at {d.path}", f"  {d.message}"]
    pair = "    ".join(f"{label}: {value}" for label, value in (("expected", d.expected), ("received", d.received))
                       if value is not None)  # an absent field is left out, never written as "None"
    if pair:
        lines.append(f"  {pair}")
    if d.hint:
        lines.append(f"  fix: {d.hint}")
    if d.upstream:
        lines.append(f"  server message: {d.upstream}")
    if d.subject:
        lines.append(f"  in: {d.subject}" + ("" if d.line is None else f":{d.line}"))
    return "\n".join(lines)


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", {"classname": classname, "name": name, "time": "0"})


def render(view) -> str:  # type: ignore[no-untyped-def]
    classname = f"sigcheck.{view.kind}"
    suite = ET.Element("testsuite", {"name": f"sigcheck {view.kind}: {view.subject}", "time": "0"})
    tests = failures = skipped = 0
    if view.checks:
        for rid, status in view.checks.items():
            case = _case(suite, classname, rid)
            tests += 1
            found = view.rule_findings.get(rid, ())
            if status == "skip":
                skipped += 1
                ET.SubElement(case, "skipped", {"message": view.skipped.get(rid, "not applicable")})
                continue
            failing = [d for d in found if view.failing(d)]
            if failing:
                failures += 1
                el = ET.SubElement(case, "failure", {"type": failing[0].code, "message": failing[0].message})
                el.text = "\n\n".join(finding_text(d) for d in failing)
            rest = [d for d in found if not view.failing(d)]
            if rest:
                ET.SubElement(case, "system-out").text = "\n\n".join(finding_text(d) for d in rest)
    else:
        for d in view.findings:
            case = _case(suite, classname, f"{d.code} {d.path}")
            tests += 1
            if view.failing(d):
                failures += 1
                el = ET.SubElement(case, "failure", {"type": d.code, "message": d.message})
                el.text = finding_text(d)
            else:
                ET.SubElement(case, "system-out").text = finding_text(d)
        if not view.findings:
            _case(suite, classname, "no findings")
            tests += 1
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", {"name": "sigcheck", **counts})
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
