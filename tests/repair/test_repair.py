"""``sigcheck repair``: each broken fixture model is repaired once per session, then loaded the way TF Serving loads
it (``tf.compat.v1`` loader into a session, ``Session.run`` by the signature's tensor names) and compared with the
truth computed here (numpy over the checkpoint's variables, or the original's TF2 object-graph call)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest

from .damaged import repair_in_staging

pytestmark = pytest.mark.tf

X4 = np.array([[0.5, -1.0, 2.0, 0.25], [1.5, 0.0, -0.5, 3.0], [-2.0, 1.0, 1.0, -1.0]], dtype=np.float32)
X3 = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]], dtype=np.float32)

CASES = {
    "tf1_learning_phase": {},
    "tf1_keep_prob": {},
    "tf1_is_training": {},
    "tf1_dropout_rate": {},
    "keras3_tf_save": {},
    "module_no_default": {"default_signature": "predict"},
    "keras_unnamed": {"renames": {"keras_tensor": "features", "output_0": "score"}},
    # --image-bytes with an output rename: the image_bytes signature is renamed too
    "keras_image": {"image_bytes": True, "renames": {"probs": "probabilities"}},
    # the three flags in one command: image_bytes added and made serving_default, the float one kept as image_tensor
    "keras_image/bytes_default": {"image_bytes": True, "default_signature": "image_bytes",
                                  "renames": {"image": "pixels"}},
}


@pytest.fixture(scope="session")
def repaired(fixture_model, tmp_path_factory):
    """case → (RepairResult, original version folder): every case repaired once into its own base path (a case
    ``model/label`` repairs fixture ``model`` with other flags)."""
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    root = tmp_path_factory.mktemp("repaired")
    out = {}
    for case, kwargs in CASES.items():
        name = case.split("/")[0]
        original = fixture_model(name) / "1"
        out[case] = (repair_model(str(fixture_model(name)),
                                  RepairOptions(output=str(root / case.replace("/", "-")), **kwargs)), original)
    return out


def session_run(folder: str, key: str, feeds: dict[str, np.ndarray], extra: dict[str, object] | None = None):
    """Load ``folder`` as TF Serving does and run signature ``key`` (inputs by alias, extra feeds by tensor name)."""
    import tensorflow as tf

    v1 = tf.compat.v1
    with tf.Graph().as_default() as graph, v1.Session(graph=graph) as sess:
        meta = v1.saved_model.loader.load(sess, ["serve"], folder)
        sig = meta.signature_def[key]
        feed = {graph.get_tensor_by_name(sig.inputs[a].name): v for a, v in feeds.items()}
        feed.update({graph.get_tensor_by_name(n): v for n, v in (extra or {}).items()})
        fetch = {a: graph.get_tensor_by_name(t.name) for a, t in sig.outputs.items()}
        return sess.run(fetch, feed_dict=feed)


def checkpoint(folder: Path) -> dict[str, np.ndarray]:
    import tensorflow as tf

    reader = tf.train.load_checkpoint(str(folder / "variables" / "variables"))
    return {k: reader.get_tensor(k) for k in reader.get_variable_to_shape_map()}


def relu(a):
    return np.maximum(a, 0.0)


def tf1_truth(name: str, v: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """The inference output of each TF1 fixture, from its weights (fixtures/make_fixtures.py builds these graphs)."""
    if name == "tf1_learning_phase":
        return x @ v["dense_w"] + v["dense_b"]
    h = x @ v["hidden_w"] + v["hidden_b"]
    if name == "tf1_is_training":
        h = relu((h - v["bn_moving_mean"]) / np.sqrt(v["bn_moving_var"] + 1e-3))
    else:
        h = relu(h)
    return h @ v["out_w"] + v["out_b"]


@pytest.mark.parametrize("name", ["tf1_learning_phase", "tf1_keep_prob", "tf1_is_training", "tf1_dropout_rate"])
def test_unfed_placeholder_bound_to_inference_value(repaired, name):
    import tensorflow as tf

    result, original = repaired[name]
    assert result.status == "repaired", result.to_json()
    assert result.location and result.location.endswith(f"{name}/1")
    assert {c.kind for c in result.plan.changes} == {"bind"}
    with pytest.raises(tf.errors.InvalidArgumentError, match="You must feed a value for placeholder"):
        session_run(str(original), "serving_default", {"x": X4})
    got = session_run(result.location, "serving_default", {"x": X4})
    want = tf1_truth(name, checkpoint(original), X4)
    np.testing.assert_allclose(got["y"], want, rtol=1e-5, atol=1e-6)
    # the variables were copied, not re-written; the checks ran through the new version
    assert (Path(result.location) / "variables" / "variables.index").read_bytes() == \
        (original / "variables" / "variables.index").read_bytes()
    assert result.checks and all(c.ok for c in result.checks)
    assert not [d for d in result.gate_after if d.code == "graph.unfed_placeholder"]


def test_explicit_feed_and_rename_on_a_tf1_graph(fixture_model, tmp_path):
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    result = repair_model(str(fixture_model("tf1_keep_prob")),
                          RepairOptions(output=str(tmp_path), feeds={"keep_prob": "1"}, renames={"x": "features",
                                                                                                   "y": "logits"}))
    assert result.status == "repaired", result.to_json()
    bind, *renames = result.plan.changes
    assert bind.data["value"] == 1.0 and bind.data["reason"] == "--feed" and len(renames) == 2
    got = session_run(result.location, "serving_default", {"features": X4})  # a TF1 graph: SignatureDef keys renamed
    want = tf1_truth("tf1_keep_prob", checkpoint(fixture_model("tf1_keep_prob") / "1"), X4)
    np.testing.assert_allclose(got["logits"], want, rtol=1e-5, atol=1e-6)


def test_keras3_tf_save_variables_restored_by_a_session_load(repaired):
    import tensorflow as tf

    result, original = repaired["keras3_tf_save"]
    assert result.status == "repaired", result.to_json()
    assert [c.kind for c in result.plan.changes] == ["resave"]
    with pytest.raises(tf.errors.FailedPreconditionError, match="Could not find variable"):
        session_run(str(original), "serving_default", {"inputs": X3})
    truth = tf.saved_model.load(str(original)).signatures["serving_default"](inputs=tf.constant(X3))
    got = session_run(result.location, "serving_default", {"inputs": X3})
    np.testing.assert_allclose(got["output_0"], truth["output_0"].numpy(), rtol=1e-6)
    # generated names are proposed, never renamed silently
    assert any("--rename output_0=predictions" in p for p in result.plan.proposals)
    assert not [d for d in result.gate_after if d.code == "graph.unrestored_variable"]


def test_default_signature_alias(repaired):
    import tensorflow as tf

    result, original = repaired["module_no_default"]
    assert result.status == "repaired", result.to_json()
    w = tf.saved_model.load(str(original)).w.numpy()
    got = session_run(result.location, "serving_default", {"x": X3})
    np.testing.assert_allclose(got["y"], X3 @ w, rtol=1e-5, atol=1e-6)
    embed = session_run(result.location, "embed", {"x": X3})  # the other signatures are still there
    np.testing.assert_allclose(embed["embedding"], np.tanh(X3 @ w), rtol=1e-5, atol=1e-6)


def test_rename_generated_names(repaired):
    import tensorflow as tf

    from sigcheck.model import read_model

    result, original = repaired["keras_unnamed"]
    assert result.status == "repaired", result.to_json()
    x = X4[:2]
    truth = tf.saved_model.load(str(original)).signatures["serving_default"](keras_tensor=tf.constant(x))
    got = session_run(result.location, "serving_default", {"features": x})
    np.testing.assert_allclose(got["score"], truth["output_0"].numpy(), rtol=1e-6)
    sig = read_model(result.location).signatures["serving_default"]
    assert (list(sig.inputs), list(sig.outputs)) == (["features"], ["score"])


def _png(seed: int = 3) -> tuple[np.ndarray, bytes]:
    from PIL import Image

    pixels = np.random.default_rng(seed).integers(0, 256, size=(150, 150, 3), dtype=np.uint8)
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="PNG")
    return pixels, buf.getvalue()


def _keras_image_truth(original: Path, pixels: np.ndarray) -> np.ndarray:
    import tensorflow as tf

    fn = tf.saved_model.load(str(original)).signatures["serving_default"]
    return fn(image=tf.constant(pixels[None].astype(np.float32) / 255.0))["probs"].numpy()


def test_image_bytes_signature_with_an_output_rename(repaired):
    """--image-bytes --rename OUTPUT=NEW: the image_bytes signature (built with a positional input) is renamed too."""
    from sigcheck.model import read_model

    result, original = repaired["keras_image"]
    assert result.status == "repaired", result.to_json()
    pixels, png = _png()
    got = session_run(result.location, "image_bytes", {"image_bytes": np.array([png], dtype=object)})
    np.testing.assert_allclose(got["probabilities"], _keras_image_truth(original, pixels), rtol=1e-5, atol=1e-6)
    assert any(c.kind == "image_bytes" and c.data["scale"] == "unit" for c in result.plan.changes)
    sigs = read_model(result.location).signatures
    assert {k: list(s.outputs) for k, s in sigs.items()} == {k: ["probabilities"] for k in sigs}
    assert list(sigs["image_bytes"].inputs) == ["image_bytes"] and list(sigs["serving_default"].inputs) == ["image"]


def test_image_bytes_made_serving_default_in_one_command(repaired):
    """--image-bytes --default-signature image_bytes --rename image=pixels on a model that has serving_default: the
    new signature becomes serving_default, the model's own (float) one is kept as image_tensor, as export does."""
    from sigcheck.model import read_model

    result, original = repaired["keras_image/bytes_default"]
    assert result.status == "repaired", result.to_json()
    (alias,) = [c for c in result.plan.changes if c.kind == "alias"]
    assert alias.data == {"source": "image_bytes", "kept_as": "image_tensor"}
    assert "kept as signature \"image_tensor\"" in alias.description
    sigs = read_model(result.location).signatures
    assert sorted(sigs) == ["image_bytes", "image_tensor", "serve", "serving_default"]
    assert list(sigs["serving_default"].inputs) == ["image_bytes"] and list(sigs["image_tensor"].inputs) == ["pixels"]
    pixels, png = _png(5)
    want = _keras_image_truth(original, pixels)
    got = session_run(result.location, "serving_default", {"image_bytes": np.array([png], dtype=object)})
    np.testing.assert_allclose(got["probs"], want, rtol=1e-5, atol=1e-6)
    got = session_run(result.location, "image_tensor", {"pixels": pixels[None].astype(np.float32) / 255.0})
    np.testing.assert_allclose(got["probs"], want, rtol=1e-5, atol=1e-6)
    assert {c.signature for c in result.checks} == set(sigs) and all(c.ok for c in result.checks)


