"""``sigcheck gate MODEL``: the pre-deploy gate for CI (exit 0 pass, 1 fail, 2 cannot run)."""

from __future__ import annotations

import sys
from typing import Any, Iterable, List, Optional

import typer

from .common import check_output, command, read_input, shape_check_option
from .running import kernels_option, memory_option, timeout_option
from .reporting import plural, resolve_format, severity_counts, summary, write_report


def register(app: typer.Typer) -> None:
    app.command("gate")(gate_command)


def _predictor(info: Any, *, allowed_ops: Iterable[str], kernels: str = "stock", timeout: float = 60.0,
               memory_limit: Optional[float] = None) -> Any:
    """Each request through ``sigcheck.serving.predict.LocalServer`` (TensorFlow loaded on the first request).

    What the model or TF Serving's response writer rejects becomes a finding; a model that cannot be loaded is
    one finding for the first request.  The model runs with file/system ops only when every one of them is
    allowed by ``--allow-op``.  Without TensorFlow the gate cannot run as asked: MissingExtraError (exit 2).
    """
    import importlib.util

    from ..diagnostics import Diagnostic, Severity
    from ..errors import MissingExtraError, SigcheckError
    from ..model.safety import UnsafeModelError

    if importlib.util.find_spec("tensorflow") is None:
        from .._optional import install_hint

        raise MissingExtraError("gate --predict runs the model, which needs tensorflow (not installed)",
                                hint=f"{install_hint('tf')}, or drop --predict")
    from .running import local_server

    state: dict[str, Any] = {}
    options = {"kernels": kernels, "timeout": timeout, "memory_limit_gib": memory_limit}

    def server() -> Any:
        try:
            return local_server(info, **options)
        except UnsafeModelError as exc:  # (the server's own scan found them: run it only if each one is allowed)
            if {u.op for u in exc.found} <= set(allowed_ops):
                return local_server(info, allow_unsafe_ops=True, **options)
            raise

    def predict(body: bytes, *, source: str) -> Iterable[Diagnostic]:
        from dataclasses import replace

        from ..serving.predict import CRASH, EXECUTION, OK, REQUEST, RESPONSE

        if "error" in state:  # (said once, for the first request; the others did not run either)
            return [Diagnostic(code="predict.not_run", severity=Severity.INFO, subject=source,
                               message="not run: the model could not be loaded (predict.load_failed above)")]
        try:
            if "server" not in state:
                state["server"] = server()
            p = state["server"].predict(body)
        except SigcheckError as exc:
            state["error"] = exc
            hint = exc.hint
            if isinstance(exc, UnsafeModelError):
                ops = " ".join(f"--allow-op {op}" for op in sorted({u.op for u in exc.found} - set(allowed_ops)))
                hint = f"a SavedModel is a program: if you trust this one, allow its ops with {ops}"
            return [Diagnostic(code="predict.load_failed", category="model_load_failed", severity=Severity.ERROR,
                               message=f"the model could not be run locally: {exc}", hint=hint, subject=source)]
        state["kernels"] = p.kernels or state.get("kernels")
        if p.stage == OK:  # (a 200; what sigcheck.answer found wrong with the answer itself, if anything)
            from ..answer import ANSWER_CODES

            return [replace(f, subject=source) for f in p.findings if f.code in ANSWER_CODES]
        if p.stage == CRASH:  # (the model's process died or was stopped: TF Serving would die or hang too)
            return [replace(f, subject=source) for f in p.findings if f.code == "predict.crash"]
        explained = next(iter(p.explanations), None)
        code, what = {
            REQUEST: ("predict.request_rejected", "TF Serving rejects this request before the model runs"),
            EXECUTION: ("predict.run_failed", "the model fails on this request"),
            RESPONSE: ("predict.response_failed", "the model ran, but TF Serving cannot write the response"),
        }.get(p.stage, ("predict.failed", "the prediction failed"))
        return [Diagnostic(code=code, category=getattr(explained, "category", None), severity=Severity.ERROR,
                           message=f"{what} (HTTP {p.http_status}{' ' + p.status_code if p.status_code else ''})"
                           + (f": {explained.cause}" if getattr(explained, "cause", None) else ""),
                           path=f"$.signatures.{p.signature_name}", upstream=p.error,
                           hint=getattr(explained, "fix", None) or getattr(explained, "hint", None)
                           or "run `sigcheck predict` on it for the full answer, or `sigcheck explain` on the message",
                           subject=source)]

    predict.state = state  # type: ignore[attr-defined]  # (what ran: the summary names the kernels)
    return predict


