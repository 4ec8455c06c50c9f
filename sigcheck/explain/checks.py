"""Named tests on a pattern's evidence, referenced as ``"check"`` from catalogue.json.

The same message can mean different causes depending on its numbers: ``input must be 4-dimensional[…]`` is an
extra batch dimension when the shape has more than 4 dims and a missing one when it has fewer.  Each check takes
the converted groups (see :func:`sigcheck.explain.evidence.convert`) and says whether the pattern applies; a
category variant may name one too (``custom_op``: the op comes from a library outside stock TensorFlow).
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Mapping

from .patterns import lazy

Groups = Mapping[str, Any]


def _rank(groups: Groups, prefix: str) -> int | None:
    rank = groups.get(f"{prefix}_rank")
    if isinstance(rank, int):
        return rank
    shape = groups.get(f"{prefix}_shape")
    if isinstance(shape, list):
        return len(shape)
    return None


def _ranks(groups: Groups) -> tuple[int, int] | None:
    got, want = _rank(groups, "got"), _rank(groups, "want")
    if got is None or want is None:
        return None
    return got, want


def _dims_agree(a: int, b: int) -> bool:
    return a == b or a < 0 or b < 0


def _tails_agree(groups: Groups) -> bool:
    """With both shapes known, the dimensions after the shorter shape's first one agree (only batch levels differ).

    ``(1, 1, 96, 96, 3)`` vs ``(?, 96, 96, 3)`` agree (an extra level); ``(None, 784)`` vs ``(None, 28, 28)`` do not
    (a different per-example shape, not a batch problem).  True when a shape is unknown.
    """
    got, want = groups.get("got_shape"), groups.get("want_shape")
    if not (isinstance(got, list) and isinstance(want, list)):
        return True
    k = min(len(got), len(want)) - 1
    if k <= 0:
        return True
    return all(_dims_agree(a, b) for a, b in zip(got[-k:], want[-k:]))


def _batch_levels(groups: Groups, got: int, want: int) -> bool:
    """The ranks differ by levels of batching: one level, or (above) several whose dimensions are all 1
    (``[1,1,1,150,150,3]`` against rank 4) or unknown (a transpose of rank 5 with a permutation for rank 3: extra
    nesting is what most often raises a rank).  Two or more levels below (``[1]`` or ``[224,3]`` against rank 4), or
    above with sizes other than 1 in front, is a value of another shape, not a batch level too many or too few."""
    if abs(got - want) == 1:
        return True
    if got < want:
        return False
    shape = groups.get("got_shape")
    if not isinstance(shape, list) or len(shape) != got:
        return True
    return all(d == 1 for d in shape[:got - want])


def image_without_channel(shape: Any, want_rank: int) -> bool:
    """A rank-3 value where an image op takes rank 4, whose last dimension is no channel count: (N, H, W), a batch of
    images without their channel axis (grayscale as decoded), not one image (H, W, C) without its batch -- a REST
    request's [1,28,28] is one instance of 28x28.  Labelled texts of that shape: 2 of 2 input_shape_mismatch."""
    return want_rank == 4 and isinstance(shape, list) and len(shape) == 3 and shape[-1] not in (1, 3, 4)


def image_lacks_channel(groups: Groups) -> bool:
    """The value is a batch of images without their channel axis (:func:`image_without_channel`)."""
    r = _ranks(groups)
    return r is not None and image_without_channel(groups.get("got_shape"), r[1])


def rank_above(groups: Groups) -> bool:
    """The tensor has more dimensions than the op/placeholder wants (an extra batch level) -- unless its sizes show a
    per-example shape (causes.levels, which the index's rank decider and the fix read too: images whose channels got
    one more axis, [2,28,28,1,1]; a stack per example), so the category says what the fix says."""
    r = _ranks(groups)
    if not (r is not None and r[0] > r[1] and _tails_agree(groups) and _batch_levels(groups, *r)):
        return False
    shape = groups.get("got_shape")
    if isinstance(shape, list) and len(shape) == r[0]:
        from .causes import levels

        lv = levels(shape, None, r[0], r[1], "")
        return lv is None or lv.both or lv.category != "input_shape_mismatch"
    return True


