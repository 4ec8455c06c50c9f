"""Load a SavedModel the way TF Serving does and run its signatures (TensorFlow imported here, lazily).

TF Serving's loader (``LoadSavedModel``) imports the MetaGraph with the requested tags into a session, runs the
saver's restore op on ``variables/``, runs the init op, then answers each request with ``Session::Run``: the
request tensors fed by the signature's tensor names, the output tensor names fetched.  This does the same through
``tf.compat.v1`` — which also loads TF1 graphs that TF2's ``tf.saved_model.load`` refuses (TF Serving's own
``saved_model_half_plus_three``).  Feeds go through a session callable, which, like the C++ ``Session::Run``
and unlike Python's ``Session.run``, does not check the fed shape against the placeholder's static shape: a
signature that says ``()`` over a ``(-1, 1)`` placeholder runs, as it does in TF Serving.

Before TensorFlow is imported, :func:`sigcheck.model.safety.check_model` scans the graph and refuses models that
touch files or the system (unless ``allow_unsafe_ops``).

Threads: the session runs a graph's ops in the calling thread (``inter_op_parallelism_threads = -1``); each op
still uses TensorFlow's intra-op pool (a large MatMul or Conv2D is split over the cores as in TF Serving).  The
values are the same either way; what changes is that no inter-op worker is left spinning after ``Session::Run``,
which on a 2-core machine took the CPU from the Python that writes the response (+40 % per request for a small
model at batch 32, see BENCHMARKS.md).  A graph with ops that wait for another op of the same run (queues,
barriers, staging areas, accumulators, collectives, send/recv: see :data:`WAITING_OPS`) gets TensorFlow's
default inter-op pool instead, so that they cannot wait on each other in one thread.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import numpy as np

from .. import storage
from .._optional import require
from ..errors import ExecutionError
from ..model.graph import graph_ops
from ..model.reader import dtype_name, read_model
from ..model.types import ModelInfo, Signature
from ..model.safety import UnsafeOp, check_model

log = logging.getLogger(__name__)

PURPOSE = "running a model locally (sigcheck predict)"

WAITING_OPS = ("Queue", "Barrier", "Stage", "Accumulator", "Collective", "Recv", "Send", "Nccl", "Rendezvous",
               "PyFunc", "EagerPyFunc")
"""Substrings of op names that may wait for another op of the same run: such graphs keep TF's inter-op pool."""


def inter_op_threads(info: ModelInfo) -> int:
    """``inter_op_parallelism_threads`` for a session over ``info``: -1 (ops in the calling thread) unless the
    graph has an op that may wait for another one (:data:`WAITING_OPS`); then 0 (TensorFlow's default pool)."""
    ops = graph_ops(info)
    return 0 if any(part in op for op in ops for part in WAITING_OPS) else -1


@dataclass(frozen=True, slots=True)
class RunError:
    """A model-execution error as TF Serving returns it: the status code name and TensorFlow's message."""

    status_code: str
    """``INVALID_ARGUMENT``, ``FAILED_PRECONDITION`` … (absl::StatusCode names)."""
    message: str


@dataclass
class RunResult:
    """What ``Session::Run`` gave: output arrays by alias (in signature order), or the error."""

    outputs: dict[str, np.ndarray] | None
    error: RunError | None
    seconds: float
    dtypes: dict[str, str] | None = None
    """The fetched tensors' dtypes (``DT_FLOAT`` …): what TF Serving writes by, whatever the signature says."""
    crash: Any = None
    """A :class:`sigcheck.serving.child.Crash` when the model's process died or was stopped instead of answering."""


def _import_tensorflow() -> Any:
    # TensorFlow's C++ logging goes to stderr from import on; keep it to errors unless the user set a level.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return require("tensorflow", purpose=PURPOSE)


