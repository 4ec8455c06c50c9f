"""The platform around a model loaded in a web app, for explain's message index (#15): what the JavaScript engines
(V8 in Chrome / Node / Electron, SpiderMonkey in Firefox, JavaScriptCore in Safari), Node's fetch (undici), the
browsers' fetch, CORS and storage, and the web model loaders' own code (tfjs-react-native's bundleResourceIO /
asyncStorageIO, tfjs-core's browser storage, tfjs-wechat, Keras.js, nsfwjs, face-api.js) say when a TensorFlow.js /
Keras model is loaded or saved in a browser, Node, React Native or a WeChat mini-program.

A model served as static files meets these messages before TensorFlow says anything: the model URL answered with the
app's HTML page (``SyntaxError: Unexpected token '<', "<!DOCTYPE "... is not valid JSON``), Node's fetch was given a
file path (``TypeError: fetch failed`` with ``cause: Error: not implemented... yet...``), the browser refused another
origin (CORS) or the storage quota.  What such a message means depends on what was being fetched: the entries name
a decider (``sigcheck/explain/index.py``: ``web_json``, ``web_fetch``, ``web_storage``) that reads the text around the
message — a model being loaded (loadLayersModel / loadGraphModel / model.json / weights) or a prediction request
(``:predict``, ``/v1/models/``) — and chooses the reading.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES).  Each row is one message: its template, a
pattern with named captures whose literal parts are the source's own text (every placeholder a bounded class, linear
time), the file and commit (or the documentation page) it comes from, its category or, when it is not about the
request or the model, a ``reading``; a first step when the message says more than the category's wording.  ``QUOTES``
names the pieces of the source text each row's literals come from: when the git mirror of the source is on this
machine (``/work/.mirror/<owner>+<name>/repo``), the build checks every piece is in that file at that commit.  V8,
Chromium and WebKit are too large to mirror here: their pieces were read at the named commits through the public
source index and are kept in QUOTES for the next reader (the build cannot check them).

    python scripts/explain_index_web.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import MIRRORS, entry, examples_match, mirror_text, quoted  # noqa: E402,F401

WHO = "explain_index_web"

V8_NEW = ("denoland/v8", "81adeaf460b6")
"""V8 as Chrome >= 105 / Node >= 20 / Deno ship it (denoland/v8 tracks v8/v8): JSON.parse's messages name the
token and quote the text around it (``Unexpected token '<', "<!DOCTYPE "... is not valid JSON``)."""
V8_OLD = ("v8/v8", "8d1b4774bf78")
"""V8 before the 2022 rewording (Chrome <= 104, Node <= 18): ``Unexpected token < in JSON at position 0``."""
WEBKIT = ("WebKit/WebKit", "41a90b863aae")
CHROMIUM_CORS = ("chromium/chromium", "5b83ed465231")
CHROMIUM_STORAGE = ("chromium/chromium", "98308e2aa21c")
UNDICI = ("nodejs/undici", "7eb7c8ec8f23")
TFJS = ("tensorflow/tfjs", "0fc04d958ea5")
TFJS_WECHAT = ("tensorflow/tfjs-wechat", "61902723d836")
KERASJS_03 = ("transcranial/keras-js", "2c97e25d9237")
"""Keras.js v0.3.0 (the model / weights / metadata files of its encoder; the version most threads run)."""
KERASJS_10 = ("transcranial/keras-js", "7713c554f062")
"""Keras.js 1.0 (one protobuf model file), the last commit of the archived repository."""
NSFWJS = ("infinitered/nsfwjs", "d55a54c51f14")
METRO = ("facebook/metro", "a4e01a994f75")
ANGULAR = ("angular/angular", "0121b56011f1")
AXIOS = ("axios/axios", "23a25af0688d")
"""React Native's bundler: an asset whose extension is not in resolver.assetExts is no module it can resolve."""
FACEAPI = ("justadudewhohacks/face-api.js", "a86f011d7212")
ML5 = ("ml5js/ml5-library", "f80f95aa6b31")
MDN_JSON = "developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors/JSON_bad_parse"
MDN_CORS = ("developer.mozilla.org/en-US/docs/Web/HTTP/CORS/Errors (Firefox's console: 'Cross-Origin Request "
            "Blocked: The Same Origin Policy disallows reading the remote resource at URL. (Reason: ...)')")
MDN_QUOTA = "developer.mozilla.org/docs/Web/API/QuotaExceededError (WebIDL's QuotaExceededError DOMException)"
NETWORK_ERRORS = ("npm is-network-error@1.2.0 index.js (the engines' fetch network-error messages: Chrome 'Failed to "
                  "fetch', Firefox 'NetworkError when attempting to fetch resource.', cross-fetch / React Native's "
                  "whatwg-fetch 'Network request failed', undici 'fetch failed')")
WECHAT_DOC = ("github.com/tensorflow/tfjs-wechat@61902723d836 README.md:109,148 (a mini-program's storage and files "
              "are capped at 10 MB) and WeChat's errMsg form '<api>:fail <reason>'")


def src(repo_commit: tuple[str, str], path: str, where: str = "") -> str:
    repo, commit = repo_commit
    return f"github.com/{repo}@{commit} {path}" + (f" ({where})" if where else "")


class Row(NamedTuple):
    template: str
    pattern: str
    source: str
    category: str | None
    text: str
    """What the message means (a category's entry), or its reading (an entry not about the request or model)."""
    fix: str | None
    example: str
    decider: str | None = None
    decided: str | None = None
    """For a row not about the request or model whose decider may still choose a category (the model's files were
    what was fetched): what the message means then (the diagnosis' cause leads with it)."""


# ------------------------------------------------------------------------------------------------ fixes

HTML_FIX = ("The URL answered with an HTML page (the web server's index.html, a login or 404 page), not the JSON the "
            "code expected: open that URL in the browser (network tab) to see what it returns. For a model, put "
            "model.json and its group*-shard*.bin weight files where the server serves files as they are (public/ "
            "in a React / Vue / Vite app, static/ or assets/ elsewhere, not src/) and load them by that URL "
            "(tf.loadLayersModel('/model/model.json'), faceapi.nets.X.loadFromUri('/models')); for a prediction "
            "request, send it to the model server's own URL (http://HOST:8501/v1/models/NAME:predict), not to the "
            "web app")
JS_JSON_FIX = ("JSON.parse got text that is not JSON: look at what was parsed (the network tab's response, or the "
               "file). A model must be the converter's model.json as written (not an HTML page, a Git LFS pointer "
               "'version https://git-lfs...' — run git lfs pull —, or an empty body from a URL that serves nothing); "
               "a body you build must come from JSON.stringify, not string concatenation")
FETCH_LOAD_FIX = ("The model's files could not be fetched at all: open the model URL in the browser (network tab) and "
                  "check the host, port and path, that a server is running and serves the files (the app's public / "
                  "static folder), that an https page does not fetch http:// files, and that another origin allows "
                  "the page (CORS); an Android emulator reaches the host machine at 10.0.2.2, not localhost; in Node, "
                  "give @tensorflow/tfjs-node a 'file://' path or a full http:// URL")
CORS_FIX = ("The browser refused the response: the server at that URL sends no Access-Control-Allow-Origin for this "
            "page's origin. Serve the model files (model.json and its shards) from the app's own origin (its public / "
            "static folder), or enable CORS where they are hosted (gsutil cors set cors.json gs://BUCKET for a GCS "
            "bucket, the server's CORS headers); TF Serving's REST API sends no CORS headers: call it from a backend "
            "or through a proxy on the page's origin")
FILE_PAGE_FIX = ("The page was opened from the disk (file://), where the browser fetches no model files: serve the "
                 "app and its model files over http (npx http-server ., python -m http.server) and open "
                 "http://localhost:PORT/")
