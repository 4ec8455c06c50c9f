"""Kinds of fix that named something other than the real cause, each read from what the message means and what its
numbers and names show (issue #15's fix half). The texts are the messages as their sources format them (Keras's
input_spec and standardize_input_data, Keras's load_weights, tensorflow_hub's KerasLayer, TF Serving's server_core
and batching session, TensorFlow's SavedModel loader), with numbers and names of their own."""

from __future__ import annotations

import pytest


from .reading import best


# ------------------------------------------------------------------ a local Keras call: no REST advice, the numbers


def test_keras_predict_batches_an_unbatched_images_rows_by_32() -> None:
    # keras/engine/input_spec.py: "Input 0 of layer {name} is incompatible with the layer: expected ndim={n}, found
    # ndim={m}. Full shape received: {shape}" — Model.predict batches the first axis by its default batch_size, 32
    d = best("ValueError: Input 0 of layer sequential_3 is incompatible with the layer: expected ndim=4, found ndim=3. "
             "Full shape received: (32, 200, 3)")
    assert d.category == "missing_batch_dimension"
    assert "x[None, ...]" in d.steps[0] and "(1, height, 200, 3)" in d.steps[0], d.steps[0]
    assert "instances" not in d.steps[0] and "batches of 32" in d.cause, d.cause


def test_keras_layer_given_one_image_says_so() -> None:
    d = best("ValueError: Input 0 of layer conv2d_7 is incompatible with the layer: expected ndim=4, found ndim=3. "
             "Full shape received: [180, 180, 3]")
    assert d.category == "missing_batch_dimension"
    assert "(1, 180, 180, 3)" in d.steps[0]
    assert "one example without its batch axis" in d.cause and "instance" not in d.cause, d.cause


# ------------------------------------------------------------------ channels the shapes show


def test_channels_when_the_models_spatial_sizes_are_unknown() -> None:
    # Keras 2.1+'s standardize_input_data prints both shapes without the batch axis
    d = best("ValueError: Error when checking input: expected input_pair to have shape (None, None, 6) but got array "
             "with shape (96, 96, 8)")
    assert d.category == "input_shape_mismatch"
    assert "RGBA" in d.cause and "2 images" in d.cause, d.cause
    assert "alpha" in d.steps[0]
    # a sequence model's (batch, steps, features): the same numbers are no images
    seq = best("ValueError: Error when checking input: expected lstm_input to have shape (None, None, 6) but got "
               "array with shape (32, 50, 8)")
    assert "RGBA" not in seq.cause and "8 values where the model takes 6" in seq.cause, seq.cause
    one = best("ValueError: Error when checking input: expected input_1 to have shape (None, None, 3) but got array "
               "with shape (256, 256, 4)")
    assert "4 channels" in one.cause and "x[..., :3]" in one.steps[0], (one.cause, one.steps[0])


def test_grayscale_without_channel_axis_for_an_rgb_model_is_converted_not_given_an_axis_of_1() -> None:
    # tensorflow/python/client/session.py: "Cannot feed value of shape {} for Tensor {}, which has shape {}"
    rgb = best("ValueError: Cannot feed value of shape (4, 300, 300) for Tensor 'image_tensor:0', which has shape "
               "'(?, 300, 300, 3)'")
    assert rgb.category == "input_shape_mismatch"
    assert "RGB" in rgb.steps[0] and "(300, 300, 3)" in rgb.steps[0], rgb.steps[0]
    gray = best("ValueError: Cannot feed value of shape (4, 300, 300) for Tensor 'x:0', which has shape "
                "'(?, 300, 300, 1)'")
    assert "x[..., None]" in gray.steps[0] and "(300, 300, 1)" in gray.steps[0], gray.steps[0]


def test_python2_long_shapes_are_read_as_numbers() -> None:
    # Keras 1 printed str(array.shape); under Python 2 numpy's shape holds longs: (1L, 3L, 128L, 128L)
    d = best("Exception: Error when checking : expected input_1 to have shape (None, 128, 128, 3) but got array with "
             "shape (1L, 3L, 128L, 128L)")
    assert d.category == "input_shape_mismatch"
    assert "channels-first" in d.cause and "transpose(0, 2, 3, 1)" in d.steps[0], (d.cause, d.steps[0])


# ------------------------------------------------------------------ which way a version mismatch goes


def test_a_keras1_layer_class_is_an_older_model_not_a_newer_one() -> None:
    # (MaxoutDense and Highway read as classes not registered where loaded: the category is the matcher's)
    for text in ("ValueError: Unknown layer: Merge", "ValueError: Unknown layer: Merge. Please ensure this object is "
                 "passed to the `custom_objects` argument."):
        d = best(text)
        cls = "Merge"
        assert d.category == "runtime_version_mismatch", cls
        assert "older Keras" in d.cause and "Keras 1" in d.steps[0], (cls, d.cause, d.steps[0])
        assert "same or a newer version" not in d.steps[0]


