"""``sigcheck predict``: stdout is TF Serving's body, stderr says what happened, exit 0/1/2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.cli.app import run

pytestmark = pytest.mark.tf

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"
BODY = '{\n    "predictions": [[2.5], [3.0], [4.5]\n    ]\n}'


@pytest.fixture(scope="module")
def half_plus_two(tfs_testdata) -> str:
    return str(tfs_testdata / TESTDATA / "saved_model_half_plus_two_cpu")


@pytest.fixture()
def request_file(tmp_path: Path) -> str:
    path = tmp_path / "request.json"
    path.write_text('{"instances": [[1.0], [2.0], [5.0]]}')
    return str(path)


def test_prints_the_exact_body(capfdbinary, half_plus_two, request_file) -> None:
    assert run(["predict", request_file, "--model", half_plus_two]) == 0
    out, err = capfdbinary.readouterr()
    assert out.decode() == BODY  # stdout is not a terminal: no newline added
    assert b"HTTP 200 from signature serving_default, row format" in err


def test_body_ends_its_line_when_the_summary_follows_on_the_same_stream(half_plus_two, request_file,
                                                                        tmp_path: Path) -> None:
    """`sigcheck predict … 2>&1`: the summary (stderr) started on the body's last line, `}HTTP 200 from …`
    (trial 11, finding 11b); stdout alone keeps TF Serving's exact bytes."""
    argv = [sys.executable, "-m", "sigcheck", "predict", request_file, "--model", half_plus_two]
    both = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    assert both.returncode == 0
    assert both.stdout.startswith((BODY + "\nHTTP 200 from signature serving_default").encode()), both.stdout[:200]
    with open(tmp_path / "body.json", "wb") as body, open(tmp_path / "err.txt", "wb") as err:
        assert subprocess.run(argv, stdout=body, stderr=err, timeout=300).returncode == 0
    assert (tmp_path / "body.json").read_text() == BODY


def test_json_output(capfdbinary, half_plus_two, request_file) -> None:
    assert run(["predict", request_file, "--model", half_plus_two, "--json"]) == 0
    data = json.loads(capfdbinary.readouterr().out)
    assert data["response"] == {"predictions": [[2.5], [3.0], [4.5]]}
    assert data["http_status"] == 200 and isinstance(data["latency_ms"], float)


def test_compare_matches_and_differs(capfdbinary, half_plus_two, request_file, tmp_path: Path) -> None:
    same = tmp_path / "same.json"
    same.write_text('{"predictions": [[2.5], [3.000001], [4.5]]}')
    assert run(["predict", request_file, "--model", half_plus_two, "--compare", str(same)]) == 0
    assert b"matches the expected response" in capfdbinary.readouterr().err
    other = tmp_path / "other.json"
    other.write_text('{"predictions": [[2.5], [3.5], [4.5]]}')
    assert run(["predict", request_file, "--model", half_plus_two, "--compare", str(other), "--atol", "0.1"]) == 1
    err = capfdbinary.readouterr().err.decode()
    assert "$.predictions[1][0]: differs by 0.5 (atol 0.1)" in err
    assert run(["predict", request_file, "--model", half_plus_two, "--compare", str(other), "--json"]) == 1
    data = json.loads(capfdbinary.readouterr().out)
    assert data["compare"]["matches"] is False
    assert [d["path"] for d in data["compare"]["differences"]] == ["$.predictions[1][0]"]


def test_rejected_request_prints_tf_servings_answer_and_exits_1(capfdbinary, half_plus_two, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{ "instances": ["x", "y"] }')
    assert run(["predict", str(bad), "--model", half_plus_two]) == 1
    out, err = capfdbinary.readouterr()
    assert json.loads(out) == {"error": "Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: "
                                        "JSON Value: \"x\" Type: String is not of expected type: float"}
    assert b"TF Serving would reject this request: HTTP 400 INVALID_ARGUMENT" in err


def test_seed_conv2d_error_is_shown_then_explained(capfdbinary, fixture_model, tmp_path) -> None:
    req = tmp_path / "image.json"
    req.write_text(json.dumps({"instances": [[[[[0.0] * 3] * 150] * 150]]}))  # [1, 150, 150, 3] per instance
    assert run(["predict", str(req), "--model", str(fixture_model("keras_image"))]) == 1
    out, err = capfdbinary.readouterr()
    assert "[1,1,150,150,3]" in json.loads(out)["error"]
    assert b"the model failed while running: HTTP 400 INVALID_ARGUMENT" in err
    assert b"explained: " in err and b"(extra_batch_dimension)" in err
    # validate's shape finding is shown, without its advice to run `sigcheck predict` (circular here)
    assert b"extra leading dimension" in err and b"sigcheck predict" not in err
    assert run(["predict", str(req), "--model", str(fixture_model("keras_image")), "--json"]) == 1
    findings = json.loads(capfdbinary.readouterr().out)["findings"]
    assert findings and not any("sigcheck predict" in (f["message"] + (f["hint"] or "")) for f in findings)


def test_unsafe_model_is_refused_with_exit_2(capfdbinary, fixture_model, tmp_path) -> None:
    req = tmp_path / "r.json"
    req.write_text('{"instances": [[1.0]]}')
    model = str(fixture_model("tf1_file_ops"))
    assert run(["predict", str(req), "--model", model]) == 2
    err = capfdbinary.readouterr().err.decode()
    assert 'refusing to run this model: it contains ReadFile (reads a file) at node "read_config" in the graph' in err
    assert "hint:" in err and "--allow-unsafe-ops" in err
    assert run(["predict", str(req), "--model", model, "--allow-unsafe-ops"]) == 0
    assert b"warning: running despite ReadFile" in capfdbinary.readouterr().err


def test_request_from_stdin(capfdbinary, monkeypatch, half_plus_two) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"inputs": [[1.0]]}')))
    assert run(["predict", "-", "--model", half_plus_two]) == 0
    assert json.loads(capfdbinary.readouterr().out) == {"outputs": [[2.5]]}


