"""``--batching_parameters_file``: the values TF Serving refuses, and the signatures batching breaks.

Sources, with the messages quoted verbatim:
* tensorflow_serving/servables/tensorflow/bundle_factory_util.cc ``WrapSessionForBatching`` (last allowed size vs
  ``max_batch_size``, whose default is ``QueueOptions().input_batch_size_limit`` = 1000) and bundle_factory_util.h
  ``GetQueueOptions`` / ``CreateBatchScheduler`` (which fields feed which scheduler option);
* tensorflow_serving/batching/batching_session.cc ``CreateBasicBatchingSession`` (allowed_batch_sizes with large
  batch splitting), ``MergeInputTensors`` (padding off), ``SplitOutputTensors`` (outputs);
* tensorflow_serving/batching/batching_util.h ``ComputeTensorBatchSize`` (inputs need a 0th dimension);
* tensorflow/core/kernels/batching_util/shared_batch_scheduler.h ``Create`` / ``AddQueueAfterRewritingOptions``
  (thread count, timeout, queue length; ``max_enqueued_batches`` 0 is rewritten to 1 without large batch splitting)
  and ``ValidateBatchTaskQueueCapacity`` (a task larger than ``input_batch_size_limit`` = ``max_batch_size`` is
  refused, with or without large batch splitting);
* tensorflow_serving/servables/tensorflow/saved_model_bundle_factory.cc / saved_model_bundle_source_adapter.cc
  (the session is wrapped for batching before the warm-up file is replayed on it, so warm-up records are batched).
"""

from __future__ import annotations

from typing import Any

from .. import storage
from ..diagnostics import Diagnostic, Severity
from ..errors import SigcheckError
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from .textproto import ConfigText

PER_MODEL_FILE = "batching_params.pbtxt"
"""``kBatchingParamsFilename``: a version folder's own batching parameters, read instead of the server's when TF
Serving runs with ``--enable_per_model_batching_params`` (bundle_factory_util.cc ``GetPerModelBatchingParams``)."""
DEFAULT_MAX_BATCH_SIZE = 1000
"""``QueueOptions::input_batch_size_limit`` default (shared_batch_scheduler.h)."""
DEFAULT_MAX_EXECUTION_BATCH_SIZE = 1000
LONG_TIMEOUT_MICROS = 1_000_000
"""Above one second, a request alone in its batch waits that long: flagged as a probable unit mistake."""
PAD_MAX_RANK = 6


def _value(params: Any, name: str) -> int | None:
    return getattr(params, name).value if params.HasField(name) else None


