"""Make diagnoses concrete with the model (``--model``) and the request (``--request``) at hand.

Each category may have a refiner: it looks at the signature, the GraphDef, the model's files or the request and
then *confirms* a reading (raises its confidence, says what it found), *refutes* it (lowers it, says why), and
rewrites the cause and the first fix step with the real names and shapes.  Readings are re-ranked afterwards, and
the request's own findings from :mod:`sigcheck.validate` (when that module is installed) confirm or add readings.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ..codec.dtypes import dtype as dtype_entry
from .diagnosis import Diagnosis, make_diagnosis
from .evidence import format_shape
from ..codec.shapes import dense_shape

if TYPE_CHECKING:
    from ..model.types import ModelInfo, Signature, TensorSpec
    from .catalogue import Catalogue

_EXAMPLE_OPS = ("ParseExample", "ParseExampleV2", "ParseSingleExample", "ParseSequenceExample",
                "ParseSequenceExampleV2")
_TABLE_OPS = ("HashTable", "HashTableV2", "MutableHashTable", "MutableHashTableV2", "InitializeTableFromTextFile",
              "InitializeTableFromTextFileV2", "InitializeTableV2", "LookupTableImportV2", "LookupTableFindV2")


def tf_dtype(name: str | None) -> str:
    """``DT_UINT8`` → ``uint8`` (as TF prints it); other text unchanged."""
    if not name:
        return "?"
    if name.startswith("DT_"):
        return dtype_entry(name).tf_name
    return name


def spec_shape(spec: "TensorSpec") -> str:
    return format_shape(None if spec.shape is None else list(spec.shape))


# ------------------------------------------------------------------------------------------------ the request

@dataclass
class RequestSummary:
    """What the request body holds, read without a signature (enough to explain, not to validate)."""

    size: int
    root: Any = None
    parse_error: str | None = None
    format: str | None = None
    signature_name: str | None = None
    instances: int | None = None
    keys: list[str] = field(default_factory=list)
    """Input names the request uses (keys of the first instance object, or of "inputs")."""
    per_instance: dict[str, list[int]] = field(default_factory=dict)
    """Input name ("" for unnamed values) → shape of its value in the first instance (columnar: whole tensor)."""
    ragged: bool = False


def json_shape(value: Any) -> list[int]:
    """Shape of a nested JSON list by its first elements (TF Serving's own inference), [] for a scalar."""
    return list(dense_shape(value))


def summarize_request(body: bytes) -> RequestSummary:
    s = RequestSummary(size=len(body))
    try:
        root = json.loads(body.decode("utf-8", errors="replace").lstrip("\ufeff"))
    except ValueError as exc:
        s.parse_error = str(exc)
        return s
    s.root = root
    if not isinstance(root, dict):
        return s
    name = root.get("signature_name")
    s.signature_name = name if isinstance(name, str) and name else None
    if "instances" in root:
        s.format = "row"
        inst = root["instances"]
        if isinstance(inst, list):
            s.instances = len(inst)
            if inst and isinstance(inst[0], dict) and set(inst[0]) != {"b64"}:
                s.keys = list(inst[0])
                s.per_instance = {k: json_shape(v) for k, v in inst[0].items()}
            elif inst:
                s.per_instance = {"": json_shape(inst[0])}
            first = [json.dumps(json_shape(i)) for i in inst[:1000] if not isinstance(i, dict)]
            s.ragged = len(set(first)) > 1
    elif "inputs" in root:
        s.format = "columnar"
        val = root["inputs"]
        if isinstance(val, dict) and set(val) != {"b64"}:
            s.keys = list(val)
            s.per_instance = {k: json_shape(v) for k, v in val.items()}
        else:
            s.per_instance = {"": json_shape(val)}
    return s


# ------------------------------------------------------------------------------------------------ the context

@dataclass
class Context:
    info: "ModelInfo | None"
    request: RequestSummary | None
    text: str
    catalogue: "Catalogue"
    signature_key: str | None = None
    findings: list[Any] = field(default_factory=list)
    decoded: Any = None
    added: list[Diagnosis] = field(default_factory=list)
    """Readings a refiner found that the text alone did not give."""
    target: str = "tf-serving"
    """The service in front of TF Serving that the text shows (validate's --target: vertex, ai-platform)."""
    request_ok: bool | None = None
    """sigcheck validate's verdict on the request against the model (None: not validated)."""
    _ops: dict[str, list[str]] | None = None

    @property
    def signature(self) -> "Signature | None":
        if self.info is None or self.signature_key is None:
            return None
        return self.info.signatures.get(self.signature_key)

    def ops(self) -> dict[str, list[str]]:
        """op → where it occurs in the graph and its functions (empty without a graph)."""
        if self._ops is None:
            self._ops = graph_ops(self.info) if self.info is not None else {}
        return self._ops


def graph_ops(info: "ModelInfo") -> dict[str, list[str]]:
    from ..model.graph import graph_ops as ops

    return ops(info)


@dataclass(frozen=True)
class Placeholder:
    name: str
    dtype: str
    shape: Any


def unfed_placeholders(info: "ModelInfo", key: str) -> list[Placeholder]:
    """Placeholders the signature's outputs need and it does not feed (``sigcheck.model.graph``)."""
    from ..model.graph import unfed_placeholders as walk

    return [Placeholder(p.name, p.dtype, p.shape) for p in walk(info, key)]


def choose_signature(info: "ModelInfo", evidence: dict[str, Any], request: RequestSummary | None) -> str | None:
    for name in (evidence.get("signature"), request.signature_name if request else None, "serving_default"):
        if isinstance(name, str) and name in info.signatures:
            return name
    if len(info.signatures) == 1:
        return next(iter(info.signatures))
    return None


# ------------------------------------------------------------------------------------------------ helpers

def confirm(d: Diagnosis, text: str, boost: float = 0.1) -> None:
    d.confirmed.append(text)
    d.confidence = min(0.99, d.confidence + boost)


def refute(d: Diagnosis, text: str, drop: float = 0.25) -> None:
    d.confirmed.append(text)
    d.confidence = max(0.05, d.confidence - drop)


def note(d: Diagnosis, text: str) -> None:
    d.confirmed.append(text)


def lead(d: Diagnosis, step: str) -> None:
    """Put the concrete step first, in place of the catalogue's generic first step."""
    if d.steps:
        d.steps[0] = step
    else:
        d.steps.append(step)


def make(ctx: Context, category: str, confidence: float, evidence: dict[str, Any],
         variant: str | None = None) -> Diagnosis:
    return make_diagnosis(ctx.catalogue[category], evidence, confidence, variant=variant)


def reword(d: Diagnosis, ctx: Context, variant: str | None = None, **known: Any) -> None:
    """Say ``d`` again in the wording of ``variant`` (None: the one the evidence selects), rendered with what the
    model or request told (``known``, not added to the evidence); what was confirmed is kept."""
    facts = {**d.evidence, **{k: v for k, v in known.items() if v is not None}}
    new = make(ctx, d.category, d.confidence, facts, variant)
    d.title, d.cause, d.steps, d.verify, d.variant = new.title, new.cause, new.steps, new.verify, new.variant


def pick_input(ctx: Context, d: Diagnosis) -> "TensorSpec | None":
    sig = ctx.signature
    if sig is None or not sig.inputs:
        return None
    ev = d.evidence
    name = ev.get("input")
    if isinstance(name, str) and name in sig.inputs:
        return sig.inputs[name]
    tensor = ev.get("tensor") or ev.get("placeholder")
    if isinstance(tensor, str):
        base = tensor.split(":")[0]
        for spec in sig.inputs.values():
            if spec.tensor_name and spec.tensor_name.split(":")[0] == base:
                return spec
    if len(sig.inputs) == 1:
        return next(iter(sig.inputs.values()))
    want = ev.get("want_rank")
    if isinstance(want, int):
        same = [s for s in sig.inputs.values() if s.rank == want]
        if len(same) == 1:
            return same[0]
    if ctx.request and len(ctx.request.keys) == 1 and ctx.request.keys[0] in sig.inputs:
        return sig.inputs[ctx.request.keys[0]]
    return None


def sent_per_instance(ctx: Context, d: Diagnosis, spec: "TensorSpec | None") -> tuple[list[int] | None, str]:
    """The per-instance shape the request sends for ``spec`` and where that was read."""
    if ctx.decoded is not None and spec is not None and spec.name in getattr(ctx.decoded, "tensors", {}):
        shape = list(ctx.decoded.tensors[spec.name].shape)
        if getattr(ctx.decoded, "format", None) == "row":
            return shape[1:], "request"
        return shape, "request"
    if ctx.request is not None and ctx.request.per_instance:
        per = ctx.request.per_instance
        if spec is not None and spec.name in per:
            return per[spec.name], "request"
        if "" in per and len(per) == 1:
            return per[""], "request"
    got = d.evidence.get("got_shape")
    if isinstance(got, list) and got:
        return got[1:], "error"
    return None, ""


def takes_image_bytes(ctx: Context, spec: "TensorSpec") -> bool:
    """``spec`` is a string input of encoded image bytes: named so (``image_bytes``) or the graph decodes images."""
    from .facts import DECODE_IMAGE_OPS, image_bytes_name

    if spec.dtype != "DT_STRING":
        return False
    return image_bytes_name(spec.name) or any(op in ctx.ops() for op in DECODE_IMAGE_OPS)


def image_signatures(ctx: Context, *, rank: int | None = None, strings: bool = False) -> list[tuple[str, "TensorSpec"]]:
    """(signature, input) pairs of the model's other image inputs: float inputs of ``rank``, or encoded-bytes
    string inputs (``strings``); the current signature last."""
    if ctx.info is None:
        return []
    out = []
    for key, sig in ctx.info.signatures.items():
        for spec in sig.inputs.values():
            if strings and spec.dtype == "DT_STRING" and takes_image_bytes(ctx, spec):
                out.append((key, spec))
            elif not strings and spec.dtype in ("DT_FLOAT", "DT_HALF", "DT_DOUBLE", "DT_BFLOAT16") \
                    and spec.shape is not None and len(spec.shape) == rank:
                out.append((key, spec))
    from .facts import image_bytes_name

    out.sort(key=lambda p: (p[0] == ctx.signature_key, not image_bytes_name(p[1].name)))
    return out


def _agree(a: list[int], b: list[int]) -> bool:
    return len(a) == len(b) and all(x == y or x < 0 or y < 0 for x, y in zip(a, b))


def _levels(n: int) -> str:
    from .facts import levels_text

    return f"{levels_text(n)} of brackets"


# ------------------------------------------------------------------------------------------------ refiners

Refiner = Callable[[Diagnosis, Context], None]
REFINERS: dict[str, Refiner] = {}


def refiner(*categories: str) -> Callable[[Refiner], Refiner]:
    def deco(fn: Refiner) -> Refiner:
        for c in categories:
            REFINERS[c] = fn
        return fn

    return deco


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
        from .facts import stock_ops

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
    if _op_contradicts(d, ctx):
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
    sent, where = sent_per_instance(ctx, d, spec)
    head = f"signature {ctx.signature_key} takes {spec.name} {spec_shape(spec)}"
    if sent is not None and len(sent) == len(per_example):
        bad = [i for i, (a, b) in enumerate(zip(sent, per_example)) if b >= 0 and a != b]
        if bad:
            what = "your request sends" if where == "request" else "the model received"
            d.cause = (f"{head}; {what} {format_shape(sent)} per instance: dimension"
                       f"{'s' if len(bad) > 1 else ''} {', '.join(str(i + 1) for i in bad)} differ.")
            lead(d, f"Make every instance {format_shape(per_example)} (resize, convert channels or reshape "
                              "on the client).")
            confirm(d, "the request's per-instance shape differs from the signature", 0.1)
            return
    d.cause = f"{head}. " + d.cause


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
    from ..model.graph import graph_index

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


@refiner("fixed_batch_size_in_graph")
def _fixed_batch(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
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


@refiner("keras_learning_phase", "unfed_placeholder")
def _placeholders(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None or ctx.signature_key is None or ctx.info.meta_graph is None:
        return
    try:
        unfed = unfed_placeholders(ctx.info, ctx.signature_key)
    except KeyError:
        return
    wanted = d.evidence.get("placeholder")
    if d.category == "keras_learning_phase":
        hits = [p for p in unfed if "keras_learning_phase" in p.name]
    else:
        hits = [p for p in unfed if wanted and p.name == str(wanted).split(":")[0]] or \
               ([] if wanted else unfed)
    if hits:
        p = hits[0]
        d.cause = (f"this model's graph has the unfed placeholder {p.name} ({tf_dtype(p.dtype)}): signature "
                   f"{ctx.signature_key} does not feed it, so TF Serving cannot run the outputs that need it.")
        if d.category == "keras_learning_phase":
            lead(d, f"Re-export with tf.keras.backend.set_learning_phase(0) set before the model is built "
                              f"(or with Keras 3 model.export()), so {p.name} disappears from the graph.")
        else:
            from .facts import inference_default

            value = inference_default(p.name, p.dtype) or "<inference value>"
            lead(d, f"Replace {p.name} with tf.compat.v1.placeholder_with_default({value}, shape) in the export "
                    f"graph, or add it to signature {ctx.signature_key}'s inputs.")
        confirm(d, f"confirmed from the GraphDef: {p.name} ({p.dtype}) is reachable from the outputs and not fed",
                0.1)
    else:
        what = wanted or ("keras_learning_phase" if d.category == "keras_learning_phase" else "such placeholder")
        refute(d, f"the model you gave has no unfed placeholder {what} in signature {ctx.signature_key}: the error "
                  "came from another export or version of the model")


@refiner("input_keys_mismatch")
def _keys(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    bad = d.evidence.get("input")
    req = ctx.request
    sent = req.keys if req else []
    if sig is None:
        if isinstance(bad, str) and sent:
            if bad in sent:
                confirm(d, f"your request sends {bad}", 0.05)
            else:
                refute(d, f"the request you gave does not use {bad} (it sends {', '.join(sent)}): it is not the "
                          "request that failed", 0.2)
        return
    import difflib

    names = sorted(sig.inputs)
    parts = [f"signature {ctx.signature_key} takes input{'s' if len(names) != 1 else ''} {', '.join(names) or '(none)'}"]
    if sent:
        parts.append(f"your request sends {', '.join(sent)}")
    elif req is not None and "" in req.per_instance and len(names) > 1:
        parts.append("your request sends plain values, not objects keyed by input name")
        d.steps.insert(0, "Make each instance an object with every input: {\"instances\": [{" +
                       ", ".join(f'"{n}": ...' for n in names) + "}]}.")
    elif isinstance(bad, str):
        parts.append(f"the request used {bad}")
    d.cause = "; ".join(parts) + "."
    if len(names) > 1:  # the plain-values form is only for single-input signatures
        d.steps = [s for s in d.steps if "single-input signature" not in s]
    if sent and set(sent) == set(names):
        key = ctx.signature_key
        foreign = isinstance(bad, str) and bad not in sent
        what = f"it used {bad}, which signature {key} does not have" if foreign else "its keys differed"
        d.steps = [f"Find the request that really failed ({what}) and fix the client code that builds it, so the "
                   f"keys are exactly {', '.join(names)}.",
                   "If it targeted another model, version or signature_name, compare it with that signature: "
                   "sigcheck inspect MODEL."]
        refute(d, f"the keys of the request you gave are exactly the inputs of signature {key}"
                  f"{f' (it does not contain {bad})' if foreign else ''}: it is not the request that failed, or that "
                  "one targeted another signature or model", 0.4)
        return
    wrong = [k for k in (sent or ([bad] if isinstance(bad, str) else [])) if k not in sig.inputs]
    renames: dict[str, str] = {}
    for k in wrong:
        free = [n for n in names if n not in sent and n not in renames.values()]
        close = [n for n in free if n.lower() == k.lower()] or difflib.get_close_matches(k, free, n=1, cutoff=0.6)
        if close:
            renames[k] = close[0]
    missing = [n for n in names if sent and n not in sent and n not in renames.values()]
    extra = [k for k in wrong if k not in renames]
    steps = []
    if renames:
        steps.append("Rename: " + ", ".join(f"{k} → {v}" for k, v in renames.items()) + ".")
    if missing:
        steps.append("Also send: " + ", ".join(missing) + ".")
    if extra and sent:
        steps.append(f"Drop (the signature has no such input{'s' if len(extra) > 1 else ''}): {', '.join(extra)}.")
    d.steps[0:0] = steps
    if wrong or missing:
        confirm(d, "the request's keys differ from the signature's inputs", 0.1)
    elif isinstance(bad, str) and bad in sig.inputs:
        refute(d, f"{bad} is an input of signature {ctx.signature_key}: the failing request targeted another "
                  "signature or model")
    if len(names) == 1 and sig.inputs[names[0]].dtype == "DT_STRING" and _looks_like_examples(ctx, names[0]):
        ctx_add(ctx, "serialized_example_input_expected", d.confidence + 0.05,
                {**d.evidence, "input": names[0]},
                f"signature {ctx.signature_key}'s only input {names[0]} is DT_STRING serialized tf.Example")


def _looks_like_examples(ctx: Context, name: str) -> bool:
    return "example" in name.lower() or any(op in ctx.ops() for op in _EXAMPLE_OPS)


def ctx_add(ctx: Context, category: str, confidence: float, evidence: dict[str, Any], why: str) -> None:
    """Queue a reading the text alone did not give (merged by :func:`refine`)."""
    d = make(ctx, category, min(0.99, confidence), evidence)
    d.confirmed.append(why)
    ctx.added.append(d)


@refiner("serialized_example_input_expected", "dtype_mismatch", "bytes_sent_to_numeric_input")
def _dtypes(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    spec = pick_input(ctx, d)
    if sig is None or spec is None:
        return
    dt = tf_dtype(spec.dtype)
    is_string = spec.dtype == "DT_STRING"
    if d.category == "serialized_example_input_expected":
        if is_string and len(sig.inputs) == 1 and _looks_like_examples(ctx, spec.name):
            d.cause = (f"signature {ctx.signature_key}'s only input {spec.name} is DT_STRING and the graph parses "
                       "tf.Example protos from it; the request sends raw feature values.")
            confirm(d, f"confirmed from the model: {spec.name} feeds a ParseExample op", 0.15)
        elif is_string:
            refute(d, f"input {spec.name} is a plain string feature, not serialized tf.Example", 0.3)
        else:
            refute(d, f"input {spec.name} is {dt}, not a string", 0.4)
        return
    expected = d.evidence.get("expected_dtype")
    if d.category == "dtype_mismatch" and str(d.evidence.get("json_type", "")).lower() == "null":
        reword(d, ctx, input=spec.name, expected_dtype=dt)
        confirm(d, f"signature {ctx.signature_key} declares {spec.name} as {dt}"
                   f"{': NaN is accepted for it' if d.variant == 'null_float' else ''}", 0.1)
        return
    if d.category == "dtype_mismatch" and is_string and str(d.evidence.get("json_type", "")).lower() == "number" \
            and takes_image_bytes(ctx, spec):
        _numbers_to_image_bytes(d, ctx, spec)
        return
    if d.category == "dtype_mismatch":
        # the wording follows the direction of the mismatch: the signature's dtype, and what was sent (the error's
        # value, else the request's own value for this input)
        sent = {k: v for k, v in _sent_value(ctx, spec.name).items() if k not in d.evidence}
        reword(d, ctx, input=spec.name, expected_dtype=dt, **sent)
        if d.variant is None:
            d.cause = f"input {spec.name} of signature {ctx.signature_key} is {dt}; " + d.cause[0].lower() + d.cause[1:]
        if is_string and len(sig.inputs) == 1 and _looks_like_examples(ctx, spec.name):
            refute(d, f"{spec.name} holds serialized tf.Example", 0.25)
        elif expected and expected.replace("32", "") in (dt, dt.replace("32", "")):
            confirm(d, f"the signature declares {spec.name} as {dt}", 0.15)
        return
    # bytes_sent_to_numeric_input
    if is_string:
        refute(d, f"input {spec.name} is a string input: bytes are fine there", 0.35)
        return
    sent = {k: v for k, v in _sent_value(ctx, spec.name).items() if k not in d.evidence}
    reword(d, ctx, input=spec.name, expected_dtype=dt, **sent)
    if d.variant == "text_value":  # a word such as "male" is a category to encode, not an image to decode
        confirm(d, f"the signature declares {spec.name} as {dt}", 0.08)
        return
    strings = [n for n, s in sig.inputs.items() if s.dtype == "DT_STRING"]
    d.cause = (f"input {spec.name} of signature {ctx.signature_key} is {dt} {spec_shape(spec)}; the request "
               "sends bytes/strings to it.")
    others = [p for p in image_signatures(ctx, strings=True) if p[0] != ctx.signature_key]
    if strings:
        lead(d, f"Send the b64 image to the string input {strings[0]} instead of {spec.name}.")
    elif others:
        k2, s2 = others[0]
        lead(d, f"Call signature {k2}, which takes the encoded image ({s2.name} {tf_dtype(s2.dtype)} {spec_shape(s2)}): "
                f"add \"signature_name\": \"{k2}\" to the body and keep sending {{\"b64\": ...}}; on Vertex AI, which "
                f"calls only serving_default and refuses signature_name, make it serving_default: sigcheck export "
                f"--from model.keras --output MODEL --default-signature {k2}.")
        d.steps = [s for s in d.steps if "re-export" not in s.lower() or s is d.steps[0]]
    else:
        lead(d, f"Send {spec.name} as nested numbers of shape {format_shape(list(spec.shape or ())[1:])} "
                          "per instance (decode the image on the client), or re-export with a string input.")
    confirm(d, f"the signature declares {spec.name} as {dt}", 0.08)


def _numbers_to_image_bytes(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> None:
    """Numbers sent to a string input that takes encoded image bytes: an encoded-image mismatch, not a dtype to quote."""
    from .facts import DECODE_IMAGE_OPS

    decodes = [op for op in DECODE_IMAGE_OPS if op in ctx.ops()]
    why = (f"signature {ctx.signature_key}'s {spec.name} is DT_STRING "
           + (f"and the graph decodes it ({', '.join(decodes)})" if decodes else "named as encoded image bytes")
           + ": it takes a JPEG/PNG file's bytes, not pixel values")
    refute(d, why + "; quoting the numbers would not help", 0.35)
    new = make(ctx, "encoded_image_string_mismatch", min(0.97, d.confidence + 0.45),
               {**d.evidence, "input": spec.name}, "array_to_bytes")
    new.confirmed.append(why)
    floats = [p for p in image_signatures(ctx, rank=4) if p[0] != ctx.signature_key]
    if floats:
        k2, s2 = floats[0]
        new.steps[1] = (f"Or send the pixel arrays to signature {k2} ({s2.name} {tf_dtype(s2.dtype)} {spec_shape(s2)}): "
                        f"\"signature_name\": \"{k2}\" in the body (on Vertex AI, which calls only serving_default, make "
                        "it serving_default: sigcheck export --default-signature tensor).")
    ctx.added.append(new)


_FINDING_INPUT = re.compile(r'input "(?P<input>[^"]+)"')


def _sent_value(ctx: Context, name: str) -> dict[str, Any]:
    """What the request sends to input ``name`` where validate rejects its type: ``json_value``, ``json_type`` (and
    ``quoted_number`` for a number in quotes), read from TF Serving's own message that validate mirrors."""
    from .evidence import json_value_facts

    for f in ctx.findings:
        if getattr(f, "category", None) not in ("dtype_mismatch", "bytes_sent_to_numeric_input"):
            continue
        m = _FINDING_INPUT.search(getattr(f, "message", "") or "")
        if m is None or m.group("input") != name:
            continue
        found = json_value_facts(getattr(f, "upstream", "") or "")
        found.pop("expected_dtype", None)
        value = found.get("json_value")
        if str(found.get("json_type", "")).lower() == "string" and value and _NUMBER.fullmatch(value):
            found["quoted_number"] = value
        return found
    return {}


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)


def find_in_signatures(ctx: Context, pick: Callable[["Signature"], list[str]]) -> tuple[str | None, list[str]]:
    """The chosen signature's hits for ``pick``, else the first other signature with any (key, hits)."""
    info = ctx.info
    if info is None:
        return None, []
    keys = [ctx.signature_key] if ctx.signature_key else []
    keys += sorted(k for k in info.signatures if k != ctx.signature_key)
    for key in keys:
        hits = pick(info.signatures[key])
        if hits:
            return key, hits
    return None, []


@refiner("dtype_unsupported_half")
def _half(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None:
        return
    key, bad = find_in_signatures(ctx, lambda sig: [
        f"{side} {s.name} ({tf_dtype(s.dtype)})" for side, specs in (("input", sig.inputs), ("output", sig.outputs))
        for s in specs.values() if not dtype_entry(s.dtype).rest_readable and s.dtype != "DT_STRING"])
    if bad:
        confirm(d, f"signature {key} has {', '.join(bad)}, which REST JSON cannot carry")
    else:
        refute(d, "no signature of the model has a half/bfloat16 tensor")


@refiner("output_shape_unknown", "output_batch_dimension")
def _outputs(d: Diagnosis, ctx: Context) -> None:
    sig, key = ctx.signature, ctx.signature_key
    if sig is None or ctx.info is None:
        return
    name = d.evidence.get("output")
    if isinstance(name, str) and name not in sig.outputs:
        for other_key, other in sorted(ctx.info.signatures.items()):
            if name in other.outputs:
                sig, key = other, other_key
                break
    specs = [sig.outputs[name]] if isinstance(name, str) and name in sig.outputs else list(sig.outputs.values())
    unknown = [s for s in specs if s.shape is None]
    scalar = [s for s in specs if s.shape == ()]
    fixed = [s for s in specs if s.shape and s.shape[0] >= 0]
    if d.category == "output_shape_unknown":
        if unknown:
            confirm(d, f"output {unknown[0].name} has unknown rank in signature {key}")
        elif scalar:
            refute(d, f"output {scalar[0].name} is a scalar (shape ()), not of unknown rank", 0.45)
    else:
        if scalar:
            confirm(d, f"output {scalar[0].name} is a scalar (shape ()): it has no batch dimension", 0.4)
        elif fixed:
            confirm(d, f"output {fixed[0].name} {spec_shape(fixed[0])} has a fixed first dimension", 0.15)
        elif unknown and name:
            refute(d, f"output {unknown[0].name} has unknown rank rather than a missing batch dimension", 0.2)


@refiner("scalar_input")
def _scalar(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None:
        return
    key, scalars = find_in_signatures(ctx, lambda sig: [n for n, s in sig.inputs.items() if s.shape == ()])
    if scalars:
        confirm(d, f"signature {key} has the scalar input{'s' if len(scalars) > 1 else ''} {', '.join(scalars)}")
    else:
        refute(d, "no signature of the model has a rank-0 input", 0.2)


@refiner("signature_not_found", "signature_method_name", "wrong_api_or_input_format")
def _signatures(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None:
        return
    listing = ", ".join(f"{k} ({s.method_name or 'no method_name'})" for k, s in sorted(info.signatures.items()))
    if d.category == "signature_not_found":
        _signature_missing(d, ctx)
        return
    sig = ctx.signature
    if d.category == "signature_method_name" and sig is not None:
        from ..model.types import SERVING_METHODS

        if sig.method_name not in SERVING_METHODS:
            confirm(d, f"signature {ctx.signature_key} has method_name '{sig.method_name}'")
        else:
            refute(d, f"signature {ctx.signature_key} has method_name {sig.method_name}")
        return
    note(d, f"signatures: {listing}")


def _signature_missing(d: Diagnosis, ctx: Context) -> None:
    """The signature the request asked for against the model's: drop a wrong signature_name, or name one."""
    from ..model.types import SERVING_METHODS

    info = ctx.info
    if info is None:
        return

    listing = ", ".join(k if s.method_name in SERVING_METHODS else f"{k} ({s.method_name or 'no method_name'})"
                        for k, s in sorted(info.signatures.items()))
    wanted = d.evidence.get("signature") or "serving_default"
    named = wanted != "serving_default"
    req = ctx.request
    if req is not None and isinstance(req.root, dict):
        said = req.signature_name
        yours = f"has signature_name {said}" if said else "names no signature_name"
        if said == wanted or (not named and said is None):
            confirm(d, f"the request you gave {yours}", 0.05)
        else:
            asked = f"asked for {wanted}" if named else "named none (so serving_default was looked up)"
            refute(d, f"the request you gave {yours}, while the failing one {asked}: it is not the request that "
                      "failed", 0.1)
    if wanted in info.signatures:
        refute(d, f"the model you gave has signature {wanted}: the server is serving another model or version")
        return
    keys = sorted(info.signatures)
    if named:
        d.cause = (f"the request's signature_name {wanted} names a signature this model does not have; its "
                   f"signatures: {listing or 'none'}.")
        if "serving_default" in info.signatures:
            d.steps = ['Drop "signature_name" from the request (TF Serving then uses serving_default), or set it to '
                       '"serving_default".',
                       "Over gRPC: set request.model_spec.signature_name to serving_default (or leave it empty)."]
        elif keys:
            d.steps = [f'Set "signature_name" to the signature you mean: {", ".join(keys)} '
                       "(request.model_spec.signature_name over gRPC)."]
    else:
        d.cause = (f"the model has no signature serving_default, the one TF Serving uses when the request names none; "
                   f"it has: {listing or 'no serving signatures'}.")
        predict = [k for k in keys if info.signatures[k].method_name == "tensorflow/serving/predict"] or keys
        if predict:
            others = [k for k in keys if k != predict[0]]
            lead(d, f'Send "signature_name": "{predict[0]}" in the request (request.model_spec.signature_name over '
                    f"gRPC){', or another of: ' + ', '.join(others) if others else ''}.")
    confirm(d, f"signature {wanted} is absent from the model")


@refiner("sparse_output_in_signature")
def _sparse(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    sparse = [n for n, s in sig.outputs.items() if s.encoding != "dense"]
    if sparse:
        confirm(d, f"output{'s' if len(sparse) > 1 else ''} {', '.join(sparse)} of signature {ctx.signature_key} "
                   "are not dense tensors")
    else:
        refute(d, f"every output of signature {ctx.signature_key} is dense", 0.2)


@refiner("input_output_same_tensor")
def _same_tensor(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    ins = {s.tensor_name: n for n, s in sig.inputs.items() if s.tensor_name}
    same = [(ins[s.tensor_name], n, s.tensor_name) for n, s in sig.outputs.items() if s.tensor_name in ins]
    if same:
        i, o, t = same[0]
        confirm(d, f"input {i} and output {o} are both {t}")
        lead(d, f"Drop output {o} (or export tf.identity({i}) as it).")
    else:
        refute(d, f"no output of signature {ctx.signature_key} is one of its inputs", 0.2)


@refiner("runtime_version_mismatch")
def _runtime(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None:
        return
    op = d.evidence.get("op")
    custom = d.variant == "custom_op"
    if info.tensorflow_version:
        version = info.tensorflow_version
        major_minor = ".".join(version.split(".")[:2])
        if custom:
            note(d, f"written by TensorFlow {version}: the op library must be its build for TensorFlow "
                    f"{major_minor}")
        else:
            lead(d, f"This model was written by TensorFlow {version}: serve it with TensorFlow Serving / a "
                    f"runtime {major_minor} or newer (e.g. tensorflow/serving:{major_minor}.0 or a Vertex "
                    f"tf2-cpu.{major_minor.replace('.', '-')} container).")
            note(d, f"written by TensorFlow {version}")
    if not (isinstance(op, str) and info.meta_graph is not None):
        return
    ops = ctx.ops()
    where = ops.get(op)
    if where:
        confirm(d, f"the graph uses {op} ({len(where)} node{'s' if len(where) > 1 else ''}, e.g. {where[0]})", 0.05)
    else:
        note(d, f"the model you gave does not use {op}: the error came from another export")
    from .facts import stock_ops

    stock = stock_ops()
    if stock is not None:
        outside = sorted(o for o in ops if o not in stock[1] and o != op)
        if outside:
            note(d, f"other ops of this graph outside stock TensorFlow {stock[0]}: {', '.join(outside[:8])}"
                    f"{' …' if len(outside) > 8 else ''}")


@refiner("variables_not_restored")
def _variables(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None or info.kind != "saved_model":
        return
    files = info.files or {}
    has_index = any(f.endswith("variables/variables.index") for f in files)
    has_data = any("variables/variables.data-" in f for f in files)
    from ..model.graph import uses_variables

    needs = uses_variables(info)
    if not (has_index and has_data):
        if needs is False:
            note(d, "the model has no variables/ files, and its graph needs none")
        else:
            confirm(d, f"the model you gave lacks {'variables/variables.index' if not has_index else 'variables.data-*'}")
    else:
        size = sum(v for f, v in files.items() if "variables/" in f)
        note(d, f"variables/ is complete in the copy you gave ({size} bytes): the server loaded a partial copy, or "
                "the export does not track the variables the signature reads")


@refiner("initializer_missing_in_export")
def _tables(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None or ctx.info.meta_graph is None:
        return
    tables = sorted(op for op in ctx.ops() if op in _TABLE_OPS)
    assets = [f for f in (ctx.info.files or {}) if f.startswith("assets/") or "/assets/" in f]
    if tables:
        confirm(d, f"the graph has lookup tables ({', '.join(tables)})" + (f"; assets: {', '.join(assets)}" if assets
                                                                             else "; no assets/ files"), 0.05)
    else:
        refute(d, "the model you gave has no lookup tables", 0.2)


@refiner("model_too_large")
def _size(d: Diagnosis, ctx: Context) -> None:
    if d.variant == "oom":
        _oom(d, ctx)
        return
    if ctx.info is None or not ctx.info.files:
        return
    total = sum(ctx.info.files.values())
    limit = d.evidence.get("limit_bytes")
    text = f"the model's files total {total:,} bytes ({total / 2**20:.1f} MiB)"
    if isinstance(limit, int):
        (confirm if total > limit else note)(d, text + f" against the limit of {limit:,}")
    else:
        note(d, text)


def _oom(d: Diagnosis, ctx: Context) -> None:
    """Out of memory at serving time: the request's batch against the failing tensor, the model's files for scale."""
    from .facts import size_text

    batch = d.evidence.get("batch")
    req = ctx.request
    if req is not None and req.instances:
        n = req.instances
        if isinstance(batch, int) and n == batch:
            confirm(d, f"your request sends {n} instances: the failing tensor's leading {batch} is its batch", 0.1)
        elif isinstance(batch, int) and n < batch:
            note(d, f"your request sends {n} instance{'s' if n != 1 else ''}, fewer than the failing tensor's leading "
                    f"{batch}: server-side batching merged requests (lower max_batch_size), or a bigger request "
                    "failed")
        else:
            note(d, f"your request sends {n} instance{'s' if n != 1 else ''}")
    if ctx.info is not None and ctx.info.files:
        total = sum(ctx.info.files.values())
        note(d, f"the model's files total {size_text(total)}")


@refiner("encoded_image_string_mismatch")
def _encoded(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    kinds = ", ".join(f"{n} {tf_dtype(s.dtype)} {spec_shape(s)}" for n, s in sorted(sig.inputs.items()))
    note(d, f"signature {ctx.signature_key} inputs: {kinds}")


@refiner("model_base_path_layout", "savedmodel_not_found", "savedmodel_tags")
def _layout(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None or info.kind != "saved_model":
        return
    if info.versions:
        note(d, f"the path you gave is a base path with version{'s' if len(info.versions) > 1 else ''} "
                f"{', '.join(map(str, info.versions))}; version {info.version} holds saved_model.pb")
    else:
        note(d, f"the path you gave is a SavedModel folder ({info.model_dir}); TF Serving's --model_base_path must be "
                "its parent, with the folder renamed to an integer")
    if d.category == "savedmodel_tags":
        note(d, f"it has the tag-set {','.join(info.tags)}: the server looked at another folder (check the mount)")


# --------------------------------------------------------------------------------------- request-only refiners

@refiner("payload_too_large")
def _payload(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None:
        return
    if d.variant == "grpc":
        size = d.evidence.get("size_bytes")
        if isinstance(size, int) and req.size < size:
            note(d, f"your request.json is {req.size:,} bytes as JSON, less than the {size:,}-byte message (a "
                    "TensorProto is more compact than JSON): the message over the limit is likely the response, "
                    "so raise the client's grpc.max_receive_message_length")
        else:
            note(d, f"your request.json is {req.size:,} bytes as JSON (its gRPC message is smaller, as a TensorProto "
                    "is more compact than JSON)")
        return
    limit = d.evidence.get("limit_bytes") or 1572864
    text = f"your request is {req.size:,} bytes (limit {limit:,})"
    if req.size > limit:
        if req.instances:
            fit = max(0, math.floor(limit / (req.size / req.instances)))
            text += f"; at its {req.instances} instances, about {fit} fit in one request"
        confirm(d, text)
    else:
        refute(d, text + ": this body fits; the failing one was bigger", 0.15)


@refiner("empty_instances")
def _empty(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.format is None:
        return
    if req.instances == 0:
        confirm(d, "your request has \"instances\": []")
    elif req.instances:
        refute(d, f"your request has {req.instances} instances", 0.3)


@refiner("instances_key_missing")
def _keys_top(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.root is None:
        return
    if not isinstance(req.root, dict):
        confirm(d, f"your request's top level is a JSON {type(req.root).__name__}, not an object")
    elif "instances" in req.root and "inputs" in req.root:
        confirm(d, "your request has both \"instances\" and \"inputs\"")
    elif "instances" not in req.root and "inputs" not in req.root:
        confirm(d, f"your request's top-level keys are {', '.join(req.root) or '(none)'}")


@refiner("json_parse_error")
def _parse(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None:
        return
    if req.parse_error:
        confirm(d, f"request.json does not parse: {req.parse_error}")
    else:
        note(d, "request.json parses as JSON here: TF Serving's parser is stricter (no 1. or .5, no nan), or the "
                "failing body was built differently")


@refiner("ragged_instances")
def _ragged(d: Diagnosis, ctx: Context) -> None:
    req = ctx.request
    if req is None or req.format != "row":
        return
    if req.ragged:
        confirm(d, "the instances of your request have different shapes")


# ------------------------------------------------------------------------------------------------ driver

REQUEST_SIDE = frozenset({
    "input_keys_mismatch", "extra_batch_dimension", "missing_batch_dimension", "input_shape_mismatch",
    "dtype_mismatch", "bytes_sent_to_numeric_input", "ragged_instances", "instances_key_missing",
    "json_parse_error", "empty_instances", "base64_encoding", "batch_size_mismatch_between_inputs",
})
"""Readings that blame the request's content: a request sigcheck validate passes contradicts them."""

_VALIDATE_NULL = re.compile(r'input "(?P<input>[^"]+)" expects (?P<dtype>\w+) values, but got null')


def _null_finding(f: Any) -> dict[str, str] | None:
    """The input and dtype of a validate finding about a null value (None for other findings)."""
    if getattr(f, "received", None) != "null":
        return None
    m = _VALIDATE_NULL.search(getattr(f, "message", "") or "")
    return {"json_type": "null", **({"input": m.group("input"), "expected_dtype": m.group("dtype")} if m else {})}


def _validate(ctx: Context, body: bytes) -> None:
    """The request's findings from sigcheck.validate; TF Serving's tensors from the codec when validate cannot read it."""
    info = ctx.info
    if info is None:
        return
    from ..errors import SigcheckError
    from ..validate import validate_request

    try:
        result = validate_request(body, info, signature=ctx.signature_key, target=ctx.target)
    except SigcheckError:  # a request validate cannot read is still read for its structure below
        result = None
    if result is not None:
        ctx.findings = list(result.findings)
        ctx.decoded = getattr(result, "decoded", None)
        ctx.request_ok = bool(result.ok) and not any(
            getattr(getattr(f, "severity", None), "value", "") == "error" for f in ctx.findings)
        return
    from ..codec.request import decode_request

    ctx.decoded = decode_request(body, info.signatures)


def _plain_base64(d: Diagnosis, finding: Any, diagnoses: list[Diagnosis]) -> None:
    """validate saw base64 text of an image sent as a plain string: by the catalogue's tell-apart rule that is
    base64_encoding (the model got the base64 text, not the image), ahead of an encoded-image mismatch."""
    if "plain string" not in (getattr(finding, "message", "") or ""):
        return
    if getattr(finding, "hint", None) and finding.hint not in d.steps:
        d.steps.insert(0, finding.hint)
    for other in diagnoses:
        if other.category == "encoded_image_string_mismatch" and other.confidence >= d.confidence:
            refute(other, "the request sends base64 text of a PNG/JPEG image without the {\"b64\": ...} wrapper: the "
                          "decode op got that text, not image bytes", 0.2)
            d.confidence = max(d.confidence, min(0.99, other.confidence + 0.2))


def refine(diagnoses: list[Diagnosis], text: str, *, info: "ModelInfo | None", request: bytes | None,
           catalogue: "Catalogue") -> list[Diagnosis]:
    summary = summarize_request(request) if request is not None else None
    ctx = Context(info=info, request=summary, text=text, catalogue=catalogue)
    if info is not None:
        ev = diagnoses[0].evidence if diagnoses else {}
        ctx.signature_key = choose_signature(info, ev, summary)
    platform = next((d.evidence.get("platform") for d in diagnoses if d.evidence.get("platform")), None)
    if platform in ("vertex", "ai-platform"):
        ctx.target = platform
    if request is not None and info is not None:
        _validate(ctx, request)
    before = {id(d): d.confidence for d in diagnoses}
    for d in diagnoses:
        fn = REFINERS.get(d.category)
        if fn is not None:
            fn(d, ctx)
    if ctx.request_ok:
        for d in diagnoses:
            if d.category in REQUEST_SIDE and d.confidence >= before[id(d)]:
                refute(d, f"sigcheck validate finds nothing wrong in the request you gave (signature "
                          f"{ctx.signature_key}): either it is not the request that failed, or the fault is in the "
                          "model rather than the request", 0.25)
    have = {d.category for d in diagnoses}
    for d in ctx.added:
        if d.category not in have:
            diagnoses.append(d)
            have.add(d.category)
        else:
            for old in diagnoses:
                if old.category == d.category:
                    confirm(old, d.confirmed[0], 0.1)
    for f in ctx.findings:
        cat = getattr(f, "category", None)
        if not cat or cat not in catalogue:
            continue
        where = f" at {f.path}" if getattr(f, "path", "$") not in (None, "$") else ""
        said = f"sigcheck validate finds it in your request{where}: {f.message}"
        match = [d for d in diagnoses if d.category == cat]
        if match:
            if said not in match[0].confirmed:
                confirm(match[0], said, 0.1)
            if cat == "base64_encoding":
                _plain_base64(match[0], f, diagnoses)
        elif getattr(getattr(f, "severity", None), "value", "") == "error":
            new = make(ctx, cat, 0.55, {})
            new.confirmed.append(said)
            null = _null_finding(f) if cat == "dtype_mismatch" else None
            if null is not None:  # explain's own advice knows NaN is accepted for float inputs
                reword(new, ctx, **null)
            elif f.hint:
                new.steps.insert(0, f.hint)
            diagnoses.append(new)
            have.add(cat)
    diagnoses.sort(key=lambda d: -d.confidence)
    return diagnoses
