"""What ``sigcheck repair`` concludes when it cannot repair everything (u3 F2, F3): errors no repair removes are
listed as not repaired (never as "a choice"), a model whose weights cannot be read is refused before anything is
written, and a dry run's status and exit code say what the real run would (the README's exit codes: 1 is a
verdict, here a model that still fails the gate)."""

from __future__ import annotations

import pytest

from sigcheck.errors import InputError
from sigcheck.repair.plan import RepairOptions
from sigcheck.repair.run import DRY_RUN, FAILED, NOTHING, repair_model

from .damaged import cut_short


def test_cut_short_shard_is_not_repaired_not_a_choice(fixture_model, tmp_path):
    base = cut_short(fixture_model, tmp_path)
    result = repair_model(str(base), RepairOptions(output=str(base)))
    assert result.status == FAILED and not result.ok and result.exit_code == 1
    assert [d.code for d in result.plan.problems] == ["files.variables_not_restored"]
    doc = result.to_json()
    assert doc["status"] == "not repaired" and doc["not_repaired"][0]["code"] == "files.variables_not_restored"
    lines = result.verdict_lines()
    assert lines[0] == f"nothing repaired in {base}/1: 1 error(s) sigcheck cannot repair (not repaired, above); see " \
        f"`sigcheck gate {base}/1`"
    assert lines[1].startswith("hint: copy the whole SavedModel folder again")
    assert not any("need a choice" in line for line in lines)
    assert sorted(p.name for p in base.iterdir()) == ["1"]


def test_a_flag_on_a_model_whose_weights_cannot_be_read_is_refused(fixture_model, tmp_path):
    """Following the proposed --rename used to end in `internal error: IndexError` half-way through the re-save."""
    base = cut_short(fixture_model, tmp_path)
    for dry_run in (True, False):
        with pytest.raises(InputError, match=r"cannot be repaired: variables/variables\.data-\S+ is cut short") as e:
            repair_model(str(base), RepairOptions(output=str(base), renames={"output_0": "predictions"},
                                                  dry_run=dry_run))
        assert e.value.hint and e.value.hint.startswith("copy the whole SavedModel folder again")
    assert sorted(p.name for p in base.iterdir()) == ["1"]


def test_dry_run_of_an_error_that_needs_a_flag(fixture_model, tmp_path):
    """module_no_default: no serving_default (an error), fixed only by --default-signature, which the user
    chooses.  The dry run says `dry run`, exits 1 as the real run does, and says why; with the flag: exit 0."""
    model = str(fixture_model("module_no_default"))
    dry = repair_model(model, RepairOptions(output=str(tmp_path / "o"), dry_run=True))
    assert dry.status == DRY_RUN and dry.exit_code == 1 and dry.to_json()["ok"] is False
    assert [d.code for d in dry.plan.needs_choice()] == ["signature.no_serving_default"] and dry.plan.problems == []
    assert dry.verdict_lines() == [f"nothing repaired in {dry.source} (dry run): 1 error(s) need a choice; run again "
                                   "with the proposed flag (above)"]
    real = repair_model(model, RepairOptions(output=str(tmp_path / "o")))
    assert real.status == FAILED and real.exit_code == 1 and real.verdict_lines()[0] == \
        dry.verdict_lines()[0].replace(" (dry run)", "")
    chosen = repair_model(model, RepairOptions(output=str(tmp_path / "o"), dry_run=True, default_signature="embed"))
    assert chosen.status == DRY_RUN and chosen.exit_code == 0
    assert chosen.verdict_lines() == [f"dry run: would write {tmp_path / 'o'}/1; nothing written"]
    assert not (tmp_path / "o").exists()


def test_nothing_to_repair_exits_0(fixture_model, tmp_path):
    result = repair_model(str(fixture_model("tf1_placeholder_with_default")),
                          RepairOptions(output=str(tmp_path / "o"), dry_run=True))
    assert result.status == NOTHING and result.exit_code == 0 and result.plan.problems == []
    assert result.verdict_lines() == [f"nothing to repair in {result.source}"]
