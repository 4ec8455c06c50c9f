"""Step 2's last fallback: read a text nothing else reads by the KIND of its message, learned from the index templates.

Every library says the same few things in its own words: an op, layer, attribute or argument it does not know, a
file that is not there, shapes or types that disagree, a name the model does not have, a version it requires, a
memory or size limit, a timeout, a permission (:data:`KINDS`).  A wrapper's own ``FileNotFoundError``, tfjs'
``Unknown op 'NonMaxSuppressionV5'`` or an R package's ``TensorFlow version >= 2.0.0 is required`` are messages of
code the index has not read; their words still say which kind they are.

How the kinds are learned (from ``messages.json``, the first time a text needs it; nothing here is taken from a
thread):

* every index entry's template is a document of its category (``None``: not about the request or the model); its
  features are its literal words (placeholders dropped), cut to a stem, and the pairs of adjacent words;
* a feature's evidence for a category is the log of its rate in that category's templates against its rate in all
  the others (a small category's rate shrunk towards the overall one, :data:`SMOOTH`), kept only when it tells the
  category apart (:data:`MIN_RATIO`) and a few templates hold it (:data:`MIN_DF`): ``unknown op``, ``keyword``,
  ``exist at``, ``no signature`` …; words most categories' templates hold (:data:`COMMON`) carry none;
* the exception class and the status code say a kind by their definition (Python's ``FileNotFoundError``,
  ``tf.errors.ResourceExhaustedError``, gRPC's ``DEADLINE_EXCEEDED``: :data:`EXCEPTIONS`), and so does a version
  requirement stated outright (``>= 2.0``, ``requires … version``, ``newer version``);
* a text's score for a category is the sum of its features' evidence in its innermost message (the words before a
  wrapper's last ``failed:`` / ``error:`` count :data:`OUTER`); a reading needs
  :data:`THRESHOLD` score, :data:`SHARE` of its and the best other kind's score, a category of :data:`KINDS`
  (the others compete but give no reading: their texts need their own entries), and a text about a model (a word
  of :data:`MODEL_WORDS`, or a loader on the traceback);
* a permission is said in the unknown view (:func:`kind_note`), with no category; kinds measured below 0.85
  precision from their words are not read from words: shapes that disagree (0.57 as a category: TensorFlow's shape
  messages mean a missing or extra batch level, a fixed batch, a scalar input … by their numbers; 0.82 even as a
  kind, 0.78 learned without the text's own entries), a name not in the model (0.59; 0.22), types (0.5);
* what a message STATES outright is read whichever library prints it (:func:`stated`, :data:`STATED`): two shapes
  (or one dimension's sizes, a rank, a byte count) given as what the model takes and what it got, read by their
  numbers as the index's deciders read them; two dtypes likewise; an input or tensor name the model lacks; a layer
  or op type the loader cannot create; a format version it does not read; a file or folder not there; a tag set, a
  signature, a health check, a request format, a size over a limit, a quota.  Statements compete with each other
  (and a version requirement), not with the learned words of kinds they do not state; the shape, type and name
  kinds read only when stated (:attr:`Kind.stated_only`).  Leaving each project's index entries out in turn
  (``benchmarks/explain_leave_out.py``), the texts other projects' entries decided went from 42 % to 65 % right.

The thresholds and which kinds give a category come from measurement (``benchmarks/explain_kinds.py``: the reader
run alone on every text of the spent sets, which were not used to build it, also with the kinds learned without
each text's own index entries), chosen for precision: an honest unknown is better than a wrong reading.  A kind
reading has a lower confidence than a nearest one (:data:`CONFIDENCE`), says in its title that it is read from the
message's kind, carries what it extracted (``kind``, ``kind_words``, the op / file / argument / version), says it
in its cause (:func:`cause`), and its first fix step names it (:func:`first_step`); the category's own steps follow.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .patterns import lazy
from .index import PLACEHOLDER

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .diagnosis import Diagnosis
    from .index import Entry

THRESHOLD = 6.0
"""Least score (sum of the evidence of the text's features) for a reading (chosen from the measurement)."""
SHARE = 0.6
"""Least share the read category must hold of its score and the best other kind's (:data:`SAME_KIND`) together."""
MIN_DF = 2
"""A feature counts when at least this many distinct templates of a category hold it (one, for a category of one)."""
MIN_RATIO = 3.0
"""... and when its rate in the category is at least this many times its rate in the others."""
COMMON = 0.4
"""A word the templates of this share of the categories hold is common (``is``, ``to``, ``not``): it tells nothing, nor
does a pair without a word that is neither common nor short (``is an``; ``not registered`` may)."""
SMOOTH = 8.0
"""A category's rate of a feature is shrunk towards its rate over all templates as if from this many more templates
(a category of a few templates does not own every word they use)."""
MAX_WEIGHT = 4.0
"""A feature's evidence (the log of its rate ratio) is at most this."""
CONFIDENCE = (0.25, 0.34)
"""A kind reading's confidence spans this range (a nearest reading starts at 0.35, an index hit has 0.86)."""
MESSAGE_CHARS = 600
"""The tail of the innermost message that is read."""



@dataclass(frozen=True)
class Kind:
    name: str
    says: str
    """The kind in words."""
    reads: bool = True
    """A kind reading gives the category; else the kind is only said in the unknown view (a permission: not about
    the request or the model)."""
    needs: tuple[str, ...] = ()
    """What the text must name for the kind to give its category (a path: a missing file the text does not name
    is as often a resource, a model name or a container's file)."""
    shows: tuple[str, ...] = ()
    """What the unknown view shows of what the text names (a kind said there only)."""
    stated_only: bool = False
    """The kind gives its category only when the message states it outright (:func:`stated`: two shapes, two
    dtypes, an input name the model lacks, a size over a limit), never from learned words alone (measured
    imprecise: shapes, types and names mean several things by their numbers)."""


KINDS: dict[str, Kind] = {
    "runtime_version_mismatch": Kind("version", "a name the loading library does not know (an op, layer, function, "
                                     "attribute or argument), or a version it requires"),
    "savedmodel_not_found": Kind("path", "a file or path that is not there", needs=("path",)),
    "signature_not_found": Kind("name", "a signature the model does not have"),
    "model_too_large": Kind("size", "a memory or size limit"),
    "client_timeout": Kind("timeout", "a timeout"),
    "permission": Kind("permission", "a permission the caller lacks (not about the request or the model: check the "
                       "account's role on the resource)", reads=False, shows=("path",)),
    "payload_too_large": Kind("request size", "a request over a size limit", stated_only=True),
    "variables_not_restored": Kind("variables", "a variable read before any value was restored into it",
                                   stated_only=True),
    "quota_exceeded": Kind("quota", "a quota of the service (not a size: ask for more, or send less often)",
                           stated_only=True),
    "savedmodel_tags": Kind("tags", "a MetaGraph tag set the SavedModel does not have (or more than one)",
                            stated_only=True),
    "deploy_container_not_ready": Kind("health check", "a serving container that never passed its health check",
                                       stated_only=True),
    "instance_format": Kind("request format", "a request format (content type) the container does not take",
                            stated_only=True),
    "input_keys_mismatch": Kind("input name", "an input name the model does not have", stated_only=True),
    **dict.fromkeys(("input_shape_mismatch", "missing_batch_dimension", "extra_batch_dimension",
                     "fixed_batch_size_in_graph", "encoded_image_string_mismatch"),
                    Kind("shape", "an input's shape other than the model's, read by its numbers", stated_only=True)),
    **dict.fromkeys(("dtype_mismatch", "bytes_sent_to_numeric_input"),
                    Kind("type", "an input's dtype other than the model's, both named", stated_only=True)),
}
"""The kinds, by the category whose templates teach them (``permission``: by the exception class alone).  Other
categories compete (their words keep a text from a kind it is not) but give no reading: their texts need their own
index entries."""

SAME_KIND = {"model_load_failed": "runtime_version_mismatch", "model_base_path_layout": "savedmodel_not_found",
             "missing_batch_dimension": "input_shape_mismatch", "extra_batch_dimension": "input_shape_mismatch",
             "fixed_batch_size_in_graph": "input_shape_mismatch", "model_graph_shape_bug": "input_shape_mismatch",
             "bytes_sent_to_numeric_input": "dtype_mismatch", "encoded_image_string_mismatch": "dtype_mismatch",
             "payload_too_large": "model_too_large"}
"""Categories whose messages are of another's kind (a loader not knowing a name it was given; a path not there):
their score does not count against that kind's share (the best category still decides the reading)."""

DEFINED = 8.0
"""The evidence of an exception class or status code that says its kind by definition: enough alone."""
EXCEPTIONS: dict[str, tuple[str, float]] = {
    # Python's built-in OSError subclasses, by their definition in the Python docs
    "filenotfounderror": ("savedmodel_not_found", DEFINED),
    "notadirectoryerror": ("savedmodel_not_found", DEFINED),
    "isadirectoryerror": ("savedmodel_not_found", DEFINED),
    "nosuchfileexception": ("savedmodel_not_found", DEFINED),  # java.nio.file
    "filenotfoundexception": ("savedmodel_not_found", DEFINED),  # java.io
    "enoent": ("savedmodel_not_found", DEFINED),  # errno / Node.js
    "memoryerror": ("model_too_large", DEFINED),
    "outofmemoryerror": ("model_too_large", DEFINED),  # java.lang
    "resourceexhaustederror": ("model_too_large", 6.0),  # tf.errors: memory most often, but a quota too
    "oomkilled": ("model_too_large", DEFINED),  # Kubernetes
    "timeouterror": ("client_timeout", DEFINED),
    "deadlineexceedederror": ("client_timeout", DEFINED),  # tf.errors
    "deadline_exceeded": ("client_timeout", DEFINED),  # gRPC status code 4
    "deadlineexceeded": ("client_timeout", DEFINED),  # google.api_core.exceptions
    "readtimeout": ("client_timeout", DEFINED),  # requests
    "sockettimeoutexception": ("client_timeout", DEFINED),  # java.net
    # permission: a kind, but not about the request or the model (the unknown view says it)
    "permissionerror": ("permission", DEFINED),
    "permissiondeniederror": ("permission", DEFINED),
    "permission_denied": ("permission", DEFINED),
    "permissiondenied": ("permission", DEFINED),
    "accessdeniedexception": ("permission", DEFINED),
    "eacces": ("permission", DEFINED),
}
"""Exception classes and status codes that say a kind by their definition, with the evidence they add."""
REQUIRED = 12.0
"""The evidence a version requirement stated outright adds (``>= 2.0.0 is required``, ``requires a newer version``)."""

MODEL_WORDS = frozenset({
    "model", "models", "savedmodel", "saved_model", "keras", "tensorflow", "tf", "tfjs", "tflite", "onnx", "torch",
    "pytorch", "graph", "graphdef", "op", "ops", "operation", "layer", "layers", "tensor", "tensors", "signature",
    "signaturedef", "servable", "serving", "checkpoint", "ckpt", "weights", "variables", "dtype", "predict",
    "prediction", "inference", "node", "nodedef", "export", "exported", "pb", "h5", "hdf5", "pbtxt", "onnxruntime",
    "kernel", "endpoint", "opset", "network", "networks",
})
"""Words that say a text is about a model or its serving (the names of model formats, their parts, and the words
TensorFlow, Keras and TF Serving name them by; ``network``: what OpenVINO, TensorRT, Caffe and OpenCV's dnn call a
model -- CNNNetwork, INetworkDefinition, readNet)."""

_TOKEN = lazy(r"[a-z][a-z0-9_]*|\d+|[.;:,()\[\]{}'\"`=|]")
STEM = 7


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM]


