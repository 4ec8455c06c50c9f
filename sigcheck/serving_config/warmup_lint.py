"""The warm-up file of a served version: ``assets.extra/tf_serving_warmup_requests``, read as TF Serving reads it.

TF Serving replays the file when the version loads; any record that fails makes the *load* fail
(tensorflow_serving/servables/tensorflow/saved_model_warmup_util.cc ``RunSavedModelWarmupUntracked``: TFRecord
framing, ``PredictionLog`` parsing, at most ``kMaxNumRecords`` = 1000 records; saved_model_warmup.cc
``RunWarmupRequest``: which log types run; predict_util.cc ``RunPredict``/``PreProcessPrediction``: the signature
and the inputs).  No TensorFlow here: the framing is :mod:`sigcheck.codec.tfrecord` read in its TensorFlow mode, the
records are sigcheck's own ``PredictionLog`` message, tensors are decoded to numpy with the dtype table, and a
record's shapes are judged by validate's :func:`~sigcheck.validate.checks.shape_findings`.  With a predictor
(``gate --predict``) each distinct predict record is also run through the model.
"""

from __future__ import annotations

import base64
import dataclasses
import io
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np
from google.protobuf.message import DecodeError

from .. import storage
from ..answer import ANSWER_CODES
from ..codec.dtypes import DTYPES
from ..codec.messages import input_size_mismatch, tensor_parsing_error
from ..codec.request import Decoded, Tensor
from ..codec.tfrecord import Corrupt, read_records as read_framing
from ..diagnostics import Diagnostic, Severity
from ..errors import SigcheckError
from ..model.proto import saved_model_pb2
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from .proto import serving_config_pb2 as pb

ASSETS_EXTRA = "assets.extra"
WARMUP_FILE = "tf_serving_warmup_requests"
MAX_RECORDS = 1000
"""``WarmupConsts::kMaxNumRecords`` (saved_model_warmup_util.h)."""
LOG_TYPE_NUMBER = {f.name: f.number for f in pb.PredictionLog.DESCRIPTOR.oneofs_by_name["log_type"].fields}
"""``log_type_case()`` values TF Serving prints (the oneof's field numbers)."""

Predictor = Callable[..., Iterable[Diagnostic]]


@dataclass(frozen=True)
class WarmupRecord:
    index: int
    log: Any
    raw: bytes


def warmup_path(version_dir: str) -> str:
    return storage.join(version_dir, ASSETS_EXTRA, WARMUP_FILE)


def decode_tensor(proto: Any) -> Tensor | str:
    """A TensorProto as ``Tensor::FromProto`` reads it, or why it does not parse (sigcheck's words).

    Fewer values than elements repeat the last value, no values mean zeros, extra values are ignored (tensor.cc
    ``FromProtoField``); ``tensor_content`` must hold exactly the elements' bytes.
    """
    name = saved_model_pb2.DataType.Name(proto.dtype) if proto.dtype in saved_model_pb2.DataType.values() else None
    entry = DTYPES.get(name or "")
    if entry is None or name == "DT_INVALID":
        return f"dtype {name or proto.dtype} is not a tensor dtype"
    if proto.tensor_shape.unknown_rank:
        return "the tensor's shape has an unknown rank"
    shape = tuple(int(d.size) for d in proto.tensor_shape.dim)
    if any(d < 0 for d in shape):
        return f"the tensor's shape {shape} has a negative dimension"
    n = int(np.prod(shape, dtype=np.int64)) if shape else 1
    if entry.numpy is None:
        return Tensor(name, shape, np.zeros(0))  # (bfloat16, quantized …: dtype and shape only)
    np_dtype = np.dtype(entry.numpy)
    if name == "DT_STRING":
        values = [bytes(v) for v in proto.string_val]
        arr = np.empty(n, dtype=object)
        arr[:] = _filled(values, n, b"")
        return Tensor(name, shape, arr.reshape(shape))
    if proto.tensor_content:
        content = bytes(proto.tensor_content)
        if len(content) != n * np_dtype.itemsize:
            return (f"tensor_content holds {len(content)} bytes; {n} {entry.tf_name} values need "
                    f"{n * np_dtype.itemsize}")
        return Tensor(name, shape, np.frombuffer(content, dtype=np_dtype.newbyteorder("<")).reshape(shape))
    values = list(getattr(proto, entry.proto_field or "float_val"))
    if name == "DT_HALF":
        arr = np.array(_filled(values, n, 0), dtype=np.uint16).view(np.float16)
    elif name in ("DT_COMPLEX64", "DT_COMPLEX128"):
        pairs = [complex(values[k], values[k + 1]) for k in range(0, len(values) - 1, 2)]
        arr = np.array(_filled(pairs, n, 0j), dtype=np_dtype)
    else:
        arr = np.array(_filled(values, n, 0), dtype=np_dtype)
    return Tensor(name, shape, arr.reshape(shape))


