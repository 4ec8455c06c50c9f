"""A UTF-8 byte order mark at the start of a JSON Lines file (Windows Notepad, PowerShell 5): gcloud decodes each
line as 'utf-8-sig' (predict_utilities.ReadInstances), so the mark never reaches TF Serving and the file is
accepted.  Every reader of instance files agrees: validate (file, stdin, any target), the body predict/gate/warmup
send (request_body), batch, --fix (which drops it).  A BOM before a body sent to TF Serving REST is skipped by
rapidjson (an info finding), and stays so."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sigcheck.validate import lines as lines_mod
from sigcheck.validate import validate_jsonl, validate_request
from sigcheck.validate.core import request_body

from .contracts import contract

ROOT = Path(__file__).resolve().parents[2]
TABULAR_MODEL = ROOT / "fixtures" / "models" / "keras_tabular"
TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])})
BOM = b"\xef\xbb\xbf"
LINES = [b'{"age": [30.0], "hours": [40], "occupation": ["Sales"]}',
         b'{"age": [31.0], "hours": [41], "occupation": ["Tech"]}']
FILE = BOM + b"\n".join(LINES) + b"\n"


def _bom_infos(result) -> list:
    return [f for f in result.findings if "byte order mark" in f.message]


@pytest.mark.parametrize("target", ["tf-serving", "vertex", "ai-platform"])
@pytest.mark.parametrize("blocks", [True, False])
def test_bom_jsonl_is_accepted_with_one_info(target: str, blocks: bool) -> None:
    result = validate_jsonl(io.BytesIO(FILE), TABULAR, target=target, blocks=blocks, source="bom.jsonl")
    assert result.ok and result.decoded.accepted and result.front_end is None, result.findings
    (info,) = _bom_infos(result)
    assert info.severity.value == "info" and info.line == 1 and info.code == "request.json"
    assert not [f for f in result.findings if f.severity.value != "info"]
    assert result.body is not None and BOM not in result.body  # the batch TF Serving gets has no mark


def test_bom_jsonl_same_as_without_in_every_reader() -> None:
    plain = validate_jsonl(io.BytesIO(FILE[3:]), TABULAR, target="ai-platform")
    for read in (io.BytesIO(FILE), FILE.splitlines()):
        marked = validate_jsonl(read, TABULAR, target="ai-platform")
        assert marked.to_json()["tf_serving"] == plain.to_json()["tf_serving"]
        assert [f for f in marked.findings if f not in _bom_infos(marked)] == plain.findings
    # a file read whole (stdin, a name without .jsonl) is detected as JSON Lines despite the mark
    whole = validate_request(FILE, TABULAR, target="ai-platform", source=None)
    assert whole.input_format == "jsonl" and whole.ok and len(_bom_infos(whole)) == 1
    # the body predict, gate and warmup send (the shared reader)
    assert request_body(FILE, source="bom.jsonl") == b'{"instances":[' + b",".join(LINES) + b"]}"
    assert request_body(FILE, source=None) == request_body(FILE[3:], source=None)


def test_bom_only_line_and_later_lines_read_as_gcloud_reads_them() -> None:
    # gcloud decodes every line as utf-8-sig: a mark on a later line goes too; a line of only a mark is empty
    text = LINES[0] + b"\n" + BOM + LINES[1] + b"\n"
    result = validate_jsonl(io.BytesIO(text), TABULAR, target="ai-platform")
    assert result.ok and _bom_infos(result)[0].line == 2
    lone = BOM + b"\n" + b"\n".join(LINES) + b"\n"
    result = validate_jsonl(io.BytesIO(lone), TABULAR, target="ai-platform")
    assert not result.ok and result.front_end.error == lines_mod.GCLOUD_EMPTY_LINE
    assert any(f.line == 1 and f.code == "request.gcloud" for f in result.findings)
    assert validate_jsonl(io.BytesIO(lone), TABULAR, target="tf-serving").ok  # blank lines skipped there
    # only one mark goes: json.loads refuses a second one ("Unexpected UTF-8 BOM"), and gcloud the file
    double = validate_jsonl(io.BytesIO(BOM + FILE), TABULAR, target="ai-platform")
    assert not double.ok and double.front_end.error == lines_mod.GCLOUD_NOT_JSON
    assert any(f.code == "request.gcloud" and "line 1 is not valid JSON on its own: Unexpected UTF-8 BOM" in f.message
               for f in double.findings)


def test_cutters_drop_the_mark_on_both_roads() -> None:
    big = BOM + b"\n".join([LINES[0]] * 3000) + b"\n" + LINES[1]  # several chunks, last line without a newline
    cut = [(list(c.numbers), c.lines) for c in lines_mod.block_chunks(io.BytesIO(big), 1000, 1 << 20)]
    ref = [(list(c.numbers), c.lines) for c in lines_mod.line_chunks(io.BytesIO(big), 1000, 1 << 20)]
    assert cut == ref and cut[0][1][0] == LINES[0] and cut[-1][1][-1] == LINES[1]
    notes = lines_mod.BlankLines()
    tail = list(lines_mod.block_chunks(io.BytesIO(BOM + LINES[0]), 10, 1 << 20, notes))  # one line, no newline
    assert tail[0].lines == [LINES[0]] and notes.bom == 1


def test_bom_body_to_tf_serving_stays_an_info() -> None:
    body = BOM + json.dumps({"instances": [json.loads(x) for x in LINES]}).encode()
    result = validate_request(body, TABULAR, source="bom.json")
    assert result.ok and result.input_format == "body"
    (info,) = _bom_infos(result)
    assert info.severity.value == "info" and "TF Serving skips it" in info.message


def test_cli_validate_and_fix_drop_the_mark(cli, tmp_path: Path) -> None:
    req = tmp_path / "bom.jsonl"
    req.write_bytes(FILE)
    code, out, err = cli("validate", req, "--model", TABULAR_MODEL, "--target", "ai-platform", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] and doc["tf_serving"]["accepted"], err
    out_jsonl = tmp_path / "fixed.jsonl"
    code, _, err = cli("validate", req, "--model", TABULAR_MODEL, "--target", "ai-platform", "--fix", "-o",
                       out_jsonl)
    assert code == 0 and "dropped the UTF-8 byte order mark" in err
    assert out_jsonl.read_bytes() == b"".join(json.dumps(json.loads(x), separators=(",", ":")).encode() + b"\n"
                                              for x in LINES)
    out_body = tmp_path / "fixed.json"
    code, _, err = cli("validate", req, "--model", TABULAR_MODEL, "--fix", "-o", out_body)
    assert code == 0 and not out_body.read_bytes().startswith(BOM)
    assert len(json.loads(out_body.read_bytes())["instances"]) == 2


def test_cli_batch_reads_the_first_record(cli, tmp_path: Path) -> None:
    req = tmp_path / "bom.jsonl"
    req.write_bytes(FILE)
    code, out, err = cli("batch", req, "--model", TABULAR_MODEL, "--workers", "1", "--json")
    doc = json.loads(out)
    assert code == 0 and doc["records"] == 2 and doc["bad_records"] == 0, err
    code, out, err = cli("batch", req, "--model", TABULAR_MODEL, "--workers", "1", "--json",
                         "--key-field", "occupation", "--instance-type", "object")
    doc = json.loads(out)
    assert doc["records"] == 2 and not any("json" in k for k in doc["findings"]), out
