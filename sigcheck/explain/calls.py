"""A restored function called with arguments none of its traces takes: what differs, from the message itself.

TensorFlow's ``function_deserialization.py`` raises ``Could not find matching [concrete] function to call loaded from
the SavedModel. Got: Positional arguments (N total): * … Keyword arguments: {…} Expected these arguments to match
one of the following K option(s): Option 1: Positional arguments (M total): * … Keyword arguments: {…}``: each
``*`` item is ``pprint.pformat`` of an argument (a ``Tensor``/``TensorSpec``, a list, a tuple, a dict, a Python
value).  A restored function runs only the input signatures it was traced with, so the first difference between the
call and the closest option is the cause: the structure (a tuple where a list was traced, a bare tensor where a
list of one was), the rank or a dimension, the dtype, or a Python argument (``training=False`` never traced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .patterns import lazy
from .evidence import parse_shape

_MESSAGE = lazy(r"Could not find matching (?:concrete )?function to call loaded from the SavedModel", re.I)
_SECTION = lazy(r"Positional arguments \(\d+ total\):(?P<pos>.*?)(?:Keyword arguments: ?(?P<kw>\{[^}]*\}?)|$)",
                      re.S)
_COUNT = lazy(r"one of the following (?P<n>\d+) option")
_SHAPE = lazy(r"shape=(?P<shape>\([^)]*\)|<unknown>)")
_DTYPE = lazy(r"dtype=(?:tf\.)?(?P<dtype>\w+)")
_NAME = lazy(r"name=['\"](?P<name>[^'\"]*)['\"]|Tensor\(\"(?P<tname>[^\"]+)\"|<tf\.Tensor '(?P<ename>[^']+)'")
_OPEN, _CLOSE = "([{<", ")]}>"


def format_shape(shape: list[int] | None) -> str:
    """As TensorFlow prints a TensorShape: ``(None, 224, 224, 3)``."""
    if shape is None:
        return "<unknown>"
    dims = ["None" if d < 0 else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"
KINDS = {"[": "list", "(": "tuple", "{": "dict"}


@dataclass
class Arg:
    kind: str
    """tensor | list | tuple | dict | value"""
    text: str
    shape: list[int] | None = None
    dtype: str | None = None
    name: str | None = None
    items: list["Arg"] = field(default_factory=list)
    key: str | None = None
    """The key a dict's item is under (``{'input_ids': <tf.Tensor …>}``)."""

    def describe(self) -> str:
        if self.kind == "tensor":
            shape = format_shape(self.shape) if self.shape is not None else ""
            return f"{_a(self.dtype)} {self.dtype or ''} tensor {shape}".replace("  ", " ").strip()
        if self.kind in ("list", "tuple"):
            return f"a {self.kind} of {len(self.items)}"
        if self.kind == "dict":
            return "a dict"
        return self.text


@dataclass
class Call:
    args: list[Arg]
    keywords: str


@dataclass
class Difference:
    kind: str
    """structure | arity | keywords | rank | shape | dtype | value"""
    got: Arg | None
    want: Arg | None
    position: int


@dataclass
class Reading:
    category: str
    cause: str
    step: str
    difference: Difference
    contradicts: tuple[str, ...] = ()
    """Words of the category's steps this reading rules out (they are dropped)."""


def _split(text: str, sep: str) -> list[str]:
    """``text`` split at ``sep`` outside brackets and quotes."""
    out, depth, cur, i, quote = [], 0, "", 0, ""
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            out.append(cur)
            cur, i = "", i + len(sep)
            continue
        cur += ch
        i += 1
    out.append(cur)
    return [p.strip() for p in out if p.strip()]


def parse_arg(text: str) -> Arg:
    text = text.strip().rstrip(",").strip()
    if re.match(r"(?:<tf\.Tensor|Tensor\(|TensorSpec\(|<tf\.Variable)", text):
        shape = _SHAPE.search(text)
        dtype = _DTYPE.search(text)
        name = _NAME.search(text)
        return Arg("tensor", text, parse_shape(shape.group("shape")) if shape and shape.group("shape") != "<unknown>"
                   else None, dtype.group("dtype") if dtype else None,
                   next((g for g in name.groups() if g), None) if name else None)
    if text[:1] in KINDS and text[-1:] in _CLOSE:
        inner = text[1:-1]
        if KINDS[text[0]] == "dict":
            return Arg("dict", text, items=[_dict_item(p) for p in _split(inner, ",")])
        return Arg(KINDS[text[0]], text, items=[parse_arg(p) for p in _split(inner, ",")])
    return Arg("value", text)


