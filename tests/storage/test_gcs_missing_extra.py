"""Without the [gcs] extra, any gs:// location is a clear one-line error naming the extra (exit 2)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sigcheck._optional import install_hint

BLOCK = "import sys\nfor m in ('google.cloud.storage', 'google.api_core', 'google.auth'): sys.modules[m] = None\n"


@pytest.mark.parametrize("argv", [
    ["inspect", "gs://bucket/models/x"],
    ["validate", "-", "--model", "gs://bucket/models/x"],
])
def test_gs_locations_without_the_extra_name_it(argv: list[str]) -> None:
    code = BLOCK + f"from sigcheck.cli import main\nsys.exit(main({argv!r}))\n"
    proc = subprocess.run([sys.executable, "-c", code], input=b'{"instances": [1]}', capture_output=True,
                          env={**os.environ, "NO_GCE_CHECK": "true"}, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert f"hint: {install_hint('gcs')}" in err and "[gcs]" in err and "internal error" not in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2, err
