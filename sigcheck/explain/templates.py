"""The catalogue's little template language for causes and fix steps.

* ``{name}``: the evidence value (shapes print as ``[1,150,150,3]``, lists of names as ``a, b``);
* ``<<…>>``: an optional part, dropped when a ``{name}`` inside it has no evidence (may nest);
* ``<<A||B||C>>``: the first alternative whose ``{name}``s all have evidence (none: dropped), so one sentence can
  say "(got [1,1,28,28,1], rank 5)" or "(rank 5)" without doubling a fragment;
* ``{{`` and ``}}``: literal braces (JSON in a fix step).

Templates are rendered over the evidence plus the facts derived from it (:func:`sigcheck.explain.facts.derive`).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from .patterns import lazy
from .evidence import format_shape

_OPTIONAL = lazy(r"<<((?:(?!<<|>>).)*)>>", re.S)
_TOKEN = lazy(r"\{\{|\}\}|\{(\w+)\}")


def format_value(name: str, value: Any) -> str:
    if isinstance(value, list):
        if name.endswith("shape") or all(isinstance(v, int) for v in value):
            return format_shape(value)
        return ", ".join(str(v) for v in value)
    return str(value)


def _names(segment: str) -> list[str]:
    return [m.group(1) for m in _TOKEN.finditer(segment) if m.group(1)]


def render(template: str, evidence: Mapping[str, Any]) -> str:
    def have(name: str) -> bool:
        value = evidence.get(name)
        return value is not None and value != "" and value != []

    def choose(m: re.Match[str]) -> str:
        for alt in m.group(1).split("||"):
            if all(have(n) for n in _names(alt)):
                return alt
        return ""

    text = template
    while True:
        new = _OPTIONAL.sub(choose, text)
        if new == text:
            break
        text = new

    def repl(m: re.Match[str]) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        name = m.group(1)
        return format_value(name, evidence[name]) if have(name) else name.replace("_", " ")

    return _TOKEN.sub(repl, text)
