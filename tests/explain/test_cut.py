"""A copy of a message cut short (a thread's title, an excerpt that ends mid-sentence) is read as the index's message
it ends inside (sigcheck/explain/index.cut_match), when what it has of the message is long enough to be that message;
a whole message whose full pattern did not match is not read as a cut."""

from __future__ import annotations

import time

import pytest

from sigcheck.explain import explain_text, index
from sigcheck.explain.normalize import normalize

CUT = [
    # tensorflow/core/framework/function.cc (a FunctionDef's input of another dtype: a graph of another TensorFlow),
    # cut before ", the type of {node}[{k}]"
    ("input segment_ids[0] expected type int32 != int64", "runtime_version_mismatch"),
    # tensorflow_hub's module_v2.py, cut after its first sentence (the folder has no saved_model.pb)
    ("ValueError: Trying to load a model of incompatible/unknown type.", "savedmodel_not_found"),
]


@pytest.mark.parametrize("text, category", CUT)
def test_a_message_cut_short_is_read_as_that_message(text: str, category: str) -> None:
    hits = index.cut_match(normalize(text))
    assert hits and hits[0].category == category
    d = explain_text(text)[0]
    assert d.category == category and d.message_source == hits[0].entry.source


@pytest.mark.parametrize("text", [
    # whole messages of a template made mostly of names: its full pattern (a Keras model class) did not match
    "AttributeError: 'NoneType' object has no attribute 'as_graph_def'",
    "AttributeError: 'list' object has no attribute 'shape'",
    # too little of any message
    "ValueError: Trying to load a model",
    "input x[0] expected",
    # the whole message and more after it: not a cut
    "input segment_ids[0] expected type int32 != int64 because the user said so and then nothing else happened",
])
def test_no_cut_reading(text: str) -> None:
    assert index.cut_match(normalize(text)) == []


def test_a_long_text_is_read_at_its_end_in_bounded_time() -> None:
    text = ("W tensorflow/core/x.cc:1] something happened here, nothing else\n" * 20_000
            + "input segment_ids[0] expected type int32 != int64")
    line = normalize(text)
    index.cut_match(line)  # the templates' parts are read once per process
    t0 = time.process_time()
    hits = index.cut_match(line)
    assert time.process_time() - t0 < 0.2
    assert hits and hits[0].category == "runtime_version_mismatch"