def rank_above_per_example(groups: Groups) -> bool:
    """The tensor has a dimension more than the op wants, and its sizes show a per-example shape rather than a batch
    level (causes.levels: [2,3,4] into a MatMul of rank 2 is a stack of 3 rows per example, no size-1 level that a
    request or np.expand_dims adds) -- the reading :func:`rank_above` leaves to input_shape_mismatch."""
    r = _ranks(groups)
    shape = groups.get("got_shape")
    if not (r is not None and r[0] > r[1] and _tails_agree(groups) and _batch_levels(groups, *r)
            and isinstance(shape, list) and len(shape) == r[0]):
        return False
    from .causes import levels

    lv = levels(shape, None, r[0], r[1], "")
    return lv is not None and not lv.both and lv.category == "input_shape_mismatch"


def rank_below(groups: Groups) -> bool:
    """The tensor has fewer dimensions than wanted (a missing batch level)."""
    r = _ranks(groups)
    return (r is not None and r[0] < r[1] and _tails_agree(groups) and _batch_levels(groups, *r)
            and not image_without_channel(groups.get("got_shape"), r[1]))


def rank_far(groups: Groups) -> bool:
    """The ranks differ by more than batch levels (see :func:`_batch_levels`): the value is not the input's shape."""
    r = _ranks(groups)
    return r is not None and r[0] != r[1] and not _batch_levels(groups, *r)


def _same_rank_shapes(groups: Groups) -> tuple[list[int], list[int]] | None:
    got, want = groups.get("got_shape"), groups.get("want_shape")
    if not (isinstance(got, list) and isinstance(want, list)) or len(got) != len(want) or not got:
        return None
    return got, want


def same_rank_batch_only(groups: Groups) -> bool:
    """Only the leading dimension differs and the wanted one is a fixed number: a batch size baked into the graph."""
    s = _same_rank_shapes(groups)
    if s is None:
        return False
    got, want = s
    return want[0] >= 0 and got[0] != want[0] and all(_dims_agree(a, b) for a, b in zip(got[1:], want[1:]))


def dims_differ(groups: Groups) -> bool:
    """The per-example shape is wrong: same rank with a non-leading dimension differing, or a different rank whose
    trailing dimensions differ too (so it is not just a batch level)."""
    got, want = groups.get("got_shape"), groups.get("want_shape")
    if not (isinstance(got, list) and isinstance(want, list)) or not got or not want:
        return False
    if len(got) == len(want):
        return any(not _dims_agree(a, b) for a, b in zip(got[1:], want[1:]))
    return not _tails_agree(groups)


def values_not_multiple(groups: Groups) -> bool:
    """A reshape's value count is not a multiple of the requested size: a wrong constant or a wrong input size."""
    values = groups.get("values")
    other = groups.get("multiple", groups.get("requested"))
    return isinstance(values, int) and isinstance(other, int) and other > 0 and values % other != 0


def _count_reading(groups: Groups) -> dict[str, Any]:
    from .facts import count_reading

    values, requested = groups.get("values"), groups.get("requested")
    if not (isinstance(values, int) and isinstance(requested, int)):
        return {}
    return count_reading(values, requested)


def reshape_channels(groups: Groups) -> bool:
    """A reshape's counts differ by a channel factor (224×224×3 against 224×224×1; 3, 1/3, 4, 4/3 …)."""
    return _count_reading(groups).get("reading") == "channels"


def reshape_image_size(groups: Groups) -> bool:
    """A reshape's counts are square images with the same channels and different sides (299² ×3 vs 224² ×3)."""
    return _count_reading(groups).get("reading") == "image_size"


