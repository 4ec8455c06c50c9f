"""Sample predict requests that validate: deterministic, realistic values for every input of a signature.

Values per dtype (from :mod:`sigcheck.codec.dtypes`): floats in [0, 1) with 4 decimals, small integers (0..9;
0..255 for uint8), booleans, words for strings, and a tiny real PNG (or the bundled JPEG) as ``{"b64": …}`` for
binary (``_bytes``) inputs.  Every value is drawn from a stream seeded by ``(seed, input name)`` in row-major
order, so the first N instances of a bigger batch are the instances of batch N.

Shapes: unknown dimensions other than the batch are :data:`DEFAULT_DIM` unless ``dims`` says otherwise;
unknown-rank inputs are sampled as a batch of scalars (shape ``(batch,)``) unless ``shapes`` gives one.  The row
form (``instances``) is used when it can carry the declared shapes, otherwise the columnar form (``inputs``).
"""

from __future__ import annotations

import base64
import json
import math
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError
from ..model.composite import CompositeInput
from ..model.types import DEFAULT_SIGNATURE, Signature, format_shape
from .examples import example_leaves, example_note
from .images import tiny_jpeg, tiny_png
from .layout import (
    TARGETS,
    VERTEX_MAX_BYTES,
    InputView,
    RequestImpossibleError,
    check_callable,
    check_target,
    fixed_batch,
    input_views,
    quoted,
    row_obstacle,
)

DEFAULT_DIM = 2
"""Size given to unknown (-1) dimensions other than the batch."""
WORDS = ("apple", "river", "blue", "seven", "cloud", "market", "green", "delta", "stone", "north", "paper", "signal")
LAYOUTS = ("row", "columnar")
IMAGES = ("auto", "png", "jpeg")

Dims = Mapping[tuple[str, int], int]
"""``{(input name, axis): size}`` for unknown dimensions."""


@dataclass(frozen=True)
class Sample:
    """A generated request and what went into it."""

    body: bytes
    """The request bytes (JSON, or JSON Lines with one instance per line), ending in a newline."""
    layout: str
    """``row`` (``instances``) or ``columnar`` (``inputs``)."""
    batch: int
    """Instances in the row form; the size given to unknown first dimensions in the columnar form."""
    shapes: Mapping[str, tuple[int, ...]]
    """Per input, the shape of the tensor the request carries."""
    values: Mapping[str, Any] = field(repr=False)
    """Per input, the whole tensor as JSON values (nested lists)."""
    notes: tuple[str, ...] = ()
    """Choices made for the user (unknown dims, unknown rank, the --max-size result), one sentence each."""
    jsonl: bool = False
    target: str = "tf-serving"

    @property
    def size(self) -> int:
        return len(self.body)


# flags -------------------------------------------------------------------------------------------------------

_DIM = re.compile(r"^(?P<name>.+)=(?P<axis>\d+):(?P<size>\d+)$")


def parse_dim(text: str) -> tuple[tuple[str, int], int]:
    """``NAME=AXIS:SIZE`` → ``((name, axis), size)``."""
    m = _DIM.match(text.strip())
    if not m:
        raise InputError(f"--dim {text!r}: expected NAME=AXIS:SIZE, e.g. tokens=1:16",
                         hint="AXIS counts from 0 (the batch); SIZE is a non-negative integer")
    return (m["name"], int(m["axis"])), int(m["size"])


def parse_shape(text: str) -> tuple[str, tuple[int, ...]]:
    """``NAME=D0,D1,…`` (``-1`` for unknown, ``NAME=`` for a scalar) → ``(name, shape)``."""
    name, sep, dims = text.partition("=")
    try:
        shape = tuple(int(d) for d in dims.replace(" ", "").split(",") if d != "")
    except ValueError:
        shape = None
    if not sep or not name or shape is None or any(d < -1 for d in shape):
        raise InputError(f"--shape {text!r}: expected NAME=D0,D1,... such as x=-1,4 (-1 = unknown)")
    return name, shape


# shapes ------------------------------------------------------------------------------------------------------

