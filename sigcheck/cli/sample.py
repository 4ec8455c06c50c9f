"""``sigcheck sample MODEL``: a deterministic predict request that validates, for one signature."""

from __future__ import annotations

import sys
from typing import List, Optional

import typer

from .common import command, emit


def register(app: typer.Typer) -> None:
    app.command("sample")(sample_command)


@command
def sample_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path, gs:// URI or signature contract"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="signature key \\[default: serving_default]"),
    batch: Optional[int] = typer.Option(None, "--batch", "-b", help="instances \\[default: 1, or the fixed batch size]"),
    seed: int = typer.Option(0, "--seed", help="random seed: same seed, same bytes"),
    dim: List[str] = typer.Option([], "--dim", help="size of an unknown dimension, NAME=AXIS:SIZE (repeatable)"),
    shape: List[str] = typer.Option([], "--shape", help="whole shape of an input, NAME=D0,D1,... (for unknown rank)"),
    jsonl: bool = typer.Option(False, "--jsonl", help="one instance per line (gcloud --json-instances)"),
    columnar: bool = typer.Option(False, "--columnar", help="columnar form (\"inputs\") instead of \"instances\""),
    target: Optional[str] = typer.Option(None, "--target", help="tf-serving or vertex \\[default: tf-serving]"),
    max_size: bool = typer.Option(False, "--max-size", help="largest batch under Vertex AI's 1.5 MB online limit "
                                  "(implies --target vertex)"),
    image: str = typer.Option("auto", "--image", help="image for _bytes inputs: auto, png or jpeg"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the request to this file (atomic)"),
) -> int:
    """Write a sample predict request (JSON on stdout) that passes validate and the schema."""
    from ..errors import InputError
    from ..model import read_model
    from ..schema import VERTEX_MAX_BYTES, model_sample, parse_dim, parse_shape, select_signature
    from .reporting import warn_if_blocked

    if max_size and batch is not None:
        raise InputError("--batch and --max-size both choose the batch size", hint="drop one of them")
    if max_size and target not in (None, "vertex"):
        raise InputError(f"--max-size uses Vertex AI's 1.5 MB online limit, not {target}'s",
                         hint="use --target vertex, or drop --max-size")
    target = target or ("vertex" if max_size else "tf-serving")
    dims = dict(parse_dim(d) for d in dim)
    shapes = dict(parse_shape(s) for s in shape)

    info = read_model(model, tag_set=tag_set)
    sig = select_signature(info, signature)
    sample = model_sample(info, sig.key, batch=None if max_size else batch, seed=seed, jsonl=jsonl, target=target,
                          dims=dims, shapes=shapes, layout="columnar" if columnar else None, image=image,
                          size_limit=VERTEX_MAX_BYTES if max_size else None)
    for note in sample.notes:
        sys.stderr.write(f"note: {note}\n")
    warn_if_blocked(info, sig.key)
    emit(sample.body.decode("utf-8"), output)
    return 0

