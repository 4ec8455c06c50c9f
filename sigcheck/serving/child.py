"""The model's own process: TensorFlow loads and runs a SavedModel in a child, so a model never takes sigcheck down.

A SavedModel can abort the process that runs it (a kernel's ``CHECK`` failure, a segfault), eat the machine's
memory, or never return.  TF Serving dies or hangs on such a request; sigcheck must say so, not die with it.  So
:func:`start_model` starts ``python -m sigcheck.serving.child`` once per command (a batch of requests pays the
TensorFlow import and the load once), and the parent:

* sets the kernels before TensorFlow is imported there (:mod:`sigcheck.serving.kernels`), whatever the
  environment says, and reports what TensorFlow says it ran;
* sends each request's tensors and gets the outputs, or TensorFlow's error, back as data;
* watches it: a child that exits or is killed by a signal, that answers nothing within the time budget
  (``timeout``), or whose resident memory passes ``memory_limit`` is stopped, and the request's result is a
  :class:`Crash` (with the signal and the last lines the child printed) instead of an answer.  The next request
  starts a fresh child;
* keeps the child's stdout and stderr apart from its own: they go to a log file, whose tail a crash quotes;
* lets it write only in a temporary folder of its own and make no TCP connection (:mod:`.sandbox`, Linux Landlock,
  where the kernel has it).

The wire between them carries only JSON headers and raw array bytes (no pickle): a compromised child cannot make
the parent run code.  Numeric arrays travel as their buffer; string arrays (DT_STRING) as lengths plus bytes.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from ..diagnostics import Diagnostic, Severity
from .._optional import require_installed
from ..errors import ExecutionError
from ..model.reader import read_model
from ..model.types import ModelInfo
from . import kernels as kernels_mod

DEFAULT_TIMEOUT = 60.0
"""Seconds one request may run before the model counts as hung."""
LOAD_TIMEOUT = 600.0
"""Seconds the import of TensorFlow plus the model's load may take."""
LOG_TAIL_LINES = 12
PURPOSE = "running a model locally (sigcheck predict)"


