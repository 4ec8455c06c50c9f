"""Refiners of shape readings: batch levels, rank, fixed batch sizes in the graph, reshapes, MatMul features."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ...codec.dtypes import dtype as dtype_entry
from ...codec.shapes import dense_shape
from ..diagnosis import Diagnosis, make_diagnosis
from ..evidence import format_shape

if TYPE_CHECKING:
    from ...model.types import ModelInfo, Signature, TensorSpec
    from ..catalogue import Catalogue

from .base import *  # noqa: F403
from .base import __all__ as _base_names  # noqa: F401

RANK_OPS = {
    4: frozenset({"Conv2D", "DepthwiseConv2dNative", "Conv2DBackpropInput", "MaxPool", "MaxPoolV2", "AvgPool",
                  "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3", "ResizeBilinear", "ResizeNearestNeighbor",
                  "ResizeBicubic", "ResizeArea", "SpaceToDepth", "DepthToSpace", "LRN", "CropAndResize"}),
    5: frozenset({"Conv3D", "Conv3DBackpropInputV2", "MaxPool3D", "AvgPool3D"}),
}
"""Ops that check for a rank-4 (images, NHWC) or rank-5 (volumes) input: ``input must be 4-dimensional``."""


def _failing_op(d: Diagnosis) -> str | None:
    """The op named in the error (``[[Node: x = Conv2D[…]``, or the last part of a node name that is a stock op)."""
    op = d.evidence.get("op")
    if isinstance(op, str) and op:
        return op
    node = d.evidence.get("node")
    if isinstance(node, str) and node:
        from ..facts import stock_ops

        last = node.rsplit("/", 1)[-1]
        stock = stock_ops()
        if stock is not None and last in stock[1]:
            return last
    return None


def _op_contradicts(d: Diagnosis, ctx: Context) -> bool:
    """The graph has no op that could have raised this rank error: the model you gave contradicts the reading."""
    if ctx.info is None or ctx.info.meta_graph is None:
        return False
    ops = ctx.ops()
    if not ops:
        return False
    op = _failing_op(d)
    if op is not None:
        if op in ops:
            return False
        refute(d, f"the model you gave contradicts this reading: it has no {op} op, so the error came from another "
                  "model (check which model the server really loaded)", 0.4)
        return True
    family = RANK_OPS.get(d.evidence.get("want_rank"))  # type: ignore[arg-type]
    if family and not family & set(ops):
        kind = "image (convolution, pooling, resize)" if d.evidence.get("want_rank") == 4 else "volume (3-D)"
        refute(d, f"the model you gave contradicts this reading: none of its ops takes a rank-"
                  f"{d.evidence.get('want_rank')} {kind} tensor, so the error came from another model (check which "
                  "model the server really loaded)", 0.4)
        return True
    return False


@refiner("extra_batch_dimension", "missing_batch_dimension")
def _batch_levels(d: Diagnosis, ctx: Context) -> None:
    if d.category == "missing_batch_dimension" and not re.search(r"/v1/models|:predict|\b404\b|[Mm]alformed request",
                                                                 ctx.text):
        d.steps = [s for s in d.steps if ":predict verb" not in s]  # the URL is not in question: the shape is
    if _op_contradicts(d, ctx):
        return
    short = short_of_last_one(ctx) if d.category == "missing_batch_dimension" else []
    if short:  # the level missing is the last one (a channel or a (-1, 1) input's), not the batch
        refute(d, f"your request sends {short[0][0].name} {format_shape(short[0][1])} where signature "
                  f"{ctx.signature_key} declares {spec_shape(short[0][0])}: the batch is there, each example lacks "
                  "its trailing axis of 1", 0.35)
        added = make(ctx, "input_shape_mismatch", min(0.97, d.confidence + 0.4), {"input": short[0][0].name})
        wrap_reading(added, ctx, short)
        ctx.added.append(added)
        return
    spec = pick_input(ctx, d)
    if spec is None or spec.shape is None:
        return
    want = d.evidence.get("want_rank")
    if d.category == "extra_batch_dimension" and spec.dtype == "DT_STRING" and isinstance(want, int) \
            and want > len(spec.shape):
        _rank_error_behind_strings(d, ctx, spec, want)
        return
    per_example = list(spec.shape[1:])
    if d.variant == "flattened_rows":
        _flattened_rows(d, ctx, spec)
        return
    sent, where = sent_per_instance(ctx, d, spec)
    if sent is None:
        return
    key = ctx.signature_key
    diff = len(sent) - len(per_example)
    what = "your request sends" if where == "request" else "the model received"
    head = (f"signature {key} takes {spec.name} {spec_shape(spec)}; {what} {format_shape(sent)} per instance")
    tail_ok = not per_example or all(a == b or b < 0 for a, b in zip(sent[-len(per_example):], per_example))
    if d.category == "extra_batch_dimension":
        if diff <= 0:
            refute(d, f"{head}: that is not too deep for this signature"
                      f"{', so the request you gave is not the one that failed' if where == 'request' else ''}")
            return
        d.cause = f"{head}: remove {_levels(diff)} (or run sigcheck validate --fix)."
        if spec.dtype == "DT_STRING" and not per_example:
            lead(d, f"Send one {{\"b64\": ...}} per instance for {spec.name}, not a list of them: remove "
                    f"{_levels(diff)}, e.g. {{\"instances\": [{{\"b64\": \"<image 1>\"}}, {{\"b64\": \"<image 2>\"}}]}}.")
        else:
            lead(d, f"Remove {_levels(diff)} around each instance so it has shape {format_shape(per_example)}.")
        if tail_ok:
            confirm(d, f"the trailing dimensions {format_shape(sent[diff:])} match the signature's per-example "
                       f"shape", 0.05)
        else:
            note(d, f"the trailing dimensions {format_shape(sent[diff:])} differ from the signature's per-example "
                    f"shape {format_shape(per_example)} too: resize them as well, or the error came from another "
                    "model")
    else:
        if diff >= 0:
            refute(d, f"{head}: that is not too shallow for this signature"
                      f"{', so the request you gave is not the one that failed' if where == 'request' else ''}")
            return
        got = d.evidence.get("got_shape")
        if where == "error" and isinstance(got, list) and len(got) >= 2 and got[0] == 1 \
                and _agree(got[1:], per_example[:len(got) - 1]):
            many = -diff > 1
            refute(d, f"the model received {format_shape(got)}: one instance whose trailing "
                      f"dimension{'s' if many else ''} {format_shape(per_example[len(got) - 1:])} "
                      f"{'are' if many else 'is'} missing, not a missing batch level", 0.35)
            ctx_add(ctx, "input_shape_mismatch", 0.8, {**d.evidence, "want_shape": list(spec.shape)},
                    f"signature {key} takes {spec.name} {spec_shape(spec)}; each instance lacks the trailing "
                    f"{format_shape(per_example[len(got) - 1:])}")
            return
        d.cause = f"{head}, but each instance must be {format_shape(per_example)}: add {_levels(-diff)}."
        if not sent and d.evidence.get("got_shape"):
            n = d.evidence["got_shape"][0]
            d.cause += f" The {n} values were sent as {n} separate instances."
        lead(d, f"Send each example as one instance of shape {format_shape(per_example)}, e.g. "
                          f"{{\"instances\": [x.tolist()]}} for a single example.")
        confirm(d, f"signature {key} wants rank {len(per_example)} per instance", 0.05)


def _rank_error_behind_strings(d: Diagnosis, ctx: Context, spec: "TensorSpec", want: int) -> None:
    """A rank-``want`` error of an image op while the signature takes strings: the request went to a float
    signature, or the tensor decoded in the graph got an extra level; never an image of shape []."""
    key = ctx.signature_key
    got = d.evidence.get("got_shape")
    floats = [p for p in image_signatures(ctx, rank=want) if p[0] != key]
    head = (f"signature {key} takes {spec.name} {tf_dtype(spec.dtype)} {spec_shape(spec)} (encoded bytes), so a "
            f"rank-{want} error comes from a decoded image tensor, not from the request's strings")
    if not floats:
        d.cause = (f"{head}: the serving function gave the decoded image an extra level (e.g. expand_dims on each "
                   f"decoded image inside a map over the batch){f', {format_shape(got)}' if isinstance(got, list) else ''}.")
        lead(d, "Send one {\"b64\": ...} per instance; if the request is already so, fix the serving function: decode "
                "each image to [height,width,channels] and let the map over the batch add the batch dimension.")
        refute(d, f"the model you gave does not take arrays in signature {key}: the reading applies to its decoding, "
                  "not to the request's nesting", 0.3)
        return
    k2, s2 = floats[0]
    per2 = list(s2.shape[1:]) if s2.shape else []
    sent = got[1:] if isinstance(got, list) and got else None
    diff = len(sent) - len(per2) if sent is not None else 1
    d.cause = (f"{head}: it matches signature {k2}, which takes {s2.name} {tf_dtype(s2.dtype)} {spec_shape(s2)}"
               f"{f'; the model received {format_shape(got)}' if isinstance(got, list) else ''}, "
               f"{_levels(max(diff, 1))} more than {k2} takes: the request went to {k2} with arrays nested too deep, "
               "or the image decoded from the bytes got an extra level.")
    lead(d, f"If you send arrays, call signature {k2} (\"signature_name\": \"{k2}\"; on Vertex AI, which calls only "
            f"serving_default, make it serving_default: sigcheck export --default-signature tensor) and send each "
            f"instance with shape {format_shape(per2)}: remove {_levels(max(diff, 1))}.")
    d.steps.insert(1, f"If you send {{\"b64\": ...}} to {key}, send one per instance, not a list of them.")
    refute(d, f"the model you gave takes strings in signature {key}: compared with {k2}'s {s2.name} "
              f"{spec_shape(s2)} instead", 0.12)


@refiner("input_shape_mismatch")
def _input_shape(d: Diagnosis, ctx: Context) -> None:
    short = short_of_last_one(ctx)
    if short and d.evidence.get("values") is None and d.variant != "flattened_rows":
        wrap_reading(d, ctx, short)  # (not for a reshape's value counts: they are the same with or without it)
        return
    spec = pick_input(ctx, d)
    if spec is None or spec.shape is None:
        return
    per_example = list(spec.shape[1:])
    if d.evidence.get("values") is not None:
        _reshape_counts(d, ctx, spec)
        return
    if d.evidence.get("weights_shape") is not None:
        _matmul_features(d, ctx, spec)
        return
    if _axis_short(d, ctx, spec):
        return
    sent, where = sent_per_instance(ctx, d, spec)
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}"
    if sent is not None and len(sent) == len(per_example):
        bad = [i for i, (a, b) in enumerate(zip(sent, per_example)) if b >= 0 and a != b]
        if bad:
            what = "your request sends" if where == "request" else "the model received"
            d.cause = (f"{head}; {what} {format_shape(sent)} per instance: dimension"
                       f"{'s' if len(bad) > 1 else ''} {', '.join(str(i + 1) for i in bad)} "
                       f"differ{'' if len(bad) > 1 else 's'}.")
            lead(d, f"Make every instance {format_shape(per_example)} (resize, convert channels or reshape "
                              "on the client).")
            confirm(d, "the request's per-instance shape differs from the signature", 0.1)
            return
    d.cause = f"{head}. " + d.cause


def _axis_short(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> bool:
    """An input of a lower rank than the signature's (#15): the signature's per-example shape says which axis is
    missing — its trailing size of 1 (x[..., None]), its channels, or the batch of one example.  True when it wrote
    the fix."""
    shape = list(spec.shape or [])
    per = shape[1:]
    got = d.evidence.get("got_shape") if isinstance(d.evidence.get("got_shape"), list) else None
    got_rank = len(got) if got is not None else d.evidence.get("got_rank")
    want_rank = d.evidence.get("want_rank")
    if not per or not isinstance(got_rank, int) or got_rank >= len(shape):
        return False
    if got is None and want_rank != len(shape):
        return False  # a rank inside the graph (a Transpose's) that is not the input's: the text's own reading
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}, each example {format_shape(per)}"

    def fits(a: list[int], b: list[int]) -> bool:
        return len(a) == len(b) and all(x < 0 or y < 0 or x == y for x, y in zip(a, b))

    last = per[-1]
    if got is not None and len(got) == len(per) - 1 and fits(got, per[:-1]):  # one example, no batch, no channel
        chan = (f"x[None, ..., None] gives {format_shape([1, *got, 1])}" if last == 1 else
                f"give it its {last} channels (a grayscale image: np.stack([x] * {last}, -1) or PIL "
                f"img.convert('RGB')) and its batch axis, x[None, ...]")
        d.cause = f"{head}; it got {format_shape(got)}: one example without its batch axis and without its last axis."
        lead(d, f"Make it a batch of one example {format_shape(per)}: {chan}")
        confirm(d, f"{head}: {format_shape(got)} is its per-example shape without the last axis", 0.05)
        return True
    if got is not None and len(got) == len(per) and fits(got[1:], per[:-1]):  # examples without the last axis
        add = (f"Give each example its trailing axis of 1: x[..., None] gives {format_shape([got[0], *got[1:], 1])}"
               if last == 1 else f"Give each example its {last} channels: grayscale images (N, height, width) become "
               f"{last}-channel ones with np.stack([x] * {last}, -1) (PIL img.convert('RGB') when loading)")
        d.cause = f"{head}; it got {format_shape(got)}: {got[0]} examples without their last axis of {last}."
        lead(d, add)
        confirm(d, f"{head}: {format_shape(got)} lacks the last axis", 0.05)
        return True
    if got is None and got_rank == len(shape) - 1:
        if last == 1:
            d.cause = (f"{head}; the input had rank {got_rank}: most likely the examples lack the trailing axis of 1 "
                       f"(data loaded as (N, {', '.join('…' if x < 0 else str(x) for x in per[:-1])})).")
            lead(d, f"Add the trailing axis: x[..., None] (np.expand_dims(x, -1)), so the input is "
                    f"{format_shape([-1, *per])}; for one single example add its batch axis instead, x[None, ...]")
        else:
            d.cause = (f"{head}; the input had rank {got_rank}: one example {format_shape(per)} without its batch "
                       f"axis, or examples without their last axis of {last}.")
            lead(d, f"For one example add its batch axis, x[None, ...] ({format_shape([1, *per])}); for several, "
                    f"give each its last axis of {last} (for images: {last} channels)")
        return True
    return False


_CONSTANT_OPS = frozenset({"Const", "ReadVariableOp", "VarHandleOp", "VariableV2", "Variable", "VarIsInitializedOp"})
_RESHAPE_OPS = frozenset({"Reshape"})


@dataclass(frozen=True)
class GraphReshape:
    where: str
    """The node as the graph names it (``function:node`` inside a library function)."""
    name: str
    shape: list[int] | None
    """The target shape when it is a constant (None: computed at run time)."""
    on_data: bool
    """Its tensor comes from the signature's inputs (not only from variables and constants)."""


def _int_const(node: Any) -> list[int] | None:
    """The values of a Const int32/int64 node (None for anything else)."""
    import struct

    if node is None or node.op != "Const" or "value" not in node.attr:
        return None
    t = node.attr["value"].tensor
    fmt = {3: "i", 9: "q"}.get(t.dtype)
    if fmt is None:
        return None
    if t.tensor_content:
        n = len(t.tensor_content) // struct.calcsize(fmt)
        return list(struct.unpack(f"<{n}{fmt}", t.tensor_content[:n * struct.calcsize(fmt)]))
    vals = list(t.int_val if fmt == "i" else t.int64_val)
    dims = [d.size for d in t.tensor_shape.dim]
    if len(vals) == 1 and dims and dims[0] > 1:
        vals = vals * dims[0]
    return vals


def _input_node(ref: str) -> str:
    """``a/b:output:0`` / ``a/b:0`` / ``^a/b`` → ``a/b``."""
    return ref.lstrip("^").split(":", 1)[0]


def _on_data(scope: Any, start: str, limit: int = 400) -> bool:
    """True when ``start`` depends on a placeholder or a function argument other than through variable reads."""
    seen: set[str] = set()
    stack = [start]
    while stack and len(seen) < limit:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        node = scope.nodes.get(name)
        if node is None:
            if name in scope.args:
                return True
            continue
        if node.op in ("Placeholder", "PlaceholderWithDefault", "_Arg"):
            return True
        if node.op in _CONSTANT_OPS:
            continue
        stack.extend(_input_node(i) for i in node.input if not i.startswith("^"))
    return False


def graph_reshapes(ctx: Context) -> list[GraphReshape]:
    """Every Reshape in the model's graph and functions, with its constant target shape (if any)."""
    from ...model.graph import graph_index

    info = ctx.info
    index = graph_index(info) if info is not None else None
    if index is None:
        return []
    out = []
    for scope in index.scopes():
        for name, node in scope.nodes.items():
            if node.op not in _RESHAPE_OPS or len(node.input) < 2:
                continue
            shape = _int_const(scope.nodes.get(_input_node(node.input[1])))
            out.append(GraphReshape(scope.where(name), name, shape, _on_data(scope, _input_node(node.input[0]))))
    return out


def _same_node(error_node: str, graph_node: str) -> bool:
    """A node named in an error is this graph node (TF2 errors drop the function and Keras suffixes vary)."""
    a, b = error_node.strip("/"), graph_node.strip("/")
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


def short_of_last_one(ctx: Context) -> list[tuple["TensorSpec", list[int]]]:
    """(input, shape sent) for each input the request sends without the trailing axis of 1 its signature declares
    (a ``(-1, 1)`` input sent as bare values: ``validate --fix`` wraps them), read from validate's decoded tensors."""
    from ...codec.shapes import lacks_last_one

    sig, dec = ctx.signature, ctx.decoded
    if sig is None or dec is None:
        return []
    out = []
    for name, t in sorted(getattr(dec, "tensors", {}).items()):
        spec = sig.inputs.get(name)
        if spec is not None and spec.shape_recorded and lacks_last_one(tuple(t.shape), spec.shape):
            out.append((spec, list(t.shape)))
    return out


def _wrapped_example(ctx: Context, names: list[str], single: bool) -> str | None:
    """The request's first instances (or its columns) with the values of inputs ``names`` (declared ``(-1, 1)``)
    wrapped in one-element lists, as JSON (None: not to be had, or too long to show)."""
    root = ctx.request.root if ctx.request is not None else None
    if not isinstance(root, dict):
        return None

    def wrap(v: Any) -> Any:
        return [x if isinstance(x, list) else [x] for x in v] if isinstance(v, list) else [v]

    def shown(v: Any, head: str, more: bool) -> str | None:
        text = json.dumps(v, ensure_ascii=False)
        if len(text) > 160:
            return None
        return f'{{"{head}": {text[:-1]}{", ..." if more else ""}{text[-1]}}}'

    inst = root.get("instances")
    if isinstance(inst, list) and inst:
        first = inst[:2]
        if all(isinstance(x, dict) for x in first):
            rows = [{k: [v] if k in names and not isinstance(v, list) else v for k, v in x.items()} for x in first]
            return shown(rows, "instances", len(inst) > 2)
        if single and not any(isinstance(x, dict) for x in first):
            return shown([x if isinstance(x, list) else [x] for x in first], "instances", len(inst) > 2)
        return None
    val = root.get("inputs")
    if isinstance(val, dict) and set(names) <= set(val):
        cols = {k: wrap(v) if k in names else v for k, v in val.items()}
        return shown(cols, "inputs", False) or shown({names[0]: cols[names[0]]}, "inputs", True)
    if single and isinstance(val, list):
        return f'{{"inputs": {json.dumps(wrap(val), ensure_ascii=False)}}}' if len(val) <= 20 else None
    return None


def wrap_reading(d: Diagnosis, ctx: Context, short: list[tuple["TensorSpec", list[int]]], why: str = "") -> None:
    """``d`` (an input_shape_mismatch reading) says the request's instances lack the trailing axis of 1 the signature
    declares for the inputs of ``short``, and that wrapping each value in a list is the fix."""
    spec, sent = short[0]
    per = list(spec.shape[1:])
    plain = make(ctx, d.category, d.confidence, {})  # the reading without the text's variant (a MatMul's widths)
    d.title, d.steps, d.verify, d.variant = plain.title, plain.steps, plain.verify, plain.variant
    names = ", ".join(f"{s.name} {spec_shape(s)}" for s, _ in short)
    d.cause = (f"Signature {ctx.signature_key} takes {names}; your request sends {spec.name} as "
               f"{format_shape(sent)}: each example without the trailing axis of 1 ({format_shape(per)} per "
               f"example), so the model gets a tensor one rank short{why}.")
    single = len(ctx.signature.inputs) == 1 if ctx.signature is not None else False
    example = _wrapped_example(ctx, [s.name for s, _ in short], single) if len(per) == 1 else None
    which = f'each {"" if len(per) == 1 else "innermost "}value of {", ".join(s.name for s, _ in short)}'
    step = (f"Wrap {which} in a list, so each example is {format_shape(per)}"
            + (f": {example}" if example else "") + " (on the client: np.expand_dims(x, -1), or x[..., None], before "
            ".tolist()); sigcheck validate --fix does this.")
    lead(d, step)
    confirm(d, f"sigcheck validate reads {spec.name} {format_shape(sent)} in your request against "
               f"{spec_shape(spec)} declared: only the trailing axis of 1 is missing", 0.1)


def _squeeze_axes(ctx: Context, node: str) -> list[int] | None:
    """The ``squeeze_dims`` of the graph's Squeeze named ``node`` (None: no such node, or several that differ)."""
    from ...model.graph import graph_index

    index = graph_index(ctx.info) if ctx.info is not None else None
    if index is None:
        return None
    found = set()
    for scope in index.scopes():
        for name, n in scope.nodes.items():
            if n.op == "Squeeze" and _same_node(node, name) and "squeeze_dims" in n.attr:
                found.add(tuple(n.attr["squeeze_dims"].list.i))
    return list(found.pop()) if len(found) == 1 else None


def _squeeze_not_batch(d: Diagnosis, ctx: Context) -> bool:
    """``Can not squeeze dim[0]`` from a squeeze whose axis is not the batch's: the last axis, which was axis 0
    because the tensor reaching it had one axis too few (a ``(-1, 1)`` input sent as bare values).  True when it
    gave the reading."""
    before = d.confidence
    short = short_of_last_one(ctx)
    if short:
        refute(d, f"your request sends {short[0][0].name} {format_shape(short[0][1])} where signature "
                  f"{ctx.signature_key} declares {spec_shape(short[0][0])}: without the trailing axis of 1, a squeeze "
                  "of the last axis (as Keras' TextVectorization does) meets the batch axis; the model does not fix "
                  "the batch", 0.45)
        added = make(ctx, "input_shape_mismatch", min(0.97, before + 0.02), {"input": short[0][0].name})
        wrap_reading(added, ctx, short, why=" (the graph's squeeze of the last axis then meets the batch axis)")
        ctx.added.append(added)
        return True
    node = d.evidence.get("node")
    axes = _squeeze_axes(ctx, node) if isinstance(node, str) and node else None
    if not axes or 0 in axes:
        if axes:
            confirm(d, f"the model's {node} squeezes axis 0 (squeeze_dims {axes})", 0.05)
        return False
    if all(a > 0 for a in axes):
        refute(d, f"the model's {node} squeezes axis {', '.join(map(str, axes))}, never axis 0: the error came from "
                  "another model", 0.3)
        return True
    rank = -min(axes)
    sig = ctx.signature
    trailing = [s for s in sig.inputs.values() if s.shape and len(s.shape) >= 2 and s.shape[-1] == 1
                and s.shape_recorded] if sig is not None else []
    refute(d, f"the model's {node} squeezes axis {min(axes)} (counted from the end), not the batch axis: it met axis "
              f"0 because the tensor reaching it had rank {rank}, one axis fewer than it was built for", 0.4)
    if len(trailing) == 1:
        spec = trailing[0]
        added = make(ctx, "input_shape_mismatch", min(0.97, before), {"input": spec.name})
        per = list(spec.shape[1:])
        added.cause = (f"Signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}, each example "
                       f"{format_shape(per)}; the graph's {node} squeezes its last axis, which was axis 0 because the "
                       f"tensor had rank {rank}: the request's instances most likely lack the trailing axis of 1 (bare "
                       "values).")
        lead(added, f"Wrap each value of {spec.name} in a list, so each example is {format_shape(per)} (e.g. "
                    '{"instances": [["a"], ["b"]]}, not ["a", "b"]); sigcheck validate --fix does this.')
        added.confirmed.append(f"the model's {node} has squeeze_dims {axes}, and signature {ctx.signature_key} "
                               f"declares {spec.name} {spec_shape(spec)}")
        ctx.added.append(added)
    return True


@refiner("fixed_batch_size_in_graph")
def _fixed_batch(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    if d.variant == "squeeze" and _squeeze_not_batch(d, ctx):
        return
    fixed = [f"{side} {s.name} {spec_shape(s)}" for side, specs in (("input", sig.inputs), ("output", sig.outputs))
             for s in specs.values() if s.shape and s.shape[0] >= 0]
    if fixed:
        confirm(d, f"signature {ctx.signature_key} fixes the batch dimension: {', '.join(fixed)}")
        return
    dynamic = f"signature {ctx.signature_key} declares a dynamic batch"
    if ctx.info is None or ctx.info.meta_graph is None:
        note(d, f"{dynamic}; a fixed size could only be inside the graph, which the contract you gave does not carry")
        return
    reshapes = graph_reshapes(ctx)
    named = d.evidence.get("node")
    if isinstance(named, str) and named:
        ours = [r for r in reshapes if _same_node(named, r.name)]
        if not ours and d.evidence.get("values") is not None:
            refute(d, f"{dynamic}, and the model you gave has no reshape {named}: the error came from another "
                      "export or model", 0.25)
            return
        reshapes = ours or reshapes
    on_data = [r for r in reshapes if r.on_data]
    pinned = [r for r in on_data if r.shape and len(r.shape) > 1 and r.shape[0] > 0]
    if pinned:
        r = pinned[0]
        confirm(d, f"{dynamic}, but the graph fixes it inside: reshape {r.where} has the constant shape "
                   f"{format_shape(r.shape)}", 0.1)
    elif on_data or d.evidence.get("values") is not None:
        refute(d, f"{dynamic}, and no reshape on the inputs' path in its graph has a fixed first size: the model "
                  "you gave does not fix the batch", 0.25)
    else:
        note(d, f"{dynamic}; nothing in its graph shows a fixed batch size")


def _matmul_features(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> None:
    """A MatMul's row width against the width one instance of the signature's input has."""
    got, weights = d.evidence.get("got_shape"), d.evidence.get("weights_shape")
    if not (isinstance(got, list) and got and isinstance(weights, list) and len(weights) == 2):
        return
    has, wants = got[-1], weights[0]
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}"
    width = spec.shape[-1] if spec.shape and len(spec.shape) == 2 else None
    if width is None or width < 0:
        note(d, f"{head}: the MatMul may be deeper in the model; compare the request with sigcheck validate")
    elif width == wants:
        lead(d, f"Send {wants} features per instance ({spec.name} {format_shape([wants])}), not {has}.")
        confirm(d, f"{head}: the model wants {wants} features per instance and the failing request sent {has}", 0.1)
    elif width == has:
        refute(d, f"{head}: {has} features per instance is what it declares, so the request matched it and the "
                  f"MatMul wanting {wants} is deeper in the model (a layer produces the wrong width)", 0.15)
    else:
        note(d, f"{head}: neither {has} nor {wants} features, so this MatMul is deeper in the model or the error "
                "came from another model")


def _flattened_rows(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> None:
    """In[0] is one example's rows: the signature takes the flattened example (or the error came from elsewhere)."""
    got, weights = d.evidence.get("got_shape"), d.evidence.get("weights_shape")
    n = _per_instance_values(spec)
    if not (isinstance(got, list) and isinstance(weights, list) and weights) or n is None:
        return
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}"
    if n == weights[0] == math.prod(got):
        lead(d, f"Send each example as one instance of shape {format_shape(list(spec.shape[1:]))} (flatten the "
                f"{format_shape(got)} example on the client), one example per element of \"instances\".")
        confirm(d, f"{head}: one instance is {n} values, the whole of the {format_shape(got)} that arrived", 0.1)
    else:
        note(d, f"{head}, {n} values per instance: this MatMul is deeper in the model or the error came from "
                "another model")


def _per_instance_values(spec: "TensorSpec | None") -> int | None:
    if spec is None or not spec.shape or len(spec.shape) < 2 or any(x < 0 for x in spec.shape[1:]):
        return None
    return math.prod(spec.shape[1:])


def _reshape_counts(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> None:
    """A reshape's counts against what one instance of the signature's input holds."""
    values, requested = d.evidence.get("values"), d.evidence.get("requested")
    n = _per_instance_values(spec)
    if not (isinstance(values, int) and isinstance(requested, int)) or n is None:
        return
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}, {n} values per instance"
    if n == requested:
        confirm(d, f"{head}, what the reshape wants: the failing request's instances held {values} values each",
                0.1)
    elif n == values:
        refute(d, f"{head}, as many as the reshape got: the request matched the signature and the reshape's own "
                  "size is wrong (a constant in the graph)", 0.25)
    else:
        refute(d, f"{head}: neither {values} nor {requested}, so the error came from another model or the reshape "
                  "acts on an inner tensor", 0.1)


__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]
