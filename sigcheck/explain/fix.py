"""Step 4 of explain: write the fix.

The catalogue's wording (rendered over the evidence by :func:`.diagnosis.make_diagnosis`) is the general fix; here
it is made to name the real cause when the text or the model shows it:

* an unfed ``keras_learning_phase`` / ``keep_prob`` / training-flag placeholder: ``sigcheck repair MODEL --output …``
  first, then the recipe by hand that works on the TensorFlow installed today (``import_graph_def`` with an
  ``input_map`` to a constant) — never ``tf.keras.backend.set_learning_phase``, which Keras 3 no longer has (#14);
* ``Could not find variable …`` from a Keras 3 model written with ``tf.saved_model.save``: a session load (TF
  Serving's) cannot restore its variables; re-export with ``model.export()`` or ``sigcheck repair`` (#13);
* ``Could not find matching function to call loaded from the SavedModel`` / ``Binding inputs to tf.function``: the
  first difference between the call and the traced signature (:mod:`.calls`);
* every other message group whose text shows the real cause (:mod:`.causes`): its cause and first step;
* a version mismatch still in the category's TF Serving words, in a text that shows another runtime loading the model
  (:mod:`.runtimes`: OpenVINO, TFLite, ONNX Runtime, a TensorFlow binding ...): that runtime and the versions to pair;
* a message the index knows but no category fits (not about the request or the model), or none at all: the
  :class:`Unknown` view shows what was read from the text (status, op, node, servable, file) and the next command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .patterns import lazy
from .diagnosis import Diagnosis

if TYPE_CHECKING:
    from ..model.types import ModelInfo
    from .index import Hit
    from .layers import Layers

KERAS3_SAVE = ("Keras 3 model written with tf.saved_model.save: a session load (TF Serving) cannot restore its "
               "variables; re-export with model.export() (or sigcheck repair)")
_TF2_SIGNS = lazy(r"__inference_|StatefulPartitionedCall|function_node|Container localhost does not exist|"
                        r"keras_tensor|serving_default_\w+:0|ReadVariableOp", re.I)
_INPUT_LIKE = lazy(r"input|example|image|feature|^x(_\d+)?$", re.I)
_FLAG_VALUES = (
    (lazy(r"learning_phase|is_train|training|phase_train", re.I), "0 (inference)", "False", "False"),
    (lazy(r"keep_?prob", re.I), "1.0 (no dropout)", "1.0", "1.0"),
    (lazy(r"dropout|rate", re.I), "0.0 (no dropout)", "0.0", "0.0"),
)


def repair_command(info: "ModelInfo | None", *flags: str) -> str:
    if info is not None:
        try:
            from ..repair.advice import repair_command as command

            return command(info, *flags)
        except Exception:  # noqa: BLE001 - the repair package is another engineer's; fall back to the plain form
            pass
    return " ".join(["sigcheck repair MODEL --output BASE_PATH", *[f for f in flags if f]])


def _placeholder_name(d: Diagnosis) -> str:
    for key in ("placeholder", "input"):
        v = d.evidence.get(key)
        if isinstance(v, str) and v:
            return v.split(":")[0]
    return "keras_learning_phase" if d.category == "keras_learning_phase" else "PLACEHOLDER"


def _model_dtype(info: "ModelInfo | None", name: str) -> str | None:
    """The placeholder's dtype in the model's graph (``dt_bool``), lower-cased; None without a model."""
    if info is None:
        return None
    try:
        from ..model.graph import unfed_placeholders

        for key in sorted(info.signatures or {}):
            for p in unfed_placeholders(info, key):
                if p.name == name or p.name.endswith("/" + name):
                    return str(p.dtype).lower()
    except Exception:  # noqa: BLE001 - a contract or an unreadable graph: the text decides
        return None
    return None


def placeholder_fix(d: Diagnosis, info: "ModelInfo | None") -> None:
    """#14: repair first, then the by-hand recipe that runs on TensorFlow 2 / Keras 3 — for a training flag
    (learning phase, keep_prob, is_training, dropout).  Another unfed placeholder (``input_1``,
    ``input_example_tensor``) is most often the model's own input, left behind by a signature that points at a copy:
    binding it to a constant would make the model ignore its input, so the catalogue's steps stay as they are."""
    name = _placeholder_name(d)
    if d.category != "keras_learning_phase" and not any(p.search(name.rsplit("/", 1)[-1]) for p, *_ in _FLAG_VALUES):
        if _INPUT_LIKE.search(name.rsplit("/", 1)[-1]):
            own = [s for s in d.steps if "model's own input" in s]
            d.steps = own + [s for s in d.steps if s not in own]
        return
    value, literal = None, "VALUE"
    for pattern, reason, lit, _ in _FLAG_VALUES:
        if pattern.search(name):
            value, literal = reason, lit
            break
    dtype = _model_dtype(info, name) or (str(d.evidence.get("dtype", "")) + " " + (d.upstream or "")).lower()
    m = re.search(r"(?:dtype:? ?|dt_)(u?int\d{1,2})", dtype)
    if m:  # import_graph_def's input_map needs the placeholder's own dtype
        literal = f"{0 if literal == 'False' else literal.split('.')[0]}, dtype=tf.{m.group(1)}"
    feed = "" if value else f"--feed {name}=VALUE"
    steps = [
        f"Run `{repair_command(info, feed)}`: it writes the next version with {name} bound to "
        f"{value or 'the value you give'} and checks that the repaired model serves",
        f"Or by hand (TensorFlow 2): in a fresh graph (g = tf.Graph(); with g.as_default(), "
        f"tf.compat.v1.Session(graph=g) as sess:) load the model with meta = tf.compat.v1.saved_model.load(sess, "
        f"['serve'], MODEL_DIR, input_map={{'{name}:0': tf.constant({literal})}}), then save the next version with "
        "b = tf.compat.v1.saved_model.Builder(NEW_VERSION_DIR); b.add_meta_graph_and_variables(sess, ['serve'], "
        "signature_def_map=dict(meta.signature_def)); b.save(); rebuilding the graph from code instead, use "
        f"tf.compat.v1.placeholder_with_default({literal.split(',')[0]}, shape=[]); "
        "tf.keras.backend.set_learning_phase no longer exists in Keras 3",
    ]
    kept = [s for s in d.steps if "set_learning_phase" not in s and "placeholder_with_default" not in s
            and not s.lower().startswith(("re-export and redeploy", "replace training-only"))]
    d.steps = steps + kept + ["Deploy the new version and check it with sigcheck gate MODEL"]
    d.verify = d.verify or "sigcheck gate MODEL"


