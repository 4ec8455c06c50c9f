"""JVM, .NET and other-language runtimes that load a Keras / TensorFlow model, in the explain index (#15), from
scripts/explain_index_jvm.py: deeplearning4j's Keras import and network shape checks, TensorFlow Java (1.x and the
current API), the TensorFlow C API's GraphDef import, TensorFlowSharp, TensorFlow.NET, ML.NET's TensorFlow scoring,
DJL.  Each message is given as the runtime prints it (a JVM ``Exception in thread "main" X: …`` with its ``at``
frames or a ``Caused by:``, a .NET ``Unhandled exception. X: …`` with an inner `` ---> ``), and must be read to its
category with a first step that names the cause; the layers reader must give the inner message."""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.layers import read_layers
from sigcheck.explain.normalize import normalize

from .reading import best as _read
from .reading import (a_wrong_quote_stops_the_build, index_entries, quotes_at_their_commits, rows_in_index, said,
                      source_module)

jvm = source_module("explain_index_jvm")
INDEX = index_entries()


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(jvm.ROWS):
        assert re.match(r"github\.com/[\w.-]+/[\w.-]+@[0-9a-f]{12} \S", source), source  # a repository at a commit
        assert e["fix"] and e["meaning"] if category else e["reading"]
    assert sum(e["source"].startswith("tensorflow libtensorflow_cc") for e in INDEX if e["template"] ==
               "Invalid GraphDef") == 1


def test_every_row_names_the_commit_of_each_file_it_quotes() -> None:
    for template, _, source, *_ in jvm.ROWS:
        quotes = jvm.QUOTES[template]
        assert quotes, template
        assert any(f"github.com/{q.repo}@{q.commit[:12]} {q.path}" in source for q in quotes), (template, source)


@pytest.mark.parametrize("repo", sorted({q.repo for qs in jvm.QUOTES.values() for q in qs}))
def test_each_row_quotes_its_source_at_its_commit(repo: str) -> None:
    """Each row's pieces are in its files at the commits named (the git mirrors under /work/.mirror)."""
    assert quotes_at_their_commits(jvm, repo, "deeplearning4j's snapshot is above the mirror limit and "
                                   "tensorflow/tensorflow is not mirrored: their rows were read with the search "
                                   "tool's read_file at the commits named")


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    a_wrong_quote_stops_the_build(jvm, jvm.TFJAVA_REPO, "graphDef and prefix may not be null", monkeypatch)


def test_the_c_api_literal_is_read_from_the_installed_library() -> None:
    if not (jvm.TF / jvm.C_API_LIB).exists():
        pytest.skip("no installed TensorFlow library to read the C API's message from")
    (row,) = jvm.c_api_rows()
    assert row[0] == "Invalid GraphDef" and jvm.C_API_LIB in row[2]


def test_the_softmax_rank_message_is_a_fact_of_old_releases() -> None:
    """'logits must be 2-dimensional' is in tensorflow 1.8.0's library and in none of 1.15.5's nor the installed one's
    (softmax_rows checks both, or the build stops)."""
    req, _, _ = jvm.OLD_TF
    name, version = req.split("==")
    if not any(p.name.startswith(f"{name}-{version}-") for p in jvm.WHEELS.glob("*.whl")):
        pytest.skip(f"no {req} wheel in {jvm.WHEELS} (the index build fetches it)")
    (row,) = jvm.softmax_rows()
    assert row[3] == "runtime_version_mismatch" and "not in tensorflow 1.15.5" in row[2]


JAVA = "Exception in thread \"main\" {exc}: {m}\n\tat {frame}\n\tat com.example.Main.main(Main.java:21)"
DL4J_IMPORT = "org.deeplearning4j.nn.modelimport.keras.exceptions."
DL4J_INPUT = "org.deeplearning4j.exception.DL4JInvalidInputException"
IMPORT_FRAME = "org.deeplearning4j.nn.modelimport.keras.KerasModel.<init>(KerasModel.java:169)"
DOTNET = "Unhandled exception. {exc}: {m}\n   at {frame}\n   at Program.Main(String[] args) in C:\\src\\Program.cs:line 14"

