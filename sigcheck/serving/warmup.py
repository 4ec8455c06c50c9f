"""Write a SavedModel's warm-up file: ``assets.extra/tf_serving_warmup_requests`` (TensorFlow imported here, lazily).

TF Serving (and Vertex AI's prebuilt TensorFlow containers, which run it) replay this file when a model version
loads, before it takes traffic, so the first real requests do not pay for graph initialisation and lazy kernel
setup.  The file is a TFRecord of ``tensorflow.serving.PredictionLog`` records; TF Serving reads at most 1000.

Each record here is a ``PredictLog`` whose ``PredictRequest`` holds the tensors the REST request decodes to
(:func:`sigcheck.codec.request.decode_request`, TF Serving's own JSON rules), built with the real protos of the
installed ``tensorflow-serving-api`` package.  The file is written to a temporary name beside the target, read
back and compared record by record, and only then renamed into place (uploaded in one piece for ``gs://``).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from typing import Any, Sequence

from .. import storage
from .._optional import require
from ..diagnostics import Diagnostic, Severity
from ..errors import ExecutionError, InputError, ModelError, SigcheckError
from ..model.types import ModelInfo
from ..storage.local import check_can_create, umask_mode

ASSETS_EXTRA = "assets.extra"
WARMUP_FILE = "tf_serving_warmup_requests"
MAX_RECORDS = 1000
"""TF Serving refuses warm-up files with more records (``kMaxNumRecords``)."""

PURPOSE = "writing TF Serving warm-up requests (sigcheck warmup)"


@dataclass(frozen=True)
class WarmupResult:
    path: str
    """Where the file was written: ``<version dir>/assets.extra/tf_serving_warmup_requests``."""
    records: int
    signatures: tuple[str, ...]
    """The signature each distinct request calls, in request order."""
    size: int
    """File size in bytes."""
    replaced: bool
    """True when an earlier warm-up file was overwritten (False when nothing was written)."""
    replaced_records: int | None = None
    """How many records the file already there had (None when there was none, or it could not be read)."""
    ran: bool = False
    """Each distinct request ran through the model first (``verify``)."""
    kernels: str | None = None
    """Which kernels the model ran with, when it ran."""
    findings: tuple[Diagnostic, ...] = ()
    """Why nothing was written: a record the gate fails the version for (``config.warmup.*``, judged before
    anything runs), or a request the model fails on (TF Serving would fail the version's load)."""
    largest_batch: int | None = None
    """The most instances in one record (its inputs' 0th dimension): with TF Serving's batching, a record larger
    than ``max_batch_size`` fails the load (``gate --serving-config --batching-parameters`` checks it)."""
    warnings: tuple[Diagnostic, ...] = ()
    """validate's ``request.signature`` warnings: a body whose ``signature_name`` is not ``--signature`` (the
    record calls the body's, as TF Serving would); and the gate's warnings on the records written (``gate`` says
    them too)."""

    @property
    def written(self) -> bool:
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "written": self.written, "records": self.records,
                "signatures": list(self.signatures), "size": self.size, "replaced": self.replaced,
                "replaced_records": self.replaced_records, "verified": True, "ran": self.ran,
                "kernels": self.kernels, "findings": [f.to_json() for f in self.findings],
                "warnings": [f.to_json() for f in self.warnings],
                "largest_batch": self.largest_batch}


def _modules() -> tuple[Any, Any, Any]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    tf = require("tensorflow", purpose=PURPOSE)
    require("tensorflow_serving", purpose=PURPOSE)
    from tensorflow_serving.apis import predict_pb2, prediction_log_pb2

    return tf, predict_pb2, prediction_log_pb2


def _quiet_tensorflow() -> Any:
    """Hold back TensorFlow's C++ start-up lines on stderr (absl banner, CUDA probing) while TF works, as
    ``sigcheck predict`` does: :func:`sigcheck.serving.session.captured_stderr` (replayed if something fails)."""
    from .session import captured_stderr

    return captured_stderr()


def _validate_hint(info: ModelInfo, source: str, signature: str | None = None) -> str:
    import shlex

    flag = f" --signature {shlex.quote(signature)}" if signature is not None else ""
    return f"check it with `sigcheck validate {shlex.quote(source)} --model {shlex.quote(info.source)}{flag}`"