def features(text: str) -> set[str]:
    """The stems of ``text``'s words (numbers and one-letter words dropped) and the pairs of adjacent ones (not
    across punctuation or a placeholder)."""
    out: set[str] = set()
    prev = None
    for tok in _TOKEN.findall(PLACEHOLDER.sub(" . ", text).lower()):
        c = tok[0]
        if "a" <= c <= "z":
            if len(tok) > 1:
                w = _stem(tok)
                out.add(w)
                if prev is not None:
                    out.add(f"{prev} {w}")
                prev = w
        elif not c.isdigit():
            prev = None
    return out


@dataclass(frozen=True)
class Model:
    evidence: dict[str, dict[str, float]]
    """feature → category → evidence (the log of the rate ratio), only where it tells the category apart."""


@lru_cache(maxsize=1)
def model() -> Model:
    """Per-category feature evidence, from the index's templates (one document per distinct template): read from
    ``messages_derived.json`` when it was made from this very index and code (:mod:`.derived`), else learned."""
    from .derived import load

    tables = load().get("kinds")
    if tables is not None:
        return Model(tables["evidence"])
    return learn()


def model_tables(m: Model) -> dict[str, Any]:
    """``m`` as JSON for ``messages_derived.json`` (features sorted; each one's categories in the order learned)."""
    return {"evidence": {f: m.evidence[f] for f in sorted(m.evidence)}}


OWN_SOURCE = "sigcheck/"
"""Index entries for sigcheck's own messages (scripts/explain_index_sigcheck.py): each is read by its entry, and they
teach nothing of how the libraries word a kind of message (their path words would outvote other kinds)."""


def learn(exclude: "frozenset[str]" = frozenset(), entries: "tuple[Entry, ...] | None" = None) -> Model:
    """:func:`model`, with the templates of the entries keyed ``exclude`` left out (for measuring the reader on a
    message as if the index had not read its source); ``entries``: another index than the loaded one."""
    from .index import load_index

    entries = load_index() if entries is None else entries
    left_out = {e.template for e in entries if e.key in exclude}
    docs: dict[str, set[tuple[str, ...]]] = {}
    seen: set[tuple[str, str]] = set()
    for e in entries:
        if e.template in left_out or e.source.startswith(OWN_SOURCE):
            continue
        cat = e.category or "-"
        if (e.template, cat) in seen:
            continue
        seen.add((e.template, cat))
        docs.setdefault(cat, set()).add(tuple(sorted(features(e.template))))
    df: dict[str, Counter[str]] = {cat: Counter(f for d in ds for f in d) for cat, ds in docs.items()}
    total: Counter[str] = Counter()
    for c in df.values():
        total.update(c)
    n_all = sum(len(ds) for ds in docs.values())
    spread: Counter[str] = Counter(f for counts in df.values() for f in counts if " " not in f)
    common = {w for w, c in spread.items() if c >= COMMON * len(df)}  # the, is, an, to, not …
    evidence: dict[str, dict[str, float]] = {}
    for cat, counts in df.items():
        n = len(docs[cat])
        for f, k in counts.items():
            if k < min(MIN_DF, n) or f in common or (" " in f and not any(
                    len(w) > 3 and w not in common for w in f.split(" "))):
                continue
            rate = total[f] / n_all  # the feature's rate over all templates: what a category's rate shrinks to
            inside = (k + SMOOTH * rate) / (n + SMOOTH)
            outside = (total[f] - k + SMOOTH * rate) / (n_all - n + SMOOTH)
            ratio = inside / outside
            if ratio >= MIN_RATIO:
                evidence.setdefault(f, {})[cat] = min(math.log(ratio), MAX_WEIGHT)
    return Model(evidence)


