"""The serving frameworks a Keras / TensorFlow model is put behind besides TF Serving, for explain's message index
(#15): MLflow's pyfunc scoring server and ``mlflow models serve``, KServe's Python model server (V1 ``instances`` and
V2 / Open Inference Protocol ``inputs``), and BentoML's services and IO descriptors, read from their sources at a
pinned release or commit.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* MLflow 3.17.2 (the ``mlflow-skinny`` wheel, which carries the same ``mlflow`` package as ``mlflow``; the git
  repository is over the mirror size limit here, so the release's wheel is the source): the scoring server's
  ``/invocations`` (content types and their parameters, a body that is not JSON, not a dictionary, or without exactly
  one of ``dataframe_split`` / ``dataframe_records`` / ``instances`` / ``inputs``, with the ``MLflow version 2.0``
  hint; the split / records / CSV formats; ``instances`` whose columns differ in length), the schema enforcement of
  pyfunc (tensor-spec inputs given as a DataFrame, a dict, or a bare array; an empty DataFrame; unnamed columns too
  few), the model URIs and stores ``mlflow models serve -m`` resolves (an unknown run id, registered model, version
  or alias, a malformed ``models:/`` URI, a directory without ``MLmodel``), the tensorflow / keras flavors' loaders,
  and the environment managers (``--env-manager local`` refused, pyenv / conda / uv missing, the uvicorn the local
  manager runs not on PATH);
* KServe (github.com/kserve/kserve at the mirror's commit, whose python/kserve files are byte-for-byte the 0.21.0
  release's): a body that is not JSON, V2 ``inputs`` that are not a list, a V2 datatype it does not know, binary
  inputs without their sizes, and the V2 body FastAPI validates against kserve's InferenceRequest model (``inputs``
  missing, an input without ``name`` / ``shape`` / ``datatype``; the text is FastAPI 0.163.2's 422 handler around
  pydantic-core 2.50.4's error types);
* BentoML (github.com/bentoml/BentoML at the mirror's commit; the files read are the 1.4.40 release's too): a
  service's input model failing validation (``N validation error for Input`` with pydantic's ``missing`` /
  ``json_invalid`` types), the NumpyNdarray and JSON IO descriptors' dtype / shape / JSON checks, and the
  frameworks' missing TensorFlow.

Already in the index and left where they are (their modules' tests keep them): MLflow's ``Shape of input … does not
match expected shape``, ``dtype of input … does not match expected dtype``, ``Model is missing inputs``,
``Incompatible input types for column`` (explain_index_clients); KServe's ``Model with name … does not exist.`` /
``is not ready.``, ``Expected "instances"|"inputs" to be a list``, the FP16 JSON message, ``'data' field is missing for
input`` and the controller's runtime messages (explain_index_platforms); BentoML's store ``is not found in BentoML
store`` / ``no Models with name`` and ``was saved with module`` (explain_index_clients).  The numpy texts these
frameworks pass on (``could not convert string to float``, ``cannot reshape array of size``, ``setting an array
element with a sequence``) and ``KeyError: 'instances'`` are read elsewhere already.

Each row, as in explain_index_onnx: template, pattern (named captures; literal parts are the source's text, every
placeholder a bounded class), source, category (an id of CATEGORIES.md, or None with a reading for a message that is
not about the request or model), what it means for someone serving a model, a fix that names the cause, and an
example written from the source's format string (the build checks the pattern matches it).  Each row names the
pieces of source text it rests on (:data:`QUOTES`): the KServe and BentoML files at their commits in the git mirrors
(``/work/.mirror/<owner>+<name>/repo``), MLflow's, pydantic-core's and FastAPI's in their releases' wheels (fetched
once into explain_index_tf1's WHEELS folder with ``pip download --no-deps``, never installed); the build checks every
piece is there.

    python scripts/explain_index_frameworks.py     # check the quotes, print the entries (the build imports entries())
"""

from __future__ import annotations

import re
import sys
import zipfile
from functools import lru_cache, partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, Quote, add_row, examples_match, lit  # noqa: E402,F401
from explain_build_index import mirror_text, rows_quoted  # noqa: E402
from explain_build_index import SHAPE  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_keras import _wheel  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_frameworks"
NOT_ABOUT = "not about the request or model"

# ------------------------------------------------------------------------------------------------ sources

MLFLOW_PYPI, MLFLOW_VERSION = "pypi:mlflow-skinny", "3.17.2"
"""MLflow's Python package as released (a Quote whose repo is ``pypi:NAME`` reads the file out of that release's
wheel)."""
PYDANTIC_PYPI, PYDANTIC_VERSION = "pypi:pydantic-core", "2.50.4"
PYDANTIC_SO = "pydantic_core/_pydantic_core.cpython-311-x86_64-linux-gnu.so"
FASTAPI_PYPI, FASTAPI_VERSION = "pypi:fastapi", "0.163.2"
WHEEL_OPTIONS = {
    "pydantic-core": ("--only-binary=:all:", "--python-version", "311", "--platform", "manylinux_2_17_x86_64"),
}
"""pip options for a wheel of another platform than this one (the others are pure Python)."""
AIPLATFORM_PYPI, AIPLATFORM_VERSION = "pypi:google-cloud-aiplatform", "2.7.0"
"""The Vertex AI SDK as released (its wheel; the git repository is not mirrored here)."""
SAGEMAKER_CORE_PYPI, SAGEMAKER_CORE_VERSION = "pypi:sagemaker-core", "2.27.0"
"""The SageMaker Python SDK's core package (sagemaker 3.x's serializers live there; its wheel is the source)."""
KSERVE_REPO, KSERVE_COMMIT = "kserve/kserve", "aaac4e294dae2c7b1aa1886447793f3aa1c30912"
BENTOML_REPO, BENTOML_COMMIT = "bentoml/BentoML", "32230a5276a8da8b23c4a06a9ec6272c1993451a"

SCORING = "mlflow/pyfunc/scoring_server/__init__.py"
PROTO_JSON = "mlflow/utils/proto_json_utils.py"
MODEL_UTILS = "mlflow/models/utils.py"
KS = "python/kserve/kserve/"
BENTO_APP = "src/_bentoml_impl/server/app.py"
BENTO_NUMPY = "src/bentoml/_internal/io_descriptors/numpy.py"


def mlflow(path: str, where: str) -> str:
    """The source of an MLflow row: the release, the file of its wheel, the function."""
    return f"pypi mlflow-skinny {MLFLOW_VERSION} {path} ({where})"


def _ml(path: str, *pieces: str) -> Quote:
    return Quote(MLFLOW_PYPI, MLFLOW_VERSION, path, pieces)


def _vertex(path: str, *pieces: str) -> Quote:
    return Quote(AIPLATFORM_PYPI, AIPLATFORM_VERSION, "google/cloud/aiplatform/" + path, pieces)


def _ks(path: str, *pieces: str) -> Quote:
    return Quote(KSERVE_REPO, KSERVE_COMMIT, KS + path, pieces)


def _bento(path: str, *pieces: str) -> Quote:
    return Quote(BENTOML_REPO, BENTOML_COMMIT, path, pieces)


def _pydantic(*pieces: str) -> Quote:
    return Quote(PYDANTIC_PYPI, PYDANTIC_VERSION, PYDANTIC_SO, pieces)


def _fastapi(*pieces: str) -> Quote:
    return Quote(FASTAPI_PYPI, FASTAPI_VERSION, "fastapi/exception_handlers.py", pieces)


# ------------------------------------------------------------------------------------------------ placeholders

NAME = r"[^'\"\s,;]{1,200}"
"""A run id, a model name, a path: no quotes or spaces."""
LIST = r"\[[^\]\n]{0,400}\]"
"""A Python list as str() prints it."""
TYPE = r"<class '[\w.]{1,120}'>"
Q = r"['\"]"
"""A quote as a dict's repr or a JSON body prints it."""


def key(name: str) -> str:
    """``'name'`` or ``"name"``: a key or string of pydantic's / FastAPI's error dicts, as JSON or a Python repr."""
    return f"{Q}{name}{Q}"


UNION = rf"(?:{Q}\w{{1,80}}{Q}, ?)?"
"""The member of a Union body FastAPI names in an error's loc (KServe's V2 infer takes ``request_body:
Union[InferenceRequest, bytes]``, so the loc reads ["body", "InferenceRequest", "inputs"])."""


# ------------------------------------------------------------------------------------------------ fixes

MLFLOW_BODY_FIX = ("Send the body as a JSON object with exactly one of MLflow 2's keys: {\"inputs\": ...} (a nested "
                   "list for a model with one tensor input, or {\"input_name\": [...], ...} for named inputs), "
                   "{\"instances\": [...]} (one element per example), or {\"dataframe_split\": {\"columns\": [...], "
                   "\"data\": [[...]]}} / {\"dataframe_records\": [{...}]} for a column signature; a bare list, "
                   "MLflow 1.x's unwrapped {\"columns\": ..., \"data\": ...} and TF Serving's signature_name are "
                   "refused (mlflow.models.convert_input_example_to_serving_input(example) writes a valid body)")
MLFLOW_JSON_FIX = ("Send valid JSON with Content-Type: application/json: serialize with json.dumps (double quotes, "
                   "no trailing commas, no NaN written as nan, numpy arrays as .tolist()), or requests.post(url, "
                   "json=payload) instead of data=str(payload)")
MLFLOW_CONTENT_FIX = ("Send the body with the header Content-Type: application/json (or text/csv for a CSV of the "
                      "DataFrame, application/vnd.apache.parquet for Parquet): curl -H 'Content-Type: "
                      "application/json' -d @body.json http://HOST:PORT/invocations, requests.post(url, json=body)")
MLFLOW_SPLIT_FIX = ("Give dataframe_split a dictionary of \"columns\" (optional), \"data\" (a list of rows) and "
                    "\"index\" (optional) -- pandas' df.to_dict(orient=\"split\") --, and dataframe_records a list of "
                    "row dictionaries -- df.to_dict(orient=\"records\"); a Keras / TensorFlow model with a tensor "
                    "signature takes {\"inputs\": ...} more simply")
MLFLOW_TENSOR_FIX = ("Send the tensor inputs the model's signature declares (mlflow.models.get_model_info(MODEL_URI)"
                     ".signature lists names, dtypes and shapes): {\"inputs\": [[...]]} for one unnamed input, "
                     "{\"inputs\": {\"name\": [[...]], ...}} for named ones, each with the example's full shape "
                     "(-1 is the batch dimension); a DataFrame only fits a (-1, n) tensor of scalars")
MLFLOW_NAMES_FIX = ("Name the request's inputs as the model's signature does: mlflow.models.get_model_info(MODEL_URI)"
                    ".signature shows them (a Keras model logged with infer_signature takes the names of the "
                    "example's dict, or none for one array); one unnamed input takes {\"inputs\": [[...]]}, named ones "
                    "{\"inputs\": {\"name\": ...}} with every name")
