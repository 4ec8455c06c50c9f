"""Trial 8's explain readings that were wrong or whose fix did not run (F9, F10, F13, F14, F15, F18, M8).

The texts are real (TensorFlow 2.21 / Keras 3.15 / ``sigcheck predict``, see data/trial8/README.md); the models are
the committed fixtures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.calls import cast_code

DATA = Path(__file__).parent / "data" / "trial8"


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def steps(d) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(d.steps)


# ---------------------------------------------------------------------------------------------- F13: batch sizes

def test_f13_request_with_different_batch_sizes_leads_over_a_fixed_batch(models) -> None:  # type: ignore
    info = models("keras_tabular")
    body = (DATA / "fixture_colbatch.json").read_bytes()
    out = explain_text(text("fixture_colbatch.out"), info=info, request=body)
    first = out[0]
    assert first.category == "batch_size_mismatch_between_inputs"
    assert '"age" 3' in first.cause and '"hours" 1' in first.cause
    assert "--enable_batching" not in first.cause and "server-side batching" not in steps(first)
    assert first.steps[0].startswith("Give every input the same number of examples")
    fixed = next(d for d in out if d.category == "fixed_batch_size_in_graph")
    assert fixed.confidence < first.confidence - 0.1
    assert any("the request explains it" in c for c in fixed.confirmed)


def test_f13_same_batch_sizes_do_not_decide_it(models) -> None:  # type: ignore
    """A request whose inputs agree cannot be the cause of the Concat's disagreement: nothing is decided for it."""
    info = models("keras_tabular")
    body = json.dumps({"inputs": {"age": [[1.0]], "hours": [[1]], "occupation": [["x"]]}}).encode()
    out = explain_text(text("fixture_colbatch.out"), info=info, request=body)
    mismatch = [d for d in out if d.category == "batch_size_mismatch_between_inputs"]
    assert not any("your request's inputs have different batch sizes" in c for d in mismatch for c in d.confirmed)


def test_f13_without_the_request_the_text_keeps_both_readings() -> None:
    out = explain_text(text("fixture_colbatch.out"))
    cats = [d.category for d in out]
    assert "fixed_batch_size_in_graph" in cats and "batch_size_mismatch_between_inputs" in cats


# ---------------------------------------------------------------------------------------------- F9: keyword typo

@pytest.mark.parametrize("name", ["fixture_sig_typo.txt", "tf_sig_typo.txt"])
def test_f9_a_misspelt_keyword_is_named_with_the_model(models, name: str) -> None:  # type: ignore
    d = explain_text(text(name), info=models("keras_tabular"))[0]
    assert d.category == "input_keys_mismatch"
    assert "the call passed age, hour" in d.cause and "did you mean hours?" in d.cause
    assert d.steps[0].startswith("Rename the keyword: hour → hours")
    assert "another signature or model" not in d.cause + " ".join(d.confirmed)
    assert "row format" not in steps(d)  # a Python call, not a REST body
    if name == "tf_sig_typo.txt":  # the trial's model had no occupation: the fixture's third input is left out
        assert "occupation is missing" in d.cause and "also pass: occupation" in d.steps[0]


def test_f9_without_the_model_the_message_s_own_signature_names_the_typo() -> None:
    d = explain_text(text("tf_sig_typo.txt"))[0]
    assert d.category == "input_keys_mismatch"
    assert "the call passed age, hour: hour is not one of its inputs (did you mean hours?)" in d.cause
    assert d.steps[0].startswith("Rename the keyword: hour → hours")


# ---------------------------------------------------------------------------------------------- F18: TFSMLayer