def default_memory_limit() -> int:
    """Half of the machine's memory (bytes): the child is stopped past it, before the machine starts swapping."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return 8 << 30


@dataclass(frozen=True)
class Crash:
    """The model's process died or was stopped while loading the model or running a request."""

    kind: str
    """``signal`` (killed by a signal: SIGABRT from a failed CHECK, SIGSEGV …), ``exit`` (exited by itself),
    ``timeout`` (no answer within the time budget) or ``memory`` (resident memory over the ceiling)."""
    stage: str
    """``load`` or ``run``."""
    seconds: float
    signal: str | None = None
    """``SIGABRT`` … for ``kind == "signal"``."""
    exit_code: int | None = None
    limit: float | None = None
    """The time budget (s) or the memory ceiling (bytes) that was passed."""
    log_tail: tuple[str, ...] = ()
    """The last lines TensorFlow (and the model) printed before the end."""

    @property
    def message(self) -> str:
        """One sentence: what happened to the process."""
        during = "loading the model" if self.stage == "load" else "running the request"
        if self.kind == "signal":
            what = f"TensorFlow's process was killed by {self.signal} while {during}"
        elif self.kind == "timeout":
            what = f"the model did not answer within {self.limit:g} s while {during} (stopped)"
        elif self.kind == "memory":
            what = (f"the model's process passed the memory ceiling of {_gib(self.limit or 0)} while {during} "
                    f"(stopped)")
        else:
            what = f"TensorFlow's process exited with code {self.exit_code} while {during}"
        return what + (f": {self.cause}" if self.cause else "")

    @property
    def cause(self) -> str | None:
        """The line of the log that says why: a failed CHECK or another fatal log line, else the last line."""
        for line in reversed(self.log_tail):
            fatal = _FATAL_LINE.match(line)
            if fatal:
                return (fatal.group(1) or fatal.group(2)).strip()
        for line in reversed(self.log_tail):
            if line.strip() and not line.startswith("***"):
                return line.strip()
        return None

    @property
    def server_impact(self) -> str:
        """What the same request does to TF Serving, which runs the model in its own process."""
        if self.kind in ("signal", "exit"):
            return ("TF Serving runs the model in its own process: this request would take the whole server down "
                    "(every model it serves) until it restarts")
        if self.kind == "timeout":
            return ("TF Serving has no per-request time limit: the request would hold a thread until the client "
                    "gives up, and a few such requests stall the server")
        if self.stage == "load":
            return ("TensorFlow's import and the model's load alone need more than that: raise --memory-limit (TF "
                    "Serving needs as much to load it)")
        return "TF Serving would grow by as much memory and may be killed by the machine's OOM killer"

    def finding(self, *, kernels: str, path: str = "$", subject: str | None = None) -> Diagnostic:
        """The ``predict.crash`` finding: what happened, what TF Serving does, and what to try."""
        if self.kind == "timeout":
            hint = ("if the model is only slow, raise --timeout; a model that never returns (a dataset that polls, a "
                    "sleep, a loop) must be fixed before deploying")
        elif self.kind == "memory":
            hint = "send smaller batches, or raise --memory-limit if the machine that serves it has the memory"
        elif kernels == kernels_mod.ONEDNN:
            hint = ("oneDNN kernels abort on inputs the stock kernels reject with a 400 (a wrong rank, an extra or "
                    "missing batch level): check the request with `sigcheck validate`, and compare with --kernels "
                    "stock")
        else:
            hint = ("check the request with `sigcheck validate`; a model that crashes TensorFlow on a valid request "
                    "must be fixed (or its input guarded) before deploying")
        return Diagnostic(code="predict.crash", severity=Severity.ERROR,
                          message=f"{self.message}. {self.server_impact}", path=path, hint=hint,
                          upstream="\n".join(self.log_tail) or None, subject=subject)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "stage": self.stage, "signal": self.signal, "exit_code": self.exit_code,
                "limit": self.limit, "seconds": round(self.seconds, 3), "message": self.message,
                "server_impact": self.server_impact, "log_tail": list(self.log_tail)}


def _gib(n: float) -> str:
    return f"{n / (1 << 30):.1f} GiB"


class ModelCrashError(ExecutionError):
    """The model's process died (or was stopped) while loading the model: :attr:`crash` says how."""

    def __init__(self, crash: Crash) -> None:
        super().__init__(crash.message, hint=crash.server_impact)
        self.crash = crash


# ------------------------------------------------------------------------------------------------ the wire

_STACK_FRAME = re.compile(r"^\s*@\s+0x[0-9a-f]+\s")
_FATAL_LINE = re.compile(r"^F\d{4} [^\]]*\] (.*)$|^((?:Fatal Python error|terminate called|Segmentation fault).*)$")
_NOISE = re.compile(r"cudart_stub|cuInit|cuda_|absl::InitializeLog|oneDNN custom operations are on|"
                    r"rebuild TensorFlow with the appropriate compiler flags|cpu_feature_guard")
"""Start-up lines of every TensorFlow process (no GPU here, the kernels are stated anyway): not the model's words."""
_LEN = struct.Struct("<Q")
MAX_HEADER = 64 << 20


def _encode_arrays(arrays: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[bytes]]:
    specs, buffers = [], []
    for name, value in arrays.items():
        array = value if isinstance(value, np.ndarray) else np.asarray(value)
        if array.dtype == object or array.dtype.kind in ("S", "U"):
            items = [v if isinstance(v, bytes) else str(v).encode("utf-8") for v in array.reshape(-1).tolist()]
            lengths = np.array([len(v) for v in items], dtype="<u8")
            specs.append({"name": name, "dtype": "bytes", "shape": list(array.shape)})
            buffers += [lengths.tobytes(), b"".join(items)]
        else:
            specs.append({"name": name, "dtype": array.dtype.str, "shape": list(array.shape)})
            buffers.append(array.tobytes(order="C"))  # (C order: a 0-d array stays 0-d, unlike ascontiguousarray)
    return specs, buffers


