"""Composite inputs (tf.RaggedTensorSpec / tf.SparseTensorSpec) of tf.saved_model.save signatures (trial8 F1).

The SignatureDef holds their components as plain tensors (no ``composite_tensor`` TensorInfo): ``r`` / ``r_1``,
``sp`` / ``sp_1`` / ``sp_2``.  sigcheck reads what they are from the graph and object graph without TensorFlow;
inspect groups them, the gate no longer calls a dense_shape a fixed batch, sample writes consistent columnar
components (and refuses the row form), validate finds the inconsistencies the graph never checks, and predict
(the model run as TF Serving runs it) agrees with validate.  The SavedModel is built once, by TensorFlow in a
subprocess (tests/model/composite_models.py); everything but the predict test reads the saved files only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.model import read_model
from sigcheck.model.composite import composite_inputs
from sigcheck.schema import RequestImpossibleError, build_sample
from sigcheck.validate import validate_request

pytestmark = pytest.mark.tf  # the SavedModel is written by TensorFlow (the checks themselves do not import it)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@pytest.fixture(scope="session")
def composite_model(tf_built) -> Path:
    return tf_built(HERE / "composite_models.py") / "composite"


@pytest.fixture(scope="session")
def info(composite_model):
    return read_model(str(composite_model))


def body(inputs: dict, signature: str | None = None) -> bytes:
    doc = {"signature_name": signature} if signature else {}
    return json.dumps({**doc, "inputs": inputs}).encode()


GOOD = {
    "serving_default": body({"r": [1.0, 2.0, 3.0], "r_1": [0, 2, 3]}),
    "sparse": body({"sp": [[0, 1], [1, 4]], "sp_1": [5.0, 7.0], "sp_2": [2, 5]}, "sparse"),
    "mixed": body({"w": [1.0, 2.0], "rr": [1.0, 2.0, 3.0, 4.0], "rr_1": [0, 1, 3], "rr_2": [0, 2, 3, 4]}, "mixed"),
}
BAD = {  # name -> (body, TensorFlow's words in the finding)
    "splits_not_zero": (body({"r": [1.0, 2.0], "r_1": [1, 2]}), "from_row_splits do not form a valid RaggedTensor:zero"),
    "splits_decrease": (body({"r": [1.0, 2.0, 3.0], "r_1": [0, 2, 1, 3]}), "RaggedTensor:monotonic"),
    "splits_end": (body({"r": [1.0, 2.0, 3.0], "r_1": [0, 2, 4]}), "_from_row_partition do not form a valid"),
    "inner_splits_end": (body({"w": [1.0, 2.0], "rr": [1.0, 2.0, 3.0], "rr_1": [0, 1, 3],
                               "rr_2": [0, 2, 3, 4]}, "mixed"), "_from_row_partition do not form a valid"),
    "outer_splits_end": (body({"w": [1.0, 2.0], "rr": [1.0, 2.0, 3.0, 4.0], "rr_1": [0, 1, 2],
                               "rr_2": [0, 2, 3, 4]}, "mixed"), "_from_row_partition do not form a valid"),
    "sparse_out_of_bounds": (body({"sp": [[0, 1], [1, 5]], "sp_1": [5.0, 7.0], "sp_2": [2, 5]}, "sparse"),
                             "indices[1] = [1,5] is out of bounds: need 0 <= index < [2,5]"),
    "sparse_row_out_of_bounds": (body({"sp": [[0, 1], [2, 4]], "sp_1": [5.0, 7.0], "sp_2": [2, 5]}, "sparse"),
                                 "indices[1] = [2,4] is out of bounds: need 0 <= index < [2,5]"),
    "sparse_count": (body({"sp": [[0, 1], [1, 4]], "sp_1": [5.0, 7.0, 1.0], "sp_2": [2, 5]}, "sparse"),
                     "indices and values rows (indexing dimension) must match. (indices = 2, values = 3)"),
}


def composite_findings(result):
    return [f for f in result.findings if f.code == "request.composite"]


def test_components_read_from_the_saved_files(info) -> None:
    ragged, = composite_inputs(info, "serving_default")
    assert (ragged.name, ragged.kind, ragged.dtype, ragged.shape, ragged.source) == (
        "r", "ragged", "DT_FLOAT", (-1, -1), "type_spec")
    assert ragged.components == (("r", "flat_values"), ("r_1", "row_splits"))
    sparse, = composite_inputs(info, "sparse")
    assert (sparse.kind, sparse.dtype, sparse.shape) == ("sparse", "DT_FLOAT", (-1, 5))
    assert sparse.components == (("sp", "indices"), ("sp_1", "values"), ("sp_2", "dense_shape"))
    nested, = composite_inputs(info, "mixed")  # the plain input w is no component
    assert nested.components == (("rr", "flat_values"), ("rr_1", "row_splits"), ("rr_2", "row_splits_2"))
    assert nested.ragged_rank == 2 and nested.shape == (-1, -1, -1)
    # one dict argument: its two tensors share the _user_specified_name "features" and TensorFlow's component-like
    # names (features, features_1), but the object graph says they are plain TensorSpecs
    assert set(info.signatures["dict_arg"].inputs) == {"features", "features_1"}
    assert composite_inputs(info, "dict_arg") == []
    # a function no object tracks: no TypeSpec in the object graph; a SparseTensor is still told by its layout
    untracked, = composite_inputs(info, "untracked")
    assert (untracked.kind, untracked.source, untracked.shape, untracked.dtype) == ("sparse", "layout", (-1, -1),
                                                                                     "DT_FLOAT")
    # what TF Serving sees: plain dense component tensors, no composite_tensor encoding
    assert {s.encoding for sig in info.signatures.values() for s in sig.inputs.values()} == {"dense"}


def test_inspect_groups_components_and_no_fixed_batch_warning(composite_model, cli) -> None:
    code, out, _ = cli("inspect", str(composite_model), "--no-color", "--signature", "sparse")
    assert code == 0
    assert "sp_2 (dense_shape of sp)" in out and "sp (indices of sp)" in out
    assert "the components of one SparseTensor DT_FLOAT (-1, 5)" in out
    code, out, _ = cli("inspect", str(composite_model), "--no-color")
    assert "r_1 (row_splits of r)" in out and "rr_2 (row_splits_2 of rr)" in out and "features_1 (" not in out
    assert "read from the arguments' layout" in out  # the untracked signature
    assert "fixed batch" not in out  # sp_2 (2,) is the dense_shape, not a batch of 2
    from sigcheck.gate import run_gate

    assert not [f for f in run_gate(str(composite_model)).findings if f.code == "signature.fixed_batch"]


@pytest.mark.parametrize("key", ["serving_default", "sparse", "mixed", "untracked"])
@pytest.mark.parametrize("batch", [1, 3])
def test_sample_is_consistent_columnar_and_validates(info, key, batch) -> None:
    composites = composite_inputs(info, key)
    sample = build_sample(info.signatures[key], batch=batch, composites=composites)
    assert sample.layout == "columnar" and any("drawn to agree" in n for n in sample.notes)
    result = validate_request(sample.body, info)
    assert result.ok and not result.warnings, [f.message for f in result.findings]
    inputs = json.loads(sample.body)["inputs"]
    c = composites[0]
    if c.kind == "ragged":
        splits = inputs[c.components[1][0]]
        assert splits[0] == 0 and len(splits) == batch + 1
    elif key == "sparse":
        assert inputs["sp_2"][0] == batch and inputs["sp_2"][1] == 5
    assert result.instances == batch


@pytest.mark.parametrize("option", ["jsonl", "vertex", "row"])
def test_sample_refuses_the_row_form(info, option) -> None:
    kw = {"jsonl": {"jsonl": True}, "vertex": {"target": "vertex"}, "row": {"layout": "row"}}[option]
    with pytest.raises(RequestImpossibleError, match="components of one RaggedTensor argument"):
        build_sample(info.signatures["serving_default"], composites=composite_inputs(info, "serving_default"), **kw)


def test_sample_cli_refuses_jsonl_with_exit_2(composite_model, cli) -> None:
    code, out, err = cli("sample", str(composite_model), "--jsonl")
    assert code == 2 and "error: --jsonl needs the row form" in err and "row_splits" in err


def test_validate_accepts_consistent_components(info) -> None:
    for key, good in GOOD.items():
        result = validate_request(good, info)
        assert result.ok and not result.findings, (key, [f.message for f in result.findings])


@pytest.mark.parametrize("name", sorted(BAD))
def test_validate_finds_inconsistent_components(info, name) -> None:
    bad, words = BAD[name]
    result = validate_request(bad, info)
    assert not result.ok
    f, = composite_findings(result)
    ragged = "RaggedTensor" in f.message  # (a CATEGORIES.md id: ragged data sent wrong; a sparse tensor's shape)
    assert f.category == ("ragged_instances" if ragged else "input_shape_mismatch"), (name, f.category)
    assert f.severity is Severity.ERROR and words in f.message
    assert "`sigcheck sample` writes one" in f.hint
    assert not [g for g in result.findings if g.code in ("request.batch", "request.shape")]


def test_validate_out_of_order_sparse_indices_is_a_warning(info) -> None:
    result = validate_request(body({"sp": [[1, 1], [0, 4]], "sp_1": [5.0, 7.0], "sp_2": [2, 5]}, "sparse"), info)
    f, = composite_findings(result)
    assert result.ok and f.severity is Severity.WARNING and "is out of order" in f.message


def test_the_trial_row_sample_is_now_an_error(info) -> None:
    """The request the old sample wrote (row form, one instance: row_splits [1]) validated and failed in predict."""
    result = validate_request(b'{"instances": [{"r": 0.3628, "r_1": 1}]}', info)
    f, = composite_findings(result)
    assert not result.ok and "must start at 0" in f.message


def test_validate_does_not_import_tensorflow(composite_model) -> None:
    code = ("import sys, json; from sigcheck.model import read_model; from sigcheck.validate import validate_request;"
            "from sigcheck.model.composite import composite_inputs;"
            f"info = read_model({str(composite_model)!r}); assert composite_inputs(info, 'sparse');"
            f"r = validate_request({GOOD['sparse']!r}, info); assert r.ok;"
            "assert 'tensorflow' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_predict_agrees_with_validate(composite_model, info) -> None:
    """The model run as TF Serving runs it: consistent components answer 200, and each body validate calls
    inconsistent fails (an out-of-order sparse index is served: a warning)."""
    from sigcheck.serving import LocalServer

    failed: dict[str, tuple[bytes, str]] = {}
    with LocalServer(str(composite_model)) as server:
        for key, good in GOOD.items():
            answer = server.predict(good, explain=False)
            assert answer.http_status == 200, (key, answer.body)
        for key in ("serving_default", "sparse", "mixed", "untracked"):
            sample = build_sample(info.signatures[key], batch=2, composites=composite_inputs(info, key))
            answer = server.predict(sample.body, explain=False)
            assert answer.http_status == 200, (key, answer.body)
        for name in ("splits_not_zero", "splits_end", "sparse_row_out_of_bounds", "sparse_count",
                     "inner_splits_end"):
            bad, _ = BAD[name]
            answer = server.predict(bad, explain=False)
            assert answer.http_status != 200, (name, answer.body)
            failed[name] = (bad, answer.error or "")
        # a column index outside dense_shape: SparseReduceSum(axis=1) does not check it and answers with the value
        # counted in a row of 5 columns it is not in: served, but computed from an invalid SparseTensor (the
        # validate error stands: "or answers wrong numbers")
        answer = server.predict(BAD["sparse_out_of_bounds"][0], explain=False)
        assert answer.http_status == 200 and json.loads(answer.body)["outputs"] == [5.0, 7.0]
        ordered = body({"sp": [[1, 1], [0, 4]], "sp_1": [5.0, 7.0], "sp_2": [2, 5]}, "sparse")
        assert server.predict(ordered, explain=False).http_status == 200
    _explained_as_validate_says(info, failed)


def _explained_as_validate_says(info, failed: dict[str, tuple[bytes, str]]) -> None:
    """explain reads each error the model gave as validate's finding does (its category), with the model and the
    request and from the text alone; a RaggedTensor's broken components are not told to pad instances."""
    from sigcheck.explain import explain_text

    assert len(failed) == 5
    for name, (bad, error) in failed.items():
        (finding,) = composite_findings(validate_request(bad, info))
        with_both = explain_text(error, info=info, request=bad)
        assert with_both[0].category == finding.category, (name, error, [d.category for d in with_both])
        assert any(finding.message in c for c in with_both[0].confirmed), name
        if finding.category == "ragged_instances":
            alone = explain_text(error)[0]
            assert alone.category == "ragged_instances", (name, error)
            assert "flat_values" in alone.steps[0] and not any("Pad sequences" in s for s in alone.steps), name