def unrestored(info: "ModelInfo | None") -> list[tuple[str, list[str]]] | None:
    """(signature, variables) that a session load leaves unset, per signature; None when the model cannot tell."""
    if info is None:
        return None
    try:
        from ..model.graph import unrestored_variables

        found = [(key, [v.name for v in unrestored_variables(info, key)]) for key in sorted(info.signatures or {})]
    except Exception:  # noqa: BLE001 - a contract or an unreadable graph: the text decides
        return None
    return [(k, names) for k, names in found if names]


def keras3_save_shown(text: str, info: "ModelInfo | None") -> bool | None:
    """True when the model (its graph: variables no load sets) or the text (a TF2 function graph reading a variable
    that is not there) shows a Keras 3 model written with tf.saved_model.save; False when the model shows it is not;
    None when neither can tell."""
    found = unrestored(info)
    if found is not None:
        return bool(found)
    return True if _TF2_SIGNS.search(text) else None


def variables_fix(d: Diagnosis, text: str, info: "ModelInfo | None") -> None:
    """#13: name the Keras 3 / tf.saved_model.save reading first when the text or the model shows it."""
    if "could not find variable" not in text.lower() and "uninitialized value" not in text.lower():
        return
    if not keras3_save_shown(text, info):
        return
    variable = d.evidence.get("variable")
    what = f" ({variable} is one)" if variable else ""
    d.cause = (f"{KERAS3_SAVE}. The graph's variables{what} are read by the serving function but neither the "
               "saver's restore op nor the init op sets them.")
    step = (f"Re-export with Keras 3's model.export(path), or run `{repair_command(info)}`, which re-saves the "
            "serving functions with their variables tracked")
    d.steps = [step] + [s for s in d.steps if "model.export()" not in s]
    d.verify = "sigcheck gate MODEL   (graph.unrestored_variable lists variables a session load leaves unset)"
    for key, names in unrestored(info) or []:
        d.confirmed = [c for c in d.confirmed if not c.startswith("variables/ is complete")]
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        d.confirmed.append(f"confirmed from the model: signature {key} reads {shown}, which neither the restore op "
                           "nor the init op sets (a session load leaves them unset)")
        d.confidence = min(0.99, d.confidence + 0.05)
        break


