"""What a SavedModel's graph does with each signature input: the lookup tables it looks the input up in (with their
vocabularies) and the image decode ops it feeds.  Read from the GraphDef alone (no TensorFlow).

The walk goes forward from the input's placeholder, through function calls (``StatefulPartitionedCall``, functions
called as ops, ``While``/``If`` bodies), and follows a call's outputs only where the callee's return depends on
the input.  A vocabulary is the key tensor a table is filled from: the ``Const`` keys of ``LookupTableImportV2``
(Keras ``StringLookup``/``IntegerLookup``, ``tf.lookup.KeyValueTensorInitializer``) or the lines of the asset file
of ``InitializeTableFromTextFileV2`` (``tf.lookup.TextFileInitializer`` with whole lines as keys).  Tables are
matched by the top-level graph node that holds them (``hash_table_1``): TF2 exports pass it to the serving and
initializer functions as a captured input.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field
from typing import Any, Callable

from .types import ModelInfo

DECODE_IMAGE_OPS = ("DecodeImage", "DecodeJpeg", "DecodePng", "DecodeAndCropJpeg", "DecodeGif", "DecodeBmp")
"""TensorFlow's image decode ops: an input that flows into one is decoded as an encoded image file."""
IMAGE_BYTES_INPUT = re.compile(r"(?:^|[_\W])(?:bytes|b64|jpe?g|png|encoded(?:_image)?(?:_string)?(?:_tensor)?)$|^image_?bytes",
                               re.I)


def image_bytes_name(name: str) -> bool:
    """``name`` is what a string input taking encoded image bytes is called (``image_bytes``, ``jpeg_b64``)."""
    return bool(IMAGE_BYTES_INPUT.search(name.strip()))
LOOKUP_OPS = ("LookupTableFindV2", "LookupTableFind")
PARSE_EXAMPLE_OPS = ("ParseExample", "ParseExampleV2", "ParseSingleExample")
"""The ops that parse serialized tf.Example protos (their input 0): an input that flows into one takes Examples."""
CALL_OPS = ("StatefulPartitionedCall", "PartitionedCall")
MAX_DEPTH = 24
MAX_VOCABULARY = 100_000
"""Vocabularies larger than this are cut (the sample needs a few values, not a million-line file)."""


@dataclass(frozen=True)
class Vocabulary:
    """The keys of one lookup table."""

    values: tuple[Any, ...]
    """``str`` keys for a string table, ``int`` for an integer one (in the table's order)."""
    source: str
    """``graph constant`` or ``asset file NAME``."""
    table: str
    """The top-level graph node that holds the table."""


@dataclass
class InputUse:
    """What the graph does with one signature input."""

    decodes: list[str] = field(default_factory=list)
    """Image decode ops the input flows into (``DecodeJpeg`` …)."""
    tables: list[str] = field(default_factory=list)
    """Lookup tables (top-level node names) the input is looked up in."""
    parses: list[str] = field(default_factory=list)
    """tf.Example parse ops the input flows into as their serialized input (``ParseExampleV2`` …)."""


# --------------------------------------------------------------------------------------------- constants

def const_values(node: Any) -> tuple[Any, ...] | None:
    """The values of a string or integer ``Const`` node (None for anything else)."""
    if node is None or node.op != "Const" or "value" not in node.attr:
        return None
    t = node.attr["value"].tensor
    count = 1
    for d in t.tensor_shape.dim:
        count *= max(d.size, 0)
    if t.dtype == 7:  # DT_STRING
        values = [bytes(v).decode("utf-8", "replace") for v in t.string_val]
    elif t.dtype in (3, 9):  # DT_INT32, DT_INT64
        fmt = "i" if t.dtype == 3 else "q"
        if t.tensor_content:
            n = len(t.tensor_content) // struct.calcsize(fmt)
            values = list(struct.unpack(f"<{n}{fmt}", bytes(t.tensor_content)[:n * struct.calcsize(fmt)]))
        else:
            values = list(t.int_val if t.dtype == 3 else t.int64_val)
    else:
        return None
    if len(values) == 1 and count > 1:  # a splat constant
        values = values * count
    return tuple(values)


# --------------------------------------------------------------------------------------------- the walk

def _name(ref: str) -> str:
    return ref.lstrip("^").split(":")[0]


