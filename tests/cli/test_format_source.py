"""An unknown report format says where it came from when no --format was given: SIGCHECK_FORMAT or the
configuration (trial 11, finding 11f: `SIGCHECK_FORMAT=bogus sigcheck gate …` named no source)."""

from __future__ import annotations

import pytest


def test_unknown_format_from_the_environment(cli, fixture_model, monkeypatch) -> None:
    monkeypatch.setenv("SIGCHECK_FORMAT", "bogus")
    code, out, err = cli("gate", fixture_model("keras_tabular"))
    assert code == 2 and out == ""
    assert "unknown format 'bogus': expected one of text, json, junit, sarif" in err
    assert "environment variable SIGCHECK_FORMAT='bogus' (no --format was given)" in err
    assert "hint: unset SIGCHECK_FORMAT" in err


def test_unknown_format_from_the_option_names_no_other_source(cli, fixture_model, monkeypatch) -> None:
    monkeypatch.setenv("SIGCHECK_FORMAT", "json")
    code, _, err = cli("gate", fixture_model("keras_tabular"), "--format", "bogus")
    assert code == 2 and "unknown format 'bogus'" in err and "came from" not in err


def test_unknown_format_from_the_configuration(cli, fixture_model, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("SIGCHECK_FORMAT", raising=False)
    (tmp_path / "pyproject.toml").write_text('[tool.sigcheck]\nformat = "xml"\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("gate", fixture_model("keras_tabular"))
    assert code == 2 and "unknown format 'xml'" in err
    assert "configuration's format (in " in err and "pyproject.toml" in err


@pytest.mark.parametrize("env", ["json", " JSON "])
def test_a_valid_environment_format_still_applies(cli, fixture_model, monkeypatch, env) -> None:
    monkeypatch.setenv("SIGCHECK_FORMAT", env)
    code, out, _ = cli("gate", fixture_model("keras_tabular"))
    assert out.lstrip().startswith("{")
