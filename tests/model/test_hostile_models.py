"""The safety scan on real SavedModels that touch files or the process (the cases of issue #19).

Each model is exported by TensorFlow (some then edited with TensorFlow's own protobuf messages, as an attacker
would: tests/model/hostile.py).  ``check_model`` is what ``predict`` refuses, the gate's ``op.unsafe`` must say the
same, and the harmless look-alikes (print to stderr, an in-memory cache, a vocabulary asset, the built-in protobuf
descriptors) must run.
"""

from __future__ import annotations

import pytest

from sigcheck.gate import run_gate
from sigcheck.model.reader import read_model
from sigcheck.model.safety import UNKNOWN_FIELD, UnsafeModelError, check_model

pytestmark = pytest.mark.tf

REFUSED = {
    "abort": ({"Abort"}, "predict"),
    "record_input": ({"RecordInput"}, "predict"),
    "decode_proto_file": ({"DecodeProtoV2"}, "predict"),
    "list_snapshot_chunks": ({"ListSnapshotChunksDataset"}, "predict"),
    "sleep_dataset": ({"ExperimentalSleepDataset"}, "predict"),
    "print_stdout": ({"PrintV2"}, "predict"),
    "dataset_from_graph": ({"DatasetFromGraph"}, "predict"),
    "cache_to_file": ({"CacheDatasetV2"}, "predict"),
    "vocabulary_from_request": ({"InitializeTableFromTextFileV2"}, "predict"),
    "func_attr_placeholder": ({"WriteFile"}, "predict"),
    "symbolic_gradient": ({"WriteFile"}, "predict"),
    "restore_op_write_file": ({"WriteFile"}, "load"),
    "restore_op_save_v2": ({"SaveV2"}, "load"),
    "main_op_save_v2": ({"SaveV2"}, "load"),
    "unknown_group_before_node_list": ({"WriteFile", UNKNOWN_FIELD}, "load"),
}
ALLOWED = ["print_stderr", "cache_in_memory", "vocabulary_asset", "tf1_vocabulary_asset", "decode_proto_local",
           "unreached_writer"]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_predict_refuses_and_the_gate_agrees(hostile_models, case):
    ops, when = REFUSED[case]
    info = read_model(str(hostile_models[case]))
    with pytest.raises(UnsafeModelError) as err:
        check_model(info)
    found = err.value.found
    assert {u.op for u in found} == ops
    assert {u.when for u in found if u.op != UNKNOWN_FIELD} == {when}
    first = found[0]
    assert first.op in str(err.value) and f'node "{first.node}"' in str(err.value) and f"{when} time" in str(err.value)
    gate = run_gate(info, rules=["op.unsafe"])
    assert {d.received for d in gate.findings} == ops
    assert all(("re-export" in d.hint) == (d.received == UNKNOWN_FIELD) for d in gate.findings)  # (no --allow-op advice
    assert check_model(info, allow_ops=ops) == found  # --allow-op for each one runs it           # for a field)


@pytest.mark.parametrize("case", ALLOWED)
def test_harmless_look_alikes_run(hostile_models, case):
    info = read_model(str(hostile_models[case]))
    assert check_model(info) == []
    assert run_gate(info, rules=["op.unsafe"]).checks["op.unsafe"] == "pass"


def test_findings_name_the_function_and_what_they_do(hostile_models):
    info = read_model(str(hostile_models["symbolic_gradient"]))
    [hit] = check_model(info, allow_unsafe_ops=True)
    assert hit.where.startswith("function __inference_write") and hit.reason == "writes a file"
    [hit] = check_model(read_model(str(hostile_models["print_stdout"])), allow_unsafe_ops=True)
    assert hit.reason == "prints to stdout, the answer stream" and hit.signatures == ("serving_default",)
    [hit] = check_model(read_model(str(hostile_models["vocabulary_from_request"])), allow_unsafe_ops=True)
    assert "the request (signature input serving_default_s)" in hit.reason


def test_an_allowed_op_does_not_cover_another(hostile_models):
    info = read_model(str(hostile_models["unknown_group_before_node_list"]))
    with pytest.raises(UnsafeModelError) as err:
        check_model(info, allow_ops=["WriteFile"])
    assert {u.op for u in err.value.found} == {UNKNOWN_FIELD}


def test_tensorflow_reads_the_main_op_behind_the_unknown_group(hostile_models):
    """The parser difference of the issue: TensorFlow's own parser sees node_list after the group; so does sigcheck."""
    from tensorflow.core.protobuf import saved_model_pb2 as tf_sm

    sm = tf_sm.SavedModel()
    sm.ParseFromString((hostile_models["unknown_group_before_node_list"] / "saved_model.pb").read_bytes())
    assert list(sm.meta_graphs[0].collection_def["saved_model_main_op"].node_list.value) == ["evil_main_op"]
    info = read_model(str(hostile_models["unknown_group_before_node_list"]))
    assert list(info.meta_graph.collection_def["saved_model_main_op"].node_list.value) == ["evil_main_op"]


def test_pbtxt_and_pb_of_the_same_model_scan_the_same(hostile_models, tmp_path):
    from google.protobuf import text_format

    from sigcheck.model.proto import saved_model_pb2 as pb

    src = hostile_models["restore_op_write_file"]
    sm = pb.SavedModel()
    text_format.Parse((src / "saved_model.pbtxt").read_text(), sm, allow_unknown_field=True)
    (tmp_path / "saved_model.pb").write_bytes(sm.SerializeToString())
    as_pb = check_model(read_model(str(tmp_path)), allow_unsafe_ops=True)
    as_text = check_model(read_model(str(src)), allow_unsafe_ops=True)
    assert [(u.op, u.node, u.when) for u in as_pb] == [(u.op, u.node, u.when) for u in as_text] == [
        ("WriteFile", "evil_restore", "load")]
