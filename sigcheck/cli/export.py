"""``sigcheck export``: train a Keras model on a CSV (or re-export a ``.keras`` file) as a SavedModel version.

stdout: the version folder (or ``--json``: the export summary).  stderr: progress (rich on a terminal, one line
per epoch otherwise), the validation metrics and where everything went.  Exit 0 exported and the gate passes,
1 exported but the gate (or the sample request) fails, 2 cannot run, 130 interrupted (no version folder left).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from typing import Any, List, Optional

import typer

from .common import command, stderr_console, write_stdout

_HELP_FROM = "re-export this Keras model file (.keras/.h5) with stable names and a dynamic batch"


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)


def _quiet_tensorflow() -> None:
    """Import TensorFlow and Keras without their start-up chatter on stderr (CUDA probes, absl notices).

    TF_CPP_MIN_LOG_LEVEL no longer silences the absl C++ log lines written while TensorFlow loads, so stderr is
    pointed at a temporary file for the import and the device probe; what was written is replayed only when the
    import fails or SIGCHECK_DEBUG is set.
    """
    from .._optional import require
    from .common import debug_enabled

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    _quiet_loggers()
    if "tensorflow" in sys.modules:
        return
    from ..serving.session import captured_stderr

    with captured_stderr(replay=debug_enabled()):  # (replayed if the import fails; not when interrupted)
        tf = require("tensorflow", purpose="sigcheck export")
        require("keras", purpose="sigcheck export")
        tf.config.list_physical_devices("GPU")
    _quiet_loggers()  # again: importing TensorFlow sets absl's level back to WARNING


def _quiet_loggers() -> None:
    """Python-side warnings of absl, TensorFlow and Keras (``WARNING:absl:…`` while saving) go unshown, unless
    SIGCHECK_DEBUG is set: what matters to the user is in sigcheck's own notes and errors."""
    import logging

    from .common import debug_enabled

    if debug_enabled():
        return
    for name in ("absl", "tensorflow", "keras", "h5py"):
        logging.getLogger(name).setLevel(logging.ERROR)
    absl_logging = sys.modules.get("absl.logging")
    if absl_logging is not None:
        absl_logging.set_verbosity(absl_logging.ERROR)


class _Display:
    """Progress on stderr: a rich progress bar on a terminal, one line per epoch otherwise."""

    def __init__(self, console: Any, enabled: bool) -> None:
        self.console = console
        self.enabled = enabled
        self.interrupted = False
        self.live = enabled and console.is_terminal
        self.progress: Any = None
        self.epoch_task: Any = None
        self.step_task: Any = None

    def interrupt(self, signum: int, frame: Any) -> None:
        """Ctrl-C / SIGTERM: stop at the next progress event (TensorFlow mangles an exception raised inside its
        C++ calls); a second signal stops at once.  Either way the core removes the unfinished version."""
        if self.interrupted:
            raise KeyboardInterrupt
        self.interrupted = True
        sys.stderr.write("interrupting: stopping at the next step (press Ctrl-C again to stop at once)\n")

    def __call__(self, event: Any) -> None:
        from ..training import progress as ev

        if self.interrupted:
            raise KeyboardInterrupt
        if event.kind == ev.NOTE:
            self.console.print(f"note: {event.message}", style="dim", highlight=False)
        elif event.kind == ev.STAGE:
            self.console.print(f"{event.message} …", style="bold" if self.enabled else None, highlight=False)
        elif not self.enabled:
            return
        elif event.kind == ev.TRAIN_BEGIN and self.live:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(bar_width=24), MofNCompleteColumn(),
                                     TimeElapsedColumn(), TextColumn("{task.fields[metrics]}"),
                                     console=self.console, transient=False)
            self.progress.start()
            self.epoch_task = self.progress.add_task("epochs", total=event.epochs, metrics="")
            self.step_task = self.progress.add_task("  steps", total=event.steps, metrics="")
        elif event.kind == ev.EPOCH_BEGIN and self.progress is not None:
            self.progress.reset(self.step_task, total=event.steps, metrics="")
        elif event.kind == ev.BATCH_END and self.progress is not None:
            self.progress.update(self.step_task, completed=event.step, metrics=_metrics(event.logs, short=True))
        elif event.kind == ev.EPOCH_END:
            if self.progress is not None:
                self.progress.update(self.epoch_task, completed=event.epoch, metrics=_metrics(event.logs, short=True))
            else:
                self.console.print(f"epoch {event.epoch}/{event.epochs}  {_metrics(event.logs)}", highlight=False)
        elif event.kind == ev.TRAIN_END:
            self.stop()

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


_SHORT = {"accuracy": "acc", "mean_absolute_error": "mae", "val_accuracy": "val_acc", "val_mean_absolute_error": "val_mae"}


