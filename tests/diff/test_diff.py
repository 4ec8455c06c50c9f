"""``sigcheck diff``: changes between two models' (or contracts') signatures, their kinds and the verdict."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from sigcheck.cli import main
from sigcheck.diagnostics import Severity
from sigcheck.diff import ADDITIVE, BREAKING, COMPATIBLE, KIND_OF_CODE, diff_models, guess_renames, kind_of
from sigcheck.model import contract, read_model
from sigcheck.model.types import TensorSpec

TWO_VERSIONS = "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_2_versions"


@pytest.fixture(scope="module")
def base(fixture_model) -> dict[str, Any]:
    """keras_tabular's contract: serving_default and serve, inputs age/hours/occupation, output probabilities."""
    return contract.to_contract(read_model(str(fixture_model("keras_tabular"))))


def edited(data: dict[str, Any], change: Callable[[dict[str, Any]], None]):
    new = copy.deepcopy(data)
    change(new)
    return contract.from_contract(new, "new.json")


def sd(c: dict[str, Any]) -> dict[str, Any]:
    return c["signatures"]["serving_default"]


def result_for(base, change):
    return diff_models(contract.from_contract(base, "old.json"), edited(base, change))


def test_two_versions_of_half_plus_two_are_compatible(tfs_testdata):
    root = tfs_testdata / TWO_VERSIONS
    r = diff_models(read_model(str(root / "00000123")), read_model(str(root / "00000124")))
    assert r.verdict == COMPATIBLE and r.findings == () and r.ok


def test_a_model_against_itself(fixture_model):
    info = read_model(str(fixture_model("module_multi")))
    assert diff_models(info, info).verdict == COMPATIBLE


def test_every_code_has_a_kind():
    assert set(KIND_OF_CODE.values()) == {BREAKING, ADDITIVE, COMPATIBLE}


@pytest.mark.parametrize(("change", "code", "kind", "path"), [
    (lambda c: sd(c)["inputs"].pop("hours"), "diff.input_removed", BREAKING, "$.signatures.serving_default.inputs.hours"),
    (lambda c: sd(c)["inputs"].__setitem__("zip", {"dtype": "DT_STRING", "shape": [-1, 1]}), "diff.input_added",
     BREAKING, "$.signatures.serving_default.inputs.zip"),
    (lambda c: sd(c)["inputs"]["hours"].__setitem__("dtype", "DT_STRING"), "diff.input_dtype_changed", BREAKING,
     "$.signatures.serving_default.inputs.hours.dtype"),
    # every JSON value still accepted, but a gRPC DT_INT64 tensor is refused by the DT_FLOAT input (no cast)
    (lambda c: sd(c)["inputs"]["hours"].__setitem__("dtype", "DT_FLOAT"), "diff.input_dtype_widened", BREAKING,
     "$.signatures.serving_default.inputs.hours.dtype"),
    (lambda c: sd(c)["inputs"]["age"].__setitem__("dtype", "DT_INT64"), "diff.input_dtype_changed", BREAKING,
     "$.signatures.serving_default.inputs.age.dtype"),
    (lambda c: sd(c)["inputs"]["age"].__setitem__("shape", [-1, 1, 1]), "diff.input_rank_changed", BREAKING,
     "$.signatures.serving_default.inputs.age.shape"),
    (lambda c: sd(c)["inputs"]["age"].__setitem__("shape", [-1, 2]), "diff.input_shape_narrowed", BREAKING,
     "$.signatures.serving_default.inputs.age.shape"),
    (lambda c: sd(c)["inputs"]["age"].__setitem__("shape", [-1, -1]), "diff.input_shape_widened", COMPATIBLE,
     "$.signatures.serving_default.inputs.age.shape"),
    (lambda c: sd(c)["inputs"]["age"].__setitem__("shape", None), "diff.input_shape_widened", COMPATIBLE,
     "$.signatures.serving_default.inputs.age.shape"),
    (lambda c: sd(c)["outputs"]["probabilities"].__setitem__("shape", [-1, 3]), "diff.output_shape_changed",
     BREAKING, "$.signatures.serving_default.outputs.probabilities.shape"),
    (lambda c: sd(c)["outputs"]["probabilities"].__setitem__("shape", [-1, -1]), "diff.output_shape_widened",
     COMPATIBLE, "$.signatures.serving_default.outputs.probabilities.shape"),
    # the same JSON numbers, but gRPC values move from float_val to double_val
    (lambda c: sd(c)["outputs"]["probabilities"].__setitem__("dtype", "DT_DOUBLE"), "diff.output_dtype_widened",
     BREAKING, "$.signatures.serving_default.outputs.probabilities.dtype"),
    (lambda c: sd(c)["outputs"]["probabilities"].__setitem__("dtype", "DT_STRING"), "diff.output_dtype_changed",
     BREAKING, "$.signatures.serving_default.outputs.probabilities.dtype"),
    (lambda c: sd(c).__setitem__("method_name", "tensorflow/serving/classify"), "diff.method_changed", BREAKING,
     "$.signatures.serving_default.method_name"),
    (lambda c: c["signatures"].pop("serve"), "diff.signature_removed", BREAKING, "$.signatures.serve"),
    (lambda c: c["signatures"].__setitem__("extra", copy.deepcopy(sd(c)) | {"method_name": "tensorflow/serving/x"}),
     "diff.signature_added", ADDITIVE, "$.signatures.extra"),
])
def test_single_changes(base, change, code, kind, path):
    r = result_for(base, change)
    (d,) = r.findings
    assert (d.code, kind_of(d), d.path) == (code, kind, path)
    assert r.verdict == kind and r.ok == (kind != BREAKING)
    assert d.severity is (Severity.ERROR if kind == BREAKING else d.severity)
    assert d.subject == base["source"]  # the model the change is in (the contract keeps its source)


