"""The first fix step names the side the text shows at fault (:func:`sigcheck.explain.fix.loader_fix`,
:func:`sigcheck.explain.fix.side_fix`, :func:`sigcheck.explain.runtimes.loader`).

Every text here is written from the source that prints the message (TensorFlow's ops.py, importer.py, export_utils.py,
export_output.py, DirectSession's run timeout in libtensorflow_cc, TF Serving's http_rest_api_handler.cc and server.h,
TF Lite's TensorImpl.java, tf.data's batch kernel) or from the platform's documented answer (SageMaker InvokeEndpoint's
60 s limit, Vertex AI's pre-built container image names, Google Cloud quota metrics); none is a thread's text.  Each
test also checks the other side: a text that does not show the fact keeps the category's own step.
"""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.runtimes import ANY_STEP, PYTHON_STEP, loader


def best(text: str):
    found = explain_text(text)
    assert found, text
    return found[0]


NODEDEF = ("NodeDef mentions attr 'explicit_paddings' not in Op<name=Conv2D; signature=input:T, filter:T -> output:T; "
           "attr=T:type,allowed=[DT_HALF, DT_FLOAT]>; NodeDef: {{node net/conv1/Conv2D}}. (Check whether your "
           "GraphDef-interpreting binary is up to date with your GraphDef-generating binary.).")


# ------------------------------------------------------------------------------------ who loads the model


def test_a_python_import_of_a_newer_graph_upgrades_that_pythons_tensorflow() -> None:
    # tensorflow/python/framework/importer.py raises the C API's status as a ValueError
    text = ('Traceback (most recent call last):\n  File "run.py", line 12, in <module>\n    '
            'tf.import_graph_def(graph_def, name="")\n  File "/usr/lib/python3/dist-packages/tensorflow/python/'
            'framework/importer.py", line 501, in _import_graph_def_internal\n    graph._c_graph, serialized, options)\n'
            'ValueError: ' + NODEDEF)
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert d.steps[0] == PYTHON_STEP, d.steps[0]
    assert "gcloud" not in d.steps[0] and "tensorflow/serving" not in d.steps[0]
    assert "serving" not in d.cause, d.cause  # the cause speaks of what loads it
    assert any(s.startswith("Or re-export") for s in d.steps)


def test_tf_servings_own_log_keeps_the_serving_step() -> None:
    # TF Serving builds TensorFlow as an external repository: its log paths start external/org_tensorflow/
    text = ("E external/org_tensorflow/tensorflow/core/common_runtime/executor.cc:641] Executor failed to create "
            "kernel. Invalid argument: " + NODEDEF)
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert "tensorflow/serving" in d.steps[0] or "gcloud" in d.steps[0], d.steps[0]
    assert loader(text) == "server"


def test_a_text_that_shows_no_loader_names_every_kind_of_loader() -> None:
    d = best("Op type not registered 'DisableCopyOnRead' in binary running on worker-3. Make sure the Op and Kernel "
             "are registered in the binary running in this process.")
    assert d.category == "runtime_version_mismatch"
    assert d.steps[0] == ANY_STEP
    for loader_kind in ("pip install -U tensorflow", "binding", "tensorflow/serving"):
        assert loader_kind in d.steps[0]


def test_an_op_library_missing_in_a_python_process_is_imported_first() -> None:
    # tensorflow/python/framework/ops.py _get_op_def: the op registry has no op of that name until its module loads
    text = ('Traceback (most recent call last):\n  File "/opt/venv/lib/python3.11/site-packages/tensorflow/python/'
            'saved_model/load.py", line 912, in load_partial\ntensorflow.python.framework.errors_impl.NotFoundError: '
            "Op type not registered 'CaseFoldUTF8' in binary running on box. Make sure the Op and Kernel are "
            "registered in the binary running in this process.")
    d = best(text)
    assert d.category == "runtime_version_mismatch"
    assert "import tensorflow_text" in d.steps[0] and "pip install tensorflow-text" in d.steps[0], d.steps[0]
    assert d.steps[1].startswith("Serve with a runtime that links"), d.steps[1]  # the server's way stays after it


def test_a_server_missing_an_op_library_keeps_the_serving_step() -> None:
    text = ("E tensorflow_serving/util/retrier.cc:40] Loading servable: {name: m version: 1} failed: Not found: Op "
            "type not registered 'CaseFoldUTF8' in binary running on 0a1b2c3d. Make sure the Op and Kernel are "
            "registered in the binary running in this process.")
    d = best(text)
    assert d.steps[0].startswith("Serve with a runtime that links"), d.steps[0]


