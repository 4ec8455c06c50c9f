"""Text normalisation: unescaping, wrappers, tracebacks; what counts as text at all."""

from __future__ import annotations

import pytest

from sigcheck.errors import InputError
from sigcheck.explain.normalize import decode_text, drop_traceback_frames, normalize, unescape


def test_json_escapes_are_undone() -> None:
    assert unescape(r'{ "error": "a\nb \"q\" c\\d" }') == '{ "error": "a\nb "q" c\\d" }'


def test_nested_escaping_is_undone_to_the_bottom() -> None:
    twice = r'{\"error\": \"input must be 4-dimensional[1,1,9]\\n\\t [[{{node c}}]]\"}'
    assert normalize(twice) == '{"error": "input must be 4-dimensional[1,1,9] [[{{node c}}]]"}'


def test_hex_and_unicode_escapes() -> None:
    assert unescape(r"got '\xff\xd8\xff' \u0027x\u0027") == "got '\xff\xd8\xff' 'x'"


def test_whitespace_collapses_and_quotes_unify() -> None:
    assert normalize("a\n\t  b \u2018c\u2019 \u201cd\u201d `e`") == "a b 'c' \"d\" 'e'"


def test_ansi_colours_and_html_entities_go() -> None:
    assert normalize("\x1b[31mERROR\x1b[0m: &quot;x&quot;") == 'ERROR: "x"'


def test_traceback_frames_are_dropped_but_the_error_stays() -> None:
    text = (
        "Traceback (most recent call last):\n"
        '  File "serve.py", line 3, in <module>\n'
        "    model = tf.saved_model.load(export_dir)  # saved_model.pb not found?\n"
        '  File "/x/loader_impl.py", line 9, in parse\n'
        "    raise IOError('...')\n"
        "OSError: SavedModel file does not exist at: /tmp/m/{saved_model.pbtxt|saved_model.pb}"
    )
    out = drop_traceback_frames(text)
    assert "serve.py" not in out and "tf.saved_model.load" not in out
    assert out.endswith("saved_model.pb}")


def test_grpc_inactive_rpc_error_reads_as_one_line() -> None:
    text = ('<_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.NOT_FOUND\n\tdetails = '
            '"Servable not found for request: Latest(m)"\n>')
    assert normalize(text) == ('<_InactiveRpcError of RPC that terminated with: status = StatusCode.NOT_FOUND details'
                               ' = "Servable not found for request: Latest(m)" >')


def test_long_pastes_keep_head_and_tail() -> None:
    text = "HEAD " + "x" * 500_000 + " TAIL"
    out = normalize(text)
    assert out.startswith("HEAD") and out.endswith("TAIL") and len(out) < 120_000


def test_decode_text_accepts_utf8_with_bom_and_utf16() -> None:
    assert decode_text("\ufeffTable not initialized.".encode("utf-8")) == "Table not initialized."
    assert decode_text("Table not initialized.".encode("utf-16")) == "Table not initialized."