def _decode_arrays(specs: list[dict[str, Any]], buffers: list[bytes]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    it = iter(buffers)
    for spec in specs:
        shape = tuple(int(d) for d in spec["shape"])
        if spec["dtype"] == "bytes":
            lengths = np.frombuffer(next(it), dtype="<u8")
            data = next(it)
            items, at = [], 0
            for n in lengths.tolist():
                items.append(data[at:at + n])
                at += n
            array = np.empty(len(items), dtype=object)
            array[:] = items
            out[spec["name"]] = array.reshape(shape)
        else:
            dtype = np.dtype(spec["dtype"])
            if dtype.kind == "O":
                raise ValueError("object arrays travel as bytes")
            out[spec["name"]] = np.frombuffer(next(it), dtype=dtype).reshape(shape).copy()
    return out


def _send(fd: int, header: Mapping[str, Any], buffers: list[bytes] = ()) -> None:  # type: ignore[assignment]
    head = json.dumps({**header, "buffers": len(buffers)}).encode("utf-8")
    parts = [_LEN.pack(len(head)), head]
    for b in buffers:
        parts += [_LEN.pack(len(b)), b]
    data = memoryview(b"".join(parts))
    while data:
        written = os.write(fd, data)
        data = data[written:]


class _Closed(Exception):
    """The other end closed the pipe (the process is gone)."""


def _read_exact(fd: int, n: int, wait: Any = None) -> bytes:
    chunks, left = [], n
    while left:
        if wait is not None:
            wait()
        chunk = os.read(fd, min(left, 1 << 24))
        if not chunk:
            raise _Closed()
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, wait: Any = None) -> tuple[dict[str, Any], list[bytes]]:
    (n,) = _LEN.unpack(_read_exact(fd, _LEN.size, wait))
    if n > MAX_HEADER:
        raise _Closed()
    header = json.loads(_read_exact(fd, n, wait))
    buffers = []
    for _ in range(int(header.get("buffers", 0))):
        (size,) = _LEN.unpack(_read_exact(fd, _LEN.size, wait))
        buffers.append(_read_exact(fd, size, wait))
    return header, buffers


# ------------------------------------------------------------------------------------------------ parent side


