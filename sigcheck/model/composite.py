"""Composite inputs (tf.RaggedTensorSpec, tf.SparseTensorSpec) of a TF2 signature, read without TensorFlow.

``tf.saved_model.save`` writes a signature whose function takes a RaggedTensor or SparseTensor as plain dense
component tensors: the SignatureDef's TensorInfos are ``r`` (flat_values) and ``r_1`` (row_splits), or ``sp``
(indices), ``sp_1`` (values) and ``sp_2`` (dense_shape), with no ``composite_tensor`` encoding.  TF Serving feeds
them as unrelated inputs, and the graph rebuilds the composite without checking it (``validate=False``): a
request whose components disagree gets whatever error (or wrong answer) the model's ops give.

What they are is recorded elsewhere in the SavedModel: the signature's call node calls
``__inference_signature_wrapper_N``, which calls the traced function; that function's arguments carry
``_user_specified_name`` (every component of ``r`` says ``r``), and the object graph keeps the concrete function's
``canonicalized_input_signature`` with the RaggedTensorSpec / SparseTensorSpec itself.  :func:`composite_inputs`
follows that chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from sigcheck.model.types import ModelInfo, Shape

RAGGED = "ragged"
SPARSE = "sparse"
CALL_OPS = ("PartitionedCall", "StatefulPartitionedCall")


@dataclass(frozen=True, slots=True)
class CompositeInput:
    """One RaggedTensor / SparseTensor argument of a signature's function, and the inputs that carry it."""

    name: str
    """The function's argument name (``r``), the first component's alias as TensorFlow names them."""
    kind: str
    """``ragged`` or ``sparse``."""
    components: tuple[tuple[str, str], ...]
    """(signature input alias, role) in TensorFlow's component order: ragged ``flat_values`` then ``row_splits``
    (outermost first, ``row_splits_2`` … for ragged_rank > 1); sparse ``indices``, ``values``, ``dense_shape``."""
    dtype: str | None
    """The values' dtype (``DT_FLOAT``), from the TypeSpec; None when only the layout was read."""
    shape: Shape
    """The composite's declared shape (``(-1, -1)`` for a RaggedTensorSpec([None, None])); None if not recorded."""
    source: str
    """``type_spec`` (the object graph's RaggedTensorSpec / SparseTensorSpec) or ``layout`` (no object graph entry
    for the function: the arguments' ``_user_specified_name`` grouping, TensorFlow's component names ``sp``, ``sp_1``,
    ``sp_2`` and a SparseTensor's dtypes and ranks; a ragged argument is not guessed)."""

    @property
    def ragged_rank(self) -> int:
        return len(self.components) - 1 if self.kind == RAGGED else 0

    def alias(self, role: str) -> str:
        return next(a for a, r in self.components if r == role)

    @property
    def roles(self) -> dict[str, str]:
        """alias → role."""
        return dict(self.components)

    def describe(self) -> str:
        """``RaggedTensor DT_FLOAT (-1, -1): r = flat_values, r_1 = row_splits``."""
        from sigcheck.model.types import format_shape

        what = "RaggedTensor" if self.kind == RAGGED else "SparseTensor"
        head = f"{what} {self.dtype or ''} {format_shape(self.shape)}".replace("  ", " ")
        return f"{head}: " + ", ".join(f"{a} = {r}" for a, r in self.components)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "dtype": self.dtype,
                "shape": None if self.shape is None else list(self.shape),
                "components": {a: r for a, r in self.components}, "source": self.source}

    @classmethod
    def from_json(cls, data: Any, inputs: Any, where: str) -> "CompositeInput":
        """The inverse of :meth:`to_json` (a contract's ``"composites"`` entry), checked against the signature's
        ``inputs`` (alias → TensorSpec); raises ValueError naming the first bad field under ``where``."""
        if not isinstance(data, dict):
            raise ValueError(f"{where}: expected an object with name, kind and components")
        kind = data.get("kind")
        if kind not in (RAGGED, SPARSE):
            raise ValueError(f"{where}.kind: expected \"{RAGGED}\" or \"{SPARSE}\", got {kind!r}")
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise ValueError(f"{where}.name: expected the argument's name, got {name!r}")
        raw = data.get("components")
        if not isinstance(raw, dict) or not all(isinstance(a, str) and isinstance(r, str) for a, r in raw.items()):
            raise ValueError(f"{where}.components: expected an object of input alias → role, got {raw!r}")
        roles = _roles(kind, len(raw)) if kind == RAGGED or len(raw) == 3 else ()
        if len(raw) < 2 or sorted(raw.values()) != sorted(roles):
            raise ValueError(f"{where}.components: the roles of a {kind} argument are "
                             f"{', '.join(_roles(kind, max(len(raw), 2)))}, got {', '.join(raw.values()) or 'none'}")
        missing = [a for a in raw if a not in inputs]
        if missing:
            raise ValueError(f"{where}.components: {', '.join(missing)} is not an input of the signature")
        by_role = {r: a for a, r in raw.items()}
        shape = data.get("shape")
        if shape is not None and not (isinstance(shape, list) and all(
                isinstance(d, int) and not isinstance(d, bool) and d >= -1 for d in shape)):
            raise ValueError(f"{where}.shape: expected a list of integers (-1 = unknown) or null, got {shape!r}")
        dtype = data.get("dtype")
        if dtype is not None and not (isinstance(dtype, str) and dtype.startswith("DT_")):
            raise ValueError(f"{where}.dtype: expected a TensorFlow dtype name such as \"DT_FLOAT\", got {dtype!r}")
        source = data.get("source", "type_spec")
        return cls(name=name, kind=kind, components=tuple((by_role[r], r) for r in roles), dtype=dtype,
                   shape=None if shape is None else tuple(shape), source=str(source))


