"""Converters and other runtimes a Keras / TensorFlow model is run through, in the explain index (#15), from
scripts/explain_index_converters.py: ONNX.js, DeepSpeech, frugally-deep, WebDNN, deeplearning4j's Keras import,
coremltools, onnx-tf and the TFLite Interpreter's newer methods; and explain/frames' reading of a failure inside a
known converter or importer that carries no message naming a cause (only frames, a bare AssertionError, a JVM
ClassCastException).  Each message is given as the library prints it (a C++ ``what():``, a JVM exception with its
``at`` lines, a Python traceback, a browser console line) and must be read to its category with a first step that
names the version step."""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.frames import converter_failure, read_frames

from .reading import best as _read
from .reading import rows_in_index, source_module

conv = source_module("explain_index_converters")


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(conv.ROWS + conv.deepspeech_rows()):
        assert re.match(r"github\.com/[\w.-]+/[\w.-]+@[0-9a-f]{12} ", source), source  # a repository at a commit
        assert e["fix"] and e["meaning"]


def test_every_row_quotes_its_sources_at_their_commits() -> None:
    """Each row's QUOTES pieces are in its files at the commits the row names (the git mirrors under /work/.mirror;
    deeplearning4j is not mirrored here and was read with the search tool)."""
    quotes = [q for qs in conv.QUOTES.values() for q in qs] + conv.DS_QUOTES
    present = [q for q in quotes if (conv.MIRRORS / q[0].replace("/", "+")).exists()]
    if not present:
        pytest.skip("no git mirror of the converters' sources under /work/.mirror")
    assert conv.check_quotes() == len(present)
    for template, _, source, *_ in conv.ROWS:
        for repo, commit, *_ in conv.QUOTES[template]:
            assert f"github.com/{repo}@{commit[:12]}" in source, (template, source)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    template = conv.ONNXJS_ROWS[0][0]
    repo, commit, path, _ = conv.QUOTES[template][0]
    if not (conv.MIRRORS / repo.replace("/", "+")).exists():
        pytest.skip(f"no git mirror of {repo}")
    monkeypatch.setitem(conv.QUOTES, template, [(repo, commit, path, ("only support ONNX model with IR_VERSION=4",))])
    with pytest.raises(SystemExit, match="not in"):
        conv.check_quotes()


def test_deepspeech_codes_come_from_its_error_table() -> None:
    """The decimal codes 0.5-0.6 print are deepspeech.h's hex values (DS_ERR_MODEL_INCOMPATIBLE 0x2003 = 8195)."""
    rows = {r[0]: r for r in conv.deepspeech_rows()}
    assert "CreateModel failed with error code 8195" in rows
    assert "CreateModel failed with 'Incompatible model.' (0x2003)" in rows
    assert "CreateModel failed with error code 12293" in rows  # 0x3005 DS_ERR_FAIL_READ_PROTOBUF
    assert not any(t.startswith("EnableExternalScorer failed with error code") for t in rows)  # 0.8 on only


def test_interpreter_methods_are_read_from_each_release() -> None:
    """get_signature_runner is in tflite_runtime 2.7.0's Interpreter and not in TF 2.4.4's (the wheels' sources)."""
    got = {e["source"].split(" (")[0]: e for e in conv.interpreter_entries()}
    newer = next(e for e in got.values() if "get_signature_runner" in e["pattern"])
    assert "tflite-runtime 2.7.0" in newer["source"] and "not in tensorflow-cpu 2.4.4's" in newer["source"]
    assert not any(re.search(e["pattern"], "'Interpreter' object has no attribute 'get_input_details'")
                   for e in got.values())  # TF 1.15 has it already: its absence is no version fact


JAVA_SEQ = ("\n\tat org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel.<init>(KerasSequentialModel.java:100)"
            "\n\tat org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder.buildSequential(KerasModelBuilder"
            ".java:147)\n\tat org.deeplearning4j.nn.modelimport.keras.KerasModelImport."
            "importKerasSequentialModelAndWeights(KerasModelImport.java:181)\n\tat com.example.Main.main(Main.java:14)")
