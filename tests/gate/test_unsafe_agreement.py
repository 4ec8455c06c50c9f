"""``sigcheck predict``'s refusal and the gate's ``op.unsafe`` are one scan: they agree on every model."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.gate import run_gate
from sigcheck.model.proto import saved_model_pb2 as pb
from sigcheck.serving import LocalServer, UnsafeModelError

from .conftest import function, node, write_model

FIXTURE_MODELS = sorted(p.name for p in (Path(__file__).parents[2] / "fixtures" / "models").iterdir()
                        if p.is_dir() and not p.name.startswith((".", "_")))


def refused_ops(model: Path) -> set[str]:
    """The ops ``sigcheck predict`` refuses to run (before TensorFlow is imported); empty when it would run."""
    try:
        LocalServer(str(model))
    except UnsafeModelError as err:
        assert err.found
        return {u.op for u in err.found}
    return set()


def gate_unsafe_ops(model: Path) -> set[str]:
    r = run_gate(str(model), rules=["op.unsafe"])
    ops = {d.received for d in r.findings if d.code == "op.unsafe"}
    assert (r.checks["op.unsafe"] == "fail") == bool(ops)
    assert len(ops) == len([d for d in r.findings if d.code == "op.unsafe"])  # one finding per op
    return ops


def test_every_fixture_model_is_listed():
    assert {"keras_tabular", "module_multi", "tf1_file_ops", "tf1_learning_phase"} <= set(FIXTURE_MODELS)


@pytest.mark.parametrize("name", FIXTURE_MODELS)
def test_predict_and_gate_agree_on_fixture_models(fixture_model, name):
    model = fixture_model(name)
    assert refused_ops(model) == gate_unsafe_ops(model)


def test_predict_and_gate_agree_on_tf_serving_models(tfs_testdata):
    models = sorted({p.parent for p in tfs_testdata.rglob("saved_model.pb*")})
    assert len(models) >= 10
    for model in models:
        assert refused_ops(model) == gate_unsafe_ops(model), model


def test_the_file_ops_fixture_is_where_they_both_say_no(fixture_model):
    assert refused_ops(fixture_model("tf1_file_ops")) == gate_unsafe_ops(fixture_model("tf1_file_ops")) == {
        "ReadFile"}


def _with_init_op(model: Path, init_node: str) -> Path:
    """Give the model a ``__saved_model_init_op`` signature whose output is ``init_node`` (run at load time)."""
    sm = pb.SavedModel()
    sm.ParseFromString((model / "saved_model.pb").read_bytes())
    sm.meta_graphs[0].signature_def["__saved_model_init_op"].outputs["__saved_model_init_op"].name = init_node
    (model / "saved_model.pb").write_bytes(sm.SerializeToString())
    return model


def _print_to(name: str, stream: str, *inputs: str):
    n = node(name, "PrintV2", *inputs)
    n.attr["output_stream"].s = stream.encode()
    return n


def _debug(name: str, op: str, *urls: str):
    n = node(name, op, "x")
    n.attr["debug_urls"].list.s.extend(u.encode() for u in urls)
    return n


def _x():
    return node("x", "Placeholder", dtype=pb.DT_FLOAT)


# Hand-built graphs for the cases the fixtures do not have: (nodes, functions, output, what the init op runs,
# expected ops).  Every model gets an init op, so the scan walks from the roots (not the whole graph).
CASES = {
    "python_op_in_a_function": (
        [_x(), node("call", "StatefulPartitionedCall", "x", f="f")],
        [function("f", ["a"], {"o": "py:output:0"}, [node("py", "EagerPyFunc", "a")])], "call:0", [],
        {"EagerPyFunc"}),
    "side_effect_of_a_function_no_output_needs": (
        [_x(), node("call", "StatefulPartitionedCall", "x", f="f")],
        [function("f", ["a"], {"o": "id:output:0"}, [node("id", "Identity", "a"), node("w", "WriteFile")])],
        "call:0", [], {"WriteFile"}),
    "print_to_file_but_not_to_stderr": (
        [_x(), _print_to("p_err", "stderr"), _print_to("p_file", "file:///tmp/log"),
         node("y", "Identity", "x", "^p_err", "^p_file")], [], "y:0", [], {"PrintV2"}),
    "debug_ops_only_with_dump_urls": (
        [_x(), _debug("d0", "DebugNanCount"), _debug("d1", "DebugIdentity", "file:///tmp/dump"),
         node("y", "Identity", "x", "^d0", "^d1")], [], "y:0", [], {"DebugIdentity"}),
    "identity_readers_are_allowed": (
        [_x(), node("reader", "IdentityReaderV2"), node("y", "Identity", "x", "^reader")], [], "y:0", [], set()),
    "a_vocabulary_file_that_is_not_an_asset_is_refused": (  # (an asset's table: tests/model/test_hostile_models.py)
        [_x(), node("table", "HashTableV2"), node("vocab", "Const"),
         node("init_table", "InitializeTableFromTextFileV2", "table", "vocab"),
         node("y", "Identity", "x", "^init_table")], [], "y:0", [], {"InitializeTableFromTextFileV2"}),
    "system_ops": (
        [_x(), node("rc", "RemoteCall", "x"), node("y", "Identity", "rc")], [], "y:0", [], {"RemoteCall"}),
    "the_init_op_runs_at_load_time": (
        [_x(), node("y", "Identity", "x"), node("leak", "WriteFile")], [], "y:0", ["leak"], {"WriteFile"}),
    "a_fed_tensor_is_not_computed": (
        [node("path", "Const"), node("x", "ReadFile", "path"), node("y", "Identity", "x")], [], "y:0", [], set()),
    "unreachable_ops_do_not_run": (
        [_x(), node("y", "Identity", "x"), node("train_input", "TFRecordReaderV2")], [], "y:0", [], set()),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_predict_and_gate_agree_on_hand_built_graphs(tmp_path: Path, case):
    nodes, functions, output, init_runs, expected = CASES[case]
    init = node("init", "NoOp", *(f"^{n}" for n in init_runs))
    model = write_model(tmp_path, nodes=[*nodes, init], functions=functions, inputs={"x": "x:0"},
                        outputs={"y": output})
    _with_init_op(model, "init")
    assert refused_ops(model) == gate_unsafe_ops(model) == expected
