"""Readings built in session 15, from the spent sets' misses (provoked_12b / 14b held-out halves, after their
measurements) and from the sources of their messages: TensorFlow's signature_serialization.py (what tf.saved_model.save
refuses to make a signature of) and protobuf's checks of generated code.  Each text is the shape of a real one."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text, read_unknown

SIG = "used to generate the SavedModel signature 'serving_default'"


def _reading(text: str, needle: str) -> str:
    assert not explain_text(text), "no category: the cause is the export code or the environment"
    seen = read_unknown(text)
    found = [r for r in seen.readings if needle in r]
    assert found, seen.readings
    return found[0]


def test_a_serving_function_returning_none_names_the_key_and_the_fix() -> None:
    text = (f"ValueError: Got a non-Tensor value None for key 'debug' in the output of the function "
            f"__inference_serve_13 {SIG}. Outputs for functions used as signatures must be a single Tensor, a "
            "sequence of Tensors, or a dictionary from string to Tensor.")
    r = _reading(text, "signature_serialization.py")
    assert "Fix: Return only tensors" in r and "(key debug)" in r
    assert "export again" in read_unknown(text).next_command


@pytest.mark.parametrize("text, fix", [
    (f"ValueError: Got a dictionary with a non-string key 0 in the output of the function __inference_serve_7 {SIG}.",
     "keyed by strings"),
    ("ValueError: Expected a TensorFlow function for which to generate a signature, but got <function serve at "
     "0x7f3>. Only `tf.functions` with an input signature or concrete functions can be used as a signature.",
     "get_concrete_function"),
    ("ValueError: Unable to serialize concrete_function '__inference_f_5'with tf.Variable input. Functions that "
     "expect tf.Variable inputs cannot be exported as signatures.", "tensor inputs"),
    ("ValueError: Exporting an object <tensorflow.python.trackable.autotrackable.AutoTrackable object at 0x7f> which "
     "has an attribute named 'signatures'. This is a reserved attribute used to store SavedModel signatures in "
     "objects which come from `tf.saved_model.load`.", "Do not assign obj.signatures"),
])
def test_what_tf_saved_model_save_refuses_to_make_a_signature_of(text: str, fix: str) -> None:
    assert fix in _reading(text, "signature_serialization.py")


def test_protobuf_older_than_tensorflows_generated_modules() -> None:
    text = ("Traceback (most recent call last):\n  File \"/venv/lib/python3.11/site-packages/tensorflow/core/framework/"
            "function_pb2.py\", line 5, in <module>\n    from google.protobuf.internal import builder as _builder\n"
            "ImportError: cannot import name 'builder' from 'google.protobuf.internal' "
            "(/venv/lib/python3.11/site-packages/google/protobuf/internal/__init__.py)")
    assert "protobuf>=3.20.3" in _reading(text, "google.protobuf.internal.builder")


def test_protobuf_newer_than_an_old_packages_generated_code() -> None:
    text = ("TypeError: Descriptors cannot be created directly.\nIf this call came from a _pb2.py file, your "
            "generated code is out of date and must be regenerated with protoc >= 3.19.0.")
    assert "protobuf==3.20.3" in _reading(text, "protoc before 3.19")


def test_keras_2_config_in_keras_3s_newest_wording_is_not_a_custom_class() -> None:
    """The reading of who wrote the file leads; a built-in class is not a custom object to register."""
    text = ("TypeError: Could not locate class 'Sequential'. Make sure custom classes and functions are decorated with "
            "`@keras.saving.register_keras_serializable()`. Full object config: {'module': 'keras.src.engine."
            "sequential', 'class_name': 'Sequential', 'config': {}}")
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and "saved by Keras 2" in d.cause
