"""TF Serving's own test models (../shared/external/tfserving-testdata): the reader must give the signatures that
TensorFlow reported for them (signatures.json, from TF 2.21), and refuse the non-SavedModels with one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.errors import ModelError
from sigcheck.model import read_model
from sigcheck.model.contract import to_contract

TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"

# Every SavedModel version folder in the snapshot (its README lists them; signatures.json has one entry each).
SAVED_MODELS = [
    "tensorflow_serving/batching/testdata/matrix_half_plus_two/1",
    f"{TESTDATA}/saved_model_counter/00000123",
    f"{TESTDATA}/saved_model_half_plus_three/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_2_versions/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_2_versions/00000124",
    f"{TESTDATA}/saved_model_half_plus_two_cpu/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_cpu_with_empty_saved_model_config/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_cpu_with_saved_model_config/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_gpu/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_gpu_trt/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_mkl/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_mlmd/00000123",
    f"{TESTDATA}/saved_model_half_plus_two_tf2_cpu/00000123",
]

UNRECORDED = ["serving_default.x", "serving_default.y", "tensorflow/serving/regress.inputs",
              "tensorflow/serving/regress.outputs"]
"""saved_model_half_plus_three's tensors: TF 1.0 wrote no tensor_shape for any of them."""

# Not SavedModels: (path, phrase the one-line error must contain).
NOT_SAVED_MODELS = [
    (f"{TESTDATA}/bad_half_plus_two", "SessionBundle"),
    (f"{TESTDATA}/bad_half_plus_two/00000123", "SessionBundle"),
    ("tensorflow_serving/session_bundle/testdata/half_plus_two", "SessionBundle"),
    ("tensorflow_serving/session_bundle/testdata/half_plus_two/00000123", "SessionBundle"),
    ("tensorflow_serving/session_bundle/testdata/half_plus_two/00000123/export.meta", "SessionBundle"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite", "TFLite"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite/00000123", "TFLite"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite/00000123/model.tflite", "TFLite"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite_with_sigdef", "TFLite"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite_with_sigdef/00000123/model.tflite", "TFLite"),
]


@pytest.fixture(scope="module")
def expected(tfs_testdata: Path) -> dict:
    return json.loads((tfs_testdata / "signatures.json").read_text())


def contract_signatures(entry: dict) -> dict:
    """signatures.json's serving signatures in the contract's shape (internal ``__…`` ones left out)."""
    (meta_graph,) = entry["meta_graphs"]
    out = {}
    for key, sig in meta_graph["signatures"].items():
        if key.startswith("__"):
            continue

        def tensors(side: dict) -> dict:
            return {a: {"dtype": t["dtype"], "shape": t["shape"], "tensor_name": t["name"]} for a, t in side.items()}

        out[key] = {"method_name": sig["method_name"], "inputs": tensors(sig["inputs"]),
                    "outputs": tensors(sig["outputs"])}
        if sig["defaults"]:
            out[key]["defaults"] = sorted(sig["defaults"])
    return out


def test_every_saved_model_is_listed(expected: dict) -> None:
    assert sorted(expected) == sorted(SAVED_MODELS)


@pytest.mark.parametrize("rel", SAVED_MODELS, ids=lambda r: "/".join(r.split("/")[-2:]))
def test_signatures_match_tensorflow(rel: str, tfs_testdata: Path, expected: dict) -> None:
    entry = expected[rel]
    info = read_model(str(tfs_testdata / rel))
    data = json.loads(json.dumps(to_contract(info)))
    # TensorInfos without tensor_shape (the TF 1.0 export saved_model_half_plus_three only) keep TensorFlow's shape
    # [] and carry the contract's "shape_recorded": false, which signatures.json has no field for
    unrecorded = sorted(f"{key}.{name}" for key, sig in data["signatures"].items() for side in ("inputs", "outputs")
                        for name, t in sig[side].items() if t.pop("shape_recorded", True) is False)
    assert unrecorded == (UNRECORDED if "half_plus_three" in rel else [])
    assert data["signatures"] == contract_signatures(entry)
    (meta_graph,) = entry["meta_graphs"]
    assert list(info.tags) == meta_graph["tags"]
    assert info.tensorflow_version == meta_graph["tensorflow_version"]
    assert info.tf2 is meta_graph["tf2_object_graph"]
    assert sorted(info.files) == sorted(entry["files"])
    internal = sorted(k for k in meta_graph["signatures"] if k.startswith("__"))
    assert list(info.internal_signatures) == internal
    assert not any(k.startswith("__") for k in data["signatures"])


@pytest.mark.parametrize("rel", SAVED_MODELS, ids=lambda r: "/".join(r.split("/")[-2:]))
def test_base_path_takes_highest_version(rel: str, tfs_testdata: Path) -> None:
    version_dir = tfs_testdata / rel
    base = version_dir.parent
    versions = sorted(int(p.name) for p in base.iterdir() if p.is_dir() and p.name.isdigit())
    info = read_model(str(base))
    assert info.version == versions[-1]
    assert info.versions == tuple(versions)
    assert Path(info.model_dir).parent == base
    assert int(Path(info.model_dir).name) == versions[-1]


def test_saved_model_pb_file_is_accepted(tfs_testdata: Path) -> None:
    rel = f"{TESTDATA}/saved_model_half_plus_two_cpu/00000123"
    assert read_model(str(tfs_testdata / rel / "saved_model.pb")).signatures == \
        read_model(str(tfs_testdata / rel)).signatures


def test_tf2_defaults_are_kept(tfs_testdata: Path) -> None:
    info = read_model(str(tfs_testdata / TESTDATA / "saved_model_half_plus_two_tf2_cpu"))
    assert info.signature().defaults == ("x",)
    assert info.internal_signatures == ("__saved_model_init_op",)


@pytest.mark.parametrize("rel,phrase", NOT_SAVED_MODELS, ids=lambda v: v if "/" not in v else v.split("/", 4)[-1])
def test_not_a_saved_model_fails_in_one_line(rel: str, phrase: str, tfs_testdata: Path) -> None:
    with pytest.raises(ModelError) as err:
        read_model(str(tfs_testdata / rel))
    message = str(err.value)
    assert phrase in message
    assert "\n" not in message
    assert "expected a SavedModel folder" in message
