"""Messages raised in Python around a served model (#15), from scripts/explain_index_python.py: TensorFlow's Python
loaders and shape checks, tensorflow_hub's hub.load, numpy's array-shape messages, protobuf's size limits.  Each text
is the message as its source prints it (the TF, numpy and protobuf ones provoked for real with TF 2.21 / numpy 2.4
and pasted here); each reads to its category with a first step that names the cause.  No TensorFlow import."""

from __future__ import annotations

import json
import re

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.index import INDEX_PATH

ENTRIES = json.loads(INDEX_PATH.read_text())["entries"]

CASES = [
    # text as printed | category | the first step names (regex)
    # numpy 2.4.6, provoked: a grayscale image copied into an RGB batch; an image of another size; an RGBA one
    ("ValueError: could not broadcast input array from shape (224,224) into shape (224,224,3)",
     "input_shape_mismatch", r"grayscale.*convert\('RGB'\)"),
    ("ValueError: could not broadcast input array from shape (224,224,4) into shape (224,224,3)",
     "input_shape_mismatch", r"RGBA|convert"),
    ("ValueError: cannot reshape array of size 50176 into shape (1,224,224,3)",
     "input_shape_mismatch", r"size or channel count|grayscale"),
    ("ValueError: setting an array element with a sequence. The requested array has an inhomogeneous shape after 3 "
     "dimensions. The detected shape was (2, 224, 224) + inhomogeneous part.",
     "ragged_instances", r"pad|resize every image"),
    ("ValueError: all the input array dimensions except for the concatenation axis must match exactly, but along "
     "dimension 3, the array at index 0 has size 3 and the array at index 1 has size 1",
     "input_shape_mismatch", r"channel count|input shape"),
    ("ValueError: all the input arrays must have same number of dimensions, but the array at index 0 has 2 "
     "dimension(s) and the array at index 1 has 1 dimension(s)", "input_shape_mismatch", r"channel count|input shape"),
    ("ValueError: all input arrays must have the same shape", "input_shape_mismatch", r"same size, same channel"),
    ("ValueError: operands could not be broadcast together with shapes (224,224) (3,) ", "input_shape_mismatch",
     r"mean/std.*grayscale"),
    # protobuf as TF links it (coded_stream.cc): a GraphDef over 64 MB
    ("[libprotobuf ERROR external/com_google_protobuf/src/google/protobuf/io/coded_stream.cc:207] A protocol message "
     "was rejected because it was too big (more than 67108864 bytes).  To increase the limit (or to disable these "
     "warnings), see CodedInputStream::SetTotalBytesLimit() in google/protobuf/io/coded_stream.h.",
     "model_too_large", r"constants.*variables|variables.*constants"),
    ("Traceback (most recent call last):\n  File \"export.py\", line 12, in <module>\n    "
     "tf.io.write_graph(graph_def, '.', 'frozen.pb', as_text=False)\nValueError: Message tensorflow.GraphDef exceeds "
     "maximum protobuf size of 2GB: 2417185452",
     "model_too_large", r"2 GB.*constants|freeze nothing"),
    # TensorFlow 2.21's Python, provoked
    ("RuntimeError: MetaGraphDef associated with tags 'train' could not be found in SavedModel, with available tags "
     "'[{'serve'}]'. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: "
     "`saved_model_cli`.",
     "savedmodel_tags", r"tag"),
    ("ValueError: Got an incompatible argument to `tags`: ['train']. The SavedModel at /tmp/b7/m has one MetaGraph "
     "with tags ['serve']. You may omit the argument, pass 'None', or pass matching tags.",
     "savedmodel_tags", r"tag"),
    ("OSError: Cannot parse file b'/tmp/b7/bad/saved_model.pb': Error parsing message with type "
     "'tensorflow.SavedModel': Wire format was corrupt.",
     "savedmodel_not_found", r"not a SavedModel protobuf|LFS|cut"),
    # raised by Keras's loss more often than at serving time: neither reading is presumed
    ("ValueError: Shapes (None, 10) and [None, 5] are incompatible", "input_shape_mismatch", r"labels.*output|"
     r"shape the signature declares"),
    ("ValueError: Shape (28, 28) must have rank 4", "input_shape_mismatch", r"rank|batch axis|channel"),
    # a loaded signature called with its input both by position and by keyword (TF 2.21, provoked)
    ("TypeError: Binding inputs to tf.function failed due to `too many positional arguments`. Received args: "
     "(<tf.Tensor: shape=(1, 3), dtype=float32, numpy=array([[1., 2., 3.]], dtype=float32)>,) and kwargs: {'x': "
     "<tf.Tensor: shape=(1, 3), dtype=float32, numpy=array([[1., 2., 3.]], dtype=float32)>} for signature: (*, x: "
     "TensorSpec(shape=(None, 3), dtype=tf.float32, name='x')) -> Dict[['output_0', TensorSpec(shape=(None, 3), "
     "dtype=tf.float32, name='output_0')]].\nFallback to flat signature also failed due to: signature_wrapper(x) got "
     "two values for 'x'.", "input_keys_mismatch", r"by keyword"),
    # concrete_function.py's shape check, as its source writes it
    ("ValueError: Tensor Tensor(\"x:0\", shape=(1, 28, 28), dtype=float32) is not compatible with the shape this "
     "function was traced with. Expected shape (None, 784), but got shape (1, 28, 28).", "input_shape_mismatch",
     r"shape it was traced with"),
    # tensorflow_hub 0.16.1 module_v2.load (its cache folder after an interrupted download)
    ("  File \"/usr/lib/python3.11/site-packages/tensorflow_hub/module_v2.py\", line 107, in load\n"
     "    raise ValueError(\"Trying to load a model of incompatible/unknown type. \"\n"
     "ValueError: Trying to load a model of incompatible/unknown type. '/tmp/tfhub_modules/"
     "9616fd04ec2360621642ef9455b84f4b668e219e' contains neither 'saved_model.pb' nor 'saved_model.pbtxt'.",
     "savedmodel_not_found", r"cache.*interrupted|delete that folder"),
]


