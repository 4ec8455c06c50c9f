"""Facts derived from the evidence, for the templates: ranks of shapes, where an op comes from, tensor sizes.

The evidence (:mod:`.evidence`) is what the text says; these are what follows from it, computed when a cause or a
fix step is rendered and not reported as evidence: the rank of ``got_shape``, whether op ``SentencepieceOp`` is
in stock TensorFlow (the gate's ``stock_ops.json``, the one op list) or comes from a library such as TensorFlow Text,
how many MiB an ``OOM when allocating tensor with shape[64,512,512,3] and type float`` asked for.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any, Mapping

from .patterns import lazy

OP_FAMILIES: tuple[tuple[str, str], ...] = (
    (r"^(?:TFText>|Sentencepiece|SentencePiece|(?:Fast)?Wordpiece|WordPiece|RegexSplit|"
     r"(?:Whitespace|UnicodeScript|SplitMerge|SplitMergeFromLogits|Mitie)Tokeniz|TokenizerFromLogits|CaseFoldUTF8|"
     r"NormalizeUTF8|FastBertNormaliz|ConstrainedSequence|MaxSpanningTree|RougeL|SentenceFragments|"
     r"NgramsStringJoin|UTF8Binarize|BoiseOffsetConverter|ByteSplit)", "TensorFlow Text (tensorflow-text)"),
    (r"^Addons>", "TensorFlow Addons (tensorflow-addons)"),
    (r"^TFRA>", "TensorFlow Recommenders-Addons"),
    (r"^IO>", "TensorFlow I/O (tensorflow-io)"),
    (r"^SimpleML", "TensorFlow Decision Forests (tensorflow-decision-forests)"),
    (r"^(?:TRTEngineOp|CreateTRTResourceHandle|InitializeTRTResource|SerializeTRTResource|GetCalibrationDataOp)$",
     "TensorRT (TF-TRT: a TensorFlow or TF Serving build linked with TensorRT, such as the tensorflow/serving GPU "
     "images, on a machine with an NVIDIA GPU)"),
)
"""Op name patterns of libraries outside stock TensorFlow, with the library to link or install."""

_FAMILIES = tuple((lazy(p), lib) for p, lib in OP_FAMILIES)
OP_IMPORTS = {
    "TensorFlow Text (tensorflow-text)": "import tensorflow_text",
    "TensorFlow Addons (tensorflow-addons)": "import tensorflow_addons",
    "TensorFlow Recommenders-Addons": "import tensorflow_recommenders_addons",
    "TensorFlow I/O (tensorflow-io)": "import tensorflow_io",
    "TensorFlow Decision Forests (tensorflow-decision-forests)": "import tensorflow_decision_forests",
}
"""The Python import that registers a library's ops in the process (each package loads its op .so on import)."""

EXAMPLE_LIKE_INPUT = lazy(
    r"^(?:inputs?|examples?|input_examples?|input_example_tensor|serialized\w*|tf_?examples?\w*|\w*_examples?|"
    r"\w*_serialized|records?)$", re.I)
"""Input names a serialized tf.Example signature uses (Estimator's ``inputs``/``examples``/``input_example_tensor``,
TFX's ``examples``, ``serialized_tf_example``); a plain feature name (``sex``, ``age``) is not one."""


def example_like_input(name: str) -> bool:
    """``name`` is what a signature parsing serialized tf.Example protos calls its input."""
    return bool(EXAMPLE_LIKE_INPUT.match(name.strip()))


# the encoded-image input names and decode ops: one list, shared with validate and sample
from ..model.feeds import DECODE_IMAGE_OPS, IMAGE_BYTES_INPUT, image_bytes_name  # noqa: E402,F401
from .evidence import format_shape  # noqa: E402


_CUSTOM_LOOKING = lazy(r">|custom", re.I)


@functools.lru_cache(maxsize=1)
def stock_ops() -> tuple[str, frozenset[str]] | None:
    """(TensorFlow version, op names) of stock TensorFlow, from the gate's list (None when it cannot be read)."""
    from ..runtime.registry import stock_ops as load  # the data alone: no gate, graph or protobuf import

    try:
        return load()
    except (OSError, ValueError, KeyError):
        return None


