"""#15: a missing batch level, a per-example shape or extra nesting, read from the numbers of the message
(sigcheck/explain/causes.py levels, shared by index.py's ``rank`` decider and the fix rule level_reading), and both
readings in the first step when the numbers fit both.

Texts: the ``levels-*`` records of tests/explain/data/provoked.jsonl (Keras 3.15 as it prints them, provoked by
scripts/explain_provoke.py --group levels) and the messages of Keras 2 / Keras 3's input_spec as their sources write
them (keras 2.15 training_utils_v1.py, keras 3 input_spec.py), with the shapes users meet.
"""

from __future__ import annotations

import re

import pytest

from sigcheck.explain.causes import levels

from .reading import best, provoked_group, said


@pytest.mark.parametrize("record", provoked_group("levels-"), ids=lambda r: r["id"])
def test_provoked_levels(record: dict) -> None:
    d = best(record["error_text"])
    assert d.category == record["category"], said(d)
    assert re.search(record["fix_names"], said(d), re.I), said(d)


def test_the_levels_group_is_recorded() -> None:
    assert len(provoked_group("levels-")) >= 5


# ------------------------------------------------------------------------------------------------ the reading itself


def test_one_level_short() -> None:
    k3 = "is incompatible with the layer: expected shape=("
    assert levels([50, 24], [-1, 50, 24], 2, 3, k3).category == "missing_batch_dimension"
    assert levels([3, 24], [-1, 50, 24], 2, 3, k3).category == "input_shape_mismatch"
    both = levels([32, 24], [-1, 50, 24], 2, 3, k3)  # predict's batch of 32 over 50 rows, or rows of 24 features
    assert both.category is None and both.both
    assert levels([100, 24], None, 2, 3, "").both  # a rank-only message
    assert levels([500, 334, 3], [-1, -1, -1, 3], 3, 4, k3).category == "missing_batch_dimension"  # an image


def test_one_level_deep() -> None:
    assert levels([-1, 1, 28, 28, 1], None, 5, 4, "").category == "extra_batch_dimension"
    assert levels([-1, 28, 28, 3, 1], None, 5, 4, "").category == "input_shape_mismatch"  # channels-like
    assert levels([-1, 10, 28, 28, 1], [-1, 28, 28, 1], 5, 4, "").category == "input_shape_mismatch"  # a stack
    assert levels([-1, 80, 40, 2, 32], None, 5, 4, "").category == "input_shape_mismatch"  # no level of 1
    assert levels([1, 1, 28, 28, 1], None, 5, 4, "") is None  # a batch of one wrapped once more: the decider's
    # a trailing 1 after an image's channels (x[..., None] on images that had them; 2 is grayscale with alpha)
    assert levels([1, 28, 28, 1, 1], None, 5, 4, "").category == "input_shape_mismatch"
    assert levels([1, 64, 64, 2, 1], None, 5, 4, "").category == "input_shape_mismatch"
    assert levels([1, 150, 150, 3], None, 4, 3, "") is None  # no trailing 1: the decider's (a batch of one)


# ------------------------------------------------------------------------------------------------ source messages


def test_keras2_one_dimensional_array() -> None:
    """Keras 2 makes a 1-D array a column (standardize_single_array: np.expand_dims(x, 1))."""
    d = best("ValueError: Error when checking input: expected dense_input to have shape (7,) but got array with "
             "shape (1,)")
    assert d.category == "missing_batch_dimension"
    assert "x.reshape(1, 7)" in d.steps[0] and "build the 7 features" in d.steps[0]


def test_keras2_rank_only_says_both() -> None:
    d = best("ValueError: Error when checking input: expected input_1 to have 3 dimensions, but got array with "
             "shape (100, 24)")
    assert "x[None, ...] gives (1, 100, 24)" in d.steps[0] and "window" in d.steps[0]
    assert "do not tell which" in d.cause


def test_keras_ndim_five_for_four() -> None:
    head = "ValueError: Input 0 of layer conv2d is incompatible with the layer: expected ndim=4, found ndim=5. " \
           "Full shape received: "
    d = best(head + "(None, 1, 28, 28, 1)")
    assert d.category == "extra_batch_dimension" and "np.squeeze(x, axis=1)" in d.steps[0]
    d = best(head + "(None, 28, 28, 3, 1)")
    assert d.category == "input_shape_mismatch" and "np.squeeze(x, -1)" in d.steps[0]
    d = best(head + "(None, 80, 40, 2, 32)")
    assert d.category == "input_shape_mismatch" and "no level of 1" in d.steps[0]


def test_keras_ndim_three_for_a_recurrent_layer() -> None:
    d = best("ValueError: Input 0 of layer lstm is incompatible with the layer: expected ndim=3, found ndim=2. Full "
             "shape received: (None, 24)")
    assert "(timesteps, features)" in said(d)


def test_keras3_squeezed_print_says_both() -> None:
    d = best("ValueError: Input 0 with name 'digit' of layer 'functional_1' is incompatible with the layer: expected "
             "shape=(None, 28, 28, 1), found shape=(1, 1, 28, 28)")
    assert d.category == "extra_batch_dimension"
    assert "np.squeeze(x, axis=1)" in d.steps[0] and "x.transpose(0, 2, 3, 1)" in d.steps[0]


def test_channels_first_image_of_three_channels_is_still_a_layout() -> None:
    """The squeezed-print reading needs the model's trailing 1: an RGB model keeps its channels-first reading."""
    d = best("ValueError: Input 0 with name 'image' of layer 'functional' is incompatible with the layer: expected "
             "shape=(None, 224, 224, 3), found shape=(1, 3, 224, 224)")
    assert d.category == "input_shape_mismatch" and "transpose(0, 2, 3, 1)" in d.steps[0]


def test_a_trailing_axis_of_one_on_non_image_data() -> None:
    """Keras 2's rank check on sequence data (249 steps × 4 one-hot bases) with an extra trailing 1: no 'images'."""
    d = best("ValueError: Error when checking input: expected input_12 to have 3 dimensions, but got array with "
             "shape (4, 249, 4, 1)")
    assert d.category == "input_shape_mismatch"
    assert "np.squeeze(x, -1)" in d.steps[0] and "(249, 4)" in d.steps[0] and "image" not in said(d)


def test_a_symbolic_batch_reads_as_a_per_example_shape_first() -> None:
    """(None, 24) for (None, 50, 24): the batch level is there, each example lacks the 50 (the other reading second)."""
    assert levels([-1, 24], [-1, 50, 24], 2, 3, "").category == "input_shape_mismatch"
    assert levels([-1, 24], None, 2, 3, "").category == "input_shape_mismatch"
    warned = ("WARNING:tensorflow:Model was constructed with shape (None, 50, 24) for input KerasTensor(type_spec="
              "TensorSpec(shape=(None, 50, 24), dtype=tf.float32, name='lstm_input'), name='lstm_input', description="
              "\"created by layer 'lstm_input'\"), but it was called on an input with incompatible shape (None, 24).\n"
              "ValueError: Input 0 of layer lstm is incompatible with the layer: expected ndim=3, found ndim=2. Full "
              "shape received: (None, 24)")
    for text in (warned, warned.splitlines()[-1]):
        d = best(text)
        assert d.category == "input_shape_mismatch", said(d)
        assert d.steps[0].startswith("Give each example") and "x[None, ...]" in d.steps[0]
