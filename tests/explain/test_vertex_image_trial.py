"""A Vertex AI image-model trial: each answer fixed for its meaning (texts written here, other names and numbers).

Models: fixtures/models/module_multi (float serving_default ``x``, an ``image_bytes`` DT_STRING signature whose graph
decodes PNG).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from sigcheck.explain import explain_text
from sigcheck.model.reader import read_model

from .own_cases import rest

MULTI = Path(__file__).resolve().parents[2] / "fixtures" / "models" / "module_multi"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 40).decode()


@pytest.fixture(scope="module")
def multi():  # type: ignore[no-untyped-def]
    return read_model(str(MULTI))


def said(d) -> str:  # type: ignore[no-untyped-def]
    return " ".join([d.title, d.cause, *d.confirmed, *d.steps, d.verify or ""])


def vertex(inner: str) -> str:
    return f"google.api_core.exceptions.FailedPrecondition: 400 {json.dumps({'error': inner})}"


# ---- 1. Vertex's REST layer refuses top-level keys other than instances/parameters ----------------------------------

@pytest.mark.parametrize("key,variant", [("inputs", "vertex_columnar"), ("signature_name", "vertex_signature_name")])
@pytest.mark.parametrize("wrap", [
    "google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Unknown name \"{k}\": Cannot find field.",
    "ERROR: (gcloud.ai.endpoints.predict) INVALID_ARGUMENT: Invalid JSON payload received. Unknown name \"{k}\": "
    "Cannot find field.",
])
def test_vertex_unknown_top_level_key_is_instance_format(key: str, variant: str, wrap: str) -> None:
    d = explain_text(wrap.format(k=key))[0]
    assert d.category == "instance_format" and d.variant == variant
    text = said(d)
    assert "must be a string" not in text
    assert '{"inputs"' not in " ".join(d.steps)
    if key == "signature_name":
        assert "Drop \"signature_name\"" in text and "--default-signature" in text


@pytest.mark.parametrize("key,body", [
    ("inputs", {"inputs": {"x": [[1.0, 2.0, 3.0]]}}),
    ("signature_name", {"signature_name": "serving_default", "instances": [[1.0, 2.0, 3.0]]}),
])
def test_vertex_request_is_validated_as_vertex(multi, key: str, body: dict) -> None:  # type: ignore[no-untyped-def]
    text = f'google.api_core.exceptions.InvalidArgument: 400 Invalid JSON payload received. Unknown name "{key}": ' \
           "Cannot find field."
    d = explain_text(text, info=multi, request=json.dumps(body).encode())[0]
    assert d.category == "instance_format"
    assert any("sigcheck validate finds it" in c for c in d.confirmed)
    assert not any("finds nothing wrong" in c for c in d.confirmed)


# ---- 2. numbers sent to an encoded-image string input ----------------------------------------------------------------

NUMBER_TO_STRING = rest("Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: "
                        "0.25 Type: Number is not of expected type: string")


def test_numbers_to_image_bytes_with_model(multi) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"signature_name": "image_bytes", "instances": [[[0.25, 0.5, 0.75]]]}).encode()
    found = explain_text(NUMBER_TO_STRING, info=multi, request=body)
    d = found[0]
    assert d.category == "encoded_image_string_mismatch" and d.variant == "array_to_bytes"
    assert '{"b64"' in d.steps[0] and "JPEG or PNG" in d.steps[0]
    assert not any('"0.25"' in s or 'JSON string' in s for s in d.steps)
    assert "--input_type" not in said(d)


def test_numbers_to_bytes_named_input_without_model() -> None:
    text = rest("Failed to process element: 0 key: photo_bytes of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                "Value: 12 Type: Number is not of expected type: string")
    d = explain_text(text)[0]
    assert d.category == "encoded_image_string_mismatch" and '{"b64"' in d.steps[0]


def test_numbers_to_plain_string_feature_stay_dtype_mismatch() -> None:
    text = rest("Failed to process element: 0 key: occupation of 'instances' list. Error: INVALID_ARGUMENT: JSON "
                "Value: 3 Type: Number is not of expected type: string")
    assert explain_text(text)[0].category == "dtype_mismatch"


# ---- 3. an extra level into the map over the batch -------------------------------------------------------------------

MAP_TEXTS = [
    rest("Specified a list with shape [] from a tensor with shape [1]\n\t [[{{function_node __inference_serve_77}}"
         "{{node map/TensorArrayUnstack/TensorListFromTensor}}]]"),
    vertex("Specified a list with shape [] from a tensor with shape [2]\n\t [[{{function_node __inference_fn_9}}"
           "{{node map/TensorArrayUnstack/TensorListFromTensor}}]]"),
]


@pytest.mark.parametrize("text", MAP_TEXTS)
def test_map_fn_extra_level(text: str) -> None:
    d = explain_text(text)[0]
    assert d.category == "extra_batch_dimension"
    assert '{"b64"' in d.steps[0] and "per instance" in d.steps[0]


def test_map_fn_extra_level_with_request(multi) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"signature_name": "image_bytes", "instances": [[{"b64": PNG}]]}).encode()
    d = explain_text(MAP_TEXTS[0], info=multi, request=body)[0]
    assert d.category == "extra_batch_dimension" and "one level" in d.cause


# ---- 4. a rank error of an image op when serving_default takes strings ----------------------------------------------

def test_rank_error_behind_a_string_signature_is_not_shape_empty(vertex_like) -> None:  # type: ignore[no-untyped-def]
    text = vertex("convolution input must be 4-dimensional: [1,1,32,32,3]\n\t [[{{node model/conv/Relu}}]]")
    plain = explain_text(text)[0]
    d = explain_text(text, info=vertex_like)[0]
    assert d.category == "extra_batch_dimension"
    assert d.confidence < plain.confidence
    assert "shape []" not in said(d)
    # (module_multi's graph has no convolution, so here the model also contradicts the op: either way, lower)


@pytest.fixture(scope="module")
def vertex_like(multi):  # type: ignore[no-untyped-def]
    """module_multi seen with image_bytes as serving_default and a float rank-4 image_tensor signature."""
    import dataclasses

    from sigcheck.model.types import TensorSpec

    sigs = dict(multi.signatures)
    img = sigs["image_bytes"]
    floats = dataclasses.replace(img, inputs={"image": TensorSpec(name="image", dtype="DT_FLOAT",
                                                                  shape=(-1, 32, 32, 3))})
    return dataclasses.replace(multi, signatures={"serving_default": img, "image_tensor": floats})


# ---- 5. base64 text without the b64 wrapper --------------------------------------------------------------------------

def test_plain_base64_leads_over_encoded_mismatch(multi) -> None:  # type: ignore[no-untyped-def]
    text = rest("Unknown image file format. One of JPEG, PNG, GIF, BMP required.\n\t [[{{node "
                "map/while/decode_image/DecodeImage}}]]")
    body = json.dumps({"signature_name": "image_bytes", "instances": [PNG]}).encode()
    found = explain_text(text, info=multi, request=body)
    assert found[0].category == "base64_encoding"
    assert all("--input_type" not in s for d in found for s in d.steps)


def test_object_detection_advice_only_for_object_detection() -> None:
    od = explain_text(rest("Invalid JPEG data or crop window, data size 1200 for encoded_image_string_tensor"))[0]
    assert any("--input_type" in s for s in od.steps)
    plain = explain_text(rest("Unknown image file format. One of JPEG, PNG, GIF, BMP required."))[0]
    assert not any("--input_type" in s for s in plain.steps)


# ---- 6. b64 sent to a float serving_default when an image_bytes signature exists -----------------------------------

def test_b64_to_float_default_points_at_the_bytes_signature(multi) -> None:  # type: ignore[no-untyped-def]
    text = rest("Failed to process element: 0 of 'instances' list. Error: INVALID_ARGUMENT: JSON Value: {\n    "
                f"\"b64\": \"{PNG}\" }} Type: Object is not of expected type: float")
    d = explain_text(text, info=multi)[0]
    assert d.category == "bytes_sent_to_numeric_input"
    assert '"signature_name": "image_bytes"' in d.steps[0] and "--default-signature image_bytes" in d.steps[0]
    assert not any("re-export with a string input" in s for s in d.steps)
