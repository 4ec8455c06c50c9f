"""What a serving signature actually runs: a walk of the GraphDef (and its function library) without TensorFlow.

TF Serving feeds exactly the tensors named in a signature's ``inputs`` and fetches its ``outputs``.  Everything the
outputs depend on runs: nodes reached through data inputs and control inputs, and, through
``StatefulPartitionedCall`` / ``PartitionedCall`` / a call to a library function by name, the body of the called
function (only the part its requested outputs need, plus its control outputs, which always run).  Other ops that
take functions (``If``, ``While``, ``Case``, dataset ops …) are followed conservatively: every function they name
and every input they take.

* :func:`unfed_placeholders` lists the ``Placeholder`` nodes (not ``PlaceholderWithDefault``) that a signature's
  outputs depend on but that the signature does not feed: "You must feed a value for placeholder tensor …".
* :func:`reached_ops` lists the ops a signature runs, with where they are.
* :func:`graph_ops` lists every op in the graph and its functions, with where it occurs.
* :func:`load_roots` names what runs when TF Serving loads the model (the saver's restore op, the init op), and
  :func:`reached_nodes` / :func:`signature_reach` walk from any roots; :mod:`sigcheck.model.safety` builds the op
  safety scan on them.

Inside a function body, the requested outputs and the control outputs run, and so do the ops TensorFlow keeps
whatever is fetched (stateful ops: ``PruneFunctionBody`` never prunes them).  Without TensorFlow's op registry
sigcheck cannot tell every stateful op; it keeps every op the allow-list of :mod:`sigcheck.model.ops` does not
allow outright, and the calls that lead to one.  The safety scan walks whole function bodies (``whole_functions``).

Functions are reached through every function-valued attr, however nested (``func``, ``list(func)``, the ``attr``
map of a ``NameAttrList``, which binds a called function's own func-valued attrs), and, for ``SymbolicGradient``,
through the library's gradient table.  Calls nest as deep as the library does: the walk keeps its own stack
(no Python recursion), up to :data:`MAX_CALL_DEPTH` nested calls.

Locations are written ``node`` for the top-level graph and ``function:node`` inside a library function (neither
node nor function names may contain ``:``).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any, Iterator

from ..errors import ModelError
from .ops import is_allowed
from .types import ModelInfo, Shape

CALL_OPS = frozenset({"StatefulPartitionedCall", "PartitionedCall"})
"""Ops that call the function in their ``f`` attr with their inputs as its arguments, one to one."""

PLACEHOLDER = "Placeholder"
INIT_OP_SIGNATURE = "__saved_model_init_op"
INIT_OP_COLLECTIONS = ("saved_model_main_op", "legacy_init_op")
VARIABLE_OPS = frozenset({"VariableV2", "Variable", "VarHandleOp", "VariableV3"})
GRADIENT_OP = "SymbolicGradient"
MAX_CALL_DEPTH = 2_000
"""Function calls nested deeper than this are refused (a ModelError), not walked."""


@dataclass(frozen=True, slots=True)
class UnfedPlaceholder:
    """A placeholder a signature's outputs need and the signature does not feed."""

    name: str
    """The node name (``keras_learning_phase``, ``dropout/keep_prob``)."""
    dtype: str
    """TensorFlow enum name, ``DT_BOOL``."""
    shape: Shape
    """As ``saved_model_cli`` prints it: -1 unknown dimension, None unknown rank."""
    signature: str
    location: str
    """``name`` in the top-level graph, ``function:name`` inside a library function."""
    needed_by: str
    """The signature output whose computation reached it first."""
    outputs: tuple[str, ...] = ()
    """Every signature output that depends on it (sorted; ``needed_by`` is one of them)."""

    @property
    def tensor_name(self) -> str:
        return f"{self.name}:0"


