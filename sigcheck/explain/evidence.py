"""Evidence: the concrete facts in an error text (shapes, names, dtypes, ops, sizes, codes, paths, platform).

Two sources: the named groups of the catalogue pattern that matched (``got_shape``, ``input``, ``limit_bytes`` …,
converted by :func:`convert`), and the facts any serving error may carry, found by :func:`extract` whatever the
category (the gRPC/HTTP status, the node and op that failed, the platform and its wrapper, servable and version).
"""

from __future__ import annotations

import re
from typing import Any

from .patterns import lazy

# gRPC status numbers (grpc_status in debug_error_string, "gRPC call return code: 9", Node's "4 DEADLINE_EXCEEDED").
GRPC_CODES = {
    0: "OK", 1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND",
    6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION", 10: "ABORTED",
    11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE", 15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}
_CODE_NAMES = "|".join(sorted(set(GRPC_CODES.values()) - {"OK"}, key=len, reverse=True))

_INT_KEYS = frozenset({
    "want_rank", "got_rank", "values", "requested", "multiple", "offset", "element", "size_bytes", "limit_bytes",
    "got", "want", "version", "batch", "level", "http_status", "builtin_code",
})


def parse_shape(text: str) -> list[int] | None:
    """``[1,1,150,150,3]``, ``(1, 199, 254, 3)``, ``(?,)``, ``(None, 28)`` → a list with -1 for unknown dims; OpenVINO's
    CPU plugin prints a tensor's shape with dots, ``(1.28.28.3)``."""
    inner = text.strip().strip("[]()").strip()
    if not inner:
        return []
    if re.fullmatch(r"\d+(?:\.\d+)+", inner) and text.strip().startswith("("):
        inner = inner.replace(".", ",")
    dims: list[int] = []
    for part in inner.split(","):
        part = part.strip()
        if not part:
            continue
        if part in ("?", "None", "none", "-1", "null"):
            dims.append(-1)
        elif re.fullmatch(r"\d+", part):
            dims.append(int(part))
        else:
            return None
    return dims


def format_shape(dims: Any) -> str:
    """As TF prints shapes in messages: ``[1,1,150,150,3]`` (-1 for unknown)."""
    if dims is None:
        return "unknown rank"
    return "[" + ",".join(str(d) for d in dims) + "]"


def convert(name: str, value: str) -> Any:
    """A pattern group's text as evidence: shapes to lists, counts to ints, names stripped of quotes."""
    value = value.strip()
    if name.endswith("shape"):
        shape = parse_shape(value)
        return shape if shape is not None else value
    if name in _INT_KEYS and re.fullmatch(r"-?\d+", value):
        return int(value)
    if name == "tags":
        return re.sub(r"[{}'\"]", "", value).strip()
    if name == "expected_keys":
        return [k for k in re.split(r"[,\s'\"]+", value) if k]
    if '"' not in value.rstrip(' "}])\\'):  # a wrapper's closing quote and brackets after the message (a JSON log
        value = _WRAPPER_CLOSE.sub("", value)  # line's "}, grpc's \"}, .NET's Detail="…")) that a capture ran into
    return value.strip("'\"`").rstrip(".,;").rstrip("'\"`")


_WRAPPER_CLOSE = lazy(r'\s*\\?"[\s}\])]*$')


def _first(pattern: str, text: str, flags: int = re.I) -> re.Match[str] | None:
    return re.search(pattern, text, flags)


def extract(text: str) -> dict[str, Any]:
    """Facts any serving error may carry, from the normalised text (keys absent when not found)."""
    ev: dict[str, Any] = {}

    m = _first(r"\(gcloud\.([\w.-]+)\)", text)
    if m:
        ev["platform"] = "gcloud"
        ev["command"] = "gcloud " + m.group(1).replace(".", " ")
    elif _first(r"google\.api_core\.exceptions|aiplatform|vertex ai|\bvertex\b|/endpoints/\d+", text):
        ev["platform"] = "vertex"
    elif _first(r"ml\.googleapis\.com|ml-engine|ml engine|ai-platform|ai platform|cloud ml", text):
        ev["platform"] = "ai-platform"
    elif _first(r"invokeendpoint|sagemaker", text):
        ev["platform"] = "sagemaker"
    elif _first(r"tensorflow_serving/|tensorflow_model_server|/v1/models/", text):
        ev["platform"] = "tf-serving"

    m = _first(r"exceptions\.(\w+): (\d{3})\b", text)
    if m:
        ev["exception"] = m.group(1)
        ev["http_status"] = int(m.group(2))
    else:
        m = _first(r"(?:HttpError |HTTP(?:/\d(?:\.\d)?)? |status(?: code)?[ :=]+|error \(|returned |code[\"']?: ?)([1-5]\d\d)\b", text)
        if m:
            ev["http_status"] = int(m.group(1))
        else:
            m = _first(r"(?:^|: )([45]\d\d) (?=[A-Z])", text, 0)
            if m:
                ev["http_status"] = int(m.group(1))

    m = _first(r"StatusCode\.([A-Z_]+)", text, 0)
    if m:
        ev["grpc_status"] = m.group(1)
    else:
        m = _first(r"(?:grpc_status\"?:|gRPC call return code:|^|\s)(\d{1,2})[ :]+(?=" + _CODE_NAMES + r"\b)", text, 0)
        m2 = _first(r"grpc_status\"?:(\d{1,2})|gRPC call return code: ?(\d{1,2})", text, 0)
        if m2:
            num = int(m2.group(1) or m2.group(2))
            if num in GRPC_CODES:
                ev["grpc_status"] = GRPC_CODES[num]
        elif m:
            num = int(m.group(1))
            if num in GRPC_CODES:
                ev["grpc_status"] = GRPC_CODES[num]
        else:
            m = _first(r"\b(" + _CODE_NAMES + r")\b", text, 0)
            if m:
                ev["grpc_status"] = m.group(1)

    m = _first(r"\{\{node ([^}\s]+)\}\}", text)
    if m:
        ev["node"] = m.group(1)
    m = _first(r"\[\[Node: ([^\s=]+) = (\w+)\[", text)
    if m:
        ev.setdefault("node", m.group(1))
        ev["op"] = m.group(2)
    functions = re.findall(r"\{\{function_node ([^}\s]+)\}\}", text, re.I)
    if functions:
        # an eager op's error names the op's own wrapper first (ops.py raise_from_not_ok_status:
        # "{{function_node __wrapped__Reshape_device_/job:…/device:CPU:0}}"): the function the graph runs is another
        ev["function"] = next((f for f in functions if not f.startswith("__wrapped__")), functions[0])
    m = _first(r"\[Op:__inference_(\w+?)_\d+\]", text)
    if m:
        ev["traced"] = m.group(1)  # the tf.function an eager call ran (Keras: predict_function, train_function …)

    m = _first(r"failed to process element: (\d+)(?: key: (\S+))? of 'instances' list", text)
    if m:
        ev["element"] = int(m.group(1))
        if m.group(2):
            ev["input"] = m.group(2)
    found = json_value_facts(text)
    if "json_value" in found:
        ev["json_value"] = found["json_value"]
    m = _first(r"servable:? \{name: ([^\s}]+) version: (\d+)\}", text)
    if m:
        ev["servable"] = m.group(1)
        ev["version"] = int(m.group(2))
    for m in _PATH.finditer(text):
        if not looks_base64(text, m.start(1)) and not _SOURCE_FILE.search(m.group(1)):
            ev["path"] = m.group(1).rstrip(".")
            break
    return ev


_JSON_VALUE = lazy(
    r"(?:json )?value: (?P<value>\"(?:[^\"\\]|\\.){0,60}\"|[-+]?[\w.]{1,40}) type: ?(?P<type>\w+) "
    r"is(?: not|n't| one)? of expected type: ?(?P<expected>\w+)", re.I)


def json_value_facts(text: str) -> dict[str, Any]:
    """TF Serving's ``JSON Value: 1 Type: Number is not of expected type: string`` as ``json_value`` (the scalar
    sent, unquoted), ``json_type`` and ``expected_dtype``; empty when the text has no such sentence with a scalar."""
    m = _JSON_VALUE.search(text)
    if not m:
        return {}
    value = m.group("value")
    if value.startswith('"'):
        value = value[1:-1]
    return {"json_value": value, "json_type": m.group("type"), "expected_dtype": m.group("expected")}


_PATH = lazy(r"(?<![\w/])((?:gs|s3|hdfs)://[^\s\"'<>,;}\]]*|/(?:[\w.+@-]+/)+[\w.+@{}|-]*)", re.I)
_SOURCE_FILE = lazy(r"\.(?:ts|js|mjs|cjs|py|pyx|cc|cpp|c|h|hpp|java|kt|scala|go|rs|swift|mm|cs|rb)$", re.I)
"""A source file (a stack frame's ``…/tfjs-core/src/io/http.ts:142``, ``File "/usr/lib/python3/site.py"``): where
the code is, not a path the program was given."""
_B64_RUN = lazy(r"[A-Za-z0-9+/]+=*")
_B64_KEY = lazy(r"(?:b64|base64|bytes)[\"']?\s*[:=,]\s*[\"']?\s*$|base64,$", re.I)
_B64_MAGIC = ("/9j/", "iVBOR", "R0lGOD", "UklGR")
"""How base64 of JPEG, PNG, GIF and WebP files begins."""


def looks_base64(text: str, start: int) -> bool:
    """The slash-separated token at ``start`` is base64 data (a {"b64": …} value, a JPEG's ``/9j/4AAQ…``), not a path.

    Base64 has ``/`` in its alphabet, so an encoded image looks like ``/9j/4AAQSkZJRg…``.  It is data when it is the
    value of a b64/base64 key or follows ``base64,``, when it starts as an encoded image file does, or when it has a
    long run of letters and digits in both cases without the ``.``, ``_`` or ``-`` that file and folder names have.
    """
    if _B64_KEY.search(text[max(0, start - 24):start]):
        return True
    m = _B64_RUN.match(text, start)
    token = m.group(0) if m else ""
    if token.startswith(_B64_MAGIC) and len(token) >= 12:
        return True
    if len(token) < 16:
        return False
    return any(len(part) >= 12 and re.search(r"[a-z]", part) and re.search(r"[A-Z]", part)
               and re.search(r"\d", part) for part in token.split("/"))