def call_fix(diagnoses: list[Diagnosis], text: str) -> None:
    """A restored function called outside its traces: the reading of the category the difference points to names
    what differs (:mod:`.calls`)."""
    from .calls import read

    found = read(text)
    if found is None:
        return
    for d in diagnoses:
        if d.category == found.category:
            d.cause = found.cause
            rest = [s for s in d.steps if s != found.step and '"instances"' not in s and "columnar" not in s
                    and not any(w in s for w in found.contradicts)]
            d.steps = [found.step] + rest  # a Python call: the REST request's advice does not apply


def _other_engine(d: Diagnosis) -> bool:
    """The reading's first step is the fix of an index entry whose message an engine other than TensorFlow, Keras or
    TF Serving prints (OpenCV's dnn importing a frozen graph, TVM's frontends): it stands."""
    return d.entry_fix is not None and d.steps[:1] == [d.entry_fix] and not _TF_SOURCE.match(d.message_source or "")


def write_fixes(diagnoses: list[Diagnosis], text: str, info: "ModelInfo | None") -> None:
    for d in diagnoses:
        if d.category in ("keras_learning_phase", "unfed_placeholder"):
            if not _other_engine(d):  # sigcheck repair writes a SavedModel; OpenCV / TVM read a frozen graph
                placeholder_fix(d, info)
        elif d.category == "variables_not_restored":
            variables_fix(d, text, info)
    if "function to call loaded" in text or "Binding inputs to tf.function" in text:
        call_fix(diagnoses, text)
    from .causes import apply

    apply(diagnoses, text)
    for d in diagnoses:
        meaning_in_cause(d)
        runtime_fix(d, text)
        drop_repeated_steps(d)


@lru_cache(maxsize=1)
def _serving_wording() -> tuple[str, str, str]:
    """The version mismatch's general first step (TF Serving, gcloud, Vertex), its second (re-export with the
    serving runtime's TensorFlow) without its full stop, and its general cause, rendered."""
    from .catalogue import load_catalogue
    from .facts import derive
    from .templates import render

    wording = load_catalogue()["runtime_version_mismatch"].wording({})
    first, second = (render(s, derive({})) for s in wording.fix[:2])
    return first, second.rstrip("."), render(wording.cause, derive({}))


def runtime_fix(d: Diagnosis, text: str) -> None:
    """A version mismatch whose first step is still the category's TF Serving wording (no index entry's or the text's
    own step leads), or the stage's, in a text that shows another runtime loading the model (:mod:`.runtimes`): a
    step names that runtime and the versions to pair; for a runtime that does not run TensorFlow's kernels, the
    general cause (the TensorFlow that exported against the one serving) says what it is instead.  A reading led by
    its own step in a text where nothing serves the model keeps no serving step after it."""
    from .catalogue import load_catalogue

    if d.category != "runtime_version_mismatch" or d.refined or d.category not in load_catalogue():
        return
    serving_step, reexport, general_cause = _serving_wording()
    from .runtimes import named, served

    if d.steps[:1] != [serving_step] and d.evidence.get("stage") != "loading":
        # a step of the text's own reading (an index entry's, causes', a converter's frames) leads: it is more
        # specific; when nothing in the text serves the model (Python code loading it, another runtime), the
        # category's serving steps after it (gcloud, tensorflow/serving, Vertex) are not about this text
        if d.steps[:1] and not served(d.upstream or text):
            d.steps = d.steps[:1] + [s for s in d.steps[1:] if s != serving_step and not s.startswith(reexport)]
        return

    runtime = named(d.upstream or text)
    if runtime is None:
        return
    if d.steps[:1] == [serving_step]:
        d.steps = [runtime.step] + [s for s in d.steps[1:] if runtime.written_by_tensorflow or
                                    not s.startswith(reexport)]
    else:  # the stage's: its first step (compare the two sides' versions) stands, this runtime's pair follows
        d.steps.insert(1, runtime.step)
    d.evidence["runtime"] = runtime.name
    if runtime.written_by_tensorflow:
        return
    if d.cause.strip() == general_cause.strip():
        d.cause = (f"The model was written (exported or converted) by a newer or different version of a tool than "
                   f"{runtime.name}, as installed, reads: a format, opset or op version it does not know.")
    d.verify = f"the versions side by side: the tool that wrote the model and {runtime.name} (pip show, the SDK release)"