def composite_line(c: CompositeInput) -> str:
    """What ``inspect`` says under a signature of one composite input."""
    names = ", ".join(a for a, _ in c.components)
    return (f"{names}: the components of one {c.describe()} (tf.saved_model.save flattens it); TF Serving feeds "
            "them as separate tensors and the graph does not check them: send them together in the columnar form "
            "(\"inputs\") with consistent values (`sigcheck sample` writes one)"
            + ("" if c.source == "type_spec" else "; read from the arguments' layout, the object graph has no "
               "TypeSpec for it"))


def composite_inputs(info: ModelInfo, signature_key: str) -> list[CompositeInput]:
    """The composite arguments of ``signature_key``'s function (empty for TF1 graphs and plain inputs).

    A contract (no graph) gives what its signature's ``"composites"`` recorded when it was written from the
    SavedModel (:mod:`sigcheck.model.contract`); a contract written before that field existed records none, and its
    component inputs are read as plain inputs."""
    mg = info.meta_graph
    if mg is None:
        sig = info.signatures.get(signature_key)
        return list(getattr(sig, "composites", ()) or ())
    if signature_key not in mg.signature_def or signature_key not in info.signatures:
        return []
    cache = _CACHE.get(id(mg))
    if cache is None or cache[0] is not mg:
        cache = (mg, {})
        _CACHE[id(mg)] = cache
    if signature_key not in cache[1]:
        try:
            cache[1][signature_key] = list(_read(info, signature_key))
        except (KeyError, IndexError, ValueError):  # a graph not written as tf.saved_model.save writes it
            cache[1][signature_key] = []
    return cache[1][signature_key]


_CACHE: dict[int, tuple[Any, dict[str, list[CompositeInput]]]] = {}


def component_roles(info: ModelInfo, signature_key: str) -> dict[str, tuple[CompositeInput, str]]:
    """alias → (its composite, its role) for every component input of the signature."""
    return {alias: (c, role) for c in composite_inputs(info, signature_key) for alias, role in c.components}


