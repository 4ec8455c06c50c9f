"""``--format text``: the human report (rich; colour only on a terminal, ``NO_COLOR`` honoured).

    error graph.unfed_placeholder at $.signatures.serving_default.outputs.probs
      output "probs" of signature "serving_default" depends on placeholder "keep_prob" …
      expected: …    received: …
      fix: …
      server: You must feed a value for placeholder tensor 'keep_prob' with dtype float

Then, for the gate, the failed checks (and the skipped ones with ``verbose``); for diff, the verdict.  Not
emitted when there is nothing to report (the one-line summary on stderr says so).
"""

from __future__ import annotations

import io
from typing import Any

NAME = "text"
ALWAYS_EMIT = False

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_KIND_STYLE = {"breaking": "bold red", "additive": "green", "compatible": "green"}


def _finding(d: Any, subject: str = "", group: Any = None) -> Any:
    """One finding; for a group (findings repeating one mistake over several inputs) its first finding under the
    group's headline.  Long values are cut with their length shown (:mod:`.abridge`)."""
    from rich.text import Text

    from .abridge import cut_tokens, cut_value

    out = Text()
    out.append(d.severity.value, style=_STYLE[d.severity.value])
    out.append(f" {d.code}", style="bold")
    out.append(f" at {group.path if group is not None else d.path}", style="dim")
    if group is not None:
        out.append(f" ({group.count_label})", style="dim")
    if d.subject and (d.subject != subject or d.line is not None):
        out.append(f"  ({d.subject}{'' if d.line is None else f':{d.line}'})", style="dim")
    if group is not None:
        out.append(f"\n  {group.headline}", style="bold")
    out.append(f"\n  {cut_tokens(d.message)}")
    sep = "\n  "
    for label, value in (("expected", d.expected), ("received", d.received)):
        if value is not None:  # an absent field is left out, never printed as "None"
            out.append(f"{sep}{label}: ", style="dim")
            out.append(cut_value(str(value)) or "")
            sep = "    "
    if d.hint:
        out.append("\n  fix: ", style="green")
        out.append(cut_tokens(d.hint) or "")
    if d.upstream:
        out.append("\n  server: ", style="dim")
        out.append(cut_tokens(d.upstream) or "", style="dim")
    return out


def has_content(view: Any, *, verbose: bool = False) -> bool:
    """Whether the text report says anything: findings, failed checks, or (``verbose``) skipped checks.

    A gate where every check passed or was skipped prints nothing on stdout; the summary on stderr counts the
    skips, and ``--verbose`` lists them with their reasons.
    """
    statuses = set(view.checks.values())
    return bool(view.findings) or "fail" in statuses or (verbose and "skip" in statuses)


def print_report(console: Any, view: Any, *, verbose: bool = False) -> None:
    """Print ``view`` on a rich Console (the skipped checks of a gate only when ``verbose``)."""
    from rich.text import Text

    from .grouping import Group, group_findings

    for item in group_findings(view.findings):
        if isinstance(item, Group):
            console.print(_finding(item.first, view.subject, item), soft_wrap=True)
        else:
            console.print(_finding(item, view.subject), soft_wrap=True)
    if view.kind == "gate":
        failed = [r for r, s in view.checks.items() if s == "fail"]
        skipped = [r for r, s in view.checks.items() if s == "skip"] if verbose else []
        if view.findings and (failed or skipped):
            console.print()
        if failed:
            console.print(Text("failed checks: ", style="bold red") + Text(", ".join(failed)), soft_wrap=True)
        for rid in skipped:
            console.print(Text(f"skipped {rid}: {view.skipped.get(rid, '')}", style="dim"), soft_wrap=True)
    elif view.kind == "diff" and view.verdict:
        if view.findings:
            console.print()
        console.print(Text("verdict: ") + Text(view.verdict, style=_KIND_STYLE.get(view.verdict, "bold")))


UNWRAPPED_WIDTH = 1_000_000
"""Lines of a report written to a file are never wrapped (they are read with grep and diff, not a pager)."""


def render(view, *, verbose: bool = False) -> str:  # type: ignore[no-untyped-def]
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, width=UNWRAPPED_WIDTH, soft_wrap=True, no_color=True, force_terminal=False,
                      highlight=False, color_system=None)
    print_report(console, view, verbose=verbose)
    return buf.getvalue()
