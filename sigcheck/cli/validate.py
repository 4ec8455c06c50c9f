"""``sigcheck validate REQUEST --model MODEL``: TF Serving's verdict on a request, then what is still wrong."""

from __future__ import annotations

import os
import sys
from typing import Any, Optional

import typer

from .common import EXIT_FINDINGS, EXIT_OK, command, shape_check_option, stdout_console, write_stdout


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)


@command
def validate_command(
    request: str = typer.Argument(..., help="request body or JSON Lines file (gcloud --json-instances); - = stdin"),
    model: str = typer.Option(..., "--model", "-m", help="SavedModel folder, TF Serving base path, gs:// URI or "
                              "signature contract (inspect --json)"),
    signature: Optional[str] = typer.Option(None, "--signature", "-s", help="the signature you mean to call: a body "
                                            "without signature_name gets an error saying it needs one (TF Serving "
                                            "calls serving_default); findings check against NAME"),
    target: str = typer.Option("tf-serving", "--target", help="tf-serving | vertex | ai-platform (size budgets)"),
    shape_check: Optional[str] = shape_check_option(),
    format_in: Optional[str] = typer.Option(None, "--format-in", help="body | jsonl [default: detected]"),
    fix: bool = typer.Option(False, "--fix", help="write a repaired request to -o where the repair is unambiguous; "
                             "the exit code is then the verdict on that copy"),
    fix_null: Optional[str] = typer.Option(None, "--fix-null", help="with --fix: nan = null sent to a float input "
                                           "becomes NaN (a missing value; opt-in)"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="where --fix writes (never the input itself); "
                                         ".jsonl/.ndjson writes one instance per line"),
    as_json: bool = typer.Option(False, "--json", help="print the verdict and findings as JSON on stdout"),
    tag_set: str = typer.Option("serve", "--tag-set", help="MetaGraph tag set, comma-separated"),
    no_color: bool = typer.Option(False, "--no-color", help="no colours in the human view"),
) -> int:
    """Would TF Serving / Vertex AI accept this request? Its exact answer, then the problems it does not catch."""
    from ..errors import InputError
    from ..model import read_model
    from ..validate import detect_format, repair, validate_jsonl, validate_request
    from ..validate.core import SHAPE_CHECK_DEFAULT, is_jsonl_name
    from ..validate.lines import numbered_lines

    shape_check = shape_check or SHAPE_CHECK_DEFAULT

    if fix and not output:
        raise InputError("--fix needs -o FILE for the repaired request", hint="add -o fixed.json")
    if output and not fix:
        raise InputError("-o is where --fix writes the repaired request", hint="add --fix, or drop -o")
    if fix_null is not None and not fix:
        raise InputError("--fix-null is a --fix repair", hint="add --fix -o FILE, or drop --fix-null")
    if fix_null is not None and fix_null not in ("nan",):
        raise InputError(f"unknown --fix-null {fix_null!r}", hint="use --fix-null nan")
    if output and output != "-" and request != "-" and _same_file(request, output):
        raise InputError(f"{output}: --fix never overwrites the request it checks", hint="choose another -o file")
    info = read_model(model, tag_set=tag_set)
    stream = _local_jsonl(request, format_in)
    lines: list[bytes] | None = None
    if stream is not None:
        with open(request, "rb") as fh:
            result = validate_jsonl(fh, info, signature=signature, target=target, shape_check=shape_check,
                                    source=request)
        if fix:
            with open(request, "rb") as fh:  # (the instances as validate read them: no blank line, no BOM)
                lines = [ln for _, ln in numbered_lines(fh)]
    else:
        from .common import read_input

        body = read_input(request)
        source = None if request == "-" else request
        fmt_in = format_in or detect_format(body, source)
        result = validate_request(body, info, signature=signature, target=target, shape_check=shape_check,
                                  format_in=fmt_in, source=source)
        if fix and fmt_in == "jsonl":
            lines = [ln for _, ln in numbered_lines(body.splitlines())]
    fixed = repair(result, info, signature=signature, jsonl_out=is_jsonl_name(output), lines=lines,
                   fix_null=fix_null) if fix else None
    if as_json:
        import json

        doc = result.to_json()
        if fix:
            doc["fix"] = None if fixed is None else {
                "output": output, "changes": fixed.changes, "ok": fixed.ok,
                "findings": fixed.result.to_json()["findings"] if fixed.result is not None else []}
        write_stdout(json.dumps(doc, ensure_ascii=False) + "\n")
    else:
        render(stdout_console(no_color), result, request, model_label=info.version_label())
    if not fix:
        return EXIT_OK if result.ok else EXIT_FINDINGS
    if fixed is None:
        sys.stderr.write("--fix: nothing to repair without guessing; no file written (the exit code is the verdict "
                         "on the request as it is)\n")
        return EXIT_OK if result.ok else EXIT_FINDINGS
    from .common import write_output

    if output == "-":
        write_stdout(fixed.body)
    else:
        write_output(str(output), fixed.body)
    sys.stderr.write(fix_summary(fixed, str(output)))
    return EXIT_OK if fixed.ok else EXIT_FINDINGS


