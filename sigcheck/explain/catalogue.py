"""The error catalogue: ``catalogue.json`` (data) loaded into :class:`Category` and :class:`Pattern` values.

Adding a category is adding an entry to catalogue.json: an id from ``CATEGORIES.md``, a title, a cause and fix
steps (templates over the evidence), a command that verifies the fix, patterns, and what tells it apart from the
categories it is confused with.  A category may have *variants*: the same category told differently for a sub-case
(a gRPC message limit vs Vertex's request limit, an out-of-memory at run time vs model files over a limit).  A
variant is chosen by the pattern that matched (``"variant"``) or by its ``when`` conditions on the evidence and its
``check``; it replaces the title, cause, fix or verify it defines.  Nothing here knows about any particular
category.
"""

from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .patterns import lazy
from .checks import CHECKS

FLAGS = re.IGNORECASE
CATALOGUE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalogue.json")
"""The data file (packaged with sigcheck; see pyproject's package-data)."""


_TOKEN = lazy(
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
                 "variant", "literals", "_regex", "_unless")

    def __init__(self, source: str, weight: float, *, check: Callable[[Mapping[str, Any]], bool] | None = None,
                 check_name: str | None = None, const: Mapping[str, Any] | None = None,
                 unless: str | None = None, hint: bool = False, overrides: tuple[str, ...] = (),
                 variant: str | None = None) -> None:
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
        self.variant = variant
        """The category variant this pattern's match means (None: decided by the variants' conditions)."""
        self.literals = required_literals(source)
        self._regex = lazy(source, FLAGS)
        self._unless = lazy(unless, FLAGS) if unless is not None else None

    @property
    def regex(self) -> re.Pattern[str]:
        return self._regex.compiled

    @property
    def unless(self) -> re.Pattern[str] | None:
        return self._unless.compiled if self._unless is not None else None

    def may_match(self, lowered: str) -> bool:
        """False when the text (lower-cased) cannot match: none of the pattern's required literals is in it."""
        return self.literals is None or any(lit in lowered for lit in self.literals)


@dataclass(frozen=True)
class Variant:
    """A sub-case of a category with its own wording; fields left None fall back to the category's."""

    id: str
    title: str | None = None
    cause: str | None = None
    fix: tuple[str, ...] | None = None
    verify: str | None = None
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """evidence name → accepted values (compared case-insensitively); every name must match."""
    check: Callable[[Mapping[str, Any]], bool] | None = None
    check_name: str | None = None

    def applies(self, evidence: Mapping[str, Any]) -> bool:
        """True when the conditions hold for ``evidence`` (a variant without conditions is chosen only by name)."""
        if not self.when and self.check is None:
            return False
        for name, accepted in self.when.items():
            value = evidence.get(name)
            if value is None or str(value).lower() not in accepted:
                return False
        return self.check is None or self.check(evidence)


@dataclass(frozen=True)
class Wording:
    """What a diagnosis says: the templates of one category, or of one of its variants."""

    variant: str | None
    title: str
    cause: str
    fix: tuple[str, ...]
    verify: str


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
    variants: tuple[Variant, ...] = ()

    def variant(self, name: str) -> Variant | None:
        return next((v for v in self.variants if v.id == name), None)

    def wording(self, evidence: Mapping[str, Any], variant: str | None = None) -> Wording:
        """The templates for ``evidence``: the named variant, else the first whose conditions hold, else the
        category's own."""
        chosen = self.variant(variant) if variant else None
        if chosen is None:
            chosen = next((v for v in self.variants if v.applies(evidence)), None)
        if chosen is None:
            return Wording(None, self.title, self.cause, self.fix, self.verify)
        return Wording(chosen.id, chosen.title or self.title, chosen.cause or self.cause, chosen.fix or self.fix,
                       chosen.verify or self.verify)


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


def _check(cid: str, name: str | None) -> Callable[[Mapping[str, Any]], bool] | None:
    if name is None:
        return None
    if name not in CHECKS:
        raise ValueError(f"catalogue.json: category {cid}: unknown check {name!r}; known: {', '.join(sorted(CHECKS))}")
    return CHECKS[name]


def _pattern(cid: str, raw: Mapping[str, Any], variants: set[str]) -> Pattern:
    name = raw.get("check")
    check = _check(cid, name)
    variant = raw.get("variant")
    if variant is not None and variant not in variants:
        raise ValueError(f"catalogue.json: category {cid}: pattern {raw['re']!r} names unknown variant {variant!r}")
    return Pattern(
        raw["re"],
        float(raw["w"]),
        check=check,
        check_name=name,
        const=raw.get("const"),
        unless=raw.get("unless") or None,
        hint=bool(raw.get("hint", False)),
        overrides=tuple(raw.get("overrides") or ()),
        variant=variant,
    )


def _variant(cid: str, vid: str, raw: Mapping[str, Any]) -> Variant:
    when = {k: tuple(str(x).lower() for x in (v if isinstance(v, list) else [v]))
            for k, v in (raw.get("when") or {}).items()}
    fix = raw.get("fix")
    return Variant(id=vid, title=raw.get("title"), cause=raw.get("cause"), fix=tuple(fix) if fix else None,
                   verify=raw.get("verify"), when=when, check=_check(cid, raw.get("check")),
                   check_name=raw.get("check"))


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    cats: dict[str, Category] = {}
    for cid, raw in data["categories"].items():
        variants = tuple(_variant(cid, vid, v) for vid, v in (raw.get("variants") or {}).items())
        names = {v.id for v in variants}
        cats[cid] = Category(
            id=cid,
            title=raw["title"],
            cause=raw["cause"],
            fix=tuple(raw["fix"]),
            verify=raw["verify"],
            patterns=tuple(_pattern(cid, p, names) for p in raw["patterns"]),
            tells_apart=dict(raw.get("tells_apart") or {}),
            fallback=bool(raw.get("fallback", False)),
            variants=variants,
        )
    generic = data.get("generic") or {}
    return Catalogue(cats, generic.get("title", "No known cause recognised"), tuple(generic.get("steps") or ()))


@functools.lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The packaged catalogue (parsed and compiled once per process)."""
    with open(CATALOGUE_PATH, encoding="utf-8") as f:
        return parse_catalogue(json.load(f))
