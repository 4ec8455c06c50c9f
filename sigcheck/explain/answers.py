"""Read a client's mistake in reading a model's answer: output names, the outputs map, a TensorProto's typed values.

The request was served and the model ran; the exception is the client's, raised while it read what came back
(``KeyError: 'probs'`` on a signature's answer, ``tf.make_ndarray(response.outputs)``, ``float_val`` of an int64
output).  No category fits (every labelled text of this kind says so), so what this module finds is a reading for
the unknown view, naming what the answer holds and how to read it.  It reads the exception and the line of the
user's own code that raised it (:mod:`.frames`): the line is what says the value was an answer.

What the answers hold comes from the sources: TensorFlow's ``tensor_util.MakeNdarray`` reads ``tensor.tensor_shape``
and the values field of the proto's dtype (``float_val``, ``int64_val``, ``string_val`` … or ``tensor_content``);
Keras 3's ``model.export`` names a model's list outputs ``output_0``, ``output_1`` … (keras/src/export), tf.keras 2
SavedModels name them after the output layers; TF Serving answers a row-format request (``"instances"``) with
``{"predictions": …}`` and a columnar one (``"inputs"``) with ``{"outputs": …}`` (its REST API reference), an error
with ``{"error": …}``; KServe's v2 protocol answers ``{"outputs": [{"name", "shape", "datatype", "data"}]}``.

    >>> from sigcheck.explain.frames import read_frames
    >>> t = ('Traceback (most recent call last):\\n  File "c.py", line 5, in <module>\\n    p = out["probs"].numpy()\\n'
    ...      "KeyError: 'probs'")
    >>> answer_reading(read_frames(t)).startswith("The model's answer has no output named 'probs'")
    True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .patterns import lazy

if TYPE_CHECKING:
    from .frames import Frames

_ANSWER_NAME = lazy(r"\b(?:out|outs|output|outputs|result|results|res|ret|pred|preds|prediction|predictions|y_?pred|"
                    r"yhat|y_hat|logits|probs|scores|answer|response|resp|r|reply|detections)\b")
"""Names code gives a model's answer (the indexed variable of the failing line)."""
_TENSOR_USE = lazy(r"\]\s*\.\s*(?:numpy|shape|dtype|argmax|ravel|tolist)\b|\.json\(\)\s*\[")
"""What the line does with the value it indexed: a tensor's or array's method, or a JSON answer indexed."""
_SUBSCRIPT = lazy(r"(?P<obj>[\w.]{1,80}(?:\(\))?(?:\[[^\]\n]{1,80}\])?)\s*\[\s*(?P<key>'[^'\n]{0,120}'|\"[^\"\n]{0,120}\"|"
                  r"-?\d{1,6})\s*\]")
_NO_TENSOR_SHAPE = lazy(r"'(?P<cls>[\w.]{1,120})' object has no attribute 'tensor_shape'")
_TYPED_FIELD = lazy(r"\.(?P<field>float_val|double_val|int_val|int64_val|uint32_val|uint64_val|string_val|bool_val|"
                    r"half_val|tensor_content)\b(?P<indexed>\s*\[)?")
_EMPTY_RESHAPE = lazy(r"cannot reshape array of size 0 into shape")
_STR_ATTRIBUTE = lazy(r"^'str' object has no attribute '(?P<attr>numpy|shape|dtype|argmax|tolist|astype|ravel|"
                      r"flatten|reshape|squeeze|ndim)'")
_LIST_ATTRIBUTE = lazy(r"^'list' object has no attribute '(?P<attr>numpy|shape|dtype|argmax|tolist|astype|ravel|"
                       r"flatten|reshape|squeeze|ndim|items|keys)'")
