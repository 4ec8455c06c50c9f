"""``:classify`` and ``:regress`` answered locally, as TF Serving answers them (``classifier.cc``, ``regressor.cc``,
``util.cc``, ``http_rest_api_handler.cc``).

1. The body goes through sigcheck's codec (:func:`sigcheck.codec.examples.decode_examples`,
   ``FillClassifyRegressRequestFromJson``): its rejection is the answer.
2. The signature is looked up (``serving_default`` when the body names none) and checked as
   ``GetClassificationSignatureDef``/``PreProcessClassification`` (``…Regression``) do, with their messages.  TF
   Serving checks the method name only with ``--enable_signature_method_name_check`` (off by default: then a
   predict signature that happens to have the right aliases runs); ``method_check=True`` is that flag.
3. Each example becomes a serialized ``tf.Example`` (sigcheck's own Example message, no TensorFlow in this
   process); with a ``context``, TF Serving's ``InputToSerializedExampleTensor`` puts the serialized context in
   front of each serialized example, so a feature in both is the example's (protobuf merge: the last map entry
   wins).  The DT_STRING vector ``[num_examples]`` is fed to the ``inputs`` tensor; TF Serving does not check the
   input's dtype, so a non-string ``inputs`` fails in ``Session::Run`` (``Expects arg[0] to be float but string is
   provided``), which is said here without running the model.
4. The outputs are checked as ``PostProcessClassificationResult``/``PostProcessRegressionResult`` do, then written
   by :mod:`sigcheck.codec.results`.

With a model-execution error come :func:`example_findings`: what the graph's ``ParseExample`` refuses in each
example, by JSON path.

Not modelled: TF Serving fetches only ``classes``/``scores`` (``outputs``); the model's process fetches every
output of the signature, so a broken *extra* output (a classify signature's second output that is neither) fails
here and not in TF Serving.
"""

from __future__ import annotations

import re
import time
from typing import Any, Callable, Mapping

import numpy as np

from ..codec import results as results_json
from ..codec.dtypes import dtype as dtype_entry
from ..codec.examples import DecodedExamples, Features, decode_examples
from ..codec.response import error_body, http_status
from ..diagnostics import Diagnostic
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from .child import ModelCrashError
from .predict import CRASH, EXECUTION, OK, REQUEST, RESPONSE, Prediction

CLASSIFY = "classify"
REGRESS = "regress"
APIS = (CLASSIFY, REGRESS)
METHOD_NAMES = {CLASSIFY: "tensorflow/serving/classify", REGRESS: "tensorflow/serving/regress"}
INPUTS = "inputs"
"""``kClassifyInputs`` / ``kRegressInputs``."""
CLASSES, SCORES, OUTPUTS = "classes", "scores", "outputs"
_INVALID = "INVALID_ARGUMENT"


class Refusal(Exception):
    """TF Serving answers with this status instead of running the model."""

    def __init__(self, message: str, status_code: str = _INVALID) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


# ---------------------------------------------------------------------------------------------- the signature

def signature_debug_string(info: ModelInfo, key: str) -> str:
    """The SignatureDef's protobuf ``DebugString()`` (text format, sorted map keys) as TF Serving quotes it."""
    from google.protobuf import text_format

    return text_format.MessageToString(info.meta_graph.signature_def[key])


def check_signature(info: ModelInfo, signature_name: str, api: str, *, method_check: bool = False) -> str:
    """The signature key TF Serving runs for ``signature_name`` (``""`` → ``serving_default``); raises
    :class:`Refusal` with TF Serving's message when ``Get…SignatureDef``/``PreProcess…`` refuse it."""
    key = signature_name or DEFAULT_SIGNATURE
    defs = info.meta_graph.signature_def if info.meta_graph is not None else None
    if defs is None or key not in defs:
        raise Refusal(f"No signature was found with the name: {key}")
    sig = defs[key]
    kind = "classification" if api == CLASSIFY else "regression"
    if method_check and sig.method_name != METHOD_NAMES[api]:
        raise Refusal(f"Expected {kind} signature method_name to be {METHOD_NAMES[api]}. Was: {sig.method_name}")
    if len(sig.inputs) != 1:
        raise Refusal("Expected one input Tensor.")
    if api == CLASSIFY:
        if len(sig.outputs) not in (1, 2):
            raise Refusal(f"Expected one or two output Tensors, found {len(sig.outputs)}")
    elif len(sig.outputs) != 1:
        raise Refusal("Expected one output Tensor.")
    if INPUTS not in sig.inputs:
        raise Refusal(f"No {kind} inputs found in SignatureDef: {signature_debug_string(info, key)}")
    if api == CLASSIFY and CLASSES not in sig.outputs and SCORES not in sig.outputs:
        raise Refusal('Expected classification signature outputs to contain at least one of "classes" or '
                      f'"scores". Signature was: {signature_debug_string(info, key)}')
    if api == REGRESS and OUTPUTS not in sig.outputs:
        raise Refusal(f"No regression outputs found in SignatureDef: {signature_debug_string(info, key)}")
    return key


# ---------------------------------------------------------------------------------------------- the examples

