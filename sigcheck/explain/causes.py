"""The real cause a text shows, per message group: what :mod:`.fix` puts first when the category's wording is general.

Each rule reads what the message means with the numbers and names in it, and gives the cause sentence and the first
fix step for a category:

* a Keras version mismatch says which way it goes: the message's form tells the loading Keras (Keras 3's ``passed to
  Conv2DTranspose``, Keras 2's ``('Unrecognized keyword arguments:', …)``) and the argument tells the writing one
  (``groups`` of a transposed conv: tf.keras 2; ``batch_shape``: Keras 3; ``input_dtype``: Keras 1);
* ``SavedModel file does not exist at: brain.h5/{…}``: the .h5 file is not at that path (Keras then looks for a
  SavedModel directory there);
* ``Could not find base path X``: nothing is at X inside the server (mount, download), or X points inside a version;
* variables: ``_AnonymousVar…`` deleted with the Python object that owned it; a TF1 graph's variable neither restored
  nor initialised; an init op reading a variable at load time;
* a conv/pool window larger than the dimension it slides over (channels-first data when that dimension is 1/3/4);
  feature maps of different sizes meeting at a Concat (an image size the network's downsampling does not divide);
* the first bytes a decode op got (decimal digits of JPEG's FF D8 FF, a BMP's ``BM``, base64 text);
* a gRPC client on TF Serving's REST port (8501), or a client that reached no server at all;
* batch levels and axes (:func:`levels`, shared with the index's ``rank`` decider): ranks without sizes (ONNX
  Runtime's, TFLite's set_tensor, a Transpose's inside the graph), a table for a rank-3 layer, a trailing axis more
  ((N, 2) for (N,): channels), numpy's batch slot (the axis that differs), a column of features, a level of 1 in front;
  in a call or a session feed the fix speaks of the array in hand, behind a serving API of the request's instances;
* dtypes fed by position (``Expects arg[0] to be X but Y is provided``): a decoded array to a string input (the encoded
  file), float pixels to uint8, float data to an int input (the wrong input, or a cast);
* an input alias without the signature's set: the key, or the signature a request without a name runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from .checks import KERAS_PREDICT_BATCH  # Keras's Model.predict default batch_size (the leading size it prints)
from .patterns import Lazy, lazy

if TYPE_CHECKING:
    from .diagnosis import Diagnosis


@dataclass
class Cause:
    step: str
    """The first fix step."""
    cause: str | None = None
    """A cause sentence that replaces the category's general one (None: keep it)."""
    specific: bool = False
    """Read from the numbers in the text (sizes, channels, counts): goes before an index entry's general fix."""
    category: str | None = None
    """Apply to this category only (None: the rule's own)."""
    contradicts: tuple[str, ...] = ()
    """Words of the category's general steps this reading rules out (a "newer runtime" step when the model is the
    older side): those steps are dropped."""


Rule = Callable[[str, "Diagnosis"], "Cause | None"]
RULES: dict[str, list[Rule]] = {}


def rule(*categories: str) -> Callable[[Rule], Rule]:
    def deco(fn: Rule) -> Rule:
        for c in categories:
            RULES.setdefault(c, []).append(fn)
        return fn

    return deco


def apply(diagnoses: list["Diagnosis"], text: str) -> None:
    """Put each rule's step first on the diagnoses of its categories (and its cause, when it has one)."""
    for d in diagnoses:
        if d.refined:
            continue  # the model or the request said more than the text can
        sourced = d.entry_fix is not None and d.steps[:1] == [d.entry_fix]
        for fn in RULES.get(d.category, ()):
            found = fn(text, d)
            if found is None or (found.category is not None and found.category != d.category):
                continue
            if found.cause:
                d.cause = found.cause
            if not sourced or found.specific:  # else the message's own source says what to do first
                d.steps = [found.step] + [s for s in d.steps if s != found.step]
            if found.contradicts and d.steps:  # the first step stays (the reading's, or the message source's own)
                d.steps = d.steps[:1] + [s for s in d.steps[1:] if not any(w in s for w in found.contradicts)]
            break


# ------------------------------------------------------------------------------------------------ Keras versions

NEWER_RUNTIME = ("at least the one that exported", "same or a newer version", "at least as new as the one that saved")
"""How the general version steps say "use a newer runtime": wrong when the model is the older side (or no side is
known)."""
SERVING_RUNTIME = NEWER_RUNTIME + ("serving runtime's",)
"""The general version steps that speak of a serving runtime and an export: wrong for weights or a checkpoint another
version of the model's code wrote (no runtime is older than an exporter there)."""



KERAS_KEYS: dict[str, tuple[str, str]] = {
    # config key → (which Keras writes it, "older" | "newer": the model against the Keras loading it)
    "groups": ("tf.keras 2, whose Conv2DTranspose, Conv1DTranspose and DepthwiseConv2D write groups=1 that Keras 3's "
               "do not take", "older"),
    "input_dtype": ("Keras 1, whose input_dtype Keras 2 renamed dtype", "older"),
    "batch_input_shape": ("Keras 2, whose InputLayer writes batch_input_shape where Keras 3's takes batch_shape",
                          "older"),
    "batch_shape": ("Keras 3, whose InputLayer writes batch_shape where tf.keras 2's takes batch_input_shape",
                    "newer"),
    "registered_name": ("Keras 3 or the .keras format", "newer"),
    "module": ("Keras 3 or the .keras format", "newer"),
    "build_config": ("Keras 3 or the .keras format", "newer"),
    "compile_config": ("Keras 3 or the .keras format", "newer"),
    "synchronized": ("tf.keras 2.12 or later, whose BatchNormalization writes synchronized", "newer"),
    # keys later Keras 3 releases added to Dense / EinsumDense / Embedding configs (keras-team/keras at the tags):
    # an earlier Keras 3 refuses them, so a newer Keras 3 wrote the file
    "quantization_config": ("Keras 3.13 or later, whose Dense, EinsumDense and Embedding write quantization_config",
                            "newer"),
    "lora_alpha": ("Keras 3.10 or later, whose Dense, EinsumDense and Embedding write lora_alpha", "newer"),
    "lora_rank": ("Keras 3.1 or later, whose Dense, EinsumDense and Embedding write lora_rank", "newer"),
    "ragged": ("tf.keras 2.3 or later, whose InputLayer writes ragged", "newer"),
    "Functional": ("tf.keras 2.4 or later, which saves functional models as the Functional class", "newer"),
    "BatchNormalizationV1": ("tf.keras of TensorFlow 1.13 or later, which registers its BatchNormalization as "
                             "BatchNormalizationV1 (multi-backend keras, 2.4 and older, never had that name)",
                             "newer"),
    # layers only Keras 1 had (Keras 2 kept them in keras.legacy until 2.2, then removed them)
    "Merge": ("Keras 1, whose Merge layer Keras 2 replaced by Concatenate / Add / Multiply / Dot", "older"),
    "MaxoutDense": ("Keras 1, whose MaxoutDense Keras 2 removed", "older"),
    "Highway": ("Keras 1, whose Highway layer Keras 2 removed", "older"),
    "TimeDistributedDense": ("Keras 1, whose TimeDistributedDense Keras 2 replaced by TimeDistributed(Dense)",
                             "older"),
}
"""Layer config keys (and classes) that one Keras writes and another refuses, from the Keras sources."""
CONFIG_EVERYWHERE = frozenset({"module", "registered_name", "build_config", "compile_config"})
"""Keys Keras 3 writes into every layer config: a printed config holds them whoever fails to read it."""
KERAS_KEY_PATTERN = "|".join(sorted(KERAS_KEYS, key=len, reverse=True))
_LOADER_KERAS3 = lazy(r"Unrecognized keyword arguments passed to (?P<cls>\w+)")
_LOADER_KERAS2 = lazy(r"\('Unrecognized keyword arguments:'|Unrecognized keyword arguments: \[|"
                            r"Keyword argument not understood")
_KEY = lazy(rf"['\"\[( ](?P<key>{KERAS_KEY_PATTERN})['\"\]),:]|Unknown layer: ?'?(?P<cls>Functional|Merge|MaxoutDense|Highway|"
                  r"TimeDistributedDense|BatchNormalizationV1)\b")


_SHARED_LOCATE = lazy(r"Could not locate (?:class|function) '(?P<cls>[\w.]{1,80})'\. ?Make sure custom classes are "
                      r"decorated with")
"""serialization_lib's message as Keras 2.13-2.15 / tf_keras AND Keras 3.3-3.11 word it (Keras 3.12+ says "custom
classes and functions"; keras-team/keras at v3.3.0 ... v3.11.0): the wording does not tell which major version loads
the model, so it does not tell which side is newer."""
_KERAS3_LOCATE = lazy(r"Could not locate (?:class|function) '(?P<cls>[\w.]{1,80})'\. ?Make sure custom classes and "
                      r"functions are decorated with")
"""serialization_lib's message as Keras 3.12+ words it: only Keras 3 says it."""
_KERAS2_MODULE = lazy(r"['\"]module['\"]: ?['\"](?:tf_)?keras(?:\.src)?\.engine\.")
"""A config's module path in Keras 2's engine package (keras.engine.training, keras.src.engine.functional: Keras
2.13-2.15 write it; Keras 3's models live in keras.src.models)."""
KERAS_MAJOR_STEP = ("See which Keras loads the model (python -c \"import keras; print(keras.__version__)\"): Keras 3 "
                    "(TensorFlow >= 2.16) loading a model saved by Keras 2 -- load it with tf_keras (pip install "
                    "tf_keras; TF_USE_LEGACY_KERAS=1) or the TensorFlow <= 2.15 it was trained with; Keras 2 loading a "
                    "Keras 3 file -- load it with Keras 3 (TensorFlow >= 2.16). Either way, model.export(dir) from "
                    "the Keras that reads it writes a SavedModel any TensorFlow 2 and TF Serving load")


@rule("runtime_version_mismatch")
def keras_major_unknown(text: str, d: "Diagnosis") -> Cause | None:
    """A built-in class the loading Keras cannot find under the module path the file names, in the wording both Keras 2
    and Keras 3.3-3.11 print (:data:`_SHARED_LOCATE`), with no module path or config key in the text to say who wrote
    it: the two majors differ, and both ways are named."""
    m = _SHARED_LOCATE.search(text)
    if m is None:  # Keras 3.12+'s wording: Keras 3 loads; only a Keras 2 module path says who wrote it
        m = _KERAS3_LOCATE.search(text)
        if m is None or not _KERAS2_MODULE.search(text):
            return None
    if _KERAS2_MODULE.search(text):  # the config names Keras 2's engine package: Keras 2 wrote it, Keras 3 reads it
        return Cause("Load the model with the Keras 2 that wrote it -- tf_keras (pip install tf_keras; "
                     "TF_USE_LEGACY_KERAS=1) or TensorFlow <= 2.15 -- and export a SavedModel from there "
                     "(model.export(dir) / tf.saved_model.save) that any newer runtime serves; Keras 3 has no "
                     "keras.engine package to find the class in",
                     f"The model was saved by Keras 2 (its config names the class {m.group('cls')} in Keras 2's "
                     "keras.engine package) and is loaded by Keras 3, which has no such package: upgrading the "
                     "loader does not help.", specific=True, contradicts=NEWER_RUNTIME)
    if d.evidence.get("module") or _KEY.search(text) or re.search(r"'module': ?'", text):
        return None
    return Cause(KERAS_MAJOR_STEP,
                 f"The model and the Keras loading it are of different major versions (Keras 2 and Keras 3): the "
                 f"loader cannot find the built-in class {m.group('cls')} under the module path the file names. "
                 "Keras 2.13-2.15 and Keras 3.3-3.11 word this alike, so the message does not say which side is "
                 "newer.", specific=True, contradicts=NEWER_RUNTIME)


@rule("runtime_version_mismatch")
def keras_direction(text: str, d: "Diagnosis") -> Cause | None:
    if d.evidence.get("attr"):
        return None  # a private attribute of a class the message names (api_argument): not a class a config names
    if d.evidence.get("module") and not d.evidence.get("kwarg"):
        return None  # frames.name_readings read the module path the config names: it says which Keras wrote it
    key = d.evidence.get("kwarg") or d.evidence.get("layer")
    if not isinstance(key, str) or key not in KERAS_KEYS:
        m = _KEY.search(text)
        key = (m.group("key") or m.group("cls")) if m else None
        if key in CONFIG_EVERYWHERE and not _LOADER_KERAS2.search(text):
            key = None  # in every Keras 3 config a message prints: a sign of who wrote it only when Keras 2 refuses it
    loader3 = _LOADER_KERAS3.search(text)
    if key is None and loader3 is None:
        return None
    writer, way = KERAS_KEYS.get(key or "", ("", ""))
    if not way and loader3 is not None:
        way = "older"  # Keras 3 refuses an argument it does not know: most often one an older Keras wrote
    layer = f" for {loader3.group('cls')}" if loader3 else ""
    what = f"'{key}'{layer}" if key else "an argument"
    if way == "older":
        if writer.startswith("Keras 1") and key != "input_dtype":
            return Cause("Load the model with Keras 1 (the version the project pins, e.g. pip install keras==1.2.2), or "
                         "rebuild the architecture in code with the newer Keras's layers and load only the weights: "
                         f"the model was written by Keras 1, whose {key} the Keras loading it no longer has",
                         f"The model was saved by an older Keras ({writer}) and is loaded by a newer one that does "
                         f"not know {key}: upgrading does not help.", specific=True, contradicts=NEWER_RUNTIME)
        if key == "input_dtype":
            return Cause("Load the model with Keras 1 and save it again with Keras 2, or rename input_dtype to dtype "
                         "in the model's JSON config: the model was written by Keras 1 and is read by a newer Keras",
                         f"The model was saved by an older Keras ({writer}) and is loaded by a newer one that no "
                         f"longer accepts {what}.".replace(" (Keras 1, whose", ", Keras 1, whose").replace(
                             "dtype) and", "dtype, and"), specific=True, contradicts=NEWER_RUNTIME)
        return Cause("Load the model with the Keras that wrote it — tf.keras 2 (TensorFlow 2.15, or pip install "
                     "tf_keras with TF_USE_LEGACY_KERAS=1 on TensorFlow 2.16+) — then export a SavedModel from there "
                     "(model.export(path), or tf.saved_model.save) that any newer runtime serves; or strip "
                     f"{what} from the layer config (a custom_objects subclass that pops it)",
                     f"The model was saved by an older Keras{f': {writer}' if writer else ''}. It is loaded by a "
                     f"newer one{', Keras 3,' if loader3 else ''} that no longer accepts {what}: upgrading the "
                     "runtime does not help.", contradicts=NEWER_RUNTIME)
    if way == "newer":
        if key == "BatchNormalizationV1":
            if _TFJS.search(d.upstream or "") or _TFJS.search(text) or not re.search(
                    r"Unknown layer:? ?'?BatchNormalizationV1", text):
                return None  # another runtime reading it (TensorFlow.js, DL4J): its own entry says which
            return Cause("Load it with tf.keras (tf.keras.models.load_model of a TensorFlow version 1.13 or later), "
                         "not the standalone multi-backend keras package (2.4 and older), which has no "
                         "BatchNormalizationV1; or re-save it from tf.keras in a format the loader reads",
                         f"The model was saved by tf.keras and is loaded by a Keras that does not know its class "
                         f"names: {writer}.", specific=True)
        keras3 = writer.startswith("Keras 3")
        step = ("Load it with Keras 3 (TensorFlow 2.16+, or pip install keras>=3), or export a SavedModel from "
                "Keras 3 (model.export(path)) and serve that: tf.keras 2 cannot read a Keras 3 file" if keras3 else
                "Load or serve it with a TensorFlow/Keras at least as new as the one that saved it (a newer "
                "runtime version, container or tensorflow/serving tag), or re-save it with the older Keras")
        return Cause(step, f"The model was saved by a newer Keras than the one loading it: {writer}; the loading "
                           f"Keras does not know {what}.")
    return None


@rule("runtime_version_mismatch")
def api_argument(text: str, d: "Diagnosis") -> Cause | None:
    """CPython's ``load_model() got an unexpected keyword argument 'compile'``: the installed library's own saving or
    loading function has no such argument.  The calling code (a script, an R or Java wrapper, a model's own loader)
    was written for another version of the library than the one installed: which way is not in the message.  The
    function and the argument are the catalogue pattern's captures (its list of saving and loading functions)."""
    func, kwarg, missing = d.evidence.get("func"), d.evidence.get("kwarg"), d.evidence.get("missing_arg")
    cls, attr = d.evidence.get("cls"), d.evidence.get("attr")
    if func and missing:  # TF 1.x's tf.saved_model.load(sess, tags, export_dir) called as TF 2's load(export_dir)...
        return Cause("Install the TensorFlow / Keras version the calling code was written for (its requirements: pip "
                     f"show tensorflow keras shows what is installed), or call the installed version's {func}() the "
                     f"way its own documentation says (TF 1.x: tf.compat.v1.saved_model.load(sess, tags, export_dir); "
                     f"TF 2: tf.saved_model.load(export_dir))",
                     f"The installed library's {func}() requires an argument {missing} the calling code does not give: "
                     "the code was written for another TensorFlow / Keras version, whose function takes other "
                     "arguments.", specific=True, contradicts=NEWER_RUNTIME)
    if cls and attr:  # a private part of a Keras / TF object another version has and this one does not
        return Cause("Install the Keras / TensorFlow version the code (or the library calling it: a converter, an "
                     "exporter, a model's own package) was written for, as its requirements or release notes name it "
                     "(pip show keras tensorflow shows what is installed), or a release of that library made for the "
                     "installed Keras",
                     f"The code reads {attr}, a private part of Keras's / TensorFlow's {cls} that the installed version "
                     "does not have: it was written for another Keras / TensorFlow version (private attributes change "
                     "between releases without notice).", specific=True, contradicts=NEWER_RUNTIME)
    if not func or not kwarg:
        return None
    return Cause(f"Install the Keras / TensorFlow version the calling code was written for (its requirements or the "
                 f"wrapper package's documented version: pip show keras tensorflow shows what is installed; an R or "
                 f"other wrapper may need its own update too), or call {func}() without {kwarg}=",
                 f"The installed library's {func}() has no argument {kwarg}: the code calling it was written for "
                 f"another Keras / TensorFlow version than the one installed.", specific=True,
                 contradicts=NEWER_RUNTIME)


_RNN_KEY = lazy(r"Key (?P<key>[\w/.-]*(?:lstm_cell|gru_cell|rnn_cell)[\w/.-]*/(?:kernel|bias|weights|biases)) "
                      r"not found in checkpoint", re.I)
_OPTIMIZER_ARG = lazy(r"Unexpected keyword argument passed to optimizer:? ?'?(?P<arg>\w+)", re.I)
_KERAS3_SAVEDMODEL = lazy(r"legacy SavedModel format is not supported by .?load_model", re.I)
_KERAS3_UNSUPPORTED = lazy(r"File format not supported: filepath=(?P<path>[^\s]{1,300}?)\.? Keras 3")
_SUFFIX = lazy(r"\.(?!keras$|h5$|hdf5$)[A-Za-z][\w-]{0,11}$")
"""A file name's extension that is none of Keras 3's model formats (a directory has none: a SavedModel)."""


@rule("runtime_version_mismatch")
def version_of_a_file(text: str, d: "Diagnosis") -> Cause | None:
    m = _RNN_KEY.search(text)
    if m is not None:
        return Cause("Restore with the TensorFlow version that wrote the checkpoint, or convert the checkpoint's RNN "
                     "variable names once (tf.contrib.rnn's checkpoint_convert.py, TF 1.2+) and restore from the "
                     "converted copy",
                     f"The checkpoint has no {m.group('key')}: TensorFlow 1.2 renamed the RNN cells' variables "
                     "(weights/biases became kernel/bias under new scopes), so a checkpoint written by another "
                     "TensorFlow version does not have the names this graph looks up.", specific=True)
    m = _OPTIMIZER_ARG.search(text)
    if m is not None:
        return Cause("Save the model without its optimizer (model.save(path, include_optimizer=False), or "
                     "compile=False when loading), or serve with a runtime whose TensorFlow is at least the one that "
                     "saved it",
                     f"The saved optimizer config has '{m.group('arg')}', which the loading Keras's optimizer does not "
                     "take: the model was saved by a newer TensorFlow/Keras (learning_rate replaced lr in TF 1.14/"
                     "1.15) than the runtime loading it.", specific=True)
    if _KERAS3_SAVEDMODEL.search(text):
        named = _KERAS3_UNSUPPORTED.search(text)
        suffix = _SUFFIX.search(named.group("path")) if named else None
        if suffix is not None and suffix.group(0).lower() in (".pb", ".pbtxt"):  # a SavedModel's own graph file
            path = named.group("path")
            folder = path.rsplit("/", 1)[0] if "/" in path else "."
            return Cause(f"Give the folder that holds it, not the file: keras.layers.TFSMLayer('{folder}', "
                         f"call_endpoint='serving_default') or tf.saved_model.load('{folder}') (Keras 3's load_model "
                         "reads no SavedModel); a frozen graph .pb loads with tf.compat.v1.GraphDef instead",
                         f"{path} is a SavedModel's graph file (or a frozen graph), which Keras 3's load_model does not "
                         "read: it takes only .keras and .h5 files, and a SavedModel is read as its whole folder.",
                         specific=True, contradicts=SERVING_RUNTIME)
        if suffix is not None:  # a file under a name Keras 3 does not read: the format is the extension's
            path = named.group("path")
            stem = path[: -len(suffix.group(0))]
            return Cause(f"If {path} is an HDF5 model (h5py.is_hdf5('{path}') says so; Keras 2 saved it under any "
                         f"name), rename it to {stem}.h5 (a .keras zip: to {stem}.keras) and load that; only a "
                         "SavedModel directory needs keras.layers.TFSMLayer or tf.saved_model.load",
                         f"Keras 3's load_model picks the format by the file name's extension (.keras, .h5 / .hdf5), "
                         f"where Keras 2 read the file's content: {path} has the extension {suffix.group(0)}, so "
                         "Keras 3 reads it as neither.", specific=True)
        return Cause("Load the SavedModel with keras.layers.TFSMLayer(path, call_endpoint='serving_default') or "
                     "tf.saved_model.load(path) in Keras 3, or load_model it with tf.keras 2 (TensorFlow 2.15, or "
                     "tf_keras with TF_USE_LEGACY_KERAS=1)",
                     "Keras 3's load_model reads only .keras and .h5 files; the path is a SavedModel directory "
                     "(Keras 2's model.save(dir), tf.saved_model.save, or Keras 3's own model.export(dir)), which it "
                     "does not read whichever version wrote it.", specific=True, contradicts=SERVING_RUNTIME)
    return None


_WEIGHT_COUNT = lazy(r"Layer #\d+ \(named [\"'](?P<new>[^\"']{1,200})[\"'] in the current model\) was found to "
                      r"correspond to layer (?P<old>\S{1,200}) in the save file\. However the new layer \S{1,200} "
                      r"expects (?P<want>\d+) weights, but the saved weights have (?P<got>\d+) elements")
_KERAS1_NAME = lazy(r"^(?:convolution[123]d|atrousconvolution[12]d|deconvolution2d|separableconvolution2d|"
                     r"batchnormalization|maxpooling[123]d|averagepooling[123]d|zeropadding[123]d|upsampling[123]d|"
                     r"globalaveragepooling[123]d|globalmaxpooling[123]d|timedistributeddense)_\d+$")
"""A layer name Keras 1 gave (its class name lowercased, Convolution2D → convolution2d_1); Keras 2 writes conv2d_1,
batch_normalization_1, max_pooling2d_1."""


@rule("runtime_version_mismatch")
def weight_count(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 2's load_weights (hdf5_format / topology.load_weights_from_hdf5_group) pairs the model's layers with the
    file's in order and compares how many weight arrays each holds: another count is another layer definition (a
    version of Keras or of the code defining the layer, or a setting such as use_bias). The message gives no
    direction; a Keras 1 layer name in the file gives one."""
    m = _WEIGHT_COUNT.search(text)
    if m is None:
        return None
    new, old, want, got = m.group("new"), m.group("old"), m.group("want"), m.group("got")
    if _KERAS1_NAME.match(old):
        return Cause("Load the weights with Keras 1 (the version the project pins, e.g. pip install keras==1.2.2) and "
                     "the code written for it, or use weights saved for Keras 2 (a Keras 1 layer's weight list differs "
                     "from its Keras 2 counterpart's, so the file cannot be read as it is)",
                     f"The weights file was written by Keras 1 (its layer {old} is a Keras 1 name; Keras 2 names it "
                     f"{new.rsplit('_', 1)[0]}_N) and the model is built by Keras 2: {new} holds "
                     f"{_n(int(want), 'weight array')}, the file's layer {got}.", specific=True,
                     contradicts=NEWER_RUNTIME)
    return Cause(f"Build the model with the same code and library versions that saved the weights (the project's "
                 f"pinned Keras / TensorFlow and its own layer code, in either direction: a newer version is not "
                 f"better here), or use the weights file saved for the code you run",
                 f"load_weights pairs the model's layers with the file's in order: {new} in the model the code builds "
                 f"holds {_n(int(want), 'weight array')}, its counterpart {old} in the file {got}, so the layer the code defines "
                 "is not the one that saved the weights (another Keras or library version, another model code, or a "
                 "setting such as use_bias).", specific=True, contradicts=NEWER_RUNTIME)


_CONFIG_KEY = lazy(r"KeyError:? ?['\"]?(?P<key>class_name|config)['\"]?(?:\s|$)")


@rule("runtime_version_mismatch")
def config_layout(text: str, d: "Diagnosis") -> Cause | None:
    """Keras reads every saved object as {'class_name': …, 'config': …} (deserialize_keras_object); Keras 1's and
    earlier ones index the key directly, so a config another Keras laid out otherwise raises ``KeyError:
    'class_name'``: a model JSON / .h5 config from another Keras version, not a serving runtime to upgrade."""
    m = _CONFIG_KEY.search(text)
    if m is None:
        return None
    where = d.cause.startswith(("KeyError", "The traceback stops"))  # frames.where() said where it was raised
    return Cause("Load the model with the Keras version that wrote its config (the project's pinned keras==…), and save "
                 "it there in a form the Keras you run reads (or rebuild the architecture in code and load only the "
                 "weights with model.load_weights)",
                 None if where else
                 f"The saved config has no '{m.group('key')}' where this Keras reads each object as {{'class_name': "
                 "…, 'config': …}: another Keras version (Keras 0.x / 1.x wrote other layouts) wrote the model's "
                 "JSON or .h5 config.")


_PY_OPS = lazy(r"'(?P<op>PyFunc|PyFuncStateless|EagerPyFunc)'")


@rule("runtime_version_mismatch")
def python_function_op(text: str, d: "Diagnosis") -> Cause | None:
    m = _PY_OPS.search(text)
    if m is None:
        return None
    return Cause("Re-export without tf.py_function / tf.numpy_function / tf.compat.v1.py_func: write that step with "
                 "TensorFlow ops (or do it on the client), so the graph runs outside the Python process",
                 f"The graph calls a Python function ({m.group('op')}): only the Python process that built it can run "
                 "it, so no model server (TF Serving, Triton, the C/Java bindings) can, whatever its version.",
                 specific=True)


_SAGEMAKER = lazy(r"production variant|CloudWatch|sagemaker|did not pass the ping health check", re.I)


@rule("deploy_container_not_ready")
def sagemaker_logs(text: str, d: "Diagnosis") -> Cause | None:
    """SageMaker's endpoint creation says the container failed /ping; its logs are in CloudWatch, not Cloud
    Logging."""
    if not _SAGEMAKER.search(text) or not re.search(r"ping health check|production variant", text, re.I):
        return None
    return Cause("Open the endpoint's CloudWatch logs (log group /aws/sagemaker/Endpoints/<endpoint-name>) and find "
                 "the first error: a model server that never started (the container's serve entrypoint), a model "
                 "that did not load (its path under /opt/ml/model, a TensorFlow version older than the model's), or "
                 "an instance with too little memory for it (try a larger instance type)", specific=True)


_ELWC = lazy(r"\bELWC\b|ExampleListWithContext|example_list_with_context")


_PY_SIGNATURE_CALL = lazy(r"Binding inputs to tf\.function|concrete_function\.py|signature_wrapper|"
                          r"_call_with_(?:flat|structured)_signature|saved_model_cli|Cannot feed value of shape")


@rule("serialized_example_input_expected")
def examples_from_python(text: str, d: "Diagnosis") -> Cause | None:
    """A signature taking serialized tf.Example called from Python (or saved_model_cli) with raw features: the fix is
    in that API — serialized protos as a string tensor — not a REST body."""
    if _from_a_request(text) or not _PY_SIGNATURE_CALL.search(text):
        return None
    if "saved_model_cli" in text:
        return Cause("Give saved_model_cli the features as tf.Example dicts: --input_examples "
                     "'examples=[{\"age\":[41.0],\"city\":[\"paris\"]}]' (it serializes them), not --input_exprs / "
                     "--inputs of raw values")
    if "Cannot feed value of shape" in text:
        return Cause("Feed the parsing input one serialized tf.train.Example per row, a 1-D batch of strings: "
                     "sess.run(fetches, {'input_example_tensor:0': [tf.train.Example(features=tf.train.Features("
                     "feature={'age': tf.train.Feature(float_list=tf.train.FloatList(value=[41.0]))}))"
                     ".SerializeToString()]}) — not the rows of raw feature values", specific=True)
    return Cause("Serialize each row as a tf.train.Example and pass the batch of strings under the signature's input: "
                 "f(examples=tf.constant([tf.train.Example(features=tf.train.Features(feature={'age': "
                 "tf.train.Feature(float_list=tf.train.FloatList(value=[41.0]))})).SerializeToString()])) — the "
                 "graph parses them itself", specific=True)


@rule("serialized_example_input_expected")
def ranking_protos(text: str, d: "Diagnosis") -> Cause | None:
    """TF-Ranking's serving functions parse ELWC (ExampleListWithContext) or tf.Example protos: one sent to the other
    fails to parse the same way raw values do."""
    if _ELWC.search(text) is None:
        return None
    return Cause("Send the proto the serving signature parses: for an ELWC receiver (TF-Ranking's "
                 "build_ranking_serving_input_receiver_fn with data_format ELWC) serialized ExampleListWithContext "
                 "protos, for a tf.Example one serialized tf.train.Example; or export the model with the receiver "
                 "for the format your client sends",
                 "The signature parses serialized protos of one format and the client sends another: TF-Ranking's "
                 "ELWC (ExampleListWithContext) to a tf.Example receiver, or the reverse.", specific=True)


_TFJS_UNKNOWN = lazy(r"Unknown (?P<kind>layer|initializer|regularizer|constraint|activation|loss|metric)s?: ?"
                      r"'?(?P<cls>[A-Za-z_]\w{0,80})")
_TFJS = lazy(r"tfjs@(?P<version>[\d.]+)|@tensorflow/tfjs|tfjs-layers|tf-layers\.(?:esm|node)|tf\.min\.js|"
              r"tfjs-node")


@rule("runtime_version_mismatch")
def tfjs_class(text: str, d: "Diagnosis") -> Cause | None:
    """A class TensorFlow.js's layers API does not have, raised inside tfjs (its frames name it, with its version
    when loaded from a CDN): the Keras / converter that wrote the model is newer than the tfjs reading it."""
    where, m = _TFJS.search(d.upstream or "") or _TFJS.search(text), _TFJS_UNKNOWN.search(text)  # frames: upstream
    if where is None or m is None or "This may be due to" in text:
        return None  # (newer tfjs words it "… This may be due to …": the index entry of that message says more)
    version = f" {where.group('version')}" if where.group("version") else ""
    return Cause(f"Load the model with a newer TensorFlow.js than{version or ' the one running'} (npm / the CDN's "
                 "@tensorflow/tfjs at the latest version, at least as new as the tensorflowjs converter that "
                 "converted it), or convert it with the converter of the runtime's version",
                 f"TensorFlow.js{version} does not know the {m.group('kind')} {m.group('cls')}: the model was written "
                 "by a newer Keras / tensorflowjs converter than this tfjs reads.", specific=True)


CONTRIB_OPS = {
    "Resampler": "tf.contrib.resampler (TensorFlow Addons has it as tfa.image.resampler)",
    "ResamplerGrad": "tf.contrib.resampler (TensorFlow Addons has it as tfa.image.resampler)",
    "TreePredictions": "tf.contrib.tensor_forest",
    "TreePredictionsV4": "tf.contrib.tensor_forest",
    "BipartiteMatch": "tf.contrib.image",
    "ImageConnectedComponents": "tf.contrib.image",
    "SkipGramGenerateCandidates": "tf.contrib.text",
    "SingleImageRandomDotStereograms": "tf.contrib.image",
    "PeriodicResample": "tf.contrib.periodic_resample",
}
"""Ops only TensorFlow 1.x's tf.contrib registered (lazily, when the module is first accessed)."""


