"""#15: the 150 new real error texts of threads_2.jsonl. Only the dev half is read here; the held-out half is
measured once, by benchmarks/explain_threads_2.py --half held_out (README, BENCHMARKS.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sigcheck.explain import explain_text

DATA = Path(__file__).parent / "data" / "threads_2.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def _dev() -> list[dict]:
    rows = [json.loads(line) for line in DATA.read_text().splitlines() if line.strip()]
    return [r for r in rows if not r["held_out"]]


def test_split_is_the_committed_one() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "explain_split_threads.py"), "--check"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


def test_dev_half_first_try() -> None:
    rows = _dev()
    assert len(rows) == 75
    right = 0
    for r in rows:
        d = explain_text(r["error_text"])
        right += bool(d) and d[0].category in {r["category"], *r.get("accept", [])}
    assert right / len(rows) >= 0.9, f"{right}/{len(rows)}"
