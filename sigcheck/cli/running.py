"""The options of every command that runs a model (predict, warmup, gate --predict), and how they make a server."""

from __future__ import annotations

import sys
from typing import Any

import typer

KERNELS_HELP = ("stock (default): TensorFlow's own CPU kernels, as TF Serving's stock builds run them; onednn: the "
                "oneDNN kernels of builds that enable them (and of TensorFlow's pip wheels on CPUs with AVX-512 "
                "VNNI / AMX). Set for the model's process whatever TF_ENABLE_ONEDNN_OPTS says")
TIMEOUT_HELP = "seconds one request may run before the model counts as hung (a finding, not a hang)"
MEMORY_HELP = "GiB the model's process may use before it is stopped (a finding) [default: half the machine's memory]"


def kernels_option() -> Any:
    return typer.Option("stock", "--kernels", help=KERNELS_HELP)


def timeout_option() -> Any:
    return typer.Option(60.0, "--timeout", help=TIMEOUT_HELP, min=0.1)


def memory_option() -> Any:
    return typer.Option(None, "--memory-limit", help=MEMORY_HELP, min=0.1)


def local_server(info: Any, *, kernels: str, timeout: float, memory_limit_gib: float | None, **kw: Any) -> Any:
    """A :class:`sigcheck.serving.LocalServer` for ``info`` with the options above (checked: InputError, exit 2)."""
    from ..serving.kernels import check
    from ..serving.predict import LocalServer

    check(kernels)
    memory = int(memory_limit_gib * (1 << 30)) if memory_limit_gib else None
    return LocalServer(info, kernels=kernels, timeout=timeout, memory_limit=memory, **kw)


class LoadingNotice:
    """"loading the model (importing TensorFlow) …" on a terminal while the model's process starts, then erased."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.shown = False

    def __call__(self, server: Any) -> None:
        if self.enabled and not server.loaded and not self.shown:
            sys.stderr.write("loading the model (importing TensorFlow) …")
            sys.stderr.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[2K")
            sys.stderr.flush()
            self.shown = False


def crash_lines(crash: Any) -> list[str]:
    """The human view of a :class:`sigcheck.serving.child.Crash`: what happened, what TF Serving does, the log."""
    lines = [f"the model crashed: {crash.message}", f"  on TF Serving: {crash.server_impact}"]
    if crash.log_tail:
        lines.append("  last lines TensorFlow printed:")
        lines += [f"    {line}" for line in crash.log_tail[-6:]]
    return lines
