"""TensorFlow.js's own messages in the explain index (#15), from scripts/explain_index_tfjs.py: loading a converted
model (io handlers, weights, layer deserialization of a Keras 3 model.json), feeding and running it (LayersModel's
input names / counts / shapes / dtypes, graph model lookup tables), its kernels and backends (kernels a backend lacks,
WebGL's limits, backends that cannot start), tfjs-node's native binding and tensorflowjs_converter.

Every row's quoted pieces must be in the git mirror's file at the pinned commit (skipped, with the reason, when the
mirror is absent).  The messages below are written from the source templates with other concrete values than the rows'
examples, inside the wrappers a user meets them in (a browser console's ``Uncaught (in promise) Error:`` with a stack,
Node's ``Error:`` line and ``at`` frames, Python's traceback tail), and must be read to their category with a first
step or cause naming the cause; the messages that are not about the model must give no category and say what they
are.  The tests that read the index need messages.json rebuilt with this module (scripts/explain_build_index.py)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from .reading import a_wrong_quote_stops_the_build, quotes_at_their_commits, rows_in_index, said, source_module
from .reading import best as _read

tfjs = source_module("explain_index_tfjs")
CATALOGUE = Path(__file__).resolve().parents[2] / "sigcheck" / "explain" / "catalogue.json"
REPOS = sorted({q.repo for qs in tfjs.QUOTES.values() for q in qs})


def _category_ids() -> set[str]:
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return set(data["categories"])


def test_every_row_names_a_known_category_or_a_reading() -> None:
    ids = _category_ids()
    for template, pattern, source, category, text, fix, example, *_ in tfjs.ROWS:
        assert text, template
        if category is None:
            assert fix is None, template  # a reading, no fix of the model's
        else:
            assert category in ids, (template, category)
            assert fix, template


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(tfjs.ROWS):
        assert re.match(r"github\.com/tensorflow/(tfjs@0fc04d958ea5|tfjs-layers@9d1e120ef69c) ", source), source
        assert e["fix"] and e["meaning"] if category else e["reading"]


def test_every_row_has_quotes_from_the_file_its_source_names() -> None:
    for template, _, source, *_ in tfjs.ROWS:
        quotes = tfjs.QUOTES[template]
        assert quotes, template
        assert f"@{quotes[0].commit[:12]} {quotes[0].path}" in source, (template, source)


@pytest.mark.parametrize("repo", REPOS)
def test_every_quote_is_in_its_file_at_its_commit(repo: str) -> None:
    """Each piece a row quotes is in the mirror's file at the pinned commit (the rows' literals come from there)."""
    checked = quotes_at_their_commits(tfjs, repo, "the quotes cannot be checked on this machine")
    assert checked == sum(q.repo == repo for qs in tfjs.QUOTES.values() for q in qs)


@pytest.mark.parametrize("repo", REPOS)
def test_a_wrong_quote_stops_the_build(repo: str, monkeypatch: pytest.MonkeyPatch) -> None:
    a_wrong_quote_stops_the_build(tfjs, repo, "`Unknown op '${node.op}' was never here`", monkeypatch)


def test_the_pinned_commits_are_the_mirrors() -> None:
    for repo, commit in [(tfjs.TFJS, tfjs.COMMIT), (tfjs.LAYERS_OLD, tfjs.LAYERS_V06)]:
        git_dir = tfjs.MIRRORS / repo.replace("/", "+") / "repo"
        if not git_dir.exists():
            pytest.skip(f"no git mirror of {repo} under {tfjs.MIRRORS}")
        done = subprocess.run(["git", f"--git-dir={git_dir}", "cat-file", "-t", commit], capture_output=True,
                              text=True)
        assert done.stdout.strip() == "commit", (repo, commit, done.stderr)


def test_every_pattern_is_bounded_and_matches_its_example() -> None:
    """No unbounded repetition (linear time, #19), and each example is read by its own row's pattern."""
    for template, pattern, *_, example in (r[:7] for r in tfjs.ROWS):
        assert not re.search(r"(?<!\\)[*+](?![^\[]*\])", pattern.replace("\\\\", "")), (template, pattern)
        assert re.search(pattern, example, re.I), (template, example)
    assert len(tfjs.entries()) == len(tfjs.ROWS)


def test_the_module_adds_no_template_another_source_already_has() -> None:
    """The rows are messages the other modules (clients, platforms, web …) do not read: no entry of the index from
    another source has one of their templates."""
    from .reading import index_entries

    mine = {r[0] for r in tfjs.ROWS}
    patterns = {r[1] for r in tfjs.ROWS}
    clash = [e["template"] for e in index_entries() if e["template"] in mine and e["pattern"] not in patterns]
    assert not clash, clash


STACK = "\n    at {} (https://example.app/static/js/main.8c1f2a.js:2:104211)"
NODE = "\n    at {} (/srv/app/node_modules/@tensorflow/{}:1:1)"
MESSAGES = [
    # (text as the browser / Node / Python prints it, category, a word the cause or first step must have)
    ("Uncaught (in promise) Error: Cannot proceed with model loading because the IOHandler provided does not have "
     "the `load` method implemented." + STACK.format("loadLayersModelFromIOHandler"), "savedmodel_not_found",
     "browserFiles"),
    ("Error: modelUrl in loadGraphModelSync() cannot be null. Please provide model artifacts or an IOHandler that "
     "loads the model", "savedmodel_not_found", "URL"),
    ("Error: URL path for http must not be null, undefined or empty." + NODE.format(
        "new HTTPRequest", "tfjs-core/dist/tf-core.node.js"), "savedmodel_not_found", "URL"),
    ("Error: LayersModel artifacts contains weight data, but not weight specs. Therefore loading of weights cannot "
     "proceed.", "variables_not_restored", "weight"),
    ("Uncaught (in promise) Error: modelJSON has weightsManifest but weightSpecs is null", "variables_not_restored",
     "weight"),
    ("Error: Reader is done but 3211264 bytes are still expected" + NODE.format(
        "decodeWeightsStream", "tfjs-core/dist/tf-core.node.js"), "variables_not_restored", "cut"),
    ("Uncaught (in promise) Error: Could not find start shard for byte 16777216", "variables_not_restored", "shard"),
    ("Error: Weight conv1/kernel has unknown quantization dtype float16. Supported quantization dtypes are: 'uint8' "
     "and 'uint16'.", "runtime_version_mismatch", "upgrade"),
    ("Error: Unsupported dtype in weight 'string_lookup/vocab': string", "runtime_version_mismatch", "converter"),
    ("Error: File specified for the weight manifest is not a file!", "savedmodel_not_found", "directory"),
    ('Error: Missing field "weightsManifest" from model JSON at pathhttps://cdn.example.com/m/model.json',
     "savedmodel_not_found", "loadGraphModel"),
    ("Uncaught (in promise) Error: An InputLayer should be passed either a `batchInputShape` or an `inputShape`.\n"
     "    at new InputLayer (input_layer.ts:74:15)\n    at fromConfig (serialization.ts:21:12)",
     "runtime_version_mismatch", "Keras 3"),
    ("Error: Corrupted configuration, expected array for nodeData: [object Object]" + NODE.format(
        "processLayer", "tfjs-layers/dist/tf-layers.node.js"), "runtime_version_mismatch", "Keras 3"),
    ("Error: initializer: Improper config format: {\"module\":\"keras.initializers\",\"class_name\":"
     "\"GlorotUniform\"}.\n'className' and 'config' must set.", "runtime_version_mismatch", "Keras"),
    ("Error: Duplicate weight name: conv2d/kernel", "variables_not_restored", "unique"),
    ("Error: Unsupported Keras version in weights being loaded: 1.2.0", "runtime_version_mismatch", "Keras 2"),
    ('Error: No data provided for "image". Need data for each key in: image,mask', "input_keys_mismatch",
     "model.inputs"),
    ("Error: The model input expects 3 Tensor(s), but only received one Tensor. Found: Tensor with shape 1,224,224,3",
     "input_keys_mismatch", "one tensor per input"),
    ("Error: The model expects 2 input Tensors, but only received one Tensor. Found: array with shape [1,128].",
     "input_keys_mismatch", "one tensor per input"),
    ("Uncaught (in promise) Error: input expected a batch of elements where each example has shape [28,28,1] "
     "(i.e.,tensor shape [*,28,28,1]) but the input received an input with 1 examples, each with shape [28,28,3] "
     "(tensor shape [1,28,28,3])", "input_shape_mismatch", "fromPixels"),
    ("Error: The number of inputs provided (3) does not match the number of inputs of this model (2).",
     "input_keys_mismatch", "model.inputs"),
    ("Error: No value is provided for the model's input input_ids", "input_keys_mismatch", "model.inputs"),
    ("Error: Cannot find SymbolicTensors for output name(s): [\"dense_2/Softmax\"]", "input_keys_mismatch",
     "outputNames"),
    ("Error: The dtype of the feed (string) can not be cast to the dtype of the key 'text' (int32).",
     "dtype_mismatch", "dtype"),
    ("Error: The rank of feed (2) does not match the rank of the key (3).", "input_shape_mismatch", "batch"),
    ("Error: The 2-th dimension of the feed (64) is incompatible with that of the key (32).", "input_shape_mismatch",
     "shape"),
    ("Error: Missing a feed value for SymbolicTensor from InputLayer 'InputLayer'", "input_keys_mismatch",
     "model.inputs"),
    ("Uncaught (in promise) Error: Expect key dtype string, but got float32" + STACK.format("HashTable.find"),
     "dtype_mismatch", "dtype"),
    ("Error: Unsupported param type: shape[] for op: TensorListReserve", "runtime_version_mismatch", "upgrade"),
    ("Uncaught (in promise) Error: Kernel 'RaggedTensorToTensor' not registered for backend 'webgl'" +
     STACK.format("Engine.runKernel"), "runtime_version_mismatch", "setBackend"),
    ("Error: The kernel 'Conv2D' for backend 'wasm' is not registered", "runtime_version_mismatch", "backend"),
    ("Error: Activation swish has not been implemented for the WebGPU backend.", "runtime_version_mismatch",
     "upgrade"),
    ("Error: Activation: elu has not been implemented for the Node.js backend", "runtime_version_mismatch",
     "upgrade"),
    ("Error: Can't squeeze axis 0 since its dim '8' is not 1", "input_shape_mismatch", "one example"),
    ("Uncaught (in promise) Error: Unable to create WebGLTexture.\n    at throwIfNull (webgl_util.ts:335)\n"
     "    at createTexture (webgl_util.ts:203)", "model_too_large", "dispose"),
    ("Error: WebGL Error: OUT_OF_MEMORY", "model_too_large", "GPU"),
    ("Uncaught (in promise) Error: Requested texture size [0x224] is invalid.", "input_shape_mismatch", "load"),
    ("Error: Expected image (BMP, JPEG, PNG, or GIF), but got unsupported image type" + NODE.format(
        "Object.decodeImage", "tfjs-node/dist/image.js"), "encoded_image_string_mismatch", "bytes"),
    ("Error: Failed to load SavedModel: Unknown: could not restore the variables of the model",
     "model_load_failed", "saved_model_cli"),
    ("Error: Length of input op names (1) does not match the length of input tensors (3).", "input_keys_mismatch",
     "signature"),
    ("Error: execute() of TFSavedModel is not supported yet.", "wrong_api_or_input_format", "predict"),
    ("Traceback (most recent call last):\n  File \"/usr/local/bin/tensorflowjs_converter\", line 8, in <module>\n"
     "    sys.exit(pip_main())\nValueError: Unsupported Ops in the model after optimization\n_FusedBatchNormEx, "
     "Einsum", "runtime_version_mismatch", "registerOp"),
    ('ValueError: Signature "predict" does not exist in the saved model', "signature_not_found", "signature_name"),
    ("ValueError: Expected Keras version 2; got Keras version 3.6.0", "runtime_version_mismatch", "tf_keras"),
    ("ValueError: For input_type=tfjs_layers_model & output_format=keras, the input path is expected to contain "
     "valid JSON content, but cannot read valid JSON content from ./web_model.", "savedmodel_not_found",
     "model.json"),
    ('ValueError: The --output_node_names flag is required for "tf_frozen_model"', "wrong_api_or_input_format",
     "--output_node_names"),
    ("ValueError: Error dumping weight dense_1/bias, dtype float64 not supported.", "dtype_mismatch", "float32"),
    ("Exception: Error dumping weights, duplicate weight name bias", "variables_not_restored", "unique"),
]


@pytest.mark.parametrize("message,category,word", MESSAGES, ids=[m[:60] for m, *_ in MESSAGES])
def test_a_tfjs_message_reads_to_its_cause(message: str, category: str, word: str) -> None:
    d = _read(message)
    assert d.category == category, (message, d.category, d.cause)
    assert word.lower() in said(d).lower(), said(d)


NOT_ABOUT = [
    # (text, a word the unknown view's readings must have)
    ("Error: Found more than one (2) load handlers for URL 'file://model/model.json'" + NODE.format(
        "loadLayersModelInternal", "tfjs-layers/dist/tf-layers.node.js"), "tfjs-node-gpu"),
    ("Uncaught (in promise) Error: Backend 'webgpu' has not yet been initialized. Make sure to await tf.ready() or "
     "await tf.setBackend() before calling other methods", "backend"),
    ("Error: Could not initialize any backends, all backend initializations failed.", "backend"),
    ("Uncaught Error: Tensor is disposed." + STACK.format("Tensor.throwIfDisposed"), "dispos"),
    ("Error: WebGPU is not supported on this device", "WebGPU"),
    ("Error: Cannot get WebGL rendering context, WebGL is disabled.", "WebGL"),
    ("Error: There were no entries found for the following binaries: tfjs-backend-wasm-threaded-simd.wasm. Please "
     "either call setWasmPaths with a map providing a path for each binary, or with a string indicating the "
     "directory where all the binaries can be found.", "WASM"),
    ("Error: Session fail to run with error: opaque failure in node 'x/y'", "TensorFlow's"),
    ("Error: Invalid TF_Status: 13\nMessage: an internal failure", "TensorFlow's"),
    ("Error: Could not initialize TensorFlow backend.", "installation"),
]


@pytest.mark.parametrize("message,word", NOT_ABOUT, ids=[m[:60] for m, _ in NOT_ABOUT])
def test_a_tfjs_message_not_about_the_model_says_what_it_is(message: str, word: str) -> None:
    from sigcheck.explain import explain_text, read_unknown

    found = explain_text(message)
    assert not found, (found[0].category, found[0].cause)
    assert any(word.lower() in r.lower() for r in read_unknown(message).readings), read_unknown(message).readings


@pytest.mark.parametrize("message,category", [
    ("Error: Failed to load SavedModel: Op type not registered 'StatelessRandomGetKeyCounter' in binary running on "
     "host. Make sure the Op and Kernel are registered in the binary running in this process.",
     "runtime_version_mismatch"),
    ("Error: Session fail to run with error: Matrix size-incompatible: In[0]: [1,784], In[1]: [1024,10]\n"
     "\t [[{{node StatefulPartitionedCall/model/dense/MatMul}}]]", "input_shape_mismatch"),
    ("Error: Invalid TF_Status: 3\nMessage: Incompatible shapes: [1,10] vs. [1,5]", "input_shape_mismatch"),
])
def test_tfjs_node_wrappers_leave_tensorflow_s_own_message_the_reading(message: str, category: str) -> None:
    """tfjs-node's binding wraps TensorFlow's status: TensorFlow's message inside is read (the innermost), not the
    wrapper."""
    d = _read(message)
    assert d.category == category, (d.category, d.cause)
    assert not d.cause.startswith("tfjs-node's native binding"), d.cause
