"""validate_jsonl: the block path (chunks cut from large blocks, clean chunks vouched for without a full decode)
gives exactly the per-line path's result — verdict, message, findings with their line numbers, sizes."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigcheck.validate import lines as lines_mod
from sigcheck.validate import validate_jsonl

from .contracts import contract


TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])})
IMAGE = contract({"image": ("DT_FLOAT", [-1, 4, 4, 3])})
X1 = contract({"x": ("DT_FLOAT", [-1, 1])})
PIXELS = contract({"pixels": ("DT_UINT8", [-1, 4])})
FLAGS = contract({"flag": ("DT_BOOL", [-1]), "v": ("DT_DOUBLE", [-1, 2])})
PHOTO = contract({"payload_bytes": ("DT_STRING", [-1]), "key": ("DT_STRING", [-1])})
BYTES = contract({"payload_bytes": ("DT_STRING", [-1])})
X2 = contract({"x": ("DT_FLOAT", [-1, 2])})


def pair(i: int) -> bytes:
    return b"[%d.5, 1.0]" % i


def photo(i: int) -> bytes:
    return b'{"payload_bytes": {"b64": "%s"}, "key": "k%d"}' % (b"aGVsbG8gd29ybGQ="[: 4 * (1 + i % 4)], i)


def tab(i: int) -> bytes:
    return json.dumps({"age": [20.5 + i % 7], "hours": [i % 50], "occupation": ["clerk" if i % 2 else "nurse"]}
                      ).encode()


def img(i: int) -> bytes:
    return json.dumps([[[round((i * 7 + j * 3 + k) % 10 / 10, 3) for k in range(3)] for j in range(4)]
                       for _ in range(4)]).encode()


def make(row, n: int = 40, **changes: bytes) -> list[bytes]:
    rows = [row(i) for i in range(n)]
    for k, v in changes.items():
        rows[int(k.lstrip("_"))] = v
    return rows


B64_PNG = json.dumps("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk").encode()

CASES = {
    # name: (model, lines, file text joiner)
    "tabular clean": (TABULAR, make(tab), b"\n"),
    "image clean": (IMAGE, make(img), b"\n"),
    "bad line": (TABULAR, make(tab, _29=b'{"age": [1.0], "hours": [3], "occupation": ["a"]'), b"\n"),
    "bad line image": (IMAGE, make(img, _17=img(3)[:-3]), b"\n"),
    "NaN token": (TABULAR, make(tab, _22=b'{"age": [NaN], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "Infinity image": (IMAGE, make(img, _22=img(5).replace(b"0.5", b"-Infinity", 1)), b"\n"),
    "Nan rejected": (X1, make(lambda i: b"[%d.5]" % i, _30=b"[Nan]"), b"\n"),
    "duplicate key": (TABULAR, make(tab, _25=b'{"age": [1.0], "hours": [3], "hours": [4], "occupation": ["a"]}'),
                      b"\n"),
    "duplicate key, extra": (TABULAR, make(tab, _25=b'{"age": [1.0], "age": [2.0], "hours": [3]}'), b"\n"),
    "blank lines": (TABULAR, [b"", b"  "] + make(tab)[:12] + [b"", b"\t"] + make(tab)[12:], b"\n"),
    # gcloud (--target ai-platform) refuses at the first blank line; the others skip them
    "blank line late": (TABULAR, make(tab)[:30] + [b""] + make(tab)[30:], b"\n"),
    "blank lines at the end": (TABULAR, make(tab) + [b"", b""], b"\n"),
    "blanks line": (IMAGE, make(img)[:9] + [b" \t "] + make(img)[9:], b"\n"),
    "blank line CRLF": (IMAGE, make(img)[:21] + [b""] + make(img)[21:], b"\r\n"),
    "bad line then blank": (X1, make(lambda i: b"[%d.5]" % i, _13=b"[2.5") + [b""], b"\n"),
    "blank then bad line": (X1, make(lambda i: b"[%d.5]" % i)[:13] + [b""] + [b"[2.5"] + [b"[1.5]"] * 20, b"\n"),
    "blank after a rejection": (X1, make(lambda i: b"[%d.5]" % i, _3=b"[]")[:33] + [b""] + [b"[1.5]"] * 5, b"\n"),
    "no final newline": (TABULAR, make(tab), b"\n"),
    "CRLF": (TABULAR, make(tab), b"\r\n"),
    "CRLF image": (IMAGE, make(img), b"\r\n"),
    "BOM": (TABULAR, [b"\xef\xbb\xbf" + tab(0)] + make(tab)[1:], b"\n"),
    "BOM later": (TABULAR, make(tab, _21=b"\xef\xbb\xbf" + tab(0)), b"\n"),
    "type error": (TABULAR, make(tab, _33=b'{"age": [1.0], "hours": [3.5], "occupation": ["a"]}'), b"\n"),
    "string for number": (TABULAR, make(tab, _33=b'{"age": ["1.0"], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "bool for number": (TABULAR, make(tab, _33=b'{"age": [true], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "null": (TABULAR, make(tab, _33=b'{"age": [null], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "missing key": (TABULAR, make(tab, _14=b'{"age": [1.0], "hours": [3]}'), b"\n"),
    "unknown key": (TABULAR, make(tab, _14=b'{"age": [1.0], "hours": [3], "occupatoin": ["a"]}'), b"\n"),
    "escaped key": (TABULAR, make(tab, _14=b'{"\\u0061ge": [1.0], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "key order": (TABULAR, make(tab, _14=b'{"occupation": ["a"], "hours": [3], "age": [1.0]}'), b"\n"),
    "colon in string": (TABULAR, make(tab, _14=b'{"age": [1.0], "hours": [3], "occupation": ["a:b"]}'), b"\n"),
    "b64 object": (TABULAR, make(tab, _14=b'{"age": [1.0], "hours": [3], "occupation": [{"b64": "YQ=="}]}'),
                   b"\n"),
    "base64 text later": (TABULAR, make(tab, _12=b'{"age": [1.0], "hours": [3], "occupation": [%s]}' % B64_PNG),
                          b"\n"),
    "shape change": (TABULAR, make(tab, _26=b'{"age": [1.0, 2.0], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "bare value": (TABULAR, make(tab, _26=b'{"age": 1.0, "hours": [3], "occupation": ["a"]}'), b"\n"),
    "ragged image": (IMAGE, make(img, _19=img(1).replace(b", 0.", b", 0.1, 0.", 1)), b"\n"),
    "empty list": (X1, make(lambda i: b"[%d.5]" % i, _30=b"[]"), b"\n"),
    "int above 2^24": (TABULAR, make(tab, _30=b'{"age": [16777217], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "float32 overflow": (TABULAR, make(tab, _30=b'{"age": [1e39], "hours": [3], "occupation": ["a"]}'), b"\n"),
    "big value image": (IMAGE, make(img, _30=img(2).replace(b"0.", b"123456789.", 1)), b"\n"),
    "big int image": (IMAGE, make(img, _30=img(2).replace(b"0.4", b"123456789", 1)), b"\n"),
    "exponents image": (IMAGE, make(img, _30=img(2).replace(b"0.5", b"5e-05").replace(b"0.3", b"3E+2")), b"\n"),
    "int64 range": (TABULAR, make(tab, _30=b'{"age": [1.0], "hours": [9223372036854775808], "occupation": ["a"]}'),
                    b"\n"),
    "uint8 wraps": (PIXELS, make(lambda i: b"[1, 2, 3, %d]" % (i % 200), _31=b"[1, 2, 3, 300]"), b"\n"),
    "bools": (FLAGS, make(lambda i: b'{"flag": %s, "v": [0.5, %d]}' % (b"true" if i % 3 else b"false", i),
                          _24=b'{"flag": 1, "v": [0.5, 1]}'), b"\n"),
    "b64 clean": (PHOTO, make(photo), b"\n"),
    "b64 values clean": (BYTES, make(lambda i: b'{"b64": "aGVsbG8=%s"}' % b"" if i % 2 else b'{"b64": "YQ=="}'),
                         b"\n"),
    "b64 duplicate": (PHOTO, make(photo, _26=b'{"payload_bytes": {"b64": "YQ==", "b64": "Yg=="}, "key": "k"}'), b"\n"),
    "b64 duplicate value": (BYTES, make(lambda i: b'{"b64": "YQ=="}', _26=b'{"b64": "YQ==", "b64": "Yg=="}'),
                            b"\n"),
    "b64 not canonical": (PHOTO, make(photo, _26=b'{"payload_bytes": {"b64": "YQ"}, "key": "k"}'), b"\n"),
    "b64 bad": (PHOTO, make(photo, _26=b'{"payload_bytes": {"b64": "Y"}, "key": "k"}'), b"\n"),
    "b64 extra member": (PHOTO, make(photo, _26=b'{"payload_bytes": {"b64": "YQ==", "x": 1}, "key": "k"}'), b"\n"),
    "b64 mixed with text": (PHOTO, make(photo, _26=b'{"payload_bytes": "aGVsbG8gd29ybGQ=", "key": "k"}'), b"\n"),
    "b64 number": (PHOTO, make(photo, _26=b'{"payload_bytes": {"b64": 5}, "key": "k"}'), b"\n"),
    "objects then values": (X1, make(lambda i: b'{"x": [%d.5]}' % i, _27=b"[2.5]"), b"\n"),
    "values then objects": (X1, make(lambda i: b"[%d.5]" % i, _27=b'{"x": [2.5]}'), b"\n"),
    "two values on a line": (X1, make(lambda i: b"[%d.5]" % i, _27=b"[2.5], [3.5]"), b"\n"),
    "split value": (X1, make(lambda i: b"[%d.5]" % i, _27=b"[2.5", _28=b"]"), b"\n"),
    "trailing content": (X1, make(lambda i: b"[%d.5]" % i, _27=b"[2.5] x"), b"\n"),
    # lines that make JSON only together, with as many values as lines in the chunk: orjson's count cannot tell
    "compensated split": (X2, make(pair, _25=b"[2.5", _26=b"1.0]", _27=b"[3.5, 1.0], [4.5, 1.0]"), b"\n"),
    "split string": (X2, make(pair, _25=b'["a', _26=b'b", 1.0]'), b"\n"),
    "split after a type error": (TABULAR, make(tab, _5=b'{"age": [1.0], "hours": [3.5], "occupation": ["a"]}',
                                               _30=b'{"age": [1.0]', _31=b'"hours": [3], "occupation": ["a"]}'),
                                 b"\n"),
    "two values after a rejection": (X1, make(lambda i: b"[%d.5]" % i, _3=b"[]", _33=b"[2.5], [3.5]"), b"\n"),
}


def file_bytes(lines: list[bytes], sep: bytes, final_newline: bool) -> bytes:
    return sep.join(lines) + (sep if final_newline else b"")


def summary(r) -> dict:
    return {"json": r.to_json(), "instances": r.instances, "size": r.size, "tensors": r.tensors,
            "findings": [(f.severity, f.code, f.category, f.path, f.message, f.expected, f.received, f.hint,
                          f.upstream) for f in r.findings]}


@pytest.mark.parametrize("target", ["tf-serving", "vertex", "ai-platform"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_block_path_matches_per_line_path(name: str, target: str, monkeypatch) -> None:
    model, lines, sep = CASES[name]
    data = file_bytes(lines, sep, final_newline=name != "no final newline")
    ref = summary(validate_jsonl(io.BytesIO(data), model, target=target, chunk_lines=4, blocks=False))
    for read_bytes in (lines_mod.READ_BYTES, 7, 100):  # blocks that end mid-line, mid-chunk, mid-file
        monkeypatch.setattr(lines_mod, "READ_BYTES", read_bytes)
        got = summary(validate_jsonl(io.BytesIO(data), model, target=target, chunk_lines=4))
        assert got == ref, (name, read_bytes)
    # a list of lines (validate_request's --format-in jsonl) and chunks cut by size as well
    as_list = data.splitlines(keepends=True)
    assert summary(validate_jsonl(as_list, model, target=target, chunk_lines=4)) == summary(
        validate_jsonl(as_list, model, target=target, chunk_lines=4, blocks=False))
    assert summary(validate_jsonl(io.BytesIO(data), model, target=target, chunk_bytes=300)) == summary(
        validate_jsonl(io.BytesIO(data), model, target=target, chunk_bytes=300, blocks=False))


def test_findings_carry_line_numbers_of_later_chunks() -> None:
    _model, lines, _sep = CASES["type error"]
    data = b"\n\n".join(lines)  # a blank line after every line: line numbers are 2 * index + 1
    r = validate_jsonl(io.BytesIO(data), TABULAR, chunk_lines=4)
    assert r.errors[0].path == "$.instances[33].hours[0]" and "(line 67)" in r.errors[0].message


@pytest.mark.parametrize("name", ["tabular clean", "image clean", "CRLF", "blank lines", "no final newline",
                                  "b64 clean", "b64 values clean"])
def test_clean_chunks_are_vouched_for(name: str, monkeypatch) -> None:
    """On a clean file every chunk after the first is vouched for without the full decode."""
    model, lines, sep = CASES[name]
    data = file_bytes(lines, sep, final_newline=name != "no final newline")
    decoded = []
    real = lines_mod.ChunkCheck.clean
    monkeypatch.setattr(lines_mod.ChunkCheck, "clean", lambda self, joined, n: decoded.append(
        real(self, joined, n)) or decoded[-1])
    r = validate_jsonl(io.BytesIO(data), model, chunk_lines=4)
    assert r.ok and decoded and all(decoded), decoded


@pytest.mark.parametrize("name", ["bad line", "NaN token", "duplicate key", "colon in string",
                                  "b64 object", "base64 text later", "shape change", "int above 2^24",
                                  "float32 overflow", "big int image", "uint8 wraps", "empty list",
                                  "two values on a line", "split value", "b64 duplicate", "b64 duplicate value",
                                  "b64 not canonical", "b64 bad", "b64 extra member", "b64 mixed with text"])
def test_chunks_it_cannot_vouch_for_are_decoded(name: str) -> None:
    model, lines, _sep = CASES[name]
    first = validate_jsonl(lines[:4], model, chunk_lines=4, blocks=False)
    assert first.ok
    check = lines_mod.ChunkCheck.build(model.signatures["serving_default"],
                                       {n: (dt, shape[1:]) for n, (dt, shape) in first.tensors.items()},
                                       isinstance(json.loads(lines[0]), dict), "tf-serving")
    assert check is not None
    verdicts = [check.clean(b",".join(lines[i:i + 4]), len(lines[i:i + 4])) for i in range(4, len(lines), 4)]
    assert verdicts.count(False) >= 1, verdicts


def test_lines_that_only_parse_together_are_not_vouched_for() -> None:
    """The chunk [2.5 / 1.0] / [3.5, 1.0], [4.5, 1.0] parses as three pairs from three lines: ChunkCheck.clean alone
    would vouch for it; one_value_per_line does not, and the full decode refuses line 2 as gcloud would."""
    lines = [pair(0), b"[2.5", b"1.0]", b"[3.5, 1.0], [4.5, 1.0]"]
    check = lines_mod.ChunkCheck.build(X2.signatures["serving_default"], {"x": ("DT_FLOAT", (2,))}, False, "tf-serving")
    assert check is not None and check.clean(b",".join(lines), 4)
    chunk = lines_mod.Chunk([lines], range(1, 5), sum(map(len, lines)), 4)
    assert not lines_mod.one_value_per_line(chunk, counted=True)
    good = lines_mod.Chunk([[pair(i) for i in range(4)]], range(1, 5), 44, 4)
    assert lines_mod.one_value_per_line(good, counted=True) and lines_mod.one_value_per_line(good)
    r = validate_jsonl(io.BytesIO(b"\n".join([pair(i) for i in range(4)] + lines) + b"\n"), X2, chunk_lines=4)
    assert r.front_end.reason == "not_json" and r.errors[0].path == "$.instances[5]"
    assert "(line 6" in r.errors[0].message or "line 6 " in r.errors[0].message


_POOL = {  # model: good lines, lines that each change something
    "tabular": (TABULAR, [tab(i) for i in range(6)], sorted({line for m, lines, _s in CASES.values() if m is TABULAR
                                                             for line in lines} - {tab(i) for i in range(40)})),
    "b64": (PHOTO, [photo(i) for i in range(6)], sorted({line for m, lines, _s in CASES.values() if m is PHOTO
                                                         for line in lines} - {photo(i) for i in range(40)})),
    "image": (IMAGE, [img(i) for i in range(6)], sorted({line for m, lines, _s in CASES.values() if m is IMAGE
                                                         for line in lines} - {img(i) for i in range(40)})),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_block_path_matches_per_line_path_on_random_files(data) -> None:
    model, good, bad = _POOL[data.draw(st.sampled_from(sorted(_POOL)), label="model")]
    n = data.draw(st.integers(1, 30), label="lines")
    lines = [data.draw(st.sampled_from(good)) for _ in range(n)]
    for _ in range(data.draw(st.integers(0, 2), label="changes")):
        lines[data.draw(st.integers(0, n - 1))] = data.draw(st.sampled_from(bad))
    for _ in range(data.draw(st.integers(0, 3), label="blank lines")):
        lines.insert(data.draw(st.integers(0, len(lines))), data.draw(st.sampled_from([b"", b" ", b"\t", b"\r"])))
    sep = data.draw(st.sampled_from([b"\n", b"\r\n"]), label="line ending")
    text = sep.join(lines) + (sep if data.draw(st.booleans(), label="final newline") else b"")
    chunk_lines = data.draw(st.integers(1, 6), label="chunk_lines")
    target = data.draw(st.sampled_from(["tf-serving", "vertex", "ai-platform"]), label="target")
    read_bytes = data.draw(st.sampled_from([5, 64, 1000, 1 << 22]), label="read size")
    ref = summary(validate_jsonl(io.BytesIO(text), model, target=target, chunk_lines=chunk_lines, blocks=False))
    saved = lines_mod.READ_BYTES
    lines_mod.READ_BYTES = read_bytes
    try:
        got = summary(validate_jsonl(io.BytesIO(text), model, target=target, chunk_lines=chunk_lines))
    finally:
        lines_mod.READ_BYTES = saved
    assert got == ref


@pytest.mark.parametrize("read_bytes", [7, 100, 1 << 22])
def test_both_cutters_note_the_first_blank_line(read_bytes: int, monkeypatch) -> None:
    """The first blank line (number and bytes) is the same from both cutters, wherever the blocks end."""
    monkeypatch.setattr(lines_mod, "READ_BYTES", read_bytes)
    for text, first in [(b"[1]\n[2]\n\n[3]\n \n", (3, b"")), (b"[1]\r\n\t\r\n[2]\r\n", (2, b"\t\r")),
                        (b"[1]\n[2]\n  ", (3, b"  ")), (b"[1]\n[2]\n", None), (b"\n", (1, b""))]:
        noted = []
        for cut in (lines_mod.block_chunks, lines_mod.line_chunks):
            blanks = lines_mod.BlankLines()
            chunks = list(cut(io.BytesIO(text), 1, 1 << 20, blanks))
            noted.append((blanks.first, [list(c.numbers) for c in chunks]))
        assert noted[0] == noted[1] and noted[0][0] == first, text
    assert lines_mod.gcloud_empty(b"\r") and lines_mod.gcloud_empty(b"") and not lines_mod.gcloud_empty(b" \r")
