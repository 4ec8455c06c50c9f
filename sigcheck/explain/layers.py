"""Step 1 of explain: read the layers of a pasted text before matching.

A serving error arrives wrapped, and each wrapper is written the way its source writes it:

* an HTTP JSON body (``{"error": …}``: TF Serving, KServe v1/v2, Triton; ``{"error": {"code": 400, "message": …}}``:
  Google APIs), possibly cut short or with its quotes unescaped;
* a gRPC status as each client prints it: Python's ``_InactiveRpcError`` / ``_MultiThreadedRendezvous`` (``status =
  StatusCode.X details = "…" debug_error_string = "…"``) and the old ``AbortionError(code=…, details="…")``;
  grpc-java's ``StatusRuntimeException: CODE: description`` (Status.formatThrowableMessage) and ``Status{code=…,
  description=…, cause=…}`` (Status.toString); grpc-go's ``rpc error: code = X desc = …`` (status.Error); grpc-js's
  ``Error: 3 INVALID_ARGUMENT: …`` (``${code} ${Status[code]}: ${details}``); .NET's ``Status(StatusCode="X",
  Detail="…"[, DebugException="…"])`` (Grpc.Core.Api Status.ToString); tritonclient's ``InferenceServerException:
  [StatusCode.X] …`` / ``[400] …`` (``"[" + status + "] " + msg``) around Triton's ``[request id: ID] …``
  (InferenceRequest::LogRequest);
* a client library's exception: ``google.api_core.exceptions.InvalidArgument: 400 …`` (``{code} {message}
  [{details}]``, the class naming the gRPC code), TensorFlow Java's ``org.tensorflow.exceptions.TFInvalidArgumentException``
  (AbstractTF_Status.throwExceptionIfNotOK) and TF Python's ``errors_impl.InvalidArgumentError``, requests' ``400
  Client Error: … for url: …``, httpx's ``Client error '400 Bad Request' for url '…'``, axios' ``Request failed with
  status code 400`` with its ``data: { error: '…' }``, the Vertex SDK's ``Failed to make prediction request. Status
  code:400, response: …``, .NET HttpClient's ``Response status code does not indicate success: 400 (Bad Request).``,
  a browser console's ``POST http://…:8501/v1/models/m:predict 400 (Bad Request)``, a printed Python dict
  (``{'error': '…'}``), R's reticulate ``Error in py_call_impl(…) : X: …``, Python.NET's ``PythonException: X : …``;
* gcloud's ``ERROR: (gcloud.…) …``; botocore's ``An error occurred (ModelError) when calling the InvokeEndpoint
  operation: Received client error (400) from model with message "…". See https://… for more information.``;
* TF Serving / TF log lines (``E tensorflow_serving/…/x.cc:123] …``, ``OP_REQUIRES failed at conv_ops.cc:NNN : …``)
  and status prefixes (``Invalid argument: …``, ``INVALID_ARGUMENT: …``).

:func:`read_layers` peels them, outermost first, on the text :func:`.normalize.normalize` made one line (container
log prefixes and Java / JavaScript stack frames are gone by then), and keeps what each layer says: the status code,
the HTTP status, the innermost message, the node / op / function / servable names, the peer address and the source
file of a log line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .patterns import Lazy, lazy
from .evidence import GRPC_CODES, extract

MAX_CHARS = 20_000
"""Layers are read in the last this-many characters (what comes last is innermost)."""

_CODE_NAMES = "|".join(sorted(set(GRPC_CODES.values()) - {"OK"}, key=len, reverse=True))
_TF_STATUS = ("Invalid argument", "Failed precondition", "Not found", "Internal", "Unimplemented", "Unavailable",
              "Resource exhausted", "Out of range", "Deadline exceeded", "Unknown", "Aborted", "Cancelled",
              "Permission denied", "Already exists", "Data loss", "Unauthenticated")
_STATUS_FROM_TF = {s.lower(): s.upper().replace(" ", "_") for s in _TF_STATUS}
_STATUS_FROM_TF["cancelled"] = "CANCELLED"

STATUS_OF_CLASS = {
    # google.api_core.exceptions (python-api-core exceptions.py: each class's grpc_status_code)
    "InvalidArgument": "INVALID_ARGUMENT", "FailedPrecondition": "FAILED_PRECONDITION", "OutOfRange": "OUT_OF_RANGE",
    "Unauthenticated": "UNAUTHENTICATED", "Unauthorized": "UNAUTHENTICATED", "PermissionDenied": "PERMISSION_DENIED",
    "Forbidden": "PERMISSION_DENIED", "NotFound": "NOT_FOUND", "AlreadyExists": "ALREADY_EXISTS",
    "Conflict": "ABORTED", "Aborted": "ABORTED", "ResourceExhausted": "RESOURCE_EXHAUSTED",
    "TooManyRequests": "RESOURCE_EXHAUSTED", "Cancelled": "CANCELLED", "InternalServerError": "INTERNAL",
    "Unknown": "UNKNOWN", "DataLoss": "DATA_LOSS", "MethodNotImplemented": "UNIMPLEMENTED",
    "ServiceUnavailable": "UNAVAILABLE", "DeadlineExceeded": "DEADLINE_EXCEEDED", "GatewayTimeout": "DEADLINE_EXCEEDED",
    "BadRequest": "INVALID_ARGUMENT",
    # TensorFlow Java 0.3+ (org.tensorflow.exceptions, AbstractTF_Status.throwExceptionIfNotOK); 1.x used the JDK's
    "TFInvalidArgumentException": "INVALID_ARGUMENT", "TFFailedPreconditionException": "FAILED_PRECONDITION",
    "TFOutOfRangeException": "OUT_OF_RANGE", "TFPermissionDeniedException": "PERMISSION_DENIED",
    "TFResourceExhaustedException": "RESOURCE_EXHAUSTED", "TFUnauthenticatedException": "UNAUTHENTICATED",
    "TFUnimplementedException": "UNIMPLEMENTED",
}
"""Exception classes that name a gRPC / TensorFlow status code."""

_API_CORE = "|".join(sorted(k for k in STATUS_OF_CLASS if not k.startswith("TF")))


@dataclass(frozen=True)
class Peel:
    """One wrapper: ``regex`` finds it, its group ``rest`` is the layer below; ``end`` (tried in order, the first
    found wins) cuts what the wrapper writes after the layer it wraps (``" debug_error_string = …``, ``", cause=…``)."""

    name: str
    regex: Lazy
    end: tuple[Lazy, ...] = ()


def _p(name: str, pattern: str, *end: str) -> Peel:
    return Peel(name, lazy(pattern, re.S), tuple(lazy(e) for e in end))


_DETAILS = r" \[(?!\[)[^\[\]]{0,4000}\]\s*$"
"""api_core's ``{code} {message} {details}``: the details list (``[field_violations {…}]``) after the message."""

