"""Gate rules on the fixture SavedModels, TF Serving's own test models, and hand-built graphs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.errors import InputError
from sigcheck.gate import run_gate
from sigcheck.gate.ops import parse_runtime, stock_ops
from sigcheck.gate.rules import RULES
from sigcheck.model import contract, read_model
from sigcheck.model.proto import saved_model_pb2 as pb

from .conftest import function, node, write_model

TFS = "tensorflow_serving/servables/tensorflow/testdata"
HALF_PLUS_TWO = ["saved_model_half_plus_two_cpu", "saved_model_half_plus_two_2_versions",
                 "saved_model_half_plus_two_gpu", "saved_model_half_plus_two_gpu_trt", "saved_model_half_plus_two_mkl",
                 "saved_model_half_plus_two_mlmd", "saved_model_half_plus_two_tf2_cpu",
                 "saved_model_half_plus_two_cpu_with_saved_model_config"]


def codes(result, severity=None):
    return sorted({d.code for d in result.findings if severity is None or d.severity is severity})


def test_learning_phase_fixture_fails_with_its_category(fixture_model):
    r = run_gate(str(fixture_model("tf1_learning_phase")))
    (d,) = [d for d in r.findings if d.code == "graph.unfed_placeholder"]
    assert d.category == "keras_learning_phase" and d.severity is Severity.ERROR
    assert d.path == "$.signatures.serving_default.outputs.y"
    assert d.upstream == "You must feed a value for placeholder tensor 'keras_learning_phase' with dtype bool"
    assert d.hint.startswith("run `sigcheck repair ") and "input_map={'keras_learning_phase:0': tf.constant(False, tf.bool)}" in d.hint
    assert not r.ok and r.checks["graph.unfed_placeholder"] == "fail"


def test_keep_prob_fixture_is_an_unfed_placeholder(fixture_model):
    r = run_gate(str(fixture_model("tf1_keep_prob")))
    (d,) = [d for d in r.findings if d.code == "graph.unfed_placeholder"]
    assert d.category == "unfed_placeholder" and '"keep_prob"' in d.message
    assert d.upstream.startswith("You must feed a value for placeholder tensor 'keep_prob' with dtype float")


def test_placeholder_with_default_is_not_flagged(fixture_model):
    r = run_gate(str(fixture_model("tf1_placeholder_with_default")))
    assert r.ok and r.checks["graph.unfed_placeholder"] == "pass" and r.findings == ()


def test_fixed_batch_fixture(fixture_model):
    r = run_gate(str(fixture_model("tf1_fixed_batch")))
    assert r.ok and codes(r) == ["signature.fixed_batch"]
    assert {d.category for d in r.findings} == {"fixed_batch_size_in_graph"}
    strict = run_gate(str(fixture_model("tf1_fixed_batch")), target="ai-platform")
    assert not strict.ok  # AI Platform refuses outputs with a known outer dimension
    assert [d.path for d in strict.findings if d.severity is Severity.ERROR] == [
        "$.signatures.serving_default.outputs.y"]


def test_fixed_batch_says_which_batches_can_fail(fixture_model, cli):
    """TF Serving never compares declared shapes (saved_model_half_plus_two_tf2_cpu declares (1,) and answers a
    batch of 3): a fixed batch dimension makes other batch sizes fail only through the graph or TF Serving's
    batching, as validate's request.shape finding says; "batched requests will fail" overstated it (trial 11, #10)."""
    r = run_gate(str(fixture_model("tf1_fixed_batch")))
    by_side = {d.path.split(".")[-2]: d.message for d in r.findings if d.code == "signature.fixed_batch"}
    assert set(by_side) == {"inputs", "outputs"}
    for message in by_side.values():
        assert "will fail" not in message
        assert "requests of another batch size may fail" in message and "does not compare declared shapes" in message
        assert "TF Serving's batching" in message
    assert "a graph op uses the fixed size (a reshape to [" in by_side["inputs"]
    assert "rows whatever the batch" in by_side["outputs"]
    code, out, _ = cli("inspect", fixture_model("tf1_fixed_batch"), "--no-color")
    assert code == 0 and "batched requests will fail" not in out and "may fail" in out


