"""Refiners of request readings (payload, empty, top-level keys, JSON, ragged) and the request's own findings from sigcheck validate."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ...codec.dtypes import dtype as dtype_entry
from ...codec.shapes import dense_shape
from ..diagnosis import Diagnosis, make_diagnosis
from ..evidence import format_shape

if TYPE_CHECKING:
    from ...model.types import ModelInfo, Signature, TensorSpec
    from ..catalogue import Catalogue

from .base import *  # noqa: F403
from .base import __all__ as _base_names  # noqa: F401

@refiner("payload_too_large")
def _payload(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None:
        return
    if d.variant == "grpc":
        size = d.evidence.get("size_bytes")
        if isinstance(size, int) and req.size < size:
            note(d, f"your request.json is {req.size:,} bytes as JSON, less than the {size:,}-byte message (a "
                    "TensorProto is more compact than JSON): the message over the limit is likely the response, "
                    "so raise the client's grpc.max_receive_message_length")
        else:
            note(d, f"your request.json is {req.size:,} bytes as JSON (its gRPC message is smaller, as a TensorProto "
                    "is more compact than JSON)")
        return
    limit = d.evidence.get("limit_bytes") or 1572864
    text = f"your request is {req.size:,} bytes (limit {limit:,})"
    if req.size > limit:
        if req.instances:
            fit = max(0, math.floor(limit / (req.size / req.instances)))
            text += f"; at its {req.instances} instances, about {fit} fit in one request"
        confirm(d, text)
    else:
        refute(d, text + ": this body fits; the failing one was bigger", 0.15)


@refiner("empty_instances")
def _empty(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.format is None:
        return
    if req.instances == 0:
        confirm(d, "your request has \"instances\": []")
    elif req.instances:
        refute(d, f"your request has {req.instances} instances", 0.3)


@refiner("instances_key_missing")
def _keys_top(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.root is None:
        return
    if not isinstance(req.root, dict):
        confirm(d, f"your request's top level is a JSON {type(req.root).__name__}, not an object")
    elif "instances" in req.root and "inputs" in req.root:
        confirm(d, "your request has both \"instances\" and \"inputs\"")
    elif "instances" not in req.root and "inputs" not in req.root:
        confirm(d, f"your request's top-level keys are {', '.join(req.root) or '(none)'}")


@refiner("json_parse_error")
def _parse(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None:
        return
    if req.parse_error:
        confirm(d, f"the request you gave does not parse: {req.parse_error}")
    else:
        note(d, "request.json parses as JSON here: TF Serving's parser is stricter (no 1. or .5, no nan), or the "
                "failing body was built differently")


@refiner("ragged_instances")
def _ragged(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.format != "row":
        return
    if req.ragged:
        confirm(d, "the instances of your request have different shapes")


# ------------------------------------------------------------------------------------------------ driver

REQUEST_SIDE = frozenset({
    "input_keys_mismatch", "extra_batch_dimension", "missing_batch_dimension", "input_shape_mismatch",
    "dtype_mismatch", "bytes_sent_to_numeric_input", "ragged_instances", "instances_key_missing",
    "json_parse_error", "empty_instances", "base64_encoding", "batch_size_mismatch_between_inputs",
})
"""Readings that blame the request's content: a request sigcheck validate passes contradicts them."""

_VALIDATE_NULL = re.compile(r'input "(?P<input>[^"]+)" expects (?P<dtype>\w+) values, but got null')


def _null_finding(f: Any) -> dict[str, str] | None:
    """The input and dtype of a validate finding about a null value (None for other findings)."""
    if getattr(f, "received", None) != "null":
        return None
    m = _VALIDATE_NULL.search(getattr(f, "message", "") or "")
    return {"json_type": "null", **({"input": m.group("input"), "expected_dtype": m.group("dtype")} if m else {})}


