"""The platform around a model loaded in a web app in the explain index (#15), from scripts/explain_index_web.py: the
JavaScript engines' JSON.parse messages (V8, SpiderMonkey, JavaScriptCore), Node's fetch (undici), the browsers'
fetch / CORS / storage messages, and the web loaders' own (tfjs-react-native, tfjs-core's browser storage,
tfjs-wechat, Keras.js, nsfwjs, face-api.js).  Each message is given as the platform prints it (a Chrome console line,
a Node stack with its ``cause:``, Firefox's and Safari's wordings) and must read by what was being fetched: a model
being loaded, a prediction request, or neither."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.explain import explain_text

from .reading import best as _read
from .reading import index_entries, source_module


web = source_module("explain_index_web")
INDEX = index_entries()


def test_every_web_row_is_in_the_index_with_its_source() -> None:
    by_pattern = {e["pattern"]: e for e in INDEX}
    for row in web.ROWS:
        e = by_pattern.get(row.pattern)
        assert e is not None, f"messages.json lacks {row.template!r}: run scripts/explain_build_index.py"
        assert (e["template"], e["source"], e["category"]) == (row.template, row.source, row.category)
        assert e.get("decider") == row.decider
        assert "@" in row.source.split()[0] or row.source.startswith(("developer.mozilla.org", "npm ")), row.source
        if row.category is None:
            assert "not about the request or model" in e["reading"]


def test_every_quoted_row_is_in_its_source_file_at_its_commit() -> None:
    """Each row's QUOTES pieces are in the source file at the commit the row names (git mirrors under /work/.mirror:
    undici, tfjs, tfjs-wechat, keras-js, nsfwjs, face-api.js).  V8, Chromium and WebKit are not mirrored here (too
    large): their pieces were read at the named commits through the public source index."""
    present = [r for r in web.ROWS if r.template in web.QUOTES
               and (web.MIRRORS / web.QUOTES[r.template][0].replace("/", "+")).exists()]
    if not present:
        pytest.skip("no git mirror of the web sources under /work/.mirror")
    assert web.check_quotes() == len(present)
    for row in web.ROWS:
        if row.template in web.QUOTES:
            repo, commit, path, _ = web.QUOTES[row.template]
            assert f"github.com/{repo}@{commit} " in row.source, (row.template, row.source)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    row = web.FETCH_ROWS[0]
    repo, commit, path, _ = web.QUOTES[row.template]
    if not (web.MIRRORS / repo.replace("/", "+")).exists():
        pytest.skip(f"no git mirror of {repo}")
    monkeypatch.setitem(web.QUOTES, row.template, (repo, commit, path, ("makeNetworkError('not implemented yet')",)))
    with pytest.raises(SystemExit, match="not in"):
        web.check_quotes()


CHROME_LOAD = ("Uncaught (in promise) SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON\n"
               "    at JSON.parse (<anonymous>)\n    at HTTPRequest.load (http.ts:155:40)\n"
               "    at async loadLayersModelFromIOHandler (models.ts:313:18)")
NODE_FILE_URL = ("TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11118:11) {\n"
                 "  cause: Error: not implemented... yet...\n"
                 "      at makeNetworkError (node:internal/deps/undici/undici:9273:35)\n"
                 "      at schemeFetch (node:internal/deps/undici/undici:10603:18)\n"
                 "      at HTTPRequest.PlatformNode.fetch (/app/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js"
                 ":9001:34)\n    [cause]: undefined\n  }\n}")
NODE_RELATIVE = ("TypeError: Failed to parse URL from ./model/model.json\n"
                 "    at Object.fetch (node:internal/deps/undici/undici:11576:11)\n"
                 "    at async HTTPRequest.load (/app/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js:9001:34) {\n"
                 "  [cause]: TypeError [ERR_INVALID_URL]: Invalid URL\n      at new NodeError (node:internal/errors:405:5)"
                 " {\n    input: './model/model.json',\n    code: 'ERR_INVALID_URL'\n  }\n}")
LOADING = [
    # (text as the platform prints it, category, a word the first step must have)
    (CHROME_LOAD, "savedmodel_not_found", "public/"),
    ("Uncaught (in promise) SyntaxError: Unexpected token < in JSON at position 0\n    at JSON.parse (<anonymous>)\n"
     "    at e.<anonymous> (tf.min.js:2:48721)  // await tf.loadGraphModel('web_model/model.json')",
     "savedmodel_not_found", "HTML page"),
    ("Uncaught (in promise) SyntaxError: JSON.parse: unexpected character at line 1 column 1 of the JSON data\n"
     "    load http.ts:155\n    loadLayersModel models.ts:266", "savedmodel_not_found", "HTML page"),
    ("Unhandled Promise Rejection: SyntaxError: JSON Parse error: Unrecognized token '<'", "savedmodel_not_found",
     "public/"),
    ("Error loading model: SyntaxError: Unexpected token 'v', \"version ht\"... is not valid JSON\n"
     "    at JSON.parse (<anonymous>)\n    at HTTPRequest.load (tf-core.esm.js:17:1542)", "savedmodel_not_found",
     "git lfs pull"),
    (NODE_FILE_URL, "savedmodel_not_found", "file://"),
    (NODE_RELATIVE, "savedmodel_not_found", "absolute"),
    ("Access to fetch at 'https://storage.googleapis.com/my-bucket/web_model/model.json' from origin "
     "'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on "
     "the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch "
     "the resource with CORS disabled.", "savedmodel_not_found", "gsutil cors"),
    ("Access to XMLHttpRequest at 'file:///C:/Users/me/app/model/model.json' from origin 'null' has been blocked by "
     "CORS policy: Cross origin requests are only supported for protocol schemes: http, data, isolated-app, "
     "chrome-extension, chrome, https, chrome-untrusted.", "savedmodel_not_found", "http.server"),
    ("const model = await tf.loadGraphModel(MODEL_URL);\nUncaught (in promise) TypeError: Failed to fetch",
     "savedmodel_not_found", "network tab"),
    ("Error: failed to fetch: (404) Not Found, from url: http://localhost:3000/models/"
     "ssd_mobilenetv1_model-weights_manifest.json\n    at fetchOrThrow (face-api.js:1:180421)",
     "savedmodel_not_found", "network tab"),
]


@pytest.mark.parametrize(("message", "category", "word"), LOADING)
def test_a_model_that_is_not_served_where_the_app_asks_reads_as_its_path(message: str, category: str,
                                                                         word: str) -> None:
    best = _read(message)
    assert best.category == category, (message, best.category)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


def test_an_html_page_for_a_prediction_is_the_wrong_url_not_a_model_path() -> None:
    """The same '<' while a prediction's response is parsed: the request went to a URL that is not the model server's
    REST API (the web app's dev server answered), not to a model file."""
    text = ("fetch('/v1/models/resnet:predict', {method: 'POST', body: JSON.stringify({instances})})\n"
            "Uncaught (in promise) SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON")
    best = _read(text)
    assert best.category == "wrong_api_or_input_format"
    assert ":predict" in best.steps[0]


def test_a_json_error_that_is_no_html_and_no_model_keeps_its_json_reading() -> None:
    best = _read("SyntaxError: Unexpected token 'N', ...\"ctions\": [NaN, 0.1\"... is not valid JSON")
    assert best.category == "json_parse_error"
    assert "JSON.stringify" in best.steps[0]


def test_a_json_error_whose_model_context_is_only_in_stack_frames_still_names_the_model_file() -> None:
    """explain reads the message without its stack frames (normalize drops them), so a Git LFS pointer parsed by
    HTTPRequest.load with nothing else said keeps the JSON reading; its first step still says what a model file must
    be (git lfs pull)."""
    best = _read("SyntaxError: Unexpected token 'v', \"version ht\"... is not valid JSON\n"
                 "    at JSON.parse (<anonymous>)\n    at HTTPRequest.load (tf-core.esm.js:17:1542)")
    assert best.category == "json_parse_error"
    assert "git lfs pull" in best.steps[0]


@pytest.mark.parametrize("message", [
    "Access to fetch at 'http://localhost:8501/v1/models/mnist:predict' from origin 'http://localhost:3000' has been "
    "blocked by CORS policy: Response to preflight request doesn't pass access control check: No "
    "'Access-Control-Allow-Origin' header is present on the requested resource.",
    "Uncaught (in promise) TypeError: Failed to fetch",
    "TypeError: NetworkError when attempting to fetch resource.",
    "Error: SsdMobilenetv1 - load model before inference",
    "Error: Cannot find TensorFlow.js. If you are using a <script> tag, please also include @tensorflow/tfjs on the "
    "page before using this model.",
])
def test_network_and_code_order_messages_are_not_read_as_the_model(message: str) -> None:
    """A prediction request refused by CORS, a network failure with nothing said about what was fetched, a net run
    before it loaded: no model path, no request category."""
    assert "savedmodel_not_found" not in [d.category for d in explain_text(message)]


STORAGE = [
    ("Uncaught (in promise) DOMException: Failed to execute 'setItem' on 'Storage': Setting the value of "
     "'tensorflowjs_models/my-model/model_topology' exceeded the quota.\n    at BrowserLocalStorage.save "
     "(tf.min.js:17:98123)", "indexeddb"),
    ("Error: Failed to save model 'my-model' to local storage: size quota being exceeded is a possible cause of this "
     "failure: modelTopologyBytes=29810, weightSpecsBytes=5421, weightDataBytes=17091456.", "indexeddb"),
    ("> Error info Error: APP-SERVICE-SDK:setStorageSync:fail exceed storage max size 10Mb", "fileStorageIO"),
    ("Error: Failed to save model 'mobilenet' to local storage.\n            Error info Error: APP-SERVICE-SDK:"
     "setStorageSync:fail exceed storage max size 10Mb", "fileStorageIO"),
    ("[Error: Failed to save model 'my-model' to AsyncStorage.\n            Error info Error: database or disk is "
     "full (code 13 SQLITE_FULL)]", "AsyncStorage"),
    ("QuotaExceededError: The quota has been exceeded.", "quantize"),
]


@pytest.mark.parametrize(("message", "word"), STORAGE)
def test_a_storage_quota_is_the_saved_model_s_size_not_a_request_quota(message: str, word: str) -> None:
    best = _read(message)
    assert best.category == "model_too_large", (message, [(d.category, d.confidence) for d in explain_text(message)])
    assert word.lower() in best.steps[0].lower()


def test_a_service_quota_still_reads_as_a_quota() -> None:
    text = ("google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/"
            "online_prediction_requests_per_base_model with base model: textembedding-gecko.")
    assert _read(text).category == "quota_exceeded"


LOADERS = [
    ("Error: modelJson must be a JavaScript object (and not a string).\nHave you wrapped your asset path in a require() "
     "statement?", "savedmodel_not_found", "require('./model.json')"),
    ("[Error: Error reading resource group1shard1of1.bin. Make sure the file is\n            in located in the "
     "res/raw folder of the bundle]", "savedmodel_not_found", "assetExts"),
    ("Error: In local storage, there is no model with name 'my-model'", "savedmodel_not_found", "save the model first"),
    ("Error: Cannot find model with path 'my-model' in IndexedDB.", "savedmodel_not_found", "indexeddb://"),
    ("Error: In local storage, the binary weight values of model 'my-model' are missing.", "variables_not_restored",
     "weights"),
    ("Error: [Model] error loading weights.\n    at Model._createLayers (keras.js:1:33210)", "variables_not_restored",
     "encoder"),
    ("Error: [Model] Invalid model - check protobuf serialization: {err}", "savedmodel_not_found", "encoder.py"),
    ("Error: [InputLayer] input tensor shape 784,3 does not match specified shape 28,28,1.", "input_shape_mismatch",
     "Float32Array"),
    ("Error: Could not load the model. Make sure you are importing the model.min.js bundle. Ref: "
     "https://github.com/infinitered/nsfwjs?tab=readme-ov-file#browserify", "savedmodel_not_found", "nsfwjs.load"),
    ("Error: Could not load the weight data. Make sure you are importing the correct shard files from the models "
     "directory. Ref: https://github.com/infinitered/nsfwjs?tab=readme-ov-file#browserify", "variables_not_restored",
     "shard"),
]


@pytest.mark.parametrize(("message", "category", "word"), LOADERS)
def test_web_loaders_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    best = _read(message)
    assert best.category == category, (message, best.category)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


NODE_AND_BUNDLER = [
    ("Error: Path /app/model/model.json does not exist: loading failed\n    at /app/node_modules/@tensorflow/tfjs-node/"
     "dist/io/file_system.js:55:35", "savedmodel_not_found", "path.resolve"),
    ("Error: Weight file /app/model/group1-shard1of1.bin does not exist: loading failed", "variables_not_restored",
     "weightsManifest"),
    ("Error: The path to load from must be a file. Loading from a directory is not supported.",
     "savedmodel_not_found", "model.json itself"),
    ("error: bundling failed: Error: Unable to resolve module `./assets/model/group1-shard1of1.bin` from `App.js`: "
     "None of these files exist:\n  * assets/model/group1-shard1of1.bin(.native|.android.js|.native.js|.js)",
     "savedmodel_not_found", "assetExts"),
    ("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at "
     "https://storage.googleapis.com/my-bucket/model/model.json. (Reason: CORS header 'Access-Control-Allow-Origin' "
     "missing). Status code: 200.", "savedmodel_not_found", "CORS"),
    ("XMLHttpRequest cannot load https://example.com/web_model/model.json. No 'Access-Control-Allow-Origin' header is "
     "present on the requested resource. Origin 'http://localhost:8080' is therefore not allowed access.",
     "savedmodel_not_found", "CORS"),
]


@pytest.mark.parametrize(("message", "category", "word"), NODE_AND_BUNDLER)
def test_node_bundler_and_console_messages_about_model_files(message: str, category: str, word: str) -> None:
    best = _read(message)
    assert best.category == category, (message, best.category)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


def test_a_convolution_kernel_with_the_wrong_value_count_is_a_weight_not_an_input() -> None:
    """tfjs-core builds each weight with tensor(values, shape) while it decodes the weight files: a kernel shape
    [k, k, in, out] whose values do not fit is weight data that is not the model's (a missing shard); an image shape
    keeps the input reading."""
    weight = _read("     [Error: Based on the provided shape, [1,1,160,960], the tensor should have 153600 values but "
                   "has 107172]")
    assert weight.category == "variables_not_restored"
    assert "shard" in weight.steps[0]
    image = _read("Error: Based on the provided shape, [1,224,224,3], the tensor should have 150528 values but has "
                  "200704")
    assert image.category == "input_shape_mismatch"


CLIENT_LIBRARIES = [
    ("ERROR HttpErrorResponse {headers: HttpHeaders, status: 200, statusText: 'OK', url: "
     "'http://localhost:4200/model/model.json', ok: false, name: 'HttpErrorResponse', message: 'Http failure during "
     "parsing for http://localhost:4200/model/model.json'}", "savedmodel_not_found"),
    ("ERROR HttpErrorResponse {status: 200, statusText: 'OK', url: 'http://localhost:4200/v1/models/mnist:predict', "
     "message: 'Http failure during parsing for http://localhost:4200/v1/models/mnist:predict'}",
     "wrong_api_or_input_format"),
    ("Http failure response for http://localhost:4200/assets/model/model.json: 404 Not Found", "savedmodel_not_found"),
    ("Error: Request failed with status code 404\n    at createError (createError.js:16)\n    at settle (settle.js:17)"
     "\n  (GET http://localhost:8080/static/web_model/model.json)", "savedmodel_not_found"),
]


@pytest.mark.parametrize(("message", "category"), CLIENT_LIBRARIES)
def test_angular_and_axios_failures_read_by_what_was_fetched(message: str, category: str) -> None:
    """Angular's HttpClient answers a 2xx body that is no JSON (a SPA's index.html fallback) with 'Http failure
    during parsing': a model file not under the served assets, or a prediction sent to the app's own server."""
    assert _read(message).category == category


@pytest.mark.parametrize("message", [
    "message: \"Http failure during parsing for http://localhost:4200/api/labels\"",
    "Http failure response for http://localhost:8501/v1/models/half_plus_two:predict: 0 Unknown Error",
    "axios.post('http://10.0.2.2:8501/v1/models/m:predict', data) -> AxiosError: Network Error",
])
def test_client_library_failures_about_other_urls_are_not_read_as_the_model(message: str) -> None:
    assert "savedmodel_not_found" not in [d.category for d in explain_text(message)]


MORE_LOADERS = [
    ("Error: Requested texture size [8192x11264] greater than WebGL maximum on this browser / GPU [8192x8192].\n"
     "    at validateTextureSize (webgl_util.ts:216)", "model_too_large", "resize"),
    ("Error: Expected image (JPEG, PNG, or GIF), but got unsupported image type\n    at getImageType "
     "(decode_image.ts:87)", "encoded_image_string_mismatch", "decodeJpeg"),
    ("Error: Error loading model from URL https://teachablemachine.withgoogle.com/models/abc123/model.json: Error: "
     "Request to https://teachablemachine.withgoogle.com/models/abc123/model.json failed with status code 404. Please "
     "verify this URL points to the model JSON of the model to load.", "savedmodel_not_found", "model.json"),
    ("Error: Error loading metadata.json file from URL http://localhost:8080/my-model/metadata.json: AxiosError: "
     "Request failed with status code 404", "savedmodel_not_found", "metadata.json"),
]


@pytest.mark.parametrize(("message", "category", "word"), MORE_LOADERS)
def test_webgl_decode_and_ml5_messages_read_to_their_cause(message: str, category: str, word: str) -> None:
    best = _read(message)
    assert best.category == category, (message, best.category)
    assert word.lower() in best.steps[0].lower(), best.steps[0]


@pytest.mark.parametrize("message", [
    "Error: Backend name 'wasm' not found in registry",
    "Error: Failed to register Webgl backend: Cannot read property 'createContextAsync' of undefined",
    "Error: Failed to compile fragment shader.",
])
def test_backend_and_device_messages_are_no_model_category(message: str) -> None:
    assert explain_text(message) == [] or explain_text(message)[0].category not in (
        "savedmodel_not_found", "model_too_large", "runtime_version_mismatch")


def test_a_network_message_read_as_the_model_s_files_says_so_in_its_cause() -> None:
    """A row not about the request or model (CORS, a network failure) that its decider reads as the model's files
    carries what it means then; the diagnosis' cause leads with it, not with the SavedModel-directory sentence."""
    best = _read("Access to fetch at 'https://storage.googleapis.com/b/web_model/model.json' from origin "
                 "'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is "
                 "present on the requested resource.")
    assert best.category == "savedmodel_not_found"
    assert best.cause.startswith("The browser refused the model files' response"), best.cause