# Each peel's classes are bounded: linear time.  Trailers that only count at the very end of the text end in \s*$.
_PEELS: list[Peel] = [
    _p("gcloud", r"ERROR: \((?P<cmd>gcloud[\w.-]{0,80})\) (?P<rest>.*)"),
    _p("sagemaker", r"An error occurred \((?P<exc>\w{1,60})\) when calling the (?P<cmd>\w{1,60}) operation"
       r"(?: \(reached max retries: \d{1,4}\))?: (?P<rest>.*)"),  # botocore ClientError.MSG_TEMPLATE
    _p("sagemaker", r"(?:ModelError|ValidationError)\)? when calling the (?P<cmd>\w{1,40}) operation: (?P<rest>.*)"),
    _p("sagemaker_model", r"Received (?:client|server) error \((?P<http>\d{1,3})\) from (?:model|primary|\w{1,40})"
       r"[\w ]{0,60} with message \"(?P<rest>.*)", r"\"\. See https?://", r"\"\.?\s*$"),
    _p("vertex_sdk", r"Failed to make prediction request\. Status code: ?(?P<http>\d{3}), response: (?P<rest>.*)",
       r"\.\s*$"),
    _p("api_core", r"(?:google\.api_core\.exceptions\.)(?P<exc>\w{1,40}): (?P<http>\d{3}) (?P<rest>.*)", _DETAILS),
    _p("api_core", r"(?:^|[\s:(])(?P<exc>" + _API_CORE + r"): (?P<http>\d{3}) (?P<rest>.*)", _DETAILS),
    _p("reticulate", r"Error in py_(?:call|get_attr|module_import|run_file|run_string)_impl\([^)\n]{0,200}\) ?: ?"
       r"(?P<rest>.*)", r" ?Detailed traceback:"),  # R (reticulate: keras / tensorflow for R): 'Error in CALL : MESSAGE'
    _p("pythonnet", r"Python\.Runtime\.PythonException: ?(?P<exc>\w{1,60}) ?: (?P<rest>.*)"),  # Python.NET (C#)
    _p("tf_java", r"org\.tensorflow\.(?:exceptions\.)?(?P<exc>TF\w{1,40}Exception|TensorFlowException): (?P<rest>.*)"),
    _p("tf_python", r"(?:errors_impl\.|tf\.errors\.|\b)(?P<exc>(?:InvalidArgument|FailedPrecondition|NotFound|"
       r"Unimplemented|ResourceExhausted|Internal|Unknown|OutOfRange|Aborted|Cancelled|DeadlineExceeded|"
       r"PermissionDenied|AlreadyExists|DataLoss|Unauthenticated|Unavailable)Error): (?P<rest>.*)"),
    _p("java", r"(?:io\.grpc\.)?StatusRuntimeException: (?P<code>[A-Z_]{4,20}):? ?(?P<rest>.*)"),
    _p("java_status", r"Status\{code=(?P<code>[A-Z_]{4,20}), description=(?P<rest>.*)", r", cause=", r"\}\s*$"),
    _p("dotnet", r"Status\(StatusCode=\"?(?P<code>\w{2,20})\"?, Detail=\"(?P<rest>.*)", r"\", DebugException=",
       r"\"\)\s*$"),
    _p("go", r"rpc error: code = (?P<code>\w{2,20}) desc = (?P<rest>.*)"),
    _p("triton", r"InferenceServerException: \[(?:StatusCode\.(?P<code>[A-Z_]{3,20})|(?P<http>\d{3}))\] (?P<rest>.*)"),
    _p("triton_request", r"\[request id: [^\]\n]{0,200}\] (?P<rest>.*)"),
    _p("node", r"Error: (?P<num>\d{1,2}) (?P<code>" + _CODE_NAMES + r"): (?P<rest>.*)"),
    _p("grpc_python", r"details ?= ?\"(?P<rest>.*)", r"\"\s*,?\s*debug_error_string", r"\"\s*\)?\s*>?\s*$",
       r"\"\)"),
    _p("requests", r"(?P<http>[45]\d\d) (?:Client|Server) Error: (?P<rest>.*)"),
    _p("httpx", r"(?:Client|Server) error '(?P<http>[45]\d\d) [^'\n]{0,80}' for url (?P<rest>.*)"),
    _p("axios", r"Request failed with status code (?P<http>[45]\d\d)(?P<rest>.*)"),
    _p("js_body", r"\{ ?error: ['\"](?P<rest>.*)", r"['\"] ?\}"),
    _p("py_dict", r"\{'(?:error|message|detail)': ['\"](?P<rest>.*)", r"['\"]\s?[,}]"),
    _p("dotnet_http", r"Response status code does not indicate success: (?P<http>[45]\d\d)(?: \([^)\n]{0,60}\))?\.?"
       r"(?P<rest>.*)"),
    _p("browser", r"(?:POST|GET|PUT) https?://[^\s]{1,300} (?P<http>[45]\d\d) \([^)\n]{0,60}\)(?P<rest>.*)"),
    # JVM and .NET exceptions (a Java stack trace's 'Exception in thread "main" X: …' and 'Caused by: X: …', .NET's
    # 'Unhandled exception. X: …' and inner exception ' ---> X: …'): the chain's words first, then a class of a JVM /
    # .NET namespace (org.deeplearning4j…InvalidKerasConfigurationException, java.lang.IllegalArgumentException,
    # Tensorflow.InvalidArgumentError, TensorFlow.TFException); the classes other peels read (tf_java, grpc-java's
    # io.grpc) come first at the same place
    _p("exception_chain", r"(?:^|(?<=\s))(?:Exception in thread \"[^\"\n]{1,80}\"|Caused by:|Unhandled [Ee]xception[.:]|"
       r"--->) ?(?P<rest>.*)"),
    _p("exception_class", r"(?<![\w.$])(?:java|javax|org|com|ai|kotlin|scala|System|Microsoft|Tensorflow|TensorFlow|"
       r"Emgu)(?:\.[\w$]{1,60}){0,8}\.(?P<exc>(?:[A-Z][\w$]{0,80})?(?:Exception|Error)):? (?P<rest>.*)"),
    # TensorFlow and Keras re-raising an error with their own words around it (they start where they stand, so the
    # outermost first rule peels them in the order they wrap):
    # Keras's traceback_utils.inject_argument_info_in_traceback: "Exception encountered when calling X.\n\n{message}
    # \n\nArguments received by X:" (Keras 3) / "Call arguments received by layer …" (Keras 2)
    _p("keras_call", r"Exception encountered when calling [^\n]{1,200}?\)\. (?P<rest>.*)",
       r" (?:Call a|A)rguments received by "),
    # TF 2.x's AtomicFunction / error_interpolation: "Graph execution error:\n\nDetected at node N defined at (most
    # recent call last):\n<frames>\nNode: 'N'\n{message}" (the frames are gone by now)
    _p("tf_graph", r"Graph execution error: (?:Detected at node [^\n]{1,300}? defined at \(most recent call last\):"
       r"(?: <stack traces unavailable>)? ?)?(?:Node: '[^'\n]{1,300}' )?(?P<rest>.*)"),
    # an eager op's error (ops.py raise_from_not_ok_status): "{{function_node __wrapped__OP_device_…}} {message}
    # [Op:OP] name: NAME"
    _p("tf_eager", r"\{\{function_node __wrapped__[^}\s]{1,300}\}\} (?P<rest>.*)",
       r" \[Op:[\w-]{1,200}\](?: name:[^\n]{0,200})?\s*$"),
    # OpenCV's cv::Exception as what() words it (opencv-python's cv2.error, a C++ 'terminate called … what():'):
    # "OpenCV(4.5.1) /path/tf_importer.cpp:1234: error: (-2:Unspecified error) MESSAGE in function 'populateNet'"
    # (3.4.0-3.4.1: no "OpenCV(…)", "(-2)" and the function unquoted); errors nest (ONNX's "Node […] parse error: …")
    _p("opencv", r"(?P<src>[\w.-]{1,80}\.(?:cpp|hpp|h)):(?P<line>\d{1,6}): error: \(-?\d{1,4}(?::[^)\n]{1,80})?\) "
       r"(?P<rest>.*)",
       r" ?in function (?:'[^'\n]{1,300}'|[\w:~<>]{1,300})(?: Aborted \(core dumped\))?\s*$"),
    # cv::error's default handler (a C++ program's stderr before 4.x's what() wording, and 4.x's own log of it):
    # "OpenCV(4.1.1) Error: Unspecified error (MESSAGE) in cv::dnn::…::getLayerInstance, file …/dnn.cpp, line 525"
    _p("opencv_error", r"OpenCV(?:\([\w.-]{1,30}\))? Error: [\w ,/-]{1,60} \((?P<rest>.*)",
       r"\) in [\w:~<>.]{1,300}, file [^\n]{1,400}, line \d{1,6}\s*$"),
    _p("op_requires", r"OP_REQUIRES failed at (?P<src>[\w.-]{1,80}):(?P<line>\d{1,6}) ?: (?P<rest>.*)"),
    _p("tf_log", r"\.(?:cc|h|py):(?P<line>\d{1,6})\] (?P<rest>.*)"),
    _p("tf_status", r"(?:^|[\s:(\"'])(?P<tfstatus>" + "|".join(_TF_STATUS) + r"|" + _CODE_NAMES + r"): (?P<rest>.*)"),
]
_FILE_TAIL = lazy(r"[\w/.-]{1,200}$")
_JSON_KEYS = ("error", "message", "detail", "details", "errors", "error_message", "Message")
_JSON_START = lazy(r"\{\s*\"(?:error|message|detail|details|errors?_?message|Message)\"")
_JSON_STRING = lazy(r"\"(?:error|message|detail|details|error_message|Message)\"\s*:\s*\"")
_JSON_STRING_END = lazy(r"\"\s*(?:,\s*\"[\w-]{1,40}\"\s*:|\})")
_PEER = lazy(r"(?:peer (?:ipv[46]:)?|ipv[46]:|https?://)(?P<peer>[\w.-]{1,200}:\d{2,5}|\[[\w:.%]{2,60}\]:\d{2,5})")