def _read(info: ModelInfo, key: str) -> Iterator[CompositeInput]:
    mg = info.meta_graph
    sig = info.signatures[key]
    functions = {f.signature.name: f for f in mg.graph_def.library.function}
    node_of = {spec.tensor_name.split(":")[0]: alias for alias, spec in sig.inputs.items() if spec.tensor_name}
    call = next((n for n in mg.graph_def.node if n.op in CALL_OPS and any(
        i.split(":")[0] in node_of for i in n.input)), None)
    if call is None:
        return
    # the call's inputs, in order, are the wrapper's arguments; the wrapper passes them on to the traced function
    aliases = [node_of.get(i.split(":")[0]) for i in call.input]
    wrapper = functions[call.attr["f"].func.name]
    inner_call = next((n for n in wrapper.node_def if n.op in CALL_OPS), None)
    if inner_call is None:
        return
    wrapper_args = [a.name for a in wrapper.signature.input_arg]
    alias_of_wrapper_arg = dict(zip(wrapper_args, aliases))
    inner = functions[inner_call.attr["f"].func.name]
    inner_aliases = [alias_of_wrapper_arg.get(i.split(":")[0]) for i in inner_call.input
                     if not i.startswith("^")]
    groups = _groups(inner)
    specs = _type_specs(info, inner, functions)
    for start, count, user_name in groups:
        if count < 2:
            continue
        members = inner_aliases[start:start + count]
        if any(a is None for a in members):
            continue
        spec = specs.get(start) if specs else None
        if spec is not None and spec[2] == count:
            kind, dtype, shape = spec[0], spec[1], spec[3]
            source = "type_spec"
        elif specs is not None:
            continue  # the object graph says what the arguments are: no TypeSpec here (a dict of tensors …)
        else:
            # no object graph entry: TensorFlow's component names (r, r_1, r_2) and the components' layout
            if members != [user_name] + [f"{user_name}_{k}" for k in range(1, count)]:
                continue
            shape = _sparse_layout([sig.inputs[a] for a in members])
            if shape is None:
                continue
            kind, dtype, source = SPARSE, None, "layout"
        yield CompositeInput(name=user_name, kind=kind, components=tuple(zip(members, _roles(kind, count))),
                             dtype=dtype or sig.inputs[members[1 if kind == SPARSE else 0]].dtype, shape=shape,
                             source=source)


def _roles(kind: str, count: int) -> tuple[str, ...]:
    if kind == SPARSE:
        return ("indices", "values", "dense_shape")
    return ("flat_values", "row_splits") + tuple(f"row_splits_{k}" for k in range(2, count))


def _groups(fn: Any) -> list[tuple[int, int, str]]:
    """(first argument index, count, user-specified name): runs of arguments written for one Python argument."""
    out: list[tuple[int, int, str]] = []
    for i, arg in enumerate(fn.signature.input_arg):
        attrs = fn.arg_attr[i].attr if i in fn.arg_attr else {}
        name = attrs["_user_specified_name"].s.decode() if "_user_specified_name" in attrs else arg.name
        if out and out[-1][2] == name and out[-1][0] + out[-1][1] == i:
            out[-1] = (out[-1][0], out[-1][1] + 1, name)
        else:
            out.append((i, 1, name))
    return out


def _arg_key(fn: Any) -> tuple:
    return tuple((a.type, (fn.arg_attr[i].attr["_user_specified_name"].s if i in fn.arg_attr
                           and "_user_specified_name" in fn.arg_attr[i].attr else b""))
                 for i, a in enumerate(fn.signature.input_arg))