def _filled(values: Sequence[Any], n: int, zero: Any) -> list[Any]:
    if not values:
        return [zero] * n
    if len(values) >= n:
        return list(values[:n])
    return list(values) + [values[-1]] * (n - len(values))


def request_body(signature: str, tensors: dict[str, Tensor]) -> bytes | None:
    """The columnar REST body carrying the same tensors (for ``--predict``); None when REST cannot carry a dtype."""
    import orjson

    def leaf(v: Any) -> Any:
        return {"b64": base64.b64encode(v).decode("ascii")} if isinstance(v, bytes) else v

    def nest(a: np.ndarray) -> Any:
        if a.dtype == object:
            return np.vectorize(leaf, otypes=[object])(a).tolist() if a.size else a.tolist()
        return a.tolist()

    inputs = {}
    for alias, t in tensors.items():
        if not DTYPES[t.dtype].rest_readable:
            return None
        inputs[alias] = nest(t.array)
    return orjson.dumps({"signature_name": signature, "inputs": inputs})


def read_records(data: bytes) -> tuple[list[WarmupRecord], list[tuple[int, bytes]], Corrupt | None]:
    """(parsed records, (index, raw) of records that are not PredictionLogs, the framing error if any), read as
    TensorFlow's reader reads them."""
    good: list[WarmupRecord] = []
    bad: list[tuple[int, bytes]] = []
    broken = None
    for index, (_offset, item) in enumerate(read_framing(io.BytesIO(data), mode="tensorflow")):
        if isinstance(item, Corrupt):
            broken = item
            break
        log = pb.PredictionLog()
        try:
            log.ParseFromString(item)
        except DecodeError:
            bad.append((index, item))
            continue
        good.append(WarmupRecord(index, log, item))
    return good, bad, broken


