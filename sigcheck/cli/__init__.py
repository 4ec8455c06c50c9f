"""The command line: a thin typer shell over the library.  The only package that imports typer."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``sigcheck`` console script; returns the exit code.

    ``inspect MODEL --json`` (the contract, what CI scripts call) is answered without importing typer when its
    command line is plain (:func:`.inspect.run_plain`): typer costs more than reading the model.  Every other
    command line goes through the typer application, which imports only the module of the command that runs.
    """
    import sys

    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["inspect"]:
        from . import common
        from .inspect import run_plain

        code = run_plain(args[1:])
        if code is not None:
            common.flush_stdout()
            return code
    from .app import run

    return run(argv)