MLFLOW_DTYPE_FIX = ("Send values of the type the signature declares (mlflow.models.get_model_info(MODEL_URI)"
                    ".signature): numbers for float / double / long columns and tensors, not strings, and not a base64 "
                    "image where the model takes pixels (decode it client-side); or log the model again with a "
                    "signature inferred from the data it will be sent")
MODEL_URI_FIX = ("Serve a model that exists where MLflow looks: MLFLOW_TRACKING_URI (and MLFLOW_REGISTRY_URI) must "
                 "name the tracking server / database the model was logged to (a relative ./mlruns or sqlite path "
                 "is another store in another folder); runs:/<run_id>/<artifact path> needs the full run id "
                 "(mlflow runs list / the UI) and the artifact path the model was logged under; models:/<name>/"
                 "<version> or models:/<name>@<alias> a registered model of that exact name "
                 "(mlflow.MlflowClient().search_registered_models())")
MLMODEL_FIX = ("Point the loader (mlflow.pyfunc.load_model, mlflow.tensorflow / mlflow.keras.load_model, mlflow "
               "models serve -m) at the MLflow model directory itself, the folder whose MLmodel file names the "
               "flavors (the one mlflow.tensorflow.save_model wrote, or runs:/<run_id>/<artifact path>): not its "
               "parent, not the data/ or model.keras inside it, and not a SavedModel folder MLflow did not write")
ENV_FIX = ("Let mlflow models serve build the model's environment with a manager that is installed: --env-manager "
           "uv (pip install uv) or virtualenv (needs pyenv for the model's Python version) or conda (conda on PATH "
           "or MLFLOW_CONDA_HOME); with --env-manager local, run it from an activated environment that has the "
           "model's requirements (the model's requirements.txt: TensorFlow / Keras of the versions it was saved "
           "with) and mlflow's serving extras (uvicorn, fastapi)")
KSERVE_V2_FIX = ("Send the V2 (Open Inference Protocol) body to /v2/models/<model>/infer: {\"inputs\": [{\"name\": "
                 "\"input_1\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [...]}]} -- inputs a list of "
                 "objects, each with name, shape, datatype and data (flattened or nested); TF Serving's / KServe "
                 "V1's {\"instances\": [...]} goes to /v1/models/<model>:predict")
KSERVE_DTYPE_FIX = ("Name the datatype as the V2 protocol does: BOOL, UINT8..UINT64, INT8..INT64, FP16, FP32, FP64 or "
                    "BYTES (FP32 for a float32 Keras input, INT64 for int64 token ids; not float32, FLOAT or "
                    "TYPE_FP32)")
BENTO_FIELDS_FIX = ("Send a JSON object whose keys are the API method's parameter names (def predict(self, x: "
                    "np.ndarray) takes {\"x\": [[...]]}; the service's /docs page and its OpenAPI schema list them), "
                    "not TF Serving's {\"instances\": ...}; with bentoml.SyncHTTPClient call client.predict(x=...)")
BENTO_JSON_FIX = ("Send valid JSON with Content-Type: application/json (json.dumps of Python lists: double quotes, no "
                  "trailing commas, no NaN), or call the service with bentoml.SyncHTTPClient, which writes the body "
                  "itself")

# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[Quote]] = {}

add = partial(add_row, ROWS, QUOTES)
"""One row and the source pieces it rests on (explain_build_index.add_row)."""

ML_EXC = "mlflow.exceptions.MlflowException: "
ML_BODY = '{{"error_code": "BAD_REQUEST", "message": "{m}"}}'
REQUIRED = "The input must be a JSON dictionary with exactly one of the input fields "
FORMATS = "{'dataframe_split', 'instances', 'inputs', 'dataframe_records'}"
PROTOCOL_CHANGE = "IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0."
REQUIRED_QUOTES = [
    _ml(SCORING, 'f"The input must be a JSON dictionary with exactly one of the input fields {SUPPORTED_FORMATS}"',
        "SUPPORTED_FORMATS = {DF_RECORDS, DF_SPLIT, INSTANCES, INPUTS}"),
    _ml(PROTO_JSON, 'super().__init__(f"Invalid input. {message}", error_code=BAD_REQUEST)'),
]

# ---- MLflow: the scoring server's /invocations
add("Invalid input. Ensure that input is a valid JSON formatted string. Error: '{error}'",
    lit("Ensure that input is a valid JSON formatted string.") + r" ?(?:Error: ?'(?P<detail>[^\n]{0,200}?)')?",
    mlflow(SCORING, "_decode_json_input"), "json_parse_error",
    "the body posted to MLflow's /invocations is not valid JSON (json.loads' error follows: single quotes of a "
    "Python dict's str(), a trailing comma, NaN, or bytes that are not UTF-8)", MLFLOW_JSON_FIX,
    ML_BODY.format(m="Invalid input. Ensure that input is a valid JSON formatted string. Error: 'JSONDecodeError("
                   "\\\"Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\\\")'\\nInput: "
                   "\\n{'inputs': [[0.1, 0.2]]}\\n"),
    [_ml(SCORING, '"Ensure that input is a valid JSON formatted string. "', "f\"Error: '{ex!r}'\\nInput: "
         "\\n{json_input}\\n\"")] + REQUIRED_QUOTES[1:])
add("Invalid input. The input must be a JSON dictionary with exactly one of the input fields {formats}. Received a "
    "list. | Received unexpected input type '{type}.",
    lit(REQUIRED) + r"\{[^}\n]{0,120}\}" + lit(". Received ") + rf"(?:a list|unexpected input type '(?P<type>{TYPE}))",
    mlflow(SCORING, "_decode_json_input"), "instances_key_missing",
    "the JSON posted to MLflow's /invocations is a bare list (or a string or number), not an object with one of its "
    "keys: MLflow 2 reads {\"inputs\": ...}, {\"instances\": ...}, {\"dataframe_split\": ...} or "
    "{\"dataframe_records\": ...} only", MLFLOW_BODY_FIX,
    ML_BODY.format(m=f"Invalid input. {REQUIRED}{FORMATS}. Received a list."),
    REQUIRED_QUOTES + [_ml(SCORING, 'f"{REQUIRED_INPUT_FORMAT}. Received a list."',
                           "f\"{REQUIRED_INPUT_FORMAT}. Received unexpected input type '{type(decoded_input)}.\"")])
add("The input must be a JSON dictionary with exactly one of the input fields {formats}. Received dictionary with "
    "input fields: {fields}. IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. …",
    lit(REQUIRED) + r"\{[^}\n]{0,120}\}" + lit(". Received dictionary with input fields: ") + rf"(?P<fields>{LIST})",
    mlflow(SCORING, "infer_and_parse_data"), "instances_key_missing",
    "the JSON object posted to MLflow's /invocations has none (or more than one) of the keys MLflow 2 reads -- "
    "inputs, instances, dataframe_split, dataframe_records --: MLflow 1.x's unwrapped pandas split {\"columns\", "
    "\"data\"}, a body keyed by the model's input names, or both instances and inputs", MLFLOW_BODY_FIX,
    ML_BODY.format(m=f"{REQUIRED}{FORMATS}. Received dictionary with input fields: ['columns', 'data']. "
                   f"{PROTOCOL_CHANGE} If you are seeing this error, you are likely using an outdated scoring "
                   "request format."),
    REQUIRED_QUOTES[:1] + [_ml(SCORING, 'message = f"Received dictionary with input fields: {list(data.keys())}"',
                               'message=f"{REQUIRED_INPUT_FORMAT}. {message}. {SCORING_PROTOCOL_CHANGE_INFO}"',
                               '"IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. If '
                               'you are"')])
add("Invalid input. One of \"instances\" and \"inputs\" must be specified (not both or any other keys).Received: "
    "{keys}",
    lit('One of "instances" and "inputs" must be specified (not both or any other keys).') + rf" ?(?:Received: ?"
                                                                                            rf"(?P<fields>{LIST}))?",
    mlflow(PROTO_JSON, "parse_tf_serving_input"), "instances_key_missing",
    "MLflow's TF Serving-style parser got a body with both instances and inputs, or with other keys beside them "
    "(signature_name and TF Serving's other fields are not read)", MLFLOW_BODY_FIX,
    ML_EXC + "Invalid input. One of \"instances\" and \"inputs\" must be specified (not both or any other keys)."
    "Received: ['instances', 'inputs']",
    [_ml(PROTO_JSON, "'One of \"instances\" and \"inputs\" must be specified (not both or any other keys).'",
         "f\"Received: {list(inp_dict.keys())}\"")])
add("Request payload must be a dictionary with 'inputs' key when the model contains a valid type hint. Found keys in "
    "payload: {keys}.",
    lit("Request payload must be a dictionary with 'inputs' key when the model contains a valid type hint."),
    mlflow(SCORING, "_parse_json_data"), "instances_key_missing",
    "the model (a PythonModel whose predict has a type hint) reads only {\"inputs\": ...}, and the body has another "
    "key", "Wrap the body as {\"inputs\": ...}: a model logged with type hints takes nothing else "
    "(instances / dataframe_split are for signature-based models)",
    ML_BODY.format(m="Request payload must be a dictionary with 'inputs' key when the model contains a valid type "
                   "hint. Found keys in payload: dict_keys(['instances'])."),
    [_ml(SCORING, "\"Request payload must be a dictionary with 'inputs' key when \"",
         '"the model contains a valid type hint. Found keys in payload: {data.keys()}."')])
add("Unrecognized content type parameters: {parameters}. IMPORTANT: The MLflow Model scoring protocol has changed in "
    "MLflow version 2.0. …",
    lit("Unrecognized content type parameters: ") + r"(?P<parameters>[^.\n]{1,120})\. ?" + lit(PROTOCOL_CHANGE),
    mlflow(SCORING, "invocations"), "instances_key_missing",
    "the request's Content-Type carries a parameter MLflow 2 no longer reads (MLflow 1.x's application/json; "
    "format=pandas-split or format=pandas-records): the client speaks the old protocol, whose body is not "
    "wrapped in dataframe_split / dataframe_records / instances / inputs",
    "Send Content-Type: application/json without format=… and wrap the body in MLflow 2's keys: "
    "{\"dataframe_split\": {\"columns\": [...], \"data\": [[...]]}} for what format=pandas-split sent, "
    "{\"dataframe_records\": [...]} for pandas-records, or {\"inputs\": ...} for tensors; a client that writes the "
    "old request needs MLflow >= 2.0",
    "Unrecognized content type parameters: format. " + PROTOCOL_CHANGE + " If you are seeing this error, you are "
    "likely using an outdated scoring request format.",
    [_ml(SCORING, 'f"Unrecognized content type parameters: "', "f\"{', '.join(unexpected_content_parameters)}. \"",
         "f\"{SCORING_PROTOCOL_CHANGE_INFO}\"",
         '"IMPORTANT: The MLflow Model scoring protocol has changed in MLflow version 2.0. If you are"')])
