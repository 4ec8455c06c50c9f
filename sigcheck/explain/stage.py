"""Step 2's very last fallback: a text nothing else reads, about a model a runtime cannot load, read from that stage.

Every earlier step reads the message itself: an index entry, a catalogue pattern, the nearest index message, the
kind of its words.  A runtime the index has not read (a device's firmware, an accelerator's loader, a converter's
importer) still says WHERE it failed: loading, parsing, importing, converting or compiling a model (``[MAIXPY]kpu:
load error -3``, ``Fatal: Invalid tflite model``, ``Operator TILE [69] is not supported by armnn_delegate``), or a
loader is on the traceback.  When one tool wrote a model and another cannot load it, the cause the threads of every
measured set confirm most often is a version mismatch between the two: a converter, compiler, firmware or runtime
older or newer than the other.  On the spent sets' texts that no other step reads, this reading is right 9 times of
the 11 it speaks (with the threads_9 working half; ``benchmarks/explain_heldout.py``); it does not speak about a request (instances,
inputs, an input's rank, shape or type refused), a path or a URL that is not there (or one docker refuses), a
permission, a quota, a timeout or memory, whose causes differ, nor
about a text that reports no failure or a Python error of the code itself (an import, a name).

The reading says what it is: its title says it is read from the stage only, its confidence is below every other
reading's (:data:`CONFIDENCE`), its evidence carries the words that showed the stage, and its first step is to compare
the two sides' versions -- the check that decides it -- before anything is changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .patterns import lazy

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .diagnosis import Diagnosis

CATEGORY = "runtime_version_mismatch"
CONFIDENCE = 0.2
"""Below a kind reading's least (kinds.CONFIDENCE): the message itself was not read."""

LOADING = lazy(
    r"\b(?:load(?:s|ed|ing)?|import(?:s|ed|ing)?|conver(?:t|ts|ted|ting|sion)|compil(?:e|es|ed|ing|er)|"
    r"pars(?:e|es|ed|ing|er)|deserializ\w*|initiali[sz]\w*|init|allocat\w* tensors|prepare|restor\w*|"
    r"read(?:ing)? (?:the )?(?:model|graph|file)|open(?:ing)? (?:the )?(?:model|file))\b", re.I)
"""Verbs of a runtime taking a model in."""
MODEL = lazy(
    r"\b(?:model|models|kmodel|graph|graphdef|flatbuffer|blob|engine|network|delegate|interpreter|savedmodel|"
    r"saved_model|checkpoint|weights|module|layer|op|ops|operator|opcode|schema|xmodel|neff|tflite|onnx|keras|"
    r"tensorflow|tfjs|pb|h5)\b|\.(?:pb|h5|hdf5|keras|tflite|onnx|kmodel|blob|xml|mlmodel|bin|json)\b", re.I)
"""Nouns of a model and of what holds or runs one."""
REFUSED = lazy(r"\b(?:invalid|not (?:a )?valid|unsupported|not supported|unknown|unrecogni[sz]ed|"
                     r"incompatible)\b", re.I)
"""A message that refuses the model itself (with a noun of :data:`MODEL` in the same message)."""
ELSEWHERE = lazy(
    r"permission|denied|unauthori[sz]ed|\b40[134]\b|quota|timed? ?out|deadline|connection refused|out of memory|"
    r"\bOOM\b|[\"']instances[\"']|\binstances (?:list|array|key|field)\b|[\"']inputs[\"']|no such file|not found|"
    r"does not exist|cannot find|could not find|"
    # the input sent: its rank, shape or type refused ('Invalid rank for input', 'Bad Input Tensor parameters')
    r"\b(?:invalid|unexpected|wrong|bad|mismatch(?:ed)?) (?:rank|shape|dimensions?|dtype|data ?type|input tensor)|"
    # a path the container runtime refuses (docker's bind mount), not a model
    r"\bmount path\b|\bmust be (?:an )?absolute\b", re.I)
"""What another cause says in the innermost message (a request or its input, a path or URL not there, access,
limits)."""
FAILED = lazy(r"error|exception|fail|fatal|invalid|not (?:a )?valid|unsupported|not supported|abort|assert|"
                    r"cannot|can't|unable|refus", re.I)
