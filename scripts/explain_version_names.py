"""Regenerate sigcheck/explain/version_names.json: which Keras / TensorFlow versions have a name (#15).

A Python exception raised while a model is loaded or rebuilt (``ModuleNotFoundError: No module named
'keras.src.engine'``, ``TypeError: … got an unexpected keyword argument 'ragged'``, ``AttributeError: module
'tensorflow' has no attribute 'placeholder'``) names a module, an argument or an API name.  Whether that name exists
only in some Keras / TensorFlow versions says whether the code or the file was written for another version than the
one running.  The facts are read from the sources, never typed in:

* ``modules``: every module of each Keras version (the wheels explain_index_keras.py reads: Keras 3 installed and
  3.3.3, Keras 2.15.0, tf_keras 2.15.1, Keras 2.6.0, Keras 2.3.1) and the installed TensorFlow's legacy
  ``tensorflow.python.keras``; a module path → the versions that have it;
* ``layer_args``: the arguments of every layer class's ``__init__`` per Keras version, kept when some versions have
  the name and others not (``ragged``, ``groups``, ``batch_shape``…);
* ``tf1_args``: argument names (→ their TensorFlow 2 name) TensorFlow 2 dropped from its API (the old name of every
  ``deprecated_argument_lookup(new, …, old, …)`` and ``deprecated_args(…, "old")`` in the installed TensorFlow's
  python/ops: ``keep_dims``, ``reduction_indices``…), which only TF1's (``tf.compat.v1``) functions take;
* ``builtin_functions``: the losses, metrics and activations each Keras version resolves by name (module-level
  functions, their aliases such as ``mae = MAE = mean_absolute_error``, Keras 3's name tables), which a compiled
  model's config names as strings;
* ``keras1_args``: Keras 1's argument names → Keras 2's (``nb_filter`` → ``filters``), the pairs Keras 2.3.1's
  legacy interfaces convert;
* ``tf1_api``: per API module (``""`` for ``tf``), the names ``tf.compat.v1`` has and TensorFlow 2's has not
  (``placeholder``, ``Session``…), from the installed TensorFlow's generated ``_api`` files;
* ``tflite_builtins``: TFLite's builtin operators (``CONV_2D`` → 3), the ``BuiltinOperator`` enum of the schema the
  installed TensorFlow's converter writes (``tensorflow/lite/python/schema_py_generated.py``, read as text): a TFLite
  runtime that says it has no op ``CONV_2D`` at some version, or a builtin code it does not know, is older than the
  converter, and an op of that name is not a custom op.

    python scripts/explain_version_names.py           # rewrite the file
    python scripts/explain_version_names.py --check   # exit 1 when the file is not what the sources give
"""

from __future__ import annotations

import ast
import json
import re
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import explain_index_keras as keras_sources  # noqa: E402  (its wheels, SOURCES and layer-argument reader)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sigcheck" / "explain" / "version_names.json"
TF = keras_sources.SITE / "tensorflow"

LABELS = {
    "k3": f"Keras {keras_sources.SOURCES['k3'].label.split()[-1]}",
    "k33": "Keras 3.3",
    "k215": "Keras 2.15 (tf.keras of TensorFlow 2.13-2.15)",
    "tfk": "tf_keras 2.15",
    "k26": "Keras 2.6 (tf.keras of TensorFlow 2.6-2.12)",
    "k231": "Keras 2.3 (standalone)",
    "tf": f"TensorFlow {(keras_sources.SITE / 'tensorflow-2.21.0.dist-info').exists() and '2.21' or 'installed'}'s "
          "legacy tensorflow.python.keras",
}
"""How a reading names each source (the keys are explain_index_keras.SOURCES's, plus the installed TensorFlow)."""


