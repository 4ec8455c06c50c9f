"""Start-up budget of the command line: a command imports its own module and what its work needs, nothing more.

Checked by what a fresh process has in ``sys.modules`` (not by wall time, which follows the machine's load):
``inspect --json`` imports no other command module, no rich, no numpy; ``--help`` lists every command without
importing any command module.  BENCHMARKS.md (## inspect) has the timings.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.cli.app import COMMAND_MODULES

PROBE = """
import json, sys
from sigcheck.cli import main
code = main({argv!r})
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)) + "\\n")
sys.exit(code)
"""


def run_probe(argv: list[str]) -> tuple[int, str, set[str]]:
    env = dict(os.environ, NO_GCE_CHECK="true", NO_COLOR="1", COLUMNS="200")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, env=env,
                          timeout=60)
    head, _, tail = proc.stderr.rpartition("\nMODULES=")
    assert tail, proc.stderr
    return proc.returncode, proc.stdout, set(json.loads(tail))


def command_modules(modules: set[str]) -> set[str]:
    return {m.rsplit(".", 1)[1] for m in modules if m.startswith("sigcheck.cli.")} & set(COMMAND_MODULES)


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_inspect_json_imports_only_its_own_command_and_no_rich(fixture_model) -> None:
    code, out, modules = run_probe(["inspect", str(fixture_model("keras_tabular")), "--json"])
    assert code == 0 and json.loads(out)["format"] == "sigcheck.signatures/v1"
    assert command_modules(modules) == {"inspect"}
    assert not top_level(modules) & {"typer", "rich", "pygments", "numpy", "orjson", "tensorflow", "keras"}
    assert not {m for m in modules if m.startswith(("google.cloud", "sigcheck.gate", "sigcheck.codec",
                                                      "sigcheck.report", "sigcheck.cli.views"))}


def test_an_error_in_json_mode_imports_no_rich(tmp_path: Path) -> None:
    code, out, modules = run_probe(["inspect", str(tmp_path / "missing"), "--json"])
    assert code == 2 and json.loads(out)["exit_code"] == 2
    assert command_modules(modules) == {"inspect"} and not top_level(modules) & {"typer", "rich"}


def test_other_commands_load_only_their_own_module(fixture_model, tmp_path: Path) -> None:
    model = str(fixture_model("keras_tabular"))
    code, out, modules = run_probe(["schema", model, "-o", str(tmp_path / "s.json")])
    assert code == 0 and command_modules(modules) == {"schema"} and "rich" not in top_level(modules)
    code, out, modules = run_probe(["inspect", model])  # the human view: typer and rich, still only inspect
    assert code == 0 and command_modules(modules) == {"inspect"} and {"typer", "rich"} <= top_level(modules)


@pytest.mark.parametrize("argv", [
    ["validate", "{request}", "--model", "{model}", "--json"],
    ["gate", "{model}", "--format", "json"],
    ["diff", "{model}", "{model}", "--json"],
    ["explain", "{error}", "--json"],
    ["sample", "{model}"],
])
def test_json_paths_of_other_commands_import_no_rich(argv: list[str], fixture_model, tmp_path: Path) -> None:
    (tmp_path / "req.json").write_text('{"instances": [{"age": [1.0], "hours": [2], "occupation": ["x"]}]}')
    (tmp_path / "err.txt").write_text("Input to reshape is a tensor with 10 values, but the requested shape has 20")
    values = {"model": str(fixture_model("keras_tabular")), "request": str(tmp_path / "req.json"),
              "error": str(tmp_path / "err.txt")}
    code, out, modules = run_probe([a.format(**values) for a in argv])
    assert code in (0, 1) and json.loads(out)
    assert command_modules(modules) == {argv[0]}
    assert not top_level(modules) & {"rich", "pygments", "tensorflow", "keras"}


def test_help_lists_every_command_without_importing_them() -> None:
    code, out, modules = run_probe(["--help"])
    assert code == 0
    assert command_modules(modules) == set()
    for name in COMMAND_MODULES:
        assert f"\n│ {name} " in out or f"\n  {name} " in out, name


@pytest.mark.parametrize("name", list(COMMAND_MODULES))
def test_short_help_in_app_is_the_commands_docstring(name: str) -> None:
    """--help shows COMMAND_MODULES' text; `sigcheck NAME --help` shows the docstring: they must not drift."""
    from sigcheck.cli.app import load_command

    module = importlib.import_module(f"sigcheck.cli.{name}")
    assert hasattr(module, "register")
    assert load_command(name).help == inspect.cleandoc(COMMAND_MODULES[name])


