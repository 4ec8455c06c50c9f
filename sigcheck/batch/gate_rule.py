"""The gate's ``batch.records`` rule: ``gate --batch INPUT`` runs ``sigcheck batch``'s check before deploying.

The records are checked by :func:`sigcheck.batch.run_batch` against the gate's ``--signature`` (``sigcheck batch
--signature``; none: serving_default), with a dead letter in a temporary folder: batch's own account of every bad
record and each of its findings.  The rule's findings are grouped by code, severity and message (the record's own
line number aside), each with the number of records that have it and its first record, so that

* an error in any record is an error (the gate fails exactly when ``sigcheck batch`` does), never folded into a
  warning of the same code found earlier;
* a count is of records that have that very finding, not of records with any finding of its code.

Findings of records without an error (warnings, notes) come from batch's tally (``Tally.clean``), per code: one
finding per code, that says so (its count is of records with any such finding of the code, its message the first
one's).

A finding's ``subject`` is the input file and its ``line`` the record's line (SARIF's region), as ``--request``
JSON Lines findings; a TFRecord's record number is no line: the message names it.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from typing import Any, Iterator

import orjson

from ..diagnostics import Diagnostic, Severity
from ..gate.rules import GateContext, SkipRule, rule
from .records import renumber

SHOWN = 5
"""Distinct messages reported per code and severity; the records of further ones make one "other" finding."""


@dataclass
class _Group:
    code: str
    severity: Severity
    first: dict[str, Any]
    """The first record's finding, as the dead letter writes it (code, category, severity, message, hint)."""
    location: str
    number: int
    records: int = 0
    findings: int = 0
    other: bool = False
    """Records of messages beyond :data:`SHOWN` (``first`` is the first of them)."""


def _split(location: str) -> tuple[str, int]:
    """A dead-letter ``location`` (``FILE:N``; FILE may hold colons: ``gs://``) as (FILE, N)."""
    where, _, number = location.rpartition(":")
    return where, int(number)


def _unnumbered(message: str, number: int) -> str:
    """``message`` without its record's number (:func:`~.records.renumber` put it there): the same finding in
    other records reads the same."""
    return re.sub(rf"\b(line|record) {number}\b", r"\1 #", message)


def _bad_record_groups(dead_letter: str) -> list[_Group]:
    """From batch's dead letter: the groups of the bad records' findings, in the order first seen."""
    groups: dict[tuple[str, str, str], _Group] = {}
    distinct: dict[tuple[str, str], int] = {}
    with open(dead_letter, "rb") as fh:
        for line in fh:
            entry = orjson.loads(line)
            where, number = _split(entry["location"])
            seen: set[tuple[str, str, str]] = set()
            for item in entry["findings"]:
                code, severity = item["code"], item["severity"]
                key = (code, severity, _unnumbered(item["message"], number))
                if key not in groups:
                    shown = distinct.get((code, severity), 0)
                    if shown >= SHOWN:
                        key = (code, severity, "")  # (one group for the rest)
                    else:
                        distinct[(code, severity)] = shown + 1
                    if key not in groups:
                        groups[key] = _Group(code, Severity.parse(severity), item, where, number,
                                             other=not key[2])
                group = groups[key]
                group.findings += 1
                if key not in seen:
                    seen.add(key)
                    group.records += 1
    return list(groups.values())


def _placed(f: Diagnostic, where: str, number: int, word: str) -> Diagnostic:
    """``f`` located as ``--request`` findings are: the file as subject, the line as line (TFRecord: no line)."""
    return Diagnostic(f.code, f.severity, f.message, category=f.category, path=f.path, expected=f.expected,
                      received=f.received, hint=f.hint, upstream=f.upstream, subject=where,
                      line=number if word == "line" else None)


@rule("batch.records", "every record of --batch INPUT is an instance Vertex AI batch prediction can send "
      "(sigcheck batch)")
def batch_records(ctx: GateContext) -> Iterator[Diagnostic]:
    inputs = tuple(ctx.options.get("batch") or ())  # type: ignore[call-overload]
    if not inputs:
        raise SkipRule("no --batch input")
    from . import run_batch

    signature = ctx.options.get("signature")
    with tempfile.TemporaryDirectory(prefix="sigcheck-gate-batch-") as folder:
        dead_letter = os.path.join(folder, "bad-records.jsonl")
        result = run_batch(list(inputs), ctx.info, shape_check=ctx.options.get("shape_check"),  # type: ignore[arg-type]
                           signature=str(signature) if signature else None, dead_letter=dead_letter)
        groups = _bad_record_groups(dead_letter) if os.path.exists(dead_letter) else []
    where = ",".join(inputs)
    against = f" (signature {result.signature})" if signature else ""  # (--signature: which one was checked)
    total = result.records
    for f in result.batch_findings:
        if f.severity is not Severity.INFO:
            yield Diagnostic(f.code, f.severity, f.message, category=f.category, expected=f.expected,
                             received=f.received, hint=f.hint, subject=where)

    def records(n: int) -> str:
        return f"{n:,} record{'s' if n != 1 else ''} of {total:,}"

    examples = result.tally.examples
    words = {ex.location: ex.word for ex in examples.values()}  # (how each file counts its records)
    rank: dict[str, tuple[int, int]] = {}  # (files in the order batch read them)
    for ex in examples.values():
        rank[ex.location] = min(rank.get(ex.location, ex.order), ex.order)
    located: list[tuple[tuple[Any, ...], Diagnostic]] = []
    for g in groups:  # (the bad records: exact)
        ex = examples.get(g.code)
        word = words.get(g.location, "line")
        more = f", {g.findings:,} findings" if g.findings != g.records else ""
        first = f"(first at {g.location}:{g.number})"
        if ex is not None and (ex.location, ex.number) == (g.location, g.number) and \
                ex.finding.severity is g.severity and renumber(ex.finding, ex.number, ex.word).message == \
                g.first["message"]:
            full = renumber(ex.finding, ex.number, ex.word)  # (batch's tally keeps the first finding whole)
        else:
            full = Diagnostic(g.code, g.severity, g.first["message"], category=g.first.get("category"),
                              hint=g.first.get("hint"))
        if g.other:
            text = (f"{records(g.records)}{more}{against} have other {g.code} {g.severity.value}s than the "
                    f"{SHOWN} above; the first: {full.message} {first}")
        else:
            text = f"{records(g.records)}{more}{against}: {full.message} {first}"
        full = Diagnostic(g.code, g.severity, text, category=full.category, path=full.path, expected=full.expected,
                          received=full.received, hint=full.hint, upstream=full.upstream)
        located.append(((rank.get(g.location, (1 << 62, 0)), g.location, g.number, 0),
                        _placed(full, g.location, g.number, word)))
    for code, (count, found, ex) in result.tally.clean.items():  # (records without an error: their first)
        f = renumber(ex.finding, ex.number, ex.word)
        more = f", {found:,} findings" if found != count else ""
        label = (f"{records(count)}{more}{against}: " if count == 1 else
                 f"{records(count)}{more}{against} have {code} {f.severity.value}s; the first: ")
        located.append(((rank.get(ex.location, ex.order), ex.location, ex.number, 1), _placed(Diagnostic(
            code, f.severity, f"{label}{f.message} (first at {ex.location}:{ex.number})", category=f.category,
            path=f.path, expected=f.expected, received=f.received, hint=f.hint, upstream=f.upstream),
            ex.location, ex.number, ex.word)))
    for _, d in sorted(located, key=lambda kv: kv[0]):
        yield d
