"""The committed op registries: their shape, and the generator's dump of the installed TensorFlow against them."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.runtime import first_version_with, stock_op_names, versions
from sigcheck.runtime import op_registry as registry
from sigcheck.runtime.registry import DATA_FILE, build_data, encode_op, version_key

ROOT = Path(__file__).resolve().parents[2]


def test_every_release_2_12_to_2_21_is_recorded_compactly():
    assert versions() == [f"2.{n}" for n in range(12, 22)]
    assert os.path.getsize(DATA_FILE) < 1_000_000
    with gzip.open(DATA_FILE) as fh:
        data = json.load(fh)
    assert data["base"] == "2.21" and set(data["diffs"]) == {f"2.{n}" for n in range(12, 21)}
    for meta in data["versions"]:
        assert meta["wheel"].endswith("==" + meta["tensorflow"]) and meta["tensorflow"].startswith(meta["version"] + ".")
        assert len(registry(meta["version"]).ops) == meta["op_count"] > 1800
    producers = [registry(v).graph_def.producer for v in versions()]
    assert producers == sorted(producers) and len(set(producers)) == len(producers)  # GraphDef versions only grow


def test_registry_lookups():
    assert {"MatMul", "StatefulPartitionedCall", "VarHandleOp"} <= stock_op_names()
    assert first_version_with("MatMul") == "2.12" and first_version_with("SentencepieceOp") is None
    new = sorted(set(registry("2.21").ops) - set(registry("2.12").ops))
    assert new and all(version_key(first_version_with(op)) > (2, 12) for op in new)
    mm = registry("2.15").ops["MatMul"]
    assert mm.attrs["transpose_a"].type == "bool" and mm.attrs["transpose_a"].default == {"b": False}
    assert "DT_FLOAT" in mm.attrs["T"].allowed and not mm.attrs["T"].has_default
    assert mm.inputs == ("a:T", "b:T") and "CPU" in mm.devices


def test_build_data_round_trips_one_release():
    dump = {"tensorflow_version": "9.1.0", "wheel": "x==9.1.0",
            "graph_def_versions": {"producer": 5, "min_consumer": 0, "min_producer": 0},
            "ops": {"A": {"name": "A", "attr": [{"name": "T", "type": "type", "default_value": {"type": "DT_INT32"},
                                                 "allowed_values": {"list": {"type": ["DT_INT32", "DT_INT64"]}}}],
                          "input_arg": [{"name": "x", "type_attr": "T"}]}},
            "kernel_devices": {"A": ["CPU"]}}
    older = {**dump, "tensorflow_version": "9.0.1", "ops": {}}
    data = build_data([dump, older])
    assert data["base"] == "9.1" and data["diffs"] == {"9.0": {"absent": ["A"], "ops": {}}}
    assert data["ops"]["A"] == {"a": [["T", "type", {"type": "DT_INT32"}, ["DT_INT32", "DT_INT64"]]],
                                "i": ["x:T"], "o": [], "k": ["CPU"]}


@pytest.mark.tf
def test_generator_dump_of_the_installed_tensorflow_matches_the_committed_registry(tmp_path):
    """scripts/op_registry.py dump, run on the project's TensorFlow, gives the committed registry of its release:
    the same ops with the same attrs (type, default, allowed values) and arguments, and a CPU kernel for the same
    ops."""
    out = tmp_path / "dump.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "op_registry.py"), "dump", str(out)], check=True,
                   capture_output=True, timeout=300)
    dump = json.loads(out.read_text())
    version = ".".join(dump["tensorflow_version"].split(".")[:2])
    if version not in versions():
        pytest.skip(f"the installed TensorFlow {dump['tensorflow_version']} has no committed registry")
    reg = registry(version)
    assert dump["tensorflow_version"] == reg.tensorflow
    from sigcheck.runtime.registry import _raw_ops

    committed = _raw_ops(version)
    devices = dump["kernel_devices"]
    # The registry is recorded from tensorflow-cpu; the project may have the `tensorflow` wheel, which also
    # registers a few GPU-only ops (no CPU kernel, e.g. _CopyFromHostToGpu) and more GPU kernels.
    extra = sorted(set(dump["ops"]) - set(committed))
    assert all("CPU" not in devices.get(op, ()) for op in extra), extra
    assert len(extra) < 10 and not set(committed) - set(dump["ops"])
    for name, raw in committed.items():
        mine = encode_op(dump["ops"][name], devices.get(name, ()))
        assert {k: v for k, v in mine.items() if k != "k"} == {k: v for k, v in raw.items() if k != "k"}, name
        assert ("CPU" in mine["k"]) == ("CPU" in raw["k"]), name
    gd = dump["graph_def_versions"]
    assert (reg.graph_def.producer, reg.graph_def.min_consumer, reg.graph_def.min_producer) == (
        gd["producer"], gd["min_consumer"], gd["min_producer"])
