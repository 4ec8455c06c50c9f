"""Regenerate sigcheck/explain/messages.json: the message index of ``sigcheck explain``.

Three sources, each entry keeping where its text comes from:

* TensorFlow's own messages: ``strings -n 8`` over the installed TF shared libraries (libtensorflow_framework.so.2,
  libtensorflow_cc.so.2, python/_pywrap_tensorflow_internal.so) and, for the few raised in Python, the installed
  tensorflow/python sources.  TF_RULES names the message families a serving model meets (kernels, loaders); every
  literal must be found in those files, or the build fails.
* TF Serving's error sites (``errors::X(...)`` / ``absl::XError(...)``) from its public sources (the git mirror of
  github.com/tensorflow/serving, at HEAD and at 1.14.0 for messages older servers print), turned into templates
  ``literal {arg} literal``; SERVING_RULES give each one its category or its "not about the request or model" reading.
* Client and platform shapes (gRPC, Vertex AI / AI Platform, SageMaker, Keras 2) from their documentation or source:
  DOC_ENTRIES, each with its URL.

A template becomes a pattern with named captures in which every gap is a bounded class that cannot contain the first
character of the text after it, so a pattern has no nested or overlapping quantifiers and runs in linear time (#19).

    python scripts/explain_build_index.py            # rewrite messages.json (and messages_derived.json)
    python scripts/explain_build_index.py --check    # exit 1 when either is not what the sources (and code) give
    python scripts/explain_build_index.py --derived  # rewrite messages_derived.json only, from messages.json as it is

Each run also writes messages_derived.json beside it: the tables explain's nearest and kinds steps compute from the
index (sigcheck/explain/derived.py), with the sha256 of the messages.json and of the code they were made from.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sigcheck" / "explain" / "messages.json"
TF = ROOT / ".venv" / "lib" / "python3.11" / "site-packages" / "tensorflow"
LIBS = ["libtensorflow_framework.so.2", "libtensorflow_cc.so.2", "python/_pywrap_tensorflow_internal.so"]
MIRRORS = Path("/work/.mirror")
"""Git mirrors of public repositories on this machine (``<owner>+<name>/repo``), as the search tool's fetch leaves
them; the source modules read their files at a commit (:func:`mirror_text`) and skip what is absent."""
SERVING = MIRRORS / "tensorflow+serving" / "repo"
SERVING_REFS = ["HEAD", "1.14.0"]
NOT_ABOUT = None  # category of an entry that is not about the request or the model: its "reading" says what it is

# ------------------------------------------------------------------------------------------------ gaps and captures

GAP = 160
"""Longest text a {placeholder} stands for."""
NAMES = {
    "input_name": "input", "name": "input", "tensor_name": "input", "alias": "input", "feature_name": "input",
    "servable_name": "servable", "model_name": "servable", "servable": "servable", "signature_name": "signature",
    "signame": "signature", "function_name": "signature", "version": "version", "base_path": "path",
    "warmup_path": "path", "path": "path", "method_name": "method", "DataTypeString": "dtype",
    "JsonTypeString": "json_type", "JsonValueToDebugString": "json_value", "JsonValueToString": "json_value",
    "level": "level", "level_1": "level", "rank": "want_rank", "cur_batch_size": "got", "batch_size": "want",
}


def gap(name: str | None, after: str) -> str:
    """A bounded capture that stops at the first character of ``after`` (the rest of the line at the end)."""
    stop = after[:1]
    cls = "[^\\n" + ("'`" if stop == "`" else re.escape(stop) if stop and stop not in "\n" else "") + "]"
    if not stop:
        cls = "[^\\n,;\"'}]"
    body = f"{cls}{{0,{GAP}}}" if stop else f"{cls}{{1,{GAP}}}"
    return f"(?P<{name}>{body})" if name else body


def lit(text: str) -> str:
    """A literal as a regex in which every space is optional: explain's normalisation turns ``ConcatOp : `` into
    ``ConcatOp: `` and joins wrapped lines.  A backquote is a quote or nothing: Markdown (a GitHub issue, a Stack
    Overflow page) renders ```output_shape``` as code and a copy of the rendered page has no backquotes."""
    return re.escape(text).replace("\\ ", " ").replace(" ", " ?").replace("`", "['`]?")


def template_pattern(pieces: list[tuple[str, str]]) -> str:
    """``[("lit", "Servable not found for request: "), ("var", "servable")]`` as a linear-time regex."""
    out, used = [], set()
    for i, (kind, text) in enumerate(pieces):
        if kind == "lit":
            out.append(lit(text.strip("\n")))
            continue
        after = next((t for k, t in pieces[i + 1:] if k == "lit"), "") if i + 1 < len(pieces) else ""
        after = pieces[i + 1][1] if i + 1 < len(pieces) and pieces[i + 1][0] == "lit" else ""
        name = NAMES.get(text)
        if name in used or name is None:
            name = None
        else:
            used.add(name)
        out.append(gap(name, after))
    return "".join(out)


# ------------------------------------------------------------------------------------------------ TensorFlow

SHAPE = r"[\[(][\d,\s?Nonea-z-]{0,80}[\])]"
"""A shape as TF or numpy prints it: [1,224,224,3], (1, 28, 28), (?, 10), (None, 28)."""
NAME = r"[^\s'\",;]{1,200}"

GROUPED_CONV_FIX = ("Send images with the channel count the model was built for (the last dimension sigcheck inspect "
                    "MODEL shows): convert RGB to grayscale (PIL img.convert('L'), tf.image.rgb_to_grayscale) or the "
                    "reverse")
RAGGED_FIX = ("Send a RaggedTensor argument's components built from the RaggedTensor itself, in the columnar form: "
              "{\"inputs\": {\"x\": rt.flat_values, \"x_1\": rt.row_splits}} (row_splits = [0, len(row 0), "
              "len(row 0)+len(row 1), …], its last value the number of values; `sigcheck inspect MODEL` names the "
              "components, `sigcheck sample MODEL` writes a consistent request); if the model builds the ragged "
              "tensor itself, the graph's row_splits or segment ids do not fit its data")
CHANNELS_FIRST_ON_CPU = (
    "a model built channels_first (data_format='channels_first', NCHW) ran on a CPU, whose TensorFlow kernels for this "
    "op take channels_last (NHWC) only: rebuild the model with channels_last (the default) and load the weights (the "
    "kernels keep their layout), transposing the inputs to (N, H, W, C) -- or serve it on a GPU; not about the request "
    "or model's signature")
"""A reading (no category of CATEGORIES.md): the model's layout against the CPU kernels."""