def test_existing_image_bytes_made_serving_default(repaired, tmp_path):
    """A model that has image_bytes already (an earlier repair --image-bytes): --default-signature image_bytes makes
    it serving_default and keeps the float serving_default as image_tensor (no --image-bytes needed or allowed)."""
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    first, original = repaired["keras_image"]
    result = repair_model(first.location, RepairOptions(output=str(tmp_path), default_signature="image_bytes"))
    assert result.status == "repaired", result.to_json()
    assert [c.kind for c in result.plan.changes] == ["alias"]
    assert result.plan.kept_default() == "image_tensor"
    pixels, png = _png(7)
    want = _keras_image_truth(original, pixels)
    got = session_run(result.location, "serving_default", {"image_bytes": np.array([png], dtype=object)})
    np.testing.assert_allclose(got["probabilities"], want, rtol=1e-5, atol=1e-6)
    got = session_run(result.location, "image_tensor", {"image": pixels[None].astype(np.float32) / 255.0})
    np.testing.assert_allclose(got["probabilities"], want, rtol=1e-5, atol=1e-6)


def test_next_version_in_the_models_own_base_path(fixture_model, tmp_path):
    import shutil

    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    base = tmp_path / "lp"
    shutil.copytree(fixture_model("tf1_learning_phase"), base)
    result = repair_model(str(base), RepairOptions(output=str(base)))
    assert result.location == str(base / "2")
    assert sorted(p.name for p in base.iterdir()) == ["1", "2"]  # no temporary folder left
    # a numeric folder that does not exist yet is written as that version
    again = repair_model(str(base / "1"), RepairOptions(output=str(base / "7")))
    assert again.location == str(base / "7")


