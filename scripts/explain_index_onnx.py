"""The ONNX ecosystem a Keras / TensorFlow model goes through on its way to ONNX Runtime, for explain's message index
(#15): what onnxruntime, onnx and tf2onnx say when the model does not load (a file that is not there or is no ONNX
model, weights kept in an external data file that is not beside it, an opset or op this release does not know, a
custom-domain op nobody registered, a graph whose types or shapes do not fit together), when it runs on an input of
another name, rank, size or type, and when the converter cannot find what it is asked to convert, read from their
sources at a pinned version.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* onnxruntime 1.32.0 (the C++ core in ``capi/onnxruntime_pybind11_state*.so``, read as ``strings -n 8`` reads it, and
  the Python ``capi/onnxruntime_inference_collection.py``, both from the release's wheel): session creation
  (protobuf parsing of a path, external data, the opset under development, ``is not a registered function/op``,
  ``No opset import for domain``, the graph resolver's type and shape errors, an input count or attribute of another
  opset's schema, what the session is given to load) and run (``Invalid input name``, ``Missing Input``, and the CPU
  kernels a converted Keras model runs first: Reshape, MatMul, broadcasting, Conv, Concat, Gather), plus the
  execution-provider messages (an unknown provider, one the installed package was not built with, a provider library
  that does not load);
* onnxruntime-common 1.31.1 (npm: the session and Tensor front of onnxruntime-web and onnxruntime-node): feeds
  without an input or not keyed by name, an output name the model lacks, a Tensor whose dims do not match its data
  or whose typed array is of another type, no backend that initialises;
* onnx 1.23 (github.com/onnx/onnx, mirrored): the checker (topological order, a node's input count, an unknown
  attribute, a required field, external data not where the model says, a path that is no proto, the 2 GiB limit),
  strict shape inference (a declared shape or type that differs from the inferred one, incompatible MatMul
  dimensions), the version converter (no adapter / no previous version / a target opset outside its range), and
  ``onnx.load`` of bytes that are no ModelProto (protobuf's DecodeError);
* tf2onnx 1.17.0 (github.com/onnx/tensorflow-onnx, mirrored): signatures and concrete functions it cannot pick,
  ``--inputs`` / ``--outputs`` that are not in the graph, a .pb it cannot read or parse, a TFLite builtin newer than
  its schema, a TensorFlow that lacks a function it calls, a handler that failed on a node, a table it cannot find.

Already in the index and left where they are (their modules' tests keep them): onnxruntime's ``Invalid rank for
input``, ``Got invalid dimensions for input``, ``Unexpected input data type``, ``Invalid Feed Input Name`` /
``Invalid Output Name``, ``Required inputs (…) are missing from input feed``, ``Unsupported model IR version``,
``Load model … failed. File doesn't exist``, ``Could not find an implementation for``, ``Failed to load model because
protobuf parsing failed`` (explain_index_clients); ``Unknown model file format version.`` (onnxruntime 1.4),
onnx's ``No Op registered for``, ``is deprecated in domain_version of``, ``Your model ir_version … is higher than the
checker's``, tf2onnx's ``Unsupported ops: Counter(…)`` and onnx-tf's ``version N is not implemented``
(explain_index_converters); tf2onnx's ``Tensorflow op [...] is not supported`` and ``Opset N is not supported yet``
(explain_index_clients); tf2onnx's SavedModel signature messages and the 2 GB limit (explain_index_runtimes).

Each row, as in explain_index_devices: template, pattern (named captures; literal parts are the source's text, every
placeholder a bounded class), source (library and version, file, function), category (an id of CATEGORIES.md, or
None with a reading for a message that is not about the model), what it means for someone serving a model, a fix
that names the cause, and an example as the library prints it (the build checks the pattern matches it; the examples
were provoked with the libraries installed in a scratch virtualenv or node, tests/explain/data/provoked_onnx.jsonl
holds the texts; onnx-tf's, the session-level JavaScript ones and ORT-format 'Failed to find kernel' are written from
their sources' format strings, not provoked).  Each row names the pieces of source text it rests on (:data:`QUOTES`): the onnx and tf2onnx files at their
commits in the git mirrors (``/work/.mirror/<owner>+<name>/repo``), onnxruntime's in the release's wheel and
onnxruntime-common's in its npm tarball (fetched once into explain_index_tf1's WHEELS folder, never installed); the build
checks every piece is there (the npm tarball only where npm is on the machine).

    python scripts/explain_index_onnx.py     # check the quotes, print the entries (the build imports entries())
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from functools import lru_cache, partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, examples_match, lit, mirror_text, rows_quoted  # noqa: E402,F401
from explain_build_index import Quote, add_row  # noqa: E402
from explain_build_index import source_ref as src  # noqa: E402
from explain_index_keras import _wheel  # noqa: E402
from explain_index_runtimes import row_entries  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

WHO = "explain_index_onnx"
VERSION = "runtime_version_mismatch"

# ------------------------------------------------------------------------------------------------ sources

ORT_VERSION = "1.32.0"
ORT_PYPI = "pypi:onnxruntime"
"""onnxruntime's wheel on PyPI: a Quote whose repo is this reads the file out of the release's wheel."""
ORT_OPTIONS = ("--only-binary=:all:", "--python-version", "311", "--platform", "manylinux_2_28_x86_64")
ORT_CORE = "onnxruntime/capi/onnxruntime_pybind11_state.cpython-311-x86_64-linux-gnu.so"
ORT_PY = "onnxruntime/capi/onnxruntime_inference_collection.py"

ORTJS_NPM, ORTJS_VERSION = "npm:onnxruntime-common", "1.31.1"
"""onnxruntime-common on npm: the InferenceSession / Tensor front of onnxruntime-web and onnxruntime-node (a Quote whose
repo is this reads the file out of the package's tarball, fetched once with npm pack into WHEELS)."""
ORTJS_SESSION, ORTJS_TENSOR = "package/dist/cjs/inference-session-impl.js", "package/dist/cjs/tensor-impl.js"
ORTJS_BACKEND = "package/dist/cjs/backend-impl.js"
ONNX_REPO, ONNX_COMMIT = "onnx/onnx", "f7546912001bc31e92a238b17068a21b373d882e"
"""onnx 1.23.0 (VERSION_NUMBER at this commit); the wheel installed to provoke the examples is 1.23.2."""
ONNX_CHECKER, ONNX_SCHEMA = "onnx/checker.cc", "onnx/defs/schema.cc"
ONNX_INFER = "onnx/shape_inference/implementation.cc"
TF2ONNX_REPO, TF2ONNX_COMMIT = "onnx/tensorflow-onnx", "6537fcb2ee9868f7446a278dc1473915cdec5d45"
"""tf2onnx 1.17.0 (VERSION_NUMBER at this commit), the release installed to provoke the examples."""
TF_LOADER = "tf2onnx/tf_loader.py"
ONNXTF_REPO, ONNXTF_COMMIT = "onnx/onnx-tensorflow", "ee0c5e537b3cebbddc5773871e6786e6468c7f3f"
"""onnx-tf 1.10.0's tree (the last release line), mirrored."""
ONNXTF_EXC = "onnx_tf/common/exception.py"


def ort(where: str, path: str = ORT_CORE) -> str:
    """The source of an onnxruntime row: the release, the file of its wheel, the function (as the message's own
    ``file.cc:N function`` prefix or the strings around it name it)."""
    how = "strings -n 8; " if path.endswith(".so") else ""
    return f"onnxruntime {ORT_VERSION} {path.split('/')[-1]} ({how}{where})"


# ------------------------------------------------------------------------------------------------ fixes

NAMES_FIX = ("Feed the model's own input names: [i.name for i in session.get_inputs()] lists them (tf2onnx keeps the "
             "SavedModel signature's names, e.g. 'input_1' or 'serving_default_input_1:0' for a frozen graph); "
             "drop keys the model does not have")
OPSET_FIX = ("Convert the model again with an opset this onnxruntime supports (python -m tf2onnx.convert --saved-model "
             "DIR --opset N with N at most the release's official opset, the number the message gives), or upgrade "
             "onnxruntime (pip install -U onnxruntime / onnxruntime-gpu; the Java / C# / web package likewise) to a "
             "release that supports the model's opset")
CUSTOM_OP_FIX = ("Register the library that implements the domain before creating the session: ai.onnx.contrib (what "
                 "tf2onnx writes for string / text ops with --extra_opset) is onnxruntime-extensions' "
                 "(so = ort.SessionOptions(); so.register_custom_ops_library(onnxruntime_extensions.get_library_path())"
                 "); com.microsoft ops need an onnxruntime at least as new as the tool that fused them; or convert "
                 "again without the custom op (a standard-domain op at a higher --opset, or the layer left out)")
NO_IMPORT_FIX = ("The model's opset_import lacks the domain its node uses: add it (model.opset_import.append(onnx."
                 "helper.make_opsetid('DOMAIN', 1)); onnx.save(model, path)), or convert again with a converter that "
                 "declares it (tf2onnx --extra_opset DOMAIN:1); an edit that added the node must add the domain too")
TYPE_FIX = ("The op at the model's opset does not take that element type: convert again with a higher --opset, where "
            "the op takes it (e.g. integer Relu from opset 14, integer Max / Min from 12), or cast to float32 before "
            "the op when exporting (a model in float64 / double: cast the Keras / TF model to float32 first); a "
            "float16 conversion (onnxconverter_common.float16) must keep the ops that lack float16 kernels in float32 "
            "(op_block_list, keep_io_types=True)")
MIXED_TYPE_FIX = ("The graph feeds one op tensors of two element types: a float16 conversion that left part of the "
                  "graph in float32 (convert_float_to_float16(model, keep_io_types=True, op_block_list=[...]) or "
                  "auto_mixed_precision), or a graph edit without a Cast; convert the model again from the Keras / TF "
                  "model in one dtype, or insert a Cast before the op the message names")
GRAPH_SHAPE_FIX = ("The model's declared shapes do not fit what its ops compute (an input or output shape edited "
                   "after conversion, a value_info left stale, a converter given the wrong --inputs shape): convert "
                   "again from the Keras / TF model with the input shape it was built for (tf2onnx --inputs "
                   "name:0[-1,H,W,C]), or clear the stale value_info and re-run onnx.shape_inference.infer_shapes")
GRAPH_BROKEN_FIX = ("The ONNX graph is not one a loader can build: a node reads a tensor nothing produces, or nodes are "
                    "out of order (a graph edit, extract_model or a converter given --inputs / --outputs inside the "
                    "graph): convert again from the Keras / TF model (tf2onnx --saved-model DIR), and check the file "
                    "with onnx.checker.check_model(path) before serving it")
SCHEMA_FIX = ("The node was written for another opset's schema of the op (an input count or an attribute that "
              "version does not have: e.g. Squeeze / Unsqueeze / ReduceSum took axes as an attribute before opset 13 "
              "and as an input after): convert again with one opset throughout (tf2onnx --opset N), and do not "
              "change a model's opset_import by hand (onnx.version_converter.convert_version converts the nodes)")
EXTERNAL_FIX = ("The model keeps its weights in an external data file that is not where the .onnx says (the "
                "location recorded beside each initializer, relative to the model's folder): copy the .data / "
                ".onnx.data file (tf2onnx --large_model writes a zip: unzip it whole) into the same folder as the "
                ".onnx, load the model by its path (not from bytes, which have no folder), and keep the file's name")
NOT_ONNX_FIX = ("The file is not a (whole) ONNX model: a TensorFlow SavedModel / .pb, a Keras .h5 or .keras, a Git "
                "LFS pointer (~130 bytes: git lfs pull) or a download cut short. Convert the Keras / TF model to ONNX "
                "first (python -m tf2onnx.convert --saved-model DIR --output model.onnx) and give that file; compare "
                "its size with the original")
LOAD_TYPE_FIX = ("InferenceSession takes a path (str) or the model's bytes: pass onnx_model.SerializeToString() (or "
                 "save it and pass the path), not the ModelProto object or a file handle")
RESHAPE_FIX = ("A Reshape in the graph gets another number of values than its target shape holds: feed the input "
               "shape the model was converted for (session.get_inputs()[0].shape; an image of the size it was "
               "trained on, the layout tf2onnx kept: NHWC). When the requested shape's first number is a fixed batch "
               "(1) while you feed more, the converter baked the batch into the graph: feed batches of that size or "
               "convert again with a free batch (tf2onnx --inputs name:0[-1,...] / a None batch in the signature)")
MATMUL_FIX = ("A MatMul (a Dense layer) got rows of another width than its weights take: feed each example with the "
              "feature count the model was trained on (session.get_inputs()[0].shape), flattened the way the model "
              "flattens it, and with its batch axis (np.expand_dims(x, 0) for one example)")
BROADCAST_FIX = ("Two tensors of an elementwise op have sizes that do not broadcast (neither is 1): an input of "
                 "another size than the model's (image size, sequence length, feature count) meets a constant of "
                 "the model's size; feed the shape session.get_inputs() shows, resized / padded to it")
CONV_CHANNELS_FIX = ("The Conv reads the channels in dimension 1 (ONNX is NCHW inside) and got another count than its "
                     "filters take: when C is the image's height or width, the image is in the wrong layout for "
                     "this model (a tf2onnx model keeps TensorFlow's NHWC input [n, h, w, c]; a PyTorch export takes "
                     "NCHW [n, c, h, w]: x.transpose(0, 3, 1, 2)); when it is a channel count, convert RGB / "
                     "grayscale to the count the model was trained with")
CONV_RANK_FIX = ("The Conv got an input of another rank than its filter (X and W must have the same number of "
                 "dimensions): one image (C, H, W) / (H, W, C) needs its batch axis (np.expand_dims(x, 0)); an input "
                 "with one axis too many (a batch of batches) must lose it (x[0] or np.squeeze(x, 0))")
CONCAT_FIX = ("Two tensors joined by a Concat differ outside the joined axis: axis 0 is the batch, so a part of the "
              "graph has a batch size fixed at conversion (a constant or reshape with batch 1, e.g. a Keras Input "
              "with batch_size or tf2onnx --inputs name:0[1,...]): feed that batch size or convert again with a free "
              "batch; another axis is a size of the input (feed the size the model was converted for)")
GATHER_FIX = ("A Gather (an Embedding or a lookup) got an index outside its table: token ids from a tokenizer / "
              "vocabulary other than the model's (a larger vocab_size), category codes not mapped like at training, "
              "or padding / unknown ids out of range; map the values into [0, table size) the way training did")
MISSING_INPUT_FIX = ("An input of the model got no value (None in the feed, or an optional input left out that this "
                     "op needs): feed every input with a numpy array of its type: [i.name for i in "
                     "session.get_inputs()] lists them")
PROVIDER_FIX = ("The installed onnxruntime package has no such execution provider: pip uninstall onnxruntime "
                "onnxruntime-gpu, then pip install onnxruntime-gpu alone (both installed shadow each other) with "
                "the CUDA / cuDNN versions its release lists; check ort.get_available_providers(); pass the "
                "providers by their exact names (CUDAExecutionProvider, CPUExecutionProvider)")
PROVIDER_LIB_FIX = ("onnxruntime-gpu could not load its CUDA provider library: the CUDA / cuDNN libraries it needs "
                    "(the one named after 'with error') are missing or of another major version. Install the CUDA "
                    "and cuDNN versions the onnxruntime-gpu release lists (or the matching nvidia-*-cu12 wheels), "
                    "put them on LD_LIBRARY_PATH / PATH, or pip install the onnxruntime-gpu build for the CUDA you "
                    "have")
CONVERTER_OP_FIX = ("tf2onnx's handler failed on this node at the opset it converts to: convert with a higher --opset "
                    "and the newest tf2onnx (pip install -U tf2onnx), or keep the op out of the exported graph (a "
                    "layer built from supported ops); --continue_on_error lists every node that fails")
TF2ONNX_IO_FIX = ("Name inputs and outputs as the graph does, with their port: node_name:0 (saved_model_cli show "
                  "--dir DIR --all lists a SavedModel's; for a SavedModel leave --inputs / --outputs out and pick the "
                  "signature with --signature_def); a Keras layer's name is not its tensor's name")
TF2ONNX_SIG_FIX = ("Pick one signature by its key (saved_model_cli show --dir DIR lists them; --signature_def "
                   "serving_default for a Keras export) or a concrete function by an index the model has "
                   "(--concrete_function 0)")
TF2ONNX_FILE_FIX = ("Give tf2onnx the file it converts in the format of the flag: --graphdef a frozen GraphDef .pb, "
                    "--saved-model the folder holding saved_model.pb, --keras an .h5, --tflite a .tflite; check the "
                    "path exists where the command runs and is not a Git LFS pointer or cut download")
TF2ONNX_TFLITE_FIX = ("The .tflite uses a builtin operator (or enum value) newer than this tf2onnx's TFLite schema: "
                      "upgrade tf2onnx (pip install -U tf2onnx), or convert from the SavedModel / Keras model instead "
                      "of the .tflite (python -m tf2onnx.convert --saved-model DIR)")
TF2ONNX_TF_FIX = ("This tf2onnx calls a TensorFlow function the installed TensorFlow does not have: install the "
                  "TensorFlow version tf2onnx's release supports (its README lists them) in the environment that "
                  "converts, or upgrade tf2onnx")
VERSION_CONVERTER_FIX = ("onnx's version converter cannot move this op to the opset asked for (no adapter, or the op "
                         "does not exist there): convert again from the Keras / TF model straight to the target "
                         "opset (tf2onnx --opset N) instead of converting the ONNX model's version, or target an "
                         "opset within the range this onnx release knows")
TOO_LARGE_FIX = ("A protobuf cannot hold more than 2 GiB: check the model by its path (onnx.checker.check_model(path)), "
                 "and save large models with external data (onnx.save(model, path, save_as_external_data=True); "
                 "tf2onnx --large_model)")
TABLE_FIX = ("tf2onnx could not find the lookup table a placeholder stands for (a StringLookup / hash table created "
             "outside the exported function): create the table inside the tracked model (a Keras layer or tf.Module "
             "attribute) and export again, or do the lookup outside the ONNX model")

OOM_FIX = ("onnxruntime ran out of memory for one tensor of the model (the size in bytes): send smaller batches or "
           "inputs, give the process / container / GPU more memory, cap and tune the arena (CUDA provider option "
           "gpu_mem_limit, arena_extend_strategy='kSameAsRequested'; so.enable_cpu_mem_arena = False), or make "
           "the model smaller (float16 / int8 quantization with onnxruntime.quantization)")
KERNEL_FIX = ("Upgrade onnxruntime to a release (and a full build: not onnxruntime-mobile / a reduced ops config) that "
              "has a kernel for the op at that version on the provider used, or convert the model again with a "
              "lower opset (tf2onnx --opset N) whose version of the op this runtime implements")
ONNXTF_OP_FIX = ("onnx-tf does not convert this op (or these attributes): export the model again without it (another "
                 "auto_pad / mode / a standard-domain op: optimise the ONNX model without onnxruntime's fused "
                 "com.microsoft ops), upgrade onnx-tf, or run the ONNX model with onnxruntime instead of converting "
                 "it to TensorFlow")
ONNXTF_DTYPE_FIX = ("Run the conversion with auto_cast=True (onnx_tf.backend.prepare(model, auto_cast=True); onnx-tf "
                    "convert --auto-cast True), or export the ONNX model with the op's input in one of the types the "
                    "message lists (a Cast to int32 / float32 before it)")

JS_NAMES_FIX = ("Key the feeds by the model's own input names (session.inputNames lists them; fetches by "
                "session.outputNames): {[session.inputNames[0]]: tensor}, every input given an ort.Tensor")
JS_SIZE_FIX = ("Give the Tensor dims whose product is the data's length: new ort.Tensor('float32', data, dims) with "
               "dims the model's input shape (session's input metadata or the converter's; tf2onnx keeps NHWC [1, h, "
               "w, c]) and data resized / laid out to it (h * w * c values for one image)")
JS_TYPE_FIX = ("Give the Tensor the typed array of its type: float32 -> Float32Array, int32 -> Int32Array, int64 -> "
               "BigInt64Array, float16 -> Uint16Array (or Float16Array where the runtime has it), uint8 -> Uint8Array; "
               "the type must be the model input's (session input metadata, e.g. tensor(float) is 'float32')")
JS_BACKEND_FIX = ("onnxruntime-web / -node found no backend that initialises: serve the .wasm files next to the bundle "
                  "or set ort.env.wasm.wasmPaths to where they are (a bundler that drops them is the usual cause), "
                  "import 'onnxruntime-web' (not onnxruntime-common alone), and keep the webgpu / webgl execution "
                  "providers to browsers that have them (the ERR list after the message names each backend's error)")

# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[Quote]] = {}


add = partial(add_row, ROWS, QUOTES)
"""One row and the source pieces it rests on (explain_build_index.add_row)."""


def _core(*pieces: str) -> Quote:
    return Quote(ORT_PYPI, ORT_VERSION, ORT_CORE, pieces)


def _onnx(path: str, *pieces: str) -> Quote:
    return Quote(ONNX_REPO, ONNX_COMMIT, path, pieces)


def _onnxtf(path: str, *pieces: str) -> Quote:
    return Quote(ONNXTF_REPO, ONNXTF_COMMIT, path, pieces)


def _js(path: str, *pieces: str) -> Quote:
    return Quote(ORTJS_NPM, ORTJS_VERSION, path, pieces)


def _t2o(path: str, *pieces: str) -> Quote:
    return Quote(TF2ONNX_REPO, TF2ONNX_COMMIT, path, pieces)


ORT_EXC = "onnxruntime.capi.onnxruntime_pybind11_state."
RUN = "[ONNXRuntimeError] : 1 : FAIL : Non-zero status code returned while running {op} node. Name:'{node}' Status " \
      "Message: "
LOAD = "[ONNXRuntimeError] : 1 : FAIL : Load model from {path} failed:"

# ---- onnxruntime: session creation
add("Opset {n} is under development and support for this is limited. … Current official support for domain {domain} "
    "is till opset {m}.",
    r"Opset (?P<got>\d{1,4}) is under development and support for this is limited[^\n]{0,400}?Current official "
    r"support for domain (?P<domain>[\w.]{1,80}) is till opset (?P<want>\d{1,4})",
    ort("onnxruntime/core/graph/model_load_utils.h:46 ValidateOpsetForDomain"), VERSION,
    "the model declares an opset (of the domain named) newer than this onnxruntime release supports: a newer onnx / "
    "tf2onnx / torch.onnx wrote it with an opset beyond the runtime's", OPSET_FIX,
    ORT_EXC + "Fail: " + LOAD.format(path="model.onnx") + "/onnxruntime_src/onnxruntime/core/graph/model_load_utils.h:46"
    " void onnxruntime::model_load_utils::ValidateOpsetForDomain(const std::unordered_map<std::__cxx11::basic_string<"
    "char>, int>&, const onnxruntime::logging::Logger&, bool, const std::string&, int) ONNX Runtime only *guarantees* "
    "support for models stamped with official released onnx opset versions. Opset 23 is under development and support "
    "for this is limited. The operator schemas and or other functionality may change before next ONNX release and in "
    "this case ONNX Runtime will not guarantee backward compatibility. Current official support for domain ai.onnx is "
    "till opset 21.",
    [_core(" is under development and support for this is limited. The operator schemas and or other functionality "
           "may change before next ONNX release and in this case ONNX Runtime will not guarantee backward "
           "compatibility. Current official support for domain ", " is till opset ")])
add("{domain}:{op}({version}) is not a registered function/op",
    r"(?P<domain>[\w.]{1,80}):(?P<op>\w{1,120})\((?P<op_version>-?\d{1,4})\) is not a registered function/op",
    ort("onnxruntime/core/graph/graph.cc: Graph::VerifyNodeAndOpMatch, a node of a domain no schema registry knows"),
    VERSION,
    "the model has an op of a custom domain that no library registered in this session provides: tf2onnx's "
    "ai.onnx.contrib ops (onnxruntime-extensions), com.microsoft ops fused by a newer onnxruntime tool, or a custom "
    "op of the exporting code", CUSTOM_OP_FIX,
    ORT_EXC + "Fail: " + LOAD.format(path="model.onnx") + "Fatal error: ai.onnx.contrib:StringRegexReplace(-1) is not a "
    "registered function/op",
    [_core(") is not a registered function/op")])
add("No opset import for domain '{domain}'",
    r"No opset import for domain '(?P<domain>[^'\s]{0,120})'",
    ort("onnxruntime/core/graph/graph.cc: the node's domain is not in the model's opset_import") + "; "
    + src(ONNX_REPO, ONNX_COMMIT, ONNX_CHECKER, "check_node"), VERSION,
    "a node of the model uses a domain that the model's opset_import does not declare: a converter or a graph edit "
    "added a custom-domain node without its opset import", NO_IMPORT_FIX,
    "[ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model from model.onnx failed:This is an invalid model. In Node, "
    "(\"n1\", MyOp, \"ai.custom\", -1) : (\"input_1\": tensor(float),) -> (\"output_0\": tensor(float),) , Error No "
    "opset import for domain 'ai.custom'",
    [_core("No opset import for domain '"),
     _onnx(ONNX_CHECKER, "fail_check(\"No opset import for domain '\" + node.domain() + \"'\");")])
add("Type Error: Type '{type}' of input parameter ({name}) of operator ({op}) in node ({node}) is invalid.",
    r"Type Error: ?Type '(?P<got_dtype>[^'\n]{1,60})' of input parameter \((?P<input>[^)\n]{0,200})\) of operator "
    r"\((?P<op>\w{1,120})\) in node \((?P<node>[^)\n]{0,200})\) is invalid",
    ort("onnxruntime/core/graph/graph.cc: Graph::InferAndVerifyTypeMatch"), "dtype_mismatch",
    "an op of the model gets a tensor of an element type its schema (at the model's opset) does not take: an integer "
    "or double tensor where that opset's op takes floats, written by a converter at an older opset or by a model "
    "built in float64", TYPE_FIX,
    ORT_EXC + "InvalidGraph: [ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model from model.onnx failed:This is an "
    "invalid model. Type Error: Type 'tensor(int32)' of input parameter (x) of operator (Round) in node "
    "(StatefulPartitionedCall/model/Round) is invalid.",
    [_core("Type Error: Type '", "' of input parameter (", ") of operator (")])
add("Type Error: Type parameter ({T}) of Optype ({op}) bound to different types ({t1} and {t2} in node ({node}).",
    r"Type parameter \((?P<param>\w{1,40})\) of Optype \((?P<op>\w{1,120})\) bound to different types "
    r"\((?P<got_dtype>[^\s)]{1,60}\)?) and (?P<want_dtype>[^\s)]{1,60}\)?)",
    ort("onnxruntime/core/graph/graph.cc: Graph::InferAndVerifyTypeMatch"), "dtype_mismatch",
    "two inputs of one op of the graph have different element types where its schema wants one (float16 and float32 "
    "after a partial float16 conversion, int64 and float after an edit without a Cast)", MIXED_TYPE_FIX,
    ORT_EXC + "Fail: " + LOAD.format(path="model_fp16.onnx") + "Type Error: Type parameter (T) of Optype (Add) bound "
    "to different types (tensor(float) and tensor(float16) in node (StatefulPartitionedCall/model/add).",
    [_core(") bound to different types (")])
add("Type Error: Type ({t1}) of output arg ({name}) of node ({node}) does not match expected type ({t2}).",
    r"Type \((?P<want_dtype>[^\s)]{1,60}\)?)\) of output arg \((?P<output>[^)\n]{0,200})\) of node "
    r"\((?P<node>[^)\n]{0,200})\) does not match expected type \((?P<got_dtype>[^\s)]{1,60}\)?)\)",
    ort("onnxruntime/core/graph/graph.cc: Graph::InferAndVerifyTypeMatch"), "dtype_mismatch",
    "the model declares a graph output (or value_info) of another element type than the node computes: a type "
    "edited after conversion or a converter that declared the output's dtype wrongly", MIXED_TYPE_FIX,
    ORT_EXC + "Fail: " + LOAD.format(path="model.onnx") + "Type Error: Type (tensor(int64)) of output arg "
    "(output_0) of node (r) does not match expected type (tensor(float)).",
    [_core(") of output arg (", ") does not match expected type (")])
add("Node ({node}) Op ({op}) [ShapeInferenceError] {message}",
    r"Node \((?P<node>[^)\n]{0,200})\) Op \((?P<op>\w{1,120})\) \[ShapeInferenceError\]",
    ort("onnxruntime/core/graph/graph.cc: Graph::InferAndVerifyTypeMatch runs the op schema's shape inference"),
    "model_graph_shape_bug",
    "onnxruntime's shape inference found an op of the graph whose input shapes cannot go together (a MatMul's inner "
    "dimensions, a Conv's spatial rank): the shapes declared in the model (its inputs, value_info) do not fit its "
    "weights, most often after an edit of the input shape or a conversion given another input shape",
    GRAPH_SHAPE_FIX,
    ORT_EXC + "Fail: " + LOAD.format(path="model.onnx") + "Node () Op (MatMul) [ShapeInferenceError] Incompatible "
    "dimensions for matrix multiplication",
    [_core("[ShapeInferenceError] ")])
add("Mismatch between number of inferred and declared dimensions. inferred={n} declared={m}",
    r"Mismatch between number of inferred and declared dimensions\. ?inferred=(?P<got_rank>\d{1,3}) "
    r"?declared=(?P<want_rank>\d{1,3})",
    ort("onnxruntime/core/graph/graph.cc: MergeShapeInfo"), "model_graph_shape_bug",
    "a tensor the model declares (a graph output or value_info) has another rank than its node computes: a shape "
    "written into the model that its ops do not produce", GRAPH_SHAPE_FIX,
    "[ONNXRuntimeError] : 1 : FAIL : Load model from model.onnx failed:Node (model/flatten/Reshape) Op (Reshape) "
    "[ShapeInferenceError] Mismatch between number of inferred and declared dimensions. inferred=2 declared=4",
    [_core("Mismatch between number of inferred and declared dimensions. inferred=")])
add("Invalid model. Node input '{name}' is not a graph input, initializer, or output of a previous node.",
    r"Node input '(?P<tensor>[^'\n]{0,200})' is not a graph input, initializer, or output of a previous node",
    ort("onnxruntime/core/graph/graph.cc: Graph::BuildConnections"), "model_load_failed",
    "a node of the ONNX graph reads a tensor that no input, initializer or earlier node produces: the graph was "
    "cut or edited (extract_model, a converter given --inputs / --outputs inside the graph) or written by a tool "
    "with a bug", GRAPH_BROKEN_FIX,
    ORT_EXC + "InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Load model from model.onnx failed:Invalid "
    "model. Node input 'zzz' is not a graph input, initializer, or output of a previous node.",
    [_core("' is not a graph input, initializer, or output of a previous node.")])
add("Error Node({node}) with schema({domain}::{op}:{version}) has input size {n} not in range [min={a}, max={b}].",
    r"with schema\((?P<domain>[\w.]{0,80})::(?P<op>\w{1,120}):(?P<op_version>\d{1,4})\) has (?P<what>input|output) "
    r"size (?P<got>\d{1,4}) not in range \[min=(?P<lo>\d{1,4}), ?max=(?P<hi>\d{1,10})\]",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_SCHEMA, "OpSchema::VerifyInputNum / VerifyOutputNum; onnxruntime prints it "
        "from its onnx as 'This is an invalid model. In Node, … Error Node(…)'"), VERSION,
    "a node has a number of inputs (or outputs) the op's schema at the model's opset does not allow: it was written "
    "for another opset's version of the op", SCHEMA_FIX,
    ORT_EXC + "InvalidGraph: [ONNXRuntimeError] : 10 : INVALID_GRAPH : Load model from model.onnx failed:This is an "
    "invalid model. In Node, (\"r\", Relu, \"\", -1) : (\"input_1\": tensor(float),\"input_1\": tensor(float),) -> "
    "(\"output_0\": tensor(float),) , Error Node(r) with schema(::Relu:13) has input size 2 not in range [min=1, "
    "max=1].",
    [_onnx(ONNX_SCHEMA, "\" has input size \",", "\" not in range [min=\",")])