TF_RULES = [
    # literal (as found in the library or Python file) | tail (linear regex after it) | category | meaning | decider
    (" does not start with segment_ids.shape = ", rf"(?P<want_shape>{SHAPE})",
     "ragged_instances", "a segment op (the sums, means and maxima a RaggedTensor's rows are reduced by) got data "
     "whose rows do not match its segment ids: the RaggedTensor's row_splits do not fit its flat_values (a "
     "signature's RaggedTensor argument arrives as separate flat_values and row_splits inputs, and the graph "
     "rebuilds it without checking them)", None, RAGGED_FIX),
    (" do not form a valid RaggedTensor", r":?(?P<detail>[a-z_]{0,40})",
     "ragged_instances", "RaggedTensor's own validation: row_splits that do not start at 0, decrease, or do not end "
     "at the number of values", None, RAGGED_FIX),
    ("Invalid ragged splits: ", r"(?P<detail>[^\n]{0,160})",
     "ragged_instances", "a ragged op checked its row_splits and found them broken (not starting at 0, not "
     "increasing, or not ending at the number of values)", None, RAGGED_FIX),
    (" must be 0-D, got shape ", rf"(?P<got_shape>{SHAPE})",
     "scalar_input", "an op's argument that takes one value (NMS's score_threshold / iou_threshold / max_output_size, "
     "a random op's bounds, a crop's min_object_covered) got a tensor with dimensions: a value the graph takes once "
     "per call came with one value per instance (REST's row format gives every input a batch axis)", None,
     "Send that input as one scalar value, not one per instance (the columnar \"inputs\" format with the value bare, "
     "or gRPC with a TensorProto without dims) -- better, bake it into the export as a constant or a "
     "tf.compat.v1.placeholder_with_default outside the signature"),
    ("The second input must be a scalar, but it has shape ", rf"(?P<got_shape>{SHAPE})",
     "scalar_input", "a tf.cond's Switch got a predicate with dimensions: a flag the graph branches on (is_training, "
     "a mode, a threshold compared per call) came with one value per instance where the graph takes one scalar",
     None, "Send the flag as one scalar value, not one per instance (REST's row format gives every input a batch "
           "axis: use the columnar \"inputs\" format with the flag as a bare value, or gRPC with a TensorProto "
           "without dims) — better, bake it into the export (training=False) or make it a "
           "tf.compat.v1.placeholder_with_default outside the signature"),
    (" values != expected.  Values size: ", r"(?P<got_values>\d{1,9}) but output shape: (?P<want_shape>\[[\d,\s-]{0,40}\])",
     "input_shape_mismatch", "a ParseExample in the served graph read a feature of the tf.Example with another number "
     "of values than its FixedLenFeature shape declares (the message names the key)", None,
     "Give each feature of the tf.Example exactly as many values as its FixedLenFeature shape in the export's parsing "
     "spec holds (one value for shape [1]); a feature with a varying count needs a VarLenFeature (or RaggedFeature) "
     "in the export"),
    ("input must be a vector, got shape: ", rf"(?P<got_shape>{SHAPE})",
     "input_shape_mismatch", "a string op that takes one text per example (StringSplit of a TextVectorization layer, "
     "a tokenizer's split) got a tensor of another rank: the texts arrived without the level the model's input has "
     "(a (None, 1) text input takes each example as a list of one string)", None,
     "Send the text input with the rank the model takes (sigcheck inspect MODEL): for a (None, 1) input each example "
     "is [\"good movie\"] ({\"instances\": [[\"good movie\"]]} or {\"inputs\": {\"review\": [[\"good movie\"]]}}), "
     "not the bare string"),
    ("Call parameter must match argument; got parameter ",
     r"(?P<param>\d{1,3}) shape: (?P<want_xla>[a-z]\w{0,8}\[[\d,]{0,60}\])[^\n]{0,20}?, argument shape: "
     r"(?P<got_xla>[a-z]\w{0,8}\[[\d,]{0,60}\])",
     "input_shape_mismatch", "an XLA module compiled into the graph for fixed shapes (a jax2tf export's XlaCallModule, "
     "a jit_compile function) was called with a tensor of another shape than it was compiled for", "xla_call_shape",
     "Export the module for the shapes it is called with: jax2tf.convert(f, polymorphic_shapes=['(b, ...)']) (or a "
     "tf.function input_signature with None for the batch axis), or send exactly the shape it was compiled for "
     "(sigcheck inspect MODEL)"),
    ("Tried to squeeze dim index ", r"(?P<dim>-?\d{1,3}) for tensor with (?P<got_rank>\d{1,3}) dimensions",
     "input_shape_mismatch", "a Squeeze in the graph (TextVectorization squeezes its input's last axis) got a tensor "
     "of lower rank than it squeezes: with 0 dimensions, one value sent without its batch axis", "squeeze_rank",
     "Send the input with the rank the model takes (sigcheck inspect MODEL): a batch of one text is [[\"great movie\"]] "
     "for a (None, 1) string input (tf.constant([[text]])), not the bare string"),
    ("Cannot add tensor to the batch: number of elements does not match. Shapes are: [tensor]: ",
     r"(?P<a_shape>\[[\d,\s]{0,80}\]), \[batch\]: (?P<b_shape>\[[\d,\s]{0,80}\])",
     "ragged_instances", "tf.data's batch() met an element of another shape than the first of its batch (images of "
     "different sizes, sequences of different lengths)", "batch_shapes",
     "Give every element one shape before .batch(): resize images (tf.image.resize) and decode them with a fixed "
     "channel count (tf.io.decode_jpeg(x, channels=3)), pad sequences (or use padded_batch / ragged_batch)"),
    ("HashTable has different value for same key. Key ", r"(?P<key>[^\s]{1,200}) has", None,
     "a lookup table's vocabulary file lists one key twice (a hand-made or concatenated vocabulary, the same category "
     "written under two ids): make every line of the file unique (sort -u, or pandas drop_duplicates) and export again; "
     "not about the request or model's signature", None),
    (": empty line found at position ", r"\d{1,9}", None,
     "a lookup table's vocabulary file has an empty line — most often a file written from a Keras lookup layer's "
     "get_vocabulary(), whose first entries are the padding '' and the OOV token: write the file without them "
     "(get_vocabulary(include_special_tokens=False)) or give the layer the list itself; not about the request or "
     "model's signature", None),
    ("Default MaxPoolingOp only supports NHWC ", r"on device type CPU", None,
     CHANNELS_FIRST_ON_CPU, None),
    ("Default AvgPoolingOp only supports NHWC ", r"on device type CPU", None,
     CHANNELS_FIRST_ON_CPU, None),
    (" fields but have ", r"(?:\d{1,6}|more) in record",
     "input_shape_mismatch", "a DecodeCSV in the served graph got a CSV line with another number of fields than its "
     "record_defaults (one per column): the request's rows carry more or fewer features than the model's columns",
     None, "Send every row with exactly the columns the export's DecodeCSV declares (its record_defaults), in their "
           "order and without the label column; an empty field still needs its comma"),
    ("Cannot feed value of shape ",
     rf"(?P<got_shape>{SHAPE}) for Tensor [ub]?'?(?P<input>{NAME})'?, which has shape '?(?P<want_shape>{SHAPE})",
     "input_shape_mismatch", "the value fed to a placeholder has another shape than the placeholder declares", "rank"),
    ("You must feed a value for placeholder tensor '", rf"(?P<input>{NAME})'?",
     "unfed_placeholder", "a placeholder in the served graph is not among the signature's inputs, so nothing feeds it",
     "placeholder"),
    ("Could not find variable ", rf"(?P<variable>{NAME})",
     "variables_not_restored", "a variable the graph reads was never restored from the variables/ checkpoint", "keras3"),
    ("Attempting to use uninitialized value ", rf"(?P<variable>{NAME})",
     "variables_not_restored", "a variable was read before it was restored or initialised", "keras3"),
    ("not found in checkpoint", "",
     "variables_not_restored", "the checkpoint being restored has no value for a variable the graph has (a partial "
     "or older variables/ folder, or a graph that does not match the checkpoint it restores)", "restore"),
    ("Could not find resource: ", rf"(?P<variable>{NAME})",
     "variables_not_restored", "a resource (variable, table) the graph reads was never created or restored in the "
     "serving session", "restore"),
    ("Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ", rf"(?P<path>{NAME})",
     "savedmodel_not_found", "no checkpoint files match the prefix being restored from: the path names no checkpoint "
     "(a wrong or relative path, files not downloaded or not in the image, a .index / .data file given instead of "
     "the prefix); in a SavedModel, its variables/ files are missing", "checkpoint_path"),
    ("Unsuccessful TensorSliceReader constructor: Failed to get matching files on ",
     r"(?P<path>[^\s'\",;]{1,300}?):?(?=\s|$)",
     "savedmodel_not_found", "the checkpoint prefix being restored from could not be listed (a path or file system "
     "that cannot be read: a bucket without access, a missing mount)", "checkpoint_path"),
    ("File system scheme '", r"(?P<scheme>[a-z][a-z0-9+.-]{0,20})' not implemented \(file: '(?P<path>[^'\n]{1,300})'\)",
     None, "the TensorFlow that runs has no file system for the path's scheme: s3:// (and hdfs://, az://) left "
     "TensorFlow for the tensorflow-io package (TensorFlow 2.6 and later), whose import registers it; gs:// is "
     "built in; a scheme with a typo (gcs://, s3a://) is none -- not about the request or model: where the model is "
     "read from",
     None, "Install tensorflow-io for the installed TensorFlow (pip install tensorflow-io, the release built for it) and "
     "import tensorflow_io before the path is read; or copy the model to a local path first (aws s3 cp --recursive "
     "s3://BUCKET/PATH ./model, gsutil cp -r) and load that; for gs:// the scheme is gs, not gcs"),
    ("Unable to open table file ", r"(?P<path>[^\s'\",;]{1,300}?):\s",
     None, "a checkpoint restore (tf.train.Checkpoint.restore, Saver.restore, tf.train.load_checkpoint) was given a "
     "path that is no checkpoint prefix: a folder, a .meta or .data shard, a Keras .h5 / .weights.h5 file, a TF 1 V1 "
     "checkpoint, a Git LFS pointer or a cut download -- the checkpoint's path in the code; not about the request or "
     "model (decider checkpoint_table: a file that is no checkpoint is the model's files not found, a SavedModel's "
     "own variables/variables damaged its variables not restored)",
     "checkpoint_table", "Give the restore the checkpoint's prefix (the path of its .index file without the "
     "extension), not {path}: in a training folder tf.train.latest_checkpoint('{path}') gives it (ckpt-3, "
     "model.ckpt-600); a SavedModel folder's is {path}/variables/variables (tf.train.load_checkpoint), or load the "
     "SavedModel itself with tf.saved_model.load('{path}'); a Keras .weights.h5 / .keras file is read with "
     "model.load_weights(path) / keras.models.load_model(path), not a checkpoint reader"),
    ("Input tensor ", r"(?P<tensor_index>\d{1,6}) ?lacks ?data", "input_keys_mismatch",
     "TFLite's interpreter (Subgraph::Invoke) was run with one of the model's input tensors never given a value: a "
     "model of several inputs called with fewer buffers than it has, or an input set by another index",
     None, "Give every input of the model a value before running it: interpreter.get_input_details() (Python) or "
     "getInputTensorCount() / getInputTensor(i) (Java) list them; with runForMultipleInputsOutputs pass one buffer "
     "per input in the model's input order (the tensor the message names is one the call left empty)"),
    ("NDIMS == dims()", r" ?\((?P<want_rank>\d{1,2}) vs\. ?(?P<got_rank>\d{1,2})\)",
     "input_shape_mismatch", "a kernel asked a tensor for one number of dimensions and it has another: TensorFlow's "
     "CHECK aborts the process (TF Serving dies with a core dump) instead of answering; a tensor the request fed with "
     "one level of nesting more (or less) than the op reads", "ndims"),
    ("Asking for tensor of ", r"(?P<want_rank>\d{1,2}) dimensions from a tensor of (?P<got_rank>\d{1,2}) dimensions",
     "input_shape_mismatch", "a kernel asked a tensor for one number of dimensions and it has another: TensorFlow's "
     "CHECK aborts the process (TF Serving dies with a core dump) instead of answering; a tensor the request fed with "
     "one level of nesting more (or less) than the op reads", "ndims"),
    ("The specified SavedModel has no variables; no checkpoints were restored.", "",
     "variables_not_restored", "the SavedModel's variables/ folder is empty: the export wrote no weights", None),
    ("Could not find SavedModel .pb or .pbtxt at supplied export directory path: ", rf"(?P<path>{NAME})",
     "savedmodel_not_found", "the version folder holds no saved_model.pb", None),
    ("Could not find meta graph def matching supplied tags: { ", r"(?P<tags>[^}\n]{0,200})",
     "savedmodel_tags", "the SavedModel has no MetaGraph with the tags the server loads (serve)", None),
    ("Error parsing text-format ", r"(?P<proto>[\w.]{1,80})",
     "savedmodel_not_found", "saved_model.pbtxt is not a valid text SavedModel, so no readable SavedModel is there",
     None),
    ("Op type not registered '", rf"(?P<op>[^'\s]{{1,120}})'",
     "runtime_version_mismatch", "the serving TensorFlow does not know an op the model uses", None),
    ("No OpKernel was registered to support Op '", rf"(?P<op>[^'\s]{{1,120}})'",
     "runtime_version_mismatch", "the serving binary has no kernel for an op (and device/dtype) the model uses", None),
    ("NodeDef mentions attribute ", r"(?P<attr>\w{1,80})",
     "runtime_version_mismatch", "the model's graph has an attribute the serving TensorFlow's op does not know", None),
    ("ConcatOp : Dimensions of inputs should match: shape[0] = ",
     r"\[(?P<a_shape>[\d,\s]{0,80})\] vs\. shape\[\d{1,4}\] = \[(?P<b_shape>[\d,\s]{0,80})\]",
     "input_shape_mismatch", "two tensors joined by a Concat differ in a dimension other than the joined one",
     "concat"),
    (" in both shapes must be equal: shape[0] = ",
     r"\[(?P<a_shape>[\d,\s]{0,80})\] vs\. shape\[\d{1,4}\] = \[(?P<b_shape>[\d,\s]{0,80})\]",
     "input_shape_mismatch", "two tensors joined by a Concat differ in a dimension other than the joined one (the "
     "newer wording, 'ConcatOp : Dimension N in both shapes must be equal')", "concat"),
    ("_MklConcatOp : Dimensions of inputs should match: shape[0][",
     r"(?P<dim>\d{1,4})\] ?= ?(?P<a0>\d{1,12}) vs\. shape\[\d{1,4}\]\[\d{1,4}\] ?= ?(?P<b0>\d{1,12})",
     "input_shape_mismatch", "two tensors joined by a Concat (oneDNN/MKL kernel) differ in the dimension it names",
     "concat_mkl"),
    ("ConcatOp : Expected concatenating dimensions in the range [", r"(?P<lo>-?\d{1,4}), (?P<hi>-?\d{1,4})\)",
     "input_shape_mismatch", "a Concat got tensors of a lower rank than the graph joins them on (e.g. a scalar or a "
     "flat value where a vector per instance is expected)", None),
    ("ConcatOp : Ranks of all input tensors should match: shape[0] = ", "",
     "input_shape_mismatch", "tensors joined by a Concat have different ranks", None),
    ("Can not squeeze dim[", r"(?P<dim>\d{1,4})\], expected a dimension of 1, got (?P<got>\d{1,12})",
     "input_shape_mismatch", "a Squeeze expects a size-1 dimension where the input has another size (axis 0: the "
     "graph squeezes the batch, so it runs with one example only)", "squeeze"),
    ("transpose expects a vector of size ", r"(?P<got_rank>\d{1,3})\. ?But input\(1\) is a vector of size "
     r"(?P<want_rank>\d{1,3})",
     "input_shape_mismatch", "a Transpose got a tensor of one rank (the first number) with a permutation built for "
     "another (the second): the input's rank is not the one the graph was exported for", "rank"),
    ("Expected multiples argument to be a vector of length ", r"(?P<got_rank>\d{1,3}) but got length "
     r"(?P<want_rank>\d{1,3})",
     "input_shape_mismatch", "a Tile got a tensor of one rank (the first number) with multiples built for another "
     "(the second): the input's rank is not the one the graph was exported for", "rank"),
    ("output depth must be evenly divisible by number of groups: ", r"(?P<out_depth>\d{1,6}) vs (?P<groups>\d{1,6})",
     "input_shape_mismatch", "a Conv2D got an input whose channel count is a multiple of its filter's depth (the "
     "second number: 3 channels into a filter built for 1 make 3 groups), and its filters do not split into that many "
     "groups: the images have more channels than the model was built for (RGB into a grayscale model)", None,
     GROUPED_CONV_FIX),
    # common_shape_fns.cc's Conv2DShape (shape inference: a graph built, a Keras layer called): the input's channels
    # against the filter's depth, and the groups they make against the output depth
    ("Depth of input (", r"(?P<in_depth>\d{1,6})\) is not a multiple of input depth of filter \((?P<filter_depth>"
     r"\d{1,6})\)",
     "input_shape_mismatch", "a Conv2D got an input whose channel count (the first number) is no multiple of its "
     "filter's depth (the second: the channels the model was built for): one channel into an RGB model, or 4 (RGBA) "
     "into 3", None, GROUPED_CONV_FIX),
    ("Depth of output (", r"(?P<out_depth>\d{1,6})\) is not a multiple of the number of groups \((?P<groups>"
     r"\d{1,6})\)",
     "input_shape_mismatch", "a Conv2D got an input whose channel count is a multiple of its filter's depth (3 "
     "channels into a filter built for 1 make 3 groups), and its filters do not split into that many groups: the "
     "images have more channels than the model was built for (RGB into a grayscale model)", None, GROUPED_CONV_FIX),
    ("Fused conv implementation does not support grouped convolutions for now.", "",
     "input_shape_mismatch", "a Conv2D got an input whose channel count is a multiple of its filter's depth (e.g. 3 "
     "channels into a filter built for 1): TensorFlow takes that for a grouped convolution, which this kernel does "
     "not run", None, GROUPED_CONV_FIX),
    ("(zero-based)", r" ?was expected to be an? (?P<want_dtype>\w{1,20}) tensor but is an? (?P<got_dtype>\w{1,20})",
     "dtype_mismatch", "a function (a loaded signature or tf.function) got an input tensor of another dtype than "
     "it was traced with (no implicit cast)", "call_dtype"),
    ("Header mismatch: Expected ", r"(?P<want>RIFF|WAVE|fmt |data) but found",
     "encoded_image_string_mismatch", "tf.audio.decode_wav (in the serving graph) got bytes that are no WAV file: "
     "raw PCM samples without the RIFF header, another audio format (MP3, FLAC, Ogg), a waveform's float bytes, or "
     "base64 text not decoded", None,
     "Send the WAV file's own bytes (open(path, 'rb').read(); over REST {\"b64\": standard base64 of the file}), or "
     "convert other formats to WAV first (16-bit PCM, the model's sample rate); to send samples instead, call a "
     "signature that takes a float waveform"),
    ("input must have last dimension >= k = ", r"(?P<k>\d{1,9}) but is (?P<n>\d{1,9})",
     "model_graph_shape_bug", "a TopK in the graph asks for the k best of fewer values than k (tf.math.top_k / "
     "tf.nn.top_k with a k fixed in the export code: more than the candidates, classes or items there are)", None,
     "Make k at most the number of values TopK gets: k = min(K, tf.shape(scores)[-1]) in the export code (or fewer "
     "results asked for, or more candidates in the index), then export again"),
    (" was explicitly assigned to ", r"(?P<device>/[\w:/.-]{1,120}) but available devices are",
     None, "the graph pins an op to a device this machine does not have (a GPU, another job's device): it was "
     "exported or built with tf.device placements, and the session loading it does not allow soft placement; not "
     "about the request or model being served: where it was exported", None,
     "Export it without device placements (clear_devices=True in the SavedModelBuilder / tf.compat.v1.train.Saver, "
     "or no tf.device around the graph), or load it with soft placement: tf.compat.v1.Session(config=tf.compat.v1."
     "ConfigProto(allow_soft_placement=True)); TF Serving and tf.saved_model.load place ops softly"),
    (" unknown device.", "",
     None, "a device named in the graph, a tf.device block or a load option (a training cluster's /job:worker or "
     "/job:ps task, a GPU) does not exist in the process running it; not about the request or model being served: "
     "where the model was exported or is loaded", None,
     "Export without device placements (clear_devices=True for a TF1 builder, no tf.device around the serving "
     "function), and load with devices this machine has: drop experimental_io_device or give it '/job:localhost'"),
    ("Detected unsupported operations when trying to compile graph ", "",
     None, "XLA could not compile a function exported with jit_compile=True: it uses an op or dtype XLA does not "
     "run (strings, a lookup table, a py_function, some dynamic shapes); the message names the op. Not about the "
     "request or model: the export code", None,
     "Export that function without jit_compile=True (XLA only for its numeric part: a jit_compile function called "
     "from the serving function, with the string handling outside it), then export again"),
    ("Must have a one element tensor", "",
     "scalar_input", "an op that reads one value (tensor.cc's scalar(): a file name, a flag, a length, one encoded "
     "image) got a tensor of several ('1 == NumElements() (1 vs. N)'): a batch or list sent to a rank-0 input. A "
     "CHECK, not a status: the process (the server) aborts", None,
     "Send that input one value, not a batch: a rank-0 signature input (sigcheck inspect MODEL shows shape ()) takes "
     "one element per call — call once per example, or re-export it as TensorSpec([None], …) and map the op over the "
     "batch (tf.map_fn); over REST, the row format gives every input a batch axis, so use the columnar \"inputs\" "
     "format with a bare value"),
    ("contents must be scalar, got shape ", rf"(?P<got_shape>{SHAPE})",
     "scalar_input", "an image decode op takes one encoded string (a scalar) and got a batch or list of them", None),
    ("Input to reshape is a tensor with ",
     r"(?P<values>\d{1,15}) values, but the requested shape (?:has|requires a multiple of) (?P<requested>\d{1,15})",
     "input_shape_mismatch", "a Reshape in the graph gets another number of values than its target shape holds",
     "reshape"),
    ("Matrix size-incompatible: In[0]: ", r"\[(?P<a_shape>[\d,\s]{0,80})\], In\[1\]: \[(?P<b_shape>[\d,\s]{0,80})\]",
     "input_shape_mismatch", "a MatMul gets rows of another width than its weights take (features per instance)",
     None),
    ("Incompatible shapes: [", r"(?P<a_shape>[\d,\s]{0,80})\] vs\. \[(?P<b_shape>[\d,\s]{0,80})\]",
     "input_shape_mismatch", "an elementwise op got tensors whose shapes do not broadcast", "broadcast"),
    ("Requested more than 0 entries, but params is empty.", "",
     "serialized_example_input_expected", "a Gather over an empty tensor: the features the graph parses from its "
     "input came out empty, as when the request is not the serialized tf.Example the input function parses", None),
    ("Could not parse example input, value: '", "",
     "serialized_example_input_expected", "a ParseExample op got bytes that are not a serialized tf.Example", None),
    ("Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required.", "",
     "encoded_image_string_mismatch", "a decode op got bytes that are not an encoded image file", None),
    ("jpeg::Uncompress failed. Invalid JPEG data or crop window.", "",
     "encoded_image_string_mismatch", "a DecodeJpeg got bytes that are not a JPEG file", None),
    ("Table not initialized.", "",
     "initializer_missing_in_export", "a lookup table is used before its initializer ran", None),
    ("OOM when allocating tensor with shape", rf"(?P<shape>{SHAPE})?",
     "model_too_large", "the device ran out of memory for a tensor", None),
    ("Expected dimension in the range [", r"(?P<lo>-?\d{1,4}), (?P<hi>-?\d{1,4})\), but got (?P<got>-?\d{1,4})",
     "input_shape_mismatch", "an op indexes an axis the input does not have (its rank is lower than the graph "
     "assumes)", None),
    # raised in Python (tf.compat.v1 sessions, graph lookup, estimator/keras export)
    ("Tensor conversion requested dtype ", r"(?P<want_dtype>\w{1,20}) for Tensor with dtype (?P<got_dtype>\w{1,20})",
     "dtype_mismatch", "a value of one dtype is used where a tensor of another dtype is required (no implicit cast)",
     None),
    ("refers to a Tensor which does not ", "exist",
     "input_keys_mismatch", "a tensor name used in the request or signature is not in the graph", None),
    ("missing required ", r"arguments: (?P<input>[\w, ]{1,200})",
     "input_keys_mismatch", "a concrete function (a loaded signature) was called without some of its named inputs: "
     "signatures take their inputs as keyword arguments named after the signature's inputs", None,
     "Call the signature with its input names as keywords (f(examples=tensor), not f(tensor)): a signature function "
     "takes keyword arguments only; sigcheck inspect MODEL lists the names"),
    ("got unexpected ", r"keyword arguments: (?P<input>[\w, ]{1,200})",
     "input_keys_mismatch", "a concrete function (a loaded signature) was called with keyword arguments that are not "
     "among its inputs", None,
     "Call the signature with its own input names as keywords (sigcheck inspect MODEL lists them)"),
    ("positional arguments, got ", r"(?P<got>\d{1,4})",
     "input_keys_mismatch", "a concrete function (a loaded signature) was called with more positional arguments than "
     "it takes: signatures take their inputs as keyword arguments", None,
     "Call the signature with its input names as keywords (f(name=tensor), not f(tensor)); sigcheck inspect MODEL "
     "lists the names"),
    ("Expected exactly one main op in : ", rf"(?P<path>{NAME})?",
     "initializer_missing_in_export", "the SavedModel's main_op / legacy_init_op collection holds more than one op: "
     "the loader runs exactly one init op", None,
     "Export with a single init op: main_op=tf.group(tf.compat.v1.tables_initializer(), "
     "tf.compat.v1.local_variables_initializer()) (builder.add_meta_graph_and_variables(..., main_op=...)), not a "
     "list or several collection entries"),
    ("Classification input must be a single string Tensor", "",
     "wrong_api_or_input_format", "a classification signature takes one string tensor of serialized tf.Examples; "
     "the model's input is not one (use the predict API or export with a string input)", None),
    # batching (tensorflow/core/kernels/batching_util/shared_batch_scheduler.h, ValidateBatchTaskQueueCapacity: the
    # library prints "Task size %d is larger than maximum input batch size %d"; the literal is its constant start)
    ("Task size ", r"(?P<task_size>\d{1,9}) is larger than maximum input batch size (?P<max_batch>\d{1,9})",
     "payload_too_large", "TF Serving's batching (--enable_batching: the shared batch scheduler) refuses a task - one "
     "request, or one warm-up record replayed when the version loads - with more examples than the batching "
     "parameters' max_batch_size, when enable_large_batch_splitting is off", None,
     "Send at most max_batch_size examples per request (and per warm-up record), or raise max_batch_size (with "
     "allowed_batch_sizes' last entry) in --batching_parameters_file, or set enable_large_batch_splitting: true"),
]
EXAMPLES = {
    " was explicitly assigned to ": "Cannot assign a device for operation w/Read: {{node w/Read}} was explicitly "
        "assigned to /device:GPU:0 but available devices are [ /job:localhost/replica:0/task:0/device:CPU:0 ].",
    "Header mismatch: Expected ": "InvalidArgumentError: Header mismatch: Expected RIFF but found \\x00\\x01 "
        "[Op:DecodeWav]",
    "input must have last dimension >= k = ": "ValueError: input must have last dimension >= k = 10 but is 8 for "
        "'{{node TopKV2}} = TopKV2[T=DT_FLOAT, Tk=DT_INT32](MatMul, TopKV2/k)' with input shapes: [1,8], [].",
    "Input tensor ": "java.lang.IllegalArgumentException: Internal error: Failed to run on the given "
    "Interpreter: Input tensor 995 lacks data",
    "Task size ": '{ "error": "Task size 2 is larger than maximum input batch size 1" }',
    # literal or template → an instance of the message (what tests/explain/test_index.py explains)
    "NDIMS == dims()": "F tensorflow/core/framework/tensor.h:753] Check failed: NDIMS == dims() (2 vs. 3)Asking for "
        "tensor of 2 dimensions from a tensor of 3 dimensions\nAborted (core dumped)",
    "Asking for tensor of ": "Check failed: NDIMS == dims() (1 vs. 2)Asking for tensor of 1 dimensions from a tensor of "
        "2 dimensions",
    "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ":
        "NotFoundError: Unsuccessful TensorSliceReader constructor: Failed to find any matching files for "
        "./checkpoints/model.ckpt-600",
    "Unsuccessful TensorSliceReader constructor: Failed to get matching files on ":
        "Unsuccessful TensorSliceReader constructor: Failed to get matching files on gs://bucket/run/ckpt-12: "
        "Permission denied: Error executing an HTTP request",
    "File system scheme '": "tensorflow.python.framework.errors_impl.UnimplementedError: File system scheme 's3' not "
                            "implemented (file: 's3://acme-ml/models/tab/1')",
    "Unable to open table file ": "DataLossError: Unable to open table file ./models/model.ckpt: Data loss: not an "
        "sstable (bad magic number): perhaps your file is in a different file format and you need to use a different "
        "restore operator?",
    "Binding inputs to tf.function ": "TypeError: Binding inputs to tf.function `signature_wrapper___call__` failed "
        "due to `too many positional arguments`.Received args: (<tf.Tensor: shape=(1, 3), dtype=float32>,) and "
        "kwargs: {} for signature: (*, age_income: TensorSpec(shape=(None, 3), dtype=tf.float32, name='age_income'))",
    "Cannot add tensor to the batch: number of elements does not match. Shapes are: [tensor]: ":
        "InvalidArgumentError: Cannot add tensor to the batch: number of elements does not match. Shapes are: "
        "[tensor]: [64,64,1], [batch]: [64,64,3] [Op:IteratorGetNext]",
    "HashTable has different value for same key. Key ": "FailedPreconditionError: HashTable has different value for "
        "same key. Key acme has 1 and trying to add value 4 [Op:InitializeTableFromTextFileV2]",
    ": empty line found at position ": "InvalidArgumentError: Invalid content in /tmp/vocab.txt: empty line found at "
        "position 1 [Op:InitializeTableFromTextFileV2]",
    "Default MaxPoolingOp only supports NHWC ": "InvalidArgumentError: Graph execution error:\nDefault MaxPoolingOp "
        "only supports NHWC on device type CPU\n\t [[{{node sequential/max_pooling2d/MaxPool}}]]",
    "Default AvgPoolingOp only supports NHWC ": "Default AvgPoolingOp only supports NHWC on device type CPU",
    " must be 0-D, got shape ": "score_threshold must be 0-D, got shape [2]\n\t [[{{node "
        "combined_non_max_suppression/CombinedNonMaxSuppression}}]]",
    "The second input must be a scalar, but it has shape ": "InvalidArgumentError: The second input must be a scalar, "
        "but it has shape [2]\n\t [[{{node cond}}]] [Op:__inference_signature_wrapper_serve_55]",
    " values != expected.  Values size: ": "Name: <unknown>, Key: age, Index: 0.  Number of float values != expected.  "
        "Values size: 2 but output shape: [1]\n\t [[{{node ParseExample/ParseExampleV2}}]]",
    "input must be a vector, got shape: ": "input must be a vector, got shape: []\n\t [[{{node "
        "functional_1/text_vectorization_1/StringSplit/StringSplitV2}}]]",
    "Call parameter must match argument; got parameter ": "Call parameter must match argument; got parameter 4 shape: "
        "f32[1,4], argument shape: f32[2,4].",
    "Tried to squeeze dim index ": "Tried to squeeze dim index -1 for tensor with 0 dimensions.\n\t [[{{node "
        "model/text_vectorization/Squeeze}}]]",
    " fields but have ": "InvalidArgumentError: Expect 4 fields but have 3 in record 0\n\t [[{{node DecodeCSV}}]]",
    "Cannot feed value of shape ": "Cannot feed value of shape (28, 28) for Tensor 'x:0', which has shape '(?, 28, 28, 1)'",
    "You must feed a value for placeholder tensor '": "You must feed a value for placeholder tensor 'keep_prob' with "
                                                      "dtype float",
    "Could not find variable ": "Could not find variable dense/kernel. This could mean that the variable has been "
                                "deleted.",
    "Attempting to use uninitialized value ": "Attempting to use uninitialized value dense/bias",
    "Could not find SavedModel .pb or .pbtxt at supplied export directory path: ":
        "Could not find SavedModel .pb or .pbtxt at supplied export directory path: /models/m/1",
    "Error parsing text-format ": "Error parsing text-format tensorflow.SavedModel: 1:1: Invalid control characters",
    "Op type not registered '": "Op type not registered 'DisableCopyOnRead' in binary running on serving-0.",
    "No OpKernel was registered to support Op '": "No OpKernel was registered to support Op 'SentencepieceOp' used "
                                                  "by {{node tokenizer}}",
    "NodeDef mentions attribute ": "NodeDef mentions attribute validate_shape which is not in the op definition",
    "ConcatOp : Dimensions of inputs should match: shape[0] = ":
        "ConcatOp : Dimensions of inputs should match: shape[0] = [1,64] vs. shape[1] = [8,64]",
    " in both shapes must be equal: shape[0] = ": "ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = "
                                                   "[1,5] vs. shape[1] = [32,5]",
    "_MklConcatOp : Dimensions of inputs should match: shape[0][":
        "_MklConcatOp : Dimensions of inputs should match: shape[0][0]= 8 vs. shape[1][0] = 1",
    "ConcatOp : Expected concatenating dimensions in the range [":
        "ConcatOp : Expected concatenating dimensions in the range [0, 0), but got 0",
    "Can not squeeze dim[": "Can not squeeze dim[1], expected a dimension of 1, got 5",
    "output depth must be evenly divisible by number of groups: ": "output depth must be evenly divisible by number "
    "of groups: 4 vs 3",
    "Depth of input (": "ValueError: Depth of input (1) is not a multiple of input depth of filter (3) for "
                        "'{{node conv2d/Conv2D}} = Conv2D[T=DT_FLOAT]' with input shapes: [?,28,28,1], [3,3,3,8].",
    "Depth of output (": "ValueError: Depth of output (8) is not a multiple of the number of groups (3) for "
                         "'{{node conv2d/Conv2D}} = Conv2D[T=DT_FLOAT]' with input shapes: [?,28,28,3], [3,3,1,8].",
    "transpose expects a vector of size ": "transpose expects a vector of size 6. But input(1) is a vector of size 3",
    "Expected multiples argument to be a vector of length ": "Expected multiples argument to be a vector of length 3 "
                                                             "but got length 2",
    "(zero-based)": "cannot compute __inference_signature_wrapper_93614 as input #0(zero-based) was expected to be a "
                    "float tensor but is a string tensor [Op:__inference_signature_wrapper_93614]",
    "missing required ": "TypeError: signature_wrapper(*, examples) missing required arguments: examples.",
    "got unexpected ": "TypeError: signature_wrapper(input_1) got unexpected keyword arguments: x.",
    "positional arguments, got ": "TypeError: signature_wrapper(input_1) takes 0 positional arguments, got 1.",
    "Expected exactly one main op in : ": "Failed precondition: Expected exactly one main op in : /models/m/1",
    "contents must be scalar, got shape ": "contents must be scalar, got shape [1]",
    "Input to reshape is a tensor with ": "Input to reshape is a tensor with 150528 values, but the requested shape "
                                          "has 50176",
    "Matrix size-incompatible: In[0]: ": "Matrix size-incompatible: In[0]: [1,10], In[1]: [12,1]",
    "Incompatible shapes: [": "Incompatible shapes: [4,3] vs. [4,5]",
    " does not start with segment_ids.shape = ": "data.shape = [3] does not start with segment_ids.shape = [2]",
    " do not form a valid RaggedTensor": "Arguments to from_row_splits do not form a valid RaggedTensor:zero",
    "Invalid ragged splits: ": "Invalid ragged splits: last element of ragged splits must be the number of ragged "
                               "values",
    "Expected dimension in the range [": "Expected dimension in the range [-1, 1), but got 1",
    "Tensor conversion requested dtype ": "ValueError: Tensor conversion requested dtype int32 for Tensor with "
                                          "dtype float32",
    "not found in checkpoint": "Key dense/kernel/Adam_1 not found in checkpoint [[{{node save/RestoreV2}}]]",
    "Could not find resource: ": "Could not find resource: localhost/dense/kernel",
    "refers to a Tensor which does not ": "The name 'input:0' refers to a Tensor which does not exist. The "
                                          "operation, 'input', does not exist in the graph.",
}
TF_PY = ["python/client/session.py", "python/framework/ops.py", "python/framework/tensor.py",
         "python/keras/saving/utils_v1/export_output.py", "python/saved_model/signature_def_utils_impl.py",
         "python/saved_model/builder_impl.py", "python/eager/polymorphic_function/concrete_function.py",
         "python/ops/ragged/row_partition.py"]


