"""Older TensorFlow releases' C++ messages for explain's message index (#15), read out of their real binaries.

The index reads TensorFlow's compiled messages from the installed TensorFlow (2.21) only, but users paste texts
printed by older runtimes whose C++ wordings differ (TF 1.x sessions and restores, TF 2.4's kernels, the standalone
TFLite runtime's core checks).  This module reads the shared libraries of older wheels, fetched once with
``pip download --no-deps`` for their own platform into explain_index_tf1's :data:`WHEELS` folder
(``$SIGCHECK_TF_WHEELS``), a library copied out of the zip into a temporary folder and read with ``strings -n 8``
(as explain_build_index.library_strings reads 2.21's), never installed:

* tensorflow 1.15.5: ``libtensorflow_framework.so.1`` and ``python/_pywrap_tensorflow_internal.so``;
* tensorflow-cpu 2.4.4: ``libtensorflow_framework.so.2`` and ``python/_pywrap_tensorflow_internal.so``;
* tflite-runtime 2.7.0: ``_pywrap_tensorflow_interpreter_wrapper.so`` (TFLite's core and kernels of that release).

It applies the rules the 2.21 build applies, unchanged: explain_build_index's FAMILIES (the families' literals, the
same filters, category splits and meanings) over each release's libraries, so a literal of a family that 2.21 no
longer has (reworded or dropped) becomes an entry of that family; and :data:`RELEASE_RULES`, messages as those
releases print them that no rule of the 2.21 build reads (a wording 2.21 changed, such as TFLite's
``required_bytes != bytes (R != B)`` or TF 1.x's ``(op: 'X') with input shapes`` suffix, or a message put together
from several literals, such as ``FetchOutputs node X: not found``), each from literals checked in the release's
libraries plus linear captures as TF_RULES have (the build fails when a literal is not there).  A family literal the
2.21 build reads already, and a rule whose example a TF_RULES / HISTORICAL_TF entry reads, are skipped.
Every entry names its release and library: ``tensorflow 1.15.5 tensorflow_core/libtensorflow_framework.so.1
(strings -n 8; family …)``.

    python scripts/explain_index_releases.py     # print the entries (explain_build_index.py imports entries())
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import explain_build_index as base  # noqa: E402
from explain_index_keras import _wheel  # noqa: E402
from explain_index_tf1 import WHEELS  # noqa: E402

RELEASES = {
    # key: (pip requirement, pip options for the wheel's own platform, libraries in the wheel)
    "tf115": ("tensorflow==1.15.5", ("--only-binary=:all:", "--python-version", "37", "--platform",
                                     "manylinux2010_x86_64"),
              ("tensorflow_core/libtensorflow_framework.so.1",
               "tensorflow_core/python/_pywrap_tensorflow_internal.so")),
    "tf24": ("tensorflow-cpu==2.4.4", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                       "manylinux2010_x86_64"),
             ("tensorflow/libtensorflow_framework.so.2", "tensorflow/python/_pywrap_tensorflow_internal.so")),
    "tflite27": ("tflite-runtime==2.7.0", ("--only-binary=:all:", "--python-version", "38", "--platform",
                                           "manylinux2014_x86_64"),
                 ("tflite_runtime-2.7.0.data/purelib/tflite_runtime/_pywrap_tensorflow_interpreter_wrapper.so",)),
}


def label(key: str, lib: str) -> str:
    """``tensorflow 1.15.5 tensorflow_core/libtensorflow_framework.so.1``: the release and the library's path."""
    req = RELEASES[key][0]
    name, version = req.split("==")
    return f"{name} {version} {lib.split('/purelib/')[-1]}"


