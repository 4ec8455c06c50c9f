"""Gate rules that read the GraphDef: placeholders a signature needs but does not feed."""

from __future__ import annotations

from typing import Iterator

from ..codec.dtypes import dtype
from ..diagnostics import Diagnostic, Severity, quoted
from ..model.graph import UnfedPlaceholder, unfed_placeholders
from ..model.types import format_shape
from .rules import GateContext, rule, sig_path

LEARNING_PHASE = "keras_learning_phase"


def _is_learning_phase(p: UnfedPlaceholder) -> bool:
    return LEARNING_PHASE in p.name.rsplit("/", 1)[-1]


def _upstream(p: UnfedPlaceholder) -> str:
    """TensorFlow's PlaceholderOp error: the shape clause only for a known rank >= 1, unknown dims as ``?``."""
    text = f"You must feed a value for placeholder tensor '{p.name}' with dtype {dtype(p.dtype).tf_name}"
    if p.shape:
        text += " and shape [" + ",".join("?" if d < 0 else str(d) for d in p.shape) + "]"
    return text


@rule("graph.unfed_placeholder", "no signature depends on a placeholder it does not feed (keep_prob, "
      "keras_learning_phase)", needs_graph=True)
def unfed_placeholder(ctx: GateContext) -> Iterator[Diagnostic]:
    for key, sig in sorted(ctx.info.signatures.items()):
        for p in unfed_placeholders(ctx.info, key):
            learning = _is_learning_phase(p)
            where = "" if p.location == p.name else f" (inside function {p.location.split(':', 1)[0]})"
            yield Diagnostic(
                code="graph.unfed_placeholder",
                category="keras_learning_phase" if learning else "unfed_placeholder",
                severity=Severity.ERROR,
                message=f"output {quoted(p.needed_by)} of signature {quoted(key)} depends on placeholder {quoted(p.name)}{where} "
                f"({p.dtype}, shape {format_shape(p.shape)}), which the signature does not feed: every request "
                "to it fails",
                path=sig_path(sig, "outputs", p.needed_by),
                expected="every placeholder the outputs need is a signature input",
                received=f"unfed placeholder {quoted(p.name)}",
                hint=(
                    "call tf.keras.backend.set_learning_phase(0) before building the model you export (load the "
                    "weights into that fresh graph), then re-export"
                    if learning
                    else f"replace {quoted(p.name)} with a constant or tf.compat.v1.placeholder_with_default before "
                    "exporting, or add it to the signature's inputs and send it with every request"
                ),
                upstream=_upstream(p),
                subject=ctx.info.source,
            )
