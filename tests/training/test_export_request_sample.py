"""``export --from``'s assets.extra/request.json is ``sigcheck sample``'s output (README, export's files table):
an input looked up in a vocabulary gets values from it, not made-up words (trial 11, finding 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.schema import model_sample

pytestmark = pytest.mark.tf

CITIES = ["paris", "rome", "oslo"]


@pytest.fixture(scope="session")
def lookup_export(tmp_path_factory: pytest.TempPathFactory):
    """A .keras model whose string input "city" goes through a StringLookup, exported with ``export --from``."""
    import keras

    from sigcheck.training import ExportOptions, export_keras

    keras.utils.set_random_seed(2)
    age = keras.Input((1,), name="age")
    city = keras.Input((1,), name="city", dtype="string")
    hot = keras.layers.StringLookup(vocabulary=CITIES, output_mode="one_hot")(city)
    joined = keras.layers.Concatenate()([age, keras.layers.Reshape((4,))(hot)])
    score = keras.layers.Dense(1, activation="sigmoid", name="score")(joined)
    path = tmp_path_factory.mktemp("keras") / "lookup.keras"
    keras.Model({"age": age, "city": city}, {"score": score}).save(path)
    base = tmp_path_factory.mktemp("models") / "lookup"
    return export_keras(str(path), ExportOptions(output=str(base), tensorboard=False))


def test_request_json_is_sample_output(lookup_export) -> None:
    body = (Path(lookup_export.location) / "assets.extra" / "request.json").read_bytes()
    info = read_model(lookup_export.location)
    assert body == model_sample(info, "serving_default").body
    instances = json.loads(body)["instances"]
    assert instances and all(row["city"][0] in CITIES for row in instances), instances
    assert lookup_export.request_ok


def test_cli_sample_writes_the_same_bytes(lookup_export, cli) -> None:
    code, out, _ = cli("sample", Path(lookup_export.location).parent)
    assert code == 0
    assert out == (Path(lookup_export.location) / "assets.extra" / "request.json").read_text()