# ------------------------------------------------------------------------------------------------ reading

_VERSION_REQUIRED = lazy(
    r"(?:version|v)\s*(?P<op>>=|>|≥|at least|or (?:newer|later|higher|above))\s*v?(?P<v>\d+(?:\.\d+){0,3})"
    r"|(?P<v2>\d+(?:\.\d+){1,3})\s*(?:or|and) (?:newer|later|higher|above)"
    r"|version (?P<v3>\d+(?:\.\d+){0,3}) (?:or (?:newer|later|higher|above) )?is required"
    r"|max(?:imum)? supported [\w ]{0,30}?version(?: is)?:? ?(?P<max>\d+(?:\.\d+){0,3})"
    r"|(?:unsupported|not supported) [\w ]{0,30}?version:? ?v?(?P<unsupported>\d+(?:\.\d+){0,3})"
    r"|requires? (?:a )?(?:newer|later|more recent) version"
    r"|(?:newer|later|more recent) version of (?P<lib>[\w.-]{2,40}) (?:is )?required"
    # a version stated as the only one read, as too old / new, or as the cause: "only supports models saved in
    # tensorflow1.15.x", "we only support V3 now", "model version is too old to be loaded", "model version ERROR"
    r"|only supports? (?:models? |files? )?(?:saved |written |exported |created |converted )?(?:(?:in|with|by) )?"
    r"[a-z ]{0,20}?v?(?P<only>\d+(?:\.\d+){0,3})"
    r"|version (?:is )?(?:too|to) (?:old|new)|(?:too|to) (?:old|new) to be (?:loaded|read|opened|run)"
    # the version the model was made with, stated beside the one running: "You are using Keras version b'2.0.8', but
    # the model was built using b'2.0.9'"
    r"|(?:model|file) (?:was |is )?(?:built|saved|created|trained|exported|written) (?:using|with|by|in) "
    r"[\w ]{0,30}?b?['\"]?v?(?P<built>\d+\.\d+(?:\.\d+)?)"
    r"|(?:model|file|format|schema|opset) version (?:error|mismatch|(?:is )?not supported|unsupported|incompatible)"
    r"|version mismatch|incompatible (?:model |file |format )?version"
    # a format's own version the reader does not take: "cannot parse future versions: 6" (a file newer than its
    # reader), "IR_VERSION=3", "opset 18 is not supported", "not supported in this version", "incompatible with the
    # minimum version supported by this client (3)"
    r"|(?:future|newer|later) (?:file |model |format |ir |schema )?versions?\b"
    r"|(?:only )?supports? [\w ]{0,30}?(?:ir|opset)[ _]?version ?[=:]? ?v?(?P<only_ir>\d+)"
    r"|(?:ir|opset)[ _]?version ?[=:]? ?\d+ (?:is )?(?:not supported|unsupported)"
    r"|(?:not|no longer) supported (?:in|by) (?:this|the current|the installed|your) version"
    r"|incompatible with (?:the )?(?:minimum|maximum|current|installed) version", re.I)
_QUOTED = (r"'([^'\s(\[{]{1,120})'|\"([^\"\s(\[{]{1,120})\"|`([^`\s(\[{]{1,120})`|‘([^’\s(\[{]{1,120})’|"
           r"“([^”\s(\[{]{1,120})”")
"""A quoted name: no blanks, brackets or parentheses (quotes around code such as ``'{}'.format(layer['name'])`` in a
traceback's source line enclose no name)."""
_NAMED = lazy(
    r"\b(?P<noun>op(?:eration)?s?|layer|class|object|attr(?:ibute)?|argument|keyword argument|kwarg|parameter|field|"
    r"function|method|node|key|input|output|tensor|signature|model|servable|file|path|directory|folder|module)"
    r"\b[^'\"`‘“\n]{0,24}?(?:" + _QUOTED + ")", re.I)
_NAMED_AFTER = lazy(
    r"\b(?P<noun>op(?:eration)?s?|layer|class|attr(?:ibute)?|argument|keyword argument|kwarg|parameter|"
    r"initializer|activation|regularizer|constraint|loss|metric|optimizer)\b"
    r"(?:[^:\n'\"`]{0,30}:\s*|\s+(?:registered for|named|called|of type)\s+)"
    r"(?P<name>[A-Za-z_][\w.>/-]{0,119}[\w>])", re.I)
_NAME_FIRST = lazy(r"(?:" + _QUOTED + r")\s+(?:is |was )?(?:not|no|unknown|does not|doesn't)", re.I)
FILE_TYPES = "pb|pbtxt|h5|hdf5|keras|tflite|onnx|ckpt|pt|pth|json|yaml|yml|bin|index|zip|tar|gz|model|meta"
"""File name endings a model, its weights or its config is saved under (a name with one is a file the text names)."""
_PATH = lazy(r"(?<![\w:/\\.])((?:[A-Za-z]:)?(?:gs://|s3://|\.{1,2}[/\\]|[/\\~])?[\w.\-~]+(?:[/\\][\w.\-~]+)+|"
                   r"[\w\-~][\w.\-~]*\.(?:" + FILE_TYPES + r"))(?![\w])", re.I)
_WORDS_PAIR = lazy(r"[A-Za-z]+/[A-Za-z]+")
_ROOTED = lazy(r"(?:[A-Za-z]:|gs:|s3:|\.{0,2}[/\\~])")
_FILE_END = lazy(r"\.(?:" + FILE_TYPES + r")$", re.I)
NOUN_KEY = {"op": "op", "operation": "op", "layer": "layer", "class": "layer", "object": "layer", "attr": "attr",
            "attribute": "attr", "argument": "kwarg", "keyword argument": "kwarg", "kwarg": "kwarg",
            "parameter": "kwarg", "field": "kwarg", "function": "function", "method": "function",
            "initializer": "layer", "activation": "layer", "regularizer": "layer", "constraint": "layer",
            "loss": "layer", "metric": "layer", "optimizer": "layer", "node": "input", "key": "input",
            "input": "input", "output": "output", "tensor": "input", "signature": "signature",
            "model": "model", "servable": "model", "file": "path", "path": "path", "directory": "path",
            "folder": "path", "module": "module"}
"""The noun before a quoted name → the evidence key the name is kept under (the catalogue's wording reads op, attr,
kwarg, layer, input, path)."""


@dataclass
class KindReading:
    """A text read by the kind of its message."""

    category: str | None
    """The category the kind gives (None: a kind only said in the unknown view)."""
    kind: Kind
    score: float
    share: float
    words: list[str] = field(default_factory=list)
    """The features (and exception class) that decided it, strongest first."""
    names: dict[str, Any] = field(default_factory=dict)
    """What the text names: op / layer / attr / kwarg / input / signature / model / path / required_version …"""


def _message(line: str, text: str) -> tuple[str, str | None]:
    """The innermost message (layers) and the exception class (frames, else the layers)."""
    from .frames import read_frames
    from .layers import read_layers

    layers = read_layers(line)
    exc = read_frames(text).exception or layers.exception
    msg = layers.message or line
    return msg[-MESSAGE_CHARS:], exc


_CAUSE_FOLLOWS = lazy(r"\b(?:failed|error|exception|caused by|reason)\s*:\s*", re.I)
OUTER = 0.5
"""What the words before the last ``failed:`` / ``error:`` / ``caused by:`` count for: a wrapper's context (``Load
model from x.onnx failed:``) around the cause, which is last."""


