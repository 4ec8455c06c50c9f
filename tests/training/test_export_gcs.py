"""Export to gs:// (fake-gcs-server): the version and its TensorBoard events are uploaded; TF never sees gs://."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.tf, pytest.mark.gcs]


@pytest.fixture
def fresh_gcs_clients():
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    yield
    GcsBackend._defaults.clear()


def test_export_to_gs_uploads_version_files_and_logs(gcs_emulator, fresh_gcs_clients, census_table) -> None:
    from sigcheck.model import read_model
    from sigcheck.training import ExportOptions, TrainOptions, export_table

    bucket = gcs_emulator.new_bucket()
    base = f"gs://{bucket}/models/census"
    result = export_table(census_table, TrainOptions(epochs=1), ExportOptions(output=base))
    assert (result.location, result.logdir) == (f"{base}/1", f"{base}/logs/1")
    names = gcs_emulator.names(bucket, "models/census/")
    assert {"models/census/1/saved_model.pb", "models/census/1/assets.extra/signature.json",
            "models/census/1/assets.extra/request.json", "models/census/1/assets.extra/gate.json"} <= set(names)
    assert any(n.startswith("models/census/logs/1/train/events.out.tfevents.") for n in names)
    assert any(n.startswith("models/census/logs/1/validation/events.out.tfevents.") for n in names)
    assert not [n for n in names if ".sigcheck-export-" in n]
    info = read_model(base)
    assert info.version == 1 and sorted(info.signatures["serving_default"].inputs) == ["age", "hours", "occupation"]
    second = export_table(census_table, TrainOptions(epochs=1), ExportOptions(output=base, tensorboard=False))
    assert second.location == f"{base}/2"
