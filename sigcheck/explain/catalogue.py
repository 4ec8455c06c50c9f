"""The error catalogue: ``catalogue.json`` (data) loaded into :class:`Category` and :class:`Pattern` values.

Adding a category is adding an entry to catalogue.json: an id from ``CATEGORIES.md``, a title, a cause and fix
steps (templates over the evidence), a command that verifies the fix, patterns, and what tells it apart from the
categories it is confused with.  Nothing here knows about any particular category.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .checks import CHECKS

FLAGS = re.IGNORECASE
CATALOGUE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json")
"""The data file (packaged with sigcheck; see pyproject's package-data)."""


_TOKEN = re.compile(
    r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|\{\d*(?:,\d*)?\}\??|[*+?]\??"
    r"|\((?:\?(?::|P<\w+>|[=!]|<[=!]))?|[)|.^$]|[^\\\[\](){}|*+?.^$]+|.",
    re.S,
)


def _is_quantifier(tok: str) -> bool:
    return tok[:1] in ("*", "+", "?") or (tok[:1] == "{" and len(tok) > 1 and tok[1] in "0123456789,}")


def _close(tokens: list[str], i: int) -> int:
    """Index of the ``)`` token closing the group opened at ``tokens[i]``."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].startswith("("):
            depth += 1
        elif tokens[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return len(tokens)


def _alternatives(tokens: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.startswith("("):
            depth += 1
        elif tok == ")":
            depth -= 1
        elif tok == "|" and depth == 0:
            out.append([])
            continue
        out[-1].append(tok)
    return out


def _branch_literals(tokens: list[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of this alternative contains (None: cannot tell)."""
    runs: list[str] = []
    groups: list[list[str]] = []
    cur = ""
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok.startswith("("):
            runs.append(cur)
            cur = ""
            end = _close(tokens, i)
            optional = end + 1 < n and _is_quantifier(tokens[end + 1])
            if tok in ("(", "(?:") or tok.startswith("(?P<"):
                if not optional:
                    groups.append(tokens[i + 1:end])
            i = end + 1
            continue
        if tok.startswith("\\") and len(tok) == 2 and not tok[1].isalnum():
            lit = tok[1]
        elif tok.startswith(("\\", "[", ".", "^", "$", ")", "|")) or _is_quantifier(tok):
            runs.append(cur[:-1] if _is_quantifier(tok) else cur)
            cur = ""
            i += 1
            continue
        else:
            lit = tok
        if nxt and _is_quantifier(nxt):
            runs.append(cur + lit[:-1])
            cur = ""
        else:
            cur += lit
        i += 1
    runs.append(cur)
    best = max(runs, key=len).lower()
    if len(best) >= 3:
        return (best,)
    for inner in groups:
        found = _literals(inner)
        if found is not None:
            return found
    return None


def _literals(tokens: list[str]) -> tuple[str, ...] | None:
    lits: list[str] = []
    for branch in _alternatives(tokens):
        found = _branch_literals(branch)
        if found is None or any(len(x) < 3 for x in found):
            return None
        lits.extend(found)
    return tuple(dict.fromkeys(lits))


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match contains (None when that cannot be told cheaply).

    The catalogue has hundreds of patterns and compiling them all costs more than the rest of ``explain``; a
    pattern is compiled only when one of its literals is in the text.
    """
    return _literals(_TOKEN.findall(pattern))


class Pattern:
    """One regex for a category, with its confidence and conditions; compiled on first use."""

    __slots__ = ("source", "weight", "check", "check_name", "const", "unless_source", "hint", "overrides",
                 "literals", "_regex", "_unless")

    def __init__(self, source: str, weight: float, *, check: Callable[[Mapping[str, Any]], bool] | None = None,
                 check_name: str | None = None, const: Mapping[str, Any] | None = None,
                 unless: str | None = None, hint: bool = False, overrides: tuple[str, ...] = ()) -> None:
        self.source = source
        self.weight = weight
        self.check = check
        self.check_name = check_name
        self.const = dict(const or {})
        self.unless_source = unless
        self.hint = hint
        """A hint only adds to a category that matched through a non-hint pattern."""
        self.overrides = overrides
        """Categories whose score is halved when this pattern matches (a more specific reading wins)."""
        self.literals = required_literals(source)
        self._regex: re.Pattern[str] | None = None
        self._unless: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source, FLAGS)
        return self._regex

    @property
    def unless(self) -> re.Pattern[str] | None:
        if self.unless_source is None:
            return None
        if self._unless is None:
            self._unless = re.compile(self.unless_source, FLAGS)
        return self._unless

    def may_match(self, lowered: str) -> bool:
        """False when the text (lower-cased) cannot match: none of the pattern's required literals is in it."""
        return self.literals is None or any(lit in lowered for lit in self.literals)


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    cause: str
    """Template of the one-line cause (see :mod:`.templates`)."""
    fix: tuple[str, ...]
    """Templates of the fix steps, in order."""
    verify: str
    """The command that confirms the fix."""
    patterns: tuple[Pattern, ...]
    tells_apart: Mapping[str, str]
    """Other category id → what tells the two apart."""
    fallback: bool = False
    """A bare wrapper reading ("failed to load model"): dropped when a specific category scores high."""


@dataclass(frozen=True)
class Catalogue:
    categories: Mapping[str, Category]
    generic_title: str
    generic_steps: tuple[str, ...]

    def __getitem__(self, key: str) -> Category:
        return self.categories[key]

    def __contains__(self, key: object) -> bool:
        return key in self.categories

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.categories.values())

    def __len__(self) -> int:
        return len(self.categories)


def _pattern(cid: str, raw: Mapping[str, Any]) -> Pattern:
    name = raw.get("check")
    if name is not None and name not in CHECKS:
        raise ValueError(f"catalogue.json: category {cid}: unknown check {name!r}; known: {', '.join(sorted(CHECKS))}")
    return Pattern(
        raw["re"],
        float(raw["w"]),
        check=CHECKS[name] if name else None,
        check_name=name,
        const=raw.get("const"),
        unless=raw.get("unless") or None,
        hint=bool(raw.get("hint", False)),
        overrides=tuple(raw.get("overrides") or ()),
    )


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    cats: dict[str, Category] = {}
    for cid, raw in data["categories"].items():
        cats[cid] = Category(
            id=cid,
            title=raw["title"],
            cause=raw["cause"],
            fix=tuple(raw["fix"]),
            verify=raw["verify"],
            patterns=tuple(_pattern(cid, p) for p in raw["patterns"]),
            tells_apart=dict(raw.get("tells_apart") or {}),
            fallback=bool(raw.get("fallback", False)),
        )
    generic = data.get("generic") or {}
    return Catalogue(cats, generic.get("title", "No known cause recognised"), tuple(generic.get("steps") or ()))


@functools.lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The packaged catalogue (parsed and compiled once per process)."""
    with open(CATALOGUE_PATH, encoding="utf-8") as f:
        return parse_catalogue(json.load(f))