add("This predictor only supports the following content types: Types: {types}. Got '{content_type}'.",
    lit("This predictor only supports the following content types:") + rf" ?Types: ?(?P<types>{LIST})\. ?Got ?"
                                                                         r"'(?P<content_type>[^'\n]{0,120})'",
    mlflow(SCORING, "invocations"), None,
    "MLflow's /invocations takes Content-Type application/json, text/csv or application/vnd.apache.parquet and the "
    "request sent another (curl -d sends application/x-www-form-urlencoded unless -H 'Content-Type: "
    "application/json' is given; a missing header is ''): " + MLFLOW_CONTENT_FIX + "; the HTTP call's header, "
    + NOT_ABOUT, None,
    "This predictor only supports the following content types: Types: ['text/csv', 'application/json', "
    "'application/vnd.apache.parquet']. Got 'application/x-www-form-urlencoded'.",
    [_ml(SCORING, '"This predictor only supports the following content types:"', 'f" Types: {CONTENT_TYPES}."',
         "f\" Got '{content_type}'.\"")])
add("The scoring server only supports UTF-8", lit("The scoring server only supports UTF-8"),
    mlflow(SCORING, "invocations"), None,
    "the request's Content-Type names a charset other than utf-8, which MLflow's scoring server refuses: send the "
    "body as UTF-8 with Content-Type: application/json (or ; charset=utf-8); the HTTP call's header, " + NOT_ABOUT,
    None, "The scoring server only supports UTF-8",
    [_ml(SCORING, 'response="The scoring server only supports UTF-8"')])
add("Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is "
    "compatible with the model for inference.",
    lit("Encountered an unexpected error while evaluating the model. Verify that the serialized input Dataframe is "
        "compatible with the model for inference."),
    mlflow(SCORING, "invocations"), None,
    "MLflow's scoring server's wrapper around an error the model raised while predicting on the request (Keras' own "
    "message about the input's shape or dtype): the response's stack_trace field, and the server's log, hold that "
    "error -- look for the message at its end, which says what failed", None,
    '{"error_code": "BAD_REQUEST", "message": "Encountered an unexpected error while evaluating the model. Verify that '
    'the serialized input Dataframe is compatible with the model for inference.", "stack_trace": "Traceback (most '
    'recent call last):\\n ..."}',
    [_ml(SCORING, '"Encountered an unexpected error while evaluating the model. Verify"',
         '" that the serialized input Dataframe is compatible with the model for"',
         "stack_trace=traceback.format_exc(),")])
add("Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas DataFrame "
    "produced using the `pandas.DataFrame.to_csv()` method. Error: '{error}'",
    lit("Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid ")
    + r"(?P<format>CSV-formatted|Parquet) ?" + lit("Pandas DataFrame"),
    mlflow(SCORING, "parse_csv_input / parse_parquet_input"), "instance_format",
    "the body sent as text/csv (or Parquet) is not a DataFrame pandas can read (a JSON body sent with "
    "Content-Type: text/csv, a CSV without its header row, values whose column types the signature cannot cast)",
    "Send a CSV written by df.to_csv(index=False) with the signature's column names as its header, or send JSON "
    "with Content-Type: application/json ({\"dataframe_split\": ...} or {\"inputs\": ...}); a tensor-input Keras "
    "model is served JSON more simply",
    ML_EXC + "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas "
    "DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: 'Error tokenizing data. C error: "
    "Expected 1 fields in line 3, saw 2'",
    [_ml(SCORING, '"Failed to parse input as a Pandas DataFrame. Ensure that the input is"',
         '" a valid CSV-formatted Pandas DataFrame produced using the"', '" a valid Parquet Pandas DataFrame produced '
         'using the"')])
add("Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. Got {keys}.'",
    lit("Dataframe split format must ") + r"(?:have 'data' field|be a dictionary)",
    mlflow(PROTO_JSON, "dataframe_from_parsed_json"), "instance_format",
    "the value of dataframe_split is not pandas' split form: a dictionary with \"data\" (the rows) and optionally "
    "\"columns\" and \"index\", nothing else (a list of rows, or a dictionary of columns, was sent)",
    MLFLOW_SPLIT_FIX,
    ML_BODY.format(m="Invalid input. Dataframe split format must have 'data' field and optionally 'columns' and "
                   "'index' fields. Got {'columns', 'values'}.'"),
    [_ml(PROTO_JSON, "f\"Dataframe split format must have 'data' field and optionally 'columns' \"",
         'f"Dataframe split format must be a dictionary. Got {typemessage}."')])
add("Dataframe records format must be a list of records. Got {type}.",
    lit("Dataframe records format must be a list of records."),
    mlflow(PROTO_JSON, "dataframe_from_parsed_json"), "instance_format",
    "the value of dataframe_records is not a list of row dictionaries (a dictionary of columns was sent: that is "
    "dataframe_split's or inputs' form)", MLFLOW_SPLIT_FIX,
    ML_BODY.format(m="Invalid input. Dataframe records format must be a list of records. Got dictionary."),
    [_ml(PROTO_JSON, 'f"Dataframe records format must be a list of records. Got {typemessage}."')])
add("Provided dataframe_{split|records} field is not a valid dataframe representation in '{orient}' format. Error: "
    "'{error}'",
    lit("Provided dataframe_") + r"(?P<orient>split|records)" + lit(" field is not a valid dataframe representation"),
    mlflow(PROTO_JSON, "dataframe_from_parsed_json"), "instance_format",
    "pandas could not build a DataFrame from dataframe_split / dataframe_records (pandas' reason follows: rows of "
    "another length than columns, or nested values where it expects rows)", MLFLOW_SPLIT_FIX,
    ML_BODY.format(m="Invalid input. Provided dataframe_split field is not a valid dataframe representation in "
                   "'split' format. Error: '3 columns passed, passed data had 2 columns'"),
    [_ml(PROTO_JSON, 'f"Provided dataframe_records field is not a valid dataframe representation in "',
         'f"Provided dataframe_split field is not a valid dataframe representation in "')])
add("The length of values for each input/column name are not the same",
    lit("The length of values for each input/column name are not the same"),
    mlflow(PROTO_JSON, "parse_instances_data"), "batch_size_mismatch_between_inputs",
    "the instances of the request give the model's named inputs different numbers of values (an instance without "
    "one of the inputs, or instances given as a dictionary of lists of different lengths), so they do not form one "
    "batch", "Give every instance every input the signature names ({\"instances\": [{\"a\": ..., \"b\": ...}, ...]}), "
    "or send the columnar {\"inputs\": {\"a\": [...], \"b\": [...]}} with the same number of examples in each",
    ML_BODY.format(m="Invalid input. The length of values for each input/column name are not the same"),
    [_ml(PROTO_JSON, '"The length of values for each input/column name are not the same"')])
add("Data is not compatible with model signature. Failed to convert column {column} to type '{type}'. Error: "
    "'{error}'",
    lit("Data is not compatible with model signature. Failed to convert column ")
    + r"(?P<input>[^\n]{1,120}?) to type '(?P<want_dtype>[^'\n]{1,60})'",
    mlflow(PROTO_JSON, "MlflowFailedTypeConversion"), "dtype_mismatch",
    "a column of the request could not be cast to the type the model's column signature declares (strings where "
    "it takes numbers, floats for an integer column)", MLFLOW_DTYPE_FIX,
    ML_BODY.format(m="Invalid input. Data is not compatible with model signature. Failed to convert column age to "
                   "type 'int64'. Error: 'ValueError(\\\"invalid literal for int() with base 10: 'x'\\\")'"),
    [_ml(PROTO_JSON, 'message=f"Data is not compatible with model signature. "',
         "f\"Failed to convert column {col_name} to type '{col_type}'. Error: '{ex!r}'\"")])
add("Failed to convert data `{data}` to type `{spec}` defined in the model signature. | Failed to convert data type "
    "for data `{data}` with spec `{spec}`.",
    lit("Failed to convert data ") + r"(?:type for data )?['`][^\n]{0,400}?['`] (?:to type|with spec) ['`]",
    mlflow(PROTO_JSON, "_cast_schema_type / convert_data_type"), "dtype_mismatch",
    "the request's value could not be cast to the type the model's signature declares for it (a string, a dict or "
    "a nested list where it takes one number or array of its dtype)", MLFLOW_DTYPE_FIX,
    ML_BODY.format(m="Invalid input. Failed to convert data `{'image': 'iVBORw0KGgoAAAANSUhEUgAA'}` to type "
                   "`Tensor('float32', (-1, 28, 28, 1))` defined in the model signature."),
    [_ml(PROTO_JSON, 'f"Failed to convert data `{input_data}` to type `{spec}` defined "', '"in the model signature."',
         'f"Failed to convert data type for data `{data}` with spec `{spec}`."')])
add("Failed to parse input data. This model contains an un-named  model signature which expects a single "
    "n-dimensional array or a single value as input, however, an input of type {type} was found.",
    lit("This model contains an un-named ") + r" ?" + lit("model signature which expects a single n-dimensional array"),
    mlflow(PROTO_JSON, "_cast_schema_type"), "input_keys_mismatch",
    "the model's signature has one unnamed tensor input and the request names its inputs (a dictionary, as for a "
    "model with named inputs)", MLFLOW_NAMES_FIX,
    ML_BODY.format(m="Invalid input. Failed to parse input data. This model contains an un-named  model signature "
                   "which expects a single n-dimensional array or a single value as input, however, an input of "
                   "type <class 'dict'> was found."),
    [_ml(PROTO_JSON, '"Failed to parse input data. This model contains an un-named "',
         '" model signature which expects a single n-dimensional array or "')])

# ---- MLflow: pyfunc's schema enforcement (mlflow/models/utils.py)
add("For pandas dataframe input, the first dimension of shape must be a variable dimension and other dimensions must "
    "be fixed, but in model signature the shape of {input} is {shape}.",
    lit("For pandas dataframe input, the first dimension of shape must be a variable dimension and other dimensions "
        "must be fixed"),
    mlflow(MODEL_UTILS, "_reshape_and_cast_pandas_column_values"), "instance_format",
    "the model's tensor signature has a variable dimension after the batch (or a fixed batch), which a DataFrame "
    "(dataframe_split / dataframe_records / CSV) cannot carry", MLFLOW_TENSOR_FIX,
    ML_EXC + "Failed to enforce schema of data '   x\n0  [1, 2]' with schema '['x': Tensor('int64', (-1, -1))]'. "
    "Error: For pandas dataframe input, the first dimension of shape must be a variable dimension and other "
    "dimensions must be fixed, but in model signature the shape of input x is (-1, -1).",
    [_ml(MODEL_UTILS, '"For pandas dataframe input, the first dimension of shape must be a variable "',
         '"dimension and other dimensions must be fixed, but in model signature the shape "')])
