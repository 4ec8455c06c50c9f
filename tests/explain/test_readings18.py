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


# --- after provoked_18's held-out measurement (its spent half read, the same kinds of text written here) ---

def test_a_keyword_only_signature_called_by_position_is_the_calls_keywords() -> None:
    text = ("TypeError: Binding inputs to tf.function failed due to `too many positional arguments`. Received args: "
            "(array([[0.5, 0.1]], dtype=float32),) and kwargs: {} for signature: (*, features: TensorSpec(shape=(None, "
            "2), dtype=tf.float32, name='features')) -> Dict[['output_0', TensorSpec(shape=(None, 1), "
            "dtype=tf.float32, name='output_0')]].\nFallback to flat signature also failed due to: "
            "signature_wrapper___call__(features): expected argument #0(zero-based) to be a Tensor; got ndarray "
            "([[0.5 0.1]]).")
    assert best(text).category == "input_keys_mismatch"


@pytest.mark.parametrize("text, category", [
    ("ValueError: Found array with 0 sample(s) (shape=(0, 4)) while a minimum of 1 is required by StandardScaler.",
     "empty_instances"),
    ("ValueError: The feature names should match those that were passed during fit.\nFeature names unseen at fit "
     "time:\n- distance_km\nFeature names seen at fit time, yet now missing:\n- dist_km\n", "input_keys_mismatch"),
])
def test_scikit_learns_checks_in_a_served_pipeline(text: str, category: str) -> None:
    assert best(text).category == category


@pytest.mark.parametrize("text, package", [
    ("TypeError: Could not deserialize class 'TokenAndPositionEmbedding' because its parent module "
     "keras_hub.src.layers.modeling.token_and_position_embedding cannot be imported. Full object config: {'module': "
     "'keras_hub.src.layers.modeling.token_and_position_embedding', 'class_name': 'TokenAndPositionEmbedding'}",
     "keras_hub"),
    ("TypeError: Could not locate class 'CastToFloat32'. Make sure custom classes and functions are decorated with "
     "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure they are all imported "
     "so that the decorator is run before trying to load them. Full object config: {'module': "
     "'autokeras.keras_layers', 'class_name': 'CastToFloat32', 'config': {'name': 'cast_to_float32'}, "
     "'registered_name': 'Custom>CastToFloat32'}", "autokeras"),
])
def test_a_keras_add_on_packages_layer_the_loader_lacks_names_the_package(text: str, package: str) -> None:
    d = best(text)
    assert d.category == "runtime_version_mismatch" and f"import {package}" in d.steps[0]
    assert "{" not in d.steps[0].split("pip install")[0]  # (the entry's fix rendered, never its placeholders)


def test_a_servers_lookup_of_the_requested_model_by_name() -> None:
    text = ('Traceback (most recent call last):\n  File "/srv/app.py", line 16, in predict\n    model = MODELS[name]\n'
            "            ~~~~~~^^^^^^\nKeyError: 'house_prices'\n")
    d = best(text)
    assert d.category == "model_not_found" and "'house_prices'" in d.steps[0]


def test_a_v2_server_refusing_a_body_without_inputs() -> None:
    text = ('HTTP/1.1 422 Unprocessable Entity\n\n{"detail":[{"type":"missing","loc":["body","inputs"],"msg":"Field '
            'required","input":{"instances":[[0.1,0.2]]}}]}')
    assert best(text).category == "instances_key_missing"


@pytest.mark.parametrize("kind, how", [("datetime", "isoformat"), ("Decimal", "float(x)")])
def test_json_dumps_refusing_a_datetime_or_decimal_names_the_conversion(kind: str, how: str) -> None:
    d = best(f"TypeError: Object of type {kind} is not JSON serializable")
    assert d.category == "json_parse_error" and how in d.steps[0] and "real JSON encoder" not in " ".join(d.steps)


def test_joblib_reaching_the_end_of_a_cut_file() -> None:
    text = ('Traceback (most recent call last):\n  File "/srv/serve.py", line 3, in <module>\n    pipe = '
            "joblib.load('pipe.joblib')\nValueError: EOF: reading array data, expected 21349 bytes got 17584\n")
    d = best(text)
    assert d.category == "model_load_failed" and "cut short" in d.cause


# --- round 18b's working half ---

@pytest.mark.parametrize("where", ["flask", "fastapi"])
def test_a_servers_own_answer_it_cannot_encode_is_a_reading_not_a_request_body(where: str) -> None:
    frames = {
        "flask": ('  File "/srv/app.py", line 20, in predict\n    return jsonify(preds)\n'
                  '  File "/venv/lib/python3.11/site-packages/flask/json/provider.py", line 121, in _default\n'
                  '    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")\n'),
        "fastapi": ('  File "/venv/lib/python3.11/site-packages/fastapi/routing.py", line 330, in serialize_response\n'
                    '    return jsonable_encoder(response_content)\n'
                    '  File "/venv/lib/python3.11/site-packages/fastapi/encoders.py", line 289, in jsonable_encoder\n'
                    '    raise ValueError(errors) from e\n')}[where]
    text = f"Traceback (most recent call last):\n{frames}TypeError: Object of type float32 is not JSON serializable\n"
    said = no_category_reading(text, "handler returned NumPy values")
    assert ".tolist()" in said
    assert best("TypeError: Object of type float32 is not JSON serializable").category == "json_parse_error"


