"""What fails the gate: ``--fail-on`` and ``--ignore``, and settings from ``[tool.sigcheck]`` in pyproject.toml.

    [tool.sigcheck]
    fail-on = "warning"                 # error (default) | warning | info
    ignore = ["signature.unstable_names", "op.*"]   # codes, rule ids, categories; fnmatch patterns
    target = "vertex"                   # tf-serving (default) | vertex | ai-platform
    runtime = "tf2-cpu.2-15"
    allow-ops = ["ReadFile"]
    size-limit = "2GB"
    requests = ["tests/requests/*.json"]   # relative to the pyproject.toml
    baseline = "gs://bucket/models/prod"
    format = "sarif"
    shape-check = "error"               # rank (default) | error | warn | off: declared vs sent shapes of the requests

Command-line flags win over the file; the file wins over the defaults.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..diagnostics import Diagnostic, Severity
from ..errors import InputError

TARGETS = ("tf-serving", "vertex", "ai-platform")
FAIL_ON = ("error", "warning", "info")


@dataclass(frozen=True)
class Policy:
    """``fail_on``: the lowest severity that fails the gate.  ``ignore``: patterns over code, rule id, category."""

    fail_on: Severity = Severity.ERROR
    ignore: tuple[str, ...] = ()

    def ignores(self, d: Diagnostic, rule_id: str | None = None) -> bool:
        """``d`` matches an ``ignore`` pattern by its code, its rule id or its category — except the findings of
        a model that really failed on a request (``predict.*``): their category is the explanation of the failure
        (e.g. ``extra_batch_dimension``), and ignoring a kind of warning must not hide a model that fails; they
        are ignored by code or rule id only."""
        category = None if d.code.startswith(EVIDENCE_PREFIX) else d.category
        names = [d.code] + [n for n in (rule_id, category) if n]
        return any(fnmatch.fnmatchcase(n, pat) for pat in self.ignore for n in names)

    def fails(self, d: Diagnostic) -> bool:
        return d.severity.rank >= self.fail_on.rank


EVIDENCE_PREFIX = "predict."
"""Codes of findings that are the model's own answer (``gate --predict``), not sigcheck's reading of it."""


def parse_target(text: str) -> str:
    t = text.strip().lower().replace("_", "-")
    aliases = {"tfserving": "tf-serving", "serving": "tf-serving", "vertex-ai": "vertex", "aiplatform": "ai-platform",
               "cmle": "ai-platform", "ml-engine": "ai-platform"}
    t = aliases.get(t, t)
    if t not in TARGETS:
        raise InputError(f"unknown target {text!r}: expected one of {', '.join(TARGETS)}")
    return t


def parse_fail_on(text: str, where: str = "--fail-on") -> Severity:
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise InputError(f"{where}: {exc}") from None


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.I)


MAX_SIZE = 1024 ** 5
"""The largest size limit taken (1 PB): numbers beyond are mistakes (and would overflow)."""


def parse_size(value: Any) -> int:
    """``500MB``, ``10 GB``, ``2GiB`` or a number of bytes → bytes (binary units: 1 MB = 1024 KB)."""
    if isinstance(value, int) and not isinstance(value, bool):
        size = value
    else:
        text = str(value)
        m = _SIZE.match(text) if len(text) <= 10_000 else None
        if not m:
            raise InputError(f"size {text[:64]!r}: expected a number of bytes or a size such as 500MB or 10GB")
        unit = (m.group(2) or "b").lower().rstrip("b").rstrip("i")
        number = float(m.group(1))
        size = int(number * 1024 ** " kmgt".index(unit or " ")) if number < MAX_SIZE else MAX_SIZE + 1
    if not 0 <= size <= MAX_SIZE:
        raise InputError(f"size {str(value)[:64]!r}: expected between 0 bytes and 1 PB",
                         hint="give the size limit of your serving platform, e.g. 2GB")
    return size


@dataclass(frozen=True)
class Config:
    """Settings read from ``[tool.sigcheck]`` (None/empty = not set there)."""

    path: str | None = None
    fail_on: str | None = None
    ignore: tuple[str, ...] = ()
    target: str | None = None
    runtime: str | None = None
    allow_ops: tuple[str, ...] = ()
    size_limit: int | None = None
    requests: tuple[str, ...] = ()
    baseline: str | None = None
    format: str | None = None
    shape_check: str | None = None
    unknown: tuple[str, ...] = field(default=())
    """Keys of ``[tool.sigcheck]`` this version does not know (the CLI warns about them)."""


def _toml() -> Any:
    try:
        import tomllib  # Python 3.11+

        return tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        try:
            import tomli

            return tomli
        except ImportError:
            raise InputError("reading [tool.sigcheck] from pyproject.toml needs Python 3.11+ or the tomli package",
                             hint="pip install tomli") from None


def _parse_toml(where: str, raw: bytes) -> dict[str, Any]:
    """The TOML document in ``raw`` (the bytes of ``where``); InputError when it is not TOML."""
    try:
        return _toml().loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise InputError(f"{where}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and inline tables recursively
        raise InputError(f"{where}: arrays or inline tables nested too deeply to read",
                         hint="[tool.sigcheck] takes strings and lists of strings") from None


def _has_table(data: dict[str, Any]) -> bool:
    tool = data.get("tool")
    return isinstance(tool, dict) and "sigcheck" in tool


def find_pyproject(start: str | os.PathLike[str] = ".") -> Path | None:
    """The nearest pyproject.toml with a ``[tool.sigcheck]`` table, from ``start`` up to the repository root.

    Each pyproject.toml on the way is parsed as TOML, so every spelling ``--config`` reads is found
    (``[ tool.sigcheck ]``, ``[tool."sigcheck"]``, ``[tool]`` + ``sigcheck.fail-on = …``, an inline table).
    One that is not valid TOML stops discovery with an InputError when its text mentions sigcheck (it may hold the
    settings the user meant: silently passing without them would be wrong); one that does not mention sigcheck
    belongs to other tools and is skipped, so their broken files never break the gate."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                raw = candidate.read_bytes()
            except OSError as exc:
                raise InputError(f"{candidate}: cannot read: {exc.strerror or exc}",
                                 hint="fix its permissions, or give the settings with --config FILE") from None
            try:
                data = _parse_toml(str(candidate), raw)
            except InputError as exc:
                if b"sigcheck" in raw.lower():
                    raise InputError(str(exc), hint="sigcheck reads [tool.sigcheck] from the nearest pyproject.toml "
                                     "that has it: fix this one, or give the settings with --config FILE") from None
                data = {}
            if _has_table(data):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise InputError(f"{where}: {key} must be a string or a list of strings, got {value!r}")


