"""A signature contract as --model: batch and gate name the contract file as what they checked (u3 F9, x12's
headline for validate), not the model it was written from -- in the human view and in --json's "model"."""

from __future__ import annotations

import json


def test_batch_and_gate_name_the_contract(cli, fixture_model, tmp_path):
    model = fixture_model("keras_tabular")
    code, out, _ = cli("inspect", model, "--json")
    assert code == 0
    contract = tmp_path / "tab.contract.json"
    contract.write_text(out)
    good = tmp_path / "good.jsonl"
    code, out, _ = cli("sample", model, "--jsonl")
    good.write_text(out)
    code, out, _ = cli("batch", good, "--model", contract, "--json", "--workers", "1")
    assert json.loads(out)["model"] == str(contract), out
    code, out, _ = cli("batch", good, "--model", contract, "--workers", "1")
    assert f"→ {contract}, signature serving_default" in out
    code, out, _ = cli("gate", contract, "--batch", good, "--json")
    assert json.loads(out)["model"] == str(contract), out
