"""validate --fix (issue 18): the exit code is the verdict on the copy it wrote and stderr says so; each kind of
repair is one line naming the inputs; --fix-null nan is opt-in and needs --fix."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular"


def test_fix_exit_code_is_the_verdict_on_the_copy(cli, tmp_path: Path) -> None:
    req = tmp_path / "req.json"
    req.write_text(json.dumps({"instances": [{"age": "41", "hours": ["40"], "occupation": ["x"]},
                                             {"age": "36.5", "hours": [38], "occupation": ["y"]}]}))
    out = tmp_path / "fixed.json"
    code, stdout, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", out, "--no-color")
    assert code == 0 and stdout.startswith("✗ rejected")  # the request is rejected; the copy passes
    assert err.splitlines()[0] == f"--fix: wrote {out}; the repaired copy passes validate: exit 0 is the verdict on {out}"
    assert '  unquoted numbers sent as strings ("46" → 46) (2 inputs: "age", "hours")' in err.splitlines()
    assert '  wrapped bare values in one-element lists (input: "age")' in err.splitlines()
    assert json.loads(out.read_text())["instances"][0] == {"age": [41], "hours": [40], "occupation": ["x"]}
    code, _, _ = cli("validate", out, "--model", TABULAR)
    assert code == 0


def test_fix_that_leaves_an_error_exits_1_and_points_at_fix_null(cli, tmp_path: Path) -> None:
    req = tmp_path / "req.json"
    req.write_text(json.dumps({"instances": [{"age": [None], "hours": ["40"], "occupation": ["x"]}]}))
    out = tmp_path / "fixed.json"
    code, _, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", out)
    assert code == 1 and "still has 1 error: exit 1 is the verdict on" in err and "--fix-null nan" in err
    code, stdout, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", out, "--fix-null", "nan", "--json")
    doc = json.loads(stdout)
    assert code == 0 and doc["ok"] is False and doc["fix"]["ok"] is True
    assert doc["fix"]["changes"][-1] == 'null → NaN (a missing float value) (input: "age")'
    assert b"[NaN]" in out.read_bytes()


def test_fix_null_needs_fix_and_a_known_value(cli, tmp_path: Path) -> None:
    req = tmp_path / "req.json"
    req.write_text('{"instances": [{"age": [1.0], "hours": [2], "occupation": ["x"]}]}')
    code, _, err = cli("validate", req, "--model", TABULAR, "--fix-null", "nan")
    assert code == 2 and err.startswith("error: --fix-null is a --fix repair")
    code, _, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", tmp_path / "o.json", "--fix-null", "zero")
    assert code == 2 and "unknown --fix-null 'zero'" in err
    code, _, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", tmp_path / "o.json")
    assert code == 0 and "nothing to repair" in err and not (tmp_path / "o.json").exists()
