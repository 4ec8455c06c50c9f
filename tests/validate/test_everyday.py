"""Issue 18 (part A): the everyday details of validate's findings: the received text of a JSON parse error is escaped
once, and with --target ai-platform the refusal gcloud gives first is the first finding."""

from __future__ import annotations

import json

from sigcheck.diagnostics import Severity
from sigcheck.validate import validate_request

from .contracts import contract


TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])})


def test_json_parse_error_received_is_escaped_once() -> None:
    body = b'{"instances": [\n  {"age": [1.0],\n   "hours": [2]\n   "occupation": ["x"]}\n]}\n'
    r = validate_request(body, TABULAR)
    (f,) = [f for f in r.findings if f.category == "json_parse_error"]
    assert "\\n" in f.received and "\\\\n" not in f.received  # one backslash per newline, as Python writes it
    assert f.received.startswith("'\\n   \"hours\"")


def test_ai_platform_lists_what_gcloud_refuses_first() -> None:
    lines = [json.dumps({"age": [1.5], "hours": [2.5], "occupation": ["x"]})]  # TF Serving's error at line 1
    lines += [json.dumps({"age": [1.5], "hours": [2], "occupation": ["x"]})] * 120  # gcloud stops at line 101
    r = validate_request("\n".join(lines).encode() + b"\n", TABULAR, target="ai-platform", format_in="jsonl")
    assert r.front_end is not None and r.front_end.name == "gcloud"
    first = r.findings[0]
    assert first.code == "request.gcloud" and first.path == "$.instances[100]"
    assert first.upstream == r.front_end.error
    assert any(f.category == "dtype_mismatch" and f.severity is Severity.ERROR for f in r.findings[1:])
    # without anything in front, TF Serving's own first rejection leads
    r = validate_request("\n".join(lines[:50]).encode() + b"\n", TABULAR, target="ai-platform", format_in="jsonl")
    assert r.front_end is None and r.findings[0].category == "dtype_mismatch"


# --- --fix: quoted numbers, null → NaN, one line per kind of repair ---------------------------------------------

CENSUS_NAMES = ("age", "capital_gain", "capital_loss", "education_num", "fnlwgt", "hours_per_week", "x1", "x2", "x3",
                "x4")
CENSUS = contract({**{n: ("DT_FLOAT", [-1, 1]) for n in CENSUS_NAMES}, "workclass": ("DT_STRING", [-1, 1])})


def census_body(value) -> bytes:
    return json.dumps({"instances": [{**{n: value(i) for i, n in enumerate(CENSUS_NAMES)}, "workclass": ["Private"]}
                                     for _ in range(3)]}).encode()


def test_fix_unquotes_numbers_and_lists_each_kind_once() -> None:
    from sigcheck.validate import repair

    r = validate_request(census_body(lambda i: str(i)), CENSUS)  # bare quoted numbers: two mistakes per input
    assert not r.decoded.accepted
    fixed = repair(r, CENSUS)
    assert fixed.ok and fixed.result.ok
    inst = json.loads(fixed.body)["instances"]
    assert inst[0]["age"] == [0] and inst[2]["x4"] == [9] and inst[0]["workclass"] == ["Private"]
    assert len(fixed.changes) == 2  # one line per kind, each naming the ten inputs once
    unquoted, wrapped = fixed.changes
    assert unquoted.startswith('unquoted numbers sent as strings ("46" → 46) (10 inputs: "age", "capital_gain"')
    assert wrapped.startswith("wrapped bare values in one-element lists (10 inputs: ")
    assert all(unquoted.count(f'"{n}"') == 1 for n in CENSUS_NAMES) and '"workclass"' not in unquoted


def test_fix_unquotes_only_what_is_unambiguous() -> None:
    from sigcheck.validate import repair

    body = json.dumps({"instances": [{"age": ["1e3"], "hours": ["7"], "occupation": ["12"]},
                                     {"age": ["-0.5"], "hours": ["7.5"], "occupation": ["x"]}]}).encode()
    fixed = repair(validate_request(body, TABULAR), TABULAR)
    inst = json.loads(fixed.body)["instances"]
    assert inst[0] == {"age": [1000.0], "hours": [7], "occupation": ["12"]}  # a string input keeps its strings
    assert inst[1] == {"age": [-0.5], "hours": ["7.5"], "occupation": ["x"]}  # 7.5 is no int64: left for the user
    assert not fixed.ok and any(f.path == "$.instances[1].hours[0]" for f in fixed.result.errors)
    big = json.dumps({"instances": [{"age": [1.0], "hours": ["99999999999999999999"], "occupation": ["x"]}]})
    fixed = repair(validate_request(big.encode(), TABULAR), TABULAR)
    assert fixed is None or json.loads(fixed.body)["instances"][0]["hours"] == ["99999999999999999999"]


def test_fix_null_nan_is_opt_in_and_for_floats_only() -> None:
    from sigcheck.validate import repair

    body = json.dumps({"instances": [{"age": [None], "hours": [3], "occupation": ["x"]},
                                     {"age": [2.0], "hours": [None], "occupation": ["y"]}]}).encode()
    r = validate_request(body, TABULAR)
    assert repair(r, TABULAR) is None  # nothing it may repair without being asked
    fixed = repair(r, TABULAR, fix_null="nan")
    assert b'"age":[NaN]' in fixed.body and b'"hours":[null]' in fixed.body  # int64 has no missing-value marker
    assert fixed.changes == ['null → NaN (a missing float value) (input: "age")']
    assert not fixed.ok  # the int64 null is still there
    ok = json.dumps({"instances": [{"age": [None], "hours": [3], "occupation": ["x"]}]}).encode()
    fixed = repair(validate_request(ok, TABULAR), TABULAR, fix_null="nan")
    assert fixed.ok and fixed.result.decoded.accepted