@dataclass
class Layers:
    """What the layers of a text say; ``message`` is the innermost one (what the index matches best)."""

    text: str
    message: str
    status: str | None = None
    http_status: int | None = None
    exception: str | None = None
    platform: str | None = None
    command: str | None = None
    op: str | None = None
    node: str | None = None
    function: str | None = None
    servable: str | None = None
    version: int | None = None
    file: str | None = None
    """The source file (and line) of a TF / TF Serving log line: ``tensorflow_serving/util/json_tensor.cc:563``."""
    peer: str | None = None
    """The address the client talked to (``127.0.0.1:8501`` from a gRPC debug string or a URL)."""
    wrappers: list[str] = field(default_factory=list)
    """The layers peeled, outermost first (``gcloud``, ``json``, ``grpc_python``, ``tf_status`` …)."""

    def facts(self) -> dict[str, Any]:
        return {"status": self.status, "http_status": self.http_status, "exception": self.exception,
                "platform": self.platform, "command": self.command, "op": self.op, "node": self.node,
                "function": self.function, "servable": self.servable, "version": self.version, "file": self.file,
                "peer": self.peer, "message": self.message[:300], "layers": self.wrappers}


def _json_message(text: str) -> str | None:
    """The innermost string of the first JSON object with an error/message key in ``text``; for a body that is cut
    short or whose inner quotes were unescaped (no longer JSON), the string value after its key."""
    m = _JSON_START.search(text)
    if not m:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text[m.start():])
    except ValueError:
        return _json_string_value(text, m.start())
    for _ in range(8):
        if isinstance(value, dict):
            for key in _JSON_KEYS:
                if key in value and value[key]:
                    value = value[key]
                    break
            else:
                return None
        elif isinstance(value, list) and value:
            value = value[0]
        else:
            break
    if isinstance(value, str):
        inner = _JSON_START.search(value)
        return _json_message(value) if inner else value
    return None


