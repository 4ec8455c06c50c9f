"""Triton Inference Server serving a TensorFlow model, in the explain index (#15), from scripts/explain_index_triton.py.

Each message is written as Triton prints it: the server's log line (``E0115 03:15:16.215663 1 model_lifecycle.cc:654]
failed to load 'NAME' version N: <Status code string>: <message>``, the code strings of triton-inference-server/common
src/error.cc), what tritonclient raises (``InferenceServerException: [StatusCode.X] [request id: <id_unknown>] …`` over
gRPC, ``[400] …`` over HTTP: utils/__init__.py __str__), or the HTTP frontend's JSON error body; the message itself is
formatted from its source's template with other names and numbers than the rows' own examples.  Each must read to its
category with a first step that names the cause; the rows' literals must be the sources' own text (checked against the
git mirrors when they are on disk)."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text, read_unknown

from .reading import index_entries, source_module


triton = source_module("explain_index_triton")
INDEX = index_entries()


def test_every_triton_row_is_in_the_index_with_its_source_and_commit() -> None:
    by_template = {e["template"]: e for e in INDEX}
    for e in triton.entries():
        have = by_template.get(e["template"])
        assert have is not None, f"messages.json lacks {e['template']!r}: run scripts/explain_build_index.py"
        assert have["pattern"] == e["pattern"] and have["category"] == e["category"]
        assert have["source"] == e["source"]
        if not e["source"].startswith("tensorflow/libtensorflow_framework.so.2 (strings -n 8;"):
            assert re.search(r"github\.com/triton-inference-server/\w+@[0-9a-f]{12} \S", e["source"]), e["source"]
        if e["category"] is None:
            assert "not about the request or model" in have["reading"]


def test_every_rows_example_reads_with_its_own_pattern() -> None:
    from sigcheck.explain.normalize import normalize

    for e in triton.entries():
        assert re.search(e["pattern"], normalize(e["example"]), re.I), e["template"]


@pytest.mark.parametrize("repo", sorted({row[2][0] for row in triton.ROWS}))
def test_the_rows_literals_are_the_sources_own_text(repo: str) -> None:
    git_dir = triton.MIRRORS / repo.replace("/", "+") / "repo"
    if not git_dir.exists():
        pytest.skip(f"no git mirror of {repo} at {git_dir} (fetch github:{repo} to check its literals)")
    rows = [row for row in triton.ROWS if row[2][0] == repo]
    for row in rows:
        _, commit, where = row[2]
        text = triton.joined_source(repo, commit, where.split(" (")[0])
        assert text is not None, f"{repo}@{commit} has no {where}"
        missing = [piece for piece in triton.row_literals(row) if piece not in text]
        assert not missing, f"{row[0]!r}: not in {repo}@{commit[:12]} {where}: {missing}"


LOG = "E0312 09:41:07.512345 1 model_lifecycle.cc:654] failed to load '{model}' version {v}: {code}: {m}"
LOG_OLD = "E0115 03:15:16.215663 1 model_repository_manager.cc:832] failed to load '{model}' version {v}: {code}: {m}"
GRPC = "tritonclient.utils.InferenceServerException: [StatusCode.{code}] [request id: <id_unknown>] {m}"
HTTP = "tritonclient.utils.InferenceServerException: [400] {m}"
BODY = '$ curl -X POST localhost:8000/v2/models/{model}/infer -d @req.json\n{{"error":"{m}"}}'


def log(m: str, code: str = "Invalid argument", model: str = "sentiment", v: int = 3, old: bool = False) -> str:
    return (LOG_OLD if old else LOG).format(model=model, v=v, code=code, m=m)


CASES = [
    # (text as Triton prints it, category, a word the first step must have)
    # the repository and loading
    (log("unable to find '/opt/tritonserver/models/sentiment/3/model.savedmodel' for model instance "
         "'sentiment_0_0'", code="Unavailable"), "model_base_path_layout", "model.savedmodel"),
    (log("unable to find model 'model.graphdef' for sentiment", code="Internal", old=True),
     "model_base_path_layout", "model.savedmodel"),
    ("E0312 09:41:07.512345 1 model_lifecycle.cc:626] failed to load 'sentiment': at least one version must be "
     "available under the version policy of model 'sentiment'", "model_base_path_layout", "integer"),
    (GRPC.format(code="INTERNAL", m="failed to load 'sentiment', no version is available"), "model_base_path_layout",
     "integer"),
    (log("unable to find backend library for backend 'tensorflow', try specifying runtime on the model "
         "configuration."), "runtime_version_mismatch", "TensorFlow backend"),
    (log("unexpected platform type 'tensorflow_saved_model' for sentiment"), "model_load_failed",
     "tensorflow_savedmodel"),
    (log("Invalid model name: Could not determine backend for model 'sentiment' with no backend in model "
         "configuration. Expected model name of the form 'model.<backend_name>'."), "model_load_failed",
     "tensorflow_savedmodel"),
    # configuration against the SavedModel
    (log("model input 'training' cannot have empty reshape for non-batching model as scalar tensors are not "
         "supported for sentiment"), "scalar_input", "scalar"),
    (log("model input cannot have empty reshape for non-batching model for sentiment", old=True), "scalar_input",
     "scalar"),
    (log("Unable to autofill for 'sentiment': the rank of model tensor 'keep_prob' is 0 and dimensions are not "
         "defined"), "scalar_input", "scalar"),
    (log("model 'sentiment', tensor 'text_vectors': for the model to support batching the shape should have at "
         "least 1 dimension and the first dimension must be -1; but shape expected by the model is [32,300]"),
     "fixed_batch_size_in_graph", "max_batch_size"),
    (log("unable to autofill for 'sentiment', configuration specified max-batch 16 but model signature does not "
         "support batching", code="Internal"), "fixed_batch_size_in_graph", "max_batch_size"),
    (log("unable to autofill for 'sentiment', model tensor configurations are contradicting each other in terms of "
         "whether batching is supported", code="Internal"), "output_batch_dimension", "max_batch_size"),
    (log("model 'sentiment', tensor 'text_vectors': the model expects 3 dimensions (shape [-1,50,300]) but the "
         "model configuration specifies 4 dimensions (an initial batch dimension because max_batch_size > 0 "
         "followed by the explicit tensor shape, making complete shape [-1,-1,50,300])"), "input_shape_mismatch",
     "max_batch_size"),
    (log("unable to load model 'sentiment', configuration expects datatype TYPE_FP32 for input 'token_ids', model "
         "provides TYPE_INT32"), "dtype_mismatch", "TYPE_"),
    (log("unable to load model 'sentiment', input 'token_ids' data-type TYPE_INT32 doesn't match configuration "
         "data-type TYPE_FP32", old=True), "dtype_mismatch", "TYPE_"),
    (log("unexpected inference input 'tokens'"), "input_keys_mismatch", "signature"),
    (log("unable to load model 'sentiment', configuration expects 1 inputs, model provides 2"), "input_keys_mismatch",
     "signature"),
    (log("unable to load model 'sentiment', expected 'serving_default' signature", code="Internal"),
     "signature_not_found", "TF_SIGNATURE_DEF"),
    (log("unable to load model 'sentiment', expected 'serve' tag", code="Internal"), "savedmodel_tags",
     "TF_GRAPH_TAG"),
    # the request
    (GRPC.format(code="INVALID_ARGUMENT", m="unexpected inference input 'text' for model 'sentiment'"),
     "input_keys_mismatch", "get_model_metadata"),
    (HTTP.format(m="unexpected inference output 'probabilities' for model 'sentiment'"), "input_keys_mismatch",
     "get_model_metadata"),
    (GRPC.format(code="INVALID_ARGUMENT", m="inference input 'token_ids' data-type is 'INT64', but model "
                 "'sentiment' expects 'INT32'"), "dtype_mismatch", "datatype"),
    (HTTP.format(m="inference request batch-size must be <= 4 for 'sentiment'"), "input_shape_mismatch",
     "max_batch_size"),
    (GRPC.format(code="INVALID_ARGUMENT", m="input 'token_ids' has no shape but model requires batch dimension for "
                 "'sentiment'"), "missing_batch_dimension", "batch"),
    (GRPC.format(code="INVALID_ARGUMENT", m="input 'mask' batch size does not match other inputs for 'sentiment'"),
     "batch_size_mismatch_between_inputs", "batch"),
    (GRPC.format(code="INVALID_ARGUMENT", m="expected 2 inputs but got 1 inputs for model 'sentiment'. Got input(s) "
                 "['token_ids'], but missing required input(s) ['mask']. Please provide all required input(s)."),
     "input_keys_mismatch", "missing"),
    (HTTP.format(m="input byte size mismatch for input 'token_ids' for model 'sentiment'. Expected 400, got 800"),
     "dtype_mismatch", "int32"),  # twice the bytes: int64 token ids into an INT32 input
    (BODY.format(model="sentiment", m="Unable to parse 'data': Shape does not match true shape of 'data' field"),
     "input_shape_mismatch", "shape"),
    (BODY.format(model="sentiment", m="Unable to parse 'data'"), "dtype_mismatch", "datatype"),
    ("tritonclient.utils.InferenceServerException: [inference:0 12] unexpected shape for output 'logits', model "
     "configuration shape is [10], inference shape is [1,10]", "output_batch_dimension", "max_batch_size"),
    # tritonclient's own checks
    ("Traceback (most recent call last):\n  File \"client.py\", line 14, in <module>\n    inp.set_data_from_numpy(x)"
     "\n  File \"/usr/local/lib/python3.10/site-packages/tritonclient/grpc/_infer_input.py\", line 139, in "
     "set_data_from_numpy\n    raise_error(\ntritonclient.utils.InferenceServerException: got unexpected datatype "
     "FP64 from numpy array, expected FP32", "dtype_mismatch", "float32"),
]


@pytest.mark.parametrize("text, category, word", CASES)
def test_triton_messages_as_triton_prints_them_read_to_their_category(text: str, category: str, word: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category, (best.category, best.message_source)
    assert best.message_source and "triton-inference-server" in best.message_source, best.message_source
    assert word.lower() in best.steps[0].lower(), best.steps[0]


def test_the_numbers_decide_between_a_missing_batch_level_and_another_shape() -> None:
    short = GRPC.format(code="INVALID_ARGUMENT", m="unexpected shape for input 'token_ids' for model 'sentiment'. "
                        "Expected [-1,128], got [128]. NOTE: Setting a non-zero max_batch_size in the model config "
                        "requires a batch dimension to be prepended to each input shape.")
    other = HTTP.format(m="unexpected shape for input 'token_ids' for model 'sentiment'. Expected [-1,128], got "
                        "[1,64]. ")
    assert explain_text(short)[0].category == "missing_batch_dimension"
    assert explain_text(other)[0].category == "input_shape_mismatch"
    # tritonclient prints str(array.shape)[1:-1]: a 1-D array's shape (128,) as [128,]
    client = "tritonclient.utils.InferenceServerException: got unexpected numpy array shape [128,], expected [1, 128]"
    assert explain_text(client)[0].category == "missing_batch_dimension"


def test_a_scheme_in_the_client_url_is_not_about_the_model() -> None:
    readings = read_unknown("tritonclient.utils.InferenceServerException: url should not include the scheme")
    assert any("host:port" in r and "not about the request or model" in r for r in readings.readings), readings


@pytest.mark.parametrize("text, category, word", [
    ("I0312 09:00:00.000 1 server.cc:305] Waiting for in-flight requests to complete.\nerror: creating server: "
     "Invalid argument - repository path is not a valid directory", "model_base_path_layout", "--model-repository"),
    ("I0312 09:00:00.000 1 server.cc:305] Waiting for in-flight requests to complete.\nerror: creating server: "
     "Internal - failed to stat file ./model_repository", "model_base_path_layout", "--model-repository"),
    (log("failed to open text file for read /models/sentiment/config.pbtxt: No such file or directory",
         code="Internal"), "model_base_path_layout", "config.pbtxt"),
    ("error: creating server: Invalid argument - Expect the model repository contains only a single model if "
     "default model is not specified", "deploy_container_not_ready", "--vertex-ai-default-model"),
    ("error: creating server: Invalid argument - Expect the default model 'sentiment' is loaded",
     "deploy_container_not_ready", "--vertex-ai-default-model"),
])
def test_repository_and_vertex_ai_start_up_messages(text: str, category: str, word: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category, (best.category, best.message_source)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


def test_a_function_of_the_model_that_does_not_type_check_reads_as_an_older_tensorflow() -> None:
    """TensorFlow's own check when Triton's TensorFlow backend instantiates a function of the model (the request's
    dtype is checked at the signature before this): the serving TensorFlow is older than the exporting one."""
    text = ("2024-03-02 10:11:12.000000: W tensorflow/core/framework/op_kernel.cc:1767] OP_REQUIRES failed at "
            "partitioned_function_ops.cc:118 : Invalid argument: input segment_ids[0] expected type int32 != int64, the "
            "type of sequential/text_embed/SparseSegmentMean/Cast:y:0[0]\n"
            + GRPC.format(code="INTERNAL", m="input segment_ids[0] expected type int32 != int64, the type of "
                          "sequential/text_embed/SparseSegmentMean/Cast:y:0[0]"))
    best = explain_text(text)[0]
    assert best.category == "runtime_version_mismatch"
    assert "function.cc" in best.message_source
    assert "tensorflow" in best.steps[0].lower() and "release" in best.steps[0]


@pytest.mark.parametrize("text, category, word", [
    # TF Serving's body sent to Triton's v2 endpoint
    ('requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: http://localhost:8000/v2/models/sentiment/'
     'infer\n{"error":"attempt to access non-existing object member \'inputs\'"}', "instances_key_missing",
     '"inputs"'),
    (BODY.format(model="sentiment", m="attempt to access non-existing object member 'datatype'"), "instance_format",
     "datatype"),
    (BODY.format(model="sentiment", m="attempt to access JSON non-array as array"), "instance_format", "list"),
    (BODY.format(model="sentiment", m="failed to parse the request JSON buffer: Missing a comma or ']' after an "
                 "array element. at 2048"), "json_parse_error", "json"),
    (HTTP.format(m="request JSON size of 90000000 bytes exceeds the maximum allowed input size of 67108864 bytes. "
                 "Use --http-max-input-size to increase the limit."), "payload_too_large", "binary"),
])
def test_v2_json_request_messages(text: str, category: str, word: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category, (best.category, best.message_source)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


@pytest.mark.parametrize("text", [
    GRPC.format(code="INVALID_ARGUMENT", m="inference input 'image' data-type is 'BYTES', but model 'classifier' "
                "expects 'FP32'"),
    "tritonclient.utils.InferenceServerException: got unexpected datatype BYTES from numpy array, expected UINT8",
])
def test_bytes_for_a_numeric_triton_input_read_as_bytes_sent_to_a_numeric_input(text: str) -> None:
    assert explain_text(text)[0].category == "bytes_sent_to_numeric_input"


def test_other_datatypes_stay_a_dtype_mismatch() -> None:
    text = GRPC.format(code="INVALID_ARGUMENT", m="inference input 'ids' data-type is 'INT64', but model 'bert' "
                       "expects 'INT32'")
    assert explain_text(text)[0].category == "dtype_mismatch"


@pytest.mark.parametrize("text, category, cause", [
    # TensorRT Inference Server's client (v1, request_common.cc): float64 values into a TYPE_FP32 input
    ("tensorrtserver.api.InferenceServerException: [ 0] invalid size 4153344 bytes for input 'input/input_data', "
     "expects 2076672 bytes", "dtype_mismatch", "8-byte values"),
    # Triton's backends (backend_input_collector.cc): float32 values into a UINT8 input
    ("tritonclient.utils.InferenceServerException: [StatusCode.INVALID_ARGUMENT] unexpected total byte size 602112 "
     "for input 'x', expecting 150528", "dtype_mismatch", "quantized"),
    # Triton's core (infer_request.cc): a ratio that is no value width is another shape
    ("input byte size mismatch for input 'x' for model 'm'. Expected 602112, got 300000", "input_shape_mismatch",
     "300000"),
])
def test_triton_byte_counts_read_by_their_ratio(text: str, category: str, cause: str) -> None:
    top = explain_text(text)[0]
    assert top.category == category
    assert cause in top.cause