def _scores(msg: str, extra: str, m: Model, said: "list[tuple[str, float, str, dict[str, Any]]]" = ()  # type: ignore[assignment]
            ) -> tuple[Counter[str], dict[str, list[tuple[float, str]]]]:
    scores: Counter[str] = Counter()
    why: dict[str, list[tuple[float, str]]] = {}
    cut = list(_CAUSE_FOLLOWS.finditer(msg))
    inner = msg[cut[-1].end():] if cut else msg
    if len(features(inner)) < 3:  # nothing much after the last "failed:": the whole message is the cause
        inner = msg
    head = features(msg[:len(msg) - len(inner)]) - features(inner)
    for f, scale in [(f, 1.0) for f in features(inner)] + [(f, OUTER) for f in head]:
        for cat, w in m.evidence.get(f, {}).items():
            scores[cat] += w * scale
            why.setdefault(cat, []).append((w * scale, f))
    for token in set(re.findall(r"[a-z_]{5,}", extra.lower())):
        if token in EXCEPTIONS:
            cat, w = EXCEPTIONS[token]
            scores[cat] += w
            why.setdefault(cat, []).append((w, token))
    if _VERSION_REQUIRED.search(msg):
        scores["runtime_version_mismatch"] += REQUIRED
        why.setdefault("runtime_version_mismatch", []).append((REQUIRED, "version required"))
    for cat, w, words, _ in said:
        scores[cat] += w
        why.setdefault(cat, []).append((w, words))
        group = SAME_KIND.get(cat, cat)
        for other in [c for c in scores if c != cat and SAME_KIND.get(c, c) == group and c not in
                      {s[0] for s in said}]:  # the numbers chose among one kind's categories: its words count here
            scores[cat] += scores.pop(other)
            why[cat].extend(why.pop(other, []))
    return scores, why


def about_a_model(msg: str, text: str) -> bool:
    words = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.findall(r"[a-z_]+", msg.lower())}
    if words & MODEL_WORDS:
        return True
    if re.search(r"\.(?:pb|h5|hdf5|keras|pbtxt|tflite|onnx|ckpt|pt|pth)\b|saved_?model|variables\.", msg, re.I):
        return True
    from .frames import read_frames

    return read_frames(text).loading


def names(msg: str, category: str | None) -> dict[str, Any]:
    """What the message names: the quoted name after its noun (op, layer, argument, file …), a path, the version it
    requires (or does not support)."""
    out: dict[str, Any] = {}
    for m in _NAMED.finditer(msg):
        noun = m.group("noun").lower().rstrip("s") if m.group("noun").lower() not in ("class", "ops") else \
            m.group("noun").lower()
        noun = {"ops": "op", "operation": "op", "operations": "op"}.get(noun, noun)
        key = NOUN_KEY.get(noun)
        name = next(g for g in m.groups()[1:] if g)
        if key and key not in out:
            out[key] = name.rstrip(".,:;")
    for m in _NAMED_AFTER.finditer(msg):  # Keras' "Unknown layer: Functional", tfjs' "Op is not supported: AddV2"
        noun = m.group("noun").lower()
        key = NOUN_KEY.get({"ops": "op", "operations": "op"}.get(noun, noun), "layer")
        if key not in out:
            out[key] = m.group("name")
    if "op" not in out and category == "runtime_version_mismatch":
        m = _NAME_FIRST.search(msg)
        if m:
            out["name"] = next(g for g in m.groups() if g)
    for v in _VERSION_REQUIRED.finditer(msg):
        if v.group("max"):
            out.setdefault("supported_version", "<= " + v.group("max"))
        elif v.group("unsupported"):
            out.setdefault("unsupported_version", v.group("unsupported"))
        elif v.group("only") or v.group("only_ir"):
            out.setdefault("supported_version", "only " + (v.group("only") or v.group("only_ir")))
        elif v.group("v") or v.group("v2") or v.group("v3"):
            op = (v.group("op") or ">=").replace("≥", ">=")
            out.setdefault("required_version", f"{op} {v.group('v') or v.group('v2') or v.group('v3')}")
    if "path" not in out:
        found = [m.group(1).rstrip(".") for m in _PATH.finditer(msg) if not m.group(1).startswith(("job:", "/job"))]
        found = [p for p in found if not _WORDS_PAIR.fullmatch(p)]  # and/or, incompatible/unknown: words, not a path
        if found:  # a path that starts as one (/, ./, C:, gs://) or names a file type, before a bare a/b
            out["path"] = min(found, key=lambda p: (not _ROOTED.match(p) and not _FILE_END.search(p), found.index(p)))
    return out


# ------------------------------------------------------------------------------------------------ stated outright
# What a message says by its very words, whichever library prints it: two shapes (or sizes of one dimension) given
# as what the model takes and what it got; two dtypes likewise; an input name the model does not have; a layer or op
# type the loader cannot create; a directory that holds no model file; a signature the model lacks; a size over a
# limit.  Each is read by what it means for someone serving a model, not by a library's wording: the numbers decide
# between the shape readings as the index's rank decider reads them (index.DECIDERS["rank"]).

_DIM = r"(?:-?\d{1,9}|\?|None|null)"
_SHAPE_TEXT = lazy(rf"[\[(]\s*{_DIM}(?:\s*(?:,|\bx\b|×)\s*{_DIM}){{0,11}}\s*,?\s*[\])]")
"""A shape as libraries print it: ``[1,-1,-1,3]``, ``(224, 224, 3)``, ``(1 x 128 x 32 x 32)``."""
_WANT_CUE = lazy(
    r"\b(?:expect(?:s|ed|ing)?|must (?:be|have|match)|should (?:be|have)|requires?|required|wants?|takes|allowed|"
    r"declared|defined|configuration shape|model (?:shape|input shape)|into(?: shape)?|to have(?: shape)?|"
    r"input_signature|spec|which has(?: the)? shape)\b", re.I)
"""Words before the value the model takes (``which has shape``: the fed tensor's own, in ``Cannot feed value of
shape A for Tensor T, which has shape B``)."""
_GOT_CUE = lazy(
    r"\b(?:got|but (?:was|is|has)|was|provided|given|actual|received|passed|from(?: shape)?|feed|fed|feeding|sent|"
    r"inference shape|found)\b", re.I)
_INPUT_WORDS = lazy(r"\b(?:inputs?|feeds?|fed|dict|arrays?|instances?|images?|request|batch)\b|\bdict\[", re.I)
"""The message is about what was given to the model (its input), not about two tensors inside it."""


def _role(between: str) -> str | None:
    """The role of the value after ``between`` (the words since the previous value): the last cue decides."""
    want = [m.end() for m in _WANT_CUE.finditer(between)]
    got = [m.end() for m in _GOT_CUE.finditer(between)]
    if not want and not got:
        return None
    return "want" if max(want, default=-1) > max(got, default=-1) else "got"


def _roled(msg: str, found: "list[re.Match[str]]") -> tuple[Any, Any] | None:
    """(got, want) of the last pair of values with one role each (the innermost statement), or None."""
    roles: list[tuple[str, str]] = []
    prev = 0
    for m in found:
        role = _role(msg[max(prev, m.start() - 60):m.start()])
        if role is not None:
            roles.append((role, m.group(0)))
        prev = m.end()
    for (r1, v1), (r2, v2) in zip(roles[::-1][1:], roles[::-1]):
        if {r1, r2} == {"got", "want"}:
            return (v1, v2) if r1 == "got" else (v2, v1)
    return None


_DIM_SIZES = lazy(
    r"\b(?:dimension|dim|index|axis)\s*:?\s*(?P<dim>\d{1,2})\b[^.\d]{0,20}?\bgot:?\s*(?P<got>\d{1,9})\b[^.\d]{0,20}?"
    r"\bexpected:?\s*(?P<want>\d{1,9})\b"
    r"|\bgot:?\s*(?P<got2>\d{1,9})\s*,?\s*(?:but )?expected:?\s*(?P<want2>\d{1,9})\s*(?:for|at|in) "
    r"(?:the )?(?:dimension|dim|axis|index)\s*:?\s*(?P<dim2>\d{1,2})\b", re.I)
