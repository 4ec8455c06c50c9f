"""Readings built in session 14 from the working half of provoked_14 (real errors six helpers provoked with TF 2.12-2.21
and Keras 2/3; tests/explain/data/PROVOKED_14_COLLECTION.md) and from the spent sets' misses.  Each text here is the
shape of a real one, cut to what the reading needs."""

from __future__ import annotations

from sigcheck.explain import explain_text, read_unknown

from .reading import no_category_reading

BINDING_POSITIONAL = (
    "TypeError: Binding inputs to tf.function failed due to `too many positional arguments`. Received args: "
    "(<tf.Tensor: shape=(1, 8, 8, 3), dtype=float32>,) and kwargs: {} for signature: (image: TensorSpec(shape=(None, "
    "8, 8, 1), dtype=tf.float32, name='image'))."
)
HANDLED = "\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n"
GROUPS = "output depth must be evenly divisible by number of groups: 4 vs 3\n\t [[{{node Conv2D}}]]"


def test_a_conv_whose_filters_do_not_split_into_the_inputs_groups_is_a_channel_count() -> None:
    """conv_ops (libtensorflow_cc): 3 channels into a filter built for 1 make 3 groups, and 4 filters do not split."""
    d = explain_text("tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\n"
                     + GROUPS + " [Op:__inference_pruned_26]")[0]
    assert d.category == "input_shape_mismatch"
    assert "grayscale" in d.steps[0]


def test_a_message_said_in_a_log_line_and_again_last_stands_where_it_is_said_last() -> None:
    """TF logs the kernel's status first (``Local rendezvous is aborting with status: …``); TensorFlow's call of a
    pruned graph tried the structured signature (positional arguments refused), then the flat one, which ran the graph:
    the kernel's message, last in the text, is the cause."""
    text = ("W0000 00:00:1796651351.864802   24583 local_rendezvous.cc:412] Local rendezvous is aborting with status: "
            "INVALID_ARGUMENT: " + GROUPS + "\nTraceback (most recent call last):\n" + BINDING_POSITIONAL + HANDLED
            + "tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\n"
            "Detected at node Conv2D defined at (most recent call last):\n<stack traces unavailable>\n" + GROUPS)
    assert explain_text(text)[0].category == "input_shape_mismatch"


def test_the_numbers_of_a_handled_binding_failure_lead_over_the_kernels_later_plain_reading() -> None:
    """The structured binding read both shapes (one example nested in an extra level); the kernel's error after it,
    raised while Python handled it (the flat signature ran the graph on the same tensor), is that mismatch again, read
    without its numbers (provoked_13's q3-56 and provoked_12b's p6-24 had this shape)."""
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(1, 1, 4), "
            "dtype=tf.float32, name='features') to TensorSpec(shape=(None, 4), dtype=tf.float32, name='features')`. "
            "Received args: () and kwargs: {'features': <tf.Tensor: shape=(1, 1, 4), dtype=float32>} for signature: "
            "(*, features: TensorSpec(shape=(None, 4), dtype=tf.float32, name='features'))." + HANDLED
            + "tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nDetected at node "
            "StatefulPartitionedCall/functional_1/dense_1/Relu\nIn[0] is not a matrix\n\t [[{{node "
            "StatefulPartitionedCall/functional_1/dense_1/Relu}}]] [Op:__inference_signature_wrapper___call___118]")
    assert explain_text(text)[0].category == "extra_batch_dimension"


def test_the_tflite_converters_unknown_op_is_not_an_op_an_older_runtime_lacks() -> None:
    """'tf.StringLength' op is neither a custom op nor a flex op: TFLite has no builtin for a stock TensorFlow op; the
    fix is Select TF ops, not a newer TensorFlow -- a reading, no category (session 17: the converter's op set)."""
    said = no_category_reading("error: 'tf.StringLength' op is neither a custom op nor a flex op", "SELECT_TF_OPS")
    assert "not a serving runtime older than the model" in said


def test_a_custom_class_is_a_reading_whose_fix_names_it() -> None:
    text = ("TypeError: Could not locate class 'ScaledDense'. Make sure custom classes and functions are decorated "
            "with `@keras.saving.register_keras_serializable()`. If they are already decorated, make sure they are all "
            "imported so that the decorator is run before trying to load them. Full object config: {'module': None, "
            "'class_name': 'ScaledDense', 'registered_name': 'ScaledDense'}")
    assert explain_text(text) == []
    seen = read_unknown(text)
    assert "custom_objects={'ScaledDense': ScaledDense}" in seen.readings[0]
    assert seen.next_command.startswith("make the change the reading's fix says")


