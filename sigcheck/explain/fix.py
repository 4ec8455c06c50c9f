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
    if found.category != "input_keys_mismatch" and any(d.category == found.category for d in diagnoses):
        # the call's arguments were compared with the traced ones, names first: the first difference is no name, so
        # the binding message's general reading (an argument it does not bind) is ruled out
        diagnoses[:] = [d for d in diagnoses if d.category != "input_keys_mismatch"]
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
        if not d.refined:  # the model or the request rewrote it: what they confirmed stands
            loader_fix(d, text)
            side_fix(d, text)
            grpc_client_fix(d, text)
        drop_repeated_steps(d)


@lru_cache(maxsize=1)
def _serving_wording() -> tuple[str, str, str]:
    """The version mismatch's general first step (TF Serving, gcloud, Vertex), its second (re-export with the
    serving runtime's TensorFlow) without its full stop, and its general cause, rendered."""
    from .catalogue import load_catalogue
    from .diagnosis import make_diagnosis

    general = make_diagnosis(load_catalogue()["runtime_version_mismatch"], {}, 0.0)
    first, second = general.steps[:2]
    return first, second.rstrip("."), general.cause


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


# ------------------------------------------------------------------------------ the side the evidence points at

_INVALID_IMAGE = lazy(r"Invalid image \"?(?P<image>[^\s\"]{1,300}?)\"? for deployment")
_PREBUILT_VERSION = lazy(r"\btf2?-(?:cpu|gpu)\.(?P<major>\d{1,2})-(?P<minor>\d{1,3})\b")
_LINKS_LIBRARY = lazy(r"^Serve with a runtime that links (?P<lib>[^(:]{1,120}?) \((?P<pip>[\w.-]{1,80})\)")
_IMPORT = lazy(r"\bimport (?P<module>[a-z_][a-z0-9_]{1,60})")


def loader_fix(d: Diagnosis, text: str) -> None:
    """A version mismatch whose fix speaks of a loader the text does not show (:func:`.runtimes.loader`).

    * the category's TF Serving step (gcloud, a tensorflow/serving image, a Vertex container) where no server shows and
      a Python process raised the message: that process's TensorFlow is the side to upgrade; where nothing shows what
      loads the model, the step names every kind of loader;
    * an index entry's step for a message of TensorFlow itself that names a server (Triton, SageMaker) the text does not
      show: the same, by what the text shows;
    * a custom op library's serving step (a container that links it) where a Python traceback shows the model loaded in
      Python: installing the library and importing its module registers the ops, so that comes first;
    * Vertex AI refusing a pre-built container image for the deployment: no container exists for that TensorFlow
      version, so the serving side cannot be upgraded to it -- the export's TensorFlow is the side to change.
    """
    if d.category != "runtime_version_mismatch":
        return
    from .runtimes import (ANY_STEP, KERAS_STEP, PYTHON_STEP, REEXPORT_STEP, RUNTIMES, SERVERS, loader,
                           loading_words, python_frames)

    upstream = d.upstream or text
    m = _INVALID_IMAGE.search(upstream)
    if m:
        image = m.group("image")
        v = _PREBUILT_VERSION.search(image)
        version = f"TensorFlow {v.group('major')}.{v.group('minor')}" if v else "that TensorFlow version"
        d.cause = (f"Vertex AI has no pre-built prediction container {image}: there is none for {version} (not yet, "
                   "or not for that machine type), so the model's TensorFlow has no serving image to deploy on.")
        d.steps = [f"Deploy with a pre-built prediction container that exists (Vertex AI's list of pre-built "
                   f"containers for prediction) and whose TensorFlow is at least the one that exported the model; if "
                   f"none is as new as {version}, export the model again with the newest TensorFlow that has one, or "
                   "serve it in a custom container that installs the exporting TensorFlow"] + [
            s for s in d.steps if not s.startswith("Serve with a runtime whose")]
        return
    serving_step, reexport, _ = _serving_wording()
    who = loader(upstream)
    first = d.steps[0] if d.steps else ""
    own = _tensorflow_runtime_message(d)
    foreign = own and d.entry_fix is not None and first == d.entry_fix and any(
        r.name.startswith(SERVERS) and r.shows.search(first) and not r.shows.search(upstream) for r in RUNTIMES)
    # TensorFlow's "No op named X" / "Op type not registered X" say "a custom op, or a newer TensorFlow"; an op in
    # stock TensorFlow's list (the stock_op variant) leaves only the second: the loading side is the older one
    stock = own and d.variant == "stock_op" and d.entry_fix is not None and first == d.entry_fix
    if stock and who == "server":
        d.steps = [serving_step] + [s for s in d.steps if s not in (serving_step, first)] + [first]
        return
    if (first == serving_step or foreign or stock) and who in (None, "python"):
        step = PYTHON_STEP if who == "python" else ANY_STEP
        d.cause = loading_words(d.cause)
        if who == "python" and d.evidence.get("kwarg") and _KERAS3_FRAMES.search(upstream):
            step = KERAS_STEP  # Keras 3 reading a newer Keras 3's config: the keras package is the older side
        d.steps = [step, REEXPORT_STEP] + [s for s in d.steps[1:] if s != serving_step and not s.startswith(reexport)]
        return
    m = _LINKS_LIBRARY.match(first)
    if m and who == "python" and python_frames(upstream):
        imported = _IMPORT.search(first)
        module = imported.group("module") if imported else m.group("pip").replace("-", "_")
        d.steps.insert(0, f"In the Python process that loads the model, install {m.group('lib')} at the release made "
                          f"for the installed TensorFlow (pip install {m.group('pip')}; its version follows "
                          f"TensorFlow's) and import it before loading (import {module}): importing it registers "
                          "the ops the model uses")
        d.cause = loading_words(d.cause).replace("the serving binary does not link", "the process loading it has not "
                                                 "loaded")