@pytest.mark.parametrize("text, word", [
    ("google.auth.exceptions.DefaultCredentialsError: File /secrets/key.json was not found.", "not there"),
    ("google.auth.exceptions.DefaultCredentialsError: ('File /tmp/key.json is not a valid json file.', "
     "JSONDecodeError(\"Expecting ',' delimiter: line 2 column 1 (char 32)\"))", "not JSON"),
    ("google.auth.exceptions.DefaultCredentialsError: Your default credentials were not found. To set up Application "
     "Default Credentials, see https://cloud.google.com/docs/authentication/external/set-up-adc for more information.",
     "application-default login"),
])
def test_google_auths_credential_messages_are_readings_about_the_clients_credentials(text: str, word: str) -> None:
    said = no_category_reading(text, "credentials")
    assert word in said and "not about the request or model" in said


def test_a_numpy_array_in_a_value_of_thousands_of_characters() -> None:
    rows = "\n".join(" ".join(f"{0.1 * (i % 9):.8f}" for i in range(28)) for _ in range(16))
    text = (f"google.protobuf.json_format.ParseError: Value [[{rows}]] has unexpected type <class 'numpy.ndarray'> "
            "at Value.input_1")
    assert len(text) > 4000 and best(text).category == "instance_format"


def test_saved_model_cli_run_without_its_signature_flag() -> None:
    d = best("usage: saved_model_cli run [-h] [--helpfull]\nsaved_model_cli run: error: flag --signature_def=None: "
             "Flag --signature_def must have a value other than None.")
    assert d.category == "signature_not_found" and "--signature_def serving_default" in d.steps[0]
    said = no_category_reading("saved_model_cli run: error: flag --tag_set=None: Flag --tag_set must have a value "
                               "other than None.", "absl")
    assert "--tag_set serve" in said


def test_a_tf_function_saved_untraced_has_no_function_to_restore() -> None:
    d = best("ValueError: Found zero restored functions for caller function.")
    assert d.category == "signature_not_found" and "input_signature" in d.steps[0]


def test_two_tensors_differing_only_in_their_batch_are_two_batch_sizes() -> None:
    d = best("Incompatible shapes: [3,64] vs. [4,64]\n\t [[{{node lstm_1_1/while/lstm_cell_1/Add}}]]")
    assert d.category == "batch_size_mismatch_between_inputs" and "3 against 4" in d.steps[0]
    assert best("Incompatible shapes: [1,2] vs. [1,3]").category == "input_shape_mismatch"


# --- after round 18b's held-out measurement ---

def test_hugging_face_datasets_refusing_an_empty_dataset() -> None:
    d = best("ValueError: Unable to get the output signature because the dataset is empty.")
    assert d.category == "empty_instances"


def test_googleapiclient_predict_given_instances_as_a_keyword() -> None:
    text = ('  File "/venv/lib/python3.11/site-packages/googleapiclient/discovery.py", line 1107, in method\n'
            '    raise TypeError("Got an unexpected keyword argument {}".format(name))\n'
            "TypeError: Got an unexpected keyword argument instances")
    assert best(text).category == "instances_key_missing"


# --- round 18c's working half ---

def test_tensorflow_without_a_file_system_for_s3() -> None:
    said = no_category_reading("tensorflow.python.framework.errors_impl.UnimplementedError: File system scheme 's3' not "
                               "implemented (file: 's3://acme/models/tab.keras')", "tensorflow-io")
    assert "local path" in said


def test_an_object_store_key_that_is_not_there() -> None:
    d = best("botocore.exceptions.ClientError: An error occurred (404) when calling the HeadObject operation: Not Found")
    assert d.category == "savedmodel_not_found"


def test_a_channels_first_image_for_a_channels_last_convolution() -> None:
    """conv's 'input depth must be evenly divisible by filter depth: 64 vs 3': 64 is no channel count but an image
    axis -- the layout, not the colours (4 of 4 labelled texts of such a depth: CHW vs HWC)."""
    d = best("input depth must be evenly divisible by filter depth: 64 vs 3")
    assert d.category == "input_shape_mismatch" and "np.transpose(x, (0, 2, 3, 1))" in d.steps[0]
    assert "convert" in best("input depth must be evenly divisible by filter depth: 1 vs 3").steps[0]


def test_a_numpy_1_alias_numpy_2_removed_is_a_reading_with_its_replacement() -> None:
    said = no_category_reading("AttributeError: `np.float_` was removed in the NumPy 2.0 release. Use `np.float64` "
                               "instead.", "NumPy 2")
    assert "np.float64" in said and "not about the request or model" in said
