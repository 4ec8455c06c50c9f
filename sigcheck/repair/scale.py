"""Does an image model already scale its input?  Then ``--image-bytes`` must feed it raw 0…255 pixels.

A model whose first layer is ``Rescaling(1/255)`` (or whose graph first multiplies the input by 1/255 or divides
it by 255) wants raw pixels: the ``image_bytes`` signature must not scale them again (``--image-scale raw``).  A
leading ``Normalization`` layer (subtract a mean, divide by a deviation) says nothing sigcheck can trust about the
pixel range it was adapted on: the user says it with ``--image-scale``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..model.types import ModelInfo

RAW, NORMALIZATION = "raw", "normalization"
_PASS_THROUGH = frozenset({"Identity", "IdentityN", "Cast", "StopGradient", "Snapshot"})
_CALLS = frozenset({"StatefulPartitionedCall", "PartitionedCall"})


@dataclass(frozen=True)
class Scaling:
    kind: str
    """``raw`` (the model divides by 255 itself) or ``normalization`` (mean/deviation: range unknown)."""
    evidence: str
    """``the first layer is Rescaling(scale=0.00392)``, ``the graph's first op multiplies by 0.00392``."""


def _scale_says_raw(scale: float) -> bool:
    return abs(scale * 255.0 - 1.0) < 1e-3 or abs(scale * 127.5 - 1.0) < 1e-3


def keras_input_scaling(model: Any) -> Scaling | None:
    """The scaling a Keras model's first layer after its (single) input does, if any."""
    layers = [layer for layer in getattr(model, "layers", []) if type(layer).__name__ != "InputLayer"]
    if not layers:
        return None
    first = layers[0]
    kind = type(first).__name__
    if kind == "Rescaling":
        scale = float(getattr(first, "scale", 1.0))
        if _scale_says_raw(scale):
            return Scaling(RAW, f"the first layer {first.name!r} is Rescaling(scale={scale:.6g})")
        return None
    if kind == "Normalization":
        return Scaling(NORMALIZATION, f"the first layer {first.name!r} is Normalization")
    if kind in ("Sequential", "Functional", "Model"):
        return keras_input_scaling(first)
    return None


def _const_value(node: Any) -> float | None:
    if node is None or node.op != "Const" or "value" not in node.attr:
        return None
    t = node.attr["value"].tensor
    if t.float_val:
        return float(t.float_val[0]) if len(t.float_val) == 1 else None
    if t.double_val:
        return float(t.double_val[0]) if len(t.double_val) == 1 else None
    if t.tensor_content and t.dtype in (1, 2):  # DT_FLOAT, DT_DOUBLE
        import numpy as np

        values = np.frombuffer(t.tensor_content, dtype=np.float32 if t.dtype == 1 else np.float64)
        return float(values[0]) if values.size == 1 else None
    return None


def graph_input_scaling(info: ModelInfo, key: str, alias: str) -> Scaling | None:
    """The scaling the first real op on input ``alias`` of signature ``key`` does (followed through Identity,
    Cast and function calls), read from the GraphDef without TensorFlow."""
    from ..model.graph import graph_index

    index = graph_index(info)
    if index is None:
        return None
    tensor = info.signatures[key].inputs[alias].tensor_name or ""
    todo = [(index.top, tensor.split(":")[0])]
    seen: set[tuple[str | None, str]] = set()
    while todo:
        scope, ref = todo.pop()
        if (scope.function, ref) in seen or len(seen) > 200:
            continue
        seen.add((scope.function, ref))
        for node in scope.nodes.values():
            for i, inp in enumerate(node.input):
                if inp.startswith("^") or inp.split(":")[0] != ref:
                    continue
                if node.op in _PASS_THROUGH:
                    todo.append((scope, node.name))
                    continue
                callee = (index.functions.get(node.attr["f"].func.name) if node.op in _CALLS and "f" in node.attr
                          else index.functions.get(node.op))
                if callee is not None:
                    arg = next((name for name, pos in callee.args.items() if pos == i), None)
                    if arg is not None:
                        todo.append((callee, arg))
                    continue
                other = [scope.nodes.get(x.split(":")[0]) for j, x in enumerate(node.input) if j != i
                         and not x.startswith("^")]
                values = [v for v in (_const_value(_through(scope, o)) for o in other) if v is not None]
                if node.op == "Mul" and values and _scale_says_raw(values[0]):
                    return Scaling(RAW, f"the graph's first op on {alias!r} multiplies it by {values[0]:.6g}")
                if node.op in ("RealDiv", "Div", "TruncateDiv") and i == 0 and values and \
                        _scale_says_raw(1.0 / values[0] if values[0] else 0.0):
                    return Scaling(RAW, f"the graph's first op on {alias!r} divides it by {values[0]:.6g}")
                if node.op == "Sub" and i == 0:
                    return Scaling(NORMALIZATION, f"the graph's first op on {alias!r} subtracts a mean (a "
                                   "Normalization layer?)")
    return None


def _through(scope: Any, node: Any) -> Any:
    """Follow Identity/Cast back to the node that makes a value (a Const, usually)."""
    for _ in range(8):
        if node is None or node.op not in _PASS_THROUGH or not node.input:
            return node
        node = scope.nodes.get(node.input[0].split(":")[0])
    return node


def choose_scale(found: Scaling | None, requested: str | None, *, flag: str = "--image-scale") -> tuple[str, str | None]:
    """The ``--image-scale`` to use and a note saying why; InputError when ``requested`` would scale twice or the
    range cannot be told."""
    if found is None:
        return requested or "unit", None
    if found.kind == RAW:
        if requested in (None, RAW):
            return RAW, f"{found.evidence}: the image_bytes signature feeds it raw 0-255 pixels ({flag} raw)"
        raise InputError(f"{flag} {requested} would scale the pixels twice: {found.evidence}",
                         hint=f"drop {flag} (sigcheck chooses raw for this model) or give {flag} raw")
    if requested is None:
        raise InputError(f"cannot tell which pixel range the model expects: {found.evidence}",
                         hint=f"give {flag} raw if it was adapted on 0-255 pixels, unit for 0-1, symmetric for -1..1")
    return requested, None
