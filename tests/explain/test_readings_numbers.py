"""#15: readings decided by the numbers and words of a message, between two close categories (a missing batch level,
a per-example shape, an extra level; encoded image bytes against a dtype; a key against a signature).

The texts are the messages as their sources write them, with numbers other than any thread's:
ONNX Runtime's ``InferenceSession::CheckShapes`` (``Invalid rank for input: … Got: … Expected: …``), TFLite's
``Interpreter::SetTensor`` (``Cannot set tensor: Dimension mismatch. Got … but expected … for input …``), TensorFlow's
Transpose kernel, Keras 2's ``standardize_input_data`` and ``Session.run``'s feed check.
"""

from __future__ import annotations

import re

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.causes import levels


def _best(text: str):
    found = explain_text(text)
    assert found, text
    return found[0]


def _said(d) -> str:
    return f"{d.cause} || {d.steps[0] if d.steps else ''}"


# ------------------------------------------------------------------------------------------------ ranks only

ONNX = "Invalid rank for input: {name} Got: {got} Expected: {want} Please fix either the inputs or the model."
TFLITE = "ValueError: Cannot set tensor: Dimension mismatch. Got {got} but expected {want} for input 0."
TRANSPOSE = "InvalidArgumentError: transpose expects a vector of size {got}. But input(1) is a vector of size {want}"


@pytest.mark.parametrize("text,category,words", [
    # a volume (N, D, H, W) loaded without its channel axis, for a 3-D conv's rank 5
    (ONNX.format(name="volume", got=4, want=5), "input_shape_mismatch", r"x\[\.\.\., None\].*x\[None"),
    # a table (N, features) for a recurrent layer's rank 3
    (ONNX.format(name="series", got=2, want=3), "input_shape_mismatch", r"timesteps"),
    # rank 4 at the model's input: one image (H, W, C) without its batch level
    (ONNX.format(name="image", got=3, want=4), "missing_batch_dimension", r"batch"),
    (TFLITE.format(got=3, want=4), "missing_batch_dimension", r"batch"),
    # one level more at the model's input: np.expand_dims on an array that had its batch axis
    (TFLITE.format(got=3, want=2), "extra_batch_dimension", r"np\.expand_dims.*already"),
    (TFLITE.format(got=5, want=4), "extra_batch_dimension", r"np\.squeeze\(x, axis=0\)"),
    # a Transpose inside the graph: its rank is not the input's; an axis each example lacks, said first
    (TRANSPOSE.format(got=2, want=3), "input_shape_mismatch", r"inside the graph.*batch level"),
    (TRANSPOSE.format(got=3, want=4), "input_shape_mismatch", r"x\[\.\.\., None\]"),
])
def test_ranks_only(text: str, category: str, words: str) -> None:
    d = _best(text)
    assert d.category == category, _said(d)
    assert re.search(words, _said(d), re.S), _said(d)


def test_ranks_only_levels() -> None:
    assert levels(None, None, 4, 5, ONNX).category == "input_shape_mismatch"
    assert levels(None, None, 4, 5, ONNX).both
    assert levels(None, None, 3, 4, TFLITE).category == "missing_batch_dimension"
    assert levels(None, None, 3, 4, TRANSPOSE).category == "input_shape_mismatch"
    assert levels(None, None, 3, 2, TFLITE).category == "extra_batch_dimension"
    assert levels(None, None, 4, 3, TRANSPOSE) is None  # a Transpose's rank above: the catalogue's checks read it
    served = '{"error": "transpose expects a vector of size 2. But input(1) is a vector of size 3"}'
    assert levels(None, None, 2, 3, served) is None  # behind a serving API: the request's nesting (the decider's)


def test_a_conv_of_rank_four_is_an_image_without_its_batch() -> None:
    d = _best("Error: Error in conv2d: input must be rank 4, but got rank 3.")
    assert d.category == "missing_batch_dimension", _said(d)


# ------------------------------------------------------------------------------------------------ shapes, rank only wanted


