"""u3 F20: a version folder that holds another format (TFLite, a legacy SessionBundle export, ...) is named the way
``inspect`` names it, by one reading (:func:`sigcheck.model.reader.non_model_kind`), in the gate's ``files.version``
finding too: no copy ever ends in a ``saved_model.pb`` there, so "a copy still in progress … finish copying" is
false. A real half-copied folder (``variables/`` only) keeps that wording."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sigcheck.errors import ModelError
from sigcheck.gate.versions import IncompleteVersion, read_gate_model
from sigcheck.model import read_model
from sigcheck.model.reader import non_model_kind

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular" / "1"

FORMATS = {
    "tflite": ({"model.tflite": b"\x1c\x00\x00\x00TFL3"}, "a TFLite model (.tflite)"),
    "session_bundle": ({"export.meta": b"", "export-00000-of-00001": b""},
                       "a legacy SessionBundle export (export.meta)"),
    "keras": ({"model.keras": b"PK"}, "a Keras model file (.keras/.h5)"),
}


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("with_v1", [False, True])
def test_gate_names_the_format_inspect_names(tmp_path: Path, name: str, with_v1: bool) -> None:
    files, what = FORMATS[name]
    base = tmp_path / "m"
    if with_v1:
        shutil.copytree(TABULAR, base / "1")
    v = base / "2"
    v.mkdir(parents=True)
    for f, data in files.items():
        (v / f).write_bytes(data)
    assert non_model_kind(set(files)).what == what
    if not with_v1:
        with pytest.raises(ModelError) as exc:  # inspect's reading of the same folder
            read_model(str(base))
        assert what in str(exc.value)
    got = read_gate_model(str(base))
    assert isinstance(got, IncompleteVersion)
    d = got.finding
    assert d.code == "files.version_incomplete"
    assert f"holds {what}, not a SavedModel" in d.message
    assert "copy still in progress" not in d.message
    assert "finish copying" not in d.hint
    assert d.hint.startswith(non_model_kind(set(files)).fix)
    assert d.hint.endswith("to keep serving version 1") == with_v1


def test_half_copied_folder_is_still_a_copy_in_progress(tmp_path: Path) -> None:
    base = tmp_path / "m"
    shutil.copytree(TABULAR / "variables", base / "1" / "variables")
    d = read_gate_model(str(base)).finding
    assert "a copy still in progress" in d.message and d.hint.startswith("finish copying version 1")
