"""TF Serving's own request vectors (../shared/conformance/vectors.jsonl) against the generated schemas.

On every vector a schema can judge, jsonschema's verdict with the lenient schema (TF Serving's acceptance) equals
TF Serving's expected outcome, and the strict schema (the declared contract) rejects everything TF Serving
rejects.  The others are skipped with the reason a schema cannot judge them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from schema_helpers import errors

from sigcheck.model.types import DEFAULT_SIGNATURE, PREDICT_METHOD, Signature, TensorSpec
from sigcheck.schema import request_schema

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SIGCHECK_SHARED_DIR", ROOT.parent / "shared")).resolve()  # as tests/conftest.py
VECTORS = SHARED / "conformance" / "vectors.jsonl"

RAGGED = ("Expecting tensor size", "Expecting shape", "Encountered list at unexpected", "found at incorrect level")
"""TF Serving's messages for values that are not rectangular across or inside instances."""


def load_vectors() -> list[dict[str, Any]]:
    if not VECTORS.exists():
        return []
    return [json.loads(line) for line in VECTORS.read_text().splitlines() if line.strip()]


def request_bytes(vector: dict[str, Any]) -> bytes:
    if vector["request"] is not None:
        return vector["request"].encode("utf-8")
    return "".join(text * repeat for text, repeat in vector["request_build"]["parts"]).encode("utf-8")


def signature_of(vector: dict[str, Any]) -> Signature:
    spec = vector["signature"]
    key = vector.get("signature_name") or spec.get("signature_name") or DEFAULT_SIGNATURE
    inputs = {n: TensorSpec(n, t["dtype"], None if t["shape"] is None else tuple(t["shape"]))
              for n, t in spec["inputs"].items()}
    return Signature(key, PREDICT_METHOD, inputs, {})


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate keys")
    return dict(pairs)


def _strict_constant(token: str) -> Any:
    raise ValueError(f"non-JSON token {token}")


def unjudgeable(vector: dict[str, Any], body: bytes) -> str | None:
    """Why a JSON Schema cannot judge this vector, or None."""
    try:
        json.loads(body, object_pairs_hook=_no_duplicates, parse_constant=_strict_constant)
    except RecursionError:
        return "nesting deeper than Python's json parser allows (TF Serving parses iteratively)"
    except ValueError as exc:
        if "non-JSON token" in str(exc):
            return "NaN/Infinity tokens are not JSON: a schema sees only JSON values"
        if "duplicate keys" in str(exc):
            return "duplicate keys: a schema sees one value per key"
        return "not a JSON document: TF Serving's parser rejects it before any schema applies"
    expect = vector["expect"]
    if not expect["ok"] and any(m in expect.get("error_contains", "") for m in RAGGED):
        shapes = [t["shape"] for t in vector["signature"]["inputs"].values()]
        if any(s is None or -1 in s for s in shapes):
            return "ragged values with unknown dimensions: a schema cannot compare lengths across elements"
    return None


VECTOR_LIST = load_vectors()


@pytest.mark.parametrize("vector", VECTOR_LIST, ids=[v["id"] for v in VECTOR_LIST])
def test_schema_agrees_with_tf_serving(vector: dict[str, Any]) -> None:
    body = request_bytes(vector)
    reason = unjudgeable(vector, body)
    if reason:
        pytest.skip(reason)
    sig = signature_of(vector)
    instance = json.loads(body)
    lenient = errors(request_schema(sig, strict=False), instance)
    expected_ok = vector["expect"]["ok"]
    assert (not lenient) == expected_ok, (
        f"TF Serving {'accepts' if expected_ok else 'rejects'} this; the lenient schema says: {lenient or 'valid'}")
    if not expected_ok:
        assert errors(request_schema(sig), instance), "the strict schema must reject what TF Serving rejects"


def test_most_vectors_are_judged(shared_dir: Path) -> None:
    assert VECTOR_LIST, f"{VECTORS} has no vectors"
    judged = [v for v in VECTOR_LIST if unjudgeable(v, request_bytes(v)) is None]
    assert len(judged) >= 25, f"only {len(judged)} of {len(VECTOR_LIST)} vectors are judged"
    assert {v["expect"]["ok"] for v in judged} == {True, False}
