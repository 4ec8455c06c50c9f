"""One answer, the server's: validate's default verdict on declared shapes agrees with TF Serving (and predict).

TF Serving never compares fed shapes with the signature: a request that only disagrees with a declared size is
served, and a fully convolutional model answers it (a warning, exit 0, that says the model may fail); a tensor of
another rank fails in almost every model (Conv2D: "input must be 4-dimensional"), so by default (``rank``) it is an
error, as the server's answer is; what TF Serving itself refuses stays exit 1; ``--shape-check error`` enforces the
declared contract, ``warn`` warns on everything.  Real fixture SavedModels (fixtures/models)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.validate import SHAPE_CHECK_DEFAULT, repair, validate_request


def small_image_body() -> bytes:
    """A 16x16 image to keras_image, declared (-1, 150, 150, 3): Conv2D + GlobalAveragePooling2D answer any size."""
    img = [[[0.5, 0.25, 0.125]] * 16] * 16
    return json.dumps({"instances": [img, img]}).encode()


def test_the_default_is_rank() -> None:
    assert SHAPE_CHECK_DEFAULT == "rank"


def test_a_shape_tf_serving_serves_is_valid_by_default(cli, fixture_model, tmp_path: Path) -> None:
    model = fixture_model("keras_image")
    req = tmp_path / "small.json"
    req.write_bytes(small_image_body())
    code, out, err = cli("validate", req, "--model", model, "--no-color")
    assert code == 0 and err == "", out
    head = out.splitlines()[0]
    assert head.startswith("✓ valid") and "1 warning" in head and "sigcheck predict or gate --predict" in head
    assert "warning request.shape [input_shape_mismatch]" in out and "the model may still fail" in out
    code, out, _ = cli("validate", req, "--model", model, "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] and [f["severity"] for f in doc["findings"]] == ["warning"]
    code, out, _ = cli("validate", req, "--model", model, "--shape-check", "error", "--no-color")
    assert code == 1 and out.startswith("✗ invalid")
    code, out, _ = cli("validate", req, "--model", model, "--shape-check", "off", "--json")
    assert code == 0 and json.loads(out)["findings"] == []
    code, _, err = cli("validate", req, "--model", model, "--shape-check", "strict")
    assert code == 2 and "unknown --shape-check 'strict'" in err


@pytest.mark.tf
def test_validate_and_predict_agree_on_a_shape_the_graph_ignores(cli, fixture_model, tmp_path: Path) -> None:
    """The brief's case: predict answers it (HTTP 200), so validate passes it too; gate agrees, and --predict
    settles its warning."""
    model = fixture_model("keras_image")
    req = tmp_path / "small.json"
    req.write_bytes(small_image_body())
    v_code, _, _ = cli("validate", req, "--model", model)
    p_code, out, err = cli("predict", req, "--model", model)
    assert p_code == 0, err
    assert len(json.loads(out)["predictions"]) == 2
    assert v_code == p_code == 0
    g_code, out, _ = cli("gate", model, "-r", req, "--predict", "--json")
    doc = json.loads(out)
    assert g_code == 0 and doc["ok"] and doc["checks"]["predict.run"] == "pass"
    [shape] = [f for f in doc["findings"] if f["code"] == "request.shape"]
    assert shape["severity"] == "info" and shape["message"].startswith("settled by running it (--predict)")


TABULAR_GOOD = {"age": [31.0], "hours": [40], "occupation": ["clerk"]}


@pytest.mark.parametrize(("instance", "category"), [
    ({"agee": [31.0], "hours": [40], "occupation": ["clerk"]}, "input_keys_mismatch"),  # wrong input name
    ({"age": [31.0], "hours": [40]}, "input_keys_mismatch"),  # missing input
    ({"age": ["old"], "hours": [40], "occupation": ["clerk"]}, "bytes_sent_to_numeric_input"),  # JSON decoding
    ({"age": [31.0], "hours": [40.5], "occupation": ["clerk"]}, "dtype_mismatch"),  # a fraction to int64
])
def test_what_tf_serving_refuses_still_exits_1(cli, fixture_model, tmp_path: Path, instance, category) -> None:
    model = fixture_model("keras_tabular")
    req = tmp_path / "r.json"
    req.write_text(json.dumps({"instances": [instance]}))
    code, out, _ = cli("validate", req, "--model", model, "--json")
    doc = json.loads(out)
    assert code == 1 and not doc["ok"] and doc["tf_serving"]["accepted"] is False
    assert doc["tf_serving"]["http_status"] == 400 and doc["findings"][0]["category"] == category
    assert doc["findings"][0]["severity"] == "error"
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"instances": [TABULAR_GOOD]}))
    assert cli("validate", good, "--model", model)[0] == 0


def test_fix_repairs_a_declared_shape_warning(fixture_model) -> None:
    """--fix still strips an extra batch level when the finding is a warning, and judges the copy with the same
    --shape-check as the request."""
    info = read_model(str(fixture_model("keras_image")))
    img = [[[0.5, 0.25, 0.125]] * 150] * 150
    body = json.dumps({"instances": [[img]]}).encode()  # (1, 1, 150, 150, 3)
    for level in ("warn", "rank", "error"):
        r = validate_request(body, info, shape_check=level)
        assert r.ok is (level == "warn") and r.shape_check == level  # another rank: an error unless warn
        fixed = repair(r, info)
        assert fixed is not None and fixed.ok and fixed.result.shape_check == level
        assert fixed.result.findings == [] and fixed.result.tensors == {"image": ("DT_FLOAT", (1, 150, 150, 3))}


def test_gate_takes_the_same_default_and_shape_check(cli, fixture_model, tmp_path: Path) -> None:
    model = fixture_model("keras_image")
    req = tmp_path / "small.json"
    req.write_bytes(small_image_body())
    code, out, _ = cli("gate", model, "-r", req, "--json")
    doc = json.loads(out)
    assert code == 0 and [f["severity"] for f in doc["findings"] if f["code"] == "request.shape"] == ["warning"]
    code, out, _ = cli("gate", model, "-r", req, "--json", "--shape-check", "error")
    assert code == 1 and json.loads(out)["checks"]["request.validate"] == "fail"
    (tmp_path / "pyproject.toml").write_text('[tool.sigcheck]\nshape-check = "error"\n')
    code, out, _ = cli("gate", model, "-r", req, "--json", "--config", tmp_path / "pyproject.toml")
    assert code == 1
    code, out, _ = cli("gate", model, "-r", req, "--json", "--config", tmp_path / "pyproject.toml",
                       "--shape-check", "warn")  # the flag wins over the file
    assert code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.sigcheck]\nshape-check = "strict"\n')
    code, _, err = cli("gate", model, "-r", req, "--config", tmp_path / "pyproject.toml")
    assert code == 2 and "shape-check" in err and "warn" in err


def extra_level_body() -> bytes:
    """keras_image's images with one extra level each: (2, 1, 150, 150, 3), another rank than the declared 4."""
    img = [[[0.5, 0.25, 0.125]] * 150] * 150
    return json.dumps({"instances": [[img], [img]]}).encode()


