"""The op safety scan reads the graph with sigcheck's protobuf messages, before (and without) TensorFlow."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sigcheck.model.proto import saved_model_pb2 as pb
from sigcheck.model.reader import read_model
from sigcheck.model.safety import UnsafeModelError, check_model, scan_meta_graph


def _node(graph_or_fn, name: str, op: str, *inputs: str, **attrs):
    node = graph_or_fn.node.add() if hasattr(graph_or_fn, "node") else graph_or_fn.node_def.add()
    node.name, node.op = name, op
    node.input.extend(inputs)
    for key, value in attrs.items():
        if isinstance(value, bytes):
            node.attr[key].s = value
        elif isinstance(value, list):
            node.attr[key].list.s.extend(value)
        else:
            node.attr[key].func.name = value
    return node


def _meta_graph(output: str = "y:0"):
    mg = pb.MetaGraphDef()
    mg.meta_info_def.tags.append("serve")
    sig = mg.signature_def["serving_default"]
    sig.method_name = "tensorflow/serving/predict"
    sig.inputs["x"].name = "x:0"
    sig.outputs["y"].name = output
    _node(mg.graph_def, "x", "Placeholder")
    return mg


def _with_saver(mg, restore_op: str = "save/restore_all", init: str | None = None):
    """Add a SaverDef (field 3) and a saved_model_main_op collection (field 4) as raw protobuf bytes."""
    def ld(number: int, payload: bytes) -> bytes:
        return bytes([(number << 3) | 2, len(payload)]) + payload

    raw = mg.SerializeToString() + ld(3, ld(3, restore_op.encode()))
    if init:
        collection = ld(1, ld(1, init.encode()))  # CollectionDef.node_list.value
        raw += ld(4, ld(1, b"saved_model_main_op") + ld(2, collection))
    out = pb.MetaGraphDef()
    out.ParseFromString(raw)
    return out


def test_clean_graph_has_nothing() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "y", "Identity", "x")
    assert scan_meta_graph(mg) == []


def test_read_file_reachable_from_output_is_named_with_its_node() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "path", "Const")
    _node(mg.graph_def, "read", "ReadFile", "path")
    _node(mg.graph_def, "y", "Identity", "x", "^read")
    [hit] = scan_meta_graph(mg)
    assert (hit.op, hit.node, hit.where, hit.when) == ("ReadFile", "read", "graph", "predict")
    assert 'ReadFile (reads a file) at node "read" in the graph' in hit.describe()


def test_ops_inside_called_functions_are_found_with_the_function_name() -> None:
    mg = _meta_graph("call:0")
    fn = mg.graph_def.library.function.add()
    fn.signature.name = "__inference_serve_7"
    _node(fn, "w", "WriteFile")
    inner = mg.graph_def.library.function.add()
    inner.signature.name = "__inference_cb_9"
    _node(inner, "cb", "EagerPyFunc")
    _node(fn, "nested", "StatefulPartitionedCall", f="__inference_cb_9")
    _node(mg.graph_def, "call", "StatefulPartitionedCall", "x", f="__inference_serve_7")
    found = {(u.op, u.where) for u in scan_meta_graph(mg)}
    assert found == {("WriteFile", "function __inference_serve_7"), ("EagerPyFunc", "function __inference_cb_9")}


def test_unreachable_ops_and_the_save_path_are_not_reported_when_the_saver_is_known() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "y", "Identity", "x")
    _node(mg.graph_def, "train_input", "TFRecordReaderV2")  # leftover training pipeline: never runs
    _node(mg.graph_def, "save/SaveV2", "SaveV2")
    _node(mg.graph_def, "save/RestoreV2", "RestoreV2")
    _node(mg.graph_def, "save/restore_all", "NoOp", "^save/RestoreV2")
    assert scan_meta_graph(_with_saver(mg)) == []


def test_init_op_runs_at_load_time() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "y", "Identity", "x")
    _node(mg.graph_def, "leak", "WriteFile")
    _node(mg.graph_def, "init", "NoOp", "^leak")
    [hit] = scan_meta_graph(_with_saver(mg, init="init"))
    assert (hit.op, hit.when) == ("WriteFile", "load")


def test_restore_op_outside_the_restore_path_is_reported() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "r", "RestoreV2")
    _node(mg.graph_def, "y", "Identity", "x", "^r")
    mg = _with_saver(mg)
    assert [(u.op, u.when) for u in scan_meta_graph(mg)] == [("RestoreV2", "predict")]


def test_without_saver_or_init_everything_counts_except_checkpoint_ops() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "y", "Identity", "x")
    _node(mg.graph_def, "loose", "MatchingFiles")
    _node(mg.graph_def, "save/SaveV2", "SaveV2")
    assert [(u.op, u.when) for u in scan_meta_graph(mg)] == [("MatchingFiles", "load")]


def test_print_to_file_and_debug_dumps_but_not_print_to_stderr() -> None:
    mg = _meta_graph()
    _node(mg.graph_def, "p_err", "PrintV2", output_stream=b"stderr")
    _node(mg.graph_def, "p_file", "PrintV2", output_stream=b"file:///tmp/log.txt")
    _node(mg.graph_def, "dbg", "DebugIdentity", debug_urls=[b"file:///tmp/dump"])
    _node(mg.graph_def, "y", "Identity", "x", "^p_err", "^p_file", "^dbg")
    found = {u.node: u.reason for u in scan_meta_graph(mg)}
    assert found == {"p_file": "prints to a file (file:///tmp/log.txt)", "dbg": "dumps tensors to file:///tmp/dump"}


def test_fixture_file_ops_model_is_refused_and_allowed_on_request(fixture_model) -> None:
    info = read_model(str(fixture_model("tf1_file_ops")))
    with pytest.raises(UnsafeModelError) as err:
        check_model(info)
    assert "ReadFile" in str(err.value) and "read_config" in str(err.value) and "in the graph" in str(err.value)
    assert "--allow-unsafe-ops" in err.value.hint
    assert [u.op for u in check_model(info, allow_unsafe_ops=True)] == ["ReadFile"]


@pytest.mark.parametrize("name", ["keras_image", "keras_tabular", "keras_unnamed", "module_multi",
                                  "tf1_learning_phase", "tf1_keep_prob", "tf1_placeholder_with_default",
                                  "tf1_fixed_batch"])
def test_fixture_models_are_clean(fixture_model, name: str) -> None:
    assert scan_meta_graph(read_model(str(fixture_model(name))).meta_graph) == []


def test_tf_serving_test_models_are_clean(tfs_testdata) -> None:
    models = sorted(p.parent for p in tfs_testdata.rglob("saved_model.pb"))
    assert len(models) >= 10
    for path in models:
        assert scan_meta_graph(read_model(str(path)).meta_graph) == [], path


def test_refusal_happens_without_importing_tensorflow(fixture_model) -> None:
    code = (
        "import sys\n"
        "from sigcheck.serving import LocalServer, UnsafeModelError\n"
        "try:\n"
        f"    LocalServer({str(fixture_model('tf1_file_ops'))!r})\n"
        "except UnsafeModelError:\n"
        "    print('refused', 'tensorflow' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "refused False", out.stderr
