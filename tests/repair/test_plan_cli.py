"""What ``sigcheck repair`` decides without TensorFlow: the plan from the gate's findings, flags that do not fit
(exit 2), ``--dry-run`` (writes nothing, imports no TensorFlow), and the hints that name it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sigcheck.model import read_model
from sigcheck.repair.plan import RepairOptions, plan_repair
from sigcheck.repair.values import inference_value, parse_value


@pytest.mark.parametrize("name,dtype,value", [
    ("keras_learning_phase", "DT_BOOL", False), ("keras_learning_phase", "DT_UINT8", 0),
    ("dropout/keep_prob", "DT_FLOAT", 1.0), ("is_training", "DT_BOOL", False), ("dropout_rate", "DT_FLOAT", 0.0),
    ("phase_train", "DT_BOOL", False), ("batch_size", "DT_INT32", None), ("keep_prob", "DT_STRING", None),
])
def test_inference_values(name, dtype, value):
    got = inference_value(name, dtype)
    assert (got.value if got else None) == value and (got is None or type(got.value) is type(value))


def test_parse_value():
    assert parse_value("false", "DT_BOOL") is False and parse_value("1", "DT_FLOAT") == 1.0
    with pytest.raises(ValueError, match="not a boolean"):
        parse_value("maybe", "DT_BOOL")


def test_plan_comes_from_the_gate_findings(fixture_model):
    plan = plan_repair(read_model(str(fixture_model("tf1_dropout_rate"))), RepairOptions(output="x"))
    assert sorted(c.data["name"] for c in plan.changes) == ["dropout_rate", "is_training"]
    assert plan.method == "graphdef"
    ok = plan_repair(read_model(str(fixture_model("tf1_placeholder_with_default"))), RepairOptions(output="x"))
    assert ok.changes == [] and ok.problems == []


def test_generated_names_are_proposed_not_applied(fixture_model):
    plan = plan_repair(read_model(str(fixture_model("keras_unnamed"))), RepairOptions(output="x"))
    assert plan.changes == []
    assert any("--rename keras_tensor=features" in p for p in plan.proposals)
    assert any("--rename output_0=predictions" in p for p in plan.proposals)
    # serve and serving_default (Keras 3 export, the same inputs and outputs): each name proposed once
    assert len(plan.proposals) == 2 and all('of signatures "serve" and "serving_default"' in p for p in plan.proposals)


def test_dry_run_writes_nothing_and_imports_no_tensorflow(fixture_model, tmp_path):
    out = tmp_path / "base"
    code = ("import sys; from sigcheck.cli.app import run; "
            f"rc = run(['repair', {str(fixture_model('tf1_keep_prob'))!r}, '--output', {str(out)!r}, '--dry-run']); "
            "assert 'tensorflow' not in sys.modules, 'tensorflow imported'; sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert 'would change: placeholder "keep_prob" (DT_FLOAT) bound to 1.0' in proc.stderr
    assert f"would write {out}/1; nothing written" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("args,message", [
    (["tf1_keep_prob", "--feed", "keep_probability=1"], "--feed keep_probability: no signature"),
    (["tf1_keep_prob", "--feed", "keep_prob"], "--feed takes NAME=VALUE"),
    (["tf1_learning_phase", "--feed", "keras_learning_phase=perhaps"], "is not a boolean"),
    (["tf1_keep_prob", "--default-signature", "serving_default"], "already has a serving_default"),
    (["module_no_default", "--default-signature", "nope"], "no signature 'nope'"),
    (["keras_unnamed", "--rename", "nope=x"], "no signature input or output is named"),
    (["tf1_keep_prob", "--image-bytes"], "--image-bytes re-saves a TF2 SavedModel"),
    (["tf1_keep_prob", "--default-signature", "image_bytes"], "--default-signature image_bytes re-saves a TF2"),
    (["module_no_default", "--default-signature", "predict", "--image-bytes"], "one float image input"),
    (["module_no_default", "--default-signature", "image_bytes"], "one float image input"),
    (["module_multi", "--image-bytes"], "already has an image_bytes signature"),
    (["module_multi", "--image-bytes", "--default-signature", "image_bytes"], "already has an image_bytes"),
])
def test_bad_flags_exit_2(cli, fixture_model, tmp_path, args, message):
    code, out, err = cli("repair", fixture_model(args[0]), "--output", tmp_path / "o", "--dry-run", *args[1:])
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err, err
    assert not (tmp_path / "o").exists()


def test_output_never_the_input(cli, fixture_model):
    code, _, err = cli("repair", fixture_model("tf1_keep_prob"), "--output", fixture_model("tf1_keep_prob") / "1")
    assert code == 2 and "is a SavedModel folder" in err
    assert f"hint: use --output {fixture_model('tf1_keep_prob')} (this model's base path" in err


def test_output_inside_another_models_base_path(cli, fixture_model, tmp_path):
    """--output naming a version of another model: the hint never points at that model's base path (which would
    publish this model as its next version), but at this model's own base path, or a new one named after it."""
    other = fixture_model("keras_tabular")
    code, out, err = cli("repair", fixture_model("tf1_keep_prob"), "--output", other / "1", "--dry-run")
    assert code == 2 and out == ""
    assert f"version 1 of another model (base path {other})" in err.splitlines()[0]
    (hint,) = [line for line in err.splitlines() if line.startswith("hint: ")]
    assert hint == f"hint: use --output {fixture_model('tf1_keep_prob')} (this model's base path: the repair becomes " \
        "its next version)"
    import shutil

    bare = tmp_path / "lp_model"  # a SavedModel folder outside any base path: a new base path named after it
    shutil.copytree(fixture_model("tf1_learning_phase") / "1", bare)
    code, _, err = cli("repair", bare, "--output", other / "1", "--dry-run")
    assert code == 2 and f"hint: use --output {bare}_repaired (a new base path named after this model" in err
    assert sorted(p.name for p in other.iterdir()) == ["1"]


