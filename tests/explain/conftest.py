"""Fixtures shared by the explain tests."""

from __future__ import annotations

import pytest

from sigcheck.model import read_model


@pytest.fixture(scope="module")
def models(fixture_model):  # type: ignore[no-untyped-def]
    cache: dict[str, object] = {}

    def get(name: str):  # type: ignore[no-untyped-def]
        if name not in cache:
            cache[name] = read_model(str(fixture_model(name)))
        return cache[name]

    return get
