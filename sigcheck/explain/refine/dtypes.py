"""Refiners of value-type readings: serialized Examples, dtypes, bytes to numeric inputs, half precision, outputs, scalars."""

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

from .base import *  # noqa: F403
from .base import __all__ as _base_names  # noqa: F401

_NUMPY_TEXT = re.compile(r"(?:str|bytes)\d{1,5}")
"""NumPy's dtype names for fixed-width text (``str96``: ``<U24``, 4 bytes a character) and bytes (``bytes8``: ``S8``),
as Keras 3's standardize_dtype prints them in ``Invalid dtype: str96`` (keras/src/backend/common/variables.py)."""


def _numpy_text(d: Diagnosis, ctx: Context) -> bool:
    """Keras 3 refuses any NumPy text array (its allowed dtypes have ``string``, NumPy's are ``str96`` …), and the
    text alone reads it as that refusal (dtype_mismatch); the model says which it is: for a model whose inputs are all
    strings the values are right and only their container is wrong; for one with a numeric input, text went where
    numbers go (bytes_sent_to_numeric_input)."""
    got, sig = str(d.evidence.get("got_dtype", "")), ctx.signature
    if not _NUMPY_TEXT.fullmatch(got) or sig is None or not sig.inputs:
        return False
    strings = sorted(n for n, s in sig.inputs.items() if s.dtype == "DT_STRING")
    numeric = sorted(n for n, s in sig.inputs.items() if s.dtype != "DT_STRING")
    if numeric:
        if d.category == "bytes_sent_to_numeric_input":
            confirm(d, f"signature {ctx.signature_key} has numeric inputs: {', '.join(numeric)}", 0.05)
            return True
        new = make(ctx, "bytes_sent_to_numeric_input", min(0.97, d.confidence + 0.05), dict(d.evidence))
        refute(d, f"signature {ctx.signature_key} has numeric inputs ({', '.join(numeric)}): the text went where "
                  "numbers go", 0.4)
        new.cause = (f"The array is NumPy text ({got}) and signature {ctx.signature_key} takes numbers "
                     f"({', '.join(numeric)}): values read as text (a CSV or a form never converted, numbers in "
                     "quotes) went where numbers go.")
        new.steps = ["Convert the values to numbers before the call: np.asarray(x, dtype='float32') (pandas: "
                     "df.astype('float32'); pd.to_numeric(col, errors='coerce') shows the values that are no number); "
                     "text the model should read goes through the tokenizer it was trained with first"]
        new.confirmed.append(f"signature {ctx.signature_key} takes numbers: {', '.join(numeric)}")
        ctx.added.append(new)
        return True
    target = d
    if d.category == "bytes_sent_to_numeric_input":
        target = make(ctx, "dtype_mismatch", min(0.97, d.confidence + 0.05), {**d.evidence, "expected_dtype": "string"})
        refute(d, f"every input of signature {ctx.signature_key} is a string ({', '.join(strings)}): no numeric input "
                  "got the text", 0.4)
        ctx.added.append(target)
    else:
        confirm(target, f"every input of signature {ctx.signature_key} is a string", 0.05)
    target.cause = (f"Keras 3 takes no NumPy text array: the array's dtype {got} (NumPy's fixed-width text) is none of "
                    f"the dtypes Keras converts, though the model's inputs ({', '.join(strings)}) are strings; the "
                    "texts are right, their container is not.")
    target.steps = ["Pass the texts as TensorFlow string tensors: tf.constant(['a', ...]) for each input (in a dict "
                    "keyed by the model's input names), or convert the array with tf.convert_to_tensor(arr); "
                    "np.array(..., dtype=object) is refused too ('Invalid dtype: object')"]
    target.confirmed.append(f"signature {ctx.signature_key} takes only strings: {', '.join(strings)}")
    return True


