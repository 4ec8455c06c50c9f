"""sigcheck's own error texts (tests/explain/own_cases.py): other names, numbers and platform wrappers."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text, load_catalogue

from .own_cases import CASES, NEGATIVES


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_own_case(case: dict) -> None:
    diagnoses = explain_text(case["text"])
    got = [(d.category, round(d.confidence, 2)) for d in diagnoses]
    assert diagnoses and diagnoses[0].category == case["category"], got
    if "also" in case:
        assert case["also"] in [d.category for d in diagnoses], got
    if "variant" in case:
        assert diagnoses[0].variant == case["variant"], (case["variant"], diagnoses[0].variant)
    for key, value in case.get("evidence", {}).items():
        assert diagnoses[0].evidence.get(key) == value, (key, diagnoses[0].evidence)
    assert diagnoses[0].fix


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_text_without_an_error_is_not_explained(case: dict) -> None:
    assert explain_text(case["text"]) == []


def test_own_cases_cover_every_category() -> None:
    covered = {c["category"] for c in CASES}
    missing = set(load_catalogue().categories) - covered
    assert not missing, f"categories without an own test text: {sorted(missing)}"


def test_own_cases_are_many_and_distinct() -> None:
    assert len(CASES) >= 80
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert len({c["text"] for c in CASES}) == len(CASES)


def test_ambiguous_text_gives_both_readings_and_what_tells_them_apart() -> None:
    text = '{"error": "Tensor name: scores has no shape information "}'
    diagnoses = explain_text(text)
    assert [d.category for d in diagnoses[:2]] == ["output_batch_dimension", "output_shape_unknown"]
    assert "unknown rank" in diagnoses[1].distinguish
    assert "To tell apart:" in diagnoses[0].to_json()["cause"]