def _json_string_value(text: str, start: int) -> str | None:
    """The value of the last error/message key from ``start`` on, up to the quote that closes it (a quote followed
    by the next key or a ``}``) or the end of the text."""
    last = None
    for last in _JSON_STRING.finditer(text, start):
        pass
    if last is None:
        return None
    rest = text[last.end():]
    end = _JSON_STRING_END.search(rest)
    value = rest[:end.start()] if end else rest.rstrip().rstrip("\"}] ").rstrip()
    return value or None


def _snake(name: str) -> str:
    """``FailedPrecondition`` / ``NotFound`` / ``INVALID_ARGUMENT`` → ``FAILED_PRECONDITION`` …"""
    if name.isupper():
        return name
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper()


def _status_of(group: dict[str, Any]) -> str | None:
    for key in ("code", "exc"):
        name = group.get(key)
        if not name:
            continue
        if name in STATUS_OF_CLASS:
            return STATUS_OF_CLASS[name]
        code = _snake(name[:-5] if name.endswith("Error") and name != "Error" else name)
        if code in GRPC_CODES.values():
            return code
    if group.get("tfstatus"):
        return _STATUS_FROM_TF.get(group["tfstatus"].lower(), group["tfstatus"])
    if group.get("num") and int(group["num"]) in GRPC_CODES:
        return GRPC_CODES[int(group["num"])]
    return None