def test_another_rank_is_an_error_by_default(cli, fixture_model, tmp_path: Path) -> None:
    model = fixture_model("keras_image")
    req = tmp_path / "extra.json"
    req.write_bytes(extra_level_body())
    code, out, _ = cli("validate", req, "--model", model, "--json")
    doc = json.loads(out)
    assert code == 1 and not doc["ok"] and doc["tf_serving"]["accepted"] is True
    assert [(f["severity"], f["category"]) for f in doc["findings"]] == [("error", "extra_batch_dimension")]
    code, out, _ = cli("validate", req, "--model", model, "--json", "--shape-check", "warn")
    assert code == 0 and [f["severity"] for f in json.loads(out)["findings"]] == ["warning"]


@pytest.mark.tf
def test_validate_and_predict_agree_on_another_rank(cli, fixture_model, tmp_path: Path) -> None:
    """The founding case: the server answers an extra level with a 400 (Conv2D: input must be 4-dimensional), so
    validate's default says invalid too, and gate --predict keeps the error."""
    model = fixture_model("keras_image")
    req = tmp_path / "extra.json"
    req.write_bytes(extra_level_body())
    v_code, _, _ = cli("validate", req, "--model", model)
    p_code, out, _ = cli("predict", req, "--model", model)
    assert v_code == p_code == 1
    assert "4-dimensional" in out or "4-D" in out or "rank" in out.lower()
    g_code, out, _ = cli("gate", model, "-r", req, "--predict", "--json")
    assert g_code == 1 and json.loads(out)["checks"]["predict.run"] == "fail"


def test_validate_help_names_the_default(cli) -> None:
    code, out, _ = cli("validate", "--help")
    assert code == 0 and f"{SHAPE_CHECK_DEFAULT} (default" in " ".join(out.split())


def test_gate_shape_check_does_not_apply_to_a_serving_config(cli, tmp_path: Path) -> None:
    config = tmp_path / "models.config"
    config.write_text('model_config_list { config { name: "m" base_path: "%s" model_platform: "tensorflow" } }\n'
                      % (Path(__file__).resolve().parents[2] / "fixtures" / "models" / "keras_image"))
    code, _, err = cli("gate", "--serving-config", config, "--shape-check", "error")
    assert code == 2 and "--shape-check judges --request bodies" in err
    assert cli("gate", "--serving-config", config)[0] == 0
