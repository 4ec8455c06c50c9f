"""Every case of TF Serving's request vectors (``../shared/conformance/vectors.jsonl``, SPEC §16).

Each case runs through :func:`decode_request` (whichever road it takes) and through the faithful road alone;
both must give the tensors the test expects (floats compared after rounding to the dtype, as SPEC §16 says),
or the expected error: the asserted substring, the full derived message, its status code and HTTP status.
The two 1 MB cases are built from ``request_build``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from sigcheck.codec.request import Decoded, decode_faithful, decode_request
from sigcheck.model.types import Signature, TensorSpec

SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared")).resolve()
VECTORS = SHARED / "conformance" / "vectors.jsonl"


def _cases() -> list:
    if not VECTORS.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent (../shared)"))]
    rows = [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]
    return [pytest.param(r, id=r["id"]) for r in rows]


def signatures_of(case: dict) -> dict[str, Signature]:
    name = case.get("signature_name") or "serving_default"
    inputs = {
        k: TensorSpec(k, t["dtype"], None if t.get("shape") is None else tuple(t["shape"]))
        for k, t in case["signature"]["inputs"].items()
    }
    return {name: Signature(name, "tensorflow/serving/predict", inputs, {})}


def body_of(case: dict) -> bytes:
    if case["request"] is None:
        return "".join(text * n for text, n in case["request_build"]["parts"]).encode()
    return case["request"].encode("utf-8")


def check(decoded: Decoded, case: dict) -> None:
    expect = case["expect"]
    if "http" in case:
        assert decoded.http_status == case["http"]["status"]
    if not expect["ok"]:
        assert not decoded.accepted
        assert expect["error_contains"] in decoded.error
        if "derived_message" in expect:
            assert decoded.error == expect["derived_message"]
        assert decoded.status_code == expect.get("derived_code", "INVALID_ARGUMENT")
        assert decoded.tensors == {}
        return
    assert decoded.accepted, decoded.error
    assert decoded.http_status == 200 and decoded.error is None
    assert decoded.format == expect["format"]
    assert sorted(decoded.tensors) == sorted(expect["tensors"])
    for name, want in expect["tensors"].items():
        got = decoded.tensors[name]
        assert got.dtype == want["dtype"]
        assert list(got.shape) == want["shape"] == list(got.array.shape)
        values = want["values"]
        if want["dtype"] == "DT_STRING":
            assert [v.decode("utf-8") for v in got.array.ravel()] == values
        elif want["dtype"] in ("DT_FLOAT", "DT_DOUBLE"):
            np_type = np.float32 if want["dtype"] == "DT_FLOAT" else np.float64
            exp = np.array([float(v) for v in values], dtype=np_type)
            assert got.array.dtype == np_type
            assert np.array_equal(got.array.ravel(), exp, equal_nan=True)
            assert np.array_equal(np.signbit(got.array.ravel()), np.signbit(exp))
        else:
            assert got.array.ravel().tolist() == values


@pytest.mark.parametrize("case", _cases())
def test_request_vector(case: dict, shared_dir: Path) -> None:
    body = body_of(case)
    sigs = signatures_of(case)
    decoded = decode_request(body, sigs)
    check(decoded, case)
    if decoded.road == "fast":
        check(decode_faithful(body, sigs), case)
