"""The wire between sigcheck and the model's process: JSON headers and raw array bytes, no pickle (no TensorFlow)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from sigcheck.serving.child import Crash, _decode_arrays, _encode_arrays, _receive, _send


@pytest.mark.parametrize("array", [
    np.arange(12, dtype=np.float32).reshape(3, 4),
    np.array([[True, False]]),
    np.array([1, -2, 2 ** 40], dtype=np.int64),
    np.zeros((0, 3), np.float64),
    np.array(7, dtype=np.uint8),
    np.array([[b"\x00\xff", b""], ["caf\u00e9".encode(), b"x" * 1000]], dtype=object),
    np.array([], dtype=object),
])
def test_arrays_cross_the_pipe_unchanged(array: np.ndarray) -> None:
    read, write = os.pipe()
    try:
        specs, buffers = _encode_arrays({"a": array})
        _send(write, {"op": "run", "feeds": specs}, buffers)
        header, got = _receive(read)
    finally:
        os.close(read)
        os.close(write)
    out = _decode_arrays(header["feeds"], got)["a"]
    assert out.shape == array.shape and out.dtype == array.dtype
    assert out.tolist() == array.tolist()


def test_object_dtype_never_travels_as_numpy_objects() -> None:
    with pytest.raises(ValueError):
        _decode_arrays([{"name": "a", "dtype": "|O", "shape": [1]}], [b"\x00" * 8])


def test_crash_reads_the_fatal_line_of_the_log() -> None:
    crash = Crash(kind="signal", stage="run", seconds=0.3, signal="SIGABRT", log_tail=(
        "I0000 something", "F0000 00:00:1.2 123 tensor_format.h:428] Check failed: index >= 0 Invalid index",
        "*** Check failure stack trace: ***"))
    assert crash.cause == "Check failed: index >= 0 Invalid index"
    assert crash.message == ("TensorFlow's process was killed by SIGABRT while running the request: "
                             "Check failed: index >= 0 Invalid index")
    finding = crash.finding(kernels="onednn", path="$.signatures.serving_default")
    assert finding.code == "predict.crash" and "--kernels stock" in finding.hint
    assert Crash(kind="timeout", stage="run", seconds=3, limit=3.0).message.startswith(
        "the model did not answer within 3 s")
