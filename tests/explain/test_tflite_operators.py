"""A TFLite runtime without one of TFLite's builtin operators is older than the converter: told as such, not as a
custom op missing from a TensorFlow build (#15).

TFLite's builtin operators (``CONV_2D``, ``FULLY_CONNECTED``) are not TensorFlow ops, so stock TensorFlow's op list
does not hold them; before, an op name missing from that list was taken for a custom op ("the serving binary does not
link the library that defines it").  The texts are TFLite's own messages as its runtimes print them
(tensorflow/lite/core/api/op_resolver / model_builder: ``Didn't find op for builtin opcode '%s' version '%d'``,
``Op builtin_code out of range: %d``), behind the wrappers the Java and Python APIs add.
"""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.facts import op_origin
from sigcheck.explain.versions import tflite_builtin, tflite_builtin_name


def test_the_builtin_table_is_tflites_schema() -> None:
    assert tflite_builtin("CONV_2D") == 3
    assert tflite_builtin("FULLY_CONNECTED") == 9
    assert tflite_builtin_name(101) == "ABS"
    assert tflite_builtin("Conv2D") is None  # a TensorFlow op, not a TFLite builtin
    assert tflite_builtin_name(127) is None  # PLACEHOLDER_FOR_GREATER_OP_CODES: not an operator
    assert op_origin("RESIZE_NEAREST_NEIGHBOR") == ("tflite", None)
    assert op_origin("Conv2D")[0] == "stock"


@pytest.mark.parametrize("text, op, version", [
    ("java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Didn't find op for builtin "
     "opcode 'CONV_2D' version '5'. An older version of this builtin might be supported. Are you using an old TFLite "
     "binary with a newer model?\nRegistration failed.", "CONV_2D", "5"),
    ("ValueError: Didn't find op for builtin opcode 'RESIZE_NEAREST_NEIGHBOR' version '3'\nRegistration failed.",
     "RESIZE_NEAREST_NEIGHBOR", "3"),
])
def test_a_builtin_op_at_a_newer_version_is_an_old_runtime(text: str, op: str, version: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "runtime_version_mismatch"
    assert top.variant == "tflite_op"
    assert f"builtin operator {op}" in top.cause and f"at version {version}" in top.cause
    assert "older than the TensorFlow converter" in top.cause
    assert "not part of stock TensorFlow" not in top.cause and "link the library" not in top.cause


def test_a_builtin_code_is_named_by_the_schema() -> None:
    top = explain_text("Op builtin_code out of range: 101. Are you using old TFLite binary with newer model?")[0]
    assert top.category == "runtime_version_mismatch" and top.variant == "tflite_op"
    assert "operator ABS (builtin code 101)" in top.cause


def test_a_code_past_the_schema_is_said_without_a_name() -> None:
    top = explain_text("java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Op builtin_code "
                       "out of range: 127. Are you using old TFLite binary with newer model? Registration failed.")[0]
    assert top.variant == "tflite_op"
    assert "a TFLite builtin operator (builtin code 127)" in top.cause


def test_a_custom_op_stays_a_custom_op() -> None:
    top = explain_text("RuntimeError: Encountered unresolved custom op: Convolution2DTransposeBias.Node number 165 "
                       "(Convolution2DTransposeBias) failed to prepare.")[0]
    assert top.category == "runtime_version_mismatch"
    assert top.variant != "tflite_op"


def test_the_core_byte_check_of_older_releases_names_the_ratio() -> None:
    """tflite-runtime 2.7's lite/core/subgraph.cc prints ``required_bytes != bytes (R != B)`` (2.21 says ``<=``)."""
    top = explain_text("RuntimeError: external/org_tensorflow/tensorflow/lite/core/subgraph.cc:1044 required_bytes != "
                       "bytes (3686400 != 921600")[0]
    assert top.category == "dtype_mismatch"
    assert "3686400 bytes and the buffer 921600" in top.cause and "float32" in top.cause


@pytest.mark.parametrize("text, says", [
    ("Input tensor at index (0) expects data size (8), but got (4).", "4-byte values (int32 or float32)"),
    ("java.lang.IllegalArgumentException: Cannot copy to a TensorFlowLite tensor (input_1) with 602112 bytes from a "
     "Java Buffer with 1204224 bytes.", "8-byte values (float64"),
])
def test_a_byte_ratio_of_two_is_a_value_type_of_another_width(text: str, says: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "dtype_mismatch"
    assert says in top.cause
