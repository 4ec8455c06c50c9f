"""Turn a pasted error into one searchable line: unescape, drop traceback frames and colour codes, unify quotes.

Users paste whatever they got: a ``{"error": "…"}`` body with ``\\n`` and ``\\"`` inside, a gcloud line, a
Vertex exception, a TF Serving log line, a Python traceback ending in ``AbortionError(…)`` or
``_InactiveRpcError``, a Java / Node / .NET exception with its stack frames, container logs with a prefix on every
line (``kubectl logs --timestamps`` / CRI ``2024-…Z stderr F``, ``[pod/NAME/CONTAINER]``, docker compose's
``NAME-1  | ``, syslog's ``Mar  1 10:00:00 host dockerd[12]: ``), a Jupyter traceback whose frames show library
source, an issue comment quoting the error with ``> ``, Windows paths (whose backslashes are no escapes), sometimes
escaped twice (a JSON body quoted inside another message, a web page quoting a page: ``&amp;gt;``) and often
trimmed.  The matcher runs on the result of :func:`normalize`; :func:`decode_text` decides whether bytes are text
at all.
"""

from __future__ import annotations

import html
import json
import re

from .patterns import lazy
from ..errors import InputError

MAX_CHARS = 100_000
"""Longer pastes keep their head and tail (errors sit at the end of logs, context at the start)."""

