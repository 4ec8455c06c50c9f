"""Build the composite-input SavedModels of test_composite.py (run as a script, with TensorFlow, once a session).

    python tests/model/composite_models.py OUT_DIR

``OUT_DIR/composite/1``, written by tf.saved_model.save, signatures:
* ``serving_default``: ``r`` tf.RaggedTensorSpec([None, None], float32) -> ``s`` = reduce_sum(r, axis=1);
* ``sparse``: ``sp`` tf.SparseTensorSpec([None, 5], float32) -> ``s`` = tf.sparse.reduce_sum(sp, axis=1);
* ``mixed``: ``w`` (a plain (-1,) float32 tensor) and ``rr`` tf.RaggedTensorSpec([None, None, None], float32,
  ragged_rank=2, row_splits_dtype=int32) -> ``s`` = reduce_sum(rr, axis=[1, 2]) * w;
* ``dict_arg``: one dict argument of two plain tensors ``x`` and ``ids`` (no composite: both are named
  ``features`` by TensorFlow's _user_specified_name);
* ``untracked``: ``sp`` tf.SparseTensorSpec([None, 3]) of a tf.function no object tracks (no TypeSpec in the
  object graph: read from the components' names and layout).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def build(out: str) -> None:
    import tensorflow as tf

    class Composite(tf.Module):
        @tf.function(input_signature=[tf.RaggedTensorSpec([None, None], tf.float32)])
        def ragged(self, r):
            return {"s": tf.reduce_sum(r, axis=1)}

        @tf.function(input_signature=[tf.SparseTensorSpec([None, 5], tf.float32)])
        def sparse(self, sp):
            return {"s": tf.sparse.reduce_sum(sp, axis=1)}

        @tf.function(input_signature=[
            tf.TensorSpec([None], tf.float32, name="w"),
            tf.RaggedTensorSpec([None, None, None], tf.float32, ragged_rank=2, row_splits_dtype=tf.int32)])
        def mixed(self, w, rr):
            return {"s": tf.reduce_sum(rr, axis=[1, 2]) * w}

        @tf.function(input_signature=[{"x": tf.TensorSpec([None], tf.float32),
                                       "ids": tf.TensorSpec([None], tf.int64)}])
        def dict_arg(self, features):
            return {"s": features["x"] * tf.cast(features["ids"], tf.float32)}

    # a function no object of the module tracks: the object graph keeps only its signature wrapper
    untracked = tf.function(lambda sp: {"s": tf.sparse.reduce_sum(sp, axis=1)},
                            input_signature=[tf.SparseTensorSpec([None, 3], tf.float32)])
    m = Composite()
    tf.saved_model.save(m, os.path.join(out, "composite", "1"), signatures={
        "serving_default": m.ragged.get_concrete_function(),
        "sparse": m.sparse.get_concrete_function(),
        "mixed": m.mixed.get_concrete_function(),
        "dict_arg": m.dict_arg.get_concrete_function(),
        "untracked": untracked.get_concrete_function(),
    })


if __name__ == "__main__":
    build(sys.argv[1])
