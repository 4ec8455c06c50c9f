"""Step 2 of explain: match the message index (``messages.json``, built by ``scripts/explain_build_index.py``).

The index holds the messages themselves — TensorFlow's (from its shared libraries), TF Serving's error sites (from
its sources), gRPC / Vertex AI / SageMaker / Keras shapes (from their documentation) — each as a pattern with named
captures, its source, what it means, and its category (or, for messages that are not about the request or the
model, what they say instead).  It is read the first time a text is explained, not on import.

Some messages mean different things depending on their numbers; the entry then names a *decider* that reads the
captured shapes and names (``Cannot feed value of shape (28, 28) for … (?, 28, 28, 1)``: a missing batch level or
a missing channel?) and returns the category they point to.

Patterns have no nested or overlapping quantifiers (every gap is a bounded class that stops at the next literal's
first character) and run on a text cut to :data:`MAX_CHARS`, so a hostile text costs linear time (#19).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, NamedTuple

from .patterns import lazy
from .evidence import convert, parse_shape

INDEX_PATH = Path(__file__).with_name("messages.json")
MAX_CHARS = 20_000
"""Index patterns look at the last this-many characters of the normalised text (the innermost message is last)."""


class Entry(NamedTuple):
    """One message of the index (a named tuple: 1,700 of them are made each time the index loads)."""

    template: str
    pattern: str
    key: str
    source: str
    category: str | None
    meaning: str | None = None
    reading: str | None = None
    """For an entry not about the request or the model: what the message says instead."""
    decider: str | None = None
    fix: str | None = None
    """The first step of the fix for this very message, when its source says more than its category's wording (which
    way a version mismatch goes, which file is missing): the diagnosis it supplies or confirms puts it first."""
    family: str | None = None
    """Taken from TensorFlow's libraries by a message family (not a hand-read rule): it speaks for a text only
    when nothing more specific has read it."""

    @property
    def regex(self) -> re.Pattern[str]:
        """Compiled when a text first contains the entry's key (``re`` caches it): loading stays cheap."""
        return re.compile(self.pattern, re.I)


@dataclass
class Hit:
    entry: Entry
    groups: dict[str, Any] = field(default_factory=dict)
    start: int = 0
    category: str | None = None
    """The entry's category, or the one its decider chose from the numbers."""
    decided: bool = False
    """A decider chose ``category`` from the numbers and names in the text."""


_LOADED: dict[str, Any] = {}
"""The bytes of ``messages.json`` :func:`load_index` read, until :func:`index_sha256` hashes them."""


@lru_cache(maxsize=1)
def load_index() -> tuple[Entry, ...]:
    raw = INDEX_PATH.read_bytes()
    _LOADED.clear()
    _LOADED["bytes"] = raw
    return entries_of(json.loads(raw))


def entries_of(data: Mapping[str, Any]) -> tuple[Entry, ...]:
    """The entries of an index as ``messages.json`` holds it."""
    return tuple(Entry(e["template"], e["pattern"], e["key"], e["source"], e["category"], e.get("meaning"),
                       e.get("reading"), e.get("decider"), e.get("fix"), e.get("family"))
                 for e in data["entries"])


def index_sha256() -> str:
    """The sha256 of the ``messages.json`` :func:`load_index` read (what :mod:`.derived` checks its tables against)."""
    import hashlib  # here: its OpenSSL library costs ~3 ms to load, and only the fallback steps need it

    load_index()
    if "sha256" not in _LOADED:
        _LOADED["sha256"] = hashlib.sha256(_LOADED.pop("bytes")).hexdigest()
    return str(_LOADED["sha256"])


_GRPC_DEBUG = lazy(r"debug_error_string ?= ?\"[^\n]*")
"""grpc's Python print of an error: its debug string holds the details again (grpc_message:\"…\")."""


def match(text: str, facts: Mapping[str, Any] | None = None) -> list[Hit]:
    """Every index entry found in ``text`` (normalised), the innermost (latest) and most specific first."""
    facts = facts or {}
    text = text[-MAX_CHARS:]
    squeezed = text.lower().replace(" ", "")
    hits: list[Hit] = []
    for e in load_index():
        if e.key and e.key not in squeezed:
            continue
        m = e.regex.search(text)
        if m is None:
            continue
        if m.end() < len(text):  # the message said again later (a log line, then the traceback's last line): the
            # latest saying is where the message stands among the text's messages -- not gRPC's debug_error_string,
            # which repeats the status's details, escaped, inside the same wrapper
            copies = [c.span() for c in _GRPC_DEBUG.finditer(text, m.end())] if "debug_error_string" in text else []
            for later in e.regex.finditer(text, m.end()):
                if not any(a <= later.start() < b for a, b in copies):
                    m = later
        groups = {k: convert(k, v) for k, v in m.groupdict().items() if v is not None and v != ""}
        hit = Hit(e, groups, m.start(), e.category)
        decide = DECIDERS.get(e.decider or "")
        if decide is not None:
            chosen = decide(groups, facts, text)
            if chosen is not None:
                hit.category, hit.decided = chosen, True
        hits.append(hit)
    # ties (the same start, the same leading literal): a hand-read rule before a family's literal (Entry.family)
    hits.sort(key=lambda h: (-h.start, h.entry.family is not None, -len(h.entry.key)))
    return hits


