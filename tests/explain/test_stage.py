"""explain's very last fallback (sigcheck/explain/stage.py): a text no other step reads, about a model a runtime
cannot load, read from that stage -- a version mismatch between the tool that wrote the model and what loads it --
at the lowest confidence, saying so; and no such reading for texts about something else."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text, load_catalogue, normalize, read_unknown
from sigcheck.explain.kinds import CONFIDENCE as KIND_CONFIDENCE
from sigcheck.explain.stage import CONFIDENCE, read_stage

# Messages of runtimes the index has not read (a loader's own words), each showing the loading stage differently:
# a loading verb and a model noun, a refusal of the model, a loader on the traceback.
LOADING = [
    "E/libc: [NPU] rknn_init fail! ret=-6: load model data failed, blob header mismatch",
    "NPU: failed to load network graph: bad magic 0x00000000",
    "RuntimeError: Operator GELU [150] is not supported by the vendor_delegate. Subgraph creation failed.",
    "Traceback (most recent call last):\n  File \"run.py\", line 3, in <module>\n    net = vendorlib.load_network("
    "\"model.xmodel\")\n  File \"/usr/lib/python3/site-packages/vendorlib/loader.py\", line 88, in load_network\n"
    "    raise VendorError(code)\nvendorlib.VendorError: code 0x2003",
]


@pytest.mark.parametrize("text", LOADING)
def test_a_model_that_does_not_load_is_read_from_that_stage(text: str) -> None:
    # the step itself (a runtime's message the index comes to hold -- TFLite's delegate wording, say -- is read by
    # an earlier step in the whole pipeline: the last text below is one no index entry can read)
    found = read_stage(normalize(text), {}, load_catalogue(), text)
    assert len(found) == 1
    d = found[0]
    assert d.category == "runtime_version_mismatch"
    assert d.confidence == CONFIDENCE < KIND_CONFIDENCE[0]
    assert d.title.endswith("(read from the stage only: a model that does not load)")
    assert d.evidence["stage_words"] and d.cause.startswith("No message in the text says the cause")
    assert d.steps[0].startswith("Compare the two sides' versions")


def test_explain_reaches_the_stage_when_nothing_else_reads_the_text() -> None:
    found = explain_text(LOADING[-1])
    assert len(found) == 1 and found[0].evidence.get("stage") == "loading"


@pytest.mark.parametrize("text", [
    # another cause in the innermost message: a path or URL not there, access, limits, the request
    "Error: failed to load model: GET https://example.com/models/model.json 404",
    "RuntimeError: failed to load model /data/model.kmodel: permission denied",
    "vendorlib.VendorError: load model: out of memory",
    "ERROR: could not load model: the file /sd/model.kmodel does not exist",
    # the input sent (ONNX Runtime's rank check, TFLite Micro's input check), a path docker refuses
    "onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid "
    "rank for input: input Got: 4 Expected: 5 Please fix either the inputs or the model.",
    "Loading Custom Model error: Bad Input Tensor parameters in model",
    "docker: Error response from daemon: invalid mount config for type \"bind\": invalid mount path: "
    "'hdfs://nn:8020/models/base-model/' mount path must be absolute.",
    # nothing about a model
    "ValueError: invalid literal for int() with base 10: 'abc'",
    "Segmentation fault (core dumped)",
])
def test_texts_about_something_else_stay_unread(text: str) -> None:
    assert all(d.title.find("read from the stage only") < 0 for d in explain_text(text))


def test_a_text_another_step_reads_keeps_that_reading() -> None:
    # TFLite's own message for a builtin operator at an unknown version is in the index: no stage reading
    text = "Didn't find op for builtin opcode 'CONV_2D' version '6'. An older version of this builtin might be " \
           "supported. Are you using an old TFLite binary with a newer model?"
    d = explain_text(text)[0]
    assert d.confidence > CONFIDENCE and "stage" not in d.evidence


def test_the_unknown_view_is_still_there_for_texts_nothing_reads() -> None:
    seen = read_unknown("Segmentation fault (core dumped)")
    assert seen is not None


def test_a_word_ending_in_no_is_not_tf_servings_missing_version() -> None:
    """The catalogue's ``no ... version N`` (TF Serving's missing version) needs a word boundary: depthai's
    ``Selected openvino version 2021.2`` holds "no version 2021" inside "openvino"."""
    text = ("[NeuralNetwork(2)] [error] Neural network blob compiled with uncompatible openvino version. Selected "
            "openvino version 2021.2. If you want to select an explicit openvino version use: setOpenVINOVersion "
            "while creating pipeline.")
    assert all(d.category != "model_not_found" for d in explain_text(text))


def test_a_wrapper_alone_does_not_stop_the_fallbacks() -> None:
    """Keras 3's deserialization wrapper (saving/serialization_lib.py) with no inner message: the index's reading is
    'look for the message after Exception encountered', which is not in the text; the stage reads it."""
    text = ("TypeError: <class 'keras.src.models.functional.Functional'> could not be deserialized properly. Please "
            "ensure that components that are Python object instances (layers, models, etc.) returned by "
            "`get_config()` are explicitly deserialized in the model's `from_config()` method.")
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and "stage" in d.evidence


def test_a_request_word_keeps_the_stage_silent() -> None:
    text = 'RuntimeError: failed to load model input: "instances" must be a list'
    assert all("stage" not in d.evidence for d in explain_text(text))