add("Unrecognized attribute: {attr} for operator {op}",
    r"Unrecognized attribute: ?(?P<attr>[\w.]{1,80}) for operator (?P<op>\w{1,120})",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_SCHEMA, "OpSchema::Verify; onnxruntime prints it from its onnx"), VERSION,
    "a node carries an attribute the op's schema at the model's opset does not have: written for another opset's "
    "version of the op (axes as an attribute where that opset takes an input), or an attribute a tool added",
    SCHEMA_FIX,
    "onnx.onnx_cpp2py_export.checker.ValidationError: Unrecognized attribute: axes for operator Squeeze\n\n==> Context: "
    "Bad node spec for node. Name: StatefulPartitionedCall/model/Squeeze OpType: Squeeze",
    [_onnx(ONNX_SCHEMA, "fail_check(\"Unrecognized attribute: \", name, \" for operator \", node.op_type());")])
add("Load model from {path} failed:Protobuf parsing failed.",
    r"Load model from (?P<path>[^\s]{1,300}) failed: ?Protobuf parsing failed",
    ort("onnxruntime/core/graph/model.cc: Model::Load of a path"), "savedmodel_not_found",
    "the file given to onnxruntime is not an ONNX model protobuf: a TensorFlow .pb / SavedModel folder, a Keras file, "
    "a Git LFS pointer or a cut download (a folder given as the path fails the same way)", NOT_ONNX_FIX,
    ORT_EXC + "InvalidProtobuf: [ONNXRuntimeError] : 7 : INVALID_PROTOBUF : Load model from model/saved_model.pb "
    "failed:Protobuf parsing failed.",
    [_core("Protobuf parsing failed.")])
