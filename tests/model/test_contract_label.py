"""A model read from a contract file knows that file (trial12 F9): ``version_label()`` — what validate's and
gate's headlines name as the model checked — is the contract and the model it was written from, while ``source``
stays the model the contract records (``cannot_run``'s advice, ``inspect``'s "written from")."""

from __future__ import annotations

from pathlib import Path

from sigcheck.model import read_model
from sigcheck.model.contract import ContractInfo, cannot_run, contract_label, dumps, from_contract

ROOT = Path(__file__).resolve().parents[2]
TF_EXAMPLE = ROOT / "tests" / "batch" / "models" / "tf_example"


def test_a_contract_file_is_named_with_the_model_it_was_written_from(tmp_path: Path) -> None:
    model = read_model(str(TF_EXAMPLE))
    path = tmp_path / "ex.contract.json"
    path.write_text(dumps(model))
    info = read_model(str(path))
    assert isinstance(info, ContractInfo) and info.path == str(path) and info.source == model.source
    assert info.version_label() == f"{path} (a signature contract written from {model.source})"
    assert contract_label(model) is None and "contract" not in (model.version_label() or "")  # a SavedModel: as before
    assert info.signatures == model.signatures and not info.has_graph
    assert model.source in cannot_run(info).hint


def test_a_contract_without_source_is_named_by_its_file() -> None:
    doc = {"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {"inputs": {}, "outputs": {}}}}
    info = from_contract(doc, "c.json")
    assert info.source == "c.json" and info.version_label() == "c.json (a signature contract)"


def test_batch_workers_rebuild_the_same_model(tmp_path: Path) -> None:
    from sigcheck.batch.plan import model_from_json, model_json

    path = tmp_path / "ex.contract.json"
    path.write_text(dumps(read_model(str(TF_EXAMPLE))))
    info = read_model(str(path))
    again = model_from_json(model_json(info))
    assert again.signatures == info.signatures and again.kind == "contract" and again.meta_graph is None
