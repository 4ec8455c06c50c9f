"""Build the SavedModels tests/validate/test_scalar_output.py and tests/serving/test_response_explained.py read (a
session fixture runs this in a subprocess), as trial11's models (findings 5 and 6):

* ``scalarout``: input ``x`` (-1, 3); outputs ``y`` = reduce_sum(x, axis=1) (-1,) and ``total`` = reduce_sum(x),
  traced as a scalar (): every row-format request fails when TF Serving writes the answer;
* ``scalarin``: input ``t`` declared a scalar (), output ``o`` = t * 2 (): a row-format request sends ``t`` with a
  batch, and the element-wise graph answers it (its output gets that batch too);
* ``batchmis``: input ``x`` (-1, 3); outputs ``y`` (-1,) and ``first`` = x[:1] (declared (None, 3)): a batch of 2
  fails with "inconsistent batch size".

    .venv/bin/python tests/validate/scalar_output_model.py OUT_DIR
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def build(out: str) -> None:
    import tensorflow as tf

    class ScalarOut(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def serve(self, x):
            return {"y": tf.reduce_sum(x, axis=1), "total": tf.reduce_sum(x)}

    class ScalarIn(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([], tf.float32, name="t")])
        def serve(self, t):
            return {"o": t * 2.0}

    class BatchMismatch(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def serve(self, x):
            return {"y": tf.reduce_sum(x, axis=1), "first": x[:1]}

    for name, cls in (("scalarout", ScalarOut), ("scalarin", ScalarIn), ("batchmis", BatchMismatch)):
        m = cls()
        tf.saved_model.save(m, os.path.join(out, name, "1"), signatures={"serving_default": m.serve})


if __name__ == "__main__":
    build(sys.argv[1])