@dataclass
class _Scope:
    """One graph body: the top-level graph, or a library function."""

    function: str | None
    nodes: dict[str, Any]
    args: dict[str, int] = field(default_factory=dict)
    """Function argument name → index (empty for the top-level graph)."""
    rets: list[str] = field(default_factory=list)
    """Function body tensor for each output, in output order."""
    control_rets: list[str] = field(default_factory=list)
    out_index: dict[str, int] = field(default_factory=dict)
    """Output arg name → output index."""
    side_effects: list[str] = field(default_factory=list)
    """Nodes that run whenever the function runs, whatever output is needed (see the module docstring)."""

    def where(self, node: str) -> str:
        return node if self.function is None else f"{self.function}:{node}"


class GraphIndex:
    """The top-level graph and every library function, indexed by name (built once per MetaGraph)."""

    def __init__(self, meta_graph: Any) -> None:
        graph = meta_graph.graph_def
        self.top = _Scope(None, {n.name: n for n in graph.node})
        self.functions: dict[str, _Scope] = {}
        self.gradients: dict[str, str] = {g.function_name: g.gradient_func for g in graph.library.gradient}
        """FunctionDefLibrary.gradient: function → the function ``SymbolicGradient`` runs for it."""
        self.registered_gradients: list[str] = [g.gradient_func for g in graph.library.registered_gradients]
        self.reach_cache: dict[tuple[Any, ...], tuple[set[int], list[Any], list[Any]]] = {}
        """(function, port, walk options) → (arguments it needs, the nodes its body runs as (location, scope,
        node), the calls it makes); filled by the walks and shared by every signature (a function is walked once,
        not once per signature)."""
        self._func_attrs: dict[int, list[str]] = {}
        self.signature_cache: dict[tuple[Any, ...], Any] = {}
        """Signature walks by what they feed and fetch: signatures that run the same tensors share one walk."""
        for f in graph.library.function:
            sig = f.signature
            scope = _Scope(
                function=sig.name,
                nodes={n.name: n for n in f.node_def},
                args={a.name: i for i, a in enumerate(sig.input_arg)},
                rets=[f.ret.get(a.name, "") for a in sig.output_arg],
                control_rets=[f.control_ret.get(n, n) for n in sig.control_output] or list(f.control_ret.values()),
                out_index={a.name: i for i, a in enumerate(sig.output_arg)},
            )
            self.functions[sig.name] = scope
        self._mark_side_effects()

    def scopes(self) -> Iterator[_Scope]:
        yield self.top
        yield from self.functions.values()

    def calls(self, node: Any) -> list[str]:
        """The library functions ``node`` calls: by name, through ``f`` of a call op, or any function attr."""
        names = [node.op] if node.op in self.functions else []
        return names + [f for f in self.function_attrs(node) if f in self.functions]

    def function_attrs(self, node: Any) -> list[str]:
        """:func:`_function_attrs` of ``node``, computed once per node."""
        hit = self._func_attrs.get(id(node))
        if hit is None:
            hit = self._func_attrs[id(node)] = _function_attrs(node)
        return hit

    def _mark_side_effects(self) -> None:
        """Fill each function's ``side_effects``: its table ops, and its calls to functions that have some."""
        callers: dict[str, set[str]] = {}
        for f in self.functions.values():
            for n in f.nodes.values():
                for callee in self.calls(n):
                    callers.setdefault(callee, set()).add(f.function or "")
        effectful = {f.function or "" for f in self.functions.values()
                     if any(not is_allowed(n.op) and n.op not in self.functions for n in f.nodes.values())}
        stack = list(effectful)
        while stack:
            for caller in callers.get(stack.pop(), ()):
                if caller not in effectful:
                    effectful.add(caller)
                    stack.append(caller)
        for f in self.functions.values():
            if f.function in effectful:
                f.side_effects = [name for name, n in f.nodes.items()
                                  if (not is_allowed(n.op) and n.op not in self.functions)
                                  or any(c in effectful for c in self.calls(n))]


_INDEX_CACHE: dict[int, tuple[Any, GraphIndex]] = {}


def graph_index(info: ModelInfo) -> GraphIndex | None:
    """The index of ``info``'s graph (cached per MetaGraph); None for a contract."""
    return None if info.meta_graph is None else index_of(info.meta_graph)


