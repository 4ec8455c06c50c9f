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


class _Late(Exception):
    pass


def _in_time(seconds, fn):
    """``fn()`` or _Late after ``seconds`` (a run that would hang fails instead: the pool is left by its ``with``)."""
    import signal

    def late(signum, frame):
        raise _Late(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, late)
    signal.alarm(seconds)
    try:
        return fn()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_killed_worker_is_an_error_not_a_hang(tabular, tmp_path, monkeypatch):
    """u3 F16: a worker killed while checking (the kernel's out-of-memory killer sends SIGKILL) made the parent wait
    forever (multiprocessing.Pool replaces the worker, never the unit it held); now one error naming it, and the
    dead letter's temporary file is gone."""
    import signal

    import pytest

    from sigcheck.batch import runner
    from sigcheck.errors import SigcheckError

    real = runner.check_unit

    def check_unit(plan, unit, opener=None):
        if unit.order == 1:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(plan, unit, opener)

    monkeypatch.setattr(runner, "check_unit", check_unit)  # (forked workers inherit it)
    paths = [tmp_path / f"part-{i}.jsonl" for i in range(3)]
    for p in paths:
        p.write_text(jsonl_text(40))
    dead = tmp_path / "dead.jsonl"
    with pytest.raises(SigcheckError) as caught:
        _in_time(60, lambda: run_batch([str(p) for p in paths], tabular, workers=2, dead_letter=str(dead)))
    message = str(caught.value)
    assert message.startswith("a worker process was killed (SIGKILL; most likely by the kernel, out of memory) "
                              f"while checking {paths[0]}, {paths[1]}, {paths[2]}: checking a record takes memory")
    assert "--workers" in caught.value.hint
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in paths)


def test_memory_errors_are_said_once(tabular, tmp_path, monkeypatch):
    """u3 F16: running out of memory (a MemoryError, or the SystemError orjson raises from one) while checking a
    record is one line naming the input, exit 2 -- not ``internal error: SystemError`` -- in this process and in a
    worker."""
    import pytest

    from sigcheck.batch import records
    from sigcheck.errors import SigcheckError

    def check(self, instances, *, whole_tried=False):
        try:
            raise MemoryError
        except MemoryError as exc:
            raise SystemError("<built-in function loads> returned a result with an exception set") from exc

    monkeypatch.setattr(records.RecordChecker, "check", check)
    monkeypatch.setattr(records.RecordChecker, "vouch_chunk", lambda self, chunk: False)
    paths = [tmp_path / f"part-{i}.jsonl" for i in range(2)]
    for p in paths:
        p.write_text(jsonl_text(20))
    for workers, start in ((1, f"memory ran out while checking {paths[0]}: "),
                           (2, f"memory ran out in a worker process while checking {paths[0]}, {paths[1]}: ")):
        with pytest.raises(SigcheckError) as caught:
            _in_time(60, lambda: run_batch([str(p) for p in paths], tabular, workers=workers))
        assert str(caught.value).startswith(start + "checking a record takes memory growing with its size"), caught
