"""--compare: numbers within atol, everything else equal, differences listed by JSON path."""

from __future__ import annotations

import json
import math

import pytest

from sigcheck.errors import InputError
from sigcheck.serving.compare import compare_response, load_expected


def test_equal_within_tolerance() -> None:
    got = {"predictions": [[2.5, 3.0000001], [3.5, 4.0]]}
    want = {"predictions": [[2.5, 3.0], [3.5, 4.0]]}
    assert compare_response(got, want, atol=1e-5) == []


def test_paths_of_every_difference() -> None:
    got = {"predictions": [{"y": [1.0], "label": "a"}, {"y": [2.5], "label": "b"}]}
    want = {"predictions": [{"y": [1.0], "label": "a"}, {"y": [2.0], "label": "c"}]}
    diffs = compare_response(got, want, atol=1e-3)
    assert [d.path for d in diffs] == ["$.predictions[1].y[0]", "$.predictions[1].label"]
    assert "differs by 0.5" in diffs[0].describe()


def test_structure_differences() -> None:
    assert [d.why for d in compare_response({"outputs": [1, 2]}, {"outputs": [1, 2, 3]})] == [
        "list length 2 instead of 3"]
    assert [d.path for d in compare_response({"outputs": {"a": 1}}, {"outputs": {"b": 1}})] == [
        "$.outputs.b", "$.outputs.a"]
    assert compare_response({"predictions": ["1"]}, {"predictions": [1]})[0].why == "different type"
    assert compare_response({"predictions": [True]}, {"predictions": [1]})[0].why == "different type"


def test_non_finite_values() -> None:
    nan, inf = math.nan, math.inf
    assert compare_response({"p": [nan, inf, -inf]}, {"p": [nan, inf, -inf]}) == []
    assert len(compare_response({"p": [nan, inf]}, {"p": [1.0, -inf]})) == 2


def test_load_expected_accepts_a_body_or_predict_json_output() -> None:
    body = b'{"predictions": [NaN, 1.0]}'
    assert math.isnan(load_expected(body, "e.json")["predictions"][0])
    wrapped = json.dumps({"response": {"outputs": [1]}, "http_status": 200, "latency_ms": 1.0}).encode()
    assert load_expected(wrapped, "e.json") == {"outputs": [1]}
    with pytest.raises(InputError):
        load_expected(b"[1, 2]", "e.json")
    with pytest.raises(InputError):
        load_expected(b"{", "e.json")


def test_predict_json_with_non_finite_values_is_strict_json_and_compares_exactly() -> None:
    """``predict --json`` writes NaN/Infinity as strings in ``response`` (strict parsers read it) and keeps the
    exact body in ``response_text``, which --compare reads back as numbers."""
    from sigcheck.serving.predict import Prediction

    body = '{\n    "predictions": [[NaN, -Infinity, 9e+06], ["NaN text"]]\n}'
    text = Prediction(http_status=200, body=body, stage="ok", signature_name="s", format="row",
                      latency_ms=1.0).to_json()

    def refuse(token: str) -> None:
        raise AssertionError(f"not strict JSON: {token}")

    doc = json.loads(text, parse_constant=refuse)
    assert doc["response"] == {"predictions": [["NaN", "-Infinity", 9e6], ["NaN text"]]}
    assert doc["response_text"] == body
    expected = load_expected(text.encode(), "e.json")
    assert math.isnan(expected["predictions"][0][0]) and expected["predictions"][0][1] == -math.inf
    assert compare_response(json.loads(body), expected) == []


def test_strict_json_leaves_finite_bodies_and_strings_alone() -> None:
    from sigcheck.codec.response import strict_json

    assert strict_json('{"predictions": [1.0, "NaN", "x\\"Infinity"]}') is None
    assert strict_json('{"outputs": [Infinity]}') == '{"outputs": ["Infinity"]}'