add("External data path does not exist: {path}",
    r"External data path does not exist: ?\"?(?P<path>[^\s\"]{1,300})",
    ort("onnxruntime/core/framework/tensorprotoutils.cc ValidateExternalDataPathFromDir"), "savedmodel_not_found",
    "the model keeps an initializer's data in an external file, and that file is not where the model records it "
    "(beside the .onnx, under the location's name)", EXTERNAL_FIX,
    ORT_EXC + "Fail: [ONNXRuntimeError] : 1 : FAIL : External data path validation failed for initializer: Wbig. "
    "Error: tensorprotoutils.cc:619 ValidateExternalDataPathFromDir External data path does not exist: "
    "\"/models/ext.onnx.data\"",
    [_core("External data path does not exist: ", "External data path validation failed for initializer: ")])
add("Unable to load from type '{type}'",
    r"Unable to load from type '(?P<given>[^'\n]{1,120})'",
    ort("InferenceSession._create_inference_session", ORT_PY), "savedmodel_not_found",
    "InferenceSession was given something that is neither a path nor bytes (an onnx ModelProto, a file object, a "
    "Path-like of another kind)", LOAD_TYPE_FIX,
    "TypeError: Unable to load from type '<class 'onnx.onnx_ml_pb2.ModelProto'>'",
    [Quote(ORT_PYPI, ORT_VERSION, ORT_PY, ("raise TypeError(f\"Unable to load from type '{type(path_or_bytes)}'\")",))])

