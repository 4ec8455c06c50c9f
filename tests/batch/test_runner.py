"""The local runner: processes and byte ranges change nothing, memory stays flat, no TensorFlow anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sigcheck.batch import run_batch
from sigcheck.batch.sources import Source, Unit, open_unit

from .conftest import ERROR_LINES, jsonl_text

ROOT = Path(__file__).resolve().parents[2]


def _strip(result) -> dict:
    d = result.to_json()
    d.pop("seconds")
    d.pop("dead_letter")
    return d


def test_ranges_and_workers_change_nothing(tabular, tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(jsonl_text() * 3)  # 780 lines, the bad ones three times
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    a = run_batch([str(path)], tabular, workers=1, dead_letter=str(one))
    b = run_batch([str(path)], tabular, workers=2, dead_letter=str(two), split_bytes=2000)  # ~20 ranges
    assert _strip(a) == _strip(b)
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_text().splitlines()) == a.bad_records == 3 * len(ERROR_LINES)  # 7 error lines a copy
    # (3 only warn)
    assert json.loads(two.read_text().splitlines()[-1])["location"] == f"{path}:{2 * 260 + 211}"


def test_ranges_cover_every_line_once(tmp_path):
    path = tmp_path / "lines.jsonl"
    text = "".join(f"{i}\n" if i % 7 else "\n" for i in range(1, 600)) + "last"
    path.write_text(text)
    size = path.stat().st_size
    src = Source(str(path), str(path), "jsonl", False, size)
    for step in (1, 3, 10, 97, 4096):
        pieces = []
        for start in range(0, size, step):
            end = min(start + step, size)
            with open_unit(Unit(0, src, start, None if end >= size else end)) as fh:
                pieces.append(fh.read())
        assert b"".join(pieces) == text.encode(), step


def _script(body: str) -> str:
    return textwrap.dedent(body)


def test_memory_flat_in_input_size(tmp_path):
    """RSS of a run over 24 MB is within 30 MB of a run over 3 MB (batches are 1 MB, ranges 32 MB)."""
    line = (json.dumps({"age": [31.5], "hours": [40], "occupation": ["clerk"]}) + "\n").encode()
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(line * (3_000_000 // len(line)))
    with open(large, "wb") as fh:
        block = line * (1_000_000 // len(line))
        for _ in range(24):
            fh.write(block)
    probe = _script(f"""
        import resource, sys
        from sigcheck.model import read_model
        from sigcheck.batch import run_batch
        info = read_model({str(ROOT / 'fixtures/models/keras_tabular')!r})
        r = run_batch([sys.argv[1]], info, workers=1)
        assert r.ok, r.to_json()
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, r.records)
    """)
    rss = {}
    for path in (small, large):
        out = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True,
                             cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        kb, records = out.stdout.split()
        rss[path.name] = int(kb)
        assert int(records) == path.stat().st_size // len(line)
    assert rss["large.jsonl"] - rss["small.jsonl"] < 30_000, rss


def test_no_tensorflow_in_the_batch_path(tmp_path):
    from sigcheck.codec.tfrecord import frame

    from . import wire

    records = tmp_path / "r.tfrecord"
    records.write_bytes(b"".join(frame(wire.example(wire.good(i))) for i in range(5)))
    lines = tmp_path / "l.jsonl"
    lines.write_text(jsonl_text(50))
    probe = _script(f"""
        import sys
        from sigcheck.cli.app import run
        from sigcheck.batch.plan import make_plan
        from sigcheck.batch.runner import check_unit
        from sigcheck.batch.sources import expand, units
        from sigcheck.batch.instances import InstanceConfig
        from sigcheck.model import read_model
        codes = [run(["batch", {str(lines)!r}, "--model", {str(ROOT / 'fixtures/models/keras_tabular')!r},
                      "--json", "--workers", "2"]),
                 run(["batch", {str(records)!r}, "--model", {str(ROOT / 'tests/batch/models/tf_example')!r},
                      "--json"])]
        info = read_model({str(ROOT / 'tests/batch/models/tf_example')!r})
        plan, _ = make_plan(info, ["tf-record"], InstanceConfig())
        for unit in units(expand([{str(records)!r}])):
            check_unit(plan, unit)  # what every worker process runs
        sys.stderr.write(repr(codes))
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras")))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert out.stderr.strip().endswith("[1, 0]")