def test_half_output_fixture(fixture_model):
    r = run_gate(str(fixture_model("module_multi")))
    half = [d for d in r.findings if d.category == "dtype_unsupported_half"]
    assert [d.path for d in half] == ["$.signatures.half_output.outputs.y"] and not r.ok


def test_unstable_names_are_warnings(fixture_model):
    r = run_gate(str(fixture_model("keras_unnamed")))
    assert r.ok and codes(r) == ["signature.unstable_names"]
    assert {d.severity for d in r.findings} == {Severity.WARNING}
    strict = run_gate(str(fixture_model("keras_unnamed")), fail_on=Severity.WARNING)
    assert not strict.ok and strict.checks["signature.unstable_names"] == "fail"


def test_file_ops_fixture_is_unsafe_unless_allowed(fixture_model):
    r = run_gate(str(fixture_model("tf1_file_ops")))
    (d,) = [d for d in r.findings if d.code == "op.unsafe"]
    assert d.path == "$.ops.ReadFile" and d.severity is Severity.ERROR and "--allow-op ReadFile" in d.hint
    allowed = run_gate(str(fixture_model("tf1_file_ops")), allow_ops=["ReadFile"])
    assert allowed.checks["op.unsafe"] == "pass" and allowed.ok


@pytest.mark.parametrize("name", ["keras_tabular", "keras_image"])
def test_clean_keras_fixtures_pass_every_check(fixture_model, name):
    r = run_gate(str(fixture_model(name)), target="vertex", runtime="2.21")
    assert r.ok and [d.code for d in r.findings] == ["op.runtime_ok"]  # the runtime verdict, said plainly
    assert {s for s in r.checks.values()} <= {"pass", "skip"}


@pytest.mark.parametrize("name", HALF_PLUS_TWO)
def test_tf_serving_half_plus_two_models_pass(tfs_testdata, name):
    r = run_gate(str(tfs_testdata / TFS / name))
    assert r.ok, [d.code for d in r.findings if d.severity is Severity.ERROR]
    for rid in ("graph.unfed_placeholder", "op.unsafe", "op.unregistered", "files.variables"):
        assert r.checks[rid] == "pass", rid


def test_saved_model_counter_has_no_serving_default(tfs_testdata):
    r = run_gate(str(tfs_testdata / TFS / "saved_model_counter"))
    (d,) = [d for d in r.findings if d.code == "signature.no_serving_default"]
    assert d.category == "signature_not_found" and not r.ok


def test_constant_only_graph_needs_no_variables(tfs_testdata):
    r = run_gate(str(tfs_testdata / "tensorflow_serving/batching/testdata/matrix_half_plus_two"))
    assert r.checks["files.variables"] == "pass" and r.ok


def test_checks_cover_every_rule_and_json_shape(fixture_model):
    r = run_gate(str(fixture_model("tf1_keep_prob")))
    assert list(r.checks) == list(RULES)
    data = r.to_json()
    assert {"ok", "model", "findings", "checks", "schema_version"} <= set(data)
    assert data["ok"] is False and set(data["checks"].values()) <= {"pass", "fail", "skip"}
    assert data["findings"][0]["severity"] == "error" and data["findings"][0]["code"] == "graph.unfed_placeholder"
    assert set(data["skipped"]) == {k for k, v in data["checks"].items() if v == "skip"}


# --- files ---------------------------------------------------------------------------------------------------------

def test_missing_variables_folder(fixture_model, copy_model):
    m = copy_model(fixture_model("keras_tabular"))
    shutil.rmtree(m / "variables")
    r = run_gate(str(m))
    (d,) = [d for d in r.findings if d.code == "files.variables_not_restored"]
    assert d.category == "variables_not_restored" and "no variables/ folder" in d.message
    assert "no checkpoints were restored" in d.upstream


def test_incomplete_variables_folder(fixture_model, copy_model):
    m = copy_model(fixture_model("keras_tabular"))
    (m / "variables" / "variables.index").unlink()
    shard = m / "variables" / "variables.data-00000-of-00001"
    shard.rename(m / "variables" / "variables.data-00001-of-00002")
    r = run_gate(str(m))
    (d,) = [d for d in r.findings if d.code == "files.variables_not_restored"]
    assert "variables/variables.index" in d.received and "variables.data-00000-of-00002" in d.received