NODE_FILE_FIX = ("Node's fetch (undici) reads no file:// URL, and the model URL reached tfjs' HTTP loader: in Node "
                 "import '@tensorflow/tfjs-node' (it registers the file:// loader) and load the model.json file itself "
                 "by an absolute file URL (tf.loadLayersModel('file://' + path.resolve('model/model.json')), a "
                 "directory is not a model), or serve the files and load them by http:// URL")
NODE_URL_FIX = ("Node's fetch takes only absolute URLs (a page's relative path has no page to resolve against in "
                "Node): load the model with @tensorflow/tfjs-node by 'file://' + the absolute path of model.json, or "
                "by the full http:// URL of the served model.json")
STORAGE_FIX = ("The model is larger than that storage holds (localStorage keeps ~5 MB per origin as text, a WeChat "
               "mini-program 10 MB, React Native's AsyncStorage 6 MB by default on Android): save it where the cap is "
               "larger (IndexedDB: model.save('indexeddb://NAME'); WeChat: the plugin's fileStorageIO; React Native: "
               "the file system), keep loading it from its served files instead of caching it, or shrink it "
               "(tensorflowjs_converter --quantize_uint8 / --quantize_float16)")
SAVED_FIRST_FIX = ("Nothing is saved under that key in this storage (another key, another origin or device, or the "
                   "save never finished): save the model first with the same key (await model.save('indexeddb://NAME'"
                   " / asyncStorageIO('NAME')), and load with exactly that key; fall back to the served model.json "
                   "when the key is missing")
RN_BUNDLE_FIX = ("Give bundleResourceIO the modules themselves: bundleResourceIO(require('./model.json'), "
                 "require('./group1-shard1of1.bin')) (an array of require()s for several shards), not path strings; "
                 "metro must bundle the weights: add 'bin' to resolver.assetExts in metro.config.js")

NO_RESPONSE_MODEL = ("the model's files got no response at all at the URL the app loads them from (no server "
                     "there, a wrong host or port, an http:// URL from an https page, CORS): the model is not served "
                     "where the app asks")
CORS_MODEL = ("the browser refused the model files' response: the server hosting them (a bucket, a CDN, another port) "
              "sends no Access-Control-Allow-Origin for the page's origin, so the app cannot load the model from there")
STATUS_MODEL = ("the server answered the model file's URL with an error status (404: nothing served at that path): the "
                "model is not served where the app asks")

# ------------------------------------------------------------------------------------------------ rows

V8_ROWS = [
    Row("Unexpected token '<', \"{context}\"... is not valid JSON",
        r"Unexpected token '(?P<token><)', ?(?:\.\.\.)?\"[^\n]{0,60}? is not valid JSON",
        src(V8_NEW, "src/common/message-template.h", "kJsonParseUnexpectedTokenShortString / StartStringWithContext / "
            "SurroundStringWithContext / EndStringWithContext, the token '<'"), "savedmodel_not_found",
        "JSON.parse (V8: Chrome, Edge, Node >= 20) met '<' where JSON starts: the text is an HTML (or XML) page — "
        "the URL the code fetched as JSON answered with the web app's index.html, a 404 or login page; when a model is "
        "loaded, its model.json is not served at that URL", HTML_FIX,
        "Error while loading the model : SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON",
        "web_json"),
    Row("Unexpected token '{token}', \"{context}\"... is not valid JSON",
        r"Unexpected token '(?P<token>[^'<\n]{1,8})', ?(?:\.\.\.)?\"[^\n]{0,60}? is not valid JSON",
        src(V8_NEW, "src/common/message-template.h", "kJsonParseUnexpectedToken*String*"), "json_parse_error",
        "JSON.parse (V8) met a token where JSON cannot have it: the text parsed is not JSON (a Git LFS pointer, "
        "'[object Object]', a JavaScript literal, a truncated or hand-built body)", JS_JSON_FIX,
        "SyntaxError: Unexpected token 'v', \"version ht\"... is not valid JSON", "web_json"),
    Row("Unexpected token < in JSON at position {n}",
        r"Unexpected token (?P<token><) in JSON at position (?P<offset>\d{1,10})",
        src(V8_OLD, "src/common/message-template.h", "kJsonParseUnexpectedToken, the token '<'"),
        "savedmodel_not_found",
        "JSON.parse (V8 before Chrome 105 / Node 20) met '<' where JSON starts: the text is an HTML page — the URL "
        "fetched as JSON (a model's model.json) answered with the web app's page or a 404 page", HTML_FIX,
        "Uncaught (in promise) SyntaxError: Unexpected token < in JSON at position 0", "web_json"),
    Row("Unexpected token {token} in JSON at position {n}",
        r"Unexpected token (?P<token>[^<\s]{1,4}) in JSON at position (?P<offset>\d{1,10})",
        src(V8_OLD, "src/common/message-template.h", "kJsonParseUnexpectedToken"), "json_parse_error",
        "JSON.parse (V8 before Chrome 105 / Node 20) met a token where JSON cannot have it: the text parsed is not "
        "JSON", JS_JSON_FIX, "SyntaxError: Unexpected token o in JSON at position 1", "web_json"),
    Row("Unexpected end of JSON input",
        r"Unexpected end of JSON input",
        src(V8_NEW, "src/common/message-template.h", "kJsonParseUnexpectedEOS (the same in older V8)"),
        "json_parse_error",
        "JSON.parse (V8) got an empty or cut text: a response with no body (a 204, a 404 with an empty body, a "
        "download cut short) or an empty file", JS_JSON_FIX, "SyntaxError: Unexpected end of JSON input", "web_json"),
    Row("{reason} in JSON at position {n} (line {l} column {c})",
        r"(?P<reason>Unterminated string|Expected property name or '\}'|Expected ',' or '\]' after array element|"
        r"Expected ',' or '\}' after property value|Expected double-quoted property name|Exponent part is missing a "
        r"number|Expected ':' after property name|Unterminated fractional number|Bad escaped character|Bad control "
        r"character in string literal|Bad Unicode escape|No number after minus sign|Unexpected number|Unexpected "
        r"string) in JSON at position (?P<offset>\d{1,10})",
        src(V8_NEW, "src/common/message-template.h",
            "kJsonParseUnterminatedString ... kJsonParseUnexpectedTokenString"),
        "json_parse_error",
        "JSON.parse (V8) found the text broken at that position: not valid JSON (single quotes, a trailing comma, NaN, "
        "a cut or hand-built text)", JS_JSON_FIX,
        "SyntaxError: Expected property name or '}' in JSON at position 1 (line 1 column 2)", "web_json"),
    Row("Unexpected non-whitespace character after JSON at position {n} (line {l} column {c})",
        r"Unexpected non-whitespace character after JSON at position (?P<offset>\d{1,10})",
        src(V8_NEW, "src/common/message-template.h", "kJsonParseUnexpectedNonWhiteSpaceCharacter"),
        "json_parse_error",
        "JSON.parse (V8) read a whole JSON value and found more text after it: two documents in one (JSON lines read "
        "as one document, responses concatenated) or a stray character", JS_JSON_FIX,
        "SyntaxError: Unexpected non-whitespace character after JSON at position 14 (line 1 column 15)", "web_json"),
]