@rule("runtime_version_mismatch")
def contrib_op(text: str, d: "Diagnosis") -> Cause | None:
    op = d.evidence.get("op")
    if d.variant != "custom_op" or not isinstance(op, str) or op not in CONTRIB_OPS:
        return None
    module = CONTRIB_OPS[op]
    return Cause(f"Load the model with TensorFlow 1.x (1.15) and touch {module.split(' ')[0]} before loading (contrib "
                 "registers its ops lazily); to serve it elsewhere (TensorFlow 2, TF Serving, other bindings), "
                 "rebuild that step with ops those runtimes have and re-export",
                 f"The model uses op {op}, from {module}: TensorFlow 1.x's contrib, which TensorFlow 2 and the "
                 "stock serving binaries never had, so only a TensorFlow 1.x that imports it can load the graph.",
                 specific=True)


# ------------------------------------------------------------------------------------------------ paths

_H5 = lazy(r"SavedModel file does not exist at: ?(?P<file>[^{}\n]{1,300}?\.(?:h5|hdf5|keras|weights))/?"
                 r"\{saved_model", re.I)


_QUOTED = lazy(r"(?:SavedModel file does not exist at|SavedModel not found in export directory|Could not find "
                r"SavedModel \.pb or \.pbtxt at supplied export directory path):? ?(?P<path>['\"][^{}\s]{1,300}?['\"])"
                r"(?:/\{|\s|$|\.)")


@rule("savedmodel_not_found")
def quoted_path(text: str, d: "Diagnosis") -> Cause | None:
    m = _QUOTED.search(d.upstream or "") or _QUOTED.search(text)
    if m is None:
        return None
    path = m.group("path")
    return Cause(f"Pass the path without the quote characters ({path.strip(chr(39) + chr(34))}): they reached the "
                 "loader as part of the name (quoted twice, or quotes a Windows shell or a notebook ! command keeps)",
                 f"The path the loader got, {path}, has quote characters in it, so no such directory exists.",
                 specific=True)


_AT_FILE = lazy(r"SavedModel file does not exist at: ?(?P<path>[^{}\n]{1,300}?)/?\{saved_model", re.I)
_FILE_SUFFIX = lazy(r"\.(?P<ext>h5|hdf5|keras|model|pb|pbtxt|pkl|pickle|joblib|tflite|onnx|pt|pth|ckpt|weights)$",
                     re.I)
_TF_LOADER = lazy(r"(?:tf|tensorflow)\.(?:compat\.v[12]\.)?saved_model\.(?:load|loader\.load)\(|saved_model_cli")
_KERAS_LOADER = lazy(r"load_model\(")


@rule("savedmodel_not_found")
def file_for_a_directory(text: str, d: "Diagnosis") -> Cause | None:
    """TF's SavedModel loader was given a file (its name has a model file's extension) where it reads a directory.
    Which loader the traceback shows says why: tf.saved_model.load reads only SavedModel directories (a .keras / .h5
    / HDF5 file goes to keras.models.load_model); tf.keras's load_model passes a path to it when the path is not an
    HDF5 file it can open (nothing there, a .keras zip of a newer Keras, or no h5py)."""
    upstream = d.upstream or text
    m = _AT_FILE.search(upstream) or _AT_FILE.search(text)
    ext = _FILE_SUFFIX.search(m.group("path").strip().strip("'\"")) if m else None
    if ext is None:
        return None
    from .frames import read_frames

    path = m.group("path").strip()
    kind = ext.group("ext").lower()
    fr = read_frames(upstream)
    calls = " ".join(f.code for f in fr.frames) + " " + fr.call
    tf_load = bool(_TF_LOADER.search(calls)) and not _KERAS_LOADER.search(calls)
    if not tf_load and not (fr.frames and not any(f.library in ("keras", "tf.keras", "tf_keras") for f in fr.frames)
                            and any(f.module.endswith("saved_model.load") for f in fr.frames)):
        if kind == "model" and not _KERAS_LOADER.search(calls):  # no loader shown, a name no format has
            return Cause(f"Check that {path} exists where the program runs (os.path.exists), then load it with "
                         f"keras.models.load_model('{path}') under the TensorFlow / Keras version that saved it (Keras "
                         "3 wants an HDF5 model named .h5: rename it first)",
                         f"{path} names a model file, not a SavedModel directory: either nothing is at that path, or "
                         "it is a Keras (HDF5) model that the loader did not read as one — tf.saved_model.load reads "
                         "only directories, and an older tf.keras reads a file only when its h5py opens it as HDF5 — "
                         "so it looked for saved_model.pb inside it.", specific=True)
        return None  # no traceback shows the loader: the suffix rules (missing_model_file, keras_file) read it
    if kind in ("h5", "hdf5", "keras", "model", "weights"):
        rename = f" (Keras 3 takes an HDF5 model only under .h5: rename {path} first)" if kind == "model" else ""
        return Cause(f"Load {path} with keras.models.load_model('{path}'){rename}, not tf.saved_model.load; or, "
                     "to serve it, load it there and write a SavedModel with model.export(dir)",
                     f"{path} is a Keras model file, and tf.saved_model.load reads only SavedModel directories "
                     "(saved_model.pb with variables/), so it looked for saved_model.pb inside it.", specific=True)
    return Cause(f"Give tf.saved_model.load the SavedModel directory (the folder holding saved_model.pb and "
                 f"variables/), not the file {path}",
                 f"{path} is a file, and tf.saved_model.load reads only SavedModel directories, so it looked for "
                 "saved_model.pb inside it.", specific=True)


_CLI_AT = lazy(r"saved_model_(?:cli|utils)\.py.{0,2000}?SavedModel file does not exist at: ?(?P<path>[^{}\s'\"]{1,300}?"
                r"\.(?P<ext>h5|hdf5|keras))\s*$", re.S | re.M)


@rule("savedmodel_not_found")
def keras_file_to_saved_model_cli(text: str, d: "Diagnosis") -> Cause | None:
    """saved_model_cli's reader (tools/saved_model_utils.py read_saved_model: 'SavedModel file does not exist at: %s'
    over the --dir it was given) named a Keras file: the tool reads SavedModel folders only."""
    m = _CLI_AT.search(d.upstream or "") or _CLI_AT.search(text)
    if m is None:
        return None
    path = m.group("path")
    stem = re.sub(r"\.(?:h5|hdf5|keras)$", "", path) + "_savedmodel"
    return Cause(f"Write a SavedModel from the Keras file and give saved_model_cli that folder: keras.models."
                 f"load_model('{path}').export('{stem}') (or sigcheck export --from {path} --output {stem}), then "
                 f"saved_model_cli show --dir {stem} --all; TF Serving and Vertex AI serve that folder too",
                 f"{path} is a Keras model file, and saved_model_cli reads only SavedModel folders (saved_model.pb "
                 "with variables/).", specific=True, contradicts=("No .h5 file exists",))


_CANNOT_PARSE = lazy(r"Cannot parse (?:proto )?file b?'?(?P<path>[^'\s]{1,300}?)'?: (?P<why>[^\n]{0,200}?)(?:\.\s|\.?$)")


@rule("savedmodel_not_found")
def unparsable_graph(text: str, d: "Diagnosis") -> Cause | None:
    """TensorFlow's loader_impl.parse_saved_model ('Cannot parse file {path_to_pb}: {str(e)}.'): the file is there,
    its bytes are no SavedModel protobuf."""
    m = _CANNOT_PARSE.search(d.upstream or "") or _CANNOT_PARSE.search(text)
    if m is None:
        return None
    path, why = m.group("path"), m.group("why").strip()
    return Cause(f"Compare {path}'s size with the original's and look at its first bytes (head -c 100): cut short by a "
                 "copy or upload, a Git LFS pointer ('version https://git-lfs': git lfs pull), or a frozen GraphDef "
                 "renamed; copy the whole SavedModel folder again, or export it again with tf.saved_model.save / "
                 "model.export(dir)",
                 f"{path} is there, but TensorFlow cannot parse it as a SavedModel protobuf ({why}): the file is "
                 "damaged or is not a SavedModel's graph.", specific=True)


_NO_FILE = lazy(r"File not found: filepath=(?P<k3>[^\s]{1,300}?)\.? Please ensure|unable to open file: name = "
                 r"'(?P<h5>[^']{1,300})', errno = 2|\[Errno 2\] No such file or directory: '(?P<py>[^']{1,300})'")


_TILDE_PATH = lazy(r"(?:does not exist at|No file or directory found at|not found: filepath=|No such file or directory: "
                   r"'?)[:\s]{0,3}(?P<path>~[\w./-]{0,200})")


@rule("savedmodel_not_found")
def tilde_not_expanded(text: str, d: "Diagnosis") -> Cause | None:
    """A path that starts with ``~``: the shell expands it, Python, TensorFlow and Keras do not (a folder literally
    named ~ in the working directory is looked for)."""
    m = _TILDE_PATH.search(text)
    if m is None:
        return None
    path = m.group("path")
    return Cause(f"Expand the ~ yourself: os.path.expanduser('{path}') (or the absolute path) — Python, TensorFlow and "
                 "Keras do not expand ~, only a shell does",
                 f"The path {path} starts with ~, which no loader expands: it looked for a folder named ~ in the "
                 "working directory.", specific=True)


@rule("savedmodel_not_found")
def no_file_there(text: str, d: "Diagnosis") -> Cause | None:
    """The loaders that say the file is not there and name it: Keras 3's load_model (saving_api: File not found:
    filepath=…), HDF5 through h5py (unable to open file: name = '…', errno = 2), Python's open()."""
    m = _NO_FILE.search(d.upstream or "") or _NO_FILE.search(text)
    if m is None:
        return None
    if m.group("k3"):
        return keras3_not_a_zip(m.group("k3"))
    path = m.group("h5") or m.group("py")
    return Cause(f"{path} does not exist where the program runs: check it with os.path.exists('{path}') — a "
                 "relative path resolves from the working directory (os.getcwd()), a container sees only what is "
                 "mounted into it, and a gs:// or s3:// path must be copied down first (or read through "
                 "tf.io.gfile) — or give the absolute path", f"Nothing is at {path} where the process runs: the loader checked for the file "
                 "before reading it.", specific=True)


def keras3_not_a_zip(path: str) -> Cause:
    """Keras 3's ``File not found: filepath=….keras. Please ensure the file is an accessible `.keras` zip file.``
    (keras/src/saving/saving_api.py load_model): raised for any path ending ``.keras`` that
    ``zipfile.is_zipfile`` refuses — nothing there, or a file there that is no zip (a Git LFS pointer, an HTML page
    a download saved, a copy cut short, an HDF5 model renamed .keras)."""
    return Cause(f"Check both: os.path.exists('{path}') (False: it does not exist where the program runs — give the "
                 "path where it really is; relative paths resolve from the working directory, a container sees only "
                 "its mounts) and "
                 f"zipfile.is_zipfile('{path}') (there but no zip: look at its first bytes, head -c 100 FILE — "
                 "'version https://git-lfs' is a Git LFS pointer (git lfs pull), '<html' a failed download, "
                 "'\\x89HDF' an HDF5 model (name it .h5); else the copy is cut short: copy it again)",
                 f"Keras 3's load_model found no readable .keras zip at {path}: it says 'File not found' for any .keras "
                 "path that zipfile.is_zipfile refuses, so the file is either missing or not a .keras zip (a Git LFS "
                 "pointer, a saved HTML page, a truncated download, an HDF5 file renamed .keras).", specific=True)


@rule("savedmodel_not_found")
def missing_model_file(text: str, d: "Diagnosis") -> Cause | None:
    m = _H5.search(d.upstream or "") or _H5.search(text)  # the pasted text: unescaping turns C:\\Users\\try into a tab
    if m is None:
        return None
    f = m.group("file").strip()
    return Cause(f"Check the file with os.path.exists('{f}') and h5py.is_hdf5('{f}'): not there — give load_model "
                 "the path where it really is (an absolute path, or one relative to the working directory the program "
                 "runs in; a container sees only its mounts), or save / download the model there first; there but not "
                 "HDF5 — it is not the model (a Git LFS pointer or an HTML page a download saved: its size gives it "
                 "away), so download the real file; h5py not installed — pip install h5py",
                 f"{f} is not a SavedModel directory: either no file is at that path (Keras' load_model then takes "
                 "the path for a SavedModel directory and looks for saved_model.pb inside it), or the .h5 file exists "
                 "and was given to tf.saved_model.load, which reads only SavedModel directories: load an .h5 with "
                 "tf.keras.models.load_model. tf.keras's load_model reads a file as HDF5 only when h5py opens it as "
                 "one: a file that is no HDF5 (a Git LFS pointer, an HTML download page) reads as missing too.")


_MODEL_SUBFOLDER = lazy(r"(?:SavedModel file does not exist at|contains neither 'saved_model\.pb' nor|SavedModel not "
                         r"found in export directory):? ?['\"]?(?P<path>[^{}'\"\s]{0,300}?)/(?P<sub>assets|variables|"
                         r"assets\.extra)/*(?:['\"]|/?\{|\s|$)")


@rule("savedmodel_not_found")
def model_subfolder(text: str, d: "Diagnosis") -> Cause | None:
    """The loader looked for saved_model.pb inside a SavedModel's own assets/ or variables/ folder: the program was
    given the SavedModel directory where it takes a folder of models (it loads each subfolder as one)."""
    m = _MODEL_SUBFOLDER.search(d.upstream or "") or _MODEL_SUBFOLDER.search(text)
    if m is None:
        return None
    base, sub = m.group("path") or ".", m.group("sub")
    return Cause(f"Give the loader {base}, the folder that holds saved_model.pb, not its {sub}/ folder; if you gave "
                 f"{base} to a program that takes a folder of models (it loads each subfolder as one), give it the "
                 "folder above instead (or move the SavedModel one level down)",
                 f"The loader looked for saved_model.pb in {base}/{sub}, a SavedModel's own {sub} folder: it was "
                 f"given that folder, or a program that loads every subfolder of its folder was given {base} itself.",
                 specific=True)


_BASE = lazy(r"Could not find base path (?P<path>[^\s,;'\"]{1,300}?)(?=\s|$| for servable)")
_INSIDE = lazy(r"^(?P<base>.*?)/(?:\d+/?)?(?:saved_model\.pbtxt|saved_model\.pb|variables/?)$|^(?P<ver>.*)/\d+/?$")


_NO_VERSIONS = lazy(r"No versions of servable (?P<servable>\S+) found under base path (?P<path>[^\s,;'\"]+)")


_RELATIVE_BASE = lazy(r"Expected model (?P<name>\S{1,200}) to have an absolute path or URI; got base_path\(\)="
                       r"(?P<path>[^\s'\"]{0,300})")


@rule("model_base_path_layout")
def relative_base_path(text: str, d: "Diagnosis") -> Cause | None:
    """TF Serving's server_core checks that each model's base_path is absolute or a URI before looking at it."""
    m = _RELATIVE_BASE.search(text)
    if m is None:
        return None
    path = m.group("path") or "''"
    return Cause(f"Give --model_base_path (or base_path in the model config file) as an absolute path inside the "
                 f"server, e.g. /models/{path.rstrip('/').rsplit('/', 1)[-1].strip('.') or m.group('name')}, or a URI (gs://…, s3://…): TF Serving "
                 "does not resolve relative paths",
                 f"The base path of model {m.group('name')} is {path}, a relative path (or empty): TF Serving takes "
                 "only an absolute path or a URI.", specific=True)


@rule("model_base_path_layout")
def base_path(text: str, d: "Diagnosis") -> Cause | None:
    m = _BASE.search(text)
    versions = _NO_VERSIONS.search(text)
    if m is None and versions is not None:
        path = versions.group("path").rstrip("/.")
        return Cause(f"Put the SavedModel in a numbered version folder under {path}: {path}/1/saved_model.pb with "
                     f"{path}/1/variables/ (and check that the mount really brings that folder into the container: "
                     f"docker exec … ls {path})",
                     f"{path} exists in the server but has no numbered version folder holding a SavedModel "
                     "(saved_model.pb directly in it, a version folder named v1, or an empty mount).")
    if m is None:
        return None
    path = m.group("path")
    uri = re.match(r"(?P<scheme>s3|gs|hdfs|az)://(?P<bucket>[^/]*)", path)
    if uri:
        empty = not uri.group("bucket")
        return Cause(f"Check that {path} exists in the object store and that the server can read it (credentials, "
                     "region and endpoint variables)" + ("; the bucket name is empty, so the variable meant to hold "
                                                         "it was not set" if empty else ""),
                     f"TF Serving found nothing it could read at {path}" + (
                         ": the bucket name is empty (nothing between :// and the next /)." if empty else
                         " (no such bucket or prefix, or no access)."), specific=True)
    inside = _INSIDE.match(path)
    if inside:
        base = inside.group("base") or inside.group("ver")
        parent = base.rsplit("/", 1)[0] if inside.group("base") and re.search(r"/\d+$", base) else base
        return Cause(f"Point --model_base_path at {parent or '/'} (the folder whose children are the numbered "
                     f"versions), not at {path}",
                     f"--model_base_path ({path}) points inside a version (at a file or a version folder); TF Serving "
                     "wants the folder above the numbered versions.")
    return Cause(f"Make {path} exist inside the server: mount the model there (docker run -v "
                 f"/abs/host/dir:{path}), fix base_path in the model config file, or check that the download to "
                 f"{path} (KServe's storage initializer, the storageUri) succeeded",
                 f"Nothing exists at {path} inside the server (its container): the model folder was not mounted, "
                 "copied or downloaded there.")


# ------------------------------------------------------------------------------------------------ batch levels

def _shape_text(shape: list[int]) -> str:
    dims = ["None" if d < 0 else str(d) for d in shape]
    return "(" + ", ".join(dims) + ("," if len(dims) == 1 else "") + ")"


@dataclass(frozen=True)
class Levels:
    """What the numbers of a shape message say about its levels: a missing batch level, a per-example shape, an extra
    level (``category``; None when they do not decide), and whether they fit two of these alike (``both``: the fix
    then says both instead of a confident wrong one)."""

    category: str | None
    both: bool = False


IMAGE_CHANNELS = (1, 2, 3, 4)
"""An image's channel counts: grayscale, grayscale with alpha (PIL's "LA"), RGB, RGBA."""
_KERAS2_PER_EXAMPLE = lazy(r"Error when checking [\w ]{0,30}: expected \S{1,200} to have shape \(")
_SERVED = lazy(r"\"?instances\"?|api_core|FailedPrecondition|StatusCode\.|grpc|\{\s*\\?\"error\\?\"|:predict\b|"
                r"aiplatform|Vertex|SageMaker|tensorflow_serving", re.I)
"""The text came back from a serving API (REST body, gRPC status, a platform's client): its instances' nesting is
the request's."""
_KERAS3_SQUEEZED = lazy(r"is incompatible with the layer: expected shape=\(")
_ERROR_DICT = lazy(r"\{\s*\\?['\"]error\\?['\"]\s*:")
"""A serving API's error body as a client printed it: JSON, or a Python dict ({'error': '...'})."""


def _from_a_request(text: str) -> bool:
    """The text came back from a serving API (its instances' nesting is the request's), not from a call or a session
    feed: the fixes that speak of arrays in hand are not said for it."""
    return bool(_SERVED.search(text) or _ERROR_DICT.search(text))


def _fits(want: list[int], got: list[int]) -> bool:
    return len(want) == len(got) and all(w < 0 or g < 0 or w == g for w, g in zip(want, got))


def levels(got: list[int] | None, want: list[int] | None, got_rank: int | None, want_rank: int | None,
           text: str) -> Levels | None:
    """Read a received shape against the declared one (both with their batch axis; ``want`` may be known by its
    rank only).  Shared by the index's ``rank`` decider (the category) and the fix rules here (what to say first):

    * one level short, the trailing sizes match and the first is the declared second one — (50, 24) for (None, 50,
      24): one example without its batch, whose first axis became the batch; another first size — (3, 24) — are
      examples lacking that axis (a per-example shape); a symbolic batch — (None, 24) — has its batch level, so the
      examples lack the axis (a per-example shape, the other reading said second); Keras predict's batch of 32 for
      a longer axis, an axis of unknown size, or a rank-only message: both fit;
    * one level deep: a size-1 level after the batch — (None, 1, 28, 28, 1) — is extra nesting; an image whose
      channels got another axis — (None, 28, 28, 3, 1) — or a stack per example — (None, 10, 28, 28, 1) —, and any
      extra level with no size-1 level to drop, are per-example shapes;
    * Keras 2's per-example check ``to have shape (7,) but got array with shape (1,)``: Keras 2 turns a 1-D array
      into a column (training_utils standardize_single_array: np.expand_dims(x, 1)), so 7 values passed as one
      1-D array arrive as 7 examples of 1 value: a missing batch level (or truly one feature: both fit);
    * Keras 3's Functional drops a trailing 1 before printing (input_spec's allow_last_axis_squeeze): (1, 1, 28, 28)
      for (None, 28, 28, 1) is a 5-D input with a size-1 level after the batch (read first), or a channels-first
      image (both), and so is (1, 16, 28, 28), a batch of 16 wrapped once more; (4, 10, 28, 28) is a stack of 10 per
      example.
    """
    if not isinstance(got_rank, int) or not isinstance(want_rank, int):
        return None
    if got is None:
        return _rank_only(got_rank, want_rank, text)
    if got_rank == want_rank:
        if want is None or len(want) != len(got):
            return None
        if (len(got) == 1 and got[0] == 1 and want[0] > 1) and _KERAS2_PER_EXAMPLE.search(text):
            return Levels("missing_batch_dimension", both=True)
        if len(got) >= 4 and want[-1] == 1 and got[-1] != 1 and _KERAS3_SQUEEZED.search(text) and got[1] != want[1] \
                and _fits(want[1:-1], got[2:]):
            # (1, 16, 28, 28): a batch of 16 wrapped once more ([x] / np.expand_dims on a batched array), as a
            # leading 1 one level deep is read below; (4, 10, 28, 28): a stack of 10 per example
            return Levels("extra_batch_dimension", both=True) if 1 in got[:2] else Levels("input_shape_mismatch")
        return None
    if got_rank == want_rank - 1:
        if want is None:
            if want_rank == 4:
                return None  # an image's rank: its channel decides
            served = _SERVED.search(text)
            if want_rank >= 5 and len(got) >= 4 and got[-1] in IMAGE_CHANNELS and got[0] > 0:
                return Levels("missing_batch_dimension", both=True)  # one volume or clip, its channels last
            if len(got) >= 2 and not served:
                # (100, 24) for rank 3: a table of rows (samples, features) or series (samples, steps) lacks the
                # axis a sequence or 1-D conv layer takes (timesteps, or channels: x[..., None]); data arrives as
                # such a table far more often than as one (steps, features) sequence without its batch
                return Levels("input_shape_mismatch", both=True)
            return Levels(None, both=True)  # as below
        if len(got) >= 2 and got[0] < 0 and len(want) == len(got) + 1 and _fits(want[2:], got[1:]):
            if want_rank == 4 and got[-1] in (1, 3, 4) and want[-1] in (-1, got[-1]):
                return Levels("missing_batch_dimension")  # an image: its rows became the batch
            # (None, 24) for (None, 50, 24): the batch level is there (None) and each example lacks the axis of 50
            # — rows never windowed; one sequence whose steps became the batch prints the same: said second.  Behind
            # a serving API each instance's nesting is the request's: a level short there reads as the request's
            return Levels(None if _SERVED.search(text) else "input_shape_mismatch", both=True)
        if len(got) >= 2 and got[0] > 0 and len(want) == len(got) + 1 and _fits(want[2:], got[1:]):
            if want[1] == got[0] or (want_rank == 4 and got[-1] in (1, 3, 4) and want[-1] in (-1, got[-1])):
                return Levels("missing_batch_dimension")  # (an image: its channels end it, its rows became the batch)
            if want[1] < 0 or (got[0] == KERAS_PREDICT_BATCH and want[1] > got[0]):
                return Levels(None, both=True)
            return Levels("input_shape_mismatch")
        return None
    if got_rank == want_rank + 1 and want is not None and len(want) == want_rank and got[-1] != 1 \
            and _fits(want, got[:-1]) and not (got[0] == 1 and _fits(want, got[1:])):
        return Levels("input_shape_mismatch")  # a trailing axis more, (180149, 2) for (180149,): channels, not a level
    if got_rank == want_rank + 1 and len(got) >= 3:
        per = want[1:] if want is not None and len(want) == want_rank else None
        if got[0] == 1 and (got[1] == 1 or got[-1] != 1 or got[-2] not in IMAGE_CHANNELS):
            return None  # the decider's own reading (a batch of one wrapped once more)
        if got[1] == 1 and (per is None or _fits(per, got[2:])):
            return Levels("extra_batch_dimension")
        if got[-1] == 1 and got[-2] in IMAGE_CHANNELS and (per is None or _fits(per[:-1], got[1:-2])):
            return Levels("input_shape_mismatch")  # channels given another channel axis (x[..., None] on RGB)
        if per is not None and got[1] > 1 and _fits(per, got[2:]):
            return Levels("input_shape_mismatch")  # a stack of examples per example (frames, crops)
        if got[1] > 1 and got[0] != 1:
            return Levels("input_shape_mismatch")  # no size-1 level: not a nesting a request or expand_dims adds
    if got_rank > want_rank + 1 and got[0] != 1:
        k = got_rank - want_rank  # several levels deep: (10, 1, 1, 416, 416, 3) for rank 4
        per = want[1:] if want is not None and len(want) == want_rank else None
        if all(s == 1 for s in got[1:1 + k]) and (per is None or _fits(per, got[1 + k:])):
            return Levels("extra_batch_dimension")  # each example nested k more times (expand_dims per example)
    return None


_AT_MODEL_INPUT = lazy(r"Cannot set tensor: ?Dimension mismatch|Invalid rank for input|Got:? ?\d+ (?:but )?"
                        r"expected:? ?\d+ for input", re.I)
"""A rank-only message about the model's own input (TFLite's set_tensor, ONNX Runtime's input check), not about a
tensor inside the graph (a Transpose's or Tile's, whose rank need not be the input's)."""
_INSIDE_RANK = lazy(r"transpose expects a vector of size|multiples argument to be a vector of length", re.I)
"""A Transpose's or Tile's rank check: the rank of a tensor inside the graph (a recurrent or 1-D conv layer's
transposes), which need not be the model input's; a conv's, a pool's or a layer's rank 4 is an image's."""


def _rank_only(got_rank: int, want_rank: int, text: str) -> Levels | None:
    """Ranks without sizes (``Invalid rank for input: input Got: 4 Expected: 5``, ``transpose expects a vector of size
    3. But input(1) is a vector of size 4``): the numbers fit more than one reading, so ``both`` always.

    * one level short at rank 4 (the model's input, a conv or pool, a layer's check): one image (H, W, C), as a
      decoder gives it, without its batch level; at rank 3 or 5, data as it is loaded — a table (samples, features),
      series (samples, steps), a volume (samples, depth, height, width) — lacks the axis the layer takes (timesteps,
      channels: x[..., None]); a Transpose's or Tile's rank is a tensor's inside the graph, not the input's: an axis
      each example lacks, said first; one level short at the model's own input of rank 2 (batch, features): a vector of
      features passed as one example without its batch level (a table whose examples lack an axis would be rank 1
      against a model that takes one value per example).
      Behind a serving API a level short reads as the request's nesting (the decider's);
    * one level deep at the model's input: np.expand_dims (or [x]) on an array that had its batch level already.
    """
    if got_rank == want_rank - 1:
        if _SERVED.search(text):
            return None
        if want_rank == 4 and not _INSIDE_RANK.search(text):
            return Levels("missing_batch_dimension", both=True)
        if want_rank == 2 and _AT_MODEL_INPUT.search(text):
            return Levels("missing_batch_dimension", both=True)  # a vector of features for (batch, features)
        return Levels("input_shape_mismatch", both=True)
    if got_rank == want_rank + 1 and _AT_MODEL_INPUT.search(text):
        return Levels("extra_batch_dimension", both=True)
    return None


_FULL_SHAPE = lazy(r"expected (?:min_)?ndim=(?P<want>\d+), found ndim=(?P<got>\d+)\. Full shape received: "
                   r"(?P<shape>[\[(][^\])]{0,160}[\])])")


def _ranks(d: "Diagnosis", text: str) -> tuple[list[int] | None, list[int] | None, int | None, int | None]:
    ev = d.evidence
    if not isinstance(ev.get("got_shape"), list):
        m = _FULL_SHAPE.search(text)  # a reading that kept another message's evidence: the numbers are in the text
        if m is not None:
            from .evidence import parse_shape

            ev = {**ev, "got_shape": parse_shape(m.group("shape")), "want_rank": int(m.group("want"))}
    got = ev.get("got_shape") if isinstance(ev.get("got_shape"), list) and ev.get("got_shape") else None
    want = ev.get("want_shape") if isinstance(ev.get("want_shape"), list) and ev.get("want_shape") else None
    got_rank = len(got) if got is not None else ev.get("got_rank")
    want_rank = ev.get("want_rank") if isinstance(ev.get("want_rank"), int) else len(want) if want else None
    return got, want, got_rank if isinstance(got_rank, int) else None, want_rank