add("The input pandas dataframe column '{name}' contains scalar values, which requires the shape to be (-1,) or "
    "(-1, 1), but got tensor spec shape of {shape}.",
    r"The input pandas dataframe column '(?P<input>[^'\n]{0,120})' contains scalar values, which requires the shape "
    rf"to be \(-1,\) or \(-1, ?1\), but got tensor spec shape of (?P<want_shape>{SHAPE})",
    mlflow(MODEL_UTILS, "_reshape_and_cast_pandas_column_values"), "input_shape_mismatch",
    "a DataFrame column (dataframe_split / records / CSV) holds one number per row, but the model's tensor input "
    "takes a whole array per example (an image sent as a flat row of pixels)", MLFLOW_TENSOR_FIX,
    ML_EXC + "Failed to enforce schema of data '     0    1\n0  0.1  0.2' with schema '[Tensor('float32', (-1, 28, "
    "28, 1))]'. Error: The input pandas dataframe column 'None' contains scalar values, which requires the shape to "
    "be (-1,) or (-1, 1), but got tensor spec shape of (-1, 28, 28, 1).",
    [_ml(MODEL_UTILS, "f\"The input pandas dataframe column '{name}' contains scalar \"",
         '"values, which requires the shape to be (-1,) or (-1, 1), but got tensor spec "',
         'f"shape of {tensor_spec.shape}."')])
add("The value in the Input DataFrame column '{name}' could not be converted to the expected shape of: '{shape}'. …",
    r"The value in the Input DataFrame column '(?P<input>[^'\n]{0,120})' could not be converted to the expected "
    rf"shape of: ?'(?P<want_shape>{SHAPE})'",
    mlflow(MODEL_UTILS, "_reshape_and_cast_pandas_column_values"), "input_shape_mismatch",
    "the lists in a DataFrame column do not reshape to the model's tensor shape (rows of other lengths, or another "
    "number of values than the shape holds)", MLFLOW_TENSOR_FIX,
    ML_EXC + "Failed to enforce schema of data '...' with schema '...'. Error: The value in the Input DataFrame "
    "column 'x' could not be converted to the expected shape of: '(-1, 28, 28, 1)'. Ensure that each of the input "
    "list elements are of uniform length and that the data can be coerced to the tensor type 'float32'",
    [_ml(MODEL_UTILS, "f\"The value in the Input DataFrame column '{name}' could not be converted to the \"",
         "f\"expected shape of: '{tensor_spec.shape}'. Ensure that each of the input list \"")])
add("This model contains a tensor-based model signature with input names, which suggests a dictionary input mapping "
    "input name to a numpy array, but a dict with value type {type} was found.",
    lit("This model contains a tensor-based model signature with input names, which suggests a dictionary input "
        "mapping input name to a numpy array, but a dict with value type"),
    mlflow(MODEL_UTILS, "_enforce_tensor_schema"), "instance_format",
    "pyfunc's predict was given a dictionary for a model with named tensor inputs, but a value of it is not a numpy "
    "array (a Python list, or a nested dictionary)",
    "Give each named input a numpy array of the signature's dtype and shape: model.predict({\"a\": np.asarray(a, "
    "dtype=np.float32), ...}) (the JSON of /invocations is converted by the server itself)",
    ML_EXC + "Failed to enforce schema of data '{'a': [1.0, 2.0]}' with schema '['a': Tensor('float32', (-1, 2))]'. "
    "Error: This model contains a tensor-based model signature with input names, which suggests a dictionary input "
    "mapping input name to a numpy array, but a dict with value type <class 'list'> was found.",
    [_ml(MODEL_UTILS, '"This model contains a tensor-based model signature with input names,"',
         '" which suggests a dictionary input mapping input name to a numpy"',
         'f" array, but a dict with value type {type(pf_input[col_name])} was found."')])
# The two messages of a tensor signature given neither an array nor a dictionary of arrays are read with pyfunc's
# wrapper in front of them (_validate_prediction_input: "Failed to enforce schema of data '{data}' with schema
# '{schema}'. Error: {e}"), whose data says what was sent: through /invocations an "instances" / "inputs" list reaches
# the check as a list only when it is empty (proto_json_utils._cast_schema_type keeps [] as it is and makes any other
# list an array), and a {"b64": ...} object stays a dictionary keyed b64 (MLflow decodes no base64).  The rows are
# exclusive by the data, so the latest-starting message does not decide alone.
WRAPPER = "Failed to enforce schema of data '"
TENSOR_NAMED = ("This model contains a tensor-based model signature with input names, which suggests a dictionary "
                "input mapping input name to tensor, or a pandas DataFrame input")
TENSOR_UNNAMED = ("This model contains a tensor-based model signature with no input names, which suggests a numpy "
                  "array input or a pandas dataframe input with proper column values, but an input of type ")
AFTER_DATA = r"[^\n]{0,4000}?Error: ?"
TENSOR_QUOTES = [_ml("mlflow/pyfunc/__init__.py", 'f"Failed to enforce schema of data \'{data}\' "',
                     'f"with schema \'{input_schema}\'. "', 'f"Error: {e}"'),
                 _ml(MODEL_UTILS, '"This model contains a tensor-based model signature with input names, which"',
                     '" suggests a dictionary input mapping input name to tensor, or a pandas"',
                     '"This model contains a tensor-based model signature with no input names,"',
                     '" which suggests a numpy array input or a pandas dataframe input with"',
                     'f" proper column values, but an input of type {type(pf_input)} was found."'),
                 _ml(PROTO_JSON, "if all(isinstance(x, dict) for x in input_data):")]
add("Failed to enforce schema of data '[]' with schema '{schema}'. Error: This model contains a tensor-based model "
    "signature with [no] input names, … but an input of type <class 'list'> was found.",
    lit(WRAPPER) + r"\[\]' with schema '[^\n]{0,600}?' ?\. ?Error: ?"
    + lit("This model contains a tensor-based model signature with") + r" (?:no )?"
    + lit("input names, which suggests"),
    mlflow("mlflow/pyfunc/__init__.py", "_validate_prediction_input, around models/utils.py _enforce_tensor_schema"),
    "empty_instances",
    "the request's \"instances\" (or \"inputs\") list is empty: MLflow passes [] to the model unchanged, and a tensor "
    "signature takes only arrays", "Send at least one example ({\"instances\": [x.tolist()]} with x of the "
    "signature's per-example shape); skip the call when there is nothing to predict",
    ML_BODY.format(m="Failed to predict data '[]'. \\nError: " + WRAPPER + "[]' with schema '[Tensor('float32', (-1, "
                   "28, 28, 1))]'. Error: " + TENSOR_UNNAMED + "<class 'list'> was found."),
    TENSOR_QUOTES)
add("Failed to enforce schema of data '{'b64': …}' with schema '{schema}'. Error: This model contains a tensor-based "
    "model signature …",
    lit(WRAPPER) + r"\{'b64': " + AFTER_DATA + lit("This model contains a tensor-based model signature with"),
    mlflow("mlflow/pyfunc/__init__.py", "_validate_prediction_input, around models/utils.py _enforce_tensor_schema"),
    "bytes_sent_to_numeric_input",
    "the request sent TF Serving's {\"b64\": ...} object, which MLflow does not decode: the model's tensor input got a "
    "dictionary keyed b64 holding base64 text instead of its numbers",
    "Decode the image client-side and send its pixels as nested lists of the signature's shape and dtype "
    "({\"inputs\": [img.astype(\"float32\").tolist()]}); MLflow has no {\"b64\": ...} convention -- to send encoded "
    "images, log a pyfunc model whose predict decodes them",
    ML_BODY.format(m="Failed to predict data '{'b64': array(['/9j/4AAQSkZJRgABAQ=='], dtype='<U20')}'. \\nError: "
                   + WRAPPER + "{'b64': array(['/9j/4AAQSkZJRgABAQ=='], dtype='<U20')}' with schema '[Tensor("
                   "'float32', (-1, 28, 28, 1))]'. Error: " + TENSOR_UNNAMED + "<class 'dict'> was found."),
    TENSOR_QUOTES + [_ml(PROTO_JSON, 'if isinstance(spec, TensorSpec):', 'return np.array(data, dtype=spec.type)')])
add("Failed to enforce schema of data '{data}' … Error: This model contains a tensor-based model signature with "
    "input names, which suggests a dictionary input mapping input name to tensor, or a pandas DataFrame input … but "
    "an input of type {type} was found.",
    lit(WRAPPER) + r"(?!\[\]'|\{'b64')" + AFTER_DATA + lit(TENSOR_NAMED),
    mlflow("mlflow/pyfunc/__init__.py", "_validate_prediction_input, around models/utils.py _enforce_tensor_schema"),
    "input_keys_mismatch",
    "the model has named tensor inputs and was given one unnamed array (a bare list or array, or {\"inputs\": [[...]]} "
    "without the names)", MLFLOW_NAMES_FIX,
    ML_EXC + WRAPPER + "[[0.1 0.2]]' with schema '['a': Tensor('float32', (-1, 2)), 'b': Tensor('int64', (-1, 1))]'. "
    "Error: " + TENSOR_NAMED + " containing columns mapping input name to flattened list value from tensor, but an "
    "input of type <class 'numpy.ndarray'> was found.",
    TENSOR_QUOTES)
add("Failed to enforce schema of data '{data}' … Error: This model contains a tensor-based model signature with no "
    "input names, … but an input of type <class 'dict'> was found.",
    lit(WRAPPER) + r"(?!\[\]'|\{'b64')" + AFTER_DATA + lit(TENSOR_UNNAMED + "<class 'dict'>"),
    mlflow("mlflow/pyfunc/__init__.py", "_validate_prediction_input, around models/utils.py _enforce_tensor_schema"),
    "input_keys_mismatch",
    "the model has one unnamed tensor input and was given a dictionary of named inputs ({\"inputs\": {\"name\": "
    "...}} or instances of objects)", MLFLOW_NAMES_FIX,
    ML_EXC + WRAPPER + "{'x': array([[0.1, 0.2]])}' with schema '[Tensor('float32', (-1, 2))]'. Error: "
    + TENSOR_UNNAMED + "<class 'dict'> was found.",
    TENSOR_QUOTES)