def _declared_shapes(signature: Signature, shapes: Mapping[str, tuple[int, ...]], notes: list[str]
                     ) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for name in shapes:
        if name not in signature.inputs:
            raise InputError(f"--shape {name}=…: signature {quoted(signature.key)} has no input {quoted(name)}; "
                             f"inputs: {', '.join(sorted(signature.inputs))}")
    for name, spec in sorted(signature.inputs.items()):
        given = shapes.get(name)
        if given is not None:
            declared = spec.known_shape
            if declared is not None and (len(given) != len(declared) or any(
                    d >= 0 and g != d for g, d in zip(given, declared))):
                raise InputError(f"--shape {name}={','.join(map(str, given))} does not fit the declared shape "
                                 f"{format_shape(declared)} of input {quoted(name)}",
                                 hint="keep the declared rank and fixed sizes; use -1 where the size is unknown")
            out[name] = given
        elif spec.known_shape is None:
            out[name] = (-1,)
            what = ("records no shape in the signature (TensorFlow shows (), but it is unknown)"
                    if not spec.shape_recorded else "has unknown rank")
            notes.append(f"input {quoted(name)} {what}: sampled as a batch of scalars; "
                         f"give a shape with --shape {name}=-1,4 (for example)")
        else:
            out[name] = spec.shape
    return out


def _apply_dims(shapes: dict[str, tuple[int, ...]], dims: Dims, notes: list[str]) -> dict[str, tuple[int, ...]]:
    for (name, axis), size in sorted(dims.items()):
        if name not in shapes:
            raise InputError(f"--dim {name}={axis}:{size}: no input {quoted(name)}; inputs: {', '.join(sorted(shapes))}")
        shape = shapes[name]
        if axis == 0:
            raise InputError(f"--dim {name}=0:{size}: axis 0 is the batch dimension", hint="use --batch N")
        if axis >= len(shape):
            raise InputError(f"--dim {name}={axis}:{size}: input {quoted(name)} has shape {format_shape(shape)}, "
                             f"so axes run 1..{len(shape) - 1}" if len(shape) > 1 else
                             f"--dim {name}={axis}:{size}: input {quoted(name)} has shape {format_shape(shape)}, "
                             "no axis besides the batch",
                             hint=f"for an unknown-rank input give the whole shape: --shape {name}=-1,...")
        if shape[axis] >= 0 and shape[axis] != size:
            raise InputError(f"--dim {name}={axis}:{size}: axis {axis} of input {quoted(name)} is fixed at "
                             f"{shape[axis]} (shape {format_shape(shape)})")
    resolved: dict[str, tuple[int, ...]] = {}
    for name, shape in shapes.items():
        dims_out = list(shape)
        for axis in range(1, len(shape)):
            if dims_out[axis] < 0:
                if (name, axis) in dims:
                    dims_out[axis] = dims[(name, axis)]
                else:
                    dims_out[axis] = DEFAULT_DIM
                    notes.append(f"input {quoted(name)}: unknown axis {axis} set to {DEFAULT_DIM} "
                                 f"(choose with --dim {name}={axis}:SIZE)")
        resolved[name] = tuple(dims_out)
    return resolved


# values ------------------------------------------------------------------------------------------------------

def _image_kind(view: InputView, image: str) -> str:
    if image != "auto":
        return image
    lowered = view.name.lower()
    return "jpeg" if "jpeg" in lowered or "jpg" in lowered else "png"


def _leaves(view: InputView, count: int, seed: int, image: str,
            vocabulary: Sequence[Any] | None = None) -> list[Any]:
    """``count`` leaf values for ``view``, a prefix-stable stream seeded by (seed, input name); drawn from
    ``vocabulary`` (the keys of the lookup table the graph looks the input up in) when there is one."""
    rng = np.random.default_rng([seed, zlib.crc32(view.name.encode("utf-8"))])
    u = rng.random(count)
    dt = view.dt
    if vocabulary:
        return [vocabulary[i] for i in (u * len(vocabulary)).astype(np.int64).tolist()]
    if dt.json_kind == "number":
        return np.round(u, 4).tolist()
    if dt.json_kind == "integer":
        span = 256 if dt.name == "DT_UINT8" else 10
        return (u * span).astype(np.int64).tolist()
    if dt.json_kind == "boolean":
        return (u < 0.5).tolist()
    if view.binary:
        if _image_kind(view, image) == "jpeg":
            jpeg = {"b64": base64.b64encode(tiny_jpeg()).decode("ascii")}
            return [dict(jpeg) for _ in range(count)]
        return [{"b64": base64.b64encode(tiny_png(int(x * (1 << 24)))).decode("ascii")} for x in u]
    return [WORDS[i] for i in (u * len(WORDS)).astype(np.int64).tolist()]