def test_json_lines_rows_are_checked_as_one_batch(info) -> None:
    """JSON Lines stack each component over the lines: two lines can form a valid SparseTensor (dense_shape [2, 5]),
    one line cannot (dense_shape [2] has rank 1); no declared-shape finding on the components either way."""
    two = b'{"sp":[0,1],"sp_1":5.0,"sp_2":2}\n{"sp":[1,4],"sp_1":7.0,"sp_2":5}\n'
    result = validate_request(two, info, signature="sparse", format_in="jsonl")
    assert result.ok and not result.findings, [f.message for f in result.findings]
    one = validate_request(b'{"sp":[0,1],"sp_1":5.0,"sp_2":2}\n', info, signature="sparse", format_in="jsonl")
    f, = composite_findings(one)
    assert not one.ok and "has 1 dimension(s), but the signature's SparseTensorSpec has rank 2" in f.message
    assert not [g for g in one.findings if g.code == "request.shape"]


# ------------------------------------------------------------------------------------------------ the contract
# (trial11 #17) inspect --json dropped the components' roles: validate and sample on the contract read the
# components as plain inputs, passed broken ragged requests and wrote row-form samples the model refuses.

KEYS = ("serving_default", "sparse", "mixed", "untracked", "dict_arg")


@pytest.fixture(scope="session")
def contract_file(info, tmp_path_factory) -> Path:
    from sigcheck.model.contract import dumps

    path = tmp_path_factory.mktemp("contract") / "signature.json"
    path.write_text(dumps(info))
    return path


