"""Measure explain's nearest-message reading (sigcheck/explain/nearest.py) and choose its bars (issue #15).

    python benchmarks/explain_nearest.py [--seed N] [--sweep] [--spent]

Three corpora, none of them threads nobody has seen:

* **perturbed** — every index entry's example (or its template with the placeholders filled) changed the way fresh
  texts differ from the source: a word dropped, a typo, two typos, cut short at a random point (end or start), two
  neighbouring words swapped, retyped in lower case without punctuation, wrapped in another prefix with a typo.
  Only the texts that neither the catalogue nor the index reads count (the nearest step runs only on those).
  Right: the nearest reading's category is the entry's.
* **left out** — each entry's own example with the entry (its key) left out of the index: a message the index
  does not have.  A reading of another category is wrong; the same category (another version's wording of it) is
  right; no reading is what it should do when nothing near is known.
* **off topic** — texts that are not about models (a Python SyntaxError, pip, git, npm, prose): any reading is wrong.

``--sweep`` prints precision and recall for a range of thresholds and least weights; ``--spent`` runs the nearest
reading on every text of the spent sets that neither the catalogue nor the index reads, against the thread's
category.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sigcheck.explain import explain_text, load_catalogue, normalize  # noqa: E402
from sigcheck.explain import evidence as ev  # noqa: E402
from sigcheck.explain import index  # noqa: E402
from sigcheck.explain import nearest as near  # noqa: E402
from sigcheck.explain.matcher import match  # noqa: E402

SPENT = ("threads_4_heldout", "threads_4_dev", "threads_3", "threads_2", "heldout_errors", "unseen_dev_errors")

OFF_TOPIC = [
    '  File "train.py", line 12\n    print "hello"\n          ^\nSyntaxError: Missing parentheses in call to \'print\'. '
    'Did you mean print("hello")?',
    "SyntaxError: invalid syntax",
    "IndentationError: unexpected indent",
    "NameError: name 'np' is not defined",
    "ModuleNotFoundError: No module named 'requests'",
    "ImportError: cannot import name 'soft_unicode' from 'markupsafe'",
    "ZeroDivisionError: division by zero",
    "KeyError: 'user_id'",
    "IndexError: list index out of range",
    "AttributeError: 'NoneType' object has no attribute 'split'",
    "TypeError: can only concatenate str (not \"int\") to str",
    "RecursionError: maximum recursion depth exceeded while calling a Python object",
    "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    "FileNotFoundError: [Errno 2] No such file or directory: 'config.yaml'",
    "PermissionError: [Errno 13] Permission denied: '/var/log/app.log'",
    "ERROR: Could not find a version that satisfies the requirement tensorflow==1.5 (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow==1.5",
    "error: externally-managed-environment\n× This environment is externally managed",
    "ERROR: pip's dependency resolver does not currently take into account all the packages that are installed.",
    "error: subprocess-exited-with-error\n× Building wheel for numpy (pyproject.toml) did not run successfully.",
    "fatal: not a git repository (or any of the parent directories): .git",
    "error: failed to push some refs to 'github.com:me/repo.git'",
    "npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree",
    "bash: python: command not found",
    "Segmentation fault (core dumped)",
    "Killed",
    "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null",
    "Exception in thread \"main\" java.lang.ClassNotFoundException: com.example.Main",
    "panic: runtime error: index out of range [3] with length 3",
    "psycopg2.OperationalError: could not connect to server: Connection refused",
    "sqlite3.OperationalError: database is locked",
    "The quick brown fox jumps over the lazy dog while the model trains all night long.",
    "I tried everything in the docs and it still does not work, please help, what am I doing wrong?",
    "Thanks for the reply! Upgrading fixed it for me, closing this issue.",
    "We are pleased to announce the release of version 2.0 with many new features and bug fixes.",
    "CUDA is installed and nvidia-smi shows the GPU, but training is slow compared to my laptop.",
    "make: *** [Makefile:12: all] Error 1",
    "CMake Error at CMakeLists.txt:5 (find_package): Could not find a package configuration file",
    "docker: Error response from daemon: pull access denied for myimage, repository does not exist",
    "AssertionError: expected 3 but got 4",
    "ValueError: invalid literal for int() with base 10: 'abc'",
]


def examples() -> list[tuple[index.Entry, str]]:
    data = json.loads(index.INDEX_PATH.read_text())["entries"]
    out = []
    for e, raw in zip(index.load_index(), data):
        text = raw.get("example") or re.sub(r"\s+", " ", near._PLACEHOLDER.sub("dense_1", e.template)).strip()
        out.append((e, text))
    return out


WRAPPERS = [
    "2024-05-01 10:00:00.000123: E tensorflow_serving/model_servers/server_core.cc:101] {}",
    '{{"error": "{}"}}',
    "Error: {}",
    "[ERROR] worker-3 | {}",
    'status = StatusCode.INVALID_ARGUMENT details = "{}"',
    "Prediction failed: {}",
    "W0101 12:00:00.000000 140 model.py:88] {}",
]


def typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    kind = rng.choice("dist")
    if kind == "d":
        return word[:i] + word[i + 1:]
    if kind == "i":
        return word[:i] + rng.choice("aeiourst") + word[i:]
    if kind == "s":
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + rng.choice("aeiourst") + word[i + 1:]


def perturb(text: str, kind: str, rng: random.Random) -> str | None:
    toks = text.split(" ")
    long = [i for i, t in enumerate(toks) if len(re.sub(r"\W", "", t)) >= 5]
    if kind == "drop":
        cand = [i for i, t in enumerate(toks) if len(re.sub(r"\W", "", t)) >= 3]
        if len(cand) < 3:
            return None
        i = rng.choice(cand)
        return " ".join(toks[:i] + toks[i + 1:])
    if kind in ("typo", "typo2"):
        if len(long) < (2 if kind == "typo2" else 1):
            return None
        for i in rng.sample(long, 2 if kind == "typo2" else 1):
            toks[i] = typo(toks[i], rng)
        return " ".join(toks)
    if kind == "cut":
        if len(text) < 30:
            return None
        return text[: rng.randint(int(len(text) * 0.5), int(len(text) * 0.85))]
    if kind == "cut_head":
        if len(text) < 30:
            return None
        return text[rng.randint(int(len(text) * 0.15), int(len(text) * 0.4)):]
    if kind == "swap":
        if len(toks) < 4:
            return None
        i = rng.randrange(len(toks) - 1)
        toks[i], toks[i + 1] = toks[i + 1], toks[i]
        return " ".join(toks)
    if kind == "retype":
        return re.sub(r"[^\w\s]", " ", text).lower()
    if kind == "wrap_typo":
        if not long:
            return None
        i = rng.choice(long)
        toks[i] = typo(toks[i], rng)
        return rng.choice(WRAPPERS).format(" ".join(toks))
    raise ValueError(kind)


KINDS = ("drop", "typo", "typo2", "cut", "cut_head", "swap", "retype", "wrap_typo")


def exact(text: str, catalogue, exclude: set[str] | None = None) -> bool:
    """Whether the catalogue or the index (without ``exclude``) reads the text (then the nearest step never runs)."""
    line = normalize(text)
    facts = ev.extract(line)
    if match(line, catalogue, facts):
        return True
    return any(h.entry.key not in (exclude or set()) for h in index.match(line, facts))


def build(seed: int) -> dict[str, list[tuple[str, str | None, str]]]:
    """Corpora: name → (text, the right category (None: not about a model / must stay unknown), kind)."""
    rng = random.Random(seed)
    catalogue = load_catalogue()
    pos, loo = [], []
    for e, text in examples():
        exact_reading = explain_text(text)  # the truth: what the message itself reads as (a decider's choice)
        want = exact_reading[0].category if exact_reading else e.category
        for kind in KINDS:
            t = perturb(text, kind, rng)
            if t and not exact(t, catalogue):
                pos.append((t, want, kind))
        if not exact(text, catalogue, exclude={e.key}):
            loo.append((text, want, "left out:" + e.key))
    off = [(t, "-", "off topic") for t in OFF_TOPIC if not exact(t, catalogue)]
    return {"perturbed": pos, "left out": loo, "off topic": off}


def candidates(corpus: list[tuple[str, str | None, str]]) -> list[list[near.Near]]:
    """Every text's near entries above no bar (the bars are applied afterwards, for each point of the sweep)."""
    out = []
    for text, _, kind in corpus:
        exclude = {kind.split(":", 1)[1]} if kind.startswith("left out:") else None
        out.append(near.nearest(normalize(text), exclude=exclude, threshold=0.0, min_weight=0.0))
    return out


