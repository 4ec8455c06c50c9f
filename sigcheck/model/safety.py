"""Op safety scan: a SavedModel is a program, so list what it would run that touches files or the system.

The scan reads the MetaGraph with sigcheck's own protobuf messages (no TensorFlow) and walks
(:mod:`sigcheck.model.graph`) what TF Serving would execute:

* at load time: the saver's restore op (checkpoint reads of the model's own variables are expected there) and the
  init op (``__saved_model_init_op``, or the ``saved_model_main_op`` / ``legacy_init_op`` collection);
* at request time: every signature's outputs, stopping at the tensors the signature feeds.

The walk follows node inputs (data and control) through the graph and into the functions they call
(``StatefulPartitionedCall``, a call by name, ``If``/``While``/dataset functions …), where the ops of the table
run whenever their function runs.  What it reports is decided by the one op table, :data:`sigcheck.model.ops.OPS`
(file reads and writes, checkpoint ops outside the restore path, summary writers, ``PrintV2`` to a ``file://``
stream, debug ops with dump URLs, ``py_func``-style ops, file-system configuration, remote calls).

Ops not reachable from those roots (a TF1 graph's leftover training input pipeline, the saver's save path) never
run in TF Serving and are not reported.  ``sigcheck predict`` refuses a model with findings
(:func:`check_model`); the gate reports them as ``op.unsafe``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..errors import ModelError
from .graph import INIT_OP_SIGNATURE, index_of, load_roots, reached_nodes, signature_reach
from .ops import RESTORE, WHOLE_GRAPH, unsafe_reason
from .types import ModelInfo


@dataclass(frozen=True, slots=True)
class UnsafeOp:
    """One op the model would run that touches files or the system."""

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
    """The model would run ops that touch files or the system, and ``--allow-unsafe-ops`` was not given."""

    def __init__(self, location: str, found: list[UnsafeOp]) -> None:
        first = found[0]
        more = f" (and {len(found) - 1} more: {', '.join(sorted({f.op for f in found[1:]}))})" if found[1:] else ""
        super().__init__(
            f"{location}: refusing to run this model: it contains {first.describe()}{more}",
            hint="a SavedModel is a program; inspect it (sigcheck inspect, saved_model_cli show --all), and if "
                 "you trust it, re-run with --allow-unsafe-ops",
        )
        self.found = found


def scan_meta_graph(meta_graph: Any) -> list[UnsafeOp]:
    """Every unsafe op TF Serving would run for this MetaGraph (load time and any signature), predict-time first."""
    index = index_of(meta_graph)
    roots = load_roots(meta_graph)
    found: dict[tuple[str, str], UnsafeOp] = {}

    def collect(reached: dict[str, tuple[Any, Any]], walk: str, when: str, signature: str | None = None) -> None:
        for location, (scope, node) in reached.items():
            reason = unsafe_reason(node, walk)
            if reason is None:
                continue
            key = (node.op, location)
            hit = found.get(key)
            if hit is None:
                where = "graph" if scope.function is None else f"function {scope.function}"
                hit = found[key] = UnsafeOp(node.op, node.name, where, reason, when)
            if signature and signature not in hit.signatures:
                found[key] = replace(hit, signatures=tuple(sorted((*hit.signatures, signature))))

    if roots.restore_op:
        collect(reached_nodes(index, [roots.restore_op], every_call_input=True), RESTORE, "load")
    collect(reached_nodes(index, list(roots.init), every_call_input=True), "init", "load")
    for key, sig in sorted(meta_graph.signature_def.items()):
        if key != INIT_OP_SIGNATURE:
            collect(signature_reach(index, key, sig, every_call_input=True).reached, "predict", "predict", key)
    if roots.restore_op is None and not roots.init:
        # No saver and no init op known (no variables, or a saved_model.pbtxt, whose text parse drops the saver
        # and collections sigcheck does not declare): anything in the graph may run at load time.  Checkpoint
        # ops are expected in every saver, so they are not reported here.
        collect(reached_nodes(index, list(index.top.nodes), every_call_input=True), WHOLE_GRAPH, "load")
    return sorted(found.values(), key=lambda u: (u.when != "predict", u.where != "graph", u.where, u.node))


def check_model(info: ModelInfo, *, allow_unsafe_ops: bool = False) -> list[UnsafeOp]:
    """Scan ``info``'s MetaGraph; raise :class:`UnsafeModelError` unless ``allow_unsafe_ops``.

    Returns what was found (empty for a clean model; the allowed ops when ``allow_unsafe_ops``).
    """
    if info.meta_graph is None:
        raise ModelError(
            f"{info.source}: a signature contract has no graph to run",
            hint="pass the SavedModel folder (saved_model.pb + variables/) to run a prediction",
        )
    found = scan_meta_graph(info.meta_graph)
    if found and not allow_unsafe_ops:
        raise UnsafeModelError(info.model_dir or info.source, found)
    return found
