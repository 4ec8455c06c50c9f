"""Trial 9's explain readings that were wrong (F2, F3, F4, F8, F10, F11, F12, F14, F19, F20, F22, F23).

The texts are real (TensorFlow 2.21 / Keras 3.15 / ``sigcheck predict``, see data/trial9/README.md); the models are
the committed fixtures.
"""

from __future__ import annotations

from pathlib import Path

from sigcheck.explain import explain_text, normalize, read_unknown
from sigcheck.explain.layers import read_layers

DATA = Path(__file__).parent / "data" / "trial9"


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def steps(d) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(d.steps)


# ---------------------------------------------------------------------------------------------- F10: placeholder name

def test_f10_the_placeholder_is_read_from_the_tf_operation_it_names() -> None:
    """op_selector.py writes 'depends transitively on placeholder <tf.Operation 'keep_prob' type=Placeholder>'; the
    header before it says 'the placeholder is not fed', whose 'is' is no name."""
    d = explain_text(text("scalar_out_call.txt"))[0]
    assert d.category == "unfed_placeholder"
    assert d.evidence["placeholder"] == "keep_prob"
    assert "(keep_prob)" in d.cause and "(is)" not in d.cause


def test_f10_the_model_with_that_placeholder_confirms_it(models) -> None:  # type: ignore
    d = explain_text(text("scalar_out_call.txt"), info=models("tf1_keep_prob"))[0]
    assert d.category == "unfed_placeholder" and d.confidence >= 0.9
    assert "another export or version" not in d.cause + " ".join(d.confirmed)
    assert any("keep_prob" in c for c in d.confirmed)
    assert "sigcheck repair" in d.steps[0]


def test_f10_a_model_with_another_unfed_placeholder_is_said_not_called_another_export(models) -> None:  # type: ignore
    """The text names keep_prob; the model given leaves is_training unfed: the reading stands, the fix binds the
    model's placeholder."""
    d = explain_text(text("scalar_out_call.txt"), info=models("tf1_is_training"))[0]
    assert d.category == "unfed_placeholder"
    assert "another export or version" not in " ".join(d.confirmed)
    assert any("no unfed placeholder keep_prob, but signature serving_default leaves is_training" in c
               for c in d.confirmed)
    assert "is_training" in d.steps[0] and "keep_prob" not in d.steps[0]


# ---------------------------------------------------------------------------------------------- F4, F19: signatures[KEY]

def test_f19_a_frame_s_source_line_keeps_its_escapes() -> None:
    """The calling frame's code holds "NO ERROR\\n": unescaped, it cut the line and the text read ') KeyError: …'."""
    line = normalize(text("sig_wrong_key.txt"))
    assert line.endswith("KeyError: 'serving'") and '")' not in line


def test_f19_the_message_keeps_a_quote_that_closes_one_inside() -> None:
    assert read_layers("KeyError: 'serving'").message == "KeyError: 'serving'"
    assert read_layers('"Input to reshape is a tensor with 8 values"').message.startswith("Input to reshape")


def test_f4_a_keyerror_from_the_signatures_map_is_read_by_its_frame(models) -> None:  # type: ignore
    """signature_serialization.py's __getitem__ raises a bare KeyError: 'serving' (a name no pattern lists)."""
    d = explain_text(text("sig_wrong_key.txt"))[0]
    assert d.category == "signature_not_found" and d.confidence >= 0.9
    assert "signature 'serving'" in d.cause
    d = explain_text(text("sig_wrong_key.txt"), info=models("module_multi"))[0]
    assert d.category == "signature_not_found"
    assert "loaded.signatures['serving_default']" in d.steps[0]


# ---------------------------------------------------------------------------------------------- F3: not a .keras zip

def test_f3_keras3_file_not_found_is_missing_or_not_a_zip() -> None:
    d = explain_text(text("keras_load_text_as_keras.txt"))[0]
    assert d.category == "savedmodel_not_found"
    assert "missing or not a .keras zip" in d.cause
    assert "zipfile.is_zipfile('/tmp/trial9/errs/notkeras.keras')" in d.steps[0]
    assert not any(s.startswith("The path does not exist") for s in d.steps)


# ---------------------------------------------------------------------------------------------- F2: load_model(dir)

