"""Keras's own messages for explain's message index (#15), read out of Keras's sources when the index is built.

Users train with Keras and paste what Keras says when it saves, loads, exports or predicts.  Three generations
print different words for the same cause, so each is read from its own source:

* Keras 3: the installed package (``.venv/.../keras/src``), and keras==3.3.3 for wordings early Keras 3 printed;
* Keras 2 as tf.keras (TensorFlow <= 2.15) and as the tf_keras package after it: the wheels keras==2.15.0 and
  tf-keras==2.15.1; older wordings from keras==2.6.0 and the standalone keras==2.3.1;
* h5py/HDF5 (how an unreadable .h5 file shows up): the HDF5 library inside the installed h5py
  (``h5py.libs/libhdf5*``, ``strings -n 8``), whose messages h5py prints as ``Capitalised top (bottom)``;
* what Keras users meet from TensorFlow and Python around Keras: the SavedModel loader's message for a .keras/.h5
  path (python/saved_model/loader_impl.py), the object tf.saved_model.load returns, the Python binding's object-array
  message and a too small conv window (shared libraries, ``strings``), Python's marshal (Lambda bytecode), and model
  methods Keras 2.3/2.6 had that Keras 3 no longer defines (compared by ``ast``).

The wheels are fetched with ``pip download --no-deps`` into :data:`WHEELS` (``$SIGCHECK_KERAS_WHEELS``) the first
time and read straight from the zip; nothing is installed.  Every string expression of a source file (plain, f-string,
``+``, ``%``, ``.format``) becomes a template of literals and ``{placeholders}``; each :class:`Rule` picks the
templates it reads by a regex over them, in the files it names, and the build fails when a rule finds none (a Keras
upgrade that rewords a message must be noticed, as the TF_RULES literals of explain_build_index.py are).

Patterns keep explain_build_index's rule (#19): every gap is bounded and stops at the next literal's first character;
a file path or an object's repr (which may hold that character) ends the pattern, and so does the template's tail
once :data:`READ` characters and every capture are read (advice and config dumps are often cut off in a paste).
Which way a version mismatch goes is read from the wording (Keras 3's ``passed to Dense`` vs Keras 2's list, quoted
or bare class names) and from names harvested from the sources (Keras-3-only InputLayer arguments, Keras-2-only
classes, built-in class names, the kinds ``Unknown …:`` names).

    python scripts/explain_index_keras.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import NAME, SHAPE, entry, gap, library_strings, lit, pattern_key  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / ".venv" / "lib" / "python3.11" / "site-packages"
WHEELS = Path(os.environ.get("SIGCHECK_KERAS_WHEELS", Path.home() / ".cache" / "sigcheck" / "keras-wheels"))

# ------------------------------------------------------------------------------------------------ the sources


@dataclass(frozen=True)
class Source:
    label: str
    """How an entry's source names it, e.g. ``keras 3.15.1``."""
    requirement: str | None
    """pip requirement of the wheel to read; None: the installed Keras 3."""
    prefix: str
    """Folder of the package's sources inside the wheel (or site-packages)."""


def _keras3_version() -> str:
    text = (SITE / "keras" / "src" / "version.py").read_text()
    return re.search(r"__version__ = \"([^\"]+)\"", text).group(1)


SOURCES = {
    "k3": Source(f"keras {_keras3_version()}", None, "keras/src/"),
    "k33": Source("keras 3.3.3", "keras==3.3.3", "keras/src/"),
    "k215": Source("keras 2.15.0", "keras==2.15.0", "keras/src/"),
    "tfk": Source("tf_keras 2.15.1", "tf-keras==2.15.1", "tf_keras/src/"),
    "k26": Source("keras 2.6.0", "keras==2.6.0", "keras/"),
    "k231": Source("keras 2.3.1", "keras==2.3.1", "keras/"),
}


def _wheel(req: str, wheels: Path = WHEELS, options: tuple[str, ...] = (), sdist: bool = False) -> Path:
    """The wheel of ``req`` (``sdist``: its source archive, for a release PyPI has no wheel of) in the cache folder
    ``wheels``, fetched there once with ``pip download --no-deps`` (and ``options``, e.g. another platform's tags); a
    failed download ends the build with one line."""
    name, version = req.split("==")
    stem = name.replace("-", "_").lower()
    if sdist:  # the package itself as source (its build's own dependencies may come as wheels)
        options = (*options, "--no-binary", name)

    def cached() -> list[Path]:
        if sdist:
            return [p for p in wheels.glob("*.tar.gz") if p.name.lower() == f"{stem}-{version}.tar.gz"]
        return [p for p in wheels.glob("*.whl") if p.name.lower().startswith(f"{stem}-{version}-")]

    found = cached()
    if not found:
        wheels.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *options, req, "-d",
                        str(wheels)], check=False)
        found = cached()
    if not found:
        kind = "source archive" if sdist else "wheel"
        raise SystemExit(f"explain index build: pip download {req} gave no {kind} in {wheels}")
    return found[0]


@lru_cache(maxsize=None)
def read_source(key: str, path: str) -> str:
    src = SOURCES[key]
    if src.requirement is None:
        return (SITE / src.prefix / path).read_text()
    with zipfile.ZipFile(_wheel(src.requirement)) as z:
        return z.read(src.prefix + path).decode("utf-8")


@lru_cache(maxsize=None)
def source_names(key: str, folders: tuple[str, ...]) -> frozenset[str]:
    """Every class a Keras version defines under ``folders`` (its built-in layers, models, policies...)."""
    src = SOURCES[key]
    names: set[str] = set()
    if src.requirement is None:
        files = [(p, p.read_text()) for f in folders for p in (SITE / src.prefix / f).rglob("*.py")]
    else:
        with zipfile.ZipFile(_wheel(src.requirement)) as z:
            files = [(n, z.read(n).decode("utf-8")) for n in z.namelist()
                     if n.endswith(".py") and any(n.startswith(src.prefix + f) for f in folders)]
    for path, text in files:
        if str(path).endswith("_test.py"):
            continue
        names.update(n for n in re.findall(r"^class ([A-Z]\w{2,})\b", text, re.M)
                     if not re.search(r"Test|Benchmark|^[A-Z_]+$", n))
    return frozenset(names)


# ------------------------------------------------------------------------------------------------ string sites

Pieces = list[tuple[str, str]]


def _format_pieces(fmt: str, args: list[ast.expr], percent: bool) -> Pieces:
    out: Pieces = []
    spec = r"%[-#0 +]*\d*(?:\.\d+)?[sdrifgx]" if percent else r"\{[^{}]*\}"
    pos, i = 0, 0
    for m in re.finditer(spec + ("|%%" if percent else r"|\{\{|\}\}"), fmt):
        out.append(("lit", fmt[pos:m.start()]))
        if m.group() in ("%%", "{{", "}}"):
            out.append(("lit", m.group()[0]))
        else:
            arg = args[i] if i < len(args) else None
            out.append(("var", ast.unparse(arg) if arg is not None else m.group().strip("{}%")))
            i += 1
        pos = m.end()
    out.append(("lit", fmt[pos:]))
    return out


def string_pieces(node: ast.AST) -> Pieces | None:
    """A string expression as literal and placeholder pieces (None when ``node`` builds no string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [("lit", node.value)]
    if isinstance(node, ast.JoinedStr):
        return [("lit", v.value) if isinstance(v, ast.Constant) else ("var", ast.unparse(v.value))
                for v in node.values]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = string_pieces(node.left), string_pieces(node.right)
        if a is None and b is None:
            return None
        return (a or [("var", ast.unparse(node.left))]) + (b or [("var", ast.unparse(node.right))])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
            and isinstance(node.left.value, str):
        args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
        return _format_pieces(node.left.value, list(args), percent=True)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        base = string_pieces(node.func.value)
        if base and all(k == "lit" for k, _ in base):
            return _format_pieces("".join(t for _, t in base), list(node.args), percent=False)
    return None


def _merge(pieces: Pieces) -> Pieces:
    out: Pieces = []
    for kind, text in pieces:
        if kind == "lit" and out and out[-1][0] == "lit":
            out[-1] = ("lit", out[-1][1] + text)
        elif kind == "lit" and not text:
            continue
        else:
            out.append((kind, text))
    return out


@lru_cache(maxsize=None)
def sites(key: str, path: str) -> tuple[tuple[int, tuple[tuple[str, str], ...]], ...]:
    """(line, pieces) of every outermost string expression in a source file."""
    return string_sites_in(read_source(key, path))


def string_sites_in(text: str) -> tuple[tuple[int, tuple[tuple[str, str], ...]], ...]:
    """(line, pieces) of every outermost string expression in a Python source text."""
    tree = ast.parse(text)
    found: list[tuple[int, tuple[tuple[str, str], ...]]] = []
    inner: set[int] = set()
    for node in ast.walk(tree):
        if id(node) in inner:
            continue
        p = string_pieces(node)
        if p is None:
            continue
        for sub in ast.walk(node):
            inner.add(id(sub))
        p = _merge(p)
        if sum(len(t.strip()) for k, t in p if k == "lit") >= 8:
            found.append((node.lineno, tuple(p)))
    return tuple(found)


def raise_sites_in(text: str) -> list[tuple[int, tuple[tuple[str, str], ...], str]]:
    """(line, pieces, enclosing function) of the message of every ``raise X("…")`` in a Python source text."""
    out: list[tuple[int, tuple[tuple[str, str], ...], str]] = []

    def visit(node: ast.AST, func: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Raise) and isinstance(child.exc, ast.Call) and child.exc.args:
                p = string_pieces(child.exc.args[0])
                if p is not None:
                    out.append((child.lineno, tuple(_merge(p)), func))
            visit(child, func)

    visit(ast.parse(text), "")
    return out


@lru_cache(maxsize=None)
def raise_sites(key: str, path: str) -> tuple[tuple[int, tuple[tuple[str, str], ...], str], ...]:
    return tuple(raise_sites_in(read_source(key, path)))


@lru_cache(maxsize=None)
def expand(key: str, path: str) -> tuple[str, ...]:
    """A source path, or every non-test ``.py`` file a glob (``ops/*.py``, ``layers/**/*.py``) names."""
    if "*" not in path:
        return (path,)
    src = SOURCES[key]
    if src.requirement is None:
        base = SITE / src.prefix
        names = [str(q.relative_to(base)) for q in base.glob(path)]
    else:
        import fnmatch

        with zipfile.ZipFile(_wheel(src.requirement)) as z:
            names = [n[len(src.prefix):] for n in z.namelist() if n.startswith(src.prefix)]
        names = [n for n in names if fnmatch.fnmatch(n, path)]
    found = tuple(sorted(n for n in names if n.endswith(".py") and not n.endswith("_test.py")))
    if not found:
        raise SystemExit(f"explain_index_keras: no source file {SOURCES[key].label} {src.prefix}{path}")
    return found


def template_text(pieces) -> str:
    return "".join(t if k == "lit" else "{" + t + "}" for k, t in pieces)


# ------------------------------------------------------------------------------------------------ patterns

PATH = r"(?P<path>[^\s'\"`]{1,300})"
VARS = [
    # placeholder expression (regex over ast.unparse) -> pattern (a named group, or None: a plain bounded gap)
    (r"ref_shape|expected_shape|^str\(shape\)$|spec\.shape", rf"(?P<want_shape>{SHAPE})"),
    (r"^(?:str\()?(?:tuple\()?(?:display_shape\()?(?:x\.|data_|input_|received_)?shape\)*$",
     rf"(?P<got_shape>{SHAPE})"),
    (r"spec\.(?:min_|max_)?ndim", r"(?P<want_rank>\d{1,3})"),
    (r"^(?:str\()?ndim\)?$", r"(?P<got_rank>\d{1,3})"),
    (r"len\(shape\)", r"(?P<want_rank>\d{1,3})"),
    (r"^(?:str\()?len\(|^(?:str\()?(?:value|axis|input_index|k)\)?$|store\.keys", r"-?\d{1,12}"),
    (r"^spec_names$|^names$|^list\((?!self)", r"\[[^\]\n]{0,300}\]"),  # a Python list of names: ['a', 'b']
    (r"filepath|export_dir|dirpath|path_str|^name$", PATH),
    (r"layer_name|self\.name|layer\.name|__class__\.__name__|class_name|object_name", None),
    (r"shape", SHAPE),  # any other shape: read, not captured
]
PATH_VARS = re.compile(r"filepath|export_dir|dirpath|path_str|^name$")


def _var_pattern(text: str, overrides: dict[str, str]) -> str | None:
    rx = overrides.get(text)
    return rx if rx is not None else next((p for v, p in VARS if re.search(v, text)), None)


READ = 120
"""Literal characters a pattern reads before it may end: past them, and once no capture is left to read, the rest of
the template (advice, a dump of the config) is left out, so a pasted message cut short still matches."""


def pattern_of(pieces, overrides: dict[str, str], budget: int = READ) -> str:
    """The template as a linear-time regex: literals with optional spaces, bounded gaps; a path ends it, and so does
    the template's tail once :data:`READ` characters of it and all its captures are read."""
    out: list[str] = []
    used: set[str] = set()
    read = 0
    if not any(k == "var" and re.search(r"\(\?P<", _var_pattern(t, overrides) or "") for k, t in pieces):
        budget = max(budget, READ)  # nothing to capture: read the literal text
    for i, (kind, text) in enumerate(pieces):
        if kind == "lit":
            text = re.sub(r"\s+", " ", text)
            captures_left = any(k == "var" and re.search(r"\(\?P<", _var_pattern(t, overrides) or "")
                                for k, t in pieces[i + 1:])
            if not captures_left and read + len(text) > budget and i > 0:
                cut = text[:max(budget - read, 40 if budget else 0)]
                text = cut[:cut.rfind(" ")] if " " in cut.strip() else cut
                if text:
                    out.append(lit(text))
                break
            if i == len(pieces) - 1:
                text = text.rstrip(". ")  # a quoted message often loses its final period
            out.append(lit(text))
            read += len(text)
            continue
        after = pieces[i + 1][1] if i + 1 < len(pieces) and pieces[i + 1][0] == "lit" else ""
        rx = _var_pattern(text, overrides)
        names = set(re.findall(r"\(\?P<(\w+)>", rx or ""))
        captures_left = any(k == "var" and re.search(r"\(\?P<", _var_pattern(t, overrides) or "")
                            for k, t in pieces[i:])
        if not names and not captures_left and read >= 40:
            break  # an object's repr (a tensor, a config) may hold any character: the literal text read names it
        if rx is None or names & used:
            rx = gap(None, after)
        used |= names
        out.append(rx)
        if rx == PATH or (PATH_VARS.search(text) and text not in overrides):
            break  # a path may hold any character the next literal starts with: the message is read up to it
    return "".join(out)