def _example_message(features: Features) -> bytes:
    from ..batch.example import serialize_example  # (the batch check's own tf.Example message: one definition)

    return serialize_example(features)  # (a feature given as [] is present with no list set, as in TF Serving)


def serialized_examples(decoded: DecodedExamples) -> np.ndarray:
    """The DT_STRING vector TF Serving feeds: one serialized tf.Example per example, the context's bytes first."""
    context = _example_message(decoded.context) if decoded.context is not None else b""
    out = np.empty(len(decoded.examples), dtype=object)
    for i, features in enumerate(decoded.examples):
        out[i] = context + _example_message(features)
    return out


# ---------------------------------------------------------------------------------------------- the outputs

def _shape(array: np.ndarray) -> str:
    """``TensorShape::DebugString``: ``[2,3]``."""
    return "[" + ",".join(str(d) for d in array.shape) + "]"


def classification_results(outputs: Mapping[str, np.ndarray], dtypes: Mapping[str, str],
                           num_examples: int) -> list[list[tuple[bytes, float]]]:
    """``PostProcessClassificationResult``: (label, score) pairs per example; raises :class:`Refusal`."""
    classes, scores = outputs.get(CLASSES), outputs.get(SCORES)
    for name, array, dtype in ((CLASSES, classes, "DT_STRING"), (SCORES, scores, "DT_FLOAT")):
        if array is None:
            continue
        if array.ndim != 2:
            raise Refusal(f"Expected Tensor shape: [batch_size num_classes] but got {_shape(array)}")
        if dtypes.get(name) != dtype:
            raise Refusal(f"Expected {name} Tensor of {dtype}. Got: {dtypes.get(name)}")
        if array.shape[0] != num_examples:
            raise Refusal(f"Expected {name} output batch size of {num_examples}. Got: {array.shape[0]}")
    if classes is not None and scores is not None and classes.shape[1] != scores.shape[1]:
        raise Refusal(f"Tensors class and score should match in dim_size(1). Got {classes.shape[1]} vs. "
                      f"{scores.shape[1]}")
    num_classes = (classes if classes is not None else scores).shape[1]  # (check_signature: one of them is there)
    out = []
    for i in range(num_examples):
        labels = [bytes(classes[i, c]) for c in range(num_classes)] if classes is not None else [b""] * num_classes
        values = scores[i].tolist() if scores is not None else [0.0] * num_classes
        out.append(list(zip(labels, values)))
    return out


def regression_results(outputs: Mapping[str, np.ndarray], dtypes: Mapping[str, str],
                       num_examples: int) -> list[float]:
    """``PostProcessRegressionResult``: one value per example; raises :class:`Refusal`."""
    array = outputs[OUTPUTS]
    if not (array.ndim == 1 or (array.ndim == 2 and array.shape[1] == 1)):
        raise Refusal("Expected output Tensor shape to be either [batch_size] or [batch_size, 1] but got "
                      f"{_shape(array)}")
    if num_examples != array.shape[0]:
        raise Refusal(f"Input batch size did not match output batch size: {num_examples} vs. {array.shape[0]}")
    if dtypes.get(OUTPUTS) != "DT_FLOAT":
        raise Refusal(f"Expected output Tensor of DT_FLOAT.  Got: {dtypes.get(OUTPUTS)}")
    if array.size != num_examples:
        raise Refusal(f"Expected output batch size to be {num_examples}.  Got: {array.size}")
    return array.reshape(-1).tolist()


# ---------------------------------------------------------------------------------------------- findings

_JSON_FORM = {"float_list": "a number with a decimal point or exponent (80.0)",
              "int64_list": "a whole number without a decimal point (80) or true/false",
              "bytes_list": 'a string or {"b64": …}'}


def example_findings(info: ModelInfo, signature_key: str, decoded: DecodedExamples,
                     api: str = CLASSIFY) -> list[Diagnostic]:
    """What ``tf.io.parse_example`` would refuse in each example (context merged), said in the request's JSON
    terms: the tf.Example check of ``sigcheck batch`` (:func:`sigcheck.batch.example.check_example`, the spec read
    from the graph without TensorFlow) with JSON paths and the JSON form each feature needs.  Empty when the
    signature parses no Example the check can read."""
    from dataclasses import replace

    from ..batch.example import check_example, example_spec

    spec = example_spec(info, signature_key)
    if spec is None:
        return []
    seen: set[tuple[str, str]] = set()
    out: list[Diagnostic] = []
    for i, data in enumerate(serialized_examples(decoded)):
        for f in check_example(data, spec):
            key = f.path.removeprefix("$.features.")
            if (key, f.message) in seen:  # (the same mistake in every example: said once, at the first)
                continue
            seen.add((key, f.message))
            hint = f.hint
            if f.category == "dtype_mismatch" and f.expected in _JSON_FORM:
                hint = f'send "{key}" as {_JSON_FORM[f.expected]}: TF Serving picks a feature\'s list from the JSON'
            elif f.category == "input_keys_mismatch":
                hint = f'add "{key}" to every example (or to "context"), or give the feature a default_value'
            elif f.category == "input_shape_mismatch":
                values = re.sub(r"^1 values$", "1 value", f.expected or "")
                hint = f'send {values} for "{key}" (a JSON list, or one value)'
            out.append(replace(f, code=f"{api}.example", hint=hint,
                               path=f"$.examples[{i}].{key}"))
    return out


