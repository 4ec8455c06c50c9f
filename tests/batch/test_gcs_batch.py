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
