"""A checkpoint that is not at its path, or is not a checkpoint, is told as the model's files not found; a
SavedModel's own variables/ files missing stays a partial copy of the model (#15).

The messages are TensorFlow's own (tensorflow/core/util/tensor_slice_reader.cc and table readers, in the installed
libtensorflow_framework.so.2): ``Unsuccessful TensorSliceReader constructor: Failed to find any matching files for
PREFIX``, ``... Failed to get matching files on PREFIX: ...`` and ``Unable to open table file PATH: ...``.  The path
they name decides (index decider ``checkpoint_path``).
"""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


@pytest.mark.parametrize("text", [
    "tensorflow.python.framework.errors_impl.NotFoundError: Unsuccessful TensorSliceReader constructor: Failed to "
    "find any matching files for /opt/models/pacbio/model.ckpt",
    "NotFoundError: Unsuccessful TensorSliceReader constructor: Failed to find any matching files for "
    "./checkpoints/model.ckpt-600",
    "Unsuccessful TensorSliceReader constructor: Failed to get matching files on gs://bucket/run/ckpt-12: Permission "
    "denied: Error executing an HTTP request",
])
def test_a_checkpoint_prefix_not_there(text: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant == "checkpoint"
    assert "saved_model.pb" not in top.cause
    assert "latest_checkpoint" in top.steps[0]
    assert not top.evidence["path"].endswith(":")


def test_a_savedmodels_variables_missing_is_a_partial_copy() -> None:
    top = explain_text("Loading servable: {name: m version: 1} failed: NOT_FOUND: Unsuccessful TensorSliceReader "
                       "constructor: Failed to find any matching files for /models/m/1/variables/variables")[0]
    assert top.category == "variables_not_restored"


def test_a_key_missing_from_a_checkpoint_is_still_read_as_before() -> None:
    top = explain_text("NotFoundError: Key dense/kernel not found in checkpoint\n\t [[{{node save/RestoreV2}}]]")[0]
    assert top.category == "variables_not_restored"


def test_a_savedmodel_folder_under_a_checkpoints_folder_is_not_a_checkpoint() -> None:
    top = explain_text("Could not find SavedModel .pb or .pbtxt at supplied export directory path: "
                       "/tmp/checkpoints/export/1")[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant != "checkpoint"
