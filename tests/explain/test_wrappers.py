"""An unseen wrapper around a known message must still be read right (#15): a seeded sample of
benchmarks/explain_wrappers.py (the index's examples and the provoked texts, each wrapped the way a format writes it),
and the layer-reading rules that wrappers needed, each on a real message in its format."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path

import pytest

from sigcheck.explain import explain_text
from sigcheck.explain.evidence import extract
from sigcheck.explain.normalize import join_terminal_wraps, normalize

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("explain_wrappers", ROOT / "benchmarks" / "explain_wrappers.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("explain_wrappers", mod)
    spec.loader.exec_module(mod)
    return mod


SAMPLE = 45
MAX_LOST = 2
"""Messages of the sample a wrapper may lose (the full run keeps >= 99 % for every wrapper but cut_short; the misses
left are readings of the frames a wrapper adds and free-text captures; before the rules below, a terminal's width
cuts and autocorrect lost about one message in ten)."""
CUT_BAR = 0.5


@pytest.fixture(scope="module")
def measured() -> dict:
    bench = _bench()
    msgs = random.Random(15).sample(bench.messages(), SAMPLE)
    return bench.measure(msgs, list(bench.WRAPPERS), seed=15)


def test_every_wrapper_keeps_the_reading(measured: dict) -> None:
    low = {n: (r["kept"], r["total"], [(x["id"], x["got"]) for x in r["lost"]]) for n, r in measured.items()
           if n != "cut_short" and r["total"] - r["kept"] > MAX_LOST}
    assert not low
    assert all(r["total"] >= SAMPLE * 0.6 for n, r in measured.items() if n != "cut_short")


CUT_SAMPLE = 200
"""Messages the cut-short copies are measured on: in 45 (about 20 cut), one entry more in the index moved the sample
from 12/20 kept to 5/19 (seeds 10-19 gave 9-17 of about 20); 200 messages (about 85 cut, 0.6 s CPU) hold ~56 %."""


def test_cut_copies_mostly_keep_the_reading() -> None:
    bench = _bench()
    msgs = random.Random(15).sample(bench.messages(), CUT_SAMPLE)
    r = bench.measure(msgs, ["cut_short"], seed=15)["cut_short"]
    assert r["total"] >= 40
    assert r["kept"] / r["total"] >= CUT_BAR


# --------------------------------------------------------------------------------- the rules, one format each

RESHAPE = "Input to reshape is a tensor with 150528 values, but the requested shape has 50176"
CONCAT = "ConcatOp : Dimension 0 in both shapes must be equal: shape[0] = [1,5] vs. shape[1] = [32,5]"


def _read(text: str) -> tuple[str, dict]:
    found = explain_text(text)
    return (found[0].category, found[0].evidence) if found else ("unknown", {})


def test_terminal_width_cuts_join_up() -> None:
    long = ("Error when checking input: expected dense_input to have shape (None, 784) but got array with shape "
            "(28, 28)")
    for width in (80, 100):
        cut = "\n".join(long[i:i + width] for i in range(0, len(long), width))
        assert normalize(cut) == long
    text = "\n".join(CONCAT[i:i + 80] for i in range(0, len(CONCAT), 80))  # "shape[" / "1] = [32,5]"
    cat, ev = _read(text)
    assert (cat, ev) == _read(CONCAT) and ev  # the cut text reads as the whole line, numbers and all
    assert {ev.get("a0"), ev.get("b0")} == {"1", "32"} or (ev.get("a_shape"), ev.get("b_shape")) == ([1, 5], [32, 5])


def test_lines_that_merely_have_a_terminal_width_stay_apart() -> None:
    line = "x" * 79 + "."
    assert join_terminal_wraps(line + "\nPlease check the logs") == line + "\nPlease check the logs"
    assert join_terminal_wraps("a" * 80 + "\n  File x") == "a" * 80 + "\n  File x"  # a cut at a space: nothing
    assert join_terminal_wraps("a" * 79 + "\nb") == "a" * 79 + "\nb"
    # a Go program's log line that happens to be 120 long, then `go run`'s own last line
    go = ("2026/08/15 16:59:21 could not predict: rpc error: code = Unknown desc = Could not interpret initializer "
          "identifier: gelu")
    assert len(go) == 120
    assert join_terminal_wraps(go + "\nexit status 1") == go + "\nexit status 1"
    assert join_terminal_wraps("x" * 80 + "\nERROR: next") == "x" * 80 + "\nERROR: next"


def test_a_log_line_of_terminal_width_is_no_cut() -> None:
    # GitHub Actions' timestamped log: a line that happens to be 100 characters long is followed by the runner's next
    # line, not by the rest of it
    msg = "Expected multiples argument to be a vector of length 3 but got length 2"
    text = (f"2026-05-18T05:35:42.3163701Z ##[group]Run python serve_test.py\n2026-05-18T05:35:42.8150400Z {msg}\n"
            "2026-05-18T05:35:42.8111978Z ##[error]Process completed with exit code 1.")
    assert len(text.splitlines()[1]) == 100
    assert normalize(text) == msg
    assert _read(text) == _read(msg)


def test_docker_json_file_lines_are_the_lines_written() -> None:
    msg = "terminate called after throwing an instance of 'std::runtime_error'\n  what():  Invalid inputs shape."
    text = "\n".join(json.dumps({"log": ln + "\n", "stream": "stderr", "time": "2026-12-06T14:00:00.000000001Z"},
                                separators=(",", ":")) for ln in msg.splitlines())
    assert normalize(text) == normalize(msg)


def test_markdown_fences_carry_no_text() -> None:
    assert normalize(f"I get:\n\n```python\n{RESHAPE}\n```\n\n~~~\nThanks\n~~~") == f"I get: {RESHAPE} Thanks"


def test_a_windows_path_escaped_twice_is_one_path() -> None:
    # print(response.content) of a JSON body quoting a Windows path: bytes repr over JSON, four backslashes each
    body = json.dumps({"error": "docker: Error response from daemon: invalid volume specification: "
                                "'C:\\Users\\me\\models\\m:/models/m:rw:z'."})
    assert "'C:/Users/me/models/m:/models/m:rw:z'" in normalize(repr(body.encode()))


def test_a_web_pages_tags_and_pythons_carets_are_not_the_error() -> None:
    # a page's <pre><code> copy with <br> breaks; CPython 3.11's ^^^^ under the frame's source line
    page = "<pre><code>Traceback (most recent call last):<br>  File &quot;/app/x.py&quot;, line 3, in &lt;module&gt;" \
           "<br>    y = model.predict(x)<br>        ^^^^^^^^^^^^^^^^<br>" + RESHAPE + "</code></pre>"
    assert normalize(page) == RESHAPE
    kept = "raised in <module>: got <class 'int'> and {tensorflow <nil>} (<title>502 Bad Gateway</title>)"
    assert normalize(kept) == kept
    assert normalize("  out = f(x)\n        ~~~~^^^^^^^^^^\nValueError: bad") == "out = f(x) ValueError: bad"


def test_web_copy_invisible_characters_and_autocorrect() -> None:
    text = ("You must feed a value for placeholder tensor \u2018keep_\u200bprob\u2019 with dtype float")
    assert _read(text)[1]["placeholder"] == "keep_prob"
    assert normalize("\u2013model_base_path=/models/m \u2026") == "--model_base_path=/models/m ..."
    body = '{\u201cerror\u201d:\u00a0\u201cServing signature name: \\\u201dserving_defualt\\\u201c not found in signature def\u201d}'
    assert _read(body)[1]["signature"] == "serving_defualt"


def test_full_width_punctuation_ends_a_name() -> None:
    text = "predict \u3092\u547c\u3076\u3068\uff1aError: The SavedModel does not have signature: serving_default\u3002\u52a9\u3051\u3066"
    assert _read(text)[1]["signature"] == "serving_default"


def test_an_eager_ops_own_wrapper_is_not_the_function() -> None:
    text = ("{{function_node __wrapped__StatefulPartitionedCall_device_/job:localhost/replica:0/task:0/device:CPU:0}}"
            " Input to reshape is a tensor with 2 values, but the requested shape has 1\n\t [[{{function_node "
            "__inference_scalar_input_118}}{{node Reshape}}]] [Op:StatefulPartitionedCall] name: ")
    assert extract(normalize(text))["function"] == "__inference_scalar_input_118"
    alone = "{{function_node __wrapped__Reshape_device_/job:localhost/replica:0/task:0/device:CPU:0}} " + RESHAPE
    assert extract(normalize(alone))["function"].startswith("__wrapped__Reshape")


@pytest.mark.parametrize("text, wrapper, inner", [
    # Keras 3 traceback_utils.inject_argument_info_in_traceback (bold message, "Arguments received by")
    ("ValueError: Exception encountered when calling Sequential.call().\n\n\x1b[1m" + RESHAPE + "\x1b[0m\n\n"
     "Arguments received by Sequential.call():\n  \u2022 inputs=tf.Tensor(shape=(1, 3), dtype=float32)",
     "keras_call", RESHAPE),
    # Keras 2.x: 'Exception encountered when calling layer "dense" (type Dense).' … 'Call arguments received by layer'
    ('ValueError: Exception encountered when calling layer "dense" (type Dense).\n\n' + CONCAT + '\n\nCall arguments '
     'received by layer "dense" (type Dense):\n  \u2022 inputs=tf.Tensor(shape=(None, 5), dtype=float32)',
     "keras_call", CONCAT),
    # TF 2.x AtomicFunction.interpolate: "Graph execution error:" + "Detected at node N defined at …" + message
    ("tensorflow.python.framework.errors_impl.InvalidArgumentError: Graph execution error:\n\nDetected at node "
     "sequential/dense/MatMul defined at (most recent call last):\n  File \"/app/main.py\", line 9, in <module>\n\n"
     + RESHAPE + "\n\t [[{{node sequential/dense/MatMul}}]] [Op:__inference_predict_function_123]",
     "tf_graph", RESHAPE + " [[{{node sequential/dense/MatMul}}]] [Op:__inference_predict_function_123]"),
    # ops.py raise_from_not_ok_status: "{{function_node __wrapped__OP_device_…}} message [Op:OP] name: "
    ("tensorflow.python.framework.errors_impl.InvalidArgumentError: {{function_node __wrapped__Reshape_device_/job:"
     "localhost/replica:0/task:0/device:CPU:0}} " + RESHAPE + " [Op:Reshape] name: ", "tf_eager", RESHAPE),
])
def test_tensorflow_and_keras_rewrappers_are_peeled(text: str, wrapper: str, inner: str) -> None:
    from sigcheck.explain.layers import read_layers

    layers = read_layers(normalize(text))
    assert wrapper in layers.wrappers
    assert layers.message == normalize(inner)
