"""Step 1 of explain: read the layers of a pasted text before matching.

A serving error arrives wrapped: an HTTP JSON body (``{"error": …}``), a gRPC status (``_InactiveRpcError`` /
``AbortionError`` / ``StatusRuntimeException`` / Go's ``rpc error: code = … desc = …`` / Node's ``3
INVALID_ARGUMENT: …``), a ``google.api_core.exceptions.X: 400 …``, gcloud's ``ERROR: (gcloud.…) …``, SageMaker's
``ModelError … with message "…"``, TF Serving / TF log lines (``E tensorflow_serving/…/x.cc:123] …``), Python
tracebacks, escaped or cut-short copies.  :func:`read_layers` peels them (on the text :func:`.normalize.normalize`
made one line) and keeps what each layer says: the status code, the innermost TensorFlow message, the node / op /
function / servable names and the source file of a log line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .evidence import GRPC_CODES, extract

MAX_CHARS = 20_000
"""Layers are read in the last this-many characters (what comes last is innermost)."""

_CODE_NAMES = "|".join(sorted(set(GRPC_CODES.values()) - {"OK"}, key=len, reverse=True))
_TF_STATUS = ("Invalid argument", "Failed precondition", "Not found", "Internal", "Unimplemented", "Unavailable",
              "Resource exhausted", "Out of range", "Deadline exceeded", "Unknown", "Aborted", "Cancelled",
              "Permission denied", "Already exists", "Data loss", "Unauthenticated")
_STATUS_FROM_TF = {s.lower(): s.upper().replace(" ", "_") for s in _TF_STATUS}
_STATUS_FROM_TF["cancelled"] = "CANCELLED"

# Each peel: a regex whose group "rest" is the layer below (bounded classes only: linear time).
_PEELS: list[tuple[str, re.Pattern[str]]] = [
    ("gcloud", re.compile(r"ERROR: \((?P<cmd>gcloud[\w.-]{0,80})\) (?P<rest>.*)", re.S)),
    ("sagemaker", re.compile(r"(?:ModelError|ValidationError)\)? when calling the (?P<cmd>\w{1,40}) operation: "
                             r"(?P<rest>.*)", re.S)),
    ("api_core", re.compile(r"google\.api_core\.exceptions\.(?P<exc>\w{1,40}): (?P<http>\d{3}) (?P<rest>.*)", re.S)),
    ("java", re.compile(r"(?:io\.grpc\.)?StatusRuntimeException: (?P<code>[A-Z_]{4,20}):? ?(?P<rest>.*)", re.S)),
    ("go", re.compile(r"rpc error: code = (?P<code>\w{2,20}) desc = (?P<rest>.*)", re.S)),
    ("node", re.compile(r"Error: (?P<num>\d{1,2}) (?P<code>" + _CODE_NAMES + r"): (?P<rest>.*)", re.S)),
    ("grpc_python", re.compile(r"details ?= ?\"(?P<rest>[^\"]{0,8000})\"")),
    ("tf_log", re.compile(r"\.(?:cc|h|py):(?P<line>\d{1,6})\] (?P<rest>.*)", re.S)),
    ("tf_status", re.compile(r"(?:^|[\s:(\"'])(?P<tfstatus>" + "|".join(_TF_STATUS) + r"|" + _CODE_NAMES
                             + r"): (?P<rest>.*)", re.S)),
]
_FILE_TAIL = re.compile(r"[\w/.-]{1,200}$")
_JSON_START = re.compile(r"\{\s*\"(?:error|message|detail|details|errors?_?message|Message)\"")


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
    wrappers: list[str] = field(default_factory=list)
    """The layers peeled, outermost first (``gcloud``, ``http-json``, ``grpc_python``, ``tf_status`` …)."""

    def facts(self) -> dict[str, Any]:
        return {"status": self.status, "http_status": self.http_status, "exception": self.exception,
                "platform": self.platform, "command": self.command, "op": self.op, "node": self.node,
                "function": self.function, "servable": self.servable, "version": self.version, "file": self.file,
                "message": self.message[:300], "layers": self.wrappers}


def _json_message(text: str) -> str | None:
    """The innermost string of the first JSON object with an error/message key in ``text``."""
    m = _JSON_START.search(text)
    if not m:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text[m.start():])
    except ValueError:
        return None
    for _ in range(8):
        if isinstance(value, dict):
            for key in ("error", "message", "detail", "details", "errors", "error_message", "Message"):
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


def _snake(name: str) -> str:
    """``FailedPrecondition`` / ``NotFound`` / ``INVALID_ARGUMENT`` → ``FAILED_PRECONDITION`` …"""
    if name.isupper():
        return name
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).upper().replace("DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED")


def read_layers(line: str) -> Layers:
    """Peel the wrappers of ``line`` (a normalised text) down to the innermost message."""
    text = line[-MAX_CHARS:]
    ev = extract(text)
    layers = Layers(text=text, message=text, status=ev.get("grpc_status"), http_status=ev.get("http_status"),
                    exception=ev.get("exception"), platform=ev.get("platform"), command=ev.get("command"),
                    op=ev.get("op"), node=ev.get("node"), function=ev.get("function"), servable=ev.get("servable"),
                    version=ev.get("version"))
    rest = text
    for _ in range(12):
        # the outermost layer first: whichever wrapper starts earliest in what is left
        found = [(m.start(), name, m) for name, peel in _PEELS for m in [peel.search(rest)]
                 if m is not None and m.group("rest").strip() and m.group("rest") != rest]
        j = _JSON_START.search(rest)
        body = _json_message(rest) if j is not None else None
        if body is not None and body != rest and len(body) >= 8 and (not found or j.start() <= min(found)[0]):
            layers.wrappers.append("json")
            rest = body
            continue
        if not found:
            break
        _, name, m = min(found, key=lambda f: f[0])
        g = m.groupdict()
        code = _snake(g.get("code") or g.get("exc") or "")
        if code in GRPC_CODES.values():
            layers.status = layers.status or code
        if g.get("tfstatus"):
            layers.status = layers.status or _STATUS_FROM_TF.get(g["tfstatus"].lower(), g["tfstatus"])
        if g.get("exc"):
            layers.exception = layers.exception or g["exc"]
        if g.get("http"):
            layers.http_status = layers.http_status or int(g["http"])
        if name == "tf_log":
            f = _FILE_TAIL.search(rest, max(0, m.start() - 200), m.start())
            ext = rest[m.start():m.start("line") - 1]
            layers.file = f"{f.group(0) if f else ''}{ext}:{g['line']}"
        layers.wrappers.append(name)
        rest = m.group("rest")
    layers.message = rest.strip().strip("\"'")
    m = re.search(r"\{\{node ([^}\s]{1,300})\}\}|\[\[Node: ([^\s=]{1,300}) =", rest)
    if m and not layers.node:
        layers.node = m.group(1) or m.group(2)
    m = re.search(r"'(\w{1,80})' (?:op|Op)\b|\bOp '(\w{1,80})'|\(op: (\w{1,80})\)|\bop: '(\w{1,80})'", text)
    if m and not layers.op:
        layers.op = next(g for g in m.groups() if g)
    return layers