def test_default_signature_image_bytes_plan(fixture_model):
    """--default-signature image_bytes implies --image-bytes (as export's does) and keeps the model's float
    serving_default as image_tensor; the plan lists the added signature before the alias."""
    info = read_model(str(fixture_model("keras_image")))
    for image_bytes in (False, True):
        plan = plan_repair(info, RepairOptions(output="x", default_signature="image_bytes", image_bytes=image_bytes))
        assert [c.kind for c in plan.changes] == ["image_bytes", "alias"]
        assert plan.alias() == "image_bytes" and plan.kept_default() == "image_tensor"
    plan = plan_repair(info, RepairOptions(output="x", image_bytes=True, renames={"probs": "p"}))
    (rename,) = [c for c in plan.changes if c.kind == "rename"]
    assert "image_bytes" in rename.description  # the added signature's outputs are renamed too
    no_default = plan_repair(read_model(str(fixture_model("module_no_default"))),
                             RepairOptions(output="x", default_signature="embed"))
    assert no_default.kept_default() is None and "added as a copy" in no_default.changes[0].description


def test_nothing_to_repair(cli, fixture_model, tmp_path):
    code, out, err = cli("repair", fixture_model("tf1_placeholder_with_default"), "--output", tmp_path / "o",
                         "--dry-run")
    assert code == 0 and "nothing to repair" in err and out == ""


def test_gate_and_inspect_hints_name_sigcheck_repair(fixture_model):
    from sigcheck.gate import run_gate

    for name, code, flag in [("tf1_learning_phase", "graph.unfed_placeholder", ""),
                             ("keras3_tf_save", "graph.unrestored_variable", ""),
                             ("module_no_default", "signature.no_serving_default", "--default-signature embed"),
                             ("keras_unnamed", "signature.unstable_names", "--rename keras_tensor=NEW_NAME")]:
        base = fixture_model(name)
        (d, *_) = [d for d in run_gate(str(base)).findings if d.code == code]
        assert f"`sigcheck repair {base}/1 --output {base}" in d.hint and flag in d.hint
        assert "set_learning_phase(" not in d.hint


def _flagged(models) -> set[str]:
    from sigcheck.gate import run_gate

    flagged = set()
    for path in models:
        try:
            info = read_model(str(path))
        except Exception:  # noqa: BLE001 - TF Serving's testdata holds deliberately unreadable models
            continue
        if any(d.code == "graph.unrestored_variable" for d in run_gate(info).findings):
            flagged.add(path.name)
    return flagged


def test_unrestored_variable_rule_fires_only_for_the_keras3_tf_save_model():
    """The gate finding behind the re-save repair: no false alarm on the other fixtures."""
    from pathlib import Path

    models = [p for p in (Path(__file__).parents[2] / "fixtures" / "models").iterdir() if (p / "1").is_dir()]
    assert len(models) >= 13 and _flagged(models) == {"keras3_tf_save"}


def test_unrestored_variable_rule_quiet_on_tf_serving_models(tfs_testdata):
    models = [p.parent for p in tfs_testdata.rglob("saved_model.pb")]
    assert models and _flagged(models) == set()
