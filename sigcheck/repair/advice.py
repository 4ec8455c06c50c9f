"""The ``sigcheck repair …`` command line that the gate's and inspect's hints give (TF-free)."""

from __future__ import annotations

import os
import shlex

from ..model.types import ModelInfo


def output_base(info: ModelInfo) -> str:
    """Where the repaired version should go: the model's own base path when sigcheck can tell it, else BASE_PATH."""
    source = info.source.rstrip("/")
    if info.version is not None and not os.path.basename(source).isdigit():
        return source  # a base path was given: the repair is its next version
    head, tail = source.rsplit("/", 1) if "/" in source else ("", source)
    if tail.isdigit() and head:
        return head
    return "BASE_PATH"


def repair_command(info: ModelInfo, *flags: str) -> str:
    """``sigcheck repair MODEL --output BASE [flags]`` for ``info``, quoted for a POSIX shell."""
    base = output_base(info)
    words = ["sigcheck", "repair", shlex.quote(info.source), "--output",
             base if base == "BASE_PATH" else shlex.quote(base)]
    return " ".join(words + [f for f in flags if f])