REPEAT = 0.5
"""A step that shares this share of its words with an earlier step says the same again (a message's own first step
and the category's wording of the same case)."""


def drop_repeated_steps(d: Diagnosis) -> None:
    kept: list[tuple[str, set[str]]] = []
    for step in d.steps:
        words = _stems(step)
        if words and any(len(words & seen) >= REPEAT * max(len(words), len(seen)) for _, seen in kept):
            continue
        kept.append((step, words))
    d.steps = [step for step, _ in kept]


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def _overlap(meaning: str, cause: str) -> float:
    """The share of the meaning's words (their first five letters) the cause already has."""
    words = _stems(meaning)
    return len(words & _stems(cause)) / len(words) if words else 1.0


_TF_SOURCE = lazy(r"(?:tensorflow|keras|tf_keras|tensorflow_estimator)\b|tensorflow \d|"
                        r"github\.com/tensorflow/(?:tensorflow|serving|keras)\b|github\.com/keras-team/")
"""Index sources that are TensorFlow, Keras or TF Serving themselves (their libraries, wheels or repositories)."""


_LITE_SOURCE = lazy(r"tensorflow/lite/|\blite\b|tflite|litert", re.I)
"""Index sources that are TensorFlow Lite's converter or interpreter (in TensorFlow's wheel or their own)."""
_SERVING_WORDS = lazy(r"runtime|serv|export|binary|op\b|kernel|attr", re.I)
"""What a version message about the runtime says (an op, kernel or attr the runtime lacks; serving; an export)."""


def meaning_in_cause(d: Diagnosis) -> None:
    """When the cause is still the category's general sentence (no number or name of the text in it), say first what
    the message itself means, in the index's words (``a Squeeze expects a size-1 dimension where the input has
    another size``): it names the op's complaint the general sentence does not.  When the category's sentence speaks
    of saved_model.pb and neither the text nor the message does (tfjs's model.json, a .tflite, an .h5 loader), the
    message's meaning replaces it; so it does for a version mismatch a runtime other than TensorFlow, Keras or TF
    Serving reports (DeepSpeech, frugally-deep, ONNX Runtime, a converter): the category's sentence speaks of the
    TensorFlow that exported the model and the one serving it."""
    meaning = d.message_meaning
    if meaning and "saved_model.pb" in d.cause and not re.search(r"saved_?model", f"{d.upstream or ''} {meaning}",
                                                                    re.I):
        from .diagnosis import sentence

        # a loader of another format (tfjs's model.json, a .tflite, an .h5) said the path is wrong: the
        # category's SavedModel sentence is not what happened; the message's own meaning is, with the path
        path = d.evidence.get("path")
        where = f" (the path given: {path})" if isinstance(path, str) and path not in meaning else ""
        d.cause = sentence(meaning.rstrip(".") + where)
        return
    if not meaning or _overlap(meaning, d.cause) >= 0.34:
        return  # the general sentence already says it (a table used before its initializer ran)
    from .catalogue import load_catalogue
    from .diagnosis import sentence
    from .facts import derive
    from .templates import render

    catalogue = load_catalogue()
    if d.category not in catalogue:
        return
    general = render(catalogue[d.category].wording({}, d.variant).cause, derive({}))
    if d.cause.strip() == general.strip():
        if d.category == "model_load_failed":  # its sentence says the message gives no cause: this one does
            d.cause = sentence(meaning)
        elif d.category == "runtime_version_mismatch" and (not _TF_SOURCE.match(d.message_source or "")
                                                            or _LITE_SOURCE.search(d.message_source or "")
                                                            or not _SERVING_WORDS.search(meaning)):
            # another runtime's message, TFLite's converter or interpreter (TensorFlow's own, but no serving binary),
            # or one about weights or a checkpoint another model wrote (no runtime, serving or export in it):
            # TensorFlow's export-vs-serving sentence misleads
            d.cause = sentence(meaning)
        else:
            d.cause = f"{sentence(meaning)} {d.cause}"


