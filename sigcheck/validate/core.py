"""``validate_request``: TF Serving's verdict on a request (exact message), then what is still wrong.

A request is a full body (``{"instances": …}`` / ``{"inputs": …}``, optional ``signature_name``, Vertex
``parameters``) or gcloud's ``--json-instances`` file (JSON Lines, one instance per line), which is validated as
the batch gcloud would send, in chunks, so memory stays flat whatever the file size.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from ..gate.blockers import model_blockers
from ..codec import messages as msg
from ..codec import stages
from ..codec.request import COLUMNAR, ROW, Decoded, Failure, Tensor, decode_request
from ..diagnostics import Diagnostic, Severity, sort_key
from ..errors import InputError
from ..model.types import DEFAULT_SIGNATURE, ModelInfo, Signature
from ..model.composite import composite_inputs
from . import checks, composite, examples, images
from . import lines as lines_mod
from .paths import format_dims

TARGETS = ("tf-serving", "vertex", "ai-platform")
SHAPE_CHECKS = ("error", "rank", "warn", "off")
SHAPE_CHECK_DEFAULT = "rank"
"""The one default of ``--shape-check`` (validate, gate, batch, and every library caller that does not choose).

TF Serving never compares the shapes it is fed with the signature's declared shapes (nor does Session::Run): a
request that only disagrees with a declaration reaches the model, which answers it unless some op depends on the
declared shape.  Which ops do cannot be known without running the graph, so the default follows what models do:
a tensor of another RANK than declared (a missing or extra batch level, a bare value, a scalar given a batch) is an
error, because almost every model fails on it (a Conv2D answers "input must be 4-dimensional", a Dense layer a
matmul error: the server's answer is a 400); a same-rank size difference (a 16x16 image into a model declared
224x224) is a warning (exit 0), because fully convolutional and pooling models answer it, and the finding says the
model may fail and how to settle it (``sigcheck predict``, ``gate --predict``).  ``error`` enforces the whole
declared contract, ``warn`` makes every shape finding a warning, ``off`` drops them.  What TF Serving itself refuses
(wrong input name, a dtype JSON decoding rejects, a missing input …) stays an error whatever this says."""
DECLARED_SHAPE_CODES = ("request.shape", "request.batch")
"""Codes of the findings ``--shape-check`` governs: declared vs sent shapes and batch sizes, which TF Serving never
checks (only running the model decides: ``gate --predict`` settles them)."""
FORMATS_IN = ("body", "jsonl")
PAYLOAD_LIMIT = 1572864
"""Vertex AI and AI Platform (legacy) online prediction refuse bodies above 1.5 MB."""
GCLOUD_MAX_INSTANCES = 100
"""gcloud sends at most 100 instances from a --json-instances file."""
GCLOUD_INSTANCES_TARGETS = ("ai-platform",)
"""Targets whose JSON Lines files gcloud reads with ``--json-instances`` (``gcloud ai-platform predict`` and ``gcloud
ai-platform local predict``), refusing the file at its first empty line.  Nothing reads JSON Lines in front of the
others: TF Serving takes bodies only, and Vertex AI's ``gcloud ai endpoints predict`` takes ``--json-request`` (a
body); there a blank line is no instance and is skipped."""
PAYLOAD_MESSAGE = "Request payload size exceeds the limit: 1572864 bytes."
GCLOUD_LIMIT_MESSAGE = ("Online prediction can process no more than 100 instances per file. Please use batch "
                        "prediction instead.")
"""What gcloud says when it reaches line 101 of a --json-instances file (it reads the lines in order: an empty line
or a line that is not JSON before it refuses first)."""

JSONL_CHUNK_BYTES = 1 << 20
JSONL_CHUNK_LINES = 8192
JSONL_CHECK_MISSES = 4
"""After this many chunks in a row that the block check cannot vouch for, the rest are decoded in full only."""


FRONT_END_NAMES = {"gcloud": "gcloud", "json-lines": "JSON Lines reader", "vertex": "Vertex AI",
                   "ai-platform": "AI Platform"}


@dataclass(frozen=True)
class FrontEnd:
    """What refuses the request in front of TF Serving, before TF Serving sees it: gcloud's ``--json-instances``
    file reader (``gcloud``), whatever turns JSON Lines into a body when a line is not one JSON value
    (``json-lines``), or the platform's online prediction service (``vertex``, ``ai-platform``: its REST layer,
    its size limit)."""

    name: str
    status: int | None
    """The HTTP status the service answers (None: refused on the client, nothing is sent)."""
    error: str | None
    """Its message, verbatim when known."""
    reason: str = ""
    """``blank_line``, ``not_json``, ``instance_limit``, ``payload_size`` or ``body_field`` (not in the JSON)."""

    accepted = False

    @property
    def label(self) -> str:
        return FRONT_END_NAMES.get(self.name, self.name)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "accepted": False, "status": self.status, "error": self.error}


MODEL_FAILURES: Mapping[str, tuple[str, str | None]] = {
    "graph.unfed_placeholder": (stages.EXECUTION, "INVALID_ARGUMENT"),
    "graph.unrestored_variable": (stages.EXECUTION, "FAILED_PRECONDITION"),
    "request.response": (stages.RESPONSE, "INVALID_ARGUMENT"),
    "files.variables_not_restored": (stages.MODEL, None),
    "op.python_function": (stages.MODEL, None),
}
"""Error findings that say how TF Serving answers a request it has decoded, whatever the request: the stage it fails
at and the status code it answers with (its HTTP status from :data:`sigcheck.codec.response.HTTP_STATUS`).

``execution``: Session::Run fails (``You must feed a value for placeholder tensor 'keep_prob'…`` is
INVALID_ARGUMENT, ``Could not find variable …`` FAILED_PRECONDITION); ``response``: TF Serving cannot write the
outputs as JSON (json_tensor.cc: INVALID_ARGUMENT); ``model``: the model cannot answer, with no status sigcheck can
state (the version fails to load, or loads without its weights; a Python function no model server can run).  The
findings' ``upstream`` is the message TF Serving answers with, when known.  Blockers that depend on the runtime or
on sigcheck's own policy (``op.unregistered``: a runtime that links the op serves it; ``op.unsafe``: sigcheck
refuses to run it, TF Serving does not) do not change TF Serving's answer."""
VALUE_FAILURES: Mapping[str, tuple[str, str | None]] = {
    "request.example": (stages.EXECUTION, "INVALID_ARGUMENT"),
    "request.image": (stages.EXECUTION, "INVALID_ARGUMENT"),
    "request.base64": (stages.EXECUTION, "INVALID_ARGUMENT"),
}
"""Error findings about values of this request that an op of the model fails on once TF Serving has decoded the
body: a ``ParseExample`` / ``ParseExampleV2`` / ``ParseSingleExample`` op that refuses a value (not a tf.Example, a
required feature missing, a wrong list kind or count), a decode op that reads no image in the bytes.  TF Serving's
JSON layer accepts any string, Session::Run then fails with the op's InvalidArgument error, and TF Serving answers
400 with it (the finding's ``upstream``, TensorFlow's own words).  Unlike :data:`MODEL_FAILURES`, another request
may succeed (:attr:`ServingAnswer.summary` says so).  ``request.base64`` (base64 text sent as a plain string) counts
only with an ``upstream``: the input is one the graph decodes, whose decode op gets the text itself; any other
input just gets the text, which the model may or may not fail on."""
STAGE_ORDER = (stages.MODEL, stages.EXECUTION, stages.RESPONSE)
"""Which failure TF Serving meets first: a model that cannot load before a run that fails before a response TF
Serving cannot write."""


