"""Reading SavedModels on gs:// (fake-gcs-server): inspect, base-path versions, only saved_model.pb fetched, CLI."""

from __future__ import annotations

import json

import pytest

from sigcheck.cli import main
from sigcheck.model import read_model

pytestmark = pytest.mark.gcs

TWO_VERSIONS = ("tensorflow_serving", "servables", "tensorflow", "testdata", "saved_model_half_plus_two_2_versions")


@pytest.fixture(scope="module")
def remote_models(gcs_emulator, tfs_testdata, fixture_model) -> str:
    """A bucket with TF Serving's two-version half_plus_two base path and the keras_tabular fixture."""
    bucket = gcs_emulator.new_bucket()
    gcs_emulator.put_tree(tfs_testdata.joinpath(*TWO_VERSIONS), bucket, "half_plus_two")
    gcs_emulator.put_tree(fixture_model("keras_tabular"), bucket, "models/tabular")
    return bucket


def test_base_path_versions_are_listed_remotely(remote_models: str) -> None:
    info = read_model(f"gs://{remote_models}/half_plus_two")
    assert info.versions == (123, 124)
    assert info.version == 124
    assert info.model_dir == f"gs://{remote_models}/half_plus_two/00000124"
    sig = info.signatures["serving_default"]
    assert (sig.inputs["x"].dtype, sig.inputs["x"].shape) == ("DT_FLOAT", (-1, 1))
    assert info.files == {"assets/foo.txt": 19, "saved_model.pb": 9935,
                          "variables/variables.data-00000-of-00001": 12, "variables/variables.index": 151}


def test_remote_read_downloads_only_saved_model_pb(fault_proxy, remote_models: str) -> None:
    info = read_model(f"gs://{remote_models}/models/tabular")
    assert set(info.signatures["serving_default"].inputs) == {"age", "hours", "occupation"}
    assert any(name.startswith("variables/") for name in info.files)  # sizes are listed...
    downloaded = [s.object_name for s in fault_proxy.downloads()]
    assert downloaded == ["models/tabular/1/saved_model.pb"]  # ...but only saved_model.pb is fetched


def test_cli_inspect_gs(remote_models: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", f"gs://{remote_models}/half_plus_two", "--json"]) == 0
    contract = json.loads(capsys.readouterr().out)
    assert contract["source"] == f"gs://{remote_models}/half_plus_two/00000124"
    assert "serving_default" in contract["signatures"]


@pytest.mark.parametrize("where, message", [
    ("gs://no-such-bucket-sigcheck/m", "error: gs://no-such-bucket-sigcheck/m: bucket no-such-bucket-sigcheck does "
                                       "not exist"),
    ("gs://{bucket}/half_plus_two/00000999", "error: gs://{bucket}/half_plus_two/00000999: no such file or folder"),
])
def test_cli_missing_bucket_or_object_exits_2_with_one_line(remote_models: str, capsys, where: str,
                                                           message: str) -> None:
    assert main(["inspect", where.format(bucket=remote_models)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(message.format(bucket=remote_models))
    assert len(lines) <= 2 and all(line.startswith(("error: ", "hint: ")) for line in lines)
    assert "Traceback" not in captured.err


def test_inspect_gs_never_imports_tensorflow(remote_models: str, gcs_emulator) -> None:
    """Remote inspection goes through storage/gcs.py, not tf.io.gfile (which would ignore the emulator)."""
    import os
    import subprocess
    import sys

    code = ("import sys; from sigcheck.cli import main; rc = main(['inspect', sys.argv[1], '--json']); "
            "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules]; "
            "sys.exit(rc if not bad else 99)")
    env = dict(os.environ, STORAGE_EMULATOR_HOST=gcs_emulator.url, NO_GCE_CHECK="true")
    done = subprocess.run([sys.executable, "-c", code, f"gs://{remote_models}/half_plus_two"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
