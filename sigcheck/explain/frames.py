"""Read where an exception was raised: the traceback frames of a pasted text, before normalize drops them.

A bare ``TypeError: … got an unexpected keyword argument``, ``KeyError: 'class_name'`` or ``AttributeError: 'str'
object has no attribute 'decode'`` says nothing by its message alone; raised inside Keras' or TensorFlow's model
deserialization (``keras/src/saving/serialization_lib.py deserialize_keras_object``, ``functional.py from_config``,
``tensorflow/python/saved_model/load.py``) while ``load_model`` rebuilds a model, it says that the saved config or
graph does not fit the loading library: another Keras / TensorFlow version wrote it (or it names a custom object the
loader lacks).  The same exception raised in the user's own code, or while the model predicts, says no such thing.

    >>> fr = read_frames('Traceback (most recent call last):\\n  File "x.py", line 3, in <module>\\n'
    ...                  '    m = keras.models.load_model("m.h5")\\n  File "/usr/lib/python3/site-packages/keras/'
    ...                  'src/saving/saving_api.py", line 190, in load_model\\nKeyError: \\'class_name\\'')
    >>> fr.exception, fr.phase, fr.raised_in.module
    ('KeyError', 'load', 'keras.src.saving.saving_api')

The names an exception carries say more (:func:`name_reading`, with :mod:`.versions`' facts taken from the Keras
wheels and the installed TensorFlow): a module path only some Keras versions have (``No module named
'keras.src.engine'``: Keras 2.13-2.15's layout), a layer argument only some take (``ragged``, ``batch_shape``), an
argument or API name only TensorFlow 1 has (``keep_dims``, ``tf.placeholder``), a Keras built-in loss the loader
cannot locate, the first byte of a file pickle refused (``'v'``: a Git LFS pointer), Python's ``unknown opcode`` in
a Lambda; who raised it (unpickling, a loader rebuilding a saved model, the code's own import) says what to do.  A
loader's warning printed before the exception (no keras_metadata.pb; scikit-learn's unpickle versions) counts too.

Formats read (from their sources): CPython's ``traceback`` module (``  File "x.py", line 12, in f`` then the source
line and 3.11's ``^^^^`` marks), IPython 8's ``ultratb`` (``File ~/x.py:70, in f(a, b)``, ``Cell In[3], line 1``,
``---> 70`` source lines, the ``TypeError   Traceback (most recent call last)`` header), IPython 5-7's
(``~/x.py in f(a, b)``, ``<ipython-input-3-…> in <module>``), and the chains (``During handling of the above
exception, another exception occurred:`` / ``The above exception was the direct cause of the following
exception:``): the exception printed last is the one raised last.  The text is bounded as normalize bounds it
(:func:`.normalize.clip`), at most :data:`MAX_FRAMES` frames are kept per traceback and :data:`MAX_BLOCKS`
tracebacks, and no pattern has nested quantifiers: linear on hostile text (#19).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .patterns import lazy
from .normalize import _LOG_PREFIX, unwrap

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .diagnosis import Diagnosis

MAX_FRAMES = 200
"""Frames kept per traceback (the innermost ones: where it was raised)."""
MAX_BLOCKS = 16
"""Tracebacks of a chain kept (the last ones)."""
MAX_MESSAGE = 2000

_HEAD = lazy(r"Traceback \(most recent call last\):?")
_IPY_HEAD = lazy(r"^(?P<cls>[A-Za-z_][\w.]{0,200}) {2,200}Traceback \(most recent call last\)")
_CHAIN = lazy(r"^(?:During handling of the above exception, another exception occurred"
                    r"|The above exception was the direct cause of the following exception):?\s*$")
_PY_FRAME = lazy(r'File "(?P<path>[^"\n]{1,500})", line (?P<line>\d{1,7})(?:, in (?P<func>[^\s(]{1,200}))?')
_IPY8_FRAME = lazy(r"^File (?P<path>[^\n,]{1,500}?):(?P<line>\d{1,7}), in (?P<func>[\w.<>]{1,200})")
_IPY8_CELL = lazy(r"^(?P<path>Cell In ?\[\d{1,6}\]), line (?P<line>\d{1,7})")
_IPY7_FRAME = lazy(r"^(?P<path><ipython-input-\d{1,6}-[0-9a-f]{1,16}>|\S[^\n]{0,500}?\.pyx?) in "
                         r"(?P<func>[\w.<>]{1,200})(?:\(|\s*$)")
_IPY_ARROW = lazy(r"^-{1,6}> ?\d{1,7} ?(?P<code>.*)$")
_IPY_CODE = lazy(r"^\d{1,7}(?: |$)")
_MARKS = lazy(r"^[\^~ ]{1,1000}$")
_EXC = lazy(r"^(?P<cls>(?:[A-Za-z_]\w{0,80}\.){0,8}[A-Za-z_]\w{0,80}"
                  r"(?:Error|Exception|Exit|Interrupt|Warning|Iteration|Failure))(?::(?P<msg>.*)|\s*$)")

_PACKAGE_ROOT = lazy(r"(?:^|/)(?:site|dist)-packages/")
_KNOWN_ROOT = lazy(r"(?:^|/)(?P<rel>(?:keras|tf_keras|tensorflow|tensorflow_serving|h5py|grpc|tensorflow_hub)/.*)$")
_STDLIB = lazy(r"(?:^|/)(?:lib/python[\d.]{1,8}|Python\d{1,3}/[Ll]ib)/(?P<rel>[\w/]{1,200}\.py)$")

LOAD_FUNCTION = lazy(r"(?:^|[_.])(?:load|deserializ|from_config|from_json|from_yaml|revive|reconstruct|"
                           r"restore|unpickl|model_from|find_class)", re.I)
"""A loader's or deserializer's function name (load_model, _load_state, functional_from_config, restore; not
overload or download)."""
LOAD_MODULE = lazy(r"saved_model\.(?:load|loader|loader_impl|load_v1_in_v2|load_context)$")
"""Modules that only load (the saving modules, serialization_lib, pickle and h5py serve both ways: their function
names tell)."""
SAVE_FUNCTION = lazy(r"(?:^|[_.])(?:save|serializ|export|dump)", re.I)
CALL_FUNCTION = lazy(r"^(?:predict\w*|__call__|call|_call\w*|serve|signature_wrapper|run|_run\w*|evaluate)$")
CALL_MODULE = lazy(r"input_spec$|function_type_utils$|^grpc\.|^tensorflow_serving\.|^requests\.|^urllib3\."
                         r"|training\.predict|engine\.training$")
USER_LOAD = lazy(r"load_model|load_predictor|saved_model\.load|\bload(?=\()|load_weights|model_from_(?:json|config|"
                       r"yaml)|from_config|hub\.(?:load|KerasLayer)|pickle\.load|joblib\.load|TFSMLayer")
USER_SAVE = lazy(r"\.save\w*\(|\.export\(|save_model\(|saved_model\.save|to_json\(|pickle\.dump")
USER_CALL = lazy(r"\.predict\w*\(|\.serve\(|signatures\[|\.call\(|\.Predict\(|requests\.post")

_MARKERS = ("File ", "Traceback", ".py in ", "ipython-input", "Cell In")
"""A text without any of these has no frame (the formats above)."""
GENERIC = frozenset({"TypeError", "KeyError", "AttributeError", "ValueError", "IndexError", "AssertionError"})
"""Exceptions whose message alone names no cause: where they were raised does."""


@dataclass(frozen=True)
class Frame:
    path: str
    line: int | None
    function: str
    library: str
    """``keras`` (Keras 2 or 3), ``tf.keras`` (tensorflow/python/keras), ``tf_keras``, ``tensorflow.saved_model``,
    ``tensorflow``, ``h5py``, another installed package's name (``ktrain``, ``grpc``), ``python`` (the standard
    library: ``pickle``, ``<frozen importlib…>``), or ``user`` (the user's own code, a notebook cell)."""
    module: str
    """Dotted, from the package root: ``keras.src.saving.serialization_lib`` (the file name for user code)."""
    code: str = ""
    """The source line the frame shows, when the paste has it."""

    @property
    def role(self) -> str | None:
        """``load`` (a loader or deserializer), ``save``, ``call`` (predict / __call__ / a serving client) or None."""
        if self.library == "user" or (self.library == "python" and self.module not in ("pickle", "marshal")):
            return None
        func = self.function
        if LOAD_FUNCTION.search(func) or LOAD_MODULE.search(self.module):
            return "load"
        if SAVE_FUNCTION.search(func):
            return "save"
        if CALL_FUNCTION.match(func) or CALL_MODULE.search(self.module):
            return "call"
        return None

    @property
    def where(self) -> str:
        """``keras/src/models/functional.py functional_from_config`` (the path from the package root)."""
        rel = self.module.replace(".", "/")
        return f"{rel}.py {self.function}" if self.library not in ("user",) else f"{self.path} {self.function}"


@dataclass
class Block:
    """One traceback of a chain: its frames, outermost first, and the exception printed under it."""

    frames: list[Frame] = field(default_factory=list)
    exception: str | None = None
    message: str = ""
    header: str | None = None
    """The exception class IPython prints above the frames (what a paste cut before the end still shows)."""

    @property
    def call(self) -> str:
        """The user's line that called into the library (``model = keras.models.load_model(path)``), when shown."""
        first = next((i for i, f in enumerate(self.frames) if f.library not in ("user", "python")), 0)
        return self.frames[first - 1].code if first > 0 else ""

    @property
    def phase(self) -> str | None:
        code = self.call  # the user's line that called into the library: load_model(…), model.predict(…), save(…)
        said = [role for role, pattern in (("load", USER_LOAD), ("save", USER_SAVE), ("call", USER_CALL))
                if code and pattern.search(code)]
        if len(said) == 1:
            return said[0]
        for f in self.frames:  # else the outermost library frame with a role: what the user asked the library to do
            role = f.role  # (load_model's rebuilding calls layers: a call under a load is still the load)
            if role is not None:
                return role
        return said[0] if said else None


@dataclass(frozen=True)
class Frames:
    """What the tracebacks of a text show: the last traceback's frames, its exception, and the phase it failed in."""

    frames: tuple[Frame, ...] = ()
    exception: str | None = None
    """The last exception's class, without its module (``TypeError``, ``InvalidArgumentError``)."""
    message: str = ""
    phase: str | None = None
    """``load`` (a loader or deserializer frame on the stack below the user's call), ``call``, ``save`` or None: the
    role of the outermost library frame that has one, else what the user's calling line shows."""
    chain: tuple[str, ...] = ()
    """The exception classes of the chain, first raised first."""
    cut: bool = False
    """Frames but no exception line after them: the paste stops inside the traceback."""
    call: str = ""
    """The user's line that called into the library, when the paste shows it."""
    reraised_as: str | None = None
    """The class the user's own code re-raised the library's exception as (the frames and exception above are the
    library's: ``raise RuntimeError("could not load") from e``)."""

    @property
    def loading(self) -> bool:
        return self.phase == "load"

    @property
    def raised_in(self) -> Frame | None:
        """The innermost frame of a library (not the user's code): where the library raised or was left."""
        return next((f for f in reversed(self.frames) if f.library not in ("user", "python")), None)

    @property
    def raised_by_user(self) -> bool:
        """The innermost frame is the user's own code called by a library (a custom layer's __init__/from_config)."""
        return bool(self.frames) and self.frames[-1].library == "user" and self.raised_in is not None

    @property
    def loader(self) -> Frame | None:
        """The outermost loader frame (the entry the user called: load_model, load, load_predictor)."""
        return next((f for f in self.frames if f.role == "load"), None)

    def facts(self) -> dict[str, Any]:
        """What deciders and readings may read: ``raised_in`` (dotted module), ``raised_in_function``,
        ``raised_in_library``, ``loading`` / ``calling``, ``exception``, ``loader``, ``stack`` (the frames' function
        names and the user's calling line, one string)."""
        out: dict[str, Any] = {}
        at = self.raised_in
        if at is not None:
            out.update(raised_in=at.module, raised_in_function=at.function, raised_in_library=at.library)
        if self.phase is not None:
            out["loading"] = self.phase == "load"
            out["calling"] = self.phase == "call"
        if self.exception:
            out["exception"] = self.exception
        if self.loader is not None:
            out["loader"] = self.loader.function
        if self.frames or self.call:
            out["stack"] = " ".join([f.function for f in self.frames] + [self.call])
        return out


def _module(path: str) -> tuple[str, str]:
    """(library, dotted module) of a frame's file."""
    p = path.replace("\\", "/")
    m = _PACKAGE_ROOT.search(p)
    rel = p[m.end():] if m else None
    if rel is None:
        k = _KNOWN_ROOT.search(p)
        rel = k.group("rel") if k else None
    if rel is None:
        s = _STDLIB.search(p)
        if s is not None:
            return "python", s.group("rel")[:-3].replace("/", ".")
        if p.startswith("<frozen"):
            return "python", p.strip("<>")
        return "user", p.rsplit("/", 1)[-1]
    module = re.sub(r"\.pyx?$", "", rel).replace("/", ".")
    if module.endswith(".__init__"):
        module = module[: -len(".__init__")]
    top = module.split(".", 1)[0]
    if module.startswith("tensorflow.python.keras.") or module.startswith("tensorflow.keras."):
        return "tf.keras", module
    if module.startswith("tensorflow.python.saved_model."):
        return "tensorflow.saved_model", module
    return top, module


def _prepare(text: str) -> list[str]:
    """The text's lines as normalize reads them before dropping frames (:func:`.normalize.unwrap`: bounded, colour
    codes, web-page tags and entities, log drivers, terminal widths, autocorrect and string escapes undone), each
    line's log prefix off."""
    return [_LOG_PREFIX.sub("", line, count=1) for line in unwrap(text).splitlines()]


def _frame(line: str) -> list[tuple[str, int | None, str]]:
    """The frames a line shows (several when a traceback was pasted as one line)."""
    stripped = line.strip()
    if not stripped:
        return []
    if 'File "' in stripped:
        return [(m.group("path"), int(m.group("line")), m.group("func") or "<module>")
                for m in _PY_FRAME.finditer(stripped)]
    for pattern in (_IPY8_FRAME, _IPY8_CELL, _IPY7_FRAME):
        m = pattern.match(stripped)
        if m is not None and (pattern is not _IPY7_FRAME or "/" in m.group("path") or m.group("path")[0] in "<~"):
            groups = m.groupdict()
            line_no = groups.get("line")
            # IPython 8 names a method by its qualified name (_SignatureMap.__getitem__); Python's traceback, which
            # the readings compare with, by the function's own (__getitem__)
            func = (groups.get("func") or "<module>").rsplit(".", 1)[-1]
            return [(groups["path"], int(line_no) if line_no else None, func)]
    return []


@lru_cache(maxsize=8)
def read_frames(text: str) -> Frames:
    """The frames of the last traceback in ``text``, its exception and the phase it failed in (see the module).
    Read once per text: explain's steps (the index's facts, the fixes, the kind and stage fallbacks) all ask, and
    :class:`Frames` is frozen."""
    if not any(k in text for k in _MARKERS):
        return Frames()
    blocks: list[Block] = [Block()]
    in_message = False
    frame_open = False  # the last line was a frame: the next indented one is its source line
    for raw in _prepare(text):
        line = raw.replace("\xa0", " ")
        stripped = line.strip()
        block = blocks[-1]
        if "Traceback (most recent call last)" in line:
            ipy = _IPY_HEAD.match(stripped)
            if block.frames or block.exception:
                blocks.append(Block())
                del blocks[:-MAX_BLOCKS]
                block = blocks[-1]
            if ipy is not None:
                block.header = ipy.group("cls")
            in_message = frame_open = False
            rest = line[_HEAD.search(line).end():]  # type: ignore[union-attr]
            if 'File "' not in rest:
                continue
            line, stripped = rest, rest.strip()
        if _CHAIN.match(stripped):
            in_message = frame_open = False
            continue
        found = _frame(line)
        if found:
            for path, no, func in found:
                library, module = _module(path)
                block.frames.append(Frame(path, no, func, library, module))
            del block.frames[:-MAX_FRAMES]
            in_message, frame_open = False, True
            if block.exception:  # frames after an exception without a header: a new traceback
                blocks.append(Block(frames=[block.frames[-1]]))
                block.frames.pop()
            continue
        if frame_open and stripped and not block.exception:
            arrow = _IPY_ARROW.match(stripped)
            if arrow is not None or (line[:1] in (" ", "\t") and not _IPY_CODE.match(stripped)):
                code = arrow.group("code") if arrow is not None else stripped
                if not _MARKS.match(code) and block.frames and not block.frames[-1].code:
                    last = block.frames[-1]
                    block.frames[-1] = Frame(last.path, last.line, last.function, last.library, last.module,
                                             code.strip())
                continue
            if _IPY_CODE.match(stripped) or _MARKS.match(stripped):
                continue
        if block.frames and not block.exception and line[:1] not in (" ", "\t"):
            exc = _EXC.match(stripped)
            if exc is not None:
                block.exception = exc.group("cls").rsplit(".", 1)[-1]
                block.message = (exc.group("msg") or "").strip()[:MAX_MESSAGE]
                in_message, frame_open = True, False
                continue
        if in_message and stripped and len(block.message) < MAX_MESSAGE:
            block.message = f"{block.message}\n{stripped}"[:MAX_MESSAGE]
    blocks = [b for b in blocks if b.frames]
    if not blocks:
        return Frames()
    last = blocks[-1]
    reraised = None
    if not _reached_library(last):
        # the last traceback is the user's own re-raise (except …: raise RuntimeError(…) from e): the exception that
        # says where it failed is the latest earlier one raised inside a library
        inner = next((b for b in reversed(blocks[:-1]) if _reached_library(b) and b.exception), None)
        if inner is not None:
            reraised, last = last.exception or last.header, inner
    exception = last.exception or last.header
    return Frames(frames=tuple(last.frames), exception=exception, message=last.message.strip(), phase=last.phase,
                  chain=tuple(b.exception or b.header or "?" for b in blocks), cut=last.exception is None,
                  call=last.call, reraised_as=reraised)


def _reached_library(block: Block) -> bool:
    return any(f.library not in ("user", "python") for f in block.frames)


# ------------------------------------------------------------------------------------------------ readings

VERSION_SCORE = 0.55
"""A generic exception raised in a deserializer: below any reading of a specific message (the catalogue's and the
index's start near 0.6 and above)."""
CUT_SCORE = 0.45
"""The paste stops inside the loader (no exception shown): weaker still."""
LOAD_FAILED_SCORE = 0.4
WARNED_SCORE = 0.7
"""A generic exception raised in a loader after the loader warned that the SavedModel lacks Keras metadata."""
WEAK = ("model_load_failed", "service_side_error")


def where(fr: Frames) -> str:
    """What was raised where: ``TypeError: … was raised in keras/src/models/functional.py functional_from_config
    while load_model rebuilt the model``, or, for a paste cut inside the traceback, where it stops."""
    at = fr.raised_in
    called = USER_LOAD.search(fr.call)  # the loader the user called (a filtered traceback may not show its frame)
    name = called.group(0) if called else fr.loader.function if fr.loader is not None else None
    verb = f"while {name} rebuilt the model" if name else "while the model was loaded"
    place = f"{at.where}" if at is not None else "the loader"
    if fr.raised_by_user:
        place += f" (in your code, {fr.frames[-1].where}, called from there)"
    if fr.cut:
        what = fr.exception or "the exception"
        return f"The traceback stops in {place} {verb} ({what} itself is cut off the paste)"
    first = fr.message.splitlines()[0][:200] if fr.message else ""
    again = f" (your code re-raised it as {fr.reraised_as})" if fr.reraised_as else ""
    return f"{fr.exception}{': ' + first if first else ''} was raised in {place} {verb}{again}"


DECIDED = 0.93
"""A reading a decider chose from the text's own numbers and names (explain.DECIDED_SCORE) is left alone."""


_PYTHON_OWN = lazy(
    r"unexpected keyword argument|got an? \w* ?keyword argument|has no attribute|required positional argument"
    r"|takes \d+ positional arguments? but|object is not (?:callable|subscriptable|iterable)|index out of range"
    r"|values to unpack|unknown opcode|cannot import name|No module named")
"""CPython's own wordings (Objects/*.c, Python/ceval.c, importlib): they name a Python object, never a cause."""


def python_own(fr: Frames) -> bool:
    """The exception's message is one CPython writes (a ``KeyError`` is only its key): by itself it names no cause,
    unlike a library's own message (TFLite's ``Op builtin_code out of range … old TFLite binary``)."""
    return fr.exception == "KeyError" or bool(_PYTHON_OWN.search(fr.message.splitlines()[0] if fr.message else ""))


def outside_loading(fr: Frames) -> bool:
    """The whole traceback is shown (an exception line under it) and a generic exception was raised outside any
    loader: by the user's own code (no library frame at all) or on the predict / call path."""
    if fr.cut or fr.exception not in GENERIC or not fr.frames:
        return False
    return fr.phase == "call" or (fr.phase is None and fr.raised_in is None)


def frame_readings(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """Where it was raised (:func:`loading_readings`), which loader was given the path (:func:`loader_readings`),
    whether a reshape failed reading a weights file (:func:`weights_readings`), then the names the exception carries
    (:func:`name_readings`)."""
    loading_readings(diagnoses, fr, catalogue, upstream)
    loader_readings(diagnoses, fr)
    weights_readings(diagnoses, fr, catalogue, upstream)
    name_readings(diagnoses, fr, catalogue, upstream)
    converter_readings(diagnoses, fr, catalogue, upstream)
    signature_map_reading(diagnoses, fr, catalogue, upstream)
    model_registry_reading(diagnoses, fr, catalogue, upstream)
    batched_results_reading(diagnoses, fr, catalogue, upstream)
    shape_unpack_reading(diagnoses, fr, catalogue, upstream)
    cardinality_reading(diagnoses, fr, catalogue, upstream)


_REGISTRY_LOOKUP = lazy(r"\b_{0,2}(?:models?|MODELS?|model_registry|registry|REGISTRY|servables|SERVABLES|loaded_models|"
                        r"LOADED_MODELS)\s*\[\s*(?:model_?)?name\s*\]")
"""A model server's own code looking a model up by the request's name (``model = MODELS[name]``)."""


def model_registry_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """A ``KeyError`` raised where a server's own code looks the requested model up by name (:data:`_REGISTRY_LOOKUP`
    in the failing frame's line): the request names a model that server does not serve (2 of 2 labelled texts,
    Flask / FastAPI servers: model_not_found)."""
    last = fr.frames[-1] if fr.frames else None
    if fr.exception != "KeyError" or last is None or not _REGISTRY_LOOKUP.search(last.code or ""):
        return
    name = keyerror_key(fr)
    _decided(diagnoses, catalogue, "model_not_found", {**fr.facts(), **({"model": name} if name else {})}, upstream,
             cause=(f"The server's own code looks the requested model up by name ({last.code.strip()}) and has no "
                    f"model {name!r}: the request's URL or body names a model this server does not serve."),
             step=(f"Use a model name the server registered (its models dict / config lists them) in the request's "
                   f"URL or body instead of {name!r}, or register the model under that name where the server loads "
                   "it"))


BATCH_CHECKS = {("ray.serve.batching", "_validate_results")}
"""A batching wrapper's check of what the batched function returned (Ray Serve's ``@serve.batch``: ``if
len(results) != input_batch_length``): a result without ``len()`` there is one value for the whole batch."""
_NO_LEN = lazy(r"^object of type '[\w.]{1,80}' has no len\(\)")


def batched_results_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """A ``TypeError: object of type 'numpy.int64' has no len()`` raised where a batching wrapper counts the batched
    function's results (:data:`BATCH_CHECKS`): the function returned one value (an argmax or mean over the whole
    batch, a scalar) instead of one result per request -- the output lacks its batch axis (output_batch_dimension)."""
    at = fr.raised_in
    if fr.exception != "TypeError" or at is None or (at.module, at.function) not in BATCH_CHECKS:
        return
    if not _NO_LEN.search(fr.message.strip()):
        return
    _decided(diagnoses, catalogue, "output_batch_dimension", fr.facts(), upstream,
             cause=("The batched method returned one value for the whole batch (it has no len()), where the batching "
                    "wrapper needs one result per request it was given: the output lost its batch axis (a reduction "
                    "over the batch, or the first row only)."),
             step=("Return a list (or array) with one entry per input of the batch, in order: "
                   "preds.argmax(axis=-1).tolist() over the batch's rows, not preds.argmax() or preds[0]"))


_UNPACK_2_GOT_1 = lazy(r"^not enough values to unpack \(expected 2, got 1\)")
_SHAPE_UNPACK = lazy(r"^\s*(?P<n>\w{1,40}), ?(?P<d>\w{1,40}) = (?P<array>[\w.]{1,80})\.shape\s*$")


def shape_unpack_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """``ValueError: not enough values to unpack (expected 2, got 1)`` raised on a line that unpacks an array's shape
    in two (``n, d = x.shape``: faiss' index.search / add, a library taking a batch of vectors): the array has one axis,
    one vector without its batch axis (missing_batch_dimension)."""
    last = fr.frames[-1] if fr.frames else None
    m = _SHAPE_UNPACK.match(last.code or "") if last is not None and fr.exception == "ValueError" else None
    if m is None or not _UNPACK_2_GOT_1.search(fr.message.strip()):
        return
    where = f" ({last.function} in {last.module})" if last.library != "user" else ""
    _decided(diagnoses, catalogue, "missing_batch_dimension", fr.facts(), upstream,
             cause=(f"The code{where} unpacks the array's shape as ({m['n']}, {m['d']}) -- a batch of {m['n']} "
                    f"vectors of {m['d']} values -- and was given one vector with a single axis: the batch axis is "
                    "missing."),
             step=("Give it a 2-D array of one row: x[None, :] or x.reshape(1, -1) (np.float32), or stack the vectors "
                   "into one (n, d) array"))


CARDINALITY = lazy(r"^(?:keras\.src\.trainers\.data_adapters\.data_adapter_utils|(?:tf_)?keras(?:\.src)?\.engine\."
                   r"data_adapter)$")
"""Where Keras checks that the arrays given together hold one number of examples (``check_data_cardinality``: Keras 3's
data_adapter_utils, Keras 2's and tf_keras' engine/data_adapter -- the same loop in both)."""


def cardinality_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """An ``AttributeError: 'str' object has no attribute 'shape'`` raised in Keras' ``check_data_cardinality``:
    it found arrays of different lengths and failed while writing its own 'Data cardinality is ambiguous' message
    (it zips ('x', 'y', 'sample_weight') with the data, and a dict of inputs gives its keys): the inputs given
    together hold different numbers of examples."""
    at = fr.raised_in
    if fr.exception != "AttributeError" or at is None or not CARDINALITY.match(at.module) or "shape" not in fr.message:
        return
    _decided(diagnoses, catalogue, "batch_size_mismatch_between_inputs", fr.facts(), upstream,
             cause=("Keras found that the inputs given together hold different numbers of examples (its "
                    "check_data_cardinality), then failed while writing that message: a dict of inputs reaches it "
                    "as keys, which have no shape."),
             step=("Give every input the same number of rows on axis 0 ({k: v.shape for k, v in inputs.items()} "
                   "shows them): repeat a row that all examples share (np.repeat(x, n, axis=0)), or split the call "
                   "so each holds one set of examples"))


SIGNATURE_MAP = "tensorflow.python.saved_model.signature_serialization"
"""Where a loaded SavedModel's ``signatures`` map lives (``_SignatureMap.__getitem__``: ``return
self._signatures[key]``, so a name it lacks is a bare ``KeyError: 'NAME'``)."""


def signature_map_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """A ``KeyError`` raised by the signatures map's ``__getitem__`` (:data:`SIGNATURE_MAP`): the code asked the
    loaded SavedModel for a signature it does not have (``loaded.signatures["serving"]``); the key is the name."""
    at = fr.raised_in
    if fr.exception != "KeyError" or at is None or at.module != SIGNATURE_MAP or at.function != "__getitem__":
        return
    key = keyerror_key(fr)
    _decided(diagnoses, catalogue, "signature_not_found", {**fr.facts(), **({"signature": key} if key else {})},
             upstream)


def keyerror_key(fr: Frames) -> str:
    """The key a ``KeyError`` names: its message's first line without its quotes."""
    return fr.message.strip().splitlines()[0].strip("'\"") if fr.message.strip() else ""


def _decided(diagnoses: "list[Diagnosis]", catalogue: "Catalogue", category: str, evidence: dict[str, Any],
             upstream: str, cause: str | None = None, step: str | None = None) -> "tuple[Diagnosis, bool]":
    """The reading of ``category`` a frame decided: the one already read, or one made from ``evidence`` (and added),
    raised to the decided score; and whether it was made here (its wording is then the frame reading's to write:
    ``cause`` and a first ``step`` when given)."""
    from .diagnosis import make_diagnosis

    have = next((d for d in diagnoses if d.category == category), None)
    made = have is None
    if made:
        have = make_diagnosis(catalogue[category], evidence, DECIDED, upstream=upstream)
        diagnoses.append(have)
        if cause is not None:
            have.cause = cause
        if step is not None:
            have.steps.insert(0, step)
    have.confidence = max(have.confidence, DECIDED)
    diagnoses.sort(key=lambda x: -x.confidence)
    return have, made


PATH_ERRORS = frozenset({"OSError", "IOError", "FileNotFoundError", "NotFoundError"})
"""What the SavedModel and file loaders raise when the path holds no model they can read (loader_impl's IOError,
h5py's OSError, tf.io's NotFoundError)."""


def cut_path_reading(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """The paste stops inside a loader and its header says OSError / NotFoundError: the loader found no model it
    could read at the path.  Under tensorflow_hub it is the module's download cache (resolver.tfhub_cache_dir:
    $TFHUB_CACHE_DIR, else <temp>/tfhub_modules) holding an empty or partial folder from an interrupted download."""
    from .diagnosis import make_diagnosis

    hub = any(f.library == "tensorflow_hub" for f in fr.frames)
    d = make_diagnosis(catalogue["savedmodel_not_found"], {**fr.facts(), "raised_where": fr.raised_in.where},
                       CUT_SCORE + 0.1, upstream=upstream)
    at = fr.raised_in.where if fr.raised_in is not None else "the loader"
    if hub:
        d.cause = (f"The traceback stops in {at} with an {fr.exception}: TF Hub found no readable SavedModel in "
                   "its download cache for this handle (an earlier download left the folder empty or partial).")
        d.steps.insert(0, "Delete the handle's folder in the TF Hub cache ($TFHUB_CACHE_DIR, else the system temp "
                          "folder's tfhub_modules, e.g. %TEMP%\\tfhub_modules on Windows) and load again, or set "
                          "TFHUB_CACHE_DIR to a folder you keep; the full error names the folder it read")
    else:
        d.cause = (f"The traceback stops in {at} with an {fr.exception} (its message is cut off the paste): the "
                   "loader found no model it could read at the path it was given.")
        d.steps.insert(0, "Check the path the loader was given exists where the program runs and holds the model "
                          "(a SavedModel folder with saved_model.pb, or the model file); the full error message "
                          "names the path")
    diagnoses.append(d)
    diagnoses.sort(key=lambda x: -x.confidence)


def _entry_names_attribute(d: "Diagnosis", fr: Frames) -> bool:
    """The index entry read names the very attribute the ``'X' object has no attribute 'name'`` names (its source
    lists which release's class has it: ``'Interpreter' object has no attribute 'get_signature_runner'``): a fact
    about versions, not CPython's bare wording, wherever it was raised."""
    m = _OBJECT_ATTR.search(fr.message.splitlines()[0] if fr.message else "")
    return bool(m and d.message_source and re.search(rf"\b{re.escape(m.group('name'))}\b", d.message_source))


def loading_readings(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """When nothing but a weak reading was found, and the text's last exception is a generic one (or the paste stops
    inside the loader) raised while a saved model was being rebuilt, add ``runtime_version_mismatch`` (the saved
    config or graph does not fit the loading library) and ``model_load_failed`` (a custom object the loader lacks,
    or a damaged file)."""
    if outside_loading(fr):
        # the message alone (KeyError: 'class_name', an unexpected keyword argument) reads as a config another
        # version wrote; the frames show it raised in the user's own code or while the model predicts: it is not
        # a library's own message that says so (an index entry's) stays, wherever it was raised
        own = python_own(fr)
        diagnoses[:] = [d for d in diagnoses if d.category != "runtime_version_mismatch" or d.confidence >= DECIDED
                        or (d.message_source is not None and (not own or _entry_names_attribute(d, fr)))]
        return
    if not fr.loading or fr.raised_in is None:
        return
    if any(d.category not in WEAK for d in diagnoses):
        return
    generic = fr.exception in GENERIC
    if fr.exception in PATH_ERRORS and (fr.cut or not fr.message) and "savedmodel_not_found" in catalogue:
        cut_path_reading(diagnoses, fr, catalogue, upstream)
        return
    if not generic and not (fr.cut and fr.exception in (None, *GENERIC)):
        return
    from .diagnosis import make_diagnosis

    facts = {**fr.facts(), "raised_where": fr.raised_in.where}
    place = where(fr)
    new: list[Diagnosis] = []
    if "runtime_version_mismatch" in catalogue and not fr.raised_by_user:
        d = make_diagnosis(catalogue["runtime_version_mismatch"], facts,
                           VERSION_SCORE if not fr.cut else CUT_SCORE, upstream=upstream)
        d.cause = (f"{place}: the saved model's config or graph does not fit the Keras / TensorFlow "
                   "loading it, so it was most likely written by another Keras / TensorFlow version (or it uses a "
                   "custom object this loader lacks).")
        d.steps.insert(0, "Load the model with the Keras / TensorFlow version that saved it (pip install the same "
                          "tensorflow / keras / tf_keras version), or load it there once and re-save it as .keras "
                          "(model.save('model.keras')) or as a SavedModel (model.export(path)) for the version "
                          "that serves it")
        if _WITHOUT_KERAS_METADATA.search(upstream):  # the loader's own warning before the exception says which
            d.confidence = WARNED_SCORE
            d.cause = (f"{place}. The loader warned that the SavedModel has no keras_metadata.pb (written with "
                       "tf.saved_model.save, or by TensorFlow < 2.5): Keras rebuilds it from what an older "
                       "TensorFlow saved, which does not fit the Keras loading it.")
            d.steps.insert(0, "Call the SavedModel without rebuilding it as a Keras model: m = tf.saved_model.load("
                              "path); m.signatures['serving_default'](...) (or keras.layers.TFSMLayer); for a Keras "
                              "model, load it with the TensorFlow that wrote it and save it there with model.save()")
        new.append(d)
    if "model_load_failed" in catalogue and not any(d.category == "model_load_failed" for d in diagnoses):
        score = LOAD_FAILED_SCORE if not fr.raised_by_user else VERSION_SCORE
        d = make_diagnosis(catalogue["model_load_failed"], facts, score, upstream=upstream)
        d.cause = (f"{place}: a custom layer, loss or function the loader rebuilds does not take the "
                   "saved config (pass it in custom_objects, the same code that saved it), or the file is damaged.")
        d.steps.insert(0, "Load with the same custom objects the model was saved with (custom_objects={...} or "
                          "@keras.saving.register_keras_serializable on the class) and check the file is complete "
                          "(its size against the original)")
        new.append(d)
    diagnoses.extend(new)
    diagnoses.sort(key=lambda d: -d.confidence)


# ------------------------------------------------------------------------------------------------ names

_NO_MODULE = lazy(r"No module named '?(?P<mod>[A-Za-z_][\w.]{1,200})'?")
_PARENT_MODULE = lazy(r"because its parent module (?P<mod>[A-Za-z_][\w.]{1,200}?)\.? cannot be imported")
_CANNOT_IMPORT = lazy(r"cannot import name '?(?P<name>\w{1,120})'? from '?(?P<mod>[A-Za-z_][\w.]{1,200})'?")
_CANNOT_IMPORT_BARE = lazy(r"cannot import name '?(?P<name>\w{1,120})'?(?! from)(?:$|[\s|,.;])")


def _import_line(name: str, text: str) -> str | None:
    """The module of the last ``from M import … name …`` line of the traceback (Python 2 and 3.6's ImportError
    names only what it could not import)."""
    found = None
    for m in re.finditer(r"from ([A-Za-z_][\w.]{1,200}) import ([^\n|]{1,300})", text):
        if re.search(rf"\b{re.escape(name)}\b", m.group(2)):
            found = m.group(1)
    return found


_KWARG = lazy(r"got an? (?:un)?expected keyword argument '?(?P<kw>\w{1,80})", re.I)
_CALLEE = lazy(r"(?P<callee>[\w.]{1,120})\(\) $")
"""The function Python names before ``got an unexpected …`` (read backwards from the literal: linear on long texts)."""
NAME_CHARS = 20_000
"""Name readings look at the last this-many characters (the innermost exception is printed last)."""
_MODULE_ATTR = lazy(r"module '(?P<mod>[A-Za-z_][\w.]{1,200})' has no attribute '(?P<name>\w{1,120})'")
_OBJECT_ATTR = lazy(r"'(?P<cls>\w{1,120})' object has no attribute '(?P<name>\w{1,120})'")
_OPCODE = lazy(r"unknown opcode")
_LOCATE = lazy(r"Could not locate (?:function|class) '(?P<name>\w{1,80})'|"
                     r"Unknown (?:loss|metric|activation)(?: function)?:? '?(?P<name2>\w{1,80})")
_WITHOUT_KERAS_METADATA = lazy(r"saved prior to TF 2\.5|lacks the Keras metadata|keras_metadata\.pb|"
                                     r"exported with `?tf\.saved_model\.save`?", re.I)
_NAME_KEYS = ("No module named", "cannot import name", "cannot be imported", "keyword argument", "has no attribute", "unknown opcode",
              "Could not locate", "Unknown loss", "Unknown metric", "Unknown activation", "invalid load key",
              "Ran out of input", "pickle data was truncated", "EOF: reading ", "Trying to unpickle estimator", "Is a directory")
_ROOTS = ("keras", "tf_keras", "tensorflow")
_PICKLERS = lazy(r"^(?:pickle|_pickle|joblib|dill|cloudpickle|copyreg)(?:\.|$)")
_USER_PICKLE = lazy(r"\b(?:pickle|joblib|dill|cloudpickle)\.loads?\(|\.pkl\b|\.joblib\b|\bcloudpickle\b|"
                          r"mlflow\.pyfunc", re.I)
_IMPORT_LINE = lazy(r"^\s*(?:from\s+[\w.]+\s+)?import\s")
NAME_SCORE = 0.84
"""A name that exists only in some Keras / TensorFlow versions (from the sources): above the catalogue's generic
readings of the same words (an unexpected keyword argument read as a request's input name: 0.5)."""
BUILTIN_SCORE = 0.94
"""A built-in Keras loss / metric the loader could not resolve: above the index's custom-object reading of the same
message (its decider says 'not a built-in' from a class-name list, 0.93)."""
WEAK_NAME_SCORE = 0.66
"""A Keras / TensorFlow module or name the running version lacks, that no version read here is known to have."""


@dataclass(frozen=True)
class NameReading:
    category: str
    score: float
    cause: str
    step: str
    evidence: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    """Its own title and check, when the category's wording is about another case (gcloud's local predict)."""
    verify: str | None = None


_PACKAGES = {"tensorflow": "tensorflow", "keras": "keras", "tf_keras": "tf_keras"}
"""The top-level packages a Keras / TensorFlow model needs, by the name Python imports (and pip installs)."""


def _package_missing(mod: str) -> NameReading:
    """``No module named 'tensorflow'``: the Python that runs the code has no TensorFlow at all -- another interpreter
    or virtualenv than the one it was installed into (a tool embedding Python picks its own)."""
    return NameReading(
        "local_env_python_mismatch", NAME_SCORE,
        f"The Python that runs this has no {mod} installed at all: the code, or the tool that runs Python for it "
        "(gcloud's local predict, Keras.NET / pythonnet, R's reticulate, a notebook kernel, an IDE), uses another "
        f"interpreter or virtualenv than the one {mod} was installed into.",
        f"Point it at the Python that has {mod} (activate that virtualenv; CLOUDSDK_PYTHON for gcloud; "
        "reticulate::use_python() / use_virtualenv() in R; PYTHONNET_PYDLL or Runtime.PythonDLL for Keras.NET / "
        f"pythonnet), or install it into the Python in use: python -m pip install {_PACKAGES[mod]}",
        {"module": mod}, title=f"The Python in use has no {mod} installed",
        verify=f"python -c 'import {mod}; print({mod}.__version__)'   (with the same Python the failing code runs)")


def _keras2_missing(who: str) -> NameReading:
    """``No module named 'tf_keras'``: tf_keras is Keras 2 as a package of its own, which TensorFlow >= 2.16 (whose
    ``keras`` is Keras 3) does not install; what asks for it -- a pickle, a saved model, transformers' or
    TensorFlow Hub's code -- was written for Keras 2: a Keras version crossing, not another interpreter (2 of 2
    provoker labels: runtime_version_mismatch)."""
    what = {"pickle": "The pickled object was written with tf_keras (Keras 2)",
            "config": "The saved model was written with tf_keras (Keras 2)"}.get(
        who, "The code (or a library it imports: transformers' TensorFlow models, tensorflow_hub) needs tf_keras "
             "(Keras 2)")
    return NameReading(
        "runtime_version_mismatch", NAME_SCORE,
        f"{what}, and this environment has no tf_keras: TensorFlow 2.16 and later install Keras 3 as keras, and Keras "
        "2 only as the separate tf_keras package.",
        "pip install tf-keras matching the TensorFlow minor version (tf-keras 2.16 for TensorFlow 2.16, and so on; "
        "TF_USE_LEGACY_KERAS=1 makes tf.keras use it), or load it where it was written and save it again with Keras "
        "3 (model.save('model.keras') / model.export(dir))", {"module": "tf_keras"},
        verify="python -c 'import tf_keras, tensorflow as tf; print(tf_keras.__version__, tf.__version__)'")


def _who(fr: Frames, text: str) -> str:
    """``pickle`` (unpickling a saved object), ``config`` (a Keras/TF loader rebuilding a saved model), ``code``
    (an import or call in the code itself)."""
    if any(_PICKLERS.match(f.module) or _USER_PICKLE.search(f.code) for f in fr.frames) or (
            not fr.frames and _USER_PICKLE.search(text)):
        return "pickle"
    if fr.loading and fr.raised_in is not None and not _IMPORT_LINE.match(fr.frames[-1].code or ""):
        return "config"
    if not fr.frames and not re.search(r"\bimport\b", text):
        return "either"  # the exception line alone: the code's import, or a pickled object's class path
    return "code"


def _versions(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _module_reading(mod: str, fr: Frames, text: str, *, name: str | None = None,
                    who: str | None = None) -> NameReading | None:
    from .versions import keras_module

    if mod.split(".", 1)[0] not in _ROOTS:
        return None
    if mod == "tf_keras" and name is None:
        return _keras2_missing(_who(fr, text))
    if mod in _PACKAGES and name is None:
        return _package_missing(mod)
    found = keras_module(mod)
    who = who or _who(fr, text)
    what = f"'{name}' from {mod}" if name else mod
    subject = {"pickle": f"The pickled object names {what}", "config": f"The saved model's config names {what}",
               "code": f"The code imports {what}",
               "either": f"The code, or a pickled object it loads, names {what}"}[who]
    if name is not None:
        has = (f"; the module itself exists in {_versions(found.labels)}" if found.known else "")
        cause = (f"{subject}, which the {mod.split('.', 1)[0]} running here does not have{has}: it was written for "
                 "another Keras / TensorFlow version than the one installed.")
    elif found.known:
        cause = (f"{subject}, a module only {_versions(found.labels)} {'has' if len(found.labels) == 1 else 'have'}: "
                 "it was written for that version, and the Keras / TensorFlow running here is another one.")
    elif mod.startswith("tensorflow"):
        cause = (f"{subject}, a module the installed TensorFlow does not have: it was written for another TensorFlow "
                 "version (tensorflow.contrib, for one, is TensorFlow 1's only).")
    else:
        cause = (f"{subject}, a module the installed version does not have (nor any Keras 2.3-3.x read here): it was "
                 "written for another Keras / TensorFlow version, or the module path is private to one.")
    private = mod.startswith("tensorflow.python.")
    if private:  # TensorFlow's own internals: which version has them says little, the path being private
        cause = (f"{subject}, a private TensorFlow module path (tensorflow.python.…) that the installed TensorFlow "
                 f"does not have{' there' if name else ''}: it was written for another TensorFlow / Keras version.")
    target = (found.labels[0].split(" (")[0] if found.known and name is None and not private else
              "the version it was written for")
    if who == "pickle":
        step = (f"Unpickle it where {target} is installed (pip install the Keras / TensorFlow that pickled it), then "
                "save it there with model.save('model.keras') or model.export(dir), formats that store no module "
                "paths, and load that file here; or pin the same versions where it is loaded")
    elif who == "config":
        step = (f"Load the model with the Keras / TensorFlow that saved it ({target}), or load it there once and "
                "re-save it as .keras (model.save('model.keras')) or as a SavedModel (model.export(dir)) for the "
                "version that serves it")
    elif who == "either" and name is None and mod.split(".", 1)[0] in ("keras", "tf_keras") and found.known:
        step = (f"If it comes from unpickling a model (pickle / joblib.load), load that pickle where {target} is "
                "installed and save the model there with model.save('model.keras') or model.export(dir), which store "
                f"no module paths; if your code imports {mod}, run it with {target} or import from the installed "
                "Keras's public API (import keras; keras.layers / keras.models), not a private path")
    elif mod.startswith("tensorflow") and not private and not found.known and name is None:
        step = ("Run the code with the TensorFlow version it was written for, or port it to the installed "
                "TensorFlow's API (tf.contrib's parts moved into TensorFlow 2, TensorFlow Addons or tf.compat.v1; "
                "the TF 2 migration guide lists where)")
    elif found.known and found.keras3 and not found.keras2:
        step = ("Run the code with Keras 3 (pip install -U keras, TensorFlow >= 2.16), or rewrite the import for the "
                "installed Keras 2's public paths (from tensorflow import keras)")
    else:
        step = (f"Run the code with the Keras / TensorFlow it was written for ({target}; for Keras 2 on TensorFlow "
                ">= 2.16: pip install tf_keras and set TF_USE_LEGACY_KERAS=1), or change the import to the installed "
                "version's public API (import keras, or from tensorflow import keras; keras.layers / keras.models / "
                "keras.utils), not a private path such as keras.src, keras.engine or tensorflow.python")
    sure = found.known and name is None and not private
    return NameReading("runtime_version_mismatch", NAME_SCORE if sure else WEAK_NAME_SCORE, cause, step,
                       {"module": mod})


def _kwarg_reading(kw: str, callee: str | None, fr: Frames, text: str) -> NameReading | None:
    from .versions import keras1_argument, layer_argument, tf1_argument

    from .causes import KERAS_KEYS

    if fr.frames and not fr.cut and (fr.raised_in is None or fr.phase == "call"):
        return None  # the whole traceback shows the user's own function (or predict's) refusing its own argument
    at = f"{callee}()" if callee else "the call"
    kerasy = fr.loading or re.search(r"keras|layer", text, re.I) is not None or bool(
        callee and re.match(r"[A-Z]\w*\.__init__$", callee))  # (Python 3.10+ names the class: LSTM.__init__)
    keras = layer_argument(kw) if kerasy else None
    renamed = keras1_argument(kw) if kerasy or callee in ("fit", "fit_generator", "Model.fit") else None
    if renamed is not None and keras is None:
        return NameReading(
            "runtime_version_mismatch", NAME_SCORE,
            f"{at} does not take '{kw}', Keras 1's name for what Keras 2 and later call '{renamed}': the code or "
            "the saved config was written for Keras 1.",
            f"Use '{renamed}' instead of '{kw}' (and Keras 2's other names: the Keras 2 release notes list them), or "
            "run the code with the Keras 1 version it was written for (pip install 'keras<2') and save the model "
            "there for the Keras that serves it", {"kwarg": kw})
    if kw in KERAS_KEYS and keras is None:
        keras = [KERAS_KEYS[kw][0].split(",")[0]]
    if keras is not None:
        who = _who(fr, text)
        source = "the saved model's config" if who in ("config", "pickle") or fr.loading or not fr.frames else "the code"
        return NameReading(
            "runtime_version_mismatch", NAME_SCORE,
            f"{at} does not take '{kw}', a layer argument only {_versions(keras)} "
            f"{'has' if len(keras) == 1 else 'have'}: {source} was written by another Keras version than the one "
            "loading it.",
            "Load the model with the Keras / TensorFlow version that saved it (pip install the same tensorflow / keras "
            "/ tf_keras), or load it there once and re-save it as .keras or as a SavedModel (model.export(path)) for "
            "the version that serves it", {"kwarg": kw})
    new = tf1_argument(kw)
    if new is not None:
        lib = fr.raised_in.module.split(".", 1)[0] if fr.raised_in is not None else None
        by = (f" ({lib}'s code calls it)" if lib and lib not in ("tensorflow", "keras") else "")
        rename = f" (TensorFlow 2 calls it {new})" if new else ""
        return NameReading(
            "runtime_version_mismatch", NAME_SCORE,
            f"'{kw}' is an argument only TensorFlow 1's API takes{rename}: code written for TensorFlow 1{by} runs on "
            "TensorFlow 2.",
            (f"Use the version of {lib} (or of the model's code and files) made for TensorFlow 2, or run it with "
             "TensorFlow 1.x" if by else "Run the code with TensorFlow 1.x, or port it to TensorFlow 2") +
            (f": pass {new}= instead of {kw}=" if new else "") + " (tf.compat.v1 keeps TensorFlow 1's functions)",
            {"kwarg": kw})
    return None


def _attribute_reading(mod: str, name: str) -> NameReading | None:
    from .versions import tf1_only

    root = mod.split(".", 1)[0]
    if root not in _ROOTS:
        return None
    sub = re.sub(r"^tensorflow(?:\._api\.v2)?(?:\.compat\.v[12])?\.?", "", mod)
    if root != "tensorflow" or not tf1_only(sub, name):
        return NameReading(
            "runtime_version_mismatch", WEAK_NAME_SCORE,
            f"The installed {mod} has no {name}: the code (or a library it uses, or the saved model's own code) was "
            f"written for another {'TensorFlow' if root == 'tensorflow' else 'Keras'} version, which had it there.",
            f"Run it with the TensorFlow / Keras versions it was written for (its requirements; for tf.keras 2 code "
            "on TensorFlow >= 2.16: pip install tf_keras and set TF_USE_LEGACY_KERAS=1), or use the installed "
            f"version's public API in place of {mod}.{name}", {"name": f"{mod}.{name}"})
    api = f"tf.{sub + '.' if sub else ''}{name}"
    return NameReading(
        "runtime_version_mismatch", NAME_SCORE,
        f"{api} exists only in TensorFlow 1's API (tf.compat.v1.{sub + '.' if sub else ''}{name} in TensorFlow 2): "
        "code written for TensorFlow 1 runs on TensorFlow 2.",
        f"Use tf.compat.v1.{sub + '.' if sub else ''}{name} (with tf.compat.v1.disable_eager_execution() for graph "
        "code such as placeholders and sessions), or run the code with TensorFlow 1.x; to serve the model, export it "
        "once as a SavedModel from there", {"name": api})


def _bytecode_reading(fr: Frames, text: str) -> NameReading:
    """CPython raises ``SystemError: unknown opcode`` running bytecode another Python version compiled: in a model,
    the function of a Keras Lambda layer, which Keras saves as marshalled bytecode."""
    lam = any(f.function == "<lambda>" or "Lambda" in f.code or "func_load" in f.function for f in fr.frames) or \
        re.search(r"\bLambda\b|lambda", text) is not None
    what = ("a Keras Lambda layer's function, which Keras saved as bytecode" if lam else
            "bytecode (a Keras Lambda layer's function, or another marshalled function)")
    return NameReading(
        "runtime_version_mismatch", NAME_SCORE,
        f"Python cannot run {what} compiled by another Python version (unknown opcode): a model with a Lambda layer "
        "loads only under the Python (and Keras) version that saved it.",
        "Load the model under the Python / Keras / TensorFlow versions that saved it; or rebuild the architecture in "
        "code (the Lambda's function as Python source) and load only the weights (model.load_weights(path))")


FIRST_BYTES = {
    "v": ("a Git LFS pointer (a text file starting 'version https://git-lfs…'), not the model: the repository was "
          "cloned without git lfs", "Fetch the real file: git lfs install && git lfs pull (or download it from the "
          "release / model page), then check its size against the original"),
    "<": ("an HTML or XML page (a failed or redirected download: a sign-in or 'confirm download' page, an error "
          "page), not the model", "Download the file itself (curl -L, the direct download link, gdown for Google "
          "Drive) and check that it does not start with '<' (head -c 64 FILE)"),
    "{": ("JSON text (a config or an error body), not a pickle", "Give the loader the pickled model file itself: the "
          "path points at a JSON file (load JSON configs with json.load / model_from_json)"),
    "P": ("a ZIP archive ('PK': a .keras model, a torch.save file or an .npz) or a PNG image, not a pickle", "Load "
          "it with the library that wrote it: keras.models.load_model for a .keras file, torch.load for a PyTorch "
          "file, np.load for .npz"),
    "H": ("an HDF5 file (a Keras .h5 model: it starts with \\x89HDF, and pickle reads the \\x89 as an opcode before "
          "it stops at the H), not a pickle", "Load an .h5 model with keras.models.load_model(path), not pickle / "
          "joblib"),
    "\\x1f": ("a gzip archive, not a pickle", "Decompress it first (gzip.open(path, 'rb') for a gzipped pickle, or "
                "tar -xzf for an archive), then load what it holds"),
}
"""The first byte of a file pickle refused (``invalid load key, 'v'``: CPython's _pickle.c names the byte it could not
read as an opcode), as file formats begin."""
_LOAD_KEY = lazy(r"invalid load key, '(?P<key>\\x[0-9a-fA-F]{2}|[^'\\])'")
_RAN_OUT = lazy(r"(?:EOFError|UnpicklingError)[:']{0,2} ?(?:Ran out of input|pickle data was truncated)|"
               r"EOF: reading [\w ]{1,40}, expected \d{1,15} bytes got \d{1,15}")
"""The end of a pickle reached before its object: pickle's own words, and joblib's for the arrays it stores after
it (numpy_pickle_utils._read_bytes: ``EOF: reading array data, expected 21349 bytes got 17584``)."""


def _pickle_file_reading(m: "re.Match[str]") -> NameReading | None:
    key = m.group("key")
    known = FIRST_BYTES.get(key)
    if known is None:
        return None
    what, step = known
    return NameReading(
        "savedmodel_not_found", NAME_SCORE,
        f"The file given to pickle / joblib starts with {key!r}: it is {what}.", step, {"first_byte": key})


def _truncated_pickle(fr: Frames) -> NameReading:
    return NameReading(
        "model_load_failed", NAME_SCORE,
        "Unpickling reached the end of the file before the object did: the file is empty or cut short (an "
        "interrupted copy or download, or a pickle.dump whose file was never closed / flushed).",
        "Check the file's size against the original (ls -l), then copy or download it again; if the program that "
        "wrote it is yours, write it inside `with open(path, 'wb') as f: pickle.dump(obj, f)` so it is flushed")


_IS_A_DIRECTORY = lazy(r"IsADirectoryError: \[Errno 21\] Is a directory: '(?P<path>[^']{1,300})'")


def _directory_reading(path: str, fr: Frames) -> NameReading:
    """A file loader (open, pickle, h5py, load_weights) was given a directory: most often the SavedModel folder."""
    return NameReading(
        "savedmodel_not_found", NAME_SCORE,
        f"{path} is a directory, and the loader reads a file: a SavedModel folder (saved_model.pb with variables/) "
        "given to a loader of model files (pickle, an .h5 / .keras loader, load_weights), or the folder that holds "
        "the model file.",
        f"If {path} holds saved_model.pb, load it as a SavedModel: tf.saved_model.load('{path}') (call its "
        f"signatures) or keras.layers.TFSMLayer('{path}', call_endpoint='serving_default') in Keras 3; otherwise "
        "give the loader the model file inside it", {"path": path})


def _saved_config_reading(cls: str, name: str, fr: Frames) -> NameReading | None:
    """A config object (N2VConfig, a model's XConfig) lacking a field the code reads: restored from a model's saved
    config (JSON, pickle) that another version of its library wrote, before the field existed."""
    if fr.frames and not fr.cut and fr.raised_in is None and fr.phase is None and not fr.loading:
        return None  # the whole traceback is the user's own code: their own config class
    return NameReading(
        "runtime_version_mismatch", WEAK_NAME_SCORE,
        f"The {cls} restored from the model's saved files has no '{name}', which the loading code reads: the model "
        f"was saved by another version of the library that defines {cls} (one without that field).",
        f"Load the model with the version of that library it was saved with (pin it: pip install <library>==<the "
        "saving version>), or re-train / re-save it with the installed version", {"config": cls})


def _builtin_reading(name: str) -> NameReading | None:
    """Keras cannot resolve a loss / metric / activation that is one of its own built-ins: not a custom object but a
    compile config another Keras wrote (Keras 3 loading a tf.keras 2 .h5 whose compile config names 'mae')."""
    from .versions import builtin_function

    if builtin_function(name) is None:
        return None
    return NameReading(
        "runtime_version_mismatch", BUILTIN_SCORE,
        f"'{name}' is one of Keras's own losses / metrics / activations, not a custom object: the model's config "
        "(most often its compile config: loss and metrics) was written by another Keras version, whose "
        "serialization of it the Keras loading it does not resolve.",
        f"Load it without the compile config, keras.models.load_model(path, compile=False), then compile it again "
        f"in this Keras (model.compile(loss=..., metrics=[...])) if you train it; for predicting, compiling is not "
        "needed. Or load it with the Keras / TensorFlow version that saved it", {"function": name})


def _tail(pattern: "re.Pattern[str]", text: str, keep: int = 3) -> "list[re.Match[str]]":
    """The last matches of ``pattern`` (a text repeating a message thousands of times is read once per kind)."""
    return list(pattern.finditer(text))[-keep:]


def name_reading(fr: Frames, text: str, raw: str | None = None) -> NameReading | None:
    """What the names a Python exception carries say (the last such exception in the text, or the traceback's);
    ``raw``: the text as pasted, where escapes are still escapes."""
    text, raw = text[-NAME_CHARS:], raw[-NAME_CHARS:] if raw is not None else None
    if not any(k in text for k in _NAME_KEYS):
        return None
    found: list[tuple[int, NameReading | None]] = []
    for m in _tail(_NO_MODULE, text):
        found.append((m.start(), _module_reading(m.group("mod"), fr, text)))
    for m in _tail(_PARENT_MODULE, text):  # Keras 3's serialization_lib: the saved config's own module path
        found.append((m.start(), _module_reading(m.group("mod"), fr, text, who="config")))
    for m in _tail(_CANNOT_IMPORT, text):
        found.append((m.start(), _module_reading(m.group("mod"), fr, text, name=m.group("name"))))
    for m in _tail(_CANNOT_IMPORT_BARE, text):  # Python < 3.7 names no module: the traceback's import line does
        line = _import_line(m.group("name"), raw or text)
        if line is not None:
            found.append((m.start(), _module_reading(line, fr, text, name=m.group("name"))))
    for m in _tail(_KWARG, text):
        callee = _CALLEE.search(text[max(0, m.start() - 125):m.start()])
        found.append((m.start(), _kwarg_reading(m.group("kw"), callee.group("callee") if callee else None, fr, text)))
    for m in _tail(_MODULE_ATTR, text):
        found.append((m.start(), _attribute_reading(m.group("mod"), m.group("name"))))
    for m in _tail(_OBJECT_ATTR, text):
        if m.group("cls").endswith("Config") and len(m.group("cls")) > 6:
            found.append((m.start(), _saved_config_reading(m.group("cls"), m.group("name"), fr)))
    for m in _tail(_UNPICKLE_VERSION, text):  # a warning with both versions: it outranks what follows it
        found.append((len(text) + 1, _unpickle_version(m)))
    for m in _tail(_LOAD_KEY, raw or text):  # (the pasted text: normalising would unescape '\x1f' to a space)
        found.append((len(text) if raw else m.start(), _pickle_file_reading(m)))
    for m in _tail(_RAN_OUT, text):
        found.append((m.start(), _truncated_pickle(fr)))
    for m in _tail(_IS_A_DIRECTORY, text):
        found.append((m.start(), _directory_reading(m.group("path"), fr)))
    for m in _tail(_LOCATE, text):
        found.append((m.start(), _builtin_reading(m.group("name") or m.group("name2"))))
    for m in _tail(_OPCODE, text):
        found.append((m.start(), _bytecode_reading(fr, text)))
    found = [(at, r) for at, r in found if r is not None]
    return max(found, key=lambda x: x[0])[1] if found else None  # type: ignore[return-value]


_TF_LOAD_CALL = lazy(r"(?:tf|tensorflow)\.(?:compat\.v[12]\.)?saved_model\.load\(")


def loader_readings(diagnoses: "list[Diagnosis]", fr: Frames) -> None:
    """A .keras file that TF's SavedModel loader took for a directory reads as written by a newer Keras than an old
    tf.keras (which passes any path it cannot open as HDF5 to that loader); when the traceback shows the user called
    tf.saved_model.load itself, with no Keras frame, it is the wrong loader for a Keras file, not a version."""
    if not fr.frames or "savedmodel_not_found" not in {d.category for d in diagnoses}:
        return
    calls = " ".join(f.code for f in fr.frames)
    if not _TF_LOAD_CALL.search(calls) or "load_model(" in calls or any(
            f.library in ("keras", "tf.keras", "tf_keras") for f in fr.frames):
        return
    for d in diagnoses:
        if d.category == "runtime_version_mismatch" and "SavedModel file does not exist" in (d.upstream or ""):
            d.confidence = min(d.confidence, LOAD_FAILED_SCORE)
    diagnoses.sort(key=lambda d: -d.confidence)


_UNPICKLE_VERSION = lazy(r"Trying to unpickle estimator (?P<est>\w{1,80}) from version (?P<old>[\w.+-]{1,30}) "
                               r"when using version (?P<new>[\w.+-]{1,30})")
"""scikit-learn's InconsistentVersionWarning (sklearn/base.py __setstate__): the versions that pickled and unpickle
the estimator, printed before whatever the unpickled object then fails on."""


def _unpickle_version(m: "re.Match[str]") -> NameReading:
    old, new, est = m.group("old").rstrip("."), m.group("new").rstrip("."), m.group("est")
    return NameReading(
        "runtime_version_mismatch", DECIDED,
        f"The {est} was pickled by scikit-learn {old} and is unpickled by scikit-learn {new}: a pickle holds the "
        "estimator's internals, which another scikit-learn version lays out differently.",
        f"Load it with scikit-learn {old} (pip install scikit-learn=={old}; on Vertex AI / AI Platform, the runtime "
        f"or pre-built container with that version), or re-fit and save it with scikit-learn {new}, the version that "
        "serves it", {"sklearn_version": old})


_WEIGHTS_LOADER = lazy(r"load_?\w{0,20}weights|weights?_?load|load_darknet|set_weights|convert_?weights", re.I)
_RESHAPE_MESSAGE = lazy(r"cannot reshape array of size \d+ into shape|Input to reshape is a tensor with \d+ "
                              r"values|total size of new array must be unchanged")


def weights_readings(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """A reshape raised inside the code that reads a weights file into a model built in code (a darknet / YOLO
    converter's load_weights): the file holds another number of values for a layer than the code built it with —
    the architecture's constants (class count, input size, anchors) differ from the weights', not the input data."""
    if not fr.frames or "model_graph_shape_bug" not in catalogue or not _RESHAPE_MESSAGE.search(upstream):
        return
    inner = fr.frames[-3:]
    if not any(_WEIGHTS_LOADER.search(f.function) or _WEIGHTS_LOADER.search(f.code) for f in inner):
        return
    have, _ = _decided(diagnoses, catalogue, "model_graph_shape_bug", fr.facts(), upstream)
    have.confidence = max(have.confidence, DECIDED + 0.01)
    at = next(f for f in reversed(inner) if _WEIGHTS_LOADER.search(f.function) or _WEIGHTS_LOADER.search(f.code))
    have.cause = (f"The reshape failed in {at.where}, which reads a weights file into the model the code built: the "
                  "file holds another number of values for a layer than the code built it with, so the code's "
                  "constants (class count, input size, anchors) differ from the ones the weights were trained with.")
    have.steps = ["Build the model with the constants the weights were trained with (the class count / names file, "
                  "the input size and the config the weights come from: YOLO's last convolutions have "
                  "3 × (classes + 5) filters), or use the weights file that belongs to this configuration"] + \
        [s for s in have.steps if "hard-coded" not in s]
    diagnoses.sort(key=lambda d: -d.confidence)


def name_readings(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """Lead with what a Python exception's names show (:func:`name_reading`), unless a reading of a specific message
    is as sure."""
    from .normalize import normalize

    if not any(k in upstream for k in _NAME_KEYS):
        return
    found = name_reading(fr, normalize(upstream[-4 * NAME_CHARS:]), upstream)
    if found is None or found.category not in catalogue:
        return
    have = next((d for d in diagnoses if d.category == found.category), None)
    if have is not None and have.entry_fix is not None:
        have.confidence = max(have.confidence, found.score)  # the message's own index entry says what to do;
        have.evidence.update(found.evidence)  # the names say why (and keep causes.keras_direction from guessing)
        have.cause = found.cause
        diagnoses.sort(key=lambda d: -d.confidence)
        return
    if have is None:
        from .diagnosis import make_diagnosis

        have = make_diagnosis(catalogue[found.category], {**fr.facts(), **found.evidence}, found.score,
                              upstream=upstream)
        diagnoses.append(have)
    elif have.confidence >= DECIDED:
        return  # a decider or a specific message already said it from the text's own numbers and names
    have.confidence = max(have.confidence, found.score)
    have.evidence.update(found.evidence)
    have.cause = found.cause
    have.steps = [found.step] + [s for s in have.steps if s != found.step]
    if found.title is not None:  # the category's own wording is about another case: none of its steps apply
        have.title, have.steps, have.verify = found.title, [found.step], found.verify
    diagnoses.sort(key=lambda d: -d.confidence)
    del diagnoses[4:]


# ------------------------------------------------------------------------------------------------ converters

@dataclass(frozen=True)
class Converter:
    """An importer / converter / other runtime a Keras or TensorFlow model is run through, known by its frames."""

    name: str
    frame: "re.Pattern[str]"
    """A Python frame's file path (``/webdnn/graph/converters/keras.py``) or a Java frame's class
    (``org.deeplearning4j.nn.modelimport.keras.KerasModelImport``) inside it."""
    step: str
    """The version step to take, in the converter's own terms."""


CONVERTERS = (
    Converter("deeplearning4j's Keras import", lazy(r"^org\.deeplearning4j\.nn\.modelimport\.keras\."),
              "Check which Keras versions this deeplearning4j-modelimport release reads: re-save the model with one "
              "it reads (Keras 2 as .h5: tf.keras in TensorFlow <= 2.15 or tf_keras, model.save('m.h5'); a "
              "Sequential model with importKerasSequentialModelAndWeights, a functional one with "
              "importKerasModelAndWeights), or upgrade deeplearning4j to a release that reads the Keras that saved "
              "it"),
    Converter("TensorFlow's Java / SameDiff import", lazy(r"^org\.nd4j\.imports\.(?:graphmapper|tensorflow)\."),
              "Freeze the graph with a TensorFlow version nd4j's TF import reads and ops it maps, or upgrade nd4j"),
    Converter("WebDNN's converter", lazy(r"(?:^|/)webdnn/(?:graph/converters|frontend)/"),
              "Upgrade WebDNN (graph transpiler and runtime together) to a release that converts the model's layers, "
              "and convert again; or run the converter with the Keras version that release supports, or replace "
              "the layer it stops at"),
    Converter("coremltools", lazy(r"(?:^|/)coremltools/converters/"),
              "Upgrade coremltools (pip install -U coremltools) and convert with ct.convert, in an environment with "
              "the TensorFlow / Keras versions that coremltools release supports; or replace the layer it stops at"),
    Converter("onnx-tf", lazy(r"(?:^|/)onnx_tf/"),
              "Upgrade onnx-tf (with the onnx and tensorflow versions it names), or export the ONNX model again with "
              "an opset this onnx-tf implements (a lower opset_version / --opset)"),
    Converter("tf2onnx", lazy(r"(?:^|/)tf2onnx/"),
              "Upgrade tf2onnx (pip install -U tf2onnx) for the TensorFlow that saved the model, and convert again "
              "(--opset with a version it supports); or convert from the SavedModel rather than the Keras file"),
    Converter("keras2onnx / onnxmltools", lazy(r"(?:^|/)(?:keras2onnx|onnxmltools)/"),
              "keras2onnx reads tf.keras up to TensorFlow 2.3 only: convert with tf2onnx (python -m tf2onnx.convert "
              "--saved-model) instead, or run keras2onnx next to the TensorFlow it supports"),
    Converter("the TensorFlow.js converter", lazy(r"(?:^|/)tensorflowjs/(?:converters|write_weights)"),
              "Run tensorflowjs_converter from a tensorflowjs release made for the TensorFlow / Keras that saved the "
              "model (pip install tensorflowjs next to that TensorFlow), or convert the SavedModel "
              "(--input_format=tf_saved_model) instead of the Keras file"),
    Converter("OpenVINO's Model Optimizer", lazy(r"(?:^|/)(?:openvino/tools/mo|mo)/(?:front|back|middle|utils|"
                                                        r"main|load)"),
              "Use an OpenVINO release whose Model Optimizer supports the TensorFlow version that saved the model "
              "(its release notes list them), or freeze / save the model with that TensorFlow"),
)
_JAVA_AT = lazy(r"^\s{0,40}at (?P<where>[\w$]{1,80}(?:\.[\w$<>]{1,120}){1,30})\((?P<file>[^)\n]{0,200})\)")
_JAVA_EXC = lazy(r"(?:Exception in thread \"[^\"\n]{0,120}\" |Caused by: )?(?P<cls>(?:[a-z_$][\w$]{0,80}\.){1,12}"
                       r"[A-Z][\w$]{0,120}(?:Exception|Error))(?::\s?(?P<msg>[^\n]{0,300}))?")
JAVA_GENERIC = frozenset({"ClassCastException", "NullPointerException", "IndexOutOfBoundsException",
                          "ArrayIndexOutOfBoundsException", "IllegalStateException", "UnsupportedOperationException",
                          "NoSuchElementException", "NumberFormatException", "ND4JIllegalStateException"})
"""JVM exceptions whose message names a Java object, never a cause (like Python's GENERIC)."""
CONVERTER_SCORE = 0.5
"""Frames inside a converter and no message that names a cause: a low-confidence reading."""
MAX_JAVA_LINES = 400
_CONVERTER_ROOT = lazy(r"^.*?/(?=(?:webdnn|coremltools|onnx_tf|tf2onnx|keras2onnx|onnxmltools|tensorflowjs|"
                             r"openvino|mo)/)")
"""What a converter frame's path has before the converter's package (site-packages, node_modules …)."""


@dataclass(frozen=True)
class ConverterFailure:
    converter: Converter
    where: str
    """The innermost frame inside the converter (``KerasSequentialModel.<init>``, ``webdnn/graph/converters/keras.py
    convert``)."""
    exception: str | None
    message: str


def _java_failure(text: str) -> ConverterFailure | None:
    """Java frames inside a known importer, and the exception above them (the last one printed), if any."""
    lines = _prepare(text)[-MAX_JAVA_LINES:]
    found: tuple[Converter, str] | None = None
    exception, message = None, ""
    for line in lines:
        at = _JAVA_AT.match(line)
        if at is not None:
            if found is None:  # the first frame printed is the innermost: where it was thrown
                cls = at.group("where")
                conv = next((c for c in CONVERTERS if c.frame.match(cls)), None)
                if conv is not None:
                    found = (conv, cls.rsplit(".", 2)[-2] + "." + cls.rsplit(".", 1)[-1])
            continue
        exc = _JAVA_EXC.search(line)
        if exc is not None and found is None:
            exception, message = exc.group("cls").rsplit(".", 1)[-1], (exc.group("msg") or "").strip()
    if found is None:
        # a converter frame below frames of other code (a JVM collection, nd4j): the innermost converter frame
        for line in lines:
            at = _JAVA_AT.match(line)
            conv = next((c for c in CONVERTERS if at is not None and c.frame.match(at.group("where"))), None)
            if conv is not None:
                cls = at.group("where")  # type: ignore[union-attr]
                found = (conv, cls.rsplit(".", 2)[-2] + "." + cls.rsplit(".", 1)[-1])
                break
    if found is None:
        return None
    return ConverterFailure(found[0], found[1], exception, message)


def _python_failure(fr: Frames) -> ConverterFailure | None:
    """The innermost Python frame inside a known converter, when no frame of the user's own code comes after it (the
    converter raised, or a library it called did)."""
    for i in range(len(fr.frames) - 1, -1, -1):
        f = fr.frames[i]
        conv = next((c for c in CONVERTERS if c.frame.search(f.path.replace("\\", "/"))), None)
        if conv is None:
            if f.library == "user":
                return None  # the user's own code raised, below the converter's frames
            continue
        rel = _CONVERTER_ROOT.sub("", f.path.replace("\\", "/"))
        message = fr.message.splitlines()[0] if fr.message else ""
        return ConverterFailure(conv, f"{rel} {f.function}" + (f": {f.code}" if f.code else ""), fr.exception,
                                message if re.search(r"\w", message) else "")
    return None


def converter_failure(fr: Frames, text: str) -> ConverterFailure | None:
    """A converter or importer failed with no message of its own that names a cause: its frames (Python or Java) and a
    generic exception (a bare ``AssertionError``, a ``ClassCastException``), or the frames alone."""
    found = _python_failure(fr) if fr.frames else None
    if found is not None:
        if fr.cut or fr.exception in GENERIC or not found.message:
            return found
        return None
    if " at " not in text and "\tat " not in text and not text.lstrip().startswith("at "):
        return None
    found = _java_failure(text)
    if found is None:
        return None
    if found.exception is None or found.exception in JAVA_GENERIC or not found.message or \
            found.exception.endswith("KerasConfigurationException"):
        return found
    return None


def converter_readings(diagnoses: "list[Diagnosis]", fr: Frames, catalogue: "Catalogue", upstream: str) -> None:
    """Frames inside a known importer or converter (deeplearning4j's KerasModelImport, WebDNN, coremltools, onnx-tf,
    tf2onnx, keras2onnx, tensorflowjs, OpenVINO's Model Optimizer) and no message that names a cause: that tool
    failed on this model; most often the model file is newer than the tool reads (saved by a newer Keras /
    TensorFlow, exported with a newer opset), or it has a layer the tool does not support.  A low-confidence
    reading that says what it saw, added when nothing but a weak reading was found."""
    if "runtime_version_mismatch" not in catalogue or \
            any(d.category not in WEAK or d.message_source is not None for d in diagnoses):
        return  # a reading of a specific message (the index's, even a weak category) says more than the frames
    found = converter_failure(fr, upstream)
    if found is None:
        return
    from .diagnosis import make_diagnosis

    if found.exception is None:
        saw = "The paste shows only frames, no exception message"
    elif found.message:
        saw = (f"{found.exception}: {found.message[:160]!r} (the language's own wording: it names an object, not a "
               "cause)")
    else:
        saw = f"A bare {found.exception} with no message"
    weakest = max((d.confidence for d in diagnoses), default=0.0)
    d = make_diagnosis(catalogue["runtime_version_mismatch"], {"converter": found.converter.name,
                                                               "raised_where": found.where},
                       max(CONVERTER_SCORE, min(weakest + 0.01, DECIDED - 0.1)), upstream=upstream)
    d.cause = (f"{saw}, raised inside {found.converter.name} ({found.where}): it failed on this model. Most often "
               f"the model file is newer than this version of {found.converter.name} reads (saved by a newer Keras / "
               "TensorFlow, or exported with a newer opset), or it uses a layer this version does not support.")
    d.steps.insert(0, found.converter.step)
    diagnoses.append(d)
    diagnoses.sort(key=lambda x: -x.confidence)
