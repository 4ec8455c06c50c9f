"""Measure whether ``sigcheck explain`` reads a known message the same way whatever wraps it (issue #15).

    python benchmarks/explain_wrappers.py [--sample N] [--seed S] [--only NAME,...] [--show K] [--json OUT]

"An unseen wrapper around a known message must still be read right."  The messages are the real ones the project
already reads: every ``example`` of the message index (``sigcheck/explain/messages.json``, taken from the sources
of TensorFlow, TF Serving, Keras, the platforms) and every text of ``tests/explain/data/provoked.jsonl`` (what
TensorFlow, TF Serving and the clients printed when the errors were provoked).  Each wrapper below writes a message
the way one format writes it — built from that format's own definition (Python logging's format strings, glog's /
absl's line prefix, Flask's / gunicorn's / uvicorn's error logs, IPython's ultratb, Markdown, HTML escaping, JSON
encoders, Cloud Logging's LogEntry, the Docker json-file driver, grpc's ``_InactiveRpcError.__str__``, Java's and
Node's exception printing…), never from a thread's text.  A wrapped text keeps its reading when its best category
and its key evidence (the shapes, names, dtypes and numbers read from the message) equal those of the bare message.

Only messages whose bare text gets a category are counted (an unknown bare message says nothing about wrappers).
Every wrapper's randomness is seeded per (seed, wrapper, message): the same run gives the same texts.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sigcheck.explain import explain_text  # noqa: E402

INDEX = ROOT / "sigcheck" / "explain" / "messages.json"
PROVOKED = ROOT / "tests" / "explain" / "data" / "provoked.jsonl"

AMBIENT = frozenset({"platform", "command", "http_status", "grpc_status", "status", "exception", "peer", "layers",
                     "message", "file", "path", "detail"})
"""Evidence a wrapper states itself (its status, its platform, a file of its own), and ``detail`` (the index's
family entries capture the rest of the line after their words, ``[^\n]{0,160}``, which a wrapper's own trailer
lengthens): not the message's key evidence."""


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    key: str | None = None
    """The index entry's key (its words, lower case, spaces out): where a cut copy may end at the earliest."""


def messages() -> list[Message]:
    """The index's examples and the provoked texts, each once."""
    out: list[Message] = []
    seen: set[str] = set()
    for i, e in enumerate(json.loads(INDEX.read_text())["entries"]):
        text = e.get("example")
        if text and text not in seen:
            seen.add(text)
            out.append(Message(f"index:{i}", text, e.get("key") or None))
    for line in PROVOKED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            if r["error_text"] not in seen:
                seen.add(r["error_text"])
                out.append(Message(f"provoked:{r['id']}", r["error_text"]))
    return out


# ----------------------------------------------------------------------------------------------- the wrappers
# Each takes the message and a seeded Random and returns the text a user would paste.

Wrapper = Callable[..., "str | None"]
WRAPPERS: dict[str, Wrapper] = {}


def wrapper(name: str) -> Callable[[Wrapper], Wrapper]:
    def deco(fn: Wrapper) -> Wrapper:
        WRAPPERS[name] = fn
        return fn

    return deco


_EXC_LINE = re.compile(r"^(?:[A-Za-z_][\w.]{0,120}(?:Error|Exception|Warning|Exit|Interrupt)|Exception)(?:: |:?$)")


def _exception_line(msg: str, cls: str = "Exception") -> str:
    """What Python's traceback module prints last: ``Class: str(e)``; a message already printed with its class
    keeps it."""
    return msg if _EXC_LINE.match(msg) else f"{cls}: {msg}"


_NOT_ONE_MESSAGE = re.compile(r"^\s*[{<\[]|Traceback \(most recent|debug_error_string|StatusCode\.|\n\s+at |"
                              r"\{\{function_node __wrapped__|Graph execution error|Exception encountered when|"
                              r"^[\w.]*(?:StatusRuntimeException|RpcError|HttpError|ClientError)\b")


def _raised(msg: str, cls: str) -> tuple[str, str] | None:
    """``(class, message)`` for a message a Python exception could carry (a wrapper that re-raises it: Keras's call
    context, TensorFlow's graph / eager errors); None for a text that is already a transport's wrapper (a JSON body,
    a traceback, a gRPC or HTTP client's exception)."""
    if _NOT_ONE_MESSAGE.search(msg):
        return None
    line = _exception_line(msg, cls)
    head, _, value = line.partition(": ")
    return head, value


def _stamp(rng: random.Random) -> tuple[int, int, int, int, int]:
    return rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)


@wrapper("logging_basic")
def logging_basic(msg: str, rng: random.Random) -> str:
    # logging.BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s" (logging.basicConfig(), logging.error(...));
    # logging writes the message as is: its further lines carry no prefix
    name = rng.choice(["root", "app", "serving", "__main__", "tensorflow"])
    return f"{rng.choice(['ERROR', 'WARNING', 'CRITICAL'])}:{name}:{msg}"


