"""Leave one project out: how ``sigcheck explain`` reads a runtime's messages when the index has never read them.

    python benchmarks/explain_leave_out.py [--show] [--project NAME ...] [--json OUT] [--code DIR] [--index FILE]

Each fresh held-out set brings messages of one more runtime or tool the message index (``messages.json``) has not
read; the generic steps (:mod:`sigcheck.explain.kinds`, ``stage``, ``nearest``, the catalogue) then read them.  This
simulates that on the SPENT sets (:data:`SPENT`, listed by name):

1. every text is read with the whole index; the index entry that decided its best reading is the one the reading
   carries (``Diagnosis.message_entry``: the entry that supplied or confirmed it);
2. index entries are grouped by project (:func:`project`: the repository of a GitHub source, else the library named
   first in the source -- ``keras 3.15.1 …`` -> keras, ``onnxruntime 1.4.0`` -> onnxruntime);
3. for each project P that decided at least one text, ALL of P's entries are dropped from the index (in this
   process: a reduced ``messages.json`` and its ``messages_derived.json`` tables recomputed by
   :func:`sigcheck.explain.derived.build` in a temporary folder, so the nearest and kinds steps do not see P's words
   either) and the texts P decided are read again.

It prints, per project and in total -- separately for the core projects (:data:`CORE`) and all others -- how many of
those texts are still right (category) and what they are read as instead, and by which step.  The non-core total is
the development signal for "a runtime never read".  The full-index figure on all spent sets is printed too.

``--code DIR`` imports sigcheck from another checkout (an older commit's ``git archive``) to compare code on the same
index; ``--index FILE`` reads that ``messages.json`` instead of the checkout's.  CPU: about a minute or two on one
core; run it on demand, not in a loop.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "explain" / "data"
SPENT_NAMES = (
    "threads_2", "threads_3",
    "threads_4_dev", "threads_4_heldout", "threads_5_dev", "threads_5_heldout",
    "threads_6_dev", "threads_6_heldout", "threads_7_dev", "threads_7_heldout",
    "threads_8_dev", "threads_8_heldout", "threads_9_dev", "threads_9_heldout",
    "heldout_errors", "unseen_dev_errors",
)
"""The spent sets, by name (never a glob of data/: a held-out half must never be read)."""
SPENT = [DATA / f"{name}.jsonl" for name in SPENT_NAMES]

CORE = frozenset({"tensorflow", "tensorflow/serving", "keras", "google cloud"})
"""The projects the index was built around; every other one stands for "a runtime the index may not have read"."""

ALIASES = {
    "tensorflow/tensorflow": "tensorflow", "tensorflow-cpu": "tensorflow", "tensorflow-gpu": "tensorflow",
    "tflite-runtime": "tensorflow", "tflite_runtime": "tensorflow", "tf": "tensorflow",
    "keras-team/keras": "keras", "keras-team/tf-keras": "keras", "tf_keras": "keras", "tf-keras": "keras",
    "microsoft/onnxruntime": "onnxruntime", "onnxruntime-gpu": "onnxruntime",
    "docker": "moby/moby", "grpc.github.io": "grpc/grpc", "sagemaker": "aws sagemaker",
    "cloud.google.com": "google cloud", "googleapis/python-aiplatform": "google cloud",
    "denoland/v8": "v8/v8", "tensorflow/tfjs-layers": "tensorflow/tfjs", "tensorflow/tfjs-wechat": "tensorflow/tfjs",
}
"""Names of one project under two spellings (a pip distribution and its repository, a product and its docs, a
fork, a repository split off)."""
ORGS = ("triton-inference-server", "google-coral")
"""Organisations whose repositories are the parts of one runtime (Triton's core, server, backends and clients)."""
_HOSTS = {"docs.aws.amazon.com": lambda path: "aws " + (path.split("/")[0] or "docs")}


def project(source: str) -> str:
    """The project an index entry's source names: a GitHub repository (owner/name, the commit dropped), a
    documentation site, or the library named first (``keras 3.15.1 keras/src/…`` -> keras;
    ``tensorflow/libtensorflow_cc.so.2 (strings …)`` -> tensorflow)."""
    s = source.strip()
    s = re.sub(r"^https?://", "", s)
    first = s.split()[0] if s.split() else ""
    if first.startswith("github.com/"):
        parts = first[len("github.com/"):].split("/")
        name = "/".join(p.split("@")[0] for p in parts[:2]).lower()
        if parts[0].lower() in ORGS:
            name = parts[0].lower()
    elif "." in first.split("/")[0] and "/" in first and not first.split("/")[0].endswith((".so", ".py")):
        host, _, path = first.partition("/")
        name = _HOSTS[host](path) if host in _HOSTS else host
    else:
        name = first.split("/")[0].strip("(),;:").lower()
    return ALIASES.get(name, name)


# ------------------------------------------------------------------------------------------------ reading

def load_rows(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows = []
    for p in paths:
        if not p.exists():
            print(f"(skipped: {p.name} is absent)")
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                r["_set"] = p.stem
                rows.append(r)
    return rows


STEPS = (("(read as the nearest known message)", "nearest"), ("(read from the message's kind", "kinds"),
         ("(read from the stage only", "stage"))


def step_of(found: list[Any]) -> str:
    """Which step gave the best reading: index (an entry supplied or confirmed it), nearest, kinds, stage,
    catalogue (patterns or the traceback's frames, no entry), or unknown (no reading)."""
    if not found:
        return "unknown"
    top = found[0]
    for marker, step in STEPS:
        if marker in top.title:
            return step
    return "index" if top.message_entry is not None else "catalogue"


def read(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from sigcheck.explain import explain_text

    out = []
    for r in rows:
        found = explain_text(r["error_text"])
        top = found[0] if found else None
        entry = top.message_entry if top is not None else None
        out.append({"id": r["id"], "set": r["_set"], "want": r["category"],
                    "got": top.category if top else "unknown", "step": step_of(found),
                    "entry": entry, "project": project(entry.source) if entry is not None else None,
                    "text": r["error_text"]})
    return out


class Reduced:
    """The index without some entries, in force in this process while the ``with`` block runs: a reduced
    ``messages.json`` and its derived tables (computed by derived.build) in a temporary folder, every cache that
    holds the index or its tables cleared on the way in and out."""

    def __init__(self, index_path: Path, drop: str, tmp: Path) -> None:
        self.index_path, self.drop, self.tmp = index_path, drop, tmp

    @staticmethod
    def _clear() -> None:
        from sigcheck.explain import derived, index, kinds, nearest

        for fn in (index.load_index, derived.load, nearest.vocabulary, kinds.model):
            fn.cache_clear()
        index._LOADED.clear()

    def __enter__(self) -> int:
        from sigcheck.explain import derived, index

        data = json.loads(self.index_path.read_bytes())
        kept = [e for e in data["entries"] if project(e["source"]) != self.drop]
        dropped = len(data["entries"]) - len(kept)
        text = json.dumps({**data, "entries": kept}, ensure_ascii=False, indent=None) + "\n"
        (self.tmp / "messages.json").write_text(text, encoding="utf-8")
        self._saved = (index.INDEX_PATH, derived.DERIVED_PATH)
        index.INDEX_PATH = self.tmp / "messages.json"
        (self.tmp / "messages_derived.json").write_text(derived.build(text), encoding="utf-8")
        derived.DERIVED_PATH = self.tmp / "messages_derived.json"
        self._clear()
        return dropped

    def __exit__(self, *exc: object) -> None:
        from sigcheck.explain import derived, index

        index.INDEX_PATH, derived.DERIVED_PATH = self._saved
        self._clear()


def use_index(path: Path) -> None:
    """Read ``path`` as the index (and compute its tables: a derived file of another index never applies)."""
    from sigcheck.explain import derived, index

    if path.resolve() != index.INDEX_PATH.resolve():
        index.INDEX_PATH = path
        derived.DERIVED_PATH = path.with_name("messages_derived.json")
        Reduced._clear()


# ------------------------------------------------------------------------------------------------ report

def leave_out(full: list[dict[str, Any]], index_path: Path, only: set[str] | None) -> dict[str, dict[str, Any]]:
    by_project: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for x in full:
        if x["project"] is not None:
            by_project[x["project"]].append(x)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="leave_out_") as tmp:
        for p in sorted(by_project, key=lambda p: (-len(by_project[p]), p)):
            if only and p not in only:
                continue
            decided = by_project[p]
            rows = [{"id": x["id"], "_set": x["set"], "category": x["want"], "error_text": x["text"]}
                    for x in decided]
            with Reduced(index_path, p, Path(tmp)) as dropped:
                again = read(rows)
            results[p] = {"dropped_entries": dropped, "texts": decided, "again": again}
    return results


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"


def report(full: list[dict[str, Any]], results: dict[str, dict[str, Any]], show: bool) -> dict[str, Any]:
    right_full = sum(x["want"] == x["got"] for x in full)
    print(f"full index, all spent sets: {_pct(right_full, len(full))} right category")
    by_set: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for x in full:
        by_set[x["set"]][0] += x["want"] == x["got"]
        by_set[x["set"]][1] += 1
    print("  " + ", ".join(f"{s} {a}/{b}" for s, (a, b) in by_set.items()))
    steps = Counter(x["step"] for x in full)
    print("  best reading by step: " + ", ".join(f"{k} {v}" for k, v in steps.most_common()))
    print()
    print(f"{'project':40} {'entries':>7} {'texts':>5} {'right before':>12} {'right after':>11}  read as instead")
    summary: dict[str, Any] = {"full": [right_full, len(full)], "projects": {},
                               "texts": [{k: x[k] for k in ("set", "id", "want", "got", "step", "project")}
                                         for x in full]}
    totals = {True: [0, 0, 0], False: [0, 0, 0]}  # core? -> [texts, right before, right after]
    instead_all: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    step_all: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for p, res in results.items():
        before = sum(x["want"] == x["got"] for x in res["texts"])
        after = sum(x["want"] == x["got"] for x in res["again"])
        instead = Counter(f"{x['got']} ({x['step']})" for x in res["again"] if x["want"] != x["got"])
        core = p in CORE
        t = totals[core]
        t[0] += len(res["texts"])
        t[1] += before
        t[2] += after
        instead_all[core].update(x["got"] for x in res["again"] if x["want"] != x["got"])
        step_all[core].update(x["step"] for x in res["again"])
        said = ", ".join(f"{k} x{v}" if v > 1 else k for k, v in instead.most_common())
        print(f"{(p + (' *' if core else ''))[:40]:40} {res['dropped_entries']:7} {len(res['texts']):5} "
              f"{before:12} {after:11}  {said}")
        summary["projects"][p] = {"core": core, "entries": res["dropped_entries"], "texts": len(res["texts"]),
                                  "right_before": before, "right_after": after,
                                  "instead": dict(instead),
                                  "left_out": [{k: x[k] for k in ("set", "id", "want", "got", "step")}
                                               for x in res["again"]]}
    print("* core project")
    print()
    for core, label in ((True, "core projects (" + ", ".join(sorted(CORE)) + ")"), (False, "all other projects")):
        n, before, after = totals[core]
        print(f"{label}: {n} texts decided by their entries; right with the whole index {_pct(before, n)}, "
              f"with the project left out {_pct(after, n)}")
        print(f"   read (left out) by step: " + ", ".join(f"{k} {v}" for k, v in step_all[core].most_common()))
        print(f"   wrong ones read as: " + ", ".join(f"{k} {v}" for k, v in instead_all[core].most_common()))
        summary["core" if core else "non_core"] = {"texts": n, "right_before": before, "right_after": after}
    if show:
        print()
        for p, res in results.items():
            if p in CORE:
                continue
            for x in res["again"]:
                mark = "ok  " if x["want"] == x["got"] else "MISS"
                tail = " ".join(x["text"].split())[-260:]
                print(f"{mark} [{p}] {x['set']}:{x['id']} want {x['want']}, got {x['got']} ({x['step']})\n"
                      f"     {tail}")
    return summary


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="print each non-core text read with its project left out")
    ap.add_argument("--project", action="append", help="leave out only these projects (repeatable)")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    ap.add_argument("--code", type=Path, help="import sigcheck from this checkout instead (another commit's code)")
    ap.add_argument("--index", type=Path, help="read this messages.json instead of the checkout's")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve() if args.code else ROOT))
    from sigcheck.explain import index

    print(f"code: {Path(index.__file__).parents[2]}; index: {args.index or index.INDEX_PATH}; "
          f"load average {os.getloadavg()[0]:.2f}")
    if args.index:
        use_index(args.index)
    index_path = index.INDEX_PATH
    t0 = time.process_time()
    rows = load_rows(SPENT)
    full = read(rows)
    t1 = time.process_time()
    results = leave_out(full, index_path, set(args.project) if args.project else None)
    t2 = time.process_time()
    summary = report(full, results, args.show)
    print(f"\nCPU: {t1 - t0:.1f} s reading {len(rows)} texts with the whole index, {t2 - t1:.1f} s leaving "
          f"{len(results)} projects out")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