def _metrics(logs: Any, short: bool = False) -> str:
    """``loss 0.4213  accuracy 0.9100  val_loss …`` (``short``: abbreviated, 3 decimals, for the progress bar)."""
    items = sorted(logs.items(), key=lambda kv: (kv[0].startswith("val_"), kv[0].removeprefix("val_") != "loss",
                                                 kv[0]))
    if short:
        return " ".join(f"{_SHORT.get(k, k)} {v:.3f}" for k, v in items)
    return "  ".join(f"{k} {v:.4f}" for k, v in items)


def _summary(console: Any, result: Any) -> None:
    console.print(f"exported {result.location}", style="bold green", highlight=False, soft_wrap=True)
    console.print(f"  version {result.version} of {result.base} · signatures: {', '.join(result.signatures)}",
                  highlight=False, soft_wrap=True)
    shown = {k: v for k, v in result.metrics.items() if k.startswith("val_")} or result.metrics
    if shown:
        label = "validation" if any(k.startswith("val_") for k in shown) else "training"
        console.print(f"  {label}: " + "  ".join(f"{k.removeprefix('val_')} {v:.4f}" for k, v in sorted(shown.items())),
                      highlight=False)
    secs = result.seconds
    timing = [f"{label} {secs[key]:.1f} s" for key, label in (("train", "trained in"), ("export", "written in"),
                                                                 ("check", "checked in")) if key in secs]
    if timing:
        console.print("  " + ", ".join(timing), highlight=False, style="dim")
    width = max(len(name) for name in result.files) + 1
    for name, where in result.files.items():
        verdict = ""
        if name == "gate":
            verdict = "  (pass)" if result.gate_ok else "  (FAIL: see the findings)"
        elif name == "request" and result.request_ok is not None:
            verdict = "  (validates)" if result.request_ok else "  (does NOT validate)"
        console.print(f"  {name:<{width}} {where}{verdict}", highlight=False, soft_wrap=True)
    for finding in result.gate.get("findings", []) + result.request_findings:
        console.print(f"  {finding.get('severity')} {finding.get('code')}: {finding.get('message')}", highlight=False,
                      style="red" if finding.get("severity") == "error" else "yellow")
    if result.logdir:
        console.print(f"  tensorboard --logdir {os.path.dirname(result.logdir.rstrip('/'))}", highlight=False,
                      soft_wrap=True)
    if "request" in result.files:
        console.print(f"  next: sigcheck predict {result.files['request']} --model {result.base}", highlight=False,
                      style="dim", soft_wrap=True)


