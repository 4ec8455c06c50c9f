"""The fix as the user reads it: no step said twice, no step about what the text does not show."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text

KERAS3_DIR = (  # a folder that is no version directory: Keras 2's model.save(dir), loaded after an upgrade
    "ValueError: File format not supported: filepath=k2_savedmodel. Keras 3 only supports V3 `.keras` files and "
    "legacy H5 format files (`.h5` extension). Note that the legacy SavedModel format is not supported by "
    "`load_model()` in Keras 3. In order to reload a TensorFlow SavedModel as an inference-only layer in Keras 3, use "
    "`keras.layers.TFSMLayer(k2_savedmodel, call_endpoint='serving_default')` (note that your `call_endpoint` might "
    "have a different name).")


def test_a_message_fix_and_the_category_wording_of_the_same_case_are_one_step() -> None:
    best = explain_text(KERAS3_DIR)[0]
    assert best.category == "runtime_version_mismatch"
    assert "TFSMLayer" in best.steps[0]
    assert sum("TFSMLayer" in s for s in best.steps) == 1, best.steps
    assert "newer" not in best.title  # Keras 3 refusing an older format: no side is "newer" in the title


def test_the_op_library_step_only_when_an_op_was_read() -> None:
    keras = explain_text(KERAS3_DIR)[0]
    assert not any("library outside stock TensorFlow" in s for s in keras.steps)
    op = explain_text("NotFoundError: Op type not registered 'SentencepieceOp' in binary running on host. Make sure "
                      "the Op and Kernel are registered in the binary running in this process.")[0]
    assert op.category == "runtime_version_mismatch" and "SentencepieceOp" in " ".join([op.cause, *op.steps])


def test_distinct_steps_stay() -> None:
    text = "NodeDef mentions attr 'explicit_paddings' not in Op<name=Conv2D; signature=input:T, filter:T -> output:T>"
    best = explain_text(text)[0]
    assert best.category == "runtime_version_mismatch"
    assert any(s.startswith("Or re-export") for s in best.steps), best.steps  # short, but another action


def test_a_container_message_nobody_categorises_points_at_the_container_log() -> None:
    from sigcheck.explain import read_unknown

    text = ("docker: Error response from daemon: driver failed programming external connectivity on endpoint tfs "
            "(1234): Bind for 0.0.0.0:8501 failed: port is already allocated.")
    assert explain_text(text) == []
    view = read_unknown(text)
    assert view.next_command.startswith("docker ps -a, then docker logs CONTAINER")
    assert any("not about the request or model" in r for r in view.readings)


def test_keras3_config_keys_in_a_printed_config_are_no_version_direction() -> None:
    """Keras 3 writes module / registered_name / build_config into every config it prints: a Keras 3 file that Keras 3
    fails to rebuild (an unregistered class) is not 'saved by a newer Keras'; Keras 2 refusing 'module' is."""
    unregistered = ("TypeError: Could not locate class 'MyBlock'. Make sure custom classes are decorated with "
                    "`@keras.saving.register_keras_serializable()`. Full object config: {'module': None, 'class_name': "
                    "'MyBlock', 'config': {'name': 'my_block'}, 'registered_name': 'MyBlock', 'build_config': "
                    "{'input_shape': [None, 3]}}")
    assert not any("newer Keras" in d.cause for d in explain_text(unregistered))
    keras2 = explain_text("TypeError: ('Keyword argument not understood:', 'module')")[0]
    assert keras2.category == "runtime_version_mismatch" and "saved by a newer Keras" in keras2.cause


def test_channels_first_models_are_read_as_they_lay_images_out() -> None:
    """A Keras model built channels_first takes (3, H, W): an (H, W, 3) image is a layout to transpose, and a
    (3, 224, 224) image against (3, 244, 244) is a size, not '224 channels'."""
    layout = explain_text("ValueError: Error when checking input: expected conv2d_1_input to have shape (3, 64, 64) "
                          "but got array with shape (64, 64, 3)")[0]
    assert layout.category == "input_shape_mismatch" and "channels-first" in layout.cause
    assert "transpose(0, 3, 1, 2)" in layout.steps[0]
    size = explain_text("ValueError: Error when checking input: expected conv2d_1_input to have shape (3, 244, 244) "
                        "but got array with shape (3, 224, 224)")[0]
    assert "224×224 where the model takes 244×244" in size.cause and "channels" not in size.cause


@pytest.mark.parametrize("text", [
    "ERROR: (gcloud.ai-platform.predict) NOT_FOUND: Field: name Error: The model resource: \"churn\" was not found. "
    "Please create the Cloud ML model resource first by using 'gcloud ai-platform models create churn'.",
    'The model resource: "housing_prices" was not found.',
])
def test_a_cloud_model_resource_not_found_is_told_its_project_and_region(text: str) -> None:
    # AI Platform's regional endpoints and its global one hold separate models: a model created in one region is
    # "not found" when called in another (or from the global endpoint)
    d = explain_text(text)[0]
    assert d.category == "model_not_found" and d.variant == "cloud"
    assert "--region" in d.steps[0] and "models list" in d.steps[0]
    assert not any("--model_name" in s for s in d.steps)  # TF Serving's flag is not this case


def test_a_scalar_fed_as_a_list_of_one_is_told_to_feed_a_scalar() -> None:
    # TF's Switch / cond kernel in a graph fed from TF Java (javacpp-presets): the 'drop' placeholder is rank 0
    text = ("input must be a scalar, but it has shape [1]\n\t [[Node: fc_1layer/cond/sub/Switch = Switch[T=DT_FLOAT, "
            "_class=[\"loc:@drop\"]](_arg_drop_0_1, _arg_x_phase_0_0)]]")
    d = explain_text(text)[0]
    assert d.category == "scalar_input" and d.variant == "fed"
    assert d.steps[0].startswith("Feed it as a scalar") and "columnar" in d.steps[0]


@pytest.mark.parametrize("text", [
    "RuntimeError: Regular TensorFlow ops are not supported by this interpreter. Make sure you apply/link the Flex "
    "delegate before inference.Node number 370 (FlexRandomUniform) failed to prepare.",
    "Node number 12 (FlexErf) failed to prepare.",
])
def test_a_flex_op_is_a_tensorflow_op_the_interpreter_has_no_delegate_for(text: str) -> None:
    # TFLite names a Select TF op 'Flex' + the TensorFlow op: not a custom op a serving binary lacks
    d = explain_text(text)[0]
    assert d.category == "runtime_version_mismatch" and d.variant == "flex_op"
    assert "Flex delegate" in d.cause and "serving binary" not in d.cause
    assert "tensorflow-lite-select-tf-ops" in " ".join(d.steps)


def test_a_memory_quota_is_the_model_in_memory_not_a_request_quota() -> None:
    # Heroku's R14 (a dyno over its memory quota, the loaded model's size): not the project quota of a service
    text = ("2020-09-20T11:22:52.653231+00:00 heroku[web.1]: Error R14 (Memory quota exceeded)\n"
            "2020-09-20T11:23:12.752615+00:00 heroku[web.1]: Process running mem=813M(156.7%)")
    assert explain_text(text)[0].category == "model_too_large"
    assert explain_text("429 Quota exceeded for quota metric 'Online prediction requests per minute'")[0].category \
        == "quota_exceeded"
