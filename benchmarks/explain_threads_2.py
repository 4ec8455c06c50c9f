"""Measure ``sigcheck explain`` on tests/explain/data/threads_2.jsonl (issue #15): first-try category.

    python benchmarks/explain_threads_2.py [--half dev|held_out] [--show]

A text counts as right when the best reading's category is the thread's category (or one the record lists under
``accept``, for texts whose thread leaves two readings open).  ``--show`` prints each miss with what explain said.
The held-out half is measured once, at the end of the work on issue #15; use ``dev`` while building.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sigcheck.explain import explain_text  # noqa: E402

DATA = ROOT / "tests" / "explain" / "data" / "threads_2.jsonl"


def load(half: str) -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    want = half == "held_out"
    return [r for r in rows if bool(r["held_out"]) == want]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", choices=["dev", "held_out"], default="dev")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)
    rows = load(args.half)
    right = 0
    misses = []
    t0 = time.process_time()
    for r in rows:
        found = explain_text(r["error_text"])
        got = found[0].category if found else "unknown"
        ok = {r["category"], *r.get("accept", [])}
        if got in ok:
            right += 1
        else:
            misses.append((r, got, found))
    cpu = time.process_time() - t0
    print(f"{args.half}: {right}/{len(rows)} right category on first try ({100 * right / len(rows):.1f}%), "
          f"{cpu / len(rows) * 1000:.1f} ms CPU per text")
    if args.show:
        for r, got, found in misses:
            print(f"- {r['id']}: want {r['category']}, got {got}")
            if found:
                print(f"    {found[0].cause[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
