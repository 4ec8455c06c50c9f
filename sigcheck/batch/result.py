"""The outcome of ``sigcheck batch``: counts, per-code examples, batch findings; ``to_json()`` is ``--json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..diagnostics import Diagnostic, Severity
from .tally import Tally


@dataclass
class BatchResult:
    model: str
    signature: str
    input_format: str
    tally: Tally
    batch_findings: list[Diagnostic] = field(default_factory=list)
    """Findings about the batch as a whole (format, keys, sizes), located at the input."""
    inputs: tuple[str, ...] = ()
    dead_letter: str | None = None
    seconds: float = 0.0
    runner: str = "local"
    workers: int = 1
    bytes_read: int = 0

    @property
    def records(self) -> int:
        return self.tally.records

    @property
    def bad_records(self) -> int:
        return self.tally.bad

    @property
    def ok(self) -> bool:
        return self.tally.bad == 0 and not any(f.severity is Severity.ERROR for f in self.batch_findings)

    def counts(self) -> dict[str, int]:
        out = dict(self.tally.counts)
        for f in self.batch_findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    def examples(self) -> list[dict[str, Any]]:
        where = ",".join(self.inputs)
        batch = [{"location": where, "code": f.code, "category": f.category, "message": f.message}
                 for f in self.batch_findings]
        records = sorted(self.tally.examples.values(), key=lambda e: e.order)
        return batch + [e.to_json() for e in records]

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "model": self.model, "signature": self.signature, "input_format": self.input_format,
                "records": self.records, "bad_records": self.bad_records, "findings": self.counts(),
                "examples": self.examples(), "dead_letter": self.dead_letter, "seconds": round(self.seconds, 3)}


def batch_findings(tally: Tally, *, formats: Sequence[str] = (), instance_type: str | None = None,
                   input_names: Sequence[str] = ()) -> list[Diagnostic]:
    """Findings about the whole batch: CSV rows sent as arrays to named inputs; object instances with different key
    sets; instance sizes."""
    out: list[Diagnostic] = []
    if ("csv" in formats and instance_type != "object" and len(input_names) > 1
            and tally.counts.get("request.keys")):
        names = ", ".join(input_names[:4]) + (", …" if len(input_names) > 4 else "")
        out.append(Diagnostic(
            "batch.instance_type", Severity.ERROR,
            f"CSV rows are sent as arrays of plain values (Vertex AI's default instanceType), but the signature takes "
            f"{len(input_names)} named inputs ({names}): run with --instance-type object, which sends each row as an "
            "object keyed by the header",
            category="input_keys_mismatch", expected="objects keyed by input name", received="arrays",
            hint='--instance-type object (instanceConfig.instanceType "object" in the batch prediction job); the '
                 "header's column names must be the signature's input names"))
    if len(tally.keysets) > 1:
        sets = sorted(tally.keysets.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
        shown = "; ".join(f"{{{', '.join(k)}}} in {v[0]} record{'s' if v[0] != 1 else ''} (first {v[2]}:{v[3]})"
                          for k, v in sets[:3])
        more = f"; and {len(sets) - 3} more" if len(sets) > 3 else ""
        out.append(Diagnostic("batch.keys", Severity.WARNING,
                              f"the records' objects have {len(sets)} different key sets: {shown}{more}",
                              category="input_keys_mismatch", expected="the same keys in every record",
                              received=f"{len(sets)} key sets",
                              hint="give every record the same fields (the signature's inputs), or pick them with "
                                   "--included-fields"))
    shapes = _shape_finding(tally)
    if shapes is not None:
        out.append(shapes)
    n = tally.sized
    if n:  # (none when no record could be made into an instance)
        p50, p99 = tally.percentile(0.5), tally.percentile(0.99)
        out.append(Diagnostic("batch.size", Severity.INFO,
                              f"instance size p50 {p50} B, p99 {p99} B, max {tally.max_size} B over {n:,} "
                              f"instance{'s' if n != 1 else ''} (p50 and p99 rounded up to 2 %)",
                              received=f"max {tally.max_size} bytes"))
    return out


def _dims(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _shape_finding(tally: Tally) -> Diagnostic | None:
    """Records (without an error of their own) that give an input different per-instance shapes: Vertex AI sends
    records together, and TF Serving refuses a request whose instances differ in shape (each alone it accepts)."""
    if len(tally.shapesets) < 2:
        return None
    by_input: dict[str, dict[tuple[int, ...], list]] = {}
    for pairs, (count, order, location, number) in tally.shapesets.items():
        for name, shape in pairs:
            hit = by_input.setdefault(name, {}).get(shape)
            if hit is None:
                by_input[name][shape] = [count, order, location, number]
            else:
                hit[0] += count
                if order < hit[1]:
                    hit[1:] = [order, location, number]
    varying = {name: shapes for name, shapes in sorted(by_input.items()) if len(shapes) > 1}
    if not varying:
        return None
    parts = []
    for name, shapes in list(varying.items())[:3]:
        ranked = sorted(shapes.items(), key=lambda kv: (-kv[1][0], kv[1][1]))
        shown = ", ".join(f"{_dims(shape)} in {v[0]:,} record{'s' if v[0] != 1 else ''} (first {v[2]}:{v[3]})"
                          for shape, v in ranked[:3])
        more = f", and {len(ranked) - 3} more shape{'s' if len(ranked) > 4 else ''}" if len(ranked) > 3 else ""
        parts.append(f'input "{name}": {shown}{more}')
    rest = f"; and {len(varying) - 3} more inputs" if len(varying) > 3 else ""
    return Diagnostic(
        "batch.shapes", Severity.ERROR,
        f"the records give {'an input' if len(varying) == 1 else 'inputs'} different shapes: {'; '.join(parts)}{rest}: "
        "Vertex AI sends records together in one request, and TF Serving refuses a request whose instances differ "
        "in shape (400), so every record of such a request fails",
        category="ragged_instances", expected="one shape per input in every record",
        received=f"{sum(len(v) for v in varying.values())} shapes for {len(varying)} input{'s' if len(varying) != 1 else ''}",
        hint="give every record the same shape for each input (pad or cut to the declared shape), or predict the "
             "records of another shape in a job of their own")
