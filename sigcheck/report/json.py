"""``--format json``: the producer's JSON (with ``schema_version``), indented, one trailing newline.

The gate's shape: ``{"schema_version", "ok", "model", "target", "fail_on", "findings": [Diagnostic], "checks":
{rule: "pass"|"fail"|"skip"}, "skipped": {rule: reason}, "ignored"}``; diff adds ``verdict`` and a ``kind`` per
finding.
"""

from __future__ import annotations

import json as _json

NAME = "json"
ALWAYS_EMIT = True


def render(view) -> str:  # type: ignore[no-untyped-def]
    return _json.dumps(dict(view.data), indent=2, ensure_ascii=False) + "\n"