@lru_cache(maxsize=None)
def library_strings(path: Path) -> str:
    """``strings -n 8`` over a shared library, once a build (the source modules read the same TensorFlow libraries)."""
    return subprocess.run(["strings", "-n", "8", str(path)], capture_output=True, text=True, check=True).stdout


def tf_sources() -> dict[str, str]:
    texts = {}
    for lib in LIBS:
        texts[f"tensorflow/{lib}"] = library_strings(TF / lib)
    for py in TF_PY:
        if (TF / py).exists():
            texts[f"tensorflow/{py}"] = (TF / py).read_text(errors="replace")
    return texts


def tf_entries(texts: dict[str, str]) -> list[dict]:
    entries = []
    for literal, tail, category, meaning, decider, *fix in TF_RULES:
        where = next((name for name, text in texts.items() if literal in text), None)
        if where is None:
            raise SystemExit(f"not in the installed TensorFlow: {literal!r}")
        e = entry(literal + ("…" if tail else ""), lit(literal) + tail,
                  where + " (strings -n 8)" if where.endswith((".2", ".so")) else where, meaning, category,
                  decider=decider, fix=fix[0] if fix else None, reading=meaning if category is None else None)
        e["example"] = EXAMPLES.get(literal, literal)
        entries.append(e)
    return entries


