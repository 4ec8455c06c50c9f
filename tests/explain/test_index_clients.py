"""The clients that load or run a trained model in the explain index (#15), from scripts/explain_index_clients.py:
TensorFlow.js (converter, layers, core), cppflow, R's keras and tensorflow packages, tf2onnx.  Each message is formatted
from its source's own template (JS template literals, C++ string concatenation, R's stop() pasting, Python %) and
given inside the wrapper a user meets it in (a browser's ``Uncaught (in promise) Error:`` with its stack, node's
``Error:`` line, C++'s ``terminate called``, R's ``Error in call :``, a logging line); it must be read to its category
with a first step that names the cause."""

from __future__ import annotations

import json
import sys

import pytest

from sigcheck.explain import explain_text

from .reading import best as _read
from .reading import rows_in_index, source_module


clients = source_module("explain_index_clients")


def test_every_client_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(clients.ROWS):
        assert "@" in source.split()[0], source  # every source is read at a named commit or release
        if category is None:
            assert e["reading"]


def test_every_row_quotes_its_source_file_at_its_commit() -> None:
    """Each row's QUOTES pieces are in the source file at the commit the row names (git mirrors under /work/.mirror;
    a row whose mirror is absent is not checked here)."""
    present = [t for t, *_ in clients.ROWS if (clients.MIRRORS / clients.QUOTES[t][0].replace("/", "+")).exists()]
    if not present:
        pytest.skip("no git mirror of the clients' sources under /work/.mirror")
    assert clients.check_quotes() == len(present)
    for template, pattern, source, *_ in clients.ROWS:
        repo, commit, path, _ = clients.QUOTES[template]
        assert source.startswith(f"github.com/{repo}@{commit} {path}"), (template, source)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    template = clients.TFJS_ROWS[1][0]
    repo, commit, path, _ = clients.QUOTES[template]
    if not (clients.MIRRORS / repo.replace("/", "+")).exists():
        pytest.skip(f"no git mirror of {repo}")
    monkeypatch.setitem(clients.QUOTES, template, (repo, commit, path, ("`Custom op ${node.op} is not known.`",)))
    with pytest.raises(SystemExit, match="not in"):
        clients.check_quotes()


STACK = "\n    at executeOp (tf-converter.esm.js:17:8921)\n    at GraphExecutor.execute (tf-converter.esm.js:17:61234)"
TFJS = [
    # (text as the browser / node prints it, category, a word the first step must have)
    ("Uncaught (in promise) Error: Unknown op 'NonMaxSuppressionV5'", "runtime_version_mismatch", "upgrade"),
    ("[Unhandled promise rejection: TypeError: Unknown op 'Einsum'. File an issue at https://github.com/tensorflow/"
     "tfjs/issues so we can add it, or register a custom execution with tf.registerOp()]",
     "runtime_version_mismatch", "tfjs"),
    ("Uncaught (in promise) TypeError: Custom op StatelessWhile is not registered." + STACK,
     "runtime_version_mismatch", "registerOp"),
    ("Error: Input tensor count mismatch, the graph model has 2 non-resource placeholders, while there are 1 input "
     "tensors provided.\n    at GraphModel.normalizeInputs (/app/node_modules/@tensorflow/tfjs-converter/dist/"
     "tf-converter.node.js:9321:19)", "input_keys_mismatch", "one tensor per model input"),
    ("Uncaught (in promise) Error: The output 'detection_scores' is not found in the graph" + STACK,
     "input_keys_mismatch", "output"),
    ("Error: The execution of the op 'Where' returned a promise. Please use model.executeAsync() instead.",
     "wrong_api_or_input_format", "executeAsync"),
    ("Uncaught (in promise) Error: The JSON from HTTP path http://localhost:8080/tfjs/metadata.json contains "
     "neither model topology or manifest for weights.", "savedmodel_not_found", "model.json"),
    ("Error: Model JSON is missing 'modelTopology'", "savedmodel_not_found", "model.json"),
    ("Uncaught (in promise) Error: Could not find weights in manifest with names: dense_1/kernel, dense_1/bias. \n"
     "Manifest JSON has weights with names: dense/kernel, dense/bias.", "variables_not_restored", "same conversion"),
    ("Uncaught (in promise) Error: Sequential.fromConfig called without an array of configs\nat new t "
     "(bundle.js:26972)\nat t.fromConfig (bundle.js:26972)\nat deserializeKerasObject (bundle.js:26972)",
     "runtime_version_mismatch", "0.13"),
    ("Error: Legacy serialization format not supported yet.", "runtime_version_mismatch", "Keras 2"),
    ("Uncaught (in promise) Error: Provided weight data has no target variable: conv2d_1/kernel",
     "variables_not_restored", "weight files"),
    ("Error: 4 of 10 weights are not set: batch_normalization/moving_mean,batch_normalization/moving_variance",
     "variables_not_restored", "weight files"),
    ("Error: Input 0 is incompatible with layer dense_Dense1: expected axis -1 of input shape to have value 784 but "
     "got shape 1,28,28,1.", "input_shape_mismatch", "model.inputs"),
    ("Error: Input 0 is incompatible with layer conv2d_Conv2D1: expected ndim=4, found ndim=3",
     "missing_batch_dimension", "batch"),
    ("Error: Error in fused matMul: inner shapes (1024) and (784) of Tensors with shapes 1,1024 and 784,10 and "
     "transposeA=false and transposeB=false must match.", "input_shape_mismatch", "width"),
    ("Error: Error in concat4D: Shape of tensors[1] (1,300,300,3) does not match the shape of the rest (1,224,224,3) "
     "along the non-concatenated axis 1.", "input_shape_mismatch", "resize"),
    ("Error: Error in resizeBilinear: x must be rank 3 or 4, but got rank 2.", "input_shape_mismatch", "[h, w, c]"),
    ("Uncaught (in promise) Error: pixels passed to tf.browser.fromPixels() can not be null\n    at fromPixels_ "
     "(tf-core.esm.js:17:1)", "wrong_api_or_input_format", "loaded"),
]