@dataclass(frozen=True)
class ServingAnswer:
    """TF Serving's answer to the request as sent (``validate --json``'s ``tf_serving``): its JSON layer's verdict
    (:attr:`ValidationResult.decoded`), or, when that accepts the body, the failure every such request meets in
    the model (:data:`MODEL_FAILURES`) or the failure of an op of the model on this request's values
    (:data:`VALUE_FAILURES`: a tf.Example the parse op refuses, bytes no decode op reads)."""

    accepted: bool
    """True only when TF Serving decodes the body and nothing sigcheck knows makes the model fail it."""
    http_status: int | None
    """The HTTP status (None: no status can be stated, ``stage == "model"``)."""
    error: str | None
    """TF Serving's message, verbatim when known."""
    stage: str = stages.OK
    """As ``sigcheck predict`` says it: ``ok``, ``request`` (the JSON layer refuses the body), ``execution``,
    ``response``, or ``model`` (the model cannot answer at all)."""
    status_code: str | None = None
    finding: Diagnostic | None = None
    """The finding that decides it (``execution``, ``response``, ``model``)."""

    def to_json(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "http_status": self.http_status, "error": self.error,
                "stage": self.stage}

    @property
    def summary(self) -> str:
        """What TF Serving does with the request, in words (the human view's first line)."""
        if self.stage == stages.OK:
            return "TF Serving accepts it"
        if self.stage == stages.REQUEST:
            return f"TF Serving answers {self.http_status}"
        if self.stage == stages.EXECUTION and self.finding is not None and self.finding.code in VALUE_FAILURES:
            return (f"TF Serving decodes it, but an op of the model fails on its values: TF Serving answers "
                    f"{self.http_status}")
        if self.stage == stages.EXECUTION:
            return f"TF Serving decodes it, but the model fails every request: TF Serving answers {self.http_status}"
        if self.stage == stages.RESPONSE:
            return (f"TF Serving decodes it and runs the model, but cannot write the answer: TF Serving answers "
                    f"{self.http_status}")
        return "TF Serving decodes it, but the model cannot answer any request"


def serving_answer(decoded: Decoded, findings: Sequence[Diagnostic]) -> ServingAnswer:
    """TF Serving's answer for ``decoded`` and the findings about the request (see :class:`ServingAnswer`)."""
    if not decoded.accepted:
        return ServingAnswer(False, int(decoded.http_status), decoded.error, stages.REQUEST, decoded.status_code)
    # (the model's own failures first: whatever the values, a model that fails every request fails this one so)
    failing = [(STAGE_ORDER.index(MODEL_FAILURES[f.code][0]), 0, k, f) for k, f in enumerate(findings)
               if f.severity is Severity.ERROR and f.code in MODEL_FAILURES]
    failing += [(STAGE_ORDER.index(VALUE_FAILURES[f.code][0]), 1, k, f) for k, f in enumerate(findings)
                if f.severity is Severity.ERROR and f.code in VALUE_FAILURES
                and (f.upstream is not None or f.code != "request.base64")]
    if not failing:
        return ServingAnswer(True, int(decoded.http_status), None)
    from ..codec.response import http_status

    f = min(failing, key=lambda t: t[:3])[3]
    stage, code = {**MODEL_FAILURES, **VALUE_FAILURES}[f.code]
    return ServingAnswer(False, http_status(code) if code else None, f.upstream, stage, code, f)


@dataclass
class ValidationResult:
    """The verdict and the findings.  ``to_json()`` is the ``validate --json`` document."""

    ok: bool
    findings: list[Diagnostic]
    decoded: Decoded
    """TF Serving's conversion of the body (for a JSON Lines file validated in several chunks: the verdict of the
    whole batch, with ``tensors`` empty; :attr:`tensors` has their dtypes and shapes)."""
    signature: str
    format: str | None
    target: str = "tf-serving"
    source: str | None = None
    input_format: str = "body"
    instances: int | None = None
    size: int = 0
    """Bytes of the body TF Serving would receive."""
    tensors: dict[str, tuple[str, tuple[int, ...]]] = field(default_factory=dict)
    body: bytes | None = field(default=None, repr=False)
    """The body validated (None for a JSON Lines file read in chunks)."""
    lines: list[int] | None = field(default=None, repr=False)
    """JSON Lines: the line number of each instance (None when read in chunks)."""
    checked: str | None = None
    """The signature the findings check the request against: :attr:`signature` (the one TF Serving calls for the
    request as sent), or ``--signature`` for a body that names none (as it reads once ``signature_name`` is added)."""
    front_end: FrontEnd | None = None
    """What refuses the request before TF Serving sees it (None: nothing in front refuses it).  :attr:`answer`
    is always TF Serving's own answer to the body, as if it reached it (:attr:`decoded`: its JSON layer's)."""
    shape_check: str = SHAPE_CHECK_DEFAULT
    """The ``--shape-check`` the findings were made with (``--fix`` judges its copy with the same)."""
    answer: ServingAnswer | None = None
    """TF Serving's answer to the request as sent (``tf_serving`` in the JSON): :attr:`decoded`'s verdict, or the
    model's failure when it decodes the body but the model fails every such request, or an op of it fails on these
    values (:func:`serving_answer`)."""

    def __post_init__(self) -> None:
        if self.checked is None:
            self.checked = self.signature
        if self.answer is None:
            self.answer = serving_answer(self.decoded, self.findings)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.severity is Severity.WARNING]

    def to_json(self) -> dict[str, Any]:
        d = self.decoded
        return {
            "ok": self.ok,
            "format": self.format,
            "signature": self.signature,
            "tf_serving": self.answer.to_json() if self.answer is not None else None,
            "front_end": self.front_end.to_json() if self.front_end is not None else None,
            "tensors": {n: {"dtype": dt, "shape": list(shape)} for n, (dt, shape) in sorted(self.tensors.items())}
            if d.accepted else {},
            "findings": [
                {"severity": f.severity.value, "code": f.code, "category": f.category, "path": f.path,
                 "message": f.message, "expected": f.expected, "received": f.received, "hint": f.hint,
                 "upstream": f.upstream, "line": f.line}
                for f in self.findings
            ],
        }