def _module_names(names: list[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        if not n.endswith(".py") or n.endswith("_test.py") or "/testing" in n or n.startswith("docs/"):
            continue
        m = n[:-3].replace("/", ".")
        if m.endswith(".__init__"):
            m = m[: -len(".__init__")]
        out.add(m)
    return out


def modules() -> dict[str, list[str]]:
    per: dict[str, set[str]] = {}
    for key, src in keras_sources.SOURCES.items():
        top = src.prefix.split("/")[0]
        if src.requirement is None:
            names = [str(p.relative_to(keras_sources.SITE)) for p in (keras_sources.SITE / top).rglob("*.py")]
        else:
            with zipfile.ZipFile(keras_sources._wheel(src.requirement)) as z:
                names = z.namelist()
        per[key] = _module_names(names)
    per["tf"] = _module_names([str(p.relative_to(keras_sources.SITE))
                               for p in (TF / "python" / "keras").rglob("*.py")])
    if "keras.src.engine.functional" not in per["k215"] or "keras.src.trainers" not in per["k3"]:
        raise SystemExit("explain_version_names: the Keras module layouts are not the expected ones")
    found: dict[str, list[str]] = {}
    for key, mods in per.items():
        for m in mods:
            found.setdefault(m, []).append(key)
    return {m: sorted(v) for m, v in sorted(found.items())}


def layer_args() -> dict[str, list[str]]:
    keys = [k for k in keras_sources.SOURCES]
    per = {k: keras_sources._layer_init_args(k) - {"self", "args", "kwargs"} for k in keys}
    everywhere = set.intersection(*per.values())
    out: dict[str, list[str]] = {}
    for k, names in per.items():
        for n in names - everywhere:
            out.setdefault(n, []).append(k)
    if "ragged" not in out or "batch_shape" not in out:
        raise SystemExit("explain_version_names: ragged / batch_shape are no longer version-dependent layer arguments")
    return {n: sorted(v) for n, v in sorted(out.items())}


def _v2_exported(fn: ast.FunctionDef) -> bool:
    """The function is part of TensorFlow 2's API: ``@tf_export("name", …)`` with a name outside ``v1=[…]``."""
    for dec in fn.decorator_list:
        call = dec if isinstance(dec, ast.Call) else None
        name = getattr(getattr(call, "func", None), "id", None) or getattr(getattr(call, "func", None), "attr", None)
        if name == "tf_export" and call is not None and call.args:
            return True
    return False


def _renamed_here(fn: ast.FunctionDef) -> dict[str, str]:
    """The argument names a function deprecates (its ``deprecated_args`` decorator, its ``deprecated_argument_lookup``
    calls), each → its TensorFlow 2 name ("" when the deprecation names none)."""
    old: dict[str, str] = {}
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "deprecated_argument_lookup" and len(node.args) >= 3:
            new, arg = node.args[0], node.args[2]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                old[arg.value] = new.value if isinstance(new, ast.Constant) and isinstance(new.value, str) else ""
        elif name == "deprecated_args":
            old.update({a.value: old.get(a.value, "") for a in node.args[2:]
                        if isinstance(a, ast.Constant) and isinstance(a.value, str)})
    return old


def tf1_args() -> dict[str, str]:
    """Argument names some TF function deprecates and no TensorFlow 2 API function takes as a plain argument, with
    the name TensorFlow 2 gives the argument instead (when the deprecation says it)."""
    old: dict[str, str] = {}
    current: set[str] = set()
    for path in (TF / "python" / "ops").rglob("*.py"):
        if path.name.startswith("gen_"):
            continue
        for fn in ast.walk(ast.parse(path.read_text())):
            if not isinstance(fn, ast.FunctionDef):
                continue
            renamed = _renamed_here(fn)
            gone = set(renamed)
            old.update({k: v or old.get(k, "") for k, v in renamed.items()})
            if _v2_exported(fn):
                current |= {a.arg for a in fn.args.args + fn.args.kwonlyargs} - gone
    found = {n: old[n] for n in sorted(set(old) - current) if len(n) >= 3}
    if "keep_dims" not in found or "reduction_indices" not in found:
        raise SystemExit("explain_version_names: keep_dims / reduction_indices are no longer deprecated TF arguments")
    return found


_IMPORT = re.compile(r"^from [\w.]+ import (\w+)(?: as (\w+))?", re.M)


def _api_names(init: Path) -> set[str]:
    if not init.exists():
        return set()
    return {m.group(2) or m.group(1) for m in _IMPORT.finditer(init.read_text())}


def tf1_api() -> dict[str, list[str]]:
    v1 = TF / "_api" / "v2" / "compat" / "v1"
    out: dict[str, list[str]] = {}
    for init in sorted(v1.rglob("__init__.py")):
        sub = init.parent.relative_to(v1).as_posix()
        sub = "" if sub == "." else sub
        if sub.startswith("compat"):
            continue
        v2_init = TF / "__init__.py" if not sub else TF / "_api" / "v2" / sub / "__init__.py"
        only = sorted(n for n in _api_names(init) - _api_names(v2_init) if not n.startswith("_"))
        if only:
            out[sub.replace("/", ".")] = only
    if "placeholder" not in out.get("", []) or "Session" not in out.get("", []):
        raise SystemExit("explain_version_names: tf.compat.v1 no longer has placeholder / Session beyond tf")
    return out


BUILTIN_FILES = {
    "k3": ("losses/losses.py", "metrics/__init__.py", "activations/activations.py", "activations/__init__.py"),
    "k33": ("losses/losses.py", "metrics/__init__.py", "activations/activations.py", "activations/__init__.py"),
    "k215": ("losses.py", "metrics/__init__.py", "activations.py"),
    "tfk": ("losses.py", "metrics/__init__.py", "activations.py"),
    "k26": ("losses.py", "metrics.py", "activations.py"),
}
"""Where each Keras version defines the losses, metrics and activations a compiled model's config names by string."""


def _file_names(text: str) -> set[str]:
    """Module-level functions and ``alias = NAME`` assignments, and the string keys of dict literals (Keras 3's
    ``ALL_OBJECTS_DICT.update({"mae": …})``)."""
    names: set[str] = set()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            names.add(node.name)
        elif isinstance(node, ast.Assign) and isinstance(node.value, (ast.Name, ast.Attribute)):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name) and not t.id.startswith("_"))
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            pass
        for sub in ast.walk(node):
            if isinstance(sub, ast.Dict):
                names.update(k.value for k in sub.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
                             and re.fullmatch(r"[A-Za-z_]\w{1,60}", k.value))
    return names


