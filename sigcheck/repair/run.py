"""``repair_model``: plan, write the repaired SavedModel into a staging folder, prove it, then publish the version.

Nothing is published unless (1) every sample request through every repaired signature, run the way TF Serving
runs it (a TF1 session over the new folder), gives the original model's outputs, and (2) the gate finds none of the
findings the repairs were for.  The version appears atomically (:class:`sigcheck.training.versions.Staging`: a
hidden folder renamed into place, or an upload with saved_model.pb last), never over an existing version.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Mapping

import numpy as np

from .. import storage
from ..diagnostics import Diagnostic
from ..errors import ExecutionError, InputError
from ..model import read_model
from ..model.types import ModelInfo
from .plan import Plan, RepairOptions, plan_repair, unrepaired
from .verify import Check, Truth, check_signatures
from .verify import compare as verify_compare

REPAIR_FILE = "repair.json"
"""Written to ``assets.extra/`` of the new version: what was changed and how it was checked."""
WARMUP_FILE = "assets.extra/tf_serving_warmup_requests"
STALE_SIDECARS = ("assets.extra/signature.json", "assets.extra/gate.json", "assets.extra/request.json")
"""``sigcheck export``'s sidecar files describe the old model: not copied (signature.json is written anew)."""

Listener = Callable[[str], None]

NOTHING, DRY_RUN, REPAIRED, FAILED = "nothing to repair", "dry run", "repaired", "not repaired"


@dataclass
class RepairResult:
    """What a repair did (or, with ``--dry-run``, would do)."""

    source: str
    """The version folder that was repaired."""
    plan: Plan
    status: str
    base: str | None = None
    version: int | None = None
    location: str | None = None
    """The new version folder (the one it would be, for a dry run; None when nothing was published)."""
    checks: list[Check] = field(default_factory=list)
    gate_after: list[Diagnostic] = field(default_factory=list)
    """The repaired model's gate findings."""
    left: list[Diagnostic] = field(default_factory=list)
    """Findings a repair was for that are still there (then nothing is published)."""
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def published(self) -> bool:
        return self.status == REPAIRED

    @property
    def ok(self) -> bool:
        """The command's verdict (exit 0): nothing failed, and nothing is left that the gate calls an error (for a
        dry run, or when nothing was repaired: no error of the model is left once the planned changes are made)."""
        if self.status == FAILED:
            return False
        if self.status == REPAIRED:
            return not any(d.severity.value == "error" for d in self.gate_after)
        return not self.plan.left_errors()

    @property
    def exit_code(self) -> int:
        """0 when :attr:`ok`, else 1 (the README's exit codes: 1 is a verdict, a gate that still fails)."""
        return 0 if self.ok else 1

    def verdict_lines(self) -> list[str]:
        """The closing lines of the command's stderr (after the changes, proposals and checks): what happened and
        why the exit code is what it is."""
        plan, source = self.plan, self.source
        if self.status == NOTHING:
            return [f"nothing to repair in {source}"]
        if self.status == REPAIRED:
            lines = [f"repaired {source} → {self.location} in {self.seconds:.1f} s"]
            errors = [d for d in self.gate_after if d.severity.value == "error"]
            if errors:
                lines.append(f"error: the new version still fails the gate on what sigcheck cannot repair "
                             f"({len(errors)} error(s): " + ", ".join(sorted({d.code for d in errors}))
                             + f"); see `sigcheck gate {self.location}`")
            return lines
        if self.status == FAILED and plan.changes:
            return ["error: the repaired model did not pass the checks; nothing was published"]
        choice = plan.needs_choice()
        cannot = [d for d in plan.left_errors() if d not in choice]
        why = ([f"{len(choice)} error(s) need a choice; run again with the proposed flag (above)"] if choice else []) \
            + ([f"{len(cannot)} error(s) sigcheck cannot repair (not repaired, above); see `sigcheck gate {source}`"]
               if cannot else [])
        hints = list(dict.fromkeys(d.hint for d in cannot if d.hint))
        if plan.changes:  # a dry run
            head = f"dry run: would write {self.location or 'a new version (give --output)'}; nothing written"
            return [head + ("; the new version would still fail the gate: " + "; ".join(why) if why else "")] \
                + [f"hint: {h}" for h in hints]
        return [f"nothing repaired in {source}" + (" (dry run)" if self.status == DRY_RUN else "") + ": "
                + "; ".join(why)] + [f"hint: {h}" for h in hints]

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "status": self.status,
            "model": self.source,
            "output": self.location,
            "base_path": self.base,
            "version": self.version,
            "method": self.plan.method,
            "changes": [c.to_json() for c in self.plan.changes],
            "proposals": list(self.plan.proposals),
            "not_repaired": [d.to_json() for d in self.plan.problems],
            "checks": [c.to_json() for c in self.checks],
            "still_failing": [d.to_json() for d in self.left],
            "gate_after": [d.to_json() for d in self.gate_after],
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
        }


