"""Repair a TF2 SavedModel by loading its object graph and saving it again with the signatures it should have.

``tf.saved_model.load`` gives the restored object with its variables and signature functions; a ``tf.Module``
holding it is saved with ``tf.saved_model.save(root, path, signatures=…)``, so every variable a signature captures
is tracked by the object graph and written to the checkpoint that the saver's restore op reads: a session load
(TF Serving's) restores them.  That is the repair for a Keras 3 model written with ``tf.saved_model.save``; the same
re-save renames inputs/outputs (a wrapper function with the new names), adds ``image_bytes`` (the decoder of
``sigcheck export --image-bytes`` in front of the float signature), and makes ``serving_default`` another key for a
signature function (the model's own serving_default, when there is one, kept under ``keep_default_as``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .._optional import require
from .graphdef import PURPOSE


@dataclass
class Resaved:
    """What was saved: the new signature key → a function computing the *truth* for it from the original model
    (``feeds`` by new input name → numpy arrays; returns new output name → numpy array)."""

    truth: dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]] = field(default_factory=dict)
    loaded: Any = None


def _inputs(fn: Any) -> list[tuple[str, Any, bool]]:
    """The inputs of concrete function ``fn``: (name, spec, positional).  A loaded signature function takes keyword
    arguments; one built here with ``input_signature`` (``image_bytes``) takes positional ones named by their spec."""
    args, kwargs = fn.structured_input_signature
    out = []
    for i, spec in enumerate(args):
        if getattr(spec, "name", None) is None:
            raise ValueError(f"positional input {i} of {fn.name} has no name to keep or rename")
        out.append((spec.name, spec, True))
    return out + [(k, kwargs[k], False) for k in sorted(kwargs)]


def _renamed(tf: Any, fn: Any, renames: Mapping[str, str]) -> Any:
    """A concrete function calling ``fn`` with inputs and outputs renamed (``fn`` itself when nothing changes)."""
    inputs = _inputs(fn)
    outputs = fn.structured_outputs
    if not any(k in renames for k, _, _ in inputs) and not any(k in renames for k in outputs):
        return fn
    specs = [tf.TensorSpec(spec.shape, spec.dtype, name=renames.get(k, k)) for k, spec, _ in inputs]

    def call(*values: Any) -> dict[str, Any]:
        positional = [v for (_, _, pos), v in zip(inputs, values) if pos]
        named = {k: v for (k, _, pos), v in zip(inputs, values) if not pos}
        out = fn(*positional, **named)
        return {renames.get(k, k): v for k, v in out.items()}

    return tf.function(call, input_signature=specs, autograph=False).get_concrete_function()


def _image_bytes(tf: Any, fn: Any, spec: Mapping[str, Any], decoder: Callable[[Any], Any]) -> Any:
    _, kwargs = fn.structured_input_signature
    dtype = kwargs[spec["input"]].dtype
    name = spec["input"]

    def call(image_bytes: Any) -> dict[str, Any]:
        return fn(**{name: tf.cast(decoder(image_bytes), dtype)})

    return tf.function(call, input_signature=[tf.TensorSpec([None], tf.string, name="image_bytes")],
                       autograph=False).get_concrete_function()


def resave(local_dir: str, tags: tuple[str, ...], stage: str, *, renames: Mapping[str, str],
           alias: str | None, image: Mapping[str, Any] | None, image_scale: str,
           keep_default_as: str | None = None) -> Resaved:
    """Load the SavedModel in ``local_dir`` and save it into ``stage`` with the changed signatures."""
    tf = require("tensorflow", purpose=PURPOSE)
    loaded = tf.saved_model.load(local_dir, tags=list(tags))
    originals = dict(loaded.signatures)
    signatures: dict[str, Any] = {}
    out = Resaved(loaded=loaded)
    back = {new: old for old, new in renames.items()}

    def truth_of(fn: Any) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        def run(feeds: Mapping[str, Any]) -> dict[str, Any]:
            result = fn(**{back.get(k, k): tf.constant(v) for k, v in feeds.items()})
            return {renames.get(k, k): v.numpy() for k, v in result.items()}

        return run

    for key, fn in sorted(originals.items()):
        signatures[key] = _renamed(tf, fn, renames)
        out.truth[key] = truth_of(fn)
    if image is not None:
        from ..training.signatures import image_decoder

        decoder = image_decoder(int(image["height"]), int(image["width"]), int(image["channels"]), image_scale)
        source = originals[image["source"] if image["source"] in originals else "serving_default"]
        signatures["image_bytes"] = _renamed(tf, _image_bytes(tf, source, image, decoder), renames)
        dtype = source.structured_input_signature[1][image["input"]].dtype

        def image_truth(feeds: Mapping[str, Any]) -> dict[str, Any]:
            pixels = tf.cast(decoder(tf.constant(feeds["image_bytes"])), dtype)  # the decoder export uses: tested there
            result = source(**{image["input"]: pixels})
            return {renames.get(k, k): v.numpy() for k, v in result.items()}

        out.truth["image_bytes"] = image_truth
    if alias is not None:  # (after image_bytes: --default-signature image_bytes makes the new signature the default)
        if keep_default_as is not None:
            signatures[keep_default_as] = signatures["serving_default"]
            out.truth[keep_default_as] = out.truth["serving_default"]
        signatures["serving_default"] = signatures[alias]
        out.truth["serving_default"] = out.truth[alias]
    root = tf.Module()
    root.restored = loaded
    tf.saved_model.save(root, stage, signatures=signatures)
    return out
