"""The local runner: work units spread over processes, each streamed, merged in input order.

:func:`check_unit` checks one unit (a file, or a byte range of a large local JSON Lines file) and returns its
:class:`~.tally.Tally`; Beam's pipeline calls the same function.  :func:`run_local` hands the units to ``workers``
processes (forked from a parent that has not imported TensorFlow; they never import it), takes the tallies back in unit order,
shifts each unit's line numbers by the lines before it, and writes the dead letter as they arrive: memory holds
the units in flight, never the input.
"""

from __future__ import annotations

import gc
import os
from itertools import compress
from typing import Any, Callable, Iterator, Sequence

from ..errors import SigcheckError
from ..validate.examples import UNCHECKED
from .deadletter import DeadLetter, entry
from .formats import Batch, LineCounter, csv_finding, read_csv, read_file_list, read_jsonl, read_tfrecord
from .plan import Plan
from .records import RecordChecker
from .sources import Unit, open_unit
from .tally import Example, Tally

Progress = Callable[[int, int], None]
"""Called after each unit: (bytes of the units done, records so far)."""

_CHECKERS: dict[int, tuple[Plan, RecordChecker]] = {}


def _checker(plan: Plan) -> RecordChecker:
    hit = _CHECKERS.get(id(plan))
    if hit is None or hit[0] is not plan:
        _CHECKERS.clear()
        hit = (plan, RecordChecker(plan.info, signature=plan.signature, fast=plan.fast,
                                    shape_check=plan.shape_check))
        _CHECKERS[id(plan)] = hit
    return hit[1]


def word_of(unit: Unit) -> str:
    return "record" if unit.source.format.startswith("tf-record") else "line"


def check_unit(plan: Plan, unit: Unit, opener: Callable[[str], Any] | None = None) -> Tally:
    """Check every record of ``unit``; numbers in the tally are relative to the unit's first line.  ``opener``
    opens the file (default: sigcheck.storage; Beam passes its FileSystems)."""
    checker = _checker(plan)
    tally = Tally()
    collect = gc.isenabled()
    gc.disable()  # each batch's parse is many young containers and no cycles: collections would only rescan them
    try:
        _check_unit(plan, checker, unit, opener, tally)
    except Exception as exc:
        if caused_by(exc, MemoryError):  # (a C extension reports it as SystemError from MemoryError: orjson.loads)
            raise MemoryError from None
        raise
    finally:
        if collect:
            gc.enable()
    return tally