def test_rename_guess_for_inputs_and_signatures(base):
    def rename(c):
        sd(c)["inputs"]["age_years"] = sd(c)["inputs"].pop("age")
        c["signatures"]["serving"] = c["signatures"].pop("serve")

    r = result_for(base, rename)
    by_code = {d.code: d for d in r.findings}
    assert set(by_code) == {"diff.input_renamed", "diff.signature_renamed"}
    d = by_code["diff.input_renamed"]
    assert (d.expected, d.received) == ("age", "age_years") and '"age_years"' in d.message
    # the server line is TF Serving's answer to a row-format request built for the old model (the likelier client)
    from sigcheck.codec.request import decode_request

    row = b'{"instances": [{"age": [30.0], "hours": [40], "occupation": ["nurse"]}]}'
    answer = decode_request(row, edited(base, rename).signatures)
    assert not answer.accepted and d.upstream == answer.error
    assert d.upstream.startswith("Failed to process element: 0 key: age of 'instances' list.")
    assert by_code["diff.signature_renamed"].received == "serving"
    assert r.verdict == BREAKING


def test_rename_guess_prefers_same_tensor_then_similar_names():
    f = lambda n, t=None, dt="DT_FLOAT": TensorSpec(n, dt, (-1, 1), t)  # noqa: E731
    assert guess_renames({"x": f("x", "in:0")}, {"a": f("a"), "b": f("b", "in:0")}) == [("x", "b")]
    assert guess_renames({"length": f("length")}, {"width": f("width"), "lengths": f("lengths")}) == [
        ("length", "lengths")]
    assert guess_renames({"x": f("x")}, {"y": f("y", dt="DT_STRING")}) == []


def test_rename_guess_needs_same_rank_and_compatible_dims_or_a_similar_name():
    f = lambda n, shape=(-1, 1), t=None, dt="DT_FLOAT": TensorSpec(n, dt, shape, t)  # noqa: E731
    image = {"image": f("image", (-1, 150, 150, 3))}
    assert guess_renames(image, {"age": f("age")}) == []  # same dtype, but rank 4 vs 2 and unrelated names
    assert guess_renames(image, {"pixels": f("pixels", (-1, -1, -1, 3))}) == [("image", "pixels")]  # compatible
    assert guess_renames(image, {"pixels": f("pixels", (-1, 224, 224, 3))}) == []  # known dims differ
    assert guess_renames(image, {"images": f("images", (-1, 224, 224, 3))}) == [("image", "images")]  # name
    assert guess_renames(image, {"input_image": f("input_image", (-1, 224, 224, 3))}) == [("image", "input_image")]
    assert guess_renames(image, {"age": f("age", (-1, 150, 150, 3), "image:0")}) == [("image", "age")]  # tensor
    assert guess_renames({"x": f("x", (-1, 4))}, {"y": f("y", None)}) == []  # unknown rank is not the same rank


def test_image_model_against_tabular_model_guesses_no_renames(fixture_model):
    """The user's case: `image` (-1, 150, 150, 3) was reported as renamed to `age` (-1, 1)."""
    r = diff_models(read_model(str(fixture_model("keras_image"))), read_model(str(fixture_model("keras_tabular"))))
    inputs = {(d.code, d.path.rsplit(".", 1)[-1]) for d in r.findings if ".serving_default.inputs." in d.path}
    assert inputs == {("diff.input_removed", "image"), ("diff.input_added", "age"), ("diff.input_added", "hours"),
                      ("diff.input_added", "occupation")}
    (out,) = [d for d in r.findings if d.path == "$.signatures.serving_default.outputs.probs"]
    # (-1, 2) both: a fair guess; each is its signature's only output, so no REST response names it (gRPC's do)
    assert out.code == "diff.sole_output_renamed" and out.received == "probabilities"
    assert "REST responses do not change" in out.message


