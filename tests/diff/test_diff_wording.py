"""diff (trial 8): changes to signatures that share one interface (Keras 3 export's serve and serving_default) are
said once naming both (M11); the response-format fix names the old number of outputs (M1); the server line of a
renamed or removed input is TF Serving's answer to a row-format request (M7).

The models are the committed fixtures' contracts (``inspect --json`` of real SavedModels), edited as a re-export
would change them; one CLI run compares a real SavedModel folder with such a contract."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from sigcheck.codec.request import decode_request
from sigcheck.diff import diff_models
from sigcheck.model import contract, read_model


@pytest.fixture(scope="module")
def tabular(fixture_model) -> dict[str, Any]:
    """keras_tabular (Keras 3 model.export()): serving_default and serve over one function."""
    data = contract.to_contract(read_model(str(fixture_model("keras_tabular"))))
    assert set(data["signatures"]) == {"serve", "serving_default"}
    return data


@pytest.fixture(scope="module")
def multi(fixture_model) -> dict[str, Any]:
    """module_multi: serving_default with two outputs, y and scores."""
    return contract.to_contract(read_model(str(fixture_model("module_multi"))))


def changed(data: dict[str, Any], change: Callable[[dict[str, Any]], None], keys=("serving_default",)):
    new = copy.deepcopy(data)
    for key in keys:
        change(new["signatures"][key])
    return contract.from_contract(new, "new.json")


def diff(data, change, keys=("serving_default",)):
    return diff_models(contract.from_contract(data, "old.json"), changed(data, change, keys))


def rename_input(sig: dict[str, Any]) -> None:
    sig["inputs"]["age_years"] = sig["inputs"].pop("age")


def test_a_change_to_both_keras_signatures_is_said_once(tabular) -> None:
    r = diff(tabular, rename_input, keys=("serving_default", "serve"))
    [d] = r.findings
    assert d.code == "diff.input_renamed" and r.counts()["breaking"] == 1
    assert "signatures 'serving_default' and 'serve' (the same inputs and outputs, as Keras 3's model.export() " \
           "writes them)" in d.message
    assert d.path == "$.signatures.serving_default.inputs.age"


def test_signatures_that_stop_sharing_an_interface_are_said_apart(tabular) -> None:
    r = diff(tabular, rename_input, keys=("serving_default",))
    [d] = r.findings
    assert 'of signature "serving_default"' in d.message and "serve'" not in d.message
    r = diff(tabular, lambda s: s["inputs"]["age"].update(dtype="DT_DOUBLE"), keys=("serve",))
    [d] = r.findings
    assert d.path.startswith("$.signatures.serve.") and 'signature "serve"' in d.message


def test_response_format_fix_names_the_old_outputs(multi, tabular) -> None:
    r = diff(multi, lambda s: s["outputs"].pop("scores"))
    [d] = [d for d in r.findings if d.code == "diff.response_format_changed"]
    assert d.hint.startswith("keep the 2 outputs (scores, y) or update every client to read the single output's")

    def second_output(sig):
        sig["outputs"]["logits"] = copy.deepcopy(sig["outputs"]["probabilities"]) | {"name": "logits"}

    r = diff(tabular, second_output, keys=("serving_default", "serve"))
    [d] = [d for d in r.findings if d.code == "diff.response_format_changed"]
    assert d.hint.startswith("keep one output or update every client to read objects keyed by output name")
    assert "'serving_default' and 'serve'" in d.message


def test_removed_input_server_line_is_the_row_answer(tabular) -> None:
    r = diff(tabular, lambda s: s["inputs"].pop("occupation"), keys=("serving_default", "serve"))
    [d] = r.findings
    row = b'{"instances": [{"occupation": ["nurse"], "age": [30.0], "hours": [40]}]}'
    answer = decode_request(row, changed(tabular, lambda s: s["inputs"].pop("occupation"),
                                         keys=("serving_default", "serve")).signatures)
    assert d.code == "diff.input_removed" and d.upstream == answer.error


def test_cli_on_a_real_savedmodel(cli, tabular, fixture_model, tmp_path: Path) -> None:
    new = copy.deepcopy(tabular)
    for key in ("serving_default", "serve"):
        rename_input(new["signatures"][key])
    path = tmp_path / "new.json"
    path.write_text(json.dumps(new))
    code, out, err = cli("diff", fixture_model("keras_tabular"), path, "--json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["counts"]["breaking"] == 1 and len(doc["findings"]) == 1
    assert doc["findings"][0]["upstream"].startswith("Failed to process element: 0 key: age of 'instances' list.")
