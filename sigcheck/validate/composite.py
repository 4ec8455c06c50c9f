"""Do the components of a RaggedTensor / SparseTensor input agree (the signature's graph never checks them)?

tf.saved_model.save flattens a composite argument into plain inputs (:mod:`sigcheck.model.composite`); TF
Serving feeds each as it comes, and the function rebuilds the composite with ``validate=False``.  Components that
disagree reach the model's ops as they are: it answers with whatever error its ops give (a RaggedReduceSum:
``data.shape = [1] does not start with segment_ids.shape = [0]``; a SparseReduceSum: ``Obtained a write index of
3 which is outside of bounds of [0, 3)``), or with wrong numbers.  The checks are TensorFlow's own validation of
these types, in its words: ``tf.RaggedTensor.from_row_splits`` (row_splits a vector, starting at 0, never
decreasing, ending at the number of values) and ``SparseTensor::IndicesValid`` (indices inside dense_shape,
in row-major order, one value per index).
"""

from __future__ import annotations

from typing import Iterator, Mapping, Sequence

import numpy as np

from ..codec.request import ROW, Decoded, Tensor
from ..diagnostics import Diagnostic, Severity
from ..model.composite import RAGGED, SPARSE, CompositeInput
from ..model.types import format_shape

CODE = "request.composite"
CATEGORIES = {RAGGED: "ragged_instances", SPARSE: "input_shape_mismatch"}
"""The error category (CATEGORIES.md) of a composite whose components disagree: a RaggedTensor's rows are sent with
values and row_splits that do not fit (ragged data sent wrong); a SparseTensor's indices, values and dense_shape
do not describe one tensor of its shape."""


def composite_rows(decoded: Decoded, composites: Sequence[CompositeInput]) -> dict[str, int]:
    """The number of rows (examples) each composite input carries, by argument name, when it can be read."""
    out: dict[str, int] = {}
    for c in composites:
        tensors = decoded.tensors
        if c.kind == RAGGED:
            splits = tensors.get(c.components[1][0])
            if splits is not None and len(splits.shape) == 1 and splits.shape[0] >= 1:
                out[c.name] = splits.shape[0] - 1
        else:
            dense = tensors.get(c.alias("dense_shape"))
            if dense is not None and len(dense.shape) == 1 and dense.shape[0] >= 1:
                out[c.name] = int(dense.array.reshape(-1)[0])
    return out


def composite_findings(decoded: Decoded, composites: Sequence[CompositeInput]) -> Iterator[Diagnostic]:
    """One finding per composite input whose components disagree (errors), or whose sparse indices are out of
    order (a warning: only some sparse ops require sorted indices)."""
    for c in composites:
        if not all(a in decoded.tensors for a, _ in c.components):
            continue
        check = _ragged if c.kind == RAGGED else _sparse
        yield from check(c, decoded.tensors, _path(decoded, c))


def _path(decoded: Decoded, c: CompositeInput) -> str:
    return "$.instances" if decoded.format == ROW else f"$.inputs.{c.name}"


def _what(c: CompositeInput) -> str:
    names = ", ".join(f'"{a}"' for a, _ in c.components)
    kind = "RaggedTensor" if c.kind == RAGGED else "SparseTensor"
    return f'inputs {names} (the {kind} argument "{c.name}": ' + ", ".join(f"{a} = {r}" for a, r in c.components) + ")"


def _consequence(c: CompositeInput) -> str:
    return ("; the signature's function rebuilds the " + ("RaggedTensor" if c.kind == RAGGED else "SparseTensor")
            + " without checking it, so the model fails with whatever error its ops give (or answers wrong numbers)")


def _error(c: CompositeInput, path: str, problem: str, tf_says: str | None, *, expected: str, received: str,
           hint: str, severity: Severity = Severity.ERROR, invalid: bool = True) -> Diagnostic:
    """``tf_says``: TensorFlow's own words for the problem (its RaggedTensor / SparseTensor validation)."""
    kind = "RaggedTensor" if c.kind == RAGGED else "SparseTensor"
    head = f"{_what(c)} do not form a valid {kind}: " if invalid else f"{_what(c)}: "
    return Diagnostic(CODE, severity, head + problem + (f" (TensorFlow: {tf_says})" if tf_says else "")
                      + (_consequence(c) if invalid else ""), category=CATEGORIES[c.kind], path=path, expected=expected, received=received,
                      hint=hint)


