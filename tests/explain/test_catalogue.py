"""The catalogue as data: complete against CATEGORIES.md, well-formed, templates that render, sound prefilters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sigcheck.explain import load_catalogue, normalize
from sigcheck.explain.catalogue import CATALOGUE_PATH, parse_catalogue, required_literals
from sigcheck.explain.checks import CHECKS
from sigcheck.explain.templates import render

from .own_cases import CASES, NEGATIVES

CAT = load_catalogue()


def test_every_category_of_categories_md_and_no_other(shared_dir: Path) -> None:
    text = (shared_dir / "corpus" / "CATEGORIES.md").read_text()
    ids = re.findall(r"^## `(\w+)`", text, re.M)
    assert ids and set(ids) == set(CAT.categories)


@pytest.mark.parametrize("cid", sorted(CAT.categories))
def test_category_is_complete(cid: str) -> None:
    cat = CAT[cid]
    assert cat.title and cat.cause and cat.fix and cat.verify
    assert any(not p.hint for p in cat.patterns), "a category needs a non-hint pattern"
    for p in cat.patterns:
        assert 0 < p.weight < 1
        p.regex  # compiles
        assert p.check_name is None or p.check_name in CHECKS
        assert set(p.overrides) <= set(CAT.categories)
    assert set(cat.tells_apart) <= set(CAT.categories) - {cid}


@pytest.mark.parametrize("cid", sorted(CAT.categories))
def test_templates_render_with_and_without_evidence(cid: str) -> None:
    cat = CAT[cid]
    names = set(re.findall(r"(?<!\{)\{(\w+)\}", cat.cause + " ".join(cat.fix)))
    full = {n: [1, 2] if n.endswith("shape") else 7 if n.endswith(("rank", "bytes")) else "x" for n in names}
    for evidence in ({}, full):
        for text in (render(cat.cause, evidence), *(render(s, evidence) for s in cat.fix)):
            assert "<<" not in text and ">>" not in text
            assert not re.search(r"(?<!\{)\{\w+\}(?!\})", text), text
            assert "  " not in text.strip(), text


def test_template_language() -> None:
    assert render("a<< ({x})>><< and {y}>>.", {"x": [1, 2]}) == "a ([1,2])."
    assert render('send {{"b64": {v}}}', {"v": "..."}) == 'send {"b64": ...}'
    assert render("p<< ({a}<<, {b}>>)>>", {"a": "k"}) == "p (k)"
    assert render("p<< ({a}<<, {b}>>)>>", {"a": "k", "b": "bool"}) == "p (k, bool)"
    alt = "r<< (got {s}, rank {r})|| (rank {r})>>."
    assert render(alt, {"s": [1, 2], "r": 2}) == "r (got [1,2], rank 2)."
    assert render(alt, {"r": 2}) == "r (rank 2)."
    assert render(alt, {}) == "r."
    assert render("to <<input {i}||an input>>", {}) == "to an input"


def test_bad_catalogue_entries_are_refused() -> None:
    data = json.loads(Path(CATALOGUE_PATH).read_text())
    cid = next(iter(data["categories"]))
    data["categories"][cid]["patterns"].append({"re": "x", "w": 0.5, "check": "no_such_check"})
    with pytest.raises(ValueError, match="unknown check"):
        parse_catalogue(data)


def test_variants_are_checked_and_chosen() -> None:
    data = json.loads(Path(CATALOGUE_PATH).read_text())
    bad = json.loads(json.dumps(data))
    bad["categories"]["payload_too_large"]["patterns"][0]["variant"] = "no_such_variant"
    with pytest.raises(ValueError, match="unknown variant"):
        parse_catalogue(bad)
    cat = CAT["payload_too_large"]
    assert cat.wording({}).variant is None
    assert cat.wording({"platform": "vertex"}).variant == "online"
    assert cat.wording({"platform": "vertex"}, "grpc").variant == "grpc"
    for c in CAT:
        for v in c.variants:
            assert v.cause or v.fix or v.title, (c.id, v.id)
            assert v.check_name is None or v.check_name in CHECKS


@pytest.mark.parametrize("pattern,literals", [
    ("table not initialized", ("table not initialized",)),
    (r"could not find variable (?P<v>\S+)", ("could not find variable ",)),
    (r"(?:a+b|ccc)ddd?", None),
    (r"(?:health|readiness)(?: check)? failed", (" failed",)),
    (r"(?:health|readiness)(?: check)?", ("health", "readiness")),
    (r"json parse error:? ?(?P<r>[^.]{0,80}\.?)", ("json parse error",)),
    (r"x.{0,200}initializetablefromtextfile", ("initializetablefromtextfile",)),
    (r"\bpred must be", ("pred must be",)),
    (r"loading servable: \{name: (?P<s>\S+)", ("loading servable: {name: ",)),
    (r"ab|cd", None),
])
def test_required_literals(pattern: str, literals: tuple[str, ...] | None) -> None:
    assert required_literals(pattern) == literals


def test_prefilter_never_hides_a_match() -> None:
    """A pattern that matches a text always passes its literal prefilter on that text."""
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "errors.jsonl"
    texts = [c["text"] for c in CASES + NEGATIVES]
    if corpus.exists():
        texts += [json.loads(line)["error_text"] for line in corpus.read_text().splitlines() if line.strip()]
    for text in texts:
        line = normalize(text)
        lowered = line.lower()
        for cat in CAT:
            for p in cat.patterns:
                if p.regex.search(line):
                    assert p.may_match(lowered), (cat.id, p.source)
