"""Human (rich) views of things that are not Diagnostic reports: a model's signatures."""

from __future__ import annotations

from typing import Any, Sequence

from ..diagnostics import Diagnostic
from ..model.composite import composite_inputs, composite_line
from ..model.types import ModelInfo, format_shape

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
MANY_SIGNATURES = 50
"""Above this many signatures, they are printed as plain aligned text in one write (a table each is slow)."""


def _render_many(console: Any, signatures: Sequence[tuple[str, Any]]) -> None:
    """Every signature as aligned plain text, written at once: linear in the number of tensors."""
    rows: list[tuple[str, ...] | str] = []
    for key, sig in signatures:
        rows += ["", f"signature {key}  {sig.method_name}", ("", "name", "dtype", "shape", "tensor")]
        for side, specs in (("in", sig.inputs), ("out", sig.outputs)):
            for name, spec in sorted(specs.items()):
                extra = " (has default)" if name in sig.defaults else ""
                rows.append((side, name + extra, spec.dtype, format_shape(spec.shape),
                             spec.tensor_name or spec.encoding))
    cells = [r for r in rows if isinstance(r, tuple)]
    widths = [max(len(r[i]) for r in cells) for i in range(4)]
    lines = [r if isinstance(r, str) else "  " + "    ".join(c.ljust(w) for c, w in zip(r, widths)) + "    " + r[4]
             for r in rows]
    console.print("\n".join(lines), markup=False, highlight=False, soft_wrap=True)


def render_model(console: Any, info: ModelInfo, diagnostics: Sequence[Diagnostic], *,
                 location: str | None = None) -> None:
    """``location``: what the user passed as MODEL (for a contract, the contract file; ``info.source`` is then the
    model it was written from)."""
    from rich.table import Table
    from rich.text import Text

    head = Text()
    if info.kind == "contract":
        head.append(location or info.source, style="bold")
        head.append("  signature contract (sigcheck.signatures/v1)")
        if info.source != (location or info.source):  # a contract without "source" names no model
            head.append(f" written from {info.source}")
        if info.version is not None:
            head.append(f", version {info.version}")
    else:
        head.append(info.source, style="bold")
    if info.version is not None and info.kind != "contract":
        others = [v for v in info.versions if v != info.version]
        head.append(f"  version {info.version} (highest of {len(info.versions)}"
                    + (f"; also {', '.join(map(str, others))}" if others else "") + ")")
    console.print(head, soft_wrap=True)  # a long path stays on one line (copy-pasteable)
    meta = [f"tags: {','.join(info.tags)}"]
    if info.tensorflow_version:
        meta.append(f"written by TensorFlow {info.tensorflow_version}")
    if info.tf2 is not None:
        meta.append("TF2 object graph" if info.tf2 else "TF1 graph")
    if info.kind == "contract":
        meta.append("signatures only (no graph, no files)")
    console.print("  " + " · ".join(meta), style="dim")
    if info.other_tag_sets:
        console.print("  other tag sets: " + "; ".join(",".join(t) for t in info.other_tag_sets), style="dim")
    if not info.signatures:
        console.print("  no serving signatures", style="yellow")
    ordered = sorted(info.signatures.items(), key=lambda kv: (kv[0] != "serving_default", kv[0]))
    if len(ordered) > MANY_SIGNATURES:
        _render_many(console, ordered)
        ordered = []
    for key, sig in ordered:
        console.print()
        console.print(Text.assemble(("signature ", "dim"), (key, "bold green"), ("  " + sig.method_name, "dim")))
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, padding=(0, 2, 0, 2))
        for col in ("", "name", "dtype", "shape", "tensor"):
            # fold, never "…": a cut tensor name cannot be copied (off a terminal the console is wide: no folding)
            table.add_column(col, overflow="fold")
        composites = composite_inputs(info, key)
        roles = {alias: (c, role) for c in composites for alias, role in c.components}
        for side, specs in (("in", sig.inputs), ("out", sig.outputs)):
            for name, spec in sorted(specs.items()):
                extra = " (has default)" if name in sig.defaults else ""
                if side == "in" and name in roles:
                    c, role = roles[name]
                    extra += f" ({role} of {c.name})"
                table.add_row(side, name + extra, spec.dtype, format_shape(spec.shape),
                              spec.tensor_name or spec.encoding)
        console.print(table)
        for c in composites:
            console.print(Text("  " + composite_line(c), style="dim"), soft_wrap=True)
    if info.internal_signatures:
        console.print()
        console.print("  internal (not serving): " + ", ".join(info.internal_signatures), style="dim")
    if diagnostics:
        console.print()
        for d in diagnostics:
            console.print(Text.assemble((f"{d.severity.value}: ", _STYLE[d.severity.value]), d.message))
            if d.hint:
                console.print(Text("  fix: " + d.hint, style="dim"))
