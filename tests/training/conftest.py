"""Session-scoped exports for the training tests: each model is trained (a few epochs, small data) once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def write_census_csv(path: Path, rows: int = 120, seed: int = 0) -> Path:
    """A small census-style CSV: numbers with gaps, an integer column, a text column with gaps, a learnable label."""
    import numpy as np

    rng = np.random.default_rng(seed)
    jobs = ["clerk", "engineer", "farmer", "nurse"]
    lines = ["age,hours,occupation,score,income"]
    for i in range(rows):
        age = float(rng.integers(18, 70)) + 0.5 * float(rng.integers(0, 2))
        hours = int(rng.integers(10, 60))
        job = jobs[int(rng.integers(0, len(jobs)))]
        rich = (age > 40) + (hours > 40) + (job == "engineer") >= 2
        score = round(age * 0.3 + hours * 0.5 + (7.0 if job == "engineer" else 0.0) + float(rng.normal(0, 0.5)), 3)
        age_text = "" if i % 17 == 5 else repr(age)
        job_text = "" if i % 13 == 7 else job
        lines.append(f"{age_text},{hours},{job_text},{score},{'>50K' if rich else '<=50K'}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="session")
def census_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_census_csv(tmp_path_factory.mktemp("data") / "census.csv")


@pytest.fixture(scope="session")
def census_table(census_csv: Path):
    from sigcheck.training import plan_table, read_csv

    return plan_table(read_csv(str(census_csv)), source=str(census_csv), label="income", ignore=["score"])


@pytest.fixture(scope="session")
def tabular_export(census_table, tmp_path_factory: pytest.TempPathFactory):
    """The census classifier, exported once (3 epochs) as version 1 of a fresh base path."""
    from sigcheck.training import ExportOptions, TrainOptions, export_table

    base = tmp_path_factory.mktemp("models") / "census"
    return export_table(census_table, TrainOptions(epochs=3, batch_size=16), ExportOptions(output=str(base)))


@pytest.fixture(scope="session")
def regression_export(census_csv: Path, tmp_path_factory: pytest.TempPathFactory):
    from sigcheck.training import ExportOptions, TrainOptions, export_table, plan_table, read_csv

    table = plan_table(read_csv(str(census_csv)), source=str(census_csv), label="score", ignore=["income"])
    base = tmp_path_factory.mktemp("models") / "score"
    return export_table(table, TrainOptions(epochs=2), ExportOptions(output=str(base), tensorboard=False))


IMAGE_SIZE = (8, 8, 3)


@pytest.fixture(scope="session")
def unnamed_image_keras(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Sequential image model saved as .keras: unnamed input, fixed batch size 1, unnamed softmax output."""
    import keras

    keras.utils.set_random_seed(1)
    model = keras.Sequential([
        keras.Input(shape=IMAGE_SIZE, batch_size=1),
        keras.layers.Conv2D(4, 3, activation="relu"),
        keras.layers.Flatten(),
        keras.layers.Dense(3, activation="softmax"),
    ])
    path = tmp_path_factory.mktemp("keras") / "unnamed.keras"
    model.save(path)
    return path


@pytest.fixture(scope="session")
def image_export(unnamed_image_keras: Path, tmp_path_factory: pytest.TempPathFactory):
    from sigcheck.training import ExportOptions, export_keras

    base = tmp_path_factory.mktemp("models") / "image"
    return export_keras(str(unnamed_image_keras), ExportOptions(output=str(base), image_bytes=True))