_BROADCAST_OPERANDS = lazy(r"Incompatible shapes: \[(?P<a>[\d,\s-]{0,80})\] vs\. \[(?P<b>[\d,\s-]{0,80})\]")
"""TensorFlow's elementwise binary ops (core/kernels/cwise_ops_common: ``Incompatible shapes: [3,2] vs. [3]``): the
two shapes are the op's two operands inside the graph, neither of them the model's declared input."""


@rule("input_shape_mismatch")
def broadcast_operands(text: str, d: "Diagnosis") -> Cause | None:
    """An elementwise op's two operands of ranks one apart, the shorter one being the longer one without its last
    axis (``[3,2] vs. [3]``): broadcasting aligns the LAST axes (2 against 3), so a value per example ([3]) does not
    combine with k values per example ([3,k]) -- it needs a trailing axis of 1.  In a served model the [N] side is
    most often a scalar (rank-0) signature input sent in every instance of the row format, which TF Serving stacks
    into [N]; else the model reduces without ``keepdims``."""
    m = _BROADCAST_OPERANDS.search(text)
    if m is None:
        return None
    from .evidence import parse_shape

    a, b = parse_shape(m.group("a")), parse_shape(m.group("b"))
    if a is None or b is None:
        return None
    long, short = (a, b) if len(a) > len(b) else (b, a)
    if len(long) != len(short) + 1 or not short or long[:-1] != short or long[-1] == 1:
        return None
    node = d.evidence.get("node")
    at = f" ({node})" if node else ""
    return Cause(f"If the signature has a scalar input (rank 0: sigcheck inspect MODEL shows its shape as ()), send it "
                 f"once in the columnar format, {{\"inputs\": {{..., \"name\": value}}}}, not in every instance; "
                 f"otherwise keep the axis in the model where the {_shape_text(short)} side is made (keepdims=True on "
                 f"the reduction, or tf.expand_dims(x, -1) before the op)",
                 f"An elementwise op of the graph{at} combines {_shape_text(long)} with {_shape_text(short)}: one value "
                 f"per example against {long[-1]} per example, and broadcasting lines up the last axes, not the batch. "
                 f"In a served model the {_shape_text(short)} side is most often a scalar (rank-0) input sent in every "
                 f"instance of the row format (TF Serving stacks it into [{short[0]}]); else a reduction in the model "
                 "without keepdims.", specific=True)


@rule("missing_batch_dimension", "input_shape_mismatch", "extra_batch_dimension")
def level_reading(text: str, d: "Diagnosis") -> Cause | None:
    """The fix of what :func:`levels` reads: both readings when the numbers fit both, else the one they show."""
    if _BROADCAST_OPERANDS.search(text):
        return None  # two operands inside the graph (broadcast_operands), not a received shape against a declared one
    got, want, got_rank, want_rank = _ranks(d, text)
    if want is not None and got is not None and len(want) != want_rank:  # Keras 2 prints shapes without the batch
        want, got = [-1, *want], [-1, *got] if len(got) == len(want) else got
    lv = levels(got, want, got_rank, want_rank, text)
    if lv is None:
        return None
    if got is None:
        return _rank_only_fix(lv, got_rank, want_rank, text)
    per = want[1:] if want is not None else None
    if lv.both and _KERAS2_PER_EXAMPLE.search(text) and got_rank == want_rank and want is not None:
        w = want[-1]
        return Cause(f"If you passed one example of {w} values as a 1-D array, Keras 2 read it as {w} examples of one "
                     f"value each: pass it as a batch of one, x.reshape(1, {w}) (np.expand_dims(x, 0)); if each "
                     f"example really has one value, build the {w} features the model was trained on",
                     f"The model takes {w} values per example and got 1: Keras 2 turns a 1-D array into a column (one "
                     f"value per example), so one example of {w} values passed without its batch level arrives as "
                     f"{w} examples of one value.", specific=True)
    if got_rank == (want_rank or 0) - 1 and lv.category != "missing_batch_dimension":
        if got[0] < 0 and lv.category is None:
            return None  # behind a serving API (levels): the category's wording of the instances' nesting
        shown = _shape_text(got)
        if per is not None:
            axis, example = per[0], _shape_text(per)
            lacking = _shape_text(got[1:])
            if lv.both and got[0] < 0:  # the batch level is there: the per-example reading first
                return Cause(f"Give each example the model's shape {example}: the examples reaching it are "
                             f"{lacking} and lack the axis of {'unknown size' if axis < 0 else axis} (build them as "
                             f"in training — windows of time steps for a sequence model); if you passed a single "
                             f"{example} example, add its batch level instead: x[None, ...]",
                             f"The model takes {example} per example and the examples reaching it are {lacking}: "
                             f"they lack an axis (or one {example} example was sent without its batch level, its "
                             "first axis read as the batch).", specific=True)
            if lv.both:
                one = (f"If the array is one example {example}, add the batch level: x[None, ...] (np.expand_dims(x, 0))"
                       + (f" — Keras's predict split its {axis} rows into batches of {got[0]}" if axis > 0 and
                          got[0] > 0 else ""))
                return Cause(f"{one}; if it holds many examples of {lacking}, each lacks the model's axis of "
                             f"{'unknown size' if axis < 0 else axis}: build examples of {example} as in training "
                             "— windows of time steps for a sequence model",
                             f"The model takes {example} per example and got {shown}: either one example sent "
                             f"without its batch level, or examples of {lacking} that lack an axis (the numbers do "
                             "not tell which).", specific=True)
            return Cause(f"Give each example the model's shape {example}: these {got[0]} examples are {lacking} and lack "
                         f"the axis of {axis} (e.g. windows of {axis} time steps for a recurrent model, built as in "
                         "training); a batch level alone will not make them fit",
                         f"The model takes {example} per example; the input {shown} holds {got[0]} examples of "
                         f"{lacking}, without the axis of {axis}.", specific=True)
        if lv.both:
            if got[0] < 0:
                return Cause(f"Give each example the level the layer takes (rank {want_rank} with the batch: e.g. "
                             f"(timesteps, features) for a recurrent layer — x.reshape(-1, 1, {got[-1]}) for one step "
                             f"— or (height, width, channels) for an image); if you called it on one example, add the "
                             "batch level (x[None, ...])",
                             f"The layer takes rank-{want_rank} input (with the batch) and the examples reaching it are "
                             f"{_shape_text(got[1:])}: they lack a level (or one example was sent without its batch).",
                             specific=True)
            if lv.category == "input_shape_mismatch" and len(got) == 2 and want_rank == 3:
                return Cause(f"Give each example the axis a rank-3 layer takes, (timesteps, features): the {got[0]} rows "
                             f"of {got[1]} values reaching it lack it — window them into sequences as in training "
                             f"(e.g. x.reshape(-1, 1, {got[1]}) for one step each), or, for a univariate series or "
                             f"a 1-D conv, add the channel axis: x[..., None] gives {_shape_text([*got, 1])}; if "
                             f"{shown} is one sequence, add its batch level instead: x[None, ...] gives "
                             f"{_shape_text([1, *got])}",
                             f"The model takes rank-3 input {RANK_LAYOUTS[3]} and got {shown}: a table of {got[0]} "
                             f"rows (samples, {got[1]} features or steps) that lacks the timestep or channel axis — or "
                             "one sequence sent without its batch level (the numbers do not tell which).",
                             specific=True)
            return Cause(f"If {shown} is one example, add the batch level: x[None, ...] gives {_shape_text([1, *got])}; "
                         f"if it holds {got[0]} examples, each lacks a level the model takes (rank {want_rank} with "
                         "the batch: e.g. (timesteps, features) windows for a recurrent layer, (height, width, "
                         "channels) for an image): reshape or window them as in training",
                         f"The model takes rank-{want_rank} input (with the batch) and got {shown}: either one example "
                         "sent without its batch level, or examples that lack a level (the numbers do not tell "
                         "which).", specific=True)
        return None
    if got_rank == (want_rank or 0) + 1:
        if lv.category == "extra_batch_dimension":
            return Cause(f"Drop the size-1 level after the batch: np.squeeze(x, axis=1), so each example is "
                         f"{_shape_text(got[2:])}",
                         f"The input {_shape_text(got)} has a level of size 1 after the batch: each example is wrapped "
                         "once more (np.expand_dims or [x] applied twice).", specific=True)
        if lv.category == "input_shape_mismatch":
            if got[-1] == 1 and got[-2] in IMAGE_CHANNELS and want_rank == 4:
                la = (" (2 channels is grayscale with alpha, PIL's mode 'LA': img.convert('L') gives one channel, "
                      "img.convert('RGB') three)" if got[-2] == 2 else "")
                return Cause(f"Give each image one channel axis: drop the trailing 1 (np.squeeze(x, -1)) — the images "
                             f"already have {got[-2]} channels — and convert them to the model's channel count{la}",
                             f"The input {_shape_text(got)} is images with their {got[-2]} channels and one more axis "
                             "of 1 after them (x[..., None] on images that already had channels): a per-example "
                             "shape, not a batch level.", specific=True)
            if want is not None and got[-1] != 1 and _fits(want, got[:-1]):
                return _trailing_axis(got, want)
            if got[-1] == 1:
                return Cause(f"Drop the trailing axis of 1 (np.squeeze(x, -1)), so each example is "
                             f"{_shape_text(got[1:-1])}: the data already has its last axis of {got[-2]}",
                             f"The input {_shape_text(got)} has one more axis of 1 after its last one (x[..., None] or "
                             "a reshape added it): a per-example shape, not a batch level.", specific=True)
            if per is not None and all(x > 0 for x in [*per, *got[1:]]):
                import math

                if math.prod(got[1:]) != math.prod(per):
                    return None  # the sizes differ too: the message's own reading of the shapes
                return Cause(f"Flatten each example to {_shape_text(per)}, the shape the model was built for: "
                             "x.reshape(len(x), -1) (or put a Flatten "
                             "layer first in the model)",
                             f"Each example is {_shape_text(got[1:])}, the {math.prod(per)} values the model takes as "
                             f"{_shape_text(per)} but not flattened.", specific=True)
            return Cause(f"Give each example the shape the layer takes: the input {_shape_text(got)} has one level more "
                         "and no level of 1 to drop, so it is not extra nesting — an extra axis in the preprocessing "
                         "(a stack of frames or crops per example: send them as examples, or wrap the layer in "
                         "TimeDistributed), or another array than the model was built for",
                         f"The input {_shape_text(got)} has one level more than the layer takes, and none of size 1: "
                         "each example's shape differs from the model's.", specific=True)
        return None
    if want_rank is not None and got_rank > want_rank + 1 and lv.category == "extra_batch_dimension":
        k = got_rank - want_rank
        levels_word = {2: "two", 3: "three"}.get(k, str(k))
        return Cause(f"Drop the {levels_word} levels of size 1 after the batch: x.reshape(len(x), "
                     f"{', '.join(str(s) for s in got[1 + k:])}) (or np.squeeze(x, axis={tuple(range(1, 1 + k))})), so "
                     f"each example is {_shape_text(got[1 + k:])}",
                     f"The input {_shape_text(got)} has {levels_word} levels of size 1 after the batch: each example "
                     f"was wrapped {levels_word} times more (np.expand_dims or [x] applied to each example before "
                     "stacking them).", specific=True)
    if got_rank == want_rank and want is not None and len(got) >= 4:
        if lv.both and got[0] == 1 and got[1] != 1:
            full = _shape_text([*got, 1])
            return Cause(f"Pass the batch itself, without the level in front of it: x[0] (or np.squeeze(x, axis=0)) "
                         f"gives {_shape_text([got[1], *got[2:], 1])}, {got[1]} examples of {_shape_text(want[1:])}; "
                         "an array that already has its batch axis needs no np.expand_dims or [x] before predict",
                         f"The model takes {_shape_text(want)} and got {full} (Keras drops a trailing 1 before "
                         f"printing it): a batch of {got[1]} wrapped in one more level (np.expand_dims or [x] on an "
                         f"array that was batched already); a single example holding a stack of {got[1]} would "
                         "print the same.", specific=True)
        if lv.both:
            return Cause(f"If you passed a {len(got) + 1}-D array, {_shape_text([*got, 1])} (Keras drops a trailing 1 "
                         "before printing it), drop the size-1 level after the batch: np.squeeze(x, axis=1); if the "
                         "images are channels-first (N, 1, H, W), make them channels-last: x.transpose(0, 2, 3, 1)",
                         f"The model takes {_shape_text(want)} and got {_shape_text(got)}: a level of 1 after the "
                         "batch, or channels-first images (the numbers fit both).", specific=True)
        if lv.category == "input_shape_mismatch":
            return Cause(f"Each example holds {got[1]} items of {_shape_text(want[1:])}: send them as examples "
                         f"(x.reshape(-1, {', '.join(str(w) for w in want[1:])})), or wrap the model in "
                         "TimeDistributed to take a sequence of them",
                         f"The model takes {_shape_text(want)} and got {_shape_text([*got, 1])} (Keras drops a "
                         f"trailing 1 before printing it): a stack of {got[1]} per example.", specific=True)
    return None


RANK_LAYOUTS = {2: "(batch, features)", 3: "(batch, timesteps, features) or (batch, length, channels)",
                4: "(batch, height, width, channels)", 5: "(batch, depth, height, width, channels)"}
"""What a layer of each rank takes, the batch first (Keras's and TensorFlow's channels-last layouts)."""
_LACKING = {3: ("(N, steps) series or (N, features) rows fed to a recurrent or 1-D conv layer",
                "(N, steps) becoming (N, steps, 1)"),
            4: ("(N, height, width) grayscale images", "(N, height, width) becoming (N, height, width, 1)"),
            5: ("(N, depth, height, width) volumes, as a scan is loaded",
                "(N, depth, height, width) becoming (N, depth, height, width, 1)")}


def _rank_only_fix(lv: Levels, got: int | None, want: int | None, text: str) -> Cause | None:
    """The fix when a message gives ranks only (:func:`_rank_only`): the reading first, the other one after it."""
    if not isinstance(got, int) or not isinstance(want, int):
        return None
    if not (_AT_MODEL_INPUT.search(text) or _INSIDE_RANK.search(text)):
        return None  # an op's own rank check (an image op's [h, w, c]): its index entry's fix says what it takes
    layout = f" {RANK_LAYOUTS[want]}" if want in RANK_LAYOUTS else ""
    if got == want - 1 and lv.category == "input_shape_mismatch":
        if _INSIDE_RANK.search(text):
            loaded, fixed = "data loaded without it — (N, steps) series, (N, height, width) images", \
                "(N, steps) becoming (N, steps, 1)"
            said = (f"A tensor inside the graph (a Transpose's or Tile's) has rank {got} where the graph was built for "
                    f"rank {want}: the input reaching it lacks one axis")
        else:
            loaded, fixed = _LACKING.get(want, ("data loaded without it", "(N, k) becoming (N, k, 1)"))
            said = f"The input has rank {got} where the model takes rank {want}{layout}: one axis is missing"
        return Cause(f"Give each example the axis it lacks: a trailing channel or feature axis is added with "
                     f"x[..., None] (np.expand_dims(x, -1)), {fixed}; for a recurrent layer build (timesteps, "
                     "features) windows as in training; if you passed one single example, add its batch level "
                     "instead: x[None, ...]",
                     f"{said} — most often the trailing channel or feature axis of {loaded} — or one example was sent "
                     "without its batch level (the ranks alone do not tell which).", specific=True)
    if got == want - 1 == 1 and lv.category == "missing_batch_dimension" and _AT_MODEL_INPUT.search(text):
        return Cause("Add the batch axis: np.expand_dims(x, 0) (x[None, :]) makes one example's vector of features "
                     "(k,) a batch of one (1, k); the shape the input takes is interpreter.get_input_details()[i]"
                     "['shape'] (TFLite) or session.get_inputs()[i].shape (ONNX Runtime)",
                     f"The array given for the model's input has rank 1 where the input takes rank 2{layout}: one "
                     "example's features without the batch axis.", specific=True)
    if got == want - 1 and lv.category == "missing_batch_dimension" and _AT_MODEL_INPUT.search(text):
        return Cause("Add the batch axis: np.expand_dims(x, 0) (x[None, ...]) makes one image (height, width, "
                     "channels) a batch of one; if the array holds grayscale images (N, height, width), add their "
                     "channel axis instead, x[..., None]; the shape the input takes is interpreter.get_input_details()"
                     "[i]['shape'] (TFLite) or session.get_inputs()[i].shape (ONNX Runtime)",
                     f"The array given for the model's input has rank {got} where the input takes rank {want}{layout}: "
                     "most often one image, as a decoder gives it, without its batch axis — or images without their "
                     "channel axis (the ranks alone do not tell which).", specific=True)
    if got == want + 1 and lv.category == "extra_batch_dimension":
        return Cause("Drop the extra level: pass the array that already has its batch axis as it is (no "
                     "np.expand_dims or [x] around it), or np.squeeze(x, axis=0) when its first axis is 1; the shape "
                     "the input takes is interpreter.get_input_details()[i]['shape'] (TFLite) or "
                     "session.get_inputs()[i].shape (ONNX Runtime)",
                     f"The array given for the model's input has rank {got} where the input takes rank {want}{layout}: "
                     "one level more — most often np.expand_dims (or [x]) applied to an array that already had its "
                     "batch axis; else an axis the model does not take (channels on a model built without them).",
                     specific=True)
    return None


def _trailing_axis(got: list[int], want: list[int]) -> Cause:
    """(180149, 2) for (180149,): an axis after the sizes the input takes — channels, not a batch level."""
    k, target = got[-1], _shape_text(got[:-1])
    if k == 2 and len(got) == 2:
        what = ("two channels: a stereo signal where the model takes mono", "mix it down to one channel, "
                "x.mean(axis=-1) (or keep one, x[:, 0]), or load the file as mono (librosa.load(path, mono=True), "
                "sox in.wav -c 1 out.wav)")
    elif k in (3, 4) and len(got) >= 3:
        what = (f"{k} colour channels where the model takes none", "convert the images to grayscale "
                "(PIL img.convert('L'), cv2.cvtColor(x, cv2.COLOR_RGB2GRAY))")
    else:
        what = (f"{k} values per position where the model takes one", "keep the one the model was trained on "
                "(x[..., 0]) or reduce them (x.mean(axis=-1)), or build the model for that axis")
    return Cause(f"Remove the last axis so the array is {target}: {what[1]}",
                 f"The array {_shape_text(got)} has a trailing axis of {k} that the input {_shape_text(want)} does not "
                 f"take — {what[0]}: an axis more per example, not a batch level.", specific=True)


_BROADCAST = lazy(r"could not broadcast input array from shape \((?P<src>[\d,\s]{1,80})\) into shape "
                   r"\((?P<slot>[\d,\s]{1,80})\)")


@rule("input_shape_mismatch")
def batch_slot(text: str, d: "Diagnosis") -> Cause | None:
    """numpy's ``could not broadcast input array from shape (785,400,1) into shape (785,39,1)``: an example copied
    into a batch array built for the model's input.  The axis that differs says what: an image's channels (the last
    axis, 1/3/4), its height and width, or a count along another axis (features per step: the preprocessing is not
    training's)."""
    m = _BROADCAST.search(text)
    if m is None:
        return None
    src = [int(x) for x in re.findall(r"\d+", m.group("src"))]
    slot = [int(x) for x in re.findall(r"\d+", m.group("slot"))]
    shown, into = _shape_text(src), _shape_text(slot)
    if len(src) == len(slot) - 1 and slot[-1] in (3, 4) and src == slot[:-1]:
        return Cause(f"Give each image {slot[-1]} channels: a grayscale (H, W) image converts with PIL "
                     f"img.convert('RGB') (or np.stack([x] * 3, -1)) before it goes into the batch",
                     f"A grayscale image {shown}, without a channel axis, is copied into a batch slot {into} of "
                     f"{slot[-1]}-channel images.", specific=True)
    if len(src) != len(slot) or not src:
        return None
    diff = [i for i, (a, b) in enumerate(zip(src, slot)) if a != b]
    last = len(src) - 1
    if len(src) >= 3 and diff == [last] and src[-1] in IMAGE_CHANNELS and slot[-1] in IMAGE_CHANNELS:
        return Cause(f"{_channels(src[-1], slot[-1])[0].upper()}{_channels(src[-1], slot[-1])[1:]} before it goes into "
                     "the batch",
                     f"Each image {shown} has {_n(src[-1], 'channel')} where the batch slot {into}, built for the "
                     f"model's input, takes {slot[-1]}.", specific=True)
    if len(src) >= 3 and slot[-1] in IMAGE_CHANNELS and slot[-1] > 1 and diff and set(diff) <= {last - 2, last - 1}:
        return Cause(f"Resize each image to {slot[-3]}×{slot[-2]} (height × width) before it goes into the batch "
                     f"(tf.image.resize(x, ({slot[-3]}, {slot[-2]})), PIL img.resize(({slot[-2]}, {slot[-3]})))",
                     f"The image {shown} is copied into a batch slot {into} built for the model's {slot[-3]}×"
                     f"{slot[-2]} input: another height and width.", specific=True)
    if len(diff) != 1:
        return None
    i = diff[0]
    feature = i == last or (i == last - 1 and src[-1] == slot[-1] == 1)
    per = "per step" if len(src) >= 2 else "per example"
    what = (f"{src[i]} features {per} where the model was trained on {slot[i]}: the preprocessing (feature "
            "extraction: its window, filter-bank, MFCC or vocabulary size) is not the one used in training"
            if feature else f"{src[i]} along axis {i} where the model's input takes {slot[i]}")
    return Cause(f"Make each example {into}: compute it as in training so axis {i} "
                 f"has {slot[i]}, not {src[i]} (the slot's shape is the model's per-example input: sigcheck inspect "
                 "MODEL or model.input_shape)",
                 f"The example {shown} is copied into a batch slot {into} built for the model's input: {what}.",
                 specific=True)


_KERAS_LAYER_CHECK = lazy(r"Input \d+ of layer [\"']?[\w.-]*[\"']? is incompatible with the layer|Full shape received")


@rule("missing_batch_dimension")
def add_the_batch_level(text: str, d: "Diagnosis") -> Cause | None:
    got, declared = d.evidence.get("got_shape"), d.evidence.get("want_shape")
    if not isinstance(got, list) and _KERAS_LAYER_CHECK.search(text):
        got, declared, _, want_rank = _ranks(d, text)  # Keras's input_spec check: "Full shape received: [32, 270, 3]"
        if got is not None and declared is None and want_rank == len(got) + 1 == 4 and got[-1] in (1, 3, 4) \
                and (got[0] == KERAS_PREDICT_BATCH or (got[0] < 0 and not _SERVED.search(text))):
            # Model.predict batches the array's first axis: one (H, 270, 3) image's rows went in batches of 32 (a
            # model called on it symbolically prints the batch as None)
            rest = ", ".join(str(g) for g in got[1:])
            how = (f"predict sent them in batches of {KERAS_PREDICT_BATCH}" if got[0] > 0 else
                   "the batch axis it printed as None is those rows")
            size = ("the 32 the layer got is Keras's predict batch size, not a size of the image" if got[0] > 0 else
                    "the image's height became the batch")
            return Cause(f"Add the image's batch axis before calling the model, model.predict(x[None, ...]) or "
                         f"np.expand_dims(x, 0), so the input is (1, height, {rest}); {size}",
                         f"One image (height, {rest}) was passed without its batch axis: Keras read its rows as "
                         f"examples of ({rest}) and {how}, so the layer got {_shape_text(got)} where it takes rank-4 "
                         "(batch, height, width, channels) input.", specific=True)
    if not isinstance(got, list) or any(g < 0 for g in got) or d.variant == "flattened_rows":
        return None
    from .index import lacks_batch_and_channel

    if isinstance(declared, list) and lacks_batch_and_channel(got, declared):  # no batch axis, no channel axis of 1
        want = [1, *got, 1]
        return Cause(f"Add both axes so the input is {_shape_text(want)}: x[None, ..., None] (np.expand_dims twice: "
                     'the batch in front, the channel of 1 at the end) when calling the model, or {"instances": '
                     "[x[..., None].tolist()]} over REST",
                     f"The input {_shape_text(got)} is one example without its batch axis and without its trailing "
                     f"channel axis of 1 (a grayscale image or clip as decoded): the model takes "
                     f"{_shape_text([-1, *got, 1])}, a batch of them.", specific=True)
    if isinstance(declared, list) and len(declared) == len(got) + 1 and all(w > 0 for w in declared[1:]):
        want = [1, *declared[1:]]  # Keras batches an unbatched image's rows: (32, 150, 3) is one (150, 150, 3)
    else:
        want = [1, *got]
    cause = None
    if not _from_a_request(text) and len(want) == len(got) + 1:  # a call or a session feed, not a request's
        if want[1:] == got:
            cause = (f"The input {_shape_text(got)} is one example without its batch axis: the model takes "
                     f"{_shape_text([-1, *want[1:]])}, a batch of them.")
        elif got and _fits(want[2:], got[1:]):  # (32, 384, 3) for (None, 384, 384, 3): its first axis became the batch
            batches = (f" (Keras's predict sent its rows in batches of {KERAS_PREDICT_BATCH})"
                       if got[0] == KERAS_PREDICT_BATCH and want[1] > got[0] else "")
            cause = (f"One example {_shape_text(want[1:])} was passed without its batch axis: its first axis of "
                     f"{want[1]} was read as the batch{batches}, so the model got {_shape_text(got)}.")
    return Cause(f"Add the batch dimension so the input is {_shape_text(want)}: x[None, ...] (np.expand_dims(x, 0), "
                 'tf.expand_dims) when calling the model, or {"instances": [x.tolist()]} over REST', cause,
                 specific=True)


_UNSTACKED = lazy(r"expects 1 (?:named )?input\(s\)[^\n]{0,200}?, but it received (?P<n>\d{1,4}) input tensors")


@rule("missing_batch_dimension")
def stack_the_examples(text: str, d: "Diagnosis") -> Cause | None:
    """A model of one input given a Python list of N arrays: Keras reads a list as one array per input, so N
    examples kept apart (a list of images) are N inputs; stacked, they are one batch."""
    m = _UNSTACKED.search(text)
    if m is None:
        return None
    n = m.group("n")
    return Cause(f"Stack the {n} examples into one array with a batch axis before calling the model: "
                 "model.predict(np.stack(examples)) (each of the model's per-example shape), not the Python list of "
                 "separate arrays",
                 f"The model takes one input and was given a list of {n} arrays: Keras reads a list as one array per "
                 f"model input, so {n} examples kept apart in a list became {n} inputs instead of one batch.",
                 specific=True)


_MATMUL = lazy(r"Matrix size-incompatible: ?In\[0\]: ?\[(?P<a>\d+), ?(?P<b>\d+)\], ?In\[1\]: ?\[(?P<c>\d+), ?"
                r"(?P<d>\d+)\]")


@rule("missing_batch_dimension")
def a_column_of_features(text: str, d: "Diagnosis") -> Cause | None:
    """``Matrix size-incompatible: In[0]: [9,1], In[1]: [9,3]`` in a call (not a request's instances): the weights take
    9 values per row and the input holds 9 values as a column, 9 examples of one value — one example's features laid
    out as a column (a {9, 1} tensor, a vector made 2-D the wrong way)."""
    m = _MATMUL.search(text)
    if m is None or _from_a_request(text):
        return None
    a, b, c, w = (int(m.group(k)) for k in "abcd")
    if b != 1 or a != c or a == 1:
        return None
    return Cause(f"Lay the {a} features out as one row: x.reshape(1, {a}) (a tensor of shape {{1, {a}}} in C++ / "
                 f"cppflow, [[v1, …, v{a}]] in a list); several examples are several rows, x.reshape(-1, {a})",
                 f"The input [{a},1] holds {a} values as a column — {a} examples of one value — where the weights "
                 f"[{c},{w}] take {a} values per example: one example's features were laid out as a column instead of a "
                 "row.", specific=True)


_GRAPH_EXPANDS = lazy(r"\bExpandDims\b")


@rule("extra_batch_dimension")
def a_level_in_front(text: str, d: "Diagnosis") -> Cause | None:
    """``(1, 1, 224, 224, 3)`` for rank 4, ``(1, 10, 12952)`` for rank 2, in a call or a session feed (not a request's
    instances): levels of 1 in front of what the input takes — a batched array wrapped once more, or a graph that
    adds the batch level itself (its own ExpandDims before the op) fed a batched image."""
    if _from_a_request(text):
        return None  # a request's instances: the category's wording of the nesting
    got, want, got_rank, want_rank = _ranks(d, text)
    if got is None or not isinstance(want_rank, int) or len(got) <= want_rank:
        return None
    k = len(got) - want_rank
    if any(g != 1 for g in got[:k]):
        return None
    rest = _shape_text(got[k:])
    drop = "x[0]" if k == 1 else f"x.reshape({', '.join(str(g) for g in got[k:])})"
    if _GRAPH_EXPANDS.search(text):
        return Cause(f"Feed one image without a batch axis, {_shape_text(got[k + 1:])}: the graph adds the batch level "
                     f"itself (its ExpandDims) — {drop if k > 1 else 'x[0]'} on the batched array you feed",
                     f"The graph adds a batch level of its own (an ExpandDims before the op) and was fed an array "
                     f"that had one already: the op got {_shape_text(got)} where it takes rank {want_rank}.",
                     specific=True)
    return Cause(f"Drop the extra level{'s' if k > 1 else ''} in front: pass {drop} or np.squeeze(x, axis="
                 f"{0 if k == 1 else tuple(range(k))}), so the input is {rest}",
                 f"The array {_shape_text(got)} has {'one level' if k == 1 else f'{k} levels'} of size 1 in front "
                 f"of {rest}, which has the rank ({want_rank}) the input takes: an array that had its batch axis "
                 "already was wrapped once more (np.expand_dims, [x] or np.array([x]); or a client that adds the "
                 "batch level itself — Triton with max_batch_size > 0 — was given a batched array).", specific=True)


_LAYER_INPUTS = lazy(r"Layer [\"']?(?P<layer>[\w.-]+)[\"']? expects (?P<want>\d+) inputs?(?:\(s\))?, but it received "
                           r"(?P<got>\d+) input tensors")


