"""A SignatureDef TensorInfo without ``tensor_shape`` (TF 1.0 exports, e.g. TF Serving's
saved_model_half_plus_three): shape ``()`` as TensorFlow reports it, but ``shape_recorded`` False and ``known_shape``
None, distinct from a recorded rank 0; the contract keeps ``"shape": []`` and adds ``"shape_recorded": false``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from google.protobuf import text_format

from sigcheck.errors import ModelError
from sigcheck.model import read_model
from sigcheck.model.contract import dumps, from_contract, to_contract
from sigcheck.model.proto import saved_model_pb2 as pb
from sigcheck.model.types import describe_shape

SAVED_MODEL = """
meta_graphs {
  meta_info_def { tags: "serve" tensorflow_version: "1.0.0-rc2" }
  signature_def { key: "serving_default" value {
    inputs { key: "absent" value { name: "x:0" dtype: DT_FLOAT } }
    inputs { key: "scalar" value { name: "s:0" dtype: DT_FLOAT tensor_shape {} } }
    inputs { key: "unknown" value { name: "u:0" dtype: DT_INT64 tensor_shape { unknown_rank: true } } }
    inputs { key: "batch" value { name: "b:0" dtype: DT_STRING tensor_shape { dim { size: -1 } dim { size: 3 } } } }
    outputs { key: "y" value { name: "y:0" dtype: DT_FLOAT } }
    method_name: "tensorflow/serving/predict" } }
}
"""


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tf1") / "1"
    folder.mkdir()
    (folder / "saved_model.pb").write_bytes(text_format.Parse(SAVED_MODEL, pb.SavedModel()).SerializeToString())
    return folder.parent


def test_absent_shape_is_not_rank_zero(model: Path) -> None:
    sig = read_model(str(model)).signature()
    absent, scalar, unknown, batch = (sig.inputs[n] for n in ("absent", "scalar", "unknown", "batch"))
    assert (absent.shape, absent.rank, absent.shape_recorded, absent.known_shape) == ((), 0, False, None)
    assert (scalar.shape, scalar.rank, scalar.shape_recorded, scalar.known_shape) == ((), 0, True, ())
    assert (unknown.shape, unknown.shape_recorded, unknown.known_shape) == (None, True, None)
    assert (batch.shape, batch.shape_recorded, batch.known_shape) == ((-1, 3), True, (-1, 3))
    assert not sig.outputs["y"].shape_recorded
    assert describe_shape(absent) == "not recorded (any shape; TensorFlow shows ())"
    assert [describe_shape(s) for s in (scalar, unknown, batch)] == ["()", "unknown rank", "(-1, 3)"]


def test_contract_marks_absent_shapes_and_round_trips(model: Path) -> None:
    info = read_model(str(model))
    data = json.loads(dumps(info))
    inputs = data["signatures"]["serving_default"]["inputs"]
    assert inputs["absent"] == {"dtype": "DT_FLOAT", "shape": [], "tensor_name": "x:0", "shape_recorded": False}
    assert inputs["scalar"] == {"dtype": "DT_FLOAT", "shape": [], "tensor_name": "s:0"}  # no key when recorded
    assert "shape_recorded" not in inputs["unknown"] and "shape_recorded" not in inputs["batch"]
    assert data["signatures"]["serving_default"]["outputs"]["y"]["shape_recorded"] is False
    again = from_contract(data, "contract.json")
    assert again.signatures == info.signatures
    assert to_contract(again)["signatures"] == data["signatures"]


def test_contract_without_the_key_reads_as_before() -> None:
    sig = {"method_name": "tensorflow/serving/predict",
           "inputs": {"x": {"dtype": "DT_FLOAT", "shape": []}}, "outputs": {"y": {"dtype": "DT_FLOAT", "shape": []}}}
    info = from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": sig}}, "old.json")
    x = info.signature().inputs["x"]
    assert x.shape_recorded and x.known_shape == ()
    sig["inputs"]["x"]["shape_recorded"] = "no"
    with pytest.raises(ModelError, match=r"inputs\.x\.shape_recorded: expected true or false"):
        from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": sig}}, "bad.json")


def test_inspect_shows_what_tensorflow_shows(model: Path, cli) -> None:
    """The human view stays saved_model_cli's: shape ()."""
    code, out, _err = cli("inspect", model, "--no-color")
    assert code == 0
    line = next(ln for ln in out.splitlines() if "absent" in ln)
    assert "()" in line and "DT_FLOAT" in line
    code, out, _err = cli("inspect", model, "--json")
    assert json.loads(out)["signatures"]["serving_default"]["inputs"]["absent"]["shape_recorded"] is False


def test_half_plus_three_records_no_shapes(tfs_testdata: Path) -> None:
    info = read_model(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                          "saved_model_half_plus_three"))
    specs = [t for sig in info.signatures.values() for t in (*sig.inputs.values(), *sig.outputs.values())]
    assert len(specs) == 4 and all(t.shape == () and not t.shape_recorded and t.known_shape is None for t in specs)