_KERAS3_FRAMES = lazy(r"site-packages[/\\]keras[/\\]src[/\\](?:ops|backend|trainers)[/\\]|"
                      r"site-packages[/\\]keras[/\\]src[/\\]models[/\\]functional\.py")
"""A frame of a module only Keras 3 has (keras/src/ops/, backend/, trainers/, models/functional.py): Keras 2.13-2.15
are laid out under keras/src/ too (engine/functional.py, backend.py), and tf.keras 2 is tensorflow/python/keras or
tf_keras/."""
_QUOTA_METRIC = lazy(r"(?:quota metrics? exceeds? quota limits?:?|Quota exceeded for(?: quota metric)?)\s*'?"
                     r"(?P<metric>[\w.-]{1,80}/[\w./-]{1,160}|[\w.-]{3,160})")
_RESOURCE_QUOTA = lazy(r"gpus?\b|tpus?\b|_chips?\b|cpus?\b|nodes?\b|accelerators?\b|machines?\b|_disk|memory|"
                       r"replicas?\b|endpoints?\b|deployed_models?\b", re.I)
_RATE_QUOTA = lazy(r"requests?|per_(?:minute|second|day|hour)|tokens?|qpm|qps|rate", re.I)

_TFLITE_COPY = lazy(r"Cannot copy (?:from|to) a TensorFlowLite tensor \((?P<name>[^)\n]{0,200})\) with shape "
                    r"\[(?P<tensor>[\d, ]{1,60})\] (?:to|from) a Java object with shape \[(?P<java>[\d, ]{1,60})\]")
_BATCH_SHAPES = lazy(r"First element had shape \[(?P<a>[\d, ]{1,60})\] and element \d{1,9} had shape "
                     r"\[(?P<b>[\d, ]{1,60})\]")
_NODE_CLIENT = lazy(r"(?:^|[\s`'\"])Error: \d{1,2} [A-Z_]{4,30}:|node_modules|@google-cloud/|@grpc/grpc-js|"
                    r"\bhelpers\.toValue|\.toJSON\(\)", re.M)
_GRPC_CLIENT = lazy(r"StatusCode\.|grpc|_Rendezvous|AbortionError|:8500\b|\bDEADLINE_EXCEEDED\b", re.I)
_TF1_LOADER = lazy(r"loader_impl|saved_model_cli|saved_model\.loader\.load|SavedModelBundle")
_SESSION_RUNS = lazy(r"org\.tensorflow\.|Exception in thread \"main\" java\.|Session\.run\b|\bsess(?:ion)?\.run\(|client/session\.py|"
                     r"TF_SessionRun|TFSession|import_graph_def|\bfrozen\b|\.pb\b")


