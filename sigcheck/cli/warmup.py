"""``sigcheck warmup MODEL --request R``: write TF Serving's warm-up file from example requests (needs [tf])."""

from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer

from .common import command, read_input, write_stdout
from .reporting import plural, summary
from .running import kernels_option, memory_option, timeout_option


def register(app: typer.Typer) -> None:
    app.command("warmup")(warmup_command)


@command
def warmup_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path (highest version) or gs:// URI"),
    request: List[str] = typer.Option(..., "--request", "-r", help="predict request JSON (repeatable; - = stdin)"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="the signature the requests mean to "
                                            "call, as validate --signature: a JSON Lines file becomes the batch sent "
                                            "with \"signature_name\": NAME; a body must name it (TF Serving calls "
                                            "serving_default otherwise)"),
    count: Optional[int] = typer.Option(None, "--count", "-n", help="number of records, cycling through the "
                                        "requests (1-1000; default: one per request)"),
    model_name: str = typer.Option("", "--model-name", help="model_spec.name in each record (TF Serving "
                                   "ignores it for warm-up)"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    as_json: bool = typer.Option(False, "--json", help="print what was written as JSON on stdout"),
    no_verify: bool = typer.Option(False, "--no-verify", help="write the records without running them through "
                                   "the model first"),
    kernels: str = kernels_option(),
    timeout: float = timeout_option(),
    memory_limit: Optional[float] = memory_option(),
) -> int:
    """Write assets.extra/tf_serving_warmup_requests so TF Serving / Vertex warm the model up on load."""
    from ..serving.warmup import write_warmup

    from ..serving.kernels import check

    requests = [(r, read_input(r)) for r in request]
    result = write_warmup(model, requests, count=count, model_name=model_name, tag_set=tag_set,
                          verify=not no_verify, kernels=check(kernels), timeout=timeout,
                          memory_limit=int(memory_limit * (1 << 30)) if memory_limit else None, signature=signature)
    for f in result.warnings:  # (the body's signature_name wins over --signature, as on TF Serving)
        sys.stderr.write(f"warning {f.code}: {f.subject}: {f.message}\n")
        if f.hint:
            sys.stderr.write(f"  fix: {f.hint}\n")
    if as_json:
        write_stdout(json.dumps(result.to_json(), indent=2) + "\n")
    had = f" (it had {plural(result.replaced_records, 'record')})" if result.replaced_records is not None else ""
    if not result.written:
        for f in result.findings:
            sys.stderr.write(f"error {f.code}: {f.subject}: {f.message}\n")
            if f.hint:
                sys.stderr.write(f"  fix: {f.hint}\n")
        kept = f"; the existing file is unchanged{had}" if result.replaced_records is not None else ""
        if result.ran:
            summary(f"nothing written: {plural(len(result.findings), 'request')} the model fails on{kept}")
        else:  # (the gate's lint: judged before anything ran)
            summary(f"nothing written: `sigcheck gate` would fail the version on "
                    f"{plural(len(result.findings), 'finding')} of these records{kept}")
        return 1
    verb = "replaced" if result.replaced else "wrote"
    ran = f"; each request ran through the model first, with {result.kernels}" if result.ran else \
        "; not run through the model (--no-verify)"
    summary(f"{verb} {result.path}{had}: {plural(result.records, 'PredictionLog record')} "
            f"({', '.join(sorted(set(result.signatures)))}), {result.size} bytes, verified by reading it back{ran}")
    if result.largest_batch and result.largest_batch > 1:
        summary(f"note: a record holds {result.largest_batch} instances; with TF Serving's batching (--enable_batching) "
                f"max_batch_size must be at least {result.largest_batch} or the version fails to load (`sigcheck gate "
                "--serving-config … --batching-parameters …` checks it)")
    return 0