@wrapper("logging_asctime")
def logging_asctime(msg: str, rng: random.Random) -> str:
    # the logging cookbook's "%(asctime)s - %(name)s - %(levelname)s - %(message)s"; asctime's default format is
    # "%Y-%m-%d %H:%M:%S,mmm" (Formatter.default_time_format + default_msec_format)
    mo, d, h, mi, s = _stamp(rng)
    return f"2026-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d},{rng.randint(0, 999):03d} - {rng.choice(['app', 'predict'])}" \
           f" - ERROR - {msg}"


@wrapper("glog")
def glog(msg: str, rng: random.Random) -> str:
    # glog / absl's C++ LogMessage prefix: "Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg" (TF Serving's and
    # TensorFlow's C++ logs before TF 2.x's own format; absl-py's ABSLLogger writes the same prefix from Python)
    mo, d, h, mi, s = _stamp(rng)
    src = rng.choice(["predict_util.cc", "server_core.cc", "serving.py", "loader_harness.cc", "main.cc"])
    return f"E{mo:02d}{d:02d} {h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 999999):06d} {rng.randint(1, 99999):>7d} " \
           f"{src}:{rng.randint(10, 999)}] {msg}"


@wrapper("tf_cpp_log")
def tf_cpp_log(msg: str, rng: random.Random) -> str:
    # tensorflow/core/platform/default/logging.cc (TF 2.x): "YYYY-mm-dd HH:MM:SS.uuuuuu: L path/file.cc:line] msg"
    mo, d, h, mi, s = _stamp(rng)
    src = rng.choice(["tensorflow/core/common_runtime/executor.cc", "tensorflow/core/framework/op_kernel.cc",
                      "tensorflow_serving/model_servers/server.cc", "tensorflow/cc/saved_model/loader.cc"])
    return f"2026-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 999999):06d}: " \
           f"{rng.choice('EWF')} {src}:{rng.randint(10, 2000)}] {msg}"


_PY_FRAMES = (
    '  File "/usr/local/lib/python3.11/site-packages/flask/app.py", line 1511, in wsgi_app\n'
    "    response = self.full_dispatch_request()\n"
    '  File "/app/main.py", line {line}, in predict\n'
    "    result = model.predict(batch)\n")


@wrapper("flask")
def flask(msg: str, rng: random.Random) -> str:
    # Flask's default log (flask.logging.default_handler: "[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
    # of Flask.log_exception: "Exception on /predict [POST]" and the traceback
    mo, d, h, mi, s = _stamp(rng)
    return f"[2026-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d},{rng.randint(0, 999):03d}] ERROR in app: Exception on " \
           f"/predict [POST]\nTraceback (most recent call last):\n{_PY_FRAMES.format(line=rng.randint(5, 99))}" \
           f"{_exception_line(msg)}"


@wrapper("gunicorn")
def gunicorn(msg: str, rng: random.Random) -> str:
    # gunicorn's glogging: "[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s", asctime "[%Y-%m-%d %H:%M:%S %z]";
    # the worker's "Error handling request /predict" and the traceback
    mo, d, h, mi, s = _stamp(rng)
    return f"[2026-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d} +0000] [{rng.randint(2, 999)}] [ERROR] Error handling " \
           f"request /predict\nTraceback (most recent call last):\n{_PY_FRAMES.format(line=rng.randint(5, 99))}" \
           f"{_exception_line(msg)}"


@wrapper("uvicorn")
def uvicorn(msg: str, rng: random.Random) -> str:
    # uvicorn's default formatter "%(levelprefix)s %(message)s" (levelprefix "ERROR:" padded to 9) for
    # "Exception in ASGI application" and the traceback (starlette / fastapi frames)
    return "ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n" \
           '  File "/usr/local/lib/python3.11/site-packages/uvicorn/protocols/http/h11_impl.py", line 408, in ' \
           "run_asgi\n    result = await app(  # type: ignore[func-returns-value]\n" \
           f'  File "/app/main.py", line {rng.randint(5, 99)}, in predict\n    return {{"y": model.predict(x)}}\n' \
           f"{_exception_line(msg)}"


_ANSI_RED, _ANSI_GREEN, _ANSI_OFF = "\x1b[0;31m", "\x1b[0;32m", "\x1b[0m"