def test_the_version_a_model_was_built_with_stated_beside_the_running_one_is_a_version_mismatch() -> None:
    d = explain_text("You are using Keras version b'2.0.8' , but the model was built using b'2.0.9'")
    assert d and d[0].category == "runtime_version_mismatch"


def test_a_grpc_client_refused_on_port_8501_reached_no_server_at_all() -> None:
    """Connection refused: nothing listens there, so no REST server answered in the wrong protocol (provoked_14 s6-19);
    a transport closed by a server on 8501 stays the REST port's reading."""
    refused = ("grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = "
               "StatusCode.UNAVAILABLE\n\tdetails = \"failed to connect to all addresses; last error: UNKNOWN: "
               "ipv4:127.0.0.1:8501: Failed to connect to remote host: Connection refused\"\n>")
    found = explain_text(refused)
    assert all(d.category != "wrong_api_or_input_format" for d in found)
    closed = ("grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = "
              "StatusCode.UNAVAILABLE\n\tdetails = \"Socket closed\"\n\tdebug_error_string = \"UNKNOWN:Error received "
              "from peer ipv4:127.0.0.1:8501 {grpc_message:\"Socket closed\", grpc_status:14}\"\n>")
    assert "8500" in no_category_reading(closed, "gRPC port")  # the wrong port: a reading (no category)


def test_a_batch_whose_examples_lack_their_trailing_axis_is_no_missing_batch() -> None:
    """(2,) for (None, 1): two examples, each without its axis of 1 (provoked_14 s1-32, s3-09) -- the index's rank
    decider reads it for the traced-function reading too; one example without its batch stays a missing batch."""
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(2,), "
            "dtype=tf.float32, name=None) to TensorSpec(shape=(None, 1), dtype=tf.float32, name='age')`. Received "
            "args: (<tf.Tensor: shape=(2,), dtype=float32, numpy=array([34., 51.], dtype=float32)>,) and kwargs: {} for "
            "signature: (age: TensorSpec(shape=(None, 1), dtype=tf.float32, name='age')).")
    d = explain_text(text)[0]
    assert d.category == "input_shape_mismatch" and "x[..., None]" in d.steps[0]
    lone = text.replace("shape=(2,)", "shape=(28, 28)").replace("(None, 1)", "(None, 28, 28)")
    assert explain_text(lone)[0].category == "missing_batch_dimension"


def test_a_function_traced_for_a_batch_of_one_called_with_four_is_a_fixed_batch() -> None:
    """(4, 6) for (1, 6): only the batch differs from a declared batch of one (provoked_14 s6-06) -- the rank
    decider's fixed-batch reading, for a traced function's shapes too."""
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(4, 6), "
            "dtype=tf.float32, name=None) to TensorSpec(shape=(1, 6), dtype=tf.float32, name='x')`. Received args: "
            "(<tf.Tensor: shape=(4, 6), dtype=float32>,) and kwargs: {} for signature: (x: TensorSpec(shape=(1, 6), "
            "dtype=tf.float32, name='x')).")
    d = explain_text(text)[0]
    assert d.category == "fixed_batch_size_in_graph" and "tf.TensorSpec([None, 6])" in d.steps[0]


def test_numbers_written_as_strings_in_a_nested_list_are_strings_to_a_numeric_input() -> None:
    """pywrap_tensor's 'Cannot convert %s to EagerTensor of dtype %s' over rows of a DataFrame read as text
    (provoked_14 s1-04): the catalogue's pattern now reads nested lists, and the fix says to convert them."""
    d = explain_text("TypeError: Cannot convert [['1.5', '0.3', '7', '0'], ['2.0', '4', '8', '1']] to EagerTensor of "
                     "dtype float")[0]
    assert d.category == "bytes_sent_to_numeric_input"
    assert "astype('float32')" in d.steps[0] and "numbers written as strings" in d.cause


def test_sigchecks_own_error_for_a_version_folder_named_v1_is_a_base_path_layout() -> None:
    text = ("error: tfs_base/tab: v1 holds a SavedModel, but v1 is no version number: TF Serving loads only version "
            "folders named by an integer (<base>/1/saved_model.pb) and finds no version here; expected a SavedModel "
            "folder (saved_model.pb + variables/), a TF Serving base path with numeric version folders, or a "
            "sigcheck.signatures/v1 JSON contract\nhint: rename v1 to 1 (TF Serving serves the highest integer version)")
    assert explain_text(text)[0].category == "model_base_path_layout"