@rule("input_keys_mismatch")
def layer_input_count(text: str, d: "Diagnosis") -> Cause | None:
    m = _LAYER_INPUTS.search(text)
    if m is None:
        return None
    want, got = int(m.group("want")), int(m.group("got"))
    if want == 1:
        step = (f"Pass one array (a batch stacked with np.stack / np.array), not a Python list of {got} arrays, which "
                f"Keras reads as {got} separate inputs")
    elif got < want:
        step = (f"Pass {want} arrays, one per model input, as a list in the order of model.inputs (or a dict keyed by "
                f"input name): model.predict([x1, x2]), not one array that holds them together")
    else:
        step = f"Pass exactly {want} arrays, one per model input (model.inputs lists them), not {got}"
    return Cause(step, f"{m.group('layer')} takes {_n(want, 'input')} and the call passed {_n(got, 'tensor')}: Keras "
                       "splits a Python list into one tensor per element.", specific=True)


# ------------------------------------------------------------------------------------------------ input names

_EXPECTED_SET = lazy(r"(?:input|output) tensor alias not found in signature(?:: (?P<used>[^\s.]+))?\.? ?"
                           r"(?:Inputs|Outputs) expected to be in the set ?\{(?P<names>[^}]{0,300})\}|"
                           r"(?:Inputs|Outputs) expected to be in the set ?\{(?P<names2>[^}]{0,300})\}")


@rule("input_keys_mismatch")
def expected_names(text: str, d: "Diagnosis") -> Cause | None:
    m = _EXPECTED_SET.search(text)
    if m is None:
        return None
    names = (m.group("names") or m.group("names2") or "").strip()
    used = m.group("used")
    if not names:
        return None
    sent = f" (the request used {used})" if used else ""
    return Cause(f"Key the request by the signature's own input names: {names}{sent}; sigcheck inspect MODEL lists "
                 "them", f"The request names an input the signature does not have{sent}: the signature's inputs are "
                         f"{{{names}}}.")


_ALIAS_ONLY = lazy(r"input tensor alias not found in signature(?::? ?\[?'?(?P<used>\w[\w/.:-]{0,119}))?")


@rule("input_keys_mismatch")
def key_or_signature(text: str, d: "Diagnosis") -> Cause | None:
    """``input tensor alias not found in signature: images`` without the set of the signature's inputs: the key is
    not one of the inputs of the signature the server ran — and a request that names no signature runs serving_default
    (TF Serving's predict_util.cc: an empty signature_name is kDefaultServingSignatureDefKey), so the input may belong
    to another signature of the model.  The text does not tell which: both, the signature first to check."""
    if _EXPECTED_SET.search(text):
        return None  # the set is in the text: expected_names
    m = _ALIAS_ONLY.search(text)
    if m is None:
        return None
    used = (m.group("used") or "").rstrip(".:") or "the request names"
    return Cause(f"List the model's signatures and their inputs (sigcheck inspect MODEL, or saved_model_cli show --dir "
                 f"MODEL --all): if another signature has the input {used}, name that signature in the request — "
                 "model_spec.signature_name over gRPC, \"signature_name\" in the REST body (TF Serving's own mnist "
                 "example exports predict_images beside serving_default) —; otherwise key the request by the input "
                 "names of the signature you call",
                 f"The signature the server ran has no input {used}: either the key is not one of its inputs, or the "
                 "request named no signature (or another one) and the input belongs to another signature — a request "
                 "without a signature name runs serving_default.", specific=True)


_STRING_PLACEHOLDER = lazy(r"You must feed a value for placeholder tensor '(?P<name>[^']{1,200})' with dtype string"
                            r"(?: and shape (?P<shape>\[[^\]]{0,40}\]))?")


_NOT_BYTES_INPUT = lazy(r"example|asset|init|path|file|vocab|table|lookup", re.I)
"""String placeholders that are no input for encoded bytes: an estimator's serialized examples (its own reading), and
what a loader feeds itself — a SavedModel's asset paths (``asset_path_initializer``), a table's vocabulary file."""


@rule("unfed_placeholder")
def unfed_string_input(text: str, d: "Diagnosis") -> Cause | None:
    """An unfed placeholder of dtype string is no training flag: a graph's string placeholder takes encoded bytes — an
    image file (an exporter that takes a base64 JPEG/PNG) or, named for examples, serialized tf.Example protos.  The
    feed went to another tensor (a decoded array to one after the decoder) while the graph still reads the string."""
    m = _STRING_PLACEHOLDER.search(text)
    if m is None or _NOT_BYTES_INPUT.search(m.group("name")):
        return None  # an estimator's input_example_tensor (fix.placeholder_fix); an asset path the loader feeds
    name, shape = m.group("name"), m.group("shape")
    return Cause(f"Feed {name} itself with the encoded bytes it takes — an image file's JPEG/PNG bytes (base64 text "
                 "when the exporter encodes them so) or a serialized tf.Example — instead of a decoded array fed to "
                 "another tensor; or export the model again with an input that takes the decoded array",
                 f"The graph's string placeholder {name}{f' (shape {shape})' if shape else ''} was not fed: a string "
                 "placeholder is the graph's input for encoded bytes (an encoded image, which the graph decodes "
                 "itself, or a serialized example), so the value was fed to another tensor while the graph still "
                 "reads this one.", specific=True)


_REQUIRED_FEATURE = lazy(r"Feature: (?P<f>[\w/.-]+) \(data type: (?P<t>\w+)\) is required but could not be found")


@rule("input_keys_mismatch", "serialized_example_input_expected")
def example_feature(text: str, d: "Diagnosis") -> Cause | None:
    m = _REQUIRED_FEATURE.search(text)
    if m is None:
        return None
    return Cause(f"Put feature {m.group('f')} ({m.group('t')}) in every serialized tf.Example you send, under that "
                 "exact name: the parsing spec of the serving signature requires it",
                 f"The serialized tf.Example sent has no feature {m.group('f')} ({m.group('t')}), which the "
                 "signature's parsing spec requires.", specific=True)


_KEYERROR = lazy(r"(?:inference|predict(?:ion)?) error[^\n]{0,40}KeyError'?>?:? ?'(?P<key>[\w./-]{1,80})'", re.I)


_UNFED_SIGNATURE_INPUT = lazy(r"You must feed a value for placeholder tensor '?serving_default_(?P<name>\w{1,120})'?")


@rule("input_keys_mismatch")
def signature_input_not_fed(text: str, d: "Diagnosis") -> Cause | None:
    """TF2's signature inputs are placeholders named serving_default_<input>: one nothing fed is an input the call
    left out (saved_model_cli run's --inputs / --input_exprs / --input_examples name every input they feed)."""
    m = _UNFED_SIGNATURE_INPUT.search(text)
    if m is None:
        return None
    name = m.group("name")
    return Cause(f"Feed the signature's input {name} too: every input of the signature needs a value — "
                 f"saved_model_cli run … --input_exprs '{name}=[[…]]' beside the others (--inputs for .npy files), a "
                 f"key {name} in each instance over REST; sigcheck inspect MODEL lists them all",
                 f"The call fed no value for {name}, an input of the signature (its placeholder is "
                 f"serving_default_{name}).", specific=True)


@rule("input_keys_mismatch")
def missing_key(text: str, d: "Diagnosis") -> Cause | None:
    m = _KEYERROR.search(text)
    if m is None:
        return None
    key = m.group("key")
    return Cause(f"Send an input named {key}: the serving code reads request[{key!r}] (check the exact key with "
                 "sigcheck inspect MODEL)", f"The serving code looked up {key} in the request and it was not there "
                 f"(a KeyError): the request names its input otherwise or leaves it out.", specific=True)


@rule("input_keys_mismatch")
def several_inputs(text: str, d: "Diagnosis") -> Cause | None:
    if not any(m in text for m in ("plain list, but expecting list of objects",
                                    "plain value/list, but expecting an object")):
        return None
    return Cause('Send each instance as an object with one named value per input: {"instances": [{"<input 1>": …, '
                 '"<input 2>": …}]} (or columnar {"inputs": {"<input 1>": [...], ...}}): the signature has several '
                 "inputs, and sigcheck inspect MODEL names them", specific=True)


_NO_SHAPE = lazy(r"Tensor name: (?P<name>\S+) has no shape information")


@rule("output_shape_unknown", "output_batch_dimension")
def scalar_output(text: str, d: "Diagnosis") -> Cause | None:
    """json_tensor.cc raises it when an output tensor's shape has no dimension at all: at run time that output is a
    scalar, which the row format ("predictions": one element per instance) cannot split."""
    m = _NO_SHAPE.search(text)
    if m is None:
        return None
    name = m.group("name")
    return Cause(f"Give output {name} a leading batch dimension in the export (tf.reshape(x, [-1]) or "
                 "tf.expand_dims(x, 0) per batch, not a reduction over the whole batch), or ask for the columnar "
                 'format ({"inputs": …}), which returns it as it is',
                 f"Output {name} is a scalar (no dimension at all) when the model runs, and the row format answers "
                 "one element per instance, so TF Serving cannot split it.", specific=True)


_INCONSISTENT = lazy(r"Tensor name: (?P<name>\S+) has inconsistent batch size: (?P<got>\d+) expecting: (?P<want>\d+)")


def inconsistent_batch(text: str, instances: int | None = None, others: "list[str] | None" = None) -> Cause | None:
    """TF Serving's row-format writer (util/json_tensor.cc MakeRowFormatJsonFromTensors) walks the outputs in the
    response map's order and names the first whose 0th dimension differs from the ones before it ("expecting"): the
    output named may be the healthy one.  ``instances`` (the request's) says which side lost the batch dimension;
    ``others``: the signature's other outputs."""
    m = _INCONSISTENT.search(text)
    if m is None:
        return None
    name, got, want = m.group("name"), int(m.group("got")), int(m.group("want"))
    rest = f" ({', '.join(others)})" if others else ""
    if instances is not None and instances == got != want:
        return Cause(f"Give the other output{rest} that has {_n(want, 'row')} a leading batch dimension in the export (it "
                     f"must have one row per instance: no x[:1], reduction over axis 0 or fixed-size constant), or "
                     'ask for the columnar format ({"inputs": …}), which returns the outputs as they are',
                     f"Your request sends {instances} instances and output {name} has {got} rows, as it should: "
                     f"another output{rest} has {want}, and TF Serving's row format (one object per instance) "
                     "cannot split it; TF Serving names the output where the sizes first differed, not the wrong one.",
                     specific=True)
    if instances is not None and instances == want != got:
        return Cause(f"Give output {name} a leading batch dimension equal to the number of instances (it has {_n(got, 'row')} "
                     f"for {instances} instances), or ask for the columnar format ({{\"inputs\": …}})",
                     f"Your request sends {instances} instances and output {name} has {got} rows: it does not keep "
                     "the batch dimension, so TF Serving's row format cannot split it per instance.", specific=True)
    return Cause(f"Find the output whose 0th dimension is not the number of instances sent: {name} ({_n(got, 'row')}) or "
                 f"one TF Serving compared it with ({_n(want, 'row')}){rest}: sigcheck predict REQUEST --model MODEL "
                 '--json with the columnar format ({"inputs": …}) shows every output\'s shape; give that one a '
                 "leading batch dimension in the export",
                 f"The outputs disagree on their 0th dimension: {name} has {got}, an output TF Serving read before it "
                 f"has {want}; TF Serving's row format needs one row per instance in every output, and it names the "
                 "output where the disagreement showed, which is not necessarily the one without the batch "
                 "dimension.", specific=True)


@rule("output_batch_dimension")
def inconsistent_outputs(text: str, d: "Diagnosis") -> Cause | None:
    return inconsistent_batch(d.upstream or text) or inconsistent_batch(text)


_LIST_SHAPE = lazy(r"Specified a list with shape \[(?P<want>[-\d?,\s]*)\] from a tensor with shape "
                    r"\[(?P<got>[-\d?,\s]*)\]")


@rule("input_shape_mismatch")
def map_element_shape(text: str, d: "Diagnosis") -> Cause | None:
    """TensorListFromTensor (core/kernels/list_kernels.h), the op a tf.map_fn over the batch unstacks with: the list
    declares each element's shape, the fed tensor's elements (its shape after the first dimension) have another of
    the same rank — each instance's size differs, no level is extra."""
    m = _LIST_SHAPE.search(text)
    if m is None or m.group("want").count(",") != m.group("got").count(",") or not m.group("want").strip():
        return None
    want, got = m.group("want").replace(" ", ""), m.group("got").replace(" ", "")
    return Cause(f"Send each instance with shape [{want}] (the elements the graph's tf.map_fn takes): resize, crop or "
                 f"pad it before sending; sigcheck validate REQUEST --model MODEL names the input that has [{got}]",
                 f"The graph maps over the batch (tf.map_fn: TensorListFromTensor) with elements of shape [{want}], but "
                 f"each instance sent has shape [{got}]: the same rank with another size, so the per-instance shape "
                 "is wrong (no batch level is extra or missing).", specific=True)


_BYTES_VALUE = lazy(r"has unexpected type <class 'bytes'> at (?P<path>[\w.\[\]]{1,200})")


@rule("base64_encoding")
def raw_bytes_value(text: str, d: "Diagnosis") -> Cause | None:
    """json_format.ParseDict (a Vertex AI instance as google.protobuf.Value, a REST body built as a proto) met a bytes
    value: JSON has no bytes, so binary data travels as base64 text."""
    m = _BYTES_VALUE.search(text)
    if m is None:
        return None
    return Cause("Send the bytes as standard base64 text: {'b64': base64.b64encode(data).decode('ascii')} (TF Serving's "
                 "and Vertex's JSON form for a string input), not the bytes themselves",
                 f"The value at {m.group('path')} is raw bytes (an image file's content, most often), and JSON — so "
                 "a google.protobuf.Value — holds no bytes: binary data travels as base64 text.", specific=True)


_RNN_NODE = lazy(r"\b(?:lstm|gru|simple_?rnn|rnn|recurrent)\w*", re.I)


@rule("fixed_batch_size_in_graph")
def rnn_batch_of_one(text: str, d: "Diagnosis") -> Cause | None:
    """TensorListFromTensor inside a recurrent layer: its time-major unstack takes each time step of the whole batch
    ([batch, features]); a list of [1, …] elements is a layer built for a batch of one (stateful=True with
    batch_size=1, a batch_input_shape) given a bigger batch."""
    m = _LIST_SHAPE.search(text)
    if m is None or not _RNN_NODE.search(text[m.end():m.end() + 400]):
        return None
    want, got = m.group("want").replace(" ", ""), m.group("got").replace(" ", "")
    if not want.startswith("1,") or got.split(",")[1:] != want.split(",")[1:]:
        return None
    batch = got.split(",")[0]
    return Cause("Rebuild the model with the same layers but no fixed batch (stateful=False, or Input(shape=...) "
                 "without batch_size), copy the weights into it (new.set_weights(old.get_weights())) and export that; "
                 "or call the exported model with one example at a time",
                 f"A recurrent layer's loop over time steps takes each step of a batch of 1 ([{want}]) and got a batch "
                 f"of {batch} ([{got}]): the layer was built for a fixed batch of one (stateful=True with batch_size=1, "
                 "or a batch_input_shape), which the export kept.", specific=True)


_MISSING_NAMED = lazy(r"Missing named input: (?P<name>[\w./:-]+) in '(?P<where>inputs|instances)'")
_MISSING_ARGS = lazy(r"\) missing required arguments: (?P<names>\w+(?:, \w+){0,40})")
_CALLED = lazy(r"(?P<fn>\w{1,120})\((?P<params>[^()]{0,300})$")
"""The function summary before ``) missing required …``, read backwards from the literal (linear on long texts)."""


@rule("input_keys_mismatch")
def missing_input(text: str, d: "Diagnosis") -> Cause | None:
    m = _MISSING_NAMED.search(text)
    if m is not None:
        name, where = m.group("name"), m.group("where")
        form = ('"inputs": {"' + name + '": [...], ...}' if where == "inputs" else
                '"instances": [{"' + name + '": ..., ...}]')
        return Cause(f"Add input {name} to the request ({form}): every input of the signature must be sent, "
                     "defaults do not make one optional over REST",
                     f"The request lacks the signature's input {name} (its '{where}' has no such key).", specific=True)
    named = call_keywords(text, d)  # the call's own keywords printed: a misspelt one is named
    if named is not None:
        return named
    m = _MISSING_ARGS.search(text)
    if m is not None:
        head = _CALLED.search(text[max(0, m.start() - 430):m.start()])
        if head is None:
            return None
        names = [n.strip() for n in m.group("names").split(",") if n.strip()]
        call = ", ".join(f"{n}=..." for n in names)
        return Cause(f"Call it with every input as a keyword: {head.group('fn')}({call}) — a loaded signature takes "
                     "its inputs by name only",
                     f"The call lacks the signature's input{'s' if len(names) > 1 else ''} {', '.join(names)} "
                     f"({head.group('fn')} takes {head.group('params').replace('*, ', '')} as keyword arguments).",
                     specific=True)
    return None


_KERAS_MISSING = lazy(r'Missing data for input "(?P<name>[^"]{1,200})"\. You passed a data dictionary with keys '
                       r"\[(?P<passed>[^\]]{0,2000})\]\. Expected the following keys: \[(?P<names>[^\]]{0,2000})\]")


def _listed(text: str) -> list[str]:
    return [n.strip().strip("'\"") for n in text.split(",") if n.strip().strip("'\"")]


