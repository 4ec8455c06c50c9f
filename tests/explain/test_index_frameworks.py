"""MLflow, KServe and BentoML serving a Keras / TensorFlow model, in the explain index (#15), from
scripts/explain_index_frameworks.py.

The rows' literals are their sources' own text: MLflow's in the mlflow-skinny 3.17.2 wheel, pydantic-core's and
FastAPI's in their wheels (the index build fetches them into explain_index_tf1's WHEELS folder; these tests never
download), KServe's and BentoML's in the git mirrors at the commits named (skipped when a mirror is not on this
machine).  The texts below are written from the sources' format strings, with other names and numbers than the rows'
own examples, as the frameworks print them: MLflow's scoring server answers ``{"error_code": ..., "message": ...}``
and pyfunc raises ``mlflow.exceptions.MlflowException: ...``; KServe answers ``{"error": ...}`` (its handlers) or
FastAPI's ``{"detail": [...]}``; a BentoML service answers ``{"error": "N validation error for Input", "detail":
[...]}`` and its IO descriptors raise ``bentoml.exceptions.BadInput``.  Each must read to its category with a first
step that names the cause; the messages that are not about the request or model read to no category."""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text, index, read_unknown
from sigcheck.explain.normalize import normalize

from .reading import a_wrong_quote_stops_the_build, quotes_at_their_commits, rows_in_index, said, source_module

fw = source_module("explain_index_frameworks")

OUTRANKED = {
    '{"detail":[{"type":"missing","loc":["body","inputs"],"msg":"Field required",…}]}',
    '{"detail":[{"type":"missing","loc":["body","inputs",0,"datatype"],"msg":"Field required",…}]}',
}
"""Rows whose message the catalogue reads first: its input_keys_mismatch pattern (pydantic's ``"type": "missing",
"loc": [``, weight 0.6) takes every pydantic 'missing' error for a missing input name, and the index's hit adds its
own category below it; for these the index's own reading is checked (the catalogue is not this module's)."""


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(fw.ROWS):
        assert re.match(r"(github\.com/(kserve/kserve|bentoml/BentoML)@[0-9a-f]{12} "
                        r"|pypi (?:mlflow-skinny|google-cloud-aiplatform|sagemaker-core) \d+\.\d+\.\d+ )\S", source), source
        if category:
            assert e["fix"] and e["meaning"], template
        else:  # a message about the HTTP call, or a framework's wrapper that sends to the message inside it
            assert re.search(r"not about the request or model|wrapper around", e["reading"]), template


@pytest.mark.parametrize("repo", [fw.KSERVE_REPO, fw.BENTOML_REPO])
def test_each_row_quotes_its_mirror_at_its_commit(repo: str) -> None:
    assert quotes_at_their_commits(fw, repo, f"fetch github:{repo} to check its rows") > 0


@pytest.mark.parametrize("repo", [fw.MLFLOW_PYPI, fw.PYDANTIC_PYPI, fw.FASTAPI_PYPI])
def test_each_row_quotes_its_release_wheel(repo: str) -> None:
    """MLflow's (and pydantic-core's, FastAPI's) pieces are in the release's wheel (the index build fetches it into
    explain_index_tf1's WHEELS folder; this test never downloads it)."""
    quotes = [q for qs in fw.QUOTES.values() for q in qs if q.repo == repo]
    assert quotes
    for q in quotes:
        text = fw.read_source(q.repo, q.commit, q.path, fetch=False)
        if text is None:
            pytest.skip(f"no {repo} {q.commit} wheel in {fw.WHEELS} (the index build fetches it)")
        for piece in q.pieces:
            assert piece in text, (q.path, piece)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    a_wrong_quote_stops_the_build(fw, fw.KSERVE_REPO, "raise InvalidInput(\"Unrecognised request format\")",
                                  monkeypatch)


def test_every_pattern_matches_its_example_and_reads_it() -> None:
    """Each row's example is read to the row's category (or what its decider chooses from the shapes); the rows in
    OUTRANKED are the index's first hit for their example."""
    decided = {"rank": "missing_batch_dimension"}  # NumpyNdarray's (4,) for (1, 4): one example without its batch
    for template, pattern, _, category, _, _, example, *rest in fw.ROWS:
        assert re.search(pattern, normalize(example), re.I), template
        if template in OUTRANKED:
            hits = index.match(normalize(example))
            assert hits and hits[0].category == category, (template, hits[0].category if hits else None)
            continue
        found = explain_text(example)
        if category is None:
            assert not found or found[0].category is None, (template, found[0].category)
            continue
        want = decided.get(rest[0], category) if rest else category
        assert found and found[0].category == want, (template, found[0].category if found else None)


MLFLOW = '{{"error_code": "BAD_REQUEST", "message": "{m}"}}'
SCHEMA = ('{{"error_code": "INVALID_PARAMETER_VALUE", "message": "Failed to predict data \'{d}\'. \\nError: Failed to '
          'enforce schema of data \'{d}\' with schema \'{s}\'. Error: {m}", '
          '"error_class": "SCHEMA_ENFORCEMENT_FAILED"}}')
