"""TensorFlow 1.x's own Python messages in explain's index (#15): scripts/explain_index_tf1.py reads them from the
tensorflow 1.15.5, 1.8.0 and tensorflow_estimator 1.15.1 wheels by rule.  The texts below are those messages formatted from their templates (as
TF 1.x prints them: ``ValueError: `` + the message); each reads to its category with a first step naming the cause.
Reads the committed messages.json only: no wheel, no network, no TensorFlow import."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text, read_unknown
from sigcheck.explain.index import INDEX_PATH

ENTRIES = json.loads(INDEX_PATH.read_text())["entries"]

CASES = [
    # text as TF 1.x prints it | category | the first step names (regex)
    # tensorflow 1.8 python/framework/importer.py import_graph_def (tf.import_graph_def / import_meta_graph)
    ("ValueError: No op named GatherV2 in defined operations.", "runtime_version_mismatch",
     r"op|version"),
    ("ValueError: No op named HorovodAllreduce in defined operations.", "runtime_version_mismatch",
     r"custom op|library|import"),
    # tensorflow 1.15 python/framework/meta_graph.py stripped_op_list_for_graph (export_meta_graph, Saver.save)
    ("ValueError: Op GatherTree is used by the graph, but is not registered", "runtime_version_mismatch",
     r"custom op|library|import"),
    # tensorflow 1.15 python/framework/meta_graph.py export_scoped_meta_graph
    ("ValueError: GraphDef cannot be larger than 2GB.", "model_too_large", r"constant|variables"),
    # tensorflow 1.15 python/training/saver.py Saver._build / Saver.restore
    ("ValueError: No variables to save", "variables_not_restored", r"graph|Saver"),
    ("ValueError: Can't load save_path when it is None.", "savedmodel_not_found", r"latest_checkpoint|checkpoint"),
    # tensorflow 1.15 python/saved_model/loader_impl.py _get_main_op_tensor
    ("RuntimeError: Expected exactly one SavedModel init op. Found: [<tf.Operation 'init_all_tables' type=NoOp>, "
     "<tf.Operation 'group_deps' type=NoOp>]", "initializer_missing_in_export", r"single init op|one"),
    # tensorflow 1.15 python/keras/engine/input_spec.py assert_input_compatibility
    ("ValueError: Input 0 is incompatible with layer dense: expected shape=(None, 784), found shape=(None, 28, 28)",
     "input_shape_mismatch", r"shape"),
    # tensorflow 1.15 python/keras/saving/hdf5_format.py load_weights_from_hdf5_group_by_name
    # (another number of weights: a model built otherwise, as Keras 2 / 3 say it -- explain_index_keras's
    # WEIGHTS_OF_ANOTHER_MODEL; the same sizes in another order: a kernel laid out by another framework or version)
    ('ValueError: Layer #3 (named "dense_1") expects 2 weight(s), but the saved weights have 1 element(s).',
     "runtime_version_mismatch", r"architecture"),
    ('ValueError: Layer #0 (named "conv2d"), weight <tf.Variable \'conv2d/kernel:0\' shape=(3, 3, 3, 32) '
     "dtype=float32_ref> has shape (3, 3, 3, 32), but the saved weight has shape (32, 3, 3, 3).",
     "runtime_version_mismatch", r"layout"),
    # (weights of other sizes: the code built the model with another number of classes than the run that trained)
    ('ValueError: Layer #391 (named "mrcnn_bbox_fc"), weight <tf.Variable \'mrcnn_bbox_fc/kernel:0\' '
     "shape=(1024, 12) dtype=float32> has shape (1024, 12), but the saved weight has shape (1024, 16).",
     "model_graph_shape_bug", r"number of classes"),
    # tensorflow 1.15 python/keras/engine/sequential.py Sequential.add
    ("TypeError: The added layer must be an instance of class Layer. Found: <keras.layers.core.Dense object at "
     "0x7f0e4c0b8d30>", "runtime_version_mismatch", r"one Keras"),
    # tensorflow 1.15 python/keras/engine/training.py _validate_or_infer_batch_size / _standardize_user_data
    ("ValueError: The `batch_size` argument value 32 is incompatible with the specified batch size of your Input "
     "Layer: 1", "fixed_batch_size_in_graph", r"batch size"),
    ("ValueError: In a stateful network, you should only pass inputs with a number of samples that can be divided by "
     "the batch size. Found: 10 samples", "fixed_batch_size_in_graph", r"batch size"),
    # tensorflow_estimator 1.15 estimator.py _export_all_saved_models / _check_checkpoint_available
    ("ValueError: Couldn't find trained model at /tmp/tmpk2xo3b1z.", "variables_not_restored", r"model_dir"),
    ("ValueError: Could not find trained model in model_dir: gs://bucket/model.", "variables_not_restored",
     r"model_dir"),
    # tensorflow 1.15 python/framework/ops.py Graph._as_graph_element_locked (get_operation_by_name, a fetch by name)
    ('KeyError: "The name \'import/input\' refers to an Operation not in the graph."', "input_keys_mismatch",
     r"get_operations|import/"),
    # tensorflow 1.15 python/framework/ops.py Tensor.__hash__ (TF1 code, tensors as feed_dict keys, under v2 behaviour)
    ("TypeError: Tensor is unhashable if Tensor equality is enabled. Instead, use tensor.experimental_ref() as the "
     "key.", "runtime_version_mismatch", r"TensorFlow 1"),
    # tensorflow 1.15 python/framework/ops.py Tensor.__array__ (an LSTM built by TF <= 2.4 under NumPy >= 1.20)
    ("NotImplementedError: Cannot convert a symbolic Tensor (lstm/strided_slice:0) to a numpy array.",
     "runtime_version_mismatch", r"numpy<1\.20|NumPy >= 1\.20"),
]


@pytest.mark.parametrize("text, category, step", CASES, ids=[c[0][:40] for c in CASES])
def test_tf1_messages_read_to_their_cause(text: str, category: str, step: str) -> None:
    found = explain_text(text)
    assert found and found[0].category == category, [d.category for d in found]
    assert re.search(step, found[0].steps[0], re.I), found[0].steps[0]


def test_an_existing_export_directory_is_read_not_categorised() -> None:
    # tensorflow 1.15 python/saved_model/builder_impl.py SavedModelBuilder.__init__
    text = ("AssertionError: Export directory already exists, and isn't empty. Please choose a different export "
            "directory, or delete all the contents of the specified directory: /models/m/1")
    assert explain_text(text) == []
    assert any("already holds files" in r for r in read_unknown(text).readings), read_unknown(text).readings


@pytest.mark.parametrize("text, says", [
    # tensorflow 1.15 python/client/session.py BaseSession._run
    ("RuntimeError: Attempted to use a closed Session.", "closed"),
    ("RuntimeError: The Session graph is empty.  Add operations to the graph before calling run().", "no ops"),
])
def test_session_misuse_is_read_not_categorised(text: str, says: str) -> None:
    assert explain_text(text) == []
    assert any(says in r for r in read_unknown(text).readings), read_unknown(text).readings


def test_the_entries_name_their_tf1_wheel() -> None:
    wheels = r"(?:tensorflow 1\.(?:15\.5|8\.0) tensorflow(?:_core)?/python/|tensorflow_estimator 1\.15\.1 )"
    mine = [e for e in ENTRIES if re.match(wheels, e["source"])]
    assert len(mine) >= 15, [e["template"] for e in mine]
    for e in mine:
        assert re.search(e["pattern"], e["example"], re.I), e["template"]
