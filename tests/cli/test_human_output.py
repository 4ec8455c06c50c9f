"""Human output off a terminal (no wrapping, no cut tensor names), inspect's graph/op findings, and a reader that
goes away (``sigcheck … | head``): no traceback, and the command keeps its own exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.model import contract, read_model

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"


# --- no wrapping or truncation off a terminal ----------------------------------------------------------------------


def test_inspect_keeps_long_names_and_messages_whole(cli, fixture_model, tmp_path: Path) -> None:
    data = contract.to_contract(read_model(str(fixture_model("keras_tabular"))))
    tensor = "serving_default_" + "very_long_feature_name_" * 6 + "age:0"
    data["signatures"]["serving_default"]["inputs"]["age"]["tensor_name"] = tensor
    data["signatures"]["serving_default"]["inputs"]["keras_tensor_12"] = {"dtype": "DT_FLOAT", "shape": [-1, 1]}
    path = tmp_path / "c.json"
    path.write_text(contract.pretty_json(data))
    code, out, _ = cli("inspect", path, "--no-color")
    assert code == 0
    assert tensor in out and "…" not in out  # rich cut cells to fit 80 columns
    line = next(ln for ln in out.splitlines() if "'keras_tensor_12'" in ln)
    assert line.startswith("warning: ") and line.endswith("clients keyed on it break silently")


# --- inspect: the gate's TF-free graph and op rules ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), [
    ("tf1_keep_prob", 'depends on placeholder "keep_prob"'),
    ("tf1_learning_phase", 'depends on placeholder "keras_learning_phase"'),
    ("tf1_file_ops", "runs ReadFile, which reads a file"),
])
def test_inspect_shows_graph_and_op_findings(cli, fixture_model, name: str, text: str) -> None:
    code, out, err = cli("inspect", fixture_model(name), "--no-color")
    assert code == 0 and err == ""  # informational: still exit 0
    (line,) = [ln for ln in out.splitlines() if text in ln]
    assert line.startswith("error: ")
    code, out, _ = cli("inspect", fixture_model(name), "--json")
    assert code == 0 and "findings" not in json.loads(out) and text not in out  # the contract stays the contract


def test_inspect_graph_findings_follow_the_signature_filter(cli, fixture_model) -> None:
    _, out, _ = cli("inspect", fixture_model("tf1_file_ops"), "-s", "serving_default", "--no-color")
    assert "runs ReadFile" in out  # an op the model runs concerns the signature shown
    _, out, _ = cli("inspect", fixture_model("module_multi"), "--no-color")
    assert "error:" in out and "placeholder" not in out and "runs " not in out  # a clean graph adds nothing


def test_inspect_finds_python_functions_with_the_gate_rule(cli, tmp_path: Path) -> None:
    import importlib.util

    from sigcheck.model.proto import saved_model_pb2 as pb

    path = Path(__file__).resolve().parents[1] / "gate" / "conftest.py"  # the gate tests' SavedModel builder
    spec = importlib.util.spec_from_file_location("gate_model_builder", path)
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    function, node, write_model = builder.function, builder.node, builder.write_model

    f = function("f", ["a"], {"o": "py:output:0"}, [node("py", "EagerPyFunc", "a")])
    nodes = [node("x", "Placeholder", dtype=pb.DT_FLOAT), node("call", "StatefulPartitionedCall", "x", f="f")]
    m = write_model(tmp_path / "m", nodes=nodes, functions=[f], inputs={"x": "x:0"}, outputs={"y": "call:0"})
    _, out, _ = cli("inspect", m, "--no-color")
    assert "the graph uses EagerPyFunc (tf.py_function / tf.numpy_function) at f:py" in out


# --- a reader that goes away ---------------------------------------------------------------------------------------


def _closed_stdout(*argv: str) -> tuple[int, str]:
    """Run sigcheck with a stdout pipe whose reader is gone before anything is written (``| head`` at its worst)."""
    env = dict(os.environ, NO_GCE_CHECK="true", PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "sigcheck", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.stderr.close()
    return proc.wait(timeout=60), err


@pytest.mark.parametrize(("argv", "code"), [
    (("inspect", "{module_multi}"), 0),
    (("inspect", "{module_multi}", "--json"), 0),
    (("gate", "{tf1_keep_prob}"), 1),
    (("gate", "{tf1_keep_prob}", "--json"), 1),
    (("diff", "{keras_tabular}", "{keras_tabular}", "--json"), 0),
    (("--help",), 0),
])
def test_broken_pipe_keeps_the_exit_code(fixture_model, argv: tuple[str, ...], code: int) -> None:
    names = ("module_multi", "tf1_keep_prob", "keras_tabular")
    args = [a.format(**{n: str(fixture_model(n)) for n in names}) for a in argv]
    got, err = _closed_stdout(*args)
    assert got == code, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
