"""Progress events of an export, for whoever displays them (the CLI draws them with rich on stderr).

The training core never prints: it calls a listener with :class:`Progress` values.  Keras' own progress bar
is switched off (it writes to stdout, which carries only data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

STAGE = "stage"
"""A step of the export starts: ``message`` says which (reading data, training, writing the SavedModel…)."""
TRAIN_BEGIN = "train_begin"
EPOCH_BEGIN = "epoch_begin"
BATCH_END = "batch_end"
EPOCH_END = "epoch_end"
TRAIN_END = "train_end"
NOTE = "note"
"""A decision worth telling the user (an inferred task, an ignored column, a renamed input)."""


@dataclass(frozen=True)
class Progress:
    kind: str
    message: str = ""
    epoch: int = 0
    """1-based."""
    epochs: int = 0
    step: int = 0
    """1-based step within the epoch."""
    steps: int = 0
    logs: Mapping[str, float] = field(default_factory=dict)
    """Keras' running metrics (``loss``, ``accuracy``, ``val_loss`` …)."""


Listener = Callable[[Progress], None]


def ignore(_: Progress) -> None:
    """The default listener: nothing is shown."""