def test_each_command_runs_with_its_module_loaded_on_demand(cli, fixture_model) -> None:
    code, out, err = cli("schema", fixture_model("keras_tabular"))
    assert code == 0 and json.loads(out)["$schema"].startswith("https://json-schema.org/")
    code, out, err = cli("inspec", fixture_model("keras_tabular"))
    assert code == 2 and "Did you mean 'inspect'?" in err


# --- the typer-free road of `inspect --json` answers exactly as the typer application does -------------------------

def test_plain_options_are_the_options_typer_declares() -> None:
    from sigcheck.cli.app import load_command
    from sigcheck.cli.inspect import PLAIN_FLAGS, PLAIN_OPTIONS

    declared: dict[str, tuple[str, bool]] = {}
    for param in load_command("inspect").params:
        if param.param_type_name == "option" and param.name != "help":
            for opt in [*param.opts, *param.secondary_opts]:
                declared[opt] = (param.name, bool(param.is_flag))
    plain = {**{o: (k, False) for o, k in PLAIN_OPTIONS.items()}, **{o: (k, True) for o, k in PLAIN_FLAGS.items()}}
    assert plain == declared


def both_roads(argv: list[str], capsys) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    from sigcheck.cli import main
    from sigcheck.cli.app import run

    capsys.readouterr()
    fast = main(argv), *capsys.readouterr()
    slow = run(argv), *capsys.readouterr()
    return fast, slow


@pytest.mark.parametrize("argv", [
    ["inspect", "{model}", "--json"],
    ["inspect", "--json", "{model}"],
    ["inspect", "{model}", "--json", "-s", "serving_default"],
    ["inspect", "{model}", "--signature=serving_default", "--json", "--no-color"],
    ["inspect", "{model}", "--json", "--signature", "nope"],
    ["inspect", "{model}", "--json", "--tag-set", "train"],
    ["inspect", "{missing}", "--json"],
    ["inspect", "{model}", "-o", "{out}"],
    ["inspect", "{model}", "--output={missing}/c.json", "--json"],
])
def test_plain_road_answers_as_typer_does(argv: list[str], capsys, fixture_model, tmp_path: Path) -> None:
    from sigcheck.cli.inspect import parse_plain

    values = {"model": str(fixture_model("module_multi")), "missing": str(tmp_path / "missing"),
              "out": str(tmp_path / "c.json")}
    argv = [a.format(**values) for a in argv]
    assert parse_plain(argv[1:]) is not None
    fast, slow = both_roads(argv, capsys)
    assert fast == slow


@pytest.mark.parametrize("rest", [
    ["{model}"],  # the human view
    ["{model}", "--json", "-h"],
    ["{model}", "--json", "extra"],
    ["{model}", "--json", "--json"],
    ["{model}", "--json", "-s"],
    ["{model}", "--json", "-sserving_default"],
    ["{model}", "--json=yes"],
    ["--", "{model}", "--json"],
    ["{model}", "--json", "--unknown"],
])
def test_anything_else_goes_to_typer(rest: list[str], capsys, fixture_model) -> None:
    from sigcheck.cli.inspect import parse_plain

    rest = [a.format(model=str(fixture_model("module_multi"))) for a in rest]
    assert parse_plain(rest) is None
    fast, slow = both_roads(["inspect", *rest], capsys)
    assert fast == slow
