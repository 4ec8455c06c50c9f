"""Whole-process ``sigcheck inspect MODEL --json`` against ``saved_model_cli show --dir MODEL --all``.

Both tools run as fresh processes on the same models in the same run, interleaved (so background load hits both
alike). Also timed: the same work without the command line ("library": ``python -c`` + ``read_model`` +
``contract.dumps``) and the same command through the typer application (``inspect --json -- MODEL``: the ``--``
makes the command line "not plain", so it does not take the typer-free road of ``sigcheck.cli.main``).
The machine's load average is sampled before each model and stated with the results: on a shared machine, run it
when ``uptime`` is lowest, and repeat. Reported per model: median wall and CPU time over the runs and their
ratios, and peak RSS (each child's own rusage, from ``os.wait4``). Not a test: run on demand.

    .venv/bin/python benchmarks/bench_inspect.py [--runs 7] [--cli-runs 3] [--write]

``--write`` replaces the ``## inspect`` section of BENCHMARKS.md with the results (other sections are kept).

sigcheck runs with its modules byte-compiled into a private ``PYTHONPYCACHEPREFIX`` (what ``pip install`` does
for a user; the checkout's Makefile sets PYTHONDONTWRITEBYTECODE, which would otherwise make every run compile
sigcheck from source). saved_model_cli uses TensorFlow's installed .pyc files as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", ROOT.parent / "shared"))
TFS = SHARED / "external" / "tfserving-testdata" / "tensorflow_serving" / "servables" / "tensorflow" / "testdata"
GOAL_SPEEDUP = 40.0
GOAL_RSS_MIB = 100.0


def models() -> list[tuple[str, Path]]:
    """(label, version folder): saved_model_cli wants the folder holding saved_model.pb; sigcheck gets the same."""
    out = [(f"fixtures/{n}", ROOT / "fixtures" / "models" / n / "1")
           for n in ("keras_image", "keras_tabular", "module_multi", "tf1_keep_prob")]
    for name in ("saved_model_half_plus_two_cpu", "saved_model_half_plus_two_tf2_cpu"):
        path = TFS / name / "00000123"
        if path.exists():
            out.append((f"tfserving/{name}", path))
    return [(label, path) for label, path in out if (path / "saved_model.pb").exists()]


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run ``argv`` once: (wall seconds, CPU seconds = user + system, peak RSS MiB), from the child's own rusage
    (``os.wait4``: microsecond CPU times, where ``/usr/bin/time`` rounds to 10 ms). Fails on a non-zero exit."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        if code != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(argv)} failed ({code}): {err.read().decode(errors='replace')[-2000:]}")
    maxrss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, usage.ru_utime + usage.ru_stime, maxrss


def tool_env(pycache: str) -> tuple[dict[str, str], dict[str, str]]:
    base = dict(os.environ, NO_GCE_CHECK="true", TF_CPP_MIN_LOG_LEVEL="2", CUDA_VISIBLE_DEVICES="-1")
    base.pop("PYTHONPYCACHEPREFIX", None)
    ours = dict(base, PYTHONPYCACHEPREFIX=pycache)
    ours.pop("PYTHONDONTWRITEBYTECODE", None)
    return ours, base


def versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {}
    for dist in ("sigcheck", "tensorflow", "protobuf", "typer"):
        try:
            out[dist] = md.version(dist)
        except md.PackageNotFoundError:
            out[dist] = "absent"
    return out


LIBRARY_ONLY = (
    "import sys\n"
    "from sigcheck.model import contract, read_model\n"
    "sys.stdout.write(contract.dumps(read_model(sys.argv[1])))\n"
)
"""The same work without the command line, to show what the command line itself costs."""


def run(runs: int, cli_runs: int, only: str | None = None) -> dict:
    sigcheck = str(BIN / "sigcheck")
    saved_model_cli = shutil.which("saved_model_cli", path=str(BIN)) or shutil.which("saved_model_cli")
    if saved_model_cli is None:
        raise SystemExit("saved_model_cli is not installed (pip install 'sigcheck[tf]')")
    results = []
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="sigcheck-bench-pyc-") as pycache:
        ours_env, cli_env = tool_env(pycache)
        for label, path in models():
            if only and only not in label:
                continue
            if hasattr(os, "getloadavg"):
                loads.append(os.getloadavg()[0])
            argvs = {
                "sigcheck": [sigcheck, "inspect", str(path), "--json"],
                "typer": [sigcheck, "inspect", "--json", "--", str(path)],
                "library": [sys.executable, "-c", LIBRARY_ONLY, str(path)],
                "saved_model_cli": [saved_model_cli, "show", "--dir", str(path), "--all"],
            }
            envs = {"sigcheck": ours_env, "typer": ours_env, "library": ours_env, "saved_model_cli": cli_env}
            counts = {"sigcheck": runs, "typer": runs, "library": runs, "saved_model_cli": cli_runs}
            out = subprocess.run(argvs["sigcheck"], env=ours_env, capture_output=True, text=True, check=True).stdout
            lib = subprocess.run(argvs["library"], env=ours_env, capture_output=True, text=True, check=True).stdout
            via_typer = subprocess.run(argvs["typer"], env=ours_env, capture_output=True, text=True,
                                       check=True).stdout
            assert json.loads(lib) == json.loads(out) == json.loads(via_typer)
            n_sigs = len(json.loads(out)["signatures"])  # the warm-up runs also fill the .pyc cache
            measure(argvs["saved_model_cli"], cli_env)  # warm-up: file cache
            samples: dict[str, list[tuple[float, float, float]]] = {k: [] for k in argvs}
            for i in range(max(counts.values())):  # interleaved, so background load hits every tool alike
                for tool, argv in argvs.items():
                    if i < counts[tool]:
                        samples[tool].append(measure(argv, envs[tool]))
            row: dict = {"model": label, "signatures": n_sigs}
            for tool, got in samples.items():
                row[f"{tool}_s"] = statistics.median(w for w, _, _ in got)
                row[f"{tool}_cpu_s"] = statistics.median(c for _, c, _ in got)
                row[f"{tool}_mib"] = max(m for _, _, m in got)
            row["speedup"] = row["saved_model_cli_s"] / row["sigcheck_s"]
            row["cpu_ratio"] = row["saved_model_cli_cpu_s"] / row["sigcheck_cpu_s"]
            row["memory_ratio"] = row["saved_model_cli_mib"] / row["sigcheck_mib"]
            results.append(row)
            print(f"{label:45s} sigcheck {row['sigcheck_s']:.3f} s (cpu {row['sigcheck_cpu_s']:.3f}) "
                  f"{row['sigcheck_mib']:4.1f} MiB | typer {row['typer_s']:.3f} s | library {row['library_s']:.3f} s | "
                  f"saved_model_cli "
                  f"{row['saved_model_cli_s']:.2f} s (cpu {row['saved_model_cli_cpu_s']:.2f}) "
                  f"{row['saved_model_cli_mib']:4.0f} MiB | {row['speedup']:.1f}x wall, {row['cpu_ratio']:.1f}x cpu",
                  flush=True)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load:
        loads.append(load[0])
    return {
        "runs": runs, "cli_runs": cli_runs, "rows": results, "versions": versions(), "loads": loads,
        "rss_source": "the child's rusage (os.wait4)",
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
                   f"{platform.python_version()}" + (
                       f", 1-minute load average {min(loads):.1f}–{max(loads):.1f} during the run (sampled before "
                       f"each model and at the end)" if loads else ""),
    }


def verdict(values: list[float], goal: float) -> str:
    return "met" if min(values) >= goal else ("met by the median only" if statistics.median(values) >= goal
                                              else "not met")


def markdown(res: dict, repeats: list[dict] | tuple = (), note: str = "") -> str:
    rows = res["rows"]
    walls = [r["speedup"] for r in rows]
    cpus = [r["cpu_ratio"] for r in rows]
    peak = max(r["sigcheck_mib"] for r in rows)
    lib_wall = [r["saved_model_cli_s"] / r["library_s"] for r in rows]
    lib_cpu = [r["saved_model_cli_cpu_s"] / max(r["library_cpu_s"], 1e-3) for r in rows]
    cli_cost = [r["sigcheck_cpu_s"] - r["library_cpu_s"] for r in rows]
    has_typer = all("typer_s" in r for r in rows)
    v = res["versions"]
    lines = [
        "## inspect",
        "",
        "`sigcheck inspect MODEL --json` against `saved_model_cli show --dir MODEL --all` (the tool a user would "
        "otherwise run): whole processes, same models (the version folder), same run, interleaved. "
        "Produced by `.venv/bin/python benchmarks/bench_inspect.py --write`.",
        "",
        f"- {res['machine']}; sigcheck {v['sigcheck']}, TensorFlow {v['tensorflow']}, protobuf {v['protobuf']}, "
        f"typer {v['typer']}. The machine's 2 cores are shared with other work: the load average is the one stated.",
        f"- Medians of {res['runs']} runs (sigcheck) and {res['cli_runs']} runs (saved_model_cli) after a warm-up "
        f"run each; CPU = user + system time of the process; peak RSS = the largest run, from {res['rss_source']}.",
        "- \"library\" is the same work in a fresh process without the command line "
        "(`python -c` + `read_model` + `contract.dumps`)."
        + (" \"via typer\" is the same command through the typer application (`inspect --json -- MODEL`): a plain "
           "`inspect MODEL --json` command line is answered without importing typer (`sigcheck.cli.main`), "
           "anything else goes through typer, which imports only the module of the command that runs."
           if has_typer else ""),
        "",
        "| model | sigs | sigcheck wall | cpu | RSS | " + ("via typer wall | cpu | " if has_typer else "")
        + "library wall | cpu | saved_model_cli wall | cpu | RSS | faster (wall) | (cpu) |",
        "|---|---:|---:|---:|---:|" + ("---:|---:|" if has_typer else "") + "---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        typer_cols = (f"{r['typer_s'] * 1000:.0f} ms | {r['typer_cpu_s'] * 1000:.0f} ms | " if has_typer else "")
        lines.append(
            f"| {r['model']} | {r['signatures']} | {r['sigcheck_s'] * 1000:.0f} ms | "
            f"{r['sigcheck_cpu_s'] * 1000:.0f} ms | {r['sigcheck_mib']:.0f} MiB | {typer_cols}"
            f"{r['library_s'] * 1000:.0f} ms | "
            f"{r['library_cpu_s'] * 1000:.0f} ms | {r['saved_model_cli_s']:.2f} s | {r['saved_model_cli_cpu_s']:.2f} s | "
            f"{r['saved_model_cli_mib']:.0f} MiB | {r['speedup']:.1f}x | {r['cpu_ratio']:.1f}x |")
    lines += [
        "",
        f"Speed-up, median over models: {statistics.median(walls):.1f}x wall (lowest {min(walls):.1f}x), "
        f"{statistics.median(cpus):.1f}x CPU (lowest {min(cpus):.1f}x); goal ≥ {GOAL_SPEEDUP:.0f}x: wall "
        f"{verdict(walls, GOAL_SPEEDUP)}, CPU {verdict(cpus, GOAL_SPEEDUP)}. Peak memory {peak:.0f} MiB against "
        f"{min(r['saved_model_cli_mib'] for r in rows):.0f}+ MiB (goal ≤ {GOAL_RSS_MIB:.0f} MiB: "
        f"{'met' if peak <= GOAL_RSS_MIB else 'not met'}).",
        "",
        f"Reading alone (the library column) is {statistics.median(lib_wall):.0f}x faster in wall time and "
        f"{statistics.median(lib_cpu):.0f}x in CPU (median over models); the command line adds "
        f"{statistics.median(cli_cost) * 1000:.0f} ms CPU to it (median)."
        + (f" Through typer {v['typer']} the same command costs "
           f"{statistics.median(r['typer_cpu_s'] - r['library_cpu_s'] for r in rows) * 1000:.0f} ms CPU more than "
           "the library (importing typer, building the one command, parsing)."
           if has_typer else "")
        + " sigcheck pins typer below 0.29, which imports pydantic and builds a TypeAdapter for each option on every "
        "call: about 0.2 s more per command.",
        "",
    ]
    for n, other in enumerate(repeats, 2):
        w = [r["speedup"] for r in other["rows"]]
        c = [r["cpu_ratio"] for r in other["rows"]]
        low = min(other["rows"], key=lambda r: r["speedup"])
        loads = other.get("loads") or [0.0]
        lines += [
            f"Run {n} (same settings, load average {min(loads):.1f}–{max(loads):.1f}): {statistics.median(w):.1f}x "
            f"wall (lowest {min(w):.1f}x, {low['model']}: sigcheck {low['sigcheck_s'] * 1000:.0f} ms, library "
            f"{low['library_s'] * 1000:.0f} ms), {statistics.median(c):.1f}x CPU (lowest {min(c):.1f}x); goal: wall "
            f"{verdict(w, GOAL_SPEEDUP)}, CPU {verdict(c, GOAL_SPEEDUP)}.",
            "",
        ]
    if note:
        lines += [note, ""]
    return "\n".join(lines)


def write_section(text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Replace (or append) the ``## inspect`` section, leaving every other section as it is."""
    old = path.read_text() if path.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^## inspect\n.*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(lambda _: text + "\n", old, count=1) if pattern.search(old) else \
        old.rstrip("\n") + "\n\n" + text + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(new)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="sigcheck runs per model (median)")
    ap.add_argument("--cli-runs", type=int, default=3, help="saved_model_cli runs per model (median; ~5 s each)")
    ap.add_argument("--write", action="store_true", help="update the '## inspect' section of BENCHMARKS.md")
    ap.add_argument("--json", action="store_true", help="print the raw results as JSON")
    ap.add_argument("--note", default="", help="a paragraph to add under the results (e.g. the previous figures)")
    ap.add_argument("--only", metavar="TEXT", help="only the models whose label contains TEXT (a quick check)")
    ap.add_argument("--from-json", metavar="FILE", nargs="+", help="render results saved with --json instead of "
                    "measuring; further files are repeat runs, summarised under the table")
    args = ap.parse_args(argv)
    saved = [json.loads(Path(f).read_text()) for f in args.from_json or ()]
    res = saved[0] if saved else run(args.runs, args.cli_runs, args.only)
    text = markdown(res, saved[1:], args.note)
    print()
    print(text)
    if args.json:
        print(json.dumps(res, indent=1))
    if args.write:
        write_section(text)
        print("updated BENCHMARKS.md (## inspect)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
