"""TF Serving's configuration files (model config, batching parameters, monitoring) and warm-up records, gated."""

from __future__ import annotations

from typing import Any

__all__ = ["check_serving_config"]


def __getattr__(name: str) -> Any:
    if name == "check_serving_config":
        from .runner import check_serving_config

        return check_serving_config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
