"""Split a set of real error texts into a working half and a held-out half (issue #15).

The split is random but fixed: ``random.Random(SEED)`` shuffles the record ids (sorted first, so the order of the
files does not matter) and holds out the first half.  Run once, before any entry or pattern is written for the texts;
the held-out half is then measured once, at the end.

    python scripts/explain_split_threads.py [--check]
        threads_2: marks ``"held_out"`` in tests/explain/data/threads_2.jsonl (tests read only the working half).
    python scripts/explain_split_threads.py --merge NAME RAW.jsonl [RAW.jsonl ...]
        merges collectors' files (records without an error text or whose source is already in the project are
        dropped, duplicates by source kept once), then writes tests/explain/data/NAME_dev.jsonl and NAME_heldout.jsonl
        — two files, so building reads the working half without ever loading the held-out one.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SEED = 15
DATA = Path(__file__).resolve().parents[1] / "tests" / "explain" / "data"
PATH = DATA / "threads_2.jsonl"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "errors.jsonl"


def held_out_ids(records: list[dict]) -> set[str]:
    ids = sorted(r["id"] for r in records)
    random.Random(SEED).shuffle(ids)
    return set(ids[: len(ids) // 2])


def split(records: list[dict]) -> list[dict]:
    held = held_out_ids(records)
    return [{**r, "held_out": r["id"] in held} for r in records]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def known_sources(exclude: str) -> set[str]:
    paths = [p for p in DATA.glob("*.jsonl") if not p.name.startswith(exclude)]
    if CORPUS.exists():
        paths.append(CORPUS)
    return {r.get("source", "").strip().rstrip("/") for p in paths for r in read_jsonl(p)} - {""}


def merge(name: str, raws: list[Path]) -> int:
    known = known_sources(name)
    kept: dict[str, dict] = {}
    ids: set[str] = set()
    dropped = {"no text": 0, "known source": 0, "duplicate": 0}
    for raw in raws:
        for r in read_jsonl(raw):
            src = str(r.get("source", "")).strip().rstrip("/")
            text = str(r.get("error_text", "")).strip()
            if not text or not r.get("category"):
                dropped["no text"] += 1
            elif src in known:
                dropped["known source"] += 1
            elif src in kept:
                dropped["duplicate"] += 1
            else:
                rid, n = str(r["id"]), 2
                while rid in ids:
                    rid, n = f"{r['id']}-{n}", n + 1
                ids.add(rid)
                kept[src] = {**r, "id": rid, "source": src}
    records = list(kept.values())
    held = held_out_ids(records)
    for half, want in (("dev", False), ("heldout", True)):
        rows = [{**r, "held_out": want} for r in records if (r["id"] in held) == want]
        (DATA / f"{name}_{half}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                                   encoding="utf-8")
    print(f"{len(records)} records ({len(held)} held out, {len(records) - len(held)} working); dropped {dropped}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if argv[:1] == ["--merge"]:
        if len(argv) < 3:
            print("usage: explain_split_threads.py --merge NAME RAW.jsonl [RAW.jsonl ...]", file=sys.stderr)
            return 2
        return merge(argv[1], [Path(p) for p in argv[2:]])
    if argv not in ([], ["--check"]):
        print(f"explain_split_threads.py: unknown arguments {' '.join(argv)} (-h for usage)", file=sys.stderr)
        return 2
    records = read_jsonl(PATH)
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
