"""A checkpoint that is not at its path, or a file that is no checkpoint, is told as the model's files not found; a
folder given where the checkpoint prefix belongs is a reading about the restore's path, no category (3 of 3 labelled
texts, session 18); a SavedModel's own variables/ files missing or damaged stays a partial copy of the model (#15).

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


SAVER = ("NotFoundError: Restoring from checkpoint failed. This is most likely due to a Variable name or other graph "
         "key that is missing from the checkpoint. Please ensure that you have not altered the graph expected based "
         "on the checkpoint. Original error:\n\n")


@pytest.mark.parametrize("text, category, named", [
    # code restoring a checkpoint into the graph it built: the graph has a name the checkpoint lacks
    ("NotFoundError: Key dense/kernel not found in checkpoint\n\t [[{{node save/RestoreV2}}]]",
     "runtime_version_mismatch", "another version of the model code"),
    (SAVER + "Key model/decoder/attention_bias not found in checkpoint\n\t [[{{node save/RestoreV2}}]]",
     "runtime_version_mismatch", "another version of the model code"),
    ('NotFoundError: Tensor name "edge_rnn/cell/candidate/bias" not found in checkpoint files ckpt/model-20',
     "runtime_version_mismatch", "another version of the model code"),
    # an optimizer slot the checkpoint lacks: saved without the optimizer
    ("W tensorflow/core/framework/op_kernel.cc:1192] Not found: Key table/Adam_1 not found in checkpoint",
     "variables_not_restored", "optimizer slot"),
    # a SavedModel's own variables/ that do not match its graph: a mixed or partial copy
    ("I external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:311] Restoring SavedModel bundle.\n"
     "E Not found: Key dense/kernel not found in checkpoint", "variables_not_restored", "another export"),
])
def test_whose_checkpoint_lacks_the_key_decides_the_reading(text: str, category: str, named: str) -> None:
    top = explain_text(text)[0]
    assert top.category == category
    assert named in top.cause
    if category == "runtime_version_mismatch":  # no serving runtime is older than an exporter here
        assert not any("serving runtime" in s or "at least the one that exported" in s for s in top.steps)


@pytest.mark.parametrize("text", [
    "ValueError: Layer count mismatch when loading weights from file. Model expected 2 layers, found 1 saved layers.",
    "ValueError: Layer 'dense' expected 1 variables, but received 2 variables during loading. Expected: ['kernel']",
])
def test_weights_that_do_not_fit_the_model_come_from_another_model_version(text: str) -> None:
    top = explain_text(text)[0]
    assert top.category == "runtime_version_mismatch"
    assert "exported" not in top.cause  # the export-vs-serving sentence does not apply to a weights file
    assert not any("serving runtime" in s or "at least the one that exported" in s for s in top.steps)


def test_a_savedmodel_folder_under_a_checkpoints_folder_is_not_a_checkpoint() -> None:
    top = explain_text("Could not find SavedModel .pb or .pbtxt at supplied export directory path: "
                       "/tmp/checkpoints/export/1")[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant != "checkpoint"


def test_a_checkpoint_state_file_naming_a_prefix_that_is_not_there() -> None:
    """TensorFlow's ``Couldn't match files for checkpoint %s`` (python/checkpoint/checkpoint_management.py, logged by
    tf.train.latest_checkpoint): the folder's 'checkpoint' file names a prefix whose files are not there."""
    top = explain_text("ERROR:tensorflow:Couldn't match files for checkpoint /models/coconet/model.ckpt")[0]
    assert top.category == "savedmodel_not_found"
    assert top.evidence["path"] == "/models/coconet/model.ckpt"
    assert "model_checkpoint_path in the folder's 'checkpoint' file" in top.steps[0]


def test_the_reader_logging_a_shard_it_cannot_open() -> None:
    """tensor_slice_reader.cc's LOG(WARNING) 'Could not open FILE: STATUS' for a .data shard given as the checkpoint
    (OpenTableTensorSliceReader): the prefix belongs there."""
    top = explain_text("W tensorflow/core/util/tensor_slice_reader.cc:95] Could not open "
                       "ckpt/gan.ckt.data-00000-of-00001: Data loss: not an sstable (bad magic number): perhaps your "
                       "file is in a different file format and you need to use a different restore operator?")[0]
    assert top.category == "savedmodel_not_found"
    assert top.evidence["path"] == "ckpt/gan.ckt.data-00000-of-00001"
    assert "latest_checkpoint" in top.steps[0] and "never one of those files" in top.steps[0]


@pytest.mark.parametrize("text", [
    "tensorflow.python.framework.errors_impl.DataLossError: Unable to open table file art/tfckpt: FAILED_PRECONDITION: "
    "art/tfckpt; Is a directory: perhaps your file is in a different file format and you need to use a different "
    "restore operator?",
    "W0000 00:00:1796688311.632348    8915 tensor_slice_reader.cc:98] Could not open art/tfckpt: FAILED_PRECONDITION: "
    "art/tfckpt; Is a directory: perhaps your file is in a different file format and you need to use a different "
    "restore operator?",
])
def test_a_restore_given_a_folder_is_a_reading_about_its_path(text: str) -> None:
    """tensor_bundle's 'Unable to open table file' and tensor_slice_reader's 'Could not open' for a folder where the
    prefix belongs: the code's path, not the request or model."""
    from sigcheck.explain import read_unknown

    assert explain_text(text) == []
    said = " ".join(read_unknown(text).readings)
    assert "not about the request or model" in said and "latest_checkpoint('art/tfckpt')" in said


def test_a_savedmodels_own_shard_that_cannot_be_opened_is_a_partial_copy() -> None:
    top = explain_text("W tensorflow/core/util/tensor_slice_reader.cc:95] Could not open "
                       "/models/m/1/variables/variables.data-00000-of-00001: Data loss: not an sstable")[0]
    assert top.category == "variables_not_restored"