_KEY = lazy(r"""^(?P<q>['"])(?P<key>[^'"]{1,200})(?P=q):\s*""")


def _dict_item(text: str) -> Arg:
    """One ``'key': value`` item of a printed dict, the value read as an argument under its key."""
    m = _KEY.match(text.strip())
    if m is None:
        return Arg("value", text.strip())
    arg = parse_arg(text.strip()[m.end():])
    arg.key = m.group("key")
    return arg


def parse(text: str) -> tuple[Call, list[Call]] | None:
    """(the call, the options) read from the message; None when the text is not that message."""
    m = _MESSAGE.search(text)
    if m is None:
        return None
    rest = text[m.end():]
    head, _, options = rest.partition("Expected these arguments")
    got = _section(head)
    if got is None:
        return None
    opts = [c for c in (_section(part) for part in re.split(r"Option \d+:", options)[1:]) if c is not None]
    return got, opts


def _section(text: str) -> Call | None:
    m = _SECTION.search(text)
    if m is None:
        return None
    items = _split(" " + m.group("pos"), " * ")
    return Call([parse_arg(i.lstrip("* ")) for i in items], m.group("kw") or "{}")


def _compare(got: Arg, want: Arg, position: int) -> list[Difference]:
    if got.kind != want.kind:
        return [] if {got.kind, want.kind} == {"value"} else [Difference("structure", got, want, position)]
    if got.kind in ("list", "tuple"):
        if len(got.items) != len(want.items):
            return [Difference("structure", got, want, position)]
        return [d for a, b in zip(got.items, want.items) for d in _compare(a, b, position)]
    if got.kind == "dict":  # by key: other keys are another structure, the same keys compare their values
        mine, traced = {a.key: a for a in got.items}, {a.key: a for a in want.items}
        if None in mine or None in traced or set(mine) != set(traced):
            return [] if got.text == want.text else [Difference("structure", got, want, position)]
        return [d for k in sorted(mine) for d in _compare(mine[k], traced[k], position)]
    out = []
    if got.kind == "tensor":
        if got.shape is not None and want.shape is not None:
            if len(got.shape) != len(want.shape):
                out.append(Difference("rank", got, want, position))
            elif any(w >= 0 and g != w for g, w in zip(got.shape, want.shape)):
                out.append(Difference("shape", got, want, position))
        if got.dtype and want.dtype and got.dtype != want.dtype:
            out.append(Difference("dtype", got, want, position))
    elif got.kind == "value" and got.text != want.text:
        out.append(Difference("value", got, want, position))
    return out


ORDER = ("arity", "structure", "keywords", "rank", "shape", "dtype", "value")


def difference(got: Call, option: Call) -> list[Difference]:
    if len(got.args) != len(option.args):
        return [Difference("arity", None, None, -1)]
    diffs = [d for i, (a, b) in enumerate(zip(got.args, option.args)) for d in _compare(a, b, i)]
    if _keys(got.keywords) != _keys(option.keywords):
        diffs.append(Difference("keywords", None, None, -1))
    return sorted(diffs, key=_first)


def _first(d: Difference) -> tuple[bool, int]:
    """Which difference a reading names first: strings for numbers (or numbers for strings), whatever the shapes, then
    by :data:`ORDER`."""
    return not _strings_for_numbers(d), ORDER.index(d.kind)


def _keys(kw: str) -> set[str]:
    return set(re.findall(r"['\"](\w+)['\"]\s*:", kw))


_BINDING = lazy(r"Binding inputs to tf\.function(?: [`'][^`']{1,200}[`'])? failed due to [`']Can not cast "
                      r"(?P<got>TensorSpec\((?:[^()]|\([^()]{0,200}\)){0,300}\)) to "
                      r"(?P<want>TensorSpec\((?:[^()]|\([^()]{0,200}\)){0,300}\))")


