"""Benchmark ``sigcheck predict`` (run on demand: ``python benchmarks/bench_predict.py``; not part of the tests).

1. Per-request overhead, after load, at batch 1 and 32: ``LocalServer.predict(body)`` (decode the JSON request,
   run, write TF Serving's response) against calling the loaded signature directly with numpy arrays
   (``tf.saved_model.load(dir).signatures[key](**arrays)``, what a user would otherwise write); and the stages of
   ``predict`` on their own: the request codec's decode, the bare session call, the response writer.
   Median of N calls, best of 3 interleaved rounds.  For context, the "JSON floor": ``orjson.loads`` +
   ``np.asarray`` of the same body (what any Python JSON client pays before it has arrays to feed).
2. Load: ``sigcheck predict`` and ``saved_model_cli run`` on the same model and input, each a fresh process
   (Python + TensorFlow import + load + one prediction), median of R runs; plus the in-process load time.

Prints a Markdown table (paste it into BENCHMARKS.md under ``## predict``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

MODELS = {  # serving_default of each; requests and arrays from request_and_arrays()
    "keras_tabular": ROOT / "fixtures/models/keras_tabular",
    "module_multi": ROOT / "fixtures/models/module_multi",
    "keras_image": ROOT / "fixtures/models/keras_image",
}


def request_and_arrays(name: str, batch: int, rng: np.random.Generator) -> tuple[bytes, dict[str, np.ndarray]]:
    if name == "keras_tabular":
        age = rng.uniform(18, 80, (batch, 1)).astype(np.float32)
        hours = rng.integers(1, 60, (batch, 1)).astype(np.int64)
        occ = np.array([[b"tech"] if i % 2 else [b"sales"] for i in range(batch)], dtype=object)
        body = {"instances": [{"age": [float(a[0])], "hours": [int(h[0])], "occupation": [o[0].decode()]}
                              for a, h, o in zip(age, hours, occ)]}
        return json.dumps(body).encode(), {"age": age, "hours": hours, "occupation": occ}
    if name == "module_multi":
        x = rng.normal(size=(batch, 3)).astype(np.float32)
        return json.dumps({"instances": x.tolist()}).encode(), {"x": x}
    if name == "keras_image":
        image = rng.uniform(0, 1, (batch, 150, 150, 3)).astype(np.float32)
        return json.dumps({"instances": image.tolist()}).encode(), {"image": image}
    raise KeyError(name)


def json_floor(root: dict) -> list[np.ndarray]:
    """Arrays from a parsed body: each row-format input gathered and converted by numpy, no checks."""
    rows = root["instances"]
    if isinstance(rows[0], dict):
        return [np.asarray([r[k] for r in rows]) for k in rows[0]]
    return [np.asarray(rows)]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000.0)
    return statistics.median(times)


def overhead(runs: int) -> list[dict]:
    import orjson
    import tensorflow as tf

    from sigcheck.codec.request import decode_request
    from sigcheck.codec.response import write_response
    from sigcheck.serving import LocalServer

    rows = []
    rng = np.random.default_rng(0)
    for name, path in MODELS.items():
        server = LocalServer(str(path))
        model = server.model
        direct = tf.saved_model.load(str(model.local_dir)).signatures["serving_default"]
        for batch in (1, 32):
            body, arrays = request_and_arrays(name, batch, rng)
            answer = server.predict(body)
            assert answer.ok, answer.body[:300]
            direct(**{k: tf.constant(v) for k, v in arrays.items()})  # warm up both paths
            result = model.run("serving_default", arrays)
            n = max(3, runs // (20 if name == "keras_image" else 1))
            stages = {
                "predict": lambda: server.predict(body, explain=False),
                "direct": lambda: direct(**{k: tf.constant(v) for k, v in arrays.items()}),
                "session": lambda: model.run("serving_default", arrays),
                "decode": lambda: decode_request(body, server.info.signatures, need_body=False),
                "floor": lambda: json_floor(orjson.loads(body)),
                "write": lambda: write_response(result.outputs, "row", result.dtypes),
            }
            times: dict[str, list[float]] = {k: [] for k in stages}
            for _ in range(3):  # interleave to even out noise from other processes
                for key, fn in stages.items():
                    times[key].append(median_ms(fn, n))
            med = {k: min(v) for k, v in times.items()}  # best of 3 medians
            rows.append({"model": name, "batch": batch, "body_kb": len(body) / 1024, **med,
                         "overhead_vs_direct": med["predict"] / med["direct"] - 1.0})
        server.close()
    return rows


def process_ms(cmd: list[str], runs: int) -> float:
    times = []
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    for _ in range(runs):
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - t0)
        if out.returncode != 0:
            raise RuntimeError(f"{cmd} failed: {out.stderr.decode()[-800:]}")
    return statistics.median(times)


def load_times(runs: int) -> list[dict]:
    from sigcheck.serving import load_model

    bin_dir = Path(sys.executable).parent
    rows = []
    cases = {
        "half_plus_two (TF1)": (ROOT.parent / "shared/external/tfserving-testdata/tensorflow_serving/servables/"
                                "tensorflow/testdata/saved_model_half_plus_two_cpu/00000123",
                                '{"instances": [[1.0], [2.0], [5.0]]}', "x=[[1.0],[2.0],[5.0]]"),
        "keras_tabular (Keras 3)": (ROOT / "fixtures/models/keras_tabular/1",
                                    '{"instances": [{"age": [30.0], "hours": [40], "occupation": ["tech"]}]}',
                                    "age=[[30.0]];hours=[[40]];occupation=[['tech']]"),
    }
    for label, (model_dir, request, exprs) in cases.items():
        if not Path(model_dir).exists():
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write(request)
        sig_cmd = [str(bin_dir / "sigcheck"), "predict", f.name, "--model", str(model_dir)]
        cli_cmd = [str(bin_dir / "saved_model_cli"), "run", "--dir", str(model_dir), "--tag_set", "serve",
                   "--signature_def", "serving_default", "--input_exprs", exprs]
        sig = process_ms(sig_cmd, runs)
        cli = process_ms(cli_cmd, runs)
        t0 = time.perf_counter()
        model = load_model(str(model_dir))
        in_process = time.perf_counter() - t0
        model.close()
        rows.append({"model": label, "sigcheck_s": sig, "saved_model_cli_s": cli, "ratio": sig / cli,
                     "load_in_process_s": in_process})
        os.unlink(f.name)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="timed calls per measurement (overhead)")
    parser.add_argument("--process-runs", type=int, default=3, help="process launches per tool (load)")
    parser.add_argument("--no-load", action="store_true", help="skip the process launches (load times)")
    args = parser.parse_args()
    import tensorflow as tf

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"TensorFlow {tf.__version__}\n")
    print("| model | batch | request KB | `predict` ms | direct signature ms | overhead vs direct "
          "| of which: decode ms | session run ms | write ms | JSON floor ms |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in overhead(args.runs):
        print(f"| {r['model']} | {r['batch']} | {r['body_kb']:.1f} | {r['predict']:.2f} | {r['direct']:.2f} "
              f"| {r['overhead_vs_direct']:+.0%} | {r['decode']:.2f} | {r['session']:.2f} | {r['write']:.2f} "
              f"| {r['floor']:.2f} |")
    if args.no_load:
        return
    print()
    print("| model | `sigcheck predict` (process) s | `saved_model_cli run` (process) s | ratio | load in process s |")
    print("|---|---|---|---|---|")
    for r in load_times(args.process_runs):
        print(f"| {r['model']} | {r['sigcheck_s']:.2f} | {r['saved_model_cli_s']:.2f} | {r['ratio']:.2f} "
              f"| {r['load_in_process_s']:.3f} |")


if __name__ == "__main__":
    main()
