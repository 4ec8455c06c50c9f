"""Platform messages for the explain index: what a user meets around TF Serving, from the sources that print them.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* gRPC spoken to TF Serving's REST port (8501) and HTTP spoken to its gRPC port (8500): what grpc-core, grpc-go,
  grpc-js, grpc-java's netty, curl and Python's http.client print then.  The index reads them as the wrong port
  (a reading with the port in its fix: :data:`PORT`), not as a model problem;
* docker's own messages when running the tensorflow/serving image (bind mounts, ports, image platform) and the
  image's entrypoint defaults (MODEL_NAME=model, MODEL_BASE_PATH=/models), and TensorFlow's CPU feature guard;
* KServe's model server and controller, the SageMaker TensorFlow Serving
  container, the TensorFlow.js converter and tfjs-node, the Vertex AI SDK (google-cloud-aiplatform).

Each entry records the file and the commit (or release) of its source; the literal parts of each pattern are the
source's own text, every placeholder a bounded class (linear time, as the build script's docstring says).  Entries
that are not about the request or the model carry a ``reading`` instead of a category.
"""

from __future__ import annotations

import re
from pathlib import Path

from explain_build_index import NAME, SHAPE, TF, entry, lit

NOT_ABOUT = "not about the request or model"

# where each source was read (git mirrors fetched for #15; the commit each was read at)
GRPC_CORE = "github.com/grpc/grpc src/core/ext/transport/chttp2/transport/chttp2_transport.cc (try_http_parsing)"
GRPC_CORE_PARSING = "github.com/grpc/grpc src/core/ext/transport/chttp2/transport/parsing.cc (connect string check)"
GRPC_CORE_HTTP = "github.com/grpc/grpc src/core/ext/filters/http/client/http_client_filter.cc (non-200 :status)"
GRPC_GO = "github.com/grpc/grpc-go@4793ad047466 internal/transport/http2_client.go"
GRPC_JS = "github.com/grpc/grpc-node@2670b37a25dc packages/grpc-js/src/subchannel-call.ts"
NETTY = "github.com/netty/netty codec-http2 Http2ConnectionHandler.PrefaceDecoder.verifyFirstFrameIsSettings"
CURL = "github.com/curl/curl lib/http.c (HTTP/0.9 refused since curl 7.66)"
PY_HTTP = "github.com/python/cpython Lib/http/client.py (HTTPResponse._read_status: BadStatusLine)"
LLHTTP = "github.com/nodejs/llhttp src/llhttp/http.ts ('Expected HTTP/', HPE_INVALID_CONSTANT)"
MOBY = "github.com/moby/moby@b985e2313a86"
TFS_DOCKER = ("github.com/tensorflow/serving@9d981c5c2708 tensorflow_serving/tools/docker/Dockerfile (ENV MODEL_NAME=model, "
              "MODEL_BASE_PATH=/models; tf_serving_entrypoint.sh passes --model_base_path=${MODEL_BASE_PATH}/${MODEL_NAME})")
KSERVE = "github.com/kserve/kserve@aaac4e294dae"
SAGEMAKER = "github.com/aws/sagemaker-tensorflow-serving-container@da192561ad81 docker/build_artifacts/sagemaker/"
TFJS = "github.com/tensorflow/tfjs@0fc04d958ea5"
AIPLATFORM = "github.com/googleapis/python-aiplatform@91cc8ce4f015 google/cloud/aiplatform/models.py"
TFJAVA = "github.com/tensorflow/java@58a19434ad41 tensorflow-core/tensorflow-core-api/src/main/java/org/tensorflow/"

GRPC_PORT_FIX = ("Point the gRPC client at TF Serving's gRPC port (--port, 8500 in the tensorflow/serving image), not the "
                 "REST port (--rest_api_port, 8501); REST clients (curl, requests) use 8501. If an http_proxy/https_proxy "
                 "variable is set, exclude the server (no_proxy) or create the channel with grpc.enable_http_proxy=0.")
REST_PORT_FIX = ("Send REST requests (curl, requests, fetch) to TF Serving's REST port (--rest_api_port, 8501 in the "
                 "tensorflow/serving image): 8500 (--port) speaks gRPC only. Or call it with a gRPC PredictionService client.")

GRPC_TLS = ("grpcio 1.85.4 cygrpc (its compiled strings: '<protocol> handshake failed (' + tsi_result_to_string, "
            "src/core/handshaker/security/security_handshaker.cc)")
GRPC_TLS_FIX = ("Make the channel match the server: TF Serving serves plaintext gRPC unless started with "
                "--ssl_config_file, so connect with grpc.insecure_channel('HOST:8500'); a TLS endpoint (Vertex AI, a "
                "server with --ssl_config_file, a TLS proxy) takes grpc.secure_channel(address, "
                "grpc.ssl_channel_credentials(root_certificates=...)) with the certificate it trusts.")
TLS_CHANNEL = None
"""The category of a TLS handshake that fails: none (a reading). The channel's security is the client's setting, not
a failure of the service (service_side_error) nor the request or model: 2 of 2 provoker labels (rounds 12, 13b)."""

REFUSED_MEANING = ("nothing listens at the host and port the client connected to (the connection was refused): the "
                   "model server is not running or not up yet, listens on another port or interface, runs in a "
                   "container whose port is not published, or the client names the wrong host or port; " + NOT_ABOUT)
REFUSED_FIX = ("Start the model server (wait until its log says it serves the model), then point the client at the "
               "host and port it listens on: TF Serving's gRPC on 8500 (--port), REST on 8501 (--rest_api_port); in "
               "Docker publish them (docker run -p 8500:8500 -p 8501:8501); a Vertex AI custom container must listen "
               "on $AIP_HTTP_PORT (8080)")

PORT_MEANING = ("a gRPC client reached a server that answers HTTP/1.x, not gRPC: with TF Serving, the REST port "
                "(8501) instead of the gRPC port (8500), or an HTTP proxy in between")

PORT = None
"""The category of a client on the wrong port: none (a reading).  A port, a proxy or an ingress is where the request
went, not the request or the model; CATEGORIES.md's wrong_api_or_input_format is an API whose contract the signature
does not meet (Predict vs Classify / Regress).  Every provoker who met it labelled it so: 5 of 5 (rounds 12-14)."""
PORT_NOTE = "; not about the request or model (no category: the port it went to)"