@dataclass
class ModelProcess:
    """A SavedModel loaded in a child process; :meth:`run` answers like
    :meth:`sigcheck.serving.session.LoadedModel.run`, and a crash comes back as ``RunResult.crash``."""

    info: ModelInfo
    local_dir: str
    tag_set: str = "serve"
    kernels: str = kernels_mod.DEFAULT
    timeout: float = DEFAULT_TIMEOUT
    memory_limit: int = field(default_factory=default_memory_limit)
    allowed_unsafe_ops: list[Any] = field(default_factory=list)
    load_seconds: float = 0.0
    """Import of TensorFlow plus the load, in the child (the last load, after a restart)."""
    onednn_active: bool | None = None
    """What the child's TensorFlow reported (``IsMklEnabled``)."""
    loads: int = 0
    """How many times a child loaded the model (more than 1 after a crash)."""
    sandbox: str | None = None
    """What the child could restrict itself to (:func:`sigcheck.serving.sandbox.restrict`), in words; after a run
    the sandbox stopped (a write TF Serving would make), it says that too (:func:`sigcheck.serving.sandbox
    .refusal_note`)."""
    refused: str | None = None
    """The file the sandbox stopped the last run from writing (None: it stopped nothing)."""

    def __post_init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._to_child = self._from_child = -1
        self._log: Any = None
        self._tmp: Any = None
        self._log_start = 0
        self._healthy = False
        """The child answered the last exchange (it may be kept for the next model: :data:`_IDLE`)."""
        self._sandbox: str | None = None
        """What restrict() said at the load (``sandbox`` adds what the last run's refusal was)."""

    @property
    def kernels_description(self) -> str:
        return kernels_mod.describe(self.kernels, self.onednn_active)

    # -- the child's life

    def start(self) -> None:
        """Start a child and load the model; ModelCrashError when the child dies or is stopped meanwhile,
        ExecutionError when TensorFlow refuses the model."""
        self.close()
        require_installed("tensorflow", purpose=PURPOSE)
        if not self._take_idle():
            self._spawn()
        self._log.seek(0, os.SEEK_END)
        self._log_start = self._log.tell()  # (a reused child's log holds the previous model's lines)
        started = time.perf_counter()
        header, _ = self._call({"op": "load", "dir": self.local_dir, "tag_set": self.tag_set},
                               stage="load", budget=max(LOAD_TIMEOUT, self.timeout), started=started)
        self._healthy = True
        if "error" in header:
            error = header["error"]
            self.close()
            raise ExecutionError(error["message"], hint=error.get("hint"))
        self.load_seconds = float(header.get("load_seconds", time.perf_counter() - started))
        self.onednn_active = header.get("onednn")
        self.sandbox = self._sandbox = header.get("sandbox")
        self.loads += 1

    def _take_idle(self) -> bool:
        """Take a child another model left idle (same kernels, TensorFlow already imported): True when one was."""
        while _IDLE.get(self.kernels):
            handles = _IDLE[self.kernels].pop()
            if handles[0].poll() is None:
                self._proc, self._to_child, self._from_child, self._log, self._tmp = handles
                return True
            _discard(handles)
        return False

    def _spawn(self) -> None:
        parent_read, child_write = os.pipe()
        child_read, parent_write = os.pipe()
        self._log = tempfile.TemporaryFile(prefix="sigcheck-model-")
        self._tmp = tempfile.TemporaryDirectory(prefix="sigcheck-model-")  # the only folder it may write in
        env = kernels_mod.environment(self.kernels)
        env.update(TMPDIR=self._tmp.name, PYTHONDONTWRITEBYTECODE="1")
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-c", _CHILD_MAIN, str(child_read), str(child_write)],
                stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                pass_fds=(child_read, child_write), env=env, start_new_session=True, close_fds=True)
        finally:
            os.close(child_read)
            os.close(child_write)
        self._to_child, self._from_child = parent_write, parent_read

    @property
    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def run(self, signature_key: str, feeds: Mapping[str, np.ndarray]) -> Any:
        """Run ``signature_key`` with ``feeds`` in the child: a ``RunResult`` with the outputs, TensorFlow's error,
        or the :class:`Crash` (then the child is gone; the next call starts a new one)."""
        from .session import RunError, RunResult

        started = time.perf_counter()
        if not self.alive:
            try:
                self.start()
            except ModelCrashError as exc:
                return RunResult(None, None, time.perf_counter() - started, crash=exc.crash)
        specs, buffers = _encode_arrays(feeds)
        try:
            header, out = self._call({"op": "run", "signature": signature_key, "feeds": specs}, buffers,
                                     stage="run", budget=self.timeout, started=time.perf_counter())
        except ModelCrashError as exc:
            return RunResult(None, None, time.perf_counter() - started, crash=exc.crash)
        try:
            seconds = float(header.get("seconds", 0.0))
            self.sandbox, self.refused = self._sandbox, None
            if "run_error" in header:
                err = header["run_error"]
                if (self._sandbox or "").startswith("sandboxed"):
                    from .sandbox import refusal_note, refused_write

                    self.refused = refused_write(str(err["message"]), self._tmp.name if self._tmp else None)
                    if self.refused is not None:  # (said where the summary says what ran: --json "sandbox" too)
                        self.sandbox = f"{self._sandbox}; {refusal_note(self.refused)}"
                return RunResult(None, RunError(str(err["status_code"]), str(err["message"])), seconds)
            if "error" in header:  # sigcheck's own failure in the child (not the model's): say it as it is
                raise ExecutionError(str(header["error"]["message"]), hint=header["error"].get("hint"))
            return RunResult(_decode_arrays(header["outputs"], out), None, seconds, header.get("dtypes"))
        except (ValueError, KeyError, TypeError, StopIteration) as exc:
            self._healthy = False
            self.close()
            raise ExecutionError(f"the model's process sent an answer sigcheck cannot read ({exc})") from None

    def close(self) -> None:
        """Stop using the child: it unloads the model and waits, idle, for the next model of this process (one per
        kernels; TensorFlow stays imported), or it is stopped."""
        if self._healthy and self.alive and len(_IDLE.setdefault(self.kernels, [])) < MAX_IDLE:
            self._healthy = False
            try:
                header, _ = self._call({"op": "unload"}, stage="run", budget=10.0, started=time.perf_counter())
            except ModelCrashError:
                header = {}
            if header.get("unloaded") and self.alive:
                _IDLE[self.kernels].append((self._proc, self._to_child, self._from_child, self._log, self._tmp))
                self._proc, self._to_child, self._from_child, self._log, self._tmp = None, -1, -1, None, None
                return
        self._healthy = False
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                _send(self._to_child, {"op": "close"})
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
            if proc.poll() is None:
                _kill(proc)
        for fd in (self._to_child, self._from_child):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._to_child = self._from_child = -1
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> "ModelProcess":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort at interpreter exit
        try:
            self.close()
        except Exception:
            pass

    # -- one exchange, watched

    def _call(self, header: Mapping[str, Any], buffers: list[bytes] = (), *,  # type: ignore[assignment]
              stage: str, budget: float, started: float) -> tuple[dict[str, Any], list[bytes]]:
        proc = self._proc
        assert proc is not None
        deadline = started + budget

        def crash(kind: str, **kw: Any) -> ModelCrashError:
            if proc.poll() is None:
                _kill(proc)
            code = proc.wait()
            if kind in ("signal", "exit"):
                if code < 0:
                    kind, kw = "signal", {**kw, "signal": _signal_name(-code)}
                else:
                    kind, kw = "exit", {**kw, "exit_code": code}
            tail = self._log_tail()
            self._proc = None
            return ModelCrashError(Crash(kind=kind, stage=stage, seconds=time.perf_counter() - started,
                                         log_tail=tail, **kw))

        def wait() -> None:
            """Block until the child has something to read; raise the crash when it dies, hangs or bloats."""
            while True:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise crash("timeout", limit=budget)
                ready, _, _ = select.select([self._from_child], [], [], min(left, 0.05))
                if ready:
                    return
                if proc.poll() is not None:
                    raise crash("signal")
                rss = _rss(proc.pid)
                if rss is not None and rss > self.memory_limit:
                    raise crash("memory", limit=float(self.memory_limit))

        try:
            _send(self._to_child, header, list(buffers))
            return _receive(self._from_child, wait)
        except (_Closed, BrokenPipeError, ConnectionResetError):
            raise crash("signal") from None
        except ModelCrashError:
            self._healthy = False
            raise

    def _log_tail(self) -> tuple[str, ...]:
        if self._log is None:
            return ()
        try:
            self._log.flush()
            self._log.seek(0, os.SEEK_END)
            size = self._log.tell()
            self._log.seek(max(self._log_start, size - 16384))
            text = self._log.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ()
        # (absl's "Check failure stack trace" frames are addresses: the lines before them say what failed)
        lines = [line[:500] for line in text.splitlines()
                 if line.strip() and not _STACK_FRAME.match(line) and not _NOISE.search(line)]
        return tuple(lines[-LOG_TAIL_LINES:])