def test_renaming_the_only_output_changes_no_rest_response_but_breaks_grpc(base):
    """One output is written as bare values: a rename is invisible over REST, but gRPC responses are keyed by the
    output's name, so it breaks gRPC clients (breaking); with several outputs the names are also REST's keys."""
    new = copy.deepcopy(base)
    outputs = sd(new)["outputs"]
    outputs["scores"] = outputs.pop("probabilities")
    r = diff_models(contract.from_contract(base, "old"), contract.from_contract(new, "new"))
    (d,) = [d for d in r.findings if "outputs" in d.path]
    assert d.code == "diff.sole_output_renamed" and d.severity is Severity.ERROR and "gRPC" in d.message
    assert "REST responses do not change" in d.message
    assert kind_of(d) == BREAKING and r.verdict == BREAKING and not r.ok
    two_old, two_new = copy.deepcopy(base), copy.deepcopy(new)
    sd(two_old)["outputs"]["logits"] = {"dtype": "DT_FLOAT", "shape": [-1, 2]}
    sd(two_new)["outputs"]["logits"] = {"dtype": "DT_FLOAT", "shape": [-1, 2]}
    r = diff_models(contract.from_contract(two_old, "old"), contract.from_contract(two_new, "new"))
    assert [d.code for d in r.findings if "outputs" in d.path] == ["diff.output_renamed"] and not r.ok


def test_added_input_with_a_default_is_still_breaking(base):
    def add(c):
        sd(c)["inputs"]["threshold"] = {"dtype": "DT_FLOAT", "shape": []}
        sd(c)["defaults"] = ["threshold"]

    (d,) = result_for(base, add).findings
    assert d.code == "diff.input_added" and "REST API ignores signature defaults" in d.message


def test_one_output_to_two_changes_the_response_format(base):
    r = result_for(base, lambda c: sd(c)["outputs"].__setitem__("logits", {"dtype": "DT_FLOAT", "shape": [-1, 2]}))
    assert sorted(d.code for d in r.findings) == ["diff.output_added", "diff.response_format_changed"]
    assert r.verdict == BREAKING


def test_output_removed_is_breaking(base):
    two = copy.deepcopy(base)
    sd(two)["outputs"]["logits"] = {"dtype": "DT_FLOAT", "shape": [-1, 2]}
    r = diff_models(contract.from_contract(two, "old.json"), contract.from_contract(base, "new.json"))
    assert {d.code for d in r.findings} == {"diff.output_removed", "diff.response_format_changed"}


def test_signature_filter(base):
    r = diff_models(contract.from_contract(base, "o"), edited(base, lambda c: c["signatures"].pop("serve")),
                    signatures=["serving_default"])
    assert r.findings == () and r.verdict == COMPATIBLE


def test_json_shape(base):
    r = result_for(base, lambda c: sd(c)["inputs"].pop("hours"))
    data = r.to_json()
    assert data["verdict"] == "breaking" and data["ok"] is False and data["schema_version"] == 1
    assert data["counts"] == {"breaking": 1, "additive": 0, "compatible": 0}
    assert data["findings"][0]["kind"] == "breaking" and data["findings"][0]["expected"] == "DT_INT64 (-1, 1)"


# --- CLI -----------------------------------------------------------------------------------------------------------

def test_cli_exit_codes_and_formats(capsys, tmp_path: Path, base, tfs_testdata):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(contract.pretty_json(base))
    broken = copy.deepcopy(base)
    sd(broken)["inputs"].pop("hours")
    new.write_text(contract.pretty_json(broken))
    assert main(["diff", str(old), str(new), "--no-color"]) == 1
    out, err = capsys.readouterr()
    assert "error diff.input_removed" in out and "verdict: breaking" in out
    assert err.startswith("diff: breaking (1 breaking, 0 additive, 0 compatible changes)")
    assert main(["diff", str(old), str(new), "--format", "sarif"]) == 1
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"][0]["ruleId"] == "diff.input_removed"
    root = tfs_testdata / TWO_VERSIONS
    assert main(["diff", str(root / "00000123"), str(root / "00000124"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "compatible"
    assert main(["diff", str(old), str(tmp_path / "missing")]) == 2
    assert "error:" in capsys.readouterr().err


def test_an_unknown_signature_is_bad_input_not_a_compatible_diff(capsys, fixture_model):
    """A typo in --signature must not hide a breaking change behind "compatible" (exit 2, like inspect)."""
    old, new = str(fixture_model("keras_tabular")), str(fixture_model("keras_unnamed"))
    assert main(["diff", old, new, "--signature", "serving_defualt"]) == 2
    err = capsys.readouterr().err
    assert "no signature 'serving_defualt'; signatures: serve, serving_default" in err and "hint:" in err
    assert main(["diff", old, new, "--signature", "serving_default"]) == 1  # the real one is breaking
    capsys.readouterr()
    assert main(["diff", old, new, "--signature", "serve"]) == 1  # only in the old model: removed, breaking