def check_parameters(cfg: ConfigText, params: Any) -> list[Diagnostic]:
    """Findings about the batching parameters themselves (no model needed)."""
    out: list[Diagnostic] = []

    def diag(code: str, severity: Severity, message: str, field: str, **kw: Any) -> None:
        out.append(Diagnostic(code=code, severity=severity, message=message, path=f"$.{field}",
                              subject=cfg.location, line=cfg.line(field), **kw))

    splitting = params.HasField("enable_large_batch_splitting") and params.enable_large_batch_splitting.value
    max_batch = _value(params, "max_batch_size")
    effective_max = DEFAULT_MAX_BATCH_SIZE if max_batch is None else max_batch
    exec_max = _value(params, "max_execution_batch_size")
    effective_exec = DEFAULT_MAX_EXECUTION_BATCH_SIZE if exec_max is None else exec_max
    threads = _value(params, "num_batch_threads")
    timeout = _value(params, "batch_timeout_micros")
    queue = _value(params, "max_enqueued_batches")

    if threads is not None and threads < 1:
        diag("config.batching.num_batch_threads", Severity.ERROR, f"num_batch_threads is {threads}: the batch "
             "scheduler needs at least one thread; TF Serving fails to load every model", "num_batch_threads",
             upstream=f"num_batch_threads must be positive; was {threads}",
             hint="set num_batch_threads to the number of CPU cores (the default when it is left out)")
    if max_batch is not None and max_batch <= 0:
        diag("config.batching.max_batch_size", Severity.ERROR,
             f"max_batch_size is {max_batch}: TF Serving fails to load every model"
             + ("" if max_batch == 0 else " (a negative value wraps to a huge unsigned size, or fails)"),
             "max_batch_size", upstream="input_batch_size_limit must be positive; was 0" if max_batch == 0 else None,
             hint="set max_batch_size to the largest batch the model should run (e.g. 128)")
    if timeout is not None and timeout < 0:
        diag("config.batching.batch_timeout_micros", Severity.ERROR,
             f"batch_timeout_micros is {timeout}: TF Serving fails to load every model", "batch_timeout_micros",
             upstream=f"batch_timeout_micros must be non-negative; was {timeout}",
             hint="set batch_timeout_micros to 0 or more (microseconds; e.g. 1000 for 1 ms)")
    elif timeout is not None and timeout > LONG_TIMEOUT_MICROS:
        diag("config.batching.batch_timeout_micros", Severity.WARNING,
             f"batch_timeout_micros is {timeout} ({timeout / 1e6:g} s): a request that finds no others waits that "
             "long before its batch runs; the unit is microseconds", "batch_timeout_micros",
             hint="batch_timeout_micros is in microseconds: 1000 is 1 ms (typical values are 0 to 10000)")
    if queue is not None and queue == 0:
        if splitting:
            diag("config.batching.max_enqueued_batches", Severity.ERROR, "max_enqueued_batches is 0 with "
                 "enable_large_batch_splitting: TF Serving fails to load every model", "max_enqueued_batches",
                 upstream="max_enqueued_batches must be positive; was 0",
                 hint="set max_enqueued_batches to 1 or more (the default is 10)")
        else:
            diag("config.batching.max_enqueued_batches", Severity.INFO, "max_enqueued_batches 0 is read as 1 "
                 "(TF Serving rewrites it for old configs): one batch may wait; more requests are refused with "
                 "UNAVAILABLE", "max_enqueued_batches", hint="set the queue length you mean (the default is 10)")
    elif queue is not None and queue < 0:
        diag("config.batching.max_enqueued_batches", Severity.WARNING, f"max_enqueued_batches is {queue}: the "
             "scheduler's unsigned size wraps it to an unbounded queue", "max_enqueued_batches",
             hint="set max_enqueued_batches to a positive queue length (the default is 10)")
    if splitting and exec_max is not None and exec_max <= 0:
        diag("config.batching.max_execution_batch_size", Severity.ERROR, f"max_execution_batch_size is {exec_max}",
             "max_execution_batch_size", hint="set it to a positive size, at most max_batch_size")
    if splitting and effective_max < effective_exec:
        diag("config.batching.max_execution_batch_size", Severity.ERROR,
             f"with enable_large_batch_splitting, max_batch_size ({effective_max}) must be at least "
             f"max_execution_batch_size ({effective_exec}); TF Serving fails to load every model",
             "max_execution_batch_size",
             upstream="When enable_large_batch_splitting is true, input_batch_size_limit must be greater than or "
                      "equal to max_execution_batch_size.",
             hint="raise max_batch_size or lower max_execution_batch_size")

    sizes = list(params.allowed_batch_sizes)
    if sizes:
        field = "allowed_batch_sizes"
        increasing = all(b > a for a, b in zip(sizes, sizes[1:]))
        if not increasing:
            if splitting:
                diag("config.batching.allowed_batch_sizes", Severity.ERROR,
                     f"allowed_batch_sizes {sizes} is not strictly increasing; TF Serving fails to load every model",
                     field, upstream="allowed_batch_sizes entries must be monotonically increasing",
                     hint="list the sizes in increasing order, each once")
            else:
                diag("config.batching.allowed_batch_sizes", Severity.WARNING,
                     f"allowed_batch_sizes {sizes} is not strictly increasing: TF Serving does not check it without "
                     "large batch splitting, and pads each batch to the first listed size that fits (so a batch can "
                     "be padded to a larger size than needed)", field,
                     hint="list the sizes in increasing order, each once")
        if any(s <= 0 for s in sizes):
            diag("config.batching.allowed_batch_sizes", Severity.ERROR,
                 f"allowed_batch_sizes {sizes} has a size below 1", field, hint="use positive batch sizes only")
        last = sizes[-1]
        if last != effective_max:  # WrapSessionForBatching: checked with or without splitting
            where = "" if max_batch is not None else " (max_batch_size is not set: its default is 1000)"
            diag("config.batching.allowed_batch_sizes", Severity.ERROR,
                 f"the last entry of allowed_batch_sizes ({last}) must equal max_batch_size ({effective_max}){where}; "
                 "TF Serving fails to load every model", field,
                 upstream=f"Last entry in allowed_batch_sizes must match max_batch_size; last entry was {last}; "
                          f"expected {effective_max}",
                 hint=f"end allowed_batch_sizes with {effective_max}, or set max_batch_size {{ value: {last} }}")
        elif splitting and last != effective_exec:  # CreateBasicBatchingSession with splitting
            diag("config.batching.allowed_batch_sizes", Severity.ERROR,
                 f"with enable_large_batch_splitting, the last entry of allowed_batch_sizes ({last}) must equal "
                 f"max_execution_batch_size ({effective_exec}); TF Serving fails to load every model", field,
                 upstream="Last entry in allowed_batch_sizes must be equal to max_execution_batch_size; last entry "
                          f"was {last}; expected {effective_exec}",
                 hint=f"set max_execution_batch_size {{ value: {last} }}")
    return out


