"""What stops a model from answering any request, whatever the request: the one list every command asks.

A request can be perfect and still fail on every call: an output needs a placeholder the signature does not feed
(``keras_learning_phase``, ``keep_prob``), TF Serving's session load never restores the variables a signature reads
(a Keras 3 model written with ``tf.saved_model.save``), an op is registered in no stock TensorFlow (or is a Python
function), the op scan refuses the model (file or system access), or ``variables/`` is incomplete.  The gate's
rules for these (:data:`BLOCKER_RULES`) decide; ``validate`` reports their errors as its own (exit 1), ``sample``
and ``schema`` say why their output cannot succeed, ``inspect`` and ``gate`` show them as they always did.  Nothing
here imports TensorFlow.
"""

from __future__ import annotations

import threading
import weakref
from typing import Iterable

from ..diagnostics import Diagnostic, Severity
from ..model.types import ModelInfo

BLOCKER_RULES = ("graph.unfed_placeholder", "graph.unrestored_variable", "op.unregistered", "op.unsafe",
                 "files.variables")
"""Gate rules whose error findings mean the model cannot answer (a signature's or every) request."""

_CACHE: dict[int, tuple[weakref.ref, list[Diagnostic]]] = {}
_LOCK = threading.Lock()


def _all_blockers(info: ModelInfo) -> list[Diagnostic]:
    from . import files as _files  # noqa: F401  # (registers the rules; no TensorFlow)  # isort: skip
    from . import graph_rules as _graph_rules  # noqa: F401  # isort: skip
    from . import ops as _ops  # noqa: F401  # isort: skip
    from .rules import RULES, GateContext, SkipRule

    found: list[Diagnostic] = []
    ctx = GateContext(info)
    for rule_id in BLOCKER_RULES:
        rule = RULES.get(rule_id)
        if rule is None or (rule.needs_graph and not info.has_graph) or (rule.needs_files and not info.files):
            continue
        try:
            found.extend(f for f in rule.func(ctx) if f.severity is Severity.ERROR)
        except SkipRule:
            continue
    return found


def model_blockers(info: ModelInfo, signature: str | None = None) -> list[Diagnostic]:
    """The error findings of :data:`BLOCKER_RULES` for ``info`` (computed once per model), those about other
    signatures left out when ``signature`` is given.  Empty for a signature contract (no graph to read)."""
    key = id(info)
    with _LOCK:
        cached = _CACHE.get(key)
        found = cached[1] if cached is not None and cached[0]() is info else None
    if found is None:
        found = _all_blockers(info)
        with _LOCK:
            _CACHE[key] = (weakref.ref(info, lambda _ref, k=key: _CACHE.pop(k, None)), found)
    return [f for f in found if signature is None or _concerns(f, signature)]


def _concerns(finding: Diagnostic, signature: str) -> bool:
    """A finding about signature ``signature``, or about the whole model (load, ops, files)."""
    prefix = "$.signatures."
    if not finding.path.startswith(prefix):
        return True
    rest = finding.path[len(prefix):]
    return rest == signature or rest.startswith(signature + ".")


def summary(blockers: Iterable[Diagnostic]) -> str:
    """One sentence for ``sample`` / ``schema``: why no request can succeed."""
    found = list(blockers)
    first = found[0]
    more = f" (and {len(found) - 1} more: `sigcheck gate` lists them)" if len(found) > 1 else ""
    return f"no request can succeed until the model is fixed: {first.message}{more}"
