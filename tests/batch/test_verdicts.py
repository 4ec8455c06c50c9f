"""What ``sigcheck batch`` concludes: no records is bad input (exit 2), a device is said to be one, --shape-check as
validate's (another rank than declared is a bad record by default), batch.size only over instances that exist, the
gate counting records (not findings), local paths in a file list, --beam-option without --runner beam."""

from __future__ import annotations

import json

import pytest

from sigcheck.batch import run_batch
from sigcheck.errors import InputError
from sigcheck.gate.runner import run_gate

from .conftest import PNG_1x1, good_line

MIXED = [good_line(1),
         '{"age": [[30.0]], "hours": [40], "occupation": ["x"]}',   # 2: an extra level: another rank
         '{"age": 30.0, "hours": [40], "occupation": ["x"]}',       # 3: a bare value: another rank
         '{"age": [30.0, 31.0], "hours": [40], "occupation": ["x"]}',  # 4: same rank, another size
         good_line(5)]


@pytest.fixture
def mixed(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(MIXED) + "\n")
    return path


def test_no_records_is_exit_2(cli, fixture_model, tmp_path):
    model = fixture_model("keras_tabular")
    empty, blank, header = tmp_path / "empty.jsonl", tmp_path / "blank.jsonl", tmp_path / "header.csv"
    empty.write_text("")
    blank.write_text("\n  \n\n")
    header.write_text("age,hours,occupation\n")
    for given in ([empty], [blank], [empty, blank], [header]):
        dead = tmp_path / "dead.jsonl"
        code, out, err = cli("batch", *given, "--model", model, "--dead-letter", dead, "--instance-type", "object"
                             if given == [header] else "array", "--workers", "1")
        assert code == 2 and err.startswith(f"error: no records in {given[0]}") and "hint: " in err, err
        assert not dead.exists() and out == ""
        # u3 F17.2: a CSV holding its header is not called "empty": its line 1 is a header, no record
        assert ("it holds only its header line" in err) == (given == [header]) and ("CSV" in err) == (header in given)
    code, out, _ = cli("batch", empty, "--model", model, "--json")
    assert code == 2 and "no records" in json.loads(out)["error"]["message"]
    code, out, err = cli("batch", empty, header, "--model", model)
    assert code == 2 and "they are empty, blank lines only or a CSV header line alone" in err, err
    blank_csv = tmp_path / "blank.csv"
    blank_csv.write_bytes(b"\xef\xbb\xbf\r\n\n")  # (a BOM and blank lines: no header either)
    code, out, err = cli("batch", blank_csv, "--model", model)
    assert code == 2 and f"no records in {blank_csv}: it is empty or blank lines only;" in err, err


def test_a_device_is_said_to_be_one(cli, fixture_model):
    code, _, err = cli("batch", "/dev/zero", "--model", fixture_model("keras_tabular"), "--input-format", "jsonl")
    assert code == 2 and err.startswith("error: /dev/zero: is a device, not a regular file"), err
    assert "no such file" not in err


def test_shape_check_as_validate(cli, fixture_model, tabular, mixed):
    by = {s: run_batch([str(mixed)], tabular, workers=1, shape_check=s) for s in ("rank", "error", "warn", "off")}
    assert by["rank"].bad_records == 2  # lines 2 and 3 (another rank); line 4 is a warning
    assert run_batch([str(mixed)], tabular, workers=1).to_json()["bad_records"] == 2  # rank is the default
    assert by["error"].bad_records == 3 and by["warn"].bad_records == 0 and by["off"].bad_records == 0
    assert by["warn"].tally.counts["request.shape"] == 3 and "request.shape" not in by["off"].tally.counts
    for s in ("rank", "error", "warn", "off"):
        code, out, err = cli("batch", mixed, "--model", fixture_model("keras_tabular"), "--shape-check", s,
                             "--workers", "1", "--json")
        # whatever the per-record verdict, records of several shapes fail together (batch.shapes) — under error,
        # every record of another shape is bad already and the rest agree
        assert code == 1 and json.loads(out)["bad_records"] == by[s].bad_records, err
        assert json.loads(out)["findings"].get("batch.shapes") == (None if s == "error" else 1)
    code, _, err = cli("batch", mixed, "--model", fixture_model("keras_tabular"), "--shape-check", "strict")
    assert code == 2 and "unknown --shape-check 'strict'" in err and "error, rank, warn, off" in err
    # the one option: the same help in batch and validate
    _, out_b, _ = cli("batch", "--help")
    _, out_v, _ = cli("validate", "--help")
    assert "--shape-check" in out_b and "--shape-check" in out_v


def test_gate_batch_counts_records_and_follows_shape_check(tabular, tmp_path):
    bare = tmp_path / "bare.jsonl"
    bare.write_text('{"age": 30.0, "hours": 40, "occupation": "x"}\n' * 4 + good_line(1) + "\n")
    result = run_gate(tabular, batch=[str(bare)])
    shape = [f for f in result.rule_findings["batch.records"] if f.code == "request.shape"]
    assert [f.message[:16] for f in shape] == ["4 records of 5: "] * 3  # three bare inputs a record: one finding
    assert {f.message.split('"')[1] for f in shape} == {"age", "hours", "occupation"}  # each (u3 F7: per message)
    off = run_gate(tabular, batch=[str(bare)], shape_check="off")  # no record is bad, but they differ in shape
    assert [f.code for f in off.rule_findings["batch.records"]] == ["batch.shapes"]
    same = tmp_path / "same.jsonl"
    same.write_text('{"age": 30.0, "hours": 40, "occupation": "x"}\n' * 4)  # bare, but all alike
    assert run_gate(tabular, batch=[str(same)], shape_check="off").checks["batch.records"] == "pass"


