"""Gate test helpers.

``build_model(tmp, nodes=…, functions=…, inputs=…, outputs=…)`` writes a real ``saved_model.pb`` (serialized with
sigcheck's own SavedModel protobuf, the same wire format TensorFlow writes) for graph shapes the generated fixtures
do not cover: placeholders inside library functions, calls through ``StatefulPartitionedCall``/``PartitionedCall``/
a function called by name, ``If`` branches, control outputs, custom ops.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Iterable, Mapping

import pytest

from sigcheck.model.proto import saved_model_pb2 as pb

PREDICT = "tensorflow/serving/predict"


def node(name: str, op: str, *inputs: str, dtype: int | None = None, shape: Iterable[int] | None = None,
         f: str | None = None, funcs: Mapping[str, str] | None = None) -> Any:
    n = pb.NodeDef(name=name, op=op, input=list(inputs))
    if dtype is not None:
        n.attr["dtype"].type = dtype
    if shape is not None:
        for d in shape:
            n.attr["shape"].shape.dim.add(size=d)
    if f is not None:
        n.attr["f"].func.name = f
    for attr, fname in (funcs or {}).items():
        n.attr[attr].func.name = fname
    return n


def function(name: str, args: Iterable[str], rets: Mapping[str, str], nodes: Iterable[Any],
             control_rets: Mapping[str, str] | None = None) -> Any:
    f = pb.FunctionDef()
    f.signature.name = name
    for a in args:
        f.signature.input_arg.add(name=a, type=pb.DT_FLOAT)
    for r in rets:
        f.signature.output_arg.add(name=r, type=pb.DT_FLOAT)
    for k, v in rets.items():
        f.ret[k] = v
    for k, v in (control_rets or {}).items():
        f.signature.control_output.append(k)
        f.control_ret[k] = v
    f.node_def.extend(nodes)
    return f


def write_model(folder: Path, *, nodes: Iterable[Any], functions: Iterable[Any] = (),
                inputs: Mapping[str, str], outputs: Mapping[str, str], tf_version: str = "2.15.0",
                stripped_ops: Iterable[str] = (), signature_key: str = "serving_default") -> Path:
    """Write ``folder/saved_model.pb`` with one serving signature (input alias → tensor, output alias → tensor)."""
    sm = pb.SavedModel(saved_model_schema_version=1)
    mg = sm.meta_graphs.add()
    mg.meta_info_def.tags.append("serve")
    mg.meta_info_def.tensorflow_version = tf_version
    for op in stripped_ops:
        mg.meta_info_def.stripped_op_list.op.add(name=op)
    mg.graph_def.node.extend(nodes)
    mg.graph_def.library.function.extend(functions)
    sig = mg.signature_def[signature_key]
    sig.method_name = PREDICT
    for alias, tensor in inputs.items():
        sig.inputs[alias].name = tensor
        sig.inputs[alias].dtype = pb.DT_FLOAT
        sig.inputs[alias].tensor_shape.dim.add(size=-1)
    for alias, tensor in outputs.items():
        sig.outputs[alias].name = tensor
        sig.outputs[alias].dtype = pb.DT_FLOAT
        sig.outputs[alias].tensor_shape.dim.add(size=-1)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "saved_model.pb").write_bytes(sm.SerializeToString())
    return folder


@pytest.fixture
def copy_model(tmp_path: Path):
    """Copy a model folder (a fixture's version folder) into tmp and return the copy's path."""

    def copy(src: Path, name: str = "model") -> Path:
        src = Path(src)
        versions = sorted((p for p in src.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))
        if versions:
            src = versions[-1]
        dest = tmp_path / name
        shutil.copytree(src, dest)
        return dest

    return copy
