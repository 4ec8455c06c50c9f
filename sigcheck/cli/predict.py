"""``sigcheck predict REQUEST --model M``: run a request through the model locally, answering as TF Serving would."""

from __future__ import annotations

import sys
from typing import Any, List, Optional

import typer

from .common import EXIT_FINDINGS, EXIT_OK, check_output, command, read_input, write_output, write_stdout
from .running import LoadingNotice, crash_lines, kernels_option, local_server, memory_option, timeout_option


def register(app: typer.Typer) -> None:
    app.command("predict")(predict_command)


@command
def predict_command(
    request: str = typer.Argument(..., help="the request body (JSON file, gs:// URI, or - for stdin)"),
    model: str = typer.Option(..., "--model", "-m", help="SavedModel folder, TF Serving base path or gs:// URI"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    as_json: bool = typer.Option(False, "--json",
                                 help='print {"response": …, "http_status": …, "latency_ms": …} instead of the body'),
    compare: Optional[str] = typer.Option(None, "--compare", help="saved response to compare the answer with"),
    atol: float = typer.Option(1e-5, "--atol", help="absolute tolerance for numbers with --compare"),
    allow_unsafe_ops: bool = typer.Option(False, "--allow-unsafe-ops",
                                          help="run models with any op the safety scan refuses (file/system ops, "
                                          "py_func, ops sigcheck does not know …)"),
    allow_op: Optional[List[str]] = typer.Option(None, "--allow-op", help="run the model although it uses this op "
                                                 "(repeatable): each op the safety scan refuses must be named"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="write the answer to this file"),
    format_in: Optional[str] = typer.Option(None, "--format-in", help="body | jsonl [default: detected as validate "
                                            "does]: a JSON Lines file (gcloud --json-instances) runs as the one "
                                            "batch gcloud sends"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="the signature you mean to call, as "
                                            "validate --signature: a JSON Lines batch is sent with \"signature_name\": "
                                            "NAME (gcloud --signature-name); a body is sent as it is (without "
                                            "signature_name TF Serving calls serving_default), and a warning says "
                                            "where it and NAME part"),
    no_explain: bool = typer.Option(False, "--no-explain", help="do not explain a model-execution error"),
    api: str = typer.Option("predict", "--api", help="predict | classify | regress: the TF Serving REST method the "
                            "body is sent to (:classify/:regress take {\"examples\": […]} and need a "
                            "classification/regression signature)"),
    method_name_check: bool = typer.Option(False, "--method-name-check",
                                           help="classify/regress: refuse a signature whose method_name is not "
                                           "tensorflow/serving/classify|regress, as TF Serving does with "
                                           "--enable_signature_method_name_check"),
    kernels: str = kernels_option(),
    timeout: float = timeout_option(),
    memory_limit: Optional[float] = memory_option(),
) -> int:
    """Answer a :predict, :classify or :regress request locally as TF Serving would (needs sigcheck\\[tf])."""
    import time

    from ..codec.response import response_bytes
    from ..diagnostics import valid_text
    from ..errors import InputError
    from ..model import read_model
    from ..serving.compare import compare_response, load_expected
    from ..serving.predict import sent_request
    from ..validate import validate_request
    from ..validate.core import FORMATS_IN, detect_format

    if format_in is not None and format_in not in FORMATS_IN:
        raise InputError(f"unknown --format-in {format_in!r}", hint=f"use one of: {', '.join(FORMATS_IN)}")
    if api not in ("predict", "classify", "regress"):
        raise InputError(f"unknown --api {api!r}", hint="use one of: predict, classify, regress")
    if api != "predict" and format_in == "jsonl":
        raise InputError(f"--format-in jsonl is a :predict batch; :{api} takes one JSON body",
                         hint='send {"examples": [{…}, …]} with --format-in body (or without --format-in)')
    if api != "predict" and signature is not None:
        raise InputError(f"--signature is for :predict requests; a :{api} body names its signature itself",
                         hint=f'put "signature_name": "{signature}" in the {{"examples": …}} body, and drop --signature')
    check_output(output)  # (before TensorFlow and the model: a location the answer cannot go to fails at once)
    started = time.perf_counter()
    raw = read_input(request)
    source = None if request == "-" else request
    expected = load_expected(read_input(compare), compare) if compare else None
    info = read_model(model, tag_set=tag_set)
    fmt = "body" if api != "predict" else format_in or detect_format(raw, source)
    # (the shared reader of validate, gate, warmup; --signature as validate applies it)
    sent = sent_request(raw, info, signature=signature, source=source, format_in=fmt)
    body = sent.body
    if fmt == "jsonl":  # the batch gcloud sends, if the file's lines can be sent at all
        front = sent.validated.front_end
        if front is not None and front.name in ("gcloud", "json-lines"):
            sig_flag = f" --signature {signature}" if signature is not None else ""
            raise InputError(f"{request}: the {front.label} refuses this file: {front.error}",
                             hint=f"check it with `sigcheck validate {request} --model {model}{sig_flag}`")
        if not as_json:
            named = (f' with "signature_name": "{signature}" (gcloud --signature-name {signature})'
                     if signature is not None else "")
            sys.stderr.write("read as JSON Lines (one instance per line): sent as the one batch gcloud "
                             f"--json-instances would build from it{named} (gcloud ai-platform also refuses blank "
                             "lines: `sigcheck validate FILE --model MODEL --target ai-platform` checks that)\n")
    for finding in sent.signature_findings:  # (the body wins over --signature, as on TF Serving: said, then sent)
        sys.stderr.write(f"{finding.severity.value} {finding.code}: {finding.message}\n")
        if finding.hint:
            sys.stderr.write(f"  fix: {finding.hint}\n")
    if allow_op and not allow_unsafe_ops:
        from ..model.safety import check_model

        check_model(info, allow_ops=allow_op)  # (raises, naming the ops still refused)
        allow_unsafe_ops = True
    server = local_server(info, tag_set=tag_set, allow_unsafe_ops=allow_unsafe_ops, kernels=kernels,
                          timeout=timeout, memory_limit_gib=memory_limit)
    for op in server.unsafe_ops:
        flag = f"--allow-op {op.op}" if op.op in (allow_op or ()) else "--allow-unsafe-ops"
        sys.stderr.write(f"warning: running despite {op.describe()} ({flag})\n")
    notice = LoadingNotice(enabled=not as_json)
    notice(server)
    try:
        if api == "predict":
            # (its findings leave out "run sigcheck predict"; a JSON Lines file's are validate's of its lines)
            lines_said = ([f for f in sent.validated.findings if f not in sent.signature_findings]
                          if fmt == "jsonl" else None)
            answer = server.predict(body, explain=not no_explain, findings=lines_said)
        else:
            from ..serving.classify import answer_examples

            answer = answer_examples(info, lambda: server.model, body, api, method_check=method_name_check,
                                     explain=not no_explain)
    finally:
        notice.clear()
        server.close()
    diffs = compare_response(answer.response(), expected, atol=atol) if expected is not None else None

    extra = None
    if diffs is not None:
        extra = {"compare": {"matches": not diffs, "atol": atol, "differences": [d.to_json() for d in diffs]}}
    # the body byte-exact (TF Serving's bytes, UTF-8 or not); the --json document always valid UTF-8
    data = valid_text(answer.to_json(extra) + "\n").encode("utf-8") if as_json else response_bytes(answer.body)
    if output and output != "-":
        write_output(output, data)
        sys.stderr.write(f"wrote {output}\n")
    else:
        write_stdout(data + (b"\n" if not as_json and _summary_follows_on_stdout() else b""))
    if not as_json:
        _summary(answer, server, diffs, atol, total=time.perf_counter() - started)
        if fmt == "jsonl" and signature is None and not answer.ok:
            _jsonl_signature_note(info, request, model)
        if answer.ok and kernels != "stock":  # (oneDNN kernels run some requests the stock ones refuse)
            # (declared shapes too: TF Serving serves them, but the stock kernels may fail where oneDNN's do not)
            errors = [f for f in validate_request(body, info, shape_check="error").findings
                      if f.severity.value == "error"]
            if errors:
                sys.stderr.write(f"note: validate --shape-check error finds {len(errors)} error(s) in this request ({errors[0].code}: "
                                 f"{errors[0].message[:160]}); TF Serving's stock kernels may answer it differently: "
                                 "run again without --kernels onednn to see\n")
    return EXIT_OK if answer.ok and not diffs else EXIT_FINDINGS


def _summary(answer: Any, server: Any, diffs: Any, atol: float, *, total: float) -> None:
    """What happened, on stderr: status line, then the explanation or the differences."""
    from ..answer import ANSWER_CODES

    seconds = server.load_seconds
    load = f"; model loaded in {seconds:.2f} s (TensorFlow's import included)" if seconds is not None else ""
    timing = f" in {answer.latency_ms:.1f} ms{load}; {total:.2f} s in all"
    where = f"signature {answer.signature_name}" + (f", {answer.format} format" if answer.format else "")
    ran = f"ran with {answer.kernels}" + (f"; {answer.sandbox}" if answer.sandbox else "") + "\n" \
        if answer.kernels else ""
    if answer.ok:
        sys.stderr.write(f"HTTP 200 from {where}{timing}\n{ran}")
        checked = [f for f in answer.findings if f.code in ANSWER_CODES]  # (sigcheck.answer: the answer itself)
        changed = [f for f in answer.findings if f.code not in ANSWER_CODES]
        if changed:  # (values TF Serving changed before the model ran: the answer is computed on them)
            sys.stderr.write("but TF Serving changed values of the request before the model ran (the answer above "
                             "is computed on the changed values):\n")
            _write_findings(changed)
        if checked:
            sys.stderr.write("but the answer does not fit the signature (TF Serving answers the same 200; exit 0 is "
                             "its status, not a verdict on the values):\n")
            _write_findings(checked)
    elif answer.crash is not None:  # (then what validate finds in the request and the explanation, as --json has)
        sys.stderr.write("\n".join(crash_lines(answer.crash)) + f"\n({where}; {total:.2f} s in all)\n{ran}")
        crash = next((f for f in answer.findings if f.code == "predict.crash"), None)
        if crash is not None and crash.hint:
            sys.stderr.write(f"  fix: {crash.hint}\n")
        _write_findings([f for f in answer.findings if f is not crash])
        _write_explanation(answer.explanations)
    else:
        from ..codec import stages

        said = {stages.REQUEST: "TF Serving would reject this request",
                stages.EXECUTION: "the model failed while running",
                stages.RESPONSE: "TF Serving could not write the outputs as JSON"}.get(answer.stage, "error")
        if answer.refused:  # (TF Serving runs the model with no sandbox: it would have written the file)
            said = f"sigcheck's sandbox stopped the model's write to {answer.refused} (TF Serving would not)"
        sys.stderr.write(f"{said}: HTTP {answer.http_status} {answer.status_code or ''} ({where}{timing})\n{ran}")
        _write_findings(answer.findings)
        _write_explanation(answer.explanations)
    if diffs is not None:
        if not diffs:
            sys.stderr.write(f"matches the expected response (atol {atol:g})\n")
        else:
            sys.stderr.write(f"differs from the expected response at {len(diffs)} place(s) (atol {atol:g}):\n")
            for d in diffs[:20]:
                sys.stderr.write(f"  {d.describe()}\n")
            if len(diffs) > 20:
                sys.stderr.write(f"  … and {len(diffs) - 20} more (--json lists them all)\n")


def _write_explanation(explanations: Any) -> None:
    """The best explanation (title, cause, numbered steps, verify) on stderr; nothing when there is none."""
    if not explanations:
        return
    best = explanations[0]
    sys.stderr.write(f"explained: {best.title} ({best.category})\n  cause: {best.cause}\n")
    for i, step in enumerate(getattr(best, "steps", []) or [], 1):
        sys.stderr.write(f"  {i}. {step}\n")
    if getattr(best, "verify", None):
        sys.stderr.write(f"  verify: {best.verify}\n")


def _jsonl_signature_note(info: Any, request: str, model: str) -> None:
    """A JSON Lines batch that failed on serving_default, for a model with other signatures: how to send it to one
    (the lines carry no signature_name)."""
    import shlex

    from ..model.types import DEFAULT_SIGNATURE

    others = sorted(k for k in info.signatures if k != DEFAULT_SIGNATURE)
    if not others:
        return
    names = ", ".join(others[:5]) + (f" … ({len(others)} in all)" if len(others) > 5 else "")
    sys.stderr.write(f"note: JSON Lines carry no signature_name, so this batch went to {DEFAULT_SIGNATURE}; to send "
                     f"it to another signature of this model ({names}), run again with --signature NAME (gcloud: "
                     "--signature-name NAME)" + (f", e.g. `sigcheck predict {shlex.quote(request)} --model "
                                                  f"{shlex.quote(model)} --signature {others[0]}`"
                                                  if len(others) == 1 else "") + "\n")


def _summary_follows_on_stdout() -> bool:
    """Whether the summary written to stderr lands right after the body: stdout is a terminal, or stdout and stderr
    are one file or pipe (``2>&1``).  Then the body gets a newline (else ``}HTTP 200 from …``); stdout alone,
    redirected to a file or a pipe, keeps TF Serving's exact bytes."""
    import os

    try:
        if sys.stdout.isatty():
            return True
        out, err = os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):  # (io.UnsupportedOperation is an OSError and a ValueError)
        return False
    return (out.st_dev, out.st_ino) == (err.st_dev, err.st_ino)


def _write_findings(findings: Any) -> None:
    """The first three findings (severity, code, message, fix) on stderr, and how many more --json lists."""
    for finding in findings[:3]:
        sys.stderr.write(f"  {finding.severity.value} {finding.code}: {finding.message}\n")
        if finding.hint:
            sys.stderr.write(f"    fix: {finding.hint}\n")
    if len(findings) > 3:
        sys.stderr.write(f"  … and {len(findings) - 3} more (--json lists them all)\n")