def test_a_tensorflow_message_with_a_server_specific_entry_step() -> None:
    # tensorflow/core/framework/function.cc InstantiateNode: TensorFlow's own check, printed by whatever loads it
    bare = "input segment_ids[0] expected type int32 != int64, the type of emb/strided_slice:output:0[0]"
    d = best(bare)
    assert d.category == "runtime_version_mismatch"
    assert "Triton" not in d.steps[0].split(":")[0] and d.steps[0] == ANY_STEP, d.steps[0]
    shown = best("I1002 10:00:00.000 1 tritonserver.cc:2000] " + bare)
    assert "on Triton" in shown.steps[0], shown.steps[0]


def test_vertex_refusing_a_prebuilt_image_points_at_the_export_side() -> None:
    d = best('Failed to deploy model "m-1" to endpoint "e". Invalid image '
             '"us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-99:latest" for deployment. Please use a Model with a '
             "valid image.")
    assert d.category == "runtime_version_mismatch"
    assert "TensorFlow 2.99" in d.cause and "no pre-built prediction container" in d.cause
    assert d.steps[0].startswith("Deploy with a pre-built prediction container that exists"), d.steps[0]
    assert "export the model again" in d.steps[0]
    assert not any(s.startswith("Serve with a runtime whose") for s in d.steps)


# ---------------------------------------------------------------------------- what the message states


def test_a_resource_quota_is_raised_not_retried() -> None:
    d = best('{"error": {"code": 429, "message": "The following quota metrics exceed quota limits: '
             'aiplatform.googleapis.com/custom_model_serving_nvidia_t4_gpus", "status": "RESOURCE_EXHAUSTED"}}')
    assert d.category == "quota_exceeded"
    assert d.steps[0].startswith("Request a quota increase for aiplatform.googleapis.com/custom_model_serving_"
                                 "nvidia_t4_gpus"), d.steps[0]
    assert not any(s.lower().startswith("retry") for s in d.steps)


def test_a_rate_quota_is_still_retried_first() -> None:
    d = best("google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/"
             "online_prediction_requests_per_base_model with base model: m.")
    assert d.category == "quota_exceeded"
    assert d.steps[0].lower().startswith("retry"), d.steps[0]


def test_a_base_path_that_is_a_version_folder() -> None:
    # tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc
    d = best("W tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:267] No versions of "
             "servable clf found under base path /srv/models/clf/3")
    assert d.category == "model_base_path_layout"
    assert "--model_base_path=/srv/models/clf " in d.steps[0] and "version 3" in d.steps[0], d.steps[0]
    other = best("W tensorflow_serving/sources/storage_path/file_system_storage_path_source.cc:267] No versions of "
                 "servable clf found under base path /srv/models/clf")
    assert "--model_base_path=" not in other.steps[0]


def test_tflite_output_rows_that_follow_the_input() -> None:
    # tensorflow/lite/java/.../TensorImpl.java throwIfDstShapeIsIncompatible
    d = best("java.lang.IllegalArgumentException: Cannot copy from a TensorFlowLite tensor (Identity) with shape "
             "[4, 10] to a Java object with shape [1, 10].")
    assert d.category == "input_shape_mismatch"
    assert "4 rows" in d.cause and "getInputTensor(0).shape()" in d.steps[0], (d.cause, d.steps[0])
    other = best("java.lang.IllegalArgumentException: Cannot copy from a TensorFlowLite tensor (Identity) with shape "
                 "[1, 5] to a Java object with shape [1, 10].")
    assert "getInputTensor(0).shape()" not in other.steps[0]  # another class count: another model's output


def test_images_of_different_sizes_in_one_batch_are_resized() -> None:
    # tensorflow/core/kernels/data/batch_util.cc via the dataset's batch
    d = best("InvalidArgumentError: Cannot batch tensors with different shapes in component 0. First element had "
             "shape [224,224,3] and element 1 had shape [180,240,3].")
    assert d.category == "ragged_instances"
    assert d.steps[0].startswith("Resize every image to one size"), d.steps[0]
    seq = best("InvalidArgumentError: Cannot batch tensors with different shapes in component 0. First element had "
               "shape [12] and element 1 had shape [9].")
    assert not seq.steps[0].startswith("Resize"), seq.steps[0]


def test_a_node_clients_invalid_instances_leads_with_to_value() -> None:
    # @grpc/grpc-js formats a status as "<code> <NAME>: <details>"
    d = best("Error: 3 INVALID_ARGUMENT: Invalid instances")
    assert d.category == "instance_format"
    assert "helpers.toValue" in d.steps[0], d.steps[0]


