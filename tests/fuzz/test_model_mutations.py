"""A mutation corpus of SavedModels: the committed fixtures edited at the protobuf level (what an attacker or a
broken exporter can write), through the reader, the op scan and the gate.

Two properties: every mutant gets an answer (never an internal error or a hang), and a file-writing op planted
anywhere TensorFlow would run it — in the graph on a signature's path, inside the function a signature calls,
behind a func-attr placeholder bound at a call site, behind a gradient-table entry, as the restore op or the main
op, at the end of a call chain hundreds of functions deep — is always found.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sigcheck.model.proto import saved_model_pb2 as pb
from sigcheck.model.reader import read_model
from sigcheck.model.safety import scan_meta_graph

from .conftest import answers
from .test_reader import ORIGINAL, everything

NAMES = sorted(ORIGINAL)
WORK = Path(tempfile.mkdtemp(prefix="sigcheck-fuzz-mutants-"))
OPS = ["Identity", "NoOp", "Const", "PartitionedCall", "StatefulPartitionedCall", "SymbolicGradient", "If",
       "While", "ReadFile", "WriteFile", "PrintV2", "CacheDatasetV2", "InitializeTableFromTextFileV2", "SaveV2",
       "RestoreV2", "NoSuchOp", "Placeholder", "VarHandleOp", "ReadVariableOp", "AssignVariableOp", "DatasetFromGraph"]


def _meta(name: str) -> tuple[Any, Any]:
    sm = pb.SavedModel()
    sm.ParseFromString(ORIGINAL[name])
    return sm, sm.meta_graphs[0]


def _serving_output(mg: Any) -> Any:
    """The top-level node whose tensor serving_default (or the first signature) fetches."""
    sigs = [k for k in sorted(mg.signature_def) if not k.startswith("__")]
    sig = mg.signature_def["serving_default" if "serving_default" in sigs else sigs[0]]
    tensor = sorted(sig.outputs.items())[0][1].name
    return next(n for n in mg.graph_def.node if n.name == tensor.split(":")[0])


def _function(mg: Any, name: str) -> Any:
    return next(f for f in mg.graph_def.library.function if f.signature.name == name)


def _writer(scope: Any, name: str = "planted_write") -> str:
    nodes = scope.node if hasattr(scope, "node") else scope.node_def
    nodes.add(name=name, op="WriteFile")
    return name


def _chain(mg: Any, depth: int, leaf: str) -> str:
    """``depth`` functions, each calling the next; the last runs ``leaf`` (a function name); returns the first."""
    prev = leaf
    for i in range(depth):
        f = mg.graph_def.library.function.add()
        f.signature.name = f"chain_{i}_{leaf}"
        call = f.node_def.add(name="c", op="PartitionedCall")
        call.attr["f"].func.name = prev
        prev = f.signature.name
    return prev


def _writer_function(mg: Any) -> str:
    f = mg.graph_def.library.function.add()
    f.signature.name = "planted_writer_fn"
    _writer(f)
    return f.signature.name


PLANTS = ["graph", "called_function", "placeholder", "gradient", "restore_op", "main_op", "init_signature",
          "chain", "nested_attr"]


def plant(mg: Any, where: str, depth: int) -> None:
    out = _serving_output(mg)
    if where == "graph":
        out.input.append("^" + _writer(mg.graph_def))
    elif where == "called_function":
        callee = out.attr["f"].func.name if "f" in out.attr else ""
        if callee:
            _writer(_function(mg, callee))
        else:
            out.input.append("^" + _writer(mg.graph_def))
    elif where in ("placeholder", "nested_attr"):
        wrapper = mg.graph_def.library.function.add()
        wrapper.signature.name = "planted_wrapper"
        wrapper.signature.attr.add(name="g", type="func")
        inner = wrapper.node_def.add(name="call", op="PartitionedCall")
        inner.attr["f"].placeholder = "g"
        top = mg.graph_def.node.add(name="planted_call", op="PartitionedCall")
        top.attr["f"].func.name = "planted_wrapper"
        bound = top.attr["f"].func.attr["g"].func
        if where == "nested_attr":
            bound.name = "planted_wrapper"
            bound = bound.attr["g"].func
        bound.name = _writer_function(mg)
        out.input.append("^planted_call")
    elif where == "gradient":
        benign = mg.graph_def.library.function.add()
        benign.signature.name = "planted_benign"
        mg.graph_def.library.gradient.add(function_name="planted_benign", gradient_func=_writer_function(mg))
        grad = mg.graph_def.node.add(name="planted_grad", op="SymbolicGradient")
        grad.attr["f"].func.name = "planted_benign"
        out.input.append("^planted_grad")
    elif where == "restore_op":
        mg.saver_def.restore_op_name = _writer(mg.graph_def)
    elif where == "main_op":
        mg.collection_def["saved_model_main_op"].node_list.value.append(_writer(mg.graph_def))
    elif where == "init_signature":
        mg.signature_def["__saved_model_init_op"].outputs["__saved_model_init_op"].name = _writer(mg.graph_def)
    elif where == "chain":
        top = mg.graph_def.node.add(name="planted_chain", op="PartitionedCall")
        top.attr["f"].func.name = _chain(mg, depth, _writer_function(mg))
        out.input.append("^planted_chain")


@given(st.sampled_from(NAMES), st.sampled_from(PLANTS), st.sampled_from([1, 10, 900, 1900]),
       st.sampled_from(["pb", "pbtxt"]))
def test_a_planted_writer_is_always_found(name, where, depth, form):
    sm, mg = _meta(name)
    plant(mg, where, depth)
    folder = WORK / "planted"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    if form == "pb":
        (folder / "saved_model.pb").write_bytes(sm.SerializeToString())
    else:
        from google.protobuf import text_format

        (folder / "saved_model.pbtxt").write_text(text_format.MessageToString(sm))
    found = answers("mutants.planted", lambda: scan_meta_graph(read_model(str(folder)).meta_graph))
    assert "WriteFile" in {u.op for u in found}, (name, where, depth, form)


@st.composite
def edits(draw: Any, mg: Any) -> None:
    """1..6 random structural edits of MetaGraph ``mg`` (in place)."""
    functions = [f.signature.name for f in mg.graph_def.library.function] or ["missing_fn"]
    nodes = [n.name for n in mg.graph_def.node] or ["missing"]
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["add_node", "delete_node", "rewire", "attr_func", "signature", "chain",
                                     "gradient", "saver", "collection", "deep_attr", "self_call"]))
        if kind == "add_node":
            node = mg.graph_def.node.add(name=draw(st.sampled_from(["n1", "n2", "x:y", ""])),
                                         op=draw(st.sampled_from(OPS + functions)))
            node.input.extend(draw(st.lists(st.sampled_from(nodes + ["^" + n for n in nodes] + ["a:b:c", ""]),
                                            max_size=3)))
        elif kind == "delete_node" and len(mg.graph_def.node):
            del mg.graph_def.node[draw(st.integers(0, len(mg.graph_def.node) - 1))]
        elif kind == "rewire" and len(mg.graph_def.node):
            node = mg.graph_def.node[draw(st.integers(0, len(mg.graph_def.node) - 1))]
            node.input.append(draw(st.sampled_from(nodes + ["^" + n for n in nodes])))
        elif kind == "attr_func" and len(mg.graph_def.node):
            node = mg.graph_def.node[draw(st.integers(0, len(mg.graph_def.node) - 1))]
            node.attr[draw(st.sampled_from(["f", "then_branch", "body", "g"]))].func.name = \
                draw(st.sampled_from(functions + ["nope"]))
        elif kind == "signature":
            sig = mg.signature_def[draw(st.sampled_from(["serving_default", "x", "__saved_model_init_op"]))]
            sig.outputs[draw(st.sampled_from(["y", "z"]))].name = draw(st.sampled_from(nodes + ["", ":0", "a:-1"]))
        elif kind == "chain":
            top = mg.graph_def.node.add(name="chain_call", op="PartitionedCall")
            top.attr["f"].func.name = _chain(mg, draw(st.sampled_from([5, 500, 1500])), draw(st.sampled_from(functions)))
        elif kind == "gradient":
            mg.graph_def.library.gradient.add(function_name=draw(st.sampled_from(functions)),
                                              gradient_func=draw(st.sampled_from(functions + ["nope"])))
        elif kind == "saver":
            mg.saver_def.restore_op_name = draw(st.sampled_from(nodes + ["", "missing"]))
        elif kind == "collection":
            mg.collection_def[draw(st.sampled_from(["saved_model_main_op", "legacy_init_op",
                                                    "saved_model_assets"]))].node_list.value.append(
                draw(st.sampled_from(nodes)))
        elif kind == "deep_attr" and len(mg.graph_def.node):
            value = mg.graph_def.node[0].attr["deep"]
            for _ in range(draw(st.sampled_from([3, 90]))):
                value = value.func.attr["x"]
            value.func.name = draw(st.sampled_from(functions))
        elif kind == "self_call":
            f = mg.graph_def.library.function.add()
            f.signature.name = "self_caller"
            f.node_def.add(name="c", op="self_caller")
            mg.graph_def.node.add(name="calls_self", op="self_caller")


@given(st.sampled_from(NAMES), st.data())
def test_structural_mutants_get_an_answer(name, data):
    sm, mg = _meta(name)
    data.draw(edits(mg))
    folder = WORK / "mutant"
    folder.mkdir(exist_ok=True)
    raw = answers("mutants.serialize", lambda: sm.SerializeToString())
    if isinstance(raw, Exception):
        return
    (folder / "saved_model.pb").write_bytes(raw)
    answers("mutants.structural", lambda: everything(folder))