"""One dimension's sizes (ONNX Runtime's ``index: 0 Got: 3 Expected: 1``, ``Got 32 but expected 1 for dimension
0``)."""


_WANT_RANK = lazy(r"\b(?:to have|expected|expects?|must have|should have)\s(?P<rank>\d) dimensions?(?:\(s\))?"
                        r"|\bexpected (?:ndim|rank)\s?=?\s?(?P<rank2>\d)\b|\bexpected rank (?P<rank3>\d) array\b", re.I)
"""The rank the model takes, stated as a number of dimensions (Keras 2's ``expected input_1 to have 4 dimensions,
but got array with shape (1, 200, 200)``; Keras' ``expected ndim=4, found ndim=5. Full shape received: …``)."""
_SIZE_INTO = lazy(r"\b(?:reshape|broadcast|fit|copy|put)\b[^.]{0,30}?\b(?:array|tensor|input|values?) of size "
                        r"(?P<size>\d{1,12}) into (?:a )?shape\s?(?P<shape>[\[(][\d, ]{1,60}[\])])", re.I)
"""So many values that do not fill the shape asked for (NumPy's ``cannot reshape array of size 1800 into shape
(1,2925)``)."""


_NOT_ALLOWED = lazy(
    r"\bshape\s?(?P<shape>[\[(][\d, x×?-]{1,60}[\])]) (?:is |was )?not (?:in|among|one of|within) (?:the )?"
    r"(?:[\w ]{0,30}?)(?:allowed|supported|accepted|valid) (?:input )?shapes\b", re.I)
"""A shape given that is not among those the model takes (Core ML's ``Shape (1 x 128 x 32 x 32) was not in
enumerated set of allowed shapes``)."""


def stated_shapes(msg: str) -> dict[str, Any] | None:
    """The shape the model takes and the one it was given, when the message states both about an input (or the sizes
    of one dimension, or the rank it takes and the shape given): ``{"category", "got_shape", "want_shape"}`` (or
    ``dim``, ``got``, ``want``; ``want_rank``)."""
    from .evidence import parse_shape
    from .index import DECIDERS

    refused = _NOT_ALLOWED.search(msg)
    if refused is not None:  # one shape given, not among those the model takes (Core ML's enumerated shapes)
        given = parse_shape(re.sub(r"\s*(?:\bx\b|×)\s*", ",", refused.group("shape")))
        if given:
            return {"category": "input_shape_mismatch", "got_shape": given}
    if not _INPUT_WORDS.search(msg):
        return None
    into = _SIZE_INTO.search(msg)
    if into is not None:  # values that cannot fill the shape: another per-example shape (the count says which)
        shape = parse_shape(into.group("shape"))
        size = int(into.group("size"))
        wanted = 1
        for d in shape or []:
            wanted *= max(d, 1)
        if shape and size != wanted:
            return {"category": "input_shape_mismatch", "values": size, "want_shape": shape}
    m = _DIM_SIZES.search(msg)
    if m is not None:
        dim = int(m.group("dim") or m.group("dim2"))
        got, want = int(m.group("got") or m.group("got2")), int(m.group("want") or m.group("want2"))
        if got == want:
            return None
        # the first dimension is the batch: a model that takes 1 there has its batch fixed in the graph
        category = "fixed_batch_size_in_graph" if dim == 0 and want == 1 and got > 1 else "input_shape_mismatch"
        return {"category": category, "dim": dim, "got": got, "want": want}
    shapes = list(_SHAPE_TEXT.finditer(msg))
    rank = _WANT_RANK.search(msg)
    if rank is not None:  # the rank it takes, and the shape given after it
        got_m = next((m for m in shapes if m.start() > rank.end() and _role(msg[rank.end():m.start()]) == "got"), None)
        if got_m is None:  # DL4J: 'Got rank 2 array … with shape [1, 784]. Expected rank 4 array with shape […]'
            got_m = next((m for m in reversed(shapes) if m.end() <= rank.start()
                          and _role(msg[max(0, m.start() - 60):m.start()]) != "want"), None)
        got_r = parse_shape(got_m.group(0)) if got_m is not None else None
        want_rank = int(rank.group("rank") or rank.group("rank2") or rank.group("rank3"))
        if got_r and len(got_r) != want_rank:
            category = DECIDERS["rank"]({"got_shape": got_r, "want_rank": want_rank}, {}, msg)
            return {"category": category or "input_shape_mismatch", "got_shape": got_r, "want_rank": want_rank}
    pair = _roled(msg, shapes)
    if pair is None:
        return None
    got_s, want_s = (parse_shape(re.sub(r"\s*(?:\bx\b|×)\s*", ",", v)) for v in pair)
    if not got_s or not want_s or got_s == want_s:
        return None
    if len(got_s) < 2 and len(want_s) < 2 and len(re.findall(r"\bshape", msg, re.I)) < 2:
        return None  # '(8)' and '(4)' with no 'shape' named for each: sizes or counts, not shapes

    category = DECIDERS["rank"]({"got_shape": got_s, "want_shape": want_s}, {}, msg) or "input_shape_mismatch"
    return {"category": category, "got_shape": got_s, "want_shape": want_s}


_DTYPE_NAMES = {
    "float": "float32", "float32": "float32", "single": "float32", "fp32": "float32", "dt_float": "float32",
    "float64": "float64", "double": "float64", "fp64": "float64", "dt_double": "float64",
    "float16": "float16", "half": "float16", "fp16": "float16", "dt_half": "float16", "bfloat16": "bfloat16",
    "int8": "int8", "sbyte": "int8", "uint8": "uint8", "byte": "uint8", "dt_uint8": "uint8", "quantized_uint8": "uint8",
    "int16": "int16", "uint16": "uint16", "int32": "int32", "int": "int32", "dt_int32": "int32",
    "int64": "int64", "dt_int64": "int64", "uint32": "uint32", "uint64": "uint64",
    "bool": "bool", "boolean": "bool", "dt_bool": "bool",
    "string": "string", "bytes": "string", "dt_string": "string",
    "notype": "none",  # TFLite's type of a value that is none (a None, an empty feed)
}
"""The dtype names libraries print (NumPy / TensorFlow / ONNX ``tensor(float)`` / .NET ``Single``, ``Byte`` / TFLite
``FLOAT32``), as one name each."""


def dtype_name(name: str) -> str:
    """``name`` as one name for its dtype (``float`` / ``DT_FLOAT`` / ``fp32`` → ``float32``); a name not in the table
    as it is."""
    return _DTYPE_NAMES.get(name.lower(), name)


_DTYPE_TEXT = lazy(r"(?<![\w.])(?<!\d )(?:tensor\()?(?:" + "|".join(sorted(_DTYPE_NAMES, key=len, reverse=True)) +
                         r")\)?(?![\w(])", re.I)
_TYPE_WORDS = lazy(r"\b(?:d?type|data ?type|dtype|schema|tensor)\b", re.I)


_CAST = lazy(r"\bcast (?P<got>[a-z]\w{2,9}) to (?P<want>[a-z]\w{2,9}) is not supported\b", re.I)
"""A cast the graph has no kernel for: the value arrives as one dtype where the graph casts to another (TensorFlow's
``Cast string to float is not supported``)."""