def _validate(ctx: Context, body: bytes) -> None:
    """The request's findings from sigcheck.validate; TF Serving's tensors from the codec when validate cannot read it."""
    info = ctx.info
    if info is None:
        return
    from ...errors import SigcheckError
    from ...validate import validate_request

    try:
        # shape_check="error": the text is an error the request met, so a declared-shape finding (TF Serving accepts
        # the request; the model may fail on it, validate's default warning) is a candidate cause here
        # the body's own signature_name is what TF Serving follows: the signature explain chose is passed only when
        # the body names none (else validate would speak of a --signature flag the user never gave)
        named = ctx.request is not None and ctx.request.signature_name is not None
        result = validate_request(body, info, signature=None if named else ctx.signature_key, target=ctx.target,
                                  shape_check="error")
    except SigcheckError:  # a request validate cannot read is still read for its structure below
        result = None
    if result is not None:
        ctx.findings = list(result.findings)
        ctx.decoded = getattr(result, "decoded", None)
        ctx.request_ok = bool(result.ok) and not any(
            getattr(getattr(f, "severity", None), "value", "") == "error" for f in ctx.findings)
        return
    from ...codec.request import decode_request

    ctx.decoded = decode_request(body, info.signatures)


def _plain_base64(d: Diagnosis, finding: Any, diagnoses: list[Diagnosis]) -> None:
    """validate saw base64 text of an image sent as a plain string: by the catalogue's tell-apart rule that is
    base64_encoding (the model got the base64 text, not the image), ahead of an encoded-image mismatch."""
    if "plain string" not in (getattr(finding, "message", "") or ""):
        return
    if getattr(finding, "hint", None) and finding.hint not in d.steps:
        d.steps.insert(0, finding.hint)
    for other in diagnoses:
        if other.category == "encoded_image_string_mismatch" and other.confidence >= d.confidence:
            refute(other, "the request sends base64 text of a PNG/JPEG image without the {\"b64\": ...} wrapper: the "
                          "decode op got that text, not image bytes", 0.2)
            d.confidence = max(d.confidence, min(0.99, other.confidence + 0.2))


__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]


# ------------------------------------------------------------------------------------------------ what the body shows

_IMAGE_B64_TEXT = re.compile(rb"^(?:/9j/|iVBOR|R0lGOD|Qk[0-9A-Za-z+/])")
"""The start of base64 text of a JPEG, PNG, GIF or BMP file: what a decode op gets from an image encoded twice."""


def _b64_values(root: Any, limit: int = 20) -> list[str]:
    out: list[str] = []
    stack = [root]
    while stack and len(out) < limit:
        v = stack.pop()
        if isinstance(v, dict):
            if set(v) == {"b64"} and isinstance(v["b64"], str):
                out.append(v["b64"])
            else:
                stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v[:50])
    return out


def request_readings(ctx: Context, diagnoses: list[Diagnosis]) -> None:
    """Readings the request body decides whatever the text said: an image encoded twice (its b64 value decodes to
    base64 text of an image), a rank-0 signature input sent in rows (one value per instance)."""
    import base64
    import binascii

    req = ctx.request
    if req is None or req.root is None:
        return
    top = min(0.98, max((d.confidence for d in diagnoses), default=0.6))
    for value in _b64_values(req.root):
        try:
            raw = base64.b64decode(value, validate=False)[:16]
        except (binascii.Error, ValueError):
            continue
        if _IMAGE_B64_TEXT.match(raw):
            _decide(ctx, diagnoses, "base64_encoding", top + 0.01, {},
                    f"your request's b64 value decodes to base64 text ({raw[:8].decode('ascii', 'replace')}…), not "
                    "to an image file's bytes: the image was base64-encoded twice",
                    "Encode the file's bytes once: {\"b64\": base64.b64encode(raw_bytes).decode()} (raw_bytes = "
                    "open(path, 'rb').read()), not the base64 text again")
            break
    if isinstance(req.root, dict) and isinstance(req.root.get("instances"), dict):
        keys = ", ".join(sorted(req.root["instances"])[:5])
        _decide(ctx, diagnoses, "instances_key_missing", top + 0.01, {},
                f'your request\'s "instances" is an object ({keys}): the columnar form, which TF Serving reads under '
                '"inputs"', 'Rename "instances" to "inputs" for this object of named columns ({"inputs": {...}}), or '
                'send "instances" as a list with one element per example')
    sig = ctx.signature
    _batch_sizes(ctx, diagnoses, top)
    if sig is not None and req.format == "row" and (req.instances or 0) >= 1:
        scalar = [name for name, spec in sig.inputs.items() if spec.shape is not None and len(spec.shape) == 0]
        if scalar:
            _decide(ctx, diagnoses, "scalar_input", top + 0.01, {"input": scalar[0]},
                    f"signature {ctx.signature_key} takes {scalar[0]} as a scalar (rank 0), and your request sends "
                    f"it in rows, one value per instance ({req.instances} instances)",
                    f"Send {scalar[0]} once, in the columnar form ({{\"inputs\": {{\"{scalar[0]}\": 1.0}}}}), not "
                    "once per instance; or export it as a batched input (shape [None]) or bake it into the model")


