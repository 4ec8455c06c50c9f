"""Every entry of the shared error corpus (../shared/corpus/errors.jsonl) is explained: top category and a fix."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sigcheck.explain import explain_text

SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()
CORPUS = SHARED / "corpus" / "errors.jsonl"
ENTRIES = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()] if CORPUS.exists() else []


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> list[dict]:
    """The corpus entries (the test skips with a reason when ../shared is absent)."""
    return [json.loads(line) for line in (shared_dir / "corpus" / "errors.jsonl").read_text().splitlines()
            if line.strip()]


SECOND = {"tfs-rest-tensor-has-no-shape-information": "output_batch_dimension"}
"""Corpus entries explain reads second, with the reading it gives first and why.  ``Tensor name: … has no shape
information``: the corpus labels it output_shape_unknown with its cause "unconfirmed"; TF Serving's json_tensor.cc
raises it for an output tensor with no dimension (tensor_shape().dim_size() == 0, in MakeRowFormatJsonFromTensors) --
a scalar at run time, whatever the signature declares -- which is what validate / predict / gate say
(output_batch_dimension), and what all 10 provoked texts of it were labelled; the corpus's reading comes second."""


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_corpus_entry_top_category_and_fix(corpus: list[dict], entry: dict) -> None:
    diagnoses = explain_text(entry["error_text"])
    assert diagnoses, f"nothing recognised in {entry['error_text'][:120]!r}"
    top = diagnoses[0]
    if entry["id"] in SECOND:
        assert [d.category for d in diagnoses[:2]] == [SECOND[entry["id"]], entry["category"]]
    else:
        assert top.category == entry["category"], [(d.category, round(d.confidence, 2)) for d in diagnoses]
    item = top.to_json()
    assert set(item) == {"category", "title", "cause", "fix", "confidence", "evidence"}
    assert item["fix"] and item["cause"] and item["title"]
    assert 0 < item["confidence"] <= 1
    json.dumps(item)  # evidence is plain JSON


def test_corpus_accuracy_is_total(corpus: list[dict]) -> None:
    tops = [(explain_text(e["error_text"]) or [None])[0] for e in corpus]
    right = sum(1 for e, top in zip(corpus, tops) if top is not None and top.category == e["category"])
    assert right == len(corpus) - len(SECOND), f"{right}/{len(corpus)} explained right"


def test_corpus_categories_exist_in_catalogue(corpus: list[dict]) -> None:
    from sigcheck.explain import load_catalogue

    assert {e["category"] for e in corpus} <= set(load_catalogue().categories)
