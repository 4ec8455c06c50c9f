"""What every command shares: error handling (exit 2 with one line), stdout/stderr, atomic output files.

Exit codes: 0 ok; 1 findings / a verdict against the input; 2 cannot run (usage, unreadable input, missing extra,
internal error).  stdout carries only data; stderr carries progress, summaries, warnings and errors.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Callable, Mapping, Sequence, TypeVar

from ..errors import SigcheckError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2

F = TypeVar("F", bound=Callable[..., Any])


def debug_enabled() -> bool:
    return os.environ.get("SIGCHECK_DEBUG", "").lower() in ("1", "true", "yes")


def say_error(message: str, hint: str | None = None) -> None:
    """Print ``error: message`` (and ``hint: …``) on stderr."""
    sys.stderr.write(f"error: {message}\n")
    if hint:
        sys.stderr.write(f"hint: {hint}\n")


def fail(message: str, hint: str | None = None) -> Any:
    """Print ``error: message`` (and ``hint: …``) on stderr; return the typer.Exit(2) to raise."""
    import typer

    say_error(message, hint)
    return typer.Exit(EXIT_CANNOT_RUN)


ERROR_KINDS = (("MissingExtraError", "missing_extra"), ("ModelError", "model"), ("InputError", "input"),
               ("StorageError", "storage"), ("ExecutionError", "execution"), ("SigcheckError", "error"))
"""Exception class (or a base) → the ``kind`` of a ``--json`` error document, most specific first."""


JSON_TO_OUTPUT = frozenset({"diff", "explain", "gate", "inspect", "predict", "sample", "schema"})
"""Commands whose ``--output`` receives the JSON document itself (then stdout stays empty on errors too).  For
``validate`` (``-o`` is where ``--fix`` writes) and ``export`` (``-o`` is the model's base path) the JSON report
always goes to stdout."""


def _json_mode(kwargs: dict[str, Any], name: str = "") -> bool:
    """The command was asked for JSON on stdout (``--json``, ``--format json`` or SIGCHECK_FORMAT=json)."""
    if name.removesuffix("_command") in JSON_TO_OUTPUT and kwargs.get("output") not in (None, "-"):
        return False  # the data goes to a file, which is never half-written; stdout stays empty
    if kwargs.get("as_json"):
        return True
    if "fmt" in kwargs:
        fmt = kwargs.get("fmt") or os.environ.get("SIGCHECK_FORMAT", "")
        return fmt.strip().lower() == "json"
    return False


def json_error(exc: BaseException | None, message: str, hint: str | None) -> str:
    """The ``--json`` document for a command that cannot run (exit 2): one object, so ``| jq`` still parses."""
    import json

    kind = "internal"
    if exc is not None:
        names = {c.__name__ for c in type(exc).__mro__}
        kind = next((k for name, k in ERROR_KINDS if name in names), "internal")
    return json.dumps({"error": {"kind": kind, "message": message, "hint": hint}, "exit_code": EXIT_CANNOT_RUN},
                      ensure_ascii=False) + "\n"


def _typer_exit_code(exc: BaseException) -> int | None:
    """The code of a ``typer.Exit`` raised inside a command (None for any other exception).  typer is looked up,
    not imported: a command run without typer (``inspect --json``, see :mod:`sigcheck.cli`) cannot raise one."""
    typer = sys.modules.get("typer")
    if typer is not None and isinstance(exc, typer.Exit):
        return int(exc.exit_code)
    return None


def guarded(fn: Callable[..., Any], args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None) -> int:
    """Run a command's body and return its exit code: what :func:`command` does, without typer.

    SigcheckError → one line + hint, exit 2; an unexpected exception → one line, exit 2.  With ``--json`` (or
    ``--format json``) and no ``--output`` file, stdout also gets one JSON object
    ``{"error": {"kind", "message", "hint"}, "exit_code": 2}``: a CI step piping to ``jq`` reads an error, not
    nothing.  ``fn`` returns its exit code (int) or None for 0.
    """
    from .. import storage

    kwargs = dict(kwargs or {})
    storage.report_transfers(TransferProgress)
    try:
        code = fn(*args, **kwargs)
    except SigcheckError as exc:
        if debug_enabled():
            import traceback

            traceback.print_exc()
        if _json_mode(kwargs, fn.__name__):
            write_stdout(json_error(exc, str(exc), exc.hint))
        say_error(str(exc), exc.hint)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:  # a raw write the helpers below did not cover: stop quietly
        reader_gone()
        return EXIT_OK
    except Exception as exc:  # the one place a bug is caught: say so, never a traceback unless asked
        exit_code = _typer_exit_code(exc)
        if exit_code is not None:
            return exit_code
        if debug_enabled():
            import traceback

            traceback.print_exc()
        message = f"internal error: {type(exc).__name__}: {exc}"
        hint = "re-run with SIGCHECK_DEBUG=1 for the traceback, and report it"
        if _json_mode(kwargs, fn.__name__):
            write_stdout(json_error(None, message, hint))
        say_error(message, hint)
        return EXIT_CANNOT_RUN
    return code or EXIT_OK


def command(fn: F) -> F:
    """Wrap a typer command with :func:`guarded`: its exit code becomes ``typer.Exit(code)``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        import typer

        raise typer.Exit(guarded(fn, args, kwargs))

    return wrapper  # type: ignore[return-value]


def flush_stdout() -> None:
    """Flush stdout at the end of a run; a reader that went away (``| head``) is not an error."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
    except (OSError, ValueError):
        pass


class TransferProgress:
    """Progress of one gs:// transfer on stderr, shown only once it is known to be over
    ``storage.PROGRESS_THRESHOLD``: a rich bar on a terminal, one line otherwise (logs stay readable)."""

    def __init__(self, verb: str, location: str) -> None:
        self.verb = verb
        self.location = location
        self.bar: Any = None
        self.task: Any = None
        self.announced = False

    def __call__(self, done: int, total: int) -> None:
        from .. import storage

        if total < storage.PROGRESS_THRESHOLD:
            return
        if not sys.stderr.isatty():
            if not self.announced:
                sys.stderr.write(f"{self.verb}ing {self.location} ({total / 1e6:.1f} MB)\n")
                self.announced = True
            return
        if self.bar is None:
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

            self.bar = Progress(TextColumn(f"{self.verb} {{task.description}}"), BarColumn(), DownloadColumn(),
                                TransferSpeedColumn(), console=stderr_console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.location, total=total)
        self.bar.update(self.task, completed=done, total=total)
        if done >= total:
            self.bar.stop()


READER_GONE = False
"""Set once stdout's reader went away (``sigcheck … | head``) and stdout was pointed at os.devnull."""


def reader_gone(stream: Any = None) -> None:
    """The reader of ``stream`` (stdout) went away, e.g. ``| head``: send the rest to os.devnull.

    The command then runs to its end and keeps its own exit code, with no BrokenPipeError traceback (the way
    Python's documentation handles SIGPIPE).  A stream without a file descriptor (a test's capture) is left alone.
    """
    global READER_GONE
    stream = sys.stdout if stream is None else stream
    try:
        fd = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (AttributeError, OSError, ValueError):
        return
    try:
        os.dup2(devnull, fd)
    except OSError:
        return
    finally:
        os.close(devnull)
    if fd == 1:
        READER_GONE = True


def write_stdout(data: str | bytes) -> None:
    """Data to stdout, byte-exact for bytes (never through rich), valid UTF-8 for text (:func:`valid_text`); a
    reader that went away is not an error."""
    try:
        if isinstance(data, str):
            from ..diagnostics import valid_text

            data = valid_text(data)
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()


def write_output(location: str, text: str | bytes) -> None:
    """Write a report/file atomically to a local path or gs:// URI (nothing half-written is left behind)."""
    from .. import storage

    from ..diagnostics import valid_text

    data = valid_text(text).encode("utf-8") if isinstance(text, str) else text
    storage.write_bytes(location, data)


def check_output(location: str | None) -> None:
    """Refuse now, before any slow work (TensorFlow, a model run), an ``-o`` file :func:`write_output` would refuse
    afterwards, with the same one-line error (a missing folder, a file in the way, a folder given, no permission, a
    read-only disk): a probe file is made in its folder and removed at once.  stdout (``-``) and gs:// URIs are
    left to the write."""
    if not location or location == "-" or "://" in location:
        return
    import errno
    import tempfile

    from ..storage.local import os_error

    if os.path.isdir(location):
        raise os_error(location, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), "write")
    try:
        fd, probe = tempfile.mkstemp(prefix=".sigcheck-probe-", dir=os.path.dirname(os.path.abspath(location)))
    except OSError as exc:
        raise os_error(location, exc, "write") from None
    os.close(fd)
    os.unlink(probe)