add("Failed to enforce schema of data '{data}' … Error: This model contains a tensor-based model signature with no "
    "input names, … but an input of type {type other than dict} was found.",
    lit(WRAPPER) + r"(?!\[\]'|\{'b64')" + AFTER_DATA + lit(TENSOR_UNNAMED) + r"(?!<class 'dict'>)"
    + rf"(?P<type>{TYPE})",
    mlflow("mlflow/pyfunc/__init__.py", "_validate_prediction_input, around models/utils.py _enforce_tensor_schema"),
    "instance_format",
    "pyfunc's predict was called with a Python list (or another type) where the model's one tensor input takes a "
    "numpy array or a DataFrame",
    "Pass a numpy array of the signature's dtype and shape: model.predict(np.asarray(x, dtype=np.float32)) "
    "(mlflow.models.get_model_info(MODEL_URI).signature shows both)",
    ML_EXC + WRAPPER + "[[0.1, 0.2]]' with schema '[Tensor('float32', (-1, 2))]'. Error: " + TENSOR_UNNAMED
    + "<class 'list'> was found.",
    TENSOR_QUOTES)
add("This model contains a model signature with an unnamed input. Since the input data is a pandas DataFrame "
    "containing multiple columns, the input shape must be of the structure (-1, number_of_dataframe_columns). …",
    lit("the input shape must be of the structure (-1, number_of_dataframe_columns).") + r" ?Instead, the input "
    r"DataFrame passed had (?P<got>\d{1,9}) columns and an input shape of (?P<want_shape>" + SHAPE + ")",
    mlflow(MODEL_UTILS, "_enforce_tensor_schema"), "input_shape_mismatch",
    "a DataFrame of several columns (dataframe_split / records / CSV, or instances of flat rows) was sent to a model "
    "whose one tensor input is not (-1, number of columns): an image or sequence flattened into columns",
    MLFLOW_TENSOR_FIX,
    ML_EXC + "Failed to enforce schema of data '...' with schema '[Tensor('float32', (-1, 8, 8, 1))]'. Error: This "
    "model contains a model signature with an unnamed input. Since the input data is a pandas DataFrame containing "
    "multiple columns, the input shape must be of the structure (-1, number_of_dataframe_columns). Instead, the "
    "input DataFrame passed had 64 columns and an input shape of (-1, 8, 8, 1) with all values within the DataFrame "
    "of scalar type. Please adjust the passed in DataFrame to match the expected structure",
    [_ml(MODEL_UTILS, '"(-1, number_of_dataframe_columns). "',
         'f"Instead, the input DataFrame passed had {num_input_columns} columns and "',
         'f"an input shape of {tensor_spec.shape} with all values within the "')])
add("Input DataFrame is empty.", lit("Input DataFrame is empty."),
    mlflow(MODEL_UTILS, "_enforce_tensor_schema"), "empty_instances",
    "the request's data has no rows (an empty dataframe_split / dataframe_records / CSV, or an empty list of "
    "instances)", "Send at least one example; skip the call when there is nothing to predict",
    ML_EXC + "Failed to enforce schema of data 'Empty DataFrame\nColumns: []\nIndex: []' with schema "
    "'[Tensor('float32', (-1, 4))]'. Error: Input DataFrame is empty.",
    [_ml(MODEL_UTILS, 'raise MlflowException("Input DataFrame is empty.")')])
add("Model inference is missing inputs. The model signature declares {n} inputs  but the provided value only has {m} "
    "inputs. | Input schema validation failed. Mismatched or missing input(s).",
    r"(?:" + lit("Model inference is missing inputs. The model signature declares") + r"|"
    + lit("Input schema validation failed. Mismatched or missing input(s).") + r")",
    mlflow(MODEL_UTILS, "_enforce_schema"), "input_keys_mismatch",
    "the request gives the model fewer inputs (columns) than its signature declares (the unnamed columns are "
    "counted; with MLFLOW_DISABLE_SCHEMA_DETAILS the names are not printed)", MLFLOW_NAMES_FIX,
    ML_EXC + "Failed to enforce schema of data '   0\n0  1' with schema '[double (required), double (required)]'. "
    "Error: Model inference is missing inputs. The model signature declares 2 inputs  but the provided value only "
    "has 1 inputs. Note: the inputs were not named in the signature so we can only verify their count.",
    [_ml(MODEL_UTILS, '"Model inference is missing inputs. The model signature declares "',
         '"Input schema validation failed. Mismatched or missing input(s)."')])

# ---- MLflow: model URIs, stores and flavors (mlflow models serve -m, load_model)
add("Run with id={run_id} not found | Run '{run_id}' not found",
    rf"Run (?:with id=(?P<servable>{NAME})|'(?P<run>[^'\n]{{1,200}})') not found",
    mlflow("mlflow/store/tracking/sqlalchemy_store.py", "SqlAlchemyStore._get_run; file_store.py FileStore."
           "_get_run_info"), "model_not_found",
    "the tracking store MLflow reads has no run of that id: a runs:/ URI with a mistyped or shortened run id, or a "
    "run logged to another tracking store (another MLFLOW_TRACKING_URI, another folder's ./mlruns or sqlite file)",
    MODEL_URI_FIX,
    ML_EXC + "Run with id=0f2c7bd1e5aa4c9d8f4b6a3e2d1c0b9a not found",
    [_ml("mlflow/store/tracking/sqlalchemy_store.py", 'f"Run with id={run_uuid} not found"'),
     _ml("mlflow/store/tracking/file_store.py", "f\"Run '{run_uuid}' not found\"")])
add("Registered Model with name={name} not found",
    rf"Registered Model with name=(?P<servable>{NAME}) not found",
    mlflow("mlflow/store/model_registry/sqlalchemy_store.py", "_get_registered_model; file_store.py likewise"),
    "model_not_found",
    "the model registry MLflow reads has no registered model of that name (a models:/ URI with another name or "
    "case, or a registry of another tracking store)", MODEL_URI_FIX,
    "mlflow.exceptions.RestException: RESOURCE_DOES_NOT_EXIST: Registered Model with name=churn-classifier not found",
    [_ml("mlflow/store/model_registry/sqlalchemy_store.py", 'f"Registered Model with name={name} not found"'),
     _ml("mlflow/store/model_registry/file_store.py", 'f"Registered Model with name={name} not found"')])
add("Model Version (name={name}, version={version}) not found",
    rf"Model Version \(name=(?P<servable>[^,\n]{{1,200}}), version=(?P<version>[^)\n]{{1,40}})\) not found",
    mlflow("mlflow/store/model_registry/sqlalchemy_store.py", "_get_sql_model_version"), "model_not_found",
    "the registered model has no version of that number (models:/<name>/<version>)", MODEL_URI_FIX,
    ML_EXC + "Model Version (name=churn, version=7) not found",
    [_ml("mlflow/store/model_registry/sqlalchemy_store.py",
         'f"Model Version (name={name}, version={version}) not found"')])
add("Registered model alias {alias} not found. | No versions of model with name '{name}' found",
    rf"(?:Registered model alias (?P<alias>{NAME}) not found|No versions of model with name "
    r"'(?P<servable>[^'\n]{1,200})'[^\n]{0,60}? found)",
    mlflow("mlflow/store/model_registry/sqlalchemy_store.py", "get_model_version_by_alias; "
           "store/artifact/utils/models.py _get_latest_model_version"), "model_not_found",
    "the registered model has no version under that alias (models:/<name>@<alias>), or no version at all (in that "
    "stage) for models:/<name>/latest", MODEL_URI_FIX,
    ML_EXC + "Registered model alias champion not found.",
    [_ml("mlflow/store/model_registry/sqlalchemy_store.py", 'f"Registered model alias {alias} not found."'),
     _ml("mlflow/store/artifact/utils/models.py",
         "f\"No versions of model with name '{name}'{stage_str} found\"")])
add("Not a proper models:/ URI: {uri}. Models URIs must be of the form 'models:/name/suffix' or "
    "'models:/name@alias' …",
    r"Not a proper models:/ URI: ?(?P<servable>[^\s]{0,300}?)\. ?Models URIs must be of the form",
    mlflow("mlflow/store/artifact/utils/models.py", "_improper_model_uri_msg"), "model_not_found",
    "the models:/ URI given is not of the form models:/<name>/<version|stage|latest> or models:/<name>@<alias> "
    "(an extra path part, a missing name, both a version and an alias)", MODEL_URI_FIX,
    ML_EXC + "Not a proper models:/ URI: models:/churn/1/model. Models URIs must be of the form "
    "'models:/name/suffix' or 'models:/name@alias' where suffix is a version, stage, or the string 'latest' and "
    "where alias is a registered model alias. Only one of suffix or alias can be defined at a time.",
    [_ml("mlflow/store/artifact/utils/models.py", 'f"Not a proper {scheme}:/ URI: {uri}. "',
         "f\"{entity_type} URIs must be of the form '{scheme}:/name/suffix' \"")])
add("Could not find an \"MLmodel\" configuration file at \"{path}\"",
    r"Could not find an ['\"]?MLmodel['\"]? configuration file at ['\"]?(?P<path>[^'\"\n]{0,300})",
    mlflow("mlflow/models/model.py", "Model.load"), "savedmodel_not_found",
    "the path given to MLflow's loader (mlflow models serve -m, mlflow.pyfunc.load_model) holds no MLmodel file: "
    "the parent of the model directory, a file inside it (model.keras, data/), a SavedModel MLflow did not write, or "
    "a path that does not exist (relative to another working directory)", MLMODEL_FIX,
    ML_EXC + "Could not find an \"MLmodel\" configuration file at \"/srv/models/churn\"",
    [_ml("mlflow/models/model.py", "f'Could not find an \"{MLMODEL_FILE_NAME}\" configuration file at \"{path}\"'")])
add("Cannot find file MLmodel for the logged model.", lit("Cannot find file MLmodel for the logged model."),
    mlflow("mlflow/tensorflow/__init__.py", "_load_pyfunc; keras/load.py likewise"), "savedmodel_not_found",
    "the tensorflow / keras flavor's loader was given a folder with no MLmodel in it or in its parent: not the "
    "MLflow model directory", MLMODEL_FIX,
    ML_EXC + "Cannot find file MLmodel for the logged model.",
    [_ml("mlflow/tensorflow/__init__.py", 'f"Cannot find file {MLMODEL_FILE_NAME} for the logged model."'),
     _ml("mlflow/keras/load.py", 'f"Cannot find file {MLMODEL_FILE_NAME} for the logged model."')])
add("Model does not have the \"python_function\" flavor",
    r"Model does not have the ['\"]?python_function['\"]? flavor",
    mlflow("mlflow/pyfunc/__init__.py", "load_model"), "model_load_failed",
    "the MLflow model's MLmodel lists no python_function flavor, which mlflow.pyfunc.load_model and mlflow models "
    "serve need (a model saved by a flavor without pyfunc support, or an MLmodel edited by hand)",
    "Save the Keras / TensorFlow model with mlflow.tensorflow.log_model / mlflow.keras.log_model (both write the "
    "python_function flavor) and serve that, or load it with its own flavor (mlflow.tensorflow.load_model)",
    ML_EXC + "Model does not have the \"python_function\" flavor",
    [_ml("mlflow/pyfunc/__init__.py", "f'Model does not have the \"{FLAVOR_NAME}\" flavor'")])
