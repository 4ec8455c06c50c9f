"""Step 3 of explain (refine with the model and the request): what every refiner uses — the request's summary,
the context, the signature chosen, and the verbs confirm / refute / note / lead / make / reword."""

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
    from ...model.graph import graph_ops as ops

    return ops(info)


@dataclass(frozen=True)
class Placeholder:
    name: str
    dtype: str
    shape: Any


def unfed_placeholders(info: "ModelInfo", key: str) -> list[Placeholder]:
    """Placeholders the signature's outputs need and it does not feed (``sigcheck.model.graph``)."""
    from ...model.graph import unfed_placeholders as walk

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
        # (row or columnar, the tensor's first axis is the batch the signature's first dimension stands for)
        return shape[1:], "request"
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
    from ..facts import DECODE_IMAGE_OPS, image_bytes_name

    if spec.dtype != "DT_STRING":
        return False
    return image_bytes_name(spec.name) or any(op in ctx.ops() for op in DECODE_IMAGE_OPS)


def image_signatures(ctx: Context, *, rank: int | None = None, strings: bool = False) -> list[tuple[str, "TensorSpec"]]:
    """(signature, input) pairs of the model's other image inputs: float inputs of ``rank``, or encoded-bytes
    string inputs (``strings``); the current signature last."""
    if ctx.info is None:
        return []
    out = []
    if strings:  # the one list validate points at too: decoded on the input's path, or named as image bytes
        from ...model.feeds import image_bytes_inputs

        out = image_bytes_inputs(ctx.info)
    for key, sig in ctx.info.signatures.items():
        for spec in sig.inputs.values():
            if not strings and spec.dtype in ("DT_FLOAT", "DT_HALF", "DT_DOUBLE", "DT_BFLOAT16") \
                    and spec.shape is not None and len(spec.shape) == rank:
                out.append((key, spec))
    from ..facts import image_bytes_name

    out.sort(key=lambda p: (p[0] == ctx.signature_key, not image_bytes_name(p[1].name)))
    return out


def _agree(a: list[int], b: list[int]) -> bool:
    return len(a) == len(b) and all(x == y or x < 0 or y < 0 for x, y in zip(a, b))


def _levels(n: int) -> str:
    from ..facts import levels_text

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



def _looks_like_examples(ctx: Context, name: str) -> bool:
    return "example" in name.lower() or any(op in ctx.ops() for op in _EXAMPLE_OPS)


def ctx_add(ctx: Context, category: str, confidence: float, evidence: dict[str, Any], why: str) -> None:
    """Queue a reading the text alone did not give (merged by :func:`refine`)."""
    d = make(ctx, category, min(0.99, confidence), evidence)
    d.confirmed.append(why)
    ctx.added.append(d)



__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING")]