# ---- onnxruntime: run
add("Invalid input name: {name}",
    r"Invalid input name: ?(?P<input>[^\s'\",]{1,200})",
    ort("onnxruntime/core/session/inference_session.cc: InferenceSession::ValidateInputsOutputs ('Invalid ' + "
        "'input' + ' name: ')"), "input_keys_mismatch",
    "onnxruntime was fed a name that is none of the model's inputs (the newer wording of 'Invalid Feed Input Name')",
    NAMES_FIX,
    ORT_EXC + "InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid input name: extra",
    [_core("ValidateInputsOutputs", "Invalid ", " Please fix either the inputs/outputs or the model.")])
add("Missing Input: {name}",
    r"Missing Input: ?(?P<input>[^\s'\",]{1,200})",
    ort("include/onnxruntime/core/framework/op_kernel_context.h:45 OpKernelContext::Input"), "input_keys_mismatch",
    "a kernel found no value for one of its inputs: the feed gave None for a model input, or left out an optional "
    "input the op needs", MISSING_INPUT_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Relu", node="model/re_lu/Relu") + "/onnxruntime_src/include/onnxruntime/core/"
    "framework/op_kernel_context.h:45 const T* onnxruntime::OpKernelContext::Input(int) const [with T = "
    "onnxruntime::Tensor] Missing Input: input_1",
    [_core("Missing Input: ")])
add("The input tensor cannot be reshaped to the requested shape. Input shape:{shape}, requested shape:{shape}",
    r"The input tensor cannot be reshaped to the requested shape\. ?Input shape: ?\{(?P<got_shape>[\d,\s-]{0,80})\}, "
    r"?requested shape: ?\{(?P<want_shape>[\d,\s-]{0,80})\}",
    ort("onnxruntime/core/providers/cpu/tensor/reshape_helper.h:91 ReshapeHelper"), "input_shape_mismatch",
    "a Reshape in the graph (a Keras Flatten / Reshape) gets another number of values than its target shape holds: "
    "an input of another size than the model was converted for, or a batch fixed in the graph (the requested "
    "shape's first number) fed another batch", RESHAPE_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Reshape", node="model/flatten/Reshape") + "/onnxruntime_src/onnxruntime/core/"
    "providers/cpu/tensor/reshape_helper.h:91 onnxruntime::ReshapeHelper::ReshapeHelper(const onnxruntime::"
    "TensorShape&, onnxruntime::TensorShapeVector&, bool) input_shape_size == requested_shape_size was false. The "
    "input tensor cannot be reshaped to the requested shape. Input shape:{2,4}, requested shape:{1,10}",
    [_core("The input tensor cannot be reshaped to the requested shape. Input shape:")])