# ------------------------------------------------------------------------------------------------ older TF wordings

HISTORICAL_TF = [
    # literal | tail | category | meaning | source (TensorFlow's own source at an older release: the wording servers
    # built on it still print; not in the installed libraries, so not checked against them)
    ("Expected image (JPEG, PNG, or GIF), got ", r"(?P<format>[^\n]{0,80})", "encoded_image_string_mismatch",
     "a decode op got bytes that are not a JPEG/PNG/GIF file (decoded pixels, base64 text, another format)",
     "github.com/tensorflow/tensorflow tensorflow/core/kernels/image/decode_image_op.cc (DecodeImageOp, TF 1.x-2.x "
     "before DecodeImageV2)"),
    ("Invalid JPEG data or crop window, data size ", r"(?P<size_bytes>\d{1,15})", "encoded_image_string_mismatch",
     "a DecodeJpeg got bytes that are not a whole JPEG file",
     "github.com/tensorflow/tensorflow tensorflow/core/kernels/image/decode_image_op.cc (DecodeImageOp::DecodeJpeg)"),
    ("Invalid PNG header, data size ", r"(?P<size_bytes>\d{1,15})", "encoded_image_string_mismatch",
     "a DecodePng got bytes that are not a PNG file",
     "github.com/tensorflow/tensorflow tensorflow/core/kernels/image/decode_image_op.cc (DecodeImageOp::DecodePng)"),
    ("Binding inputs to tf.function ", r"[`'](?P<function>[^`'\n]{1,200})[`'] failed due to [`'](?P<reason>(?![Cc]an "
     r"?not cast)[^`'\n]{1,200})[`']", "input_keys_mismatch",
     "a tf.function (a loaded signature) was called with arguments its signature does not bind: an input missing, one "
     "under another name, or positional arguments where a signature takes keywords",
     "github.com/tensorflow/tensorflow tensorflow/python/eager/polymorphic_function/function_spec.py "
     "(FunctionSpec.canonicalize_function_inputs, TF 2.12; 2.13+ leave the function's name out)",
     "Give each input once, by keyword: a signature takes its inputs as keyword arguments named after the "
     "signature's inputs (f(x=tensor)); sigcheck inspect MODEL lists the names"),
    ("SavedModel not found in export directory: ", rf"(?P<path>{NAME})", "savedmodel_not_found",
     "the directory given to the loader holds no saved_model.pb (a checkpoint folder, the parent folder, or a "
     "path that does not exist)",
     "github.com/tensorflow/tensorflow tensorflow/cc/saved_model/loader.cc (LoadSavedModel, TF 1.x; the Java and Go "
     "bindings print it)"),
    ("Expected exactly one serving init op", "", "initializer_missing_in_export",
     "the SavedModel's legacy init op collection holds more than one op: the loader runs exactly one",
     "github.com/tensorflow/tensorflow tensorflow/cc/saved_model/loader.cc (TF 1.x, legacy_init_op)",
     "Export with a single init op: legacy_init_op=tf.group(tf.tables_initializer(), "
     "tf.local_variables_initializer()) (one op, not a list)"),
    ("Generic conv implementation does not support grouped convolutions for now.", "", "input_shape_mismatch",
     "a Conv2D got an input whose channel count is a multiple of its filter's depth (e.g. 3 channels into a filter "
     "built for 1): TensorFlow takes that for a grouped convolution, which the CPU kernel does not run",
     "github.com/tensorflow/tensorflow tensorflow/core/kernels/conv_ops.cc (TF 2.x before the fused kernel)",
     GROUPED_CONV_FIX),
    ("All TensorInfo protos used in the SignatureDefs must have the name field set", "",
     "sparse_output_in_signature", "a signature names a tensor that has no single name: a SparseTensor (coo_sparse) "
     "or another composite tensor, which a TF 1.x SignatureDef cannot carry",
     "github.com/tensorflow/tensorflow tensorflow/python/saved_model/builder_impl.py (_validate_tensor_info, TF 1.x "
     "before sparse TensorInfo)"),
    ("Unable to decode bytes as JPEG, PNG, GIF, or BMP", "", "encoded_image_string_mismatch",
     "tf.image.decode_image got bytes of none of the formats it reads",
     "github.com/tensorflow/tensorflow tensorflow/python/ops/image_ops_impl.py (decode_image, TF 1.x-2.3)"),
]


