"""``--default-signature image_bytes``: the JPEG/PNG signature is ``serving_default`` (what Vertex AI's prebuilt
containers call) and the float one is ``image_tensor``; ``--image-bytes`` alone says so in a note."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from training_images import png_bytes

from sigcheck.model import read_model

IMAGE_SIZE = (8, 8, 3)  # the size of the conftest's unnamed_image_keras model


@pytest.mark.tf
def test_image_bytes_alone_notes_that_vertex_calls_only_serving_default(image_export) -> None:
    from sigcheck.training.export import VERTEX_BYTES_NOTE

    assert sorted(read_model(image_export.location).signatures) == ["image_bytes", "serving_default"]
    assert VERTEX_BYTES_NOTE in image_export.notes
    assert "--default-signature image_bytes" in VERTEX_BYTES_NOTE


@pytest.mark.tf
def test_default_signature_image_bytes_makes_the_bytes_signature_serving_default(unnamed_image_keras,
                                                                                 tmp_path: Path) -> None:
    import tensorflow as tf

    from sigcheck.training import ExportOptions, export_keras
    from sigcheck.training.export import REQUEST_FILE, SIDECAR_DIR, VERTEX_BYTES_NOTE
    from sigcheck.validate import validate_request

    result = export_keras(str(unnamed_image_keras), ExportOptions(output=str(tmp_path / "m"),
                                                                  default_signature="image_bytes", target="vertex"))
    info = read_model(result.location)
    assert sorted(info.signatures) == ["image_tensor", "serving_default"]
    default, floats = info.signatures["serving_default"], info.signatures["image_tensor"]
    assert {n: (s.dtype, s.shape) for n, s in default.inputs.items()} == {"image_bytes": ("DT_STRING", (-1,))}
    assert {n: (s.dtype, s.shape) for n, s in floats.inputs.items()} == {"image": ("DT_FLOAT", (-1, *IMAGE_SIZE))}
    assert {n: s.shape for n, s in default.outputs.items()} == {n: s.shape for n, s in floats.outputs.items()} == {
        "probabilities": (-1, 3)}
    assert VERTEX_BYTES_NOTE not in result.notes
    assert result.gate_ok and result.request_ok, (result.gate, result.request_findings)

    # the sample request sends a base64 image with no signature_name: what Vertex AI takes
    request = Path(result.location, SIDECAR_DIR, REQUEST_FILE).read_bytes()
    assert b'"b64"' in request and b"signature_name" not in request
    checked = validate_request(request, info, target="vertex")
    assert checked.ok, checked.findings
    # no sample for image_tensor: Vertex AI calls only serving_default, so a request naming it cannot be sent there
    assert not os.path.exists(os.path.join(result.location, SIDECAR_DIR, "request.image_tensor.json"))
    assert sorted(k for k in result.files if k.startswith("request")) == ["request"]

    # both signatures give the same answer for the same pixels
    pixels = np.random.default_rng(7).integers(0, 256, size=(2, *IMAGE_SIZE), dtype=np.uint8)
    loaded = tf.saved_model.load(result.location)
    by_bytes = loaded.signatures["serving_default"](image_bytes=tf.constant(png_bytes(pixels)))
    by_float = loaded.signatures["image_tensor"](image=tf.constant(pixels.astype(np.float32) / 255.0))
    np.testing.assert_allclose(by_bytes["probabilities"].numpy(), by_float["probabilities"].numpy(), atol=1e-6)


def test_default_signature_is_for_image_models_and_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    from sigcheck.cli.app import run

    capsys.readouterr()
    code = run(["export", "--example", "penguins", "--default-signature", "image_bytes", "--output",
                str(tmp_path / "a"), "--no-color"])
    _out, err = capsys.readouterr()
    assert code == 2 and "--default-signature applies to image models" in err
    keras_file = tmp_path / "m.keras"
    keras_file.write_bytes(b"PK\x03\x04")
    code = run(["export", "--from", str(keras_file), "--default-signature", "bytes", "--output", str(tmp_path / "b"),
                "--no-color"])
    _out, err = capsys.readouterr()
    assert code == 2 and "unknown --default-signature 'bytes'" in err and "image_bytes" in err
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_the_vertex_hints_name_the_export_choice_that_makes_each_signature_the_default() -> None:
    """schema/validate hints (TF-free) and export's --default-signature agree on what makes which signature
    serving_default."""
    from sigcheck.schema.layout import EXPORT_DEFAULT_CHOICES, default_signature_hint
    from sigcheck.training.export import DEFAULT_SIGNATURES
    from sigcheck.training.signatures import IMAGE_BYTES_SIGNATURE, IMAGE_TENSOR_SIGNATURE

    assert EXPORT_DEFAULT_CHOICES == {IMAGE_BYTES_SIGNATURE: "image_bytes", IMAGE_TENSOR_SIGNATURE: "tensor"}
    assert set(EXPORT_DEFAULT_CHOICES.values()) == set(DEFAULT_SIGNATURES)
    assert "--default-signature tensor" in default_signature_hint("image_tensor")
    other = default_signature_hint("my_signature")  # (export cannot make it serving_default; repair can alias it)
    assert "sigcheck export" not in other and "sigcheck repair MODEL" in other
