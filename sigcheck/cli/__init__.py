"""The command line: a thin typer shell over the library.  The only package that imports typer."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``sigcheck`` console script; returns the exit code."""
    from .app import run

    return run(argv)