@pytest.fixture(scope="session")
def contract(contract_file):
    return read_model(str(contract_file))


def test_contract_records_the_composites(info, contract_file, contract) -> None:
    data = json.loads(contract_file.read_text())["signatures"]
    assert data["serving_default"]["composites"] == [{
        "name": "r", "kind": "ragged", "dtype": "DT_FLOAT", "shape": [-1, -1],
        "components": {"r": "flat_values", "r_1": "row_splits"}, "source": "type_spec"}]
    assert "composites" not in data["dict_arg"]  # written only for a signature that has some
    assert contract.kind == "contract" and not contract.has_graph
    for key in KEYS:
        assert composite_inputs(contract, key) == composite_inputs(info, key), key
    # a contract of the contract is the same contract
    from sigcheck.model.contract import dumps

    assert dumps(contract) == contract_file.read_text()


def _verdict(result) -> tuple:
    return (result.ok, result.instances,
            sorted((f.code, f.severity.value, f.message, f.hint or "") for f in result.findings))


@pytest.mark.parametrize("name", sorted(BAD) + sorted(f"good:{k}" for k in GOOD) + ["row", "trial_row"])
def test_validate_gives_the_same_verdict_on_the_contract(info, contract, name) -> None:
    """The trial's five ragged requests differed between model and contract; every one now agrees."""
    if name.startswith("good:"):
        req = GOOD[name[5:]]
    elif name == "row":  # the row form the contract's old sample wrote: row_splits [1, 9]
        req = b'{"instances": [{"r": 3.0, "r_1": 1}, {"r": 6.0, "r_1": 9}]}'
    elif name == "trial_row":
        req = b'{"instances": [{"r": 0.3628, "r_1": 1}]}'
    else:
        req = BAD[name][0]
    on_model, on_contract = validate_request(req, info), validate_request(req, contract)
    assert _verdict(on_contract) == _verdict(on_model)
    assert composite_findings(on_contract) or on_contract.ok