UNNAMED = ("This model contains a tensor-based model signature with no input names, which suggests a numpy array "
           "input or a pandas dataframe input with proper column values, but an input of type {t} was found.")
EXC = "mlflow.exceptions.MlflowException: "
KSERVE = '$ curl -s -X POST http://127.0.0.1:8080/{route} -d @body.json\n{{"error":"{m}"}}'

CASES = [
    # (text as the framework prints it, category, a word the first step must have)
    # MLflow's /invocations
    (MLFLOW.format(m="Invalid input. Ensure that input is a valid JSON formatted string. Error: 'JSONDecodeError("
                     "\\\"Expecting value: line 1 column 15 (char 14)\\\")'\\nInput: \\n{\\\"inputs\\\": [nan]}\\n"),
     "json_parse_error", "json"),
    (MLFLOW.format(m="Invalid input. The input must be a JSON dictionary with exactly one of the input fields "
                     "{'inputs', 'dataframe_records', 'instances', 'dataframe_split'}. Received a list."),
     "instances_key_missing", "inputs"),
    (MLFLOW.format(m="The input must be a JSON dictionary with exactly one of the input fields {'inputs', "
                     "'dataframe_records', 'instances', 'dataframe_split'}. Received dictionary with input fields: "
                     "['signature_name', 'examples']. IMPORTANT: The MLflow Model scoring protocol has changed in "
                     "MLflow version 2.0. If you are seeing this error, you are likely using an outdated scoring "
                     "request format."), "instances_key_missing", "dataframe_split"),
    ("Unrecognized content type parameters: format. IMPORTANT: The MLflow Model scoring protocol has changed in MLflow "
     "version 2.0. If you are seeing this error, you are likely using an outdated scoring request format.",
     "instances_key_missing", "format="),
    (MLFLOW.format(m="Invalid input. Dataframe split format must have 'data' field and optionally 'columns' and "
                     "'index' fields. Got {'rows'}.'"), "instance_format", "split"),
    (MLFLOW.format(m="Invalid input. The length of values for each input/column name are not the same"),
     "batch_size_mismatch_between_inputs", "every input"),
    (SCHEMA.format(d="[]", s="[Tensor('float32', (-1, 224, 224, 3))]", m=UNNAMED.format(t="<class 'list'>")),
     "empty_instances", "at least one"),
    (SCHEMA.format(d="{'b64': array(['iVBORw0KGgoAAAANSUhEUg=='], dtype='<U24')}",
                   s="[Tensor('float32', (-1, 224, 224, 3))]", m=UNNAMED.format(t="<class 'dict'>")),
     "bytes_sent_to_numeric_input", "b64"),
    (SCHEMA.format(d="{'pixels': array([[0.5, 0.5]])}", s="[Tensor('float32', (-1, 2))]",
                   m=UNNAMED.format(t="<class 'dict'>")), "input_keys_mismatch", "signature"),
    (EXC + "Failed to enforce schema of data '     0    1    2\n0  0.1  0.2  0.3' with schema '[Tensor('float32', "
     "(-1, 3, 1))]'. Error: The input pandas dataframe column '0' contains scalar values, which requires the shape to "
     "be (-1,) or (-1, 1), but got tensor spec shape of (-1, 3, 1).", "input_shape_mismatch", "inputs"),
    # MLflow's URIs, stores and environments
    (EXC + "Run with id=7d3c5e0f9a2b4c6d8e1f0a3b5c7d9e2f not found", "model_not_found", "run id"),
    (EXC + "Run 'abc123' not found", "model_not_found", "run id"),
    ("mlflow.exceptions.RestException: RESOURCE_DOES_NOT_EXIST: Registered Model with name=fraud_detector not found",
     "model_not_found", "registered model"),
    (EXC + "Model Version (name=fraud_detector, version=12) not found", "model_not_found", "models:/"),
    (EXC + "Could not find an \"MLmodel\" configuration file at \"./mlruns/0/models\"", "savedmodel_not_found",
     "MLmodel"),
    (EXC + "Could not find Conda executable at conda. Ensure Conda is installed as per the instructions at "
     "https://conda.io/projects/conda/en/latest/user-guide/install/index.html.", "local_env_python_mismatch",
     "env-manager"),
    ("/bin/bash: line 1: exec: uvicorn: not found\nTraceback (most recent call last):\n  File "
     "\"/opt/venv/bin/mlflow\", line 8, in <module>\n    sys.exit(cli())\nException: Command '['bash', '-c', "
     "'exec uvicorn --host 0.0.0.0 --port 8080 --workers 2 mlflow.pyfunc.scoring_server.app:app']' returned non "
     "zero return code. Return code = 127",
     "local_env_python_mismatch", "uvicorn"),
    # KServe
    (KSERVE.format(route="v1/models/sentiment:predict", m="Unrecognized request format: unexpected character: line 1 "
                   "column 2 (char 1)"), "json_parse_error", "json"),
    (KSERVE.format(route="v2/models/sentiment/infer", m="invalid datatype None in the input"), "dtype_mismatch",
     "FP32"),
    (KSERVE.format(route="v2/models/sentiment/infer", m="Expected \\\"inputs\\\" to be a list"), "instance_format",
     "list"),
    ('{"detail":[{"type":"list_type","loc":["body","InferenceRequest","inputs"],"msg":"Input should be a valid list",'
     '"input":{"tokens":[[101,2023]]}},{"type":"bytes_type","loc":["body","bytes"],"msg":"Input should be a valid '
     'bytes","input":{"inputs":{"tokens":[[101,2023]]}}}]}', "instance_format", "list"),
    # BentoML
    ('{"error":"1 validation error for Input","detail":[{"type":"json_invalid","loc":[],"msg":"Invalid JSON: '
     'expected value at line 1 column 12"}]}', "json_parse_error", "json"),
    ("bentoml.exceptions.BadInput: NumpyNdarray: Expecting ndarray of dtype \"float32\", but \"<U7\" was received.",
     "bytes_sent_to_numeric_input", "strings"),
    ("bentoml.exceptions.BadInput: NumpyNdarray: Expecting ndarray of dtype \"int32\", but \"float64\" was received.",
     "dtype_mismatch", "int"),
    ("bentoml.exceptions.BadInput: Invalid JSON input received: Expecting property name enclosed in double quotes: "
     "line 1 column 2 (char 1)", "json_parse_error", "json"),
]