def index_of(mg: Any) -> GraphIndex:
    """The index of MetaGraphDef ``mg`` (cached)."""
    hit = _INDEX_CACHE.get(id(mg))
    if hit is not None and hit[0] is mg:
        return hit[1]
    index = GraphIndex(mg)
    if len(_INDEX_CACHE) > 16:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[id(mg)] = (mg, index)
    return index


def _function_attrs(node: Any) -> list[str]:
    """Names of the functions a node refers to through ``func`` / ``list(func)`` attrs, and through the ``attr``
    maps of those ``NameAttrList`` values (func-valued attrs bound at the call site), however nested."""
    out: list[str] = []
    stack = [value for _, value in sorted(node.attr.items(), reverse=True)
             if value.WhichOneof("value") in ("func", "list")]
    while stack:
        value = stack.pop()
        which = value.WhichOneof("value")
        funcs = [value.func] if which == "func" else list(value.list.func) if which == "list" else []
        for f in funcs:
            if f.name and f.name not in out:
                out.append(f.name)
            stack.extend(v for _, v in sorted(f.attr.items(), reverse=True))
    return out


def _dtype_name(value: int) -> str:
    from .reader import dtype_name

    return dtype_name(value)


def _placeholder_spec(node: Any) -> tuple[str, Shape]:
    dtype = _dtype_name(node.attr["dtype"].type) if "dtype" in node.attr else "DT_INVALID"
    if "shape" in node.attr and node.attr["shape"].WhichOneof("value") == "shape":
        from .reader import shape_of

        shape = shape_of(node.attr["shape"].shape)
    else:
        shape = None
    return dtype, shape