def decode_requests(info: ModelInfo, requests: Sequence[tuple[str, bytes]], *, signature: str | None = None,
                    warnings: list[Diagnostic] | None = None) -> list[Any]:
    """Each request read as ``sigcheck validate --signature signature`` reads it (a body, or a JSON Lines file as
    the batch gcloud sends, with ``"signature_name": signature``) and decoded under TF Serving's JSON rules,
    without TensorFlow; InputError for the first one gcloud or TF Serving would reject, so a bad request is refused
    before TensorFlow is imported.  With ``signature``, a body that names no signature is refused too (TF Serving
    would call serving_default: validate's ``request.signature`` error), and a body that names another is kept
    (TF Serving follows the body) with validate's warning appended to ``warnings``."""
    from ..codec.request import decode_request
    from ..validate import request_body, validate_request
    from .predict import SIGNATURE_CODE

    decoded = []
    for source, body in requests:
        name = None if source == "-" else source
        result = validate_request(body, info, source=name, signature=signature)  # (InputError: no such signature)
        d = result.decoded
        front = result.front_end  # (a file that cannot be sent never reaches TF Serving: say that first)
        if front is not None and front.name in ("gcloud", "json-lines"):
            raise InputError(f"{source}: the {front.label} refuses this file: {front.error}",
                             hint=_validate_hint(info, source, signature))
        said = [f for f in result.findings if f.code == SIGNATURE_CODE]
        for f in said:
            if f.severity is Severity.ERROR:  # (the record would call serving_default, not the one meant)
                raise InputError(f"{source}: {f.message}", hint=f.hint)
            if warnings is not None:
                warnings.append(replace(f, subject=source))
        if not d.accepted:
            raise InputError(f"{source}: TF Serving would reject this request (HTTP {d.http_status}): {d.error}",
                             hint=_validate_hint(info, source, signature))
        if result.body is None:  # a JSON Lines file validated in chunks keeps no tensors: decode its batch once
            d = decode_request(request_body(body, source=name, format_in=result.input_format, signature=signature),
                               info.signatures)
        decoded.append(d)
    return decoded


def tensor_proto(tf: Any, tensor: Any) -> Any:
    """A ``tensorflow.TensorProto`` from a codec Tensor (``dtype`` enum name, ``shape``, numpy ``array``)."""
    from tensorflow.core.framework import types_pb2

    dt = tf.dtypes.as_dtype(types_pb2.DataType.Value(tensor.dtype))
    return tf.make_tensor_proto(tensor.array, dtype=dt, shape=list(tensor.shape))


def build_records(info: ModelInfo, requests: Sequence[tuple[str, bytes]], *, count: int | None = None,
                  model_name: str = "", signature: str | None = None,
                  warnings: list[Diagnostic] | None = None) -> tuple[list[bytes], tuple[str, ...]]:
    """Serialized ``PredictionLog`` records for ``requests`` (``(source, body)`` pairs), cycled to ``count``.

    Every request is checked (and the count) before TensorFlow is imported.
    """
    if not requests:
        raise InputError("no --request given: warm-up records are built from example requests",
                         hint="pass one or more predict request files with --request (sigcheck sample makes one)")
    n = len(requests) if count is None else count
    if not 1 <= n <= MAX_RECORDS:
        raise InputError(f"--count {n}: TF Serving reads between 1 and {MAX_RECORDS} warm-up records")
    if len(requests) > MAX_RECORDS:
        raise InputError(f"{len(requests)} requests: TF Serving reads at most {MAX_RECORDS} warm-up records")
    all_decoded = decode_requests(info, requests, signature=signature, warnings=warnings)
    built: list[bytes] = []
    sigs: list[str] = []
    with _quiet_tensorflow():
        tf, predict_pb2, prediction_log_pb2 = _modules()
        for decoded in all_decoded:
            req = predict_pb2.PredictRequest()
            req.model_spec.signature_name = decoded.signature_name
            if model_name:
                req.model_spec.name = model_name
            for alias in sorted(decoded.tensors):
                req.inputs[alias].CopyFrom(tensor_proto(tf, decoded.tensors[alias]))
            log = prediction_log_pb2.PredictionLog(predict_log=prediction_log_pb2.PredictLog(request=req))
            built.append(log.SerializeToString(deterministic=True))
            sigs.append(decoded.signature_name)
    return [built[i % len(built)] for i in range(n)], tuple(sigs)


def largest_batch(records: Sequence[bytes]) -> int | None:
    """The largest 0th dimension of any input of the records (serialized ``PredictionLog``s), None if none has one."""
    from ..serving_config.proto import serving_config_pb2 as pb

    sizes = []
    for raw in set(records):
        log = pb.PredictionLog()
        log.ParseFromString(raw)
        sizes += [t.tensor_shape.dim[0].size for t in log.predict_log.request.inputs.values() if t.tensor_shape.dim]
    return max(sizes, default=None)