@lru_cache(maxsize=None)
def release_strings(key: str) -> dict[str, str]:
    """``strings -n 8`` over each library of the release ``key`` ({label: text}); the wheel is fetched once (a wheel
    that cannot be fetched ends the build with one line), a library is copied out of the zip into a temporary
    folder and read there.  The text is kept beside the wheel (``<wheel>.<library hash>.strings``) so a rebuild
    does not unpack 300 MB again."""
    req, options, libs = RELEASES[key]
    wheel = _wheel(req, WHEELS, options)
    out = {}
    for lib in libs:
        cache = wheel.with_name(f"{wheel.name}.{hashlib.sha256(lib.encode()).hexdigest()[:12]}.strings")
        if not cache.exists():
            with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory(prefix="sigcheck-release-") as tmp:
                try:
                    path = Path(z.extract(lib, tmp))
                except KeyError:
                    raise SystemExit(f"explain_index_releases: {lib} not in {wheel.name}") from None
                text = subprocess.run(["strings", "-n", "8", str(path)], capture_output=True, text=True,
                                      check=True).stdout
            part = cache.with_name(f".{cache.name}.tmp")
            part.write_text(text, encoding="utf-8")
            part.replace(cache)
        out[label(key, lib)] = cache.read_text(encoding="utf-8")
    return out



# ------------------------------------------------------------------------------------------------ the families

RELEASE_NOT_SERVING = re.compile(
    r"Check failed|LMDB|[Cc]heckpointing is currently|for (?:duration|field mask|timestamp), value|map key type|"
    r"descriptor [Kk]ey|(?:actual|expected) is not a valid serialized|[Mm]etagraph|Do not fuse|source dim is not|"
    r"bb argument|type for Or\b|constant table|[Rr]ebatching|permutation|masked attr|binary broadcast|"
    r"broadcast_dimensions|\{\d\}|%u|Dataset cannot|GCS file system|dump FunctionDef|window_strides|"
    r"Padding cannot exceed|[Uu]nicode|Code point|splits Tensor dtype|Unsupported: type mismatch|ServerBuilder|"
    r"cancel_stream|rewritten graph|[Cc]heckpointing|NumPy")
"""Literals the families take from an older release that are another subsystem's (XLA CHECKs, protobuf's JSON
reader, TLS, grappler's tools, dataset checkpoints, test helpers): 2.21's libraries no longer carry them, so the
family filters were never tuned on them.  Not what a served model's request or load prints."""


@lru_cache(maxsize=1)
def current() -> tuple[frozenset[str], frozenset[str]]:
    """2.21's library lines, and the literals its build reads: TF_RULES, HISTORICAL_TF and what FAMILIES take."""
    texts = base.tf_sources()
    lines = frozenset(line for lib, text in texts.items() if lib.endswith((".so", ".2")) for line in text.splitlines())
    literals = {literal for literal, *_ in base.TF_RULES} | {literal for literal, *_ in base.HISTORICAL_TF}
    literals |= {literal for _, literal, _ in base.family_literals(texts)}
    return lines, frozenset(t.strip(" :,;.'\"([{=") for t in literals) - {""}


@lru_cache(maxsize=1)
def held() -> tuple[re.Pattern, ...]:
    """The patterns the 2.21 build gives from TensorFlow's messages with captures (TF_RULES, HISTORICAL_TF)."""
    made = base.tf_entries(base.tf_sources()) + base.historical_entries()
    return tuple(re.compile(e["pattern"], re.I) for e in made)


def is_held(literal: str) -> bool:
    """The 2.21 build reads ``literal`` already: one of its literals is it (or begins it), or a pattern matches it."""
    return any(literal.startswith(t) for t in current()[1]) or any(p.search(literal) for p in held())


def older_lines(key: str) -> dict[str, str]:
    """The release's library strings without the lines 2.21's libraries hold too (what a family takes from those,
    the 2.21 build takes already)."""
    lines = current()[0]
    return {lib: "\n".join(sorted(set(text.splitlines()) - lines)) for lib, text in release_strings(key).items()}


