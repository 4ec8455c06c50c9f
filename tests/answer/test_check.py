"""sigcheck.answer without TensorFlow: the outputs' shapes against the signature, instances alone against their rows
(``run_alone`` here is numpy computing what trial9's scalar-scale graph computes)."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from sigcheck.answer import answer_findings, output_findings
from sigcheck.model.types import Signature, TensorSpec


def _sig(inputs: dict, outputs: dict) -> Signature:
    return Signature("serving_default", "tensorflow/serving/predict",
                     {k: TensorSpec(k, "DT_FLOAT", v) for k, v in inputs.items()},
                     {k: TensorSpec(k, "DT_FLOAT", v) for k, v in outputs.items()})


SCALED = _sig({"x": (-1, 4), "scale": ()}, {"y": (-1, 2)})


def _scaled(feeds: dict) -> SimpleNamespace:
    return SimpleNamespace(outputs={"y": (feeds["x"] @ np.ones((4, 2), np.float32)) * feeds["scale"]}, error=None,
                           crash=None)


def test_rows_are_counted_in_the_row_format_only() -> None:
    sig = _sig({"tokens": (-1,)}, {"embedding": (-1,)})
    outputs = {"embedding": np.zeros(8, np.float32)}
    [found] = output_findings(sig, outputs, batch=5)
    assert found.code == "predict.answer_shape" and "8 rows for 5 instances" in found.message
    feeds = {"tokens": np.zeros(5, np.float32)}
    assert answer_findings(sig, feeds, outputs, _scaled, fmt="columnar") == []


def test_an_output_of_another_rank_is_said() -> None:
    sig = _sig({"x": (-1,)}, {"score": (-1,)})
    [found] = output_findings(sig, {"score": np.zeros((1, 2), np.float32)}, batch=1)
    assert found.severity.value == "warning" and found.received == "shape (1, 2)" and "rank 2, not 1" in found.message


def test_a_scalar_sent_per_instance_mixes_the_batch() -> None:
    feeds = {"x": np.ones((2, 4), np.float32), "scale": np.array([3.0, 5.0], np.float32)}
    outputs = _scaled(feeds).outputs  # [[12, 20], [12, 20]]
    [found] = answer_findings(SCALED, feeds, outputs, _scaled)
    assert found.code == "predict.instance_mismatch" and found.severity.value == "error"
    assert found.expected == "row 0 = [12., 12.] (instance 0 alone)" and found.received == "[12., 20.]"


def test_nothing_is_run_again_when_every_rank_is_as_declared() -> None:
    def never(feeds: dict) -> None:
        raise AssertionError("ran an instance alone")

    feeds = {"x": np.ones((3, 4), np.float32), "scale": np.array(2.0, np.float32)}  # (columnar: the scalar once)
    assert answer_findings(SCALED, feeds, _scaled(feeds).outputs, never, fmt="columnar") == []
