"""gate on a TF Serving base path whose highest version folder is half-copied: a finding (exit 1), not exit 2.

Real SavedModels: copies of the committed keras_tabular fixture, cut the way an interrupted copy leaves them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sigcheck.gate import run_gate
from sigcheck.gate.versions import IncompleteVersion, read_gate_model
from sigcheck.model.bundle import BundleIndexError, read_bundle_index, short_shards

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular" / "1"
DATA = "variables/variables.data-00000-of-00001"


def base_path(tmp_path: Path, make_v2, *, with_v1: bool = True) -> Path:
    """base/1 a complete copy (unless ``with_v1`` is False), base/2 what ``make_v2(folder)`` leaves."""
    base = tmp_path / "model"
    if with_v1:
        shutil.copytree(TABULAR, base / "1")
    v2 = base / "2"
    v2.mkdir(parents=True)
    make_v2(v2)
    return base


def empty(v2: Path) -> None:
    pass


def variables_only(v2: Path) -> None:  # (saved_model.pb copied last, as it should be: the copy is still running)
    shutil.copytree(TABULAR / "variables", v2 / "variables")


def truncated_pb(v2: Path) -> None:
    (v2 / "saved_model.pb").write_bytes((TABULAR / "saved_model.pb").read_bytes()[:1000])
    shutil.copytree(TABULAR / "variables", v2 / "variables")


def pb_only(v2: Path) -> None:
    shutil.copy(TABULAR / "saved_model.pb", v2 / "saved_model.pb")


def truncated_shard(v2: Path) -> None:
    shutil.copytree(TABULAR, v2, dirs_exist_ok=True)
    (v2 / DATA).write_bytes((TABULAR / DATA).read_bytes()[:100])


def missing_shard(v2: Path) -> None:
    shutil.copytree(TABULAR, v2, dirs_exist_ok=True)
    (v2 / DATA).unlink()


@pytest.mark.parametrize(("make", "what"), [
    (empty, "is empty"),
    (variables_only, "has no saved_model.pb (found: variables)"),
    (truncated_pb, "holds a saved_model.pb that cannot be read"),
])
def test_an_unreadable_highest_version_is_a_finding(cli, tmp_path: Path, make, what) -> None:
    base = base_path(tmp_path, make)
    code, out, err = cli("gate", base, "--json")
    assert code == 1, err
    doc = json.loads(out)
    [f] = doc["findings"]
    assert f["code"] == "files.version_incomplete" and f["severity"] == "error"
    assert f"version 2 (the highest under {base}) {what}" in f["message"]
    assert "a server already serving version 1 keeps serving it" in f["message"]
    assert "a server that starts now" in f["message"] and "fails to start" in f["message"]
    assert "to keep serving version 1" in f["hint"]
    assert doc["checks"]["files.version"] == "fail"
    assert all(s == "skip" for r, s in doc["checks"].items() if r != "files.version")
    assert doc["skipped"]["signature.no_serving_default"].startswith("version 2 (the highest) cannot be read")
    if make is not truncated_pb:  # (TF Serving's own words for a folder without saved_model.pb)
        assert f["upstream"] == f"SavedModel file does not exist at: {base / '2'}/{{saved_model.pbtxt|saved_model.pb}}"
    code, out, _ = cli("gate", base, "--no-color")  # the text report names it too
    assert code == 1 and "error files.version_incomplete at $.versions.2" in out


def test_no_earlier_version_means_the_model_is_never_available(tmp_path: Path) -> None:
    base = base_path(tmp_path, empty, with_v1=False)
    result = run_gate(str(base))  # (the library reads the base path the same way)
    assert not result.ok and [f.code for f in result.findings] == ["files.version_incomplete"]
    assert "the model is never available" in result.findings[0].message
    assert "keeps serving" not in result.findings[0].message


def test_ignore_and_predict_and_other_read_errors(cli, tmp_path: Path) -> None:
    base = base_path(tmp_path, empty)
    code, out, _ = cli("gate", base, "--json", "--ignore", "files.version_incomplete")
    assert code == 0 and json.loads(out)["ignored"] == 1
    code, _, err = cli("gate", base, "--predict", "--json")  # (no model to run: no TensorFlow, same finding)
    assert code == 1, err
    assert isinstance(read_gate_model(str(base)), IncompleteVersion)
    code, _, err = cli("gate", tmp_path / "nowhere")  # not a base path at all: still cannot run
    assert code == 2 and err.startswith("error:")
    code, _, err = cli("gate", base / "1", "--tag-set", "train")  # a readable version, the wrong tags: exit 2
    assert code == 2
    assert run_gate(str(base / "1")).checks["files.version"] == "skip"  # a SavedModel folder, no base path
    assert run_gate(str(TABULAR.parent)).checks["files.version"] == "pass"


@pytest.mark.parametrize(("make", "what", "loads"), [
    (pb_only, "the model folder has no variables/ folder", True),
    (missing_shard, "variables/ is incomplete: missing variables/variables.data-00000-of-00001", False),
    (truncated_shard, f"{DATA} is cut short: 100 bytes, but variables.index places variables up to byte 1426", False),
])
def test_incomplete_variables_name_the_version(cli, tmp_path: Path, make, what, loads) -> None:
    base = base_path(tmp_path, make)
    code, out, _ = cli("gate", base, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["checks"]["files.variables"] == "fail" and doc["checks"]["files.version"] == "pass"
    [f] = [f for f in doc["findings"] if f["code"] == "files.variables_not_restored"]
    assert what in f["message"] and f"version 2, the highest under {base}" in f["message"]
    if loads:  # no variables.index: TensorFlow's loader restores nothing and the version loads without weights
        assert "it loads as the highest version and version 1 is unloaded" in f["message"]
    else:
        assert "loading the model fails" in f["message"] and "keeps serving it" in f["message"]


def test_bundle_index_matches_every_fixture_and_tf_serving_model(tfs_testdata) -> None:
    """The index reader against real indexes: plain blocks (fixtures, TF 2.21) and snappy blocks (TF Serving's
    testdata): each shard's last variable ends exactly where its data file ends."""
    indexes = sorted((ROOT / "fixtures" / "models").glob("*/1/variables/variables.index"))
    indexes += sorted(tfs_testdata.glob("**/variables/variables.index"))
    assert len(indexes) > 15
    for path in indexes:
        index = read_bundle_index(path.read_bytes())
        folder = path.parent.parent
        files = {index.shard_name(s): (folder / index.shard_name(s)).stat().st_size for s in index.shard_bytes}
        assert index.entries and files and short_shards(index, files) == [], path
        assert all(index.shard_bytes[s] == files[index.shard_name(s)] for s in index.shard_bytes), path
    with pytest.raises(BundleIndexError):
        read_bundle_index((TABULAR / "variables" / "variables.index").read_bytes()[:-10])


