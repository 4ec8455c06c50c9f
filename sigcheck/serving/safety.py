"""Op safety scan: a SavedModel is a program, so list what it would run before TensorFlow loads it.

The scan reads the MetaGraph with sigcheck's own protobuf messages (no TensorFlow) and follows what TF Serving
would execute:

* at load time: the saver's restore op (checkpoint reads of the model's own variables are expected there) and the
  init op (``__saved_model_init_op``, or the ``saved_model_main_op`` / ``legacy_init_op`` collection);
* at request time: every serving signature's output tensors.

From those roots it walks node inputs (data and control) through the graph and into every function they call
(a node whose op is a library function, or any function-valued attr: ``StatefulPartitionedCall``, ``While``,
``If``, dataset map functions …; a called function's whole body counts). It reports ops that touch files or the
system: file reads and writes, checkpoint ops outside the restore path, summary writers, ``PrintV2`` to a
``file://`` stream, debug ops with dump URLs, ``py_func``-style ops, file-system configuration and remote calls.

Ops that are not reachable from those roots (a TF1 graph's leftover training input pipeline, the saver's save
path) never run in TF Serving and are not reported.  ``InitializeTableFromTextFile`` is allowed: lookup tables
read their vocabulary from the model's assets that way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..errors import ModelError
from ..model.types import ModelInfo

# op → what it does, in a few words (said in the refusal).
FILE_READ_OPS = {
    "ReadFile": "reads a file",
    "MatchingFiles": "lists files matching a pattern",
    "MatchingFilesDataset": "lists files matching a pattern",
    "ExperimentalMatchingFilesDataset": "lists files matching a pattern",
    "LoadAndRemapMatrix": "reads a checkpoint",
    "GenerateVocabRemapping": "reads vocabulary files",
    "ImmutableConst": "memory-maps a file",
    "WholeFileReader": "reads whole files",
    "WholeFileReaderV2": "reads whole files",
    "TextLineReader": "reads text files",
    "TextLineReaderV2": "reads text files",
    "TFRecordReader": "reads TFRecord files",
    "TFRecordReaderV2": "reads TFRecord files",
    "FixedLengthRecordReader": "reads files",
    "FixedLengthRecordReaderV2": "reads files",
    "LMDBReader": "reads an LMDB file",
    "TextLineDataset": "reads text files",
    "TFRecordDataset": "reads TFRecord files",
    "TFRecordDatasetV2": "reads TFRecord files",
    "FixedLengthRecordDataset": "reads files",
    "FixedLengthRecordDatasetV2": "reads files",
    "LMDBDataset": "reads an LMDB file",
    "ExperimentalLMDBDataset": "reads an LMDB file",
    "CSVDataset": "reads CSV files",
    "CSVDatasetV2": "reads CSV files",
    "ExperimentalCSVDataset": "reads CSV files",
    "SqlDataset": "queries a SQL database file",
    "ExperimentalSqlDataset": "queries a SQL database file",
    "LoadDataset": "reads a saved dataset from disk",
    "SnapshotDatasetReader": "reads a dataset snapshot from disk",
}
FILE_WRITE_OPS = {
    "WriteFile": "writes a file",
    "SaveDataset": "writes a dataset to disk",
    "SaveDatasetV2": "writes a dataset to disk",
    "SnapshotDataset": "writes a dataset snapshot to disk",
    "SnapshotDatasetV2": "writes a dataset snapshot to disk",
    "DatasetToTFRecord": "writes a TFRecord file",
    "ExperimentalDatasetToTFRecord": "writes a TFRecord file",
    "CacheDataset": "caches a dataset to a file",
    "CacheDatasetV2": "caches a dataset to a file",
    "CreateSummaryFileWriter": "opens a summary file for writing",
    "CreateSummaryDbWriter": "opens a summary database for writing",
    "WriteSummary": "writes summaries to disk",
    "WriteScalarSummary": "writes summaries to disk",
    "WriteHistogramSummary": "writes summaries to disk",
    "WriteImageSummary": "writes summaries to disk",
    "WriteAudioSummary": "writes summaries to disk",
    "WriteGraphSummary": "writes summaries to disk",
    "WriteRawProtoSummary": "writes summaries to disk",
    "ImportEvent": "writes summaries to disk",
    "FlushSummaryWriter": "writes summaries to disk",
    "CloseSummaryWriter": "writes summaries to disk",
}
CHECKPOINT_OPS = {
    "Save": "writes a checkpoint",
    "SaveV2": "writes a checkpoint",
    "SaveSlices": "writes a checkpoint",
    "MergeV2Checkpoints": "writes and deletes checkpoint files",
    "Restore": "reads a checkpoint",
    "RestoreV2": "reads a checkpoint",
    "RestoreSlice": "reads a checkpoint",
}
PYTHON_OPS = {
    "PyFunc": "calls back into Python (tf.py_function / tf.numpy_function)",
    "PyFuncStateless": "calls back into Python (tf.numpy_function)",
    "EagerPyFunc": "calls back into Python (tf.py_function)",
}
SYSTEM_OPS = {
    "FileSystemSetConfiguration": "changes file-system configuration",
    "GcsConfigureCredentials": "changes Cloud Storage credentials",
    "GcsConfigureBlockCache": "changes Cloud Storage configuration",
    "BigQueryReader": "reads from BigQuery",
    "RemoteCall": "runs a function on a remote device",
    "DataServiceDataset": "connects to a tf.data service",
    "DataServiceDatasetV2": "connects to a tf.data service",
    "DataServiceDatasetV3": "connects to a tf.data service",
    "DataServiceDatasetV4": "connects to a tf.data service",
    "RegisterDataset": "connects to a tf.data service",
    "RegisterDatasetV2": "connects to a tf.data service",
}
UNSAFE_OPS: dict[str, str] = {**FILE_READ_OPS, **FILE_WRITE_OPS, **CHECKPOINT_OPS, **PYTHON_OPS, **SYSTEM_OPS}
"""Ops refused wherever they run (checkpoint ops are allowed on the restore path only)."""

RESTORE_OPS = frozenset({"Restore", "RestoreV2", "RestoreSlice"})
DEBUG_OPS = frozenset({"DebugIdentity", "DebugIdentityV2", "DebugIdentityV3", "DebugNanCount",
                       "DebugNumericSummary", "DebugNumericSummaryV2"})
INIT_OP_SIGNATURE = "__saved_model_init_op"
INIT_OP_COLLECTIONS = ("saved_model_main_op", "legacy_init_op")


@dataclass(frozen=True, slots=True)
class UnsafeOp:
    """One op the model would run that touches files or the system."""

    op: str
    node: str
    where: str
    """``graph`` or ``function <name>``."""
    reason: str
    when: str
    """``load`` (restore/init op) or ``predict`` (reachable from a signature output)."""

    def describe(self) -> str:
        return f'{self.op} ({self.reason}) at node "{self.node}" in the {self.where}, run at {self.when} time'

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "node": self.node, "where": self.where, "reason": self.reason, "when": self.when}


class UnsafeModelError(ModelError):
    """The model would run ops that touch files or the system, and ``--allow-unsafe-ops`` was not given."""

    def __init__(self, location: str, found: list[UnsafeOp]) -> None:
        first = found[0]
        more = f" (and {len(found) - 1} more: {', '.join(sorted({f.op for f in found[1:]}))})" if found[1:] else ""
        super().__init__(
            f"{location}: refusing to run this model: it contains {first.describe()}{more}",
            hint="a SavedModel is a program; inspect it (sigcheck inspect, saved_model_cli show --all), and if "
                 "you trust it, re-run with --allow-unsafe-ops",
        )
        self.found = found


# --- MetaGraph fields sigcheck's proto keeps as unknown fields (saver_def = 3, collection_def = 4) ------------


def _meta_graph_extras(meta_graph: Any) -> tuple[str | None, list[str]]:
    """The saver's restore op name and the init-op node names from the collections (no TensorFlow)."""
    from google.protobuf import unknown_fields

    restore_op: str | None = None
    init_nodes: list[str] = []
    for field in unknown_fields.UnknownFieldSet(meta_graph):
        if field.wire_type != 2:
            continue
        if field.field_number == 3:  # SaverDef: restore_op_name = 3
            for number, value in _fields(field.data):
                if number == 3:
                    restore_op = value.decode("utf-8", "replace")
        elif field.field_number == 4:  # map<string, CollectionDef> entry: key = 1, value = 2
            key, collection = None, b""
            for number, value in _fields(field.data):
                if number == 1:
                    key = value.decode("utf-8", "replace")
                elif number == 2:
                    collection = value
            if key in INIT_OP_COLLECTIONS:
                for number, node_list in _fields(collection):
                    if number == 1:  # CollectionDef.node_list { repeated string value = 1 }
                        init_nodes += [v.decode("utf-8", "replace") for n, v in _fields(node_list) if n == 1]
    return restore_op, init_nodes


