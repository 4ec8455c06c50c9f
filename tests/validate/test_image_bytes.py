"""validate looks inside {"b64": ...} of image inputs (issue 18): bytes that are no image file the graph's decode op
reads are an error quoting TensorFlow's decode error, a warning when only the input's name says it takes images;
{"b64": ...} sent to a float signature names the model's image-bytes signature, and --fix calls it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.model import read_model
from sigcheck.model.contract import from_contract
from sigcheck.schema.images import tiny_png
from sigcheck.validate import repair, validate_request
from sigcheck.validate.images import UNKNOWN_FORMAT, decode_error, encoded_file_kind, file_kind

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def multi():
    return read_model(str(ROOT / "fixtures" / "models" / "module_multi"))


def b64(data: bytes) -> dict:
    return {"b64": base64.b64encode(data).decode()}


def body(values, signature="image_bytes") -> bytes:
    return json.dumps({"signature_name": signature, "instances": [{"image_bytes": v} for v in values]}).encode()


def test_text_sent_to_a_decoded_input_is_an_error_with_tensorflows_message(multi) -> None:
    png = tiny_png(7)
    r = validate_request(body([b64(png), b64(b"hello, not an image"), b64(b"nope")]), multi)
    assert r.decoded.accepted and not r.ok  # TF Serving takes any bytes; the decode op fails the request
    (f,) = [f for f in r.findings if f.code == "request.image"]
    assert f.severity is Severity.ERROR and f.category == "encoded_image_string_mismatch"
    assert f.path == "$.instances[1].image_bytes"
    assert "the graph decodes it with DecodePng" in f.message and "2 of its 3 values" in f.message
    assert f.upstream == UNKNOWN_FORMAT == "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required."
    assert f.received == "19 bytes starting 'hello, not an im'…"
    assert validate_request(body([b64(png)]), multi).ok  # a real PNG passes


def test_twice_encoded_image_is_named(multi) -> None:
    twice = base64.b64encode(tiny_png(3))  # the base64 text of a PNG, base64-encoded again in {"b64"}
    r = validate_request(body([b64(twice)]), multi)
    (f,) = [f for f in r.findings if f.code == "request.image"]
    assert "base64-encoded twice" in f.message and f.severity is Severity.ERROR


def test_short_twice_encoded_jpeg_is_named(multi) -> None:
    """A JPEG's base64 starts /9j/ however short the text (16 characters here, under the 16-letter run plain base64
    text needs): trial 11, finding 11d."""
    short = b"/9j/4GFiY2RlZg=="
    r = validate_request(body([{"b64": base64.b64encode(short).decode()}]), multi)
    (f,) = [f for f in r.findings if f.code == "request.image"]
    assert "base64 text of a JPEG file (the image was base64-encoded twice)" in f.message


def test_encoded_file_kind_reads_the_magic_of_base64_text() -> None:
    assert encoded_file_kind("/9j/4GFiY2RlZg==") == "JPEG" and encoded_file_kind("/9j/") == "JPEG"
    assert encoded_file_kind(base64.b64encode(tiny_png(1)).decode()[:12]) == "PNG"
    assert encoded_file_kind(base64.urlsafe_b64encode(b"\xff\xd8\xff\xe0\xfb\xff").decode()) == "JPEG"
    assert encoded_file_kind(b"R0lGODlh") == "GIF"
    for text in ("paris", "rome", "oslo", "hello world", "", "/9j", "Cgo=", "1234", "/9j/!"):
        assert encoded_file_kind(text) is None, text


def test_name_only_is_a_warning() -> None:
    info = from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict",
        "inputs": {"image_bytes": {"dtype": "DT_STRING", "shape": [-1]}, "key": {"dtype": "DT_STRING", "shape": [-1]}},
        "outputs": {"p": {"dtype": "DT_FLOAT", "shape": [-1, 2]}}}}}, "c")
    sent = json.dumps({"instances": [{"image_bytes": b64(b"II*\x00tiff..."), "key": "a"}]}).encode()
    r = validate_request(sent, info)
    (f,) = r.findings
    assert f.severity is Severity.WARNING and r.ok and "a TIFF file" in f.message and "no decode op" in f.message
    plain = json.dumps({"instances": [{"image_bytes": b64(tiny_png(1)), "key": "not an image, and not one"}]})
    assert validate_request(plain.encode(), info).findings == []  # "key" takes no image


def test_decode_error_follows_tensorflows_ops() -> None:
    png, bmp = tiny_png(1), b"BM" + b"\x00" * 60
    assert file_kind(png) == "PNG" and file_kind(bmp) == "BMP" and file_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "WebP"
    assert decode_error(png, ["DecodeJpeg"]) is None  # decode_jpeg / decode_png / decode_gif read each other's files
    assert decode_error(bmp, ["DecodeJpeg"]) == ("Trying to decode BMP format using a wrong op. Use `decode_bmp` or "
                                                 "`decode_image` instead. Op used: DecodeJpeg")
    assert decode_error(png, ["DecodeBmp"]) == ("Trying to decode PNG format using DecodeBmp op. Use `decode_png` or "
                                                "`decode_image` instead.")
    assert decode_error(bmp, ["DecodeImage"]) is None and decode_error(b"", ["DecodeImage"]) == "Input is empty."


def test_b64_to_the_float_signature_names_the_image_bytes_signature_and_fix_calls_it(multi, cli, tmp_path) -> None:
    sent = json.dumps({"instances": [b64(tiny_png(5))]}).encode()
    r = validate_request(sent, multi)
    (f,) = [f for f in r.findings if f.category == "bytes_sent_to_numeric_input"]
    assert 'add "signature_name": "image_bytes"' in f.hint and 'signature "image_bytes" takes' in f.message
    fixed = repair(r, multi)
    assert json.loads(fixed.body)["signature_name"] == "image_bytes" and fixed.ok
    vertex = validate_request(sent, multi, target="vertex")
    (f,) = [f for f in vertex.findings if f.category == "bytes_sent_to_numeric_input"]
    assert "--default-signature image_bytes" in f.hint and "add \"signature_name\"" not in f.hint
    req = tmp_path / "req.json"
    req.write_bytes(sent)
    out = tmp_path / "fixed.json"
    code, _, err = cli("validate", req, "--model", ROOT / "fixtures" / "models" / "module_multi", "--fix", "-o", out)
    assert code == 0 and 'added "signature_name": "image_bytes"' in err


def test_b64_lines_to_the_float_signature_say_signature_name_flag_not_body(multi, cli, tmp_path) -> None:
    """A JSON Lines file carries no signature_name: the way to call the image signature is gcloud's --signature-name
    (sigcheck's --signature), not "add signature_name to the body" (trial 11, finding 4); Vertex AI calls only
    serving_default, as for a body; predict's findings for the file are validate's of its lines."""
    lines = (json.dumps(b64(tiny_png(5))) + "\n" + json.dumps(b64(tiny_png(6))) + "\n").encode()
    r = validate_request(lines, multi, format_in="jsonl")
    (f,) = [f for f in r.findings if f.category == "bytes_sent_to_numeric_input"]
    assert "--signature-name image_bytes" in f.hint and "--signature image_bytes" in f.hint
    assert '"signature_name"' not in f.hint and "(line 1)" in f.message
    vertex = validate_request(lines, multi, format_in="jsonl", target="vertex")
    (f,) = [f for f in vertex.findings if f.category == "bytes_sent_to_numeric_input"]
    assert "--default-signature image_bytes" in f.hint and "--signature-name" not in f.hint
    assert validate_request(lines, multi, format_in="jsonl", signature="image_bytes").ok  # what the hint says
    req = tmp_path / "req.jsonl"
    req.write_bytes(lines)
    code, out, _ = cli("predict", req, "--model", ROOT / "fixtures" / "models" / "module_multi", "--json")
    (said,) = [f for f in json.loads(out)["findings"] if f.get("category") == "bytes_sent_to_numeric_input"]
    assert code == 1 and "--signature-name image_bytes" in said["hint"] and "(line 1)" in said["message"]
