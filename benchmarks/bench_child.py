"""Benchmark what the model's own process costs (run on demand: ``python benchmarks/bench_child.py``; not a test).

sigcheck runs models in a child process (``sigcheck.serving.child``) so that a crash, a hang or runaway memory is
a result and not sigcheck's death, and so that the kernels are stated.  This measures its price against running the
same model in-process (``sigcheck.serving.session.load_model``, what sigcheck did before and what a user's own
``tf.compat.v1`` script does), in the same run:

1. First answer: a fresh Python process that answers one request, from start to answer (imports, TensorFlow, load,
   run), in-process vs child, median of R runs each, interleaved.
2. Per request after load, at batch 1 and 32: ``sigcheck.serving.predict`` (decode the JSON body, run, write TF
   Serving's response) with the in-process model vs the child, median of N calls, best of 3 interleaved rounds.

Prints a Markdown table (BENCHMARKS.md, ``## model process``) with the machine's load before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"  # both sides on stock kernels: only the process boundary differs

MODELS = {"keras_tabular": ROOT / "fixtures/models/keras_tabular",
          "keras_image": ROOT / "fixtures/models/keras_image"}


def body(name: str, batch: int) -> bytes:
    rng = np.random.default_rng(0)
    if name == "keras_tabular":
        return json.dumps({"instances": [{"age": [float(rng.uniform(18, 80))], "hours": [int(rng.integers(1, 60))],
                                          "occupation": ["tech"]} for _ in range(batch)]}).encode()
    return json.dumps({"instances": rng.random((batch, 150, 150, 3)).round(4).tolist()}).encode()


FIRST = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from sigcheck.serving import predict
{load}
answer = predict(model, open({req!r}, "rb").read())
assert answer.ok, answer.body[:200]
print(time.perf_counter() - t0)
"""
LOADS = {"in-process": "from sigcheck.serving.session import load_model\nmodel = load_model({model!r})",
         "child": "from sigcheck.serving import start_model\nmodel = start_model({model!r})"}


def first_answer(name: str, runs: int, req: Path) -> dict[str, float]:
    times: dict[str, list[float]] = {k: [] for k in LOADS}
    for _ in range(runs):
        for kind, load in LOADS.items():
            code = FIRST.format(root=str(ROOT), load=load.format(model=str(MODELS[name])), req=str(req))
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 env=dict(os.environ, NO_GCE_CHECK="true"))
            times[kind].append(float(out.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(v) for k, v in times.items()}


def per_request(name: str, batch: int, calls: int) -> dict[str, float]:
    from sigcheck.serving import predict, start_model
    from sigcheck.serving.session import load_model

    data = body(name, batch)
    models = {"in-process": load_model(str(MODELS[name])), "child": start_model(str(MODELS[name]))}
    best: dict[str, float] = {}
    try:
        for kind, model in models.items():
            for _ in range(3):
                predict(model, data, explain=False)  # warm
        for _ in range(3):
            for kind, model in models.items():
                samples = []
                for _ in range(calls):
                    t = time.perf_counter()
                    answer = predict(model, data, explain=False)
                    samples.append(time.perf_counter() - t)
                    assert answer.ok
                best[kind] = min(best.get(kind, float("inf")), statistics.median(samples) * 1000)
    finally:
        for model in models.values():
            model.close()
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per kind for the first answer")
    ap.add_argument("--calls", type=int, default=30, help="calls per round for the per-request figures")
    args = ap.parse_args()
    load_before = os.getloadavg()
    rows = []
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in MODELS:
            req = Path(tmp) / f"{name}.json"
            req.write_bytes(body(name, 1))
            first = first_answer(name, args.runs, req)
            rows.append(f"| {name} | first answer (fresh process) | {first['in-process']:.2f} s | "
                        f"{first['child']:.2f} s | {first['child'] / first['in-process']:.2f}× |")
            for batch in (1, 32):
                per = per_request(name, batch, args.calls if batch == 1 or name != "keras_image" else 5)
                rows.append(f"| {name} | per request, batch {batch} | {per['in-process']:.2f} ms | "
                            f"{per['child']:.2f} ms | {per['child'] / per['in-process']:.2f}× |")
    load_after = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores, load average {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print("| model | what | in-process | child process | child / in-process |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