@refiner("serialized_example_input_expected", "dtype_mismatch", "bytes_sent_to_numeric_input")
def _dtypes(d: Diagnosis, ctx: Context) -> None:
    if d.category in ("bytes_sent_to_numeric_input", "dtype_mismatch") and _numpy_text(d, ctx):
        return
    sig = ctx.signature
    if d.category == "serialized_example_input_expected" and sig is not None and len(sig.inputs) > 1:
        refute(d, f"signature {ctx.signature_key} takes {len(sig.inputs)} named inputs, not one serialized "
                  "tf.Example", 0.4)
        return
    spec = pick_input(ctx, d)
    if sig is None or spec is None:
        return
    dt = tf_dtype(spec.dtype)
    is_string = spec.dtype == "DT_STRING"
    if d.category == "serialized_example_input_expected":
        from ..causes import example_feature

        if example_feature(ctx.text, d) is not None:
            refute(d, "the request does send serialized tf.Example protos: the parse op read one and found a feature "
                      "its spec requires missing", 0.4)
        elif is_string and len(sig.inputs) == 1 and _looks_like_examples(ctx, spec.name):
            d.cause = (f"signature {ctx.signature_key}'s only input {spec.name} is DT_STRING and the graph parses "
                       "tf.Example protos from it; the request sends raw feature values.")
            confirm(d, f"confirmed from the model: {spec.name} feeds a ParseExample op", 0.15)
        elif is_string:
            refute(d, f"input {spec.name} is a plain string feature, not serialized tf.Example", 0.3)
        else:
            refute(d, f"input {spec.name} is {dt}, not a string", 0.4)
        return
    expected = d.evidence.get("expected_dtype")
    if d.category == "dtype_mismatch" and str(d.evidence.get("json_type", "")).lower() == "null":
        reword(d, ctx, input=spec.name, expected_dtype=dt)
        confirm(d, f"signature {ctx.signature_key} declares {spec.name} as {dt}"
                   f"{': NaN is accepted for it' if d.variant == 'null_float' else ''}", 0.1)
        return
    if d.category == "dtype_mismatch" and is_string and str(d.evidence.get("json_type", "")).lower() == "number" \
            and takes_image_bytes(ctx, spec):
        _numbers_to_image_bytes(d, ctx, spec)
        return
    if d.category == "dtype_mismatch":
        # the wording follows the direction of the mismatch: the signature's dtype, and what was sent (the error's
        # value, else the request's own value for this input)
        sent = {k: v for k, v in _sent_value(ctx, spec.name).items() if k not in d.evidence}
        reword(d, ctx, input=spec.name, expected_dtype=dt, **sent)
        if d.variant is None:
            d.cause = f"input {spec.name} of signature {ctx.signature_key} is {dt}; " + d.cause[0].lower() + d.cause[1:]
        if is_string and len(sig.inputs) == 1 and _looks_like_examples(ctx, spec.name):
            refute(d, f"{spec.name} holds serialized tf.Example", 0.25)
        elif expected and expected.replace("32", "") in (dt, dt.replace("32", "")):
            confirm(d, f"the signature declares {spec.name} as {dt}", 0.15)
        return
    # bytes_sent_to_numeric_input
    if is_string:
        refute(d, f"input {spec.name} is a string input: bytes are fine there", 0.35)
        return
    sent = {k: v for k, v in _sent_value(ctx, spec.name).items() if k not in d.evidence}
    reword(d, ctx, input=spec.name, expected_dtype=dt, **sent)
    if d.variant in ("text_value", "quoted_number"):  # a word is a category to encode, a quoted number a number to
        # unquote: neither is an image to decode
        confirm(d, f"the signature declares {spec.name} as {dt}", 0.08)
        return
    strings = [n for n, s in sig.inputs.items() if s.dtype == "DT_STRING"]
    d.cause = (f"input {spec.name} of signature {ctx.signature_key} is {dt} {spec_shape(spec)}; the request "
               "sends bytes/strings to it.")
    others = [p for p in image_signatures(ctx, strings=True) if p[0] != ctx.signature_key]
    if strings:
        lead(d, f"Send the b64 image to the string input {strings[0]} instead of {spec.name}.")
    elif others:
        k2, s2 = others[0]
        lead(d, f"Call signature {k2}, which takes the encoded image ({s2.name} {tf_dtype(s2.dtype)} {spec_shape(s2)}): "
                f"add \"signature_name\": \"{k2}\" to the body and keep sending {{\"b64\": ...}}; on Vertex AI, which "
                f"calls only serving_default and refuses signature_name, make it serving_default: sigcheck export "
                f"--from model.keras --output MODEL --default-signature {k2}.")
        d.steps = [s for s in d.steps if "re-export" not in s.lower() or s is d.steps[0]]
    else:
        lead(d, f"Send {spec.name} as nested numbers of shape {format_shape(list(spec.shape or ())[1:])} "
                          "per instance (decode the image on the client), or re-export with a string input.")
    confirm(d, f"the signature declares {spec.name} as {dt}", 0.08)


