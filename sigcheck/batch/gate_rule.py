"""The gate's ``batch.records`` rule: ``gate --batch INPUT`` runs ``sigcheck batch``'s check before deploying.

One finding per finding code: its count, the first located example (``subject`` is that record's location).  The
records are checked against the gate's ``--signature`` (``sigcheck batch --signature``; none: serving_default).
"""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..gate.rules import GateContext, SkipRule, rule
from .records import renumber


@rule("batch.records", "every record of --batch INPUT is an instance Vertex AI batch prediction can send "
      "(sigcheck batch)")
def batch_records(ctx: GateContext) -> Iterator[Diagnostic]:
    inputs = tuple(ctx.options.get("batch") or ())  # type: ignore[call-overload]
    if not inputs:
        raise SkipRule("no --batch input")
    from . import run_batch

    signature = ctx.options.get("signature")
    result = run_batch(list(inputs), ctx.info, shape_check=ctx.options.get("shape_check"),  # type: ignore[arg-type]
                       signature=str(signature) if signature else None)
    where = ",".join(inputs)
    against = f" (signature {result.signature})" if signature else ""  # (--signature: which one was checked)
    for f in result.batch_findings:
        if f.severity is not Severity.INFO:
            yield Diagnostic(f.code, f.severity, f.message, category=f.category, expected=f.expected,
                             received=f.received, hint=f.hint, subject=where)
    for code, ex in sorted(result.tally.examples.items(), key=lambda kv: kv[1].order):
        count = result.tally.record_counts.get(code, 0)
        found = result.tally.counts[code]
        f = renumber(ex.finding, ex.number, ex.word)
        more = f", {found:,} findings" if found != count else ""
        yield Diagnostic(code, f.severity, f"{count:,} record{'s' if count != 1 else ''} of {result.records:,}{more}{against}: "
                         f"{f.message} (first at {ex.location}:{ex.number})", category=f.category,
                         path=f.path, expected=f.expected, received=f.received, hint=f.hint, upstream=f.upstream,
                         subject=f"{ex.location}:{ex.number}")
