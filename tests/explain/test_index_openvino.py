"""OpenVINO and OpenCV's dnn module in the explain index (#15), from scripts/explain_index_openvino.py.

The texts in data/provoked_openvino.jsonl were provoked with the real libraries (openvino 2026.4.1,
opencv-python-headless 4.10.0.84 and 5.1.0.95, in a throwaway virtualenv) on models TensorFlow 2.21 / Keras 3
exported: an IR whose version was edited to 12, a missing or cut .bin, an op of an opset the runtime lacks, a
SavedModel with string and JPEG-decoding ops, a TF2 function graph written without freezing, a .tflite keeping
resource variables, inputs of another shape / rank / precision / name, a device with no plugin, a training graph
with a dropout placeholder for OpenCV, OpenCV 5 without readNetFromTensorflow …  Each is recorded as Python printed
it (``traceback.format_exception_only``), and must be read to its category with a cause or first step naming the
cause; the texts that are not about the model (no category) must say what they are in the unknown view.  Nothing
here needs openvino or cv2 installed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .reading import best as _read
from .reading import rows_in_index, said, source_module

ov = source_module("explain_index_openvino")
DATA = Path(__file__).parent / "data" / "provoked_openvino.jsonl"
PROVOKED = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_row_is_in_the_index_with_its_source() -> None:
    for (template, pattern, source, category, *_), e in rows_in_index(ov.ROWS):
        assert re.match(r"(openvino \d{4}\.\d\.\d \(PyPI wheel\)|opencv-python-headless \d\.\d{1,2}\.\d \(PyPI wheel|"
                        r"github\.com/(openvinotoolkit/openvino|openvinotoolkit/model_server|opencv/opencv)@[0-9a-f]{12} )",
                        source), source
        assert e["fix"] and e["meaning"] if category else e["reading"]


def test_every_row_has_quotes_and_names_their_release() -> None:
    for template, _, source, *_ in ov.ROWS:
        quotes = ov.QUOTES[template]
        assert quotes, template
        assert any((q.repo in ov.WHEEL_REQS and q.commit in source) or f"@{q.commit[:12]} {q.path}" in source
                   for q in quotes), (template, source)


@pytest.mark.parametrize("repo", sorted(ov.WHEEL_REQS))
def test_each_row_quotes_the_library_of_its_release(repo: str) -> None:
    """Each row's pieces are in the named shared library (or Python file) of the wheel it names (the wheels are
    fetched by ``python scripts/explain_index_openvino.py --fetch``; the test skips without them)."""
    if ov.wheel_path(repo) is None:
        pytest.skip(f"no {ov.WHEEL_REQS[repo][0]} wheel in {ov.WHEELS} (python scripts/explain_index_openvino.py "
                    "--fetch)")
    checked = 0
    for qs in ov.QUOTES.values():
        for q in qs:
            if q.repo == repo:
                text = ov.wheel_member(q.repo, q.path)
                for piece in q.pieces:
                    assert piece in text, (q.path, piece)
                checked += 1
    assert checked


def test_github_quotes_are_skipped_without_a_mirror_and_say_so() -> None:
    """openvinotoolkit/openvino is too large to mirror here: its rows were read with the search tool's read_file at
    the commits named, and are checked only where a mirror exists."""
    repo = ov.OV_REPO
    if (ov.MIRRORS / repo.replace("/", "+") / "repo").exists():
        for qs in ov.QUOTES.values():
            for q in qs:
                if q.repo == repo:
                    text = ov.read(q.repo, q.commit, q.path)
                    assert all(p in text for p in q.pieces)
    else:
        assert all(ov.read(q.repo, q.commit, q.path) is None for qs in ov.QUOTES.values() for q in qs
                   if q.repo == repo)


def test_the_model_server_rows_quote_its_status_messages_at_their_commit() -> None:
    """OpenVINO Model Server's rows are checked in its git mirror (src/status.cpp at the commit named)."""
    from .reading import quotes_at_their_commits

    assert quotes_at_their_commits(ov, ov.OVMS_REPO, "the mirror is fetched with the search tool's fetch")


OVMS = [
    # (the REST body OVMS answers: {"error": StatusCode message}, category, a word the cause or first step must have)
    ('{"error": "Model with requested version is retired"}', "model_not_found", "model_version_policy"),
    ('{"error": "Model with requested version is not loaded yet"}', "model_load_failed", "log"),
    ('{"error": "Could not parse input content. Unsupported data precision detected"}', "dtype_mismatch", "FP32"),
    ('{"error": "Received binary image input but resource not configured to accept NHWC layout"}',
     "input_shape_mismatch", "--layout NHWC:NCHW"),
    ("[2025-01-15 15:45:46.463][1][modelmanager][error][modelinstance.cpp:662] Batching set to AUTO but model contains "
     "scalar tensor", "scalar_input", "--batch_size auto"),
    ('{"error": "Model could not be reshaped with requested shape"}', "input_shape_mismatch", "metadata"),
]


@pytest.mark.parametrize("text, category, word", OVMS, ids=[c[1] + "-" + str(i) for i, c in enumerate(OVMS)])
def test_a_model_server_status_reads_to_its_category(text: str, category: str, word: str) -> None:
    d = _read(text)
    assert d.category == category, (d.category, d.cause)
    assert word in said(d), said(d)


def test_a_wrong_piece_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    if ov.wheel_path(ov.OV) is None:
        pytest.skip("no openvino wheel")
    template = next(t for t, qs in ov.QUOTES.items() if qs[0].repo == ov.OV)
    q = ov.QUOTES[template][0]
    monkeypatch.setitem(ov.QUOTES, template, [q._replace(pieces=("Unable to read the modle",))])
    with pytest.raises(SystemExit, match="not in"):
        ov.check_quotes()


