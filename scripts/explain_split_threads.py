"""Split tests/explain/data/threads_2.jsonl into a working half and a held-out half (issue #15).

The split is random but fixed: ``random.Random(SEED)`` shuffles the record ids (sorted first, so the order of the
file does not matter) and marks the first half ``"held_out": true``.  Run once, before any catalogue entry or
pattern is written for these texts; the held-out half is then measured once, at the end
(tests/explain/test_threads_2.py reads only the working half; benchmarks/explain_threads_2.py measures either).

    python scripts/explain_split_threads.py [--check]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 15
PATH = Path(__file__).resolve().parents[1] / "tests" / "explain" / "data" / "threads_2.jsonl"


def split(records: list[dict]) -> list[dict]:
    ids = sorted(r["id"] for r in records)
    random.Random(SEED).shuffle(ids)
    held = set(ids[: len(ids) // 2])
    return [{**r, "held_out": r["id"] in held} for r in records]


def main(argv: list[str]) -> int:
    records = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = split(records)
    if "--check" in argv:
        same = all(a.get("held_out") == b["held_out"] for a, b in zip(records, out))
        print("split is current" if same else "split differs from the file")
        return 0 if same else 1
    PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(f"{sum(r['held_out'] for r in out)} held out of {len(out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