_LIST_BY_NAME = lazy(r"^list indices must be integers or slices, not str")
_ONE_DIMENSIONAL = lazy(r"^too many indices for array: array is 1-dimensional, but \d+ were indexed")
_PER_COLUMN = lazy(r"^Per-column arrays must each be 1-dimensional")
_FLOAT_OF_DICT = lazy(r"^float\(\) argument must be a string or a (?:real )?number, not '(?:dict|list)'")
_ANSWER_ROWS = lazy(r"""\[\s*['"](?:predictions|outputs)['"]\s*\]""")
"""The failing line reads an answer's rows (``resp["predictions"]``, ``r.json()["outputs"]``)."""

OUTPUT_NAMES = ("a signature's answer (loaded.signatures['serving_default'](...), TF Serving's outputs and its "
                "per-row predictions) is keyed by the signature's output names: Keras 3's model.export names a "
                "model's outputs output_0, output_1, … in order (unless the model's outputs are a dict), tf.keras 2 "
                "SavedModels after the output layers (dense_1), a serving function after the keys of the dict it "
                "returns")
LIST_THEM = ("list them with print(list(out.keys())) or saved_model_cli show --dir DIR --tag_set serve "
             "--signature_def serving_default")


def _failing_line(fr: "Frames") -> str:
    """The user's line that raised (the innermost frame when it is the user's own code), else ''."""
    last = fr.frames[-1] if fr.frames else None
    return (last.code or "") if last is not None and last.library == "user" else ""


def _indexed(code: str, key: str) -> "re.Match[str] | None":
    """The subscript of ``code`` whose key is ``key`` (``out["probs"]`` for ``probs``)."""
    return next((m for m in _SUBSCRIPT.finditer(code) if m["key"].strip("'\"") == key), None)


def _answer_like(code: str, obj: str) -> bool:
    return bool(_ANSWER_NAME.search(obj.split("[")[0].split(".")[-1].removesuffix("()")) or _TENSOR_USE.search(code)
                or re.search(r"\.json\(\)|\.outputs\b|signatures\[", obj))


REQUEST_KEYS = frozenset({"instances", "inputs", "examples", "signature_name", "context", "data", "parameters"})
"""Keys of a request body (TF Serving's, Vertex AI's, KServe v1's): a KeyError on one is a server reading the request,
not a client reading an answer."""


def _key_reading(fr: "Frames") -> str | None:
    from .frames import keyerror_key

    code, key = _failing_line(fr), keyerror_key(fr)
    if not code or not key or key in REQUEST_KEYS:
        return None
    m = _indexed(code, key)
    if m is None or not _answer_like(code, m["obj"]):
        return None
    if key in ("predictions", "outputs"):
        return (f"The answer has no '{key}' key: " + "TF Serving and Vertex AI answer a row-format request "
                "({\"instances\": …}) with {\"predictions\": …} and a columnar one ({\"inputs\": …}) with {\"outputs\": …}; KServe's v2 "
                "protocol answers {\"outputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}; and an answer {\"error\": "
                "…} is the server refusing the request — its message is the real failure. Print the whole answer "
                "(print(resp.status_code, resp.text)), then read the key that fits the request sent (or paste the "
                "error it holds here)")
    if key.lstrip("-").isdigit():
        return (f"{BY_POSITION}([{key}]) is a dict keyed by output names, not a list: a signature "
                "returns a dict of output tensors, and model.predict of a model whose outputs are a dict returns a "
                f"dict of arrays. Index it by name (out['NAME']; {LIST_THEM}), or take list(out.values()) for them in "
                "order")
    return (f"The model's answer has no output named '{key}': {OUTPUT_NAMES}. Index it by a name it has — {LIST_THEM} "
            "— or export the model with dict outputs ({'NAME': tensor}) so the answer is keyed by the names you chose")


def _holder_is_answer(code: str, message: str) -> bool:
    """The object whose attribute the message names is, by the line, a model's answer (``preds.shape``), not a
    model's own attribute (``model.input.shape``: Keras 3's model.input is a list too)."""
    attr = message.rsplit("'", 2)[-2]
    m = re.search(rf"(?P<holder>[\w.]{{1,120}}?)(?:\[[^\]\n]{{0,80}}\])?\s*\.\s*{re.escape(attr)}\b", code)
    return bool(m and (_ANSWER_NAME.search(m["holder"].split(".")[-1]) or "predict" in m["holder"]))


