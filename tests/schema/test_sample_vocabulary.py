"""sample draws string (and integer) inputs looked up in a table from the table's vocabulary (issue 18): Keras 3
StringLookup/IntegerLookup exported with model.export (keys as graph constants) and a tf.lookup table filled from
a vocabulary asset file (InitializeTableFromTextFileV2).  Both models are built once per session."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.model.feeds import input_uses, input_vocabularies, vocabularies
from sigcheck.schema import build_sample
from sigcheck.validate import validate_request

pytestmark = pytest.mark.tf

OCCUPATIONS = ["Tech-support", "Craft-repair", "Sales", "Exec-managerial"]
COLORS = ["red", "green", "blue"]
ZIPS = [94110, 10001, 60601]
WORKCLASSES = ["Private", "Self-emp-not-inc", "Federal-gov", "State-gov"]

BUILD = textwrap.dedent('''
    import os, sys
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    import keras, tensorflow as tf
    out = sys.argv[1]
    occ = keras.Input(shape=(1,), dtype="string", name="occupation")
    color = keras.Input(shape=(1,), dtype="string", name="color")
    zip_ = keras.Input(shape=(1,), dtype="int64", name="zip")
    age = keras.Input(shape=(1,), dtype="float32", name="age")
    parts = [keras.layers.Flatten()(keras.layers.StringLookup(vocabulary=%(occ)r, output_mode="one_hot")(occ)),
             keras.layers.Flatten()(keras.layers.StringLookup(vocabulary=%(colors)r, output_mode="one_hot")(color)),
             keras.layers.Flatten()(keras.layers.IntegerLookup(vocabulary=%(zips)r, output_mode="one_hot")(zip_)),
             age]
    probs = keras.layers.Dense(2, activation="softmax", name="probs")(keras.layers.Concatenate()(parts))
    keras.Model({"occupation": occ, "color": color, "zip": zip_, "age": age}, probs).export(
        os.path.join(out, "keras_lookup", "1"), verbose=False)

    vocab = os.path.join(out, "workclass.txt")
    with open(vocab, "w") as fh:
        fh.write("\\n".join(%(work)r) + "\\n")

    class M(tf.Module):
        def __init__(self):
            init = tf.lookup.TextFileInitializer(vocab, tf.string, tf.lookup.TextFileIndex.WHOLE_LINE,
                                                 tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER)
            self.table = tf.lookup.StaticHashTable(init, -1)

        @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="workclass"),
                                      tf.TensorSpec([None], tf.string, name="note")])
        def serve(self, workclass, note):
            return {"index": self.table.lookup(workclass), "length": tf.strings.length(note)}

    m = M()
    tf.saved_model.save(m, os.path.join(out, "module_asset", "1"), signatures={"serving_default": m.serve})
''') % {"occ": OCCUPATIONS, "colors": COLORS, "zips": ZIPS, "work": WORKCLASSES}


@pytest.fixture(scope="session")
def lookup_models(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("lookup_models")
    subprocess.run([sys.executable, "-c", BUILD, str(out)], check=True, capture_output=True, timeout=300)
    (out / "workclass.txt").unlink()  # the model keeps its own copy in assets/
    return out


def test_keras_lookup_vocabularies_are_found_per_input(lookup_models: Path) -> None:
    info = read_model(str(lookup_models / "keras_lookup"))
    found = input_vocabularies(info, "serving_default")
    assert set(found) == {"occupation", "color", "zip"}  # age is looked up nowhere
    assert list(found["occupation"].values) == OCCUPATIONS and found["occupation"].source == "graph constant"
    assert list(found["color"].values) == COLORS and list(found["zip"].values) == ZIPS
    assert len(vocabularies(info)) == 3 and input_uses(info, "serving_default")["age"].tables == []


def test_sample_draws_from_the_vocabulary_and_validates(lookup_models: Path, cli) -> None:
    model = lookup_models / "keras_lookup"
    code, out, err = cli("sample", model, "--batch", "20")
    assert code == 0
    instances = json.loads(out)["instances"]
    assert {i["occupation"][0] for i in instances} <= set(OCCUPATIONS)
    assert len({i["occupation"][0] for i in instances}) > 1
    assert {i["color"][0] for i in instances} <= set(COLORS) and {i["zip"][0] for i in instances} <= set(ZIPS)
    notes = [ln for ln in err.splitlines() if ln.startswith("note: ")]
    assert 'note: input "occupation" is looked up in a vocabulary of 4 values (graph constant): its values are ' \
           'drawn from it ("Tech-support", "Craft-repair", "Sales", "Exec-managerial"), not made up' in notes
    assert len(notes) == 3
    assert validate_request(out.encode(), read_model(str(model))).ok
    code, again, _ = cli("sample", model, "--batch", "20")
    assert again == out  # deterministic


def test_vocabulary_asset_file(lookup_models: Path) -> None:
    info = read_model(str(lookup_models / "module_asset"))
    found = input_vocabularies(info, "serving_default")
    assert set(found) == {"workclass"}  # "note" feeds no table
    assert list(found["workclass"].values) == WORKCLASSES
    assert found["workclass"].source == "asset file workclass.txt"
    sample = build_sample(info.signatures["serving_default"], batch=8, vocabularies=found)
    values = json.loads(sample.body)["instances"]
    assert {v["workclass"] for v in values} <= set(WORKCLASSES)
    assert any("asset file workclass.txt" in n for n in sample.notes)


def test_no_vocabulary_keeps_the_words(fixture_model) -> None:
    info = read_model(str(fixture_model("keras_tabular")))
    assert input_vocabularies(info, "serving_default") == {}
    sample = build_sample(info.signatures["serving_default"], vocabularies={})
    assert not any("vocabulary" in n for n in sample.notes)