class _Tracer:
    def __init__(self, index: Any) -> None:
        self.index = index
        self._consumers: dict[int, dict[str, list[tuple[Any, int]]]] = {}

    def consumers(self, scope: Any) -> dict[str, list[tuple[Any, int]]]:
        """Name → (node, input position) of the nodes of ``scope`` that read it (data inputs only)."""
        hit = self._consumers.get(id(scope))
        if hit is not None:
            return hit
        out: dict[str, list[tuple[Any, int]]] = {}
        self._consumers[id(scope)] = out
        for node in scope.nodes.values():
            for pos, ref in enumerate(node.input):
                if not ref.startswith("^"):
                    out.setdefault(_name(ref), []).append((node, pos))
        return out

    def callee(self, node: Any) -> list[tuple[Any, int]]:
        """(function scope, offset) pairs: the callee's arg ``k`` is the node's input ``k + offset``."""
        fns = self.index.functions
        if node.op in fns:
            return [(fns[node.op], 0)]
        out = []
        if node.op in CALL_OPS and "f" in node.attr and node.attr["f"].func.name in fns:
            out.append((fns[node.attr["f"].func.name], 0))
        elif node.op in ("While", "StatelessWhile"):
            out.extend((fns[node.attr[a].func.name], 0) for a in ("body", "cond")
                       if a in node.attr and node.attr[a].func.name in fns)
        elif node.op in ("If", "StatelessIf"):
            out.extend((fns[node.attr[a].func.name], 1) for a in ("then_branch", "else_branch")
                       if a in node.attr and node.attr[a].func.name in fns)
        return out

    def trace(self, scope: Any, start: set[str], resolve: Callable[[str], str | None], use: InputUse,
              depth: int = 0) -> set[str]:
        """Taint forward from ``start`` (names in ``scope``); returns the tainted names of the scope."""
        if depth > MAX_DEPTH:
            return set(start)
        consumers = self.consumers(scope)
        tainted = set(start)
        carried: dict[str, set[int] | None] = {}  # call node -> the outputs that carry the input (None: all)
        stack = list(start)
        while stack:
            name = stack.pop()
            outputs = carried.get(name)
            for node, pos in consumers.get(name, ()):
                if outputs is not None and name in carried and self._out_index(scope, node.input[pos]) not in outputs:
                    continue  # an output of the call that does not depend on the input
                if node.op in DECODE_IMAGE_OPS and pos == 0 and node.op not in use.decodes:
                    use.decodes.append(node.op)
                if node.op in PARSE_EXAMPLE_OPS and pos == 0 and node.op not in use.parses:
                    use.parses.append(node.op)
                if node.op in LOOKUP_OPS and pos == 1:
                    table = resolve_in(scope, node.input[0], resolve)
                    if table and table not in use.tables:
                        use.tables.append(table)
                changed = node.name not in tainted
                callees = self.callee(node)
                if callees:
                    outs: set[int] = set()
                    for fn, offset in callees:
                        k = pos - offset
                        arg = next((a for a, i in fn.args.items() if i == k), None)
                        if arg is None:
                            continue
                        inner = self.trace(fn, {arg}, _arg_resolver(fn, node, offset, scope, resolve), use, depth + 1)
                        outs.update(i for i, r in enumerate(fn.rets) if r and _name(r) in inner)
                    if node.op in CALL_OPS or node.op in self.index.functions:
                        before = carried.get(node.name) or set()
                        carried[node.name] = before | outs
                        changed = changed or not outs <= before
                    else:
                        carried[node.name] = None  # While / If: every output (loop-carried values mix)
                if changed:
                    tainted.add(node.name)
                    stack.append(node.name)
        return tainted

    def _out_index(self, scope: Any, ref: str) -> int:
        parts = ref.split(":")
        if scope.function is None:  # top-level graph: node:port
            return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        if len(parts) == 3 and parts[2].isdigit():  # function body: node:output_arg:index
            node = scope.nodes.get(parts[0])
            if node is not None and node.op in self.index.functions:
                return self.index.functions[node.op].out_index.get(parts[1], 0) + int(parts[2])
            return int(parts[2])
        return 0


