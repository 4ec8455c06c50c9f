"""TF Serving's result → JSON vectors for ``:classify``/``:regress`` (``vectors_classify_regress.jsonl``, kinds
``classification_result_to_json``, ``regression_result_to_json`` and ``status_to_json``; SPEC §15), written by
:mod:`sigcheck.codec.results` and ``codec.response.error_body``; plus the exact layout rapidjson's PrettyWriter
gives (derived from ``MakeJsonFromClassificationResult``'s format switches; the tests compare only values)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from sigcheck.codec.response import error_body, parse_response
from sigcheck.codec.results import classification_json, regression_json

SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()
VECTORS = SHARED / "conformance" / "vectors_classify_regress.jsonl"
KINDS = ("classification_result_to_json", "regression_result_to_json", "status_to_json")


def _cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent: ../shared (TF Serving's "
                                                                 "vectors) is only beside a checkout"))]
    cases = [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]
    return [pytest.param(c, id=c["id"]) for c in cases if c["kind"] in KINDS]


def _number(v: object) -> float:
    return float(v) if isinstance(v, str) else v  # ("NaN"/"Infinity" are strings in the vector files)


_NUMBER = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?\d[\d.eE+-]*)')


def _number_tokens(text: str) -> list[str]:
    return [m.group(1) for m in _NUMBER.finditer(text) if m.group(1)]


def _json_equal(got: object, want: object) -> bool:
    """rapidjson's ``==``: numbers numerically (NaN never equals, as there), lists in order."""
    if isinstance(want, list):
        return isinstance(got, list) and len(got) == len(want) and all(map(_json_equal, got, want))
    if isinstance(want, dict):
        return isinstance(got, dict) and got.keys() == want.keys() and all(_json_equal(got[k], want[k]) for k in want)
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and float(got) == float(want)
    return got == want


@pytest.mark.parametrize("case", _cases())
def test_result_vector(case: dict) -> None:
    kind, expect = case["kind"], case["expect"]
    if kind == "status_to_json":
        status = case["status"]
        text = "" if status["code"] == "OK" else error_body(status["message"])  # (OK appends nothing)
        if "exact_text" in expect:
            assert text == expect["exact_text"]
        else:
            assert _json_equal(json.loads(text), json.loads(case["expect_json"]))
        return
    if kind == "classification_result_to_json":
        status, text = classification_json([[(label, _number(score)) for label, score in classes]
                                            for classes in case["result"]["classifications"]])
    else:
        status, text = regression_json([_number(v) for v in case["result"]["regressions"]])
    if not expect["ok"]:
        assert status == 400
        message = parse_response(text)["error"]
        assert expect["error_contains"] in message and message == expect["derived_message"]
        return
    assert status == 200
    if case["compare"] == "json_equal_numbers_as_text":
        assert _number_tokens(text) == _number_tokens(case["expect_json"])
        assert list(parse_response(text)) == ["results"]
    else:
        assert _json_equal(parse_response(text), parse_response(case["expect_json"]))


def test_classification_layout() -> None:
    """PrettyWriter with kFormatSingleLineArray switched on for each example and off after it: every example on
    the "results" line (the switch is on when the separator before it is written), the closing bracket alone."""
    status, text = classification_json([[(b"car", 0.2), (b"bike", 0.7)], [(b"", 7.0)], []])
    assert status == 200
    assert text == '{\n    "results": [[["car", 0.2], ["bike", 0.7]], [["", 7.0]], []\n    ]\n}'


def test_regression_layout_and_floats() -> None:
    status, text = regression_json([0.2, 42.0, 9e6, 3e-05, float("nan"), float("-inf"), 0.1 + 0.2])
    assert status == 200
    assert text == '{\n    "results": [0.2, 42.0, 9e+06, 3e-05, NaN, -Infinity, 0.3]\n}'


def test_labels_are_plain_strings() -> None:
    """Labels go through ``writer.String`` (never b64): control characters escaped, other bytes as they are."""
    _, text = classification_json([[(b'a"b\n\x01', 1.0), ("é".encode(), 0.5)]])
    assert text.split("\n")[1] == '    "results": [[["a\\"b\\n\\u0001", 1.0], ["é", 0.5]]'