@wrapper("jupyter")
def jupyter(msg: str, rng: random.Random) -> str:
    # IPython 8's ultratb (VerboseTB) with the Linux colour scheme: the red rule, "Class   Traceback (most recent
    # call last)", "Cell In[N], line L" with numbered source lines and the "----> L" arrow, "File ~/…:L, in f(…)"
    # frames, and the last line "Class: message" with the class in red
    line = _exception_line(msg, "InvalidArgumentError")
    cls, _, value = line.partition(": ")
    n = rng.randint(1, 40)
    return (f"{_ANSI_RED}---------------------------------------------------------------------------{_ANSI_OFF}\n"
            f"{_ANSI_RED}{cls.rsplit('.', 1)[-1]}{_ANSI_OFF}                                Traceback (most recent call "
            f"last)\nCell {_ANSI_GREEN}In[{n}], line 3{_ANSI_OFF}\n{_ANSI_GREEN}      1{_ANSI_OFF} x {_ANSI_RED}="
            f"{_ANSI_OFF} load_batch()\n{_ANSI_GREEN}----> 3{_ANSI_OFF} y {_ANSI_RED}={_ANSI_OFF} model{_ANSI_RED}."
            f"{_ANSI_OFF}predict(x)\n\nFile {_ANSI_GREEN}~/venv/lib/python3.11/site-packages/keras/src/utils/"
            f"traceback_utils.py:122{_ANSI_OFF}, in {_ANSI_GREEN}filter_traceback.<locals>.error_handler{_ANSI_OFF}"
            f"(*args, **kwargs)\n{_ANSI_GREEN}    119{_ANSI_OFF}     filtered_tb {_ANSI_RED}={_ANSI_OFF} "
            f"_process_traceback_frames(e{_ANSI_RED}.{_ANSI_OFF}__traceback__)\n{_ANSI_GREEN}--> 122{_ANSI_OFF}     "
            f"{_ANSI_GREEN}raise{_ANSI_OFF} e{_ANSI_RED}.{_ANSI_OFF}with_traceback(filtered_tb) {_ANSI_GREEN}from"
            f"{_ANSI_OFF} {_ANSI_GREEN}None{_ANSI_OFF}\n\n{_ANSI_RED}{cls}{_ANSI_OFF}: {value}")


@wrapper("md_fence")
def md_fence(msg: str, rng: random.Random) -> str:
    # CommonMark fenced code block (``` or ~~~, with an info string or none), between a question's sentences
    fence = rng.choice(["```", "```python", "```\n", "~~~", "```text"])
    return f"I get this error:\n\n{fence}\n{msg}\n{fence[:3]}\n\nThanks"


@wrapper("md_inline")
def md_inline(msg: str, rng: random.Random) -> str:
    # CommonMark code span and strong emphasis: `message` / **message** inside a sentence
    one = " ".join(msg.split())
    mark = rng.choice(["`", "**", "**`"])
    return f"The server answers {mark}{one}{mark[::-1]} when I send the request."


@wrapper("md_quote")
def md_quote(msg: str, rng: random.Random) -> str:
    # CommonMark block quote: "> " before every line (an issue comment quoting the error), nested or not
    mark = rng.choice(["> ", ">", "> > "])
    return "Same here:\n\n" + "\n".join(mark + ln for ln in msg.splitlines())


@wrapper("html_escaped")
def html_escaped(msg: str, rng: random.Random) -> str:
    # an HTML page's <pre><code> (GitHub, Stack Overflow): & < > " ' escaped as &amp; &lt; &gt; &quot; &#39;
    # (markupsafe / Jinja2 write &#34; for ", Python's html.escape &#x27; for ')
    quot, apos = rng.choice([("&quot;", "&#39;"), ("&#34;", "&#39;"), ("&quot;", "&#x27;")])
    esc = msg.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', quot).replace("'", apos)
    return f"<pre><code>{esc}\n</code></pre>"


@wrapper("json_in_json")
def json_in_json(msg: str, rng: random.Random) -> str:
    # a JSON error body quoted as a string inside another JSON body (a proxy or a platform passing TF Serving's
    # body on: {"error": "{\"error\": \"…\"}"}), json.dumps twice
    inner = json.dumps({"error": msg}, indent=rng.choice([None, 4]))
    return json.dumps({rng.choice(["message", "error", "detail"]): inner})


@wrapper("cloud_logging")
def cloud_logging(msg: str, rng: random.Random) -> str:
    # a Cloud Logging LogEntry as Logs Explorer copies it: jsonPayload (a structured logger's record) or textPayload
    # (a container's stderr line), severity, timestamp, resource
    mo, d, h, mi, s = _stamp(rng)
    payload: dict[str, Any] = ({"jsonPayload": {"message": msg, "levelname": "ERROR"}} if rng.random() < 0.5
                               else {"textPayload": msg})
    entry = {"insertId": "1x2y3z4a5b6c", **payload,
             "resource": {"type": "k8s_container", "labels": {"container_name": "serving", "namespace_name": "prod"}},
             "timestamp": f"2026-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.123456789Z", "severity": "ERROR",
             "logName": "projects/my-project/logs/stderr"}
    return json.dumps(entry, indent=rng.choice([None, 2]))


