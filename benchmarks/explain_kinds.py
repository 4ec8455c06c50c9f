"""Measure explain's kind reader (sigcheck/explain/kinds.py) ALONE: precision and recall per kind on the spent sets.

    python benchmarks/explain_kinds.py [--threshold T] [--share S] [--sweep] [--leave-out] [--show] [FILE ...]

The kind reader is step 2's last fallback (a text that neither the catalogue, the index nor the nearest message
reads); here it is run on every text of the spent sets as if nothing else had read it, so its figures are those of
a reader that has seen none of them: the kinds are learned from messages.json's templates only, and none of these
sets was read to build them.  A reading is right when its category is the thread's; precision = right / read per
kind, recall = right / texts of that category.  Off-topic texts (not about a model) must stay unread.

Most spent texts are TensorFlow messages the index holds, so the kinds were learned (among others) from their own
templates: ``--leave-out`` learns them anew for each text without the index entries that read it (its patterns'
hits and the nearest message's), which is the case the reader is for: a message whose source nobody read.

The threshold (kinds.THRESHOLD, kinds.SHARE) is chosen for precision (>= 0.85 over all readings): a wrong reading
is worse for users than an honest unknown.  ``--sweep`` prints the figures over a grid of thresholds.
Default FILEs: the spent sets named in SPENT (tests/explain/data/…, /work/shared/corpus/errors.jsonl when present).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sigcheck.explain import index, kinds, nearest  # noqa: E402
from sigcheck.explain.normalize import normalize  # noqa: E402

DATA = ROOT / "tests" / "explain" / "data"
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", ROOT.parent / "shared"))
SPENT = [DATA / f"{name}.jsonl" for name in (
    "threads_2", "threads_3", "threads_4_dev", "threads_4_heldout", "threads_5_dev", "threads_5_heldout",
    "threads_6_dev", "threads_6_heldout",
    "heldout_errors", "unseen_dev_errors")] + [SHARED / "corpus" / "errors.jsonl"]
OFF_TOPIC = [
    "SyntaxError: invalid syntax",
    "AttributeError: 'NoneType' object has no attribute 'split'",
    "IndexError: list index out of range",
    "FileNotFoundError: [Errno 2] No such file or directory: 'data/train.csv'",
    "KeyError: 'username'",
    "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
    "ValueError: invalid literal for int() with base 10: 'abc'",
    "PermissionError: [Errno 13] Permission denied: '/var/log/app.log'",
    "ModuleNotFoundError: No module named 'requests'",
    "fatal: not a git repository (or any of the parent directories): .git",
    "ERROR: Could not find a version that satisfies the requirement tensorflow==1.5 (from versions: none)",
    "The weather today is nice and the model of my car is old, so I will walk to the shop.",
    "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
    "TimeoutError: [Errno 110] Connection timed out",
    "RecursionError: maximum recursion depth exceeded while calling a Python object",
]


def load(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(set, category, text) of every row."""
    out = []
    for p in paths:
        if not p.exists():
            print(f"(skipped: {p} is absent)")
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append((p.stem, r["category"], r["error_text"]))
    return out


def own_entries(line: str) -> frozenset[str]:
    """The keys of the index entries that read the text (its patterns, or the nearest message's reading)."""
    keys = {h.entry.key for h in index.match(line)}
    keys.update(n.entry.key for n in nearest.nearest(line))
    return frozenset(keys)


LEARNED: dict[frozenset[str], kinds.Model] = {}


def measure(rows: list[tuple[str, str, str]], threshold: float, share: float, leave_out: bool = False) -> dict:
    read: Counter[str] = Counter()
    right: Counter[str] = Counter()
    truth: Counter[str] = Counter(cat for _, cat, _ in rows)
    shown = []
    for name, cat, text in rows:
        line = normalize(text)
        learned = None
        if leave_out:
            keys = own_entries(line)
            if keys and keys not in LEARNED:
                LEARNED[keys] = kinds.learn(keys)
            learned = LEARNED.get(keys)
        r = kinds.read_kind(line, text, threshold=threshold, share=share, learned=learned)
        key = r.category if r is not None and r.category is not None else \
            next((k for k, v in kinds.KINDS.items() if r is not None and v is r.kind), None)  # (kinds of categories)
        if key is not None and r is not None and r.kind.reads and r.category is None:
            key = None  # the kind gives its category only when the text names what it needs (a path)
        if key is not None:
            read[key] += 1
            right[key] += cat == key
        shown.append((name, cat, key, r, text))
    off = [t for t in OFF_TOPIC if kinds.read_kind(normalize(t), t, threshold=threshold, share=share) is not None]
    return {"read": read, "right": right, "truth": truth, "shown": shown, "off": off}


def report(m: dict, threshold: float, share: float) -> None:
    read, right, truth = m["read"], m["right"], m["truth"]
    reading = [k for k, v in kinds.KINDS.items() if v.reads]
    n_read, n_right = sum(read[k] for k in reading), sum(right[k] for k in reading)
    print(f"threshold {threshold}, share {share}: {n_read} of {sum(truth.values())} texts given a category, {n_right} "
          f"right: precision {n_right / max(n_read, 1):.2f}; off-topic texts read: {len(m['off'])}/{len(OFF_TOPIC)}")
    print(f"{'kind (category)':38} {'read':>5} {'right':>5} {'prec':>5} {'texts':>5} {'recall':>6}")
    for cat, kind in kinds.KINDS.items():
        p = right[cat] / read[cat] if read[cat] else float("nan")
        n = truth[cat]
        r = right[cat] / n if n else float("nan")
        label = f"{kind.name} ({cat})" + ("" if kind.reads else " *")
        print(f"{label:38} {read[cat]:5} {right[cat]:5} {p:5.2f} {n:5} {r:6.2f}")
    print("* said in the unknown view only (no category)")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--threshold", type=float, default=kinds.THRESHOLD)
    ap.add_argument("--share", type=float, default=kinds.SHARE)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every reading (MISS marks the wrong ones)")
    ap.add_argument("--leave-out", action="store_true",
                    help="learn the kinds without the index entries that read each text (as if the index had not "
                         "read its source: a message of a library nobody read)")
    args = ap.parse_args(argv)
    rows = load(args.files or SPENT)
    t0 = time.process_time()
    if args.sweep:
        for t in (5.0, 6.0, 7.0, 8.0):
            for s in (0.5, 0.55, 0.6, 0.65):
                m = measure(rows, t, s, args.leave_out)
                reading = [k for k, v in kinds.KINDS.items() if v.reads]
                n_read, n_right = sum(m["read"][k] for k in reading), sum(m["right"][k] for k in reading)
                print(f"threshold {t:4} share {s}: read {n_read:4} right {n_right:4} "
                      f"precision {n_right / max(n_read, 1):.3f} off-topic read {len(m['off'])}")
        return 0
    m = measure(rows, args.threshold, args.share, args.leave_out)
    if args.leave_out:
        print("leave-out: each text read with the kinds learned without the index entries that read it")
    cpu = time.process_time() - t0
    report(m, args.threshold, args.share)
    print(f"{cpu / max(len(rows), 1) * 1000:.1f} ms CPU per text (the model learned once: {len(rows)} texts)")
    if args.show:
        for name, cat, got, r, text in m["shown"]:
            if r is None:
                continue
            mark = "ok  " if got == cat else "MISS"
            print(f"{mark} [{name}] want {cat}, got {got} ({r.score}, {r.share}) {r.words} {r.names}\n"
                  f"     {' '.join(text.split())[-220:]}")
        for t in m["off"]:
            print(f"OFF-TOPIC READ: {t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
