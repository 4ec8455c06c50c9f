"""``sigcheck batch --signature NAME``: every record checked against NAME (AI Platform's ``--signature-name``, or
one's own TF Serving), with validate --signature's meaning and functions.  module_multi's ``echo_bytes`` takes one
DT_STRING input ``text``, its ``image_bytes`` one encoded image (validate looks inside its bytes), its
serving_default ``x`` DT_FLOAT (-1, 3)."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.batch import run_batch
from sigcheck.batch.plan import Plan
from sigcheck.codec.tfrecord import frame

from .conftest import PNG_1x1

WORDS = '"hello"\n"world"\n3\n{"b64": "aGk="}\n[1.0, 2.0, 3.0]\n'
"""Lines 1, 2, 4 are strings (good for echo_bytes), 3 an integer, 5 serving_default's row."""


@pytest.fixture(scope="session")
def multi(fixture_model):
    from sigcheck.model import read_model

    return read_model(str(fixture_model("module_multi")))


@pytest.fixture
def words(tmp_path):
    path = tmp_path / "words.jsonl"
    path.write_text(WORDS)
    return path


def _bad_lines(result) -> list[int]:
    return sorted({int(e["location"].rsplit(":", 1)[1]) for e in result.to_json()["examples"] if ":" in e["location"]})


def _dead(path) -> dict[int, list[tuple[str, str, str]]]:
    out = {}
    for line in path.read_text().splitlines():
        d = json.loads(line)
        out[int(d["location"].rsplit(":", 1)[1])] = sorted((f["code"], f["severity"], f["message"])
                                                           for f in d["findings"])
    return out


def test_records_are_checked_against_the_signature_named(multi, words, tmp_path):
    default = run_batch([str(words)], multi, workers=1, dead_letter=str(tmp_path / "a.jsonl"))
    assert default.signature == "serving_default" and default.bad_records == 4  # every string and the integer
    assert sorted(_dead(tmp_path / "a.jsonl")) == [1, 2, 3, 4]
    named = run_batch([str(words)], multi, workers=1, signature="echo_bytes", dead_letter=str(tmp_path / "b.jsonl"))
    assert named.signature == "echo_bytes" and named.to_json()["signature"] == "echo_bytes"
    assert sorted(_dead(tmp_path / "b.jsonl")) == [3, 5]  # the integer, and the row of floats
    explicit = run_batch([str(words)], multi, workers=1, signature="serving_default")
    assert explicit.to_json() | {"seconds": 0} == default.to_json() | {"seconds": 0, "dead_letter": None}


@pytest.mark.parametrize("name", ["echo_bytes", "image_bytes", "uint8_bool"])
def test_each_record_has_validate_signature_findings(cli, fixture_model, multi, tmp_path, name):
    """A record's findings are `validate --signature NAME` on a JSON Lines file of that one record (its `(line 1)`
    naming the record's line), on the fast road and on the reference road."""
    png = json.dumps({"b64": __import__("base64").b64encode(PNG_1x1).decode()})
    lines = WORDS.splitlines() + [png, '{"pixels": [1, 2, 3, 4], "flag": true}', '{"pixels": [1, 2, 3, 4]}']
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    model = fixture_model("module_multi")
    for fast in (True, False):
        dead = tmp_path / f"dead-{fast}.jsonl"
        run_batch([str(path)], multi, workers=1, signature=name, dead_letter=str(dead), fast=fast)
        got = _dead(dead)
        want = {}
        for number, line in enumerate(lines, 1):
            one = tmp_path / f"one-{number}.jsonl"
            one.write_text(line + "\n")
            code, out, err = cli("validate", one, "--model", model, "--signature", name, "--format-in", "jsonl",
                                 "--json")
            assert code in (0, 1), err
            doc = json.loads(out)
            assert doc["signature"] == name
            found = [(f["code"], f["severity"], re.sub(r"\(line 1\)$|\(line 1, column |^line 1 ",
                                                       lambda m: m.group(0).replace("line 1", f"line {number}"),
                                                       f["message"]))
                     for f in doc["findings"]]
            if any(s == "error" for _, s, _ in found):
                want[number] = sorted(found)
        assert got == want, (name, fast)
        assert got  # (each signature refuses some of these records)


def test_bytes_formats_follow_the_signature(multi, tmp_path):
    records = tmp_path / "x.tfrecord"
    records.write_bytes(b"".join(frame(b"record %d" % i) for i in range(5)))
    default = run_batch([str(records)], multi, workers=1)
    (fmt,) = [f for f in default.batch_findings if f.code == "batch.format"]
    assert default.records == 0 and "but serving_default takes" in fmt.message
    assert "--signature echo_bytes, --signature image_bytes" in fmt.hint  # the signatures a record can feed
    named = run_batch([str(records)], multi, workers=1, signature="echo_bytes")
    assert named.ok and named.records == 5 and named.bad_records == 0
    images = run_batch([str(records)], multi, workers=1, signature="image_bytes")
    assert images.bad_records == 5 and set(images.tally.counts) == {"request.image"}  # not PNG files
    uint8 = run_batch([str(records)], multi, workers=1, signature="uint8_bool")
    (fmt,) = [f for f in uint8.batch_findings if f.code == "batch.format"]
    assert "but uint8_bool takes" in fmt.message and uint8.records == 0


def test_the_signature_reaches_every_worker(multi, tmp_path):
    """The plan carries it (forked workers and Beam's side input get Plan.to_json)."""
    plan = Plan({"model": None}, "echo_bytes")
    assert Plan.from_json(json.loads(json.dumps(plan.to_json()))).signature == "echo_bytes"
    path = tmp_path / "many.jsonl"
    path.write_text(WORDS * 400)
    one = run_batch([str(path)], multi, workers=1, signature="echo_bytes", split_bytes=1 << 12)
    two = run_batch([str(path)], multi, workers=2, signature="echo_bytes", split_bytes=1 << 12)
    assert one.bad_records == two.bad_records == 800
    assert {**one.to_json(), "seconds": 0} == {**two.to_json(), "seconds": 0}


def test_unknown_signature_is_exit_2_with_the_names(cli, fixture_model, words):
    code, out, err = cli("batch", words, "--model", fixture_model("module_multi"), "--signature", "nope")
    assert code == 2 and not out
    first = err.splitlines()[0]
    assert first.startswith("error: ") and "no signature 'nope'; signatures: echo_bytes, half_output, image_bytes, " \
        "scalar_input, serving_default, uint8_bool, unknown_rank" in first


def test_cli_names_the_signature(cli, fixture_model, words):
    code, out, err = cli("batch", words, "--model", fixture_model("module_multi"), "--signature", "echo_bytes",
                         "--workers", "1")
    assert code == 1, err
    assert "2 bad (jsonl → " in out and ", signature echo_bytes)" in out
    code, out, err = cli("batch", words, "--model", fixture_model("module_multi"), "-s", "echo_bytes", "--json",
                         "--workers", "1")
    doc = json.loads(out)
    assert code == 1 and doc["signature"] == "echo_bytes" and doc["bad_records"] == 2
