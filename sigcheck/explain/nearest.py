"""Step 2's fallback: read a text no pattern matched as the index message whose template is nearest to it.

A fresh text often carries a known message in a form no pattern admits: another version's wording, a retyped copy
with a typo, a copy cut short, a paraphrase in a log line, words in another order.  When neither the catalogue nor
the index reads it, each index entry's template is compared with the text by its literal words:

* the template's words are its literal text; placeholders (``{name}``, ``…``, ``%s``, a pattern's named captures)
  are wildcards that hold any words;
* a word weighs what it tells apart: its inverse document frequency over the index's templates (``Conv2D`` and
  ``dimensional`` weigh much, ``the`` and ``of`` little; digits a third);
* a text word equals a template word spelled the same or one edit apart (a letter dropped, added, changed or two
  swapped; words of five letters or more);
* the similarity is the weight of the template's words found in the text in the template's order (a word-order
  chain that pays for words the text puts between them, except where a placeholder stands), over the weight of the
  template's words — only of those the text can hold when it is cut short there — blended with the weight found in
  any order (words in another order);
* a reading needs :data:`THRESHOLD` similarity and :data:`MIN_WEIGHT` of matched words (a few rare words, not a
  couple of common ones), and loses to nothing: when the nearest entries of two categories are as near, there are
  two readings.

The threshold comes from measurement (``benchmarks/explain_nearest.py``: the index's own examples perturbed, other
entries' examples with their own entry left out, texts not about models) and keeps wrong readings rare.
Everything is computed from ``messages.json`` the first time a text needs it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Sequence

from .patterns import lazy
from .evidence import parse_shape
from .index import PLACEHOLDER, Entry, Hit, load_index

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .diagnosis import Diagnosis

THRESHOLD = 0.72
"""Least similarity for a nearest reading (chosen from the measurement, see the module docstring)."""
MIN_WEIGHT = 9.0
"""Least weight of matched template words (sum of their IDF): about three rare words."""
MARGIN = 0.04
"""Entries of another category this close to the nearest one are read too (a second reading)."""
CONFIDENCE = (0.35, 0.6)
"""A nearest reading's confidence spans this range over similarity THRESHOLD..1 (an exact index hit has 0.86)."""
TEXT_CHARS = 4_000
"""The tail of the normalised text compared (the innermost message is last)."""
FUZZY_LEN = 5
"""Words at least this long match a word one edit apart."""
FUZZY = 0.8
"""What a word one edit apart counts for."""
GAP_FREE = 12
"""Text words a placeholder may hold without cost."""
GAP_COST = 0.15
"""What each further text word between two matched template words costs, as a share of the cheaper word's weight."""
CUT_CREDIT = 0.5
"""What the template's words after (before) the point where a text is cut short still count for."""
PRECISION = 0.5
"""How much the text's own rare words that the template does not explain lower the similarity (an exponent)."""
ORDERLESS = 0.25
"""The share of the similarity that counts words found in any order."""
CANDIDATES = 24
"""Entries (best by words found in any order) whose order chain is computed."""

WILD = "\x00"
_WORD = lazy(r"[a-z0-9_]+|\x00")


def words(text: str) -> list[str]:
    """Lower-case words (letters, digits, underscores), placeholders marked as :data:`WILD`."""
    return [w for w in _WORD.findall(PLACEHOLDER.sub(" \x00 ", text).lower()) if len(w) > 1 or w == WILD or w.isdigit()]


# ------------------------------------------------------------------------------------------------ the templates

_CLASS = lazy(r"\[(?:\\.|[^\]\\])*\]")
_ESCAPE_CLASS = lazy(r"\\[dswDSWbBAZ]")
_ESCAPE = lazy(r"\\(.)")
_QUANTIFIER = lazy(r"\{\d+(?:,\d*)?\}")
_NAMED = lazy(r"\(\?P<\w+>")
_GROUP_OPEN = lazy(r"\(\?(?::|=|!|<=|<!)")
_INNER_GROUP = lazy(r"\(([^()]*)\)")


def pattern_words(pattern: str) -> list[str]:
    """The literal words of an index pattern, its named captures, classes and alternations as wildcards."""
    s = _CLASS.sub(" \x00 ", pattern)
    s = _ESCAPE_CLASS.sub(" \x00 ", s)
    s = _ESCAPE.sub(" ", s)
    s = _QUANTIFIER.sub("", s)
    s = _NAMED.sub("(\x01", s)
    s = _GROUP_OPEN.sub("(", s)
    for _ in range(6):
        new = _INNER_GROUP.sub(lambda m: " \x00 " if m.group(1).startswith("\x01") or "|" in m.group(1)
                               else f" {m.group(1)} ", s)
        if new == s:
            break
        s = new
    s = s.replace("|", " \x00 ").replace("\x01", " ")
    return [w for w in _WORD.findall(s.lower()) if len(w) > 1 or w == WILD or w.isdigit()]