@pytest.mark.parametrize("text, category, word", CASES)
def test_framework_messages_read_to_their_category(text: str, category: str, word: str) -> None:
    best = explain_text(text)[0]
    assert best.category == category, (best.category, best.message_source)
    assert word.lower() in said(best).lower(), said(best)


def test_a_bentoml_service_missing_a_parameter_is_an_input_name() -> None:
    text = ('{"error":"1 validation error for Input","detail":[{"type":"missing","loc":["features"],"msg":"Field '
            'required"}]}')
    best = explain_text(text)[0]
    assert best.category == "input_keys_mismatch"


def test_the_v2_body_without_inputs_is_the_missing_top_level_key_in_the_index() -> None:
    """KServe's V2 route given a V1 body: FastAPI's 422 names the Union member of the body (InferenceRequest) in the
    loc; the index reads it as the missing top-level "inputs" (the catalogue reads pydantic's 'missing' first, see
    OUTRANKED)."""
    text = ('{"detail":[{"type":"missing","loc":["body","InferenceRequest","inputs"],"msg":"Field required","input":'
            '{"instances":[[5.1,3.5,1.4,0.2]]}},{"type":"bytes_type","loc":["body","bytes"],"msg":"Input should be '
            'a valid bytes","input":{"instances":[[5.1,3.5,1.4,0.2]]}}]}')
    hits = index.match(normalize(text))
    assert hits[0].category == "instances_key_missing", hits[0].entry.template
    assert "kserve" in hits[0].entry.source


@pytest.mark.parametrize("data, want", [
    ("[]", "empty_instances"),
    ("{'b64': array(['/9j/4AAQ'], dtype='<U8')}", "bytes_sent_to_numeric_input"),
    ("{'image': array([[1.0]])}", "input_keys_mismatch"),
])
def test_the_data_pyfunc_prints_decides_an_unnamed_tensor_signature(data: str, want: str) -> None:
    """One message (a tensor signature given neither an array nor a dictionary of arrays), three causes: the data the
    wrapper prints says which, and exactly one row reads it."""
    t = "<class 'list'>" if data == "[]" else "<class 'dict'>"
    text = normalize(SCHEMA.format(d=data, s="[Tensor('float32', (-1, 1))]", m=UNNAMED.format(t=t)))
    rows = [row for row in fw.ROWS if re.search(row[1], text, re.I)]
    assert [row[3] for row in rows] == [want], [row[0] for row in rows]
    assert explain_text(text)[0].category == want


@pytest.mark.parametrize("text, says", [
    ('{"error_code": "BAD_REQUEST", "message": "Encountered an unexpected error while evaluating the model. Verify '
     'that the serialized input Dataframe is compatible with the model for inference."}', "stack_trace"),
    ('{"error":"An unexpected error has occurred, please check the server log."}', "server's log"),
])
def test_a_framework_that_hides_the_models_error_sends_to_its_log(text: str, says: str) -> None:
    """MLflow's and BentoML's answers when the model itself raised: no category of their own (the model's message,
    when it is in the text, decides), a reading that says where that message is."""
    found = explain_text(text)
    assert not found or found[0].category is None, found[0].category
    readings = read_unknown(text).readings
    assert any(says.lower() in r.lower() and "wrapper around" in r for r in readings), readings


@pytest.mark.parametrize("text, says", [
    ("This predictor only supports the following content types: Types: ['text/csv', 'application/json', "
     "'application/vnd.apache.parquet']. Got 'text/plain'.", "Content-Type"),
    ("The scoring server only supports UTF-8", "utf-8"),
])
def test_a_content_type_mlflow_refuses_is_not_about_the_model(text: str, says: str) -> None:
    found = explain_text(text)
    assert not found or found[0].category is None, found[0].category
    readings = read_unknown(text).readings
    assert any(says.lower() in r.lower() and "not about the request or model" in r for r in readings), readings
