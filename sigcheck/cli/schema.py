"""``sigcheck schema MODEL``: the JSON Schema of a signature's predict request (or its OpenAPI instance schema)."""

from __future__ import annotations

from typing import Optional

import typer

from .common import command, emit


def register(app: typer.Typer) -> None:
    app.command("schema")(schema_command)


@command
def schema_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path, gs:// URI or signature contract"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="signature key \\[default: serving_default]"),
    target: str = typer.Option("tf-serving", "--target", help="tf-serving (instances or inputs) or vertex (instances)"),
    openapi: bool = typer.Option(False, "--openapi", help="one instance as an OpenAPI 3.0 schema object "
                                 "(Vertex AI instance_schema_uri)"),
    lenient: bool = typer.Option(False, "--lenient", help="mirror TF Serving's JSON layer (declared shapes and "
                                 "unknown keys ignored) instead of the declared contract"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the schema to this file (atomic)"),
) -> int:
    """Write the JSON Schema (draft 2020-12) of a predict request for one signature."""
    from ..errors import InputError
    from ..model import read_model
    from ..schema import check_target, dumps_schema, instance_schema, request_schema, select_signature
    from .reporting import warn_if_blocked

    if target not in ("tf-serving", "vertex"):
        raise InputError(f"--target {target!r}: expected tf-serving or vertex")
    info = read_model(model, tag_set=tag_set)
    sig = select_signature(info, signature)
    check_target(sig, target)  # the rule sample and validate apply: Vertex AI calls serving_default only
    from ..model.feeds import example_specs

    examples = example_specs(info, sig.key)  # (an input a ParseExample op reads: base64 serialized tf.Examples)
    if openapi:
        doc = instance_schema(sig, strict=not lenient, examples=examples)
    else:
        doc = request_schema(sig, strict=not lenient, target=target, examples=examples)
    emit(dumps_schema(doc), output)
    warn_if_blocked(info, sig.key)
    return 0