def test_failed_verification_publishes_nothing(fixture_model, tmp_path):
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import FAILED, repair_model

    def differ(expected, got):
        return False, "differs on purpose", 1.0

    base = tmp_path / "out"
    result = repair_model(str(fixture_model("tf1_keep_prob")), RepairOptions(output=str(base)), compare=differ)
    assert result.status == FAILED and result.location is None and not result.ok
    assert os.listdir(base) == []  # neither a version nor the staging folder


def test_killed_repair_leaves_no_version(fixture_model, tmp_path):
    """SIGKILL in the middle: only a hidden staging folder is left, which the next repair removes."""
    import signal
    import subprocess

    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    base = tmp_path / "base"
    proc = repair_in_staging(fixture_model("tf1_keep_prob"), base, stderr=subprocess.DEVNULL)
    try:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    left = sorted(p.name for p in base.iterdir())
    assert left and all(n.startswith(".sigcheck-export-") for n in left)  # no version
    result = repair_model(str(fixture_model("tf1_keep_prob")), RepairOptions(output=str(base)))
    assert result.location == str(base / "1")
    assert sorted(p.name for p in base.iterdir()) == ["1"]  # the killed run's leftovers were removed


def test_cli_json(cli, fixture_model, tmp_path):
    import json

    code, out, err = cli("repair", fixture_model("tf1_is_training"), "--output", tmp_path / "m", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["status"] == "repaired" and summary["output"] == str(tmp_path / "m" / "1")
    assert [c["name"] for c in summary["changes"]] == ["is_training"] and summary["method"] == "graphdef"
    assert len(summary["checks"]) == 2 and all(c["ok"] for c in summary["checks"])
    assert 'changed: placeholder "is_training" (DT_BOOL) bound to False' in err
    assert json.loads((tmp_path / "m" / "1" / "assets.extra" / "repair.json").read_text())["changes"]


@pytest.mark.gcs
def test_repair_to_gcs(fixture_model, gcs_emulator):
    from sigcheck.model import read_model
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    try:
        bucket = gcs_emulator.new_bucket()
        base = f"gs://{bucket}/models/lp"
        result = repair_model(str(fixture_model("tf1_learning_phase")), RepairOptions(output=base))
        assert result.location == f"{base}/1"
        names = gcs_emulator.names(bucket, "models/lp/")
        assert {"models/lp/1/saved_model.pb", "models/lp/1/variables/variables.index",
                "models/lp/1/assets.extra/repair.json"} <= set(names)
        assert not [n for n in names if "sigcheck-export" in n]
        info = read_model(base)
        assert info.version == 1 and not [d for d in _gate(info) if d.code == "graph.unfed_placeholder"]
        # from gs:// too: the model is downloaded (and scanned) before TensorFlow loads it
        gcs_emulator.put_tree(fixture_model("tf1_learning_phase") / "1", bucket, "broken/lp/1")
        assert repair_model(f"gs://{bucket}/broken/lp", RepairOptions(output=base)).location == f"{base}/2"
    finally:
        GcsBackend._defaults.clear()


def _gate(info):
    from sigcheck.gate import run_gate

    return run_gate(info).findings


@pytest.mark.parametrize("name", ["tf1_learning_phase", "tf1_dropout_rate"])
def test_the_gates_recipe_by_hand_works_on_this_tensorflow(fixture_model, tmp_path, name):
    """The hint's code runs as written on the installed TensorFlow (the old advice, set_learning_phase, raises
    AttributeError now) and gives a model that serves the inference outputs."""
    import tensorflow as tf

    from sigcheck.gate import run_gate

    (d, *_) = [d for d in run_gate(str(fixture_model(name))).findings if d.code == "graph.unfed_placeholder"]
    assert not hasattr(tf.keras.backend, "set_learning_phase")
    recipe = d.hint.rsplit("`", 2)[1]
    out = tmp_path / "2"
    exec(recipe.replace("'NEW_VERSION_DIR'", repr(str(out))), {"tf": tf})  # noqa: S102 - our own hint
    got = session_run(str(out), "serving_default", {"x": X4})
    np.testing.assert_allclose(got["y"], tf1_truth(name, checkpoint(fixture_model(name) / "1"), X4),
                               rtol=1e-5, atol=1e-6)


def _two_signature_tf1_graph(src: Path) -> Path:
    """A TF1 graph whose serving_default leaves keep_prob unfed and whose signature "scaled" feeds it."""
    import tensorflow as tf

    v1 = tf.compat.v1
    with tf.Graph().as_default() as graph, v1.Session(graph=graph) as sess:
        x = v1.placeholder(tf.float32, [None, 4], name="x")
        keep = v1.placeholder(tf.float32, [], name="keep_prob")
        w = v1.get_variable("w", initializer=tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2)))
        y = tf.identity(tf.matmul(x, w) * keep, name="y")
        sess.run(v1.global_variables_initializer())
        builder = v1.saved_model.Builder(str(src))
        sig = v1.saved_model.predict_signature_def
        builder.add_meta_graph_and_variables(sess, ["serve"], signature_def_map={
            "serving_default": sig({"x": x}, {"y": y}), "scaled": sig({"x": x, "keep_prob": keep}, {"y": y})})
        builder.save()
    return src