ENGINE_ROWS = [
    Row("JSON.parse: {reason} at line {line} column {column} of the JSON data",
        r"JSON\.parse: (?P<reason>[a-z][a-z ',:\]}{]{2,80}?) at line (?P<line>\d{1,7}) column (?P<column>\d{1,7}) of "
        r"the JSON data",
        MDN_JSON + " (Firefox / SpiderMonkey: js.msg JSMSG_JSON_BAD_PARSE 'JSON.parse: {0} at line {1} column {2} of "
        "the JSON data')", "json_parse_error",
        "JSON.parse (Firefox) could not read the text as JSON; 'unexpected character at line 1 column 1' is a text "
        "that is no JSON at all from its first character — an HTML page where JSON (a model.json) was expected",
        JS_JSON_FIX, "SyntaxError: JSON.parse: unexpected character at line 1 column 1 of the JSON data", "web_json"),
    Row("JSON Parse error: Unrecognized token '<'",
        r"JSON Parse error: Unrecognized token '(?P<token><)'",
        src(WEBKIT, "Source/JavaScriptCore/runtime/LiteralParser.cpp", "Lexer::lex, 'Unrecognized token '%c''; "
            "Safari prefixes 'JSON Parse error: '"), "savedmodel_not_found",
        "JSON.parse (Safari / JavaScriptCore, React Native's JSC) met '<' where JSON starts: the text is an HTML "
        "page — the URL fetched as JSON (a model's model.json) answered with the web app's page or a 404 page",
        HTML_FIX, "SyntaxError: JSON Parse error: Unrecognized token '<'", "web_json"),
    Row("JSON Parse error: Unrecognized token '{token}'",
        r"JSON Parse error: Unrecognized token '(?P<token>[^'<\n]{1,4})'",
        src(WEBKIT, "Source/JavaScriptCore/runtime/LiteralParser.cpp", "Lexer::lex"), "json_parse_error",
        "JSON.parse (Safari / JavaScriptCore) met a character no JSON starts a token with: the text is not JSON",
        JS_JSON_FIX, "SyntaxError: JSON Parse error: Unrecognized token 'v'", "web_json"),
]

