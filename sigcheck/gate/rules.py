"""Gate rules: each is a generator of :class:`Diagnostic` registered by a stable id (jsonschema's keyword table).

Signature rules need only a :class:`~sigcheck.model.ModelInfo` (they work on a contract too); ``inspect`` shows
them as at-a-glance findings (with the TF-free graph and op rules, :func:`at_a_glance`) and ``gate`` applies them
with their severities.  Graph, op and size rules (which need the GraphDef or the files) are registered by the
other modules of this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from ..codec.dtypes import REST_DTYPES, dtype
from ..diagnostics import Diagnostic, Severity
from ..model.types import DEFAULT_SIGNATURE, SERVING_METHODS, ModelInfo, Signature, TensorSpec, format_shape


UNSTABLE_NAME = re.compile(r"^(keras_tensor(_\d+)?|args_\d+|inputs_\d+|input_\d+|output_\d+|outputs_\d+)$")
"""Names Keras / TensorFlow generate.  Plain ``inputs`` and ``outputs`` alone are not among them: they are the
standard names of TF Serving's classify/regress-style signatures (and of a ``call(self, inputs)`` argument), and stay
put; beside ``inputs_1`` … they are generated too (:func:`generated_names`)."""

_NUMBERED = re.compile(r"^(inputs|outputs)_\d+$")


def generated_names(names: Iterable[str]) -> set[str]:
    """The names among ``names`` (one side of one signature) that Keras / TensorFlow generated.

    ``inputs`` (``outputs``) is generated like ``inputs_1`` when both are there: TensorFlow names the tensors of a
    list argument ``inputs``, ``inputs_1``, ``inputs_2`` … by position, so the first one is as positional (and as
    unstable) as the others.  Alone, it is a standard name and stays put."""
    names = list(names)
    out = {n for n in names if UNSTABLE_NAME.match(n)}
    for n in names:
        m = _NUMBERED.match(n)
        if m and m.group(1) in names:
            out.add(m.group(1))
    return out


@dataclass(frozen=True)
class GateContext:
    """What a rule may look at."""

    info: ModelInfo
    target: str = "tf-serving"
    """``tf-serving``, ``vertex`` or ``ai-platform``."""
    options: dict[str, object] = field(default_factory=dict)
    """Rule settings: ``runtime``, ``allow_ops``, ``size_limit``, ``requests``, ``baseline``, ``predictor`` …"""


Rule = Callable[[GateContext], Iterable[Diagnostic]]


class SkipRule(Exception):
    """Raised by a rule (before yielding) when it cannot apply; the message is the reason (``checks`` says skip)."""


@dataclass(frozen=True)
class RuleInfo:
    id: str
    func: Rule
    needs_graph: bool
    summary: str
    needs_files: bool = False
    """The rule reads the model folder's files (skipped for a contract)."""


RULES: dict[str, RuleInfo] = {}


def rule(rule_id: str, summary: str, *, needs_graph: bool = False,
         needs_files: bool = False) -> Callable[[Rule], Rule]:
    """Register a rule under ``rule_id``."""

    def deco(func: Rule) -> Rule:
        if rule_id in RULES:
            raise ValueError(f"duplicate gate rule {rule_id}")
        RULES[rule_id] = RuleInfo(rule_id, func, needs_graph, summary, needs_files)
        return func

    return deco


def sig_path(sig: Signature, side: str | None = None, name: str | None = None) -> str:
    path = f"$.signatures.{sig.key}"
    if side:
        path += f".{side}"
    if name:
        path += f".{name}"
    return path


def _tensors(sig: Signature) -> Iterator[tuple[str, TensorSpec]]:
    for spec in sig.inputs.values():
        yield "inputs", spec
    for spec in sig.outputs.values():
        yield "outputs", spec


def _repair(info: ModelInfo, flag: str) -> str:
    """The ``sigcheck repair`` command line for ``info`` (TF-free; sigcheck.repair.advice)."""
    from ..repair.advice import repair_command

    return repair_command(info, flag)