def fix_summary(fixed: Any, output: str) -> str:
    """What ``--fix`` wrote, one line per kind of repair, and whose verdict the exit code is."""
    where = "stdout" if output == "-" else output
    errors = len(fixed.result.errors) if fixed.result is not None else 0
    if fixed.ok:
        verdict = f"the repaired copy passes validate: exit 0 is the verdict on {where}"
    else:
        left = f"{errors} error{'s' if errors != 1 else ''}" if errors else "a refusal in front of TF Serving"
        verdict = (f"the repaired copy still has {left}: exit 1 is the verdict on {where} (check it with "
                   f"sigcheck validate {where if output != '-' else 'FILE'} --model MODEL)")
    lines = [f"--fix: wrote {where}; {verdict}"]
    lines.extend(f"  {c}" for c in fixed.changes)
    left = fixed.result.findings if fixed.result is not None else []
    if any(f.category == "dtype_mismatch" and f.received == "null" and "NaN" in (f.hint or "") for f in left):
        lines.append("  null sent to a float input is left as it is: --fix-null nan writes NaN (TF Serving's token "
                     "for a missing float) if the model handles NaN")
    return "\n".join(lines) + "\n"


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _local_jsonl(request: str, format_in: str | None) -> str | None:
    """A local JSON Lines file to stream (flat memory), or None to read the request whole."""
    if request == "-" or "://" in request or not os.path.isfile(request):
        return None
    from ..validate.core import is_jsonl_name

    if format_in == "jsonl" or (format_in is None and is_jsonl_name(request)):
        return request
    if format_in is None and os.path.getsize(request) > (64 << 20):
        with open(request, "rb") as fh:
            head = fh.read(1 << 16)
        from ..validate import detect_format

        first = head.split(b"\n", 2)
        if len(first) > 2 and detect_format(b"\n".join(first[:2]), None) == "jsonl":
            return request
    return None


_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render(console: Any, result: Any, request: str, *, model_label: str | None = None) -> None:
    """Verdict first (naming the version checked when the model is a base path: ``model_label``), then each finding
    with the offending fragment of the request."""
    from rich.text import Text

    from ..report.abridge import cut_message, cut_tokens
    from ..validate.core import DECLARED_SHAPE_CODES

    d = result.decoded
    a = result.answer  # TF Serving's answer: its JSON layer's, or the model's failure on every request
    front = getattr(result, "front_end", None)
    name = ("stdin" if request == "-" else request) + (f" against {model_label}" if model_label else "")
    head = Text()
    n_err, n_warn = len(result.errors), len(result.warnings)
    if result.ok:
        head.append("✓ valid", style="bold green")
        head.append(f"  {name}: TF Serving accepts it")
        if n_warn:
            head.append(f"; {n_warn} warning{'s' if n_warn > 1 else ''}", style="yellow")
        if any(f.code in DECLARED_SHAPE_CODES for f in result.warnings):
            head.append(" (shapes differ from the declared ones: the model may still fail on it; sigcheck predict "
                        "or gate --predict settles it)")
    elif front is not None:
        head.append("✗ rejected", style="bold red")
        head.append(f"  {name}: {_refusal(front)}")
    elif a.accepted:
        head.append("✗ invalid", style="bold red")
        errors = f"{n_err} findings are errors" if n_err > 1 else "1 finding is an error"
        head.append(f"  {name}: TF Serving accepts it, but {errors} (below)")
    else:
        head.append("✗ rejected" if a.http_status else "✗ invalid", style="bold red")
        head.append(f"  {name}: {a.summary}")
    console.print(head, soft_wrap=True)
    meta = [f"signature {result.signature}"]
    if result.checked and result.checked != result.signature:
        meta[0] += f" (findings checked against {result.checked})"
    if result.format:
        meta.append(f"{result.format} format")
    if result.instances is not None:
        meta.append(f"{result.instances} instance{'s' if result.instances != 1 else ''}")
    meta.append(f"{result.size} bytes")
    if result.input_format == "jsonl":
        meta.append("from JSON Lines")
    if result.target != "tf-serving":
        meta.append(f"target {result.target}")
    console.print("  " + " · ".join(meta), style="dim")
    if d.accepted and result.tensors:
        from ..report.grouping import name_list

        console.print("  tensors: " + name_list(
            [f"{n} {dt.removeprefix('DT_').lower()} {list(shape)}" for n, (dt, shape) in sorted(result.tensors.items())]),
            style="dim", soft_wrap=True)
    if front is not None:
        if front.name != "json-lines":  # (its refusal is the finding below, word for word)
            console.print(Text.assemble((f"  {front.label}: ", "bold"),
                                        (f"{front.status} " if front.status else "", "red"),
                                        (cut_message(front.error) or "", "")),
                          soft_wrap=True)
        if a.accepted:
            console.print("  TF Serving, if the body reached it: accepts it", style="dim", soft_wrap=True)
        elif a.error:
            console.print(Text.assemble(("  TF Serving, if the body reached it: ", "dim"),
                                        (f"{a.http_status} " if a.http_status else "", "red"),
                                        (cut_message(a.error), "")), soft_wrap=True)
    elif not a.accepted and a.error:
        console.print(Text.assemble(("  TF Serving: ", "bold"), (f"{a.http_status} " if a.http_status else "", "red"),
                                    (cut_message(a.error), "")), soft_wrap=True)
    from ..report.grouping import Group, group_findings

    for item in group_findings(result.findings):
        console.print()
        if isinstance(item, Group):
            _print_finding(console, item.first, result, front, group=item)
        else:
            _print_finding(console, item, result, front)


