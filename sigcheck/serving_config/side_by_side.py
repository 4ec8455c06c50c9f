"""Versions one config entry serves together (``latest { num_versions: N }``, ``all``, ``specific``) compared with
``sigcheck diff``: a breaking interface change between them breaks clients when they are moved from one to the other.

TF Serving serves every version the policy selects under one model name; a request without a version reaches the
highest, and one naming a version (or a label: ``stable``, ``canary``) reaches that one.  Serving two interfaces
side by side may be meant (clients pinned to each), so a breaking change is a warning, not an error: each client of
the older version breaks when its label moves to the newer one, or when the older version leaves the policy.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model.types import ModelInfo
from .models import ModelEntry
from .textproto import ConfigText

CODE = "config.version_interface"
SUMMARY = ("versions a model serves side by side (a version policy with several versions, labels) keep one interface: "
           "no breaking change (as `sigcheck diff` finds them) from one to the next")


def _labels(labels: Any, version: int) -> str:
    names = sorted(k for k, v in labels.items() if v == version)
    return f" ({', '.join(names)})" if names else ""


def check_versions(cfg: ConfigText, config: Any, entry: ModelEntry,
                   infos: Sequence[tuple[int, ModelInfo]]) -> Iterable[Diagnostic]:
    """A warning for each pair of consecutive versions ``entry`` serves (``infos``: the readable ones, any order)
    whose interfaces differ in a way ``sigcheck diff`` calls breaking."""
    from ..diff import BREAKING, KIND_OF_CODE, diff_models

    served = sorted(infos, key=lambda vi: vi[0])
    labels = config.model_config_list.config[entry.index].version_labels
    line = (cfg.line("model_config_list", 0, "config", entry.index, "model_version_policy")
            or cfg.line("model_config_list", 0, "config", entry.index, "name"))
    for (old_v, old), (new_v, new) in zip(served, served[1:]):
        breaking = [d for d in diff_models(old, new).findings if KIND_OF_CODE.get(d.code) == BREAKING]
        if not breaking:
            continue
        first = breaking[0].message.split(": ", 1)[0]  # (what changed, without diff's explanation)
        count = f"{len(breaking)} breaking change{'s' if len(breaking) != 1 else ''}"
        shown = first if len(breaking) == 1 else f"the first: {first}"
        yield Diagnostic(
            code=CODE, severity=Severity.WARNING, subject=cfg.location, line=line,
            path=f"$.model_config_list.config[{entry.index}].model_version_policy",
            category=breaking[0].category,
            message=f"model \"{entry.name}\" serves versions {old_v}{_labels(labels, old_v)} and "
                    f"{new_v}{_labels(labels, new_v)} side by side, and version {new_v} breaks version {old_v}'s "
                    f"interface ({count}, {shown}): requests without a version already reach version "
                    f"{max(v for v, _ in served)}, and a client of version {old_v} breaks when it is moved to "
                    f"version {new_v} (a label flip, or version {old_v} leaving the version policy)",
            expected="one interface across the versions served together",
            received=f"{count} from version {old_v} to {new_v}",
            hint=f"keep version {old_v}'s interface in version {new_v} (`sigcheck diff {old.source} {new.source}` "
                 "lists the changes), or serve the new interface under another model name and move clients to it "
                 "on purpose")