FETCH_ROWS = [
    Row("TypeError: fetch failed (cause: Error: not implemented... yet...)",
        r"not implemented\.\.\. ?yet\.\.\.",
        src(UNDICI, "lib/web/fetch/index.js:994", "schemeFetch, case 'file:'; fetch() rejects with TypeError('fetch "
            "failed', {cause}) at :271"), "savedmodel_not_found",
        "Node's built-in fetch (undici) was given a file:// URL, which it does not read: a model path went to "
        "TensorFlow.js' HTTP loader (no file loader registered: @tensorflow/tfjs without tfjs-node, or a path that "
        "is not a model.json)", NODE_FILE_FIX,
        "TypeError: fetch failed\n    at Object.fetch (node:internal/deps/undici/undici:11118:11) {\n  cause: Error: "
        "not implemented... yet...\n      at makeNetworkError (node:internal/deps/undici/undici:9273:35)"),
    Row("TypeError: Failed to parse URL from {url}",
        r"Failed to parse URL from (?P<url>[^\s'\"]{1,300})",
        src(UNDICI, "lib/web/fetch/request.js:143", "new Request(input): a relative or malformed URL"), None,
        "Node's fetch (undici) was given something that is not an absolute URL (a relative path such as "
        "./model/model.json has no page to resolve against in Node): not about the request or model unless a "
        "model was being loaded by that path", NODE_URL_FIX,
        "TypeError: Failed to parse URL from ./model/model.json\n    at Object.fetch (node:internal/deps/undici/"
        "undici:11576:11) {\n  [cause]: TypeError [ERR_INVALID_URL]: Invalid URL", "web_fetch",
        "a model path was given to Node's fetch as a relative path, which Node cannot resolve: the model is not "
        "loaded from where it is"),
    Row("TypeError: Failed to fetch",
        r"TypeError:? ?Failed to fetch\b(?! model)",
        NETWORK_ERRORS, None,
        "the browser's fetch (Chrome) got no response at all (server not reachable, wrong host or port, CORS, an "
        "http:// URL from an https page, blocked by an extension): a network failure, not about the request or "
        "model unless a model's files were being fetched", FETCH_LOAD_FIX,
        "Uncaught (in promise) TypeError: Failed to fetch", "web_fetch", NO_RESPONSE_MODEL),
    Row("TypeError: NetworkError when attempting to fetch resource.",
        r"NetworkError when attempting to fetch resource",
        NETWORK_ERRORS + "; " + src(UNDICI, "lib/web/fetch/index.js:848"), None,
        "fetch (Firefox; undici for a blob: URL) got no response at all: a network failure (server not reachable, "
        "CORS, mixed content), not about the request or model unless a model's files were being fetched",
        FETCH_LOAD_FIX,
        "TypeError: NetworkError when attempting to fetch resource.", "web_fetch", NO_RESPONSE_MODEL),
    Row("TypeError: Network request failed",
        r"TypeError:? ?Network request failed",
        NETWORK_ERRORS, None,
        "the fetch polyfill of React Native / whatwg-fetch got no response at all (an emulator's localhost is not the "
        "host machine, cleartext http blocked on Android / iOS): not about the request or model unless a model's "
        "files were being fetched", FETCH_LOAD_FIX, "[TypeError: Network request failed]", "web_fetch",
        NO_RESPONSE_MODEL),
    Row("Access to {kind} at '{url}' from origin '{origin}' has been blocked by CORS policy: {reason}",
        r"Access to (?P<kind>[\w ]{1,30}) at '(?P<url>[^'\n]{1,300})' (?:\(redirected from '[^'\n]{1,300}'\) )?from "
        r"origin '(?P<origin>[^'\n]{1,200})' has been blocked by CORS policy",
        src(CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc", "GetErrorString"),
        None,
        "Chrome refused a cross-origin response (the server sends no Access-Control-Allow-Origin for the page's "
        "origin): a hosting / server setting, not about the request or model unless a model's files were being fetched",
        CORS_FIX,
        "Access to fetch at 'https://storage.googleapis.com/my-bucket/model/model.json' from origin "
        "'http://localhost:3000' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present "
        "on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to "
        "fetch the resource with CORS disabled.", "web_fetch", CORS_MODEL),
    Row("Cross origin requests are only supported for protocol schemes: {schemes}.",
        r"Cross origin requests are only supported for protocol schemes",
        src(CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc",
            "CorsError::kCorsDisabledScheme"), None,
        "Chrome fetches no file:// URL from a page: the page was opened from the disk, so the model files it loads "
        "by relative path cannot be fetched: not about the request or model unless a model was being loaded",
        FILE_PAGE_FIX,
        "Access to XMLHttpRequest at 'file:///C:/app/model/model.json' from origin 'null' has been blocked by CORS "
        "policy: Cross origin requests are only supported for protocol schemes: http, data, chrome, https.",
        "web_fetch",
        "the page was opened from the disk (file://), where the browser fetches no model files: the model is not "
        "served to the app"),
    Row("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. "
        "(Reason: {reason}).",
        r"The Same Origin Policy disallows reading the remote resource at (?P<url>[^\s]{1,300})",
        MDN_CORS, None,
        "Firefox refused a cross-origin response (the server sends no CORS headers for the page's origin): a hosting "
        "/ server setting, not about the request or model unless a model's files were being fetched", CORS_FIX,
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at "
        "https://storage.googleapis.com/my-bucket/model/model.json. (Reason: CORS header 'Access-Control-Allow-Origin' "
        "missing). Status code: 200.", "web_fetch", CORS_MODEL),
    Row("No 'Access-Control-Allow-Origin' header is present on the requested resource.",
        r"No 'Access-Control-Allow-Origin' header is present on the requested resource",
        src(CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc",
            "CorsError::kMissingAllowOriginHeader; older Chrome: 'XMLHttpRequest cannot load URL. No ...'"), None,
        "Chrome refused a cross-origin response without an Access-Control-Allow-Origin header: a hosting / server "
        "setting, not about the request or model unless a model's files were being fetched", CORS_FIX,
        "XMLHttpRequest cannot load https://example.com/model/model.json. No 'Access-Control-Allow-Origin' header is "
        "present on the requested resource. Origin 'http://localhost:8080' is therefore not allowed access.",
        "web_fetch", CORS_MODEL),
    Row("Http failure during parsing for {url}",
        r"Http failure during parsing for (?P<html_fallback>(?P<url>[^\s]{1,300}))",
        src(ANGULAR, "packages/common/http/src/response.ts", "HttpErrorResponse: a 2xx response whose body did not "
            "parse"), None,
        "Angular's HttpClient got a success status but a body it could not parse as JSON: most often the app's "
        "index.html, which Angular's dev server and SPA hosting answer for any path they do not serve: not about "
        "the request or model unless a model's files or a prediction were fetched", HTML_FIX,
        "HttpErrorResponse {headers: HttpHeaders, status: 200, statusText: 'OK', url: "
        "'http://localhost:4200/model/model.json', ok: false, name: 'HttpErrorResponse', message: 'Http failure "
        "during parsing for http://localhost:4200/model/model.json'}", "web_json"),
    Row("Http failure response for {url}: {status} {statusText}",
        r"Http failure response for (?P<url>[^\s]{1,300}?):? (?P<status>\d{1,3}) ",
        src(ANGULAR, "packages/common/http/src/response.ts", "HttpErrorResponse: an error status (0: no response "
            "at all)"), None,
        "Angular's HttpClient got an error status (0 Unknown Error: no response at all — server down, CORS): not "
        "about the request or model unless a model's files were fetched", FETCH_LOAD_FIX,
        "Http failure response for http://localhost:4200/assets/model/model.json: 404 Not Found", "web_fetch",
        STATUS_MODEL),
    Row("AxiosError: Network Error",
        r"\b(?:AxiosError|Error):? Network Error\b",
        src(AXIOS, "lib/adapters/xhr.js:110", "AxiosError.ERR_NETWORK; the same in lib/adapters/fetch.js:218"), None,
        "axios got no response at all (server not reachable, CORS, an http:// URL from an https page, an emulator's "
        "localhost): not about the request or model unless a model's files were fetched", FETCH_LOAD_FIX,
        "AxiosError: Network Error\n    at XMLHttpRequest.handleError (xhr.js:110:14)", "web_fetch",
        NO_RESPONSE_MODEL),
    Row("timeout of {ms}ms exceeded",
        r"\btimeout of (?P<timeout_ms>\d{1,9})ms exceeded\b",
        src(AXIOS, "lib/adapters/http.js:652", "the request's timeout: AxiosError ECONNABORTED (ETIMEDOUT with "
            "transitional.clarifyTimeoutError); the same in lib/adapters/xhr.js:118"), "client_timeout",
        "axios gave up after its own timeout (config.timeout) before the server answered: the client's deadline is "
        "shorter than the prediction takes (a large batch, a cold model, a slow machine)",
        "Give the call a timeout above the prediction's latency (axios.post(url, body, {timeout: 30000}); 0 waits "
        "forever), and send smaller batches or warm the model up if the latency itself is the problem",
        "AxiosError: timeout of 2000ms exceeded\n    at RedirectableRequest.handleRequestTimeout "
        "(/app/node_modules/axios/dist/node/axios.cjs:3216:16) {\n  code: 'ECONNABORTED'"),
    Row("Request failed with status code {status}",
        r"Request failed with status code (?P<status>\d{3})",
        src(AXIOS, "lib/core/settle.js:20", "settle"), None,
        "axios got an HTTP error status: not about the request or model unless a model's files were fetched (a "
        "model server's own error is in the response body, which axios keeps in error.response.data)",
        FETCH_LOAD_FIX, "AxiosError: Request failed with status code 404 (GET /static/model/model.json)",
        "web_fetch", STATUS_MODEL),
]

STORAGE_ROWS = [
    Row("Failed to execute 'setItem' on 'Storage': Setting the value of '{key}' exceeded the quota.",
        r"Setting the value of '(?P<key>[^'\n]{1,300})' exceeded the quota",
        src(CHROMIUM_STORAGE, "third_party/blink/renderer/modules/storage/storage_area.cc", "StorageArea::setItem, "
            "DOMExceptionCode::kQuotaExceededError"), "model_too_large",
        "the browser's localStorage refused a value larger than the space left for the origin (about 5 MB of text): "
        "a model saved to localstorage:// (tensorflowjs_models/...) does not fit", STORAGE_FIX,
        "Uncaught (in promise) DOMException: Failed to execute 'setItem' on 'Storage': Setting the value of "
        "'tensorflowjs_models/my-model/model_topology' exceeded the quota.", "web_storage"),
    Row("QuotaExceededError",
        r"\bQuotaExceededError\b",
        MDN_QUOTA, "model_too_large",
        "a web storage (localStorage, IndexedDB, the Cache API) refused data larger than the quota it gives the "
        "origin: a model saved or cached in the browser does not fit", STORAGE_FIX,
        "QuotaExceededError: The quota has been exceeded.", "web_storage"),
    Row("NS_ERROR_DOM_QUOTA_REACHED",
        r"NS_ERROR_DOM_QUOTA_REACHED",
        MDN_QUOTA + "; Firefox's legacy name of the same DOMException", "model_too_large",
        "Firefox's storage refused data larger than the origin's quota: a model saved to localStorage does not fit",
        STORAGE_FIX, "NS_ERROR_DOM_QUOTA_REACHED: Persistent storage maximum size reached", "web_storage"),
    Row("Failed to save model '{path}' to local storage: size quota being exceeded is a possible cause of this "
        "failure: modelTopologyBytes={n}, weightSpecsBytes={n}, weightDataBytes={n}.",
        r"Failed to save model '(?P<path>[^'\n]{1,300})' to local storage: ?size quota being exceeded",
        src(TFJS, "tfjs-core/src/io/local_storage.ts:220", "BrowserLocalStorage.save"), "model_too_large",
        "model.save('localstorage://...') could not write the model: localStorage holds about 5 MB of text per "
        "origin, and the weights are stored base64-encoded", STORAGE_FIX,
        "Error: Failed to save model 'my-model' to local storage: size quota being exceeded is a possible cause of "
        "this failure: modelTopologyBytes=29810, weightSpecsBytes=5421, weightDataBytes=17091456.", "web_storage"),
    Row("Failed to save model '{path}' to local storage. Error info {err}",
        r"Failed to save model '(?P<path>[^'\n]{1,300})' to local storage\.\s{0,40}Error info",
        src(TFJS_WECHAT, "src/plugin/utils/local_storage.ts:116", "LocalStorageHandler.save (wx.setStorage)"),
        "model_too_large",
        "tfjs-wechat's localStorageIO could not write the model to the mini-program's storage, which holds 10 MB in "
        "all (its README): the model is too large for it", STORAGE_FIX,
        "Error: Failed to save model 'mobilenet' to local storage.\n            Error info Error: APP-SERVICE-SDK:"
        "setStorageSync:fail exceed storage max size 10Mb", "web_storage"),
    Row("{setStorage|setStorageSync}:fail exceed storage max size {n}Mb",
        r"[sS]et[sS]torage(?:Sync)?:fail:? ?exceed storage (?:max size|item max length)",
        WECHAT_DOC, "model_too_large",
        "a WeChat mini-program's storage refused the data: it holds 10 MB per mini-program (1 MB per key)",
        STORAGE_FIX, "Error: APP-SERVICE-SDK:setStorageSync:fail exceed storage max size 10Mb", "web_storage"),
    Row("Failed to save model '{path}' to AsyncStorage. Error info {err}",
        r"Failed to save model '(?P<path>[^'\n]{1,300})' to AsyncStorage",
        src(TFJS, "tfjs-react-native/src/async_storage_io.ts:90", "AsyncStorageHandler.save"), "model_too_large",
        "tfjs-react-native's asyncStorageIO could not write the model: React Native's AsyncStorage is capped (6 MB "
        "by default on Android) and the weights are stored base64-encoded", STORAGE_FIX,
        "Error: Failed to save model 'my-model' to AsyncStorage.\n            Error info Error: database or disk is "
        "full (code 13 SQLITE_FULL)", "web_storage"),
    Row("In local storage, there is no model with name '{path}'",
        r"In local storage, there is no model with name '(?P<path>[^'\n]{1,300})'",
        src(TFJS, "tfjs-react-native/src/async_storage_io.ts:136", "AsyncStorageHandler.load; the same in "
            "tfjs-core/src/io/local_storage.ts:243 and tfjs-wechat's local_storage.ts"), "savedmodel_not_found",
        "the model was loaded from a storage key (localstorage:// / asyncStorageIO / the WeChat plugin) under which "
        "nothing was saved", SAVED_FIRST_FIX, "Error: In local storage, there is no model with name 'my-model'"),
    Row("Cannot find model with path '{path}' in IndexedDB.",
        r"Cannot find model with path '(?P<path>[^'\n]{1,300})' in IndexedDB",
        src(TFJS, "tfjs-core/src/io/indexed_db.ts:147", "BrowserIndexedDB.databaseAction"), "savedmodel_not_found",
        "tf.loadLayersModel('indexeddb://...') found nothing saved under that name in this browser's IndexedDB for "
        "this origin", SAVED_FIRST_FIX, "Error: Cannot find model with path 'my-model' in IndexedDB."),
    Row("In local storage, the binary weight values of model '{path}' are missing.",
        r"In local storage, the binary weight values of model '(?P<path>[^'\n]{1,300})' are missing",
        src(TFJS, "tfjs-react-native/src/async_storage_io.ts:153", "AsyncStorageHandler.load; the same in "
            "tfjs-core/src/io/local_storage.ts:300"), "variables_not_restored",
        "the storage holds the model's topology but not its weights (a save that failed half-way, most often "
        "because the weights did not fit)",
        "Save the model again (the weights are the large part: if the save failed for size, save to IndexedDB or the "
        "file system instead), then load it",
        "Error: In local storage, the binary weight values of model 'my-model' are missing."),
]

RN_ROWS = [
    Row("modelJson must be a JavaScript object (and not a string). Have you wrapped your asset path in a require() "
        "statement?",
        r"modelJson must be a JavaScript object \(and not a string\)",
        src(TFJS, "tfjs-react-native/src/bundle_resource_io.ts:172", "bundleResourceIO"), "savedmodel_not_found",
        "bundleResourceIO was given the model.json's path as a string: it takes the JSON module the bundler made of "
        "it (require('./model.json'))", RN_BUNDLE_FIX,
        "Error: modelJson must be a JavaScript object (and not a string).\nHave you wrapped your asset path in a "
        "require() statement?"),
    Row("modelWeightsID must be a number or number array. Have you wrapped your asset paths in a require() "
        "statements?",
        r"modelWeightsID must be a number or number array",
        src(TFJS, "tfjs-react-native/src/bundle_resource_io.ts:178", "bundleResourceIO"), "savedmodel_not_found",
        "bundleResourceIO was given the weight file's path as a string: it takes the asset id the bundler made of it "
        "(require('./group1-shard1of1.bin'))", RN_BUNDLE_FIX,
        "Error: modelWeightsID must be a number or number array.\nHave you wrapped your asset paths in a require() "
        "statements?"),
    Row("Must pass the model json object and the model weights path.",
        r"Must pass the model json object and the model weights path",
        src(TFJS, "tfjs-react-native/src/bundle_resource_io.ts:29", "BundleResourceHandler"), "savedmodel_not_found",
        "bundleResourceIO got no model JSON or no weights (a require() that gave undefined)", RN_BUNDLE_FIX,
        "Error: Must pass the model json object and the model weights path."),
    Row("Error reading resource {file}. Make sure the file is in located in the res/raw folder of the bundle",
        r"Error reading resource (?P<path>[^\s]{1,300}?)\.? ?Make sure the file is\s{0,40}in located in the res/raw "
        r"folder",
        src(TFJS, "tfjs-react-native/src/bundle_resource_io.ts:110", "loadLocalAsset, Android release build"),
        "savedmodel_not_found",
        "an Android release build could not read the model's weight file from the app's resources: the .bin was not "
        "bundled into res/raw", RN_BUNDLE_FIX,
        "Error: Error reading resource group1shard1of1.bin. Make sure the file is\n            in located in the "
        "res/raw folder of the bundle"),
]

NODE_ROWS = [
    Row("{Path|Topology Path|Weight Manifest Path} {path} does not exist: loading failed",
        r"(?:Path|Topology Path|Weight Manifest Path) (?P<path>[^\s]{1,300}) does not exist: ?loading failed",
        src(TFJS, "tfjs-node/src/io/file_system.ts:34", "doesNotExistHandler, NodeFileSystem.load"),
        "savedmodel_not_found",
        "tfjs-node's file:// loader found no file at the path it was given (a path relative to another working "
        "directory, a typo, the model not copied where the program runs)",
        "Give tfjs-node the absolute path of the model.json that exists where the program runs: "
        "tf.loadLayersModel('file://' + path.resolve(__dirname, 'model/model.json')) (the weight shards beside it)",
        "Error: Path /app/model/model.json does not exist: loading failed"),
    Row("Weight file {path} does not exist: loading failed",
        r"Weight file (?P<path>[^\s]{1,300}) does not exist: ?loading failed",
        src(TFJS, "tfjs-node/src/io/file_system.ts:34", "doesNotExistHandler, NodeFileSystem.loadWeights"),
        "variables_not_restored",
        "tfjs-node read model.json but not a weight shard it lists: the group*-shard*.bin files are not beside it "
        "under the names its weightsManifest gives",
        "Put every weight file model.json's weightsManifest lists (group1-shard1ofN.bin ...) in the same folder as "
        "model.json, with those exact names (convert again rather than rename)",
        "Error: Weight file /app/model/group1-shard1of1.bin does not exist: loading failed"),
    Row("The path to load from must be a file. Loading from a directory is not supported.",
        r"The path to load from must be a file\. ?Loading from a directory is not supported",
        src(TFJS, "tfjs-node/src/io/file_system.ts:178", "NodeFileSystem.loadJSONModel"), "savedmodel_not_found",
        "tfjs-node's file:// loader was given a directory: it loads the model.json file itself",
        "Give the path of model.json itself: tf.loadLayersModel('file://path/to/model/model.json') (not the folder)",
        "Error: The path to load from must be a file. Loading from a directory is not supported."),
    Row("Unable to resolve module {model file} from {origin}: {message}",
        r"Unable to resolve module [`'\"]?(?P<path>[^\s`'\"]{1,300}\.(?:bin|tflite|pb|onnx|h5))[`'\"]? from",
        src(METRO, "packages/metro/src/node-haste/DependencyGraph/ModuleResolution.js:311", "UnableToResolveError; "
            "the row reads it for a model file only"), "savedmodel_not_found",
        "React Native's bundler (metro) could not resolve a require() of the model's file: its extension is not "
        "among the asset extensions it bundles (or the path is wrong)",
        "Add the model's extension to metro's assets: in metro.config.js, config.resolver.assetExts.push('bin') (or "
        "'tflite'), restart the bundler with a clean cache (npx react-native start --reset-cache / npx expo start "
        "-c), and require the file by its path relative to the requiring file",
        "error: bundling failed: Error: Unable to resolve module `./assets/model/group1-shard1of1.bin` from "
        "`App.js`: None of these files exist"),
    Row("Based on the provided shape, [{k},{k},{in},{out}], the tensor should have {n} values but has {m}",
        r"Based on the provided shape, ?\[(?P<kh>[1-7]), ?(?P=kh), ?(?P<cin>\d{2,5}), ?(?P<cout>\d{2,5})\], ?"
        r"the tensor should have (?P<want>\d{1,12}) values but has (?P<got>\d{1,12})",
        src(TFJS, "tfjs-core/src/ops/tensor_ops_util.ts:62", "makeTensor; io_utils.ts decodeWeights builds each weight "
            "of the manifest with tensor(values, shape, dtype); the row reads it for a convolution kernel's shape"),
        "variables_not_restored",
        "a weight of the model (the shape is a convolution kernel [k, k, in, out], no input) got another number of "
        "values than the weights manifest gives it: the weight data loaded is not the model's — a shard missing "
        "(bundleResourceIO given one of several shard files), a truncated .bin, or another conversion's weights",
        "Load every weight shard model.json lists, in its order (bundleResourceIO(modelJson, [require('./group1-"
        "shard1of3.bin'), require('./group1-shard2of3.bin'), ...])), or convert again into one weight file "
        "(tensorflowjs_converter --weight_shard_size_bytes larger than the model); never mix a model.json with "
        "another conversion's .bin files",
        "[Error: Based on the provided shape, [1,1,160,960], the tensor should have 153600 values but has 107172]",
        "web_weights"),
    Row("Requested texture size [{w}x{h}] greater than WebGL maximum on this browser / GPU [{max}x{max}].",
        r"Requested texture size \[(?P<width>\d{1,9})x(?P<height>\d{1,9})\] greater than WebGL maximum on this "
        r"browser ?/ ?GPU",
        src(TFJS, "tfjs-backend-webgl/src/webgl_util.ts:216", "validateTextureSize"), "model_too_large",
        "TensorFlow.js' WebGL backend needs a texture larger than this GPU allows for a tensor: most often an input "
        "image far larger than the model's input (a camera frame or photo not resized), or a layer too large for "
        "the device",
        "Resize inputs to the model's input size before predict (tf.image.resizeBilinear(img, [h, w]), or a smaller "
        "canvas), run one image at a time; on a device whose GPU caps textures lower, use the wasm or cpu backend "
        "(await tf.setBackend('wasm'))",
        "Error: Requested texture size [8192x11264] greater than WebGL maximum on this browser / GPU [8192x8192]."),
    Row("Failed to compile fragment shader.",
        r"Failed to compile fragment shader",
        src(TFJS, "tfjs-backend-webgl/src/webgl_util.ts:106", "createFragmentShader"), None,
        "TensorFlow.js' WebGL backend could not compile a shader on this browser / GPU / driver (a WebGL 1 device, a "
        "mobile GPU, a shader too large for it): the device, not about the request or model",
        None, "Error: Failed to compile fragment shader."),
    Row("Backend name '{name}' not found in registry",
        r"Backend name '(?P<backend>[^'\n]{1,40})' not found in registry",
        src(TFJS, "tfjs-core/src/engine.ts:276", "Engine.setBackend"), None,
        "tf.setBackend() named a backend that was never imported (@tensorflow/tfjs-backend-wasm, -webgpu, "
        "tfjs-node's 'tensorflow'): an installation / import problem, not about the request or model", None,
        "Error: Backend name 'wasm' not found in registry"),
    Row("Failed to register Webgl backend: {message}",
        r"Failed to register Webgl backend",
        src(TFJS, "tfjs-react-native/src/platform_react_native.ts:274", "registerWebGLBackend"), None,
        "tfjs-react-native could not set up its WebGL backend (expo-gl missing or not linked, a device without "
        "GLES 3): an installation / device problem, not about the request or model", None,
        "Error: Failed to register Webgl backend: Cannot read property 'createContextAsync' of undefined"),
    Row("Expected image (JPEG, PNG, or GIF), but got unsupported image type",
        r"Expected image \(JPEG, PNG, or GIF\), but got unsupported image type",
        src(TFJS, "tfjs-react-native/src/decode_image.ts:87", "decodeJpeg's image-type sniffing"),
        "encoded_image_string_mismatch",
        "tfjs-react-native's decodeJpeg was given bytes that are not a JPEG / PNG / GIF / BMP file (a base64 string "
        "or data: URI not turned into bytes, a file read as text, a HEIC photo)",
        "Give decodeJpeg the raw bytes of the image file: read it as base64 (expo-file-system / react-native-fs), "
        "then new Uint8Array(tf.util.encodeString(b64, 'base64').buffer) — no 'data:image/...;base64,' prefix; "
        "convert HEIC photos to JPEG first",
        "Error: Expected image (JPEG, PNG, or GIF), but got unsupported image type"),
]

KERASJS_ROWS = [
    # predict()'s two input checks and 'Layer X ... is not implemented!' are in explain_index_clients (Keras.js 1.0)
    Row("[Model] error loading weights.",
        r"\[Model\] error loading weights",
        src(KERASJS_03, "src/Model.js:337", "Model._createLayers, a layer's weight name not in the weights file"),
        "variables_not_restored",
        "the Keras.js weights file has no weights of a layer's name: the weights and model files come from different "
        "encodings (another model, or a Keras that names weights otherwise)",
        "Encode the model again with the encoder of the Keras.js version that loads it (python encoder.py model.h5), "
        "from one .h5 saved with model.save (architecture and weights together), and serve the files it writes "
        "together",
        "Error: [Model] error loading weights."),
    Row("[Model] Invalid model - check protobuf serialization: {err}",
        r"\[Model\] Invalid model - check protobuf serialization",
        src(KERASJS_10, "src/Model.js:238", "Model._decodeProtobuf"), "savedmodel_not_found",
        "the file Keras.js 1.0 loaded is not its protobuf model (an .h5 given as it is, a Keras.js 0.x JSON, or an "
        "HTML page served at that URL)",
        "Give Keras.js 1.0 the .bin its encoder writes (python encoder.py -q model.h5), at a URL that serves that "
        "file; Keras.js 0.x files need Keras.js 0.x",
        "Error: [Model] Invalid model - check protobuf serialization: {err}"),
    Row("File paths must be declared for model, weights, and metadata.",
        r"File paths must be declared for model, weights, and metadata",
        src(KERASJS_03, "src/Model.js:42", "Model constructor"), "savedmodel_not_found",
        "a Keras.js 0.x model was created without the paths of its three files",
        "Create the model with filepaths: {model: 'model.json', weights: 'model_weights.buf', metadata: "
        "'model_metadata.json'} (the files Keras.js' encoder writes)",
        "Error: File paths must be declared for model, weights, and metadata."),
    Row("input tensor shape {shape} does not match specified shape {shape}.",
        r"input tensor shape (?P<got_shape>[\d,]{1,80}) does not match specified shape (?P<want_shape>[\d,]{1,80})",
        src(KERASJS_03, "src/layers/InputLayer.js", "InputLayer.call; 1.0 prefixes '[InputLayer layer: NAME]'"),
        "input_shape_mismatch",
        "a Keras.js model's input layer got data of another shape than the model's input (the flat Float32Array's "
        "length is read in the input layer's shape)",
        "Give each input a Float32Array of exactly the input layer's size (the product of its shape, e.g. 28*28*1 "
        "values for (28, 28, 1)), resized and with the channel count of the training images",
        "Error: [InputLayer] input tensor shape 784,3 does not match specified shape 28,28,1."),
]

LOADER_ROWS = [
    Row("Error loading model from URL {url}: {error}",
        r"Error loading model from URL (?P<url>[^\s]{1,300}): ",
        src(ML5, "src/utils/modelLoader.js:116", "ModelLoader.loadLayersModel"), "savedmodel_not_found",
        "ml5 could not load the model.json at the URL it built from the model's address (the folder URL + "
        "'model.json'); the error after the colon says why (an HTML page, a 404, CORS)",
        "Give ml5 the folder (or model.json URL) that really serves the model: for a Teachable Machine model its "
        "shareable link ending in '/' (…/models/ID/), for a local one the served folder holding model.json, "
        "metadata.json and weights.bin (the public / static folder); open URL + 'model.json' in the browser: it must "
        "show JSON",
        "Error: Error loading model from URL http://localhost:5500/model/model.json: SyntaxError: Unexpected token "
        "'<', \"<!DOCTYPE \"... is not valid JSON"),
    Row("Error loading {metadata|manifest}.json file from URL {url}: {error}",
        r"Error loading (?:metadata|manifest)\.json file from URL (?P<url>[^\s]{1,300}): ",
        src(ML5, "src/utils/modelLoader.js:100", "ModelLoader.loadMetadataJson; loadManifestJson at :87"),
        "savedmodel_not_found",
        "ml5 could not load the metadata.json (or manifest.json) it expects beside the model.json: the model's folder "
        "lacks it or is not served at that URL",
        "Serve the model's folder as its exporter wrote it (Teachable Machine / ml5 save: model.json, metadata.json, "
        "model.weights.bin together) and give ml5 that folder's URL; a model converted by hand has no metadata.json: "
        "load it with tf.loadLayersModel instead",
        "Error: Error loading metadata.json file from URL http://localhost:8080/my-model/metadata.json: AxiosError: "
        "Request failed with status code 404"),
    Row("Could not load the model. Make sure you are importing the model.min.js bundle.",
        r"Could not load the model\. ?Make sure you are importing the model\.min\.js bundle",
        src(NSFWJS, "src/core.ts:195", "loadModel"), "savedmodel_not_found",
        "nsfwjs could not load a bundled model by name: its model.min.js bundle is not imported (a bundler setup "
        "without nsfwjs' model files)",
        "Import the bundled model's files as nsfwjs' README says (the model.min.js and its weight bundles from "
        "nsfwjs/models), or host the model files and load them by URL: nsfwjs.load('/model/', {size: 224|299})",
        "Error: Could not load the model. Make sure you are importing the model.min.js bundle. Ref: "
        "https://github.com/infinitered/nsfwjs?tab=readme-ov-file#browserify"),
    Row("Could not load the weight data. Make sure you are importing the correct shard files from the models "
        "directory.",
        r"Could not (?:load|find) the weight data\. ?Make sure you are importing the correct",
        src(NSFWJS, "src/core.ts:173", "loadWeights; 'Could not find the weight data. Make sure you are importing "
            "the correct weight bundle' at :281"), "variables_not_restored",
        "nsfwjs loaded a bundled model's topology but not its weight shards (a shard file not imported, or from "
        "another model)",
        "Import every weight shard bundle of the chosen model from nsfwjs/models (group1-shard*of*.min.js, all of "
        "them), or host the model files and load them by URL",
        "Error: Could not load the weight data. Make sure you are importing the correct shard files from the models "
        "directory."),
    Row("Cannot find TensorFlow.js. If you are using a <script> tag, please also include @tensorflow/tfjs on the page "
        "before using this model.",
        r"Cannot find TensorFlow\.js\. ?If you are using a <script> tag",
        src(NSFWJS, "src/core.ts:219", "load"), None,
        "TensorFlow.js is not loaded on the page before nsfwjs (an installation / script-order problem): not about "
        "the request or model", None,
        "Error: Cannot find TensorFlow.js. If you are using a <script> tag, please also include @tensorflow/tfjs on "
        "the page before using this model."),
    Row("failed to fetch: ({status}) {statusText}, from url: {url}",
        r"failed to fetch: \((?P<status>\d{3})\) ?[^,\n]{0,60}, from url: ?(?P<url>[^\s]{1,300})",
        src(FACEAPI, "src/dom/fetchOrThrow.ts:11", "fetchOrThrow, used by loadFromUri / fetchImage"), None,
        "face-api.js got an HTTP error status for a URL it fetched (the weights manifest or a shard while a net "
        "loads, or an image): not about the request or model unless a model's files were being fetched", FETCH_LOAD_FIX,
        "Error: failed to fetch: (404) Not Found, from url: http://localhost:3000/models/"
        "ssd_mobilenetv1_model-weights_manifest.json", "web_fetch", STATUS_MODEL),
    Row("{net} - load model before inference",
        r"(?P<net>\w{1,60}) - load model before inference",
        src(FACEAPI, "src/faceFeatureExtractor/FaceFeatureExtractor.ts:22", "and each net's forwardInput"), None,
        "a face-api.js net was run before its weights finished loading (the load was not awaited, or that net was "
        "never loaded): the code's order: not about the request or model", None,
        "Error: SsdMobilenetv1 - load model before inference"),
]

ROWS = V8_ROWS + ENGINE_ROWS + FETCH_ROWS + STORAGE_ROWS + RN_ROWS + NODE_ROWS + KERASJS_ROWS + LOADER_ROWS

QUOTES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # template -> (repo, commit, file, pieces of the source text the row's literals come from)
    V8_ROWS[0].template: (*V8_NEW, "src/common/message-template.h",
                          ("\"Unexpected token '%', \\\"%\\\"... is not valid JSON\"",)),
    V8_ROWS[1].template: (*V8_NEW, "src/common/message-template.h",
                          ("\"Unexpected token '%', ...\\\"%\\\"... is not valid JSON\"",)),
    V8_ROWS[2].template: (*V8_OLD, "src/common/message-template.h",
                          ("T(JsonParseUnexpectedToken, \"Unexpected token % in JSON at position %\")",)),
    V8_ROWS[3].template: (*V8_OLD, "src/common/message-template.h",
                          ("T(JsonParseUnexpectedToken, \"Unexpected token % in JSON at position %\")",)),
    V8_ROWS[4].template: (*V8_NEW, "src/common/message-template.h",
                          ("T(JsonParseUnexpectedEOS, \"Unexpected end of JSON input\")",)),
    V8_ROWS[5].template: (*V8_NEW, "src/common/message-template.h",
                          ("\"Expected property name or '}' in JSON at position % (line % column %)\"",
                           "\"Unterminated string in JSON at position % (line % column %)\"")),
    V8_ROWS[6].template: (*V8_NEW, "src/common/message-template.h",
                          ("\"Unexpected non-whitespace character after JSON at position \"",)),
    ENGINE_ROWS[1].template: (*WEBKIT, "Source/JavaScriptCore/runtime/LiteralParser.cpp",
                              ("String::format(\"Unrecognized token '%c'\", *m_ptr)",)),
    ENGINE_ROWS[2].template: (*WEBKIT, "Source/JavaScriptCore/runtime/LiteralParser.cpp",
                              ("String::format(\"Unrecognized token '%c'\", *m_ptr)",)),
    FETCH_ROWS[0].template: (*UNDICI, "lib/web/fetch/index.js",
                             ("makeNetworkError('not implemented... yet...')",
                              "p.reject(new TypeError('fetch failed', { cause: response.error }))")),
    FETCH_ROWS[1].template: (*UNDICI, "lib/web/fetch/request.js",
                             ("throw new TypeError('Failed to parse URL from ' + input, { cause: err })",)),
    FETCH_ROWS[3].template: (*UNDICI, "lib/web/fetch/index.js",
                             ("makeNetworkError('NetworkError when attempting to fetch resource.')",)),
    FETCH_ROWS[5].template: (*CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc",
                             ("\"' has been blocked by CORS policy: \"", "Append(builder, {\"from origin '\"")),
    FETCH_ROWS[6].template: (*CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc",
                             ("{\"Cross origin requests are only supported for protocol schemes: \",",)),
    STORAGE_ROWS[0].template: (*CHROMIUM_STORAGE, "third_party/blink/renderer/modules/storage/storage_area.cc",
                               ("\"Setting the value of '\" + key + \"' exceeded the quota.\"",)),
    STORAGE_ROWS[3].template: (*TFJS, "tfjs-core/src/io/local_storage.ts",
                               ("`Failed to save model '${this.modelPath}' to local storage: ` +",
                                "`size quota being exceeded is a possible cause of this failure: ` +")),
    STORAGE_ROWS[4].template: (*TFJS_WECHAT, "src/plugin/utils/local_storage.ts",
                               ("`Failed to save model '${this.modelPath}' to local storage.",
                                "Error info ${err}`")),
    STORAGE_ROWS[5].template: (*TFJS_WECHAT, "README.md", ("微信小程序对于localStorage有10MB的限制",)),
    STORAGE_ROWS[6].template: (*TFJS, "tfjs-react-native/src/async_storage_io.ts",
                               ("`Failed to save model '${this.modelPath}' to AsyncStorage.",)),
    STORAGE_ROWS[7].template: (*TFJS, "tfjs-react-native/src/async_storage_io.ts",
                               ("`In local storage, there is no model with name '${this.modelPath}'`",)),
    STORAGE_ROWS[8].template: (*TFJS, "tfjs-core/src/io/indexed_db.ts",
                               ("`Cannot find model with path '${this.modelPath}' ` +", "`in IndexedDB.`")),
    STORAGE_ROWS[9].template: (*TFJS, "tfjs-react-native/src/async_storage_io.ts",
                               ("`In local storage, the binary weight values of model ` +",
                                "`'${this.modelPath}' are missing.`")),
    RN_ROWS[0].template: (*TFJS, "tfjs-react-native/src/bundle_resource_io.ts",
                          ("'modelJson must be a JavaScript object (and not a string).\\n' +",
                           "'Have you wrapped your asset path in a require() statement?'")),
    RN_ROWS[1].template: (*TFJS, "tfjs-react-native/src/bundle_resource_io.ts",
                          ("'modelWeightsID must be a number or number array.\\n' +",)),
    RN_ROWS[2].template: (*TFJS, "tfjs-react-native/src/bundle_resource_io.ts",
                          ("'Must pass the model json object and the model weights path.'",)),
    RN_ROWS[3].template: (*TFJS, "tfjs-react-native/src/bundle_resource_io.ts",
                          ("`Error reading resource ${fileName}. Make sure the file is",
                           "in located in the res/raw folder of the bundle`")),
    NODE_ROWS[0].template: (*TFJS, "tfjs-node/src/io/file_system.ts",
                            ("throw new Error(`${name} ${e.path} does not exist: loading failed`);",
                             "doesNotExistHandler('Topology Path')", "doesNotExistHandler('Weight Manifest Path')",
                             "doesNotExistHandler('Path')")),
    NODE_ROWS[1].template: (*TFJS, "tfjs-node/src/io/file_system.ts",
                            ("throw new Error(`${name} ${e.path} does not exist: loading failed`);",
                             "doesNotExistHandler('Weight file')")),
    NODE_ROWS[2].template: (*TFJS, "tfjs-node/src/io/file_system.ts",
                            ("'The path to load from must be a file. Loading from a directory ' +",
                             "'is not supported.'")),
    NODE_ROWS[3].template: (*METRO, "packages/metro/src/node-haste/DependencyGraph/ModuleResolution.js",
                            ("'Unable to resolve module %s from %s: %s',",)),
    NODE_ROWS[4].template: (*TFJS, "tfjs-core/src/ops/tensor_ops_util.ts",
                            ("`Based on the provided shape, [${shape}], the tensor should have ` +",)),
    FETCH_ROWS[9].template: (*ANGULAR, "packages/common/http/src/response.ts",
                             ("this.message = `Http failure during parsing for ${init.url || '(unknown url)'}`;",)),
    FETCH_ROWS[10].template: (*ANGULAR, "packages/common/http/src/response.ts",
                              ("this.message = `Http failure response for ${init.url || '(unknown url)'}: "
                               "${init.status} ${",)),
    FETCH_ROWS[11].template: (*AXIOS, "lib/adapters/xhr.js",
                              ("reject(new AxiosError('Network Error', AxiosError.ERR_NETWORK, config, request));",)),
    FETCH_ROWS[12].template: (*AXIOS, "lib/adapters/http.js",
                              ("'timeout of ' + config.timeout + 'ms exceeded' : 'timeout exceeded';",)),
    FETCH_ROWS[13].template: (*AXIOS, "lib/core/settle.js", ("'Request failed with status code ' + response.status,",)),
    NODE_ROWS[5].template: (*TFJS, "tfjs-backend-webgl/src/webgl_util.ts",
                            ("'Requested texture size ' + requested +",
                             "' greater than WebGL maximum on this browser / GPU ' + max + '.');")),
    NODE_ROWS[6].template: (*TFJS, "tfjs-backend-webgl/src/webgl_util.ts",
                            ("throw new Error('Failed to compile fragment shader.');",)),
    NODE_ROWS[7].template: (*TFJS, "tfjs-core/src/engine.ts",
                            ("throw new Error(`Backend name '${backendName}' not found in registry`);",)),
    NODE_ROWS[8].template: (*TFJS, "tfjs-react-native/src/platform_react_native.ts",
                            ("throw new Error(`Failed to register Webgl backend: ${e.message}`);",)),
    NODE_ROWS[9].template: (*TFJS, "tfjs-react-native/src/decode_image.ts",
                            ("'Expected image (JPEG, PNG, or GIF), but got unsupported image type');",)),
    FETCH_ROWS[8].template: (*CHROMIUM_CORS, "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc",
                             ("\"No 'Access-Control-Allow-Origin' header is present on the \"",
                              "\"requested resource.\"")),
    KERASJS_ROWS[0].template: (*KERASJS_03, "src/Model.js", ("`[Model] error loading weights.`",)),
    KERASJS_ROWS[1].template: (*KERASJS_10, "src/Model.js",
                               ("`[Model] Invalid model - check protobuf serialization: {err}`",)),
    KERASJS_ROWS[2].template: (*KERASJS_03, "src/Model.js",
                               ("'File paths must be declared for model, weights, and metadata.'",)),
    KERASJS_ROWS[3].template: (*KERASJS_03, "src/layers/InputLayer.js",
                               ("input tensor shape ${x.tensor.shape} does not match specified shape ${this.shape}.",)),
    LOADER_ROWS[0].template: (*ML5, "src/utils/modelLoader.js",
                              ("throw new Error(`Error loading model from URL ${url}: ${String(error)}`);",)),
    LOADER_ROWS[1].template: (*ML5, "src/utils/modelLoader.js",
                              ("`Error loading metadata.json file from URL ${this.metadataUrl}: ${String(error)}`",
                               "`Error loading manifest.json file from URL ${this.manifestUrl}: ${String(error)}`")),
    LOADER_ROWS[2].template: (*NSFWJS, "src/core.ts",
                              ("`Could not load the model. Make sure you are importing the model.min.js bundle.",)),
    LOADER_ROWS[3].template: (*NSFWJS, "src/core.ts",
                              ("`Could not load the weight data. Make sure you are importing the correct shard files "
                               "from the models directory.", "`Could not find the weight data. Make sure you are "
                               "importing the correct weight bundle for the model: ${path}.min.js.`")),
    LOADER_ROWS[4].template: (*NSFWJS, "src/core.ts",
                              ("`Cannot find TensorFlow.js. If you are using a <script> tag, please ` +",
                               "`also include @tensorflow/tfjs on the page before using this model.`")),
    LOADER_ROWS[5].template: (*FACEAPI, "src/dom/fetchOrThrow.ts",
                              ("`failed to fetch: (${res.status}) ${res.statusText}, from url: ${res.url}`",)),
    LOADER_ROWS[6].template: (*FACEAPI, "src/faceFeatureExtractor/FaceFeatureExtractor.ts",
                              ("'FaceFeatureExtractor - load model before inference'",)),
}
"""Rows read from documentation pages (MDN, the network-error list, WeChat's errMsg form) have no QUOTES."""


def check_quotes() -> int:
    """Every row's source pieces are in its file at its commit (rows whose mirror is absent are skipped); returns
    how many rows were checked."""
    checked = 0
    for row in ROWS:
        if row.template not in QUOTES:
            continue
        repo, commit, path, pieces = QUOTES[row.template]
        if f"github.com/{repo}@{commit} " not in row.source:
            raise SystemExit(f"{WHO}: {row.template!r} quotes {repo}@{commit} but names {row.source!r}")
        checked += quoted(WHO, repo, commit, path, pieces, mirror_text(repo, commit, path, WHO))
    return checked


def entries() -> list[dict]:
    check_quotes()
    out = []
    for row in ROWS:
        if row.category is None:
            e = entry(row.template, row.pattern, row.source, None, None, reading=row.text, decider=row.decider,
                      fix=row.fix)
            if row.decided:
                e["meaning"] = row.decided  # what it means when the decider reads it as the model's files
        else:
            e = entry(row.template, row.pattern, row.source, row.text, row.category, decider=row.decider, fix=row.fix)
        e["example"] = row.example
        out.append(e)
    return examples_match(out, WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} of {len(ROWS)} rows checked against their sources")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