add("MatMul dimension mismatch",
    r"MatMul dimension mismatch",
    ort("onnxruntime/core/providers/cpu/math/matmul_helper.h:59,180 MatMulComputeHelper::Compute"),
    "input_shape_mismatch",
    "a MatMul (a Dense layer) got a tensor whose last dimension differs from its weight's first: another feature "
    "count, or an input not flattened / without its batch axis", MATMUL_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="MatMul", node="model/dense/MatMul") + "matmul_helper.h:59 Compute MatMul "
    "dimension mismatch",
    [_core("MatMul dimension mismatch")])
add("Attempting to broadcast an axis by a dimension other than 1. {a} by {b}",
    r"Attempting to broadcast an axis by a dimension other than 1\. ?(?P<a>\d{1,12}) by (?P<b>\d{1,12})",
    ort("onnxruntime/core/providers/cpu/math/element_wise_ops.h:563 BroadcastIterator::Init"),
    "input_shape_mismatch",
    "two tensors of an elementwise op (Add, Mul, Sub …) have a dimension whose sizes differ and neither is 1: an input "
    "of another size than the model's meets a tensor of the model's size", BROADCAST_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Add", node="model/add") + "/onnxruntime_src/onnxruntime/core/providers/cpu/"
    "math/element_wise_ops.h:563 void onnxruntime::BroadcastIterator::Init(ptrdiff_t, ptrdiff_t) axis == 1 || axis "
    "== largest was false. Attempting to broadcast an axis by a dimension other than 1. 3 by 5",
    [_core("Attempting to broadcast an axis by a dimension other than 1. ")])
add("Input channels C is not equal to kernel channels * group. C: {c} kernel channels: {k} group: {g}",
    r"Input channels C is not equal to kernel channels \* group\. ?C: ?(?P<got>\d{1,9}) kernel channels: ?"
    r"(?P<want>\d{1,9})",
    ort("onnxruntime/core/providers/cpu/nn/conv_attributes.h"), "input_shape_mismatch",
    "a Conv got an input whose dimension 1 (ONNX's channels) differs from its filter's channel count: an image in "
    "NHWC where the model takes NCHW (or the reverse), or another channel count (RGB for grayscale)",
    CONV_CHANNELS_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Conv", node="model/conv2d/Conv2D") + "Input channels C is not equal to kernel "
    "channels * group. C: 224 kernel channels: 3 group: 1",
    [_core("Input channels C is not equal to kernel channels * group.", " kernel channels: ")])


def _dims(n: int) -> str:
    """A shape of exactly ``n`` dimensions as onnxruntime prints it ({3,32,32})."""
    return r"\{\d{1,9}" + r",\d{1,9}" * (n - 1) + r"\}"


_CONV_PAIRS = {"missing": [(w - 1, w) for w in (3, 4, 5)], "extra": [(w + 1, w) for w in (3, 4, 5)]}
_CONV_HEAD = r"X num_dims does not match W num_dims\. ?X: ?"
for _kind, _category, _what in (("missing", "missing_batch_dimension", "one dimension fewer than its filter: the "
                                 "batch axis is missing (one example fed alone)"),
                                ("extra", "extra_batch_dimension", "one dimension more than its filter: an extra "
                                 "axis (a batch of one wrapped once more)")):
    add(f"X num_dims does not match W num_dims. X: {{shape}} W: {{shape}} (X with {_what.split(':')[0]})",
        _CONV_HEAD + "(?:" + "|".join(f"{_dims(x)} ?W: ?{_dims(w)}" for x, w in _CONV_PAIRS[_kind]) + ")",
        ort("onnxruntime/core/providers/cpu/nn/conv_attributes.h: X's rank against W's"),
        _category, f"a Conv got an input with {_what}", CONV_RANK_FIX,
        ORT_EXC + "Fail: " + RUN.format(op="Conv", node="model/conv2d/Conv2D") + "X num_dims does not match W "
        "num_dims. X: " + ("{3,32,32} W: {8,3,3,3}" if _kind == "missing" else "{1,1,3,32,32} W: {8,3,3,3}"),
        [_core("X num_dims does not match W num_dims.")])
add("X num_dims does not match W num_dims. X: {shape} W: {shape}",
    _CONV_HEAD + "(?!" + "|".join(f"{_dims(x)} ?W: ?{_dims(w)}" for x, w in sum(_CONV_PAIRS.values(), [])) + ")"
    + r"\{(?P<got_shape>[\d,]{0,80})\} ?W: ?\{(?P<want_shape>[\d,]{0,80})\}",
    ort("onnxruntime/core/providers/cpu/nn/conv_attributes.h"), "input_shape_mismatch",
    "a Conv got an input whose rank differs from its filter's by more than one axis", CONV_RANK_FIX,
    "Status Message: X num_dims does not match W num_dims. X: {32,32} W: {8,3,3,3}",
    [_core("X num_dims does not match W num_dims.")])
add("NCHWc Conv input and filter must be rank 4.",
    lit("Conv input and filter must be rank 4."),
    ort("onnxruntime/contrib_ops/cpu/nchwc_ops.cc:167 NchwcConv::Compute, the layout the CPU provider's optimizer "
        "gives a 2-D Conv"), "missing_batch_dimension",
    "the optimised 2-D Conv got an input that is not 4-D: most often one image (H, W, C) / (C, H, W) without its "
    "batch axis; a 5-D input has one axis too many", CONV_RANK_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Conv", node="output_0_nchwc") + "nchwc_ops.cc:167 Compute NCHWc Conv input and "
    "filter must be rank 4.",
    [_core("Conv input and filter must be rank 4.")])
add("Non concat axis dimensions must match: Axis {i} has mismatched dimensions of {a} and {b}",
    r"Non concat axis dimensions must match: ?Axis (?P<dim>\d{1,3}) has mismatched dimensions of (?P<a0>\d{1,12}) "
    r"and (?P<b0>\d{1,12})",
    ort("onnxruntime/core/providers/cpu/tensor/concatbase.h:135 PrepareForComputeImpl"), "input_shape_mismatch",
    "two tensors joined by a Concat differ in a dimension other than the joined one; axis 0 is the batch: a part of "
    "the graph has its batch fixed (a constant or reshape of batch 1) while the input has another", CONCAT_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Concat", node="model/concatenate/concat") + "concatbase.h:135 "
    "PrepareForComputeImpl Non concat axis dimensions must match: Axis 0 has mismatched dimensions of 2 and 1",
    [_core("Non concat axis dimensions must match: Axis ")], decider="concat_mkl")
add("indices element out of data bounds, idx={i} must be within the inclusive range [{lo},{hi}]",
    r"indices element out of data bounds, ?idx=(?P<got>-?\d{1,12}) must be within the inclusive range "
    r"\[(?P<lo>-?\d{1,12}), ?(?P<hi>-?\d{1,12})\]",
    ort("onnxruntime/core/providers/cpu/tensor/gather.cc GatherCopyData"), "input_shape_mismatch",
    "a Gather (a Keras Embedding, a lookup) got an index outside its table: token ids or category codes beyond the "
    "table the model was trained with", GATHER_FIX,
    ORT_EXC + "InvalidArgument: [ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Non-zero status code returned while "
    "running Gather node. Name:'model/embedding/embedding_lookup' Status Message: indices element out of data bounds, "
    "idx=40 must be within the inclusive range [-10,9]",
    [_core("indices element out of data bounds, idx=", " must be within the inclusive range [")])

add("Failed to allocate memory for requested buffer of size {n}",
    r"Failed to allocate memory for requested buffer of size (?P<bytes>\d{1,20})",
    ort("onnxruntime/core/framework/bfc_arena.cc BFCArena::AllocateRawInternal"), "model_too_large",
    "onnxruntime's memory arena could not get the memory a tensor of the model needs (the size in bytes): the model "
    "with this input size / batch needs more memory than the machine, container or GPU has", OOM_FIX,
    ORT_EXC + "Fail: " + RUN.format(op="Tile", node="model/tile") + "/onnxruntime_src/onnxruntime/core/framework/"
    "bfc_arena.cc:360 void* onnxruntime::BFCArena::AllocateRawInternal(size_t, bool, onnxruntime::Stream*) Failed to "
    "allocate memory for requested buffer of size 4000000000",
    [_core("Failed to allocate memory for requested buffer of size ", "BFCArena::AllocateRawInternal")])
add("Failed to find kernel for {op}({version}) (node:'{node}'). Kernel not found",
    r"Failed to find kernel for (?P<op>[\w.]{1,120})\((?P<op_version>\d{1,4})\)",
    ort("the strings of PartitionOrtFormatModelImpl (onnxruntime/core/framework/graph_partitioner.cc): a node of an "
        "ORT-format model with no kernel on the provider it was assigned"), VERSION,
    "onnxruntime has no kernel for this op at its opset version on the execution provider the node was given: an "
    "ORT-format model (.ort, from convert_onnx_models_to_ort) loaded by a build (mobile, reduced ops, another "
    "release) that lacks the kernel it was converted for", KERNEL_FIX,
    "[ONNXRuntimeError] : 1 : FAIL : Failed to find kernel for Resize(19) (node:'Resize_12'). Kernel not found",
    [_core("Failed to find kernel for ", " (node:'", "Kernel not found")])