MAX_IDLE = 1
"""Idle children kept per kernels choice (each holds an imported TensorFlow, a few hundred MB)."""
_IDLE: dict[str, list[tuple[Any, int, int, Any, Any]]] = {}


def _discard(handles: tuple[Any, int, int, Any, Any]) -> None:
    proc, to_child, from_child, log, tmp = handles
    if proc.poll() is None:
        try:
            _send(to_child, {"op": "close"})
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if proc.poll() is None:
            _kill(proc)
    for fd in (to_child, from_child):
        try:
            os.close(fd)
        except OSError:
            pass
    log.close()
    tmp.cleanup()


@atexit.register
def _stop_idle() -> None:
    for handles in [h for idle in _IDLE.values() for h in idle]:
        _discard(handles)
    _IDLE.clear()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the child leads its own session: its helpers go too
    except (ProcessLookupError, PermissionError):
        try:
            proc.kill()
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def start_model(location: str | ModelInfo, *, tag_set: str = "serve", allow_unsafe_ops: bool = False,
                kernels: str = kernels_mod.DEFAULT, timeout: float = DEFAULT_TIMEOUT,
                memory_limit: int | None = None) -> ModelProcess:
    """Read and scan the SavedModel at ``location`` here (no TensorFlow in this process), then load it in a child
    process with ``kernels``.  Raises UnsafeModelError (before any child starts), ExecutionError when TensorFlow
    refuses the model, ModelCrashError when the child dies while loading it."""
    from .session import scanned_local_copy

    kernels_mod.check(kernels)
    info = location if isinstance(location, ModelInfo) else read_model(location, tag_set=tag_set)
    local_dir, allowed = scanned_local_copy(info, tag_set=tag_set, allow_unsafe_ops=allow_unsafe_ops)
    model = ModelProcess(info, local_dir, tag_set=tag_set, kernels=kernels, timeout=timeout,
                         memory_limit=memory_limit or default_memory_limit(), allowed_unsafe_ops=allowed)
    model.start()
    return model