def check_signatures(cfg: ConfigText, params: Any, info: ModelInfo, label: str) -> list[Diagnostic]:
    """What batching does to each signature of one served model version (TF Serving batches every signature)."""
    out: list[Diagnostic] = []
    pad = params.pad_variable_length_inputs
    subject = info.source

    def diag(code: str, severity: Severity, message: str, path: str, **kw: Any) -> None:
        out.append(Diagnostic(code=code, severity=severity, message=f"{label}: {message}", path=path,
                              subject=subject, **kw))

    for key in sorted(info.signatures):
        sig = info.signatures[key]
        spath = f"$.signatures.{key}"
        if not sig.inputs:
            diag("config.batching.no_inputs", Severity.ERROR, f"signature \"{key}\" has no inputs: with batching "
                 "every request to it fails", spath, upstream="Batching Run() must have at least one input tensor",
                 hint="serve this model without --enable_batching, or give the signature an input")
            continue
        for name in sorted(sig.inputs):
            spec = sig.inputs[name]
            ipath = f"{spath}.inputs.{name}"
            shape = spec.known_shape
            if shape is None:
                diag("config.batching.unknown_rank", Severity.WARNING, f"input \"{name}\" of signature \"{key}\" "
                     "has an unknown rank: batching needs a 0th (batch) dimension, which sigcheck cannot confirm",
                     ipath, hint="export the input with a known shape whose first dimension is the batch (None)")
                continue
            if len(shape) == 0:
                diag("config.batching.no_batch_dimension", Severity.ERROR, f"input \"{name}\" of signature \"{key}\" "
                     "is a scalar: with batching every request to this signature fails", ipath,
                     category="scalar_input",
                     upstream="Batching Run() input tensors must have at least one dimension",
                     hint="re-export the input with a leading batch dimension (shape (None, ...))")
                continue
            if shape[0] != -1:
                diag("config.batching.fixed_batch_dimension", Severity.WARNING,
                     f"input \"{name}\" of signature \"{key}\" declares a fixed batch size of {shape[0]} "
                     f"(shape {_dims(shape)}): batching concatenates requests along dimension 0 (up to "
                     f"max_batch_size), so the model gets other sizes", ipath, category="fixed_batch_size_in_graph",
                     hint="re-export with a None batch dimension, or serve this model without batching")
            variable = [d for d, n in enumerate(shape) if d > 0 and n == -1]
            if variable and not pad:
                tensor = spec.tensor_name or name
                diag("config.batching.variable_length", Severity.WARNING,
                     f"input \"{name}\" of signature \"{key}\" has variable dimension(s) "
                     f"{', '.join(str(d) for d in variable)} (shape {_dims(shape)}) and pad_variable_length_inputs "
                     "is off: two requests batched together with different lengths both fail", ipath,
                     category="ragged_instances",
                     upstream=f"Tensors with name '{tensor}' from different tasks have different shapes and padding "
                              "is turned off. Set pad_variable_length_inputs to true, or ensure that all tensors "
                              "with the same name have equal dimensions starting with the first dim.",
                     hint="set pad_variable_length_inputs: true in the batching parameters, or send fixed-length "
                          "inputs")
            if pad and len(shape) > PAD_MAX_RANK and variable:
                diag("config.batching.pad_rank", Severity.WARNING,
                     f"input \"{name}\" of signature \"{key}\" has rank {len(shape)}: padding works up to rank 6",
                     ipath, upstream="Only tensors with rank from 1 to 6 can be padded.",
                     hint="reshape the input to rank 6 or less, or turn padding off and send equal lengths")
        for name in sorted(sig.outputs):
            shape = sig.outputs[name].known_shape
            opath = f"{spath}.outputs.{name}"
            if shape is None:
                continue
            if len(shape) == 0:
                diag("config.batching.output_no_batch_dimension", Severity.ERROR,
                     f"output \"{name}\" of signature \"{key}\" is a scalar: batching splits outputs along dimension "
                     "0, so every request to this signature fails", opath, category="output_batch_dimension",
                     upstream="Batched output tensor has 0 dimensions",
                     hint="return one value per example (shape (None, ...)), or serve without batching")
            elif shape[0] != -1:
                diag("config.batching.output_fixed_batch_dimension", Severity.WARNING,
                     f"output \"{name}\" of signature \"{key}\" declares {shape[0]} rows (shape {_dims(shape)}); "
                     "batching needs one row per batched example", opath, category="output_batch_dimension",
                     upstream="Batched output tensor's 0th dimension does not equal the sum of the 0th dimension "
                              "sizes of the input tensors",
                     hint="return one row per input example (a None first dimension)")
    if pad and not any(any(n == -1 for n in (s.known_shape or ())[1:])
                       for sig in info.signatures.values() for s in sig.inputs.values()):
        out.append(Diagnostic(code="config.batching.padding_unused", severity=Severity.INFO,
                              message=f"{label}: pad_variable_length_inputs is on, but no input has a variable "
                                      "non-batch dimension", path="$.pad_variable_length_inputs",
                              subject=cfg.location, line=cfg.line("pad_variable_length_inputs")))
    return out