@pytest.mark.parametrize("message,category,word", TFJS, ids=[m[:60] for m, *_ in TFJS])
def test_tfjs_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


TERMINATE = "terminate called after throwing an instance of 'std::runtime_error'\n  what():  {}\nAborted (core dumped)"
OTHERS = [
    # cppflow 1 (Tensor.cpp / Model.cpp) and 2 (model.h), C++ string concatenation inside std::terminate's report
    (TERMINATE.format('No operation named "serving_default_x" exists'), "input_keys_mismatch", "get_operations"),
    (TERMINATE.format('Error: No operation named "init" exists'), "runtime_version_mismatch", "cppflow 2"),
    (TERMINATE.format('Error: No operation named "save/restore_all" exists'), "runtime_version_mismatch",
     "cppflow 2"),
    (TERMINATE.format("Failed to import graph def from file"), "savedmodel_not_found", "SAVED_MODEL"),
    # R: stop() pasting its arguments, printed by R as 'Error in <call> : <message>' (call. = FALSE: 'Error: ')
    ('Error in load_model_tf("saved_model/1") : \n  TensorFlow version >= 2.0.0 is requires to load models in the '
     "SavedModel format.", "runtime_version_mismatch", "install_keras"),
    ("Error: Keras loaded from keras Python module v2.0.5, however version 2.0.0 is required. Please update with "
     "keras::install_keras().", "runtime_version_mismatch", "newer"),
    ('Error in model_from_saved_model("export") : \n  TensorFlow version >= 1.14 is required. Use export_savedmodel() '
     "if you need to export to SavedModel format on older versions.", "runtime_version_mismatch", "reticulate"),
    ('Error in view_savedmodel("models/") : Failed to find \'pb\' file under models/', "savedmodel_not_found",
     "saved_model.pb"),
    # tf2onnx's logger.error and make_sure, as its command line prints them
    ("2024-03-02 10:11:12,345 - ERROR - Tensorflow op [StatefulPartitionedCall/model/lambda/StringSplitV2: "
     "StringSplitV2] is not supported\n2024-03-02 10:11:12,346 - ERROR - Unsupported ops: Counter({'StringSplitV2': "
     "1})", "runtime_version_mismatch", "opset"),
    ("ValueError: make_sure failure: Opset 20 is not supported yet. Please use a lower opset",
     "runtime_version_mismatch", "opset"),
]


@pytest.mark.parametrize("message,category,word", OTHERS, ids=[m[:60] for m, *_ in OTHERS])
def test_other_client_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


