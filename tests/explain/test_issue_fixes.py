"""#13 and #14 in explain: Keras 3 models written with tf.saved_model.save, and unfed training placeholders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.fix import KERAS3_SAVE
from sigcheck.model import read_model

from .own_cases import CASES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "models"
DATA = Path(__file__).parent / "data"
NOT_FOUND = ("FAILED_PRECONDITION: Could not find variable dense/kernel. This could mean that the variable has been "
             "deleted. In TF1, it can also mean the variable is uninitialized. Debug info: container=localhost, status "
             "error message=Container localhost does not exist. (Could not find resource: localhost/dense/kernel)\n\t "
             "[[{{node sequential_1/dense_1/Cast/ReadVariableOp}}]]")


def test_keras3_tf_save_reading_first_from_the_text() -> None:
    d = explain_text(NOT_FOUND)[0]
    assert d.category == "variables_not_restored" and d.cause.startswith(KERAS3_SAVE)
    assert "model.export(path)" in d.steps[0] and "sigcheck repair" in d.steps[0]


def test_keras3_tf_save_confirmed_by_the_model() -> None:
    path = FIXTURES / "keras3_tf_save" / "1"
    if not path.exists():
        pytest.skip("fixture keras3_tf_save not generated")
    d = explain_text("Could not find variable dense/kernel", info=read_model(str(path)))[0]
    assert d.cause.startswith(KERAS3_SAVE)
    assert any("dense/kernel" in c and "restore op" in c for c in d.confirmed)
    assert "sigcheck repair " + str(path) in d.steps[0]


def test_keras3_reading_not_forced_when_the_model_restores_its_variables() -> None:
    d = explain_text(NOT_FOUND, info=read_model(str(FIXTURES / "keras_image")))[0]
    assert d.category == "variables_not_restored" and not d.cause.startswith(KERAS3_SAVE)


def test_bare_text_keeps_the_general_reading() -> None:
    d = explain_text("Could not find variable dense/kernel")[0]
    assert d.category == "variables_not_restored" and not d.cause.startswith(KERAS3_SAVE)


@pytest.mark.parametrize("name, dtype, value", [
    ("keras_learning_phase", "bool", "tf.constant(False)"),
    ("keras_learning_phase", "uint8", "tf.constant(0, dtype=tf.uint8)"),
    ("keep_prob", "float", "tf.constant(1.0)"),
])
def test_placeholder_fix_names_repair_and_a_tf2_recipe(name: str, dtype: str, value: str) -> None:
    d = explain_text(f"You must feed a value for placeholder tensor '{name}' with dtype {dtype}")[0]
    assert d.steps[0].startswith("Run `sigcheck repair MODEL --output BASE_PATH`")
    assert f"input_map={{'{name}:0': {value}}}" in d.steps[1] and "saved_model.Builder" in d.steps[1]


def _all_texts() -> list[str]:
    texts = [c["text"] for c in CASES]
    for name in SPENT:  # named, never globbed: a held-out set that lands in data/ must stay unread
        f = DATA / name
        if not f.exists():
            continue
        rows = [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
        texts += [r.get("error_text") or r["text"] for r in rows if not r.get("held_out")]
    return texts


SPENT = ("threads_2.jsonl", "threads_3.jsonl", "heldout_errors.jsonl", "unseen_dev_errors.jsonl",
         "threads_4_dev.jsonl", "provoked.jsonl", "keras_messages.jsonl")
"""Data files whose texts may be read (threads_2's held-out half is skipped by its flag)."""


def test_no_explanation_advises_set_learning_phase() -> None:
    bad = []
    for text in _all_texts():
        for d in explain_text(text):
            for s in [d.cause, *d.steps]:
                if "set_learning_phase(" in s:
                    bad.append(s)
    assert not bad, bad[:3]


def test_an_unfed_model_input_is_not_bound_to_a_constant() -> None:
    """Found by the held-out measurement (serving-1532): input_1 is the model's own input left unfed by a signature
    pointing at a copy; `repair --feed input_1=VALUE` would make the model ignore its input."""
    d = explain_text("You must feed a value for placeholder tensor 'input_1' with dtype float and shape [?,?,?,3]")[0]
    assert d.category == "unfed_placeholder" and "model's own input" in d.steps[0]
    assert not any("sigcheck repair" in s for s in d.steps)