class Template(NamedTuple):
    """An index entry's template as words: literal words with their weights, wildcards between them (a named tuple:
    one per entry is made each time the vocabulary loads)."""

    entry: Entry
    words: tuple[str, ...]
    """Literal words and :data:`WILD`, in the template's order."""
    weights: tuple[float, ...]
    """Each word's weight (0 for a wildcard)."""
    total: float


def template_words(entry: Entry) -> list[str]:
    """The template's words; a template cut short with ``…`` takes its pattern's literal words when they say more."""
    own = words(entry.template)
    if "…" in entry.template and not entry.family:
        from_pattern = pattern_words(entry.pattern)
        if sum(w != WILD for w in from_pattern) > sum(w != WILD for w in own):
            return from_pattern
    return own


@dataclass(frozen=True)
class Vocabulary:
    templates: tuple[Template, ...]
    postings: dict[str, Sequence[int]]
    """word → the templates that hold it (in the entries' order)."""
    idf: dict[str, float]
    """word → its weight."""
    near: dict[str, Sequence[str]]
    """a word with one letter deleted (and the word itself) → the template words it comes from."""


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The index's templates as words, with their weights: read from ``messages_derived.json`` when it was made from
    this very index and code (:mod:`.derived`), else computed (:func:`compute_vocabulary`)."""
    from .derived import load

    entries = load_index()
    tables = load().get("nearest")
    if tables is not None and len(tables["words"]) == len(entries):
        return vocabulary_of(entries, tables)
    return compute_vocabulary(entries)


def compute_vocabulary(entries: "tuple[Entry, ...]") -> Vocabulary:
    seqs = [template_words(e) for e in entries]
    df: dict[str, int] = {}
    seen_templates: set[tuple[str, ...]] = set()
    for seq in seqs:  # the same template in several versions' entries counts once
        key = tuple(seq)
        if key in seen_templates:
            continue
        seen_templates.add(key)
        for w in set(seq) - {WILD}:
            df[w] = df.get(w, 0) + 1
    n = len(seen_templates)
    idf = {w: math.log(1 + n / c) * (1 / 3 if w.isdigit() else 1.0) for w, c in df.items()}
    templates = []
    postings: dict[str, list[int]] = {}
    for i, (e, seq) in enumerate(zip(entries, seqs)):
        weights = tuple(0.0 if w == WILD else idf[w] for w in seq)
        templates.append(Template(e, tuple(seq), weights, sum(weights)))
        for w in set(seq) - {WILD}:
            postings.setdefault(w, []).append(i)
    near: dict[str, list[str]] = {}
    for w in df:
        if len(w) >= FUZZY_LEN and not w.isdigit():
            for d in _deletes(w) | {w}:
                near.setdefault(d, []).append(w)
    return Vocabulary(tuple(templates), {w: tuple(ix) for w, ix in postings.items()}, idf,
                      {d: tuple(ws) for d, ws in near.items()})


def vocabulary_tables(vocab: Vocabulary) -> dict[str, Any]:
    """``vocab`` as JSON for ``messages_derived.json`` (:func:`vocabulary_of` reads it back): each template's words
    (space-separated, in the entries' order), and the weights, postings and one-letter-deleted words (keys sorted, so
    the file is the same whatever order a process's sets gave)."""
    return {
        "words": [" ".join(t.words) for t in vocab.templates],
        "idf": {w: vocab.idf[w] for w in sorted(vocab.idf)},
        "postings": {w: list(vocab.postings[w]) for w in sorted(vocab.postings)},
        "near": {d: sorted(vocab.near[d]) for d in sorted(vocab.near)},
    }


def vocabulary_of(entries: "tuple[Entry, ...]", tables: dict[str, Any]) -> Vocabulary:
    """The :class:`Vocabulary` of :func:`vocabulary_tables`' JSON, over the entries it was computed from."""
    idf: dict[str, float] = tables["idf"]
    weight = {**idf, WILD: 0.0}.__getitem__  # a wildcard weighs 0, as in compute_vocabulary
    templates = []
    for e, joined in zip(entries, tables["words"]):
        seq = tuple(joined.split())
        weights = tuple(map(weight, seq))
        templates.append(Template(e, seq, weights, sum(weights)))
    return Vocabulary(tuple(templates), tables["postings"], idf, tables["near"])  # JSON's lists serve as tuples


def _spellings(word: str, vocab: Vocabulary) -> dict[str, float]:
    """Template words ``word`` stands for: itself (1.0), or one edit apart (:data:`FUZZY`)."""
    out: dict[str, float] = {}
    if word in vocab.postings:
        out[word] = 1.0
    if len(word) >= FUZZY_LEN and not word.isdigit():
        for d in _deletes(word) | {word}:
            for w in vocab.near.get(d, ()):
                if w != word and abs(len(w) - len(word)) <= 1:
                    out.setdefault(w, FUZZY)
    return out


# ------------------------------------------------------------------------------------------------ similarity

@dataclass(frozen=True)
class Near:
    """An index entry near a text: how near, and how much of its template the text holds."""

    entry: Entry
    similarity: float
    weight: float
    """The weight of the template's words found (in order)."""
    spelled: tuple[tuple[str, str], ...] = ()
    """(the text's word, the template's word) for each word found one edit apart."""


@dataclass(frozen=True)
class Word:
    """A word of the text: the template words it stands for (with credit), its weight, its clause."""

    text: str
    spellings: dict[str, float]
    weight: float
    clause: int


_CLAUSE_END = lazy(r"(?<=[.;!?])\s|[\"{}|\t]")
_ALTERNATIVES = lazy(r"(?:\(\?:)?((?:[\w.\- ]+\|)+[\w.\- ]+)\)?")


def text_words(line: str, vocab: Vocabulary) -> list[Word]:
    out: list[Word] = []
    for clause, part in enumerate(_CLAUSE_END.split(line)):
        for w in words(part):
            if w == WILD:
                continue
            spelled = _spellings(w, vocab)
            weight = max((vocab.idf[v] * c for v, c in spelled.items()), default=0.0)
            out.append(Word(w, spelled, weight, clause))
    return out


def _named_groups(pattern: str) -> list[str]:
    """The text of each named capture of a pattern (nested parentheses, classes and escapes skipped)."""
    out = []
    for m in _NAMED.finditer(pattern):
        depth, k, in_class = 1, m.end(), False
        while k < len(pattern) and depth:
            ch = pattern[k]
            if ch == "\\":
                k += 2
                continue
            if in_class:
                in_class = ch != "]"
            elif ch == "[":
                in_class = True
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            k += 1
        out.append(pattern[m.end():k - 1])
    return out


@lru_cache(maxsize=256)
def required(pattern: str) -> tuple[frozenset[str], ...]:
    """What a pattern's captures insist on: a list of names (``(?P<attr>predict_classes|predict_proba|…)``: one of
    them) or literal words (``(?P<config>\\{'module': ?'keras…)``: each of them).  The text must hold them: the
    template's placeholder is no wildcard there."""
    out = []
    for group in _named_groups(pattern):
        m = _ALTERNATIVES.fullmatch(group)
        if m:
            out.append(frozenset(w for alt in m.group(1).split("|") for w in words(alt)[:1]))
        else:
            out.extend(frozenset([w]) for w in pattern_words(group) if w != WILD and not w.isdigit())
    return tuple(out)


_QUOTED_NAME = lazy(r"(?<![\w{])['`]([A-Za-z_][\w.]{1,60})['`](?![\w}])")
"""A name the template's own text quotes (``'str' object has no attribute 'decode'``): what the message is about."""


@lru_cache(maxsize=4096)
def quoted_names(template: str) -> tuple[str, ...]:
    """The words of the names a template quotes outside its placeholders: a text about another name (``'call'``
    for ``'decode'``) is another message, however many other words it shares."""
    literal = PLACEHOLDER.sub(" ", template)
    return tuple(w for m in _QUOTED_NAME.finditer(literal) for w in words(m.group(1)))


def _similarity(t: Template, text: list[Word]) -> tuple[float, float, tuple[tuple[str, str], ...]]:
    """(similarity, matched weight, the words spelt otherwise) of template ``t`` against the text's words."""
    for names in required(t.entry.pattern):
        if not any(w in names for x in text for w in x.spellings):
            return 0.0, 0.0, ()
    for name in quoted_names(t.entry.template):
        if not any(name in x.spellings for x in text):
            return 0.0, 0.0, ()
    n = len(t.words)
    lits = [(i, w) for i, w in enumerate(t.words) if w != WILD]
    # pairs (template position, text position, credit), by text position
    pairs = [(i, j, t.weights[i] * x.spellings[w]) for j, x in enumerate(text) for i, w in lits if w in x.spellings]
    if not pairs:
        return 0.0, 0.0, ()
    wild_between = [[False] * n for _ in range(n)] if n <= 64 else None
    if wild_between is not None:
        for a in range(n):
            seen = False
            for b in range(a + 1, n):
                wild_between[a][b] = seen
                seen = seen or t.words[b] == WILD
    best: list[float] = []
    back: list[int] = []
    reach = 3 * n + GAP_FREE
    for p, (i, j, c) in enumerate(pairs):
        score, prev = c, -1
        for q in range(p - 1, -1, -1):
            qi, qj, _ = pairs[q]
            if j - qj > reach:
                break
            if qi >= i or qj >= j:
                continue
            wild = wild_between[qi][i] if wild_between is not None else WILD in t.words[qi + 1:i]
            gap = j - qj - 1 - (GAP_FREE if wild else 0)
            cand = best[q] + c - (GAP_COST * min(t.weights[i], t.weights[qi]) * gap if gap > 0 else 0.0)
            if cand > score:
                score, prev = cand, q
        best.append(score)
        back.append(prev)
    end = max(range(len(pairs)), key=best.__getitem__)
    chain = []
    p = end
    while p >= 0:
        chain.append(pairs[p])
        p = back[p]
    chain.reverse()
    (first_i, first_j, _), (last_i, last_j, _) = chain[0], chain[-1]
    # cut short: a text that ends (starts) inside the template holds the words after (before) the cut only in part
    cut = (sum(t.weights[:first_i]) if first_j == 0 else 0.0) + \
        (sum(t.weights[last_i + 1:]) if last_j == len(text) - 1 else 0.0)
    span = t.total - (1 - CUT_CREDIT) * cut
    matched = sum(c for _, _, c in chain)
    ordered = best[end] / span if span else 0.0
    found: dict[int, float] = {}
    for i, _, c in pairs:
        found[i] = max(found.get(i, 0.0), c)
    orderless = sum(found.values()) / t.total
    # the text's own words the template does not explain: in the clauses the match spans, outside the match and
    # not where a placeholder stands
    lead = WILD in t.words[:first_i]
    trail = WILD in t.words[last_i + 1:]
    unexplained = 0.0
    j = first_j - 1
    while j >= 0 and text[j].clause == text[first_j].clause:
        if not (lead and first_j - j <= GAP_FREE):
            unexplained += text[j].weight
        j -= 1
    j = last_j + 1
    while j < len(text) and text[j].clause == text[last_j].clause:
        if not (trail and j - last_j <= GAP_FREE):
            unexplained += text[j].weight
        j += 1
    for (qi, qj, _), (i, j, _) in zip(chain, chain[1:]):
        if WILD not in t.words[qi + 1:i]:
            unexplained += sum(text[k].weight for k in range(qj + 1, j))
    precision = matched / (matched + unexplained)
    sim = (1 - ORDERLESS) * ordered + ORDERLESS * orderless
    spelled = tuple((text[j].text, t.words[i]) for i, j, _ in chain if text[j].text != t.words[i])
    return sim * precision ** PRECISION, matched, spelled


def nearest(line: str, *, exclude: "set[str] | None" = None, threshold: float = THRESHOLD,
            min_weight: float = MIN_WEIGHT) -> list[Near]:
    """The index entries nearest to the normalised text ``line``, nearest first (one per template and category),
    those above the bars only.  ``exclude`` leaves out entries by key (for measuring on the index's own examples)."""
    vocab = vocabulary()
    text = text_words(line[-TEXT_CHARS:], vocab)
    found: dict[int, float] = {}
    seen: set[str] = set()
    for x in text:
        for w, credit in x.spellings.items():
            if w in seen:
                continue
            seen.add(w)
            for ix in vocab.postings[w]:
                t = vocab.templates[ix]
                found[ix] = found.get(ix, 0.0) + vocab.idf[w] * credit
    ranked = sorted(found, key=lambda ix: -found[ix] / vocab.templates[ix].total)[:CANDIDATES]
    out: list[Near] = []
    done: set[tuple[tuple[str, ...], str | None]] = set()
    for ix in ranked:
        t = vocab.templates[ix]
        if (t.words, t.entry.category) in done or (exclude and t.entry.key in exclude):
            continue
        sim, weight, spelled = _similarity(t, text)
        if sim >= threshold and weight >= min_weight:
            done.add((t.words, t.entry.category))
            out.append(Near(t.entry, round(min(sim, 1.0), 3), round(weight, 2), spelled))
    out.sort(key=lambda n: (-n.similarity, -n.weight))
    return out


def readings(near: list[Near]) -> list[Near]:
    """The nearest entry, and the nearest of each other category within :data:`MARGIN` of it."""
    if not near:
        return []
    top = near[0]
    out = [top]
    cats = {top.entry.category}
    for n in near[1:]:
        if n.similarity < top.similarity - MARGIN:
            break
        if n.entry.category not in cats:
            cats.add(n.entry.category)
            out.append(n)
    return out


def respelt(line: str, near: Near) -> str:
    """The text with the words it spells one edit apart from the nearest template spelt as the template does."""
    for mine, theirs in near.spelled:
        line = re.sub(rf"(?i)(?<![a-z0-9_]){re.escape(mine)}(?![a-z0-9_])", theirs, line)
    return line


_SHAPE_GROUP = lazy(r"\(\?P<(\w*shape)>")
_DIM = r"(?:-?\d{1,9}|\?|None|null)"
_SHAPE = lazy(rf"[\[(]\s*{_DIM}(?:\s*,\s*{_DIM}){{0,11}}\s*,?\s*[\])]")
"""A shape as TF / Keras / NumPy print it; one separator between dimensions, so a long digit run is one (rejected)
dimension, not thousands of ways to split it."""


def _hit(entry: Entry, line: str, facts: dict[str, Any]) -> "Hit | None":
    """A nearest entry as a reading.  An entry whose category a decider chooses from the shapes its pattern captures
    gets them from the text when the text holds as many shapes, in the template's order (a retyped ``cannot feed value
    of shape (1,608,608,3) for the tensor input1 which has shape (?,416,416,3)``); with other numbers it is left out."""
    if not entry.decider:
        return Hit(entry, {}, 0, entry.category)
    names = _SHAPE_GROUP.findall(entry.pattern)
    shapes = [parse_shape(m.group(0)) for m in _SHAPE.finditer(line)]
    if not names or len(shapes) != len(names) or any(not s for s in shapes):
        return None
    from .index import DECIDERS

    groups: dict[str, Any] = dict(zip(names, shapes))
    chosen = DECIDERS[entry.decider](groups, facts, line) if entry.decider in DECIDERS else None
    return Hit(entry, groups, 0, chosen or entry.category, decided=chosen is not None)


def read_nearest(line: str, facts: dict[str, Any], catalogue: "Catalogue", upstream: str, *,
                 near: "list[Near] | None" = None, exclude: "set[str] | None" = None) -> "list[Diagnosis]":
    """Diagnoses for a text no catalogue pattern nor index entry read, each saying it is a nearest reading (title,
    evidence), at a lower confidence.

    Respelt as the nearest template spells its words, the text may match index patterns: their hits (captures,
    deciders) read it.  Else one reading per category of the nearest entries (:func:`readings`) — but not of an
    entry whose category a decider chooses from numbers the text did not give a pattern to capture.  ``near`` and
    ``exclude`` are for measuring (:func:`nearest` done already; entries left out)."""
    from . import index, merge_index

    near = nearest(line, exclude=exclude) if near is None else near
    if not near:
        return []
    hits = [h for h in index.match(respelt(line, near[0]), facts)
            if h.category in catalogue and h.entry.key not in (exclude or ())] if near[0].spelled else []
    if not hits:
        hits = [h for h in (_hit(n.entry, line, facts) for n in readings(near)) if h is not None
                and h.category in catalogue]
    similarity = {n.entry.key: n for n in near}
    diagnoses: "list[Diagnosis]" = []
    merge_index(diagnoses, hits, facts, catalogue, upstream)
    lo, hi = CONFIDENCE
    for d in diagnoses:
        hit = next(h for h in hits if h.category == d.category)
        n = similarity.get(hit.entry.key, near[0])
        d.confidence = round(lo + (hi - lo) * (n.similarity - THRESHOLD) / (1 - THRESHOLD), 2)
        d.title = f"{d.title} (read as the nearest known message)"
        d.evidence.update({"nearest_message": hit.entry.template, "nearest_source": hit.entry.source,
                           "similarity": n.similarity})
    diagnoses.sort(key=lambda d: -d.confidence)
    return diagnoses
