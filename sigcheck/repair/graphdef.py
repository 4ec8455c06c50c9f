"""Repair a TF1 graph by editing its MetaGraph: variables/, assets/ and every other file are copied unchanged.

* an unfed placeholder is bound by re-importing the GraphDef into a fresh ``tf.Graph`` with
  ``tf.compat.v1.import_graph_def(graph_def, input_map={"keep_prob:0": default}, name="")``, ``default`` being a
  ``placeholder_with_default`` of the inference value (``sigcheck_repair/keep_prob``): every node keeps its name,
  so the saver's restore op, the init op, the collections and the other signatures still point at the same nodes
  and the checkpoint in ``variables/`` restores as before (the old placeholder stays, with nothing reading it; a
  signature that fed it feeds the new tensor);
* ``--default-signature NAME`` copies SignatureDef NAME to ``serving_default`` (an existing serving_default is first
  copied to the key the plan keeps it under);
* ``--rename OLD=NEW`` renames the keys of the SignatureDefs' input/output maps (the graph is unchanged).

``fingerprint.pb`` is not copied: its checksums describe the old saved_model.pb.
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from .._optional import require

PURPOSE = "repairing the model (sigcheck repair)"
CONST_SCOPE = "sigcheck_repair"
"""Name scope of the constants that replace bound placeholders."""
SKIPPED_FILES = ("saved_model.pb", "saved_model.pbtxt", "fingerprint.pb")


def read_saved_model(local_dir: str) -> Any:
    """The SavedModel message (TensorFlow's own proto) of the folder ``local_dir``."""
    require("tensorflow", purpose=PURPOSE)
    from tensorflow.core.protobuf import saved_model_pb2

    sm = saved_model_pb2.SavedModel()
    pb = os.path.join(local_dir, "saved_model.pb")
    if os.path.exists(pb):
        with open(pb, "rb") as fh:
            sm.ParseFromString(fh.read())
    else:
        from google.protobuf import text_format

        with open(os.path.join(local_dir, "saved_model.pbtxt"), encoding="utf-8") as fh:
            text_format.Parse(fh.read(), sm)
    return sm


def meta_graph_for(sm: Any, tags: tuple[str, ...]) -> Any:
    for mg in sm.meta_graphs:
        if set(mg.meta_info_def.tags) == set(tags):
            return mg
    raise KeyError(tags)


def copy_files(src: str, dst: str, *, drop: tuple[str, ...] = ()) -> None:
    """Copy everything of SavedModel folder ``src`` into ``dst`` except saved_model.pb/.pbtxt, fingerprint.pb and
    the relative paths in ``drop`` (links kept as links when they stay inside the folder; see :mod:`.files`)."""
    from .files import copy_files as copy_model_files

    copy_model_files(src, dst, skip=SKIPPED_FILES, drop=drop)


def bind_placeholders(mg: Any, bindings: Mapping[str, Mapping[str, Any]]) -> None:
    """Re-import ``mg.graph_def`` with each placeholder ``name`` mapped to ``sigcheck_repair/<name>``: a
    ``PlaceholderWithDefault`` whose default is the inference value.  A signature that feeds the placeholder itself
    (it is among its inputs) is re-pointed at the new tensor, so it can still feed it; the others get the default."""
    tf = require("tensorflow", purpose=PURPOSE)
    from tensorflow.core.framework import types_pb2

    graph = tf.Graph()
    moved = {}
    with graph.as_default():
        input_map = {}
        with tf.name_scope(CONST_SCOPE):
            for name, b in sorted(bindings.items()):
                dtype = tf.as_dtype(types_pb2.DataType.Value(b["dtype"]))
                safe = name.replace("/", "_")
                shape = b.get("shape")
                value = tf.constant(b["value"], dtype=dtype, name=f"{safe}_value")
                if shape:  # a fully known non-scalar shape (the plan refuses partly unknown ones)
                    value = tf.fill(shape, value, name=f"{safe}_fill")
                bound = tf.compat.v1.placeholder_with_default(value, shape or [], name=safe)
                input_map[f"{name}:0"] = bound
                moved[f"{name}:0"] = bound.name
        tf.compat.v1.import_graph_def(mg.graph_def, input_map=input_map, name="")
    new = graph.as_graph_def()
    mg.graph_def.CopyFrom(new)
    for sig in mg.signature_def.values():
        for info in sig.inputs.values():
            if info.name in moved:
                info.name = moved[info.name]
    have = {op.name for op in mg.meta_info_def.stripped_op_list.op}
    for op in ("Const", "Fill", "PlaceholderWithDefault"):
        if op not in have and any(n.op == op for n in new.node):
            from tensorflow.python.framework import op_def_registry

            mg.meta_info_def.stripped_op_list.op.add().CopyFrom(op_def_registry.get(op))


def rename_tensors(mg: Any, renames: Mapping[str, str]) -> None:
    """Rename input/output keys of every serving SignatureDef."""
    for key, sig in mg.signature_def.items():
        if key.startswith("__"):
            continue
        for side in (sig.inputs, sig.outputs):
            for old, new in renames.items():
                if old in side:
                    side[new].CopyFrom(side[old])
                    del side[old]


def add_alias(mg: Any, source: str, key: str = "serving_default", *, keep_as: str | None = None) -> None:
    if keep_as is not None:
        mg.signature_def[keep_as].CopyFrom(mg.signature_def[key])
    mg.signature_def[key].CopyFrom(mg.signature_def[source])


def write(sm: Any, local_dir: str, stage: str, *, drop: tuple[str, ...] = ()) -> None:
    """Write the edited SavedModel into ``stage``: saved_model.pb, then every other file copied."""
    copy_files(local_dir, stage, drop=drop)
    with open(os.path.join(stage, "saved_model.pb"), "wb") as fh:
        fh.write(sm.SerializeToString(deterministic=True))