def test_f2_keras3_load_model_of_a_savedmodel_folder_keeps_its_step_with_the_model(models) -> None:  # type: ignore
    """The folder was written by TF 2.21 / Keras 3's model.export: no version is too old; TFSMLayer stays first."""
    for info in (None, models("keras_tabular")):  # a version directory (k3/1): the loader, no category
        assert explain_text(text("keras_load_savedmodel_dir.txt"), info=info) == []
    seen = " ".join(read_unknown(text("keras_load_savedmodel_dir.txt")).readings)
    assert "Fix: Load the SavedModel with keras.layers.TFSMLayer(" in seen and "written by TensorFlow/Keras 2" not in seen
    assert "tf2-cpu.2-21" not in seen and "Serve with a runtime" not in seen


def test_f2_keras3_load_model_of_saved_model_pb_names_its_folder() -> None:
    d = explain_text(text("keras_load_pb.txt"))[0]
    assert "SavedModel's graph file" in d.cause
    assert d.steps[0].startswith("Give the folder that holds it, not the file: keras.layers.TFSMLayer("
                                 "'/tmp/trial9/models/k3/1'")
    assert "saved_model.h5" not in steps(d) and "Serve with a runtime" not in steps(d)


def test_f2_a_version_step_names_only_a_vertex_container_sigcheck_knows(models) -> None:  # type: ignore
    """TensorFlow's 'Op type not registered' (core/framework/op.cc) on a model TF 2.21 wrote: no Vertex AI prebuilt
    container runs 2.21 (sigcheck's runtime table ends at 2.15), so none is named as if it did."""
    t = ("NotFoundError: Op type not registered 'DenseBincount' in binary running on host. Make sure the Op and "
         "Kernel are registered in the binary running in this process.")
    d = explain_text(t, info=models("keras_tabular"))[0]
    assert d.category == "runtime_version_mismatch"
    assert "tf2-cpu.2-21" not in d.steps[0] and "tensorflow/serving:2.21.0" in d.steps[0]
    assert "no Vertex AI prebuilt TensorFlow container sigcheck knows runs it" in d.steps[0]


# ---------------------------------------------------------------------------------------------- F8: which output

def test_f8_inconsistent_batch_size_does_not_blame_the_output_named() -> None:
    """json_tensor.cc names the first output whose 0th dimension differs from those before it: not necessarily
    the one without the batch dimension."""
    d = explain_text(text("err_incons.txt"))[0]
    assert d.category == "output_batch_dimension"
    assert "not necessarily the one without the batch dimension" in d.cause
    assert not d.cause.startswith("An output tensor (indices) does not carry")


def test_f8_the_request_s_instances_say_the_other_output_lost_the_batch() -> None:
    body = (DATA / "req_edge4.json").read_bytes()  # 3 instances: indices has its 3 rows
    d = explain_text(text("err_incons.txt"), request=body)[0]
    assert d.category == "output_batch_dimension"
    assert "output indices has 3 rows, as it should" in d.cause and "another output" in d.cause
    assert d.steps[0].startswith("Give the other output")
    one = b'{"signature_name": "topk", "instances": [[1, 2, 3, 4]]}'  # 1 instance: indices' 3 rows are the fault
    d = explain_text(text("err_incons.txt"), request=one)[0]
    assert d.steps[0].startswith("Give output indices a leading batch dimension")


# ---------------------------------------------------------------------------------------------- F22: the missing key

def test_f22_keras_missing_data_names_the_input_the_dict_lacks() -> None:
    d = explain_text(text("text_missing_key.txt"))[0]
    assert d.category == "input_keys_mismatch"
    assert "lacks the model's input color: the dict passed has review" in d.cause
    assert "the request uses color" not in d.cause
    assert d.steps[0].startswith("Add input color to the dict: pass every input the model names")


def test_f22_a_misspelt_key_is_named_from_keras_own_lists() -> None:
    """The same input_spec.py message, as Keras 3 formats it for a dict with a misspelt key."""
    t = ("ValueError: Missing data for input \"color\". You passed a data dictionary with keys ['review', 'colour']. "
         "Expected the following keys: ['color', 'review']")
    d = explain_text(t)[0]
    assert d.steps[0].startswith("Rename the dict's key: colour → color")


def test_f22_the_tags_title_does_not_name_a_tag_the_model_has() -> None:
    d = explain_text(text("wrong_tags_v1.txt"))[0]
    assert d.category == "savedmodel_tags"
    assert "'serve'" not in d.title and "it has serve" in d.cause


# ---------------------------------------------------------------------------------------------- F11: NumPy text

