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
  precision are neither read nor said, their categories only compete: shapes that disagree (0.57 as a category:
  TensorFlow's shape messages mean a missing or extra batch level, a fixed batch, a scalar input … by their
  numbers; 0.82 even as a kind, 0.78 learned without the text's own entries), a name not in the model (0.59;
  0.22), types (0.5).

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


KINDS: dict[str, Kind] = {
    "runtime_version_mismatch": Kind("version", "a name the loading library does not know (an op, layer, function, "
                                     "attribute or argument), or a version it requires"),
    "savedmodel_not_found": Kind("path", "a file or path that is not there", needs=("path",)),
    "signature_not_found": Kind("name", "a signature the model does not have"),
    "model_too_large": Kind("size", "a memory or size limit"),
    "client_timeout": Kind("timeout", "a timeout"),
    "permission": Kind("permission", "a permission the caller lacks (not about the request or the model: check the "
                       "account's role on the resource)", reads=False, shows=("path",)),
}
"""The kinds, by the category whose templates teach them (``permission``: by the exception class alone).  Other
categories compete (their words keep a text from a kind it is not) but give no reading: their texts need their own
index entries."""

SAME_KIND = {"model_load_failed": "runtime_version_mismatch", "model_base_path_layout": "savedmodel_not_found"}
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
    "kernel", "endpoint", "opset",
})
"""Words that say a text is about a model or its serving (the names of model formats, their parts, and the words
TensorFlow, Keras and TF Serving name them by)."""