@pytest.mark.parametrize("message", [
    "Error: Valid installation of TensorFlow not found.\n\nPython environments searched for 'tensorflow' package:\n "
    "/usr/bin/python3.10\n\nYou can install TensorFlow using the install_tensorflow() function.",
    'Error in load_model_hdf5("model.h5") : \n  The h5py Python package is required to save and load models',
])
def test_r_environment_messages_are_not_read_as_the_model(message: str) -> None:
    """R finding no Python TensorFlow (or no h5py) is its environment's installation, not the request or the model."""
    from sigcheck.explain.index import match

    hits = [h for h in match(message) if h.entry.source.startswith("github.com/rstudio/")]
    assert hits and hits[0].entry.category is None and "installation" in hits[0].entry.reading


def test_a_cut_unknown_op_is_read_but_a_whole_one_keeps_its_own_entry() -> None:
    """The cut copy ('Unknown op 'X'' alone) is this module's entry; the whole message stays the platforms entry's."""
    from sigcheck.explain.index import match

    cut = [h.entry.source for h in match("Error: Unknown op 'NonMaxSuppressionV5'")]
    assert any("explain" not in s and "operation_executor.ts:115 (executeOp, default case" in s for s in cut)
    whole = match("Unknown op 'NonMaxSuppressionV5'. File an issue at https://github.com/tensorflow/tfjs/issues so "
                  "we can add it, or register a custom execution with tf.registerOp()")
    assert whole and all("the message cut" not in h.entry.source for h in whole)


ORT_ERR = "onnxruntime.capi.onnxruntime_pybind11_state.{kind}: [ONNXRuntimeError] : {code} : {status} : {message}"
ORT = [
    # ONNX Runtime's Status text as the Python binding raises it (std::ostringstream as CheckShapes / CheckTypes /
    # ValidateInputs build it), for a model converted from TensorFlow
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Got invalid dimensions for "
                    "input: input_1 for the following indices\n index: 0 Got: 16 Expected: 1\n Please fix either the "
                    "inputs or the model."), "fixed_batch_size_in_graph", "batch"),
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Got invalid dimensions for "
                    "input: input_1 for the following indices\n index: 0 Got: 16 Expected: 1\n index: 3 Got: 1 "
                    "Expected: 3\n Please fix either the inputs or the model."), "input_shape_mismatch", "get_inputs"),
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Got invalid dimensions for "
                    "input: x for the following indices\n index: 1 Got: 3 Expected: 224\n index: 3 Got: 224 "
                    "Expected: 3\n Please fix either the inputs or the model."), "input_shape_mismatch", "NHWC"),
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Invalid rank for input: "
                    "input_1 Got: 3 Expected: 4 Please fix either the inputs or the model."),
     "missing_batch_dimension", "batch"),
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Unexpected input data type. "
                    "Actual: (tensor(double)) , expected: (tensor(float))"), "dtype_mismatch", "float32"),
    (ORT_ERR.format(kind="InvalidArgument", code=2, status="INVALID_ARGUMENT", message="Invalid Feed Input Name:"
                    "dense_input"), "input_keys_mismatch", "get_inputs"),
    ("Traceback (most recent call last):\n  File \"serve.py\", line 12, in predict\n    out = sess.run(None, "
     "{\"input\": x})\n  File \"/usr/local/lib/python3.10/site-packages/onnxruntime/capi/onnxruntime_inference_"
     "collection.py\", line 196, in _validate_input\n    raise ValueError(\nValueError: Required inputs (['input_ids',"
     " 'attention_mask']) are missing from input feed (['input']).", "input_keys_mismatch", "get_inputs"),
    (ORT_ERR.format(kind="Fail", code=1, status="FAIL", message="Load model from model.onnx failed:/onnxruntime_src/"
                    "onnxruntime/core/graph/model.cc:149 onnxruntime::Model::Model(onnx::ModelProto&&, const "
                    "PathString&, const IOnnxRuntimeOpSchemaRegistryList*, const logging::Logger&, const "
                    "ModelOptions&) Unsupported model IR version: 10, max supported IR version: 8"),
     "runtime_version_mismatch", "upgrade onnxruntime"),
    (ORT_ERR.format(kind="NoSuchFile", code=3, status="NO_SUCHFILE", message="Load model from ./model/model.onnx "
                    "failed:Load model ./model/model.onnx failed. File doesn't exist"), "savedmodel_not_found",
     "path"),
]


