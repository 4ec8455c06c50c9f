"""SavedModels that use ops and attrs newer than TensorFlow 2.15, built with the project's TensorFlow.

Each case puts something TensorFlow 2.15 lacks at a different depth (found from the registry differences,
``sigcheck.runtime.registry``: the op ``DecodeWebP`` first appears in 2.20, ``TensorListGetItem`` gains the type attr
``Tshape`` in 2.21, ``StringToNumber`` allows ``out_type=uint32`` from 2.17, and ``GatherNd`` gains the string attr
``bad_indices_policy`` in 2.17, which older releases drop).  ``build_all(folder)`` writes them as TF Serving base paths (``<name>/1/``) and returns
the entries :mod:`serving_loader` takes (name, path, feeds).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any, Callable

WEBP_2X2 = base64.b64decode("UklGRh4AAABXRUJQVlA4TBEAAAAvAUAAAAdQiirUo/+BiOh/AAA=")
"""A 2x2 lossless WebP image (written by Pillow: ``Image.new("RGB", (2, 2), (10, 20, 30)).save(f, "WEBP",
lossless=True)``): DecodeWebP must decode it on TensorFlow ≥ 2.20."""

WEBP_FEED = [[base64.b64encode(WEBP_2X2).decode()], "b64"]


def _save(tf: Any, module: Any, out: Path, signatures: dict[str, Any]) -> None:
    tf.saved_model.save(module, str(out / "1"), signatures=signatures)


def _decode(tf: Any, data: Any) -> Any:
    return tf.reduce_mean(tf.cast(tf.raw_ops.DecodeWebP(contents=data, channels=3), tf.float32))


def webp_signature(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": _decode(tf, x[0])}, input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f})
    return {"feeds": {"serving_default": {"x": WEBP_FEED}}}


def webp_nested(tf: Any, out: Path) -> dict:
    inner = tf.function(lambda s: _decode(tf, s))
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": inner(x[0]) + 1.0}, input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f})
    return {"feeds": {"serving_default": {"x": WEBP_FEED}}}


def webp_cond(tf: Any, out: Path) -> dict:
    def f(x: Any, n: Any) -> dict:
        y = tf.cond(n[0] > 0, lambda: _decode(tf, x[0]), lambda: tf.constant(0.0))
        return {"y": y}

    m = tf.Module()
    m.f = tf.function(f, input_signature=[tf.TensorSpec([None], tf.string), tf.TensorSpec([None], tf.int32)])
    _save(tf, m, out, {"serving_default": m.f})
    return {"feeds": {"serving_default": {"x": WEBP_FEED, "n": [[0], "int32"]}}}


def webp_map_fn(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": tf.map_fn(lambda s: _decode(tf, s), x, fn_output_signature=tf.float32)},
                      input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f})
    return {"feeds": {"serving_default": {"x": WEBP_FEED}}}


def webp_other_signature(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": x * 2.0}, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    m.g = tf.function(lambda s: {"y": _decode(tf, s[0])}, input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f, "decode": m.g})
    return {"feeds": {"decode": {"s": WEBP_FEED}}}


def webp_uncalled(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": x * 2.0}, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    m.decode = tf.function(lambda s: _decode(tf, s[0]), input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f})
    return {}


def webp_tf1_graph(tf: Any, out: Path) -> dict:
    """A TF1 graph (compat.v1 Builder) with DecodeWebP in the main graph, on no signature's path."""
    v1 = tf.compat.v1
    with tf.Graph().as_default() as g, v1.Session(graph=g) as sess:
        x = v1.placeholder(tf.float32, [None, 2], name="x")
        y = tf.identity(x * 2.0, name="y")
        tf.raw_ops.DecodeWebP(contents=tf.constant(WEBP_2X2), name="unused_decode")
        b = v1.saved_model.Builder(str(out / "1"))
        sig = v1.saved_model.predict_signature_def({"x": x}, {"y": y})
        b.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
        b.save()
    return {}


def _tensor_list_item(tf: Any, x: Any) -> Any:
    shape = tf.constant([-1], tf.int64)  # an int64 element_shape: TensorListGetItem's Tshape = int64
    handle = tf.raw_ops.TensorListFromTensor(tensor=x, element_shape=shape)
    return tf.raw_ops.TensorListGetItem(input_handle=handle, index=0, element_shape=shape,
                                        element_dtype=tf.float32)