_WORDS = lazy(r"b'[A-Za-z][^'\n]{0,200}? [^'\n]{0,200}'")
"""A string value of words (``b'what a great movie'``) in the arguments a tf.function received."""


def _strings_for_numbers(d: Difference) -> bool:
    """Strings given where a function takes numbers, or numbers where it takes strings: the difference that decides,
    whatever the shapes (raw text to a model whose tokenizer ran outside it: its input is token ids of another shape
    too; decoded pixels to an input of encoded image bytes, one string an image, have more axes too)."""
    if d.kind != "dtype" or d.got is None or d.want is None or None in (d.got.dtype, d.want.dtype):
        return False
    return (d.got.dtype == "string") != (d.want.dtype == "string")


def _pixels_for_bytes(g: Arg, w: Arg) -> bool:
    """Numbers with at least two axes beyond the batch (an image: height, width, maybe channels) where the function
    takes one string an example: decoded pixels given to an input of encoded image bytes."""
    return (g.dtype not in (None, "string") and w.dtype == "string" and g.shape is not None and w.shape is not None
            and len(w.shape) <= 1 and len(g.shape) >= 3)


def read_binding(text: str) -> Reading | None:
    """TensorFlow 2.13+'s tf.function: ``Binding inputs to tf.function failed due to `Can not cast TensorSpec(…) to
    TensorSpec(…)`. Received args: … for signature: (x: TensorSpec(…))`` (function_type_utils.py)."""
    m = _BINDING.search(text)
    if m is None:
        return None
    got, want = parse_arg(m.group("got")), parse_arg(m.group("want"))
    diffs = sorted(_compare(got, want, 0), key=_first)
    if not diffs:
        return None
    reading = _reading(diffs[0], Call([got], "{}"), Call([want], "{}"), "the function's input signature",
                       "argument 1")
    also = [x for x in diffs[1:] if x.kind != diffs[0].kind]
    if also:
        reading.cause += " It also differs in " + "; ".join(_also(x) for x in also) + "."
    reading.cause = reading.cause.replace("a restored function", "a tf.function with an input signature")
    if reading.category == "bytes_sent_to_numeric_input" and _WORDS.search(text):
        # words where the function takes numbers: the text's tokenizer (TextVectorization) ran outside the model
        reading.step = ("Turn the text into the numbers the model takes with the same preprocessing as in training "
                        "— vectorizer(texts) with the adapted TextVectorization (or tokenizer) — before the call, or "
                        "export the model with that layer inside so its signature takes raw strings.")
    return reading


def _a(word: str | None) -> str:
    return "an" if word and word[0].lower() in "aeiou" else "a"


def read(text: str) -> Reading | None:
    """The first difference between the call and its closest option, as a category, a cause and a first step."""
    if "Binding inputs to tf.function" in text:
        return read_binding(text) or read_cast_to(text)
    parsed = parse(text)
    if parsed is None or not parsed[1]:
        return None
    got, options = parsed
    declared = _COUNT.search(text)
    total = int(declared.group("n")) if declared else len(options)
    ranked = sorted(((difference(got, o), i) for i, o in enumerate(options)),
                    key=lambda x: (len(x[0]), [ORDER.index(d.kind) for d in x[0]], x[1]))
    diffs, index = ranked[0]
    if not diffs:
        return None
    option = options[index]
    d = diffs[0]
    where = f"traced option {index + 1} of {total}" if total > 1 else "the only traced option"
    pos = f"argument {d.position + 1}" if d.position >= 0 else ""
    if d.got is not None and d.got.key:
        pos = f"'{d.got.key}' of {pos}"
    reading = _reading(d, got, option, where, pos)
    also = [x for x in diffs[1:] if x.kind != d.kind and x.got is not None and x.want is not None]
    if also:
        reading.cause += " It also differs in " + "; ".join(_also(x) for x in also) + "."
    return reading