def test_validate_on_the_contract_finds_the_trial_bad_splits(contract) -> None:
    result = validate_request(body({"r": [3.0, 6.0, 6.0, 3.0, 1.0, 8.0], "r_1": [0, 3, 9]}), contract)
    f, = composite_findings(result)
    assert not result.ok and "ends at 9" in f.message
    assert not [g for g in result.findings if g.code == "request.batch"]  # 6 values, 3 splits: 2 rows, no batch
    ok = validate_request(body({"r": [3.0, 6.0, 6.0, 3.0, 1.0, 8.0], "r_1": [0, 3, 6]}), contract)
    assert ok.ok and not ok.findings and ok.instances == 2


@pytest.mark.parametrize("key", ["serving_default", "sparse", "mixed", "untracked"])
def test_sample_on_the_contract_is_the_models_sample(info, contract, key) -> None:
    on_model = build_sample(info.signatures[key], batch=2, composites=composite_inputs(info, key))
    on_contract = build_sample(contract.signatures[key], batch=2, composites=composite_inputs(contract, key))
    assert on_contract.body == on_model.body and on_contract.layout == "columnar"
    assert validate_request(on_contract.body, info).ok


def test_sample_and_inspect_cli_on_the_contract(composite_model, contract_file, cli) -> None:
    code, out, _ = cli("sample", str(contract_file), "-b", "2")
    code_m, out_m, _ = cli("sample", str(composite_model), "-b", "2")
    assert code == code_m == 0 and json.loads(out) == json.loads(out_m) and "inputs" in json.loads(out)
    code, _, err = cli("sample", str(contract_file), "--jsonl")
    assert code == 2 and "error: --jsonl needs the row form" in err
    code, out, _ = cli("inspect", str(contract_file), "--no-color", "--signature", "sparse")
    assert code == 0 and "sp_2 (dense_shape of sp)" in out and "the components of one SparseTensor" in out


