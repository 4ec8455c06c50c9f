"""Runtimes around TensorFlow for explain's message index (#15): what TFLite, TensorFlow.js, ML.NET, TF Java and the
converters and importers of other frameworks say about a model and its inputs, read from their sources.

One source module of ``scripts/explain_build_index.py`` (SOURCE_MODULES): :func:`entries` gives index entries for

* TensorFlow Lite as the installed TensorFlow carries it: the interpreter's messages compiled into
  ``tensorflow/lite/python/libpywrap_tflite_common.so`` (set_tensor's dtype / rank / size checks, unresolved ops and
  the Flex delegate, a file that is no TFLite flatbuffer), the converter's compiled into ``libtensorflow_cc.so.2``
  (ops neither builtin nor flex), both found with ``strings -n 8``; the Python raise sites of
  ``tensorflow/lite/python/`` (interpreter.py's signature runner, lite.py / convert_saved_model.py's signature keys,
  from_frozen_graph's file checks) read with explain_index_keras's ``ast`` helpers.  Every literal must be found in
  its library or file, or the build fails (a TensorFlow upgrade that rewords one is seen at once);
* TFLite's Java API (org.tensorflow.lite.Tensor / TensorImpl: the Java array or ByteBuffer against the tensor's
  shape, bytes and type), older TFLite wordings, and the runtimes whose sources were read from public repositories
  (each row names its file): their literal parts are the source's own text, every placeholder a bounded class.

Entries that are not about the request or the model carry a ``reading`` instead of a category.

    python scripts/explain_index_runtimes.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from explain_build_index import SHAPE, TF, entry, library_strings, lit  # noqa: E402
from explain_index_keras import Rule, rule_entries  # noqa: E402
from explain_index_python import _tf_version, raise_sites  # noqa: E402

TFLITE_LIB = "lite/python/libpywrap_tflite_common.so"
TF_CC = "libtensorflow_cc.so.2"
TFLITE_JAVA = ("github.com/tensorflow/tensorflow tensorflow/lite/java/src/main/java/org/tensorflow/lite/"
               "TensorImpl.java "
               "(throwIfTypeIsIncompatible, throwIfSrcShapeIsIncompatible, throwIfDstShapeIsIncompatible)")
TFLITE_JAVA_OLD = ("github.com/tensorflow/tensorflow tensorflow/lite/java/src/main/java/org/tensorflow/lite/"
                   "Tensor.java "
                   "before TensorImpl (throwExceptionIfTypeIsIncompatible, TF 1.x-2.3)")
TFLITE_JNI = ("github.com/tensorflow/tensorflow tensorflow/lite/java/src/main/native/"
              "nativeinterpreterwrapper_jni.cc")
TFLITE_CONTRIB = ("github.com/tensorflow/tensorflow@03a47f81341a tensorflow/contrib/lite/python/interpreter_wrapper/"
                  "interpreter_wrapper.cc (SetTensor, TF 1.9-1.12: numeric type codes, no name)")

# ------------------------------------------------------------------------------------------------ fixes

TFLITE_DTYPE_FIX = ("Give set_tensor an array of the input's own dtype (interpreter.get_input_details()[i]['dtype']): "
                    "np.asarray(x, dtype=np.float32) for a float model; a quantized model (uint8 / int8 input) takes "
                    "integers: np.round(x / scale + zero_point).astype(dtype) with (scale, zero_point) = "
                    "details['quantization']. NOTYPE (or type 0) means the array has no numeric dtype (dtype=object: "
                    "None values, rows of different lengths); STRING means strings where the model takes numbers")
TFLITE_RANK_FIX = ("Give the input the rank of the model's input (interpreter.get_input_details()[i]['shape']): add "
                   "the "
                   "batch axis for one example (np.expand_dims(x, 0)), or the channel axis for a grayscale image "
                   "(x[..., None]); to feed another shape, call interpreter.resize_tensor_input(index, shape) and "
                   "then allocate_tensors() first")
TFLITE_SIZE_FIX = ("Resize the input to the model's input shape (interpreter.get_input_details()[i]['shape']: image "
                   "size, channel count); to run another size the model allows, call "
                   "interpreter.resize_tensor_input(index, new_shape) and then interpreter.allocate_tensors() before "
                   "set_tensor")
TFLITE_BATCH_FIX = ("The TFLite model's input has batch 1 (the converter fixes it; shape_signature shows -1): call "
                    "interpreter.resize_tensor_input(index, [N, ...]) and interpreter.allocate_tensors() before "
                    "set_tensor to run N examples at once, or invoke it once per example")
TFLITE_FLEX_FIX = ("The model holds TensorFlow ops that only the Flex delegate runs (converted with SELECT_TF_OPS): "
                   "run it with the full tensorflow pip package's tf.lite.Interpreter (not tflite_runtime), add "
                   "org.tensorflow:tensorflow-lite-select-tf-ops on Android / the Flex delegate library elsewhere; "
                   "or convert without SELECT_TF_OPS after replacing those ops")
TFLITE_OLD_RUNTIME_FIX = ("The TFLite runtime that loads the model is older than the converter that wrote it: upgrade "
                          "the runtime (tflite-runtime / tensorflow pip, org.tensorflow:tensorflow-lite on Android, "
                          "the TFLite Micro or Coral library) to the TensorFlow version that converted the model, or "
                          "convert again with a TensorFlow as old as the runtime")
TFLITE_CUSTOM_FIX = ("The model has a custom op (or a TensorFlow op converted with allow_custom_ops=True) that the "
                     "interpreter has no kernel for: register the op's kernel with the interpreter's op resolver (the "
                     "library that defines it), or convert again with converter.target_spec.supported_ops = "
                     "[tf.lite.OpsSet.TFLITE_BUILTINS, tf.lite.OpsSet.SELECT_TF_OPS] and run it with the Flex delegate")
TFLITE_SELECT_FIX = ("Convert with TensorFlow ops allowed: converter.target_spec.supported_ops = "
                     "[tf.lite.OpsSet.TFLITE_BUILTINS, tf.lite.OpsSet.SELECT_TF_OPS] (the app then needs the Flex "
                     "delegate: tensorflow-lite-select-tf-ops on Android), or rewrite those ops with TFLite builtins")
CONVERTER_NOT_RUNTIME = (": the converter's own op set, not a serving runtime older than the model (no category: "
                         "runtime_version_mismatch is a runtime that lacks an op the model has; tf.lite's converter "
                         "says which ops it cannot lower before any runtime is involved -- the label every provoker of "
                         "rounds 12-16c gave its converter texts, 12 of 12, 2 more being a placeholder left unfed)")
"""Said after the meaning of each TFLite converter message that names ops it cannot lower (read as a reading)."""
TFLITE_FILE_FIX = ("Give the interpreter the .tflite file the converter wrote (converter.convert() bytes written with "
                   "open(path, 'wb')), not a SavedModel's saved_model.pb, a Keras .h5 / .keras file or a frozen "
                   "graph; a file cut short by a download or a Git LFS pointer also fails: check its size")
TFLITE_SIGNATURE_FIX = ("Use a signature key the model has: interpreter.get_signature_list() (or "
                        "saved_model_cli show --dir DIR for the SavedModel being converted) lists them; a SavedModel "
                        "without signatures must be exported with one (tf.saved_model.save(m, dir, signatures=f) with "
                        "f a tf.function with an input_signature, or Keras model.export(dir))")
TFLITE_RUNNER_FIX = ("Call the signature runner with one keyword argument per input, named as "
                     "interpreter.get_signature_list()[key]['inputs'] lists them (runner(input_1=x)); positional "
                     "arguments and other names are refused")
JAVA_BYTES_FIX = ("The ByteBuffer must hold exactly the input's bytes: batch x height x width x channels x bytes per "
                  "value (4 for a float32 model: ByteBuffer.allocateDirect(4 * 1 * 224 * 224 * 3), 1 for a uint8 / "
                  "int8 quantized model) in native order; a ratio of 4 between the two numbers is a float model fed "
                  "bytes or a quantized model fed floats; any other ratio is an image of another size or channel "
                  "count (tensor.shape() / interpreter.getInputTensor(0).shape() gives the model's)")
JAVA_SHAPE_FIX = ("Give run() arrays of exactly the tensor's shape (interpreter.getInputTensor(i).shape(), "
                  "getOutputTensor(i).shape()): an input float[1][224][224][3] for a [1, 224, 224, 3] input (the batch "
                  "level included), an output array as the model's output is shaped (e.g. float[1][NUM_CLASSES])")
JAVA_TYPE_FIX = ("Give the tensor a Java array or buffer of its own type (interpreter.getInputTensor(i).dataType()): "
                 "float[] / FloatBuffer for FLOAT32, byte[] / ByteBuffer for a UINT8 or INT8 quantized model, int[] "
                 "for INT32, long[] for INT64; boxed types (Float[]) and double[] have no TFLite type")


TFL_TYPES = (r"(?:FLOAT32|FLOAT16|FLOAT64|BFLOAT16|INT8|UINT8|INT16|UINT16|INT32|UINT32|INT64|UINT64|STRING|BOOL|"
             r"NOTYPE|INT4)")
"""TfLiteType names as TfLiteTypeGetName prints them."""
TFLITE_KERNEL_FIX = ("Feed the shape the model was converted with (interpreter.get_input_details()[i]['shape'] and "
                     "'shape_signature'): resize_tensor_input only to sizes the model's ops allow (-1 in "
                     "shape_signature), or convert the model again with the input size you need; the kernel and "
                     "the two numbers in the message say which dimension differs")


def _tflite(literal_lib: str) -> str:
    return f"tensorflow {_tf_version()} {literal_lib} (strings -n 8)"


# ------------------------------------------------------------------------------------------------ compiled strings

LIB_RULES = [
    # library (under tensorflow/) | literal as compiled | template | pattern | category | meaning | fix | example
    # (| decider)
    (TFLITE_LIB, "Cannot set tensor: Got value of type %s but expected type %s for input %d, name: %s",
     "Cannot set tensor: Got value of type {got} but expected type {want} for input {i}, name: {name}",
     r"Cannot set tensor: ?Got value of type (?P<got_dtype>\w{1,20}) but expected type (?P<want_dtype>\w{1,20}) "
     r"for input \d{1,9}(?:, ?name: ?(?P<input>[^\s,*`'\"]{1,200}))?",
     "dtype_mismatch", "the TFLite interpreter's set_tensor got an array of another dtype than the input's (float64 "
     "for float32, floats for a uint8 / int8 quantized input, an object array)", TFLITE_DTYPE_FIX,
     "ValueError: Cannot set tensor: Got value of type FLOAT64 but expected type FLOAT32 for input 0, name: "
     "serving_default_input_1:0 "),
    (TFLITE_LIB, "Cannot set tensor: Dimension mismatch. Got %d but expected %d for input %d.",
     "Cannot set tensor: Dimension mismatch. Got {got_rank} but expected {want_rank} for input {i}.",
     r"Cannot set tensor: ?Dimension mismatch(?:\. ?Got (?P<got_rank>\d{1,3}) but expected (?P<want_rank>\d{1,3}) "
     r"for input \d{1,9})?",
     "input_shape_mismatch", "the TFLite interpreter's set_tensor got an array of another rank than the input's "
     "(most often one image without its batch axis); TF 1.x printed only 'Dimension mismatch'", TFLITE_RANK_FIX,
     "ValueError: Cannot set tensor: Dimension mismatch. Got 3 but expected 4 for input 0.", "rank"),
    (TFLITE_LIB, "Cannot set tensor: Dimension count mismatch, expected %d but found %d",
     "Cannot set tensor: Dimension count mismatch, expected {want_rank} but found {got_rank}",
     r"Cannot set tensor: ?Dimension count mismatch, expected (?P<want_rank>\d{1,3}) but found (?P<got_rank>\d{1,3})",
     "input_shape_mismatch", "a TFLite input was given an array of another rank than the input's", TFLITE_RANK_FIX,
     "ValueError: Cannot set tensor: Dimension count mismatch, expected 4 but found 3", "rank"),
    (TFLITE_LIB, "Cannot set tensor: Dimension mismatch. Got %ld but expected %d for dimension %d of input %d.",
     "Cannot set tensor: Dimension mismatch. Got {got} but expected 1 for dimension 0 of input {i}.",
     r"Cannot set tensor: ?Dimension mismatch\. ?Got (?P<got>\d{1,9}) but expected 1 for dimension 0 of input",
     "fixed_batch_size_in_graph", "a batch of several examples was set on a TFLite input whose first (batch) "
     "dimension is 1: the converter fixed the batch size", TFLITE_BATCH_FIX,
     "ValueError: Cannot set tensor: Dimension mismatch. Got 32 but expected 1 for dimension 0 of input 0."),
    (TFLITE_LIB, "Cannot set tensor: Dimension mismatch. Got %ld but expected %d for dimension %d of input %d.",
     "Cannot set tensor: Dimension mismatch. Got {got} but expected {want} for dimension {d} of input {i}.",
     r"Cannot set tensor: ?Dimension mismatch\. ?Got (?P<got>\d{1,9}) but expected (?P<want>\d{1,9}) for dimension "
     r"(?P<dim>\d{1,3}) of input",
     "input_shape_mismatch", "a TFLite input was given an array whose size in one dimension differs from the input's "
     "(an image of another size or channel count)", TFLITE_SIZE_FIX,
     "ValueError: Cannot set tensor: Dimension mismatch. Got 224 but expected 320 for dimension 1 of input 0."),
    (TFLITE_LIB, "Cannot set tensor: Size mismatch, expected %d for dim %d but found %ld",
     "Cannot set tensor: Size mismatch, expected {want} for dim {d} but found {got}",
     r"Cannot set tensor: ?Size mismatch, expected (?P<want>\d{1,9}) for dim (?P<dim>\d{1,3}) but found "
     r"(?P<got>\d{1,9})",
     "input_shape_mismatch", "a TFLite input was given an array whose size in one dimension differs from the input's",
     TFLITE_SIZE_FIX, "ValueError: Cannot set tensor: Size mismatch, expected 224 for dim 1 but found 256"),
    (TFLITE_LIB, "Cannot set tensor: Tensor is unallocated. Try calling allocate_tensors() first",
     "Cannot set tensor: Tensor is unallocated. Try calling allocate_tensors() first",
     lit("Cannot set tensor: Tensor is unallocated"),
     None, "set_tensor was called before the interpreter allocated its tensors (or after resize_tensor_input "
     "without a new allocate_tensors): the interpreter's own order of calls, not about the request or model (no "
     "category: wrong_api_or_input_format is a serving API whose contract the signature does not meet)",
     "Call interpreter.allocate_tensors() after creating the interpreter (and again after every "
     "resize_tensor_input), then set_tensor, invoke, get_tensor",
     "ValueError: Cannot set tensor: Tensor is unallocated. Try calling allocate_tensors() first"),
    (TFLITE_LIB, "Invalid tensor index %d exceeds max tensor index %lu",
     "Invalid tensor index {i} exceeds max tensor index {n}",
     r"Invalid tensor index:? ?\d{1,9} exceeds max tensor index",
     "input_keys_mismatch", "set_tensor / get_tensor was given a tensor index the model does not have (an index "
     "taken from another model, or a position where the index belongs)",
     "Take the indices from this model: interpreter.get_input_details()[i]['index'] and "
     "get_output_details()[i]['index'] (not 0, 1, … nor another model's)",
     "ValueError: Invalid tensor index 300 exceeds max tensor index 179"),
    (TFLITE_LIB, "Regular TensorFlow ops are not supported by this interpreter. Make sure you invoke the Flex delegate "
                 "before inference.",
     "Regular TensorFlow ops are not supported by this interpreter. Make sure you invoke the Flex delegate before "
     "inference.", lit("Regular TensorFlow ops are not supported by this interpreter"),
     "runtime_version_mismatch", "the TFLite model holds TensorFlow (Select / Flex) ops and the interpreter running "
     "it has no Flex delegate", TFLITE_FLEX_FIX,
     "ERROR: Regular TensorFlow ops are not supported by this interpreter. Make sure you invoke the Flex delegate "
     "before inference.\nERROR: Node number 3 (FlexErf) failed to prepare."),
    (TFLITE_LIB, "Select TensorFlow op(s), included in the given model, is(are) not supported by this interpreter.",
     "Select TensorFlow op(s), included in the given model, is(are) not supported by this interpreter. Make sure you "
     "apply/link the Flex delegate before inference.",
     lit("Select TensorFlow op(s), included in the given model, is(are) not supported by this interpreter"),
     "runtime_version_mismatch", "the TFLite model holds TensorFlow (Select / Flex) ops and the interpreter running "
     "it has no Flex delegate linked", TFLITE_FLEX_FIX,
     "java.lang.IllegalArgumentException: Internal error: Failed to apply delegate: Select TensorFlow op(s), included "
     "in the given model, is(are) not supported by this interpreter. Make sure you apply/link the Flex delegate "
     "before inference. For the Android, it can be resolved by adding \"org.tensorflow:tensorflow-lite-select-tf-ops\" "
     "dependency."),
    (TFLITE_LIB, "Didn't find op for builtin opcode '%s' version '%d'.",
     "Didn't find op for builtin opcode '{op}' version '{v}'. An older version of this builtin might be supported. "
     "Are you using an old TFLite binary with a newer model?",
     r"Didn't find op for builtin opcode '(?P<op>[\w]{1,60})' version '(?P<op_version>\d{1,4})'",
     "runtime_version_mismatch", "the TFLite runtime has an older version of a builtin op than the converted model "
     "uses: the model was converted by a newer TensorFlow than the runtime's", TFLITE_OLD_RUNTIME_FIX,
     "java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Didn't find op for builtin "
     "opcode 'FULLY_CONNECTED' version '9'. An older version of this builtin might be supported. Are you using an old "
     "TFLite binary with a newer model?"),
    (TFLITE_LIB, "Op builtin_code out of range: %d. Are you using old TFLite binary with newer model?",
     "Op builtin_code out of range: {code}. Are you using old TFLite binary with newer model?",
     r"Op builtin_code out of range: ?(?P<builtin_code>\d{1,5})",
     "runtime_version_mismatch", "the converted model uses a builtin op the TFLite runtime does not know at all: "
     "the runtime is older than the converter", TFLITE_OLD_RUNTIME_FIX,
     "ValueError: Op builtin_code out of range: 150. Are you using old TFLite binary with newer model?"
     "Registration failed."),
    (TFLITE_LIB, "Encountered unresolved custom op: %s.",
     "Encountered unresolved custom op: {op}.",
     r"Encountered unresolved custom op: ?(?P<op>[\w>-]{1,120})",
     "runtime_version_mismatch", "the TFLite model has a custom op (or a TensorFlow op kept as a custom op) that the "
     "interpreter has no kernel for", TFLITE_CUSTOM_FIX,
     "RuntimeError: Encountered unresolved custom op: Convolution2DTransposeBias.Node number 165 "
     "(Convolution2DTransposeBias) failed to prepare."),
    (TFLITE_LIB, "Model provided has model identifier '%c%c%c%c', should be '%s'",
     "Model provided has model identifier '{id}', should be 'TFL3'",
     r"Model provided has model identifier '[^'\n]{0,8}', should be 'TFL3'",
     "savedmodel_not_found", "the file given to the TFLite interpreter is not a TFLite flatbuffer (its bytes 4-7 are "
     "not TFL3): a SavedModel .pb, a Keras .h5, a cut-short download or a Git LFS pointer", TFLITE_FILE_FIX,
     "ValueError: Model provided has model identifier 'rsio', should be 'TFL3'"),
    (TFLITE_LIB, "Could not open '%s'.", "Could not open '{path}.tflite'.",
     r"Could not open '(?P<path>[^'\n]{0,300}\.tflite)'",
     "savedmodel_not_found", "the TFLite interpreter found no file at model_path (a wrong or relative path, the "
     "model not copied next to the program)",
     "Give model_path the .tflite file itself, as an absolute path or one relative to the process's working "
     "directory (os.path.exists(path) first); in an app, bundle the file as an asset and load it from there",
     "ValueError: Could not open '/tmp/models/detect.tflite'."),
    (TFLITE_LIB, "The model is not a valid Flatbuffer buffer",
     "The model is not a valid Flatbuffer buffer", lit("The model is not a valid Flatbuffer buffer"),
     "savedmodel_not_found", "the bytes given to the TFLite interpreter are not a valid TFLite flatbuffer (another "
     "file format, or a file cut short)", TFLITE_FILE_FIX,
     "ValueError: The model is not a valid Flatbuffer buffer"),
    # a kernel's own checks (TF_LITE_ENSURE_EQ / TF_LITE_ENSURE_TYPES_EQ / TF_LITE_ENSURE), which print the kernel's
    # source file (tensorflow/lite/kernels/*.cc, compiled in as __FILE__) before the check
    (TFLITE_LIB, "%s:%d %s != %s (%s != %s)",
     "tensorflow/lite/kernels/{kernel}.cc:{line} {a} != {b} ({TYPE} != {TYPE})",
     r"(?:tensorflow/(?:contrib/)?)?lite/kernels/(?P<kernel>\w{1,60})\.cc:\d{1,5} [^\n(]{1,200}? != [^\n(]{1,200}? \("
     r"(?P<got_dtype>" + TFL_TYPES + r") != (?P<want_dtype>" + TFL_TYPES + r")\)",
     "dtype_mismatch", "a TFLite kernel found tensors of two types where one is needed (a float input to a quantized "
     "model, int64 where int32 is taken, a mix of quantized and float tensors)",
     "Give the model inputs of its own input types (interpreter.get_input_details()[i]['dtype']); if the types "
     "differ inside the model, convert it again with consistent types (full-integer quantization with "
     "inference_input_type / inference_output_type, or a float model)",
     "RuntimeError: tensorflow/lite/kernels/add.cc:171 input1->type != input2->type (INT8 != FLOAT32)Node number 2 "
     "(ADD) failed to prepare."),
    (TFLITE_LIB, "%s:%d %s != %s (%d != %d)",
     "tensorflow/lite/kernels/{kernel}.cc:{line} {a} != {b} ({n} != {m})",
     r"(?:tensorflow/(?:contrib/)?)?lite/kernels/(?P<kernel>\w{1,60})\.cc:\d{1,5} [^\n(]{1,200}? != [^\n(]{1,200}? \("
     r"(?P<a0>-?\d{1,12}) != (?P<b0>-?\d{1,12})\)",
     "input_shape_mismatch", "a TFLite kernel's shape check failed while the interpreter prepared the model: the "
     "input was given (or resized with resize_tensor_input to) a shape its ops cannot take, e.g. a Reshape whose "
     "sizes were fixed at conversion, or channels other than the filters'", TFLITE_KERNEL_FIX,
     "RuntimeError: tensorflow/lite/kernels/reshape.cc:85 num_input_elements != num_output_elements (1200 != 3600)"
     "Node number 3 (RESHAPE) failed to prepare."),
    (TFLITE_LIB, "%s:%d %s was not true.",
     "tensorflow/lite/kernels/{kernel}.cc:{line} {shape check} was not true.",
     r"(?:tensorflow/(?:contrib/)?)?lite/kernels/(?P<kernel>\w{1,60})\.cc:\d{1,5} [^\n]{0,120}?(?:[Dd]im|[Ss]ize|"
     r"[Ss]hape|elements|channel)[^\n]{0,120}? was not true",
     "input_shape_mismatch", "a TFLite kernel's shape check failed while the interpreter prepared the model (the "
     "input's rank or size is not one its ops take)", TFLITE_KERNEL_FIX,
     "RuntimeError: tensorflow/lite/kernels/conv.cc:349 input->dims->size == 4 was not true.Node number 0 (CONV_2D) "
     "failed to prepare."),
    (TFLITE_LIB, "XNNPack delegate failed to reshape runtime",
     "XNNPack delegate failed to reshape {runtime|external value}",
     r"XNNPack delegate failed to reshape (?:runtime|external value)",
     "input_shape_mismatch", "TFLite's default (XNNPACK) delegate could not propagate the input's new shape "
     "through the model after resize_tensor_input (a Reshape or another op with sizes fixed at conversion)",
     TFLITE_KERNEL_FIX,
     "RuntimeError: XNNPack delegate failed to reshape runtimeNode number 1 (TfLiteXNNPackDelegate) failed to "
     "prepare."),
    # the converter (MLIR), compiled into libtensorflow_cc
    (TF_CC, "is neither a custom op nor a flex op",
     "'tf.{op}' op is neither a custom op nor a flex op",
     # (the op is TensorFlow's, unknown to TFLite's builtins: not an op a runtime lacks -- the stock-op reading of
     # an older runtime must not read it)
     r"'(?:tf\.)?(?P<converter_op>[\w.]{1,120})' op is neither a custom op nor a flex op",
     None, "the TFLite converter met a TensorFlow op that has no TFLite builtin, and neither "
     "TensorFlow (Select) ops nor custom ops were allowed" + CONVERTER_NOT_RUNTIME, TFLITE_SELECT_FIX,
     "error: 'tf.Erf' op is neither a custom op nor a flex op", "converter_ops"),
    (TF_CC, "Some ops are not supported by the native TFLite runtime, you can enable TF kernels fallback using TF "
            "Select.",
     "Some ops are not supported by the native TFLite runtime, you can enable TF kernels fallback using TF Select.",
     lit("Some ops are not supported by the native TFLite runtime") + r"(?:[^\n]{0,400}?TF Select ops: ?(?P<select_ops>"
     r"[\w>.]{1,120}(?:, ?[\w>.]{1,120}){0,100}))?",
     None, "the TFLite converter met TensorFlow ops that have no TFLite builtin" + CONVERTER_NOT_RUNTIME,
     TFLITE_SELECT_FIX,
     "ConverterError: Some ops are not supported by the native TFLite runtime, you can enable TF kernels fallback "
     "using TF Select. See instructions: https://www.tensorflow.org/lite/guide/ops_select \nTF Select ops: "
     "RandomStandardNormal", "converter_ops"),
    (TF_CC, "Some ops in the model are custom ops, See instructions to implement custom ops: ",
     "Some ops in the model are custom ops, See instructions to implement custom ops: "
     "https://www.tensorflow.org/lite/guide/ops_custom",
     lit("Some ops in the model are custom ops, See instructions to implement custom ops"),
     None, "the TFLite converter met ops that are neither TFLite builtins nor TensorFlow ops "
     "(custom ops, e.g. of tensorflow_text)" + CONVERTER_NOT_RUNTIME, TFLITE_CUSTOM_FIX,
     "ConverterError: Some ops in the model are custom ops, See instructions to implement custom ops: "
     "https://www.tensorflow.org/lite/guide/ops_custom \nCustom ops: SentencepieceOp"),
    (TF_CC, "Lowering tensor list ops is failed. Please consider using Select TF ops and disabling "
            "`_experimental_lower_tensor_list_ops` flag in the TFLite converter object.",
     "Lowering tensor list ops is failed. Please consider using Select TF ops and disabling "
     "`_experimental_lower_tensor_list_ops` flag in the TFLite converter object.",
     lit("Lowering tensor list ops is failed"),
     None, "the TFLite converter could not turn TensorList ops (an RNN / LSTM with a dynamic "
     "length, a tf.TensorArray) into TFLite builtins" + CONVERTER_NOT_RUNTIME,
     "Convert with converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS, "
     "tf.lite.OpsSet.SELECT_TF_OPS] and converter._experimental_lower_tensor_list_ops = False (the app then needs "
     "the Flex delegate), or give the model a fixed sequence length",
     "ConverterError: Lowering tensor list ops is failed. Please consider using Select TF ops and disabling "
     "`_experimental_lower_tensor_list_ops` flag in the TFLite converter object."),
]

OTHER_ROWS = [
    # template | pattern | source | category | meaning | fix | example (| decider): sources not installed here
    # (a LOG(WARNING) whose literal is too short for `strings -n 8`: TensorFlow's checkpoint reader opening a file
    # that is no checkpoint table -- most often a .data / .index shard given where the checkpoint prefix belongs)
    ("Could not open {fname}: {status}",
     r"\bCould not open (?P<path>[^\s'\"]{1,300}?): ?(?:Data loss|DATA_LOSS|Not found|NOT_FOUND|Invalid argument|"
     r"INVALID_ARGUMENT|Failed precondition|FAILED_PRECONDITION|Unimplemented|UNIMPLEMENTED)\b",
     "github.com/tensorflow/tensorflow@00f0938ae85c tensorflow/core/util/tensor_slice_reader.cc "
     "(OpenTableTensorSliceReader's LOG(WARNING))", None,
     "TensorFlow's checkpoint reader could not open a path as a checkpoint table (a folder, a .data-00000-of-00001 or "
     ".index shard, a .meta or an .h5 given where the checkpoint prefix belongs, a file cut short, a Git LFS pointer): "
     "the checkpoint's path in the code; not about the request or model (decider checkpoint_table: a file that is no "
     "checkpoint is the model's files not found, a SavedModel's own variables/ files damaged its variables not "
     "restored)",
     "Give the checkpoint prefix, not one of its files nor its folder: model.ckpt for model.ckpt.index + "
     "model.ckpt.data-00000-of-00001; for a folder, tf.train.latest_checkpoint('{path}') prints it; if the prefix is "
     "right, the files are damaged or not the checkpoint (compare sizes with the original, git lfs pull)",
     "W tensorflow/core/util/tensor_slice_reader.cc:95] Could not open ckpt/model.ckpt.data-00000-of-00001: Data "
     "loss: not an sstable (bad magic number): perhaps your file is in a different file format and you need to use a "
     "different restore operator?", "checkpoint_table"),
    # (TensorFlow's Cast kernel builds its message from pieces too short for `strings -n 8` to find in the library)
    ("Cast {SrcT} to {DstT} is not supported",
     r"\bCast (?P<got_dtype>[a-z][a-z0-9]{1,15}) to (?P<want_dtype>[a-z][a-z0-9]{1,15}) is not supported",
     "github.com/tensorflow/tensorflow@010f3edcdc25 tensorflow/core/kernels/cast_op.cc (CastOpBase::Unimplemented)",
     "dtype_mismatch", "the graph casts an input to a type TensorFlow's Cast kernel cannot convert it to (numbers to "
     "string, string to numbers): the model takes another dtype than was sent -- most often numbers sent to an "
     "input the model reads as strings (a StringLookup / categorical feature, an exported AutoKeras or TFT model)",
     "Send the input in the dtype the model takes (sigcheck inspect MODEL shows it): strings for a string input "
     "(np.array(x).astype(str), tf.strings.as_string(x), JSON strings \"3\" rather than 3, spelled as in "
     "training), numbers for a numeric one; a signature that parses serialized tf.Example takes Examples, not "
     "feature values",
     "UnimplementedError: Cast float to string is not supported\n\t [[node functional_1/Cast]]", "call_dtype"),
    ("Cannot set tensor: Got tensor of type {n} but expected type {m} for input {i}[, name: {name}]",
     r"Cannot set tensor: ?Got tensor of type (?P<got_dtype>\w{1,20}) but expected type (?P<want_dtype>\w{1,20}) for "
     r"input \d{1,9}(?:, ?name: ?(?P<input>[^\s,*`'\"]{1,200}))?", TFLITE_CONTRIB + "; later releases add ', name: %s' "
     "and print the type names", "dtype_mismatch",
     "the TFLite interpreter's set_tensor got an array of another dtype than the input's (older TensorFlow; its "
     "TfLiteType codes: 0 no type, 1 float32, 2 int32, 3 uint8, 4 int64, 5 string, 9 int8)", TFLITE_DTYPE_FIX,
     "ValueError: Cannot set tensor: Got tensor of type 1 but expected type 3 for input 175"),
    ("Cannot copy to a TensorFlowLite tensor ({name}) with {n} bytes from a Java Buffer with {m} bytes.",
     r"Cannot (?:copy to a TensorFlowLite tensor \((?P<input>[^)\n]{0,200})\) with (?P<want_bytes>\d{1,12}) bytes "
     r"from|convert between a TensorFlowLite buffer with (?P<want_bytes2>\d{1,12}) bytes and) a (?:Java Buffer|"
     r"ByteBuffer) with (?P<got_bytes>\d{1,12}) bytes",
     TFLITE_JAVA + "; " + TFLITE_JAVA_OLD + " ('Cannot convert between a TensorFlowLite buffer with %d bytes and a "
     "ByteBuffer with %d bytes.')", "input_shape_mismatch",
     "a TFLite model (Android / Java) was given an input buffer of another byte size than the input tensor: another "
     "image size or channel count, or float values for a quantized model (or bytes for a float model)",
     JAVA_BYTES_FIX,
     "java.lang.IllegalArgumentException: Cannot copy to a TensorFlowLite tensor (serving_default_input_1:0) with "
     "602112 bytes from a Java Buffer with 150528 bytes.", "tflite_bytes"),
    ("Cannot copy to a TensorFlowLite tensor ({name}) with shape {want} from a Java object with shape {got}.",
     rf"Cannot copy (?:to a TensorFlowLite tensor \((?P<input>[^)\n]{{0,200}})\)|between a TensorFlowLite tensor) "
     rf"with shape (?P<want_shape>{SHAPE}) (?:from|and) a Java object with shape (?P<got_shape>{SHAPE})",
     TFLITE_JAVA + "; " + TFLITE_JAVA_OLD + " ('Cannot copy between a TensorFlowLite tensor with shape %s and a Java "
     "object with shape %s.')", "input_shape_mismatch",
     "a TFLite model (Android / Java) was given a Java array of another shape than its input tensor", JAVA_SHAPE_FIX,
     "java.lang.IllegalArgumentException: Cannot copy to a TensorFlowLite tensor (input_1) with shape [1, 224, 224, 3] "
     "from a Java object with shape [224, 224, 3].", "rank"),
    ("Cannot copy from a TensorFlowLite tensor ({name}) with shape {shape} to a Java object with shape {got}.",
     rf"Cannot copy from a TensorFlowLite tensor \((?P<output>[^)\n]{{0,200}})\) with (?:shape {SHAPE} to a Java "
     rf"object with shape {SHAPE}|\d{{1,12}} bytes to a Java Buffer with \d{{1,12}} bytes)",
     TFLITE_JAVA, "input_shape_mismatch",
     "the Java array (or buffer) given to a TFLite model for an output is not shaped (or sized) as the model's "
     "output tensor: the app expects another model (another number of classes, boxes or outputs)",
     "Allocate each output as the model's output is shaped: interpreter.getOutputTensor(i).shape() (e.g. "
     "float[1][NUM_CLASSES] with the model's own class count); with several outputs, use runForMultipleInputsOutputs "
     "with a map from output index to an array of that output's shape",
     "java.lang.IllegalArgumentException: Cannot copy from a TensorFlowLite tensor (Identity) with shape [1, 10] to a "
     "Java object with shape [1, 5]."),
    ("Cannot convert between a TensorFlowLite tensor with type {dtype} and a Java object of type {class} (which is "
     "compatible with the TensorFlowLite type {got}).",
     r"Cannot convert between a TensorFlowLite tensor with type (?P<want_dtype>\w{1,20}) and a Java object of type "
     r"[^\s(]{1,200} \(which is compatible with the TensorFlowLite type (?P<got_dtype>\w{1,20})\)",
     TFLITE_JAVA + "; " + TFLITE_JAVA_OLD, "dtype_mismatch",
     "a TFLite model (Android / Java) was given a Java array of another type than its tensor (float[] for a "
     "quantized UINT8 input, int[] for FLOAT32)", JAVA_TYPE_FIX,
     "java.lang.IllegalArgumentException: Cannot convert between a TensorFlowLite tensor with type UINT8 and a Java "
     "object of type [[[[F (which is compatible with the TensorFlowLite type FLOAT32).", "tflite_type"),
    ("Contents of {path} does not encode a valid TensorFlow Lite model: {reason}",
     r"Contents of (?P<path>[^\s]{1,300}) does not encode a valid TensorFlow Lite model",
     TFLITE_JNI + " (createModel)", "savedmodel_not_found",
     "TFLite's Java API could not read the file given as a TFLite model (not a .tflite flatbuffer, cut short, or "
     "another file)", TFLITE_FILE_FIX,
     "java.lang.IllegalArgumentException: Contents of /data/user/0/com.example/files/model.tflite does not encode a "
     "valid TensorFlow Lite model: The model is not a valid Flatbuffer file"),
    ("ByteBuffer is not a valid TensorFlow Lite model flatbuffer",
     r"ByteBuffer (?:is not a valid TensorFlow Lite model flatbuffer|does not encode a valid model)",
     TFLITE_JNI + " (createModelWithBuffer: 'ByteBuffer is not a valid TensorFlow Lite model flatbuffer', 'ByteBuffer "
     "does not encode a valid model: %s')", "savedmodel_not_found",
     "the buffer given to TFLite's Interpreter (an asset mapped with FileUtil.loadMappedFile / a downloaded file) is "
     "not a TFLite model: another file, a placeholder or Git LFS pointer, or a file cut short",
     "Map the .tflite file the converter wrote (check its size in the APK / on disk against the original: a Git LFS "
     "pointer is ~130 bytes), not a SavedModel, .h5 or a model of another framework; load it with "
     "FileUtil.loadMappedFile(context, \"model.tflite\")",
     "java.lang.IllegalArgumentException: ByteBuffer is not a valid TensorFlow Lite model flatbuffer"),
    ("Input error: Can not resize {i}-th input for a model having {n} inputs.",
     r"Can not resize \d{1,4}-th input for a model having \d{1,4} inputs?",
     TFLITE_JNI + " (resizeInput)", "input_keys_mismatch",
     "TFLite's Java API was asked to resize an input index the model does not have (more inputs given to run() than "
     "the model has)",
     "Give run() / runForMultipleInputsOutputs() one input per model input, in the model's order "
     "(interpreter.getInputTensorCount(), getInputTensor(i).name())",
     "java.lang.IllegalArgumentException: Input error: Can not resize 1-th input for a model having 1 inputs."),
    ("This file can not be opened as a file descriptor; it is probably compressed",
     lit("This file can not be opened as a file descriptor; it is probably compressed"),
     "android.googlesource.com platform/frameworks/base core/jni/android_util_AssetManager.cpp (openAsset as a file "
     "descriptor: FileNotFoundException); TFLite's Android docs give aaptOptions noCompress \"tflite\"",
     "savedmodel_not_found",
     "the .tflite asset was compressed into the APK, so TFLite cannot map it from its file descriptor "
     "(AssetManager.openFd / FileUtil.loadMappedFile)",
     "Keep the model uncompressed in the APK: android { aaptOptions { noCompress \"tflite\" } } (androidResources "
     "{ noCompress += \"tflite\" } with newer Android Gradle plugins; 4.1+ leaves .tflite uncompressed by default)",
     "java.io.FileNotFoundException: This file can not be opened as a file descriptor; it is probably compressed\n"
     "\tat android.content.res.AssetManager.openAssetFd(Native Method)"),
    ("DataType error: cannot resolve DataType of {class}",
     r"DataType error: cannot resolve DataType of (?P<object_type>[\w\[.$;]{1,200})",
     TFLITE_JAVA + "; " + TFLITE_JAVA_OLD + " (dataTypeOf)", "dtype_mismatch",
     "a TFLite model (Android / Java) was given a Java value whose type maps to no TFLite type (double[], boxed "
     "Float[], an ArrayList)", JAVA_TYPE_FIX,
     "java.lang.IllegalArgumentException: DataType error: cannot resolve DataType of [[D"),
]

TFJS = "github.com/tensorflow/tfjs@0fc04d958ea5"
TFJS_UNKNOWN_FIX = ("TensorFlow.js has no class of that name: a Keras class newer than the tfjs version (or the "
                    "tensorflowjs converter newer than the runtime: BatchNormalizationV1, GlorotUniform in old tfjs) "
                    "— load it with a tfjs as new as the converter, or convert with the converter of the runtime's "
                    "version; a layer defined in Python (a custom layer, a Lambda) must be written in JavaScript and "
                    "registered with tf.serialization.registerClass() before loadLayersModel")
TFJS_ROWS = [
    ("Unknown {kind}: {class}. This may be due to one of the following reasons: 1. The {kind} is defined in Python, "
     "in which case it needs to be ported to TensorFlow.js or your JavaScript code. 2. The custom {kind} is defined "
     "in JavaScript, but is not registered properly with tf.serialization.registerClass().",
     # the match starts at the class name: Keras's own 'Unknown layer: X.' (another reading) then starts before it,
     # and explain reads the innermost (latest) message first
     r"(?<=: )(?P<layer>[\w.>-]{1,120})\. ?This may be due to one of the following reasons",
     TFJS + " tfjs-layers/src/utils/generic_utils.ts:212,244 (deserializeKerasObject)", "runtime_version_mismatch",
     "TensorFlow.js (loadLayersModel) does not know a class the model's config names: a Keras class this tfjs "
     "version lacks, or a layer defined in Python", TFJS_UNKNOWN_FIX,
     "Uncaught (in promise) Error: Unknown layer: Rescaling. This may be due to one of the following reasons:\n1. "
     "The layer is defined in Python, in which case it needs to be ported to TensorFlow.js or your JavaScript code."
     "\n2. The custom layer is defined in JavaScript, but is not registered properly with "
     "tf.serialization.registerClass()."),
    ("This execution contains the node '{name}', which has the dynamic op '{op}'. Please use model.executeAsync() "
     "instead. Alternatively, to avoid the dynamic ops, specify the inputs [{inputs}]",
     r"This execution contains the node '[^'\n]{1,200}', which has the dynamic op '(?P<op>[^'\n]{1,120})'\. ?Please "
     r"use model\.executeAsync\(\)", TFJS + " tfjs-converter/src/executor/graph_executor.ts:173-177",
     "wrong_api_or_input_format",
     "a TensorFlow.js graph model with control flow or dynamic-shape ops (While, NonMaxSuppression, Where: object "
     "detection models) was run with the synchronous model.execute() / predict()",
     "Run the model with await model.executeAsync(inputs) (not predict() / execute()); dispose the returned "
     "tensors when done",
     "Uncaught (in promise) Error: This execution contains the node 'StatefulPartitionedCall/map/while/exit/_435', "
     "which has the dynamic op 'Exit'. Please use model.executeAsync() instead. Alternatively, to avoid the dynamic "
     "ops, specify the inputs [StatefulPartitionedCall/map/TensorArrayV2Stack/TensorListStack]"),
    ("Failed to parse model JSON of response from {path}. Please make sure the server is serving valid JSON for this "
     "request.",
     r"Failed to parse model JSON(?: of response from (?P<path>[^\s]{1,300}?)\.? ?(?:Please make sure|Your path "
     r"contains a \.pb))?", TFJS + " tfjs-core/src/io/http.ts:151-161 (HTTPRequest.load)", "savedmodel_not_found",
     "tf.loadGraphModel / loadLayersModel fetched the URL but got no model JSON: the server answered with an HTML "
     "page (a dev server's index.html or 404 page for a path it does not serve) or the URL is a .pb file",
     "Serve the converted model.json with its weight shards (group1-shard*.bin) as static files and give "
     "loadGraphModel / loadLayersModel that file's URL (open it in the browser: it must show JSON); a .pb or "
     "SavedModel must first be converted with tensorflowjs_converter",
     "Error: Failed to parse model JSON of response from /model/model.json. Please make sure the server is serving "
     "valid JSON for this request."),
    ("Based on the provided shape, [{shape}], the tensor should have {n} values but has {m}",
     r"Based on the provided shape, ?\[(?P<want_shape>[\d,\s-]{0,80})\], ?the tensor should have "
     r"(?P<want>\d{1,12}) values but has (?P<got>\d{1,12})",
     TFJS + " tfjs-core/src/ops/tensor_ops_util.ts:62 (makeTensor)", "input_shape_mismatch",
     "tf.tensor(values, shape) got another number of values than the shape holds: the data is not the image or "
     "feature size the shape says (RGBA canvas pixels for an RGB shape, another image size)",
     "Give tf.tensor as many values as the shape holds (product of its dimensions); for images use "
     "tf.browser.fromPixels(img) (RGB, 3 channels) and tf.image.resizeBilinear to the model's size instead of "
     "building the tensor from canvas data (RGBA, 4 values a pixel)",
     "Error: Based on the provided shape, [1,224,224,3], the tensor should have 150528 values but has 200704"),
    ("Size({n}) must match the product of shape {shape}",
     r"Size\((?P<values>\d{1,15})\) must match the product of shape (?P<want_shape>[\d,\s-]{1,80})",
     TFJS + " tfjs-core/src/util_base.ts:357 (inferFromImplicitShape: tf.reshape)", "input_shape_mismatch",
     "tf.reshape (or a model's Reshape) got a tensor with another number of values than the target shape holds",
     "Reshape only a tensor that already holds height x width x channels values of the model's input: resize the "
     "image (tf.image.resizeBilinear) and keep 3 channels (tf.browser.fromPixels(img, 3)) before reshaping",
     "Error: Size(200704) must match the product of shape 1,224,224,3"),
    ("Error in {op}: {x|input} must be rank {n}, but got rank {m}.",
     r"Error in (?P<op>\w{1,40}): ?(?:x|input) must be rank (?P<want_rank>\d)(?: or rank \d)?,? but got rank "
     r"(?P<got_rank>\d)",
     TFJS + " tfjs-core/src/ops/conv2d.ts:82, tfjs-core/src/ops/avg_pool.ts:76 and the same util.assert of the "
     "input's rank in the other ops (conv1d.ts:72, conv3d.ts:79, max_pool.ts, batchnorm*.ts, fused/conv2d.ts:154)",
     "input_shape_mismatch",
     "a TensorFlow.js op got an input of another rank than it takes (a conv2d / pooling op takes a 4-D batch of "
     "images)", "Give the model a batch: tf.expandDims(imageTensor, 0) (or .expandDims(0)) turns one image [h, w, c] "
     "into [1, h, w, c]; a grayscale image needs its channel axis too",
     "Uncaught (in promise) Error: Error in conv2d: input must be rank 4, but got rank 3.", "rank"),
    ("Error in {op}: depth of input ({n}) must match input depth for filter {m}.",
     r"Error in (?P<op>\w{1,40}): ?depth of input \(?(?P<got>\d{1,6})\) must match input depth for filter "
     r"(?P<want>\d{1,6})",
     TFJS + " tfjs-core/src/ops/conv2d.ts:91, conv1d.ts:80, conv3d.ts:86, fused/conv2d.ts:163", "input_shape_mismatch",
     "a TensorFlow.js convolution got images with another channel count than its filters take (RGBA canvas pixels "
     "for an RGB model, RGB for a grayscale one)",
     "Give the model images with its channel count: tf.browser.fromPixels(img, 3) for RGB (not 4, RGBA), "
     "tf.browser.fromPixels(img, 1) or a mean over channels for a grayscale model",
     "Error: Error in conv2d: depth of input (4) must match input depth for filter 3."),
    ("Argument '{arg}' passed to '{fn}' must be {dtype} tensor, but got {dtype} tensor",
     r"Argument '(?P<input>[^'\n]{1,80})' passed to '(?P<op>[^'\n]{1,80})' must be (?P<want_dtype>\w{1,12}) tensor, "
     r"but got (?P<got_dtype>\w{1,12}) tensor", TFJS + " tfjs-core/src/tensor_util_env.ts:81-95 (assertDtype)",
     "dtype_mismatch", "a TensorFlow.js op got a tensor of another dtype than it takes (int32 pixels from "
     "tf.browser.fromPixels where a float32 model input is, a float where int32 is)",
     "Cast the input to the dtype the op or model takes: tensor.toFloat() / tf.cast(t, 'float32') (and normalise "
     "pixels as in training, e.g. .div(255)), tf.cast(t, 'int32') for an int32 input",
     "Error: Argument 'x' passed to 'conv2d' must be float32 tensor, but got int32 tensor"),
    ("Argument '{arg}' passed to '{fn}' must be a Tensor or TensorLike, but got '{type}'",
     r"Argument '(?P<input>[^'\n]{1,80})' passed to '(?P<op>[^'\n]{1,80})' must be a Tensor or TensorLike, but got "
     r"'(?P<object_type>[^'\n]{1,80})'", TFJS + " tfjs-core/src/tensor_util_env.ts:117-120 (convertToTensor)",
     "wrong_api_or_input_format",
     "a TensorFlow.js op or model got something that is no tensor or array (null: an image not loaded yet, an "
     "HTMLImageElement or a Promise given where a tensor belongs)",
     "Turn the input into a tensor first: tf.browser.fromPixels(imgElement) once the image has loaded (await "
     "img.decode() / onload), await a Promise before using its value, and pass tensors to predict()",
     "Error: Argument 'x' passed to 'expandDims' must be a Tensor or TensorLike, but got 'null'"),
]

MLNET = "github.com/dotnet/machinelearning@cd2fbd617c13"
TFJAVA = "github.com/tensorflow/java@58a19434ad41"
DL4J = ("github.com/deeplearning4j/deeplearning4j@43960db3351e deeplearning4j/deeplearning4j-modelimport/src/main/java/"
        "org/deeplearning4j/nn/modelimport/keras/utils/KerasLayerUtils.java (getKerasLayerFromConfig)")
FDEEP = "github.com/Dobiasd/frugally-deep@7cbc07cb5ea3"
OPENCV = "github.com/opencv/opencv"
TF2ONNX = "github.com/onnx/tensorflow-onnx@6537fcb2ee98 tf2onnx/tf_loader.py"
LIBEDGETPU = "github.com/google-coral/libedgetpu@e35aed18fea2"
OVMS = "github.com/openvinotoolkit/model_server@7e4df0c7ae34"
MLNET_TYPE_FIX = ("Give the TensorFlow input column the item type the graph's input takes (ML.NET's names: Byte = "
                  "uint8, "
                  "Single = float32, Int64, String): declare the input class's field with that type (byte[] for a "
                  "uint8 image_tensor, float[] for float32) and [VectorType(h, w, c)], or convert with "
                  "ConvertType / ExtractPixels(outputAsFloatArray: false) for a uint8 input")
OTHER_RUNTIME_ROWS = [
    # ---- the Coral Edge TPU runtime (libedgetpu), a TFLite delegate ----
    ("Package requires runtime version ({n}), which is newer than this runtime version ({m}).",
     r"Package requires runtime version \((?P<want>\d{1,4})\), which is newer than this runtime version "
     r"\((?P<got>\d{1,4})\)", LIBEDGETPU + " driver/package_registry.cc:86-89 (FailedPreconditionError, reported by "
     "tflite/custom_op_direct.cc:81 as 'Failed to prepare for TPU. %s')", "runtime_version_mismatch",
     "the model was compiled by an Edge TPU compiler newer than the Edge TPU runtime (libedgetpu) on the device",
     "Upgrade the Edge TPU runtime on the device (apt-get install libedgetpu1-std or -max from the coral-edgetpu "
     "repository, or the matching pycoral / tflite_runtime wheel), or compile the model again with an "
     "edgetpu_compiler as old as the runtime (edgetpu_compiler --min_runtime_version N)",
     "RuntimeError: Failed to prepare for TPU. Failed precondition: Package requires runtime version (14), which is "
     "newer than this runtime version (13).Node number 185 (EdgeTpuDelegateForCustomOp) failed to prepare."),
    ("Encountered unresolved custom op: edgetpu-custom-op.",
     lit("Encountered unresolved custom op: edgetpu-custom-op"),
     LIBEDGETPU + " tflite/public/edgetpu.h:48 (kCustomOp = \"edgetpu-custom-op\"); the message is TFLite's "
     "(libpywrap_tflite_common.so 'Encountered unresolved custom op: %s.')", "runtime_version_mismatch",
     "a model compiled for the Coral Edge TPU (its ops fused into one edgetpu-custom-op) was run by a TFLite "
     "interpreter without the Edge TPU delegate",
     "Create the interpreter with the Edge TPU delegate: tflite.Interpreter(model_path, experimental_delegates="
     "[tflite.load_delegate('libedgetpu.so.1')]) (pycoral.utils.edgetpu.make_interpreter), with the Edge TPU "
     "attached; on a machine without one, run the model from before edgetpu_compiler",
     "RuntimeError: Encountered unresolved custom op: edgetpu-custom-op.Node number 0 (edgetpu-custom-op) failed to "
     "prepare."),
    # ---- OpenVINO Model Server (TF Serving's API): StatusCode messages (src/status.cpp) + " - " + details ----
    ("Invalid input shape - Expected: {shape}; Actual: {shape}; input name: {name}",
     r"Invalid (?:input shape|number of shape dimensions) - Expected: (?P<want_shape>\([\d,~\[\]-]{0,80}\)); "
     r"Actual: (?P<got_shape>\([\d,-]{0,80}\))(?:; input name: (?P<input>[^\s;\"']{1,200}))?",
     OVMS + " src/status.cpp:88,90 (INVALID_NO_OF_SHAPE_DIMENSIONS, INVALID_SHAPE); details from "
     "src/predict_request_validation_utils.hpp:271 (Shape::toString, src/shape.cpp:418)", "input_shape_mismatch",
     "OpenVINO Model Server got an input of another shape (or rank) than the served model's", None,
     '{"error": "Invalid input shape - Expected: (1,3,224,224); Actual: (1,224,224,3); input name: data"}', "rank"),
    ("Invalid input batch size - Expected: {n}; Actual: {m}; input name: {name}",
     r"Invalid input batch size - Expected: (?P<want>\d{1,9}); Actual: (?P<got>\d{1,9})",
     OVMS + " src/status.cpp:89 (INVALID_BATCH_SIZE); src/predict_request_validation_utils.hpp:195",
     "fixed_batch_size_in_graph",
     "OpenVINO Model Server serves the model with a fixed batch size and the request has another",
     "Send the batch size the model is served with, or start OVMS with --batch_size auto (or a range, e.g. 1:16) / "
     "--shape auto so it accepts other batch sizes",
     '{"error": "Invalid input batch size - Expected: 1; Actual: 8; input name: data"}'),
    ("Invalid input precision - Expected: {precision}; Actual: {precision}",
     r"Invalid input precision - Expected: (?P<want_dtype>\w{1,12}); Actual: (?P<got_dtype>\w{1,12})",
     OVMS + " src/status.cpp:96 (INVALID_PRECISION)", "dtype_mismatch",
     "OpenVINO Model Server got an input of another precision (dtype) than the model's input (FP32 vs U8, I64 vs "
     "I32)", None, '{"error": "Invalid input precision - Expected: FP32; Actual: U8; input name: data"}'),
    ("Missing input with specific name - Required input: {name}",
     r"Missing input with specific name(?: - Required input: (?P<input>[^\s;\"']{1,200}))?",
     OVMS + " src/status.cpp:85 (INVALID_MISSING_INPUT); src/predict_request_validation_utils.hpp:220",
     "input_keys_mismatch", "the request to OpenVINO Model Server lacks an input the model has (or names it "
     "otherwise)", None, '{"error": "Missing input with specific name - Required input: data"}'),
    ("Invalid number of inputs - Expected: {n}; Actual: {m}",
     r"Invalid number of inputs - Expected: \d{1,4}; Actual: \d{1,4}", OVMS + " src/status.cpp:84 "
     "(INVALID_NO_OF_INPUTS)", "input_keys_mismatch",
     "the request to OpenVINO Model Server has another number of inputs than the model", None,
     '{"error": "Invalid number of inputs - Expected: 1; Actual: 2"}'),
    ("Model with requested {name|version|name and/or version} is not found",
     r"Model with requested (?:name|version|name and/or version) is not found",
     OVMS + " src/status.cpp:55,57,59 (MODEL_MISSING, MODEL_NAME_MISSING, MODEL_VERSION_MISSING)",
     "model_not_found", "OpenVINO Model Server serves no model (or version) of the name in the request", None,
     '{"error": "Model with requested name is not found"}'),
    ("Invalid signature name", r"\bInvalid signature name\b", OVMS + " src/status.cpp:66 (INVALID_SIGNATURE_DEF)",
     "signature_not_found", "OpenVINO Model Server models have one signature (serving_default): the request names "
     "another", "Leave signature_name out of the request or set it to serving_default",
     'status = StatusCode.INVALID_ARGUMENT details = "Invalid signature name"'),
    ("Invalid JSON structure. Could not detect row or column format",
     lit("Could not detect row or column format"), OVMS + " src/status.cpp:129 (REST_PREDICT_UNKNOWN_ORDER)",
     "instances_key_missing", "the REST body sent to OpenVINO Model Server has neither \"instances\" (row format) "
     "nor \"inputs\" (column format)", None,
     '{"error": "Invalid JSON structure. Could not detect row or column format"}'),
    ("Could not parse instance content. Not valid ndarray detected",
     lit("Could not parse instance content. Not valid ndarray detected"), OVMS + " src/status.cpp:135 "
     "(REST_COULD_NOT_PARSE_INSTANCE)", "ragged_instances",
     "OpenVINO Model Server could not read an instance as one n-dimensional array (rows of different lengths, or "
     "values that are not numbers)", None,
     '{"error": "Could not parse instance content. Not valid ndarray detected"}'),
    ("Invalid JSON structure. Request inputs have different batch sizes",
     lit("Request inputs have different batch sizes"), OVMS + " src/status.cpp:136 (REST_INSTANCES_BATCH_SIZE_DIFFER)",
     "batch_size_mismatch_between_inputs",
     "the inputs of one REST request to OpenVINO Model Server have different first (batch) dimensions", None,
     '{"error": "Invalid JSON structure. Request inputs have different batch sizes"}'),
    ("Size of data in tensor_content does not match declared tensor shape",
     r"Size of data in tensor_content does not match declared tensor shape|Invalid number of values in tensor proto "
     r"container", OVMS + " src/status.cpp:97,145 (INVALID_VALUE_COUNT, REST_SERIALIZE_TENSOR_CONTENT_INVALID_SIZE)",
     "input_shape_mismatch", "a TensorProto sent to OpenVINO Model Server holds another number of values than its "
     "declared shape", "Build the TensorProto with tf.make_tensor_proto(array) from an array of the declared shape "
     "and dtype (the shape and the data must agree)",
     'status = StatusCode.INVALID_ARGUMENT details = "Invalid number of values in tensor proto container"'),
    # ---- ML.NET's TensorFlow transformer (Microsoft.ML.TensorFlow) and its schema checks (Microsoft.ML.Core) ----
    ("Schema mismatch for {role} column '{name}': expected {item type}, got {type}",
     r"Schema mismatch for (?:input|source) column '(?P<input>[^'\n]{1,200})': expected "
     r"(?P<want_dtype>Byte|SByte|Single|Double|Int16|Int32|Int64|UInt16|UInt32|UInt64|Boolean|String|R4|R8|U1|U8|I4|I8"
     r"|TX|BL)\b, got (?!(?:Vector ?<|Vec<)?(?P=want_dtype)\b)(?:Vector ?<|Vec<)?(?P<got_dtype>\w{1,20})",
     MLNET + " src/Microsoft.ML.Core/Utilities/Contracts.cs:462 (MakeSchemaMismatchMsg), raised by "
     "src/Microsoft.ML.TensorFlow/TensorflowTransform.cs:562,1042 when a column's item type is not the graph "
     "input's", "dtype_mismatch",
     "ML.NET's TensorFlow transformer got an input column whose item type differs from the TensorFlow graph "
     "input's dtype (Single floats for a uint8 image_tensor, Double for float32)", MLNET_TYPE_FIX,
     "System.ArgumentOutOfRangeException: Schema mismatch for input column 'image_tensor': expected Byte, got "
     "Vector<Single, 300, 300, 3> (Parameter 'inputSchema')"),
    ("Could not find {input|source} column '{name}'",
     r"Could not find (?:input|source) column '(?P<input>[^'\n]{1,200})'",
     MLNET + " src/Microsoft.ML.Core/Utilities/Contracts.cs:461 (MakeSchemaMismatchMsg), raised by "
     "src/Microsoft.ML.TensorFlow/TensorflowTransform.cs:553,1039 for a graph input no column of the data is named "
     "after", "input_keys_mismatch",
     "ML.NET's TensorFlow transformer takes its inputs from data columns named exactly as the graph's input "
     "tensors, and the data has no column of that name",
     "Name the data column after the graph's input tensor ([ColumnName(\"input_1\")] on the field, or "
     "CopyColumns(\"input_1\", \"Features\")); TensorFlowModel.GetModelSchema() lists the graph's tensors",
     "System.ArgumentOutOfRangeException: Could not find input column 'serving_default_input_1' (Parameter "
     "'inputSchema')"),
    ("Input column '{name}' does not exist in the model",
     r"(?:Input|Output) column '(?P<input>[^'\n]{1,200})' does not exist in the model",
     MLNET + " src/Microsoft.ML.TensorFlow/TensorflowTransform.cs:347,396 (GetInputInfo / GetOutputInfo)",
     "input_keys_mismatch",
     "ML.NET's ScoreTensorFlowModel was given an input or output name that is no operation of the TensorFlow graph "
     "(a Keras layer name, a signature key, or a name with its :0 suffix where the op name is needed)",
     "Use the graph's operation names: TensorFlowModel.GetModelSchema() (or saved_model_cli show --dir DIR --all) "
     "lists them; for a TF2 SavedModel they are serving_default_<input> and StatefulPartitionedCall",
     "System.ArgumentOutOfRangeException: Input column 'input_1' does not exist in the model (Parameter 'inputs')"),
    ("Input shape mismatch: Input '{name}' has shape {shape}, but input data is of length {n}.",
     r"Input shape mismatch: Input '(?P<input>[^'\n]{1,200})' has shape (?P<want_shape>[\[(][\d,\s?-]{0,80}[\])]), "
     r"but input data "
     r"is of length (?P<values>\d{1,12})",
     MLNET + " src/Microsoft.ML.TensorFlow/TensorflowTransform.cs:597,616 (Mapper)", "input_shape_mismatch",
     "the data column given to ML.NET's TensorFlow transformer holds another number of values than the graph "
     "input's shape takes (an image of another size or channel count)",
     "Resize the images to the graph input's size (ResizeImages(imageWidth, imageHeight) before ExtractPixels) and "
     "declare the column with that size ([VectorType(h * w * c)] or [VectorType(h, w, c)])",
     "System.InvalidOperationException: Input shape mismatch: Input 'input_1' has shape (-1, 224, 224, 3), but input "
     "data is of length 270000."),
    ("Variable length input columns not supported", lit("Variable length input columns not supported"),
     MLNET + " src/Microsoft.ML.TensorFlow/TensorflowTransform.cs:557", "input_shape_mismatch",
     "the data column given to ML.NET's TensorFlow transformer has no fixed size (a float[] field without "
     "[VectorType(…)])",
     "Give the input field a fixed size: [VectorType(224 * 224 * 3)] (or [VectorType(h, w, c)]) on the float[] / "
     "byte[] field, or a schema definition with that vector size",
     "System.InvalidOperationException: Variable length input columns not supported"),
    # ---- TF Java (and TF Java 1.x's Session.Runner): an operation name the graph does not have ----
    ("No Operation named [{name}] in the Graph",
     r"No Operation named \[(?P<input>[^\]\n]{1,200})\] in the Graph",
     TFJAVA + " tensorflow-core/tensorflow-core-api/src/main/java/org/tensorflow/Graph.java:167,220 (the same text "
     "in TF Java 1.x's Session.Runner.feed/fetch)", "input_keys_mismatch",
     "a TensorFlow Java session was fed or fetched by an operation name the graph does not have (a Keras layer "
     "name or signature key instead of the graph's own op name)",
     "Feed and fetch the graph's op names: saved_model_cli show --dir DIR --all lists the signature's tensors "
     "(serving_default_input_1:0 and StatefulPartitionedCall:0 for a TF2 SavedModel); or call the signature: "
     "bundle.function(\"serving_default\").call(Map.of(\"input_1\", tensor))",
     "java.lang.IllegalArgumentException: No Operation named [input_1] in the Graph"),
    ("No Operation named [{image_tensor|encoded_image_string_tensor}] in the Graph",
     # from the name on: the general entry above starts before it, and explain reads the latest match first
     r"(?<=\[)(?P<input>image_tensor|encoded_image_string_tensor)\] in the Graph",
     TFJAVA + " tensorflow-core/tensorflow-core-api/src/main/java/org/tensorflow/Graph.java:167; the names are the "
     "object detection exporter's placeholders, one per --input_type (github.com/tensorflow/models "
     "research/object_detection/exporter.py input_placeholder_fn_map)", "encoded_image_string_mismatch",
     "the client feeds an object detection model's image_tensor (uint8 pixels) or encoded_image_string_tensor (JPEG / "
     "PNG bytes), and the graph was exported with the other --input_type, so that placeholder does not exist",
     "Feed the placeholder the export has, with its kind of data: image_tensor takes a uint8 [1, H, W, 3] array of "
     "pixels, encoded_image_string_tensor takes the encoded JPEG / PNG bytes; or export again with "
     "exporter_main_v2.py / export_inference_graph.py --input_type matching what the client sends",
     "java.lang.IllegalArgumentException: No Operation named [image_tensor] in the Graph\n\tat "
     "org.tensorflow.Session$Runner.operationByName(Session.java:384)"),
    # ---- Deeplearning4j's Keras import ----
    ("Unsupported keras layer type {class}",
     r"Unsupported keras layer type:? ?(?P<layer>[\w.>-]{1,120})", DL4J + "; deeplearning4j's "
     "UnsupportedKerasConfigurationException / InvalidKerasConfigurationException", "runtime_version_mismatch",
     "Deeplearning4j's KerasModelImport has no importer for a layer class of the model (a Keras class newer than "
     "the importer, such as BatchNormalizationV1 / TFOpLambda from tf.keras, or a custom / Lambda layer)",
     "Rebuild the model with layers DL4J imports (BatchNormalization saved by standalone Keras 2.x, no raw tf.* "
     "ops), register a custom or Lambda layer (KerasLayer.registerCustomLayer / registerLambdaLayer) before "
     "importing, or serve the SavedModel with TensorFlow Java instead",
     "org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException: Unsupported keras "
     "layer type BatchNormalizationV1. Please file an issue at https://github.com/eclipse/deeplearning4j/issues."),
    ("Tensorflow op layers are not supported yet.", lit("Tensorflow op layers are not supported yet"),
     DL4J.replace("(getKerasLayerFromConfig)", "(getKerasLayerFromConfig: TFOpLambda)"), "runtime_version_mismatch",
     "the Keras model holds raw TensorFlow ops (TFOpLambda layers, written by tf.keras for tf.* calls in a "
     "functional model), which DL4J's Keras import cannot read",
     "Replace the tf.* calls with Keras layers (layers.Reshape, layers.Concatenate, a registered Lambda layer) and "
     "save again, or serve the SavedModel with TensorFlow Java",
     "org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException: Tensorflow op "
     "layers are not supported yet."),
    # ---- frugally-deep (C++ inference of Keras models) ----
    ("unknown layer type: {type}", r"unknown layer type: ?(?P<layer>[\w.>-]{1,120})",
     FDEEP + " include/fdeep/import_model.hpp:1949 (create_layer)", "runtime_version_mismatch",
     "frugally-deep (or another runtime that loads Keras models) has no implementation of a layer class of the model: "
     "a layer newer than the library or a custom layer",
     "Use a frugally-deep release that supports the layer (its README lists them) together with the Keras version "
     "it was written for, replace the layer, or pass a custom layer creator to fdeep::load_model",
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  unknown layer type: "
     "TFOpLambda"),
    ("Invalid inputs shape. The model takes {shapes} but provided was: {shapes}",
     r"Invalid inputs shape\.?\s?The model takes (?P<model_shapes>\[[\d(), ]{0,200}\]) but provided was: ?"
     r"(?P<given_shapes>\[[\d(), ]{0,200}\])",
     FDEEP + " include/fdeep/model.hpp:137-139 (predict_impl; shapes as rank(dims))", "input_shape_mismatch",
     "a frugally-deep model was given input tensors of other shapes than its inputs (rank then dimensions: "
     "3(224, 224, 3))",
     "Build each fdeep::tensor with the model's input shape (model.get_input_shapes() lists them, without the "
     "batch dimension): fdeep::tensor_shape(224, 224, 3) for an image",
     "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Invalid inputs shape.\nThe "
     "model takes [3(224, 224, 3)] but provided was: [3(224, 224, 4)]"),
    ("invalid number of values. shape: {shape}; value count: {n}",
     r"invalid number of values\. shape: ?(?P<fdeep_shape>\d\([\d, ]{0,80}\)); value count: ?(?P<values>\d{1,12})",
     FDEEP + " include/fdeep/tensor.hpp:34-35 (tensor constructor)", "input_shape_mismatch",
     "a frugally-deep tensor was built from another number of values than its shape holds (image data of another "
     "size or channel count)",
     "Give fdeep::tensor exactly height x width x channels values for its shape (convert the image to the model's "
     "size and channel count first, e.g. fdeep::tensor_from_bytes with the image's own height, width, channels)",
     "what():  invalid number of values. shape: 3(224, 224, 3); value count: 200704"),
    # ---- OpenCV's dnn module reading a TensorFlow graph ----
    ("Failed to parse GraphDef file: {path}",
     r"Failed to parse GraphDef (?:text )?file: ?(?P<path>[^\s'\"]{1,300})",
     OPENCV + " modules/dnn/src/tensorflow/tf_io.cpp (ReadTFNetParamsFromBinaryFileOrDie / FromTextFileOrDie)",
     "savedmodel_not_found",
     "cv2.dnn.readNetFromTensorflow reads a frozen GraphDef .pb; the file given is not one (a SavedModel's "
     "saved_model.pb, a Keras .h5, a checkpoint)",
     "Give readNetFromTensorflow a frozen graph: freeze the SavedModel (convert_variables_to_constants_v2 on its "
     "serving function, then tf.io.write_graph(graph_def, '.', 'frozen.pb', as_text=False)), or export to ONNX "
     "(tf2onnx) and use readNetFromONNX",
     "cv2.error: OpenCV(4.1.2) /io/opencv/modules/dnn/src/tensorflow/tf_io.cpp:42: error: (-2:Unspecified error) "
     "FAILED: ReadProtoFromBinaryFile(param_file, param). Failed to parse GraphDef file: saved_model.pb in function "
     "'ReadTFNetParamsFromBinaryFileOrDie'"),
    ("Can't create layer \"{name}\" of type \"{type}\"",
     r"Can't create layer \"(?P<node>[^\"\n]{1,200})\" of type \"(?P<op>[^\"\n]{1,120})\"",
     OPENCV + " modules/dnn/src/net_impl.hpp (Net::Impl::getLayerInstance; dnn.cpp before 4.6)",
     "runtime_version_mismatch",
     "OpenCV's dnn module has no layer for an op of the imported graph (a TensorFlow op it does not implement, or "
     "a training-only op left in the graph)",
     "Strip the graph to inference ops (optimize_for_inference / a frozen graph of the serving function only), use "
     "a newer OpenCV whose dnn module implements the op, or run the model with TensorFlow / ONNX Runtime instead",
     "cv2.error: OpenCV(4.5.1) ../modules/dnn/src/dnn.cpp:621: error: (-2:Unspecified error) Can't create layer "
     "\"StatefulPartitionedCall\" of type \"StatefulPartitionedCall\" in function 'getLayerInstance'"),
    # ---- tf2onnx loading a SavedModel ----
    ("No signatures found in model. Try --concrete_function instead.",
     lit("No signatures found in model. Try --concrete_function"), TF2ONNX + ":665,694 (_from_saved_model_v2)",
     "signature_not_found", "tf2onnx found no serving signature in the SavedModel (saved without signatures=)",
     "Export the SavedModel with a signature (tf.saved_model.save(m, dir, signatures=f) or Keras model.export(dir)), "
     "or convert a traced function with --concrete_function 0",
     "ValueError: make_sure failure: No signatures found in model. Try --concrete_function instead."),
    ("Specified signature not in model {key}",
     r"Specified signature not in model:? ?(?P<signature>[^\s'\"]{1,200})", TF2ONNX + ":666,691",
     "signature_not_found", "tf2onnx was given a --signature_def the SavedModel does not have",
     "Pass a signature key the model has: saved_model_cli show --dir DIR lists them (serving_default for a Keras "
     "export)", "ValueError: make_sure failure: Specified signature not in model predict"),
    ("Model doesn't contain usable concrete functions under  __call__. Try --signature-def instead.",
     lit("doesn't contain usable concrete functions under") + r" {1,2}__call__", TF2ONNX + ":663,685",
     "signature_not_found", "tf2onnx was asked for a concrete function of __call__ and the SavedModel has none",
     "Convert by signature (--signature_def serving_default) instead of --concrete_function",
     "ValueError: make_sure failure: Model doesn't contain usable concrete functions under  __call__. Try "
     "--signature-def instead."),
    ("model exceeds maximum protobuf size of 2GB. Try setting large_model.",
     # from 'maximum' on: TensorFlow's own 'exceeds maximum protobuf size of 2GB' entry then starts before it
     lit("maximum protobuf size of 2GB. Try setting large_model"), TF2ONNX + ":317,327",
     "model_too_large", "the graph tf2onnx converts is over protobuf's 2 GB limit (its weights frozen into it)",
     "Convert with --large_model (python -m tf2onnx.convert --saved-model DIR --large_model --output model.zip): "
     "the weights go to external data files beside the ONNX graph",
     "ValueError: model exceeds maximum protobuf size of 2GB. Try setting large_model."),
]

# ------------------------------------------------------------------------------------------------ Python sources

SIG = r"(?P<signature>[^'\"\n]{1,200})"
PY_RULES = [
    Rule(("lite/python/interpreter.py",), r"^Invalid signature_key provided", "signature_not_found",
         "a TFLite signature runner was asked for a signature key the model does not have", TFLITE_SIGNATURE_FIX,
         overrides={"signature_key": SIG}, values={"signature_key": "serving_default"}),
    Rule(("lite/python/interpreter.py",), r"^SignatureDef signature_key is None and model has", "signature_not_found",
         "get_signature_runner() was called without a key and the TFLite model has several signatures",
         TFLITE_SIGNATURE_FIX, values={"len(self._signature_defs)": "2"}),
    Rule(("lite/python/interpreter.py",), r"^Invalid number of inputs provided for running a SignatureDef",
         "input_keys_mismatch", "a TFLite signature runner was called with another number of inputs than the "
         "signature has", TFLITE_RUNNER_FIX, values={"len(self._inputs)": "2", "len(kwargs)": "1"}),
    Rule(("lite/python/interpreter.py",), r"^Invalid Input name \(", "input_keys_mismatch",
         "a TFLite signature runner was called with an input name the signature does not have", TFLITE_RUNNER_FIX,
         overrides={"input_name": r"(?P<input>[^)\n]{1,200})"}, values={"input_name": "x"}),
    Rule(("lite/python/interpreter.py",), r"^Failed to open \{model_path\}", "savedmodel_not_found",
         "tf.lite.Interpreter(model_path=…) could not open the file (a wrong path, a relative path from another "
         "working directory, or a file that is no TFLite model)",
         "Give model_path the .tflite file itself (an absolute path, or one relative to the process's working "
         "directory); check it exists and is the converter's output (not saved_model.pb, .h5 or .keras)",
         overrides={"model_path": r"(?P<path>[^\s'\"]{0,300}\.tflite)\b"},
         values={"model_path": "models/model.tflite"}),
    Rule(("lite/python/lite.py",), r"^Only support at least one signature key\.$", "signature_not_found",
         "TFLiteConverter.from_saved_model found no signature in the SavedModel (a tf.Module or Keras model saved "
         "without signatures, or signature_keys=[])", TFLITE_SIGNATURE_FIX),
    Rule(("lite/python/lite.py",), r"^Invalid signature key '\{key\}' found", "signature_not_found",
         "TFLiteConverter.from_saved_model was given a signature key the SavedModel does not have",
         TFLITE_SIGNATURE_FIX, overrides={"key": SIG}, values={"key": "predict", "','.join(saved_model.signatures)":
                                                               "serving_default"}),
    Rule(("lite/python/convert_saved_model.py",), r"^No '\{signature_key\}' in the SavedModel's SignatureDefs",
         "signature_not_found", "the TF1 TFLiteConverter.from_saved_model was given a signature key the SavedModel "
         "does not have", TFLITE_SIGNATURE_FIX, overrides={"signature_key": SIG},
         values={"signature_key": "serving_default", "','.join(signature_def_keys)": "predict"}),
    Rule(("lite/python/lite.py",), r"^File '\{graph_def_file\}' does not exist", "savedmodel_not_found",
         "TFLiteConverter.from_frozen_graph was given a path where no file is",
         "Give from_frozen_graph the frozen GraphDef file itself (.pb), by a path that exists from the working "
         "directory; for a SavedModel directory use TFLiteConverter.from_saved_model(dir) instead",
         overrides={"graph_def_file": r"(?P<path>[^'\n]{0,300}\.pb(?:txt)?)"},
         values={"graph_def_file": "frozen_graph.pb"}),
    Rule(("lite/python/lite.py",), r"^Unable to parse input file '\{graph_def_file\}'", "savedmodel_not_found",
         "TFLiteConverter.from_frozen_graph was given a file that is no frozen GraphDef (a SavedModel's "
         "saved_model.pb, a checkpoint, a Keras .h5)",
         "Convert a SavedModel directory with TFLiteConverter.from_saved_model(dir) and a Keras model with "
         "from_keras_model(model); from_frozen_graph reads only a frozen GraphDef (.pb written by freeze_graph)",
         overrides={"graph_def_file": r"(?P<path>[^'\n]{1,300})"}, values={"graph_def_file": "saved_model.pb"}),
]


def lib_entries() -> list[dict]:
    out, texts = [], {}
    for lib, literal, template, pattern, category, meaning, fix, example, *rest in LIB_RULES:
        if lib not in texts:
            texts[lib] = library_strings(TF / lib)
        if literal not in texts[lib]:
            raise SystemExit(f"explain_index_runtimes: {literal!r} not in tensorflow/{lib}")
        if category is None:  # a reading (not about the request or model), with its own fix (a decider may still
            # find a category in the numbers: the converter's only "unsupported" op a Placeholder)
            e = entry(template, pattern, _tflite(f"tensorflow/{lib}"), None, None, reading=meaning, fix=fix,
                      decider=rest[0] if rest else None)
        else:
            e = entry(template, pattern, _tflite(f"tensorflow/{lib}"), meaning, category,
                      decider=rest[0] if rest else None, fix=fix)
        e["example"] = example
        out.append(e)
    return out


def row_entries(rows) -> list[dict]:
    out = []
    for template, pattern, source, category, text, fix, example, *rest in rows:
        if category is None:
            e = entry(template, pattern, source, None, None, reading=text, fix=fix, decider=rest[0] if rest else None)
        else:
            e = entry(template, pattern, source, text, category, decider=rest[0] if rest else None, fix=fix)
        e["example"] = example
        out.append(e)
    return out


def python_entries() -> list[dict]:
    out: list[dict] = []
    for rule in PY_RULES:
        candidates = (site for where in rule.where for site in raise_sites(where, rule.funcs))
        got = rule_entries(rule, candidates, "explain_index_runtimes", frozenset(e["pattern"] for e in out))
        if not got:
            raise SystemExit(f"explain_index_runtimes: no raise site of {rule.where} matches {rule.select!r}")
        out.extend(got)
    return out


def entries() -> list[dict]:
    out = lib_entries() + python_entries() + row_entries(OTHER_ROWS + TFJS_ROWS + OTHER_RUNTIME_ROWS)
    for e in out:
        if not re.search(e["pattern"], e["example"], re.I):
            raise SystemExit(f"explain_index_runtimes: {e['pattern']!r} does not match {e['example']!r}")
    return out


if __name__ == "__main__":
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:110]}\n"
              f"{'':28} {e['pattern'][:110]}")