@wrapper("docker_json_log")
def docker_json_log(msg: str, rng: random.Random) -> str:
    # Docker's json-file log driver (what /var/log/containers/*.log hold on Kubernetes nodes): one JSON object per
    # line written, {"log":"…\n","stream":"stderr","time":"…"}
    mo, d, h, mi, s = _stamp(rng)
    return "\n".join(json.dumps({"log": ln + "\n", "stream": "stderr",
                                 "time": f"2026-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{i:09d}Z"},
                                separators=(",", ":"))
                     for i, ln in enumerate(msg.splitlines()))


@wrapper("windows_crlf")
def windows_crlf(msg: str, rng: random.Random) -> str:
    # a Python traceback on Windows (backslash paths in the frames) with CRLF line ends
    tb = ("Traceback (most recent call last):\n"
          '  File "C:\\Users\\me\\project\\serve.py", line {line}, in <module>\n'
          "    out = model.predict(x)\n"
          '  File "C:\\Users\\me\\anaconda3\\envs\\tf\\lib\\site-packages\\keras\\src\\utils\\traceback_utils.py",'
          " line 122, in error_handler\n    raise e.with_traceback(filtered_tb) from None\n")
    text = tb.format(line=rng.randint(3, 99)) + _exception_line(msg)
    return text.replace("\n", "\r\n")


@wrapper("cut_short")
def cut_short(msg: str, rng: random.Random, key: str | None = None) -> str | None:
    # a copy cut at a random point after the message's key words (a chat line limit, a screenshot's edge, a log
    # line truncated); the key words are the index entry's key (None: no cut, the wrapper does not apply)
    at = _cut_point(msg, key, rng)
    return None if at is None else msg[:at]


@wrapper("prose")
def prose(msg: str, rng: random.Random) -> str:
    # a user's sentence before and after the message
    before = rng.choice(["When I call predict I get: ", "Hi, after deploying the model, the request fails with ",
                         "I am getting this error ", "Error:", "my code crashes with the following error\n"])
    after = rng.choice([" Any idea?", "\nWhat am I doing wrong?", " . Thanks in advance!", "", "\n\nPlease help"])
    return before + msg + after


@wrapper("i18n")
def i18n(msg: str, rng: random.Random) -> str:
    # the same message inside a Chinese, Japanese or Russian question (full-width punctuation after it)
    before, after = rng.choice([("我在调用 predict 时报错：", "，请问怎么解决？"),
                                ("部署模型后请求失败，错误信息如下：\n", "\n求助！"),
                                ("predict を呼ぶと次のエラーが出ます：", "。どうすればいいですか？"),
                                ("При вызове predict получаю ошибку: ", ". Что делать?"),
                                ("Ошибка:\n", "\nПомогите, пожалуйста.")])
    return before + msg + after


@wrapper("grpc_print")
def grpc_print(msg: str, rng: random.Random) -> str:
    # print(e) of grpc's _InactiveRpcError (grpc/_channel.py _RPCState / _InactiveRpcError.__str__ with
    # _NON_OK_RENDEZVOUS_REPR_FORMAT) and its debug_error_string (grpc core's status JSON-ish, message escaped)
    code = rng.choice(["INVALID_ARGUMENT", "FAILED_PRECONDITION", "UNKNOWN"])
    num = {"INVALID_ARGUMENT": 3, "FAILED_PRECONDITION": 9, "UNKNOWN": 2}[code]
    escaped = json.dumps(msg)[1:-1]
    return (f"<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.{code}\n\tdetails = \"{msg}\"\n"
            f"\tdebug_error_string = \"UNKNOWN:Error received from peer ipv4:127.0.0.1:8500 {{created_time:\"2026-12-"
            f"06T14:00:00.123456789+00:00\", grpc_status:{num}, grpc_message:\"{escaped}\"}}\"\n>")


@wrapper("java")
def java(msg: str, rng: random.Random) -> str:
    # grpc-java's StatusRuntimeException (Status.formatThrowableMessage: "CODE: description") or TensorFlow Java's
    # TFInvalidArgumentException, as the JVM prints an uncaught exception: 'Exception in thread "main" X: m' + frames
    head = rng.choice(["io.grpc.StatusRuntimeException: INVALID_ARGUMENT: ",
                       "org.tensorflow.exceptions.TFInvalidArgumentException: ",
                       "java.lang.IllegalArgumentException: "])
    return (f'Exception in thread "main" {head}{msg}\n'
            "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:271)\n"
            "\tat io.grpc.stub.ClientCalls.getUnchecked(ClientCalls.java:252)\n"
            "\tat com.example.Client.predict(Client.java:42)\n")


@wrapper("node")
def node(msg: str, rng: random.Random) -> str:
    # grpc-js's error (call.ts callErrorFromStatus: `${code} ${Status[code]}: ${details}`) or a plain Error, as
    # Node prints an uncaught one: the message then "    at f (file:line:col)" frames
    head = rng.choice(["Error: 3 INVALID_ARGUMENT: ", "Error: "])
    return (f"{head}{msg}\n"
            "    at callErrorFromStatus (/app/node_modules/@grpc/grpc-js/build/src/call.js:31:19)\n"
            "    at Object.onReceiveStatus (/app/node_modules/@grpc/grpc-js/build/src/client.js:193:76)\n"
            "    at process.processTicksAndRejections (node:internal/process/task_queues:77:11)")