# ---- onnxruntime: execution providers
add("Specified provider '{name}' is not in available provider names.Available providers: '{names}'",
    r"Specified provider '(?P<provider>\w{1,80})' is not in available provider names\. ?Available providers: ?"
    r"'(?P<available>[\w, ]{0,300})'",
    ort("check_and_normalize_provider_args", ORT_PY), None,
    "the installed onnxruntime package was not built with the execution provider asked for (the CPU package "
    "onnxruntime where onnxruntime-gpu is needed, or both installed so the CPU one shadows the GPU one); the session "
    "falls back to the providers listed: not about the request or model. " + PROVIDER_FIX, None,
    "UserWarning: Specified provider 'CUDAExecutionProvider' is not in available provider names.Available "
    "providers: 'AzureExecutionProvider, CPUExecutionProvider'",
    [Quote(ORT_PYPI, ORT_VERSION, ORT_PY, ("\"Specified provider '{}' is not in available provider names.Available "
                                            "providers: '{}'\"",))])
add("Unknown Provider Type: {name}",
    r"Unknown Provider Type: ?(?P<provider>\w{1,80})",
    ort("the providers given to InferenceSession"), None,
    "InferenceSession was asked for an execution provider name this onnxruntime build does not know (a typo, or "
    "a provider of another package): not about the request or model. " + PROVIDER_FIX, None,
    "EP Error Unknown Provider Type: FooExecutionProvider when using ['FooExecutionProvider']",
    [_core("Unknown Provider Type: ")])
add("Failed to load library {path} with error: {error}",
    r"Failed to load library (?P<library>[^\s]{0,200}libonnxruntime_providers_\w{1,40}\.(?:so|dll))",
    ort("onnxruntime/core/session/provider_bridge_ort.cc: ProviderLibrary::Get"), None,
    "onnxruntime could not load an execution provider's shared library (CUDA, TensorRT): a library it links (CUDA, "
    "cuDNN, TensorRT of the major version the release was built for) is missing: not about the request or model. "
    + PROVIDER_LIB_FIX, None,
    "[E:onnxruntime:Default, provider_bridge_ort.cc:1744 TryGetProviderInfo_CUDA] /onnxruntime_src/onnxruntime/core/"
    "session/provider_bridge_ort.cc:1426 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError]"
    " : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open "
    "shared object file: No such file or directory",
    [_core("Failed to load library ", "libonnxruntime_providers_cuda.so")])

# ---- onnxruntime-common (onnxruntime-web / onnxruntime-node): the JavaScript session and Tensor
add("input '{name}' is missing in 'feeds'.",
    r"input '(?P<input>[^'\n]{1,200})' is missing in 'feeds'",
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_SESSION[8:]} (InferenceSession.run)", "input_keys_mismatch",
    "onnxruntime-web / -node's session.run got feeds without one of the model's inputs (the name it gives), or the "
    "input under another key", JS_NAMES_FIX,
    "Error: input 'input_1' is missing in 'feeds'.",
    [_js(ORTJS_SESSION, "throw new Error(`input '${name}' is missing in 'feeds'.`);")])
add("'fetches' contains invalid output name: {name}.",
    r"'fetches' contains invalid output name: ?(?P<output>[^\s'\"]{1,200}?)\.?(?:\s|$)",
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_SESSION[8:]} (InferenceSession.run)", "input_keys_mismatch",
    "onnxruntime-web / -node's session.run was asked for an output name the model does not have", JS_NAMES_FIX,
    "RangeError: 'fetches' contains invalid output name: output_0.",
    [_js(ORTJS_SESSION, "throw new RangeError(`'fetches' contains invalid output name: ${name}.`);")])
add("'feeds' must be an object that use input names as keys and OnnxValue as corresponding values.",
    lit("'feeds' must be an object that use input names as keys"),
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_SESSION[8:]} (InferenceSession.run)", "input_keys_mismatch",
    "onnxruntime-web / -node's session.run was given a Tensor, an array or null where it takes an object keyed by "
    "the model's input names", JS_NAMES_FIX,
    "TypeError: 'feeds' must be an object that use input names as keys and OnnxValue as corresponding values.",
    [_js(ORTJS_SESSION, "'feeds' must be an object that use input names as keys and OnnxValue as corresponding "
         "values.")])
add("Tensor's size({size}) does not match data length({length}).",
    r"Tensor's size\((?P<want>\d{1,15})\) does not match data length\((?P<got>\d{1,15})\)",
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_TENSOR[8:]} (Tensor constructor)", "input_shape_mismatch",
    "an ort.Tensor was made with dims whose product differs from the data's length: dims of another shape than the "
    "data holds (an image of another size, channels counted twice or not at all)", JS_SIZE_FIX,
    "Error: Tensor's size(301056) does not match data length(150528).",
    [_js(ORTJS_TENSOR, "throw new Error(`Tensor's size(${size}) does not match data length(${this.cpuData.length}).`);")])
add("Creating a {type} tensor from number array is not supported. Please use {array} as data.",
    r"Creating an? (?P<want_dtype>\w{1,20}) tensor from number array is not supported",
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_TENSOR[8:]} (Tensor constructor)", "dtype_unsupported_half",
    "an ort.Tensor of a type whose values a plain number array cannot hold (float16 above all; int4 / uint4) was "
    "given one: the model takes a half-precision input", JS_TYPE_FIX + "; or convert the model with float32 inputs "
    "and outputs (onnxconverter_common.float16.convert_float_to_float16(model, keep_io_types=True)) so the page sends "
    "plain numbers",
    "TypeError: Creating a float16 tensor from number array is not supported. Please use Uint16Array as data.",
    [_js(ORTJS_TENSOR, "throw new TypeError(`Creating a ${arg0} tensor from number array is not supported. Please use "
         "${typedArrayConstructor.name} as data.`);")])
add("A {type} tensor's data must be type of {array}",
    r"A (?P<want_dtype>\w{1,20}) tensor's data must be type of",
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_TENSOR[8:]} (Tensor constructor)", "dtype_mismatch",
    "an ort.Tensor was given a typed array of another element type than the tensor's type (an Int32Array for "
    "float32, a Float32Array for int64)", JS_TYPE_FIX,
    "TypeError: A float32 tensor's data must be type of function Float32Array() { [native code] }",
    [_js(ORTJS_TENSOR, "throw new TypeError(`A ${type} tensor's data must be type of ${typedArrayConstructor}`);")])
add("no available backend found. ERR: {errors}",
    lit("no available backend found. ERR:"),
    f"npm onnxruntime-common {ORTJS_VERSION} {ORTJS_BACKEND[8:]} (resolveBackendAndExecutionProviders)", None,
    "onnxruntime-web / -node could not initialise any backend for the execution providers asked for (the wasm files "
    "not served where the page looks for them, a backend the browser lacks, onnxruntime-common used without "
    "onnxruntime-web): not about the request or model. " + JS_BACKEND_FIX, None,
    "Error: no available backend found. ERR: ",
    [_js(ORTJS_BACKEND, "throw new Error(`no available backend found. ERR: ${errors.map((e) => `[${e.name}] ${e.err}`)"
         ".join(', ')}`);")])

# ---- onnx: checker, shape inference, version converter, load
add("Nodes in a graph must be topologically sorted, however input '{input}' of node: name: {node} OpType: {op} is not "
    "output of any previous nodes.",
    r"Nodes in a graph must be topologically sorted, however input '(?P<tensor>[^'\n]{0,200})' of node",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_CHECKER, "check_graph"), "model_load_failed",
    "onnx's checker found a node reading a tensor no earlier node, input or initializer produces: nodes out of order "
    "or a tensor nothing makes (a graph edit or cut, a converter's bug)", GRAPH_BROKEN_FIX,
    "onnx.onnx_cpp2py_export.checker.ValidationError: Nodes in a graph must be topologically sorted, however input "
    "'zzz' of node: \nname: add OpType: Add\n is not output of any previous nodes.",
    [_onnx(ONNX_CHECKER, "\"Nodes in a graph must be topologically sorted, however input '\",",
           "\"\\n is not output of any previous nodes.\");")])
add("Field '{field}' of '{proto}' is required but missing.",
    r"Field '(?P<field>\w{1,60})' of '(?P<proto>\w{1,60})' is required but missing",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_CHECKER, "enforce_has_field"), "model_load_failed",
    "onnx's checker found a model without a field the ONNX format requires (a graph input or output without its "
    "type / shape, a node without op_type): written by a tool that left it out, or edited by hand",
    GRAPH_BROKEN_FIX,
    "onnx.onnx_cpp2py_export.checker.ValidationError: Field 'shape' of 'type' is required but missing.",
    [_onnx(ONNX_CHECKER, "fail_check(\"Field '\", #field, \"' of '\", #proto, \"' is required but missing.\");")])
add("Data of TensorProto ( tensor name: {name}) should be stored in {path}, but it is not regular file.",
    r"Data of TensorProto \( ?tensor name: ?(?P<tensor>[^)\n]{0,200})\) should be stored in (?P<path>[^\s,]{1,300}), "
    r"but it is not regular file",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_CHECKER, "resolve_external_data_location; onnx.load runs it too"),
    "savedmodel_not_found",
    "the model keeps an initializer's data in an external file that is not where the model records it",
    EXTERNAL_FIX,
    "onnx.onnx_cpp2py_export.checker.ValidationError: Data of TensorProto ( tensor name: Wbig) should be stored in "
    "/models/ext.onnx.data, but it is not regular file.",
    [_onnx(ONNX_CHECKER, "\") should be stored in \",", "\", but it is not regular file.\");")])
