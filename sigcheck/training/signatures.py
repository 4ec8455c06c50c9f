"""Serving signatures that TF Serving and Vertex AI take on the first try, and writing the SavedModel.

* every input is named after what it is (a CSV column, or the Keras input's own name), never ``keras_tensor_N``,
  ``args_0`` or ``inputs``; generated names are replaced (``image`` for one image input, else ``features``); a
  name of the model's own is sanitised by ``--data``'s one rule (``age years`` → ``age_years``, ``user-id`` →
  ``user_id``: :data:`~.data.NAMING_RULE`), never replaced;
* every output is named (``probabilities`` + ``classes``, or ``predictions``), never ``output_0``;
* the batch dimension is dynamic (-1) even when the Keras model was built with a fixed batch size;
* ``--image-bytes`` adds the signature ``image_bytes``: a batch of JPEG/PNG bytes (``{"b64": …}`` in JSON) that
  the graph decodes, resizes to the model's input size and scales, so image requests stay small;
  ``--default-signature image_bytes`` makes it ``serving_default`` (the float one becomes ``image_tensor``), the
  only signature Vertex AI's prebuilt containers call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from .._optional import require
from ..errors import InputError
from ..gate.rules import UNSTABLE_NAME
from .data import CLASSIFICATION, NAMING_RULE, TablePlan, input_name_for

IMAGE_BYTES_SIGNATURE = "image_bytes"
IMAGE_BYTES_INPUT = "image_bytes"
IMAGE_TENSOR_SIGNATURE = "image_tensor"
"""The float signature's key when ``--default-signature image_bytes`` makes the bytes one ``serving_default``."""

IMAGE_SCALES = {"unit": (0.0, 1.0), "symmetric": (-1.0, 1.0), "raw": (0.0, 255.0)}
"""``--image-scale``: the range the decoded 0…255 pixels are mapped to before the model sees them."""

_GENERATED = re.compile(r"^(keras_tensor|input_layer|input|args|output|outputs|inputs)(_\d+)?$")
_VALID_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class Endpoint:
    """A serving signature to write: its key, the function and its input signature (one dict argument)."""

    key: str
    fn: Callable[..., Any]
    input_signature: list[Any]


@dataclass(frozen=True)
class KerasNames:
    """How an existing Keras model's tensors are named in the signature."""

    inputs: tuple[str, ...]
    """Signature input names, in the model's input order."""
    outputs: tuple[str, ...]
    """Signature output names, in the model's output order (dict outputs: in key order)."""
    renamed: tuple[str, ...] = ()
    """Human notes: ``input 'keras_tensor' → 'image'``."""
    input_tensors: tuple[Any, ...] = ()
    """The model's input KerasTensors, aligned with :attr:`inputs`."""
    input_keys: tuple[str, ...] | None = None
    """The model's own dict keys, aligned with :attr:`inputs`, when it takes a dict (else None)."""