@contextmanager
def captured_stderr(enabled: bool = True, *, replay: bool = False) -> Iterator[None]:
    """Hold back what C++ code writes to file descriptor 2 (TF's CUDA probing, absl banners) while inside.

    TensorFlow logs through absl straight to fd 2 on import and on the first session, whatever
    ``TF_CPP_MIN_LOG_LEVEL`` says.  The held-back text is replayed when the block raises an error (or always, with
    ``replay``: SIGCHECK_DEBUG), so nothing useful is lost; not when it is interrupted (Ctrl-C, SIGTERM): the
    KeyboardInterrupt raised inside TensorFlow's C++ can leave TensorFlow's own traceback there (``SystemError:
    <built-in function __import__> returned a result with an exception set``), which says nothing to a user who asked
    to stop.
    """
    if not enabled:
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        show = replay
        try:
            yield
        except Exception:
            show = True
            raise
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            if show:
                held.seek(0)
                text = held.read().decode("utf-8", "replace")
                if text:
                    sys.stderr.write(text)


def local_model_dir(info: ModelInfo) -> str:
    """A local folder holding the SavedModel of ``info`` (gs:// models are downloaded by ``storage.local_copy``)."""
    if info.model_dir is None:
        from ..model.contract import cannot_run

        raise cannot_run(info)
    return storage.local_copy(info.model_dir)


class LoadedModel:
    """A SavedModel loaded into a TensorFlow session, ready to run its signatures."""

    def __init__(self, info: ModelInfo, local_dir: str, graph: Any, session: Any, *, load_seconds: float,
                 allowed_unsafe_ops: list[UnsafeOp]) -> None:
        self.info = info
        self.local_dir = local_dir
        self.graph = graph
        self.session = session
        self.load_seconds = load_seconds
        self.allowed_unsafe_ops = allowed_unsafe_ops
        self._callables: dict[tuple[str, tuple[str, ...]], tuple[Any, list[str], dict[str, str]]] = {}
        self._op_error: Any = None
        self.variables_restored = True
        """False when ``variables/variables.index`` is missing: loaded without weights, as TF Serving loads it."""

    def signature(self, key: str) -> Signature:
        return self.info.signatures[key]

    def _callable(self, key: str, feed_aliases: tuple[str, ...]) -> tuple[Any, list[str], dict[str, str]]:
        cache_key = (key, feed_aliases)
        found = self._callables.get(cache_key)
        if found is None:
            from tensorflow.core.protobuf import config_pb2

            sig = self.info.signatures[key]
            aliases = list(sig.outputs)  # sorted by alias (ModelInfo); TF Serving's protobuf Map order is unspecified
            fetch = [sig.outputs[a].tensor_name or "" for a in aliases]
            options = config_pb2.CallableOptions(feed=[sig.inputs[a].tensor_name or "" for a in feed_aliases],
                                                 fetch=fetch)
            dtypes = {}
            for alias, name in zip(aliases, fetch):
                try:
                    enum = self.graph.get_tensor_by_name(name).dtype.base_dtype.as_datatype_enum
                    dtypes[alias] = dtype_name(enum)
                except (KeyError, ValueError):
                    dtypes[alias] = sig.outputs[alias].dtype  # the session call will report the bad name
            found = (self.session._make_callable_from_options(options), aliases, dtypes)
            self._callables[cache_key] = found
        return found

    def run(self, signature_key: str, feeds: Mapping[str, np.ndarray]) -> RunResult:
        """Run signature ``signature_key`` with ``feeds`` (input alias → array); errors come back as data."""
        if self._op_error is None:  # TensorFlow is imported (the model is loaded): look its error class up once
            self._op_error = _import_tensorflow().errors.OpError
        aliases = tuple(feeds)
        start = time.perf_counter()
        try:
            fn, out_aliases, dtypes = self._callable(signature_key, aliases)
            values = fn(*[feeds[a] for a in aliases])
        except self._op_error as exc:
            return RunResult(None, RunError(_code_name(exc.error_code), exc.message), time.perf_counter() - start)
        seconds = time.perf_counter() - start
        return RunResult(dict(zip(out_aliases, values)), None, seconds, dtypes)

    def close(self) -> None:
        self.session.close()


