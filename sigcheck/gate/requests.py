"""Gate rules over example requests: each through ``validate`` (the target's rules and budgets), and, with a
:class:`Predictor` (``--predict``, needs TensorFlow), through the model itself.

The gate never imports :mod:`sigcheck.serving`: the CLI builds the predictor and passes it in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Protocol, Sequence

from ..diagnostics import Diagnostic, Severity
from .rules import GateContext, SkipRule, rule


@dataclass(frozen=True)
class RequestFile:
    """One example request: where it came from, and its bytes."""

    source: str
    body: bytes


class Predictor(Protocol):
    """Runs one request through the model; returns findings (none when the prediction succeeded)."""

    def __call__(self, body: bytes, *, source: str) -> Iterable[Diagnostic]: ...


def _requests(ctx: GateContext) -> Sequence[RequestFile]:
    reqs = ctx.options.get("requests") or ()
    if not reqs:
        raise SkipRule("no --request given")
    return reqs  # type: ignore[return-value]


def _with_subject(diags: Iterable[Diagnostic], source: str) -> list[Diagnostic]:
    return [d if d.subject else replace(d, subject=source) for d in diags]


def _validated(ctx: GateContext, req: RequestFile):
    """``validate_request`` on one request with the gate's target (cached per gate run)."""
    cache: dict[int, object] = ctx.options.setdefault("_validated", {})  # type: ignore[assignment]
    key = id(req)  # the RequestFile lives as long as the gate run (two requests may share a source, e.g. "-")
    if key not in cache:
        from ..validate import SHAPE_CHECK_DEFAULT, validate_request

        shape_check = str(ctx.options.get("shape_check") or SHAPE_CHECK_DEFAULT)
        cache[key] = validate_request(req.body, ctx.info, target=ctx.target, source=req.source,
                                      shape_check=shape_check, signature=_signature(ctx))
    return cache[key]


def _signature(ctx: GateContext) -> str | None:
    """``--signature`` (validate's): the signature the requests mean to call."""
    value = ctx.options.get("signature")
    return str(value) if value else None


def validation_findings(ctx: GateContext, req: RequestFile) -> list[Diagnostic]:
    """The findings of ``validate`` for one request, each naming the request, less the model's own blockers (the
    gate reports those once, from its graph and op rules)."""
    from .blockers import model_blockers

    blockers = {(b.code, b.path, b.message) for b in model_blockers(ctx.info)}
    own = [f for f in _validated(ctx, req).findings  # type: ignore[attr-defined]
           if (f.code, f.path, f.message) not in blockers]
    return _with_subject(own, req.source)


def _settleable(f: Diagnostic) -> bool:
    """A finding about declared shapes or batch sizes (validate's ``DECLARED_SHAPE_CODES``, which ``--shape-check``
    governs), which TF Serving never checks: only running the model decides."""
    from ..validate import DECLARED_SHAPE_CODES

    return f.code in DECLARED_SHAPE_CODES

SETTLED = "settled by running it (--predict): the model answers this request, so "
"""Prefix of a same-rank declared-shape finding that ``--predict`` settled: TF Serving never compares declared
shapes, the model answered, and the answer has the declared shapes."""
RAN_RANK = ("the model answers it (--predict) with outputs of the declared shapes, but a tensor of another rank than "
            "declared can still give wrong values, so check them: ")
"""Prefix of a rank-change error that ``--predict`` lowered to a warning: a 200 proves only that no op raised."""
NOT_SETTLED = ("not settled by running it (--predict): the model answers 200, but the answer does not fit the "
               "signature ({codes}): ")
"""Prefix of a declared-shape finding kept as it was because the run's answer confirms it."""


def _lower(f: Diagnostic, severity: Severity, prefix: str) -> Diagnostic:
    return replace(f, severity=severity, message=prefix + f.message[:1].lower() + f.message[1:])