LOAD_WEIGHTS = ("ValueError: Layer #{k} (named \"{new}\" in the current model) was found to correspond to layer {old} "
                "in the save file. However the new layer {new} expects {want} weights, but the saved weights have "
                "{got} elements.")


def test_a_weight_count_mismatch_names_no_direction_the_message_does_not_give() -> None:
    d = best(LOAD_WEIGHTS.format(k=4, new="attention_1", old="attention_7", want=3, got=2))
    assert d.category == "runtime_version_mismatch"
    assert "attention_1" in d.cause and "3 weight arrays" in d.cause, d.cause
    assert "at least" not in d.steps[0] and "either direction" in d.steps[0], d.steps[0]


def test_a_keras1_layer_name_in_the_weights_file_says_keras1_wrote_it() -> None:
    d = best(LOAD_WEIGHTS.format(k=0, new="conv2d_1", old="convolution2d_1", want=2, got=1))
    assert d.category == "runtime_version_mismatch"
    assert "Keras 1" in d.cause and "Keras 1" in d.steps[0], (d.cause, d.steps[0])


# ------------------------------------------------------------------ names the text lists


def test_hub_signature_names_the_ones_the_model_has() -> None:
    # tensorflow_hub/keras_layer.py: "Unknown signature %s in %s (available signatures: %s)." % (…, signatures)
    text = ("ValueError: Unknown signature default in https://tfhub.dev/google/some-encoder/2 (available signatures: "
            "_SignatureMap({'encode': <ConcreteFunction pruned(text) at 0x7F1C2A3B4C50>, 'tokenize': "
            "<ConcreteFunction pruned(text) at 0x7F1C2A3B4D60>})).")
    d = best(text)
    assert d.category == "signature_not_found"
    assert "signature='encode'" in d.steps[0] and "'tokenize'" in d.cause, (d.cause, d.steps[0])
    assert "serving_default" not in d.cause


# ------------------------------------------------------------------ what the path shows


def test_a_relative_model_base_path() -> None:
    # tensorflow_serving/model_servers/server_core.cc
    d = best("E tensorflow_serving/model_servers/server_core.cc:...] Invalid argument: Expected model resnet to have an "
             "absolute path or URI; got base_path()=models/resnet")
    assert d.category == "model_base_path_layout"
    assert "relative" in d.cause and "absolute path" in d.steps[0], (d.cause, d.steps[0])


@pytest.mark.parametrize("sub", ["assets", "variables"])
def test_a_savedmodels_own_subfolder_as_the_path(sub: str) -> None:
    d = best(f"OSError: SavedModel file does not exist at: exports/unet_v2/{sub}/{{saved_model.pbtxt|saved_model.pb}}")
    assert d.category == "savedmodel_not_found"
    assert f"{sub} folder" in d.cause and "exports/unet_v2, the folder that holds saved_model.pb" in d.steps[0]
    assert "folder above" in d.steps[0], d.steps[0]


def test_an_h5_path_that_is_no_hdf5_file_reads_as_missing_too() -> None:
    d = best("OSError: SavedModel file does not exist at: weights/classifier.h5/{saved_model.pbtxt|saved_model.pb}")
    assert d.category == "savedmodel_not_found"
    assert "Git LFS" in d.cause, d.cause


def test_no_metagraph_with_the_tags_also_reads_as_a_frozen_graph() -> None:
    d = best("RuntimeError: MetaGraphDef associated with tags 'serve' could not be found in SavedModel. To inspect "
             "available tag-sets in the SavedModel, please use the SavedModel CLI: `saved_model_cli`")
    assert d.category == "savedmodel_tags"
    assert "frozen GraphDef" in d.steps[0] and "saved_model_cli show" in d.steps[0], d.steps[0]
    # the tag-sets the file has, when the text lists them (saved_model_cli's own wording, tf2onnx's available_tags)
    listed = best("RuntimeError: MetaGraphDef associated with tag-set train could not be found in the SavedModel. "
                  "Please use one of the following tag-sets: ['serve']")
    assert "tags=['serve']" in listed.steps[0] and listed.steps[0].startswith("Load it with the tags"), listed.steps[0]
    newer = best("RuntimeError: MetaGraphDef associated with tags 'train' could not be found in SavedModel, with "
                 "available tags '[['serve']]'. To inspect available tag-sets in the SavedModel, please use the "
                 "SavedModel CLI: `saved_model_cli`.")  # TensorFlow 2.x's loader_impl
    assert "tags=['serve']" in newer.steps[0], newer.steps[0]
    empty = best("RuntimeError: MetaGraphDef associated with tags 'serve' could not be found in SavedModel. "
                 "available_tags: []")
    assert "frozen GraphDef" in empty.cause, empty.cause
    # TF1's loader prints str(tags).strip('[]'): a bare word is the string 'serve' given for a list
    bare = best("RuntimeError: MetaGraphDef associated with tags serve could not be found in SavedModel, with available "
                "tags '[{'serve'}]'.")
    assert "not the string 'serve'" in bare.steps[0] and "string" in bare.cause, bare.steps[0]