def test_a_table_for_a_sequence_layer_lacks_the_timestep_axis() -> None:
    d = _best("ValueError: Error when checking input: expected lstm_1_input to have 3 dimensions, but got array with "
              "shape (640, 13)")
    assert d.category == "input_shape_mismatch", _said(d)
    assert "(640, 13, 1)" in _said(d) and "x[None, ...]" in _said(d), _said(d)  # both readings, the table's first
    assert levels([640, 13], None, 2, 3, "").category == "input_shape_mismatch"


def test_one_image_for_an_image_layer_still_lacks_its_batch() -> None:
    d = _best("ValueError: Error when checking input: expected conv2d_1_input to have 4 dimensions, but got array "
              "with shape (480, 640, 3)")
    assert d.category == "missing_batch_dimension", _said(d)


def test_one_volume_with_its_channels_lacks_its_batch() -> None:
    assert levels([64, 128, 128, 1], None, 4, 5, "").category == "missing_batch_dimension"
    assert levels([8, 64, 128, 128], None, 4, 5, "").category == "input_shape_mismatch"


# ------------------------------------------------------------------------------------------------ a trailing axis more


def test_a_trailing_axis_more_is_channels_not_a_level() -> None:
    d = _best("ValueError: Cannot feed value of shape (48000, 2) for Tensor 'wav:0', which has shape '(48000,)'")
    assert d.category == "input_shape_mismatch", _said(d)
    assert re.search(r"stereo.*mono|mono.*stereo", _said(d)) and "(48000,)" in _said(d), _said(d)
    assert levels([48000, 2], [48000], 2, 1, "").category == "input_shape_mismatch"


def test_a_leading_one_is_still_an_extra_level() -> None:
    d = _best("ValueError: Cannot feed value of shape (1, 1, 4) for Tensor 'x:0', which has shape '(?, 4)'")
    assert d.category == "extra_batch_dimension", _said(d)
    lv = levels([1, 2, 2], [-1, 2], 3, 2, "")  # (1, …) fits a level more too: not read as a trailing axis
    assert lv is None or lv.category != "input_shape_mismatch"


# ------------------------------------------------------------------------------------------------ a string input fed an array

ARG = "Expects arg[{n}] to be string but {got} is provided"  # TensorFlow's feed check (direct_session / c_api)


@pytest.mark.parametrize("wrapper", [
    'Exception in thread "main" java.lang.IllegalArgumentException: {}\n\tat org.tensorflow.Session.run(Native Method)',
    "TFException: {}",
    "Running model failed: Invalid argument: {}",
])
@pytest.mark.parametrize("got", ["float", "uint8"])
def test_decoded_pixels_to_a_string_input(wrapper: str, got: str) -> None:
    d = _best(wrapper.format(ARG.format(n=0, got=got)))
    assert d.category == "encoded_image_string_mismatch", _said(d)
    assert re.search(r"file's own bytes.*decodes them itself", d.steps[0]), _said(d)
    assert f"decoded {got} array" in d.cause and "tf.Example" in d.cause, _said(d)


@pytest.mark.parametrize("text", [
    ARG.format(n=0, got="int32"),  # token ids to a text model's string input: a dtype, not pixels
    ARG.format(n=1, got="float") + " [[Node: ParseExample/ParseExampleV2]]",  # a tabular export's tf.Example input
    ARG.format(n=0, got="float") + " (vocabulary lookup of the text input)",
])
def test_a_string_input_of_a_text_or_tabular_model_stays_a_dtype(text: str) -> None:
    assert _best(text).category == "dtype_mismatch"


def test_float_to_an_int_input_says_the_feed_may_be_the_wrong_input() -> None:
    d = _best("Running model failed: Invalid argument: " + "Expects arg[1] to be int64 but float is provided")
    assert d.category == "dtype_mismatch", _said(d)
    assert "wrong input" in d.cause and "arg[1]" in d.cause and "x.astype(np.int64)" in d.steps[0], _said(d)
    pixels = _best("Expects arg[0] to be uint8 but float is provided")  # an image_tensor input: a cast, said as before
    assert "wrong input" not in _said(pixels)


# ------------------------------------------------------------------------------------------------ keys and signatures
# TF Serving's predict_util.cc: a request without a signature name runs serving_default (kDefaultServingSignatureDefKey)