CUT_LONG, CUT_MIN, CUT_SHARE = 40, 20, 0.5
"""A text that ends inside an entry's message (a thread's title, a copy cut short) is read as that message when what
it has of it holds at least CUT_LONG characters of the template's own words, or at least CUT_MIN and CUT_SHARE of
them."""
PLACEHOLDER = lazy(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|…|%[-#0-9.]*[sdifgxXlu]|<[A-Za-z_]\w*>")
"""A placeholder in an entry's template (``{name}``, ``{shape{0}}``, ``…``, ``%s``, ``<name>``): what the template's
readers (the cut copy here, :mod:`.nearest`'s words, :mod:`.kinds`' tokens) hold apart from its own words."""
_FOLD = lazy(r"[\u2018\u2019\u201c\u201d`\"]")
CUT_LEFT = 8
"""A cut leaves out at least this many letters or digits of the template's own words."""
CUT_VALUE = 300
"""The longest value a placeholder of a cut message takes (a path, a shape, a node name)."""


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", _FOLD.sub("'", s)).lower()


@lru_cache(maxsize=4096)
def _template_tokens(template: str) -> tuple[tuple[str, ...], int]:
    """The template's literal parts, with '' for each placeholder between them, folded; and their length in all."""
    parts: list[str] = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        if m.start() > pos:
            parts.append(_fold(template[pos:m.start()]))
        parts.append("")
        pos = m.end()
    if pos < len(template):
        parts.append(_fold(template[pos:]))
    return tuple(parts), sum(len(p.strip()) for p in parts)


def _words(s: str) -> int:
    return sum(c.isalnum() for c in s)


def _cut_at_end(tokens: tuple[str, ...], s: str, pos: int) -> int | None:
    """How many of the template's own characters ``s`` holds from ``pos`` on, when it follows the template there and
    ends inside it, before words of the template's own (None when it leaves it, goes on past its end, or leaves out
    only punctuation: that is the whole message, whose full pattern did not match)."""
    held = 0
    for i, tok in enumerate(tokens):
        if pos >= len(s):
            return held if _words("".join(tokens[i:])) >= CUT_LEFT else None
        if tok:
            rest = s[pos:]
            if rest.startswith(tok):
                pos += len(tok)
                held += len(tok.strip())
                continue
            if tok.startswith(rest):
                return held + len(rest.strip()) if _words(tok[len(rest):] + "".join(tokens[i + 1:])) >= CUT_LEFT \
                    else None
            return None
        following = next((t for t in tokens[i + 1:] if t), None)
        if following is None:
            return None  # the text ends in the message's last value: the whole message, not a cut
        j = s.find(following, pos, pos + CUT_VALUE + len(following))
        if j < 0:
            # the text ends inside this value, or inside the literal after it
            k = max((n for n in range(1, len(following)) if s.endswith(following[:n]) and len(s) - n >= pos),
                    default=0)
            value = s[pos:len(s) - k]
            if len(value) > CUT_VALUE or (k == 0 and " " in value.strip()):
                return None  # the text ends in a value only when that value is one word (a name, a number, a path)
            after = following[k:] + "".join(tokens[tokens.index(following, i + 1) + 1:])
            return held + len(following[:k].strip()) if _words(after) >= CUT_LEFT else None
        pos = j
    return None  # the whole message is there and the text goes on: the full pattern speaks, not a cut


def cut_match(text: str) -> list[Hit]:
    """The index entries whose message the text ends inside: a copy cut short (a thread's title, an excerpt) of a
    message the index knows, when what it has of it is long enough to be that message (:data:`CUT_LONG`)."""
    s = _fold(text[-MAX_CHARS:]).rstrip(" .")
    window = max(0, len(s) - 2_000)
    hits: list[Hit] = []
    for e in load_index():
        head = _fold(e.template.split("{", 1)[0][:10])
        if len(head.strip()) >= 3 and head not in s:
            continue  # (its first words are not in the text: no need to read the template)
        tokens, total = _template_tokens(e.template)
        lead = next((i for i, t in enumerate(tokens) if t.strip()), None)
        if lead is None or _words(tokens[lead]) < 4:
            continue  # (a message that begins with a name in quotes: too little to follow)
        anchor = tokens[lead][:12]  # the text may end inside the first literal itself
        at = s.find(anchor, window)
        while at >= 0:
            held = _cut_at_end(tokens[lead:], s, at)
            if held is not None and (held >= CUT_LONG or (held >= CUT_MIN and held >= CUT_SHARE * total)):
                hits.append(Hit(e, {}, at, e.category))
                break
            at = s.find(anchor, at + 1)
    hits.sort(key=lambda h: (-h.start, -len(h.entry.key), h.entry.family is not None))
    return hits


def speaking(hits: list[Hit]) -> list[Hit]:
    """The hits that say something about the text: all but a library's wrapper (``could not be deserialized
    properly``, ``Exception encountered when calling``) whose reading sends to the message inside it -- when that
    message is not in the text, the wrapper says nothing of the cause and the fallback steps read the text."""
    return [h for h in hits if not (h.category is None and "wrapper around" in (h.entry.reading or ""))]


# ------------------------------------------------------------------------------------------------ deciders
# Each takes the entry's groups, the text's facts and the text; returns the category the numbers point to (None:
# the entry's own category stands).

Decider = Callable[[dict[str, Any], Mapping[str, Any], str], "str | None"]
DECIDERS: dict[str, Decider] = {}


def decider(name: str) -> Callable[[Decider], Decider]:
    def deco(fn: Decider) -> Decider:
        DECIDERS[name] = fn
        return fn

    return deco


def _shape(v: Any) -> list[int] | None:
    if isinstance(v, list):
        return v
    if isinstance(v, str):
        return parse_shape(v)
    return None


@decider("rank")
def _rank(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Got a value one level short of / deeper than the declared rank: a batch level, or a feature level?"""
    got, want = _shape(groups.get("got_shape")), _shape(groups.get("want_shape"))
    got_rank = len(got) if got is not None else groups.get("got_rank")
    want_rank = len(want) if want is not None else groups.get("want_rank")
    if not isinstance(got_rank, int) or not isinstance(want_rank, int):
        return None
    if got == [0] and want_rank >= 1:
        return "empty_instances"  # an empty list became a tensor of shape (0,): a call with no examples at all
    from .causes import keras_strings_for_numbers, levels  # (builder R, #15)

    if keras_strings_for_numbers(text) is not None:
        # Keras names what it was given: strings where the model's input is numeric decide over the rank, as a
        # traced function's strings for numbers do (calls._first)
        return "bytes_sent_to_numeric_input"
    name = re.sub(r"^serving_default_|:\d+$", "", str(groups.get("input") or ""))
    if want_rank == 1 and got_rank >= 2 and _EXAMPLES_INPUT.match(name):
        return "serialized_example_input_expected"  # rows of raw features fed to the parsing input (one string each)
    if want_rank == 0 and got_rank >= 1:
        return "scalar_input"  # a rank-0 input (is_training, keep_prob, a length) fed with a dimension: per request
    if want_rank == 1 and got_rank >= 3 and got and got[-1] in (1, 3, 4):
        return "encoded_image_string_mismatch"  # decoded pixels fed to a vector of encoded image strings
    if re.search(r"encoded|image_bytes|b64|string|bytes", str(groups.get("input") or ""), re.I):
        return None  # an input of encoded strings: the catalogue's reading of what was sent decides
    if (got and want and len(got) == len(want) > 1 and want[0] == 1 and got[0] > 1
            and all(w in (-1, g) for w, g in zip(want[1:], got[1:]))):
        return "fixed_batch_size_in_graph"  # only the batch differs, and the model declares a batch of one
    if (got_rank == want_rank + 1 and got and want and got[0] == -1 == want[0] and len(got) > 2
            and all(w in (-1, g) for w, g in zip(want[1:], got[2:]))):
        # Keras prints the batch as None: (None, 4, 32, 32, 3) is a batch of 4 nested once more
        return "extra_batch_dimension"
    found = levels(got, want, got_rank, want_rank, text)
    if found is not None and found.category is not None:
        return found.category
    if got_rank == want_rank:
        return None  # the catalogue's checks tell a fixed batch from a per-example shape
    if want and got and want[0] == -1 and lacks_batch_and_channel(got, want):  # labelled a missing batch 2 of 3
        return "missing_batch_dimension"
    if got_rank == want_rank - 1:
        if want is not None and got is not None and all(w in (-1, g) for w, g in zip(want[1:], got)):
            return "missing_batch_dimension"
        if want is not None and got and got[0] == -1:
            # Keras batches what it is given: (None, 224, 3) for (None, 224, 224, 3) is one image whose rows became
            # the batch; (None, 1296, 3) for (None, 48, 48, 1) is an example of another shape
            rows = all(w in (-1, g) for w, g in zip(want[2:], got[1:]))
            return "missing_batch_dimension" if rows else "input_shape_mismatch"
        if want_rank == 4 and got:  # an image: (H, W, C) lacks the batch; (N, H, W) lacks the channel
            from .checks import image_without_channel

            return "input_shape_mismatch" if image_without_channel(got, want_rank) else "missing_batch_dimension"
        if want is None and got and got[0] in (-1, 1):
            return None
        return "missing_batch_dimension" if want is None else "input_shape_mismatch"
    if got_rank == want_rank + 1:
        if got and got[0] == 1 and len(got) > 1 and (want is None or all(w in (-1, g) for w, g in zip(want, got[1:]))):
            return "extra_batch_dimension"
        return None
    if got_rank > want_rank and got is None:
        return None  # levels too deep of unknown sizes: extra nesting most often; the catalogue reads it
    if got_rank > want_rank and all(d == 1 for d in got[:got_rank - want_rank]):
        return "extra_batch_dimension"
    k = got_rank - want_rank
    if (k >= 2 and want is not None and len(want) == want_rank and all(w in (-1, g) for w, g in zip(want[1:],
                                                                                                   got[k + 1:]))
            and sum(1 for d in got[:k + 1] if d != 1) == 1):
        # (1, 10, 1, 120, 160, 3) for (None, 120, 160, 3): the batch of 10 with levels of 1 added around it
        # (np.expand_dims twice, [x] around a batch): each example's own sizes are whole at the end
        return "extra_batch_dimension"
    return "input_shape_mismatch"


_EXAMPLES_INPUT = lazy(r"^(?:examples?|input_examples?|input_example_tensor|serialized\w*|tf_?examples?\w*|\w+_examples?|"
                       r"\w+_serialized)$", re.I)
"""The parsing input of a serialized tf.Example signature by its name (Estimator's input_example_tensor, TFX's
examples); not a bare ``inputs``, which many raw-tensor signatures use too."""


@decider("ndims")
def _ndims(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A kernel's CHECK that a tensor has the rank it reads (``NDIMS == dims() (2 vs. 3)``): one level more than it
    reads is a level of nesting too many in what was fed (instances wrapped once more, a feature given as a list);
    one less, a level missing (the batch)."""
    want, got = groups.get("want_rank"), groups.get("got_rank")
    if not isinstance(want, int) or not isinstance(got, int) or want == got:
        return None
    return "extra_batch_dimension" if got == want + 1 else "missing_batch_dimension" if got == want - 1 else None


@decider("concat")
def _concat(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Two joined tensors differ in the first dimension: two inputs joined along another axis came with different
    batch sizes -- one of 1 too, in TensorFlow 2's wording ([1,2] beside [3,3]: one row sent for one input, three for
    the other: 6 of the 8 labelled texts that say ``Dimension 0 in both shapes must be equal``, none a fixed batch).
    TensorFlow 1's ``Dimensions of inputs should match`` with one side of 1 is a graph built for a batch (16, 32)
    and fed one example (both labelled threads: placeholders of TF 1.x graphs were often built with the training
    batch size).  In another dimension: the request's features have the wrong size."""
    a, b = _shape(groups.get("a_shape")), _shape(groups.get("b_shape"))
    if not a or not b or len(a) != len(b):
        return None
    if a[0] != b[0]:
        if 1 in (a[0], b[0]) and _TF1_CONCAT.search(text):
            return "fixed_batch_size_in_graph"
        return "batch_size_mismatch_between_inputs"
    return "input_shape_mismatch"


_TF1_CONCAT = lazy(r"ConcatOp ?: ?Dimensions of inputs should match")


@decider("batch_shapes")
def _batch_shapes(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """tf.data's batch of images whose channel counts differ ([64,64,1] among [64,64,3]: decode_jpeg without
    channels keeps each file's own) is a per-example shape the model does not take, not a ragged sequence."""
    a, b = _shape(groups.get("a_shape")), _shape(groups.get("b_shape"))
    if a and b and len(a) == len(b) == 3 and a[:2] == b[:2] and a[2] != b[2] and {a[2], b[2]} <= {1, 3, 4}:
        return "input_shape_mismatch"
    return None


@decider("loop_shape")
def _loop_shape(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A while-loop variable (an RNN's state) that enters with a first dimension of 1 and leaves with the batch's
    (None, or another size): a state built for a batch of one — a stateful RNN made with batch_size=1 — exported for
    any batch, the batch fixed in the graph.  Another change is the model's own shape bug (the entry's category)."""
    a, b = _shape(groups.get("a_shape")), _shape(groups.get("b_shape"))
    if a and b and len(a) == len(b) and a[0] == 1 and b[0] != 1 and a[1:] == b[1:]:
        return "fixed_batch_size_in_graph"
    return None


@decider("concat_mkl")
def _concat_mkl(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """MKL's form names one dimension: ``shape[0][0]= 10 vs. shape[1][0] = 1`` (the batch differs)."""
    if groups.get("dim") == "0" or groups.get("dim") == 0:
        return "fixed_batch_size_in_graph"
    return "input_shape_mismatch" if groups.get("dim") is not None else None


@decider("broadcast")
def _broadcast(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    a, b = _shape(groups.get("a_shape")), _shape(groups.get("b_shape"))
    if not a or not b:
        return None
    small, big = (a, b) if len(a) < len(b) else (b, a)
    if len(small) == 1 and len(big) > 1 and small[0] == big[0] and small[0] > 1 and _TRAINING_FLAG.search(text):
        return "scalar_input"  # a per-request scalar (keep_prob, a phase flag) arrived as one value per instance
    if batches_differ(a, b):  # two inputs of one call with different numbers of examples (2 of 2 labelled texts)
        return "batch_size_mismatch_between_inputs"
    return None  # a fixed batch, a wrong feature count: the catalogue tells apart


def lacks_batch_and_channel(got: list[int], want: list[int]) -> bool:
    """(8, 24, 24) for (None, 8, 24, 24, 1): one example without its batch axis nor its trailing channel axis of 1 (a
    grayscale image or clip as decoded), for the rank decider's category and the level rule's step alike."""
    return (len(want) == len(got) + 2 and want[-1] == 1
            and all(w in (-1, g) for w, g in zip(want[1:-1], got)))


def batches_differ(a: list[int], b: list[int]) -> bool:
    """Two shapes that agree but for their first size, both above 1 (a size of 1 broadcasts): two tensors of one
    call -- a token and its carried state, features and a mask -- with different numbers of examples."""
    return len(a) == len(b) >= 2 and a[1:] == b[1:] and a[0] != b[0] and min(a[0], b[0]) > 1


_TRAINING_FLAG = lazy(r"learning_phase|keep_?prob|dropout|is_train|training|phase_train", re.I)


_CONV_SHAPES = lazy(r"with input shapes: \[(?P<a>\d{1,9}),(?P<b>\d{1,9}),1,1\], \[\d{1,4},\d{1,4},1,\d{1,9}\]")


@decider("keras_expanded")
def _keras_expanded(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A window larger than the input on an input of shape (A, B, 1, 1) into a one-channel filter: Keras 3's
    Functional gives an input one rank short of a model input whose last size is 1 that trailing axis
    (functional.py ``_adjust_input_rank``: ``ops.expand_dims(x, axis=-1)``), so one grayscale image (H, W, 1) sent
    without its batch axis becomes H examples of shape (W, 1, 1): a missing batch axis, not a small image."""
    m = _CONV_SHAPES.search(text)
    if m and int(m.group("b")) > 1:
        return "missing_batch_dimension"
    # Keras 2's form: the layer's call arguments name the expanded input, (None, A, 1, 1), or the Conv2D's NodeDef
    # reads it from the model's own ExpandDims (Keras 2.x training.py expands an input one rank short the same way)
    if _KERAS_EXPANDED_ARG.search(text) or ("with input shapes: [" not in text and _CONV_FROM_EXPAND.search(text)):
        return "missing_batch_dimension"  # the shapes, when given, decide (an image smaller than the window)
    return None


_KERAS_EXPANDED_ARG = lazy(r"inputs=tf\.Tensor\(shape=\(None, ?\d{1,6}, ?1, ?1\)")
_CONV_FROM_EXPAND = lazy(r"= ?Conv2D\[[^\]\n]{0,400}\]\([\w/]{0,120}/ExpandDims\b")


_ENCODED_VALUE = lazy(r"Expected (?:u?int\d{0,2}|float\d{0,2}|half|double|bfloat16), but got (?:b?'?(?:/9j/|iVBOR|R0lGOD|"
                      r"UklGR)|b'\\x(?:ff|89)|b'(?:\u00ff\u00d8\u00ff|.?PNG\b))")
"""Encoded image bytes where numbers go: base64 of a JPEG / PNG / GIF / WebP file, or the raw bytes as Python prints
them (``b'\\xff\\xd8…``) — normalize turns the escapes into characters (``b'ÿØÿ…``)."""


@decider("encoded_value")
def _encoded_value(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """tf.make_tensor_proto's 'Expected float32, but got iVBORw0KGgo… of type 'str'': the value it names is an encoded
    image (base64 text of a JPEG / PNG / GIF / WebP file, or its raw bytes) given to a numeric tensor; so is any str
    or bytes value where the dtype is a number's (CATEGORIES.md: strings to a tensor whose dtype is numeric -- words,
    numbers as text: 3 of the 4 labelled texts of make_tensor_proto given a str) -- but not a value passed to an op's
    parameter in the model's code (:data:`_OP_PARAMETER`); a RaggedTensor is rows of different lengths."""
    if _ENCODED_VALUE.search(text):
        return "bytes_sent_to_numeric_input"
    sent, want = str(groups.get("py_type", "")), str(groups.get("dtype", "")).strip().lower()
    if sent in ("str", "bytes") and _NUMERIC.match(want) and want != "bool" and not _OP_PARAMETER.search(text):
        return "bytes_sent_to_numeric_input"
    if sent == "RaggedTensor":
        return "ragged_instances"  # rows of different lengths: a dense TensorProto holds one length
    return None


_OP_PARAMETER = lazy(r"passed to parameter '[^'\n]{1,80}' of op '")
"""op_def_library's ``Expected float32 passed to parameter 'y' of op 'Maximum'``: a value given to an op in the
graph's own code (the message it wraps is tensor_util's), not a request's tensor."""


@decider("untracked")
def _untracked(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """tf.saved_model.save's untracked-capture error prints the captured resource: a lookup table's handle
    (``type="tensorflow::lookup::LookupInterface"``, a ``StaticHashTable`` parent) is a table whose initializer the
    SavedModel would not have, not a variable."""
    if re.search(r"tensorflow::lookup::|HashTable|lookup_ops\.|LookupTable", text):
        return "initializer_missing_in_export"
    return None


@decider("placeholder")
def _placeholder(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    name = str(groups.get("input") or "")
    if "learning_phase" in name.lower():
        return "keras_learning_phase"
    if _PLACEHOLDER_OF_SIGNATURE.match(name):
        # TF2's exported signature names its inputs' placeholders serving_default_<input>: an input of the signature
        # left out of the call (saved_model_cli --inputs / --input_exprs), not a placeholder outside it
        return "input_keys_mismatch"
    if _TRAINING_FLAG.search(name):
        return "unfed_placeholder"
    return None


@decider("data_rows")
def _data_rows(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Keras 3's predict given a Python list it takes no data from (``Unrecognized data type: x=[[4, 5, 6], [4]]``):
    lists of one depth holding different numbers of items, as the value it prints shows -- rows of different lengths,
    or sequences of different numbers of steps (``[[[.1, .2], [.3, .4]], [[.5, .6]]]``) -- are ragged sequences to
    pad; lists of one length, a list to turn into an array (the entry's own reading); records keyed by column name
    -- a list of row dicts (``df.to_dict('records')``) or a dict of column lists (a data frame converted by
    reticulate) -- are instances in a shape the library does not take, rows in feature order (instance_format, 2 of
    3 labelled texts); one str is one example, a text without the list that makes it a batch (missing_batch_dimension:
    [text])."""
    value = str(groups.get("value") or "")
    if _RECORDS.match(value):
        return "instance_format"
    if str(groups.get("py_type") or "") == "str":
        return "missing_batch_dimension"
    return "ragged_instances" if _ragged(value) else None


def _ragged(value: str) -> bool:
    """Lists of one nesting depth with different numbers of items among those the value shows whole (a value cut
    short ends inside its last lists, which are not counted); quoted strings are skipped."""
    sizes: dict[int, set[int]] = {}
    stack: list[int] = []  # items seen so far in each open list
    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch in "'\"":
            j = value.find(ch, i + 1)
            if j < 0:
                break
            if stack:
                stack[-1] += stack[-1] == 0
            i = j + 1
            continue
        if ch == "[":
            if stack and stack[-1] == 0:
                stack[-1] = 1
            stack.append(0)
        elif ch == "]" and stack:
            sizes.setdefault(len(stack), set()).add(stack.pop())
        elif ch == "," and stack:
            stack[-1] += 1
        elif not ch.isspace() and stack and stack[-1] == 0:
            stack[-1] = 1
        i += 1
    return any(len(s) > 1 for s in sizes.values())


RECORDS = r"""(?:\[\s*\{\s*['"]|\{\s*['"][^'"\n]{1,80}['"]\s*:\s*\[)"""
"""How a value of records keyed by column name starts: a list of row dicts, or a dict of column lists."""
_RECORDS = lazy(RECORDS)


@decider("restored_call")
def _restored_call(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """The object tf.saved_model.load returns, called like a function (``'_UserObject' object is not callable``):
    what it serves with is a signature of it (signatures['serving_default'], or an endpoint such as serve) that the
    call did not name — the signature not found where it was looked for.  Asked for Keras's predict(), the entry's
    own reading (no category: the object has no Keras API)."""
    return "signature_not_found" if groups.get("attr") is None and "is not callable" in text else None


_PLACEHOLDER_OF_SIGNATURE = lazy(r"^serving_default_\w")


@decider("restore")
def _restore(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """The message says itself that a variable has no restored value.  Whose checkpoint decides why
    (causes.checkpoint_key): a name the checkpoint lacks while code restores it into the graph it built is a
    checkpoint written by another version of the model code or TensorFlow (TensorFlow 1.2's renamed RNN cells are
    one case); an optimizer slot the checkpoint lacks, or a SavedModel's own variables/ not matching its graph, is
    variables not restored."""
    from .causes import checkpoint_key  # one reading of the key for this decider and the fix

    found = checkpoint_key(text)
    if found is not None and found[1] == "other":
        return "runtime_version_mismatch"
    return "variables_not_restored"


_WEIGHT_LOADING = lazy(r"load_weights|set_weights|\.assign\(|_restore_from_tensors|restore\(|[Cc]heckpoint|"
                             r"h5_format|hdf5|saving[/\\]")


@decider("weight_shapes")
def _weight_shapes(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A layer's saved weights (an .h5, a checkpoint) have another shape than the variable the model's code built
    (both shapes in the message).  The code sets a size other than the run that trained them -- most often the number
    of classes of its head -- (the entry's model_graph_shape_bug), unless: a SavedModel's own variables/ are being
    restored (TF Serving's or the loader's log around it: its variables folder does not match its graph, a partial
    or mixed copy: variables not restored), or the two shapes hold the same sizes in another order (a kernel laid out
    by another framework or Keras version: Theano's / PyTorch's (out, in, h, w) against TensorFlow's (h, w, in, out))."""
    from .causes import SAVEDMODEL_RESTORE

    built, saved = _shape(groups.get("built_shape")), _shape(groups.get("saved_shape"))
    if SAVEDMODEL_RESTORE.search(f"{facts.get('stack') or ''} {text}"):
        return "variables_not_restored"
    if built and saved and built != saved and sorted(built) == sorted(saved):
        return "runtime_version_mismatch"
    return None


@decider("shapes")
def _shapes(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """TensorFlow's general ``Shapes A and B are incompatible`` (TensorShape.assert_is_compatible_with).  Both shapes
    fully known and the text or its traceback about loading weights (load_weights, a checkpoint restore, an assign:
    the frames' ``stack`` fact), or both of rank 1
    with no batch axis (a bias or a class vector: a tensor fed to a model has a batch axis, a loss's labels an unknown
    one): a variable built with another size than the saved value, as :func:`_weight_shapes` reads it."""
    a, b = _shape(groups.get("first_shape")), _shape(groups.get("second_shape"))
    if not a or not b or -1 in a or -1 in b or len(a) != len(b):
        return None
    if _WEIGHT_LOADING.search(f"{facts.get('stack') or ''} {text}") or len(a) == 1:
        return _weight_shapes({"built_shape": a, "saved_shape": b}, facts, text) or "model_graph_shape_bug"
    return None


_VARIABLES_FILE = lazy(r"(?:^|[/\\])variables[/\\]variables(?:\.index|\.data[-\w]*)?$")


@decider("checkpoint_path")
def _checkpoint_path(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A checkpoint that cannot be found or read at its path: a SavedModel's own ``variables/variables`` files
    missing or damaged is a partial copy of the model (its variables not restored); any other path is a checkpoint
    the program was pointed at that is not there, or not a checkpoint (the model's files not found)."""
    path = groups.get("path")
    if isinstance(path, str) and _VARIABLES_FILE.search(path.rstrip(".,;:")):
        return "variables_not_restored"
    return None


_RESPONSE_ENCODER = lazy(r"^(?:flask\.json|fastapi\.encoders|starlette\.responses|bentoml\._internal\.io_descriptors)\b|"
                         r"(?:^| )(?:jsonify|jsonable_encoder|serialize_response|render)(?: |$)")
"""Where a web framework encodes the handler's return value (the frames' module raised in, or a function on the
stack): Flask's json provider and jsonify, FastAPI's jsonable_encoder and serialize_response, Starlette's
JSONResponse.render, BentoML's output descriptors."""


@decider("json_response")
def _json_response(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Python's ``Object of type float32 is not JSON serializable``: raised on the way out of a web server's handler
    (:data:`_RESPONSE_ENCODER`, read from the traceback's frames), the server's answer (the entry's reading: 2 of 2
    labelled texts, no category); anywhere else json.dumps building a request body -- bytes need base64, the rest
    a JSON value."""
    if any(_RESPONSE_ENCODER.search(str(facts.get(k) or "")) for k in ("raised_in", "stack")):
        return None
    return "base64_encoding" if groups.get("object_type") == "bytes" else "json_parse_error"


@decider("required_flag")
def _required_flag(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """absl's ``Flag --signature_def must have a value other than None``: saved_model_cli run without the signature's
    key is a signature not named (the provoker's label, 1 of 1); another required flag is the entry's reading."""
    return "signature_not_found" if groups.get("flag") == "signature_def" else None


@decider("checkpoint_table")
def _checkpoint_table(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """tensor_bundle's ``Unable to open table file PATH`` and tensor_slice_reader's ``Could not open PATH``: a
    SavedModel's own ``variables/variables`` that does not read is a damaged or partial copy of the model (its
    variables not restored); a folder given where the prefix belongs (``Is a directory``) is the restore's path in the
    code, the entry's reading (3 of 3 labelled texts: no category); a file that is no checkpoint (``not an sstable``:
    a .ckpt of another kind, an .h5, a shard) is the model's files not found (2 of the 3: public threads)."""
    if _checkpoint_path(groups, facts, text):
        return "variables_not_restored"
    return None if re.search(r"Is a directory", text) else "savedmodel_not_found"


_URL = lazy(r"Malformed request: ?(?:POST|GET|PUT|DELETE)? ?(?P<path>[^\s\"'}]{1,300})")


@decider("url")
def _url(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """TF Serving's REST routes are /v1/models/NAME[/versions/N|/labels/L][:predict|:classify|:regress] (and the
    status/metadata GETs): a POST without the :verb addresses no API, whatever the model name."""
    m = _URL.search(text)
    if m is None:
        return None
    path = m.group("path")
    if "/v1/models" in path and not re.search(r":(?:predict|classify|regress)\b", path) and "POST" in text:
        return "wrong_api_or_input_format"
    return None


_LOADING = lazy(r"Loading servable|load failure|[Ff]ailed to load|LoadSavedModel|main_op|legacy_init_op|"
                      r"RunInitOp|Running initialization op")


@decider("keras3")
def _keras3(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A variable read before anything set it.  While the model loads, the SavedModel loader has already restored
    the checkpoint and is running the init op (main_op / legacy_init_op): the init op reads a variable that neither
    the checkpoint nor an earlier initializer sets.  At request time, the variables were not restored."""
    if "uninitialized value" in text and _LOADING.search(text):
        return "initializer_missing_in_export"
    return "variables_not_restored"


@decider("half")
def _half(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    return "dtype_unsupported_half" if re.search(r"DT_HALF|\bhalf\b|float16|bfloat16", text, re.I) else None


@decider("squeeze")
def _squeeze(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """``Can not squeeze dim[0], expected a dimension of 1, got 6``: axis 0 is the batch, so the graph squeezes the
    batch away and runs with one example only; another axis is an example of another shape (the entry's own)."""
    dim, got = str(groups.get("dim", "")), groups.get("got")
    if dim == "0" and isinstance(got, int) and got > 1:
        if _TEXT_SQUEEZE.search(text):
            # TextVectorization squeezes its input's last axis (traced (None, 1)): a batch of bare strings, rank 1,
            # has its batch as that axis — each instance lacks its trailing axis of 1, the batch is not fixed
            return "input_shape_mismatch"
        return "fixed_batch_size_in_graph"
    return None


@decider("squeeze_rank")
def _squeeze_rank(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """``Tried to squeeze dim index -1 for tensor with 0 dimensions``: a scalar where the graph squeezes an axis of a
    batch (TextVectorization's (None, 1) input): one value sent without its batch axis."""
    return "missing_batch_dimension" if groups.get("got_rank") == 0 else None


_TEXT_SQUEEZE = lazy(r"text_vectorization[\w/]{0,80}/Squeeze", re.I)


_NUMERIC = lazy(r"^(?:float\d*|double|half|bfloat16|u?int\d*|bool|complex\d*)$")


@decider("call_dtype")
def _call_dtype(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A traced function's input, or an op's parameter (op_def_library's list of allowed dtypes): strings where it
    takes numbers only are bytes (serialized examples, encoded images, text) sent to a numeric input."""
    want, got = str(groups.get("want_dtype", "")).lower(), str(groups.get("got_dtype", "")).lower()
    if got == "string" and _NUMERIC.match(want):
        return "bytes_sent_to_numeric_input"
    if _FLOATS_FOR_STRINGS.search(text) and not _ENCODED_HINT.search(text):
        # a function's string input given floats: raw feature values fed to a signature that parses serialized
        # tf.Example (7 of the 7 labelled texts with no image or audio in sight; with one, decoded pixels or samples
        # fed to an encoded-file input, read by the catalogue).  A Cast inside a model (AutoKeras' string columns
        # fed floats) is no signature's input: its own reading stands
        return "serialized_example_input_expected"
    allowed = _ALLOWED.search(text) if got == "string" and not want else None  # op_def_library's list of dtypes
    if allowed is not None and all(_NUMERIC.match(a) for a in re.findall(r"\w+", allowed.group(1).lower())):
        return "bytes_sent_to_numeric_input"  # strings (text, encoded bytes) where the op takes numbers only
    return None


_ALLOWED = lazy(r"has DataType string not in list of allowed values: ?((?:\w+, ?){0,20}\w+)")
_FLOATS_FOR_STRINGS = lazy(r"was expected to be an? string tensor but is an? (?:float|double|half|bfloat16)\b")
_ENCODED_HINT = lazy(r"image|jpe?g|png|gif|bmp|bytes|b64|base64|wav|audio|mp3|flac", re.I)
"""Words of an encoded file (an image's or a sound's bytes): decoded values sent to its string input."""


@decider("function_call")
def _function_call(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A restored function called outside its traces: the first difference between the call and the closest traced
    option decides (structure or arity: the inputs' names/count; rank, shape, dtype)."""
    from .calls import read

    found = read(text)
    return found.category if found is not None else None


_SELECT_OPS = lazy(r"TF Select ops: ?(?P<ops>[\w>.]{1,120}(?:, ?[\w>.]{1,120}){0,100})"
                   r"|'(?:tf\.)?(?P<op>[\w.>]{1,120})' op is neither a custom op nor a flex op")


@decider("converter_ops")
def _converter_ops(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """The TFLite converter's TensorFlow ops without a TFLite builtin.  When the only one is Placeholder, no op is
    missing from TFLite: a placeholder of the graph is no input of the conversion (a frozen graph's keep_prob or
    is_training left out of input_arrays, a TF1 signature without it), so the converter has nothing to feed it."""
    ops: set[str] = set()
    for m in _SELECT_OPS.finditer(text):
        if m.group("ops"):
            ops.update(o.strip() for o in m.group("ops").split(",") if o.strip())
        elif m.group("op"):
            ops.add(m.group("op"))
    return "unfed_placeholder" if ops == {"Placeholder"} else None


@decider("keras3_savedmodel_dir")
def _keras3_savedmodel_dir(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Keras 3's load_model given a SavedModel folder: a version crossing unless the folder is a serving export's
    numbered version directory or the file another framework's (checks.version_crossing_path, which the catalogue's
    pattern for the message shares)."""
    from .checks import version_crossing_path

    return "runtime_version_mismatch" if version_crossing_path(groups) else None


@decider("xla_call_shape")
def _xla_call_shape(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """An XLA module compiled for fixed shapes called with others (``parameter 4 shape: f32[1,4], argument shape:
    f32[2,4]``): when only the first dimension differs, the module was compiled for one batch size -- a batch fixed in
    the export (a jax2tf export without polymorphic_shapes); any other dimension is the input's shape."""
    want, got = _xla_dims(groups.get("want_xla")), _xla_dims(groups.get("got_xla"))
    if want and got and len(want) == len(got) and want[0] != got[0] and want[1:] == got[1:]:
        return "fixed_batch_size_in_graph"
    return None


def _xla_dims(shape: Any) -> list[str] | None:
    """The dimensions of an XLA shape (``f32[1,4]`` -> ['1', '4'])."""
    m = re.search(r"\[([\d,]*)\]", str(shape or ""))
    return [d for d in m.group(1).split(",") if d] if m else None


@decider("tensor_proto_2gb")
def _tensor_proto_2gb(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A TensorProto over 2 GB: a request's tensor when the paste builds a PredictRequest (request.inputs[…].CopyFrom,
    predict_pb2: in the text or the user's calling line, :mod:`.frames`' ``stack``) -- its size, not the model's;
    else a constant of the graph (the entry's model_too_large)."""
    return "payload_too_large" if _REQUEST_PROTO.search(f"{facts.get('stack', '')}\n{text}") else None


_REQUEST_PROTO = lazy(r"\.inputs\[[^\]\n]{1,80}\]\.CopyFrom\(|PredictRequest\(|predict_pb2|classification_pb2|"
                      r"regression_pb2")


@decider("numpy_allocate")
def _numpy_allocate(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """NumPy's ``Unable to allocate 1.19 GiB for an array``: the model's size when a model was loading or running
    (Keras' 'objects could not be loaded' around it, or the traceback's frames in load / predict,
    :mod:`.frames`' ``loading`` / ``calling``); else a program's memory, the entry's reading."""
    if facts.get("loading") or facts.get("calling") or _MODEL_LOADING.search(text):
        return "model_too_large"
    return None


_MODEL_LOADING = lazy(r"objects could not be loaded|load_model|load_weights|saved_model\.load|\.predict\(")


@decider("decoded_bytes")
def _decoded_bytes(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """UTF-8 refused the first byte of a value: 0xff or 0x89 there is how a JPEG's or a PNG's bytes begin -- an
    image's raw bytes given where text goes (a JSON value, a proto's string field), which takes base64 text; any
    other byte is text in another encoding, the entry's reading."""
    if str(groups.get("pos")) == "0" and str(groups.get("byte", "")).lower() in ("ff", "89"):
        return "base64_encoding"
    return None


@decider("dtype_invalid")
def _dtype_invalid(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """An empty TensorProto (dtype 0) read by a model server's own code, as its gRPC status or error body says
    (``Exception calling application: Cannot convert the argument `type_value`: 0``): the server read
    request.inputs['KEY'] under a key the request does not have -- the request's input name is wrong (2 of 2
    labelled texts); a client's own traceback reading a response stays the entry's reading."""
    return "input_keys_mismatch" if _SERVER_SIDE.search(text) else None


_SERVER_SIDE = lazy(r"Exception calling application:|details ?= ?\"[^\"\n]{0,120}type_value|"
                    r"[\"']error[\"']\s*:\s*[\"'][^\"'\n]{0,80}type_value")


@decider("unknown_rank")
def _unknown_rank(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """TensorShape.as_list() on an unknown shape: with no tf.py_function / tf.numpy_function in the text, a model
    called through Keras 3's predict got a request of another rank than the earlier ones (its retraced predict
    function relaxes to an unknown rank): most often one example sent without its batch axis -- 3 of the 4 labelled
    texts of it (the fourth: a level too many, which the entry's fix says too)."""
    return None if _SHAPE_LOST.search(f"{facts.get('stack', '')}\n{text}") else "missing_batch_dimension"


_SHAPE_LOST = lazy(r"py_function|numpy_function|py_func\b|EagerPyFunc")


@decider("gzip_body")
def _gzip_body(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """gzip's bytes read as text: a server's error body saying so (``{"error": "UnicodeDecodeError: …"}``) is the
    server failing to parse a compressed request as JSON, json_parse_error; a client's own traceback (a response read
    without decompressing it) stays the entry's reading (no category)."""
    return "json_parse_error" if _ERROR_BODY.search(text) else None


_ERROR_BODY = lazy(r"""["']error["']\s*:\s*["'][^"'\n]{0,40}UnicodeDecodeError""")


@decider("unnamed_tensor")
def _unnamed_tensor(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A session asked to feed or fetch a tensor whose name is empty (``The name '' looks like an (invalid) Operation
    name``): the signature's TensorInfo names no tensor -- a SparseTensor (or another composite) whose components a
    TF 1.x SignatureDef cannot carry by one name (saved_model_cli run, TF Serving's session), not a wrong key."""
    return "sparse_output_in_signature" if _EMPTY_NAME.search(text) else None


_EMPTY_NAME = lazy(r"The name '' (?:looks like an \(invalid\) Operation name|refers to)")


@decider("json_level")
def _json_level(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    return None  # the catalogue's checks read level against rank (extra / missing batch); the entry only confirms


@decider("json_type")
def _json_type(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A JSON string (a number in quotes too) or object ({"b64": …}) where the input is numeric: CATEGORIES.md's
    bytes_sent_to_numeric_input ("strings to a tensor whose dtype is numeric"), as validate says; a value of another
    JSON type (a number for a string input, a fraction for an integer) stays the entry's dtype reading."""
    sent, want = str(groups.get("json_type", "")).lower(), str(groups.get("dtype", "")).strip().lower()
    if sent in ("string", "object") and _NUMERIC.match(want) and want != "bool":
        return "bytes_sent_to_numeric_input"
    return None


@decider("custom_object")
def _custom_object(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """Keras cannot find a class that is no Keras built-in (the entry's pattern leaves those out): a custom layer,
    loss or function not registered or not imported where the model is loaded, whatever the Keras version -- the
    entry's reading (no category: CATEGORIES.md has none for custom code; its fix names the class).  A name that is
    no class name at all (``Unknown layer: layers``: lower case, a module's word) is a piece of a config another Keras
    version laid out (Keras >= 2.13 writes ``module`` and ``registered_name`` beside ``class_name``), read by a Keras
    that looks for the class elsewhere."""
    name = str(groups.get("keras_class") or "")
    if re.fullmatch(r"(?:keras|layers|models|engine|src|functional|sequential|saving|ops)", name) and \
            re.search(r"Unknown (?:layer|object)", text):
        return "runtime_version_mismatch"
    if name and package_class(name, text):
        return "runtime_version_mismatch"
    return None


_PACKAGE_MODULE = lazy(r"'module': '(?P<module>[A-Za-z_]\w{0,60})(?:\.[\w.]{0,200})?', "
                       r"'class_name': '(?P<cls>\w{1,80})'")
KERAS_ADDONS = frozenset({
    "keras_hub", "keras_nlp", "keras_cv", "autokeras", "keras_tuner", "kerastuner", "tensorflow_addons",
    "tensorflow_hub", "tensorflow_text", "tensorflow_recommenders", "tensorflow_decision_forests",
    "tensorflow_probability", "tensorflow_model_optimization", "tensorflow_gnn", "tensorflow_similarity",
    "keras_contrib", "segmentation_models", "efficientnet", "classification_models", "vit_keras", "transformers"})
"""Published packages whose layers, losses or models a saved Keras model can name by module (pip installs them;
a user's own package -- my_package.layers -- is the user's custom code, read as such)."""


def package_class(name: str, text: str) -> str | None:
    """The class's saved config names the module of an installed package's layer (``'module':
    'keras_hub.src.layers.modeling…'``, ``'autokeras.keras_layers'``): the model needs that package (keras-hub,
    keras-nlp, autokeras, keras-cv…) where it is loaded, at a version that has the class -- a runtime without what
    built the model, not the user's own unregistered code (3 of 4 provoker labels; the user's own classes are saved
    under __main__, builtins, the script's module or a package of the user's own).  The package's importable name
    (one of :data:`KERAS_ADDONS`), or None."""
    for m in _PACKAGE_MODULE.finditer(text):
        if m.group("cls") == name.rsplit(">", 1)[-1]:
            package = m.group("module")
            return package if package in KERAS_ADDONS else None
    return None


_KERAS_LOADING = lazy(r"load_model|saving_(?:api|lib)\.py|legacy_h5_format|hdf5_format|deserializ|from_config",
                            re.I)


@decider("json_value_type")
def _json_value_type(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """json_format.ParseDict met a value JSON has no type for.  Bytes are what an image or any binary value is
    before its base64 text: JSON carries bytes only as base64 (TF Serving's and Vertex's {"b64": …}); a NumPy value
    is the entry's own reading (instance_format)."""
    return "base64_encoding" if "<class 'bytes'>" in str(groups.get("object_type") or "") else None


_JSON_FORMAT = lazy(r"json_format\.ParseError|Failed to parse \w+ field: Couldn't parse integer|"
                    r"Couldn't parse integer: [^\n]{0,80} at (?:PredictRequest|TensorProto|ClassificationRequest|"
                    r"RegressionRequest|Value)\b")


@decider("json_integer")
def _json_integer(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """protobuf's 'Couldn't parse integer' is text_format's (a config file: the entry's reading) and json_format's:
    ParseDict of a request (a PredictRequest's TensorProto int64_val / int_val) given a fraction or a string for an
    integer field — a value of another type than the input's integer dtype."""
    return "dtype_mismatch" if _JSON_FORMAT.search(text) else None


@decider("keras_load")
def _keras_load(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A model-structure message (a layer fed another number of inputs) raised while Keras rebuilds a saved model
    (load_model or deserialization in the text) says the saved config does not fit the loading Keras: another Keras
    version wrote it.  Raised by predict/call, the entry's own reading (the inputs given) stands.  The traceback's
    frames (:mod:`.frames`: ``facts["loading"]``) say which, when the paste has them; else the text's words."""
    if "loading" in facts:
        return "runtime_version_mismatch" if facts["loading"] else None
    return "runtime_version_mismatch" if _KERAS_LOADING.search(text) else None


@decider("keras_inputs")
def _keras_inputs(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A Keras layer or model given another number of inputs than it takes.  Raised while load_model rebuilds a model:
    another Keras version wrote it (:func:`_keras_load`).  A model of one input given several real tensors (not
    KerasTensors: not while a model is built) was given a Python list of examples — each an array of its own —
    where it takes one array of them stacked along a batch axis."""
    loading = _keras_load(groups, facts, text)
    if loading is not None:
        return loading
    want, got = str(groups.get("want_inputs", "")), str(groups.get("got_inputs", ""))
    if want == "1" and got.isdigit() and int(got) > 1 and not _SYMBOLIC.search(text):
        return "missing_batch_dimension"
    return None


@decider("loader_call")
def _loader_call(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A function of the SavedModel called the wrong way by the loader itself (its traceback's frames are the
    loader's: tf.saved_model.load recreating the saved save/restore functions of a lookup table) rather than by the
    user's code: the loading TensorFlow calls functions another TensorFlow version wrote as it does not take them."""
    if facts.get("loading"):
        return "runtime_version_mismatch"
    if _KEYWORDS_ONLY.search(text):
        return "input_keys_mismatch"
    if _EXAMPLES_SIGNATURE.search(text):
        return "serialized_example_input_expected"
    return None


_EXAMPLES_SIGNATURE = lazy(r"for signature: \(\*?,? ?examples: TensorSpec\(shape=\(None,?\), dtype=tf\.string")
"""A signature whose one input is ``examples``, a batch of strings (the parsing signature of an Estimator, TFX or a
``serve_tf_examples_fn``) called with something that is no tensor (a GraphTensor, a dict of features): the value
it takes is serialized tf.Example, as the 14 labelled texts of that signature say."""

_KEYWORDS_ONLY = lazy(r"failed due to [`']too many positional arguments[`'][^\n]{0,4000}?for signature: \(\*, ")
"""A signature (keyword-only: ``for signature: (*, features: TensorSpec(…))``) called with its input by position:
TensorFlow's binding of the call by name failed first, and its fallback to the flat signature's positional
arguments then names the value's type -- the call's keywords are the fix (4 of 4 labelled texts)."""


_INSTANCES_OBJECT = lazy(r"\\?[\"']instances\\?[\"']\s*:\s*\{\s*\\?[\"'][^\"'\\\n]{1,200}\\?[\"']\s*:\s*\[")


@decider("instances_object")
def _instances_object(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """``Expecting 'instances' to be an list/array`` for an object of named columns (lists) under "instances": the
    columnar form, whose key is "inputs" -- the body's top-level key is what is wrong (4 of the 5 labelled texts of
    such an object: instances_key_missing; validate says the same); one instance's object of values, pandas'
    orient='columns' index maps, a value that is no list nor object: the instances' format (the entry's)."""
    return "instances_key_missing" if _INSTANCES_OBJECT.search(text) else None


@decider("keras_file")
def _keras_file(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A .keras file (the format of Keras >= 2.12 and Keras 3) given to a loader that took it for a SavedModel
    directory (tf.keras <= 2.11 reads only those and .h5): a file of another Keras version, not a missing directory."""
    return "runtime_version_mismatch" if re.search(r"\.keras(?:[/\\]|$)", str(groups.get("path") or "")) else None


_SYMBOLIC = lazy(r"<KerasTensor\b|\bKerasTensor\(|keras_tensor_?\d*>")


@decider("keras_shape")
def _keras_shape(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A Keras op's or layer's shape check.  Keras lists the call's arguments after the message; when they are
    KerasTensors the check failed on symbolic tensors, while the model itself was being built (its code or the config
    it is rebuilt from): shapes inside the model do not fit each other, whatever is sent to it.  On real arrays
    (predict), the input's numbers decide as for any rank check."""
    if _SYMBOLIC.search(text):
        return "model_graph_shape_bug"
    return _rank(groups, facts, text)


_CONFIG_PROTO = lazy(r"^tensorflow\.serving\.|Config$|^object_detection\.protos\.")


@decider("proto_field")
def _proto_field(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """protobuf's text / JSON parser met a field its schema lacks.  A TensorFlow graph message (FunctionDef,
    NodeDef, GraphDef, MetaGraphDef, AttrValue …) holds fields only TensorFlow writes: the file comes from a newer
    TensorFlow than the reader's.  At the top level of a SavedModel (its fields have not changed since TF 1.x), the
    file is no SavedModel at all (another program's .pbtxt in the version folder).  A config message (TF Serving's, a pipeline config) is written by hand: a
    misspelt or misplaced field, not about the model (the entry's own reading)."""
    kind = str(groups.get("message_type") or "")
    if kind == "tensorflow.SavedModel":
        return "savedmodel_not_found"  # the file's top level is no SavedModel (another .pbtxt in its place)
    if kind.startswith("tensorflow.") and not _CONFIG_PROTO.search(kind):
        return "runtime_version_mismatch"
    return None


def _int(v: Any) -> int | None:
    try:
        return int(str(v).replace(",", ""))
    except ValueError:
        return None


@decider("tflite_bytes")
def _tflite_bytes(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """TFLite's APIs (Java, Swift, Objective-C, TFLite Support's TensorBuffer, react-native-fast-tflite), and Triton's
    server and clients, compare the input's bytes with the tensor's: a ratio of exactly 4 is 4-byte float32
    values against 1-byte uint8 / int8 ones — a float model fed a quantized model's buffer, or the reverse (an image of
    half the height and width gives 4 too: the fix says both); a ratio of 2 is 8-byte values (float64, numpy's and
    Swift's Double, int64, Swift's Int) against 4-byte ones, or the reverse (twice the values gives 2 too: the fix
    says both); any other ratio is another image size or channels; no bytes at all, an input never filled."""
    from .causes import value_widths  # the ratios tflite_bytes' fix reads, one table for both

    want = _int(groups.get("want_bytes") or groups.get("want_bytes2") or groups.get("want"))
    got = _int(groups.get("got_bytes") or groups.get("got"))
    if want and got == 0:
        return "empty_instances"  # no bytes at all: the input buffer was never filled (nothing was given)
    if want and got and value_widths(want, got) is not None:
        return "dtype_mismatch"
    return None


_TFLITE_NUMERIC = lazy(r"^(?:FLOAT\d*|U?INT\d+|BOOL|COMPLEX\d+)$")


@decider("tflite_type")
def _tflite_type(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A TFLite tensor of type STRING given a numeric Java array: the model takes encoded bytes (an encoded image, as
    image exports with an in-graph decoder have) and got decoded values."""
    want, got = str(groups.get("want_dtype") or "").upper(), str(groups.get("got_dtype") or "").upper()
    if want == "STRING" and _TFLITE_NUMERIC.match(got):
        return "encoded_image_string_mismatch"
    return None


# ------------------------------------------------------------------------------------------------ web apps (#15)
# The platform around a model loaded in a web app (scripts/explain_index_web.py): a JavaScript engine's JSON.parse,
# fetch, CORS and storage messages say what failed, not what was being fetched; the text around them does.

_WEB_LOADING = lazy(
    r"load(?:Layers|Graph|Frozen)?Model\b|loadFromUri|loadFromDisk|loadWeightMap|model\.json|weights?_?manifest|"
    r"modelTopology|group\d{1,3}-shard|tensorflowjs|tfjs|HTTPRequest\.load|bundleResourceIO|nsfwjs|face-?api|ml5|"
    r"keras-?js|load(?:ing)? (?:the |a |my |your )?(?:\w{1,20} )?model|model (?:url|path|file|folder|weights)",
    re.I)
"""Words that say the failing fetch or parse was a model being loaded (its model.json, weights, a loader call)."""
_WEB_PREDICT = lazy(r":(?:predict|classify|regress)\b|/v1/models/|/invocations\b|\"instances\"", re.I)
"""Words that say it was a prediction request to a model server's REST API."""


@decider("web_json")
def _web_json(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A JavaScript engine's JSON.parse failed.  '<' where JSON starts (V8's and Safari's token, Firefox's unexpected
    character at line 1 column 1) is a markup page: the URL fetched as JSON answered with the web app's index.html or
    a 404 page.  While a model loads, its model.json is not served there (a model-path problem, whatever the token);
    for a prediction request the URL is not the model server's REST API (no model path: the request went to the
    wrong place).  Without either, an HTML page still reads as the model URL (what web apps fetch as JSON in these
    threads) and another text keeps the entry's reading (text that is not JSON)."""
    reason = str(groups.get("reason") or "").lower()
    html = groups.get("token") == "<" or (reason.startswith("unexpected character")
                                          and str(groups.get("line")) == "1" and str(groups.get("column")) == "1")
    fallback = bool(groups.get("html_fallback"))  # a 2xx body that is no JSON: a SPA's index.html, most often
    loading = _WEB_LOADING.search(text) or facts.get("loading") is True  # frames.py's phase, when it reads one
    predict = _WEB_PREDICT.search(text)
    if predict and not loading:
        return "wrong_api_or_input_format" if html or fallback else None
    if loading or html:
        return "savedmodel_not_found"
    return None


@decider("web_fetch")
def _web_fetch(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """fetch got no response, CORS refused one, or the URL was no URL: about the model only when the model's files
    were what was fetched (the URL or the text around says so); a prediction request's network failure is not."""
    url = str(groups.get("url") or "")
    if _WEB_PREDICT.search(url) or (_WEB_PREDICT.search(text) and not _WEB_LOADING.search(text)):
        return None
    if _WEB_LOADING.search(url) or _WEB_LOADING.search(text) or re.search(r"\.(?:json|bin|pb)\b", url):
        return "savedmodel_not_found"
    return None


@decider("web_storage")
def _web_storage(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A storage quota (a browser's localStorage / IndexedDB, a mini-program's or React Native's storage) is the
    space a saved model takes, not a request quota; a text that also carries a service's 429 / RESOURCE_EXHAUSTED is
    about that service."""
    if re.search(r"\b429\b|RESOURCE_EXHAUSTED|Quota exceeded for ", text):
        return None
    return "model_too_large"


@decider("web_weights")
def _web_weights(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """TensorFlow.js builds every weight with tensor(values, shape) as it decodes the weight files; a shape that is a
    convolution kernel [k, k, in, out] (square window, 10+ channels each side: no input a model is fed) whose value
    count is wrong is a weight the loaded weight data does not hold — a shard missing or another conversion's .bin."""
    k, cin, cout = (_int(groups.get(n)) for n in ("kh", "cin", "cout"))
    got, want = _int(groups.get("got")), _int(groups.get("want"))
    if None in (k, cin, cout, got, want) or got == want or min(cin, cout) < 10:
        return None
    return "variables_not_restored"


_TRITON_NUMERIC = lazy(r"^(?:TYPE_)?(?:FP\d{1,2}|BF16|U?INT\d{1,2}|BOOL)$")


@decider("triton_dtype")
def _triton_dtype(groups: dict[str, Any], facts: Mapping[str, Any], text: str) -> str | None:
    """A Triton request (or tritonclient's InferInput) with BYTES data for an input whose datatype is numeric: strings
    (encoded images, base64 text, a numpy object array) sent where the model takes numbers."""
    want, got = str(groups.get("want_dtype") or "").upper(), str(groups.get("got_dtype") or "").upper()
    if got in ("BYTES", "TYPE_STRING") and _TRITON_NUMERIC.match(want):
        return "bytes_sent_to_numeric_input"
    return None