def _snake(name: str) -> str:
    """Keras' automatic layer name for a class (``Conv2D`` → ``conv2d``, ``InputLayer`` → ``input_layer``)."""
    name = re.sub(r"(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def is_generated_name(name: str, layer: Any = None) -> bool:
    """True for names Keras or TensorFlow made up (``keras_tensor_3``, ``dense_1``, ``args_0``, ``output_0``)."""
    if _GENERATED.match(name) or UNSTABLE_NAME.match(name):
        return True
    if layer is not None:
        auto = _snake(type(layer).__name__)
        if name == auto or re.fullmatch(re.escape(auto) + r"_\d+", name):
            return True
    return False


def _layer_of(tensor: Any) -> Any:
    history = getattr(tensor, "_keras_history", None)
    return getattr(history, "operation", None) if history is not None else None


def _functional(model: Any) -> Any:
    """The Functional graph behind a model (a Sequential keeps one in ``_functional``)."""
    inner = getattr(model, "_functional", None)
    return inner if inner is not None else model


def model_inputs(model: Any) -> list[Any]:
    inputs = getattr(model, "inputs", None)
    if not inputs:
        raise InputError(
            f"cannot tell the inputs of the Keras model {getattr(model, 'name', '')!r} (a subclassed model that was "
            "never built?)",
            hint="export a Functional or Sequential model, or build it by calling it once before saving",
        )
    return list(inputs)


def _output_struct(model: Any) -> Any:
    return getattr(_functional(model), "_outputs_struct", None)


def _input_struct(model: Any) -> Any:
    return getattr(_functional(model), "_inputs_struct", None)


def _is_image(shape: Sequence[Any]) -> bool:
    return len(shape) == 4 and shape[-1] in (1, 3, 4) and all(isinstance(d, int) for d in shape[1:])


def _check_names(kind: str, names: Sequence[str]) -> None:
    for name in names:
        if not _VALID_NAME.match(name):
            raise InputError(f"--{kind}-name {name!r} is not a valid TensorFlow name",
                             hint="use letters, digits, _ . - (starting with a letter or digit)")
    dupes = sorted({n for n in names if list(names).count(n) > 1})
    if dupes:
        raise InputError(f"--{kind}-name {dupes[0]!r} is given twice", hint=f"give each {kind} its own name")


def keras_names(model: Any, input_names: Sequence[str] = (), output_names: Sequence[str] = ()) -> KerasNames:
    """Stable signature names for an existing Keras model; ``input_names``/``output_names`` override, in order."""
    inputs = model_inputs(model)
    notes: list[str] = []
    struct = _input_struct(model)
    keys: list[str] | None = None
    if isinstance(struct, dict):
        keys = [str(k) for k in struct.keys()]
        inputs = [struct[k] for k in struct.keys()]
        current = list(keys)
        layers = [None] * len(current)
    else:
        current = [str(getattr(t, "name", "") or "") for t in inputs]
        layers = [_layer_of(t) for t in inputs]
    if input_names:
        if len(input_names) != len(inputs):
            raise InputError(f"the model has {len(inputs)} input(s) ({', '.join(current)}), but --input-name was "
                             f"given {len(input_names)} time(s)", hint="give one --input-name per input, in order")
        _check_names("input", input_names)
        chosen = list(input_names)
    else:
        chosen = []
        for i, (name, tensor, layer) in enumerate(zip(current, inputs, layers)):
            clean = input_name_for(name) if name else ""
            if clean and not is_generated_name(name, layer) and not is_generated_name(clean, layer):
                chosen.append(clean)  # (--data's one rule: 'age years' → 'age_years', 'user-id' → 'user_id')
                continue
            base = "image" if _is_image(tuple(tensor.shape)) else "features"
            chosen.append(base if len(inputs) == 1 else f"{base}_{i + 1}")
        if len(set(chosen)) != len(chosen):
            raise InputError(f"cannot give the model's inputs distinct names ({', '.join(current)})",
                             hint="name them with --input-name, once per input, in order")
    notes.extend(f"input {old!r} → {new!r}" + (f" ({NAMING_RULE})" if not input_names and new == input_name_for(old)
                                                else "")
                 for old, new in zip(current, chosen) if old != new)

    out_struct = _output_struct(model)
    outputs = list(getattr(model, "outputs", None) or [])
    if isinstance(out_struct, dict):
        out_current = list(out_struct.keys())
        out_layers: list[Any] = [None] * len(out_current)
    else:
        out_layers = [_layer_of(t) for t in outputs]
        out_current = [str(getattr(layer, "name", "") or getattr(t, "name", "")) for layer, t in zip(out_layers, outputs)]
    if output_names:
        if len(output_names) != len(out_current):
            raise InputError(f"the model has {len(out_current)} output(s), but --output-name was given "
                             f"{len(output_names)} time(s)", hint="give one --output-name per output, in order")
        _check_names("output", output_names)
        out_chosen = list(output_names)
    else:
        out_chosen = []
        for i, (name, layer) in enumerate(zip(out_current, out_layers)):
            if name and _VALID_NAME.match(name) and not is_generated_name(name, layer):
                out_chosen.append(name)
                continue
            activation = getattr(getattr(layer, "activation", None), "__name__", "")
            base = "probabilities" if activation in ("softmax", "sigmoid") else "predictions"
            out_chosen.append(base if len(out_current) == 1 else f"{base}_{i + 1}")
        if len(set(out_chosen)) != len(out_chosen):
            raise InputError(f"cannot give the model's outputs distinct names ({', '.join(out_current)})",
                             hint="name them with --output-name, once per output, in order")
    notes.extend(f"output {old!r} → {new!r}" for old, new in zip(out_current, out_chosen) if old != new)
    return KerasNames(inputs=tuple(chosen), outputs=tuple(out_chosen), renamed=tuple(notes),
                      input_tensors=tuple(inputs), input_keys=tuple(keys) if keys is not None else None)


def _tf_dtype(tf: Any, dtype: Any) -> Any:
    return tf.as_dtype(str(getattr(dtype, "name", dtype)))


def _call_model(model: Any, names: KerasNames, flat: list[Any]) -> Any:
    """Call the model with its inputs in the structure it was built with (one tensor, a list or a dict)."""
    if names.input_keys is not None:
        return model(dict(zip(names.input_keys, flat)), training=False)
    if len(flat) == 1 and not isinstance(_input_struct(model), (list, tuple)):
        return model(flat[0], training=False)
    return model(list(flat), training=False)


def _named_outputs(model: Any, result: Any, names: KerasNames) -> dict[str, Any]:
    if isinstance(result, dict):
        struct = _output_struct(model)
        keys = list(struct.keys()) if isinstance(struct, dict) else list(result.keys())
        return {new: result[old] for old, new in zip(keys, names.outputs)}
    if isinstance(result, (list, tuple)):
        return dict(zip(names.outputs, result))
    return {names.outputs[0]: result}


def keras_endpoint(model: Any, names: KerasNames) -> Endpoint:
    """``serving_default`` for an existing Keras model: named inputs with a dynamic batch, named outputs."""
    tf = require("tensorflow", purpose="exporting the model")
    spec = {
        name: tf.TensorSpec([None, *tuple(t.shape)[1:]], _tf_dtype(tf, t.dtype), name=name)
        for name, t in zip(names.inputs, names.input_tensors)
    }

    def serve(features: dict[str, Any]) -> dict[str, Any]:
        return _named_outputs(model, _call_model(model, names, [features[n] for n in names.inputs]), names)

    return Endpoint("serving_default", serve, [spec])


def image_decoder(height: int, width: int, channels: int, scale: str = "unit") -> Callable[[Any], Any]:
    """A batch of JPEG/PNG bytes (DT_STRING (-1,)) → float32 (-1, height, width, channels) in the ``scale`` range:
    decoded, resized when the size differs, scaled from 0…255.  (``--image-bytes`` of export and repair.)"""
    tf = require("tensorflow", purpose="exporting the model")
    if scale not in IMAGE_SCALES:
        raise InputError(f"unknown --image-scale {scale!r}; expected one of {', '.join(IMAGE_SCALES)}")
    low, high = IMAGE_SCALES[scale]

    def decode_one(data: Any) -> Any:
        image = tf.io.decode_image(data, channels=channels, expand_animations=False)
        image.set_shape([None, None, channels])
        size = tf.shape(image)[:2]
        same = tf.logical_and(tf.equal(size[0], height), tf.equal(size[1], width))
        return tf.cond(same, lambda: tf.cast(image, tf.float32),
                       lambda: tf.image.resize(tf.cast(image, tf.float32), [height, width]))

    def decode(batch: Any) -> Any:
        images = tf.map_fn(decode_one, batch, fn_output_signature=tf.TensorSpec([height, width, channels], tf.float32))
        return images * ((high - low) / 255.0) + low

    return decode


def image_bytes_endpoint(model: Any, names: KerasNames, scale: str = "unit") -> Endpoint:
    """The ``image_bytes`` signature: DT_STRING (-1,) of JPEG/PNG bytes → decode, resize, scale → the model."""
    tf = require("tensorflow", purpose="exporting the model")
    inputs = model_inputs(model)
    if len(inputs) != 1 or not _is_image(tuple(inputs[0].shape)):
        shapes = ", ".join(str(tuple(t.shape)) for t in inputs)
        raise InputError(
            f"--image-bytes needs a model with one image input of shape (batch, height, width, 1|3|4); this model "
            f"takes {shapes}",
            hint="drop --image-bytes, or export the image model itself",
        )
    _, height, width, channels = tuple(inputs[0].shape)
    decode = image_decoder(height, width, channels, scale)
    dtype = _tf_dtype(tf, inputs[0].dtype)

    def serve(features: dict[str, Any]) -> dict[str, Any]:
        images = decode(features[IMAGE_BYTES_INPUT])
        return _named_outputs(model, _call_model(model, names, [tf.cast(images, dtype)]), names)

    spec = {IMAGE_BYTES_INPUT: tf.TensorSpec([None], tf.string, name=IMAGE_BYTES_INPUT)}
    return Endpoint(IMAGE_BYTES_SIGNATURE, serve, [spec])


def tabular_endpoint(model: Any, plan: TablePlan) -> Endpoint:
    """``serving_default`` of a tabular model: one (-1,) input per column → probabilities + classes, or predictions."""
    tf = require("tensorflow", purpose="exporting the model")
    dtypes = {"float32": tf.float32, "string": tf.string, "int64": tf.int64}
    spec = {c.input_name: tf.TensorSpec([None], dtypes[c.dtype], name=c.input_name) for c in plan.columns}
    if plan.task == CLASSIFICATION:
        classes = tf.constant(list(plan.classes), dtype=tf.string)

        def serve(features: dict[str, Any]) -> dict[str, Any]:
            probabilities = model(features, training=False)
            return {"probabilities": probabilities, "classes": tf.gather(classes, tf.argmax(probabilities, axis=-1))}
    else:

        def serve(features: dict[str, Any]) -> dict[str, Any]:
            return {"predictions": tf.reshape(model(features, training=False), [-1])}

    return Endpoint("serving_default", serve, [spec])


def write_saved_model(model: Any, endpoints: Sequence[Endpoint], path: str) -> None:
    """Write a SavedModel with exactly these signatures (the first is ``serving_default``) to a local folder."""
    keras = require("keras", purpose="exporting the model")
    archive = keras.export.ExportArchive()
    archive.track(model)
    for endpoint in endpoints:
        archive.add_endpoint(endpoint.key, endpoint.fn, input_signature=endpoint.input_signature)
    archive.write_out(path, verbose=False)