def test_an_unsupported_media_type_is_the_content_type() -> None:
    d = best('{"error": "Unsupported Media Type: image/jpeg"}')
    assert d.category == "instance_format"
    assert "Content-Type image/jpeg" in d.cause and "application/json" in d.steps[0], d.steps[0]
    assert not d.steps[0].startswith("For sklearn")


def test_a_table_used_in_a_programs_own_session_runs_its_initializer() -> None:
    d = best('Exception in thread "main" java.lang.IllegalStateException: Table not initialized.\n\t [[{{node '
             'lookup/LookupTableFindV2}}]]\n\tat org.tensorflow.Session.run(Native Method)')
    assert d.category == "initializer_missing_in_export"
    assert "init_all_tables" in d.steps[0], d.steps[0]
    served = best("<_Rendezvous of RPC that terminated with: status = StatusCode.FAILED_PRECONDITION details = "
                  '"Table not initialized. [[{{node lookup/LookupTableFindV2}}]]">')
    assert "init_all_tables" not in served.steps[0]  # TF Serving runs the export's own init op: the export is fixed


def test_sagemakers_invocation_limit_is_not_the_clients_timeout() -> None:
    d = best("ModelError: An error occurred (ModelError) when calling the InvokeEndpoint operation: Received server "
             'error (0) from model with message "Your invocation timed out while waiting for a response from '
             'container primary."')
    assert d.category == "client_timeout"
    assert "60 s" in d.steps[0] and "asynchronous inference" in d.steps[0], d.steps[0]
    grpc = best('grpc._channel._InactiveRpcError: status = StatusCode.DEADLINE_EXCEEDED details = "Deadline Exceeded"')
    assert grpc.steps[0].startswith("Raise the client timeout"), grpc.steps[0]


def test_tf_servings_rest_timeout_is_the_servers_flag() -> None:
    # DirectSession's run timeout ("Timed out waiting for notification", libtensorflow_cc), set by TF Serving's REST
    # handler from --rest_api_timeout_in_ms (model_servers/server.h: 30000 by default)
    d = best('{ "error": "Timed out waiting for notification" }')
    assert d.category == "client_timeout"
    assert "--rest_api_timeout_in_ms" in d.steps[0] and "30000" in d.cause, (d.cause, d.steps[0])


def test_a_graph_name_that_does_not_exist() -> None:
    # tensorflow/python/framework/ops.py Graph._as_graph_element_locked
    d = best("KeyError: \"The name 'pixels:0' refers to a Tensor which does not exist. The operation, 'pixels', does "
             "not exist in the graph.\"")
    assert d.category == "input_keys_mismatch"
    assert "graph.get_operations()" in d.steps[0] and "pixels" in d.cause, (d.cause, d.steps[0])


def test_a_classification_signature_excluded_from_export() -> None:
    # tensorflow/python/saved_model/model_utils/export_utils.py + export_output.py ClassificationOutput
    d = best("INFO:tensorflow:Signatures EXCLUDED from export because they cannot be be served via TensorFlow Serving "
             "APIs:\nINFO:tensorflow:'serving_default' : Classification input must be a single string Tensor; got "
             "{'age': <tf.Tensor 'age:0' shape=(?,) dtype=float32>}\nWARNING:tensorflow:Export includes no default "
             "signature!")
    assert d.category == "wrong_api_or_input_format"
    assert "PredictOutput" in d.steps[0] and "build_parsing_serving_input_receiver_fn" in d.steps[0], d.steps[0]


def test_a_savedmodel_folder_that_is_missing_or_empty() -> None:
    # tensorflow/python/saved_model/loader_impl.py parse_saved_model
    d = best("OSError: SavedModel file does not exist at: build/export/{saved_model.pbtxt|saved_model.pb}")
    assert d.category == "savedmodel_not_found"
    assert "ls -la build/export" in d.steps[0] and "never written" in d.steps[0], d.steps[0]
    assert "build/export" in d.cause and "empty" in d.cause, d.cause


def test_a_corrupt_jpeg_is_checked_as_a_file() -> None:
    d = best("InvalidArgumentError: Invalid JPEG data or crop window, data size 4096\n\t [[{{node DecodeJpeg}}]]")
    assert d.category == "encoded_image_string_mismatch"
    assert "4096 bytes" in d.cause and d.steps[0].startswith("Check the image files"), d.steps[0]


def test_firebase_ml_without_the_published_model() -> None:
    d = best("com.google.firebase.ml.common.FirebaseMLException: Failed to connect to Firebase ML console server "
             'with HTTP status code: 404 and error message: {"error": {"code": 404, "message": "Requested entity was '
             'not found.", "status": "NOT_FOUND"}}')
    assert d.category == "model_not_found"
    assert d.steps[0].startswith("Publish the model in the Firebase console"), d.steps[0]