# ------------------------------------------------------------------------------------------------ the unknown view

@dataclass
class Unknown:
    """What explain read from a text it has no category for."""

    extracted: dict[str, Any] = field(default_factory=dict)
    """status, http_status, exception, op, node, function, servable, version, file, message."""
    readings: list[str] = field(default_factory=list)
    """What index entries that are not about the request or the model say about it."""
    next_command: str = "sigcheck gate MODEL"

    def to_json(self) -> dict[str, Any]:
        return {"extracted": self.extracted, "readings": self.readings, "next": self.next_command}


_CONTAINER = lazy(r"\bdocker\b|\bcontainer\b|\bkubectl\b|\bpod\b|CrashLoopBackOff|OOMKilled|daemon", re.I)


_EXPORTING = lazy(r"tf\.saved_model\.save refused|refused to write the SavedModel|saved_model/save\.py")
_NODE_NAME = lazy(r"[`'](?P<name>[^`'\n]{1,200})[`'] is not a valid node name"
                        r"|more than one argument to '[^'\n]{1,300}' was named '(?P<arg>[^'\n]{1,200})'")
_VALID_NAME = lazy(r"[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*")
"""TensorFlow's node names (framework/ops.py _VALID_OP_NAME_REGEX)."""


def export_names_note(line: str) -> str | None:
    """For the unknown view: an export that failed on a name TensorFlow does not allow — ops.py's '`age years` is not
    a valid node name' warning, or save.py's 'more than one argument to … was named 'age years'' (the name was
    sanitised in one place and not in another, so the signature's arguments no longer match their names)."""
    names = [m.group("name") or m.group("arg") for m in _NODE_NAME.finditer(line)]
    bad = next((n for n in names if not _VALID_NAME.fullmatch(n)), None)
    if bad is None:
        return None
    safe = re.sub(r"[^A-Za-z0-9_]", "_", bad)
    return (f"the input name '{bad}' has characters TensorFlow node names do not allow (only A-Z a-z 0-9 and "
            f"_ . / > -, framework/ops.py): TensorFlow renames it in some places and not in others, so the export "
            f"fails; name the input {safe} (keras.Input(..., name='{safe}')) and export again, or export the Keras "
            "file with sigcheck export --from MODEL.keras --output DIR, which renames such inputs")


def unknown(layers: "Layers", hits: "list[Hit]") -> Unknown:
    ex = {k: v for k, v in layers.facts().items() if v not in (None, "", [])}
    readings = [f"{h.entry.reading} (message from {h.entry.source})" for h in hits if h.entry.category is None]
    said = " ".join([*readings, str(ex.get("message", ""))])
    if _CONTAINER.search(said):
        nxt = ("docker ps -a, then docker logs CONTAINER (kubectl get pods / kubectl logs POD on Kubernetes): the "
               "server's own log says why it did not start or answer")
    elif layers.status in ("UNAVAILABLE",) or any("did not reach the server" in r for r in readings):
        nxt = "curl -s http://HOST:8501/v1/models/MODEL   (is the server up and the model AVAILABLE?)"
    elif layers.op or layers.node:
        nxt = (f"sigcheck gate MODEL   (checks the graph that node {layers.node or layers.op} is in: placeholders, "
               "ops, variables), then sigcheck predict REQUEST --model MODEL to reproduce it")
    elif layers.servable:
        nxt = f"sigcheck inspect MODEL   (the model TF Serving calls {layers.servable})"
    elif _EXPORTING.search(said):  # raised while writing the SavedModel: no request or served model to check yet
        nxt = ("change the export code as the message says and export again (sigcheck export --from MODEL.keras "
               "--output DIR writes a servable SavedModel from a Keras file), then sigcheck inspect DIR")
    else:
        nxt = "sigcheck validate REQUEST --model MODEL   (then sigcheck gate MODEL)"
    return Unknown(ex, readings, nxt)