KNOWN_KEYS = ("fail-on", "ignore", "target", "runtime", "allow-ops", "size-limit", "requests", "baseline", "format",
              "shape-check")


def load_config(path: str | os.PathLike[str] | None = None, *, start: str | os.PathLike[str] = ".") -> Config:
    """Read ``[tool.sigcheck]`` from ``path`` (or the nearest pyproject.toml that has it); empty Config if none."""
    pyproject = Path(path) if path else find_pyproject(start)
    if pyproject is None:
        return Config()
    where = str(pyproject)
    from ..errors import StorageError
    from ..storage.local import open_regular

    try:
        with open_regular(where) as fh:
            raw = fh.read()
    except StorageError as exc:
        raise InputError(str(exc), hint=exc.hint) from None
    except OSError as exc:
        raise InputError(f"{where}: cannot read: {exc.strerror or exc}") from None
    data = _parse_toml(where, raw)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise InputError(f"{where}: tool must be a table holding [tool.sigcheck]")
    table = tool.get("sigcheck", {})
    if not isinstance(table, dict):
        raise InputError(f"{where}: [tool.sigcheck] must be a table")
    norm = {k.replace("_", "-"): v for k, v in table.items() if not isinstance(v, dict)}
    base = pyproject.parent

    def rel(p: str) -> str:
        return p if "://" in p or os.path.isabs(p) else str(base / p)

    requests: list[str] = []
    for pattern in _strings(norm.get("requests", []), "requests", where):
        matches = sorted(glob.glob(rel(pattern))) if any(c in pattern for c in "*?[") else [rel(pattern)]
        if not matches:
            raise InputError(f"{where}: requests pattern {pattern!r} matches no file")
        requests.extend(matches)
    fail_on = norm.get("fail-on")
    if fail_on is not None:
        parse_fail_on(str(fail_on), f"{where}: [tool.sigcheck] fail-on")
    target = norm.get("target")
    if target is not None:
        try:
            target = parse_target(str(target))
        except InputError as exc:
            raise InputError(f"{where}: [tool.sigcheck] target: {exc}") from None
    shape_check = norm.get("shape-check")
    if shape_check is not None:
        from ..validate.core import SHAPE_CHECKS

        if shape_check not in SHAPE_CHECKS:
            raise InputError(f"{where}: [tool.sigcheck] shape-check: unknown value {shape_check!r}",
                             hint=f"use one of: {', '.join(SHAPE_CHECKS)}")
    return Config(
        path=where,
        fail_on=str(fail_on) if fail_on is not None else None,
        ignore=_strings(norm.get("ignore", []), "ignore", where),
        target=target,
        runtime=str(norm["runtime"]) if "runtime" in norm else None,
        allow_ops=_strings(norm.get("allow-ops", []), "allow-ops", where),
        size_limit=parse_size(norm["size-limit"]) if "size-limit" in norm else None,
        requests=tuple(requests),
        baseline=rel(str(norm["baseline"])) if "baseline" in norm else None,
        format=str(norm["format"]) if "format" in norm else None,
        shape_check=shape_check,
        unknown=tuple(sorted(k for k in norm if k not in KNOWN_KEYS)),
    )


def merge(flag: Any, configured: Any, default: Any) -> Any:
    """A flag value when given (not None / not empty), else the configured one, else the default."""
    for value in (flag, configured):
        if value not in (None, (), []):
            return value
    return default


def combined(flags: Iterable[str], configured: Iterable[str]) -> tuple[str, ...]:
    """List settings add up (``--ignore`` on the command line adds to ``ignore`` in the file)."""
    out: list[str] = []
    for v in (*configured, *flags):
        if v not in out:
            out.append(v)
    return tuple(out)


def gate_arguments(cfg: Any, *, target: str | None, fail_on: str | None, ignore: Sequence[str] | None,
                   runtime: str | None, allow_op: Sequence[str] | None, size_limit: str | None) -> dict[str, Any]:
    """The policy arguments of ``run_gate`` (and of ``check_serving_config``) from the command-line flags, each
    over its ``[tool.sigcheck]`` value (``cfg``): ``target``, ``fail_on``, ``ignore``, ``runtime``,
    ``allow_ops``, ``size_limit``."""
    return {
        "target": parse_target(merge(target, cfg.target, "tf-serving")),
        "fail_on": parse_fail_on(merge(fail_on, cfg.fail_on, "error")),
        "ignore": combined(ignore or (), cfg.ignore),
        "runtime": merge(runtime, cfg.runtime, None),
        "allow_ops": combined(allow_op or (), cfg.allow_ops),
        "size_limit": parse_size(size_limit) if size_limit else cfg.size_limit,
    }