# template | pattern | source | category (None: not about the request or model) | meaning or reading | fix | example
# (| decider)
ENTRIES: list[tuple] = [
    # ---- gRPC spoken to the REST port, HTTP spoken to the gRPC port ------------------------------------------------
    # ---- nothing listens where the client connects ------------------------------------------------------------------
    ("Failed to connect to remote host: Connection refused",
     lit("Failed to connect to remote host: ") + r"(?:\w{1,40}: ?)?Connection refused",
     "grpcio 1.85.4 cygrpc (its compiled strings: 'Failed to connect to remote host: ' + the socket's error, "
     "src/core/lib/iomgr/tcp_client_posix.cc)", None, REFUSED_MEANING, REFUSED_FIX,
     'details = "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:8599: Failed to connect to '
     'remote host: Connection refused"'),
    ("Failed to establish a new connection: [Errno 111] Connection refused",
     lit("Failed to establish a new connection: ") + r"\[Errno (?:111|61|10061)\] (?:Connection refused|"
     r"No connection could be made because the target machine actively refused it)",
     "urllib3 2.x src/urllib3/connection.py (NewConnectionError: 'Failed to establish a new connection: {e}'; errno "
     "111 on Linux, 61 on macOS, 10061 on Windows)", None, REFUSED_MEANING, REFUSED_FIX,
     "requests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=8501): Max retries exceeded with "
     "url: /v1/models/m:predict (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at "
     "0x7f>: Failed to establish a new connection: [Errno 111] Connection refused'))"),
    ("connect ECONNREFUSED {address}", r"connect ECONNREFUSED (?P<address>[\w.:\[\]-]{1,80})",
     "Node.js lib/net.js (the socket's errno name, ECONNREFUSED, with the address: 'connect ECONNREFUSED "
     "127.0.0.1:8501')", None, REFUSED_MEANING, REFUSED_FIX,
     "Error: connect ECONNREFUSED 127.0.0.1:8501"),
    ("Trying to connect an http1.x server", lit("Trying to connect an http1.x server") +
     r"(?: \(HTTP status (?P<http_status>\d{3})\))?", GRPC_CORE, PORT, PORT_MEANING + PORT_NOTE,
     GRPC_PORT_FIX,
     'status = StatusCode.UNAVAILABLE details = "failed to connect to all addresses; last error: UNKNOWN: '
     'ipv4:127.0.0.1:8501: Trying to connect an http1.x server"'),
    ("Expected SETTINGS frame as the first frame, got frame type {n}",
     lit("Expected SETTINGS frame as the first frame, got frame type ") + r"(?P<frame_type>\d{1,3})",
     "github.com/grpc/grpc src/core/ext/transport/chttp2/transport/parsing.cc (init_frame_parser: the first frame "
     "the server sends must be its SETTINGS)", PORT,
     "a gRPC client's first bytes from the server were no HTTP/2 frame (an HTTP/1.x answer read as a frame header: "
     "the REST port, 8501, or another HTTP/1 server or proxy), not TF Serving's gRPC port" + PORT_NOTE, GRPC_PORT_FIX,
     'status = StatusCode.UNAVAILABLE details = "failed to connect to all addresses; last error: UNAVAILABLE: '
     'ipv4:127.0.0.1:8501: Failed parsing HTTP/2 (Expected SETTINGS frame as the first frame, got frame type 80)"'),
    ("error reading server preface: http2: frame too large",
     lit("error reading server preface: ") + r"(?:EOF|http2: frame too large)",
     GRPC_GO + " (connectionErrorf 'error reading server preface: %v'; golang.org/x/net/http2 ErrFrameTooLarge when "
     "the first bytes are an HTTP/1.x response)", PORT,
     "a grpc-go client read an HTTP/1.x answer where the server's HTTP/2 preface belongs: the REST port (8501) or "
     "another HTTP/1 server, not TF Serving's gRPC port" + PORT_NOTE, GRPC_PORT_FIX,
     'rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: http2: frame too '
     'large"'),
    ("unexpected HTTP status code received from server: {code} ({text}); transport: received unexpected content-type "
     "{type}",
     r"unexpected HTTP status code received from server: (?P<http_status>\d{3}) \([^)\n]{0,40}\);? ?"
     r"(?:transport: received (?:the )?unexpected content-type|malformed header: missing HTTP content-type)",
     GRPC_GO + ":1534-1549 (an HTTP answer that is not gRPC)", PORT,
     "a grpc-go client got a plain HTTP answer (not application/grpc): the port or host is a REST/HTTP server "
     "(TF Serving's REST port 8501, a load balancer or ingress not set up for gRPC)" + PORT_NOTE, GRPC_PORT_FIX,
     'rpc error: code = Unimplemented desc = unexpected HTTP status code received from server: 404 (Not Found); '
     'transport: received unexpected content-type "application/json"'),
    ("First received frame was not SETTINGS. Hex dump for first 5 bytes: 485454502f",
     lit("First received frame was not SETTINGS. Hex dump for first 5 bytes: ") + r"485454502f",
     NETTY + " (485454502f is 'HTTP/': an HTTP/1.x answer)", PORT,
     "a grpc-java (netty) client got an HTTP/1.x answer ('HTTP/' in the hex dump) instead of an HTTP/2 SETTINGS "
     "frame: the REST port (8501), not TF Serving's gRPC port" + PORT_NOTE, GRPC_PORT_FIX,
     "io.grpc.StatusRuntimeException: INTERNAL: http2 exception Caused by: io.netty.handler.codec.http2.Http2Exception:"
     " First received frame was not SETTINGS. Hex dump for first 5 bytes: 485454502f"),
    ("First received frame was not SETTINGS. Hex dump for first 5 bytes: 15030...",
     lit("First received frame was not SETTINGS. Hex dump for first 5 bytes: ") + r"1503",
     NETTY + " (1503… is a TLS record: the server wants TLS)", None,
     "the server answered with TLS to a plaintext gRPC channel (usePlaintext against a TLS port): use TLS "
     "credentials, or the plaintext port; " + NOT_ABOUT, None,
     "First received frame was not SETTINGS. Hex dump for first 5 bytes: 1503010002"),
    ("{protocol} handshake failed ({tsi_result})",
     r"(?P<protocol>Tls|Ssl|TLS|SSL) handshake failed \((?P<tsi_result>TSI_[A-Z_]{2,40})\)",
     GRPC_TLS, TLS_CHANNEL,
     "a gRPC client reached a server but their TLS handshake failed: a secure channel (grpc.secure_channel, "
     "ssl_channel_credentials) to a server that speaks plaintext gRPC — OpenSSL's WRONG_VERSION_NUMBER, TF Serving "
     "without --ssl_config_file — or a certificate the client does not trust; " + NOT_ABOUT + " (no category: the "
     "channel's security)", GRPC_TLS_FIX,
     'details = "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:8500: Tls handshake failed '
     '(TSI_PROTOCOL_FAILURE): SSL_ERROR_SSL: error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER"'),
    ("Received http2 header with status: 404", r"Received http2 header with status: ?404",
     GRPC_CORE_HTTP, PORT,
     "an HTTP/2 server answered the gRPC call with 404: nothing serves the gRPC method on that host and port (a "
     "REST-only front, an ingress or load balancer not routing gRPC, or the REST port)" + PORT_NOTE, GRPC_PORT_FIX,
     'status = StatusCode.UNIMPLEMENTED details = "Received http2 header with status: 404"'),
    ("Received http2 header with status: 504", r"Received http2 header with status: ?504\b",
     GRPC_CORE_HTTP, "client_timeout",
     "a proxy, ingress or load balancer in front of the gRPC server answered 504 Gateway Timeout (gRPC reports it as "
     "UNAVAILABLE: grpc's HTTP-to-gRPC status mapping): the server behind it did not answer within the proxy's own "
     "timeout -- a prediction slower than that timeout, not a server that is down",
     "Raise the proxy's timeout above the prediction's latency (nginx: grpc_read_timeout / grpc_send_timeout in the "
     "location that grpc_pass-es to the server, default 60s; a cloud load balancer's backend timeout), and the "
     "client's deadline with it; or make the prediction faster (smaller batches, a warmed-up model)",
     'details = "Received http2 header with status: 504"'),
    ("Received http2 header with status: {status}",
     r"Received http2 header with status: ?(?P<http_status>(?:40[0-35-9]|4[1-9]\d|5\d\d))",
     GRPC_CORE_HTTP, None,
     "a proxy, ingress or load balancer in front of the server refused the call or could not reach it (401/403: "
     "credentials; 502/503: the backend is down or not gRPC): " + NOT_ABOUT, None,
     'details = "Received http2 header with status: 503"'),
    ("Received HTTP status code 404", r"Received HTTP status code 404", GRPC_JS + ":88",
     PORT,
     "a grpc-js client got HTTP 404 from an HTTP/2 server: nothing serves the gRPC method there (REST port, an "
     "ingress not routing gRPC)" + PORT_NOTE, GRPC_PORT_FIX, "Error: 12 UNIMPLEMENTED: Received HTTP status code 404"),
    ("{Socket closed|Transport closed|Stream removed} … peer …:8501",
     r"(?:Socket closed|Transport closed|Stream removed|Connection reset by peer)[^\n]{0,400}"
     r"peer (?:ipv[46]:)?[\[\]\w.:%-]{0,60}:8501\b",
     GRPC_CORE + " ('Transport closed'); the peer address in debug_error_string", PORT,
     "a gRPC call to port 8501 (TF Serving's REST port) had its connection closed: the REST server does not speak "
     "gRPC" + PORT_NOTE, GRPC_PORT_FIX,
     'status = StatusCode.UNAVAILABLE details = "Transport closed" debug_error_string = "{"description":"Error '
     'received from peer ipv4:127.0.0.1:8501","grpc_message":"Transport closed","grpc_status":14}"'),
    ("… peer …:8501 … {Socket closed|Transport closed|Stream removed}",
     r"peer (?:ipv[46]:)?[\[\]\w.:%-]{0,60}:8501\b[^\n]{0,400}(?:Socket closed|Transport closed|Stream removed)",
     GRPC_CORE + " ('Transport closed'); the peer address in debug_error_string", PORT,
     "a gRPC call to port 8501 (TF Serving's REST port) had its connection closed: the REST server does not speak "
     "gRPC" + PORT_NOTE, GRPC_PORT_FIX,
     'debug_error_string = "{"description":"Error received from peer ipv4:127.0.0.1:8501","grpc_message":"Socket '
     'closed","grpc_status":14}"'),
    ("Connect string mismatch: expected '{c}' ({n}) got '{c}' ({n}) at byte {i}",
     r"Connect string mismatch: expected '.' \(\d{1,3}\) got '.{0,4}' \(\d{1,3}\) at byte \d{1,3}",
     GRPC_CORE_PARSING, PORT,
     "the gRPC server (TF Serving's --port, 8500) got bytes that are not the HTTP/2 preface: an HTTP/1.x (REST) "
     "request sent to the gRPC port" + PORT_NOTE, REST_PORT_FIX,
     "Connect string mismatch: expected 'P' (80) got 'G' (71) at byte 0"),
    ("curl: (1) Received HTTP/0.9 when not allowed", lit("Received HTTP/0.9 when not allowed"), CURL,
     PORT,
     "curl got an answer without an HTTP/1.x status line: the binary HTTP/2 frames of a gRPC server, i.e. TF "
     "Serving's gRPC port (8500) instead of the REST port (8501)" + PORT_NOTE, REST_PORT_FIX,
     "curl: (1) Received HTTP/0.9 when not allowed"),
    ("BadStatusLine('\\x00\\x00…')", r"BadStatusLine(?:\([\"']?|: ?)(?:\x00|\\x00){2}",
     PY_HTTP, PORT,
     "Python's HTTP client (requests, urllib3, http.client) got binary HTTP/2 frames where an HTTP/1.x status line "
     "belongs: TF Serving's gRPC port (8500) instead of the REST port (8501)" + PORT_NOTE, REST_PORT_FIX,
     "requests.exceptions.ConnectionError: ('Connection aborted.', BadStatusLine('\\x00\\x00\\x18\\x04\\x00\\x00"
     "\\x00\\x00\\x00'))"),
    ("Parse Error: Expected HTTP/", lit("Parse Error: Expected HTTP/"), LLHTTP, PORT,
     "Node's HTTP client (axios, fetch, http) got an answer that does not start with 'HTTP/': a gRPC server such as "
     "TF Serving's gRPC port (8500) instead of the REST port (8501)" + PORT_NOTE, REST_PORT_FIX,
     "Error: Parse Error: Expected HTTP/ code: 'HPE_INVALID_CONSTANT'"),
    # the ports themselves: TF Serving's docker image serves gRPC on 8500 and REST on 8501 (g3doc/docker.md)
    ("grpc.insecure_channel('HOST:8501') … StatusCode.{UNAVAILABLE|UNIMPLEMENTED|INTERNAL|UNKNOWN}",
     r"(?:insecure_channel|secure_channel|forAddress|forTarget|Dial|NewClient|Client)\(\s?['\"]"
     r"(?:[\w.\[\]-]{0,100}:8501|[\w.\[\]-]{0,100}['\"], ?8501)\b[^\n]{0,2000}"
     r"(?:StatusCode\.|code = |Exception: |Error: \d{1,2} )"
     r"(?:UNAVAILABLE|Unavailable|UNIMPLEMENTED|Unimplemented|INTERNAL|Internal|UNKNOWN|Unknown)",
     "github.com/tensorflow/serving@9d981c5c2708 tensorflow_serving/g3doc/docker.md ('Port 8500 exposed for gRPC, "
     "Port 8501 exposed for the REST API'); the client's channel as the pasted code opens it",
     PORT,
     "the client opens its gRPC channel on port 8501, TF Serving's REST port, and the call fails at the transport: "
     "gRPC is served on 8500" + PORT_NOTE, GRPC_PORT_FIX,
     "channel = grpc.insecure_channel('localhost:8501')\nstub = prediction_service_pb2_grpc.PredictionServiceStub("
     "channel)\n…\ngrpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = "
     "StatusCode.UNAVAILABLE details = \"failed to connect to all addresses\">"),
    ("http://HOST:8500/v1/models/… then {Empty reply from server|Connection reset|RemoteDisconnected|socket hang up}",
     r"https?://[\w.\[\]:-]{1,100}:8500/v1/models[^\n]{0,2000}(?:Empty reply from server|Recv failure|Connection "
     r"reset by peer|RemoteDisconnected|Remote end closed connection|socket hang up|ECONNRESET|Connection aborted)",
     "github.com/tensorflow/serving@9d981c5c2708 tensorflow_serving/g3doc/docker.md (8500 is gRPC, 8501 REST); what "
     "curl (52/56), Python's http.client and Node print when the server closes without an HTTP answer",
     PORT,
     "a REST request (/v1/models/…) went to port 8500, TF Serving's gRPC port, which answers no HTTP/1.x and closes "
     "the connection" + PORT_NOTE, REST_PORT_FIX,
     "$ curl -X POST http://localhost:8500/v1/models/half_plus_two:predict -d '{\"instances\": [1.0]}'\ncurl: (52) "
     "Empty reply from server"),
    # ---- docker, the tensorflow/serving image, TensorFlow's CPU check ---------------------------------------------
    ('invalid mount config for type "bind": bind source path does not exist: {path}',
     r"bind source path does not exist: ?(?P<path>[^\s\"']{1,300})",
     MOBY + " daemon/volume/mounts/validate.go:16-20", "model_base_path_layout",
     "docker cannot bind-mount the model: the host folder given as the bind source does not exist, so TF Serving "
     "would find no model under /models",
     "Give --mount/-v the absolute host path of the model's base folder (the one holding the numbered version "
     "folders), e.g. --mount type=bind,source=\"$(pwd)/models/NAME\",target=/models/NAME, and check it exists on "
     "the machine the docker daemon runs on.",
     'docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: '
     "/tmp/tfserving/serving/tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_cpu."),
    ("invalid mount path: '{path}' mount path must be absolute",
     r"invalid mount path: '(?P<path>[^'\n]{0,300})' mount path must be absolute",
     MOBY + " daemon/volume/mounts/linux_parser.go:38", "model_base_path_layout",
     "docker refuses the mount: a bind mount takes an absolute local path (not a relative path, nor a gs://, s3:// "
     "or hdfs:// URI), so the model never reaches /models",
     "Mount an absolute local folder (\"$(pwd)/models/NAME\"); for a model in gs://, s3:// or hdfs://, copy it to "
     "the host first or give the URI to TF Serving itself (--model_base_path=gs://…, no mount).",
     'docker: Error response from daemon: invalid mount config for type "bind": invalid mount path: '
     "'hdfs://nn:8020/models/m/' mount path must be absolute."),
    ("invalid mode: {mode}", r"invalid mode: ?(?P<mode>/[^\s\"']{0,200})",
     MOBY + " daemon/volume/mounts/mounts.go:303 (errInvalidMode; linux_parser.go:275)", "model_base_path_layout",
     "docker split a -v HOST:CONTAINER spec at a third colon, so the container path became the mount's mode: a "
     "Windows drive letter (C:\\…) or a URI in the host part of -v, and the model never reaches /models",
     "Use --mount type=bind,source=\"C:\\path\\to\\models\\NAME\",target=/models/NAME (no colon splitting), or "
     "-v /c/path/to/models/NAME:/models/NAME in Git Bash / WSL.",
     "docker: Error response from daemon: invalid mode: /models/half_plus_two."),
    ("invalid volume specification: '{spec}'", r"invalid volume specification: ?'(?P<spec>[^'\n]{1,300})'",
     MOBY + " daemon/volume/mounts/mounts.go:307 (errInvalidSpec)", "model_base_path_layout",
     "docker could not parse the -v HOST:CONTAINER spec (a Windows path, a relative path, extra colons), so the "
     "model is not mounted at /models",
     "Use --mount type=bind,source=<absolute host path of the model's base folder>,target=/models/NAME.",
     "docker: Error response from daemon: invalid volume specification: "
     "'C:\\Users\\me\\models\\m:/models/m:rw:z'."),
    ("Mounts denied: The path {path} is not shared from the host and is not known to Docker.",
     r"Mounts denied:? ?The paths? (?P<path>[^\n]{1,300}?) (?:is|are) not shared from (?:the host|OS X|macOS)",
     "Docker Desktop for Mac (https://docs.docker.com/desktop/settings/mac/#file-sharing), as the daemon prints it",
     "model_base_path_layout",
     "Docker Desktop may only bind-mount folders shared with its VM (Settings → Resources → File sharing): the "
     "model's folder is not among them, so it cannot be mounted at /models",
     "Add the model's folder (or a parent) under Docker Desktop → Settings → Resources → File sharing, or move the "
     "model under a shared folder such as /Users, then mount it at /models/NAME.",
     "docker: Error response from daemon: Mounts denied: The path /opt/models/half_plus_two is not shared from the "
     "host and is not known to Docker. You can configure shared paths from Docker -> Preferences... -> Resources -> "
     "File Sharing."),
    ('Conflict. The container name "{name}" is already in use by container "{id}".',
     r"The container name \"?(?P<name>/?[\w.-]{1,120})\"? is already in use by container",
     MOBY + " daemon/errors.go:63", None,
     "a container of that name exists already (an earlier TF Serving run): docker rm -f it or pick another --name; "
     + NOT_ABOUT, None,
     'docker: Error response from daemon: Conflict. The container name "/tfserving" is already in use by container '
     '"3f2a9c". You have to remove (or rename) that container to be able to reuse that name.'),
    ("Bind for {ip}:{port} failed: port is already allocated",
     r"Bind for (?P<address>[\d.:\[\]a-f]{0,60}):(?P<port>\d{1,5}) failed: port is already allocated",
     MOBY + " daemon/libnetwork/portallocator/portallocator.go:34", None,
     "another container already publishes this host port (often an earlier TF Serving container still running): "
     "stop it (docker ps, docker stop) or publish another host port (-p 8502:8501); " + NOT_ABOUT, None,
     "docker: Error response from daemon: driver failed programming external connectivity on endpoint srv: Bind for "
     "0.0.0.0:8501 failed: port is already allocated."),
    ("listen tcp {address}: bind: address already in use",
     r"listen tcp[46]? (?P<address>[\d.:\[\]a-f]{0,60}):(?P<port>\d{1,5}): bind: address already in use",
     "github.com/golang/go src/net (listen error); docker's userland proxy (" + MOBY + " daemon/libnetwork)", None,
     "a process on the host already listens on this port (another model server, a second container): stop it or "
     "publish another host port; " + NOT_ABOUT, None,
     "Error starting userland proxy: listen tcp4 0.0.0.0:8500: bind: address already in use."),
    ("exec {path}: exec format error", r"exec format error",
     "Linux ENOEXEC (" + MOBY + " vendor/golang.org/x/sys/unix zerrors_linux_*.go: {8, \"ENOEXEC\", \"exec format "
     "error\"}) as docker prints it when the container's entrypoint is for another CPU architecture", None,
     "the image's binaries are built for another CPU architecture than the host's (e.g. an amd64-only TF Serving "
     "image on Apple silicon or another arm64 host): use an image built for the host, or run the amd64 image under "
     "emulation (--platform linux/amd64); " + NOT_ABOUT, None,
     "exec /usr/bin/tf_serving_entrypoint.sh: exec format error"),
    ("no matching manifest for {platform} in the manifest list entries",
     r"no matching manifest for (?P<platform>[\w/.-]{1,60}) in the manifest list entries",
     MOBY + " daemon/internal/distribution/pull_v2.go:813", None,
     "the image tag has no build for the host's platform (e.g. linux/arm64/v8 on Apple silicon): pull with "
     "--platform linux/amd64 (emulated) or use an image built for the host; " + NOT_ABOUT, None,
     "Error response from daemon: no matching manifest for linux/arm64/v8 in the manifest list entries"),
    ("The requested image's platform ({image}) does not match the detected host platform ({host})",
     r"The requested image's platform \((?P<platform>[^)\n]{1,60})\) does not match the detected host platform",
     MOBY + " daemon/create.go:110", None,
     "the container runs under CPU emulation (an amd64 image on an arm64 host): TF Serving may crash or run very "
     "slowly there (no AVX under emulation); use an image built for the host; " + NOT_ABOUT, None,
     "WARNING: The requested image's platform (linux/amd64) does not match the detected host platform "
     "(linux/arm64/v8) and no specific platform was requested"),
    ("pull access denied for {image}, repository does not exist or may require 'docker login'",
     r"pull access denied for (?P<image>[\w./:-]{1,200}), repository does not exist",
     MOBY + " daemon/internal/distribution/errors.go:55", None,
     "the image name is wrong or private: check the spelling (tensorflow/serving) or log in; " + NOT_ABOUT, None,
     "docker: Error response from daemon: pull access denied for tensorflow/servng, repository does not exist or may "
     "require 'docker login'."),
    ("manifest for {image} not found: manifest unknown", r"manifest unknown",
     "github.com/distribution/distribution registry/api/v2/errors.go (ErrorCodeManifestUnknown), vendored in " + MOBY,
     None,
     "the image tag does not exist in the registry (e.g. a TF Serving version or -gpu tag that was never "
     "published): pick a tag the registry lists; " + NOT_ABOUT, None,
     "docker: Error response from daemon: manifest for tensorflow/serving:2.99 not found: manifest unknown: "
     "manifest unknown."),
    ("The TensorFlow library was compiled to use {AVX} instructions, but these aren't available on your machine.",
     lit("The TensorFlow library was compiled to use ") + r"(?P<feature>[\w.]{1,20})"
     + lit(" instructions, but these aren't available on your machine"),
     "tensorflow/libtensorflow_framework.so.2 (strings -n 8; tsl/platform/cpu_feature_guard.cc)", None,
     "the CPU lacks an instruction set the TensorFlow / TF Serving binary needs (an old CPU, or amd64 emulation on "
     "Apple silicon, which has no AVX), so the server aborts at start: use a build without that requirement or "
     "another machine; " + NOT_ABOUT, None,
     "The TensorFlow library was compiled to use AVX instructions, but these aren't available on your machine."),
    ("qemu: uncaught target signal {n} ({name}) - core dumped",
     r"qemu: uncaught target signal \d{1,2} \((?P<signal>[\w ]{1,40})\)",
     "github.com/qemu/qemu linux-user/signal.c (dump_core_and_abort) as Docker Desktop's amd64 emulation prints it",
     None,
     "the amd64 server crashed under CPU emulation (an amd64-only image on Apple silicon / arm64): TF Serving needs "
     "CPU features the emulator lacks; use an image built for the host; " + NOT_ABOUT, None,
     "qemu: uncaught target signal 6 (Aborted) - core dumped"),
    ('could not select device driver "" with capabilities: [[gpu]]',
     r"could not select device driver \"[^\"\n]{0,40}\" with capabilities: ?\[\[gpu\]\]",
     MOBY + " daemon/errors.go:82", None,
     "docker run --gpus found no GPU driver for containers (the NVIDIA Container Toolkit is not installed or "
     "configured): install it and restart docker, or run the CPU image; " + NOT_ABOUT, None,
     'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].'),
    ("unknown or invalid runtime name: {name}", r"unknown or invalid runtime name: ?(?P<runtime>[\w.-]{1,60})",
     MOBY + " daemon/runtime_unix.go:219", None,
     "docker does not know the --runtime (nvidia for the GPU image): install the NVIDIA Container Toolkit or use "
     "--gpus all; " + NOT_ABOUT, None,
     "docker: Error response from daemon: unknown or invalid runtime name: nvidia."),
    ("Could not load dynamic library '{lib}'; dlerror: {why}",
     lit("Could not load dynamic library '") + r"(?P<library>[^'\s]{1,120})'; ?dlerror",
     "tensorflow/libtensorflow_framework.so.2 (strings -n 8; tsl/platform/default/dso_loader.cc)", None,
     "TensorFlow could not load a GPU (CUDA/cuDNN/TensorRT) library, so it runs on the CPU: a warning about the "
     "machine's GPU setup, " + NOT_ABOUT, None,
     "W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
     "'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file: No such file or directory"),
    ("Could not find base path /models/model for servable model",
     r"Could not find base path /models/model for servable model\b", TFS_DOCKER, "model_base_path_layout",
     "the tensorflow/serving image was started without MODEL_NAME, so it serves /models/model (the image's "
     "defaults) and nothing is mounted there",
     "Start the image with -e MODEL_NAME=NAME and mount the model's base folder (with its numbered version "
     "folders) at /models/NAME; or pass --model_name/--model_base_path (or --model_config_file) after the image "
     "name.",
     "E tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:362] FileSystemStoragePathSource "
     "encountered a filesystem access error: Could not find base path /models/model for servable model"),
    ("Back-off restarting failed container", r"Back-off restarting failed container",
     "github.com/kubernetes/kubernetes pkg/kubelet (the kubelet's BackOff event and the CrashLoopBackOff waiting "
     "reason)", "deploy_container_not_ready",
     "the serving container (TF Serving, KServe's predictor, a Vertex/SageMaker custom container) exits right after "
     "it starts, so Kubernetes restarts it again and again and it never gets ready",
     "Read the crashed container's own log (kubectl logs POD -c CONTAINER --previous): its last lines name the "
     "cause (a base path with no version folder, an op the server lacks, too little memory).",
     "Warning  BackOff  2m (x12 over 5m)  kubelet  Back-off restarting failed container kserve-container in pod "
     "flowers-predictor-00001-deployment-7d9f"),
    ("CrashLoopBackOff", r"\bCrashLoopBackOff\b", "github.com/kubernetes/kubernetes pkg/kubelet (the "
     "CrashLoopBackOff waiting reason of a container the kubelet keeps restarting)", "deploy_container_not_ready",
     "the serving container exits right after it starts, again and again, so it never gets ready",
     "Read the crashed container's own log (kubectl logs POD -c CONTAINER --previous): its last lines name the "
     "cause (a base path with no version folder, an op the server lacks, too little memory).",
     "flowers-predictor-00001-deployment-7d9f   1/2   CrashLoopBackOff   6   8m"),
    ("OOMKilled", r"\bOOMKilled\b", "github.com/kubernetes/kubernetes (container termination reason OOMKilled, "
     "exit code 137)", "model_too_large",
     "the serving container used more memory than its limit while loading or running the model, and was killed",
     "Raise the container's memory limit (resources.limits.memory, a larger machine type) or shrink the model "
     "(fewer/smaller variables, no optimizer slots); TF Serving needs room for the model plus its batches.",
     "Last State: Terminated Reason: OOMKilled Exit Code: 137"),
    # ---- KServe -----------------------------------------------------------------------------------------------------
    ("Model with name {name} does not exist.",
     r"\bwith name (?P<servable>[^\s\"']{1,200}) does not exist",
     KSERVE + " python/kserve/kserve/errors.py (ModelNotFound, HTTP 404; model_repository.py: 'model with name "
     "{name} does not exist')", "model_not_found",
     "the KServe model server has no model of that name: the name in the URL (/v1/models/NAME:predict, "
     "/v2/models/NAME/infer) is not the one it serves (by default the InferenceService's name)",
     "Use the InferenceService's name (kubectl get inferenceservices) in /v1/models/NAME:predict or "
     "/v2/models/NAME/infer; for the TF Serving runtime it is the --model_name the predictor was started with.",
     '{"error": "Model with name model1 does not exist."}'),
    ("Model with name {name} is not ready.",
     r"Model with name (?P<servable>[^\s\"']{1,200}) is not ready", KSERVE +
     " python/kserve/kserve/errors.py (ModelNotReady, HTTP 503)", "model_load_failed",
     "the KServe model server knows the model but it has not loaded (still loading, or its load failed)",
     "Read the predictor container's log (kubectl logs POD -c kserve-container) for why the model did not load, "
     "and the storage-initializer's log for the download.",
     '{"error": "Model with name flowers is not ready."}'),
    ("no runtime found to support predictor with model type: {format}",
     # the Go %v of the ModelFormat struct, {tensorflow <nil>}, or a bare name: not the words after it
     r"no runtime found to support predictor with model type: ?(?P<format>\{[^}\n]{0,80}\}|[^\s\"'`]{1,80})",
     KSERVE + " pkg/controller/v1beta1/inferenceservice/components/predictor.go:391", "deploy_container_not_ready",
     "KServe found no ServingRuntime / ClusterServingRuntime that supports the predictor's modelFormat (e.g. "
     "tensorflow) and is enabled and auto-selectable, so no serving container is created",
     "List the runtimes (kubectl get clusterservingruntimes,servingruntimes -A): install KServe's runtimes (e.g. "
     "kserve-tensorflow-serving), or name one with spec.predictor.model.runtime, and check modelFormat "
     "name/version and protocolVersion against the runtime's supportedModelFormats.",
     "No runtime found to support predictor with model type: {tensorflow <nil>}"),
    ("specified runtime {runtime} does not support specified framework/version",
     r"specified runtime (?P<runtime>[^\s]{1,120}) (?:does not support specified framework/version|does not support "
     r"specified protocol version|is disabled)",
     KSERVE + " pkg/controller/v1beta1/inferenceservice/components/predictor.go:349-367", "deploy_container_not_ready",
     "the runtime the InferenceService names is disabled, or does not list the model's format/version or protocol",
     None, "specified runtime kserve-tensorflow-serving does not support specified framework/version"),
    ("Failed to fetch model. No model found in {uri}.",
     r"Failed to fetch model\. No model found in (?P<path>[^\s\"']{1,300})",
     KSERVE + " python/storage/kserve_storage/kserve_storage.py (storage initializer)", "model_base_path_layout",
     "KServe's storage initializer found no files at the storageUri, so the model server's base path "
     "(/mnt/models) stays empty",
     "Check the storageUri: it must name the model's base folder (for TF Serving, the folder holding the numbered "
     "version folders), and the storage-initializer's credentials must be able to list it.",
     "RuntimeError: Failed to fetch model. No model found in gs://bucket/models/flowers."),
    ('Expected "instances" to be a list', r"Expected \"(?P<key>instances|inputs)\" to be a list",
     KSERVE + " python/kserve/kserve/model.py:337-344", "instance_format",
     "a KServe v1 request's \"instances\" (or \"inputs\") is not a JSON list", None,
     '{"error": "Expected \\"instances\\" to be a list"}'),
    ("{Receiving|Sending} FP16 data via JSON is not supported. Please use the binary data format for input {name}",
     r"(?:Receiving|Sending) FP16 data via JSON is not supported",
     KSERVE + " python/kserve/kserve/protocol/infer_type.py:629,685,745,1371", "dtype_unsupported_half",
     "KServe's v2 JSON protocol cannot carry FP16 tensors (an input or output of dtype half)",
     "Send FP16 tensors in the v2 binary data extension, or re-export the signature with float32 inputs/outputs "
     "(cast inside the model).",
     "InvalidInput: Receiving FP16 data via JSON is not supported. Please use the binary data format for input x"),
    ("'data' field is missing for input '{name}' for model '{model}'",
     r"'data' field is missing for input '(?P<input>[^'\n]{1,200})' for model",
     KSERVE + " python/kserve/kserve/protocol/infer_type.py:647", "instance_format",
     "a KServe v2 request's input has no \"data\" (the v2 form is {\"inputs\": [{\"name\", \"shape\", "
     "\"datatype\", \"data\"}]})", None,
     "'data' field is missing for input 'input_1' for model 'flowers'"),
    # ---- SageMaker TensorFlow Serving container -------------------------------------------------------------------
    ("no SavedModel bundles found!", lit("no SavedModel bundles found!"),
     SAGEMAKER + "serve.py:153 (tfs_utils.find_models: saved_model.pb under /opt/ml/model/…/<digits>/)",
     "savedmodel_not_found",
     "the SageMaker TF Serving container found no saved_model.pb in a numbered version folder under /opt/ml/model "
     "(the unpacked model.tar.gz)",
     "Pack model.tar.gz so it holds NAME/VERSION/saved_model.pb + variables/ (e.g. tar -czf model.tar.gz -C export "
     "1 when the archive's root is the model, or -C export NAME), with an integer version folder.",
     "ValueError: no SavedModel bundles found!"),
    ("Could not find valid base path {path} for servable {name}",
     r"Could not find valid base path (?P<path>[^\s\"']{1,300}) for servable (?P<servable>[^\s\"']{1,200})",
     SAGEMAKER + "python_service.py:218 (multi-model load)", "model_base_path_layout",
     "the model path given to the SageMaker multi-model load API has no numbered version folder with a SavedModel",
     None, '{"error": "Could not find valid base path /opt/ml/models/m/model for servable m"}'),
    ("Model {name} is not loaded yet.", r"Model (?P<servable>[^\s\"']{1,200}) is not loaded yet",
     SAGEMAKER + "python_service.py:234", "model_not_found",
     "the SageMaker multi-model container has not loaded a model of that name (TargetModel / tfs-model-name)", None,
     '{"error": "Model half_plus_three is not loaded yet."}'),
    ('Received server error ({code}) from model with message "" (nothing after it)',
     r"Received (?:client|server) error \((?P<http_status>\d{1,3})\) from (?:model|primary)[\w ]{0,60} with "
     r"message(?: ?\"\")?\.? ?(?:See |$)",
     "SageMaker Runtime InvokeEndpoint's ModelError as botocore prints it ('An error occurred (ModelError) when "
     "calling the InvokeEndpoint operation: …'; botocore/exceptions.py ClientError)", None,
     "the model container answered with an error and no message: look for the container's own log in CloudWatch "
     "(/aws/sagemaker/Endpoints/ENDPOINT) for the TF Serving message that says why", None,
     "botocore.errorfactory.ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: "
     "Received server error (500) from model with message"),
    ("Memory exhausted: no available ports to load the model.",
     lit("Memory exhausted: no available ports to load the model."), SAGEMAKER + "python_service.py:137",
     "model_too_large",
     "the SageMaker multi-model container has no room (TF Serving processes/ports) to load another model", None,
     '{"error": "Memory exhausted: no available ports to load the model."}'),
    # ---- TensorFlow.js converter and tfjs-node ---------------------------------------------------------------------
    ("Unsupported Ops in the model before optimization\n{ops}",
     r"Unsupported Ops in the model (?:before|after) optimization:? ?(?P<op>\w{1,80}(?:, ?\w{1,80}){0,40})?",
     TFJS + " tfjs-converter/python/tensorflowjs/converters/tf_saved_model_conversion_v2.py:153,208",
     "runtime_version_mismatch",
     "the model uses ops TensorFlow.js has no kernel for (tfjs-converter/docs/supported_ops.md), so it cannot run "
     "in tfjs as it is",
     "Re-export without those ops (e.g. keep tokenisation / tensorflow_text and other preprocessing out of the "
     "graph), convert with --skip_op_check and register the op in tfjs yourself, or serve the SavedModel with "
     "TensorFlow (tfjs-node's loadSavedModel, TF Serving).",
     "ValueError: Unsupported Ops in the model before optimization\nCaseFoldUTF8, RegexSplitWithOffsets"),
    ("Signature '{name}' does not exist. The following signatures are available: {keys}",
     r"Signature ['\"](?P<signature>[^'\"\n]{1,200})['\"] does not exist(?:\. The following signatures| in the saved "
     r"model)",
     TFJS + " tfjs-converter/python/tensorflowjs/converters/tf_saved_model_conversion_v2.py:366,592",
     "signature_not_found", "the converter was given a signature name (--signature_name) the SavedModel does not have",
     None,
     "ValueError: Signature 'serving_default' does not exist. The following signatures are available: "
     "KeysView(_SignatureMap({'predict': <ConcreteFunction>}))"),
    ('Signature "{name}" has a SparseTensor on input/output "{key}". SparseTensors are not supported.',
     r"has a SparseTensor on input/output ['\"](?P<input>[^'\"\n]{1,200})['\"]",
     TFJS + " tfjs-converter/python/tensorflowjs/converters/tf_saved_model_conversion_v2.py:1023",
     "sparse_output_in_signature", "the signature has a SparseTensor input or output, which tfjs cannot take", None,
     'ValueError: Signature "default" has a SparseTensor on input/output "tokens". SparseTensors are not supported.'),
    ("The SavedModel does not have tags: {tags}",
     r"The SavedModel does not have tags: ?(?P<tags>[\w-]{1,40}(?:, ?[\w-]{1,40}){0,10})",
     TFJS + " tfjs-node/src/saved_model.ts:187", "savedmodel_tags",
     "tfjs-node's loadSavedModel found no MetaGraph whose tags equal the ones asked for (default ['serve'])",
     "List the SavedModel's tag-sets (saved_model_cli show --dir DIR) and pass exactly one of them to "
     "tf.node.loadSavedModel(path, tags, signature).",
     "Error: The SavedModel does not have tags: serve"),
    ("The SavedModel does not have signature: {name}",
     r"The SavedModel does not have signature: ?(?P<signature>[^\s\"']{1,200})",
     TFJS + " tfjs-node/src/saved_model.ts:182", "signature_not_found",
     "tfjs-node's loadSavedModel found no signature of that name in the MetaGraph", None,
     "Error: The SavedModel does not have signature: serving_default"),
    ("There is no saved_model.pb file in the directory: {path}",
     r"There is no saved_model\.pb file in the directory: ?(?P<path>[^\s\"']{1,300})",
     TFJS + " tfjs-node/src/saved_model.ts:69", "savedmodel_not_found",
     "tfjs-node was given a folder without saved_model.pb (a parent folder, a tfjs model.json folder, a checkpoint)",
     None, "Error: There is no saved_model.pb file in the directory: ./model/"),
    ("The model signatureDef input names are {names}, however the provided input names are {given}.",
     r"The model signatureDef input names are (?P<expected_keys>[^\n]{0,200}), however the provided input names are",
     TFJS + " tfjs-node/src/saved_model.ts:314", "input_keys_mismatch",
     "the inputs given to a tfjs-node TFSavedModel's predict() are not named as the signature's inputs", None,
     "Error: The model signatureDef input names are input_ids,attention_mask, however the provided input names are "
     "input_ids."),
    ("Unsupported tensor DataType: {dtype}, try to modify the model in python to convert the datatype",
     r"Unsupported tensor DataType: ?(?P<dtype>\w{1,20}), try to modify the model",
     TFJS + " tfjs-node/src/saved_model.ts:454", "dtype_mismatch",
     "a signature input or output has a dtype tfjs-node cannot hold (e.g. DT_HALF, DT_UINT8 outputs of some models)",
     None, "Error: Unsupported tensor DataType: DT_HALF, try to modify the model in python to convert the datatype",
     "half"),
    ("The shape of dict['{name}'] provided in model.execute(dict) must be [{shape}], but was [{got}]",
     r"The shape of dict\['(?P<input>[^'\n]{1,200})'\] provided in model\.execute\(dict\) must be "
     r"(?P<want_shape>\[[\d,\s-]{0,80}\]), but was (?P<got_shape>\[[\d,\s-]{0,80}\])",
     TFJS + " tfjs-converter/src/executor/graph_executor.ts:716", "input_shape_mismatch",
     "a TensorFlow.js graph model got an input tensor of another shape than its placeholder declares", None,
     "Error: The shape of dict['input_1'] provided in model.execute(dict) must be [-1,224,224,3], but was "
     "[224,224,3]", "rank"),
    ("The dtype of dict['{name}'] provided in model.execute(dict) must be {dtype}, but was {got}",
     r"The dtype of dict\['(?P<input>[^'\n]{1,200})'\] provided in model\.execute\(dict\) must be "
     r"(?P<want_dtype>\w{1,12}), but was (?P<got_dtype>\w{1,12})",
     TFJS + " tfjs-converter/src/executor/graph_executor.ts:723", "dtype_mismatch",
     "a TensorFlow.js graph model got an input tensor of another dtype than its placeholder declares (e.g. float32 "
     "pixels for an int32 input)", None,
     "Error: The dtype of dict['input_tensor'] provided in model.execute(dict) must be int32, but was float32"),
    ("The dict provided in model.execute(dict) has keys: [{keys}] that are not part of graph",
     r"The dict provided in model\.execute\(dict\) has keys: ?\[(?P<input>[^\]\n]{0,200})\] that are not part of "
     r"graph", TFJS + " tfjs-converter/src/executor/graph_executor.ts:749", "input_keys_mismatch",
     "the inputs given to a TensorFlow.js graph model are named after no node of its graph", None,
     "Error: The dict provided in model.execute(dict) has keys: [image] that are not part of graph"),
    ("Cannot compute the outputs [{outputs}] from the provided inputs [{inputs}]. Missing the following inputs: "
     "[{missing}]",
     r"Cannot compute the outputs \[[^\]\n]{0,300}\] from the provided inputs \[[^\]\n]{0,300}\]\. "
     r"(?:Missing the following inputs|Consider providing the following inputs): ?\[(?P<input>[^\]\n]{0,300})\]",
     TFJS + " tfjs-converter/src/executor/graph_executor.ts:183,599", "input_keys_mismatch",
     "a TensorFlow.js graph model was not given every input its outputs need", None,
     "Error: Cannot compute the outputs [Identity] from the provided inputs [input_ids]. Missing the following "
     "inputs: [attention_mask]"),
    ("Error when checking {prefix}: expected {name} to have {n} dimension(s), but got array with shape {shape}",
     r"Error when checking(?: [\w ]{0,40})?: ?expected (?P<input>[^\s]{1,200}) to have (?P<want_rank>\d{1,3}) "
     r"dimension\(s\)[.,] but got array with shape (?P<got_shape>\[?[\d,\s]{0,80}\]?)",
     TFJS + " tfjs-layers/src/engine/training.ts:158,328 (checkInputData / standardizeInputData)",
     "input_shape_mismatch", "a TensorFlow.js layers model got an array of another rank than its input declares", None,
     "Uncaught (in promise) Error: Error when checking : expected flatten_Flatten1_input to have 4 dimension(s), but "
     "got array with shape [640,960,3]", "rank"),
    ("Error when checking {prefix}: expected {name} to have shape {want} but got array with shape {got}.",
     r"Error when checking(?: [\w ]{0,40})?: ?expected (?P<input>[^\s]{1,200}) to have shape (?P<want_shape>\[[\d,\s"
     r"nul-]{0,80}\]) but got array with shape (?P<got_shape>\[[\d,\s-]{0,80}\])",
     TFJS + " tfjs-layers/src/engine/training.ts:341", "input_shape_mismatch",
     "a TensorFlow.js layers model got an array whose dimensions differ from its input's", None,
     "Error: Error when checking : expected input_1 to have shape [null,224,224,3] but got array with shape "
     "[1,224,224,4].", "rank"),
    ("Error when checking model {prefix}: the Array of Tensors that you are passing to your model is not the size the "
     "model expected. Expected to see {n} Tensor(s), but instead got …",
     r"the Array of Tensors that you are passing to your model is not the size the model expected|The model "
     r"[\w ]{0,40}expects \d{1,4} Tensor\(s\), but only received one Tensor",
     TFJS + " tfjs-layers/src/engine/training.ts:130,140,304", "input_keys_mismatch",
     "a TensorFlow.js layers model with several inputs got another number of tensors than it has inputs", None,
     "Error: Error when checking model input: the Array of Tensors that you are passing to your model is not the "
     "size the model expected. Expected to see 2 Tensor(s), but instead got the following list of Tensor(s): "
     "Tensor [[1, 2]]"),
    ('No operation named "{name}" exists', r"No operation named \"(?P<input>[^\"\n]{1,200})\" exists",
     "github.com/serizba/cppflow@99e04d7045af include/cppflow/model.h:170 (model::operator() / get_operation)",
     "input_keys_mismatch",
     "cppflow (TensorFlow's C API from C++) was given an operation name the SavedModel's graph does not have: its "
     "input ops are named serving_default_<input name> (e.g. serving_default_input_1) after the signature's inputs",
     "List the model's operations (model.get_operations()) or its signature (saved_model_cli show --dir DIR --all) "
     "and feed serving_default_<the signature's input name>:0, fetching StatefulPartitionedCall:0.",
     'terminate called after throwing an instance of \'std::runtime_error\' what():  No operation named '
     '"serving_default_input_1" exists'),
    ("Unknown op '{op}'. File an issue at https://github.com/tensorflow/tfjs/issues so we can add it, or register a "
     "custom execution with tf.registerOp()",
     r"Unknown op '(?P<op>[^'\s]{1,120})'\. File an issue at", TFJS +
     " tfjs-converter/src/operations/operation_executor.ts:115", "runtime_version_mismatch",
     "the TensorFlow.js runtime has no kernel for an op of the converted model (a newer or custom op)",
     "Use a tfjs version that supports the op (or convert with a converter of the same version as the runtime), "
     "re-export the model without it, or register it with tf.registerOp().",
     "Error: Unknown op 'StatelessRandomUniformV2'. File an issue at https://github.com/tensorflow/tfjs/issues so "
     "we can add it, or register a custom execution with tf.registerOp()"),
    ("Request to {path} failed with status code {code}. Please verify this URL points to the model JSON of the model "
     "to load.",
     r"Request to (?P<path>[^\s]{1,300}) failed with status code (?P<http_status>\d{3})\. ?Please verify this URL "
     r"points to the model JSON", TFJS + " tfjs-core/src/io/http.ts:142", "savedmodel_not_found",
     "tf.loadGraphModel / loadLayersModel could not fetch model.json at that URL (a wrong path, a SavedModel folder "
     "instead of the converted model.json, or a server not serving the file)",
     "Point loadGraphModel/loadLayersModel at the converted model.json (tensorflowjs_converter output, served with "
     "its weight shards beside it), not at a SavedModel folder or saved_model.pb.",
     "Error: Request to http://localhost:8080/model/model.json failed with status code 404. Please verify this URL "
     "points to the model JSON of the model to load."),
    # ---- Vertex AI SDK ---------------------------------------------------------------------------------------------
    ("artifact_uri directory does not contain any supported model files.",
     lit("artifact_uri directory does not contain any supported model files"), AIPLATFORM + ":5859",
     "savedmodel_not_found",
     "Model.upload with a prebuilt container was given a folder without saved_model.pb (or the framework's model "
     "file) directly in it",
     "Give artifact_uri the folder that holds saved_model.pb itself (for TensorFlow, not its parent nor a numbered "
     "version folder's parent).",
     "ValueError: artifact_uri directory does not contain any supported model files. When using a prebuilt serving "
     "image, the upload method only supports the following model files: '('saved_model.pb', 'model.pkl')'"),
    ("artifact_uri path does not exist: '{path}'",
     r"artifact_uri path (?:does not exist|must be a directory): '(?P<path>[^'\n]{1,300})'", AIPLATFORM + ":5845-5852",
     "savedmodel_not_found", "Model.upload was given an artifact_uri that is not an existing folder", None,
     "ValueError: artifact_uri path does not exist: './export/1'"),
    ("Cannot make a predict request because a model has not been deployed on this Private Endpoint.",
     lit("Cannot make a predict request because a model has not been") + r" ?" + lit("deployed"),
     AIPLATFORM + ":4179", "model_not_found", "the Vertex AI endpoint has no deployed model to answer predictions",
     "Deploy a model to the endpoint first (endpoint.deploy(model=…) or gcloud ai endpoints deploy-model) and wait "
     "for the deployment to finish.",
     "RuntimeError: Cannot make a predict request because a model has not beendeployed on this Private Endpoint. "
     "Please ensure a modelhas been deployed."),
    # ---- TensorFlow Java (SavedModelBundle, SessionFunction, ConcreteFunction) --------------------------------------
    ("Function with signature [{key}] not found",
     r"Function with signature \[(?P<signature>[^\]\n]{0,200})\] not found",
     TFJAVA + "SavedModelBundle.java:429 (function(signatureKey))", "signature_not_found",
     "TensorFlow Java's SavedModelBundle has no signature of that key", None,
     "java.lang.IllegalArgumentException: Function with signature [predict] not found"),
    ("Cannot elect a default function for this model", lit("Cannot elect a default function for this model"),
     TFJAVA + "SavedModelBundle.java:471 (call() without a signature key)", "signature_not_found",
     "TensorFlow Java's SavedModelBundle.call() needs a serving_default signature (or a single one) and the model "
     "has several others", "Name the signature: bundle.function(\"KEY\").call(…) with a key saved_model_cli lists, or "
     "export the model with a serving_default signature.",
     "java.lang.IllegalArgumentException: Cannot elect a default function for this model"),
    ('No argument found for parameter "{name}"', r"No argument found for parameter \"(?P<input>[^\"\n]{1,200})\"",
     TFJAVA + "SessionFunction.java:99", "input_keys_mismatch",
     "a TensorFlow Java signature call lacks an argument for one of the signature's inputs (the map's keys must be "
     "the signature's input names)", None,
     'java.lang.IllegalArgumentException: No argument found for parameter "input_1"'),
    ('Function {method} has parameter "{name}", but no argument was passed for it.',
     r"has parameter \"(?P<input>[^\"\n]{1,200})\", but no argument was passed for it",
     TFJAVA + "ConcreteFunction.java:226", "input_keys_mismatch",
     "a TensorFlow Java function call lacks an argument for one of the signature's inputs", None,
     'java.lang.IllegalArgumentException: Function tensorflow/serving/predict has parameter "input_1", but no '
     "argument was passed for it."),
    ("Expected exactly one main op in saved model.", lit("Expected exactly one main op in saved model"),
     TFJAVA + "SavedModelBundle.java:521", "initializer_missing_in_export",
     "the SavedModel's main_op / init op collection holds more than one op, and TensorFlow Java runs exactly one",
     None, "java.lang.IllegalArgumentException: Expected exactly one main op in saved model."),
    # ---- TensorFlow loaders as other clients print them -------------------------------------------------------------
    ("SavedModel not found in export directory: {path}",
     r"SavedModel not found in export directory: ?(?P<path>[^\s\"']{1,300})",
     "github.com/tensorflow/tensorflow r1.15 tensorflow/cc/saved_model/loader.cc (LoadSavedModel; TF Java 1.x's "
     "SavedModelBundle.load prints it)", "savedmodel_not_found",
     "the folder given to the loader holds no saved_model.pb(txt) (a checkpoint folder, the parent folder)", None,
     'Exception in thread "main" org.tensorflow.TensorFlowException: SavedModel not found in export directory: '
     "D:/models/dnn"),
    # ---- platforms that run a model app, and their size limits -----------------------------------------------------
    ("Compiled slug size: {size}M is too large (max is {max}M).",
     r"Compiled slug size: ?(?P<size>[\d.]{1,8})M is too large \(max is (?P<limit>\d{1,6})M\)",
     "https://devcenter.heroku.com/articles/slug-compiler#slug-size (the maximum slug size after compression is "
     "500 MB; the build log's wording as Heroku prints it)", "model_too_large",
     "a Heroku app (the model, its weights and its Python packages: tensorflow alone is several hundred MB) is "
     "over the platform's slug size limit",
     "Shrink the slug: depend on tensorflow-cpu or tflite-runtime instead of the full tensorflow (its GPU builds "
     "are far larger), drop packages the app does not import, keep the model file out of the repository (.slugignore "
     "it and download it from storage at start-up), or deploy to a platform that takes a container image",
     "remote:  !     Compiled slug size: 605.7M is too large (max is 500M).\nremote:  !     See: "
     "http://devcenter.heroku.com/articles/slug-size"),
    ("Unzipped size must be smaller than {limit} bytes",
     r"Unzipped size must be smaller than (?P<limit>\d{6,12}) bytes",
     "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html (the deployment package and layers, "
     "unzipped, at most 250 MB: AccountLimit.CodeSizeUnzipped; the Lambda API's message as the AWS CLI / "
     "CloudFormation print it)", "model_too_large",
     "an AWS Lambda function's code, layers and the model in them are over Lambda's 250 MB unzipped limit",
     "Keep the model and TensorFlow out of the zip: package the function as a container image (up to 10 GB), or "
     "load the model from S3 (or EFS) at start-up and use tflite-runtime / tensorflow-cpu instead of the full "
     "tensorflow",
     'Resource handler returned message: "Unzipped size must be smaller than 262144000 bytes (Service: Lambda, '
     'Status Code: 400, Request ID: 713caf1a)"'),
]