DL4J_EXC = "Exception in thread \"main\" org.deeplearning4j.nn.modelimport.keras.exceptions."
CPP = "terminate called after throwing an instance of 'std::runtime_error'\n  what():  {}\nAborted (core dumped)"
CASES = [
    # (text as the library prints it, category, a word the first step must have)
    ("Uncaught (in promise) Error: only support ONNX model with IR_VERSION=3\n    at t.load (onnx.min.js:1)\n    "
     "at e.loadModel (onnx.min.js:14)", "runtime_version_mismatch", "ONNX.js"),
    ("Uncaught (in promise) TypeError: cannot resolve operator 'Resize' with opsets: ai.onnx v11, ai.onnx.ml v2",
     "runtime_version_mismatch", "opset"),
    ("Traceback (most recent call last):\n  File \"stt.py\", line 9, in <module>\n    ds = Model(args.model, 26, 9, "
     "alphabet, 500)\n  File \"/usr/local/lib/python3.6/dist-packages/deepspeech/__init__.py\", line 23, in "
     "__init__\n    raise RuntimeError(\"CreateModel failed with error code {}\".format(status))\nRuntimeError: "
     "CreateModel failed with error code 8195", "runtime_version_mismatch", "same DeepSpeech release"),
    ("RuntimeError: CreateModel failed with 'Incompatible model.' (0x2003)", "runtime_version_mismatch",
     "same DeepSpeech release"),
    ("CreateModel failed: Incompatible model. (0x2003)", "runtime_version_mismatch", "same DeepSpeech release"),
    ("RuntimeError: CreateModel failed with 'Error reading the proto buffer model file.' (0x3005)",
     "savedmodel_not_found", "path"),
    ("RuntimeError: EnableExternalScorer failed with 'Scorer file version does not match expected version.' "
     "(0x2009)", "runtime_version_mismatch", ".scorer"),
    (CPP.format("Invalid outputs shape.\nThe model should return [5(Just 1, Just 1, Just 1, Just 1, Just 1)] but "
                "actually returned: [1(1, 1, 1, 1, 1)]"), "runtime_version_mismatch", "convert_model.py"),
    (CPP.format("test failed: output=0 pos=0,0,3 value=0.0142 target=0.1719"), "runtime_version_mismatch",
     "convert_model.py"),
    (CPP.format("RNN cell 'PeepholeLSTMCell' is not supported."), "runtime_version_mismatch", "frugally-deep"),
    ("Traceback (most recent call last):\n  File \"convert_keras.py\", line 37, in main\n    graph = "
     "converter.convert(model, input_shapes)\n  File \"/opt/webdnn/src/graph_transpiler/webdnn/graph/converters/"
     "keras.py\", line 81, in convert\n    raise NotImplementedError(f\"Unknown Layer {layer_class_name}\")\n"
     "NotImplementedError: Unknown Layer Concatenate", "runtime_version_mismatch", "WebDNN"),
    ("NotImplementedError: [KerasConverter] keras.layers.Conv1D is not supported", "runtime_version_mismatch",
     "WebDNN"),
    ("NotImplementedError: Operator 'LeakyReLU' is not handled any converter handlers.", "runtime_version_mismatch",
     "WebDNN"),
    ("NotImplementedError: WebDNN supports Keras v2.*.*. Currently, keras 3.3.3 is installed.",
     "runtime_version_mismatch", "Keras 2.x"),
    (DL4J_EXC + "UnsupportedKerasConfigurationException: Keras major version has to be either 1 or 2 (3 provided)"
     + JAVA_SEQ, "runtime_version_mismatch", "Keras 2"),
    (DL4J_EXC + "InvalidKerasConfigurationException: Unknown keras backend NONE. For more information, see "
     "http://deeplearning4j.org/model-import-keras." + JAVA_SEQ, "runtime_version_mismatch", "deeplearning4j"),
    (DL4J_EXC + "InvalidKerasConfigurationException: Model class name must be Sequential (found Model)" + JAVA_SEQ,
     "wrong_api_or_input_format", "importKerasModelAndWeights"),
    (DL4J_EXC + "InvalidKerasConfigurationException: Expected model class name Model (found Sequential)",
     "wrong_api_or_input_format", "importKerasSequentialModelAndWeights"),
    ("ValueError: Keras layer '<class 'keras.layers.core.Lambda'>' not supported. ", "runtime_version_mismatch",
     "coremltools"),
    ("TypeError: Keras layer of type <class 'keras.engine.topology.InputLayer'> is not supported.",
     "runtime_version_mismatch", "coremltools"),
    ("NotImplementedError: Conversion for TF op 'TensorListFromTensor' not implemented.\n \nname: "
     "\"TensorListFromTensor\"\nop: \"TensorListFromTensor\"", "runtime_version_mismatch", "coremltools"),
    ("onnx.backend.test.runner.BackendIsNotSupposedToImplementIt: Resize version 13 is not implemented.",
     "runtime_version_mismatch", "onnx-tf"),
    ("onnxruntime.capi.onnxruntime_pybind11_state.Fail: [ONNXRuntimeError] : 1 : FAIL : Load model from yolo.onnx "
     "failed:This is an invalid model. In Node, (\"Mish_3\", Mish, \"\", -1) : (\"x\": tensor(float),) -> (\"y\": "
     "tensor(float),) , Error No Op registered for Mish with domain_version of 11", "runtime_version_mismatch",
     "opset"),
    ("onnx.onnx_cpp2py_export.checker.ValidationError: No Op registered for BatchedNMS_TRT with domain_version of 9"
     "\n\n==> Context: Bad node spec for node. Name: BatchedNMS_N OpType: BatchedNMS_TRT", "runtime_version_mismatch",
     "plugin"),
    ("onnx.onnx_cpp2py_export.checker.ValidationError: Op registered for Upsample is deprecated in domain_version of "
     "11\n\n==> Context: Bad node spec for node. Name: Upsample_7 OpType: Upsample", "runtime_version_mismatch",
     "Resize"),
    ("onnx.onnx_cpp2py_export.checker.ValidationError: Your model ir_version 10 is higher than the checker's (9).",
     "runtime_version_mismatch", "pip install -U onnx"),
    ("2023-05-02 10:11:12,345 - ERROR - Unsupported ops: Counter({'TensorListReserve': 2, 'TensorListStack': 1})",
     "runtime_version_mismatch", "--opset"),
    ("[ ERROR ]  List of operations that cannot be converted to Inference Engine IR:\n[ ERROR ]      Complex (1)\n"
     "[ ERROR ]          lambda_2/Complex\n[ ERROR ]  Part of the nodes was not converted to IR. Stopped. \n For more "
     "information please refer to Model Optimizer FAQ, question #24. ", "runtime_version_mismatch", "OpenVINO"),
    ("Traceback (most recent call last):\n  File \"run.py\", line 36, in <module>\n    runner = "
     "interpreter.get_signature_runner()\nAttributeError: 'Interpreter' object has no attribute "
     "'get_signature_runner'", "runtime_version_mismatch", "tflite-runtime"),
]


