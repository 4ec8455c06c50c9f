"""sigcheck.model.graph: the walk from a signature's outputs through node inputs and into library functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.model.graph import graph_ops, reached_ops, unfed_placeholders, uses_variables
from sigcheck.model.proto import saved_model_pb2 as pb

from .conftest import function, node, write_model

FIXTURES_CLEAN = ["keras_tabular", "keras_unnamed", "keras_image", "module_multi", "tf1_fixed_batch",
                  "tf1_file_ops", "tf1_placeholder_with_default"]
TFS_MODELS = [
    "servables/tensorflow/testdata/saved_model_half_plus_two_cpu",
    "servables/tensorflow/testdata/saved_model_half_plus_two_tf2_cpu",
    "servables/tensorflow/testdata/saved_model_half_plus_two_2_versions",
    "servables/tensorflow/testdata/saved_model_half_plus_two_mkl",
    "servables/tensorflow/testdata/saved_model_half_plus_three",
    "servables/tensorflow/testdata/saved_model_counter",
    "batching/testdata/matrix_half_plus_two",
]


def test_learning_phase_placeholder_is_found(fixture_model):
    info = read_model(str(fixture_model("tf1_learning_phase")))
    (p,) = unfed_placeholders(info, "serving_default")
    assert (p.name, p.dtype, p.location, p.signature) == ("keras_learning_phase", "DT_BOOL", "keras_learning_phase",
                                                          "serving_default")
    assert p.tensor_name == "keras_learning_phase:0"
    assert p.needed_by in info.signatures["serving_default"].outputs


def test_keep_prob_placeholder_is_found(fixture_model):
    info = read_model(str(fixture_model("tf1_keep_prob")))
    (p,) = unfed_placeholders(info, "serving_default")
    assert p.name == "keep_prob" and p.dtype == "DT_FLOAT"


@pytest.mark.parametrize("name", FIXTURES_CLEAN)
def test_fixtures_without_unfed_placeholders(fixture_model, name):
    info = read_model(str(fixture_model(name)))
    for key in info.signatures:
        assert unfed_placeholders(info, key) == [], key


@pytest.mark.parametrize("rel", TFS_MODELS)
def test_tf_serving_models_feed_every_placeholder(tfs_testdata, rel):
    info = read_model(str(tfs_testdata / "tensorflow_serving" / rel))
    for key in info.signatures:
        assert unfed_placeholders(info, key) == [], key


def test_tf2_walk_goes_through_stateful_partitioned_call(tfs_testdata):
    info = read_model(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                                         "saved_model_half_plus_two_tf2_cpu"))
    ops = reached_ops(info, "serving_default")
    # Mul/AddV2 live only inside the called function's body
    assert "AddV2" in ops and all(":" in loc for loc in ops["AddV2"])
    assert "StatefulPartitionedCall" in ops
    # the save/restore functions (SaveV2, RestoreV2) are in the graph but not on the serving path
    assert "SaveV2" not in ops and "RestoreV2" not in ops
    assert "SaveV2" in graph_ops(info) and "RestoreV2" in graph_ops(info)


def test_signature_inputs_stop_the_walk(tfs_testdata):
    info = read_model(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                                         "saved_model_half_plus_two_2_versions"))
    # regress_x2_to_y3 feeds x2 (an Identity of ParseExample's output): ParseExample is not run
    assert "ParseExample" not in reached_ops(info, "regress_x2_to_y3")
    assert "ParseExample" in reached_ops(info, "regress_x_to_y")


def _x() -> list:
    return [node("x", "Placeholder", dtype=pb.DT_FLOAT, shape=[-1])]


def test_only_the_function_arguments_an_output_needs_are_followed(tmp_path: Path):
    # f(a, b) returns (a*2, b*3); the signature fetches output 0, so the unfed "secret" behind b is not needed
    f = function("f", ["a", "b"], {"out0": "m0:z:0", "out1": "m1:z:0"},
                 [node("c", "Const"), node("m0", "Mul", "a", "c:output:0"), node("m1", "Mul", "b", "c:output:0")])
    nodes = _x() + [node("secret", "Placeholder", dtype=pb.DT_INT32, shape=[-1, 3]),
                    node("call", "StatefulPartitionedCall", "x", "secret", f="f")]
    info = read_model(str(write_model(tmp_path / "a", nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"})))
    assert unfed_placeholders(info, "serving_default") == []
    info = read_model(str(write_model(tmp_path / "b", nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:1"})))
    (p,) = unfed_placeholders(info, "serving_default")
    assert (p.name, p.dtype, p.shape, p.needed_by) == ("secret", "DT_INT32", (-1, 3), "y")


def test_placeholder_inside_a_function_body_is_reported_with_its_function(tmp_path: Path):
    f = function("__inference_serve_12", ["a"], {"out": "add:z:0"},
                 [node("keep_prob", "Placeholder", dtype=pb.DT_FLOAT), node("add", "AddV2", "a", "keep_prob:output:0")])
    nodes = _x() + [node("call", "PartitionedCall", "x", f="__inference_serve_12")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"})))
    (p,) = unfed_placeholders(info, "serving_default")
    assert p.location == "__inference_serve_12:keep_prob"


def test_nested_calls_by_function_name_map_arguments(tmp_path: Path):
    # top: PartitionedCall(x, phase) -> outer(a, b); outer calls inner(b) by name; inner returns its arg
    inner = function("inner", ["v"], {"r": "id:output:0"}, [node("id", "Identity", "v")])
    outer = function("outer", ["a", "b"], {"o": "c:r:0"}, [node("c", "inner", "b")])
    nodes = _x() + [node("phase", "Placeholder", dtype=pb.DT_BOOL), node("call", "PartitionedCall", "x", "phase",
                                                                          f="outer")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[inner, outer], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"})))
    assert [p.name for p in unfed_placeholders(info, "serving_default")] == ["phase"]
    assert "inner" not in graph_ops(info)  # a call by name is not an op
    assert "Identity" in graph_ops(info) and graph_ops(info)["Identity"] == ["inner:id"]


def test_control_inputs_and_control_outputs_run(tmp_path: Path):
    f = function("f", ["a"], {"o": "id:output:0"},
                 [node("id", "Identity", "a"), node("path", "Const"), node("rf", "ReadFile", "path:output:0")],
                 control_rets={"side_effect": "rf"})
    nodes = _x() + [node("flag", "Placeholder", dtype=pb.DT_BOOL),
                    node("call", "StatefulPartitionedCall", "x", "^flag", f="f")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"})))
    assert [p.name for p in unfed_placeholders(info, "serving_default")] == ["flag"]
    assert reached_ops(info, "serving_default")["ReadFile"] == ["f:rf"]


def test_functions_named_by_other_ops_are_walked_whole(tmp_path: Path):
    then_f = function("then_f", ["a"], {"o": "r:contents:0"}, [node("r", "ReadFile", "a")])
    else_f = function("else_f", ["a"], {"o": "i:output:0"}, [node("i", "Identity", "a")])
    nodes = _x() + [node("cond", "Const"),
                    node("if", "StatelessIf", "cond", "x", funcs={"then_branch": "then_f", "else_branch": "else_f"})]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[then_f, else_f], inputs={"x": "x:0"},
                                      outputs={"y": "if:0"})))
    ops = reached_ops(info, "serving_default")
    assert ops["ReadFile"] == ["then_f:r"] and ops["Identity"] == ["else_f:i"]


def test_recursive_functions_terminate(tmp_path: Path):
    f = function("f", ["a", "b"], {"o": "c:o:0"}, [node("c", "f", "a", "b")])
    nodes = _x() + [node("p", "Placeholder", dtype=pb.DT_FLOAT), node("call", "PartitionedCall", "x", "p", f="f")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"})))
    assert [p.name for p in unfed_placeholders(info, "serving_default")] == ["p"]


def test_placeholder_with_default_is_not_reported_but_walked_through(tmp_path: Path):
    nodes = _x() + [node("inner", "Placeholder", dtype=pb.DT_FLOAT), node("pwd", "PlaceholderWithDefault", "inner"),
                    node("add", "AddV2", "x", "pwd")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, inputs={"x": "x:0"}, outputs={"y": "add:0"})))
    assert [p.name for p in unfed_placeholders(info, "serving_default")] == ["inner"]


def test_deep_graphs_do_not_hit_the_recursion_limit(tmp_path: Path):
    chain = _x() + [node(f"n{i}", "Identity", "x" if i == 0 else f"n{i - 1}") for i in range(5000)]
    chain.append(node("p", "Placeholder", dtype=pb.DT_FLOAT))
    chain.append(node("add", "AddV2", "n4999", "p"))
    info = read_model(str(write_model(tmp_path, nodes=chain, inputs={"x": "x:0"}, outputs={"y": "add:0"})))
    assert [p.name for p in unfed_placeholders(info, "serving_default")] == ["p"]


def test_graph_ops_lists_every_op_with_locations_and_stripped_ops(tmp_path: Path):
    f = function("f", ["a"], {"o": "m:z:0"}, [node("m", "Mul", "a", "a")])
    nodes = _x() + [node("call", "StatefulPartitionedCall", "x", f="f")]
    info = read_model(str(write_model(tmp_path, nodes=nodes, functions=[f], inputs={"x": "x:0"},
                                      outputs={"y": "call:0"}, stripped_ops=["Mul", "OnlyListed"])))
    ops = graph_ops(info)
    assert ops == {"Mul": ["f:m"], "OnlyListed": ["stripped_op_list"], "Placeholder": ["x"],
                   "StatefulPartitionedCall": ["call"]}


def test_uses_variables(fixture_model, tfs_testdata):
    assert uses_variables(read_model(str(fixture_model("keras_tabular")))) is True
    assert uses_variables(read_model(str(tfs_testdata / "tensorflow_serving/batching/testdata/"
                                                        "matrix_half_plus_two"))) is False


def test_contracts_have_no_graph(tmp_path: Path, fixture_model):
    from sigcheck.model import contract

    info = read_model(str(fixture_model("tf1_keep_prob")))
    path = tmp_path / "c.json"
    path.write_text(contract.dumps(info))
    c = read_model(str(path))
    assert unfed_placeholders(c, "serving_default") == [] and graph_ops(c) == {} and uses_variables(c) is None


def _dropout_two_outputs(tmp_path: Path) -> Path:
    # trial8 M6: y = x * keep_prob, cls = ArgMax(y), plain = x + 1; the walk from cls reaches keep_prob first and
    # stops at the shared y when walking from y, so only cls used to be named although y needs keep_prob too
    nodes = _x() + [node("keep_prob", "Placeholder", dtype=pb.DT_FLOAT), node("h", "Mul", "x", "keep_prob"),
                    node("y", "Identity", "h"), node("cls", "ArgMax", "y"), node("one", "Const"),
                    node("plain", "AddV2", "x", "one")]
    return write_model(tmp_path, nodes=nodes, inputs={"x": "x:0"},
                       outputs={"cls": "cls:0", "y": "y:0", "plain": "plain:0"})


def test_every_output_that_needs_an_unfed_placeholder_is_named(tmp_path: Path):
    info = read_model(str(_dropout_two_outputs(tmp_path)))
    (p,) = unfed_placeholders(info, "serving_default")
    assert p.name == "keep_prob" and p.outputs == ("cls", "y") and p.needed_by in p.outputs


def test_gate_names_every_output_of_an_unfed_placeholder(tmp_path: Path):
    from sigcheck.gate import run_gate

    (d,) = [d for d in run_gate(str(_dropout_two_outputs(tmp_path))).findings if d.code == "graph.unfed_placeholder"]
    assert d.message.startswith('outputs "cls" and "y" of signature "serving_default" depend on placeholder '
                                '"keep_prob"'), d.message