def example_of(pieces, values: dict[str, str]) -> str:
    """The template filled with plausible values (what tests/explain/test_index.py explains for each entry)."""
    out = []
    for kind, text in pieces:
        if kind == "lit":
            out.append(text)
            continue
        v = values.get(text)
        if v is None:
            v = ("['a', 'b']" if re.search(r"^spec_names$|^names$|^list\((?!self)", text) else
                 "/models/m/1" if PATH_VARS.search(text) else
                 "(None, 28, 28)" if re.search(r"shape", text) else
                 "2" if re.search(r"ndim|len\(|index|value|axis|^k$|keys", text) else "dense")
        out.append(v)
    return " ".join("".join(out).split())


# ------------------------------------------------------------------------------------------------ the rules

KERAS3_LOAD = ("Keras 3 loads only .keras and .h5 files: for a SavedModel directory use "
               "keras.layers.TFSMLayer(path, call_endpoint='serving_default') (inference only) or "
               "tf.saved_model.load(path), or serve the directory itself with TF Serving; to get the Keras model "
               "back, load it with the Keras 2 that saved it (pip install tf_keras and set TF_USE_LEGACY_KERAS=1, "
               "or TensorFlow <= 2.15) and save it again as .keras")
KERAS3_EXPORT_LOAD = ("Load the SavedModel with keras.layers.TFSMLayer(path, call_endpoint='serving_default') "
                      "(inference only) or tf.saved_model.load(path): no Keras load_model reads a SavedModel export; "
                      "TF Serving and Vertex AI serve the folder itself. To keep a Keras model to load again, save it "
                      "with model.save('model.keras') beside the export. A .tflite file loads with "
                      "tf.lite.Interpreter(model_path=…), an .onnx file with onnxruntime.InferenceSession, a .pkl / "
                      ".joblib file (a pickled model) with pickle.load / joblib.load where the classes it names are "
                      "importable -- or save that model once with model.save('model.keras') and load the .keras file")
SAVED_BY_KERAS3 = ("The file was saved by Keras 3 and is loaded by Keras 2 (tf.keras of TensorFlow <= 2.15, or "
                   "tf_keras): load it with Keras 3 (pip install 'keras>=3', TensorFlow >= 2.16), or in Keras 3 call "
                   "model.export(dir) to write a SavedModel that any TensorFlow 2 and TF Serving load without Keras")
SAVED_BY_KERAS2 = ("The file was saved by Keras 2 (tf.keras, TensorFlow <= 2.15) and is loaded by Keras 3: load it "
                   "with tf_keras (pip install tf_keras; TF_USE_LEGACY_KERAS=1) or TensorFlow <= 2.15 and export a "
                   "SavedModel from there (model.save(dir) / tf.saved_model.save), or rebuild the model in Keras 3 "
                   "code and load only its weights")
SAVED_BY_NEWER = ("The model was saved by a newer TensorFlow/Keras than the one loading it (its config has arguments "
                  "or classes this Keras does not know): load it with the same or a newer version than the one that "
                  "saved it (pip install tensorflow==<training version>), or re-save it from the training "
                  "environment with the older version's format")
CUSTOM_NAMED = ("Define or import {keras_class} where the model is loaded and pass it: keras.models.load_model(path, "
                "custom_objects={{'{keras_class}': {keras_class_object}}}) (or decorate it with "
                "@keras.saving.register_keras_serializable() and import its module before loading); a custom loss or "
                "metric is not needed to predict: keras.models.load_model(path, compile=False); a TF Hub layer: import "
                "tensorflow_hub as hub and pass custom_objects={{'KerasLayer': hub.KerasLayer}}")
"""The fix of a custom object's reading (no category: CATEGORIES.md has none for it), rendered over the name the
message gives (fix.unknown)."""
NOT_FOUND = ("The path does not exist where the process runs: give the absolute path (relative paths resolve from the "
             "working directory; in a container, the path inside the container), and for a SavedModel the directory "
             "that directly holds saved_model.pb")
NOT_A_KERAS_ZIP = ("Check os.path.exists(PATH) and zipfile.is_zipfile(PATH): not there, give the path where it really "
                   "is (the absolute path; in a container, the path inside it); there but no zip, look at its first "
                   "bytes (head -c 100 FILE): 'version https://git-lfs' is a Git LFS pointer (git lfs pull), '<html' a "
                   "failed download, '\\x89HDF' an HDF5 model (name it .h5); otherwise it is cut short: copy it again")
NOT_HDF5 = ("The file is not an HDF5 file: look at its first bytes (head -c 64 FILE): 'version https://git-lfs' is a "
            "Git LFS pointer (git lfs pull), 'PK' is a .keras zip (load it with Keras >= 2.12 / Keras 3 under a .keras "
            "name), '<html' is a failed download; otherwise it is cut short: copy it again")
WEIGHTS_OF_ANOTHER_MODEL = "runtime_version_mismatch"
"""Weights that do not fit the model they are loaded into were written by a model built otherwise: another version
of the model's code, of a released model's project or of Keras (whose weight names and counts change between
versions).  Not a partial copy of a served model's variables (variables_not_restored): the file is whole, the
architecture it came from is not this one."""
WEIGHT_SIZES = "model_graph_shape_bug"
"""Weights of a layer whose saved shape differs from the shape the model's code built (both shapes in the message):
the code that builds the model sets a size other than the run that trained the weights did -- most often the number
of classes of its head (YOLO's anchors x (classes + 5), Mask R-CNN's 4 x classes), else a vocabulary, embedding or
input size.  The reading decider ``weight_shapes`` (sigcheck/explain/index.py) makes of it: a SavedModel's own
variables/ not matching its graph stays variables not restored, a permutation of the same sizes another
framework's or version's layout.  Its entries carry no fix of their own: the category's ``weight_sizes`` wording
(catalogue.json) says it with the two shapes."""
WEIGHT_SIZES_FIX = json.loads((ROOT / "sigcheck" / "explain" / "catalogue.json").read_text())["categories"][
    WEIGHT_SIZES]["variants"]["weight_sizes"]["fix"][0]
"""The first step of the category's ``weight_sizes`` wording, for the entries whose rules must carry a fix (read from
the catalogue: one text)."""
WEIGHTS_FIT = ("Build the model with exactly the architecture that saved the weights (same layers in the same order, "
               "same include_top / classes / input shape, same Keras version), or save and load the whole model "
               "(.keras) instead of its weights")
NOT_BUILT = ("The layer had no weights when the file was written or has none when it is read: build the model before "
             "saving and before loading (call it on one batch, model.build((None, ...)), or start it with "
             "keras.Input), make custom layers create their sublayers' weights in build(), and load with the Keras "
             "version that saved it")

AXIS_FIX = ("Send inputs of the shape the model was built for: the message gives the size the layer wants on the axis "
            "it names and the shape it got (e.g. 28x28 images sent to a Dense layer trained on 784 flattened pixels: "
            "reshape each to 784 values or put a Flatten layer first; RGB where the model takes grayscale: convert "
            "the channels); print model.input_shape to see it")

EXPORT_FIX = ("Keras 3's model.save writes only .keras and .h5 files: write the SavedModel TF Serving / Vertex load "
              "with model.export('models/NAME/1') (or tf.saved_model.save(model, dir)); code written for tf.keras 2's "
              "model.save(dir) can also run unchanged under tf_keras (pip install tf_keras; TF_USE_LEGACY_KERAS=1)")
IMPROPER_CONFIG = ("an object's saved config is not the {'class_name': ..., 'config': ...} pair this Keras reads: the "
                   "file was written by another Keras (Keras 1 wrote {'name': 'L1L2Regularizer', ...})")
IMPROPER_CONFIG_FIX = ("The model file uses another Keras's config layout (Keras 1's {'name': ...} rather than "
                       "{'class_name': ..., 'config': ...}): load it with the Keras version that saved it (e.g. pip "
                       "install keras==1.2.2 for a Keras 1 file) and save it again from there, or rebuild the model in "
                       "code and load only its weights")
RESTORE_CUSTOM = ("Pass the class where the model is loaded: keras.models.load_model(path, custom_objects={'Name': "
                  "Class}); to predict only, load_model(path, compile=False) skips custom losses and metrics, or "
                  "tf.saved_model.load(path).signatures['serving_default'] needs no Keras classes at all")
OTHER_KERAS_MODULE = ("The file was written by another Keras version (its config names that version's module paths): "
                      "load it with the Keras that wrote it (tf_keras / TensorFlow 2.13-2.15 for keras.src.engine.*; Keras 3 "
                      "itself for keras.src.models.* — import keras, not tf_keras, and unset TF_USE_LEGACY_KERAS) "
                      "and export a SavedModel from there for serving (model.export(dir) in Keras 3, model.save(dir) "
                      "in Keras 2), or rebuild the model in code and load its weights")
REMOVED_METHOD = ("The code calls a model method that newer Keras removed (predict_classes / predict_proba since "
                  "TensorFlow 2.6; fit_generator, predict_generator, evaluate_generator in Keras 3): use "
                  "model.predict(x) (np.argmax(p, axis=-1) for classes, p itself for probabilities) and "
                  "fit/evaluate/predict with the generator, or pin the Keras version the code was written for")
DESERIALIZING = ("Keras's wrapper around an error raised while rebuilding a class from the saved config: look for the "
                 "message after 'Exception encountered:' (the cause)")


KERAS3_WEIGHTS = ("Keras 3 reads and writes weights as .weights.h5 (and whole models as .keras): save with "
                  "model.save_weights('model.weights.h5'); weights written by Keras 2 as a TensorFlow checkpoint "
                  "(model.ckpt.index / .data-*) load only in Keras 2 (tf_keras with TF_USE_LEGACY_KERAS=1, or "
                  "TensorFlow <= 2.15): load them there and save .weights.h5 or a whole .keras model")
LAMBDA_FIX = ("The Lambda layer's function was written for tf.keras 2 (tf.* on Keras tensors) and Keras 3 cannot run "
              "it symbolically: load and run the model with tf_keras (pip install tf_keras; TF_USE_LEGACY_KERAS=1) "
              "or TensorFlow <= 2.15 and export a SavedModel from there; or rebuild the model in Keras 3 code with "
              "Lambda(fn, output_shape=...) (keras.ops inside fn) and load only its weights")
CONFIG_FIX = ("The model's saved config is not one this Keras can rebuild: load the file with the Keras version that "
              "wrote it (tf_keras / TensorFlow <= 2.15 for Keras 2 files) and export a SavedModel from there, or "
              "rebuild the model in code and load only its weights")
SHAPE_CHECK = (r"(?i)^(?!.*(?:dtype|quantiz|lora|symbolic|must be of type|must be an? (?:integer|int|bool|list|tuple|"
               r"dict|string|callable)|positive integer|passed both|not supported|deprecated|Lambda|"
               r"compute_output_shape|eager mode|batch sizes?\b))(?=.*(?:receiv|found|got|but |saw))"
               r".*(?:shape|\brank\b|ndim|dimension|broadcast|total size)")
"""A raise site that checks the shapes of what an op or layer got and says what it got (not its arguments' types,
its dtypes, or what the model's code must implement)."""
LAYER_CHECKS = r"^(?:build|call|_?compute\w*_(?:shape|spec)|_check\w*|_validate\w*|_assert\w*)$"
"""The functions of a layer that check its input (its __init__ checks the arguments the code gives)."""


@dataclass(frozen=True)
class Rule:
    where: tuple
    """What to read, as the module that owns the rule names it: here (source key, file) pairs; in
    explain_index_python, file names (tensorflow/..., ``hub:`` / ``np:`` for tensorflow_hub's wheel and numpy)."""
    select: str
    """Regex over a template text (``literal {placeholder} literal``) of those files."""
    category: str | None
    meaning: str
    """What the message means for someone serving a model (the reading when category is None)."""
    fix: str | None = None
    decider: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    """Placeholder expression -> pattern: a narrower reading (e.g. only built-in Keras class names)."""
    values: dict[str, str] = field(default_factory=dict)
    """Placeholder expression -> value in the entry's example."""
    start: str | None = None
    """Read the template from this literal on (what comes before it may be a whole tensor's repr)."""
    stop: str | None = None
    """Read the template up to the end of this literal (what follows is formatting or another message)."""
    read: int = READ
    """Literal characters read before the pattern may end (0: it ends with its last capture)."""
    funcs: str | None = None
    """Read only the messages raised (``raise X("…")``) inside functions whose name this regex matches (``build``,
    ``call``, ``from_config``…; ``.`` any): a rule over a whole module (``where`` may name globs) reads the checks of
    one stage of it.  None: every string expression of the files it names (explain_index_python: every raise site;
    ``""`` there: every string expression, for a message built in a variable before it is raised)."""
    family: str | None = None
    """A broad rule over a module (every shape check of keras.ops…): its entries speak only when nothing more
    specific reads the text (index.Entry.family); a site whose pattern has no literal of :data:`FAMILY_KEY` characters
    (``{x} is not supported``) or that does not match its own example is left out rather than failing the build."""


def _alternatives(names) -> str:
    return "(?:" + "|".join(sorted(map(re.escape, names), key=lambda s: (-len(s), s))) + ")"


@lru_cache(maxsize=1)
def _builtin_names() -> tuple[str, str]:
    """Keras built-in class names (of Keras 3 and of Keras 2.15), and those only Keras 2 has.  Keras 2 also
    registers names under which tf.keras of TensorFlow 1.13-1.15 saved its layers (``BatchNormalizationV1``...):
    they are read from its layers/serialization.py (``ALL_OBJECTS["Name"] = ...``)."""
    k3 = source_names("k3", ("layers/", "models/", "dtype_policies/", "optimizers/", "losses/", "metrics/",
                             "initializers/", "regularizers/", "constraints/"))
    k2 = source_names("k215", ("layers/", "engine/", "mixed_precision/", "optimizers/", "losses.py", "metrics/",
                               "initializers/", "regularizers.py", "constraints.py", "models/"))
    k2 |= _registered_names("k215", "layers/serialization.py") | _registered_names("k26", "layers/serialization.py")
    if "BatchNormalizationV1" not in k2:
        raise SystemExit("explain_index_keras: Keras 2 no longer registers BatchNormalizationV1")
    return _alternatives(k3 | k2), _alternatives(k2 - k3)