def family_release_entries() -> list[dict]:
    """explain_build_index's FAMILIES over each older release's libraries: a literal 2.21's entries do not read
    becomes an entry of its family (category split, meaning and pattern exactly as family_entries makes them),
    sourced to every release library that holds it."""
    taken = {literal for literal, *_ in base.TF_RULES}
    fams = {f[0]: f for f in base.FAMILIES}
    where: dict[str, list[str]] = {}
    family: dict[str, str] = {}
    for key in RELEASES:
        for name, literal, lib in base.family_literals(older_lines(key)):
            if RELEASE_NOT_SERVING.search(literal) or any(literal in t or t in literal for t in taken):
                continue
            family.setdefault(literal, name)
            where.setdefault(literal, []).append(lib)
    out = []
    for literal in sorted(where):
        if is_held(literal):
            continue
        name = family[literal]
        _, _, splits, default, meaning, _ = fams[name]
        category = next((c for rx, c in splits if re.search(rx, literal)), default)
        e = base.entry(literal + " …", base.lit(literal) + r"(?P<detail>[^\n]{0,160})",
                       f"{'; '.join(where[literal])} (strings -n 8; family {name})", meaning, category)
        e["example"] = literal
        e["family"] = name
        out.append(e)
    return out


# ------------------------------------------------------------------------------------------------ older wordings

FETCH_FIX = ("Fetch an output the loaded graph has: the output (fetch) name the client asks for is not a node of the "
             "graph — take it from the model (sigcheck inspect MODEL or saved_model_cli show --all for a SavedModel; "
             "for a frozen .pb the last node's name, e.g. final_result for a retrained image graph, not a library's "
             "default such as 'output')")
FEED_FIX = ("Feed an input the loaded graph has: the input name the client feeds is not a node of the graph — take "
            "it from the model (sigcheck inspect MODEL or saved_model_cli show --all; for a frozen .pb, "
            "[n.name for n in graph_def.node if n.op == 'Placeholder'])")
CONNECTION_FIX = ("Use tensor names the imported graph has: input_map keys and return_elements of import_graph_def "
                  "are 'node:output' names of the GraphDef itself, without the 'import/' prefix the import adds "
                  "(print [n.name for n in graph_def.node])")
ASSIGN_FIX = ("The checkpoint holds a variable of another shape than the graph that restores it (lhs: the graph's, "
              "rhs: the checkpoint's): build the model with the hyperparameters of the run that wrote the checkpoint "
              "(number of classes, vocabulary size, layer widths, input size), or restore only the variables that "
              "match (tf.train.Saver(var_list=...), tf.train.init_from_checkpoint without the changed layers)")
TFLITE_BYTES_FIX = ("The input buffer holds another number of bytes than the model's input tensor (required_bytes, "
                    "the first number, against the buffer's): a ratio of 4 is a float32 model (4 bytes a value) fed "
                    "uint8 values, or a uint8 / int8 quantized model fed float32 values — convert the model with "
                    "uint8 input (full-integer quantization, converter.inference_input_type = tf.uint8, as the Edge "
                    "TPU needs) or give it float32 values; another ratio is another image size or channel count "
                    "(interpreter.get_input_details()[0]['shape'])")

SHAPE_FN_FIX = ("The op and the two input shapes the message names are the tensors that do not fit, found while the "
                "graph was built (a Keras layer or a tf op of the model code): give the model inputs of the shape it "
                "was written for (the layer's expected size is the other number), or fix the layer sizes; for an "
                "Assign (weights loaded with load_weights / a restore) the weights file was saved by a model of "
                "another architecture or input size")

