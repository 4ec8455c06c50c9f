"""Readings of session 20: messages whose own numbers or bytes say what was sent (a stack per example into a MatMul,
gzip's magic, a proxy's 504 behind gRPC, a raw control character in a JSON string, a shape lost by a retraced
predict function)."""

from __future__ import annotations

from sigcheck.explain import explain_text

from .reading import no_category_reading


def _top(text: str):
    found = explain_text(text)
    assert found, "no category"
    return found[0]


def test_a_stack_per_example_into_a_matmul_is_a_per_example_shape_not_an_empty_answer() -> None:
    """[2,3,4] against weights [4,8]: a level more and none of size 1 (causes.levels) -- the extra-batch reading
    refuses it, so the per-example one must take it (it gave no answer at all)."""
    d = _top('{"error": "In[0] and In[1] has different ndims: [2,3,4] vs. [4,8]\\n\\t [[{{node model/dense/Relu}}]]"}')
    assert d.category == "input_shape_mismatch"
    assert "(2, 3, 4)" in d.cause and "none of size 1" in d.cause


def test_a_size_one_level_into_a_matmul_stays_an_extra_batch_level() -> None:
    d = _top('{"error": "In[0] and In[1] has different ndims: [2,1,4] vs. [4,8]"}')
    assert d.category == "extra_batch_dimension"


def test_gzip_bytes_in_a_servers_error_body_are_a_compressed_request_body() -> None:
    d = _top("400\n{'error': \"UnicodeDecodeError: 'utf-8' codec can't decode byte 0x8b in position 1: invalid "
             "start byte\"}")
    assert d.category == "json_parse_error"
    assert "gzip" in d.cause and "gzip.decompress" in d.steps[0]
    assert not any("string formatting" in s for s in d.steps)


def test_gzip_bytes_in_a_clients_own_traceback_are_a_reading_without_category() -> None:
    text = ('Traceback (most recent call last):\n  File "/app/c.py", line 6, in <module>\n'
            '    preds = json.loads(resp.read().decode("utf-8"))["predictions"]\n'
            "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x8b in position 1: invalid start byte")
    said = no_category_reading(text, "gzip")
    assert "Accept-Encoding" in said


def test_a_proxys_504_behind_grpc_is_a_timeout_not_a_server_that_is_down() -> None:
    """grpc maps HTTP 504 to UNAVAILABLE; the status the proxy sent says which."""
    d = _top('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n'
             '\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "Received http2 header with status: 504"\n>')
    assert d.category == "client_timeout"
    assert "grpc_read_timeout" in d.steps[0]


def test_a_proxys_503_behind_grpc_stays_the_services_side() -> None:
    d = _top('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n'
             '\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "Received http2 header with status: 503"\n>')
    assert d.category == "service_side_error"


def test_a_raw_control_character_in_a_json_string_names_line_broken_base64() -> None:
    d = _top('HTTP 400\n{\n    "error": "Invalid control character at: line 1 column 101 (char 100)"\n}')
    assert d.category == "json_parse_error"
    assert "getMimeEncoder" in d.cause and "b64encode" in d.steps[0]


def test_a_shape_lost_by_a_retraced_predict_function_is_a_request_of_another_rank() -> None:
    """Keras 3's predict, called with (2, 4) and then (4,), relaxes its traced function to an unknown rank and fails
    in TensorShape.as_list (reproduced with TF 2.21 / Keras 3.15)."""
    d = _top('{"error": "ValueError: as_list() is not defined on an unknown TensorShape."}')
    assert d.category == "missing_batch_dimension"
    assert "[[f1, f2, ...]]" in d.steps[0]


def test_a_shape_lost_by_a_py_function_is_no_request_mistake() -> None:
    text = ('Traceback (most recent call last):\n  File "/app/train.py", line 11, in <module>\n'
            '    model.fit(ds.map(lambda x, y: (tf.py_function(f, [x], tf.float32), y)), epochs=3)\n'
            '  File "/venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py", line 122, in '
            "error_handler\n    raise e.with_traceback(filtered_tb) from None\n"
            "ValueError: as_list() is not defined on an unknown TensorShape.")
    said = no_category_reading(text, "unknown rank")
    assert "set_shape" in said


