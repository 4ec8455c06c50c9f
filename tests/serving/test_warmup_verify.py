"""warmup runs each request through the model before writing: TF Serving fails a version's load on a failing record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.tf

GOOD = b'{"instances": [[1.0, 2.0, 3.0, 4.0]]}'


@pytest.fixture
def blocked(tmp_path: Path, fixture_model) -> Path:
    """tf1_learning_phase: every request fails on the unfed keras_learning_phase placeholder."""
    base = tmp_path / "lp"
    shutil.copytree(fixture_model("tf1_learning_phase"), base)
    return base


def test_a_failing_record_is_refused_and_the_existing_file_kept(blocked: Path, tmp_path: Path, capsys) -> None:
    from sigcheck.cli import main
    from sigcheck.serving.warmup import write_warmup

    first = write_warmup(str(blocked), [("a.json", GOOD)], count=2, verify=False)  # (written without running)
    assert first.written and not first.ran
    path = Path(first.path)
    before = path.read_bytes()

    result = write_warmup(str(blocked), [("a.json", GOOD)])
    assert not result.written and result.ran and not result.replaced and result.replaced_records == 2
    [finding] = result.findings
    assert finding.code == "warmup.record_fails" and finding.severity.value == "error"
    assert "keras_learning_phase" in finding.message and "fails the load" in finding.message
    assert finding.upstream.startswith("You must feed a value for placeholder tensor 'keras_learning_phase'")
    assert "stock kernels" in result.kernels
    assert path.read_bytes() == before  # untouched
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left

    req = tmp_path / "req.json"
    req.write_bytes(GOOD)
    code = main(["warmup", str(blocked), "-r", str(req), "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    data = json.loads(out)
    assert data["written"] is False and data["findings"][0]["code"] == "warmup.record_fails"
    assert "nothing written: 1 request the model fails on; the existing file is unchanged (it had 2 records)" in err
    assert path.read_bytes() == before


def test_no_verify_writes_without_running(blocked: Path, tmp_path: Path, capsys) -> None:
    from sigcheck.cli import main

    req = tmp_path / "req.json"
    req.write_bytes(GOOD)
    assert main(["warmup", str(blocked), "-r", str(req), "--no-verify"]) == 0
    err = capsys.readouterr().err
    assert "not run through the model (--no-verify)" in err
    assert (blocked / "1" / "assets.extra" / "tf_serving_warmup_requests").exists()


def test_a_verified_replacement_says_how_many_records_it_replaced(tmp_path: Path, fixture_model, capsys) -> None:
    from sigcheck.cli import main

    base = tmp_path / "tab"
    shutil.copytree(fixture_model("keras_tabular"), base)
    req = tmp_path / "req.json"
    req.write_bytes(b'{"instances": [{"age": [31.0], "hours": [40], "occupation": ["clerk"]}]}')
    assert main(["warmup", str(base), "-r", str(req), "-n", "3", "--no-verify"]) == 0
    capsys.readouterr()
    assert main(["warmup", str(base), "-r", str(req)]) == 0
    err = capsys.readouterr().err
    assert "replaced" in err and "(it had 3 records)" in err and "ran through the model first, with stock" in err
