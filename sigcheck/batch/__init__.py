"""``sigcheck batch``: every bad record of a Vertex AI batch-prediction input, found before the job runs.

    run_batch(inputs, info, *, input_format=None, config=InstanceConfig(), runner="local", workers=None,
              beam_options=(), dead_letter=None, shape_check=None, signature=None) -> BatchResult
"""

from __future__ import annotations

import time
from typing import Sequence

from ..errors import InputError
from ..model.contract import checked_location
from ..model.types import ModelInfo
from .instances import InstanceConfig
from .plan import Plan, batch_signature, make_plan
from .result import BatchResult, batch_findings
from .runner import Progress, default_workers, merge, tallies
from .sources import SPLIT_BYTES, Source, expand, units
from .tally import Tally

RUNNERS = ("local", "beam")


def run_batch(inputs: Sequence[str], info: ModelInfo, *, input_format: str | None = None,
              config: InstanceConfig | None = None, runner: str = "local", workers: int | None = None,
              beam_options: Sequence[str] = (), dead_letter: str | None = None, fast: bool = True,
              progress: Progress | None = None, split_bytes: int = SPLIT_BYTES,
              shape_check: str | None = None, signature: str | None = None) -> BatchResult:
    """Check every record of ``inputs`` against ``info``'s ``signature`` (None: serving_default, what a batch
    prediction job calls when given no signature name) as Vertex AI batch prediction sends it, each record with
    validate's findings under validate's ``--signature`` (``shape_check`` as validate's, None = its default);
    raises a SigcheckError only when it cannot run (an unknown ``signature`` among others, before anything is
    read)."""
    start = time.perf_counter()
    batch_signature(info, signature)  # (an unknown name: exit 2 before any input is looked at)
    if runner not in RUNNERS:
        raise InputError(f"unknown --runner {runner!r}", hint="use local or beam")
    if runner == "beam":
        from .beam import check_beam

        check_beam()  # (before anything is read or written)
        if workers is not None:  # (the runner's own options choose Beam's workers: --workers was ignored)
            raise InputError("--workers applies to --runner local only (Beam's runner chooses its own workers)",
                             hint="drop --workers, and pass the runner's option: --beam-option max_num_workers=N "
                                  "(Dataflow), or --beam-option direct_num_workers=N --beam-option "
                                  "direct_running_mode=multi_processing (DirectRunner); or run --runner local "
                                  "--workers N")
    elif beam_options:
        raise InputError("--beam-option applies to --runner beam only", hint="add --runner beam, or drop "
                         "--beam-option (--runner local takes --workers)")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}", hint="omit it to use every core")
    from ..validate.core import SHAPE_CHECK_DEFAULT, SHAPE_CHECKS

    shape_check = shape_check or SHAPE_CHECK_DEFAULT
    if shape_check not in SHAPE_CHECKS:
        raise InputError(f"unknown --shape-check {shape_check!r}", hint=f"use one of: {', '.join(SHAPE_CHECKS)}")
    config = config or InstanceConfig()
    sources = expand(inputs, input_format)
    if dead_letter is not None:
        from .deadletter import check_not_input

        check_not_input(dead_letter, [s.location for s in sources])
    formats = sorted({s.format for s in sources})
    checked = checked_location(info)
    plan, blocking = make_plan(info, formats, config, dead_letter=dead_letter is not None, fast=fast,
                                shape_check=shape_check, signature=signature)
    work = units(sources, split_bytes)
    n_workers = workers or default_workers()
    if blocking:
        return BatchResult(checked, plan.signature, ",".join(formats), Tally(), blocking, tuple(inputs),
                           None, time.perf_counter() - start, runner, n_workers)
    from .deadletter import DeadLetter

    dead = DeadLetter(dead_letter) if dead_letter is not None else None
    try:
        if runner == "beam":
            from .beam import run_beam

            total, read = run_beam(plan, work, beam_options, dead)
        else:
            total, read = merge(plan, work, tallies(plan, work, n_workers), dead, progress)
        if not total.records and not total.counts:
            raise InputError(_no_records(inputs, sources), hint="check that the input is the file the job will read")
        if dead is not None:
            dead.commit()
    except BaseException:
        if dead is not None:
            dead.discard()
        raise
    sig = (info.signatures or {}).get(plan.signature)
    found = batch_findings(total, formats=formats, instance_type=config.instance_type,
                           input_names=tuple(sig.inputs) if sig is not None else ())
    return BatchResult(checked, plan.signature, ",".join(formats), total, found, tuple(inputs),
                       dead_letter, time.perf_counter() - start, runner, n_workers, read)


def _no_records(inputs: Sequence[str], sources: Sequence) -> str:
    """The exit-2 line for inputs without a single record: empty or blank lines only, or (a CSV: line 1 is its
    header, not a record) a header line alone."""
    names = ", ".join(inputs[:3]) + (", …" if len(inputs) > 3 else "")
    one = len(sources) == 1
    headers = sum(s.format == "csv" and _header_alone(s) for s in sources)
    if headers == len(sources):
        what = (f"{'it holds only its header line' if one else 'they hold only their header lines'} (line 1 of a "
                "CSV is its header; the records are the rows after it)")
    elif headers:
        what = "they are empty, blank lines only or a CSV header line alone"
    else:
        what = f"{'it is' if one else 'they are'} empty or blank lines only"
    return f"no records in {names}: {what}; a batch prediction job over no instances predicts nothing"


def _header_alone(source: Source) -> bool:
    """True when ``source`` (a CSV without a record) starts with a line that is not blank: the header read_csv took
    (a byte order mark dropped, as it drops it)."""
    from ..errors import SigcheckError
    from .sources import Unit, open_unit

    try:
        with open_unit(Unit(0, source)) as stream:
            head = stream.read(1 << 16)
    except (OSError, SigcheckError):
        return False
    return bool(head.split(b"\n", 1)[0].removeprefix(b"\xef\xbb\xbf").strip())


__all__ = ["RUNNERS", "BatchResult", "InstanceConfig", "Plan", "run_batch"]
