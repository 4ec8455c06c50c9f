"""``sigcheck inspect MODEL``: a SavedModel's serving signatures, and the JSON contract with --json.

``inspect MODEL --json`` is what scripts and CI call most, so it also runs without typer: :func:`run_plain` parses
the plain forms of its command line (the options :func:`register` declares) and the typer application handles
everything else (``--help``, a usage error, an unusual spelling), so both roads give the same answer.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from .common import command, emit, guarded, stdout_console


def register(app: Any) -> None:
    import typer  # here, not at module level: `inspect --json` runs without typer (see run_plain)

    @command
    def inspect_command(
        model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path, gs:// URI or signature "
                                              "contract"),
        signature: Optional[str] = typer.Option(None, "--signature", "-s", help="show only this signature"),
        tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
        as_json: bool = typer.Option(False, "--json", help="print the sigcheck.signatures/v1 contract on stdout"),
        output: Optional[str] = typer.Option(None, "--output", "-o", help="write the contract (JSON) to this file"),
        no_color: bool = typer.Option(False, "--no-color", help="no colours in the human view"),
    ) -> int:
        """Show a SavedModel's serving signatures (no TensorFlow needed)."""
        return inspect_model(model, signature=signature, tag_set=tag_set, as_json=as_json, output=output,
                             no_color=no_color)

    app.command("inspect")(inspect_command)


def inspect_model(model: str, *, signature: Optional[str] = None, tag_set: str = "serve", as_json: bool = False,
                  output: Optional[str] = None, no_color: bool = False) -> int:
    """The command's body (both roads): the contract as JSON, or the human view with the at-a-glance findings."""
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


PLAIN_OPTIONS = {"--signature": "signature", "-s": "signature", "--tag-set": "tag_set", "--output": "output",
                 "-o": "output"}
"""The options of ``inspect`` that take a value, as :func:`register` declares them (a test keeps them equal)."""
PLAIN_FLAGS = {"--json": "as_json", "--no-color": "no_color"}
"""The flags of ``inspect``, as :func:`register` declares them."""


def parse_plain(argv: Sequence[str]) -> dict[str, Any] | None:
    """The keyword arguments of ``inspect ARGV`` when ARGV is a plain JSON request, else None.

    Plain: one MODEL that does not start with ``-``; each option at most once, spelled ``--opt VALUE``,
    ``--opt=VALUE`` or ``-s VALUE``; ``--json`` or ``--output``.  Anything else (``--help``, ``--``, a repeated or
    unknown option, a missing value, the human view) is left to the typer application.
    """
    kwargs: dict[str, Any] = {}
    model: str | None = None
    i = 0
    while i < len(argv):
        token = argv[i]
        i += 1
        name, eq, value = token.partition("=") if token.startswith("--") else (token, "", "")
        if name in PLAIN_FLAGS and not eq:
            key, value = PLAIN_FLAGS[name], True
        elif name in PLAIN_OPTIONS:
            if not eq:
                if i == len(argv) or argv[i].startswith("-"):
                    return None
                value, i = argv[i], i + 1
            key = PLAIN_OPTIONS[name]
        elif not token.startswith("-") and model is None:
            model = token
            continue
        else:
            return None
        if key in kwargs:
            return None
        kwargs[key] = value
    if model is None or not (kwargs.get("as_json") or kwargs.get("output")):
        return None
    return {"model": model, **kwargs}


def run_plain(argv: Sequence[str]) -> int | None:
    """Run ``inspect ARGV`` without typer when :func:`parse_plain` accepts it; None = not plain, nothing done."""
    kwargs = parse_plain(argv)
    if kwargs is None:
        return None

    def inspect_command(**kw: Any) -> int:  # the name the typer command has (guarded reads it for --json errors)
        return inspect_model(kw.pop("model"), **kw)

    return guarded(inspect_command, (), kwargs)