def gate_findings(info: ModelInfo, records: Sequence[bytes],
                  sources: Sequence[str]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The gate's lint of these records (``files.warmup`` / ``config.warmup.*``, the very function
    :func:`sigcheck.serving_config.warmup_lint.check_warmup` judges each record of a warm-up file with), split into
    errors (the gate fails the version: nothing may be written) and the rest; ``sources[i % len(sources)]`` is the
    request record ``i`` was built from."""
    from ..serving_config.proto import serving_config_pb2 as pb
    from ..serving_config.warmup_lint import WarmupRecord, _record_findings

    errors: list[Diagnostic] = []
    others: list[Diagnostic] = []
    seen: set[bytes] = set()
    for i, raw in enumerate(records):
        if raw in seen:  # (--count cycles: the gate judges each distinct record once too)
            continue
        seen.add(raw)
        log = pb.PredictionLog()
        log.ParseFromString(raw)
        found, _body = _record_findings(info, WarmupRecord(i, log, raw))
        for d in found:
            d = replace(d, subject=sources[i % len(sources)],
                        message=f"{d.message}; `sigcheck gate` fails the version on this warm-up record "
                                "(files.warmup)" if d.severity is Severity.ERROR else d.message)
            (errors if d.severity is Severity.ERROR else others).append(d)
    return errors, others


def _write_tfrecord(tf: Any, path: str, records: Sequence[bytes]) -> None:
    with tf.io.TFRecordWriter(path) as writer:
        for record in records:
            writer.write(record)


def read_warmup(path: str) -> list[Any]:
    """The ``PredictionLog`` records of a warm-up file (local path)."""
    with _quiet_tensorflow():
        tf, _, prediction_log_pb2 = _modules()
        raws = list(tf.data.TFRecordDataset(path).as_numpy_iterator())
    out = []
    for raw in raws:
        log = prediction_log_pb2.PredictionLog()
        log.ParseFromString(raw)
        out.append(log)
    return out


def _verify(tf: Any, path: str, expected: Sequence[bytes]) -> None:
    try:
        got = [bytes(r) for r in tf.data.TFRecordDataset(path).as_numpy_iterator()]
    except tf.errors.OpError as exc:
        raise ExecutionError(f"{path}: the warm-up file just written does not read back: {exc.message}") from None
    if got != list(expected):
        raise ExecutionError(
            f"{path}: the warm-up file read back differs from what was written ({len(got)} of {len(expected)} "
            "records); nothing was installed",
        )


def run_requests(info: ModelInfo, requests: Sequence[tuple[str, bytes]], *, kernels: str = "stock",
                 timeout: float = 60.0, memory_limit: int | None = None,
                 signature: str | None = None) -> tuple[list[Diagnostic], str | None]:
    """Each request through the model, as ``sigcheck predict`` runs it (its own process, stated kernels): the
    ``warmup.record_fails`` findings of those it fails on, and the kernels' description.

    TF Serving replays every warm-up record when the version loads; a record that fails fails the load
    (``saved_model_warmup_util.cc``), so the version never serves."""
    from ..validate import request_body
    from ..validate.core import detect_format
    from .predict import LocalServer

    found: list[Diagnostic] = []
    with LocalServer(info, kernels=kernels, timeout=timeout, memory_limit=memory_limit) as server:
        for source, raw in requests:
            name = None if source == "-" else source
            answer = server.predict(request_body(raw, source=name, format_in=detect_format(raw, name),
                                                 signature=signature))
            if answer.ok:
                continue
            first_line = next(iter((answer.error or "").strip().splitlines()), "")
            said = (answer.crash.message if answer.crash is not None
                    else f"HTTP {answer.http_status} {answer.status_code or ''}: {first_line}")
            best = next(iter(answer.explanations), None)
            found.append(Diagnostic(
                code="warmup.record_fails", category=getattr(best, "category", None), severity=Severity.ERROR,
                message=f"the model fails on this request ({said}); TF Serving replays warm-up records when the "
                "version loads, and a failing record fails the load: the version would never serve",
                hint=(getattr(best, "fix", None) or "fix the request (sigcheck validate, sigcheck predict)").rstrip(".")
                + " (--no-verify would write it anyway, and TF Serving would then fail the version's load)",
                upstream=answer.error, subject=source))
        return found, server.kernels_description if server.loaded else None


def _existing_records(target: str) -> int | None:
    """How many records the warm-up file at ``target`` holds (None when it cannot be read)."""
    from ..codec.tfrecord import Corrupt, read_records

    n = 0
    try:
        with storage.open_read(target) as stream:  # (streamed: TF Serving reads at most 1000 records, files may be big)
            for _offset, record in read_records(stream, mode="tensorflow"):
                if isinstance(record, Corrupt):
                    return None
                n += 1
    except (SigcheckError, OSError):
        return None
    return n


def write_warmup(model: str | ModelInfo, requests: Sequence[tuple[str, bytes]], *, count: int | None = None,
                 model_name: str = "", tag_set: str = "serve", verify: bool = True, kernels: str = "stock",
                 timeout: float = 60.0, memory_limit: int | None = None, signature: str | None = None) -> WarmupResult:
    """Write ``assets.extra/tf_serving_warmup_requests`` into the model's version folder; verify it; return where.

    ``model`` is a SavedModel folder, a TF Serving base path (the highest version is used) or a ``gs://`` URI.
    With ``verify`` (the default) the records first get the gate's lint (:func:`gate_findings`) and each request
    runs through the model (:func:`run_requests`); when the gate would fail the version or the model fails on a
    request, nothing is written (an existing file stays as it was) and the result's ``findings`` say why. Without
    it the gate's errors are written anyway and become ``warnings``.
    """
    from ..model.reader import read_model

    info = model if isinstance(model, ModelInfo) else read_model(model, tag_set=tag_set, contracts=False)
    if info.kind != "saved_model" or info.model_dir is None:
        given = model if isinstance(model, str) else info.source
        written = f" (written from {info.source})" if isinstance(model, str) and info.source != model else ""
        raise ModelError(f"{given}: a signature contract{written} has no model folder to write warm-up requests "
                         "into", hint="pass the SavedModel folder " + (f"{info.source} " if written else "")
                         + "(or its TF Serving base path)")
    target = storage.join(info.model_dir, ASSETS_EXTRA, WARMUP_FILE)
    if not storage.is_remote(target):
        check_can_create(os.path.dirname(target))  # (a folder it cannot write: refused before TensorFlow starts)
    warned: list[Diagnostic] = []
    records, sigs = build_records(info, requests, count=count, model_name=model_name, signature=signature,
                                  warnings=warned)
    replaced = storage.exists(target)
    before = _existing_records(target) if replaced else None
    ran_with = None
    # what the gate would fail the version for is not written (a request of another rank the model answers, ...);
    # --no-verify writes it anyway, and says what the gate will say
    refused, noted = gate_findings(info, records, [source for source, _ in requests])
    warned += noted
    if refused and not verify:
        warned += [replace(d, severity=Severity.WARNING, message=f"{d.message}; written anyway (--no-verify)")
                   for d in refused]
    elif refused:
        return WarmupResult(path=target, records=0, signatures=sigs, size=0, replaced=False,
                            replaced_records=before, findings=tuple(refused), warnings=tuple(warned))
    if verify:
        failed, ran_with = run_requests(info, requests, kernels=kernels, timeout=timeout, memory_limit=memory_limit,
                                        signature=signature)
        if failed:
            return WarmupResult(path=target, records=0, signatures=sigs, size=0, replaced=False,
                                replaced_records=before, ran=True, kernels=ran_with, findings=tuple(failed),
                                warnings=tuple(warned))
    tf, _, _ = _modules()
    if storage.is_remote(target):
        with tempfile.TemporaryDirectory(prefix="sigcheck-warmup-") as tmp:
            local = os.path.join(tmp, WARMUP_FILE)
            with _quiet_tensorflow():
                _write_tfrecord(tf, local, records)
                _verify(tf, local, records)
            with open(local, "rb") as fh:
                data = fh.read()
        storage.write_bytes(target, data)
        size = len(data)
    else:
        folder = os.path.dirname(target)
        try:
            os.makedirs(folder, exist_ok=True)
            fd, tmp_path = tempfile.mkstemp(prefix=f".{WARMUP_FILE}.", suffix=".tmp", dir=folder)
            os.close(fd)
            umask_mode(tmp_path)
        except OSError as exc:
            raise InputError(f"{folder}: cannot write the warm-up file: {exc.strerror or exc}") from None
        try:
            with _quiet_tensorflow():
                _write_tfrecord(tf, tmp_path, records)
                _verify(tf, tmp_path, records)
            os.replace(tmp_path, target)
        except BaseException:
            if os.path.exists(tmp_path):
                os.unlink(tmp_path)
            raise
        size = os.path.getsize(target)
    return WarmupResult(path=target, records=len(records), signatures=sigs, size=size, replaced=replaced,
                        largest_batch=largest_batch(records),
                        replaced_records=before, ran=verify, kernels=ran_with, warnings=tuple(warned))