def _check_tf_literals() -> None:
    """The literals taken from the installed TensorFlow must still be there (a TF upgrade may change them)."""
    lib = TF / "libtensorflow_framework.so.2"
    loader = TF / "python" / "saved_model" / "loader_impl.py"
    if lib.exists():
        data = lib.read_bytes()
        for literal in (b"The TensorFlow library was compiled to use ", b" instructions, but these aren't available ",
                        b"Could not load dynamic library '"):
            if literal not in data:
                raise SystemExit(f"not in the installed TensorFlow: {literal!r}")
    if loader.exists() and "SavedModel file does not exist at: " not in loader.read_text(errors="replace"):
        raise SystemExit("not in the installed TensorFlow: 'SavedModel file does not exist at: '")


def entries() -> list[dict]:
    _check_tf_literals()
    out = []
    rows = list(ENTRIES) + [
        ("SavedModel file does not exist at: {export_dir}/{saved_model.pbtxt|saved_model.pb}",
         r"SavedModel file does not exist at: ?(?P<path>[^\s\"'{]{1,300})",
         "tensorflow/python/saved_model/loader_impl.py (installed; what the tfjs converter, saved_model_cli and "
         "tf.saved_model.load print)", "savedmodel_not_found",
         "the folder given holds no saved_model.pb (a parent folder, a Keras .h5/.keras file, a checkpoint folder)",
         None, "OSError: SavedModel file does not exist at: ./my_model/{saved_model.pbtxt|saved_model.pb}"),
    ]
    for row in rows:
        template, pattern, source, category, text, fix, example, *rest = row
        decider = rest[0] if rest else None
        if category is None:
            e = entry(template, pattern, source, None, None, reading=text, fix=fix)
        else:
            e = entry(template, pattern, source, text, category, decider=decider, fix=fix)
        e["example"] = example
        out.append(e)
    return out


if __name__ == "__main__":  # a quick look: every example matches its own pattern
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sigcheck.explain.normalize import normalize

    for e in entries():
        if not re.search(e["pattern"], normalize(e["example"]), re.I):
            print("no match:", e["template"])