def builtin_functions() -> dict[str, list[str]]:
    """The losses, metrics and activations each Keras version resolves by name (``'mae'``, ``'relu6'``), with the
    versions that do: a compiled model's config names them as strings."""
    found: dict[str, set[str]] = {}
    for key, files in BUILTIN_FILES.items():
        for path in files:
            try:
                text = keras_sources.read_source(key, path)
            except (KeyError, FileNotFoundError):
                continue
            for n in _file_names(text):
                found.setdefault(n, set()).add(key)
    for helper in ("get", "serialize", "deserialize"):  # the modules' own lookup functions, not objects
        found.pop(helper, None)
    if "mae" not in found or "k215" not in found["mae"]:
        raise SystemExit("explain_version_names: no 'mae' among Keras 2.15's losses")
    return {n: sorted(v) for n, v in sorted(found.items())}


def keras1_args() -> dict[str, str]:
    """Keras 1's argument names and the Keras 2 names Keras 2.3.1's legacy interfaces convert them to (every
    ``conversions=[('nb_filter', 'filters'), …]`` and ``('nb_epoch', 'epochs')`` pair of keras/legacy/interfaces.py,
    plus the pairs its fit / generator wrappers check), without names Keras 2.15's or Keras 3's layers still take
    (input_dim) or that any call or layer may take (input, output, input_shape)."""
    tree = ast.parse(keras_sources.read_source("k231", "legacy/interfaces.py"))
    pairs: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            old, new = (e.value for e in node.elts)
            if re.fullmatch(r"[a-z_]{3,40}", old) and re.fullmatch(r"[a-z_]{3,40}", new) and old != new:
                pairs[old] = new
    current = keras_sources._layer_init_args("k215") | keras_sources._layer_init_args("k3")
    anywhere = ("input", "output", "input_shape")  # any call's, or every layer's through **kwargs
    pairs = {old: new for old, new in pairs.items() if old not in current and old not in anywhere}
    if pairs.get("nb_filter") != "filters" or pairs.get("nb_epoch") != "epochs":
        raise SystemExit("explain_version_names: Keras 2.3.1's legacy interfaces no longer convert nb_filter / nb_epoch")
    return dict(sorted(pairs.items()))


def tflite_builtins() -> dict[str, int]:
    text = (TF / "lite" / "python" / "schema_py_generated.py").read_text()
    enum = re.search(r"^class BuiltinOperator\(object\):\n((?:    \w+ = -?\d+\n)+)", text, re.M)
    if enum is None:
        raise SystemExit("explain_version_names: no BuiltinOperator enum in TensorFlow's lite/python/schema_py_generated.py")
    ops = {name: int(code) for name, code in re.findall(r"^    (\w+) = (-?\d+)$", enum.group(1), re.M)
           if not name.startswith("PLACEHOLDER_FOR_")}  # 127: codes past it are in the extended field, no operator
    if ops.get("CONV_2D") != 3 or ops.get("ABS") != 101:
        raise SystemExit("explain_version_names: TFLite's BuiltinOperator enum no longer has CONV_2D = 3, ABS = 101")
    return dict(sorted(ops.items()))


def build() -> dict:
    return {"labels": LABELS, "modules": modules(), "layer_args": layer_args(), "tf1_args": tf1_args(),
            "tf1_api": tf1_api(), "builtin_functions": builtin_functions(), "keras1_args": keras1_args(),
            "tflite_builtins": tflite_builtins()}


def main(argv: list[str]) -> int:
    text = json.dumps(build(), separators=(",", ":"), sort_keys=True) + "\n"
    if "--check" in argv:
        current = OUT.read_text() if OUT.exists() else ""
        print("up to date" if current == text else f"{OUT} differs from what the sources give")
        return 0 if current == text else 1
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(OUT)
    print(f"wrote {OUT} ({len(text):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