_ANSI = lazy(r"\x1b\[[0-9;?]*[A-Za-z]")
_HTML_ENTITY = lazy(r"&(?:quot|apos|lt|gt|amp|nbsp|#\d+|#x[0-9a-fA-F]+);")
_ESCAPE = lazy(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[nrt\"'\\/])")
_SIMPLE = {"n": "\n", "r": "\n", "t": "\t", '"': '"', "'": "'", "\\": "\\", "/": "/"}
_FRAME = lazy(r'^\s*File "[^"]*", line \d+')
_TRACEBACK_HEAD = lazy(r"^\s*Traceback \(most recent call last\):\s*$")
_STACK_FRAME = lazy(
    r"^\s+at (?:async |new )?[\w$.<>/`+,|~@\[\]-]{1,300}(?: \[as [\w$]{1,80}\])? ?\(.{0,600}\)"  # Java, V8, .NET
    r"(?: in .{1,400}:line \d{1,7})?\s*$"
    r"|^\s+at (?:async )?[^\s()]{1,400}:\d{1,7}:\d{1,7}\s*$"  # V8 anonymous frames
    r"|^\s*\.\.\. \d{1,6} (?:more|common frames omitted)\s*$"
    r"|^\s*--- End of (?:inner exception )?stack trace(?: from previous location)?(?: where exception was thrown)? ---\s*$")
_RAY_PREFIX = r"\([^\n]{0,160}?\bpid=\d{1,9}(?:, ip=[\w.:]{3,45})?\) "
"""Ray's prefix of a worker's line printed on the driver (ray/_private/worker.py print_worker_logs: ``(name pid=N,
ip=A) ``)."""
_LOG_PREFIX = lazy(
    r"^(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? (?:(?:stdout|stderr) [FP] )?"  # CRI / --timestamps
    r"|\[pod/[\w.-]{1,253}/[\w.-]{1,63}\] "  # kubectl logs --prefix
    r"|[\w.-]{1,64}[-_]\d{1,3} {1,40}\| "  # docker compose
    r"|[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [\w.-]{1,64} [\w./-]{1,64}(?:\[\d{1,9}\])?: "  # syslog / journald
    r"|(?:> ?){1,3}(?=\S)"  # a Markdown quote (an issue comment quoting the error)
    r"|##\[(?:error|warning|notice|debug)\]"  # GitHub Actions' annotation markers (the runner's log view)
    r"|" + _RAY_PREFIX + ")")  # Ray's worker logs on the driver
_IPYTHON_FRAME = lazy(
    r"^(?:Cell In ?\[\d{1,6}\], line \d{1,7}"  # IPython 8 (IPython/core/ultratb.py)
    r"|File [^\n]{1,400}:\d{1,7}, in [^\n]{1,400}"
    r"|<ipython-input-\d{1,6}-[0-9a-f]{6,16}> in [^\n]{1,400}"  # IPython 5-7
    r"|[^\s\n][^\n]{0,400}\.py in [\w.<>]{1,200}(?:\([^\n]{0,400}\))?)\s*$")
_IPYTHON_CODE = lazy(r"^\s*(?:-{1,6}> ?)?\d{1,7}(?: |$)")
"""A numbered source line of an IPython frame: ``     67     x = 1`` / ``---> 70     raise e``."""
_INVISIBLE = lazy("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
"""Zero-width spaces / joiners, word joiners, BOMs and soft hyphens: a web page's break hints (``<wbr>``, ``&shy;``,
GitHub's and chat clients' zero-width spaces in long words) that a copy keeps inside the words."""
_TYPOGRAPHY = lazy("\u2026|[\u2013\u2014](?=[A-Za-z_])")
"""A word processor's or chat client's autocorrect: ``…`` for ``...``, an en / em dash for a flag's ``--``."""
_DOCKER_LOG = lazy(r'^\{"log":"(?:[^"\\]|\\.)*","stream":"(?:stdout|stderr)","time":"[^"]{1,40}"\}\s*$')
"""One line of Docker's json-file log driver (``/var/lib/docker/containers/*/*-json.log``, the files under
``/var/log/containers`` on Kubernetes nodes): ``{"log":"<one line written>\\n","stream":"stderr","time":"…"}``."""
_FENCE = lazy(r"^\s{0,3}(?:`{3,}|~{3,}|'{3,})[\w+.#-]{0,30}\s*$")
"""A CommonMark code fence line (```` ``` ````, ```` ```python ````, ``~~~``; its backticks are quotes by the time
frames are dropped): it carries no text of the error."""
_RUNNER = lazy(r"^##\[(?:group|endgroup)\]|^Process completed with exit code \d{1,3}\.\s*$")
"""GitHub Actions' own log lines: a step's group markers (``##[group]Run python x.py``) and its closing
``##[error]Process completed with exit code 1.`` (its marker is taken off first): the runner's, not the error's."""
_HTML_TAG = lazy(r"</?(?:pre|code|p|div|span|br|b|i|strong|em|kbd|samp|tt|blockquote)(?:\s[^<>\n]{0,300})?/?>",
                       re.I)
"""The tags a web page's copy of an error carries around it (``<pre><code>`` blocks, ``<br>`` line breaks, inline
emphasis): not the error's text.  Only these: ``<module>``, ``<nil>``, ``<class 'x'>`` or a server's ``<title>`` are."""
_CARETS = lazy(r"^\s*[~^]*\^[~^]*\s*$")
"""CPython 3.11+'s position markers under a frame's source line (``    ^^^^^^^^``, ``~~~~^^^^~~``)."""
TERMINAL_WIDTHS = (80, 100, 120)
"""Widths at which a terminal's copy cuts long lines (the usual default window widths: xterm / macOS Terminal /
GNOME Terminal 80, Windows Terminal and the Windows 10 console 120, some CI log viewers 100)."""
_FULLWIDTH = str.maketrans({"\u3002": ". ", "\uff0c": ", ", "\u3001": ", ", "\uff1a": ": ", "\uff1b": "; ",
                            "\uff1f": "? ", "\uff01": "! ", "\uff08": " (", "\uff09": ") ", "\u3000": " "})
"""Chinese / Japanese full-width punctuation (the U+3000 and U+FF00 blocks) a question around a message is typed
with: as ASCII with a space, so ``serving_default。`` ends the name at the full stop as ``serving_default.`` does."""
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'", "\u00b4": "'"})
_HYPHENS = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2212\ufe63\uff0d", "-"))
"""Hyphens and minus signs that are not ASCII's: a web page's or a word processor's (``4\u2011dimensional`` with a
non-breaking hyphen, ``\u22121`` with a minus sign in a shape), written by no TensorFlow message."""
_MARKDOWN_ESCAPE = lazy(r"(?<!\\)\\([_*<>#|])")
"""A Markdown source's escapes (``keras\\_learning\\_phase``, ``\\<module\\>``): an issue or answer's text copied as
written, outside a code block, where the writer escaped what Markdown would have read; no message escapes these."""
_SPACE = lazy(r"\s+")
_SPACED_COLON = lazy(r"(?<=\w) +: +(?=\S)")
"""``Type : Object`` (retyped or logged with spaced colons) reads as ``Type: Object``."""


def _unescape_once(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        tok = m.group(1)
        if tok[0] in "ux" and len(tok) > 1:
            try:
                return chr(int(tok[1:], 16))
            except ValueError:  # pragma: no cover - the regex only admits hex digits
                return m.group(0)
        return _SIMPLE[tok]

    return _ESCAPE.sub(repl, text)


_TOKEN = lazy(r"[^\s\"'<>|*?]+")
_DRIVE = lazy(r"[A-Za-z]:\\")
_DEEP = lazy(r"(?:\\{1,2}[\w.()~$+-]{2,100}){3}")
_PATHLIKE = lazy(r"site-packages|dist-packages|AppData|Users|Documents|Desktop|Downloads|anaconda|miniconda|"
                       r"envs|Program Files|\.(?:py|h5|hdf5|pb|pbtxt|keras|json|txt|cc|dll|so|exe|ipynb)\b", re.I)
_BACKSLASHES = lazy(r"\\+")
"""One path separator however often the path was escaped (a JSON body inside a Python bytes repr doubles it twice)."""


def windows_paths(text: str) -> str:
    """Windows paths with their backslashes turned into slashes, so unescaping does not read ``C:\\new_model`` or
    ``site-packages\\tensorflow`` as a newline or a tab: a word that starts with a drive (``C:\\``), or that has
    three or more backslash-separated names and looks like a path (``site-packages``, ``Users``, ``.py`` …)."""
    if "\\" not in text:
        return text

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if "\\" in word and (_DRIVE.match(word) or (_DEEP.search(word) and _PATHLIKE.search(word))):
            core = word.rstrip("\\")  # backslashes ending the word escape the quote after it: no separator
            return _BACKSLASHES.sub("/", core) + word[len(core):]
        return word

    return _TOKEN.sub(fix, text)


def _unescape_text(text: str) -> str:
    """One round of :func:`_unescape_once` over the text, the source line under each Python frame (``File "…", line
    N, in f`` then ``    fn(x, "a\\n")``) kept as written: its escapes are the code's, not the message's, and
    unescaped they break the line in two (the piece after the ``\\n`` then reads as the message's start)."""
    if "File \"" not in text or "\n" not in text:
        return _unescape_once(text)
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        code = i > 0 and line[:1] in (" ", "\t") and _FRAME.match(lines[i - 1]) is not None
        out.append(line if code else _unescape_once(line))
    return "\n".join(out)


def unescape(text: str, rounds: int = 4) -> str:
    """Undo JSON/Python string escaping (``\\n``, ``\\"``, ``\\\\``, ``\\xNN``, ``\\uNNNN``), as many times as nested;
    a Python frame's source line keeps its own escapes (:func:`_unescape_text`)."""
    for _ in range(rounds):
        new = _unescape_text(text)
        if new == text:
            break
        text = new
    return text


def drop_traceback_frames(text: str) -> str:
    """Remove ``File "…", line N, in f`` frames and the source line under each, the numbered source context of
    IPython / Jupyter frames (``Cell In[3], line 1`` / ``File ~/x.py:70, in f(…)`` / ``x.py in f(…)`` then ``---> 70
    raise …``), and the ``at …(File.java:12)`` / ``at f (/app/x.js:1:2)`` / ``at A.B() in X.cs:line 3`` frames of
    Java, Node and .NET: they name code (whose source may quote message templates), not the error.  Container log
    and Markdown quote prefixes are taken off each line first, so a message logged over several lines joins up."""
    out: list[str] = []
    skip_code = False
    in_ipython_frame = False
    for line in text.splitlines():
        line = _LOG_PREFIX.sub("", _LOG_PREFIX.sub("", line, count=1), count=1)  # e.g. a timestamp, then a marker
        if _TRACEBACK_HEAD.match(line) or _STACK_FRAME.match(line) or _FENCE.match(line) or _RUNNER.match(line) \
                or _CARETS.match(line):
            continue
        if _IPYTHON_FRAME.match(line):
            in_ipython_frame = True
            continue
        if in_ipython_frame:
            if not line.strip() or _IPYTHON_CODE.match(line):
                continue
            in_ipython_frame = False
        if _FRAME.match(line):
            skip_code = True
            continue
        if skip_code:
            skip_code = False
            if line.startswith((" ", "\t")) and line.strip():
                continue
        out.append(line)
    return "\n".join(out)


def docker_json_lines(text: str) -> str:
    """Lines of Docker's json-file log (:data:`_DOCKER_LOG`) as the lines the container wrote: the JSON string of
    each ``log`` value decoded (its trailing newline dropped), so a message written over several lines joins up."""
    if '{"log":' not in text:
        return text
    out = []
    for line in text.splitlines():
        if _DOCKER_LOG.match(line):
            try:
                line = json.loads(line)["log"].rstrip("\n")
            except (ValueError, KeyError, TypeError):  # pragma: no cover - the regex admits only such objects
                pass
        out.append(line)
    return "\n".join(out)


_EXCEPTION_RECORD = lazy(
    r'"(?:exc_type|type)": ?"(?P<type>[A-Za-z_][\w.]{0,120}(?:Error|Exception|Exit|Interrupt|Warning)|[A-Z]\w{0,60}Error)"'
    r', ?"(?:exc_value|value)": ?"(?P<value>(?:[^"\\]|\\.){0,20000})"')
"""An exception as a logging tool records it in JSON, its type and its message in two fields: structlog's
dict_tracebacks (``"exc_type": "KeyError", "exc_value": "'instances'"``) and a Sentry event's exception values
(``"type": "KeyError", "value": "'instances'"``)."""


def exception_records(text: str) -> str:
    """``text`` with each exception a JSON log record holds (:data:`_EXCEPTION_RECORD`) added at its end as the line
    Python's traceback ends with (``KeyError: 'instances'``), in the order they appear (Sentry and structlog list the
    exception raised last, the one a traceback prints last, last): the type alone names what the message only hints."""
    if '"exc_type"' not in text and '"type"' not in text:
        return text
    lines = []
    for m in _EXCEPTION_RECORD.finditer(text):
        try:
            value = json.loads(f'"{m.group("value")}"')
        except ValueError:
            continue
        lines.append(f"{m.group('type')}: {value}")
    return text + "\n" + "\n".join(lines) if lines else text


_NEW_LINE = lazy(
    r"\d{4}[-/]\d\d[-/]\d\d[ T]\d\d:|[IWEF]\d{4} \d\d:\d\d:\d\d|\[\d{4}-\d\d-\d\d[ T]|##\[|Traceback \(most recent"
    r"|File \"|During handling of|The above exception|Caused by:|exit status \d|Process finished with exit code"
    r"|[A-Z][A-Z_]{3,}(?::| - |\s*$)"
    r"|(?:[a-z_]\w{0,60}\.){0,12}[A-Z]\w{0,80}(?:Error|Exception|Warning|Exit|Interrupt)(?::|\s*$)"
    r"|" + _RAY_PREFIX)
"""How a line a program wrote starts (a timestamp, glog's ``E1206 14:00:00``, a GitHub Actions marker, a traceback
and its chaining, Java's ``Caused by:``, ``go run``'s ``exit status 1``, an IDE's ``Process finished with exit code``,
a level or status word such as ``ERROR:`` / ``INVALID_ARGUMENT:``, a Python exception line ``ValueError: …`` /
``tensorflow.python.framework.errors_impl.NotFoundError: …`` under a frame line that happens to have a terminal's
width, Ray's ``(Name pid=N) `` before a worker's line): no piece of a line cut at the terminal's width."""


def join_terminal_wraps(text: str) -> str:
    """Lines a terminal cut at its width joined up again: a line exactly one of :data:`TERMINAL_WIDTHS` long whose
    last character and the next line's first are no spaces was one line cut inside a word or a number
    (``4-dimensi`` / ``onal``, ``shape[`` / ``1] = [32,5]``); the pieces go on while each full one has that width.
    A cut at a space needs nothing (the newline reads as that space); a sentence's end followed by a capital, and a
    line that starts as a log line or a traceback does (:data:`_NEW_LINE`), are left apart (two lines that happen to
    have that length)."""
    lines = text.splitlines()
    if len(lines) < 2 or not any(len(ln) in TERMINAL_WIDTHS for ln in lines[:-1]):
        return text
    out = [lines[0]]
    width = 0  # the width the last line of ``out`` was cut at (0: not a cut line)
    piece = lines[0]
    for line in lines[1:]:
        prev = out[-1]
        cut = len(piece) == width if width else len(piece) in TERMINAL_WIDTHS
        if cut and line and not prev[-1].isspace() and not line[0].isspace() \
                and not (prev[-1] in ".!?" and line[0].isupper()) and not _NEW_LINE.match(line):
            width = len(piece)
            out[-1] = prev + line
        else:
            width = 0
            out.append(line)
        piece = line
    return "\n".join(out)


MAX_DIGITS = 40
"""Longest run of digits explain reads: no shape, count or offset in a real message is longer, and every number
explain extracts stays far below Python's int-conversion limit (4300 digits) and cheap for every pattern."""
_LONG_DIGITS = lazy(r"\d{%d,}" % (MAX_DIGITS + 1))


MAX_LINE = 8_000
"""Longest line kept whole when a text is over :data:`MAX_CHARS`: a message that quotes a whole value (a WAV file's
bytes, a tensor, a config dump) keeps its first and last characters — the message and how it ends — instead of being
cut away with the middle of the text."""


def _clip_line(line: str) -> str:
    return line if len(line) <= MAX_LINE else line[:MAX_LINE * 3 // 4] + " … " + line[-(MAX_LINE // 4):]


def clip(text: str) -> str:
    """The text explain reads, bounded: at most :data:`MAX_CHARS` characters (over-long lines shortened first, then
    head and tail kept) and no digit run longer than :data:`MAX_DIGITS` (its first digits kept)."""
    if len(text) > MAX_CHARS:
        text = "\n".join(_clip_line(line) for line in text.split("\n"))
    if len(text) > MAX_CHARS:
        head = MAX_CHARS // 4
        text = text[:head] + "\n…\n" + text[-(MAX_CHARS - head):]
    return _LONG_DIGITS.sub(lambda m: m.group(0)[:MAX_DIGITS], text)


_PY2_UNICODE = lazy(r"(?<![\w'\"\\])u(?=['\"][^'\"\n]{0,400}['\"])")
"""Python 2's repr of a unicode string (``KeyError: u'FIFOQueueV2'``, ``dict_keys([u'input_1'])``): the ``u`` prefix
TensorFlow 1.x tracebacks under Python 2 print; the line the patterns read quotes the string as Python 3 does."""


_STARTUP_LOG = lazy(
    r"^.{0,80}?(?:\b[IWE]\d{4} [\d:.]{8,30} {1,8}\d{1,9} |\b[IWE] )(?:[\w./-]{0,200}/)?"
    r"(?:cuda_(?:platform|driver|diagnostics|executor|gpu_executor|dnn|fft|blas)|rocm_\w{1,30}|dso_loader"
    r"|cudart_stub|cpu_feature_guard|port|gpu_device|py_utils|computation_placer|mlir_graph_optimization_pass"
    r"|cpu_utils|gpu_timer)\.cc:\d{1,6}\] .*$"
    # absl's notice before its log is set up, and the second line of cpu_feature_guard.cc's instruction notice
    r"|^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR *$"
    # executor.cc's info line when a graph run stops early (Keras runs graphs whose placeholders nothing feeds while it
    # loads): '(DEBUG INFO) Executor start aborting (this does not indicate an error and you can ignore this message)'
    r"|^.{0,80}?(?:\b[I]\d{4} [\d:.]{8,30} {1,8}\d{1,9} |\bI )(?:[\w./-]{0,200}/)?executor\.cc:\d{1,6}\] [^\n]{0,80}"
    r"Executor start aborting[^\n]*(?:\n[ \t]+\[\[\{\{node [^\n]*)?$"
    r"|^To enable the following instructions: [\w ,.]{1,200}(?:in other operations, )?rebuild TensorFlow with the "
    r"appropriate compiler flags\. *$", re.M)
"""TensorFlow's start-up log lines (absl's ``E0000 00:00:1796624255.239023  3079 cuda_platform.cc:52] failed call to
cuInit: INTERNAL: CUDA error: … UNKNOWN ERROR (303)``, glog's ``2021-… W tensorflow/stream_executor/…/dso_loader.cc:64]
Could not load dynamic library 'libcudart.so.11.0'``, cpu_feature_guard.cc's instruction notice, port.cc's oneDNN
notice, cuda_dnn / cuda_fft / cuda_blas's factory registration, TF-TRT's missing TensorRT): printed by every
TensorFlow process on a machine without a GPU (or with one) before anything else, they are never the error, and
their words (INTERNAL, ``(303)``) would read as a status.  A fatal line (``F …cpu_feature_guard.cc:37] The TensorFlow
library was compiled to use AVX instructions, but these aren't available on your machine``) is the error and stays;
so does a text made of nothing else.  absl's ``WARNING: All log messages before absl::InitializeLog() is called are
written to STDERR`` and the second line of cpu_feature_guard.cc's notice (``To enable the following instructions:
AVX2 FMA, in other operations, rebuild TensorFlow …``), both in libtensorflow_framework.so.2, go with them, as does
executor.cc's info line for a graph run it stopped early (``I …executor.cc:1197] [/device:CPU:0] (DEBUG INFO) Executor
start aborting (this does not indicate an error and you can ignore this message): INVALID_ARGUMENT: You must feed a
value for placeholder tensor …``), with its node line: TensorFlow says itself it is no error."""


_IR_LINE = lazy(r'^\s{0,40}(?:%[\w.#]{1,40}(?::\d{1,4})? = |"(?:func|tf|tfl|arith|stablehlo|mhlo|chlo|tosa|quant|'
                r'tf_executor|tf_device|tf_saved_model)\.[\w.]{1,60}"[(< ]|func\.func\b|\^bb\d{1,4}\b|'
                r'\}\) ?\{[\w.]{1,40} = |module\b[^\n]{0,200}\{$)')
"""A line of an MLIR module printed whole (TensorFlow's TFLite converter, tf2xla, the StableHLO exporters dump the
module they failed on after their messages): an SSA value (``%268 = "tfl.reshape"(%260, %267) …``), an op of a known
dialect in generic form (``"func.return"(%289)``), a block label, the function's closing line."""
IR_RUN = 8
"""Consecutive module lines (blank lines between them count too) that are dropped as a dump, not read as messages."""


def drop_ir_dumps(text: str) -> str:
    """``text`` without the MLIR modules printed in it (:data:`_IR_LINE`, runs of :data:`IR_RUN` lines or more, each
    replaced by one line saying so): a converter's dump after its messages is tens of thousands of characters of IR,
    which would push the messages out of what the later steps read from the end of a text."""
    if ' = "' not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if sum(1 for line in run if line.strip()) >= IR_RUN:
            out.append(f"… ({len(run)} lines of an MLIR module left out)")
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if _IR_LINE.match(line) or (run and not line.strip()):
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)


_STATUS_TABLE = lazy(r"(?:^[ \t]{0,40}['\"]\d{3}['\"]: ['\"][^'\"\n]{1,60}['\"],?[ \t]*\n){5,}", re.M)
"""Node.js's table of HTTP status codes (``'413': 'Payload Too Large',`` …: http.STATUS_CODES, printed whole with an
agent or a server object inside an axios error): every reason phrase, none of them the response's."""


def drop_status_tables(text: str) -> str:
    """``text`` without the HTTP status-code tables Node.js prints inside an error object (:data:`_STATUS_TABLE`),
    each replaced by one line saying so: their ``Payload Too Large``, ``Unsupported Media Type`` … are no answer the
    server gave."""
    if "': '" not in text and '": "' not in text:
        return text
    return _STATUS_TABLE.sub("… (a table of HTTP status codes left out)\n", text)


_ACCESS_LOG = lazy(
    r'^[ \t]{0,40}(?:INFO: {1,8})?(?:\[[^\]\n]{1,60}\] {1,4})?[\w.:\[\]%-]{1,80}(?::\d{1,5})? - (?:- (?:\[[^\]\n]{1,60}\] )?)?'
    r'"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) [^"\n]{1,2000} HTTP/\d(?:\.\d)?" \d{3}(?: [^\n]{0,200})?$', re.M)
"""A web server's access-log line (uvicorn's ``INFO:     127.0.0.1:40360 - "POST /v1/models/m:predict HTTP/1.1" 500
Internal Server Error``, werkzeug's and gunicorn's ``127.0.0.1 - - [07/Dec/2026 23:29:27] "POST … HTTP/1.1" 400 -``):
the status the server answered with, logged after the error it logged itself."""


_SERVE_ACCESS_LOG = lazy(
    r"^[^\n]{0,300}? -- (?:[\w.:\[\]-]{1,80} )?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CALL) [^\s\n]{1,2000} "
    r"(?:\d{3}|OK|ERROR) [\d.]{1,12}ms\s*$", re.M)
"""Ray Serve's access-log line (serve/_private/logging_utils.py access_log_msg: ``INFO 2026-12-08 02:14:57,122
default_TabModel ww3bo0du f84c… -- POST /tab 500 30.8ms``, a handle's ``-- CALL __call__ ERROR 388.3ms``)."""


_STATUS_LINE = lazy(r"^[ \t]{0,8}5\d\d [A-Z][A-Za-z -]{2,40}[ \t]*$", re.M)
"""A client's print of the answer's status alone (``print(r.status_code, r.reason)``: ``500 Internal Server Error``),
beside the server's traceback that says why it answered so."""


def drop_access_logs(text: str) -> str:
    """``text`` without a web server's access-log lines (:data:`_ACCESS_LOG`, Ray Serve's :data:`_SERVE_ACCESS_LOG`)
    and a client's bare 5xx status line (:data:`_STATUS_LINE`) when it also holds a traceback: the server's own exception is the error, and its 500 / 400 line only says an
    error was answered (a text of access lines alone keeps them: the status is all there is)."""
    if "Traceback (most recent call last)" not in text:
        return text
    if "HTTP/" in text:
        text = _ACCESS_LOG.sub("", text)
    text = _STATUS_LINE.sub("", text)
    return _SERVE_ACCESS_LOG.sub("", text) if "ms" in text else text


def drop_startup_logs(text: str) -> str:
    """``text`` without TensorFlow's start-up log lines (:data:`_STARTUP_LOG`), unless nothing else is left."""
    kept = _STARTUP_LOG.sub("", text)
    return kept if kept.strip() else text


def normalize(text: str) -> str:
    """The one line the catalogue's patterns read (case is kept; patterns are case-insensitive)."""
    text = _PY2_UNICODE.sub("", drop_traceback_frames(drop_startup_logs(unwrap(text))))
    text = _SPACE.sub(" ", text).strip()
    return _SPACED_COLON.sub(": ", text)


def unwrap(text: str) -> str:
    """The text as the program wrote it, its lines kept: what colours, a web page, a log driver, a terminal's width,
    autocorrect and string escaping (JSON, Python, each as often as nested) did to it undone; frames still in."""
    text = clip(text)
    text = _ANSI.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _TYPOGRAPHY.sub(lambda m: "..." if m.group(0) == "\u2026" else "--", text)
    text = exception_records(docker_json_lines(text))
    text = join_terminal_wraps(text)  # the lines as the screen showed them, before any escape is read
    text = _HTML_TAG.sub(lambda m: "\n" if m.group(0)[1:3].lower() == "br" else "", text)
    for _ in range(3):  # a page escaped twice shows "&amp;gt;" for ">" and "&amp;nbsp;" for a space
        if not _HTML_ENTITY.search(text):
            break
        text = html.unescape(text)
    text = windows_paths(text)
    text = text.translate(_FULLWIDTH)
    text = text.translate(_QUOTES)  # before unescaping: an autocorrected \” is the escaped quote \" it was
    text = text.translate(_HYPHENS)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text)
    return drop_access_logs(drop_status_tables(drop_ir_dumps(unescape(text))))


def decode_text(data: bytes, source: str = "input") -> str:
    """Bytes from a file or stdin as text; an :class:`InputError` for empty input or binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass
    if not data.strip():
        raise InputError(f"{source}: empty input", hint="paste the error text into the file (or pipe it to -)")
    sample = data[:65536]
    text = sample.decode("utf-8", errors="replace")
    controls = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f\v\x1b") or ch == "\ufffd")
    if b"\x00" in sample or controls > max(8, len(text) // 10):
        raise InputError(
            f"{source}: binary data, not an error text",
            hint="give explain the text of the error (a log line, a response body, a traceback)",
        )
    return data.decode("utf-8", errors="replace")