@wrapper("py311_chained")
def py311_chained(msg: str, rng: random.Random) -> str:
    # CPython 3.11+'s traceback: "^^^^" carets under each frame's source line (traceback.FrameSummary colno), and
    # an exception chained by `raise … from e` printed after it ("The above exception was the direct cause of the
    # following exception:", traceback.py _cause_message): the message is no longer the last line
    outer = rng.choice(["RuntimeError: prediction failed", "app.errors.PredictionError: model call failed",
                        "fastapi.exceptions.HTTPException: 500"])
    return ("Traceback (most recent call last):\n"
            '  File "/app/main.py", line 12, in predict\n    out = model.predict(batch)\n'
            "          ^^^^^^^^^^^^^^^^^^^^\n"
            f"{_exception_line(msg)}\n\nThe above exception was the direct cause of the following exception:\n\n"
            "Traceback (most recent call last):\n"
            '  File "/app/main.py", line 20, in handler\n    return predict(req)\n'
            "           ^^^^^^^^^^^^\n"
            f"{outer}")


@wrapper("keras_call_context")
def keras_call_context(msg: str, rng: random.Random) -> str | None:
    # Keras's traceback_utils.inject_argument_info_in_traceback: Keras 3 writes "Exception encountered when calling
    # {display_name}.\n\n\x1b[1m{message}\x1b[0m\n\nArguments received by {display_name}:\n  • name=value";
    # Keras 2.x "Exception encountered when calling layer \"dense\" (type Dense).\n\n{message}\n\nCall arguments
    # received by layer \"dense\" (type Dense):\n  • …" — the arguments' shapes are the call's, not the message's
    shape = rng.choice(["(32, 28, 28)", "(1, 224, 224, 3)", "(None, 10)", "(8, 5)"])
    raised = _raised(msg, "ValueError")
    if raised is None:
        return None
    cls, value = raised
    if rng.random() < 0.5:
        name = rng.choice(["Sequential.call()", "Functional.call()", "Dense.call()", "Conv2D.call()"])
        return (f"{cls}: Exception encountered when calling {name}.\n\n\x1b[1m{value}\x1b[0m\n\n"
                f"Arguments received by {name}:\n  • inputs=tf.Tensor(shape={shape}, dtype=float32)\n"
                "  • training=False\n  • mask=None")
    layer, kind = rng.choice([("dense", "Dense"), ("sequential", "Sequential"), ("model", "Functional")])
    return (f'{cls}: Exception encountered when calling layer "{layer}" (type {kind}).\n\n{value}\n\n'
            f'Call arguments received by layer "{layer}" (type {kind}):\n'
            f"  • inputs=tf.Tensor(shape={shape}, dtype=float32)\n  • training=False")


@wrapper("tf_graph_execution")
def tf_graph_execution(msg: str, rng: random.Random) -> str | None:
    # TF 2.x's AtomicFunction / error_interpolation: "Graph execution error:\n\nDetected at node NAME defined at
    # (most recent call last):\n" + the node's definition frames + the message + " [[{{node …}}]] [Op:__inference_…]"
    raised = _raised(msg, "tensorflow.python.framework.errors_impl.InvalidArgumentError")
    if raised is None:
        return None
    cls, value = raised
    node_name = rng.choice(["sequential/dense/MatMul", "model/conv2d/Conv2D", "StatefulPartitionedCall"])
    return (f"{cls}: Graph execution error:\n\nDetected at node {node_name} defined at (most recent call last):\n"
            '  File "/app/main.py", line 9, in <module>\n\n  File "/usr/lib/python3.11/site-packages/keras/src/'
            'utils/traceback_utils.py", line 117, in error_handler\n\n'
            f"{value}\n\t [[{{{{node {node_name}}}}}]] [Op:__inference_one_step_on_data_distributed_{rng.randint(100, 9999)}]")


@wrapper("tf_eager_op")
def tf_eager_op(msg: str, rng: random.Random) -> str | None:
    # an eager op's error (tensorflow/python/framework/ops.py raise_from_not_ok_status): "{{function_node
    # __wrapped__OP_device_/job:localhost/replica:0/task:0/device:CPU:0}} " + message + " [Op:OP] name: "
    raised = _raised(msg, "tensorflow.python.framework.errors_impl.InvalidArgumentError")
    if raised is None:
        return None
    cls, value = raised
    op = rng.choice(["PartitionedCall", "StatefulPartitionedCall"])  # an op that says nothing of the message
    return (f"{cls}: {{{{function_node __wrapped__{op}_device_/job:localhost/replica:0/task:0/device:CPU:0}}}} "
            f"{value} [Op:{op}] name: ")


