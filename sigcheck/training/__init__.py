"""Build SavedModels that serve on the first try: train a Keras 3 tabular model from a CSV, or re-export a Keras
model with stable names, a dynamic batch and an optional ``image_bytes`` signature (``sigcheck export``).

TensorFlow, Keras and pandas are imported inside the functions that need them (``sigcheck[tf]``).
"""

from __future__ import annotations

from .data import EXAMPLES, Column, Table, TablePlan, load_example, plan_table, read_csv
from .export import (
    SIDECAR_DIR,
    ExportOptions,
    ExportResult,
    check_keras_file,
    export_keras,
    export_table,
    load_keras_model,
)
from .model import TrainOptions
from .progress import Listener, Progress
from .versions import VersionSlot, choose_version

__all__ = [
    "EXAMPLES",
    "SIDECAR_DIR",
    "Column",
    "ExportOptions",
    "ExportResult",
    "Listener",
    "Progress",
    "Table",
    "TablePlan",
    "TrainOptions",
    "VersionSlot",
    "check_keras_file",
    "choose_version",
    "export_keras",
    "export_table",
    "load_example",
    "load_keras_model",
    "plan_table",
    "read_csv",
]
