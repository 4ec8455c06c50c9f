"""Which Keras / TensorFlow versions have a name that a Python exception carries (a module path, a layer argument, a
TF1 API name or argument), from ``version_names.json`` (made by ``scripts/explain_version_names.py`` out of the Keras
wheels and the installed TensorFlow; read the first time a text needs it).

    >>> keras_module("keras.src.engine").labels
    ['Keras 2.15 (tf.keras of TensorFlow 2.13-2.15)']
    >>> keras_module("keras.src.engine").keras3
    False
    >>> tf1_only("", "placeholder"), tf1_argument("keep_dims"), layer_argument("batch_shape")
    (True, 'keepdims', ['Keras 3.15.1', 'Keras 3.3'])
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("version_names.json")
KERAS3 = frozenset({"k3", "k33"})
KERAS2 = frozenset({"k215", "tfk", "k26", "k231", "tf"})


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return json.loads(PATH.read_text())


def _labels(keys: list[str]) -> list[str]:
    labels = _data()["labels"]
    return [labels[k] for k in keys if k in labels]


@dataclass(frozen=True)
class Module:
    name: str
    keys: tuple[str, ...]
    """The sources (explain_index_keras.SOURCES keys, ``tf``) that have the module or a module under it."""

    @property
    def labels(self) -> list[str]:
        return _labels(sorted(self.keys, key=["k3", "k33", "k215", "tfk", "tf", "k26", "k231"].index))

    @property
    def known(self) -> bool:
        return bool(self.keys)

    @property
    def keras3(self) -> bool:
        """Keras 3 has it (a Keras 2 loader or code lacks it)."""
        return bool(KERAS3 & set(self.keys))

    @property
    def keras2(self) -> bool:
        return bool(KERAS2 & set(self.keys))


def keras_module(name: str) -> Module:
    """The versions that have module ``name`` (exactly, or as the package of a module they have)."""
    mods: dict[str, list[str]] = _data()["modules"]
    keys = set(mods.get(name, ()))
    if not keys:
        prefix = name + "."
        keys = {k for m, ks in mods.items() if m.startswith(prefix) for k in ks}
    return Module(name, tuple(sorted(keys)))


def layer_argument(name: str) -> list[str] | None:
    """The Keras versions some of whose layers take argument ``name``, when that tells Keras generations apart: Keras
    3 or Keras 2.15 (the two in use) lacks it (None otherwise: every version has it, or none, or both of those)."""
    keys = _data()["layer_args"].get(name)
    if not keys or ("k3" in keys and "k215" in keys):
        return None
    return _labels(sorted(keys, key=["k3", "k33", "k215", "tfk", "k26", "k231"].index))


def tf1_argument(name: str) -> str | None:
    """For an argument TensorFlow 2's API dropped (only ``tf.compat.v1`` functions take it: ``keep_dims``), the name
    TensorFlow 2 gives it (``keepdims``; "" when its deprecation names none); None for any other name."""
    return _data()["tf1_args"].get(name)


def tf1_only(module: str, name: str) -> bool:
    """``tf.compat.v1.<module>.<name>`` exists and TensorFlow 2's ``tf.<module>.<name>`` does not."""
    return name in _data()["tf1_api"].get(module, ())


def builtin_function(name: str) -> list[str] | None:
    """The Keras versions that resolve loss / metric / activation ``name`` by name (``mae``, ``relu6``): a compiled
    model's config names them as strings (None: no Keras version read has it)."""
    keys = _data()["builtin_functions"].get(name)
    return _labels(keys) if keys else None


def keras1_argument(name: str) -> str | None:
    """Keras 2's name for an argument only Keras 1 took (``nb_filter`` → ``filters``); None for any other name."""
    return _data()["keras1_args"].get(name)


def tflite_builtin(op: str) -> int | None:
    """The builtin code of TFLite operator ``op`` (``CONV_2D`` → 3) in the schema TensorFlow's converter writes (None:
    not a TFLite builtin)."""
    code = _data()["tflite_builtins"].get(op)
    return code if isinstance(code, int) else None


def tflite_builtin_name(code: int) -> str | None:
    """The TFLite builtin operator with ``code`` (101 → ``ABS``): what a runtime that does not know the code lacks."""
    return next((name for name, c in _data()["tflite_builtins"].items() if c == code), None)