def test_default_signature_replaced_on_a_tf1_graph_keeps_the_old_one(tmp_path):
    """--default-signature NAME on a model that has serving_default (a SignatureDef edit): serving_default becomes a
    copy of NAME and the model's own is kept as previous_serving_default, with its bound placeholder."""
    from sigcheck.model import read_model
    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    src = _two_signature_tf1_graph(tmp_path / "two" / "1")
    result = repair_model(str(src.parent), RepairOptions(output=str(tmp_path / "out"), default_signature="scaled",
                                                         renames={"y": "logits"}))
    assert result.status == "repaired", result.to_json()
    assert result.plan.kept_default() == "previous_serving_default" and result.plan.method == "graphdef"
    sigs = read_model(result.location).signatures
    assert sorted(sigs) == ["previous_serving_default", "scaled", "serving_default"]
    assert sorted(sigs["serving_default"].inputs) == ["keep_prob", "x"]
    w = np.arange(8, dtype=np.float32).reshape(4, 2)
    got = session_run(result.location, "serving_default", {"x": X4, "keep_prob": np.float32(0.5)})["logits"]
    np.testing.assert_allclose(got, X4 @ w * 0.5, rtol=1e-6)
    got = session_run(result.location, "previous_serving_default", {"x": X4})["logits"]
    np.testing.assert_allclose(got, X4 @ w, rtol=1e-6)  # keep_prob bound to 1.0, as the old serving_default was
    assert {c.signature for c in result.checks} == set(sigs) and all(c.ok for c in result.checks)