SHAPE_CHECK_HELP = ("declared vs sent shapes, which TF Serving never compares: rank (default: another rank is an "
                    "error, as almost every model fails on it; another size a warning) | error (enforce the declared "
                    "contract) | warn (all warnings) | off")
"""The help of ``--shape-check``; its choices and default are sigcheck.validate.core's SHAPE_CHECKS and
SHAPE_CHECK_DEFAULT (checked there)."""


def shape_check_option(help: str = SHAPE_CHECK_HELP) -> Any:
    """The one ``--shape-check`` option of validate, gate and batch (None = SHAPE_CHECK_DEFAULT)."""
    import typer

    return typer.Option(None, "--shape-check", show_default=False, help=help)


def emit(text: str, output: str | None) -> None:
    """The data of a command: to ``output`` when given (and say so on stderr), else to stdout."""
    if output and output != "-":
        write_output(output, text)
        sys.stderr.write(f"wrote {output}\n")
    else:
        write_stdout(text)


UNWRAPPED_WIDTH = 1_000_000
"""Console width when the output is not a terminal: lines are never wrapped, table cells never cut."""


@functools.lru_cache(maxsize=1)
def _console_class() -> Any:
    from rich.console import Console

    class PipeSafeConsole(Console):  # type: ignore[misc]
        """rich's Console, except that a reader going away (``| head``) is not an exit with code 1."""

        def on_broken_pipe(self) -> None:
            reader_gone(self.file)

    return PipeSafeConsole


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def make_console(*, stderr: bool = False, no_color: bool = False) -> Any:
    """A rich Console for human output: colour only on a TTY (NO_COLOR honoured by rich).

    On a terminal rich wraps to its width; anywhere else (a pipe, a file, CI logs) nothing is wrapped or cut, so
    long paths, messages and tensor names stay on one line and can be grepped and copied.
    """
    wide: dict[str, Any] = {} if _is_tty(sys.stderr if stderr else sys.stdout) else {
        "width": UNWRAPPED_WIDTH, "soft_wrap": True}
    return _console_class()(stderr=stderr, no_color=no_color or None, highlight=False, **wide)