@pytest.mark.parametrize("name", ["keras_tfsmlayer_wrong_endpoint.txt", "fixture_tfsm_endpoint.txt"])
@pytest.mark.parametrize("with_model", [False, True])
def test_f18_a_misspelt_endpoint_names_the_closest(models, name: str, with_model: bool) -> None:  # type: ignore
    d = explain_text(text(name), info=models("keras_tabular") if with_model else None)[0]
    assert d.category == "signature_not_found"
    assert "misspelling of 'serving_default'" in d.cause
    assert "has no serving_default" not in d.cause
    assert d.steps[0].startswith("Pass call_endpoint='serving_default'")
    said = d.cause + " ".join(d.confirmed) + steps(d)
    assert "serving another model" not in said and '"signature_name"' not in said


# ---------------------------------------------------------------------------------------------- F15: serve endpoint

@pytest.mark.parametrize("with_model", [False, True])
def test_f15_a_dict_to_a_list_endpoint_gets_the_positional_list(models, with_model: bool) -> None:  # type: ignore
    d = explain_text(text("tf_serve_call_dict.txt"), info=models("keras_tabular") if with_model else None)[0]
    assert d.category == "input_keys_mismatch"
    assert "passes a dict (age, hours)" in d.cause and "one positional list args_0" in d.cause
    assert "f([inputs['age'], inputs['hours']])" in d.steps[0]
    assert "by keyword" not in steps(d)  # serve(age=..., hours=...) fails too


def test_f15_a_list_to_a_dict_endpoint_gets_the_dict() -> None:
    d = explain_text(text("fixture_serve_list_to_dict.txt"))[0]
    assert d.category == "input_keys_mismatch"
    assert "passes a list where the function takes one positional dict" in d.cause
    assert "f({'age': ..., 'occupation': ..., 'hours': ...})" in d.steps[0]
    assert "by keyword" not in steps(d)


# ---------------------------------------------------------------------------------------------- F14: cast to string

@pytest.mark.parametrize("name", ["tf_str_py_number.txt", "fixture_str_number.txt"])
def test_f14_a_number_for_a_string_input_is_converted_with_as_string(models, name: str) -> None:  # type: ignore
    for info in (None, models("keras_tabular")):
        d = explain_text(text(name), info=info)[0]
        assert d.category == "dtype_mismatch"
        assert "tf.strings.as_string(x)" in d.steps[0]
        assert "tf.cast(x, tf.string)" not in steps(d) + d.cause


def test_f14_cast_code_never_casts_to_or_from_strings() -> None:
    """TF 2.21: tf.cast(int32, tf.string) is 'Cast int32 to string is not supported' (data/trial8/
    fixture_cast_to_string.txt), and no string parses by tf.cast either."""
    assert "Cast int32 to string is not supported" in text("fixture_cast_to_string.txt")
    assert cast_code("int32", "string") == "tf.strings.as_string(x)"
    assert cast_code("string", "float32") == "tf.strings.to_number(x, out_type=tf.float32)"
    assert cast_code("int64", "float32") == "tf.cast(x, tf.float32)"


# ---------------------------------------------------------------------------------------------- F10: --signature

def test_f10_no_signature_flag_the_user_never_gave(models) -> None:  # type: ignore
    body = json.dumps({"signature_name": "predict", "instances": [[1.0, 2.0, 3.0]]}).encode()
    out = explain_text(text("predict_multi_badsig.out"), info=models("module_multi"), request=body)
    d = out[0]
    assert d.category == "signature_not_found"
    said = " ".join(c for x in out for c in x.confirmed)
    assert "--signature" not in said
    assert 'the model has no signature "predict"' in said


# ---------------------------------------------------------------------------------------------- M8: signatures[...]

@pytest.mark.parametrize("name", ["tf_sig_missing_name.txt", "fixture_signature_key.txt"])
@pytest.mark.parametrize("with_model", [False, True])
def test_m8_a_keyerror_from_signatures_is_the_code_not_a_request(models, name: str,  # type: ignore
                                                                  with_model: bool) -> None:
    d = explain_text(text(name), info=models("keras_tabular") if with_model else None)[0]
    assert d.category == "signature_not_found"
    assert "Your code asked the loaded SavedModel for signature 'predict'" in d.cause
    assert "loaded.signatures['serving_default']" in d.steps[0]
    assert "signature_name" not in steps(d) and "request" not in d.cause.replace("not a request", "")