class _Walker:
    """Walk from a signature's outputs; records reached nodes and unfed placeholders.

    Each body (the top-level graph, or one library function for one requested output) is walked once, with an
    explicit stack (graphs can be deep); calls into functions recurse only as deep as functions nest.

    A call's arguments are followed only as far as the called function needs them (TF inlines the call and
    prunes the rest), unless ``every_call_input``: the safety scan follows them all, since a stateful op that
    computes an unused argument still runs.
    """

    def __init__(self, index: GraphIndex, fed: set[tuple[str, int]], signature: str, *,
                 every_call_input: bool = False, whole_functions: bool = False) -> None:
        self.index = index
        self.every_call_input = every_call_input
        self.whole_functions = whole_functions
        self.fed = fed
        self.fed_nodes = {name for name, _ in fed}
        self.signature = signature
        self.reached: dict[str, tuple[_Scope, Any]] = {}
        self.placeholders: dict[str, UnfedPlaceholder] = {}
        self._fn_memo: dict[tuple[str, int | None], tuple[set[int], list[Any], list[Any]]] = {}
        """(function, port) → (arguments needed, the nodes its body ran, the calls it made)."""
        self._included: set[tuple[str, int | None]] = set()
        """Calls whose nodes (and their calls' nodes) are recorded in ``reached``."""
        self._own: list[tuple[str, _Scope, Any]] = []
        self._recursed = False
        self._fn_active: set[tuple[str, int | None]] = set()
        self._top_seen: set[tuple[str, int | None]] = set()
        self.output = ""

    def _parse(self, scope: _Scope, ref: str) -> tuple[str, Any, int | None] | None:
        """("node", name, port) or ("arg", index, None); port None = any output / a control edge."""
        if not ref:
            return None
        if ref.startswith("^"):
            name = ref[1:]
            if scope.function is not None and name in scope.args and name not in scope.nodes:
                return ("arg", scope.args[name], None)
            return ("node", name, None)
        if scope.function is None:
            name, _, port = ref.partition(":")
            return ("node", name, int(port) if port.isdigit() else 0)
        parts = ref.split(":")
        if len(parts) == 1:
            if ref in scope.args:
                return ("arg", scope.args[ref], None)
            return ("node", ref, 0)
        node = scope.nodes.get(parts[0])
        port: int | None = None
        if node is not None and len(parts) == 3 and parts[2].isdigit():
            port = self._body_port(node, parts[1], int(parts[2]))
        return ("node", parts[0], port)

    def _body_port(self, node: Any, out_arg: str, idx: int) -> int | None:
        """Output index of ``node:out_arg:idx`` for call ops; None (any output) when it does not matter or is unknown."""
        if node.op in CALL_OPS:
            return idx if out_arg == "output" else None
        callee = self.index.functions.get(node.op)
        if callee is not None and out_arg in callee.out_index:
            return callee.out_index[out_arg] + idx
        return None

    def _callee(self, node: Any) -> _Scope | None:
        if node.op in CALL_OPS and "f" in node.attr:
            return self.index.functions.get(node.attr["f"].func.name)
        return self.index.functions.get(node.op)

    def walk(self, scope: _Scope, refs: list[str], seen: set[tuple[str, int | None]]) -> set[int]:
        """Walk everything ``refs`` depend on inside ``scope``; return the function-argument indices reached.

        Calls into functions are requests the body yields; this loop runs them on its own stack of bodies, so a
        chain of nested calls costs no Python recursion.
        """
        # frames: [body, call key (None for the first), nodes its body ran, the calls it made]
        stack: list[list[Any]] = [[self._body(scope, refs, seen), None, [], []]]
        self._own = stack[-1][2]
        value: Any = None
        options = (self.every_call_input, self.whole_functions)
        while stack:
            body, key, own, callees = stack[-1]
            try:
                f, port = body.send(value)
            except StopIteration as done:
                stack.pop()
                value = done.value
                if stack:
                    self._own = stack[-1][2]
                if key is not None:
                    self._fn_active.discard(key)
                    self._fn_memo[key] = (value, own, callees)
                    self._included.add(key)
                    if not self._recursed:
                        self.index.reach_cache[(*key, *options)] = (value, own, callees)
                continue
            if port is not None and port >= len(f.rets):
                port = None
            call_key = (f.function or "", port)
            callees.append(call_key)
            known = self._fn_memo.get(call_key) or self.index.reach_cache.get((*call_key, *options))
            if known is not None:
                value = known[0]
                self._include(call_key, options)
            elif call_key in self._fn_active:  # recursion: assume it needs every argument
                value = set(range(len(f.args)))
                self._recursed = True
            else:
                if len(stack) > MAX_CALL_DEPTH:
                    raise ModelError(f"function calls nested deeper than {MAX_CALL_DEPTH} levels (at function "
                                     f"{f.function}): sigcheck does not walk a graph this deep")
                self._fn_active.add(call_key)
                stack.append([self._body(f, self._call_refs(f, port), set()), call_key, [], []])
                self._own = stack[-1][2]
                value = None
        return value

    def _record(self, where: str, scope: _Scope, node: Any, *, own: bool = True) -> None:
        """Note that ``node`` runs (and, for a placeholder nothing feeds, that it is unfed); ``own``: reached by
        the body being walked (not copied from a call walked before)."""
        if own:
            self._own.append((where, scope, node))
        if where in self.reached:
            return
        self.reached[where] = (scope, node)
        if node.op == PLACEHOLDER and where not in self.placeholders:
            if not (scope.function is None and node.name in self.fed_nodes):
                dtype, shape = _placeholder_spec(node)
                self.placeholders[where] = UnfedPlaceholder(
                    name=node.name, dtype=dtype, shape=shape, signature=self.signature, location=where,
                    needed_by=self.output,
                )

    def _include(self, key: tuple[str, int | None], options: tuple[bool, bool]) -> None:
        """Record everything a call walked before (here or for another signature) ran: its nodes, and its calls'."""
        stack = [key]
        while stack:
            k = stack.pop()
            if k in self._included:
                continue
            self._included.add(k)
            known = self._fn_memo.get(k) or self.index.reach_cache.get((*k, *options))
            if known is None:  # still being walked (recursion): its nodes are recorded as they are reached
                continue
            for where, sc, node in known[1]:
                self._record(where, sc, node, own=False)
            stack.extend(known[2])

    def _call_refs(self, f: _Scope, port: int | None) -> list[str]:
        """What runs when function ``f`` runs for output ``port`` (None: every output).

        Control outputs (and the side effects of the body) always run when the function runs, so they are walked
        for every port; with ``whole_functions`` (the safety scan) every node of the body is.
        """
        rets = f.rets if port is None else [f.rets[port]]
        extra = list(f.nodes) if self.whole_functions else f.control_rets + f.side_effects
        return list(rets) + ["^" + n for n in extra]

    def _body(self, scope: _Scope, refs: list[str], seen: set[tuple[str, int | None]]) -> Any:
        """The walk of one body (a generator: yields (function, port) calls, is sent what each call needs)."""
        args: set[int] = set()
        stack = list(reversed(refs))
        while stack:
            parsed = self._parse(scope, stack.pop())
            if parsed is None:
                continue
            kind, name, port = parsed
            if kind == "arg":
                args.add(name)
                continue
            if scope.function is None and port is not None and (name, port) in self.fed:
                continue
            node = scope.nodes.get(name)
            if node is None:
                continue
            callee = self._callee(node)
            key = (name, port if callee is not None else None)
            if key in seen:
                continue
            seen.add(key)
            self._record(scope.where(name), scope, node)
            data_inputs = [i for i in node.input if not i.startswith("^")]
            next_refs = [i for i in node.input if i.startswith("^")]
            others = [f for f in self.index.function_attrs(node) if callee is None or f != callee.function]
            if node.op == GRADIENT_OP:  # the gradient table decides what SymbolicGradient runs
                others += [g for f in others if (g := self.index.gradients.get(f))] + self.index.registered_gradients
            for fname in others:
                f = self.index.functions.get(fname)
                if f is not None:
                    yield f, None
            if callee is not None:
                needed = yield callee, port
                next_refs += data_inputs if self.every_call_input else [
                    data_inputs[i] for i in sorted(needed) if i < len(data_inputs)]
            else:
                next_refs += data_inputs
            stack.extend(reversed(next_refs))
        return args

    def from_output(self, alias: str, tensor_name: str) -> None:
        self.output = alias
        self.walk(self.index.top, [tensor_name], self._top_seen)