def test_f11_numpy_text_to_a_model_of_string_inputs_is_the_container(models) -> None:  # type: ignore
    """module_multi's echo_bytes takes one string (chosen by the body's signature_name): no numeric input exists."""
    body = b'{"signature_name": "echo_bytes", "instances": ["a"]}'
    out = explain_text(text("keras_text_wrong_key.txt"), info=models("module_multi"), request=body)
    d = out[0]
    assert d.category == "dtype_mismatch"
    assert "Keras 3 takes no NumPy text array" in d.cause and "str96" in d.cause
    assert d.steps[0].startswith("Pass the texts as TensorFlow string tensors: tf.constant(")
    numeric = next((x for x in out if x.category == "bytes_sent_to_numeric_input"), None)
    assert numeric is None or numeric.confidence < d.confidence - 0.3


def test_f11_a_model_with_numeric_inputs_keeps_the_numeric_reading(models) -> None:  # type: ignore
    d = explain_text(text("keras_text_wrong_key.txt"), info=models("keras_tabular"))[0]
    assert d.category == "bytes_sent_to_numeric_input"
    assert "NumPy text" in d.cause and "np.asarray(x, dtype='float32')" in d.steps[0]  # numbers read as text


# ---------------------------------------------------------------------------------------------- F12: TFSMLayer dict

def test_f12_a_dict_through_tfsmlayer_is_read_with_its_keys() -> None:
    d = explain_text(text("tfsm_text_wrongkey.txt"))[0]
    assert d.category == "input_keys_mismatch"
    assert "gave a dict (review, colour) as one positional argument" in d.cause
    assert "colour is not one of its inputs (did you mean color?)" in d.cause
    assert "passed no keywords" not in d.cause
    assert "call_endpoint='serve'" in d.steps[0] and "signatures['serving_default'](**inputs)" in d.steps[0]
    assert "colour → color" in d.steps[0]


# ---------------------------------------------------------------------------------------------- F14: map_fn shapes

def test_f14_a_map_element_of_the_same_rank_is_a_shape_mismatch_not_an_extra_level() -> None:
    """list_kernels.h prints the list's element shape and the fed tensor's shape after its first dimension."""
    for body in (None, (DATA / "req_edge2.json").read_bytes()):
        out = explain_text(text("err_edge2.txt"), request=body)
        d = out[0]
        assert d.category == "input_shape_mismatch"
        assert "elements of shape [2,2], but each instance sent has shape [3,2]" in d.cause
        assert d.steps[0].startswith("Send each instance with shape [2,2]")
        assert "extra_batch_dimension" not in [x.category for x in out]


def test_f14_a_list_of_b64_objects_per_instance_stays_an_extra_level() -> None:
    """The same kernel's message when each instance is a list where the map takes one scalar string."""
    t = ('{ "error": "Specified a list with shape [] from a tensor with shape [1]\\n\\t [[{{function_node '
         '__inference_serve_image_bytes_881}}{{node map/TensorArrayUnstack/TensorListFromTensor}}]]" }')
    d = explain_text(t)[0]
    assert d.category == "extra_batch_dimension" and d.variant == "map_fn"


# ---------------------------------------------------------------------------------------------- F20: titles

def test_f20_titles_agree_with_their_causes() -> None:
    assert explain_text(text("keras_load_custom_h5.txt")) == []  # a custom class not registered: a reading whose
    said = " ".join(read_unknown(text("keras_load_custom_h5.txt")).readings)  # fix names it (no category fits)
    assert "custom_objects={'trial9>Scale': Scale}" in said  # the registered name is the key, the class its value
    for name in ("keras_zip_named_h5.txt", "sm_load_truncated_pb.txt"):
        d = explain_text(text(name))[0]
        assert d.category == "savedmodel_not_found" and "No SavedModel" not in d.title
    d = explain_text(text("sm_load_truncated_pb.txt"))[0]
    assert "cannot parse it as a SavedModel protobuf (Error parsing message" in d.cause
    assert "does not directly contain saved_model.pb" not in d.cause


# ---------------------------------------------------------------------------------------------- F23: export names

def test_f23_an_export_refused_over_an_input_name_says_the_name() -> None:
    for name in ("names_export_last.txt", "names_export_clean.txt"):
        seen = read_unknown(text(name))
        assert any("the input name 'age years' has characters TensorFlow node names do not allow" in r
                   and "age_years" in r for r in seen.readings), seen.readings
        assert seen.next_command.startswith("change the export code") and "validate" not in seen.next_command


def test_f19_the_request_given_is_not_called_request_json() -> None:
    body = (DATA / "multi_trailing_comma.json").read_bytes()
    d = explain_text(text("multi_trailing_comma.err.txt"), request=body)[0]
    assert d.category == "json_parse_error"
    assert any(c.startswith("the request you gave does not parse") for c in d.confirmed)
    assert not any("request.json does not parse" in c for c in d.confirmed)