add("Could not find signature def key {key}. Available keys are: {keys}",
    rf"Could not find signature def key (?P<signature>{NAME})\. ?Available keys are: ?(?P<keys>{LIST})",
    mlflow("mlflow/tensorflow/__init__.py", "_load_tf1_estimator_saved_model"), "signature_not_found",
    "the SavedModel logged with mlflow.tensorflow has no signature of the key its MLmodel names (tf_signature_def_key "
    "given at logging, or serving_default)", "Log the model again with a signature key the SavedModel has "
    "(saved_model_cli show --dir DIR lists them; tf_signature_def_key=\"serving_default\"), or re-export the "
    "SavedModel with that signature",
    ML_EXC + "Could not find signature def key predict. Available keys are: ['serving_default']",
    [_ml("mlflow/tensorflow/__init__.py", 'f"Could not find signature def key {tf_signature_def_key}. "',
         'f"Available keys are: {list(loaded_sig.keys())}"')])
add("Deserializing custom objects using cloudpickle is disallowed, but this model was saved with custom objects in "
    "pickle format. …",
    lit("Deserializing custom objects using cloudpickle is disallowed, but this model was saved with custom objects "
        "in pickle format."),
    mlflow("mlflow/tensorflow/__init__.py", "_load_custom_objects"), "model_load_failed",
    "the Keras model was logged with custom_objects, which MLflow stored with cloudpickle, and this MLflow refuses "
    "to unpickle them unless told to",
    "Set MLFLOW_ALLOW_PICKLE_DESERIALIZATION=true in the environment that loads / serves the model (only for a model "
    "you trust), or log the model again with its custom layers registered "
    "(@keras.saving.register_keras_serializable) instead of custom_objects",
    ML_EXC + "Deserializing custom objects using cloudpickle is disallowed, but this model was saved with custom "
    "objects in pickle format. To address this issue, you need to set environment variable "
    "'MLFLOW_ALLOW_PICKLE_DESERIALIZATION' to 'true'.",
    [_ml("mlflow/tensorflow/__init__.py", '"Deserializing custom objects using cloudpickle is disallowed, but this '
         'model "', '"was saved with custom objects in pickle format. To address this issue, you need "')])
add("`tensorflow` must be installed if you want to load an exported Keras 3 model, please install `tensorflow` by "
    "`pip install tensorflow`.",
    lit("`tensorflow` must be installed if you want to load an exported Keras 3 model"),
    mlflow("mlflow/keras/load.py", "_load_pyfunc"), "local_env_python_mismatch",
    "the Keras 3 model was logged as an exported SavedModel (save_exported_model=True), which only TensorFlow "
    "loads, and the serving environment has no tensorflow", ENV_FIX,
    ML_EXC + "`tensorflow` must be installed if you want to load an exported Keras 3 model, please install "
    "`tensorflow` by `pip install tensorflow`.",
    [_ml("mlflow/keras/load.py", '"`tensorflow` must be installed if you want to load an exported Keras 3 model, "')])

# ---- MLflow: the environment managers of mlflow models serve
add("We cannot use 'LOCAL' environment manager for your model configuration. Please specify a virtualenv or conda "
    "environment manager instead with `--env-manager` argument.",
    lit("We cannot use 'LOCAL' environment manager for your model configuration."),
    mlflow("mlflow/pyfunc/backend.py", "PyFuncBackend.serve"), "local_env_python_mismatch",
    "mlflow models serve was told --env-manager local for a model whose configuration needs its own environment",
    ENV_FIX, ML_EXC + "We cannot use 'LOCAL' environment manager for your model configuration. Please specify a "
    "virtualenv or conda environment manager instead with `--env-manager` argument.",
    [_ml("mlflow/pyfunc/backend.py", 'LOCAL_ENV_MANAGER_ERROR_MESSAGE = "We cannot use \'LOCAL\' environment manager "',
         '"for your model configuration. Please specify a virtualenv or conda environment "')])
add("Could not find the pyenv binary. See {url} for installation instructions. | Could not find Conda executable at "
    "{path}. | Found 'uv' as env_manager, but the 'uv' command is not found in the PATH.",
    r"(?:" + lit("Could not find the pyenv binary.") + r"|" + lit("Could not find Conda executable at ")
    + r"|Found 'uv' as env_manager, but the 'uv' command is not found in the ?PATH)",
    mlflow("mlflow/utils/virtualenv.py", "_validate_pyenv_is_available; utils/conda.py get_or_create_conda_env; "
           "models/python_api.py"), "local_env_python_mismatch",
    "mlflow models serve builds the model's own Python environment with the --env-manager chosen (virtualenv, the "
    "default, needs pyenv for the model's Python version; conda needs conda; uv needs uv) and that tool is not on "
    "this machine", ENV_FIX,
    ML_EXC + "Could not find the pyenv binary. See https://github.com/pyenv/pyenv#installation for installation "
    "instructions.",
    [_ml("mlflow/utils/virtualenv.py", 'f"Could not find the pyenv binary. See {url} for installation instructions."'),
     _ml("mlflow/utils/conda.py", 'f"Could not find Conda executable at {conda_path}. "'),
     _ml("mlflow/models/python_api.py", "f\"Found '{env_manager}' as env_manager, but the 'uv' command is not "
         "found in the \"")])
add("Command '['bash', '-c', 'exec uvicorn … mlflow.pyfunc.scoring_server.app:app']' returned non zero return code. "
    "Return code = 127",
    r"exec uvicorn [^'\n]{0,300}mlflow\.pyfunc\.scoring_server\.app:app'\]' returned non zero return code\. ?Return "
    r"code = ?127",
    mlflow("mlflow/pyfunc/backend.py", "PyFuncBackend.serve (--env-manager local: bash -c 'exec ' + "
           "scoring_server.get_cmd())"), "local_env_python_mismatch",
    "with --env-manager local, mlflow models serve runs the scoring server as `exec uvicorn …` in bash, and bash did "
    "not find uvicorn (exit code 127): the mlflow that was run is not from an activated environment with MLflow's "
    "serving dependencies (a venv's bin/mlflow called by its path leaves that venv's bin off PATH)", ENV_FIX,
    "bash: line 1: exec: uvicorn: not found\nException: Command '['bash', '-c', 'exec uvicorn --host 127.0.0.1 "
    "--port 5000 mlflow.pyfunc.scoring_server.app:app']' returned non zero return code. Return code = 127",
    [_ml(SCORING, "command = f\"uvicorn {' '.join(args)} mlflow.pyfunc.scoring_server.app:app\""),
     _ml("mlflow/pyfunc/backend.py", 'command = "exec " + command', 'command = ["bash", "-c", command]',
         'f"Command \'{command}\' returned non zero return code. Return code = {rc}"')])

# ---- KServe's Python model server
add("Unrecognized request format: {error}",
    r"Unrecognized request format: ?(?P<detail>[^\n]{0,200})",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/dataplane.py", "DataPlane.decode; protocol/infer_type.py "
        "InferRequest.from_bytes"), "json_parse_error",
    "the body posted to the KServe model server is not valid JSON (orjson's reason and position follow: single "
    "quotes, a trailing comma, NaN)",
    "Serialize the body with a JSON encoder (json.dumps of Python lists; requests.post(url, json=body)) and send it "
    "with Content-Type: application/json",
    '{"error":"Unrecognized request format: trailing comma is not allowed: line 1 column 28 (char 27)"}',
    [_ks("protocol/dataplane.py", 'raise InvalidInput(f"Unrecognized request format: {e}")'),
     _ks("protocol/infer_type.py", 'raise InvalidInput(f"Unrecognized request format: {e}")')])
add("invalid datatype {datatype} in the input | invalid input datatype",
    r"invalid (?:datatype (?P<got_dtype>[\w.]{1,30} )?in the input|input datatype)",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/infer_type.py", "InferInput.as_numpy / as_string; "
        "InferRequest.to_grpc"), "dtype_mismatch",
    "an input of the V2 request names a datatype KServe does not know (float32, FLOAT, TYPE_FP32 instead of FP32) "
    "or one its data cannot be read as (as_numpy prints None for an unknown name)", KSERVE_DTYPE_FIX,
    '{"error":"invalid datatype None in the input"}',
    [_ks("protocol/infer_type.py", 'raise InvalidInput(f"invalid datatype {dtype} in the input")',
         'raise InvalidInput(f"invalid datatype {self.datatype} in the input")',
         'raise InvalidInput("invalid input datatype")', 'raise InvalidInput("invalid datatype in the input")')])
add("'binary_data_size' is not specified for input '{input}' for model '{model}'",
    r"'binary_data_size' is not specified for input '(?P<input>[^'\n]{0,200})'",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/infer_type.py", "InferRequest.from_bytes"), "instance_format",
    "a V2 request in the binary extension (JSON header, then raw tensor bytes) has an input with neither data nor "
    "its parameters.binary_data_size, so KServe cannot find its bytes",
    "Give each binary input \"parameters\": {\"binary_data_size\": N} in the JSON header (and the "
    "Inference-Header-Content-Length header), as tritonclient / kserve's InferenceRESTClient write it, or send the "
    "values in \"data\" in plain JSON",
    "{\"error\":\"'binary_data_size' is not specified for input 'input_1' for model 'churn'\"}",
    [_ks("protocol/infer_type.py", "f\"'binary_data_size' is not specified for input '{infer_input.name}' for model "
         "'{model_name}'\"")])
add("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"inputs\"],\"msg\":\"Field required\",…}]}",
    rf"{key('type')}: ?{key('missing')}, ?{key('loc')}: ?\[{key('body')}, ?{UNION}{key('inputs')}\], ?{key('msg')}: ?"
    rf"{key('Field required')}",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/rest/v2_datamodels.py", "InferenceRequest.inputs, validated by "
        "FastAPI 0.163.2's request_validation_exception_handler (422) with pydantic-core 2.50.4's 'missing' error"),
    "instances_key_missing",
    "the body posted to KServe's V2 endpoint (/v2/models/<model>/infer) has no \"inputs\" list: a V1 / TF Serving "
    "body ({\"instances\": ...}) sent to the V2 route", KSERVE_V2_FIX,
    '{"detail":[{"type":"missing","loc":["body","InferenceRequest","inputs"],"msg":"Field required","input":{'
    '"instances":[[1.0,2.0]]}},{"type":"bytes_type","loc":["body","bytes"],"msg":"Input should be a valid bytes",'
    '"input":{"instances":[[1.0,2.0]]}}]}',
    [_ks("protocol/rest/v2_datamodels.py", "inputs: List[RequestInput]"),
     _ks("protocol/rest/v2_endpoints.py", "request_body: Union[InferenceRequest, bytes],"),
     _fastapi('content={"detail": jsonable_encoder(exc.errors())}', "status_code=422"),
     _pydantic("Field required", "missing")])