@wrapper("py_bytes_repr")
def py_bytes_repr(msg: str, rng: random.Random) -> str:
    # print(response.content) of an HTTP error body (requests: bytes): Python's bytes repr b'…' escapes newlines as
    # \n and non-ASCII as \xNN; or print(repr(e)) of the exception: Class('message')
    if rng.random() < 0.5:
        body = json.dumps({"error": msg}, indent=4).encode()
        return f"{rng.choice(['', 'Response: ', 'b = '])}{body!r}"
    return f"{type('InvalidArgumentError', (), {}).__name__}({msg!r})"


@wrapper("json_logger")
def json_logger(msg: str, rng: random.Random) -> str:
    # python-json-logger's JsonFormatter record for logger.exception(...): the traceback in "exc_info", one line
    tb = ("Traceback (most recent call last):\n"
          '  File "/app/main.py", line 12, in predict\n    out = model.predict(batch)\n' + _exception_line(msg))
    return json.dumps({"asctime": "2026-12-06 14:00:00,123", "levelname": "ERROR", "name": "app",
                       "message": rng.choice(["prediction failed", "Exception on /predict [POST]"]), "exc_info": tb})


@wrapper("terminal_wrap")
def terminal_wrap(msg: str, rng: random.Random) -> str:
    # a terminal's copy of long lines at the window's width (tmux / Windows console / a CI log viewer): every line
    # longer than the width is cut into pieces of exactly that width, in the middle of words
    width = rng.choice([80, 100, 120])
    return "\n".join(ln[i:i + width] for ln in msg.splitlines() for i in range(0, max(len(ln), 1), width))


@wrapper("typography")
def typography(msg: str, rng: random.Random) -> str:
    # a message retyped through a word processor / chat client's autocorrect: curly quotes, "…" for "...", en dash
    # for "--", no-break spaces after colons, a zero-width space where a web page broke a long word
    out = re.sub(r"\'([^'\n]{0,200})\'", "\u2018\\1\u2019", msg)
    out = re.sub(r'"([^"\n]{0,200})"', "\u201c\\1\u201d", out)
    out = out.replace("...", "\u2026").replace("--", "\u2013").replace(": ", ":\u00a0")
    return out.replace("_", "_\u200b") if rng.random() < 0.5 else out


@wrapper("go_log")
def go_log(msg: str, rng: random.Random) -> str:
    # a Go client: log.Fatalf("could not predict: %v", err) with the standard logger's "2006/01/02 15:04:05 " prefix
    # around grpc-go's status.Error ("rpc error: code = InvalidArgument desc = …")
    mo, d, h, mi, s = _stamp(rng)
    return f"2026/{mo:02d}/{d:02d} {h:02d}:{mi:02d}:{s:02d} could not predict: rpc error: code = " \
           f"{rng.choice(['InvalidArgument', 'FailedPrecondition', 'Unknown'])} desc = {msg}\nexit status 1"


@wrapper("curl_verbose")
def curl_verbose(msg: str, rng: random.Random) -> str:
    # curl -v against TF Serving's REST port: "> " request lines, "< " response headers, then the JSON error body
    body = json.dumps({"error": msg}, indent=4)
    return ("*   Trying 127.0.0.1:8501...\n* Connected to localhost (127.0.0.1) port 8501 (#0)\n"
            "> POST /v1/models/m:predict HTTP/1.1\n> Host: localhost:8501\n> User-Agent: curl/8.5.0\n"
            "> Content-Type: application/json\n> Content-Length: 52\n>\n< HTTP/1.1 400 Bad Request\n"
            "< Content-Type: application/json\n< Date: Sun, 06 Dec 2026 14:00:00 GMT\n"
            f"< Content-Length: {len(body)}\n<\n{body}\n* Connection #0 to host localhost left intact")


@wrapper("powershell")
def powershell(msg: str, rng: random.Random) -> str:
    # Windows PowerShell 5.1's Invoke-RestMethod on an error response: "Invoke-RestMethod : <body>" then the
    # "At line:1 char:1", "+ …", "+ ~~~~", "    + CategoryInfo …", "    + FullyQualifiedErrorId …" lines
    body = json.dumps({"error": msg}, indent=4)
    return (f"Invoke-RestMethod : {body}\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post -Uri "
            "http://localhost:8501/v1/models/m:predict ...\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n"
            "    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) "
            "[Invoke-RestMethod], WebException\n    + FullyQualifiedErrorId : WebCmdletWebResponseException,"
            "Microsoft.PowerShell.Commands.InvokeRestMethodCommand")