@command
def gate_command(
    model: Optional[str] = typer.Argument(None, help="SavedModel folder, TF Serving base path, gs:// URI or signature "
                                          "contract (not with --serving-config: the models come from it)"),
    request: Optional[List[str]] = typer.Option(None, "--request", "-r", help="example request JSON to validate "
                                                "(repeatable; - = stdin)"),
    batch: Optional[List[str]] = typer.Option(None, "--batch", help="batch-prediction input (file or glob, local "
                                              "or gs://) to check record by record, as sigcheck batch (repeatable)"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="the signature the --request files "
                                            "mean to call, as validate --signature (a JSON Lines file is the batch "
                                            "sent with \"signature_name\": NAME), and the one the --batch job "
                                            "calls, as sigcheck batch --signature"),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="the model (or contract) this one replaces: "
                                           "breaking signature changes fail the gate"),
    target: Optional[str] = typer.Option(None, "--target", help="tf-serving | vertex | ai-platform "
                                         "(default tf-serving)"),
    runtime: Optional[str] = typer.Option(None, "--runtime", help="serving runtime, e.g. tf2-cpu.2-15 (Vertex), "
                                          "tensorflow/serving:2.15.0, 2.15"),
    predict: bool = typer.Option(False, "--predict", help="also run each request through the model "
                                 "(needs sigcheck\\[tf])"),
    shape_check: Optional[str] = shape_check_option("the requests' declared vs sent shapes, as validate: rank "
                                                    "(default) | error (enforce the declared contract) | warn | off"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="text | json | junit | sarif "
                                      "(env SIGCHECK_FORMAT; default text)"),
    as_json: bool = typer.Option(False, "--json", help="same as --format json"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the report to this file (atomic)"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="lowest severity that fails: error | warning "
                                          "(default error)"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="finding code, rule id or category to "
                                               "ignore; fnmatch patterns (repeatable)"),
    allow_op: Optional[List[str]] = typer.Option(None, "--allow-op", help="allow this file/system or custom op "
                                                 "(repeatable)"),
    size_limit: Optional[str] = typer.Option(None, "--size-limit", help="model folder size limit, e.g. 2GB "
                                             "(default: the target's)"),
    config: Optional[str] = typer.Option(None, "--config", help="pyproject.toml to read \\[tool.sigcheck] from "
                                         "(default: the nearest one)"),
    tag_set: Optional[str] = typer.Option(None, "--tag-set", show_default=False, help="MetaGraph tag set, "
                                          "comma-separated (default serve, what TF Serving loads)"),
    kernels: str = kernels_option(),
    timeout: float = timeout_option(),
    memory_limit: Optional[float] = memory_option(),
    serving_config: Optional[str] = typer.Option(None, "--serving-config", help="TF Serving --model_config_file: "
                                                 "gate every model version it serves"),
    batching_parameters: Optional[str] = typer.Option(None, "--batching-parameters", help="TF Serving "
                                                      "--batching_parameters_file (with --serving-config)"),
    monitoring_config: Optional[str] = typer.Option(None, "--monitoring-config", help="TF Serving "
                                                    "--monitoring_config_file (with --serving-config)"),
    mount: Optional[List[str]] = typer.Option(None, "--mount", help="HOST_DIR:SERVER_PATH (as docker -v): base "
                                              "paths under SERVER_PATH are read from HOST_DIR (repeatable)"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the text report"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="text report: also list the skipped checks and why"),
) -> int:
    """Check a model (and example requests) before deploying: exit 1 when the gate fails."""
    from ..gate.policy import gate_arguments, load_config, merge
    from ..gate.runner import run_gate
    from ..model import read_model

    check_output(output)  # (before the model and any --predict run)
    cfg = load_config(config)
    for key in cfg.unknown:
        import difflib

        from ..gate.policy import KNOWN_KEYS

        close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
        sys.stderr.write(f"warning: {cfg.path}: unknown key {key!r} in [tool.sigcheck] (ignored)"
                         + (f"; did you mean {close[0]!r}?" if close else "") + "\n")
    report_format = resolve_format(fmt, as_json, cfg.format, cfg.path)
    if serving_config is not None or model is None or batching_parameters or monitoring_config or mount:
        from .gate_config import serving_config_gate

        if signature is not None:
            from ..errors import InputError

            raise InputError("--signature applies to the --request files of one model, not to a --serving-config",
                             hint='drop --signature and give each request its "signature_name"')
        if batch and serving_config is not None:
            from ..errors import InputError

            raise InputError("--batch applies to one model, not to a --serving-config (the config lists the models; "
                             "a batch prediction job calls one)",
                             hint="gate the model the job calls with `sigcheck gate MODEL --batch INPUT`")
        if shape_check is not None and serving_config is not None and model is None:
            from ..errors import InputError

            raise InputError("--shape-check judges --request bodies, which apply to one model, not to a "
                             "--serving-config", hint="drop --shape-check (warm-up records' shapes are judged by "
                             "validate's default: another rank than declared is an error, another size a warning)")
        result, predictors = serving_config_gate(
            model, serving_config, batching_parameters, monitoring_config, request=request, baseline=baseline,
            cfg=cfg, target=target, fail_on=fail_on, ignore=ignore, runtime=runtime, allow_op=allow_op,
            size_limit=size_limit, tag_set=tag_set or "serve", predict=predict, kernels=kernels, timeout=timeout,
            memory_limit=memory_limit, make_predictor=_predictor, mounts=mount or ())
        return _report(result, predictors, report_format, output, no_color=no_color, verbose=verbose)
    from ..gate.versions import IncompleteVersion, read_gate_model

    info = read_gate_model(model, tag_set=tag_set)  # (a half-copied highest version is a finding, not exit 2)
    paths = list(request or ()) or list(cfg.requests)
    requests = [(p, read_input(p)) for p in paths]
    baseline_location = merge(baseline, cfg.baseline, None)
    old = read_model(baseline_location, tag_set=tag_set or "serve") if baseline_location else None
    policy = gate_arguments(cfg, target=target, fail_on=fail_on, ignore=ignore, runtime=runtime, allow_op=allow_op,
                            size_limit=size_limit)
    if signature is not None and not isinstance(info, IncompleteVersion):
        from ..batch.plan import batch_signature

        batch_signature(info, signature)  # (validate's check: an unknown name is exit 2 before anything runs)
    predictor = None
    if predict and not isinstance(info, IncompleteVersion):  # (requests, and the model's own warm-up file;
        # TensorFlow starts only when one runs)
        from ..serving.kernels import check

        predictor = _predictor(info, allowed_ops=policy["allow_ops"], kernels=check(kernels), timeout=timeout,
                               memory_limit=memory_limit)
    try:
        result = run_gate(info, requests=requests, baseline=old, predictor=predictor, batch=batch or (),
                          shape_check=merge(shape_check, cfg.shape_check, None), signature=signature, **policy)
    finally:
        if predictor is not None and "server" in predictor.state:
            predictor.state["server"].close()
    label = info.version_label() if not isinstance(info, IncompleteVersion) else None
    return _report(result, [predictor] if predictor is not None else [], report_format, output, no_color=no_color,
                   verbose=verbose, model_label=label)


