"""Why a Keras model file does not load or export: Keras' whole reason (without its config dumps) and a fitting hint."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_UNKNOWN_CLASS = (
    re.compile(r"Could not locate (?:class|function) '([^']+)'"),
    re.compile(r"Unknown (?:layer|object|activation|loss|metric|optimizer|initializer|regularizer|constraint)"
               r"(?: type)?: '?([\w.<>]+)'?"),
    re.compile(r"Could not deserialize '([\w.]+)' because it is not a KerasSaveable subclass"),
)
"""Keras' ways of saying that the file names a class (or function) this Python cannot find: the name is group 1."""
_UNSAFE = re.compile(r"safe_mode|unsafe_deserialization|arbitrary code execution")
_CONFIG_DUMP = re.compile(r"(?:Full object config:|\bconfig=|\bconfig:|Received: config=)\s*(?=\{)")
_WRAPPER = "Exception encountered:"
MAX_REASON = 1000
"""Characters of reason shown; a longer one is cut at a sentence (never inside a word) and says how much is left."""
EXPORT_HINT = ("load the model in your own Python and pass it to sigcheck.training.export_keras(model, "
               "sigcheck.training.ExportOptions(output=...))")


@dataclass(frozen=True)
class KerasFailure:
    """One failure, ready for an error line: ``reason`` is Keras' own text, ``hint`` what to do about it."""

    reason: str
    hint: str | None


def _strip_dumps(text: str) -> str:
    """``text`` without the object configs Keras appends (``Full object config: {…}``, ``config={…}``)."""
    out, i = [], 0
    for match in _CONFIG_DUMP.finditer(text):
        if match.start() < i:
            continue
        depth, j, quote = 0, match.end(), None
        while j < len(text):
            ch = text[j]
            if quote:
                if ch == "\\":
                    j += 1
                elif ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
            elif ch in "{[(":
                depth += 1
            elif ch in "}])":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        out.append(text[i:match.start()])
        i = j + 1
        if text[i:i + 1] == ".":
            i += 1
    out.append(text[i:])
    return "".join(out)


def _clean(text: str) -> str:
    return " ".join(_strip_dumps(text).split()).strip()


def whole_reason(exc: BaseException, limit: int = MAX_REASON) -> str:
    """The reason Keras gives, whole: the innermost of its chained messages (``Exception encountered: …`` or the
    exception's cause), without config dumps, on one line.  Only a reason longer than ``limit`` is shortened: at
    the end of a sentence (else of a word), saying how many characters are left out."""
    texts = [str(e) for e in _chain(exc)]
    innermost = texts[-1]
    for text in texts:  # the wrapper message quotes the inner one after "Exception encountered:"
        if _WRAPPER in text:
            innermost = text.rsplit(_WRAPPER, 1)[1]
            break
    reason = _clean(innermost) or _clean(texts[0]) or type(exc).__name__
    if len(reason) <= limit:
        return reason
    cut = max(reason.rfind(". ", 0, limit) + 1, 0) or reason.rfind(" ", 0, limit)
    cut = cut if cut > 0 else limit
    return f"{reason[:cut].rstrip()} … ({len(reason) - cut} more characters; SIGCHECK_DEBUG=1 shows them all)"


def unknown_class(text: str) -> str | None:
    """The class (or function) name the file uses and this Python cannot find, when that is the failure."""
    for pattern in _UNKNOWN_CLASS:
        match = pattern.search(text)
        if match:
            return match.group(1)
    return None


def saved_keras_version(path: str) -> str | None:
    """The Keras version that wrote ``path`` (a local .keras or .h5 file), when the file says."""
    try:
        if path.endswith(".keras"):
            import zipfile

            with zipfile.ZipFile(path) as archive:
                return str(json.loads(archive.read("metadata.json")).get("keras_version") or "") or None
        import h5py  # comes with TensorFlow

        with h5py.File(path, "r") as fh:
            value = fh.attrs.get("keras_version")
            return value.decode() if isinstance(value, bytes) else (str(value) if value is not None else None)
    except Exception:  # noqa: BLE001 - a file that does not even say is simply "unknown"
        return None


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def explain_load_failure(exc: BaseException, *, path: str, keras_version: str) -> KerasFailure:
    """Keras could not load the file at ``path``: the whole reason, and the hint that fits it.

    A custom-layer hint only when the file names a class this Python cannot find (and that class is not Keras' own,
    which means another Keras version); Python code in a Lambda layer (Keras' safe mode); a version hint when the
    file was written by another Keras release; else only where to see the traceback.
    """
    reason = whole_reason(exc)
    full = " ".join(str(e) for e in _chain(exc))
    saved = saved_keras_version(path)
    other_version = saved is not None and _minor(saved) != _minor(keras_version)
    written = f"the file was saved by Keras {saved} and this is Keras {keras_version}" if other_version else ""
    name = unknown_class(full)
    if name is not None and (name.startswith("keras.") or name.startswith("keras_")):
        hint = (f"{written}: load it where Keras {saved} is installed" if other_version else
                f"this Keras ({keras_version}) has no {name}: the file was saved by another Keras release or edited")
    elif name is not None:
        hint = (f"the model uses {name}, which is not part of Keras: sigcheck cannot import your code; {EXPORT_HINT}, "
                f"where {name} is imported and registered (@keras.saving.register_keras_serializable())")
    elif _UNSAFE.search(full):
        hint = ("the model holds Python code (a Lambda layer), which Keras loads only from files you trust: "
                "if you trust this one, load it with keras.saving.load_model(PATH, safe_mode=False) and "
                + EXPORT_HINT.removeprefix("load the model in your own Python and "))
    elif other_version:
        hint = f"{written}: load it with Keras {saved}, or save it again with this one"
    else:
        hint = "SIGCHECK_DEBUG=1 shows Keras' traceback"
    return KerasFailure(reason, hint)


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in out:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out
