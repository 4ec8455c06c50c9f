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

from sigcheck.explain import explain_text, load_catalogue, read_unknown

DATA = Path(__file__).parent / "data" / "provoked.jsonl"
FIELDS = {"id", "category", "cause", "how", "error_text", "printed_by", "fix_names"}
CONTEXT = {"model", "request"}  # REST records on a committed fixture: what --model and --request would be
NOTES = {"relabelled"}  # a label changed after the record was made, with why
ROOT = Path(__file__).resolve().parents[2]

# Floors measured when the data was committed (see the figures printed by this file run as a script): they stop
# regressions, they are not the goal (#15 asks for 90 %). Raise them when explain improves.
FLOOR_CATEGORY = 186  # of 196 (94.9 %): session 17 (four relabelled, see their "relabelled": converter ops, a serving
# export given to load_model, clients on the wrong port; keras-string-to-float, NumPy strings to a float model, is
# read as Keras 3's refusal of every NumPy string array, dtype_mismatch, as 6 of the 10 labelled texts of that message)
FLOOR_FIX = 186  # of 196 (94.9 %), the cause and the first step (or, for "unknown", the reading)
FLOOR_CONTEXT_CATEGORY = 55  # of 55 (100 %; the text alone on the same records: 50)
FLOOR_CONTEXT_FIX = 55  # of 55


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


def outcome(r: dict, *, with_context: bool = False) -> Outcome:
    found = explain_text(r["error_text"], **(context(r) if with_context else {}))
    top = found[0] if found else None
    # (no category fits -- the label "unknown": the reading the human view shows instead must name the fix)
    said = (f"{top.cause} {top.steps[0] if top.steps else ''}" if top
            else " ".join(read_unknown(r["error_text"]).readings))
    right = top.category == r["category"] if top is not None else r["category"] == "unknown"
    return Outcome(r, top.category if top else "unknown", [d.category for d in found[1:]], said, right,
                   right and re.search(r["fix_names"], said, re.IGNORECASE) is not None)


def context(r: dict) -> dict:
    """``info`` and ``request`` as ``sigcheck explain --model M --request R`` would give them."""
    from sigcheck.model import read_model

    return {"info": read_model(str(ROOT / r["model"])), "request": r["request"].encode()}


@pytest.fixture(scope="module")
def outcomes() -> list[Outcome]:
    return [outcome(r) for r in records()]


def test_records_are_well_formed() -> None:
    rows = records()
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) >= 60
    known = {c.id for c in load_catalogue()} | {"unknown"}
    for r in rows:
        assert FIELDS <= set(r) <= FIELDS | CONTEXT | NOTES, r["id"]
        assert ("model" in r) == ("request" in r), r["id"]
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


def test_with_model_and_request() -> None:
    """The REST records on a committed fixture, explained with the model and the request (as --model --request)."""
    rows = [r for r in records() if "model" in r]
    assert len(rows) >= 30
    outs = [outcome(r, with_context=True) for r in rows]
    right = sum(o.category_right for o in outs)
    fixed = sum(o.fix_right for o in outs)
    assert right >= FLOOR_CONTEXT_CATEGORY, f"{right}/{len(rows)}"
    assert fixed >= FLOOR_CONTEXT_FIX, f"{fixed}/{len(rows)}"


def report() -> str:
    outs = [outcome(r) for r in records()]
    n = len(outs)
    right = sum(o.category_right for o in outs)
    fixed = sum(o.fix_right for o in outs)
    lines = [f"{right}/{n} right category first ({100 * right / n:.1f} %); "
             f"{fixed}/{n} with a fix naming the cause in its cause or first step ({100 * fixed / n:.1f} %)"]
    ctx = [(o, outcome(o.record, with_context=True)) for o in outs if "model" in o.record]
    lines += [f"with --model and --request ({len(ctx)} REST records on a committed fixture): "
              f"{sum(c.category_right for _, c in ctx)}/{len(ctx)} right category, "
              f"{sum(c.fix_right for _, c in ctx)}/{len(ctx)} with the fix (text alone on the same records: "
              f"{sum(o.category_right for o, _ in ctx)}, {sum(o.fix_right for o, _ in ctx)})", ""]
    for o, c in ctx:
        if o.fix_right != c.fix_right or o.category_right != c.category_right:
            lines.append(f"CONTEXT {o.record['id']}: text alone {o.got}, with --model/--request {c.got} "
                         f"(want {o.record['category']})")
    lines.append("")
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
