"""``sigcheck export``: train (or load) a Keras model and publish a SavedModel version that serves on the first try.

Layout of one export (``OUTPUT`` is the TF Serving base path; Vertex's ``--artifact-uri`` is ``OUTPUT/<version>``)::

    OUTPUT/
      <version>/                 saved_model.pb, variables/, assets/   (the SavedModel)
        assets.extra/
          signature.json         the sigcheck.signatures/v1 contract (what ``inspect --json`` prints)
          request.json           a sample request that validates (real rows of the CSV for tabular models)
          gate.json              the static gate's verdict on this version
          labels.txt             a classifier's labels, one per line, in the order of its probabilities columns
      logs/<version>/            TensorBoard events (train/, validation/)

``assets.extra/`` is SavedModel's place for files that travel with a model but that the loader ignores (TF
Serving reads its warm-up file from there): the files go wherever the version goes (gs://, Vertex), appear
atomically with it, and never confuse TF Serving or Vertex, which load ``saved_model.pb`` + ``variables/``.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from typing import Any, Mapping, Sequence

from .. import storage
from .._optional import require
from ..errors import ExecutionError, InputError
from . import progress as events
from .data import CLASSIFICATION, Table, sample_instances
from .model import TrainOptions, Trained, train
from .signatures import (
    IMAGE_BYTES_SIGNATURE,
    IMAGE_TENSOR_SIGNATURE,
    Endpoint,
    KerasNames,
    image_bytes_endpoint,
    keras_endpoint,
    keras_names,
    tabular_endpoint,
    write_saved_model,
)
from .versions import Staging, VersionSlot, choose_version, local_logdir

SIDECAR_DIR = "assets.extra"
SIGNATURE_FILE = "signature.json"
REQUEST_FILE = "request.json"
GATE_FILE = "gate.json"
LABELS_FILE = "labels.txt"
"""A classifier's class labels, one per line, in the order of its ``probabilities`` columns."""
MISSING_FILE = "missing_values.json"
"""A tabular model's numeric inputs → the value it puts in place of a missing one (NaN): what a Vertex AI client
sends instead, since Vertex's predict API reads the body as proto3 JSON, which has no NaN."""
SAMPLE_ROWS = 3


@dataclass(frozen=True)
class ExportOptions:
    output: str
    """The base path (local folder or gs:// URI)."""
    version: int | None = None
    image_bytes: bool = False
    image_scale: str | None = None
    """``unit`` | ``symmetric`` | ``raw``; None: ``unit``, or ``raw`` when the model already scales its input (a
    leading Rescaling(1/255): :mod:`sigcheck.repair.scale`)."""
    target: str = "tf-serving"
    """The gate's target: ``tf-serving``, ``vertex`` or ``ai-platform``."""
    default_signature: str | None = None
    """Which signature of an image model is ``serving_default``: ``tensor`` (the float input; the bytes one is
    ``image_bytes``) or ``image_bytes`` (the bytes input, implies :attr:`image_bytes`; the float one is
    ``image_tensor``).  None: ``tensor``, with a note when :attr:`image_bytes` is set (Vertex AI's prebuilt
    containers call only ``serving_default``)."""
    logdir: str | None = None
    """TensorBoard folder (default ``OUTPUT/logs/<version>``)."""
    tensorboard: bool = True


@dataclass
class ExportResult:
    """What an export wrote, and what it measured."""

    location: str
    """The version folder (local path or gs:// URI)."""
    base: str
    version: int
    signatures: list[str]
    files: dict[str, str]
    """``signature``/``request``/``gate`` → where that file is (inside ``assets.extra``)."""
    gate_ok: bool
    gate: dict[str, Any]
    request_ok: bool | None
    """Whether request.json passes ``validate`` (None when there is no sample request)."""
    request_findings: list[dict[str, Any]] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    logdir: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    """``train``, ``export``, ``check``, ``total``."""
    notes: list[str] = field(default_factory=list)
    model: Any = field(default=None, repr=False)
    """The Keras model that was exported (in-process callers compare against it)."""
    trained: Trained | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.gate_ok and self.request_ok is not False

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "model": self.location,
            "base_path": self.base,
            "version": self.version,
            "signatures": self.signatures,
            "files": self.files,
            "gate": {"ok": self.gate_ok, "findings": self.gate.get("findings", [])},
            "request": {"ok": self.request_ok, "findings": self.request_findings},
            "metrics": self.metrics,
            "logdir": self.logdir,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "notes": self.notes,
        }


