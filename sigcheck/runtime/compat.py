"""Will this graph load and serve on that runtime?  The verdict from the runtime's own op registry.

The rules are what the real runtimes do, measured by loading TensorFlow 2.21 exports in TensorFlow 2.15 and 2.12
the way TF Serving does (the TF1 session loader, then ``Session.run`` of each signature; ``make compat-test``
repeats it):

* An op the runtime does not register fails the **load** when it sits in the main graph (the GraphDef import
  checks every node) or in a function the main graph calls through call ops (``StatefulPartitionedCall`` /
  ``PartitionedCall`` / a call by name, however deep: the import's shape inference instantiates those bodies), and
  so in the top-level function of every signature, even one nobody calls.  It fails **every request** to a
  signature that reaches it otherwise (a ``tf.cond`` branch, a ``map_fn``/``while`` body: instantiated when the
  signature runs), and is harmless in a function nothing runs.  What the restore or init op runs fails the load.
* An attr the runtime's op does not have is dropped with a log line, except a *type* attr with a value other
  than its default: the runtime then types the input by its own fixed dtype, and the type check fails where an
  unknown op would (``input element_shape[0] expected type int32 != int64``).
* A value the runtime's op does not allow (``StringToNumber``'s ``out_type`` uint32 before 2.16) fails the load
  in the main graph, and every request of the signatures that run it inside a function (function bodies are
  validated when they run).
* The GraphDef's VersionDef: ``min_consumer`` above the runtime's GraphDef version, a ``producer`` below its
  minimum, or the runtime's version among ``bad_consumers`` refuses the load.

An op no recorded stock TensorFlow has (TensorFlow Text, Decision Forests, Addons …) is a ``custom`` problem: a
newer runtime would not help, a custom container would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..codec.dtypes import dtype
from ..model.graph import CALL_OPS, INIT_OP_SIGNATURE, GraphIndex, graph_index, load_roots, reached_nodes, signature_reach
from ..model.reader import dtype_name
from ..model.types import ModelInfo
from .names import Runtime
from .registry import OpRegistry, first_version_where, first_version_with, newest_spec, registry, stock_op_names

LOAD, REQUEST, NEVER = "load", "request", "never"
_RANK = {LOAD: 0, REQUEST: 1, NEVER: 2}

MISSING_OP, CUSTOM_OP, TYPE_ATTR, ATTR_VALUE = "op", "custom_op", "type_attr", "attr_value"


@dataclass(frozen=True)
class Scopes:
    """When each function body is instantiated or run, as TF Serving loads and serves the model."""

    load: frozenset[str]
    """Functions the main graph calls through call ops, transitively: instantiated by the import at load."""
    init: frozenset[str]
    """Functions the restore or init op runs: run at load."""
    signatures: dict[str, frozenset[str]]
    """Signature → the functions its requests run."""

    def when_instantiated(self, function: str | None) -> tuple[str, tuple[str, ...]]:
        """(load | request | never, signatures) for something checked when its body is instantiated."""
        if function is None or function in self.load or function in self.init:
            return LOAD, ()
        return self._run(function)

    def when_run(self, function: str | None) -> tuple[str, tuple[str, ...]]:
        """(load | request | never, signatures) for something checked only when its body runs."""
        if function is None or function in self.init:
            return LOAD, ()
        return self._run(function)

    def _run(self, function: str) -> tuple[str, tuple[str, ...]]:
        sigs = tuple(sorted(k for k, fs in self.signatures.items() if function in fs))
        return (REQUEST, sigs) if sigs else (NEVER, ())


def _call_edges(index: GraphIndex, node: Any) -> list[str]:
    """Functions ``node`` calls as a function call (call op's ``f``, or its op is a library function)."""
    if node.op in CALL_OPS and "f" in node.attr:
        name = node.attr["f"].func.name
        return [name] if name in index.functions else []
    return [node.op] if node.op in index.functions else []


def _closure(index: GraphIndex, start: Iterable[str], edges: Any) -> set[str]:
    seen: set[str] = set()
    stack = list(start)
    while stack:
        f = stack.pop()
        if f in seen or f not in index.functions:
            continue
        seen.add(f)
        for node in index.functions[f].nodes.values():
            stack.extend(edges(node))
    return seen


def _functions_run(index: GraphIndex, reached: dict[str, tuple[Any, Any]]) -> set[str]:
    """Functions whose body runs when ``reached`` runs: those with reached nodes and those reached nodes call."""
    out = {scope.function for scope, _ in reached.values() if scope.function is not None}
    for _, node in reached.values():
        out.update(index.calls(node))
    return out


def scopes_of(info: ModelInfo) -> Scopes | None:
    """The :class:`Scopes` of ``info``'s graph (None for a contract)."""
    index = graph_index(info)
    if index is None:
        return None
    mg = info.meta_graph
    top_calls = [f for node in index.top.nodes.values() for f in _call_edges(index, node)]
    load = _closure(index, top_calls, lambda n: _call_edges(index, n))
    roots = load_roots(mg)
    refs = ([roots.restore_op] if roots.restore_op else []) + list(roots.init)
    init = _functions_run(index, reached_nodes(index, refs)) if refs else set()
    sigs: dict[str, frozenset[str]] = {}
    for key, sig in sorted(mg.signature_def.items()):
        if key != INIT_OP_SIGNATURE:
            sigs[key] = frozenset(_functions_run(index, signature_reach(index, key, sig).reached))
    return Scopes(frozenset(load), frozenset(init), sigs)


@dataclass(frozen=True)
class Incompatibility:
    """One thing the runtime's TensorFlow cannot do with this graph."""

    kind: str
    """``op`` (a stock op newer than the runtime), ``custom_op`` (no stock TensorFlow has it), ``type_attr`` (a type
    attr the runtime's op lacks, with a non-default value), ``attr_value`` (a value the runtime's op does not allow)."""
    op: str
    when: str
    """``load``, ``request`` (every request to ``signatures`` fails) or ``never`` (nothing runs it)."""
    locations: tuple[str, ...]
    """``node`` in the main graph, ``function:node`` in a library function."""
    signatures: tuple[str, ...]
    upstream: str
    """The runtime's own message."""
    first_version: str | None
    """The first recorded TensorFlow that has the op (or the attr, or allows the value); None for a custom op."""
    attr: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class Verdict:
    """What runtime ``runtime`` does with the graph."""

    runtime: Runtime
    registry: OpRegistry
    ops: tuple[str, ...]
    """The op types the graph uses (calls of library functions by name left out)."""
    problems: tuple[Incompatibility, ...]
    ignored_attrs: tuple[tuple[str, str], ...] = ()
    """(op, attr) pairs the runtime does not know and drops with a log line."""
    graph_def_refusal: tuple[str, str] | None = None
    """(why, the runtime's message) when the GraphDef's versions make the runtime refuse it."""

    @property
    def loads(self) -> bool:
        return self.graph_def_refusal is None and not any(p.when == LOAD for p in self.problems)

    @property
    def serves(self) -> bool:
        """Loads, and no signature fails on every request."""
        return self.loads and not any(p.when == REQUEST for p in self.problems)


def _not_registered(op: str) -> str:
    return f"Op type not registered '{op}' in binary running on …"


def _tf_name(enum_name: str) -> str:
    return dtype(enum_name).tf_name


def _type_values(value: Any) -> list[str]:
    which = value.WhichOneof("value")
    if which == "type":
        return [dtype_name(value.type)]
    if which == "list":
        return [dtype_name(t) for t in value.list.type]
    return []


def _string_values(value: Any) -> list[str]:
    which = value.WhichOneof("value")
    if which == "s":
        return [value.s.decode("utf-8", "replace")]
    if which == "list":
        return [s.decode("utf-8", "replace") for s in value.list.s]
    return []


def _expected_type(target: Any, producer: Any, pspec: Any, attr: str) -> str | None:
    """The dtype the runtime's op uses where the newer op has type attr ``attr`` (None: not a type attr).

    The runtime's op has a fixed dtype for the argument the attr types (``element_shape: int32``); without one,
    the newer op's default stands for it (an attr at its default changes nothing).
    """
    if pspec is None or pspec.type not in ("type", "list(type)"):
        return None
    arg = producer.input_using(attr)
    for a in target.inputs:
        name, _, kind = a.partition(":")
        if arg and name == arg and kind.rstrip("&").startswith("DT_"):
            return kind.rstrip("&").split("*")[0]
    return pspec.default_type


def graph_def_refusal(info: ModelInfo, reg: OpRegistry) -> tuple[str, str] | None:
    """(why, TensorFlow's message) when release ``reg`` refuses the GraphDef's VersionDef (``CheckVersions``)."""
    if not info.has_graph or not info.meta_graph.graph_def.HasField("versions"):
        return None
    v = info.meta_graph.graph_def.versions
    ours = reg.graph_def
    if v.min_consumer > ours.producer:
        return (f"its GraphDef needs consumer version {v.min_consumer} or newer, and TensorFlow {reg.version} has "
                f"GraphDef version {ours.producer}",
                f"GraphDef min consumer version {v.min_consumer} above current version {ours.producer} for "
                "TensorFlow.  Please upgrade TensorFlow.")
    if v.producer < ours.min_producer:
        return (f"its GraphDef version {v.producer} is below the oldest TensorFlow {reg.version} reads "
                f"({ours.min_producer})",
                f"GraphDef producer version {v.producer} below min producer {ours.min_producer} supported by "
                "TensorFlow.  Please regenerate your graph.")
    if ours.producer in v.bad_consumers:
        return (f"its GraphDef lists TensorFlow {reg.version}'s GraphDef version {ours.producer} as a bad consumer",
                f"GraphDef disallows consumer version {ours.producer}.  Please upgrade TensorFlow: this version is "
                "likely buggy.")
    return None


@dataclass
class _Found:
    kind: str
    op: str
    upstream: str
    first_version: str | None
    attr: str | None = None
    value: str | None = None
    locations: list[str] = field(default_factory=list)
    whens: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def done(self) -> Incompatibility:
        when = min((w for w, _ in self.whens), key=_RANK.__getitem__)
        sigs = sorted({s for w, ss in self.whens if w == when for s in ss})
        return Incompatibility(self.kind, self.op, when, tuple(sorted(set(self.locations))), tuple(sigs),
                               self.upstream, self.first_version, self.attr, self.value)


def check_runtime(info: ModelInfo, runtime: Runtime) -> Verdict:
    """The verdict of ``runtime`` on ``info``'s graph (no problems for a contract: there is no graph to check)."""
    reg = registry(runtime.tensorflow)
    index = graph_index(info)
    scopes = scopes_of(info)
    if index is None or scopes is None:
        return Verdict(runtime, reg, (), ())
    stock = stock_op_names()
    found: dict[tuple[str, ...], _Found] = {}
    ignored: set[tuple[str, str]] = set()
    used: set[str] = set()

    def add(key: tuple[str, ...], make: Any, location: str, when: tuple[str, tuple[str, ...]]) -> None:
        hit = found.get(key)
        if hit is None:
            hit = found[key] = make()
        hit.locations.append(location)
        hit.whens.append(when)

    for scope in index.scopes():
        fn = scope.function
        for name, node in scope.nodes.items():
            op = node.op
            if op in index.functions:
                continue
            used.add(op)
            where = scope.where(name)
            if op not in reg.ops:
                custom = op not in stock
                kind = CUSTOM_OP if custom else MISSING_OP
                add((kind, op), lambda: _Found(kind, op, _not_registered(op), None if custom else first_version_with(op)),
                    where, scopes.when_instantiated(fn))
                continue
            target = reg.ops[op]
            for attr, value in sorted(node.attr.items()):
                if attr.startswith("_"):
                    continue
                spec = target.attrs.get(attr)
                if spec is None:
                    producer = newest_spec(op)
                    pspec = producer.attrs.get(attr) if producer is not None else None
                    values = _type_values(value)
                    expected = _expected_type(target, producer, pspec, attr) if values else None
                    if expected is not None and values[0] != expected:
                        arg = producer.input_using(attr) if producer is not None else None
                        upstream = (f"input {arg}[0] expected type {_tf_name(expected)} != {_tf_name(values[0])}"
                                    if arg else f"NodeDef mentions attr '{attr}' not in Op<name={op}; …>")
                        add((TYPE_ATTR, op, attr, values[0]),
                            lambda: _Found(TYPE_ATTR, op, upstream,
                                           first_version_where(op, lambda s: attr in s.attrs), attr,
                                           _tf_name(values[0])),
                            where, scopes.when_instantiated(fn))
                    else:
                        ignored.add((op, attr))
                    continue
                if spec.allowed is None:
                    continue
                vals = _type_values(value) if spec.type in ("type", "list(type)") else _string_values(value)
                bad = [v for v in vals if v not in spec.allowed]
                if not bad:
                    continue
                shown = _tf_name(bad[0]) if spec.type in ("type", "list(type)") else repr(bad[0])
                allowed = ", ".join(_tf_name(a) if spec.type in ("type", "list(type)") else repr(a)
                                    for a in spec.allowed)
                add((ATTR_VALUE, op, attr, bad[0]),
                    lambda: _Found(ATTR_VALUE, op,
                                   f"Value for attr '{attr}' of {shown} is not in the list of allowed values: {allowed}",
                                   first_version_where(op, lambda s, a=attr, b=bad[0]: a in s.attrs and (
                                       s.attrs[a].allowed is None or b in s.attrs[a].allowed)), attr, shown),
                    where, scopes.when_run(fn))
    problems = sorted((f.done() for f in found.values()),
                      key=lambda p: (_RANK[p.when], p.kind, p.op, p.attr or "", p.value or ""))
    return Verdict(runtime, reg, tuple(sorted(used)), tuple(problems), tuple(sorted(ignored)),
                   graph_def_refusal(info, reg))