def test_without_tensorflow_says_how_to_install_it(half_plus_two, request_file) -> None:
    code = ("import sys; sys.modules['tensorflow'] = None\n"
            "from sigcheck.cli import main\n"
            f"sys.exit(main(['predict', {request_file!r}, '--model', {half_plus_two!r}]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 2
    assert "error: running a model locally (sigcheck predict) needs tensorflow" in out.stderr
    from sigcheck._optional import install_hint

    assert f"hint: {install_hint('tf')}" in out.stderr and "[tf]" in out.stderr


def test_output_file_and_json_for_an_execution_error(capfdbinary, fixture_model, tmp_path) -> None:
    req = tmp_path / "r.json"
    req.write_text('{"instances": [[1.0, 2.0, 3.0, 4.0]]}')
    out_file = tmp_path / "answer.json"
    model = str(fixture_model("tf1_learning_phase"))
    assert run(["predict", str(req), "--model", model, "--json", "-o", str(out_file)]) == 1
    assert capfdbinary.readouterr().out == b""
    data = json.loads(out_file.read_text())
    assert data["http_status"] == 400 and data["stage"] == "execution" and data["status_code"] == "INVALID_ARGUMENT"
    assert data["response"]["error"].startswith("You must feed a value for placeholder tensor 'keras_learning_phase'")
    if data["explanations"]:
        assert data["explanations"][0]["category"] == "keras_learning_phase"


def test_json_lines_run_as_the_batch_gcloud_sends(capfdbinary, fixture_model, tmp_path) -> None:
    """A --json-instances file: validate, gate and warmup read it as one batch; predict does too."""
    lines = tmp_path / "instances.jsonl"
    lines.write_text('{"age": [31.0], "hours": [40], "occupation": ["clerk"]}\n'
                     '{"age": [52.0], "hours": [10], "occupation": ["nurse"]}\n')
    model = str(fixture_model("keras_tabular"))
    assert run(["predict", str(lines), "--model", model]) == 0
    out, err = capfdbinary.readouterr()
    assert len(json.loads(out)["predictions"]) == 2 and b"read as JSON Lines" in err
    body = tmp_path / "one.txt"  # no .jsonl name: detected from the content, or forced with --format-in
    body.write_text('{"age": [31.0], "hours": [40], "occupation": ["clerk"]}\n')
    assert run(["predict", str(body), "--model", model, "--format-in", "jsonl", "--json"]) == 0
    out, _ = capfdbinary.readouterr()
    assert len(json.loads(out)["response"]["predictions"]) == 1
    assert run(["predict", str(body), "--model", model, "--format-in", "csv"]) == 2
    two = tmp_path / "two.jsonl"  # two values on one line: there is no batch to send
    two.write_text('{"age": [31.0], "hours": [40], "occupation": ["clerk"]} {"age": [1.0], "hours": [1], '
                   '"occupation": ["x"]}\n')
    capfdbinary.readouterr()
    assert run(["predict", str(two), "--model", model]) == 2
    _, err = capfdbinary.readouterr()
    assert b"the JSON Lines reader refuses this file: line 1 holds more than one JSON value" in err


def test_json_lines_with_a_byte_order_mark_run_as_gcloud_sends_them(capfdbinary, fixture_model, tmp_path) -> None:
    """Notepad's / PowerShell 5's UTF-8 BOM: gcloud decodes each line as utf-8-sig, so the batch has no BOM."""
    text = ('{"age": [31.0], "hours": [40], "occupation": ["clerk"]}\n'
            '{"age": [52.0], "hours": [10], "occupation": ["nurse"]}\n').encode()
    model = str(fixture_model("keras_tabular"))
    plain, marked, unnamed = tmp_path / "plain.jsonl", tmp_path / "bom.jsonl", tmp_path / "bom.txt"
    plain.write_bytes(text)
    marked.write_bytes(b"\xef\xbb\xbf" + text)
    unnamed.write_bytes(b"\xef\xbb\xbf" + text)  # detected as JSON Lines through the mark
    answers = []
    for path in (plain, marked, unnamed):
        capfdbinary.readouterr()
        assert run(["predict", str(path), "--model", model, "--json"]) == 0, capfdbinary.readouterr().err
        answers.append(json.loads(capfdbinary.readouterr().out)["response"])
    assert answers[0] == answers[1] == answers[2] and len(answers[0]["predictions"]) == 2
