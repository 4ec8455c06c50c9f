"""``sigcheck explain`` speed: the whole process, and the library part, with accuracy on the texts it knows.

There is no other tool that explains serving errors, so the process is compared with its own floors measured in
the same run, interleaved: a bare ``python -c pass`` and ``sigcheck --version`` (interpreter + the CLI shell,
which exits before typer parses any parameter). Reported: median wall and CPU time (user + system) over the runs.
The library part is measured in-process: import + catalogue load once, then ``explain_text`` per text, over the
shared corpus and tests/explain/own_cases.py (with top-1 accuracy on each). Not a test: run on demand.

    .venv/bin/python benchmarks/bench_explain.py [--runs 9] [--write]

``--write`` replaces the ``## explain`` section of BENCHMARKS.md (other sections are kept). sigcheck runs with
its modules byte-compiled into a private PYTHONPYCACHEPREFIX, as after ``pip install`` (the Makefile sets
PYTHONDONTWRITEBYTECODE, which would otherwise compile every module on every run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", ROOT.parent / "shared"))
SEED = '{"error": "input must be 4-dimensional[1,1,1,150,150,3]\\n\\t [[{{node conv2d_1/convolution}}]]"}'
GOAL_SECONDS = 0.3


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def library(texts: list[tuple[str, str]], env: dict[str, str]) -> dict[str, float]:
    code = r"""
import json, sys, time
t0 = time.perf_counter()
from sigcheck.explain import explain_text, load_catalogue
load_catalogue()
t1 = time.perf_counter()
cases = json.load(sys.stdin)
right = 0
t2 = time.perf_counter()
for want, text in cases:
    found = explain_text(text)
    right += bool(found) and found[0].category == want
t3 = time.perf_counter()
print(json.dumps({"load_ms": 1000 * (t1 - t0), "per_text_ms": 1000 * (t3 - t2) / len(cases), "right": right,
                  "n": len(cases)}))
"""
    subprocess.run([sys.executable, "-c", "import sigcheck.explain"], env=env, check=True)  # byte-compile
    out = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), capture_output=True, text=True,
                         env=env, check=True)
    return json.loads(out.stdout)


def breakdown(env: dict[str, str], path: str) -> dict[str, float]:
    """CPU seconds of each stage of ``sigcheck explain`` in one fresh process (best of three)."""
    code = r"""
import json, resource, sys
def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime
c0 = cpu()
import sigcheck.cli.app
c1 = cpu()
c2 = c1
import sigcheck.explain as e
c3 = cpu()
e.explain_text(open(sys.argv[1]).read())
c4 = cpu()
print(json.dumps({"interpreter": c0, "cli shell (typer, rich, command modules)": c1 - c0,
                  "explain import + catalogue": c3 - c2,
                  "explain_text": c4 - c3}))
"""
    runs = [json.loads(subprocess.run([sys.executable, "-c", code, path], env=env, capture_output=True, text=True,
                                      check=True).stdout) for _ in range(3)]
    return {k: min(r[k] for r in runs) for k in runs[0]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "error.txt"
        seed.write_text(SEED)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        sigcheck = str(BIN / "sigcheck")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "sigcheck --version": [sigcheck, "--version"],
            "sigcheck explain --json": [sigcheck, "explain", str(seed), "--json"],
            "sigcheck explain (human)": [sigcheck, "explain", str(seed), "--no-color"],
        }
        for argv in commands.values():  # warm the byte-code cache and the page cache
            run_once(argv, env)
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                samples[name].append(run_once(argv, env))

        stages = breakdown(env, str(seed))
        sys.path.insert(0, str(ROOT / "tests" / "explain"))
        from own_cases import CASES  # type: ignore[import-not-found]

        corpus_path = SHARED / "corpus" / "errors.jsonl"
        corpus = [json.loads(line) for line in corpus_path.read_text().splitlines() if line.strip()] \
            if corpus_path.exists() else []
        lib_env = {**env, "PYTHONPATH": str(ROOT)}
        lib_corpus = library([(e["category"], e["error_text"]) for e in corpus], lib_env) if corpus else None
        lib_own = library([(c["category"], c["text"]) for c in CASES], lib_env)

    load = os.getloadavg()[0]
    lines = [
        "## explain",
        "",
        f"`benchmarks/bench_explain.py --runs {args.runs}`, {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} cores, load average {load:.1f} during the run; medians, "
        "fresh processes, interleaved; byte-code cached as after `pip install`.",
        "",
        "| command | wall s | CPU s | wall vs `--version` |",
        "|---|---|---|---|",
    ]
    base = statistics.median(w for w, _ in samples["sigcheck --version"])
    for name, runs in samples.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        lines.append(f"| `{name}` | {wall:.3f} | {cpu:.3f} | {wall / base:.2f}× |")
    lines.append("")
    for label, lib in (("shared corpus", lib_corpus), ("own texts", lib_own)):
        if lib:
            lines.append(f"- library, {label}: import sigcheck.explain (and the sigcheck package) + catalogue {lib['load_ms']:.0f} ms once, then "
                         f"{lib['per_text_ms']:.1f} ms per text; top-1 {lib['right']}/{lib['n']}.")
    lines.append("- where the CPU goes (one process, best of 3): "
                 + "; ".join(f"{k} {1000 * v:.0f} ms" for k, v in stages.items()) + ".")
    cpu_json = statistics.median(c for _, c in samples["sigcheck explain --json"])
    lines.append(f"- goal: whole process under {GOAL_SECONDS} s — CPU {cpu_json:.3f} s "
                 f"({'met' if cpu_json < GOAL_SECONDS else 'not met'}); wall time on this machine follows its load. "
                 "Most of it is the interpreter and the CLI shell (typer, rich) shared by every command.")
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        old = path.read_text() if path.exists() else "# Benchmarks\n"
        if "## explain" in old:
            old = re.sub(r"## explain\n.*?(?=\n## |\Z)", lambda _: text, old, flags=re.S)
            path.write_text(old if old.endswith("\n") else old + "\n")
        else:
            path.write_text(old.rstrip("\n") + "\n\n" + text)


if __name__ == "__main__":
    main()
