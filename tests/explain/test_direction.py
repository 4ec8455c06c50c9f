"""Fix steps follow the direction of a type mismatch, with the key and value the message (or the request) gives.

A number sent to a string input is fixed by quoting it (or by a numeric input dtype); a number in quotes sent to a
float input by unquoting it; text sent to a numeric input by encoding the category.  The readings are ranked by the
input's name: a feature named ``sex`` rejecting a number is a dtype problem, an input named ``examples`` rejecting one
is a serialized tf.Example signature.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.cli.app import run as run_cli
from sigcheck.explain import explain_text

TRIAL = ('google.api_core.exceptions.FailedPrecondition: 400 {"error": "Failed to process element: 0 key: sex of '
         '\'instances\' list. Error: INVALID_ARGUMENT: JSON Value: 1 Type: Number is not of expected type: string"}')


def rest(key: str, value: str, json_type: str, expected: str) -> str:
    return ('{ "error": "Failed to process element: 0 key: ' + key + " of 'instances' list. Error: INVALID_ARGUMENT: "
            f'JSON Value: {value} Type: {json_type} is not of expected type: {expected}" }}')


def said(d) -> str:  # type: ignore[no-untyped-def]
    return " ".join([d.cause, *d.steps])


def test_trial_number_for_a_feature_named_input_is_a_dtype_problem() -> None:
    found = explain_text(TRIAL)
    assert [d.category for d in found[:2]] == ["dtype_mismatch", "serialized_example_input_expected"]
    d = found[0]
    assert d.variant == "to_string" and d.confidence > found[1].confidence + 0.2
    assert d.steps[0].startswith('Send sex as a JSON string, "1" rather than 1')
    assert "39.1" not in said(d)
    assert "a string input named after a feature" in (found[1].distinguish or "")


@pytest.mark.parametrize("key", ["examples", "inputs", "serialized_tf_example", "tf_example", "input_example_tensor"])
def test_number_for_an_example_like_input_may_be_serialized_example(key: str) -> None:
    found = explain_text(rest(key, "1", "Number", "string"))
    assert found[0].category == "serialized_example_input_expected"
    assert "dtype_mismatch" in [d.category for d in found]


@pytest.mark.parametrize("value, first", [
    ("39.0", "serialized_example_input_expected"),  # a raw feature value: the parsing signature's (2 of 3)
    ("1", "dtype_mismatch"),  # an id or a code where the strings themselves go (6 of the 7 labelled integers)
    ("0.329", "encoded_image_string_mismatch"),  # a pixel scaled to [0, 1] for encoded bytes (4 of 4)
])
def test_a_number_without_a_key_is_read_by_its_value(value: str, first: str) -> None:
    found = explain_text('{ "error": "JSON Value: ' + value + ' Type: Number is not of expected type: string" }')
    assert found[0].category == first
    if first == "dtype_mismatch":
        assert "serialized_example_input_expected" in [d.category for d in found]
        assert "send the word or category itself" in found[0].steps[0]


# ---- both directions on keras_tabular (occupation DT_STRING, age DT_FLOAT), without and with --model/--request ----

NUMBER_TO_STRING = rest("occupation", "7", "Number", "string")
STRING_TO_NUMBER = rest("age", '\\"42.5\\"', "String", "float")
REQUESTS = {
    "number_to_string": {"instances": [{"age": [39.0], "hours": [40], "occupation": [7]}]},
    "string_to_number": {"instances": [{"age": ["42.5"], "hours": [40], "occupation": ["chef"]}]},
}


def _context(models, how: str, which: str) -> dict:  # type: ignore[no-untyped-def]
    if how == "text":
        return {}
    kw = {"info": models("keras_tabular")}
    if how == "request":
        kw["request"] = json.dumps(REQUESTS[which]).encode()
    return kw


@pytest.mark.parametrize("how", ["text", "model", "request"])
def test_number_sent_to_a_string_input_says_quote_it(models, how: str) -> None:  # type: ignore[no-untyped-def]
    d = explain_text(NUMBER_TO_STRING, **_context(models, how, "number_to_string"))[0]
    assert d.category == "dtype_mismatch" and d.variant == "to_string"
    assert d.steps[0].startswith('Send occupation as a JSON string, "7" rather than 7')
    assert any('keras.Input(name="occupation", dtype="float32")' in s for s in d.steps)  # or change the model
    assert "not quoted strings" not in said(d) and "39.1" not in said(d)


@pytest.mark.parametrize("how", ["text", "model", "request"])
def test_quoted_number_sent_to_a_float_input_says_unquote_it(models, how: str) -> None:  # type: ignore[no-untyped-def]
    found = explain_text(STRING_TO_NUMBER, **_context(models, how, "string_to_number"))
    d = found[0]
    # a number in quotes is a string sent to a numeric input (CATEGORIES.md's bytes_sent_to_numeric_input, as validate
    # says), and its fix is to unquote it: no image, b64 or decoding advice
    assert d.category == "bytes_sent_to_numeric_input" and d.variant == "quoted_number"
    assert d.steps[0].startswith('Send age as a JSON number: 42.5, not "42.5"')
    assert "tf.make_tensor_proto([42.5], dtype=tf.float32)" in said(d)
    assert not any(w in said(d) for w in ("b64", "decode", "image"))


def test_the_request_supplies_the_value_the_message_lacks(models) -> None:  # type: ignore[no-untyped-def]
    text = ("{ \"error\": \"Failed to process element: 0 key: occupation of 'instances' list. Error: INVALID_ARGUMENT: "
            "Type: Number is not of expected type: string\" }")
    assert "12" not in explain_text(text)[0].steps[0]
    body = json.dumps({"instances": [{"age": [39.0], "hours": [40], "occupation": [12]}]}).encode()
    d = explain_text(text, info=models("keras_tabular"), request=body)[0]
    assert d.category == "dtype_mismatch" and d.variant == "to_string"
    assert d.steps[0].startswith('Send occupation as a JSON string, "12" rather than 12')


def test_text_sent_to_a_numeric_input_is_a_category_to_encode_not_an_image(models) -> None:  # type: ignore[no-untyped-def]
    text = rest("age", '\\"senior\\"', "String", "float")
    for kw in ({}, {"info": models("keras_tabular")}):
        d = explain_text(text, **kw)[0]
        assert d.category == "bytes_sent_to_numeric_input" and d.variant == "text_value"
        assert d.steps[0].startswith('If "senior" is a category, send the number the model was trained with for it')
        assert "image" not in said(d)


def test_other_directions_use_the_real_value() -> None:
    d = explain_text(rest("is_member", "1", "Number", "bool"))[0]
    assert d.variant == "to_bool" and d.steps[0].startswith("Send is_member as true or false, not 1")
    d = explain_text(rest("num_rooms", "3.5", "Number", "int64"))[0]
    assert d.variant == "fraction_to_int" and "round or int() 3.5" in d.steps[0]
    assert "tf.make_tensor_proto(x, dtype=tf.int64)" in said(d)
    d = explain_text('AbortionError(code=StatusCode.INVALID_ARGUMENT, details="Expects arg[0] to be double but float '
                     'is provided")')[0]
    assert d.category == "dtype_mismatch" and "dtype=tf.float64" in said(d) and "39.1" not in said(d)


def test_cli_both_directions_with_model_and_request(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    fixture_model) -> None:  # type: ignore[no-untyped-def]
    model = str(fixture_model("keras_tabular"))
    for text, which, first, category in (
            (NUMBER_TO_STRING, "number_to_string", 'Send occupation as a JSON string, "7"', "dtype_mismatch"),
            (STRING_TO_NUMBER, "string_to_number", 'Send age as a JSON number: 42.5, not "42.5"',
             "bytes_sent_to_numeric_input")):
        err, req = tmp_path / f"{which}.txt", tmp_path / f"{which}.json"
        err.write_text(text)
        req.write_text(json.dumps(REQUESTS[which]))
        assert run_cli(["explain", str(err), "--model", model, "--request", str(req), "--json"]) == 0
        item = json.loads(capsys.readouterr().out)["diagnoses"][0]
        assert item["category"] == category and item["fix"].startswith("1. " + first)


# ---- other categories: the message's own numbers and names, not a fixed example ----------------------------------

@pytest.mark.parametrize("text, expected", [
    ("You must feed a value for placeholder tensor 'is_training' with dtype bool", "placeholder_with_default(False,"),
    ("You must feed a value for placeholder tensor 'dropout/keep_prob' with dtype float",
     "placeholder_with_default(1.0,"),
    ("You must feed a value for placeholder tensor 'dropout_rate' with dtype float", "placeholder_with_default(0.0,"),
])
def test_unfed_placeholder_default_follows_its_dtype_and_name(text: str, expected: str) -> None:
    d = explain_text(text)[0]
    # #14: sigcheck repair first, then the by-hand recipe with the inference value
    assert d.category == "unfed_placeholder" and d.steps[0].startswith("Run `sigcheck repair MODEL --output")
    assert expected in d.steps[1]


def test_json_parse_error_points_at_the_reported_offset() -> None:
    d = explain_text('{"error": "JSON Parse error: Invalid value. at offset: 1234"}')[0]
    assert d.category == "json_parse_error" and any("head -c 1234 request.json" in s for s in d.steps)


def test_grpc_limit_advice_fits_the_message_size() -> None:
    d = explain_text('grpc._channel._InactiveRpcError: status = StatusCode.RESOURCE_EXHAUSTED details = "Received '
                     'message larger than max (5300000 vs. 4194304)"')[0]
    assert d.category == "payload_too_large" and d.variant == "grpc"
    assert '("grpc.max_receive_message_length", 8 * 1024 * 1024)' in d.steps[0]
    assert "max_receive_message_length=8388608" in d.steps[1]
