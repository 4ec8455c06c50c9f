"""Every case of TF Serving's output vectors (``../shared/conformance/vectors_output.jsonl``, SPEC §11, §16).

Each case formats the tensors given, then checks the parsed body as the case's ``compare`` field says
(``json_equal``: numbers by value, key order ignored; ``json_equal_numbers_as_text``: number tokens as text)
against the test's ``expect_json``, and the exact bytes against ``expect_text_derived``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.codec.response import error_body, write_response

# The same place tests/conftest.py looks (collection needs it before fixtures exist).
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()

VECTORS = SHARED / "conformance" / "vectors_output.jsonl"

NUMPY = {"DT_FLOAT": np.float32, "DT_DOUBLE": np.float64, "DT_INT32": np.int32, "DT_INT64": np.int64,
         "DT_STRING": object, "DT_BOOL": np.bool_, "DT_COMPLEX64": np.complex64}


def _cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent (../shared)"))]
    rows = [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]
    return [pytest.param(r, id=r["id"]) for r in rows]


def _array(spec: dict) -> np.ndarray:
    dt, shape, values = spec["dtype"], tuple(spec["shape"]), spec["values"]
    if dt == "DT_STRING":
        flat = np.empty(len(values), dtype=object)
        flat[:] = [v.encode("utf-8") for v in values]
        return flat.reshape(shape)
    if dt == "DT_COMPLEX64":
        # The case gives the raw scomplex_val field; the writer fails on the dtype before reading any value.
        return np.zeros(shape, dtype=np.complex64)
    if dt in ("DT_FLOAT", "DT_DOUBLE"):
        values = [float(v) for v in values]  # "NaN" / "Infinity" / "-Infinity" strings → floats
    return np.array(values, dtype=NUMPY[dt]).reshape(shape)


def _numbers_as_text(text: str):
    return json.loads(text, parse_float=str, parse_int=str, parse_constant=str)


@pytest.mark.parametrize("case", _cases())
def test_output_vector(case: dict) -> None:

    outputs = {name: _array(spec) for name, spec in case["tensors"].items()}
    dtypes = {name: spec["dtype"] for name, spec in case["tensors"].items()}
    status, body = write_response(outputs, case["format"], dtypes)
    expect = case["expect"]
    if not expect["ok"]:
        assert status == 400
        assert expect["error_contains"] in body
        assert body == error_body(expect["derived_message"])
        assert json.loads(body) == {"error": expect["derived_message"]}
        return
    assert status == 200
    if case["compare"] == "json_equal_numbers_as_text":
        assert _numbers_as_text(body) == _numbers_as_text(case["expect_json"])
    else:
        assert json.loads(body) == json.loads(case["expect_json"])
    assert body == case["expect_text_derived"]
