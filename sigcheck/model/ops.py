"""The one table of ops that touch files or the system: op → kind, reason, and where it is expected (exemptions).

Both ``sigcheck predict``'s refusal (:mod:`sigcheck.model.safety`) and the gate's ``op.unsafe`` /
``op.python_function`` rules read this table, so they always agree on what a model may not run.

Exemptions are data (:attr:`OpRule.expected_in`): checkpoint reads are expected on the saver's restore path, every
checkpoint op is expected in a saver when the whole graph has to be scanned (no saver or init op known), and
``InitializeTableFromTextFile`` is expected everywhere: lookup tables read their vocabulary assets that way.
Some ops are unsafe only with an attribute set (``PrintV2`` to a ``file://`` stream, debug ops with dump URLs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Walks of the scan in which an op may be expected (see OpRule.expected_in).
RESTORE = "restore"
"""The walk from the saver's restore op (load time)."""
WHOLE_GRAPH = "whole_graph"
"""The walk over the whole graph, when no saver and no init op are known (load time)."""
EVERYWHERE = "everywhere"


@dataclass(frozen=True, slots=True)
class OpRule:
    """What an op does that a serving machine should know about."""

    kind: str
    """``file_read``, ``file_write``, ``checkpoint``, ``python``, ``system``, ``print`` or ``debug``."""
    reason: str
    """What it does, in a few words (said in the refusal and the gate finding); ``{}`` → the attribute's value."""
    attr: str | None = None
    """Unsafe only when this attribute is set: a string starting with ``prefix``, or a non-empty list of strings."""
    prefix: bytes = b""
    expected_in: frozenset[str] = frozenset()
    """Walks in which the op is expected and not reported (``restore``, ``whole_graph``, ``everywhere``)."""


def _kind(kind: str, reasons: dict[str, str], **extra: Any) -> dict[str, OpRule]:
    return {op: OpRule(kind, reason, **extra) for op, reason in reasons.items()}


OPS: dict[str, OpRule] = {
    **_kind("file_read", {
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
    }),
    **_kind("file_read", {
        "InitializeTableFromTextFile": "reads a vocabulary file",
        "InitializeTableFromTextFileV2": "reads a vocabulary file",
    }, expected_in=frozenset({EVERYWHERE})),
    **_kind("file_write", {
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
    }),
    **_kind("checkpoint", {
        "Save": "writes a checkpoint",
        "SaveV2": "writes a checkpoint",
        "SaveSlices": "writes a checkpoint",
        "MergeV2Checkpoints": "writes and deletes checkpoint files",
    }, expected_in=frozenset({WHOLE_GRAPH})),
    **_kind("checkpoint", {
        "Restore": "reads a checkpoint",
        "RestoreV2": "reads a checkpoint",
        "RestoreSlice": "reads a checkpoint",
    }, expected_in=frozenset({RESTORE, WHOLE_GRAPH})),
    **_kind("python", {
        "PyFunc": "calls back into Python (tf.py_function / tf.numpy_function)",
        "PyFuncStateless": "calls back into Python (tf.numpy_function)",
        "EagerPyFunc": "calls back into Python (tf.py_function)",
    }),
    **_kind("system", {
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
    }),
    "PrintV2": OpRule("print", "prints to a file ({})", attr="output_stream", prefix=b"file://"),
    **_kind("debug", dict.fromkeys(
        ["DebugIdentity", "DebugIdentityV2", "DebugIdentityV3", "DebugNanCount", "DebugNumericSummary",
         "DebugNumericSummaryV2"], "dumps tensors to {}"), attr="debug_urls"),
}
"""Every op sigcheck reports when a model would run it (outside the walks it is expected in)."""


def ops_of_kind(kind: str) -> frozenset[str]:
    return frozenset(op for op, r in OPS.items() if r.kind == kind)


def unsafe_reason(node: Any, walk: str) -> str | None:
    """Why running NodeDef ``node`` touches files or the system, reached in ``walk``; None when it does not.

    ``walk`` names the walk that reached it (:data:`RESTORE`, :data:`WHOLE_GRAPH`, or any other name for the init
    op and the signatures, where nothing is expected).
    """
    rule = OPS.get(node.op)
    if rule is None or walk in rule.expected_in or EVERYWHERE in rule.expected_in:
        return None
    if rule.attr is None:
        return rule.reason
    if rule.attr not in node.attr:
        return None
    value = node.attr[rule.attr]
    if value.WhichOneof("value") == "list":
        found = [s.decode("utf-8", "replace") for s in value.list.s if s.startswith(rule.prefix)]
        return rule.reason.format(", ".join(found)) if found else None
    if value.s and value.s.startswith(rule.prefix):
        return rule.reason.format(value.s.decode("utf-8", "replace"))
    return None
