"""TensorFlow Lite's converter and interpreter in the explain index (#15), from scripts/explain_index_tflite.py.

The texts of tests/explain/data/provoked_tflite.jsonl were provoked, not copied from threads: small Keras / tf.function
models converted with TF 2.21's tf.lite.TFLiteConverter (ops needing SELECT_TF_OPS or custom ops, TensorList loops,
full-integer quantization without or with a wrong representative_dataset, wrong inference types, 16x8 quantization
of ops the quantizer lacks, a missing SavedModel), and .tflite files loaded, fed and run with TF 2.21's
tf.lite.Interpreter, ai-edge-litert 2.3.0 and tflite-runtime 2.14.0 (invoke / get_tensor before allocate_tensors,
a folder or no path given, another file format, arrays of another dtype, rank or size, a batch on a batch-1 model,
Flex and custom ops without their kernels, the signature runner's calls, held internal data, a missing Edge TPU
library; ai-edge-litert's CompiledModel API: a file it cannot build, buffers written with another size or dtype, unknown
signatures and inputs, run without buffers, a resize of another rank - with the log LiteRT prints before, its
OpenVINO plugin warning included), and by tflite-runtime 2.7.0 (Python 3.8) loading a model with ops newer than it.  Each row holds the text
as Python printed its exception (ValueError: …, RuntimeError: …, ConverterError: … with the MLIR diagnostics), the
category and a word the cause or first step must hold.  No TensorFlow is imported here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sigcheck.explain import explain_text

from .reading import best as _read
from .reading import rows_in_index, said, source_module

tflite = source_module("explain_index_tflite")
DATA = Path(__file__).parent / "data" / "provoked_tflite.jsonl"
PROVOKED = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(tflite.ROWS):
        assert re.match(r"tensorflow \d+\.\d+\.\d+ tensorflow/(?:lite/|libtensorflow_)|ai-edge-litert \d+\.\d+\.\d+ "
                        r"ai_edge_litert/", source), source  # the installed TensorFlow's file, or the LiteRT wheel's
        if category:
            assert e["fix"] and e["meaning"]
        else:  # a wrapper around the message before it, or the converter's own op set or settings (a reading with
            # its fix)
            assert "wrapper around" in e["reading"] or (e["fix"] and "not a serving" in e["reading"])


def test_rows_do_not_repeat_what_other_modules_read() -> None:
    """No template of this module is the template of another index entry (explain_index_runtimes and the mobile,
    devices and converters modules read the other TFLite messages)."""
    from .reading import index_entries

    mine = {r[1] for r in tflite.ROWS}
    others = {e["template"] for e in index_entries() if e["pattern"] not in mine}
    assert not {r[0] for r in tflite.ROWS} & others


def _fast_quotes() -> list[tuple[str, str, tuple[str, ...]]]:
    """The quotes whose files are small enough to read in a test: the TFLite runtime library (15 MB), the Python
    files and the LiteRT wheel's; the converter's libtensorflow_cc / libtensorflow_framework quotes are checked by
    every index build."""
    return [(t, path, pieces) for t, qs in tflite.QUOTES.items() for path, pieces in qs
            if path == tflite.LIB or path.endswith(".py") or path.startswith(tflite.LITERT)]


def test_each_row_quotes_the_installed_tensorflow() -> None:
    quotes = [q for q in _fast_quotes() if not q[1].startswith(tflite.LITERT)]
    if not (tflite.TF / tflite.LIB).exists():
        pytest.skip(f"TensorFlow's TFLite runtime is not installed under {tflite.TF}")
    texts = {path: tflite.quote_text(path) for _, path, _ in quotes}
    for template, path, pieces in quotes:
        for piece in pieces:
            assert piece in texts[path], (template, path, piece)
    assert len(quotes) >= 30


def test_each_litert_row_quotes_the_wheel() -> None:
    quotes = [q for q in _fast_quotes() if q[1].startswith(tflite.LITERT)]
    assert len(quotes) >= 7
    if tflite.quote_text(quotes[0][1]) is None:
        pytest.skip(f"no ai-edge-litert {tflite.LITERT_VERSION} wheel under {tflite.LITERT_WHEELS} (pip download "
                    f"--no-deps ai-edge-litert=={tflite.LITERT_VERSION} -d DIR)")
    for template, path, pieces in quotes:
        for piece in pieces:
            assert piece in tflite.quote_text(path), (template, path, piece)


def test_a_quote_not_in_its_file_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    template = next(t for t, qs in tflite.QUOTES.items() if qs[0][0] == tflite.INTERP_PY)
    if not (tflite.TF / tflite.INTERP_PY).exists():
        pytest.skip("TensorFlow's lite/python/interpreter.py is not installed")
    monkeypatch.setattr(tflite, "ROWS", [r for r in tflite.ROWS if r[0] == template])
    monkeypatch.setitem(tflite.QUOTES, template, [(tflite.INTERP_PY, ("raise ValueError('Model not allocated')",))])
    with pytest.raises(SystemExit, match="not in"):
        tflite.check_quotes()


@pytest.mark.parametrize("row", PROVOKED, ids=[r["id"] for r in PROVOKED])
def test_a_provoked_text_reads_to_its_category_and_a_fix_naming_the_cause(row: dict) -> None:
    if row["category"] == "unknown":  # no category fits: the reading the human view shows names the fix
        from sigcheck.explain import explain_text, read_unknown

        assert explain_text(row["text"]) == []
        assert row["word"] in " ".join(read_unknown(row["text"]).readings)
        return
    d = _read(row["text"])
    assert d.category == row["category"], (d.category, d.cause)
    assert row["word"] in said(d), said(d)


def test_the_provoked_set_covers_the_converter_and_three_runtimes() -> None:
    for runtime in ("tensorflow 2.21.0 tf.lite.TFLiteConverter", "tensorflow 2.21.0 tf.lite.Interpreter",
                    "ai-edge-litert 2.3.0 ai_edge_litert.interpreter", "ai-edge-litert 2.3.0 ai_edge_litert.compiled_model",
                    "tflite-runtime 2.14.0", "tflite-runtime 2.7.0"):
        assert any(r["runtime"].startswith(runtime) for r in PROVOKED), runtime
    assert sum(r["id"].startswith("tflite-convert-") for r in PROVOKED) >= 15
    assert len({r["category"] for r in PROVOKED}) >= 8


@pytest.mark.parametrize("text, category", [
    # a kernel's rank check: its numbers decide (one dimension short of 4 is one example without its batch axis)
    ("RuntimeError: tensorflow/lite/kernels/conv.cc:345 input->dims->size != 4 (3 != 4)Node number 0 (CONV_2D) "
     "failed to prepare.", "missing_batch_dimension"),
    ("RuntimeError: /tensorflow/tensorflow/lite/kernels/conv.cc:344 input->dims->size != 4 (2 != 4)Node number 0 "
     "(CONV_2D) failed to prepare.", "input_shape_mismatch"),
    # ResizeInputTensorStrict: the batch fixed at 1 by the converter, or another size in a fixed dimension
    ("RuntimeError: Attempting to resize dimension 0 of tensor 0 with value 1 to 32. ResizeInputTensorStrict only "
     "allows mutating unknown dimensions identified by -1.", "fixed_batch_size_in_graph"),
    ("RuntimeError: Attempting to resize dimension 2 of tensor 0 with value 224 to 256. ResizeInputTensorStrict "
     "only allows mutating unknown dimensions identified by -1.", "input_shape_mismatch"),
])
def test_the_numbers_decide(text: str, category: str) -> None:
    assert _read(text).category == category


@pytest.mark.parametrize("text", [
    "ERROR: Embedding Lookup: index out of bounds. Got 30522, and bounds are [0, 29999]\nERROR: Node number 0 "
    "(EMBEDDING_LOOKUP) failed to invoke.",
    "RuntimeError: gather_nd index out of boundsNode number 5 (GATHER_ND) failed to invoke.",
])
def test_an_index_out_of_its_table_is_read_as_ids_of_another_vocabulary(text: str) -> None:
    """The kernels' own wording (EmbeddingLookup's format string, GatherNd's literal) leads TensorFlow's generic
    'Index out of bounds' family entry, whose advice is about image shapes; the numbers are ids, not a shape."""
    d = _read(text)
    assert d.category == "input_shape_mismatch" and "tokenizer" in said(d), said(d)
    assert "model wants" not in d.cause


@pytest.mark.parametrize("text", [
    "RuntimeError: Node number 3 (CONV_2D) failed to prepare.",
    "ValueError: Failed to construct interpreter",
    "ConverterError: Could not translate MLIR to FlatBuffer.",
])
def test_a_wrapper_alone_claims_no_cause(text: str) -> None:
    """TFLite's wrappers (the node line, the builder's failure, the converter's first line) say that something
    failed, not what: alone they give no category of their own (the fallbacks may still read the words)."""
    from sigcheck.explain.index import match

    hits = [h for h in match(text) if h.entry.template in {r[0] for r in tflite.ROWS}]
    assert hits and all(h.category is None for h in hits), [h.entry.template for h in hits]


def test_the_inner_message_leads_its_wrapper() -> None:
    """A Flex op named only in the node line reads as the missing Flex delegate; an unresolved custom op before it
    as the custom op (not the Flex advice)."""
    flex = _read("ERROR: Node number 3 (FlexErf) failed to prepare.")
    assert flex.category == "runtime_version_mismatch" and "Flex delegate" in said(flex)
    custom = explain_text("RuntimeError: Encountered an unresolved custom op. Did you miss a custom op or delegate?"
                          "Node number 0 (MatrixDeterminant) failed to invoke.")[0]
    assert custom.category == "runtime_version_mismatch" and "custom op" in said(custom)
