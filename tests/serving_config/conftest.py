"""TF Serving base paths for the config tests: committed fixture SavedModels copied into tmp folders as versions."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest

MODELS = Path(__file__).resolve().parents[2] / "fixtures" / "models"


def copy_version(fixture: str, base: Path, version: int | str) -> Path:
    """``fixtures/models/<fixture>/1`` copied to ``<base>/<version>``."""
    dest = base / str(version)
    shutil.copytree(MODELS / fixture / "1", dest)
    return dest


@pytest.fixture
def base_path(tmp_path: Path) -> Callable[..., Path]:
    """``base_path("keras_tabular", 1, 2, name="tab")`` → a base path holding those versions of that fixture."""

    def make(fixture: str, *versions: int | str, name: str | None = None) -> Path:
        base = tmp_path / "models" / (name or fixture)
        base.mkdir(parents=True, exist_ok=True)
        for v in versions or (1,):
            copy_version(fixture, base, v)
        return base

    return make


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """``write("models.config", text)`` → the path of a file holding ``text``."""

    def make(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text)
        return path

    return make


def model_entry(name: str, base: Path | str, extra: str = "", platform: str = "tensorflow") -> str:
    plat = f'    model_platform: "{platform}"\n' if platform else ""
    return f'  config {{\n    name: "{name}"\n    base_path: "{base}"\n{plat}{extra}  }}\n'


def config_text(*entries: str) -> str:
    return "model_config_list {\n" + "".join(entries) + "}\n"


@pytest.fixture(scope="session")
def variable_length_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real SavedModel (TensorFlow, once per session) whose input has a variable non-batch dimension:
    ``tokens`` DT_INT64 (-1, -1) → ``total`` DT_INT64 (-1,).  Returns the version folder (``.../1``)."""
    import tensorflow as tf

    class Summer(tf.Module):
        @tf.function(input_signature=[tf.TensorSpec([None, None], tf.int64, name="tokens")])
        def serve(self, tokens):
            return {"total": tf.reduce_sum(tokens, axis=1)}

    out = tmp_path_factory.mktemp("varlen") / "1"
    module = Summer()
    tf.saved_model.save(module, str(out), signatures={"serving_default": module.serve})
    return out
