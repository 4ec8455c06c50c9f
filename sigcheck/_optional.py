"""Lazy imports of heavy optional dependencies (TensorFlow, Keras, google-cloud-storage).

Nothing in sigcheck imports these at module level; code that needs one calls :func:`require` inside a function,
so ``inspect``/``validate``/``schema``/``sample``/``explain`` stay fast and work without them.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

_EXTRA_FOR = {
    "tensorflow": "tf",
    "keras": "tf",
    "tensorflow_serving": "tf",
    "google.cloud.storage": "gcs",
    "PIL": "tf",
    "pandas": "tf",
    "palmerpenguins": "tf",
    "apache_beam": "beam",
}


def require(module: str, *, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = _EXTRA_FOR.get(module, _EXTRA_FOR.get(module.split(".")[0], "tf"))
        raise MissingExtraError(
            f"{purpose} needs {module.split('.')[0]}, which is not installed ({exc})",
            hint=install_hint(extra),
        ) from exc


def require_installed(module: str, *, purpose: str) -> None:
    """Raise :class:`MissingExtraError` (as :func:`require`) unless ``module`` can be imported, without importing
    it here: for work done by a child process (the model's own process imports TensorFlow, this one does not)."""
    import importlib.util

    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        extra = _EXTRA_FOR.get(module, _EXTRA_FOR.get(module.split(".")[0], "tf"))
        raise MissingExtraError(f"{purpose} needs {module.split('.')[0]}, which is not installed",
                                hint=install_hint(extra))


def install_hint(extra: str) -> str:
    """The command that adds ``extra`` to this sigcheck, in the form that works for the way it was installed.

    ``pip install 'sigcheck[gcs]'`` for an install from an index; ``pip install -e '.[gcs]'`` (or the clone's path
    when it is not the current folder) for an editable install from a clone; the same source for an install from a
    folder, a VCS URL or an archive (pip's ``direct_url.json``, PEP 610).  ``pip`` is this interpreter's pip: plain
    ``pip`` when that is the first one on PATH, else ``<python> -m pip``.
    """
    return f"{_pip()} install {_requirement(extra, _direct_url())}"


def _direct_url() -> dict | None:
    import json
    from importlib import metadata

    # Every installed copy of sigcheck's metadata: a clone's own sigcheck.egg-info (left by an editable build, first
    # on sys.path when Python runs from the clone) has no direct_url.json; the installed one has.
    for dist in metadata.distributions(name="sigcheck"):
        try:
            text = dist.read_text("direct_url.json")
            if text:
                return json.loads(text)
        except (ValueError, OSError):
            continue
    return None


def _requirement(extra: str, direct: dict | None) -> str:
    import os
    import shlex
    from urllib.parse import unquote, urlsplit

    url = (direct or {}).get("url")
    if not url:
        return f"'sigcheck[{extra}]'"
    if "vcs_info" in direct:
        info = direct["vcs_info"]
        at = f"@{info['requested_revision']}" if info.get("requested_revision") else ""
        return shlex.quote(f"sigcheck[{extra}] @ {info.get('vcs', 'git')}+{url}{at}")
    parts = urlsplit(url)
    if parts.scheme != "file":
        return shlex.quote(f"sigcheck[{extra}] @ {url}")
    path = unquote(parts.path)
    try:
        here = os.path.samefile(path, os.getcwd())
    except OSError:
        here = False
    source = "." if here else path
    editable = bool(direct.get("dir_info", {}).get("editable"))
    if not os.path.isdir(path):  # a local wheel or sdist: name the file
        return shlex.quote(f"sigcheck[{extra}] @ {url}")
    return ("-e " if editable else "") + shlex.quote(f"{source}[{extra}]")


def _pip() -> str:
    import os
    import shutil
    import sys

    bindir = os.path.dirname(sys.executable)
    found = shutil.which("pip")
    if found and os.path.dirname(os.path.abspath(found)) == bindir:
        return "pip"
    python = sys.executable
    try:
        rel = os.path.relpath(python)
        if not rel.startswith(".."):
            python = rel if os.sep in rel else os.path.join(".", rel)
    except ValueError:
        pass
    return f"{python} -m pip"