@pytest.mark.parametrize("text,category,word", CASES, ids=[f"{i}-{c[1]}" for i, c in enumerate(CASES)])
def test_converter_message_reads_to_its_cause(text: str, category: str, word: str) -> None:
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    assert word.lower() in d.steps[0].lower(), d.steps[0]
    assert d.message_source is not None and "github.com/" in d.message_source or "tflite" in d.message_source


def test_an_entry_meaning_leads_the_cause_not_tf_serving() -> None:
    """The cause says what the converter said, not the TF Serving category sentence alone."""
    d = _read("Uncaught (in promise) Error: only support ONNX model with IR_VERSION=3")
    assert d.cause.startswith("ONNX.js 0.1.0-0.1.4 loads ONNX files of IR version 3 only"), d.cause
    d = _read("onnx.backend.test.runner.BackendIsNotSupposedToImplementIt: Resize version 13 is not implemented.")
    assert d.cause.startswith("onnx-tf"), d.cause


# ------------------------------------------------------------------------------------------------ frames alone

DL4J_FRAMES_ONLY = ("    at org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel.<init>("
                    "KerasSequentialModel.java:132)\n    at org.deeplearning4j.nn.modelimport.keras.utils."
                    "KerasModelBuilder.buildSequential("
                    "KerasModelBuilder.java:120)\n    at org.deeplearning4j.nn.modelimport.keras.KerasModelImport."
                    "importKerasSequentialModelAndWeights(KerasModelImport.java:158)\n    at com.example.KerasToJava."
                    "main(KerasToJava.java:14)")