_GRAPH_NAME = lazy(r"The name '(?P<name>[^'\n]{1,300})' refers to a Tensor which does not exist\. The operation, "
                   r"'(?P<op>[^'\n]{1,300})', (?:does not exist in the graph|exists but only has (?P<outputs>\d{1,4}) "
                   r"outputs)")
"""TensorFlow's Graph.as_graph_element (framework/ops.py): a tensor name the graph does not have."""
_MEDIA_TYPE = lazy(r"Unsupported Media Type:? (?P<ctype>[\w.+-]{1,60}/[\w.+-]{1,80})")
_SKLEARN = lazy(r"sklearn|scikit|xgboost|\bxgb\b|joblib|\.pkl\b|pickle", re.I)
_EXCLUDED = lazy(r"Signatures EXCLUDED from export[^\n]{0,200}\n?[^\n]{0,300}?(?P<kind>Classification|Regression) input "
                 r"must be a single string Tensor")
"""TensorFlow's export_utils (Signatures EXCLUDED from export) with export_output's reason."""
_NO_SAVEDMODEL = lazy(r"SavedModel file does not exist at: (?P<dir>[^\s{}'\"`]{1,400}?)/?\{saved_model|"
                      r"Could not find SavedModel \.pb or \.pbtxt at supplied export directory path: "
                      r"(?P<dir2>[^\s'\"`]{1,400})|SavedModel not found in export directory: (?P<dir3>[^\s'\"`]{1,400})")
_FIREBASE = lazy(r"firebase\.ml|FirebaseModelManager|Firebase ML|FirebaseMLException", re.I)
_MODEL_TYPE = lazy(r"Invalid model type detected: (?P<type>[\w.]{1,120}?)\.? (?:Please|$)", re.M)
_REST = lazy(r"\binstances\b|\"error\"\s*:|:8501\b|/v1/models/|\bHTTP\b|application/json|curl\b", re.I)
_SESSION_FEED = lazy(r"\b_arg_\w{1,200}_0_0\b|\bTF_SessionRun\b|org\.tensorflow\.|\bsess(?:ion)?\.run\(|"
                     r"feed_dict|Session\.run\b", re.I)
"""A graph fed by a session of the program's own: _arg_NAME_0_0 is the node a session creates for a fed tensor."""
_CALLED = lazy(r"cannot compute __inference_\w{1,200} as input #\d{1,4}\(zero-based\) was expected to be a \w{1,20} "
               r"tensor but is a string")
"""TensorFlow's eager check of a function's argument dtypes (a loaded signature called from Python)."""
_BAD_JPEG = lazy(r"Invalid JPEG data or crop window, data size (?P<size>\d{1,12})")