# ---------------------------------------------------------------------------------------------- the answer

def answer_examples(info: ModelInfo, get_model: Callable[[], Any], body: bytes, api: str, *,
                    method_check: bool = False, explain: bool = True) -> Prediction:
    """TF Serving's answer to ``body`` sent to ``:classify`` or ``:regress`` (``api``), run with the model
    ``get_model()`` returns (a :class:`~sigcheck.serving.child.ModelProcess` or an in-process
    :class:`~sigcheck.serving.session.LoadedModel`), as a :class:`~sigcheck.serving.predict.Prediction`
    (``format`` is None)."""
    if api not in APIS:
        raise ValueError(f"api must be one of {APIS}, not {api!r}")
    start = time.perf_counter()
    decoded = decode_examples(body)
    signature_name = decoded.signature_name or DEFAULT_SIGNATURE
    paused = 0.0
    kernels: str | None = None

    def done(status: int | None, text: str, stage: str, **kw: Any) -> Prediction:
        elapsed = (time.perf_counter() - start - paused) * 1000.0
        return Prediction(http_status=status, body=text, stage=stage, signature_name=signature_name, format=None,
                          latency_ms=elapsed, kernels=kernels, **kw)

    def refused(exc: Refusal, stage: str, **kw: Any) -> Prediction:
        return done(http_status(exc.status_code), error_body(exc.message), stage, status_code=exc.status_code,
                    error=exc.message, **kw)

    if not decoded.accepted:
        return refused(Refusal(decoded.error or "", decoded.status_code or _INVALID), REQUEST)
    try:
        key = check_signature(info, decoded.signature_name, api, method_check=method_check)
    except Refusal as exc:
        return refused(exc, REQUEST)
    feeds = {INPUTS: serialized_examples(decoded)}
    fed = info.signatures[key].inputs[INPUTS].dtype if key in info.signatures else "DT_STRING"
    if fed and fed.removesuffix("_REF") not in ("DT_STRING", "DT_INVALID"):
        # TF Serving checks no dtype: Session::Run's feed check refuses the string vector (FunctionCallFrame::SetArgs,
        # DirectSession::Run).  sigcheck's model process runs callables, whose check words it differently: said here
        return refused(Refusal(f"Expects arg[0] to be {dtype_entry(fed).tf_name} but string is provided"), EXECUTION)
    load_start = time.perf_counter()
    try:
        model = get_model()  # loading (once) is not part of the request's latency
    except ModelCrashError as exc:
        paused = time.perf_counter() - load_start
        return done(None, "", CRASH, error=exc.crash.message, crash=exc.crash,
                    findings=[exc.crash.finding(kernels="", path=f"$.signatures.{key}")])
    paused = time.perf_counter() - load_start
    kernels = getattr(model, "kernels_description", None)
    result = model.run(key, feeds)
    if result.crash is not None:
        return done(None, "", CRASH, error=result.crash.message, crash=result.crash,
                    findings=[result.crash.finding(kernels=getattr(model, "kernels", ""),
                                                   path=f"$.signatures.{key}")])
    if result.error is not None:
        answer = refused(Refusal(result.error.message, result.error.status_code), EXECUTION)
        if explain:
            from ..explain import explain_text

            answer.findings = example_findings(info, key, decoded, api)
            # (the catalogue's reading of a ParseExample error is a :predict client's: "send tf.Example protos";
            # this request did, so only the readings that fit it are kept)
            answer.explanations = [d for d in explain_text(result.error.message, info=info)
                                   if getattr(d, "category", None) != "serialized_example_input_expected"]
        return answer
    outputs = result.outputs or {}
    dtypes = result.dtypes or {alias: spec.dtype for alias, spec in info.signatures[key].outputs.items()}
    try:
        if api == CLASSIFY:
            status, text = results_json.classification_json(classification_results(outputs, dtypes,
                                                                                    len(decoded.examples)))
        else:
            status, text = results_json.regression_json(regression_results(outputs, dtypes, len(decoded.examples)))
    except Refusal as exc:
        return refused(exc, RESPONSE, outputs=outputs)
    return done(status, text, OK, outputs=outputs)


def classify(server: Any, body: bytes, *, method_check: bool = False, explain: bool = True) -> Prediction:
    """``:classify`` on a :class:`~sigcheck.serving.predict.LocalServer` (the model starts on first use)."""
    return answer_examples(server.info, lambda: server.model, body, CLASSIFY, method_check=method_check,
                           explain=explain)


def regress(server: Any, body: bytes, *, method_check: bool = False, explain: bool = True) -> Prediction:
    """``:regress`` on a :class:`~sigcheck.serving.predict.LocalServer` (the model starts on first use)."""
    return answer_examples(server.info, lambda: server.model, body, REGRESS, method_check=method_check,
                           explain=explain)