def stated_dtypes(msg: str) -> dict[str, Any] | None:
    """The dtype an input takes and the one it was given, when the message states both (``must be int32, but was
    float32``; ``Actual: (tensor(float)) , expected: (tensor(uint8))``; ``expected Byte, got Single``; a cast from one
    to the other that is not supported)."""
    cast = _CAST.search(msg)
    if cast is not None and cast.group("got").lower() in _DTYPE_NAMES and cast.group("want").lower() in _DTYPE_NAMES:
        pair = (cast.group("got"), cast.group("want"))
    elif not (_TYPE_WORDS.search(msg) and _INPUT_WORDS.search(msg)) and "column" not in msg.lower():
        return None
    else:
        pair = _roled(msg, list(_DTYPE_TEXT.finditer(msg)))
    if pair is None:
        return None
    got, want = (_DTYPE_NAMES[re.sub(r"^tensor\(|\)$", "", v.lower())] for v in pair)
    if got == want:
        return None
    numeric = want not in ("string", "bool")
    category = "bytes_sent_to_numeric_input" if got == "string" and numeric else "dtype_mismatch"
    return {"category": category, "got_dtype": got, "expected_dtype": want}


def _q(n: int, role: str = "name") -> str:
    """A name as messages quote it (or not), captured as ``<role><n>``: ``name`` (the one given), ``expected`` (the
    model's own)."""
    return r"['\"‘“`\[]?(?P<" + role + str(n) + r">[\w./:-]{0,79}\w)['\"’”`\]]?"

STATED: tuple[tuple[str, str, int, tuple[str, ...], str], ...] = (
    # (a version kind said by what it is, first: its own cause and step, STATEMENT_FIX)
    # Python's marshal: code (a .pyc, a Keras Lambda layer's function) written by another Python version
    ("runtime_version_mismatch", r"(?<![a-z])bad marshal data\b", re.I, ("marshal",),
     "code of another Python version"),
    # code that calls .decode() on what a newer library returns as str (h5py >= 3 under Keras < 2.5 …)
    ("runtime_version_mismatch", r"'str' object has no attribute 'decode'", 0, ("decode",), ".decode() on a str"),
    # TensorFlow 1 code run by TensorFlow 2
    ("runtime_version_mismatch", r"\bnot supported when eager execution is enabled\b", re.I, ("eager execution",),
     "TensorFlow 1 code under eager TensorFlow 2"),
    # an input name the model does not have, or the model's input names listed against the ones given
    ("input_keys_mismatch", (
        r"\binput (?:column|feature|key|name|tensor)?\s?" + _q(1) + r",? (?:does not|doesn't|did not|does n't) exist"
        r"|\bno (?:input |)(?:feature|column|input)s? (?:named|with (?:the )?name|called)\s" + _q(2) +
        r"|\b(?:required|missing) input (?:feature|column|key)s? (?:not |was not |were not |is not )?"
        r"(?:passed|given|provided|found|missing)"
        r"|\bkeys (?:are|must be) the (?:named )?inputs of the model(?::\s?" + _q(4, "expected") + ")?"
        r"|\b(?:allowed|valid|expected|known|the model's) inputs (?:are|is)\b(?::?\s?" + _q(5, "expected") + ")?"),
     re.I, ("input", "name", "called"),
     "an input name"),
    # a layer or op type the loader cannot create, or has no registration for
    ("runtime_version_mismatch", (
        r"\b(?:can't|cannot|can not|could not|couldn't|unable to|failed to) (?:create|instantiate|construct|find|"
        r"build) (?:the )?(?:layer|op|operator|operation)\b[^.]{0,80}?\bof type\b"
        r"|\b(?:layer|op|operator|operation)(?: type)?\s" + _q(3) + r" (?:not exists? or (?:is )?registered|"
        r"is not registered|not registered|has not been registered|(?:is )?not supported|not support)\b"
        r"|\bno (?:op|operator|kernel|converter|layer) (?:registered|found|implemented) for\b"
        r"|\b(?:unsupported|unknown|unrecogni[sz]ed) (?:layer|op|operator|operation|opcode|initializer|activation|"
        r"regularizer|constraint|optimizer)(?: type)?\b"
        r"|\bno op named \S{1,80} in (?:the )?defined operations"  # the importer's op registry
        r"|\bno (?:op)?kernel (?:was )?registered (?:to support|for)\b"  # a build without the op (for this device)
        r"|\bdidn't find op for (?:builtin|custom) (?:opcode|op)\b|\bbuiltin_code out of range\b"
        r"|\b(?:old|older) [\w ]{0,20}?(?:binary|runtime|version) with (?:a )?newer model\b"
        # an argument (a layer's config key) the loading library's code does not take: written by another version
        r"|\bkeyword arguments? not understood\b|\bunrecogni[sz]ed keyword arguments?\b"),
     re.I, ("of type", "regist", "support", "found", "implemented", "unknown", "unrecogni", "defined operations",
            "kernel", "find op", "builtin_code", "newer model", "keyword argument"),
     "a layer or op the loader does not know"),
    # a directory that holds no model file where the loader looks
    ("savedmodel_not_found", (
        r"\bcontains? neither\b|\bdoes(?: not|n't) contain (?:a |an |any )?(?:['\"]?saved_?model|model|graph|\.pb)"
        r"|\bno (?:saved_?model|model|\.pb|\.onnx|\.tflite|\.h5) files? (?:found|in|at|under)\b"
        # a file or folder (named by its path: Kind.needs) that is not there
        r"|\b(?:could not|couldn't|cannot|can't|unable to|failed to) (?:find|match|locate) (?:any )?(?:matching )?"
        r"(?:files?|director(?:y|ies)|folder|path|saved_?model)\b"
        r"|\b(?:file|path|directory|folder) (?:['\"‘]?[\w.:/\\@~-]{1,200}['\"’]? )?(?:does not|doesn't) exist\b"),
     re.I, ("neither", "contain", "file", "find", "match", "locate", "exist"),
     "a file or folder that is not there"),
    # a graph tensor or operation asked for by a name the model does not have (a feed's or fetch's name)
    ("input_keys_mismatch", (
        r"\b(?:the name ['\"‘]" + _q(8) + r"['\"’] )?refers to an? (?:tensor|operation) (?:which does not exist|"
        r"not in the graph)"
        r"|\bno (?:operation|op|node|tensor) named ['\"‘]?" + _q(6) + r"['\"’]? exists?\b"
        r"|\b(?:operation|tensor|node),? ['\"‘]" + _q(7) + r"['\"’],? does not exist in the graph"),
     re.I, ("refers to", "exist"),
     "a tensor name the graph does not have"),
    # the input smaller than the model's windows (a convolution or pooling over fewer pixels than its kernel)
    ("input_shape_mismatch", (r"\boutput size would be negative\b"), re.I, ("negative",), "an input too small"),
    # a variable read before any value was restored into it
    ("variables_not_restored", (
        r"\bno checkpoints? (?:was|were) restored\b|\bcould not find (?:resource|variable)\b"
        r"|\bresource \S{1,200} does not exist\b|\bcontainer \S{1,60} does not exist\b"
        r"|\bvariables? (?:was |were )?not (?:restored|loaded)\b"),
     re.I, ("restored", "could not find", "does not exist", "not loaded"),
     "a variable with no value"),
    # a quota of the service (requests per minute, a resource's count): not the size of anything
    ("quota_exceeded", (
        r"\bquota\b[^.\n]{0,80}?\b(?:exceeded|exhausted|reached|limit)\b|\b(?:exceeded|exhausted|over) (?:the |your |a )?"
        r"(?:[\w-]{1,30} )?quota\b|\bquota (?:increase|limit)\b"), re.I, ("quota",), "a quota"),
    # a MetaGraph tag set the SavedModel does not have, or several where one is needed
    ("savedmodel_tags", (
        r"\b(?:does not|doesn't) have (?:the |any )?tags?\b|\bno meta ?graph(?: ?def)? (?:with|for|tagged|matching) "
        r"(?:the )?tags?\b|\bmore than one meta ?graph\b|\bmeta ?graphs? (?:with|for) (?:the )?tags? [^.]{0,40}"
        r"(?:not found|could not be found)\b"), re.I, ("tag", "meta"), "a tag set"),
    # a serving container that never became healthy
    ("deploy_container_not_ready", (
        r"\b(?:did not|didn't|failed to|does not|never) pass(?:ed)? (?:the |its |a )?(?:ping )?health ?checks?\b"
        r"|\bhealth ?checks? (?:failed|timed out|did not pass)\b|\b(?:readiness|liveness) probe failed\b"),
     re.I, ("health", "probe"),
     "a health check"),
    # a request whose format or content type the container does not take
    ("instance_format", (
        r"\bunsupported (?:media type|content[- ]type|request (?:data )?format)\b"),
     re.I, ("unsupported",),
     "a request format"),
    # a signature the model does not have
    ("signature_not_found", (
        r"\bexpected ['\"‘][\w/-]{1,60}['\"’] signature\b|\bsignature (?:def |key |name )?['\"‘][\w/-]{1,60}['\"’] "
        r"(?:not found|does not exist|doesn't exist|is not (?:found|present|available))"
        r"|\bno signature (?:def(?:inition)? |key )?(?:named|with (?:the )?(?:name|key)|called)\b"
        r"|\b(?:could not|cannot|can't|unable to) find (?:the )?signature\b"),
     re.I, ("signature",),
     "a signature name"),
)
"""Statements that say their kind outright: (category, pattern, flags, the words one of which a text needs before the
pattern is compiled and run -- every branch of the pattern holds one --, the kind in words)."""

