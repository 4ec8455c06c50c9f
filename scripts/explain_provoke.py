"""Provoke the failures a sigcheck user meets and record their real error texts, with the known cause (issue #15).

    .venv/bin/python scripts/explain_provoke.py [--out tests/explain/data/provoked.jsonl] [--group NAME ...]

Every record is made by doing the wrong thing for real, with the installed TensorFlow / Keras and sigcheck's
TF-Serving-exact parts, never by writing a message by hand:

* ``rest``   — requests answered by ``sigcheck.serving.LocalServer`` (TF Serving's JSON codec, then the model run in
  its child process): the REST body ``{"error": "…"}`` exactly as TF Serving (and ``sigcheck predict``) sends it;
* ``grpc``   — a few of those failures as a Python gRPC client prints them (a loopback gRPC server answers with the
  status code and message TF Serving gives), and gRPC's own limits and deadlines on loopback;
* ``tf``     — TensorFlow's Python API and TF1 sessions (loading, signatures, kernels), the exception as a
  traceback's last line, or TensorFlow's C++ log line where that is what a user pastes;
* ``keras``  — Keras 3 (``model.predict``, ``load_model``);
* ``names``  — Python exceptions whose names tell the version the code, a pickle or a file was written for (a Keras 2
  module path, a TF1 API name or argument, a model file's suffix against the loader);
* ``levels`` — Keras 3's shape checks for a level missing or extra (a missing batch, a per-example shape, nesting).

Each group runs in its own process (a crash or a hang loses one group, not the run); the models a group needs are
built once, small, in a temporary folder (the committed fixtures in fixtures/models/ are used where they fit).
Paths in the texts read ``/home/user/work`` (the temporary folder) and ``/home/user/sigcheck`` (this checkout),
so a regeneration changes only what really changed (log lines still carry their time stamps).
Each record: ``id``, ``category`` (an id of CATEGORIES.md), ``cause`` (one sentence), ``how`` (what was done
wrong), ``error_text`` (verbatim), ``printed_by``, and ``fix_names`` (a regular expression that a fix naming this
cause matches: tests/explain/test_provoked.py measures ``sigcheck explain`` with it); REST records on a committed
fixture also carry ``model`` (its path in this checkout) and ``request`` (the body sent), for ``--model --request``.

The data is regenerated on demand only (``make explain-provoke``); the tests read the committed file.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "explain" / "data" / "provoked.jsonl"
FIXTURES = ROOT / "fixtures" / "models"
GROUP_TIMEOUT = 300

os.environ.setdefault("NO_GCE_CHECK", "true")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")


class NotRaised(Exception):
    """The wrong thing was done and nothing failed: no record (the run says so)."""


class Case:
    """One failure to provoke: its known cause, and how to provoke it."""

    def __init__(self, id: str, category: str, cause: str, how: str, fix_names: str,
                 provoke: Callable[[], tuple[str, str]]) -> None:
        self.id, self.category, self.cause, self.how, self.fix_names = id, category, cause, how, fix_names
        self.provoke = provoke  # -> (error_text, printed_by) or (error_text, printed_by, {"model", "request"})

    def record(self, work: Path) -> dict[str, Any]:
        text, printed_by, *more = self.provoke()
        for real, shown in ((str(work), "/home/user/work"), (str(ROOT), "/home/user/sigcheck")):
            text = text.replace(real, shown)  # (stable texts: the temporary folder and the checkout's path)
        return {"id": self.id, "category": self.category, "cause": self.cause, "how": self.how,
                "error_text": text, "printed_by": printed_by, "fix_names": self.fix_names, **(more[0] if more else {})}


# ---------------------------------------------------------------------------------------------------------------
# how the texts are taken


def exception_text(exc: BaseException, *, frames: int = 0) -> str:
    """What a user pastes from a Python traceback: the exception line(s) (``module.Type: message``), with the last
    ``frames`` lines of the traceback above them when asked."""
    only = ANSI.sub("", "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n"))
    if not frames:
        return only
    full = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    lines = ANSI.sub("", full).rstrip("\n").splitlines()
    tail = lines[: len(lines) - len(only.splitlines())][-frames:]
    return "\n".join(["Traceback (most recent call last):", *tail, only])


def raised(fn: Callable[[], Any], *, frames: int = 0) -> str:
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the exception is the datum
        return exception_text(exc, frames=frames)
    raise NotRaised("no exception")


ANSI = re.compile(r"\x1b\[[0-9;]*m")
"""Terminal colour codes (Keras bolds its messages): a user copies the rendered text, without them."""


class StderrCapture:
    """What TensorFlow's C++ logging writes to file descriptor 2 while the block runs."""

    def __enter__(self) -> "StderrCapture":
        sys.stderr.flush()
        self._file = tempfile.TemporaryFile()
        self._saved = os.dup(2)
        os.dup2(self._file.fileno(), 2)
        return self

    def __exit__(self, *exc: Any) -> None:
        sys.stderr.flush()
        os.dup2(self._saved, 2)
        os.close(self._saved)
        self._file.seek(0)
        self.text = self._file.read().decode("utf-8", "replace")
        self._file.close()


def log_line(fn: Callable[[], Any], needle: str) -> str:
    """TensorFlow's log line containing ``needle`` written while ``fn`` fails (the exception itself is dropped)."""
    for _ in range(3):  # (some lines are written by another thread, at most once a second: wait, and retry)
        time.sleep(1.1)
        with StderrCapture() as cap:
            try:
                fn()
            except Exception:  # noqa: BLE001
                pass
            time.sleep(0.5)
        lines = [ln for ln in cap.text.splitlines() if needle in ln]
        if lines:
            return lines[0]
    raise NotRaised(f"no log line with {needle!r}; stderr was: {cap.text[-500:]}")


def versions() -> str:
    import keras
    import tensorflow as tf

    return f"tensorflow {tf.__version__} / keras {keras.__version__}"


def context(model: str, body: bytes) -> dict[str, Any]:
    """The model (a committed fixture) and the request a REST record was provoked with, for ``explain --model
    --request``: only when both can be committed (a fixture, a body under 16 KiB)."""
    if not (FIXTURES / model).exists() or len(body) > 16384:
        return {}
    return {"model": f"fixtures/models/{model}", "request": body.decode("utf-8", "replace")}


# ---------------------------------------------------------------------------------------------------------------
# the rest group: sigcheck's TF-Serving-exact codec and LocalServer (`sigcheck predict`)