def shape_severity(shape_check: str, *, rank_change: bool = False) -> Severity:
    """The severity of a declared-shape finding under ``shape_check``: ``error`` always an error, ``warn`` always a
    warning, ``rank`` an error only for a tensor of another rank than declared (``rank_change``)."""
    if shape_check == "error" or (shape_check == "rank" and rank_change):
        return Severity.ERROR
    return Severity.WARNING


def _check_options(target: str, shape_check: str, format_in: str | None) -> None:
    if target not in TARGETS:
        raise InputError(f"unknown target {target!r}", hint=f"use one of: {', '.join(TARGETS)}")
    if shape_check not in SHAPE_CHECKS:
        raise InputError(f"unknown --shape-check {shape_check!r}", hint=f"use one of: {', '.join(SHAPE_CHECKS)}")
    if format_in is not None and format_in not in FORMATS_IN:
        raise InputError(f"unknown --format-in {format_in!r}", hint=f"use one of: {', '.join(FORMATS_IN)}")


def _flag_signature(info: ModelInfo, signature: str | None) -> Signature | None:
    if signature is None:
        return None
    if signature not in info.signatures:
        raise InputError(info.unknown_signature(signature), hint="pass --signature with one of the names listed")
    return info.signatures[signature]


JSONL_SUFFIXES = (".jsonl", ".ndjson")


def is_jsonl_name(name: str | None) -> bool:
    """True for a file name that says JSON Lines (``.jsonl``, ``.ndjson``, any case)."""
    return bool(name) and str(name).lower().endswith(JSONL_SUFFIXES)


def detect_format(body: bytes, source: str | None = None) -> str:
    """``jsonl`` for gcloud's one-instance-per-line files, else ``body``."""
    if is_jsonl_name(source):
        return "jsonl"
    import orjson

    text = lines_mod.drop_bom(body, 1).strip()  # (a file's byte order mark: gcloud reads its lines without it)
    if b"\n" not in text:
        return "body"  # one line: a body (--format-in jsonl reads a one-line file as one instance)
    lines = []
    for ln in text.split(b"\n", 3)[:3]:
        if ln.strip():
            lines.append(ln)
    if len(lines) < 2:
        return "body"
    try:
        for ln in lines[:2]:
            orjson.loads(ln)
    except orjson.JSONDecodeError:
        return "body"
    return "jsonl"


JSONL_HEAD = b'{"instances":['


def _jsonl_tail(signature: str | None) -> bytes:
    return b"]}" if signature is None else b'],"signature_name":' + _json_str(signature) + b"}"


def jsonl_body(lines: Iterable[bytes], signature: str | None = None) -> bytes:
    """The body gcloud sends for ``--json-instances`` lines (a file object or lines): ``{"instances": [line, …]}``
    with ``"signature_name"`` for ``signature`` (gcloud's ``--signature-name``); blank lines are no instances, and
    each line is sent as gcloud's Python ``json`` reads it (:func:`~sigcheck.validate.lines.as_sent`: a key given
    twice keeps its last value, ``1e400`` becomes ``Infinity``).
    The lines are not checked: :func:`validate_request` says whether gcloud and TF Serving take them."""
    return JSONL_HEAD + b",".join(lines_mod.as_sent(line)[0] for _, line in lines_mod.numbered_lines(lines)) + (
        _jsonl_tail(signature))


def request_body(body: bytes, *, source: str | None = None, format_in: str | None = None,
                 signature: str | None = None) -> bytes:
    """The body TF Serving receives for a request file read as :func:`validate_request` reads it: a body as is,
    a JSON Lines file (detected as :func:`detect_format` does, or ``format_in``) as the batch gcloud sends."""
    if (format_in or detect_format(body, source)) == "jsonl":
        return jsonl_body(body.splitlines(), signature)
    return body


def validate_request(body: bytes, info: ModelInfo, *, signature: str | None = None, target: str = "tf-serving",
                     shape_check: str = SHAPE_CHECK_DEFAULT, format_in: str | None = None,
                     source: str | None = None) -> ValidationResult:
    """Validate one request for ``info`` (see module docstring); never raises for any body."""
    _check_options(target, shape_check, format_in)
    body = bytes(body)
    fmt_in = format_in or detect_format(body, source)
    if fmt_in == "jsonl":
        return validate_jsonl(body.splitlines(), info, signature=signature, target=target, shape_check=shape_check,
                              source=source)
    flag_sig = _flag_signature(info, signature)
    signatures: Mapping[str, Signature] = info.signatures
    decoded = decode_request(body, signatures)  # TF Serving's answer to the body as sent
    body_name = _body_signature(decoded.root)
    checked = decoded
    if flag_sig is not None and body_name is None and signature != DEFAULT_SIGNATURE:
        # the body names no signature, so TF Serving calls serving_default (``decoded``, the verdict); the findings
        # check it against --signature, as it reads once "signature_name" is added
        signatures = dict(info.signatures)
        signatures[DEFAULT_SIGNATURE] = flag_sig
        checked = decode_request(body, signatures)
    key = body_name or signature or DEFAULT_SIGNATURE
    sig = info.signatures.get(key)
    findings = list(checks.signature_choice(body_name, signature, sorted(info.signatures), target, decoded))
    findings.extend(checks.target_findings(decoded, target, sorted(info.signatures)))
    vertex_said = any(f.code == "request.target" and f.category == "signature_not_found" for f in findings)
    findings.extend(f for f in _findings(checked, body, sig, info, shape_check=shape_check, target=target)
                    if not (vertex_said and f.category == "signature_not_found"))  # Vertex refuses it first
    n = _count_instances(decoded, composite_inputs(info, key) if decoded.format == COLUMNAR else ())
    findings.extend(_budget(target, len(body), n, jsonl=False))
    later = list(next_rejections(checked, body, sig, signatures, sorted(info.signatures)))
    findings.extend(model_blockers(info, key))  # (the model's own: every request to it fails, this one too)
    return _result(decoded, findings, sig_key=body_name or DEFAULT_SIGNATURE, target=target,
                   source=source, size=len(body), instances=n, body=body, checked=key, later=later,
                   shape_check=shape_check)


def output_reshapes(info: ModelInfo, sig: Signature) -> Mapping[str, tuple[int, ...]]:
    """The constant-shape reshapes ``sig`` runs (:func:`sigcheck.model.graph.fixed_reshapes`), looked for only when
    an output declares a fixed first dimension (:func:`checks.output_batch_findings` needs them then)."""
    if not any(s.known_shape and s.known_shape[0] >= 1 for s in sig.outputs.values()):
        return {}
    from ..model.graph import fixed_reshapes

    return fixed_reshapes(info, sig.key)


LEAF_FAILURES = ("type", "b64_format", "b64_decode")
"""The codec's failures at one JSON leaf (a value of the wrong JSON type, a bad ``{"b64": …}``): TF Serving stops
at the first; :func:`next_rejections` looks past it."""
MAX_NEXT = 20
NEXT_BUDGET_BYTES = 32 << 20
"""At most this many bytes decoded again while looking for the next rejections (each look decodes the body)."""
NEXT_PREFIX = "next, once the errors above are fixed, TF Serving would report: "