def test_opencv_5_has_no_tensorflow_reader_and_4_has() -> None:
    """The row for "module 'cv2.dnn' has no attribute 'readNetFromTensorflow'" rests on the two cv2 modules."""
    if ov.wheel_path(ov.CV4_WHEEL) is None or ov.wheel_path(ov.CV5_WHEEL) is None:
        pytest.skip("no opencv-python-headless 4.10.0 / 5.1.0 wheels")
    assert "readNetFromTensorflow" in ov.wheel_member(ov.CV4_WHEEL, ov.CV2_SO)
    assert "readNetFromTensorflow" not in ov.wheel_member(ov.CV5_WHEEL, ov.CV2_SO)


CATEGORIZED = [r for r in PROVOKED if r["category"]]


@pytest.mark.parametrize("row", CATEGORIZED, ids=[r["id"] for r in CATEGORIZED])
def test_a_provoked_text_reads_to_its_category_and_a_fix_naming_the_cause(row: dict) -> None:
    d = _read(row["text"])
    assert d.category == row["category"], (d.category, d.cause)
    assert row["word"] in said(d), said(d)


NOT_ABOUT = [r for r in PROVOKED if not r["category"]]


@pytest.mark.parametrize("row", NOT_ABOUT, ids=[r["id"] for r in NOT_ABOUT])
def test_a_text_not_about_the_model_says_what_it_is(row: dict) -> None:
    """A device plugin that cannot load, a property the plugin does not take, blobFromImage given no image: no
    category of the model's, and the unknown view says what the message is."""
    from sigcheck.explain import explain_text, read_unknown

    found = explain_text(row["text"])
    assert not found, (found[0].category, found[0].cause)
    assert any(row["word"] in r for r in read_unknown(row["text"]).readings), read_unknown(row["text"]).readings


def test_the_shape_openvino_prints_with_dots_is_read_as_a_shape() -> None:
    """OpenVINO's CPU plugin prints the tensor's shape as (1.28.28.3): the rank decider compares it with the model's
    [?,32,32,3] (one example without its batch: missing_batch_dimension; a batch of 4 for a model of batch 1:
    fixed_batch_size_in_graph), while '1.5' alone is no shape."""
    from sigcheck.explain.evidence import parse_shape

    assert parse_shape("(1.28.28.3)") == [1, 28, 28, 3]
    assert parse_shape("[?,32,32,3]") == [-1, 32, 32, 3]
    assert parse_shape("1.5") is None
    d = _read("Can't set the input tensor with index: 0, because the model input (shape=[?,224,224,3]) and the "
              "tensor (shape=(224.224.3)) are incompatible")
    assert d.category == "missing_batch_dimension"


def test_the_old_ir_reader_and_cpu_plugin_wordings() -> None:
    """2018-2019's 'cannot parse future versions' (an IR newer than the Inference Engine) and 2019-2021's
    'Unsupported primitive of type' (a layer in the CPU extension library) read from openvinotoolkit/openvino."""
    d = _read("[ INFO ] Loading network files\n[ ERROR ] Error reading network: cannot parse future versions: 6")
    assert d.category == "runtime_version_mismatch" and "newer" in said(d)
    d = _read("RuntimeError: Unsupported primitive of type: PriorBox name: conv11_mbox_priorbox")
    assert d.category == "runtime_version_mismatch" and "add_extension" in said(d)
    d = _read('RuntimeError: Exception from src/inference/src/cpp/core.cpp:117:\nException from src/inference/src/dev/'
              'core_impl.cpp:706:\nDevice with "MYRIAD" name is not registered in the OpenVINO Runtime')
    assert d.category == "runtime_version_mismatch" and "2022.3" in said(d)

    d = _read("RuntimeError: Input blob size is not equal network input size (150528!=602112).")
    assert d.category == "input_shape_mismatch" and "one image per request" in said(d)
    d = _read("RuntimeError: [ NOT_FOUND ] Failed to find input or output with name: 'input_1'")
    assert d.category == "input_keys_mismatch" and "any_name" in said(d)
    d = _read("RuntimeError: [ PARAMETER_MISMATCH ] Failed to set Blob with precision not corresponding to user input "
              "precision")
    assert d.category == "dtype_mismatch" and "astype(np.float32)" in said(d)


def test_opencv_s_openvino_backend() -> None:
    """OpenCV's OpenVINO backend (ie_ngraph.cpp): a load failure is read from the OpenVINO message inside it, or as
    the IR's release when that message says nothing more; a stick it cannot open is not about the model."""
    from sigcheck.explain import explain_text, read_unknown

    d = _read("cv2.error: OpenCV(4.5.3-openvino) ../opencv/modules/dnn/src/ie_ngraph.cpp:738: error: (-2:Unspecified "
              "error) Failed to initialize Inference Engine backend (device = CPU): Cannot create Swish layer swish_1 "
              "id:12 from unsupported opset: opset4 in function 'initPlugin'")
    assert d.category == "runtime_version_mismatch" and "one OpenVINO release" in said(d)
    text = ("cv2.error: OpenCV(4.4.0-openvino) ../opencv/modules/dnn/src/ie_ngraph.cpp:638: error: (-2:Unspecified "
            "error) Failed to initialize Inference Engine backend (device = MYRIAD): Can not init Myriad device: "
            "NC_ERROR in function 'initPlugin'")
    assert not explain_text(text)
    assert any("lsusb" in r for r in read_unknown(text).readings)
