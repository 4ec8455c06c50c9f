"""Two findings' details (trial 11, 11a and 11d): the content-after-the-body warning shows that content, and a
short base64 JPEG string sent to a float input is read as encoded bytes (its base64 starts /9j/), not as text."""

from __future__ import annotations

from sigcheck.model import read_model
from sigcheck.validate import validate_request


def test_trailing_content_is_shown_alone(fixture_model) -> None:
    info = read_model(str(fixture_model("keras_tabular")))
    body = b'{"instances": [{"age": [0.5], "hours": [3], "occupation": ["apple"]}]} trailing\n'
    (f,) = [f for f in validate_request(body, info).findings if "content after the JSON body" in f.message]
    assert f.received == "'trailing'" and f.expected == "nothing after the JSON value"
    long = validate_request(body.strip() + b" " + b"x" * 100, info).findings
    (g,) = [g for g in long if "content after the JSON body" in g.message]
    assert g.received == repr("trailing " + "x" * 31) + "… (109 bytes)"


def test_short_base64_jpeg_to_a_float_input_is_encoded_bytes(fixture_model) -> None:
    info = read_model(str(fixture_model("keras_tabular")))
    body = b'{"instances": [{"age": ["/9j/4GFiY2RlZg=="], "hours": [3], "occupation": ["apple"]}]}'
    (f,) = [f for f in validate_request(body, info).findings if f.code == "request.dtype"]
    assert "looks like encoded bytes" in f.message and "StringLookup" not in f.hint
    word = b'{"instances": [{"age": ["paris"], "hours": [3], "occupation": ["apple"]}]}'
    (g,) = [g for g in validate_request(word, info).findings if g.code == "request.dtype"]
    assert "looks like encoded bytes" not in g.message and "StringLookup" in g.hint