_KERAS_RESHAPE = lazy(
    r"(?:^|/)(?:model|functional|sequential)(?:_\d+)?/(?!tf\.|tf_op_layer|flatten)[^/]+/Reshape$", re.I)
"""A Keras Reshape layer's op inside a Keras model (``model/reshape/Reshape``; a ``tf.reshape`` call wrapped as a
layer is ``model/tf.reshape/Reshape`` and takes the shape it was given; Flatten's is read by :data:`_FLATTEN`)."""
_FLATTEN = lazy(r"(?:^|/)flatten(?:_\d+)?/Reshape$", re.I)
"""A Keras Flatten layer's op: it reshapes to ``[-1, n]`` with ``n`` the per-example size it was built for."""


def keras_layer_reshape(groups: Groups) -> bool:
    """The reshape is a Keras Reshape layer's: it reshapes to ``(shape(x)[0],) + target_shape``, the batch taken from
    its input, so both counts cover the same batch and the examples themselves have another size."""
    node = groups.get("node")
    return isinstance(node, str) and bool(_KERAS_RESHAPE.search(node))


def _per_example_reshape(groups: Groups) -> bool:
    """The counts compare examples, not batches: a reshape to one value (``has 1``: one value per example) or a
    Keras Reshape layer's."""
    values, requested = groups.get("values"), groups.get("requested")
    if not (isinstance(values, int) and isinstance(requested, int)) or values == requested:
        return False
    if _predict_batch(groups):
        return False
    return requested == 1 or keras_layer_reshape(groups)


KERAS_PREDICT_BATCH = 32
"""Keras's Model.predict default batch_size (causes.py reads it from here)."""


def _predict_batch(groups: Groups) -> bool:
    """Keras predict's batch of 32 (the traced predict_function ran) reached a reshape sized for one batch of
    another size: the counts compare batches."""
    values, requested = groups.get("values"), groups.get("requested")
    return (groups.get("traced") == "predict_function" and isinstance(values, int) and isinstance(requested, int)
            and values == KERAS_PREDICT_BATCH * requested)



def reshape_batch(groups: Groups) -> bool:
    """A reshape got k times its values and nothing else explains the ratio: k instances to a fixed-batch graph."""
    found = _count_reading(groups)
    return "batch_factor" in found and "reading" not in found and not _per_example_reshape(groups)


MAX_FIXED_BATCH = 512
"""The largest batch a graph is read as having fixed: a larger ratio of counts is another per-example size."""


def reshape_batch_short(groups: Groups) -> bool:
    """A reshape to a fully known shape (``the requested shape has N``: no -1 in it) wants exactly k times the values
    it got, and no channel or image-size reading explains the ratio: the target's first size is a batch of k fixed
    in the graph, and the request carried fewer examples (one). Its second reading, examples k times too small, is
    said in the fix."""
    found = _count_reading(groups)
    k = found.get("batch_short")
    return (isinstance(k, int) and 2 <= k <= MAX_FIXED_BATCH and "reading" not in found
            and not _per_example_reshape(groups))


def reshape_batch_or_image(groups: Groups) -> bool:
    """A reshape got k times its values, and the ratio is also a channel factor, an image size or a per-example
    size (a reshape to one value, a Keras Reshape layer): the batch reading comes second."""
    found = _count_reading(groups)
    return "batch_factor" in found and ("reading" in found or _per_example_reshape(groups))


def reshape_scalar(groups: Groups) -> bool:
    """A reshape to a single value (``the requested shape has 1``) got several: one value per example expected."""
    values = groups.get("values")
    return groups.get("requested") == 1 and isinstance(values, int) and values > 1 and not _predict_batch(groups)


def reshape_layer(groups: Groups) -> bool:
    """A Keras Reshape layer got another count than its target (and no channel or image-size reading explains it)."""
    return (_per_example_reshape(groups) and not reshape_scalar(groups)
            and "reading" not in _count_reading(groups))


