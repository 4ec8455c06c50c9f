"""The committed fixture SavedModels (fixtures/make_fixtures.py) say what docs/DEVELOPING.md promises, and match
fixtures/MANIFEST.json byte for byte."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from sigcheck.model import read_model

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "fixtures" / "MANIFEST.json").read_text())

F, I64, S = "DT_FLOAT", "DT_INT64", "DT_STRING"

# name → signature → (inputs, outputs), each alias → (dtype, shape); None = do not check that side.
PROMISED = {
    "keras_tabular": {"serving_default": (
        {"age": (F, (-1, 1)), "hours": (I64, (-1, 1)), "occupation": (S, (-1, 1))},
        {"probabilities": (F, (-1, 2))})},
    "keras_image": {"serving_default": ({"image": (F, (-1, 150, 150, 3))}, {"probs": (F, (-1, 2))})},
    "keras_unnamed": {"serving_default": (None, {"output_0": (F, (-1, 1))})},
    "module_multi": {
        "serving_default": ({"x": (F, (-1, 3))}, {"y": (F, (-1, 1)), "scores": (F, (-1, 3))}),
        "unknown_rank": ({"x": (F, None)}, None),
        "scalar_input": ({"x": (F, ())}, None),
        "uint8_bool": ({"pixels": ("DT_UINT8", (-1, 4)), "flag": ("DT_BOOL", (-1,))}, None),
        "half_output": (None, {"y": ("DT_HALF", (-1, 1))}),
        "image_bytes": ({"image_bytes": (S, (-1,))}, {"probs": (F, (-1, 2))}),
        "echo_bytes": (None, {"label_bytes": (S, (-1,))}),
    },
    "tf1_learning_phase": {"serving_default": ({"x": (F, (-1, 4))}, {"y": (F, (-1, 2))})},
    "tf1_keep_prob": {"serving_default": ({"x": (F, (-1, 4))}, {"y": (F, (-1, 2))})},
    "tf1_placeholder_with_default": {"serving_default": ({"x": (F, (-1, 4))}, {"y": (F, (-1, 2))})},
    "tf1_fixed_batch": {"serving_default": ({"x": (F, (1, 4))}, {"y": (F, (1, 2))})},
    "tf1_file_ops": {"serving_default": ({"x": (F, (-1, 1))}, {"y": (F, (-1, 1))})},
    "keras3_tf_save": {"serving_default": ({"inputs": (F, (-1, 3))}, {"output_0": (F, (-1, 2))})},
    "module_no_default": {
        "predict": ({"x": (F, (-1, 3))}, {"y": (F, (-1, 2))}),
        "embed": ({"x": (F, (-1, 3))}, {"embedding": (F, (-1, 2))}),
    },
    "tf1_is_training": {"serving_default": ({"x": (F, (-1, 4))}, {"y": (F, (-1, 2))})},
    "tf1_dropout_rate": {"serving_default": ({"x": (F, (-1, 4))}, {"y": (F, (-1, 2))})},
}


def test_manifest_lists_every_promised_model() -> None:
    assert sorted(MANIFEST["models"]) == sorted(PROMISED)
    assert MANIFEST["versions"]["tensorflow"] and MANIFEST["versions"]["keras"]
    assert MANIFEST["total_bytes"] < 5 * 1024 * 1024


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_files_match_manifest(name: str, fixture_model) -> None:
    base = fixture_model(name)
    on_disk = sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())
    listed = MANIFEST["models"][name]["files"]
    assert on_disk == [f["path"] for f in listed]
    for f in listed:
        assert hashlib.sha256((base / f["path"]).read_bytes()).hexdigest() == f["sha256"], f["path"]


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_signatures_as_promised(name: str, fixture_model) -> None:
    info = read_model(str(fixture_model(name)))
    assert info.version == 1 and info.tags == ("serve",)
    assert info.tf2 is (not name.startswith("tf1_"))
    for key, (inputs, outputs) in PROMISED[name].items():
        sig = info.signatures[key]
        assert sig.method_name == "tensorflow/serving/predict"
        for side, want in (("inputs", inputs), ("outputs", outputs)):
            if want is None:
                continue
            got = {a: (t.dtype, t.shape) for a, t in getattr(sig, side).items()}
            assert got == want, (key, side)


def test_keras_unnamed_has_generated_input_name(fixture_model) -> None:
    (alias,) = read_model(str(fixture_model("keras_unnamed"))).signature().inputs
    assert alias.startswith(("keras_tensor", "inputs", "input"))


def test_tf1_graph_nodes(fixture_model) -> None:
    """The graph-level facts the gate relies on are in the files (the placeholders are not signature inputs)."""

    def ops(name: str) -> dict[str, str]:
        mg = read_model(str(fixture_model(name))).meta_graph
        return {n.name: n.op for n in mg.graph_def.node}

    assert ops("tf1_learning_phase")["keras_learning_phase"] == "Placeholder"
    assert ops("tf1_keep_prob")["keep_prob"] == "Placeholder"
    assert ops("tf1_is_training")["is_training"] == "Placeholder"
    assert ops("tf1_dropout_rate")["dropout_rate"] == ops("tf1_dropout_rate")["is_training"] == "Placeholder"
    pwd = ops("tf1_placeholder_with_default")
    assert "PlaceholderWithDefault" in pwd.values() and "Placeholder" in pwd.values()
    assert "ReadFile" in ops("tf1_file_ops").values()
