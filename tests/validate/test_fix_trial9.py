"""--fix repairs found missing by trial9: quoted booleans to a DT_BOOL input (F18)."""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.model import read_model
from sigcheck.validate import repair, validate_request

ROOT = Path(__file__).resolve().parents[2]
MULTI = read_model(str(ROOT / "fixtures" / "models" / "module_multi"))


def test_fix_unquotes_booleans_for_a_bool_input() -> None:
    """uint8_bool: pixels DT_UINT8 (-1, 4), flag DT_BOOL (-1,); "true"/"False" are as unambiguous as "12"."""
    body = json.dumps({"signature_name": "uint8_bool", "instances": [
        {"pixels": [1, 2, 3, 4], "flag": "true"}, {"pixels": ["5", 6, 7, 8], "flag": "False"}]}).encode()
    r = validate_request(body, MULTI)
    assert not r.decoded.accepted
    flag = [f for f in r.findings if f.path.endswith(".flag")]
    assert flag and "--fix" in flag[0].hint and "true, not" in flag[0].hint
    fixed = repair(r, MULTI)
    assert fixed is not None and fixed.result.ok, [f.message for f in fixed.result.errors]
    inst = json.loads(fixed.body)["instances"]
    assert [i["flag"] for i in inst] == [True, False] and inst[1]["pixels"] == [5, 6, 7, 8]
    assert any(c.startswith('unquoted booleans sent as strings ("true" → true) (input: "flag")') for c in fixed.changes)
    # a word that is no boolean is left for the user
    other = json.dumps({"signature_name": "uint8_bool", "instances": [{"pixels": [1, 2, 3, 4], "flag": "yes"}]})
    fixed = repair(validate_request(other.encode(), MULTI), MULTI)
    assert fixed is None or json.loads(fixed.body)["instances"][0]["flag"] == "yes"


def test_fix_unwraps_request_bodies_mixed_with_bare_lines() -> None:
    """F9: a body appended to an instances file (with a BOM and a trailing blank line gcloud refuses)."""
    text = b'\xef\xbb\xbf{"x": [1, 2, 3]}\n{"instances": [{"x": [4, 5, 6]}, {"x": [7, 8, 9]}]}\n\n'
    r = validate_request(text, MULTI, format_in="jsonl", target="ai-platform")
    assert not r.ok and any("--fix" in (f.hint or "") and "unwraps" in f.hint for f in r.findings)
    fixed = repair(r, MULTI, jsonl_out=True, lines=text.splitlines())
    assert fixed is not None and fixed.result.ok, [f.message for f in fixed.result.errors]
    assert [json.loads(x) for x in fixed.body.splitlines()] == [{"x": [1, 2, 3]}, {"x": [4, 5, 6]}, {"x": [7, 8, 9]}]
    assert any("unwrapped the 1 request body among the lines into 2 bare instances" in c for c in fixed.changes)
    # bare lists beside bodies of objects: which form is meant is a guess, nothing is unwrapped
    mixed = b'[1, 2, 3]\n{"instances": [{"x": [4, 5, 6]}]}\n'
    fixed = repair(validate_request(mixed, MULTI, format_in="jsonl"), MULTI, jsonl_out=True, lines=mixed.splitlines())
    assert fixed is None or b'"instances"' in fixed.body


def test_vertex_refusals_name_raw_predict() -> None:
    """F16: what only Vertex AI's predict method refuses (signature_name, columnar inputs) reaches TF Serving through
    the same endpoint's rawPredict, which passes the body as it is: the hints say so."""
    body = json.dumps({"signature_name": "uint8_bool", "instances": [{"pixels": [1, 2, 3, 4], "flag": True}]})
    r = validate_request(body.encode(), MULTI, target="vertex")
    (f,) = [f for f in r.errors if f.category == "signature_not_found"]
    assert "rawPredict" in f.hint and "raw-predict" in f.hint and "only TF Serving can call it" not in f.hint
    assert validate_request(body.encode(), MULTI, target="tf-serving").ok  # what rawPredict's TF Serving answers
    columnar = validate_request(b'{"inputs": {"x": [[1, 2, 3]]}}', MULTI, target="vertex")
    assert any(f.path == "$.inputs" and "rawPredict" in f.hint for f in columnar.errors)
    flag = validate_request(b'{"instances": [{"pixels": [1, 2, 3, 4], "flag": true}]}', MULTI, target="vertex",
                            signature="uint8_bool")
    assert any(f.category == "signature_not_found" and "rawPredict" in f.hint for f in flag.errors)
