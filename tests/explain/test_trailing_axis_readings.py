"""A request whose instances lack the trailing axis of 1 the signature declares (a ``(-1, 1)`` input sent as bare
values, trial 11 #13): with the model known, explain (and predict, which calls it with the request) reads that and
says to wrap each value in a list — not a batch fixed in the graph (Keras' TextVectorization squeezes axis -1, which
is axis 0 of the rank-1 tensor bare strings make), nor a MatMul's feature count, nor images to resize."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text
from sigcheck.model.contract import from_contract


def contract(inputs: dict):
    """A model (an ``inspect --json`` contract) whose serving_default takes ``inputs`` ({name: (dtype, shape)})."""
    sig = {"method_name": "tensorflow/serving/predict",
           "inputs": {n: {"dtype": dt, "shape": shape} for n, (dt, shape) in inputs.items()},
           "outputs": {"y": {"dtype": "DT_FLOAT", "shape": [-1, 2]}}}
    return from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": sig}}, "test")


TEXT = contract({"text": ("DT_STRING", [-1, 1])})
ONE = contract({"v": ("DT_FLOAT", [-1, 1])})
TABULAR = contract({n: (dt, [-1, 1]) for n, dt in (("age", "DT_FLOAT"), ("income", "DT_FLOAT"),
                                                   ("city", "DT_STRING"))})

SQUEEZE = ('{ "error": "Can not squeeze dim[0], expected a dimension of 1, got 2\\n\\t [[{{function_node '
           '__inference___call___375}}{{node functional_1/text_vectorization_1/Squeeze}}]]" }')


def test_bare_strings_to_a_keras_text_model_are_not_a_fixed_batch() -> None:
    body = json.dumps({"instances": ["the cat sat", "hello"]}).encode()
    ds = explain_text(SQUEEZE, info=TEXT, request=body)
    best = ds[0]
    assert best.category == "input_shape_mismatch", [(d.category, d.confidence) for d in ds]
    assert "trailing axis of 1" in best.cause and "text [-1,1]" in best.cause
    assert best.steps[0].startswith("Wrap each value of text in a list")
    assert '{"instances": [["the cat sat"], ["hello"]]}' in best.steps[0] and "validate --fix" in best.steps[0]
    assert not any("resize" in s for s in best.steps)
    fixed = [d for d in ds if d.category == "fixed_batch_size_in_graph"]
    assert fixed and fixed[0].confidence < best.confidence
    assert any("does not fix the batch" in c for c in fixed[0].confirmed)


def test_the_right_nesting_keeps_the_fixed_batch_reading() -> None:
    """The same text with a request that has the trailing axis: nothing of the request's to blame for it."""
    body = json.dumps({"instances": [["the cat sat"], ["hello"]]}).encode()
    assert explain_text(SQUEEZE, info=TEXT, request=body)[0].category == "fixed_batch_size_in_graph"


def test_keyed_instances_get_a_keyed_example() -> None:
    body = json.dumps({"instances": [{"text": "the cat sat"}, {"text": "hello"}]}).encode()
    best = explain_text(SQUEEZE, info=TEXT, request=body)[0]
    assert best.category == "input_shape_mismatch"
    assert '{"instances": [{"text": ["the cat sat"]}, {"text": ["hello"]}]}' in best.steps[0]


def test_a_dense_layer_on_bare_numbers_is_no_feature_count() -> None:
    """keras.Input((1,)) + Dense sent {"instances": [30, 40]}: the MatMul sees [2] against [1,1]."""
    text = ('{ "error": "In[0] and In[1] has different ndims: [2] vs. [1,1]\\n\\t [[{{function_node '
            '__inference___call___52}}{{node functional_1/dense_1/MatMul}}]]" }')
    best = explain_text(text, info=ONE, request=b'{"instances": [30, 40]}')[0]
    assert best.category == "input_shape_mismatch"
    assert "{\"instances\": [[30], [40]]}" in best.steps[0]
    assert not any("features per instance" in s or "deeper in the model" in s for s in best.steps)


def test_columnar_bare_columns_into_a_concatenate() -> None:
    text = ('{ "error": "ConcatOp : Ranks of all input tensors should match: shape[0] = [2] vs. shape[2] = [2,4]\\n\\t '
            '[[{{function_node __inference___call___1400}}{{node functional_1_1/concatenate_1/concat}}]]" }')
    body = json.dumps({"inputs": {"age": [30, 40], "income": [1, 2], "city": ["rome", "oslo"]}}).encode()
    best = explain_text(text, info=TABULAR, request=body)[0]
    assert best.category == "input_shape_mismatch"
    assert best.steps[0].startswith("Wrap each value of age, city, income in a list")
    assert '"age": [[30], [40]]' in best.steps[0]
    assert not any("resize images" in s for s in best.steps)


