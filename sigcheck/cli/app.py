"""The typer application.  Each command lives in its own module with a ``register(app)`` function."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="sigcheck",
    help="Catch TF Serving / Vertex AI signature and request problems before you deploy.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# One module per command (sigcheck/cli/<name>.py, each with register(app)); order = order in --help.
COMMAND_MODULES = [
    "inspect",
    "validate",
    "gate",
    "diff",
    "warmup",
    "schema",
    "sample",
    "export",
    "predict",
    "explain",
]


def _version_callback(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"sigcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="show the version and exit", callback=_version_callback,
                                 is_eager=True),
) -> None:
    """sigcheck: check SavedModel signatures and requests before deploying to TF Serving / Vertex AI."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}").register(app)


def run(argv: list[str] | None = None) -> int:
    try:
        app(args=argv, prog_name="sigcheck", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        return code if isinstance(code, int) else 2
    return 0