def _slot(output: str, info: ModelInfo) -> Any:
    """The version to write: ``output`` as a base path (its next version), or ``output`` itself when it is a new
    numeric version folder (``models/m/7``).  Never the input, never inside another SavedModel's folder."""
    from ..training.versions import choose_version

    out = output.rstrip("/") or output
    _refuse_saved_model_folder(output, out, info)
    name = storage.basename(out)
    if name.isdigit() and not storage.exists(out):
        slot = choose_version(storage.parent(out), int(name))
    else:
        slot = choose_version(out)
    if info.model_dir and os.path.abspath(slot.location) == os.path.abspath(info.model_dir):
        raise InputError(f"{slot.location}: is the model being repaired; sigcheck never writes over its input",
                         hint="give the base path (the repair becomes its next version) or another folder")
    return slot


def _own_base(info: ModelInfo) -> str | None:
    """The base path of the model being repaired, as the user wrote it (None when it is not in a version folder)."""
    folder = (info.model_dir or info.source).rstrip("/")
    head, _, tail = folder.rpartition("/")
    return (head or ".") if tail.isdigit() else None


def _same_folder(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/") if storage.is_remote(a) or storage.is_remote(b) else \
        os.path.abspath(a) == os.path.abspath(b)


def _refuse_saved_model_folder(output: str, out: str, info: ModelInfo) -> None:
    """``--output`` naming a SavedModel folder: the hint points at this model's own base path (or a new one named
    after it), never at the base path of the model that folder belongs to."""
    from ..training.versions import SAVED_MODEL_FILES

    if not storage.is_dir(out) or not any(storage.exists(storage.join(out, f)) for f in SAVED_MODEL_FILES):
        return
    own = _own_base(info)
    name = storage.basename(out)
    its_base = (out.rpartition("/")[0] or ".") if name.isdigit() else None
    if own is not None:
        hint = f"use --output {own} (this model's base path: the repair becomes its next version)"
    else:
        folder = (info.model_dir or info.source).rstrip("/")
        hint = f"use --output {folder}_repaired (a new base path named after this model; the repair is its version 1)"
    if info.model_dir and _same_folder(out, info.model_dir):
        raise InputError(f"{output}: is a SavedModel folder, the model being repaired; sigcheck never writes over its "
                         "input, and --output takes a TF Serving base path", hint=hint)
    if its_base is not None and own is not None and _same_folder(its_base, own):
        raise InputError(f"{output}: is a SavedModel folder (version {name} of this model); --output takes its base "
                         "path", hint=hint)
    where = f", version {name} of another model (base path {its_base})" if its_base is not None else \
        " of another model"
    raise InputError(f"{output}: is a SavedModel folder{where}; --output takes a base path for this model, whose "
                     "next version the repair becomes", hint=hint)


def repair_model(location: str | ModelInfo, options: RepairOptions, *, listener: Listener | None = None,
                 compare: Callable[..., Any] | None = None,
                 before_tensorflow: Callable[[], None] | None = None) -> RepairResult:
    """Repair the model at ``location`` into a new version (see the module docstring).

    ``compare`` replaces :func:`sigcheck.repair.verify.compare` (tests use it to make the check fail on purpose);
    ``before_tensorflow`` is called once the flags are checked, just before TensorFlow is first needed (the CLI
    imports it quietly there): nothing to repair, ``dry_run`` and bad flags never import TensorFlow.
    Raises InputError for flags that do not fit the model; a failed check is a result (``status`` not repaired).
    """
    started = time.perf_counter()
    say = listener or (lambda message: None)
    info = location if isinstance(location, ModelInfo) else read_model(location)
    if info.model_dir and not storage.is_remote(info.model_dir):
        from .files import check_model_files

        check_model_files(info.model_dir)  # (links out of the folder, FIFOs, devices: refused before anything runs)
    plan = plan_repair(info, options)
    source = info.model_dir or info.source
    if options.output is None and not options.dry_run:
        raise InputError("sigcheck repair needs --output BASE_PATH (where the repaired version goes)",
                         hint=f"--output {storage.parent(source)} writes the next version beside this one")
    slot = _slot(options.output, info) if options.output else None
    # (a real run is "not repaired" until its version is published)
    status = NOTHING if not plan.changes and not plan.left_errors() else DRY_RUN if options.dry_run else FAILED
    result = RepairResult(source=source, plan=plan, notes=list(plan.notes), status=status,
                          base=slot.base if slot else None, version=slot.version if slot else None,
                          location=slot.location if slot and plan.changes else None)
    if not plan.changes or options.dry_run:
        result.seconds = time.perf_counter() - started
        return result
    with _interruptible() as stop:
        try:
            return _repair(info, plan, options, slot, result, say, compare, before_tensorflow, started, stop)
        except Exception:
            # the signal's KeyboardInterrupt raised inside TensorFlow's C++ can come out as another error (pybind11's
            # "ORIGINAL InvalidArgumentError REPLACED BY KeyboardInterrupt", read as a model that does not load): a
            # repair told to stop was interrupted, not failed (the staging folder is gone either way)
            if stop.signalled:
                raise KeyboardInterrupt from None
            raise


class _Stop:
    """Ctrl-C or SIGTERM seen: raised at once, and again at each :meth:`check` (TensorFlow's import and C++ calls
    can swallow an exception raised inside them; a repair that was told to stop never publishes)."""

    def __init__(self) -> None:
        self.signalled = False

    def __call__(self, signum: int, frame: Any) -> None:
        self.signalled = True
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.signalled:
            raise KeyboardInterrupt


@contextlib.contextmanager
def _interruptible() -> Iterator[_Stop]:
    """SIGTERM (``timeout``, a CI cancel) ends a repair as Ctrl-C does: the staging folder is removed on the way out
    (``KeyboardInterrupt`` through :class:`~sigcheck.training.versions.Staging`; the CLI says ``interrupted``, exit
    130).  A handler is installed only where Python's default one is (an embedding application's stay), only in the
    main thread, and the previous one is put back."""
    stop = _Stop()
    previous: dict[int, Any] = {}
    for sig, default in ((signal.SIGTERM, signal.SIG_DFL), (signal.SIGINT, signal.default_int_handler)):
        try:
            if signal.getsignal(sig) is default:
                previous[sig] = signal.signal(sig, stop)
        except ValueError:  # not the main thread: its handlers are its own
            break
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _repair(info: ModelInfo, plan: Plan, options: RepairOptions, slot: Any, result: RepairResult, say: Listener,
            compare: Callable[..., Any] | None, before_tensorflow: Callable[[], None] | None,
            started: float, stop: _Stop) -> RepairResult:
    """The writing half of :func:`repair_model`: stage, check, publish."""
    source = result.source
    from ..serving.child import start_model
    from ..serving.kernels import apply
    from ..serving.session import captured_stderr, scanned_local_copy
    from ..training.versions import Staging

    apply("stock")  # (before this process imports TensorFlow: the truth is computed with TF Serving's kernels)

    local_dir, _ = scanned_local_copy(info)  # the op safety scan comes before TensorFlow sees the model
    if before_tensorflow is not None:
        before_tensorflow()
    drop: tuple[str, ...] = STALE_SIDECARS + tuple(
        f"assets.extra/{n}" for n in _listing(local_dir, "assets.extra") if n.startswith("request.") and n.endswith(".json"))
    if (plan.renames() or plan.kept_default()) and os.path.exists(os.path.join(local_dir, WARMUP_FILE)):
        drop += (WARMUP_FILE,)
        why = "use the old names" if plan.renames() else "were written for the old serving_default"
        result.notes.append(f"the warm-up requests (assets.extra/tf_serving_warmup_requests) {why} and "
                            "were not copied: write new ones with `sigcheck warmup`")
    with Staging(slot) as stage:
        say(f"writing the repaired model (version {slot.version}, {plan.method})")
        try:
            # what TensorFlow's C++ writes to fd 2 while it saves is held back as while it loads: shown if the write
            # fails, not when the run is interrupted (a SIGTERM inside tracing left TensorFlow's own 'SystemError:
            # <built-in function __import__> returned a result with an exception set' traceback before 'interrupted')
            with captured_stderr():
                truth, cleanup = _write(plan, options, info, local_dir, stage.path, drop)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise ExecutionError(f"{source}: TensorFlow could not write the repaired model: {_first_line(exc)}",
                                 hint="re-run with SIGCHECK_DEBUG=1 for the traceback; nothing was published") from exc
        except Exception as exc:  # noqa: BLE001 - TensorFlow's OpError tree, imported lazily: re-raised as ours
            if type(exc).__module__.startswith("tensorflow"):
                raise ExecutionError(f"{source}: TensorFlow could not write the repaired model: {_first_line(exc)}",
                                     hint="re-run with SIGCHECK_DEBUG=1 for the traceback; nothing was published"
                                     ) from exc
            raise
        stop.check()
        try:
            say("checking the repaired model the way TF Serving loads it (TF1 session, its own process)")
            staged = read_model(stage.path)
            repaired = start_model(staged)  # (stock kernels whatever this process runs; a crash is a failed check)
            try:
                result.checks = check_signatures(repaired, staged, truth, same=compare or verify_compare)
            finally:
                repaired.close()
        finally:
            cleanup()
        from ..gate import run_gate

        # (the findings name the version the repair becomes, not the staging folder that is gone once it is
        # published or refused; the gate still reads the staged files, as export's gate does)
        as_version = replace(staged, source=slot.location, version=slot.version, model_dir=stage.path)
        result.gate_after = list(run_gate(as_version, target=options.target).findings)
        result.left = unrepaired(plan, result.gate_after)
        stop.check()
        if result.left or not all(c.ok for c in result.checks):
            result.status, result.location = FAILED, None
            result.seconds = time.perf_counter() - started
            return result  # leaving the block removes the staging folder: nothing is published
        extra = os.path.join(stage.path, "assets.extra")
        os.makedirs(extra, exist_ok=True)
        record = {"repaired_from": source, "changes": [c.to_json() for c in plan.changes],
                  "checks": [c.to_json() for c in result.checks]}
        with open(os.path.join(extra, REPAIR_FILE), "w", encoding="utf-8") as fh:
            fh.write(json.dumps(record, indent=1) + "\n")
        from ..model import contract

        with open(os.path.join(extra, "signature.json"), "w", encoding="utf-8") as fh:
            fh.write(contract.dumps(replace(staged, source=slot.location, version=slot.version)))
        stop.check()
        say(f"publishing {slot.location}")
        result.location = stage.publish()
    result.status = REPAIRED
    result.seconds = time.perf_counter() - started
    return result


def _first_line(exc: BaseException) -> str:
    text = (getattr(exc, "message", None) or str(exc)).strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def _listing(folder: str, sub: str) -> list[str]:
    path = os.path.join(folder, sub)
    return sorted(os.listdir(path)) if os.path.isdir(path) else []


def _write(plan: Plan, options: RepairOptions, info: ModelInfo, local_dir: str, stage: str,
           drop: tuple[str, ...]) -> tuple[dict[str, Truth], Callable[[], None]]:
    """Write the repaired SavedModel into ``stage``; the truth function of each new signature, and a cleanup."""
    if plan.method == "objectgraph":
        from .objectgraph import resave

        image = plan.image()
        scale = str(image["scale"]) if image is not None else "unit"
        out = resave(local_dir, info.tags, stage, renames=plan.renames(), alias=plan.alias(), image=image,
                     image_scale=scale, keep_default_as=plan.kept_default())
        from .graphdef import copy_files

        _copy_extra(local_dir, stage, drop, copy_files)
        return out.truth, lambda: None
    from . import graphdef
    from ..serving.session import load_model

    sm = graphdef.read_saved_model(local_dir)
    mg = graphdef.meta_graph_for(sm, info.tags)
    if plan.bindings():
        graphdef.bind_placeholders(mg, plan.bindings())
    if plan.alias():
        graphdef.add_alias(mg, plan.alias() or "", keep_as=plan.kept_default())
    if plan.renames():
        graphdef.rename_tensors(mg, plan.renames())
    graphdef.write(sm, local_dir, stage, drop=drop)
    original = load_model(info)
    return _session_truth(original, info, plan), original.close


def _copy_extra(local_dir: str, stage: str, drop: tuple[str, ...], copy_files: Callable[..., None]) -> None:
    """The re-save writes saved_model.pb, variables/ and assets/; assets.extra/ (warm-up, sidecars) is copied."""
    extra = os.path.join(local_dir, "assets.extra")
    if os.path.isdir(extra):
        copy_files(extra, os.path.join(stage, "assets.extra"),
                   drop=tuple(os.path.relpath(d, "assets.extra") for d in drop))


def _session_truth(original: Any, info: ModelInfo, plan: Plan) -> dict[str, Truth]:
    """Truth for a TF1 graph: the original model in a session, each bound placeholder fed its bound value."""
    graph, session = original.graph, original.session
    renames = plan.renames()
    back = {new: old for old, new in renames.items()}
    bound = {}
    for name, b in plan.bindings().items():
        tensor = graph.get_tensor_by_name(f"{name}:0")
        bound[tensor] = np.full(tuple(b["shape"] or ()), b["value"], dtype=tensor.dtype.as_numpy_dtype)
    keys = {k: k for k in info.signatures}
    if plan.kept_default():
        keys[plan.kept_default() or ""] = "serving_default"
    if plan.alias():
        keys["serving_default"] = plan.alias() or ""

    def truth_for(original_key: str) -> Truth:
        sig = info.signatures[original_key]

        def run(feeds: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
            feed = {graph.get_tensor_by_name(sig.inputs[back.get(k, k)].tensor_name): v for k, v in feeds.items()}
            feed.update({t: v for t, v in bound.items() if t not in feed})  # a signature that feeds it keeps its value
            fetch = {renames.get(a, a): graph.get_tensor_by_name(s.tensor_name) for a, s in sig.outputs.items()}
            return session.run(fetch, feed_dict=feed)

        return run

    return {key: truth_for(orig) for key, orig in keys.items()}