def _registered_names(key: str, path: str) -> set[str]:
    """Names a Keras version's serialization registers by string (``LOCAL.ALL_OBJECTS["BatchNormalizationV1"]``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(read_source(key, path))):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Subscript) and ast.unparse(t.value).endswith("ALL_OBJECTS") \
                        and isinstance(t.slice, ast.Constant) and isinstance(t.slice.value, str):
                    names.add(t.slice.value)
    return names


def _layer_init_args(key: str) -> set[str]:
    """Every argument name of an ``__init__`` of a class under a Keras version's layers/."""
    src = SOURCES[key]
    if src.requirement is None:
        texts = [p.read_text() for p in (SITE / src.prefix / "layers").rglob("*.py") if not p.name.endswith("_test.py")]
    else:
        with zipfile.ZipFile(_wheel(src.requirement)) as z:
            texts = [z.read(n).decode("utf-8") for n in z.namelist()
                     if n.startswith(src.prefix + "layers/") and n.endswith(".py") and not n.endswith("_test.py")]
    names: set[str] = set()
    for text in texts:
        for cls in ast.walk(ast.parse(text)):
            if isinstance(cls, ast.ClassDef):
                for f in cls.body:
                    if isinstance(f, ast.FunctionDef) and f.name == "__init__":
                        names |= {a.arg for a in f.args.args + f.args.kwonlyargs}
    return names


@lru_cache(maxsize=1)
def _newer_keras3_kwargs() -> str:
    """Layer arguments the installed Keras 3 has that Keras 3.3.3 and Keras 2.15 had not (quantization_config, …):
    a file that carries them was saved by a newer Keras 3 than an early one that rejects them."""
    new = _layer_init_args("k3") - _layer_init_args("k33") - _layer_init_args("k215")
    if "quantization_config" not in new:
        raise SystemExit("explain_index_keras: quantization_config is no longer a newer Keras 3 layer argument")
    return _alternatives(new)


@lru_cache(maxsize=1)
def _builtin_functions() -> str:
    """Module-level functions of the Keras activations and losses (Keras 3 and 2.15): names a config may give."""
    names: set[str] = set()
    for key, files in (("k3", ("activations/activations.py", "losses/losses.py")),
                       ("k215", ("activations.py", "losses.py"))):
        for path in files:
            names |= {f.name for f in ast.parse(read_source(key, path)).body
                      if isinstance(f, ast.FunctionDef) and not f.name.startswith("_") and len(f.name) > 2}
    if "gelu" not in names:
        raise SystemExit("explain_index_keras: no gelu among Keras's activations")
    return _alternatives(names)


@lru_cache(maxsize=1)
def _object_kinds() -> str:
    """What ``Unknown {printable_module_name}: …`` names (layer, loss function, …), from every call passing it."""
    kinds: set[str] = set()
    for key, src in SOURCES.items():
        if src.requirement is None:
            texts = [p.read_text() for p in (SITE / src.prefix).rglob("*.py")]
        else:
            with zipfile.ZipFile(_wheel(src.requirement)) as z:
                texts = [z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".py")]
        for text in texts:
            kinds.update(re.findall(r"printable_module_name=[\"']([a-z ]{3,40})[\"']", text))
    if "layer" not in kinds:
        raise SystemExit("explain_index_keras: no printable_module_name='layer' in the Keras sources")
    return _alternatives(kinds)


@lru_cache(maxsize=1)
def _new_input_kwargs() -> str:
    """InputLayer arguments Keras 3 writes into a config that Keras 2.15's InputLayer does not take."""
    def accepted(key: str, path: str) -> set[str]:
        tree = ast.parse(read_source(key, path))
        cls = next(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and n.name == "InputLayer")
        init = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
        names = {a.arg for a in init.args.args + init.args.kwonlyargs}
        names |= {n.value for n in ast.walk(init) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                  and re.fullmatch(r"[a-z_]{3,30}", n.value)}
        return names
    new = accepted("k3", "layers/core/input_layer.py") - accepted("k215", "engine/input_layer.py") - {"self"}
    if "batch_shape" not in new:
        raise SystemExit("explain_index_keras: batch_shape is no longer a Keras-3-only InputLayer argument")
    return _alternatives(new)


