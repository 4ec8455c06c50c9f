"""Run every benchmark in this folder, one after another (``make bench``).

Each ``bench_*.py`` measures sigcheck against the tool a user would otherwise use, in the same run, and prints
its table; pass ``--write`` to let the scripts that support it update their section of BENCHMARKS.md.
Benchmarks are run on demand, never by the test suite.  Run them on an otherwise idle machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    write = "--write" in argv
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        args = [sys.executable, str(script)]
        if write and "--write" in script.read_text():
            args.append("--write")
        print(f"== {script.name}", flush=True)
        if subprocess.run(args).returncode != 0:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
