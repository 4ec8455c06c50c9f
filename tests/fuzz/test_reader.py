"""Mutated saved_model.pb / saved_model.pbtxt (from the committed fixtures) through the model reader, the op scan,
the gate (no --predict) and inspect's views: an answer or one SigcheckError, never anything else, never a hang."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sigcheck.model import contract
from sigcheck.model.reader import read_model

from .conftest import answers
from .mutate import mutated_bytes, mutated_text

MODELS = Path(__file__).resolve().parents[2] / "fixtures" / "models"
NAMES = ["keras_tabular", "module_multi", "tf1_file_ops", "tf1_learning_phase", "keras3_tf_save"]
ORIGINAL = {name: (MODELS / name / "1" / "saved_model.pb").read_bytes() for name in NAMES}
WORK = Path(tempfile.mkdtemp(prefix="sigcheck-fuzz-reader-"))


def _as_text(raw: bytes) -> str:
    from google.protobuf import text_format

    from sigcheck.model.proto import saved_model_pb2 as pb

    msg = pb.SavedModel()
    msg.ParseFromString(raw)
    return text_format.MessageToString(msg)


TEXT = {name: _as_text(raw) for name, raw in ORIGINAL.items()}


def everything(folder: Path) -> None:
    """What inspect, gate and predict's refusal do with a model before TensorFlow: read, scan, rules, views."""
    from rich.console import Console

    from sigcheck.cli.views import render_model
    from sigcheck.gate import run_gate
    from sigcheck.gate.rules import at_a_glance
    from sigcheck.model.safety import scan_meta_graph

    info = read_model(str(folder))
    scan_meta_graph(info.meta_graph)
    run_gate(info)
    contract.dumps(info)
    render_model(Console(file=io.StringIO(), width=120), info, at_a_glance(info))


def _write(name: str, data: bytes, file: str) -> Path:
    folder = WORK / "m"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    (folder / file).write_bytes(data)
    return folder


@given(st.sampled_from(NAMES), st.data())
def test_mutated_saved_model_pb(name, data):
    folder = _write(name, data.draw(mutated_bytes(ORIGINAL[name])), "saved_model.pb")
    answers("reader.pb", lambda: everything(folder))


@given(st.sampled_from(NAMES), st.data())
def test_mutated_saved_model_pbtxt(name, data):
    text = data.draw(mutated_text(TEXT[name]))
    folder = _write(name, text.encode("utf-8", "surrogatepass"), "saved_model.pbtxt")
    answers("reader.pbtxt", lambda: everything(folder))
