"""Writing a findings report from a command: ``--format``/``--json``/``SIGCHECK_FORMAT``, ``-o``, the stderr summary.

Machine formats go to stdout (or ``-o FILE``, written atomically) byte-exact; text goes through rich (colour on a
terminal only).  Formats that are not always emitted (text) write nothing when there is nothing to report.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from .common import emit, stdout_console

FORMAT_ENV = "SIGCHECK_FORMAT"


def resolve_format(fmt: str | None, as_json: bool, configured: str | None = None,
                   configured_in: str | None = None) -> str:
    """``--json`` > ``--format`` > ``SIGCHECK_FORMAT`` > the configured format (read from ``configured_in``) >
    ``text``; validated: an unknown name from the environment or the configuration says where it came from (no
    --format was given)."""
    from ..errors import InputError
    from ..report import get_format

    env = os.environ.get(FORMAT_ENV)
    name = "json" if as_json else (fmt or env or configured or "text")
    try:
        get_format(name)  # InputError naming the choices
    except InputError as exc:
        if as_json or fmt:
            raise
        if env:
            where, hint = (f"the environment variable {FORMAT_ENV}={env!r} (no --format was given)",
                           f"unset {FORMAT_ENV}, or set it to one of the formats listed")
        else:
            where, hint = (f"the configuration's format (in {configured_in or 'the sigcheck configuration'}; no "
                           f"--format or {FORMAT_ENV} was given)", "fix or remove it, or pass --format")
        raise InputError(f"{exc.message}; it came from {where}",
                         hint=hint) from None
    return name.strip().lower()


def write_report(result: Any, fmt: str, output: str | None, *, no_color: bool = False,
                 verbose: bool = False) -> None:
    """The report in ``fmt``; text only when it has something to say (``verbose`` adds a gate's skipped checks)."""
    from ..report import get_format, view
    from ..report.text import has_content

    v = view(result)
    module = get_format(fmt)
    if not module.ALWAYS_EMIT and not has_content(v, verbose=verbose):
        return
    if fmt != "text":
        emit(module.render(v), output)
    elif output and output != "-":
        emit(module.render(v, verbose=verbose), output)
    else:
        module.print_report(stdout_console(no_color), v, verbose=verbose)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def severity_counts(findings: Any) -> str:
    counts: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    for d in findings:
        counts[d.severity.value] += 1
    parts = [plural(n, k) for k, n in counts.items() if n]
    return ", ".join(parts) if parts else "no findings"


def summary(line: str) -> None:
    sys.stderr.write(line + "\n")


def warn_if_blocked(info: Any, signature: str) -> None:
    """``warning: no request can succeed …`` on stderr when the model cannot answer ``signature`` whatever the
    request (:mod:`sigcheck.gate.blockers`): what ``sample`` and ``schema`` write is right, the model is not."""
    from ..gate.blockers import model_blockers, summary

    found = model_blockers(info, signature)
    if found:
        sys.stderr.write(f"warning: {summary(found)}\n")