def _keras_tb(code: str, where: str, exc: str) -> str:
    return ('Traceback (most recent call last):\n  File "/app/serve.py", line 6, in <module>\n'
            f"    {code}\n"
            '  File "/venv/lib/python3.11/site-packages/keras/src/utils/traceback_utils.py", line 122, in error_handler\n'
            "    raise e.with_traceback(filtered_tb) from None\n"
            f'  File "/venv/lib/python3.11/site-packages/keras/src/{where}\n{exc}')


def test_a_pandas_column_dtype_given_to_keras_is_named_with_its_conversion() -> None:
    for dtype in ("str", "Int64", "string", "boolean"):
        d = _top(_keras_tb('model.predict({"age": df["age"], "city": df["city"]})', "backend/common/variables.py, "
                           'line 587, in standardize_dtype\n    raise ValueError(f"Invalid dtype: {dtype}")',
                           f"ValueError: Invalid dtype: {dtype}"))
        assert d.category == "dtype_mismatch", dtype
        assert "pandas" in d.cause and "to_numpy" in d.steps[0]


def test_records_keyed_by_column_given_to_keras_predict_are_instances_in_another_shape() -> None:
    rows = ", ".join(f"{{'age': {20 + i}.0, 'income': {30 + i}.5}}" for i in range(200))  # a long value
    for x in (f"[{rows}]", "{'age': [20.0, 31.0], 'income': [30.5, 41.5]}"):
        d = _top(_keras_tb("model.predict(rows)", 'trainers/data_adapters/__init__.py", line 172, in '
                           'get_data_adapter\n    raise ValueError(f"Unrecognized data type: x={x} (of type {type(x)})")',
                           f"ValueError: Unrecognized data type: x={x} (of type <class '{type(eval(x)).__name__}'>)"))
        assert d.category == "instance_format"
        assert "feature order" in d.cause and "to_numpy" in d.steps[0]


def test_rows_of_different_lengths_given_to_keras_predict_stay_ragged() -> None:
    d = _top(_keras_tb("model.predict(ids)", 'trainers/data_adapters/__init__.py", line 172, in get_data_adapter',
                       "ValueError: Unrecognized data type: x=[[4, 5, 6], [4]] (of type <class 'list'>)"))
    assert d.category == "ragged_instances"


def _proto_tb(value: str, dtype: str, kind: str) -> str:
    return ('Traceback (most recent call last):\n  File "/app/client.py", line 9, in <module>\n'
            f'    req.inputs["ids"].CopyFrom(tf.make_tensor_proto(x, dtype=tf.{dtype}))\n'
            '  File "/venv/lib/python3.11/site-packages/tensorflow/python/framework/tensor_util.py", line 523, in '
            '_AssertCompatible\n    raise TypeError(f"Expected {dtype.name}, but got {mismatch} of type "\n'
            f"TypeError: Expected {dtype}, but got {value} of type '{kind}'.")


def test_text_in_a_numeric_tensor_proto_is_strings_sent_to_a_numeric_input() -> None:
    for value in ("good movie", "42"):
        d = _top(_proto_tb(value, "int64", "str"))
        assert d.category == "bytes_sent_to_numeric_input", value
        assert f"built from {value} (str)" in d.cause and "tokenizer" in d.steps[0]


def test_a_float_in_an_int_tensor_proto_stays_a_dtype_mismatch() -> None:
    assert _top(_proto_tb("0.5", "int64", "float")).category == "dtype_mismatch"


def test_a_ragged_tensor_in_a_tensor_proto_is_told_to_pad() -> None:
    d = _top(_proto_tb("<tf.RaggedTensor [[20, 13, 21], [19, 17]]>", "int32", "RaggedTensor"))
    assert d.category == "ragged_instances"
    assert "to_tensor" in d.steps[0]


def test_keras_failing_to_write_its_cardinality_message_is_inputs_of_different_batch_sizes() -> None:
    """Keras 3's check_data_cardinality zips ('x', 'y', 'sample_weight') with the data: a dict of inputs gives it
    keys, and it fails on 'str'.shape while writing 'Data cardinality is ambiguous'."""
    d = _top(_keras_tb('model.predict({"num": num, "cat": cat})', 'trainers/data_adapters/data_adapter_utils.py", '
                       "line 114, in <genexpr>\n    str(i.shape[0]) for i in tree.flatten(single_data)",
                       "AttributeError: 'str' object has no attribute 'shape'"))
    assert d.category == "batch_size_mismatch_between_inputs"
    assert "np.repeat" in d.steps[0]


