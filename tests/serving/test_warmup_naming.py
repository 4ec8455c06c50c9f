"""warmup's refusals name what the user gave (trial 8, M4): a contract file by its own path (and the model folder it
was written from in the hint), and a missing model without offering a contract, which warmup cannot use.
Refused before TensorFlow is imported: no TF needed.  The contract is ``inspect --json`` of the keras_tabular
fixture (a real SavedModel)."""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.model import contract, read_model

REQUEST = '{"instances": [{"age": [31.5], "hours": [40], "occupation": ["nurse"]}]}'


def test_contract_is_named_by_the_file_given(cli, fixture_model, tmp_path: Path) -> None:
    model = str(fixture_model("keras_tabular"))
    path = tmp_path / "tab1.json"
    path.write_text(json.dumps(contract.to_contract(read_model(model))))
    req = tmp_path / "req.json"
    req.write_text(REQUEST)
    source = read_model(model).source
    code, out, err = cli("warmup", path, "--request", req)
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}: a signature contract (written from {source}) has no model folder")
    assert f"hint: pass the SavedModel folder {source} (or its TF Serving base path)" in err


def test_missing_model_hint_offers_no_contract(cli, tmp_path: Path) -> None:
    req = tmp_path / "req.json"
    req.write_text(REQUEST)
    code, _, err = cli("warmup", tmp_path / "nope", "--request", req)
    assert code == 2 and f"error: {tmp_path / 'nope'}: no such file or folder" in err
    assert "contract" not in err and "TF Serving base path" in err
    code, _, err = cli("inspect", tmp_path / "nope")  # (commands that read contracts still offer them)
    assert code == 2 and "sigcheck.signatures/v1 JSON contract" in err
