"""``sigcheck warmup MODEL --request R``: write TF Serving's warm-up file from example requests (needs [tf])."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from .common import command, read_input, write_stdout
from .reporting import summary


def register(app: typer.Typer) -> None:
    app.command("warmup")(warmup_command)


@command
def warmup_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path (highest version) or gs:// URI"),
    request: List[str] = typer.Option(..., "--request", "-r", help="predict request JSON (repeatable; - = stdin)"),
    count: Optional[int] = typer.Option(None, "--count", "-n", help="number of records, cycling through the "
                                        "requests (1-1000; default: one per request)"),
    model_name: str = typer.Option("", "--model-name", help="model_spec.name in each record (TF Serving "
                                   "ignores it for warm-up)"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    as_json: bool = typer.Option(False, "--json", help="print what was written as JSON on stdout"),
) -> int:
    """Write assets.extra/tf_serving_warmup_requests so TF Serving / Vertex warm the model up on load."""
    from ..serving.warmup import write_warmup

    requests = [(r, read_input(r)) for r in request]
    result = write_warmup(model, requests, count=count, model_name=model_name, tag_set=tag_set)
    if as_json:
        write_stdout(json.dumps(result.to_json(), indent=2) + "\n")
    verb = "replaced" if result.replaced else "wrote"
    summary(f"{verb} {result.path}: {result.records} PredictionLog record{'s' if result.records != 1 else ''} "
            f"({', '.join(sorted(set(result.signatures)))}), {result.size} bytes, verified by reading it back")
    return 0
