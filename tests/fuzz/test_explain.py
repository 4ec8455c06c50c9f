"""Error texts through explain's public function (with and without a model and a request), under a time bound:
the shared corpus of real errors mutated, long digit runs, random text.  explain is called, never changed here."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sigcheck.explain import explain_text

from .conftest import answers
from .mutate import mutated_text
from .test_codec import INFOS, SAMPLES

SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED / "corpus" / "errors.jsonl"
TEXTS = [json.loads(line)["error_text"] for line in CORPUS.read_text().splitlines() if line.strip()] \
    if CORPUS.exists() else []
TEXTS += [  # (also when ../shared is absent)
    "input must be 4-dimensional[1,1,1,150,150,3]",
    "You must feed a value for placeholder tensor 'keras_learning_phase' with dtype bool",
    "JSON Value: 31.5 Type: Number is not of expected type: int64",
    "Request payload size exceeds the limit: 1572864 bytes.",
]
DIGITS = ["1" * 50_000, "[" + "1," * 20_000 + "]", "0." + "9" * 30_000, "-" * 40_000, "1e" + "9" * 10_000,
          "{" * 5_000 + "}" * 5_000, "\udcff" * 100]


@given(st.sampled_from(TEXTS), st.data())
def test_mutated_error_texts(text, data):
    mutated = data.draw(mutated_text(text, max_ops=3))
    answers("explain.text", lambda: explain_text(mutated))


@given(st.sampled_from(TEXTS), st.sampled_from(DIGITS), st.integers(0, 200))
def test_long_runs_inside_real_errors(text, run, at):
    at = min(at, len(text))
    answers("explain.runs", lambda: explain_text(text[:at] + run + text[at:]))


@given(st.sampled_from(TEXTS), st.sampled_from(SAMPLES), st.text(max_size=200))
def test_with_model_and_request(text, sample, noise):
    name, _, body = sample
    answers("explain.model", lambda: explain_text(text + noise, info=INFOS[name], request=body))