def tensor_names(tensor_info: Any) -> list[str]:
    """The graph tensors behind a signature's TensorInfo: its name, or a sparse/composite tensor's components."""
    which = tensor_info.WhichOneof("encoding")
    if which == "name":
        return [tensor_info.name] if tensor_info.name else []
    if which == "coo_sparse":
        c = tensor_info.coo_sparse
        return [n for n in (c.values_tensor_name, c.indices_tensor_name, c.dense_shape_tensor_name) if n]
    if which == "composite_tensor":
        return [n for part in tensor_info.composite_tensor.components for n in tensor_names(part)]
    return []


def _port_of(tensor: str) -> tuple[str, int]:
    name, _, port = tensor.partition(":")
    return name, int(port) if port.isdigit() else 0


def signature_reach(index: GraphIndex, key: str, signature_def: Any, *, every_call_input: bool = False,
                    whole_functions: bool = False) -> _Walker:
    """Walk what SignatureDef ``signature_def`` runs: from its outputs, stopping at the tensors it feeds."""
    fed = {_port_of(n) for t in signature_def.inputs.values() for n in tensor_names(t)}
    outputs = tuple((alias, tuple(tensor_names(t))) for alias, t in sorted(signature_def.outputs.items()))
    same = (frozenset(fed), outputs, every_call_input, whole_functions)
    done = index.signature_cache.get(same)
    if done is not None:  # another signature runs exactly this: the same walk, under this signature's name
        walker = copy.copy(done)
        walker.signature = key
        walker.placeholders = {w: replace(p, signature=key) for w, p in done.placeholders.items()}
        return walker
    walker = _Walker(index, fed, key, every_call_input=every_call_input, whole_functions=whole_functions)
    for alias, names in outputs:
        for name in names:
            walker.from_output(alias, name)
    index.signature_cache[same] = walker
    return walker


