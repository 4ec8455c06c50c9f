"""Deciders that read two shapes or two byte counts the same way for every runtime's message (issue #15): only the
batch differs from a declared batch of one -> a batch fixed in the graph; no bytes at all -> nothing was given.
Texts as the runtimes print them (tfjs-converter's graph executor, TFLite's Objective-C API)."""

from __future__ import annotations

from sigcheck.explain import explain_text


def test_only_the_batch_differs_from_a_declared_batch_of_one() -> None:
    text = ("Error: The shape of dict['sub_2'] provided in model.execute(dict) must be [1,-1,-1,3], but was "
            "[5,537,953,3]")
    assert explain_text(text)[0].category == "fixed_batch_size_in_graph"


def test_another_per_example_shape_is_not_a_fixed_batch() -> None:
    text = ("Error: The shape of dict['sub_2'] provided in model.execute(dict) must be [1,224,224,3], but was "
            "[5,300,300,3]")
    assert explain_text(text)[0].category != "fixed_batch_size_in_graph"


def test_an_input_buffer_of_no_bytes_was_never_filled() -> None:
    text = ('Domain=org.tensorflow.lite.interpreter Code=1 "Input tensor at index (0) expects data size (27648), but '
            'got (0)."')
    d = explain_text(text)[0]
    assert d.category == "empty_instances"
    assert "0 bytes where the input tensor takes 27648" in d.cause
    assert d.steps[0].startswith("Fill the input with the example")


def test_a_buffer_of_a_quarter_of_the_bytes_stays_a_value_width() -> None:
    text = ('Domain=org.tensorflow.lite.interpreter Code=1 "Input tensor at index (0) expects data size (602112), but '
            'got (150528)."')
    assert explain_text(text)[0].category == "dtype_mismatch"


def test_a_tflite_input_never_given_a_value() -> None:
    """TFLite's 'Input tensor %d lacks data' (Subgraph::Invoke, in libtensorflow_cc.so.2): an input left unset."""
    d = explain_text("java.lang.IllegalArgumentException: Internal error: Failed to run on the given Interpreter: "
                     "Input tensor 995 lacks data")[0]
    assert d.category == "input_keys_mismatch"
    assert "one buffer per input" in d.steps[0]
