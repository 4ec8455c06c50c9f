"""What a REST request for one signature can look like: the facts JSON Schema and sample generation share.

* whether TF Serving's REST predict API can call the signature at all (inputs present, dense, REST dtypes);
* whether the row form (``instances``) can carry the declared shapes, or only the columnar form (``inputs``);
* which DT_STRING inputs are binary (the ``_bytes`` naming convention).

Shapes are the signature's :attr:`~sigcheck.model.types.TensorSpec.known_shape`: a shape the SignatureDef does not
record (TensorFlow shows it as ``()``) is unknown, not a scalar.

The per-dtype rules themselves come from :mod:`sigcheck.codec.dtypes`, the one dtype table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..codec.b64 import BINARY_SUFFIX
from ..codec.dtypes import DType, dtype
from ..errors import InputError
from ..model.types import DEFAULT_SIGNATURE, ModelInfo, Signature, TensorSpec, describe_shape, format_shape

VERTEX_MAX_BYTES = 1_572_864
"""Vertex AI's online prediction request limit (1.5 MB)."""
TARGETS = ("tf-serving", "vertex")


class RequestImpossibleError(InputError):
    """No useful REST predict request exists for this signature (no inputs, a dtype REST cannot carry …)."""


def target_signature_problem(key: str, target: str) -> str | None:
    """Why ``target`` cannot call the signature ``key``, or None when it can.

    The one rule, shared by ``schema``, ``sample`` and ``validate``: Vertex AI's predict API has no
    ``signature_name`` (its body is ``{"instances": [...], "parameters": {...}}``) and its prebuilt TensorFlow
    containers call ``serving_default``.  Legacy AI Platform takes ``signature_name`` in the body; TF Serving
    calls any signature.
    """
    if target == "vertex" and key != DEFAULT_SIGNATURE:
        return (f"Vertex AI's prebuilt TensorFlow containers serve the {DEFAULT_SIGNATURE} signature, not "
                f"{quoted(key)} (Vertex AI's predict request has no signature_name)")
    return None


EXPORT_DEFAULT_CHOICES = {"image_bytes": "image_bytes", "image_tensor": "tensor"}
"""Signature ``sigcheck export --from`` writes → the ``--default-signature`` value that makes it serving_default."""


def default_signature_hint(key: str) -> str:
    """How to make the signature ``key`` the one Vertex AI calls (``serving_default``)."""
    choice = EXPORT_DEFAULT_CHOICES.get(key)
    if choice is not None:
        return (f"re-export with `sigcheck export --from MODEL.keras --default-signature {choice}`, which makes "
                f"{quoted(key)} {DEFAULT_SIGNATURE}")
    return (f"re-export the model with {quoted(key)} as {DEFAULT_SIGNATURE} (Keras: the endpoint named "
            f"{DEFAULT_SIGNATURE} in model.export() / ExportArchive), or run `sigcheck repair MODEL --output "
            f"BASE_PATH --default-signature {key}`: it writes a new version where {quoted(key)} is also "
            f"{DEFAULT_SIGNATURE} (a {DEFAULT_SIGNATURE} the model has already is kept as "
            f"previous_{DEFAULT_SIGNATURE})")


def check_target(signature: Signature, target: str) -> None:
    """Raise :class:`RequestImpossibleError` when ``target`` cannot call ``signature`` (see
    :func:`target_signature_problem`)."""
    problem = target_signature_problem(signature.key, target)
    if problem is not None:
        raise RequestImpossibleError(
            problem, hint=f"use --target tf-serving, or {default_signature_hint(signature.key)}")


def is_binary(spec: TensorSpec) -> bool:
    """A DT_STRING input whose name ends in ``_bytes``: binary by TF Serving's convention, sent as ``{"b64": …}``."""
    return dtype(spec.dtype).name == "DT_STRING" and spec.name.endswith(BINARY_SUFFIX)


def quoted(name: str) -> str:
    return f'"{name}"'


def unusable_input(spec: TensorSpec) -> RequestImpossibleError | None:
    """Why ``spec`` cannot be fed through REST JSON, or None."""
    if spec.encoding != "dense":
        return RequestImpossibleError(
            f"input {quoted(spec.name)} is {spec.encoding}-encoded: TF Serving's REST API feeds dense tensors only",
            hint="serve a signature with dense inputs (e.g. take the dense values and build the sparse tensor "
            "inside the serving function), or call it over gRPC",
        )
    dt: DType = dtype(spec.dtype)
    if not dt.rest_readable:
        return RequestImpossibleError(
            f"input {quoted(spec.name)} is {dt.tf_name}: TF Serving's REST API cannot carry {dt.tf_name} values "
            f"(it answers UNIMPLEMENTED: Conversion of JSON Value: … to type: {dt.tf_name})",
            hint=f"accept a REST dtype in the serving signature (e.g. float32) and tf.cast to {dt.tf_name} inside "
            "the serving function, or call the model over gRPC",
        )
    return None


