"""The message index's TensorFlow families (scripts/explain_build_index.py FAMILIES) and the readings fixed after
the threads_2 measurement: decided readings of the innermost message, cut quotes, restore, URL verbs (#15).
Every text here is written for the test, not taken from a thread."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.index import INDEX_PATH

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = json.loads(INDEX_PATH.read_text())["entries"]


def _families() -> list[tuple]:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import explain_build_index as build  # the script only imports stdlib at module level
    finally:
        sys.path.pop(0)
    return build.FAMILIES


def test_every_family_has_entries_from_the_libraries() -> None:
    by_family: dict[str, int] = {}
    names = {f[0] for f in _families()}
    for e in ENTRIES:
        if e.get("family") in names:  # the source modules' broad rules (Rule.family) name their Python files
            # 2.21's libraries, or an older release's (scripts/explain_index_releases.py: "tensorflow 1.15.5 ….so.1")
            assert re.match(r"tensorflow/lib|(?:tensorflow(?:-cpu)?|tflite-runtime) \d[\d.]* \S+\.so", e["source"])
            assert "strings -n 8" in e["source"]
            assert e["category"] and e["meaning"]
            by_family[e["family"]] = by_family.get(e["family"], 0) + 1
    assert sum(by_family.values()) >= 400
    assert names - {"gRPC limits"} <= set(by_family), names - set(by_family)


def test_family_patterns_are_a_literal_and_one_bounded_tail() -> None:
    names = {f[0] for f in _families()}
    for e in ENTRIES:
        if e.get("family") in names:
            assert e["pattern"].endswith(r"(?P<detail>[^\n]{0,160})")
            assert not re.search(r"[*+]", e["pattern"].replace(r"\*", "").replace(r"\+", ""))


@pytest.mark.parametrize("text, category", [
    ("Computed output size would be negative: -3 [input_size: 4, effective_filter_size: 7, stride: 1]",
     "input_shape_mismatch"),
    ("input depth must be evenly divisible by filter depth: 1 vs 3", "input_shape_mismatch"),
    ("reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are non-zero",
     "input_shape_mismatch"),
    ("Invalid JPEG data, size 1024", "encoded_image_string_mismatch"),
    ("Expected image (JPEG, PNG, or GIF), got unknown format starting with '\\377\\330\\000'",
     "encoded_image_string_mismatch"),
    ("Unable to decode bytes as JPEG, PNG, GIF, or BMP", "encoded_image_string_mismatch"),
    ("NodeDef expected inputs 'float, float' do not match 1 inputs specified; Op<name=AddV2>",
     "runtime_version_mismatch"),
])
def test_family_and_older_messages_are_read(text: str, category: str) -> None:
    assert explain_text(text)[0].category == category


def test_a_family_entry_does_not_override_a_specific_reading() -> None:
    assert explain_text('{"error": "input must be 4-dimensional[1,1,1,32,32,3]"}')[0].category == \
        "extra_batch_dimension"


# ---- mechanisms behind threads_2's "read the wrong way" ----------------------------------------------------------

def test_a_post_without_the_verb_is_the_wrong_api() -> None:
    assert explain_text('{ "error": "Malformed request: POST /v1/models/churn" }')[0].category == \
        "wrong_api_or_input_format"
    # with the verb the URL still addresses a model: the reading stays the catalogue's
    assert explain_text('{ "error": "Malformed request: POST /v1/models/churn/versions/x:predict" }')[0].category \
        != "wrong_api_or_input_format"


def test_only_the_innermost_message_numbers_lead() -> None:
    text = ('{ "error": "Malformed request: POST /v1/models/m" }{ "error": "In[0] is not a matrix. Instead it has '
            'shape [4]\\n\\t [[{{node dense/BiasAdd}}]]" }')
    assert explain_text(text)[0].category == "missing_batch_dimension"


@pytest.mark.parametrize("text", [
    "Key conv1/bias/Momentum not found in checkpoint\n\t [[{{node save/RestoreV2}}]]",
    "Could not find resource: localhost/head/weights",
])
def test_restore_messages_are_variables_not_restored(text: str) -> None:
    assert explain_text(text)[0].category == "variables_not_restored"


def test_a_cut_placeholder_name_is_still_read() -> None:
    assert explain_text("You must feed a value for placeholder tensor 'dropout/keep_pr")[0].category == \
        "unfed_placeholder"


def test_decoded_pixels_fed_to_a_string_vector() -> None:
    text = "Cannot feed value of shape (1, 96, 96, 3) for Tensor 'jpeg_bytes:0', which has shape '(?,)'"
    assert explain_text(text)[0].category == "encoded_image_string_mismatch"


def test_a_batched_training_scalar_is_a_scalar_input() -> None:
    text = "Incompatible shapes: [5,40,16] vs. [5]\n\t [[{{node dropout/mul}}]]"
    assert explain_text(text)[0].category == "scalar_input"
