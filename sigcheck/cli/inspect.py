"""``sigcheck inspect MODEL``: a SavedModel's serving signatures, and the JSON contract with --json."""

from __future__ import annotations

from typing import Optional

import typer

from .common import command, emit, stdout_console


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect_command)


@command
def inspect_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path, gs:// URI or signature contract"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="show only this signature"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    as_json: bool = typer.Option(False, "--json", help="print the sigcheck.signatures/v1 contract on stdout"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the contract (JSON) to this file"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the human view"),
) -> int:
    """Show a SavedModel's serving signatures (no TensorFlow needed)."""
    from dataclasses import replace

    from ..errors import InputError
    from ..model import contract, read_model

    info = read_model(model, tag_set=tag_set)
    whole = info
    if signature is not None:
        if signature not in info.signatures:
            raise InputError(info.unknown_signature(signature, where=model),
                             hint="pass one of the signatures listed to --signature")
        info = replace(info, signatures={signature: info.signatures[signature]})
    if as_json or output:
        emit(contract.dumps(info), output)
        return 0
    from ..gate.rules import at_a_glance
    from .views import render_model

    # The gate's signature rules and its TF-free graph/op rules, on the whole model ("no serving_default" must not
    # follow -s); ops found at load time ($.ops.*) concern every signature.
    findings = at_a_glance(whole)
    if signature is not None:
        mine = f"$.signatures.{signature}"
        findings = [d for d in findings if d.path in ("$", "$.signatures", mine) or d.path.startswith(mine + ".")
                    or d.path.startswith("$.ops.")]
    render_model(stdout_console(no_color), info, findings, location=model)
    return 0
