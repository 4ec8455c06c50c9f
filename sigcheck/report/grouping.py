"""Human views: findings that repeat one mistake over several inputs, shown as one group naming the inputs.

Ten inputs sent as bare values where ``(-1, 1)`` is declared are one group ("10 inputs are bare values where shape
(-1, 1) is declared: age, capital_gain, …"), not ten blocks.  Findings group when they differ only by the input
they name (and the value sent to it): same severity, code, category, subject and path shape, and the same message,
expected, received and fix once the input's name and value are set aside.  The machine reports (``--json``, JUnit,
SARIF) keep one finding per path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..diagnostics import Diagnostic

NEXT_PREFIX = "next, once the errors above are fixed, TF Serving would report: "
"""The prefix of validate's findings for TF Serving's next rejections (sigcheck.validate.core.NEXT_PREFIX)."""
SHOWN_NAMES = 12
"""A group's headline names at most this many inputs (then "… and N more")."""

NAME, VALUE = "\x00name\x00", "\x00value\x00"
_NAMED = re.compile(r"\b(input|output) [\"']([^\"']+)[\"']")
_VALUE = re.compile(r"^(\"(?:[^\"\\]|\\.)*\"|[^ ]+) \(a ")


@dataclass(frozen=True)
class Group:
    """Findings that are one mistake made in several inputs (first one first)."""

    findings: tuple[Diagnostic, ...]
    names: tuple[str, ...]
    headline: str

    @property
    def first(self) -> Diagnostic:
        return self.findings[0]

    @property
    def count_label(self) -> str:
        """``11 inputs`` (``3 outputs``)."""
        side = "outputs" if all(_NAMED.search(d.message).group(1) == "output" for d in self.findings) else "inputs"
        return f"{len(self.names)} {side}"

    @property
    def path(self) -> str:
        """The members' path with the part that names the input as ``*`` (``$.instances[0].*``), or the first
        member's path when they differ otherwise."""
        paths = {_template(d.path, n) for d, n in zip(self.findings, map(named_input, self.findings)) if n}
        return paths.pop().replace(NAME, "*") if len(paths) == 1 else self.first.path


def _template(path: str, name: str) -> str:
    return re.sub(rf"(\.{re.escape(name)}|\[\"{re.escape(name)}\"\])(?=$|[.\[])", lambda _: "." + NAME, path, count=1)


def named_input(d: Diagnostic) -> str | None:
    """The input (or output) a finding is about, when its message names exactly one."""
    names = {m.group(2) for m in _NAMED.finditer(d.message)}
    return names.pop() if len(names) == 1 else None


def _key(d: Diagnostic, name: str) -> tuple:
    value = None
    if d.received:
        m = _VALUE.match(d.received)
        value = m.group(1) if m else None

    def norm(text: str | None, *, bare: bool = True) -> str | None:
        if text is None:
            return None
        text = text.removeprefix(NEXT_PREFIX)
        text = re.sub(rf"([\"']){re.escape(name)}(?=[\"'])", lambda m: m.group(1) + NAME, text)
        if value:
            text = text.replace(value, VALUE)
            inner = value[1:-1] if value.startswith('"') else None
            if bare and inner:
                text = re.sub(rf"(?<![\w.]){re.escape(inner)}(?![\w.])", lambda _: VALUE, text)
        return text

    path = _template(d.path, name)
    return (d.severity, d.code, d.category, d.subject, path, norm(d.message), norm(d.expected), norm(d.received),
            norm(d.hint))


def group_findings(findings: Iterable[Diagnostic]) -> list[Diagnostic | Group]:
    """The findings in their order, those that repeat one mistake over several inputs gathered into a
    :class:`Group` at the place of the first."""
    findings = list(findings)
    keys: list[tuple | None] = []
    for d in findings:
        name = named_input(d)
        keys.append(_key(d, name) if name is not None else None)
    members: dict[tuple, list[int]] = {}
    for i, k in enumerate(keys):
        if k is not None:
            members.setdefault(k, []).append(i)
    out: list[Diagnostic | Group] = []
    done: set[int] = set()
    for i, d in enumerate(findings):
        if i in done:
            continue
        k = keys[i]
        idx = members.get(k, [i]) if k is not None else [i]
        names = []
        for j in idx:
            n = named_input(findings[j])
            if n not in names:
                names.append(n)
        if len(names) < 2:
            out.append(d)
            continue
        done.update(idx)
        group = tuple(findings[j] for j in idx)
        out.append(Group(group, tuple(names), headline(group, names)))
    return out


def name_list(names: Sequence[str]) -> str:
    shown = list(names) if len(names) <= SHOWN_NAMES else list(names[:SHOWN_NAMES - 2])
    more = f", … and {len(names) - len(shown)} more" if len(shown) < len(names) else ""
    return ", ".join(shown) + more


def headline(findings: Sequence[Diagnostic], names: Sequence[str]) -> str:
    """One sentence for the group: what the inputs have in common, then their names."""
    first = findings[0]
    n = len(names)
    listed = name_list(names)
    message = first.message.removeprefix(NEXT_PREFIX)
    side = "outputs" if all(_NAMED.search(d.message).group(1) == "output" for d in findings) else "inputs"
    if first.category == "input_shape_mismatch" and ("is a bare value" in message or "holds bare values" in message):
        m = re.search(r"declares (\([^)]*\))", message)
        declared = f"shape {m.group(1)}" if m else "a list"
        return f"{n} {side} are bare values where {declared} is declared: {listed}"
    if first.category == "bytes_sent_to_numeric_input" and "in quotes" in message:
        kind = (first.expected or "").split(":")[0] or "numeric"
        return f"{n} inputs get numbers in quotes (JSON strings) where {kind} numbers are expected: {listed}"
    if first.category == "dtype_mismatch" and first.received == "null":
        kind = (first.expected or "").split(":")[0] or "numeric"
        return f"{n} inputs get null where {kind} values are expected: {listed}"
    if first.code == "signature.unstable_names":
        return f"{n} {side} have generated names that change when the model is rebuilt: {listed}"
    return f"{n} {side} have the same finding ({first.category or first.code}): {listed}"
