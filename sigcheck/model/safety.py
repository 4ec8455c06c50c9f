"""Op safety scan: a SavedModel is a program, so list everything it would run that is not known to compute only.

The scan reads the MetaGraph with sigcheck's own protobuf messages (no TensorFlow) and walks
(:mod:`sigcheck.model.graph`) what TensorFlow runs, from every root TF Serving's loader and a request use:

* at load time: the saver's restore op (``saver_def.restore_op_name``; checkpoint reads are expected there), the
  init op (``__saved_model_init_op``, or the ``saved_model_main_op`` / ``legacy_init_op`` collection) and with it
  the asset initialisers; with neither known, the whole graph;
* at request time: every signature's outputs, stopping at the tensors the signature feeds.

The walk follows node inputs (data and control) into every function the graph can call: call ops, calls by name,
any function-valued attr however nested (``NameAttrList.attr`` binds a function's own func-valued attrs at the call
site), and the library's gradient table for ``SymbolicGradient``.  A called function is scanned whole.

Each op reached is judged by the one allow-list, :mod:`sigcheck.model.ops`: allowed (computes only), refused (files,
Python, the process, sleeps, waits, other machines, nested graphs …), unknown (refused), or conditional — decided
here from its attributes (``PrintV2``'s stream, debug URLs, a protobuf descriptor file) or from where its input
comes from: ``InitializeTableFromTextFile`` may read only one of the model's own assets, ``CacheDataset`` may cache
only in memory (an empty file name).  Fields in the messages that decide what runs that sigcheck's messages do not
declare (so TensorFlow may act on something sigcheck cannot see) are findings too.

``sigcheck predict`` refuses a model with findings (:func:`check_model`) unless each op is allowed by name
(``--allow-op``) or all are (``--allow-unsafe-ops``); the gate reports them as ``op.unsafe``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from ..errors import ModelError
from .graph import CALL_OPS, INIT_OP_SIGNATURE, GraphIndex, index_of, load_roots, reached_nodes, signature_reach, \
    tensor_names
from .ops import ALLOWED, CONDITIONAL, RESTORE, WHOLE_GRAPH, attr_refusal, rule_of
from .types import ModelInfo

UNKNOWN_FIELD = "(unknown field)"
"""The ``op`` of a finding about a protobuf field sigcheck does not read in a message that decides what runs."""

ASSETS_COLLECTION = "saved_model_assets"
PASS_THROUGH = frozenset({"Identity", "Snapshot", "StopGradient"})
VARIABLE_USERS = frozenset({"ReadVariableOp", "AssignVariableOp", "VarIsInitializedOp", "DestroyResourceOp"})
MAX_TRACE = 10_000
"""Nodes visited at most when tracing where one input comes from (beyond: unknown, so refused)."""


@dataclass(frozen=True, slots=True)
class UnsafeOp:
    """One op the model would run that is not known to compute only."""

    op: str
    node: str
    where: str
    """``graph`` or ``function <name>``."""
    reason: str
    when: str
    """``load`` (restore/init op) or ``predict`` (reachable from a signature output)."""
    signatures: tuple[str, ...] = ()
    """The signatures whose requests run it (empty when only loading the model does)."""

    @property
    def location(self) -> str:
        """``node`` in the top-level graph, ``function:node`` inside a library function (as in graph.py)."""
        return self.node if self.where == "graph" else f"{self.where.removeprefix('function ')}:{self.node}"

    def describe(self) -> str:
        return f'{self.op} ({self.reason}) at node "{self.node}" in the {self.where}, run at {self.when} time'

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "node": self.node, "where": self.where, "reason": self.reason, "when": self.when}


class UnsafeModelError(ModelError):
    """The model would run ops that are not known to compute only, and they were not allowed."""

    def __init__(self, location: str, found: list[UnsafeOp]) -> None:
        first = found[0]
        more = f" (and {len(found) - 1} more: {', '.join(sorted({f.op for f in found[1:]}))})" if found[1:] else ""
        ops = " ".join(f"--allow-op {op}" for op in sorted({f.op for f in found}) if op != UNKNOWN_FIELD)
        super().__init__(
            f"{location}: refusing to run this model: it contains {first.describe()}{more}",
            hint="a SavedModel is a program; inspect it (sigcheck inspect, saved_model_cli show --all), and if "
                 f"you trust it, re-run with {ops or '--allow-unsafe-ops'}"
                 + (" (or --allow-unsafe-ops)" if ops else ""),
        )
        self.found = found


class _Context:
    """What the input conditions need to know about the MetaGraph: fed tensors, assets, call sites, variables."""

    def __init__(self, meta_graph: Any, index: GraphIndex) -> None:
        self.index = index
        self.fed = {n.split(":")[0] for key, sig in meta_graph.signature_def.items() if key != INIT_OP_SIGNATURE
                    for t in sig.inputs.values() for n in tensor_names(t)}
        self.assets = {n.split(":")[0] for a in meta_graph.asset_file_def for n in tensor_names(a.tensor_info)}
        if ASSETS_COLLECTION in meta_graph.collection_def:
            from .proto import saved_model_pb2 as pb

            for item in meta_graph.collection_def[ASSETS_COLLECTION].any_list.value:
                if item.type_url.endswith("AssetFileDef"):
                    asset = pb.AssetFileDef()
                    try:
                        asset.ParseFromString(item.value)
                    except Exception:  # noqa: BLE001 - protobuf's DecodeError: an unreadable entry is no asset
                        continue
                    self.assets |= {n.split(":")[0] for n in tensor_names(asset.tensor_info)}
        self._callers: dict[str, list[tuple[Any, Any]]] | None = None

    def callers(self, function: str) -> list[tuple[Any, Any]] | None:
        """(scope, node) of each call of ``function`` whose inputs are its arguments one to one; None when the
        function is also used another way (If/While branches, dataset functions …), so its arguments are unknown."""
        if self._callers is None:
            self._callers = {}
            other: set[str] = set()
            from .graph import _function_attrs

            for scope in self.index.scopes():
                for node in scope.nodes.values():
                    direct = None
                    if node.op in CALL_OPS and "f" in node.attr:
                        direct = node.attr["f"].func.name
                    elif node.op in self.index.functions:
                        direct = node.op
                    if direct:
                        self._callers.setdefault(direct, []).append((scope, node))
                    other.update(f for f in _function_attrs(node) if f != direct)
            for name in other:
                self._callers[name] = None  # type: ignore[assignment]
        return self._callers.get(function, [])

    def sources(self, scope: Any, ref: str) -> set[tuple[str, Any]]:
        """Where the tensor ``ref`` of ``scope`` comes from: ``("asset", node)``, ``("const", bytes values)``, or
        ``("other", what)`` (computed, fed by a request, or not traceable)."""
        out: set[tuple[str, Any]] = set()
        stack = [(scope, ref)]
        seen: set[tuple[str | None, str]] = set()
        while stack:
            if len(seen) > MAX_TRACE:
                out.add(("other", "too far to trace"))
                break
            scope, ref = stack.pop()
            name = ref.lstrip("^").split(":")[0]
            if (scope.function, name) in seen:
                continue
            seen.add((scope.function, name))
            if scope.function is not None and name in scope.args and name not in scope.nodes:
                callers = self.callers(scope.function)
                if not callers:
                    out.add(("other", f"argument {name} of function {scope.function}"))
                    continue
                for caller_scope, call in callers:
                    data = [i for i in call.input if not i.startswith("^")]
                    index = scope.args[name]
                    if index < len(data):
                        stack.append((caller_scope, data[index]))
                    else:
                        out.add(("other", f"argument {name} of function {scope.function}"))
                continue
            node = scope.nodes.get(name)
            if node is None:
                out.add(("other", f"missing node {name}"))
            elif scope.function is None and name in self.fed:
                out.add(("other", f"the request (signature input {name})"))
            elif scope.function is None and name in self.assets:
                out.add(("asset", name))
            elif node.op == "Const":
                tensor = node.attr["value"].tensor
                out.add(("const", tuple(tensor.string_val) or (b"",)))
            elif node.op in PASS_THROUGH or node.op == "PlaceholderWithDefault":
                data = [i for i in node.input if not i.startswith("^")]
                if data:
                    stack.append((scope, data[0]))
                else:
                    out.add(("other", f"{node.op} {name}"))
            elif node.op == "ReadVariableOp" and node.input:
                out |= self._variable_sources(scope, node.input[0], stack)
            else:
                out.add(("other", f"{node.op} {name}"))
        return out

    def _variable_sources(self, scope: Any, handle_ref: str, stack: list[tuple[Any, str]]) -> set[tuple[str, Any]]:
        """A variable read: trace what the top-level graph assigns to it (pushed on ``stack``), if only that."""
        handle = handle_ref.split(":")[0]
        var = scope.nodes.get(handle)
        if scope.function is not None or var is None or var.op != "VarHandleOp":
            return {("other", f"variable {handle}")}
        assigned = []
        for node in self.index.top.nodes.values():
            uses = [i for i in node.input if i.lstrip("^").split(":")[0] == handle and not i.startswith("^")]
            if not uses:
                continue
            if node.op not in VARIABLE_USERS:  # passed on (into a function that may assign it): not traceable
                return {("other", f"variable {handle} used by {node.op} {node.name}")}
            if node.op == "AssignVariableOp" and len(node.input) > 1:
                assigned.append(node.input[1])
        if not assigned:
            return {("other", f"variable {handle} never assigned")}
        stack.extend((scope, a) for a in assigned)
        return set()


def _input_refusal(ctx: _Context, scope: Any, node: Any, kind: str) -> str | None:
    """For a conditional op decided by an input: why it is refused, or None when it is allowed."""
    data = [i for i in node.input if not i.startswith("^")]
    if len(data) < 2:
        return "its file name input is missing"
    found = ctx.sources(scope, data[1])
    if kind == "asset_file":
        bad = sorted(f"the constant {v[0].decode('utf-8', 'replace')[:200]!r}" if k == "const" else str(v)
                     for k, v in found if k != "asset")
        return f"reads a file whose name comes from {bad[0]}, not one of the model's assets" if bad else None
    if kind == "memory_cache":
        names = sorted({v.decode("utf-8", "replace") for k, vs in found if k == "const" for v in vs} - {""})
        bad = sorted(str(v) for k, v in found if k != "const")
        if bad:
            return f"caches the dataset to a file whose name comes from {bad[0]}"
        return f"caches the dataset to the file {names[0][:200]!r}" if names else None
    return f"{kind} op"


def _refusal(ctx: _Context, scope: Any, node: Any, walk: str) -> str | None:
    """Why running ``node`` (reached in ``walk``) is refused; None when it computes only."""
    if node.op in ctx.index.functions:  # a call by name: its body is walked
        return None
    rule = rule_of(node.op)
    if rule.decision == ALLOWED or walk in rule.expected_in:
        return None
    if rule.decision != CONDITIONAL:
        return rule.reason
    reason = attr_refusal(node, rule)
    if reason == "":
        if rule.kind in ("asset_file", "memory_cache"):
            return _input_refusal(ctx, scope, node, rule.kind)
        return rule.reason  # e.g. a restore op outside the restore path
    return reason


_DECIDING = ("MetaGraphDef", "GraphDef", "NodeDef", "FunctionDefLibrary", "FunctionDef", "GradientDef",
             "RegisteredGradient", "SaverDef", "CollectionDef", "NodeList", "SignatureDef", "TensorInfo",
             "AttrValue", "ListValue", "NameAttrList", "CompositeTensor", "CooSparse")


def unknown_fields(meta_graph: Any) -> list[UnsafeOp]:
    """Fields sigcheck's messages do not declare, in the messages that decide what runs (binary saved_model.pb;
    a .pbtxt with such a field is refused when it is read, see :mod:`sigcheck.model.reader`)."""
    from google.protobuf import unknown_fields as uf

    found: list[UnsafeOp] = []
    stack: list[tuple[Any, str, str]] = [(meta_graph, "graph", "MetaGraphDef")]
    while stack:
        msg, where, path = stack.pop()
        name = msg.DESCRIPTOR.name
        if name not in _DECIDING:
            continue
        numbers = sorted({f.field_number for f in uf.UnknownFieldSet(msg)})
        if numbers:
            found.append(UnsafeOp(UNKNOWN_FIELD, path, where, f"field {', '.join(map(str, numbers))} of {name}, "
                                  "which sigcheck does not read (TensorFlow may act on it)", "load"))
        for field, value in msg.ListFields():
            if field.message_type is None:
                continue
            here = where
            if name == "FunctionDef" and field.name == "node_def":
                here = f"function {msg.signature.name}"
            if field.message_type.GetOptions().map_entry:
                kind = field.message_type.fields_by_name["value"].message_type
                items = [(f"{path}.{field.name}[{k!r}]", v) for k, v in value.items()] \
                    if kind is not None and kind.name in _DECIDING else []
            elif field.message_type.name not in _DECIDING:
                continue
            elif field.is_repeated:
                items = [(f"{path}.{field.name}[{i}]", v) for i, v in enumerate(value)]
            else:
                items = [(f"{path}.{field.name}", value)]
            for p, v in items:
                if name in ("GraphDef", "FunctionDef") and field.name in ("node", "node_def"):
                    p = v.name
                stack.append((v, here, p))
    return found


def scan_meta_graph(meta_graph: Any) -> list[UnsafeOp]:
    """Every op TF Serving would run for this MetaGraph that is not known to compute only (load time and any
    signature), predict-time first; then fields sigcheck cannot read in the messages that decide what runs."""
    index = index_of(meta_graph)
    roots = load_roots(meta_graph)
    ctx = _Context(meta_graph, index)
    found: dict[tuple[str, str], UnsafeOp] = {}

    def collect(reached: dict[str, tuple[Any, Any]], walk: str, when: str, signature: str | None = None) -> None:
        for location, (scope, node) in reached.items():
            reason = _refusal(ctx, scope, node, walk)
            if reason is None:
                continue
            key = (node.op, location)
            hit = found.get(key)
            if hit is None:
                where = "graph" if scope.function is None else f"function {scope.function}"
                hit = found[key] = UnsafeOp(node.op, node.name, where, reason, when)
            if signature and signature not in hit.signatures:
                found[key] = replace(hit, signatures=tuple(sorted((*hit.signatures, signature))))

    walk = {"every_call_input": True, "whole_functions": True}
    if roots.restore_op:
        collect(reached_nodes(index, [roots.restore_op], **walk), RESTORE, "load")
    collect(reached_nodes(index, list(roots.init), **walk), "init", "load")
    for key, sig in sorted(meta_graph.signature_def.items()):
        if key != INIT_OP_SIGNATURE:
            collect(signature_reach(index, key, sig, **walk).reached, "predict", "predict", key)
    if roots.restore_op is None and not roots.init:
        # No saver and no init op: TensorFlow runs neither, but a graph this bare is scanned whole (anything in it
        # may be meant to run).  Checkpoint ops are expected in every saver, so they are not reported here.
        collect(reached_nodes(index, list(index.top.nodes), **walk), WHOLE_GRAPH, "load")
    ordered = sorted(found.values(), key=lambda u: (u.when != "predict", u.where != "graph", u.where, u.node))
    return ordered + unknown_fields(meta_graph)


def check_model(info: ModelInfo, *, allow_unsafe_ops: bool = False, allow_ops: Iterable[str] = ()) -> list[UnsafeOp]:
    """Scan ``info``'s MetaGraph; raise :class:`UnsafeModelError` unless every finding's op is in ``allow_ops``
    (``--allow-op``) or ``allow_unsafe_ops``.

    Returns what was found (empty for a clean model; the allowed findings otherwise).
    """
    if info.meta_graph is None:
        from .contract import cannot_run

        raise cannot_run(info)
    found = scan_meta_graph(info.meta_graph)
    allowed = set(allow_ops)
    refused = [u for u in found if u.op not in allowed]
    if refused and not allow_unsafe_ops:
        raise UnsafeModelError(info.model_dir or info.source, refused)
    return found