def rest_cases(work: Path) -> Iterator[Case]:
    from sigcheck.serving import LocalServer

    servers: dict[str, LocalServer] = {}

    def server(name: str) -> LocalServer:
        if name not in servers:
            location = str(FIXTURES / name) if (FIXTURES / name).exists() else str(work / name)
            servers[name] = LocalServer(location, allow_unsafe_ops=True, timeout=120)
        return servers[name]

    def body_of(model: str, request: Any) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            data = request if isinstance(request, bytes) else json.dumps(request).encode()
            answer = server(model).predict(data, explain=False)
            if answer.ok:
                raise NotRaised(f"{model} answered 200: {answer.body[:200]}")
            if answer.crash is not None:
                raise NotRaised(f"{model} crashed: {answer.crash.message}")
            stage = "TF Serving codec" if answer.stage == "request" else f"model run in TF {tf_version()}"
            return (answer.body, f"sigcheck predict (TF Serving REST, {stage}: the {answer.http_status} body)",
                    context(model, data))
        return provoke

    def examples_of(model: str, api: str, request: Any) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            from sigcheck.serving.classify import answer_examples

            srv = server(model)
            answer = answer_examples(srv.info, lambda: srv.model, json.dumps(request).encode(), api, explain=False)
            if answer.ok or answer.crash is not None:
                raise NotRaised(f"{model} :{api} answered {answer.http_status}: {answer.body[:200]}")
            return answer.body, f"sigcheck predict --api {api} (TF Serving REST :{api}: the {answer.http_status} body)"
        return provoke

    img = [[[0.5] * 3] * 150] * 150  # one 150x150x3 image
    yield from [
        # -- the JSON layer (decode_request: TF Serving's exact message, no model run)
        Case("rest-bad-json-trailing-comma", "json_parse_error", "The body is not valid JSON (a trailing comma).",
             "POST {\"instances\": [[1.0, 2.0, 3.0],]} to :predict", r"json",
             body_of("module_multi", b'{"instances": [[1.0, 2.0, 3.0],]}')),
        Case("rest-bad-json-single-quotes", "json_parse_error", "The body is a Python dict's repr, not JSON.",
             "POST str(dict) (single quotes) instead of json.dumps(dict)", r"json",
             body_of("module_multi", b"{'instances': [[1.0, 2.0, 3.0]]}")),
        Case("rest-bad-json-nan", "json_parse_error", "The body holds a bare NaN token from a custom serializer.",
             "POST {\"instances\": [[NaN, 1, 2]]}", r"json|nan",
             body_of("module_multi", b'{"instances": [[nan, 1.0, 2.0]]}')),
        Case("rest-bad-json-cut-short", "json_parse_error", "The body was cut short (a client buffer or a shell "
             "argument limit truncated it).", "POST the first 30 bytes of a valid body", r"json|cut|truncat|complete",
             body_of("module_multi", b'{"instances": [[1.0, 2.0, 3.0], [4.0, 5.')),
        Case("rest-empty-body", "json_parse_error", "The POST had an empty body (the payload was never attached).",
             "requests.post(url) without json=/data=", r"json|empty|body",
             body_of("module_multi", b"")),
        Case("rest-form-encoded", "json_parse_error", "The body was form-encoded (requests' data=dict) instead of "
             "JSON.", "requests.post(url, data={'instances': [1.0, 2.0, 3.0]})", r"json",
             body_of("module_multi", b"instances=1.0&instances=2.0&instances=3.0")),
        Case("rest-double-encoded-json", "instances_key_missing", "The body is a JSON string holding the JSON "
             "(json.dumps applied twice), not an object.", "requests.post(url, json=json.dumps(payload))",
             r"\"?instances\"?|object|twice|once",
             body_of("module_multi", json.dumps(json.dumps({"instances": [[1.0, 2.0, 3.0]]})).encode())),
        Case("rest-both-keys", "instances_key_missing", "The body has both \"instances\" and \"inputs\".",
             "POST {\"instances\": [...], \"inputs\": [...]}", r"never both|not both|one of|either",
             body_of("module_multi", {"instances": [[1.0, 2.0, 3.0]], "inputs": [[1.0, 2.0, 3.0]]})),
        Case("rest-no-key", "instances_key_missing", "The body has neither \"instances\" nor \"inputs\".",
             "POST {\"data\": [[1.0, 2.0, 3.0]]}", r"\"?instances\"?",
             body_of("module_multi", {"data": [[1.0, 2.0, 3.0]]})),
        Case("rest-bare-list", "instances_key_missing", "The body is a bare JSON list, not an object.",
             "POST [[1.0, 2.0, 3.0]]", r"\"?instances\"?",
             body_of("module_multi", [[1.0, 2.0, 3.0]])),
        Case("rest-empty-instances", "empty_instances", "The instances list is empty.",
             "POST {\"instances\": []}", r"at least one|empty",
             body_of("module_multi", {"instances": []})),
        Case("rest-ragged-rows", "ragged_instances", "Instances have different lengths for the same input.",
             "POST {\"instances\": [[1.0, 2.0, 3.0], [1.0, 2.0]]}", r"pad|same length|same shape",
             body_of("module_multi", {"instances": [[1.0, 2.0, 3.0], [1.0, 2.0]]})),
        Case("rest-ragged-named", "ragged_instances", "Named rows hold lists of different lengths.",
             "POST rows {\"x\": [..3..]} and {\"x\": [..2..]}", r"pad|same length|same shape",
             body_of("module_multi", {"instances": [{"x": [1.0, 2.0, 3.0]}, {"x": [1.0, 2.0]}]})),
        Case("rest-columnar-ragged", "ragged_instances", "The columnar \"inputs\" list holds rows of different "
             "lengths.", "POST {\"inputs\": {\"x\": [[1, 2, 3], [1, 2]]}}", r"pad|same length|same shape",
             body_of("module_multi", {"inputs": {"x": [[1.0, 2.0, 3.0], [1.0, 2.0]]}})),
        Case("rest-row-extra-key", "input_keys_mismatch", "Row objects carry a key (an id) that is not one of the "
             "signature's inputs.", "POST rows {age, hours, occupation, id} to a signature with age/hours/occupation",
             r"\bid\b|age.*hours.*occupation|keys",
             body_of("keras_tabular", {"instances": [{"age": [39.0], "hours": [40], "occupation": ["x"], "id": [7]}]})),
        Case("rest-instances-object", "instances_key_missing", "\"instances\" holds an object (the columnar form) "
             "instead of a list.", "POST {\"instances\": {\"x\": [[1, 2, 3]]}}", r"\"?inputs\"?|list",
             body_of("module_multi", {"instances": {"x": [[1.0, 2.0, 3.0]]}})),
        Case("rest-bool-to-float", "dtype_mismatch", "JSON booleans were sent to a DT_FLOAT input.",
             "POST {\"instances\": [[true, false, true]]}", r"float|number|1\.0|0\.0",
             body_of("module_multi", {"instances": [[True, False, True]]})),
        Case("rest-int64-out-of-range", "dtype_mismatch", "A number beyond int64's range was sent to a DT_INT64 "
             "input.", "POST {\"hours\": [1e20]} to an int64 input",
             r"range|too (large|big)|overflow|exceeds|9223372036854775807",
             body_of("keras_tabular", {"instances": [{"age": [39.0], "hours": [1e20], "occupation": ["x"]}]})),
        Case("rest-b64-no-wrapper", "base64_encoding", "A base64 string was sent as plain text to an encoded-image "
             "input (without the {\"b64\": ...} wrapper), so the decoder gets base64 text.",
             "POST {\"instances\": [base64_string]} to a DecodeImage input", r"b64|base64|wrap",
             body_of("module_multi", {"signature_name": "image_bytes", "instances": [
                 base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").decode()]})),
        Case("rest-string-to-float", "dtype_mismatch", "A string was sent to a DT_FLOAT input.",
             "POST {\"instances\": [[\"1.0\", \"2.0\", \"3.0\"]]} (numbers quoted)", r"float|number|quot",
             body_of("module_multi", {"instances": [["1.0", "2.0", "3.0"]]})),
        Case("rest-word-to-float", "bytes_sent_to_numeric_input", "A category word was sent to a DT_FLOAT input.",
             "POST {\"age\": \"senior\"} to a float input", r"float|number|encode",
             body_of("keras_tabular", {"instances": [{"age": ["senior"], "hours": [40], "occupation": ["x"]}]})),
        Case("rest-float-to-int64", "dtype_mismatch", "A fractional number was sent to a DT_INT64 input.",
             "POST {\"hours\": [40.5]} to an int64 input", r"int64|integer|round",
             body_of("keras_tabular", {"instances": [{"age": [39.0], "hours": [40.5], "occupation": ["x"]}]})),
        Case("rest-number-to-string", "dtype_mismatch", "A number was sent to a DT_STRING input.",
             "POST {\"occupation\": [3]} to a string input", r"string|quot",
             body_of("keras_tabular", {"instances": [{"age": [39.0], "hours": [40], "occupation": [3]}]})),
        Case("rest-b64-to-float", "bytes_sent_to_numeric_input", "A {\"b64\": ...} value was sent to a float input.",
             "POST {\"instances\": [{\"b64\": \"...\"}]} to a DT_FLOAT image input", r"b64|bytes|float",
             body_of("keras_image", {"instances": [{"b64": base64.b64encode(b"\xff\xd8\xff\xe0jpeg").decode()}]})),
        Case("rest-int-to-bool", "dtype_mismatch", "1 was sent to a DT_BOOL input.",
             "POST {\"flag\": 1} to a bool input", r"true|bool",
             body_of("module_multi", {"signature_name": "uint8_bool",
                                      "instances": [{"pixels": [1, 2, 3, 4], "flag": 1}]})),
        Case("rest-null-value", "dtype_mismatch", "A null was sent in a float input's values.",
             "POST {\"instances\": [[1.0, null, 3.0]]}", r"null|nan|missing",
             body_of("module_multi", {"instances": [[1.0, None, 3.0]]})),
        Case("rest-row-missing-input", "input_keys_mismatch", "A row object lacks one of the signature's inputs.",
             "POST rows without \"hours\" to a model with age/hours/occupation", r"hours",
             body_of("keras_tabular", {"instances": [{"age": [39.0], "occupation": ["x"]}]})),
        Case("rest-row-wrong-name", "input_keys_mismatch", "A row object uses a name the signature does not have.",
             "POST rows keyed \"input_1\" to a signature whose input is \"x\"", r"input_1|\bx\b",
             body_of("module_multi", {"instances": [{"input_1": [1.0, 2.0, 3.0]}]})),
        Case("rest-columnar-wrong-name", "input_keys_mismatch", "The \"inputs\" object names an input that is not "
             "in the signature.", "POST {\"inputs\": {\"input_1\": [[1, 2, 3]]}} to a signature with input x",
             r"(missing|lacks|expects|requires|needs|without|takes|also send)\W+(\w+\W+){0,6}x\b",
             body_of("module_multi", {"inputs": {"input_1": [[1.0, 2.0, 3.0]]}})),
        Case("rest-columnar-missing-input", "input_keys_mismatch", "The \"inputs\" object lacks one of the "
             "signature's inputs.", "POST {\"inputs\": {\"age\": .., \"occupation\": ..}} without hours",
             r"(missing|lacks|expects|requires|needs|without|takes|also send)\W+(\w+\W+){0,6}hours\b",
             body_of("keras_tabular", {"inputs": {"age": [[39.0]], "occupation": [["x"]]}})),
        Case("rest-list-to-multi-input", "input_keys_mismatch", "A plain list was sent to a signature with several "
             "named inputs.", "POST {\"instances\": [[39.0, 40, \"x\"]]} to age/hours/occupation",
             r"age|hours|occupation|named",
             body_of("keras_tabular", {"instances": [[39.0, 40, "x"]]})),
        Case("rest-signature-typo", "signature_not_found", "The request's signature_name is not in the model.",
             "POST {\"signature_name\": \"serving_defualt\", ...}", r"signature",
             body_of("module_multi", {"signature_name": "serving_defualt", "instances": [[1.0, 2.0, 3.0]]})),
        Case("rest-no-serving-default", "signature_not_found", "The model has no serving_default and the request "
             "names no signature.", "POST without signature_name to a model with only 'predict' and 'embed'",
             r"signature",
             body_of("module_no_default", {"instances": [[1.0, 2.0, 3.0]]})),
        Case("rest-b64-bad-alphabet", "base64_encoding", "The b64 value is web-safe base64 (- and _), which TF "
             "Serving's decoder refuses.", "POST {\"b64\": base64.urlsafe_b64encode(...)}", r"base64|b64",
             body_of("module_multi", {"signature_name": "echo_bytes",
                                      "instances": [{"b64": base64.urlsafe_b64encode(b"\xfb\xff\xfe").decode()}]})),
        Case("rest-b64-data-url", "base64_encoding", "The b64 value keeps its data: URL prefix.",
             "POST {\"b64\": \"data:image/png;base64,iVBOR...\"}", r"base64|b64|data:",
             body_of("module_multi", {"signature_name": "image_bytes",
                                      "instances": [{"b64": "data:image/png;base64,iVBORw0KGgo="}]})),
        # -- the model run (LocalServer's child: TF Serving's session run of the signature)
        Case("rest-image-missing-batch", "missing_batch_dimension", "One 150x150x3 image was sent as the instances "
             "list, so each row is [150,3] and the conv sees rank 3.", "POST {\"instances\": image.tolist()}",
             r"batch|one (example|image|instance) per|\[150, ?150, ?3\]",
             body_of("keras_image", {"instances": img})),
        Case("rest-image-extra-level", "extra_batch_dimension", "The image was wrapped in one list too many, so "
             "each instance is [1,150,150,3].", "POST {\"instances\": [np.expand_dims(image, 0).tolist()]}",
             r"extra|level|bracket|nest",
             body_of("keras_image", {"instances": [[img]]})),
        Case("rest-image-gray", "input_shape_mismatch", "A one-channel image was sent to a 3-channel conv.",
             "POST 150x150x1 images to a 150x150x3 model", r"channel|gray|\[150, ?150, ?3\]",
             body_of("keras_image", {"instances": [[[[0.5]] * 150] * 150]})),
        Case("rest-dense-too-many-features", "input_shape_mismatch", "4 features were sent to a Dense layer "
             "that takes 3.", "POST {\"instances\": [[1, 2, 3, 4]]} to x (-1,3)", r"feature|\b3\b|width",
             body_of("module_multi", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-dense-flat-row", "missing_batch_dimension", "One example's 3 features were sent as three "
             "instances, so each instance is a scalar.", "POST {\"instances\": [1.0, 2.0, 3.0]}",
             r"batch|one (example|instance) per|\[\[|level of brackets|\[x\.tolist\(\)\]",
             body_of("module_multi", {"instances": [1.0, 2.0, 3.0]})),
        Case("rest-dense-extra-level", "extra_batch_dimension", "Each instance was wrapped in an extra list.",
             "POST {\"instances\": [[[1.0, 2.0, 3.0]]]}", r"extra|level|bracket|nest",
             body_of("module_multi", {"instances": [[[1.0, 2.0, 3.0]]]})),
        Case("rest-keras-unnamed-features", "input_shape_mismatch", "3 features sent to a Keras Dense model "
             "taking 4.", "POST [[1, 2, 3]] to keras_tensor (-1,4)", r"feature|\b4\b|width",
             body_of("keras_unnamed", {"instances": [[1.0, 2.0, 3.0]]})),
        Case("rest-tf1-learning-phase", "keras_learning_phase", "The TF1 Keras graph reads an unfed "
             "keras_learning_phase placeholder.", "POST a valid request to a TF1 Keras export with the "
             "learning phase left in", r"learning.phase",
             body_of("tf1_learning_phase", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-tf1-keep-prob", "unfed_placeholder", "The graph reads an unfed keep_prob placeholder.",
             "POST a valid request to a TF1 graph whose dropout keep_prob is a placeholder", r"keep_prob",
             body_of("tf1_keep_prob", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-tf1-is-training", "unfed_placeholder", "The graph reads an unfed is_training placeholder.",
             "POST a valid request to a TF1 batch-norm graph with an is_training placeholder", r"is_training",
             body_of("tf1_is_training", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-keras3-tf-save", "variables_not_restored", "A Keras 3 model written with tf.saved_model.save "
             "is loaded in a session (as TF Serving does) and its variables are never restored.",
             "serve a Keras 3 model saved with tf.saved_model.save(model, path)",
             r"model\.export|saved_model\.save|restor",
             body_of("keras3_tf_save", {"instances": [[1.0, 2.0, 3.0]]})),
        Case("rest-image-bytes-not-image", "encoded_image_string_mismatch", "The b64 bytes sent to an encoded-"
             "image input are not a JPEG/PNG.", "POST {\"b64\": base64(b\"hello\")} to a DecodeImage input",
             r"jpe?g|png|image",
             body_of("module_multi", {"signature_name": "image_bytes",
                                      "instances": [{"b64": base64.b64encode(b"hello world").decode()}]})),
        Case("rest-image-bytes-double-b64", "base64_encoding", "The image bytes were base64-encoded twice, so the "
             "decoder gets base64 text, not a JPEG.", "POST {\"b64\": base64(base64(jpeg))} to a DecodeImage input",
             r"base64|b64|twice|double",
             body_of("module_multi", {"signature_name": "image_bytes", "instances": [{"b64": base64.b64encode(
                 base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")).decode()}]})),
        Case("rest-image-bytes-pixels", "encoded_image_string_mismatch", "Decoded pixel arrays were sent to an "
             "encoded-image string input.", "POST [[[0.1,0.2,0.3],...]] to image_bytes (DT_STRING)",
             r"jpe?g|png|b64|encoded",
             body_of("module_multi", {"signature_name": "image_bytes", "instances": [[[0.1, 0.2, 0.3]]]})),
        Case("rest-scalar-input-rows", "scalar_input", "Two instances sent in row format to a signature whose input "
             "is a scalar.", "POST {\"instances\": [1.0, 2.0]} to a rank-0 input", r"scalar|rank.0|\"inputs\"",
             body_of("module_multi", {"signature_name": "scalar_input", "instances": [1.0, 2.0]})),
        Case("rest-half-output", "dtype_unsupported_half", "The signature's output is DT_HALF (float16), which TF "
             "Serving's JSON writer cannot write.", "POST a valid request to a signature with a float16 output",
             r"half|float16|float32",
             body_of("module_multi", {"signature_name": "half_output", "instances": [[1.0, 2.0, 3.0]]})),
        Case("rest-scalar-to-vector", "input_shape_mismatch", "A scalar value per instance was sent to an input "
             "of 3 features.", "POST {\"instances\": [{\"x\": 1.0}]} to x (-1,3)", r"feature|\b3\b|width",
             body_of("module_multi", {"instances": [{"x": 1.0}]})),
        # -- models built by the build group
        Case("rest-half-input", "dtype_unsupported_half", "The signature's input is DT_HALF (float16), which TF "
             "Serving's JSON decoder cannot fill.", "POST {\"instances\": [[1.0, 2.0]]} to a float16 input",
             r"half|float16|float32",
             body_of("half_input", {"instances": [[1.0, 2.0]]})),
        Case("rest-sparse-output", "sparse_output_in_signature", "A SparseTensor is one of the signature's "
             "outputs: its TensorInfo has no name, so the session is asked to fetch ':0'.",
             "POST a valid request to a TF1 export with tf.sparse.from_dense(...) among the signature outputs",
             r"sparse|to_dense", body_of("sparse_output", {"instances": [[1.0, 0.0, 3.0, 4.0]]})),
        Case("rest-input-as-output", "input_output_same_tensor", "The signature maps its input x to an output as "
             "well, so the same tensor is fed and fetched.", "POST a valid request to a signature whose outputs "
             "include the input placeholder", r"identity|same tensor|both fed and fetched",
             body_of("input_as_output", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-table-not-initialized", "initializer_missing_in_export", "The TF1 export has a lookup table "
             "but no main_op, so the table is never initialized when the model loads.",
             "POST words to a TF1 SavedModel written without main_op=tf.tables_initializer()",
             r"initiali[sz]|main_op|tables_initializer",
             body_of("table_no_init", {"instances": ["a", "b"]})),
        Case("rest-conv-too-small", "input_shape_mismatch", "A 3x3 image is smaller than the model's 5x5 VALID "
             "convolution window.", "POST 3x3x3 images to a conv model that needs at least 5x5",
             r"resize|too small|smaller than|at least",
             body_of("conv_any_size", {"instances": [[[[0.5] * 3] * 3] * 3]})),
        Case("rest-flat-pixels-wrong-count", "input_shape_mismatch", "100 pixels were sent to a model that "
             "reshapes its input to 28x28x1 (784 values).", "POST 100 values per instance to pixels (-1,784)",
             r"784|28",
             body_of("mnist_reshape", {"instances": [[0.5] * 100]})),
        Case("rest-hardcoded-reshape", "model_graph_shape_bug", "The graph reshapes its 12 features with "
             "hard-coded sizes (-1,5,2) that do not fit; the request is right.",
             "POST a correct request (12 features) to a graph with a wrong constant reshape",
             r"hard.coded|constant|export code|graph",
             body_of("hardcoded_reshape", {"instances": [[0.5] * 12]})),
        Case("rest-reshape-batch-one", "fixed_batch_size_in_graph", "The graph reshapes its input to a batch of "
             "1, so a request with two instances fails.", "POST two instances to a graph with tf.reshape(x, [1, 4])",
             r"batch",
             body_of("reshape_batch_one", {"instances": [[1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-example-raw-string", "serialized_example_input_expected", "The signature parses serialized "
             "tf.Example protos and the request sends plain strings.", "POST {\"instances\": [\"age=39\"]} to a "
             "ParseExample signature", r"example",
             body_of("parse_example", {"instances": ["age=39"]})),
        Case("rest-example-raw-number", "serialized_example_input_expected", "The signature takes serialized "
             "tf.Example protos and the request sends raw feature values.", "POST {\"instances\": [39.0]} to a "
             "ParseExample signature", r"example",
             body_of("parse_example", {"instances": [39.0]})),
        Case("rest-example-raw-features", "serialized_example_input_expected", "The signature takes one input of "
             "serialized tf.Example protos and the request sends the features by name.",
             "POST {\"instances\": [{\"age\": 39.0}]} to a ParseExample signature (input: examples)",
             r"example",
             body_of("parse_example", {"instances": [{"age": 39.0}]})),
        Case("rest-inputs-batch-differs", "batch_size_mismatch_between_inputs", "The two named inputs were sent "
             "with different batch sizes (1 and 2).", "POST {\"inputs\": {\"a\": [[1, 2]], \"b\": [[1, 2], [3, 4]]}}",
             r"batch|same (number|size)|leading",
             body_of("concat_inputs", {"inputs": {"a": [[1.0, 2.0]], "b": [[1.0, 2.0], [3.0, 4.0]]}})),
        Case("rest-scalar-output-rows", "output_batch_dimension", "An output (a sum over the batch) has no batch "
             "dimension, so the row-format answer cannot be split per instance.",
             "POST {\"instances\": [...]} to a signature with a scalar output", r"batch|\"inputs\"|columnar",
             body_of("scalar_output", {"instances": [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]})),
        Case("rest-output-batch-differs", "output_batch_dimension", "One output keeps only the first example "
             "(batch 1), so the row-format answer for 2 instances cannot be split per instance.",
             "POST two instances to a signature with an output x[:1]", r"batch|\"inputs\"|columnar",
             body_of("first_row_output", {"instances": [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]})),
        Case("rest-lookup-number-for-word", "dtype_mismatch", "Numbers were sent to a string vocabulary input.",
             "POST {\"instances\": [3]} to a lookup table's DT_STRING input", r"string|quot",
             body_of("lookup_table", {"instances": [3]})),
        Case("rest-two-unfed-placeholders", "unfed_placeholder", "The graph reads unfed dropout_rate and "
             "is_training placeholders.", "POST a valid request to a TF1 graph with training placeholders",
             r"dropout_rate|is_training",
             body_of("tf1_dropout_rate", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("rest-classify-on-predict", "wrong_api_or_input_format", "A :classify request was sent to a model "
             "whose signature is a predict signature.", "POST {\"examples\": [...]} to :classify on a Keras export",
             r"predict|classif",
             examples_of("keras_tabular", "classify",
                         {"examples": [{"age": 39.0, "hours": 40, "occupation": "x"}]})),
        Case("rest-regress-on-predict", "wrong_api_or_input_format", "A :regress request was sent to a model whose "
             "signature is a predict signature.", "POST {\"examples\": [...]} to :regress on a tf.Module export",
             r"predict|regress",
             examples_of("module_multi", "regress", {"examples": [{"x": [1.0, 2.0, 3.0]}]})),
        Case("rest-classify-instances", "wrong_api_or_input_format", "A :predict-style body (instances) was sent "
             "to :classify.", "POST {\"instances\": [...]} to :classify", r"examples|predict",
             examples_of("parse_example", "classify", {"instances": [{"age": 39.0}]})),
    ]
    for s in servers.values():
        s.close()


_TF: str | None = None


def tf_version() -> str:
    global _TF
    if _TF is None:
        from importlib.metadata import version

        _TF = version("tensorflow")
    return _TF


# ---------------------------------------------------------------------------------------------------------------
# the build group: the few small models the other groups need beyond the committed fixtures


def build_models(work: Path) -> None:
    """Write small SavedModels under ``work`` (each a TF Serving base path ``work/<name>/1``)."""
    import numpy as np
    import tensorflow as tf

    def save(name: str, module: tf.Module, signatures: dict[str, Any]) -> None:
        tf.saved_model.save(module, str(work / name / "1"), signatures=signatures)

    rng = np.random.default_rng(0)

    class Conv(tf.Module):  # any image size: a 5x5 VALID conv, then global pooling
        def __init__(self) -> None:
            self.k = tf.Variable(rng.normal(size=(5, 5, 3, 4)).astype("float32"))

        @tf.function(input_signature=[tf.TensorSpec([None, None, None, 3], tf.float32, name="image")])
        def __call__(self, image: tf.Tensor) -> dict[str, tf.Tensor]:
            h = tf.nn.conv2d(image, self.k, strides=1, padding="VALID")
            return {"features": tf.reduce_mean(h, axis=[1, 2])}

    m = Conv()
    save("conv_any_size", m, {"serving_default": m.__call__})

    class Mnist(tf.Module):  # the flat 784 pixels reshaped to 28x28x1 inside the graph
        def __init__(self) -> None:
            self.k = tf.Variable(rng.normal(size=(3, 3, 1, 2)).astype("float32"))

        @tf.function(input_signature=[tf.TensorSpec([None, 784], tf.float32, name="pixels")])
        def __call__(self, pixels: tf.Tensor) -> dict[str, tf.Tensor]:
            img = tf.reshape(pixels, [-1, 28, 28, 1])
            return {"logits": tf.reduce_mean(tf.nn.conv2d(img, self.k, 1, "SAME"), axis=[1, 2])}

    m = Mnist()
    save("mnist_reshape", m, {"serving_default": m.__call__})

    class BadReshape(tf.Module):  # 12 features, reshaped with a hard-coded 5x2 (a bug of the export code)
        @tf.function(input_signature=[tf.TensorSpec([None, 12], tf.float32, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": tf.reduce_sum(tf.reshape(x, [-1, 5, 2]), axis=2)}

    m = BadReshape()
    save("hardcoded_reshape", m, {"serving_default": m.__call__})

    class BatchOne(tf.Module):  # the signature takes any batch, the graph reshapes to a batch of 1
        @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": tf.reshape(x, [1, 4]) * 2.0}

    m = BatchOne()
    save("reshape_batch_one", m, {"serving_default": m.__call__})

    class Parse(tf.Module):  # serialized tf.Example in, as build_parsing_serving_input_receiver_fn exports
        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="examples")])
        def __call__(self, examples: tf.Tensor) -> dict[str, tf.Tensor]:
            f = tf.io.parse_example(examples, {"age": tf.io.FixedLenFeature([1], tf.float32)})
            return {"scores": f["age"] * 2.0}

    m = Parse()
    save("parse_example", m, {"serving_default": m.__call__})

    class Two(tf.Module):  # two inputs concatenated on the feature axis
        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32, name="a"),
                                      tf.TensorSpec([None, 2], tf.float32, name="b")])
        def __call__(self, a: tf.Tensor, b: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": tf.concat([a, b], axis=1)}

    m = Two()
    save("concat_inputs", m, {"serving_default": m.__call__})

    class Summed(tf.Module):  # a per-example output and a scalar output without the batch dimension
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": x * 2.0, "total": tf.reduce_sum(x)}

    m = Summed()
    save("scalar_output", m, {"serving_default": m.__call__})

    class FirstRow(tf.Module):  # a per-example output and one that keeps only the first example
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": x * 2.0, "first": x[:1]}

    m = FirstRow()
    save("first_row_output", m, {"serving_default": m.__call__})

    class Lookup(tf.Module):  # a string vocabulary table looked up with the input
        def __init__(self) -> None:
            init = tf.lookup.KeyValueTensorInitializer(tf.constant(["a", "b"]), tf.constant([0, 1], tf.int64))
            self.table = tf.lookup.StaticHashTable(init, default_value=-1)

        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="word")])
        def __call__(self, word: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"id": self.table.lookup(word)}

        @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="x")])
        def unrelated(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": x * 2.0}

    m = Lookup()
    save("lookup_table", m, {"serving_default": m.__call__})

    class Half(tf.Module):  # a float16 input
        @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float16, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": tf.cast(x, tf.float32) * 2.0}

    m = Half()
    save("half_input", m, {"serving_default": m.__call__})

    class AnyRank(tf.Module):  # an output whose rank is unknown when exported
        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
        def __call__(self, x: tf.Tensor) -> dict[str, tf.Tensor]:
            return {"y": tf.reshape(x, tf.boolean_mask(tf.shape(x), tf.shape(x) > 1))}

    m = AnyRank()
    save("unknown_rank_output", m, {"serving_default": m.__call__})

    v1 = tf.compat.v1
    # a vocabulary table whose initializer is not exported as the main op (TF1 Builder without main_op)
    g = tf.Graph()
    with g.as_default():
        words = v1.placeholder(tf.string, [None], name="words")
        table = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(tf.constant(["a", "b"]), tf.constant([0, 1], tf.int64)), -1)
        ids = tf.identity(table.lookup(words), name="ids")
        with v1.Session(graph=g) as sess:
            builder = v1.saved_model.Builder(str(work / "table_no_init" / "1"))
            sig = v1.saved_model.predict_signature_def({"words": words}, {"ids": ids})
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
            builder.save()

    def tf1_model(name: str, outputs: Callable[[Any], dict[str, Any]]) -> None:
        """A TF1 graph x (-1,4) -> ``outputs(x)`` written with the compat.v1 Builder; sparse outputs allowed."""
        g = tf.Graph()
        with g.as_default():
            x = v1.placeholder(tf.float32, [None, 4], name="x")
            outs = outputs(x)
            with v1.Session(graph=g) as sess:
                builder = v1.saved_model.Builder(str(work / name / "1"))
                sig = v1.saved_model.predict_signature_def({"x": x}, {"y": tf.identity(x * 2.0, name="y")})
                for key, tensor in outs.items():  # (build_tensor_info writes a SparseTensor's coo_sparse, no name)
                    sig.outputs[key].CopyFrom(v1.saved_model.utils.build_tensor_info(tensor))
                builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
                builder.save()

    tf1_model("sparse_output", lambda x: {"nonzero": tf.sparse.from_dense(tf.nn.relu(x))})
    tf1_model("input_as_output", lambda x: {"x_echo": x})

    # an op no TensorFlow registers: a graph written with compat.v1, its op renamed afterwards
    g = tf.Graph()
    with g.as_default():
        v1 = tf.compat.v1
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        y = tf.identity(tf.nn.relu(x, name="custom"), name="y")
        with v1.Session(graph=g) as sess:
            builder = v1.saved_model.Builder(str(work / "made_up_op" / "1"))
            sig = v1.saved_model.predict_signature_def({"x": x}, {"y": y})
            builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={"serving_default": sig})
            builder.save()
    from tensorflow.core.protobuf import saved_model_pb2

    pb = work / "made_up_op" / "1" / "saved_model.pb"
    sm = saved_model_pb2.SavedModel.FromString(pb.read_bytes())
    for node in sm.meta_graphs[0].graph_def.node:
        if node.name == "custom":
            node.op = "FancyActivation"
    pb.write_bytes(sm.SerializeToString())


def build_cases(work: Path) -> Iterator[Case]:
    build_models(work)
    return iter(())


# ---------------------------------------------------------------------------------------------------------------
# the tf group: TensorFlow's Python API and TF1 sessions, as a user's own script meets them


def tf_cases(work: Path) -> Iterator[Case]:
    import numpy as np
    import tensorflow as tf

    v1 = tf.compat.v1
    by = versions() + " (Python exception, last line of the traceback)"
    by_log = versions() + " (TensorFlow's C++ log line on stderr)"
    by_tb = versions() + " (Python traceback, last lines)"

    def exc(fn: Callable[[], Any], *, frames: int = 0) -> Callable[[], tuple[str, str]]:
        return lambda: (raised(fn, frames=frames), by_tb if frames else by)

    def log(fn: Callable[[], Any], needle: str) -> Callable[[], tuple[str, str]]:
        return lambda: (log_line(fn, needle), by_log)

    def fixture(name: str) -> str:
        return str(FIXTURES / name / "1")

    def session_run(model: str, feeds: dict[str, Any], *, tags: Any = ("serve",), fetch: str = "y") -> None:
        with tf.Graph().as_default(), v1.Session() as sess:
            meta = v1.saved_model.loader.load(sess, list(tags) if not isinstance(tags, str) else tags, model)
            sig = meta.signature_def["serving_default"]
            feed = {sig.inputs[k].name: v for k, v in feeds.items()}
            sess.run(sig.outputs[fetch].name, feed_dict=feed)

    def call_signature(model: str, name: str = "serving_default", *args: Any, **kwargs: Any) -> Any:
        loaded = tf.saved_model.load(model)
        return loaded.signatures[name](*args, **kwargs)

    # a tf.function saved as an attribute (not a signature): called later with other arguments
    class Scorer(tf.Module):
        def __init__(self) -> None:
            self.w = tf.Variable(np.ones((3, 2), "float32"))

        @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
        def score(self, x: tf.Tensor) -> tf.Tensor:
            return tf.matmul(x, self.w)

    def example(**features: int) -> bytes:
        """A serialized tf.Example with int64 features (what a client writing int64_list sends)."""
        feats = {k: tf.train.Feature(int64_list=tf.train.Int64List(value=[v])) for k, v in features.items()}
        return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()

    def partial_copy(name: str, *, drop_variables: bool) -> str:
        import shutil

        dest = work / name / "1"
        if not dest.exists():
            shutil.copytree(FIXTURES / "keras_tabular" / "1", dest)
            if drop_variables:
                shutil.rmtree(dest / "variables")
            else:
                data = next((dest / "variables").glob("variables.data-*"))
                data.write_bytes(data.read_bytes()[:64])
        return str(dest)

    (work / "model.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + b"\x00" * 64)
    scorer_dir = str(work / "scorer" / "1")
    tf.saved_model.save(Scorer(), scorer_dir)

    def call_scorer(value: Any) -> Any:
        return tf.saved_model.load(scorer_dir).score(value)

    # a tf.function without an input signature, traced once (float32 [None, 3]) before saving
    class Traced(tf.Module):
        def __init__(self) -> None:
            self.w = tf.Variable(np.ones((3, 2), "float32"))

        @tf.function
        def score(self, x: tf.Tensor) -> tf.Tensor:
            return tf.matmul(x, self.w)

    traced = Traced()
    traced.score.get_concrete_function(tf.TensorSpec([None, 3], tf.float32))
    traced_dir = str(work / "traced" / "1")
    tf.saved_model.save(traced, traced_dir)

    def call_traced(value: Any) -> Any:
        return tf.saved_model.load(traced_dir).score(value)

    yield from [
        # -- TensorFlow's own log lines
        Case("tf-matmul-width-log", "input_shape_mismatch", "5 features were multiplied with weights for 3.",
             "tf.matmul(features[2,5], kernel[3,2])", r"feature|\b3\b|width",
             log(lambda: tf.matmul(tf.zeros([2, 5]), tf.zeros([3, 2])), "Local rendezvous")),
        Case("tf-maxpool-rank3-log", "missing_batch_dimension", "A single feature map [28,28,1] without its batch "
             "level was given to max pooling.", "tf.nn.max_pool2d(x, 2, 2, 'VALID') with x of shape [28,28,1]",
             r"batch|expand_dims|\[1, ?28|one (image|example)",
             log(lambda: tf.raw_ops.MaxPool(input=tf.zeros([28, 28, 1]), ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1],
                                            padding="VALID"), "Local rendezvous")),
        Case("tf-reshape-pixels-log", "input_shape_mismatch", "100 values were reshaped to 28x28x1 images (784 "
             "values each).", "tf.reshape(pixels_100, [-1, 28, 28, 1]) in preprocessing", r"784|28",
             log(lambda: tf.reshape(tf.zeros([100]), [-1, 28, 28, 1]), "Local rendezvous")),
        Case("tf-parse-example-raw-log", "serialized_example_input_expected", "Plain strings were given to "
             "parse_example, which needs serialized tf.Example protos.", "tf.io.parse_example(['x'], spec)",
             r"example", log(lambda: tf.io.parse_example(tf.constant(["x"]),
                                                        {"a": tf.io.FixedLenFeature([1], tf.float32)}),
                             "OP_REQUIRES failed")),
        Case("tf-decode-base64-standard-log", "base64_encoding", "Standard base64 (+ and /) was given to "
             "tf.io.decode_base64, which reads the web-safe alphabet.", "tf.io.decode_base64('ab+/') in the graph",
             r"decode_base64|urlsafe", log(lambda: tf.io.decode_base64(tf.constant("ab+/")), "OP_REQUIRES failed")),
        # -- loading
        Case("tf-load-missing-path", "savedmodel_not_found", "The path given to tf.saved_model.load does not "
             "exist.", "tf.saved_model.load('models/cats/1') with a typo in the path", r"saved_model\.pb|path|dir",
             exc(lambda: tf.saved_model.load(str(work / "modles" / "cats" / "1")))),
        Case("tf-load-base-path", "savedmodel_not_found", "The loader was pointed at the TF Serving base path, "
             "not the version folder holding saved_model.pb.", "tf.saved_model.load('models/module_multi')",
             r"saved_model\.pb|version|dir",
             exc(lambda: tf.saved_model.load(str(FIXTURES / "module_multi")))),
        Case("tf-load-pb-file", "savedmodel_not_found", "The loader was given the saved_model.pb file instead of "
             "its folder.", "tf.saved_model.load('.../1/saved_model.pb')", r"saved_model\.pb|folder|dir",
             exc(lambda: tf.saved_model.load(str(FIXTURES / "module_multi" / "1" / "saved_model.pb")))),
        Case("tf-load-variables-dir", "savedmodel_not_found", "The loader was given the variables/ folder.",
             "tf.saved_model.load('.../1/variables')", r"saved_model\.pb|folder|dir",
             exc(lambda: tf.saved_model.load(str(FIXTURES / "module_multi" / "1" / "variables")))),
        Case("tf-load-h5-file", "savedmodel_not_found", "tf.saved_model.load was given a Keras .h5 file.",
             "tf.saved_model.load('model.h5')",
             r"(use|with|load it with|call) (keras\.models\.|tf\.keras\.models\.)?load_model",
             exc(lambda: tf.saved_model.load(str(work / "model.h5")))),
        Case("tf-load-no-variables", "variables_not_restored", "The version folder was copied without its "
             "variables/ folder (a partial copy).", "tf.saved_model.load on a copy of the model missing variables/",
             r"variables",
             exc(lambda: tf.saved_model.load(partial_copy("no_variables", drop_variables=True)))),
        Case("tf-load-truncated-variables", "variables_not_restored", "The variables data file was cut short (a copy "
             "that did not finish).", "tf.saved_model.load on a copy whose variables.data-00000-of-00001 is truncated",
             r"variables|copy|complete|atomic",
             exc(lambda: tf.saved_model.load(partial_copy("truncated_variables", drop_variables=False)))),
        Case("tf-v1-loader-missing-path", "savedmodel_not_found", "A TF1 loader was given a path that does not "
             "exist.", "tf.compat.v1.saved_model.loader.load(sess, ['serve'], 'export/123') with a wrong path",
             r"saved_model\.pb|path|dir",
             exc(lambda: session_run(str(work / "export" / "123"), {}))),
        Case("tf-v1-loader-wrong-tags", "savedmodel_tags", "The MetaGraph was asked for with tags ['train'] and "
             "the model has only ['serve'].", "tf.compat.v1.saved_model.loader.load(sess, ['train'], path)",
             r"tag",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {}, tags=("train",)))),
        Case("tf-v1-loader-tags-string", "savedmodel_tags", "The tags were given as the string 'serve', which "
             "is read as the tags 's', 'e', 'r', 'v'.", "tf.compat.v1.saved_model.loader.load(sess, 'serve', path)",
             r"list|tag",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {}, tags="serve"))),
        Case("tf-load-wrong-tags", "savedmodel_tags", "tf.saved_model.load was asked for tags the model does not "
             "have.", "tf.saved_model.load(path, tags=['gpu'])", r"tag",
             exc(lambda: tf.saved_model.load(fixture("module_multi"), tags=["gpu"]))),
        Case("tf-unregistered-op", "runtime_version_mismatch", "The graph uses an op this TensorFlow does not "
             "register (a custom op, or one from a newer release or an op library).",
             "tf.compat.v1.saved_model.loader.load a graph whose node uses the op 'FancyActivation'",
             r"op|FancyActivation|version|library",
             exc(lambda: session_run(str(work / "made_up_op" / "1"), {"x": np.zeros((1, 4), "float32")}))),
        Case("tf-load-unregistered-op-tf2", "runtime_version_mismatch", "The graph uses an op this TensorFlow does not "
             "register.", "tf.saved_model.load a graph whose node uses the op 'FancyActivation'",
             r"op|FancyActivation|version|library",
             exc(lambda: tf.saved_model.load(str(work / "made_up_op" / "1")))),
        # -- TF1 sessions on the fixtures
        Case("tf-session-keep-prob", "unfed_placeholder", "The graph's keep_prob placeholder is not fed.",
             "sess.run the signature's output feeding only x", r"keep_prob",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {"x": np.zeros((1, 4), "float32")}))),
        Case("tf-session-learning-phase", "keras_learning_phase", "The TF1 Keras graph's keras_learning_phase "
             "placeholder is not fed.", "sess.run the signature's output feeding only x", r"learning.phase",
             exc(lambda: session_run(fixture("tf1_learning_phase"), {"x": np.zeros((1, 4), "float32")}),
                 frames=4)),
        Case("tf-session-keras3-tf-save", "variables_not_restored", "A Keras 3 model written with "
             "tf.saved_model.save loaded in a TF1 session: its variables are never restored.",
             "tf.compat.v1 loader.load + sess.run on a Keras 3 model saved with tf.saved_model.save",
             r"model\.export|saved_model\.save|restor",
             exc(lambda: session_run(fixture("keras3_tf_save"), {"inputs": np.zeros((1, 3), "float32")},
                                     fetch="output_0"))),
        Case("tf-session-feed-missing-batch", "missing_batch_dimension", "One example [4] was fed to a "
             "placeholder of shape (?, 4).", "sess.run(y, {x: features}) with features of shape (4,)",
             r"batch|\[None|\(1, 4\)|expand_dims|\[x",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {"x": np.zeros((4,), "float32")}))),
        Case("tf-session-feed-extra-level", "extra_batch_dimension", "A (1, 1, 4) array was fed to a placeholder "
             "of shape (?, 4).", "sess.run(y, {x: np.expand_dims(batch, 0)})", r"extra|level|squeeze|nest",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {"x": np.zeros((1, 1, 4), "float32")}))),
        Case("tf-session-feed-strings", "bytes_sent_to_numeric_input", "Strings (a CSV row read as text) were fed "
             "to a float placeholder.", "sess.run(y, {x: [['1.5', 'a', '0', '2']]})", r"float|number|string",
             exc(lambda: session_run(fixture("tf1_keep_prob"), {"x": [["1.5", "a", "0", "2"]]}))),
        Case("tf-session-fixed-batch", "fixed_batch_size_in_graph", "A batch of 2 was fed to a placeholder "
             "exported with a fixed batch size of 1.", "sess.run(y, {x: two_rows}) on a (1, 4) placeholder",
             r"batch",
             exc(lambda: session_run(fixture("tf1_fixed_batch"), {"x": np.zeros((2, 4), "float32")}))),
        # -- signatures and saved tf.functions
        Case("tf-signature-wrong-keyword", "input_keys_mismatch", "A signature function was called with a keyword "
             "that is not one of its inputs.", "loaded.signatures['serving_default'](inputs=batch) for input x",
             r"(missing|lacks|expects|requires|needs|without|takes|also send)\W+(\w+\W+){0,6}x\b",
             exc(lambda: call_signature(fixture("module_multi"), "serving_default",
                                        inputs=tf.constant(np.zeros((1, 3), "float32"))))),
        Case("tf-signature-missing-keyword", "input_keys_mismatch", "A signature function with three inputs was "
             "called with one.", "loaded.signatures['serving_default'](age=...) without hours and occupation",
             r"(missing|lacks|expects|requires|needs|without|takes|also send)\W+(\w+\W+){0,6}(hours|occupation)\b",
             exc(lambda: call_signature(fixture("keras_tabular"), "serving_default",
                                        age=tf.constant([[39.0]])))),
        Case("tf-signature-key-missing", "signature_not_found", "The model has no 'serving_default' signature.",
             "tf.saved_model.load(path).signatures['serving_default'] on a model with 'predict' and 'embed'",
             r"signature",
             exc(lambda: call_signature(fixture("module_no_default"), "serving_default",
                                        x=tf.constant(np.zeros((1, 3), "float32"))))),
        Case("tf-signature-missing-batch", "missing_batch_dimension", "One image [150,150,3] was passed to a "
             "signature taking [None,150,150,3].", "signature(image=tf.constant(image)) without a batch level",
             r"batch|expand_dims|\[None|one (image|example)",
             exc(lambda: call_signature(fixture("keras_image"), "serving_default",
                                        image=tf.constant(np.zeros((150, 150, 3), "float32"))))),
        Case("tf-signature-float64", "dtype_mismatch", "A float64 tensor was passed to a float32 signature input.",
             "signature(x=tf.constant(np_array)) with a float64 numpy array", r"float32|dtype|cast",
             exc(lambda: call_signature(fixture("module_multi"), "serving_default",
                                        x=tf.constant(np.zeros((1, 3)))))),
        Case("tf-function-wrong-dtype", "dtype_mismatch", "A saved tf.function traced for float32 was called with "
             "int32 values.", "loaded.score(tf.constant([[1, 2, 3]])) (ints)", r"float32|dtype|cast|float",
             exc(lambda: call_scorer(tf.constant([[1, 2, 3]])))),
        Case("tf-function-wrong-width", "input_shape_mismatch", "A saved tf.function traced for [None, 3] was "
             "called with 4 features.", "loaded.score(tf.constant([[1., 2., 3., 4.]]))", r"feature|\b3\b|width",
             exc(lambda: call_scorer(tf.constant([[1.0, 2.0, 3.0, 4.0]])))),
        Case("tf-function-missing-batch", "missing_batch_dimension", "A saved tf.function traced for [None, 3] "
             "was called with one example of shape [3].", "loaded.score(tf.constant([1., 2., 3.]))",
             r"batch|expand_dims|\[None|\[\[",
             exc(lambda: call_scorer(tf.constant([1.0, 2.0, 3.0])))),
        Case("tf-loaded-not-callable", "wrong_api_or_input_format", "A SavedModel loaded with tf.saved_model.load was "
             "called directly; its object has no __call__, only signatures.",
             "tf.saved_model.load(path)(x) on a model written with signatures only",
             r"signatures\[|serving_default", exc(lambda: tf.saved_model.load(fixture("module_no_default"))(
                 tf.zeros([1, 3])))),
        Case("tf-constant-ragged", "ragged_instances", "A batch of lists of different lengths was turned into one "
             "tensor (for a gRPC TensorProto).", "tf.constant([[1., 2., 3.], [1., 2.]])",
             r"pad|same length|ragged",
             exc(lambda: tf.constant([[1.0, 2.0, 3.0], [1.0, 2.0]]))),
        Case("tf-make-tensor-proto-ragged", "ragged_instances", "tf.make_tensor_proto was given lists of different "
             "lengths.", "tf.make_tensor_proto([[1., 2., 3.], [1., 2.]]) for a gRPC PredictRequest",
             r"pad|same length|ragged|inhomogeneous",
             exc(lambda: tf.make_tensor_proto([[1.0, 2.0, 3.0], [1.0, 2.0]]))),
        Case("tf-traced-wrong-dtype", "dtype_mismatch", "A saved tf.function traced only for float32 was called "
             "with int32 values.", "loaded.score(tf.constant([[1, 2, 3]])) on a function traced for float32",
             r"float32|cast", exc(lambda: call_traced(tf.constant([[1, 2, 3]])))),
        Case("tf-traced-wrong-width", "input_shape_mismatch", "A saved tf.function traced only for [None, 3] was "
             "called with 4 features.", "loaded.score(tf.constant([[1., 2., 3., 4.]]))", r"feature|\b3\b|width",
             exc(lambda: call_traced(tf.constant([[1.0, 2.0, 3.0, 4.0]])))),
        Case("tf-traced-missing-batch", "missing_batch_dimension", "A saved tf.function traced only for [None, 3] "
             "was called with one example of shape [3].", "loaded.score(tf.constant([1., 2., 3.]))",
             r"batch|expand_dims|\[None|\[\[", exc(lambda: call_traced(tf.constant([1.0, 2.0, 3.0])))),
        Case("tf-traced-list-argument", "input_keys_mismatch", "A saved tf.function traced for one tensor was "
             "called with a Python list holding the tensor.", "loaded.score([tf.constant([[1., 2., 3.]])])",
             r"list|structure|one tensor|single", exc(lambda: call_traced([tf.constant([[1.0, 2.0, 3.0]])]))),
        # -- kernels, eager (what a preprocessing or model script meets)
        Case("tf-conv1d-short-text", "input_shape_mismatch", "A 3-token sentence is shorter than the text CNN's "
             "width-5 conv1d kernel.", "tf.nn.conv1d(tokens[1,3,8], kernel[5,8,4], 1, 'VALID')",
             r"pad|shorter|at least|too short",
             exc(lambda: tf.nn.conv1d(tf.zeros([1, 3, 8]), tf.zeros([5, 8, 4]), 1, "VALID"))),
        Case("tf-conv-graph-too-small", "input_shape_mismatch", "A 2x2 image is smaller than the 3x3 VALID filter "
             "(found while tracing the graph).", "tf.function(conv) traced on images of shape [1,2,2,3]",
             r"small|resize|filter|kernel",
             exc(lambda: tf.function(lambda x: tf.nn.conv2d(x, tf.zeros([3, 3, 3, 8]), 1, "VALID"))(
                 tf.zeros([1, 2, 2, 3])))),
        Case("tf-conv-rank3-log", "missing_batch_dimension", "A single image [28,28,1] was given to conv2d, which "
             "needs a batch level.", "tf.nn.conv2d(image, filters) with image of shape [28,28,1]",
             r"batch|expand_dims|\[1, ?28|one (image|example)",
             log(lambda: tf.raw_ops.Conv2D(input=tf.zeros([28, 28, 1]), filter=tf.zeros([3, 3, 1, 4]),
                                           strides=[1, 1, 1, 1], padding="SAME"), "OP_REQUIRES failed")),
        Case("tf-matmul-width", "input_shape_mismatch", "10 features were multiplied with weights for 8.",
             "tf.matmul(features[1,10], kernel[8,32])", r"feature|\b8\b|width",
             exc(lambda: tf.matmul(tf.zeros([1, 10]), tf.zeros([8, 32])))),
        Case("tf-reshape-image-size", "input_shape_mismatch", "An RGB 224x224x3 image was reshaped to a "
             "grayscale 224x224x1.", "tf.reshape(rgb_image, [1, 224, 224, 1])", r"channel|gray|rgb",
             exc(lambda: tf.reshape(tf.zeros([224, 224, 3]), [1, 224, 224, 1]))),
        Case("tf-string-to-float-constant", "bytes_sent_to_numeric_input", "Strings were converted to a float32 "
             "tensor.",
             "tf.constant(['1.5', 'abc'], dtype=tf.float32)", r"float|string|number|quot",
             exc(lambda: tf.constant(["1.5", "abc"], dtype=tf.float32))),
        Case("tf-string-to-number", "dtype_mismatch", "A string that is not a number was parsed with "
             "tf.strings.to_number.", "tf.strings.to_number(['abc'])", r"number|float|string",
             exc(lambda: tf.strings.to_number(tf.constant(["abc"])))),
        Case("tf-lookup-wrong-key-dtype", "dtype_mismatch", "Integer keys were looked up in a string-keyed "
             "vocabulary table.", "table.lookup(tf.constant([3], tf.int64)) on a StaticHashTable(string -> int64)",
             r"string|dtype|int64",
             exc(lambda: tf.lookup.StaticHashTable(
                 tf.lookup.KeyValueTensorInitializer(tf.constant(["a", "b"]), tf.constant([0, 1], tf.int64)), -1
             ).lookup(tf.constant([3], tf.int64)))),
        Case("tf-decode-png-path", "encoded_image_string_mismatch", "Bytes that are not a PNG (a file path) "
             "were given to decode_png.", "tf.io.decode_png(b'/data/cat.png') (the path, not the file's bytes)",
             r"jpe?g|png|image|bytes|read_file",
             exc(lambda: tf.io.decode_png(tf.constant(b"/data/cat.png")))),
        Case("tf-decode-jpeg-text", "encoded_image_string_mismatch", "Bytes that are not a JPEG were given to "
             "decode_jpeg.", "tf.io.decode_jpeg(b'hello')", r"jpe?g|image|b64|bytes",
             exc(lambda: tf.io.decode_jpeg(tf.constant(b"hello")))),
        Case("tf-decode-image-base64-text", "base64_encoding", "The base64 text itself (not the decoded bytes) was "
             "given to decode_image.", "tf.io.decode_image(base64.b64encode(jpeg_bytes))", r"base64|b64|decod",
             exc(lambda: tf.io.decode_image(tf.constant(base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF"))))),
        Case("tf-decode-base64-standard", "base64_encoding", "Standard base64 (+ and /) was given to "
             "tf.io.decode_base64, which reads the web-safe alphabet.",
             "tf.io.decode_base64(base64.b64encode(data)) in the graph", r"decode_base64|urlsafe",
             exc(lambda: tf.io.decode_base64(tf.constant(base64.b64encode(b"\xfb\xff\xfe\xfa\xfb\xff"))))),
        Case("tf-parse-example-raw", "serialized_example_input_expected", "Plain strings were given to "
             "parse_example, which needs serialized tf.Example protos.", "tf.io.parse_example(['age=39'], spec)",
             r"example",
             exc(lambda: tf.io.parse_example(tf.constant(["age=39"]),
                                             {"age": tf.io.FixedLenFeature([1], tf.float32)}))),
        Case("tf-resize-no-channel", "input_shape_mismatch", "A grayscale image without its channel axis "
             "(rank 2) was given to tf.image.resize.", "tf.image.resize(gray_28x28, [32, 32])",
             r"channel|\[\.\.\., ?None\]|expand_dims",
             exc(lambda: tf.image.resize(tf.zeros([28, 28]), [32, 32]))),
        Case("tf-parse-example-int-for-float", "dtype_mismatch", "The tf.Example carries the feature as an "
             "Int64List where the parsing spec wants float (the client wrote int64_list for a float feature).",
             "tf.io.parse_example([Example(age=int64_list [39])], {'age': FixedLenFeature([1], tf.float32)})",
             r"float|int64|float_list|int64_list",
             exc(lambda: tf.io.parse_example(tf.constant([example(age=39)]),
                                             {"age": tf.io.FixedLenFeature([1], tf.float32)}))),
        Case("tf-parse-example-missing-feature", "input_keys_mismatch", "The tf.Example lacks a feature the parsing "
             "spec requires (no default).",
             "tf.io.parse_example([Example without 'age'], {'age': FixedLenFeature(...)})",
             r"\bage\b", exc(lambda: tf.io.parse_example(tf.constant([example(hours=40)]),
                                                        {"age": tf.io.FixedLenFeature([1], tf.float32)}))),
        Case("tf-concat-batch-differs", "batch_size_mismatch_between_inputs", "Two inputs with batch sizes 1 and "
             "32 were concatenated on the feature axis.", "tf.concat([a[1,5], b[32,5]], axis=1)",
             r"batch|same (number|size)|leading",
             exc(lambda: tf.concat([tf.zeros([1, 5]), tf.zeros([32, 5])], axis=1))),
    ]


# ---------------------------------------------------------------------------------------------------------------
# the keras group: Keras 3


def keras_cases(work: Path) -> Iterator[Case]:
    import keras
    import numpy as np

    by = versions() + " (Python exception, last line of the traceback)"
    keras.utils.set_random_seed(0)

    def exc(fn: Callable[[], Any]) -> Callable[[], tuple[str, str]]:
        return lambda: (raised(fn), by)

    inp = keras.Input(shape=(3,), name="features")
    dense = keras.Model(inp, keras.layers.Dense(2, name="dense")(inp))
    img = keras.Input(shape=(150, 150, 3), name="image")
    conv = keras.Model(img, keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(4, 3, name="conv")(img)))
    a, b = keras.Input(shape=(2,), name="a"), keras.Input(shape=(2,), name="b")
    square = keras.Input(shape=(28, 28), name="pixels")
    grid = keras.Model(square, keras.layers.Dense(1)(keras.layers.Flatten()(square)))
    two = keras.Model({"a": a, "b": b}, keras.layers.Concatenate()([a, b]))

    def reshaping() -> Any:
        flat = keras.Input(shape=(12,), name="x")
        return keras.Model(flat, keras.layers.Reshape((5, 2))(flat))
    saved_model_dir = work / "keras_export" / "1"
    dense.export(str(saved_model_dir), verbose=False)
    not_h5 = work / "model.h5"
    not_h5.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 1234\n")
    lookup = keras.layers.StringLookup(vocabulary=["a", "b"])

    def truncated_h5() -> str:
        path = work / "cut.h5"
        dense.save(str(path))
        path.write_bytes(path.read_bytes()[:4096])
        return str(path)

    def weights_only_h5() -> str:
        path = work / "model_weights.h5"  # (model.save_weights writes .weights.h5; a renamed copy of it)
        dense.save_weights(str(work / "w.weights.h5"))
        path.write_bytes((work / "w.weights.h5").read_bytes())
        return str(path)

    @keras.saving.register_keras_serializable(package="provoke")
    class Scale(keras.layers.Layer):
        def call(self, x: Any) -> Any:
            return x * 2.0

    def custom_model_file() -> str:
        path = work / "custom.keras"
        i = keras.Input(shape=(3,), name="x")
        keras.Model(i, Scale()(i)).save(str(path))
        keras.saving.get_custom_objects().clear()  # a process that never imported the module defining Scale
        return str(path)

    yield from [
        Case("keras-dense-width", "input_shape_mismatch", "5 features were given to a model whose Dense layer "
             "takes 3.", "model.predict(np.zeros((1, 5))) for keras.Input(shape=(3,))",
             r"feature|\(None, ?3\)|\[-1, ?3\]|\b3\b",
             exc(lambda: dense.predict(np.zeros((1, 5), "float32"), verbose=0))),
        Case("keras-dense-missing-batch", "missing_batch_dimension", "One example of shape (3,) was given to "
             "model.predict, which takes a batch.", "model.predict(np.array([1., 2., 3.]))",
             r"batch|expand_dims|\[\[|\(1, 3\)",
             exc(lambda: dense.predict(np.array([1.0, 2.0, 3.0], "float32"), verbose=0))),
        Case("keras-image-missing-batch", "missing_batch_dimension", "One image (150, 150, 3) was given to "
             "model.predict without its batch level.", "model.predict(image) with image.shape == (150, 150, 3)",
             r"batch|expand_dims|\(1, 150",
             exc(lambda: conv.predict(np.zeros((150, 150, 3), "float32"), verbose=0))),
        Case("keras-image-extra-level", "extra_batch_dimension", "The batch was wrapped in an extra level: "
             "(1, 1, 150, 150, 3).", "model.predict(np.expand_dims(batch, 0))", r"extra|level|squeeze|nest",
             exc(lambda: conv.predict(np.zeros((1, 1, 150, 150, 3), "float32"), verbose=0))),
        Case("keras-image-channels", "input_shape_mismatch", "Grayscale images (150, 150, 1) were given to a "
             "model built for RGB (150, 150, 3).", "model.predict(gray_batch)", r"channel|gray|rgb|\b3\b",
             exc(lambda: conv.predict(np.zeros((1, 150, 150, 1), "float32"), verbose=0))),
        Case("keras-image-size", "input_shape_mismatch", "224x224 images were given to a model built for "
             "150x150.", "model.predict(batch_224)", r"150|resize",
             exc(lambda: conv.predict(np.zeros((1, 224, 224, 3), "float32"), verbose=0))),
        Case("keras-multi-input-one-array", "input_keys_mismatch", "A model with two named inputs was given one "
             "array.", "model.predict(np.zeros((1, 4))) for inputs {'a', 'b'}", r"\ba\b.*\bb\b|dict|input",
             exc(lambda: two.predict(np.zeros((1, 4), "float32"), verbose=0))),
        Case("keras-layer-two-inputs", "input_keys_mismatch", "A Dense layer (one input) was called on a list of "
             "two tensors.", "keras.layers.Dense(2)([a, b]) instead of on Concatenate()([a, b])",
             r"one input|1 input|concatenat|single", exc(lambda: keras.layers.Dense(2, name="dense")([a, b]))),
        Case("keras-flat-to-2d", "input_shape_mismatch", "Flattened 784-value rows were given to a model built "
             "on 28x28 inputs.", "model.predict(x.reshape(-1, 784)) for keras.Input(shape=(28, 28))",
             r"28|784|reshape", exc(lambda: grid.predict(np.zeros((1, 784), "float32"), verbose=0))),
        Case("keras-multi-input-missing-key", "input_keys_mismatch", "A dict without one of the model's inputs "
             "was given.", "model.predict({'a': ...}) without 'b'", r"\bb\b",
             exc(lambda: two.predict({"a": np.zeros((1, 2), "float32")}, verbose=0))),
        Case("keras-reshape-layer", "model_graph_shape_bug", "The model's Reshape layer has hard-coded sizes "
             "(5, 2) that do not fit its 12 inputs.", "keras.layers.Reshape((5, 2)) after keras.Input((12,))",
             r"hard.coded|constant|reshape|model", exc(reshaping)),
        Case("keras-string-to-float", "bytes_sent_to_numeric_input", "Strings were given to a float model.",
             "model.predict(np.array([['1', '2', '3']]))", r"float|string|number",
             exc(lambda: dense.predict(np.array([["1", "2", "3"]]), verbose=0))),
        Case("keras-string-lookup-ints", "dtype_mismatch", "Integers were given to a StringLookup layer.",
             "keras.layers.StringLookup(vocabulary=['a', 'b'])(np.array([[1, 2]]))", r"string|IntegerLookup|cast",
             exc(lambda: lookup(np.array([[1, 2]])))),
        Case("keras-load-savedmodel", "runtime_version_mismatch", "Keras 3's load_model reads only .keras and .h5 "
             "files; a SavedModel folder needs keras.layers.TFSMLayer or tf.saved_model.load.",
             "keras.models.load_model('export/1') on a SavedModel folder", r"TFSMLayer|tf\.saved_model\.load|keras 3",
             exc(lambda: keras.models.load_model(str(saved_model_dir)))),
        Case("keras-load-missing-h5", "savedmodel_not_found", "The .h5 path does not exist (relative to the "
             "working directory).", "keras.models.load_model('model.h5') from another directory",
             r"does not exist|absolute path|working directory",
             exc(lambda: keras.models.load_model(str(work / "no_such" / "model.h5")))),
        # (savedmodel_not_found, as tests/explain/data/keras_messages.jsonl labels the same failure)
        Case("keras-load-not-hdf5", "savedmodel_not_found", "The .h5 path holds no HDF5 model: a Git LFS "
             "pointer was checked out instead of the file.", "keras.models.load_model('model.h5') on a Git LFS "
             "pointer file",
             r"hdf5|lfs|corrupt|download",
             exc(lambda: keras.models.load_model(str(not_h5)))),
        Case("keras-save-directory", "runtime_version_mismatch", "Keras 3's model.save writes only .keras/.h5 files; "
             "a SavedModel for serving is written with model.export(dir).",
             "model.save('export/1') (the Keras 2 way to write a SavedModel)", r"model\.export|\.keras",
             exc(lambda: dense.save(str(work / "export_dir" / "1")))),
        # (model_load_failed, as tests/explain/data/keras_messages.jsonl labels these failures)
        Case("keras-load-truncated-h5", "model_load_failed", "The .h5 file was cut short (an interrupted copy or "
             "download).", "keras.models.load_model('model.h5') on a file cut to 4 KiB", r"cut short|truncat|copy|"
             "download|complete", exc(lambda: keras.models.load_model(truncated_h5()))),
        Case("keras-load-weights-file", "model_load_failed", "The .h5 holds only weights (save_weights), no model "
             "config, so load_model cannot rebuild the model.", "keras.models.load_model('model_weights.h5') on a "
             "weights file", r"load_weights|weights", exc(lambda: keras.models.load_model(weights_only_h5()))),
        Case("keras-load-custom-unregistered", "model_load_failed", "The .keras file uses a custom layer class the "
             "loading process does not know (not imported / not registered).",
             "keras.models.load_model('custom.keras') in a process without the custom layer's code",
             r"custom_objects|register_keras_serializable|import",
             exc(lambda: keras.models.load_model(custom_model_file()))),
        Case("keras-tfsmlayer-endpoint", "signature_not_found", "TFSMLayer was given a call_endpoint the "
             "SavedModel does not have.", "keras.layers.TFSMLayer(path, call_endpoint='serving_defualt')",
             r"signature|endpoint|serving_default|serve",
             exc(lambda: keras.layers.TFSMLayer(str(saved_model_dir), call_endpoint="serving_defualt"))),
    ]


# ---------------------------------------------------------------------------------------------------------------
# the grpc group: a Python gRPC client on loopback


def grpc_cases(work: Path) -> Iterator[Case]:
    import threading
    from concurrent import futures

    import grpc

    from sigcheck.serving import LocalServer

    by = f"grpcio {grpc.__version__} Python client (the RpcError's str, as a traceback ends)"
    codes = {c.name: c for c in grpc.StatusCode}

    class Handler(grpc.GenericRpcHandler):
        """/tensorflow.serving.PredictionService/Predict on loopback: answers with what it was told to."""

        def __init__(self) -> None:
            self.answer: tuple[str, str] | None = None
            self.delay = 0.0
            self.reply = b""

        def service(self, details: Any) -> Any:
            def predict(request: bytes, context: Any) -> bytes:
                if self.delay:
                    threading.Event().wait(self.delay)
                if self.answer is not None:
                    context.abort(codes[self.answer[0]], self.answer[1])
                return self.reply

            return grpc.unary_unary_rpc_method_handler(predict, request_deserializer=None,
                                                       response_serializer=None)

    handler = Handler()
    server = grpc.server(futures.ThreadPoolExecutor(2), handlers=[handler],
                         options=[("grpc.max_receive_message_length", 4 * 1024 * 1024)])
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    method = "/tensorflow.serving.PredictionService/Predict"

    def call(payload: bytes, *, options: tuple = (), timeout: float | None = 10.0) -> None:
        with grpc.insecure_channel(f"127.0.0.1:{port}", options=list(options)) as channel:
            channel.unary_unary(method)(payload, timeout=timeout)

    def rpc_error(fn: Callable[[], Any]) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            text = raised(fn)
            return text.replace(f":{port}", ":8500"), by  # (the port TF Serving's gRPC listens on)
        return provoke

    local: dict[str, LocalServer] = {}

    def relayed(model: str, request: Any) -> Callable[[], Any]:
        """The model's real error (run by LocalServer, as TF Serving runs it) sent back as TF Serving's gRPC does."""
        def fn() -> None:
            if model not in local:
                local[model] = LocalServer(str(FIXTURES / model), allow_unsafe_ops=True, timeout=120)
            answer = local[model].predict(json.dumps(request).encode(), explain=False)
            if answer.ok or answer.status_code is None:
                raise NotRaised(f"{model} answered {answer.http_status}")
            handler.answer = (answer.status_code, answer.error or "")
            try:
                call(b"\x0a\x00")
            finally:
                handler.answer = None
        return fn

    def too_large() -> None:
        call(b"\x00" * (4 * 1024 * 1024 + 100))

    def send_limit() -> None:
        call(b"\x00" * 70000, options=(("grpc.max_send_message_length", 65536),))

    def receive_limit() -> None:
        handler.reply = b"\x00" * 70000
        try:
            call(b"", options=(("grpc.max_receive_message_length", 65536),))
        finally:
            handler.reply = b""

    def deadline() -> None:
        handler.delay = 1.0
        try:
            call(b"", timeout=0.2)
        finally:
            handler.delay = 0.0

    import http.server
    import urllib.request

    class Rest(http.server.BaseHTTPRequestHandler):  # a REST port (HTTP/1.1), as TF Serving's 8501
        def do_POST(self) -> None:  # noqa: N802
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    rest = http.server.HTTPServer(("127.0.0.1", 0), Rest)
    threading.Thread(target=rest.serve_forever, daemon=True).start()
    rest_port = rest.server_address[1]

    def grpc_to_rest() -> None:
        with grpc.insecure_channel(f"127.0.0.1:{rest_port}") as channel:
            channel.unary_unary(method)(b"\x0a\x00", timeout=10)

    def rest_to_grpc() -> None:
        req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/models/m:predict",
                                     data=b'{"instances": [[1.0, 2.0, 3.0]]}', method="POST")
        urllib.request.urlopen(req, timeout=10)

    def wrong_port(fn: Callable[[], Any], shown: str, real: Callable[[], int]) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            return raised(fn).replace(f":{real()}", shown), by if "grpc" in shown else \
                f"Python {sys.version.split()[0]} urllib (the exception's last line)"
        return provoke

    yield from [
        Case("grpc-to-rest-port", "wrong_api_or_input_format", "The gRPC client was pointed at the REST port "
             "(HTTP/1.1), not the gRPC one.", "grpc.insecure_channel('host:8501') (8501 is REST; gRPC is 8500)",
             r"8500|port|rest",
             wrong_port(grpc_to_rest, ":8501", lambda: rest_port)),
        Case("grpc-rest-request-to-grpc-port", "wrong_api_or_input_format", "A REST request was sent to the gRPC port.",
             "POST http://host:8500/v1/models/m:predict (8500 is gRPC; REST is 8501)", r"8501|port|grpc",
             wrong_port(rest_to_grpc, ":8500", lambda: port)),
        Case("grpc-request-too-large", "payload_too_large", "The request (4 MiB of tensor) is larger than the "
             "server's default 4 MiB gRPC receive limit.", "stub.Predict with a 4 MiB+ TensorProto, server defaults",
             r"max_(send|receive)_message_length|grpc_channel_arguments|4 ?mi?b|smaller",
             rpc_error(too_large)),
        Case("grpc-send-limit", "payload_too_large", "The request is larger than the client channel's "
             "max_send_message_length.", "a channel with grpc.max_send_message_length=65536 sending 70 kB",
             r"max_send_message_length|smaller",
             rpc_error(send_limit)),
        Case("grpc-receive-limit", "payload_too_large", "The response is larger than the client channel's "
             "max_receive_message_length.", "a channel with grpc.max_receive_message_length=65536 receiving 70 kB",
             r"max_receive_message_length",
             rpc_error(receive_limit)),
        Case("grpc-deadline", "client_timeout", "The client's deadline (0.2 s) expired before the prediction "
             "returned.", "stub.Predict(request, timeout=0.2) on a model that takes 1 s", r"timeout|deadline",
             rpc_error(deadline)),
        Case("grpc-keep-prob", "unfed_placeholder", "The graph's keep_prob placeholder is not fed (gRPC Predict).",
             "stub.Predict on a TF1 graph with an unfed keep_prob placeholder", r"keep_prob",
             rpc_error(relayed("tf1_keep_prob", {"instances": [[1.0, 2.0, 3.0, 4.0]]}))),
        Case("grpc-image-missing-batch", "missing_batch_dimension", "One image [150,150,3] was sent as the "
             "TensorProto without its batch level (gRPC Predict).",
             "stub.Predict with tf.make_tensor_proto(image) of shape [150,150,3]",
             r"batch|expand_dims|one (image|example)|\[1, ?150",
             rpc_error(relayed("keras_image", {"inputs": [[[0.5] * 3] * 150] * 150}))),
        Case("grpc-keras3-tf-save", "variables_not_restored", "A Keras 3 model written with tf.saved_model.save: "
             "TF Serving's session never restores its variables (gRPC Predict).",
             "stub.Predict on a Keras 3 model saved with tf.saved_model.save",
             r"model\.export|saved_model\.save|restor",
             rpc_error(relayed("keras3_tf_save", {"instances": [[1.0, 2.0, 3.0]]}))),
        Case("grpc-matmul-width", "input_shape_mismatch", "4 features sent to a Dense layer that takes 3 "
             "(gRPC Predict).", "stub.Predict with a [1,4] TensorProto for x (-1,3)", r"feature|\b3\b|width",
             rpc_error(relayed("module_multi", {"inputs": [[1.0, 2.0, 3.0, 4.0]]}))),
    ]
    for s in local.values():
        s.close()
    server.stop(0)
    rest.shutdown()


# ---------------------------------------------------------------------------------------------------------------
# the cli group: TensorFlow's saved_model_cli and sigcheck predict, run as a user runs them


def last_exception(stderr: str) -> str:
    """A command's traceback as a user pastes it: from the last ``SomeError: …`` line to the end."""
    lines = [ln for ln in stderr.rstrip().splitlines() if ln.strip()]
    start = max((i for i, ln in enumerate(lines) if re.match(r"^[A-Za-z_][\w.]*(Error|Exception)\b.*", ln)),
                default=None)
    if start is None:
        raise NotRaised(f"no exception line in: {stderr[-500:]}")
    return ANSI.sub("", "\n".join(lines[start:start + 40]))


def cli_cases(work: Path) -> Iterator[Case]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    cli = str(Path(sys.executable).parent / "saved_model_cli")
    by = f"tensorflow {tf_version()} saved_model_cli (the traceback's last lines)"

    def saved_model_cli(*args: str) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            proc = subprocess.run([cli, *args], capture_output=True, text=True, timeout=120, env=env, cwd=work)
            if proc.returncode == 0:
                raise NotRaised(f"saved_model_cli {' '.join(args)} succeeded: {proc.stdout[-300:]}")
            return last_exception(proc.stderr), by
        return provoke

    def run(model: str, *args: str) -> Callable[[], tuple[str, str]]:
        return saved_model_cli("run", "--dir", str(FIXTURES / model / "1"), "--tag_set", "serve", *args)

    def sigcheck_predict(model: str, request: Any, *flags: str) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            req = work / "request.json"
            req.write_text(json.dumps(request))
            proc = subprocess.run([sys.executable, "-m", "sigcheck", "predict", str(req), "--model", model, *flags],
                                  capture_output=True, text=True, timeout=180, env=env, cwd=ROOT)
            if proc.returncode == 0:
                raise NotRaised(f"sigcheck predict answered: {proc.stdout[-300:]}")
            lines = [ln for ln in proc.stderr.splitlines() if ln.startswith(("error:", "hint:"))]
            if lines:
                return "\n".join(lines), "sigcheck predict (its error/hint lines on stderr, the model failing to load)"
            crashed = [ln for ln in proc.stderr.splitlines() if not ln.startswith("(signature ")]
            if not crashed:
                raise NotRaised(f"no error line: {proc.stderr[-500:]}")
            return "\n".join(crashed), "sigcheck predict (its crash report on stderr, without the timing line)"
        return provoke

    def broken_copy(name: str) -> str:
        import shutil

        dest = work / name / "1"
        if not dest.exists():
            shutil.copytree(FIXTURES / "module_multi" / "1", dest)
            shutil.rmtree(dest / "variables")
        return str(work / name)

    x3 = "x=[[1.0,2.0,3.0]]"
    yield from [
        Case("cli-show-missing-dir", "savedmodel_not_found", "saved_model_cli was given a folder that does not "
             "hold saved_model.pb (the base path).", "saved_model_cli show --dir models/module_multi --all",
             r"saved_model\.pb|version|dir|folder",
             saved_model_cli("show", "--dir", str(FIXTURES / "module_multi"), "--all")),
        Case("cli-run-missing-batch", "missing_batch_dimension", "One example [3] was given without its batch "
             "level.", "saved_model_cli run ... --input_exprs 'x=[1.0,2.0,3.0]'", r"batch|\[\[|one (example|instance)",
             run("module_multi", "--signature_def", "serving_default", "--input_exprs", "x=[1.0,2.0,3.0]")),
        Case("cli-run-wrong-key", "input_keys_mismatch", "The input key given is not the signature's (x).",
             "saved_model_cli run ... --input_exprs 'inputs=[[1.0,2.0,3.0]]'", r"\bx\b|key|name",
             run("module_multi", "--signature_def", "serving_default", "--input_exprs", "inputs=[[1.0,2.0,3.0]]")),
        Case("cli-run-wrong-signature", "signature_not_found", "The signature key given does not exist.",
             "saved_model_cli run ... --signature_def serving", r"signature",
             run("module_multi", "--signature_def", "serving", "--input_exprs", x3)),
        Case("cli-run-wrong-tags", "savedmodel_tags", "The tag-set given is not the model's (serve).",
             "saved_model_cli run --tag_set train ...", r"tag",
             saved_model_cli("run", "--dir", str(FIXTURES / "module_multi" / "1"), "--tag_set", "train",
                             "--signature_def", "serving_default", "--input_exprs", x3)),
        Case("cli-run-keep-prob", "unfed_placeholder", "The graph's keep_prob placeholder is not fed.",
             "saved_model_cli run on a TF1 graph with an unfed keep_prob", r"keep_prob",
             run("tf1_keep_prob", "--signature_def", "serving_default", "--input_exprs", "x=[[1.0,2.0,3.0,4.0]]")),
        Case("cli-run-learning-phase", "keras_learning_phase", "The TF1 Keras graph's keras_learning_phase "
             "placeholder is not fed.", "saved_model_cli run on a TF1 Keras export", r"learning.phase",
             run("tf1_learning_phase", "--signature_def", "serving_default", "--input_exprs",
                 "x=[[1.0,2.0,3.0,4.0]]")),
        Case("cli-run-keras3-tf-save", "variables_not_restored", "A Keras 3 model written with tf.saved_model.save, "
             "run in a TF1 session by saved_model_cli: its variables are never restored.",
             "saved_model_cli run on a Keras 3 model saved with tf.saved_model.save",
             r"model\.export|saved_model\.save|restor",
             run("keras3_tf_save", "--signature_def", "serving_default", "--input_exprs", "inputs=[[1.0,2.0,3.0]]")),
        Case("cli-predict-memory-ceiling", "model_too_large", "The model's process needs more memory than the "
             "limit it runs under (here sigcheck's --memory-limit 0.3 GiB; on a server, the container's limit).",
             "sigcheck predict request.json --model M --memory-limit 0.3",
             r"--memory-limit|memory limit|more memory|larger machine|machine type",
             sigcheck_predict(str(FIXTURES / "module_multi"), {"instances": [[1.0, 2.0, 3.0]]},
                              "--memory-limit", "0.3")),
        Case("cli-predict-no-variables", "variables_not_restored", "The version folder was copied without its "
             "variables/ folder.", "sigcheck predict on a model copy missing variables/", r"variables",
             sigcheck_predict(broken_copy("copied_without_variables"), {"instances": [[1.0, 2.0, 3.0]]})),
    ]


# ---------------------------------------------------------------------------------------------------------------
# the client group: a Python client of the REST API on loopback, printing what it got as users do


def client_cases(work: Path) -> Iterator[Case]:
    import http.server
    import threading

    import requests

    from sigcheck.serving import LocalServer

    servers: dict[str, LocalServer] = {}

    class Rest(http.server.BaseHTTPRequestHandler):
        """POST /v1/models/<fixture>:predict answered by LocalServer: TF Serving's status and body."""

        def do_POST(self) -> None:  # noqa: N802
            name = self.path.split("/v1/models/", 1)[-1].split(":", 1)[0]
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if name not in servers:
                servers[name] = LocalServer(str(FIXTURES / name), allow_unsafe_ops=True, timeout=120)
            answer = servers[name].predict(body, explain=False)
            data = answer.body.encode()
            self.send_response(answer.http_status or 500)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Rest)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    port = httpd.server_address[1]
    by = f"requests {requests.__version__}: print(response.json()) (a Python dict), the body from sigcheck's TF " \
         "Serving REST answer on loopback"

    def printed(model: str, request: Any) -> Callable[[], tuple[str, str]]:
        def provoke() -> tuple[str, str]:
            kw = {"data": request} if isinstance(request, bytes) else {"json": request}
            r = requests.post(f"http://127.0.0.1:{port}/v1/models/{model}:predict", timeout=120, **kw)
            if r.ok:
                raise NotRaised(f"{model} answered {r.status_code}")
            return str(r.json()), by, context(model, r.request.body or b"")
        return provoke

    img = [[[0.5] * 3] * 150] * 150
    yield from [
        Case("client-image-missing-batch", "missing_batch_dimension", "One 150x150x3 image was sent as the "
             "instances list (requests.post(url, json={'instances': image.tolist()})).",
             "print(requests.post(url, json={'instances': image.tolist()}).json())",
             r"batch|one (example|image|instance) per|\[150, ?150, ?3\]", printed("keras_image", {"instances": img})),
        Case("client-keep-prob", "unfed_placeholder", "The graph's keep_prob placeholder is not fed.",
             "print(requests.post(url, json=valid_request).json()) on a TF1 graph with keep_prob", r"keep_prob",
             printed("tf1_keep_prob", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("client-wrong-input-name", "input_keys_mismatch", "The rows are keyed 'dense_input' and the "
             "signature's input is 'x'.",
             "print(requests.post(url, json={'instances': [{'dense_input': …}]}).json())",
             r"dense_input|\bx\b|input name",
             printed("module_multi", {"instances": [{"dense_input": [1.0, 2.0, 3.0]}]})),
        Case("client-data-not-json", "json_parse_error", "The payload was passed as data=str(dict) (a Python "
             "repr, single quotes) instead of json=.", "requests.post(url, data=str(payload))", r"json",
             printed("module_multi", str({"instances": [[1.0, 2.0, 3.0]]}).encode())),
        Case("client-learning-phase", "keras_learning_phase", "The TF1 Keras graph reads an unfed "
             "keras_learning_phase placeholder.", "print(requests.post(url, json=valid_request).json())",
             r"learning.phase", printed("tf1_learning_phase", {"instances": [[1.0, 2.0, 3.0, 4.0]]})),
        Case("client-string-to-float", "dtype_mismatch", "Numbers were sent as strings to a DT_FLOAT input "
             "(a CSV row read as text).", "requests.post(url, json={'instances': [row.split(',')]})",
             r"float|number|quot", printed("module_multi", {"instances": [["1.5", "2.0", "0.3"]]})),
    ]
    for s in servers.values():
        s.close()
    httpd.shutdown()


# ---------------------------------------------------------------------------------------------------------------
# the names group: Python exceptions whose names (a module path, an argument, an API name, a file's suffix) tell
# which Keras / TensorFlow version the code, the pickle or the file was written for


def names_cases(work: Path) -> Iterator[Case]:
    import pickle

    import keras
    import numpy as np
    import tensorflow as tf

    by = versions() + " (Python traceback from the user's script down, as the script prints it)"

    def script(name: str, source: str, env: dict[str, Any]) -> Callable[[], tuple[str, str]]:
        """Run ``source`` as the user's file ``name`` (its lines show in the traceback, as a user's script does)."""
        path = work / name
        path.write_text(source)
        code = compile(source, str(path), "exec")

        def provoke() -> tuple[str, str]:
            try:
                exec(code, dict(env))
            except Exception as exc:  # noqa: BLE001 - the exception is the datum
                tb = traceback.TracebackException.from_exception(exc)
                tb.stack = traceback.StackSummary.from_list([f for f in tb.stack if f.filename != __file__])
                return ANSI.sub("", "".join(tb.format())).rstrip("\n"), by
            raise NotRaised("no exception")
        return provoke

    i = keras.Input(shape=(3,), name="x")
    dense = keras.Model(i, keras.layers.Dense(2)(i))
    dense.save(str(work / "model.h5"))
    (work / "model.h5").replace(work / "mask_detector.model")  # an HDF5 model under the suffix Keras 2 users gave
    dense.save(str(work / "model.keras"))
    tf.saved_model.save(dense, str(work / "tf_saved"))
    # the first bytes of a pickle of a Keras 2.13-2.15 model: its class by module path (pickle's GLOBAL opcode)
    (work / "model.pkl").write_bytes(b"\x80\x04c" + b"keras.src.engine.functional\nFunctional\n" + b")\x81.")
    env = {"tf": tf, "keras": keras, "np": np, "pickle": pickle, "WORK": str(work)}
    (work / "lfs.pkl").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:4d7a\nsize 1234\n")
    (work / "page.pkl").write_text("<!DOCTYPE html><html><head><title>Google Drive - Virus scan warning</title>")
    (work / "empty.pkl").write_bytes(b"")
    dense.save(str(work / "clf.h5"))
    yield from [
        Case("names-unpickle-lfs-pointer", "savedmodel_not_found", "The pickled model in the repository is a Git LFS "
             "pointer: the clone did not fetch the file.", "pickle.load of a Git LFS pointer file",
             r"git lfs", script("lfs.py", "model = pickle.load(open(WORK + '/lfs.pkl', 'rb'))\n", env)),
        Case("names-unpickle-html-page", "savedmodel_not_found", "The download saved an HTML page (Google Drive's "
             "confirmation page) under the model's name.", "pickle.load of an HTML page", r"download|html",
             script("page.py", "model = pickle.load(open(WORK + '/page.pkl', 'rb'))\n", env)),
        Case("names-unpickle-h5-file", "savedmodel_not_found", "A Keras .h5 model file was given to pickle.",
             "pickle.load(open('clf.h5', 'rb'))", r"load_model",
             script("h5.py", "model = pickle.load(open(WORK + '/clf.h5', 'rb'))\n", env)),
        Case("names-unpickle-savedmodel-dir", "savedmodel_not_found", "A SavedModel folder was given to pickle "
             "(open() of a directory).", "pickle.load(open('tf_saved', 'rb'))", r"tf\.saved_model\.load|TFSMLayer",
             script("dir.py", "model = pickle.load(open(WORK + '/tf_saved', 'rb'))\n", env)),
        Case("names-keras3-load-missing-keras", "savedmodel_not_found", "The .keras path does not exist where the "
             "program runs (a relative path from another working directory).",
             "keras.models.load_model('models/classifier.keras') from another directory",
             r"os\.path\.exists|working directory|absolute path",
             script("serve3.py", "model = keras.models.load_model('models/classifier.keras')\n", env)),
        Case("names-weights-file-reshape", "model_graph_shape_bug", "A darknet-style weights file trained for 3 "
             "classes is read into a model the code built for 80 (the last convolution's filters differ).",
             "a load_weights(model, path) that reshapes the file's values into each layer's kernel shape",
             r"class count|constants|3 × \(classes \+ 5\)",
             script("convert.py", "def load_weights(path, conv_shape):\n"
                    "    values = np.fromfile(path, dtype=np.float32)\n"
                    "    return values.reshape(conv_shape)\n\n"
                    "np.zeros(3 * (3 + 5) * 256, np.float32).tofile(WORK + '/yolo.weights')\n"
                    "kernel = load_weights(WORK + '/yolo.weights', (3 * (80 + 5), 256, 1, 1))\n", env)),
        Case("names-unpickle-empty-file", "model_load_failed", "The pickle file is empty (the copy or the dump was "
             "interrupted).", "pickle.load of an empty file", r"empty|cut short|size",
             script("empty.py", "model = pickle.load(open(WORK + '/empty.pkl', 'rb'))\n", env)),
        Case("names-import-keras-engine", "runtime_version_mismatch", "Code written for Keras 2 (keras.engine) runs "
             "with Keras 3, which has no keras.engine.", "from keras.engine.topology import Layer under Keras 3",
             r"keras 2|tf_keras|public api|import keras",
             script("layers.py", "from keras.engine.topology import Layer\n", env)),
        Case("names-unpickle-keras215", "runtime_version_mismatch", "A model pickled by Keras 2.13-2.15 (its class "
             "path keras.src.engine.functional) is unpickled with Keras 3.", "pickle.load of a Keras 2.15 model's "
             "pickle under Keras 3", r"2\.1[35]|pickl.*(?:keras|version)|model\.save",
             script("serve.py", "model = pickle.load(open(WORK + '/model.pkl', 'rb'))\n", env)),
        Case("names-tf1-placeholder", "runtime_version_mismatch", "TensorFlow 1 code (tf.placeholder) runs on "
             "TensorFlow 2.", "tf.placeholder(tf.float32, [None, 3]) on TensorFlow 2",
             r"tf\.compat\.v1|tensorflow 1",
             script("graph.py", "x = tf.placeholder(tf.float32, [None, 3])\n", env)),
        Case("names-tf1-session", "runtime_version_mismatch", "TensorFlow 1 code (tf.Session) runs on TensorFlow 2.",
             "tf.Session() on TensorFlow 2", r"tf\.compat\.v1|tensorflow 1",
             script("run.py", "sess = tf.Session()\n", env)),
        Case("names-tf1-keep-dims", "runtime_version_mismatch", "TensorFlow 1 code passes keep_dims, which "
             "TensorFlow 2 renamed keepdims.", "tf.reduce_mean(x, 1, keep_dims=True) on TensorFlow 2",
             r"keepdims|tensorflow 1",
             script("norm.py", "m = tf.reduce_mean(tf.ones([2, 3]), 1, keep_dims=True)\n", env)),
        Case("names-keras3-load-model-suffix", "runtime_version_mismatch", "An HDF5 model saved under a .model "
             "name (Keras 2 read the file's content) is given to Keras 3's load_model, which picks the format by "
             "the extension.", "keras.models.load_model('mask_detector.model') on an HDF5 file under Keras 3",
             r"rename|extension",
             script("detect.py", "model = keras.models.load_model(WORK + '/mask_detector.model')\n", env)),
        Case("names-tf-load-keras-file", "savedmodel_not_found", "A .keras file is given to tf.saved_model.load, "
             "which reads only SavedModel directories.", "tf.saved_model.load('model.keras')",
             r"keras file.{0,200}load_model|load_model\('[^']*\.keras",
             script("load.py", "m = tf.saved_model.load(WORK + '/model.keras')\n", env)),
        Case("names-tf-load-model-suffix", "savedmodel_not_found", "An HDF5 model file (named .model) is given to "
             "tf.saved_model.load, which reads only SavedModel directories.",
             "tf.saved_model.load('mask_detector.model') on an HDF5 file", r"load_model\('[^']*\.model",
             script("load2.py", "m = tf.saved_model.load(WORK + '/mask_detector.model')\n", env)),
        Case("names-userobject-predict", "wrong_api_or_input_format", "A SavedModel written by tf.saved_model.save "
             "and loaded with tf.saved_model.load has no predict().",
             "tf.saved_model.load(path).predict(x)", r"signatures|TFSMLayer",
             script("predict.py", "m = tf.saved_model.load(WORK + '/tf_saved')\ny = m.predict(np.zeros((1, 3)))\n",
                    env)),
    ]


# ---------------------------------------------------------------------------------------------------------------
# the levels group: Keras 3's shape checks when a level is missing or extra, where the numbers decide between a
# missing batch level, a per-example shape and extra nesting (or fit two of them)


def levels_cases(work: Path) -> Iterator[Case]:
    import keras
    import numpy as np

    by = versions() + " (Python exception, last line of the traceback)"

    def exc(fn: Callable[[], Any]) -> Callable[[], tuple[str, str]]:
        return lambda: (raised(fn), by)

    seq = keras.Input(shape=(50, 24), name="series")
    lstm = keras.Model(seq, keras.layers.Dense(1)(keras.layers.LSTM(4)(seq)))
    img = keras.Input(shape=(28, 28, 1), name="digit")
    conv = keras.Model(img, keras.layers.GlobalAveragePooling2D()(keras.layers.Conv2D(2, 3)(img)))
    yield from [
        Case("levels-lstm-one-sequence-call", "missing_batch_dimension", "One sequence (50, 24) was given to the "
             "model without its batch level.", "model(x) with x.shape == (50, 24) for keras.Input(shape=(50, 24))",
             r"batch|expand_dims|\[None", exc(lambda: lstm(np.zeros((50, 24), "float32")))),
        Case("levels-lstm-rows-not-windowed", "input_shape_mismatch", "Three rows of 24 features were given to a "
             "model that takes windows of 50 time steps.", "model.predict(rows) with rows.shape == (3, 24)",
             r"window|axis of 50|\(50, 24\)", exc(lambda: lstm.predict(np.zeros((3, 24), "float32"), verbose=0))),
        Case("levels-lstm-predict-batched", "input_shape_mismatch", "100 rows of 24 features (not windowed) were "
             "given to a model that takes windows of 50 steps; predict batched them by 32, so one sequence without "
             "its batch would print the same.", "model.predict(rows) with rows.shape == (100, 24)",
             r"window.{0,200}|batch level", exc(lambda: lstm.predict(np.zeros((100, 24), "float32"), verbose=0))),
        Case("levels-conv-frames-per-example", "input_shape_mismatch", "Each example is a stack of 10 images, fed "
             "to a model that takes one image per example.", "model.predict(x) with x.shape == (4, 10, 28, 28, 1)",
             r"stack|TimeDistributed|as examples",
             exc(lambda: conv.predict(np.zeros((4, 10, 28, 28, 1), "float32"), verbose=0))),
        Case("levels-conv-extra-level", "extra_batch_dimension", "The batch was wrapped once more: (1, 1, 28, 28, 1) "
             "for a model taking (None, 28, 28, 1).", "model.predict(np.expand_dims(batch, 0))",
             r"squeeze|level of 1|extra",
             exc(lambda: conv.predict(np.zeros((1, 1, 28, 28, 1), "float32"), verbose=0))),
    ]


# ---------------------------------------------------------------------------------------------------------------

GROUPS: dict[str, Callable[[Path], Iterator[Case]]] = {
    "build": build_cases, "rest": rest_cases, "tf": tf_cases, "keras": keras_cases, "grpc": grpc_cases,
    "cli": cli_cases, "client": client_cases, "names": names_cases,
    "levels": levels_cases}


def run_group(name: str, work: Path) -> int:
    """In the group's own process: provoke each case, one JSON line each on stdout (failures on stderr)."""
    out = sys.stdout
    sys.stdout = sys.stderr  # (libraries' prints must not mix with the records)
    missed = 0
    cases = GROUPS[name](work)
    while True:
        try:
            case = next(cases)
        except StopIteration:
            break
        try:
            rec = case.record(work)
        except Exception as exc:  # noqa: BLE001 - one case failing to provoke is reported, the others go on
            missed += 1
            print(f"[{name}] {case.id}: NOT PROVOKED: {exc!r}", file=sys.stderr)
            continue
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if missed else 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--group", action="append", choices=sorted(GROUPS), help="only these groups (repeatable)")
    ap.add_argument("--in-process", metavar="GROUP", help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.in_process:
        return run_group(args.in_process, args.work)
    groups = ["build", *(g for g in args.group or GROUPS if g != "build")]  # (the others use its models)
    records: list[dict[str, Any]] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="sigcheck-provoke-") as tmp:
        for name in groups:
            t0 = time.perf_counter()
            env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "0", "PYTHONPATH": str(ROOT)}
            try:
                proc = subprocess.run([sys.executable, __file__, "--in-process", name, "--work", tmp],
                                      capture_output=True, text=True, timeout=GROUP_TIMEOUT, env=env, cwd=ROOT)
            except subprocess.TimeoutExpired as exc:
                failed = True
                print(f"{name}: timed out after {GROUP_TIMEOUT} s", file=sys.stderr)
                stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
                rc, err = None, ""
            else:
                stdout, rc, err = proc.stdout, proc.returncode, proc.stderr
            got = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
            records += got
            for line in err.splitlines():
                if "NOT PROVOKED" in line or "Traceback" in line or line.startswith(("Error", "error")):
                    print(line, file=sys.stderr)
            print(f"{name}: {len(got)} records in {time.perf_counter() - t0:.0f} s (exit {rc})", file=sys.stderr)
            failed |= rc != 0
    if args.group and args.out.exists():  # a partial run replaces only its groups' records
        keep = [json.loads(line) for line in args.out.read_text(encoding="utf-8").splitlines() if line.strip()]
        mine = tuple(f"{g}-" for g in groups)
        records = [r for r in keep if not r["id"].startswith(mine)] + records
    ids = [r["id"] for r in records]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise SystemExit(f"duplicate ids: {sorted(dupes)}")
    tmp_out = args.out.with_suffix(".tmp")
    tmp_out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    tmp_out.replace(args.out)
    print(f"wrote {len(records)} records to {args.out}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