def test_model_size_against_the_target(fixture_model):
    model = str(fixture_model("keras_tabular"))
    assert run_gate(model).checks["files.model_size"] == "skip"  # TF Serving has no limit
    assert run_gate(model, target="vertex").checks["files.model_size"] == "pass"
    r = run_gate(model, target="ai-platform", size_limit=10_000)
    (d,) = [d for d in r.findings if d.code == "files.model_too_large"]
    assert d.category == "model_too_large" and "saved_model.pb" in d.message and not r.ok


# --- ops -----------------------------------------------------------------------------------------------------------

def test_custom_and_python_ops(tmp_path: Path):
    f = function("f", ["a"], {"o": "py:output:0"}, [node("py", "EagerPyFunc", "a")])
    nodes = [node("x", "Placeholder", dtype=pb.DT_FLOAT), node("sp", "SentencepieceOp", "x"),
             node("call", "StatefulPartitionedCall", "sp", f="f")]
    m = write_model(tmp_path, nodes=nodes, functions=[f], inputs={"x": "x:0"}, outputs={"y": "call:0"})
    r = run_gate(str(m))
    by_code = {d.code: d for d in r.findings}
    assert by_code["op.unregistered"].category == "runtime_version_mismatch"
    assert "SentencepieceOp" in by_code["op.unregistered"].message
    assert by_code["op.unregistered"].upstream == "Op type not registered 'SentencepieceOp' in binary running on …"
    assert "in no stock TensorFlow" in by_code["op.unregistered"].message
    assert "f:py" in by_code["op.python_function"].message
    assert run_gate(str(m), allow_ops=["SentencepieceOp", "EagerPyFunc"]).checks["op.unregistered"] == "pass"


def test_stock_op_list_is_data():
    version, ops = stock_ops()
    assert version.startswith("2.") and {"MatMul", "StatefulPartitionedCall", "ReadFile", "PyFunc"} <= ops
    assert len(ops) > 1000


@pytest.mark.parametrize(("text", "tf"), [
    ("tf2-cpu.2-15", (2, 15)), ("us-docker.pkg.dev/vertex-ai/prediction/tf2-gpu.2-12:latest", (2, 12)),
    ("tensorflow/serving:2.15.0-gpu", (2, 15)), ("2.16", (2, 16)), ("2.16.1", (2, 16)),
])
def test_parse_runtime(text, tf):
    assert parse_runtime(text).tf == tf


def test_bad_runtime_is_an_input_error():
    """Only runtimes with a recorded op registry are known; the error lists them (tests/runtime has the rest)."""
    for text in ("latest", "tf2-cpu.9-99", "3.1", "tensorflow/serving:1.16.0", "tf-cpu.1-15", "2.99"):
        with pytest.raises(InputError) as exc:
            parse_runtime(text)
        assert "tf2-cpu.2-15" in exc.value.hint and "tensorflow/serving:X.Y.Z" in exc.value.hint


def test_runtime_older_than_the_model(fixture_model, tfs_testdata):
    """A model written by a newer TensorFlow that uses nothing the runtime lacks: said plainly, no warning."""
    r = run_gate(str(fixture_model("keras_tabular")), target="vertex", runtime="tf2-cpu.2-15")
    (d,) = [d for d in r.findings if d.code.startswith("op.runtime")]
    assert d.code == "op.runtime_ok" and d.severity is Severity.INFO and r.ok
    assert d.message.startswith("loads and serves on Vertex AI prebuilt container tf2-cpu.2-15 (TensorFlow 2.15): "
                                "its ") and "ops exist there" in d.message
    assert run_gate(str(fixture_model("keras_tabular")), runtime="2.15", fail_on=Severity.WARNING).ok
    old = run_gate(str(tfs_testdata / TFS / "saved_model_half_plus_two_cpu"), runtime="tf2-cpu.2-15")
    assert old.checks["op.runtime_version"] == "pass" and codes(old) == ["op.runtime_ok"]  # a TF 1.14 graph
    assert run_gate(str(fixture_model("keras_tabular"))).skipped["op.runtime_version"] == (
        "no --runtime given (and --target is not vertex)")


