"""Build the two small SavedModels the batch tests read (run once; the output is committed):

* ``tf_example``: serving_default takes ``examples`` (DT_STRING, serialized tf.Example) and parses it with
  ``tf.io.parse_example`` (ParseExampleV2): dense features with and without defaults, a variable-length dense
  feature, a sparse and a ragged one;
* ``png_bytes``: serving_default takes ``image_bytes`` (DT_STRING) and decodes it with ``tf.io.decode_png``.

    .venv/bin/python tests/batch/make_models.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

HERE = Path(__file__).resolve().parent / "models"

FEATURES = None


def feature_spec():  # the spec the tests also hand to tf.io.parse_example
    import tensorflow as tf

    return {
        "age": tf.io.FixedLenFeature([1], tf.float32),
        "hours": tf.io.FixedLenFeature([1], tf.int64, default_value=[40]),
        "occupation": tf.io.FixedLenFeature([], tf.string),
        "emb": tf.io.FixedLenFeature([3], tf.float32),
        "seq": tf.io.FixedLenSequenceFeature([2], tf.float32, allow_missing=True),
        "tags": tf.io.VarLenFeature(tf.string),
        "ids": tf.io.RaggedFeature(tf.int64),
    }


def build(out: Path = HERE) -> None:
    import tensorflow as tf

    class ExampleModel(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="examples")])
        def serve(self, examples):
            f = tf.io.parse_example(examples, feature_spec())
            score = f["age"][:, 0] + tf.cast(f["hours"][:, 0], tf.float32) + tf.reduce_sum(f["emb"], axis=1)
            score += tf.reduce_sum(f["seq"], axis=[1, 2]) + tf.cast(tf.strings.length(f["occupation"]), tf.float32)
            score += tf.cast(tf.sparse.reduce_sum(tf.sparse.map_values(tf.strings.length, f["tags"]), axis=1),
                             tf.float32)
            score += tf.cast(tf.reduce_sum(f["ids"], axis=1), tf.float32)
            return {"score": score}

    class PngModel(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="image_bytes")])
        def serve(self, image_bytes):
            def one(b):
                img = tf.image.resize(tf.io.decode_png(b, channels=3), [8, 8])
                return tf.reduce_mean(img)
            return {"brightness": tf.map_fn(one, image_bytes, fn_output_signature=tf.float32)}

    for name, module in (("tf_example", ExampleModel()), ("png_bytes", PngModel())):
        target = out / name / "1"
        if target.exists():
            shutil.rmtree(target)
        tf.saved_model.save(module, str(target), signatures={"serving_default": module.serve})


if __name__ == "__main__":
    build()
