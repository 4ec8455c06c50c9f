"""Regenerate sigcheck/model/op_classes.json: every op of the installed TensorFlow, classified for the safety scan.

    .venv/bin/python scripts/make_op_classes.py            # writes the JSON, prints what changed
    .venv/bin/python scripts/make_op_classes.py --check    # exit 1 when the committed JSON is out of date

The op names are the stock TensorFlow registries recorded in :mod:`sigcheck.runtime` (every release there, from
the pip wheels: ``scripts/op_registry.py``), plus the installed TensorFlow's own registry (``TF_GetAllOpList``).  Each op gets one category, decided by the rules below: first the explicit
``OVERRIDES`` (reviewed one by one), then the generated Python module that wraps the op (``gen_math_ops`` →
``math`` …, see ``MODULES``), then name patterns for ops without a Python wrapper.  An op no rule covers is
``unclassified`` and refused.  After a TensorFlow upgrade, run this, read the ops it reports as new, move any that
need it into ``OVERRIDES``, and commit the JSON: the scan itself never imports TensorFlow.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sigcheck" / "model" / "op_classes.json"

ALLOWED, CONDITIONAL, REFUSED = "allowed", "conditional", "refused"

CATEGORIES: dict[str, tuple[str, str]] = {
    # computes only
    "math": (ALLOWED, "computes on tensors"),
    "nn": (ALLOWED, "neural-network computation"),
    "array": (ALLOWED, "builds or reshapes tensors"),
    "control_flow": (ALLOWED, "control flow or a call of a function in the graph (whose body is scanned too)"),
    "string": (ALLOWED, "computes on strings"),
    "image": (ALLOWED, "decodes, encodes or transforms images held in tensors"),
    "audio": (ALLOWED, "decodes or transforms audio held in tensors"),
    "parsing": (ALLOWED, "parses or serializes tensors (tf.Example, CSV text, raw bytes)"),
    "sparse": (ALLOWED, "sparse and ragged tensor computation"),
    "random": (ALLOWED, "random numbers"),
    "state": (ALLOWED, "in-memory state: variables, tensor arrays and lists, readers' in-memory side"),
    "lookup": (ALLOWED, "in-memory lookup tables"),
    "dataset": (ALLOWED, "tf.data transformation in memory (its functions are scanned too)"),
    "xla": (ALLOWED, "XLA computation"),
    "summary_value": (ALLOWED, "builds a Summary protobuf in a tensor (writes nothing)"),
    "log": (ALLOWED, "asserts, or logs to stderr"),
    "batch": (ALLOWED, "batches requests in memory"),
    # allowed only in some cases (sigcheck.model.ops.CONDITIONS)
    "restore": (CONDITIONAL, "reads the model's own checkpoint: allowed on the saver's restore path only"),
    "asset_file": (CONDITIONAL, "reads a vocabulary file: allowed when the file name is one of the model's own "
                                "assets"),
    "memory_cache": (CONDITIONAL, "caches a dataset: allowed in memory (empty file name), refused to a file"),
    "print": (CONDITIONAL, "prints: allowed to stderr or the log, refused to stdout (the answer stream) or a file"),
    "debug": (CONDITIONAL, "debug op: allowed without dump URLs, refused with them"),
    "proto_descriptor": (CONDITIONAL, "decodes/encodes protobufs: allowed with the built-in or inline descriptors, "
                                      "refused when descriptor_source is a file"),
    # refused
    "file_read": (REFUSED, "reads a file"),
    "file_write": (REFUSED, "writes a file"),
    "checkpoint_write": (REFUSED, "writes checkpoint files"),
    "python": (REFUSED, "calls back into Python (tf.py_function / tf.numpy_function)"),
    "process": (REFUSED, "ends the process"),
    "sleep": (REFUSED, "sleeps"),
    "wait": (REFUSED, "may wait forever for another step (queues, barriers, staging areas, accumulators)"),
    "distributed": (REFUSED, "talks to other devices, tasks or services (send/recv, collectives, RPC, tf.data "
                             "service)"),
    "system": (REFUSED, "changes file-system or process configuration"),
    "summary_write": (REFUSED, "writes summaries to disk"),
    "tpu": (REFUSED, "TPU or TPU-embedding operation"),
    "nested_graph": (REFUSED, "runs a graph serialized inside a tensor, which sigcheck does not read"),
    "internal": (REFUSED, "a runtime-internal op that a saved graph does not hold"),
    "test": (REFUSED, "an op registered for TensorFlow's own tests"),
    "unclassified": (REFUSED, "not classified yet (new in this TensorFlow?)"),
}

MODULES: dict[str, str] = {
    "gen_array_ops": "array", "gen_audio_ops": "audio", "gen_batch_ops": "batch", "gen_bitwise_ops": "math",
    "gen_boosted_trees_ops": "state", "gen_candidate_sampling_ops": "random", "gen_checkpoint_ops": "file_read",
    "gen_clustering_ops": "math", "gen_collective_ops": "distributed", "gen_composite_tensor_ops": "array",
    "gen_control_flow_ops": "control_flow", "gen_count_ops": "math", "gen_ctc_ops": "nn", "gen_cudnn_rnn_ops": "nn",
    "gen_data_flow_ops": "wait", "gen_dataset_ops": "dataset", "gen_debug_ops": "debug",
    "gen_decode_proto_ops": "proto_descriptor", "gen_encode_proto_ops": "proto_descriptor",
    "gen_experimental_dataset_ops": "dataset", "gen_filesystem_ops": "system", "gen_functional_ops": "control_flow",
    "gen_image_ops": "image", "gen_io_ops": "file_read", "gen_linalg_ops": "math", "gen_list_ops": "array",
    "gen_logging_ops": "log", "gen_lookup_ops": "lookup", "gen_manip_ops": "array", "gen_map_ops": "array",
    "gen_math_ops": "math", "gen_nccl_ops": "distributed", "gen_nn_ops": "nn", "gen_optional_ops": "array",
    "gen_parsing_ops": "parsing", "gen_ragged_array_ops": "sparse", "gen_ragged_conversion_ops": "sparse",
    "gen_ragged_math_ops": "sparse", "gen_random_index_shuffle_ops": "random", "gen_random_ops": "random",
    "gen_resource_variable_ops": "state", "gen_rnn_ops": "nn", "gen_script_ops": "python", "gen_sdca_ops": "math",
    "gen_sendrecv_ops": "distributed", "gen_set_ops": "sparse", "gen_sparse_csr_matrix_ops": "sparse",
    "gen_sparse_ops": "sparse", "gen_special_math_ops": "math", "gen_spectral_ops": "math", "gen_state_ops": "state",
    "gen_stateful_random_ops": "random", "gen_stateless_random_ops": "random",
    "gen_stateless_random_ops_v2": "random", "gen_string_ops": "string", "gen_summary_ops": "summary_write",
    "gen_sync_ops": "tpu", "gen_tpu_ops": "tpu", "gen_tpu_partition_ops": "tpu", "gen_training_ops": "state",
    "gen_uniform_quant_ops": "math", "gen_user_ops": "test", "gen_xla_ops": "xla",
}


def _each(category: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), category)


OVERRIDES: dict[str, str] = {
    # array_ops
    **_each("file_read", "ImmutableConst"),
    # control_flow_ops, functional_ops
    **_each("process", "Abort"),
    **_each("distributed", "RemoteCall"),
    # data_flow_ops: in-memory structures that never wait
    **_each("state", "DynamicPartition DynamicStitch ParallelDynamicStitch GetSessionHandle GetSessionHandleV2 "
                     "GetSessionTensor DeleteSessionTensor"),
    **{op: "state" for op in ("TensorArray TensorArrayClose TensorArrayCloseV2 TensorArrayCloseV3 TensorArrayConcat "
                              "TensorArrayConcatV2 TensorArrayConcatV3 TensorArrayGather TensorArrayGatherV2 "
                              "TensorArrayGatherV3 TensorArrayGrad TensorArrayGradV2 TensorArrayGradV3 "
                              "TensorArrayGradWithShape TensorArrayPack TensorArrayRead TensorArrayReadV2 "
                              "TensorArrayReadV3 TensorArrayScatter TensorArrayScatterV2 TensorArrayScatterV3 "
                              "TensorArraySize TensorArraySizeV2 TensorArraySizeV3 TensorArraySplit "
                              "TensorArraySplitV2 TensorArraySplitV3 TensorArrayUnpack TensorArrayV2 TensorArrayV3 "
                              "TensorArrayWrite TensorArrayWriteV2 TensorArrayWriteV3 Stack StackClose StackCloseV2 "
                              "StackPop StackPopV2 StackPush StackPushV2 StackV2").split()},
    **_each("file_read", "RecordInput"),
    # io_ops
    **_each("file_write", "WriteFile"),
    **_each("checkpoint_write", "Save SaveV2 SaveSlices MergeV2Checkpoints"),
    **_each("restore", "Restore RestoreV2 RestoreSlice"),
    **_each("state", "IdentityReader IdentityReaderV2 ReaderNumRecordsProduced ReaderNumRecordsProducedV2 "
                     "ReaderNumWorkUnitsCompleted ReaderNumWorkUnitsCompletedV2 ReaderRead ReaderReadUpTo "
                     "ReaderReadUpToV2 ReaderReadV2 ReaderReset ReaderResetV2 ReaderRestoreState "
                     "ReaderRestoreStateV2 ReaderSerializeState ReaderSerializeStateV2"),
    **_each("string", "ShardedFilename ShardedFilespec"),
    # logging_ops
    **_each("print", "PrintV2"),
    **_each("summary_value", "AudioSummary AudioSummaryV2 HistogramSummary ImageSummary MergeSummary ScalarSummary "
                             "TensorSummary TensorSummaryV2"),
    # debug_ops
    **_each("math", "DebugNumericSummaryV2"),
    # lookup_ops
    **_each("asset_file", "InitializeTableFromTextFile InitializeTableFromTextFileV2"),
    # dataset ops that leave memory
    **_each("file_read", "FixedLengthRecordDataset FixedLengthRecordDatasetV2 TFRecordDataset TFRecordDatasetV2 "
                         "TextLineDataset CSVDataset CSVDatasetV2 ExperimentalCSVDataset LMDBDataset "
                         "ExperimentalLMDBDataset SqlDataset ExperimentalSqlDataset MatchingFilesDataset "
                         "ExperimentalMatchingFilesDataset LoadDataset SnapshotDatasetReader "
                         "SnapshotNestedDatasetReader SnapshotChunkDataset ListSnapshotChunksDataset"),
    **_each("file_write", "SaveDataset SaveDatasetV2 SnapshotDataset SnapshotDatasetV2 DatasetToTFRecord "
                          "ExperimentalDatasetToTFRecord DistributedSave"),
    **_each("memory_cache", "CacheDataset CacheDatasetV2"),
    **_each("sleep", "SleepDataset ExperimentalSleepDataset"),
    **_each("distributed", "DataServiceDataset DataServiceDatasetV2 DataServiceDatasetV3 DataServiceDatasetV4 "
                           "RegisterDataset RegisterDatasetV2"),
    **_each("nested_graph", "DatasetFromGraph"),
    **_each("summary_write", "SetStatsAggregatorDataset ExperimentalSetStatsAggregatorDataset "
                             "StatsAggregatorSetSummaryWriter"),
    # xla_ops that leave the computation
    **_each("distributed", "XlaSend XlaRecv XlaHostCompute XlaSendToHost XlaRecvFromHost XlaAllReduce "
                           "XlaReduceScatter"),
    **_each("internal", "XlaCustomCall XlaCustomCallV2 XlaLaunch XlaLaunchV2 XlaClusterOutput"),
    # no Python wrapper
    **_each("file_read", "Skipgram"),
    **_each("file_write", "DumpTensor CalibrationStatisticsSaver"),
    **_each("sleep", "SleepOp SleepIdentityOp"),
    **_each("distributed", "RpcCall RpcCheckStatus RpcClient RpcGetValue RpcServer RpcServerRegister RpcServerStart "
                           "DeleteRpcFutureResource CopyToMesh CopyToMeshGrad Relayout RelayoutLike DTensorAllGather "
                           "DTensorAllReduce DTensorAllScatter DTensorAllToAll DTensorReduceScatter "
                           "_NcclBroadcastRecv _NcclBroadcastSend _NcclReduceRecv _NcclReduceSend _Send _Recv "
                           "_HostSend _HostRecv"),
    **_each("restore", "DTensorRestoreV2"),
    **_each("distributed", "RelayoutGrad"),
    **_each("internal", "TfLiteSubgraphExecute"),
    **_each("tpu", "UpdateTaskIdAndGlobalCoreArray"),
    **_each("math", "StochasticCastToInt KthOrderStatistic TopKUnique TopKWithUnique MakeUnique CustomAggregator"),
    **_each("array", "HostConst QuantizedConcatV2"),
    **_each("audio", "AudioMicrofrontend"),
    **_each("state", "NegTrain"),
    **_each("xla", "XlaBroadcastHelper XlaCallModule XlaConv XlaConvV2 XlaDot XlaDotV2 XlaDynamicSlice "
                   "XlaDynamicUpdateSlice XlaEinsum XlaGather XlaIf XlaKeyValueSort XlaOptimizationBarrier XlaPad "
                   "XlaReduce XlaReducePrecision XlaReduceWindow XlaRemoveDynamicDimensionSize XlaReplicaId "
                   "XlaRngBitGenerator XlaScatter XlaSelectAndScatter XlaSelfAdjointEig XlaSetBound "
                   "XlaSetDynamicDimensionSize XlaSharding XlaSort XlaSpmdFullToShardShape XlaSpmdShardToFullShape "
                   "XlaSvd XlaVariadicReduce XlaVariadicReduceV2 XlaVariadicSort XlaWhile"),
}

PATTERNS: list[tuple[str, str]] = [
    (r"^_?_?(Fused|Mkl|QuantizedMatMul$|QuantizedMaxPool3D$)", "nn"),  # fused/oneDNN compute kernels
    (r"^__?Mkl", "nn"),
    (r"TPU|Tpu|TPUEmbedding|Dedup|CooTensor|Minibatch|SparseCore|DTensor", "tpu"),
    (r"^Risc", "internal"),
    (r"^_", "internal"),
    (r"^Xla", "tpu"),
]

TEST_OPS = (
    "A Attr AttrBool AttrBoolList AttrDefault AttrEmptyListDefault AttrEnum AttrEnumList AttrFloat AttrListDefault "
    "AttrListMin AttrListTypeDefault AttrMin AttrPartialShape AttrPartialShapeList AttrShape AttrShapeList "
    "AttrTypeDefault B Binary ComplexStruct ConstructionFails CopyOp DefaultAttrs DevicePlacementOp DtypeWithDefaultOp "
    "FiveFloatOutputs FloatInput FloatOutput FloatOutputStringOutput Foo1 Foo2 Foo3 FuncAttr FuncListAttr GetDeadline "
    "GraphDefVersion InPolymorphicTwice Int64Output IntAttr IntInput IntInputFloatInput IntInputIntOutput IntOutput "
    "IntOutputFloatOutput IsResourceHandleRefCounting IsTensorFloat32Enabled KernelLabel KernelLabelRequired "
    "ListInput ListOutput MakeWeakResourceHandle MixedStruct MlirPassthroughOp NInPolymorphicTwice NInTwice "
    "NInTwoTypeVariables NIntsIn NIntsOut NIntsOutDefault NPolymorphicIn NPolymorphicOut NPolymorphicOutDefault "
    "NPolymorphicRestrictIn NPolymorphicRestrictOut Namespace>TestStringOutput None Old OpWithDefaultAttr "
    "OpWithFutureDefaultAttr OutT OutTypeList OutTypeListRestrict Polymorphic PolymorphicDefaultOut PolymorphicOut "
    "RefIn RefInputFloatInput RefInputFloatInputIntOutput RefInputIntInput RefOut RefOutput RefOutputFloatOutput "
    "RequiresOlderGraphVersion ReservedAttr ReservedInput ResourceCreateOp ResourceInitializedOp ResourceUsingOp "
    "Restrict Simple SimpleStruct StringListAttr StubResourceHandleOp TestAttr TestStringOutput TwoFloatInputs "
    "TwoFloatInputsFloatOutput TwoFloatInputsIntOutput TwoFloatOutputs TwoIntInputs TwoIntOutputs TwoRefsIn "
    "TypeList TypeListRestrict TypeListTwice Unary"
).split()


def _modules(tf_root: str) -> dict[str, str]:
    """Op name → the generated wrapper module that defines it (``gen_math_ops`` …)."""
    where: dict[str, str] = {}
    for path in sorted(glob.glob(os.path.join(tf_root, "python", "**", "gen_*.py"), recursive=True)):
        module = os.path.basename(path)[:-3]
        if module not in MODULES:
            continue
        text = Path(path).read_text(encoding="utf-8")
        for m in re.finditer(r'_apply_op_helper\(\s*"(\w+)"|_execute\.execute\(b"(\w+)"', text):
            where.setdefault(m.group(1) or m.group(2), module)
    return where


def classify(op: str, module: str | None) -> str:
    if op in OVERRIDES:
        return OVERRIDES[op]
    if op in TEST_OPS:
        return "test"
    if module is not None:
        category = MODULES[module]
        if category == "xla" and re.search(PATTERNS[2][0], op + " " + ("TPU" if "Sparse" in op or "Minibatch" in op
                                                                       or op == "GlobalIterId" else "")):
            return "tpu"  # the TPU embedding ops among gen_xla_ops
        return category
    for pattern, category in PATTERNS:
        if re.search(pattern, op):
            return category
    return "unclassified"


def main(argv: list[str]) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.core.framework import op_def_pb2
    from tensorflow.python.client import pywrap_tf_session as c_api

    buf = c_api.TF_GetAllOpList()
    installed = op_def_pb2.OpList()
    installed.ParseFromString(c_api.TF_GetBuffer(buf))
    sys.path.insert(0, str(ROOT))
    from sigcheck.runtime.registry import stock_op_names, versions

    names = sorted({op.name for op in installed.op} | stock_op_names())
    where = _modules(os.path.dirname(tf.__file__))
    ops = {op: classify(op, where.get(op)) for op in names}
    unknown = sorted(set(OVERRIDES) - set(names))
    data = {
        "about": "every op registered in the TensorFlow named here, with its category for sigcheck's op safety scan; "
                 "regenerate with scripts/make_op_classes.py; read it with the README's 'Op safety' section",
        "tensorflow_version": tf.__version__,
        "registries": sorted(set(versions()) | {tf.__version__}),
        "categories": {name: {"decision": d, "reason": r} for name, (d, r) in CATEGORIES.items()},
        "ops": ops,
    }
    text = json.dumps(data, indent=1, sort_keys=False) + "\n"
    old = json.loads(OUT.read_text()) if OUT.exists() else {"ops": {}}
    changed = {op: (old["ops"].get(op), c) for op, c in ops.items() if old["ops"].get(op) != c}
    gone = sorted(set(old["ops"]) - set(ops))
    for op, (was, now) in sorted(changed.items()):
        print(f"{op}: {was or 'new'} -> {now}", file=sys.stderr)
    for op in gone:
        print(f"{op}: no longer registered", file=sys.stderr)
    if unknown:
        print(f"overrides naming ops this TensorFlow does not register: {', '.join(unknown)}", file=sys.stderr)
    if "--check" in argv:
        return 1 if changed or gone else 0
    OUT.write_text(text)
    counts: dict[str, int] = {}
    for c in ops.values():
        counts[CATEGORIES[c][0]] = counts.get(CATEGORIES[c][0], 0) + 1
    print(f"wrote {OUT}: {len(ops)} ops of TensorFlow {tf.__version__}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