RELEASE_RULES = [
    # release | literals its libraries hold (checked: the build fails otherwise) | template | pattern | category |
    # meaning | fix | example as the runtime prints it | decider
    ("tflite27", ("%s:%d %s != %s (%d != %d)", "tensorflow/lite/core/subgraph.cc", "required_bytes"),
     "tensorflow/lite/core/subgraph.cc:{line} required_bytes != bytes ({required} != {given})",
     r"lite/core/subgraph\.cc:\d{1,5} required_bytes ?!= ?bytes \((?P<want_bytes>\d{1,15}) ?!= ?"
     r"(?P<got_bytes>\d{1,15})",
     "input_shape_mismatch", "the TFLite interpreter was handed an input buffer of another byte size than the "
     "input tensor (required_bytes, the first number, against the buffer's): another image size or channel count, "
     "or at a ratio of 4 float32 values against uint8 ones (TF_LITE_ENSURE_EQ in Subgraph::"
     "SetTensorParametersReadOnly, how pycoral / the Edge TPU API and native callers pass the buffer)",
     TFLITE_BYTES_FIX,
     "RuntimeError: external/org_tensorflow/tensorflow/lite/core/subgraph.cc:1044 required_bytes != bytes "
     "(3686400 != 921600)Node number 0 (edgetpu-custom-op) failed to invoke.", "tflite_bytes"),
    ("tflite27", ("Unsupported data type %d in tensor",),
     "Unsupported data type {type} in tensor",
     r"Unsupported data type (?P<tflite_type>\d{1,3}) in tensor",
     "runtime_version_mismatch", "the TFLite runtime building the interpreter met a tensor type code its schema does "
     "not have (interpreter_builder's ConvertTensorType): the model was converted by a newer TensorFlow, whose schema "
     "has more tensor types (e.g. 14 and up), than the TFLite runtime loading it",
     "Run the model with a TFLite runtime at least as new as the TensorFlow that converted it (tflite-runtime / "
     "tensorflow, org.tensorflow:tensorflow-lite, the app's or plugin's bundled TFLite), or convert it with the "
     "runtime's TensorFlow version (or avoid the newer type: e.g. keep int64 / float16 / resource tensors out of the "
     "converted graph)",
     "java.lang.IllegalArgumentException: Internal error: Cannot create interpreter: Unsupported data type 14 in "
     "tensor", None),
    ("tf115", ("FetchOutputs node ", ": not found"),
     "FetchOutputs node {name}: not found",
     rf"FetchOutputs node (?P<fetch>{base.NAME}): ?not found",
     "input_keys_mismatch", "a session run (TF 1.x's graph runner, the Android / iOS / Java TensorFlow APIs) was asked "
     "to fetch an output the graph has no node for: the output name the client uses is not the model's", FETCH_FIX,
     "Running model failed: Not found: FetchOutputs node output: not found", None),
    ("tf115", ("FeedInputs: unable to find feed output ",),
     "FeedInputs: unable to find feed output {name}",
     rf"FeedInputs: unable to find feed output (?P<input>{base.NAME})",
     "input_keys_mismatch", "a session run was asked to feed a tensor the graph has no node for: the input name the "
     "client feeds is not the model's", FEED_FIX,
     "tensorflow.python.framework.errors_impl.NotFoundError: FeedInputs: unable to find feed output input:0", None),
    ("tf115", ("Requested tensor connection from unknown node: ",),
     'Requested tensor connection from unknown node: "{name}".',
     rf"Requested tensor connection from unknown node: ?\"?(?P<input>{base.NAME})",
     "input_keys_mismatch", "tf.import_graph_def's input_map or return_elements names a tensor the imported GraphDef "
     "does not have", CONNECTION_FIX,
     'ValueError: Requested tensor connection from unknown node: "input:0".', None),
    # shape inference at graph construction: TF 1.x appends "for 'NODE' (op: 'OP') with input shapes: …" (2.x
    # writes "for '{{node NODE}} = OP[…]' …" instead)
    ("tf115", (" in both shapes must be equal, but are ", "' (op: '", "') with input shapes: "),
     "Dimension {d} in both shapes must be equal, but are {a} and {b}. Shapes are [{shape}] and [{shape}]. for "
     "'{node}' (op: '{op}') with input shapes: {shapes}",
     r"Dimension (?P<dim>\d{1,4}) in both shapes must be equal, but are (?P<a0>\d{1,12}) and (?P<b0>\d{1,12})",
     "input_shape_mismatch", "TensorFlow's shape inference, while the graph was built, found two tensors an op "
     "needs of equal size that differ in one dimension (a layer or op given an input of another size than its "
     "weights or its other input)", SHAPE_FN_FIX,
     "ValueError: Dimension 1 in both shapes must be equal, but are 10 and 5. Shapes are [?,10] and [?,5]. for "
     "'concat' (op: 'ConcatV2') with input shapes: [?,10], [?,5], [].", None),
    ("tf115", ("Shapes must be equal rank, but are ", "' (op: '", "') with input shapes: "),
     "Shapes must be equal rank, but are {a} and {b} for '{node}' (op: '{op}') with input shapes: {shapes}",
     r"Shapes must be equal rank, but are (?P<a_rank>\d{1,3}) and (?P<b_rank>\d{1,3})",
     "input_shape_mismatch", "TensorFlow's shape inference, while the graph was built, found two tensors an op "
     "needs of equal rank with different ranks (a missing or extra axis on one of them)", SHAPE_FN_FIX,
     "ValueError: Shapes must be equal rank, but are 2 and 1 for 'add' (op: 'Add') with input shapes: [10,5], [5].",
     None),
    ("tf115", ("Assign requires shapes of both tensors to match. lhs shape= ", " rhs shape= "),
     "Assign requires shapes of both tensors to match. lhs shape= {graph shape} rhs shape= {checkpoint shape}",
     r"Assign requires shapes of both tensors to match\. ?lhs shape= ?(?P<built_shape>\[[\d,\s?]{0,80}\]) ?rhs "
     r"shape= ?(?P<saved_shape>\[[\d,\s?]{0,80}\])",
     "model_graph_shape_bug", "a restore (Saver / RestoreV2 + Assign) found a checkpoint value of another shape "
     "than the graph's variable (lhs: the graph's, rhs: the checkpoint's): the code built the graph with a size "
     "(most often the number of classes) other than the run that wrote the checkpoint", ASSIGN_FIX,
     "InvalidArgumentError (see above for traceback): Assign requires shapes of both tensors to match. lhs shape= "
     "[1024,10] rhs shape= [1024,5]\n\t [[Node: save/Assign_3 = Assign[T=DT_FLOAT, _class=[\"loc:@fc/w\"], "
     "use_locking=true, validate_shape=true, _device=\"/job:localhost/replica:0/task:0/device:CPU:0\"](fc/w, "
     "save/RestoreV2:3)]]", "weight_shapes"),
]