def check_callable(signature: Signature) -> None:
    """Raise :class:`RequestImpossibleError` when TF Serving's REST predict API cannot usefully call ``signature``."""
    if not signature.inputs:
        shown = signature.key or "DEFAULT"
        raise RequestImpossibleError(
            f"signature {quoted(signature.key)} has no inputs: TF Serving's REST predict API cannot call it "
            f"(it answers: Failed to get input map for signature: {shown})",
            hint="call it over gRPC, or export a serving signature that takes at least one input",
        )
    for spec in signature.inputs.values():
        problem = unusable_input(spec)
        if problem is not None:
            raise problem
    for name, spec in sorted(signature.outputs.items()):
        dt = dtype(spec.dtype)
        if not dt.rest_readable and dt.name != "DT_INVALID":
            raise RequestImpossibleError(
                f"output {quoted(name)} is {dt.tf_name}: TF Serving cannot write it as JSON, so every REST predict "
                f"call fails after the model ran (Failed to write JSON value for tensor type: {dt.tf_name})",
                hint="cast the output to float32 (or another REST dtype) in the serving function",
            )


def row_obstacle(signature: Signature, shapes: Mapping[str, tuple[int, ...] | None] | None = None) -> str | None:
    """Why the row form (``instances``) cannot carry the declared shapes, or None when it can.

    Row requests stack every input over the same list of instances, so each input gets a leading batch
    dimension and all of them share its size: a rank-0 input, or inputs whose fixed first dimensions differ,
    can only be sent in the columnar form.  Row answers split every output per instance (SPEC §11.1): a rank-0
    output, or outputs whose fixed first dimensions differ, make every row request fail after the model ran.
    """
    problem = _output_obstacle(signature)
    if problem:
        return problem
    shapes = shapes if shapes is not None else {n: s.known_shape for n, s in signature.inputs.items()}
    fixed: dict[str, int] = {}
    for name in sorted(shapes):
        shape = shapes[name]
        if shape is None:
            continue
        if len(shape) == 0:
            return (f"input {quoted(name)} is a scalar (shape ()): the row form adds a batch dimension, "
                    "so only the columnar form (\"inputs\") sends a rank-0 tensor")
        if shape[0] == 0:
            return (f"input {quoted(name)} fixes its first dimension at 0 (shape {format_shape(shape)}): the row "
                    "form needs at least one instance, so only the columnar form (\"inputs\") sends it")
        if shape[0] > 0:
            fixed[name] = shape[0]
    if len(set(fixed.values())) > 1:
        listed = ", ".join(f"{quoted(n)} {d}" for n, d in sorted(fixed.items()))
        return (f"the inputs have different fixed first dimensions ({listed}): the row form gives every input "
                "the same batch size, so only the columnar form (\"inputs\") can send them")
    return None


def _output_obstacle(signature: Signature) -> str | None:
    fixed: dict[str, int] = {}
    for name, spec in sorted(signature.outputs.items()):
        shape = spec.known_shape
        if shape is None:
            continue
        if len(shape) == 0:
            return (f"output {quoted(name)} is a scalar (shape ()): a row-form answer splits every output per "
                    f"instance, so TF Serving answers \"Tensor name: {name} has no shape information\"; only the "
                    "columnar form (\"inputs\") works")
        if shape[0] >= 0:
            fixed[name] = shape[0]
    if len(set(fixed.values())) > 1:
        listed = ", ".join(f"{quoted(n)} {d}" for n, d in sorted(fixed.items()))
        return (f"the outputs have different fixed first dimensions ({listed}): a row-form answer needs one batch "
                "size (TF Serving answers \"inconsistent batch size\"); only the columnar form (\"inputs\") works")
    return None


def fixed_batch(signature: Signature, shapes: Mapping[str, tuple[int, ...] | None] | None = None) -> int | None:
    """The batch size the declared shapes fix (a known first dimension shared by the inputs), or None."""
    shapes = shapes if shapes is not None else {n: s.known_shape for n, s in signature.inputs.items()}
    sizes = {s[0] for s in shapes.values() if s and s[0] > 0}  # a 0 first dimension is no batch (row_obstacle)
    return sizes.pop() if len(sizes) == 1 else None


def select_signature(info: ModelInfo, key: str | None) -> Signature:
    """The signature ``key`` (default ``serving_default``) or an InputError listing the ones there are."""
    wanted = key or DEFAULT_SIGNATURE
    if wanted in info.signatures:
        return info.signatures[wanted]
    available = ", ".join(sorted(info.signatures)) or "none"
    hint = "pick one with --signature NAME" if info.signatures else "export the model with a serving signature"
    raise InputError(f"{info.source}: no signature {quoted(wanted)}; signatures: {available}", hint=hint)


@dataclass(frozen=True, slots=True)
class InputView:
    """One input as requests see it: its spec, table entry, and how its leaves are written."""

    spec: TensorSpec
    dt: DType
    binary: bool

    @property
    def name(self) -> str:
        return self.spec.name

    def describe(self) -> str:
        """``input "age": float, shape (-1, 1)``."""
        return f"input {quoted(self.name)}: {self.dt.tf_name}, shape {describe_shape(self.spec)}"


def input_views(signature: Signature) -> list[InputView]:
    return [InputView(spec, dtype(spec.dtype), is_binary(spec)) for _, spec in sorted(signature.inputs.items())]