@pytest.mark.parametrize("text,category,cause", CASES, ids=[c[0][:60] for c in CASES])
def test_each_family_reads_to_its_category_with_a_first_step_naming_the_cause(text: str, category: str,
                                                                             cause: str) -> None:
    found = explain_text(text)
    assert found and found[0].category == category, [d.category for d in found]
    first = re.split(r"\s2\. ", found[0].fix, maxsplit=1)[0]  # "1. … 2. …": the first step
    assert re.search(cause, first, re.I | re.S), found[0].fix


def test_the_entries_come_from_their_sources() -> None:
    mine = [e for e in ENTRIES if re.match(r"(tensorflow(_hub)? [\d.]+ python/|tensorflow_hub |numpy |tensorflow "
                                           r"[\d.]+ \(protobuf)", e["source"])]
    sources = " ".join(e["source"] for e in mine)
    for where in ("python/saved_model/loader_impl.py", "python/saved_model/load.py", "load_v1_in_v2.py",
                  "python/framework/tensor_shape.py", "python/framework/importer.py", "tensorflow_hub/module_v2.py",
                  "polymorphic_function/concrete_function.py", "numpy/_core/shape_base.py",
                  "numpy/_core/_multiarray_umath", "libtensorflow_framework.so.2"):
        assert where in sources, where
    for e in mine:
        if e["category"] is None:  # not about the request or model: the reading says what to do instead
            assert re.search(r"not about the request or model|look for", e["reading"]), e["template"]
        elif e.get("family"):  # a module's broad rule: the category's own steps (with the text's numbers) stand
            assert e["category"] and e["meaning"], e["template"]
        else:
            assert e["category"] and e["meaning"] and e.get("fix"), e["template"]
        assert re.search(e["pattern"], e["example"], re.I), e["template"]


def test_a_channel_difference_is_not_read_as_a_missing_batch_axis() -> None:
    # (224, 224) into (224, 224, 3): one level short, but the last axis is the channel, not the batch
    found = explain_text("ValueError: could not broadcast input array from shape (224,224) into shape (224,224,3)")
    assert found[0].category == "input_shape_mismatch"
    assert "missing_batch_dimension" != found[0].category


@pytest.mark.parametrize("text,got,want,category", [
    ("UnimplementedError:  Cast float to string is not supported\n\t [[node functional_1/Cast (defined at "
     "<ipython-input-8-4b9d4ec3c8be>:5) ]] [Op:__inference_train_function_17076]", "float", "string",
     "dtype_mismatch"),
    # strings where the model computes with numbers: CATEGORIES.md's bytes_sent_to_numeric_input
    ('{"error": "Cast string to float is not supported\\n\\t [[{{node Cast}}]]"}', "string", "float",
     "bytes_sent_to_numeric_input"),
])
def test_tensorflows_cast_kernel_refusing_a_type_is_the_dtype_sent(text: str, got: str, want: str,
                                                                    category: str) -> None:
    """TensorFlow's Cast kernel (core/kernels/cast_op.cc, CastOpBase::Unimplemented) names the two types: the input
    was sent in a dtype the graph cannot cast to the one it reads -- not an op the runtime lacks (the eager function
    name after ``Op:`` is no op)."""
    top = explain_text(text)[0]
    assert top.category == category
    assert (top.evidence["got_dtype"], top.evidence["want_dtype"]) == (got, want)
    assert "strings for a string input" in top.steps[0]


def test_tensorflow_hub_with_no_loader_for_the_folder_is_the_folder() -> None:
    # tensorflow_hub's registry: no loader takes the path (an incomplete tfhub_modules cache), here cut short
    from sigcheck.explain import explain_text

    text = ("Could not load local module, with RuntimeError: Missing implementation that supports: "
            "loader(*('/tmp/tfhub_modules/mobilenet_module',), **{}). Tried ['TFHubModuleLoader', 'TFSavedModelLoader']")
    d = explain_text(text)[0]
    assert d.category == "savedmodel_not_found" and "registry.py" in (d.message_source or "")