def _error_batches(diagnoses: list[Diagnosis]) -> set[int]:
    """The two first sizes a batch disagreement names (``shape[0] = [3,1] vs. shape[1] = [1,1]``), empty if none."""
    for d in diagnoses:
        ev = d.evidence
        pair = [ev.get("a0"), ev.get("b0")]
        if not all(isinstance(x, int) for x in pair):
            pair = [s[0] if isinstance(s, list) and s and isinstance(s[0], int) else None
                    for s in (ev.get("a_shape"), ev.get("b_shape"))]
        if all(isinstance(x, int) for x in pair) and pair[0] != pair[1]:
            return set(pair)  # type: ignore[arg-type]
    return set()


def _composites(ctx: Context) -> list[Any]:
    """The signature's RaggedTensor / SparseTensor arguments (plain component inputs), as validate reads them."""
    if ctx.info is None or ctx.signature_key is None:
        return []
    from ...model.composite import composite_inputs

    return composite_inputs(ctx.info, ctx.signature_key)


def _composite_parts(ctx: Context, diagnoses: list[Diagnosis], composites: list[Any]) -> None:
    """The components of a RaggedTensor / SparseTensor argument (flat_values and row_splits, …) have first sizes
    that are no batch sizes (row_splits is one longer than the rows): nothing to make equal.  A batch-size reading the text gave is refuted for them — but for
    server-side batching, which needs every input to have the same first size and so cannot batch such a signature
    — and what the composite needs (validate's request.composite finding, if the request breaks it) is said."""
    dec = ctx.decoded
    tensors = getattr(dec, "tensors", {}) if dec is not None else {}
    sent = [c for c in composites if sum(a in tensors for a, _ in c.components) >= 2]
    if not sent:
        return
    c = sent[0]
    kind = "RaggedTensor" if c.kind == "ragged" else "SparseTensor"
    names = ", ".join(f'"{a}" ({r})' for a, r in c.components)
    what = (f"inputs {names} are the components of one {kind} argument \"{c.name}\" of signature "
            f"{ctx.signature_key}: their first sizes are no batch sizes (row_splits has one entry more than the rows, a "
            "dense_shape one per dimension), and making them equal breaks the request")
    broken = next((f for f in ctx.findings if getattr(f, "code", None) == "request.composite"
                   and getattr(getattr(f, "severity", None), "value", "") == "error"), None)
    needs = (f"sigcheck validate finds the request's {kind} broken: {broken.message}" if broken is not None
             else f"sigcheck validate finds the request's {kind} components consistent")
    batching = "batching" in ctx.text.lower()
    for d in diagnoses + ctx.added:
        if d.category != "batch_size_mismatch_between_inputs":
            continue
        if batching:  # TF Serving's batcher splits and joins every input on its first dimension
            note(d, what + f"; server-side batching needs every input to have the same first size, so it cannot "
                           f"batch this signature's requests")
            lead(d, f"Disable server-side batching (--enable_batching) for this model: the components of a {kind} "
                    "have no common first size to batch on")
            d.steps = [d.steps[0]] + [s for s in d.steps[1:] if "same leading batch size" not in s
                                      and "same number of examples" not in s and "server-side batching" not in s]
        else:
            refute(d, what + "; " + needs, 0.5)
            d.steps = [s for s in d.steps if "same leading batch size" not in s and "same number of examples" not in s]
            if broken is not None and broken.hint and broken.hint not in d.steps:
                d.steps.insert(0, broken.hint)
        d.refined = True


