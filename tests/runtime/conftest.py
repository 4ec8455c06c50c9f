"""Models that use ops and attrs newer than TensorFlow 2.15, built once per session with the project's TensorFlow."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from . import compat_models

COMPAT_PYTHON = os.environ.get("SIGCHECK_COMPAT_PYTHON", "")


@pytest.fixture(scope="session")
def newer_models(tmp_path_factory) -> list[dict]:
    """``compat_models.build_all``'s entries (name, path, base, feeds); needs TensorFlow."""
    folder = tmp_path_factory.mktemp("newer-models")
    entries = compat_models.build_all(folder)
    (folder / "models.json").write_text(json.dumps(entries))
    return entries


@pytest.fixture(scope="session")
def newer_model(newer_models):
    by_name = {e["name"]: e for e in newer_models}

    def get(name: str) -> Path:
        return Path(by_name[name]["base"])

    return get
