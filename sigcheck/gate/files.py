"""Gate rules about the model folder's files: its size against the target's limit, and a complete ``variables/``."""

from __future__ import annotations

import re
from typing import Iterator, Mapping

from ..diagnostics import Diagnostic, Severity
from ..model.graph import uses_variables
from .rules import GateContext, SkipRule, rule

MB = 1024 * 1024
GB = 1024 * MB

SIZE_LIMITS: dict[str, tuple[int, str]] = {
    "ai-platform": (500 * MB, "legacy AI Platform Prediction on mls1 machine types"),
    "vertex": (10 * GB, "Vertex AI model upload"),
}
"""target → (limit in bytes, what imposes it).  TF Serving has no limit of its own."""

VARIABLES_INDEX = "variables/variables.index"
_SHARD = re.compile(r"^variables/variables\.data-(\d+)-of-(\d+)$")


def human_size(n: int) -> str:
    for unit, size in (("GB", GB), ("MB", MB), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{n} bytes"


@rule("files.model_size", "the model folder fits the target's size limit (ai-platform 500 MB, vertex 10 GB)",
      needs_files=True)
def model_size(ctx: GateContext) -> Iterator[Diagnostic]:
    override = ctx.options.get("size_limit")
    if override:
        limit, what = int(override), "the --size-limit given"  # type: ignore[call-overload]
    elif ctx.target in SIZE_LIMITS:
        limit, what = SIZE_LIMITS[ctx.target]
    else:
        raise SkipRule(f"target {ctx.target} has no model size limit")
    total = sum(ctx.info.files.values())
    if total > limit:
        largest = sorted(ctx.info.files.items(), key=lambda kv: -kv[1])[:3]
        yield Diagnostic(
            code="files.model_too_large",
            category="model_too_large",
            severity=Severity.ERROR,
            message=f"the model folder holds {human_size(total)}, over the {human_size(limit)} limit of {what} "
            f"(largest: {', '.join(f'{p} {human_size(s)}' for p, s in largest)})",
            path="$.files",
            expected=f"at most {human_size(limit)}",
            received=human_size(total),
            hint="shrink the export (drop optimizer slots and training-only assets, quantize), or deploy to a "
            "target with a larger limit (Vertex AI, a custom container)",
            subject=ctx.info.source,
        )


WARMUP_FILE = "assets.extra/tf_serving_warmup_requests"


@rule("files.warmup", "the model's own warm-up file (assets.extra/tf_serving_warmup_requests) is one TF Serving can "
      "replay when the version loads (with --predict, each record runs through the model)", needs_files=True)
def warmup_file(ctx: GateContext) -> Iterator[Diagnostic]:
    """TF Serving replays the file on load and a failing record fails the load: the same lint as
    ``gate --serving-config`` (:func:`sigcheck.serving_config.warmup_lint.check_warmup`)."""
    if WARMUP_FILE not in ctx.info.files:
        raise SkipRule(f"the model has no {WARMUP_FILE}")
    from ..serving_config.warmup_lint import check_warmup

    label = f"version {ctx.info.version}" if ctx.info.version is not None else "the model"
    yield from check_warmup(ctx.info, label, predictor=ctx.options.get("predictor"))  # type: ignore[arg-type]


def missing_variable_files(files: Mapping[str, int]) -> list[str]:
    """What is missing from ``variables/``: the index, zero-byte index, or data shards of an ``-of-N`` set."""
    problems: list[str] = []
    if VARIABLES_INDEX not in files:
        problems.append(VARIABLES_INDEX)
    elif files[VARIABLES_INDEX] == 0:
        problems.append(f"{VARIABLES_INDEX} (empty)")
    shards: dict[int, set[int]] = {}
    for path in files:
        m = _SHARD.match(path)
        if m:
            shards.setdefault(int(m.group(2)), set()).add(int(m.group(1)))
    if not shards:
        problems.append("variables/variables.data-00000-of-00001")
    for total, present in sorted(shards.items()):
        for i in range(total):
            if i not in present:
                problems.append(f"variables/variables.data-{i:05d}-of-{total:05d}")
    return problems


@rule("files.variables", "a graph with variables ships a complete variables/ folder (index and every data shard)",
      needs_graph=True, needs_files=True)
def variables_complete(ctx: GateContext) -> Iterator[Diagnostic]:
    if not uses_variables(ctx.info):
        return  # constants only (e.g. TF Serving's matrix_half_plus_two): nothing to restore
    from .versions import version_note

    files = ctx.info.files
    has_dir = any(p.startswith("variables/") for p in files)
    missing = missing_variable_files(files)
    if not missing:
        yield from _short_shards(ctx)
        return
    # TensorFlow's loader restores only when variables.index exists: without it the version loads without its
    # weights (every request fails); with it, a missing shard fails the restore, so the load fails
    restores = VARIABLES_INDEX in files and files[VARIABLES_INDEX] > 0
    yield Diagnostic(
        code="files.variables_not_restored",
        category="variables_not_restored",
        severity=Severity.ERROR,
        message=("the graph has variables but the model folder has no variables/ folder"
                 if not has_dir else "variables/ is incomplete: missing " + ", ".join(missing))
        + (": TensorFlow's restore fails, so loading the model fails" + version_note(ctx.info) if restores else
           ": the server loads the graph without its weights and every request fails"
           + version_note(ctx.info, loads=True)),
        path="$.files.variables",
        expected="variables/variables.index and every variables.data-*-of-N shard",
        received="no variables/ folder" if not has_dir else "missing " + ", ".join(missing),
        upstream="The specified SavedModel has no variables; no checkpoints were restored."
        if not has_dir else None,
        hint="copy the whole SavedModel folder (write it elsewhere, then rename it into the base path so the "
        "server never sees a partial copy), or re-export it",
        subject=ctx.info.source,
    )


def _short_shards(ctx: GateContext) -> Iterator[Diagnostic]:
    """Data shards shorter than ``variables.index`` says (a copy cut short): TensorFlow's restore reads past their
    end, so loading the version fails.  The index is read without TensorFlow (:mod:`sigcheck.model.bundle`)."""
    from .. import storage
    from ..errors import StorageError
    from ..model.bundle import BundleIndexError, read_bundle_index, short_shards
    from .versions import version_note

    if not ctx.info.model_dir:
        return
    try:
        index = read_bundle_index(storage.read_bytes(storage.join(ctx.info.model_dir, VARIABLES_INDEX)))
    except BundleIndexError as exc:
        yield Diagnostic(
            code="files.variables_not_restored", category="variables_not_restored", severity=Severity.ERROR,
            message=f"{VARIABLES_INDEX} cannot be read ({exc}): TensorFlow's restore fails, so loading the model "
                    "fails" + version_note(ctx.info),
            path="$.files.variables", expected="a complete variables.index", received=str(exc),
            hint="copy the whole SavedModel folder again (write it elsewhere, then rename it into the base path), "
                 "or re-export it", subject=ctx.info.source)
        return
    except StorageError:
        return  # (unreadable: the storage error is not the gate's finding; the load would say it)
    for name, size, needed in short_shards(index, dict(ctx.info.files)):
        yield Diagnostic(
            code="files.variables_not_restored", category="variables_not_restored", severity=Severity.ERROR,
            message=f"{name} is cut short: {size} bytes, but variables.index places variables up to byte {needed}: "
                    "TensorFlow's restore reads past its end, so loading the model fails" + version_note(ctx.info),
            path="$.files.variables", expected=f"{name} of at least {needed} bytes", received=f"{size} bytes",
            hint="copy the whole SavedModel folder again (write it elsewhere, then rename it into the base path so "
                 "the server never sees a partial copy), or re-export it", subject=ctx.info.source)