STATEMENT_FIX: dict[str, tuple[str, str]] = {
    "code of another Python version": (
        "Python's marshal format differs between Python versions: code kept in the model (a Keras Lambda layer's "
        "function, a .pyc file) was written by another Python version than the one loading it.",
        "Load the model with the Python version that saved it (with its TensorFlow / Keras), or build the model in "
        "code and load only its weights (model.load_weights)"),
    ".decode() on a str": (
        "The loading code calls .decode() on an attribute a newer library already returns as text: most often "
        "Keras / TensorFlow < 2.5 reading an .h5 file through h5py >= 3.",
        "Install h5py < 3 beside that Keras / TensorFlow (pip install 'h5py<3'), or load the .h5 with Keras / "
        "TensorFlow >= 2.5"),
    "TensorFlow 1 code under eager TensorFlow 2": (
        "TensorFlow 1 code (graphs, sessions, meta graphs) runs under TensorFlow 2, with eager execution on.",
        "Run the TensorFlow 1 code with tf.compat.v1 and tf.compat.v1.disable_eager_execution() at its start (or "
        "under TensorFlow 1.15), or load the model with TensorFlow 2's API (tf.saved_model.load)"),
    "an input name": (
        "The model has no input {input}: the request or the code uses another name than the model's inputs"
        "{expected}.",
        "List the model's input names (sigcheck inspect MODEL, or saved_model_cli show --dir MODEL --all; for "
        "another format, its runtime's input listing) and use exactly those names"),
    "a tensor name the graph does not have": (
        "The graph has no tensor or operation {input}: the name fed or fetched differs from the model's (an "
        "export's own names, a ':0' suffix, a 'serving_default_' prefix).",
        "List the signature's inputs and outputs (saved_model_cli show --dir MODEL --all) and feed / fetch the "
        "tensor names it prints"),
    "a request format": (
        "The container does not take the request's format or content type: its handler reads another one (TF "
        "Serving and its containers read JSON).",
        "Send the body in the format the container's handler reads (Content-Type: application/json with "
        "{\"instances\": [...]} for TF Serving containers), or give the container a handler for this content type"),
}
"""A statement's own cause and first step, when its category's general wording would not name what it says."""

_SIZE_LIMIT = lazy(
    r"\b(?:size|bytes)\b(?:[^.\n]|\.\d){0,60}?\b(?:must be (?:smaller|less) than|exceeds?|exceeded|(?:is )?too (?:large|big)|"
    r"greater than (?:the )?max|larger than (?:the )?max|over the (?:max|limit))"
    r"|\bexceeds? (?:the )?(?:storage |file |package |deployment |)(?:max(?:imum)?|limit)(?: allowed)?(?: size)?\b"
    r"|\btoo (?:large|big)\b[^.\n]{0,30}?\b(?:more|larger|greater) than\b",
    re.I)
_SIZE_NUMBER = lazy(r"\b\d[\d,.]*\s?(?:bytes|[kmg]i?b|[kmg])\b|\[\d{6,}\]|\b\d{7,}\b", re.I)
_REQUEST_WORDS = lazy(r"\b(?:payload|request (?:body|entity|size|is too)|body|message (?:size|larger|length)|"
                            r"instances)\b", re.I)
"""What names a request's size (a service's own "Request ID" does not)."""


_BYTES = lazy(r"(?<![\w.])\d[\d,]{0,14}(?= ?bytes\b)", re.I)


def stated_bytes(msg: str) -> dict[str, Any] | None:
    """An input's byte count against the one its tensor takes (Triton's ``invalid size 4153344 bytes for input 'x',
    expects 2076672 bytes``): a ratio of 2, 4 or 8 is values of another width (float64 for float32, float32 for
    uint8: a dtype), another ratio another shape -- as the index's tflite_bytes decider reads TFLite's and Triton's
    own messages.  Two counts, one of them with its side named: the other is the other side."""
    if not _INPUT_WORDS.search(msg):
        return None
    found = list(_BYTES.finditer(msg))
    if len(found) != 2:
        return None
    roles = [_role(msg[max(0, m.start() - 60):m.start()]) for m in found]
    if roles[0] is None and roles[1] is not None:
        roles[0] = "got" if roles[1] == "want" else "want"
    elif roles[1] is None and roles[0] is not None:
        roles[1] = "got" if roles[0] == "want" else "want"
    if sorted(r or "" for r in roles) != ["got", "want"]:
        return None
    counts = {r: int(m.group(0).replace(",", "")) for r, m in zip(roles, found)}
    if counts["got"] == counts["want"]:
        return None
    from .index import DECIDERS

    category = DECIDERS["tflite_bytes"]({"want_bytes": counts["want"], "got_bytes": counts["got"]}, {}, msg)
    return {"category": category or "input_shape_mismatch", "got_bytes": counts["got"], "want_bytes": counts["want"]}


def stated_size(msg: str) -> dict[str, Any] | None:
    """A size over a limit, with a number: a request's (its body or message: the payload) or else what was deployed
    (the model, its package or its storage)."""
    m = _SIZE_LIMIT.search(msg)
    if m is None or not _SIZE_NUMBER.search(msg):
        return None
    return {"category": "payload_too_large" if _REQUEST_WORDS.search(msg) else "model_too_large",
            "limit_words": m.group(0)}


def stated(msg: str) -> list[tuple[str, float, str, dict[str, Any]]]:
    """What ``msg`` states outright: (category, evidence, the words, what it names), strongest first."""
    out: list[tuple[str, float, str, dict[str, Any]]] = []
    for reader, words in ((stated_shapes, "shapes stated"), (stated_dtypes, "dtypes stated"),
                          (stated_bytes, "byte counts stated"), (stated_size, "size over a limit")):
        found = reader(msg)
        if found is not None:
            out.append((found.pop("category"), DEFINED, words, found))
    low = msg.lower()
    for category, pattern, flags, needs, words in STATED:
        if any(category == c for c, _, _, _ in out) or not any(w in low for w in needs):
            continue  # each category once; a pattern is compiled (re caches it) only for a text that may hold it
        m = re.compile(pattern, flags).search(msg)
        if m is not None:
            named = {}
            for k, v in m.groupdict().items():
                if v:
                    named.setdefault("name" if k.startswith("name") else "expected_keys", v)
            out.append((category, DEFINED, words, named))
    return out