@pytest.mark.parametrize("data", [b"", b"  \n\t ", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_decode_text_refuses_empty_and_binary_input(data: bytes) -> None:
    with pytest.raises(InputError) as exc:
        decode_text(data, "paste.txt")
    assert exc.value.message.startswith("paste.txt: ")
    assert exc.value.hint


def test_spaced_colons_read_as_plain_colons() -> None:
    assert normalize("Type : Object is not of expected type : float") == "Type: Object is not of expected type: float"
    assert normalize("ratio 1 :2") == "ratio 1 :2"  # only ' : ' between a word and text


def test_typographic_hyphens_and_minus_signs_are_asciis() -> None:
    """A web page's non-breaking hyphen or a minus sign (U+2011, U+2212) in a copied message reads as ``-``."""
    from sigcheck.explain import explain_text

    top = explain_text("InvalidArgumentError: input must be 4\u2011dimensional[1,1,1,150,150,3]")[0]
    assert top.category == "extra_batch_dimension"
    assert top.evidence["got_shape"] == [1, 1, 1, 150, 150, 3]
    top = explain_text("Cannot feed value of shape (\u22121, 224) for Tensor x:0, which has shape (?, 224, 224, 3)")[0]
    assert top.evidence["got_shape"] == [-1, 224]


def test_markdown_escapes_of_an_issue_source_are_undone() -> None:
    """``keras\\_learning\\_phase`` as an issue's Markdown source writes it outside a code block reads as the name."""
    from sigcheck.explain import explain_text

    text = ("InvalidArgumentError: You must feed a value for placeholder tensor 'keras\\_learning\\_phase' with dtype "
            "bool\n\t [[{{node keras\\_learning\\_phase}}]]")
    top = explain_text(text)[0]
    assert top.category == "keras_learning_phase"
    assert "\\_" not in normalize(text)
    assert "C:/_models" in normalize('{"error": "C:\\\\\\\\_models"}')  # a path's escaped backslash: no escape


def test_python_2_unicode_reprs_read_as_python_3_quotes() -> None:
    """TF 1.x under Python 2 prints ``KeyError: u'FIFOQueueV2'`` (importer.py's ``op_dict[node.op]`` before TF 1.5):
    the line the patterns read quotes the key as Python 3 would; a ``u`` inside a word is not a prefix."""
    assert normalize("KeyError: u'FIFOQueueV2'") == "KeyError: 'FIFOQueueV2'"
    assert normalize('dict_keys([u"input_1", u"input_2"])') == 'dict_keys(["input_1", "input_2"])'
    assert normalize("menu'x' and you'll") == "menu'x' and you'll"


def test_a_python_2_keyerror_on_a_stock_op_reads_as_an_older_runtime() -> None:
    from sigcheck.explain import explain_text

    text = ('Traceback (most recent call last):\n'
            '  File "load.py", line 9, in <module>\n    tf.import_graph_def(graph_def, name="")\n'
            '  File "/usr/local/lib/python2.7/dist-packages/tensorflow/python/framework/importer.py", line 258, '
            'in import_graph_def\n    op_def = op_dict[node.op]\n'
            "KeyError: u'NonMaxSuppressionV3'\n")
    best = explain_text(text)[0]
    assert best.category == "runtime_version_mismatch" and best.evidence.get("op") == "NonMaxSuppressionV3"
    assert "older than the TensorFlow that exported" in best.cause


CUINIT = ("E0000 00:00:1796624255.239023    3079 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error: "
          "Failed call to cuInit: UNKNOWN ERROR (303)")
"""absl's line from xla/stream_executor/cuda/cuda_platform.cc, printed by TensorFlow 2.21 at start-up without a GPU."""


def test_tensorflow_start_up_log_lines_are_not_read_as_the_error() -> None:
    from sigcheck.explain import explain_text

    glog = ("2021-03-01 10:00:00.123456: W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not "
            "load dynamic library 'libcudart.so.11.0'; dlerror: libcudart.so.11.0: cannot open shared object file")
    error = ("OSError: SavedModel file does not exist at: /models/m/{saved_model.pbtxt|saved_model.pb}")
    for noise in (CUINIT, glog):
        assert normalize(f"{noise}\n{error}") == error
        best = explain_text(f"{noise}\nTraceback (most recent call last):\n  File \"a.py\", line 1, in <module>\n{error}")
        assert best[0].category == "savedmodel_not_found"
        assert not [d for d in best if "http_status" in d.evidence or d.category == "service_side_error"]
    assert "cuInit" in normalize(CUINIT)  # nothing else: the line is what was pasted


def test_an_elementwise_broadcast_is_two_operands_not_an_input_against_its_declared_shape() -> None:
    """cwise_ops_common's ``Incompatible shapes: [3,2] vs. [3]``: a value per example against two per example; in a
    served model most often a scalar input sent in every instance (TF Serving stacks it into [3])."""
    from sigcheck.explain import explain_text

    text = ('{ "error": "Incompatible shapes: [3,2] vs. [3]\\n\\t [[{{function_node __inference_serve_959}}'
            '{{node truediv}}]]" }')
    best = explain_text(text)[0]
    assert best.category == "input_shape_mismatch"
    assert "columnar format" in best.steps[0] and "stereo" not in " ".join(best.steps)
    assert "scalar (rank-0) input" in best.cause and "(truediv)" in best.cause
    same_rank = explain_text('{ "error": "Incompatible shapes: [3,2] vs. [3,5]" }')[0]
    assert "columnar format" not in same_rank.steps[0]


def test_an_exception_line_under_a_frame_line_of_a_terminals_width_is_not_joined_to_it() -> None:
    """A frame line exactly 120 characters long (as a traceback may print one) is no piece of a cut line: the
    exception line under it starts a line of its own, and the message is read."""
    from sigcheck.explain import explain_text
    from sigcheck.explain.normalize import join_terminal_wraps

    frame = '  File "/usr/lib/python3/dist-packages/tensorflow/python/framework/importer.py", line 501, in _import_graph_def_internal'
    assert len(frame) == 120
    for exc in ("ValueError: NodeDef mentions attr 'half_pixel_centers' not in Op<name=ResizeBilinear; "
                "signature=images:T, size:int32 -> resized_images:float>; NodeDef: {{node resize}}.",
                "tensorflow.python.framework.errors_impl.InvalidArgumentError: NodeDef mentions attr "
                "'half_pixel_centers' not in Op<name=ResizeBilinear>; NodeDef: {{node resize}}."):
        text = f"Traceback (most recent call last):\n{frame}\n{exc}\n"
        assert join_terminal_wraps(text) == text.rstrip("\n") or join_terminal_wraps(text) == text
        assert explain_text(text)[0].category == "runtime_version_mismatch"
    # a cut inside a class name still joins: 'InvalidArgumen' / 'tError: …'
    cut = "x" * 105 + " InvalidArgumen\ntError: Input to reshape is a tensor with 10 values"
    assert "InvalidArgumentError: Input" in join_terminal_wraps(cut)
