"""TF Serving's classify/regress request vectors (``vectors_classify_regress.jsonl``, kinds ``request`` and
``http``; SPEC §15): JSON → tf.Example features, or the exact error.  The other kinds (results → JSON, status →
JSON) are the response writer's, not the request codec's."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.codec.examples import decode_examples

SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()
VECTORS = SHARED / "conformance" / "vectors_classify_regress.jsonl"


def _cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent (../shared)"))]
    out = []
    for line in VECTORS.read_text().splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if case["kind"] in ("request", "http"):
            out.append(pytest.param(case, id=case["id"]))
        else:
            out.append(pytest.param(case, id=case["id"], marks=pytest.mark.skip(
                reason=f"kind {case['kind']}: results/status → JSON: tests/codec/test_results_vectors.py")))
    return out


def _features(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)
    for name, spec in want.items():
        (kind, values), = spec.items()
        assert list(got[name]) == [kind]
        g = got[name][kind]
        if kind == "bytes_list":
            assert [v.decode() for v in g] == values
        elif kind == "float_list":
            exp = np.array([float(v) for v in values], dtype=np.float32)
            assert np.array_equal(np.array(g, dtype=np.float32), exp, equal_nan=True)
        else:
            assert g == values


@pytest.mark.parametrize("case", _cases())
def test_classify_regress_vector(case: dict, shared_dir: Path) -> None:
    d = decode_examples(case["request"].encode())
    expect = case["expect"]
    if not expect["ok"]:
        assert not d.accepted and d.http_status == 400
        assert expect["error_contains"] in d.error
        assert d.error == expect["derived_message"]
        return
    assert d.accepted, d.error
    assert d.signature_name == expect["signature_name"]
    if expect["context"] is None:
        assert d.context is None
    else:
        _features(d.context, expect["context"])
    assert len(d.examples) == len(expect["examples"])
    for got, want in zip(d.examples, expect["examples"]):
        _features(got, want)
    if "http" in case:
        assert case["http"]["status"] == 200


def test_nan_float_feature() -> None:
    d = decode_examples(b'{"examples": [{"x": [NaN, 1.5]}]}')
    assert math.isnan(d.examples[0]["x"]["float_list"][0])