@pytest.mark.tf
def test_tensorflow_fails_to_load_the_cut_shard(tmp_path: Path) -> None:
    """What the finding claims, checked with TensorFlow's own loader (sigcheck's model process)."""
    from sigcheck.errors import ExecutionError
    from sigcheck.serving.child import start_model

    base = base_path(tmp_path, truncated_shard)
    with pytest.raises(ExecutionError):
        start_model(str(base / "2"))
    start_model(str(base / "1")).close()  # (the complete copy loads)


@pytest.mark.gcs
def test_a_half_uploaded_version_on_gcs(gcs_emulator) -> None:
    """gs:// base path: version 2 has variables/ but saved_model.pb is not uploaded yet (upload_dir puts it last)."""
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    try:
        bucket = gcs_emulator.new_bucket()
        b = gcs_emulator.client.bucket(bucket)
        for path in sorted(p for p in TABULAR.rglob("*") if p.is_file()):
            rel = path.relative_to(TABULAR).as_posix()
            b.blob(f"models/m/1/{rel}").upload_from_filename(str(path))
            if rel.startswith("variables/"):
                b.blob(f"models/m/2/{rel}").upload_from_filename(str(path))
        result = run_gate(f"gs://{bucket}/models/m")
        [f] = result.findings
        assert f.code == "files.version_incomplete" and "has no saved_model.pb (found: variables)" in f.message
        assert "a server already serving version 1 keeps serving it" in f.message and not result.ok
    finally:
        GcsBackend._defaults.clear()


def test_the_version_note_is_only_for_the_highest_version(tmp_path: Path) -> None:
    """A --serving-config policy may serve a lower version too: only the highest gets the latest-policy sentence."""
    from sigcheck.gate.versions import version_note
    from sigcheck.model.reader import read_saved_model_dir

    base = base_path(tmp_path, truncated_shard)
    low = read_saved_model_dir(str(base / "1"), tag_set="serve", version=1, versions=(1, 2))
    high = read_saved_model_dir(str(base / "2"), tag_set="serve", version=2, versions=(1, 2))
    assert version_note(low) == "" and version_note(read_saved_model_dir(str(TABULAR), tag_set="serve")) == ""
    assert version_note(high).startswith(f" (version 2, the highest under {base}: TF Serving's default version policy")