add("Unable to open proto file: {path}. Please check if it is a valid proto.",
    r"Unable to open proto file: ?(?P<path>[^\s]{1,300}?)\. ?Please check if it is a valid proto",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/common/file_utils.h", "LoadProtoFromPath; check_model / infer_shapes_path of "
        "a path"), "savedmodel_not_found",
    "onnx could not open the model file at that path (no such file where the code runs, or a folder)",
    "Give onnx the .onnx file's own path (an absolute one, or relative to the process's working directory; "
    "os.path.exists(path) first)",
    "onnx.onnx_cpp2py_export.checker.ValidationError: Unable to open proto file: /models/model.onnx. Please check if "
    "it is a valid proto. ",
    [_onnx("onnx/common/file_utils.h", "fail_check(\"Unable to open proto file: \", proto_path, \". Please check if "
           "it is a valid proto. \");")])
add("Error parsing message with type 'onnx.ModelProto': {reason}",
    r"Error parsing message with type '(?P<proto>onnx\.\w{1,40})'",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/serialization.py", "_ProtobufSerializer.deserialize_proto: protobuf's "
        "DecodeError of bytes that are no ModelProto"), "savedmodel_not_found",
    "onnx.load read a file that is not an ONNX model protobuf (a TensorFlow .pb, a Keras file, a Git LFS pointer, a "
    "cut download)", NOT_ONNX_FIX,
    "google.protobuf.message.DecodeError: Error parsing message with type 'onnx.ModelProto': Wire format was corrupt",
    [_onnx("onnx/serialization.py", "proto.ParseFromString(serialized)", "google.protobuf.message.DecodeError(")])
add("This protobuf of onnx model is too large (>2GiB). Call check_model with model path instead.",
    lit("This protobuf of onnx model is too large (>2GiB)"),
    src(ONNX_REPO, ONNX_COMMIT, "onnx/checker.py", "check_model"), "model_too_large",
    "the model is over protobuf's 2 GiB limit as one message: it can only be checked by its path, and saved with "
    "its weights in external data", TOO_LARGE_FIX,
    "ValueError: This protobuf of onnx model is too large (>2GiB). Call check_model with model path instead.",
    [_onnx("onnx/checker.py", "\"This protobuf of onnx model is too large (>2GiB). Call check_model with model path "
           "instead.\"")])
add("[ShapeInferenceError] Inferred shape and existing shape differ in rank: ({n}) vs ({m})",
    r"Inferred shape and existing shape differ in (?:rank|dimension (?P<dim>\d{1,3})): ?\((?P<got>\d{1,12})\) vs "
    r"\((?P<want>\d{1,12})\)",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_INFER, "CheckTensorShapesAndTypes"), "model_graph_shape_bug",
    "onnx's shape inference computed a shape for a tensor that differs from the one the model declares for it (its "
    "rank or a dimension): a shape written into the model (graph output, value_info) that its ops do not produce",
    GRAPH_SHAPE_FIX,
    "onnx.onnx_cpp2py_export.shape_inference.InferenceError: [ShapeInferenceError] Inference error(s): (op_type:Relu, "
    "node name: r): [ShapeInferenceError] Inferred shape and existing shape differ in dimension 1: (4) vs (7)",
    [_onnx(ONNX_INFER, "\"Inferred shape and existing shape differ in rank: (\"",
           "\"Inferred shape and existing shape differ in dimension \"")])
add("[TypeInferenceError] Inferred elem type differs from existing elem type: ({n}) vs ({m})",
    r"Inferred elem type differs from existing elem type: ?\((?P<got_dtype>\w{1,20})\) vs \((?P<want_dtype>\w{1,20})\)",
    src(ONNX_REPO, ONNX_COMMIT, ONNX_INFER, "CheckTensorShapesAndTypes"), "dtype_mismatch",
    "onnx's type inference computed an element type for a tensor other than the one the model declares for it (the "
    "numbers are TensorProto's: 1 float, 6 int32, 7 int64, 10 float16, 11 double)", MIXED_TYPE_FIX,
    "onnx.onnx_cpp2py_export.shape_inference.InferenceError: [ShapeInferenceError] Inference error(s): (op_type:Relu, "
    "node name: r): [TypeInferenceError] Inferred elem type differs from existing elem type: (1) vs (7)",
    [_onnx(ONNX_INFER, "\"Inferred elem type differs from existing elem type: (\"")])
add("[ShapeInferenceError] Incompatible dimensions for matrix multiplication",
    r"Incompatible dimensions for matrix multiplication",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/defs/math/utils.cc", "MatMulShapeInference; onnxruntime runs it at load"),
    "model_graph_shape_bug",
    "shape inference found a MatMul whose declared input has another inner dimension than its weight: the model's "
    "input shape was changed (or converted) to one its Dense weights do not take", GRAPH_SHAPE_FIX,
    "onnx.onnx_cpp2py_export.shape_inference.InferenceError: [ShapeInferenceError] Inference error(s): "
    "(op_type:MatMul, node name: mm): [ShapeInferenceError] Incompatible dimensions for matrix multiplication",
    [_onnx("onnx/defs/math/utils.cc", "fail_shape_inference(\"Incompatible dimensions for matrix multiplication\");")])
add("No Adapter From Version ${n} for {op}",
    r"No Adapter From Version \$?(?P<op_version>\d{1,4}) for (?P<op>\w{1,120})",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/version_converter/BaseConverter.h", "adapter_lookup"), VERSION,
    "onnx.version_converter.convert_version has no adapter to move this op across the opset step asked for "
    "(downward conversions exist for few ops)", VERSION_CONVERTER_FIX,
    "RuntimeError: /project/onnx/version_converter/BaseConverter.h:66: adapter_lookup: Assertion `false` failed: No "
    "Adapter From Version $13 for Resize",
    [_onnx("onnx/version_converter/BaseConverter.h", "ONNX_ASSERTM(false, \"No Adapter From Version \", initial, "
           "\" for \", op_name)")])
add("No Previous Version of {op} exists",
    r"No Previous Version of (?P<op>\w{1,120}) exists",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/version_converter/adapters/no_previous_version.h", "NoPreviousVersionAdapter"),
    VERSION,
    "onnx.version_converter was asked to move a model to an opset older than the one an op of it first appeared "
    "in: the op does not exist at the target opset", VERSION_CONVERTER_FIX,
    "RuntimeError: /project/onnx/version_converter/adapters/no_previous_version.h:23: adapt: Assertion `false` "
    "failed: No Previous Version of Gelu exists",
    [_onnx("onnx/version_converter/adapters/no_previous_version.h",
           "ONNX_ASSERTM(false, \"No Previous Version of \", name(), \" exists\")")])
add("Warning: invalid version (must be between {lo} and {hi})",
    r"invalid version \(must be between (?P<lo>\d{1,4}) and (?P<hi>\d{1,4})\)",
    src(ONNX_REPO, ONNX_COMMIT, "onnx/version_converter/convert.h", "assertInVersionRange"), VERSION,
    "onnx.version_converter was given an opset (the model's or the target) outside the range this onnx release "
    "knows: a newer opset than the installed onnx", VERSION_CONVERTER_FIX,
    "RuntimeError: /project/onnx/version_converter/convert.h:96: assertInVersionRange: Assertion `version >= "
    "version_range.first && version <= version_range.second` failed: Warning: invalid version (must be between 1 and "
    "23)",
    [_onnx("onnx/version_converter/convert.h", "\"Warning: invalid version (must be between \",")])

# ---- onnx-tf (onnx/onnx-tensorflow): the backend that runs / exports an ONNX model as TensorFlow
add("{op} is not supported in {framework}.",
    r"(?P<operator>[^\n]{1,200}?) is not supported in Tensorflow\.(?! ?Please set auto_cast)",
    src(ONNXTF_REPO, ONNXTF_COMMIT, ONNXTF_EXC, "OpUnsupportedException"), VERSION,
    "onnx-tf has no TensorFlow equivalent for this op with these attributes (GRU with clip, Conv with auto_pad "
    "SAME_LOWER, BatchNormalization in training mode …)", ONNXTF_OP_FIX,
    "RuntimeError: Conv with auto_pad `SAME_LOWER` is not supported in Tensorflow.",
    [_onnxtf(ONNXTF_EXC, "self._message = \"{} is not supported in {}.\"")])
add("{op} is not supported in Tensorflow. Please set auto_cast to True or change data type to one of the supported "
    "types in the following list {types}.",
    r"is not supported in Tensorflow\. ?Please set auto_cast to True or change data type to one of the supported "
    r"types",
    src(ONNXTF_REPO, ONNXTF_COMMIT, ONNXTF_EXC, "DtypeNotCastException"), "dtype_mismatch",
    "onnx-tf met an op whose input has an element type TensorFlow's kernel does not take (uint64, int8 …) and "
    "auto_cast is off", ONNXTF_DTYPE_FIX,
    "RuntimeError: Clip input x with data type 'uint64' is not supported in Tensorflow. Please set auto_cast to True "
    "or change data type to one of the supported types in the following list ['float16', 'float32', 'float64', "
    "'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32'].",
    [_onnxtf(ONNXTF_EXC, "is not supported in Tensorflow. Please set auto_cast to True or change data type to one of "
             "the supported types in the following list {}.")])
