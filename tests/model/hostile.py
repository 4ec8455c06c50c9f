"""Real SavedModels that run something other than computation, built with TensorFlow (once per test session).

Each builder exports a tf.Module with ``tf.saved_model.save`` into ``root/<case>/1``; the cases TensorFlow's own
API cannot write (a func-attr placeholder, a gradient table entry, a saver whose restore op writes, an unknown group
field) are the exported files edited with TensorFlow's own protobuf messages, as an attacker would.  Nothing here
runs the models: the tests check what sigcheck's scan says about them (and, where it matters, what TensorFlow's
own parser reads from the edited bytes).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

EVIL_PATH = "/tmp/sigcheck-hostile-should-not-exist"


def _save(tf: Any, folder: Path, serve: Callable[..., Any], spec: Any, *, extra: dict[str, Any] | None = None,
          module: Any = None) -> Path:
    m = module or tf.Module()
    fn = tf.function(serve, input_signature=[spec])
    m.serve = fn
    for name, f in (extra or {}).items():
        setattr(m, name, f)
    out = folder / "1"
    tf.saved_model.save(m, str(out), signatures={"serving_default": fn.get_concrete_function()})
    return out


def _edit(tf_sm: Any, folder: Path, change: Callable[[Any], None], *, text: bool = False) -> Path:
    """Apply ``change`` to the MetaGraph of ``folder/saved_model.pb`` (TensorFlow's messages); write .pb or .pbtxt."""
    from google.protobuf import text_format

    sm = tf_sm.SavedModel()
    sm.ParseFromString((folder / "saved_model.pb").read_bytes())
    change(sm.meta_graphs[0])
    if text:
        (folder / "saved_model.pb").unlink()
        (folder / "saved_model.pbtxt").write_text(text_format.MessageToString(sm))
    else:
        (folder / "saved_model.pb").write_bytes(sm.SerializeToString())
    return folder


def _function(mg: Any, prefix: str) -> Any:
    return next(f for f in mg.graph_def.library.function if f.signature.name.startswith(prefix))


def build_all(root: Path) -> dict[str, Path]:
    """Every case → its version folder (``root/<case>/1``)."""
    import tensorflow as tf
    from tensorflow.core.protobuf import saved_model_pb2 as tf_sm

    floats = tf.TensorSpec([None], tf.float32)
    strings = tf.TensorSpec([None], tf.string)
    out: dict[str, Path] = {}

    def case(name: str, serve: Callable[..., Any], spec: Any = floats, **kw: Any) -> Path:
        out[name] = _save(tf, root / name, serve, spec, **kw)
        return out[name]

    def abort(x):
        op = tf.raw_ops.Abort(error_msg="bye", exit_without_error=True)
        with tf.control_dependencies([op]):
            return {"y": tf.identity(x)}

    case("abort", abort)
    case("record_input", lambda x: {"y": x + 0.0 * tf.cast(tf.size(tf.raw_ops.RecordInput(
        file_pattern=EVIL_PATH + "*", batch_size=1)), tf.float32)})
    case("decode_proto_file", lambda s: {"y": tf.raw_ops.DecodeProtoV2(
        bytes=s, message_type="x.Y", field_names=[], output_types=[], descriptor_source=EVIL_PATH).sizes},
        strings)
    case("decode_proto_local", lambda s: {"y": tf.raw_ops.DecodeProtoV2(
        bytes=s, message_type="tensorflow.Example", field_names=[], output_types=[]).sizes}, strings)

    def snapshot_chunks(x):
        ds = tf.raw_ops.ListSnapshotChunksDataset(snapshot_path=EVIL_PATH, output_types=[tf.int64],
                                                  output_shapes=[[]])
        n = tf.raw_ops.DatasetCardinality(input_dataset=ds)
        return {"y": x + tf.cast(n, tf.float32)}

    case("list_snapshot_chunks", snapshot_chunks)

    def sleepy(x):
        ds = tf.data.Dataset.from_tensor_slices(x)
        slept = tf.raw_ops.ExperimentalSleepDataset(
            input_dataset=ds._variant_tensor, sleep_microseconds=30_000_000, output_types=[tf.float32],
            output_shapes=[[]])
        n = tf.raw_ops.DatasetCardinality(input_dataset=slept)
        return {"y": x + tf.cast(n, tf.float32)}

    case("sleep_dataset", sleepy)

    def print_to(stream):
        def serve(x):
            op = tf.print(x, output_stream=stream)
            with tf.control_dependencies([op]):
                return {"y": tf.identity(x)}
        return serve

    case("print_stdout", print_to(sys.stdout))
    case("print_stderr", print_to(sys.stderr))

    def from_graph(x):
        ds = tf.raw_ops.DatasetFromGraph(graph_def=tf.constant("node { name: 'n' op: 'Const' }"))
        n = tf.raw_ops.DatasetCardinality(input_dataset=ds)
        return {"y": x + tf.cast(n, tf.float32)}

    case("dataset_from_graph", from_graph)

    def cache(filename):
        def serve(x):
            ds = tf.data.Dataset.from_tensor_slices(x).cache(filename)
            return {"y": x + tf.cast(ds.reduce(tf.constant(0, tf.int64), lambda a, _: a + 1), tf.float32)}
        return serve

    case("cache_in_memory", cache(""))
    case("cache_to_file", cache(EVIL_PATH))

    vocab = root / "vocab.txt"
    vocab.write_text("a\nb\nc\n")

    class Table(tf.Module):
        def __init__(self) -> None:
            init = tf.lookup.TextFileInitializer(str(vocab), tf.string, tf.lookup.TextFileIndex.WHOLE_LINE,
                                                 tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER)
            self.table = tf.lookup.StaticHashTable(init, -1)

    table = Table()
    case("vocabulary_asset", lambda s: {"y": table.table.lookup(s)}, strings, module=table)

    def tf1_vocabulary_asset() -> Path:
        """A TF1 export: the vocabulary is an asset tensor (a Const the loader feeds), the table initialised by
        the main op."""
        folder = root / "tf1_vocabulary_asset" / "1"
        graph = tf.Graph()
        with graph.as_default():
            x = tf.compat.v1.placeholder(tf.string, [None], name="x")
            asset = tf.constant(str(vocab), name="asset_filepath")
            graph.add_to_collection(tf.compat.v1.GraphKeys.ASSET_FILEPATHS, asset)
            table = tf.compat.v1.lookup.StaticHashTable(tf.compat.v1.lookup.TextFileInitializer(
                asset, tf.string, tf.lookup.TextFileIndex.WHOLE_LINE, tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER),
                -1)
            y = tf.identity(table.lookup(x), name="y")
            with tf.compat.v1.Session(graph=graph) as sess:
                builder = tf.compat.v1.saved_model.Builder(str(folder))
                sig = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
                builder.add_meta_graph_and_variables(
                    sess, ["serve"], signature_def_map={"serving_default": sig},
                    assets_collection=graph.get_collection(tf.compat.v1.GraphKeys.ASSET_FILEPATHS),
                    main_op=tf.compat.v1.tables_initializer())
                builder.save()
        return folder

    out["tf1_vocabulary_asset"] = tf1_vocabulary_asset()

    def request_named_vocabulary(s):
        handle = tf.raw_ops.HashTableV2(key_dtype=tf.string, value_dtype=tf.int64, shared_name="t")
        init = tf.raw_ops.InitializeTableFromTextFileV2(table_handle=handle, filename=s, key_index=-2,
                                                        value_index=-1)
        with tf.control_dependencies([init]):
            return {"y": tf.raw_ops.LookupTableFindV2(table_handle=handle, keys=tf.expand_dims(s, 0),
                                                      default_value=tf.constant(-1, tf.int64))}

    case("vocabulary_from_request", request_named_vocabulary, tf.TensorSpec([], tf.string))

    # Functions TensorFlow's API does not let a model reach this way: edited in, as an attacker would.
    def write() -> Any:
        with tf.control_dependencies([tf.io.write_file(EVIL_PATH, "owned")]):
            return tf.constant(0)

    evil = tf.function(write, input_signature=[])
    benign = tf.function(lambda x: x * 2.0, input_signature=[floats])

    def plain(name: str) -> Path:
        return case(name, lambda x: {"y": benign(x)}, extra={"evil": evil, "benign": benign})

    def evil_function(mg: Any) -> str:
        return next(f.signature.name for f in mg.graph_def.library.function
                    if f.signature.name.startswith("__inference_write") and not f.signature.input_arg)

    def benign_function(mg: Any) -> str:
        return next(f.signature.name for f in mg.graph_def.library.function
                    if f.signature.name.startswith("__inference_<lambda>") and f.signature.input_arg)

    def serving_call(mg: Any) -> Any:
        return next(n for n in mg.graph_def.node if n.op in ("StatefulPartitionedCall", "PartitionedCall")
                    and n.input and n.input[0].startswith("serving_default"))

    def via_placeholder(mg: Any) -> None:
        wrapper = mg.graph_def.library.function.add()
        wrapper.signature.name = "wrapper_with_placeholder"
        wrapper.signature.attr.add(name="g", type="func")
        call = wrapper.node_def.add(name="call", op="PartitionedCall")
        call.attr["f"].placeholder = "g"  # bound at the call site below
        call.attr["Tin"].list.SetInParent()
        call.attr["Tout"].list.SetInParent()
        top = mg.graph_def.node.add(name="bound_call", op="PartitionedCall")
        top.attr["f"].func.name = "wrapper_with_placeholder"
        top.attr["f"].func.attr["g"].func.name = evil_function(mg)
        top.attr["Tin"].list.SetInParent()
        top.attr["Tout"].list.SetInParent()
        serving_call(mg).input.append("^bound_call")

    plain("unreached_writer")  # the writer is in the library, but nothing calls it: nothing to refuse
    _edit(tf_sm, plain("func_attr_placeholder"), via_placeholder)

    def via_gradient(mg: Any) -> None:
        evil_name, benign_name = evil_function(mg), benign_function(mg)
        mg.graph_def.library.gradient.add(function_name=benign_name, gradient_func=evil_name)
        grad = mg.graph_def.node.add(name="grad", op="SymbolicGradient")
        grad.input.extend(["serving_default_x", "serving_default_x"])
        grad.attr["f"].func.name = benign_name
        grad.attr["Tin"].list.type.extend([1, 1])
        grad.attr["Tout"].list.type.extend([1])
        serving_call(mg).input.append("^grad")

    _edit(tf_sm, plain("symbolic_gradient"), via_gradient)

    def restore_writes(op: str) -> Callable[[Any], None]:
        def change(mg: Any) -> None:
            path = mg.graph_def.node.add(name="evil_path", op="Const")
            path.attr["dtype"].type = 7
            path.attr["value"].tensor.dtype = 7
            path.attr["value"].tensor.string_val.append(EVIL_PATH.encode())
            node = mg.graph_def.node.add(name="evil_restore", op=op, input=["evil_path", "evil_path"])
            if op == "SaveV2":
                node.input[:] = ["evil_path", "evil_path", "evil_path", "evil_path"]
                node.attr["dtypes"].list.type.append(7)
            mg.saver_def.restore_op_name = "evil_restore"
        return change

    _edit(tf_sm, plain("restore_op_write_file"), restore_writes("WriteFile"), text=True)
    _edit(tf_sm, plain("restore_op_save_v2"), restore_writes("SaveV2"), text=True)

    def main_op_saves(mg: Any) -> None:
        restore = mg.saver_def.restore_op_name
        restore_writes("SaveV2")(mg)
        mg.graph_def.node[-1].name = "evil_main_op"
        mg.saver_def.restore_op_name = restore
        mg.collection_def["saved_model_main_op"].node_list.value.append("evil_main_op")

    _edit(tf_sm, plain("main_op_save_v2"), main_op_saves, text=True)

    def hidden_main_op(mg: Any) -> None:
        from tensorflow.core.protobuf import meta_graph_pb2

        restore_writes("WriteFile")(mg)
        mg.graph_def.node[-1].name = "evil_main_op"
        mg.saver_def.restore_op_name = ""
        group = bytes([(15 << 3) | 3, 8, 5, (15 << 3) | 4])  # field 15 as a group {field 1 = 5}, then node_list
        node_list = b"\x0a" + bytes([len(b"evil_main_op") + 2]) + b"\x0a" + bytes([len(b"evil_main_op")]) + \
            b"evil_main_op"
        collection = meta_graph_pb2.CollectionDef()
        collection.ParseFromString(group + node_list)
        mg.collection_def["saved_model_main_op"].CopyFrom(collection)

    _edit(tf_sm, plain("unknown_group_before_node_list"), hidden_main_op)
    return out
