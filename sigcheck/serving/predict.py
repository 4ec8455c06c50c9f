"""``:predict`` answered locally, as TF Serving would: validate, run, write the response.

1. The request body goes through sigcheck's request codec (``sigcheck.codec.request.decode_request``, the
   decoder ``sigcheck validate`` uses): when TF Serving's JSON layer would reject it, that answer (status and
   ``{"error": …}`` body) is the result.  When the answer is an error, ``validate_request``'s findings come with
   it (what sigcheck can say about the request beyond TF Serving's message).
   The codec also makes ``predict_util.cc``'s input checks (SPEC §10).
2. The tensors are fed to the signature's input tensor names and its outputs fetched (``Session::Run``);
   a model-execution error (Conv2D rank, reshape, unfed placeholder …) is returned as TF Serving returns it, and
   explained with sigcheck's explain catalogue.
3. The outputs are written as TF Serving writes them (:mod:`sigcheck.codec.response`), including the
   response-time errors (explained the same way).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from ..answer import answer_findings
from ..codec.request import decode_request
from ..codec.response import error_body, http_status, parse_response, strict_json, write_response
from ..codec.stages import CRASH, EXECUTION, OK, REQUEST, RESPONSE  # noqa: F401 (the stages predict answers at)
from ..diagnostics import Diagnostic
from ..model.reader import read_model
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from ..model.safety import UnsafeOp, check_model
from . import kernels as kernels_mod
from .child import DEFAULT_TIMEOUT, ModelCrashError, ModelProcess, default_memory_limit
from .session import scanned_local_copy


@dataclass
class Prediction:
    """TF Serving's answer to one ``:predict`` request, and what sigcheck knows about it."""

    http_status: int | None
    """None when no answer came (``stage == "crash"``)."""
    body: str
    """The exact body (string outputs that are not UTF-8 are surrogate-escaped: see ``codec.response``); empty
    when no answer came."""
    stage: str
    """``ok``, ``request``, ``execution``, ``response`` or ``crash``."""
    signature_name: str
    format: str | None
    latency_ms: float
    """Time to answer: decode, run, write (the model was already loaded)."""
    status_code: str | None = None
    """``INVALID_ARGUMENT`` … when TF Serving answers with an error."""
    error: str | None = None
    """TF Serving's error message."""
    outputs: dict[str, np.ndarray] | None = None
    findings: list[Diagnostic] = field(default_factory=list)
    """For an error answer: the request validator's findings.  For a 200: the values TF Serving changed silently
    before the model ran on them (integers wrapped into int8/int16/uint8, float32 overflow or lost integer
    precision, plain text in a binary input: validate's ``note_findings``), then what :mod:`sigcheck.answer` finds
    wrong with the answer itself (``predict.answer_shape``, ``predict.instance_mismatch``), else empty."""
    explanations: list[Any] = field(default_factory=list)
    """For a model-execution error or a response TF Serving cannot write: the explain catalogue's diagnoses, best
    first."""
    crash: Any = None
    """For ``stage == "crash"``: the :class:`sigcheck.serving.child.Crash`."""
    kernels: str | None = None
    """Which kernels ran the model (:func:`sigcheck.serving.kernels.describe`), when it ran."""
    sandbox: str | None = None
    """What the model's process was restricted to (:mod:`sigcheck.serving.sandbox`), when it ran."""
    refused: str | None = None
    """The path of a write sigcheck's sandbox refused the model during this request (TF Serving, with no sandbox,
    would have let it write), else None."""

    @property
    def ok(self) -> bool:
        return self.http_status == 200

    def response(self) -> Any:
        """The body parsed (``NaN``/``Infinity`` tokens become floats)."""
        return parse_response(self.body)

    def to_json(self, extra: Mapping[str, Any] | None = None) -> str:
        """``{"response": <the body, verbatim>, "http_status": …, "latency_ms": …, …}``: strict JSON.

        The body is embedded as TF Serving wrote it, so number texts (``9e+06``, ``3.0``) stay exact — except its
        ``NaN``/``Infinity`` tokens, which are not JSON: those are written as strings (``"NaN"``), and the exact
        body is added as the string ``response_text``.
        """
        import json

        strict = strict_json(self.body) if self.body else None
        fields: dict[str, Any] = {
            "http_status": self.http_status,
            "latency_ms": round(self.latency_ms, 3),
            "stage": self.stage,
            "signature_name": self.signature_name,
            "format": self.format,
            "status_code": self.status_code,
            "explanations": [_diagnosis_json(d) for d in self.explanations],
            "findings": [_finding_json(f) for f in self.findings],
            "kernels": self.kernels,
            "sandbox": self.sandbox,
            "refused": self.refused,
            "crash": self.crash.to_json() if self.crash is not None else None,
        }
        if strict is not None:
            fields["response_text"] = self.body
        if extra:
            fields.update(extra)
        rest = "".join(f", {json.dumps(k)}: {json.dumps(_finite(v), allow_nan=False)}" for k, v in fields.items())
        response = "null" if not self.body else self.body if strict is None else strict
        return '{"response": ' + response + rest + "}"


