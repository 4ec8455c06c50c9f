"""TensorFlow Lite's converter and interpreter for explain's message index (#15): what a user meets converting a
Keras / TensorFlow model to .tflite and loading, feeding and running it, read whole from the installed TensorFlow.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for
the messages explain_index_runtimes (set_tensor's checks, unresolved and Flex ops, the flatbuffer checks, the kernels'
``%s:%d %s != %s`` checks, the MLIR converter's op lists, the signature runner), explain_index_mobile (Swift,
Objective-C, Task Library, Flutter, Coral), explain_index_devices (the GPU delegate, Arm NN, NNStreamer) and
explain_index_converters (TFLite Micro, old Interpreter methods) do not already read:

* the interpreter's C++ messages compiled into ``tensorflow/lite/python/libpywrap_tflite_common.so`` (the same text
  ai-edge-litert's and tflite-runtime's wrappers print, with ``tflite/`` or ``/tensorflow/tensorflow/lite/`` as the
  path of a failed check): invoke / get_tensor before allocate_tensors, a model file that cannot be mapped or is too
  short, the core's index check, ResizeInputTensorStrict and the calibrator's input checks, delegates that cannot run
  dynamic shapes or an immutable graph, the ``Node number N (OP) failed to prepare`` wrapper, a Flex op named in it, a
  kernel without the tensor type, a kernel's rank check with its numbers;
* the converter's messages compiled into ``libtensorflow_cc.so.2`` / ``libtensorflow_framework.so.2`` (the MLIR
  error codes ERROR_NEEDS_FLEX_OPS / ERROR_NEEDS_CUSTOM_OPS / control flow v1, ``failed to legalize operation``,
  TensorList element shapes, resource and variant types) and the Python raise sites of ``tensorflow/lite/python/``
  (lite.py's quantization and input-type checks, the 1st-dimension rule, optimize/calibrator.py's
  representative_dataset checks, interpreter.py's constructor and internal-data checks);
* LiteRT's CompiledModel API (ai-edge-litert 2.x: ai_edge_litert.compiled_model / tensor_buffer), read from the PyPI
  wheel's libpywrap_litert_common.so and Python files: a model file it cannot build, buffers written with another
  size or dtype, unknown signatures and inputs, runs with another number of buffers, a resize of another rank.

Every row quotes the pieces of its source text (:data:`QUOTES`): a compiled literal must be in ``strings -n 8`` of its
library, a Python piece in its file, of the installed TensorFlow (or of the ai-edge-litert wheel in
:data:`LITERT_WHEELS`, when it is there); a piece not found stops the build (a TensorFlow upgrade that rewords one is
seen at once).  The texts the tests read were provoked with TF 2.21's converter and
tf.lite.Interpreter, ai-edge-litert 2.3.0 and tflite-runtime 2.14.0 (tests/explain/data/provoked_tflite.jsonl).

    python scripts/explain_index_tflite.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import TF, add_row, examples_match, library_strings, lit  # noqa: E402
from explain_index_python import _tf_version  # noqa: E402
from explain_index_runtimes import (TFLITE_CUSTOM_FIX, TFLITE_FILE_FIX, TFLITE_FLEX_FIX,  # noqa: E402
                                    TFLITE_OLD_RUNTIME_FIX, TFLITE_SELECT_FIX, CONVERTER_NOT_RUNTIME,
                                    row_entries)

WHO = "explain_index_tflite"
LIB = "lite/python/libpywrap_tflite_common.so"
"""The TFLite runtime of the tensorflow wheel (interpreter, kernels, delegates, calibrator), under tensorflow/."""
CC = "libtensorflow_cc.so.2"
"""The MLIR converter (tf.lite.TFLiteConverter's convert())."""
FW = "libtensorflow_framework.so.2"
"""MLIR's own dialect-conversion messages."""
INTERP_PY, LITE_PY, CALIB_PY = "lite/python/interpreter.py", "lite/python/lite.py", "lite/python/optimize/calibrator.py"

LITERT_VERSION = "2.3.0"
LITERT = "litert:"
"""Quote path prefix: a file of the ai-edge-litert wheel (under ai_edge_litert/)."""
LITERT_LIB = "libpywrap_litert_common.so"
LITERT_WHEELS = Path(os.environ.get("SIGCHECK_LITERT_WHEELS", Path.home() / ".cache" / "sigcheck" / "litert-wheels"))
"""Where the ai-edge-litert wheel is looked for (pip download --no-deps ai-edge-litert==2.3.0 -d DIR); absent, the
LiteRT rows' quotes are not checked (as a git mirror absent from this machine)."""

WRAPPER = ("a wrapper around the message before it (TFLite prints the failing check or op first, then this line): "
           "look for that message, which says what failed")

# ------------------------------------------------------------------------------------------------ fixes

ALLOCATE_FIX = ("Call interpreter.allocate_tensors() once after creating the interpreter (and again after every "
                "resize_tensor_input), then set_tensor, invoke, get_tensor; if allocate_tensors itself failed (an "
                "unresolved or Flex op, a delegate or kernel check printed before this line), fix that first")
INTERNAL_DATA_FIX = ("Do not keep the arrays interpreter.tensor(i)() returns across allocate_tensors / invoke / "
                     "resize_tensor_input: keep the function (out = interpreter.tensor(i); interpreter.invoke(); "
                     "out()), or read results with interpreter.get_tensor(i), which copies; del any such array (and "
                     "slices of it) before calling invoke again")
NO_MODEL_FIX = ("Give the interpreter the model: Interpreter(model_path='/path/to/model.tflite') with a path that is "
                "set (an environment variable or argument left empty gives None) or model_content=bytes read from "
                "the .tflite file (an empty read - a file of 0 bytes, a download that failed - gives b'')")
MMAP_FIX = ("Give model_path the .tflite file itself, not the folder holding it (error 19, ENODEV: a directory or a "
            "device, not a regular file): os.path.join(folder, 'model.tflite'); a file on a file system that cannot "
            "be memory-mapped can be read into model_content=open(path, 'rb').read() instead")
SHORT_FIX = ("The model file is empty or cut short (fewer bytes than a TFLite header): write the converter's output "
             "again (open(path, 'wb').write(converter.convert())), check its size against the original after a "
             "download or copy, and git lfs pull when it is a Git LFS pointer")
DAMAGED_FIX = ("The .tflite file is damaged or was not written by the TFLite converter (a file cut short, changed by a "
               "text-mode copy or upload, or another tool's flatbuffer): write it again with the converter and "
               "compare its size with the original")
INDEX_FIX = ("Take tensor indices from this model: interpreter.get_input_details()[i]['index'] for resize_tensor_input "
             "and set_tensor (not 0, 1, ... nor another model's indices)")
STRICT_FIX = ("Feed (or resize to) the shape the model was converted with: interpreter.get_input_details()[i]"
              "['shape']; resize_tensor_input(strict=True) may change only the dimensions that are -1 in "
              "'shape_signature'. In a representative_dataset, yield each sample with the model's input shape, batch "
              "axis included (yield [x[None].astype(np.float32)] for one example of shape x.shape == input "
              "shape[1:])")
STRICT_BATCH_FIX = ("The converter fixed the batch dimension to 1 (shape_signature has no -1 there): run one "
                    "example per invoke, or convert again from a function with a None batch "
                    "(tf.TensorSpec([None, ...]) / Keras Input without batch_size) to resize the batch; a "
                    "representative_dataset must yield batches of 1 (x[None]) for such a model")
IMMUTABLE_FIX = ("Resize the inputs before applying the delegate: call resize_tensor_input and allocate_tensors on "
                 "an interpreter created without experimental_delegates (or convert the model with the fixed input "
                 "shape you feed); a delegate (GPU, NNAPI, Edge TPU, Hexagon) freezes the graph once applied")
STATIC_FIX = ("This delegate (GPU, NNAPI, Edge TPU, Hexagon, Core ML) runs only models whose every tensor has a fixed "
              "shape: convert the model with a static input shape (a concrete function with tf.TensorSpec([1, 224, "
              "224, 3]), a Keras Input with batch_size=1) and no resize_tensor_input, or run the dynamic part on the "
              "CPU (no delegate)")
KERNEL_TYPE_FIX = ("This TFLite runtime's kernel for that op has no implementation for the tensor type the model "
                   "gives it: upgrade the runtime (tflite-runtime / ai-edge-litert / tensorflow, "
                   "org.tensorflow:tensorflow-lite) to the converter's release, or convert with types the kernel "
                   "takes (float32 or int8 full-integer quantization rather than int16 / float16 / int64 inputs)")
REPR_FIX = ("Give the converter a representative_dataset with full-integer quantization: def rep(): yield "
            "[x[None].astype(np.float32)] for ~100 real inputs x; converter.representative_dataset = rep (or drop "
            "TFLITE_BUILTINS_INT8 / the int8 inference types to quantize only the weights)")
INFERENCE_TYPE_FIX = ("Integer inference_input_type / inference_output_type need full-integer quantization: set "
                      "converter.optimizations = [tf.lite.Optimize.DEFAULT], converter.representative_dataset and "
                      "target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]; they take tf.float32, "
                      "tf.int8, tf.uint8 (or tf.int16 with 16x8 quantization) only - leave them unset for a float "
                      "or float16 model")
SUPPORTED_TYPES_FIX = ("With target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8] leave "
                       "target_spec.supported_types unset (or {tf.int8}); float16 quantization is "
                       "supported_types = [tf.float16] without TFLITE_BUILTINS_INT8")
DIM_FIX = ("Give the converter inputs whose only unknown dimension is the batch: convert a concrete function with "
           "tf.TensorSpec([None, 224, 224, 3]) (the TF2 converter from_saved_model / from_keras_model takes other "
           "unknown dimensions too), or pass input_shapes={'input': [1, 224, 224, 3]} to the TF1 converter "
           "(from_session / from_frozen_graph)")
REPR_COUNT_FIX = ("Each representative_dataset sample must hold one array per model input, in the model's input "
                  "order (yield [a, b] for two inputs, [x] for one), or a dict keyed by the input names; an image "
                  "batch yielded as a list of images gives one item per image")
REPR_FORM_FIX = ("Yield each representative sample as a list (yield [x]), a dict of input name -> array, or a tuple "
                 "(signature_key, dict) - not the bare array: def rep(): for x in data[:100]: yield "
                 "[x[None].astype(np.float32)]")
QUANT_OP_FIX = ("The quantizer has no integer kernel for that op: keep it in float by allowing both sets "
                "(target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8, tf.lite.OpsSet.TFLITE_BUILTINS]"
                ") or only optimizations = [tf.lite.Optimize.DEFAULT] without the int8-only set, replace the op in "
                "the model, or convert with a newer TensorFlow whose quantizer supports it")
LEGALIZE_FIX = ("The converter has no TFLite op for that TensorFlow op as the model uses it: allow TensorFlow ops "
                "(converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS, tf.lite.OpsSet.SELECT_TF_OPS]"
                ", then run with the Flex delegate), rewrite that part with ops TFLite has, or convert with a newer "
                "TensorFlow")
TENSORLIST_FIX = ("Give the TensorArray / RNN a static element shape (a fixed sequence length and feature size: "
                  "tf.TensorSpec([1, 50, 8]), keras RNN layers with unroll=True or a fixed input_length), or keep "
                  "the TensorList ops as TensorFlow ops: supported_ops = [TFLITE_BUILTINS, SELECT_TF_OPS] and "
                  "converter._experimental_lower_tensor_list_ops = False (the app then needs the Flex delegate)")
CONTROL_FLOW_FIX = ("The graph uses TF1 control flow (Switch / Merge from tf.cond / tf.while_loop in a TF1 graph or an "
                    "old frozen graph), which the converter does not take: export the model again from TF2 "
                    "(tf.function / Keras, then from_saved_model), or call tf.compat.v1.enable_control_flow_v2() "
                    "before building the TF1 graph")
RESOURCE_FIX = ("The model keeps state in resource variables or tables (tf.Variable assigned in the function, "
                "lookup tables, TensorArrays): make them constants (a function that only reads its variables "
                "converts them to constants), or convert with converter.experimental_enable_resource_variables = "
                "True and SELECT_TF_OPS for the table ops and run with the Flex delegate")
CONCRETE_FIX = ("Pass from_concrete_functions a list of ConcreteFunctions, with the model as trackable object: "
                "f = tf.function(model).get_concrete_function(tf.TensorSpec([None, 224, 224, 3], tf.float32)); "
                "tf.lite.TFLiteConverter.from_concrete_functions([f], model) (a Keras model: from_keras_model(model)"
                "; a SavedModel folder: from_saved_model(path))")
SIGNATURE_KEYS_FIX = ("Convert one signature at a time: from_saved_model(path, signature_keys=['serving_default']) "
                      "(saved_model_cli show --dir PATH lists the keys), or one concrete function; the converter of "
                      "this release takes a single one")
NEVER_CALLED_FIX = ("Call (or build) the Keras model once before converting: model(tf.zeros([1, ...])) or "
                    "model.build((None, ...)) for a subclassed model, or convert a concrete function with an "
                    "explicit input signature")
STATS_FIX = ("The TF1 converter quantizing to int8 / uint8 needs each input's (mean, std): "
             "converter.quantized_input_stats = {'input': (127.5, 127.5)} (the mapping of real to quantized values); "
             "with TF2's converter use optimizations + representative_dataset instead")
DELEGATE_STRING_FIX = ("The model's input is a STRING tensor: give set_tensor an array of bytes / str "
                       "(np.array([b'...'], dtype=object) or dtype=np.bytes_), not numbers")
BROADCAST_FIX = ("Feed each input with the shape the model was converted with (get_input_details()[i]['shape']); "
                 "after resize_tensor_input, resize every input that is combined with it the same way")
SIGNATURE_RUNNER_FIX = ("Call the signature runner with one keyword argument per input, named as "
                        "interpreter.get_signature_list()[key]['inputs'] lists them: runner(input_1=x) - "
                        "SignatureRunner.__call__ takes no positional arguments")
OPTION_FIX = ("Create the interpreter with either model_path or model_content (not both), num_threads an int >= 1 "
              "(or None for the default)")


# ------------------------------------------------------------------------------------------------ rows

Row = tuple  # (template, pattern, source, category, meaning | reading, fix, example[, decider])

ROWS: list[Row] = []
QUOTES: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
"""template -> [(file under tensorflow/, pieces that file holds)]: a library's ``strings -n 8``, a Python file's text."""


def _source(files: list[str], where: str) -> str:
    if files[0].startswith(LITERT):
        names = "; ".join(f"ai_edge_litert/{f[len(LITERT):]}" for f in files)
        return f"ai-edge-litert {LITERT_VERSION} {names} (the PyPI wheel)" + (f" ({where})" if where else "")
    names = "; ".join(f"tensorflow/{f}" + (" (strings -n 8)" if ".so" in f else "") for f in files)
    return f"tensorflow {_tf_version()} {names}" + (f" ({where})" if where else "")


def add(template: str, pattern: str, where: str, category: str | None, text: str, fix: str | None, example: str,
        quotes: list[tuple[str, tuple[str, ...]]], decider: str | None = None) -> None:
    """One row (its source named from the files it quotes, ``where`` the function or source file compiled in) and
    the pieces of text it rests on."""
    add_row(ROWS, QUOTES, template, pattern, _source([f for f, _ in quotes], where), category, text, fix, example,
            quotes, decider)


KERNELS = r"(?:tensorflow/(?:contrib/)?)?lite/kernels/"
"""The path a kernel's failed check prints: tensorflow/lite/kernels/ in the tensorflow wheel, /tensorflow/tensorflow/
lite/kernels/ in tflite-runtime wheels, tflite/kernels/ in ai-edge-litert's; the pattern starts where
explain_index_runtimes' kernel rows start, so the one whose numbers decide reads the same message."""
CORE = r"(?:tensorflow/)?lite/core/"

# ---- the interpreter: its life cycle (interpreter.py, interpreter_wrapper.cc, core/subgraph.cc)
add("Invoke called on model that is not ready.",
    lit("Invoke called on model that is not ready") + "|" + lit("Invoke called on model that is not consistent"),
    "Subgraph::Invoke, tensorflow/lite/core/subgraph.cc; 'not consistent' after a failed preparation",
    "wrong_api_or_input_format",
    "the TFLite interpreter was invoked before its tensors were allocated: allocate_tensors() never called, called "
    "before a resize_tensor_input and not again, or failed (an unresolved or Flex op, a delegate or a kernel check "
    "said why just before)", ALLOCATE_FIX,
    "RuntimeError: Invoke called on model that is not ready.",
    [(LIB, ("Invoke called on model that is not ready.", "Invoke called on model that is not consistent."))])
add("Tensor data is null. Run allocate_tensors() first",
    lit("Tensor data is null. Run allocate_tensors() first"),
    "InterpreterWrapper::GetTensor, tensorflow/lite/python/interpreter_wrapper/interpreter_wrapper.cc",
    "wrong_api_or_input_format",
    "get_tensor was called on a tensor that has no buffer yet: allocate_tensors() was not called (or not again after "
    "resize_tensor_input) before reading it", ALLOCATE_FIX,
    "ValueError: Tensor data is null. Run allocate_tensors() first",
    [(LIB, ("Tensor data is null. Run allocate_tensors() first",))])
add("There is at least 1 reference to internal data in the interpreter in the form of a numpy array or slice. Be "
    "sure to only hold the function returned from tensor() if you are using raw data access.",
    r"There is at least 1 reference to internal data\s{0,20}in the interpreter",
    "Interpreter._ensure_safe", "wrong_api_or_input_format",
    "the program holds a numpy array (or a slice of one) that views the interpreter's own buffers, taken with "
    "interpreter.tensor(i)(), while it calls allocate_tensors / invoke / resize_tensor_input, which may move them",
    INTERNAL_DATA_FIX,
    "RuntimeError: There is at least 1 reference to internal data\n      in the interpreter in the form of a numpy "
    "array or slice. Be sure to\n      only hold the function returned from tensor() if you are using raw\n      data "
    "access.",
    [(INTERP_PY, ("raise RuntimeError(\"\"\"There is at least 1 reference to internal data",
                  "only hold the function returned from tensor() if you are using raw"))])
add("`model_path` or `model_content` must be specified.",
    r"['`]?model_path['`]? or ['`]?model_content['`]? must be specified",
    "Interpreter.__init__", "savedmodel_not_found",
    "the interpreter was given no model: model_path was None or empty (an unset variable, argument or environment "
    "variable) and model_content empty bytes (a file of 0 bytes, a failed download)", NO_MODEL_FIX,
    "ValueError: `model_path` or `model_content` must be specified.",
    [(INTERP_PY, ("raise ValueError('`model_path` or `model_content` must be specified.')",))])
add("Can't both provide `model_path` and `model_content` | type of num_threads should be int | num_threads should >= 1",
    r"Can't both provide ['`]?model_path['`]? and ['`]?model_content|type of num_threads should be int|"
    r"num_threads should >= ?1",
    "Interpreter.__init__", "wrong_api_or_input_format",
    "the interpreter's constructor was called with options it refuses: a model path and bytes at once, or a "
    "num_threads that is not a positive int", OPTION_FIX,
    "ValueError: Can't both provide `model_path` and `model_content`",
    [(INTERP_PY, ("raise ValueError('Can\\'t both provide `model_path` and `model_content`')",
                  "raise ValueError('type of num_threads should be int')",
                  "raise ValueError('num_threads should >= 1')"))])
add("Mmap of '{fd}' at offset '{offset}' failed with error '{errno}'.",
    r"Mmap of '\d{1,9}' at offset '\d{1,15}' failed with error '(?P<errno>\d{1,4})'",
    "MMAPAllocation, tensorflow/lite/mmap_allocation.cc", "savedmodel_not_found",
    "the TFLite interpreter could not memory-map the model file: model_path names a directory (error 19, ENODEV) or "
    "a file that cannot be mapped (a pipe, a special or network file system)", MMAP_FIX,
    "ValueError: Mmap of '9' at offset '0' failed with error '19'.",
    [(LIB, ("Mmap of '%d' at offset '%d' failed with error '%d'.",))])
add("The model allocation is null/empty",
    lit("The model allocation is null/empty"),
    "FlatBufferModel::VerifyAndBuildFromAllocation, tensorflow/lite/core/model_builder.cc; ai-edge-litert appends it "
    "to the open / mmap failure", "savedmodel_not_found",
    "the model file could not be read into memory (a path that does not exist, a directory, a file that cannot be "
    "mapped), so no model bytes were there to build an interpreter from", NO_MODEL_FIX,
    "ValueError: Could not open '/models/model.tflite'.The model allocation is null/empty",
    [(LIB, ("The model allocation is null/empty",))])
add("Model provided must have at least 7 bytes to hold identifier.",
    lit("Model provided must have at least 7 bytes to hold identifier"),
    "the flatbuffer identifier check of the model builder", "savedmodel_not_found",
    "the bytes given as a TFLite model are fewer than a flatbuffer header: an empty or cut-short file, an empty "
    "download", SHORT_FIX,
    "ValueError: Model provided must have at least 7 bytes to hold identifier.",
    [(LIB, ("Model provided must have at least 7 bytes to hold identifier.",))])
add("Tensor {i} is invalidly specified in schema. | Tensor {i} specifies out of range buffer {b} (only {n} buffers).",
    r"Tensor \d{1,9} (?:is invalidly specified in schema|specifies out of range buffer \d{1,9} \(only \d{1,9} "
    r"buffers\))",
    "InterpreterBuilder::ParseTensors, tensorflow/lite/core/interpreter_builder.cc", "savedmodel_not_found",
    "the TFLite model's tensor table does not hold together (a tensor with no valid type or shape, or pointing at a "
    "buffer the file does not have): the file is damaged, cut short, or was not written by the TFLite converter",
    DAMAGED_FIX,
    "ERROR: Tensor 12 specifies out of range buffer 40 (only 13 buffers).\nValueError: Failed to construct interpreter",
    [(LIB, ("Tensor %d is invalidly specified in schema.", "Tensor %d specifies out of range buffer %d (only %d "
            "buffers)."))])
add("Registration failed. | Failed to construct interpreter",
    r"\bRegistration failed\.|Failed to construct interpreter",
    "InterpreterBuilder, tensorflow/lite/core/interpreter_builder.cc; InterpreterWrapper::CreateInterpreterWrapper",
    None, WRAPPER + ": an op the runtime does not have (Didn't find op for builtin opcode, Op builtin_code out of "
    "range, an unresolved custom op) or a model it cannot read", None,
    "ValueError: Failed to construct interpreter",
    [(LIB, ("Registration failed.", "Failed to construct interpreter"))])

# ---- tensor indices and shapes (core/subgraph.cc, the calibrator, the wrapper)
add("tensorflow/lite/core/subgraph.cc:{line} tensor_index < context_.tensors_size && tensor_index >= 0 was not true.",
    CORE + r"subgraph\.cc:\d{1,5} tensor_index ?< ?context_\.tensors_size ?&& ?tensor_index ?>= ?0 was not true",
    "Subgraph::ResizeInputTensor / SetTensorParameters, tensorflow/lite/core/subgraph.cc (TF_LITE_ENSURE)",
    "input_keys_mismatch",
    "resize_tensor_input (or another call taking a tensor index) was given an index the model has no tensor for: a "
    "position (0, 1 ...) or another model's index where this model's input index belongs", INDEX_FIX,
    "RuntimeError: tensorflow/lite/core/subgraph.cc:1226 tensor_index < context_.tensors_size && tensor_index >= 0 "
    "was not true.",
    [(LIB, ("%s:%d %s was not true.", "tensor_index < context_.tensors_size && tensor_index >= 0"))])
add("Attempting to resize dimension 0 of tensor {t} with value 1 to {n}. ResizeInputTensorStrict only allows mutating "
    "unknown dimensions identified by -1.",
    r"Attempting to resize dimension 0 of tensor \d{1,9} with value 1 to (?P<got>\d{1,9})",
    "Subgraph::ResizeInputTensorStrict, tensorflow/lite/core/subgraph.cc; the calibrator resizes each input to the "
    "representative sample's shape", "fixed_batch_size_in_graph",
    "a batch of several examples was given (resize_tensor_input(strict=True), or a representative_dataset sample) to "
    "a TFLite input whose batch dimension the converter fixed to 1", STRICT_BATCH_FIX,
    "RuntimeError: Attempting to resize dimension 0 of tensor 0 with value 1 to 32. ResizeInputTensorStrict only "
    "allows mutating unknown dimensions identified by -1.",
    [(LIB, ("Attempting to resize dimension %d of tensor %d with value %d to %d. ResizeInputTensorStrict only allows "
            "mutating unknown dimensions identified by -1.",))])
add("Attempting to resize dimension {d} of tensor {t} with value {v} to {n}. ResizeInputTensorStrict only allows "
    "mutating unknown dimensions identified by -1.",
    r"Attempting to resize dimension (?P<dim>\d{1,3}) of tensor \d{1,9} with value (?P<want>\d{1,9}) to "
    r"(?P<got>\d{1,9})",
    "Subgraph::ResizeInputTensorStrict, tensorflow/lite/core/subgraph.cc; the calibrator (representative_dataset) "
    "resizes each input to its sample's shape", "input_shape_mismatch",
    "an input was given a shape whose size in one fixed dimension differs from the model's: "
    "resize_tensor_input(strict=True), or a representative_dataset sample of another shape than the model's input",
    STRICT_FIX,
    "RuntimeError: Attempting to resize dimension 1 of tensor 0 with value 4 to 5. ResizeInputTensorStrict only "
    "allows mutating unknown dimensions identified by -1.",
    [(LIB, ("ResizeInputTensorStrict only allows mutating unknown dimensions identified by -1.",))])
add("Invalid input shapes: expected {n} items got {m} items. | Invalid input size: expected {n} items got {m} items.",
    r"Invalid input (?:shapes|size): expected (?P<want>\d{1,4}) items got (?P<got>\d{1,4}) items",
    "the calibration wrapper's Prepare / FeedTensor (tensorflow/lite/python/optimize/calibration_wrapper.cc), fed by "
    "the representative_dataset", "input_keys_mismatch",
    "a representative_dataset sample holds another number of arrays than the model has inputs (two arrays for a "
    "model of one input, a batch yielded as a list of examples)", REPR_COUNT_FIX,
    "ValueError: Invalid input shapes: expected 1 items got 2 items.",
    [(LIB, ("Invalid input shapes: expected %ld items got %ld items.", "Invalid input size: expected %ld items got "
            "%ld items."))])
add("ResizeInputTensor is disallowed when graph is immutable.",
    lit("ResizeInputTensor is disallowed when graph is immutable"),
    "Subgraph::ResizeInputTensor, tensorflow/lite/core/subgraph.cc", "input_shape_mismatch",
    "an input was resized after a delegate (GPU, NNAPI, Edge TPU, Hexagon) took over the graph, which freezes its "
    "shapes: the input fed has another shape than the model was prepared with", IMMUTABLE_FIX,
    "RuntimeError: ResizeInputTensor is disallowed when graph is immutable.",
    [(LIB, ("ResizeInputTensor is disallowed when graph is immutable.",))])
add("Given shapes, {a} and {b}, are not broadcastable.",
    r"Given shapes, (?P<a_shape>\[[\d,\s]{0,80}\]) and (?P<b_shape>\[[\d,\s]{0,80}\]), are not broadcastable",
    "CalculateShapeForBroadcast, tensorflow/lite/kernels/kernel_util.cc", "input_shape_mismatch",
    "a TFLite elementwise op (Add, Mul, Sub ...) got two tensors whose shapes do not broadcast: an input fed or "
    "resized to a shape the rest of the model was not converted for", BROADCAST_FIX,
    "ERROR: Given shapes, [1,32,32,16] and [1,28,28,16], are not broadcastable.\nERROR: Node number 7 (ADD) failed "
    "to prepare.",
    [(LIB, ("Given shapes, %s and %s, are not broadcastable.",))])
add("Cannot use numpy array of type {n} for string tensor.",
    r"Cannot use numpy array of type \d{1,3} for string tensor",
    "InterpreterWrapper::SetTensor (string inputs), tensorflow/lite/python/interpreter_wrapper/"
    "interpreter_wrapper.cc", "dtype_mismatch",
    "a TFLite input of type STRING was given a numeric numpy array", DELEGATE_STRING_FIX,
    "ValueError: Cannot use numpy array of type 11 for string tensor.",
    [(LIB, ("Cannot use numpy array of type %d for string tensor.",))])

DELEGATE_LIBS = (r"(?:lib(?:edgetpu|tensorflowlite_gpu_delegate|tensorflowlite_gpu_gl|hexagon_interface|"
                 r"vx_delegate|armnnDelegate|tensorflowlite_flex|qnn_delegate)[\w.-]{0,30}|edgetpu\.dll)")
add("{library}: cannot open shared object file: No such file or directory | Could not find module '{edgetpu.dll}'",
    r"(?P<library>" + DELEGATE_LIBS + r"): cannot open shared object file|Could not find module '[^'\n]{0,200}"
    r"edgetpu\.dll'",
    "load_delegate -> Delegate.__init__: ctypes.pydll.LoadLibrary(library) raises the loader's OSError as it is "
    "(TF wraps only a ValueError into 'Failed to load delegate from')", "runtime_version_mismatch",
    "the TFLite delegate's shared library (libedgetpu for a Coral Edge TPU, a GPU / Hexagon / VX / Arm NN delegate) "
    "is not installed where the program runs, so load_delegate cannot load it",
    "Install the delegate's runtime on this machine (Coral: apt-get install libedgetpu1-std, or the Edge TPU "
    "runtime's install.sh / edgetpu.dll on Windows, matching the tflite_runtime release), or give load_delegate the "
    "library's full path; without the delegate, an Edge TPU-compiled model fails on 'edgetpu-custom-op'",
    "OSError: libedgetpu.so.1: cannot open shared object file: No such file or directory",
    [(INTERP_PY, ("self._library = ctypes.pydll.LoadLibrary(library)",
                  "raise ValueError('Failed to load delegate from {}\\n{}'.format("))])

# ---- the signature runner called as a function (interpreter.py: SignatureRunner.__call__(self, **kwargs))
add("SignatureRunner.__call__() takes 1 positional argument but {n} were given",
    r"SignatureRunner\.__call__\(\) takes 1 positional argument but \d{1,3} were given",
    "SignatureRunner.__call__(self, **kwargs): Python's own TypeError for positional arguments",
    "input_keys_mismatch",
    "a TFLite signature runner was called with the input array as a positional argument: it takes keyword "
    "arguments named after the signature's inputs only", SIGNATURE_RUNNER_FIX,
    "TypeError: SignatureRunner.__call__() takes 1 positional argument but 2 were given",
    [(INTERP_PY, ("class SignatureRunner:", "def __call__(self, **kwargs):"))])

# ---- ops, delegates, kernels at prepare / invoke
add("Node number {n} (Flex{op}) failed to {prepare|invoke}.",
    r"Node number \d{1,6} \((?P<op>Flex\w{1,80})\) failed to (?:prepare|invoke)",
    "Subgraph::PrepareOpsStartingAt / OpInvoke, tensorflow/lite/core/subgraph.cc ('Node number %d (%s) %s.'): a "
    "node whose op name starts with Flex is a TensorFlow op kept by SELECT_TF_OPS", "runtime_version_mismatch",
    "a TFLite model converted with SELECT_TF_OPS holds TensorFlow (Flex) ops, and the interpreter running it has "
    "no Flex delegate (tflite_runtime / ai-edge-litert, TF's own interpreter of TF 2.20+, an Android app without "
    "tensorflow-lite-select-tf-ops)", TFLITE_FLEX_FIX,
    "ERROR: Node number 3 (FlexErf) failed to prepare.",
    [(LIB, ("Node number %d (%s) %s.", "failed to prepare", "failed to invoke"))])
add("Node number {n} ({op}) failed to {prepare|invoke}.",
    r"Node number \d{1,6} \([^)\n]{1,80}\) failed to (?:prepare|invoke)",
    "Subgraph::PrepareOpsStartingAt / OpInvoke, tensorflow/lite/core/subgraph.cc ('Node number %d (%s) %s.')",
    None, WRAPPER + " (a kernel's check with its file and line, an unresolved custom op, a delegate)", None,
    "RuntimeError: tensorflow/lite/kernels/conv.cc:345 input->dims->size != 4 (3 != 4)Node number 0 (CONV_2D) failed "
    "to prepare.",
    [(LIB, ("Node number %d (%s) %s.", "failed to prepare", "failed to invoke"))])
add("Encountered an unresolved custom op. Did you miss a custom op or delegate?",
    lit("Encountered an unresolved custom op. Did you miss a custom op or delegate"),
    "the unresolved custom op's kernel, tensorflow/lite/core/interpreter_builder.cc", "runtime_version_mismatch",
    "the TFLite model has a custom op (or a TensorFlow op kept as a custom op, or an Edge TPU op) that the "
    "interpreter has no kernel or delegate for", TFLITE_CUSTOM_FIX,
    "RuntimeError: Encountered an unresolved custom op. Did you miss a custom op or delegate?Node number 0 "
    "(MatrixDeterminant) failed to invoke.",
    [(LIB, ("Encountered an unresolved custom op. Did you miss a custom op or delegate?",))])
add("Attempting to use a delegate that only supports static-sized tensors with a graph that has dynamic-sized tensors "
    "(tensor#{n} is a dynamic-sized tensor).",
    lit("Attempting to use a delegate that only supports static-sized tensors with a graph that has dynamic-sized "
        "tensors"),
    "Subgraph::ModifyGraphWithDelegate, tensorflow/lite/core/subgraph.cc", "runtime_version_mismatch",
    "a delegate that runs fixed shapes only (GPU, NNAPI, Edge TPU, Hexagon, Core ML) was given a model with tensors "
    "whose shape is known only at run time (a None dimension kept by the converter, ops whose output size depends "
    "on the data), or one resized before the delegate was applied", STATIC_FIX,
    "java.lang.IllegalArgumentException: Internal error: Failed to apply delegate: Attempting to use a delegate that "
    "only supports static-sized tensors with a graph that has dynamic-sized tensors (tensor#94 is a dynamic-sized "
    "tensor).",
    [(LIB, ("Attempting to use a delegate that only supports static-sized tensors with a graph that has "
            "dynamic-sized tensors (tensor#%d is a dynamic-sized tensor).",))])
add("Failed to apply the default TensorFlow Lite delegate indexed at {i}. | Failed to apply delegates. | Restored "
    "original execution plan after delegate application failure.",
    r"Failed to apply the default TensorFlow Lite delegate indexed at \d{1,3}|\bFailed to apply delegates\.|"
    r"Restored original execution plan after delegate application failure",
    "Interpreter::ApplyLazyDelegateProviders / ModifyGraphWithDelegate, tensorflow/lite/core/interpreter.cc", None,
    WRAPPER + ": the default delegate (XNNPACK) or a delegate given to the interpreter could not take the graph "
    "(a kernel's check or an unsupported op printed before); TFLite then runs the model on its own kernels", None,
    "RuntimeError: /tensorflow/tensorflow/lite/kernels/conv.cc:344 input->dims->size != 4 (2 != 4)Node number 0 "
    "(CONV_2D) failed to prepare.Failed to apply the default TensorFlow Lite delegate indexed at 0.",
    [(LIB, ("Failed to apply the default TensorFlow Lite delegate indexed at %zu.", "Failed to apply delegates.",
            "Restored original execution plan after delegate application failure."))])
add("{file}:{line} Type {type} is unsupported by op {op}. | {file}:{line} unsupported kernel data type (TfliteType: "
    "{n} a.k.a {type}).",
    KERNELS + r"(?P<kernel>\w{1,60})\.cc:\d{1,5} (?:Type (?P<dtype>\w{1,20}) is unsupported by op (?P<op>[\w-]{1,60})"
    r"|unsupported kernel data type \(TfliteType: \d{1,3} a\.k\.a (?P<dtype2>\w{1,20})\))",
    "TF_LITE_UNSUPPORTED_TYPE and the kernels' type switches, tensorflow/lite/kernels/", "runtime_version_mismatch",
    "a TFLite kernel has no implementation for the tensor type the model gives it (an int16 / int64 / float16 / bool "
    "tensor to an op this runtime implements for float32 and int8 only): the model was converted with types (or by "
    "a release) this runtime does not run", KERNEL_TYPE_FIX,
    "RuntimeError: tensorflow/lite/kernels/gather.cc:167 Type INT16 is unsupported by op Gather.Node number 4 "
    "(GATHER) failed to prepare.",
    [(LIB, ("%s:%d Type %s is unsupported by op %s.", "%s:%d unsupported kernel data type (TfliteType: %d a.k.a "
            "%s)."))])
add("Type '{type}' is not supported by {op}.",
    r"Type '(?P<dtype>\w{1,20})' is not supported by (?P<op>[a-z_]{2,40})\.",
    "the kernels' type checks (pack, unpack, gather, tile, round, floor_div, floor_mod, reverse, bucketize ...), "
    "tensorflow/lite/kernels/", "runtime_version_mismatch",
    "a TFLite kernel has no implementation for the tensor type the model gives it", KERNEL_TYPE_FIX,
    "ERROR: Type 'INT16' is not supported by pack.\nERROR: Node number 12 (PACK) failed to invoke.",
    [(LIB, ("Type '%s' is not supported by pack.", "Type '%s' is not supported by gather.",
            "Type '%s' is not supported by tile."))])
add("{file}:{line} {x}->dims->size != {n} ({got} != {n})",
    KERNELS + r"(?P<kernel>\w{1,60})\.cc:\d{1,5} (?:NumDimensions\(\w{1,40}\)|\w{1,40}->dims->size) != \d{1,2} "
    r"\((?P<got_rank>\d{1,2}) != (?P<want_rank>\d{1,2})\)",
    "TF_LITE_ENSURE_EQ(context, NumDimensions(input), N) in the kernels' Prepare, tensorflow/lite/kernels/",
    "input_shape_mismatch",
    "a TFLite kernel got a tensor of another rank than it takes: fed through a signature runner or after "
    "resize_tensor_input, which take the array's own shape (set_tensor refuses another rank before this) - one "
    "example without its batch axis gives one dimension less",
    "Feed the input with the rank the model was converted with (interpreter.get_input_details()[i]['shape']): add "
    "the batch axis for one example (np.expand_dims(x, 0)); resize_tensor_input only to a shape of that rank",
    "RuntimeError: tensorflow/lite/kernels/conv.cc:345 input->dims->size != 4 (3 != 4)Node number 0 (CONV_2D) failed "
    "to prepare.",
    [(LIB, ("%s:%d %s != %s (%d != %d)",))], "ndims")

add("gather index out of bounds | gather_nd index out of bounds | scatter_nd index out of bounds | Embedding Lookup: "
    "index out of bounds. Got {i}, and bounds are [0, {n}]",
    r"(?:(?<=gather )|(?<=gather_nd )|(?<=scatter_nd )|(?<=Embedding Lookup: )|(?<=Embedding Lookup Sparse: ))index out "
    r"of bounds(?:\. Got (?P<index>-?\d{1,12}), and bounds are \[0, (?P<bound>\d{1,12})\])?",
    "the Gather / GatherNd / ScatterNd / EmbeddingLookup kernels' Eval, tensorflow/lite/kernels/ (the pattern starts "
    "where TensorFlow's 'Index out of bounds' family entry starts, so this reading leads it)", "input_shape_mismatch",
    "a TFLite Gather (an Embedding layer's lookup) got an index outside its table: the model was fed token ids of "
    "another vocabulary (a tokenizer other than the model's, ids past its vocabulary size, -1 or an out-of-vocabulary "
    "id), or values that are not ids at all (floats, pixel values) on an input that takes indices",
    "Feed the ids the model was trained with: tokenize with the model's own tokenizer / vocabulary (its vocabulary "
    "size is the table's first dimension: every id must be in [0, size)), map unknown words to its OOV id, and pad "
    "with its padding id; an input that takes ids must not get raw floats or pixels",
    "RuntimeError: gather index out of boundsNode number 2 (GATHER) failed to invoke.",
    [(LIB, ("gather index out of bounds", "gather_nd index out of bounds", "scatter_nd index out of bounds",
            "Embedding Lookup: index out of bounds. Got %d, and bounds are [0, %d]"))])

# ---- the converter: Python checks (lite.py, optimize/calibrator.py)
add("For full integer quantization, a `representative_dataset` must be specified.",
    r"For full integer quantization, a ['`]?representative_dataset['`]? must be specified",
    "QuantizationMode, lite.py", None,
    "the TFLite converter was asked for full-integer quantization (TFLITE_BUILTINS_INT8, or int8 / uint8 inference "
    "types) without a representative_dataset to calibrate the activations' ranges: the converter's settings, not a "
    "serving API or runtime (no category: provokers labelled it so 3 of 4)", REPR_FIX,
    "ValueError: For full integer quantization, a `representative_dataset` must be specified.",
    [(LITE_PY, ("\"For full integer quantization, a \"", "\"`representative_dataset` must be specified.\""))])
add("The inference_input_type and inference_output_type must be tf.float32. | ... must be in {types}.",
    r"The inference_input_type and inference_output_type must be (?:tf\.float32|in \[)",
    "TFLiteConverterBase._validate_inference_input_output_types, lite.py", "wrong_api_or_input_format",
    "the TFLite converter was given an integer (or float16) inference_input_type / inference_output_type for a "
    "model it does not quantize to integers, or a type it does not take", INFERENCE_TYPE_FIX,
    "ValueError: The inference_input_type and inference_output_type must be tf.float32.",
    [(LITE_PY, ("\"The inference_input_type and inference_output_type \"", "\"must be tf.float32.\"",
                "\"must be in {}.\".format(all_types_names)"))])
add("As full integer quantization has been enabled by setting `target_spec.supported_ops`="
    "{tf.lite.OpsSet.TFLITE_BUILTINS_INT8}, thus `target_spec.supported_types` should be left uninitizalized or set "
    "to {tf.int8}.",
    r"thus ['`]?target_spec\.supported_types['`]? should be left uninitizalized",
    "QuantizationMode, lite.py", "wrong_api_or_input_format",
    "the TFLite converter was given TFLITE_BUILTINS_INT8 (full-integer) with other supported_types (float16)",
    SUPPORTED_TYPES_FIX,
    "ValueError: As full integer quantization has been enabled by setting `target_spec.supported_ops`="
    "{tf.lite.OpsSet.TFLITE_BUILTINS_INT8}, thus `target_spec.supported_types` should be left uninitizalized or set "
    "to {tf.int8}.",
    [(LITE_PY, ("thus `target_spec.supported_types` should be left uninitizalized \"",))])
add("None is only supported in the 1st dimension. Tensor '{name}' has invalid shape '{shape}'. | Provide an input "
    "shape for input array '{name}'.",
    r"None is only supported in the 1st dimension\. ?Tensor '(?P<input>[^'\n]{1,200})' has invalid shape|"
    r"Provide an input shape for input array '(?P<input2>[^'\n]{1,200})'",
    "TFLiteConverterBase._validate_inputs / TFLiteConverterBaseV1, lite.py", "input_shape_mismatch",
    "the TFLite converter (the TF1 converter, or one that does not take unknown shapes) got an input with an unknown "
    "dimension other than the batch, or no shape at all", DIM_FIX,
    "ValueError: None is only supported in the 1st dimension. Tensor 'input_1' has invalid shape '[None, None, None, "
    "3]'.",
    [(LITE_PY, ("\"None is only supported in the 1st dimension. Tensor '{0}' has \"",
                "\"Provide an input shape for input array '{0}'.\""))])
add("You need to provide either a dictionary with input names and values, a tuple with signature key and a dictionary "
    "with input names and values, or an array with input values in the order of input tensors of the graph in the "
    "representative_dataset function. Unsupported value from dataset: {value}.",
    r"You need to provide either a dictionary with input names and values, a tuple with signature key",
    "Calibrator._feed_tensors, optimize/calibrator.py", "wrong_api_or_input_format",
    "the representative_dataset generator yielded a bare array (or another type) where the calibrator takes a list "
    "of arrays, a dict of input name -> array, or (signature key, dict)", REPR_FORM_FIX,
    "ValueError: You need to provide either a dictionary with input names and values, a tuple with signature key and "
    "a dictionary with input names and values, or an array with input values in the order of input tensors of the "
    "graph in the representative_dataset function. Unsupported value from dataset: [[0. 0. 0. 0.]].",
    [(CALIB_PY, ("\"You need to provide either a dictionary with input \"", "\"names and values, a tuple with "
                 "signature key and a \""))])
add("Quantization not yet supported for op: '{op}'. | Quantization to 16x8-bit not yet supported for op: '{op}'.",
    r"Quantization (?:to 16x8-bit )?not yet supported for op: ?'(?P<op>[\w-]{1,60})'",
    "the post-training quantizer (tensorflow/lite/tools/optimize/quantize_model.cc), run by convert() with a "
    "representative_dataset", None,
    "the TFLite quantizer has no integer (or 16x8) kernel for an op of the model, and the converter was told to "
    "quantize every op (TFLITE_BUILTINS_INT8 only, or the 16x8 ops set)" + CONVERTER_NOT_RUNTIME, QUANT_OP_FIX,
    "RuntimeError: Quantization to 16x8-bit not yet supported for op: 'SIN'.",
    [(LIB, ("Quantization not yet supported for op: '%s'.", "Quantization to 16x8-bit not yet supported for op: "
            "'%s'."))])
add("The `quantized_input_stats` flag must be defined when either `inference_type` flag or `inference_input_type` "
    "flag is set to tf.int8 or tf.uint8.",
    r"The ['`]?quantized_input_stats['`]? flag must be defined when either",
    "TFLiteConverterBaseV1 (lite.py) and convert.py", "wrong_api_or_input_format",
    "the TF1 converter was asked for an int8 / uint8 model (inference_type or inference_input_type) without the "
    "inputs' quantization statistics", STATS_FIX,
    "ValueError: The `quantized_input_stats` flag must be defined when either `inference_type` flag or "
    "`inference_input_type` flag is set to tf.int8 or tf.uint8. Currently, `inference_type=tf.uint8` and "
    "`inference_input_type=None`.",
    [(LITE_PY, ("\"The `quantized_input_stats` flag must be defined when either \"",))])
add("This function takes in a list of ConcreteFunction. | No ConcreteFunction is specified.",
    r"This function takes in a list of ConcreteFunction|No ConcreteFunction is specified",
    "TFLiteConverterV2.from_concrete_functions, lite.py", "wrong_api_or_input_format",
    "TFLiteConverter.from_concrete_functions was given something else than a list of ConcreteFunctions (a Keras "
    "model, a tf.function not traced, a single function not in a list)", CONCRETE_FIX,
    "ValueError: This function takes in a list of ConcreteFunction.",
    [(LITE_PY, ("\"This function takes in a list of ConcreteFunction.\"", "raise ValueError(\"No ConcreteFunction "
                "is specified.\")"))])
add("Only support a single signature key. | This converter can only convert a single ConcreteFunction. Converting "
    "multiple functions is under development.",
    r"Only supports? a single signature key|This converter can only convert a single ConcreteFunction",
    "TFLiteConverterV2.from_saved_model / TFLiteFrozenGraphConverterV2, lite.py", "signature_not_found",
    "the TFLite converter was given several signatures (or functions) where this path converts one", SIGNATURE_KEYS_FIX,
    "ValueError: Only support a single signature key.",
    [(LITE_PY, ("raise ValueError(\"Only support a single signature key.\")", "\"This converter can only convert a "
                "single \""))])
add("The model provided has never been called. It must be called at least once before export.",
    lit("The model provided has never been called. It must be called at least once before export"),
    "TFLiteKerasModelConverterV2, lite.py", "wrong_api_or_input_format",
    "TFLiteConverter.from_keras_model got a (subclassed) Keras model that was never called, so it has no input "
    "shapes to convert", NEVER_CALLED_FIX,
    "ValueError: The model provided has never been called. It must be called at least once before export.",
    [(LITE_PY, ("\"The model provided has never been called. \"",))])

# ---- the converter: MLIR (libtensorflow_cc, libtensorflow_framework)
add("Could not translate MLIR to FlatBuffer. | failed while converting: '{function}'",
    r"Could not translate MLIR to FlatBuffer|\bfailed while converting: '",
    "ConvertTFExecutorToTFLOrFlatbuffer, tensorflow/compiler/mlir/lite/", None,
    WRAPPER + " (the converter's errors follow it: ops neither builtin nor flex, the TF Select / custom ops lists, "
    "an error code)", None,
    "ConverterError: Could not translate MLIR to FlatBuffer.<unknown>:0: error: failed while converting: 'main':",
    [(CC, ("Could not translate MLIR to FlatBuffer.", "failed while converting: '"))])
add("Error code: ERROR_NEEDS_FLEX_OPS",
    r"Error code: ?ERROR_NEEDS_FLEX_OPS",
    "converter_error_data.proto's ErrorCode, attached to each op the converter could not lower",
    None,
    "the TFLite converter met a TensorFlow op that has no TFLite builtin but runs as a TensorFlow (Select) op, and "
    "SELECT_TF_OPS was not allowed" + CONVERTER_NOT_RUNTIME, TFLITE_SELECT_FIX,
    "note: Error code: ERROR_NEEDS_FLEX_OPS",
    [(CC, ("ERROR_NEEDS_FLEX_OPS", "Error code: "))])
add("Error code: ERROR_NEEDS_CUSTOM_OPS",
    r"Error code: ?ERROR_NEEDS_CUSTOM_OPS",
    "converter_error_data.proto's ErrorCode, attached to each op the converter could not lower",
    None,
    "the TFLite converter met an op that neither TFLite builtins nor TensorFlow (Select) ops have: a custom op "
    "(tensorflow_text's, a string op), which needs allow_custom_ops and a kernel registered in the app"
    + CONVERTER_NOT_RUNTIME,
    TFLITE_CUSTOM_FIX,
    "note: Error code: ERROR_NEEDS_CUSTOM_OPS",
    [(CC, ("ERROR_NEEDS_CUSTOM_OPS", "Error code: "))])
add("Error code: ERROR_UNSUPPORTED_CONTROL_FLOW_V1 | ... uses control flow v1",
    r"ERROR_UNSUPPORTED_CONTROL_FLOW_V1|uses control flow v1\b",
    "converter_error_data.proto's ErrorCode; the functionalize-control-flow pass", None,
    "the TFLite converter got a TF1 graph with Switch / Merge control flow (tf.cond / tf.while_loop of TF1, an old "
    "frozen graph), which it cannot turn into TFLite's If / While" + CONVERTER_NOT_RUNTIME, CONTROL_FLOW_FIX,
    "note: Error code: ERROR_UNSUPPORTED_CONTROL_FLOW_V1",
    [(CC, ("ERROR_UNSUPPORTED_CONTROL_FLOW_V1", "uses control flow v1 "))])
add("failed to legalize operation '{op}'[ that was explicitly marked illegal]",
    r"failed to legalize operation '(?:tf\.|tfl\.|mhlo\.|stablehlo\.)?(?P<op>[\w.]{1,120})'",
    "MLIR's dialect conversion (mlir/lib/Transforms/Utils/DialectConversion.cpp), in the TFLite converter's legalize "
    "passes", None,
    "the TFLite converter could not turn a TensorFlow op into a TFLite one in this mode (no builtin for it as the "
    "model uses it, a dtype or shape the lowering does not take, or SELECT_TF_OPS not allowed)" + CONVERTER_NOT_RUNTIME,
    LEGALIZE_FIX,
    "error: 'tf.Identity' op: failed to legalize operation 'tf.Identity' that was explicitly marked illegal",
    [(FW, ("failed to legalize operation '", "' that was explicitly marked illegal"))])
add("requires element_shape to be static during TF Lite transformation pass",
    lit("requires element_shape to be static during TF Lite transformation pass"),
    "the TensorList lowering pass, tensorflow/compiler/mlir/lite/transforms/lower_static_tensor_list.cc",
    None,
    "the TFLite converter could not lower a TensorList (a tf.TensorArray, an RNN / LSTM loop) because its element "
    "shape is not fixed (a dynamic sequence length or feature size)" + CONVERTER_NOT_RUNTIME, TENSORLIST_FIX,
    "error: 'tf.TensorListReserve' op requires element_shape to be static during TF Lite transformation pass",
    [(CC, ("requires element_shape to be static during TF Lite transformation pass",))])
add("Graph contains the following resource op(s), that use(s) resource type. Currently, the resource type is not "
    "natively supported in TFLite. | ... the variant type is not natively supported in TFLite.",
    r"Currently, the (?:resource|variant) type is not natively supported in TFLite",
    "the converter's resource and variant checks, tensorflow/compiler/mlir/lite/", None,
    "the model keeps state in resource tensors (variables assigned in the function, lookup tables) or variant "
    "tensors (TensorLists, datasets), which TFLite's builtins do not hold: the converter warns, and conversion or "
    "the runtime fails unless those ops run as TensorFlow (Flex) ops" + CONVERTER_NOT_RUNTIME, RESOURCE_FIX,
    "W0000 tf_tfl_flatbuffer_helpers.cc] Graph contains the following resource op(s), that use(s) resource type. "
    "Currently, the resource type is not natively supported in TFLite. Please consider not using the resource type "
    "if there are issues with either TFLite converter or TFLite runtime.",
    [(CC, ("Graph contains the following resource op(s), that use(s) resource type. Currently, the resource type is "
           "not natively supported in TFLite.", "Currently, the variant type is not natively supported in TFLite."))])


# ---- LiteRT's CompiledModel API (ai-edge-litert 2.x: ai_edge_litert.compiled_model / tensor_buffer), whose messages
# are compiled into the wheel's libpywrap_litert_common.so and raised in its Python; checked in the wheel when it is
# on this machine (LITERT_WHEELS), like the git mirrors of other modules
LITERT_FILE_FIX = ("CompiledModel.from_file could not build the model: the ERROR lines before it say why - 'Could not "
                   "open' (no file at that path: give the .tflite file's absolute path), 'Mmap ... error 19' (a "
                   "folder given), 'model identifier' / 'not a valid Flatbuffer' (not a .tflite: a SavedModel, .h5 or "
                   "a cut-short download; write the converter's output again)")
LITERT_WRITE_FIX = ("Write each input buffer with an array of exactly the input's shape and dtype "
                    "(compiled_model.get_input_tensor_details(signature_key) lists them): batch axis included, the "
                    "image size the model was converted with; for another shape call resize_input_tensor first and "
                    "create the buffers again")
add("Failed to load model from file | Failed to build flatbuffer model",
    r"Failed to load model from file|Failed to build flatbuffer model",
    "CompiledModel.from_file / from_buffer (compiled_model_wrapper.cc)", "savedmodel_not_found",
    "LiteRT's CompiledModel could not read the model file as a TFLite model: a path with no file, a folder, another "
    "file format or a file cut short (the ERROR lines LiteRT logs before it say which)", LITERT_FILE_FIX,
    "ERROR: Could not open '/models/model.tflite'.\nERROR: The model allocation is null/empty\nRuntimeError: Failed to "
    "load model from file\n└ Failed to build flatbuffer model",
    [(LITERT + LITERT_LIB, ("Failed to load model from file", "Failed to build flatbuffer model"))])
add("WriteTensorBuffer: source buffer is larger than the tensor buffer | WriteTensorBuffer: buffer size is not aligned "
    "with dtype size",
    r"WriteTensorBuffer: ?(?:source buffer is larger than the tensor buffer|buffer size is not aligned with dtype "
    r"size)",
    "TensorBuffer.write (tensor_buffer_wrapper.cc)", "input_shape_mismatch",
    "a LiteRT input buffer was written with more values than the tensor holds (another image size or channel count, "
    "a batch of several on a batch-1 input), or a byte count that is no whole number of its values",
    LITERT_WRITE_FIX,
    "RuntimeError: WriteTensorBuffer: source buffer is larger than the tensor buffer",
    [(LITERT + LITERT_LIB, ("WriteTensorBuffer: source buffer is larger than the tensor buffer",
                            "WriteTensorBuffer: buffer size is not aligned with dtype size"))])
add("Unsupported dtype: {dtype} | WriteTensorBuffer: unsupported dtype '{dtype}'",
    r"(?:Unsupported dtype: |WriteTensorBuffer: unsupported dtype ')(?P<got_dtype>(?:float|u?int|complex)\d{1,3}|"
    r"object|bool|<U\d{1,6}|str)\b",
    "TensorBuffer._normalize_dtype (tensor_buffer.py); TensorBuffer.write", "dtype_mismatch",
    "a LiteRT TensorBuffer was written with a numpy array of a dtype it does not take (float64 by default from numpy, "
    "an object array)",
    "Write the buffer with an array of the input's dtype: np.asarray(x, dtype=np.float32) for a float model (numpy "
    "makes float64 by default), int8 / uint8 for a quantized one (compiled_model.get_input_tensor_details lists "
    "them)",
    "ValueError: Unsupported dtype: float64",
    [(LITERT + "tensor_buffer.py", ("raise ValueError(f\"Unsupported dtype: {dtype}\")",)),
     (LITERT + LITERT_LIB, ("WriteTensorBuffer: unsupported dtype '",))])
add("Unknown signature: {signature_key} | CompiledModel error: code={n}, message=Failed to get signature_index",
    r"Unknown signature: ?(?P<signature>[\w./-]{1,120})|Failed to get signature_index",
    "CompiledModel.resize_input_tensor_by_name / run_by_name (compiled_model.py, compiled_model_wrapper.cc)",
    "signature_not_found",
    "a LiteRT CompiledModel call named a signature key the model does not have",
    "Use a signature key the model has: compiled_model.get_signature_list() lists them (a converted Keras model has "
    "'serving_default'), or call the *_by_index methods with index 0",
    "ValueError: Unknown signature: serving",
    [(LITERT + "compiled_model.py", ("raise ValueError(f\"Unknown signature: {signature_key}\")",)),
     (LITERT + LITERT_LIB, ("Failed to get signature_index",))])
add("Unknown input '{input_name}' for signature '{signature_key}'",
    r"Unknown input '(?P<input>[^'\n]{1,200})' for signature '",
    "CompiledModel.resize_input_tensor_by_name (compiled_model.py)", "input_keys_mismatch",
    "a LiteRT CompiledModel call named an input the signature does not have",
    "Use the signature's own input names: compiled_model.get_signature_list()[key]['inputs']",
    "ValueError: Unknown input 'input_1' for signature 'serving_default'",
    [(LITERT + "compiled_model.py", ("f\"Unknown input '{input_name}' for signature '{signature_key}'\"",))])
add("Input buffer size mismatch: number of inputs:{n} vs buffers:{m} | Output buffer size mismatch",
    r"(?:Input|Output) buffer size mismatch(?:: number of inputs: ?(?P<want>\d{1,4}) vs buffers: ?(?P<got>\d{1,4}))?",
    "CompiledModel::Run (litert/cc/litert_compiled_model.cc)", "input_keys_mismatch",
    "a LiteRT CompiledModel was run with another number of input (or output) buffers than its signature has",
    "Create the buffers from the model: input_buffers = compiled_model.create_input_buffers(signature_index) and "
    "output_buffers = create_output_buffers(signature_index), one per input / output in the signature's order, each "
    "written before run_by_index",
    "RuntimeError: CompiledModel error: code=3, message=Failed to invoke the compiled model\n└ Input buffer size "
    "mismatch: number of inputs:1 vs buffers:0",
    [(LITERT + LITERT_LIB, ("Input buffer size mismatch: number of inputs:", "Output buffer size mismatch"))])
add("New shape rank does not match current shape rank.",
    lit("New shape rank does not match current shape rank"),
    "CompiledModel::ResizeInputTensor (litert/cc/litert_compiled_model.h)", "input_shape_mismatch",
    "a LiteRT CompiledModel input was resized to a shape of another rank than the model's (one example's shape "
    "without its batch axis, or a flat vector)",
    "Resize to a shape of the input's own rank (compiled_model.get_input_tensor_details(key) gives it): keep the "
    "batch axis ([1, 224, 224, 3], not [224, 224, 3]); only the sizes may change",
    "RuntimeError: CompiledModel error: code=1, message=ERROR: [./litert/cc/litert_compiled_model.h:1135]\n└ New "
    "shape rank does not match current shape rank.",
    [(LITERT + LITERT_LIB, ("New shape rank does not match current shape rank.",))])

# ------------------------------------------------------------------------------------------------ checks

@lru_cache(maxsize=None)
def litert_member(name: str) -> str | None:
    """A file of the ai-edge-litert wheel (its bytes as latin-1 text), or None when the wheel is not on this
    machine."""
    wheel = next(iter(sorted(LITERT_WHEELS.glob(f"ai_edge_litert-{LITERT_VERSION}-*.whl"))), None)
    if wheel is None:
        return None
    with zipfile.ZipFile(wheel) as z:
        return z.read(f"ai_edge_litert/{name}").decode("latin-1")


def quote_text(path: str) -> str | None:
    """The text a quote is checked against: ``strings -n 8`` of a library, the text of a Python file of the
    installed TensorFlow; a file of the ai-edge-litert wheel (None: the wheel is not here, nothing is checked)."""
    if path.startswith(LITERT):
        return litert_member(path[len(LITERT):])
    p = TF / path
    if not p.exists():
        raise SystemExit(f"{WHO}: tensorflow/{path} is not installed")
    return library_strings(p) if ".so" in p.name else p.read_text(errors="replace")


def check_quotes() -> int:
    """Every row's pieces are in their files of the installed TensorFlow; a piece not there stops the build.  Returns
    how many (row, file) pairs were checked."""
    checked = 0
    for template, *_ in ROWS:
        if not QUOTES.get(template):
            raise SystemExit(f"{WHO}: no quotes for {template!r}")
        for path, pieces in QUOTES[template]:
            text = quote_text(path)
            if text is None:
                continue
            for piece in pieces:
                if piece not in text:
                    raise SystemExit(f"{WHO}: {piece!r} not in {path}")
            checked += 1
    return checked


def entries() -> list[dict]:
    check_quotes()
    for template, pattern, *_ in ROWS:
        re.compile(pattern)
    return examples_match(row_entries(ROWS), WHO)


if __name__ == "__main__":
    print(f"{check_quotes()} (row, file) pairs checked against the installed TensorFlow ({TF})")
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}")