def cast_code(got: str | None, want: str | None) -> str:
    """The code that converts a tensor of dtype ``got`` to ``want``: tf.cast, except to and from strings, which
    tf.cast refuses (``Cast int32 to string is not supported``): tf.strings.as_string / tf.strings.to_number."""
    if want == "string" and got != "string":
        return "tf.strings.as_string(x)"
    if got == "string" and want != "string":
        return f"tf.strings.to_number(x, out_type=tf.{want})"
    return f"tf.cast(x, tf.{want})"


def cast_step(got: str | None, want: str | None) -> str:
    """The first step for a tensor of dtype ``got`` where ``want`` is taken."""
    code = cast_code(got, want)
    if want == "string" and got != "string":
        return (f"Convert the input to strings first: {code} (tf.cast cannot make strings: 'Cast {got} to string is "
                "not supported'), or build it from Python strings; the strings must be spelled as in training "
                "(\"3\" where the vocabulary has \"3\", not \"3.0\").")
    if got == "string" and want != "string":
        return (f"Parse the strings first: {code} (tf.cast cannot convert strings), or pass numbers "
                f"(tf.constant(..., dtype=tf.{want})).")
    return (f"Cast the input first: {code} (images: tf.image.convert_image_dtype for 0-1 floats, or the scaling the "
            "model was trained with).")


_CAST_TO = lazy(r"Binding inputs to tf\.function(?: [`'][^`']{1,200}[`'])? failed due to [`']Can not cast "
                      r"(?P<got>[{(\[<].{0,4000}?) to (?:an? )?(?P<kind>[Ll]ist|[Tt]uple|[Dd]ict) type\.?[`']\.? "
                      r"Received args: "
                      r".{0,8000}? for signature: \((?P<arg>\w{1,100}): (?P<spec>(?:List|Tuple|Dict)\[.{0,4000}?\])\)",
                      re.S)
_SPEC_NAME = lazy(r"name='(?P<name>[^']{1,200})'")


def read_cast_to(text: str) -> Reading | None:
    """``Can not cast {…} to list type`` (function_type_utils.py): a dict, tuple or tensor passed where the
    function's input signature takes one list (Keras 3's ``serve`` endpoint from model.export: ``args_0:
    List[TensorSpec(…, name='age'), …]``), or the other way round.  What works is the structure it was traced with,
    in its order."""
    m = _CAST_TO.search(text)
    if m is None:
        return None
    got = {"{": "a dict", "(": "a tuple", "[": "a list"}.get(m.group("got")[0], "a tensor")
    kind = m.group("kind").lower()
    names = list(dict.fromkeys(n.group("name") for n in _SPEC_NAME.finditer(m.group("spec"))))
    keys = re.findall(r"(?:^\{|, )'([^']{1,200})': ", m.group("got")) if got == "a dict" else []
    order = ", ".join(names) if names else "the traced order"
    keyword = (f"or call the SavedModel's keyword signature instead, loaded.signatures['serving_default']"
               f"({', '.join(f'{n}=...' for n in names) or '...'}) (sigcheck inspect MODEL lists its names)")
    if kind == "dict":
        step = (f"Pass the inputs as one positional dict keyed by the traced input names: "
                f"f({{{', '.join(repr(n) + ': ...' for n in names)}}}); {keyword}.")
    else:
        open_, close = ("[", "]") if kind == "list" else ("(", ")")
        if keys and set(keys) == set(names):
            items = ", ".join(f"inputs[{n!r}]" for n in names)
        else:
            items = ", ".join(names) if names else "a, b, …"
        step = (f"Pass the inputs as one positional {kind} in the signature's order: f({open_}{items}{close}) "
                f"({order}); {keyword}.")
    held = f" ({', '.join(keys)})" if keys else ""
    dtypes = set(re.findall(r"dtype=tf\.(\w{1,20})", m.group("spec")))
    if (got == "a tensor" and re.search(r"dtype=string\b", m.group("got"))
            and dtypes and all(re.fullmatch(r"u?int\d{1,2}|float\d{0,2}|half|double|bfloat16", t) for t in dtypes)):
        # text where the function takes numbers: a model exported without its tokenizer / preprocessing, called with
        # what its preprocessing would have been given
        cause = (f"The call passes a string tensor (text) where the function takes {kind} {m.group('arg')} of numeric "
                 f"tensors ({order}; {', '.join(sorted(dtypes))}): the export's inputs are what a tokenizer or "
                 "preprocessing step makes of the text (token ids, masks), which the exported model does not "
                 "include, so text cannot reach it.")
        step = (f"Run the preprocessing on the client and pass its output: f(preprocessor(texts)) (a {kind} with "
                f"{order}; with KerasHub, the task's preprocessor); or export a signature that takes strings and "
                "tokenizes in the graph (its tokenizer ops, e.g. tensorflow-text, must then be where it is served).")
        return Reading("bytes_sent_to_numeric_input", cause, step, Difference("dtype", None, None, 0),
                       contradicts=("by keyword",))
    cause = (f"The call passes {got}{held} where the function takes one positional {kind} {m.group('arg')} of "
             f"{len(names) or 'several'} tensor(s){f' ({order})' if names else ''}: a tf.function binds its input "
             f"signature's structure exactly (Keras 3's model.export() traces its serve endpoint with the model's "
             f"inputs as the model takes them, here one {kind}), so no other structure and no keywords reach it.")
    return Reading("input_keys_mismatch", cause, step, Difference("structure", None, None, 0),
                   contradicts=("by keyword",))


