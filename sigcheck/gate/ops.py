"""Gate rules about the ops in the graph: file/system access, ops no stock TensorFlow has, and the serving runtime.

``op.unsafe`` reports exactly what ``sigcheck predict`` refuses to run (:mod:`sigcheck.model.safety`, one scan over
one op table, :mod:`sigcheck.model.ops`), less the ops allowed with ``--allow-op``.

Which ops stock TensorFlow registers, and which attrs and values each release allows, is data: the op registries
of :mod:`sigcheck.runtime` (generated from the real wheels by ``scripts/op_registry.py``), so these rules never
import TensorFlow.  ``op.runtime_version`` gives the registry-based verdict of :mod:`sigcheck.runtime.compat` for
``--runtime`` (or, with ``--target vertex``, the newest Vertex AI prebuilt TensorFlow container).
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Iterator

from ..diagnostics import Diagnostic, Severity, quoted
from ..model.graph import graph_ops
from ..model.ops import ops_of_kind
from ..model.safety import UNKNOWN_FIELD, UnsafeOp, scan_meta_graph
from ..runtime.compat import CUSTOM_OP, LOAD, MISSING_OP, NEVER, REQUEST, TYPE_ATTR, Incompatibility, check_runtime, scopes_of
from ..runtime.names import Runtime, newest_vertex, resolve_runtime, vertex_containers
from ..runtime.registry import stock_ops, version_key, versions
from .rules import GateContext, SkipRule, rule

PYTHON_OPS = ops_of_kind("python")
"""Ops whose kernel runs Python: a model server has no Python interpreter, so the graph does not load there."""


def _allowed(ctx: GateContext) -> frozenset[str]:
    return frozenset(ctx.options.get("allow_ops", ()) or ())  # type: ignore[arg-type]


def _locations(locs: list[str], limit: int = 3) -> str:
    shown = ", ".join(locs[:limit])
    return shown + (f" and {len(locs) - limit} more" if len(locs) > limit else "")


@rule("op.unsafe", "the model runs only ops known to compute when it loads or serves (no file or system access, "
      "py_func, sleeps, waits or unknown ops: sigcheck's op allow-list), unless allowed", needs_graph=True)
def unsafe_ops(ctx: GateContext) -> Iterator[Diagnostic]:
    allowed = _allowed(ctx)
    found: dict[str, list[UnsafeOp]] = {}
    for hit in scan_meta_graph(ctx.info.meta_graph):
        if hit.op not in allowed:
            found.setdefault(hit.op, []).append(hit)
    for op, hits in sorted(found.items()):
        sigs = sorted({s for h in hits for s in h.signatures})
        locs = sorted({h.location for h in hits})
        what = "; ".join(sorted({h.reason for h in hits}))
        if sigs:
            names = ", ".join(repr(s) for s in sigs)
            runs = f"signatures {names} run {op}" if len(sigs) > 1 else f"signature {names} runs {op}"
            if any(h.when == "load" for h in hits):
                runs += ", also when the model loads"
        else:
            runs = f"loading the model (its restore or init op) runs {op}"
        yield Diagnostic(
            code="op.unsafe",
            severity=Severity.ERROR,
            message=f"{runs}, which {what} on the serving machine (at {_locations(locs)})",
            path=f"$.ops.{op}",
            expected="only ops known to compute on the serving path (sigcheck's op allow-list)",
            received=op,
            hint=("the saved_model.pb holds a field sigcheck's protobuf messages do not declare where it decides what "
                  "runs (a newer TensorFlow's, or a crafted one): re-export it with a TensorFlow sigcheck knows "
                  "(2.12-2.21), or check what writes that field" if op == UNKNOWN_FIELD else
                  f"load data at export time (constants, assets tracked by the SavedModel) instead of {op} in the "
                  f"serving function, or allow it on purpose with --allow-op {op}"),
            subject=ctx.info.source,
        )


@rule("op.unregistered", "every op is registered in stock TensorFlow (custom ops need a custom container)",
      needs_graph=True)
def unregistered_ops(ctx: GateContext) -> Iterator[Diagnostic]:
    version, known = stock_ops()
    recorded = versions()
    span = f"{recorded[0]} … {recorded[-1]}"
    scopes = scopes_of(ctx.info)
    allowed = _allowed(ctx)
    for op, locs in graph_ops(ctx.info).items():
        if op in allowed:
            continue
        if op in PYTHON_OPS:
            yield Diagnostic(
                code="op.python_function",
                severity=Severity.ERROR,
                message=f"the graph uses {op} (tf.py_function / tf.numpy_function) at {_locations(locs)}: its "
                "Python code is not saved in the SavedModel, and model servers cannot run it",
                path=f"$.ops.{op}",
                received=op,
                upstream=f"Op type not registered '{op}' in binary",
                hint="rewrite the Python function with TensorFlow ops before export, or serve from a custom "
                "container that runs the Python code",
                subject=ctx.info.source,
            )
        elif op not in known:
            when, sigs = _custom_when(scopes, locs)
            runs = {LOAD: "a runtime without it fails to load the model",
                    REQUEST: f"a runtime without it fails every request to {_sigs(sigs)}",
                    NEVER: "nothing runs it (no signature, restore or init op reaches it), so it is harmless"}[when]
            yield Diagnostic(
                code="op.unregistered",
                category="runtime_version_mismatch",
                severity=Severity.INFO if when == NEVER else Severity.ERROR,
                message=f"op {quoted(op)} (at {_locations(locs)}) is in no stock TensorFlow ({span}): it comes from "
                f"another library (TensorFlow Text, Decision Forests, Addons, a custom .so …); {runs}",
                path=f"$.ops.{op}",
                expected=f"an op of stock TensorFlow {version}",
                received=op,
                upstream=f"Op type not registered '{op}' in binary running on …",
                hint=f"serve from a runtime that links the library defining {quoted(op)} (a custom container; TF "
                "Serving's own model server build links TensorFlow Text and Decision Forests ops), or re-export "
                "without it" if when != NEVER else
                f"nothing to do; or remove the unused function that holds {op}",
                subject=ctx.info.source,
            )


def _custom_when(scopes: Any, locations: list[str]) -> tuple[str, tuple[str, ...]]:
    """When a runtime without the op fails: the earliest of its locations (``stripped_op_list`` is no node)."""
    best: tuple[str, tuple[str, ...]] = (NEVER, ())
    rank = {LOAD: 0, REQUEST: 1, NEVER: 2}
    for loc in locations:
        if loc == "stripped_op_list" or scopes is None:
            continue
        fn, sep, _ = loc.partition(":")
        when = scopes.when_instantiated(fn if sep else None)
        if rank[when[0]] < rank[best[0]]:
            best = when
        elif when[0] == best[0]:
            best = (best[0], tuple(sorted(set(best[1]) | set(when[1]))))
    return best


def parse_runtime(text: str) -> Runtime:
    """The runtime ``--runtime`` names (:func:`sigcheck.runtime.resolve_runtime`; InputError listing the known)."""
    return resolve_runtime(text)


def _where(location: str) -> str:
    fn, sep, node = location.partition(":")
    return f'node "{node}" in function "{fn}"' if sep else f'node "{location}" in the main graph'


def _places(locations: tuple[str, ...], limit: int = 2) -> str:
    shown = "; ".join(_where(loc) for loc in locations[:limit])
    return shown + (f" and {len(locations) - limit} more" if len(locations) > limit else "")


def _sigs(signatures: tuple[str, ...]) -> str:
    names = ", ".join(quoted(s) for s in signatures)
    return f"signature {names}" if len(signatures) == 1 else f"signatures {names}"


def _when(p: Incompatibility) -> str:
    if p.when == LOAD:
        return "fails to load the model"
    return f"loads the model, but every request to {_sigs(p.signatures)} fails"


def _newer_runtime(first: str | None, rt: Runtime) -> str:
    """How to get a runtime that has it: the Vertex container if one is new enough, else TF Serving."""
    if first is None:
        return ""
    vertex = [c for c in vertex_containers() if c.accelerator == "cpu" and version_key(c.tensorflow) >= version_key(first)]
    if rt.kind == "vertex" or rt.default_for_target:
        if vertex:
            return f"deploy with the Vertex AI prebuilt container {vertex[-1].name} or newer"
        return (f"no Vertex AI prebuilt TensorFlow container has TensorFlow {first} yet: deploy a custom container "
                f"(e.g. tensorflow/serving:{first}.0 or newer)")
    return f"serve with TensorFlow {first} or newer (e.g. tensorflow/serving:{first}.0)"


def _runtime_diagnostic(p: Incompatibility, rt: Runtime, info: Any) -> Diagnostic:
    tf = rt.tensorflow
    code = {LOAD: "op.runtime_load", REQUEST: "op.runtime_request"}.get(p.when, "op.runtime_unused")
    severity = Severity.INFO if p.when == NEVER else Severity.ERROR
    newer = _newer_runtime(p.first_version, rt)
    if p.kind == MISSING_OP:
        what = (f"op {quoted(p.op)} is not registered in TensorFlow {tf} (stock TensorFlow has it since "
                f"{p.first_version})")
        expected, received = f"ops TensorFlow {tf} registers", p.op
        fix = f"{newer}, or re-export without {p.op} (with TensorFlow {tf}, or using other ops)"
    elif p.kind == TYPE_ATTR:
        what = (f"{p.op}'s type attr {quoted(p.attr or '')} = {p.value} is unknown to TensorFlow {tf} (added in "
                f"{p.first_version}): it drops the attr and its type check fails")
        expected, received = f"{p.op} without attr {p.attr} (TensorFlow {tf})", f"{p.attr}={p.value}"
        fix = f"{newer}, or re-export so that {p.op} keeps its default {p.attr}"
    else:
        what = (f"{p.op}'s attr {quoted(p.attr or '')} = {p.value} is not allowed in TensorFlow {tf} (allowed "
                f"since {p.first_version})")
        expected, received = f"a value TensorFlow {tf} allows for {p.op}.{p.attr}", f"{p.attr}={p.value}"
        fix = f"{newer}, or re-export with a {p.attr} that TensorFlow {tf} allows"
    return Diagnostic(
        code=code,
        category="runtime_version_mismatch",
        severity=severity,
        message=(f"{rt.describe()} {_when(p)}: {what}, at {_places(p.locations)}" if p.when != NEVER else
                 f"{what}, at {_places(p.locations)}; nothing runs that function (no signature, restore or init op "
                 f"reaches it), so {rt.describe()} loads and serves the model anyway"),
        path=f"$.ops.{p.op}" + (f".{p.attr}" if p.attr else ""),
        expected=expected,
        received=received,
        upstream=p.upstream,
        hint=fix if severity is Severity.ERROR else f"nothing to do; or remove the unused function that holds {p.op}",
        subject=info.source,
    )


def _runtime_of(ctx: GateContext) -> Runtime:
    runtime = ctx.options.get("runtime")
    if runtime:
        return runtime if isinstance(runtime, Runtime) else resolve_runtime(str(runtime))
    if ctx.target == "vertex":
        return newest_vertex()
    raise SkipRule("no --runtime given (and --target is not vertex)")


@rule("op.runtime_version", "the model loads and serves on the serving runtime (--runtime; with --target vertex, "
      "the newest Vertex AI prebuilt TensorFlow container): its ops, attrs and GraphDef version exist there",
      needs_graph=True)
def runtime_version(ctx: GateContext) -> Iterator[Diagnostic]:
    rt = _runtime_of(ctx)
    info = ctx.info
    verdict = check_runtime(info, rt)
    today = datetime.date.today()
    if rt.container is not None and not rt.container.available(today):
        yield Diagnostic(
            code="op.runtime_retired",
            severity=Severity.WARNING,
            message=f"{rt.describe()} is {rt.container.status(today)}",
            path="$.runtime",
            received=rt.container.name,
            hint=f"deploy with {newest_vertex(today).text} or a newer runtime",
            subject=info.source,
        )
    if verdict.graph_def_refusal is not None:
        why, upstream = verdict.graph_def_refusal
        v = info.meta_graph.graph_def.versions
        yield Diagnostic(
            code="op.runtime_version",
            category="runtime_version_mismatch",
            severity=Severity.ERROR,
            message=f"{rt.describe()} refuses to load this model: {why}",
            path="$.graph_def.versions",
            expected=f"a GraphDef that TensorFlow {rt.tensorflow} accepts",
            received=f"producer {v.producer}, min consumer {v.min_consumer}",
            upstream=upstream,
            hint=_runtime_hint(model_tf_version(info.tensorflow_version), rt),
            subject=info.source,
        )
    stock_problems = [p for p in verdict.problems if p.kind != CUSTOM_OP]
    for p in stock_problems:
        yield _runtime_diagnostic(p, rt, info)
    python = sorted(set(verdict.ops) & PYTHON_OPS)  # registered in the pip wheel, never in a model server
    if verdict.graph_def_refusal is None and not python and not any(p.when != NEVER for p in verdict.problems):
        unused = sorted({p.op for p in verdict.problems if p.kind in (MISSING_OP, CUSTOM_OP)})
        said = (f"its {len(verdict.ops)} ops exist there" if not unused else
                f"{len(verdict.ops) - len(unused)} of its {len(verdict.ops)} ops exist there, and the others "
                f"({', '.join(unused)}) sit in functions nothing runs")
        notes = []
        wrote = model_tf_version(info.tensorflow_version)
        if wrote is not None and wrote > rt.tf:
            notes.append(f"the model was written by TensorFlow {info.tensorflow_version}, and uses nothing added since "
                         f"{rt.tensorflow}")
        if verdict.ignored_attrs:
            pairs = ", ".join(f"{op}.{attr}" for op, attr in verdict.ignored_attrs[:4])
            more = f" and {len(verdict.ignored_attrs) - 4} more" if len(verdict.ignored_attrs) > 4 else ""
            notes.append(f"it drops the attrs it does not know ({pairs}{more}) with a log line, which changes nothing")
        if rt.container is not None and rt.container.available(today):
            notes.append(f"{rt.container.name} is {rt.container.status(today)}")
        yield Diagnostic(
            code="op.runtime_ok",
            severity=Severity.INFO,
            message=(f"loads and serves on {rt.describe()}: {said}"
                     + "".join(f"; {n}" for n in notes)),
            path="$.ops",
            subject=info.source,
        )


def model_tf_version(version: str | None) -> tuple[int, int] | None:
    m = re.match(r"^(\d{1,9})\.(\d{1,9})(?!\d)", version or "")  # (a 5000-digit "version" is no version)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _runtime_hint(wrote: tuple[int, int] | None, rt: Runtime) -> str:
    if wrote is None:
        return (f"serve with a newer TensorFlow runtime (or a custom container), or re-export with TensorFlow "
                f"{rt.tensorflow}")
    w = f"{wrote[0]}.{wrote[1]}"
    return (f"serve with a runtime with TensorFlow ≥ {w} (e.g. tensorflow/serving:{w}.0 or a custom container) "
            f"or re-export with TensorFlow {rt.tensorflow}")
