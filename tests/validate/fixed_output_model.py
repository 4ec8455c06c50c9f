"""Build the SavedModel tests/validate/test_fixed_output_batch.py reads (a session fixture runs this in a subprocess):
a tf.Module whose input ``x`` is declared (-1, 4) and whose output ``y`` (the input reshaped to [1, 4]) is declared
(1, 4), as trial9's models/fixedgraph: a batch of 2 fails in the reshape.

    .venv/bin/python tests/validate/fixed_output_model.py OUT_DIR
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def build(out: str) -> None:
    import tensorflow as tf

    class Fixed(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x")])
        def serve(self, x):
            return {"y": tf.reshape(x, [1, 4]) * 2.0}

    m = Fixed()
    tf.saved_model.save(m, os.path.join(out, "1"), signatures={"serving_default": m.serve})


if __name__ == "__main__":
    build(sys.argv[1])