def historical_entries() -> list[dict]:
    out = []
    for literal, tail, category, meaning, source, *fix in HISTORICAL_TF:
        e = entry(literal + ("…" if tail else ""), lit(literal) + tail, source, meaning, category,
                  fix=fix[0] if fix else None)
        e["example"] = EXAMPLES.get(literal) or literal + (
            "unknown format starting with 'AAAA'" if literal.startswith("Expected image") else "123" if tail else "")
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ TF families

FAMILY_MIN, FAMILY_MAX = 18, 160
"""A literal taken from the libraries is at least this long (after trimming) and at most this long."""
FAMILY_EXCLUDE = re.compile(
    r"\b(?:XLA|xla|[Mm]lir|MLIR|TPU|tpu|GPU|gpu|CUDA|[Cc]uda)|cu[Dd][Nn][Nn]|[Gg]rappler|Backprop|[Gg]rad\b|[Gg]radient|"
    r"[Qq]uantiz|TensorRT|TRT|[Dd][Tt]ensor|[Mm]esh|SME|LLVM|llvm|%[-\d.]*[a-z]|\{\{|::|[<>\\$`]|\btf\.|"
    r"op attribute|Eigen|[Pp]roto(?:buf)?\b|TFLite|[Tt]flite|[Hh][Ll][Oo]\b|[Tt]riton|NCCL|[Cc]ollective|"
    r"[Cc]oordinat|[Rr]endezvous|[Pp]rofil|TensorArray|[Bb]enchmark|[Dd]eprecat|\b[Tt]est|[Dd]ebug|[Pp][Jj][Rr][Tt]|"
    r"IFRT|[Ss]parse[A-Z]|[Ss]ummary|[Ee]ager|[Tt]ape\b|[Oo]ptimi[sz]|[Ll]ayout|[Ss]hard|[Dd]evice|[Kk]ernel [Ff]actory|"
    r"[Oo]neDNN|[Mm]kl|MKL|\bRNN|LSTM|[Ss]tream|[Aa]llocat|[Tt]hread|[Cc]luster|[Jj]ob\b|[Tt]ask\b|[Rr]eplica")
"""Library strings that are not what a serving model's request or load produces (compilers, accelerators,
training-only ops, internals)."""

FAMILIES = [
    # name | which library literals (regex) | category: [(regex over the literal, category)] + default | meaning |
    # literals that must be among those taken (the build fails if a TensorFlow upgrade drops them)
    ("conv/pool", r"output size would be negative|[Ii]nput depth must be|input and filter must have the same|"
     r"[Ss]liding window (?:ksize|stride)|Conv[23]D was called with bad|Conv[23]D on data format|filter must be \d-dim|"
     r"input must be \d-dim|[Pp]adding (?:cannot|must)|[Ss]tride[s]? (?:must|cannot|should)|ksize (?:must|cannot)",
     [], "input_shape_mismatch",
     "a convolution or pooling op got an input whose rank, size or channels do not fit its filter/window (image "
     "smaller than the window, wrong channel count, missing batch level)",
     ["Computed output size would be negative: ", "input depth must be evenly divisible by filter depth: ",
      "input and filter must have the same depth: "]),
    ("matmul", r"Matrix size-incompatible|In\[[01]\] (?:is not a matrix|mismatch)|[Ii]nput must be a matrix|"
     r"(?:First|Second) input \([lr]hs\) must be a matrix|[Mm]at[Mm]ul",
     [(r"^In\[0\] is not a matrix$", "missing_batch_dimension")], "input_shape_mismatch",
     "a MatMul got operands whose shapes do not multiply (features per instance, or a missing batch level)",
     ["In[0] is not a matrix. Instead it has shape ", "In[0] mismatch In[1] shape: "]),
    ("reshape", r"[Ii]nput to reshape|[Rr]eshape cannot infer|[Oo]nly one input size may be -1|requested shape|"
     r"[Rr]eshape (?:requires|expects)",
     [], "input_shape_mismatch",
     "a Reshape in the graph got another number of values than its target shape holds",
     ["reshape cannot infer the missing input size for an empty tensor unless all specified input sizes are "
      "non-zero"]),
    ("concat/pack", r"ConcatOp|[Ss]hapes of all inputs must match|[Rr]anks of all input tensors|[Cc]oncat(?:enat)?" 
     r"(?:ing|ed)? dim|[Pp]ack(?:ing)? .*shape",
     [], "input_shape_mismatch", "tensors joined by a Concat/Pack (stack) differ in shape or rank",
     ["Shapes of all inputs must match: values[0].shape = "]),
    ("gather/slice/pad/transpose/broadcast/tile",
     r"indices\[|is not in \[0, |[Ss]lice index|[Ee]xpected begin|out of bounds|paddings must be|[Pp]addings? (?:must|are)|"
     r"transpose expects|[Ii]ncompatible shapes|[Bb]roadcast|[Mm]ultiples|[Ss]queeze|[Ss]trided ?[Ss]lice|"
     r"[Ee]xpected (?:size|begin|end)\[|[Ss]lice(?:_| )?(?:size|begin)|ExpandDims|[Pp]ermutation",
     [(r"indices\[|is not in \[0, ", "input_shape_mismatch")], "input_shape_mismatch",
     "a gather/slice/pad/transpose/broadcast/tile op got an input of another shape or rank than the graph assumes",
     ["Expected multiples argument to be a vector of length ", "Expected begin and size arguments to be 1-D tensors "
      "of size "]),
    ("image decode", r"JPEG|[Jj]peg|PNG\b|[Pp]ng |GIF\b|BMP\b|[Ii]mage file format|[Dd]ecode(?:Image|Jpeg|Png|Bmp|Gif)|"
     r"image data|channels (?:must|should)",
     [], "encoded_image_string_mismatch",
     "an image decode op got bytes that are not an encoded image of a format it reads (raw pixels, base64 text, a "
     "truncated file), or was asked for an unsupported channel count",
     ["Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required.", "Invalid JPEG data, size "]),
    ("parse example", r"[Pp]arse ?[Ee]xample|[Cc]ould not parse example|is required but could not be found|"
     r"[Ss]erialized|Data types don't match|[Ff]eature(?:_list)? .*(?:missing|required|shape|type)|[Ff]ixedLen|VarLen|"
     r"SequenceExample|tf\.Example|Example proto",
     [], "serialized_example_input_expected",
     "a ParseExample op got input that is not the serialized tf.Example (with the features and types) its input "
     "function parses",
     ["Could not parse example input, value: '", " is required but could not be found."]),
    ("lookup/string/text", r"[Tt]able not initialized|[Tt]able (?:is )?(?:already )?initialized|HashTable|[Ll]ookup ?[Tt]able|"
     r"[Vv]ocabulary|[Kk]ey (?:must|and value)|[Kk]eys? (?:dtype|type)|[Ii]nvalid UTF-?8|[Uu]nicode|[Ss]tring[Ss]plit|"
     r"[Ss]tring [Tt]o [Hh]ash|[Tt]oken",
     [(r"[Tt]able not initialized|not initialized|[Vv]ocabulary", "initializer_missing_in_export"),
      (r"[Kk]ey|dtype|type", "dtype_mismatch")], "input_shape_mismatch",
     "a lookup table / string op: used before its initializer ran (vocabulary file), or given keys of another type "
     "or shape than it maps",
     ["Table not initialized."]),
    ("resource variables/restore", r"[Cc]ould not find variable|not found in checkpoint|uninitialized value|"
     r"[Cc]ould not find resource|[Cc]ontainer .*does not exist|[Rr]esource .*does not exist|[Rr]eading resource "
     r"variable|[Rr]estoreV2|[Tt]ensor ?[Ss]lice ?[Rr]eader|[Cc]heckpoint|variables?/variables|[Vv]ariable .*"
     r"(?:not|uninitiali)",
     [], "variables_not_restored",
     "a variable the graph reads was never restored from the SavedModel's variables/ checkpoint (missing or "
     "partial variables files, a checkpoint without the key, weights not tracked by the export)",
     [" not found in checkpoint", " does not exist. (Could not find resource: "]),
    ("graph import/op registration/NodeDef attrs", r"Op type not registered|NodeDef mentions attr|NodeDef expected "
     r"inputs|No OpKernel was registered|not in the op definition|[Gg]raph[Dd]ef (?:version|producer)|"
     r"[Cc]onverting [Gg]raph[Dd]ef to [Gg]raph|min_consumer|FunctionDef|[Ff]unction .*not found|"
     r"not registered|[Uu]nknown (?:op|attr)|[Oo]p [Dd]ef|OpDef|[Ii]mport(?:ing)? [Gg]raph|[Ll]ibrary function",
     [], "runtime_version_mismatch",
     "the serving TensorFlow cannot build the model's graph: an op, attribute or function the model uses is not "
     "registered in this binary (model exported by a newer TensorFlow, or a custom/contrib/TF-Text op not linked)",
     ["NodeDef expected inputs '", "Op type not registered '"]),
    ("SavedModel loader", r"SavedModel|saved_model|[Mm]eta ?[Gg]raph|[Ee]xport directory|[Tt]ag-set|tags \{|"
     r"[Ss]ignature ?[Dd]ef|asset",
     [(r"[Tt]ag", "savedmodel_tags"),
      (r"Could not find SavedModel|[Ee]xport directory|does not exist|[Nn]o such|[Nn]ot found", "savedmodel_not_found"),
      (r"[Ss]ignature", "signature_not_found")], "model_load_failed",
     "the SavedModel loader could not read the model: no saved_model.pb where it looks, no MetaGraph with the "
     "requested tags, a signature or asset it names is missing",
     ["Could not find meta graph def matching supplied tags: { "]),
    ("session feeds/fetches", r"[Yy]ou must feed|[Cc]annot feed|feed_devices|fetch_devices|[Ff]eed .*(?:twice|not)|"
     r"[Ff]etch(?:ed|es)? .*(?:not|twice)|not found in (?:the )?[Gg]raph|[Tt]ensor .*not found",
     [(r"[Yy]ou must feed", "unfed_placeholder"), (r"[Cc]annot feed", "input_shape_mismatch")], "input_keys_mismatch",
     "a session run names a tensor to feed or fetch that the graph does not have (or a placeholder nothing feeds)",
     ["specified in either feed_devices or fetch_devices was not found in the Graph"]),
    ("dtype conversion", r"Expects arg\[|is provided|[Cc]annot convert (?:a )?[Tt]ensor|[Ii]nvalid data ?type|"
     r"[Dd]ata ?[Tt]ype mismatch|[Tt]ype mismatch|expected dtype|[Ee]xpected .* dtype|dtype .*does not match|"
     r"[Uu]nsupported (?:data ?)?type|[Cc]annot cast",
     [(r"string", "bytes_sent_to_numeric_input")], "dtype_mismatch",
     "a tensor reaches an op with another dtype than the op or signature declares",
     ["Expects arg["]),
    ("decode csv / parse numbers", r"is not a valid (?:int32|int64|float|double)|is required but missing in record",
     [(r"required but missing", "input_shape_mismatch")], "dtype_mismatch",
     "a DecodeCSV (or a string-to-number op) in the graph got a field that is not a number of its column's type: "
     "record_defaults (the export's column types) declare int32 where the data has 5.1, or text sits in a numeric "
     "column; a required field is empty",
     [" is not a valid int32: "]),
    ("gRPC limits", r"message larger than max|[Dd]eadline [Ee]xceeded|max_(?:receive|send)_message_length|"
     r"[Rr]eceived message larger|[Ss]ent message larger",
     [(r"[Dd]eadline", "client_timeout")], "payload_too_large",
     "a gRPC message is over the size limit of its receiver or sender (4 MiB unless raised), or a deadline passed",
     []),
]