def _numbers_to_image_bytes(d: Diagnosis, ctx: Context, spec: "TensorSpec") -> None:
    """Numbers sent to a string input that takes encoded image bytes: an encoded-image mismatch, not a dtype to quote."""
    from ..facts import DECODE_IMAGE_OPS

    decodes = [op for op in DECODE_IMAGE_OPS if op in ctx.ops()]
    why = (f"signature {ctx.signature_key}'s {spec.name} is DT_STRING "
           + (f"and the graph decodes it ({', '.join(decodes)})" if decodes else "named as encoded image bytes")
           + ": it takes a JPEG/PNG file's bytes, not pixel values")
    refute(d, why + "; quoting the numbers would not help", 0.35)
    new = make(ctx, "encoded_image_string_mismatch", min(0.97, d.confidence + 0.45),
               {**d.evidence, "input": spec.name}, "array_to_bytes")
    new.confirmed.append(why)
    floats = [p for p in image_signatures(ctx, rank=4) if p[0] != ctx.signature_key]
    if floats:
        k2, s2 = floats[0]
        new.steps[1] = (f"Or send the pixel arrays to signature {k2} ({s2.name} {tf_dtype(s2.dtype)} {spec_shape(s2)}): "
                        f"\"signature_name\": \"{k2}\" in the body (on Vertex AI, which calls only serving_default, make "
                        "it serving_default: sigcheck export --default-signature tensor).")
    ctx.added.append(new)


_FINDING_INPUT = re.compile(r'input "(?P<input>[^"]+)"')


def _sent_value(ctx: Context, name: str) -> dict[str, Any]:
    """What the request sends to input ``name`` where validate rejects its type: ``json_value``, ``json_type`` (and
    ``quoted_number`` for a number in quotes), read from TF Serving's own message that validate mirrors."""
    from ..evidence import json_value_facts

    for f in ctx.findings:
        if getattr(f, "category", None) not in ("dtype_mismatch", "bytes_sent_to_numeric_input"):
            continue
        m = _FINDING_INPUT.search(getattr(f, "message", "") or "")
        if m is None or m.group("input") != name:
            continue
        found = json_value_facts(getattr(f, "upstream", "") or "")
        found.pop("expected_dtype", None)
        value = found.get("json_value")
        if str(found.get("json_type", "")).lower() == "string" and value and _NUMBER.fullmatch(value):
            found["quoted_number"] = value
        return found
    return {}


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)


def find_in_signatures(ctx: Context, pick: Callable[["Signature"], list[str]]) -> tuple[str | None, list[str]]:
    """The chosen signature's hits for ``pick``, else the first other signature with any (key, hits)."""
    info = ctx.info
    if info is None:
        return None, []
    keys = [ctx.signature_key] if ctx.signature_key else []
    keys += sorted(k for k in info.signatures if k != ctx.signature_key)
    for key in keys:
        hits = pick(info.signatures[key])
        if hits:
            return key, hits
    return None, []


