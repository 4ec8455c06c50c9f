"""gs:// inputs (a glob and a plain object, JSON Lines and TFRecord) streamed, and the dead letter written to gs://,
against fake-gcs-server."""

from __future__ import annotations

import json

import pytest

from sigcheck.batch import run_batch
from sigcheck.codec.tfrecord import frame

from . import wire
from .conftest import jsonl_text

pytestmark = pytest.mark.gcs


@pytest.fixture(autouse=True)
def fresh_clients():
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    yield
    GcsBackend._defaults.clear()


def test_gs_inputs_and_dead_letter(gcs_emulator, tabular, example_model, tmp_path):
    bucket = gcs_emulator.new_bucket()
    b = gcs_emulator.client.bucket(bucket)
    text = jsonl_text()
    b.blob("in/part-0.jsonl").upload_from_string(text)
    b.blob("in/part-1.jsonl").upload_from_string(text)
    b.blob("in/other.csv").upload_from_string("a,b\n")
    local = tmp_path / "part.jsonl"
    local.write_text(text)

    remote = run_batch([f"gs://{bucket}/in/part-*.jsonl"], tabular, workers=2,
                       dead_letter=f"gs://{bucket}/out/dead.jsonl")
    alone = run_batch([str(local)], tabular, workers=1)
    assert remote.records == 2 * alone.records and remote.bad_records == 2 * alone.bad_records
    dead = b.blob("out/dead.jsonl").download_as_bytes().decode().splitlines()
    assert len(dead) == remote.bad_records
    first = json.loads(dead[0])
    assert first["location"] == f"gs://{bucket}/in/part-0.jsonl:7"
    assert json.loads(dead[-1])["location"].startswith(f"gs://{bucket}/in/part-1.jsonl:")
    assert gcs_emulator.names(bucket, "out/") == ["out/dead.jsonl"]

    records = [wire.example(wire.good(i)) for i in range(4)] + [b"\xff\xff"]
    b.blob("ex/data.tfrecord").upload_from_string(b"".join(frame(r) for r in records))
    result = run_batch([f"gs://{bucket}/ex/data.tfrecord"], example_model, workers=1)
    assert (result.records, result.bad_records) == (5, 1)

    from sigcheck.errors import InputError, StorageError

    with pytest.raises(InputError, match="no object matches"):
        run_batch([f"gs://{bucket}/in/*.nothing"], tabular, workers=1)
    with pytest.raises(StorageError):
        run_batch([f"gs://{bucket}/in/missing.jsonl"], tabular, workers=1)


def test_open_read_streams_in_chunks(gcs_emulator):
    from sigcheck.storage.gcs import GcsBackend

    bucket = gcs_emulator.new_bucket()
    data = bytes(range(256)) * 4000  # ~1 MB
    gcs_emulator.client.bucket(bucket).blob("o.bin").upload_from_string(data)
    with GcsBackend.default().open_read(f"gs://{bucket}/o.bin", chunk_size=256 * 1024) as fh:
        parts = []
        while True:
            block = fh.read(100_000)
            if not block:
                break
            parts.append(block)
    assert b"".join(parts) == data and len(parts) > 5


def test_gs_dead_letter_refused_before_anything_is_read(gcs_emulator, cli, monkeypatch, fixture_model, tabular,
                                                        tmp_path):
    """u3 F12: a gs:// --dead-letter in a bucket that does not exist, or naming a folder, is refused before the model
    or any record is read (it was refused by the upload after the whole input was checked, the result lost), with
    storage's missing-bucket error and check_output's folder words; run_batch refuses it before any record too."""
    import sigcheck.batch.runner as runner_mod
    import sigcheck.model as model_mod

    bucket = gcs_emulator.new_bucket()
    gcs_emulator.client.bucket(bucket).blob("out/old.jsonl").upload_from_string("{}\n")
    path = tmp_path / "x.jsonl"
    path.write_text(jsonl_text())
    model = fixture_model("keras_tabular")

    def no_read(*a, **k):
        raise AssertionError("read before the dead letter was checked")

    with monkeypatch.context() as m:
        m.setattr(model_mod, "read_model", no_read)
        code, out, err = cli("batch", path, "--model", model, "--dead-letter", "gs://no-such-bkt-x11/bad.jsonl")
        assert code == 2 and err.startswith("error: gs://no-such-bkt-x11/bad.jsonl: bucket no-such-bkt-x11 does "
                                            "not exist\n"), err
        for folder in (f"gs://{bucket}", f"gs://{bucket}/", f"gs://{bucket}/out", f"gs://{bucket}/new/"):
            code, out, err = cli("batch", path, "--model", model, "--dead-letter", folder)
            assert code == 2 and err.startswith(f"error: {folder}: is a folder, expected a file\n"), err
    from sigcheck.errors import StorageError

    with monkeypatch.context() as m:
        m.setattr(runner_mod, "check_unit", no_read)
        with pytest.raises(StorageError, match="bucket no-such-bkt-x11 does not exist"):
            run_batch([str(path)], tabular, workers=1, dead_letter="gs://no-such-bkt-x11/bad.jsonl")
    code, out, err = cli("batch", path, "--model", model, "--dead-letter", f"gs://{bucket}/out/new.jsonl")
    assert code == 1 and gcs_emulator.names(bucket, "out/") == ["out/new.jsonl", "out/old.jsonl"]
