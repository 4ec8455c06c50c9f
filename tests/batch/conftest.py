"""Fixtures for the batch tests: the models, and generated inputs with known bad records."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import pytest

from sigcheck.codec.tfrecord import frame

from . import wire

MODELS = Path(__file__).resolve().parent / "models"

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")


@pytest.fixture(scope="session")
def tabular(fixture_model):
    from sigcheck.model import read_model

    return read_model(str(fixture_model("keras_tabular")))


@pytest.fixture(scope="session")
def example_model():
    from sigcheck.model import read_model

    return read_model(str(MODELS / "tf_example"))


@pytest.fixture(scope="session")
def png_model():
    from sigcheck.model import read_model

    return read_model(str(MODELS / "png_bytes"))


def good_line(i: int) -> str:
    return json.dumps({"age": [20.0 + (i % 50) / 4], "hours": [i % 60], "occupation": [f"job{i % 7}"]})


BAD_LINES = {
    # line number (1-based) → (text, the codes validate gives it alone)
    7: ('{"age": [31.5], "hours": [40.5], "occupation": ["x"]}', {"request.dtype"}),
    30: ('{"age": [31.5], "hours": [40]}', {"request.keys"}),
    55: ('{"age": [31.5], "hours": [40], "occupation": ["x"]', {"request.gcloud"}),
    80: ('{"age": "old", "hours": [40], "occupation": ["x"]}', {"request.dtype"}),
    100: ('[1, 2, 3]', {"request.keys"}),
    123: ('{"age": [[31.5]], "hours": [40], "occupation": ["x"]}', {"request.shape"}),
    150: ('{"age": [1e39], "hours": [4], "occupation": ["x"]}', {"request.dtype"}),
    170: ('{"age": [NaN], "hours": [4], "occupation": ["x"]}', None),
    190: ('{"age": [3], "hours": [4], "occupation": ["aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ="]}', None),
    211: ('{"age": [3], "hours": [9223372036854775808], "occupation": ["x"]}', None),
}
BLANK_LINES = {40, 41}
ERROR_LINES = {n for n, (_, codes) in BAD_LINES.items() if codes}
"""The bad records: line 123's extra level is another rank than declared, an error by validate's default (``rank``:
almost every model fails on it); a same-rank size difference would be a warning, not a bad record."""


def jsonl_text(n: int = 260) -> str:
    out = []
    for number in range(1, n + 1):
        if number in BLANK_LINES:
            out.append("")
        elif number in BAD_LINES:
            out.append(BAD_LINES[number][0])
        else:
            out.append(good_line(number))
    return "\n".join(out) + "\n"


@pytest.fixture
def jsonl_file(tmp_path):
    path = tmp_path / "instances.jsonl"
    path.write_text(jsonl_text())
    return path


def tfrecord_bytes(examples: list[bytes]) -> bytes:
    return b"".join(frame(e) for e in examples)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