def rules() -> list[Rule]:
    builtin, keras2_only = _builtin_names()
    new_kwargs = _new_input_kwargs()
    kinds = _object_kinds()
    functions = _builtin_functions()
    interpret = (("k3", "activations/__init__.py"), ("k215", "activations.py"), ("tfk", "activations.py"),
                 ("k215", "initializers/__init__.py"), ("tfk", "initializers/__init__.py"), ("k215", "regularizers.py"),
                 ("k215", "constraints.py"), ("k215", "losses.py"), ("k215", "optimizers/__init__.py"),
                 ("k26", "activations.py"), ("k26", "initializers/__init__.py"))
    interpret_rx = r"^Could not interpret [\w ]{3,40} identifier: \{"
    k2_files = lambda path: (("k215", path), ("tfk", path))  # noqa: E731 - tf.keras 2.15 and tf_keras 2.15
    return [
        # --- the file given to load_model ---
        # (load_weights' wording first: it reads further than load_model's, which ends at the path)
        Rule((("k3", "saving/saving_api.py"),), r"^File format not supported: filepath=\{filepath\}\. Keras 3 only "
             r"supports V3 `\.keras` files, `\.weights\.h5` files", "runtime_version_mismatch",
             "Keras 3's load_weights was given a file it does not read: most often a TensorFlow checkpoint prefix "
             "(model.ckpt, with .index / .data-* files), the format Keras 2's save_weights wrote by default",
             funcs=".", fix=KERAS3_WEIGHTS, overrides={"filepath": r"(?P<path>[^\s'\"`]{1,300}?)"}),
        Rule((("k3", "saving/saving_api.py"),), r"^File format not supported: filepath=\{filepath\}\. Keras 3 only "
             r"supports V3 `\.keras` files, legacy", None,
             "Keras 3's load_model was given a TensorFlow SavedModel directory, a serving export (a numbered version "
             "directory, as model.export and tf.saved_model.save write for TF Serving), or another framework's file "
             "(.tflite, .onnx, a pickle), which no Keras load_model reads as a Keras model: the loader, not a version "
             "(a folder "
             "of another name is most often Keras 2's model.save(dir), read as a version crossing); not about the "
             "request or model's signature",
             fix=KERAS3_EXPORT_LOAD, decider="keras3_savedmodel_dir"),
        Rule((("k3", "saving/saving_api.py"),), r"^File not found: filepath=", "savedmodel_not_found",
             "Keras 3's load_model was given a .keras path that zipfile.is_zipfile refuses: nothing is there, or the "
             "file there is no .keras zip (a Git LFS pointer, a saved HTML page, a truncated copy, an HDF5 model "
             "renamed .keras)", fix=NOT_A_KERAS_ZIP),
        Rule((("k3", "export/export_utils.py"),), r"^The model provided has not yet been built", None,
             "model.export (or ExportArchive) got a subclassed or Sequential model that has no weights yet, so it "
             "has no input signature to trace: call it once on a batch (model(x[:1])) or model.build(input_shape) "
             "before exporting, or give the export an input_signature; not about the request or model's signature",
             funcs="."),
        Rule((("k3", "export/openvino.py"), ("k3", "export/litert.py"), ("k3", "export/torch.py")),
             r"^The \w+ export requires the filepath to end with", None,
             "model.export(format=…) writes one file for OpenVINO (an IR .xml with its .bin), LiteRT (.tflite) or "
             "PyTorch (torch.export's .pt2), and the path given does not end with that extension (a folder is what "
             "format='tf_saved_model' writes); not about the request or model's signature",
             fix="Give the path of the file the format writes: model.export('model.xml', format='openvino'), "
                 "'model.tflite' for format='litert', 'model.pt2' for format='torch'; a SavedModel for TF Serving is "
                 "model.export('export_dir') (format='tf_saved_model')", funcs="."),
        # Keras 3 on the PyTorch backend: what it cannot write for TensorFlow serving
        Rule((("k3", "backend/torch/export.py"),), r"^`(?:track|add_endpoint)` is not supported for `Layer`s and "
             r"`Model`s in the torch backend", None,
             "ExportArchive's track / add_endpoint ran under KERAS_BACKEND=torch, whose export goes through "
             "torch.export, not a TensorFlow SavedModel: a SavedModel for TF Serving / Vertex AI is written under the "
             "TensorFlow backend; not about the request or model's signature",
             fix="Export under the TensorFlow backend: save the model (model.save('m.keras')), then in a process with "
                 "KERAS_BACKEND=tensorflow load it (keras.saving.load_model) and call model.export('export_dir') (or "
                 "ExportArchive there); the weights are the same on every backend", funcs="."),
        Rule((("k3", "utils/torch_utils.py"),), r"^Requested the deserialization of a `torch\.nn\.Module`", None,
             "the model holds a TorchModuleWrapper (a torch.nn.Module inside a Keras model), saved with torch.save: "
             "loading it unpickles it with torch.load, which safe_mode refuses, and it runs only where torch is the "
             "backend, so no TensorFlow SavedModel can carry it; not about the request or model's signature",
             fix="Rebuild that part with Keras layers (keras.layers.Dense, Conv2D …, backend-independent) and copy "
                 "the torch module's weights into them (layer.set_weights with the parameters transposed where the "
                 "layouts differ), then save and export under KERAS_BACKEND=tensorflow; safe_mode=False only loads "
                 "the wrapper, under the torch backend, for a file you trust", funcs=".", stop="disallowed by default"),
        Rule((("k3", "layers/preprocessing/index_lookup.py"),), r"^When `num_oov_indices=0` all inputs should be in "
             r"vocabulary", None,
             "a StringLookup / IntegerLookup built with num_oov_indices=0 met a value outside its vocabulary (a "
             "category unseen in training): send values of the vocabulary, or rebuild the layer with "
             "num_oov_indices=1 so unseen values map to the OOV index and export again; not about the request or "
             "model's signature (a value, not its form)", stop="all inputs should be in vocabulary"),
        Rule((("k3", "layers/preprocessing/index_lookup.py"),) + k2_files("layers/preprocessing/index_lookup.py")
             + (("k26", "layers/preprocessing/index_lookup.py"),),
             r"^Vocabulary file \{vocabulary\} does not exist", "initializer_missing_in_export",
             "a lookup layer (StringLookup / IntegerLookup / TextVectorization) was given its vocabulary as a file "
             "path: the model's saved config keeps only the path, and no file is there where the model is loaded "
             "(or run): the vocabulary did not travel with the model",
             fix="Give the layer its vocabulary as a list (vocabulary=[...], or adapt() it) before saving, so the "
                 "file keeps the words; or put the vocabulary file at the path the message names where the model is "
                 "loaded; a SavedModel (model.export) copies a vocabulary file into its assets/"),
        Rule((("k3", "layers/preprocessing/discretization.py"),), r"^You need to either pass the `bin_boundaries` "
             r"argument", None,
             "a Discretization layer was used with no bins: call layer.adapt(data) or give bin_boundaries=[...] when "
             "the model is built, then export again; not about the request or model's signature", funcs="."),
        Rule(k2_files("saving/legacy/hdf5_format.py"), r"is not supported in h5, use `save_format='tf'`", None,
             "tf.keras 2 cannot write a layer whose state is no tf.Variable (a TextVectorization / StringLookup "
             "vocabulary, a lookup table) into an .h5 file: save the model as a SavedModel directory "
             "(model.save('dir', save_format='tf'), which TF Serving serves) or a .keras file (model.save("
             "'model.keras')); not about the request or model", funcs="."),
        Rule(k2_files("saving/legacy/save.py"), r"^No file or directory found at ", "savedmodel_not_found",
             "tf.keras load_model was given a path that does not exist", fix=NOT_FOUND),
        Rule(k2_files("saving/legacy/save.py"), r"^Unable to load model\. Filepath is not an hdf5 file",
             "runtime_version_mismatch",
             "tf.keras (Keras 2) load_model found neither an HDF5 file nor a SavedModel directory at the path: "
             "typically a .keras file written by Keras 3 (which Keras 2 before 2.12 cannot read), or a single .pb file",
             fix="If the file is a .keras zip saved by Keras 3, load it with Keras 3 (TensorFlow >= 2.16, "
                 "pip install 'keras>=3'); if it is saved_model.pb, give load_model the directory that holds it"),
        Rule((("k3", "legacy/saving/legacy_h5_format.py"),) + k2_files("saving/legacy/hdf5_format.py"),
             r"^No model config found in the file at", "model_load_failed",
             "the .h5 file holds only weights (model.save_weights), not a model load_model can rebuild",
             fix="Build the model in code and call model.load_weights(path), or save the whole model "
                 "(model.save('model.keras')) where it was trained"),
        Rule((("k26", "saving/hdf5_format.py"), ("k231", "engine/saving.py")), r"^No model found in config",
             "model_load_failed", "the .h5 file holds only weights (model.save_weights), not a model load_model can "
             "rebuild", fix="Build the model in code and call model.load_weights(path), or save the whole model "
                            "(model.save(path)) where it was trained"),
        # --- classes and arguments another Keras version wrote ---
        Rule(k2_files("engine/base_layer.py"), r"^Expected `trainable` argument to be a boolean, but got: ",
             "runtime_version_mismatch",
             "Keras 2 (2.7+: tf.keras / tf_keras) rebuilding a layer from a saved config got a trainable that is no "
             "boolean (None): the config was written by another Keras version or tool (an older standalone Keras, a "
             "converter) that stored no boolean there",
             fix="Load the model with the Keras version that saved it and save it again from there (model.save), or "
                 "build the architecture in code and load only the weights (model.load_weights('model.h5'))"),
        Rule(k2_files("saving/serialization_lib.py"), r"^Could not locate \{obj_type\} '\{name\}'\. Make sure custom "
             r"classes are decorated", "runtime_version_mismatch",
             "Keras 2 (tf.keras 2.13-2.15 / tf_keras) cannot find a Keras built-in class under the module path the "
             "file names: the .keras file was written by Keras 3", fix=SAVED_BY_KERAS3,
             overrides={"name": f"(?P<keras_class>{builtin})"}, values={"name": "Functional", "obj_type": "class"}),
        Rule(k2_files("saving/serialization_lib.py") + (("k3", "saving/serialization_lib.py"),),
             r"^Could not locate \{obj_type\} '\{name\}'\. Make sure custom", None,
             "the model's config names a class or function that is not registered where it is loaded (a custom "
             "layer, loss or activation)", fix=CUSTOM_NAMED, decider="custom_object",
             overrides={"name": f"(?!{builtin}')(?P<keras_class>[^'\\n]{{1,160}})"},
             values={"name": "MyLayer", "obj_type": "class"}),
        Rule((("k3", "saving/serialization_lib.py"),), r"^Could not locate \{obj_type\} '\{name\}'\. Make sure custom "
             r"classes and functions", "runtime_version_mismatch",
             "Keras 3 cannot find a class that only Keras 2 has (TFOpLambda, SlicingOpLambda: raw tf.* calls "
             "inside a Keras 2 Functional model): the file was written by Keras 2", fix=SAVED_BY_KERAS2,
             overrides={"name": f"(?P<keras_class>{keras2_only})"},
             values={"name": "TFOpLambda", "obj_type": "class"}),
        Rule((("k3", "legacy/saving/serialization.py"),),
             r"^Unknown \{printable_module_name\}: '\{(?:class|object)_name\}'(?:\.|$)", "runtime_version_mismatch",
             "Keras 3 (reading an .h5 file) does not know a class only Keras 2 has (TFOpLambda, SlicingOpLambda: "
             "raw tf.* calls inside a Keras 2 Functional model): the file was written by Keras 2",
             fix=SAVED_BY_KERAS2, read=0, overrides={"printable_module_name": kinds,
                                                     "class_name": f"(?P<keras_class>{keras2_only})\\b",
                                                     "object_name": f"(?P<keras_class>{keras2_only})\\b"},
             values={"class_name": "TFOpLambda", "object_name": "TFOpLambda", "printable_module_name": "layer"}),
        Rule((("k3", "legacy/saving/serialization.py"),) + k2_files("saving/legacy/serialization.py")
             + (("k26", "utils/generic_utils.py"), ("k231", "utils/generic_utils.py")),
             r"^Unknown \{printable_module_name\}: '?\{(?:class|object)_name\}'?(?:\.|$)", "runtime_version_mismatch",
             "the loading Keras does not know a class that is a built-in of another Keras version (Functional "
             "before TF 2.4, a Keras 3 class in Keras 2): the model was saved by another (newer) Keras",
             fix=SAVED_BY_NEWER, read=0, overrides={"printable_module_name": kinds,
                                                    "class_name": f"(?P<keras_class>{builtin})\\b",
                                                    "object_name": f"(?P<keras_class>{builtin})\\b"},
             values={"class_name": "Functional", "object_name": "Functional", "printable_module_name": "layer"}),
        Rule((("k3", "legacy/saving/serialization.py"),) + k2_files("saving/legacy/serialization.py")
             + (("k26", "utils/generic_utils.py"), ("k231", "utils/generic_utils.py")),
             r"^Unknown \{printable_module_name\}: '?\{(?:class|object)_name\}'?(?:\.|$)", None,
             "the model's config names a class or function that is not registered where it is loaded (a custom "
             "layer, a TF Hub KerasLayer, a custom loss or metric)", fix=CUSTOM_NAMED, decider="custom_object",
             read=0, overrides={"printable_module_name": kinds,
                        "class_name": f"(?!{builtin}\\b)(?P<keras_class><lambda>|[\\w.>-]{{1,120}})",
                        "object_name": f"(?!{builtin}\\b)(?P<keras_class><lambda>|[\\w.>-]{{1,120}})"},
             values={"class_name": "MyLayer", "object_name": "MyLayer", "printable_module_name": "layer"}),
        Rule(k2_files("saving/legacy/saved_model/load.py") + (("k26", "saving/saved_model/load.py"),),
             r"^Unable to restore custom object of", None,
             "tf.keras could not rebuild a custom class (layer, loss, metric) stored in a Keras SavedModel: it is "
             "not registered where the model is loaded", decider="custom_object",
             fix=RESTORE_CUSTOM),
        Rule(k2_files("saving/legacy/saved_model/load.py") + (("k26", "saving/saved_model/load.py"),),
             r"^Unable to restore (?:object of class|custom metric)|^Cannot call custom layer", None,
             "tf.keras could not rebuild a custom class (layer, loss, metric) stored in a Keras SavedModel: it is "
             "not registered where the model is loaded", decider="custom_object", fix=RESTORE_CUSTOM,
             overrides={"layer.name": r"[^\s]{1,160}", "type(layer)": r"[^\n,]{1,200}"}),
        Rule(k2_files("saving/legacy/saved_model/load.py") + (("k26", "saving/saved_model/load.py"),),
             r"^Unable to create a Keras model from SavedModel at", "model_load_failed",
             "tf.keras load_model was given a SavedModel without Keras metadata (written by tf.saved_model.save, or "
             "by Keras 3's model.export): it can be served and called, not rebuilt as a Keras model",
             fix="Load it as TensorFlow's object: m = tf.saved_model.load(path) and call "
                 "m.signatures['serving_default'](...) (or keras.layers.TFSMLayer(path) in Keras 3); TF Serving "
                 "serves the directory as it is; to get a Keras model, load the .keras/.h5 file the training saved",
             stop="Unable to create a Keras model from SavedModel at"),
        Rule(k2_files("saving/legacy/save.py"), r"^Unable to load weights\. filepath \{filepath\} appears to be a "
             r"SavedModel directory", "variables_not_restored",
             "load_weights was given a SavedModel directory whose variables/ checkpoint is missing or unreadable",
             fix="Check that variables/variables.index and variables/variables.data-* exist and are complete in the "
                 "directory (copy it again whole), or give load_weights the .h5 / checkpoint prefix the weights "
                 "were saved to", stop="Unable to load weights. filepath"),
        Rule(k2_files("saving/legacy/save.py") + (("k26", "engine/training.py"),),
             r"^Unable to load weights saved in HDF5 format into a subclassed Model", "variables_not_restored",
             "the weights were loaded into a subclassed model that has no variables yet (never called or built)",
             fix=NOT_BUILT),
        Rule((("k3", "saving/serialization_lib.py"),), r"^Could not deserialize \{obj_type\} '\{name\}' because its "
             r"parent module", "runtime_version_mismatch",
             "the saved config names a Keras module this Keras does not have (keras.src.engine.* of Keras 2.13-2.15, "
             "a module a newer Keras 3 moved, or tf_keras reading a Keras 3 file: tf_keras maps keras.src.models.* "
             "of Keras 3 to tf_keras.src.models.*, which it does not have): another Keras version wrote the file",
             fix=OTHER_KERAS_MODULE,
             overrides={"module": r"(?P<module>(?:tf_)?keras\.[\w.]{1,200})",
                        "name": r"(?P<keras_class>[^'\n]{1,160})"},
             values={"obj_type": "class", "name": "Functional", "module": "keras.src.engine.functional"}),
        Rule((("k3", "saving/serialization_lib.py"),), r"^Could not deserialize \{obj_type\} '\{name\}' because its "
             r"parent module", None,
             "the saved config names a class whose module cannot be imported where the model is loaded (a custom "
             "package not installed or not on the path)", fix=CUSTOM_NAMED, decider="custom_object",
             overrides={"module": r"(?!(?:tf_)?keras\.)(?P<module>[\w.]{1,200})",
                        "name": r"(?P<keras_class>[^'\n]{1,160})"},
             values={"obj_type": "class", "name": "MyLayer", "module": "my_package.layers"}),
        Rule((("k231", "utils/generic_utils.py"), ("k26", "utils/generic_utils.py")),
             r"^Improper config format: \{str\(config\)\}$", "runtime_version_mismatch", IMPROPER_CONFIG,
             fix=IMPROPER_CONFIG_FIX, values={"str(config)": "{'l2': 0.0005, 'name': 'L1L2Regularizer', 'l1': 0.0}"}),
        Rule((("k3", "legacy/saving/serialization.py"),) + k2_files("saving/legacy/serialization.py"),
             r"^Improper config format for \{config\}", "runtime_version_mismatch", IMPROPER_CONFIG,
             fix=IMPROPER_CONFIG_FIX, stop="Improper config format for"),
        Rule(interpret[1:], interpret_rx, "runtime_version_mismatch",
             "Keras 2 got an object config in Keras 3's form ({'module': 'keras...', 'class_name': ...}): the file "
             "was written by Keras 3", fix=SAVED_BY_KERAS3, read=0,
             overrides={"identifier": r"(?P<config>\{'module': ?'keras[\w.]{0,60}')",
                        "str(identifier)": r"(?P<config>\{'module': ?'keras[\w.]{0,60}')"},
             values={"identifier": "{'module': 'keras.initializers', 'class_name': 'GlorotUniform'}",
                     "str(identifier)": "{'module': 'keras.initializers', 'class_name': 'GlorotUniform'}"}),
        Rule(interpret, interpret_rx, "runtime_version_mismatch",
             "the loading Keras does not know a built-in function of another Keras version (e.g. 'gelu' or 'swish' "
             "before TensorFlow 2.2-2.4): the model was saved by a newer Keras", fix=SAVED_BY_NEWER, read=0,
             overrides={"identifier": rf"'?(?P<function>{functions})\b",
                        "str(identifier)": rf"'?(?P<function>{functions})\b"},
             values={"identifier": "gelu", "str(identifier)": "gelu"}),
        Rule(interpret, interpret_rx, None,
             "the model's config names an activation, loss or initializer that is not registered where it is loaded "
             "(a custom function)", fix=CUSTOM_NAMED, decider="custom_object", read=0,
             overrides={"identifier": rf"(?!'?(?:{functions})\b)'?(?P<keras_class>[A-Za-z_][\w.]{{0,80}})",
                        "str(identifier)": rf"(?!'?(?:{functions})\b)'?(?P<keras_class>[A-Za-z_][\w.]{{0,80}})"},
             values={"identifier": "my_activation", "str(identifier)": "my_activation"}),
        Rule(k2_files("engine/input_layer.py"), r"^Unrecognized keyword arguments: \{list\(kwargs", 
             "runtime_version_mismatch",
             "Keras 2's InputLayer got an argument only Keras 3 writes (batch_shape, optional): the model was saved "
             "by Keras 3", fix=SAVED_BY_KERAS3,
             overrides={"list(kwargs.keys())": f"\\[[^\\]\\n]{{0,200}}'(?P<kwarg>{new_kwargs})'"},
             values={"list(kwargs.keys())": "['batch_shape']"}),
        Rule(k2_files("engine/input_layer.py") + (("k26", "engine/input_layer.py"),),
             r"^Unrecognized keyword arguments:", "runtime_version_mismatch",
             "Keras 2's InputLayer got an argument its version does not have: the model was saved by a newer "
             "TensorFlow/Keras", fix=SAVED_BY_NEWER),
        Rule(k2_files("utils/generic_utils.py") + (("k26", "utils/generic_utils.py"),),
             r"^Keyword argument not understood:$", "runtime_version_mismatch",
             "a Keras 2 layer got an argument its version does not have (e.g. groups, ragged): the model was saved "
             "by a newer TensorFlow/Keras", fix=SAVED_BY_NEWER),
        Rule((("k3", "layers/layer.py"),), r"^Unrecognized keyword arguments passed to ", "runtime_version_mismatch",
             "an early Keras 3 rebuilds a layer from a config with an argument only a later Keras 3 writes "
             "(quantization_config, lora_alpha, ...): the file was saved by a newer Keras 3",
             fix="The file was saved by a newer Keras 3 than the one loading it: upgrade Keras where it is loaded "
                 "(pip install -U keras, to at least the version that saved it: keras.__version__ there), or save it "
                 "again with the older Keras",
             overrides={"kwargs": rf"\{{[^}}\n]{{0,300}}'(?P<kwarg>{_newer_keras3_kwargs()})'"},
             values={"self.__class__.__name__": "Dense", "kwargs": "{'quantization_config': None}"}),
        Rule((("k3", "layers/layer.py"),), r"^Unrecognized keyword arguments passed to ", "runtime_version_mismatch",
             "Keras 3 rebuilds a layer from a config with an argument Keras 3 does not take (batch_input_shape, "
             "Keras 2 arguments): the model was saved by Keras 2 (or by a newer Keras 3)", fix=SAVED_BY_KERAS2,
             values={"self.__class__.__name__": "Dense", "kwargs": "{'batch_input_shape': [None, 8]}"}),
        # --- code written for tf.keras 2 run under Keras 3 ---
        Rule((("k3", "saving/saving_api.py"),), r"^Invalid filepath extension for saving|^The `save_format` argument "
             r"is deprecated in Keras 3", None,
             "code written for tf.keras 2 (model.save(dir) / save_format='tf' wrote a SavedModel) runs under Keras 3, "
             "whose model.save writes only .keras and .h5 (no category: raised while saving, no model of another "
             "version is involved)", fix=EXPORT_FIX),
        Rule((("k3", "backend/common/keras_tensor.py"),), r"^A KerasTensor cannot be used as input to a TensorFlow "
             r"function", "runtime_version_mismatch",
             "code written for tf.keras 2 (tf.* ops applied to Keras symbolic inputs) runs under Keras 3 "
             "(TensorFlow >= 2.16), which does not turn them into layers",
             fix="The model code was written for tf.keras 2: run it with tf_keras (pip install tf_keras; "
                 "TF_USE_LEGACY_KERAS=1) or TensorFlow <= 2.15, or port it to Keras 3 (keras.ops instead of tf.*, "
                 "or wrap the tf.* calls in a keras.layers.Layer)"),
        # --- weights that do not fit the model ---
        Rule((("k3", "layers/layer.py"),) + k2_files("engine/base_layer.py"),
             r"^Layer '\{self\.name\}' expected \{len\(all_vars\)\} variables, but received", WEIGHTS_OF_ANOTHER_MODEL,
             "the saved file has another number of weights for this layer than the layer has (0 received: the layer "
             "was not built when saved, or the file comes from another architecture or Keras version)", fix=NOT_BUILT),
        Rule((("k3", "layers/layer.py"),), r"^Layer '\{self\.name\}' was never built and thus it doesn't have any "
             r"variables", "variables_not_restored",
             "the model being loaded has a layer that was never built, so the weights the file holds for it have "
             "nowhere to go", fix=NOT_BUILT),
        Rule((("k3", "legacy/saving/legacy_h5_format.py"),) + k2_files("saving/legacy/hdf5_format.py"),
             r"^(?:Layer count mismatch|Weight count mismatch)", WEIGHTS_OF_ANOTHER_MODEL,
             "the .h5 weights do not fit the model they are loaded into (another number of layers or weights): the "
             "model was built differently from the one that saved them", fix=WEIGHTS_FIT),
        Rule((("k3", "legacy/saving/legacy_h5_format.py"),) + k2_files("saving/legacy/hdf5_format.py"),
             r"^Shape mismatch in ", WEIGHT_SIZES,
             "a layer's .h5 weights have another shape than the layer the model's code built (the expected shape: "
             "the model's; the received: the file's): the code sets a size (most often the number of classes) other "
             "than the run that trained the weights", decider="weight_shapes",
             overrides={"expected_shape": rf"(?P<built_shape>{SHAPE})", "received_shape": rf"(?P<saved_shape>{SHAPE})"},
             values={"expected_shape": "(1024, 12)", "received_shape": "(1024, 16)"}),
        Rule((("k3", "layers/layer.py"),) + k2_files("engine/base_layer.py") + (("k26", "engine/base_layer.py"),
                                                                               ("k231", "engine/base_layer.py")),
             r"^You called `set_weights\(weights\)` on layer", WEIGHTS_OF_ANOTHER_MODEL,
             "weights given to a layer (set_weights, or weights loaded by layer order) are another number than the "
             "layer has: the model was built differently from the one the weights come from", fix=WEIGHTS_FIT),
        Rule((("k3", "layers/layer.py"),) + k2_files("engine/base_layer.py") + (("k26", "engine/base_layer.py"),
                                                                               ("k231", "engine/base_layer.py")),
             r"weight shape \{[^}]*\} (?:is )?not compatible with provided weight shape|^Layer weight shape",
             WEIGHT_SIZES, "weights given to a layer (set_weights, or weights loaded by layer order) have another "
             "shape than the layer the model's code built: the code sets a size (most often the number of classes) "
             "other than the model the weights come from", decider="weight_shapes",
             overrides={name: rf"(?P<built_shape>{SHAPE})" for name in ("variable.shape", "ref_shape", "str(pv.shape)")}
             | {name: rf"(?P<saved_shape>{SHAPE})" for name in ("value.shape", "weight_shape", "str(w.shape)")},
             values={name: "(1024, 12)" for name in ("variable.shape", "ref_shape", "str(pv.shape)")}
             | {name: "(1024, 16)" for name in ("value.shape", "weight_shape", "str(w.shape)")}),
        Rule((("k3", "layers/rnn/rnn.py"),), r"^If an RNN is stateful, the batch size of the input sequences must be "
             r"the same", "fixed_batch_size_in_graph",
             "a stateful RNN keeps its state for a batch of a fixed size (its batch_size / batch_input_shape) and was "
             "given sequences of another batch size",
             fix="Rebuild the model without the fixed batch (stateful=False, or Input(shape=...) without batch_size), "
                 "copy the weights (new.set_weights(old.get_weights())) and predict or export with that; or call the "
                 "stateful model with exactly its batch size (model.predict(x, batch_size=N) with len(x) a multiple "
                 "of N)", stop="must be the same"),
        Rule((("k3", "layers/preprocessing/hashed_crossing.py"),), r"^Expected the two input tensors to have "
             r"identical shapes", "input_shape_mismatch",
             "a HashedCrossing layer got two features of different shapes ((None,) and (None, 1)): one input was "
             "declared or sent without the trailing axis the other has",
             fix="Give both crossed inputs one shape: declare both keras.Input(shape=(1,)) (or both shape=()) and send "
                 "each feature the same way ([[v], …] for shape (1,))", stop="identical shapes"),
        Rule((("k3", "backend/common/variables.py"),), r"^Shapes used to initialize variables must be "
             r"fully-defined", None,
             "a layer's weights were to be built from an input whose size is unknown (None) in a dimension the weights "
             "span: the layer before it has an output width Keras cannot know yet — most often a lookup or encoding "
             "layer (StringLookup / IntegerLookup / TextVectorization with output_mode one_hot, multi_hot or count, "
             "CategoryEncoding) never adapted and given no vocabulary, or a tf.* op's output; raised while the model "
             "is built, not about the request or model being served",
             fix="Give the layer before it a known output width before building the model: adapt() the lookup layer "
                 "on the training data (or pass vocabulary=[...] / num_tokens=), or set the shape (a Reshape or "
                 "keras.Input with the full shape), then build and export again",
             stop="must be fully-defined"),
        Rule((("k3", "backend/common/variables.py"),), r"^The shape of the target variable and the shape of the "
             r"target value in `variable\.assign\(value\)` must match", WEIGHT_SIZES,
             "Keras 3 assigned a value of another shape to a variable -- loading weights (load_weights, a .keras "
             "file) into a model whose code built that layer with other sizes: the code sets a size (most often "
             "the number of classes) other than the run that trained the weights",
             decider="weight_shapes", overrides={"self.shape": rf"(?P<built_shape>{SHAPE})",
                                                 "value.shape": rf"(?P<saved_shape>{SHAPE})"},
             values={"self.shape": "(1024, 12)", "value.shape": "(1024, 16)",
                     "self": "<Variable path=dense/kernel, shape=(1024, 12), dtype=float32>"}),
        Rule((("k231", "engine/saving.py"), ("k26", "saving/hdf5_format.py")),
             r"^You are trying to load a weight file ?containing", WEIGHTS_OF_ANOTHER_MODEL,
             "the .h5 weights file has another number of layers than the model it is loaded into: the model was "
             "built differently from the one that saved them", fix=WEIGHTS_FIT),
        # --- inputs that do not fit the model (predict) ---
        Rule((("k3", "layers/input_spec.py"),) + k2_files("engine/input_spec.py") + (("k26", "engine/input_spec.py"),),
             r"is incompatible with the layer: :? ?expected (?:min_|max_)?ndim=", "input_shape_mismatch",
             "a Keras layer got a tensor of another rank than it takes (a missing batch or channel level, or an "
             "image where a vector is expected)", decider="rank",
             start="is incompatible with the layer"),
        Rule((("k3", "layers/input_spec.py"),) + k2_files("engine/input_spec.py") + (("k26", "engine/input_spec.py"),),
             r"is incompatible with the layer: expected axis", "input_shape_mismatch",
             "a Keras layer got a tensor whose size on an axis differs from what its weights take (features per "
             "example, image size or channels)", start="is incompatible with the layer", fix=AXIS_FIX),
        Rule((("k3", "layers/input_spec.py"),) + k2_files("engine/input_spec.py"),
             r"is incompatible with the layer: expected shape=", "input_shape_mismatch",
             "a Keras model or layer got a tensor of another shape than its input declares (one image sent without "
             "its batch axis shows up as a shape one level short)", start="is incompatible with the layer",
             fix=AXIS_FIX, decider="rank",
             values={"spec.shape": "(None, 224, 224, 3)", "display_shape(x.shape)": "(None, 224, 3)",
                     "shape": "(None, 224, 3)"}),
        Rule((("k231", "engine/base_layer.py"),),
             r"is incompatible with layer \{self\.name\}: expected (?:min_|max_)?ndim",
             "input_shape_mismatch", "a Keras layer got a tensor of another rank than it takes (a missing batch or "
             "channel level, or an image where a vector is expected)", decider="rank",
             start="is incompatible with layer", overrides={"str(K.ndim(x))": r"(?P<got_rank>\d{1,3})"}),
        Rule((("k3", "layers/input_spec.py"),) + k2_files("engine/input_spec.py") + (("k26", "engine/input_spec.py"),),
             r"is incompatible with the layer: expected dtype=", "dtype_mismatch",
             "a Keras layer got a tensor of another dtype than it takes", start="is incompatible with the layer"),
        Rule((("k3", "models/functional.py"),), r"Expected shape \{ref_shape\}, but input has incompatible shape",
             "input_shape_mismatch", "the model's input got an array of another shape than its keras.Input declares",
             decider="rank", start="Expected shape", fix=AXIS_FIX),
        Rule(k2_files("engine/training_utils_v1.py") + (("k26", "engine/training_utils_v1.py"),
                                                         ("k231", "engine/training_utils.py")),
             r"^Error when checking \{exception_prefix\}: expected \{names\[i\]\} to have (?:shape|\{str\(len)",
             "input_shape_mismatch", "a Keras 2 model got an array of another shape or rank than its input declares",
             decider="rank", overrides={"exception_prefix": "(?:input|target)", "names[i]": rf"(?P<input>{NAME})"},
             values={"exception_prefix": "input", "names[i]": "dense_input", "str(shape)": "(None, 784)",
                     "str(len(shape))": "2", "str(data_shape)": "(28, 28)"}),
        Rule(k2_files("engine/training_utils_v1.py") + (("k26", "engine/training_utils_v1.py"),
                                                         ("k231", "engine/training_utils.py")),
             r"^Error when checking model \{exception_prefix\}: (?:the list of Numpy arrays|you are passing a list)",
             "input_keys_mismatch", "a Keras 2 model got another number of input arrays than it has inputs",
             overrides={"exception_prefix": "(?:input|target)", "str(names)": r"\[[^\]\n]{0,300}\]"},
             values={"exception_prefix": "input", "str(names)": "['image1', 'image2']", "str(len(names))": "2",
                     "str(len(data))": "1", "str(data)[:200]": "[array([[0.5]])]"},
             fix="Pass one array per model input, as a list in the order of model.inputs (or a dict keyed by input "
                 "name): the message gives how many the model takes and how many it got (two images for a two-input "
                 "model are two arrays, not one stacked array)"),
        Rule((("k3", "layers/input_spec.py"),), r"^Missing data for input ", "input_keys_mismatch",
             "the dict of inputs lacks a key the model's inputs are named by",
             fix="Pass every input the model names as a key of the dict (the message lists the keys it expects and "
                 "those it got); model.input_names / sigcheck inspect MODEL show them"),
        Rule((("k3", "layers/input_spec.py"), ("k33", "layers/input_spec.py")) + k2_files("engine/input_spec.py"),
             r"^Layer [\"']\{layer_name\}[\"'] expect(?:s|ed) \{len\(input_spec\)\} (?:named )?input\(s\)",
             "input_keys_mismatch",
             "a layer or model was called with another number of inputs than it takes (predict with one array for a "
             "model of several inputs, or the reverse); raised while load_model rebuilds a saved model, the saved "
             "config does not fit the loading Keras (another Keras version wrote it)", decider="keras_inputs",
             overrides={"len(input_spec)": r"(?P<want_inputs>\d{1,4})", "len(inputs)": r"(?P<got_inputs>\d{1,4})"},
             fix="Raised by predict/call: pass exactly one array per model input (a list in the order of "
                 "model.inputs, or a dict keyed by input name). Raised by load_model: the file was written by another "
                 "Keras version (a Keras 2 .h5 loaded by Keras 3): load it with the version that saved it (tf_keras / "
                 "TensorFlow <= 2.15) and export a SavedModel from there, or rebuild the model in code and load its "
                 "weights"),
        Rule((("k3", "backend/common/variables.py"),), r"^Invalid dtype: \{dtype\}$", "dtype_mismatch",
             "Keras 3 got a NumPy array of dtype object (rows of different lengths, or numbers mixed with strings, "
             "None or Python objects), which no tensor dtype holds", overrides={"dtype": r"(?P<got_dtype>object)\b"},
             values={"dtype": "object"},
             fix="Build a numeric array of one shape first: pad rows to one length (keras.utils.pad_sequences), "
                 "encode text/categorical columns and fill missing values, then np.asarray(x, dtype='float32') "
                 "(pandas: df.astype('float32'))"),
        # (NumPy's str / bytes arrays: Keras 3's standardize_dtype refuses the dtype for every model -- a text model
        # given NumPy's strings too; labelled texts of every set: a text model 6, numbers as strings 3, unknown 1)
        Rule((("k3", "backend/common/variables.py"),), r"^Invalid dtype: \{dtype\}$", "dtype_mismatch",
             "Keras 3 got a NumPy array of strings (NumPy names its dtypes str32, str64 … for text and bytes8 … for "
             "bytes), a dtype it turns into no tensor whatever the model's input: a text model wants the strings as "
             "a tf.constant (or a Python list), a model that takes numbers wants numbers",
             overrides={"dtype": r"(?P<got_dtype>(?:str|bytes)\d{1,4})\b"}, values={"dtype": "str32"},
             fix="Give Keras 3 no NumPy string array: for a text input (keras.Input(dtype='string'), TextVectorization "
                 "or StringLookup inside) pass tf.constant(list_of_texts) or the Python list; for a numeric input "
                 "turn the strings into what it takes first -- parsed numbers (np.asarray(x, dtype='float32')), "
                 "token ids through the tokenizer it was trained with, decoded images (tf.io.decode_image)"),
        # (pandas' own column dtypes reach standardize_dtype by name when a Series or DataFrame is given as it is:
        # pandas 3's str, StringDtype's string, the nullable Int64 / Float64 / boolean, category)
        Rule((("k3", "backend/common/variables.py"),), r"^Invalid dtype: \{dtype\}$", "dtype_mismatch",
             "Keras 3 got a pandas column of one of pandas' own dtypes (str or string for text, the nullable Int64 / "
             "Float64 / boolean, category), which it turns into no tensor: a DataFrame or Series passed as it is "
             "hands Keras pandas' dtype, not a NumPy one",
             overrides={"dtype": r"(?P<got_dtype>str|string|U?Int(?:8|16|32|64)|Float(?:32|64)|boolean|category)"
                                 r"(?![\w\[])"},
             values={"dtype": "Int64"},
             fix="Convert each column to a NumPy dtype before predict: numbers (Int64 / Float64 / boolean, with "
                 "missing values) as df[cols].fillna(0).to_numpy(dtype='float32') (or the int dtype the input "
                 "declares); text (str / string / category) for a string input as df[c].to_numpy(dtype=object) "
                 "or tf.constant(df[c].tolist()), and encoded to numbers first for a numeric input"),
        # --- export and TFSMLayer ---
        Rule((("k3", "export/tfsm_layer.py"),), r"^The endpoint '\{call_endpoint\}' is neither", "signature_not_found",
             "TFSMLayer was asked for an endpoint (signature) the SavedModel does not have",
             fix="Pass call_endpoint= one of the endpoints the message lists (a SavedModel from tf.saved_model.save "
                 "or Keras 2 has 'serving_default'; one from Keras 3's model.export has 'serve' and "
                 "'serving_default'); list them with saved_model_cli show --dir DIR --all"),
        Rule((("k3", "saving/serialization_lib.py"), ("k3", "export/tfsm_layer.py"),
              ("k3", "layers/core/lambda_layer.py")) + k2_files("layers/core/lambda_layer.py")
             + k2_files("saving/serialization_lib.py"),
             r"^Requested the deserialization of a (?:Python lambda|`TFSMLayer`|`Lambda` layer|Lambda layer with a|"
             r"`lambda` object)", None,
             "Keras 3's safe mode refuses to load a Lambda layer (Python code) or a TFSMLayer from the file: the file "
             "is what it was saved as, and the loading Keras, by design, runs no code from it unless told to (no "
             "category: not a version or a damaged file)",
             fix="If you trust the file, load it with keras.models.load_model(path, safe_mode=False) (or call "
                 "keras.config.enable_unsafe_deserialization() first); better, replace the Lambda by a registered "
                 "custom layer"),
        Rule((("k3", "export/export_utils.py"), ("k3", "export/saved_model_export_archive.py"),
              ("k3", "export/onnx.py")),
             r"^The (?:model|layer) provided has (?:not yet been built|never called)", None,
             "Keras 3's export refused a model that was never built or called: build it (call it on one batch, "
             "model.build((None, ...)), or start it with keras.Input) and export again; not about the request or model "
             "being served"),
        Rule((("k3", "export/saved_model.py"), ("k3", "export/saved_model_export_archive.py"),
              ("k3", "export/export_utils.py"), ("k3", "export/tf2onnx_lib.py"), ("k3", "export/onnx.py"),
              ("k3", "export/litert.py")),
             r"^(?!.*(?:must be implemented|is not implemented|is only (?:currently )?(?:compatible|supported|"
             r"available)|has not yet been built|never called|must implement)).{24}", None,
             "Keras 3's model.export refused to write the export: its message names what to change (an endpoint, "
             "an input signature, the variables, the file name); change the export call as it says and export "
             "again; not about the request or model being served", funcs=".",
             family="keras 3 export: checks"),
        Rule(k2_files("saving/legacy/saving_utils.py"), r"cannot be saved either because the input shape", None,
             "tf.keras refused to save a subclassed model that was never called or built: call it on one batch or "
             "model.build((None, ...)) before saving; not about the request or model being served",
             start="cannot be saved either because"),
        Rule(k2_files("engine/functional.py") + (("k26", "engine/functional.py"), ("k3", "models/functional.py")),
             r"model inputs must come from|^Input tensors to a \{cls_name\} model must come from|^All `inputs` values "
             r"must be KerasTensors", None,
             "Keras refused to build a Functional model whose inputs are not keras.Input tensors (an intermediate "
             "layer's output or a tf.* tensor given as inputs=): build it from keras.Input(...); not about the "
             "request or model being served"),
        Rule((("k3", "saving/saving_lib.py"),), r"^You are saving a model that has not yet been built", None,
             "Keras 3 refused to save a model that was never built: call it on one batch or model.build((None, ...)) "
             "first; not about the request or model being served"),
        Rule((("k3", "ops/operation.py"),) + k2_files("engine/base_layer.py"), r"^Error when deserializing class",
             None, DESERIALIZING, stop="Exception encountered:"),
        Rule((("k3", "saving/serialization_lib.py"),), r"could not be deserialized properly", None, DESERIALIZING,
             start="could not be deserialized properly", stop="Exception encountered:"),
        Rule((("k3", "utils/traceback_utils.py"),) + k2_files("utils/traceback_utils.py"),
             r"^Exception encountered when calling ", None,
             "Keras's wrapper around an error raised inside a layer's call(): look for the message inside it (the "
             "cause) and the arguments Keras lists after it", stop="Exception encountered when calling"),
        # --- Keras 2 models and code run by Keras 3 ---
        Rule((("k3", "layers/core/lambda_layer.py"), ("k33", "layers/core/lambda_layer.py")),
             r"^We could not automatically infer the shape of the Lambda", "runtime_version_mismatch",
             "Keras 3 cannot run a Lambda layer's function on symbolic tensors to learn its output shape: the function "
             "was written for tf.keras 2 (tf.* calls on Keras tensors), most often a Keras 2 model (.h5) with a "
             "Lambda loaded by Keras 3", fix=LAMBDA_FIX, funcs="."),
        Rule((("k3", "backend/common/keras_tensor.py"),), r"^A KerasTensor is symbolic: it's a placeholder",
             "runtime_version_mismatch",
             "code written for tf.keras 2 (NumPy or Python math on Keras symbolic inputs, a tf.keras 2 Lambda) runs "
             "under Keras 3, whose symbolic tensors hold no values", funcs=".",
             fix="The model code was written for tf.keras 2: run it with tf_keras (pip install tf_keras; "
                 "TF_USE_LEGACY_KERAS=1) or TensorFlow <= 2.15, or port it to Keras 3 (keras.ops instead of NumPy / "
                 "tf.* on Keras tensors, inside a layer's call())"),
        Rule((("k3", "models/functional.py"), ("k3", "models/sequential.py"), ("k33", "models/functional.py"),
              ("k33", "models/sequential.py")),
             r"^Invalid Functional model configuration|^Cannot deserialize the model \(invalid config|^A Sequential "
             r"model configuration must be a dictionary", "runtime_version_mismatch",
             "Keras 3 cannot rebuild the model from the config saved in the file (its layout, nodes or layer list "
             "are not what this Keras writes): most often the file was written by another Keras version",
             fix=CONFIG_FIX, funcs="."),
        Rule((("k3", "saving/saving_api.py"), ("k3", "saving/saving_lib.py")),
             r"^The filename must end in `\.weights\.h5`\. Received", None,
             "code written for tf.keras 2 (save_weights to a checkpoint prefix or any name) runs under Keras 3, whose "
             "save_weights writes only .weights.h5 files (no category: raised while saving, no model of another "
             "version is involved)", funcs=".", fix=KERAS3_WEIGHTS),
        Rule((("k3", "saving/saving_lib.py"),), r"objects could not be loaded\. Example error message for",
             "variables_not_restored",
             "Keras 3 could not put the file's weights into some objects of the model (the message after it names "
             "the first: most often a layer with another number of weights, or one never built)",
             fix=WEIGHTS_FIT, stop="Example error message for"),
        Rule((("k3", "models/sequential.py"), ("k33", "models/sequential.py")),
             r"has already been configured to use input shape \{[^}]*\}\. You cannot build it with input_shape",
             "input_shape_mismatch",
             "a Sequential model built for one input shape was called (predict, build) with another", funcs=".",
             start="has already been configured", decider="rank",
             overrides={"self._layers[0].batch_shape": rf"(?P<want_shape>{SHAPE})",
                        "input_shape": rf"(?P<got_shape>{SHAPE})"},
             values={"self._layers[0].batch_shape": "(None, 784)", "input_shape": "(None, 28, 28)"}),
        Rule((("k3", "models/sequential.py"), ("k33", "models/sequential.py")),
             r"^Only instances of `keras\.Layer` can be added to a Sequential model", "runtime_version_mismatch",
             "Keras 3's Sequential was given an object that is no Keras 3 layer: most often tensorflow_hub's "
             "hub.KerasLayer or a tf.keras (Keras 2, tf_keras) layer, written for Keras 2", funcs=".",
             fix="hub.KerasLayer and tf.keras 2 layers work only with Keras 2: pip install tf_keras and set "
                 "TF_USE_LEGACY_KERAS=1 (or import tf_keras and build the model with tf_keras), or use TensorFlow "
                 "<= 2.15; in Keras 3 load a SavedModel as keras.layers.TFSMLayer(path) instead of hub.KerasLayer",
             overrides={"layer": r"[^\n]{0,300}?"},
             values={"layer": "<tensorflow_hub.keras_layer.KerasLayer object at 0x7f>",
                     "type(layer)": "<class 'tensorflow_hub.keras_layer.KerasLayer'>"}),
        Rule((("k3", "models/functional.py"),), r"is not optional, but None was passed", "input_keys_mismatch",
             "the model was called without a value (None) for one of its inputs", funcs=".",
             fix="Give every input the model declares (model.input_names / sigcheck inspect MODEL lists them): a "
                 "dict keyed by those names or a list in their order, with no None"),
        Rule((("k3", "export/tfsm_layer.py"),), r"^The TFSMLayer is only currently supported with the", None,
             "Keras 3's TFSMLayer runs a SavedModel's TensorFlow graph, so it works only when Keras runs on the "
             "TensorFlow backend (KERAS_BACKEND is jax or torch here); not about the request or model",
             fix="Run that process with the TensorFlow backend (KERAS_BACKEND=tensorflow before Keras is imported), "
                 "or load the SavedModel without Keras: tf.saved_model.load(path).signatures['serving_default']",
             funcs="."),
        Rule((("k3", "saving/saving_lib.py"),), r"^You are loading weights into a model that has not yet been built",
             "variables_not_restored", "Keras 3 was asked to load weights into a model that has no weights yet "
             "(never built or called)", fix=NOT_BUILT, funcs="."),
        Rule((("k3", "saving/serialization_lib.py"),), r"^Could not parse config: |^Expected 'config' to be a dict "
             r"for |^Unknown `config` as a `dict`", "runtime_version_mismatch",
             "Keras 3 cannot read an object's saved config (not the {'module', 'class_name', 'config'} layout this "
             "Keras writes): the file was written by another Keras version", fix=CONFIG_FIX, funcs=".",
             overrides={"config": r"[^\n]{0,300}?", "class_name": r"[^\n,]{1,160}?"}),
        Rule((("k3", "legacy/saving/saving_utils.py"),) + k2_files("saving/legacy/saving_utils.py"),
             r"^The provided configuration is not a valid Keras configuration|^Saved configuration not understood|"
             r"^`model_from_config` expects a dictionary, not a list", "runtime_version_mismatch",
             "the model config read from the file (an .h5 or JSON) is not the layout this Keras reads (Keras < 2.2 "
             "wrote a Sequential's config as a list): the file was written by another Keras version", fix=CONFIG_FIX,
             funcs=".", overrides={"config": r"[^\n]{0,300}?"}),
        Rule((("k3", "legacy/saving/serialization.py"),) + k2_files("saving/legacy/serialization.py"),
             r"^Could not interpret serialized \{printable_module_name\}", "runtime_version_mismatch",
             "Keras cannot read an object of the saved config (a layer, loss or initializer written in another "
             "Keras version's form)", fix=CONFIG_FIX, funcs=".",
             overrides={"printable_module_name": r"[\w ]{3,40}"}),
        Rule((("k3", "saving/serialization_lib.py"),), r"^Unable to reconstruct an instance of '\{class_name\}' "
             r"because the class is missing a `from_config", "model_load_failed",
             "a custom class in the saved model has no from_config() that rebuilds it from its config", funcs=".",
             fix="Give the custom class a get_config() returning its __init__ arguments (and a from_config() when "
                 "they are not plain values), register it (@keras.saving.register_keras_serializable()) and save "
                 "again; or pass it with custom_objects= where the model is loaded",
             stop="from_config()` method."),
        Rule((("k3", "legacy/saving/legacy_h5_format.py"),) + k2_files("saving/legacy/hdf5_format.py"),
             r"^The following attributes cannot be saved to HDF5 file because they are larger than", None,
             "saving an .h5 file failed: an attribute (most often the layer-name list of a model with thousands of "
             "layers, or a large config) exceeds HDF5's 64 KB object header; save as .keras (Keras 3, Keras >= "
             "2.12) or a SavedModel instead of .h5; not about the request or model being served", funcs=".",
             overrides={"HDF5_OBJECT_HEADER_LIMIT": r"\d{1,9}"}),
        Rule((("k231", "engine/base_layer.py"),), r"was called with an input that isn't a symbolic tensor",
             "runtime_version_mismatch",
             "a layer of standalone Keras (import keras, 2.x) got a tensor of another Keras or of TensorFlow (tf.keras "
             "layers, tf.* ops or a TF Hub layer mixed into a keras model): two Keras packages are in use at once",
             funcs=".", start="was called with an input that isn't a symbolic tensor",
             fix="Use one Keras throughout: either tf.keras (from tensorflow import keras) for every layer, model and "
                 "TF Hub layer, or standalone keras with a matching version, not both; with TensorFlow >= 2.16 the "
                 "tf.keras 2 code runs under tf_keras (pip install tf_keras; TF_USE_LEGACY_KERAS=1)",
             overrides={"str(type(x))": r"[^\n]{0,200}?", "str(inputs)": r"[^\n]{0,300}?"}),
        # --- data given to predict / fit ---
        Rule((("k3", "trainers/data_adapters/__init__.py"),), r"^Unrecognized data type: x=", None,
             "Keras 3's predict/fit got x of a type it takes no data from (a Python list of strings or of lists, a dict "
             "of lists, an object that is no NumPy array, tensor, tf.data.Dataset, generator or PyDataset): the "
             "call's container, not the model or a serving API -- not about the request or model (rows of different "
             "lengths are ragged_instances)", funcs=".",
             fix="Give predict an array or a tensor: np.asarray(x, dtype='float32') for numbers (one shape for every "
                 "example: pad ragged rows), tf.constant(texts) for strings (a NumPy array of str is refused too: "
                 "'Invalid dtype'), a dict of those keyed by input name, or a tf.data.Dataset",
             decider="data_rows", overrides={"x": r"(?P<value>[^\n]{0,3000})[^\n]*?",  # (the value's start: a
             # DataFrame's records run to thousands of characters)
                                             "type(x)": r"<class '(?P<py_type>[\w.]{1,80})'>"},
             values={"x": "[[1, 2], [3]]", "type(x)": "<class 'list'>"}),
        Rule((("k3", "trainers/data_adapters/data_adapter_utils.py"),) + k2_files("engine/data_adapter.py"),
             r"^Data cardinality is ambiguous", "batch_size_mismatch_between_inputs",
             "the arrays given together (several inputs, or x and y) hold different numbers of examples",
             fix="Give every input (and the labels) the same number of examples on axis 0: the message lists each "
                 "array's size", stop="Data cardinality is ambiguous"),
        Rule(k2_files("engine/data_adapter.py"), r"^Failed to find data adapter that can handle input",
             "wrong_api_or_input_format",
             "Keras 2's fit/predict got data of a type it takes none from: most often a Python list holding arrays "
             "of different shapes (or lists and arrays mixed), a dict of lists, or a pandas/NumPy array of dtype "
             "object", funcs=".",
             fix="Give predict/fit one NumPy array per input, each of one shape and a numeric dtype: np.asarray(x, "
                 "dtype='float32') after padding rows to one length (pad_sequences) or resizing images to one size; "
                 "several inputs as a list or dict of such arrays; pandas: df.to_numpy('float32')",
             overrides={"_type_name(x)": r"[^\n]{0,300}?", "_type_name(y)": r"[^\n]{0,200}?"},
             values={"_type_name(x)": "(<class 'list'> containing values of types {\"<class 'numpy.ndarray'>\"})",
                     "_type_name(y)": "<class 'NoneType'>"}),
        Rule(k2_files("engine/training.py") + k2_files("engine/data_adapter.py"),
             r"^Unexpected result of `predict_function` \(Empty batch_outputs\)|^Expected input data to be non-empty",
             "empty_instances", "Keras 2's predict got no examples (an empty array, or a dataset or generator that "
             "yields nothing)", funcs=".",
             fix="Give predict at least one example: check the array's length (len(x) > 0) or that the dataset / "
                 "generator yields batches (the file list it reads is not empty)"),
        Rule((("k3", "layers/input_spec.py"),) + k2_files("engine/input_spec.py") + (("k26", "engine/input_spec.py"),),
             r"^Inputs to a layer should be tensors\. Got",
             "wrong_api_or_input_format",
             "a layer or model was called with a value that is no tensor or array (a string, a list of images of "
             "different shapes, a file path, None)", funcs=".", start="Inputs to a layer should be tensors",
             fix="Call the model on a batch array: np.asarray(images, dtype='float32') of shape (N, ...) (decode and "
                 "resize images first; model.predict(x) for NumPy data)"),
        Rule((("k3", "layers/merging/concatenate.py"),) + k2_files("layers/merging/concatenate.py"),
             r"^A [`']?Concatenate[`']? layer requires inputs with matching shapes", "input_shape_mismatch",
             "a Concatenate layer got inputs that differ in a dimension other than the joined one (two model inputs "
             "of other sizes than the model was built for, or feature maps of different image sizes)",
             fix="Give every input the shape the model declares for it (print model.input_shape, or sigcheck "
                 "inspect MODEL): images of the size it was built for, the feature count of each input",
             overrides={"input_shape": r"\[[^\]\n]{0,300}\]"},
             values={"input_shape": "[(None, 3, 4), (None, 5, 6)]"}),
        # --- what Keras's ops and layers check about their inputs (every shape check of the module) ---
        Rule((("k3", "ops/*.py"), ("k3", "layers/**/*.py"), ("k215", "layers/**/*.py"), ("k215", "backend.py")),
             r"(?i)(?:different|mismatch\w*|same) batch sizes?\b.*(?:receiv|found|got)", "batch_size_mismatch_between_inputs",
             "tensors joined by a Keras op or layer (batch_dot, a merge layer) have different batch sizes: the "
             "model's inputs were given different numbers of examples", funcs=".",
             fix="Give every input of the model the same number of examples (axis 0): the message shows the shapes "
                 "it got"),
        Rule((("k3", "ops/*.py"), ("k3", "backend/tensorflow/*.py"), ("k3", "backend/common/*.py"),
              ("k3", "losses/*.py"), ("k33", "ops/*.py"), ("k33", "backend/tensorflow/*.py"), ("k215", "backend.py"),
              ("k215", "losses.py"), ("k26", "backend.py")), SHAPE_CHECK, "input_shape_mismatch",
             "a Keras 3 op (keras.ops, under a layer) got tensors whose shapes do not fit it: the input is not the "
             "shape the model was built for (on Keras's symbolic tensors, while the model is built: shapes inside "
             "the model do not fit each other)", decider="keras_shape", funcs=".", family="keras 3 ops: shape checks"),
        Rule((("k3", "layers/**/*.py"), ("k33", "layers/**/*.py"), ("k215", "layers/**/*.py"),
              ("k215", "engine/base_layer.py"), ("k26", "layers/**/*.py")), SHAPE_CHECK,
             "input_shape_mismatch",
             "a Keras layer's build()/call() got an input whose shape does not fit the layer (another rank, size or "
             "channel count than the model was built for; on Keras's symbolic tensors, while the model is built: "
             "its layers' shapes do not fit each other)", decider="keras_shape", funcs=LAYER_CHECKS,
             family="keras layers: input checks"),
    ]