CASES = [
    # (text as the runtime prints it, category, a word the cause or first step must have)
    # ---- deeplearning4j's Keras import
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException", m="Unknown Keras activation function gelu",
                 frame="org.deeplearning4j.nn.modelimport.keras.utils.KerasActivationUtils.mapToActivation("
                       "KerasActivationUtils.java:80)"), "runtime_version_mismatch", "deeplearning4j-modelimport"),
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException",
                 m="Unknown Keras loss function sparse_categorical_crossentropy", frame=IMPORT_FRAME),
     "runtime_version_mismatch", "enforceTrainingConfig=false"),
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException",
                 m="Loss function sparse_categorical_crossentropy not supported yet.", frame=IMPORT_FRAME),
     "runtime_version_mismatch", "importKerasModelAndWeights(path, false)"),
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException",
                 m="Unknown keras weight initializer VarianceScaling", frame=IMPORT_FRAME), "runtime_version_mismatch",
     "enforceTrainingConfig"),
    (DL4J_IMPORT + "InvalidKerasConfigurationException: Keras layer is missing kernel_initializer field. For more "
     "information, see http://deeplearning4j.org/model-import-keras.", "runtime_version_mismatch", "Keras 2"),
    (JAVA.format(exc=DL4J_IMPORT + "InvalidKerasConfigurationException",
                 m="Could not find layer configurations (no layers field found)", frame=IMPORT_FRAME),
     "runtime_version_mismatch", "Keras 3"),
    (JAVA.format(exc=DL4J_IMPORT + "InvalidKerasConfigurationException",
                 m="Requires model configuration as either JSON or YAML string.", frame=IMPORT_FRAME),
     "model_load_failed", "model.save('model.h5')"),
    (JAVA.format(exc=DL4J_IMPORT + "InvalidKerasConfigurationException",
                 m="Found weights for layer not in model (named batch_normalization_1)", frame=IMPORT_FRAME),
     "runtime_version_mismatch", "same model"),
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException",
                 m="Inputs with 5 dimensions not supported", frame=IMPORT_FRAME), "runtime_version_mismatch",
     "at most 4 dimensions"),
    (JAVA.format(exc=DL4J_IMPORT + "UnsupportedKerasConfigurationException",
                 m="No SameDiff Lambda layer found for Lambdalayer lambda_3", frame=IMPORT_FRAME),
     "runtime_version_mismatch", "registerLambdaLayer"),
    # ---- the network DL4J runs the imported model as
    (JAVA.format(exc=DL4J_INPUT, m="Input that is not a matrix; expected matrix (rank 2), got rank 1 array with shape "
                 "[13]. Missing preprocessor or wrong input type? (layer name: dense_1, layer index: 0, layer type: "
                 "DenseLayer)", frame="org.deeplearning4j.nn.layers.BaseLayer.preOutputWithPreNorm(BaseLayer.java:306)"),
     "missing_batch_dimension", "batch"),
    ("Caused by: " + DL4J_INPUT + ": Input that is not a matrix; expected matrix (rank 2), got rank 4 array with shape "
     "[1, 64, 7, 7]. Missing preprocessor or wrong input type? (layer name: dense_2, layer index: 5, layer type: "
     "DenseLayer)", "input_shape_mismatch", "preprocessor"),
    (DL4J_INPUT + ": Input size (20 columns; shape = [1, 20]) is invalid: does not match layer input size (layer # "
     "inputs = 13) (layer name: dense_1, layer index: 0, layer type: DenseLayer)", "input_shape_mismatch", "nIn"),
    (JAVA.format(exc=DL4J_INPUT, m="Got rank 3 array as input to ConvolutionLayer (layer name = conv2d_1, layer index "
                 "= 0) with shape [3, 224, 224]. Expected rank 4 array with shape [minibatchSize, layerInputDepth, "
                 "inputHeight, inputWidth]. (layer name: conv2d_1, layer index: 0, layer type: ConvolutionLayer)",
                 frame="org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.preOutput(ConvolutionLayer.java:339)"),
     "missing_batch_dimension", "batch"),
    (DL4J_INPUT + ": Got rank 2 array as input to ConvolutionLayer (layer name = cnn1, layer index = 0) with shape "
     "[64, 784]. Expected rank 4 array with shape [minibatchSize, layerInputDepth, inputHeight, inputWidth]. (Wrong "
     "input type (see InputType.convolutionalFlat()) or wrong data type?) (layer name: cnn1, layer index: 0, layer "
     "type: ConvolutionLayer)", "input_shape_mismatch", "InputType.convolutional"),
    (DL4J_INPUT + ": Cannot do forward pass in Convolution layer (layer name = conv2d_1, layer index = 1): input array "
     "channels does not match CNN layer configuration (data input channels = 224, [minibatch,inputDepth,height,width]"
     "=[1, 224, 224, 3]; expected input channels = 3) (layer name: conv2d_1, layer index: 1, layer type: "
     "ConvolutionLayer)", "input_shape_mismatch", "permute(0, 3, 1, 2)"),
    (JAVA.format(exc=DL4J_INPUT, m="Received input with size(1) = 100 (input array shape = [1, 100, 40]); "
                 "input.size(1) must match layer nIn size (nIn = 40)",
                 frame="org.deeplearning4j.nn.layers.recurrent.LSTMHelpers.activateHelper(LSTMHelpers.java:185)"),
     "input_shape_mismatch", "permute(0, 2, 1)"),
    (JAVA.format(exc="java.lang.IllegalArgumentException", m="Invalid input array: network has 2 inputs, but array is "
                 "of length 1", frame="org.deeplearning4j.nn.graph.ComputationGraph.setInputs(ComputationGraph.java:"
                 "367)"), "input_keys_mismatch", "one INDArray per model input"),
    # ---- TensorFlow Java 1.x
    (JAVA.format(exc="java.lang.IllegalArgumentException", m="graphDef and prefix cannot be null",
                 frame="org.tensorflow.Graph.importGraphDef(Graph.java:127)"), "savedmodel_not_found", "path"),
    (JAVA.format(exc="java.lang.IllegalArgumentException", m="Invalid GraphDef",
                 frame="org.tensorflow.Graph.importGraphDef(Native Method)"), "savedmodel_not_found", "saved_model.pb"),
    (JAVA.format(exc="java.lang.IllegalArgumentException",
                 m="buffer with 268203 elements is not compatible with a Tensor with shape [1, 299, 299, 3]",
                 frame="org.tensorflow.Tensor.incompatibleBuffer(Tensor.java:826)"), "input_shape_mismatch",
     "product(shape)"),
    (JAVA.format(exc="java.lang.IllegalArgumentException", m="cannot use java.nio.HeapFloatBuffer with Tensor of type "
                 "UINT8", frame="org.tensorflow.Tensor.create(Tensor.java:231)"), "dtype_mismatch", "ByteBuffer"),
    (JAVA.format(exc="java.lang.IllegalArgumentException", m="mismatched lengths (50 and 43) in dimension 1",
                 frame="org.tensorflow.Tensor.fillShape(Tensor.java:777)"), "ragged_instances", "Pad"),
    ("java.lang.IllegalArgumentException: cannot create Tensors with a 0 dimension", "empty_instances",
     "at least one"),
    ("2018-10-02 11:20:01.312 W tensorflow/core/framework/op_kernel.cc:1318] OP_REQUIRES failed at softmax_op.h:48 : "
     "Invalid argument: logits must be 2-dimensional\njava.lang.IllegalArgumentException: logits must be "
     "2-dimensional\n\t [[Node: decoder/attention/Softmax = Softmax[T=DT_FLOAT, _device=\"/job:localhost/replica:0/"
     "task:0/device:CPU:0\"](decoder/attention/scores)]]\n\tat org.tensorflow.Session.run(Native Method)",
     "runtime_version_mismatch", "libtensorflow"),
    # ---- TensorFlow Java (tensorflow-core-api)
    ("org.tensorflow.exceptions.TensorFlowException: Cannot parse GraphDef protocol buffer\n\tat "
     "org.tensorflow.Graph.importGraphDef(Graph.java:1111)", "savedmodel_not_found", "SavedModelBundle.load"),
    ("java.lang.IllegalArgumentException: Invalid tags: [null]", "savedmodel_tags", "\"serve\""),
    ("Exception in thread \"main\" java.lang.IllegalStateException: Graph has un-ran initializers, but the session's "
     "autoInit is false.  Run Session.initialize() before calling run().", "initializer_missing_in_export",
     "session.initialize()"),
    ("java.lang.IllegalArgumentException: Cannot allocate a tensor from a totally or partially unknown shape",
     "input_shape_mismatch", "Shape.of(1, 224, 224, 3)"),
    # ---- TensorFlowSharp, TensorFlow.NET, ML.NET
    ("TensorFlow.TFException: Invalid GraphDef\n  at TensorFlow.TFStatus.CheckMaybeRaise (TensorFlow.TFStatus "
     "incomingStatus, System.Boolean last) [0x00000] in <filename unknown>:0\n  at TensorFlow.TFGraph.Import "
     "(TensorFlow.TFBuffer graphDef, TensorFlow.TFImportGraphDefOptions options, TensorFlow.TFStatus status)",
     "savedmodel_not_found", "frozen graph"),
    ("Unhandled Exception: System.ArgumentOutOfRangeException: Specified argument was out of the range of valid "
     "values.\nParameter name: An operation named serving_default_input_1 is not in this graph.\n   at "
     "TensorFlow.TFSession+Runner.ParseOutput (System.String operation)", "input_keys_mismatch",
     "graph.get_operations()"),
    (DOTNET.format(exc="Tensorflow.ValueError", m="Could not find operation \"input_1\" inside graph \"grap-key-1/\".",
                   frame="Tensorflow.Graph.OperationByName(String operName)"), "input_keys_mismatch", "import/"),
    (DOTNET.format(exc="Tensorflow.ValueError", m="Tensor tf.Tensor '0' shape=(1,28,28,1) dtype=float64 does not match "
                   "the expected dtype TF_FLOAT, actual dtype: TF_DOUBLE",
                   frame="Tensorflow.BaseSession._do_run(List`1 target_list, List`1 fetch_list, Dictionary`2 "
                         "feed_dict)"), "dtype_mismatch", "float[]"),
    (DOTNET.format(exc="System.NotImplementedException", m="SavedModel saved prior to TF 2.5 detected when loading "
                   "Keras model, please use higher version or submit an issue to https://github.com/SciSharp/"
                   "TensorFlow.NET/issues. to let us know you need it.",
                   frame="Tensorflow.Keras.Saving.SavedModel.KerasLoadModelUtils.load(String path)"),
     "runtime_version_mismatch", "TensorFlow 2.5"),
    (DOTNET.format(exc="System.NotImplementedException", m="Model load of h5 format has not been supported. Please "
                   "submit an issue to https://github.com/SciSharp/TensorFlow.NET/issues if it's needed.",
                   frame="Tensorflow.Keras.Models.ModelsApi.load_model(String filepath)"), "savedmodel_not_found",
     "SavedModel directory"),
    ("System.InvalidOperationException: TensorFlow exception triggered while loading model from 'C:\\models\\"
     "saved_model.pb'\n ---> Tensorflow.InvalidArgumentError: Invalid GraphDef\n   at Tensorflow.Status.Check("
     "Boolean throwException)", "savedmodel_not_found", "LoadTensorFlowModel(dir)"),
    ("System.ArgumentOutOfRangeException: Input type 'TF_HALF' of input column 'input_1' is not supported in "
     "TensorFlow (Parameter 'session')", "dtype_unsupported_half", "float32 input"),
    ("System.ArgumentOutOfRangeException: Input type 'TF_RESOURCE' of input column 'input_1' is not supported in "
     "TensorFlow (Parameter 'session')", "dtype_mismatch", "ML.NET feeds"),
    # ---- DJL
    (JAVA.format(exc="java.io.FileNotFoundException", m="No TensorFlow model found in: /opt/models/resnet50",
                 frame="ai.djl.tensorflow.engine.TfModel.load(TfModel.java:71)"), "savedmodel_not_found",
     "saved_model.pb"),
    (JAVA.format(exc="ai.djl.repository.zoo.ModelNotFoundException", m="No model with the specified URI or the "
                 "matching Input/Output type is found.", frame="ai.djl.repository.zoo.Criteria.loadModel("
                 "Criteria.java:168)"), "savedmodel_not_found", "tensorflow-engine"),
]