_READ: dict[tuple[str, tuple[str, ...]], str | None] = {}


def reading(text: str, kind: str, cands: list[near.Near]) -> str | None:
    """The category explain's nearest step gives (read_nearest over these near entries), None for no reading."""
    key = (text, tuple(n.entry.key for n in cands))
    if key not in _READ:
        exclude = {kind.split(":", 1)[1]} if kind.startswith("left out:") else None
        line = normalize(text)
        found = near.read_nearest(line, ev.extract(line), load_catalogue(), text, near=cands, exclude=exclude)
        _READ[key] = found[0].category if found else None
    return _READ[key]


def score(corpus: list[tuple[str, str | None, str]], found: list[list[near.Near]], threshold: float,
          min_weight: float, show: int = 0) -> dict[str, int]:
    right = wrong = none = 0
    for (text, want, kind), cands in zip(corpus, found):
        kept = [n for n in cands if n.similarity >= threshold and n.weight >= min_weight]
        got = reading(text, kind, kept) if kept else None
        if got is None:
            none += 1
        elif got == want:
            right += 1
        else:
            wrong += 1
            if show:
                show -= 1
                print(f"   wrong ({kind[:60]}): want {want} got {got} (nearest: sim {kept[0].similarity} "
                      f"w {kept[0].weight})\n      text: {text[:150]!r}\n      near: {kept[0].entry.template[:150]!r}")
    return {"n": len(corpus), "right": right, "wrong": wrong, "unread": none}


