"""Every --format renders empty and non-empty reports; JUnit is well-formed, SARIF valid against SARIF 2.1.0."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from sigcheck.diagnostics import Diagnostic, Report, Severity
from sigcheck.diff import diff_models
from sigcheck.errors import InputError
from sigcheck.gate import run_gate
from sigcheck.model import contract, read_model
from sigcheck.report import FORMATS, always_emitted, get_format, render, view

HERE = Path(__file__).resolve().parent
SARIF_SCHEMA = json.loads((HERE / "sarif-schema-2.1.0.json").read_text())


@pytest.fixture(scope="module")
def results(fixture_model, tfs_testdata):
    """Empty and non-empty gate, diff and plain reports."""
    tabular = read_model(str(fixture_model("keras_tabular")))
    changed = contract.to_contract(tabular)
    changed["signatures"]["serving_default"]["inputs"].pop("hours")
    changed["signatures"]["serving_default"]["outputs"]["extra"] = {"dtype": "DT_FLOAT", "shape": [-1, 1]}
    warn = Diagnostic(code="request.shape", severity=Severity.WARNING, message="rows have 3 values",
                      path="$.instances[0].x", expected="shape (-1, 4)", received="shape (1, 3)", subject="req.json")
    return {
        "gate-clean": run_gate(tabular),
        "gate-failing": run_gate(str(fixture_model("tf1_learning_phase")), fail_on=Severity.WARNING),
        "gate-mixed": run_gate(str(fixture_model("module_multi")), target="vertex", runtime="tf2-cpu.2-15"),
        "gate-counter": run_gate(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                                                     "saved_model_counter")),
        "diff-empty": diff_models(tabular, tabular),
        "diff-breaking": diff_models(tabular, contract.from_contract(changed, "new.json")),
        "report-empty": Report.build("m", []),
        "report": Report.build("m", [warn]),
    }


def test_registry_walks_every_format():
    assert list(FORMATS) == ["text", "json", "junit", "sarif"]
    for name in FORMATS:
        module = get_format(name)
        assert module.NAME == name and isinstance(module.ALWAYS_EMIT, bool)
    assert [n for n in FORMATS if always_emitted(n)] == ["json", "junit", "sarif"]
    with pytest.raises(InputError, match="unknown format 'xml'"):
        get_format("xml")


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("which", ["gate-clean", "gate-failing", "gate-mixed", "gate-counter", "diff-empty",
                                   "diff-breaking", "report-empty", "report"])
def test_every_format_renders_every_report(results, fmt, which):
    text = render(results[which], fmt)
    assert isinstance(text, str)
    if fmt != "text":
        assert text.endswith("\n") and text.strip()


def test_json_carries_schema_version_and_the_producers_shape(results):
    gate = json.loads(render(results["gate-failing"], "json"))
    assert gate["schema_version"] == 1 and gate["ok"] is False
    assert {"ok", "model", "findings", "checks"} <= set(gate)
    assert gate["findings"][0] == results["gate-failing"].findings[0].to_json()
    diff = json.loads(render(results["diff-breaking"], "json"))
    assert diff["verdict"] == "breaking" and {f["kind"] for f in diff["findings"]} == {"breaking", "additive"}
    plain = json.loads(render(results["report"], "json"))
    assert plain["schema_version"] == 1 and plain["findings"][0]["code"] == "request.shape"


def _junit(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    cases = suite.findall("testcase")
    for el in (root, suite):
        assert {"tests", "failures", "errors", "skipped"} <= set(el.attrib)
        assert int(el.get("tests")) == len(cases)
        assert int(el.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
        assert int(el.get("skipped")) == sum(1 for c in cases if c.find("skipped") is not None)
        assert el.get("errors") == "0"
    for case in cases:
        assert case.get("classname") and case.get("name")
        children = [c.tag for c in case]
        assert set(children) <= {"failure", "skipped", "system-out"}
        assert not ({"failure", "skipped"} <= set(children))
        for failure in case.findall("failure"):
            assert failure.get("message") and failure.get("type") and failure.text
    return suite


@pytest.mark.parametrize("which", ["gate-clean", "gate-failing", "gate-mixed", "diff-empty", "diff-breaking",
                                   "report-empty", "report"])
def test_junit_is_well_formed(results, which):
    _junit(render(results[which], "junit"))


def test_junit_gate_has_one_testcase_per_check(results):
    r = results["gate-failing"]
    suite = _junit(render(r, "junit"))
    assert [c.get("name") for c in suite.findall("testcase")] == list(r.checks)
    failed = [c.get("name") for c in suite.findall("testcase") if c.find("failure") is not None]
    assert failed == [k for k, v in r.checks.items() if v == "fail"] == ["graph.unfed_placeholder"]
    case = next(c for c in suite.findall("testcase") if c.get("name") == "graph.unfed_placeholder")
    assert "keras_learning_phase" in case.find("failure").text
    skipped = next(c for c in suite.findall("testcase") if c.get("name") == "baseline.diff")
    assert skipped.find("skipped").get("message") == "no --baseline given"


def test_junit_puts_findings_below_the_threshold_in_system_out(results):
    suite = _junit(render(results["gate-mixed"], "junit"))
    scalar = next(c for c in suite.findall("testcase") if c.get("name") == "signature.scalar_input")
    assert scalar.find("failure") is None and "signature.scalar_input" in scalar.find("system-out").text


@pytest.mark.parametrize("which", ["gate-clean", "gate-failing", "gate-mixed", "gate-counter", "diff-empty",
                                   "diff-breaking", "report-empty", "report"])
def test_sarif_validates_against_the_sarif_2_1_0_schema(results, which):
    log = json.loads(render(results[which], "sarif"))
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_sarif_content(results):
    r = results["gate-mixed"]
    log = json.loads(render(r, "sarif"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == sorted({d.code for d in r.findings}, key=[d.code for d in r.findings].index)
    levels = {res["ruleId"]: res["level"] for res in run["results"]}
    assert levels["signature.rest_dtype"] == "error" and levels["signature.scalar_input"] == "warning"
    half = next(res for res in run["results"] if res["ruleId"] == "signature.rest_dtype")
    assert half["properties"]["category"] == "dtype_unsupported_half"
    assert half["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "$.signatures.half_output.outputs.y"
    assert rules[half["ruleIndex"]]["id"] == "signature.rest_dtype"
    assert run["properties"]["checks"] == dict(r.checks)
    assert len({res["partialFingerprints"]["sigcheckFinding/v1"] for res in run["results"]}) == len(run["results"])


def test_sarif_artifact_uris():
    from sigcheck.report.sarif import artifact_uri

    assert artifact_uri("models/my model/1") == "models/my%20model/1"
    assert artifact_uri("/abs/path", base="/work/repo") == "file:///abs/path"
    assert artifact_uri("/work/repo/tests/requests/a b.json", base="/work/repo") == "tests/requests/a%20b.json"
    assert artifact_uri("/work/repo", base="/work/repo") == "file:///work/repo"
    assert artifact_uri("/work/repository/x", base="/work/repo") == "file:///work/repository/x"  # not inside
    assert artifact_uri("gs://bucket/m/1") == "gs://bucket/m/1"


def test_text_report(results):
    text = render(results["gate-failing"], "text")
    assert text.startswith("error graph.unfed_placeholder at $.signatures.serving_default.outputs.y\n")
    assert "  fix: run `sigcheck repair " in text and "set_learning_phase(" not in text.replace("set_learning_phase no longer", "")
    assert "  server: You must feed a value for placeholder tensor 'keras_learning_phase'" in text
    assert "failed checks: graph.unfed_placeholder" in text
    assert "\x1b[" not in text  # plain text, no ANSI
    assert "verdict: breaking" in render(results["diff-breaking"], "text")
    assert "(req.json)" in render(results["report"], "text")  # a subject other than the report's is shown


def test_view_adapts_every_producer(results):
    assert view(results["gate-clean"]).kind == "gate" and view(results["diff-empty"]).kind == "diff"
    assert view(results["report"]).kind == "report"
    assert view(copy.copy(results["report"])).findings[0].code == "request.shape"


@pytest.mark.parametrize("breakage", [
    lambda log: log.__setitem__("version", "2.0.0"),
    lambda log: log["runs"][0]["results"][0].pop("message"),
    lambda log: log["runs"][0]["results"][0].__setitem__("level", "fatal"),
    lambda log: log["runs"][0]["tool"]["driver"].pop("name"),
    lambda log: log["runs"][0]["results"][0]["locations"][0].__setitem__("where", "x"),
])
def test_the_schema_copy_rejects_broken_logs(results, breakage):
    log = json.loads(render(results["gate-failing"], "sarif"))
    breakage(log)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker()).validate(log)


def test_text_leaves_out_absent_fields_and_does_not_wrap():
    long = "a long message " * 20 + "end"  # (a 300-character run without a blank is a value: cut, see abridge)
    findings = [
        Diagnostic(code="signature.scalar_input", severity=Severity.WARNING, message=long, received="shape ()"),
        Diagnostic(code="diff.input_removed", severity=Severity.ERROR, message="m", expected="DT_FLOAT (-1, 1)"),
        Diagnostic(code="signature.no_inputs", severity=Severity.WARNING, message="m"),
    ]
    text = render(Report.build("m", findings), "text")
    assert "None" not in text
    assert "\n  received: shape ()\n" in text and "\n  expected: DT_FLOAT (-1, 1)\n" in text
    assert text.count("expected:") == 1 and text.count("received:") == 1
    assert f"\n  {long}\n" in text  # one line, however long (a file is read with grep, not a pager)
