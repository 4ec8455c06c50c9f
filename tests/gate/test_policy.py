"""[tool.sigcheck] settings, --fail-on / --ignore policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.diagnostics import Diagnostic, Severity
from sigcheck.errors import InputError
from sigcheck.gate.policy import (
    Policy,
    combined,
    find_pyproject,
    load_config,
    merge,
    parse_size,
    parse_target,
)


def test_policy_matches_code_rule_and_category():
    d = Diagnostic(code="signature.rank0_output", severity=Severity.ERROR, message="m",
                   category="output_batch_dimension")
    assert Policy(ignore=("signature.rank0_output",)).ignores(d)
    assert Policy(ignore=("signature.*",)).ignores(d)
    assert Policy(ignore=("signature.output_batch",)).ignores(d, "signature.output_batch")
    assert Policy(ignore=("output_batch_dimension",)).ignores(d)
    assert not Policy(ignore=("op.*",)).ignores(d, "signature.output_batch")
    w = Diagnostic(code="x", severity=Severity.WARNING, message="m")
    assert not Policy().fails(w) and Policy(fail_on=Severity.WARNING).fails(w)


def test_load_config_from_pyproject(tmp_path: Path):
    (tmp_path / "requests").mkdir()
    for name in ("a.json", "b.json"):
        (tmp_path / "requests" / name).write_text("{}")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.sigcheck]\nfail-on = "warning"\nignore = ["op.*"]\ntarget = "Vertex"\n'
        'runtime = "tf2-cpu.2-15"\nallow_ops = "ReadFile"\nsize-limit = "2GB"\nrequests = ["requests/*.json"]\n'
        'baseline = "gs://b/models/prod"\nformat = "sarif"\nshape-check = "warn"\n'
    )
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    assert find_pyproject(sub) == tmp_path / "pyproject.toml"
    cfg = load_config(start=sub)
    assert cfg.fail_on == "warning" and cfg.ignore == ("op.*",) and cfg.target == "vertex"
    assert cfg.runtime == "tf2-cpu.2-15" and cfg.allow_ops == ("ReadFile",) and cfg.size_limit == 2 * 1024 ** 3
    assert [Path(p).name for p in cfg.requests] == ["a.json", "b.json"]
    assert cfg.baseline == "gs://b/models/prod" and cfg.format == "sarif"
    assert cfg.unknown == ("shape-check",)


def test_no_config_is_empty(tmp_path: Path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_config(start=tmp_path).path is None


def test_bad_config_values(tmp_path: Path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.sigcheck]\ntarget = "sagemaker"\n')
    with pytest.raises(InputError, match="unknown target"):
        load_config(p)
    p.write_text('[tool.sigcheck]\nfail-on = "fatal"\n')
    with pytest.raises(InputError, match="fail-on"):
        load_config(p)
    p.write_text('[tool.sigcheck]\nignore = [1]\n')
    with pytest.raises(InputError, match="ignore must be"):
        load_config(p)
    p.write_text('[tool.sigcheck\n')
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(p)
    p.write_text('[tool.sigcheck]\nrequests = ["nothing/*.json"]\n')
    with pytest.raises(InputError, match="matches no file"):
        load_config(p)


@pytest.mark.parametrize(("text", "size"), [("500MB", 500 * 1024 ** 2), ("10 GB", 10 * 1024 ** 3), ("2GiB", 2 * 1024 ** 3),
                                            ("1.5k", 1536), (1234, 1234), ("99", 99)])
def test_parse_size(text, size):
    assert parse_size(text) == size


def test_merge_and_targets():
    assert merge(None, "vertex", "tf-serving") == "vertex" and merge("ai-platform", "vertex", "x") == "ai-platform"
    assert merge(None, None, "d") == "d"
    assert combined(["b", "a"], ["a", "c"]) == ("a", "c", "b")
    assert parse_target("TF_Serving") == "tf-serving" and parse_target("vertex-ai") == "vertex"


def test_bad_values_in_the_config_file_name_the_file_and_key(tmp_path):
    from sigcheck.gate.policy import load_config

    for key, value, said in (("fail-on", "warnings", "[tool.sigcheck] fail-on: unknown severity 'warnings'"),
                             ("target", "vertx", "[tool.sigcheck] target: unknown target 'vertx'")):
        path = tmp_path / "pyproject.toml"
        path.write_text(f'[tool.sigcheck]\n{key} = "{value}"\n')
        with pytest.raises(InputError) as exc:
            load_config(str(path))
        assert str(exc.value).startswith(f"{path}: {said}") and "--fail-on" not in str(exc.value)