def _cut(rest: str, peel: Peel) -> str:
    for end in peel.end:
        m = end.search(rest)
        if m is not None:
            return rest[:m.start()]
    return rest


def _unquote(text: str) -> str:
    """The message without the quotes around it (a JSON string's, a repr's) or a stray one left at either end of a
    cut; a quote that closes one inside (``KeyError: 'serving'``) stays."""
    text = text.strip()
    for _ in range(4):
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'" and text[0] not in text[1:-1]:
            text = text[1:-1].strip()
        elif text[:1] in ("\"", "'") and text.count(text[0]) % 2:
            text = text[1:].strip()
        elif text[-1:] in ("\"", "'") and text.count(text[-1]) % 2:
            text = text[:-1].strip()
        else:
            break
    return text


def read_layers(line: str) -> Layers:
    """Peel the wrappers of ``line`` (a normalised text) down to the innermost message."""
    text = line[-MAX_CHARS:]
    ev = extract(text)
    layers = Layers(text=text, message=text, status=None, http_status=None,
                    exception=ev.get("exception"), platform=ev.get("platform"), command=ev.get("command"),
                    op=ev.get("op"), node=ev.get("node"), function=ev.get("function"), servable=ev.get("servable"),
                    version=ev.get("version"))
    m = _PEER.search(text)
    if m:
        layers.peer = m.group("peer")
    rest = text
    for _ in range(16):
        # the outermost layer first: whichever wrapper starts earliest in what is left
        found = [(m.start(), i, peel, m) for i, peel in enumerate(_PEELS) for m in [peel.regex.search(rest)]
                 if m is not None and m.group("rest").strip() and m.group("rest") != rest]
        j = _JSON_START.search(rest)
        body = _json_message(rest) if j is not None else None
        if body is not None and body != rest and len(body) >= 8 and (not found or j.start() <= min(found)[0]):
            layers.wrappers.append("json")
            rest = body
            continue
        if not found:
            break
        _, _, peel, m = min(found, key=lambda f: (f[0], f[1]))
        g = m.groupdict()
        status = _status_of(g)
        if status is not None:
            layers.status = layers.status or status  # the outermost code the text states
        if g.get("exc"):
            layers.exception = layers.exception or g["exc"]
        if g.get("http") and 100 <= int(g["http"]) <= 599:
            layers.http_status = layers.http_status or int(g["http"])
        if peel.name == "tf_log":
            f = _FILE_TAIL.search(rest, max(0, m.start() - 200), m.start())
            ext = rest[m.start():m.start("line") - 1]
            layers.file = f"{f.group(0) if f else ''}{ext}:{g['line']}"
        elif peel.name in ("op_requires", "opencv"):
            layers.file = f"{g['src']}:{g['line']}"
        layers.wrappers.append(peel.name)
        rest = _cut(m.group("rest"), peel)
    layers.status = layers.status or ev.get("grpc_status")
    layers.http_status = layers.http_status or ev.get("http_status")
    layers.message = _unquote(rest)
    m = re.search(r"\{\{node ([^}\s]{1,300})\}\}|\[\[Node: ([^\s=]{1,300}) =", rest)
    if m and not layers.node:
        layers.node = m.group(1) or m.group(2)
    m = re.search(r"'(\w{1,80})' (?:op|Op)\b|\bOp '(\w{1,80})'|\(op: (\w{1,80})\)|\bop: '(\w{1,80})'", text)
    if m and not layers.op:
        layers.op = next(g for g in m.groups() if g)
    return layers