def test_one_str_given_to_keras_predict_lacks_its_batch() -> None:
    d = _top(_keras_tb("model.predict('good movie')", 'trainers/data_adapters/__init__.py", line 172, in '
                       "get_data_adapter", "ValueError: Unrecognized data type: x=good movie (of type <class 'str'>)"))
    assert d.category == "missing_batch_dimension"
    assert "'good movie'" in d.cause and "tf.constant([text])" in d.steps[0]


def test_sequences_of_different_numbers_of_steps_given_to_keras_predict_are_ragged() -> None:
    """The items differ one level up from the values: every step holds 2 values, the sequences 2 and 1 steps."""
    x = "[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6]]]"
    d = _top(_keras_tb("model.predict(seqs)", 'trainers/data_adapters/__init__.py", line 172, in get_data_adapter',
                       f"ValueError: Unrecognized data type: x={x} (of type <class 'list'>)"))
    assert d.category == "ragged_instances"


def test_a_list_of_texts_of_different_lengths_is_no_ragged_list() -> None:
    """Commas and brackets inside the quoted texts are no items."""
    from sigcheck.explain.index import _ragged

    assert not _ragged("['a, b, [c]', 'd']") and not _ragged("[[1, 2], [3, 4]]") and _ragged("[[1, 2], [3]]")


_MIN_NDIM = ("ValueError: Input 0 of layer \"dense_1\" is incompatible with the layer: expected min_ndim=2, found "
             "ndim=1. Full shape received: (None,)")


def test_one_example_without_its_batch_in_the_users_own_process_is_told_in_arrays_not_a_rest_body() -> None:
    text = ('Traceback (most recent call last):\n  File "/app/score.py", line 5, in <module>\n'
            "    print(model.predict([5.1, 3.5, 1.4, 0.2]))\n"
            '  File "/venv/lib/python3.11/site-packages/keras/utils/traceback_utils.py", line 70, in error_handler\n'
            f"    raise e.with_traceback(filtered_tb) from None\n{_MIN_NDIM}")
    d = _top(text)
    assert d.category == "missing_batch_dimension"
    assert "batch axis (rank 1 where the model takes 2)" in d.cause and "x[None, ...]" in d.steps[0]
    assert not any('"instances"' in s for s in d.steps)


def test_the_same_message_in_a_servers_answer_keeps_the_request_words() -> None:
    d = _top('prediction failed (400): {\'error\': \'' + _MIN_NDIM + "'}")
    assert d.category == "missing_batch_dimension"
    assert "batch axis" not in d.cause


def _grpc(details: str, code: str = "UNKNOWN") -> str:
    return ("grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n"
            f'\tstatus = StatusCode.{code}\n\tdetails = "{details}"\n>')


def test_a_server_reading_an_input_the_request_lacks_is_the_requests_key() -> None:
    """A Python model server's request.inputs['KEY'] under a missing key: protobuf's map gives an empty TensorProto
    (dtype 0), and the client sees the server's exception in the status details."""
    d = _top(_grpc("Exception calling application: Cannot convert the argument `type_value`: 0 to a TensorFlow "
                   "DType."))
    assert d.category == "input_keys_mismatch"
    assert "request.inputs" in d.steps[0] and "Read the output" not in " ".join(d.steps)


def test_a_client_reading_an_output_the_answer_lacks_stays_a_reading() -> None:
    text = ('Traceback (most recent call last):\n  File "/app/c.py", line 12, in <module>\n'
            '    y = tf.make_ndarray(resp.outputs["probs"])\n'
            '  File "/venv/lib/python3.11/site-packages/tensorflow/python/framework/tensor_util.py", line 650, in '
            "MakeNdarray\n    tensor_dtype = dtypes.as_dtype(tensor.dtype)\n"
            "TypeError: Cannot convert the argument `type_value`: 0 to a TensorFlow DType.")
    assert "response.outputs.keys()" in no_category_reading(text, "DT_INVALID")


def test_a_signature_name_a_python_server_looked_up_is_the_signature_not_found() -> None:
    assert _top(_grpc("Exception calling application: 'predict'")).category == "signature_not_found"


