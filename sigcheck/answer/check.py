"""The answer of a 200 checked against the signature, with numpy only (no TensorFlow here: the caller runs the model).

TF Serving never compares fed shapes with the signature, nor the outputs' shapes: a request whose tensors have
another rank than declared may run and answer 200 with wrong values — a scalar input given a batch broadcast over the
output's columns instead of its rows, an input one level too deep giving two scores per instance.  Two checks see it:

* :func:`output_findings`: each output's returned shape against the one declared (rank, fixed sizes, and a ``-1``
  batch dimension against the request's number of instances): ``predict.answer_shape``, a warning (clients read the
  declared shape);
* :func:`instance_findings`: when some input got another rank than declared, some instances are run again alone
  and compared with their row in the batch: ``predict.instance_mismatch``, an error (the answer to one instance
  depends on the others).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

import numpy as np

from ..diagnostics import Diagnostic, Severity
from ..model.types import Signature, format_shape

ANSWER_SHAPE = "predict.answer_shape"
INSTANCE_MISMATCH = "predict.instance_mismatch"
ANSWER_CODES = (ANSWER_SHAPE, INSTANCE_MISMATCH)
"""The findings a 200 can carry about its own answer (``gate --predict`` keeps a rank error when one is found)."""

RTOL, ATOL = 1e-4, 1e-5
"""How close an instance's answer alone must be to its row in the batch (batched kernels may sum in another order)."""
CHECKED = 4
"""At most this many instances are run alone (the first three and the last)."""


def request_batch(feeds: Mapping[str, np.ndarray]) -> int | None:
    """The number of instances: the 0th dimension every input shares (row format always has one); None when an
    input is a scalar or the inputs disagree (columnar inputs are independent)."""
    dims = {a.shape[0] if a.ndim else None for a in feeds.values()}
    return dims.pop() if len(dims) == 1 and None not in dims else None


def rank_changed(sig: Signature, feeds: Mapping[str, np.ndarray]) -> list[str]:
    """The inputs fed with another rank than the signature declares (declared rank known)."""
    changed = []
    for alias, array in sorted(feeds.items()):
        spec = sig.inputs.get(alias)
        declared = spec.known_shape if spec is not None else None
        if declared is not None and len(declared) != array.ndim:
            changed.append(alias)
    return changed