def _json_bytes(data: Any) -> bytes:
    from ..model.contract import pretty_json

    return pretty_json(data).encode("utf-8")


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def _gate(info: Any, request: bytes | None, source: str, target: str) -> tuple[bool, dict[str, Any]]:
    """The static gate's verdict (``sigcheck.gate.run_gate``); the sample request goes through it too."""
    from ..gate import run_gate

    requests: tuple[Any, ...] = ((source, request),) if request is not None else ()
    result = run_gate(info, requests=requests, target=target)
    return bool(result.ok), result.to_json()


def _validate(request: bytes, info: Any, source: str, target: str) -> tuple[bool, list[dict[str, Any]]]:
    from ..validate import validate_request

    result = validate_request(request, info, target=target, source=source)
    return bool(result.ok), [d.to_json() for d in result.findings]


def _sample_for(info: Any, key: str) -> bytes | None:
    """A sample request for an exported signature, when it can be built: ``sigcheck sample``'s output
    (``sigcheck.schema.model_sample``: values of a looked-up input drawn from its vocabulary, ragged components
    that agree)."""
    from ..errors import SigcheckError
    from ..schema import model_sample

    try:
        return model_sample(info, key).body
    except SigcheckError:
        return None


def _publish(
    slot: VersionSlot,
    model: Any,
    endpoints: Sequence[Endpoint],
    *,
    request: bytes | None,
    options: ExportOptions,
    listener: events.Listener,
    labels: Sequence[str] = (),
    missing: Mapping[str, float] | None = None,
) -> tuple[ExportResult, float, float]:
    """Write the SavedModel and its sidecar files into a staging folder, check them, then put the version in place."""
    from ..model import read_model

    started = time.perf_counter()
    with Staging(slot) as stage:
        listener(events.Progress(events.STAGE, message=f"writing the SavedModel (version {slot.version})"))
        write_saved_model(model, endpoints, stage.path)
        export_seconds = time.perf_counter() - started
        listener(events.Progress(events.STAGE, message="checking the export (contract, sample request, gate)"))
        checked = time.perf_counter()
        staged = read_model(stage.path)
        info = replace(staged, source=slot.location, version=slot.version)
        extra = os.path.join(stage.path, SIDECAR_DIR)
        os.makedirs(extra, exist_ok=True)
        files = {name: storage.join(slot.location, SIDECAR_DIR, fname)
                 for name, fname in (("signature", SIGNATURE_FILE), ("request", REQUEST_FILE), ("gate", GATE_FILE))}
        from ..model import contract

        _write(os.path.join(extra, SIGNATURE_FILE), contract.dumps(info).encode("utf-8"))
        if labels:
            _write(os.path.join(extra, LABELS_FILE), "".join(f"{label}\n" for label in labels).encode("utf-8"))
            files["labels"] = storage.join(slot.location, SIDECAR_DIR, LABELS_FILE)
        if missing:
            _write(os.path.join(extra, MISSING_FILE), _json_bytes(dict(missing)))
            files["missing_values"] = storage.join(slot.location, SIDECAR_DIR, MISSING_FILE)
        if request is None:
            request = _sample_for(info, "serving_default")
        request_ok: bool | None = None
        request_findings: list[dict[str, Any]] = []
        if request is not None:
            _write(os.path.join(extra, REQUEST_FILE), request)
            request_ok, request_findings = _validate(request, info, files["request"], options.target)
        else:
            del files["request"]
        for key in info.signatures:
            if key == "serving_default" or options.target == "vertex":
                continue  # (Vertex AI calls only serving_default: a request naming another one cannot be sent there)
            other = _sample_for(info, key)
            if other is not None:
                fname = f"request.{key}.json"
                _write(os.path.join(extra, fname), other)
                files[f"request.{key}"] = storage.join(slot.location, SIDECAR_DIR, fname)
        gate_info = replace(info, model_dir=stage.path)
        gate_ok, gate = _gate(gate_info, request, files.get("request", REQUEST_FILE), options.target)
        _write(os.path.join(extra, GATE_FILE), _json_bytes(gate))
        check_seconds = time.perf_counter() - checked
        listener(events.Progress(events.STAGE, message=f"publishing {slot.location}"))
        location = stage.publish()
    result = ExportResult(
        location=location, base=slot.base, version=slot.version, signatures=sorted(info.signatures), files=files,
        gate_ok=gate_ok, gate=gate, request_ok=request_ok, request_findings=request_findings, model=model,
    )
    return result, export_seconds, check_seconds