@rule("signature.no_serving_default", "the model has a serving_default signature")
def no_serving_default(ctx: GateContext) -> Iterator[Diagnostic]:
    info = ctx.info
    if DEFAULT_SIGNATURE not in info.signatures:
        names = ", ".join(sorted(info.signatures)) or "none"
        yield Diagnostic(
            code="signature.no_serving_default",
            category="signature_not_found",
            severity=Severity.ERROR,
            message=f"no {DEFAULT_SIGNATURE!r} signature: requests without signature_name will fail",
            path="$.signatures",
            expected=DEFAULT_SIGNATURE,
            received=f"signatures: {names}",
            hint=f"run `{_repair(info, '--default-signature ' + (sorted(info.signatures) or ['NAME'])[0])}` (adds "
            "serving_default as a copy of that signature, in a new version), re-export with a serving_default "
            "signature (model.export() or tf.saved_model.save(..., signatures={'serving_default': fn})), or have "
            "every client send signature_name",
            upstream=f'Serving signature name: "{DEFAULT_SIGNATURE}" not found in signature def',
            subject=info.source,
        )


@rule("signature.method_name", "every signature has a method name TF Serving accepts")
def method_name(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        if sig.method_name not in SERVING_METHODS:
            yield Diagnostic(
                code="signature.method_name",
                category="signature_method_name",
                severity=Severity.ERROR if sig.key == DEFAULT_SIGNATURE else Severity.WARNING,
                message=f"signature {sig.key!r} has method_name {sig.method_name!r}, which AI Platform and "
                "TF Serving (with --enable_signature_method_name_check) refuse",
                path=sig_path(sig) + ".method_name",
                expected=" | ".join(SERVING_METHODS),
                received=repr(sig.method_name),
                hint="build the signature with method_name='tensorflow/serving/predict' "
                "(tf.compat.v1.saved_model.predict_signature_def)",
                subject=ctx.info.source,
            )


@rule("signature.no_inputs", "every signature has inputs (REST predict cannot call one without)")
def no_inputs(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        if not sig.inputs:
            yield Diagnostic(
                code="signature.no_inputs",
                severity=Severity.WARNING,
                message=f"signature {sig.key!r} has no inputs: TF Serving's REST predict API cannot call it",
                path=sig_path(sig, "inputs"),
                upstream=f"Failed to get input map for signature: {sig.key or 'DEFAULT'}",
                hint="call it over gRPC, or give it an input",
                subject=ctx.info.source,
            )


@rule("signature.fixed_batch", "inputs and outputs have a dynamic (-1) batch dimension")
def fixed_batch(ctx: GateContext) -> Iterator[Diagnostic]:
    from ..model.composite import component_roles

    for sig in ctx.info.signatures.values():
        # a SparseTensor's dense_shape (rank,) is not batched (tf.saved_model.save flattens composite inputs)
        components = component_roles(ctx.info, sig.key)
        for side, spec in _tensors(sig):
            if side == "inputs" and spec.name in components:
                continue
            if spec.shape and spec.shape[0] > 0:
                strict = side == "outputs" and ctx.target == "ai-platform"
                yield Diagnostic(
                    code="signature.fixed_batch",
                    category="fixed_batch_size_in_graph",
                    severity=Severity.ERROR if strict else Severity.WARNING,
                    message=f"{side[:-1]} {spec.name!r} of signature {sig.key!r} has a fixed batch dimension "
                    f"{spec.shape[0]} {format_shape(spec.shape)}: requests of another batch size may fail; TF "
                    "Serving does not compare declared shapes, "
                    + (f"so they fail only if a graph op uses the fixed size (a reshape to [{spec.shape[0]}, ...])"
                       if side == "inputs" else
                       f"so they fail only if the output really has {spec.shape[0]} rows whatever the batch (TF "
                       "Serving cannot split it per instance)")
                    + "; TF Serving's batching (--enable_batching) sends the model batches of other sizes"
                    + ("; AI Platform refuses to deploy outputs with a known outer dimension" if strict else ""),
                    path=sig_path(sig, side, spec.name),
                    expected=f"shape {format_shape((-1,) + spec.shape[1:])}",
                    received=f"shape {format_shape(spec.shape)}",
                    hint="re-export with a None leading dimension (tf.TensorSpec([None, ...]) / "
                    "keras.Input(shape=...) without batch_size)",
                    subject=ctx.info.source,
                )


@rule("signature.output_batch", "outputs carry the batch dimension (row-format responses need it)")
def output_batch(ctx: GateContext) -> Iterator[Diagnostic]:
    from ..codec.response import e31_no_shape
    from ..validate.checks import SCALAR_OUTPUT_EXPORT, SCALAR_OUTPUT_FIX, scalar_output_certain

    row_only = ctx.target in ("vertex", "ai-platform")  # their predict APIs take {"instances": ...} only
    for sig in ctx.info.signatures.values():
        certain = scalar_output_certain(ctx.info, sig)
        for spec in sig.outputs.values():
            if spec.known_shape == () and certain:  # (traced: a row-format request fed as declared gets a scalar)
                yield Diagnostic(
                    code="signature.rank0_output",
                    category="output_batch_dimension",
                    severity=Severity.ERROR if row_only else Severity.WARNING,
                    message=f"output {spec.name!r} of signature {sig.key!r} is a scalar (rank 0, the shape "
                    "TensorFlow traced): TF Serving cannot split it per instance, so every row-format "
                    "(\"instances\") request fails when TF Serving writes the response"
                    + (f"; {'Vertex AI' if ctx.target == 'vertex' else 'AI Platform'}'s predict sends only "
                       "row-format requests" if row_only else
                       "; the columnar (\"inputs\") format and gRPC answer it"),
                    path=sig_path(sig, "outputs", spec.name),
                    expected="a leading batch dimension, e.g. shape (-1,)",
                    received="shape ()",
                    upstream=e31_no_shape(spec.name),
                    hint=SCALAR_OUTPUT_EXPORT if row_only else SCALAR_OUTPUT_FIX,
                    subject=ctx.info.source,
                )
            elif spec.known_shape == ():  # (a shape not recorded at all is unknown, not rank 0)
                yield Diagnostic(
                    code="signature.rank0_output",
                    category="output_batch_dimension",
                    severity=Severity.WARNING,
                    message=f"output {spec.name!r} of signature {sig.key!r} declares a scalar (rank 0) output: "
                    "row-format (\"instances\") requests fail when TF Serving writes the response if the model "
                    "really returns one (TF Serving checks the real output tensor, not the declared shape; check "
                    "with `sigcheck predict`)",
                    path=sig_path(sig, "outputs", spec.name),
                    expected="a leading batch dimension, e.g. shape (-1,)",
                    received="shape ()",
                    upstream=e31_no_shape(spec.name),
                    hint="run a row-format request through it (`sigcheck predict REQUEST --model MODEL`); if that "
                    "fails, export the output with a batch dimension (tf.expand_dims / reshape to [-1, ...]), or "
                    "call it with the columnar \"inputs\" format",
                    subject=ctx.info.source,
                )
        known = {n: s.shape[0] for n, s in sig.outputs.items() if s.shape and s.shape[0] > 0}
        if len(set(known.values())) > 1:
            names = sorted(known)
            yield Diagnostic(
                code="signature.output_batch_mismatch",
                category="output_batch_dimension",
                severity=Severity.WARNING,
                message=f"outputs of signature {sig.key!r} declare different batch sizes "
                + ", ".join(f"{n}={known[n]}" for n in names)
                + ": row-format (\"instances\") responses fail if the model really returns these sizes (TF Serving "
                "checks the real output tensors, not the declared shapes; check with `sigcheck predict`)",
                path=sig_path(sig, "outputs"),
                upstream=f"Tensor name: {names[1]} has inconsistent batch size: {known[names[1]]} "
                f"expecting: {known[names[0]]}",
                hint="run a row-format request through it (`sigcheck predict REQUEST --model MODEL`); if that "
                "fails, give every output the same leading batch dimension as the inputs",
                subject=ctx.info.source,
            )


@rule("signature.rest_dtype", "every input and output dtype can be carried by the REST JSON API")
def rest_dtype(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        if not sig.inputs:
            continue
        for side, spec in _tensors(sig):
            base = spec.dtype.removesuffix("_REF")
            if spec.encoding != "dense" or base in REST_DTYPES:
                continue
            half = base in ("DT_HALF", "DT_BFLOAT16")
            dtstr = dtype(base).tf_name
            yield Diagnostic(
                code="signature.rest_dtype",
                category="dtype_unsupported_half" if half else None,
                severity=Severity.ERROR,
                message=f"{side[:-1]} {spec.name!r} of signature {sig.key!r} is {spec.dtype}, which TF Serving's "
                "REST JSON API cannot " + ("read" if side == "inputs" else "write"),
                path=sig_path(sig, side, spec.name),
                expected="one of " + ", ".join(sorted(REST_DTYPES)),
                received=spec.dtype,
                upstream=(f"Failed to write JSON value for tensor type: {dtstr}" if side == "outputs"
                          else f"Conversion of JSON Value: ... to type: {dtstr}"),
                hint="export the signature with float32 " + side + " and cast inside the graph (or use gRPC)",
                subject=ctx.info.source,
            )


@rule("signature.sparse_output", "outputs are dense tensors")
def sparse_output(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        for spec in sig.outputs.values():
            if spec.encoding != "dense":
                yield Diagnostic(
                    code="signature.sparse_output",
                    category="sparse_output_in_signature",
                    severity=Severity.ERROR,
                    message=f"output {spec.name!r} of signature {sig.key!r} is a {spec.encoding} tensor: "
                    "TF Serving fetches it by an empty tensor name and fails",
                    path=sig_path(sig, "outputs", spec.name),
                    hint="convert it to a dense tensor (tf.sparse.to_dense) before building the signature",
                    subject=ctx.info.source,
                )


@rule("signature.scalar_input", "inputs are not scalars (row format and batching add a batch dimension)")
def scalar_input(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        for spec in sig.inputs.values():
            if spec.known_shape == ():
                yield Diagnostic(
                    code="signature.scalar_input",
                    category="scalar_input",
                    severity=Severity.WARNING,
                    message=f"input {spec.name!r} of signature {sig.key!r} is a scalar (rank 0): row-format "
                    "requests send it with a batch dimension",
                    path=sig_path(sig, "inputs", spec.name),
                    received="shape ()",
                    hint="give the input a batch dimension, bake it in as a constant, or send it with the "
                    "columnar \"inputs\" format",
                    subject=ctx.info.source,
                )


@rule("signature.input_output_same_tensor", "no tensor is both an input and an output")
def input_output_same_tensor(ctx: GateContext) -> Iterator[Diagnostic]:
    for sig in ctx.info.signatures.values():
        ins = {s.tensor_name: n for n, s in sig.inputs.items() if s.tensor_name}
        for spec in sig.outputs.values():
            if spec.tensor_name and spec.tensor_name in ins:
                yield Diagnostic(
                    code="signature.input_output_same_tensor",
                    category="input_output_same_tensor",
                    severity=Severity.ERROR,
                    message=f"output {spec.name!r} of signature {sig.key!r} is the same tensor "
                    f"({spec.tensor_name}) as input {ins[spec.tensor_name]!r}",
                    path=sig_path(sig, "outputs", spec.name),
                    hint="remove it from the outputs, or export tf.identity(input) as the output",
                    subject=ctx.info.source,
                )


def _interface(sig: Signature) -> tuple:
    """What a client sees of a signature: its method, and each input's and output's name, dtype and shape."""
    def side(specs: Mapping[str, TensorSpec]) -> tuple:
        return tuple(sorted((n, s.dtype, None if s.shape is None else tuple(s.shape), s.encoding)
                            for n, s in specs.items()))

    return sig.method_name, side(sig.inputs), side(sig.outputs)


def same_interface_groups(info: ModelInfo) -> list[list[Signature]]:
    """The signatures grouped by identical interface (Keras 3's ``model.export()`` writes ``serving_default`` and
    ``serve`` over one function), ``serving_default`` first, then by name; a signature alone is a group of one."""
    groups: dict[tuple, list[Signature]] = {}
    for key in sorted(info.signatures, key=lambda k: (k != DEFAULT_SIGNATURE, k)):
        sig = info.signatures[key]
        groups.setdefault(_interface(sig), []).append(sig)
    return list(groups.values())


def _signatures_phrase(group: Sequence[Signature]) -> str:
    """``signature 'x'``, or for signatures that share one interface ``signatures 'a' and 'b' (…)``."""
    if len(group) == 1:
        return f"signature {group[0].key!r}"
    names = [repr(s.key) for s in group]
    why = (", as Keras 3's model.export() writes them" if {s.key for s in group} == {DEFAULT_SIGNATURE, "serve"}
           else "")
    return f"signatures {', '.join(names[:-1])} and {names[-1]} (the same inputs and outputs{why})"


@rule("signature.unstable_names", "input and output names are meaningful (not keras_tensor_N, args_0, …)")
def unstable_names(ctx: GateContext) -> Iterator[Diagnostic]:
    for group in same_interface_groups(ctx.info):  # (one finding per name for signatures that share it)
        sig = group[0]
        generated = {"inputs": generated_names(sig.inputs), "outputs": generated_names(sig.outputs)}
        for side, spec in _tensors(sig):
            if spec.name in generated[side]:
                yield Diagnostic(
                    code="signature.unstable_names",
                    severity=Severity.WARNING,
                    message=f"{side[:-1]} {spec.name!r} of {_signatures_phrase(group)} has a generated name that "
                    "changes when the model is rebuilt; clients keyed on it break silently"
                    + (f" (TensorFlow names the tensors of a list argument {spec.name!r}, {spec.name + '_1'!r} … by "
                       "position)" if spec.name in ("inputs", "outputs") else ""),
                    path=sig_path(sig, side, spec.name),
                    received=repr(spec.name),
                    hint=f"run `{_repair(ctx.info, f'--rename {spec.name}=NEW_NAME')}` (a new version with the name "
                    "you choose), name the Keras inputs/outputs (keras.Input(name=...), Model(outputs={'name': ...})), "
                    "or export with `sigcheck export --from MODEL`",
                    subject=ctx.info.source,
                )


SIGNATURE_RULES = tuple(r for r in RULES if r.startswith("signature."))


def signature_diagnostics(info: ModelInfo, *, target: str = "tf-serving") -> list[Diagnostic]:
    """Run every signature rule (no GraphDef needed) over ``info``."""
    ctx = GateContext(info=info, target=target)
    out: list[Diagnostic] = []
    for rid in SIGNATURE_RULES:
        out.extend(RULES[rid].func(ctx))
    return out


GLANCE_GRAPH_RULES = ("graph.unfed_placeholder", "graph.unrestored_variable", "op.unsafe", "op.unregistered")
"""Graph and op rules that need neither TensorFlow nor settings (``--runtime``, requests …): ``inspect`` shows what
they find under the signatures.  ``op.unregistered`` also reports ``op.python_function``."""


def at_a_glance(info: ModelInfo, *, target: str = "tf-serving") -> list[Diagnostic]:
    """What ``inspect`` shows under the signatures: every signature rule, then (when ``info`` has a GraphDef) the
    rules of :data:`GLANCE_GRAPH_RULES`, run from this registry exactly as ``gate`` runs them."""
    out = signature_diagnostics(info, target=target)
    if not info.has_graph:
        return out
    from . import graph_rules as _graph_rules  # noqa: F401  # registers; same order as the runner's  # isort: skip
    from . import ops as _ops  # noqa: F401  # isort: skip

    ctx = GateContext(info=info, target=target)
    for rid in GLANCE_GRAPH_RULES:
        try:
            out.extend(RULES[rid].func(ctx))
        except SkipRule:
            continue
    return out