def reached_nodes(index: GraphIndex, refs: list[str], *, every_call_input: bool = False,
                  whole_functions: bool = False) -> dict[str, tuple[_Scope, Any]]:
    """Location → (scope, NodeDef) of everything top-level refs (``node``, ``node:1``, ``^node``) run, nothing fed."""
    walker = _Walker(index, set(), "", every_call_input=every_call_input, whole_functions=whole_functions)
    walker.walk(index.top, refs, walker._top_seen)
    return walker.reached


@dataclass(frozen=True, slots=True)
class LoadRoots:
    """What TF Serving runs when it loads the MetaGraph, before any request."""

    restore_op: str | None
    """The saver's restore op (``SaverDef.restore_op_name``); None without a saver."""
    init: tuple[str, ...]
    """The init op: ``__saved_model_init_op``'s outputs and the ``saved_model_main_op`` / ``legacy_init_op``
    collections' nodes."""


def load_roots(meta_graph: Any) -> LoadRoots:
    """The restore and init ops of ``meta_graph``, read without TensorFlow, as TensorFlow's loader reads them:
    ``saver_def.restore_op_name``, the ``saved_model_main_op`` (else ``legacy_init_op``) collection's nodes, and
    ``__saved_model_init_op``'s outputs; from ``saved_model.pb`` and ``saved_model.pbtxt`` alike."""
    restore_op = meta_graph.saver_def.restore_op_name if meta_graph.HasField("saver_def") else ""
    init: list[str] = []
    for key in INIT_OP_COLLECTIONS:
        if key in meta_graph.collection_def:
            init += list(meta_graph.collection_def[key].node_list.value)
    if INIT_OP_SIGNATURE in meta_graph.signature_def:
        init += [n for t in meta_graph.signature_def[INIT_OP_SIGNATURE].outputs.values() for n in tensor_names(t)]
    return LoadRoots(restore_op or None, tuple(init))


def _walk(info: ModelInfo, signature_key: str) -> _Walker | None:
    index = graph_index(info)
    if index is None:
        return None
    if signature_key not in info.signatures:  # (a protobuf map would add the key)
        raise KeyError(signature_key)
    return signature_reach(index, signature_key, info.meta_graph.signature_def[signature_key])


def unfed_placeholders(info: ModelInfo, signature_key: str) -> list[UnfedPlaceholder]:
    """``Placeholder`` nodes that the outputs of signature ``signature_key`` depend on but it does not feed.

    Empty for a contract (no graph).  Raises KeyError for an unknown signature key.
    """
    walker = _walk(info, signature_key)
    if walker is None:
        return []
    found = sorted(walker.placeholders.values(), key=lambda p: p.location)
    if not found:
        return found
    # The signature's walk stops at nodes an earlier output reached, so it knows one output per placeholder:
    # walk each output alone to name every output that needs it (only when some placeholder is unfed).
    sig = info.meta_graph.signature_def[signature_key]
    fed = {_port_of(n) for t in sig.inputs.values() for n in tensor_names(t)}
    needs: dict[str, list[str]] = {p.location: [] for p in found}
    for alias, t in sorted(sig.outputs.items()):
        alone = _Walker(walker.index, fed, signature_key)
        for name in tensor_names(t):
            alone.from_output(alias, name)
        for where in alone.placeholders:
            if where in needs:
                needs[where].append(alias)
    return [replace(p, outputs=tuple(needs[p.location]) or (p.needed_by,)) for p in found]


def reached_ops(info: ModelInfo, signature_key: str) -> dict[str, list[str]]:
    """op → locations of the nodes that signature ``signature_key`` runs (empty for a contract)."""
    walker = _walk(info, signature_key)
    out: dict[str, list[str]] = {}
    if walker is None:
        return out
    for where, (_, node) in sorted(walker.reached.items()):
        out.setdefault(node.op, []).append(where)
    return out