def _nest(flat: list[Any], shape: tuple[int, ...]) -> Any:
    if not shape:
        return flat[0]
    if len(shape) == 1:
        return list(flat)
    step = math.prod(shape[1:])
    return [_nest(flat[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def _tensor(view: InputView, shape: tuple[int, ...], seed: int, image: str,
            vocabulary: Sequence[Any] | None = None) -> Any:
    return _nest(_leaves(view, math.prod(shape), seed, image, vocabulary), shape)


def usable_vocabulary(view: InputView, values: Sequence[Any]) -> tuple[Any, ...]:
    """The vocabulary values the input's JSON can carry: strings for a string input (not base64 bytes), integers
    in the dtype's range for an integer input; nothing for other inputs."""
    dt = view.dt
    if dt.json_kind == "string" and not view.binary:
        return tuple(v for v in values if isinstance(v, str))
    if dt.json_kind == "integer":
        lo, hi = dt.minimum, dt.maximum
        return tuple(v for v in values if isinstance(v, int) and (lo is None or v >= lo) and (hi is None or v <= hi))
    return ()


# assembly ----------------------------------------------------------------------------------------------------

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


class _Plan:
    """Everything decided before values are drawn: layout, shapes (batch left open), head keys."""

    def __init__(self, signature: Signature, *, target: str, layout: str | None, jsonl: bool,
                 dims: Dims, shapes: Mapping[str, tuple[int, ...]], seed: int, image: str,
                 vocabularies: Mapping[str, Any] | None = None, composites: Sequence[CompositeInput] = ()) -> None:
        if target not in TARGETS:
            raise InputError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
        if layout is not None and layout not in LAYOUTS:
            raise InputError(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
        if image not in IMAGES:
            raise InputError(f"unknown image format {image!r}: expected one of {', '.join(IMAGES)}")
        if seed < 0:
            raise InputError(f"--seed {seed}: the seed must be a non-negative integer")
        check_callable(signature)
        self.signature = signature
        self.target = target
        self.seed = seed
        self.image = image
        self.views = input_views(signature)
        self.notes: list[str] = []
        self.vocabularies: dict[str, tuple[Any, ...]] = {}
        for view in self.views:
            vocab = (vocabularies or {}).get(view.name)
            values = usable_vocabulary(view, getattr(vocab, "values", vocab) or ())
            if values:
                self.vocabularies[view.name] = values
                source = getattr(vocab, "source", None)
                shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in values[:4])
                self.notes.append(
                    f"input {quoted(view.name)} is looked up in a vocabulary of {len(values)} values"
                    + (f" ({source})" if source else "") + f": its values are drawn from it ({shown}"
                    + (", …)" if len(values) > 4 else ")") + ", not made up")
        declared = _declared_shapes(signature, shapes, self.notes)
        self.shapes = _apply_dims(declared, dims, self.notes)
        for name, shape in sorted(self.shapes.items()):
            if 0 in shape:
                self.notes.append(f"input {quoted(name)} has a 0-size dimension (shape {format_shape(shape)}): "
                                  "the request carries no values for it")
            if 0 in shape[:-1]:
                axis = shape.index(0)
                error = InputError if (name, axis) in dims else RequestImpossibleError
                raise error(f"input {quoted(name)} would have shape {format_shape(shape)}: JSON cannot carry the "
                            f"dimensions after a 0-size one (TF Serving reads an empty list as the last dimension, "
                            f"so it would feed shape {format_shape(shape[:axis + 1])})",
                            hint="give the 0-size axis a size of at least 1, or make it the last axis")
        self.composites = tuple(composites)
        parts = {a for c in self.composites for a, _ in c.components}
        plain = {n: s for n, s in self.shapes.items() if n not in parts}  # (a dense_shape (2,) fixes no batch)
        obstacle = _composite_obstacle(self.composites) or row_obstacle(signature, plain)
        check_target(signature, target)
        needs_row = [why for why, on in (("--target vertex", target == "vertex"), ("--jsonl", jsonl)) if on]
        if layout == "columnar" and needs_row:
            raise InputError(f"{needs_row[0]} needs the row form (instances); drop --columnar")
        if obstacle and (layout == "row" or needs_row):
            why = needs_row[0] if needs_row else "--layout row"
            raise RequestImpossibleError(f"{why} needs the row form (instances), but {obstacle}",
                                         hint="send it in the columnar form (inputs) to TF Serving")
        self.layout = layout or ("columnar" if obstacle else "row")
        if self.composites:
            self.notes.append(f"columnar form: {obstacle}; they are drawn to agree (batch = rows)")
        self.fixed = fixed_batch(signature, plain)
        head: dict[str, Any] = {}
        if target == "tf-serving" and signature.key != DEFAULT_SIGNATURE:
            head["signature_name"] = signature.key
        self.head = head

    def batch_for(self, batch: int | None) -> int:
        if batch is not None and batch < 1:
            raise InputError(f"--batch {batch}: a request needs at least one instance")
        if self.fixed is not None:  # columnar too: inputs with an unknown batch follow the fixed one
            if batch is not None and batch != self.fixed:
                name, shape = next((n, s) for n, s in sorted(self.shapes.items()) if s and s[0] >= 0)
                raise InputError(f"--batch {batch}: input {quoted(name)} fixes the batch size at {self.fixed} "
                                 f"(shape {format_shape(shape)})",
                                 hint=f"use --batch {self.fixed}, or re-export the signature with a -1 batch dimension")
            return self.fixed
        return 1 if batch is None else batch

    def tensor_shapes(self, batch: int) -> dict[str, tuple[int, ...]]:
        out = {}
        for name, shape in self.shapes.items():
            if shape and shape[0] < 0:
                shape = (batch,) + shape[1:]
            out[name] = shape
        return out

    examples: Mapping[str, Any] = {}
    """Input name → the ExampleSpec of the parse op it feeds (:meth:`use_examples`)."""

    def use_examples(self, specs: Mapping[str, Any] | None) -> None:
        """Sample the string inputs a ``ParseExample`` op reads as serialized tf.Examples built from its spec."""
        self.examples = {v.name: specs[v.name] for v in self.views
                         if specs and v.name in specs and v.dt.json_kind == "string"}
        for name, spec in sorted(self.examples.items()):
            self.vocabularies.pop(name, None)
            self.notes.append(example_note(name, spec))

    def values(self, batch: int) -> tuple[dict[str, tuple[int, ...]], dict[str, Any]]:
        shapes = self.tensor_shapes(batch)
        views = {v.name: v for v in self.views}
        drawn: dict[str, Any] = {}
        for c in self.composites:
            for name, (shape, value) in _composite_values(c, views, batch, self.seed, self.image).items():
                shapes[name], drawn[name] = shape, value
        for name, spec in self.examples.items():  # serialized tf.Examples from the parse op's feature spec
            drawn[name] = _nest(example_leaves(spec, math.prod(shapes[name]), self.seed, name), shapes[name])
        _check_size(shapes)
        return shapes, {v.name: drawn[v.name] if v.name in drawn else
                        _tensor(v, shapes[v.name], self.seed, self.image, self.vocabularies.get(v.name))
                        for v in self.views}

    def instances(self, values: Mapping[str, Any], batch: int) -> list[Any]:
        if len(self.views) == 1:
            return list(values[self.views[0].name])
        return [{v.name: values[v.name][i] for v in self.views} for i in range(batch)]

    def document(self, values: Mapping[str, Any], batch: int) -> dict[str, Any]:
        if self.layout == "row":
            return {**self.head, "instances": self.instances(values, batch)}
        return {**self.head, "inputs": {v.name: values[v.name] for v in self.views}}


def _composite_obstacle(composites: Sequence[CompositeInput]) -> str | None:
    """Why the row form cannot carry these composite inputs (it batches every component by the instance count)."""
    if not composites:
        return None
    c = composites[0]
    return (f"inputs {', '.join(quoted(a) for a, _ in c.components)} are the components of one "
            f"{'RaggedTensor' if c.kind == 'ragged' else 'SparseTensor'} argument {quoted(c.name)} "
            f"({', '.join(f'{a} = {r}' for a, r in c.components)}), whose lengths differ from the number of "
            "examples")


def _composite_values(c: CompositeInput, views: Mapping[str, InputView], batch: int, seed: int,
                      image: str) -> dict[str, tuple[tuple[int, ...], Any]]:
    """Consistent components for ``batch`` rows of ``c``: name → (shape, nested value)."""
    rng = np.random.default_rng([seed, zlib.crc32(("composite:" + c.name).encode("utf-8"))])
    declared = tuple(c.shape) if c.shape is not None else None
    if c.kind == "ragged":
        aliases = [a for a, _ in c.components]
        out: dict[str, tuple[tuple[int, ...], Any]] = {}
        rows = batch
        for alias in aliases[1:]:  # outermost row_splits first, each row 1..3 long
            lengths = rng.integers(1, 4, size=rows).tolist()
            splits = [0] + np.cumsum(lengths).tolist()
            out[alias] = ((len(splits),), [int(s) for s in splits])
            rows = splits[-1]
        values_view = views[aliases[0]]
        inner = tuple(d if d >= 0 else DEFAULT_DIM for d in (declared[1 + c.ragged_rank:] if declared else ()))
        spec_shape = values_view.spec.known_shape
        if spec_shape is not None and len(spec_shape) > 1 and not inner:
            inner = tuple(d if d >= 0 else DEFAULT_DIM for d in spec_shape[1:])
        shape = (rows,) + inner
        out[aliases[0]] = (shape, _tensor(values_view, shape, seed, image))
        return out
    indices_a, values_a, dense_a = (c.alias(r) for r in ("indices", "values", "dense_shape"))
    if declared is None:
        rank_dim = views[indices_a].spec.known_shape
        rank = rank_dim[1] if rank_dim is not None and len(rank_dim) == 2 and rank_dim[1] >= 0 else 2
        declared = (-1,) * rank
    dense = [batch] + [d if d >= 0 else 4 for d in declared[1:]]
    cells: set[tuple[int, ...]] = set()
    for row in range(batch):  # one or two cells a row, in row-major order
        for _ in range(int(rng.integers(1, 3))):
            cells.add((row,) + tuple(int(rng.integers(0, d)) for d in dense[1:]))
    indices = sorted(cells)
    return {indices_a: ((len(indices), len(dense)), [list(i) for i in indices]),
            values_a: ((len(indices),), _tensor(views[values_a], (len(indices),), seed, image)),
            dense_a: ((len(dense),), dense)}


MAX_SAMPLE_RANK = 32
"""Deepest tensor a sample request is generated for (TF allows 254 dimensions; no REST input has 32)."""
MAX_SAMPLE_VALUES = 4_000_000
"""Most values a sample request is generated with (about 100 MB of JSON; a declared (2**62, …) input is refused)."""


def _check_size(shapes: Mapping[str, tuple[int, ...]]) -> None:
    """Refuse shapes too deep or too large to generate, before any memory is used for them."""
    total = 0
    for name, shape in shapes.items():
        if len(shape) > MAX_SAMPLE_RANK:
            raise RequestImpossibleError(
                f"input {quoted(name)} has rank {len(shape)}: sigcheck generates sample requests for inputs of rank "
                f"{MAX_SAMPLE_RANK} or less", hint="check the signature (sigcheck inspect): a rank this high is "
                "almost certainly a mistake in the export")
        total += math.prod(shape)
        if total > MAX_SAMPLE_VALUES:
            shown = ", ".join(str(d) for d in shape[:6]) + (", …" if len(shape) > 6 else "")
            raise RequestImpossibleError(
                f"input {quoted(name)} of shape ({shown}) makes a request of more than {MAX_SAMPLE_VALUES:,} values: "
                "too large to generate", hint="choose smaller sizes with --dim NAME=AXIS:SIZE or --batch, or check "
                "the signature's declared shape (sigcheck inspect)")


JSONL_FRAME = len('{"instances":[') + len("]}")
"""The bytes the body made of JSON Lines adds around the lines (``validate`` joins them with commas, as gcloud)."""


def _largest_batch(plan: _Plan, limit: int, jsonl: bool = False) -> tuple[int, int, int | None]:
    """(batch, its body size, the size one more instance would take) for the largest row body under ``limit``;
    ``jsonl``: the body the lines make (``{"instances":[line,line,…]}``), which is what is sent for them."""
    prefix, suffix = _dumps({**plan.head, "instances": ["\0"]}).split('"\\u0000"')
    frame = len(prefix.encode()) + len(suffix.encode()) + 1  # + the final newline
    gap = 2  # ", " between items
    if jsonl:
        frame, gap = JSONL_FRAME, 1  # n lines, n - 1 commas

    def sizes(count: int) -> list[int]:
        _, values = plan.values(count)
        items = plan.instances(values, count)
        total, out = frame - gap, []
        for item in items:
            total += len(_dumps(item).encode()) + gap
            out.append(total)
        return out

    if plan.fixed is not None:
        size = sizes(plan.fixed)[-1]
        if size >= limit:
            raise RequestImpossibleError(f"one request of the fixed batch size {plan.fixed} is {size} bytes, over "
                                         f"the {limit}-byte limit")
        return plan.fixed, size, None
    count = 1  # then estimated from the size per instance: the stream is prefix-stable, so growing is exact
    while True:
        cumulative = sizes(count)
        if cumulative[0] >= limit:
            raise RequestImpossibleError(
                f"a single instance makes a {cumulative[0]}-byte request, over the {limit}-byte limit",
                hint="send large inputs as compressed bytes (e.g. a *_bytes image input), or use batch prediction")
        if cumulative[-1] >= limit:
            best = max(i for i, size in enumerate(cumulative) if size < limit)
            return best + 1, cumulative[best], cumulative[best + 1]
        per_item = (cumulative[-1] - frame) / count
        count = max(count * 2, math.ceil((limit - frame) / per_item * 1.02) + 1)


GCLOUD_MAX_INSTANCES = 100
"""gcloud ai-platform predict --json-instances refuses a file of more than 100 instances."""


def jsonl_limit_note(target: str, batch: int) -> str:
    """What limits the number of lines of a JSON Lines sample, by the way ``target`` reads such a file (the rules
    ``validate`` applies: only gcloud's ``--json-instances`` reader, ``--target ai-platform``, stops at 100)."""
    where = ("Vertex AI takes no instance limit from a JSON Lines file: its gcloud ai endpoints predict sends a body "
             "(--json-request; `sigcheck validate FILE --fix -o body.json` converts the lines) and its batch "
             "prediction reads any number of lines" if target == "vertex" else
             "TF Serving takes bodies (`sigcheck validate FILE --fix -o body.json` converts the lines)")
    over = (f"; gcloud ai-platform predict --json-instances would refuse these {batch} lines (at most "
            f"{GCLOUD_MAX_INSTANCES})" if batch > GCLOUD_MAX_INSTANCES else "")
    return f"JSON Lines: {where}{over}"


def _refuse_oversize(plan: _Plan, batch: int, size: int, jsonl: bool) -> None:
    """A Vertex AI sample over its online limit is no request that validates: say how many instances fit."""
    what = "the body its lines make" if jsonl else "the request"
    try:
        fit, _, _ = _largest_batch(plan, VERTEX_MAX_BYTES, jsonl)
        how = f"at most {fit} instance{'s' if fit != 1 else ''} fit: use --batch {fit}, or --max-size"
    except RequestImpossibleError as exc:
        how = str(exc)
    raise InputError(f"--batch {batch}: {what} would be {size} bytes, over Vertex AI's {VERTEX_MAX_BYTES}-byte "
                     "online prediction limit, which validate --target vertex refuses",
                     hint=how + " (or --target tf-serving, which has no limit)")


def build_sample(signature: Signature, *, batch: int | None = None, seed: int = 0, jsonl: bool = False,
                 target: str = "tf-serving", dims: Dims | None = None,
                 shapes: Mapping[str, tuple[int, ...]] | None = None, layout: str | None = None,
                 size_limit: int | None = None, image: str = "auto",
                 vocabularies: Mapping[str, Any] | None = None,
                 composites: Sequence[CompositeInput] = (),
                 examples: Mapping[str, Any] | None = None) -> Sample:
    """A request for ``signature`` and what went into it; see :func:`sample_request`.

    ``vocabularies``: input name → the values of the lookup table the graph looks it up in (a sequence, or a
    :class:`~sigcheck.model.feeds.Vocabulary`): those inputs are sampled from it, with a note.
    ``composites``: the signature's RaggedTensor / SparseTensor arguments
    (:func:`sigcheck.model.composite.composite_inputs`): their components are drawn together so that they agree
    (row_splits from 0 to the number of values; indices inside dense_shape), in the columnar form, the only one
    that carries them for any batch (the row form would need as many row_splits as values).
    ``examples``: input name → the ExampleSpec of the ``ParseExample`` op it feeds
    (:func:`sigcheck.model.feeds.example_specs`): its values are serialized tf.Examples built from the spec,
    base64 in ``{"b64": …}``, with a note."""
    plan = _Plan(signature, target=target, layout=layout, jsonl=jsonl, dims=dims or {}, shapes=shapes or {},
                 seed=seed, image=image, vocabularies=vocabularies, composites=composites)
    plan.use_examples(examples)
    notes = plan.notes
    if size_limit is not None:
        if plan.layout != "row":
            raise InputError("a size limit needs the row form (instances)")
        batch, size, next_size = _largest_batch(plan, size_limit, jsonl)
        more = f"; {batch + 1} would take {next_size}" if next_size is not None else " (the batch size is fixed)"
        what = "the body the lines make is" if jsonl else "the request is"
        notes.append(f"{batch} instance{'s' if batch != 1 else ''} fit under {size_limit} bytes: {what} "
                     f"{size} bytes{more}")
    else:
        batch = plan.batch_for(batch)
    if jsonl and (size_limit is not None or batch > GCLOUD_MAX_INSTANCES):
        notes.append(jsonl_limit_note(target, batch))
    tensor_shapes, values = plan.values(batch)
    if jsonl:
        lines = [_dumps(item) for item in plan.instances(values, batch)]
        body = "\n".join(lines) + "\n"
        sent = JSONL_FRAME + sum(len(line.encode()) for line in lines) + len(lines) - 1  # the body the lines make
    else:
        body = _dumps(plan.document(values, batch)) + "\n"
        sent = len(body.encode())
    if target == "vertex" and size_limit is None and sent > VERTEX_MAX_BYTES:
        _refuse_oversize(plan, batch, sent, jsonl)
    return Sample(body=body.encode("utf-8"), layout=plan.layout, batch=batch, shapes=tensor_shapes,
                  values=values, notes=tuple(notes), jsonl=jsonl, target=target)


def model_sample(info: Any, signature_key: str = DEFAULT_SIGNATURE, **options: Any) -> Sample:
    """:func:`build_sample` for a signature of a read model (:class:`~sigcheck.model.types.ModelInfo`), with what
    its graph says about the inputs: the vocabularies they are looked up in, the RaggedTensor / SparseTensor
    arguments they are components of, the tf.Example specs they are parsed with.  ``sigcheck sample`` and the
    request.json that ``sigcheck export`` writes both come from here; ``options`` are :func:`build_sample`'s."""
    from ..model.composite import composite_inputs
    from ..model.feeds import example_specs, input_vocabularies

    return build_sample(info.signatures[signature_key], vocabularies=input_vocabularies(info, signature_key),
                        composites=composite_inputs(info, signature_key),
                        examples=example_specs(info, signature_key), **options)


def sample_request(signature: Signature, *, batch: int | None = None, seed: int = 0, jsonl: bool = False,
                   target: str = "tf-serving", dims: Dims | None = None,
                   shapes: Mapping[str, tuple[int, ...]] | None = None, layout: str | None = None,
                   max_size: bool = False, image: str = "auto") -> bytes:
    """Request bytes for ``signature`` that pass ``sigcheck validate`` and the generated JSON Schema.

    ``batch``: instances (default 1, or the batch size the signature fixes).  ``seed``: same seed, same bytes.
    ``jsonl``: gcloud's one-instance-per-line format.  ``target="vertex"``: ``{"instances": …}`` only, for
    ``serving_default``.  ``dims``: ``{(input, axis): size}`` for unknown dimensions; ``shapes``: whole shapes,
    needed to choose the rank of unknown-rank inputs.  ``layout``: force ``row`` or ``columnar``.
    ``max_size``: the largest batch whose body stays under Vertex AI's 1.5 MB online limit (``batch`` is
    ignored; :func:`build_sample` reports how many).  Raises
    :class:`~sigcheck.schema.layout.RequestImpossibleError` when no valid request exists, InputError for
    options that do not fit the signature.

    >>> from sigcheck.model.types import Signature, TensorSpec
    >>> sig = Signature("serving_default", "", {"x": TensorSpec("x", "DT_INT64", (-1, 2))}, {})
    >>> sample_request(sig, batch=2)
    b'{"instances": [[5, 2], [7, 6]]}\\n'
    """
    return build_sample(signature, batch=batch, seed=seed, jsonl=jsonl, target=target, dims=dims, shapes=shapes,
                        layout=layout, size_limit=VERTEX_MAX_BYTES if max_size else None, image=image).body
