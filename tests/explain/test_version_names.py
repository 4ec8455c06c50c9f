"""sigcheck/explain/version_names.json is what scripts/explain_version_names.py reads from the sources (#15).

The script reads the Keras wheels explain_index_keras.py keeps in ~/.cache/sigcheck/keras-wheels (or
$SIGCHECK_KERAS_WHEELS); without them it would download them, which a test must not do: it skips instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "explain_version_names.py"
WHEELS = Path(os.environ.get("SIGCHECK_KERAS_WHEELS", Path.home() / ".cache" / "sigcheck" / "keras-wheels"))
NEEDED = ("keras-3.3.3-", "keras-2.15.0-", "tf_keras-2.15.1-", "keras-2.6.0-", "keras-2.3.1-")
"""The wheels explain_index_keras.SOURCES reads (the installed Keras 3 is read from site-packages)."""


def _missing() -> list[str]:
    names = [p.name.lower() for p in WHEELS.glob("*.whl")] if WHEELS.is_dir() else []
    return [n for n in NEEDED if not any(name.startswith(n) for name in names)]


@pytest.mark.slow
def test_version_names_are_what_the_sources_give() -> None:
    missing = _missing()
    if missing:
        pytest.skip(f"Keras wheel cache {WHEELS} lacks {', '.join(m.rstrip('-') for m in missing)} "
                    "(python scripts/explain_index_keras.py fetches them; SIGCHECK_KERAS_WHEELS points elsewhere)")
    out = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, timeout=300,
                         cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "up to date" in out.stdout