def test_records_of_different_shapes_fail_together(tabular, mixed, tmp_path):
    """Each record alone is served; records of different shapes for one input in one request are a 400 — what
    Vertex AI's grouping makes of them.  Only records without an error of their own are compared."""
    result = run_batch([str(mixed)], tabular, workers=1)
    shapes = next(f for f in result.batch_findings if f.code == "batch.shapes")
    assert shapes.severity.value == "error" and shapes.category == "ragged_instances" and not result.ok
    assert (f'input "age": (1,) in 2 records (first {mixed}:1), (2,) in 1 record (first {mixed}:4)'
            in shapes.message) and '"hours"' not in shapes.message
    # the fast road (runs vouched for) and the reference (every record alone) agree, across units and workers
    big = tmp_path / "big.jsonl"
    big.write_text("".join(good_line(i) + "\n" for i in range(3000)) + MIXED[3] + "\n" +
                   "".join(good_line(i) + "\n" for i in range(3000)))
    fast = run_batch([str(big)], tabular, workers=2, split_bytes=50_000)
    slow = run_batch([str(big)], tabular, workers=1, fast=False)
    f1, f2 = ([f for f in r.batch_findings if f.code == "batch.shapes"] for r in (fast, slow))
    assert f1 == f2 and f'(1,) in 6,000 records (first {big}:1), (2,) in 1 record (first {big}:3001)' in f1[0].message
    alike = tmp_path / "alike.jsonl"
    alike.write_text("".join(good_line(i) + "\n" for i in range(50)))
    assert run_batch([str(alike)], tabular, workers=1).ok


def test_batch_size_only_over_instances(cli, fixture_model, tmp_path):
    """Every CSV row refused before it becomes an instance: no 'p50 0 B'."""
    rows = tmp_path / "keyed.csv"
    rows.write_text("id,age,hours,occupation\na,30,40,\"x\"\nb,31,41,\"y\"\n")
    code, out, err = cli("batch", rows, "--model", fixture_model("keras_tabular"), "--key-field", "id",
                         "--instance-type", "object", "--json", "--workers", "1")
    data = json.loads(out)
    assert code == 1 and data["bad_records"] == 2 and "batch.size" not in data["findings"], out
    good = tmp_path / "good.jsonl"
    good.write_text(good_line(1) + "\n" + good_line(2) + "\n")
    code, out, _ = cli("batch", good, "--model", fixture_model("keras_tabular"), "--json", "--workers", "1")
    size = next(e for e in json.loads(out)["examples"] if e["code"] == "batch.size")
    assert " over 2 instances (p50 and p99 rounded up to 2 %)" in size["message"] and " 0 B" not in size["message"]


def test_beam_option_needs_the_beam_runner(cli, fixture_model, mixed):
    code, _, err = cli("batch", mixed, "--model", fixture_model("keras_tabular"), "--beam-option",
                       "runner=DirectRunner")
    assert code == 2 and "--beam-option applies to --runner beam only" in err


def test_headline_when_the_batch_is_refused(cli, fixture_model, tmp_path):
    """TFRecord to a signature without one string input: nothing is bad, the batch cannot be predicted."""
    path = tmp_path / "data.tfrecord"
    path.write_bytes(b"")
    code, out, _ = cli("batch", path, "--model", fixture_model("keras_tabular"))
    assert code == 1 and out.startswith("cannot be predicted: 0 records read") and "batch.format" in out


@pytest.mark.gcs
def test_file_list_gs_uris_are_good_local_paths_are_not(gcs_emulator, png_model, tmp_path, monkeypatch):
    from sigcheck.storage.gcs import GcsBackend

    GcsBackend._defaults.clear()
    bucket = gcs_emulator.new_bucket()
    gcs_emulator.client.bucket(bucket).blob("img/a.png").upload_from_string(PNG_1x1)
    (tmp_path / "a.png").write_bytes(PNG_1x1)
    monkeypatch.chdir(tmp_path)
    listing = tmp_path / "files.txt"
    listing.write_text(f"gs://{bucket}/img/a.png\na.png\n{tmp_path / 'a.png'}\ngs://{bucket}/img/a.png\n")
    result = run_batch([str(listing)], png_model, workers=1)
    assert (result.records, result.bad_records) == (4, 2)
    assert result.tally.record_counts == {"batch.file": 2}
    ex = result.tally.examples["batch.file"]
    assert ex.number == 2 and "a.png is a local path (a relative path" in ex.finding.message
    GcsBackend._defaults.clear()
    with pytest.raises(InputError):
        run_batch([str(tmp_path / "nothing.txt")], png_model, workers=1)