FAMILY_ERRORISH = re.compile(
    r"\b(?:must|cannot|can ?not|could not|expected|expects|invalid|not (?:found|in|a|an|initiali[sz]ed|registered|"
    r"supported|match|equal)|failed|unable|mismatch|incompatible|does not|do not|doesn't|don't|out of (?:bounds|range)|"
    r"exceed|unknown|unsupported|required|missing|should|negative|wrong|bad|empty|too (?:large|many|few|small)|"
    r"larger than|greater than|less than|corrupt|premature|no (?:such|variables|SavedModel))\b", re.I)
"""A literal taken from the libraries must read as an error message."""
FAMILY_NOT_MESSAGE = re.compile(r"[/\\]|\.(?:cc|h|cpp|py|asm)\b|_[A-Za-z0-9]*_|^[A-Z]\w*[a-z][A-Z]\w*$|"
                                r"[a-z]\d+[A-Za-z]|grpc|GRPC|[Ss][Ss][Ll]|TLS|x509|[Cc]ertificate|[Tt]oken|aws|ec2|"
                                r"[Oo]perand|[Rr]egion|[Dd]ialect|[Ii]ntrinsic|[Dd]irective|[Ee]ncoding|[Pp]ointer|"
                                r"[Aa]ttribute|[Ss]ymbol|[Bb]lock|[Cc]ustom call|[Ff]usion|[Hh]ost|[Ss]ession [Oo]ptions|"
                                r"[Pp]ython|[Ff]latbuffer|[Cc]all ?[Ff]rame|[Pp]ass\b|[Rr]ewrite|[Ll]owering|[Cc]ompil|"
                                r"[Ll]oop|[Ii]nduction|TOC|[Xx]feed|[Tt]racing|[Cc]omposite|two_ctas|[Pp]lan\b|DoMatMul|"
                                r"[Ff]used|[Ss]ubshape|[Ll]iteral|[Pp]rimitive|[Rr]egister\b|[Aa]tomic|field_tag|"
                                r"[Cc]onver(?:ter|sion)|global_|[Tt]ile stride|interior|[Ff]ilterbank|[Cc]oncrete function|"
                                r"[Ff]inali[sz]|[Cc]ompression|[Mm]ain function|[Gg]raph view|from log|[Pp]refetch|"
                                r"[Tt]hunk|[Cc]allback|[Aa]rgs index|[Tt]ransposition|[Ee]mbedding|[Ii]mporter|"
                                r"[Pp]rivate function")
"""Library strings that are identifiers, paths or another subsystem's (compiler, TLS, cloud SDK) messages."""