@refiner("dtype_unsupported_half")
def _half(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None:
        return
    key, bad = find_in_signatures(ctx, lambda sig: [
        f"{side} {s.name} ({tf_dtype(s.dtype)})" for side, specs in (("input", sig.inputs), ("output", sig.outputs))
        for s in specs.values() if not dtype_entry(s.dtype).rest_readable and s.dtype != "DT_STRING"])
    if bad:
        confirm(d, f"signature {key} has {', '.join(bad)}, which REST JSON cannot carry")
    else:
        refute(d, "no signature of the model has a half/bfloat16 tensor")


def _inconsistent(d: Diagnosis, ctx: Context) -> bool:
    """TF Serving's 'Tensor name: N has inconsistent batch size: G expecting: W': the request's number of instances
    says whether N (G rows) or an output compared before it (W rows) lost the batch dimension; the signature names
    the others (:func:`..causes.inconsistent_batch`)."""
    from ..causes import inconsistent_batch

    name, sig = d.evidence.get("output"), ctx.signature
    others = sorted(o for o in sig.outputs if o != name) if sig is not None and name in sig.outputs else None
    req = ctx.request
    n = req.instances if req is not None and req.format == "row" else None
    found = inconsistent_batch(ctx.text, n, others) or inconsistent_batch(d.upstream or "", n, others)
    if found is None or (n is None and not others):
        return False
    d.cause = found.cause
    d.steps = [found.step] + [s for s in d.steps if s != found.step]
    if n is not None and str(n) == str(d.evidence.get("got")):
        confirm(d, f"your request sends {n} instances: {name} has its {n} rows, another output lost the batch "
                   "dimension", 0.03)
    elif n is not None and str(n) == str(d.evidence.get("want")):
        confirm(d, f"your request sends {n} instances: {name} does not keep them", 0.03)
    return True


@refiner("output_shape_unknown", "output_batch_dimension")
def _outputs(d: Diagnosis, ctx: Context) -> None:
    if d.category == "output_batch_dimension" and _inconsistent(d, ctx):
        return
    sig, key = ctx.signature, ctx.signature_key
    if sig is None or ctx.info is None:
        return
    name = d.evidence.get("output")
    if isinstance(name, str) and name not in sig.outputs:
        for other_key, other in sorted(ctx.info.signatures.items()):
            if name in other.outputs:
                sig, key = other, other_key
                break
    specs = [sig.outputs[name]] if isinstance(name, str) and name in sig.outputs else list(sig.outputs.values())
    unknown = [s for s in specs if s.shape is None]
    scalar = [s for s in specs if s.shape == ()]
    fixed = [s for s in specs if s.shape and s.shape[0] >= 0]
    if d.category == "output_shape_unknown":
        if unknown:  # (it ran as a scalar: the error says so; a static rank with a batch axis is the fix)
            confirm(d, f"output {unknown[0].name} has unknown rank in signature {key}", 0.4)
        elif scalar:
            refute(d, f"output {scalar[0].name} is a scalar (shape ()), not of unknown rank", 0.45)
    else:
        if scalar:
            confirm(d, f"output {scalar[0].name} is a scalar (shape ()): it has no batch dimension", 0.4)
        elif fixed:
            confirm(d, f"output {fixed[0].name} {spec_shape(fixed[0])} has a fixed first dimension", 0.15)
        elif unknown and name:
            refute(d, f"output {unknown[0].name} has unknown rank rather than a missing batch dimension", 0.2)


@refiner("scalar_input")
def _scalar(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None:
        return
    key, scalars = find_in_signatures(ctx, lambda sig: [n for n, s in sig.inputs.items() if s.shape == ()])
    if scalars:
        confirm(d, f"signature {key} has the scalar input{'s' if len(scalars) > 1 else ''} {', '.join(scalars)}")
    else:
        refute(d, "no signature of the model has a rank-0 input", 0.2)


__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]