def read_kind(line: str, text: str | None = None, *, threshold: float = THRESHOLD, share: float = SHARE,
              learned: Model | None = None) -> KindReading | None:
    """The kind of the normalised text ``line`` (``text``: as pasted, for its traceback; ``learned``: another
    :func:`learn` than the index's whole one), or None when its words say
    no kind clearly enough, the kind is a category this module does not read, or the text is not about a model."""
    text = line if text is None else text
    msg, exc = _message(line, text)
    said = stated(msg)
    scores, why = _scores(msg, f"{exc or ''} {line[-MESSAGE_CHARS:]}", learned or model(), said)
    if not scores:
        return None
    ranked = scores.most_common()
    outright = {c for c, _, _, _ in said} | ({"runtime_version_mismatch"} if _VERSION_REQUIRED.search(msg) else set())
    if outright:  # the message states its kind: the statements compete (each with its kind's words), the words of
        ranked = [(c, v) for c, v in ranked if c in outright]  # kinds it does not state do not outvote them
    (cat, best), *rest = ranked
    group = SAME_KIND.get(cat, cat)
    runner = next((v for c, v in rest if SAME_KIND.get(c, c) != group), 0.0)  # of another kind
    total = best + runner
    if best < threshold or best / total < share:
        return None
    kind = KINDS.get(cat)
    own = next((found for c, _, _, found in said if c == cat), None)  # what the message states of this kind
    if kind is None or (kind.stated_only and own is None) or (own is None and not about_a_model(msg, text)):
        return None
    named = names(msg, cat)
    for key, value in (own or {}).items():
        if key == "name":  # the name a statement quotes: the input's, or the layer / op's
            named.setdefault("input" if cat == "input_keys_mismatch" else "name", value)
        else:
            named[key] = value
    category = cat if kind.reads and all(k in named for k in kind.needs) else None
    top = [f for _, f in sorted(why[cat], reverse=True)[:5]]
    return KindReading(category, kind, round(best, 2), round(best / total, 2), top, named)


# ------------------------------------------------------------------------------------------------ the diagnosis

def _quote(v: Any) -> str:
    return f"'{v}'"


WHAT = (("op", "op"), ("layer", "layer or class"), ("attr", "attribute"), ("kwarg", "argument"),
        ("function", "function"), ("module", "module"), ("name", "name"))
"""The names a version kind reads, and what each is called in words."""


def cause(r: KindReading) -> str | None:
    """What the kind says happened, with what the text names (None: the category's own sentence says it)."""
    n = r.names
    if r.category == "savedmodel_not_found" and "path" in n:
        return (f"The loader was given a file or directory that is not there ({n['path']}): a wrong or relative path, "
                "a file not copied to where the code runs, or a directory one level above or below the model.")
    if r.category == "runtime_version_mismatch":
        if "required_version" in n:
            return (f"The code loading the model requires another version of the library it runs on "
                    f"({n['required_version']}) than the one installed.")
        if "supported_version" in n or "unsupported_version" in n:
            at = f" ({n['unsupported_version']})" if "unsupported_version" in n else ""
            most = f": it reads {n['supported_version']}" if "supported_version" in n else ""
            return f"The model was written at a version{at} the library loading it does not support{most}."
        for key, what in WHAT:
            if key in n:
                return (f"The library loading the model does not know the {what} {_quote(n[key])}: the model was "
                        f"written by another version of it (or uses a custom {what} the loader is not given).")
        if "version required" in r.words:
            return ("The library loading the model says the model's version does not fit it: the model was written "
                    "(or converted) by another version of that library or tool than the one loading it.")
    return None


def first_step(r: KindReading) -> str | None:
    """The first fix step, naming what the message names."""
    n = r.names
    if r.category == "runtime_version_mismatch":
        if "required_version" in n:
            return (f"Install the version the message requires ({n['required_version']}) in the environment that "
                    "loads the model, or re-export the model with the version installed there")
        if "supported_version" in n or "unsupported_version" in n:
            at = f" {n['unsupported_version']}" if "unsupported_version" in n else " the model's"
            most = f" ({n['supported_version']})" if "supported_version" in n else ""
            return (f"Upgrade the library that loads the model to one that reads version{at}, or export (convert) the "
                    f"model again at a version the loading library supports{most}")
        if "version required" in r.words:
            return ("Load the model with the version of the library (or tool) that wrote it, or write (convert, "
                    "retrain, export) the model again with the version that loads it: the message names which side "
                    "is older")
        for key, what in WHAT:
            if key in n:
                return (f"Find which version of the library that loads the model knows the {what} {_quote(n[key])} "
                        f"(the one that wrote the model does): load it with that version, or re-export the model "
                        f"with the loading library's version (a custom {what}: register it with the loader)")
        return None
    if r.category == "savedmodel_not_found" and "path" in n:
        return (f"Check that {n['path']} exists where the loader runs (ls -l {n['path']}) and point the loader at the "
                "file or directory that holds the exported model")
    if r.category == "signature_not_found" and "signature" in n:
        return (f"{_quote(n['signature'])} is not a signature the model has: list its signatures with sigcheck inspect "
                "MODEL (or saved_model_cli show --dir MODEL --all) and use the exact key")
    return None


def read_kinds(line: str, facts: dict[str, Any], catalogue: "Catalogue", upstream: str) -> "list[Diagnosis]":
    """Diagnoses for a text no catalogue pattern, index entry nor nearest message read, read by its message's kind
    (title and evidence say so), at the lowest confidence."""
    from .diagnosis import make_diagnosis

    r = read_kind(line, upstream)
    if r is None or r.category is None or r.category not in catalogue:
        return []
    lo, hi = CONFIDENCE
    confidence = round(lo + (hi - lo) * min(1.0, (r.score - THRESHOLD) / (3 * THRESHOLD)), 2)
    shown = {k: v for k, v in r.names.items() if k in ("op", "attr", "kwarg", "layer", "input", "path", "got_shape",
                                                        "want_shape", "got_dtype", "expected_dtype", "expected_keys")}
    d = make_diagnosis(catalogue[r.category], {**facts, **shown}, confidence, upstream=upstream)
    d.title = f"{d.title} (read from the message's kind: {r.kind.says})"
    d.evidence.update({"kind": r.kind.name, "kind_words": r.words, "kind_score": r.score, **r.names})
    said = cause(r)
    own = next((STATEMENT_FIX[w] for w in r.words if w in STATEMENT_FIX), None)
    if own is not None:
        named = r.names.get("input") or r.names.get("name")
        expected = r.names.get("expected_keys")
        said = own[0].format(input=f"named '{named}'" if named else "by the name given",
                             expected=f" (its inputs: {expected})" if expected else "")
    if said and d.variant is None:  # a catalogue variant chosen by the name says more (a custom op's library)
        d.cause = said
    step = own[1] if own is not None else first_step(r)
    if step:
        d.steps = [step] + [s for s in d.steps if s != step]  # first: it names what the text names
    return [d]


def kind_note(line: str, text: str | None = None) -> str | None:
    """For the unknown view: the kind of a text no category fits (a permission), with what it names (or None)."""
    r = read_kind(line, text)
    if r is None or r.kind.reads:  # a kind that gives a category but not here (no path named) is not said either
        return None
    named = ", ".join(f"{k} {v}" for k, v in r.names.items() if k in r.kind.shows)
    return (f"read from the message's kind: {r.kind.says}" + (f" ({named})" if named else "") +
            f"; words: {', '.join(r.words)}")