def _finite(value: Any) -> Any:
    """``value`` with non-finite floats as the strings ``"NaN"``/``"Infinity"``/``"-Infinity"`` (strict JSON)."""
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _diagnosis_json(d: Any) -> Any:
    to_json = getattr(d, "to_json", None)
    return to_json() if callable(to_json) else str(d)


def _finding_json(f: Any) -> Any:
    to_json = getattr(f, "to_json", None)
    return to_json() if callable(to_json) else str(f)


def _findings(body: bytes, info: ModelInfo) -> list[Diagnostic]:
    """``sigcheck validate``'s findings for the request (said alongside an error), without their advice to run
    ``sigcheck predict``."""
    from ..validate import validate_request

    return _without_advice(validate_request(body, info).findings)


def _without_advice(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    from ..validate.checks import without_predict_advice

    return [without_predict_advice(f) for f in findings]  # (this is predict)


def _silent_findings(body: bytes, info: ModelInfo, decoded: Any) -> list[Diagnostic]:
    """What TF Serving changed silently in an accepted request (validate's findings of the codec's notes), said
    with a 200 since the answer was computed on the changed values; empty (and nothing decoded again) without
    notes."""
    if not decoded.notes:
        return []
    from ..validate.checks import note_findings, without_predict_advice

    full = decoded if decoded.root is not None else decode_request(body, info.signatures)  # (the values' paths)
    sig = info.signatures.get(full.signature_name or DEFAULT_SIGNATURE)
    if sig is None:
        return []
    return [without_predict_advice(f) for f in note_findings(full, sig)]


SIGNATURE_CODE = "request.signature"
"""validate's finding about ``--signature`` against the body (:func:`sigcheck.validate.checks.signature_choice`)."""


@dataclass(frozen=True)
class SentRequest:
    """A request file as TF Serving receives it (:func:`sent_request`)."""

    body: bytes
    """The body sent: a body as is; a JSON Lines file as the batch gcloud sends (with ``"signature_name"`` for
    ``--signature``, gcloud's ``--signature-name``)."""
    format_in: str
    """``body`` or ``jsonl``."""
    validated: Any = None
    """``validate_request``'s result for the file with ``--signature`` (None when it was not needed: a body and
    no ``--signature``)."""

    @property
    def signature_findings(self) -> list[Diagnostic]:
        """validate's findings about ``--signature`` (the body names another signature: a warning, the body wins;
        the body names none: TF Serving calls serving_default, an error saying to add ``signature_name``)."""
        if self.validated is None:
            return []
        return [f for f in self.validated.findings if f.code == SIGNATURE_CODE]


def sent_request(raw: bytes, info: ModelInfo, *, signature: str | None = None, source: str | None = None,
                 format_in: str | None = None) -> SentRequest:
    """``raw`` (a request file) as TF Serving receives it, read as ``sigcheck validate REQUEST --signature
    signature`` reads it, with validate's own functions (no rule of its own): a JSON Lines file becomes gcloud's
    batch (:func:`sigcheck.validate.request_body`) carrying ``"signature_name": signature``; a body is sent as it
    is (TF Serving follows its ``signature_name``, else calls serving_default), and validate's
    ``request.signature`` findings say where ``--signature`` and the body part.  InputError for a ``signature``
    the model does not have (validate's)."""
    from ..validate import request_body, validate_request
    from ..validate.core import detect_format

    fmt = format_in or detect_format(raw, source)
    validated = None
    if fmt == "jsonl" or signature is not None:
        validated = validate_request(raw, info, signature=signature, source=source, format_in=fmt)
    return SentRequest(request_body(raw, source=source, format_in=fmt, signature=signature), fmt, validated)


def _explain(message: str, info: ModelInfo, body: bytes) -> list[Any]:
    from ..explain import explain_text

    return list(explain_text(message, info=info, request=body))


class LocalServer:
    """One model, served locally: read and scanned at once, loaded only when a request runs, in a child process
    (:mod:`sigcheck.serving.child`) with stated kernels (:mod:`sigcheck.serving.kernels`).

    A request that TF Serving's JSON layer rejects is answered without starting the model.  A request on which the
    model's process dies, hangs past ``timeout`` or passes ``memory_limit`` is answered with ``stage == "crash"``;
    the next request starts the model again.
    """

    def __init__(self, location: str | ModelInfo, *, tag_set: str = "serve", allow_unsafe_ops: bool = False,
                 quiet: bool = True, kernels: str = kernels_mod.DEFAULT, timeout: float = DEFAULT_TIMEOUT,
                 memory_limit: int | None = None) -> None:
        self.info = location if isinstance(location, ModelInfo) else read_model(location, tag_set=tag_set)
        self.unsafe_ops: list[UnsafeOp] = check_model(self.info, allow_unsafe_ops=allow_unsafe_ops)
        self.tag_set = tag_set
        self.allow_unsafe_ops = allow_unsafe_ops
        self.quiet = quiet  # (the child's TensorFlow output goes to its own log, never to this process's streams)
        self.kernels = kernels_mod.check(kernels)
        self.timeout = timeout
        self.memory_limit = memory_limit
        self._model: ModelProcess | None = None
        self._load_seconds: float | None = None

    @property
    def loaded(self) -> bool:
        return self._model is not None and self._model.loads > 0

    @property
    def load_seconds(self) -> float | None:
        """TensorFlow's import plus the model's (last) load, in the child; None when it never loaded.  Kept after
        :meth:`close`, for the summary."""
        if self._model is not None and self._model.loads:
            self._load_seconds = self._model.load_seconds
        return self._load_seconds

    @property
    def kernels_description(self) -> str:
        if self._model is not None:
            return self._model.kernels_description
        return kernels_mod.describe(self.kernels)

    @property
    def model(self) -> ModelProcess:
        """The model's process (started on first use; ModelCrashError/ExecutionError when it cannot load)."""
        if self._model is None:
            local_dir, allowed = scanned_local_copy(self.info, tag_set=self.tag_set,
                                                    allow_unsafe_ops=self.allow_unsafe_ops)
            self._model = ModelProcess(self.info, local_dir, tag_set=self.tag_set, kernels=self.kernels,
                                       timeout=self.timeout, memory_limit=self.memory_limit or default_memory_limit(),
                                       allowed_unsafe_ops=allowed)
        if not self._model.alive:
            self._model.start()
        return self._model

    def predict(self, body: bytes, *, explain: bool = True,
                findings: Sequence[Diagnostic] | None = None) -> Prediction:
        """``findings``: the request's validate findings when they were made from its file (a JSON Lines file's
        name its lines and say --signature, not "add signature_name to the body"); else made from ``body``."""
        return _answer(self.info, lambda: self.model, body, explain=explain, findings=findings)

    def close(self) -> None:
        if self._model is not None:
            self._load_seconds = self.load_seconds  # (remembered for the summary)
            self._model.close()
            self._model = None

    def __enter__(self) -> "LocalServer":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def predict(model: Any, body: bytes, *, explain: bool = True) -> Prediction:
    """Answer ``body`` (a ``:predict`` request) with a loaded ``model`` (a :class:`ModelProcess` or an in-process
    :class:`~sigcheck.serving.session.LoadedModel`) as TF Serving would."""
    return _answer(model.info, lambda: model, body, explain=explain)


def _answer(info: ModelInfo, get_model: Callable[[], Any], body: bytes, *, explain: bool,
            findings: Sequence[Diagnostic] | None = None) -> Prediction:
    start = time.perf_counter()
    decoded = decode_request(body, info.signatures, need_body=False)  # TF Serving's JSON layer, exactly
    signature_name = decoded.signature_name or DEFAULT_SIGNATURE
    paused = 0.0
    kernels: str | None = None
    model_ref: Any = None

    def done(status: int | None, text: str, stage: str, **kw: Any) -> Prediction:
        elapsed = (time.perf_counter() - start - paused) * 1000.0
        answer = Prediction(http_status=status, body=text, stage=stage, signature_name=signature_name,
                            format=decoded.format, latency_ms=elapsed, kernels=kernels,
                            sandbox=getattr(model_ref, "sandbox", None), refused=getattr(model_ref, "refused", None),
                            **kw)
        if stage != OK and explain:  # context for an error: the validator's findings (not timed)
            answer.findings = _findings(body, info) if findings is None else _without_advice(findings)
        elif stage == OK:  # a 200 on values TF Serving changed silently (wrapped integers …) says so (not timed)
            answer.findings = _silent_findings(body, info, decoded)
        if answer.crash is not None:
            if explain and answer.crash.cause:  # (what the dying process said: a failed CHECK reads like an error)
                answer.explanations = _explain(answer.crash.cause, info, body)
            best = next(iter(answer.explanations), None)
            finding = answer.crash.finding(kernels=getattr(model_ref, "kernels", ""),
                                           path=f"$.signatures.{signature_name}")
            answer.findings.insert(0, replace(finding, category=getattr(best, "category", None)))
        return answer

    if not decoded.accepted:
        message = decoded.error or ""
        return done(decoded.http_status, error_body(message), REQUEST, status_code=decoded.status_code,
                    error=message)
    feeds = {alias: _array(tensor) for alias, tensor in decoded.tensors.items()}
    load_start = time.perf_counter()
    try:
        model = get_model()  # loading (once) is not part of the request's latency
    except ModelCrashError as exc:
        paused = time.perf_counter() - load_start
        return done(None, "", CRASH, error=exc.crash.message, crash=exc.crash)
    paused = time.perf_counter() - load_start
    model_ref = model
    kernels = getattr(model, "kernels_description", None)
    result = model.run(signature_name, feeds)
    if result.crash is not None:
        return done(None, "", CRASH, error=result.crash.message, crash=result.crash)
    def failed(status: int, text: str, stage: str, status_code: str, message: str, **kw: Any) -> Prediction:
        """A model that ran and failed, or whose outputs TF Serving cannot write: its answer, explained."""
        prediction = done(status, text, stage, status_code=status_code, error=message, **kw)
        if explain:
            prediction.explanations = _explain(message, info, body)
        return prediction

    if result.error is not None:
        return failed(http_status(result.error.status_code), error_body(result.error.message), EXECUTION,
                      result.error.status_code, result.error.message)
    outputs = result.outputs or {}
    dtypes = result.dtypes or {alias: spec.dtype for alias, spec in info.signatures[signature_name].outputs.items()}
    status, text = write_response(outputs, decoded.format or "row", dtypes)
    if status != 200:
        return failed(status, text, RESPONSE, "INVALID_ARGUMENT", parse_response(text)["error"], outputs=outputs)
    answer = done(status, text, OK, outputs=outputs)
    # a 200 proves only that no op raised: the answer against the signature (not timed; instances alone are run
    # again only when an input got another rank than declared, see sigcheck.answer)
    answer.findings.extend(answer_findings(info.signatures[signature_name], feeds, outputs,
                                           lambda alone: model.run(signature_name, alone),
                                           fmt=decoded.format, path=f"$.signatures.{signature_name}"))
    return answer


def _array(tensor: Any) -> np.ndarray:
    array = getattr(tensor, "array", tensor)
    return array if isinstance(array, np.ndarray) else np.asarray(array)