_PLACEHOLDER = {"number": 0, "integer": 0, "boolean": False, "string": ""}


def next_rejections(decoded: Decoded, body: bytes, sig: Signature | None, signatures: Mapping[str, Signature],
                    names: Sequence[str]) -> Iterator[Diagnostic]:
    """The rejections TF Serving would answer one after another once each is fixed, after the first (``decoded``),
    as findings marked with :data:`NEXT_PREFIX` (one per input, kind of failure and JSON type).

    The codec finds them: the rejected leaf is replaced by a valid value of its dtype (``0``, ``false``, ``""``),
    the body decoded again, until it is accepted or stops at something other than a leaf (reported, then no
    further), at most :data:`MAX_NEXT` findings."""
    from ..codec.dtypes import dtype as dtype_entry
    from .fix import dumps, fresh_root

    failure = decoded.failure
    if decoded.accepted or failure is None or failure.kind not in LEAF_FAILURES or decoded.root is None:
        return
    root = fresh_root(decoded, body)
    seen = {failure.path}
    said = {_rejection_kind(failure)}
    spent = repeats = 0
    for _ in range(MAX_NEXT):
        if failure is None or failure.kind not in LEAF_FAILURES or not _replace_leaf(root, failure, dtype_entry):
            return
        again = dumps(root)
        spent += len(again)
        if spent > NEXT_BUDGET_BYTES:
            return
        decoded = decode_request(again, signatures)
        failure = decoded.failure
        if decoded.accepted or failure is None or failure.path in seen:
            return
        seen.add(failure.path)
        if _rejection_kind(failure) in said:  # the same mistake again (an image of quoted numbers): said once
            repeats += 1
            if repeats >= NEXT_REPEATS:
                return
            continue
        repeats = 0
        said.add(_rejection_kind(failure))
        for f in checks.rejection(decoded, again, sig, names):
            yield replace(f, message=NEXT_PREFIX + f.message)


NEXT_REPEATS = 3
"""Stop looking after this many rejections in a row that repeat one already reported (same input, same kind of
failure, same JSON type): a body with thousands of the same mistake is not decoded thousands of times."""


def _rejection_kind(failure: Failure) -> tuple:
    return failure.input, failure.kind, type(failure.value).__name__


def _replace_leaf(root: Any, failure: Failure, dtype_entry: Any) -> bool:
    """Put a valid value of the failure's dtype at its path in ``root``; False when there is none to put."""
    if failure.kind == "type":
        try:
            kind = dtype_entry(str(failure.expected)).json_kind
        except (KeyError, ValueError):
            return False
        value = _PLACEHOLDER.get(kind or "")
        if value is None:
            return False
    else:  # a bad {"b64": ...} object: a plain string is a valid DT_STRING leaf
        value = ""
    path = tuple(failure.path)
    if not path:
        return False
    holder = root
    try:
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]]  # noqa: B018 - the leaf must be there
    except (KeyError, IndexError, TypeError):
        return False
    holder[path[-1]] = value
    return True


def _body_signature(root: Any) -> str | None:
    if isinstance(root, dict) and isinstance(root.get("signature_name"), str) and root["signature_name"]:
        return str(root["signature_name"])
    return None


def _count_instances(decoded: Decoded, composites: Sequence[Any] = ()) -> int | None:
    """``composites``: RaggedTensor / SparseTensor arguments, counted by their rows, not their components' length."""
    root = decoded.root
    if decoded.format == ROW and isinstance(root, dict) and isinstance(root.get("instances"), list):
        return len(root["instances"])
    if decoded.accepted and decoded.tensors:
        parts = {a for c in composites for a, _ in c.components}
        shapes = [t.shape[0] for n, t in decoded.tensors.items() if t.shape and n not in parts]
        rows = list(composite.composite_rows(decoded, composites).values())
        return shapes[0] if shapes else rows[0] if rows else 1
    return None


def _findings(decoded: Decoded, body: bytes, sig: Signature | None, info: ModelInfo, *, shape_check: str,
              target: str, item_label: str = "instance",
              item_name: Callable[[int], str] | None = None, hint_target: str | None = None) -> Iterator[Diagnostic]:
    """``hint_target``: the target a JSON Lines file's findings give their hints for (``target`` is the one its
    chunk's batch body is checked as), None for a body."""
    severity = shape_severity(shape_check)
    rank_severity = shape_severity(shape_check, rank_change=True)
    if not decoded.accepted:
        for f in checks.rejection(decoded, body, sig, sorted(info.signatures), item_label=item_label,
                                  item_name=item_name):
            yield images.point_to_image_signature(f, info, sig.key if sig else DEFAULT_SIGNATURE,
                                                  hint_target or target, lines=hint_target is not None)
    elif sig is not None:
        parts_of = composite_inputs(info, sig.key)
        parts = {a for c in parts_of for a, _ in c.components}
        if shape_check != "off":
            yield from checks.shape_findings(decoded, sig, severity, item_label=item_label,
                                             rank_severity=rank_severity, skip=parts)
            yield from checks.output_batch_findings(decoded, sig, severity, output_reshapes(info, sig), skip=parts)
            yield from checks.batch_findings(decoded, severity, parts=parts,
                                             composite_rows=composite.composite_rows(decoded, parts_of))
        yield from composite.composite_findings(decoded, parts_of)
        strings = any(s.dtype == "DT_STRING" for s in sig.inputs.values())
        decodes: Mapping[str, Sequence[str]] = {}
        if strings:
            from ..model.feeds import decoded_inputs

            decodes = decoded_inputs(info, sig.key)
        notes = list(checks.note_findings(decoded, sig, decodes))
        yield from notes
        if strings:
            said = [m.group(1) for f in notes if f.category == "base64_encoding"
                    for m in [re.search(r'input "([^"]+)"', f.message)] if m]
            yield from images.image_findings(decoded, sig, decodes, skip=said)
            yield from examples.example_findings(decoded, sig, examples.example_inputs(info, sig))
            yield from examples.unchecked_findings(decoded, sig, info)  # (a contract: no parse op to check with)
        yield from checks.duplicate_findings(decoded)
        yield from checks.response_findings(decoded, sig, certain=checks.scalar_output_certain(info, sig, decoded))
        yield from _empty_tensors(decoded)
    yield from checks.body_findings(decoded, body, sig, target)
    yield from checks.number_token_findings(body, target)


def _empty_tensors(decoded: Decoded) -> Iterator[Diagnostic]:
    for name, t in sorted(decoded.tensors.items()):
        if t.array.size == 0 and t.shape and 0 in t.shape:
            yield Diagnostic("request.body", Severity.WARNING,
                             f'input "{name}" has no values (shape {format_dims(t.shape)})', category="empty_instances",
                             path="$.instances" if decoded.format == ROW else "$.inputs",
                             hint="send at least one value per instance; skip the call when there is nothing to "
                                  "predict")