def _dims(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", text)]


_GRPC_CLIENT = lazy(r"make_tensor_proto|make_ndarray|predict_pb2|PredictRequest|prediction_service_pb2|"
                    r"tensorflow_serving\.apis|\bstub\.(?:Predict|Classify|Regress)\(")
"""The client's own code building TF Serving's gRPC request (a bare gRPC status may come from any client)."""
_REST_SHOWN = lazy(r"'instances' list|\\?\"instances\\?\"|:predict\b|\bHTTP\b|\{\s*\\?['\"]error\\?['\"]\s*:|"
                   r"JSON (?:Value|object|Parse)")
_REST_STEP = lazy(r"\"instances\"|\{\"inputs\"|\bJSON\b|\{\"b64\"")
GRPC_STEPS = {
    "missing_batch_dimension": "Give the TensorProto its batch axis: tf.make_tensor_proto(x[None, ...]) for one "
                               "example (its tensor_shape then starts with 1), tf.make_tensor_proto(batch) for several",
    "extra_batch_dimension": "Drop the extra level before building the TensorProto (x[0] or np.squeeze(x, 0)): its "
                             "shape must be the signature's, batch first",
    "dtype_mismatch": "Build the TensorProto in the input's dtype, DTYPE — tf.make_tensor_proto(np.asarray(x)"
                      ".astype(np.DTYPE), dtype=tf.DTYPE); the server converts no TensorProto, and sigcheck inspect "
                      "MODEL or GetModelMetadata lists each input's dtype",
    "serialized_example_input_expected": "Put serialized tf.train.Example protos in a DT_STRING TensorProto under the "
                                         "signature's input: request.inputs['examples'].CopyFrom(tf.make_tensor_proto("
                                         "[ex.SerializeToString() for ex in examples], dtype=tf.string))",
    "bytes_sent_to_numeric_input": "Send numbers in the TensorProto: decode / parse on the client and build it with "
                                   "tf.make_tensor_proto(np.asarray(values, dtype=np.float32)) — or export a DT_STRING "
                                   "input that decodes in the graph and send the bytes with dtype=tf.string",
    "input_keys_mismatch": "Put one TensorProto per input under the signature's own input names: "
                           "request.inputs[NAME].CopyFrom(tf.make_tensor_proto(...)) for every input it lists "
                           "(GetModelMetadata or sigcheck inspect MODEL)",
}
"""The first step of a reading, for a client that builds TF Serving's gRPC PredictRequest itself."""


def grpc_client_fix(d: Diagnosis, text: str) -> None:
    """A text from a gRPC client whose own code builds TF Serving's request (make_tensor_proto, predict_pb2,
    stub.Predict in its traceback) and nothing of REST: a first step written as a REST body ("instances", JSON,
    {"b64": …}) says it in TensorProto terms instead, the REST step kept after it for who sends both."""
    step = GRPC_STEPS.get(d.category)
    upstream = d.upstream or text
    if step is None or not d.steps or not _REST_STEP.search(d.steps[0]):
        return
    if not _GRPC_CLIENT.search(upstream) or _REST_SHOWN.search(upstream):
        return
    from .kinds import dtype_name

    want = dtype_name(str(d.evidence.get("want_dtype") or d.evidence.get("expected_dtype") or "").lower())
    if re.fullmatch(r"u?int(?:8|16|32|64)|float(?:16|32|64)|bool", want):
        step = step.replace("DTYPE", want)
    else:
        step = step.replace("the input's dtype, DTYPE — ", "the input's dtype — ").replace("DTYPE", "<dtype>")
    d.steps = [step] + [s for s in d.steps if s != step]


def side_fix(d: Diagnosis, text: str) -> None:
    """A category's first step that ignores what the text shows of the side at fault (each rule reads a fact the
    message states; it speaks only when the fact is there and the first step is still the category's general one)."""
    from .catalogue import load_catalogue

    catalogue = load_catalogue()
    if d.category not in catalogue:
        return
    from .diagnosis import make_diagnosis

    base = make_diagnosis(catalogue[d.category], d.evidence, 0.0, variant=d.variant)  # the category's own wording
    general = base.steps[:1]
    upstream = d.upstream or text
    first = d.steps[0] if d.steps else ""
    if d.category == "quota_exceeded" and d.steps[:1] == general:
        m = _QUOTA_METRIC.search(upstream)
        metric = m.group("metric").rstrip(".,'\"") if m else None
        if metric and _RESOURCE_QUOTA.search(metric.rsplit("/", 1)[-1]) and \
                not _RATE_QUOTA.search(metric.rsplit("/", 1)[-1]):
            # a quota of resources held (GPUs, CPUs, nodes), not of requests over time: waiting frees nothing
            d.cause = (f"The project's quota {metric} is a limit on resources held at once (machines, accelerators), "
                       "not on requests over time: the job or deployment asks for more than it allows in that region, "
                       "so retrying does not help until the quota is raised or the resources are freed.")
            d.steps = [f"Request a quota increase for {metric} in that region (Cloud console, IAM & Admin > Quotas), "
                       "or ask for fewer of that resource (another machine or accelerator type, fewer replicas), use a "
                       "region where the quota is free, or free what other jobs and endpoints hold"] + [
                s for s in d.steps[1:] if not s.lower().startswith("retry")]
    elif d.category == "model_base_path_layout":
        path = d.evidence.get("path")
        if isinstance(path, str) and "No versions of servable" in upstream:
            leaf = path.rstrip("/").rsplit("/", 1)
            if len(leaf) == 2 and leaf[1].isdigit() and leaf[0] and first.startswith("Put the SavedModel in a numbered"):
                parent, number = leaf
                d.cause = (f"The base path {path} is itself a version folder (its name is the number {number}): TF "
                           "Serving looks for numbered version folders inside the base path, and there are none in it.")
                d.steps = [f"Point the base path at the folder above the version folder: --model_base_path={parent} "
                           f"(base_path in a model config file; the docker mount's target /models/<name> holds the "
                           f"folder {number}/), so TF Serving finds version {number} inside it"] + d.steps[1:]
    elif d.category == "input_shape_mismatch":
        m = _TFLITE_COPY.search(upstream)
        if m:
            tensor, java = _dims(m.group("tensor")), _dims(m.group("java"))
            if len(tensor) == len(java) >= 2 and tensor[1:] == java[1:] and tensor[0] != java[0]:
                rest = "x".join(map(str, tensor[1:]))
                d.cause = (f"The model's tensor {m.group('name')} has {tensor[0]} rows where the app's array has "
                           f"{java[0]}; the rest of the shape ({rest}) matches, so the app has the right model and the "
                           f"row count differs: the model made {tensor[0]} rows from the input it was given (an input "
                           f"holding {tensor[0]} examples, or one row per frame or window of a longer input).")
                d.steps = [f"Give the input exactly the shape the model takes for the result the app expects "
                           f"(interpreter.getInputTensor(0).shape(): one example, the length or frame settings the "
                           f"model was made for), so it returns {java[0]} row(s); or, if {tensor[0]} rows are meant, "
                           f"allocate the output as [{', '.join(map(str, tensor))}]"] + d.steps[1:]
    elif d.category == "ragged_instances" and d.steps[:1] == general:
        m = _BATCH_SHAPES.search(upstream)
        if m:
            a, b = _dims(m.group("a")), _dims(m.group("b"))
            if len(a) == len(b) == 3 and a[2] == b[2] and a[2] in (1, 3, 4) and a[:2] != b[:2]:
                d.cause = (f"Images of different sizes ({a[0]}x{a[1]} and {b[0]}x{b[1]}, {a[2]} channel(s)) were put "
                           "in one batch: a batch is one dense tensor, so every image in it must have the same height "
                           "and width.")
                d.steps = [f"Resize every image to one size before batching (the model's input size): "
                           f"tf.image.resize(image, (HEIGHT, WIDTH)) in the dataset's map() before .batch(), or resize "
                           "on the client (PIL's Image.resize) before building the request"] + d.steps[1:]
    elif d.category == "instance_format" and _NODE_CLIENT.search(upstream):
        node = [s for s in d.steps if "helpers.toValue" in s]
        d.steps = node + [s for s in d.steps if s not in node]
    elif d.category == "initializer_missing_in_export" and d.steps[:1] == general:
        from .runtimes import loader

        # (a SavedModel loaded by TF1's loader -- saved_model_cli, loader.load -- runs only the init op it was
        # exported with: its fix is the export's main_op, the general step)
        if loader(upstream) != "server" and _SESSION_RUNS.search(upstream) and not _TF1_LOADER.search(upstream):
            d.cause = ("The lookup table was used in a session in which its initializer never ran: a graph imported "
                       "from a GraphDef (a frozen .pb) has no init op that runs by itself, and a SavedModel runs one "
                       "on load only when it was exported with main_op / legacy_init_op.")
            d.steps = ["Run the table initializer once in the session before the first run: the op "
                       "tf.compat.v1.tables_initializer() made (named init_all_tables unless named otherwise): in TF "
                       "Java session.runner().addTarget(\"init_all_tables\").run(), in Python "
                       "sess.run(graph.get_operation_by_name('init_all_tables')), with the import's prefix if the graph "
                       "was imported under one; or export a SavedModel with main_op=tf.compat.v1.tables_initializer() "
                       "and load it with SavedModelBundle / tf.saved_model.load, which runs it"] + d.steps
    elif d.category == "input_keys_mismatch" and d.steps[:1] == general:
        m = _GRAPH_NAME.search(upstream)
        if m:
            name, op = m.group("name"), m.group("op")
            if m.group("outputs"):
                d.cause = (f"The graph has an operation {op}, but with only {m.group('outputs')} output(s): the "
                           f"index after the colon in {name} is past its last output.")
                d.steps = [f"Use an output index below {m.group('outputs')}: {op}:0 for its first output"] + d.steps
            else:
                d.cause = (f"The graph has no operation {op}: the name given to get_tensor_by_name (or a session's "
                           "feed or fetch) is not one of this graph's names -- another export of the model names its "
                           "input otherwise, or the graph was imported under a prefix.")
                d.steps = ["List the graph's operation names and feed the placeholders by their own names: "
                           "[op.name for op in graph.get_operations()] (the inputs are its Placeholder ops; a tensor is "
                           "'<op name>:0'); "
                           "tf.import_graph_def prefixes every name with 'import/' unless it is given name=''"] + d.steps
    elif d.category == "instance_format":
        media = _MEDIA_TYPE.search(upstream)
        sklearn = [s for s in d.steps[:1] if s.startswith("For sklearn/xgboost")]
        if media:
            ctype = media.group("ctype")
            d.cause = (f"The serving container does not accept a request body of Content-Type {ctype}: it reads JSON "
                       "(or the types its pre-processing handler takes), so the body never reached the model.")
            d.steps = [f"Send the request as Content-Type application/json with the body the model server reads "
                       f"({{\"instances\": [...]}}), or, to keep sending {ctype}, add a pre-processing handler that "
                       f"turns that body into it (SageMaker's TensorFlow Serving container: an input_handler in "
                       f"code/inference.py, packed with the model)"] + [s for s in d.steps if s not in sklearn]
        elif sklearn and not _SKLEARN.search(upstream):
            d.steps = d.steps[1:] + sklearn  # nothing shows an sklearn / xgboost container: its advice goes last
    elif d.category == "wrong_api_or_input_format" and _EXCLUDED.search(upstream):
        kind = _EXCLUDED.search(upstream).group("kind")
        d.cause = (f"The export left that signature out: a {kind.lower()} signature takes exactly one string input "
                   "(serialized tf.Example protos), and the serving input receiver gives raw feature tensors, so no "
                   "signature could be written for it (and none is serving_default).")
        d.steps = [f"Export a signature the raw features can feed: a predict output (export_outputs="
                   "{'serving_default': tf.estimator.export.PredictOutput(outputs)} in the EstimatorSpec), or keep "
                   f"the {kind.lower()} signature and give it a parsing receiver "
                   "(tf.estimator.export.build_parsing_serving_input_receiver_fn) whose input is serialized tf.Example "
                   "strings; then check the export's signatures with saved_model_cli show --dir DIR --all"] + d.steps
    elif d.category == "savedmodel_not_found":
        found = [m.group("dir") or m.group("dir2") or m.group("dir3") for m in _NO_SAVEDMODEL.finditer(upstream)]
        where = found[-1].rstrip("/\\") if found else ""
        if where and "%s" not in where and not re.search(r"\.(?:pb|pbtxt|h5|hdf5|keras|tflite|onnx|json)$", where, re.I) \
                and (d.steps[:1] == general or d.steps[0] == d.entry_fix):  # no more specific step leads
            d.steps = [f"Give the loader the directory that directly holds saved_model.pb; first look at {where} "
                       f"where the loader runs (ls -la {where}, from the same working directory or inside the same "
                       "container): if nothing is there, or an empty folder, the SavedModel was never "
                       "written, copied or downloaded to that path (a relative path read from another working "
                       "directory, the step that writes it not run yet, a failed download or mount) -- write it there "
                       "or give the path where it is; if the folder holds the SavedModel one level down (a version "
                       "folder 1/, a timestamped export), give that folder; training checkpoints (model.ckpt-*, "
                       "checkpoint) or a .pb of another name (a frozen graph) are not a SavedModel: export one from "
                       "them (tf.saved_model.save, an Estimator's export_saved_model) and give its folder"] + [
                s for s in d.steps if not s.startswith("Give the loader the directory that directly holds")]
            if d.cause.strip() == base.cause.strip():
                d.cause = (f"There is no saved_model.pb (or .pbtxt) directly in {where}: the folder does not exist "
                           "where the loader runs, is empty, or holds the SavedModel one level down.")
    elif d.category == "encoded_image_string_mismatch" and d.steps[:1] == general:
        m = _BAD_JPEG.search(upstream)
        if m:
            d.cause = (f"The bytes given to DecodeJpeg ({m.group('size')} bytes) are no complete JPEG: libjpeg could "
                       "not decode them -- a truncated or corrupt file, another format under a .jpg name, or a crop "
                       "window outside the image.")
            d.steps = ["Check the image files themselves: open each with PIL (Image.open(path).verify()) or tf.io."
                       "decode_image, which detects the format; re-download or drop the files that fail, and decode "
                       "PNG / GIF / BMP with tf.io.decode_image rather than decode_jpeg"] + d.steps
    elif d.category == "model_not_found" and d.steps[:1] == general and _FIREBASE.search(upstream):
        d.cause = ("Firebase ML has no published model under the name the app asks for, in the Firebase project the "
                   "app is configured with: the download of the remote model is answered 404 NOT_FOUND.")
        d.steps = ["Publish the model in the Firebase console (Machine Learning > Custom) under exactly the name the "
                   "app requests (the remote model's name in the app's code), in the project of the app's "
                   "google-services.json / GoogleService-Info.plist, and wait until it shows as published"] + [
            s for s in d.steps if not s.startswith("Use the name the server was started with")]
    elif d.category == "model_load_failed" and d.steps[:1] == general:
        m = _MODEL_TYPE.search(upstream)
        if m:
            d.cause = (f"The model file was read, but the object in it is a {m.group('type')}, not a trained model "
                       "(an sklearn estimator or pipeline, an XGBoost booster): the file saved was another object.")
            d.steps = [f"Save the trained model object itself into the model directory (joblib.dump(model, "
                       f"'model.joblib') or pickle.dump(model, f) into model.pkl; not a score, a list or a "
                       f"{m.group('type')}), check it with joblib.load('model.joblib').predict(X) locally, and deploy "
                       "the folder that holds only that file"] + d.steps
    elif d.category == "missing_batch_dimension" and d.steps[:1] == general and not _REST.search(upstream) \
            and _SESSION_FEED.search(upstream):
        # a graph run by a program of its own (a binding's session, _arg_ feeds): no "instances" list is involved
        d.steps = ["Give the tensor you feed its batch dimension: shape [1, ...] for one example (np.expand_dims(x, "
                   "0) in Python; in a binding, build the tensor from a 2-D array such as [][]float32{row} in Go or "
                   "float[1][N] in Java), so the op gets the rank the graph was built for"] + d.steps
    elif d.category == "bytes_sent_to_numeric_input" and d.steps[:1] == general and _CALLED.search(upstream):
        d.steps = ["The function was called with strings where it was traced for numbers: convert the values to a "
                   "numeric tensor before the call, or, if the caller can only pass strings (serialized tf.Example "
                   "protos from an evaluation or data pipeline, encoded image bytes), export a signature that takes tf.string and "
                   "parses or decodes inside (tf.io.parse_example / tf.io.decode_image in a tf.function with a "
                   "tf.string TensorSpec) and call that one"] + d.steps
    elif d.category == "client_timeout" and d.steps[:1] == general:
        server = _server_timeout(upstream)
        if server:
            d.cause, step = server
            d.steps = [step] + [s for s in d.steps[1:] if "Vertex online prediction" not in s]


def _server_timeout(text: str) -> tuple[str, str] | None:
    """(cause, first step) of a deadline that a server or a proxy enforced, not the client; None otherwise."""
    if re.search(r"invocation timed out while waiting for a response from container", text, re.I) or (
            re.search(r"sagemaker|/invocations\b", text, re.I) and re.search(r"upstream timed out", text)):
        return ("The model container did not answer within SageMaker's limit for one invocation (a real-time "
                "endpoint waits at most 60 s for the container): the server side gave up, not the client.",
                "Make one invocation finish within 60 s: send fewer or smaller instances per request, use a faster "
                "instance (a GPU) or a warmed-up model; for longer work use SageMaker asynchronous inference or batch "
                "transform; raising the client's timeout does not lift the endpoint's limit")
    if re.search(r"upstream timed out", text):
        return ("The proxy in front of the model server (nginx: 'upstream timed out') stopped waiting for the model "
                "server's answer: the proxy's timeout expired, not the client's.",
                "Raise the proxy's read timeout (nginx proxy_read_timeout / uwsgi_read_timeout, a load balancer's "
                "idle timeout) above the prediction's time, or make one request faster (fewer or smaller instances)")
    if "Timed out waiting for notification" in text and not _GRPC_CLIENT.search(text):
        return ("TF Serving stopped the prediction at its own REST timeout (--rest_api_timeout_in_ms, 30000 ms by "
                "default): the session run took longer, so the server answered with DEADLINE_EXCEEDED (HTTP 504).",
                "Start tensorflow_model_server with a larger --rest_api_timeout_in_ms (e.g. 120000; the client's "
                "timeout must be larger still), or make one request faster (fewer instances per request, a GPU, a "
                "warm-up with --enable_model_warmup)")
    return None


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


def _tensorflow_runtime_message(d: Diagnosis) -> bool:
    """The reading's index entry is a message of TensorFlow, Keras or TF Serving itself, not of TFLite's converter or
    interpreter (which TensorFlow's wheel also carries)."""
    source = d.message_source or ""
    return bool(_TF_SOURCE.match(source)) and not _LITE_SOURCE.search(source)


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
    from .diagnosis import make_diagnosis, sentence

    catalogue = load_catalogue()
    if d.category not in catalogue:
        return
    general = make_diagnosis(catalogue[d.category], {}, 0.0, variant=d.variant)  # the category's own wording
    if d.cause.strip() == general.cause.strip():
        if d.category == "model_load_failed":  # its sentence says the message gives no cause: this one does
            d.cause = sentence(meaning)
        elif d.category == "runtime_version_mismatch" and (not _tensorflow_runtime_message(d)
                                                            or not _SERVING_WORDS.search(meaning)):
            # another runtime's message, TFLite's converter or interpreter (TensorFlow's own, but no serving binary),
            # or one about weights or a checkpoint another model wrote (no runtime, serving or export in it):
            # TensorFlow's export-vs-serving sentence misleads
            d.cause = sentence(meaning)
        elif d.category == "wrong_api_or_input_format" and _served_api_missing(d):
            # a Python object or an interpreter called the wrong way (TFLite before allocate_tensors, a restored
            # SavedModel called like a Keras model): the category's REST / gRPC API sentence and steps are not it
            d.cause = sentence(meaning)
            d.steps = [s for s in d.steps if s not in general.steps] or d.steps
        else:
            d.cause = f"{sentence(meaning)} {d.cause}"


def _served_api_missing(d: Diagnosis) -> bool:
    """The text shows no model server answering (no TF Serving, Vertex, gcloud, SageMaker, Triton reply): the API
    that was used wrongly is a library's, not a serving endpoint's."""
    from .runtimes import loader

    return loader(d.upstream or "") != "server"


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


def reading_of(hit: "Hit") -> str:
    """An index entry that gives no category, as the unknown view says it: its reading, where the message comes from
    and its fix, rendered over the names the message gave (``{keras_class}``); a fix whose braces are not all the
    message's names is said as written."""
    said = f"{hit.entry.reading} (message from {hit.entry.source})"
    if not hit.entry.fix:
        return said
    return f"{said} Fix: {entry_step(hit)}"


def entry_step(hit: "Hit") -> str:
    """An index entry's fix rendered over the names its message gave (``{keras_class}``); a fix whose braces are not
    all the message's names is said as written."""
    assert hit.entry.fix is not None
    names = {k: v for k, v in hit.groups.items() if isinstance(v, str)}
    if "keras_class" in names:  # a registered name ('package>Name', 'module.Name') is the key; the class its last part
        names["keras_class_object"] = re.split(r"[>.]", names["keras_class"])[-1] or names["keras_class"]
    try:
        return hit.entry.fix.format_map(names)
    except (KeyError, IndexError, ValueError):
        return hit.entry.fix


def unknown(layers: "Layers", hits: "list[Hit]") -> Unknown:
    ex = {k: v for k, v in layers.facts().items() if v not in (None, "", [])}
    from .index import speaking

    said_first = speaking(hits)  # a library's wrapper after the message it wraps
    # a reading with a fix of its own (the refused connection's) before a general one (gRPC's UNAVAILABLE)
    readings = [reading_of(h) for h in sorted(hits, key=lambda h: (h not in said_first, not h.entry.fix))
                if h.entry.category is None]
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
    elif any(h.entry.fix for h in hits if h.entry.category is None):
        nxt = "make the change the reading's fix says, then sigcheck gate MODEL   (does the model load and serve?)"
    else:
        nxt = "sigcheck validate REQUEST --model MODEL   (then sigcheck gate MODEL)"
    return Unknown(ex, readings, nxt)