def test_a_signature_that_feeds_the_placeholder_still_can(tmp_path):
    """Bound with a placeholder_with_default: the signature that leaves keep_prob unfed gets 1.0, the one that feeds
    it (an evaluation signature) is re-pointed at the new tensor and still takes its value."""
    import tensorflow as tf

    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    src = _two_signature_tf1_graph(tmp_path / "two" / "1")
    result = repair_model(str(src.parent), RepairOptions(output=str(tmp_path / "out")))
    assert result.status == "repaired", result.to_json()
    w = np.arange(8, dtype=np.float32).reshape(4, 2)
    np.testing.assert_allclose(session_run(result.location, "serving_default", {"x": X4})["y"], X4 @ w, rtol=1e-6)
    got = session_run(result.location, "scaled", {"x": X4, "keep_prob": np.float32(0.5)})["y"]
    np.testing.assert_allclose(got, X4 @ w * 0.5, rtol=1e-6)


def test_gate_after_names_the_published_version(fixture_model, tmp_path):
    """trial9 F17: gate_after[].subject named the hidden staging folder, which is gone once the version is published."""
    import json

    from sigcheck.repair.plan import RepairOptions
    from sigcheck.repair.run import repair_model

    result = repair_model(str(fixture_model("tf1_fixed_batch")),
                          RepairOptions(output=str(tmp_path / "m"), renames={"x": "features"}))
    assert result.published and result.location == str(tmp_path / "m" / "1")
    after = result.to_json()["gate_after"]
    assert after and {d["code"] for d in after} == {"signature.fixed_batch"}  # (the declared batch of 1 stays)
    assert {d["subject"] for d in after} == {result.location}
    assert ".sigcheck-export-" not in json.dumps(after)