@command
def export_command(
    data: Optional[str] = typer.Option(None, "--data", help="training data: a CSV file with a header row (or gs://)"),
    label: Optional[str] = typer.Option(None, "--label", help="the CSV column to predict"),
    example: Optional[str] = typer.Option(None, "--example", help="a bundled data set instead of --data: penguins"),
    from_model: Optional[str] = typer.Option(None, "--from", help=_HELP_FROM),
    output: str = typer.Option(..., "--output", "-o", help="TF Serving base path (folder or gs://); the model goes "
                               "to OUTPUT/<version>/"),
    version: Optional[int] = typer.Option(None, "--version", help="version number (default: the next free one); "
                                          "an existing version is never overwritten"),
    numeric: Optional[List[str]] = typer.Option(None, "--numeric", help="treat these columns as numbers "
                                                "(repeat or comma-separate)"),
    categorical: Optional[List[str]] = typer.Option(None, "--categorical", help="treat these columns as categories"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="leave these columns out of the model"),
    task: str = typer.Option("auto", "--task", help="auto | classification | regression"),
    epochs: int = typer.Option(20, "--epochs", help="training epochs"),
    batch_size: int = typer.Option(32, "--batch-size", help="training batch size"),
    validation_split: float = typer.Option(0.2, "--validation-split", help="fraction of rows held out (0 = none)"),
    learning_rate: float = typer.Option(0.01, "--learning-rate", help="Adam learning rate"),
    hidden: str = typer.Option("32,16", "--hidden", help="hidden layer sizes, comma-separated"),
    seed: int = typer.Option(0, "--seed", help="seed for the split, the initial weights and shuffling"),
    logdir: Optional[str] = typer.Option(None, "--logdir", help="TensorBoard folder [default: OUTPUT/logs/<version>]"),
    no_tensorboard: bool = typer.Option(False, "--no-tensorboard", help="write no TensorBoard events"),
    image_bytes: bool = typer.Option(False, "--image-bytes", help="add the signature image_bytes: JPEG/PNG bytes "
                                     "({\"b64\": …}) decoded, resized and scaled in the graph (with --from)"),
    image_scale: Optional[str] = typer.Option(None, "--image-scale", help="pixel range the model expects: unit "
                                              "[0,1], symmetric [-1,1], raw [0,255] (default: unit, or raw when "
                                              "the model scales its input itself)"),
    default_signature: Optional[str] = typer.Option(None, "--default-signature", help="what serving_default takes: "
                                                    "tensor (floats; the bytes signature is image_bytes) or "
                                                    "image_bytes (JPEG/PNG bytes, implies --image-bytes; the float "
                                                    "one is image_tensor): Vertex AI calls only serving_default"),
    input_name: Optional[List[str]] = typer.Option(None, "--input-name", help="signature input names, one per model "
                                                   "input in order (with --from)"),
    output_name: Optional[List[str]] = typer.Option(None, "--output-name", help="signature output names, one per "
                                                    "model output in order (with --from)"),
    target: str = typer.Option("tf-serving", "--target", help="gate target: tf-serving | vertex | ai-platform"),
    as_json: bool = typer.Option(False, "--json", help="print the export summary as JSON on stdout"),
    no_progress: bool = typer.Option(False, "--no-progress", help="no progress display"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours"),
    kernels: str = typer.Option("stock", "--kernels", help="CPU kernels TensorFlow trains and checks with: stock "
                                "(default, oneDNN off whatever TF_ENABLE_ONEDNN_OPTS says) or onednn"),
) -> int:
    """Train a Keras model on a CSV (or re-export a Keras model) as a SavedModel that serves on the first try."""
    from ..errors import InputError
    from ..serving.kernels import apply

    warning = apply(kernels)  # (before TensorFlow is imported: the same numbers on every CPU)
    if warning:
        import sys

        sys.stderr.write(f"warning: {warning}\n")

    sources = [name for name, value in (("--data", data), ("--example", example), ("--from", from_model)) if value]
    if len(sources) != 1:
        raise InputError("give exactly one of --data FILE.csv, --example penguins, --from MODEL.keras"
                         + (f" (got {', '.join(sources)})" if sources else ""),
                         hint="sigcheck export --data train.csv --label COLUMN --output models/NAME")
    tabular_only = [flag for flag, value in (("--numeric", numeric), ("--categorical", categorical),
                                             ("--ignore", ignore), ("--label", label)) if value]
    if from_model and tabular_only:
        raise InputError(f"{tabular_only[0]} applies to CSV training, not to --from", hint=f"drop {tabular_only[0]}")
    if not from_model and (input_name or output_name):
        raise InputError("--input-name/--output-name apply to --from; CSV inputs are named after the columns")
    if not from_model and (image_bytes or default_signature):
        flag = "--image-bytes" if image_bytes else "--default-signature"
        raise InputError(f"{flag} applies to image models (--from MODEL.keras), not to tabular data",
                         hint=f"drop {flag}")
    try:
        layers = tuple(int(h) for h in hidden.split(",") if h.strip())
    except ValueError:
        raise InputError(f"--hidden takes comma-separated layer sizes such as 32,16, got {hidden!r}") from None

    from ..training import ExportOptions, TrainOptions, export_keras, export_table

    from ..training.export import DEFAULT_SIGNATURES

    if default_signature is not None and default_signature not in DEFAULT_SIGNATURES:
        raise InputError(f"unknown --default-signature {default_signature!r}",
                         hint=f"use one of: {', '.join(DEFAULT_SIGNATURES)}")
    options = ExportOptions(output=output, version=version, image_bytes=image_bytes, image_scale=image_scale,
                            target=target, logdir=logdir, tensorboard=not no_tensorboard,
                            default_signature=default_signature)
    train_options = TrainOptions(epochs=epochs, batch_size=batch_size, validation_split=validation_split,
                                 learning_rate=learning_rate, hidden=layers, seed=seed)
    console = stderr_console(no_color)
    table = None
    if not from_model:
        from ..training import load_example, plan_table, read_csv

        train_options.check()
        if example:
            frame, default_label = load_example(example)
            source = f"example {example}"
        else:
            if not label:
                raise InputError("--data needs --label COLUMN: the column to predict")
            frame, default_label = read_csv(data or ""), label
            source = data or ""
        table = plan_table(frame, source=source, label=label or default_label, numeric=numeric,
                           categorical=categorical, ignore=ignore, task=task)
    from ..training import check_keras_file, choose_version

    if from_model and not from_model.startswith("gs://"):  # a gs:// file is checked as it is downloaded
        check_keras_file(from_model)
    choose_version(output, version)  # refuse an existing --version before importing TensorFlow
    _quiet_tensorflow()
    display = _Display(console, enabled=not no_progress)
    previous: dict[int, Any] = {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            previous[sig] = signal.signal(sig, display.interrupt)
        except ValueError:  # not the main thread (an embedding application): keep its handlers
            break
    try:
        if table is not None:
            result = export_table(table, train_options, options, listener=display)
        else:
            result = export_keras(from_model or "", options, input_names=input_name or (),
                                  output_names=output_name or (), listener=display)
    finally:
        display.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    _summary(console, result)
    if as_json:
        write_stdout(json.dumps(result.to_json(), indent=2) + "\n")
    else:
        write_stdout(result.location + "\n")
    if not result.ok:
        sys.stderr.write("error: the exported model does not pass the gate (the version was still written)\n")
        return 1
    return 0
