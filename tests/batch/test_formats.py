"""Every input format: good records stay good, every kind of bad record is found and located."""

from __future__ import annotations

import gzip
import json

import pytest

from sigcheck.batch import InstanceConfig, run_batch
from sigcheck.codec.tfrecord import frame
from sigcheck.errors import InputError

from . import wire
from .conftest import PNG_1x1, jsonl_text


def run(paths, info, **kw):
    dead = kw.pop("dead", None)
    result = run_batch([str(p) for p in paths], info, workers=1, dead_letter=str(dead) if dead else None, **kw)
    lines = [json.loads(x) for x in open(dead)] if dead else []
    return result, lines


def test_gzip_jsonl_equals_plain(tabular, tmp_path):
    plain, gz = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    plain.write_text(jsonl_text())
    gz.write_bytes(gzip.compress(jsonl_text().encode()))
    a, b = run([plain], tabular)[0].to_json(), run([gz], tabular)[0].to_json()
    for d in (a, b):
        d.pop("seconds")
        for e in d["examples"]:
            e["location"] = e["location"].replace(".jsonl.gz", ".jsonl")
            e["message"] = e["message"].replace(".jsonl.gz", ".jsonl")
    assert a == b


def test_csv_rules(tabular, tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text('age,hours,occupation\n'           # 1 header
                    '31.5,40,"clerk"\n'                  # 2 unquoted 40 is read as 40.0: not an int64
                    '31.5,"40","clerk"\n'                # 3 quoted "40" is a string
                    '31.5,40\n'                          # 4 too few values
                    '31.5,40,clerk\n'                    # 5 unquoted text
                    '31.5,40,"two\nlines"\n'             # 6-7 a quoted newline: refused at line 6
                    '1,2,"x"\n')                         # 8
    result, dead = run([path], tabular, config=InstanceConfig("object"), dead=tmp_path / "dead.jsonl")
    by_line = {d["location"].rsplit(":", 1)[1]: d for d in dead}
    assert result.records == 6
    assert {k: [f["code"] for f in v["findings"]] for k, v in by_line.items()} == {
        "2": ["request.dtype"], "3": ["request.dtype"], "4": ["batch.csv"], "5": ["batch.csv"], "6": ["batch.csv"],
        "8": ["request.dtype"]}
    assert "got 40.0" in by_line["2"]["findings"][0]["message"]  # unquoted: a float
    assert "40 in quotes" in by_line["3"]["findings"][0]["message"]  # quoted: a string
    assert by_line["4"]["record"] == ["31.5", "40"]
    assert "newline" in by_line["6"]["findings"][0]["message"]
    assert "batch.instance_type" not in result.counts()  # objects already
    arrays, dead = run([path], tabular, dead=tmp_path / "dead.jsonl")  # default: rows are arrays
    assert [f["code"] for f in dead[0]["findings"]] == ["request.keys"]
    said = [f for f in arrays.batch_findings if f.code == "batch.instance_type"]  # and the way out is said once
    assert len(said) == 1 and said[0].severity.value == "error" and "--instance-type object" in said[0].hint
    assert "3 named inputs (age, hours, occupation)" in said[0].message
    assert arrays.to_json()["examples"][0]["message"] == said[0].message  # --json's example carries the advice


def test_csv_empty_field_is_a_missing_number(tabular, tmp_path):
    """u3 F17.3: an empty unquoted field is a missing value: the hint is no longer to quote it ("" is an empty
    string, which a float input refuses too) but to write the number the model takes for a missing one."""
    path = tmp_path / "rows.csv"
    path.write_text('age,hours,occupation\n,40,"clerk"\n31.5, ,"clerk"\n31.5,40,clerk\n')
    result, dead = run([path], tabular, config=InstanceConfig("object"), dead=tmp_path / "dead.jsonl")
    found = {d["location"].rsplit(":", 1)[1]: d["findings"][0] for d in dead}
    assert [f["code"] for f in found.values()] == ["batch.csv"] * 3
    for line, column in (("2", "age"), ("3", "hours")):
        assert found[line]["message"].startswith(f'column "{column}" is empty: '), found[line]
        assert "missing value" in found[line]["hint"] and "missing_values.json" in found[line]["hint"]
        assert "quote text values" not in found[line]["hint"]
    assert found["4"]["hint"] == 'quote text values ("clerk"), or write a number'  # (text: quoting is the fix)


def test_csv_arrays_for_one_input_need_no_object_hint(tmp_path, fixture_model):
    from sigcheck.model import read_model

    info = read_model(str(fixture_model("module_multi")))  # serving_default: one input, x (-1, 3)
    path = tmp_path / "rows.csv"
    path.write_text('a,b,c\n1,2,3\n')
    result, _ = run([path], info)
    assert result.bad_records == 0 and "batch.instance_type" not in result.counts()


def test_csv_object_instances_with_key(tmp_path, fixture_model):
    from sigcheck.model import read_model

    info = read_model(str(fixture_model("module_multi")))  # serving_default: x DT_FLOAT (-1, 3)
    path = tmp_path / "rows.csv"
    path.write_text('id,x\n"a",1\n"b",2\n')
    result, dead = run([path], info, config=InstanceConfig("object", "id"), dead=tmp_path / "d.jsonl")
    # {"x": 1.0}: a scalar for a (-1, 3) input, another rank: almost every model fails on it (an error by default)
    assert [d["key"] for d in dead] == ["a", "b"]
    assert all(d["findings"][0]["code"] == "request.shape" for d in dead)
    path.write_text('id,x\n"a","one"\n"b","two"\n')  # text for a float input: TF Serving rejects it
    result, dead = run([path], info, config=InstanceConfig("object", "id"), dead=tmp_path / "d.jsonl")
    assert [d["key"] for d in dead] == ["a", "b"]
    assert all(d["findings"][0]["code"] == "request.dtype" for d in dead)


def test_jsonl_instance_config(tabular, tmp_path):
    path = tmp_path / "keyed.jsonl"
    rows = [{"id": 1, "age": [1.0], "hours": [2], "occupation": ["x"], "extra": 5},
            {"id": 2, "age": [1.0], "hours": [2.5], "occupation": ["x"], "extra": 5},
            {"age": [1.0], "hours": [2], "occupation": ["x"], "extra": 5}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result, dead = run([path], tabular, config=InstanceConfig(None, "id", excluded_fields=("extra",)),
                       dead=tmp_path / "d.jsonl")
    assert result.records == 3 and result.bad_records == 2
    assert [(d["key"], d["findings"][0]["code"]) for d in dead] == [(2, "request.dtype"), (None, "batch.key")]
    with pytest.raises(InputError):
        InstanceConfig(None, None, ("a",), ("b",))


def _examples() -> tuple[list[bytes], dict[int, str]]:
    good = [wire.example(wire.good(i)) for i in range(20)]
    bad = {3: wire.example({k: v for k, v in wire.good().items() if k != "age"}),        # required missing
           5: wire.example({**wire.good(), "age": ("int64", [3])}),                      # wrong list kind
           8: wire.example({**wire.good(), "emb": ("float", [1.0, 2.0])}),               # wrong count
           11: wire.example({**wire.good(), "seq": ("float", [1.0, 2.0, 3.0])}),         # not a multiple of 2
           13: b"\xff\xff\xff",                                                          # not an Example
           15: wire.example({**wire.good(), "tags": ("float", [1.0])})}                   # sparse, wrong kind
    records = [bad.get(i + 1, good[i]) for i in range(20)]
    return records, {k: "batch.example" for k in bad}


def test_tfrecord_examples(example_model, tmp_path):
    records, expected = _examples()
    path = tmp_path / "data.tfrecord"
    path.write_bytes(b"".join(frame(r) for r in records))
    result, dead = run([path], example_model, dead=tmp_path / "d.jsonl")
    assert result.records == 20
    assert {int(d["location"].rsplit(":", 1)[1]): d["findings"][0]["code"] for d in dead} == expected
    assert dead[0]["record"] == __import__("base64").b64encode(records[2]).decode()
    gz = tmp_path / "data.tfrecord.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    again = run([gz], example_model)[0]
    assert again.bad_records == result.bad_records and again.input_format == "tf-record-gzip"


def test_tfrecord_framing(example_model, tmp_path):
    good = wire.example(wire.good())
    one = frame(good)
    data_crc = bytearray(one)
    data_crc[-1] ^= 0xFF  # record 2: data CRC broken: reported, reading goes on
    length_crc = bytearray(one)
    length_crc[9] ^= 0xFF  # record 4: length CRC broken: nothing after it can be framed
    path = tmp_path / "bad.tfrecord"
    path.write_bytes(one + bytes(data_crc) + one + bytes(length_crc) + one)
    result, dead = run([path], example_model, dead=tmp_path / "d.jsonl")
    msgs = {d["location"].rsplit(":", 1)[1]: d["findings"][0]["message"] for d in dead}
    assert set(msgs) == {"2", "4"}
    assert f"at byte {len(one)}" in msgs["2"] and "data's CRC" in msgs["2"]
    assert f"at byte {3 * len(one)}" in msgs["4"] and "nothing after it" in msgs["4"]
    assert result.records == 4


def test_tfrecord_to_a_float_model_is_a_batch_finding(tabular, tmp_path):
    path = tmp_path / "x.tfrecord"
    path.write_bytes(frame(b"abc"))
    result = run([path], tabular)[0]
    assert not result.ok and result.records == 0
    assert result.to_json()["findings"] == {"batch.format": 1}


def test_file_list(png_model, tmp_path):
    (tmp_path / "a.png").write_bytes(PNG_1x1)
    (tmp_path / "b.txt").write_bytes(b"not an image")
    listing = tmp_path / "files.txt"
    listing.write_text(f"{tmp_path / 'a.png'}\n{tmp_path / 'missing.png'}\n{tmp_path / 'b.txt'}\n")
    result, dead = run([listing], png_model, dead=tmp_path / "d.jsonl")
    # a local path is read here, but Vertex AI's workers read gs:// URIs only: every record here is bad
    assert result.records == 3 and result.bad_records == 3
    assert [(d["location"].rsplit(":", 1)[1], sorted(f["code"] for f in d["findings"])) for d in dead] == [
        ("1", ["batch.file"]), ("2", ["batch.file"]),
        ("3", ["batch.file", "request.image"])]  # what is inside an image input: validate's check
    assert "is a local path" in dead[0]["findings"][0]["message"]
    assert "no such file" in dead[1]["findings"][0]["message"]


def test_format_from_extension_and_flag(tabular, tmp_path):
    path = tmp_path / "data.weird"
    path.write_text(jsonl_text(5))
    with pytest.raises(InputError, match="cannot tell the input format"):
        run([path], tabular)
    assert run([path], tabular, input_format="jsonl")[0].records == 5
    with pytest.raises(InputError, match="no file matches"):
        run([tmp_path / "*.nothing"], tabular)


def test_tfrecord_examples_fast_road_equals_reference(example_model, tmp_path):
    """The reader's tf.Example check stands for validate's on the TFRecord road (each record's bytes checked once):
    the verdict and every dead-letter entry equal the reference's, which validates every record alone."""
    records, _ = _examples()
    path = tmp_path / "data.tfrecord"
    path.write_bytes(b"".join(frame(r) for r in records * 5))
    fast, dead_fast = run([path], example_model, dead=tmp_path / "a.jsonl")
    slow, dead_slow = run([path], example_model, dead=tmp_path / "b.jsonl", fast=False)
    a, b = fast.to_json(), slow.to_json()
    a.pop("seconds"), b.pop("seconds")
    a.pop("dead_letter"), b.pop("dead_letter")
    assert a == b and a["bad_records"] == 30
    assert dead_fast == dead_slow


def test_csv_to_an_int64_input_hints_json_lines(tabular, tmp_path):
    """trial9 F21: validate's hint (whole numbers without a decimal point) cannot be followed in a CSV."""
    path = tmp_path / "rows.csv"
    path.write_text('age,hours,occupation\n31.5,40,"clerk"\n31.5,"41","clerk"\n')
    _, dead = run([path], tabular, config=InstanceConfig("object"), dead=tmp_path / "dead.jsonl")
    hints = [d["findings"][0]["hint"] for d in dead]
    assert [d["findings"][0]["code"] for d in dead] == ["request.dtype", "request.dtype"]
    for hint, value in zip(hints, (40, 41)):
        assert "without a decimal point" not in hint
        assert f'JSON Lines ({{"hours": {value}}})' in hint and "no CSV value can reach an int64 input" in hint
    jsonl = tmp_path / "rows.jsonl"  # the same records as JSON Lines keep validate's own hint
    jsonl.write_text('{"age": [31.5], "hours": [40.0], "occupation": ["clerk"]}\n')
    _, dead = run([jsonl], tabular, dead=tmp_path / "dead2.jsonl")
    assert "without a decimal point" in dead[0]["findings"][0]["hint"]
