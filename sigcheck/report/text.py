"""``--format text``: the human report (rich; colour only on a terminal, ``NO_COLOR`` honoured).

    error graph.unfed_placeholder at $.signatures.serving_default.outputs.probs
      output "probs" of signature "serving_default" depends on placeholder "keep_prob" …
      expected: …    received: …
      fix: …
      server: You must feed a value for placeholder tensor 'keep_prob' with dtype float

Then, for the gate, the failed and skipped checks; for diff, the verdict.  Not emitted when there is nothing to
report (the one-line summary on stderr says so).
"""

from __future__ import annotations

import io
from typing import Any

NAME = "text"
ALWAYS_EMIT = False

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_KIND_STYLE = {"breaking": "bold red", "additive": "green", "compatible": "green"}


def _finding(d: Any, subject: str = "") -> Any:
    from rich.text import Text

    out = Text()
    out.append(d.severity.value, style=_STYLE[d.severity.value])
    out.append(f" {d.code}", style="bold")
    out.append(f" at {d.path}", style="dim")
    if d.subject and d.subject != subject:
        out.append(f"  ({d.subject})", style="dim")
    out.append(f"\n  {d.message}")
    if d.expected is not None or d.received is not None:
        out.append("\n  expected: ", style="dim")
        out.append(str(d.expected))
        out.append("    received: ", style="dim")
        out.append(str(d.received))
    if d.hint:
        out.append("\n  fix: ", style="green")
        out.append(d.hint)
    if d.upstream:
        out.append("\n  server: ", style="dim")
        out.append(d.upstream, style="dim")
    return out


def print_report(console: Any, view: Any) -> None:
    """Print ``view`` on a rich Console."""
    from rich.text import Text

    for d in view.findings:
        console.print(_finding(d, view.subject), soft_wrap=True)
    if view.kind == "gate":
        failed = [r for r, s in view.checks.items() if s == "fail"]
        skipped = [r for r, s in view.checks.items() if s == "skip"]
        if view.findings:
            console.print()
        if failed:
            console.print(Text("failed checks: ", style="bold red") + Text(", ".join(failed)), soft_wrap=True)
        for rid in skipped:
            console.print(Text(f"skipped {rid}: {view.skipped.get(rid, '')}", style="dim"), soft_wrap=True)
    elif view.kind == "diff" and view.verdict:
        if view.findings:
            console.print()
        console.print(Text("verdict: ") + Text(view.verdict, style=_KIND_STYLE.get(view.verdict, "bold")))


def render(view) -> str:  # type: ignore[no-untyped-def]
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=110, no_color=True, force_terminal=False, highlight=False, color_system=None)
    print_report(console, view)
    return buf.getvalue()
