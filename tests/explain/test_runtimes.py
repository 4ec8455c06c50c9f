"""A version mismatch in a text that shows another runtime than TF Serving loading the model (sigcheck/explain/
runtimes.py, fix.runtime_fix): the fix names that runtime and the versions to pair, not gcloud's --runtime-version,
a tensorflow/serving image or a Vertex container; a step of the text's own reading still leads."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.catalogue import load_catalogue
from sigcheck.explain.diagnosis import make_diagnosis
from sigcheck.explain.fix import runtime_fix
from sigcheck.explain.runtimes import named

# Real texts (spent threads and the runtimes' own messages), each with the runtime it shows.
SHOWN = [
    (">>opencv/modules/dnn/src/op_inf_engine.cpp:555: error: (-215:Assertion failed)\nFailed to initialize Inference "
     "Engine backend: \nIncorrect number of input edges for layer mbox_conf_reshape in function 'initPlugin'",
     "OpenVINO"),
    ("2020-08-01 04:41:53.434088: E tensorflow/compiler/tf2tensorrt/utils/trt_logger.cc:42] DefaultLogger "
     "INVALID_CONFIG: Deserialize the cuda engine failed.", "TensorRT"),
    ("org.tensorflow.TensorFlowException: Op type not registered 'BlockLSTM' in binary running on xubuntu.",
     "a TensorFlow binding (Java, Rust, C#, Go, C, R)"),
    ("interpreter = Interpreter(model_path='model.tflite')\ninterpreter.allocate_tensors()\nRuntimeError: Encountered "
     "unresolved custom op: PosenetDecoderOp.Node number 1 (PosenetDecoderOp) failed to prepare.", "TensorFlow Lite"),
    ("onnxruntime.capi.onnxruntime_pybind11_state.InvalidGraph: [ONNXRuntimeError] : 10 : INVALID_GRAPH : This is an "
     "invalid model.", "ONNX Runtime"),
    ("Error: Unknown op 'StatelessWhile'. File an issue at https://github.com/tensorflow/tfjs/issues\n    at "
     "loadGraphModel (node_modules/@tensorflow/tfjs-converter/dist/tf-converter.node.js:2)", "TensorFlow.js"),
    ("botocore.errorfactory.ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: "
     "Received server error (500) from model with message \"tensorflow_serving ... Op type not registered\"",
     "SageMaker's TensorFlow Serving container"),
]


@pytest.mark.parametrize("text, name", SHOWN)
def test_the_runtime_a_text_shows(text: str, name: str) -> None:
    runtime = named(text)
    assert runtime is not None and runtime.name == name


@pytest.mark.parametrize("text", [
    "E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: m version: 1} failed: Not found: Op type not "
    "registered 'DisableCopyOnRead' in binary running on 0e2b.",
    # Vertex serving a model another tool also touched: the category's own wording is about Vertex
    "google.api_core.exceptions.FailedPrecondition: 400 Model server never became ready. (model converted with "
    "tf2onnx earlier)",
    "ValueError: Unknown layer: 'CustomScale'. Please ensure you are using a `keras.utils.custom_object_scope`",
])
def test_no_other_runtime(text: str) -> None:
    assert named(text) is None


def _general(text: str):
    return make_diagnosis(load_catalogue()["runtime_version_mismatch"], {}, 0.3, upstream=text)


def test_a_runtime_outside_tensorflow_gets_its_own_step_cause_and_check() -> None:
    text = SHOWN[0][0]
    d = _general(text)
    assert d.steps[0].startswith("Serve with a runtime whose TensorFlow version")
    runtime_fix(d, text)
    assert d.steps[0].startswith("Use one OpenVINO release on both sides")
    assert not any("gcloud" in s or "re-export the model with the serving runtime" in s for s in d.steps)
    assert "OpenVINO" in d.cause and "TensorFlow/Keras than the one serving it" not in d.cause
    assert "OpenVINO" in (d.verify or "") and d.evidence["runtime"] == "OpenVINO"


def test_a_tensorflow_binding_keeps_tensorflows_cause_and_the_re_export() -> None:
    text = SHOWN[2][0]
    d = _general(text)
    cause = d.cause
    runtime_fix(d, text)
    assert d.steps[0].startswith("Use a libtensorflow at least as new as the TensorFlow that exported the model")
    assert d.cause == cause  # its kernels are TensorFlow's: exported against loading TensorFlow is the pair
    assert any(s.startswith("Or re-export the model with the serving runtime's") for s in d.steps)


def test_a_step_of_the_texts_own_reading_still_leads() -> None:
    text = SHOWN[0][0]
    d = _general(text)
    d.steps = ["Load the model with a newer runtime than 2021.4"] + d.steps
    runtime_fix(d, text)
    assert d.steps[0] == "Load the model with a newer runtime than 2021.4"
    assert not any("OpenVINO" in s for s in d.steps)  # no runtime's step is added to the text's own
    assert not any("gcloud" in s for s in d.steps)  # nothing in the text serves the model


def test_the_stages_reading_keeps_its_first_step_and_names_the_runtime_next() -> None:
    text = SHOWN[1][0]
    d = _general(text)
    d.evidence["stage"] = "loading"
    d.steps = ["Compare the two sides' versions: ...", "Paste the lines before this one too"]
    runtime_fix(d, text)
    assert d.steps[0].startswith("Compare the two sides' versions")
    assert d.steps[1].startswith("Build the TensorRT engine with the same TensorRT version")


def test_a_tensorflow_serving_text_keeps_the_categorys_wording() -> None:
    text = "E tensorflow_serving/util/retrier.cc:37] Loading servable failed: Op type not registered 'X' in binary"
    d = _general(text)
    before = (list(d.steps), d.cause)
    runtime_fix(d, text)
    assert (d.steps, d.cause) == before


def test_a_unity_app_with_tensorflowsharp_is_told_of_its_libtensorflow() -> None:
    # a real paste (threads_7, spent): TensorFlowSharp in Unity meets an attr of a newer TensorFlow's Conv2D
    text = ("Unable to lookup library path for 'libtensorflow', native render plugin support disabled.\n\nUnable to "
            "find libtensorflow TFException: NodeDef mentions attr 'dilations' not in Op<name=Conv2D; "
            "signature=input:T, filter:T -> output:T; attr=T:type,allowed=[DT_HALF, DT_FLOAT]>; NodeDef: "
            "MobilenetV1/MobilenetV1/Conv2d_0/convolution = Conv2D[T=DT_FLOAT, data_format=\"NHWC\", "
            "dilations=[1, 1, 1, 1], padding=\"SAME\", strides=[1, 2, 2, 1]](input, MobilenetV1/Conv2d_0/weights). "
            "(Check whether your GraphDef-interpreting binary is up to date with your GraphDef-generating binary.).")
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch"
    assert d.steps[0].startswith("Use a libtensorflow at least as new as the TensorFlow that exported the model")
    assert "dilations" in d.cause


def test_a_python_load_led_by_its_own_step_keeps_no_serving_step() -> None:
    # Python's marshal refusing a Lambda layer's bytecode: nothing serves the model, gcloud / Vertex are not the fix
    d = explain_text("ValueError: bad marshal data (unknown type code)")[0]
    assert d.category == "runtime_version_mismatch"
    assert "Python" in d.steps[0]
    assert not any("gcloud" in s or "tensorflow/serving" in s for s in d.steps)


def test_a_served_model_keeps_the_serving_steps() -> None:
    d = explain_text("E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: m version: 1} failed: Not "
                     "found: Op type not registered 'DisableCopyOnRead' in binary running on 0e2b.")[0]
    assert d.steps[0].startswith("Serve with a runtime whose TensorFlow version")
