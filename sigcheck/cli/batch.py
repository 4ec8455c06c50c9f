"""``sigcheck batch INPUT... --model MODEL``: every bad record of a Vertex AI batch-prediction input."""

from __future__ import annotations

import signal
import sys
from typing import Any, List, Optional

import typer

from .common import (EXIT_FINDINGS, EXIT_OK, check_output, command, shape_check_option, stderr_console,
                     stdout_console, write_stdout)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)


def _fields(text: Optional[str]) -> tuple[str, ...]:
    return tuple(f.strip() for f in (text or "").split(",") if f.strip())


@command
def batch_command(
    inputs: List[str] = typer.Argument(..., help="files or globs, local or gs:// (.gz read through)"),
    model: str = typer.Option(..., "--model", "-m", help="SavedModel folder, TF Serving base path, gs:// URI or "
                              "signature contract (inspect --json)"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="the signature the job calls (AI "
                                            "Platform's --signature-name, or your own TF Serving): every record "
                                            "is checked against it, as validate --signature checks a request "
                                            "[default: serving_default]"),
    input_format: Optional[str] = typer.Option(None, "--input-format", help="jsonl | csv | tf-record | "
                                               "tf-record-gzip | file-list [default: from the extension]"),
    instance_type: Optional[str] = typer.Option(None, "--instance-type", help="object | array (instanceConfig)"),
    key_field: Optional[str] = typer.Option(None, "--key-field", help="field kept out of the instance, reported "
                                            "with the record"),
    included_fields: Optional[str] = typer.Option(None, "--included-fields", help="a,b: fields sent (and the "
                                                  "order of an array instance)"),
    excluded_fields: Optional[str] = typer.Option(None, "--excluded-fields", help="c,d: fields not sent"),
    runner: str = typer.Option("local", "--runner", help="local | beam"),
    workers: Optional[int] = typer.Option(None, "--workers", help="processes for --runner local [default: all "
                                          "cores]"),
    beam_option: List[str] = typer.Option([], "--beam-option", help="KEY=VALUE pipeline option for --runner beam "
                                          "(repeat: runner=DataflowRunner, project, region, temp_location …)"),
    dead_letter: Optional[str] = typer.Option(None, "--dead-letter", help="write one JSON line per bad record here "
                                              "(local or gs://, written atomically)"),
    shape_check: Optional[str] = shape_check_option(),
    as_json: bool = typer.Option(False, "--json", help="print the result as JSON on stdout"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the human view"),
) -> int:
    """Check every record of a batch-prediction input against the model, as Vertex AI would send it."""
    from ..batch import InstanceConfig, run_batch
    from ..model import read_model

    from ..validate.core import SHAPE_CHECK_DEFAULT

    from ..batch.deadletter import check_destination

    check_output(dead_letter)  # (a folder, a place that cannot be written: refused before anything runs)
    if dead_letter is not None:
        check_destination(dead_letter)  # (gs://: a missing bucket or a folder, before the model is read)
    config = InstanceConfig(instance_type, key_field, _fields(included_fields), _fields(excluded_fields))
    info = read_model(model, tag_set=tag_set)
    bar = _ProgressBar(no_color) if not as_json and sys.stderr.isatty() else None
    previous = None
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)  # SIGTERM as Ctrl-C: the dead letter's temp goes
    except ValueError:  # not the main thread (an embedding application): keep its handler
        pass
    try:
        result = run_batch(inputs, info, input_format=input_format, config=config, runner=runner, workers=workers,
                           beam_options=beam_option, dead_letter=dead_letter,
                           shape_check=shape_check or SHAPE_CHECK_DEFAULT, signature=signature,
                           progress=bar.update if bar is not None else None)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.stop()
    if as_json:
        import json

        write_stdout(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    else:
        _render(result, no_color)
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _terminated(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class _ProgressBar:
    def __init__(self, no_color: bool) -> None:
        self.progress: Any = None
        self.no_color = no_color

    def update(self, done: int, records: int) -> None:
        if self.progress is None:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                     console=stderr_console(self.no_color), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("")
        self.progress.update(self.task, description=f"{records:,} records, {done / 1e6:,.0f} MB checked")

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _render(result: Any, no_color: bool) -> None:
    from rich.markup import escape

    console = stdout_console(no_color)
    data = result.to_json()
    rate = result.records / result.seconds if result.seconds else 0.0
    mb = result.bytes_read / 1e6
    verdict = ("[green]ok[/green]" if result.ok else "[red]bad records[/red]" if result.bad_records
               else "[red]cannot be predicted[/red]")
    console.print(f"{verdict}: {result.records:,} record{'s' if result.records != 1 else ''} read, "
                  f"{result.bad_records:,} bad "
                  f"({escape(data['input_format'])} → {escape(result.model)}, signature {escape(result.signature)})")
    examples = {e["code"]: e for e in data["examples"]}
    for code, count in data["findings"].items():
        ex = examples.get(code)
        console.print(f"  [bold]{escape(code)}[/bold] ×{count:,}" + (f"  e.g. {escape(ex['location'])}" if ex else ""))
        if ex:
            console.print(f"      {escape(ex['message'])}")
    speed = f"{rate:,.0f} records/s" + (f", {mb / result.seconds:,.1f} MB/s" if mb and result.seconds else "")
    console.print(f"{result.seconds:.2f} s ({speed}, runner {result.runner}"
                  + (f", {result.workers} worker{'s' if result.workers != 1 else ''}" if result.runner == "local" else "") + ")")
    if result.dead_letter:
        n = result.bad_records
        console.print(f"{n:,} bad record{'s' if n != 1 else ''} written to {escape(result.dead_letter)}"
                      + (" (an empty file)" if not n else ""))