NOT_JSON = "The server's answer is not JSON"
RESPONSE_JSON = lazy(r"RequestsJSONDecodeError|requests\.exceptions\.JSONDecodeError|requests/models\.py\"?, line \d+, "
                     r"in json\b|httpx/_models\.py\"?, line \d+, in json\b|aiohttp/client_reqrep\.py\"?, line \d+, "
                     r"in json\b")
"""A JSON error raised by an HTTP client's ``Response.json()`` (requests' models.Response.json raises
RequestsJSONDecodeError; httpx's and aiohttp's Response.json): the answer's body is not JSON."""


def not_json_reading(text: str) -> str | None:
    """The client's ``response.json()`` failed on the answer (:data:`RESPONSE_JSON`): no category (the labelled texts
    say unknown, 1, or the status a proxy answered, 1; none json_parse_error, the request's JSON), a reading of what
    came back instead."""
    if not RESPONSE_JSON.search(text):
        return None
    return (f"{NOT_JSON}: response.json() could not parse its body, so the request's own JSON is not what failed "
            "-- an HTML or text error page (a proxy's 502 Bad Gateway, 504 Gateway Time-out, 413 Request Entity Too "
            "Large, a 404 page of a wrong URL, another server at that host and port: gRPC's 8500 instead of REST's "
            "8501, a path without /v1/models/NAME:predict) or an empty body. Print what came back first, "
            "print(r.status_code, r.headers.get('content-type'), r.text[:500]), and check r.ok before r.json(); the "
            "status says what happened (504: a proxy gave up waiting, raise its and the client's timeouts; 502 / "
            "503: the model server is down or restarting; 413: send fewer instances; 404: the URL's model name or "
            "path)")


def decides_unknown(fr: "Frames") -> bool:
    """The exception was raised decoding an answer (tf.make_ndarray given another object, an empty typed values field
    reshaped or indexed, np.array of a row answer's dicts): no category, whatever the message alone reads as (an empty
    ``float_val``'s ``cannot reshape array of size 0`` is no input of the wrong size, 2 of 2 labelled texts; ``float()
    argument must be … not 'dict'`` on ``resp["predictions"]`` is no instance format, 1 of 1; a dict of
    outputs indexed by position, ``KeyError: 0``, 4 of 4 no category).  A ``KeyError`` on an answer's named key does not
    decide: the answer may be the server's ``{"error": …}``, whose message the text holds."""
    reading = answer_reading(fr)
    return bool(reading) and reading.startswith((MAKE_NDARRAY, EMPTY_FIELD, ROWS_OF_DICTS, BY_POSITION))


MAKE_NDARRAY = "tf.make_ndarray takes one TensorProto"
EMPTY_FIELD = "The TensorProto's "
ROWS_OF_DICTS = "The answer's rows are dicts: "
BY_POSITION = "The value indexed by position "




