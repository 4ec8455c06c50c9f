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


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_corpus_entry_top_category_and_fix(corpus: list[dict], entry: dict) -> None:
    diagnoses = explain_text(entry["error_text"])
    assert diagnoses, f"nothing recognised in {entry['error_text'][:120]!r}"
    top = diagnoses[0]
    assert top.category == entry["category"], [(d.category, round(d.confidence, 2)) for d in diagnoses]
    item = top.to_json()
    assert set(item) == {"category", "title", "cause", "fix", "confidence", "evidence"}
    assert item["fix"] and item["cause"] and item["title"]
    assert 0 < item["confidence"] <= 1
    json.dumps(item)  # evidence is plain JSON


def test_corpus_accuracy_is_total(corpus: list[dict]) -> None:
    tops = [(explain_text(e["error_text"]) or [None])[0] for e in corpus]
    right = sum(1 for e, top in zip(corpus, tops) if top is not None and top.category == e["category"])
    assert right == len(corpus), f"{right}/{len(corpus)} explained right"


def test_corpus_categories_exist_in_catalogue(corpus: list[dict]) -> None:
    from sigcheck.explain import load_catalogue

    assert {e["category"] for e in corpus} <= set(load_catalogue().categories)
