"""Gate rules that read the GraphDef: placeholders a signature needs but does not feed, variables a session load
never restores."""

from __future__ import annotations

from typing import Iterator

from ..codec.dtypes import dtype
from ..diagnostics import Diagnostic, Severity, quoted
from ..model.graph import UnfedPlaceholder, unfed_placeholders, unrestored_variables
from ..model.types import ModelInfo, format_shape
from ..repair.advice import repair_command
from ..repair.values import inference_value
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


def _placeholder_hint(p: UnfedPlaceholder, info: ModelInfo, others: list[UnfedPlaceholder]) -> str:
    """``sigcheck repair`` first, then a recipe by hand that works on TensorFlow 2 (set_learning_phase is gone):
    load the graph with the placeholders (``p`` and the ``others`` its signature leaves unfed) mapped to constants
    (the loader passes ``input_map`` to ``import_meta_graph``) and save it again with its variables."""
    if p.location != p.name:  # inside a library function: an input_map cannot reach it
        return (f"re-export with {quoted(p.name)} replaced by a constant, or by "
                "tf.compat.v1.placeholder_with_default(VALUE, shape), in the function that uses it")
    every = [p] + [o for o in others if o.location == o.name and o.name != p.name]
    values = {o.name: inference_value(o.name, o.dtype) for o in every}
    feeds = [f"--feed {o.name}=VALUE" for o in every if values[o.name] is None]
    mapped = ", ".join(f"{o.tensor_name!r}: tf.constant("
                       f"{values[o.name].literal() if values[o.name] is not None else 'VALUE'}, "  # type: ignore[union-attr]
                       f"tf.{dtype(o.dtype).numpy or o.dtype.removeprefix('DT_').lower()})" for o in every)
    tags = list(info.tags) or ["serve"]
    recipe = ("with tf.Graph().as_default(), tf.compat.v1.Session() as s: "
              f"meta = tf.compat.v1.saved_model.loader.load(s, {tags!r}, {info.model_dir or info.source!r}, "
              f"input_map={{{mapped}}}); b = tf.compat.v1.saved_model.Builder('NEW_VERSION_DIR'); "
              f"b.add_meta_graph_and_variables(s, {tags!r}, signature_def_map=meta.signature_def); b.save()")
    value = values[p.name]
    binds = (f"binds {quoted(p.name)} to {value.literal()}: {value.reason}" if value is not None
             else f"binds {quoted(p.name)} to the value you give")
    return (f"run `{repair_command(info, *feeds)}` ({binds}, and writes a new version checked against the "
            "original); by hand on TensorFlow 2 (there is no tf.keras.backend.set_learning_phase any more): "
            f"`{recipe}`")


def _outputs_phrase(p: UnfedPlaceholder) -> str:
    """'output "y"' or 'outputs "cls" and "y"': every output of the signature that needs the placeholder."""
    names = [quoted(o) for o in (p.outputs or (p.needed_by,))]
    if len(names) == 1:
        return f"output {names[0]}"
    if len(names) > 4:
        names = names[:3] + [f"{len(names) - 3} more"]
    return f"outputs {', '.join(names[:-1])} and {names[-1]}"


@rule("graph.unfed_placeholder", "no signature depends on a placeholder it does not feed (keep_prob, "
      "keras_learning_phase)", needs_graph=True)
def unfed_placeholder(ctx: GateContext) -> Iterator[Diagnostic]:
    for key, sig in sorted(ctx.info.signatures.items()):
        unfed = unfed_placeholders(ctx.info, key)
        for p in unfed:
            learning = _is_learning_phase(p)
            where = "" if p.location == p.name else f" (inside function {p.location.split(':', 1)[0]})"
            yield Diagnostic(
                code="graph.unfed_placeholder",
                category="keras_learning_phase" if learning else "unfed_placeholder",
                severity=Severity.ERROR,
                message=f"{_outputs_phrase(p)} of signature {quoted(key)} "
                f"{'depend' if len(p.outputs) > 1 else 'depends'} on placeholder {quoted(p.name)}{where} "
                f"({p.dtype}, shape {format_shape(p.shape)}), which the signature does not feed: every request "
                "to it fails",
                path=sig_path(sig, "outputs", p.needed_by),
                expected="every placeholder the outputs need is a signature input",
                received=f"unfed placeholder {quoted(p.name)}",
                hint=_placeholder_hint(p, ctx.info, unfed),
                upstream=_upstream(p),
                subject=ctx.info.source,
            )


@rule("graph.unrestored_variable", "every variable a signature reads is restored when TF Serving loads the model "
      "(a Keras 3 model written with tf.saved_model.save is not)", needs_graph=True)
def unrestored_variable(ctx: GateContext) -> Iterator[Diagnostic]:
    for key, sig in sorted(ctx.info.signatures.items()):
        found = unrestored_variables(ctx.info, key)
        if not found:
            continue
        names = ", ".join(quoted(v.name) for v in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
        yield Diagnostic(
            code="graph.unrestored_variable",
            category="variables_not_restored",
            severity=Severity.ERROR,
            message=f"signature {quoted(key)} reads variable{'s' if len(found) > 1 else ''} {names} that loading "
            "the model in a session (as TF Serving does) never restores: every request fails; tf.saved_model.load "
            "still runs it (a Keras 3 model written with tf.saved_model.save instead of model.export)",
            path=sig_path(sig),
            expected="every variable the signature reads is restored from variables/ by the saver",
            received=f"{len(found)} variable(s) outside the checkpoint's restore op",
            hint=f"run `{repair_command(ctx.info)}` (re-saves the signatures with their "
            "variables tracked); by hand: export the Keras model with model.export(path) (or keras.export."
            "ExportArchive), or load it with tf.saved_model.load and tf.saved_model.save a tf.Module holding the "
            "loaded object with its signatures",
            upstream=f"Could not find variable {found[0].name}. This could mean that the variable has been "
            "deleted. In TF1, it can also mean the variable is uninitialized.",
            subject=ctx.info.source,
        )