def test_an_input_alias_without_the_set_names_the_signature_too() -> None:
    d = _best("grpc: status = StatusCode.INVALID_ARGUMENT details = \"input tensor alias not found in signature: "
              "pixels\"")
    assert d.category == "input_keys_mismatch", _said(d)
    assert "serving_default" in d.cause and "signature_name" in d.steps[0] and "pixels" in d.steps[0], _said(d)


def test_an_input_alias_with_the_set_names_the_set() -> None:
    d = _best("input tensor alias not found in signature: inputs. Inputs expected to be in the set {x_in}.")
    assert "x_in" in d.steps[0] and "serving_default" not in d.cause, _said(d)


def test_an_unfed_string_placeholder_takes_encoded_bytes() -> None:
    d = _best("InvalidArgumentError: You must feed a value for placeholder tensor 'png_in' with dtype string and "
              "shape [1]")
    assert re.search(r"Feed png_in itself with the encoded bytes", d.steps[0]), _said(d)
    example = _best("You must feed a value for placeholder tensor 'input_example_tensor' with dtype string and "
                    "shape [?]")
    assert "Feed input_example_tensor itself" not in _said(example)  # an estimator's input: fix.placeholder_fix's


def test_float_pixels_to_a_uint8_input_are_cast_or_fed_after_the_preprocessing() -> None:
    d = _best("TFException: Expects arg[0] to be uint8 but float is provided")
    assert d.category == "dtype_mismatch", _said(d)
    assert "x.astype(np.uint8)" in d.steps[0] and "Mul:0" in d.steps[0], _said(d)


# ------------------------------------------------------------------------------------------------ numpy's batch slot

NUMPY = "ValueError: could not broadcast input array from shape ({src}) into shape ({slot})"


@pytest.mark.parametrize("src,slot,words", [
    ("500,120,1", "500,26,1", r"120 features per step where the model was trained on 26"),
    ("160,160,4", "160,160,3", r"RGBA.*x\[\.\.\., :3\]"),
    ("480,640,3", "299,299,3", r"Resize each image to 299×299"),
    ("64,64", "64,64,3", r"img\.convert\('RGB'\)"),
    ("20,", "13,", r"20 features per example where the model was trained on 13"),
])
def test_a_batch_slot_names_the_axis_that_differs(src: str, slot: str, words: str) -> None:
    d = _best(NUMPY.format(src=src, slot=slot))
    assert d.category == "input_shape_mismatch", _said(d)
    assert re.search(words, _said(d)), _said(d)


# ------------------------------------------------------------------------------------------------ a batch level, in a call


def test_one_example_without_its_batch_in_a_session_feed() -> None:
    d = _best("ValueError: Cannot feed value of shape (96, 96, 3) for Tensor 'images:0', which has shape "
              "'(?, 96, 96, 3)'")
    assert d.category == "missing_batch_dimension", _said(d)
    assert "(96, 96, 3) is one example without its batch axis" in d.cause and "instances" not in d.cause, _said(d)


def test_keras_rows_read_as_the_batch() -> None:
    d = _best("ValueError: Input 0 is incompatible with layer model: expected shape=(None, 256, 256, 3), found "
              "shape=(32, 256, 3)")
    assert d.category == "missing_batch_dimension", _said(d)
    assert "One example (256, 256, 3)" in d.cause and "batches of 32" in d.cause, _said(d)
    d = _best("ValueError: Input 0 of layer sequential is incompatible with the layer: expected ndim=4, found ndim=3. "
              "Full shape received: (None, 120, 3)")
    assert "One image (height, 120, 3)" in d.cause and "x[None, ...]" in d.steps[0], _said(d)


