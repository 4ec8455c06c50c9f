"""The op allow-list (sigcheck/model/op_classes.json) is complete, reviewed, and decides conditional ops right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.model import ops
from sigcheck.model.proto import saved_model_pb2 as pb

TABLE = json.loads((Path(ops.__file__).parent / "op_classes.json").read_text())


def test_every_op_of_every_recorded_registry_is_classified_and_nothing_is_left_unreviewed():
    from sigcheck.runtime.registry import stock_op_names

    assert stock_op_names() <= set(TABLE["ops"])
    assert not [op for op, c in TABLE["ops"].items() if c == "unclassified"]
    assert set(TABLE["ops"].values()) <= set(TABLE["categories"])


@pytest.mark.parametrize("op, decision", [
    ("MatMul", "allowed"), ("DecodeJpeg", "allowed"), ("StatefulPartitionedCall", "allowed"),
    ("ReadVariableOp", "allowed"), ("LookupTableFindV2", "allowed"), ("MapDataset", "allowed"),
    ("RestoreV2", "conditional"), ("InitializeTableFromTextFileV2", "conditional"), ("CacheDatasetV2", "conditional"),
    ("PrintV2", "conditional"), ("DecodeProtoV2", "conditional"),
    ("ReadFile", "refused"), ("WriteFile", "refused"), ("Abort", "refused"), ("RecordInput", "refused"),
    ("ListSnapshotChunksDataset", "refused"), ("ExperimentalSleepDataset", "refused"), ("DatasetFromGraph", "refused"),
    ("EagerPyFunc", "refused"), ("SaveV2", "refused"), ("FIFOQueueV2", "refused"), ("Send", "refused"),
    ("ImmutableConst", "refused"), ("RemoteCall", "refused"),
])
def test_decisions(op, decision):
    assert ops.rule_of(op).decision == decision


def test_an_unknown_op_is_refused():
    rule = ops.rule_of("SentencepieceOp")
    assert rule.kind == ops.UNKNOWN and rule.decision == ops.REFUSED and not ops.is_allowed("SentencepieceOp")


def _node(op, **attrs):
    n = pb.NodeDef(name="n", op=op)
    for k, v in attrs.items():
        if isinstance(v, list):
            n.attr[k].list.s.extend(v)
        else:
            n.attr[k].s = v
    return n


@pytest.mark.parametrize("node, refused", [
    (_node("PrintV2"), None),
    (_node("PrintV2", output_stream=b"stderr"), None),
    (_node("PrintV2", output_stream=b"log(warning)"), None),
    (_node("PrintV2", output_stream=b"stdout"), "prints to stdout, the answer stream"),
    (_node("PrintV2", output_stream=b"file:///tmp/x"), "prints to a file (file:///tmp/x)"),
    (_node("DebugIdentity"), None),
    (_node("DebugIdentity", debug_urls=[b"file:///tmp/d"]), "dumps tensors to file:///tmp/d"),
    (_node("Copy", debug_ops_spec=[b"DebugIdentity;file:///tmp/d;0"]), "dumps tensors to DebugIdentity;file:///tmp/d;0"),
    (_node("DecodeProtoV2"), None),
    (_node("DecodeProtoV2", descriptor_source=b"local://"), None),
    (_node("DecodeProtoV2", descriptor_source=b"bytes://\x0a\x00"), None),
    (_node("EncodeProto", descriptor_source=b"/etc/passwd"), "reads protobuf descriptors from the file /etc/passwd"),
    (_node("CacheDatasetV2"), ""),  # decided by the scan from its file name input
])
def test_attribute_conditions(node, refused):
    assert ops.attr_refusal(node, ops.rule_of(node.op)) == refused
