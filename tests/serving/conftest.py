"""Models loaded once per test session (TensorFlow import + load is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

HALF_PLUS_TWO = "tensorflow_serving/servables/tensorflow/testdata"


ALIVE = 3
"""Model processes kept running at once (each holds a TensorFlow): the oldest is closed, and a closed one starts
again by itself on its next request."""


def _cached(make):
    cache: dict = {}

    def get(path: str | Path, *, allow_unsafe_ops: bool = False):
        key = (str(path), allow_unsafe_ops)
        if key not in cache:
            cache[key] = make(str(path), allow_unsafe_ops=allow_unsafe_ops)
        cache[key] = cache.pop(key)  # most recently used last
        for older in list(cache.values())[:-ALIVE]:
            older.close()
        return cache[key]

    return get, cache


@pytest.fixture(scope="session")
def loaded():
    """``loaded(path, allow_unsafe_ops=False)`` → a :class:`sigcheck.serving.ModelProcess` (the model in its own
    process, stock kernels: what sigcheck's commands run), cached per path."""
    from sigcheck.serving import start_model

    get, cache = _cached(start_model)
    yield get
    for model in cache.values():
        model.close()


@pytest.fixture(scope="session")
def servers():
    """``servers(path)`` → a :class:`sigcheck.serving.LocalServer`, cached per path (loads TF on first run)."""
    from sigcheck.serving import LocalServer

    get, cache = _cached(LocalServer)
    yield get
    for server in cache.values():
        server.close()