def _budget(target: str, size: int, n: int | None, *, jsonl: bool) -> Iterator[Diagnostic]:
    """The online prediction body size limit of Vertex AI and AI Platform (gcloud's 100-instance limit on a
    ``--json-instances`` file is checked where the file is read, in :func:`validate_jsonl`)."""
    if target == "tf-serving":
        return
    name = "Vertex AI" if target == "vertex" else "AI Platform"
    if size > PAYLOAD_LIMIT:
        fit = ""
        if n:
            per = size / n
            k = int(PAYLOAD_LIMIT // per) if per else 0
            fit = (f"; about {k} of these {n} instances fit in one request" if k >= 1 else
                   "; a single instance is already larger than the limit")
        what = f"the body is {size} bytes" if not jsonl else f"the body the lines make is {size} bytes"
        batch = (" (Vertex AI batch prediction reads JSON Lines files with no such limit)"
                 if jsonl and target == "vertex" else "")
        yield Diagnostic("request.size", Severity.ERROR,
                         f"{what}; {name} online prediction accepts at most {PAYLOAD_LIMIT} bytes (1.5 MB){fit}"
                         + batch, category="payload_too_large", path="$",
                         expected=f"at most {PAYLOAD_LIMIT} bytes", received=f"{size} bytes", upstream=PAYLOAD_MESSAGE,
                         hint="send fewer instances per request, send images as base64 JPEG/PNG to a DT_STRING input "
                              "instead of float lists, or use batch prediction")


def _front_end(findings: Sequence[Diagnostic], target: str) -> FrontEnd | None:
    """The first refusal in front of TF Serving among the findings: the file reader's (nothing is sent), then the
    service's size limit, then its REST layer (a body field it does not have).  Only refusals whose answer is
    known count (AI Platform's documented body is a finding, not a known refusal)."""
    if target == "tf-serving":
        return None
    for code in ("request.size", "request.target"):
        for f in findings:
            if f.code == code and f.severity is Severity.ERROR and f.upstream:
                return FrontEnd(target, 400, f.upstream,
                                "payload_size" if code == "request.size" else "body_field")
    return None


def _result(decoded: Decoded, findings: list[Diagnostic], *, sig_key: str, target: str, source: str | None,
            size: int, instances: int | None, body: bytes | None, input_format: str = "body",
            tensors: dict[str, tuple[str, tuple[int, ...]]] | None = None,
            lines: list[int] | None = None, checked: str | None = None,
            later: Sequence[Diagnostic] = (), front_end: FrontEnd | None = None,
            shape_check: str = SHAPE_CHECK_DEFAULT) -> ValidationResult:
    findings = _dedupe(findings)
    findings.sort(key=lambda d: (-d.severity.rank, sort_key(d)))
    if later:  # TF Serving's next rejections, in its order, after the other errors
        k = sum(1 for f in findings if f.severity is Severity.ERROR)
        findings[k:k] = _dedupe(later)
    if tensors is None:
        tensors = {n: (t.dtype, tuple(t.shape)) for n, t in decoded.tensors.items()}
    if front_end is None:
        front_end = _front_end(findings, target)
    if front_end is not None:  # what refuses first (gcloud, the service in front) is listed first
        first = next((i for i, f in enumerate(findings) if f.severity is Severity.ERROR
                      and front_end.error in (f.upstream, f.message)), None)
        if first:
            findings.insert(0, findings.pop(first))
    ok = bool(decoded.accepted) and front_end is None and not any(f.severity is Severity.ERROR for f in findings)
    return ValidationResult(ok=ok, findings=findings, decoded=decoded, signature=sig_key,
                            format=decoded.format, target=target, source=source, input_format=input_format,
                            instances=instances, size=size, tensors=tensors, body=body, lines=lines,
                            checked=checked, front_end=front_end, shape_check=shape_check)


def _dedupe(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.code, f.category, f.path, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# ---------------------------------------------------------------------------------------------- JSON Lines

_ITEM = re.compile(r"(element: |item )(\d+)( )")
_INSTANCE_PATH = re.compile(r"^\$\.instances\[(\d+)\]")


def _shift_items(text: str, offset: int) -> str:
    """TF Serving's message for item i of a chunk, as it reads for the whole batch (item i + offset)."""
    return _ITEM.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}{m.group(3)}", text, count=1)


def _shift_path(parts: tuple, offset: int) -> tuple:
    if len(parts) >= 2 and parts[0] == "instances" and isinstance(parts[1], int):
        return ("instances", parts[1] + offset) + tuple(parts[2:])
    return parts


def validate_jsonl(lines: Iterable[bytes], info: ModelInfo, *, signature: str | None = None,
                   target: str = "tf-serving", shape_check: str = SHAPE_CHECK_DEFAULT, source: str | None = None,
                   chunk_bytes: int = JSONL_CHUNK_BYTES, chunk_lines: int = JSONL_CHUNK_LINES,
                   blocks: bool = True) -> ValidationResult:
    """Validate gcloud's ``--json-instances`` lines as the batch ``{"instances": [line, …]}``, in chunks.

    Blank lines are no instances.  For the targets in :data:`GCLOUD_INSTANCES_TARGETS`, gcloud refuses the file at
    the first one (an error naming the line, gcloud's verdict); for the others they are skipped.

    ``blocks`` (the default): the file is cut into chunks from large blocks, and a chunk after the first that
    :class:`~sigcheck.validate.lines.ChunkCheck` can vouch for (accepted, the first chunk's shapes, no finding)
    is not decoded in full.  ``blocks=False`` reads line by line and decodes every chunk: the reference, with
    the same result.
    """
    _check_options(target, shape_check, None)
    flag_sig = _flag_signature(info, signature)
    key = signature or DEFAULT_SIGNATURE
    sig = info.signatures.get(key) if flag_sig is None else flag_sig
    signatures: Mapping[str, Signature] = info.signatures
    # gcloud --signature-name puts "signature_name" beside the instances; Vertex AI's body has no such field (it
    # calls serving_default: another --signature is an error below, and the lines are checked against it as named)
    head, tail = JSONL_HEAD, _jsonl_tail(None if target == "vertex" and signature == DEFAULT_SIGNATURE else signature)
    findings: list[Diagnostic] = []
    if target == "vertex" and signature:  # the lines name no signature; --signature is all Vertex AI would get
        findings.extend(checks.signature_choice(None, signature, sorted(info.signatures), target))
    total = 0  # instances so far
    line_bytes = 0  # bytes of those instances' lines
    first_numbers: list[int] = []  # line numbers of the first chunk's instances (memory stays flat)
    first: dict[str, tuple[str, tuple[int, ...]]] = {}
    first_objects: bool | None = None
    verdict: Decoded | None = None
    chunks = 0
    single_body: bytes | None = None
    single_decoded: Decoded | None = None

    chunk_start = len(head)  # where the current chunk's first line starts in the whole batch body
    resent = 0  # bytes the reader's re-serialised lines add to (or take from) the lines' own (as_sent)

    gcloud = target in GCLOUD_INSTANCES_TARGETS
    reader = "gcloud" if gcloud else "json-lines"
    front: FrontEnd | None = None  # the first refusal of the file reader, in file order (it stops there)

    def refuse_with(finding: Diagnostic, reason: str) -> None:
        nonlocal front
        if front is None:
            front = FrontEnd(reader, None, finding.upstream or finding.message, reason)
            findings.append(finding)

    def over_limit(numbers: Sequence[int], base: int, index: int) -> bool:
        """gcloud reaches its 101st line before instance ``index`` (of a chunk of ``numbers`` starting at instance
        ``base``): it refuses the file there (True)."""
        if not gcloud or index < GCLOUD_MAX_INSTANCES or not base <= GCLOUD_MAX_INSTANCES < base + len(numbers):
            return False
        refuse_with(_gcloud_limit_refusal(numbers[GCLOUD_MAX_INSTANCES - base]), "instance_limit")
        return True

    def refuse(batch: Sequence[bytes], numbers: Sequence[int], base: int, bad: tuple[int, str, int]) -> None:
        if front is None and not over_limit(numbers, base, base + bad[0]):
            refuse_with(_gcloud_refusal(batch, numbers, base, bad, gcloud=gcloud), "not_json")

    dropped = lines_mod.BlankLines()  # the cutter's notes: the first blank line, the first byte order mark
    blanks = dropped if gcloud else None  # (blank lines are skipped silently for the other targets)

    def refuse_blank(number: int, raw: bytes, index: int, last: bool = False) -> None:
        if front is None:
            refuse_with(_gcloud_blank_refusal(number, raw, index, last=last), "blank_line")

    def refuse_before(chunk: lines_mod.Chunk, base: int, number: int, raw: bytes) -> None:
        """gcloud's refusal in or just before ``chunk`` (instances ``base`` on), whose first blank line is line
        ``number``: it reads the lines in order, so a line that is not JSON before it refuses first."""
        k = bisect.bisect_left(chunk.numbers, number)
        batch = chunk.lines[:k]
        bad = lines_mod.first_bad_line(batch)
        if bad is not None:
            refuse(batch, chunk.numbers, base, bad)
        elif not over_limit(chunk.numbers, base, base + k - 1):  # the 101st line comes before the blank one
            refuse_blank(number, raw, base + k)

    def flush(batch: list[bytes], numbers: Sequence[int], pending: int) -> bool:
        """Decode one chunk as TF Serving would (the lines joined, as the reader would send them); False when TF
        Serving's verdict is settled (it rejects)."""
        nonlocal verdict, first_objects, chunks, single_body, single_decoded, chunk_start, resent
        chunks += 1
        base = total - len(batch)
        bad = lines_mod.first_bad_line(batch)
        if bad is not None:
            refuse(batch, numbers, base, bad)
        batch, grown = _as_sent(batch, numbers, base, findings)  # (the instances the reader really sends)
        resent += grown
        pending += grown
        body = head + b",".join(batch) + tail
        decoded = decode_request(body, signatures)
        if chunks == 1:
            single_body, single_decoded = body, decoded
        if not decoded.accepted:
            verdict = _global_rejection(decoded, batch, base, chunk_start - len(head))
            vf = verdict.failure
            for f in _findings(decoded, body, sig, info, shape_check="off", target="tf-serving", item_label="line",
                               item_name=lines_mod.line_names(numbers), hint_target=target):
                if bad is not None and f.code == "request.json":
                    continue  # the line that is not one JSON value is named by the reader's refusal
                f = _shift_finding(f, base)
                if f.upstream == decoded.error:
                    f = replace(f, upstream=verdict.error)
                if vf is not None and vf.kind == "parse" and f.code == "request.json" and vf.item is not None:
                    k = vf.item - base
                    local = (decoded.failure.offset or 0) - (len(head) + sum(len(b) + 1 for b in batch[:k]))
                    f = replace(f, path=f"$.instances[{vf.item}]", message=re.sub(
                        r"\(line \d+, column \d+\)", f"(line {numbers[k]}, column {max(1, local + 1)})", f.message))
                findings.append(_annotate(f, numbers, base))
            return False
        objects = _objects_mode(decoded)
        shapes = {n: (t.dtype, tuple(t.shape[1:])) for n, t in decoded.tensors.items()}
        if first_objects is None:
            first_objects = objects
            first.update(shapes)
        else:
            clash = _chunk_clash(first_objects, objects, first, shapes, base, decoded)
            if clash is not None:
                verdict = clash
                findings.extend(_annotate(f, numbers, base) for f in checks.rejection(
                    clash, body, sig, sorted(info.signatures), item_label="line",
                    item_name=lines_mod.line_names(numbers, base, first=first_numbers[0])))
                return False
        for f in _findings(decoded, body, sig, info, shape_check="off", target=target, item_label="line",
                           item_name=lines_mod.line_names(numbers), hint_target=target):
            if f.code == examples.UNCHECKED and any(g.code == f.code and g.message.split('" ')[0] ==
                                                    f.message.split('" ')[0] for g in findings):
                continue  # (said once per input for the file, at its first chunk)
            findings.append(_annotate(_shift_finding(f, base), numbers, base))
        chunk_start += pending + len(batch)
        return True

    cut = lines_mod.block_chunks if blocks else lines_mod.line_chunks
    check: lines_mod.ChunkCheck | None = None
    misses = 0  # chunks in a row the check could not vouch for
    collect = gc.isenabled()
    gc.disable()  # the chunks' DOMs are many young containers and no cycles: collections would only rescan them
    settled = False  # TF Serving's verdict is settled (a rejection): only the reader's refusal of a line is left
    try:
        for chunk in cut(lines, chunk_lines, chunk_bytes, dropped):
            if chunks == 0:
                first_numbers = list(chunk.numbers)
            base = total
            total += chunk.count
            line_bytes += chunk.pending
            if front is None and blanks is not None and blanks.first is not None and (
                    blanks.first[0] < chunk.numbers[-1]):
                refuse_before(chunk, base, *blanks.first)
            if settled:
                # the reader reads every line before it sends anything: a later line it cannot read still refuses
                if front is None and not (blocks and lines_mod.one_value_per_line(chunk)):
                    bad = lines_mod.first_bad_line(chunk.lines)
                    if bad is not None:
                        refuse(chunk.lines, chunk.numbers, base, bad)
            elif check is not None and check.clean(chunk.joined(), chunk.count) and lines_mod.one_value_per_line(
                    chunk, counted=True):
                chunks += 1
                chunk_start += chunk.pending + chunk.count
                misses = 0
            else:
                if check is not None:
                    misses += 1
                    if misses >= JSONL_CHECK_MISSES:  # this file's chunks are beyond the check: stop parsing twice
                        check = None
                if not flush(chunk.lines, chunk.numbers, chunk.pending):
                    settled = True
                elif blocks and chunks == 1 and not images.image_inputs(info, sig) and not examples.example_inputs(
                        info, sig):
                    # (image and tf.Example inputs: every chunk's bytes are looked at, so every chunk is decoded)
                    check = lines_mod.ChunkCheck.build(sig, first, first_objects, target)
            if front is None and total > GCLOUD_MAX_INSTANCES:
                over_limit(chunk.numbers, base, total)
            if settled and front is not None:
                break
        if front is None and blanks is not None and blanks.first is not None:  # blank lines after the last instance
            refuse_blank(*blanks.first, total, last=True)
        if total == 0:
            flush([], [], 0)
    finally:
        if collect:
            gc.enable()
    if dropped.bom is not None:
        findings.append(_bom_note(dropped.bom, gcloud))
    size = len(head) + len(tail) + line_bytes + resent + max(0, total - 1)  # bytes of the whole batch body
    if verdict is None:
        if chunks == 1 and single_decoded is not None:
            verdict = single_decoded
        else:
            verdict = Decoded(True, 200, None, None, ROW, key, {}, None, None, (), "chunked")
    tensors = {n: (dt, (total,) + shape) for n, (dt, shape) in first.items()} if verdict.accepted else {}
    if verdict.accepted and chunks == 1 and verdict is single_decoded:  # TF Serving's own tensors (a line may hold
        tensors = {n: (t.dtype, tuple(t.shape)) for n, t in verdict.tensors.items()}  # two values the reader refuses)
    if verdict.accepted and sig is not None and shape_check != "off" and tensors:
        stub = Decoded(True, 200, None, None, ROW, verdict.signature_name or key,
                       {n: Tensor(dt, shape, np.empty(0)) for n, (dt, shape) in tensors.items()},
                       None, {"instances": [dict.fromkeys(tensors) if first_objects else []]}, (), "chunked")
        skip = {a for c in composite_inputs(info, sig.key) for a, _ in c.components}
        findings.extend(_annotate(f, first_numbers) for f in checks.shape_findings(
            stub, sig, shape_severity(shape_check), item_label="line",
            rank_severity=shape_severity(shape_check, rank_change=True), skip=skip))
        findings.extend(checks.output_batch_findings(stub, sig, shape_severity(shape_check),
                                                     output_reshapes(info, sig), skip=skip))
    findings.extend(_budget(target, size, total or None, jsonl=True))
    findings.extend(model_blockers(info, key))
    single = chunks == 1 and verdict is single_decoded
    return _result(verdict, findings, sig_key=key, target=target, source=source, size=size, instances=total,
                   body=single_body if single else None, input_format="jsonl", tensors=tensors,
                   lines=first_numbers if single else None, front_end=front, shape_check=shape_check)


def _as_sent(batch: list[bytes], numbers: Sequence[int], base: int,
             findings: list[Diagnostic]) -> tuple[list[bytes], int]:
    """The lines of a chunk as the JSON Lines reader sends them (:func:`~sigcheck.validate.lines.as_sent`: Python's
    ``json`` reading, re-serialised), how many bytes longer they are, and a warning in ``findings`` for each line
    that gives a key twice."""
    out = list(batch)
    grown = 0
    for k, line in enumerate(batch):
        sent, repeated = lines_mod.as_sent(line)
        if sent is line:
            continue
        out[k] = sent
        grown += len(sent) - len(line)
        if repeated:
            findings.append(_repeated_keys(repeated, numbers[k], base + k))
    return out, grown


def _repeated_keys(keys: Sequence[str], number: int, index: int) -> Diagnostic:
    names = ", ".join(f'"{k}"' for k in keys)
    return Diagnostic(
        "request.duplicate_key", Severity.WARNING,
        f"line {number} gives the key{'s' if len(keys) > 1 else ''} {names} twice: gcloud reads each line with "
        "Python's json, which keeps the LAST value, and sends the instance re-serialised with it (checked so "
        "here); a reader that joins the lines' text as they are would make TF Serving take both values",
        category="instance_format", path=f"$.instances[{index}]", expected="each key once per instance",
        received=f"{names} twice", hint="write each key once on the line (the value you mean)", line=number)


def _gcloud_refusal(batch: Sequence[bytes], numbers: Sequence[int], base: int, bad: tuple[int, str, int], *,
                    gcloud: bool = True) -> Diagnostic:
    """The refusal of a JSON Lines file whose line ``batch[k]`` is not one JSON value on its own: gcloud's
    (``--json-instances``), or for the other targets that of whatever reads the lines as one instance each."""
    k, why, pos = bad
    index, number = base + k, numbers[k]
    line = batch[k]
    text = line.decode("utf-8", "surrogateescape")  # (as lines_mod.line_error read it: the cutter dropped a BOM)
    column = pos + 1
    offset = len(text[:pos].encode("utf-8", "surrogateescape"))
    rest = text[pos:].strip()
    reads = ("gcloud reads each line on its own as one instance and refuses the file" if gcloud else
             "each line is read on its own as one instance (gcloud --json-instances, Vertex AI batch prediction), so "
             "the file cannot be sent")
    if why.startswith("Extra data") and _another_value(text, pos):
        message = f"line {number} holds more than one JSON value (a second one starts at column {column}): {reads}"
        hint = ("put exactly one instance on each line (json.dumps(instance) per line); several instances go on "
                "several lines")
    elif why.startswith("Extra data"):
        message = f"line {number} has text after its JSON value (from column {column}): {reads}"
        hint = "remove what follows the instance on that line: one JSON value per line, nothing else"
    elif not rest:
        message = (f"line {number} is not a whole JSON value on its own (it ends inside an open value at column "
                   f"{column}): {reads}")
        hint = ("write each instance on one line (json.dumps(instance), no indent); a request body spread over "
                "several lines is sent with gcloud --json-request, not --json-instances (sigcheck: --format-in body)")
    else:
        message = f"line {number} is not valid JSON on its own: {why} (line {number}, column {column}); {reads}"
        hint = checks._parse_hint(line, offset)
    return Diagnostic("request.gcloud", Severity.ERROR, message, category="json_parse_error",
                      path=f"$.instances[{index}]", expected="one JSON value per line (one instance)",
                      received=f"{checks.fragment_of_bytes(line, offset)} at column {column}", hint=hint,
                      upstream=lines_mod.GCLOUD_NOT_JSON if gcloud else None)


def _gcloud_limit_refusal(number: int) -> Diagnostic:
    """gcloud's refusal of a --json-instances file at its 101st line (line ``number``)."""
    return Diagnostic("request.gcloud", Severity.ERROR,
                      f"the file has more than {GCLOUD_MAX_INSTANCES} instances: gcloud --json-instances sends at most "
                      f"{GCLOUD_MAX_INSTANCES} per online prediction request and refuses the file at line {number} "
                      "(its 101st instance) before sending anything", category="payload_too_large",
                      path=f"$.instances[{GCLOUD_MAX_INSTANCES}]", expected=f"at most {GCLOUD_MAX_INSTANCES} instances",
                      received=f"instance {GCLOUD_MAX_INSTANCES + 1} on line {number}", upstream=GCLOUD_LIMIT_MESSAGE,
                      hint=f"split the file into files of {GCLOUD_MAX_INSTANCES} lines (split -l "
                           f"{GCLOUD_MAX_INSTANCES}), or use batch prediction")


BOM_DROPPED = "starts with a UTF-8 byte order mark"
"""In the message of the info finding on a JSON Lines file whose lines carry a byte order mark (``--fix`` drops it)."""


def _bom_note(number: int, gcloud: bool) -> Diagnostic:
    """The info finding on a JSON Lines file whose line ``number`` (the first such) starts with a byte order mark."""
    who = ("gcloud --json-instances decodes each line as 'utf-8-sig' and drops it" if gcloud else
           "gcloud and Python's 'utf-8-sig' drop it when they read the lines")
    return Diagnostic("request.json", Severity.INFO,
                      f"line {number} {BOM_DROPPED} (Windows Notepad and PowerShell 5 write one): {who}, so it never "
                      "reaches TF Serving; the lines are checked without it",
                      category="json_parse_error", path="$", received="a byte order mark (EF BB BF)",
                      hint="write the file without a BOM (UTF-8 without signature), or let `sigcheck validate FILE "
                      "--model MODEL --fix -o fixed.jsonl` drop it",
                      line=number)


def _gcloud_blank_refusal(number: int, raw: bytes, index: int, *, last: bool = False) -> Diagnostic:
    """gcloud's refusal of a --json-instances file at its blank line ``number`` (``index`` instances before it;
    ``last``: after the last instance): the finding that names the line."""
    fix = ("delete the blank lines (sigcheck validate FILE --model MODEL --target ai-platform --fix -o fixed.jsonl "
           "writes the file without them): one instance on every line, and no empty line at the end")
    if lines_mod.gcloud_empty(raw):
        error, category = lines_mod.GCLOUD_EMPTY_LINE, "instance_format"
        message = (f"line {number} is empty: gcloud --json-instances reads every line as one instance and refuses "
                   "a file with an empty line" + (" (here after the last instance: the file ends with two newlines)"
                                                  if last else ""))
        received = "an empty line"
    else:
        error, category = lines_mod.GCLOUD_NOT_JSON, "json_parse_error"
        message = (f"line {number} holds only blanks (spaces or tabs): gcloud --json-instances reads it as an "
                   "instance, which is not JSON, and refuses the file")
        received = "a line of blanks only"
    return Diagnostic("request.gcloud", Severity.ERROR, message, category=category, path=f"$.instances[{index}]",
                      expected="one instance on every line, no blank lines", received=received, hint=fix,
                      upstream=error, line=number)


def _another_value(text: str, pos: int) -> bool:
    """True when a JSON value (after an optional comma) starts at ``pos`` of ``text``."""
    import json

    rest = text[pos:].lstrip()
    if rest.startswith(","):
        rest = rest[1:].lstrip()
    try:
        json.JSONDecoder().raw_decode(rest)
    except ValueError:
        return False
    return True


def _json_str(text: str) -> bytes:
    import json

    return json.dumps(text).encode()


def _objects_mode(decoded: Decoded) -> bool:
    root = decoded.root
    inst = root.get("instances") if isinstance(root, dict) else None
    return bool(isinstance(inst, list) and inst and isinstance(inst[0], dict)
                and not (len(inst[0]) == 1 and isinstance(inst[0].get("b64"), str)))


def _chunk_clash(first_objects: bool, objects: bool, first: dict, shapes: dict, base: int,
                 decoded: Decoded) -> Decoded | None:
    """TF Serving's error at the first item of a chunk that does not match the batch's first item."""
    if first_objects != objects:
        text = msg.e12_expect_object(base) if first_objects else msg.e13_expect_value(base)
        kind = "expect_object" if first_objects else "expect_value"
        return _reject(decoded, text, Failure(kind, ("instances", base), item=base))
    for name in sorted(shapes):
        dt0, s0 = first.get(name, (None, None))
        dt1, s1 = shapes[name]
        if s0 is None or s0 == s1:
            continue
        n0, n1 = int(np.prod(s0)), int(np.prod(s1))
        inner = msg.e18_size(n0, n1) if n0 != n1 else msg.e19_shape(msg.shape_text(s0), msg.shape_text(s1))
        text = (msg.e14_key(base, name, msg.INVALID_ARGUMENT, inner) if objects
                else msg.e16_item(base, msg.INVALID_ARGUMENT, inner))
        path = ("instances", base, name) if objects else ("instances", base)
        return _reject(decoded, text, Failure("size" if n0 != n1 else "shape", path, item=base, input=name,
                                              expected=s0, received=s1))
    return None


def _reject(decoded: Decoded, text: str, failure: Failure) -> Decoded:
    return Decoded(False, 400, text, msg.INVALID_ARGUMENT, ROW, decoded.signature_name, {}, failure, decoded.root,
                   (), decoded.road)


def _global_rejection(decoded: Decoded, batch: list[bytes], base: int, shift: int) -> Decoded:
    """A chunk's rejection as TF Serving would word it for the whole batch (items and offsets shifted)."""
    f = decoded.failure
    assert f is not None and decoded.error is not None
    if f.kind == "parse" and f.offset is not None:
        starts = []
        pos = len(JSONL_HEAD)
        for line in batch:
            starts.append(pos)
            pos += len(line) + 1
        k = max(0, bisect.bisect_right(starts, f.offset) - 1)
        offset = f.offset + shift
        failure = replace(f, path=("instances", base + k), item=base + k, offset=offset)
        return replace(decoded, error=msg.e2_parse(str(f.value), offset), failure=failure)
    failure = replace(f, path=_shift_path(tuple(f.path), base), item=None if f.item is None else f.item + base)
    return replace(decoded, error=_shift_items(decoded.error, base) if base else decoded.error, failure=failure)


def _shift_finding(f: Diagnostic, base: int) -> Diagnostic:
    if not base:
        return f
    m = _INSTANCE_PATH.match(f.path)
    if not m:
        return f
    return replace(f, path=f"$.instances[{int(m.group(1)) + base}]" + f.path[m.end():])


def _annotate(f: Diagnostic, lines: list[int], base: int = 0) -> Diagnostic:
    """Add the line number of the instance a JSON Lines finding points at (``lines[i - base]``)."""
    m = _INSTANCE_PATH.match(f.path)
    if not m or "(line " in f.message:
        return f
    i = int(m.group(1)) - base
    if 0 <= i < len(lines):
        if re.search(rf"\bline {lines[i]}\b", f.message):  # the message already names the line it is about
            return replace(f, line=f.line or lines[i])
        return replace(f, message=f"{f.message} (line {lines[i]})", line=f.line or lines[i])
    return f


__all__ = ["COLUMNAR", "DECLARED_SHAPE_CODES", "ROW", "SHAPE_CHECK_DEFAULT", "ValidationResult", "detect_format", "is_jsonl_name", "jsonl_body", "request_body", "validate_jsonl",
           "validate_request"]
