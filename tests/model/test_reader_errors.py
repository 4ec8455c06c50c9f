"""Locations that do not hold a readable SavedModel: one clear line saying what was found and what was expected.

Every case is built in tmp_path from a real fixture model (or TF Serving's TFLite test file)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

from sigcheck.errors import ModelError
from sigcheck.model import read_model
from sigcheck.model.proto import saved_model_pb2 as pb

EXPECTED = "expected a SavedModel folder"


@pytest.fixture(scope="module")
def image_pb(fixture_model) -> bytes:
    return (fixture_model("keras_image") / "1" / "saved_model.pb").read_bytes()


def version_dir(tmp_path: Path, version: str = "1") -> Path:
    path = tmp_path / "model" / version
    path.mkdir(parents=True)
    return path


def write_pb(tmp_path: Path, data: bytes) -> Path:
    (version_dir(tmp_path) / "saved_model.pb").write_bytes(data)
    return tmp_path / "model"


def error_of(location: Path, **kwargs) -> str:
    with pytest.raises(ModelError) as err:
        read_model(str(location), **kwargs)
    message = str(err.value)
    assert "\n" not in message, message
    return message


@pytest.mark.parametrize("keep", [0.05, 0.5, 0.999])
def test_truncated_saved_model_pb(tmp_path: Path, image_pb: bytes, keep: float) -> None:
    base = write_pb(tmp_path, image_pb[: int(len(image_pb) * keep)])
    message = error_of(base)
    assert "saved_model.pb" in message
    assert "truncated" in message


def test_saved_model_pb_cut_after_the_header(tmp_path: Path, image_pb: bytes) -> None:
    msg = pb.SavedModel(saved_model_schema_version=1)  # parses, but holds no MetaGraph
    message = error_of(write_pb(tmp_path, msg.SerializeToString()))
    assert "no MetaGraph" in message


def test_garbage_bytes(tmp_path: Path) -> None:
    import random

    data = random.Random(7).randbytes(4096)
    message = error_of(write_pb(tmp_path, data))
    assert "not a valid SavedModel protobuf" in message


def test_text_instead_of_protobuf(tmp_path: Path) -> None:
    message = error_of(write_pb(tmp_path, b"<html><body>404 Not Found</body></html>\n"))
    assert "saved_model.pb" in message


def test_empty_saved_model_pb(tmp_path: Path) -> None:
    message = error_of(write_pb(tmp_path, b""))
    assert "file is empty" in message


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    message = error_of(tmp_path / "empty")
    assert "folder is empty" in message and EXPECTED in message


def test_missing_location(tmp_path: Path) -> None:
    assert "no such file or folder" in error_of(tmp_path / "nope")


def test_empty_highest_version_folder(tmp_path: Path, fixture_model) -> None:
    base = tmp_path / "model"
    shutil.copytree(fixture_model("keras_image") / "1", base / "1")
    (base / "2").mkdir()
    message = error_of(base)
    assert "version folder 2" in message and "is empty" in message


def test_highest_version_without_saved_model_pb(tmp_path: Path, fixture_model) -> None:
    base = tmp_path / "model"
    shutil.copytree(fixture_model("keras_image") / "1", base / "1")
    shutil.copytree(fixture_model("keras_image") / "1" / "variables", base / "7" / "variables")
    message = error_of(base)
    assert "version folder 7" in message and "no saved_model.pb" in message and "variables" in message


def test_non_ascii_digit_folder_is_not_a_version(tmp_path: Path, fixture_model) -> None:
    base = tmp_path / "model"
    shutil.copytree(fixture_model("keras_image") / "1", base / "1")
    (base / "\u0663").mkdir()  # ARABIC-INDIC DIGIT THREE: str.isdigit() says yes, TF Serving says no
    assert read_model(str(base)).version == 1


def test_folder_of_unrelated_subfolders(tmp_path: Path) -> None:
    (tmp_path / "models" / "a").mkdir(parents=True)
    (tmp_path / "models" / "b").mkdir()
    message = error_of(tmp_path / "models")
    assert "no saved_model.pb and no numeric version folders" in message and "a, b" in message


def test_a_savedmodel_under_a_version_folder_named_v1_is_named_with_its_integer(tmp_path: Path, fixture_model) -> None:
    """TF Serving reads only integer version folders: a base path whose SavedModel sits in v1 serves nothing
    (provoked_14 s5-27); the error says so and which name to give it."""
    base = tmp_path / "tab"
    shutil.copytree(fixture_model("keras_image") / "1", base / "v1")
    assert "v1 holds a SavedModel, but v1 is no version number" in error_of(base)
    with pytest.raises(ModelError) as err:
        read_model(str(base))
    assert err.value.hint == "rename v1 to 1 (TF Serving serves the highest integer version)"


def test_folder_of_base_paths_with_a_stray_keras_file(tmp_path: Path, fixture_model) -> None:
    """A parent folder of base paths (and of a SavedModel folder) plus one .keras file lists its sub-folders, as
    it does without the file; it is not "a folder that holds a Keras model file" (trial 11, finding 9)."""
    parent = tmp_path / "models"
    shutil.copytree(fixture_model("keras_image") / "1", parent / "img" / "1")
    shutil.copytree(fixture_model("keras_image") / "1", parent / "plain")
    (parent / "notes").mkdir()
    without = error_of(parent)
    (parent / "img.keras").write_bytes(b"PK\x03\x04")
    message = error_of(parent)
    assert message == without
    assert "no saved_model.pb and no numeric version folders" in message and "img, notes, plain" in message
    assert "Keras model file" not in message


def test_folder_of_a_keras_file_and_other_folders_is_a_keras_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    (folder / "logs" / "train").mkdir(parents=True)
    (folder / "model.keras").write_bytes(b"PK\x03\x04")
    assert "holds a Keras model file" in error_of(folder)


def test_tflite_named_saved_model_pb(tmp_path: Path, tfs_testdata: Path) -> None:
    tflite = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_tflite"
    data = (tflite / "00000123" / "model.tflite").read_bytes()
    assert "TFLite" in error_of(write_pb(tmp_path, data))


def test_tflite_file_beside_nothing(tmp_path: Path, tfs_testdata: Path) -> None:
    src = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_tflite"
    shutil.copy(src / "00000123" / "model.tflite", version_dir(tmp_path) / "model.tflite")
    message = error_of(tmp_path / "model")
    assert "TFLite" in message and "/1" in message
    assert "TFLite" in error_of(tmp_path / "model" / "1" / "model.tflite")


def test_tflite_bytes_under_another_name(tmp_path: Path, tfs_testdata: Path) -> None:
    src = tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/saved_model_half_plus_two_tflite"
    shutil.copy(src / "00000123" / "model.tflite", tmp_path / "model.bin")
    assert "TFLite" in error_of(tmp_path / "model.bin")


def test_session_bundle_layout(tmp_path: Path) -> None:
    vdir = version_dir(tmp_path, "00000123")
    (vdir / "export.meta").write_bytes(b"\x0a\x00")
    (vdir / "export-00000-of-00001").write_bytes(b"\x00" * 16)
    for where in (tmp_path / "model", vdir, vdir / "export.meta"):
        assert "legacy SessionBundle" in error_of(where)


def test_checkpoint_folder(tmp_path: Path) -> None:
    vdir = version_dir(tmp_path)
    (vdir / "checkpoint").write_text('model_checkpoint_path: "ckpt-1"\n')
    (vdir / "ckpt-1.index").write_bytes(b"\x00")
    assert "checkpoint" in error_of(tmp_path / "model")


def test_keras_file(tmp_path: Path) -> None:
    (tmp_path / "model.keras").write_bytes(b"PK\x03\x04")
    message = error_of(tmp_path / "model.keras")
    assert "Keras model file" in message and "this file is" in message


def test_missing_tag_set_lists_the_tag_sets(fixture_model) -> None:
    message = error_of(fixture_model("keras_image"), tag_set="serve,gpu")
    assert "no MetaGraph with tag set 'gpu,serve'" in message
    assert "tag sets in this SavedModel: serve" in message


def test_several_tag_sets(tmp_path: Path, image_pb: bytes) -> None:
    msg = pb.SavedModel()
    msg.ParseFromString(image_pb)
    gpu = msg.meta_graphs.add()
    gpu.CopyFrom(msg.meta_graphs[0])
    del gpu.meta_info_def.tags[:]
    gpu.meta_info_def.tags.extend(["serve", "gpu"])
    base = write_pb(tmp_path, msg.SerializeToString())
    assert read_model(str(base)).other_tag_sets == (("serve", "gpu"),)
    info = read_model(str(base), tag_set="gpu,serve")
    assert set(info.tags) == {"serve", "gpu"} and info.other_tag_sets == (("serve",),)
    message = error_of(base, tag_set="tpu")
    assert "tag sets in this SavedModel: serve; serve,gpu" in message


@pytest.mark.parametrize("name", ["tf1_fixed_batch", "module_multi"])
def test_pbtxt_model(tmp_path: Path, fixture_model, name: str) -> None:
    """saved_model.pbtxt (text format), TF1 and TF2 (the object graph's contents are skipped)."""
    from google.protobuf import text_format

    msg = pb.SavedModel()
    msg.ParseFromString((fixture_model(name) / "1" / "saved_model.pb").read_bytes())
    text = text_format.MessageToString(msg)
    if name == "module_multi":  # TensorFlow writes the whole SavedObjectGraph in text; add a piece of it
        text = text.replace("object_graph_def {", 'object_graph_def {\n    nodes { user_object { identifier: "x" } }', 1)
        assert "nodes {" in text
    (version_dir(tmp_path) / "saved_model.pbtxt").write_text(text)
    got = read_model(str(tmp_path / "model"))
    want = read_model(str(fixture_model(name)))
    assert got.signatures == want.signatures
    assert got.tf2 == want.tf2 == (name == "module_multi")


def test_unreadable_pbtxt(tmp_path: Path) -> None:
    (version_dir(tmp_path) / "saved_model.pbtxt").write_text("meta_graphs { this is not text format")
    assert "not a readable saved_model.pbtxt" in error_of(tmp_path / "model")


def test_json_that_is_not_a_contract(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"model_spec": {}}')
    assert 'without "format": "sigcheck.signatures/v1"' in error_of(tmp_path / "m.json")
    (tmp_path / "bad.json").write_text("{not json")
    assert "not valid JSON" in error_of(tmp_path / "bad.json")


@pytest.mark.parametrize(
    "mutate,phrase",
    [
        (lambda c: c["signatures"]["serving_default"]["inputs"]["image"].update(dtype="float32"), "dtype"),
        (lambda c: c["signatures"]["serving_default"]["inputs"]["image"].update(shape=[-1, "a"]), "shape"),
        (lambda c: c.update(signatures=[]), "$.signatures"),
    ],
    ids=["dtype", "shape", "signatures"],
)
def test_bad_contract(tmp_path: Path, fixture_model, mutate: Callable, phrase: str) -> None:
    import json

    from sigcheck.model.contract import to_contract

    data = json.loads(json.dumps(to_contract(read_model(str(fixture_model("keras_image"))))))
    mutate(data)
    (tmp_path / "c.json").write_text(json.dumps(data))
    assert phrase in error_of(tmp_path / "c.json")


def test_contract_with_other_tag_set(tmp_path: Path, fixture_model) -> None:
    from sigcheck.model.contract import dumps

    (tmp_path / "c.json").write_text(dumps(read_model(str(fixture_model("keras_image")))))
    assert read_model(str(tmp_path / "c.json")).kind == "contract"
    assert "describes tag set 'serve'" in error_of(tmp_path / "c.json", tag_set="gpu")