def flatten_reshape(groups: Groups) -> bool:
    """A Keras Flatten layer's reshape got a count that is not a multiple of the per-example size it was built for."""
    node = groups.get("node")
    return isinstance(node, str) and bool(_FLATTEN.search(node)) and values_not_multiple(groups)


def flattened_rows(groups: Groups) -> bool:
    """MatMul got an example's rows as the batch: the product of In[0]'s dims equals the weights' input size."""
    got, want = groups.get("got_shape"), groups.get("weights_shape")
    if not (isinstance(got, list) and isinstance(want, list)) or len(got) < 2 or not want:
        return False
    return math.prod(got) == want[0] and got[-1] != want[0]


def _vector_and_weights(groups: Groups) -> tuple[list[int], list[int]] | None:
    got, weights = groups.get("got_shape"), groups.get("weights_shape")
    if isinstance(got, list) and len(got) == 1 and isinstance(weights, list) and len(weights) == 2:
        return got, weights
    return None


def vector_fits_weights(groups: Groups) -> bool:
    """MatMul got one vector (rank 1) of as many values as its weights take per row: one example, unbatched (also
    when the weights are not in the message)."""
    found = _vector_and_weights(groups)
    if found is None:
        return rank_below({**groups, "want_rank": 2})
    return found[0][0] == found[1][0]


def vector_misses_weights(groups: Groups) -> bool:
    """MatMul got one vector whose length is not the weights' row width: the example has another feature count."""
    found = _vector_and_weights(groups)
    return found is not None and found[0][0] != found[1][0]


def image_multiple(groups: Groups) -> bool:
    """A reshape to [-1, M] got a count that is not a multiple of M, and both counts are square images (100 = 10×10
    against 784 = 28×28): the images have another size or channel count, not a wrong constant in the graph (YOLO's
    12675 against 1379040 is not)."""
    from .facts import count_reading

    values, multiple = groups.get("values"), groups.get("multiple", groups.get("requested"))
    if not (isinstance(values, int) and isinstance(multiple, int)) or multiple <= 0 or values % multiple == 0:
        return False
    return count_reading(values, multiple).get("reading") in ("image_size", "channels")  # both counts are images


def image_multiple_size(groups: Groups) -> bool:
    return image_multiple(groups) and _count_reading(groups).get("reading") == "image_size"


def image_multiple_channels(groups: Groups) -> bool:
    return image_multiple(groups) and _count_reading(groups).get("reading") == "channels"


def first_dims_differ(groups: Groups) -> bool:
    """Two joined tensors differ in their first (batch) dimension."""
    a, b = groups.get("a0"), groups.get("b0")
    return isinstance(a, str) and isinstance(b, str) and a != b


def custom_op(groups: Groups) -> bool:
    """The op the runtime does not know comes from a library outside stock TensorFlow (tf-text, addons, …)."""
    from .facts import op_origin

    op = groups.get("op")
    return isinstance(op, str) and op_origin(op)[0] == "custom"


def known_op(groups: Groups) -> bool:
    """The name is an op TensorFlow or a known op library defines (a ``KeyError: 'CaseFoldUTF8'`` from TensorFlow's
    op lookup, not a dict key of the request)."""
    from .facts import OP_FAMILIES, stock_ops

    op = groups.get("op")
    if not isinstance(op, str):
        return False
    if any(re.search(p, op) for p, _ in OP_FAMILIES):
        return True
    stock = stock_ops()
    return stock is not None and op in stock[1]


def flex_op(groups: Groups) -> bool:
    """The op is TFLite's name for a TensorFlow op the Flex delegate runs (``FlexRandomUniform``)."""
    from .facts import op_origin

    op = groups.get("op")
    return isinstance(op, str) and op_origin(op)[0] == "flex"