def _fields(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Length-delimited fields of a protobuf message (other wire types are skipped)."""
    i, n = 0, len(data)
    while i < n:
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            _, i = _varint(data, i)
        elif wire == 1:
            i += 8
        elif wire == 5:
            i += 4
        elif wire == 2:
            size, i = _varint(data, i)
            yield number, data[i:i + size]
            i += size
        else:  # groups (3/4) do not occur in these messages
            return


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7


# --- reachability -------------------------------------------------------------------------------------------


def _node_name(ref: str) -> str:
    """``^ctrl`` / ``node:1`` / ``node:output:0`` (function-body style) → the node name."""
    return ref.lstrip("^").split(":")[0]


def _called_functions(node: Any, library: set[str]) -> Iterator[str]:
    if node.op in library:
        yield node.op
    for value in node.attr.values():
        which = value.WhichOneof("value")
        if which == "func":
            yield value.func.name
        elif which == "list":
            for fn in value.list.func:
                yield fn.name


def _flag(node: Any, where: str, when: str, *, exempt: frozenset[str]) -> UnsafeOp | None:
    op = node.op
    if op in exempt:
        return None
    reason = UNSAFE_OPS.get(op)
    if reason:
        return UnsafeOp(op, node.name, where, reason, when)
    if op == "PrintV2":
        stream = node.attr["output_stream"].s if "output_stream" in node.attr else b""
        if stream.startswith(b"file://"):
            return UnsafeOp(op, node.name, where, f"prints to a file ({stream.decode('utf-8', 'replace')})", when)
    if op in DEBUG_OPS and "debug_urls" in node.attr and list(node.attr["debug_urls"].list.s):
        urls = ", ".join(u.decode("utf-8", "replace") for u in node.attr["debug_urls"].list.s)
        return UnsafeOp(op, node.name, where, f"dumps tensors to {urls}", when)
    return None


class _Walker:
    def __init__(self, meta_graph: Any) -> None:
        graph = meta_graph.graph_def
        self.nodes = {n.name: n for n in graph.node}
        self.functions = {f.signature.name: f for f in graph.library.function}
        self.names = set(self.functions)

    def walk(self, roots: Iterable[str], when: str, *, exempt: frozenset[str] = frozenset()) -> list[UnsafeOp]:
        found: list[UnsafeOp] = []
        seen: set[str] = set()
        stack = [_node_name(r) for r in roots if r]
        calls: list[str] = []
        while stack:
            name = stack.pop()
            if name in seen or name not in self.nodes:
                continue
            seen.add(name)
            node = self.nodes[name]
            hit = _flag(node, "graph", when, exempt=exempt)
            if hit:
                found.append(hit)
            calls.extend(_called_functions(node, self.names))
            stack.extend(_node_name(i) for i in node.input)
        done: set[str] = set()
        while calls:
            fname = calls.pop()
            if fname in done or fname not in self.functions:
                continue
            done.add(fname)
            for node in self.functions[fname].node_def:
                hit = _flag(node, f"function {fname}", when, exempt=exempt)
                if hit:
                    found.append(hit)
                calls.extend(_called_functions(node, self.names))
        return found


def scan_meta_graph(meta_graph: Any) -> list[UnsafeOp]:
    """Every unsafe op TF Serving would run for this MetaGraph (load time and any serving signature)."""
    walker = _Walker(meta_graph)
    restore_op, init_nodes = _meta_graph_extras(meta_graph)
    found: list[UnsafeOp] = []
    init = list(init_nodes)
    if INIT_OP_SIGNATURE in meta_graph.signature_def:
        init += [t.name for t in meta_graph.signature_def[INIT_OP_SIGNATURE].outputs.values()]
    if restore_op:
        found += walker.walk([restore_op], "load", exempt=RESTORE_OPS)
    found += walker.walk(init, "load")
    outputs = [t.name for key, sig in meta_graph.signature_def.items() if key != INIT_OP_SIGNATURE
               for t in sig.outputs.values()]
    found += walker.walk(outputs, "predict")
    if restore_op is None and not init:
        # No saver and no init op known (no variables, or a saved_model.pbtxt, whose text parse drops the saver
        # and collections sigcheck does not declare): anything in the graph may run at load time.  Checkpoint
        # ops are expected in every saver, so they are not reported here.
        found += walker.walk(list(walker.nodes), "load", exempt=frozenset(CHECKPOINT_OPS))
    unique: dict[tuple[str, str, str], UnsafeOp] = {}
    for item in found:
        unique.setdefault((item.op, item.node, item.where), item)
    return sorted(unique.values(), key=lambda u: (u.when != "predict", u.where != "graph", u.where, u.node))


def check_model(info: ModelInfo, *, allow_unsafe_ops: bool = False) -> list[UnsafeOp]:
    """Scan ``info``'s MetaGraph; raise :class:`UnsafeModelError` unless ``allow_unsafe_ops``.

    Returns what was found (empty for a clean model; the allowed ops when ``allow_unsafe_ops``).
    """
    if info.meta_graph is None:
        raise ModelError(
            f"{info.source}: a signature contract has no graph to run",
            hint="pass the SavedModel folder (saved_model.pb + variables/) to run a prediction",
        )
    found = scan_meta_graph(info.meta_graph)
    if found and not allow_unsafe_ops:
        raise UnsafeModelError(info.model_dir or info.source, found)
    return found