def rule_release_entries() -> list[dict]:
    """RELEASE_RULES as entries: each literal a rule quotes is in its release's libraries (else the build stops),
    and the source names the libraries that hold them; a rule whose example the 2.21 build's own TensorFlow entries
    read already is left to them."""
    out = []
    for key, literals, template, pattern, category, meaning, fix, example, decider in RELEASE_RULES:
        if any(p.search(example) for p in held()):
            continue  # a TF_RULES / HISTORICAL_TF entry of the 2.21 build reads this message already
        texts = release_strings(key)
        libs = [lib for lib, text in texts.items() if any(literal in text for literal in literals)]
        missing = [literal for literal in literals if not any(literal in t for t in texts.values())]
        if missing:
            raise SystemExit(f"explain_index_releases: {missing[0]!r} not in {RELEASES[key][0]}'s libraries")
        e = base.entry(template, pattern, f"{'; '.join(libs)} (strings -n 8)", meaning, category, decider=decider,
                       fix=fix)
        e["example"] = example
        out.append(e)
    return base.examples_match(out, "explain_index_releases")


def entries() -> list[dict]:
    return family_release_entries() + rule_release_entries()

if __name__ == "__main__":
    for e in entries():
        print(f"{e['category'] or '-':28} {e['template'][:110]}\n{'':28} {e['source'][:150]}")