def tlist_type_attr(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": _tensor_list_item(tf, x)}, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    _save(tf, m, out, {"serving_default": m.f})
    return {}


def tlist_type_attr_cond(tf: Any, out: Path) -> dict:
    def f(x: Any) -> dict:
        return {"y": tf.cond(tf.reduce_sum(x) > 1e9, lambda: _tensor_list_item(tf, x), lambda: x[0])}

    m = tf.Module()
    m.f = tf.function(f, input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    _save(tf, m, out, {"serving_default": m.f})
    return {}


def to_uint32(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda s: {"y": tf.strings.to_number(s, out_type=tf.uint32)},
                      input_signature=[tf.TensorSpec([None], tf.string)])
    _save(tf, m, out, {"serving_default": m.f})
    return {"feeds": {"serving_default": {"s": [["7"], "string"]}}}


def to_uint32_tf1(tf: Any, out: Path) -> dict:
    """StringToNumber with out_type uint32 in a TF1 graph's main graph (allowed since 2.17)."""
    v1 = tf.compat.v1
    with tf.Graph().as_default() as g, v1.Session(graph=g) as sess:
        s = v1.placeholder(tf.string, [None], name="s")
        y = tf.strings.to_number(s, out_type=tf.uint32, name="y")
        b = v1.saved_model.Builder(str(out / "1"))
        sig = v1.saved_model.predict_signature_def({"s": s}, {"y": y})
        b.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
        b.save()
    return {"feeds": {"serving_default": {"s": [["7"], "string"]}}}


def gather_nd_policy(tf: Any, out: Path) -> dict:
    m = tf.Module()
    m.f = tf.function(lambda x: {"y": tf.raw_ops.GatherNd(params=x, indices=[[0]], bad_indices_policy="IGNORE")},
                      input_signature=[tf.TensorSpec([None, 2], tf.float32)])
    _save(tf, m, out, {"serving_default": m.f})
    return {}


BUILDERS: dict[str, Callable[[Any, Path], dict]] = {
    f.__name__: f for f in (webp_signature, webp_nested, webp_cond, webp_map_fn, webp_other_signature,
                            webp_uncalled, webp_tf1_graph, tlist_type_attr, tlist_type_attr_cond, to_uint32, to_uint32_tf1,
                            gather_nd_policy)
}


MEASURED_ON_2_15: dict[str, tuple[str | None, dict[str, str | None]]] = {
    # model: (the load error's key phrase or None, {signature: the request error's key phrase or None}),
    # as TensorFlow 2.15.1 answered through serving_loader.py (make compat-test checks it again)
    "webp_signature": ("Op type not registered 'DecodeWebP'", {}),
    "webp_nested": ("Op type not registered 'DecodeWebP'", {}),
    "webp_other_signature": ("Op type not registered 'DecodeWebP'", {}),
    "webp_tf1_graph": ("Op type not registered 'DecodeWebP'", {}),
    "webp_cond": (None, {"serving_default": "Op type not registered 'DecodeWebP'"}),
    "webp_map_fn": (None, {"serving_default": "Op type not registered 'DecodeWebP'"}),
    "webp_uncalled": (None, {"serving_default": None}),
    "tlist_type_attr": ("input element_shape[0] expected type int32 != int64", {}),
    "tlist_type_attr_cond": (None, {"serving_default": "input element_shape[0] expected type int32 != int64"}),
    "to_uint32": (None, {"serving_default": "Value for attr 'out_type' of uint32 is not in the list of allowed values"}),
    "to_uint32_tf1": ("Value for attr 'out_type' of uint32 is not in the list of allowed values", {}),
    "gather_nd_policy": (None, {"serving_default": None}),
}


def build_all(folder: Path) -> list[dict]:
    import tensorflow as tf

    entries = []
    for name, build in BUILDERS.items():
        out = folder / name
        extra = build(tf, out)
        entries.append({"name": name, "path": str(out / "1"), "base": str(out), **extra})
    return entries