# ---------------------------------------------------------------------------------------------- M5: missing batch

def test_m5_missing_batch_has_no_step_about_the_url(models) -> None:  # type: ignore
    """The request holds one image spread over "instances": nothing in the text or the request is about the URL."""
    image = [[[0.1, 0.1, 0.1]] * 150] * 150
    body = json.dumps({"instances": image}).encode()
    out = explain_text(text("predict_img_nobatch.out"), info=models("keras_image"), request=body)
    d = next(x for x in out if x.category == "missing_batch_dimension")
    assert d is out[0]
    assert not any(":predict verb" in s for s in d.steps)


def test_m5_one_differing_dimension_differs(models) -> None:  # type: ignore
    body = json.dumps({"instances": [[[[0.1]] * 150] * 150]}).encode()
    out = explain_text(text("predict_img_1ch.out"), info=models("keras_image"), request=body)
    d = next(x for x in out if x.category == "input_shape_mismatch")
    assert "dimension 3 differs." in d.cause


# ---------------------------------------------------------------------------------------------- F19: batching

@pytest.mark.parametrize("body", [
    '{ "error": "Task size 2 is larger than maximum input batch size 1" }',
    "2026-12-06 22:01:02.123: E tensorflow_serving/servables/tensorflow/saved_model_warmup_util.cc:69] Failed to warm "
    "up model: INVALID_ARGUMENT: Task size 2 is larger than maximum input batch size 1",
])
def test_f19_batching_task_size_names_both_numbers(body: str) -> None:
    """The string is in the installed libtensorflow_cc.so.2 (shared_batch_scheduler.h); the index reads it there."""
    d = explain_text(body)[0]
    assert d.category == "payload_too_large"
    assert d.evidence["task_size"] == 2 or d.evidence["task_size"] == "2"
    assert "max_batch_size 1" in d.cause and "holds 2" in d.cause
    assert d.steps[0].startswith("Send at most 1 example(s) per request")
    assert "max_batch_size to at least 2" in d.steps[0] and "enable_large_batch_splitting" in steps(d)
    assert d.title == "Request larger than the batching max_batch_size" and "max_batch_size" in (d.verify or "")
    assert "libtensorflow" in (d.message_source or "")
    assert not any("client_max_body_size" in s or "1.5 MB" in s for s in d.steps)


def test_f14_a_python_call_gets_no_tensorproto_step() -> None:
    """make_tensor_proto([[1]], dtype=tf.string) fails too (TF 2.21: Expected string, but got 1 of type 'int')."""
    d = explain_text(text("tf_str_py_number.txt"))[0]
    assert not any("make_tensor_proto" in s for s in d.steps)


@pytest.mark.tf
def test_the_fixes_run_on_the_fixture(fixture_model) -> None:  # type: ignore
    """What the first steps say, run on fixtures/models/keras_tabular: its serve endpoint takes one positional dict
    (the structure F15's step names for it), the keyword signature takes the names, and tf.strings.as_string (F14's
    step) feeds the string input where tf.cast cannot."""
    tf = pytest.importorskip("tensorflow")
    m = tf.saved_model.load(str(fixture_model("keras_tabular") / "1"))
    a, h = tf.constant([[1.0]]), tf.constant([[2]], dtype=tf.int64)
    occupation = tf.strings.as_string(tf.constant([[1]]))
    step = explain_text(text("fixture_serve_list_to_dict.txt"))[0].steps[0]
    assert "f({'age': ..., 'occupation': ..., 'hours': ...})" in step
    assert m.serve({"age": a, "occupation": occupation, "hours": h})["probabilities"].shape == (1, 2)
    assert m.signatures["serving_default"](age=a, occupation=occupation, hours=h)["probabilities"].shape == (1, 2)
    with pytest.raises(Exception, match="Cast int32 to string is not supported"):
        tf.cast(tf.constant([[1]]), tf.string)
