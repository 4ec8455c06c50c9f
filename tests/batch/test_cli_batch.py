"""``sigcheck batch``: the --json shape, the dead-letter line shape, exit codes, the human view."""

from __future__ import annotations

import json

from .conftest import ERROR_LINES, jsonl_text

JSON_KEYS = ["ok", "model", "signature", "input_format", "records", "bad_records", "findings", "examples",
             "dead_letter", "seconds"]


def test_json_and_dead_letter_shapes(cli, fixture_model, jsonl_file, tmp_path):
    dead = tmp_path / "dead.jsonl"
    code, out, err = cli("batch", jsonl_file, "--model", fixture_model("keras_tabular"), "--json",
                         "--dead-letter", dead, "--workers", "1")
    assert code == 1, err
    data = json.loads(out)
    assert list(data) == JSON_KEYS
    assert data["dead_letter"] == str(dead) and data["signature"] == "serving_default"
    assert data["input_format"] == "jsonl" and data["records"] == 258 and data["bad_records"] == len(ERROR_LINES) == 7
    assert all(list(e) == ["location", "code", "category", "message"] for e in data["examples"])
    assert sum(data["findings"].values()) >= data["bad_records"]
    lines = [json.loads(x) for x in dead.read_text().splitlines()]
    assert len(lines) == 7
    for line in lines:
        assert list(line) == ["location", "key", "findings", "record"]
        assert line["location"].startswith(f"{jsonl_file}:")
        assert all(list(f) == ["code", "category", "severity", "message", "hint"] for f in line["findings"])
        number = int(line["location"].rsplit(":", 1)[1])
        assert line["record"] == jsonl_text().splitlines()[number - 1]


def test_one_record_is_singular(cli, fixture_model, tmp_path):
    """"1 records read" (trial 11, finding 11c)."""
    one = tmp_path / "one.jsonl"
    one.write_text(jsonl_text(1))
    code, out, err = cli("batch", one, "--model", fixture_model("keras_tabular"), "--workers", "1")
    assert code == 0, err
    assert "1 record read, 0 bad" in out and "records read" not in out


def test_exit_codes_and_human_view(cli, fixture_model, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl_text(5))
    code, out, err = cli("batch", good, "--model", fixture_model("keras_tabular"), "--workers", "1")
    assert code == 0, err
    assert "5 records read, 0 bad" in out and "records/s" in out
    code, out, err = cli("batch", tmp_path / "missing.jsonl", "--model", fixture_model("keras_tabular"))
    assert code == 2 and err.startswith("error: ") and "hint: " in err
    code, out, err = cli("batch", good, "--model", fixture_model("keras_tabular"), "--runner", "nope", "--json")
    assert code == 2 and json.loads(out)["error"]["kind"] == "input"
    code, out, err = cli("batch", good, "--model", fixture_model("keras_tabular"), "--included-fields", "a",
                         "--excluded-fields", "b")
    assert code == 2 and "cannot be used together" in err


def test_dead_letter_never_half_written(cli, fixture_model, jsonl_file, tmp_path):
    missing_dir = tmp_path / "nowhere" / "dead.jsonl"
    code, out, err = cli("batch", jsonl_file, "--model", fixture_model("keras_tabular"), "--dead-letter",
                         missing_dir)
    assert code == 2 and not missing_dir.parent.exists()
    dead = tmp_path / "dead.jsonl"
    cli("batch", jsonl_file, "--model", fixture_model("keras_tabular"), "--dead-letter", dead, "--workers", "1")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sigcheck")] == []


def test_beam_without_the_extra_is_exit_2(cli, fixture_model, tmp_path):
    import importlib.util

    import pytest

    if importlib.util.find_spec("apache_beam") is not None:
        pytest.skip("apache-beam is installed here: tests/batch/test_beam.py runs it")
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl_text(3))
    code, out, err = cli("batch", good, "--model", fixture_model("keras_tabular"), "--runner", "beam")
    assert code == 2 and "apache_beam" in err
    from importlib import metadata

    if int(metadata.version("protobuf").split(".")[0]) >= 7:  # .venv: installing the extra here would break it
        assert "make -C" in err and "beam-venv" in err and "pip install" not in err
    else:
        assert "[beam]" in err


def test_workers_with_beam_is_exit_2(cli, monkeypatch, fixture_model, tmp_path):
    """u3 F17.1: --workers is the local runner's; with --runner beam it was ignored without a word (the reverse,
    --beam-option without --runner beam, is exit 2): now exit 2, the hint naming Beam's own options."""
    import sigcheck.batch.beam as beam_mod

    monkeypatch.setattr(beam_mod, "check_beam", lambda: None)  # (as if apache-beam were installed)
    good = tmp_path / "good.jsonl"
    good.write_text(jsonl_text(3))
    code, out, err = cli("batch", good, "--model", fixture_model("keras_tabular"), "--runner", "beam",
                         "--workers", "2")
    assert code == 2 and err.startswith("error: --workers applies to --runner local only") and out == ""
    assert "--beam-option max_num_workers=N" in err and "direct_num_workers" in err