def fixed_reshapes(info: ModelInfo, signature_key: str) -> dict[str, tuple[int, ...]]:
    """Location → target shape of each ``Reshape`` signature ``signature_key`` runs whose shape is a constant with
    a fixed first dimension (``tf.reshape(x, [1, 4])``): such an op fixes the batch when it reshapes the batched
    tensor (empty for a contract)."""
    walker = _walk(info, signature_key)
    out: dict[str, tuple[int, ...]] = {}
    if walker is None:
        return out
    for where, (scope, node) in sorted(walker.reached.items()):
        if node.op != "Reshape" or len(node.input) < 2:
            continue
        const = scope.nodes.get(node.input[1].lstrip("^").split(":")[0])
        if const is None or const.op != "Const" or "value" not in const.attr:
            continue
        shape = _int_vector(const.attr["value"].tensor)
        if shape and shape[0] >= 1:
            out[where] = shape
    return out


def _int_vector(tensor: Any) -> tuple[int, ...]:
    """The values of an int32/int64 vector TensorProto (empty for anything else)."""
    import numpy as np

    dims = [d.size for d in tensor.tensor_shape.dim]
    if len(dims) != 1 or tensor.dtype not in (3, 9):  # DT_INT32, DT_INT64
        return ()
    if tensor.tensor_content:
        values = np.frombuffer(tensor.tensor_content, dtype="<i4" if tensor.dtype == 3 else "<i8").tolist()
    else:
        values = list(tensor.int_val if tensor.dtype == 3 else tensor.int64_val)
        if len(values) == 1 and dims[0] > 1:  # (a repeated last value is written once)
            values = values * dims[0]
    return tuple(int(v) for v in values) if len(values) == dims[0] else ()


def graph_ops(info: ModelInfo) -> dict[str, list[str]]:
    """Every op in the graph and its function library → where it occurs (sorted).

    Calls to library functions by name are not ops and are left out.  Ops listed only in the MetaGraph's
    ``stripped_op_list`` are included with the location ``stripped_op_list``.
    """
    index = graph_index(info)
    out: dict[str, list[str]] = {}
    if index is None:
        return out
    for scope in index.scopes():
        for name, node in scope.nodes.items():
            if node.op in index.functions:
                continue
            out.setdefault(node.op, []).append(scope.where(name))
    for op in info.meta_graph.meta_info_def.stripped_op_list.op:
        if op.name not in out and op.name not in index.functions:
            out[op.name] = ["stripped_op_list"]
    return {op: sorted(locs) for op, locs in sorted(out.items())}


def uses_variables(info: ModelInfo) -> bool | None:
    """True when the graph holds variables (so ``variables/`` must be restored); None for a contract."""
    index = graph_index(info)
    if index is None:
        return None
    return any(node.op in VARIABLE_OPS for scope in index.scopes() for node in scope.nodes.values())


@dataclass(frozen=True, slots=True)
class UnrestoredVariable:
    """A variable a signature reads that TF Serving's load (the saver's restore op and the init op) never sets."""

    name: str
    """The top-level variable node (``dense/kernel``)."""
    op: str
    """``VarHandleOp``, ``VariableV2`` …"""
    signature: str


def unrestored_variables(info: ModelInfo, signature_key: str) -> list[UnrestoredVariable]:
    """Top-level variables that signature ``signature_key`` reads but that neither the saver's restore op nor the
    init op reaches: a session load (TF Serving's) leaves them uninitialised and every request fails with
    ``FAILED_PRECONDITION: Could not find variable …`` (a Keras 3 model written with ``tf.saved_model.save``).

    Empty for a contract, and for a ``saved_model.pbtxt`` (its text parse drops the saver, see :func:`load_roots`).
    """
    walker = _walk(info, signature_key)
    if walker is None or "saved_model.pb" not in info.files:
        return []
    read = sorted(name for name, (scope, node) in walker.reached.items()
                  if scope.function is None and node.op in VARIABLE_OPS)
    if not read:
        return []
    roots = load_roots(info.meta_graph)
    refs = ([roots.restore_op] if roots.restore_op else []) + ["^" + n.split(":")[0] for n in roots.init]
    loaded = reached_nodes(walker.index, refs, every_call_input=True)
    return [UnrestoredVariable(name, walker.reached[name][1].op, signature_key) for name in read if name not in loaded]