# ------------------------------------------------------------------------------------------------ h5py / HDF5

HDF5_RULES = [
    # literals that must be in libhdf5 | pattern | template | category | meaning | fix
    (("unable to synchronously open file", "unable to open file", "file signature not found"),
     r"Unable to (?:synchronously )?open file \(file signature not found\)",
     "Unable to [synchronously ]open file (file signature not found)", "savedmodel_not_found",
     "h5py (under Keras's .h5 loading) opened a file that is not an HDF5 file", NOT_HDF5),
    (("unable to open file: name = '%s', errno = %d, error message = '%s'", "errno = %d, error message = '%s'"),
     r"errno = 2, error message = 'No such file or directory'",
     "unable to open file: name = '{name}', errno = 2, error message = 'No such file or directory'",
     "savedmodel_not_found", "the .h5 path given to Keras/h5py does not exist", NOT_FOUND),
    (("file read failed: time = %s, filename = '%s', file descriptor = %d, errno = %d, error message = '%s'",
      "errno = %d, error message = '%s'"),
     r"errno = 21, error message = 'Is a directory'",
     "file read failed: … filename = '{name}', file descriptor = {fd}, errno = 21, error message = 'Is a directory'",
     "savedmodel_not_found", "an HDF5 (.h5) loader was given a directory, most often a SavedModel directory",
     "The path is a directory: if it is a SavedModel, load it with tf.saved_model.load(path) or "
     "keras.layers.TFSMLayer(path, call_endpoint='serving_default') (Keras 3) / tf.keras.models.load_model(path) "
     "(Keras 2); otherwise give the .h5 or .keras file inside it"),
    (("errno = %d, error message = '%s'",),
     r"errno = 13, error message = 'Permission denied'",
     "unable to open file: name = '{name}', errno = 13, error message = 'Permission denied'", None,
     "the operating system refused to open the file (errno 13, Permission denied): the process's user may not "
     "read or write that path (a container's user, a read-only mount); not about the request or model", None),
    (("unable to lock file", "%s, errno = %d, error message = '%s'"),
     r"unable to lock file, errno = (?P<errno>\d{1,4})",
     "unable to lock file, errno = {errno}, error message = '{message}'", None,
     "HDF5 could not lock the .h5 file: another process holds it open, or the file sits on a filesystem without "
     "locks (NFS, a cloud bucket mount); set HDF5_USE_FILE_LOCKING=FALSE in the environment or copy the file to "
     "local disk; not about the request or model", None),
    (("bad object header version number",),
     r"bad object header version number",
     "Unable to [synchronously ]open object (bad object header version number)", "model_load_failed",
     "the .h5 file is damaged inside (a partial or altered copy, a text-mode transfer, a Git LFS checkout gone wrong)",
     "The .h5 file is damaged: copy or download it again in binary mode (git lfs pull for LFS-tracked files) and "
     "compare its size and checksum with the original"),
    (("object '%s' doesn't exist",),
     r"open object \(object '(?P<group>[^'\n]{1,120})' doesn't exist\)",
     "Unable to [synchronously ]open object (object '{name}' doesn't exist)", "model_load_failed",
     "the .h5 file has no group of the name Keras reads: a weights-only file given to load_model, or weights written "
     "by another Keras version (Keras 3's .weights.h5 layout differs from Keras 2's)",
     "The .h5 file is not laid out as this loader expects: for a weights-only file build the model in code and call "
     "model.load_weights(path); for weights written by another Keras version load them with that version (Keras 3's "
     ".weights.h5 and Keras 2's .h5 name their groups differently) and save the whole model from there"),
    (("truncated file: eof = %llu, sblock->base_addr = %llu, stored_eof = %llu",),
     r"truncated file: eof = (?P<got>\d{1,15}), sblock->base_addr = \d{1,15}, stored_eof = (?P<want>\d{1,15})",
     "truncated file: eof = {eof}, sblock->base_addr = {base}, stored_eof = {stored_eof}", "model_load_failed",
     "the .h5 file is shorter than its header says: a partial copy or download, or a file still being written",
     "The .h5 file is cut short (eof is the bytes there, stored_eof the bytes it should have): copy or download "
     "it again whole and compare its size with the original before loading"),
]
HDF5_EXAMPLES = [
    "OSError: Unable to synchronously open file (file signature not found)",
    "FileNotFoundError: [Errno 2] Unable to synchronously open file (unable to open file: name = 'model.h5', "
    "errno = 2, error message = 'No such file or directory', flags = 0, o_flags = 0)",
    "IsADirectoryError: [Errno 21] Unable to synchronously open file (file read failed: time = Sun Dec  6 11:31:06 "
    "2026\n, filename = 'export/1', file descriptor = 3, errno = 21, error message = 'Is a directory', buf = "
    "0x7ffc0ff34718, total read size = 8, bytes this sub-read = 8, offset = 0)",
    "PermissionError: [Errno 13] Unable to synchronously create file (unable to open file: name = '/models/m.h5', "
    "errno = 13, error message = 'Permission denied', flags = 13, o_flags = 242)",
    "OSError: Unable to synchronously open file (unable to lock file, errno = 11, error message = 'Resource "
    "temporarily unavailable')",
    "OSError: Unable to open object (bad object header version number)",
    "KeyError: \"Unable to synchronously open object (object 'model_weights' doesn't exist)\"",
    "OSError: Unable to open file (truncated file: eof = 1048576, sblock->base_addr = 0, stored_eof = 98041624)",
]


