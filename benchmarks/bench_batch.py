"""``sigcheck batch`` throughput, scaling and memory on generated inputs (written to /tmp, deleted after).

For each input (JSON Lines tabular, JSON Lines image-like, TFRecord of tf.Examples), in the same run:

* the baseline a user's own script would start from: read the file in 4 MB blocks, split lines, ``orjson.loads``
  each line, one core (TFRecord: the same orjson line parse of the tabular file, per MB);
* ``run_batch`` with 1 and with N workers (each in a fresh process: wall time, CPU seconds and peak RSS of that
  process and its children), and the per-core throughput (MB per CPU-second, which other engineers' load on a shared
  machine does not change) as a ratio to the baseline's MB per CPU-second; wall-clock scaling 1 -> N, and the CPU
  efficiency (CPU seconds of 1 worker / of N: 1.0 when splitting adds no work);
* peak RSS for a file of 1/8 the size, to show memory is flat in input size;
* optionally (``--beam-python PATH`` of a venv with apache-beam) Beam's DirectRunner on a slice of the tabular file,
  as a ratio to the local runner on the same slice.

    .venv/bin/python benchmarks/bench_batch.py [--mb 1024] [--workers 2] [--repeat 3] [--beam-python .venv-beam/bin/python]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABULAR = ROOT / "fixtures" / "models" / "keras_tabular"
IMAGE = ROOT / "fixtures" / "models" / "keras_image"
EXAMPLE = ROOT / "tests" / "batch" / "models" / "tf_example"


def gen_tabular(path: Path, size: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    block = b"".join(json.dumps({"age": [round(rng.uniform(17, 90), 2)], "hours": [rng.randint(1, 99)],
                                 "occupation": [rng.choice(["clerk", "nurse", "driver", "chef"])]}).encode() + b"\n"
                     for _ in range(20000))
    _repeat(path, block, size)


def gen_image(path: Path, size: int, seed: int = 0) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    lines = []
    for _ in range(4):
        img = np.round(rng.random((150, 150, 3)), 3).tolist()
        lines.append(json.dumps({"image": img}, separators=(",", ":")).encode() + b"\n")
    _repeat(path, b"".join(lines), size)


def gen_tfrecord(path: Path, size: int, seed: int = 0) -> None:
    from sigcheck.codec.tfrecord import frame
    from tests.batch import wire

    block = b"".join(frame(wire.example(wire.good(i))) for i in range(20000))
    _repeat(path, block, size)


def _repeat(path: Path, block: bytes, size: int) -> None:
    with open(path, "wb") as fh:
        written = 0
        while written < size:
            fh.write(block)
            written += len(block)


BASELINE = """
import sys, time, orjson
t = time.process_time(); n = 0; carry = b""
with open(sys.argv[1], "rb") as fh:
    while True:
        block = fh.read(4 << 20)
        if not block:
            break
        parts = (carry + block).split(b"\\n"); carry = parts.pop()
        for line in parts:
            if line:
                orjson.loads(line); n += 1
print(time.process_time() - t, n)
"""

RUN = """
import json, resource, sys, time
from sigcheck.model import read_model
from sigcheck.batch import run_batch
info = read_model(sys.argv[2])
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
t, c = time.perf_counter(), cpu()
r = run_batch([sys.argv[1]], info, workers=int(sys.argv[3]), runner=sys.argv[4],
              beam_options=["runner=DirectRunner", "direct_num_workers=1"] if sys.argv[4] == "beam" else ())
