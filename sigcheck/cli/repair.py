"""``sigcheck repair MODEL --output BASE``: turn a classic broken export into a new version that serves, and prove it.

stdout: the new version folder (``--json``: the repair summary).  stderr: what changed, what was only proposed, how
it was checked.  Exit 0 repaired (or nothing to repair, or a ``--dry-run`` whose changes remove every error), 1 the
repaired model did not pass the checks (nothing published) or the model (or the new version) has gate errors sigcheck
cannot repair or that need a flag (a dry run too), 2 cannot run.  The closing lines and the exit code are
:meth:`sigcheck.repair.run.RepairResult.verdict_lines` and ``exit_code``.
"""

from __future__ import annotations

import json
import sys
from typing import List, Optional

import typer

from .common import command, write_stdout


def register(app: typer.Typer) -> None:
    app.command("repair")(repair_command)


def _say(message: str) -> None:
    sys.stderr.write(message + "\n")


@command
def repair_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path (highest version) or gs:// URI"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="TF Serving base path for the repaired "
                                         "version (its next version; the model's own base path is fine), or a new "
                                         "numeric version folder; local or gs://"),
    feed: Optional[List[str]] = typer.Option(None, "--feed", help="NAME=VALUE: bind unfed placeholder NAME to VALUE "
                                             "(default: learning phase/training flags false, keep_prob 1.0, "
                                             "dropout rates 0.0)"),
    rename: Optional[List[str]] = typer.Option(None, "--rename", help="OLD=NEW: rename a signature input or output "
                                               "(generated names are only proposed, never renamed silently)"),
    default_signature: Optional[str] = typer.Option(None, "--default-signature", help="make serving_default a copy "
                                                    "of this signature (a serving_default the model has is kept as "
                                                    "image_tensor or previous_serving_default); image_bytes implies "
                                                    "--image-bytes"),
    image_bytes: bool = typer.Option(False, "--image-bytes", help="add the signature image_bytes: JPEG/PNG bytes "
                                     "decoded, resized and scaled in the graph (as export --image-bytes)"),
    image_scale: Optional[str] = typer.Option(None, "--image-scale", help="pixel range the model expects: unit "
                                              "[0,1], symmetric [-1,1], raw [0,255] (default: unit, or raw when "
                                              "the model scales its input itself)"),
    dry_run: bool = typer.Option(False, "--dry-run", help="say what would change; write nothing"),
    target: str = typer.Option("tf-serving", "--target", help="gate target: tf-serving | vertex | ai-platform"),
    as_json: bool = typer.Option(False, "--json", help="print the repair summary as JSON on stdout"),
) -> int:
    """Repair a broken SavedModel export into a new version that serves, checked against the original's outputs."""
    from ..repair.plan import RepairOptions, parse_pairs
    from ..repair.run import DRY_RUN, repair_model

    options = RepairOptions(output=output, feeds=parse_pairs(feed or [], "--feed"),
                            renames=parse_pairs(rename or [], "--rename"), default_signature=default_signature,
                            image_bytes=image_bytes, image_scale=image_scale, dry_run=dry_run, target=target)
    from .export import _quiet_tensorflow

    result = repair_model(model, options, listener=_say, before_tensorflow=_quiet_tensorflow)
    plan = result.plan
    for change in plan.changes:
        _say(f"{'would change' if result.status == DRY_RUN else 'changed'}: {change.description}")
    for proposal in plan.proposals:
        _say(f"proposed (not applied): {proposal}")
    for d in plan.problems:
        _say(f"not repaired: {d.code}: {d.message}")
    for note in result.notes:
        _say(f"note: {note}")
    for check in result.checks:
        _say(f"{'ok' if check.ok else 'FAILED'}: signature {check.signature}, batch {check.batch}: {check.detail}")
    for d in result.left:
        _say(f"still failing: {d.code}: {d.message}")
    if as_json:
        write_stdout(json.dumps(result.to_json(), indent=2) + "\n")
    elif result.published:
        write_stdout(f"{result.location}\n")
    for line in result.verdict_lines():  # (the closing lines and the exit code are decided in one place: run.py)
        _say(line)
    return result.exit_code
