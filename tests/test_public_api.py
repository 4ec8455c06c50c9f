"""The top-level API: every exported name resolves, lazily, and importing sigcheck imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys

import sigcheck


def test_every_exported_name_resolves():
    for name in sigcheck.__all__:
        assert getattr(sigcheck, name) is not None, name


def test_import_is_light():
    code = (
        "import sys, sigcheck; heavy = [m for m in ('tensorflow', 'keras', 'typer', 'rich', 'google.cloud', "
        "'sigcheck.model.reader', 'sigcheck.validate') if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