def _with_versions(model: Path, *, min_consumer: int = 0, bad_consumers: tuple[int, ...] = ()) -> Path:
    sm = pb.SavedModel()
    sm.ParseFromString((model / "saved_model.pb").read_bytes())
    versions = sm.meta_graphs[0].graph_def.versions
    versions.producer, versions.min_consumer = 2474, min_consumer
    versions.bad_consumers.extend(bad_consumers)
    (model / "saved_model.pb").write_bytes(sm.SerializeToString())
    return model


def test_graph_def_versions_make_a_runtime_mismatch_certain(tmp_path: Path):
    """VersionDef is a hard fact: TensorFlow refuses a GraphDef whose min_consumer is above its own GraphDef
    version (the registry records each release's), or that lists its version as a bad consumer."""
    from sigcheck.runtime import op_registry as registry

    v214 = registry("2.14").graph_def.producer
    nodes = [node("x", "Placeholder", dtype=pb.DT_FLOAT), node("y", "Identity", "x")]

    def model(name: str, **versions) -> str:
        m = write_model(tmp_path / name, nodes=nodes, inputs={"x": "x:0"}, outputs={"y": "y:0"}, tf_version="2.21.0")
        return str(_with_versions(m, **versions))

    r = run_gate(model("needs_new", min_consumer=3000), runtime="tensorflow/serving:2.15.0")
    (d,) = [d for d in r.findings if d.code == "op.runtime_version"]
    assert d.severity is Severity.ERROR and not r.ok
    assert d.upstream == (f"GraphDef min consumer version 3000 above current version {registry('2.15').graph_def.producer}"
                          " for TensorFlow.  Please upgrade TensorFlow.")
    r = run_gate(model("bad", bad_consumers=(v214,)), runtime="2.14")
    (d,) = [d for d in r.findings if d.code == "op.runtime_version"]
    assert d.severity is Severity.ERROR and d.upstream.startswith(f"GraphDef disallows consumer version {v214}.")
    r = run_gate(model("fine", min_consumer=12), runtime="2.14")
    assert codes(r) == ["op.runtime_ok"] and r.ok


# --- output shapes are declared, not proven ------------------------------------------------------------------------

def scalar_output_contract(fixture_model, tmp_path: Path) -> Path:
    """keras_tabular's contract with two outputs that record a scalar shape (rank 0)."""
    data = contract.to_contract(read_model(str(fixture_model("keras_tabular"))))
    for key in ("serving_default", "serve"):
        data["signatures"][key]["outputs"]["probabilities"]["shape"] = []
    path = tmp_path / "scalar_out.json"
    path.write_text(contract.pretty_json(data))
    return path


def test_declared_scalar_output_is_a_warning_not_a_failure(fixture_model, tmp_path: Path):
    """A declared rank proves nothing (TF Serving checks the real output tensor): a warning."""
    r = run_gate(str(scalar_output_contract(fixture_model, tmp_path)))
    assert r.ok and r.checks["signature.output_batch"] == "pass"
    rank0 = [d for d in r.findings if d.code == "signature.rank0_output"]
    assert {d.path for d in rank0} == {"$.signatures.serving_default.outputs.probabilities",
                                       "$.signatures.serve.outputs.probabilities"}
    for d in rank0:
        assert d.severity is Severity.WARNING and d.category == "output_batch_dimension"
        assert "declares a scalar (rank 0) output" in d.message and "if the model really returns one" in d.message
        assert "sigcheck predict" in d.message
        assert d.upstream.startswith("Tensor name: ") and "has no shape information" in d.upstream


def test_a_shape_not_recorded_is_unknown_not_scalar(tfs_testdata):
    """TF Serving's saved_model_half_plus_three records no shape at all (TensorFlow shows it as ()): it answers
    {"instances": [1.0, 2.0, 5.0]} with [3.5, 4.0, 5.5], so neither scalar rule has anything to say."""
    r = run_gate(str(tfs_testdata / TFS / "saved_model_half_plus_three"))
    assert r.ok and not [d for d in r.findings if d.code in ("signature.rank0_output", "signature.scalar_input")]


