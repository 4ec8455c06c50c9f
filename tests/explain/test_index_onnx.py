"""The ONNX ecosystem (onnxruntime, onnx, tf2onnx) in the explain index (#15), from scripts/explain_index_onnx.py.

The texts of tests/explain/data/provoked_onnx.jsonl were provoked with onnxruntime 1.32.0, onnx 1.23.2 and tf2onnx
1.17.0 installed in a scratch virtualenv (and onnxruntime-common 1.31.1 under node) (models built with onnx.helper: an opset and an IR version above the
runtime's, an unknown and a custom-domain op, ops given types or input counts their schema does not take, a cut
file, a SavedModel's .pb, a Git LFS pointer, external data moved away; sessions fed another rank, size, dtype or
name; a Keras model and tf.Modules exported by the project's TensorFlow 2.21 and converted by tf2onnx) and are
recorded as the libraries printed them (``f"{module}.{class}: {error}"``, tf2onnx's log lines).  Each must be read to
its category with a cause or first step that names what the message means (``says``); the ones that are not about
the model (execution providers) to no category, their reading saying what to install.  No test needs onnxruntime.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sigcheck.explain import explain_text, read_unknown

from .reading import a_wrong_quote_stops_the_build, quotes_at_their_commits, rows_in_index, said, source_module

onnx = source_module("explain_index_onnx")
PROVOKED = Path(__file__).parent / "data" / "provoked_onnx.jsonl"
CASES = [json.loads(line) for line in PROVOKED.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(onnx.ROWS):
        assert re.match(r"(github\.com/[\w.-]+/[\w.-]+@[0-9a-f]{12} |onnxruntime \d+\.\d+\.\d+ |npm onnxruntime-common "
                        r"\d+\.\d+\.\d+ )\S", source), source
        assert (e["fix"] and e["meaning"]) if category else e["reading"]


@pytest.mark.parametrize("repo", [onnx.ONNX_REPO, onnx.TF2ONNX_REPO])
def test_each_row_quotes_its_source_at_its_commit(repo: str) -> None:
    """The onnx and tf2onnx rows' pieces are in their files at the commits named (the git mirrors)."""
    assert quotes_at_their_commits(onnx, repo, "the build checks them where the mirror is") > 0


def test_onnxruntime_rows_quote_the_release_wheel() -> None:
    """onnxruntime's pieces are in the 1.32.0 wheel's pybind module / Python file (the build fetches the wheel into
    explain_index_tf1's WHEELS folder; this test never downloads it)."""
    quotes = [q for qs in onnx.QUOTES.values() for q in qs if q.repo == onnx.ORT_PYPI]
    assert len(quotes) >= 20
    checked = 0
    for q in quotes:
        text = onnx.read_source(q.repo, q.commit, q.path, fetch=False)
        if text is None:
            pytest.skip(f"no onnxruntime {q.commit} wheel in {onnx.WHEELS} (the index build fetches it)")
        for piece in q.pieces:
            assert piece in text, (q.path, piece)
        checked += 1
    assert checked == len(quotes)


def test_onnxruntime_common_rows_quote_the_npm_package() -> None:
    """onnxruntime-common's pieces are in the 1.31.1 tarball's dist/cjs files (the build fetches it with npm pack)."""
    quotes = [q for qs in onnx.QUOTES.values() for q in qs if q.repo == onnx.ORTJS_NPM]
    assert len(quotes) >= 6
    for q in quotes:
        text = onnx.read_source(q.repo, q.commit, q.path, fetch=False)
        if text is None:
            pytest.skip(f"no onnxruntime-common {q.commit} tarball in {onnx.WHEELS} (the index build fetches it)")
        for piece in q.pieces:
            assert piece in text, (q.path, piece)


def test_a_quote_not_in_its_source_fails_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    a_wrong_quote_stops_the_build(onnx, onnx.ONNX_REPO, "Your model ir_version is lower than the checker's",
                                  monkeypatch)


def test_each_row_reads_its_own_example() -> None:
    """Each row's example (as the library prints it) is read to the row's category, or to what its decider chooses
    from the numbers (a Concat whose axis 0 differs: a batch fixed in the graph)."""
    decided = {"concat_mkl": "fixed_batch_size_in_graph"}
    for template, _, _, category, _, _, example, *rest in onnx.ROWS:
        found = explain_text(example)
        want = decided.get(rest[0], category) if rest else category
        if category is None:
            assert not found or found[0].category is None, template
            continue
        assert found and found[0].category == want, (template, found[0].category if found else None)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_provoked_text_is_read_to_its_cause(case: dict) -> None:
    found = explain_text(case["text"])
    if case["category"] is None:
        assert not found or found[0].category is None, found[0].category
        words = said(found[0]) if found else json.dumps(read_unknown(case["text"]).to_json())
    else:
        assert found, case["text"]
        assert found[0].category == case["category"]
        words = said(found[0])
    assert case["says"].lower() in words.lower(), words


def test_conv_rank_rows_follow_the_numbers() -> None:
    """X num_dims against W num_dims: one axis fewer is the batch missing, one more an extra level, any other
    difference a shape of another kind; the patterns count the dimensions, not the wording."""
    head = ("[ONNXRuntimeError] : 1 : FAIL : Non-zero status code returned while running Conv node. Name:'conv' "
            "Status Message: X num_dims does not match W num_dims. ")
    assert explain_text(head + "X: {3,224,224} W: {64,3,7,7}")[0].category == "missing_batch_dimension"
    assert explain_text(head + "X: {1,1,3,224,224} W: {64,3,7,7}")[0].category == "extra_batch_dimension"
    assert explain_text(head + "X: {1,64} W: {8,1,3}")[0].category == "missing_batch_dimension"
    assert explain_text(head + "X: {224,224} W: {64,3,7,7}")[0].category == "input_shape_mismatch"


def test_concat_axis_decides() -> None:
    """A Concat whose inputs differ on axis 0 has a batch fixed in the graph; on another axis, an input's size."""
    text = ("Non-zero status code returned while running Concat node. Name:'model/concatenate/concat' Status "
            "Message: concatbase.h:135 PrepareForComputeImpl Non concat axis dimensions must match: Axis {} has "
            "mismatched dimensions of 8 and 1")
    assert explain_text(text.format(0))[0].category == "fixed_batch_size_in_graph"
    assert explain_text(text.format(2))[0].category == "input_shape_mismatch"
