"""What the reading tests share: a text's best reading, what it says first, and one group of the provoked texts."""

from __future__ import annotations

import functools
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

from sigcheck.explain import Diagnosis, explain_text, read_unknown

PROVOKED = Path(__file__).parent / "data" / "provoked.jsonl"


def best(text: str) -> Diagnosis:
    """The first reading of ``text`` (the test fails when there is none)."""
    found = explain_text(text)
    assert found, text
    return found[0]


def no_category_reading(text: str, needle: str) -> str:
    """The reading of a text no category fits (the cause is code or environment around the model) that holds
    ``needle``: the test fails when a category is read or no reading holds it."""
    assert not explain_text(text), "no category: the cause is the export code or the environment"
    seen = read_unknown(text)
    found = [r for r in seen.readings if needle in r]
    assert found, seen.readings
    return found[0]


def said(d: Diagnosis) -> str:
    """The cause and the first step: what a reader acts on."""
    return f"{d.cause} {d.steps[0] if d.steps else ''}"


def provoked_group(prefix: str) -> list[dict]:
    """The provoked texts whose id starts with ``prefix`` (``names-``, ``levels-``)."""
    rows = [json.loads(line) for line in PROVOKED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["id"].startswith(prefix)]


@functools.lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    from sigcheck.explain.index import INDEX_PATH

    return tuple(json.loads(INDEX_PATH.read_text())["entries"])


def index_entries() -> list[dict]:
    """The entries of messages.json as the build wrote them (patterns, sources, categories, examples)."""
    return list(_entries())


def source_module(name: str) -> ModuleType:
    """A source module of the index under scripts/ (``explain_index_clients`` …), imported as the build imports it."""
    scripts = str(Path(__file__).resolve().parents[2] / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    return importlib.import_module(name)


def quotes_at_their_commits(module: ModuleType, repo: str, why_absent: str) -> int:
    """Every piece a source module's rows quote from ``repo`` is in its file at its commit (the module's git mirror):
    how many (row, file) pairs were checked; skips with ``why_absent`` when the mirror is not on this machine."""
    import pytest

    if not (module.MIRRORS / repo.replace("/", "+") / "repo").exists():
        pytest.skip(f"no git mirror of {repo} under {module.MIRRORS} ({why_absent})")
    checked = 0
    for qs in module.QUOTES.values():
        for q in qs:
            if q.repo == repo:
                text = module.mirror_text(q.repo, q.commit, q.path, module.WHO)
                assert text is not None
                for piece in q.pieces:
                    assert piece in text, (q.path, piece)
                checked += 1
    return checked


def a_wrong_quote_stops_the_build(module: ModuleType, repo: str, wrong: str, monkeypatch) -> None:
    """A row of ``repo`` given a piece its file does not hold makes the module's quote check stop the build."""
    import pytest

    template = next(t for t, qs in module.QUOTES.items() if qs[0].repo == repo)
    q = module.QUOTES[template][0]
    if not (module.MIRRORS / q.repo.replace("/", "+") / "repo").exists():
        pytest.skip(f"no git mirror of {q.repo}")
    monkeypatch.setitem(module.QUOTES, template, [q._replace(pieces=(wrong,))])
    with pytest.raises(SystemExit, match="not in"):
        module.check_quotes()


def rows_in_index(rows) -> list[tuple[tuple, dict]]:
    """Each source-module row (template, pattern, source, category, …) with its messages.json entry, found by its
    pattern and carrying the row's template, source and category (else the index is stale: regenerate it)."""
    by_pattern = {e["pattern"]: e for e in index_entries()}
    out = []
    for row in rows:
        template, pattern, source, category, *_ = row
        e = by_pattern.get(pattern)
        assert e is not None, f"messages.json lacks {template!r}: run scripts/explain_build_index.py"
        assert (e["template"], e["source"], e["category"]) == (template, source, category)
        out.append((row, e))
    return out