add("{op}[ version {version}] in domain `{domain}` is not implemented.",
    r"(?P<operator>\w{1,80})(?: version (?P<version>\d{1,3}))? in domain ['`]?(?P<domain>[\w.-]{1,80})['`]? is not "
    r"implemented",
    src(ONNXTF_REPO, ONNXTF_COMMIT, ONNXTF_EXC, "OpUnimplementedException"), VERSION,
    "onnx-tf has no handler for an op of a custom domain (com.microsoft ops an onnxruntime optimizer fused, "
    "ai.onnx.contrib ops tf2onnx wrote): only the standard ONNX domain is implemented", ONNXTF_OP_FIX,
    "NotImplementedError: FusedConv version 1 in domain `com.microsoft` is not implemented.",
    [_onnxtf(ONNXTF_EXC, "insert_message += \" in domain `{}`\".format(domain)")])

# ---- tf2onnx
add("Cannot load multiple signature defs in TF2.x: {signatures}",
    r"Cannot load multiple signature defs in TF2\.x: ?(?P<signature>[^\n]{0,300})",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, TF_LOADER, "_from_saved_model_v2"), "signature_not_found",
    "tf2onnx converts one signature of a TF2 SavedModel at a time and was given several", TF2ONNX_SIG_FIX,
    "ValueError: make_sure failure: Cannot load multiple signature defs in TF2.x: ['serving_default', 'serve']",
    [_t2o(TF_LOADER, "err_many_sig = \"Cannot load multiple signature defs in TF2.x: %s\"")])
add("Invalid concrete_function value: {i}. Valid values are [0 to {n}]",
    r"Invalid concrete_function value: ?(?P<got>-?\d{1,6})\. ?Valid values are \[0 to (?P<want>-?\d{1,6})\]",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, TF_LOADER, "_from_saved_model_v2"), "signature_not_found",
    "tf2onnx was given a --concrete_function index the SavedModel's __call__ does not have", TF2ONNX_SIG_FIX,
    "ValueError: make_sure failure: Invalid concrete_function value: 3. Valid values are [0 to 0]",
    [_t2o(TF_LOADER, "err_index = \"Invalid concrete_function value: %i. Valid values are [0 to %i]\"")])
add("Failed to convert: inputs/outputs specified do not exist, make sure your passed in format: "
    "input/output_node_name:port_id. Problematic inputs/outputs are: {names}",
    r"inputs/outputs specified do not exist, make sure your passed ?in format: ?input/output_node_name:port_id\. "
    r"?Problematic inputs/outputs are: ?(?P<input>[^\n]{0,300})",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/utils.py", "check_io"), "input_keys_mismatch",
    "tf2onnx was given --inputs / --outputs names that are not tensors of the graph (a layer's name without :0, a "
    "Keras name where the graph has another)", TF2ONNX_IO_FIX,
    "ERROR - \nFailed to convert: inputs/outputs specified do not exist, make sure your passedin format: "
    "input/output_node_name:port_id. Problematic inputs/outputs are: {'input_1'} \n",
    [_t2o("tf2onnx/utils.py", "\"\\nFailed to convert: inputs/outputs specified do not exist, make sure your passed\"",
          "\"in format: input/output_node_name:port_id. Problematic inputs/outputs are: %s \\n\"")])
add("Inputs/Outputs Not Found",
    lit("Inputs/Outputs Not Found"),
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/utils.py", "check_io"), "input_keys_mismatch",
    "tf2onnx stopped because --inputs / --outputs name tensors the graph does not have (the line logged before names "
    "them)", TF2ONNX_IO_FIX,
    "ValueError: Inputs/Outputs Not Found",
    [_t2o("tf2onnx/utils.py", "raise ValueError(\"Inputs/Outputs Not Found\")")])
add("Unable to load file '{path}'. / Unable to parse file '{path}'.",
    r"Unable to (?:load|parse) file '(?P<path>[^'\n]{1,300})'",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, TF_LOADER, "from_graphdef"), "savedmodel_not_found",
    "tf2onnx could not read (or parse as a GraphDef / SavedModel) the file given to --graphdef", TF2ONNX_FILE_FIX,
    "RuntimeError: Unable to parse file 'model/frozen.pb'.",
    [_t2o(TF_LOADER, "\"Unable to load file '{}'.\".format(model_path)", "\"Unable to parse file '{}'.\".format(")])
add("Can't lookup value {idx} for tflite enum {enum}. Please update tf2onnx or submit an issue on GitHub.",
    r"Can't lookup value (?P<got>-?\d{1,6}) for tflite enum (?P<enum>\w{1,80})",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tflite_utils.py", "lookup_enum"), VERSION,
    "the .tflite uses a value (most often a builtin operator code) newer than the TFLite schema this tf2onnx was "
    "built with", TF2ONNX_TFLITE_FIX,
    "ValueError: make_sure failure: Can't lookup value 150 for tflite enum BuiltinOperator. Please update tf2onnx or "
    "submit an issue on GitHub.",
    [_t2o("tf2onnx/tflite_utils.py", "\"Can't lookup value %s for tflite enum %s. Please update tf2onnx or \"")])
add("Tensorflow verison {version} does not implement `{name}`, try converting your model with a different version.",
    r"Tensorflow ver(?:is|si)on (?P<version>[\w.-]{1,20}) does not implement [`']?(?P<name>[\w.]{1,120})",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, TF_LOADER, "_not_implemented_tf_placeholder"), VERSION,
    "tf2onnx needs a TensorFlow function the installed TensorFlow does not have (a TensorFlow older or newer than "
    "the tf2onnx release supports)", TF2ONNX_TF_FIX,
    "NotImplementedError: Tensorflow verison 2.21.0 does not implement `convert_variables_to_constants_v2`, try "
    "converting your model with a different version.",
    [_t2o(TF_LOADER, "f'Tensorflow verison {tf.__version__} does not implement '",
          "f'`{name}`, try converting your model with a different version.'")])
add("Failed to convert node {node!r} (fct={fct!r})\n{error!r}",
    r"Failed to convert node '?(?P<node>[^'\s]{1,200})'? \(fct=",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, "tf2onnx/tfonnx.py", "tensorflow_onnx_mapping"), VERSION,
    "tf2onnx's handler for a TensorFlow op raised on this node at the opset it converts to (an attribute, dtype or "
    "dynamic shape the handler does not support there)", CONVERTER_OP_FIX,
    "ERROR - Failed to convert node 'StatefulPartitionedCall/model/resize/ResizeBilinear' (fct=<bound method "
    "Resize.version_11 of <class 'tf2onnx.onnx_opset.nn.Resize'>>)\n'ValueError(...)'",
    [_t2o("tf2onnx/tfonnx.py", "logger.error(\"Failed to convert node %r (fct=%r)\\n%r\",")])
add("Could not find table resource to replace placeholder {name}",
    r"Could not find table resource to replace placeholder (?P<tensor>[^\s'\",]{1,200})",
    src(TF2ONNX_REPO, TF2ONNX_COMMIT, TF_LOADER, "from_trackable"),
    "initializer_missing_in_export",
    "tf2onnx found a placeholder standing for a lookup table that the SavedModel's tracked objects do not hold (a "
    "table made outside the exported model)", TABLE_FIX,
    "ERROR - Could not find table resource to replace placeholder unknown_3",
    [_t2o(TF_LOADER, "\"Could not find table resource to replace placeholder %s\"")])


# ------------------------------------------------------------------------------------------------ checks

@lru_cache(maxsize=None)
def wheel_text(requirement: str, member: str, fetch: bool = True) -> str | None:
    """The file ``member`` of the wheel of ``requirement`` as text (a shared library's bytes as latin-1, so every
    literal in it is a substring); the wheel is fetched once into WHEELS (``fetch``), never installed.  None when it
    is not there and ``fetch`` is False."""
    name, version = requirement.split("==")
    have = [p for p in WHEELS.glob("*.whl") if p.name.lower().startswith(f"{name.replace('-', '_')}-{version}-")]
    if not have and not fetch:
        return None
    wheel = have[0] if have else _wheel(requirement, WHEELS, ORT_OPTIONS)
    with zipfile.ZipFile(wheel) as z:
        return z.read(member).decode("latin-1")


@lru_cache(maxsize=None)
def npm_text(package: str, version: str, member: str, fetch: bool = True) -> str | None:
    """The file ``member`` of the npm package's tarball, fetched once into WHEELS with ``npm pack`` (``fetch``); None
    when it is not there (no npm on this machine, or ``fetch`` False)."""
    name = f"{package.lstrip('@').replace('/', '-')}-{version}.tgz"
    tarball = WHEELS / name
    if not tarball.exists() and fetch and shutil.which("npm"):
        WHEELS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", f"{package}@{version}", "--pack-destination", str(WHEELS)],
                       capture_output=True, check=False, timeout=300)
    if not tarball.exists():
        return None
    with tarfile.open(tarball) as t:
        return t.extractfile(member).read().decode("utf-8")


def read_source(repo: str, commit: str, path: str, fetch: bool = True) -> str | None:
    """A quote's file: onnxruntime's from its wheel, onnxruntime-common's from its npm tarball, the others from their
    git mirrors (None when absent)."""
    if repo == ORTJS_NPM:
        return npm_text(repo.split(":", 1)[1], commit, path, fetch)
    if repo == ORT_PYPI:
        return wheel_text(f"onnxruntime=={commit}", path, fetch)
    return mirror_text(repo, commit, path, WHO)


def check_quotes(fetch: bool = True) -> int:
    """Every row's pieces are in its source files (the wheel is fetched when ``fetch``; mirrors not on this machine
    are skipped); returns how many (row, file) pairs were checked."""
    return rows_quoted(WHO, ROWS, QUOTES, lambda repo, commit, path: read_source(repo, commit, path, fetch))


def entries() -> list[dict]:
    check_quotes()
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against their sources")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