def check_warmup(info: ModelInfo, label: str, *, predictor: Predictor | None = None) -> list[Diagnostic]:
    """Findings for the warm-up file of the version ``info`` (none when it has no such file)."""
    if info.model_dir is None:
        return []
    path = warmup_path(info.model_dir)
    try:
        if not storage.exists(path):
            return []
        data = storage.read_bytes(path)
    except SigcheckError as exc:
        return [Diagnostic(code="config.warmup.unreadable", severity=Severity.ERROR, subject=path,
                           message=f"{label}: the warm-up file cannot be read: {exc}", hint=exc.hint)]
    out: list[Diagnostic] = []

    def diag(code: str, severity: Severity, message: str, record: int | None = None, **kw: Any) -> Diagnostic:
        where = "$" if record is None else f"$.records[{record}]"
        d = Diagnostic(code=code, severity=severity, message=f"{label}: {message}", path=kw.pop("path", where),
                       subject=path, **kw)
        out.append(d)
        return d

    good, bad, broken = read_records(data)
    total = len(good) + len(bad)
    if broken is not None:
        diag("config.warmup.framing", Severity.ERROR,
             f"record {broken.index} of the warm-up file is not valid TFRecord framing ({broken.reason}); loading "
             "the version fails", broken.index,
             upstream=f"{broken.message}. Please verify your warmup data is in TFRecord format.",
             hint="write the file with tf.io.TFRecordWriter (or `sigcheck warmup`), not as raw protos or JSON")
    for index, raw in bad:
        shown = raw[:40].decode("utf-8", "backslashreplace") + ("…" if len(raw) > 40 else "")
        diag("config.warmup.not_prediction_log", Severity.ERROR,
             f"record {index} is not a serialized tensorflow.serving.PredictionLog; loading the version fails",
             index, upstream=f"Failed to parse warmup record: {shown} from {path}",
             hint="each record must be PredictionLog(predict_log=PredictLog(request=PredictRequest(...)))"
                  ".SerializeToString()")
    if total > MAX_RECORDS:
        diag("config.warmup.too_many_records", Severity.ERROR,
             f"the warm-up file has {total}{'+' if broken else ''} records; TF Serving reads at most {MAX_RECORDS} "
             "and fails the load after that", MAX_RECORDS,
             upstream=f"Number of warmup records exceeds the maximum ({MAX_RECORDS}) at {path}",
             hint=f"keep at most {MAX_RECORDS} records (`sigcheck warmup --count`)")
    seen: dict[bytes, int] = {}
    ran: set[bytes] = set()
    for rec in good:
        if rec.raw in seen:  # the same request again (`sigcheck warmup --count` cycles): judged once
            continue
        seen[rec.raw] = rec.index
        found, body = _record_findings(info, rec)
        for d in found:
            out.append(dataclasses.replace(d, message=f"{label}: {d.message}", subject=path))
        # (a body is made only for a record TF Serving accepts: a declared-shape finding, which TF Serving never
        # checks, does not keep it from running -- as gate --request runs such a request)
        if predictor is not None and body is not None and body not in ran:
            ran.add(body)
            for d in predictor(body, source=f"{path}#{rec.index}"):
                if d.code in ANSWER_CODES:  # (a 200 is all the load needs: the warm-up answer's values are unused)
                    continue
                out.append(dataclasses.replace(d, message=f"{label}: warm-up record {rec.index}: {d.message}",
                                               path=f"$.records[{rec.index}]", subject=path))
    return out


def _record_findings(info: ModelInfo, rec: WarmupRecord) -> tuple[list[Diagnostic], bytes | None]:
    """What ``RunWarmupRequest`` does with one record, and the REST body for ``--predict`` (predict logs only)."""
    log, i = rec.log, rec.index
    where = f"$.records[{i}]"
    kind = log.WhichOneof("log_type")
    out: list[Diagnostic] = []

    def diag(code: str, severity: Severity, message: str, path: str = where, **kw: Any) -> None:
        out.append(Diagnostic(code=code, severity=severity, message=message, path=path, **kw))

    if kind is None:
        diag("config.warmup.empty_record", Severity.INFO,
             f"record {i} holds no request (no log type set): TF Serving skips it")
        return out, None
    if kind in ("session_run_log", "predict_streamed_log"):
        diag("config.warmup.log_type", Severity.ERROR,
             f"record {i} is a {kind}, which TF Serving cannot replay at load; loading the version fails",
             upstream=f"Unsupported log_type for warmup: {LOG_TYPE_NUMBER[kind]}",
             hint="write predict_log records (`sigcheck warmup` does)")
        return out, None
    if kind == "multi_inference_log":
        specs = [t.model_spec for t in log.multi_inference_log.request.tasks]
    else:
        specs = [getattr(log, kind).request.model_spec]
    for spec in specs:
        key = spec.signature_name or DEFAULT_SIGNATURE
        if key not in info.signatures:
            diag("config.warmup.signature", Severity.ERROR,
                 f"record {i} ({kind}) calls signature \"{key}\", which the model does not have "
                 f"(it has: {', '.join(sorted(info.signatures)) or 'none'}); loading the version fails",
                 f"{where}.{kind}.request.model_spec.signature_name", category="signature_not_found",
                 upstream=f"Serving signature key \"{key}\" not found." if kind == "predict_log" else None,
                 hint="write the warm-up records from requests to this model's signatures (`sigcheck warmup`)")
    if kind != "predict_log" or out:
        return out, None
    return _predict_findings(info, log.predict_log.request, i)


