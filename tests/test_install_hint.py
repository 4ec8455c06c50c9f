"""Install hints name the extra in a form that works for the way sigcheck was installed (pip's direct_url.json)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck._optional import _direct_url, _requirement, install_hint, require
from sigcheck.errors import MissingExtraError

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("direct", "expected"), [
    (None, "'sigcheck[gcs]'"),  # from an index
    ({"url": f"file://{ROOT}", "dir_info": {"editable": True}}, "-e '.[gcs]'"),  # pip install -e . in the clone
    ({"url": f"file://{ROOT}", "dir_info": {}}, "'.[gcs]'"),  # pip install . in the clone
    ({"url": "https://github.com/o/sigcheck", "vcs_info": {"vcs": "git", "commit_id": "0" * 40,
                                                           "requested_revision": "v0.1"}},
     "'sigcheck[gcs] @ git+https://github.com/o/sigcheck@v0.1'"),
    ({"url": "https://example.com/sigcheck-0.1.0.tar.gz", "archive_info": {}},
     "'sigcheck[gcs] @ https://example.com/sigcheck-0.1.0.tar.gz'"),
])
def test_requirement_for_each_kind_of_install(direct: dict | None, expected: str, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert _requirement("gcs", direct) == expected


def test_an_editable_install_seen_from_elsewhere_names_the_clone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _requirement("tf", {"url": f"file://{ROOT}", "dir_info": {"editable": True}}) == f"-e '{ROOT}[tf]'"


def test_this_install(monkeypatch) -> None:
    """The checkout's .venv has sigcheck installed with `pip install -e`: the hint must say so."""
    direct = _direct_url()
    if not (direct and direct.get("dir_info", {}).get("editable")):
        pytest.skip("sigcheck is not installed editable here (the hint is then pip install 'sigcheck[…]')")
    monkeypatch.chdir(ROOT)
    assert install_hint("gcs").endswith("install -e '.[gcs]'")


def test_pip_is_this_interpreters_pip(tmp_path: Path) -> None:
    """Without this interpreter's bin folder on PATH, plain `pip` would install somewhere else."""
    code = "from sigcheck._optional import install_hint; print(install_hint('tf'))"
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                         timeout=60, check=True).stdout.strip()
    assert out.startswith(f"{sys.executable} -m pip install "), out
    env["PATH"] = f"{Path(sys.executable).parent}:/usr/bin:/bin"
    if (Path(sys.executable).parent / "pip").exists():
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                             timeout=60, check=True).stdout.strip()
        assert out.startswith("pip install "), out


def test_require_uses_the_hint() -> None:
    with pytest.raises(MissingExtraError) as err:
        require("sigcheck_no_such_module", purpose="this test")
    assert err.value.hint == install_hint("tf")
