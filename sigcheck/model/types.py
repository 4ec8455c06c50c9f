"""Typed view of a model's serving contract: :class:`ModelInfo` → :class:`Signature` → :class:`TensorSpec`.

These are what every command works from; they come either from a SavedModel (``reader.py``, no TensorFlow)
or from a ``sigcheck.signatures/v1`` contract (``contract.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

Shape = tuple[int, ...] | None
"""A shape as ``saved_model_cli`` and the contract say it: -1 for an unknown dimension, None for unknown rank."""

PREDICT_METHOD = "tensorflow/serving/predict"
CLASSIFY_METHOD = "tensorflow/serving/classify"
REGRESS_METHOD = "tensorflow/serving/regress"
SERVING_METHODS = (PREDICT_METHOD, CLASSIFY_METHOD, REGRESS_METHOD)
DEFAULT_SIGNATURE = "serving_default"


def describe_shape(spec: "TensorSpec") -> str:
    """``(-1, 4)``, ``unknown rank``, or for a shape the signature does not record ``not recorded (any shape;
    TensorFlow shows ())``."""
    if not spec.shape_recorded:
        return f"not recorded (any shape; TensorFlow shows {format_shape(spec.shape)})"
    return format_shape(spec.shape)


def format_shape(shape: Shape) -> str:
    """``(-1, 150, 150, 3)`` as saved_model_cli prints it; ``unknown rank`` for None; ``()`` for a scalar."""
    if shape is None:
        return "unknown rank"
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"


@dataclass(frozen=True, slots=True)
class TensorSpec:
    """One input or output of a signature."""

    name: str
    """The alias: the key in the signature's inputs/outputs map (what JSON requests use)."""
    dtype: str
    """TensorFlow's enum name: ``DT_FLOAT``, ``DT_STRING`` …"""
    shape: Shape
    tensor_name: str | None = None
    """The graph tensor, e.g. ``serving_default_image:0``; None for sparse/composite encodings."""
    encoding: str = "dense"
    """``dense``, ``coo_sparse`` or ``composite``."""
    shape_recorded: bool = True
    """False when the SignatureDef's TensorInfo has no ``tensor_shape`` at all (exports older than that field, such
    as TF 1.0's; TF Serving's ``saved_model_half_plus_three``).  TensorFlow reads the absent field as a shape with
    no dimensions, and ``saved_model_cli show`` prints ``shape: ()``, so :attr:`shape` is ``()`` as well; but
    nothing is known of the tensor's shape: :attr:`known_shape` is None (unknown rank)."""

    @property
    def rank(self) -> int | None:
        """The declared rank, as TensorFlow reports it (0 for a shape that is not recorded)."""
        return None if self.shape is None else len(self.shape)

    @property
    def known_shape(self) -> Shape:
        """What the signature really says of the shape: :attr:`shape`, or None (unknown rank: any shape) when no
        shape is recorded.  Requests are generated and checked against this."""
        return self.shape if self.shape_recorded else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "dtype": self.dtype,
            "shape": None if self.shape is None else list(self.shape),
            "tensor_name": self.tensor_name,
        }
        if self.encoding != "dense":
            data["encoding"] = self.encoding
        if not self.shape_recorded:
            data["shape_recorded"] = False
        return data


@dataclass(frozen=True, slots=True)
class Signature:
    """A SignatureDef: inputs and outputs by alias, and the method name."""

    key: str
    method_name: str
    inputs: Mapping[str, TensorSpec]
    outputs: Mapping[str, TensorSpec]
    defaults: tuple[str, ...] = ()
    """Input aliases that have a default value (REST ignores defaults: every input must still be sent)."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "method_name": self.method_name,
            "inputs": {k: v.to_json() for k, v in sorted(self.inputs.items())},
            "outputs": {k: v.to_json() for k, v in sorted(self.outputs.items())},
        }
        if self.defaults:
            data["defaults"] = list(self.defaults)
        return data


@dataclass(frozen=True)
class ModelInfo:
    """What sigcheck knows about one model version."""

    source: str
    """The path or URI the user gave (or the version folder chosen under a base path)."""
    tags: tuple[str, ...]
    signatures: Mapping[str, Signature]
    """Serving signatures only, by key; internal ones (``__saved_model_init_op``) are in ``internal_signatures``."""
    internal_signatures: tuple[str, ...] = ()
    kind: str = "saved_model"
    """``saved_model`` or ``contract`` (a ``sigcheck.signatures/v1`` file)."""
    model_dir: str | None = None
    """The folder holding saved_model.pb (None for a contract)."""
    version: int | None = None
    """The version chosen under a TF Serving base path, else None."""
    versions: tuple[int, ...] = ()
    """All numeric versions found under the base path."""
    tensorflow_version: str | None = None
    tf2: bool | None = None
    """True when the SavedModel carries a TF2 object graph."""
    other_tag_sets: tuple[tuple[str, ...], ...] = ()
    files: Mapping[str, int] = field(default_factory=dict)
    """Relative path → size in bytes of the files in the model folder (empty for a contract)."""
    meta_graph: Any = field(default=None, repr=False, compare=False)
    """The parsed MetaGraphDef message (``sigcheck.tf.MetaGraphDef``), None for a contract."""

    def signature(self, key: str | None = None) -> Signature:
        """The signature ``key`` (default ``serving_default``); raises KeyError with no message decoration."""
        return self.signatures[key or DEFAULT_SIGNATURE]

    def unknown_signature(self, key: str, *, where: str | None = None) -> str:
        """The one-line reason ``key`` is not a serving signature of this model (for an InputError)."""
        what = (f"{key!r} is an internal signature, not a serving one" if key in self.internal_signatures
                else f"no signature {key!r}")
        return f"{where or self.source}: {what}; signatures: {', '.join(sorted(self.signatures)) or 'none'}"

    @property
    def has_graph(self) -> bool:
        return self.meta_graph is not None

    def version_label(self) -> str | None:
        """``models/tab version 5 (the highest of 5)`` for a model read from a TF Serving base path (the version
        folder chosen: which version a command checked), None for a SavedModel folder or a contract."""
        if self.version is None or not self.model_dir:
            return None
        base = self.model_dir.rstrip("/").rsplit("/", 1)[0] if "/" in self.model_dir.rstrip("/") else "."
        others = len(self.versions)
        which = "its only version" if others <= 1 else (
            f"the highest of {others}" if self.version == max(self.versions) else f"of {others}")
        return f"{base} version {self.version} ({which})"