def hdf5_entries() -> list[dict]:
    libs = sorted((SITE / "h5py.libs").glob("libhdf5-*.so*"))
    if not libs:
        raise SystemExit("explain_index_keras: no libhdf5 in the installed h5py (h5py.libs/)")
    text = library_strings(libs[0])
    import h5py

    where = f"h5py {h5py.__version__} h5py.libs/{libs[0].name} (strings -n 8; h5py prints 'Top (bottom)')"
    out = []
    for (literals, pattern, template, category, meaning, fix), example in zip(HDF5_RULES, HDF5_EXAMPLES):
        missing = [s for s in literals if s not in text]
        if missing:
            raise SystemExit(f"explain_index_keras: not in {libs[0].name}: {missing}")
        if category is None:
            e = entry(template, pattern, where, None, None, reading=meaning)
        else:
            e = entry(template, pattern, where, meaning, category, fix=fix)
        e["example"] = example
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ TensorFlow's loader

def tf_loader_entries() -> list[dict]:
    """tf.keras (Keras 2) load_model on a directory without saved_model.pb ends in TensorFlow's loader."""
    path = "python/saved_model/loader_impl.py"
    tree = ast.parse((SITE / "tensorflow" / path).read_text())
    for node in ast.walk(tree):
        p = string_pieces(node)
        if p and template_text(p).startswith("SavedModel file does not exist at: "):
            break
    else:
        raise SystemExit("explain_index_keras: 'SavedModel file does not exist at' not in TensorFlow's loader_impl.py")
    pieces = _merge(p)
    where = f"tensorflow {path}:{node.lineno}"
    head = lit(pieces[0][1])
    out = []
    # tf.keras <= 2.11 load_model takes any path that is not an existing .h5 file for a SavedModel directory
    e = entry(template_text(pieces) + "  (the path is a .keras file)",
              head + r"(?P<path>[^\s'\"`]{0,300}\.keras)(?:[/\\]|$)", where,
              "an older tf.keras (<= 2.11) took a .keras file (the format of Keras >= 2.12 and Keras 3) for a "
              "SavedModel directory", "runtime_version_mismatch", decider="keras_file",
              fix="The .keras file was written by a newer Keras (>= 2.12, or Keras 3) than the tf.keras loading it, "
                  "which reads only SavedModel directories and .h5: load it with the Keras that wrote it (Keras 3: "
                  "TensorFlow >= 2.16), or from there save it as .h5 or export a SavedModel (model.export(dir))")
    e["example"] = "OSError: SavedModel file does not exist at: model.keras/{saved_model.pbtxt|saved_model.pb}"
    out.append(e)
    e = entry(template_text(pieces) + "  (the path is an .h5 file)",
              head + r"(?P<path>[^\s'\"`]{0,300}\.(?:h5|hdf5))(?:[/\\]|$)", where,
              "tf.keras found no .h5 file at the path and took it for a SavedModel directory", "savedmodel_not_found",
              fix="No .h5 file exists at that path (tf.keras then looks for a SavedModel directory there): give the "
                  "absolute path of the .h5 file as the process sees it (working directory, container mount), and "
                  "check that h5py is installed")
    e["example"] = "OSError: SavedModel file does not exist at: models/model.h5/{saved_model.pbtxt|saved_model.pb}"
    out.append(e)
    e = entry(template_text(pieces), pattern_of(pieces, {}), where,
              "the directory given to the SavedModel loader (tf.keras load_model, tf.saved_model.load) holds no "
              "saved_model.pb", "savedmodel_not_found",
              fix="Give the loader the directory that directly holds saved_model.pb (for TF Serving layouts the "
                  "numbered version folder, e.g. models/m/1), not its parent or a .pb/.h5 file")
    e["example"] = "OSError: SavedModel file does not exist at: /models/m/{saved_model.pbtxt|saved_model.pb}"
    out.append(e)
    # tf.saved_model.load returns TensorFlow's restored object, not a Keras model: Python's AttributeError/TypeError
    # name its class (python/saved_model/load.py _UserObject; python/trackable/autotrackable.py AutoTrackable)
    classes = []
    for cls, file in (("_UserObject", "python/saved_model/load.py"), ("AutoTrackable",
                                                                      "python/trackable/autotrackable.py")):
        if not re.search(rf"^\s*class {cls}\(", (SITE / "tensorflow" / file).read_text(), re.M):
            raise SystemExit(f"explain_index_keras: no class {cls} in tensorflow/{file}")
        classes.append(cls)
    e = entry("'_UserObject' object has no attribute '{attr}' / is not callable",
              "'(?P<restored>" + "|".join(classes) + r")' object (?:has no attribute '(?P<attr>\w{1,80})'|is not "
              r"callable)", "tensorflow python/saved_model/load.py (_UserObject), python/trackable/autotrackable.py "
              "(AutoTrackable): the classes tf.saved_model.load returns",
              None, None, reading="a SavedModel loaded with tf.saved_model.load is TensorFlow's restored object, not "
              "a Keras model: it has no predict() (nor fit, summary, save); tf.keras's load_model returns the same "
              "for a SavedModel without Keras metadata (keras_metadata.pb: written by tf.saved_model.save or Keras 3's "
              "model.export, or by TensorFlow < 2.5) — not about the request or model (no category: "
              "wrong_api_or_input_format is a serving API whose contract the signature does not meet)",
              decider="restored_call",
              fix="Call the SavedModel's serving signature: m = tf.saved_model.load(path); "
                  "m.signatures['serving_default'](INPUT_NAME=tf.constant(x)) (names from saved_model_cli show --dir "
                  "path --all); or load it as a layer with keras.layers.TFSMLayer(path, call_endpoint="
                  "'serving_default') (Keras 3) / tf.keras.models.load_model(path) (Keras 2)")
    e["example"] = "AttributeError: '_UserObject' object has no attribute 'predict'"
    out.append(e)
    # Keras's predict/fit on a NumPy array of dtype object (TensorFlow's Python binding, lib_pywrap_tensorflow_common)
    lib2 = "python/lib_pywrap_tensorflow_common.so"
    found2 = library_strings(SITE / "tensorflow" / lib2)
    head2, tail2 = "Failed to convert a NumPy array to a Tensor (", "Unsupported object type "
    if head2 not in found2 or tail2 not in found2:
        raise SystemExit(f"explain_index_keras: {head2!r} / {tail2!r} not in tensorflow/{lib2}")
    for kinds, category, meaning, fix, example in (
            ("list", "ragged_instances",
             "the array given to Keras has dtype object because its rows are lists of different lengths",
             "Pad (or cut) every example to one length before building the array (keras.utils.pad_sequences, or a "
             "ragged/masked input in the model), then np.asarray(x, dtype='float32')", "list"),
            (r"(?!list\b)\w{1,40}", "dtype_mismatch",
             "the array given to Keras has dtype object (mixed types: numbers stored as Python objects, strings or "
             "None among them), which TensorFlow cannot turn into a numeric tensor",
             "Convert the data to the model's dtype first: np.asarray(x).astype('float32') (pandas: "
             "df.astype('float32') after encoding text/categorical columns and filling missing values)", "float")):
        e = entry(head2 + tail2 + "{type})." + (" (type list)" if kinds == "list" else " (another type)"),
                  lit(head2 + tail2) + f"(?P<object_type>{kinds})", f"tensorflow/{lib2} "
                  "(strings -n 8)", meaning, category, fix=fix)
        e["example"] = f"ValueError: {head2}{tail2}{example})."
        out.append(e)
    # What Keras 3 on TensorFlow prints when predict() gets one image without its batch axis, or a too small image:
    # TensorFlow's shape inference for a Conv/Pool window (libtensorflow_framework's string, checked as TF_RULES are).
    literal = "Negative dimension size caused by subtracting "
    lib = "libtensorflow_framework.so.2"
    found = library_strings(SITE / "tensorflow" / lib)
    if literal not in found:
        raise SystemExit(f"explain_index_keras: {literal!r} not in tensorflow/{lib}")
    e = entry(literal + "{window} from {size} for '{node}'",
              lit(literal) + r"(?P<window>\d{1,9}) from (?P<size>\d{1,9})",
              f"tensorflow/{lib} (strings -n 8)",
              "a convolution or pooling window is larger than the dimension it slides over (the input is smaller "
              "than the model was built for, or one image was sent without its batch axis so each row was read as "
              "an example)", "input_shape_mismatch", decider="keras_expanded",
              fix="Send inputs of the model's input shape, batch axis first: one image (H, W, C) goes in as "
                  "x[None, ...] of shape (1, H, W, C), and images must be at least the size the model was built for "
                  "(resize them); print model.input_shape to see it")
    e["example"] = ("ValueError: Negative dimension size caused by subtracting 3 from 1 for "
                    "'{{node conv2d/convolution}} = Conv2D[T=DT_FLOAT]'")
    out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ removed methods