def test_a_model_file_holding_another_object() -> None:
    d = best('ERROR: (gcloud.ai-platform.versions.create) Bad model detected with error: "Failed to load model: '
             "Invalid model type detected: builtins.list. Please make sure the model file is an exported sklearn "
             'model or pipeline. (Error code: 0)"')
    assert d.category == "model_load_failed"
    assert "builtins.list" in d.cause and "joblib.dump(model" in d.steps[0], (d.cause, d.steps[0])


def test_a_session_feed_without_its_batch_dimension() -> None:
    # _arg_<name>_0_0 is the node a session makes for a fed tensor: a program's own session, no REST request
    d = best("In[0] is not a matrix\n\t [[Node: dense/MatMul = MatMul[T=DT_FLOAT, transpose_a=false, "
             "transpose_b=false](_arg_features_0_0, dense/kernel/read)]]")
    assert d.category == "missing_batch_dimension"
    assert d.steps[0].startswith("Give the tensor you feed its batch dimension"), d.steps[0]


def test_a_signature_called_with_strings_from_python() -> None:
    d = best("tensorflow.python.framework.errors_impl.InvalidArgumentError: cannot compute "
             "__inference_signature_wrapper_512 as input #0(zero-based) was expected to be a float tensor but is a "
             "string")
    assert d.category == "bytes_sent_to_numeric_input"
    assert "tf.string" in d.steps[0] and '"instances"' not in d.steps[0], d.steps[0]


@pytest.mark.parametrize("text, who", [
    ("ValueError: " + NODEDEF, "python"),
    ("grpc._channel._Rendezvous: status = StatusCode.INVALID_ARGUMENT details = \"" + NODEDEF + '"', "server"),
    ("org.tensorflow.exceptions.TFInvalidArgumentException: " + NODEDEF, "a TensorFlow binding (Java, Rust, C#, Go, C, R)"),
    (NODEDEF, None),
])
def test_who_loads_the_model(text: str, who: str | None) -> None:
    assert loader(text) == who


@pytest.mark.parametrize("text, first", [
    ("Traceback (most recent call last):\n  File \"x.py\", line 3, in <module>\n    tf.train.import_meta_graph(p)\n"
     "  File \"/usr/lib/python2.7/dist-packages/tensorflow/python/framework/importer.py\", line 280, in "
     "import_graph_def\n    raise ValueError('No op named %s in defined operations.' % node.op)\n"
     "ValueError: No op named DecodeBmp in defined operations.", "Upgrade TensorFlow in the Python environment"),
    ("2024-01-01 00:00:00.000001: E tensorflow_serving/util/retrier.cc:37] Loading servable: {name: m version: 1} "
     "failed: Not found: Op type not registered 'ClipByValue' in binary running on host.", "Serve with a runtime"),
])
def test_a_stock_op_the_loader_lacks_makes_the_loader_the_side_to_upgrade(text: str, first: str) -> None:
    """importer.py's "No op named X" / the registry's "Op type not registered X" say "a custom op, or a newer
    TensorFlow"; X in stock TensorFlow's op list leaves the second, so the loader's upgrade leads."""
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and d.variant == "stock_op"
    assert d.steps[0].startswith(first), d.steps


def test_a_feature_vector_set_on_a_tflite_input_of_rank_2_lacks_its_batch_axis() -> None:
    """TFLite's set_tensor (interpreter_wrapper.cc: "Cannot set tensor: Dimension mismatch. Got %d but expected %d for
    input %d."): rank 1 for a (batch, features) input is one example's features without the batch axis."""
    text = ('Traceback (most recent call last):\n  File "t.py", line 3, in <module>\n'
            '  File "/venv/lib/python3.11/site-packages/tensorflow/lite/python/interpreter.py", line 765, in set_tensor\n'
            '    self._interpreter.SetTensor(tensor_index, value)\n'
            'ValueError: Cannot set tensor: Dimension mismatch. Got 1 but expected 2 for input 0.\n')
    d = explain_text(text)[0]
    assert d.category == "missing_batch_dimension"
    assert d.steps[0].startswith("Add the batch axis") and "image" not in d.cause


