"""gate on a SavedModel without the MetaGraph TF Serving loads (tag set serve): a failed gate (exit 1, files.tags),
not "cannot run" — unless the user asked for a tag set the model lacks (exit 2, saying so) (trial 8, M10).

Real SavedModels: one written by TensorFlow's own SavedModelBuilder with tags ["train"] (TensorFlow, once per
session), and copies of the committed fixtures whose MetaGraph carries another tag set (for the tests that must run
without TensorFlow: the same file with one tag string changed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sigcheck.gate import run_gate
from sigcheck.gate.versions import NoServingMetaGraph, read_gate_model
from sigcheck.model.proto import saved_model_pb2 as pb

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "models"
UPSTREAM = ("Could not find meta graph def matching supplied tags: { serve }. To inspect available tag-sets in the "
            "SavedModel, please use the SavedModel CLI: `saved_model_cli`")


def retagged(fixture: str, dest: Path, tags: tuple[str, ...]) -> Path:
    """``fixtures/models/<fixture>/1`` copied to ``dest`` with its MetaGraph tagged ``tags`` instead of serve."""
    shutil.copytree(FIXTURES / fixture / "1", dest)
    sm = pb.SavedModel()
    sm.ParseFromString((dest / "saved_model.pb").read_bytes())
    [mg] = sm.meta_graphs
    del mg.meta_info_def.tags[:]
    mg.meta_info_def.tags.extend(tags)
    (dest / "saved_model.pb").write_bytes(sm.SerializeToString())
    return dest


@pytest.fixture
def train_base(tmp_path: Path) -> Path:
    base = tmp_path / "tab"
    retagged("tf1_fixed_batch", base / "1", ("train",))
    return base


def test_base_path_without_serve_fails_the_gate(cli, train_base: Path) -> None:
    code, out, err = cli("gate", train_base, "--json")
    assert code == 1, err
    doc = json.loads(out)
    [f] = doc["findings"]
    assert f["code"] == "files.no_serve_tags" and f["category"] == "savedmodel_tags" and f["severity"] == "error"
    assert f"version 1 (the highest under {train_base}) has no MetaGraph with tag set 'serve'" in f["message"]
    assert "tag sets in it: train" in f["message"] and f["upstream"] == UPSTREAM
    assert f["hint"].startswith("re-export the model for serving with tags=[tf.saved_model.SERVING]")
    assert "--tag-set train" in f["hint"]
    assert doc["checks"]["files.tags"] == "fail"
    assert all(s == "skip" for r, s in doc["checks"].items() if r != "files.tags")
    assert "no MetaGraph with tag set 'serve'" in doc["skipped"]["signature.no_serving_default"]
    code, out, _ = cli("gate", train_base, "--no-color")
    assert code == 1 and "error files.no_serve_tags" in out
    assert isinstance(read_gate_model(str(train_base)), NoServingMetaGraph)


def test_plain_folder_and_ignore(cli, tmp_path: Path) -> None:
    folder = retagged("keras_tabular", tmp_path / "m", ("serve", "gpu"))  # (serve,gpu is not serve)
    result = run_gate(str(folder))
    [f] = result.findings
    assert not result.ok and f.message.startswith(f"{folder} has no MetaGraph with tag set 'serve'")
    assert "tag sets in it: serve,gpu" in f.message and "version" not in f.message.split("serve")[0]
    code, out, _ = cli("gate", folder, "--json", "--ignore", "savedmodel_tags")
    assert code == 0 and json.loads(out)["ignored"] == 1


def test_a_tag_set_asked_for_and_missing_is_bad_input(cli, train_base: Path) -> None:
    code, out, err = cli("gate", train_base, "--tag-set", "gpu")
    assert code == 2 and out == ""
    assert "no MetaGraph with the tag set you asked for (--tag-set gpu); tag sets in this SavedModel: train" in err
    assert "hint: drop --tag-set" in err


def test_a_tag_set_asked_for_and_present_is_gated_with_a_note(cli, train_base: Path) -> None:
    code, out, err = cli("gate", train_base, "--tag-set", "train", "--json")
    assert code == 0, err
    doc = json.loads(out)
    [f] = [f for f in doc["findings"] if f["code"] == "files.tag_set"]
    assert f["severity"] == "info" and "--saved_model_tags=train" in f["message"]
    assert "this SavedModel has no 'serve' MetaGraph" in f["message"]
    assert doc["checks"]["files.tags"] == "pass"


def test_a_serving_model_passes_the_rule() -> None:
    result = run_gate(str(FIXTURES / "keras_tabular"))
    assert result.checks["files.tags"] == "pass"
    assert not [f for f in result.findings if f.code.startswith("files.tag")]


def test_serving_config_names_the_tags_category(cli, train_base: Path, tmp_path: Path) -> None:
    cfg = tmp_path / "models.config"
    cfg.write_text(f'model_config_list {{ config {{ name: "t" base_path: "{train_base}" '
                   'model_platform: "tensorflow" } }\n')
    code, out, err = cli("gate", "--serving-config", cfg, "--json")
    assert code == 1, err
    [f] = json.loads(out)["findings"]
    assert f["code"] == "config.version_unreadable" and f["category"] == "savedmodel_tags"
    assert f["upstream"] == UPSTREAM


@pytest.fixture(scope="session")
def builder_train_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TF1 graph saved by TensorFlow's SavedModelBuilder with tags ["train"] only: the base path."""
    import tensorflow as tf

    base = tmp_path_factory.mktemp("tf1train")
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, [None, 2], name="x")
        y = tf.identity(x * 2.0, name="y")
        with tf.compat.v1.Session(graph=graph) as sess:
            builder = tf.compat.v1.saved_model.Builder(str(base / "1"))
            sig = tf.compat.v1.saved_model.predict_signature_def({"x": x}, {"y": y})
            builder.add_meta_graph_and_variables(sess, ["train"], signature_def_map={"serving_default": sig})
            builder.save()
    return base


@pytest.mark.tf
def test_tensorflow_builder_with_train_tags(cli, builder_train_only: Path) -> None:
    code, out, err = cli("gate", builder_train_only, "--json")
    assert code == 1, err
    [f] = json.loads(out)["findings"]
    assert f["code"] == "files.no_serve_tags" and "tag sets in it: train" in f["message"]
    code, _, err = cli("gate", builder_train_only, "--tag-set", "train")
    assert code == 0, err