def stock_op(groups: Groups) -> bool:
    """The op the runtime does not know is in stock TensorFlow: the runtime is older than the exporter."""
    from .facts import op_origin

    op = groups.get("op")
    return isinstance(op, str) and op_origin(op)[0] == "stock"


def model_url(groups: Groups) -> bool:
    """The model was to be loaded from an http(s) URL (tfjs' loadGraphModel / loadLayersModel, a hub handle, a
    download): no directory is involved, the server had no model there."""
    path = groups.get("path")
    return isinstance(path, str) and re.match(r"https?://", path.strip(), re.I) is not None


def checkpoint_path(groups: Groups) -> bool:
    """The path the loader could not find or read is a checkpoint (``model.ckpt``, ``model.ckpt-600``, a ``.index`` /
    ``.data-*`` file), not a SavedModel directory."""
    path = groups.get("path")
    if not isinstance(path, str):
        return False
    last = re.split(r"[/\\]", path.rstrip("/\\"))[-1]  # a SavedModel folder under checkpoints/ is not one
    return re.search(r"ckpt|^checkpoint$|\.index$|\.data-\d{5}-of-\d{5}$|\.meta$", last, re.I) is not None


def tflite_op(groups: Groups) -> bool:
    """The op the runtime does not know is one of TFLite's builtin operators (by name, or by its builtin code): the
    TFLite runtime is older than the converter that wrote the model."""
    from .facts import op_origin

    op = groups.get("op")
    return (isinstance(op, str) and op_origin(op)[0] == "tflite") or isinstance(groups.get("builtin_code"), int)


def named_signature(groups: Groups) -> bool:
    """The request named a signature (signature_name) other than serving_default."""
    name = groups.get("signature")
    return isinstance(name, str) and bool(name) and name != "serving_default"


def _named_input(groups: Groups) -> str | None:
    name = groups.get("input")
    return name if isinstance(name, str) and name.strip() else None


def example_or_unnamed_input(groups: Groups) -> bool:
    """The message names no input, or names one the way a serialized tf.Example signature does (``examples``)."""
    from .facts import example_like_input

    name = _named_input(groups)
    return name is None or example_like_input(name)


