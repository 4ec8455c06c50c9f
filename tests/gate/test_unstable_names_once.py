"""A Keras 3 ``model.export()`` writes ``serving_default`` and ``serve`` over one function: a generated name is
said once, naming both signatures (gate, inspect), not once per signature.  Real fixture: keras_unnamed."""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.gate import run_gate
from sigcheck.model import contract, read_model


def test_gate_says_each_generated_name_once_for_both_signatures(fixture_model) -> None:
    info = read_model(str(fixture_model("keras_unnamed")))
    assert sorted(info.signatures) == ["serve", "serving_default"]  # (what Keras 3's export writes)
    found = [d for d in run_gate(info).findings if d.code == "signature.unstable_names"]
    assert [d.path for d in found] == ["$.signatures.serving_default.inputs.keras_tensor",
                                       "$.signatures.serving_default.outputs.output_0"]
    for d in found:
        assert "of signatures 'serving_default' and 'serve' (the same inputs and outputs, as Keras 3's " \
               "model.export() writes them)" in d.message, d.message
    assert "--rename keras_tensor=NEW_NAME" in found[0].hint


def test_inspect_prints_it_once(cli, fixture_model) -> None:
    code, out, _ = cli("inspect", fixture_model("keras_unnamed"), "--no-color")
    assert code == 0
    lines = [ln for ln in out.splitlines() if "has a generated name" in ln]
    assert len(lines) == 2 and all("signatures 'serving_default' and 'serve'" in ln for ln in lines), lines
    assert sum("'keras_tensor'" in ln for ln in lines) == 1


def test_signatures_that_differ_are_said_apart(fixture_model, tmp_path: Path) -> None:
    data = contract.to_contract(read_model(str(fixture_model("keras_unnamed"))))
    serve = data["signatures"]["serve"]
    serve["outputs"] = {"output_0": dict(serve["outputs"]["output_0"], shape=[-1, 3])}  # another interface
    path = tmp_path / "c.json"
    path.write_text(contract.pretty_json(data))
    found = [d for d in run_gate(str(path)).findings if d.code == "signature.unstable_names"]
    assert sorted(d.path for d in found) == [
        "$.signatures.serve.inputs.keras_tensor", "$.signatures.serve.outputs.output_0",
        "$.signatures.serving_default.inputs.keras_tensor", "$.signatures.serving_default.outputs.output_0"]
    assert all("of signature '" in d.message for d in found)
    assert json.loads(path.read_text())["signatures"]["serving_default"]["outputs"]["output_0"]["shape"] == [-1, 1]