def test_an_empty_list_given_to_a_signature_is_an_empty_request() -> None:
    """tf.constant([]) is a tensor of shape (0,): no examples at all (provoked_14 s1-07, once spent)."""
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(0,), "
            "dtype=tf.float32, name=None) to TensorSpec(shape=(None, 4), dtype=tf.float32, name='features')`. "
            "Received args: () and kwargs: {'features': <tf.Tensor: shape=(0,), dtype=float32, numpy=array([], "
            "dtype=float32)>} for signature: (*, features: TensorSpec(shape=(None, 4), dtype=tf.float32, "
            "name='features')).")
    assert explain_text(text)[0].category == "empty_instances"


def test_a_lookup_layers_vocabulary_file_missing_where_the_model_is_loaded() -> None:
    """Keras's index_lookup: the saved config keeps only the vocabulary file's path (provoked_14 s3-24, spent)."""
    text = ("TypeError: Error when deserializing class 'StringLookup' using config={'name': 'string_lookup', "
            "'vocabulary': '/tmp/s3/labels_vocab.txt'}.\n\nException encountered: Vocabulary file "
            "/tmp/s3/labels_vocab.txt does not exist.")
    d = explain_text(text)[0]
    assert d.category == "initializer_missing_in_export" and "vocabulary as a list" in d.steps[0]


# --- from provoked_14b's working half ---

def test_a_stateful_rnns_time_step_list_of_a_batch_of_one_is_a_fixed_batch() -> None:
    """An LSTM's TensorArrayUnstack takes each time step of the whole batch ([batch, features]): [1,3] elements
    against [4,3] is a layer built for a batch of one (stateful, batch_size=1) given four windows (t4-29)."""
    text = ("tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nDetected at node "
            "TensorArrayUnstack/TensorListFromTensor defined at (most recent call last):\n<stack traces unavailable>\n"
            "Specified a list with shape [1,3] from a tensor with shape [4,3]\n\t [[{{node "
            "TensorArrayUnstack/TensorListFromTensor}}]]\n\t [[StatefulPartitionedCall/sequential/lstm/PartitionedCall]] "
            "[Op:__inference_signature_wrapper_1026]")
    d = explain_text(text)[0]
    assert d.category == "fixed_batch_size_in_graph" and "set_weights" in d.steps[0]
    # a tf.map_fn over the batch (no recurrent layer): each instance's own shape, as before
    mapped = text.replace("sequential/lstm/PartitionedCall", "map/while").replace("[1,3]", "[2,3]")
    assert explain_text(mapped)[0].category == "input_shape_mismatch"


def test_json_format_given_a_fraction_for_an_int64_tensor_is_a_dtype() -> None:
    """protobuf's json_format (ParseDict of a PredictRequest) says 'Couldn't parse integer' as text_format does for a
    config file; the request's path tells them apart (t6-15)."""
    text = ("google.protobuf.json_format.ParseError: Failed to parse inputs field: Failed to parse int64_val field: "
            "Couldn't parse integer: 12.5 at PredictRequest.inputs[zip_id].int64_val[0]..")
    assert explain_text(text)[0].category == "dtype_mismatch"
    config = "google.protobuf.text_format.ParseError: 4:13 : Couldn't parse integer: \"1\""
    assert explain_text(config) == []  # a config file's value: the reading, as before


def test_raw_bytes_in_a_protobuf_value_are_bytes_without_base64() -> None:
    text = ("TypeError: Value b'\\xff\\xd8\\xff\\xe0 JFIF' has unexpected type <class 'bytes'> at "
            "Value.image_bytes.b64")
    d = explain_text(text)[0]
    assert d.category == "base64_encoding" and "base64.b64encode(data).decode('ascii')" in d.steps[0]
    numpy = "TypeError: Value 0.5 has unexpected type <class 'numpy.float32'> at Value.features[0]"
    assert explain_text(numpy)[0].category == "instance_format"


def test_weights_built_from_an_unknown_width_is_a_reading_over_the_family_entry() -> None:
    """Keras 3's variables.py, raised while the model is built (a lookup layer never adapted: t1-05): a reading with
    its fix, which the keras.ops shape-check family no longer outspeaks."""
    text = ("ValueError: Shapes used to initialize variables must be fully-defined (no `None` dimensions). Received: "
            "shape=(None, 1) for variable path='dense/kernel'")
    assert explain_text(text) == []
    assert any("adapt()" in r for r in read_unknown(text).readings)


