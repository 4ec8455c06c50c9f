"""Score every catalogue category against a normalised text; several readings, best first.

A category's score is the weight of its best matching pattern, plus a little for each further pattern that
matched and for its hint patterns, capped below 1.  A pattern counts only when its ``check`` (if any) holds for
its groups and its ``unless`` regex does not match.  ``overrides`` halve another category's score, so a specific
reading (``keras_learning_phase``) outranks the general one it is a case of (``unfed_placeholder``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .catalogue import Catalogue, Category, Pattern
from .evidence import convert

MIN_SCORE = 0.3
"""Below this a reading is not worth showing."""
MAX_DIAGNOSES = 4
SPREAD = 0.5
"""Readings more than this below the best one are dropped."""
FALLBACK_BAR = 0.7
"""A specific reading at least this strong drops the fallback categories."""
MAX_OCCURRENCES = 8
"""How many occurrences of one pattern are tried against its check."""


@dataclass
class Match:
    category: Category
    score: float
    groups: dict[str, Any] = field(default_factory=dict)
    patterns: int = 0
    """How many non-hint patterns matched."""
    variant: str | None = None
    """The variant named by the best matching pattern (None: the category's conditions decide)."""


def _groups(pattern: Pattern, text: str, facts: Mapping[str, Any]) -> dict[str, Any] | None:
    for i, m in enumerate(pattern.regex.finditer(text)):
        if i >= MAX_OCCURRENCES:
            break
        groups = dict(pattern.const)
        groups.update({k: convert(k, v) for k, v in m.groupdict().items() if v is not None})
        if pattern.check is None or pattern.check({**facts, **groups}):
            return groups
    return None


def match(text: str, catalogue: Catalogue, facts: Mapping[str, Any] | None = None) -> list[Match]:
    """Every category with a score of at least :data:`MIN_SCORE`, best first (catalogue order breaks ties).

    ``facts`` (:func:`sigcheck.explain.evidence.extract` of the text) are what a pattern's check sees besides the
    pattern's own groups: the input named by ``key: sex of 'instances' list`` decides a reading of the message after it.
    """
    facts = facts or {}
    lowered = text.lower()
    found: dict[str, Match] = {}
    overridden: set[str] = set()
    order = {c.id: i for i, c in enumerate(catalogue)}
    for cat in catalogue:
        hits: list[tuple[float, dict[str, Any], str | None]] = []
        bonus = 0.0
        for pattern in cat.patterns:
            if not pattern.may_match(lowered):
                continue
            if pattern.unless is not None and pattern.unless.search(text):
                continue
            groups = _groups(pattern, text, facts)
            if groups is None:
                continue
            if pattern.hint:
                bonus += pattern.weight
                continue
            hits.append((pattern.weight, groups, pattern.variant))
            overridden.update(pattern.overrides)
        if not hits:
            continue
        hits.sort(key=lambda h: -h[0])
        merged: dict[str, Any] = {}
        for _, groups, _ in hits:
            for k, v in groups.items():
                merged.setdefault(k, v)
        score = min(0.99, hits[0][0] + 0.02 * (len(hits) - 1) + bonus)
        found[cat.id] = Match(cat, score, merged, len(hits), hits[0][2])
    for cid in overridden:
        if cid in found:
            found[cid].score *= 0.5
    if any(m.score >= FALLBACK_BAR for m in found.values() if not m.category.fallback):
        found = {cid: m for cid, m in found.items() if not m.category.fallback}
    ranked = sorted(found.values(), key=lambda m: (-m.score, order[m.category.id]))
    if not ranked:
        return []
    floor = max(MIN_SCORE, ranked[0].score - SPREAD)
    return [m for m in ranked if m.score >= floor][:MAX_DIAGNOSES]
