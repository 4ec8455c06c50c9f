"""sigcheck's TensorFlow-free reading against TensorFlow's own (needs the [tf] extra).

* ``inspect --json`` of every fixture model and every TF Serving test SavedModel equals what TensorFlow's
  ``loader_impl.parse_saved_model`` + its generated ``saved_model_pb2`` say: signature keys, method names, dtype
  enum names, shapes, tensor names, tags.
* Every message and field of ``sigcheck/model/proto/saved_model.proto`` has the number and type of TensorFlow's
  message of the same name, and our DataType enum is TensorFlow's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.cli.app import run
from sigcheck.model.proto import saved_model_pb2 as ours

pytestmark = pytest.mark.tf

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(p.name for p in (ROOT / "fixtures" / "models").iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def tf_parse():
    """TensorFlow's reading of a SavedModel folder, in the contract's shape."""
    from tensorflow.core.framework import types_pb2
    from tensorflow.python.saved_model import loader_impl

    def parse(model_dir: Path, tags: set[str] = frozenset({"serve"})) -> dict:
        saved_model = loader_impl.parse_saved_model(str(model_dir))
        (mg,) = [m for m in saved_model.meta_graphs if set(m.meta_info_def.tags) == set(tags)]

        def tensor(info) -> dict:
            shape = None if info.tensor_shape.unknown_rank else [d.size for d in info.tensor_shape.dim]
            out = {"dtype": types_pb2.DataType.Name(info.dtype), "shape": shape, "tensor_name": info.name}
            if not info.HasField("tensor_shape"):  # TF 1.0 exports: TensorFlow reads it as [] too
                out["shape_recorded"] = False
            return out

        signatures = {}
        for key, sig in mg.signature_def.items():
            if key.startswith("__"):
                continue
            signatures[key] = {
                "method_name": sig.method_name,
                "inputs": {a: tensor(t) for a, t in sig.inputs.items()},
                "outputs": {a: tensor(t) for a, t in sig.outputs.items()},
            }
            if sig.defaults:
                signatures[key]["defaults"] = sorted(sig.defaults)
        return {"tags": list(mg.meta_info_def.tags), "signatures": signatures,
                "tensorflow_version": mg.meta_info_def.tensorflow_version}

    return parse


def inspect_json(capsys, location: Path) -> dict:
    capsys.readouterr()
    code = run(["inspect", str(location), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def version_dirs(base: Path) -> list[Path]:
    return sorted((p for p in base.iterdir() if p.is_dir() and p.name.isdigit()), key=lambda p: int(p.name))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_matches_tensorflow(name: str, capsys, tf_parse, fixture_model) -> None:
    base = fixture_model(name)
    got = inspect_json(capsys, base)
    want = tf_parse(version_dirs(base)[-1])
    assert got["signatures"] == want["signatures"]
    assert got["tags"] == want["tags"]
    assert got["tensorflow_version"] == want["tensorflow_version"]
    assert got["format"] == "sigcheck.signatures/v1"


def test_tfserving_models_match_tensorflow(capsys, tf_parse, tfs_testdata: Path) -> None:
    models = sorted({p.parent for p in tfs_testdata.rglob("saved_model.pb")})
    assert len(models) >= 13
    for model_dir in models:
        got = inspect_json(capsys, model_dir)
        want = tf_parse(model_dir)
        assert got["signatures"] == want["signatures"], model_dir


def test_fixtures_load_with_tensorflow(fixture_model) -> None:
    """A cheap end-to-end check that the committed bytes are what TF reads: keras_image runs serving_default."""
    import numpy as np
    import tensorflow as tf

    loaded = tf.saved_model.load(str(fixture_model("keras_image") / "1"))
    out = loaded.signatures["serving_default"](image=tf.constant(np.zeros((2, 150, 150, 3), np.float32)))
    assert out["probs"].shape == (2, 2)


def _messages(desc):
    for msg in desc.message_types_by_name.values():
        yield from _nested(msg)


def _nested(msg):
    yield msg
    for sub in msg.nested_types:
        yield from _nested(sub)


def test_proto_fields_match_tensorflow() -> None:
    from google.protobuf import descriptor_pool
    from tensorflow.core.protobuf import saved_model_pb2  # noqa: F401  (registers TF's descriptors)

    pool = descriptor_pool.Default()
    checked = 0
    for msg in _messages(ours.DESCRIPTOR):
        if msg.GetOptions().map_entry:
            continue
        tf_name = "tensorflow." + msg.full_name.removeprefix("sigcheck.tf.")
        if tf_name == "tensorflow.Any":  # google.protobuf.Any's wire format under our package
            tf_name = "google.protobuf.Any"
        tf_msg = pool.FindMessageTypeByName(tf_name)
        for field in msg.fields:
            tf_field = tf_msg.fields_by_name.get(field.name)
            assert tf_field is not None, f"{tf_name}.{field.name} is not a TensorFlow field"
            where = f"{tf_name}.{field.name}"
            assert field.number == tf_field.number, where
            assert field.type == tf_field.type, where
            assert field.is_repeated == tf_field.is_repeated, where
            if field.message_type is not None:
                assert field.message_type.full_name.removeprefix("sigcheck.tf.") == \
                    tf_field.message_type.full_name.removeprefix("tensorflow.").removeprefix("google.protobuf."), where
            if field.enum_type is not None:
                assert field.enum_type.name == tf_field.enum_type.name, where
            oneof = field.containing_oneof.name if field.containing_oneof else None
            tf_oneof = tf_field.containing_oneof.name if tf_field.containing_oneof else None
            assert oneof == tf_oneof, where
            checked += 1
    assert checked > 80


def test_datatype_enum_matches_tensorflow() -> None:
    from tensorflow.core.framework import types_pb2

    theirs = {v.name: v.number for v in types_pb2.DataType.DESCRIPTOR.values}
    mine = {v.name: v.number for v in ours.DataType.DESCRIPTOR.values}
    assert mine == theirs


def test_every_tensorflow_field_is_declared_outside_the_opaque_messages() -> None:
    """What sigcheck reads is what TensorFlow reads: no field TensorFlow knows is skipped (binary) or refused
    (.pbtxt) in a message sigcheck declares, except inside the messages declared empty on purpose."""
    from google.protobuf import descriptor_pool
    from tensorflow.core.protobuf import saved_model_pb2  # noqa: F401  (registers TF's descriptors)

    from sigcheck.model.reader import OPAQUE_MESSAGES

    pool = descriptor_pool.Default()
    missing = []
    for msg in _messages(ours.DESCRIPTOR):
        if msg.GetOptions().map_entry or msg.full_name in OPAQUE_MESSAGES:
            continue
        tf_msg = pool.FindMessageTypeByName("tensorflow." + msg.full_name.removeprefix("sigcheck.tf."))
        missing += [f"{tf_msg.full_name}.{f.name}" for f in tf_msg.fields if f.name not in msg.fields_by_name]
    assert missing == []