add("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"inputs\",0,\"datatype\"],\"msg\":\"Field required\",…}]}",
    rf"{key('type')}: ?{key('missing')}, ?{key('loc')}: ?\[{key('body')}, ?{UNION}{key('inputs')}, ?\d{{1,4}}, ?"
    rf"{Q}(?P<field>name|shape|datatype){Q}\], ?{key('msg')}: ?{key('Field required')}",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/rest/v2_datamodels.py", "RequestInput, validated by FastAPI "
        "0.163.2's request_validation_exception_handler (422) with pydantic-core 2.50.4's 'missing' error"),
    "instance_format",
    "an input object of the V2 request lacks one of its fields: each is {\"name\", \"shape\", \"datatype\", "
    "\"data\"} (TF Serving's {\"inputs\": {name: values}} has none of them)", KSERVE_V2_FIX,
    '{"detail":[{"type":"missing","loc":["body","inputs",0,"datatype"],"msg":"Field required","input":{"name":'
    '"input_1","shape":[1,4],"data":[1,2,3,4]}}]}',
    [_ks("protocol/rest/v2_datamodels.py", "class RequestInput(BaseModel):", "    name: str", "    shape: List[int]",
         "    datatype: str"),
     _fastapi('content={"detail": jsonable_encoder(exc.errors())}'), _pydantic("Field required", "missing")])
add("{\"detail\":[{\"type\":\"list_type\",\"loc\":[\"body\",\"inputs\"],\"msg\":\"Input should be a valid "
    "list\",…}]}",
    rf"{key('type')}: ?{key('list_type')}, ?{key('loc')}: ?\[{key('body')}, ?{UNION}{key('inputs')}\], ?{key('msg')}: ?"
    rf"{key('Input should be a valid list')}",
    src(KSERVE_REPO, KSERVE_COMMIT, KS + "protocol/rest/v2_datamodels.py", "InferenceRequest.inputs, validated by "
        "FastAPI 0.163.2's request_validation_exception_handler (422) with pydantic-core 2.50.4's 'list_type' "
        "error"), "instance_format",
    "the V2 request's \"inputs\" is not a list of input objects (TF Serving's columnar {\"inputs\": {name: values}} "
    "or a bare nested list was sent)", KSERVE_V2_FIX,
    '{"detail":[{"type":"list_type","loc":["body","inputs"],"msg":"Input should be a valid list","input":{"x":'
    '[[1,2]]}}]}',
    [_ks("protocol/rest/v2_datamodels.py", "inputs: List[RequestInput]"),
     _fastapi('content={"detail": jsonable_encoder(exc.errors())}'),
     _pydantic("Input should be a valid list", "list_type")])

# ---- the SageMaker Python SDK's serializers (sagemaker-core, what sagemaker 3.x's Predictor calls before sending)
SM_SERIALIZERS = "sagemaker/core/serializers/base.py"
add("Cannot serialize empty array", r"Cannot serialize empty array",
    f"pypi sagemaker-core {SAGEMAKER_CORE_VERSION} {SM_SERIALIZERS} (CSVSerializer, NumpySerializer)",
    "empty_instances", "the SageMaker SDK's CSVSerializer / NumpySerializer was given an empty array or list (a batch "
    "with no rows): there is nothing to send, so it refuses before any request",
    "Skip the call when the batch has no rows (if len(batch): predictor.predict(batch)); look for the filter or split "
    "that emptied it",
    "ValueError: Cannot serialize empty array",
    [Quote(SAGEMAKER_CORE_PYPI, SAGEMAKER_CORE_VERSION, SM_SERIALIZERS, ['raise ValueError("Cannot serialize empty '
                                                                         'array")'])])
add("No module named 'sagemaker.serializers'",
    r"No module named '?sagemaker\.(?P<module>serializers|deserializers)'?",
    f"pypi sagemaker-core {SAGEMAKER_CORE_VERSION} {SM_SERIALIZERS} (the serializers of sagemaker 3.x)", None,
    "code written for the SageMaker Python SDK 2.x imports sagemaker.serializers / sagemaker.deserializers, which "
    "sagemaker 3.x moved into its sagemaker-core package (sagemaker.core.serializers); not about the request or model",
    "Import them from their 3.x place, from sagemaker.core.serializers import CSVSerializer (and "
    "sagemaker.core.deserializers), or keep the 2.x API with pip install 'sagemaker<3'",
    "ModuleNotFoundError: No module named 'sagemaker.serializers'",
    [Quote(SAGEMAKER_CORE_PYPI, SAGEMAKER_CORE_VERSION, SM_SERIALIZERS, ["class CSVSerializer(",
                                                                         "class NumpySerializer("])])

# ---- the Vertex AI SDK's local checks (google-cloud-aiplatform, before anything is sent)
add("No serving container for `{framework}` version `{version}` with accelerator `{accelerator}` found. Supported "
    "versions include {versions}.",
    r"No serving container for [`'](?P<framework>[\w-]{1,40})[`'] version [`'](?P<version>[\d.]{1,20})[`'] with "
    r"accelerator [`'](?P<accelerator>[\w-]{1,40})[`'] found\. ?Supported versions include (?P<versions>[\d., ]{1,200})",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/helpers/container_uri_builders.py "
    "(get_prebuilt_prediction_container_uri)", "runtime_version_mismatch",
    "the SDK's table of Vertex AI's pre-built prediction containers has none for the framework version the model "
    "was made with (newer than any the SDK lists, or not for that accelerator): no pre-built image serves it",
    "Export the model with a TensorFlow version the message lists (the newest one there at least as new as what the "
    "model needs), or serve it in a custom container that installs the exporting TensorFlow (tensorflow/serving at "
    "that version) and pass its serving_container_image_uri; upgrading google-cloud-aiplatform brings newer "
    "containers into its table when Vertex AI has them",
    "ValueError: No serving container for `tensorflow` version `2.21` with accelerator `cpu` found. Supported versions "
    "include 2.15, 2.14, 2.13, 2.12. To see the full list of prebuilt containers, visit …",
    [_vertex("helpers/container_uri_builders.py", 'f"No serving container for `{framework}` version '
             '`{framework_version}` "', 'f"with accelerator `{accelerator}` found. Supported versions "')])
add("FastAPI is not installed and is required to build model servers. Please install the SDK using `pip install "
    "\"google-cloud-aiplatform[prediction]>=1.16.0\"`.",
    r"FastAPI is not installed and is required to (?:build|run) model servers",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/prediction/handler.py, serializer.py, "
    "model_server.py (import of fastapi)", "custom_prediction_routine_error",
    "a custom prediction routine (aiplatform.prediction: a Predictor, a Handler, LocalModel.build_cpr_model) was "
    "used where the SDK's prediction extra is not installed: FastAPI, which its model server runs on, is missing",
    'Install the SDK with its prediction extra where the routine is built and in its requirements: pip install '
    '"google-cloud-aiplatform[prediction]>=1.16.0" (the container LocalModel.build_cpr_model builds installs it from '
    'requirements.txt)',
    "ImportError: FastAPI is not installed and is required to build model servers. Please install the SDK using "
    '`pip install "google-cloud-aiplatform[prediction]>=1.16.0"`.',
    [_vertex("prediction/handler.py", '"FastAPI is not installed and is required to build model servers. "'),
     _vertex("prediction/model_server.py", '"FastAPI is not installed and is required to run model servers. "')])

add("The parameter `serving_container_image_uri` is required if no `local_model` is provided.",
    r"The parameter [`'\"]serving_container_image_uri[`'\"] is required if no [`'\"]local_model[`'\"] is provided",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/models.py (Model.upload)", None,
    "aiplatform.Model.upload was given an artifact_uri but no serving container: Vertex AI needs the image that "
    "serves the model; not about the request or model",
    "Pass the serving image: serving_container_image_uri= a pre-built TensorFlow prediction container (aiplatform."
    "helpers.get_prebuilt_prediction_container_uri(framework='tensorflow', framework_version='2.15', "
    "accelerator='cpu') gives its URI) or your own image (tensorflow/serving built for the model's TensorFlow), or "
    "upload a LocalModel built with build_cpr_model",
    "ValueError: The parameter `serving_container_image_uri` is required if no `local_model` is provided.",
    [_vertex("models.py", '"The parameter `serving_container_image_uri` is required "',
             '"if no `local_model` is provided."')])
add("To get model explanation, `explanation_parameters` must be specified.",
    r"To get model explanation, [`'\"]explanation_parameters[`'\"] must be specified",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/utils/_explanation_utils.py "
    "(create_and_validate_explanation_spec)", None,
    "explanation_metadata was given without explanation_parameters (upload, deploy or batch prediction): the SDK "
    "needs both to set up explanations; not about the request or model",
    "Give explanation_parameters too, e.g. aiplatform.explain.ExplanationParameters({'sampled_shapley_attribution': "
    "{'path_count': 10}}) (or integrated_gradients_attribution / xrai_attribution for a differentiable model), or "
    "drop explanation_metadata if you do not want explanations",
    "ValueError: To get model explanation, `explanation_parameters` must be specified.",
    [_vertex("utils/_explanation_utils.py", '"To get model explanation, `explanation_parameters` must be specified."')])
add("Resource {resource_id} is not a valid resource id.",
    r"Resource (?P<resource>[^\s]{1,300}) is not a valid resource id",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/utils/__init__.py (validate_id)",
    "model_not_found",
    "the SDK could not read the endpoint / model name it was given as a resource: not its bare ID, nor a full "
    "name projects/P/locations/L/endpoints/ID (the location part missing, a display name, a typo)",
    "Name the resource as the SDK takes it: its numeric ID with project= and location= "
    "(aiplatform.Endpoint('1234567890', project='my-project', location='us-central1')), or its whole name "
    "projects/my-project/locations/us-central1/endpoints/1234567890; a display name needs Endpoint.list("
    "filter='display_name=\"…\"') first",
    "ValueError: Resource projects/my-project/endpoints/1234567890 is not a valid resource id.",
    [_vertex("utils/__init__.py", 'raise ValueError(f"Resource {resource_id} is not a valid resource id.")')])
