"""``--runner beam``: the same per-unit check (:func:`~.runner.check_unit`) as an Apache Beam pipeline.

The launcher expands the inputs into work units and reads the model; the workers get the plan (the model's
``inspect --json`` contract, the signature the records are checked against (``--signature``), the tf.Example spec,
the instanceConfig) as a side input and never see the SavedModel or TensorFlow.  Files are read through Beam's ``FileSystems`` (local, and ``gs://`` with ``apache-beam[gcp]``), by
sigcheck's own readers: Beam's ``ReadFromText`` drops line numbers and ``ReadFromTFRecord`` stops at a corrupt
record instead of reporting it.

The pipeline:

    units ─ Reshuffle ─ check_unit ─┬─ lines per unit ─────────────────→ offsets (side input)
                                    ├─ dead-letter lines (shifted) ────→ text shards in a temp folder
                                    └─ tallies (shifted) ─ merge ──────→ one pickled total in the temp folder

After it finishes, the launcher reads the total back, and writes the dead letter (sorted by unit and line, as the
local runner writes it) through :class:`~.deadletter.DeadLetter`: the same bytes as ``--runner local``.
"""

from __future__ import annotations

import base64
import logging
import pickle
import tempfile
import uuid
from typing import Any, Sequence

from ..errors import InputError
from .deadletter import DeadLetter, entry
from .plan import Plan
from .runner import caused_by
from .sources import Unit
from .tally import Tally

LOCAL_RUNNERS = ("DirectRunner", "PrismRunner", "direct", "prism", "")


def pipeline_args(options: Sequence[str]) -> list[str]:
    """``KEY=VALUE`` pairs as Beam pipeline flags (``--KEY=VALUE``)."""
    args = []
    for item in options:
        key, sep, value = item.partition("=")
        key = key.strip().lstrip("-")
        if not sep or not key:
            raise InputError(f"--beam-option {item!r} is not KEY=VALUE",
                             hint="for example --beam-option runner=DataflowRunner --beam-option project=my-project")
        args.append(f"--{key}={value}")
    return args


def _open(location: str) -> Any:
    from apache_beam.io.filesystem import CompressionTypes
    from apache_beam.io.filesystems import FileSystems

    return FileSystems.open(location, compression_type=CompressionTypes.UNCOMPRESSED)


def _check(unit: Unit, plan_json: dict) -> tuple[int, Tally]:
    from .runner import check_unit

    plan = _plans.get(id(plan_json))
    if plan is None:
        _plans.clear()
        plan = _plans[id(plan_json)] = Plan.from_json(plan_json)
    return unit.order, check_unit(plan, unit, opener=_open)


_plans: dict[int, Plan] = {}


def _offsets(lines: dict[int, int], units: dict[int, str]) -> dict[int, int]:
    """Unit order → lines of the same file's units before it."""
    out, seen = {}, {}
    for order in sorted(units):
        loc = units[order]
        out[order] = seen.get(loc, 0)
        seen[loc] = out[order] + lines.get(order, 0)
    return out


