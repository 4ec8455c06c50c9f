"""Readings of session 18: messages read from their sources (protobuf's text_format.py for TF Serving's config files)
and conventions of the labelled sets read together."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text

from .reading import best, no_category_reading

TEXT_FORMAT = [
    ("google.protobuf.text_format.ParseError: 4:16 : '    base_path: /models/churn': Expected string but found: '/'",
     "quoted"),
    ("google.protobuf.text_format.ParseError: 5:21 : '    model_platform: tensorflow': Expected string but found: "
     "'tensorflow'", "quoted"),
    ("google.protobuf.text_format.ParseError: 3:11 : '    name: \"churn': String missing ending quote: '\"churn'",
     "does not close"),
    ("google.protobuf.text_format.ParseError: 9:1 : Message type \"tensorflow.serving.ModelServerConfig\" should not "
     "have multiple \"model_config_list\" fields.", "ONE model_config_list"),
]


@pytest.mark.parametrize("text, word", TEXT_FORMAT, ids=[t[45:80] for t, _ in TEXT_FORMAT])
def test_a_text_format_config_files_syntax_is_a_reading_about_that_file(text: str, word: str) -> None:
    said = no_category_reading(text, "text-format file")
    assert word in said and "not about the request or model" in said


def test_a_refused_connection_is_no_service_failure_when_the_client_library_calls_it_503() -> None:
    """google.api_core maps grpc's UNAVAILABLE to ServiceUnavailable 503, even when nothing listens at the address."""
    text = ("google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses; last error: UNKNOWN: "
            "ipv4:127.0.0.1:18599: Failed to connect to remote host: Connection refused")
    assert all(d.category != "service_side_error" for d in explain_text(text))
    assert explain_text("google.api_core.exceptions.ServiceUnavailable: 503 The service is currently "
                        "unavailable.")[0].category == "service_side_error"


def test_a_servers_access_log_line_does_not_outvote_the_exception_it_logged() -> None:
    """uvicorn's '500 Internal Server Error' after the server's own traceback: the traceback says why."""
    text = ('INFO:     127.0.0.1:40360 - "POST /v1/models/m:predict HTTP/1.1" 500 Internal Server Error\n'
            "ERROR:    Exception in ASGI application\nTraceback (most recent call last):\n"
            '  File "/srv/app.py", line 9, in predict\n    body = await request.json()\n'
            '  File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode\n'
            '    raise JSONDecodeError("Expecting value", s, err.value) from None\n'
            "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n")
    assert best(text).category == "json_parse_error"
    alone = 'INFO:     127.0.0.1:40360 - "POST /v1/models/m:predict HTTP/1.1" 503 Service Unavailable'
    assert best(alone).category == "service_side_error"  # (no traceback: the status is all there is)


@pytest.mark.parametrize("record", [
    '{"event": "prediction_failed", "level": "error", "exception": [{"exc_type": "KeyError", "exc_value": '
    '"\'instances\'", "exc_notes": [], "frames": [{"filename": "/srv/app.py", "lineno": 58, "name": "predict"}]}]}',
    '{"level":"error","exception":{"values":[{"mechanism":{"type":"generic","handled":true},"module":null,'
    '"type":"KeyError","value":"\'instances\'","stacktrace":{"frames":[]}}]}}',
], ids=["structlog", "sentry"])
def test_an_exception_a_json_log_record_holds_is_read_as_its_traceback_line(record: str) -> None:
    assert best(record).category == "instances_key_missing"


def test_ipython_frames_of_the_signatures_map_name_the_signature_asked_for() -> None:
    text = ("KeyError                                  Traceback (most recent call last)\nCell In[2], line 2\n"
            "      1 m = tf.saved_model.load('/models/m/1')\n----> 2 f = m.signatures['predict']\n\n"
            "File /venv/lib/python3.11/site-packages/tensorflow/python/saved_model/signature_serialization.py:302, in "
            "_SignatureMap.__getitem__(self, key)\n    301 def __getitem__(self, key):\n"
            "--> 302   return self._signatures[key]\n\nKeyError: 'predict'\n")
    d = best(text)
    assert d.category == "signature_not_found" and "loaded.signatures['predict']" in d.cause


def test_a_pickle_that_names_a_class_of_the_training_scripts_main_is_a_reading() -> None:
    text = ('Traceback (most recent call last):\n  File "/srv/serve.py", line 4, in <module>\n'
            "    model = joblib.load('pipe.joblib')\nAttributeError: Can't get attribute 'build_model' on <module "
            "'__main__' from '/srv/serve.py'>\n")
    said = no_category_reading(text, "pickle")
    assert "__main__" in said and "not about the request or model" in said


def test_scikit_learns_rank_check_of_a_pipeline_reads_the_extra_level() -> None:
    d = best("ValueError: Found array with dim 3, while dim <= 2 is required by StandardScaler.")
    assert d.category == "extra_batch_dimension"


@pytest.mark.parametrize("code", ["with open('m.pkl', 'rb') as f: m = pickle.load(f)", "from transformers import "
                                  "TFBertModel"])
def test_tf_keras_missing_is_keras_2_asked_for_under_keras_3(code: str) -> None:
    text = (f'Traceback (most recent call last):\n  File "/srv/app.py", line 2, in <module>\n    {code}\n'
            "ModuleNotFoundError: No module named 'tf_keras'\n")
    d = best(text)
    assert d.category == "runtime_version_mismatch" and "tf-keras" in d.steps[0]


def test_a_timestamp_column_turned_into_a_tensor_is_a_dtype_tensorflow_has_not() -> None:
    d = best("ValueError: Failed to convert a NumPy array to a Tensor (Unsupported numpy type: NPY_DATETIME).")
    assert d.category == "dtype_mismatch" and "int64" in d.steps[0]


def test_a_float16_signature_behind_a_json_server_is_the_half_that_json_cannot_carry() -> None:
    msg = ("cannot compute __inference_signature_wrapper_serve_14 as input #0(zero-based) was expected to be a half "
           "tensor but is a float tensor [Op:__inference_signature_wrapper_serve_14]")
    served = f'ERROR - Error while handling request: {msg}\nINFO:     127.0.0.1:36466 - "POST /predict HTTP/1.1" 500'
    assert best(served).category == "dtype_unsupported_half"
    assert best(msg).category == "dtype_mismatch"  # a Python call: cast it


def test_images_given_a_channel_axis_the_model_does_not_take_are_a_per_example_shape() -> None:
    assert best("input must be 4-dimensional[2,28,28,1,1]").category == "input_shape_mismatch"
    assert best("input must be 4-dimensional[1,2,28,28,1]").category == "extra_batch_dimension"
    call = ("TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(2, 28, 28, 1), "
            "dtype=tf.float32, name='x') to TensorSpec(shape=(None, 28, 28), dtype=tf.float32, name='x')`. Received "
            "args: (<tf.Tensor: shape=(2, 28, 28, 1), dtype=float32>,) and kwargs: {} for signature: (x: "
            "TensorSpec(shape=(None, 28, 28), dtype=tf.float32, name='x')).")
    assert best(call).category == "input_shape_mismatch"