@wrapper("journald")
def journald(msg: str, rng: random.Random) -> str:
    # journalctl -u tensorflow-serving: the short format's "Mmm dd hh:mm:ss host unit[pid]: " before every line
    mo, d, h, mi, s = _stamp(rng)
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[mo - 1]
    pid = rng.randint(100, 99999)
    return "\n".join(f"{month} {d:02d} {h:02d}:{mi:02d}:{s:02d} gpu-box tensorflow_model_server[{pid}]: {ln}"
                     for ln in msg.splitlines())


@wrapper("github_actions")
def github_actions(msg: str, rng: random.Random) -> str:
    # a GitHub Actions log downloaded or copied with timestamps: "2026-12-06T14:00:00.1234567Z " before every line
    mo, d, h, mi, s = _stamp(rng)
    return "\n".join(f"2026-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{rng.randint(0, 9999999):07d}Z {ln}"
                     for ln in ["##[group]Run python serve_test.py", *msg.splitlines(), "##[error]Process completed "
                                "with exit code 1."])


@wrapper("chat_code")
def chat_code(msg: str, rng: random.Random) -> str:
    # Slack / Discord / Teams: a code block opened and closed on the message's own lines ("```msg```")
    return f"anyone seen this? ```{msg}``` {rng.choice(['', 'thx', 'on TF 2.15'])}"


_UNIX_PATH = re.compile(r"(?<![\w/:.])/(?:[\w.+-]+/)+[\w.+-]*")


@wrapper("windows_message_paths")
def windows_message_paths(msg: str, rng: random.Random) -> str:
    # the same message on Windows: every absolute path in it a drive path with backslashes (os.path.join on Windows;
    # TensorFlow and Keras print the path they were given)
    return _UNIX_PATH.sub(lambda m: "C:\\Users\\me" + m.group(0).replace("/", "\\"), msg)


@wrapper("spring_boot")
def spring_boot(msg: str, rng: random.Random) -> str:
    # a Java client under Spring Boot's default console pattern ("%d LEVEL PID --- [thread] logger : message") logging
    # grpc-java's StatusRuntimeException with its stack
    return ("2026-12-06T14:00:00.123Z ERROR 1 --- [nio-8080-exec-1] c.e.serving.PredictClient              : "
            "Prediction failed\n\nio.grpc.StatusRuntimeException: INVALID_ARGUMENT: " + msg + "\n"
            "\tat io.grpc.stub.ClientCalls.toStatusRuntimeException(ClientCalls.java:271) ~[grpc-stub-1.58.0.jar:1.58.0]\n"
            "\tat com.example.serving.PredictClient.predict(PredictClient.java:57) ~[classes/:na]")


@wrapper("dotnet_rpc")
def dotnet_rpc(msg: str, rng: random.Random) -> str:
    # Grpc.Core.RpcException's message (Grpc.Core.Api Status.ToString): Status(StatusCode="X", Detail="…")
    return (f'Grpc.Core.RpcException: Status(StatusCode="InvalidArgument", Detail="{msg}")\n'
            "   at Grpc.Net.Client.Internal.HttpClientCallInvoker.BlockingUnaryCall[TRequest,TResponse](Method`2 "
            "method, String host, CallOptions options, TRequest request)\n   at Program.Main() in C:\\src\\Program.cs:line 21")


@wrapper("rust_tonic")
def rust_tonic(msg: str, rng: random.Random) -> str:
    # a Rust client: tonic::Status's Debug ({:?}) as an unwrap() panic prints it, the message Debug-escaped
    return ("thread 'main' panicked at src/main.rs:42:10:\ncalled `Result::unwrap()` on an `Err` value: Status { code: "
            f"InvalidArgument, message: {json.dumps(msg)}, details: [], metadata: MetadataMap {{ headers: "
            '{"content-type": "application/grpc"} } }\nnote: run with `RUST_BACKTRACE=1` environment variable to '
            "display a backtrace")


@wrapper("sagemaker")
def sagemaker(msg: str, rng: random.Random) -> str:
    # boto3 invoke_endpoint on a TF Serving container: botocore's ClientError.MSG_TEMPLATE around SageMaker's
    # "Received client error (400) from primary with message \"<body>\". See <CloudWatch URL> …"
    body = json.dumps({"error": msg}, indent=4)
    return ("botocore.errorfactory.ModelError: An error occurred (ModelError) when calling the InvokeEndpoint "
            f'operation: Received client error (400) from primary with message "{body}". See https://us-east-1.console.'
            "aws.amazon.com/cloudwatch/home?region=us-east-1#logEventViewer:group=/aws/sagemaker/Endpoints/my-ep in "
            "account 123456789012 for more information.")


@wrapper("gcloud_http")
def gcloud_http(msg: str, rng: random.Random) -> str:
    # gcloud ai-platform predict / ai endpoints predict: "ERROR: (gcloud.…) HTTP request failed. Response: " and the
    # API's error, whose message is the container's JSON body as a string
    inner = json.dumps({"error": msg}, indent=4)
    outer = json.dumps({"error": {"code": 400, "message": inner, "status": "FAILED_PRECONDITION"}}, indent=2)
    return f"ERROR: (gcloud.{rng.choice(['ai-platform.predict', 'ai.endpoints.predict'])}) HTTP request failed. " \
           f"Response: {outer}"


