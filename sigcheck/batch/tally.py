"""What a batch check counts, mergeable across work units, processes and Beam workers.

A :class:`Tally` holds, for the records it saw: how many, how many bad (a record with an error finding), findings
per code, the first located example of each code, instance sizes (a histogram with 2 % bins and the exact maximum),
the key sets of object instances, and the dead-letter entries (only when asked).  Record numbers in a unit's tally
are relative to the unit; :meth:`Tally.absorb` shifts them when the unit is merged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from ..diagnostics import Diagnostic, Severity
from .records import renumber

_RATIO = 1.02
BINS = 1600
"""Histogram bins of instance sizes: bin b holds sizes in [1.02**b, 1.02**(b+1)) (sizes up to ~5e13 bytes)."""


def size_bins(sizes: np.ndarray) -> np.ndarray:
    return np.minimum(np.floor(np.log(np.maximum(sizes, 1)) / math.log(_RATIO)).astype(np.int64), BINS - 1)


@dataclass
class Example:
    order: tuple[int, int]
    """(unit order, record number): the first example of a code is the smallest."""
    location: str
    """The file (the record's number is :attr:`number`)."""
    number: int
    finding: Diagnostic
    word: str = "line"
    """How the file counts records: ``line`` or ``record`` (TFRecord)."""

    def to_json(self) -> dict[str, Any]:
        f = renumber(self.finding, self.number, self.word)
        return {"location": f"{self.location}:{self.number}", "code": f.code, "category": f.category,
                "message": f.message}


def _shown_first(ex: Example) -> tuple[bool, tuple[int, int]]:
    """Which example of a code a tally keeps: its first error, else its first finding (a warning of the code before
    its first error must not hide that error: u3 F1's batch view)."""
    return ex.finding.severity is not Severity.ERROR, ex.order


def _shifted(ex: Example, offset: int) -> Example:
    """``ex`` of a unit's tally, numbered in its file (``offset`` lines before the unit)."""
    return Example((ex.order[0], ex.number + offset), ex.location, ex.number + offset, ex.finding, ex.word)


@dataclass
class Tally:
    records: int = 0
    bad: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    """Findings per code (a record can have several of one code: one per input)."""
    record_counts: dict[str, int] = field(default_factory=dict)
    """Records with at least one finding of the code."""
    examples: dict[str, Example] = field(default_factory=dict)
    clean: dict[str, list] = field(default_factory=dict)
    """Records without an error finding (their findings are warnings or notes): code → [records, findings, first
    located Example] (gate --batch reports them apart from the bad records, which the dead letter lists)."""
    hist: np.ndarray = field(default_factory=lambda: np.zeros(BINS, dtype=np.int64))
    max_size: int = 0
    keysets: dict[tuple[str, ...], list] = field(default_factory=dict)
    """key set → [records, first order, first location, first number]."""
    shapesets: dict[tuple, list] = field(default_factory=dict)
    """Per-instance shapes ((input, shape) pairs, sorted) of the records without an error finding → as keysets."""
    entries: list[tuple[int, Any, list[Diagnostic], Any]] = field(default_factory=list)
    """Dead-letter entries of one unit: (number, key, findings, record); merged tallies keep none (the runner
    writes them out as units arrive)."""
    lines: int = 0
    """Lines (records for TFRecord) the unit spans: the next unit's numbers start after them."""

    # -- filling (one unit) -------------------------------------------------------------------------------------

    def sizes(self, sizes: Iterable[int]) -> None:
        arr = sizes if isinstance(sizes, np.ndarray) else np.fromiter(sizes, dtype=np.int64)
        if arr.size:
            self.hist += np.bincount(size_bins(arr), minlength=BINS)
            self.max_size = max(self.max_size, int(arr.max()))

    def record(self, order: int, location: str, number: int, findings: tuple[Diagnostic, ...], *,
               key: Any = None, raw: Any = None, keep: bool = False, word: str = "line") -> None:
        """One record with findings (records without any are only counted)."""
        bad = any(f.severity is Severity.ERROR for f in findings)
        self.bad += bad
        for code in dict.fromkeys(f.code for f in findings):
            mine = [f for f in findings if f.code == code]
            shown = next((f for f in mine if f.severity is Severity.ERROR), mine[0])
            self.count(code, 1, len(mine), Example((order, number), location, number, shown, word), bad=bad)
        if bad and keep:
            self.entries.append((number, key, list(findings), raw))

    def count(self, code: str, records: int, findings: int, example: Example, *, bad: bool = False) -> None:
        """``records`` records with ``findings`` findings of ``code`` in all; ``example``: the finding shown of the
        first of them (its first error of the code, else its first finding).  ``bad``: the records have an error
        finding (else they are records without one, :attr:`clean`)."""
        self.counts[code] = self.counts.get(code, 0) + findings
        self.record_counts[code] = self.record_counts.get(code, 0) + records
        self._example(code, example)
        if not bad:
            self._clean(code, records, findings, example)

    def _example(self, code: str, ex: Example) -> None:
        mine = self.examples.get(code)
        if mine is None or _shown_first(ex) < _shown_first(mine):
            self.examples[code] = ex

    def _clean(self, code: str, records: int, findings: int, ex: Example) -> None:
        mine = self.clean.get(code)
        if mine is None:
            self.clean[code] = [records, findings, ex]
        else:
            mine[0] += records
            mine[1] += findings
            if ex.order < mine[2].order:
                mine[2] = ex

    def keyset(self, keys: tuple, count: int, order: int, location: str, number: int,
               table: dict | None = None) -> None:
        """``count`` records with the key set ``keys`` (or, with ``table`` = :attr:`shapesets`, those shapes)."""
        table = self.keysets if table is None else table
        hit = table.get(keys)
        if hit is None:
            table[keys] = [count, (order, number), location, number]
        else:
            hit[0] += count

    # -- merging --------------------------------------------------------------------------------------------------

    def absorb(self, other: "Tally", offset: int = 0) -> None:
        """Add ``other`` (a unit's tally, numbers relative to the unit: ``offset`` lines come before it)."""
        self.records += other.records
        self.bad += other.bad
        for code, n in other.counts.items():
            self.counts[code] = self.counts.get(code, 0) + n
        for code, n in other.record_counts.items():
            self.record_counts[code] = self.record_counts.get(code, 0) + n
        for code, ex in other.examples.items():
            self._example(code, _shifted(ex, offset))
        for code, (records, found, ex) in other.clean.items():
            self._clean(code, records, found, _shifted(ex, offset))
        self.hist += other.hist
        self.max_size = max(self.max_size, other.max_size)
        for table, theirs in ((self.keysets, other.keysets), (self.shapesets, other.shapesets)):
            for keys, (count, order, location, number) in theirs.items():
                mine = table.get(keys)
                first = ((order[0], number + offset), location, number + offset)
                if mine is None:
                    table[keys] = [count, *first]
                else:
                    mine[0] += count
                    if first[0] < mine[1]:
                        mine[1:] = list(first)

    @property
    def sized(self) -> int:
        """Instances whose size is known (a record no instance could be made of has none)."""
        return int(self.hist.sum())

    def percentile(self, q: float) -> int:
        """The instance size at quantile ``q`` (the upper edge of its 2 % bin, at most the maximum)."""
        total = int(self.hist.sum())
        if not total:
            return 0
        rank = max(1, math.ceil(q * total))
        b = int(np.searchsorted(np.cumsum(self.hist), rank))
        return min(self.max_size, math.ceil(_RATIO ** (b + 1)) - 1)