def _report(result: Any, predictors: List[Any], report_format: str, output: Optional[str], *, no_color: bool,
            verbose: bool, model_label: Optional[str] = None) -> int:
    """Write the gate report and the one-line summary (naming the version checked under a base path: the text
    report's first line, and the summary); the exit code."""
    if model_label and report_format == "text" and not (output and output != "-"):
        from ..report.text import has_content
        from ..report import view

        if has_content(view(result), verbose=verbose):
            from .common import write_stdout

            write_stdout(f"gate: {model_label}\n")
    write_report(result, report_format, output, no_color=no_color, verbose=verbose)
    counts = result.check_counts()
    checks = f"{plural(counts['pass'], 'check')} passed, {counts['fail']} failed, {counts['skip']} skipped"
    if counts["skip"] and report_format == "text" and not verbose:
        checks += " (--verbose says why)"
    ignored = f", {result.ignored} ignored" if result.ignored else ""
    for kernels in dict.fromkeys(p.state["kernels"] for p in predictors if p.state.get("kernels")):
        summary(f"the model ran with {kernels}")
    which = f"; checked {model_label}" if model_label else ""
    if result.ok:
        summary(f"gate passed: {checks}; {severity_counts(result.findings)}{ignored}{which}")
        return 0
    failed = ", ".join(r for r, s in result.checks.items() if s == "fail")
    summary(f"gate failed (fail-on {result.fail_on.value}): {severity_counts(result.findings)}{ignored}; "
            f"{checks}: {failed}{which}")
    return 1
