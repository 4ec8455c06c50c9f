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