def stderr_console(no_color: bool = False) -> Any:
    """A rich Console on stderr (see :func:`make_console`)."""
    return make_console(stderr=True, no_color=no_color)


def stdout_console(no_color: bool = False) -> Any:
    """A rich Console on stdout (see :func:`make_console`)."""
    return make_console(no_color=no_color)


MAX_STDIN_BYTES = 4 << 30
"""The most sigcheck reads from stdin (``-``): a pipe that never ends (``yes |``, ``< /dev/zero``) stops here."""


def _read_stdin() -> bytes:
    """stdin, whole: a pipe, a file or a terminal; not a device that never ends (``< /dev/zero``), not past
    :data:`MAX_STDIN_BYTES`."""
    import stat

    from ..errors import InputError

    stream = sys.stdin.buffer
    try:
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # (a replaced sys.stdin, as in tests)
        mode = None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) and not os.isatty(stream.fileno()):
        raise InputError("stdin is a device, not a file or a pipe; sigcheck reads regular files and pipes only",
                         hint="redirect a file (< request.json) or pipe one in (cat request.json | sigcheck …)")
    chunks, total = [], 0
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_STDIN_BYTES:
            raise InputError(f"stdin: more than {MAX_STDIN_BYTES >> 30} GiB without an end",
                             hint="pass the file by name instead of on stdin")
        chunks.append(chunk)


def read_input(location: str) -> bytes:
    """Read a user-given file (``-`` = stdin; local or gs://)."""
    if location == "-":
        return _read_stdin()
    from .. import storage
    from ..errors import InputError, StorageError

    try:
        return storage.read_bytes(location)
    except StorageError as exc:
        raise InputError(str(exc), hint=exc.hint) from None
