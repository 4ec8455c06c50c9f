"""``sigcheck explain FILE|-``: a pasted serving error → its cause, the evidence, the fix (exit 0 explained, 1 not)."""

from __future__ import annotations

import sys
from typing import Any, Optional, Sequence

import typer

from .common import command, emit, read_input, stdout_console


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)


@command
def explain_command(
    source: str = typer.Argument(..., metavar="FILE|-", help="the error text: a file, or - for stdin"),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="the model that failed: names, shapes and "
                                        "the graph make the answer concrete"),
    request: Optional[str] = typer.Option(None, "--request", "-r", help="the request that failed (request.json)"),
    as_json: bool = typer.Option(False, "--json", help='print {"diagnoses": [...]} on stdout'),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the JSON to this file"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the human view"),
) -> int:
    """Explain a TF Serving / Vertex AI / gcloud error: what happened, why, and exactly what to change."""
    from ..explain import decode_text, explain_text

    text = decode_text(read_input(source), "stdin" if source == "-" else source)
    info = None
    if model is not None:
        from ..model import read_model

        info = read_model(model)
    body = read_input(request) if request is not None else None
    if body is not None:
        from ..codec.nesting import MAX_TENSOR_RANK, nesting_depth

        deepest = nesting_depth(body)
        if deepest > MAX_TENSOR_RANK + 2:  # (explain reads the request with Python's recursive json)
            from ..errors import InputError

            raise InputError(f"{request}: the request nests {deepest} levels deep; no tensor has more than "
                             f"{MAX_TENSOR_RANK} dimensions", hint=f"check it with `sigcheck validate {request} "
                             "--model MODEL`, which reads any depth")
    if body is not None and info is None:
        sys.stderr.write("note: --request is read for its structure only (without --model); its values are not "
                         "validated\n")
    diagnoses = explain_text(text, info=info, request=body)
    if as_json or output:
        import json

        out: dict[str, Any] = {"diagnoses": [d.to_json() for d in diagnoses]}
        if not diagnoses:
            from ..explain import read_unknown

            out["unknown"] = read_unknown(text).to_json()
        emit(json.dumps(out, indent=2) + "\n", output)
    else:
        render(stdout_console(no_color), diagnoses, text)
    return 0 if diagnoses else 1


def render(console: Any, diagnoses: Sequence[Any], text: str = "") -> None:
    """The human view: title, one-line cause, evidence, numbered fix, verify command; generic advice when empty."""
    from rich.text import Text

    from ..explain import load_catalogue
    from ..explain.templates import format_value

    if not diagnoses:
        cat = load_catalogue()
        console.print(Text(f"{cat.generic_title}: none of sigcheck's {len(cat)} error categories fits this text.",
                           style="bold yellow"))
        from ..explain import read_unknown

        seen = read_unknown(text)
        shown = [key for key in seen.extracted if key != "layers"]
        width = max([9, *map(len, shown)]) + 1  # (the labels line up, http_status and frame_type included)
        for key in shown:
            console.print(Text.assemble((f"  {key:<{width}}", "dim"), format_value(key, seen.extracted[key])))
        for reading in seen.readings:
            console.print(Text.assemble((f"  {'reading':<{width}}", "dim"), reading))
        console.print(Text.assemble((f"  {'next':<{width}}", "dim"), (seen.next_command, "bold")))
        console.print("How to read it:")
        for i, step in enumerate(cat.generic_steps, 1):
            console.print(Text(f"  {i}. {step}"))
        return
    for n, d in enumerate(diagnoses):
        if n == 1:
            console.print(Text("also possible:", style="bold"))
        head = Text()
        head.append(d.title, style="bold green" if n == 0 else "bold")
        head.append(f"  {d.category}  confidence {d.confidence:.2f}", style="dim")
        console.print(head)
        console.print(Text.assemble(("  cause     ", "dim"), d.cause))
        for c in d.confirmed:
            console.print(Text.assemble(("  found     ", "dim"), (c, "cyan")))
        if d.evidence:
            facts = " · ".join(f"{k} {format_value(k, v)}" for k, v in d.evidence.items())
            console.print(Text.assemble(("  evidence  ", "dim"), facts))
        if n == 0 or len(diagnoses) == 1:
            for i, step in enumerate(d.steps, 1):
                console.print(Text.assemble(("  fix " if i == 1 else "      ", "dim"), f"{i}. {step}"))
        else:
            console.print(Text.assemble(("  fix       ", "dim"), d.steps[0] if d.steps else ""))
        if d.verify:
            console.print(Text.assemble(("  verify    ", "dim"), (d.verify, "bold")))
        if d.distinguish:
            console.print(Text.assemble(("  tell apart ", "dim"), d.distinguish))
        console.print()
