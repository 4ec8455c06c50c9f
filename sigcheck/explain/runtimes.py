"""Which runtime other than TF Serving a pasted text shows loading the model, and how a model it does not read is fixed.

A version mismatch read from a message's kind or stage (no index entry of its own) gets the category's wording, which
speaks of TF Serving, gcloud and Vertex. When the text shows another runtime loading the model (OpenVINO, ONNX
Runtime, TFLite, TF.js, TensorRT, a TensorFlow binding in Java / Rust / C# ...), the fix names that runtime and the
pair of versions that matters for it: the runtime against the converter or TensorFlow that wrote the model.

    >>> named("RuntimeError: Exception from src/inference/src/cpp/core.cpp:90: ... openvino").name
    'OpenVINO'
    >>> named("E tensorflow_serving/servables/tensorflow/saved_model_bundle_factory.cc") is None
    True
    >>> served("ValueError: bad marshal data (unknown type code)")
    False
    >>> loader("ValueError: NodeDef mentions attr 'explicit_paddings' not in Op<name=Conv2D>")
    'python'
    >>> loader("E external/org_tensorflow/tensorflow/core/framework/op_kernel.cc:1651] Not found: Op type not registered")
    'server'
    >>> loader("Op type not registered 'XlaSharding' in binary running") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .patterns import lazy


@dataclass(frozen=True)
class Runtime:
    name: str
    shows: re.Pattern[str]
    """What in a text shows this runtime loading or running the model (a package, a source path, its own words)."""
    written_by_tensorflow: bool
    """The runtime runs TensorFlow's own kernels (a binding of libtensorflow, a server around TF Serving): the
    model's ops are TensorFlow's and the TensorFlow version of both sides is the pair to compare."""
    step: str
    """The first step of a version mismatch this runtime reports."""


RUNTIMES: tuple[Runtime, ...] = (
    Runtime("SageMaker's TensorFlow Serving container", lazy(r"sagemaker|InvokeEndpoint", re.I), True,
            "Deploy with a SageMaker TensorFlow container whose framework_version is at least the TensorFlow that "
            "exported the model (TensorFlowModel(framework_version=...)), or re-export with the container's "
            "TensorFlow version."),
    Runtime("Triton's TensorFlow backend", lazy(r"\btriton|tritonserver|nvcr\.io/nvidia/tritonserver", re.I),
            True,
            "Use a Triton release whose TensorFlow backend is at least the TensorFlow that exported the model (each "
            "Triton release notes its TensorFlow version), or re-export with that TensorFlow version."),
    Runtime("OpenVINO", lazy(r"openvino|\binference ?engine\b|\bInferenceEngine::|\bovc\b|model[ _]optimizer|"
                                   r"\bmo(?:_tf)?\.py\b|src/(?:inference|frontends|core)/src/", re.I), False,
            "Use one OpenVINO release on both sides: convert the model (ovc / openvino.convert_model, or mo) with the "
            "OpenVINO version of the runtime that loads it, or upgrade that runtime to the converter's release; and "
            "check that this OpenVINO release's frontend supports the TensorFlow / ONNX version that saved the model."),
    Runtime("TensorRT", lazy(r"tensorrt|\bnvinfer|trtexec|\bTF-?TRT\b|\btrt_convert\b|\bTRTEngineOp\b", re.I),
            False,
            "Build the TensorRT engine with the same TensorRT version (and on the same GPU) that runs it: an engine "
            "is tied to the TensorRT release and device that built it; for an ONNX input, export with an opset this "
            "TensorRT's parser supports."),
    Runtime("ONNX Runtime", lazy(r"onnxruntime|ONNXRuntimeError|\bInferenceSession\b", re.I), False,
            "Upgrade onnxruntime to a release that supports the model's opset and IR version, or export the ONNX "
            "model again with an opset the installed runtime supports (tf2onnx --opset N)."),
    Runtime("the ONNX converters", lazy(r"tf2onnx|keras2onnx|onnx_tf|onnx-tf|onnx2keras|\bonnx\b", re.I), False,
            "Use converter versions made for each other: tf2onnx / onnx-tf / onnx2keras of the TensorFlow that "
            "saved the model, and an opset both the converter and the runtime support (--opset N)."),
    Runtime("TensorFlow Lite", lazy(r"tflite|tensorflow[ /]lite|\bLiteRT\b|tensorflow/lite/|\.tflite\b|"
                                          r"\bInterpreter\b.{0,40}(?:allocate|invoke)|TfLite", re.I), False,
            "Use a TFLite runtime at least as new as the TensorFlow that converted the model (tflite-runtime / "
            "ai-edge-litert / tensorflow pip, org.tensorflow:tensorflow-lite on Android, TFLite Micro), or convert "
            "again with a TensorFlow as old as the runtime (and only builtin ops it has)."),
    Runtime("TensorFlow.js", lazy(r"tfjs|tensorflowjs|@tensorflow/|loadGraphModel|loadLayersModel|"
                                        r"tf\.loadModel", re.I), False,
            "Use the @tensorflow/tfjs (and tfjs-node) release that matches the tensorflowjs converter that wrote "
            "model.json, or convert again with a converter of the runtime's release."),
    Runtime("Core ML", lazy(r"coremltools|\bCoreML\b|\.mlmodel", re.I), False,
            "Convert with a coremltools release that supports both the TensorFlow / Keras version that saved the "
            "model and the iOS / macOS deployment target that loads it (minimum_deployment_target)."),
    Runtime("OpenCV's dnn module", lazy(r"cv2\.dnn|cv::dnn|opencv|readNetFrom", re.I), False,
            "Upgrade OpenCV (its dnn importers read more layers in newer releases), or give it a frozen inference "
            "graph (or ONNX export) made only of ops its importer supports."),
    Runtime("a device toolchain (Edge TPU, RKNN, ncnn, MNN, TVM, SNPE, Hailo, Arm NN, NNAPI)",
            lazy(r"edgetpu|edge tpu|rknn|\bncnn\b|\bMNN\b|\btvm\b|\bsnpe\b|hailo|armnn|arm nn|nnapi|"
                       r"\bvitis|\bneuron\b|\bkmodel\b|nncase", re.I), False,
            "Use the device SDK's documented pair: convert / compile the model with the toolchain version that "
            "matches the runtime or firmware on the device (or upgrade the device side), from a TensorFlow version "
            "that toolchain supports."),
    Runtime("Deeplearning4j", lazy(r"deeplearning4j|org\.nd4j|\bdl4j\b", re.I), False,
            "Upgrade deeplearning4j to a release whose Keras / TensorFlow import reads the version that saved the "
            "model, or save the model with a Keras version it supports."),
    # (a C API call in a Python traceback -- c_api.TF_GraphImportGraphDefWithResults(, tf_session.TF_...( -- is
    # Python's TensorFlow: no binding)
    Runtime("a TensorFlow binding (Java, Rust, C#, Go, C, R)",
            lazy(r"org\.tensorflow|tensorflow-core|tensorflow::|tensorflow_rust|tensorflow-rust|"
                       r"TensorFlowSharp|TensorFlow\.NET|Tensorflow\.NET|SciSharp|libtensorflow|(?<![.\w])TF_\w+\(|"
                       r"tensorflow/tensorflow/go|github\.com/tensorflow/tensorflow/tensorflow/go|rstudio|cppflow",
                       re.I), True,
            "Use a libtensorflow at least as new as the TensorFlow that exported the model: the binding's release "
            "bundles one (TF Java's tensorflow-core-platform, the tensorflow crate, TensorFlowSharp / TensorFlow.NET's "
            "redist, cppflow's libtensorflow), or export with a TensorFlow as old as it."),
)

_SERVING_OWN = lazy(r"tensorflow_serving|tensorflow/serving|tensorflow_model_server|\bservable\b|gcloud|"
                          r"ml-engine|ai-platform|aiplatform|vertex|google\.api_core|kserve|kfserving|seldon", re.I)
"""TF Serving (or a server around it), gcloud, AI Platform or Vertex in the text: the category's own wording is about
them."""


HEAD, TAIL = 8_000, 20_000
"""A long paste is read at its start (the command that loaded the model) and its end (the innermost message)."""


@lru_cache(maxsize=8)
def named(text: str) -> Runtime | None:
    """The runtime the text shows loading the model, if not TF Serving itself: of the runtimes shown, the one whose
    last mention comes latest (the innermost message of a traceback comes last).  None when the text shows TF Serving,
    gcloud or Vertex and no runtime built around them.  Each reading's fix and :func:`loader` ask it of the same
    text: it is read once (the runtimes' patterns and the start-up lines over up to 28 kB)."""
    from .normalize import drop_startup_logs  # (TF-TRT's 'Could not find TensorRT', printed on every machine
                                              # without it, names no runtime that loads the model)

    if len(text) > HEAD + TAIL:
        text = text[:HEAD] + "\n" + text[-TAIL:]
    text = drop_startup_logs(text)
    found: list[tuple[int, int, Runtime]] = []
    for i, runtime in enumerate(RUNTIMES):
        last = None
        for m in runtime.shows.finditer(text):
            last = m.start()
        if last is not None:
            found.append((last, -i, runtime))
    if not found:
        return None
    runtime = max(found, key=lambda f: (f[0], f[1]))[2]
    if _SERVING_OWN.search(text) and not runtime.written_by_tensorflow:
        return None  # TF Serving / Vertex loading a model another tool also touched: the category's wording stands
    return runtime


def served(text: str) -> bool:
    """Whether the text shows the model served by TF Serving, gcloud, Vertex or a server that runs TensorFlow's own
    kernels (SageMaker's and Triton's containers, a TensorFlow binding), rather than loaded by Python code or another
    runtime."""
    if _SERVING_OWN.search(text):
        return True
    runtime = named(text)
    return runtime is not None and runtime.written_by_tensorflow


SERVERS = ("SageMaker", "Triton")
"""The runtimes of :data:`RUNTIMES` that are model servers (their names start so)."""
_SERVER_SHOWN = lazy(r"external/org_tensorflow/|StatusCode\.|\b_?Rendezvous\b|AbortionError|_InactiveRpcError|"
                     r"\bgrpc_status\b|grpc_message|:850[01]\b|/v1/models/|Loading servable|^\s*\{\s*\"error\"\s*:", re.I | re.M)
"""A model server answering (TF Serving's own build of TensorFlow logs its paths under external/org_tensorflow/; a gRPC
client's status; TF Serving's REST port, URL or JSON error body): whatever its name, a server loads the model."""

_PYTHON_FRAMES = lazy(r'Traceback \(most recent call last\)|File "[^"\n]{1,400}\.py", line \d|<ipython-input|'
                      r"site-packages|dist-packages|tensorflow(?:_core)?[/\\]python[/\\]|errors_impl\.")
"""A Python process raised it: a traceback, a frame of a .py file, an installed package's path."""
_PYTHON_RAISED = lazy(r"(?:^|[\s`>(])(?:ValueError|RuntimeError|KeyError|TypeError|OSError|IOError|FileNotFoundError|"
                      r"NotFoundError|InvalidArgumentError|ImportError|AttributeError|_SymbolicException)(?::|\b(?= \w))|"
                      r"\b__init__\(\) got an unexpected keyword|\b[\w-]{1,80}\.py\b", re.M)
"""A Python exception's class name where a message starts (import_graph_def raises ValueError, tf.saved_model.load a
NotFoundError): no model server raises a Python exception, a binding names its own (TensorFlowException, TFException)."""


def loader(text: str) -> str | None:
    """Who loads the model in the text: ``"server"`` (TF Serving, gcloud, Vertex, SageMaker, Triton or a server's
    gRPC / REST answer), ``"python"`` (a Python process: a traceback, a Python exception's name), the name of another
    runtime (:func:`named`), or None when the text does not show it."""
    if len(text) > HEAD + TAIL:
        text = text[:HEAD] + "\n" + text[-TAIL:]
    runtime = named(text)
    if _SERVING_OWN.search(text) or _SERVER_SHOWN.search(text) or (runtime is not None
                                                                   and runtime.name.startswith(SERVERS)):
        return "server"
    if runtime is not None:
        return runtime.name
    if _PYTHON_FRAMES.search(text) or _PYTHON_RAISED.search(text):
        return "python"
    return None


def python_frames(text: str) -> bool:
    """A Python traceback or an installed package's path in the text (stronger than an exception's name alone)."""
    return bool(_PYTHON_FRAMES.search(text))


PYTHON_STEP = ("Upgrade TensorFlow in the Python environment that loads the model to the version that exported it or "
               "a newer one (python -m pip install -U 'tensorflow==<that version>'; pip show tensorflow prints the one "
               "installed there; on a Jetson or another device, the TensorFlow wheel built for it)")
"""A version mismatch a Python process reports (import_graph_def, tf.saved_model.load, load_model): its own TensorFlow
is the older side."""
KERAS_STEP = ("Upgrade Keras in the Python environment that loads the model to the version that saved it or a newer "
              "one (python -m pip install -U 'keras>=<that version>'; pip show keras prints the one installed there): "
              "Keras 3 is its own package, so a newer TensorFlow alone does not bring it")
"""A Keras 3 (a module only Keras 3 has in the frames) that does not know an argument a newer Keras 3 wrote: Keras is
the older side, not TensorFlow."""
ANY_STEP = ("Load the model with a TensorFlow at least as new as the one that exported it, in whatever loads it: the "
            "tensorflow package of the Python environment (pip install -U tensorflow), the libtensorflow a binding or "
            "tfjs-node bundles (a newer release of the binding), or the model server's TensorFlow (a newer "
            "tensorflow/serving image or Triton release, gcloud --runtime-version, a newer Vertex pre-built "
            "container)")
REEXPORT_STEP = "Or re-export the model with the TensorFlow/Keras version of the side that loads it."
"""The other side's cure, said of whatever loads the model."""
"""The same when the text does not show what loads the model: the side to change (the loader, or the export) is
named, every kind of loader with it."""


def loading_words(cause: str) -> str:
    """A cause in TF Serving's words ("the one serving it", "the serving binary") said of whatever loads the model."""
    for old, new in (("than the one serving it", "than the one loading it"),
                     ("The serving runtime is older", "The TensorFlow loading the model is older"),
                     ("the serving binary does not know", "the TensorFlow loading it does not know"),
                     ("the serving Keras does not know", "the Keras loading it does not know")):
        cause = cause.replace(old, new)
    return cause
