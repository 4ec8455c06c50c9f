"""Request bodies through the codec and validate (every road, --fix, the --json document): hypothesis JSON, and
mutations of valid sample requests (deep nesting, huge numbers, bytes that are not UTF-8, every --target)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sigcheck.diagnostics import valid_text
from sigcheck.model.reader import read_model
from sigcheck.schema import sample_request
from sigcheck.validate import validate_request
from sigcheck.validate.fix import repair

from .conftest import answers
from .mutate import mutated_bytes
from .test_reader import MODELS

INFOS = {name: read_model(str(MODELS / name)) for name in ("keras_tabular", "module_multi", "keras_image")}


def _samples() -> list[tuple[str, str, bytes]]:
    from sigcheck.errors import SigcheckError

    out = []
    for name, info in INFOS.items():
        for key, sig in sorted(info.signatures.items()):
            try:
                out.append((name, key, sample_request(sig, batch=2)))
            except SigcheckError:  # (a signature no REST request can call: nothing to mutate)
                continue
    return out


SAMPLES = _samples()
TARGETS = ["tf-serving", "vertex", "ai-platform"]

BIG = {"<big int>": "9" * 5000, "<big negative>": "-" + "1" * 400, "<long fraction>": "1." + "0" * 5000,
       "<huge exponent>": "1e" + "9" * 400}
"""Placeholders for number literals Python cannot hold as they are written (substituted in the body's text)."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10)
    | st.sampled_from(list(BIG) + [2 ** 64, 1e308]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["instances", "inputs", "signature_name", "b64", "age", "x", "image", "\udcff"]) | st.text(
            max_size=5), inner, max_size=4),
    max_leaves=30,
)


def _body(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False)
    for key, literal in BIG.items():
        text = text.replace(json.dumps(key), literal)
    return text.encode("utf-8", "surrogateescape")


SPECIAL = [
    b'{"instances": [' + b"[" * 3000 + b"1" + b"]" * 3000 + b"]}",
    b'{"instances": [' + b'{"a":' * 1200 + b"1" + b"}" * 1200 + b"]}",
    b'{"instances": [{"age": [1.' + b"0" * 5000 + b'], "hours": [' + b"9" * 5000 + b'], "occupation": ["x"]}]}',
    b'{"instances": [{"ag\xff\xfe": [1.0]}]}',
    b'{"inputs": {"x": [[1e' + b"9" * 400 + b"]]}}",
    b'{"instances": [{"b64": "' + b"A" * 100_001 + b'"}]}',
]


def check(info, body: bytes, target: str) -> None:
    """What validate (and --fix, and --json) does with one body."""
    result = validate_request(body, info, target=target)
    text = valid_text(json.dumps(result.to_json(), ensure_ascii=False))
    json.loads(text.encode("utf-8"))  # the --json document: valid UTF-8 JSON
    repair(result, info)


@given(st.sampled_from(sorted(INFOS)), json_values, st.sampled_from(TARGETS))
def test_generated_json(name, value, target):
    answers("codec.json", lambda: check(INFOS[name], _body(value), target))


@given(st.sampled_from(SAMPLES), st.data(), st.sampled_from(TARGETS))
def test_mutated_sample_requests(sample, data, target):
    name, _, body = sample
    mutated = data.draw(mutated_bytes(body, max_ops=3))
    answers("codec.mutated", lambda: check(INFOS[name], mutated, target))


@given(st.sampled_from(SPECIAL), st.sampled_from(sorted(INFOS)), st.sampled_from(TARGETS))
def test_hostile_bodies(body, name, target):
    answers("codec.hostile", lambda: check(INFOS[name], body, target))
