"""``sigcheck diff OLD NEW``: what changes for clients between two models' signatures (exit 1 when breaking)."""

from __future__ import annotations

from typing import List, Optional

import typer

from .common import command
from .reporting import resolve_format, summary, write_report


def register(app: typer.Typer) -> None:
    app.command("diff")(diff_command)


@command
def diff_command(
    old: str = typer.Argument(..., help="the model clients use now (folder, base path, gs:// URI or contract)"),
    new: str = typer.Argument(..., help="the model that replaces it"),
    signature: Optional[List[str]] = typer.Option(None, "--signature", "-s", help="compare only this signature "
                                                  "(repeatable)"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text | json | junit | sarif "
                                      "(env SIGCHECK_FORMAT; default text)"),
    as_json: bool = typer.Option(False, "--json", help="same as --format json"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the report to this file (atomic)"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the text report"),
) -> int:
    """Compare two models' serving signatures: compatible, additive or breaking."""
    from ..diff import diff_models
    from ..errors import InputError
    from ..model import read_model

    report_format = resolve_format(fmt, as_json)
    old_info, new_info = read_model(old, tag_set=tag_set), read_model(new, tag_set=tag_set)
    for key in signature or ():
        if key not in old_info.signatures and key not in new_info.signatures:  # (in one only: added or removed)
            raise InputError(f"{old_info.unknown_signature(key, where=old)} (and none in {new} either)",
                             hint="pass a signature of either model to --signature (sigcheck inspect lists them)")
    result = diff_models(old_info, new_info, signatures=signature or None)
    write_report(result, report_format, output, no_color=no_color)
    counts = result.counts()
    summary(f"diff: {result.verdict} ({counts['breaking']} breaking, {counts['additive']} additive, "
            f"{counts['compatible']} compatible change{'' if counts['compatible'] == 1 else 's'})")
    return 0 if result.ok else 1