def test_an_interpreter_called_the_wrong_way_gets_no_rest_api_steps() -> None:
    """TFLite's interpreter.py ("Invoke called before AllocateTensors" / set_tensor before allocation): a library
    called the wrong way, with no server in the text -- the category's :predict / :classify sentence and steps go."""
    text = ('Traceback (most recent call last):\n  File "t.py", line 4, in <module>\n    it.invoke()\n'
            '  File "/venv/lib/python3.11/site-packages/tensorflow/lite/python/interpreter.py", line 986, in invoke\n'
            '    self._interpreter.Invoke()\n'
            'RuntimeError: Invoke called on model that is not ready.\n')
    d = explain_text(text)[0]
    assert d.category == "wrong_api_or_input_format" and "allocate_tensors" in d.steps[0]
    assert "Classify/Regress" not in d.cause and not any(":predict" in s for s in d.steps)
    served = explain_text('{"error": "Expected classification signature method_name to be one of '
                          '{tensorflow/serving/classify}. Was: tensorflow/serving/predict"}')[0]
    assert served.category == "wrong_api_or_input_format" and any(":predict" in s for s in served.steps)


def test_a_binding_failure_with_the_right_names_adds_no_input_name_reading() -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "trial11" / "binding_int_dtype.txt").read_text()
    readings = explain_text(text)
    assert readings[0].category == "dtype_mismatch"
    assert "input_keys_mismatch" not in [d.category for d in readings]


def test_a_start_up_cuinit_line_adds_no_status_and_no_service_reading() -> None:
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "trial11" / "cuinit_no_variables.txt").read_text()
    readings = explain_text(text)
    assert readings[0].category == "variables_not_restored"
    assert not [d for d in readings if d.category == "service_side_error" or "http_status" in d.evidence]


def test_the_locate_wording_keras_2_and_keras_3_share_names_both_ways() -> None:
    """serialization_lib's 'Could not locate class X. Make sure custom classes are decorated with …' is printed by
    Keras 2.13-2.15 / tf_keras and by Keras 3.3-3.11 alike (keras-team/keras v3.3.0 … v3.11.0): without a module path
    or config key in the text, the fix does not tell the loader to upgrade."""
    d = explain_text("TypeError: Could not locate class 'Model'. Make sure custom classes are decorated with "
                     "`@keras.saving.register_keras_serializable()`.")[0]
    assert d.category == "runtime_version_mismatch"
    assert "tf_keras" in d.steps[0] and "Keras 3 (TensorFlow >= 2.16)" in d.steps[0]
    assert "does not say which side is newer" in d.cause
    newer = explain_text("Could not locate class 'Functional'. Make sure custom classes and functions are decorated "
                         "with `@keras.saving.register_keras_serializable()`.")[0]
    assert "does not say which side" not in newer.cause  # Keras 3.12+'s own wording: not this rule's


def test_a_config_in_keras_2s_engine_package_was_written_by_keras_2() -> None:
    """Keras 2.13-2.15 write 'module': 'keras.src.engine.functional' (the wheel's keras/src/engine/); Keras 3 has no
    engine package (keras-team/keras v3.3.0 … v3.11.0: keras/src/models/): Keras 3 is the loader, the newer side."""
    text = ("TypeError: Could not locate class 'Functional'. Make sure custom classes are decorated with "
            "`@keras.saving.register_keras_serializable()`. Full object config: {'module': 'keras.src.engine.functional', "
            "'class_name': 'Functional', 'config': {}, 'registered_name': 'Functional'}")
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and "saved by Keras 2" in d.cause
    assert "tf_keras" in d.steps[0] and not any("at least as new" in s for s in d.steps)


def test_keras_3_12s_wording_with_a_keras_2_module_was_written_by_keras_2() -> None:
    """Keras 3.12+ words it 'custom classes and functions are decorated' (only Keras 3 says it): a config naming
    tf_keras's engine package (tf_keras.src.engine.functional) was written by Keras 2, so upgrading the loader, which
    the built-in name 'Functional' alone suggests, does not help (provoked_14b t1-24, after its measurement)."""
    text = ("TypeError: Could not locate class 'Functional'. Make sure custom classes and functions are decorated with "
            "`@keras.saving.register_keras_serializable()`. If they are already decorated, make sure they are all "
            "imported so that the decorator is run before trying to load them. Full object config: {'module': "
            "'tf_keras.src.engine.functional', 'class_name': 'Functional', 'config': {'name': 'model'}, "
            "'registered_name': 'Functional'}")
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and "saved by Keras 2" in d.cause
    assert "tf_keras" in d.steps[0] and not any("at least as new" in s for s in d.steps)
    own = text.replace("tf_keras.src.engine.functional", "keras.src.models.functional")
    assert "saved by Keras 2" not in explain_text(own)[0].cause  # Keras 3's own module path: not this reading