_TOKEN = re.compile(r"[a-z][a-z0-9_]*|\d+|[.;:,()\[\]{}'\"`=|]")
_PLACEHOLDER = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|…|%[-#0-9.]*[sdifgxXlu]|<[A-Za-z_]\w*>")
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
    for tok in _TOKEN.findall(_PLACEHOLDER.sub(" . ", text).lower()):
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


def learn(exclude: "frozenset[str]" = frozenset(), entries: "tuple[Entry, ...] | None" = None) -> Model:
    """:func:`model`, with the templates of the entries keyed ``exclude`` left out (for measuring the reader on a
    message as if the index had not read its source); ``entries``: another index than the loaded one."""
    from .index import load_index

    entries = load_index() if entries is None else entries
    left_out = {e.template for e in entries if e.key in exclude}
    docs: dict[str, set[tuple[str, ...]]] = {}
    seen: set[tuple[str, str]] = set()
    for e in entries:
        if e.template in left_out:
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

_VERSION_REQUIRED = re.compile(
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
    r"|(?:model|file|format|schema|opset) version (?:error|mismatch|(?:is )?not supported|unsupported|incompatible)"
    r"|version mismatch|incompatible (?:model |file |format )?version", re.I)
_QUOTED = r"'([^'\s]{1,120})'|\"([^\"\s]{1,120})\"|`([^`\s]{1,120})`|‘([^’\s]{1,120})’|“([^”\s]{1,120})”"
_NAMED = re.compile(
    r"\b(?P<noun>op(?:eration)?s?|layer|class|object|attr(?:ibute)?|argument|keyword argument|kwarg|parameter|field|"
    r"function|method|node|key|input|output|tensor|signature|model|servable|file|path|directory|folder|module)"
    r"\b[^'\"`‘“\n]{0,24}?(?:" + _QUOTED + ")", re.I)
_NAMED_AFTER = re.compile(
    r"\b(?P<noun>op(?:eration)?s?|layer|class|attr(?:ibute)?|argument|keyword argument|kwarg|parameter|"
    r"initializer|activation|regularizer|constraint|loss|metric|optimizer)\b"
    r"(?:[^:\n'\"`]{0,30}:\s*|\s+(?:registered for|named|called|of type)\s+)"
    r"(?P<name>[A-Za-z_][\w.>/-]{0,119}[\w>])", re.I)
_NAME_FIRST = re.compile(r"(?:" + _QUOTED + r")\s+(?:is |was )?(?:not|no|unknown|does not|doesn't)", re.I)
FILE_TYPES = "pb|pbtxt|h5|hdf5|keras|tflite|onnx|ckpt|pt|pth|json|yaml|yml|bin|index|zip|tar|gz|model|meta"
"""File name endings a model, its weights or its config is saved under (a name with one is a file the text names)."""
_PATH = re.compile(r"(?<![\w:/\\.])((?:[A-Za-z]:)?(?:gs://|s3://|\.{1,2}[/\\]|[/\\~])?[\w.\-~]+(?:[/\\][\w.\-~]+)+|"
                   r"[\w\-~][\w.\-~]*\.(?:" + FILE_TYPES + r"))(?![\w])", re.I)
_WORDS_PAIR = re.compile(r"[A-Za-z]+/[A-Za-z]+")
_ROOTED = re.compile(r"(?:[A-Za-z]:|gs:|s3:|\.{0,2}[/\\~])")
_FILE_END = re.compile(r"\.(?:" + FILE_TYPES + r")$", re.I)
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


_CAUSE_FOLLOWS = re.compile(r"\b(?:failed|error|exception|caused by|reason)\s*:\s*", re.I)
OUTER = 0.5
"""What the words before the last ``failed:`` / ``error:`` / ``caused by:`` count for: a wrapper's context (``Load
model from x.onnx failed:``) around the cause, which is last."""


def _scores(msg: str, extra: str, m: Model) -> tuple[Counter[str], dict[str, list[tuple[float, str]]]]:
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
        elif v.group("only"):
            out.setdefault("supported_version", "only " + v.group("only"))
        elif v.group("v") or v.group("v2") or v.group("v3"):
            op = (v.group("op") or ">=").replace("≥", ">=")
            out.setdefault("required_version", f"{op} {v.group('v') or v.group('v2') or v.group('v3')}")
    if "path" not in out:
        found = [m.group(1).rstrip(".") for m in _PATH.finditer(msg) if not m.group(1).startswith(("job:", "/job"))]
        found = [p for p in found if not _WORDS_PAIR.fullmatch(p)]  # and/or, incompatible/unknown: words, not a path
        if found:  # a path that starts as one (/, ./, C:, gs://) or names a file type, before a bare a/b
            out["path"] = min(found, key=lambda p: (not _ROOTED.match(p) and not _FILE_END.search(p), found.index(p)))
    return out


def read_kind(line: str, text: str | None = None, *, threshold: float = THRESHOLD, share: float = SHARE,
              learned: Model | None = None) -> KindReading | None:
    """The kind of the normalised text ``line`` (``text``: as pasted, for its traceback; ``learned``: another
    :func:`learn` than the index's whole one), or None when its words say
    no kind clearly enough, the kind is a category this module does not read, or the text is not about a model."""
    text = line if text is None else text
    msg, exc = _message(line, text)
    scores, why = _scores(msg, f"{exc or ''} {line[-MESSAGE_CHARS:]}", learned or model())
    if not scores:
        return None
    (cat, best), *rest = scores.most_common()
    group = SAME_KIND.get(cat, cat)
    runner = next((v for c, v in rest if SAME_KIND.get(c, c) != group), 0.0)  # of another kind
    total = best + runner
    if best < threshold or best / total < share:
        return None
    kind = KINDS.get(cat)
    if kind is None or not about_a_model(msg, text):
        return None
    named = names(msg, cat)
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
    shown = {k: v for k, v in r.names.items() if k in ("op", "attr", "kwarg", "layer", "input", "path")}
    d = make_diagnosis(catalogue[r.category], {**facts, **shown}, confidence, upstream=upstream)
    d.title = f"{d.title} (read from the message's kind: {r.kind.says})"
    d.evidence.update({"kind": r.kind.name, "kind_words": r.words, "kind_score": r.score, **r.names})
    said = cause(r)
    if said and d.variant is None:  # a catalogue variant chosen by the name says more (a custom op's library)
        d.cause = said
    step = first_step(r)
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
