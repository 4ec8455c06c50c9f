"""validate's human view prints the expected / received sides a finding has, and leaves out an absent one (it
printed "expected: -" under the content-after-the-body warning: trial 11, finding 11a)."""

from __future__ import annotations

from pathlib import Path


def test_absent_side_is_left_out(cli, fixture_model, tmp_path: Path) -> None:
    model = fixture_model("keras_tabular")
    code, sample, _ = cli("sample", model)
    assert code == 0
    request = tmp_path / "trailing.json"
    request.write_text(sample.strip() + " trailing\n")
    code, out, _ = cli("validate", request, "--model", model, "--no-color")
    lines = out.splitlines()
    (at,) = [i for i, line in enumerate(lines) if "there is content after the JSON body" in line]
    assert lines[at + 1].startswith(("  received: ", "  expected: ")) and "received: " in lines[at + 1]
    assert "expected: -" not in out and "received: -" not in out


def test_both_sides_stay_on_one_line(cli, fixture_model, tmp_path: Path) -> None:
    request = tmp_path / "quoted.json"
    request.write_text('{"instances": [{"age": ["x"], "hours": [3], "occupation": ["apple"]}]}')
    code, out, _ = cli("validate", request, "--model", fixture_model("keras_tabular"), "--no-color")
    assert code == 1
    assert any(line.startswith("  expected: ") and "    received: " in line for line in out.splitlines()), out