def _also(d: Difference) -> str:
    g, w = d.got, d.want
    assert g is not None and w is not None
    if d.kind == "dtype":
        return f"dtype ({g.dtype} where {w.dtype} was traced: {cast_code(g.dtype, w.dtype)})"
    if d.kind in ("rank", "shape"):
        return f"shape ({format_shape(g.shape)} where {format_shape(w.shape)} was traced)"
    if d.kind == "value":
        return f"argument {d.position + 1} ({g.text} where {w.text} was traced)"
    return f"the structure of argument {d.position + 1} ({g.describe()} where {w.describe()} was traced)"


def axis_step(got: list[int] | None, want: list[int] | None) -> str | None:
    """The first step for a tensor of the declared rank whose sizes differ, by the axis that differs: the colour
    channels of an image (convert them, never reshape pixels), its height and width (resize), or the features of a
    row (pass the trained columns).  None when the difference is elsewhere or several axes differ."""
    if not got or not want or len(got) != len(want) or len(got) < 2:
        return None
    diff = [i for i in range(1, len(got)) if want[i] >= 0 and got[i] >= 0 and want[i] != got[i]]
    if not diff:
        return None
    if len(got) >= 3 and diff == [len(got) - 1] and got[-1] in (1, 3, 4) and want[-1] in (1, 3, 4):
        how = {1: "tf.image.rgb_to_grayscale(x) (PIL: img.convert('L')), keeping the channel axis",
               3: "tf.image.grayscale_to_rgb(x) for a gray image, x[..., :3] to drop an alpha channel (PIL: "
                  "img.convert('RGB'))",
               4: "add an alpha channel (PIL: img.convert('RGBA'))"}[want[-1]]
        return (f"Give the image {want[-1]} colour channel(s), as the model was trained: {how}; or decode it with "
                f"channels={want[-1]} — never reshape the pixels (it has {got[-1]}).")
    if len(got) == 4 and set(diff) <= {1, 2}:
        return (f"Resize the images to the model's {want[1]}x{want[2]} (height x width): tf.image.resize(x, "
                f"({want[1]}, {want[2]})) or PIL's img.resize(({want[2]}, {want[1]})) — they are {got[1]}x{got[2]}.")
    if len(got) == 2 and diff == [1]:
        return (f"Pass exactly the {want[1]} feature columns the model was trained on, in the training order "
                f"(it got {got[1]}: drop ids, labels or extra columns, or add the missing ones) — do not reshape or "
                "pad the row.")
    return None


def _dims(shape: list[int | None]) -> list[int]:
    return [x if x is not None else -1 for x in shape]


def _spec_dims(shape: list[int | None]) -> list[int | None]:
    """A traced shape as a TensorSpec with a free batch: [None, 6] for (1, 6) (unknown sizes None too)."""
    return [None] + [x if x is not None and x >= 0 else None for x in shape[1:]]


def _rank_decider(got: list[int | None], want: list[int | None]) -> str | None:
    """The index's rank decider (one reading of ranks and dimensions) over a traced function's shapes."""
    from .index import DECIDERS

    return DECIDERS["rank"]({"got_shape": _dims(got), "want_shape": _dims(want)}, {}, "")


