"""Readings that follow from the numbers in a message: a reshape's two value counts, a MatMul's two matrices, the
rank an op got against the rank it wants; and what a model given with --model says about them."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text, load_catalogue
from sigcheck.explain.context import Context, graph_reshapes
from sigcheck.explain.facts import count_reading


def reshape(values: int, requested: int, node: str = "model/reshape/Reshape") -> str:
    return ('{"error": "Input to reshape is a tensor with %d values, but the requested shape has %d\\n\\t '
            '[[{{node %s}}]]"}' % (values, requested, node))


def by_category(found):  # type: ignore[no-untyped-def]
    return {d.category: d for d in found}


# ---- a reshape's counts ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("values, requested, expected", [
    (150528, 50176, {"reading": "channels", "channels_got": 3, "channels_want": 1, "batch_factor": 3,
                     "values_image": [224, 224, 3], "requested_image": [224, 224, 1]}),
    (50176, 150528, {"reading": "channels", "channels_got": 1, "channels_want": 3, "requested_image": [224, 224, 3]}),
    (200704, 150528, {"reading": "channels", "channels_got": 4, "channels_want": 3}),
    (921600, 307200, {"reading": "channels", "channels_got": 3, "channels_want": 1, "batch_factor": 3}),  # 640×480
    (268203, 150528, {"reading": "image_size", "values_side": 299, "requested_side": 224}),
    (602112, 150528, {"reading": "image_size", "values_side": 448, "batch_factor": 4}),
    (6272, 784, {"batch_factor": 8}),
    (22528, 2048, {"batch_factor": 11}),
    (12, 4, {"batch_factor": 3}),  # too small to be images: 3 rows, not RGB
])
def test_count_reading(values: int, requested: int, expected: dict) -> None:
    found = count_reading(values, requested)
    for key, value in expected.items():
        assert found.get(key) == value, (key, found)
    if "reading" not in expected:
        assert "reading" not in found
    if "batch_factor" not in expected:
        assert "batch_factor" not in found


def test_rgb_to_grayscale_reshape_offers_channels_first_and_batch_second() -> None:
    found = explain_text(reshape(150528, 50176))
    assert [d.category for d in found[:2]] == ["input_shape_mismatch", "fixed_batch_size_in_graph"]
    channels, batch = found[0], found[1]
    assert channels.variant == "reshape_channels"
    assert "[224,224,3] against [224,224,1]" in channels.cause
    assert "RGB (3-channel) images sent to a model built for grayscale (1-channel)" in channels.cause
    assert "img.convert('L')" in channels.steps[0] and "[224,224,1]" in channels.steps[0]
    assert batch.confidence < channels.confidence
    assert "exactly 3 times the 50176" in batch.cause and "if the failing request carried 3 instances" in batch.cause
    assert "refuse" not in batch.cause  # a runtime reshape is not a deployment refusal


def test_grayscale_to_rgb_is_not_a_batch() -> None:
    found = by_category(explain_text(reshape(50176, 150528)))
    assert "fixed_batch_size_in_graph" not in found
    d = found["input_shape_mismatch"]
    assert "grayscale (1-channel) images sent to a model built for RGB (3-channel)" in d.cause
    assert "grayscale_to_rgb" in d.steps[0]


def test_other_image_size() -> None:
    d = explain_text(reshape(268203, 150528))[0]
    assert (d.category, d.variant) == ("input_shape_mismatch", "reshape_image_size")
    assert "299×299 where the model is built for 224×224" in d.cause
    assert d.steps[0].startswith("Resize each image to 224×224")


def test_a_ratio_no_image_explains_stays_a_fixed_batch() -> None:
    d = explain_text(reshape(22528, 2048, node="pool_3/_reshape"))[0]  # a tf.reshape to a constant [1,2048]
    assert (d.category, d.variant) == ("fixed_batch_size_in_graph", "reshape")
    assert d.confidence == pytest.approx(0.62)
    assert "exactly 11 times the 2048" in d.cause


def test_dynamic_batch_model_does_not_claim_a_fixed_size_inside_the_graph(models) -> None:  # type: ignore[no-untyped-def]
    for text in (reshape(150528, 50176), reshape(22528, 2048, node="keras_image_1/flatten/Reshape"),
                 reshape(22528, 2048).replace("\\n\\t [[{{node model/reshape/Reshape}}]]", "")):
        plain = by_category(explain_text(text))["fixed_batch_size_in_graph"]
        d = by_category(explain_text(text, info=models("keras_image")))["fixed_batch_size_in_graph"]
        said = " ".join(d.confirmed)
        assert "fixed size is inside the graph" not in said
        assert "declares a dynamic batch" in said
        assert d.confidence < plain.confidence, said


def test_fixed_batch_model_confirms_it(models) -> None:  # type: ignore[no-untyped-def]
    text = reshape(22528, 2048).replace("\\n\\t [[{{node model/reshape/Reshape}}]]", "")
    d = by_category(explain_text(text, info=models("tf1_fixed_batch")))["fixed_batch_size_in_graph"]
    assert any("fixes the batch dimension: input x [1,4]" in c for c in d.confirmed)
    assert d.confidence > 0.62


def test_a_bias_reshape_of_a_variable_is_not_on_the_data_path(models) -> None:  # type: ignore[no-untyped-def]
    ctx = Context(info=models("keras_image"), request=None, text="", catalogue=load_catalogue())
    found = graph_reshapes(ctx)
    assert found and all(not r.on_data for r in found)  # conv bias reshaped to [1,1,1,4]: not a batch size
    assert found[0].shape == [1, 1, 1, 4]


def test_model_input_size_weighs_the_image_reading(models) -> None:  # type: ignore[no-untyped-def]
    # keras_image takes [-1,150,150,3] (67500 values per instance)
    wants = by_category(explain_text(reshape(67500, 22500), info=models("keras_image")))["input_shape_mismatch"]
    assert any("67500 values per instance, as many as the reshape got" in c for c in wants.confirmed)
    other = by_category(explain_text(reshape(150528, 50176), info=models("keras_image")))["input_shape_mismatch"]
    assert any("neither 150528 nor 50176" in c for c in other.confirmed)


# ---- a MatMul's two matrices: In[1] is the weights, not the shape the model wants --------------------------------

def matmul(a: str, b: str) -> str:
    return '{"error": "Matrix size-incompatible: In[0]: %s, In[1]: %s\\n\\t [[{{node sequential/dense/MatMul}}]]"}' % (a, b)


def test_matmul_reads_in1_as_the_weights() -> None:
    d = explain_text(matmul("[1,10]", "[8,32]"))[0]
    assert (d.category, d.variant) == ("input_shape_mismatch", "matmul")
    assert d.evidence["got_shape"] == [1, 10] and d.evidence["weights_shape"] == [8, 32]
    assert "want_shape" not in d.evidence
    assert "rows of 10 features" in d.cause and "weight matrix [8,32] takes 8 per row" in d.cause
    assert "the model wants [8,32]" not in d.cause
    assert d.steps[0].startswith("Send 8 features per instance")


def test_flattened_rows_say_the_weights_width_not_a_rank() -> None:
    d = explain_text(matmul("[28,28]", "[784,64]"))[0]
    assert (d.category, d.variant) == ("missing_batch_dimension", "flattened_rows")
    assert "the op wants 2" not in d.cause and "it has 2" not in d.cause
    assert "take 784 values per row, as many as the whole input holds" in d.cause


def test_matmul_with_the_model(models) -> None:  # type: ignore[no-untyped-def]
    fixed = models("tf1_fixed_batch")  # x [1,4]
    d = explain_text(matmul("[1,10]", "[4,32]"), info=fixed)[0]
    assert any("the model wants 4 features per instance and the failing request sent 10" in c for c in d.confirmed)
    assert d.steps[0].startswith("Send 4 features per instance")
    assert "dimension" not in d.cause  # no "dimension 1 differ" from the weights taken as a shape
    deeper = explain_text(matmul("[1,4]", "[10,32]"), info=fixed)[0]
    assert any("deeper in the model" in c for c in deeper.confirmed)
    assert deeper.confidence < explain_text(matmul("[1,4]", "[10,32]"))[0].confidence
    other = explain_text(matmul("[1,10]", "[8,32]"), info=models("module_multi"))[0]  # x [-1,3]
    assert "want_shape" not in other.evidence and "dimension 1 differ" not in other.cause
    assert any("neither 10 nor 8 features" in c for c in other.confirmed)
    rows = explain_text(matmul("[2,2]", "[4,8]"), info=fixed)[0]
    assert rows.category == "missing_batch_dimension"
    assert any("one instance is 4 values, the whole of the [2,2]" in c for c in rows.confirmed)


# ---- ranks: how many levels, and the example from the message's own numbers -------------------------------------

RANK6 = '{"error": "input must be 4-dimensional[1,1,1,224,224,3]\\n\\t [[{{node conv2d/Conv2D}}]]"}'


def test_extra_levels_are_counted_and_the_example_comes_from_the_message() -> None:
    d = explain_text(RANK6)[0]
    assert d.category == "extra_batch_dimension"
    assert "two levels too deep" in d.cause and "one level too deep" not in d.cause
    assert "(two levels of brackets)" in d.steps[0] and "per-example shape [224,224,3]" in d.steps[0]
    assert "150" not in d.fix
    one = explain_text('{"error": "input must be 4-dimensional[1,1,64,64,3]"}')[0]
    assert "one level too deep" in one.cause and "[64,64,3]" in one.steps[0]
    no_shape = explain_text("expected ndim=4, found ndim=5")[0]
    assert "one level too deep" in no_shape.cause and "e.g. [height,width,channels]" in no_shape.steps[0]


def test_two_missing_levels_are_not_a_batch_level() -> None:
    # [224,3] against a rank-4 op: neither an image without its batch nor a batch without channels
    d = explain_text('{"error": "input must be 4-dimensional[224,3]"}')[0]
    assert (d.category, d.variant) == ("input_shape_mismatch", "rank_far")
    assert "has rank 2 ([224,3]) where the graph is built for rank 4: two levels fewer" in d.cause


@pytest.mark.parametrize("text", [RANK6, '{"error": "input must be 4-dimensional[1,1,1,224,224,3]"}'])
def test_a_model_without_image_ops_contradicts_a_rank_4_reading(models, text: str) -> None:  # type: ignore[no-untyped-def]
    plain = explain_text(text)[0]
    d = explain_text(text, info=models("keras_tabular"))[0]
    assert d.category == "extra_batch_dimension"
    assert d.confidence <= plain.confidence - 0.3
    assert any(c.startswith("the model you gave contradicts this reading") for c in d.confirmed), d.confirmed


def test_an_image_model_keeps_the_reading_and_notes_another_size(models) -> None:  # type: ignore[no-untyped-def]
    d = explain_text(RANK6, info=models("keras_image"))[0]
    assert d.confidence >= explain_text(RANK6)[0].confidence
    assert not any("contradicts" in c for c in d.confirmed)
    assert any("[224,224,3] differ from the signature's per-example shape [150,150,3]" in c for c in d.confirmed)


@pytest.mark.parametrize("text", [
    "ERROR: (gcloud.ai-platform.predict) Empty line is not allowed in the instances file.",
    "ERROR: (gcloud.ml-engine.local.predict) No valid instance was found in input file.",
    "No valid instances were found in the input file",
])
def test_gcloud_refusing_the_instances_file(text: str) -> None:
    """gcloud refuses a --json-instances file before sending it: the file's lines, not the model's inputs."""
    (top, *_) = explain_text(text)
    assert top.category == "instance_format" and top.title == "gcloud refused the instances file"
    assert "empty line" in top.cause and "--target ai-platform" in top.fix
    assert "sklearn" not in top.cause + top.fix