def answer_reading(fr: "Frames") -> str | None:
    """What a client did wrong reading a model's answer, when the exception and its line say so; else None."""
    if fr.cut or not fr.exception:
        return None
    message = fr.message.strip()
    code = _failing_line(fr)
    m = _NO_TENSOR_SHAPE.search(message)
    in_make_ndarray = any(f.function in ("MakeNdarray", "make_ndarray") for f in fr.frames) or "make_ndarray" in code
    if fr.exception == "AttributeError" and m and in_make_ndarray:
        cls = m["cls"].rsplit(".", 1)[-1]
        given = ("the response's whole outputs map (response.outputs)" if "Map" in cls or cls == "dict" else
                 "one of a TensorProto's repeated value fields (float_val, int64_val …), not the TensorProto"
                 if "Repeated" in cls or cls == "list" else
                 "a NumPy array, which already is the values" if cls == "ndarray" else f"a {cls}")
        return (f"{MAKE_NDARRAY} (it reads the proto's tensor_shape and dtype) and was given "
                f"{given}: pass one output's TensorProto, tf.make_ndarray(response.outputs['NAME']) "
                "(list(response.outputs) names them); it reads the values field of the output's dtype")
    typed = _TYPED_FIELD.search(code)
    empty = typed is not None and (
        (fr.exception == "ValueError" and _EMPTY_RESHAPE.search(message))
        or (fr.exception == "IndexError" and typed["indexed"] and typed["field"] != "tensor_content"))  # float_val[0]
    if empty:
        field = typed["field"]
        return (f"{EMPTY_FIELD}{field} is empty: a TensorProto carries its values in the field of its dtype — "
                "float_val for DT_FLOAT, double_val, int_val (int32, uint8, int16, int8), int64_val, string_val, "
                "bool_val — or packed in tensor_content. Read it with tf.make_ndarray(response.outputs['NAME']), which "
                "reads whichever the proto uses, or check response.outputs['NAME'].dtype first")
    if fr.exception == "KeyError":
        return _key_reading(fr)
    if fr.exception == "ValueError" and _PER_COLUMN.search(message):
        return ("pandas.DataFrame(dict) takes one 1-D array per column, and a value of the dict is 2-D: an output of "
                "model.predict or of a signature is (batch, units). Build the columns from each output's slices "
                "(preds['probs'][:, i]), or pd.DataFrame(preds['probs']) for one output's units as columns")
    if not code:
        return None
    if fr.exception == "AttributeError" and _STR_ATTRIBUTE.search(message):
        return ("The value is a str, not a tensor: unpacking or iterating a dict gives its keys, and a signature's "
                "answer is a dict of output name → tensor (as is model.predict's for a model with dict outputs), so "
                "a, b = f(x) binds the output names. Keep the dict and index it by name: out = f(x); out['NAME'] "
                f"({LIST_THEM}); if the value was meant to be an array read from a file, the code holds the path "
                "instead")
    if fr.exception == "AttributeError" and _LIST_ATTRIBUTE.search(message) and _holder_is_answer(code, message):
        return ("The value is a list, not an array: model.predict of a model with several outputs returns one array "
                "per output in a list (a dict for dict outputs), in the model's output order, and a JSON answer's "
                "values are lists. Take one output first (preds[0]), or np.asarray(...) a list of rows")
    if fr.exception == "TypeError" and _LIST_BY_NAME.search(message):
        return ("A list was indexed by a name: model.predict of a model built with a list of outputs returns a list "
                "(preds[0], preds[1] in the model's output order), and TF Serving's row answer of a model with one "
                "output is a list of values per instance with no output names (with several outputs, a list of "
                "dicts). Index by position, or build the model with dict outputs to read them by name")
    if fr.exception == "TypeError" and _FLOAT_OF_DICT.search(message) and _ANSWER_ROWS.search(code):
        return (f"{ROWS_OF_DICTS}np.array of the answer's rows met a dict where a number goes: TF Serving's row answer of a "
                "model with several outputs is a list of dicts (one per instance, output name → value). Take one "
                "output first: np.array([p['NAME'] for p in resp['predictions']], dtype='float32'), or send the "
                "request in the columnar form ({\"inputs\": …}) to get {\"outputs\": {NAME: [...]}}")
    if fr.exception == "IndexError" and _ONE_DIMENSIONAL.search(message) and _ANSWER_NAME.search(code):
        return ("The answer made a 1-D array of objects, not a matrix: TF Serving's row answer of a model with several "
                "outputs is a list of dicts (one per instance, output name → value), and rows of different lengths "
                "make no 2-D array. Take one output first: np.array([p['NAME'] for p in predictions]), or send the "
                "request in the columnar form ({\"inputs\": …}) to get {\"outputs\": {NAME: [...]}}")
    return None
