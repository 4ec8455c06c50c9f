"""``sigcheck repair``'s verification requests are ``sigcheck sample``'s (``sigcheck.schema.model_sample``): built
from the model, so a RaggedTensor's components agree and the check runs the model, not its refusal."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="session")
def ragged_model(tmp_path_factory) -> str:
    """A tf.Module whose serving_default takes a RaggedTensor (components ``r``: flat_values, ``r_1``:
    row_splits) and answers each row's sum."""
    import tensorflow as tf

    class Rows(tf.Module):
        @tf.function(input_signature=[tf.RaggedTensorSpec([None, None], tf.int64)])
        def serve(self, r):
            return {"rowsum": tf.reduce_sum(r, axis=1)}

    rows = Rows()
    base = tmp_path_factory.mktemp("verify") / "ragged"
    tf.saved_model.save(rows, str(base / "1"), signatures={"serving_default": rows.serve})
    return str(base)


def test_sample_feeds_of_a_ragged_signature_agree_with_each_other(ragged_model) -> None:
    from sigcheck.model import read_model
    from sigcheck.repair.verify import SAMPLES, sample_feeds

    info = read_model(ragged_model)
    samples = sample_feeds(info, "serving_default")
    assert len(samples) == len(SAMPLES)
    for _, feeds in samples:
        splits, values = feeds["r_1"], feeds["r"]
        assert splits[0] == 0 and np.all(np.diff(splits) >= 0) and splits[-1] == len(values), feeds


def test_check_signatures_runs_a_ragged_model_on_requests_it_accepts(ragged_model) -> None:
    """The model compared with itself: every sample request answers, and equals itself (with sample_request on the
    bare signature, row_splits did not fit flat_values and every check failed)."""
    from sigcheck.model import read_model
    from sigcheck.repair.verify import check_signatures
    from sigcheck.serving import start_model

    info = read_model(ragged_model)
    model = start_model(ragged_model)
    try:
        def truth(feeds):
            result = model.run("serving_default", feeds)
            assert result.error is None and result.crash is None, result.error
            return result.outputs

        checks = check_signatures(model, info, {"serving_default": truth})
    finally:
        model.close()
    assert checks and all(c.ok for c in checks), [c.detail for c in checks]
