"""A model FILE that is not at its path (a frozen .pb, an .h5, a .tflite, an .onnx, a tfjs model.json), said by any
runtime in its own words — TensorFlow's ``Not found: PATH``, Python's ``FileNotFoundError``, Java's
``FileNotFoundException``, a wrapper's ``Could not find model file`` — reads as the model's files not found, told as
a file that is not where the program runs (catalogue variant ``model_file``), with the path it names (#15)."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


@pytest.mark.parametrize("text, path", [
    ("Not found: models/train.pb", "models/train.pb"),
    ("2018-01-01 E tensorflow/core/platform/env.cc:123] Not found: /data/frozen_inference_graph.pb",
     "/data/frozen_inference_graph.pb"),
    ("NotFoundError: model.tflite; No such file or directory", "model.tflite"),
    ("IOError: [Errno 2] No such file or directory: 'models/yolo.h5'", "models/yolo.h5"),
    ("Error: Could not find model file /app/model.onnx", "/app/model.onnx"),
    ("java.io.FileNotFoundException: /sdcard/model.tflite (No such file or directory)", "/sdcard/model.tflite"),
])
def test_a_model_file_that_is_not_there_is_read_with_its_path(text: str, path: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant == "model_file"
    assert top.evidence["path"] == path
    assert path in top.cause and "saved_model.pb" not in top.cause


@pytest.mark.parametrize("text, category", [
    # a SavedModel's own files, a checkpoint and a tfjs weights shard keep their own readings
    ("tensorflow.python.framework.errors_impl.NotFoundError: /content/model/saved_model.pb; No such file or directory",
     "savedmodel_not_found"),
    ("Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ckpt/model.ckpt-100",
     "savedmodel_not_found"),
    ("Error: Weight file /app/model/group1-shard1of1.bin does not exist: loading failed", "variables_not_restored"),
])
def test_other_files_keep_their_readings(text: str, category: str) -> None:
    top = explain_text(text)[0]
    assert top.category == category
    assert top.variant != "model_file"


def test_transformers_no_file_named_in_a_directory() -> None:
    """transformers' TF from_pretrained: ``Error no file named [...] found in directory D`` (modeling_tf_utils)."""
    top = explain_text("OSError: Error no file named ['pytorch_model.bin', 'tf_model.h5'] found in directory "
                       "/models/exp1 or `from_pt` set to False")[0]
    assert top.category == "savedmodel_not_found" and top.evidence["path"] == "/models/exp1"
    assert "tf_model.h5" in top.cause


def test_a_cut_copy_of_tfjs_model_json_parse_failure() -> None:
    """tfjs' ``Failed to parse model JSON of response from URL. Please make sure ...`` (tfjs-core io/http.ts), pasted
    without its URL: the source's own words still read as no model JSON at that address."""
    top = explain_text("Unhandled Rejection (Error): Failed to parse model JSON on this repo example.")[0]
    assert top.category == "savedmodel_not_found" and "model.json" in " ".join(top.steps)


@pytest.mark.parametrize("text", [
    "wget: unable to resolve host address 'tfhub.dev'",
    "urllib.error.URLError: <urlopen error [Errno -2] Name or service not known>",
    "Error: getaddrinfo ENOTFOUND storage.googleapis.com",
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='tfhub.dev', port=443): Max retries exceeded (Caused "
    "by NewConnectionError(': Failed to establish a new connection: [Errno -3] Temporary failure in name resolution'))",
])
def test_a_host_name_that_does_not_resolve(text: str) -> None:
    """The resolvers' own words (glibc's gai_strerror, Node's getaddrinfo ENOTFOUND, wget's): the service's host name
    does not resolve — an outage, or no network where the code runs — not the request or the model."""
    top = explain_text(text)[0]
    assert top.category == "service_side_error" and top.variant == "name_resolution"
    assert "nslookup" in top.steps[0]