def caused_by(exc: BaseException | None, kind: type[BaseException]) -> bool:
    """True when ``exc`` is a ``kind``, or was raised from one or while one was handled (its ``__cause__`` /
    ``__context__`` chain): what a C extension or a framework re-raising the original under another type keeps."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _check_unit(plan: Plan, checker: RecordChecker, unit: Unit, opener: Callable[[str], Any] | None,
                tally: Tally) -> None:
    fmt = unit.source.format
    with open_unit(unit, opener) as stream:
        counter = LineCounter(stream)
        if fmt == "jsonl":
            batches: Iterator[Batch] = read_jsonl(counter, plan.config)
        elif fmt == "csv":
            batches = read_csv(counter, plan.config)
        elif fmt.startswith("tf-record"):
            batches = read_tfrecord(counter, plan.example)  # type: ignore[arg-type]
        else:
            batches = read_file_list(counter)
        for batch in batches:
            _tally_batch(plan, checker, unit, batch, tally)
    tally.lines = counter.lines


def _tally_batch(plan: Plan, checker: RecordChecker, unit: Unit, batch: Batch, tally: Tally) -> None:
    where, order, word = unit.source.location, unit.order, word_of(unit)
    chunk = batch.chunk
    if chunk is not None:  # JSON Lines as written: the file's bytes, vouched for whole before any line is made
        tally.sizes(chunk.lengths())
        if checker.vouch_chunk(chunk):
            tally.records += chunk.count
            for keys, (count, first) in checker.keysets.items():
                tally.keyset(keys, count, order, where, batch.numbers[first])
            for shapes, (count, first) in checker.shapesets.items():
                tally.keyset(shapes, count, order, where, batch.numbers[first], tally.shapesets)
            _tally_unchecked(checker, batch, None, tally, order, where, word)
            return
    instances = batch.lines()
    n = len(instances)
    tally.records += n
    complete = None not in instances
    if chunk is None:
        tally.sizes(map(len, instances) if complete else (len(x) for x in instances if x is not None))
    problems = batch.problems
    keep: list[int] | None = None
    if batch.b64:
        checked = plan.example if unit.source.format.startswith("tf-record") else None  # (read_tfrecord's check)
        found: list[tuple] = [checker.b64_findings(x == b'{"b64":""}', x, checked=checked) if x is not None else ()
                              for x in instances]
    else:
        keep = [i for i in range(n) if instances[i] is not None] if (problems or not complete) else None
        if keep is None:
            found = checker.check(instances, whole_tried=chunk is not None)  # type: ignore[arg-type]
        else:
            found = [()] * n
            for i, f in zip(keep, checker.check([instances[i] for i in keep])):  # type: ignore[misc]
                found[i] = f
        numbers = batch.numbers
        for keys, (count, first) in checker.keysets.items():
            i = keep[first] if keep is not None else first
            tally.keyset(keys, count, order, where, numbers[i])
        for shapes, (count, first) in checker.shapesets.items():
            i = keep[first] if keep is not None else first
            tally.keyset(shapes, count, order, where, numbers[i], tally.shapesets)
    numbers = batch.numbers
    csv = unit.source.format == "csv"
    flagged = sorted(set(compress(range(n), found)) | set(problems)) if problems else compress(range(n), found)
    for i in flagged:
        f = found[i]
        p = problems.get(i)
        if p:
            if any(d.code == "batch.example" for d in p):  # (the reader's tf.Example check: validate's says it again)
                f = tuple(d for d in f if d.code != "request.example")
            f = p + tuple(f)
        if f and csv:
            f = tuple(map(csv_finding, f))
        if f:
            tally.record(order, where, numbers[i], f, key=batch.keys[i] if batch.keys is not None else None,
                         raw=batch.raw(i), keep=plan.dead_letter, word=word)
    if not batch.b64:  # (after the records with findings: a record's own codes keep their order in the tally)
        _tally_unchecked(checker, batch, keep, tally, order, where, word, csv=csv)


def _tally_unchecked(checker: RecordChecker, batch: Batch, keep: list[int] | None, tally: Tally, order: int,
                     where: str, word: str, *, csv: bool = False) -> None:
    """The records of ``batch`` the checker vouched for that validate warns ``request.example_unchecked`` for
    (:attr:`RecordChecker.unchecked`; ``keep``: the batch's indices of the instances checked), tallied at once as
    records without an error: the warning's count, and its first record's finding in validate's words."""
    records, findings, first = checker.unchecked
    if not records:
        return
    i = keep[first] if keep is not None else first
    number = batch.numbers[i]
    finding = checker.unchecked_example(batch.lines()[i])  # type: ignore[arg-type]
    if csv:
        finding = csv_finding(finding)  # (as the records with findings: the one definition of a CSV record's)
    tally.count(UNCHECKED, records, findings, Example((order, number), where, number, finding, word))


# ---------------------------------------------------------------------------------------------- processes

_PLAN: Plan | None = None


def _init(plan_json: dict[str, Any]) -> None:
    global _PLAN
    _PLAN = Plan.from_json(plan_json)
    import signal
    import sys

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (the parent's handler is for the parent; Pool.terminate ends us)
    gcs = sys.modules.get("sigcheck.storage.gcs")
    if gcs is not None:  # a forked child makes its own GCS client (never the parent's connections)
        gcs.GcsBackend._defaults.clear()


def _work(unit: Unit) -> Tally:
    assert _PLAN is not None
    return check_unit(_PLAN, unit)


WATCH_SECONDS = 1.0
"""How often the parent, waiting for a unit's tally, looks whether a worker process has died."""

RECORD_MEMORY = ("checking a record takes memory growing with its size (about 30 times the size of a JSON Lines "
                 "record of numbers: a 60 MB line peaks near 1.8 GB, in each of the --workers processes)")
"""What the out-of-memory errors say (README, batch: Scale)."""


def out_of_memory(units: Sequence[Unit], how: str) -> SigcheckError:
    """The one-line error for a check that ran out of memory (``how``: what happened), naming the inputs."""
    names = list(dict.fromkeys(u.source.location for u in units))
    where = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    return SigcheckError(f"{how} while checking {where}: {RECORD_MEMORY}",
                         hint="run with fewer --workers (--workers 1 holds one record at a time), on a machine with "
                              "more memory, or split the largest records")


def tallies(plan: Plan, units: Sequence[Unit], workers: int) -> Iterator[tuple[Unit, Tally]]:
    """(unit, tally) for every unit, in unit order, checked by ``workers`` processes (1: in this process).

    A worker that dies (the kernel's out-of-memory killer sends SIGKILL) is an error naming it: a Pool replaces a
    dead worker but never returns the unit it held, so waiting for it would hang; a MemoryError (a memory limit)
    is the same error, not an internal one."""
    if workers <= 1 or len(units) <= 1:
        for unit in units:
            try:
                tally = check_unit(plan, unit)
            except MemoryError:
                raise out_of_memory([unit], "memory ran out") from None
            yield unit, tally
        return
    try:
        yield from _pooled(plan, units, workers)
    except MemoryError:
        raise out_of_memory(units, "memory ran out in a worker process") from None


def _pooled(plan: Plan, units: Sequence[Unit], workers: int) -> Iterator[tuple[Unit, Tally]]:
    import multiprocessing

    # fork where there is one (no re-import of the caller's __main__, fast start); the parent holds no TensorFlow
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(min(workers, len(units)), initializer=_init, initargs=(plan.to_json(),)) as pool:
        started: dict[int, Any] = {}
        _dead_worker(pool, started)  # (the workers as started: the pool forgets one it replaces)
        results = pool.imap(_work, units, chunksize=1)
        for unit in units:
            while True:
                try:
                    tally = results.next(timeout=WATCH_SECONDS)
                    break
                except multiprocessing.TimeoutError:
                    dead = _dead_worker(pool, started)
                    if dead is not None:
                        raise out_of_memory(units, dead) from None
            yield unit, tally


def _dead_worker(pool: Any, started: dict[int, Any]) -> str | None:
    """How a worker process of ``pool`` ended, if one did (None: all run).  ``started`` keeps every worker seen
    (the pool forgets the dead one when it replaces it); workers only end when the pool is closed."""
    import signal

    replaced = False
    for process in list(getattr(pool, "_pool", ())):  # (multiprocessing.Pool's worker list: no public accessor)
        if process.pid not in started:
            replaced = bool(started)  # (a worker started after the first ones replaces one that ended)
            started[process.pid] = process
    for process in started.values():
        code = process.exitcode
        if code is not None:
            if code < 0:
                try:
                    name = signal.Signals(-code).name
                except ValueError:
                    name = f"signal {-code}"
                return (f"a worker process was killed ({name}; most likely by the kernel, out of memory)"
                        if -code == signal.SIGKILL else f"a worker process was killed ({name})")
            return f"a worker process exited (code {code})"
    return "a worker process ended" if replaced else None


def merge(plan: Plan, units: Sequence[Unit], results: Iterator[tuple[Unit, Tally]], dead: DeadLetter | None,
          progress: Progress | None = None) -> tuple[Tally, int]:
    """Merge unit tallies in order (numbers shifted by the lines of the file's units before), writing the dead
    letter as they come; returns the total and the bytes read."""
    total = Tally()
    offsets: dict[str, int] = {}
    done = 0
    for unit, tally in results:
        loc = unit.source.location
        offset = offsets.get(loc, 0)
        offsets[loc] = offset + tally.lines
        if dead is not None:
            word = word_of(unit)
            for number, key, findings, raw in tally.entries:
                dead.write(entry(loc, number + offset, key, findings, raw, word))
        tally.entries = []
        total.absorb(tally, offset)
        done += (unit.end or unit.source.size or 0) - unit.start if unit.source.size else 0
        if progress is not None:
            progress(done, total.records)
    return total, done


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
