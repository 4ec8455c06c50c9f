"""``make compat-test``: sigcheck's verdict against a real older TensorFlow loading the models the way TF Serving does.

Opt-in (marked ``compat``; skipped unless ``SIGCHECK_COMPAT_PYTHON`` names the Python of a venv with that other
TensorFlow, which ``make compat-test`` creates and removes).  Every model, the committed fixtures, TF Serving's test
models when ../shared is there, and the models of :mod:`.compat_models` that use ops and attrs newer than 2.15, is
loaded with the TF1 session loader and each signature run (:mod:`.serving_loader`), once under that TensorFlow and
once under the project's own (the control).  For each model sigcheck's verdict for that release must hold:

* it says the load fails ⇔ the load failed, and the runtime's message it quotes is in the error;
* it says every request to a signature fails ⇒ that signature failed with the quoted message;
* everything else behaves as under the project's TensorFlow (a model that fails there for its own reasons, such
  as the fixtures that must fail, fails the same way: the runtime is not to blame).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.runtime import resolve_runtime
from sigcheck.runtime.compat import LOAD, REQUEST, check_runtime

from .conftest import COMPAT_PYTHON

pytestmark = [pytest.mark.compat, pytest.mark.tf,
              pytest.mark.skipif(not COMPAT_PYTHON, reason="opt-in: make compat-test (SIGCHECK_COMPAT_PYTHON unset)")]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TFS = ["saved_model_half_plus_two_cpu", "saved_model_half_plus_two_tf2_cpu", "saved_model_half_plus_three"]


def _entries(newer_models: list[dict], tfs_testdata: Path | None) -> list[dict]:
    out = [dict(e) for e in newer_models]
    for base in sorted((ROOT / "fixtures" / "models").iterdir()):
        out.append({"name": f"fixture:{base.name}", "path": str(base / "1"), "base": str(base)})
    if tfs_testdata is None:
        return out
    tfs = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata"
    for name in TFS:
        versions = sorted((tfs / name).glob("[0-9]*")) if (tfs / name).is_dir() else []
        if versions:
            out.append({"name": f"tfs:{name}", "path": str(versions[-1]), "base": str(tfs / name)})
    return out


def _load(python: str, entries: list[dict], tmp: Path, tag: str) -> dict[str, dict]:
    spec = tmp / f"models-{tag}.json"
    spec.write_text(json.dumps(entries))
    proc = subprocess.run([python, str(HERE / "serving_loader.py"), str(spec)], capture_output=True, text=True,
                          timeout=900, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    return {r["name"]: r for r in results}


@pytest.fixture(scope="module")
def outcomes(newer_models, tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("compat")
    try:
        tfs_testdata = request.getfixturevalue("tfs_testdata")
    except pytest.skip.Exception:  # ../shared is absent: the fixtures and the built models still run
        tfs_testdata = None
    entries = _entries(newer_models, tfs_testdata)
    old = _load(COMPAT_PYTHON, entries, tmp, "old")
    control = _load(sys.executable, entries, tmp, "control")
    report = tmp.parent / "compat-results.json"
    report.write_text(json.dumps({"old": old, "control": control}, indent=1))
    return entries, old, control


def _agree(upstream: str, error: str) -> bool:
    return upstream.removesuffix(" in binary running on …") in error


def test_every_verdict_matches_the_older_tensorflow(outcomes):
    entries, old, control = outcomes
    release = next(iter(old.values()))["tensorflow"]
    runtime = resolve_runtime(".".join(release.split(".")[:2]))
    mismatches: list[str] = []
    summary: list[str] = []
    for e in entries:
        name = e["name"]
        verdict = check_runtime(read_model(e["base"]), runtime)
        got, ref = old[name], control[name]
        loads = [p for p in verdict.problems if p.when == LOAD]
        if verdict.graph_def_refusal is not None:
            loads_msg = [verdict.graph_def_refusal[1]]
        else:
            loads_msg = [p.upstream for p in loads]
        if not verdict.loads:
            if got["load"] is None:
                mismatches.append(f"{name}: sigcheck says TensorFlow {release} fails to load it, but it loaded")
            elif not any(_agree(m, got["load"]) for m in loads_msg):
                mismatches.append(f"{name}: load failed with {got['load'][:300]!r}, sigcheck quoted {loads_msg}")
            summary.append(f"{name}: load fails ({', '.join(sorted({p.op for p in loads}))})")
            continue
        if got["load"] is not None and ref["load"] is None:
            mismatches.append(f"{name}: sigcheck says it loads on {release}, but: {got['load'][:300]!r}")
            continue
        failing = {}
        for p in verdict.problems:
            if p.when == REQUEST:
                for sig in p.signatures:
                    failing.setdefault(sig, []).append(p.upstream)
        for sig, error in sorted(got["signatures"].items()):
            if sig in failing:
                if error is None or not any(_agree(m, error) for m in failing[sig]):
                    mismatches.append(f"{name} {sig}: sigcheck says every request fails with {failing[sig]}, "
                                      f"got {error!r:.300}")
            elif (error is None) != (ref["signatures"].get(sig) is None):
                mismatches.append(f"{name} {sig}: sigcheck says it serves as on the project's TensorFlow; there: "
                                  f"{ref['signatures'].get(sig)!r:.200}, on {release}: {error!r:.300}")
        summary.append(f"{name}: loads; " + (f"requests fail: {sorted(failing)}" if failing else "serves"))
    print(f"\nTensorFlow {release}, {len(entries)} models:\n  " + "\n  ".join(summary))
    assert not mismatches, "\n".join(mismatches)
    assert len(entries) >= 20 and len(old) == len(entries)
