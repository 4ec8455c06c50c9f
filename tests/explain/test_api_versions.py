"""Code written for another TensorFlow / Keras version than the one installed, as CPython says it (#15): a saving or
loading function called with the other version's arguments (``load() missing 1 required positional argument:
'export_dir'``: TF 1.x's loader.load(sess, tags, export_dir) against TF 2's load(export_dir)), and a private attribute
of a Keras object the installed version does not have (``'KerasTensor' object has no attribute '_keras_history'``),
read as a version mismatch of the calling code, with the function / attribute it names."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


@pytest.mark.parametrize("text, named", [
    ("TypeError: load() missing 1 required positional argument: 'export_dir'", "export_dir"),
    ("TypeError: load() missing 2 required positional arguments: 'tags' and 'export_dir'", "tags"),
    ("AttributeError: 'KerasTensor' object has no attribute '_keras_history'", "_keras_history"),
    ("AttributeError: 'Functional' object has no attribute '_get_save_spec'", "_get_save_spec"),
    ("AttributeError: 'Model' object has no attribute '_input_layers'", "_input_layers"),
])
def test_code_of_another_version_reads_as_a_version_mismatch(text: str, named: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "runtime_version_mismatch"
    assert named in top.cause
    assert "another" in top.cause  # which way is not in the message: no "newer runtime" claim
    assert not any("at least the one that exported" in s for s in top.steps)


@pytest.mark.parametrize("text", [
    "AttributeError: 'Tensor' object has no attribute 'numpy'",  # public: graph mode, not a version's private part
    "AttributeError: '_UserObject' object has no attribute 'predict'",  # a SavedModel is not a Keras model
    "TypeError: predict() missing 1 required positional argument: 'x'",  # a call without its data
])
def test_public_attributes_and_other_functions_are_not_read_so(text: str) -> None:
    found = explain_text(text)
    assert not found or "private part" not in found[0].cause
    assert not found or "requires an argument" not in found[0].cause


def test_tf1_graph_code_under_tf2_eager() -> None:
    """tensorflow/python/training/saver.py: ``Exporting/importing meta graphs is not supported when eager execution
    is enabled``: TF 1 graph code (a TF1 hub.Module, import_meta_graph) run on TensorFlow 2."""
    top = explain_text("RuntimeError: Exporting/importing meta graphs is not supported when eager execution is "
                       "enabled. No graph exists when eager execution is enabled.")[0]
    assert top.category == "runtime_version_mismatch"
    assert "TensorFlow 1" in top.cause and "disable_eager_execution" in top.steps[0]


@pytest.mark.parametrize("text, category", [
    # another library's function (a converter's helper): the calling code was written for another version of it
    ("TypeError: model_input_signature() got an unexpected keyword argument 'keep_original_batch_size'",
     "runtime_version_mismatch"),
    # a signature's own function, or none named: the request's (or call's) input names
    ("TypeError: signature_wrapper(*, input_1) got an unexpected keyword argument 'x'", "input_keys_mismatch"),
    ("TypeError: restored_function_body() got an unexpected keyword argument 'inputs'", "input_keys_mismatch"),
])
def test_an_unexpected_keyword_argument_is_read_by_the_function_named(text: str, category: str) -> None:
    top = explain_text(text)[0]
    assert top.category == category
    if category == "runtime_version_mismatch":
        assert "model_input_signature()" in top.cause and "keep_original_batch_size" in top.steps[0]


def test_a_tflite_type_code_the_runtime_lacks() -> None:
    """tflite-runtime's interpreter_builder: ``Unsupported data type %d in tensor`` (a type code of a newer schema)
    is a runtime older than the converter, not values of the wrong type (the longer template reads first)."""
    top = explain_text("java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Unsupported "
                       "data type 14 in tensor.")[0]
    assert top.category == "runtime_version_mismatch" and "newer TensorFlow" in top.cause