add("The file implementing \"{class}\" must be in \"{src_dir}\".",
    r"The file implementing \"(?P<class_name>[\w.]{1,120})\" must be in \"(?P<path>[^\"\n]{1,300})\"",
    f"pypi google-cloud-aiplatform {AIPLATFORM_VERSION} google/cloud/aiplatform/utils/prediction_utils.py "
    "(inspect_source_from_class)", "custom_prediction_routine_error",
    "a custom prediction routine's Predictor (or Handler) class is defined outside the src_dir given to "
    "LocalModel.build_cpr_model: the container is built from that folder only",
    "Move the module that defines the class into src_dir (and import it from there), or give build_cpr_model the "
    "folder that holds it as src_dir; the container gets only src_dir's files and its requirements",
    'ValueError: The file implementing "TabPredictor" must be in "/tmp/v1/src".',
    [_vertex("utils/prediction_utils.py", "f'The file implementing \"{custom_class_name}\" must be in \"{src_dir}\".'")])

# ---- BentoML: services (1.2+) and IO descriptors
BENTO_ERROR = '{{"error":"1 validation error for {model}","detail":[{detail}]}}'
add("{n} validation error for {model} … {\"type\": \"missing\", \"loc\": [\"{field}\"], \"msg\": \"Field required\"}",
    rf"validation error for (?P<model>[\w.]{{1,80}}){Q}?, ?{key('detail')}: ?\[\{{{key('type')}: ?{key('missing')}, ?"
    rf"{key('loc')}: ?\[{Q}(?P<input>[^'\"\n]{{1,120}}){Q}\]",
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_APP, "ServiceAppFactory.api_endpoint_wrapper, with pydantic-core "
        "2.50.4's 'missing' error"), "input_keys_mismatch",
    "the JSON posted to a BentoML service's API has no key for one of the API method's parameters (the body's keys "
    "are the parameter names: TF Serving's {\"instances\": ...} or another name was sent)", BENTO_FIELDS_FIX,
    BENTO_ERROR.format(model="Input", detail='{"type":"missing","loc":["x"],"msg":"Field required"}'),
    [_bento(BENTO_APP, '"error": f"{exc.error_count()} validation error for {exc.title}"',
            '"detail": exc.errors(include_context=False, include_input=False)'),
     _pydantic("Field required", "missing")])
add("{n} validation error for {model} … {\"type\": \"json_invalid\", \"loc\": [], \"msg\": \"Invalid JSON: …\"}",
    rf"{key('type')}: ?{key('json_invalid')}, ?{key('loc')}: ?\[\], ?{key('msg')}: ?{Q}Invalid JSON: ?"
    r"(?P<detail>[^'\"\n]{0,120})",
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_APP, "ServiceAppFactory.api_endpoint_wrapper; _bentoml_impl/serde.py "
        "JSONSerde.deserialize_model (model_validate_json), with pydantic-core 2.50.4's 'json_invalid' error"),
    "json_parse_error",
    "the body posted to the service is not valid JSON: pydantic's parser says where (a trailing comma, single "
    "quotes, NaN)", BENTO_JSON_FIX,
    BENTO_ERROR.format(model="Input", detail='{"type":"json_invalid","loc":[],"msg":"Invalid JSON: trailing comma at '
                       'line 1 column 17"}'),
    [_bento("src/_bentoml_impl/serde.py", 'return cls.model_validate_json(b"".join(payload.data) or b"{}")'),
     _pydantic("Invalid JSON", "json_invalid")])
NUMPY_DTYPE_QUOTES = [_bento(BENTO_NUMPY, "msg = '%s: Expecting ndarray of dtype \"%s\", but \"%s\" was received.'",
                             "res = np.array(obj, dtype=self._dtype)", "res = np.array(obj)")]
STRINGS = r"(?:<U\d{1,6}|\|S\d{1,6}|object)"
"""numpy's name of a string (or object) array: what np.array makes of JSON strings the dtype could not parse."""
add("NumpyNdarray: Expecting ndarray of dtype \"{want}\", but \"<U…\" was received.",
    r"NumpyNdarray: ?Expecting ndarray of dtype \"(?P<want_dtype>(?:float|int|uint)\d{0,2}|double|half)\", but "
    rf"\"(?P<got_dtype>{STRINGS})\" was received",
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_NUMPY, "NumpyNdarray.from_http_request / validate_array"),
    "bytes_sent_to_numeric_input",
    "the request sent strings (numbers in quotes, base64 text) where the API's NumpyNdarray takes numbers: numpy "
    "could not parse them as the declared dtype and kept them as a string array",
    "Send numbers, not strings: json.dumps(x.astype(np.float32).tolist()) (no quotes around the values); decode "
    "images client-side, or declare the input as an Image / File IO descriptor",
    'bentoml.exceptions.BadInput: NumpyNdarray: Expecting ndarray of dtype "float32", but "<U12" was received.',
    NUMPY_DTYPE_QUOTES)
add("NumpyNdarray: Expecting ndarray of dtype \"{want}\", but \"{got}\" was received.",
    r"NumpyNdarray: ?Expecting ndarray of dtype \"(?P<want_dtype>[^\"\n]{1,40})\", but "
    rf"\"(?!{STRINGS}\")(?P<got_dtype>[^\"\n]{{1,40}})\" was received",
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_NUMPY, "NumpyNdarray.validate_array"), "dtype_mismatch",
    "the request's array does not cast to the dtype the API's NumpyNdarray(dtype=..., enforce_dtype=True) declares "
    "(floats for an integer array, a wider type than same_kind casting allows)",
    "Send values of the declared dtype (json.dumps(x.astype(np.int64).tolist()) for an int64 input), or declare the "
    "dtype the model takes",
    'bentoml.exceptions.BadInput: NumpyNdarray: Expecting ndarray of dtype "int64", but "float64" was received.',
    NUMPY_DTYPE_QUOTES)
add("An unexpected error has occurred, please check the server log.",
    lit("An unexpected error has occurred, please check the server log."),
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_APP, "ServiceAppFactory.api_endpoint_wrapper"), None,
    "BentoML's wrapper around an exception the service's API method (or the model it calls) raised: the answer hides "
    "it, and the server's log (bentoml serve's output, 'Exception on /<api> [POST]' with its traceback) holds it -- "
    "look for the message at the traceback's end, which says what failed", None,
    '{"error":"An unexpected error has occurred, please check the server log."}',
    [_bento(BENTO_APP, '"error": "An unexpected error has occurred, please check the server log."',
            "log_exception(request)")])
add("NumpyNdarray: Expecting ndarray of shape \"{want}\", but \"{got}\" was received.",
    rf"NumpyNdarray: ?Expecting ndarray of shape \"(?P<want_shape>{SHAPE})\", but \"(?P<got_shape>{SHAPE})\" was "
    r"received",
    src(BENTOML_REPO, BENTOML_COMMIT, BENTO_NUMPY, "NumpyNdarray.validate_array"), "input_shape_mismatch",
    "the request's array has another shape than the API's NumpyNdarray(shape=..., enforce_shape=True) declares",
    "Send an array of the declared shape (its first dimension the batch: [[...]] for one example); the service's "
    "/docs page shows the shape",
    'bentoml.exceptions.BadInput: NumpyNdarray: Expecting ndarray of shape "(1, 4)", but "(4,)" was received.',
    [_bento(BENTO_NUMPY, "msg = '%s: Expecting ndarray of shape \"%s\", but \"%s\" was received.'")], "rank")
add("Invalid JSON input received: {error}", r"Invalid JSON input received: ?(?P<detail>[^\n]{0,200})",
    src(BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/io_descriptors/json.py", "JSON.from_http_request"),
    "json_parse_error",
    "the body posted to the JSON IO descriptor is not valid JSON, or does not validate against its pydantic model",
    BENTO_JSON_FIX,
    "bentoml.exceptions.BadInput: Invalid JSON input received: Expecting ',' delimiter: line 1 column 15 (char 14)",
    [_bento("src/bentoml/_internal/io_descriptors/json.py", 'raise BadInput(f"Invalid JSON input received: {e}")')])
add("Tensorflow is required in order to use module 'bentoml.keras' … | 'tensorflow' is required in order to use "
    "module 'bentoml.tensorflow' …",
    r"['\"]?tensorflow['\"]? is required in order to use module ['\"]?bentoml\.(?P<module>keras|tensorflow)",
    src(BENTOML_REPO, BENTOML_COMMIT, "src/bentoml/_internal/frameworks/keras.py", "module import; "
        "frameworks/tensorflow.py likewise"), "local_env_python_mismatch",
    "bentoml.keras / bentoml.tensorflow was imported where TensorFlow is not installed (the service's image or "
    "environment lacks it)",
    "Install TensorFlow in the environment the service runs in (pip install tensorflow), and for a built Bento list "
    "it in the service's image / bentofile python packages so the container has it",
    "bentoml.exceptions.MissingDependencyException: Tensorflow is required in order to use module 'bentoml.keras', "
    "since BentoML uses Tensorflow as Keras backend. Install Tensorflow with 'pip install tensorflow'.",
    [_bento("src/bentoml/_internal/frameworks/keras.py", "\"Tensorflow is required in order to use module "
            "'bentoml.keras', since BentoML uses Tensorflow as Keras backend."),
     _bento("src/bentoml/_internal/frameworks/tensorflow.py", "\"'tensorflow' is required in order to use module "
            "'bentoml.tensorflow', install tensorflow with 'pip install tensorflow'.")])


# ------------------------------------------------------------------------------------------------ checks

@lru_cache(maxsize=None)
def wheel_text(name: str, version: str, member: str, fetch: bool = True) -> str | None:
    """The file ``member`` of the wheel of ``name==version`` as text (a shared library's bytes as latin-1, so every
    literal in it is a substring); the wheel is fetched once into WHEELS with ``pip download --no-deps`` (``fetch``),
    never installed.  None when it is not there and ``fetch`` is False."""
    stem = name.replace("-", "_").lower()
    have = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-")]
    if not have and not fetch:
        return None
    wheel = have[0] if have else _wheel(f"{name}=={version}", WHEELS, WHEEL_OPTIONS.get(name, ()))
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode("latin-1" if member.endswith(".so") else "utf-8")


def read_source(repo: str, commit: str, path: str, fetch: bool = True) -> str | None:
    """A quote's file: a ``pypi:NAME`` release's from its wheel, the others from their git mirrors (None when
    absent)."""
    if repo.startswith("pypi:"):
        return wheel_text(repo.split(":", 1)[1], commit, path, fetch)
    return mirror_text(repo, commit, path, WHO)


def check_quotes(fetch: bool = True) -> int:
    """Every row's pieces are in its source files (wheels are fetched when ``fetch``; mirrors not on this machine are
    skipped); returns how many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES, lambda repo, commit, path: read_source(repo, commit, path, fetch))


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sigcheck.explain.normalize import normalize

    for e in entries():
        ok = re.search(e["pattern"], normalize(e["example"]), re.I)
        print(f"{'' if ok else 'NO MATCH AFTER normalize: '}{e['category'] or '-':28} {e['template'][:100]}")