def test_declared_output_batch_mismatch_is_a_warning(fixture_model, tmp_path: Path):
    data = contract.to_contract(read_model(str(fixture_model("keras_tabular"))))
    outputs = data["signatures"]["serving_default"]["outputs"]
    outputs["probabilities"]["shape"] = [2, 2]
    outputs["logits"] = {"dtype": "DT_FLOAT", "shape": [3, 2]}
    path = tmp_path / "c.json"
    path.write_text(contract.pretty_json(data))
    r = run_gate(str(path))
    (d,) = [d for d in r.findings if d.code == "signature.output_batch_mismatch"]
    assert d.severity is Severity.WARNING and "declare different batch sizes" in d.message
    assert "sigcheck predict" in d.message and d.upstream.startswith("Tensor name: ")
    assert r.checks["signature.output_batch"] == "pass"


def test_standard_inputs_outputs_names_are_not_unstable(tfs_testdata, fixture_model, tmp_path: Path):
    """`inputs`/`outputs` is what TF Serving's classify/regress-style signatures are called (half_plus_two_tf2_cpu
    exports them with the predict method); generated names stay flagged, and so does `inputs` beside `inputs_1`."""
    r = run_gate(str(tfs_testdata / TFS / "saved_model_half_plus_two_tf2_cpu"))
    assert r.checks["signature.unstable_names"] == "pass"
    data = contract.to_contract(read_model(str(fixture_model("keras_tabular"))))
    sig = data["signatures"]["serving_default"]
    spec = {"dtype": "DT_FLOAT", "shape": [-1, 1]}
    sig["inputs"] = {n: dict(spec) for n in ("inputs", "inputs_1", "args_0", "input_2", "keras_tensor_7")}
    sig["outputs"] = {n: dict(spec) for n in ("outputs", "output_0", "outputs_3")}
    path = tmp_path / "c.json"
    path.write_text(contract.pretty_json(data))
    flagged = {d.path.rsplit(".", 1)[-1] for d in run_gate(str(path)).findings
               if d.code == "signature.unstable_names" and ".serving_default." in d.path}
    # beside inputs_1 / outputs_3, "inputs" / "outputs" are position 0 of the same generated list (issue 18)
    assert flagged == {"inputs", "inputs_1", "args_0", "input_2", "keras_tensor_7", "output_0", "outputs", "outputs_3"}
    sig["inputs"] = {"inputs": dict(spec), "age": dict(spec)}
    sig["outputs"] = {"outputs": dict(spec), "output_0": dict(spec)}
    path.write_text(contract.pretty_json(data))
    flagged = {d.path.rsplit(".", 1)[-1] for d in run_gate(str(path)).findings
               if d.code == "signature.unstable_names" and ".serving_default." in d.path}
    assert flagged == {"output_0"}  # alone, "inputs" / "outputs" are standard names


# --- contracts, policy ---------------------------------------------------------------------------------------------

def test_contract_skips_graph_and_file_rules(tmp_path: Path, fixture_model):
    path = tmp_path / "c.json"
    path.write_text(contract.dumps(read_model(str(fixture_model("tf1_keep_prob")))))
    r = run_gate(str(path), target="vertex")
    for rid, meta in RULES.items():
        if meta.needs_graph or meta.needs_files:
            assert r.checks[rid] == "skip" and "contract" in r.skipped[rid]
    assert r.ok  # the unfed placeholder is invisible without the graph


def test_ignore_by_code_pattern_rule_and_category(fixture_model):
    model = str(fixture_model("tf1_learning_phase"))
    for pattern in ("graph.unfed_placeholder", "graph.*", "keras_learning_phase"):
        r = run_gate(model, ignore=[pattern])
        assert r.ok and r.ignored == 1 and r.checks["graph.unfed_placeholder"] == "pass", pattern


