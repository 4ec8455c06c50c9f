"""Build the estimator-style SavedModel the tf.Example tests read (a session fixture runs this in a subprocess):
a TF1 graph (``tf.compat.v1`` Builder, as an estimator's ``export_saved_model`` with
``build_parsing_serving_input_receiver_fn`` writes it) whose ``input_example_tensor`` placeholder, the signature
input ``examples``, is parsed by ``tf.compat.v1.io.parse_example`` (ParseExampleV2); signature ``legacy`` parses
with the older ``ParseExample`` op and ``single`` one scalar Example with ``ParseSingleExample``.

Features: ``x`` float [2] (required), ``k`` int64 [] (default 0), ``tags`` string (sparse).

    .venv/bin/python tests/validate/example_models.py OUT_DIR
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def build(out: str) -> None:
    import tensorflow as tf

    tf.compat.v1.disable_eager_execution()
    with tf.Graph().as_default():
        spec = {"x": tf.io.FixedLenFeature([2], tf.float32),
                "k": tf.io.FixedLenFeature([], tf.int64, default_value=0),
                "tags": tf.io.VarLenFeature(tf.string)}
        w = tf.compat.v1.get_variable("w", initializer=tf.constant([1.0, 2.0]))

        def score(x, k):
            return tf.reduce_sum(x * w, axis=-1) + tf.cast(k, tf.float32)

        serialized = tf.compat.v1.placeholder(tf.string, [None], name="input_example_tensor")
        f = tf.compat.v1.io.parse_example(serialized, spec)
        y = score(f["x"], f["k"]) + tf.cast(tf.sparse.reduce_sum(
            tf.sparse.map_values(tf.strings.length, f["tags"]), axis=1), tf.float32)

        legacy_in = tf.compat.v1.placeholder(tf.string, [None], name="legacy_examples")
        legacy = tf.raw_ops.ParseExample(
            serialized=legacy_in, names=tf.constant([], tf.string), sparse_keys=[],
            dense_keys=[tf.constant("x"), tf.constant("k")],
            dense_defaults=[tf.constant([], tf.float32), tf.constant(0, tf.int64)], sparse_types=[],
            dense_shapes=[[2], []])
        y_legacy = score(legacy.dense_values[0], legacy.dense_values[1])

        single_in = tf.compat.v1.placeholder(tf.string, [], name="single_example")
        single = tf.raw_ops.ParseSingleExample(
            serialized=single_in, dense_defaults=[tf.constant([], tf.float32), tf.constant(0, tf.int64)],
            num_sparse=0, sparse_keys=[], dense_keys=["x", "k"], sparse_types=[], dense_shapes=[[2], []])
        y_single = tf.reshape(score(single.dense_values[0], single.dense_values[1]), [1])

        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            builder = tf.compat.v1.saved_model.Builder(os.path.join(out, "1"))
            sigs = {
                "serving_default": tf.compat.v1.saved_model.predict_signature_def({"examples": serialized},
                                                                                  {"y": y}),
                "legacy": tf.compat.v1.saved_model.predict_signature_def({"examples": legacy_in}, {"y": y_legacy}),
                "single": tf.compat.v1.saved_model.predict_signature_def({"example": single_in}, {"y": y_single}),
            }
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map=sigs)
            builder.save()


if __name__ == "__main__":
    build(sys.argv[1])
