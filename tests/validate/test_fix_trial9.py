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