def _code_name(code: int) -> str:
    from tensorflow.core.protobuf import error_codes_pb2

    try:
        return error_codes_pb2.Code.Name(int(code))
    except ValueError:
        return "UNKNOWN"


def load_model(location: str | ModelInfo, *, tag_set: str = "serve", allow_unsafe_ops: bool = False,
               quiet: bool = True) -> LoadedModel:
    """Read, scan and load the SavedModel at ``location`` (a folder, TF Serving base path, or gs:// URI) into
    TensorFlow *in this process*, with the kernels this process's environment chose (see
    :mod:`sigcheck.serving.kernels`).  sigcheck's commands run models through :func:`sigcheck.serving.child.start_model`
    instead: a child process with stated kernels, which a crashing model cannot take down.

    Raises :class:`~sigcheck.model.safety.UnsafeModelError` before TensorFlow is imported when the model has
    file/system ops and ``allow_unsafe_ops`` is false; :class:`~sigcheck.errors.MissingExtraError` without TF;
    :class:`~sigcheck.errors.ExecutionError` when TensorFlow cannot load it.  ``quiet`` holds back TensorFlow's
    C++ log lines during import and loading (see :func:`captured_stderr`).
    """
    info = location if isinstance(location, ModelInfo) else read_model(location, tag_set=tag_set)
    local_dir, allowed = scanned_local_copy(info, tag_set=tag_set, allow_unsafe_ops=allow_unsafe_ops)
    return open_session(info, local_dir, tag_set=tag_set, allowed_unsafe_ops=allowed, quiet=quiet)


def scanned_local_copy(info: ModelInfo, *, tag_set: str = "serve",
                       allow_unsafe_ops: bool = False) -> tuple[str, list[UnsafeOp]]:
    """The local folder TensorFlow will load for ``info`` (gs:// downloaded), after the op safety scan of what is
    in it; the unsafe ops allowed.  Raises UnsafeModelError (no TensorFlow imported)."""
    allowed = check_model(info, allow_unsafe_ops=allow_unsafe_ops)
    local_dir = local_model_dir(info)
    if local_dir != info.model_dir:
        # A downloaded copy may be a newer generation than the graph just scanned: scan what TF will load.
        allowed = check_model(read_model(local_dir, tag_set=tag_set), allow_unsafe_ops=allow_unsafe_ops)
    return local_dir, allowed


def open_session(info: ModelInfo, local_dir: str, *, tag_set: str = "serve",
                 allowed_unsafe_ops: list[UnsafeOp] | None = None, quiet: bool = True) -> LoadedModel:
    """Load the already scanned SavedModel in ``local_dir`` into a TensorFlow session in this process (the child
    process of :mod:`sigcheck.serving.child` does this; TensorFlow's kernels are whatever this process chose)."""
    allowed = list(allowed_unsafe_ops or [])
    with captured_stderr(quiet):
        tf = _import_tensorflow()
        start = time.perf_counter()
        graph = tf.Graph()
        config = tf.compat.v1.ConfigProto(allow_soft_placement=True,
                                          inter_op_parallelism_threads=inter_op_threads(info))
        session = tf.compat.v1.Session(graph=graph, config=config)
        tags = [t for t in tag_set.split(",") if t]
        try:
            with graph.as_default(), _quiet_deprecations():
                restored = _load_as_serving(session, tags, local_dir)
        except (tf.errors.OpError, ValueError, RuntimeError, KeyError, OSError) as exc:
            session.close()
            raise _load_error(local_dir, exc, info) from None
    loaded = LoadedModel(info, local_dir, graph, session, load_seconds=time.perf_counter() - start,
                         allowed_unsafe_ops=allowed)
    loaded.variables_restored = restored
    return loaded


VARIABLES_INDEX = os.path.join("variables", "variables.index")


