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
    assert not top_level(modules) & {"rich", "pygments", "numpy", "orjson", "tensorflow", "keras"}
    assert not {m for m in modules if m.startswith(("google.cloud", "sigcheck.gate", "sigcheck.codec",
                                                      "sigcheck.report", "sigcheck.cli.views"))}


def test_an_error_in_json_mode_imports_no_rich(tmp_path: Path) -> None:
    code, out, modules = run_probe(["inspect", str(tmp_path / "missing"), "--json"])
    assert code == 2 and json.loads(out)["exit_code"] == 2
    assert command_modules(modules) == {"inspect"} and "rich" not in top_level(modules)


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