def export_table(
    table: Table,
    train_options: TrainOptions,
    options: ExportOptions,
    listener: events.Listener = events.ignore,
) -> ExportResult:
    """Train a tabular model on ``table`` and publish it as the next version under ``options.output``."""
    started = time.perf_counter()
    train_options.check()
    if options.image_bytes or _default_signature(options) == IMAGE_BYTES_SIGNATURE:
        raise InputError("--image-bytes applies to image models (--from MODEL.keras), not to tabular data",
                         hint="drop --image-bytes / --default-signature")
    slot = choose_version(options.output, options.version)
    for note in table.plan.notes:
        listener(events.Progress(events.NOTE, message=note))
    logdir: str | None = None
    if options.tensorboard:
        with local_logdir(slot, options.logdir) as (local, final):
            trained = train(table, replace(train_options, logdir=local), listener)
            logdir = final
    else:
        trained = train(table, replace(train_options, logdir=None), listener)
    endpoint = tabular_endpoint(trained.model, table.plan)
    request = _json_bytes({"instances": sample_instances(table, SAMPLE_ROWS)})
    labels = tuple(table.plan.classes) if table.plan.task == CLASSIFICATION else ()
    result, export_s, check_s = _publish(slot, trained.model, [endpoint], request=request, options=options,
                                         listener=listener, labels=labels, missing=trained.missing_values)
    result.metrics = trained.metrics
    result.logdir = logdir
    result.trained = trained
    result.notes = list(table.plan.notes)
    if labels:
        shown = ", ".join(labels[:6]) + (", …" if len(labels) > 6 else "")
        note = (f"class order of \"probabilities\" (column i is line i): {result.files['labels']} ({shown}); "
                "\"classes\" gives the most likely label itself")
        result.notes.append(note)
        listener(events.Progress(events.NOTE, message=note))
    if trained.missing_values:
        note = missing_note(trained.missing_values, result.files["missing_values"])
        result.notes.append(note)
        listener(events.Progress(events.NOTE, message=note))
    result.seconds = {"train": trained.seconds, "export": export_s, "check": check_s,
                      "total": time.perf_counter() - started}
    return result


def missing_note(values: Mapping[str, float], where: str) -> str:
    """How a client sends a missing number: NaN to TF Serving; to Vertex AI, the value the model would use."""
    shown = ", ".join(f"{name} {value:.6g}" for name, value in list(values.items())[:4])
    more = ", …" if len(values) > 4 else ""
    return ("a missing number: TF Serving takes NaN, which the model replaces with the training mean; Vertex AI's "
            "predict API reads the body as proto3 JSON, which has no NaN (validate --target vertex warns) and a "
            "float input refuses null and \"\" — send that mean itself, the same answer: "
            f"{where} ({shown}{more})")


KERAS_SUFFIXES = (".keras", ".h5", ".hdf5")


def check_keras_file(location: str) -> bytes | None:
    """Refuse what is not a Keras model file before TensorFlow is imported; returns the bytes of a gs:// file."""
    if not storage.exists(location):
        raise InputError(f"{location}: no such file", hint="give a Keras model file with --from MODEL.keras")
    if storage.is_dir(location):
        raise InputError(
            f"{location}: is a folder; --from takes a Keras model file (.keras or .h5)",
            hint="a SavedModel is already exported: check it with `sigcheck inspect`; re-export it from the .keras "
            "file it came from",
        )
    suffix = os.path.splitext(location)[1]
    if suffix not in KERAS_SUFFIXES:
        raise InputError(f"{location}: expected a .keras (or legacy .h5) Keras model file",
                         hint="save the model with model.save('model.keras')")
    data = storage.read_bytes(location) if storage.is_remote(location) else None
    if suffix == ".keras":
        head = data[:4] if data is not None else open(location, "rb").read(4)
        if head != b"PK\x03\x04":
            raise InputError(f"{location}: not a .keras file (a .keras model is a zip archive; this file is not one)",
                             hint="save the model with model.save('model.keras')")
        _check_archive(location, data)
    return data