def test_images_without_their_channel_axis_are_not_a_missing_batch() -> None:
    """(-1, 3, 3, 1) sent as 3x3 images: the Conv2D's rank error is the channel axis, not the batch level."""
    gray = contract({"image": ("DT_FLOAT", [-1, 3, 3, 1])})
    img = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    text = '{"error": "input must be 4-dimensional[2,3,3]\\n\\t [[{{node sequential/conv2d/Conv2D}}]]"}'
    ds = explain_text(text, info=gray, request=json.dumps({"instances": [img, img]}).encode())
    assert ds[0].category == "input_shape_mismatch", [(d.category, d.confidence) for d in ds]
    assert ds[0].steps[0].startswith("Wrap each innermost value of image in a list, so each example is [3,3,1]")
    missing = next(d for d in ds if d.category == "missing_batch_dimension")
    assert missing.confidence < ds[0].confidence and any("the batch is there" in c for c in missing.confirmed)


# --- without the request: the graph's Squeeze says which axis it meant ----------------------------------------------

@pytest.fixture(scope="session")
def squeeze_models(tmp_path_factory):  # type: ignore
    """Two SavedModels taking text (-1, 1): one squeezes axis -1 (as TextVectorization does), one axis 0 (a batch
    of one); and TensorFlow's own message for a squeeze of axis -1 on a rank-1 tensor of 2 strings."""
    tf = pytest.importorskip("tensorflow")
    out = tmp_path_factory.mktemp("squeeze")
    for axis in (-1, 0):
        class M(tf.Module):
            @tf.function(input_signature=[tf.TensorSpec([None, 1], tf.string, name="text")])
            def serve(self, text):  # type: ignore
                return {"n": tf.strings.length(tf.squeeze(text, axis))}

        m = M()
        tf.saved_model.save(m, str(out / f"axis{axis}" / "1"), signatures={"serving_default": m.serve})
    try:
        tf.squeeze(tf.constant(["the cat sat", "hello"]), -1)
    except Exception as exc:  # noqa: BLE001 (the kernel's InvalidArgumentError)
        message = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", str(exc).split(" [Op:")[0].strip())
    else:
        raise AssertionError("tf.squeeze of a size-2 axis did not fail")
    return out, message


@pytest.mark.tf
def test_a_squeeze_of_the_last_axis_names_the_missing_axis(squeeze_models) -> None:  # type: ignore
    from sigcheck.model import read_model

    out, message = squeeze_models
    assert message.startswith("Can not squeeze dim[0], expected a dimension of 1, got 2")
    text = json.dumps({"error": f"{message}\n\t [[{{{{node Squeeze}}}}]]"})
    ds = explain_text(text, info=read_model(str(out / "axis-1")))
    best = ds[0]
    assert best.category == "input_shape_mismatch", [(d.category, d.confidence) for d in ds]
    assert "squeeze_dims [-1]" in " ".join(best.confirmed)
    assert best.steps[0].startswith("Wrap each value of text in a list")
    fixed = next(d for d in ds if d.category == "fixed_batch_size_in_graph")
    assert any("not the batch axis" in c for c in fixed.confirmed)
    # a graph that does squeeze the batch axis keeps the fixed-batch reading, confirmed by the graph
    ds = explain_text(text, info=read_model(str(out / "axis0")))
    assert ds[0].category == "fixed_batch_size_in_graph"
    assert any("squeezes axis 0" in c for c in ds[0].confirmed)


def test_a_reading_made_from_validates_finding_is_refined_with_the_model_too() -> None:
    """StringSplitV2's 'input must be a vector, got shape: []' (one keyed instance of a bare string) is no message
    the catalogue reads for this; the reading validate's finding adds is refined like a text's: the wrapped request
    first, with the model's names, not the image step."""
    text = ('{ "error": "input must be a vector, got shape: []\\n\\t [[{{function_node __inference___call___375}}'
            '{{node functional_1/text_vectorization_1/StringSplit/StringSplitV2}}]]" }')
    body = json.dumps({"instances": [{"text": "the cat sat"}]}).encode()
    best = explain_text(text, info=TEXT, request=body)[0]
    assert best.category == "input_shape_mismatch"
    assert "trailing axis of 1" in best.cause and best.steps[0].startswith("Wrap each value of text in a list")
    assert "resize" not in " ".join(best.steps[:2])


def test_a_columnar_image_without_its_batch_is_not_called_another_request() -> None:
    """A columnar body's tensor has the batch as its first axis, as a row body's has: one (32, 32, 3) image sent
    without its batch reaches the model as 32 examples of (32, 3). oneDNN's CHECK text names no shape; explain must
    not say both "the request you gave is not the one that failed" and "validate finds it in your request"."""
    image = contract({"image": ("DT_FLOAT", [-1, 32, 32, 3])})
    body = json.dumps({"inputs": [[[0.0] * 3] * 32] * 32}).encode()
    text = "Check failed: index >= 0 && index < num_total_dims Invalid index from the dimension: 3, 0, C"
    for d in explain_text(text, info=image, request=body):
        said = " ".join(d.confirmed)
        assert not ("not the one that failed" in said and "validate finds it in your request" in said), said