WEBDNN_ASSERT = ("Traceback (most recent call last):\n  File \"convert_keras.py\", line 62, in <module>\n    main()\n"
                 "  File \"convert_keras.py\", line 37, in main\n    graph = converter.convert(model, input_shapes)\n"
                 "  File \"/home/u/node_modules/mil-web-dnn/src/graph_transpiler/webdnn/graph/converters/keras.py\", "
                 "line 514, in convert\n    assert inbound_node[3] == {}\nAssertionError\n")
FRAME_CASES = [
    (DL4J_FRAMES_ONLY, "deeplearning4j's Keras import", "only frames"),
    ("Exception in thread \"main\" java.lang.ClassCastException: java.util.LinkedHashMap cannot be cast to "
     "java.util.List" + JAVA_SEQ, "deeplearning4j's Keras import", "ClassCastException"),
    ("Exception in thread \"main\" java.lang.NullPointerException" + JAVA_SEQ, "deeplearning4j's Keras import",
     "NullPointerException"),
    (WEBDNN_ASSERT, "WebDNN's converter", "assert inbound_node[3] == {}"),
    ("Traceback (most recent call last):\n  File \"export.py\", line 12, in <module>\n    mlmodel = ct.convert(model)"
     "\n  File \"/usr/lib/python3.8/site-packages/coremltools/converters/_converters_entry.py\", line 352, in "
     "convert\n    mlmodel = mil_convert(\n  File \"/usr/lib/python3.8/site-packages/coremltools/converters/mil/"
     "frontend/tensorflow2/load.py\", line 81, in _graph_def_from_model\n    for layer in keras_model.layers:\n"
     "KeyError: 'layers'", "coremltools", "KeyError"),
    ("Traceback (most recent call last):\n  File \"/usr/lib/python3.9/site-packages/onnx_tf/backend.py\", line 83, in "
     "prepare\n    return cls.onnx_model_to_tensorflow_rep(model, strict, **kwargs)\n  File \"/usr/lib/python3.9/"
     "site-packages/onnx_tf/backend.py\", line 145, in _onnx_graph_to_tensorflow_rep\n    output_ops = "
     "cls._onnx_node_to_tensorflow_op(onnx_node,\nIndexError: list index out of range", "onnx-tf", "IndexError"),
]


@pytest.mark.parametrize("text,converter,saw", FRAME_CASES, ids=[c[1].split()[0] + "-" + c[2][:12] for c in
                                                                  FRAME_CASES])
def test_a_failure_inside_a_converter_reads_as_its_version(text: str, converter: str, saw: str) -> None:
    found = explain_text(text)
    d = next(d for d in found if d.category == "runtime_version_mismatch")
    assert found[0] is d, [(x.category, x.confidence) for x in found]
    assert d.confidence <= 0.6  # low: no message names the cause
    assert converter in d.cause and saw in d.cause, d.cause
    assert "newer than this version of" in d.cause and "layer" in d.cause
    assert d.steps[0].startswith(("Check which Keras", "Upgrade")), d.steps[0]


def test_user_code_below_the_converter_is_not_the_converter() -> None:
    """The user's own code raised (its frame after the converter's): nothing says the converter failed."""
    text = ("Traceback (most recent call last):\n  File \"/usr/lib/python3.8/site-packages/coremltools/converters/"
            "_converters_entry.py\", line 352, in convert\n    mlmodel = mil_convert(\n  File \"my_layers.py\", "
            "line 9, in call\n    return x[3]\nIndexError: list index out of range")
    assert converter_failure(read_frames(text), text) is None