"""An innermost message with none of these words (and no exception) reports no failure (a start-up log)."""
LOADED = lazy(r"\bsuccessfully (?:loaded|restored|created)\b|status: success", re.I)
"""A text that says the model loaded (a serving log) is not about a model that does not load."""
PYTHON_OWN = frozenset({"ImportError", "ModuleNotFoundError", "NameError", "SyntaxError", "IndentationError",
                        "UnboundLocalError", "ZeroDivisionError", "RecursionError", "KeyboardInterrupt",
                        "FileNotFoundError", "PermissionError", "MemoryError", "IsADirectoryError"})
"""Python's own errors about the code, the files or the machine: another cause than the model's versions (the
frames step reads the ones that name another version's code)."""


TAIL = 20_000
"""The characters of the pasted text (its end) searched for the stage's words: a loader's own lines are last."""


def stage_words(line: str, text: str) -> list[str] | None:
    """The words that show a model failing to load or being refused (the loading verb and the model noun, or the
    refusal), or None when the text does not show that stage or its innermost message speaks of another cause."""
    from .frames import read_frames
    from .layers import read_layers
    from .normalize import drop_startup_logs

    message = read_layers(line).message or line
    frames = read_frames(text)  # (read once per text: frames caches it)
    text = drop_startup_logs(text[-TAIL:])  # (TensorFlow's start-up lines name it and 'InitializeLog' in any process)
    if ELSEWHERE.search(message) or not (FAILED.search(message) or frames.exception) \
            or frames.exception in PYTHON_OWN or LOADED.search(text):
        return None
    # a Python traceback says where it failed by its frames' functions (a converter's convert(), a load()) or
    # frames.loading, below; its other lines -- the modules' paths, the source lines shown, the user's variables
    # (``loaded.serve(x)``), Python's ``<module>`` -- are no loading stage of their own
    around = " ".join(f.function for f in frames.frames if f.function != "<module>") if frames.exception else text
    noun = MODEL.search(message) or MODEL.search(around)
    refused = REFUSED.search(message)
    if refused and MODEL.search(message):
        return [refused.group(0), MODEL.search(message).group(0)]  # type: ignore[union-attr]
    verb = LOADING.search(message) or LOADING.search(around)
    if verb and noun:
        return [verb.group(0), noun.group(0)]
    if frames.loading and frames.loader is not None:
        return [f"{frames.loader.function}()"]
    return None


def read_stage(line: str, facts: dict[str, Any], catalogue: "Catalogue", upstream: str) -> "list[Diagnosis]":
    """A diagnosis for a text no other step read, when it shows a model failing to load (else none)."""
    from .diagnosis import make_diagnosis

    words = stage_words(line, upstream)
    if words is None or CATEGORY not in catalogue:
        return []
    d = make_diagnosis(catalogue[CATEGORY], facts, CONFIDENCE, upstream=upstream)
    d.title = f"{d.title} (read from the stage only: a model that does not load)"
    d.evidence.update({"stage": "loading", "stage_words": words})
    d.cause = (f"No message in the text says the cause; it shows a model failing to load ({', '.join(words)}). When one "
               "tool wrote a model and another cannot load it, the cause most often confirmed is a version mismatch "
               "between the two: the converter, compiler or TensorFlow / Keras that wrote it is newer (or older) "
               "than the runtime, firmware or library that loads it.")
    d.steps = [
        "Compare the two sides' versions: the tool that wrote the model (TensorFlow / Keras, the converter or "
        "compiler, and its version) and what loads it (the runtime library, firmware, app SDK or container, and its "
        "version); use a pair the runtime documents as supported -- upgrade the runtime or firmware, or convert "
        "again with the tool version it supports.",
        "If the versions match: check that the file is the whole model in the format this runtime takes (its size "
        "against the original; not a download cut short, an HTML page saved under the model's name, or another "
        "format's file).",
        "Paste the lines before this one too (they often name the op, the version or the file): sigcheck explain "
        "reads them.",
    ]
    d.verify = "the runtime's and the writer's versions, side by side (pip show / the firmware or SDK release)"
    return [d]
