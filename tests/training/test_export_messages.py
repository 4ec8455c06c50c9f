"""What ``sigcheck export`` says when Keras cannot load a model file, and what it keeps off the user's terminal.

The Keras files are real (saved by Keras in the test's own process: a custom layer, a Lambda, a class this Keras
does not have); the CSV export is a real training run with hyphenated headers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.training.keras_errors import MAX_REASON, unknown_class, whole_reason

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r'''
import os, sys, zipfile
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"
here = sys.argv[1]
import keras

@keras.saving.register_keras_serializable(package="testpkg")
class MyScale(keras.layers.Layer):
    def call(self, x):
        return x * 2.0

inp = keras.Input((4,), name="x")
keras.Model(inp, keras.layers.Dense(2)(MyScale()(inp))).save(f"{here}/custom.keras")
keras.Sequential([keras.Input((4,)), keras.layers.Lambda(lambda t: t * 2), keras.layers.Dense(1)]).save(
    f"{here}/lambda.keras")
keras.Sequential([keras.Input((4,)), keras.layers.Dense(1)]).save(f"{here}/plain.keras")
with zipfile.ZipFile(f"{here}/plain.keras") as src, zipfile.ZipFile(f"{here}/future.keras", "w") as out:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "config.json":
            data = data.replace(b'"class_name": "Dense"', b'"class_name": "DenseV9"')
        out.writestr(item, data)
data = open(f"{here}/plain.keras", "rb").read()
open(f"{here}/truncated.keras", "wb").write(data[: len(data) // 2])
keras.saving.get_custom_objects().clear()  # the CLI runs in a Python that cannot import MyScale
from sigcheck.cli import main
for case in ("custom", "lambda", "future", "truncated"):
    sys.stderr.write(f"\n=== {case}\n")
    sys.stderr.flush()
    code = main(["export", "--from", f"{here}/{case}.keras", "--output", f"{here}/out-{case}", "--no-progress"])
    sys.stderr.write(f"\n=== exit {code}\n")
    sys.stderr.flush()
sys.stderr.write("\n=== csv\n")
sys.stderr.flush()
code = main(["export", "--data", f"{here}/census.csv", "--label", "income", "--output", f"{here}/census",
             "--epochs", "1", "--no-tensorboard", "--no-progress", "--json"])
sys.stderr.write(f"\n=== exit {code}\n")
'''


@pytest.fixture(scope="module")
def export_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, tuple[int, list[str]]]]:
    here = tmp_path_factory.mktemp("export-messages")
    rows = ["age,capital-gain,hours-per-week,marital status,income"]
    for i in range(60):
        age, hours = 20 + i % 50, 10 + (i * 7) % 50
        rows.append(f"{age},{(i % 3) * 1500},{hours},{['Married', 'Never-married'][i % 2]},"
                    f"{'>50K' if age + hours > 70 else '<=50K'}")
    (here / "census.csv").write_text("\n".join(rows) + "\n")
    env = {**os.environ, "NO_COLOR": "1", "NO_GCE_CHECK": "true"}
    env.pop("SIGCHECK_DEBUG", None)
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(here)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    cases: dict[str, tuple[int, list[str]]] = {}
    for block in proc.stderr.split("\n=== ")[1:]:
        name, _, body = block.partition("\n")
        if name.startswith("exit "):
            cases[last] = (int(name.split()[1]), cases[last][1])
        else:
            last = name
            cases[name] = (-1, [line for line in body.splitlines() if line.strip()])
    return here, proc.stdout, cases


def _error_and_hint(lines: list[str]) -> tuple[str, str]:
    errors = [line for line in lines if line.startswith("error: ")]
    hints = [line for line in lines if line.startswith("hint: ")]
    assert len(errors) == 1 and len(hints) == 1, lines
    return errors[0], hints[0]


@pytest.mark.tf
def test_unknown_custom_class_whole_reason_and_custom_layer_hint(export_run) -> None:
    here, _, cases = export_run
    code, lines = cases["custom"]
    error, hint = _error_and_hint(lines)
    assert code == 2 and "Traceback" not in "\n".join(lines)
    assert "Could not locate class 'MyScale'" in error, error
    assert error.endswith("so that the decorator is run before trying to load them.")  # whole, not cut mid-word
    assert "Full object config" not in error and "{" not in error
    assert "uses MyScale" in hint and "register_keras_serializable" in hint and "export_keras(model" in hint
    assert not (here / "out-custom").exists()


@pytest.mark.tf
def test_lambda_layer_gets_the_safe_mode_hint_not_the_custom_layer_one(export_run) -> None:
    code, lines = export_run[2]["lambda"]
    error, hint = _error_and_hint(lines)
    assert code == 2 and "`Lambda` layer" in error
    assert error.endswith("`keras.config.enable_unsafe_deserialization().")
    assert "safe_mode=False" in hint and "register_keras_serializable" not in hint


@pytest.mark.tf
def test_a_class_keras_does_not_have_is_not_called_a_custom_layer(export_run) -> None:
    code, lines = export_run[2]["future"]
    error, hint = _error_and_hint(lines)
    assert code == 2 and "'keras.layers.DenseV9'" in error
    assert "has no keras.layers.DenseV9" in hint and "register_keras_serializable" not in hint


@pytest.mark.tf
def test_a_truncated_archive_is_named_as_such(export_run) -> None:
    code, lines = export_run[2]["truncated"]
    error, hint = _error_and_hint(lines)
    assert code == 2 and "damaged .keras archive" in error and "File not found" not in error


@pytest.mark.tf
def test_hyphenated_headers_one_naming_rule_and_no_absl_warnings(export_run) -> None:
    from sigcheck.model import read_model

    here, stdout, cases = export_run
    code, lines = cases["csv"]
    assert code == 0, lines
    assert not [line for line in lines if "absl" in line or "WARNING" in line or "Sanitizing" in line], lines
    notes = [line for line in lines if line.startswith("note: input names:")]
    assert len(notes) == 1 and "'capital-gain' → capital_gain" in notes[0] and \
        "'marital status' → marital_status" in notes[0]
    inputs = read_model(str(here / "census")).signatures["serving_default"].inputs
    assert sorted(inputs) == ["age", "capital_gain", "hours_per_week", "marital_status"]
    assert json.loads(stdout)["ok"]


# --- the reason, as text (no TensorFlow) --------------------------------------------------------------------------

def test_a_long_reason_is_cut_at_a_sentence_and_says_how_much_is_left() -> None:
    sentence = "The layer could not be rebuilt from its configuration. "
    reason = whole_reason(ValueError(sentence * 40))
    assert len(reason) < MAX_REASON + 80
    kept, _, tail = reason.partition(" … (")
    assert kept.endswith("configuration.") and tail.startswith(f"{len(sentence * 40) - len(kept) - 1} more")


def test_config_dumps_are_left_out_and_the_inner_reason_is_kept() -> None:
    inner = TypeError("Could not locate class 'Foo'. Make sure it is registered. Full object config: "
                      "{'class_name': 'Foo', 'config': {'name': 'a}b', 'units': [1, 2]}}")
    outer = TypeError("<class 'Functional'> could not be deserialized properly.\n\nconfig={'module': 'x'}.\n\n"
                      f"Exception encountered: {inner}")
    outer.__cause__ = inner
    assert whole_reason(outer) == "Could not locate class 'Foo'. Make sure it is registered."
    assert unknown_class(str(outer)) == "Foo"
