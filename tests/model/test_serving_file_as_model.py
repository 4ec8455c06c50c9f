"""u3 F8: one of TF Serving's own files given as MODEL (a model config, a batching parameters or monitoring config
file, a warm-up file) is named, with a hint toward the gate's flag that reads it; any other file keeps the plain
"is a file" error. Exit 2, one line, as every model-reading command answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sigcheck.errors import ModelError
from sigcheck.model import read_model

MODEL_CONFIG = """# served by the fleet
model_config_list {
  config { name: "tab" base_path: "/models/tab" model_platform: "tensorflow" }
}
"""
FILES = {
    "models.config": (MODEL_CONFIG, "model config file", "sigcheck gate --serving-config {}"),
    "typo.config": (MODEL_CONFIG.replace("model_platform", "model_platfrom"), "model config file",
                    "sigcheck gate --serving-config {}"),
    "batching.config": ("max_batch_size { value: 32 }\nbatch_timeout_micros { value: 1000 }\n",
                        "batching parameters file", "--batching-parameters {}"),
    "monitoring.config": ('prometheus_config { enable: true path: "/metrics" }\n', "monitoring config file",
                          "--monitoring-config {}"),
    "tf_serving_warmup_requests": ("\x00\x01", "warm-up file", "sigcheck gate BASE_PATH"),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_serving_files_are_named_with_the_gate_flag(tmp_path: Path, name: str) -> None:
    text, what, flag = FILES[name]
    f = tmp_path / name
    f.write_text(text)
    with pytest.raises(ModelError) as exc:
        read_model(str(f))
    assert f"this is a TF Serving {what}" in str(exc.value)
    assert flag.format(f) in exc.value.hint


@pytest.mark.parametrize("text", ["", "hello world\n", "# only a comment\n", "name: 3\n", "\xff" * 10])
def test_other_files_are_just_files(tmp_path: Path, text: str) -> None:
    f = tmp_path / "notes.txt"
    f.write_text(text)
    with pytest.raises(ModelError) as exc:
        read_model(str(f))
    assert "is a file, not a SavedModel folder" in str(exc.value)


def test_cli_exit_2_with_hint(cli, tmp_path: Path) -> None:
    f = tmp_path / "models.config"
    f.write_text(MODEL_CONFIG)
    for args in (["gate", f], ["inspect", f], ["validate", "-", "--model", f]):
        code, _, err = cli(*args)
        assert code == 2, err
        assert f"hint: gate every model it serves: `sigcheck gate --serving-config {f}`" in err, err
