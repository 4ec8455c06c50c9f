"""``sigcheck schema`` and ``sigcheck sample``: streams, exit codes, options, -o, one-line errors, no TensorFlow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from schema_helpers import errors

from sigcheck.schema import VERTEX_MAX_BYTES

COUNTER = "tensorflow_serving/servables/tensorflow/testdata/saved_model_counter"


def one_line_error(err: str, *phrases: str) -> None:
    lines = err.splitlines()
    assert lines and lines[0].startswith("error: ") and len(lines) <= 2, err
    assert all(p in lines[0] for p in phrases), err
    assert "Traceback" not in err


def test_schema_on_stdout(cli, fixture_model) -> None:
    code, out, err = cli("schema", fixture_model("keras_tabular"))
    assert code == 0 and err == ""
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema") and "instances" in schema["properties"]
    assert '"required": ["age", "hours", "occupation"]' in out


def test_sample_validates_against_schema_from_the_cli(cli, fixture_model) -> None:
    model = fixture_model("keras_tabular")
    schema = json.loads(cli("schema", model)[1])
    for extra in ([], ["--batch", "4", "--seed", "9"], ["--columnar"]):
        code, out, err = cli("sample", model, *extra)
        assert code == 0 and err == "", extra
        assert not errors(schema, json.loads(out)), extra


def test_schema_variants(cli, fixture_model) -> None:
    model = fixture_model("module_multi")
    vertex = json.loads(cli("schema", model, "--target", "vertex")[1])
    assert vertex["required"] == ["instances"]
    openapi = json.loads(cli("schema", model, "--openapi")[1])
    assert "$schema" not in openapi and openapi["maxItems"] == 3
    lenient = json.loads(cli("schema", model, "-s", "scalar_input", "--lenient")[1])
    assert lenient["additionalProperties"] is True
    code, _, err = cli("schema", model, "--target", "sagemaker")
    assert code == 2
    one_line_error(err, "--target")


def test_output_file(cli, fixture_model, tmp_path: Path) -> None:
    model = fixture_model("keras_tabular")
    target = tmp_path / "out" / "request.json"
    target.parent.mkdir()
    code, out, err = cli("sample", model, "--batch", "2", "-o", target)
    assert code == 0 and out == "" and f"wrote {target}" in err
    assert target.read_text() == cli("sample", model, "--batch", "2")[1]
    assert [p.name for p in target.parent.iterdir()] == ["request.json"]  # no temp file left behind
    code, _, _ = cli("schema", model, "--output", tmp_path / "schema.json")
    assert code == 0 and json.loads((tmp_path / "schema.json").read_text())["type"] == "object"


def test_sample_options(cli, fixture_model) -> None:
    multi = fixture_model("module_multi")
    code, out, err = cli("sample", multi, "-s", "unknown_rank", "--shape", "x=-1,3", "--batch", "2")
    assert code == 0 and err == ""
    assert [len(row) for row in json.loads(out)["instances"]] == [3, 3]
    code, out, err = cli("sample", multi, "-s", "unknown_rank")
    assert code == 0 and err.startswith("note: input \"x\" has unknown rank")
    code, out, err = cli("sample", multi, "--jsonl", "--batch", "3")
    assert code == 0 and len(out.splitlines()) == 3
    code, out, _ = cli("sample", multi, "-s", "scalar_input")
    assert code == 0 and list(json.loads(out)) == ["signature_name", "inputs"]
    code, _, err = cli("sample", multi, "--dim", "x=1:4")
    assert code == 2
    one_line_error(err, "fixed at 3")
    code, _, err = cli("sample", multi, "--dim", "nonsense")
    assert code == 2
    one_line_error(err, "NAME=AXIS:SIZE")


def test_vertex_max_size_says_how_many(cli, fixture_model) -> None:
    code, out, err = cli("sample", fixture_model("keras_image"), "--target", "vertex", "--max-size")
    assert code == 0
    count = len(json.loads(out)["instances"])
    assert len(out.encode()) < VERTEX_MAX_BYTES
    assert f"note: {count} instances fit under {VERTEX_MAX_BYTES} bytes" in err
    code, _, err = cli("sample", fixture_model("keras_image"), "--target", "tf-serving", "--max-size")
    assert code == 2
    one_line_error(err, "Vertex AI")
    code, _, err = cli("sample", fixture_model("module_multi"), "-s", "image_bytes", "--max-size")
    assert code == 2
    one_line_error(err, "serving_default")


def test_fixed_batch(cli, fixture_model) -> None:
    code, _, err = cli("sample", fixture_model("tf1_fixed_batch"), "--batch", "2")
    assert code == 2
    one_line_error(err, "fixes the batch size at 1")


def test_signatures_rest_cannot_call(cli, tfs_testdata: Path, tmp_path: Path) -> None:
    counter = tfs_testdata / COUNTER
    for command in ("schema", "sample"):
        code, out, err = cli(command, counter)
        assert code == 2 and out == ""
        one_line_error(err, 'no signature "serving_default"', "get_counter")
        code, out, err = cli(command, counter, "-s", "incr_counter")
        assert code == 2 and out == ""
        one_line_error(err, "no inputs", "Failed to get input map")
        assert err.splitlines()[1].startswith("hint: ")
    contract = tmp_path / "half.json"
    contract.write_text(json.dumps({
        "format": "sigcheck.signatures/v1", "source": "test", "tags": ["serve"],
        "signatures": {"serving_default": {
            "method_name": "tensorflow/serving/predict",
            "inputs": {"x": {"dtype": "DT_HALF", "shape": [-1, 2], "tensor_name": "x:0"}},
            "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 1], "tensor_name": "y:0"}}}}}))
    for command in ("schema", "sample"):
        code, out, err = cli(command, contract)
        assert code == 2 and out == ""
        one_line_error(err, 'input "x" is half')


def test_no_tensorflow_imported(fixture_model, tmp_path: Path) -> None:
    model = str(fixture_model("module_multi"))
    schema_out, sample_out = str(tmp_path / "schema.json"), str(tmp_path / "request.json")
    script = (
        "import sys\n"
        "from sigcheck.cli.app import run\n"
        f"assert run(['schema', {model!r}, '-o', {schema_out!r}]) == 0\n"
        f"assert run(['sample', {model!r}, '--batch', '2', '-o', {sample_out!r}]) == 0\n"
        "heavy = [m for m in ('tensorflow', 'keras', 'PIL', 'google.cloud') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    env = dict(os.environ, NO_GCE_CHECK="true", PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr


def test_help_keeps_bracketed_defaults(cli) -> None:
    for command in ("schema", "sample"):
        code, out, _ = cli(command, "--help")
        assert code == 0 and "[default: serving_default]" in out, out
    assert "[default: 1, or the fixed batch size]" in cli("sample", "--help")[1]


def test_schema_and_sample_refuse_a_non_default_signature_for_vertex_alike(cli, fixture_model) -> None:
    """Vertex AI calls serving_default only: schema (plain and --openapi) and sample apply the same rule."""
    model = fixture_model("module_multi")
    results = [cli("sample", model, "--target", "vertex", "-s", "image_bytes"),
               cli("schema", model, "--target", "vertex", "-s", "image_bytes"),
               cli("schema", model, "--target", "vertex", "-s", "image_bytes", "--openapi")]
    assert {code for code, _out, _err in results} == {2}
    assert len({err for _code, _out, err in results}) == 1  # the same message and hint, from one place
    one_line_error(results[0][2], 'serving_default signature, not "image_bytes"')
    assert cli("schema", model, "-s", "image_bytes")[0] == 0  # TF Serving calls any signature
    assert cli("schema", model, "--target", "vertex")[0] == 0
