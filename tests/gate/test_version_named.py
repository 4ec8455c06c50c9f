"""gate and validate on a TF Serving base path name the version they checked in their first line (trial 8, M3);
a SavedModel folder is named as given.  Real SavedModels: copies of the committed keras_tabular fixture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular" / "1"
REQUEST = b'{"instances": [{"age": [31.5], "hours": [40], "occupation": ["nurse"]}]}'


@pytest.fixture
def base(tmp_path: Path) -> Path:
    for v in (1, 3):
        shutil.copytree(TABULAR, tmp_path / "tab" / str(v))
    return tmp_path / "tab"


def test_gate_names_the_version(cli, base: Path, tmp_path: Path) -> None:
    code, out, err = cli("gate", base)
    assert code == 0 and out == ""  # (nothing to say on stdout: the summary, its only line, names it)
    assert err.strip().endswith(f"; checked {base} version 3 (the highest of 2)")
    req = tmp_path / "bad.json"
    req.write_text('{"instances": [{"age": [31.5]}]}')
    code, out, err = cli("gate", base, "--request", req, "--no-color")
    assert code == 1 and out.splitlines()[0] == f"gate: {base} version 3 (the highest of 2)"
    assert err.strip().endswith(f"; checked {base} version 3 (the highest of 2)")
    code, out, err = cli("gate", base / "1", "--request", req, "--no-color")  # a SavedModel folder: no version
    assert code == 1 and not out.startswith("gate:") and "checked" not in err


def test_validate_names_the_version(cli, base: Path, tmp_path: Path) -> None:
    req = tmp_path / "ok.json"
    req.write_bytes(REQUEST)
    code, out, _ = cli("validate", req, "--model", base, "--no-color")
    assert code == 0
    assert out.splitlines()[0].startswith(f"✓ valid  {req} against {base} version 3 (the highest of 2): TF Serving")
    code, out, _ = cli("validate", req, "--model", base / "1", "--no-color")
    assert code == 0 and out.splitlines()[0].startswith(f"✓ valid  {req}: TF Serving accepts it")