def _number(groups: Groups) -> float | None:
    """The JSON number the message shows (``JSON Value: 0.329 Type: Number``), else None."""
    value = groups.get("json_value")
    if str(groups.get("json_type", "")).lower() != "number" or not isinstance(value, str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _integer(groups: Groups) -> bool:
    return _number(groups) is not None and str(groups.get("json_value", "")).lstrip("-+").isdigit()


def _unit_fraction(groups: Groups) -> bool:
    number = _number(groups)
    return number is not None and 0 < number < 1


def unnamed_integer_value(groups: Groups) -> bool:
    """A JSON integer sent to a string input the message does not name: ids or codes (a token id, a category's index,
    a zip code as a number) where the input takes the strings themselves -- 5 of the 6 labelled texts of an unnamed
    integer say dtype_mismatch, 1 (a public thread) a raw feature for serialized tf.Example."""
    return _named_input(groups) is None and _integer(groups)


def unnamed_unit_fraction_value(groups: Groups) -> bool:
    """A number between 0 and 1 with a fraction sent to a string input the message does not name: a decoded image's
    pixels scaled to [0, 1] where the input takes the encoded file's bytes (4 of the 4 labelled texts)."""
    return _named_input(groups) is None and _unit_fraction(groups)


def example_input_or_raw_value(groups: Groups) -> bool:
    """A string input named like a tf.Example signature's (``examples``), or unnamed and given a raw feature value:
    neither an integer (an id or a code) nor a pixel scaled to [0, 1]."""
    from .facts import example_like_input

    name = _named_input(groups)
    if name is not None:
        return example_like_input(name)
    return not (_integer(groups) or _unit_fraction(groups))


def plain_named_input(groups: Groups) -> bool:
    """The message names the input and it is a plain feature (``sex``, ``age``), not a tf.Example input."""
    from .facts import example_like_input

    name = _named_input(groups)
    return name is not None and not example_like_input(name)


def quoted_number(groups: Groups) -> bool:
    """The value sent is a number inside a JSON string (``"39.1"``)."""
    return groups.get("quoted_number") not in (None, "")


def one_first_dim_is_one(groups: Groups) -> bool:
    """Two joined tensors' first dimensions differ and one of them is 1: a batch fixed at one in the graph is the
    other reading of inputs sent with different batch sizes."""
    return first_dims_differ(groups) and "1" in (groups.get("a0"), groups.get("b0"))


def converter_placeholder(groups: Groups) -> bool:
    """The TFLite converter's only op without a TFLite builtin is Placeholder: a placeholder no input feeds."""
    ops = str(groups.get("select_ops") or groups.get("converter_op") or "")
    return [o.strip() for o in ops.split(",") if o.strip()] == ["Placeholder"]


_OTHER_LOADER = lazy(r"(?:^|[/\\])\d{1,19}[/\\]?$|\.(?:tflite|lite|onnx|pt|pth|pkl|pickle|joblib|mlmodel|engine|"
                     r"plan|xml)$", re.I)
"""A path whose last part is a number (a serving export's version directory: export/1), or a file of another
framework's format (a .tflite, .onnx, .pt …) -- what no Keras's load_model reads, whatever version wrote it."""


def version_crossing_path(groups: Groups) -> bool:
    """Keras 3's load_model refused a folder that is no numbered version directory (``filepath=k2_sm``): most often
    Keras 2's model.save(dir), loaded after an upgrade -- a version crossing.  A version directory (``export/1``) is a
    serving export, Keras 3's own model.export too, and a .tflite or .onnx file is another framework's: given to the
    wrong loader (index decider keras3_savedmodel_dir: the entry's reading, no category).  Labelled texts of every set
    (sessions 4-17 dev): a version directory 21 wrong loader / 6 version; another folder 16 version (7 of them public
    threads) / 3 wrong loader / 2 no model there; a .tflite file 1 wrong loader."""
    path = str(groups.get("path") or "").rstrip(".")
    return not (path and _OTHER_LOADER.search(path))


def text_value(groups: Groups) -> bool:
    """The value sent is short text, not a number in quotes and not encoded bytes (``"male"``, ``"yes"``)."""
    import re

    value = groups.get("json_value")
    if not isinstance(value, str) or not value or str(groups.get("json_type", "")).lower() != "string":
        return False
    if re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", value, re.I):
        return False
    return len(value) <= 40 and "/" not in value and not value.startswith(("data:", "\\x"))


def image_bytes_input(groups: Groups) -> bool:
    """The message names a string input that takes encoded image bytes (``image_bytes``, ``jpeg_b64``…)."""
    from .facts import image_bytes_name

    name = _named_input(groups)
    return name is not None and image_bytes_name(name)


def object_detection(groups: Groups) -> bool:
    """The text shows the TF Object Detection API (its ``encoded_image_string_tensor`` input, ``--input_type``)."""
    return bool(groups.get("od_api"))


def batching_task(groups: Groups) -> bool:
    """TF Serving's batching refusal read with both its numbers (task size, max_batch_size)."""
    return groups.get("task_size") is not None and groups.get("max_batch") is not None


def weight_sizes(groups: Groups) -> bool:
    """Both shapes of a layer's weights are known, as the model's code built them and as they were saved
    (facts.weight_sizes)."""
    from .facts import weight_sizes as sizes

    return sizes(groups) is not None


def _list_shapes(groups: Groups) -> tuple[list[int], list[int]] | None:
    """TensorListFromTensor's 'Specified a list with shape E from a tensor with shape O' (core/kernels/
    list_kernels.h): E the element shape the graph's list (a tf.map_fn) declares, O the fed tensor's shape without
    its first dimension — both per element, no batch in either."""
    want, got = groups.get("elem_shape"), groups.get("tensor_shape")
    if not (isinstance(want, list) and isinstance(got, list)):
        return None
    return got, want


def list_rank_above(groups: Groups) -> bool:
    """Each element arrived with more levels than the list's element shape (``[]`` against ``[1]``: one scalar
    string per instance wanted, a list of them sent): the levels in front are extra, the rest agree."""
    s = _list_shapes(groups)
    if s is None:
        return False
    got, want = s
    return len(got) > len(want) and all(_dims_agree(a, b) for a, b in zip(got[len(got) - len(want):], want))


def list_dims_differ(groups: Groups) -> bool:
    """Same rank per element, a size differs (``[2,2]`` against ``[3,2]``): each instance has another shape than the
    map's element, not a level too many."""
    s = _list_shapes(groups)
    if s is None:
        return False
    got, want = s
    return len(got) == len(want) and any(not _dims_agree(a, b) for a, b in zip(got, want))


def list_batch_of_one(groups: Groups) -> bool:
    """An RNN's time-major unstack (its TensorArrayUnstack: each element is one time step of the whole batch,
    [batch, features]) declares elements of a batch of one and got another batch, the rest agreeing: a recurrent
    layer built for batch 1 (stateful=True with batch_size=1) exported for any batch — the batch fixed in the graph."""
    s = _list_shapes(groups)
    if s is None or not groups.get("rnn_node"):
        return False
    got, want = s
    return (len(got) == len(want) >= 1 and want[0] == 1 and got[0] not in (1, -1)
            and all(_dims_agree(a, b) for a, b in zip(got[1:], want[1:])))


CHECKS: dict[str, Callable[[Groups], bool]] = {
    "list_batch_of_one": list_batch_of_one,
    "list_rank_above": list_rank_above,
    "list_dims_differ": list_dims_differ,
    "weight_sizes": weight_sizes,
    "batching_task": batching_task,
    "rank_above": rank_above,
    "rank_above_per_example": rank_above_per_example,
    "rank_below": rank_below,
    "rank_far": rank_far,
    "same_rank_batch_only": same_rank_batch_only,
    "dims_differ": dims_differ,
    "values_not_multiple": values_not_multiple,
    "flattened_rows": flattened_rows,
    "reshape_channels": reshape_channels,
    "reshape_image_size": reshape_image_size,
    "reshape_batch": reshape_batch,
    "reshape_batch_or_image": reshape_batch_or_image,
    "reshape_batch_short": reshape_batch_short,
    "reshape_scalar": reshape_scalar,
    "reshape_layer": reshape_layer,
    "flatten_reshape": flatten_reshape,
    "tflite_op": tflite_op,
    "model_url": model_url,
    "checkpoint_path": checkpoint_path,
    "custom_op": custom_op,
    "stock_op": stock_op,
    "flex_op": flex_op,
    "known_op": known_op,
    "vector_fits_weights": vector_fits_weights,
    "vector_misses_weights": vector_misses_weights,
    "image_multiple": image_multiple,
    "first_dims_differ": first_dims_differ,
    "image_multiple_size": image_multiple_size,
    "image_multiple_channels": image_multiple_channels,
    "named_signature": named_signature,
    "example_or_unnamed_input": example_or_unnamed_input,
    "example_input_or_raw_value": example_input_or_raw_value,
    "unnamed_integer_value": unnamed_integer_value,
    "unnamed_unit_fraction_value": unnamed_unit_fraction_value,
    "plain_named_input": plain_named_input,
    "quoted_number": quoted_number,
    "converter_placeholder": converter_placeholder,
    "one_first_dim_is_one": one_first_dim_is_one,
    "version_crossing_path": version_crossing_path,
    "image_lacks_channel": image_lacks_channel,
    "text_value": text_value,
    "image_bytes_input": image_bytes_input,
    "object_detection": object_detection,
}
