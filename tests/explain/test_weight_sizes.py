"""Weights saved by a model built with other sizes: a layer's saved weights have another shape than the variable the
model's code built (issue #15).

The texts are the messages as their sources print them: the Keras 3 ones and TensorFlow 2's checkpoint restore and
assign were provoked with TensorFlow 2.21 / Keras 3 (a Dense head of 4 units loading the weights of a head of 3);
the TF 1.15 / Keras 2 ones are their templates (explain_index_tf1 / explain_index_keras) with real values.  The two
shapes decide (index decider ``weight_shapes``): other sizes -> model_graph_shape_bug, said with both shapes and the
axis that differs; the same sizes in another order -> a kernel laid out by another framework or version; a
SavedModel's own variables being restored (TF Serving's log) -> variables not restored.
"""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text

KERAS3_WRAPPED = (
    "ValueError: A total of 1 objects could not be loaded. Example error message for object <Dense name=head, "
    "built=True>:\n\nThe shape of the target variable and the shape of the target value in `variable.assign(value)` "
    "must match. variable.shape=(8, 4), Received: value.shape=(8, 3). Target variable: <Variable "
    "path=sequential_1/head/kernel, shape=(8, 4), dtype=float32, value=[[ 0.15523344 -0.51344335  0.482709    0")

OTHER_SIZES = [
    ("keras 3 load_weights (.weights.h5 / .keras)", KERAS3_WRAPPED, "[8,4]", "[8,3]", "axis 1: 4 built, 3 saved"),
    ("tensorflow 2 tf.train.Checkpoint restore",
     "ValueError: Received incompatible tensor with shape (3,) when attempting to restore variable with shape (4,) "
     "and name Variable:0.", "[4]", "[3]", "axis 0: 4 built, 3 saved"),
    ("tensorflow 2 variable assign (tf.keras 2 load_weights)",
     "ValueError: Cannot assign value to variable ' Variable:0': Shape mismatch.The variable shape (4,), and the "
     "assigned value shape (3,) are incompatible.", "[4]", "[3]", "axis 0: 4 built, 3 saved"),
    ("tf.keras 1.15 load_weights(by_name=True)",
     "ValueError: Layer #391 (named \"mrcnn_bbox_fc\"), weight <tf.Variable 'mrcnn_bbox_fc/kernel:0' shape=(1024, 12) "
     "dtype=float32> has shape (1024, 12), but the saved weight has shape (1024, 16).", "[1024,12]", "[1024,16]",
     "axis 1: 12 built, 16 saved (a layer's number of outputs)"),
    ("keras 2.15 legacy .h5",
     "ValueError: Shape mismatch in layer #12 (named dense_2) for weight dense_2/kernel:0. Weight expects shape "
     "(256, 80). Received saved weight with shape (256, 3)", "[256,80]", "[256,3]", "axis 1: 80 built, 3 saved"),
    ("tensorflow 1.x Saver restore (Assign)",
     "InvalidArgumentError (see above for traceback): Assign requires shapes of both tensors to match. lhs shape= [3] "
     "rhs shape= [6]\n\t [[Node: save/Assign_7 = Assign[T=DT_FLOAT, _class=[\"loc:@fc8/biases\"], use_locking=true, "
     "validate_shape=true](fc8/biases, save/RestoreV2:7)]]", "[3]", "[6]", "axis 0: 3 built, 6 saved"),
    ("tensorflow's TensorShape check, a vector (a bias) with no batch axis",
     "ValueError: Shapes (255,) and (18,) are incompatible", "[255]", "[18]", "axis 0: 255 built, 18 saved"),
    ("set_weights on a first conv of another input channel count",
     "ValueError: Layer conv1 weight shape (7, 7, 1, 64) is not compatible with provided weight shape (7, 7, 3, 64).",
     "[7,7,1,64]", "[7,7,3,64]", "(a layer's number of inputs"),
]


@pytest.mark.parametrize("printed_by,text,built,saved,axes", OTHER_SIZES, ids=[c[0] for c in OTHER_SIZES])
def test_weights_of_other_sizes_are_a_model_built_with_other_sizes(printed_by: str, text: str, built: str,
                                                                   saved: str, axes: str) -> None:
    best = explain_text(text)[0]
    assert best.category == "model_graph_shape_bug", printed_by
    assert best.title == "Weights saved by a model built with other sizes"
    assert f"{built} in the model, {saved} in the saved weights" in best.cause, best.cause
    assert axes in best.cause, best.cause
    assert "number of classes" in best.steps[0] and "reshape" not in best.cause.lower()


def test_the_same_sizes_in_another_order_are_a_layout_of_another_framework() -> None:
    text = ("ValueError: Layer #0 (named \"conv2d\"), weight <tf.Variable 'conv2d/kernel:0' shape=(3, 3, 3, 32) "
            "dtype=float32_ref> has shape (3, 3, 3, 32), but the saved weight has shape (32, 3, 3, 3).")
    best = explain_text(text)[0]
    assert best.category == "runtime_version_mismatch"
    assert "another order ([32,3,3,3] saved, [3,3,3,32] in the model)" in best.cause
    assert "np.transpose(w, (2, 3, 1, 0))" in best.steps[0]


def test_a_savedmodel_restoring_its_own_variables_is_a_partial_copy() -> None:
    text = ("2019-05-02 10:11:12.000000: I external/org_tensorflow/tensorflow/cc/saved_model/loader.cc:311] SavedModel "
            "load for tags { serve }; Status: fail. Took 81230 microseconds.\nE tensorflow_serving/util/retrier.cc:37] "
            "Loading servable: {name: m version: 2} failed: Invalid argument: Assign requires shapes of both tensors to "
            "match. lhs shape= [1024,10] rhs shape= [1024,5]")
    assert explain_text(text)[0].category == "variables_not_restored"


@pytest.mark.parametrize("text", [
    # a loss's labels against the model's output: unknown batch axis, training code
    "ValueError: Shapes (None, 10) and (None, 1) are incompatible",
    # same rank 2, fully known, no weight loading in the text: not read as weights
    "ValueError: Shapes (32, 10) and (32, 1) are incompatible",
])
def test_shapes_that_are_not_weights_stay_a_shape_mismatch(text: str) -> None:
    assert explain_text(text)[0].category != "model_graph_shape_bug"


def test_the_general_shape_message_inside_a_weight_load_is_read_as_weights() -> None:
    text = ("Traceback (most recent call last):\n  File \"detect.py\", line 40, in <module>\n    "
            "yolo.load_weights(\"checkpoints/yolov3_custom\")\n  File \"/usr/lib/python3/site-packages/keras/"
            "engine/training.py\", line 2234, in load_weights\nValueError: Shapes (1, 1, 1024, 255) and "
            "(1, 1, 1024, 18) are incompatible")
    best = explain_text(text)[0]
    assert best.category == "model_graph_shape_bug"
    assert "axis 3: 255 built, 18 saved (a layer's number of outputs)" in best.cause
