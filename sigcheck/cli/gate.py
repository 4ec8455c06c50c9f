"""``sigcheck gate MODEL``: the pre-deploy gate for CI (exit 0 pass, 1 fail, 2 cannot run)."""

from __future__ import annotations

import sys
from typing import Any, Iterable, List, Optional

import typer

from .common import command, read_input
from .reporting import plural, resolve_format, severity_counts, summary, write_report


def register(app: typer.Typer) -> None:
    app.command("gate")(gate_command)


def _predictor(info: Any, *, allow_unsafe_ops: bool) -> Any:
    """Run each request through the model as TF Serving would (TensorFlow loaded on the first request).

    Problems become findings: a model that cannot load, a request the graph rejects, outputs REST cannot write.
    """
    from ..diagnostics import Diagnostic, Severity

    state: dict[str, Any] = {}

    def load() -> Any:
        if "model" not in state:
            from ..errors import SigcheckError
            from ..serving.session import load_model

            try:
                state["model"] = load_model(info, allow_unsafe_ops=allow_unsafe_ops)
            except SigcheckError as exc:
                state["model"] = None
                state["error"] = exc
        return state["model"]

    def predict(body: bytes, *, source: str) -> Iterable[Diagnostic]:
        from ..codec.request import decode_request
        from ..codec.response import write_response

        decoded = decode_request(body, info.signatures)
        if not decoded.accepted:
            return []  # request.validate reports it
        model = load()
        if model is None:
            exc = state["error"]
            return [Diagnostic(code="predict.load_failed", category="model_load_failed", severity=Severity.ERROR,
                               message=f"TensorFlow could not load the model to run {source}: {exc}",
                               hint=getattr(exc, "hint", None), subject=source)]
        sig = info.signatures[decoded.signature_name]
        result = model.run(decoded.signature_name, {k: t.array for k, t in decoded.tensors.items()})
        path = f"$.signatures.{sig.key}"
        if result.error is not None:
            return [Diagnostic(code="predict.run_failed", severity=Severity.ERROR,
                               message=f"the model failed on this request ({result.error.status_code})",
                               path=path, upstream=result.error.message, subject=source,
                               hint="run `sigcheck explain` on the server message for the likely cause")]
        dtypes = {k: s.dtype for k, s in sig.outputs.items()}
        status, text = write_response(result.outputs or {}, decoded.format or "row", dtypes)
        if status != 200:
            return [Diagnostic(code="predict.response_failed", severity=Severity.ERROR,
                               message=f"the model ran, but TF Serving cannot write its response (HTTP {status})",
                               path=path + ".outputs", upstream=text.strip(), subject=source,
                               hint="export outputs with a batch dimension and a REST-writable dtype (float32)")]
        return []

    return predict


@command
def gate_command(
    model: str = typer.Argument(..., help="SavedModel folder, TF Serving base path, gs:// URI or signature contract"),
    request: Optional[List[str]] = typer.Option(None, "--request", "-r", help="example request JSON to validate "
                                                "(repeatable; - = stdin)"),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="the model (or contract) this one replaces: "
                                           "breaking signature changes fail the gate"),
    target: Optional[str] = typer.Option(None, "--target", help="tf-serving | vertex | ai-platform "
                                         "[default: tf-serving]"),
    runtime: Optional[str] = typer.Option(None, "--runtime", help="serving runtime, e.g. tf2-cpu.2-15 (Vertex), "
                                          "tensorflow/serving:2.15.0, 2.15"),
    predict: bool = typer.Option(False, "--predict", help="also run each request through the model "
                                 "(needs sigcheck[tf])"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text | json | junit | sarif "
                                      "[env: SIGCHECK_FORMAT; default: text]"),
    as_json: bool = typer.Option(False, "--json", help="same as --format json"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the report to this file (atomic)"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="lowest severity that fails: error | warning "
                                          "[default: error]"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="finding code, rule id or category to "
                                               "ignore; fnmatch patterns (repeatable)"),
    allow_op: Optional[List[str]] = typer.Option(None, "--allow-op", help="allow this file/system or custom op "
                                                 "(repeatable)"),
    size_limit: Optional[str] = typer.Option(None, "--size-limit", help="model folder size limit, e.g. 2GB "
                                             "[default: the target's]"),
    config: Optional[str] = typer.Option(None, "--config", help="pyproject.toml to read [tool.sigcheck] from "
                                         "[default: the nearest one]"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the text report"),
) -> int:
    """Check a model (and example requests) before deploying: exit 1 when the gate fails."""
    from ..gate.policy import combined, load_config, merge, parse_fail_on, parse_size, parse_target
    from ..gate.runner import run_gate
    from ..model import read_model

    cfg = load_config(config)
    for key in cfg.unknown:
        sys.stderr.write(f"warning: {cfg.path}: unknown key {key!r} in [tool.sigcheck] (ignored)\n")
    report_format = resolve_format(fmt, as_json, cfg.format)
    info = read_model(model, tag_set=tag_set)
    paths = list(request or ()) or list(cfg.requests)
    requests = [(p, read_input(p)) for p in paths]
    baseline_location = merge(baseline, cfg.baseline, None)
    old = read_model(baseline_location, tag_set=tag_set) if baseline_location else None
    allowed = combined(allow_op or (), cfg.allow_ops)
    result = run_gate(
        info,
        requests=requests,
        baseline=old,
        target=parse_target(merge(target, cfg.target, "tf-serving")),
        predictor=_predictor(info, allow_unsafe_ops=bool(allowed)) if predict and requests else None,
        fail_on=parse_fail_on(merge(fail_on, cfg.fail_on, "error")),
        ignore=combined(ignore or (), cfg.ignore),
        runtime=merge(runtime, cfg.runtime, None),
        allow_ops=allowed,
        size_limit=parse_size(size_limit) if size_limit else cfg.size_limit,
    )
    write_report(result, report_format, output, no_color=no_color)
    counts = result.check_counts()
    checks = f"{plural(counts['pass'], 'check')} passed, {counts['fail']} failed, {counts['skip']} skipped"
    ignored = f", {result.ignored} ignored" if result.ignored else ""
    if result.ok:
        summary(f"gate passed: {checks}; {severity_counts(result.findings)}{ignored}")
        return 0
    failed = ", ".join(r for r, s in result.checks.items() if s == "fail")
    summary(f"gate failed (fail-on {result.fail_on.value}): {severity_counts(result.findings)}{ignored}; "
            f"{checks}: {failed}")
    return 1
