"""Every sentence explain can say reads cleanly: no doubled words or fragments when optional parts fill in.

Templates are rendered with each pattern's own evidence (its named groups and constants, with typical values), with
the evidence of all a category's patterns together, and with none; every variant is rendered too.  Then every
diagnosis of the shared corpus and of sigcheck's own texts is checked the same way, as users see it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sigcheck.explain import explain_text, load_catalogue
from sigcheck.explain.diagnosis import make_diagnosis

from .own_cases import CASES

CAT = load_catalogue()
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "errors.jsonl"

TYPICAL: dict[str, Any] = {
    "got_shape": [1, 1, 28, 28, 1], "want_shape": [-1, 28, 28, 1], "alloc_shape": [32, 256, 256, 3],
    "got_rank": 5, "want_rank": 4, "size_bytes": 6291456, "limit_bytes": 4194304, "batch": 32, "values": 1470,
    "requested": 490, "multiple": 85, "offset": 17, "element": 2, "version": 7, "level": 1, "got": 1, "want": 3,
    "op": "WordpieceTokenizeWithOffsets", "kernel": "Conv2D", "json_type": "String", "expected_dtype": "int64",
    "got_dtype": "int32", "alloc_dtype": "float", "dtype": "uint8", "signature": "classify_flowers",
    "tags": "serve, gpu", "expected_keys": ["pixels", "mask"], "http_status": 400,
}


def sample(name: str) -> Any:
    return TYPICAL.get(name, f"{name}_q")


def pattern_evidence(cat) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    out = []
    for p in cat.patterns:
        ev = {n: sample(n) for n in p.regex.groupindex}
        ev.update(p.const)
        out.append(ev)
    return out


_CODE = re.compile(r"\S*[(\[{]\S*|\S*[._/:=<>-]\S*")
"""Tokens that are code, paths, flags or commands (not prose): left out of the word checks."""


def problems(text: str) -> list[str]:
    """What reads wrong in one rendered sentence: doubled words or fragments, parentheticals back to back,
    unbalanced parentheses, stray punctuation, template syntax left over."""
    found = []
    prose = _CODE.sub(" CODE ", text)
    for m in re.finditer(r"\b([A-Za-z]+)\s+\1\b", prose):
        if m.group(1) != "CODE":
            found.append(f"doubled word {m.group(1)!r}")
    words = re.findall(r"[A-Za-z]+", prose)
    for a, mid, b in zip(words, words[1:], words[2:]):
        if a == b != "CODE" and mid.lower() in ("of", "in", "a", "the", "for", "to", "at", "on"):
            found.append(f"repeated fragment {a} {mid} {b!r}")
    if re.search(r"(?<!\()\)\s*\((?!\))", text):
        found.append("two parentheticals in a row")
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            break
    if depth != 0:
        found.append("unbalanced parentheses")
    for bad in (" ,", ",,", " ;", ";;", "( ", " )", "  ", ", ,", ": :"):
        if bad in text:
            found.append(f"stray {bad!r}")
    if re.search(r"<<|>>|\|\||(?<!\{)\{\w+\}(?!\})", text):
        found.append("template syntax left over")
    return found


def wordings(cat) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [None] + [v.id for v in cat.variants]


@pytest.mark.parametrize("cid", sorted(CAT.categories))
def test_every_template_reads_cleanly_with_its_patterns_evidence(cid: str) -> None:
    cat = CAT[cid]
    per_pattern = pattern_evidence(cat)
    merged: dict[str, Any] = {}
    for ev in per_pattern:
        for k, v in ev.items():
            merged.setdefault(k, v)
    bad = []
    for variant in wordings(cat):
        for ev in [{}, merged, *per_pattern]:
            d = make_diagnosis(cat, ev, 0.9, variant=variant)
            for text in (d.cause, *d.steps, d.to_json()["fix"]):
                for p in problems(text):
                    bad.append(f"{variant or 'default'} {sorted(ev)}: {p}: {text}")
    assert not bad, "\n".join(bad[:10])


def _texts() -> list[tuple[str, str]]:
    texts = [(c["id"], c["text"]) for c in CASES]
    if CORPUS.exists():
        texts += [(e["id"], e["error_text"]) for e in map(json.loads, CORPUS.read_text().splitlines()) if e]
    return texts


def test_every_explanation_of_the_corpus_and_own_texts_reads_cleanly() -> None:
    bad = []
    for ident, text in _texts():
        for d in explain_text(text):
            item = d.to_json()
            for field in (d.cause, item["cause"], item["fix"], *d.steps):
                for p in problems(field):
                    bad.append(f"{ident} {d.category}: {p}: {field}")
    assert not bad, "\n".join(bad[:10])


@pytest.mark.parametrize("text,problem", [
    ("too high in rank of rank 5, the op wants rank 4).", "unbalanced parentheses"),
    ("exceeds the service limit (5242880 bytes) (limit: 4194304 bytes)", "two parentheticals in a row"),
    ("send the the values", "doubled word 'the'"),
    ("the tensor is too high in rank of rank 5", "repeated fragment rank of 'rank'"),
])
def test_the_checker_catches_the_reported_garbles(text: str, problem: str) -> None:
    assert problem in problems(text)


def test_json_fix_is_numbered_steps_without_verify_and_commands_keep_their_case() -> None:
    d = make_diagnosis(CAT["json_parse_error"], {"offset": 9}, 0.9)
    d.steps.insert(0, "sigcheck validate body.json --model m writes where it breaks")
    fix = d.to_json()["fix"]
    assert fix.startswith("1. sigcheck validate body.json") and " 2. Serialize with" in fix
    assert "Verify" not in fix and "Sigcheck" not in fix
    d.confirmed.append("sigcheck validate finds it in your request")
    assert "Sigcheck" not in d.to_json()["cause"]
