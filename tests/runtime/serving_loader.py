"""Load SavedModels the way TF Serving does and run every signature; print one JSON line per model.

Run with the Python of the TensorFlow under test (any TF 2.x; no sigcheck import)::

    python serving_loader.py MODELS.json  > results.jsonl

MODELS.json is ``[{"name": ..., "path": <SavedModel folder>, "feeds": {signature: {input: [value, dtype]}}}]``;
inputs without a feed get a one-row value of their dtype (unknown dimensions are 1).  TF Serving's loader is the
TF1 session loader (``LoadSavedModel``: import the MetaGraph, restore, run the init op), which
``tf.compat.v1.saved_model.loader.load`` mirrors; each signature is run with ``Session.run`` on its output
tensors.  Each result: ``{"name", "tensorflow", "load": null | error text, "signatures": {key: null | error}}``.
"""

from __future__ import annotations

import base64
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def _value(tf, info, given):
    import numpy as np

    dtype = tf.dtypes.as_dtype(info.dtype)
    if given is not None:
        value, kind = given
        if kind == "b64":
            return np.array([base64.b64decode(v) for v in value], dtype=object)
        return np.array(value, dtype=dtype.as_numpy_dtype)
    if info.tensor_shape.unknown_rank:
        shape = [1]
    else:
        shape = [d.size if d.size > 0 else 1 for d in info.tensor_shape.dim]
    if dtype == tf.string:
        return np.full(shape, b"a", dtype=object)
    return np.ones(shape, dtype=dtype.as_numpy_dtype)


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return text.strip()


def run_model(tf, entry: dict) -> dict:
    result: dict = {"name": entry["name"], "tensorflow": tf.__version__, "load": None, "signatures": {}}
    graph = tf.Graph()
    with tf.compat.v1.Session(graph=graph) as sess:
        try:
            meta = tf.compat.v1.saved_model.loader.load(sess, ["serve"], entry["path"])
        except Exception as exc:  # noqa: BLE001 - every load failure is the answer
            result["load"] = _first_line(exc)
            return result
        for key, sig in sorted(meta.signature_def.items()):
            if key.startswith("__"):
                continue
            feeds = entry.get("feeds", {}).get(key, {})
            try:
                feed = {graph.get_tensor_by_name(t.name): _value(tf, t, feeds.get(alias))
                        for alias, t in sig.inputs.items()}
                fetch = {alias: graph.get_tensor_by_name(t.name) for alias, t in sig.outputs.items()}
                sess.run(fetch, feed_dict=feed)
                result["signatures"][key] = None
            except Exception as exc:  # noqa: BLE001
                result["signatures"][key] = _first_line(exc)
    return result


def main() -> int:
    import tensorflow as tf

    for entry in json.load(open(sys.argv[1], encoding="utf-8")):
        print(json.dumps(run_model(tf, entry)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