def output_findings(sig: Signature, outputs: Mapping[str, np.ndarray], batch: int | None, *,
                    path: str = "$") -> list[Diagnostic]:
    """``predict.answer_shape`` for each output whose returned shape is not the declared one."""
    found: list[Diagnostic] = []
    for alias in sorted(outputs):
        spec = sig.outputs.get(alias)
        declared = spec.known_shape if spec is not None else None
        if declared is None:
            continue
        shape = tuple(np.shape(outputs[alias]))
        if len(shape) != len(declared):
            what = f"rank {len(shape)}, not {len(declared)}"
        elif any(d is not None and d >= 0 and d != s for d, s in zip(declared, shape)):
            what = "other sizes"
        elif batch is not None and declared and (declared[0] is None or declared[0] < 0) and shape[0] != batch:
            what = f"{shape[0]} row{'s' if shape[0] != 1 else ''} for {batch} instance{'s' if batch != 1 else ''}"
        else:
            continue
        found.append(Diagnostic(
            ANSWER_SHAPE, Severity.WARNING,
            f'output "{alias}" is answered with shape {format_shape(shape)} where the signature declares '
            f"{format_shape(declared)} ({what}): TF Serving answers 200 and never compares, but clients that read the "
            "declared shape get something else, and values may be wrong (an input of another rank than declared is "
            "the usual cause)",
            category="output_batch_dimension", path=f"{path}.outputs.{alias}",
            expected=f"shape {format_shape(declared)}", received=f"shape {format_shape(shape)}",
            hint="send each input with the shape the signature declares (`sigcheck validate` says which one is "
                 "off), or re-export the model with the output shapes it really answers"))
    return found


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" and b.dtype.kind in "fc":
        return bool(np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    return bool(np.array_equal(a, b))


def _show(a: np.ndarray) -> str:
    text = np.array2string(np.asarray(a), threshold=8, edgeitems=3, separator=", ", precision=6)
    return text if len(text) <= 120 else text[:119] + "…"


def instance_findings(sig: Signature, feeds: Mapping[str, np.ndarray], outputs: Mapping[str, np.ndarray],
                      run_alone: Callable[[dict[str, np.ndarray]], Any], *, path: str = "$") -> list[Diagnostic]:
    """When some input got another rank than declared and the request holds several instances, run some of them
    alone (``run_alone(feeds)`` → an object with ``outputs`` / ``error`` / ``crash``, as ``ModelProcess.run``) and
    compare each answer with its row in the batch: ``predict.instance_mismatch`` for the first that differs."""
    changed = rank_changed(sig, feeds)
    batch = request_batch(feeds)
    if not changed or batch is None or batch < 2:
        return []
    rows = sorted({*range(min(batch, CHECKED - 1)), batch - 1})
    inputs = ", ".join(f'"{a}" (declared {format_shape(sig.inputs[a].known_shape)}, '
                       f"sent {format_shape(feeds[a].shape)})" for a in changed)
    for i in rows:
        alone = run_alone({alias: array[i:i + 1] for alias, array in feeds.items()})
        if getattr(alone, "crash", None) is not None:
            return []  # (a crash is not an answer to compare; the batch itself answered)
        error = getattr(alone, "error", None)
        if error is not None:
            message = getattr(error, "message", str(error)).splitlines()[0]
            return [Diagnostic(
                INSTANCE_MISMATCH, Severity.ERROR,
                f"the model answers the batch of {batch} (200), but instance {i} sent alone fails ({message}): the "
                f"batch's answer depends on how instances are grouped; inputs of another rank than declared: {inputs}",
                category="input_shape_mismatch", path=f"{path}.instances[{i}]",
                hint="send each input with the shape the signature declares (`sigcheck validate --fix` repairs an "
                     "extra or missing level; a scalar input is sent once, in the columnar format)")]
        for alias in sorted(outputs):
            together, single = np.asarray(outputs[alias]), np.asarray((alone.outputs or {}).get(alias))
            if together.ndim == 0 or single.ndim == 0 or together.shape[0] != batch or single.shape[0] != 1:
                continue  # (no row of this instance to compare: output_findings says what the shape is)
            if not _same(together[i], single[0]):
                return [Diagnostic(
                    INSTANCE_MISMATCH, Severity.ERROR,
                    f'the model answers 200, but wrongly: instance {i} sent alone gets "{alias}" = '
                    f"{_show(single[0])}, while its row in the batch of {batch} is {_show(together[i])}; instances are "
                    f"mixed in the batch because inputs have another rank than declared: {inputs} (a scalar input "
                    "given a batch broadcasts over the output's other dimensions)",
                    category="input_shape_mismatch", path=f"{path}.outputs.{alias}",
                    expected=f"row {i} = {_show(single[0])} (instance {i} alone)", received=_show(together[i]),
                    hint="send each input with the shape the signature declares (a scalar input once, in the "
                         'columnar format: {"inputs": {...}}; `sigcheck validate` names each one)')]
    return []


def answer_findings(sig: Signature, feeds: Mapping[str, np.ndarray], outputs: Mapping[str, np.ndarray],
                    run_alone: Callable[[dict[str, np.ndarray]], Any], *, fmt: str | None = "row",
                    path: str = "$") -> list[Diagnostic]:
    """Both checks for one 200: the outputs' shapes, then (when an input's rank changed) instances alone.  The
    outputs' rows are counted against the instances in the row format only (``fmt == "row"``): columnar inputs
    need not be batches (a list of tokens to a ``(-1,)`` input)."""
    batch = request_batch(feeds) if fmt == "row" else None
    return output_findings(sig, outputs, batch, path=path) + instance_findings(sig, feeds, outputs, run_alone,
                                                                               path=path)