class _QuietInterrupt(logging.Filter):
    """Drops the log records of an interrupt: Beam logs a step's exception with its traceback before re-raising it
    (``_LOGGER.exception`` in ``_reraise_augmented``); for Ctrl-C the user gets ``interrupted`` as with the local
    runner, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        info = record.exc_info
        return not (info and info[0] is not None and issubclass(info[0], KeyboardInterrupt))


PROTOBUF_PIN = 7
"""apache-beam pins protobuf below this major version; TensorFlow 2.21 / grpcio-tools ([dev]) use it."""


def check_beam() -> None:
    """MissingExtraError (before anything runs) when apache_beam is not installed, with the install the README
    documents: in an environment whose protobuf is at or above apache-beam's pin (this project's ``.venv``),
    installing the extra here would downgrade protobuf under TensorFlow, so the hint is a venv of its own
    (``make beam-venv`` in a clone)."""
    from .._optional import require_installed
    from ..errors import MissingExtraError

    try:
        require_installed("apache_beam", purpose="--runner beam")
    except MissingExtraError as exc:
        raise MissingExtraError(str(exc), hint=beam_install_hint(exc.hint)) from None


def beam_install_hint(default: str | None) -> str | None:
    import os
    from importlib import metadata

    try:
        major = int(metadata.version("protobuf").split(".")[0])
    except (metadata.PackageNotFoundError, ValueError):
        return default
    if major < PROTOBUF_PIN:
        return default
    clone = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    why = (f"apache-beam pins protobuf < {PROTOBUF_PIN}, and this environment has protobuf {major} (TensorFlow, "
           "grpcio-tools): install it into a venv of its own, never into this one")
    makefile = os.path.join(clone, "Makefile")
    try:
        with open(makefile, encoding="utf-8") as fh:
            in_clone = "beam-venv:" in fh.read()
    except OSError:
        in_clone = False
    if in_clone:
        return (f"{why}: `make -C {clone} beam-venv` builds {clone}/.venv-beam (no TensorFlow); then run "
                f"{clone}/.venv-beam/bin/sigcheck batch … --runner beam")
    return (f"{why}: python -m venv beam-venv && beam-venv/bin/pip install 'sigcheck[beam]'; then run "
            "beam-venv/bin/sigcheck batch … --runner beam")


def run_beam(plan: Plan, units: Sequence[Unit], options: Sequence[str],
             dead: DeadLetter | None) -> tuple[Tally, int]:
    from .._optional import require

    check_beam()
    beam = require("apache_beam", purpose="--runner beam")
    from apache_beam.io.filesystems import FileSystems
    from apache_beam.options.pipeline_options import PipelineOptions

    args = pipeline_args(options)
    opts = PipelineOptions(args)
    all_opts = opts.get_all_options()
    runner = str(all_opts.get("runner") or "")
    temp_root = all_opts.get("temp_location")
    if runner not in LOCAL_RUNNERS and not temp_root:
        raise InputError(f"--runner beam with {runner} needs a temp_location for its results",
                         hint="add --beam-option temp_location=gs://BUCKET/tmp")
    local_temp = None
    if not temp_root:
        local_temp = tempfile.TemporaryDirectory(prefix="sigcheck-beam-")
        temp_root = local_temp.name
    work = FileSystems.join(temp_root, f"sigcheck-batch-{uuid.uuid4().hex[:12]}")
    by_order = {u.order: u.source.location for u in units}
    words = {u.order: ("record" if u.source.format.startswith("tf-record") else "line") for u in units}
    keep = dead is not None
    quiet = _QuietInterrupt()
    handlers = list(logging.getLogger().handlers)  # (PipelineOptions ran logging.basicConfig: Beam's log goes there)
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        with beam.Pipeline(options=opts) as p:
            plan_si = beam.pvalue.AsSingleton(p | "plan" >> beam.Create([plan.to_json()]))
            tallies = (p | "units" >> beam.Create(list(units)) | "spread" >> beam.Reshuffle()
                       | "check" >> beam.Map(_check, plan_si))
            lines = beam.pvalue.AsDict(tallies | "lines" >> beam.Map(lambda ot: (ot[0], ot[1].lines)))

            def shifted(ot: tuple[int, Tally], lines: dict) -> Tally:
                order, tally = ot
                total = Tally()
                total.absorb(tally, _offsets(lines, by_order)[order])
                return total

            def dead_lines(ot: tuple[int, Tally], lines: dict) -> Any:
                order, tally = ot
                offset = _offsets(lines, by_order)[order]
                for number, key, findings, raw in tally.entries:
                    text = entry(by_order[order], number + offset, key, findings, raw, words[order])
                    yield f"{order:012d}\t{number + offset:015d}\t" + text.decode("utf-8").rstrip("\n")

            def merged(parts: Any) -> Tally:
                total = Tally()
                for part in parts:
                    total.absorb(part)
                return total

            (tallies | "shift" >> beam.Map(shifted, lines) | "merge" >> beam.CombineGlobally(merged)
             | "encode" >> beam.Map(lambda t: base64.b64encode(pickle.dumps(t)).decode("ascii"))
             | "total" >> beam.io.WriteToText(FileSystems.join(work, "total"), shard_name_template=""))
            if keep:
                (tallies | "dead" >> beam.FlatMap(dead_lines, lines)
                 | "dead letter" >> beam.io.WriteToText(FileSystems.join(work, "dead")))
        with FileSystems.open(FileSystems.join(work, "total")) as fh:
            total: Tally = pickle.loads(base64.b64decode(fh.read()))
        if dead is not None:
            shards = [m.path for r in FileSystems.match([FileSystems.join(work, "dead*")]) for m in r.metadata_list]
            rows = []
            for shard in shards:
                with FileSystems.open(shard) as fh:
                    rows.extend(line for line in fh.read().decode("utf-8").splitlines() if line)
            for row in sorted(rows):
                dead.write(row.split("\t", 2)[2].encode("utf-8") + b"\n")
    except Exception as exc:
        # Ctrl-C (or SIGTERM, which sigcheck batch turns into KeyboardInterrupt) lands in whatever step runs; Beam
        # re-raises a step's exception with the step's name added, and as KeyboardInterrupt() has no message to add
        # it to, as RuntimeError("KeyboardInterrupt [while running 'check']") (apache_beam/runners/common.py,
        # DoFnRunner._reraise_augmented), the interrupt only in its __context__
        if caused_by(exc, KeyboardInterrupt):
            raise KeyboardInterrupt from None
        raise
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)
        try:
            FileSystems.delete([work])
        except Exception:  # noqa: BLE001 - a temp folder Beam already removed, or never made
            pass
        if local_temp is not None:
            local_temp.cleanup()
    read = sum(((u.end or u.source.size or 0) - u.start) if u.source.size else 0 for u in units)
    return total, read