def check_warmup_batches(cfg: ConfigText, params: Any, info: ModelInfo, label: str) -> list[Diagnostic]:
    """Warm-up records of one served version that the batch scheduler refuses when it replays them on load.

    TF Serving wraps the version's session for batching (every signature, and any other Run() through the default
    queue) before ``RunSavedModelWarmup`` replays ``assets.extra/tf_serving_warmup_requests`` on it: a predict record
    is one task whose size is its inputs' 0th dimension, and a task larger than ``max_batch_size`` is refused
    (``allowed_batch_sizes`` only pads a batch up to a listed size, and large batch splitting splits only tasks
    within that limit), so that record, and the load, fail.  Inputs without a 0th dimension, or with different
    0th dimensions, fail ``ComputeTensorBatchSize`` first.  Records the warm-up lint already fails (another
    signature, other inputs, a TensorProto that does not parse) are left to it.
    """
    from .warmup_lint import decode_tensor, read_records, warmup_path

    if info.model_dir is None:
        return []
    path = warmup_path(info.model_dir)
    if not storage.exists(path):
        return []
    max_batch = _value(params, "max_batch_size")
    limit = DEFAULT_MAX_BATCH_SIZE if max_batch is None else max_batch
    if limit <= 0:
        return []  # (config.batching.max_batch_size already fails every load)
    try:
        records, _, _ = read_records(storage.read_bytes(path))
    except SigcheckError:
        return []  # (config.warmup.unreadable says it)
    where = f"{cfg.location}:{cfg.line('max_batch_size')}" if max_batch is not None and cfg.line("max_batch_size") \
        else cfg.location
    limit_text = (f"max_batch_size {limit} ({where})" if max_batch is not None
                  else f"max_batch_size, which {cfg.location} leaves at its default of {limit}")
    out: list[Diagnostic] = []
    copies: dict[bytes, int] = {}
    for rec in records:
        copies[rec.raw] = copies.get(rec.raw, 0) + 1
    seen: set[bytes] = set()
    for rec in records:
        if rec.raw in seen or rec.log.WhichOneof("log_type") != "predict_log":
            continue
        seen.add(rec.raw)
        again = copies[rec.raw] - 1
        same = f" (and {again} identical record{'s' if again != 1 else ''})" if again else ""
        request = rec.log.predict_log.request
        key = request.model_spec.signature_name or DEFAULT_SIGNATURE
        sig = info.signatures.get(key)
        if sig is None or sorted(request.inputs) != sorted(sig.inputs):
            continue
        shapes = {}
        for alias in sorted(request.inputs):
            t = decode_tensor(request.inputs[alias])
            if isinstance(t, str):
                break
            shapes[alias] = t.shape
        else:
            rpath = f"$.records[{rec.index}].predict_log.request.inputs"

            def diag(message: str, upstream: str, hint: str) -> None:
                out.append(Diagnostic(code="config.batching.warmup_batch_size", severity=Severity.ERROR,
                                      message=f"{label}: warm-up record {rec.index}{same} (signature \"{key}\") "
                                              f"{message}; with batching TF Serving replays the warm-up file through "
                                              "the batch scheduler, so the record fails and loading the version fails",
                                      path=rpath, subject=path, upstream=upstream, hint=hint))

            scalars = [a for a, s in shapes.items() if len(s) == 0]
            sizes = {a: s[0] for a, s in shapes.items() if len(s) > 0}
            if scalars:
                diag(f"sends input(s) {', '.join(scalars)} as scalars (no batch dimension)",
                     "Batching Run() input tensors must have at least one dimension",
                     "write warm-up records whose inputs have a leading batch dimension (`sigcheck warmup`)")
            elif len(set(sizes.values())) > 1:
                diag("has inputs with different 0th dimensions ("
                     + ", ".join(f"{a} {n}" for a, n in sizes.items()) + ")",
                     "Batching Run() input tensors must have equal 0th-dimension size",
                     "give every input of a record the same number of instances")
            elif sizes and next(iter(sizes.values())) > limit:
                batch = next(iter(sizes.values()))
                diag(f"has a batch of {batch} (the 0th dimension of {', '.join(sizes)}), larger than {limit_text}",
                     f"Task size {batch} is larger than maximum input batch size {limit}",
                     f"write warm-up records of at most {limit} instance{'s' if limit != 1 else ''} (`sigcheck "
                     f"warmup` with a smaller request), or raise max_batch_size to at least {batch} (and end "
                     "allowed_batch_sizes with it, if set); enable_large_batch_splitting does not lift this limit")
    return out


def _dims(shape: tuple[int, ...]) -> str:
    from ..model.types import format_shape

    return format_shape(shape)