@wrapper("vertex_sdk")
def vertex_sdk(msg: str, rng: random.Random) -> str:
    # the Vertex AI SDK's endpoint.predict(): google.api_core.exceptions.FailedPrecondition ("{code} {message}") with
    # the container's body as the message, at the end of a traceback
    body = json.dumps({"error": msg}, indent=4)
    return ("Traceback (most recent call last):\n  File \"/app/predict.py\", line 8, in <module>\n"
            "    endpoint.predict(instances=instances)\n"
            f"google.api_core.exceptions.FailedPrecondition: 400 {body}")


# ------------------------------------------------------------------------------------------------ measuring

def _cut_point(msg: str, key: str | None, rng: random.Random) -> int | None:
    """A random cut after the message's key words (the index entry's key: its words lower case, spaces out); None
    when the message has no key or nothing after it."""
    if not key:
        return None
    solid = [i for i, ch in enumerate(msg) if not ch.isspace()]  # the message's characters the key is made of
    start = "".join(msg[i] for i in solid).lower().find(key)
    if start < 0 or start + len(key) > len(solid):
        return None
    end = solid[start + len(key) - 1] + 1
    if end >= len(msg) - 2:
        return None
    return rng.randint(end, len(msg) - 1)


def reading(text: str) -> tuple[str, dict[str, Any]]:
    """The best category (``unknown`` when none) and its key evidence."""
    found = explain_text(text)
    if not found:
        return "unknown", {}
    top = found[0]
    return top.category, {k: v for k, v in top.evidence.items() if k not in AMBIENT and v not in (None, "", [])}


def same(base: tuple[str, dict[str, Any]], got: tuple[str, dict[str, Any]], *, cut: str | None = None) -> bool:
    """The category equal, and every key evidence of the bare message read the same (for a cut copy: those whose
    value still stands in what was kept)."""
    if base[0] != got[0]:
        return False
    for k, v in base[1].items():
        if cut is not None and str(v if not isinstance(v, list) else "")[:8] not in cut:
            continue
        if cut is not None and isinstance(v, list):
            continue
        if got[1].get(k) != v:
            return False
    return True


def wrap(name: str, m: Message, seed: int) -> str | None:
    """The message in wrapper ``name`` (None when the wrapper does not apply: a cut with no key words)."""
    rng = random.Random(f"{seed}:{name}:{m.id}")
    if name == "cut_short":
        return cut_short(m.text, rng, m.key)
    return WRAPPERS[name](m.text, rng)


def measure(msgs: list[Message], names: list[str], seed: int = 0) -> dict[str, dict[str, Any]]:
    """Per wrapper: how many messages (with a bare reading) keep it, and the ones that do not."""
    out: dict[str, dict[str, Any]] = {n: {"kept": 0, "total": 0, "lost": []} for n in names}
    for m in msgs:
        base = reading(m.text)
        if base[0] == "unknown":
            continue
        for n in names:
            text = wrap(n, m, seed)
            if text is None:
                continue
            got = reading(text)
            ok = same(base, got, cut=text if n == "cut_short" else None)
            out[n]["total"] += 1
            if ok:
                out[n]["kept"] += 1
            else:
                out[n]["lost"].append({"id": m.id, "want": base[0], "got": got[0], "text": text[:400],
                                       "want_ev": {k: v for k, v in base[1].items() if got[1].get(k) != v}})
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=0, help="this many messages (seeded), 0: all")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated wrapper names")
    ap.add_argument("--show", type=int, default=0, help="print this many lost texts per wrapper")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    msgs = messages()
    if args.sample:
        msgs = random.Random(args.seed).sample(msgs, min(args.sample, len(msgs)))
    names = [n for n in args.only.split(",") if n] or list(WRAPPERS)
    t0 = time.process_time()
    result = measure(msgs, names, args.seed)
    cpu = time.process_time() - t0
    kept = sum(r["kept"] for r in result.values())
    total = sum(r["total"] for r in result.values())
    print(f"{len(msgs)} messages, {len(names)} wrappers, {cpu:.0f} s CPU")
    for n, r in result.items():
        pct = 100 * r["kept"] / r["total"] if r["total"] else 0.0
        print(f"{n:16s} {r['kept']:5d}/{r['total']:<5d} {pct:5.1f}% keep their reading")
        for x in r["lost"][:args.show]:
            print(f"    {x['id']}: want {x['want']}, got {x['got']} {x['want_ev']}\n      {x['text'][:300]!r}")
    print(f"{'all':16s} {kept:5d}/{total:<5d} {100 * kept / max(total, 1):5.1f}%")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
