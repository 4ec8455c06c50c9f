"""``:classify`` / ``:regress`` results → TF Serving's JSON (``MakeJsonFromClassificationResult`` /
``MakeJsonFromRegressionResult`` in ``tensorflow_serving/util/json_tensor.cc``; SPEC §15).

Both are written with rapidjson's ``PrettyWriter`` (indent 4).  Classify switches to single-line arrays for each
example's classes and back after it, so every example lands on the ``"results"`` line and only the closing bracket
gets its own line::

    {
        "results": [[["car", 0.2], ["bike", 0.7]], [["car", 0.7], ["bike", 0.1]]
        ]
    }

Regress writes its whole array single-line: ``{\\n    "results": [0.2, 0.9, 1.0]\\n}``.  Scores and values are
``WriteDecimal`` floats (:func:`sigcheck.codec.response.format_float`, NaN/Infinity tokens included); a label is
a plain JSON string (never b64), ``""`` when the signature has no ``classes`` output, and a score is ``0.0`` when it
has no ``scores`` output (the proto's default).
"""

from __future__ import annotations

from typing import Sequence

from .response import error_body, format_float, json_string

EMPTY_CLASSIFICATIONS = "Cannot convert empty ClassificationResults to JSON"
EMPTY_REGRESSIONS = "Cannot convert empty RegressionResults to JSON"

Classification = Sequence[tuple[bytes | str, float]]
"""One example's classes: (label, score) pairs, in the model's order."""


def classification_json(results: Sequence[Classification]) -> tuple[int, str]:
    """(HTTP status, body) for a ClassificationResult: one list of (label, score) per example."""
    if not results:
        return 400, error_body(EMPTY_CLASSIFICATIONS)
    rows = ", ".join("[" + ", ".join(f"[{json_string(label)}, {format_float(score)}]" for label, score in classes)
                     + "]" for classes in results)
    return 200, '{\n    "results": [' + rows + "\n    ]\n}"


def regression_json(values: Sequence[float]) -> tuple[int, str]:
    """(HTTP status, body) for a RegressionResult: one float per example."""
    if not len(values):
        return 400, error_body(EMPTY_REGRESSIONS)
    return 200, '{\n    "results": [' + ", ".join(format_float(v) for v in values) + "]\n}"