# ------------------------------------------------------------------ what the message says of the request


def test_a_scalar_sent_to_a_batching_server_is_the_requests() -> None:
    # tensorflow_serving/batching/batching_session.cc
    d = best("Status(StatusCode=InvalidArgument, Detail=\"Batching session Run() input tensors must have at least one "
             "dimension\")")
    assert d.category == "scalar_input"
    assert "request" in d.cause.lower() and "at least one dimension" in d.steps[0], (d.cause, d.steps[0])
    assert not d.steps[0].startswith("Remove the scalar input")


# ------------------------------------------------------------------ a reshape whose target is a whole fixed batch


def test_a_reshape_wanting_k_times_what_arrived_is_a_batch_fixed_in_the_graph() -> None:
    # tensorflow/core/kernels/reshape_op.h: "Input to reshape is a tensor with N values, but the requested shape has M"
    d = best("InvalidArgumentError (see above for traceback): Input to reshape is a tensor with 4096 values, but the "
             "requested shape has 32768\n\t [[Node: encoder/Reshape = Reshape[T=DT_FLOAT, Tshape=DT_INT32]"
             "(input_x, encoder/Reshape/shape)]]")
    assert d.category == "fixed_batch_size_in_graph" and d.variant == "reshape_short"
    assert "(8)" in d.cause and "8 times the examples this call sent: 8 if it sent one" in d.steps[0], (d.cause, d.steps[0])
    # a channel factor (3) keeps its own reading, and a target with -1 ("requires a multiple of") fixes no batch
    rgb = best("Input to reshape is a tensor with 50176 values, but the requested shape has 150528")
    assert rgb.category == "input_shape_mismatch", rgb.category
    multiple = best("Input to reshape is a tensor with 4096 values, but the requested shape requires a multiple of "
                    "32768")
    assert multiple.category != "fixed_batch_size_in_graph"


# ------------------------------------------------------------------ what a name or a platform in the text says


def test_a_second_copy_of_a_variable_is_a_model_built_twice() -> None:
    # TF1's uninitialized-variable message; TensorFlow makes a duplicate name unique with _1
    d = best("FailedPreconditionError: Attempting to use uninitialized value encoder/dense/kernel_1\n\t "
             "[[{{node encoder/dense/kernel_1/read}}]]")
    assert d.category == "variables_not_restored"
    assert "second copy of encoder/dense/kernel" in d.cause and "built twice" in d.cause, d.cause
    plain = best("FailedPreconditionError: Attempting to use uninitialized value encoder/dense/kernel")
    assert "second copy" not in plain.cause
    default_name = best("FailedPreconditionError: Attempting to use uninitialized value Variable_1")  # tf.Variable()
    assert "second copy" not in default_name.cause


def test_an_unfed_placeholder_can_be_the_labels() -> None:
    d = best("InvalidArgumentError: You must feed a value for placeholder tensor 'Placeholder_1' with dtype float")
    assert d.category == "unfed_placeholder" and "labels" in d.cause, d.cause


def test_sagemakers_health_check_points_at_cloudwatch() -> None:
    d = best("UnexpectedStatusException: Error hosting endpoint sentiment-ep: Failed. Reason: The primary container "
             "for production variant AllTraffic did not pass the ping health check. Please check CloudWatch logs for "
             "this endpoint..")
    assert d.category == "deploy_container_not_ready"
    assert "CloudWatch" in d.steps[0] and "Cloud Logging" not in d.steps[0], d.steps[0]


def test_elwc_named_in_the_text() -> None:
    d = best("OP_REQUIRES failed at example_parsing_ops.cc:91 : Invalid argument: Could not parse example input, "
             "value: '\\n\\x8a\\x01' (sent as ELWC)")
    assert d.category == "serialized_example_input_expected"
    assert "ExampleListWithContext" in d.steps[0], d.steps[0]


