"""The typer application.  Each command lives in its own module with a ``register(app)`` function."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

# One module per command (sigcheck/cli/<name>.py, each with register(app)); order = order in --help.
# name → the short help `sigcheck --help` lists (the command's docstring, kept here so that --help and every
# other command do not import all command modules; tests/cli/test_startup.py checks that the two agree).
COMMAND_MODULES = {
    "inspect": "Show a SavedModel's serving signatures (no TensorFlow needed).",
    "validate": "Would TF Serving / Vertex AI accept this request? Its exact answer, then the problems it does not "
                "catch.",
    "batch": "Check every record of a batch-prediction input against the model, as Vertex AI would send it.",
    "gate": "Check a model (and example requests) before deploying: exit 1 when the gate fails.",
    "diff": "Compare two models' serving signatures: compatible, additive or breaking.",
    "warmup": "Write assets.extra/tf_serving_warmup_requests so TF Serving / Vertex warm the model up on load.",
    "schema": "Write the JSON Schema (draft 2020-12) of a predict request for one signature.",
    "sample": "Write a sample predict request (JSON on stdout) that passes validate and the schema.",
    "export": "Train a Keras model on a CSV (or re-export a Keras model) as a SavedModel that serves on the first "
              "try.",
    "repair": "Repair a broken SavedModel export into a new version that serves, checked against the original's "
              "outputs.",
    "predict": "Answer a :predict, :classify or :regress request locally as TF Serving would (needs sigcheck\\[tf]).",
    "explain": "Explain a TF Serving / Vertex AI / gcloud error: what happened, why, and exactly what to change.",
}


def load_command(name: str) -> Any:
    """The click command of ``name``: imports sigcheck/cli/<name>.py and builds the command from its register()."""
    import importlib

    module = importlib.import_module(f"{__package__}.{name}")
    holder = typer.Typer()
    module.register(holder)
    (info,) = [c for c in holder.registered_commands if (c.name or name) == name]
    return typer.main.get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                            rich_markup_mode=app.rich_markup_mode)


class LazyGroup(TyperGroup):
    """The root command: a subcommand's module is imported only when that command runs.

    ``--help`` lists every command with its short help from :data:`COMMAND_MODULES` without importing any of them;
    ``sigcheck inspect …`` imports sigcheck/cli/inspect.py and nothing of the other commands (nor rich, which only
    the human views import).
    """

    _listing = False

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMAND_MODULES, *(n for n in self.commands if n not in COMMAND_MODULES)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            if self._listing:  # --help: the name and short help are enough
                return typer.core.TyperCommand(name=cmd_name, help=COMMAND_MODULES[cmd_name],
                                               rich_markup_mode=self.rich_markup_mode)
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            return super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            return super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except typer._click.exceptions.UsageError as exc:  # "Did you mean …?" over every command, loaded or not
            from difflib import get_close_matches

            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if self.suggest_commands and matches:
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise


app = typer.Typer(
    name="sigcheck",
    cls=LazyGroup,
    help="Catch TF Serving / Vertex AI signature and request problems before you deploy.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    common.flush_stdout()
    foreign = (piped_before and _is_devnull(1)) or type(sys.stdout).__name__ == "PacifyFlushWrapper"
    if code == 1 and foreign and not common.READER_GONE:
        # rich (typer's --help) and click turn a broken pipe outside our commands into exit 1 (after pointing
        # stdout at os.devnull, or wrapping it); what was being written there (help, --version) succeeded: 0.
        code = 0
    return code