def _trailing_step(got: list[int] | None, want: list[int] | None) -> str | None:
    """A batch whose examples lack the last axis of size 1 the function takes ((2,) for (None, 1))."""
    if got is None or want is None or len(got) != len(want) - 1 or want[-1] != 1 or not got:
        return None
    return (f"Give each example its last axis of 1: x[..., None] (tf.expand_dims(x, -1)) makes {format_shape(got)} "
            f"the traced {format_shape(want)}; in a request body each value in a list of its own, [[v1], [v2]], not "
            "[v1, v2].")


def _reading(d: Difference, got: Call, option: Call, where: str, pos: str) -> Reading:
    g, w = d.got, d.want
    if d.kind == "arity":
        return Reading("input_keys_mismatch",
                       f"The call passes {len(got.args)} positional argument(s) where {where} takes "
                       f"{len(option.args)}: a restored function runs only the signatures it was traced with.",
                       f"Call it with the arguments of a traced option ({len(option.args)} positional: "
                       f"{', '.join(a.describe() for a in option.args)}).", d)
    if d.kind == "keywords":
        return Reading("input_keys_mismatch",
                       f"The call's keyword arguments {got.keywords} differ from those of {where} "
                       f"({option.keywords}).", f"Call it with the keyword arguments it was traced with: "
                       f"{option.keywords}.", d)
    assert g is not None and w is not None
    if d.kind == "structure":
        return Reading("input_keys_mismatch",
                       f"The call passes {g.describe()} as {pos} where {where} takes {w.describe()}: a restored "
                       "function matches the structure of its inputs exactly (a list, a tuple, a dict and a bare "
                       "tensor are different signatures).", _structure_step(g, w), d)
    if d.kind in ("rank", "shape"):
        gs, ws = format_shape(g.shape), format_shape(w.shape)
        category = "input_shape_mismatch"
        if d.kind == "shape" and g.shape is not None and w.shape is not None:
            gs_, ws_ = _dims(g.shape), _dims(w.shape)  # only the batch differs from a traced batch: fixed when traced
            if _rank_decider(g.shape, w.shape) == "fixed_batch_size_in_graph" or (
                    len(gs_) == len(ws_) >= 2 and ws_[0] > 0 and gs_[0] != ws_[0] and gs_[1:] == ws_[1:]):
                # (a function traced for a batch of N -- its input signature, or the first call's shape when it
                # had none -- runs only that batch: whatever N is, only the batch differs)
                category = "fixed_batch_size_in_graph"
        if d.kind == "rank" and g.shape is not None and w.shape is not None:
            if len(w.shape) == 0:
                category = "scalar_input"  # a rank-0 input (a flag, a length) given one value per example
            elif len(g.shape) == len(w.shape) - 1:
                # one level short: the index's rank decider reads which level — a lone example lacks the batch;
                # (2,) for (None, 1) is a batch of two whose examples lack their trailing axis
                category = _rank_decider(g.shape, w.shape) or "missing_batch_dimension"
            elif len(g.shape) == len(w.shape) + 1 and g.shape[0] == 1:
                category = "extra_batch_dimension"
            elif (len(g.shape) == len(w.shape) + 1 == 2 and g.shape[-1] == 1
                  and all(x < 0 or x == y for x, y in zip(w.shape, g.shape[:-1]))):
                category = "extra_batch_dimension"  # each element wrapped in a list of its own: (2, 1) for (None,)
                # (a trailing 1 after examples of rank 2 or more, (2, 28, 28, 1) for (None, 28, 28), is a channel axis
                # the model does not take: a per-example shape, as causes.levels reads it)
        step = {"missing_batch_dimension": f"Add the batch dimension: call it with x[None, ...] "
                                           f"(tf.expand_dims(x, 0)), shape {ws} with the first size the batch.",
                "extra_batch_dimension": (f"Drop the extra level: the traced shape is {ws} — " + (
                    "each element is wrapped in a list of its own: send ['a', 'b'], not [['a'], ['b']] "
                    "(x[:, 0] / tf.squeeze(x, -1))." if g.shape and g.shape[-1] == 1 and g.shape[0] != 1 else
                    "x[0] or tf.squeeze(x, 0).")),
                "fixed_batch_size_in_graph": (
                    f"Re-export with the batch dimension None: tf.TensorSpec({_spec_dims(w.shape)}) in the "
                    f"input_signature (it was traced for a batch of {w.shape[0]}); until then call it with "
                    f"{w.shape[0]} example(s) at a time.") if w.shape else None,
                "scalar_input": "Pass it as one scalar for the whole call (tf.constant(False), not one value per "
                                "example), or bake it into the export (training=False) so the signature does not "
                                "take it."}.get(category) or _trailing_step(g.shape, w.shape) \
            or axis_step(g.shape, w.shape) or (
            f"Resize, reshape or pad the input to the traced shape {ws}: it has {gs}.")
        return Reading(category, f"The call passes a tensor of shape {gs} as {pos} where {where} takes {ws}: a "
                                 "restored function runs only the shapes it was traced with.",
                       step + " To accept other shapes, re-export with a tf.function input_signature whose "
                              "dimensions are None: tf.TensorSpec([None, ...])", d)
    if d.kind == "dtype" and _pixels_for_bytes(g, w):
        return Reading("encoded_image_string_mismatch",
                       f"The call passes {_a(g.dtype)} {g.dtype} tensor of shape {format_shape(g.shape)} as {pos} where "
                       f"{where} takes {format_shape(w.shape)} strings: decoded pixels given to an input that takes "
                       "each image as its encoded file's bytes (JPEG / PNG), which the model decodes itself.",
                       "Send each image as its file's bytes, not its pixels: tf.constant([open(path, 'rb').read()]) "
                       "(or tf.io.encode_jpeg(tf.cast(img, tf.uint8)) for an array); over REST "
                       '{"instances": [{"b64": base64.b64encode(jpeg_bytes).decode()}]}', d)
    if d.kind == "dtype":
        # strings (text, encoded bytes) where the function takes numbers: CATEGORIES.md's bytes_sent_to_numeric_input
        strings = g.dtype == "string" and w.dtype not in (None, "string")
        return Reading("bytes_sent_to_numeric_input" if strings else "dtype_mismatch",
                       f"The call passes {_a(g.dtype)} {g.dtype} tensor as {pos} where {where} takes {w.dtype}: a "
                       "restored function does not cast its inputs.",
                       cast_step(g.dtype, w.dtype), d,
                       # a Python call builds no TensorProto (and make_tensor_proto(ints, dtype=tf.string) fails:
                       # 'Expected string, but got 1 of type int')
                       contradicts=("make_tensor_proto",))
    return Reading("input_keys_mismatch",
                   f"The call passes {g.text} as {pos} where {where} was traced with {w.text}: a restored function "
                   "runs only the Python arguments it was traced with (e.g. training=True/False).",
                   f"Call it with {w.text} for {pos} (the value it was traced with), or trace and save the value "
                   "you need.", d)


def _structure_step(g: Arg, w: Arg) -> str:
    if w.kind == "list" and g.kind == "tensor" and len(w.items) == 1:
        return "Wrap the tensor in a list: model([x]); the function was traced with a list of one tensor."
    if w.kind == "list" and g.kind == "tuple":
        return (f"Pass the {len(g.items)} inputs as a list [a, b, …], not a tuple (a, b, …): the function was "
                "traced with a list.")
    if w.kind == "tuple" and g.kind == "list":
        return "Pass the inputs as a tuple (a, b, …), not a list: the function was traced with a tuple."
    if w.kind == "tensor" and g.kind in ("list", "tuple") and len(g.items) == 1:
        return "Pass the tensor itself, not wrapped in a list or tuple: the function was traced with one tensor."
    if w.kind == "dict":
        return f"Pass a dict keyed by the traced input names: {w.text[:200]}."
    if w.kind in ("list", "tuple"):
        names = [i.name for i in w.items if i.name]
        order = f" in this order: {', '.join(names)}" if names else ""
        return f"Pass {w.describe()} tensors{order}, as traced."
    return f"Pass {w.describe()} as traced, not {g.describe()}."
