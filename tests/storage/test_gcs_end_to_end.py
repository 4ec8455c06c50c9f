"""export to gs:// and predict from it, through the CLI, against fake-gcs-server (TensorFlow never sees gs://)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from sigcheck.cli import main
from sigcheck.cli.app import COMMAND_MODULES

pytestmark = [pytest.mark.gcs, pytest.mark.tf, pytest.mark.slow]


def _needs(command: str) -> None:
    if command not in COMMAND_MODULES:
        pytest.skip(f"`sigcheck {command}` is not registered yet")


@pytest.fixture(scope="module")
def tiny_csv(tmp_path_factory) -> Path:
    rng = random.Random(0)
    path = tmp_path_factory.mktemp("data") / "tiny.csv"
    rows = ["a,b,y"] + [f"{a:.3f},{b:.3f},{int(a + b > 1)}" for a, b in ((rng.random(), rng.random())
                                                                            for _ in range(40))]
    path.write_text("\n".join(rows) + "\n")
    return path


@pytest.fixture(scope="module")
def exported(gcs_emulator, tiny_csv: Path) -> str:
    """``sigcheck export --output gs://…`` once for the module; returns the base path."""
    _needs("export")
    base = f"gs://{gcs_emulator.new_bucket()}/models/tiny"
    code = main(["export", "--data", str(tiny_csv), "--label", "y", "--epochs", "1", "--output", base,
                 "--no-tensorboard", "--no-progress", "--no-color"])
    assert code == 0
    return base


def test_export_to_gs_uploads_a_complete_version(gcs_emulator, exported: str, capsys) -> None:
    bucket, prefix = exported[5:].split("/", 1)
    names = gcs_emulator.names(bucket, prefix + "/1/")
    assert f"{prefix}/1/saved_model.pb" in names
    assert any(n.startswith(f"{prefix}/1/variables/") for n in names)
    capsys.readouterr()
    assert main(["inspect", exported, "--json"]) == 0
    assert "serving_default" in json.loads(capsys.readouterr().out)["signatures"]


def test_second_export_to_the_same_version_is_refused(exported: str, tiny_csv: Path, capsys) -> None:
    capsys.readouterr()
    code = main(["export", "--data", str(tiny_csv), "--label", "y", "--epochs", "1", "--output", exported,
                 "--version", "1", "--no-tensorboard", "--no-progress", "--no-color"])
    assert code == 2
    err = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("warning: ")]
    assert err[0] == f"error: {exported}/1: version 1 already exists; sigcheck never overwrites a version"


def test_predict_from_gs_downloads_once(fault_proxy, exported: str, tmp_path: Path, monkeypatch, capsys) -> None:
    _needs("predict")
    monkeypatch.setenv("SIGCHECK_CACHE_DIR", str(tmp_path))
    request = f"{exported}/1/assets.extra/request.json"
    for run in (1, 2):
        fault_proxy.seen.clear()
        assert main(["predict", request, "--model", exported]) == 0
        body = json.loads(capsys.readouterr().out)
        assert "predictions" in body or "outputs" in body
        fetched = [s.object_name for s in fault_proxy.downloads()]
        if run == 1:
            assert any(n.endswith("/1/variables/variables.index") for n in fetched)
        else:  # the cached copy is reused: only the request file and saved_model.pb (read_model) are fetched
            assert not any("/variables/" in n for n in fetched), fetched