def test_a_contract_without_composites_reads_as_before(info, contract_file, tmp_path) -> None:
    """Contracts written before the field: the components are plain inputs, as they always were there."""
    data = json.loads(contract_file.read_text())
    for sig in data["signatures"].values():
        sig.pop("composites", None)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    old_info = read_model(str(old))
    assert all(composite_inputs(old_info, k) == [] for k in KEYS)
    result = validate_request(BAD["splits_end"][0], old_info)
    assert not composite_findings(result)


@pytest.mark.parametrize("change, words", [
    (lambda c: c.update(kind="dense"), "composites[0].kind"),
    (lambda c: c.update(components={"r": "flat_values", "nope": "row_splits"}), "nope is not an input"),
    (lambda c: c.update(components={"r": "flat_values", "r_1": "indices"}), "the roles of a ragged argument"),
    (lambda c: c.update(components=["r", "r_1"]), "composites[0].components"),
    (lambda c: c.update(kind="sparse"), "the roles of a sparse argument"),
])
def test_a_bad_composites_entry_is_named(contract_file, tmp_path, change, words) -> None:
    from sigcheck.errors import ModelError

    data = json.loads(contract_file.read_text())
    change(data["signatures"]["serving_default"]["composites"][0])
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ModelError, match=words.replace("[", r"\[").replace("]", r"\]")):
        read_model(str(bad))


def test_a_component_of_two_arguments_is_refused(contract_file, tmp_path) -> None:
    from sigcheck.errors import ModelError

    data = json.loads(contract_file.read_text())
    sig = data["signatures"]["serving_default"]
    sig["composites"].append({**sig["composites"][0], "name": "r2"})
    bad = tmp_path / "twice.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ModelError, match="r, r_1 is a component of more than one argument"):
        read_model(str(bad))


# ------------------------------------------------------------------------------------------------ explain
# (trial11 #7) a ragged request's components (flat_values 6, row_splits 3) were read as "inputs with different
# batch sizes", with the advice to make them the same length, which always breaks the request.

RAGGED_OP_ERROR = ('{ "error": "data.shape = [3] does not start with segment_ids.shape = [4]\\n\\t [[{{function_node '
                   '__inference_ragged_85}}{{node RaggedReduceSum/UnsortedSegmentSum}}]]" }')
BATCHING_ERROR = '{ "error": "Batching session Run() input tensors must have equal 0th-dimension size." }'


@pytest.mark.parametrize("model", ["info", "contract"])
def test_explain_does_not_ask_to_equalise_ragged_components(request, model) -> None:
    from sigcheck.explain import explain_text

    info_ = request.getfixturevalue(model)
    bad = body({"r": [1.0, 2.0, 3.0], "r_1": [0, 4]})  # row_splits ends at 4, not at the 3 values
    for req in (bad, GOOD["serving_default"]):
        diagnoses = explain_text(RAGGED_OP_ERROR, info=info_, request=req)
        assert "batch_size_mismatch_between_inputs" not in [d.category for d in diagnoses]
        assert not any("same number of examples" in s or "same leading batch size" in s
                       for d in diagnoses for s in d.steps)
    # a plain input and a ragged argument of different rows are still a batch disagreement (rows, not lengths)
    mixed = body({"w": [1.0, 2.0, 3.0], "rr": [1.0, 2.0, 3.0, 4.0], "rr_1": [0, 1, 3], "rr_2": [0, 2, 3, 4]},
                 "mixed")
    diagnoses = explain_text(RAGGED_OP_ERROR, info=info_, request=mixed)
    d = next(d for d in diagnoses if d.category == "batch_size_mismatch_between_inputs")
    assert '"rr" 2' in d.steps[0] and '"w" 3' in d.steps[0] and "rr_1" not in d.steps[0]


def test_explain_batching_error_of_a_ragged_signature(info) -> None:
    """Server-side batching needs equal first sizes: it cannot batch a RaggedTensor's components, whatever their
    values, so the fix is to turn it off for this model, not to make them equal."""
    from sigcheck.explain import explain_text

    diagnoses = explain_text(BATCHING_ERROR, info=info, request=GOOD["serving_default"])
    d = next(d for d in diagnoses if d.category == "batch_size_mismatch_between_inputs")
    assert d.steps[0].startswith("Disable server-side batching") and "RaggedTensor" in d.steps[0]
    assert not any("same leading batch size" in s or "same number of examples" in s for s in d.steps)
    assert any('"r_1" (row_splits)' in c and "cannot batch" in c for c in d.confirmed)