def _print_finding(console: Any, f: Any, result: Any, front: Any, group: Any = None) -> None:
    """One finding (or a group's first finding, under the group's headline); long values cut with their length."""
    from rich.text import Text

    from ..report.abridge import cut_tokens, cut_value
    from ..validate.paths import value_at

    d = result.decoded
    line = Text()
    line.append(f.severity.value, style=_STYLE.get(f.severity.value, ""))
    line.append(f" {f.code}", style="bold")
    if f.category:
        line.append(f" [{f.category}]", style="dim")
    line.append(f" at {group.path if group is not None else f.path}")
    if group is not None:
        line.append(f" ({group.count_label})", style="dim")
    console.print(line, soft_wrap=True)
    if group is not None:
        console.print(Text(f"  {group.headline}", style="bold"), soft_wrap=True)
    console.print(f"  {cut_tokens(f.message)}", soft_wrap=True)
    root = d.root
    blank = f.code == "request.gcloud" and f.received in ("an empty line", "a line of blanks only")
    if root is not None and f.path.startswith("$.") and f.path != "$" and not blank:
        parts = _parts(f.path)
        if parts is not None:
            v = value_at(root, parts)
            if v is not None:
                console.print(Text.assemble(("  here: ", "dim"), (_here(v), "")), soft_wrap=True)
    sides: list[tuple[str, str]] = []
    for label, value in (("expected", f.expected), ("received", f.received)):
        if value:  # an absent side is left out, as in the gate's text report (it read "expected: -")
            sides += [(f"{'    ' if sides else '  '}{label}: ", "dim"), (cut_value(value) or "", "")]
    if sides:
        console.print(Text.assemble(*sides), soft_wrap=True)
    if f.hint:
        console.print(Text.assemble(("  fix: ", "green"), (cut_tokens(f.hint) or "", "")), soft_wrap=True)
    said = (d.error, result.answer.error)  # TF Serving's answer, already printed at the top
    if f.upstream and f.upstream not in said and not (front is not None and f.upstream == front.error):
        console.print(Text.assemble((f"  {_answer_label(f, result.target)}: ", "dim"), (cut_tokens(f.upstream), "")),
                      soft_wrap=True)


def _here(value: Any, limit: int = 100) -> str:
    """The value a finding points at, on one line; when cut, how big it is (its length or its shape)."""
    from ..codec.shapes import dense_shape
    from ..validate.paths import format_dims, fragment

    text = fragment(value, limit)
    if not text.endswith("…"):
        return text
    if isinstance(value, str):
        return f"{text} ({len(value)} characters)"
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("b64"), str):
        return f"{text} ({len(value['b64'])} base64 characters)"
    if isinstance(value, list):
        return f"{text} (shape {format_dims(dense_shape(value))})"
    return text


def _refusal(front: Any) -> str:
    """Who refuses the request in front of TF Serving, for the verdict line."""
    if front.name == "gcloud":
        return "gcloud refuses the file before sending anything"
    if front.name == "json-lines":
        return "a line is not one JSON value (one instance), so the file cannot be sent; nothing reaches TF Serving"
    return f"{front.label} refuses the body ({front.status}) before TF Serving sees it"


def _answer_label(finding: Any, target: str) -> str:
    """Who would answer ``finding.upstream``, and whether it is certain (a warning says "if it happens")."""
    if finding.code == "request.gcloud":
        who = "gcloud"
    elif finding.code in ("request.target", "request.size") and target != "tf-serving":
        who = "Vertex AI" if target == "vertex" else "AI Platform"
    else:
        who = "TF Serving"
    return f"{who} would answer" if finding.severity.value == "error" else f"if so, {who} answers"


def _parts(path: str) -> list[str | int] | None:
    import re

    parts: list[str | int] = []
    for m in re.finditer(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]', path[1:]):
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            import json

            parts.append(json.loads(m.group(3)))
    return parts