def _type_specs(info: ModelInfo, inner: Any, functions: dict[str, Any]) -> dict[int, tuple] | None:
    """First flat argument index → (kind, values dtype, component count, shape), from the object graph's
    concrete function for ``inner`` (the same name, or a retrace of the same Python function with the same
    arguments: tf.saved_model.save keeps the signature's trace and a second one of the tracked function)."""
    from sigcheck.model.proto import object_graph_pb2

    mg = info.meta_graph
    if not mg.HasField("object_graph_def"):
        return None
    graph = object_graph_pb2.ObjectGraph.FromString(mg.object_graph_def.SerializeToString())
    name = inner.signature.name
    concrete = graph.concrete_functions.get(name)
    if concrete is None:
        stem = re.sub(r"_\d+$", "_", name)
        key = _arg_key(inner)
        for other, fn in graph.concrete_functions.items():
            if other.startswith(stem) and re.fullmatch(r"\d+", other[len(stem):]) and other in functions \
                    and _arg_key(functions[other]) == key:
                concrete = fn
                break
    if concrete is None:
        return None
    sig = concrete.canonicalized_input_signature
    out: dict[int, tuple] = {}
    index = 0
    for leaf in _leaves(sig):
        kind = leaf.WhichOneof("kind")
        if kind == "type_spec_value":
            ts = leaf.type_spec_value
            count = ts.num_flat_components or 1
            parsed = _parse_type_spec(ts)
            if parsed is not None:
                out[index] = (parsed[0], parsed[1], count, parsed[2])
            index += count
        elif kind in ("tensor_spec_value", "bounded_tensor_spec_value"):
            index += 1
    return out


def _leaves(value: Any) -> Iterator[Any]:
    """nest.flatten order: lists/tuples in order, dicts by sorted key, named tuples in field order."""
    kind = value.WhichOneof("kind")
    if kind in ("list_value", "tuple_value"):
        for v in getattr(value, kind).values:
            yield from _leaves(v)
    elif kind == "dict_value":
        for k in sorted(value.dict_value.fields):
            yield from _leaves(value.dict_value.fields[k])
    elif kind == "named_tuple_value":
        for pair in value.named_tuple_value.values:
            yield from _leaves(pair.value)
    elif kind in ("tensor_spec_value", "bounded_tensor_spec_value", "type_spec_value"):
        yield value


def _parse_type_spec(ts: Any) -> tuple[str, str | None, Shape] | None:
    from sigcheck.model.proto import object_graph_pb2

    cls = ts.type_spec_class
    if cls == object_graph_pb2.TypeSpec.RAGGED_TENSOR_SPEC:
        kind = RAGGED
    elif cls == object_graph_pb2.TypeSpec.SPARSE_TENSOR_SPEC:
        kind = SPARSE
    else:
        return None
    state = ts.type_state
    items = list(state.tuple_value.values) if state.WhichOneof("kind") == "tuple_value" else []
    shape: Shape = None
    dtype: str | None = None
    for item in items:
        which = item.WhichOneof("kind")
        if which == "tensor_shape_value" and shape is None:
            s = item.tensor_shape_value
            shape = None if s.unknown_rank else tuple(d.size for d in s.dim)
        elif which == "tensor_dtype_value" and dtype is None:
            from sigcheck.model.reader import dtype_name

            dtype = dtype_name(item.tensor_dtype_value)
    return kind, dtype, shape


def _sparse_layout(specs: list[Any]) -> Shape | None:
    """The shape ``(-1,) * rank`` when three components look like a SparseTensor's: int64 indices ``(-1, rank)``,
    values ``(-1,)``, int64 dense_shape ``(rank,)`` with the same known rank; else None.  (A RaggedTensor's
    components — values and int vectors — cannot be told from plain inputs this way, so they are not guessed.)"""
    if len(specs) != 3:
        return None
    indices, values, dense = (s.known_shape for s in specs)
    if specs[0].dtype != "DT_INT64" or specs[2].dtype != "DT_INT64" or indices is None or values is None \
            or dense is None or len(indices) != 2 or len(values) != 1 or len(dense) != 1:
        return None
    rank = indices[1]
    return (-1,) * rank if rank > 0 and dense[0] == rank else None
