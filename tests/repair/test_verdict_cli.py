"""``sigcheck repair``'s closing lines and exit code come from ``RepairResult.verdict_lines`` / ``exit_code``
(u3 F2, F3)."""

from __future__ import annotations

import json

from .damaged import cut_short


def test_cut_short_shard_cli(cli, fixture_model, tmp_path):
    base = cut_short(fixture_model, tmp_path)
    code, out, err = cli("repair", base, "--output", base)
    assert code == 1 and out == "", err
    assert "not repaired: files.variables_not_restored: variables/variables.data-" in err
    assert "1 error(s) sigcheck cannot repair (not repaired, above)" in err and "need a choice" not in err
    assert "hint: copy the whole SavedModel folder again" in err and "did not pass the checks" not in err
    code, out, err = cli("repair", base, "--output", base, "--rename", "output_0=predictions")
    assert code == 2 and err.startswith(f"error: {base}/1: cannot be repaired: variables/variables.data-"), err
    assert "internal error" not in err and "writing the repaired model" not in err
    code, out, _ = cli("repair", base, "--output", base, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["status"] == "not repaired" and doc["ok"] is False
    assert [d["code"] for d in doc["not_repaired"]] == ["files.variables_not_restored"]
    assert sorted(p.name for p in base.iterdir()) == ["1"]


def test_dry_run_exit_code_is_the_real_runs(cli, fixture_model, tmp_path):
    model = fixture_model("module_no_default")
    for extra in (("--dry-run",), ()):
        code, out, err = cli("repair", model, "--output", tmp_path / "o", *extra)
        assert code == 1 and out == "", err
        assert "1 error(s) need a choice; run again with the proposed flag (above)" in err
        assert "would write" not in err and "did not pass the checks" not in err
    code, out, _ = cli("repair", model, "--output", tmp_path / "o", "--dry-run", "--json")
    doc = json.loads(out)
    assert code == 1 and doc["status"] == "dry run" and doc["ok"] is False
    code, _, err = cli("repair", model, "--output", tmp_path / "o", "--dry-run", "--default-signature", "embed")
    assert code == 0 and f"dry run: would write {tmp_path / 'o'}/1; nothing written" in err
    assert not (tmp_path / "o").exists()
