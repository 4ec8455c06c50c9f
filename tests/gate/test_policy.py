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
        'baseline = "gs://b/models/prod"\nformat = "sarif"\nshape-check = "error"\nshape-chek = "warn"\n'
    )
    sub = tmp_path / "src" / "deep"
    sub.mkdir(parents=True)
    assert find_pyproject(sub) == tmp_path / "pyproject.toml"
    cfg = load_config(start=sub)
    assert cfg.fail_on == "warning" and cfg.ignore == ("op.*",) and cfg.target == "vertex"
    assert cfg.runtime == "tf2-cpu.2-15" and cfg.allow_ops == ("ReadFile",) and cfg.size_limit == 2 * 1024 ** 3
    assert [Path(p).name for p in cfg.requests] == ["a.json", "b.json"]
    assert cfg.baseline == "gs://b/models/prod" and cfg.format == "sarif"
    assert cfg.shape_check == "error" and cfg.unknown == ("shape-chek",)


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


# Discovery parses each pyproject.toml on the way: every spelling --config reads is found (issue: a byte regex
# for "[tool.sigcheck]" missed these, and the gate passed without the user's settings).
SPELLINGS = {
    "spaced header": '[ tool.sigcheck ]\nfail-on = "warning"\n',
    "quoted key": '[tool."sigcheck"]\nfail-on = "warning"\n',
    "literal quoted": "[ 'tool' . 'sigcheck' ]\nfail-on = 'warning'\n",
    "dotted key under [tool]": '[tool]\nsigcheck.fail-on = "warning"\n',
    "top-level dotted key": 'tool.sigcheck.fail-on = "warning"\n',
    "inline table": 'tool = { sigcheck = { fail-on = "warning" } }\n',
    "escaped name": '[tool."sig\\u0063heck"]\nfail-on = "warning"\n',
    "subtable only": '[project]\nname = "x"\n[tool.sigcheck.extra]\nk = 1\n[tool.sigcheck]\nfail-on = "warning"\n',
}


@pytest.mark.parametrize("text", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_discovery_finds_every_toml_spelling(tmp_path: Path, text: str):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(text)
    sub = tmp_path / "src"
    sub.mkdir()
    assert find_pyproject(sub) == tmp_path / "pyproject.toml"
    assert load_config(start=sub).fail_on == "warning"
    assert load_config(tmp_path / "pyproject.toml").fail_on == "warning"  # what --config reads: the same


def test_discovery_skips_pyprojects_without_the_table(tmp_path: Path):
    """A nearer pyproject.toml without [tool.sigcheck] (valid, or broken and never naming sigcheck: another
    tool's file) is passed over; one that only names sigcheck as a dependency too."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.sigcheck]\nfail-on = "warning"\n')
    a = tmp_path / "a"
    b = a / "b"
    b.mkdir(parents=True)
    (a / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["sigcheck>=1"]\n[tool.ruff]\n')
    (b / "pyproject.toml").write_text('[tool.black\nline-length = 100\n')  # broken, not ours
    assert find_pyproject(b) == tmp_path / "pyproject.toml"
    assert load_config(start=b).fail_on == "warning"


@pytest.mark.parametrize("text", ['[tool.sigcheck\nfail-on = "warning"\n',
                                  '[project]\nname = "x"\n[tool.Sigcheck]]\n',
                                  '[tool.sigcheck]\nfail-on = warning\n',
                                  b'[tool.sigcheck]\nfail-on = "\xff"\n'])
def test_discovery_refuses_a_broken_pyproject_that_mentions_sigcheck(tmp_path: Path, text):
    (tmp_path / ".git").mkdir()
    path = tmp_path / "pyproject.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(InputError) as exc:
        find_pyproject(tmp_path)
    assert str(exc.value).startswith(f"{path}: not valid TOML: ") and "\n" not in str(exc.value)
    assert "--config" in exc.value.hint
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(start=tmp_path)


def test_tool_that_is_not_a_table(tmp_path: Path):
    p = tmp_path / "pyproject.toml"
    p.write_text('tool = "sigcheck"\n')
    assert find_pyproject(tmp_path) is None  # no [tool.sigcheck] table: nothing to discover
    with pytest.raises(InputError, match="tool must be a table"):
        load_config(p)
    p.write_text('[tool]\nsigcheck = "warning"\n')
    assert find_pyproject(tmp_path) == p  # found, then refused with a message, never silently ignored
    with pytest.raises(InputError, match=r"\[tool.sigcheck\] must be a table"):
        load_config(start=tmp_path)


@pytest.mark.parametrize("text", [SPELLINGS["spaced header"], SPELLINGS["dotted key under [tool]"],
                                  '[tool.sigcheck\nfail-on = "warning"\n'])
def test_cli_gate_discovers_like_config(capsys, monkeypatch, fixture_model, tmp_path: Path, text: str):
    """The new user's case: `sigcheck gate MODEL` from the folder of the pyproject.toml answers as `--config` does
    (keras_unnamed has warnings only: fail-on warning fails it)."""
    from sigcheck.cli import main

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(text)
    monkeypatch.chdir(tmp_path)
    model = str(fixture_model("keras_unnamed"))
    answers = []
    for extra in ((), ("--config", "pyproject.toml")):
        code = main(["gate", model, *extra])
        _, err = capsys.readouterr()
        answers.append((code, err.splitlines()[-1].split(":")[0] if code != 2
                        else err.split("\n")[0].split("pyproject.toml: ")[-1]))
    assert answers[0] == answers[1]
    assert answers[0][0] == (2 if "[tool.sigcheck\n" in text else 1)
    if answers[0][0] == 1:
        assert answers[0][1] == "gate failed (fail-on warning)"
    else:
        assert answers[0][1].startswith("not valid TOML: Expected ']'")