def test_unknown_target(fixture_model):
    with pytest.raises(InputError, match="unknown target"):
        run_gate(str(fixture_model("keras_tabular")), target="sagemaker")


def test_rules_subset(fixture_model):
    r = run_gate(str(fixture_model("tf1_keep_prob")), rules=["op.unsafe"])
    assert list(r.checks) == ["op.unsafe"] and r.ok
    with pytest.raises(InputError, match="unknown gate rule"):
        run_gate(str(fixture_model("tf1_keep_prob")), rules=["nope"])


# --- baseline ------------------------------------------------------------------------------------------------------

def test_baseline_between_two_versions_passes(tfs_testdata):
    base = tfs_testdata / TFS / "saved_model_half_plus_two_2_versions"
    r = run_gate(str(base / "00000124"), baseline=str(base / "00000123"))
    assert r.checks["baseline.diff"] == "pass" and r.ok


def test_breaking_baseline_fails(tmp_path: Path, tfs_testdata):
    base = tfs_testdata / TFS / "saved_model_half_plus_two_2_versions"
    old = contract.to_contract(read_model(str(base / "00000123")))
    old["signatures"]["serving_default"]["inputs"]["extra"] = {"dtype": "DT_FLOAT", "shape": [-1, 1]}
    old_path = tmp_path / "old.json"
    old_path.write_text(contract.pretty_json(old))
    r = run_gate(str(base / "00000124"), baseline=str(old_path))
    assert r.checks["baseline.diff"] == "fail"
    assert [d.code for d in r.findings] == ["diff.input_removed"]


# --- requests ------------------------------------------------------------------------------------------------------

def test_requests_and_predictor_are_skipped_without_input(fixture_model):
    r = run_gate(str(fixture_model("keras_tabular")), predictor=lambda body, *, source: [])
    assert r.checks["request.validate"] == "skip" and r.checks["predict.run"] == "skip"


def test_request_paths_that_do_not_exist(fixture_model, tmp_path):
    with pytest.raises(InputError, match="no such file"):
        run_gate(str(fixture_model("keras_tabular")), requests=[str(tmp_path / "missing.json")])


def test_requests_go_through_validate(fixture_model):
    model = str(fixture_model("keras_tabular"))
    good = b'{"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}]}'
    bad = b'{"instances": [{"age": [31.0], "hours": [40.5], "occupation": ["clerk"]}]}'
    r = run_gate(model, requests=[("good.json", good)])
    assert r.checks["request.validate"] == "pass", [d.message for d in r.findings]
    r = run_gate(model, requests=[("good.json", good), ("bad.json", bad)])
    assert r.checks["request.validate"] == "fail" and not r.ok
    assert {d.subject for d in r.findings if d.severity is Severity.ERROR} == {"bad.json"}


class FakePredictor:
    """Records (source, body) of every request the gate runs; answers ``findings`` for each."""

    def __init__(self, *findings) -> None:
        self.findings = findings
        self.seen: list[tuple[str, bytes]] = []

    def __call__(self, body: bytes, *, source: str):
        self.seen.append((source, body))
        return list(self.findings)

    @property
    def sources(self) -> list[str]:
        return [source for source, _ in self.seen]

    @property
    def bodies(self) -> list[bytes]:
        return [body for _, body in self.seen]


def failure(message: str, category: str | None = None):
    from sigcheck.diagnostics import Diagnostic

    return Diagnostic(code="predict.run_failed", severity=Severity.ERROR, message=message, category=category)


def test_predictor_runs_only_on_valid_requests(fixture_model):
    fake = FakePredictor(failure("boom"))
    good = b'{"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}]}'
    bad = b'{"instances": [{"age": "x", "hours": [40], "occupation": ["clerk"]}]}'
    r = run_gate(str(fixture_model("keras_tabular")), requests=[("good.json", good), ("bad.json", bad)],
                 predictor=fake)
    assert fake.sources == ["good.json"]
    assert r.checks["predict.run"] == "fail"
    assert [d.subject for d in r.findings if d.code == "predict.run_failed"] == ["good.json"]