@pytest.mark.parametrize("message,category,word", ORT, ids=[m[60:120] for m, *_ in ORT])
def test_onnxruntime_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


def test_an_onnx_session_fed_a_tensorflow_file_is_read_as_no_model_file() -> None:
    d = _read("onnxruntime.capi.onnxruntime_pybind11_state.InvalidProtobuf: [ONNXRuntimeError] : 7 : "
              "INVALID_PROTOBUF : Load model from export/1/saved_model.pb failed: Failed to load model because "
              "protobuf parsing failed.")
    assert d.category == "savedmodel_not_found", d.category
    assert "tf2onnx" in d.steps[0], d.steps[:1]


MLFLOW = [
    # MLflow's pyfunc schema enforcement (f-strings of mlflow/models/utils.py), raised in Python or returned by
    # `mlflow models serve` as its JSON error body
    ("mlflow.exceptions.MlflowException: Shape of input (224, 224, 3) does not match expected shape (-1, 224, 224, "
     "3).", "missing_batch_dimension", "batch"),
    ('{"error_code": "BAD_REQUEST", "message": "Shape of input (1, 784) does not match expected shape (-1, 28, 28)."'
     ', "stack_trace": "Traceback (most recent call last):..."}', "input_shape_mismatch", "signature"),
    ('{"error_code": "BAD_REQUEST", "message": "dtype of input float64 does not match expected dtype float32"}',
     "dtype_mismatch", "float32"),
    ("mlflow.exceptions.MlflowException: Model is missing inputs ['image']. Note that there were extra inputs: "
     "['instances']", "input_keys_mismatch", "signature"),
    ("mlflow.exceptions.MlflowException: Incompatible input types for column age. Can not safely convert float64 to "
     "int64. Hint: the type mismatch is likely caused by missing values.", "dtype_mismatch", "column"),
]


@pytest.mark.parametrize("message,category,word", MLFLOW, ids=[m[:60] for m, *_ in MLFLOW])
def test_mlflow_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


MORE = [
    # Keras.js (JS template literals / string concatenation of src/Model.js), in a browser console
    ("Uncaught (in promise) Error: [Model] Layer Rescaling specified in model configuration is not implemented!\n"
     "    at Model._createLayer (keras.js:1:40215)", "runtime_version_mismatch", "TensorFlow.js"),
    ('Uncaught (in promise) Error: [Model] predict() must take an object where the keys are the named inputs of the '
     'model: ["input_1"]\n    at Model.predict (keras.js:1:44100)', "input_keys_mismatch", "input names"),
    ("Error: [Model] predict() must take an object where the values are the flattened data as Float32Array.",
     "wrong_api_or_input_format", "Float32Array"),
    # DeepSpeech's native client: std::cerr from TFModelState::init, then the Python binding's error
    ("TensorFlow: v1.14.0-21-ge77504a\nDeepSpeech: v0.6.0-0-g6d43e21\nSpecified model file version (1) is incompatible "
     "with minimum version supported by this client (3). See https://github.com/mozilla/DeepSpeech/blob/v0.6.0/doc/"
     "USING.rst#model-compatibility for more information\nTraceback (most recent call last):\n  File \"client.py\", "
     "line 9, in <module>\nRuntimeError: CreateModel failed with error code 8195", "runtime_version_mismatch",
     "release"),
    # libedgetpu's StringPrintf inside TFLite's delegate error, from tflite_runtime's allocate_tensors
    ("  File \"/usr/lib/python3/dist-packages/tflite_runtime/interpreter.py\", line 242, in allocate_tensors\n    "
     "return self._interpreter.AllocateTensors()\nRuntimeError: Internal: Unsupported data type in custom op "
     "handler: 0Node number 0 (EdgeTpuDelegateForCustomOp) failed to prepare.", "runtime_version_mismatch",
     "libedgetpu"),
]


@pytest.mark.parametrize("message,category,word", MORE, ids=[m[:60] for m, *_ in MORE])
def test_more_client_runtimes_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