@pytest.mark.parametrize("text,words", [
    ("ValueError: Cannot feed value of shape (1, 1, 64, 64, 3) for Tensor 'x:0', which has shape '(?, 64, 64, 3)'",
     r"one level of size 1 in front of \(1, 64, 64, 3\).*x\[0\] or np.squeeze"),
    ("ValueError: Error when checking input: expected embedding_input to have 2 dimensions, but got array with "
     "shape (1, 40, 300)", r"in front of \(40, 300\).*x\[0\]"),
    ("InvalidArgumentError: input must be 4-dimensional[1,1,128,128,3] [[{{node ResizeBilinear}} = "
     "ResizeBilinear[T=DT_FLOAT](ExpandDims, ResizeBilinear/size)]]", r"ExpandDims.*\(128, 128, 3\)"),
])
def test_a_level_in_front_in_a_call(text: str, words: str) -> None:
    d = _best(text)
    assert d.category == "extra_batch_dimension", _said(d)
    assert re.search(words, _said(d), re.S) and "instances" not in _said(d), _said(d)


def test_a_level_in_front_behind_a_serving_api_keeps_the_requests_wording() -> None:
    d = _best('{"error": "input must be 4-dimensional[1,1,150,150,3]"}')
    assert d.category == "extra_batch_dimension" and "instances" in _said(d), _said(d)


def test_features_laid_out_as_a_column() -> None:
    d = _best("terminate called after throwing an instance of 'std::runtime_error' what(): Matrix size-incompatible: "
              "In[0]: [12,1], In[1]: [12,5]")
    assert d.category == "missing_batch_dimension", _said(d)
    assert "x.reshape(1, 12)" in d.steps[0] and "as a column" in d.cause, _said(d)
    served = _best('{"error": "Matrix size-incompatible: In[0]: [12,1], In[1]: [12,5]"}')
    assert "instances" in _said(served), _said(served)  # behind TF Serving: the request's wording


def test_an_unfed_asset_path_is_no_input_for_bytes() -> None:
    d = _best("org.tensorflow.exceptions.TFInvalidArgumentException: You must feed a value for placeholder tensor "
              "'asset_path_initializer_1' with dtype string [[{{node asset_path_initializer_1}}]]")
    assert "encoded bytes" not in _said(d), _said(d)  # a SavedModel's asset path: the loader feeds it


def test_a_python_client_printing_the_error_body_keeps_the_requests_wording() -> None:
    d = _best("{'error': 'convolution input must be 4-dimensional: [150,150,3]'}")  # requests' r.json() printed
    assert d.category == "missing_batch_dimension" and "instances list" in d.cause, _said(d)


def test_one_image_without_its_batch_at_the_models_input_says_both() -> None:
    d = _best(ONNX.format(name="input_1", got=3, want=4))
    assert d.category == "missing_batch_dimension", _said(d)
    assert "np.expand_dims(x, 0)" in d.steps[0] and "x[..., None]" in d.steps[0] and "instances" not in d.cause


# ------------------------------------------------------------------------------------------------ with the model
# keras_image: image DT_FLOAT (-1, 150, 150, 3) (fixtures/models, read without TensorFlow)


@pytest.fixture(scope="module")
def keras_image():
    from pathlib import Path

    from sigcheck.model.reader import read_model

    path = Path(__file__).resolve().parents[2] / "fixtures" / "models" / "keras_image"
    if not path.exists():
        pytest.skip("fixtures/models/keras_image is not there")
    return read_model(str(path))


@pytest.mark.parametrize("text,words", [
    ("ValueError: Error when checking input: expected image to have 4 dimensions, but got array with shape (150, 150)",
     r"without its batch axis and without its last axis.*np\.stack\(\[x\] \* 3, -1\).*x\[None, \.\.\.\]"),
    ("ValueError: Cannot feed value of shape (8, 150, 150) for Tensor 'image:0', which has shape '(?, 150, 150, 3)'",
     r"8 examples without their last axis of 3.*3 channels"),
    ("ValueError: Error when checking input: expected image to have 4 dimensions, but got array with shape "
     "(150, 150, 3)", r"."),  # one example without its batch: the batch refiner's reading (not this one)
])
def test_the_signature_says_which_axis_is_missing(keras_image, text: str, words: str) -> None:
    d = explain_text(text, info=keras_image)[0]
    assert re.search(words, _said(d), re.S), _said(d)
    if "(150, 150, 3)" in text:
        assert d.category == "missing_batch_dimension", _said(d)
    else:
        assert d.category == "input_shape_mismatch" and "[-1,150,150,3]" in d.cause, _said(d)