def op_origin(op: str) -> tuple[str | None, str | None]:
    """(``"custom"`` | ``"stock"`` | ``"tflite"`` | ``"flex"`` | None, the library it comes from) for an op named in an
    error.  ``FlexMatrixDeterminant`` (a stock op's name after ``Flex``) is ``"flex"``: a TFLite model's TensorFlow op,
    run only by the Flex delegate.

    A TFLite builtin operator (``CONV_2D``, ``FULLY_CONNECTED``: TFLite's schema, :func:`.versions.tflite_builtin`) is
    ``"tflite"``: a runtime without it is older than the converter.  A known library's op is custom; otherwise an op
    in stock TensorFlow's list is stock (the runtime that does not know it is older) and one missing from the list
    is custom.  Without the list, names with ``>`` or ``Custom`` count as custom and anything else is undecided.
    """
    from .versions import tflite_builtin

    if tflite_builtin(op) is not None:
        return "tflite", None
    stock = stock_ops()
    if op.startswith("Flex") and stock is not None and op[4:] in stock[1]:
        return "flex", None  # TFLite's name for a TensorFlow op run by the Flex delegate (Select TF ops)
    for rx, library in _FAMILIES:
        if rx.search(op):
            return "custom", library
    if stock is not None:
        if op in stock[1]:
            return "stock", None
        return "custom", _prefix_library(op)
    if _CUSTOM_LOOKING.search(op):
        return "custom", _prefix_library(op)
    return None, None


def _prefix_library(op: str) -> str | None:
    if ">" in op:
        return f"the {op.split('>', 1)[0]} op library"
    return None


def _dtype_bytes(name: str) -> int | None:
    """Bytes per element of a dtype as TF prints it (``float``, ``int64``), from the one dtype table."""
    from ..codec.dtypes import DTYPES

    entry = next((d for d in DTYPES.values() if d.tf_name == name), None)
    if entry is None or not entry.numpy:
        return None
    if entry.numpy == "bool":
        return 1
    bits = re.search(r"(\d+)$", entry.numpy)
    return int(bits.group(1)) // 8 if bits else None


def size_text(n: int) -> str:
    """Bytes as the gate prints them (``1.5 GB``): the gate's formatter, imported when a size is said."""
    from ..gate.files import human_size

    return human_size(n)


CHANNEL_KINDS = {1: ("grayscale", "L"), 3: ("RGB", "RGB"), 4: ("RGBA", "RGBA")}
"""Channel count → (what such an image is called, its PIL mode)."""
CHANNEL_CONVERSIONS = {
    (3, 1): "tf.image.rgb_to_grayscale(x)", (1, 3): "tf.image.grayscale_to_rgb(x)", (4, 3): "x[..., :3]",
    (4, 1): "tf.image.rgb_to_grayscale(x[..., :3])",
}
"""(channels sent, channels wanted) → the TensorFlow expression converting them, where there is one."""
_MIN_PIXELS = 64
"""A count is read as an image only when it holds at least this many pixels (8×8): 12 vs 4 is not RGB vs gray."""