def _predicted(ctx: GateContext, req: RequestFile) -> list[Diagnostic] | None:
    """The predictor's findings for one request (cached per gate run); None when it does not reach the model."""
    predictor = ctx.options.get("predictor")
    if predictor is None or ctx.info.kind != "saved_model":
        return None
    cache: dict[int, list[Diagnostic] | None] = ctx.options.setdefault("_predicted", {})  # type: ignore[assignment]
    key = id(req)
    if key not in cache:
        result = _validated(ctx, req)
        if result.front_end is None and result.decoded.accepted:  # type: ignore[attr-defined]
            body = result.body  # type: ignore[attr-defined]
            if body is None:  # (a JSON Lines file validated in chunks: the batch it sends, as validate reads it)
                from ..validate import request_body

                body = request_body(req.body, source=req.source, format_in=result.input_format,  # type: ignore
                                    signature=_signature(ctx))
            cache[key] = _with_subject(predictor(body, source=req.source), req.source)  # type: ignore[operator]
        else:
            cache[key] = None
    return cache[key]


@rule("request.validate", "every --request passes validate for the target (TF Serving's rules, size budgets)")
def validate_requests(ctx: GateContext) -> Iterator[Diagnostic]:
    from ..answer import ANSWER_CODES
    from ..validate import SHAPE_CHECK_DEFAULT

    enforced = str(ctx.options.get("shape_check") or SHAPE_CHECK_DEFAULT) == "error"
    for req in _requests(ctx):
        found = validation_findings(ctx, req)
        ran = _predicted(ctx, req) if any(_settleable(f) for f in found) else None
        # a 200 (no finding, or only findings about the answer itself): sigcheck.answer checked the outputs' shapes
        # and, when an input's rank changed, each instance alone against its row in the batch
        answered = ran is not None and all(f.code in ANSWER_CODES for f in ran)
        doubted = answered and bool(ran)
        for f in found:
            if not answered or not _settleable(f) or (enforced and f.severity is Severity.ERROR):
                pass  # (not run, failed, or --shape-check error enforces the declared contract whatever the model does)
            elif doubted:  # the answer confirms the finding: it stays what it was
                codes = " / ".join(sorted({d.code for d in ran}))  # type: ignore[union-attr]
                f = replace(f, message=NOT_SETTLED.format(codes=codes) + f.message[:1].lower() + f.message[1:])
            elif f.severity is Severity.ERROR:  # another rank: the model answered, but that proves no value right
                f = _lower(f, Severity.WARNING, RAN_RANK)
            elif f.severity is Severity.WARNING:  # a same-rank size difference the model answers: settled
                f = _lower(f, Severity.INFO, SETTLED)
            yield f


@rule("predict.run", "every --request TF Serving accepts runs through the model (--predict, needs TensorFlow)")
def predict_requests(ctx: GateContext) -> Iterator[Diagnostic]:
    predictor = ctx.options.get("predictor")
    if predictor is None:
        raise SkipRule("no --predict")
    reqs = _requests(ctx)
    if ctx.info.kind != "saved_model":
        raise SkipRule("a signature contract cannot run predictions")
    # What the front end (gcloud's file reader, the platform's REST layer or size limit) or TF Serving's JSON layer
    # refuses never reaches the model (request.validate reports it).  Everything that reaches it runs, whatever
    # sigcheck's own findings say: a declared-shape mismatch is settled by running it.
    ran = [(req, _predicted(ctx, req)) for req in reqs]
    if all(found is None for _, found in ran):
        failing = "it is refused" if len(reqs) == 1 else f"all {len(reqs)} are refused"
        raise SkipRule(f"no --request reaches the model ({failing}: see request.validate)")
    for _, found in ran:
        yield from found or ()


@rule("baseline.diff", "no breaking change to the serving contract against --baseline")
def baseline_diff(ctx: GateContext) -> Iterator[Diagnostic]:
    baseline = ctx.options.get("baseline")
    if baseline is None:
        raise SkipRule("no --baseline given")
    from ..diff import diff_models

    yield from diff_models(baseline, ctx.info).findings  # type: ignore[arg-type]