@rule("input_keys_mismatch")
def keras_missing_data(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 3's input_spec.assert_input_compatibility (keras/src/layers/input_spec.py): 'Missing data for input
    "NAME". You passed a data dictionary with keys [...]. Expected the following keys: [...]' — NAME is the input the
    dict lacks (the first one), not a key it has."""
    import difflib

    m = _KERAS_MISSING.search(d.upstream or "") or _KERAS_MISSING.search(text)
    if m is None:
        return None
    passed, names = _listed(m.group("passed")), _listed(m.group("names"))
    missing = [n for n in names if n not in passed] or [m.group("name")]
    extra = [k for k in passed if k not in names]
    renames = [f"{k} → {c[0]}" for k in extra for c in [difflib.get_close_matches(k, missing, n=1, cutoff=0.6)] if c]
    lacks = f"input{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
    step = (f"Rename the dict's key{'s' if len(renames) > 1 else ''}: {', '.join(renames)}" if renames else
            f"Add {lacks} to the dict") + f": pass every input the model names as a key ({', '.join(names)})"
    sent = f"the dict passed has {', '.join(passed) or 'no keys'}" + (f" ({', '.join(extra)} not among them)"
                                                                      if extra else "")
    return Cause(step, f"The data dictionary lacks the model's {lacks}: {sent}; the model expects "
                       f"{', '.join(names)}.", specific=True)


_FEED = lazy(r"FeedInputs: unable to find feed output (?P<name>[\w/.:-]{1,200})")


@rule("input_keys_mismatch")
def feed_not_in_graph(text: str, d: "Diagnosis") -> Cause | None:
    m = _FEED.search(text)
    if m is None:
        return None
    name = m.group("name")
    return Cause(f"Check which export the server loaded (sigcheck inspect MODEL on the version it serves): the graph "
                 f"has no tensor {name}, so the signature or the request names a tensor of another export — "
                 "re-export "
                 "(and remove stale versions from the base path) or feed the graph's own input name",
                 f"The session was asked to feed {name}, which is not a tensor of the loaded graph: the signature or "
                 "the request refers to another export than the one being served (a stale version, an old "
                 "SessionBundle).", specific=True)


_INPUT_SIZE = lazy(r"input size does not match signature: (?P<sent>\d+) ?!= ?(?P<want>\d+) "
                    r"len\(\{(?P<req>[^}]{0,400})\}\) ?!= ?len\(\{(?P<sig>[^}]{0,400})\}\)"
                    r"(?:\. Sent extra: \{(?P<extra>[^}]{0,400})\}\. Missing but required: "
                    r"\{(?P<missing>[^}]{0,400})\})?")


@rule("input_keys_mismatch")
def input_count(text: str, d: "Diagnosis") -> Cause | None:
    """predict_util.cc: 'input size does not match signature: 1!=3 len({a}) != len({x,y,z}). Sent extra: {…}.
    Missing but required: {…}.'"""
    m = _INPUT_SIZE.search(text)
    if m is None:
        return None
    sig = m.group("sig")
    missing, extra = m.group("missing"), m.group("extra")
    parts = []
    if missing:
        parts.append(f"add {missing}")
    if extra:
        parts.append(f"drop (or rename) {extra}")
    what = "; ".join(parts) if parts else "no more, no fewer"
    sent, want = int(m.group("sent")), int(m.group("want"))
    return Cause(f"Send exactly the signature's inputs, {sig.replace(',', ', ')}: {what.replace(',', ', ')}",
                 f"The request sends {_n(sent, 'input')}, {m.group('req').replace(',', ', ')}, and the signature "
                 f"takes {want}: {sig.replace(',', ', ')}.", specific=True)


@rule("instance_format", "instances_key_missing")
def instances_not_a_list(text: str, d: "Diagnosis") -> Cause | None:
    """json_tensor.cc: "Expecting 'instances' to be an list/array" — the value under "instances" is not a JSON
    list."""
    if "Expecting 'instances' to be an list/array" not in text:
        return None
    obj = re.search(r"\\?\"instances\\?\"\s*:\s*\{", text) is not None
    return Cause('Make "instances" a list with one element per example ({"instances": [{...}, {...}]}); an object of '
                 'named columns belongs under "inputs" instead ({"inputs": {"x": [[...]]}})',
                 'The value of "instances" is not a JSON list' + (" but an object (the columnar form, which goes under "
                                                                   '"inputs")' if obj else "") + ".", specific=True)


@rule("signature_not_found")
def cli_signature_flag(text: str, d: "Diagnosis") -> Cause | None:
    """saved_model_cli run without --signature_def (absl's required-flag check): it calls no signature by default."""
    if "Flag --signature_def must have a value other than None" not in text:
        return None
    return Cause("List the signature keys with saved_model_cli show --dir DIR --tag_set serve, then run with one: "
                 "saved_model_cli run --dir DIR --tag_set serve --signature_def serving_default --inputs ...",
                 "saved_model_cli run was given no --signature_def: unlike TF Serving it calls no signature by "
                 "default, so the key must be named.", specific=True)


_AVAILABLE = lazy(r"[Ss]ignature '(?P<name>[\w/.-]{1,120})' not available in (?:the )?model signatures\. Available "
                   r"signatures: (?P<available>[\w, /.-]{1,300}?)\.?(?:$|\s)")


@rule("signature_not_found")
def available_signatures(text: str, d: "Diagnosis") -> Cause | None:
    m = _AVAILABLE.search(text)
    if m is None:
        return None
    return Cause(f"Ask for one of the model's signatures, {m.group('available')}, instead of {m.group('name')}",
                 specific=True)


_HUB_SIGNATURE = lazy(r"Unknown signature (?P<name>[\w/.-]{1,120}) in (?P<handle>\S{1,300}) \(available signatures: "
                       r"(?:_SignatureMap\()?(?P<map>\{.{0,3000}?\}|[^)]{0,300})", re.S)
_MAP_KEY = lazy(r"['\"](?P<key>[\w/.-]{1,120})['\"]: ?<")


@rule("signature_not_found")
def hub_signature(text: str, d: "Diagnosis") -> Cause | None:
    """tensorflow_hub's KerasLayer: "Unknown signature %s in %s (available signatures: %s)." with the SavedModel's
    _SignatureMap printed; a KerasLayer made without signature= asks for 'default' (a TF1 Hub module's)."""
    m = _HUB_SIGNATURE.search(text)
    if m is None:
        return None
    keys = list(dict.fromkeys(k.group("key") for k in re.finditer(_MAP_KEY.pattern, m.group("map"))))
    name, handle = m.group("name"), m.group("handle")
    if not keys:
        listed = "the model has none (a SavedModel saved without signatures: hub.KerasLayer(handle) then calls the " \
                 "object itself, without signature=)"
        return Cause(f"Drop signature={name!r} from hub.KerasLayer / hub.load: {listed}",
                     f"{handle} has no signature {name}, and no signatures at all.", specific=True)
    names = ", ".join(repr(k) for k in keys)
    first = keys[0]
    default = (" hub.KerasLayer asks for 'default' (a TF1 Hub module's signature) when it is given none."
               if name == "default" else "")
    return Cause(f"Name one of the model's signatures: hub.KerasLayer({handle!r}, signature={first!r}, "
                 f"signature_outputs_as_dict=True) — it has {names}; its documentation says which takes your inputs",
                 f"The model at {handle} has no signature {name!r}: it has {names}.{default}", specific=True)


_TFSM_ENDPOINT = lazy(r"The endpoint '(?P<name>[^']{1,200})' is neither an attribute of the reloaded "
                       r"SavedModel.{0,400}?"
                       r"Available endpoints for this SavedModel: \[(?P<list>[^\]]{0,2000})\]")


def tfsm_endpoint(text: str, names: "list[str] | None" = None) -> Cause | None:
    """Keras 3's TFSMLayer (keras/src/export/tfsm_layer.py): "The endpoint '%s' is neither an attribute of the
    reloaded SavedModel, nor an entry in the `signatures` field … Available endpoints for this SavedModel: [...]":
    name the endpoint closest to the one asked for (a misspelt call_endpoint), among the listed ones (or ``names``,
    the model's own signatures, when a model is given)."""
    import difflib

    m = _TFSM_ENDPOINT.search(text)
    if m is None:
        return None
    asked = m.group("name")
    listed = [x for x in re.findall(r"'([^']{1,200})'", m.group("list"))]
    have = list(dict.fromkeys((names or []) + listed))
    close = ([n for n in have if n.lower() == asked.lower()]
             or difflib.get_close_matches(asked, have, n=1, cutoff=0.6))
    endpoints = ", ".join(repr(n) for n in have) or "none"
    if not have:  # the SavedModel has no endpoint at all: nothing to choose, the export is what to change
        return Cause("Export it again with a signature: tf.saved_model.save(obj, dir, signatures={'serving_default': "
                     "obj.f.get_concrete_function(tf.TensorSpec([None, ...], tf.float32))}) (or a tf.function with an "
                     "input_signature; Keras 3: model.export(dir)), then TFSMLayer(dir, call_endpoint='serving_default')",
                     f"TFSMLayer was asked for endpoint {asked!r}, and the SavedModel has no endpoint at all: it was "
                     "saved without signatures and without a traced function TFSMLayer can call.", specific=True,
                     contradicts=('"signature_name"',))
    if close:
        return Cause(f"Pass call_endpoint={close[0]!r} (it was {asked!r}): keras.layers.TFSMLayer(path, "
                     f"call_endpoint={close[0]!r})",
                     f"TFSMLayer was asked for endpoint {asked!r}, which the SavedModel does not have: its endpoints "
                     f"are {endpoints}, and {asked!r} is a misspelling of {close[0]!r}.", specific=True,
                     contradicts=('"signature_name"', "re-export with a serving_default"))
    return Cause(f"Pass call_endpoint= one of the SavedModel's endpoints: {endpoints} (sigcheck inspect MODEL shows "
                 "which takes your inputs)",
                 f"TFSMLayer was asked for endpoint {asked!r}, which the SavedModel does not have: its endpoints are "
                 f"{endpoints}.", specific=True, contradicts=('"signature_name"',))


@rule("signature_not_found")
def tfsm_layer_endpoint(text: str, d: "Diagnosis") -> Cause | None:
    return tfsm_endpoint(text)


_SIGNATURES_KEY = lazy(r"signature_serialization\.py(?:\S*,? line |:)\d+, in (?:_SignatureMap\.)?__getitem__.{0,400}?"
                        r"KeyError: ['\"]"  # (Python's frame, or IPython 8's File …/x.py:302, in Class.method)
                        r"(?P<name>[^'\"]{1,200})['\"]", re.S)


def signatures_key(upstream: str, names: "list[str] | None" = None) -> Cause | None:
    """A Python KeyError from a loaded SavedModel's ``signatures`` map (``loaded.signatures["predict"]``,
    tensorflow/python/saved_model/signature_serialization.py ``__getitem__``): the user's code asked for a
    signature the model lacks; no request or server is involved.  ``names``: the model's signatures, when given."""
    import difflib

    m = _SIGNATURES_KEY.search(upstream)
    if m is None:
        return None
    name = m.group("name")
    close = difflib.get_close_matches(name, names or [], n=1, cutoff=0.6) if names else []
    pick = close[0] if close else ("serving_default" if not names or "serving_default" in names else names[0])
    listing = f" (it has {', '.join(names)})" if names else ""
    if pick == name == "serving_default":  # the default itself is missing: another name, or an export without it
        return Cause("List the signatures it has with list(loaded.signatures.keys()) or sigcheck inspect MODEL, and "
                     "ask for one of them; an empty list means it was saved without signatures: export again with "
                     "signatures={'serving_default': f.get_concrete_function(tf.TensorSpec(...))} (Keras 3: "
                     "model.export(dir), whose endpoint is serving_default)",
                     "Your code asked the loaded SavedModel for 'serving_default' (loaded.signatures['serving_default']), "
                     "which it does not have: it was exported under another signature name, or with none. A KeyError "
                     "from its signatures map in your own Python code, not a request to a server.", specific=True,
                     contradicts=('"signature_name"', "signature_name", "ModelSpec"))
    return Cause(f"Ask for a signature the SavedModel has{listing}: loaded.signatures[{pick!r}]; list them with "
                 "list(loaded.signatures.keys()) or sigcheck inspect MODEL",
                 f"Your code asked the loaded SavedModel for signature {name!r} (loaded.signatures[{name!r}]), which "
                 "it does not have: a KeyError from its signatures map in your own Python code, not a request to a "
                 "server.", specific=True, contradicts=('"signature_name"', "signature_name", "ModelSpec"))


@rule("signature_not_found")
def signatures_map_key(text: str, d: "Diagnosis") -> Cause | None:
    return signatures_key(d.upstream or "")


@rule("payload_too_large")
def batching_task_size(text: str, d: "Diagnosis") -> Cause | None:
    """TF Serving's batching: "Task size N is larger than maximum input batch size M" (shared_batch_scheduler.h):
    a request, or a warm-up record replayed at load, with N examples where --batching_parameters_file allows M."""
    n, m = d.evidence.get("task_size"), d.evidence.get("max_batch")
    if n is None or m is None:
        return None
    return Cause(f"Send at most {m} example(s) per request (split the {n} into requests of {m}; a warm-up record too: "
                 f"rewrite assets.extra/tf_serving_warmup_requests with records of at most {m}), or raise "
                 f"max_batch_size to at least {n} in --batching_parameters_file",
                 f"TF Serving runs with --enable_batching and its batching parameters allow at most {m} example(s) "
                 f"per task (max_batch_size {m}); this request (or a warm-up record replayed when the version loads) "
                 f"holds {n}.", specific=True,
                 contradicts=("1.5 MB", "batch prediction", "compress images", "client_max_body_size",
                              "Send at most"))


_GRPC_SIDE = lazy(r"(?P<side>SERVER|CLIENT): Received message larger than max \((?P<size>\d+) vs\. (?P<limit>\d+)\)")


@rule("payload_too_large")
def grpc_side(text: str, d: "Diagnosis") -> Cause | None:
    """gRPC names the side whose receive limit refused the message (``SERVER: Received message larger than max``:
    the request; ``CLIENT: …``: the response).  TF Serving's own server takes messages up to 2 GiB
    (model_servers/server.cc sets the receive limit to INT32_MAX), so a server-side 4 MiB is another server's or a
    proxy's default in front of it."""
    m = _GRPC_SIDE.search(text) or _GRPC_SIDE.search(d.upstream or "")
    if m is None:
        return None
    size, limit = int(m.group("size")), int(m.group("limit"))
    if m.group("side") == "SERVER":
        return Cause(f"Make the request smaller than the server's limit of {limit:,} bytes (it was {size:,}): send "
                     "images at the model's input size, fewer instances per call, or encoded bytes to a model that "
                     "decodes them; or raise the limit of the server that refused it (TF Serving's own is 2 GiB; a "
                     "server, proxy or load balancer in front of it with a 4 MiB default: its max receive message "
                     "length) -- the client's channel options do not change a server's limit",
                     f"The server refused the REQUEST: {size:,} bytes over its receive limit of {limit:,} (gRPC "
                     "says SERVER).", specific=True, contradicts=("Client: open the channel",))
    return Cause(f"Raise the client's receive limit above the response's {size:,} bytes: grpc.insecure_channel(target, "
                 "options=[(\"grpc.max_receive_message_length\", 64 * 1024 * 1024)]) (Java: "
                 "maxInboundMessageSize); or ask for less: fewer instances per call, an output_filter of only the "
                 "outputs you use",
                 f"The client refused the RESPONSE: {size:,} bytes over its own receive limit of {limit:,} (gRPC's "
                 "default 4 MiB; gRPC says CLIENT).", specific=True)


_CALL_KWARGS = lazy(r"Received args: \((?P<args>.{0,2000}?)\) and kwargs: \{(?P<kw>.{0,4000}?)\} for signature")
_NAMES_FAILED = lazy(r"failed due to [`'](?:missing a required argument|got an unexpected keyword argument|"
                      r"too many positional arguments|multiple values for argument)")
"""A binding failure about the call's argument names (not a cast of one argument's value)."""
_KWARG_NAME = lazy(r"(?:^|, )'(?P<name>[^'<>{}]{1,200})': ")
_SIGNATURE_NAMES = lazy(r"\) and kwargs: \{.{0,4000}?\} for signature: \(\*, (?P<sig>.{0,3000}?)\)(?: ->|\.?$)")
_SPEC_ARG = lazy(r"(?:^|, )(?P<name>\w{1,200}): TensorSpec\(")


def called_keywords(text: str) -> list[str] | None:
    """The keyword names a Python call of a tf.function / loaded signature passed, when TensorFlow's binding error is
    about the names (``missing a required argument``) and prints the call (``Received args: () and kwargs:
    {'age': <tf.Tensor …>, 'hour': …} for signature``); None otherwise."""
    m = _CALL_KWARGS.search(text)
    if m is None or not _NAMES_FAILED.search(text):
        return None
    return list(dict.fromkeys(k.group("name") for k in re.finditer(_KWARG_NAME.pattern, m.group("kw"))))


def name_matches(given: Sequence[str], names: Sequence[str]
                 ) -> tuple[list[str], dict[str, str], list[str], list[str]]:
    """Names a call or request gave against a signature's input names: (the given ones it does not have, each of
    those with its closest input — same letters in another case, or a near spelling: 'hour' → 'hours' —, the inputs
    neither given nor renamed to, the given ones with no close input).  One reading for explain's text rule and its
    --model refiner."""
    import difflib

    wrong = [k for k in given if k not in names]
    renames: dict[str, str] = {}
    for k in wrong:
        free = [n for n in names if n not in given and n not in renames.values()]
        close = [n for n in free if n.lower() == k.lower()] or difflib.get_close_matches(k, free, n=1, cutoff=0.6)
        if close:
            renames[k] = close[0]
    missing = [n for n in names if n not in given and n not in renames.values()]
    return wrong, renames, missing, [k for k in wrong if k not in renames]


def keyword_cause(called: list[str], names: list[str], label: str) -> tuple[Cause, bool]:
    """The call's keywords against a signature's input names: each keyword it lacks named with its closest input (a
    misspelt keyword: 'hour' → 'hours'), the inputs left out, the ones it has not; and whether they differ."""
    wrong, renames, missing, extra = name_matches(called, names)
    head = (f"{label} takes input{'s' if len(names) != 1 else ''} {', '.join(names)}; the call passed "
            f"{', '.join(called) or 'no keywords'}")
    said = [f"{k} is not one of its inputs (did you mean {v}?)" for k, v in renames.items()]
    if extra:
        said.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not one of its inputs")
    if missing:
        said.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    args = ", ".join(f"{n}=..." for n in names)
    steps = []
    if renames:
        steps.append("rename the keyword" + ("s" if len(renames) > 1 else "") + ": " +
                     ", ".join(f"{k} → {v}" for k, v in renames.items()))
    if missing:
        steps.append("also pass: " + ", ".join(missing))
    if extra:
        steps.append(f"drop {', '.join(extra)} (no such input)")
    if renames and not extra:
        step = "R" + "; ".join(steps)[1:] + f" (call it as f({args}))"
    else:  # a keyword with no close input name: the call's names are another model's (or positional-only)
        step = f"Call it with its inputs by keyword, under the signature's names: f({args})" + (
            f" — {'; '.join(steps)}" if steps else "")
    return (Cause(step, head + (": " + "; ".join(said) if said else "") + ".", specific=True,
                  contradicts=("row format",)), bool(wrong or missing))


def call_keywords(text: str, d: "Diagnosis") -> Cause | None:
    """A loaded signature called with a misspelt or missing keyword, the signature's names read from the message's
    own ``for signature: (*, age: TensorSpec(…), hours: …)``."""
    called = called_keywords(text)
    m = _SIGNATURE_NAMES.search(text) if called is not None else None
    if called is None or m is None:
        return None
    names = list(dict.fromkeys(a.group("name") for a in re.finditer(_SPEC_ARG.pattern, m.group("sig"))))
    if not names:
        return None
    if not called:
        keys = positional_dict(text)
        if keys:
            return dict_positional(keys, names, "TFSMLayer" in text)
    found, differ = keyword_cause(called, names, "the signature")
    return found if differ else None


def positional_dict(text: str) -> list[str]:
    """The keys of a dict the call passed as its one positional argument (``Received args: ({'review': <tf.Tensor
    …>, 'colour': …},) and kwargs: {}``), empty when it passed none."""
    m = _CALL_KWARGS.search(text)
    args = m.group("args").strip() if m else ""
    if not args.startswith("{"):
        return []
    return list(dict.fromkeys(k.group("name") for k in re.finditer(_KWARG_NAME.pattern, args[1:])))


def dict_positional(keys: list[str], names: list[str], tfsm: bool) -> Cause:
    """A dict given positionally to a loaded signature, which binds its inputs by keyword only (TensorFlow's 'too
    many positional arguments … for signature: (*, color: …)'); through Keras 3's TFSMLayer, whose call passes its
    input positionally to the endpoint (keras/src/export/tfsm_layer.py: ``self.call_endpoint_fn(inputs)``)."""
    wrong, renames, missing, extra = name_matches(keys, names)
    said = [f"{k} is not one of its inputs (did you mean {v}?)" for k, v in renames.items()]
    if extra:
        said.append(f"{', '.join(extra)} {'is' if len(extra) == 1 else 'are'} not one of its inputs")
    if missing:
        said.append(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    fixes = ([f"rename the key{'s' if len(renames) > 1 else ''} {', '.join(f'{k} → {v}' for k, v in renames.items())}"]
             if renames else []) + ([f"add {', '.join(missing)}"] if missing else [])
    also = f"; and {', '.join(fixes)}" if fixes else ""
    if tfsm:
        step = ("Call the signature with the dict unpacked: tf.saved_model.load(path).signatures['serving_default']"
                "(**inputs); or, when the SavedModel was written by Keras's model.export (it has the endpoint serve, "
                "which takes the dict), keras.layers.TFSMLayer(path, call_endpoint='serve')" + also)
        how = ("TFSMLayer passes its input positionally to its endpoint, and a signature endpoint (serving_default) "
               "takes its inputs by keyword only")
    else:
        step = f"Unpack the dict into keywords: f(**inputs), i.e. f({', '.join(f'{n}=...' for n in names)})" + also
        how = "a loaded signature takes its inputs by keyword only"
    return Cause(step, f"The call gave a dict ({', '.join(keys)}) as one positional argument: {how} "
                       f"({', '.join(names)})" + (": " + "; ".join(said) if said else "") + ".",
                 specific=True, contradicts=("row format",))


_SERVABLE = lazy(r"Servable not found for request: (?:Latest|Specific)\((?P<name>[^,)]+)(?:, ?(?P<v>\d+))?\)")


@rule("model_not_found")
def servable_name(text: str, d: "Diagnosis") -> Cause | None:
    m = _SERVABLE.search(text)
    if m is None:
        return None
    name, version = m.group("name").strip(), m.group("v")
    if version:
        return Cause(f"Ask for a version of {name} the server has loaded (GET /v1/models/{name} lists them), or drop "
                     "the version to use the latest", f"The server has no version {version} of model {name} loaded.",
                     specific=True)
    return Cause(f"Call the model by the name the server was started with (--model_name / MODEL_NAME, or the "
                 f"model_config_file): it serves no model called {name}; GET /v1/models/<name> answers for the right "
                 "one", specific=True)


_SCALAR_CONTENTS = lazy(r"contents must be scalar, got shape \[(?P<shape>[\d,\s]*)\]")


_BATCHING_RANK0 = lazy(r"Batching session Run\(\) input tensors must have at least one dimension", re.I)


@rule("scalar_input")
def batching_rank0(text: str, d: "Diagnosis") -> Cause | None:
    """TF Serving's batching session (batching_session.cc) concatenates the requests' tensors along their first
    dimension: a tensor the REQUEST sends without any dimension cannot be batched."""
    if _BATCHING_RANK0.search(text) is None:
        return None
    return Cause("Send every input tensor with at least one dimension, its batch: a TensorProto with tensor_shape dims "
                 "[1] (or [1, n]; tf.make_tensor_proto([x]) rather than of x alone), a list per instance over REST; if "
                 "the signature really takes a scalar, serve the model without --enable_batching (or make the input "
                 "[None]-shaped at export)",
                 "The request sent a tensor without dimensions (a scalar) to a server with batching on: the batching "
                 "session joins requests along the first dimension, so every input needs one.", specific=True)


_TAGS_NONE = lazy(r"MetaGraphDef associated with tag(?:s|-?set)\b.{0,120}?could not be found|must contain exactly one "
                   r"metagraph with tag|could not find meta ?graph ?def matching supplied tags|Ensure the model "
                   r"contains the required tags", re.I)
_TAGS_AVAILABLE = lazy(r"(?:following tag-sets|available_tags|available tags|Available tag-sets):? ?'?(?P<sets>\[(?:[^\[\]\n]|"
                        r"\[[^\[\]\n]{0,100}\]){0,200}\]|\{[^\n]{0,200}?\})'?(?=[.\s]|$)", re.I)
_TAGS_BARE = lazy(r"MetaGraphDef associated with tags (?P<tag>[a-z_]{1,40}) could not be found")


@rule("savedmodel_tags")
def tags_or_no_savedmodel(text: str, d: "Diagnosis") -> Cause | None:
    """No MetaGraph with the tags. The text may list the tag-sets the file has (saved_model_cli, tf2onnx); none at all
    is a .pb that is no SavedModel — a frozen GraphDef (freeze_graph, the object-detection exporter's
    frozen_inference_graph.pb) parses as a SavedModel proto without any MetaGraph. TF1's loader prints the tags as
    str(tags).strip('[]'): a bare word (tags serve) is a string given where a list is read."""
    if _TAGS_NONE.search(text) is None:
        return None
    frozen = ("the .pb is a frozen GraphDef (freeze_graph, the object-detection exporter's frozen_inference_graph.pb), "
              "not a SavedModel — export a SavedModel (tf.saved_model.save, the exporter's saved_model/ folder) or "
              "wrap the frozen graph with tf.compat.v1.saved_model.simple_save under the serve tag")
    bare = _TAGS_BARE.search(text)
    if bare is not None:
        return Cause(f"Pass the tags as a list: tags=[tf.saved_model.SERVING] (['{bare.group('tag')}']), not the string "
                     f"'{bare.group('tag')}' — TensorFlow 1's loader and builder read a string as a list of its "
                     "characters",
                     f"The loader was given the tags as the string '{bare.group('tag')}' (it printed them without "
                     "quotes), not as a list, so no MetaGraph's tag-set matched.", specific=True)
    available = _TAGS_AVAILABLE.search(text)
    if available is not None:
        sets = available.group("sets")
        if not re.search(r"\w", sets):
            return Cause(f"The file has no MetaGraph at all: {frozen}",
                         "The .pb holds no MetaGraph (its tag-sets are empty): it is not a SavedModel but a frozen "
                         "GraphDef (or another protobuf) saved under that name.", specific=True)
        letters = re.fullmatch(r"\[?\s*['\"]?((?:\w,){2,}\w)['\"]?\s*\]?", sets.strip())
        quoted = re.findall(r"['\"]([\w.-]{1,60})['\"]", sets)
        if letters is None and len(quoted) >= 3 and all(len(q) == 1 for q in quoted):
            letters = re.match(r"(.*)", ",".join(quoted))  # [{'v', 's', 'r', 'e'}]: the same letters as a set
        if letters:  # ['s,r,v,e']: the export gave tags='serve' (a string), which the builder split into its letters
            return Cause("Export again with tags=[tf.saved_model.SERVING] (a list): the SavedModel was written with the "
                         "string 'serve' as its tags, which TensorFlow 1's builder read as a list of letters; loading "
                         f"with tags=[{', '.join(repr(c) for c in letters.group(1).split(','))}] works meanwhile",
                         f"The SavedModel's only tag-set is {letters.group(1)}: the letters of a tag given as a string, "
                         "not a list, when it was exported.", specific=True)
        names = ", ".join(dict.fromkeys(re.findall(r"['\"]([\w.-]{1,60})['\"]", sets))) or sets
        return Cause(f"Load it with the tags it has, {names}: tags=['{names.split(', ')[0]}'] in the loader, --tag_set "
                     f"{names.split(', ')[0]} for saved_model_cli (tf.saved_model.load(path) picks the only one "
                     "itself); or re-export with tags=[tf.saved_model.SERVING] if a server needs serve",
                     f"The SavedModel has no MetaGraph with the requested tags; it has {names}.", specific=True)
    return Cause("Export with tags=[tf.saved_model.SERVING] (a list, not the string 'serve') and exactly one serving "
                 "MetaGraph; saved_model_cli show --dir DIR lists the tag-sets the file has, and if it lists none, "
                 f"{frozen}",
                 "The SavedModel has no MetaGraph (or more than one) with the requested tags"
                 f"{' ' + repr(d.evidence['tags']) if isinstance(d.evidence.get('tags'), str) else ''}: it was "
                 "exported with other tags, or the .pb is no SavedModel at all — a frozen GraphDef parses as a "
                 "SavedModel without any MetaGraph — or the server found a folder that is not the SavedModel (a docker "
                 "mount onto the .pb file).")


@rule("scalar_input")
def decode_contents(text: str, d: "Diagnosis") -> Cause | None:
    m = _SCALAR_CONTENTS.search(text)
    if m is None:
        return None
    return Cause("Send one encoded image as a scalar string (not a list of them), one image per request; or "
                 "re-export so the graph decodes a batch: tf.map_fn(lambda b: tf.io.decode_jpeg(b, channels=3), "
                 "images, fn_output_signature=tf.uint8) over a [None] string input",
                 f"The graph's decode op takes one encoded image (a scalar string) and got a batch of shape "
                 f"[{m.group('shape')}]: the export decodes a single image, so a batched request cannot reach it.",
                 specific=True)


# ------------------------------------------------------------------------------------------------ variables

_ANON = lazy(r"Could not find variable (?P<var>_AnonymousVar\d+)")
_TF1_VAR = lazy(r"Attempting to use uninitialized value (?P<var>[\w/.:-]+)")
_SECOND_COPY = lazy(r"/(?P<name>kernel|bias|gamma|beta|moving_mean|moving_variance|embeddings|depthwise_kernel|"
                     r"recurrent_kernel)_(?P<n>\d+)$")
"""A layer variable TensorFlow made unique by a suffix inside its layer's scope (dense/kernel_1 next to dense/kernel):
a second copy of the same layer's variables. (Variable_1 or weights_1 of hand-written TF1 code are just other
variables of the same default name: not read so.)"""
_FIND_VAR = lazy(r"Could not find variable (?P<var>(?!_AnonymousVar)[\w/.:-]+?)\.? This could mean")


_CKPT_KEY = lazy(r"(?:Key|Tensor name) \"?(?P<key>[\w/.:-]+?)\"? not found in checkpoint")
_SLOT = lazy(r"/(?:Adam(?:_\d+)?|Momentum|RMSProp(?:_\d+)?|Adagrad|Ftrl(?:_\d+)?|ExponentialMovingAverage)$")
SAVEDMODEL_RESTORE = lazy(r"saved_model[/\\](?:loader|reader|load(?:_v1_in_v2)?\.py)|Restoring SavedModel bundle|"
                            r"Loading SavedModel|\bload_partial\b|"  # TF2's loader (saved_model/load.py's frames)
                            r"variables[/\\]variables\b|SavedModel load for tags|loader_harness|Loading servable",
                            re.I)


def checkpoint_key(text: str) -> tuple[str | None, str] | None:
    """What a variable missing from a checkpoint says (``Key X not found in checkpoint``, TF 1.x's ``Tensor name "X"
    not found in checkpoint files P``, Saver's ``Restoring from checkpoint failed``): (the key, and whose the
    checkpoint is), or None when the text has no such message.

    ``slot``: the key is an optimizer's slot (Adam, Momentum...): a graph with an optimizer restoring a checkpoint
    saved without it.  ``savedmodel``: a SavedModel's own variables/ being restored (TF Serving's or the loader's
    log around it): its variables folder does not match its graph, a partial or mixed copy.  ``other``: a checkpoint
    the code restores into the graph it built: the graph has a name the checkpoint lacks, so the two were written by
    different model code or TensorFlow versions (Saver's own words: "you have altered the graph expected based on
    the checkpoint")."""
    m = _CKPT_KEY.search(text)
    if m is None and "Restoring from checkpoint failed" not in text:
        return None
    key = m.group("key") if m else None
    if key is not None and _SLOT.search(key):
        return key, "slot"
    if SAVEDMODEL_RESTORE.search(text):
        return key, "savedmodel"
    return key, "other"


_RESTORE_SHAPE = lazy(r"Received incompatible tensor with shape (?P<saved>\([\d, ]{0,80}\)) when attempting to restore "
                      r"variable with shape (?P<built>\([\d, ]{0,80}\)) and name (?P<name>[^\s]{1,200}?)\.?(?:\s|$)")


@rule("variables_not_restored")
def savedmodel_variables_of_another_export(text: str, d: "Diagnosis") -> Cause | None:
    """A SavedModel's loader restoring its own variables/ found a value of another shape than its graph's variable
    (the index's weight_shapes decider reads this message as variables not restored only then: the loader's frames
    or log around it): the variables folder was written by another export (a mixed or partial copy), not the code's
    sizes."""
    m = _RESTORE_SHAPE.search(text)
    if m is None:
        return None
    return Cause("Copy the version folder again as one unit — saved_model.pb with the variables/ the same export "
                 "wrote (write it elsewhere, then rename it into place) — or export again; do not mix variables/ of "
                 "another export into it",
                 f"While loading the SavedModel, its variables/ held {m.group('name')} with shape {m.group('saved')} "
                 f"where its graph has {m.group('built')}: the variables folder comes from another export (a mixed "
                 "or partial copy), not from the one that wrote saved_model.pb.", specific=True)


@rule("variables_not_restored", "runtime_version_mismatch")
def checkpoint_variables(text: str, d: "Diagnosis") -> Cause | None:
    found = checkpoint_key(text)
    if found is None or found[0] is None:
        return None
    key, whose = found
    if whose == "slot":
        return Cause("Restore only the model's variables: build the graph without the optimizer (no train op) for "
                     "export or inference, or restore with tf.compat.v1.train.Saver(var_list=the model's variables)",
                     f"The graph being restored has an optimizer slot ({key}) that the checkpoint does not: the "
                     "checkpoint was saved without the optimizer, or with another one.", specific=True)
    if whose == "savedmodel":
        return Cause("Copy the version folder again as one unit (saved_model.pb with the variables/ written by the "
                     "same export: write it elsewhere, then rename it into the base path), or re-export it",
                     f"The SavedModel's graph has a variable {key} that its variables/ checkpoint does not: the "
                     "variables folder comes from another export or an incomplete copy.", specific=True)
    return Cause(f"Restore with the model code and TensorFlow version the checkpoint was written with (a released "
                 f"checkpoint: the project's revision or release it names; tf.train.list_variables(CKPT) lists its "
                 f"names, {key} is not among them), or map the renamed variables (tf.compat.v1.train."
                 "init_from_checkpoint / Saver(var_list={old_name: variable}))",
                 f"The graph this code builds has a variable {key} that the checkpoint does not: the checkpoint was "
                 "written by another version of the model code or of TensorFlow, which named or built its variables "
                 "differently.", specific=True, contradicts=SERVING_RUNTIME)


_WEIGHTS_MISFIT = lazy(r"Layer count mismatch when loading weights|Weight count mismatch for layer|"
                        r"You are trying to load a weight file ?containing|expected \d+ variables, but received \d+ "
                        r"variables during loading|called `set_weights\(weights\)` on layer")


@rule("runtime_version_mismatch")
def weights_of_another_model(text: str, d: "Diagnosis") -> Cause | None:
    """Keras's weights that do not fit the model they are loaded into: written by a model another version of the
    code (or of Keras) built.  The message's own fix says what to do; the general steps about a serving runtime
    older than an exporter do not apply."""
    if _WEIGHTS_MISFIT.search(text) is None:
        return None
    return Cause("Build the model with exactly the architecture (and Keras version) that saved the weights",
                 contradicts=SERVING_RUNTIME)


@rule("empty_instances")
def empty_input_buffer(text: str, d: "Diagnosis") -> Cause | None:
    """A runtime's byte-size check that got no bytes at all (TFLite's ``expects data size (N), but got (0)``, index
    decider ``tflite_bytes``): the input was never filled, not filled with data of another size."""
    want, got = d.evidence.get("want"), d.evidence.get("got")
    if got != 0 or not isinstance(want, int) or want <= 0:
        return None
    return Cause(f"Fill the input with the example before running the model: the data passed holds 0 of the {want} "
                 "bytes the input tensor takes -- check that the step before the call (the image loaded, resized, "
                 "converted to the input's type) returns its data, and that the right variable is passed",
                 f"The input given to the model is empty: 0 bytes where the input tensor takes {want}. Nothing was "
                 "put into the buffer (an image that did not load, a conversion that returned nothing, another "
                 "variable passed), so there is no example to run.", specific=True)


@rule("runtime_version_mismatch")
def weight_layout(text: str, d: "Diagnosis") -> Cause | None:
    """A layer's saved weights hold the model's sizes in another order (index decider ``weight_shapes``): a kernel
    laid out by another framework or Keras version."""
    from .evidence import format_shape
    from .facts import weight_sizes

    sizes = weight_sizes(d.evidence)
    if sizes is None or sorted(sizes[0]) != sorted(sizes[1]):
        return None
    built, saved = format_shape(sizes[0]), format_shape(sizes[1])
    return Cause("Load weights written for TensorFlow's layout, or convert them: a kernel saved as (out, in, h, w) "
                 "(PyTorch, Theano, Keras 1's 'th' ordering) becomes TensorFlow's (h, w, in, out) with "
                 "np.transpose(w, (2, 3, 1, 0)); use the converter or release of the weights made for this "
                 "framework and Keras version",
                 f"The saved weights hold the layer's sizes in another order ({saved} saved, {built} in the model): "
                 "the weights were laid out by another framework or Keras version (channels-first kernels), not "
                 "written by this model's TensorFlow / Keras.", specific=True, contradicts=SERVING_RUNTIME)


@rule("variables_not_restored")
def deleted_variable(text: str, d: "Diagnosis") -> Cause | None:
    m = _ANON.search(text)
    if m is not None:
        return Cause("Keep a reference to the loaded object for as long as its functions are used: m = "
                     "tf.saved_model.load(path); f = m.signatures['serving_default'] (not "
                     "tf.saved_model.load(path).signatures['serving_default'], which lets m be garbage-collected)",
                     f"{m.group('var')} is a variable created in this Python process that has been deleted: the "
                     "object that owned it (the loaded SavedModel or model) went out of scope and was "
                     "garbage-collected while a function reading it is still called.")
    m = _FIND_VAR.search(text)
    if m is not None and not d.cause.startswith("Keras 3") and not d.steps[0].startswith("Re-export with Keras 3"):
        var = m.group("var")
        return Cause(f"Run sigcheck gate MODEL (graph.unrestored_variable lists the variables a load leaves unset; "
                     f"{var} should be among them), then re-export so {var} is saved and restored (TF1: restore or "
                     "initialise it in the exporting session; TF2/Keras 3: model.export()), or copy an incomplete "
                     "variables/ folder again")
    m = _TF1_VAR.search(text)
    if m is not None and "__inference_" not in text and not d.cause.startswith("Keras 3"):
        var = m.group("var")
        copy = _SECOND_COPY.search(var)
        if copy is not None:
            first = var[: copy.start()] + "/" + copy.group("name")
            return Cause("Build the model once in the graph you restore into: restore the checkpoint into the graph "
                         "the model was built in (saver.restore there, or tf.compat.v1.train.import_meta_graph into a "
                         "fresh tf.Graph() without building the model again) and run the tensors of that same copy; "
                         "sigcheck gate MODEL lists what a load leaves unset",
                         f"The graph reads {var}, a second copy of {first}: the model was built twice in one graph "
                         "(its building code called again, or import_meta_graph next to a model built in code), so "
                         f"TensorFlow numbered the second copy's variables _{copy.group('n')}, and the restore or "
                         "initialisation set only the first copy.", specific=True)
        return Cause(f"Run sigcheck gate MODEL (graph.unrestored_variable lists every variable a load leaves "
                     f"unset), then re-export from a session in which {var} is restored (saver.restore) or "
                     "initialised before builder.add_meta_graph_and_variables, with a Saver that covers every "
                     "variable the serving graph reads",
                     f"The serving graph reads {var}, but neither the SavedModel's restore nor its init op sets it: "
                     "the export wrote a graph whose variable was never initialised or restored in the exporting "
                     "session, or a saver that leaves it out (a partial variables/ copy is the other cause).")
    return None


_TABLE_FILE = lazy(r"(?P<path>[^\s;'\"]{1,400}); No such file or directory[^\n]{0,40}\n?[^\n]{0,20}"
                   r"\[\[\{\{(?:function_node [^}]{1,200}\}\}\{\{)?node [^}]{0,200}InitializeTableFromTextFile")


@rule("initializer_missing_in_export")
def table_file_missing(text: str, d: "Diagnosis") -> Cause | None:
    """A table initializer (InitializeTableFromTextFile) could not open its vocabulary file: the SavedModel's
    assets/ folder was not copied with it, or (a path outside assets/) the file was never exported as an asset, so
    the graph still names the file where training ran."""
    m = _TABLE_FILE.search(d.upstream or text)
    if m is None:
        return None
    path = m.group("path")
    if "/assets/" in path.replace("\\", "/"):
        return Cause("Copy the whole SavedModel folder, assets/ included, to where it is served (a copy of "
                     "saved_model.pb and variables/ alone leaves the vocabulary behind); gsutil -m cp -r / docker "
                     "COPY the version folder as a whole",
                     f"The lookup table's vocabulary file {path} is not there: the SavedModel's assets/ folder was "
                     "not copied with saved_model.pb and variables/.", specific=True,
                     contradicts=("main_op", "legacy_init_op", "tables_initializer"))
    return Cause(f"Export the vocabulary as an asset, so it travels inside the SavedModel: TF2 / Keras create the "
                 f"table from a tf.saved_model.Asset (Keras lookup layers do this) or inside the tracked module; TF1 "
                 f"add the file's path tensor to tf.compat.v1.GraphKeys.ASSET_FILEPATHS and pass assets_collection to "
                 f"the builder; the graph now reads {path} from where training ran",
                 f"The lookup table's initializer opens {path}, which is not there: the vocabulary was never exported "
                 "as an asset, so the graph still names the file on the training machine (or relative to its "
                 "working directory).", specific=True, contradicts=("main_op", "legacy_init_op"))


_KERAS_LOOKUP_NODE = lazy(r"(?:^|/)(?P<layer>text_vectorization|string_lookup|integer_lookup)(?:_\d+)?/", re.I)


@rule("initializer_missing_in_export")
def lookup_layer_never_adapted(text: str, d: "Diagnosis") -> Cause | None:
    """``Table not initialized`` at a Keras lookup layer's table (TextVectorization, StringLookup, IntegerLookup):
    Keras 3 creates the layer's table when it gets a vocabulary — adapt() or vocabulary= — so a layer exported
    without one serves a table that was never filled; there is no init op to add."""
    node = str(d.evidence.get("node") or "")
    m = _KERAS_LOOKUP_NODE.search(node) or (_KERAS_LOOKUP_NODE.search(text) if "Table not initialized" in text
                                           else None)
    if m is None:
        return None
    layer = {"text_vectorization": "TextVectorization", "string_lookup": "StringLookup",
             "integer_lookup": "IntegerLookup"}[m.group("layer").lower()]
    return Cause(f"Give the {layer} layer its vocabulary before the model is saved — layer.adapt(training_data), or "
                 f"{layer}(vocabulary=[...]) or a vocabulary file — then export again; layer.get_vocabulary() is "
                 "empty for a layer never adapted",
                 f"The {layer} layer's lookup table was never filled: the layer was not adapted (nor given a "
                 "vocabulary) before the model was exported, so its table has nothing to initialize it.",
                 specific=True, contradicts=("main_op", "legacy_init_op"))


@rule("initializer_missing_in_export")
def init_op_reads_variable(text: str, d: "Diagnosis") -> Cause | None:
    m = _TF1_VAR.search(text)
    if m is None:
        return None
    var = m.group("var")
    return Cause(f"Export with an init op that sets {var} before anything reads it: main_op=tf.group("
                 "tf.compat.v1.local_variables_initializer(), tf.compat.v1.tables_initializer()) with the variable's "
                 "own initializer run first (tf.control_dependencies), or make it a saved variable",
                 f"While the model loaded, its init op (main_op / legacy_init_op, run after the restore) read "
                 f"{var}, which neither the checkpoint nor an earlier initializer sets.")


# ------------------------------------------------------------------------------------------------ shapes

_WINDOW = lazy(r"Computed output size would be negative:? ?(?P<size>-?\d+) \[input_size: (?P<input>\d+), "
                     r"effective_filter_size: (?P<filter>\d+), stride: (?P<stride>\d+)\]")
_CONCAT = lazy(r"ConcatOp ?: (?:Dimensions of inputs should match|Dimension \d+ in both shapes must be equal): "
                r"shape\[0\] = \[(?P<a>[\d,\s]{1,80})\] vs\. "
                     r"shape\[\d+\] = \[(?P<b>[\d,\s]{1,80})\]")


@rule("input_shape_mismatch")
def window_too_large(text: str, d: "Diagnosis") -> Cause | None:
    m = _WINDOW.search(text)
    if m is None:
        return None
    size, window = int(m.group("input")), int(m.group("filter"))
    node = d.evidence.get("node")
    at = f" at {node}" if node else ""
    cause = (f"A convolution or pooling window of {window}{at} slides over a dimension of only {size}, so its "
             f"output size would be negative ({m.group('size')})")
    if size in (1, 3, 4) and window > size and not re.search(r"conv1d|Conv1D", text):
        return Cause(f"Make the input at least as large as the network needs (resize images to the model's input "
                     f"size, pad sequences to at least {window} steps); if that {size} is a channel axis, the data is "
                     "channels-first (N, C, H, W) for a channels-last model: x.transpose(0, 2, 3, 1)",
                     cause + f": the input is smaller than the network is built for (a tiny image, a short "
                             f"sequence), or, {size} being a channel count, it is laid out channels-first for a "
                             "channels-last model.", specific=True)
    return Cause(f"Make the input at least as large as the network needs: resize images to the size the model was "
                 f"built for (sigcheck inspect MODEL), or pad sequences to at least {window} steps",
                 cause + ": the input is smaller than the network is built for (an image smaller than the model's "
                         "input size, or a sequence shorter than the kernel).")


_PREDICT_RESHAPE = lazy(r"Input to reshape is a tensor with (?P<values>\d+) values, but the requested shape has "
                         r"(?P<requested>\d+)(?:.|\n){0,400}?\[Op:__inference_predict_function_\d+\]")


@rule("fixed_batch_size_in_graph")
def predict_batch_reshape(text: str, d: "Diagnosis") -> Cause | None:
    """Keras's predict runs the model on batches of 32 by default: a reshape inside the model that got 32 times its
    target's values was built for one fixed batch (the training batch size written into a custom layer)."""
    m = _PREDICT_RESHAPE.search(text)
    if m is None or int(m.group("values")) != KERAS_PREDICT_BATCH * int(m.group("requested")):
        return None
    node = d.evidence.get("node")
    where = f" ({node})" if node else ""
    return Cause(f"Give the reshape{where} the batch from its input — tf.reshape(x, [tf.shape(x)[0], ...]) or -1 as "
                 "its first size in the layer's code — and re-export; until then call predict with the batch size the "
                 "model was built with (model.predict(x, batch_size=N), with len(x) a multiple of N)",
                 f"Keras's predict ran the model on a batch of {KERAS_PREDICT_BATCH} (its default batch_size) and a "
                 f"reshape inside the model{where} is sized for {m.group('requested')} value(s): a batch size written "
                 "into the model's code.", specific=True)


@rule("batch_size_mismatch_between_inputs")
def elementwise_batches(text: str, d: "Diagnosis") -> Cause | None:
    """An elementwise op (Add, Mul, an LSTM cell's gates) of two tensors that differ only in their first size
    (``Incompatible shapes: [3,64] vs. [4,64]``, the shapes the index's broadcast entry captured): two inputs sent
    with different numbers of examples."""
    from .index import batches_differ

    shapes = d.evidence.get("a_shape"), d.evidence.get("b_shape")
    if not all(isinstance(x, list) for x in shapes) or not batches_differ(*shapes):
        return None
    a, b = shapes[0][0], shapes[1][0]
    node = d.evidence.get("node")
    at = f" ({node})" if node else ""
    return Cause(f"Give every input of the call the same number of examples ({a} against {b} here): a state, mask or "
                 "second input carried from another call (a decoder's states after a beam search re-ordered or "
                 "repeated them, a batch cut differently) must have the batch of the input it goes with",
                 f"An elementwise op{at} got two tensors whose sizes agree but for the first, the batch: {a} and {b}. "
                 "Two inputs of one call (or a state fed back from another call) carry different numbers of "
                 "examples.", specific=True)


_CONCAT_NO_SHAPES = lazy(r"ConcatOp ?: ?Dimensions of inputs should match(?!: ?shape)")


@rule("input_shape_mismatch", "fixed_batch_size_in_graph", "batch_size_mismatch_between_inputs")
def concat_feature_maps(text: str, d: "Diagnosis") -> Cause | None:
    m = _CONCAT.search(text)
    if m is None:
        if d.category == "input_shape_mismatch" and _CONCAT_NO_SHAPES.search(text):
            return Cause("For an image model with skip connections (a U-Net, a detector's feature pyramid), resize or "
                         "pad the image to a size its downsampling divides (a multiple of 32 for most, or exactly the "
                         "training size); for a model that joins feature inputs, send each input with the width it was "
                         "trained with (sigcheck explain --model MODEL tells which)",
                         "A Concat got inputs whose sizes differ on an axis it does not join (the message gives no "
                         "shapes): in an image model with skip connections, an image size the network's downsampling "
                         "does not divide; in a model joining feature inputs, an input of another width than in "
                         "training.", specific=True)
        return None
    a = [int(x) for x in m.group("a").split(",") if x.strip()]
    b = [int(x) for x in m.group("b").split(",") if x.strip()]
    if len(a) == len(b) and a[0] != b[0] and a[1:] == b[1:] and d.category in ("fixed_batch_size_in_graph",
                                                                               "batch_size_mismatch_between_inputs"):
        small, big = sorted((a[0], b[0]))
        return Cause(f"If the request sends several inputs, give every input the same number of examples ({big} "
                     f"here against {small}); if it sends one, the graph builds the other tensor with a fixed batch "
                     f"of {small}: re-export it with -1/None for the batch",
                     f"Two tensors with batch sizes {a[0]} and {b[0]} are joined by a Concat: two inputs sent with "
                     f"different numbers of examples, or a tensor the graph builds with a fixed batch of {small}.",
                     specific=True)
    if len(a) == len(b) in (2, 3) and a[0] == b[0] and a != b:
        node = d.evidence.get("node")
        at = f" at {node}" if node else ""
        return Cause("Send each input with the width the model was trained with (sigcheck inspect MODEL shows each "
                     "input's shape; one-hot and vocabulary widths, sequence lengths and column counts must match "
                     "training): no image resizing is involved",
                     f"Two tensors of the same batch, {_shape_text(a)} and {_shape_text(b)}, are joined{at} along an "
                     "axis their other sizes must match on: an input (or a feature group built from one) has another "
                     "width or length than the model was built for.", specific=True)
    if len(a) != 4 or len(b) != 4 or a[0] != b[0] or a[3] != b[3] or a[1:3] == b[1:3]:
        return None
    return Cause("Resize or pad the image to a size the network's downsampling divides (a multiple of 32 for most "
                 "U-Nets and detectors, or exactly the training size) before sending it",
                 f"Two feature maps of {a[1]}×{a[2]} and {b[1]}×{b[2]} meet at a Concat (a skip connection): the "
                 "input's height or width is not a multiple of the network's total downsampling, so the upsampled "
                 "map and the skipped one differ by a pixel or more.")


_KSIZE = lazy(r"computed output size would be negative.{0,400}?ksize=\[1, ?(?P<h>\d+), ?(?P<w>\d+), ?1\]",
                    re.I | re.S)


@rule("input_shape_mismatch")
def window_from_ksize(text: str, d: "Diagnosis") -> Cause | None:
    """The older message has no numbers; the pooling node's ksize says the window."""
    m = _KSIZE.search(text)
    if m is None or _WINDOW.search(text):
        return None
    node = d.evidence.get("node")
    at = f" at {node}" if node else ""
    return Cause("Resize images to the input size the model was built for (sigcheck inspect MODEL; Inception v3's "
                 "pool_3 needs 299×299) before sending them",
                 f"A pooling window of {m.group('h')}×{m.group('w')}{at} is larger than the feature map it slides "
                 "over, so its output size would be negative: the images are smaller than the network is built for.")


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _channels(got: int, want: int) -> str:
    from .facts import CHANNEL_CONVERSIONS, CHANNEL_KINDS

    kind = {c: k for c, (k, _) in CHANNEL_KINDS.items()}
    expr = CHANNEL_CONVERSIONS.get((got, want))
    how = f" with {expr} or PIL img.convert('{CHANNEL_KINDS[want][1]}')" if expr and want in CHANNEL_KINDS else ""
    return (f"convert each image from {_n(got, 'channel')}{f' ({kind[got]})' if got in kind else ''} to {want}"
            f"{f' ({kind[want]})' if want in kind else ''}{how}")


def _py2_shape(shape: object) -> object:
    """A shape Python 2 printed with long integers, ``(1L, 3L, 224L, 224L)`` (Keras 1 / 2.0 print array.shape): the
    evidence keeps it as text; read it as the numbers it is."""
    if isinstance(shape, str) and re.search(r"\dL\b", shape):
        from .evidence import parse_shape

        return parse_shape(re.sub(r"(\d)L\b", r"\1", shape)) or shape
    return shape


_LAST_AXIS_VALUE = lazy(r"expected axis (?P<axis>-?\d+) of input shape to have value (?P<want>\d+),? but received input "
                         r"with shape")


@rule("input_shape_mismatch")
def channels_on_the_last_axis(text: str, d: "Diagnosis") -> Cause | None:
    """Keras' input check on an image's last axis (``expected axis -1 of input shape to have value 3, but received
    input with shape (1, 28, 28, 4)``): both counts are channel counts, so the images have other channels than the
    model was built for (RGBA or grayscale where RGB goes) -- the conversion, not a generic shape step."""
    from .facts import CHANNEL_KINDS

    m, shape = _LAST_AXIS_VALUE.search(text), d.evidence.get("got_shape")
    if m is None or not isinstance(shape, list) or len(shape) != 4 or int(m["axis"]) not in (-1, 3):
        return None
    got, want = shape[-1], int(m["want"])
    if got == want or got not in CHANNEL_KINDS or want not in CHANNEL_KINDS:
        return None
    return Cause(f"Send images with {_n(want, 'channel')}: {_channels(got, want)}",
                 f"The images have {_n(got, 'channel')} (shape {_shape_text(shape)}) and the model's first layer takes "
                 f"{want}: {CHANNEL_KINDS[got][0]} images where it was built for {CHANNEL_KINDS[want][0]}.",
                 specific=True)


_DIMS = lazy(r"to have (?P<n>\d+) dimensions")
_PER_EXAMPLE = lazy(r"to have shape \(")


@rule("input_shape_mismatch")
def shape_reading(text: str, d: "Diagnosis") -> Cause | None:
    """What differs between the shape sent and the shape wanted: image size, channels, a missing channel axis,
    flattened images, a feature count, a sequence length."""
    ev = d.evidence
    got, want = _py2_shape(ev.get("got_shape")), _py2_shape(ev.get("want_shape"))
    if "depth" in text and isinstance(ev.get("got"), int) and isinstance(ev.get("want"), int):
        g, w = ev["got"], ev["want"]
        if g > 4 and w in (1, 3, 4):  # no channel count: an image axis where the channels belong (4 of 4 texts)
            return Cause("Lay the images out as the model takes them, channels last (N, H, W, C): a channels-first "
                         "array (N, C, H, W, as PyTorch / torchvision and some readers give it) becomes "
                         "np.transpose(x, (0, 2, 3, 1)) (one image (C, H, W): np.transpose(img, (1, 2, 0))); if the "
                         "model itself is channels-first, transpose the other way",
                         f"The axis the convolution reads as channels holds {g} values where its filters take {w}: {g} "
                         "is no channel count but an image's height or width, so the image is laid out channels-first "
                         "(C, H, W) for a channels-last model (or the other way round).", specific=True)
        return Cause(f"Send images with {_n(w, 'channel')}: {_channels(g, w)}",
                     f"The images have {_n(g, 'channel')} and the model's first convolution takes {w}.", specific=True)
    if not isinstance(got, list) or not got:
        return None
    if (_PER_EXAMPLE.search(text) and isinstance(want, list) and len(want) == len(got) <= 3 and want[0] != -1
            and got[0] != -1):
        got, want = [-1, *got], [-1, *want]  # Keras 2's "to have shape (150, 150, 3)": shapes without the batch
    if isinstance(want, list) and len(want) == len(got):
        return _same_rank(got, want, text)
    if isinstance(want, list) and len(want) == 4 and len(got) == 2 and all(
            w < 0 or w == g for w, g in zip(want[1:3], got)):
        return Cause(f"Send it as a batch of images with their channels: x[None, ..., None] for one grayscale image"
                     f"{', then tf.image.grayscale_to_rgb for a 3-channel model' if want[3] == 3 else ''}, so it is "
                     f"(1, {got[0]}, {got[1]}, {want[3] if want[3] > 0 else 'C'})",
                     f"The array {tuple(got)} is one {got[0]}×{got[1]} image without its batch and channel axes, "
                     "where "
                     f"the model takes ({', '.join('None' if w < 0 else str(w) for w in want)}).", specific=True)
    rank = _DIMS.search(text)
    want_rank = int(rank.group("n")) if rank else (len(want) if isinstance(want, list) else None)
    known_rows = not isinstance(want, list) or all(w < 0 or w == g for w, g in zip(want[1:3], got[1:3]))
    if want_rank == 4 and len(got) == 3 and known_rows and got[0] != -1 and isinstance(want, list) and want[3] == 3:
        return Cause(f"Convert the grayscale images to RGB, so each is ({got[1]}, {got[2]}, 3): PIL img.convert('RGB') "
                     "when loading, or np.stack([x] * 3, axis=-1) (tf.image.grayscale_to_rgb(x[..., None])) on the "
                     "array; a channel axis of 1 alone (x[..., None]) still is not the 3 channels the model takes",
                     f"The array {tuple(got)} is grayscale images of {got[1]}×{got[2]} (no channel axis), where the "
                     f"model takes RGB images, {_shape_text(want)}.", specific=True)
    if want_rank == 4 and len(got) == 3 and known_rows and got[0] != -1:
        return Cause("Add the channel axis: x[..., None] (np.expand_dims(x, -1)) for grayscale images, so each "
                     f"image is ({got[1]}, {got[2]}, 1)",
                     f"The array {tuple(got)} has no channel axis: grayscale images of {got[1]}×{got[2]} without "
                     "their trailing channel, where the model takes (batch, height, width, channels).", specific=True)
    if want_rank == 4 and len(got) == 2:
        from .facts import count_reading

        images = count_reading(got[1] * 4, got[1]).get("requested_image") or _square(got[1])
        if not images:
            return None
        shape = f" ({images[0]}, {images[1]}, {images[2]})"
        return Cause(f"Send each image unflattened: x.reshape(-1, {', '.join(map(str, images))})",
                     f"Each row of {got[1]} values is a flattened image{shape}; the model takes (batch, height, "
                     "width, channels).", specific=True)
    return None


_AXIS_VALUE = lazy(r"Input \d+ of layer [\"']?(?P<layer>[\w.-]+)[\"']? is incompatible with the layer: "
                    r"expected axis -1 of "
                    r"input shape to have value (?P<want>\d+)")


@rule("input_shape_mismatch")
def dense_width(text: str, d: "Diagnosis") -> Cause | None:
    """A Dense layer built for N inputs got another width; behind a Flatten, N is the flattened feature map, which
    grows with the image size."""
    m = _AXIS_VALUE.search(text)
    if m is None or not re.search(r"dense", m.group("layer"), re.I):
        return None
    want = int(m.group("want"))
    got = d.evidence.get("got_shape")
    if isinstance(got, list) and len(got) != 2:
        return None  # (None, 28, 28) for 784: an unflattened example, the index entry's reading
    width = got[-1] if isinstance(got, list) and got and got[-1] > 0 else None
    if want < 1000:
        return None  # a small width is a feature count, not a flattened feature map
    ratio = f" ({width} values per example where it takes {want})" if width else ""
    return Cause("Send images of the size the model was trained on (sigcheck inspect MODEL shows the input shape): "
                 "behind a Flatten, the width a Dense layer takes is fixed by the training image size",
                 f"The Dense layer {m.group('layer')} was built for {want} inputs and got another width{ratio}: the "
                 "Flatten before it turns the feature map into a vector whose length grows with the image size, so "
                 "the images differ in size from the training ones (or the features in count).", specific=True)


_RANK_OP = lazy(r"(?:transpose expects a vector of size (?P<t_got>\d+)\. ?But input\(1\) is a vector of size "
                      r"(?P<t_want>\d+)|multiples argument to be a vector of length (?P<m_got>\d+) but got length "
                      r"(?P<m_want>\d+))")


@rule("input_shape_mismatch", "extra_batch_dimension", "missing_batch_dimension")
def rank_at_op(text: str, d: "Diagnosis") -> Cause | None:
    """Transpose and Tile say the rank of the tensor they got and the rank their permutation (multiples) was built
    for."""
    m = _RANK_OP.search(text)
    if m is None:
        return None
    got, want = int(m.group("t_got") or m.group("m_got")), int(m.group("t_want") or m.group("m_want"))
    op = "Transpose" if m.group("t_got") else "Tile"
    node = d.evidence.get("node")
    at = f" ({node})" if node else ""
    way = "more" if got > want else "fewer"
    return Cause(f"Send the input with the rank the signature declares (sigcheck inspect MODEL; sigcheck validate "
                 f"request.json --model MODEL shows the request's): the tensor had {_n(abs(got - want), 'level')} "
                 f"{way} than the graph was exported for",
                 f"A {op}{at} got a tensor of rank {got} where the graph built it for rank {want}: the input reaching "
                 f"it has {_n(abs(got - want), 'level')} {way} than the graph was exported for.", specific=True)


@rule("input_shape_mismatch")
def reshape_to_an_image(text: str, d: "Diagnosis") -> Cause | None:
    """A reshape whose target is an image (12288 = 64×64×3) got a count that is neither that image nor a multiple."""
    m = re.search(r"Input to reshape is a tensor with (?P<v>\d+) values, but the requested shape has (?P<r>\d+)", text)
    if m is None or d.variant is not None:
        return None
    values, requested = int(m.group("v")), int(m.group("r"))
    image = _square(requested)
    if not image or values % requested == 0:
        return None
    side = f"{image[0]}×{image[1]}×{image[2]}"
    return Cause(f"Resize each image to {side} before sending (the graph reshapes it to exactly {requested} values)",
                 f"A reshape wants {requested} values, a {side} image, and got {values}: the image was not resized to "
                 "the size the graph takes.", specific=True)


def _square(n: int) -> list[int] | None:
    import math

    for c in (3, 1, 4):
        side = math.isqrt(n // c) if n % c == 0 else 0
        if side and side * side * c == n:
            return [side, side, c]
    return None


def _channels_first(shape: list[int]) -> bool:
    """N, C, H, W: a channel count (1, 3, 4) second and a larger size last."""
    return shape[1] in (1, 3, 4) and shape[3] not in (-1, 1, 3, 4)


def _same_rank(got: list[int], want: list[int], text: str = "") -> Cause | None:
    def differs(g: int, w: int) -> bool:
        return w >= 0 and g >= 0 and g != w

    if len(got) == 4:
        if want[3] > 0 and got[3] != want[3] and got[1] == want[3] and got[3] not in (1, 3, 4):
            return Cause("Send the images channels-last, as the model takes them: x.transpose(0, 2, 3, 1) "
                         "(tf.transpose(x, [0, 2, 3, 1])), so each is (height, width, channels); when Keras's own "
                         "image loading made them channels-first, set image_data_format (Keras 1: image_dim_ordering "
                         "'tf') in ~/.keras/keras.json",
                         f"The images are laid out channels-first, {_shape_text(got)} as N, C, H, W, where the model "
                         f"takes channels-last {_shape_text(want)}, N, H, W, C.", specific=True)
        if _channels_first(want) and not _channels_first(got) and got[3] == want[1]:
            return Cause("Send the images channels-first, as the model takes them: x.transpose(0, 3, 1, 2) "
                         "(or build and run the model with Keras' image_data_format 'channels_last'), so each is "
                         "(channels, height, width)",
                         f"The images are laid out channels-last, {_shape_text(got)} as N, H, W, C, where the model "
                         f"takes channels-first {_shape_text(want)}, N, C, H, W.", specific=True)
        if _channels_first(want) and _channels_first(got):  # both N, C, H, W: compare them as the model reads them
            got, want = [got[0], got[2], got[3], got[1]], [want[0], want[2], want[3], want[1]]
        size = any(differs(g, w) for g, w in zip(got[1:3], want[1:3]))
        channels = differs(got[3], want[3])
        want_size = "×".join(str(w) for w in want[1:3]) if all(w > 0 for w in want[1:3]) else None
        steps, causes = [], []
        if size:
            causes.append(f"the images are {got[1]}×{got[2]} where the model takes {want_size or 'another size'}")
            steps.append(f"resize each image to {want_size or 'the model’s height and width'} (PIL "
                         f"img.resize(({want[2]}, {want[1]})) or tf.image.resize)" if want_size else
                         "resize each image to the model's height and width")
        if channels:
            causes.append(f"they have {got[3]} channels where it takes {want[3]}")
            steps.append(_channels(got[3], want[3]))
        if steps:
            return Cause(" and ".join(steps)[0].upper() + " and ".join(steps)[1:] + " before sending",
                         "The per-example shape differs from the model's: " + "; ".join(causes) + ".", specific=True)
        return None
    if len(got) == 2 and len(want) == 2 and want[1] > 1 and got[0] > 1 and got[1] > 1 and got[0] * got[1] == want[1]:
        # (28, 28) fed where (?, 784) is declared: one example, not flattened (its values are the model's row)
        return Cause(f"Flatten the example into one row of {want[1]} values and add the batch level: "
                     f"x.reshape(1, {want[1]}) for one, x.reshape(len(x), -1) for a batch of them (or give the model "
                     "a Flatten / Reshape layer first)",
                     f"The {got[0]}×{got[1]} values are one example not flattened: {got[0]} × {got[1]} = {want[1]}, "
                     f"the {want[1]} values per example the model takes.", specific=True)
    if len(got) == 2 and differs(got[1], want[1]):
        return Cause(f"Send {want[1]} features per example, built as in training (the same columns, one-hot widths "
                     "and vocabularies, in the same order)",
                     f"Each example has {got[1]} features where the model takes {want[1]}: the preprocessing at "
                     "prediction differs from the one the model was trained with.", specific=True)
    if len(got) == 3 and differs(got[2], want[2]) and want[1] < 0 and \
            not (got[0] >= 0 and want[0] >= 0 and got[0] != want[0]):
        return _last_axis(got[2], want[2], image=got[0] == got[1] or (got[0] >= 32 and got[1] >= 32
                                                                    and re.search(r"image|img|photo|pixel", text,
                                                                                  re.I) is not None))
    if len(got) == 3 and (differs(got[1], want[1]) or differs(got[2], want[2])):
        g = "×".join(str(x) for x in got[1:])
        w = "×".join("?" if x < 0 else str(x) for x in want[1:])
        return Cause(f"Give each example the model's shape {w} (resize a 2-D image, pad or cut a sequence) before "
                     "sending", f"Each example is {g} where the model takes {w}.", specific=True)
    return None


def _last_axis(g: int, w: int, *, image: bool) -> Cause:
    """Only the last axis differs and the others fit (or are unknown): an image's channels or a row's features. For
    images (square, or named so), 8 for 6 is two images of 4 channels (RGBA) stacked where the model takes two RGB
    ones."""
    from .facts import CHANNEL_KINDS

    if image and g % 4 == 0 and w % 3 == 0 and g // 4 == w // 3 > 1:
        k = w // 3
        return Cause(f"Drop the alpha channel of each image before stacking them (PIL img.convert('RGB'), or x[..., :3] "
                     f"per image), so the {k} images give {w} channels: the model takes {k} RGB images",
                     f"The last axis has {g} values where the model takes {w}: {k} images of 4 channels (RGBA, with "
                     f"alpha) stacked, where it takes {k} images of 3 (RGB).", specific=True)
    if image and g in CHANNEL_KINDS and w in CHANNEL_KINDS:
        return Cause(f"{_channels(g, w)[0].upper()}{_channels(g, w)[1:]} before sending",
                     f"The images have {_n(g, 'channel')} where the model takes {w} (the last axis; the other sizes "
                     "fit).", specific=True)
    return Cause(f"Give the last axis the model's {w} values (the channels of an image, or the features of each row / "
                 f"time step, built as in training): it has {g}",
                 f"The last axis has {g} values where the model takes {w}; the other sizes fit: the channels or "
                 "features per step differ from the model's.", specific=True)


_CEILING = lazy(r"memory ceiling of (?P<limit>[\d.]+ ?[KMG]i?B) while loading the model")


@rule("model_too_large")
def memory_ceiling(text: str, d: "Diagnosis") -> Cause | None:
    m = _CEILING.search(text)
    if m is None:
        return None
    return Cause(f"Raise sigcheck predict's --memory-limit above {m.group('limit')} (TensorFlow's import and this "
                 "model's load need more), and give the serving machine at least that much memory",
                 f"The model process hit the memory ceiling of {m.group('limit')} while loading the model.",
                 specific=True)


_OOM_WEIGHT = lazy(r"OOM when allocating tensor with shape[^\n]{0,400}?\[Op:(?:Stateless)?(?:Random\w{0,20}|"
                   r"TruncatedNormal\w{0,4})\]|keras/src/initializers/|keras/initializers/|\badd_weight\b|"
                   r"ops/init_ops|_initialize\(")
"""Where the tensor that did not fit was being made: a weight's initializer (a random op, Keras' initializers,
add_weight) while the model is built or loaded."""


@rule("model_too_large")
def oom_building_weights(text: str, d: "Diagnosis") -> Cause | None:
    """TensorFlow's OOM raised by a weight's initializer (StatelessRandomUniform, Keras' initializers): the tensor is
    one of the model's own weights, made while the model is built or loaded -- its leading dimension is no batch (an
    embedding's vocabulary, a Dense layer's inputs), and smaller requests do not help."""
    if "OOM when allocating" not in text or not _OOM_WEIGHT.search(f"{text}\n{d.upstream or ''}"):
        return None  # (the frames are in the text as pasted: normalize leaves them out)
    from .evidence import format_shape
    from .facts import derive

    shape, size = d.evidence.get("alloc_shape"), derive(d.evidence).get("alloc_size")
    what = f"one weight of {format_shape(shape)}" if isinstance(shape, list) else "one of its weights"
    what += f" ({size})" if size else ""
    return Cause("Make that layer smaller -- an Embedding's input_dim is its vocabulary (hash or look the ids up into "
                 "fewer rows: keras.layers.Hashing / IntegerLookup), a Dense layer's weight is inputs x units -- or "
                 "give the process more memory (a larger machine type, a higher container or ulimit memory limit)",
                 f"The model ran out of memory making its own weights while it was built or loaded: {what} did not "
                 "fit. Its leading dimension is the layer's size, not a request batch.", specific=True,
                 contradicts=("smaller batches", "fewer instances"))


_ALLOCATION = lazy(r"Allocation of (?P<n>\d+) exceeds 10% of (?:free )?system memory")


@rule("model_too_large")
def large_allocations(text: str, d: "Diagnosis") -> Cause | None:
    """cpu_allocator_impl.cc warns when one allocation is over a tenth of the free memory: alone it is a warning, and
    several of them are the run heading out of memory."""
    m = _ALLOCATION.search(text)
    if m is None:
        return None
    from .facts import size_text

    size = size_text(int(m.group("n")))
    return Cause(f"Send fewer or smaller instances per request (each allocation here is {size}), or serve on a machine "
                 "with more memory; if the process then dies, it ran out of memory",
                 f"The model asks for single tensors of {size}, each over a tenth of the free memory: the request "
                 "(batch size, image size) or the model needs more memory than the machine has free.", specific=True)


@rule("base64_encoding")
def graph_decode_base64(text: str, d: "Diagnosis") -> Cause | None:
    """tf.io.decode_base64 (DecodeBase64, base64_ops.cc) reads web-safe base64 ('-' and '_'); standard base64 ('+',
    '/') has characters it refuses."""
    if "Invalid character found in base64" not in text and not re.search(r"DecodeBase64|base64_ops", text):
        return None
    return Cause("Encode with base64.urlsafe_b64encode for the graph's tf.io.decode_base64 (web-safe alphabet, '-' "
                 "and '_'), or drop decode_base64 from the graph and send {\"b64\": standard base64} so TF Serving "
                 "decodes it", "The graph decodes base64 itself with tf.io.decode_base64, which reads the web-safe "
                 "alphabet ('-' and '_'); the value has standard base64's '+' or '/' (or a data: prefix).",
                 specific=True)


_TFJS_DTYPE = lazy(r"The dtype of (?:dict\[['\"](?P<name>[^'\"\]]{1,200})['\"]\]|(?P<what>[\w ]{1,60})) provided in "
                    r"model\.(?P<call>execute|executeAsync|predict)\((?:dict|\w+)\) must be (?P<want>\w+), but was "
                    r"(?P<got>\w+)")
_TFJS_CAST = {"int32": "x.toInt() (tf.cast(x, 'int32'))", "float32": "x.toFloat() (tf.cast(x, 'float32'))",
              "bool": "x.toBool() (tf.cast(x, 'bool'))"}


_FUNC_DTYPE = lazy(r"as input #\d{1,4}\(zero-based\) was expected to be an? (?P<want>\w{1,20}) tensor but is an? "
                   r"(?P<got>\w{1,20}) tensor")
_STRING_SPEC_GOT_NUMBERS = lazy(r"Unsupported object type (?P<got>int|float)\b[^\n]{0,2000}?dtype=tf\.string\b")


_PROTO_VALUE = lazy(r"Expected (?P<want>u?int\d{1,2}|float\d{2}|double|half|bool), but got (?P<value>[^\n']{1,40}?) of "
                    r"type '(?P<type>\w{1,20})'")
_EXAMPLE_DTYPE = lazy(r"Key: (?P<key>[\w./-]{1,120}), Index: \d{1,9}\.\s+Data types don't match\. Data type: "
                      r"(?P<got>\w{1,20}) but expected type: (?P<want>\w{1,20})")
_EXAMPLE_LISTS = {"float": "float_list=tf.train.FloatList", "int64": "int64_list=tf.train.Int64List",
                  "string": "bytes_list=tf.train.BytesList"}


@rule("dtype_mismatch")
def value_of_another_dtype(text: str, d: "Diagnosis") -> Cause | None:
    """Three places a value's type is named with the one taken: a uint8 input given fractions between 0 and 1 (pixels
    already scaled by /255), tf.make_tensor_proto given a value of another type than its dtype=, and ParseExample
    reading a feature written into another list of the tf.Example than its spec."""
    value, want = d.evidence.get("json_value"), str(d.evidence.get("expected_dtype") or "")
    try:
        fraction = 0 < float(value) < 1  # (the evidence may hold the number as its text)
    except (TypeError, ValueError):
        fraction = False
    if want == "uint8" and fraction:
        return Cause("Send the pixels as whole numbers 0-255 (the image before it was divided by 255): the model takes "
                     "uint8 and scales them itself; rounding the 0-1 values would send a black image",
                     f"The input takes uint8 pixels and the request sends {value}: values already scaled to 0-1.",
                     specific=True)
    m = _EXAMPLE_DTYPE.search(text)
    if m is not None:
        key, got, want = m.group("key"), m.group("got"), m.group("want")
        lst = _EXAMPLE_LISTS.get(want)
        if lst:
            return Cause(f"Write feature {key} into the tf.Example as {want}: tf.train.Feature({lst}(value=[...])), "
                         f"not {_EXAMPLE_LISTS.get(got, got).split('=')[0]} — the export's parsing spec declares it "
                         f"{want}",
                         f"The tf.Example holds {key} as {got} where the signature's parsing spec reads {want}.",
                         specific=True)
    m = _PROTO_VALUE.search(text)
    if m is not None and m.group("type") in ("float", "int", "str", "bool", "bytes"):
        from .kinds import dtype_name

        want = dtype_name(m.group("want"))
        return Cause(f"Give the tensor values of its dtype: np.asarray(x).astype(np.{want}) before tf.make_tensor_proto("
                     f"…, dtype=tf.{want}) / tf.constant — or, if {m.group('value')} is meant, the dtype= the "
                     "signature's input really has (sigcheck inspect MODEL)",
                     f"A tensor of {want} was built from {m.group('value')} ({m.group('type')}), a value of another "
                     "type (tf.make_tensor_proto / tf.constant do not convert it).", specific=True)
    return None


@rule("bytes_sent_to_numeric_input")
def text_into_a_number_tensor(text: str, d: "Diagnosis") -> Cause | None:
    """tf.make_tensor_proto / tf.constant given a str for a numeric dtype (index's ``encoded_value`` decider): text
    where the input takes numbers -- numbers kept as text (a CSV, a form) or words a tokenizer should have turned
    into ids; an encoded image's bytes have their own reading (the entry that names them)."""
    m = _PROTO_VALUE.search(text)
    if m is None or m.group("type") not in ("str", "bytes") or d.evidence.get("encoded"):
        return None
    from .kinds import dtype_name

    want, value = dtype_name(m.group("want")), m.group("value")
    return Cause(f"Send {want} values: numbers kept as text parsed first (np.asarray(x, dtype=np.{want}) before "
                 f"tf.make_tensor_proto(…, dtype=tf.{want})); words turned into the ids the model takes, with the "
                 "tokenizer / vocabulary it was trained with -- or export a signature with a string input that "
                 "tokenizes in the graph and send the text with dtype=tf.string",
                 f"A tensor of {want} was built from {value} ({m.group('type')}): text where the input takes "
                 "numbers (tf.make_tensor_proto / tf.constant do not parse or tokenize it).", specific=True)


_DATE_OBJECT = lazy(r"Unsupported object type (?P<type>Timestamp|datetime|date|Timedelta|NaTType|Period)\b")


@rule("dtype_mismatch")
def date_column(text: str, d: "Diagnosis") -> Cause | None:
    """pandas / datetime values in the array given to a model (``Unsupported object type Timestamp``): a model takes
    numbers, and a date becomes the numbers the training made of it."""
    m = _DATE_OBJECT.search(text)
    if m is None:
        return None
    return Cause("Turn the date column into the numbers the model was trained on before building the array — the "
                 "same features as in training (e.g. df['d'].dt.dayofweek, .dt.month, or seconds since the epoch: "
                 "df['d'].astype('int64') // 10**9) — or drop it if the model never took it",
                 f"A {m.group('type')} (a date or time value) is in the data: TensorFlow makes tensors of numbers and "
                 "strings, not of date objects.", specific=True)


@rule("dtype_mismatch")
def python_call_dtype(text: str, d: "Diagnosis") -> Cause | None:
    """A restored function (a signature) called from Python with a tensor of another dtype (``cannot compute … as
    input #0(zero-based) was expected to be a float tensor but is a double tensor``): NumPy's float64 default most
    often; the fix is a cast in Python, not a request body.  And numbers given to a signature whose TensorSpec is
    tf.string (a StringLookup inside the model): the category strings, not codes."""
    if _from_a_request(text):
        return None
    strings = _STRING_SPEC_GOT_NUMBERS.search(text)
    if strings is not None:
        return Cause("The input takes strings (its TensorSpec is tf.string: a StringLookup / feature column inside the "
                     "model maps them): pass the values as trained, e.g. np.array([['red'], ['blue']]) or "
                     "tf.constant([['red']]), not their integer codes or numbers",
                     f"Python {strings.group('got')} values were given to an input whose dtype is tf.string.",
                     specific=True)
    m = _FUNC_DTYPE.search(text)
    if m is None:
        return None
    from .calls import cast_step
    from .kinds import dtype_name

    want = dtype_name(m.group("want"))
    got = dtype_name(m.group("got"))
    if want == "string" and got not in ("float32", "float64", "float16", "uint8"):
        return None  # a number where strings go (a category code): the general step's tf.strings.as_string
    if want == "string":
        return Cause("The input takes strings: pass what the model's graph reads from them — the encoded image file's "
                     "bytes (tf.constant([open(path, 'rb').read()])) for an image signature that decodes, serialized "
                     "tf.Example protos for an 'examples' input, the text itself for a text model — not decoded "
                     f"{got} values (sigcheck inspect MODEL shows the input)",
                     f"A {got} tensor was given to a function input that takes strings.", specific=True)
    if got == "string":
        step = cast_step(got, want)
    else:
        step = (f"Cast the input to {want} before the call: x.astype(np.{want}) for a NumPy array, or "
                f"tf.constant(x, dtype=tf.{want}) / tf.cast(x, tf.{want}) for a tensor")
        if got == "float64" and want == "float32":
            step += " — NumPy makes float64 by default"
    return Cause(step, f"A {got} tensor was given to a function input that takes {want}: a restored function (a "
                       "signature) casts nothing.", specific=True, contradicts=("JSON",))


_LOCATE_CLASS = lazy(r"Could not locate (?:class|function) '(?P<name>[\w>.]{1,120})'")
_PARENT_MODULE = lazy(r"Could not deserialize class '(?P<name>\w{1,120})' because its parent module "
                      r"(?P<package>[A-Za-z_]\w{0,60})\.[\w.]{1,200} cannot be imported")


@rule("runtime_version_mismatch")
def package_layer(text: str, d: "Diagnosis") -> Cause | None:
    """Keras cannot locate a class whose saved config names an installed package's module (keras_hub, keras_nlp,
    autokeras, keras_cv ...): that package, at a version with the class, is what the loading side lacks."""
    from .index import KERAS_ADDONS, package_class

    parent = _PARENT_MODULE.search(text)  # Keras 3 found the module's name but could not import it
    if parent is not None and parent.group("package") in KERAS_ADDONS:
        package, cls = parent.group("package"), parent.group("name")
    else:
        m = _LOCATE_CLASS.search(text)
        package = package_class(m.group("name"), text) if m else None
        if m is None or package is None:
            return None
        cls = m.group("name").rsplit(">", 1)[-1]
    pip = package.replace("_", "-")
    return Cause(f"Install {package} where the model is loaded (pip install {pip}, the version the model was saved "
                 f"with or a newer one that has {cls}) and import {package} before keras.models.load_model, which "
                 f"registers its layers; or export a SavedModel where it loads (model.export(dir)), which needs no "
                 f"{package} to serve",
                 f"The model uses {cls} of the {package} package (its saved config names {package}'s module), and "
                 f"the Keras loading it has no such class registered: {package} is not installed or not imported "
                 "there, or its version lacks the class.", specific=True)


@rule("dtype_mismatch")
def tfjs_dtype(text: str, d: "Diagnosis") -> Cause | None:
    """tfjs-converter's graph executor checks each input tensor's dtype against the model's (graph_executor.ts:
    "The dtype of dict['x'] provided in model.execute(dict) must be int32, but was float32"); no cast happens."""
    m = _TFJS_DTYPE.search(text)
    if m is None:
        return None
    name = m.group("name") or m.group("what").strip()
    want, got, call = m.group("want"), m.group("got"), m.group("call")
    cast = _TFJS_CAST.get(want, f"tf.cast(x, '{want}')")
    return Cause(f"Cast the tensor to {want} before model.{call}: {cast} — an image from tf.browser.fromPixels is "
                 f"int32 already, so drop the division or normalisation that made it {got} if the model takes raw "
                 "pixels",
                 f"TensorFlow.js's graph model takes {name} as {want} and got a {got} tensor: model.{call} casts "
                 "nothing.", specific=True)


_STRING_TO_OP = lazy(r"Value passed to parameter '(?P<param>[^']{1,80})' has DataType string not in list of allowed "
                      r"values: ?(?P<allowed>(?:\w+, ?){0,20}\w+)")


@rule("bytes_sent_to_numeric_input")
def strings_to_op(text: str, d: "Diagnosis") -> Cause | None:
    """op_def_library's dtype check on an op's parameter: a string tensor reached an op that takes numbers only.
    An integer parameter (``indices`` of a Gather / embedding lookup, ``ids``) takes token or category ids: the
    strings are text that was never turned into ids; a float one takes features or pixels."""
    m = _STRING_TO_OP.search(text)
    if m is None:
        return None
    param, allowed = m.group("param"), m.group("allowed")
    if re.fullmatch(r"(?:u?int\d*, ?)*u?int\d*", allowed):
        return Cause(f"Turn the text into ids before calling the model (the tokenizer / StringLookup / vocabulary "
                     f"the model was trained with, or the library's own predict that tokenizes), or export a model "
                     f"that takes strings and tokenizes in its graph",
                     f"Strings reached the op's parameter {param}, which takes integer ids only ({allowed}): raw "
                     f"text was given to a model whose input is token or category ids.", specific=True)
    return Cause(f"Give the model numbers ({allowed}): decode images and parse numeric text before calling it, or "
                 "export a model whose input is a string and that decodes it in its graph",
                 f"Strings reached the op's parameter {param}, which takes numbers only ({allowed}).", specific=True)


_KERAS_GOT_STRINGS = lazy(r"Arguments received by [\w.]{1,80}\.call\(\):\s*[•*-]?\s*inputs=tf\.Tensor\(shape="
                          r"(?P<shape>\([^)]{0,80}\)), dtype=string\)")
"""Keras 3's list of a layer's arguments: one string tensor was given as the model's input."""
_KERAS_NUMERIC_INPUT = lazy(r"(?:for input|Input \d+ of layer [^\n]{0,80}?) ?(?:<KerasTensor|Tensor\()[^\n]{0,200}?dtype="
                            r"(?P<dtype>(?:float|int|uint|bfloat|half|double)\w{0,3})")
"""The model's own input, as the same message names it, is numeric."""


def keras_strings_for_numbers(text: str) -> "tuple[re.Match[str], re.Match[str]] | None":
    """Keras says it was given one string tensor where the model's input, as its message names it, is numeric: what
    it was given and the input, or None."""
    got = _KERAS_GOT_STRINGS.search(text)
    want = _KERAS_NUMERIC_INPUT.search(text) if got is not None else None
    return (got, want) if got is not None and want is not None else None


@rule("bytes_sent_to_numeric_input")
def keras_strings(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 3's shape message over a call whose arguments it lists: the shape it complains of is the strings' own
    (one serialized tf.Example, one line of text or CSV per example), not a shape to fix."""
    found = keras_strings_for_numbers(text)
    if found is None:
        return None
    got, want = found
    return Cause("Turn the strings into the numbers the model takes before calling it: serialized tf.Examples with "
                 "tf.io.parse_example(batch, feature_spec) and the features stacked in the model's order, numeric "
                 "text with tf.strings.to_number / a CSV with header and column types read by pandas or "
                 "tf.data.experimental.make_csv_dataset; or export a signature that takes the strings and parses "
                 "them in its graph",
                 f"Keras was given a string tensor of shape {got.group('shape')} (serialized tf.Examples, text or raw "
                 f"lines) where the model's input is {want.group('dtype')}: the shape it complains of is the "
                 "strings' own, one string per example, not the features'.", specific=True,
                 contradicts=("reshape", "Reshape"))


_NUMBER_STRINGS = lazy(r"Cannot convert \[{0,8}(?P<value>'[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?')[^\n]{0,4000}? to "
                       r"EagerTensor of dtype (?P<dtype>\w+)", re.I)


@rule("bytes_sent_to_numeric_input")
def number_strings(text: str, d: "Diagnosis") -> Cause | None:
    """pywrap_tensor's ``Cannot convert %s to EagerTensor of dtype %s`` over a Python list of strings that are
    numbers ('1.5'): values read as text (a CSV or DataFrame of object dtype, JSON numbers in quotes) -- TensorFlow
    converts no string to a number."""
    m = _NUMBER_STRINGS.search(text)
    if m is None:
        return None
    from .kinds import dtype_name

    dtype = dtype_name(m.group("dtype"))
    return Cause(f"Convert the values to numbers before building the tensor: np.asarray(x, dtype='{dtype}') or "
                 f"df.astype('{dtype}') (pd.to_numeric(col, errors='coerce') shows the values that are no "
                 "number); in a JSON body send numbers, not strings",
                 f"The values are numbers written as strings ({m.group('value')} …): read as text (a CSV or a "
                 "DataFrame of object dtype, JSON numbers in quotes), and TensorFlow converts no string to a number.",
                 specific=True)


_WORDS_TO_NUMBER = lazy(r"(?:could not convert string to float|invalid literal for int\(\) with base 10): "
                        r"(?P<q>['\"])(?P<value>[^'\"\n]{0,200}?[A-Za-z]{2,}[^'\"\n]{0,200}? [^'\"\n]{0,200}?)(?P=q)")
"""Python's float() / int() given words (a sentence, a label with a space): text where the input takes numbers."""


@rule("bytes_sent_to_numeric_input")
def words_to_number(text: str, d: "Diagnosis") -> Cause | None:
    """Python's float() / int() of a value that is words (``invalid literal for int() with base 10: 'the delivery was
    late'``): raw text reached an input that takes numbers -- token ids a tokenizer makes, or numeric features -- not
    an image's bytes."""
    m = _WORDS_TO_NUMBER.search(text)
    if m is None:
        return None
    value = m.group("value")
    shown = value if len(value) <= 60 else value[:57] + "..."
    return Cause("Send what the input takes: token ids made by the tokenizer / vocabulary the model was trained with "
                 "(the same padding and length), or the numeric features; or export a model that takes the text "
                 "and tokenizes it in its graph (TextVectorization inside the model)",
                 f"The value '{shown}' is text, and the input takes numbers: raw text was sent where the model's input "
                 "is token ids or numeric features.", specific=True)


_TFLITE_BYTES = lazy(r"Cannot (?:copy to a TensorFlowLite tensor \((?P<input>[^)\n]{0,200})\) with (?P<want>\d{1,12}) "
                      r"bytes from|convert between a TensorFlowLite buffer with (?P<want2>\d{1,12}) bytes and) a "
                      r"(?:Java Buffer|ByteBuffer) with (?P<got>\d{1,12}) bytes"
                      r"|Provided data count (?P<got2>\d{1,12}) must match the required count (?P<want3>\d{1,12})"
                      r"|invalidTensorDataCount\(provided: ?(?P<got3>\d{1,12}), ?required: ?(?P<want4>\d{1,12})\)"
                      r"|expects data size \((?P<want5>\d{1,12})\), but got \((?P<got4>\d{1,12})\)"
                      r"|The size of byte buffer and the shape do not match\. ?Expected: (?P<want6>\d{1,12}) Actual: "
                      r"(?P<got5>\d{1,12})"
                      r"|Input Buffer size \((?P<got6>\d{1,12})\) does not match the Input Tensor's expected size "
                      r"\((?P<want7>\d{1,12})\)"
                      r"|required_bytes ?!= ?bytes \((?P<want8>\d{1,12}) ?!= ?(?P<got7>\d{1,12})"
                      # Triton's server, backends and TensorRT Inference Server's client
                      r"|input byte size mismatch for input '[^'\n]{1,200}' for model '[^'\n]{1,200}'\. ?Expected "
                      r"(?P<want9>\d{1,15}), got (?P<got8>\d{1,15})"
                      r"|unexpected total byte size (?P<got9>\d{1,15}) for input '[^'\n]{1,200}', expecting "
                      r"(?P<want10>\d{1,15})"
                      r"|invalid size (?P<got10>\d{1,15}) bytes for input '[^'\n]{1,200}', expects (?P<want11>\d{1,15}) "
                      r"bytes")
"""TFLite's byte-count checks: Java's TensorImpl, Swift's Interpreter, Objective-C's TFLInterpreter, TFLite Support's
TensorBuffer, react-native-fast-tflite, and the core's own check of older releases (lite/core/subgraph.cc
``required_bytes != bytes (R != B)``, what pycoral and tflite_runtime's set_tensor print)."""


def value_widths(want: int, got: int) -> tuple[int, int] | None:
    """(bytes a value in the tensor, in the data) when the tensor's byte count ``want`` and the data's ``got`` are the
    same values in types of other widths: a ratio of 4 (4-byte float32 against 1-byte quantized values) or 2 (8-byte
    float64 / int64 against 4-byte float32 / int32); None for any other pair (another size or channel count)."""
    widths = {(4, 1): want == 4 * got, (1, 4): got == 4 * want, (4, 8): got == 2 * want, (8, 4): want == 2 * got}
    return next((w for w, hit in widths.items() if hit and want > 0), None)


@rule("dtype_mismatch")
def tflite_bytes(text: str, d: "Diagnosis") -> Cause | None:
    """TFLite's byte-count checks with a ratio of 4 (4-byte float32 values against 1-byte quantized ones) or 2 (8-byte
    float64 / int64 values against 4-byte float32 / int32 ones, or the reverse)."""
    m = _TFLITE_BYTES.search(text)
    if m is None:
        return None
    found = {k: int(v) for k, v in m.groupdict().items() if v and k != "input"}
    want = next(v for k, v in found.items() if k.startswith("want"))
    got = next(v for k, v in found.items() if k.startswith("got"))
    java = "want" in found or "want2" in found or "want6" in found
    fill = (f"fill a ByteBuffer.allocateDirect({want}) with putFloat(pixel / 255f or the model's own normalisation)"
            if java else f"give it {want} bytes of Float32 values (pixel / 255 or the model's own normalisation)")
    widths = value_widths(want, got)
    if widths == (4, 1):
        return Cause(f"The model's input is float32 (4 bytes a value): {fill} instead of one byte a value — or use "
                     "the quantized (uint8) export the app was written for; if the model is uint8 after all, the "
                     "image is half the height and width the model takes",
                     f"The input tensor holds {want} bytes and the buffer {got}: a quarter. A float32 model (4 bytes a "
                     "value) was given a buffer built for a quantized uint8 model (1 byte a value).", specific=True)
    if widths == (1, 4):
        one = (f"fill a ByteBuffer.allocateDirect({want}) with put((byte) pixel) instead of putFloat" if java else
               f"give it {want} bytes, one UInt8 a value, instead of Float32 values")
        return Cause(f"The model's input is quantized (1 byte a value, uint8 or int8): {one} — or use the "
                     "float export the app was written for",
                     f"The input tensor holds {want} bytes and the buffer {got}: four times as many. A quantized model "
                     "(1 byte a value) was given a buffer of float32 values (4 bytes each).", specific=True)
    if widths == (4, 8):
        return Cause("Give the input values of its own type, 4 bytes each: np.asarray(x, dtype=np.float32) (numpy "
                     "makes float64 by default) or int32 for an int32 input (Float / Int32 in Swift, float in Java, not "
                     "Double / Int / double); if the types already match, the data holds twice the values the input "
                     "takes (two examples, or stereo audio for a mono input)",
                     f"The input tensor holds {want} bytes and the data {got}: twice as many. 8-byte values (float64, "
                     "numpy's default, or int64) were given to an input of 4-byte ones (float32 or int32).",
                     specific=True)
    if widths == (8, 4):
        return Cause("Give the input values of its own type, 8 bytes each: int64 token ids or features "
                     "(np.int64; Int64 in Swift, long in Java) or float64, as get_input_details()[i]['dtype'] says; "
                     "if the types already match, the data holds half the values the input takes",
                     f"The input tensor holds {want} bytes and the data {got}: half. 4-byte values (int32 or "
                     "float32) were given to an input of 8-byte ones (int64 or float64).", specific=True)
    return None


_TFLITE_STRING = lazy(r"Cannot convert between a TensorFlowLite tensor with type STRING and a Java object of type "
                       r"(?P<java>[^\s(]{1,200}) \(which is compatible with the TensorFlowLite type (?P<got>\w{1,20})\)")


@rule("encoded_image_string_mismatch")
def tflite_string_input(text: str, d: "Diagnosis") -> Cause | None:
    m = _TFLITE_STRING.search(text)
    if m is None:
        return None
    return Cause("Give this model the encoded image (the JPEG/PNG file's bytes) as its string input, or export the "
                 "model again with a float image input (an export option of the tool that made it: a TFLite model "
                 "whose input is the decoded pixels) and keep feeding arrays",
                 f"The model's input tensor is STRING (an encoded image the model decodes itself) and the app gave "
                 f"it a {m.group('got')} array ({m.group('java')}): decoded values where encoded bytes are expected.",
                 specific=True)


INT_RANGES = {"int8": 2 ** 7 - 1, "int16": 2 ** 15 - 1, "int32": 2 ** 31 - 1, "int64": 2 ** 63 - 1, "uint8": 2 ** 8 - 1,
              "uint16": 2 ** 16 - 1, "uint32": 2 ** 32 - 1, "uint64": 2 ** 64 - 1}


@rule("dtype_mismatch")
def integer_out_of_range(text: str, d: "Diagnosis") -> Cause | None:
    dtype, value = str(d.evidence.get("expected_dtype") or ""), d.evidence.get("json_value")
    limit = INT_RANGES.get(dtype)
    try:
        number = float(str(value))
    except ValueError:
        return None
    if limit is None or abs(number) <= limit:
        return None
    name = d.evidence.get("input")
    what = f"input {name}" if name else "the input"
    return Cause(f"Send values within {dtype}'s range (at most {limit}) for {what}, or re-export it as a wider "
                 "type (int64, or float for values this large)",
                 f"{value} is beyond the range of {dtype} (at most {limit}), the dtype of {what}: TF Serving cannot "
                 "store it, whatever its form.", specific=True)


# ------------------------------------------------------------------------------------------------ image bytes

MAGIC: tuple[tuple["Lazy", str, str], ...] = (
    (lazy(r"^'?(?:255216255|137807871|717370)"), "decimal digits (the text of a byte array: 255 216 255 is "
     "JPEG's FF D8 FF)", "Send the file's raw bytes (base64 of them in {\"b64\": …}), not the string of a byte "
     "array (str(list(data)), a numeric array's text)"),
    (lazy(r"^'?BM"), "a BMP file (it starts with BM)", "Convert the images to JPEG or PNG before sending, or "
     "decode them in the model with tf.io.decode_image (BMP) instead of decode_jpeg/decode_png"),
    (lazy(r"^'?(?:/9j/|iVBOR|R0lGOD)"), "base64 text of a JPEG/PNG/GIF, not the image's bytes (encoded twice, "
     "or sent without the {\"b64\": …} wrapper)", "Send {\"b64\": base64.b64encode(raw_bytes).decode()} once: TF "
     "Serving decodes the b64 wrapper; a plain string or a second encoding reaches the decode op as text"),
    (lazy(r"^'?RIFF"), "a WebP file (RIFF)", "Convert the images to JPEG or PNG before sending (this decode op "
     "does not read WebP)"),
    (lazy(r"^'?(?:II\*|MM\\?0?\*)"), "a TIFF file", "Convert the images to JPEG or PNG before sending"),
)


_FEED_SHAPES = lazy(r"Cannot feed value of shape (?P<got>\([^)]{0,80}\)) for Tensor [ub]?'?"
                     r"(?P<name>[^',\s]{1,200})'?, "
                     r"which has shape '?(?P<want>\([^)]{0,80}\))")
_TENSOR_SIZE = lazy(r"key: (?P<name>[\w./-]+) of 'instances' list\. Error: [\w ]{0,30}: ?"
                     r"Expecting tensor size: (?P<want>\d+) "
                     r"but got: (?P<got>\d+)")


@rule("ragged_instances", "input_shape_mismatch")
def ragged_input(text: str, d: "Diagnosis") -> Cause | None:
    m = _TENSOR_SIZE.search(text)
    if m is None:
        return None
    name, want, got = m.group("name"), m.group("want"), m.group("got")
    return Cause(f"Give {name} the same length in every instance ({want} values, as in the first; this one has {got}): "
                 "pad or cut on the client, or send one instance per request",
                 f"The instances' {name} values have different lengths ({want} in the first, {got} in a later one), "
                 "so they cannot be stacked into one tensor.", specific=True)


@rule("json_parse_error")
def utf8_bom(text: str, d: "Diagnosis") -> Cause | None:
    """Python's json decoder refusing a byte-order mark (json/__init__.py loads: ``Unexpected UTF-8 BOM (decode using
    utf-8-sig)``): the file was saved with a BOM (Notepad, PowerShell's Out-File, Excel), and the JSON itself may be
    fine -- no encoder writes it wrong."""
    if "Unexpected UTF-8 BOM" not in text:
        return None
    return Cause("Read the file with encoding='utf-8-sig' (open(path, encoding='utf-8-sig') before json.load; "
                 "requests' r.content.decode('utf-8-sig')), or save it as UTF-8 without a BOM once (a Windows editor's "
                 "'UTF-8' rather than 'UTF-8 with BOM'; PowerShell: Out-File -Encoding utf8NoBOM)",
                 "The JSON starts with a UTF-8 byte-order mark (EF BB BF), which Python's json refuses in a str: the "
                 "file was saved with a BOM (Notepad, PowerShell, Excel); its JSON may be fine.", specific=True,
                 contradicts=("real JSON encoder", "string formatting"))


_LINE_START = lazy(r"JSONDecodeError: Expecting value: line (?P<line>\d{1,9}) column 1 \(char (?P<char>\d{1,12})\)")


_ONE_TEXT = lazy(r"Unrecognized data type: x=(?P<text>[^\n]{0,2000}?) \(of type <class 'str'>\)")


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[:n] + "…"


@rule("missing_batch_dimension")
def one_text_to_predict(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 3's predict given one str (index's ``data_rows`` decider): a single text where it takes a batch of them."""
    m = _ONE_TEXT.search(text)
    if m is None:
        return None
    return Cause("Pass a batch of texts, even for one: model.predict(tf.constant([text])) -- or [[text]] for an input "
                 "declared (None, 1) -- and over REST {\"instances\": [text]}",
                 f"Keras' predict got one str ({_clip(m['text'].strip(), 60)!r}), a single text: it takes a batch of "
                 "them, a list or tensor of texts.", specific=True)


_EMPTY_INPUT = lazy(r"Cannot convert the argument [`']type_value[`']: 0 to a TensorFlow DType")


@rule("input_keys_mismatch")
def server_read_a_missing_input(text: str, d: "Diagnosis") -> Cause | None:
    """A model server's code read request.inputs['KEY'] under a key the request lacks (index's ``dtype_invalid``
    decider): protobuf's map gave an empty TensorProto, dtype 0, which tf.make_ndarray cannot read."""
    if not _EMPTY_INPUT.search(text):
        return None
    return Cause("Put each input in request.inputs under the name the server's signature reads "
                 "(request.inputs['NAME'].CopyFrom(tf.make_tensor_proto(x)); saved_model_cli show --dir DIR --all "
                 "lists the names): the name the request used is not the one the server looks up",
                 "The server read an input the request does not have: protobuf's map gives an empty TensorProto "
                 "(dtype 0, DT_INVALID) for a missing key, and tf.make_ndarray cannot convert it.", specific=True,
                 contradicts=("Read the output under a name",))


_STRUCTURE = lazy(r"The structure of [`']inputs[`'] doesn.t match the expected structure\.?\s*Expected: "
                  r"(?P<expected>[^\n]{1,300}?)\s*Received: inputs=(?P<received>[^\n]{1,300}?)(?:\s*Arguments|\x1b|$)")


@rule("input_keys_mismatch")
def keras_inputs_structure(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 3's Functional refusing inputs of another structure than its Inputs (functional.py
    _maybe_warn_inputs_struct_mismatch, raised when the call cannot go on): a list or tuple where it was built on a
    dict of named Inputs, a dict (with extra keys, a label) where it takes one tensor."""
    m = _STRUCTURE.search(text)
    if m is None:
        return None
    expected = m["expected"].strip().rstrip(".")
    return Cause("Pass the inputs in the structure the model was built with, as the message's 'Expected:' shows "
                 f"({_clip(expected, 120)}): a dict keyed by those input names for a model built on named Inputs "
                 "({name: array, ...}, not a list in column order), one array for a model of one input (no extra "
                 "keys such as the label)",
                 f"The model got its inputs as {_clip(m['received'].strip(), 120)} where it was built on "
                 f"{_clip(expected, 120)}: Keras matches inputs by that structure (names for a dict), not by order.",
                 specific=True)


def _keras_records() -> "re.Pattern[str]":
    from .index import RECORDS

    return re.compile("Unrecognized data type: x=" + RECORDS)


@rule("instance_format")
def keras_records(text: str, d: "Diagnosis") -> Cause | None:
    """Keras 3's predict given records keyed by column name (index's ``data_rows`` decider): the rows of a data frame
    as dicts (df.to_dict('records'), JSON rows) or its columns as a dict of lists -- an array per input is what it
    takes, its values in the order the model was trained on."""
    if not _keras_records().search(text):
        return None
    return Cause("Give predict an array of rows in the feature order the model was trained on: "
                 "df[FEATURES].to_numpy(dtype='float32'), or np.array([[r[c] for c in FEATURES] for r in rows], "
                 "dtype='float32') for a list of dicts; a model with one named input per column takes a dict of "
                 "arrays, {c: np.asarray(df[c], dtype='float32') for c in FEATURES}",
                 "Keras' predict got records keyed by column name (a list of row dicts, or a dict of column "
                 "lists), which it takes no data from: it takes one array per input, the values in feature order.",
                 specific=True)


_GZIP_AS_TEXT = lazy(r"codec can't decode byte 0x8b in position 1\b")


@rule("json_parse_error")
def gzip_body(text: str, d: "Diagnosis") -> Cause | None:
    """A server that read gzip's bytes (1f 8b, the magic Python's gzip module checks) as JSON text: the index's entry
    (its ``gzip_body`` decider) says the request was compressed, and its fix -- decompress, or send it plain -- goes
    first; the general sentence's serializer mistakes do not apply."""
    if not _GZIP_AS_TEXT.search(text) or not d.entry_fix:
        return None
    return Cause(d.entry_fix, "The request body was gzip-compressed (its bytes begin 1f 8b) and the server read it as "
                 "JSON text: a client that sends Content-Encoding: gzip to a handler that does not decompress it.",
                 specific=True, contradicts=("real JSON encoder", "string formatting", "reported offset"))


@rule("json_parse_error")
def nothing_at_line_start(text: str, d: "Diagnosis") -> Cause | None:
    """Python's json decoder (json/decoder.py raw_decode: ``Expecting value`` where no JSON value starts) at the first
    column of a line: at char 0 the text is empty or starts with something that is no JSON (an HTML page, a BOM, a
    file's header); on a later line, at the char just after a newline, the text a JSON Lines reader gave to json.loads
    was a blank line."""
    from .answers import RESPONSE_JSON

    m = _LINE_START.search(text)
    if m is None or RESPONSE_JSON.search(text):  # the answer's body: answers.not_json_reading
        return None
    line, char = int(m.group("line")), int(m.group("char"))
    if line >= 2 and char == line - 1:  # only newlines before it: a blank line given to json.loads alone
        return Cause("Skip blank lines when reading JSON Lines ([json.loads(l) for l in f if l.strip()]), and write "
                     "the file without them (one JSON object per line, no empty last lines)",
                     "json.loads was given a line that is empty (only its newline): a JSON Lines file read line by "
                     "line holds a blank line.", specific=True, contradicts=("real JSON encoder", "string formatting"))
    if char == 0:
        return Cause("Look at the text before parsing it (print(repr(s[:200]))): an empty string is an empty file, "
                     "line or reply; '<' an HTML page (a server's error page); '\\ufeff' a byte-order mark "
                     "(open(path, encoding='utf-8-sig')); parse only what is JSON",
                     "The text given to json.loads is empty or does not start with a JSON value (char 0): an empty "
                     "file, line or reply, an HTML page, or a byte-order mark.", specific=True,
                     contradicts=("real JSON encoder", "string formatting"))
    return None


_NOT_SERIALIZABLE = lazy(r"Object of type '?(?P<type>\w{1,40})'? is not JSON serializable")
_NUMPY_TYPES = lazy(r"^(?:ndarray|u?int(?:8|16|32|64)|float(?:16|32|64)|bool_|str_|bytes_|generic|matrix)$")
_VALUE_TYPES = {
    "datetime": ("x.timestamp() for epoch seconds, or x.isoformat() for an ISO string", "a timestamp"),
    "date": ("x.isoformat(), or (x - date(1970, 1, 1)).days", "a date"),
    "time": ("x.isoformat()", "a time of day"),
    "timedelta": ("x.total_seconds()", "a duration"),
    "Timestamp": ("x.timestamp() (pandas), or x.isoformat()", "a pandas timestamp"),
    "Timedelta": ("x.total_seconds()", "a pandas duration"),
    "Decimal": ("float(x)", "a decimal number"),
    "UUID": ("str(x)", "a UUID"),
    "set": ("sorted(x) or list(x)", "a set"),
    "frozenset": ("sorted(x) or list(x)", "a set"),
    "complex": ("[x.real, x.imag]", "a complex number"),
}
"""Python values json's encoder refuses besides NumPy's and bytes (json/encoder.py's default): what to write them as."""


@rule("json_parse_error")
def numpy_in_json_dumps(text: str, d: "Diagnosis") -> Cause | None:
    """Python's json encoder (json/encoder.py ``default``): ``Object of type ndarray is not JSON serializable`` — the
    body was never sent; it holds a NumPy array or number (or bytes) the encoder cannot write."""
    m = _NOT_SERIALIZABLE.search(text)
    if m is None:
        return None
    kind = m.group("type")
    if kind == "bytes":
        return Cause('Send bytes as {"b64": base64.b64encode(data).decode("ascii")} (TF Serving and Vertex decode it '
                     "for a DT_STRING input), not the raw bytes object",
                     "json.dumps cannot write a bytes object: the request body was never built.", specific=True)
    if kind in _VALUE_TYPES:
        how, what = _VALUE_TYPES[kind]
        return Cause(f"Convert each {kind} value to a JSON number or string before json.dumps: {how} (a DataFrame's "
                     "column: convert the whole column before it becomes rows, or derive the features the model was "
                     "trained on); "
                     "json.dumps(body, default=str) writes every such value as a string, which only a string input "
                     "takes",
                     f"json.dumps cannot write a {kind} value ({what}): the request body was never built (the "
                     "server saw nothing).", specific=True,
                     contradicts=("string formatting", "real JSON encoder", "reported offset"))
    if not _NUMPY_TYPES.match(kind):
        return None
    return Cause(f"Convert NumPy values to Python ones before json.dumps: x.tolist() for an array (it also turns "
                 f"NumPy numbers inside into floats and ints), float(v) / int(v) for a single "
                 f"{'NumPy number' if kind == 'ndarray' else kind}; e.g. "
                 'json.dumps({"instances": batch.tolist()})',
                 f"json.dumps cannot write a NumPy {kind}: the request body was never built (the server saw "
                 "nothing).", specific=True, contradicts=("string formatting",))


_RAGGED_INTO_PROTO = lazy(r"but got <tf\.RaggedTensor [^\n]{0,2000}?of type 'RaggedTensor'", re.S)


@rule("ragged_instances")
def ragged_into_a_tensor_proto(text: str, d: "Diagnosis") -> Cause | None:
    """tf.make_tensor_proto given a tf.RaggedTensor (index's ``encoded_value`` decider): a dense TensorProto holds one
    length per row; the ragged rows are padded first (or sent as the components a ragged signature takes)."""
    if not _RAGGED_INTO_PROTO.search(text):
        return None
    return Cause("Pad the rows to one length before building the request: ids.to_tensor(default_value=0) (or "
                 "keras.utils.pad_sequences on the lists), then tf.make_tensor_proto(padded, dtype=…); a signature "
                 "that takes ragged input takes its components (values and row_splits) as separate inputs",
                 "tf.make_tensor_proto was given a RaggedTensor -- rows of different lengths -- and a TensorProto "
                 "(a PredictRequest's input) holds only dense tensors of one length per row.", specific=True,
                 contradicts=("Give the tensor values of its dtype",))


IMAGE_SIZED = 3072
"""The fewest values an instance of a ragged request holds for its different sizes to be read as images' (32×32×3)
or clips': a sequence of token ids or time steps is far shorter."""


@rule("ragged_instances")
def instances_of_different_sizes(text: str, d: "Diagnosis") -> Cause | None:
    """TF Serving's ``Expecting tensor size: 27648 but got: 36000``: instances of thousands of values each, of two
    sizes -- images of different sizes (or audio clips of different lengths), which resizing mends, not padding."""
    want, got = d.evidence.get("want"), d.evidence.get("got")
    if not (isinstance(want, int) and isinstance(got, int)) or min(want, got) < IMAGE_SIZED or want == got:
        return None
    element = d.evidence.get("element")
    which = f" (instance {element})" if isinstance(element, int) else ""
    return Cause("Give every instance the size the model takes: resize each image to the model's height and width "
                 "before sending (PIL img.resize((W, H)), tf.image.resize), or cut / pad each audio clip to one "
                 "number of samples; sigcheck inspect MODEL shows the input shape",
                 f"The instances hold {want} and {got} values{which}: images (or clips) of different sizes in one "
                 "request, which TF Serving cannot stack into one tensor.", specific=True,
                 contradicts=("Pad sequences",))


_RAGGED_PARTS = lazy(r"does not start with segment_ids\.shape|do not form a valid RaggedTensor|Invalid ragged splits")


@rule("ragged_instances")
def ragged_components(text: str, d: "Diagnosis") -> Cause | None:
    """TensorFlow's words for a RaggedTensor whose row_splits do not fit its values (its own validation, a ragged
    op's check, or the segment op a ragged reduction runs): the components disagree, which no padding mends; a
    signature's RaggedTensor argument arrives as separate flat_values and row_splits inputs (tf.saved_model.save
    flattens it) and the graph rebuilds it without checking them."""
    if not _RAGGED_PARTS.search(text):
        return None
    said = (d.message_meaning or "").strip().rstrip(".")
    return Cause(d.entry_fix or d.steps[0],
                 (f"{said[:1].upper()}{said[1:]}. " if said else "") + "The RaggedTensor's components do not fit "
                 "each other (row_splits must start at 0, never decrease and end at the number of values): the "
                 "request that sent them, or the graph that built them, put them together wrong; these are not "
                 "instances of different lengths, and no padding mends them.",
                 contradicts=("Pad sequences", "one instance per request"))


_NOT_AN_IMAGE = lazy(r"Unknown image file format|Expected image \(JPEG, PNG, or GIF\)|Unable to decode bytes as JPEG|"
                      r"Invalid (?:JPEG|PNG) data|Not a JPEG file")
_REST_BODY = lazy(r"\{\s*['\"]error['\"]\s*:")


@rule("encoded_image_string_mismatch")
def rest_image_string(text: str, d: "Diagnosis") -> Cause | None:
    """Over TF Serving's REST API the decode op's bytes come from a JSON string: without the {"b64": …} wrapper that
    string is passed as it is (base64 text, a path, a URL), and a double encoding leaves base64 text after one
    decode."""
    if d.evidence.get("magic") or not _NOT_AN_IMAGE.search(text) or not _REST_BODY.search(text):
        return None
    return Cause('Send each image as {"b64": base64.b64encode(open(path, "rb").read()).decode()}: the file\'s bytes, '
                 "base64-encoded once and inside the b64 wrapper (a plain string reaches the decoder as text); if you "
                 "already do, the file itself is not a JPEG/PNG",
                 "The decode op got bytes that are no image file. Over the REST API they come from your JSON string: "
                 "most often base64 text sent without the {\"b64\": …} wrapper (TF Serving then passes the text "
                 "itself) or an image encoded twice; otherwise the file is not a JPEG/PNG.", specific=True)


_ARRAY_TO_STRING = lazy(r"Expects arg\[(?P<arg>\d+)\] to be string but (?P<got>float|double|half|bfloat16|uint8) is "
                        r"provided", re.I)
_NATIVE_CLIENT = lazy(r"org\.tensorflow|java\.lang|TFException|TensorFlowSharp|Running model failed|tensorflow::|"
                       r"cppflow|tfgo", re.I)


_FLOAT_TO_INT = lazy(r"Expects arg\[(?P<arg>\d+)\] to be (?P<want>int(?:32|64)|uint8) but (?P<got>float|double|half) is "
                     r"provided", re.I)


@rule("dtype_mismatch")
def float_fed_to_an_int_input(text: str, d: "Diagnosis") -> Cause | None:
    """``Expects arg[0] to be int32 but float is provided``: a session's feed check names the position of the feed,
    not the input.  Float data (an image, features) for an int input is values to cast — or a feed given to the wrong
    input (an int32 batch-size, length or id placeholder beside the data's own): the text does not tell which.  For
    uint8 the input takes raw pixels: cast them, or feed the float tensor after the graph's own preprocessing."""
    m = _FLOAT_TO_INT.search(text)
    if m is None or _from_a_request(text):
        return None
    arg, want, got = m.group("arg"), m.group("want").lower(), m.group("got").lower()
    if want == "uint8":
        return Cause(f"Feed the pixels as uint8 (0-255): cast after your resize, x.astype(np.uint8) (C++: a DT_UINT8 "
                     "tensor, C#/Java: a byte tensor), without normalising them to [0, 1] first; if you normalise the "
                     "image yourself, feed the float tensor after the graph's own preprocessing instead (in graphs from "
                     "TensorFlow's retrain.py / label_image, 'Mul:0' rather than the DecodeJpeg output)",
                     f"The tensor fed as arg[{arg}] is {got} where the input takes uint8: an image input that takes raw "
                     "pixels (an Object Detection export's image_tensor, a graph starting at its JPEG decoder's uint8 "
                     f"output) got a {got} array (a resize or normalisation made it {got}).", specific=True)
    return Cause(f"Check which input the array went to: list the graph's inputs with their dtypes (saved_model_cli show "
                 f"--dir MODEL --all, or the graph's Placeholder nodes) and feed the {got} data to its own input by "
                 f"name; if the input really takes {want} values (ids, counts), cast them: x.astype(np.{want})",
                 f"The tensor fed as arg[{arg}] is {got} where that input takes {want}: {got} data (an image, "
                 f"features) fed to the wrong input — an {want} placeholder such as a batch size, length or ids beside "
                 f"the data's own — or {want} values built as {got} (the message names the feed's position, not its "
                 "input).", specific=True)


@rule("encoded_image_string_mismatch")
def array_to_a_string_input(text: str, d: "Diagnosis") -> Cause | None:
    """``Expects arg[0] to be string but float is provided`` (a session's feed check, on an image model: the catalogue
    leaves texts of tabular or text models to dtype_mismatch): the input is the encoded file, the feed decoded pixels."""
    m = _ARRAY_TO_STRING.search(text)
    if m is None:
        return None
    got, arg = m.group("got").lower(), m.group("arg")
    feed = ("Tensors.create(Files.readAllBytes(path)) in Java, a TFTensor of the file's bytes in TensorFlowSharp, "
            "open(path, 'rb').read() in Python" if _NATIVE_CLIENT.search(text) else
            "open(path, 'rb').read() in a session feed; over REST {\"b64\": base64 of the file}")
    return Cause(f"Feed the image file's own bytes (JPEG/PNG) as a string tensor to that input — {feed} — the graph "
                 "decodes them itself; or feed your decoded array to the float tensor after the decoder (in graphs "
                 "from TensorFlow's retrain.py / label_image, 'Mul:0' instead of 'DecodeJpeg/contents:0'), or export "
                 "the model with a float image input (the Object Detection API's --input_type image_tensor)",
                 f"The graph's input arg[{arg}] is a string tensor — an encoded image file, which the graph decodes "
                 "itself (a graph that starts with DecodeJpeg / DecodePng, an export with input_type "
                 f"encoded_image_string_tensor or BASE64_JPEG) — and it was fed a decoded {got} array. (A string "
                 "input of an estimator's export, serialized tf.Example, prints the same message: "
                 "saved_model_cli show --dir MODEL --all shows which.)", specific=True)


@rule("encoded_image_string_mismatch")
def pixels_to_strings(text: str, d: "Diagnosis") -> Cause | None:
    """Decoded pixels (rank 3-4, 1/3/4 channels) fed to a rank-1 input: the input takes encoded image strings."""
    got, want = d.evidence.get("got_shape"), d.evidence.get("want_shape")
    name = d.evidence.get("input") or d.evidence.get("tensor")
    if not (isinstance(got, list) and isinstance(want, list)):
        m = _FEED_SHAPES.search(text)
        if m is None:
            return None
        from .evidence import parse_shape

        got, want, name = parse_shape(m.group("got")), parse_shape(m.group("want")), m.group("name")
    if not (isinstance(got, list) and isinstance(want, list)) or len(want) != 1 or len(got) < 3 or got[-1] not in (
            1, 3, 4):
        return None
    where = f" {name}" if name else " the input"
    return Cause(f"Send the image file's bytes (JPEG/PNG; over REST {{\"b64\": base64 of the file}}), one string "
                 f"per image, to{where}: it decodes them itself",
                 f"Decoded pixels {_shape_text(got)} were fed to{where}, which takes a batch of encoded image strings "
                 f"{_shape_text(want)}.", specific=True)


_HEX_START = lazy(r"Not a JPEG file: starts with 0x(?P<a>[0-9a-f]{2}) 0x(?P<b>[0-9a-f]{2})", re.I)
HEX_MAGIC = {
    ("89", "50"): ("a PNG file", "Send JPEG to this decode_jpeg input, or decode with tf.io.decode_image / "
                   "decode_png in the model"),
    ("47", "49"): ("a GIF file", "Convert the images to JPEG before sending, or decode with tf.io.decode_image"),
    ("42", "4d"): ("a BMP file", "Convert the images to JPEG before sending, or decode with tf.io.decode_image"),
    ("52", "49"): ("a WebP (RIFF) file", "Convert the images to JPEG before sending"),
    ("2f", "39"): ("base64 text of a JPEG ('/9j/…'), not its bytes", "Send the image bytes once: {\"b64\": "
                   "base64.b64encode(raw_bytes).decode()} (TF Serving decodes it), not base64 text as a plain string "
                   "or encoded twice"),
    ("69", "56"): ("base64 text of a PNG ('iVBOR…'), not its bytes", "Send the image bytes once in {\"b64\": …}, "
                   "not base64 text as a plain string or encoded twice"),
}


@rule("encoded_image_string_mismatch")
def jpeg_start(text: str, d: "Diagnosis") -> Cause | None:
    """libjpeg's 'Not a JPEG file: starts with 0x89 0x50': the first two bytes name the format that was sent."""
    m = _HEX_START.search(text)
    if m is None:
        return None
    found = HEX_MAGIC.get((m.group("a").lower(), m.group("b").lower()))
    if found is None:
        return None
    what, step = found
    return Cause(step, f"The JPEG decoder got {what} (its bytes start with 0x{m.group('a')} 0x{m.group('b')}).",
                 specific=True)


@rule("encoded_image_string_mismatch")
def image_magic(text: str, d: "Diagnosis") -> Cause | None:
    magic = d.evidence.get("magic")
    if not isinstance(magic, str):
        m = re.search(r"unknown format starting with ['\"]?(?P<m>[^'\"\s]{2,40})", text)
        magic = m.group("m") if m else None
    if not magic:
        return None
    for pattern, what, step in MAGIC:
        if pattern.search(magic):
            return Cause(step, f"The bytes the decode op got start with '{magic[:20]}': {what}.")
    return None


# ------------------------------------------------------------------------------------------------ transport

_REST_PORT = lazy(r":8501\b")
_GRPC = lazy(r"StatusCode\.|grpc_status|_InactiveRpcError|_Rendezvous|_MultiThreadedRendezvous|"
                   r"StatusRuntimeException|grpc", re.I)
_REFUSED = lazy(r"Connection refused|No route to host", re.I)
_UNREACHED = lazy(r"Connect Failed|failed to connect to all addresses|Connection refused|"
                        r"Name resolution failure|DNS resolution failed", re.I)


@rule("service_side_error", "wrong_api_or_input_format")
def transport(text: str, d: "Diagnosis") -> Cause | None:
    if _GRPC.search(text) and _REST_PORT.search(text) and not _REFUSED.search(text):  # (refused: nothing listens
        # on that port, so no server there speaks the wrong protocol)
        return Cause("Point the gRPC client at TF Serving's gRPC port (--port, 8500 by default; docker -p "
                     "8500:8500), or send REST requests (POST http://HOST:8501/v1/models/NAME:predict) to 8501",
                     "A gRPC client is talking to port 8501, TF Serving's REST (HTTP/1.1) port: the server closes "
                     "the transport, as the gRPC status shows.", category="wrong_api_or_input_format")
    if d.category == "wrong_api_or_input_format":
        return None
    if _UNREACHED.search(text):
        return Cause("Check that the model server is running and reachable at the address the client uses: the host "
                     "and port (gRPC 8500, REST 8501 by default), the docker port mapping (-p 8500:8500), a "
                     "firewall or a proxy; curl http://HOST:8501/v1/models/NAME answers when it is up",
                     "The client did not reach any server at that address: nothing listens there (the server is "
                     "down or still starting, a wrong host or port, or docker not publishing it).")
    return None



# ------------------------------------------------------------------------------------------------ other runtimes

BUNDLED_RUNTIMES: tuple[tuple["Lazy", str], ...] = (
    (lazy(r"TensorFlowSharp|TFSharp|\bTFGraph\b|\bTFSession\b|TensorFlow\.TFException"), "TensorFlowSharp (each "
     "release bundles one libtensorflow; Unity ML-Agents ships it as a plugin)"),
    (lazy(r"\bdeepspeech\b|DeepSpeech"), "the DeepSpeech native client (each release is built on one TensorFlow)"),
    (lazy(r"Fiji|CSBDeep|QuPath|using native TensorFlow version"), "Fiji / QuPath / CSBDeep's TensorFlow for Java "
     "(their TensorFlow version setting: Edit > Options > TensorFlow in Fiji)"),
    (lazy(r"Microsoft\.ML|\bML\.NET\b"), "ML.NET's TensorFlow transformer (Microsoft.ML.TensorFlow and the "
     "SciSharp.TensorFlow.Redist it runs)"),
    (lazy(r"TensorFlow\.NET|Tensorflow\.Binding|SciSharp"), "TensorFlow.NET (its SciSharp.TensorFlow.Redist package)"),
    (lazy(r"TensorFlowInferenceInterface|org\.tensorflow\.contrib\.android|libtensorflow_inference"),
     "TensorFlow Mobile for Android (org.tensorflow:tensorflow-android, or the libtensorflow_inference.so built "
     "for the app)"),
    (lazy(r"org\.tensorflow\.(?:Graph|Session|SavedModelBundle|TensorFlowException)|libtensorflow_jni"),
     "TensorFlow Java (org.tensorflow:tensorflow-core-platform, or the older org.tensorflow:tensorflow / libtensorflow_jni)"),
    (lazy(r"binary running on (?:iPhone|iPad)|\.mm:\d+\]"), "the TensorFlow library built into the iOS app "
     "(TensorFlow's iOS build registers only the ops its ops_to_register.h lists, those of the models it was built "
     "for)"),
    (lazy(r"\bcppflow\b"), "the TensorFlow C library cppflow links (libtensorflow)"),
    (lazy(r"\btfgo\b|tensorflow/go\b"), "the TensorFlow C library the Go binding links (libtensorflow)"),
    # (Python's TensorFlow calls the same C API: c_api.TF_GraphImportGraphDefWithResults in its traceback)
    (lazy(r"tensorflow::|(?<![.\w])TF_GraphImportGraphDef|(?<![.\w])TF_LoadSessionFromSavedModel|"
          r"libtensorflow(?:_cc)?\.so"),
     "the TensorFlow C / C++ library the program links (libtensorflow)"),
)
"""Runtimes that run a model with a TensorFlow library of their own (bundled or linked), not the Python one: a
version problem is solved by that library's version, not by gcloud's, a container's or pip's."""


_LOADER_CALLS_SAVED = lazy(r"save_fn\(checkpoint_key\)|recreate_saveable_objects|"
                           r"_load_checkpoint_save_and_restore_functions")


@rule("runtime_version_mismatch")
def loader_calls_newer_functions(text: str, d: "Diagnosis") -> Cause | None:
    """tf.saved_model.load recreating a lookup table's saved save / restore functions and calling them as the loading
    TensorFlow does (``save_fn(checkpoint_key) expected a Tensor …``): the export is newer than the loader."""
    if not _LOADER_CALLS_SAVED.search(text) and not _LOADER_CALLS_SAVED.search(d.upstream or ""):
        return None
    from .runtimes import PYTHON_STEP

    return Cause(PYTHON_STEP + "; or export the model again with the TensorFlow that loads it",
                 "The SavedModel's saved functions (a lookup table's save / restore, e.g. a TextVectorization or "
                 "StringLookup vocabulary) were written by a newer TensorFlow than the one loading it, which calls them "
                 "the way its own version writes them.", specific=True, contradicts=("Pass tensors",))


_NO_KERNEL = lazy(r"No OpKernel was registered to support Op '(?P<op>[\w>]{1,120})' with these attrs\.?(?:\s*"
                   r"Registered devices: ?\[[^\]]{0,80}\],? ?Registered kernels:\s*(?P<kernels>[^\[]{0,400}))?")
_KERNEL_DTYPE = lazy(r"\[\[\{?\{?[Nn]ode:? [^\]]{0,400}?\b(?:T|dtype)=(?P<dtype>DT_\w+)")


@rule("runtime_version_mismatch")
def kernel_left_out(text: str, d: "Diagnosis") -> Cause | None:
    """``No OpKernel was registered to support Op 'Equal' … <no registered kernels>``: the binary knows the op (else
    "Op type not registered") but has no kernel for it, or none for the node's dtype.  A stock TensorFlow build
    registers a kernel for every stock op and its common dtypes; one without them is a reduced build — TensorFlow
    Mobile / iOS with selective registration (ops_to_register.h) or only the slim dtypes (ANDROID_TYPES_SLIM)."""
    from .facts import op_origin

    m = _NO_KERNEL.search(text)
    if m is None or op_origin(m.group("op"))[0] != "stock":
        return None
    op, kernels = m.group("op"), m.group("kernels") or ""
    if "device='GPU'" in kernels and "device='CPU'" not in kernels:
        return None  # kernels for the GPU only (CudnnRNN …): the device, not the build
    node = _KERNEL_DTYPE.search(text[m.end():m.end() + 2000])
    dtype = node.group("dtype") if node else None
    none = "no registered kernels" in kernels
    what = ("no kernel at all for it" if none else
            f"no kernel for {dtype}" if dtype and kernels and dtype not in kernels else "no kernel for these attributes")
    return Cause(f"Build the runtime with the model's ops and types (TensorFlow Mobile / iOS: generate "
                 f"ops_to_register.h from this graph with tensorflow/python/tools/print_selective_registration_header "
                 f"and build with -DSELECTIVE_REGISTRATION, and without ANDROID_TYPES_SLIM for {dtype or 'its dtypes'}; "
                 f"or link the full libtensorflow), or convert the model to TFLite for the device",
                 f"The binary running the model knows op {op} but has {what}: a reduced build of TensorFlow (a "
                 "mobile or selective build that registers only some ops' kernels or dtypes), not the model's version.",
                 specific=True, contradicts=NEWER_RUNTIME)


@rule("runtime_version_mismatch")
def bundled_runtime(text: str, d: "Diagnosis") -> Cause | None:
    """An op or kernel the loading runtime lacks, in a text from a runtime with its own TensorFlow library: name that
    library (the general step speaks of serving images and gcloud runtime versions)."""
    ev = d.evidence
    op = ev.get("op") or ev.get("kernel")
    attr = ev.get("attr")
    if not op and not attr:
        return None
    pasted = f"{d.upstream or ''}\n{text}"  # the stack frames (normalize keeps only the message) name the runtime
    runtime = next((name for rx, name in BUNDLED_RUNTIMES if rx.search(pasted)), None)
    if runtime is None:
        return None
    return Cause(f"Use a build of {runtime} whose TensorFlow is at least the one that exported the model (its "
                 f"release notes name the TensorFlow it bundles), or export the model with that TensorFlow version "
                 f"(freeze / save it in an environment with the same tensorflow==X)",
                 (f"The model uses op {op}, which {runtime.split(' (')[0]} does not have: its TensorFlow is older "
                  "than the one that exported the model (or built without the op)." if op else
                  f"The model's graph gives an op the attribute {attr}, which {runtime.split(' (')[0]} does not "
                  "know: its TensorFlow is older than the one that exported the model."), specific=True)


@rule("runtime_version_mismatch")
def library_argument(text: str, d: "Diagnosis") -> Cause | None:
    """CPython's ``X() got an unexpected keyword argument 'k'`` for a function that is neither a signature call nor
    one of the saving / loading functions api_argument knows (a converter's, a library's own helper): the installed
    library's function has no such argument, so the code calling it was written for another version of that library.
    Last of the version rules: a reading that knows the argument (Keras 1's names) speaks first."""
    func, kwarg = d.evidence.get("api_func"), d.evidence.get("api_kwarg")
    if not func or not kwarg or d.evidence.get("kwarg"):
        return None  # (a reading that knows the argument, e.g. frames' Keras 1 names, has said it)
    return Cause(f"Install the versions the calling code (a converter, an exporter, a project's script) was written "
                 f"for, as its requirements or documentation name them (pip show the library that defines {func}() "
                 f"and TensorFlow: one of them is older or newer than the code expects), or call {func}() without "
                 f"{kwarg}=",
                 f"The installed {func}() has no argument {kwarg}: the code calling it was written for another "
                 "version of the library that defines it (or of TensorFlow / Keras under it).", specific=True,
                 contradicts=NEWER_RUNTIME)


_TF_SERVING = lazy(r"TF ?Serving|tensorflow_model_server", re.I)
_PY_TRACEBACK = lazy(r"Traceback \(most recent call last\)|^\s*File \"[^\"\n]+\", line \d+", re.M)


def _said_generally(d: "Diagnosis") -> bool:
    """The diagnosis still says only its category's general words: the cause is the category's sentence (its
    placeholders filled) and the first step one of the category's steps or the message entry's fix when that fix
    speaks of no batch -- no reading of this text's call (a signature's, a conv's, a TFLite interpreter's) has
    spoken."""
    from .catalogue import load_catalogue
    from .diagnosis import make_diagnosis

    category = load_catalogue()[d.category]
    general = make_diagnosis(category, {}, 0.0, variant=d.variant)
    head = re.split(r"<<|\{", category.cause)[0]  # the sentence's words before its first filled-in part
    first = d.steps[0] if d.steps else ""
    return d.cause.startswith(head) and (not first or first in general.steps
                                         or (first == d.entry_fix and "batch" not in first))


@rule("missing_batch_dimension")
def batch_axis_in_process(text: str, d: "Diagnosis") -> Cause | None:
    """The last of the batch rules: a model called in the user's own process (a Python traceback, no serving API's
    answer in the text) got one example without its batch axis -- the category's own words are a REST request's
    ("instances"), which this call has none of."""
    pasted = f"{d.upstream or ''}\n{text}"  # (normalize keeps only the message: the frames are upstream)
    if _SERVED.search(pasted) or _ERROR_DICT.search(pasted) or not _PY_TRACEBACK.search(pasted) \
            or not _said_generally(d):
        return None
    from .layers import read_layers

    if read_layers(pasted).http_status is not None or _TF_SERVING.search(pasted):
        return None  # a server's answer the client raised (RuntimeError(f"... {resp.status}: {body['error']}"))
    got, want, shape = d.evidence.get("got_rank"), d.evidence.get("want_rank"), d.evidence.get("got_shape")
    wanted = d.evidence.get("want_shape")
    if got is None and isinstance(shape, list):
        got = len(shape)
    if want is None and isinstance(wanted, list):
        want = len(wanted)
    ranks = f" (rank {got} where the model takes {want})" if got is not None and want is not None else ""
    if ranks and isinstance(shape, list):
        ranks = f"{ranks[:-1]}; it arrived as {_shape_text(shape)})"
    return Cause("Add the batch axis where the model is called: x[None, ...] (np.expand_dims(x, 0)) for one NumPy "
                 "example, np.array([x]) for one example's values in a Python list, np.stack(examples) for several; "
                 "the model's first axis is the batch",
                 f"The input lacks the batch axis{ranks}: one example was given where the model takes a batch of "
                 "them.", specific=True, contradicts=('"instances"',))
