"""Issue 18: the human views group one mistake repeated over several inputs and never print a value whole; the
machine reports keep one finding per path."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from sigcheck.diagnostics import Diagnostic, Severity
from sigcheck.model.contract import from_contract
from sigcheck.report import render
from sigcheck.report.abridge import cut_tokens, cut_value
from sigcheck.report.grouping import Group, group_findings
from sigcheck.validate import validate_request

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("age", "capital_gain", "capital_loss", "education_num", "fnlwgt", "hours_per_week", "x1", "x2", "x3", "x4")


def census(tmp_path: Path | None = None):
    inputs = {n: {"dtype": "DT_FLOAT", "shape": [-1, 1]} for n in NAMES}
    inputs["workclass"] = {"dtype": "DT_STRING", "shape": [-1, 1]}
    doc = {"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": inputs,
        "outputs": {"p": {"dtype": "DT_FLOAT", "shape": [-1, 1]}}}}}
    if tmp_path is not None:
        path = tmp_path / "census.json"
        path.write_text(json.dumps(doc))
        return path
    return from_contract(doc, "census")


def bare_body() -> bytes:
    return json.dumps({"instances": [{**{n: float(i) for i, n in enumerate(NAMES)}, "workclass": "Private"}] * 3}
                      ).encode()


def test_ten_inputs_with_one_mistake_are_one_group() -> None:
    r = validate_request(bare_body(), census())
    assert len(r.findings) == 11  # the findings stay one per path
    (group,) = group_findings(r.findings)
    assert isinstance(group, Group) and group.path == "$.instances[0].*" and group.count_label == "11 inputs"
    assert group.headline == ("11 inputs are bare values where shape (-1, 1) is declared: age, capital_gain, "
                              "capital_loss, education_num, fnlwgt, hours_per_week, workclass, x1, x2, x3, x4")
    quoted = json.dumps({"instances": [{**{n: str(i) for i, n in enumerate(NAMES)}, "workclass": ["P"]}]}).encode()
    (group,) = group_findings(validate_request(quoted, census()).findings)
    assert group.headline.startswith("10 inputs get numbers in quotes (JSON strings) where float numbers are "
                                     "expected: age, capital_gain")


def test_different_mistakes_stay_apart() -> None:
    f = lambda name, n: Diagnostic("request.shape", Severity.ERROR,  # noqa: E731
                                   f'each instance of input "{name}" has {n} extra leading dimension',
                                   category="extra_batch_dimension", path=f"$.instances[0].{name}")
    out = group_findings([f("a", 1), f("b", 2), f("c", 1)])
    assert [type(x).__name__ for x in out] == ["Group", "Diagnostic"]
    assert out[0].names == ("a", "c") and out[1].path == "$.instances[0].b"
    single = Diagnostic("request.body", Severity.WARNING, "the body has no instances")
    assert group_findings([single]) == [single]


def test_validate_and_gate_text_show_one_block_and_json_one_per_path(cli, tmp_path: Path) -> None:
    model = census(tmp_path)
    req = tmp_path / "req.json"
    req.write_bytes(bare_body())
    code, out, _ = cli("validate", req, "--model", model, "--no-color", "--shape-check", "error")
    assert code == 1 and out.count("\nerror ") == 1 and "11 inputs are bare values where shape (-1, 1)" in out
    code, out, _ = cli("validate", req, "--model", model, "--no-color", "--shape-check", "warn")  # warnings
    assert code == 0 and out.count("\nwarning ") == 1 and "11 inputs are bare values where shape (-1, 1)" in out
    code, out, _ = cli("validate", req, "--model", model, "--json")
    assert len(json.loads(out)["findings"]) == 11
    code, out, _ = cli("gate", model, "-r", req, "--no-color", "--shape-check", "error")
    assert code == 1 and out.count("error request.shape") == 1 and "at $.instances[0].* (11 inputs)" in out
    code, out, _ = cli("gate", model, "-r", req, "--json")
    assert sum(1 for f in json.loads(out)["findings"] if f["code"] == "request.shape") == 11
    junit = render(validate_request(bare_body(), census(), shape_check="error"), "junit")
    assert junit.count("<testcase ") == 11


def test_a_long_base64_string_is_never_printed_whole(cli, tmp_path: Path) -> None:
    b64 = base64.b64encode(b"\xff\xd8\xff\xe0" + os.urandom(14000)).decode()  # 18.7 KB of base64
    req = tmp_path / "img.json"
    req.write_text(json.dumps({"instances": [{"b64": b64}]}))
    model = ROOT / "fixtures" / "models" / "keras_image"
    code, out, _ = cli("validate", req, "--model", model, "--no-color")
    assert code == 1 and b64 not in out and b64[:40] in out
    assert max(len(line) for line in out.splitlines()) < 400
    assert f"…({len(b64)} characters)\" Type: Object" in out  # in TF Serving's message: the string cut, its length
    assert f"{len(b64)} characters" in out  # received / here
    code, out, _ = cli("validate", req, "--model", model, "--json")
    assert b64 in json.loads(out)["tf_serving"]["error"]  # TF Serving's message stays verbatim: it prints it whole


def test_cut_helpers() -> None:
    assert cut_tokens("short words stay") == "short words stay"
    data = "Ab1/" * 125
    text = "JSON Value: \"" + data + "\" Type: Object"
    assert cut_tokens(text) == "JSON Value: \"" + data[:60] + "…(500 characters)\" Type: Object"
    path = "/tmp/pytest-of-root/pytest-46/test_a_long_base64_string_is_never_printed_whole0/models/tf1_learning/1"
    assert cut_tokens(f"run `sigcheck repair {path}`") == f"run `sigcheck repair {path}`"  # a path stays whole
    assert cut_value("x " * 200).endswith("… (400 characters)") and len(cut_value("x " * 200)) < 200
    assert cut_value(None) is None


def test_a_long_server_message_keeps_its_start_and_end() -> None:
    from sigcheck.report.abridge import MESSAGE_LIMIT, cut_message

    text = 'Error: JSON Value: "' + "not a number " * 500 + '" Type: String is not of expected type: float'
    short = cut_message(text)
    assert len(short) < MESSAGE_LIMIT + 40 and short.startswith("Error: JSON Value:")
    assert short.endswith("is not of expected type: float") and f"({len(text)} characters)" in short
    assert cut_message("short") == "short"
