"""sigcheck's own model-reading errors for explain's message index (#15): what ``sigcheck inspect / validate / gate``
print when the path they are given holds no SavedModel, read from ``sigcheck/model/reader.py`` of this checkout.

A user pastes sigcheck's own error into ``sigcheck explain`` as readily as TF Serving's; each of these messages says
its cause (an empty or incomplete highest version folder, a Keras / TFLite file or a checkpoint where a SavedModel
was expected, a path that is not there, a folder at the wrong level) and is read as TF Serving's equivalent is.  The
rows quote the message pieces; a piece that is no longer in reader.py (a reworded message) stops the build.

    python scripts/explain_index_sigcheck.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import entry, examples_match, template_pattern  # noqa: E402

WHO = "explain_index_sigcheck"
READER = Path(__file__).resolve().parents[1] / "sigcheck" / "model" / "reader.py"
SOURCE = "sigcheck/model/reader.py (sigcheck's own model reader: inspect, validate, gate, predict)"

EMPTY_FIX = ("Finish copying the SavedModel (saved_model.pb and variables/) into the highest version folder, or remove "
             "that folder: TF Serving (and sigcheck) load the highest numbered version of a base path")
KERAS_FIX = ("Export a SavedModel from the Keras file (sigcheck export --from MODEL.keras, or model.export(DIR) in "
             "Keras 3 / tf.saved_model.save in Keras 2) and point the server at its base path")

ROWS: list[tuple[list[tuple[str, str]], str, str, str | None, str]] = [
    # (pieces, category, meaning, fix, example)
    ([("lit", ": version folder "), ("var", "version"), ("lit", " (the highest under "), ("var", "path"),
      ("lit", ") is empty: expected saved_model.pb and variables/")],
     "savedmodel_not_found", "the highest version folder of the base path is empty: the server loads that version and "
     "finds no SavedModel in it (a copy not finished, or made into the watched folder)", EMPTY_FIX,
     "Error: models/m/2: version folder 2 (the highest under models/m) is empty: expected saved_model.pb and "
     "variables/"),
    ([("lit", ": version folder "), ("var", "version"), ("lit", " (the highest under "), ("var", "path"),
      ("lit", ") has no saved_model.pb (found: ")],
     "savedmodel_not_found", "the highest version folder of the base path holds files but no saved_model.pb: an "
     "incomplete copy, or the SavedModel one folder further down",
     "Copy the complete SavedModel into the highest version folder (saved_model.pb at its top, variables/ beside it); "
     "if it sits one folder further down, move it up",
     "error: models/m/3: version folder 3 (the highest under models/m) has no saved_model.pb (found: export)"),
    ([("var", "path"), ("lit", ": no such file or folder")],
     "savedmodel_not_found", "the model path does not exist where sigcheck runs", None,
     "error: /models/resnet/1: no such file or folder"),
    ([("var", "location"), ("lit", ": is a file, not a SavedModel folder; ")],
     "savedmodel_not_found", "a file was given where a SavedModel folder is expected (an archive not unpacked, a "
     "saved_model.pb alone, a .pb graph)",
     "Unpack an archive (.zip / .tar.gz) and point at the folder that directly holds saved_model.pb and variables/ "
     "(or at its base path); a saved_model.pb alone is not a SavedModel",
     "error: img_model.zip: is a file, not a SavedModel folder; expected a SavedModel folder (saved_model.pb + "
     "variables/)"),
    ([("var", "path"), ("lit", ": folder is empty; ")],
     "savedmodel_not_found", "the folder given as the model is empty", None,
     "error: export/: folder is empty; expected a SavedModel folder (saved_model.pb + variables/)"),
    ([("var", "path"), ("lit", ": "), ("var", "name"), ("lit", " holds a SavedModel, but "), ("var", "name2"),
      ("lit", " is no version number: TF Serving loads only version folders named by an integer")],
     "model_base_path_layout", "the base path's SavedModel sits in a folder named like a version that is no integer "
     "(v1, version_2, 1.0): TF Serving reads only integer version folders and finds none",
     "Rename the version folder to an integer (v1 → 1): <base>/1/saved_model.pb, and point the server at <base>",
     "error: tfs_base/tab: v1 holds a SavedModel, but v1 is no version number: TF Serving loads only version folders "
     "named by an integer (<base>/1/saved_model.pb) and finds no version here; expected a SavedModel folder"),
    ([("var", "path"), ("lit", ": no saved_model.pb and no numeric version folders here")],
     "model_base_path_layout", "the folder is neither a SavedModel (no saved_model.pb) nor a base path (no numbered "
     "version folders: TF Serving's --model_base_path layout, <base>/<integer>/saved_model.pb): the model is at "
     "another level of the tree, or its version folder is not a number",
     "Point at the folder that directly holds saved_model.pb, or at its parent base path whose children are numbered "
     "version folders (the sub-folders the message lists show where the model went)",
     "error: out: no saved_model.pb and no numeric version folders here (sub-folders: export); expected a SavedModel"),
    ([("lit", " a Keras model file (.keras/.h5)"), ("lit", ", not a SavedModel")],
     "savedmodel_not_found", "a Keras model file was given where a SavedModel folder is expected: servers load "
     "SavedModels", KERAS_FIX,
     "error: models/img.keras: this file is a Keras model file (.keras/.h5), not a SavedModel; export it with "
     "`sigcheck export --from MODEL.keras` or model.export(DIR)"),
    ([("lit", " a TFLite model (.tflite)"), ("lit", ", not a SavedModel"), ("lit", "; "),
      ("lit", "TF Serving serves SavedModels")],
     "savedmodel_not_found", "a TFLite model was given where a SavedModel folder is expected: TF Serving and Vertex's "
     "TensorFlow containers serve SavedModels, not .tflite files",
     "Serve the SavedModel the .tflite was converted from (a TFLite model runs in a TFLite interpreter, not in TF "
     "Serving)", "error: m/: this folder holds a TFLite model (.tflite), not a SavedModel; TF Serving serves "
     "SavedModels"),
    ([("lit", " a TensorFlow checkpoint"), ("lit", ", not a SavedModel")],
     "savedmodel_not_found", "a training checkpoint was given where a SavedModel folder is expected: a checkpoint "
     "holds variables but no graph or signatures to serve",
     "Restore the checkpoint into the model in Python and export a SavedModel from it (model.export(DIR) or "
     "tf.saved_model.save(model, DIR)); serve that folder",
     "error: ckpt/: this folder holds a TensorFlow checkpoint, not a SavedModel"),
    ([("lit", ": this is "), ("lit", "a legacy SessionBundle export (export.meta)"), ("lit", ", not a SavedModel"),
      ("lit", "; "), ("lit", "TF Serving dropped SessionBundle support")],
     "runtime_version_mismatch", "the model is in SessionBundle format (TF 0.x / early 1.x exporters), which current "
     "TF Serving no longer loads",
     "Re-export the model as a SavedModel (load the graph and checkpoint in TensorFlow 1.x and save with "
     "tf.compat.v1.saved_model.Builder, or rebuild it in TensorFlow 2 and model.export)",
     "error: old/1: this is a legacy SessionBundle export (export.meta), not a SavedModel; TF Serving dropped "
     "SessionBundle support"),
]


def _template(pieces: list[tuple[str, str]]) -> str:
    return "".join(text if kind == "lit" else "{" + text + "}" for kind, text in pieces)


def literals(path: Path = READER) -> list[str]:
    """The string literals of a Python file as the program writes them: implicit concatenations joined (the parser
    does that), an f-string's replacement fields as NUL."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            out.append("".join(v.value if isinstance(v, ast.Constant) else "\0" for v in node.values))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append(node.value)
    return out