def test_a_converter_message_that_names_its_cause_is_left_to_the_index() -> None:
    """A converter's own message (an UnsupportedKerasConfigurationException with its text) is read by its entry, not
    by the frames' low-confidence reading."""
    d = _read(DL4J_EXC + "UnsupportedKerasConfigurationException: Keras major version has to be either 1 or 2 (3 "
              "provided)" + JAVA_SEQ)
    assert d.confidence > 0.6 and d.message_source is not None


def test_java_frames_of_other_code_are_not_a_converter() -> None:
    text = ("Exception in thread \"main\" java.lang.ClassCastException: java.util.LinkedHashMap cannot be cast to "
            "java.util.List\n\tat com.example.Config.read(Config.java:10)\n\tat com.example.Main.main(Main.java:4)")
    assert converter_failure(read_frames(text), text) is None


H5_NO_CONFIG = ("Traceback (most recent call last):\n  File \"/usr/local/lib/python3.6/dist-packages/tensorflowjs/"
                "converters/keras_h5_conversion.py\", line 126, in h5_merged_saved_model_to_tfjs_format\n    model_json "
                "= json.loads(h5file.attrs['model_config'])\n  File \"/usr/local/lib/python3.6/dist-packages/h5py/_hl/"
                "attrs.py\", line 60, in __getitem__\n    attr = h5a.open(self._id, self._e(name))\n  File "
                "\"h5py/h5a.pyx\", line 77, in h5py.h5a.open\nKeyError: \"Can't open attribute (can't locate "
                "attribute: 'model_config')\"")


@pytest.mark.parametrize("text", [H5_NO_CONFIG, "KeyError: \"Unable to synchronously open attribute (can't locate "
                                                "attribute: 'model_config')\""])
def test_an_h5_of_weights_only_is_told_as_such_not_as_the_converter_version(text: str) -> None:
    """HDF5's own message names the cause (no model_config: weights only): it outranks the frames' converter reading,
    though its category is a weak one."""
    found = explain_text(text)
    assert found[0].category == "model_load_failed" and "save_weights" in found[0].steps[0]
    assert not any("raised inside" in d.cause for d in found)


@pytest.mark.parametrize("text,category,word", [
    ("RuntimeError: The support of IR v7 has been removed from the product. Please, convert the original model using "
     "the Model Optimizer which comes with this version of the OpenVINO to generate supported IR version.",
     "runtime_version_mismatch", "Model Optimizer"),
    ("[ ERROR ] Model file models/intel/face-detection-retail-0004/FP16/face-detection-retail-0004.xml cannot be "
     "opened!", "savedmodel_not_found", ".xml"),
    ("E (1234) TF_LITE: Type INT32 (2) not supported.\nE (1235) TF_LITE: Node ADD (number 5) failed to invoke with "
     "status 1", "runtime_version_mismatch", "int8"),
    ("Type FLOAT32 (1) is not supported by ARC MLI Library.", "runtime_version_mismatch", "int8"),
    ("Bad input tensor parameters in model", "input_shape_mismatch", "kFeatureSliceCount"),
])
def test_runtime_of_another_version_or_build(text: str, category: str, word: str) -> None:
    """OpenVINO's runtime refusing an older IR, a TFLite Micro kernel lacking a type, the micro_speech input check."""
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    assert word in d.steps[0], d.steps[0]


def test_onnxruntime_older_ir_wording_is_read_from_a_release() -> None:
    """onnxruntime before 1.10 says 'Unknown model file format version.' for an IR version above its own (its
    pybind module's strings); the newer 'Unsupported model IR version' wording is explain_index_clients'."""
    rows = conv.ort_rows()
    assert rows[0][0] == "Unknown model file format version." and rows[0][2].startswith("onnxruntime 1.4.0 ")
    d = _read("RuntimeError: Unable to create InferenceSession due to '[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : "
              "Failed to load model with error: Unknown model file format version.'")
    assert d.category == "runtime_version_mismatch" and "upgrade onnxruntime" in d.steps[0]
