"""Models loaded once per test session (TensorFlow import + load is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

HALF_PLUS_TWO = "tensorflow_serving/servables/tensorflow/testdata"


@pytest.fixture(scope="session")
def loaded():
    """``loaded(path, allow_unsafe_ops=False)`` → a :class:`sigcheck.serving.LoadedModel`, cached per path."""
    from sigcheck.serving import load_model

    cache: dict = {}

    def get(path: str | Path, *, allow_unsafe_ops: bool = False):
        key = (str(path), allow_unsafe_ops)
        if key not in cache:
            cache[key] = load_model(str(path), allow_unsafe_ops=allow_unsafe_ops)
        return cache[key]

    yield get
    for model in cache.values():
        model.close()


@pytest.fixture(scope="session")
def servers():
    """``servers(path)`` → a :class:`sigcheck.serving.LocalServer`, cached per path (loads TF on first run)."""
    from sigcheck.serving import LocalServer

    cache: dict = {}

    def get(path: str | Path, *, allow_unsafe_ops: bool = False):
        key = (str(path), allow_unsafe_ops)
        if key not in cache:
            cache[key] = LocalServer(str(path), allow_unsafe_ops=allow_unsafe_ops)
        return cache[key]

    yield get
    for server in cache.values():
        server.close()
