"""The typer application.  Each command lives in its own module with a ``register(app)`` function."""

from __future__ import annotations

import importlib
import os
import sys

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


def _is_devnull(fd: int) -> bool:
    try:
        here, null = os.fstat(fd), os.stat(os.devnull)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (null.st_dev, null.st_ino)


def run(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code.

    A reader that goes away (``sigcheck … | head``) is not an error: stdout is pointed at os.devnull
    (:func:`.common.reader_gone`), the command keeps its own exit code, and no BrokenPipeError traceback is printed
    when the interpreter flushes stdout on the way out.
    """
    from . import common

    piped_before = not _is_devnull(1)
    try:
        app(args=argv, prog_name="sigcheck", standalone_mode=True)
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else (exc.code if isinstance(exc.code, int) else 2)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        common.reader_gone()
    except (OSError, ValueError):
        pass
    foreign = (piped_before and _is_devnull(1)) or type(sys.stdout).__name__ == "PacifyFlushWrapper"
    if code == 1 and foreign and not common.READER_GONE:
        # rich (typer's --help) and click turn a broken pipe outside our commands into exit 1 (after pointing
        # stdout at os.devnull, or wrapping it); what was being written there (help, --version) succeeded: 0.
        code = 0
    return code