def resolve_in(scope: Any, ref: str, resolve: Callable[[str], str | None]) -> str | None:
    """The top-level node behind ``ref`` in ``scope`` (through the function arguments it is passed as)."""
    name = _name(ref)
    if scope.function is None:
        return name
    if name in scope.args:
        return resolve(name)
    return f"{scope.function}:{name}"


def _arg_resolver(fn: Any, node: Any, offset: int, caller: Any,
                  resolve: Callable[[str], str | None]) -> Callable[[str], str | None]:
    def inner(arg: str) -> str | None:
        k = fn.args.get(arg)
        if k is None or k + offset >= len(node.input):
            return None
        return resolve_in(caller, node.input[k + offset], resolve)

    return inner


def _top(_: str) -> str | None:
    return None


# --------------------------------------------------------------------------------------------- public

_USES: dict[tuple[int, str], tuple[Any, dict[str, InputUse]]] = {}


def input_uses(info: ModelInfo, signature_key: str) -> dict[str, InputUse]:
    """What the graph does with each input of signature ``signature_key`` (empty for a contract or a graph
    without the signature's placeholders).  Cached per MetaGraph and signature (validate asks per chunk)."""
    if info.meta_graph is None or signature_key not in info.signatures:
        return {}
    hit = _USES.get((id(info.meta_graph), signature_key))
    if hit is not None and hit[0] is info.meta_graph:
        return hit[1]
    if len(_USES) > 64:
        _USES.clear()
    out = _input_uses(info, signature_key)
    _USES[(id(info.meta_graph), signature_key)] = (info.meta_graph, out)
    return out


def _input_uses(info: ModelInfo, signature_key: str) -> dict[str, InputUse]:
    from .graph import graph_index

    index = graph_index(info)
    if index is None:
        return {}
    tracer = _Tracer(index)
    out: dict[str, InputUse] = {}
    for name, spec in info.signatures[signature_key].inputs.items():
        use = InputUse()
        if spec.tensor_name:
            node = _name(spec.tensor_name)
            if node in tracer.index.top.nodes:
                tracer.trace(tracer.index.top, {node}, _top, use)
        out[name] = use
    return out