def test_keras_refusing_the_structure_of_its_inputs_says_pass_them_by_name() -> None:
    text = ("ValueError: Exception encountered when calling Functional.call().\n\n\x1b[1mThe structure of `inputs` "
            "doesn't match the expected structure.\nExpected: {'age': 'age', 'city': 'city'}\nReceived: "
            "inputs=('Tensor(shape=(1, 1))', 'Tensor(shape=(1, 1))')\x1b[0m\n")
    d = _top(text)
    assert d.category == "input_keys_mismatch"
    assert "{'age': 'age', 'city': 'city'}" in d.steps[0] and "not by order" in d.cause


def test_the_structure_warning_before_another_error_is_not_read_as_the_cause() -> None:
    text = ("/venv/lib/python3.11/site-packages/keras/src/models/functional.py:259: UserWarning: The structure of "
            "`inputs` doesn't match the expected structure.\nExpected: image\nReceived: inputs=['Tensor(shape=(6, "
            "28, 28, 1))']\n  warnings.warn(msg)\n")
    assert all(d.category != "input_keys_mismatch" for d in explain_text(text))


def test_pandas_read_json_meeting_no_value_is_invalid_json() -> None:
    d = _top('  File "/app/batch.py", line 4, in <module>\n    df = pd.read_json("in.jsonl")\n'
             "ValueError: Expected object or value at position 29")
    assert d.category == "json_parse_error" and "lines=True" in d.steps[0]


def _axis(shape: str) -> str:
    return ("ValueError: Exception encountered when calling Sequential.call().\n\n\x1b[1mInput 0 with name 'None' of "
            "layer 'conv2d' is incompatible with the layer: expected axis -1 of input shape to have value 3, but "
            f"received input with shape {shape}\x1b[0m\n")


def test_images_of_other_channels_are_told_which_conversion() -> None:
    rgba, gray = _top(_axis("(1, 28, 28, 4)")), _top(_axis("(3, 8, 8, 1)"))
    assert "RGBA images where it was built for RGB" in rgba.cause and "x[..., :3]" in rgba.steps[0]
    assert "grayscale images" in gray.cause and "grayscale_to_rgb" in gray.steps[0]


def test_instances_of_thousands_of_values_in_two_sizes_are_resized_not_padded() -> None:
    d = _top('{"error": "Failed to process element: 1 of \'instances\' list. Error: INVALID_ARGUMENT: Expecting tensor '
             'size: 27648 but got: 36000"}')
    assert d.category == "ragged_instances" and "resize each image" in d.steps[0]
    assert not any(s.startswith("Pad sequences") for s in d.steps)


def test_short_sequences_of_two_lengths_are_still_padded() -> None:
    d = _top('{"error": "Failed to process element: 1 of \'instances\' list. Error: INVALID_ARGUMENT: Expecting tensor '
             'size: 12 but got: 9"}')
    assert d.category == "ragged_instances" and "Pad" in d.steps[0]


def test_grpc_channel_mistakes_are_read_from_grpcs_own_words() -> None:
    """grpc-core's and c-ares' messages (the installed grpcio's library): a URL as a channel target, a certificate
    for another name, a plaintext channel closed by a TLS port -- readings, not the service's failure."""
    for details, needle in (
            ("errors resolving http://localhost:8500: [field:hostname lookup error:address lookup failed for "
             "http://localhost:8500: Misformatted domain name]", "insecure_channel('localhost:8500')"),
            ("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:9443: Custom verification check "
             "failed with error: UNAUTHENTICATED: Hostname Verification Check failed.", "ssl_target_name_override"),
            ("failed to connect to all addresses; last error: UNAVAILABLE: ipv4:127.0.0.1:9443: Socket closed",
             "ssl_channel_credentials")):
        assert needle in no_category_reading(_grpc(details, "UNAVAILABLE"), needle)


def test_an_id_outside_an_embeddings_table_names_the_vocabulary() -> None:
    said = no_category_reading("InvalidArgumentError: indices[0,0] = 403 is not in [0, 100)\n\t [[{{node "
                               "functional_1/embedding_1/GatherV2}}]]", "outside its table")
    assert "num_oov_indices" in said and "input_dim" in said


def test_the_first_value_of_an_empty_typed_field_is_read_as_the_field_of_another_dtype() -> None:
    text = ('Traceback (most recent call last):\n  File "/app/c.py", line 13, in <module>\n'
            '    label = int(result.outputs["class_ids"].float_val[0])\nIndexError: list index out of range')
    assert "int64_val" in no_category_reading(text, "float_val is empty")