OLD_MODEL_FILES = (("k231", "engine/sequential.py"), ("k231", "engine/training.py"), ("k26", "engine/sequential.py"),
                   ("k26", "engine/training.py"))


def removed_method_entries() -> list[dict]:
    """Python's ``'Sequential' object has no attribute 'predict_classes'``: code written for Keras 2 calling a model
    method no Keras 3 defines (methods of Sequential/Model in keras 2.3.1 and 2.6.0, without decorators, that no
    ``def`` of the installed keras/src has)."""
    old: set[str] = set()
    for key, path in OLD_MODEL_FILES:
        for cls in ast.walk(ast.parse(read_source(key, path))):
            if isinstance(cls, ast.ClassDef) and cls.name in ("Sequential", "Model"):
                old |= {f.name for f in cls.body if isinstance(f, ast.FunctionDef) and not f.decorator_list
                        and not f.name.startswith("_")}
    now: set[str] = set()
    for p in (SITE / SOURCES["k3"].prefix).rglob("*.py"):
        now |= set(re.findall(r"\bdef ([a-z]\w+)\(", p.read_text()))
    removed = sorted(old - now)
    if "predict_classes" not in removed:
        raise SystemExit("explain_index_keras: predict_classes is no longer a removed Keras method")
    where = "; ".join(f"{SOURCES[k].label} {SOURCES[k].prefix}{p}" for k, p in OLD_MODEL_FILES)
    e = entry("'{model class}' object has no attribute '{method of Keras 2 models}'",
              r"'[^'\n]{1,120}' object has no attribute '(?P<attr>" + "|".join(removed) + ")'",
              f"{where}: model methods no def of {SOURCES['k3'].label} keras/src has ({', '.join(removed)})",
              "code written for Keras 2 calls a model method that newer Keras (TensorFlow >= 2.6, Keras 3) removed",
              "runtime_version_mismatch", fix=REMOVED_METHOD)
    e["example"] = "AttributeError: 'Sequential' object has no attribute 'predict_classes'"
    return [e]


