"""Older releases' C++ messages in explain's index (#15): scripts/explain_index_releases.py reads them from the
shared libraries of the tensorflow 1.15.5, tensorflow-cpu 2.4.4 and tflite-runtime 2.7.0 wheels by the 2.21 build's
rules.  The texts below are those messages as the runtimes print them (a TF log line with its ``file.cc:NNN]``
prefix, a Python exception, a Java / Android log, TFLite's ``file.cc:LINE cond (a != b)``); each reads to its
category with a first step naming the cause.  The reading tests use the committed messages.json only (no wheel, no
network, no TensorFlow); the tests that look into the wheels skip when they are not on this machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.explain.reading import best, index_entries, source_module

RELEASES = r"^(?:tensorflow 1\.15\.5|tensorflow-cpu 2\.4\.4|tflite-runtime 2\.7\.0) \S+\.so(?:\.\d)?[ ;]"
"""The source of an entry this module made: a release and one of its shared libraries (explain_index_tf1's entries
name the same wheels' Python files)."""

CASES = [
    # text as the older runtime prints it | category | the first step names (regex)
    # tflite-runtime 2.7 core/subgraph.cc TF_LITE_ENSURE_EQ(required_bytes, bytes), through pycoral's run_inference:
    # a float32 model (4 bytes a value) handed a uint8 buffer, cut short as a copy from a web page leaves it
    ("RuntimeError: external/org_tensorflow/tensorflow/lite/core/subgraph.cc:1044 required_bytes != bytes "
     "(3686400 != 921600", "dtype_mismatch", r"input is float32 \(4 bytes a value\).*one byte a value"),
    ("RuntimeError: tensorflow/lite/core/subgraph.cc:1044 required_bytes != bytes (150528 != 602112)Node number 0 "
     "(edgetpu-custom-op) failed to invoke.", "dtype_mismatch", r"input is quantized \(1 byte a value"),
    # another ratio: an image of another size, not a dtype
    ("RuntimeError: tensorflow/lite/core/subgraph.cc:1044 required_bytes != bytes (150528 != 270000)",
     "input_shape_mismatch", r"image size or channel count"),
    # tensorflow 1.15 core/graph/subgraph.cc FetchOutputs / FeedInputs (the Android demo's TensorFlowInferenceInterface)
    ("E/TensorFlowInferenceInterface: Failed to run TensorFlow inference with inputs:[input], outputs:[output]\n"
     "java.lang.IllegalArgumentException: FetchOutputs node output: not found", "input_keys_mismatch",
     r"output.*not a node of the graph"),
    ("Running model failed: Not found: FetchOutputs node output: not found", "input_keys_mismatch",
     r"final_result|output"),
    ("tensorflow.python.framework.errors_impl.NotFoundError: FeedInputs: unable to find feed output input:0",
     "input_keys_mismatch", r"input:0|input name"),
    # tensorflow 1.15 graph import (import_graph_def's input_map)
    ('ValueError: Requested tensor connection from unknown node: "input:0".', "input_keys_mismatch",
     r"input_map"),
    # tensorflow 1.15 Assign during a Saver restore: a checkpoint of a model built with other sizes (classes)
    ("2019-05-02 10:11:12.123456: W tensorflow/core/framework/op_kernel.cc:1401] OP_REQUIRES failed at "
     "assign_op.h:117 : Invalid argument: Assign requires shapes of both tensors to match. lhs shape= [1024,10] "
     "rhs shape= [1024,5]", "model_graph_shape_bug", r"another shape.*checkpoint"),
    # tensorflow 1.15 shape inference at graph construction, with TF 1.x's "(op: 'X') with input shapes" suffix
    ("ValueError: Dimension 1 in both shapes must be equal, but are 10 and 5. Shapes are [?,10] and [?,5]. for "
     "'concat' (op: 'ConcatV2') with input shapes: [?,10], [?,5], [].", "input_shape_mismatch",
     r"op and the two input shapes"),
    ("ValueError: Shapes must be equal rank, but are 2 and 1 for 'add' (op: 'Add') with input shapes: [10,5], [5].",
     "input_shape_mismatch", r"op and the two input shapes"),
    # family literals 2.21 no longer has: tensorflow-cpu 2.4's decode_image wording, TF 1.15's decode channel check
    ("tensorflow.python.framework.errors_impl.InvalidArgumentError: Unknown image file format. One of JPEG, PNG, "
     "GIF, BMP required. [Op:DecodeImage]", "encoded_image_string_mismatch", r"JPEG|PNG|bytes"),
    ("2018-11-02 09:12:01.000001: W tensorflow/core/framework/op_kernel.cc:1273] OP_REQUIRES failed at "
     "decode_image_op.cc:49 : Invalid argument: channels must be 0, 1, 3 or 4, got 2", "encoded_image_string_mismatch",
     r"JPEG|PNG|image"),
]


@pytest.mark.parametrize("text, category, step", CASES, ids=[c[0][:50] for c in CASES])
def test_older_release_messages_read_to_their_cause(text: str, category: str, step: str) -> None:
    d = best(text)
    assert d.category == category, (d.category, d.steps[:1])
    assert re.search(step, d.steps[0], re.I | re.S), d.steps[0]


def mine() -> list[dict]:
    return [e for e in index_entries() if re.match(RELEASES, e["source"])]


def test_the_entries_name_their_release_and_library() -> None:
    entries = mine()
    assert len(entries) >= 15, [e["template"] for e in entries]
    for e in entries:
        assert re.search(r"\.so(?:\.\d)? \(strings -n 8", e["source"]), e["source"]
        assert re.search(e["pattern"], e["example"], re.I), e["template"]
    families = {e.get("family") for e in entries} - {None}
    assert {"image decode", "parse example"} <= families, families


def test_no_entry_repeats_a_pattern_the_index_holds_otherwise() -> None:
    patterns = [e["pattern"] for e in index_entries()]
    for e in mine():
        assert patterns.count(e["pattern"]) == 1, e["template"]


# ------------------------------------------------------------------------------------------------ the wheels

def _wheels_here() -> bool:
    releases = source_module("explain_index_releases")
    for req, _, _ in releases.RELEASES.values():
        name, version = req.split("==")
        stem = name.replace("-", "_").lower()
        if not any(p.name.lower().startswith(f"{stem}-{version}-") for p in Path(releases.WHEELS).glob("*.whl")):
            return False
    return True


def test_every_rule_literal_is_in_its_release_and_the_2_21_wording_differs() -> None:
    if not _wheels_here():
        pytest.skip("the older TensorFlow / tflite-runtime wheels are not in $SIGCHECK_TF_WHEELS "
                    "(python scripts/explain_index_releases.py fetches them)")
    releases = source_module("explain_index_releases")
    for key, literals, *_ in releases.RELEASE_RULES:
        text = "\n".join(releases.release_strings(key).values())
        for literal in literals:
            assert literal in text, (key, literal)
    # TFLite 2.7 printed the byte check with its numbers; the installed 2.21 says 'required_bytes <= bytes' instead
    old = "\n".join(releases.release_strings("tflite27").values())
    assert "%s:%d %s != %s (%d != %d)" in old and "required_bytes <= bytes" not in old
    for e in mine():
        if e.get("family"):
            held = [lib for lib, text in ((k, v) for key in releases.RELEASES
                                          for k, v in releases.release_strings(key).items())
                    if e["example"] in text]
            assert held, e["example"]