def _ints(t: Tensor) -> np.ndarray:
    return np.asarray(t.array).reshape(-1).astype(np.int64, copy=False)


def _ragged(c: CompositeInput, tensors: Mapping[str, Tensor], path: str) -> Iterator[Diagnostic]:
    aliases = [a for a, _ in c.components]
    values = tensors[aliases[0]]
    hint = ("build the request from the RaggedTensor itself: {\"inputs\": {\"" + aliases[0] + "\": rt.flat_values, "
            + ", ".join(f'"{a}": rt.nested_row_splits[{i}]' for i, a in enumerate(aliases[1:]))
            + "} (row_splits = [0, len(row 0), len(row 0)+len(row 1), …]); `sigcheck sample` writes one")
    if not values.shape:
        yield _error(c, path, f'flat_values "{aliases[0]}" is a scalar', "flat_values must have rank >= 1",
                     expected="a list of values", received="shape ()", hint=hint)
        return
    for level, alias in enumerate(aliases[1:]):
        t = tensors[alias]
        role = c.roles[alias]
        if len(t.shape) != 1:
            yield _error(c, path, f'{role} "{alias}" has shape {format_shape(t.shape)}, not a vector',
                         "Arguments to from_row_splits do not form a valid RaggedTensor:rank",
                         expected="shape (rows + 1,)", received=f"shape {format_shape(t.shape)}", hint=hint)
            return
        splits = _ints(t)
        if splits.size == 0 or splits[0] != 0:
            got = "is empty" if splits.size == 0 else f"starts at {int(splits[0])}"
            yield _error(c, path, f'{role} "{alias}" {got}; it must start at 0',
                         "Arguments to from_row_splits do not form a valid RaggedTensor:zero",
                         expected="first row_splits value 0", received=got, hint=hint)
            return
        drops = np.nonzero(np.diff(splits) < 0)[0]
        if drops.size:
            i = int(drops[0])
            yield _error(c, path, f'{role} "{alias}" decreases at position {i + 1} '
                         f'({int(splits[i])} then {int(splits[i + 1])}); it must never decrease',
                         "Arguments to from_row_splits do not form a valid RaggedTensor:monotonic",
                         expected="non-decreasing row_splits", received=f"{int(splits[i])}, {int(splits[i + 1])}",
                         hint=hint)
            return
        if level + 2 < len(aliases):
            inner = tensors[aliases[level + 2]]
            count = inner.shape[0] - 1 if inner.shape else 0
            of = f'the {count} rows "{aliases[level + 2]}" splits'
        else:
            count, of = values.shape[0], f'the {values.shape[0]} values of "{aliases[0]}"'
        if int(splits[-1]) != count:
            yield _error(c, path, f'{role} "{alias}" ends at {int(splits[-1])}, but it must end at {of}',
                         "Arguments to _from_row_partition do not form a valid RaggedTensor",
                         expected=f"last row_splits value {count}", received=f"{int(splits[-1])}", hint=hint)
            return


