"""TF Serving's answer and the findings for values an op of the model reads (trial12, user u3).

F4: a serialized tf.Example the graph's parse op refuses (or bytes its decode op reads no image in) passes TF
Serving's JSON layer, then Session::Run fails with the op's InvalidArgument error: TF Serving answers 400, so
validate's ``tf_serving`` is that 400 at the ``execution`` stage (what ``predict`` gets), never a 200.

F6: plain base64 text in one instance of an image input (``request.base64``) does not hide the ``request.image``
findings of the input's other instances; ``batch`` (each line alone) finds the same codes.

Models: tests/batch/models/tf_example (tf.io.parse_example → ParseExampleV2) and fixtures/models/module_multi
(signature ``image_bytes`` decodes its input), both committed; no TensorFlow."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from sigcheck.batch.example import serialize_example
from sigcheck.model import read_model
from sigcheck.schema.images import tiny_png
from sigcheck.validate import validate_request
from sigcheck.validate.images import UNKNOWN_FORMAT

ROOT = Path(__file__).resolve().parents[2]
TF_EXAMPLE = ROOT / "tests" / "batch" / "models" / "tf_example"
GOOD = {"age": {"float_list": [30.0]}, "occupation": {"bytes_list": [b"Sales"]}, "emb": {"float_list": [1.0, 2.0, 3.0]}}
MISSING_AGE = "Name: <unknown>, Feature: age (data type: float) is required but could not be found."
TIFF = b"II*\x00" + bytes(60)


@pytest.fixture(scope="module")
def tfe():
    return read_model(str(TF_EXAMPLE))


@pytest.fixture(scope="module")
def multi():
    return read_model(str(ROOT / "fixtures" / "models" / "module_multi"))


def b64(data: bytes) -> dict:
    return {"b64": base64.b64encode(data).decode()}


def examples_body(values) -> bytes:
    return json.dumps({"instances": values}).encode()


def image_body(values) -> bytes:
    return json.dumps({"signature_name": "image_bytes", "instances": [{"image_bytes": v} for v in values]}).encode()


# ------------------------------------------------------------------------------------------------------------ F4

def test_a_refused_example_is_tf_servings_400_at_execution(tfe) -> None:
    missing = serialize_example({k: v for k, v in GOOD.items() if k != "age"})
    r = validate_request(examples_body([b64(serialize_example(GOOD)), b64(missing)]), tfe)
    assert r.decoded.accepted and not r.ok  # the JSON layer decodes it; the parse op fails it
    answer = r.to_json()["tf_serving"]
    assert (answer["accepted"], answer["http_status"], answer["stage"]) == (False, 400, "execution")
    assert answer["error"] == MISSING_AGE  # TensorFlow's words, as predict answers them
    assert r.answer.status_code == "INVALID_ARGUMENT" and r.answer.finding.code == "request.example"
    assert "fails every request" not in r.answer.summary and "answers 400" in r.answer.summary
    assert r.to_json()["tensors"]  # the tensors TF Serving builds are still said


def test_a_word_for_an_example_is_the_parse_ops_400(tfe, tmp_path: Path) -> None:
    r = validate_request(examples_body(["seven"]), tfe)
    assert (r.answer.http_status, r.answer.stage, r.answer.error) == (
        400, "execution", "Could not parse example input, value: 'seven'")
    lines = tmp_path / "ex.jsonl"  # the same from a JSON Lines file
    lines.write_text(json.dumps(b64(serialize_example(GOOD))) + "\n" + '"seven"\n')
    r = validate_request(lines.read_bytes(), tfe, source=str(lines))
    assert (r.answer.http_status, r.answer.stage) == (400, "execution") and not r.ok


def test_good_examples_keep_their_200(tfe) -> None:
    r = validate_request(examples_body([b64(serialize_example(GOOD))] * 2), tfe)
    assert r.ok and r.to_json()["tf_serving"] == {"accepted": True, "http_status": 200, "error": None, "stage": "ok"}


def test_bytes_no_decode_op_reads_are_tf_servings_400(multi) -> None:
    r = validate_request(image_body([b64(tiny_png(3)), b64(TIFF)]), multi)
    assert (r.answer.accepted, r.answer.http_status, r.answer.stage) == (False, 400, "execution")
    assert r.answer.error == UNKNOWN_FORMAT and r.answer.finding.code == "request.image"
    assert validate_request(image_body([b64(tiny_png(3))]), multi).answer.accepted


def test_cli_headline_says_tf_serving_answers_400(cli, tmp_path: Path) -> None:
    missing = serialize_example({k: v for k, v in GOOD.items() if k != "age"})
    req = tmp_path / "req.json"
    req.write_bytes(examples_body([b64(missing)]))
    code, out, _ = cli("validate", req, "--model", TF_EXAMPLE)
    first = out.splitlines()[0]
    assert code == 1 and "accepts it" not in first and "TF Serving answers 400" in first, out
    assert MISSING_AGE in out


# ------------------------------------------------------------------------------------------------------------ F6

def _three():
    png_text = base64.b64encode(tiny_png(5)).decode()
    return [b64(TIFF), png_text, b64(png_text.encode())]  # a TIFF, PNG base64 sent plain, PNG base64-encoded twice


def test_plain_base64_in_one_instance_keeps_the_others_image_findings(multi) -> None:
    r = validate_request(image_body(_three()), multi)
    by = {f.code: f for f in r.findings}
    assert set(by) == {"request.image", "request.base64"}, [f.code for f in r.findings]
    assert by["request.base64"].path == "$.instances[1].image_bytes"
    image = by["request.image"]
    assert image.path == "$.instances[0].image_bytes" and "2 of its 3 values" in image.message


def test_base64_encoded_twice_in_b64_is_not_called_a_plain_string(multi) -> None:
    png_text = base64.b64encode(tiny_png(5)).decode()
    r = validate_request(image_body([b64(png_text.encode()), "hello"]), multi)
    assert not [f for f in r.findings if f.code == "request.base64"]  # nothing base64 was sent as plain text
    (image,) = [f for f in r.findings if f.code == "request.image"]
    assert "twice" in image.message or "2 values" in image.message


def test_validate_and_batch_find_the_same_codes(multi, tmp_path: Path) -> None:
    from sigcheck.batch import run_batch

    path = tmp_path / "img.jsonl"
    path.write_text("".join(json.dumps({"image_bytes": v}) + "\n" for v in _three()))
    r = validate_request(path.read_bytes(), multi, source=str(path), signature="image_bytes")
    batch = run_batch([str(path)], multi, workers=1, signature="image_bytes")
    assert batch.bad_records == 3
    assert {f.code for f in r.findings} == set(batch.tally.counts) == {"request.image", "request.base64"}
    assert {f.line for f in r.findings if f.code == "request.base64"} == {2}


def test_plain_base64_to_a_decoded_input_is_the_decode_ops_400(multi) -> None:
    """The decode op gets the base64 text itself (predict on such a model: 400 'Unknown image file format')."""
    png_text = base64.b64encode(tiny_png(5)).decode()
    r = validate_request(image_body([png_text]), multi)
    (f,) = [f for f in r.findings if f.code == "request.base64"]
    assert f.upstream == UNKNOWN_FORMAT and not [g for g in r.findings if g.code == "request.image"]
    assert (r.answer.http_status, r.answer.stage, r.answer.error) == (400, "execution", UNKNOWN_FORMAT)
    # an input no op decodes just gets the text: no answer sigcheck can state beyond the JSON layer's
    from .contracts import contract

    plain = contract({"image_bytes": ("DT_STRING", [-1])})
    r = validate_request(json.dumps({"instances": [png_text]}).encode(), plain)
    assert [f.code for f in r.findings] == ["request.base64"] and r.answer.accepted
