"""Fixtures of tests/model: the hostile SavedModels (built once per session with TensorFlow)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def hostile_models(tmp_path_factory) -> dict[str, Path]:
    pytest.importorskip("tensorflow")
    from .hostile import build_all

    return build_all(tmp_path_factory.mktemp("hostile"))
