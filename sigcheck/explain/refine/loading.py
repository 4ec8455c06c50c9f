"""Refiners of loading readings: runtime versions, variables, tables, size, memory, encoded images, model layout."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ...codec.dtypes import dtype as dtype_entry
from ...codec.shapes import dense_shape
from ..diagnosis import Diagnosis, make_diagnosis
from ..evidence import format_shape

if TYPE_CHECKING:
    from ...model.types import ModelInfo, Signature, TensorSpec
    from ..catalogue import Catalogue

from .base import *  # noqa: F403
from .base import __all__ as _base_names  # noqa: F401

@refiner("runtime_version_mismatch")
def _runtime(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None:
        return
    op = d.evidence.get("op")
    custom = d.variant == "custom_op"
    if info.tensorflow_version:
        version = info.tensorflow_version
        major_minor = ".".join(version.split(".")[:2])
        from ..causes import version_of_a_file

        if custom:
            note(d, f"written by TensorFlow {version}: the op library must be its build for TensorFlow "
                    f"{major_minor}")
        elif version_of_a_file(ctx.text, d) is not None:
            # the text's own reading (a loader given a format it does not read, a checkpoint's names) is no runtime
            # too old for the model: its step stays first
            note(d, f"written by TensorFlow {version}")
        else:
            lead(d, f"This model was written by TensorFlow {version}: serve it with TensorFlow Serving / a "
                    f"runtime {major_minor} or newer (e.g. tensorflow/serving:{major_minor}.0{_vertex(major_minor)}).")
            note(d, f"written by TensorFlow {version}")
    if not (isinstance(op, str) and info.meta_graph is not None):
        return
    ops = ctx.ops()
    where = ops.get(op)
    if where:
        confirm(d, f"the graph uses {op} ({len(where)} node{'s' if len(where) > 1 else ''}, e.g. {where[0]})", 0.05)
    else:
        note(d, f"the model you gave does not use {op}: the error came from another export")
    from ..facts import stock_ops

    stock = stock_ops()
    if stock is not None:
        outside = sorted(o for o in ops if o not in stock[1] and o != op)
        if outside:
            note(d, f"other ops of this graph outside stock TensorFlow {stock[0]}: {', '.join(outside[:8])}"
                    f"{' …' if len(outside) > 8 else ''}")


def _vertex(major_minor: str) -> str:
    """The Vertex AI prebuilt container that runs TensorFlow ``major_minor`` or newer (sigcheck's table of them), or
    that none it knows does."""
    from ...runtime.names import vertex_containers
    from ...runtime.registry import version_key

    fit = [c for c in vertex_containers() if c.accelerator == "cpu"
           and version_key(c.tensorflow)[:2] >= version_key(major_minor)[:2]]
    if fit:
        return f", or the Vertex AI prebuilt container {fit[-1].name}"
    newest = next((c for c in vertex_containers() if c.accelerator == "cpu"), None)
    return (f"; no Vertex AI prebuilt TensorFlow container sigcheck knows runs it (the newest, {newest.name}, runs "
            f"{newest.tensorflow}): on Vertex AI, a custom container with that TF Serving image" if newest else "")


@refiner("variables_not_restored")
def _variables(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None or info.kind != "saved_model":
        return
    files = info.files or {}
    has_index = any(f.endswith("variables/variables.index") for f in files)
    has_data = any("variables/variables.data-" in f for f in files)
    from ...model.graph import uses_variables

    needs = uses_variables(info)
    if not (has_index and has_data):
        if needs is False:
            note(d, "the model has no variables/ files, and its graph needs none")
        else:
            confirm(d, f"the model you gave lacks {'variables/variables.index' if not has_index else 'variables.data-*'}")
    else:
        size = sum(v for f, v in files.items() if "variables/" in f)
        note(d, f"variables/ is complete in the copy you gave ({size} bytes): the server loaded a partial copy, or "
                "the export does not track the variables the signature reads")


@refiner("initializer_missing_in_export")
def _tables(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None or ctx.info.meta_graph is None:
        return
    tables = sorted(op for op in ctx.ops() if op in _TABLE_OPS)
    assets = [f for f in (ctx.info.files or {}) if f.startswith("assets/") or "/assets/" in f]
    if tables:
        confirm(d, f"the graph has lookup tables ({', '.join(tables)})" + (f"; assets: {', '.join(assets)}" if assets
                                                                             else "; no assets/ files"), 0.05)
    else:
        refute(d, "the model you gave has no lookup tables", 0.2)


@refiner("model_too_large")
def _size(d: Diagnosis, ctx: Context) -> None:
    if d.variant == "oom":
        _oom(d, ctx)
        return
    if ctx.info is None or not ctx.info.files:
        return
    total = sum(ctx.info.files.values())
    limit = d.evidence.get("limit_bytes")
    text = f"the model's files total {total:,} bytes ({total / 2**20:.1f} MiB)"
    if isinstance(limit, int):
        (confirm if total > limit else note)(d, text + f" against the limit of {limit:,}")
    else:
        note(d, text)


def _oom(d: Diagnosis, ctx: Context) -> None:
    """Out of memory at serving time: the request's batch against the failing tensor, the model's files for scale."""
    from ..facts import size_text

    batch = d.evidence.get("batch")
    req = ctx.request
    if req is not None and req.instances:
        n = req.instances
        if isinstance(batch, int) and n == batch:
            confirm(d, f"your request sends {n} instances: the failing tensor's leading {batch} is its batch", 0.1)
        elif isinstance(batch, int) and n < batch:
            note(d, f"your request sends {n} instance{'s' if n != 1 else ''}, fewer than the failing tensor's leading "
                    f"{batch}: server-side batching merged requests (lower max_batch_size), or a bigger request "
                    "failed")
        else:
            note(d, f"your request sends {n} instance{'s' if n != 1 else ''}")
    if ctx.info is not None and ctx.info.files:
        total = sum(ctx.info.files.values())
        note(d, f"the model's files total {size_text(total)}")


@refiner("encoded_image_string_mismatch")
def _encoded(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    kinds = ", ".join(f"{n} {tf_dtype(s.dtype)} {spec_shape(s)}" for n, s in sorted(sig.inputs.items()))
    note(d, f"signature {ctx.signature_key} inputs: {kinds}")


@refiner("model_base_path_layout", "savedmodel_not_found", "savedmodel_tags")
def _layout(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None or info.kind != "saved_model":
        return
    if info.versions:
        note(d, f"the path you gave is a base path with version{'s' if len(info.versions) > 1 else ''} "
                f"{', '.join(map(str, info.versions))}; version {info.version} holds saved_model.pb")
    else:
        note(d, f"the path you gave is a SavedModel folder ({info.model_dir}); TF Serving's --model_base_path must be "
                "its parent, with the folder renamed to an integer")
    if d.category == "savedmodel_tags":
        note(d, f"it has the tag-set {','.join(info.tags)}: the server looked at another folder (check the mount)")


# --------------------------------------------------------------------------------------- request-only refiners

__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]