def family_literals(texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(family, literal, library) for every library string a family takes, deterministic order."""
    seen: set[str] = set()
    out = []
    anchors = {r.strip(" :,;.'\"([{="): f for f in FAMILIES for r in f[5]}
    for lib, text in texts.items():
        if not re.search(r"\.so(?:\.\d+)?$", lib):  # a shared library (libtensorflow_framework.so.1 of TF 1.x too)
            continue
        for raw in sorted(set(text.splitlines())):
            literal = raw.strip(" :,;.'\"([{=")
            if literal in anchors and literal not in seen:  # a family's anchor is taken whatever the filters say
                seen.add(literal)
                out.append((anchors[literal][0], literal, lib))
                continue
            if not FAMILY_MIN <= len(literal) <= FAMILY_MAX or literal in seen or " " not in literal:
                continue
            if not re.match(r"[A-Za-z]", literal) or len(re.findall(r"[A-Za-z]{2,}", literal)) < 3:
                continue
            grpc_limit = re.search(FAMILIES[-1][1] + r"|feed_devices or fetch_devices", literal)
            if not grpc_limit and (FAMILY_EXCLUDE.search(literal) or FAMILY_NOT_MESSAGE.search(literal)):
                continue
            if not grpc_limit and not FAMILY_ERRORISH.search(literal):
                continue
            fam = next((f for f in FAMILIES if re.search(f[1], literal)), None)
            if fam is None:
                continue
            seen.add(literal)
            out.append((fam[0], literal, lib))
    return out


def family_entries(texts: dict[str, str], taken: set[str]) -> list[dict]:
    found = family_literals(texts)
    have = {lit_ for _, lit_, _ in found}
    for name, _, _, _, _, required in FAMILIES:
        for r in required:
            r = r.strip(" :,;.'\"([{=")
            if r not in have and not any(r in t or t in r for t in taken):
                raise SystemExit(f"family {name}: {r!r} is no longer taken from the installed TensorFlow")
    entries: list[dict] = []
    fams = {f[0]: f for f in FAMILIES}
    for name, literal, lib in found:
        if any(literal in t or t in literal for t in taken):
            continue  # a hand rule (TF_RULES) reads this message with captures and a decider
        _, _, splits, default, meaning, _ = fams[name]
        category = next((c for rx, c in splits if re.search(rx, literal)), default)
        tail = r"(?P<detail>[^\n]{0,160})"
        e = entry(literal + " …", lit(literal) + tail, f"{lib} (strings -n 8; family {name})", meaning,
                  category)
        e["example"] = literal
        e["family"] = name
        entries.append(e)
    return entries


# ------------------------------------------------------------------------------------------------ TF Serving

CONFIG = "TF Serving's own configuration or state (flags, config files, its manager), not about the request or model"
SERVING_RULES = [
    # regex over the template | category | meaning (or the reading when the category is None) | decider
    (r"is not of expected type", "dtype_mismatch", "a JSON value has another type than the input's dtype", "json_type"),
    (r"without loss of precision", "dtype_mismatch", "a JSON number does not fit the input's integer dtype", None),
    (r"^Conversion of JSON Value", "dtype_mismatch", "TF Serving cannot convert JSON to the input's dtype", "half"),
    (r"formatted correctly for base64|Unable to base64 decode", "base64_encoding",
     "a {\"b64\": …} value is not valid base64", None),
    (r"found at incorrect level|list at unexpected level", "input_shape_mismatch",
     "the nesting of a JSON value does not match the input's rank", "json_level"),
    (r"list at unexpected size", "ragged_instances", "lists at one nesting level have different lengths", None),
    (r"does not have named input|Missing named input|keys must be equal to|must only have keys", "input_keys_mismatch",
     "the request's input names are not the signature's", None),
    (r"plain list, but expecting list of objects|plain value/list, but expecting an object", "input_keys_mismatch",
     "the signature has several inputs, so each instance (or 'inputs') must be an object keyed by input name", None),
    (r"^Request inputs do not match required inputs", "input_keys_mismatch",
     "the request's input names are not the signature's", None),
    (r"^Expecting tensor size|^Expecting shape", "input_shape_mismatch",
     "a tensor in the request has another shape or size than expected", None),
    (r"^JSON Parse error", "json_parse_error", "the request body is not valid JSON", None),
    (r"Expecting object but got list|Expecting value/list but got object", "instance_format",
     "the instances mix objects and lists", None),
    (r"Missing 'inputs' or 'instances' key", "instances_key_missing",
     "the JSON body has neither 'instances' nor 'inputs' at its top", None),
    # json_tensor.cc's FormatError(doc, …) sites: the body's top level
    (r"} Is not object$", "instances_key_missing",
     "the JSON body is not an object (a bare list or value): 'instances' or 'inputs' must be a key at its top", None),
    (r"expecting only one of 'inputs' or 'instances' keys", "instances_key_missing",
     "the JSON body has both 'instances' and 'inputs': keep one (instances: a list of rows; inputs: columns)", None),
    (r"Expecting 'instances' to be an list/array", "instance_format",
     "'instances' is not a list (an object or a value): it must list the rows", "instances_object"),
    (r"No values in 'instances' array|'examples' value is an empty array", "empty_instances",
     "the request has no rows", None),
    (r"When method is classify, key '\w+' is expected|Expecting 'examples' value to be an list/array",
     "wrong_api_or_input_format", "a :classify / :regress body lacks its 'examples' list of tf.Example objects "
     "(the form those APIs read; 'instances' / 'inputs' are :predict's)", None),
    (r"'signature_name' key must be a string", "instance_format", "the body's 'signature_name' is not a JSON string",
     None),
    # MakeRowFormatJsonFromTensors: raised when an output TENSOR has no dimension (tensor_shape().dim_size() == 0): a
    # scalar the row format cannot split per instance, whatever the signature declares (an unknown rank included)
    (r"has no shape information", "output_batch_dimension", "an output came back as a scalar (no dimension at all), "
     "which the row format cannot split per instance: a rank-0 output, or one of unknown rank that ran as a scalar",
     None),
    (r"has (?:invalid|inconsistent) batch size|Batched output tensor|output batch size|"
     r"Input batch size did not match output batch size|Expected Tensor shape: \[batch_size|"
     r"Expected output Tensor shape to be either", "output_batch_dimension",
     "an output does not have the batch dimension (first dimension = number of instances) that the row format needs",
     None),
    (r"Serving signature key .* not found|Serving signature name: .* not found|No signature was found with the name|"
     r"Requested signature not found|^Function \".*\" not found", "signature_not_found",
     "the request names a signature the model does not have", None),
    (r"signature method_name", "signature_method_name", "the API called needs a signature of another method_name",
     None),
    (r"Expected one input Tensor|No classification inputs|No regression inputs|No regression outputs|"
     r"Expected one or two output Tensors|Expected one output Tensor|Expected classes Tensor of DT_STRING|"
     r"Expected scores Tensor of DT_FLOAT|Expected output Tensor of DT_FLOAT|Unexpected output tensors size|"
     r"Expected classification (?:signature|function) outputs to contain",
     "wrong_api_or_input_format", "the classify/regress API needs a signature of its own shape (one string input of "
     "tf.Examples, class/score outputs); use predict for this signature", None),
    (r"^Servable not found for request|^Could not find (?:any versions|version) of model",
     "model_not_found", "no loaded model (or version) has that name", None),
    (r"^Could not find base path|^Unable to find a numerical version path|to have an absolute path or URI",
     "model_base_path_layout", "the model's base path or its numbered version folders are not where the server looks",
     None),
    (r"^Insufficient resources to load servable", "model_too_large", "the model does not fit the memory the server has",
     None),
    (r"^Expected input .* to be .* but get", "dtype_mismatch", "an input tensor has another dtype than the signature's",
     None),
    (r"^Unsupported model directory", "savedmodel_not_found", "the folder holds neither a SavedModel nor an Orbax model",
     None),
    (r"warmup", "model_load_failed", "the warmup requests in assets.extra/ could not be read or run", None),
    (r"input tensors must have at least one dimension", "missing_batch_dimension",
     "batching needs a batch (first) dimension in every input", None),
    (r"input tensors must have equal 0th-dimension size", "batch_size_mismatch_between_inputs",
     "inputs of one request have different batch sizes", None),
    (r"different shapes other than first dimension and padding is turned off", "input_shape_mismatch",
     "requests batched together have different shapes (set pad_variable_length_inputs or send one shape)", None),
    (r"^Input is empty|input is empty", "empty_instances", "the request has no examples", None),
    (r"^Error parsing serialized input|Input failed to serialize", "serialized_example_input_expected",
     "the input is not a valid serialized tf.Example", None),
    (r"element type in feature|unexpected JSON type|Example must be JSON object|Only int64", "instance_format",
     "the classify/regress 'examples' are not in the tf.Example JSON form (feature: value or list)", None),
    (r"^Malformed request|^Missing model name in request|^Failed to convert version|^Failed to decode model",
     "model_not_found", "the URL is not one TF Serving's REST API has (/v1/models/NAME[/versions/N]:predict), so no "
     "model is addressed",
     "url"),
    (r"version label|version_label", "model_not_found", "the request names a version label the server has not got",
     None),
    (r"^Tensor concat operation failed|^Tensor split operation|When splitting input", NOT_ABOUT,
     "TF Serving's batching could not join or split the batch: look for the shapes of the requests batched together",
     None),
    (r"^Loading of servable cancelled|^Duplicate load request|^Servable not loaded", NOT_ABOUT,
     "a load was cancelled or repeated while the server reloaded or shut down: not about the request or model", None),
]
CONFIG_FILES = ("resources/", "core/", "model_servers/server.cc", "model_servers/server_core.cc",
                "model_servers/model_service_impl.cc", "model_servers/http_server.cc", "batching/batching_session.cc",
                "servables/tensorflow/bundle_factory_util.cc", "util/class_registration_util.cc",
                "servables/tensorflow/saved_model_bundle_factory.cc", "model_servers/device_runner_init_stub.cc",
                "batching/tfrt_saved_model_with_batching.cc", "servables/hashmap/", "core/log_collector.cc")


WHOLE_BODY = re.compile(r"^JSON Value: \{JsonValueTo\w*\} (?=Is not object|Not formatted correctly expecting|"
                        r"Expecting '(?:instances|examples)'|No values in|When method is|'examples' value|"
                        r"not formatted correctly\. 'signature_name')")
"""json_tensor.cc's messages about the whole body (FormatError(doc, …), FormatSignatureError(doc)): the JSON Value they
quote is the request itself, pretty-printed over many lines, so their pattern reads the message's own words after it."""


def serving_entries() -> list[dict]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from explain_serving_sites import sites

    entries, seen = [], set()
    for ref in SERVING_REFS:
        for path, line, kind, pieces in sites(str(SERVING), ref):
            text = "".join(t if k == "lit" else "{" + t + "}" for k, t in pieces)
            if text in seen:
                continue
            seen.add(text)
            rule = next((r for r in SERVING_RULES if re.search(r[0], text)), None)
            source = f"github.com/tensorflow/serving {ref} {path}:{line} ({kind})"
            if WHOLE_BODY.match(text):
                pieces = [("lit", pieces[2][1].lstrip())] + list(pieces[3:])
            if rule is not None:
                _, category, meaning, decider = rule
                if category is None:
                    entries.append(entry(text, template_pattern(pieces), source, None, None, reading=meaning))
                else:
                    entries.append(entry(text, template_pattern(pieces), source, meaning, category, decider=decider))
            elif path.split("tensorflow_serving/", 1)[-1].startswith(CONFIG_FILES):
                entries.append(entry(text, template_pattern(pieces), source, None, None, reading=CONFIG))
    return entries


# ------------------------------------------------------------------------------------------------ clients, platforms

DOC_ENTRIES = [
    # template | pattern | source URL | meaning or reading | category | decider
    ("Received message larger than max ({got} vs. {limit})",
     r"Received message larger than max \((?P<size_bytes>\d{1,15}) vs\. (?P<limit_bytes>\d{1,15})\)",
     "https://grpc.github.io/grpc/python/grpc.html (max_receive_message_length); grpc/src/core message_size_filter",
     "a gRPC message is over the receiver's size limit (4 MiB unless raised)", "payload_too_large", None),
    ("Sent message larger than max ({got} vs. {limit})",
     r"Sent message larger than max \((?P<size_bytes>\d{1,15}) vs\. (?P<limit_bytes>\d{1,15})\)",
     "https://grpc.github.io/grpc/python/grpc.html (max_send_message_length)",
     "the client refuses to send a gRPC message over its size limit", "payload_too_large", None),
    ("Method not found: {method}", r"Method not found:? ?(?P<method>[\w./]{0,120})",
     "https://grpc.github.io/grpc/core/md_doc_statuscodes.html (UNIMPLEMENTED)",
     "the server has no such RPC (wrong service/method name, or a REST port spoken to with gRPC)",
     "wrong_api_or_input_format", None),
    ("StatusRuntimeException: UNIMPLEMENTED", r"StatusRuntimeException: UNIMPLEMENTED(?:$|[^:]| *$)",
     "https://grpc.github.io/grpc-java/javadoc/io/grpc/Status.Code.html#UNIMPLEMENTED",
     "the server does not implement the called method: the stub, service name or port is not TF Serving's "
     "PredictionService", "wrong_api_or_input_format", None),
    ("Deadline Exceeded", r"Deadline ?Exceeded|DEADLINE_EXCEEDED",
     "https://grpc.github.io/grpc/core/md_doc_statuscodes.html (DEADLINE_EXCEEDED)",
     "the client's deadline passed before the answer came", "client_timeout", None),
    ("failed to connect to all addresses", r"failed to connect to all addresses|Connection refused|Connect Failed",
     "https://grpc.github.io/grpc/core/md_doc_statuscodes.html (UNAVAILABLE)", None, None, None),
    ("413 Request Entity Too Large", r"413 Request Entity Too Large|Request Entity Too Large|request size[^.\n]{0,80}exceeds",
     "https://cloud.google.com/vertex-ai/docs/predictions/get-online-predictions (request size limit 1.5 MB)",
     "the request body is over the service's size limit", "payload_too_large", None),
    ("Quota exceeded for {metric}", r"Quota exceeded for (?P<metric>[\w./-]{1,120})|RESOURCE_EXHAUSTED: Quota",
     "https://cloud.google.com/vertex-ai/docs/quotas", "a project quota (requests per minute, nodes) is used up",
     "quota_exceeded", None),
    ("Model server never became ready", r"Model server never became ready|Model server terminated",
     "https://cloud.google.com/vertex-ai/docs/predictions/custom-container-requirements",
     "the serving container did not answer its health route in time (crashed or too slow to load)",
     "deploy_container_not_ready", None),
    ("The primary container for production variant {variant} did not pass the ping health check",
     r"did not pass the ping health check",
     "https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html#your-algorithms-inference-algo-ping-requests",
     "the SageMaker container did not answer GET /ping with 200 in time (it crashed or the model did not load)",
     "deploy_container_not_ready", None),
    # (a Flask / werkzeug app's 415 says its own reason after the title: the index's werkzeug entry reads it)
    ("Unsupported Media Type", r"Unsupported Media Type(?![^\n]{0,300}Did not attempt to load JSON data)|"
     r"unsupported content[ -]type|Unsupported request data format",
     "https://docs.aws.amazon.com/sagemaker/latest/dg/cdf-inference.html (ContentType of InvokeEndpoint)",
     "the container does not take the request's Content-Type (e.g. application/json vs text/csv) or body format",
     "instance_format", None),
    ("No Operation named [{name}] in the Graph", r"No Operation named \[(?P<input>[^\]\s]{1,200})\] in the Graph",
     "https://github.com/tensorflow/tensorflow/blob/r1.15/tensorflow/python/framework/ops.py (_as_graph_element_locked)",
     "an operation name used to feed or fetch is not in the graph", "input_keys_mismatch", None),
    ("Could not find matching [concrete ]function to call loaded from the SavedModel. Got: {call} Expected these "
     "arguments to match one of the following {n} option(s): {options}",
     r"Could not find matching (?:concrete )?function to call loaded from the SavedModel",
     "https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/saved_model/function_deserialization.py "
     "(restored_function_body; 'concrete' since TF 2.4)",
     "a function restored from a SavedModel was called with arguments that match none of the input signatures it "
     "was traced with (structure, shape, dtype or a Python argument)", "input_shape_mismatch", "function_call"),
    ("Binding inputs to tf.function failed due to `Can not cast {spec} to {spec}`. Received args: {args} and kwargs: "
     "{kwargs} for signature: {signature}",
     r"Binding inputs to tf\.function(?: [`'][^`']{1,200}[`'])? failed due to [`']Can not cast (?:TensorSpec|"
     r"<tf\.Tensor|[{(\[])",
     "https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/eager/polymorphic_function/"
     "function_type_utils.py (bind_function_inputs, TF 2.13+)",
     "a tf.function with an input signature was called with a tensor its TensorSpec does not take (shape, rank or "
     "dtype)", "input_shape_mismatch", "function_call"),
    ("Error when checking input: expected {input} to have {n} dimensions, but got array with shape {shape}",
     rf"expected (?P<input>{NAME}) to have (?P<want_rank>\d{{1,3}}) dimensions, but got array with shape "
     rf"(?P<got_shape>{SHAPE})",
     "https://github.com/keras-team/keras/blob/2.3.1/keras/engine/training_utils.py (standardize_input_data)",
     "a Keras 2 model got an array of another rank than its input declares", "input_shape_mismatch", "rank"),
    ("Input 0 of layer {layer} is incompatible with the layer: expected ndim={n}, found ndim={m}",
     r"is incompatible with the layer: expected (?:min_)?ndim=(?P<want_rank>\d{1,3}), found ndim=(?P<got_rank>\d{1,3})"
     rf"(?:\. Full shape received: (?P<got_shape>{SHAPE}))?",
     "https://github.com/keras-team/keras/blob/master/keras/src/layers/input_spec.py (assert_input_compatibility)",
     "a Keras layer got a tensor of another rank than it takes", "input_shape_mismatch", "rank"),
]


DOC_EXAMPLES = {
    "Error when checking input: expected {input} to have {n} dimensions, but got array with shape {shape}":
        "Error when checking input: expected conv2d_1_input to have 4 dimensions, but got array with shape (28, 28, 1)",
    "Input 0 of layer {layer} is incompatible with the layer: expected ndim={n}, found ndim={m}":
        'Input 0 of layer "dense" is incompatible with the layer: expected min_ndim=2, found ndim=1. Full shape '
        "received: (None,)",
    "No Operation named [{name}] in the Graph": "No Operation named [image_tensor] in the Graph",
    "Binding inputs to tf.function failed due to `Can not cast {spec} to {spec}`. Received args: {args} and kwargs: "
    "{kwargs} for signature: {signature}":
        "TypeError: Binding inputs to tf.function failed due to `Can not cast TensorSpec(shape=(1, 4), "
        "dtype=tf.float32, name=None) to TensorSpec(shape=(None, 3), dtype=tf.float32, name=None)`. Received args: "
        "(<tf.Tensor: shape=(1, 4), dtype=float32>,) and kwargs: {} for signature: (x: TensorSpec(shape=(None, 3), "
        "dtype=tf.float32, name=None)).",
    "Could not find matching [concrete ]function to call loaded from the SavedModel. Got: {call} Expected these "
    "arguments to match one of the following {n} option(s): {options}":
        "ValueError: Could not find matching concrete function to call loaded from the SavedModel. Got:\n  "
        "Positional arguments (1 total):\n    * <tf.Tensor 'inputs:0' shape=(None, 28, 28) dtype=float32>\n  "
        "Keyword arguments: {}\n\n Expected these arguments to match one of the following 1 option(s):\n\n"
        "Option 1:\n  Positional arguments (1 total):\n    * TensorSpec(shape=(None, 784), dtype=tf.float32, "
        "name='inputs')\n  Keyword arguments: {}",
}


def doc_entries() -> list[dict]:
    out = []
    for template, pattern, source, meaning, category, decider in DOC_ENTRIES:
        if category is None:
            e = entry(template, pattern, source, None, None,
                      reading="the client did not reach the server (address, port, TLS, or the server is down): "
                              "not about the request or model")
        else:
            e = entry(template, pattern, source, meaning, category, decider=decider)
        e["example"] = DOC_EXAMPLES.get(template) or re.sub(r"\{[^}]*\}", "7", template)
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ quoted sources

def mirror_text(repo: str, commit: str, path: str, who: str) -> str | None:
    """The file ``path`` of github.com/``repo`` at ``commit`` from its git mirror on this machine, or None when the
    mirror is absent (a commit or path the mirror lacks stops the build: the row names a source it cannot show)."""
    git_dir = MIRRORS / repo.replace("/", "+") / "repo"
    if not git_dir.exists():
        return None
    done = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"], capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"{who}: {repo}@{commit}:{path} not readable: {done.stderr.strip()}")
    return done.stdout


def quoted(who: str, repo: str, commit: str, path: str, pieces, text: str | None) -> bool:
    """Every piece a row quotes is in its source file (``text``; None: the file is not on this machine, nothing is
    checked).  True when checked; a piece that is not there stops the build."""
    if text is None:
        return False
    for piece in pieces:
        if piece not in text:
            raise SystemExit(f"{who}: {piece!r} not in {repo}@{commit}:{path}")
    return True


class Quote(NamedTuple):
    """Where a row's source text is: the repository, the commit, the file, and the pieces of text it must hold."""

    repo: str
    commit: str
    path: str
    pieces: tuple[str, ...]


def add_row(rows: list, quotes: dict, template: str, pattern: str, source: str, category: str | None, text: str,
            fix: str | None, example: str, pieces: list, decider: str | None = None) -> None:
    """One row, as row_entries reads it ``(template, pattern, source, category, meaning | reading, fix, example[,
    decider])``, and the source pieces it rests on (rows that read one message for several cases share a template
    and its pieces)."""
    rows.append((template, pattern, source, category, text, fix, example) + ((decider,) if decider else ()))
    have = quotes.setdefault(template, [])
    have.extend(q for q in pieces if q not in have)


def rows_quoted(who: str, rows, quotes, read=None) -> int:
    """Every row's source pieces are in each file its quotes name (``quotes[template]``: (repo, commit, path, pieces)
    entries; ``read(repo, commit, path)`` gives the file's text, or None when it is not on this machine — by default
    the git mirror); a row with no quotes stops the build.  Returns how many (row, file) pairs were checked."""
    read = read or (lambda repo, commit, path: mirror_text(repo, commit, path, who))
    checked = 0
    for template, *_ in rows:
        if not quotes.get(template):
            raise SystemExit(f"{who}: no quotes for {template!r}")
        for repo, commit, path, pieces in quotes[template]:
            checked += quoted(who, repo, commit, path, pieces, read(repo, commit, path))
    return checked


def source_ref(repo: str, ref: str, path: str, where: str = "") -> str:
    """``github.com/<repo>@<ref> <path> (<where>)``, a row's source: a commit as its first 12 hex digits, a release
    tag as it is."""
    ref = ref[:12] if re.fullmatch(r"[0-9a-f]{40}", ref) else ref
    return f"github.com/{repo}@{ref} {path}" + (f" ({where})" if where else "")


def examples_match(entries: list[dict], who: str) -> list[dict]:
    """Every entry's pattern matches its own example (else the build stops): the entries, unchanged."""
    for e in entries:
        if not re.search(e["pattern"], e["example"], re.I):
            raise SystemExit(f"{who}: {e['pattern']!r} does not match {e['example']!r}")
    return entries


# ------------------------------------------------------------------------------------------------ the index

def entry(template: str, pattern: str, source: str, meaning: str | None, category: str | None, *,
          decider: str | None = None, reading: str | None = None, fix: str | None = None) -> dict:
    """One index entry; ``fix`` is the first step for this very message when its source says more than the
    category's wording does (index.Entry.fix)."""
    re.compile(pattern)
    key = pattern_key(pattern)
    e = {"template": template, "pattern": pattern, "key": key, "source": source, "category": category}
    if category is None:
        e["reading"] = reading
    else:
        e["meaning"] = meaning
    if decider:
        e["decider"] = decider
    if fix:
        e["fix"] = fix
    return e


def pattern_key(pattern: str) -> str:
    """The longest piece of plain text every match contains, lower-cased and without spaces (what explain looks
    for before it runs the regex); empty when the pattern has alternatives at its top level."""
    depth, i, pieces, cur = 0, 0, [], ""
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            if nxt.isalnum():  # \d, \w, \s …: a class, not text
                pieces.append(cur); cur = ""
            elif depth == 0:
                cur += nxt
            i += 2
            continue
        if ch == "[":
            j = i + 1 + (pattern[i + 1:i + 2] == "^")
            j += pattern[j:j + 1] == "]"  # a "]" first in the class is one of its characters
            while pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1  # an escaped "\]" inside the class does not close it
            pieces.append(cur); cur = ""
            i = j + 1
            continue
        if ch == " " and pattern[i + 1:i + 2] == "?":
            i += 2  # an optional space: the key has no spaces anyway
            continue
        if ch == "(":
            depth += 1; pieces.append(cur); cur = ""
            if pattern[i + 1:i + 2] == "?":
                i = pattern.index(">", i) if pattern[i + 2:i + 3] == "P" else i + 2
        elif ch == ")":
            depth -= 1; pieces.append(cur); cur = ""
        elif ch == "|" and depth == 0:
            return ""
        elif ch in "?*{+":
            cur = cur[:-1]  # the char before an optional quantifier may be absent
            pieces.append(cur); cur = ""
            if ch == "{":
                i = pattern.index("}", i)
        elif ch in ".^$":
            pieces.append(cur); cur = ""
        elif depth == 0:
            cur += ch
        i += 1
    pieces.append(cur)
    return max(pieces, key=len).replace(" ", "").lower()


SOURCE_MODULES = ["explain_index_keras", "explain_index_platforms", "explain_index_python",
                  "explain_index_engines",  # before runtimes: its Switch / training / unfrozen op rows lead its general one
                  "explain_index_runtimes",
                  "explain_index_tf1", "explain_index_clients", "explain_index_mobile",
                  "explain_index_web", "explain_index_triton", "explain_index_converters",
                  "explain_index_releases", "explain_index_jvm", "explain_index_devices",
                  "explain_index_onnx", "explain_index_openvino", "explain_index_tflite", "explain_index_tfjs",
                  "explain_index_frameworks",
                  "explain_index_sigcheck"]
"""Further sources, one module each beside this script (``scripts/explain_index_<source>.py``), each with
``entries() -> list[dict]`` built with :func:`entry`; a module not written yet is skipped."""


def module_entries() -> list[dict]:
    import importlib
    import importlib.util

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    out: list[dict] = []
    for name in SOURCE_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        out.extend(importlib.import_module(name).entries())
    return out


def build() -> dict:
    texts = tf_sources()
    taken = {literal for literal, *_ in TF_RULES}
    entries = (tf_entries(texts) + historical_entries() + family_entries(texts, taken) + serving_entries()
               + doc_entries() + module_entries())
    return {
        "format": 1,
        "note": "generated by scripts/explain_build_index.py; do not edit by hand",
        "entries": entries,
    }


DERIVED = OUT.with_name("messages_derived.json")
"""The tables explain's nearest and kinds steps compute from messages.json (sigcheck/explain/derived.py), written
beside it each time it is written: a process uses them only when they were made from the messages.json it loads."""


def derived_text(index_text: str) -> str:
    """messages_derived.json for the messages.json whose text is ``index_text``, computed by this checkout's code."""
    sys.path.insert(0, str(ROOT))  # the sigcheck beside this script, whatever else is installed
    from sigcheck.explain import derived

    if Path(derived.__file__).resolve().parent != OUT.parent:
        raise SystemExit(f"error: sigcheck is imported from {derived.__file__}, not from {OUT.parent}")
    return derived.build(index_text)


def write_derived(derived: str) -> None:
    tmp = DERIVED.with_name(f".{DERIVED.name}.{os.getpid()}.tmp")  # nothing half-written: another build may run too
    tmp.write_text(derived, encoding="utf-8")
    os.replace(tmp, DERIVED)


USAGE = "usage: python scripts/explain_build_index.py [--check | --derived]"


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv):
        print(USAGE)
        return 0
    unknown = [a for a in argv if a not in ("--check", "--derived")]
    if unknown or len(argv) > 1:
        said = f"{' '.join(unknown)}: not an option here" if unknown else "--check and --derived: give one of them"
        print(f"error: {said}\n{USAGE}", file=sys.stderr)
        return 2
    if "--derived" in argv:  # only the derived tables, from the messages.json there is (after a change to their code)
        write_derived(derived_text(OUT.read_text(encoding="utf-8")))
        print(f"-> {DERIVED.relative_to(ROOT)}")
        return 0
    data = build()
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("messages.json is up to date" if same else "messages.json differs from its sources")
        have = DERIVED.read_text(encoding="utf-8") if DERIVED.exists() else None
        current = have == derived_text(text)
        if current:
            print("messages_derived.json is up to date")
        elif not same and OUT.exists() and have == derived_text(OUT.read_text(encoding="utf-8")):
            print("messages_derived.json is made from messages.json as it is (regenerating rewrites both)")
        else:
            print("messages_derived.json is not what messages.json and the code give (--derived rewrites it)")
        return 0 if same and current else 1
    derived = derived_text(text)  # computed first: the two files are written one right after the other
    tmp = OUT.with_name(f".{OUT.name}.{os.getpid()}.tmp")  # nothing half-written: temp file, then rename
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, OUT)
    write_derived(derived)
    print(f"{len(data['entries'])} entries -> {OUT.relative_to(ROOT)} (and {DERIVED.name})")
    return 0


if __name__ == "__main__":
    sys.modules.setdefault("explain_build_index", sys.modules[__name__])  # the source modules share this one (its caches)
    sys.exit(main(sys.argv[1:]))
