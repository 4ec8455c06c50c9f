"""sigcheck's own model-reading errors in explain's index (scripts/explain_index_sigcheck.py): the messages
sigcheck.model.reader raises on real folders are read to their cause, as TF Serving's equivalents are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sigcheck.errors import ModelError
from sigcheck.explain import explain_text
from sigcheck.model.reader import read_model

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import explain_index_sigcheck as mod  # noqa: E402


def _error(path: Path) -> str:
    """What the CLI prints for a model path reader.py refuses (``error: MESSAGE`` then ``hint: …``)."""
    with pytest.raises(ModelError) as err:
        read_model(str(path))
    return f"error: {err.value}\nhint: {err.value.hint}\n" if err.value.hint else f"error: {err.value}\n"


def _empty_version(tmp: Path) -> Path:
    (tmp / "m" / "1").mkdir(parents=True)
    return tmp / "m"


def _no_pb_version(tmp: Path) -> Path:
    (tmp / "m" / "3" / "export").mkdir(parents=True)
    return tmp / "m"


def _keras_file(tmp: Path) -> Path:
    (tmp / "model.keras").write_bytes(b"PK\x03\x04not really a zip")
    return tmp / "model.keras"


def _keras_in_folder(tmp: Path) -> Path:
    (tmp / "d").mkdir()
    (tmp / "d" / "model.h5").write_bytes(b"\x89HDF\r\n\x1a\n")
    return tmp / "d"


def _tflite_in_folder(tmp: Path) -> Path:
    (tmp / "d").mkdir()
    (tmp / "d" / "m.tflite").write_bytes(b"\x1c\x00\x00\x00TFL3")
    return tmp / "d"


def _checkpoint(tmp: Path) -> Path:
    (tmp / "ckpt").mkdir()
    (tmp / "ckpt" / "checkpoint").write_text('model_checkpoint_path: "model.ckpt-600"\n')
    (tmp / "ckpt" / "model.ckpt-600.index").write_bytes(b"\x00")
    return tmp / "ckpt"


def _missing(tmp: Path) -> Path:
    return tmp / "nope" / "1"


def _empty_folder(tmp: Path) -> Path:
    (tmp / "e").mkdir()
    return tmp / "e"


def _wrong_level(tmp: Path) -> Path:
    (tmp / "out" / "export").mkdir(parents=True)
    return tmp / "out"


def _session_bundle(tmp: Path) -> Path:
    (tmp / "old").mkdir()
    (tmp / "old" / "export.meta").write_bytes(b"\x00")
    return tmp / "old"


@pytest.mark.parametrize("make, category, words", [
    (_empty_version, "savedmodel_not_found", "highest version folder"),
    (_no_pb_version, "savedmodel_not_found", "complete SavedModel"),
    (_keras_file, "savedmodel_not_found", "Export a SavedModel from the Keras file"),
    (_keras_in_folder, "savedmodel_not_found", "Export a SavedModel from the Keras file"),
    (_tflite_in_folder, "savedmodel_not_found", "TFLite interpreter"),
    (_checkpoint, "savedmodel_not_found", "Restore the checkpoint"),
    (_missing, "savedmodel_not_found", ""),
    (_empty_folder, "savedmodel_not_found", ""),
    (_wrong_level, "model_base_path_layout", "directly holds saved_model.pb"),  # as TF Serving's "No versions"
    (_session_bundle, "runtime_version_mismatch", "SavedModel"),
])
def test_sigchecks_own_model_errors_read_to_their_cause(tmp_path: Path, make, category: str, words: str) -> None:
    text = _error(make(tmp_path))
    best = explain_text(text)[0]
    assert best.category == category, (text, best.category)
    assert best.confidence >= 0.8 and "read from the stage only" not in best.title
    assert words in " ".join(best.steps)


def test_every_row_quotes_reader_py_and_a_reworded_message_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = mod.entries()
    assert len(entries) == len(mod.ROWS) + len(mod.finding_categories()) and all(e["category"] for e in entries)
    monkeypatch.setattr(mod, "literals", lambda path=mod.READER: ["something else entirely"])
    with pytest.raises(SystemExit, match="is not in"):
        mod.entries()


def test_a_finding_code_reads_as_the_category_its_diagnostic_carries() -> None:
    """sigcheck's human view prints ``error CODE at $.PATH``; the code's category is read from the package's own
    Diagnostic(code=…, category=…) calls, so a pasted gate report is read as its finding says."""
    codes = mod.finding_categories()
    assert codes["files.variables_not_restored"] == "variables_not_restored"
    assert codes["signature.scalar_input"] == "scalar_input"
    text = ("gate: cp/trunc version 1 (its only version)\nerror files.variables_not_restored at $.files.variables\n"
            "  variables/variables.data-00000-of-00001 is cut short: 200 bytes, but variables.index places variables up "
            "to byte 1978: TensorFlow's restore reads past its end, so loading the model fails\n"
            "failed checks: files.variables")
    assert explain_text(text)[0].category == "variables_not_restored"


def test_a_file_given_for_a_savedmodel_folder() -> None:
    text = ("error: img_model.zip: is a file, not a SavedModel folder; expected a SavedModel folder (saved_model.pb + "
            "variables/), a TF Serving base path with numeric version folders, or a sigcheck.signatures/v1 JSON "
            "contract")
    d = explain_text(text)[0]
    assert d.category == "savedmodel_not_found" and "Unpack" in d.steps[0]