def _sparse(c: CompositeInput, tensors: Mapping[str, Tensor], path: str) -> Iterator[Diagnostic]:
    ia, va, da = (c.alias(r) for r in ("indices", "values", "dense_shape"))
    indices, values, dense = tensors[ia], tensors[va], tensors[da]
    hint = (f'build the request from the SparseTensor itself: {{"inputs": {{"{ia}": st.indices, "{va}": st.values, '
            f'"{da}": st.dense_shape}}}} (tf.sparse.reorder first); `sigcheck sample` writes one')
    if len(dense.shape) != 1:
        yield _error(c, path, f'dense_shape "{da}" has shape {format_shape(dense.shape)}, not a vector',
                     f"Input shape should be a vector but received shape {_tf_dims(dense.shape)}",
                     expected="shape (rank,)",
                     received=f"shape {format_shape(dense.shape)}", hint=hint)
        return
    shape = _ints(dense)
    rank = shape.size
    if c.shape is not None and rank != len(c.shape):
        yield _error(c, path, f'dense_shape "{da}" has {rank} dimension(s), but the signature\'s SparseTensorSpec '
                     f"has rank {len(c.shape)} {format_shape(c.shape)}", None,
                     expected=f"{len(c.shape)} values", received=f"{rank}", hint=hint)
        return
    if len(indices.shape) != 2 or indices.shape[1] != rank:
        yield _error(c, path, f'indices "{ia}" have shape {format_shape(indices.shape)}, but dense_shape has '
                     f"{rank} dimension(s)", None if len(indices.shape) == 2 else
                     f"Input indices should be a matrix but received shape {_tf_dims(indices.shape)}",
                     expected=f"shape (values, {rank})", received=f"shape {format_shape(indices.shape)}", hint=hint)
        return
    if len(values.shape) != 1 or values.shape[0] != indices.shape[0]:
        yield _error(c, path, f'there are {indices.shape[0]} indices in "{ia}" but {_count(values)} '
                     f'values in "{va}"',
                     f"Input values should be a vector but received shape {_tf_dims(values.shape)}"
                     if len(values.shape) != 1 else "indices and values rows (indexing dimension) must match. "
                     f"(indices = {indices.shape[0]}, values = {values.shape[0]})",
                     expected=f"shape ({indices.shape[0]},)", received=f"shape {format_shape(values.shape)}",
                     hint=hint)
        return
    if (shape < 0).any():
        yield _error(c, path, f'dense_shape "{da}" = {list(map(int, shape))} has a negative size',
                     "Dimension -1 must be >= 0", expected="sizes >= 0", received=str(list(map(int, shape))),
                     hint=hint)
        return
    if c.shape is not None:
        for axis, (want, got) in enumerate(zip(c.shape, shape.tolist())):
            if want >= 0 and want != got:
                yield _error(c, path, f'dense_shape "{da}" = {list(map(int, shape))} gives dimension {axis} size '
                             f"{got}, but the SparseTensorSpec declares {format_shape(c.shape)}; ops built for the "
                             "declared size may fail", None, expected=f"{want}", received=f"{got}",
                             hint=hint, severity=Severity.WARNING, invalid=False)
    idx = np.asarray(indices.array).astype(np.int64, copy=False).reshape(indices.shape)
    shown = ",".join(str(int(d)) for d in shape)
    bad = np.nonzero(((idx < 0) | (idx >= shape)).any(axis=1))[0]
    if bad.size:
        n = int(bad[0])
        at = ",".join(str(int(v)) for v in idx[n])
        yield _error(c, path, f'index {n} of "{ia}" ([{at}]) is outside dense_shape [{shown}]',
                     f"indices[{n}] = [{at}] is out of bounds: need 0 <= index < [{shown}]",
                     expected=f"0 <= index < [{shown}]", received=f"[{at}]", hint=hint)
        return
    for n in range(1, idx.shape[0]):
        prev, cur = tuple(idx[n - 1].tolist()), tuple(idx[n].tolist())
        if cur <= prev:
            at = ",".join(map(str, cur))
            repeated = cur == prev
            yield _error(c, path, f'index {n} of "{ia}" ([{at}]) ' + ("repeats the one before" if repeated else
                         "comes before the one before it in row-major order"),
                         f"indices[{n}] = [{at}] is " + ("repeated" if repeated else
                         "out of order. Many sparse ops require sorted indices."),
                         expected="indices in row-major order, each once", received=f"[{at}] after "
                         f"[{','.join(map(str, prev))}]", hint=hint, severity=Severity.WARNING, invalid=False)
            return


def _count(t: Tensor) -> str:
    return str(t.shape[0]) if len(t.shape) == 1 else f"shape {format_shape(t.shape)} of"


def _tf_dims(shape: Sequence[int]) -> str:
    """A shape as TensorFlow's messages print it: ``[2,1]``."""
    return "[" + ",".join(str(d) for d in shape) + "]"