def spent() -> list[tuple[str, str, str, str]]:
    catalogue = load_catalogue()
    out = []
    for name in SPENT:
        path = ROOT / "tests" / "explain" / "data" / f"{name}.jsonl"
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            r = json.loads(line)
            if exact(r["error_text"], catalogue):
                continue
            line = normalize(r["error_text"])
            got = near.read_nearest(line, ev.extract(line), catalogue, r["error_text"])
            cat = got[0].category if got else "unknown"
            tmpl = str(got[0].evidence.get("nearest_message", ""))[:80] if got else ""
            out.append((f"{name}/{r['id']}", r["category"], cat, tmpl))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--sweep", action="store_true")
    ap.add_argument("--spent", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print this many wrong readings of each corpus")
    args = ap.parse_args(argv)
    t0 = time.process_time()
    corpora = build(args.seed)
    print(f"corpora built in {time.process_time() - t0:.1f} s CPU: " +
          ", ".join(f"{k} {len(v)}" for k, v in corpora.items()))
    found = {k: candidates(v) for k, v in corpora.items()}
    grid = [(th, mw) for th in (0.6, 0.65, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9) for mw in (6.0, 9.0, 12.0)] \
        if args.sweep else [(near.THRESHOLD, near.MIN_WEIGHT)]
    print("threshold min_weight | perturbed right/wrong/unread (precision, recall) | left out right/wrong/unread "
          "(precision) | off topic wrong")
    for th, mw in grid:
        p, lo, off = (score(corpora[k], found[k], th, mw) for k in ("perturbed", "left out", "off topic"))
        prec = p["right"] / max(1, p["right"] + p["wrong"])
        rec = p["right"] / max(1, p["n"])
        lprec = lo["right"] / max(1, lo["right"] + lo["wrong"])
        print(f"{th:.2f} {mw:4.1f} | {p['right']}/{p['wrong']}/{p['unread']} ({prec:.3f}, {rec:.3f}) | "
              f"{lo['right']}/{lo['wrong']}/{lo['unread']} ({lprec:.3f}) | {off['wrong']}/{off['n']}")
    if args.show:
        for k in corpora:
            print(f"{k}: the wrong readings at the chosen bars")
            score(corpora[k], found[k], near.THRESHOLD, near.MIN_WEIGHT, show=args.show)
    by_kind: dict[str, list[int]] = {}
    for (text, want, kind), cands in zip(corpora["perturbed"], found["perturbed"]):
        kept = [n for n in cands if n.similarity >= near.THRESHOLD and n.weight >= near.MIN_WEIGHT]
        got = reading(text, kind, kept) if kept else None
        k = by_kind.setdefault(kind, [0, 0, 0])
        k[0 if got == want else 2 if got is None else 1] += 1
    print("perturbed by kind (right/wrong/unread):", ", ".join(f"{k} {v[0]}/{v[1]}/{v[2]}" for k, v in by_kind.items()))
    if args.spent:
        rows = spent()
        read = [r for r in rows if r[2] != "unknown"]
        ok = sum(r[1] == r[2] for r in read)
        print(f"spent sets, texts no pattern reads: {len(rows)}; nearest reads {len(read)}, right {ok}")
        for r in read:
            print(("ok  " if r[1] == r[2] else "MISS") + f" {r[0]}: want {r[1]} got {r[2]} ({r[3]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