def _load_as_serving(session: Any, tags: list[str], local_dir: str) -> bool:
    """Load the MetaGraph tagged ``tags`` into ``session`` as TensorFlow's C++ loader does (``LoadSavedModel`` in
    tensorflow/cc/saved_model/loader.cc, which TF Serving's SavedModel bundle loader calls): import the graph, run
    the saver's restore op only when ``variables/variables.index`` exists, then the init op.  Without the index the
    C++ loader's ``RunRestore`` logs "The specified SavedModel has no variables; no checkpoints were restored" and
    returns OK: the version loads without its weights and each request that reads a variable fails.  (Python's
    ``tf.compat.v1.saved_model.loader.load`` refuses such a folder instead: "The passed save_path is not a valid
    checkpoint".)  True when the variables were restored (or there was nothing to restore)."""
    from tensorflow.python.saved_model.loader_impl import SavedModelLoader

    loader = SavedModelLoader(local_dir)
    saver, _ = loader.load_graph(session.graph, tags)
    restored = True
    if saver is not None:  # (the C++ loader restores only when the MetaGraph has a saver_def, as this saver)
        if os.path.exists(os.path.join(local_dir, VARIABLES_INDEX)):
            loader.restore_variables(session, saver)
        else:
            log.info("The specified SavedModel has no variables; no checkpoints were restored. File does not exist: "
                     "%s", os.path.join(local_dir, VARIABLES_INDEX))
            restored = False
    loader.run_init_ops(session, tags)
    return restored


def _load_error(where: str, exc: BaseException, info: ModelInfo | None = None) -> ExecutionError:
    text = getattr(exc, "message", None) or str(exc)
    said = what_failed(text) or type(exc).__name__
    code = getattr(exc, "error_code", None)
    if code is not None:  # (an OpError: its status, as TF Serving's load failure states it, "OUT_OF_RANGE: …")
        said = f"{_code_name(code)}: {said}"
    if "Op type not registered" in text:
        return ExecutionError(
            f"{where}: TensorFlow cannot load this model: {said}",
            hint="the model uses an op from a library this TensorFlow does not have (TF Text, TF Addons, a custom "
                 ".so); TF Serving needs the same ops linked in",
        )
    hint = "check that variables/ was copied completely next to saved_model.pb"
    if info is not None:  # what the gate's files check found (a missing or cut-short shard) says which file
        from ..gate.blockers import model_blockers

        found = next((f for f in model_blockers(info) if f.code == "files.variables_not_restored"), None)
        if found is not None:
            hint = f"{found.message}; {found.hint}" if found.hint else found.message
    return ExecutionError(f"{where}: TensorFlow could not load this model: {said}", hint=hint)


_DETECTED_AT = re.compile(r"^Detected at node .* defined at \(most recent call last\):\s*$")


def what_failed(text: str, limit: int = 1000) -> str:
    """TensorFlow's error text without Python's framing: the "Graph execution error:" header and any "Detected at
    node … defined at (most recent call last):" traceback of where the op was built, the rest on one line (the op's
    message and the ``[[{{node RestoreV2}}]]`` that names it).  TensorFlow's first line alone is often only the
    header."""
    kept: list[str] = []
    in_trace = False
    for line in text.splitlines():
        stripped = line.strip()
        if _DETECTED_AT.match(stripped):
            in_trace = True
            continue
        if in_trace:
            if not stripped:
                in_trace = False
            continue  # ("  File …" lines and the source they quote)
        if not stripped or stripped == "Graph execution error:":
            continue
        kept.append(stripped)
    said = " ".join(kept)
    return said if len(said) <= limit else said[:limit - 1] + "…"


class _quiet_deprecations:
    """Silence TF's "load is deprecated" warning: this is the loader TF Serving's behaviour needs."""

    def __enter__(self) -> None:
        try:
            from tensorflow.python.util import deprecation

            self._ctx = deprecation.silence()
            self._ctx.__enter__()
        except (ImportError, AttributeError):
            self._ctx = None

    def __exit__(self, *exc: Any) -> None:
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
