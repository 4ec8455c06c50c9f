"""The message index (messages.json, built by scripts/explain_build_index.py): its entries, their sources, their
examples, the deciders that read the numbers, and every category reachable (#15)."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text, load_catalogue
from sigcheck.explain.index import INDEX_PATH, load_index, match
from sigcheck.explain.normalize import normalize

from .own_cases import CASES

ENTRIES = json.loads(INDEX_PATH.read_text())["entries"]


def _example(e: dict) -> str:
    return e.get("example") or re.sub(r"\{[^{}]*\}", "x1", e["template"])


def test_every_entry_has_a_source_and_a_category_or_a_reading() -> None:
    cats = {c.id for c in load_catalogue()}
    assert len(ENTRIES) >= 200
    kinds = {"tensorflow/lib": 0, "tensorflow/python": 0, "github.com/tensorflow/serving": 0, "https://": 0}
    for e in ENTRIES:
        assert e["source"] and e["pattern"] and e["template"]
        if e["category"] is None:
            # not about the request or the model, a wrapper (look for the message inside), or a cause outside the
            # categories with its own fix (a custom class not registered: custom_objects)
            assert "not about the request or model" in e["reading"] or "look for" in e["reading"] or e.get("fix")
        else:
            assert e["category"] in cats and e["meaning"]
        for k in kinds:
            kinds[k] += e["source"].startswith(k)
    assert all(kinds.values()), kinds  # TF's libraries, TF's Python, TF Serving's sources, documentation


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e["template"][:50])
def test_every_entry_matches_its_example_and_explain_reaches_its_category(e: dict) -> None:
    text = _example(e)
    hits = [h for h in match(normalize(text)) if h.entry.template == e["template"]]
    assert hits, f"{e['pattern']} does not match {text!r}"
    if e["category"] is not None:
        assert hits[0].category in [d.category for d in explain_text(text)]


def test_every_category_is_reachable() -> None:
    cats = {c.id for c in load_catalogue()}
    top = {explain_text(c["text"])[0].category for c in CASES if explain_text(c["text"])}
    top |= {d.category for e in ENTRIES if e["category"] for d in explain_text(_example(e))[:1]}
    assert top == cats


def test_index_is_loaded_lazily() -> None:
    import subprocess
    import sys

    code = ("import sys; import sigcheck.explain as x; from sigcheck.explain.index import load_index; "
            "print(load_index.cache_info().currsize); x.explain_text('Servable not found for request: Latest(m)'); "
            "print(load_index.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout.split()
    assert out == ["0", "1"]


# ---- deciders: the numbers choose the reading ----------------------------------------------------------------

@pytest.mark.parametrize("text, category", [
    ("ConcatOp : Dimensions of inputs should match: shape[0] = [1,13,128,128] vs. shape[2] = [16,1,128,128]",
     "fixed_batch_size_in_graph"),
    ("ConcatOp : Dimensions of inputs should match: shape[0] = [8,64] vs. shape[1] = [8,32]", "input_shape_mismatch"),
    ("_MklConcatOp : Dimensions of inputs should match: shape[0][0]= 10 vs. shape[1][0] = 1",
     "fixed_batch_size_in_graph"),
    ("_MklConcatOp : Dimensions of inputs should match: shape[0][2]= 10 vs. shape[1][2] = 3", "input_shape_mismatch"),
    # Keras 2: an image without its channel level is a shape mistake, without its batch level a batch one
    ("Error when checking input: expected conv2d_input to have 4 dimensions, but got array with shape (10, 28, 28)",
     "input_shape_mismatch"),
    ("Error when checking input: expected conv2d_input to have 4 dimensions, but got array with shape (28, 28, 3)",
     "missing_batch_dimension"),
    ("Error when checking input: expected input_1 to have 4 dimensions, but got array with shape (500, 150528)",
     "input_shape_mismatch"),
    ("You must feed a value for placeholder tensor 'model/keras_learning_phase' with dtype bool",
     "keras_learning_phase"),
    ("You must feed a value for placeholder tensor 'dropout/keep_prob' with dtype float", "unfed_placeholder"),
])
def test_deciders_read_the_numbers(text: str, category: str) -> None:
    assert explain_text(text)[0].category == category


def test_a_hit_names_where_the_message_comes_from() -> None:
    d = explain_text('{"error": "Can not squeeze dim[1], expected a dimension of 1, got 2"}')[0]
    assert d.category == "input_shape_mismatch"
    assert d.message_source and d.message_source.startswith("tensorflow/") and d.message_meaning