def _square_images(n: int) -> list[tuple[int, int]]:
    """Ways to read ``n`` values as one square image: (side, channels), RGB first."""
    out = []
    for c in (3, 1, 4):
        if n % c == 0:
            side = math.isqrt(n // c)
            if side * side * c == n and side * side >= _MIN_PIXELS:
                out.append((side, c))
    return out


@functools.lru_cache(maxsize=64)
def count_reading(values: int, requested: int) -> dict[str, Any]:
    """What a reshape's two value counts support (``values`` arrived, the graph wants ``requested``).

    * ``batch_factor`` k: values = k × requested, k ≥ 2 (k instances sent to a graph built for one);
    * ``batch_short`` k: requested = k × values, k ≥ 2 (one instance sent to a graph built for a batch of k);
    * ``reading`` ``"channels"``: the counts differ by a channel factor (3, 4, 4/3 or their inverses), e.g.
      224×224×3 against 224×224×1, with ``channels_got``/``channels_want`` (and the two images when both counts
      are square images of the same side);
    * ``reading`` ``"image_size"``: both are square images with the same channels and different sides
      (299×299×3 against 224×224×3).
    Several can hold at once (224×224×3 is also 3 × 224×224×1): the catalogue ranks them.
    """
    out: dict[str, Any] = {}
    if values <= 0 or requested <= 0:
        return out
    if values > requested and values % requested == 0:
        out["batch_factor"] = values // requested
    elif requested > values and requested % values == 0:
        out["batch_short"] = requested // values
    got, want = _square_images(values), _square_images(requested)
    same_side = [(a, b) for a in got for b in want if a[0] == b[0] and a[1] != b[1]]
    same_channels = [(a, b) for a in got for b in want if a[1] == b[1] and a[0] != b[0]]
    if same_side or same_channels:
        (gs, gc), (ws, wc) = (same_side or same_channels)[0]
        out.update(reading="channels" if same_side else "image_size", values_image=[gs, gs, gc],
                   requested_image=[ws, ws, wc], values_side=gs, requested_side=ws, channels_got=gc,
                   channels_want=wc)
    else:
        for gc, wc in ((3, 1), (1, 3), (4, 1), (1, 4), (4, 3), (3, 4)):
            if values * wc == requested * gc and min(values // gc, requested // wc) >= _MIN_PIXELS:
                out.update(reading="channels", channels_got=gc, channels_want=wc)
                break
    if out.get("reading") == "channels":
        out["channels_got_kind"], _ = CHANNEL_KINDS[out["channels_got"]]
        out["channels_want_kind"], out["convert_mode"] = CHANNEL_KINDS[out["channels_want"]]
        tf_expr = CHANNEL_CONVERSIONS.get((out["channels_got"], out["channels_want"]))
        if tf_expr:
            out["convert_tf"] = tf_expr
    return out


_NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def levels_text(n: int) -> str:
    """``2`` → ``two levels`` (of nesting, of brackets)."""
    return f"{_NUMBER_WORDS.get(n, str(n))} level{'s' if n != 1 else ''}"


def inference_default(name: str, dtype: str | None) -> str | None:
    """The value an unfed training-only placeholder should default to at serving time, as Python code.

    ``keep_prob`` → ``1.0`` (no dropout), a dropout ``rate`` → ``0.0``, a bool or training/phase flag → ``False``,
    another integer → ``0``; None when it cannot be told (a float placeholder of unknown purpose).
    """
    low = name.lower().rsplit("/", 1)[-1].split(":")[0]
    kind = (dtype or "").lower().removeprefix("dt_")
    if "keep_prob" in low or "keepprob" in low:
        return "1.0"
    if kind == "bool" or re.search(r"train|phase|learning", low):
        return "False"
    if "dropout" in low or "rate" in low:
        return "0.0"
    if re.fullmatch(r"u?int\d*", kind):
        return "0"
    return None


def grpc_limit(size: int) -> int:
    """A gRPC message limit that fits ``size`` bytes: the next power-of-two MiB (8388608 for 5 MB)."""
    mib = 1
    while mib * 1024 * 1024 < size:
        mib *= 2
    return mib * 1024 * 1024


JSON_KINDS = {"true": "boolean", "false": "boolean"}
"""TF Serving's JSON type names (``Number``, ``True``) as said in a sentence (``number``, ``boolean``)."""


def tf_dtype_expr(name: str) -> str | None:
    """A dtype as TF Serving prints it (``float``, ``int64``, ``string``) as Python code: ``tf.float32``."""
    from ..codec.dtypes import DTYPES

    entry = next((d for d in DTYPES.values() if d.tf_name == name.lower()), None)
    if entry is None:
        return None
    if entry.numpy and entry.numpy != "object":
        return f"tf.{entry.numpy}"
    return f"tf.{entry.tf_name}"


def weight_sizes(evidence: Mapping[str, Any]) -> tuple[list[int], list[int], str] | None:
    """A layer's weights as the model's code built them and as they were saved (``built_shape`` / ``saved_shape``;
    ``first_shape`` / ``second_shape`` of TensorFlow's ``Shapes A and B are incompatible``, whose first is the
    variable's when an assign raises it), with the axes that differ said in words (``axis 1: 12 built, 16 saved``);
    None when the evidence has no such pair of the same rank."""
    built = evidence.get("built_shape", evidence.get("first_shape"))
    saved = evidence.get("saved_shape", evidence.get("second_shape"))
    if not (isinstance(built, list) and isinstance(saved, list)) or len(built) != len(saved) or built == saved:
        return None
    axes = [f"axis {i}: {b} built, {s} saved" for i, (b, s) in enumerate(zip(built, saved)) if b != s]
    if len(axes) == 1 and (len(built) == 1 or axes[0].startswith(f"axis {len(built) - 1}:")):
        axes[-1] += " (a layer's number of outputs)"
    elif len(axes) == 1 and len(built) >= 2 and axes[0].startswith(f"axis {len(built) - 2}:"):
        axes[-1] += " (a layer's number of inputs: the channels or features it is given)"
    return built, saved, "; ".join(axes)


def derive(evidence: Mapping[str, Any]) -> dict[str, Any]:
    """The evidence plus what follows from it (the dict the templates are rendered over)."""
    out = dict(evidence)
    placeholder = evidence.get("placeholder")
    if isinstance(placeholder, str) and placeholder:
        default = inference_default(placeholder, evidence.get("dtype"))
        if default:
            out.setdefault("placeholder_default", default)
    size = evidence.get("size_bytes")
    if isinstance(size, int) and size > 0:
        limit = grpc_limit(size)
        out.setdefault("grpc_limit", f"{limit // (1024 * 1024)} * 1024 * 1024")
        out.setdefault("grpc_limit_bytes", str(limit))
    json_type = evidence.get("json_type")
    if isinstance(json_type, str) and json_type:
        out.setdefault("json_kind", JSON_KINDS.get(json_type.lower(), json_type.lower()))
    expected = evidence.get("expected_dtype")
    if isinstance(expected, str) and expected:
        tf_expr = tf_dtype_expr(expected)
        if tf_expr:
            out.setdefault("expected_tf", tf_expr)
    for side in ("got", "want"):
        shape = evidence.get(f"{side}_shape")
        if f"{side}_rank" not in out and isinstance(shape, list):
            out[f"{side}_rank"] = len(shape)
    got_rank, want_rank = out.get("got_rank"), out.get("want_rank")
    if isinstance(got_rank, int) and isinstance(want_rank, int) and got_rank != want_rank:
        out.setdefault("extra_levels" if got_rank > want_rank else "missing_levels",
                       levels_text(abs(got_rank - want_rank)))
        got = evidence.get("got_shape")
        if got_rank > want_rank >= 2 and isinstance(got, list) and all(d > 0 for d in got[1 - want_rank:]):
            out.setdefault("per_example_shape", got[1 - want_rank:])  # the op's rank minus its batch dimension
    code = evidence.get("builtin_code")
    if isinstance(code, int) and not evidence.get("op"):
        from .versions import tflite_builtin_name

        name = tflite_builtin_name(code)  # the TFLite operator a runtime that does not know the code lacks
        if name:
            out["op"] = name
    op = out.get("op")
    if isinstance(op, str) and op:
        kind, library = op_origin(op)
        if kind:
            out["op_kind"] = kind
        if library:
            out["op_library"] = library
            if library in OP_IMPORTS:
                out["op_import"] = OP_IMPORTS[library]
        stock = stock_ops()
        if stock is not None:
            out["stock_tf"] = stock[0]
    got, weights = evidence.get("got_shape"), evidence.get("weights_shape")
    if isinstance(got, list) and got and isinstance(weights, list) and len(weights) == 2:
        # MatMul(x, W): x's rows carry got[-1] features, W takes weights[0] per row and gives weights[1] units
        out.setdefault("features_got", got[-1])
        out.setdefault("features_want", weights[0])
        out.setdefault("units", weights[1])
    values, requested = evidence.get("values"), evidence.get("requested")
    if isinstance(values, int) and isinstance(requested, int):
        for k, v in count_reading(values, requested).items():
            out.setdefault(k, v)
    sizes = weight_sizes(evidence)
    if sizes is not None:
        out.setdefault("weight_built", format_shape(sizes[0]))
        out.setdefault("weight_saved", format_shape(sizes[1]))
        out.setdefault("weight_axes", sizes[2])
    shape = evidence.get("alloc_shape")
    if isinstance(shape, list) and shape and all(isinstance(d, int) and d >= 0 for d in shape):
        size = _dtype_bytes(str(evidence.get("alloc_dtype") or ""))
        if size:
            out["alloc_size"] = size_text(math.prod(shape) * size)
        if shape[0] > 1:
            out["batch_many"] = shape[0]
        elif shape[0] == 1 and len(shape) > 1:
            out["instance_shape"] = shape[1:]
    return out