def test_predict_is_skipped_when_no_request_can_run(fixture_model):
    """predict.run does not pass on nothing: with every request rejected by validate, it is a skip."""
    fake = FakePredictor()
    bad = b'{"instances": [{"age": "x", "hours": [40], "occupation": ["clerk"]}]}'
    model = str(fixture_model("keras_tabular"))
    r = run_gate(model, requests=[("bad.json", bad)], predictor=fake)
    assert fake.seen == [] and r.checks["request.validate"] == "fail"
    assert r.checks["predict.run"] == "skip"
    assert r.skipped["predict.run"] == "no --request reaches the model (it is refused: see request.validate)"
    r = run_gate(model, requests=[("a.json", bad), ("b.json", bad)], predictor=fake)
    assert r.skipped["predict.run"] == "no --request reaches the model (all 2 are refused: see request.validate)"


def test_requests_tf_serving_accepts_run_whatever_sigchecks_findings(fixture_model):
    """An extra batch dimension is an error finding (declared shape), but TF Serving accepts the body: the model
    decides, so --predict runs it, and the gate cannot pass by ignoring the shape finding."""
    extra = json.dumps({"instances": [[[[[0.5] * 3] * 4] * 4]]}).encode()  # [1, 1, 4, 4, 3] for (-1, 150, 150, 3)
    model = str(fixture_model("keras_image"))
    # neither the shape rule, nor every request rule, nor the failure's category hides the model's own failure
    for ignore in (["request.shape"], ["request.*"], ["extra_batch_dimension"], ["request.*", "extra_*"]):
        fake = FakePredictor(failure("rank 5", "extra_batch_dimension"))
        r = run_gate(model, requests=[("extra.json", extra)], predictor=fake, ignore=ignore)
        assert fake.bodies == [extra], ignore
        assert r.checks["predict.run"] == "fail" and not r.ok, ignore
    # it is ignored by its code or rule id, on purpose
    for ignore in (["predict.run_failed"], ["predict.*"]):
        fake = FakePredictor(failure("rank 5", "extra_batch_dimension"))
        r = run_gate(model, requests=[("extra.json", extra)], predictor=fake, ignore=ignore + ["request.*"])
        assert r.ok and r.ignored >= 1, ignore


def test_requests_refused_in_front_of_tf_serving_do_not_run(fixture_model):
    """Two values on one line: the file cannot be sent, so the model never sees it (TF Serving would accept the
    batch the other lines make)."""
    fake = FakePredictor()
    line = b'{"age": [31.0], "hours": [40], "occupation": ["clerk"]}'
    r = run_gate(str(fixture_model("keras_tabular")), requests=[("two.jsonl", line + b" " + line + b"\n" + line + b"\n")],
                 predictor=fake)
    assert fake.seen == [] and r.checks["predict.run"] == "skip" and r.checks["request.validate"] == "fail"


def test_json_lines_requests_run_as_the_body_gcloud_sends(fixture_model):
    fake = FakePredictor()
    lines = b'{"age": [31.0], "hours": [40], "occupation": ["clerk"]}\n{"age": [40.0], "hours": [1], "occupation": ["x"]}\n'
    r = run_gate(str(fixture_model("keras_tabular")), requests=[("inst.jsonl", lines)], predictor=fake)
    assert r.checks["predict.run"] == "pass", r.findings
    assert len(fake.bodies) == 1 and len(json.loads(fake.bodies[0])["instances"]) == 2


def test_gate_imports_no_tensorflow(fixture_model, tmp_path):
    import subprocess
    import sys

    gate_out, diff_out = tmp_path / "gate.json", tmp_path / "diff.json"
    code = (
        "import sys\n"
        "from sigcheck.cli import main\n"
        f"main(['gate', {str(fixture_model('tf1_file_ops'))!r}, '--format', 'sarif', '-o', {str(gate_out)!r}])\n"
        f"main(['diff', {str(fixture_model('keras_tabular'))!r}, {str(fixture_model('keras_image'))!r}, '--json',"
        f" '-o', {str(diff_out)!r}])\n"
        "bad = [m for m in ('tensorflow', 'keras', 'google.cloud.storage') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, proc.stderr
    assert gate_out.stat().st_size > 0 and diff_out.stat().st_size > 0