dt, dc = time.perf_counter() - t, cpu() - c
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": dt, "cpu": dc, "records": r.records, "bad": r.bad_records, "rss_mb": rss / 1024}))
"""


def _py(python: str, code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "2"}
    out = subprocess.run([python, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return out.stdout.strip().splitlines()[-1]


def run(path: Path, model: Path, workers: int, runner: str = "local", python: str = sys.executable) -> dict:
    return json.loads(_py(python, RUN, str(path), str(model), str(workers), runner))


def baseline(path: Path) -> float:
    seconds, _n = _py(sys.executable, BASELINE, str(path)).split()
    return float(seconds)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=1024, help="size of each generated input (MB)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--beam-python", help="python of a venv with apache-beam (make beam-venv: .venv-beam/bin/python)")
    ap.add_argument("--beam-mb", type=int, default=32, help="size of the slice Beam's DirectRunner checks")
    ap.add_argument("--only", help="comma list of inputs: tabular,image,tfrecord")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measurement (medians reported)")
    args = ap.parse_args(argv)
    size = args.mb << 20
    tmp = Path(tempfile.mkdtemp(prefix="sigcheck-bench-batch-", dir="/tmp"))
    print(f"load before: {os.getloadavg()}  cores: {os.cpu_count()}  input: {args.mb} MB each  dir: {tmp}",
          flush=True)
    results = {}
    try:
        cases = [("tabular", "x.jsonl", gen_tabular, TABULAR), ("image", "x.jsonl", gen_image, IMAGE),
                 ("tfrecord", "x.tfrecord", gen_tfrecord, EXAMPLE)]
        only = set(args.only.split(",")) if args.only else None
        tab_base_mb_s = None
        for name, fname, gen, model in cases:
            if only and name not in only:
                continue
            path = tmp / f"{name}-{fname}"
            small = tmp / f"{name}-small-{fname}"
            gen(path, size)
            gen(small, size // 8)
            mb = path.stat().st_size / 2**20
            row: dict = {"mb": round(mb, 1)}
            row["load_before"] = [round(x, 2) for x in os.getloadavg()]
            # each repeat: the baseline, 1 worker, N workers, one after the other (same conditions for each trio);
            # medians over the repeats
            bases, ones, manys = [], [], []
            for _ in range(args.repeat):
                if name != "tfrecord":
                    bases.append(baseline(path))
                ones.append(run(path, model, 1))
                many = run(path, model, args.workers) if name != "tfrecord" or args.workers == 1 else None
                if many is not None:
                    manys.append(many)
            if bases:
                base = _median(bases)
                row["orjson_mb_s"] = round(mb / base, 1)
                if name == "tabular":
                    tab_base_mb_s = mb / base
            one = {k: _median([r[k] for r in ones]) for k in ("seconds", "cpu", "rss_mb")}
            one.update(records=ones[0]["records"], bad=ones[0]["bad"])
            little = run(small, model, 1)
            row.update(records=one["records"], bad=one["bad"],
                       one_core_mb_s=round(mb / one["cpu"], 1),  # per CPU-second: robust to other load
                       wall_1_mb_s=round(mb / one["seconds"], 1),
                       rss_mb=round(one["rss_mb"]), rss_mb_eighth=round(little["rss_mb"]))
            if manys:  # (one TFRecord file is one unit: one worker; N workers would only measure the same again)
                m = {k: _median([r[k] for r in manys]) for k in ("seconds", "cpu", "rss_mb")}
                row.update(wall_n_mb_s=round(mb / m["seconds"], 1),
                           wall_scaling=round(one["seconds"] / m["seconds"], 2),  # median wall 1 / median wall N
                           of_linear=round(one["seconds"] / m["seconds"] / args.workers, 2),
                           wall_scaling_runs=[round(a["seconds"] / b["seconds"], 2) for a, b in zip(ones, manys)],
                           cpu_efficiency_n=round(one["cpu"] / m["cpu"], 2),  # 1.0: N workers do no extra work
                           rss_mb_n=round(m["rss_mb"]))
            if args.repeat > 1:
                row["wall_1_s_runs"] = [round(r["seconds"], 1) for r in ones]
                row["wall_n_s_runs"] = [round(r["seconds"], 1) for r in manys]
                row["orjson_cpu_s_runs"] = [round(b, 1) for b in bases]
                row["cpu_1_s_runs"] = [round(r["cpu"], 1) for r in ones]
            row["load_after"] = [round(x, 2) for x in os.getloadavg()]
            ref = row.get("orjson_mb_s") or tab_base_mb_s
            if ref:
                row["ratio_to_orjson"] = round(row["one_core_mb_s"] / ref, 2)
            results[name] = row
            print(name, json.dumps(row), flush=True)
            path.unlink()
            small.unlink()
        if args.beam_python:
            path = tmp / "beam.jsonl"
            gen_tabular(path, args.beam_mb << 20)
            local = run(path, TABULAR, 1)
            beam = run(path, TABULAR, 1, "beam", args.beam_python)
            results["beam"] = {"mb": args.beam_mb, "local_s": round(local["seconds"], 2),
                               "direct_runner_s": round(beam["seconds"], 2),
                               "ratio_to_local": round(local["seconds"] / beam["seconds"], 3),
                               "cpu_ratio_to_local": round(local["cpu"] / beam["cpu"], 3),
                               "same_counts": (local["records"], local["bad"]) == (beam["records"], beam["bad"])}
            print("beam", json.dumps(results["beam"]), flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load after: {os.getloadavg()}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