PACKAGE = READER.parents[1]


def finding_categories(root: Path = PACKAGE) -> dict[str, str]:
    """sigcheck's own finding codes whose Diagnostic names its category in the source (``code="files.variables_not_
    restored", category="variables_not_restored"``): the gate's and predict's rules, read from the package's files."""
    found: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                kw = {k.arg: k.value for k in node.keywords if k.arg}
                code, category = kw.get("code"), kw.get("category")
                if isinstance(code, ast.Constant) and isinstance(category, ast.Constant) and \
                        isinstance(code.value, str) and isinstance(category.value, str):
                    found.setdefault(code.value, set()).add(category.value)
    return {code: cats.pop() for code, cats in found.items() if len(cats) == 1}


def finding_entries() -> list[dict]:
    """One entry a finding code: sigcheck's human view prints ``error CODE at $.PATH`` (or ``warning …``) above the
    finding's message and fix; the code's category is the one its Diagnostic carries."""
    out = []
    for code, category in sorted(finding_categories().items()):
        e = entry(f"error {code} at {{path}}", r"\b(?:error|warning) " + re.escape(code) + r" at \$", "sigcheck "
                  f"{code} (a finding of sigcheck's own gate / predict: its Diagnostic's category, read from the "
                  "package's sources)", f"sigcheck's own check {code} failed", category)
        out.append(e | {"example": f"error {code} at $.files"})
    return out


def entries() -> list[dict]:
    texts = literals()
    out = finding_entries()
    for pieces, category, meaning, fix, example in ROWS:
        for kind, text in pieces:
            if kind == "lit" and not any(text.strip() in t for t in texts):
                raise SystemExit(f"{WHO}: {text.strip()!r} is not in {READER}")
        out.append(entry(_template(pieces), template_pattern(pieces), SOURCE, meaning, category, fix=fix)
                   | {"example": example})
    return examples_match(out, WHO)


if __name__ == "__main__":
    import json

    print(json.dumps(entries(), indent=1, ensure_ascii=False))
