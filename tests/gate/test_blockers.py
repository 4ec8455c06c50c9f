"""One place decides what stops a model from answering any request; validate, sample and schema ask it."""

from __future__ import annotations

import json

import pytest

from sigcheck.gate.blockers import model_blockers
from sigcheck.model import read_model
from sigcheck.schema import build_sample
from sigcheck.validate import validate_request

BLOCKED = {
    "tf1_learning_phase": ("graph.unfed_placeholder", "keras_learning_phase"),
    "tf1_keep_prob": ("graph.unfed_placeholder", "unfed_placeholder"),
    "tf1_is_training": ("graph.unfed_placeholder", "unfed_placeholder"),
    "keras3_tf_save": ("graph.unrestored_variable", "variables_not_restored"),
    "tf1_file_ops": ("op.unsafe", None),
}
FINE = ["keras_tabular", "keras_image", "module_multi", "tf1_placeholder_with_default", "tf1_fixed_batch"]


@pytest.mark.parametrize("name", sorted(BLOCKED))
def test_validate_never_says_fine_for_a_model_that_cannot_serve(fixture_model, name: str) -> None:
    info = read_model(str(fixture_model(name)))
    code, category = BLOCKED[name]
    body = build_sample(info.signature()).body
    result = validate_request(body, info)
    assert result.decoded.accepted  # TF Serving's JSON layer takes the request …
    assert not result.ok  # … and every call still fails: validate says so, with the blocker's code and category
    blockers = [f for f in result.errors if f.code == code]
    assert blockers and blockers == [f for f in model_blockers(info, "serving_default") if f.code == code]
    if category:
        assert blockers[0].category == category
    assert json.loads(json.dumps(result.to_json()))["ok"] is False


@pytest.mark.parametrize("name", FINE)
def test_models_that_serve_have_no_blockers(fixture_model, name: str) -> None:
    assert model_blockers(read_model(str(fixture_model(name)))) == []


def test_blockers_of_other_signatures_are_left_out() -> None:
    from sigcheck.diagnostics import Diagnostic, Severity
    from sigcheck.gate.blockers import _concerns

    d = Diagnostic(code="x", severity=Severity.ERROR, message="m", path="$.signatures.serving_default.outputs.y")
    assert _concerns(d, "serving_default") and not _concerns(d, "serving")
    assert _concerns(Diagnostic(code="x", severity=Severity.ERROR, message="m", path="$.ops.ReadFile"), "other")


def test_contract_has_no_graph_so_no_blockers(fixture_model, tmp_path) -> None:
    from sigcheck.model.contract import dumps

    path = tmp_path / "c.json"
    path.write_text(dumps(read_model(str(fixture_model("tf1_learning_phase")))))
    assert model_blockers(read_model(str(path))) == []


@pytest.mark.parametrize("command", ["sample", "schema"])
def test_sample_and_schema_say_why_no_request_can_succeed(cli, fixture_model, command: str) -> None:
    code, out, err = cli(command, str(fixture_model("tf1_keep_prob")))
    assert code == 0 and out.strip()
    assert "warning: no request can succeed until the model is fixed" in err and "keep_prob" in err
    code, out, err = cli(command, str(fixture_model("keras_tabular")))
    assert code == 0 and "no request can succeed" not in err


def test_a_contract_cannot_run_and_says_which_folder_can(fixture_model, tmp_path) -> None:
    from sigcheck.errors import ModelError
    from sigcheck.model.contract import dumps
    from sigcheck.model.safety import check_model

    path = tmp_path / "c.json"
    path.write_text(dumps(read_model(str(fixture_model("keras_tabular")))))
    with pytest.raises(ModelError) as caught:
        check_model(read_model(str(path)))
    assert caught.value.message.startswith("a signature contract (written from ")
    assert caught.value.hint.endswith("keras_tabular/1")