def test_a_tflite_tensor_set_before_allocate_tensors_is_a_reading() -> None:
    text = "ValueError: Cannot set tensor: Tensor is unallocated. Try calling allocate_tensors() first"
    assert explain_text(text) == []
    assert any("allocate_tensors()" in r and "Fix:" in r for r in read_unknown(text).readings)


def test_a_function_traced_for_a_batch_of_two_called_with_five_is_a_fixed_batch() -> None:
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(5, 4), "
            "dtype=tf.float32, name=None) to TensorSpec(shape=(2, 4), dtype=tf.float32, name='x')`. Received args: "
            "(<tf.Tensor: shape=(5, 4), dtype=float32>,) and kwargs: {} for signature: (x: TensorSpec(shape=(2, 4), "
            "dtype=tf.float32, name='x')).")
    assert explain_text(text)[0].category == "fixed_batch_size_in_graph"


def test_sigchecks_own_no_version_folders_message_is_the_base_path_layout_and_leads() -> None:
    """sigcheck's reader says 'no saved_model.pb and no numeric version folders here' where TF Serving says 'No
    versions of servable … found under base path': model_base_path_layout (r6-19, r6-21, s5-27); sigcheck's own
    message, read from its sources, leads over the catalogue's word pattern 'no saved_model.pb'."""
    text = ("error: tfs_base/tab: no saved_model.pb and no numeric version folders here (sub-folders: v1); expected a "
            "SavedModel folder (saved_model.pb + variables/), a TF Serving base path with numeric version folders, or "
            "a sigcheck.signatures/v1 JSON contract\nhint: point at the folder that directly holds saved_model.pb, or "
            "at its parent base path")
    assert explain_text(text)[0].category == "model_base_path_layout"


# --- after provoked_14b's held-out measurement (spent texts; not counted) ---

def test_keras3_stateful_rnn_given_another_batch_is_a_fixed_batch() -> None:
    text = ("ValueError: Exception encountered when calling GRU.call().\n\n\x1b[1mIf an RNN is stateful, the batch size "
            "of the input sequences must be the same as the batch size of the initial state. \n- Expected batch size: "
            "1\n- Received batch size: 16\x1b[0m")
    d = explain_text(text)[0]
    assert d.category == "fixed_batch_size_in_graph" and "set_weights" in d.steps[0]


def test_pythons_strict_base64_decoder_refusing_web_safe_text() -> None:
    """binascii (a C module of Python itself, read with strings from the running Python's lib-dynload)."""
    d = explain_text("binascii.Error: Only base64 data is allowed")[0]
    assert d.category == "base64_encoding" and "urlsafe" in d.steps[0]


def test_protobuf_refusing_to_write_nan_is_a_json_body_without_nan() -> None:
    d = explain_text("ValueError: Fail to serialize NaN for Value.number_value, which would parse as string_value")[0]
    assert d.category == "json_parse_error" and "fillna" in d.steps[0]


def test_hashed_crossing_of_two_shapes_is_a_per_example_shape() -> None:
    d = explain_text("ValueError: Exception encountered when calling HashedCrossing.call().\n\nExpected the two input "
                     "tensors to have identical shapes. Received input_shape=((None,), (None, 1))")[0]
    assert d.category == "input_shape_mismatch" and "keras.Input(shape=(1,))" in d.steps[0]


def test_decoded_pixels_given_to_a_string_input_are_pixels_for_encoded_bytes() -> None:
    """Numbers where a function takes strings decide over the rank (mirror of strings for numbers): an image array
    (1, 28, 28) to a (None,) string input is decoded pixels for the encoded file's bytes (s1-13, t6-10, q2-06); a row
    of ids (1, 6) to it is a dtype (q5-14)."""
    text = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(1, 28, 28), "
            "dtype=tf.float32, name=None) to TensorSpec(shape=(None,), dtype=tf.string, name='image_bytes')`. "
            "Received args: (<tf.Tensor: shape=(1, 28, 28), dtype=float32>,) and kwargs: {} for signature: "
            "(image_bytes: TensorSpec(shape=(None,), dtype=tf.string, name='image_bytes')).")
    d = explain_text(text)[0]
    assert d.category == "encoded_image_string_mismatch" and "open(path, 'rb').read()" in d.steps[0]
    ids = text.replace("shape=(1, 28, 28), dtype=tf.float32", "shape=(1, 6), dtype=tf.int64").replace(
        "shape=(1, 28, 28), dtype=float32", "shape=(1, 6), dtype=int64")
    assert explain_text(ids)[0].category == "dtype_mismatch"
