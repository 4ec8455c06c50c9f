"""A version stated as the reason, in any library's words (#15): "only supports models saved in tensorflow1.15.x",
"we only support V3 now", "the model version is too old to be loaded", "model version ERROR", "version mismatch" —
read by the message's kind as a version mismatch between the model and what loads it (kinds._VERSION_REQUIRED),
with the version it names, at the kind's low confidence."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


@pytest.mark.parametrize("text, named", [
    ("Model ./movenet is of type tensorflow2.x. As of now, tensorflow-neuron only supports models saved in "
     "tensorflow1.15.x. Please save your model with tensorflow1.15.x and try again.", "1.15"),
    # a kmodel loader's header line, then its refusal (with no word of a model, a bare line is not read)
    ("v=1263354956, flag=4, arch=0, layer len=1, mem=1926400, out cnt=127\nerr: we only support V3 now, get "
     "V1263354956", "only 3"),
    ("UnsupportedDialogueModelError: The model version is to old to be loaded by this instance. Either retrain the "
     "model, or run with an older version.", "version does not fit"),
    # (MNN's 'TFlite model version ERROR!' is read by the index from MNN's source since explain_index_engines: its
    # reading, not the kind's, is tested in tests/explain/test_index_engines.py)
])
def test_a_version_stated_as_the_reason_reads_as_a_version_mismatch(text: str, named: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "runtime_version_mismatch"
    assert named in top.cause
    assert top.confidence < 0.5  # read by the message's kind: said as the lowest confidence


@pytest.mark.parametrize("text", [
    "ValueError: Input 0 is incompatible with layer: expected shape=(None, 3), found shape=(None, 4)",
    "the request only supports 3 instances",  # a count, not about a model's version
])
def test_other_texts_are_not_read_as_versions(text: str) -> None:
    found = explain_text(text)
    assert not found or found[0].category != "runtime_version_mismatch"
