"""NVIDIA Triton Inference Server serving a TensorFlow / Keras model, for explain's message index (#15).

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for the
error sites someone serving a SavedModel (or GraphDef) on Triton meets, each read from its source at a named commit:

* the model repository and its loading (triton-inference-server/core: model_repository_manager, model_lifecycle,
  backend_model) and the configuration checks of model_config_utils (platform / backend, IO dims and reshape, the
  empty reshape a scalar input needs);
* the TensorFlow backend (triton-inference-server/tensorflow_backend: where it looks for model.savedmodel, the
  SavedModel's tag and signature, config inputs / outputs / datatypes / dims against the signature, the autocomplete
  of config.pbtxt and its batching rules);
* the checks of an inference request (core infer_request.cc / model.cc: shape, unknown input or output, batch size
  over max_batch_size, datatype, byte size, missing inputs), the HTTP frontend's JSON 'data' parsing (server
  src/http_server.cc) and tritonclient's own checks (client src/python/library/tritonclient), as a tritonclient user
  sees them (``InferenceServerException: [StatusCode.INVALID_ARGUMENT] …``, ``[400] …``);
* the older wordings Triton (and TensorRT Inference Server before it) printed when the backends lived in the server
  repository (server v1.9.0, src/backends/tensorflow and src/core): threads still quote them.

Every row names the repository, the commit and the file of its site; ``LITERALS`` of each row are the source's own
text (adjacent C++ string literals joined) and tests/explain/test_index_triton.py checks them against the git mirrors
when they are on disk.  Placeholders are bounded classes (linear time, as the build script's docstring says).  Rows
that are not about the request or the model carry a ``reading`` instead of a category.

    python scripts/explain_index_triton.py     # check every example against its own pattern and every literal
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, SHAPE, TF, entry, library_strings, lit, mirror_text  # noqa: E402,F401
from explain_index_runtimes import row_entries  # noqa: E402

NOT_ABOUT = "not about the request or model"

# where each site was read: repository, commit (the mirror's HEAD when read for #15, or a release tag)
CORE = ("triton-inference-server/core", "73aad7c3348d040c7087d57837d75822c488495e")
TFB = ("triton-inference-server/tensorflow_backend", "c13c2d120d457698282686b74b92c230f456846a")
SERVER = ("triton-inference-server/server", "e1db8a603d863b1317ee859bdeea2be19959462e")
SERVER_V1 = ("triton-inference-server/server", "a1f3860ba65c0fd8f2be3adfcab2673efd039348")  # tag v1.9.0 (20.01)
COMMON = ("triton-inference-server/common", "83adf7cf88a2f343005974dff3728be746de2d66")
CLIENT = ("triton-inference-server/client", "58a44caa0dce77303115302e6dbdf64626b2b093")
BACKEND = ("triton-inference-server/backend", "3f57fb90bee16b86232ee79c45eb4ce69c9ad489")


def src(repo: tuple[str, str], path: str, where: str = "") -> tuple[str, str, str]:
    return repo[0], repo[1], path + (f" ({where})" if where else "")


def source_name(s: tuple[str, str, str]) -> str:
    return f"github.com/{s[0]}@{s[1][:12]} {s[2]}"


# ------------------------------------------------------------------------------------------------ placeholders

Q = r"[^'\n]{1,200}"
"""A name between single quotes."""
NUM = r"-?\d{1,12}"
DT = r"[\w]{1,20}"
DIMS = SHAPE
WORDS = r"[^\n]{0,200}"


def pat(*parts: str | tuple[str | None, str]) -> str:
    """A pattern from the source's literal text (a str, spaces optional as lit() makes them) and placeholders
    ((capture name or None, bounded class))."""
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(lit(p))
        else:
            name, cls = p
            out.append(f"(?P<{name}>{cls})" if name else f"(?:{cls})")
    return "".join(out)


def literals(*parts: str | tuple[str | None, str]) -> tuple[str, ...]:
    return tuple(p for p in parts if isinstance(p, str) and len(p.strip()) >= 4)


# ------------------------------------------------------------------------------------------------ fixes

LAYOUT_FIX = ("Lay the model out as <model_repository>/<model name>/config.pbtxt and <model_repository>/<model "
              "name>/<integer version>/model.savedmodel/ (saved_model.pb + variables/): the SavedModel folder itself "
              "must be named model.savedmodel (model.graphdef for a frozen graph), or set default_model_filename in "
              "config.pbtxt to the folder's name; start tritonserver with --model-repository=<model_repository>")
VERSION_FIX = ("Put each version in a folder named by an integer (no leading zeros) inside the model's folder "
               "(<repository>/<model>/1/model.savedmodel/), and make the config's version_policy name versions that "
               "exist")
SCALAR_FIX = ("Triton does not carry rank-0 (scalar) tensors: re-export the SavedModel with that input as shape [1] "
              "(or [-1, 1] with a batch dimension) and reshape inside the model, or bake it in as a constant / "
              "tf.compat.v1.placeholder_with_default; in config.pbtxt give it dims: [ 1 ] (reshape: { shape: [ ] } "
              "only works with max_batch_size > 0)")
BATCH_CONFIG_FIX = ("Make config.pbtxt agree with the SavedModel's own batch dimension: with max_batch_size > 0 "
                    "Triton adds the batch dimension in front of dims itself, so every input and output must have a "
                    "leading -1 (None) in the model and dims without it; a model whose tensors have no batch "
                    "dimension (or a fixed one) needs max_batch_size: 0 and the full shape in dims "
                    "(saved_model_cli show --dir ... --all shows the shapes)")
OUTPUT_BATCH_FIX = ("An output of the model has no batch dimension of its own (or a fixed 1) while config.pbtxt sets "
                    "max_batch_size > 0, so Triton reads its first dimension as the batch: set max_batch_size: 0 and "
                    "give the full shapes in dims, or re-export the model so every output keeps the input's leading "
                    "batch dimension (tf.expand_dims / reshape to [-1, ...])")
DIMS_FIX = ("Make dims in config.pbtxt the SavedModel signature's shape (saved_model_cli show --dir ... --all), "
            "without its leading batch dimension when max_batch_size > 0 (Triton adds it), or set max_batch_size: 0 "
            "and give the full shape; -1 marks a variable-size dimension")
PLATFORM_FIX = ("In config.pbtxt set platform: \"tensorflow_savedmodel\" for a SavedModel folder (or "
                "\"tensorflow_graphdef\" for a frozen .graphdef), or backend: \"tensorflow\"; the names are exact")
CONFIG_DTYPE_FIX = ("Make data_type in config.pbtxt the signature's dtype as Triton names it: DT_FLOAT is TYPE_FP32, "
                    "DT_DOUBLE TYPE_FP64, DT_INT32 TYPE_INT32, DT_INT64 TYPE_INT64, DT_UINT8 TYPE_UINT8, DT_STRING "
                    "TYPE_STRING, DT_BOOL TYPE_BOOL, DT_HALF TYPE_FP16 (or drop input/output from config.pbtxt and let "
                    "Triton fill them in from the SavedModel)")
REQUEST_DTYPE_FIX = ("Send the input with the datatype the model's config declares (Triton's v2 names: FP32 is "
                     "np.float32, INT64 np.int64, BYTES np.object_ strings): InferInput(name, shape, \"FP32\") with "
                     "set_data_from_numpy(x.astype(np.float32)); GET /v2/models/<model>/config shows the datatypes")
REQUEST_NAMES_FIX = ("Use the input and output names of the model's config (GET /v2/models/<model> or "
                     "client.get_model_metadata(model) lists them; for a SavedModel they are the signature's keys "
                     "that saved_model_cli show --all prints, e.g. input_1, not the layer's name)")
BACKEND_MISSING_FIX = ("Run a Triton image that has the TensorFlow backend (backends/tensorflow in the container: "
                       "the nvcr.io/nvidia/tritonserver:<yy.mm>-py3 images up to 25.02 ship it; the -py3-min images "
                       "and newer releases do not), or convert the model to a format the server's backends run "
                       "(ONNX with tf2onnx for the onnxruntime backend)")
# ------------------------------------------------------------------------------------------------ rows
# (template, parts of the pattern, source, category or None, meaning or reading, fix, example[, decider])

ROWS: list[tuple] = [
    # ---- the model repository and loading (core) --------------------------------------------------------------
    ("failed to load all models", ("failed to load all models",),
     src(CORE, "src/model_repository_manager/model_repository_manager.cc", "PollAndUpdate"), "model_load_failed",
     "some model in the Triton repository did not load; the earlier log lines name which and why",
     "Look in Triton's log above this line for 'failed to load NAME version N: …' (or the model status table): "
     "that message is the cause; --exit-on-error=false lets the other models serve meanwhile.",
     "error: creating server: Internal - failed to load all models"),
    ("Request for unknown model: '{model}' is not found",
     ("Request for unknown model: '", ("servable", Q), "'", (None, r"(?: version \d{1,12})?"), " is not found"),
     src(CORE, "src/model_repository_manager/model_repository_manager.cc", "ModelRepositoryManager::GetModel"),
     "model_not_found", "Triton has no model (or version) of that name in its repository",
     None, "tritonclient.utils.InferenceServerException: [StatusCode.NOT_FOUND] Request for unknown model: "
     "'resnet50' is not found"),
    ("model '{model}', version {n} is not found",
     ("model '", ("servable", Q), "', version ", ("version", NUM), " is not found"),
     src(CORE, "src/model_repository_manager/model_lifecycle.cc", "GetModel"), "model_not_found",
     "Triton knows the model but not the version asked for (no such version folder, or the version policy serves "
     "another one)", "Ask for a version Triton serves (GET /v2/models/<model> lists them; leave the version empty "
     "for the latest), or add that version's folder to the repository",
     "[StatusCode.NOT_FOUND] Request for unknown model: model 'resnet', version 3 is not found"),
    ("'{model}' has no available versions", ("'", ("servable", Q), "' has no available versions"),
     src(CORE, "src/model_repository_manager/model_lifecycle.cc", "GetModel"), "model_load_failed",
     "Triton knows the model but no version of it loaded (the load failed or is still running)",
     "Read Triton's start-up log: the line 'failed to load NAME version N: …' says why (look for it before "
     "'failed to load all models').",
     "Request for unknown model: 'resnet50' has no available versions"),
    ("'{model}' version {n} is not at ready state",
     ("'", ("servable", Q), "' version ", ("version", NUM), " is not at ready state"),
     src(CORE, "src/model_repository_manager/model_lifecycle.cc", "GetModel"), "model_load_failed",
     "Triton has the model version but it is not ready (still loading, unloading, or its load failed)",
     "Read Triton's log for 'failed to load NAME version N: …' (or GET /v2/models/NAME/versions/N/ready and the "
     "repository index) for why that version is not ready.",
     "tritonclient.utils.InferenceServerException: [StatusCode.UNAVAILABLE] Request for unknown model: 'resnet' "
     "version 1 is not at ready state"),
    ("at least one version must be available under the version policy of model '{model}'",
     ("at least one version must be available under the version policy of model '", ("servable", Q), "'"),
     src(CORE, "src/model_repository_manager/model_lifecycle.cc", "AsyncLoad"), "model_base_path_layout",
     "the model's folder holds no version folder Triton can use: versions are sub-folders named by integers "
     "(1/, 2/), and the version policy picks among them", VERSION_FIX,
     "E0310 12:00:00.000 1 model_lifecycle.cc:626] failed to load 'resnet': at least one version must be available "
     "under the version policy of model 'resnet'"),
    ("failed to load '{model}', no version is available",
     ("failed to load '", ("servable", Q), "', no version is available"),
     src(CORE, "src/model_repository_manager/model_repository_manager.cc", "LoadUnloadModels"),
     "model_base_path_layout",
     "an explicit load found no version folder for the model (versions are sub-folders named by integers)",
     VERSION_FIX, "[StatusCode.INTERNAL] failed to load 'resnet', no version is available"),
    ("Invalid model name: Could not determine backend for model '{model}' with no backend in model configuration. "
     "Expected model name of the form 'model.<backend_name>'.",
     ("Could not determine backend for model '", ("servable", Q),
      "' with no backend in model configuration. Expected model name of the form 'model.<backend_name>'."),
     src(CORE, "src/model_config_utils.cc", "GetNormalizedModelConfig"), "model_load_failed",
     "the model's config.pbtxt names neither a platform nor a backend, and the file name does not say one either",
     PLATFORM_FIX,
     "failed to load 'resnet' version 1: Invalid argument: Invalid model name: Could not determine backend for "
     "model 'resnet' with no backend in model configuration. Expected model name of the form "
     "'model.<backend_name>'."),
    ("must specify 'platform' or 'backend' for '{model}'",
     ("must specify 'platform' or 'backend' for '", ("servable", Q), "'"),
     src(CORE, "src/model_config_utils.cc", "ValidateModelConfig"), "model_load_failed",
     "config.pbtxt names neither a platform nor a backend for the model", PLATFORM_FIX,
     "Invalid argument: must specify 'platform' or 'backend' for 'resnet'"),
    ("unexpected platform type '{platform}' for {model}",
     ("unexpected platform type '", ("platform", Q), "' for "),
     src(CORE, "src/model_config_utils.cc", "ValidateModelConfig"), "model_load_failed",
     "config.pbtxt's platform is not one Triton knows (tensorflow_savedmodel, tensorflow_graphdef, onnxruntime_onnx, "
     "tensorrt_plan, pytorch_libtorch, ensemble)", PLATFORM_FIX,
     "Invalid argument: unexpected platform type 'tensorflow_saved_model' for resnet"),
    ("unknown platform '{platform}'", ("unknown platform '", ("platform", Q), "'"),
     src(CORE, "src/model_repository_manager/model_lifecycle.cc", "CreateModel"), "model_load_failed",
     "config.pbtxt's platform is not one this Triton can load", PLATFORM_FIX,
     "failed to load 'resnet' version 1: Invalid argument: unknown platform 'tensorflow'"),
    ("unexpected 'platform' and 'backend' pair, got:{platform}, {backend}",
     ("unexpected 'platform' and 'backend' pair, got:", ("platform", r"[^,\n]{0,80}"), ", "),
     src(CORE, "src/model_config_utils.cc", "ValidateModelConfig"), "model_load_failed",
     "config.pbtxt names a platform and a backend that do not go together", PLATFORM_FIX,
     "Invalid argument: unexpected 'platform' and 'backend' pair, got:tensorflow_savedmodel, onnxruntime"),
    ("unable to find backend library for backend '{backend}', try specifying runtime on the model configuration.",
     ("unable to find backend library for backend '", ("backend", Q), "'"),
     src(CORE, "src/backend_model.cc", "TritonModel::ResolveBackendConfigs"), "runtime_version_mismatch",
     "the Triton server running has no backend of that name in its backend directory: for 'tensorflow', an image "
     "without the TensorFlow backend (a -py3-min image, a custom build, or a release after the TensorFlow backend "
     "was dropped)", BACKEND_MISSING_FIX,
     "E0105 08:00:00.000 1 model_lifecycle.cc:654] failed to load 'resnet' version 1: Invalid argument: unable to "
     "find backend library for backend 'tensorflow', try specifying runtime on the model configuration."),
    ("repository path is not a valid directory", ("repository path is not a valid directory",),
     src(CORE, "src/model_repository_manager/model_repository_manager.cc", "ModelRepositoryManager::Create"),
     "model_base_path_layout",
     "the path given to --model-repository is not a directory Triton can read (not mounted into the container, a "
     "typo, or a file)",
     "Point --model-repository at the folder that holds the model folders (<repository>/<model>/config.pbtxt and "
     "<repository>/<model>/1/model.savedmodel/), as the container sees it: mount it with docker run -v "
     "/abs/host/path:/models and pass --model-repository=/models",
     "error: creating server: Invalid argument - repository path is not a valid directory"),
    ("failed to stat file {path}", ("failed to stat file ", ("path", r"[^\s'\n]{1,300}")),
     src(CORE, "src/filesystem/implementations/local.h", "LocalFileSystem::IsDirectory / FileModificationTime"),
     "model_base_path_layout",
     "a path Triton reads (the --model-repository folder, a model or version folder) does not exist as the server "
     "sees it: a volume not mounted into the container, a relative path, a typo",
     "Check the path inside the container (docker run -v /abs/host/models:/models ... --model-repository=/models; "
     "docker exec ls /models/<model>/1/): the repository holds <model>/config.pbtxt and "
     "<model>/<version>/model.savedmodel/",
     "error: creating server: Internal - failed to stat file /models"),
    ("failed to open text file for read {path}/config.pbtxt: {reason}",
     ("failed to open text file for read ", ("path", r"[^\s'\n]{0,300}config\.pbtxt")),
     src(CORE, "src/filesystem/implementations/local.h", "LocalFileSystem::ReadTextFile; the repository manager "
         "reads <model>/config.pbtxt"), "model_base_path_layout",
     "Triton could not read the model's config.pbtxt where the repository layout puts it (<repository>/<model>/"
     "config.pbtxt)",
     "Put config.pbtxt in the model's folder, beside the version folders (<repository>/<model>/config.pbtxt), not "
     "inside a version folder, and make it readable; for a SavedModel Triton can fill it in itself when "
     "auto-complete is on (no --disable-auto-complete-config, formerly --strict-model-config=true)",
     "E0312 09:00:00.000 1 model_repository_manager.cc:1300] Poll failed for model directory 'resnet': failed to "
     "open text file for read /models/resnet/config.pbtxt: No such file or directory"),
    ("Expect the model repository contains only a single model if default model is not specified",
     ("Expect the model repository contains only a single model if default model is not specified",),
     src(SERVER, "src/vertex_ai_server.cc", "VertexAiAPIServer::Create: the models READY in the repository"),
     "deploy_container_not_ready",
     "Triton on Vertex AI serves one model per endpoint: the repository has several ready models and no "
     "--vertex-ai-default-model, or none that loaded (the index counts ready models only, so a model whose load "
     "failed leaves zero)",
     "Pass --vertex-ai-default-model=<model> to tritonserver (the container's args) when the repository holds "
     "several models; when it holds one, its load failed: read the container log for 'failed to load NAME "
     "version N: …' (layout model/1/model.savedmodel, config.pbtxt)",
     "error: creating server: Invalid argument - Expect the model repository contains only a single model if "
     "default model is not specified"),
    ("Expect the default model '{model}' is loaded",
     ("Expect the default model '", ("servable", Q), "' is loaded"),
     src(SERVER, "src/vertex_ai_server.cc", "VertexAiAPIServer::Create"), "deploy_container_not_ready",
     "Triton on Vertex AI was given a --vertex-ai-default-model that is not among the models ready in the repository "
     "(a name that differs from the model's folder, or a model whose load failed)",
     "Give --vertex-ai-default-model the model folder's own name, and read the container log for 'failed to load "
     "NAME version N: …' if that model did not load",
     "error: creating server: Invalid argument - Expect the default model 'resnet' is loaded"),
    # ---- configuration checks (core model_config_utils) --------------------------------------------------------
    ("model input '{input}' cannot have empty reshape for non-batching model as scalar tensors are not supported",
     ("model ", (None, "(?:in|out)put"), " ", ("input", r"'[^'\n]{1,200}' ?"),
      "cannot have empty reshape for non-batching model as scalar tensors are not supported"),
     src(CORE, "src/model_config_utils.cc", "ValidateIOShape"), "scalar_input",
     "the model has a rank-0 (scalar) input or output: Triton can carry it only as a [1] tensor reshaped to [] "
     "(reshape: { shape: [ ] }), which its configuration allows only when max_batch_size > 0", SCALAR_FIX,
     "E0127 00:06:37.106575 1 model_lifecycle.cc:626] failed to load 'bert' version 10: Invalid argument: model "
     "input 'dropout' cannot have empty reshape for non-batching model as scalar tensors are not supported for bert"),
    ("model input cannot have empty reshape for non-batching model (Triton 1.x, TRTIS)",
     ("model ", (None, "(?:in|out)put"), " ", ("input", r"(?:'[^'\n]{1,200}' )?"),
      "cannot have empty reshape for non-batching model"),
     src(SERVER_V1, "src/core/model_config_utils.cc", "ValidateIOShape, before the reason and the name were added"),
     "scalar_input",
     "the model has a rank-0 (scalar) input or output: Triton can carry it only as a [1] tensor reshaped to [] "
     "(reshape: { shape: [ ] }), which its configuration allows only when max_batch_size > 0", SCALAR_FIX,
     "E0127 00:06:37.106575 1 model_repository_manager.cc:899] failed to load 'm' version 10: Invalid argument: "
     "model input cannot have empty reshape for non-batching model for m"),
    ("model input '{input}' dimension must be integer >= 1, or -1 to indicate a variable-size dimension",
     ("model ", (None, "(?:in|out)put"), " ", ("input", r"(?:'[^'\n]{1,200}' )?"),
      "dimension must be integer >= 1, or "),
     src(CORE, "src/model_config_utils.cc", "ValidateIOShape"), "model_load_failed",
     "a dims entry of config.pbtxt is 0 or negative (other than -1): a variable-size dimension is written -1, and "
     "the batch dimension is not written at all when max_batch_size > 0", DIMS_FIX,
     "Invalid argument: model input 'input_1' dimension must be integer >= 1, or -1 to indicate a variable-size "
     "dimension for resnet"),
    ("model input '{input}' must specify 'dims'",
     ("model ", (None, "(?:in|out)put"), " ", ("input", r"(?:'[^'\n]{1,200}' )?"), "must specify '",
      (None, "dims|data_type|name"), "'"),
     src(CORE, "src/model_config_utils.cc", "ValidateIOShape"), "model_load_failed",
     "an input or output of config.pbtxt lacks its dims, data_type or name (a scalar written as dims: [ ] also "
     "lacks dims)", DIMS_FIX, "Invalid argument: model output 'dense_1' must specify 'dims' for resnet"),
    ("model input '{input}' has different size for dims and reshape",
     ("model ", (None, "(?:in|out)put"), " ", ("input", r"(?:'[^'\n]{1,200}' )?"), "has different ",
      (None, "size|number of variable-size dimensions"), " for dims and reshape"),
     src(CORE, "src/model_config_utils.cc", "ValidateIOShape"), "input_shape_mismatch",
     "an input or output's reshape in config.pbtxt holds another number of values than its dims (a reshape must "
     "keep the element count)", "Make reshape: { shape: [...] } hold as many values as dims (the same product, and "
     "-1 in the same places); reshape gives the shape the model's tensor has, dims the shape requests send",
     "Invalid argument: model input 'x' has different size for dims and reshape for m"),
    # ---- the TensorFlow backend loading the model ---------------------------------------------------------------
    ("unable to find '{path}' for model instance '{name}'",
     ("unable to find '", ("path", Q), "' for model instance '", ("servable", Q), "'"),
     src(TFB, "src/tensorflow.cc", "ModelInstanceState::Create: <version>/<default_model_filename>, "
         "model.savedmodel by default"), "model_base_path_layout",
     "Triton's TensorFlow backend looks for the SavedModel at <repository>/<model>/<version>/model.savedmodel/ "
     "(default_model_filename) and it is not there", LAYOUT_FIX,
     "unable to find '/models/resnet/1/model.savedmodel' for model instance 'resnet_0'"),
    ("unable to find model '{file}' for {model} (Triton 1.x-2.x)",
     ("unable to find model '", ("path", Q), "' for ", ("servable", r"[^\s'\n]{1,200}")),
     src(SERVER_V1, "src/backends/tensorflow/base_backend.cc", "BaseBackend::CreateExecutionContext"),
     "model_base_path_layout",
     "Triton (1.x-2.x, TRTIS) looks for the SavedModel folder named model.savedmodel (a GraphDef file named "
     "model.graphdef) inside the version folder, and it is not there", LAYOUT_FIX,
     "E0115 03:15:16.215663 1 model_repository_manager.cc:832] failed to load 'resnet' version 1: Internal: unable "
     "to find model 'model.savedmodel' for resnet"),
    ("unable to autofill for '{model}', unable to find savedmodel directory",
     ("unable to autofill for '", ("servable", Q), "', unable to find ", (None, "savedmodel directory|graphdef "
      "file named")),
     src(SERVER_V1, "src/backends/tensorflow/autofill.cc", "AutoFillSavedModel / AutoFillGraphDef"),
     "model_base_path_layout",
     "Triton (1.x-2.x, started with --strict-model-config=false) found no model.savedmodel folder (or "
     "model.graphdef file) in the version folder to read the configuration from", LAYOUT_FIX,
     "E0601 12:00:00.000 1 model_repository_manager.cc:1000] failed to load 'resnet' version 1: Internal: unable to "
     "autofill for 'resnet', unable to find savedmodel directory."),
    ("unable to autofill for '{model}' due to no version directories",
     ("unable to autofill for '", ("servable", Q), "' due to no version directories"),
     src(SERVER_V1, "src/backends/tensorflow/autofill.cc", "AutoFillSavedModel"), "model_base_path_layout",
     "the model's folder holds no version folder (an integer-named sub-folder) for Triton to read",
     VERSION_FIX, "Internal: unable to autofill for 'resnet' due to no version directories"),
    ("unable to load model '{model}', expected '{tag}' tag",
     ("unable to load model '", ("servable", Q), "', expected '", ("tags", Q), "' tag"),
     src(TFB, "mirror/tensorflow_backend_tf.cc", "TRITONTF_ModelCreateFromSavedModel"), "savedmodel_tags",
     "the SavedModel has no MetaGraph with the tag Triton loads (serve, or TF_GRAPH_TAG in config.pbtxt)",
     "Export with tags=[tf.saved_model.SERVING] (tf.saved_model.save does), or set parameters { key: "
     "\"TF_GRAPH_TAG\" value: { string_value: \"<tag>\" } } in config.pbtxt to the tag saved_model_cli show --dir "
     "... lists",
     "failed to load 'resnet' version 1: Internal: unable to load model 'resnet', expected 'serve' tag"),
    ("unable to load model '{model}', expected '{signature}' signature",
     ("unable to load model '", ("servable", Q), "', expected '", ("signature", Q), "' signature"),
     src(TFB, "mirror/tensorflow_backend_tf.cc", "TRITONTF_ModelCreateFromSavedModel"), "signature_not_found",
     "the SavedModel has no signature of that name (serving_default, or TF_SIGNATURE_DEF in config.pbtxt), and no "
     "other signature to fall back on",
     "Export a serving_default signature (model.save / tf.saved_model.save(model, path, signatures=...)), or set "
     "parameters { key: \"TF_SIGNATURE_DEF\" value: { string_value: \"<name>\" } } in config.pbtxt to a signature "
     "saved_model_cli show --dir ... --all lists",
     "failed to load 'resnet' version 1: Internal: unable to load model 'resnet', expected 'serving_default' "
     "signature"),
    ("unable to process input '{input}' for '{model}', unsupported datatype '{dtype}'",
     ("unable to process ", (None, "in|out"), "put '", ("input", Q), "' for '", ("servable", Q),
      "', unsupported datatype '", ("got_dtype", DT), "'"),
     src(TFB, "mirror/tensorflow_backend_tf.cc", "TRITONTF_ModelCreateFromSavedModel"), "dtype_mismatch",
     "a signature input or output has a dtype Triton cannot carry (DT_RESOURCE, DT_VARIANT: a ragged or composite "
     "tensor, a dataset, a variable handle)",
     "Export the serving signature with plain dense tensors of numeric, bool or string dtype (tf.function with "
     "tf.TensorSpec inputs; RaggedTensor.to_tensor() for outputs)",
     "Internal: unable to process input 'tokens' for 'bert', unsupported datatype 'DT_VARIANT'"),
    ("platform {platform} not supported for TensorFlow model '{model}'",
     ("platform ", ("platform", r"[^\s'\n]{1,80}"), " not supported for TensorFlow model '", ("servable", Q), "'"),
     src(TFB, "src/tensorflow.cc", "ModelState::ModelState"), "model_load_failed",
     "config.pbtxt uses backend: \"tensorflow\" with a platform the TensorFlow backend does not run",
     PLATFORM_FIX, "Invalid argument: platform tensorflow not supported for TensorFlow model 'resnet'"),
    ("unable to load model '{model}', configuration expects {n} inputs, model provides {m}",
     ("unable to load model '", ("servable", Q), "', configuration expects ", (None, r"\d{1,4}"),
      " inputs, model provides "),
     src(TFB, "src/tensorflow.cc", "ValidateTRITONTFModel / ValidateSequenceControl"), "input_keys_mismatch",
     "config.pbtxt lists another number of inputs than the SavedModel's signature has",
     "List in config.pbtxt exactly the signature's inputs, by their keys (saved_model_cli show --dir ... --all), or "
     "drop input/output from config.pbtxt and let Triton fill them in",
     "unable to load model 'm', configuration expects 2 inputs, model provides 1"),
    ("unexpected inference input '{input}' (a config input the model does not have)",
     ("unexpected inference ", (None, "in|out"), "put '", ("input", Q), "'", (None, r"(?! for model)")),
     src(TFB, "src/tensorflow.cc", "ValidateTRITONTFModel (a config.pbtxt input or output not in the signature)"),
     "input_keys_mismatch",
     "config.pbtxt names an input or output that the SavedModel's signature does not have (the signature's keys, "
     "e.g. input_1 / dense_2, not the tensor names)",
     "Name the inputs and outputs in config.pbtxt by the signature's keys (saved_model_cli show --dir ... --all: "
     "'inputs['input_1']'), or drop them from config.pbtxt and let Triton fill them in",
     "E0601 10:00:00.000 1 model_lifecycle.cc:626] failed to load 'resnet' version 1: Invalid argument: unexpected "
     "inference input 'image'"),
    ("unable to load model '{model}', configuration expects datatype {dt} for input '{input}', model provides "
     "TYPE_{dt}",
     ("unable to load model '", ("servable", Q), "', configuration expects datatype ", ("want_dtype", DT), " for ",
      (None, "in|out"), "put '", ("input", Q), "', model provides ", ("got_dtype", DT)),
     src(TFB, "src/tensorflow.cc", "ValidateTRITONTFModel"), "dtype_mismatch",
     "Triton's config.pbtxt declares another datatype for an input or output than the SavedModel's signature",
     CONFIG_DTYPE_FIX,
     "unable to load model 'm', configuration expects datatype TYPE_FP32 for input 'x', model provides TYPE_INT64"),
    ("unable to load model '{model}', input '{input}' data-type {dt} doesn't match configuration data-type {dt} "
     "(Triton 1.x)",
     ("unable to load model '", ("servable", Q), "', ", (None, "in|out"), "put '", ("input", Q), "' data-type ",
      ("got_dtype", DT), " doesn't match configuration data-type ", ("want_dtype", DT)),
     src(SERVER_V1, "src/backends/tensorflow/savedmodel_backend.cc", "SavedModelBackend::CreateExecutionContext"),
     "dtype_mismatch",
     "Triton's config.pbtxt declares another datatype for an input or output than the SavedModel's signature",
     CONFIG_DTYPE_FIX,
     "Invalid argument: unable to load model 'm', input 'x' data-type TYPE_INT64 doesn't match configuration "
     "data-type TYPE_FP32"),
    ("model '{model}', tensor '{name}': the model expects {n} dimensions (shape {s}) but the model configuration "
     "specifies {m} dimensions (an initial batch dimension because max_batch_size > 0 …)",
     ("model '", ("servable", Q), "', tensor '", ("input", Q), "': the model expects ", ("want_rank", r"\d{1,3}"),
      " dimensions (shape ", ("want_shape", DIMS), ") but the model configuration specifies ",
      ("got_rank", r"\d{1,3}"), " dimensions (an initial batch dimension because max_batch_size > 0"),
     src(TFB, "src/tensorflow_utils.cc", "CompareDims, max_batch_size > 0"), "input_shape_mismatch",
     "Triton's config.pbtxt gives an input or output another rank or shape than the SavedModel's signature; with "
     "max_batch_size > 0 Triton puts the batch dimension in front of dims itself", DIMS_FIX,
     "failed to load 'resnet' version 1: Invalid argument: model 'resnet', tensor 'input_1': the model expects 4 "
     "dimensions (shape [-1,224,224,3]) but the model configuration specifies 5 dimensions (an initial batch "
     "dimension because max_batch_size > 0 followed by the explicit tensor shape, making complete shape "
     "[-1,-1,224,224,3])"),
    ("model '{model}', tensor '{name}': the model expects {n} dimensions (shape {s}) but the model configuration "
     "specifies {m} dimensions (shape {dims})",
     ("model '", ("servable", Q), "', tensor '", ("input", Q), "': the model expects ", ("want_rank", r"\d{1,3}"),
      " dimensions (shape ", ("want_shape", DIMS), ") but the model configuration specifies ",
      ("got_rank", r"\d{1,3}"), " dimensions (shape ", ("got_shape", DIMS), ")"),
     src(TFB, "src/tensorflow_utils.cc", "CompareDims, max_batch_size 0"), "input_shape_mismatch",
     "Triton's config.pbtxt (max_batch_size 0: dims are the full shape) gives an input or output another shape than "
     "the SavedModel's signature", DIMS_FIX,
     "Invalid argument: model 'm', tensor 'x': the model expects 2 dimensions (shape [-1,4]) but the model "
     "configuration specifies 1 dimensions (shape [4])"),
    ("model '{model}', tensor '{name}': for the model to support batching the shape should have at least 1 "
     "dimension and the first dimension must be -1; but shape expected by the model is {shape}",
     ("model '", ("servable", Q), "', tensor '", ("input", Q), "': for the model to support batching the shape "
      "should have at least 1 dimension and the first dimension must be -1; but shape expected by the model is ",
      ("want_shape", DIMS)),
     src(TFB, "src/tensorflow_utils.cc", "CompareDims"), "fixed_batch_size_in_graph",
     "config.pbtxt sets max_batch_size > 0, but a tensor of the SavedModel's signature has no variable leading "
     "(batch) dimension: a batch fixed in the graph, no batch dimension at all, or a scalar", BATCH_CONFIG_FIX,
     "Invalid argument: model 'resnet', tensor 'input_1': for the model to support batching the shape should have "
     "at least 1 dimension and the first dimension must be -1; but shape expected by the model is [1,224,224,3]"),
    ("unable to load model '{model}', model configuration supports batching but first dimension of tensor '{t}' "
     "expected by framework is not a variable-size batch dimension: {shape} whereas model configuration shape is: "
     "{dims} (Triton 1.x)",
     ("unable to load model '", ("servable", Q), "', model configuration supports batching but first dimension of "
      "tensor '", ("input", Q), "' expected by framework is not a variable-size batch dimension: ",
      ("want_shape", DIMS)),
     src(SERVER_V1, "src/backends/tensorflow/tf_utils.cc", "CompareDims"), "fixed_batch_size_in_graph",
     "config.pbtxt sets max_batch_size > 0, but a tensor of the SavedModel's signature has no variable leading "
     "(batch) dimension", BATCH_CONFIG_FIX,
     "Invalid argument: unable to load model 'm', model configuration supports batching but first dimension of "
     "tensor 'features' expected by framework is not a variable-size batch dimension: [128] whereas model "
     "configuration shape is: [128]"),
    ("unable to load model '{model}', tensor '{t}' shape expected by framework {s} doesn't match model configuration "
     "shape {dims} (Triton 1.x)",
     ("unable to load model '", ("servable", Q), "', tensor '", ("input", Q), "' shape expected by framework ",
      ("want_shape", DIMS), " doesn't match model configuration shape ", ("got_shape", DIMS)),
     src(SERVER_V1, "src/backends/tensorflow/tf_utils.cc", "CompareDims"), "input_shape_mismatch",
     "config.pbtxt gives an input or output another shape than the SavedModel's signature", DIMS_FIX,
     "Invalid argument: unable to load model 'm', tensor 'x' shape expected by framework [-1,4] doesn't match model "
     "configuration shape [-1,3]"),
    ("Unable to autofill for '{model}': the rank of model tensor '{t}' is 0 and dimensions are not defined",
     ("Unable to autofill for '", ("servable", Q), "': the rank of model tensor '", ("input", Q), "' is 0 ",
      (None, "and dimensions are not defined|which is not supported")),
     src(TFB, "src/tensorflow.cc", "AutoCompleteHelper::FixIOConfig"), "scalar_input",
     "the SavedModel's signature has a rank-0 (scalar) input or output, which Triton cannot carry", SCALAR_FIX,
     "Invalid argument: Unable to autofill for 'm': the rank of model tensor 'dropout' is 0 which is not supported"),
    ("unable to autofill for '{model}', configuration specified max-batch {n} but model signature does not support "
     "batching",
     ("unable to autofill for '", ("servable", Q), "', configuration specified max-batch ", ("want", NUM),
      " but model signature does not support batching"),
     src(TFB, "src/tensorflow.cc", "AutoCompleteHelper::FixBatchingSupport"), "fixed_batch_size_in_graph",
     "config.pbtxt sets max_batch_size > 0 but the SavedModel's signature tensors have no variable leading (batch) "
     "dimension", BATCH_CONFIG_FIX,
     "Invalid argument: unable to autofill for 'm', configuration specified max-batch 8 but model signature does not "
     "support batching"),
    ("unable to autofill for '{model}', model tensor configurations are contradicting each other in terms of "
     "whether batching is supported",
     ("unable to autofill for '", ("servable", Q), "', model tensor configurations are contradicting each other in "
      "terms of whether batching is supported"),
     src(TFB, "src/tensorflow.cc", "AutoCompleteHelper::FixBatchingSupport"), "output_batch_dimension",
     "some tensors of the SavedModel's signature have a variable leading (batch) dimension and others do not "
     "(most often an output without the batch dimension), so Triton cannot batch the model", OUTPUT_BATCH_FIX,
     "Internal: unable to autofill for 'm', model tensor configurations are contradicting each other in terms of "
     "whether batching is supported"),
    # ---- the TensorFlow backend running a request ------------------------------------------------------------
    ("batch size {n} for '{model}', max allowed is {max}",
     ("batch size ", ("got", r"\d{1,12}"), " for '", ("servable", Q), "', max allowed is ", ("want", r"\d{1,12}")),
     src(TFB, "src/tensorflow.cc", "ModelInstanceState::ProcessRequests"), "input_shape_mismatch",
     "the batch Triton put together is larger than the model's max_batch_size (a request whose first dimension, "
     "read as the batch, is too large)",
     "Send at most max_batch_size examples per request; with max_batch_size > 0 the first dimension of every input "
     "is the batch, so a single example is sent as shape [1, ...]",
     "Internal: batch size 32 for 'resnet', max allowed is 8"),
    ("unexpected shape for output '{output}', model configuration shape is {dims}, inference shape is {shape} "
     "(Triton 1.x, TRTIS)",
     ("unexpected shape for output '", ("input", Q), "', model configuration shape is ", ("want_shape", DIMS),
      ", inference shape is ", ("got_shape", DIMS)),
     src(SERVER_V1, "src/backends/tensorflow/base_backend.cc", "BaseBackend::Context::ReadFixedSizedOutputTensor"),
     "output_batch_dimension",
     "the tensor the model returned has another shape than config.pbtxt declares for that output; with "
     "max_batch_size > 0 Triton expects [batch] + dims, so an output without the batch dimension of its own (or "
     "with a fixed one) does not fit", OUTPUT_BATCH_FIX,
     "tensorrtserver.api.InferenceServerException: [inference:0 49] unexpected shape for output 'features', model "
     "configuration shape is [128], inference shape is [1,128]"),
    # ---- inference request checks (core) -----------------------------------------------------------------------
    ("unexpected shape for input '{input}' for model '{model}'. Expected {want}, got {got}.",
     ("unexpected shape for input '", ("input", Q), "' for model '", ("servable", Q), "'. Expected ",
      ("want_shape", DIMS), ", got ", ("got_shape", DIMS)),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "input_shape_mismatch",
     "Triton got an input of another shape than the model configuration declares (with max_batch_size > 0 the "
     "batch dimension is added in front of the configured dims)", None,
     "[StatusCode.INVALID_ARGUMENT] [request id: <id_unknown>] unexpected shape for input 'input_1' for model "
     "'resnet'. Expected [-1,224,224,3], got [224,224,3].", "rank"),
    ("unexpected inference input '{input}' for model '{model}'",
     ("unexpected inference ", (None, "in|out"), "put '", ("input", Q), "' for model '", ("servable", Q), "'"),
     src(CORE, "src/model.cc", "Model::GetInput / GetOutput"), "input_keys_mismatch",
     "the request names an input (or asks for an output) the Triton model configuration does not have",
     REQUEST_NAMES_FIX, "unexpected inference input 'image' for model 'resnet'"),
    ("inference input '{input}' data-type is '{got}', but model '{model}' expects '{want}'",
     ("inference input '", ("input", Q), "' data-type is '", ("got_dtype", DT), "', but model '", ("servable", Q),
      "' expects '", ("want_dtype", DT), "'"),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "dtype_mismatch",
     "the request's datatype for an input differs from the Triton model configuration's", REQUEST_DTYPE_FIX,
     "inference input 'x' data-type is 'FP64', but model 'm' expects 'FP32'", "triton_dtype"),
    ("inference request batch-size must be <= {max} for '{model}'",
     ("inference request batch-size must be <= ", ("want", r"\d{1,9}"), " for '", ("servable", Q), "'"),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "input_shape_mismatch",
     "the request's first dimension (Triton's batch dimension when max_batch_size > 0) is larger than the "
     "configured max_batch_size: a batch too large, or a shape sent without the batch level so its first "
     "dimension reads as the batch",
     "With max_batch_size > 0 the first dimension of every input is the batch: send [n, ...] with n <= "
     "max_batch_size (one example is [1, ...]), split larger batches, or raise max_batch_size in config.pbtxt",
     "inference request batch-size must be <= 8 for 'resnet'"),
    ("input '{input}' has no shape but model requires batch dimension for '{model}'",
     ("input '", ("input", Q), "' has no shape but model requires batch dimension for '", ("servable", Q), "'"),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "missing_batch_dimension",
     "the request sent an input with an empty shape (a scalar) to a model with max_batch_size > 0, whose inputs "
     "all start with the batch dimension",
     "Send the input with its batch dimension: shape [1, ...] for one example (a scalar per example is [1, 1] "
     "when dims is [ 1 ]); InferInput(name, list(x.shape), dtype) with x = np.asarray(value)[None, ...]",
     "[StatusCode.INVALID_ARGUMENT] input 'flag' has no shape but model requires batch dimension for 'm'"),
    ("input '{input}' batch size does not match other inputs for '{model}'",
     ("input '", ("input", Q), "' batch size does not match other inputs for '", ("servable", Q), "'"),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "batch_size_mismatch_between_inputs",
     "two inputs of one request have different first (batch) dimensions, with max_batch_size > 0", None,
     "[StatusCode.INVALID_ARGUMENT] input 'mask' batch size does not match other inputs for 'bert'"),
    ("All input dimensions should be specified for input '{input}' for model '{model}', got {shape}",
     ("All input dimensions should be specified for input '", ("input", Q), "' for model '", ("servable", Q),
      "', got ", ("got_shape", DIMS)),
     src(CORE, "src/infer_request.cc", "InferenceRequest::Normalize"), "input_shape_mismatch",
     "the request's shape for an input has a -1: a request gives the actual size of every dimension (-1 belongs "
     "in config.pbtxt only)",
     "Give the input's real shape in the request (list(x.shape) of the array sent), not the model's [-1, ...]",
     "[StatusCode.INVALID_ARGUMENT] All input dimensions should be specified for input 'x' for model 'm', got "
     "[-1,4]"),
    ("expected {n} inputs but got {m} inputs for model '{model}'. Got input(s) …, but missing required input(s) …",
     ("inputs for model '", ("servable", Q), "'. Got input(s) ", (None, r"[^\n]{0,300}?"),
      ", but missing required input(s) ", ("input", r"[^\n.]{0,300}")),
     src(CORE, "src/infer_request.cc", "InferenceRequest::ValidateRequestInputs"), "input_keys_mismatch",
     "the request does not send every input the model configuration requires (the message names the missing "
     "ones)", "Send every input the message names as missing, by the names of the model's config "
     "(GET /v2/models/<model> lists them)",
     "[StatusCode.INVALID_ARGUMENT] [request id: <id_unknown>] expected 2 inputs but got 1 inputs for model 'bert'. "
     "Got input(s) ['input_ids'], but missing required input(s) ['attention_mask']. Please provide all required "
     "input(s)."),
    ("input byte size mismatch for input '{input}' for model '{model}'. Expected {n}, got {m}",
     ("input byte size mismatch for input '", ("input", Q), "' for model '", ("servable", Q), "'. Expected ",
      ("want", r"\d{1,15}"), ", got ", ("got", r"\d{1,15}")),
     src(CORE, "src/infer_request.cc", "InferenceRequest::ValidateBytesInputs / Normalize"), "input_shape_mismatch",
     "the bytes sent for an input do not fill the declared shape and datatype (a shape that says more or fewer "
     "elements than the data holds, or data of another element size: float64 bytes for FP32)",
     "Send data whose element count is the product of the shape given and whose dtype is the input's datatype "
     "(set_data_from_numpy(x.astype(np.float32)) with InferInput(name, list(x.shape), \"FP32\"))",
     "input byte size mismatch for input 'x' for model 'm'. Expected 602112, got 150528", "tflite_bytes"),
    ("unexpected total byte size {n} for input '{input}', expecting {m}",
     ("unexpected total byte size ", ("got", r"\d{1,15}"), " for input '", ("input", Q), "', expecting ",
      ("want", r"\d{1,15}")),
     src(BACKEND, "src/backend_input_collector.cc", "BackendInputCollector::ProcessTensor"), "input_shape_mismatch",
     "the bytes sent for an input are not the bytes its shape and datatype take (a shape that says more or fewer "
     "elements than the data holds, or data of another element size: float64 bytes for FP32)",
     "Send data whose element count is the product of the shape given and whose dtype is the input's datatype "
     "(set_data_from_numpy(x.astype(np.float32)) with InferInput(name, list(x.shape), \"FP32\"))",
     "tritonclient.utils.InferenceServerException: [StatusCode.INVALID_ARGUMENT] unexpected total byte size 4153344 "
     "for input 'x', expecting 2076672", "tflite_bytes"),
    ("invalid size {n} bytes for input '{input}', expects {m} bytes",
     ("invalid size ", ("got", r"\d{1,15}"), " bytes for input '", ("input", Q), "', expects ", ("want", r"\d{1,15}"),
      " bytes"),
     src(SERVER_V1, "src/clients/c++/library/request_common.cc", "InputImpl::SetRaw (TensorRT Inference Server's "
         "client)"), "input_shape_mismatch",
     "the TensorRT Inference Server client was given input bytes of another size than the input's shape and "
     "datatype take (another image size, or values of another width: float64 for TYPE_FP32)",
     "Give SetRaw / run() one batch entry's bytes in the model's datatype and shape (np.float32 for TYPE_FP32: "
     "x.astype(np.float32)); the model's config (curl localhost:8000/api/status) says both",
     "tensorrtserver.api.InferenceServerException: [ 0] invalid size 4153344 bytes for input 'input/input_data', "
     "expects 2076672 bytes", "tflite_bytes"),
    ("expected {n} string elements for inference input '{input}' for model '{model}', got {m}",
     (" string elements for inference input '", ("input", Q), "' for model '", ("servable", Q), "', got "),
     src(CORE, "src/infer_request.cc", "InferenceRequest::ValidateBytesInputs"), "input_shape_mismatch",
     "a BYTES (string) input holds another number of strings than its shape says", None,
     "[StatusCode.INVALID_ARGUMENT] expected 4 string elements for inference input 'text' for model 'm', got 1"),
    # ---- the HTTP frontend's JSON (server) ------------------------------------------------------------------------
    ("Unable to parse 'data': Shape does not match true shape of 'data' field",
     ("Shape does not match true shape of 'data' field",),
     src(SERVER, "src/http_server.cc", "ReadDataFromJsonHelper"), "input_shape_mismatch",
     "the JSON 'data' of an input holds more values than its 'shape' says (the data nested for another shape, or "
     "the shape without the batch dimension)",
     "Give each input's \"shape\" as the shape of its \"data\" (flattened data is fine, but its count must be the "
     "product of shape): {\"name\": \"x\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [[...]]}",
     "{\"error\":\"Unable to parse 'data': Shape does not match true shape of 'data' field\"}"),
    ("Failed to parse 'data' field: shape does not match true shape",
     ("Failed to parse 'data' field: shape does not match true shape",),
     src(SERVER, "src/http_server.cc", "ReadDataFromJson"), "input_shape_mismatch",
     "the JSON 'data' of an input holds fewer values than its 'shape' says",
     "Give each input's \"shape\" as the shape of its \"data\" (its count must be the product of shape)",
     "{\"error\":\"Failed to parse 'data' field: shape does not match true shape\"}"),
    ("Unable to parse 'data'", ("Unable to parse 'data'", (None, r"(?!: ?Shape does)")),
     src(SERVER, "src/http_server.cc", "ReadDataFromJson"), "dtype_mismatch",
     "the values in an input's JSON 'data' are not of its 'datatype' (strings or nested objects for FP32, floats "
     "for an INT input, numbers for BYTES)",
     "Send values of the input's datatype in \"data\": numbers for FP32/INT* (json.dumps(x.tolist()) of an array "
     "of that dtype), strings for BYTES, true/false for BOOL; base64 images go to a BYTES input",
     "{\"error\":\"Unable to parse 'data'\"}"),
    ("failed to parse the request JSON buffer: {reason} at {offset}",
     ("failed to parse the request JSON buffer: ", ("reason", r"[^\n]{0,120}?"), " at ", ("offset", r"\d{1,12}")),
     src(COMMON, "include/triton/common/triton_json.h", "TritonJson::Value::Parse"), "json_parse_error",
     "the request body is not valid JSON (rapidjson's reason and the byte offset where it stopped)",
     "Serialize the body with a JSON encoder (json.dumps of lists of Python numbers: no NaN written as nan, no "
     "numpy arrays, no trailing commas), or use tritonclient.http, which writes the v2 JSON itself",
     '{"error":"failed to parse the request JSON buffer: Invalid value. at 0"}'),
    ("attempt to access non-existing object member 'inputs'",
     ("attempt to access non-existing object member '", ("field", "inputs"), "'"),
     src(COMMON, "include/triton/common/triton_json.h", "TritonJson::Value::MemberAsArray; the server's "
         "src/http_server.cc asks for request_json.MemberAsArray(\"inputs\")"), "instances_key_missing",
     "the request body has no \"inputs\" list: Triton's v2 protocol is not TF Serving's {\"instances\": ...} or "
     "{\"inputs\": {name: values}}",
     "POST /v2/models/<model>/infer with {\"inputs\": [{\"name\": \"input_1\", \"shape\": [1, 4], "
     "\"datatype\": \"FP32\", \"data\": [...]}]} (one object per input), or use tritonclient",
     '{"error":"attempt to access non-existing object member \'inputs\'"}'),
    ("attempt to access non-existing object member '{name|shape|datatype}'",
     ("attempt to access non-existing object member '", ("field", "name|shape|datatype|data"), "'"),
     src(COMMON, "include/triton/common/triton_json.h", "TritonJson::Value::MemberAsString / MemberAsArray"),
     "instance_format",
     "an input object of the v2 request lacks one of its fields: each input is {\"name\", \"shape\", "
     "\"datatype\", \"data\"}",
     "Give every object of \"inputs\" its name, shape, datatype and data: {\"name\": \"input_1\", \"shape\": "
     "[1, 4], \"datatype\": \"FP32\", \"data\": [...]} (GET /v2/models/<model> shows the names, shapes and "
     "datatypes)",
     '{"error":"attempt to access non-existing object member \'datatype\'"}'),
    ("attempt to access JSON non-array as array", ("attempt to access JSON non-array as array",),
     src(COMMON, "include/triton/common/triton_json.h", "TritonJson::Value::AsArray"), "instance_format",
     "a field of the v2 request that is a list (\"inputs\", an input's \"shape\") was sent as something else, "
     "as when inputs is an object keyed by name (TF Serving's columnar form)",
     "Send \"inputs\" as a list of input objects and each \"shape\" as a list of integers: {\"inputs\": "
     "[{\"name\": \"input_1\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [...]}]}",
     '{"error":"attempt to access JSON non-array as array"}'),
    ("request JSON size of {n} bytes exceeds the maximum allowed input size of {max} bytes. Use "
     "--http-max-input-size to increase the limit.",
     ("request JSON size of ", ("got", r"\d{1,15}"), " bytes exceeds the maximum allowed input size of ",
      ("want", r"\d{1,15}"), " bytes"),
     src(SERVER, "src/http_server.cc", "HTTPAPIServer::EVBufferToJson"), "payload_too_large",
     "the JSON body of the request is larger than tritonserver's --http-max-input-size (64 MB by default)",
     "Send the tensors in the binary data extension (tritonclient.http does with binary_data=True, the default) or "
     "over gRPC instead of JSON, send fewer examples per request, or start tritonserver with a larger "
     "--http-max-input-size",
     '{"error":"request JSON size of 73400320 bytes exceeds the maximum allowed input size of 67108864 bytes. Use '
     '--http-max-input-size to increase the limit."}'),
    # ---- tritonclient's own checks (client) -----------------------------------------------------------------------
    ("got unexpected numpy array shape [{got}], expected [{want}]",
     ("got unexpected numpy array shape ", ("got_shape", DIMS), ", expected ", ("want_shape", DIMS)),
     src(CLIENT, "src/python/library/tritonclient/grpc/_infer_input.py", "InferInput.set_data_from_numpy; the same "
         "in http/_infer_input.py"), "input_shape_mismatch",
     "tritonclient's InferInput was created with one shape and given an array of another: the shape passed to "
     "InferInput(name, shape, datatype) must be the array's own", "Create the input with the array's shape: "
     "InferInput(name, list(x.shape), datatype) and then set_data_from_numpy(x) (add the batch axis to x first when "
     "max_batch_size > 0: x[None, ...])",
     "tritonclient.utils.InferenceServerException: got unexpected numpy array shape [224, 224, 3], expected [1, "
     "224, 224, 3]", "rank"),  # str(array.shape)[1:-1]: a 1-D array prints as [128,]
    ("got unexpected datatype {got} from numpy array, expected {want}",
     ("got unexpected datatype ", ("got_dtype", DT), " from numpy array, expected ", ("want_dtype", DT)),
     src(CLIENT, "src/python/library/tritonclient/grpc/_infer_input.py", "InferInput.set_data_from_numpy; the same "
         "in http/_infer_input.py"), "dtype_mismatch",
     "tritonclient's InferInput was created with one datatype and given a numpy array of another (the array's "
     "dtype in Triton's names: FP64, a np.float64 array, for FP32 is the common one)",
     "Cast the array to the input's datatype before set_data_from_numpy: x.astype(np.float32) for FP32 "
     "(tritonclient.utils.triton_to_np_dtype(datatype) gives the numpy dtype), or create InferInput with the "
     "datatype the model's config declares",
     "tritonclient.utils.InferenceServerException: got unexpected datatype FP64 from numpy array, expected FP32",
     "triton_dtype"),
    ("url should not include the scheme", ("url should not include the scheme",),
     src(CLIENT, "src/python/library/tritonclient/http/_client.py", "InferenceServerClient.__init__"), None,
     "tritonclient's InferenceServerClient takes host:port (localhost:8000), not a URL with http:// (pass "
     "ssl=True for https); " + NOT_ABOUT, None,
     "tritonclient.utils.InferenceServerException: url should not include the scheme"),
]
"""Each row: template, the parts of its pattern (the source's literal text and placeholders), source (repository,
commit, file and function), category (None: not about the request or model), meaning or reading, fix, example,
optional decider."""


def row_literals(row: tuple) -> tuple[str, ...]:
    """The literal parts of a row's pattern that must be the source's own text."""
    return literals(*row[1])


TF_FUNCTION = ("input ", "] expected type ", " != ", ", the type of ")
"""TensorFlow's own check when it instantiates a function of the model (tensorflow/core/framework/function.cc,
FunctionInstantiationHelper::InstantiateNode: ``"input ", arg, "[", j, "] expected type ", want, " != ", got, ", the
type of ", node, "[", k, "]"``), found in the installed libtensorflow_framework.so.2: what Triton's TensorFlow backend
logs when its TensorFlow is older than the one that exported the model (an op whose type attributes were widened
later, e.g. int64 segment ids)."""
TF_FUNCTION_ROW = (
    "input {arg}[{j}] expected type {want} != {got}, the type of {node}[{k}]",
    r"input (?P<arg>\w{1,80})\[\d{1,4}\] expected type (?P<want_dtype>\w{1,20}) ?!= ?(?P<got_dtype>\w{1,20}), the "
    r"type of ",
    "runtime_version_mismatch",
    "a function of the model does not type-check in the TensorFlow that loads it: a node inside the graph gets an "
    "input of another type than this TensorFlow's definition of its op allows (the request's dtype is checked "
    "at the signature, not here), as when the model was exported by a newer TensorFlow whose op takes more types",
    "Serve with a TensorFlow at least as new as the one that exported the model: on Triton, a release whose "
    "TensorFlow backend bundles that version (the release notes name it; before 23.04 also "
    "--backend-config=tensorflow,version=2 for a TF2 model), or re-export the model with the serving TensorFlow",
    "W tensorflow/core/framework/op_kernel.cc:1651] OP_REQUIRES failed at partitioned_function_ops.cc:113 : Invalid "
    "argument: input indices[0] expected type int32 != int64, the type of model/embedding/Cast:y:0[0]")


def tf_function_entry() -> dict:
    lib = "libtensorflow_framework.so.2"
    text = library_strings(TF / lib)
    missing = [piece for piece in TF_FUNCTION if piece not in text]
    if missing:
        raise SystemExit(f"not in the installed TensorFlow's {lib}: {missing}")
    template, pattern, category, meaning, fix, example = TF_FUNCTION_ROW
    e = entry(template, pattern, f"tensorflow/{lib} (strings -n 8; tensorflow/core/framework/function.cc "
              "FunctionInstantiationHelper::InstantiateNode)", meaning, category, fix=fix)
    e["example"] = example
    return e


def entries() -> list[dict]:
    return [tf_function_entry(), *row_entries([(template, pat(*parts), source_name(source), *rest)
                                                for template, parts, source, *rest in ROWS])]


def joined_source(repo: str, commit: str, path: str) -> str | None:
    """The file at that commit from the git mirror (None when the mirror is absent), its adjacent string literals
    joined (C++ ``"abc "\\n "def"`` and Python implicit concatenation) the way the compiler joins them."""
    try:
        text = mirror_text(repo, commit, path, "explain_index_triton")
    except SystemExit:
        return None  # a mirror without that commit: not checked here
    if text is None:
        return None
    return re.sub(r"\"\s*\+?\s*\n?\s*\"", "", text)


def missing_literals() -> list[str]:
    """Every literal of every row that is not in its source file at its commit (rows whose mirror is absent are
    skipped); empty when all are found."""
    out = []
    for row in ROWS:
        repo, commit, where = row[2]
        path = where.split(" (")[0]
        text = joined_source(repo, commit, path)
        if text is None:
            continue
        out.extend(f"{repo}@{commit[:12]} {path}: {piece!r}" for piece in row_literals(row) if piece not in text)
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sigcheck.explain.normalize import normalize

    for e in entries():
        if not re.search(e["pattern"], normalize(e["example"]), re.I):
            print("no match:", e["template"])
    for m in missing_literals():
        print("not in the source:", m)
