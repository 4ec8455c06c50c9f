"""``gate --serving-config`` refuses the flags that apply to one model (u3 F15): ``--batch`` as ``--request`` and
``--baseline`` -- a gate must not pass saying "no --batch input" when one was given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def serving_config(fixture_model, tmp_path: Path) -> Path:
    base = tmp_path / "tab"
    base.mkdir()
    (base / "1").symlink_to(Path(fixture_model("keras_tabular")).resolve())
    cfg = tmp_path / "models.config"
    cfg.write_text(f'model_config_list {{ config {{ name: "tab" base_path: "{base}" '
                   'model_platform: "tensorflow" } }\n')
    return cfg


def test_batch_with_a_serving_config_is_refused_like_request(cli, serving_config: Path, tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text('{"age": [[1.0]]}\n')
    code, out, err = cli("gate", "--serving-config", serving_config, "--batch", data)
    assert code == 2 and not out, out
    assert "--batch applies to one model, not to a --serving-config" in err
    assert "Traceback" not in err and err.count("error:") == 1
    assert "sigcheck gate MODEL --batch INPUT" in err
    code, out, err = cli("gate", "--serving-config", serving_config, "--batch", data, "--json")
    assert code == 2 and json.loads(out)["error"]["kind"] == "input", out
    # (the same config without --batch is gated: the refusal is the flag's, not the config's)
    code, out, err = cli("gate", "--serving-config", serving_config, "--json")
    assert code in (0, 1) and out, err


def test_shape_check_refusal_says_what_warm_up_shapes_are(cli, serving_config: Path) -> None:
    """u3 F5: the hint called warm-up records' shapes warnings; another rank is an error (validate's default, which
    the warm-up lint uses: tests/serving_config/test_warmup.py)."""
    from sigcheck.validate import SHAPE_CHECK_DEFAULT
    from sigcheck.validate.core import shape_severity

    code, out, err = cli("gate", "--serving-config", serving_config, "--shape-check", "warn")
    assert code == 2 and not out
    assert shape_severity(SHAPE_CHECK_DEFAULT, rank_change=True).value == "error"
    assert "another rank than declared is an error, another size a warning" in err
    assert "shapes are warnings" not in err