def test_a_class_tensorflow_js_lacks_names_tfjs_and_its_version() -> None:
    # tfjs-layers' generic_utils: "Unknown {kind}: {className}" (older tfjs without the "This may be due to" tail)
    d = best("Uncaught (in promise) Error: Unknown initializer: GlorotNormal\n    at new t (tfjs@0.13.2:2)\n    at "
             "deserializeKerasObject (tfjs@0.13.2:2)\n    at deserializeInitializer (tfjs@0.13.2:2)")
    assert d.category == "runtime_version_mismatch"
    assert "TensorFlow.js than 0.13.2" in d.steps[0] and "pip install" not in d.steps[0], d.steps[0]


def test_a_contrib_op_names_tensorflow_1_contrib() -> None:
    d = best("NotFoundError: Op type not registered 'Resampler' in binary running on host. Make sure the Op and Kernel "
             "are registered in the binary running in this process.")
    assert d.category == "runtime_version_mismatch"
    assert "tf.contrib.resampler" in d.cause and "TensorFlow 1.x" in d.steps[0], (d.cause, d.steps[0])


def test_a_concat_without_shapes_says_both_readings() -> None:
    d = best("InvalidArgumentError: ConcatOp : Dimensions of inputs should match")
    assert d.category == "input_shape_mismatch"
    assert "multiple of 32" in d.steps[0] and "width" in d.steps[0], d.steps[0]


def test_tfjs_graph_model_dtype_says_the_cast() -> None:
    # tfjs-converter graph_executor.ts: `The dtype of dict['${node.name}'] provided in model.execute(dict) must be
    # ${dtype}, but was ${input.dtype}`
    d = best("Error: The dtype of dict['input_pixels'] provided in model.execute(dict) must be int32, but was float32")
    assert d.category == "dtype_mismatch"
    assert "toInt()" in d.steps[0] and "TF Serving" not in d.cause, (d.cause, d.steps[0])


def test_expected_input_names_printed_without_a_space() -> None:
    # OpenVINO Model Server / older TF Serving print "expected to be in the set{...}"
    d = best('status = StatusCode.INVALID_ARGUMENT details = "input tensor alias not found in signature: [\'image\']. '
             'Inputs expected to be in the set{[\'input_1\']}."')
    assert d.category == "input_keys_mismatch"
    assert "input_1" in d.steps[0], d.steps[0]


@pytest.mark.parametrize("op,imported", [("SimpleMLCreateModelResource", "import tensorflow_decision_forests"),
                                         ("Addons>ImageProjectiveTransformV2", "import tensorflow_addons"),
                                         ("CaseFoldUTF8", "import tensorflow_text")])
def test_the_custom_op_step_names_the_import_of_the_ops_library(op: str, imported: str) -> None:
    d = best(f"NotFoundError: Op type not registered '{op}' in binary running on host. Make sure the Op and Kernel are "
             "registered in the binary running in this process.")
    assert d.category == "runtime_version_mismatch"
    assert imported in d.steps[0] and "loadLibrary" in d.steps[0], d.steps[0]


@pytest.mark.parametrize("text", [
    "ValueError: Unknown layer: Merge",
    "ValueError: Unrecognized keyword arguments passed to Conv2DTranspose: {'groups': 1}",
    LOAD_WEIGHTS.format(k=2, new="block_conv", old="block_conv_7", want=3, got=2),
])
def test_no_newer_runtime_step_when_the_model_is_the_older_side_or_no_side_is_known(text: str) -> None:
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert not any("at least the one that exported" in s or "same or a newer version" in s for s in d.steps), d.steps


def test_batchnormalizationv1_is_tf_keras_name() -> None:
    # tf.keras 1.13+ registers BatchNormalization as BatchNormalizationV1; the standalone keras package has no such name
    d = best("  File \"/usr/lib/python3.6/site-packages/keras/engine/saving.py\", line 419, in load_model\n"
             "ValueError: Unknown layer: BatchNormalizationV1")
    assert d.category == "runtime_version_mismatch"
    assert "tf.keras" in d.steps[0] and "standalone multi-backend keras" in d.steps[0], d.steps[0]


@pytest.mark.parametrize("text", [
    "InvalidArgumentError: Cannot feed value of shape (28, 28) for Tensor 'x:0', which has shape '(?, 784)'",
    "ValueError: Cannot feed value of shape (28, 28) for Tensor x:0, which has shape (?, 784)",
])
def test_an_example_not_flattened_says_flatten(text: str) -> None:
    """TF1's session feed check (session.py): a 28×28 image fed where each example is 784 values."""
    d = best(text)
    assert d.category == "input_shape_mismatch"
    assert "28 × 28 = 784" in d.cause and "reshape(1, 784)" in d.steps[0]


def test_other_feature_counts_keep_the_preprocessing_reading() -> None:
    d = best("ValueError: Cannot feed value of shape (10, 5) for Tensor x:0, which has shape (?, 7)")
    assert "5 features where the model takes 7" in d.cause