def _predict_findings(info: ModelInfo, request: Any, i: int) -> tuple[list[Diagnostic], bytes | None]:
    """``PreProcessPrediction``: inputs sent vs the signature's, each TensorProto parsed, dtype, then shapes."""
    from itertools import chain

    from ..validate.checks import output_batch_findings, shape_findings
    from ..validate.core import SHAPE_CHECK_DEFAULT, output_reshapes, shape_severity

    key = request.model_spec.signature_name or DEFAULT_SIGNATURE
    sig = info.signatures[key]
    base = f"$.records[{i}].predict_log.request"
    out: list[Diagnostic] = []
    sent, wanted = sorted(request.inputs), sorted(sig.inputs)
    if sent != wanted:
        out.append(Diagnostic(
            code="config.warmup.inputs", severity=Severity.ERROR, category="input_keys_mismatch",
            message=f"record {i} sends inputs {sent} to signature \"{key}\", which takes {wanted}; loading the "
                    "version fails", path=f"{base}.inputs", upstream=input_size_mismatch(sent, wanted),
            hint="send exactly the signature's inputs (`sigcheck inspect` lists them)"))
        return out, None
    tensors: dict[str, Tensor] = {}
    for alias in sent:
        t = decode_tensor(request.inputs[alias])
        path = f"{base}.inputs.{alias}"
        if isinstance(t, str):
            out.append(Diagnostic(
                code="config.warmup.tensor", severity=Severity.ERROR, path=path,
                message=f"record {i}: input \"{alias}\" is not a valid TensorProto ({t}); loading the version "
                        "fails", upstream=tensor_parsing_error(alias),
                hint="build the tensor with tf.make_tensor_proto(value, dtype=...)"))
            continue
        spec = sig.inputs[alias]
        if t.dtype != spec.dtype:
            out.append(Diagnostic(
                code="config.warmup.dtype", severity=Severity.ERROR, category="dtype_mismatch", path=path,
                message=f"record {i}: input \"{alias}\" is {DTYPES[t.dtype].tf_name}, but signature \"{key}\" "
                        f"takes {DTYPES[spec.dtype].tf_name if spec.dtype in DTYPES else spec.dtype}; the session "
                        "refuses the feed and loading the version fails",
                expected=spec.dtype, received=t.dtype,
                hint=f"make the tensor with dtype tf.{DTYPES[spec.dtype].tf_name if spec.dtype in DTYPES else '?'}"))
            continue
        tensors[alias] = t
    for name in sorted(request.output_filter):
        if name not in sig.outputs:
            out.append(Diagnostic(
                code="config.warmup.output_filter", severity=Severity.ERROR, path=f"{base}.output_filter",
                message=f"record {i} asks for output \"{name}\", which signature \"{key}\" does not have; loading "
                        "the version fails",
                upstream=f"output tensor alias not found in signature: {name} Outputs expected to be in the set "
                         f"{{{','.join(sorted(sig.outputs))}}}.",
                hint="drop output_filter, or name outputs of this signature"))
    if out:
        return out, None
    decoded = Decoded(accepted=True, http_status=200, error=None, status_code=None, format="columnar",
                      signature_name=key, tensors=tensors)
    severity = shape_severity(SHAPE_CHECK_DEFAULT)
    for d in chain(shape_findings(decoded, sig, severity, item_label="request",
                                  rank_severity=shape_severity(SHAPE_CHECK_DEFAULT, rank_change=True)),
                   output_batch_findings(decoded, sig, severity, output_reshapes(info, sig))):
        name = next((a for a in sorted(tensors) if f'"{a}"' in d.message), None)
        out.append(dataclasses.replace(d, code="config.warmup.shape", message=f"record {i}: {d.message}",
                                       path=f"{base}.inputs.{name}" if name else f"{base}.inputs"))
    return out, request_body(key, tensors)
