"""#15: ``sigcheck explain`` on real error texts provoked by doing the wrong thing (tests/explain/data/provoked.jsonl).

The texts are made by scripts/explain_provoke.py (``make explain-provoke``) with the installed TensorFlow / Keras
and sigcheck's TF-Serving-exact codec and LocalServer; each record carries the cause that was provoked, its
category, and ``fix_names``: a pattern that a fix naming that cause matches, looked for in the best reading's cause
and its FIRST step (the step a user acts on: a right pattern in a later step after a wrong-direction first one does
not count). No TensorFlow here: the committed texts are read.

    .venv/bin/python tests/explain/test_provoked.py      # the figures and every miss, with what explain said
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from sigcheck.explain import explain_text, load_catalogue

DATA = Path(__file__).parent / "data" / "provoked.jsonl"
FIELDS = {"id", "category", "cause", "how", "error_text", "printed_by", "fix_names"}

# Floors measured when the data was committed (see the figures printed by this file run as a script): they stop
# regressions, they are not the goal (#15 asks for 90 %). Raise them when explain improves.
FLOOR_CATEGORY = 161  # of 175: measured on the committed tree (git archive HEAD) at 12:30 (92.0 %)
FLOOR_FIX = 161  # of 175 (92.0 %), the cause and the first step


@dataclass
class Outcome:
    record: dict
    got: str
    others: list[str]
    said: str
    category_right: bool
    fix_right: bool


def records() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def outcome(r: dict) -> Outcome:
    found = explain_text(r["error_text"])
    top = found[0] if found else None
    said = f"{top.cause} {top.steps[0] if top.steps else ''}" if top else ""
    right = top is not None and top.category == r["category"]
    return Outcome(r, top.category if top else "unknown", [d.category for d in found[1:]], said, right,
                   right and re.search(r["fix_names"], said, re.IGNORECASE) is not None)


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return [outcome(r) for r in records()]


def test_records_are_well_formed() -> None:
    rows = records()
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) >= 60
    known = {c.id for c in load_catalogue()}
    for r in rows:
        assert set(r) == FIELDS, r["id"]
        assert r["category"] in known, r["id"]
        assert r["error_text"].strip() and r["printed_by"].strip(), r["id"]
        assert not re.search(r["fix_names"], ""), r["id"]  # (a pattern that matches anything names nothing)
    assert len({r["category"] for r in rows}) >= 20


def test_first_reading_does_not_regress(outcomes: list[Outcome]) -> None:
    right = sum(o.category_right for o in outcomes)
    fixed = sum(o.fix_right for o in outcomes)
    misses = [f"{o.record['id']}: want {o.record['category']}, got {o.got}" for o in outcomes
              if not o.category_right]
    assert right >= FLOOR_CATEGORY, f"{right}/{len(outcomes)} right category; misses: {misses}"
    assert fixed >= FLOOR_FIX, f"{fixed}/{len(outcomes)} right category with a fix naming the cause"


def printable(text: str) -> str:
    """Control characters (a binary HTTP/2 frame read as a status line) shown as escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def report() -> str:
    outs = [outcome(r) for r in records()]
    n = len(outs)
    right = sum(o.category_right for o in outs)
    fixed = sum(o.fix_right for o in outs)
    lines = [f"{right}/{n} right category first ({100 * right / n:.1f} %); "
             f"{fixed}/{n} with a fix naming the cause in its cause or first step ({100 * fixed / n:.1f} %)", ""]
    for o in outs:
        if o.fix_right:
            continue
        kind = "CATEGORY" if not o.category_right else "FIX"
        head = printable(" ".join(o.record["error_text"].split())[:220])
        lines += [f"{kind} {o.record['id']}: want {o.record['category']}, got {o.got} {o.others}",
                  f"    text: {head}",
                  f"    cause: {o.record['cause']}  (fix should match /{o.record['fix_names']}/)",
                  f"    said: {o.said[:300]}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(report() + "\n")