# ------------------------------------------------------------------------------------------------ empty predict

def empty_predict_entries() -> list[dict]:
    """Keras 3's predict() on no examples: its loop assigns ``batch_outputs`` only inside the loop over batches and
    reads it after, so Python itself raises UnboundLocalError naming that variable (its wording provoked here; the
    one of Python <= 3.10 from CPython's Python/ceval.c UNBOUNDLOCAL_ERROR_MSG)."""
    path = "backend/tensorflow/trainer.py"
    if "batch_outputs = self.predict_function(" not in read_source("k3", path):
        raise SystemExit("explain_index_keras: Keras 3's predict loop no longer assigns batch_outputs")

    def f() -> None:
        for _ in ():
            batch_outputs = 1
        return batch_outputs  # noqa: F821 - provoked on purpose

    try:
        f()
    except UnboundLocalError as e:
        said = str(e)
    else:
        raise SystemExit("explain_index_keras: no UnboundLocalError provoked")
    if "'batch_outputs'" not in said:
        raise SystemExit(f"explain_index_keras: Python's UnboundLocalError changed: {said!r}")
    now = lit(said.split("'batch_outputs'")[0]) + "'batch_outputs'"
    e = entry(f"{said}  /  local variable 'batch_outputs' referenced before assignment",
              f"(?:{now}|local variable 'batch_outputs' referenced before assignment)",
              f"{SOURCES['k3'].label} keras/src/{path} (predict: batch_outputs set only inside the batch loop); python "
              f"{sys.version.split()[0]} UnboundLocalError (provoked), Python <= 3.10 Python/ceval.c",
              "Keras 3's predict() got no examples (an empty array, or a dataset or generator that yields nothing), so "
              "its loop over batches never ran", "empty_instances",
              fix="Give predict at least one example: check len(x) > 0 (an empty file list, a filter that kept "
                  "nothing, a generator already exhausted) before calling model.predict")
    e["example"] = f"UnboundLocalError: {said}"
    return [e]


# ------------------------------------------------------------------------------------------------ h5py 3 and old Keras

def h5py3_entries() -> list[dict]:
    """keras 2.3.1's .h5 loader (and tf.keras up to TensorFlow 2.4) calls ``.decode('utf-8')`` on the model config
    h5py returns; h5py >= 3 returns str, so Python says ``'str' object has no attribute 'decode'``; keras 2.6 checks
    ``hasattr(model_config, 'decode')`` first."""
    old = read_source("k231", "engine/saving.py")
    new = read_source("k26", "saving/hdf5_format.py")
    if "model_config.decode('utf-8')" not in old or "hasattr(model_config, 'decode')" not in new:
        raise SystemExit("explain_index_keras: keras 2.3.1 / 2.6.0 no longer show the h5py 3 decode change")
    e = entry("'str' object has no attribute 'decode'", r"'str' object has no attribute 'decode'",
              f"{SOURCES['k231'].label} keras/engine/saving.py (model_config.decode('utf-8')) vs {SOURCES['k26'].label} "
              "keras/saving/hdf5_format.py (hasattr(model_config, 'decode'))",
              "an old Keras (2.3 and older, tf.keras of TensorFlow <= 2.4) reads an .h5 model with h5py >= 3, which "
              "returns text where that Keras expects bytes", "runtime_version_mismatch",
              fix="Install h5py < 3 next to that Keras / TensorFlow (pip install 'h5py<3.0.0'), or load the model with "
                  "TensorFlow >= 2.5 / Keras >= 2.5, which read both")
    e["example"] = "AttributeError: 'str' object has no attribute 'decode'"
    return [e]


# ------------------------------------------------------------------------------------------------ Lambda bytecode

def marshal_entries() -> list[dict]:
    """Keras 2 stores a Lambda layer's function as marshal'd Python bytecode (utils/generic_utils.py func_dump /
    func_load); another Python version cannot read it, and Python says so in marshal's own words (taken here by
    provoking it)."""
    import marshal

    uses = [f"{SOURCES[k].label} {SOURCES[k].prefix}{p}" for k, p in (("k215", "utils/generic_utils.py"),
                                                                        ("k26", "utils/generic_utils.py"))
            if "marshal.loads(" in read_source(k, p)]
    if not uses:
        raise SystemExit("explain_index_keras: Keras 2 no longer loads Lambda bytecode with marshal")
    try:
        marshal.loads(b"\xff")
    except ValueError as e:
        said = str(e)
    else:
        raise SystemExit("explain_index_keras: marshal.loads accepted a bad type code")
    head = said.split("(")[0].strip()  # "bad marshal data"
    e = entry(said, lit(head) + r"(?: \((?P<detail>[^)\n]{1,80})\))?",
              f"python {sys.version.split()[0]} marshal.loads (provoked), as {'; '.join(uses)} (func_load) meets it",
              "a Lambda layer's function was stored as Python bytecode by another Python version, which this one "
              "cannot read", "runtime_version_mismatch",
              fix="The model holds a Lambda layer's Python bytecode written by another Python version: load it with "
                  "the Python (and Keras) version that saved it, or rebuild the model in code with the Lambda's "
                  "function and load only its weights (model.load_weights)")
    e["example"] = f"ValueError: {said}"
    return [e]


# ------------------------------------------------------------------------------------------------ the entries

FAMILY_KEY = 16
"""Characters of plain text (no spaces) a broad rule's pattern must hold for its entry to be kept."""


def rule_entries(rule, candidates, who: str, taken: frozenset[str] = frozenset()) -> list[dict]:
    """The entries one rule takes from ``candidates`` — (source label, pieces) of the string sites it may read: the
    templates its ``select`` finds, cut at its ``start`` / ``stop`` literals, one entry a pattern (the labels of every
    site that gives the same pattern joined), each checked against its example.  Shared by the Keras and the Python
    source modules; ``who`` names the module in a build failure."""
    by_pattern: dict[str, dict] = {}
    taken_rx = [re.compile(p, re.I) for p in taken] if rule.family else []
    for where, pieces in candidates:
        pieces = tuple(pieces)
        if not re.search(rule.select, template_text(pieces)):
            continue
        if rule.start:
            at = next((i for i, (k, t) in enumerate(pieces) if k == "lit" and rule.start in t), None)
            if at is None:
                continue
            first = pieces[at][1]
            pieces = (("lit", first[first.index(rule.start):]),) + pieces[at + 1:]
        if rule.stop:
            at = next((i for i, (k, t) in enumerate(pieces) if k == "lit" and rule.stop in t), None)
            if at is None:
                continue
            last = pieces[at][1]
            pieces = pieces[:at] + (("lit", last[:last.index(rule.stop) + len(rule.stop)]),)
        pattern = pattern_of(pieces, rule.overrides, rule.read)
        if rule.family and (len(pattern_key(pattern)) < FAMILY_KEY or pattern in taken
                            or any(rx.search(example_of(pieces, rule.values)) for rx in taken_rx)):
            continue  # too generic to speak for a message, or read by a more specific entry already (its pattern,
            # or one that reads this site's own example)
        if pattern in by_pattern:
            by_pattern[pattern]["source"] += f"; {where}"
            continue
        if rule.category is None:
            e = entry(template_text(pieces), pattern, where, None, None, reading=rule.meaning, decider=rule.decider,
                      fix=rule.fix)
        else:
            e = entry(template_text(pieces), pattern, where, rule.meaning, rule.category,
                      decider=rule.decider, fix=rule.fix)
        e["example"] = example_of(pieces, rule.values)
        if rule.family:
            e["family"] = rule.family
            if not re.search(pattern, e["example"], re.I):
                continue
        if not re.search(pattern, e["example"], re.I):
            raise SystemExit(f"{who}: {pattern!r} does not match its example {e['example']!r}")
        by_pattern[pattern] = e
    if not by_pattern:
        raise SystemExit(f"{who}: no template in {rule.where} matches {rule.select!r}")
    return list(by_pattern.values())


def keras_entries() -> list[dict]:
    out: list[dict] = []
    for rule in rules():
        out.extend(rule_entries(rule, rule_sites(rule), "explain_index_keras",
                                frozenset(e["pattern"] for e in out)))
    return out


def rule_sites(rule):
    """(source label, pieces) of the sites a Keras rule reads: every string expression of its files, or with
    ``funcs`` the messages raised in the functions it names (``where`` paths may be globs)."""
    for key, pattern in rule.where:
        for path in expand(key, pattern):
            label = f"{SOURCES[key].label} {SOURCES[key].prefix}{path}"
            if rule.funcs is None:
                yield from ((f"{label}:{line}", pieces) for line, pieces in sites(key, path))
            else:
                yield from ((f"{label}:{line}", pieces) for line, pieces, func in raise_sites(key, path)
                            if re.search(rule.funcs, func))


def entries() -> list[dict]:
    return (keras_entries() + removed_method_entries() + marshal_entries() + h5py3_entries() + hdf5_entries()
            + tf_loader_entries() + empty_predict_entries())


if __name__ == "__main__":
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