def _check_archive(location: str, data: bytes | None) -> None:
    """A .keras zip that is cut short or lacks config.json (Keras would say "File not found")."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else location) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError) as exc:
        raise InputError(f"{location}: a damaged .keras archive (the zip is cut short or corrupted: {exc})",
                         hint="copy the file again whole, or save the model again with model.save('model.keras')"
                         ) from None
    if "config.json" not in names:
        raise InputError(f"{location}: not a Keras model archive (a zip file without config.json)",
                         hint="save the model with model.save('model.keras')")


def load_keras_model(location: str) -> Any:
    """Load a ``.keras`` (or legacy ``.h5``) model file, local or gs:// (copied to a local temporary file)."""
    import tempfile

    data = check_keras_file(location)
    keras = require("keras", purpose="loading the Keras model")
    from .model import fill_missing_layer

    fill_missing_layer()  # models trained by sigcheck itself use it
    path, tmp = location, None
    if data is not None:
        fd, tmp = tempfile.mkstemp(suffix=os.path.splitext(location)[1])
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        path = tmp
    try:
        return keras.saving.load_model(path, compile=False)
    except Exception as exc:  # noqa: BLE001 - Keras deserialising the user's file: any failure is about that file
        from .keras_errors import explain_load_failure

        failure = explain_load_failure(exc, path=path, keras_version=keras.__version__)
        raise InputError(f"{location}: cannot load the Keras model: {failure.reason}", hint=failure.hint) from exc
    finally:
        if tmp:
            os.unlink(tmp)


def export_keras(
    source: str | Any,
    options: ExportOptions,
    *,
    input_names: Sequence[str] = (),
    output_names: Sequence[str] = (),
    listener: events.Listener = events.ignore,
) -> ExportResult:
    """Re-export an existing Keras model (a file, or a model object) with stable names and a dynamic batch."""
    started = time.perf_counter()
    bytes_default = _default_signature(options) == IMAGE_BYTES_SIGNATURE
    slot = choose_version(options.output, options.version)
    if isinstance(source, str):
        listener(events.Progress(events.STAGE, message=f"loading {source}"))
        model = load_keras_model(source)
    else:
        model = source
    names: KerasNames = keras_names(model, input_names, output_names)
    for note in names.renamed:
        listener(events.Progress(events.NOTE, message=f"renamed {note}"))
    endpoints = [keras_endpoint(model, names)]
    notes: list[str] = []
    scale = options.image_scale or "unit"
    if bytes_default or options.image_bytes:
        from ..repair.scale import choose_scale, keras_input_scaling

        scale, scale_note = choose_scale(keras_input_scaling(model), options.image_scale)
        if scale_note:
            notes.append(scale_note)
            listener(events.Progress(events.NOTE, message=scale_note))
    if bytes_default:
        endpoints = [replace(image_bytes_endpoint(model, names, scale), key="serving_default"),
                     replace(endpoints[0], key=IMAGE_TENSOR_SIGNATURE)]
    elif options.image_bytes:
        endpoints.append(image_bytes_endpoint(model, names, scale))
        if options.default_signature is None:
            notes.append(VERTEX_BYTES_NOTE)
            listener(events.Progress(events.NOTE, message=VERTEX_BYTES_NOTE))
    try:
        result, export_s, check_s = _publish(slot, model, endpoints, request=None, options=options, listener=listener)
    except (ValueError, TypeError) as exc:
        from .keras_errors import whole_reason

        raise ExecutionError(f"cannot export the Keras model: {whole_reason(exc)}",
                             hint="re-run with SIGCHECK_DEBUG=1 for the traceback") from exc
    result.notes = [f"renamed {n}" for n in names.renamed] + notes
    result.seconds = {"export": export_s, "check": check_s, "total": time.perf_counter() - started}
    return result


DEFAULT_SIGNATURES = ("tensor", IMAGE_BYTES_SIGNATURE)
"""``--default-signature``: what ``serving_default`` takes (a float tensor, or JPEG/PNG bytes)."""
VERTEX_BYTES_NOTE = (f"the {IMAGE_BYTES_SIGNATURE} signature is written beside serving_default (the float tensor); "
                     "Vertex AI's prebuilt TensorFlow containers call only serving_default, so requests to Vertex AI "
                     f"cannot use it: export with --default-signature {IMAGE_BYTES_SIGNATURE} to make the JPEG/PNG "
                     f"signature serving_default (the float one is then {IMAGE_TENSOR_SIGNATURE})")


def _default_signature(options: ExportOptions) -> str:
    """The checked ``default_signature`` (``tensor`` when None)."""
    choice = options.default_signature or "tensor"
    if choice not in DEFAULT_SIGNATURES:
        raise InputError(f"unknown --default-signature {choice!r}",
                         hint=f"use one of: {', '.join(DEFAULT_SIGNATURES)}")
    return choice


__all__ = [
    "ExportOptions",
    "ExportResult",
    "DEFAULT_SIGNATURES",
    "IMAGE_BYTES_SIGNATURE",
    "IMAGE_TENSOR_SIGNATURE",
    "SIDECAR_DIR",
    "export_keras",
    "export_table",
    "check_keras_file",
    "load_keras_model",
]