def vocabularies(info: ModelInfo) -> dict[str, Vocabulary]:
    """Every lookup table whose keys can be read from the model: top-level table node → its vocabulary."""
    if info.meta_graph is None:
        return {}
    from .graph import graph_index

    index = graph_index(info)
    if index is None:
        return {}
    assets = {_name(a.tensor_info.name): a.filename for a in info.meta_graph.asset_file_def}
    top = index.top.nodes
    out: dict[str, Vocabulary] = {}

    def add(table: str | None, keys: str | None, kind: str) -> None:
        if not table or not keys or table in out:
            return
        if kind == "import":
            values = const_values(top.get(keys))
            if values:
                out[table] = Vocabulary(values[:MAX_VOCABULARY], "graph constant", table)
            return
        keys = _source(top, keys)
        filename = assets.get(keys)
        if filename is None:
            const = const_values(top.get(keys))
            filename = str(const[0]).rsplit("/", 1)[-1] if const and isinstance(const[0], str) else None
        lines = _asset_lines(info, filename) if filename else None
        if lines:
            out[table] = Vocabulary(tuple(lines[:MAX_VOCABULARY]), f"asset file {filename}", table)

    def visit(scope: Any, resolve: Callable[[str], str | None], depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        for node in scope.nodes.values():
            if node.op in ("LookupTableImportV2", "LookupTableImport") and len(node.input) >= 2:
                add(resolve_in(scope, node.input[0], resolve), resolve_in(scope, node.input[1], resolve), "import")
            elif node.op in ("InitializeTableFromTextFileV2", "InitializeTableFromTextFile") \
                    and len(node.input) >= 2 and _whole_line_keys(node):
                add(resolve_in(scope, node.input[0], resolve), resolve_in(scope, node.input[1], resolve), "file")
            else:
                for fn, offset in tracer.callee(node):
                    visit(fn, _arg_resolver(fn, node, offset, scope, resolve), depth + 1)

    tracer = _Tracer(index)
    visit(index.top, _top, 0)
    return out


def _source(top: dict[str, Any], name: str) -> str:
    """The top-level node a value comes from through ``Identity`` and a variable it was assigned to (TF2 exports
    keep an asset's path in a variable assigned from the ``asset_path_initializer`` placeholder)."""
    for _ in range(8):
        node = top.get(name)
        if node is None:
            return name
        if node.op in ("Identity", "ReadVariableOp") and node.input:
            handle = _name(node.input[0])
            if node.op == "ReadVariableOp":
                assign = next((n for n in top.values() if n.op == "AssignVariableOp" and n.input
                               and _name(n.input[0]) == handle and len(n.input) > 1), None)
                if assign is None:
                    return name
                name = _name(assign.input[1])
            else:
                name = handle
            continue
        return name
    return name


def _whole_line_keys(node: Any) -> bool:
    """``InitializeTableFromTextFileV2`` whose keys are whole lines (``key_index`` -2: TextFileIndex.WHOLE_LINE)."""
    return "key_index" not in node.attr or node.attr["key_index"].i == -2


def _asset_lines(info: ModelInfo, filename: str) -> list[str] | None:
    from .. import storage
    from ..errors import SigcheckError

    if not info.model_dir:
        return None
    try:
        data = storage.read_bytes(f"{info.model_dir.rstrip('/')}/assets/{filename}")
    except (SigcheckError, OSError):
        return None
    return [ln for ln in data.decode("utf-8", "replace").splitlines()][:MAX_VOCABULARY]


def input_vocabularies(info: ModelInfo, signature_key: str) -> dict[str, Vocabulary]:
    """Input name → the vocabulary of the lookup table the graph looks it up in (inputs looked up in one table
    whose keys can be read)."""
    tables = vocabularies(info)
    out: dict[str, Vocabulary] = {}
    for name, use in input_uses(info, signature_key).items():
        found = [tables[t] for t in use.tables if t in tables]
        if len(found) == 1:
            out[name] = found[0]
    return out


def decoded_inputs(info: ModelInfo, signature_key: str) -> dict[str, list[str]]:
    """Input name → the image decode ops it flows into (inputs that flow into none are left out)."""
    return {n: u.decodes for n, u in input_uses(info, signature_key).items() if u.decodes}


def parsed_inputs(info: ModelInfo, signature_key: str) -> dict[str, list[str]]:
    """Input name → the tf.Example parse ops it flows into as serialized Examples (inputs that flow into none are
    left out): what ``sigcheck.batch.example.input_specs`` reads the feature spec for."""
    return {n: u.parses for n, u in input_uses(info, signature_key).items() if u.parses}


_SPECS: dict[tuple[int, str], tuple[Any, dict[str, Any]]] = {}


def example_specs(info: ModelInfo, signature_key: str) -> dict[str, Any]:
    """Input name → the :class:`~sigcheck.batch.example.ExampleSpec` of the parse node it feeds, for the DT_STRING
    inputs whose values must be serialized tf.Examples (:func:`parsed_inputs`); empty for other signatures and for
    contracts.  The spec module is imported only for such models.  Cached per MetaGraph and signature (validate
    asks per chunk, batch per record)."""
    sig = info.signatures.get(signature_key)
    if sig is None or info.meta_graph is None or not any(s.dtype == "DT_STRING" for s in sig.inputs.values()):
        return {}
    key = (id(info.meta_graph), signature_key)
    hit = _SPECS.get(key)
    if hit is not None and hit[0] is info.meta_graph:
        return hit[1]
    specs: dict[str, Any] = {}
    if parsed_inputs(info, signature_key):
        from ..batch.example import input_specs

        specs = {n: s for n, s in input_specs(info, signature_key).items() if sig.inputs[n].dtype == "DT_STRING"}
    if len(_SPECS) > 64:
        _SPECS.clear()
    _SPECS[key] = (info.meta_graph, specs)
    return specs


def image_bytes_inputs(info: ModelInfo) -> list[tuple[str, Any]]:
    """(signature, input) of every DT_STRING input that takes encoded images: decoded on its path in the graph, or
    named as image bytes (``image_bytes``, ``jpeg_b64``; all a contract can tell), in signature and input order.
    ``validate`` and ``explain --model`` both pick the image-bytes signature to point at from this list."""
    out = []
    for key, sig in sorted(info.signatures.items()):
        decodes = decoded_inputs(info, key) if info.meta_graph is not None else {}
        for name, spec in sorted(sig.inputs.items()):
            if spec.dtype == "DT_STRING" and (name in decodes or image_bytes_name(name)):
                out.append((key, spec))
    return out