@pytest.mark.parametrize("text, category, word", CASES, ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_a_runtime_message_reads_to_its_category_and_a_fix_naming_the_cause(text: str, category: str,
                                                                            word: str) -> None:
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    assert word in said(d), said(d)


@pytest.mark.parametrize("text, reading", [
    ("Exception in thread \"main\" java.lang.IllegalArgumentException: cannot copy Tensor with shape [1, 1001] into "
     "object with shape [1, 1000]\n\tat org.tensorflow.Tensor.throwExceptionIfTypeIsIncompatible(Tensor.java:716)",
     "t.shape()"),
    ("java.lang.IllegalArgumentException: cannot copy Tensor with DataType INT64 into an object of type [[F",
     "long[][]"),
    ("java.lang.IllegalArgumentException: cannot create non-scalar Tensors from arrays of boxed values",
     "primitive"),
    ("org.deeplearning4j.exception.DL4JInvalidInputException: Previous activations (stored state) number of examples "
     "= 16 but input array number of examples = 1. Possible cause: using rnnTimeStep() without calling "
     "rnnClearPreviousState() between different sequences?", "rnnClearPreviousState"),
])
def test_client_side_array_handling_is_not_about_the_model(text: str, reading: str) -> None:
    """What the program does with Java arrays around a model that ran (copyTo, boxed arrays) is said, with no
    category: it is not about the request or model."""
    assert not explain_text(text)
    seen = read_unknown(text)
    assert any(reading in r and ("tensorflow/tensorflow" in r or "deeplearning4j" in r) for r in seen.readings), \
        seen.readings


@pytest.mark.parametrize("text, exception, message", [
    ('Exception in thread "main" org.deeplearning4j.nn.modelimport.keras.exceptions.'
     "InvalidKerasConfigurationException: Keras layer is missing init field.\n\tat org.deeplearning4j.nn.modelimport."
     "keras.utils.KerasInitilizationUtils.getWeightInitFromConfig(KerasInitilizationUtils.java:327)",
     "InvalidKerasConfigurationException", "Keras layer is missing init field."),
    ("java.lang.RuntimeException: Failed to load the model\n\tat com.example.Loader.load(Loader.java:20)\nCaused by: "
     "org.deeplearning4j.exception.DL4JInvalidInputException: Input that is not a matrix; expected matrix (rank 2), "
     "got rank 1 array with shape [784].\n\t... 3 more", "RuntimeException", "Input that is not a matrix"),
    ("Unhandled exception. System.InvalidOperationException: TensorFlow exception triggered while loading model from "
     "'m.pb'\n ---> Tensorflow.InvalidArgumentError: Invalid GraphDef\n   at Tensorflow.Status.Check(Boolean "
     "throwException)\n   --- End of inner exception stack trace ---", "InvalidOperationException", "Invalid GraphDef"),
    ("Microsoft.ML.Transforms.TensorFlow.TFException: \"Expected image (JPEG, PNG, or GIF), got unknown format "
     "starting with '2552162552240167' [[{{node map/while/DecodePng}}]]\"", "TFException", "Expected image"),
])
def test_jvm_and_dotnet_exception_wrappers_give_the_inner_message(text: str, exception: str, message: str) -> None:
    layers = read_layers(normalize(text))
    assert layers.exception == exception
    assert layers.message.startswith(message), layers.message
    assert "at org." not in layers.message and "Program.cs" not in layers.message


def test_the_classes_other_peels_read_keep_their_reading() -> None:
    """TF Java's org.tensorflow.exceptions classes give the status code, grpc-java's the code it prints; a .NET
    TensorFlow.NET error of a TF status class gives that status."""
    tf_java = read_layers(normalize('Exception in thread "main" org.tensorflow.exceptions.TFInvalidArgumentException: '
                                    "Expects arg[0] to be float but uint8 is provided"))
    assert tf_java.status == "INVALID_ARGUMENT" and "tf_java" in tf_java.wrappers
    assert tf_java.message.startswith("Expects arg[0]")
    grpc = read_layers(normalize('Exception in thread "main" io.grpc.StatusRuntimeException: NOT_FOUND: Servable not '
                                 "found for request: Latest(m)"))
    assert grpc.status == "NOT_FOUND" and "java" in grpc.wrappers and grpc.message.startswith("Servable not found")
    tfnet = read_layers(normalize("Unhandled exception. Tensorflow.InvalidArgumentError: Invalid GraphDef"))
    assert tfnet.status == "INVALID_ARGUMENT" and tfnet.message == "Invalid GraphDef"
    python = read_layers(normalize("tensorflow.python.framework.errors_impl.InvalidArgumentError: Invalid GraphDef"))
    assert python.wrappers == ["tf_python"]  # a Python module path is no JVM / .NET class