SERVING_LIBS = [
    # TF Java (String.format of ConcreteFunction.call), in a Java stack trace
    ("Exception in thread \"main\" java.lang.IllegalArgumentException: Function [tensorflow/serving/predict] requires "
     "multiple inputs\n\tat org.tensorflow.ConcreteFunction.call(ConcreteFunction.java:284)\n\tat org.tensorflow."
     "SessionFunction.call(SessionFunction.java:101)", "input_keys_mismatch", "Map.of"),
    ("java.lang.IllegalArgumentException: Function [tensorflow/serving/predict] has multiple outputs\n\tat "
     "org.tensorflow.ConcreteFunction.call(ConcreteFunction.java:290)", "wrong_api_or_input_format", "output"),
    # BentoML's NotFound (f-strings of store.py / frameworks/keras.py) as `bentoml serve` logs them
    ("bentoml.exceptions.NotFound: Model 'fraud_detector:latest' is not found in BentoML store "
     "/home/bentoml/bentoml/models, you may need to run `bentoml models pull` first", "model_not_found", "store"),
    ("bentoml.exceptions.NotFound: no Models with name 'fraud_detector' exist in BentoML store "
     "/home/bentoml/bentoml/models", "model_not_found", "save_model"),
    ("bentoml.exceptions.NotFound: Model fraud_detector:kq3x5 was saved with module bentoml.keras, not loading with "
     "bentoml.tensorflow.", "wrong_api_or_input_format", "module"),
]


@pytest.mark.parametrize("message,category,word", SERVING_LIBS, ids=[m[:60] for m, *_ in SERVING_LIBS])
def test_serving_library_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


CONVERTER = [
    # tensorflowjs_converter's ValueErrors (Python % formatting of converter.py), at the end of its traceback
    ("Traceback (most recent call last):\n  File \"/usr/local/bin/tensorflowjs_converter\", line 8, in <module>\n    "
     "sys.exit(pip_main())\nValueError: Expected path to point to an HDF5 file, but it points to a directory: "
     "export/1", "savedmodel_not_found", "tf_saved_model"),
    ("ValueError: Nonexistent path to HDF5 file: ./model.h5", "savedmodel_not_found", "working directory"),
    ("ValueError: Unsupported input_format - output_format pair: keras_saved_model - tfjs_layers_model",
     "wrong_api_or_input_format", "tfjs_graph_model"),
]


@pytest.mark.parametrize("message,category,word", CONVERTER, ids=[m[-60:] for m, *_ in CONVERTER])
def test_tfjs_converter_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category)
    assert word.lower() in " ".join(d.steps[:1]).lower(), d.steps[:1]


@pytest.mark.parametrize("message", [
    ORT_ERR.format(kind="NotImplemented", code=9, status="NOT_IMPLEMENTED", message="Could not find an implementation "
                   "for the node model/dense/MatMul:MatMulInteger(10)"),
    # the later releases' wording of the same check, as onnxruntime-web reports it
    "Error: Can't create a session. ERROR_CODE: 9, ERROR_MESSAGE: Could not find an implementation for "
    "ConvInteger(10) node with name '/conv1/Conv_quant'",
])
def test_an_op_onnx_runtime_does_not_implement_is_a_runtime_version_reading(message: str) -> None:
    d = _read(message)
    assert d.category == "runtime_version_mismatch", (message, d.category)
    assert "opset" in d.steps[0], d.steps[:1]


def test_a_tfjs_node_binding_not_built_is_read_as_its_installation() -> None:
    from sigcheck.explain.index import match

    text = ("Error: The Node.js native addon module (tfjs_binding.node) can not be found at path: /app/node_modules/"
            "@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node. \nPlease run command 'npm rebuild "
            "@tensorflow/tfjs-node --build-addon-from-source' to rebuild the native addon module. \nIf you have "
            "problem with building the addon module, please check https://github.com/tensorflow/tfjs/blob/master/"
            "tfjs-node/WINDOWS_TROUBLESHOOTING.md or file an issue.\n    at Object.<anonymous> (/app/node_modules/"
            "@tensorflow/tfjs-node/dist/index.js:49:11)")
    hits = match(text)
    assert hits and hits[0].entry.source.endswith("tfjs-node/src/index.ts:41 (module load)")
    assert hits[0].entry.category is None and "installation" in hits[0].entry.reading
