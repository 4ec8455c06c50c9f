"""The one op table of the safety scan: an allow-list of every TensorFlow op, by category, read from data.

``op_classes.json`` (beside this module) lists every op registered in the TensorFlow it was generated from
(``scripts/make_op_classes.py`` reads TensorFlow's own registry) with one category; each category is
``allowed`` (computes only: math, nn, arrays, control flow, strings, image/audio decoding, parsing, in-memory
state, lookup tables, in-memory tf.data), ``conditional`` (allowed in some cases only, checked here or by
:mod:`sigcheck.model.safety`) or ``refused`` (files, checkpoints written, Python, the process, sleeps, waits,
other machines, TPU, nested graphs, internal and test ops).  An op the table does not hold — a newer TensorFlow's,
a custom op library's — is refused as ``unknown``.

Both ``sigcheck predict``'s refusal (:mod:`sigcheck.model.safety`) and the gate's ``op.unsafe`` /
``op.python_function`` rules read this table, so they always agree on what a model may not run.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

# Walks of the scan in which an op may be expected (see OpRule.expected_in).
RESTORE = "restore"
"""The walk from the saver's restore op (load time)."""
WHOLE_GRAPH = "whole_graph"
"""The walk over the whole graph, when no saver and no init op are known (load time)."""
EVERYWHERE = "everywhere"

ALLOWED, CONDITIONAL, REFUSED = "allowed", "conditional", "refused"
UNKNOWN = "unknown"

PRINT_STREAMS = frozenset({"stderr", "log(info)", "log(warning)", "log(error)"})
"""``PrintV2`` output streams that leave the answer alone (stdout is predict's answer stream)."""
DEBUG_ATTRS = ("debug_urls", "debug_ops_spec")
DESCRIPTOR_SOURCES = ("local://", "bytes://")
"""``descriptor_source`` values that read no file: the linked-in pool, or descriptors inline in the attr."""


@dataclass(frozen=True, slots=True)
class OpRule:
    """What the scan knows about one op."""

    kind: str
    """The category (``math``, ``file_read``, ``restore``, ``asset_file`` …; ``python`` for py_func ops)."""
    reason: str
    """What it does, in a few words (said in the refusal and the gate finding)."""
    decision: str = REFUSED
    """``allowed``, ``conditional`` or ``refused``."""
    expected_in: frozenset[str] = frozenset()
    """Walks in which the op is allowed although refused elsewhere (``restore``, ``whole_graph``)."""


def _load() -> tuple[str, dict[str, OpRule]]:
    path = os.path.join(os.path.dirname(__file__), "op_classes.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    categories = data["categories"]
    expected = {"restore": frozenset({RESTORE, WHOLE_GRAPH}), "checkpoint_write": frozenset({WHOLE_GRAPH})}
    rules = {name: OpRule(name, c["reason"], c["decision"], expected.get(name, frozenset()))
             for name, c in categories.items()}
    return str(data["tensorflow_version"]), {op: rules[kind] for op, kind in data["ops"].items()}


TENSORFLOW_VERSION, OPS = _load()
"""Every op of the TensorFlow the table was generated from → its :class:`OpRule`."""

UNKNOWN_RULE = OpRule(UNKNOWN, f"an op sigcheck does not know (not registered in TensorFlow {TENSORFLOW_VERSION})")


def rule_of(op: str) -> OpRule:
    return OPS.get(op, UNKNOWN_RULE)


def is_allowed(op: str) -> bool:
    """Allowed whatever its attributes, inputs and walk (computes only)."""
    rule = OPS.get(op)
    return rule is not None and rule.decision == ALLOWED


def ops_of_kind(kind: str) -> frozenset[str]:
    return frozenset(op for op, r in OPS.items() if r.kind == kind)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def attr_refusal(node: Any, rule: OpRule) -> str | None:
    """For a conditional op decided by its attributes: why it is refused, or None when it is allowed.

    Returns ``""`` when the op's condition is not about attributes (decided by the scan from its inputs).
    """
    if rule.kind == "print":
        stream = _text(node.attr["output_stream"].s) if "output_stream" in node.attr else "stderr"
        if stream in PRINT_STREAMS:
            return None
        if stream == "stdout":
            return "prints to stdout, the answer stream"
        return f"prints to a file ({stream[:200]})" if stream.startswith("file://") else f"prints to {stream[:200]}"
    if rule.kind == "debug":
        urls = [_text(s) for a in DEBUG_ATTRS if a in node.attr for s in node.attr[a].list.s]
        return f"dumps tensors to {', '.join(urls)}" if urls else None
    if rule.kind == "proto_descriptor":
        source = _text(node.attr["descriptor_source"].s) if "descriptor_source" in node.attr else "local://"
        if source.startswith(DESCRIPTOR_SOURCES):
            return None
        return f"reads protobuf descriptors from the file {source[:200]}"
    return ""