def _batch_sizes(ctx: Context, diagnoses: list[Diagnosis], top: float) -> None:
    """Columnar inputs sent with different first sizes, to a signature whose batch is dynamic, and the error's two
    batch sizes among them: the request's disagreement is the cause, not a batch fixed in the graph.  A
    RaggedTensor / SparseTensor argument counts by its rows, as validate counts it, not by its components' lengths."""
    sig, dec = ctx.signature, ctx.decoded
    if sig is None or dec is None or getattr(dec, "format", None) != "columnar":
        return
    composites = _composites(ctx)
    _composite_parts(ctx, diagnoses, composites)
    from ...validate.composite import composite_rows

    parts = {a for c in composites for a, _ in c.components}
    firsts = {n: t.shape[0] for n, t in getattr(dec, "tensors", {}).items() if t.shape and n not in parts}
    firsts.update(composite_rows(dec, composites))
    if len(set(firsts.values())) < 2:
        return
    if any(s.shape and s.shape[0] >= 0 for s in sig.inputs.values() if s.name in firsts and s.name not in parts):
        return  # the signature fixes a batch itself: the fixed-batch refiner says so
    said = _error_batches(diagnoses)
    if said and not said <= set(firsts.values()):
        return  # the error's batch sizes are not the request's: another tensor disagrees
    sizes = ", ".join(f'"{n}" {b}' for n, b in sorted(firsts.items()))
    big = max(firsts.values())
    _decide(ctx, diagnoses, "batch_size_mismatch_between_inputs", top + 0.01, {},
            f"your request's inputs have different batch sizes ({sizes}) and signature {ctx.signature_key} declares a "
            "dynamic batch on each: the model combines them, and their first sizes disagree",
            f"Give every input the same number of examples ({sizes} now): {big} rows each, one per example, or one "
            "request per example")
    have = next(d for d in diagnoses + ctx.added if d.category == "batch_size_mismatch_between_inputs")
    if "batching" not in ctx.text.lower():  # a tensor of the model joined them, not TF Serving's batching
        have.cause = (f"Your request's inputs have different batch sizes ({sizes}), and the model combines them (a "
                      "Concat, Keras' Concatenate), which needs the same number of examples in each.")
        have.steps = [s for s in have.steps if "server-side batching" not in s]
    for d in diagnoses:
        if d.category == "fixed_batch_size_in_graph":
            refute(d, f"your request's inputs have different batch sizes ({sizes}), the sizes the error names: the "
                      "request explains it without a batch fixed in the graph", 0.2)


def _decide(ctx: Context, diagnoses: list[Diagnosis], category: str, confidence: float, evidence: dict[str, Any],
            why: str, step: str) -> None:
    """The request decides this reading: lead with it, whether the text gave it (lower) or not."""
    have = next((d for d in diagnoses if d.category == category), None)
    if have is None:
        ctx_add(ctx, category, confidence, evidence, why)
        have = ctx.added[-1]
    else:
        note(have, why)
        have.confidence = max(have.confidence, min(0.99, confidence))
    if have.steps[:1] != [step]:
        lead(have, step)
    for other in diagnoses:
        if other is not have and other.confidence >= have.confidence:
            other.confidence = max(0.05, have.confidence - 0.01)