# ------------------------------------------------------------------------------------------------ child side


def _serve(read_fd: int, write_fd: int, sandbox: str) -> int:
    model = None
    while True:
        try:
            header, buffers = _receive(read_fd)
        except _Closed:
            return 0
        op = header.get("op")
        if op == "close":
            return 0
        if op == "unload":  # (the process stays, TensorFlow imported, for the next model)
            if model is not None:
                model.close()
                model = None
            _send(write_fd, {"unloaded": True})
            continue
        if op == "load":
            from .session import open_session

            started = time.perf_counter()
            try:
                info = read_model(header["dir"], tag_set=header["tag_set"])
                model = open_session(info, header["dir"], tag_set=header["tag_set"], quiet=False)
            except ExecutionError as exc:
                _send(write_fd, {"error": {"message": exc.message, "hint": exc.hint}})
                continue
            _send(write_fd, {"load_seconds": time.perf_counter() - started,
                             "onednn": kernels_mod.active_in_this_process(), "sandbox": sandbox})
        elif op == "run" and model is not None:
            try:
                result = model.run(header["signature"], _decode_arrays(header["feeds"], buffers))
            except Exception as exc:  # not the model's error (those are data): sigcheck's, said as it is
                _send(write_fd, {"error": {"message": f"running the model failed: {type(exc).__name__}: {exc}"}})
                continue
            if result.error is not None:
                _send(write_fd, {"run_error": {"status_code": result.error.status_code,
                                               "message": result.error.message}, "seconds": result.seconds})
                continue
            specs, out = _encode_arrays(result.outputs or {})
            _send(write_fd, {"outputs": specs, "dtypes": result.dtypes, "seconds": result.seconds}, out)
        else:
            _send(write_fd, {"error": {"message": f"the model process got an unexpected message: {op!r}"}})


_CHILD_MAIN = "import sys; from sigcheck.serving.child import main; sys.exit(main(sys.argv))"
"""How the child starts (``-c``, not ``-m``: runpy warns when the package has already imported the module)."""


def main(argv: list[str]) -> int:
    from .sandbox import restrict

    sandbox = restrict(tempfile.gettempdir())  # (first: one thread, nothing of the model's read yet)
    return _serve(int(argv[1]), int(argv[2]), sandbox)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
