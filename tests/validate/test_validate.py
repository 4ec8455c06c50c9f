"""validate_request: TF Serving's verdict plus the findings it never gives (issue 3), on real fixture models and on
contracts written here; hypothesis properties at the Diagnostic level."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigcheck.diagnostics import Severity
from sigcheck.errors import InputError
from sigcheck.model import read_model
from sigcheck.model.contract import from_contract
from sigcheck.validate import repair, validate_jsonl, validate_request

from .contracts import contract


IMAGE = contract({"image": ("DT_FLOAT", [-1, 150, 150, 3])}, {"probs": ("DT_FLOAT", [-1, 2])})
TABULAR = contract({"age": ("DT_FLOAT", [-1, 1]), "hours": ("DT_INT64", [-1, 1]),
                    "occupation": ("DT_STRING", [-1, 1])}, {"probabilities": ("DT_FLOAT", [-1, 2])})
X4 = contract({"x": ("DT_FLOAT", [-1, 4])})


@pytest.fixture(scope="session")
def keras_image(fixture_model):
    try:
        return read_model(str(fixture_model("keras_image")))
    except FileNotFoundError:
        return IMAGE


def image_body(batch: int, extra: int = 0) -> bytes:
    img = np.round(np.random.default_rng(0).random((150, 150, 3)), 3).tolist()
    for _ in range(extra):
        img = [img]
    return json.dumps({"instances": [img] * batch}).encode()


def codes(result) -> list[tuple[str, str | None, str]]:
    return [(f.severity.value, f.category, f.path) for f in result.findings]


def test_seed_case_extra_batch_dimension_and_fix(keras_image) -> None:
    body = image_body(2, extra=1)  # each instance [1, 150, 150, 3]
    default = validate_request(body, keras_image)  # another rank: an error by default (Conv2D fails on it)
    assert not default.ok and codes(default) == [("error", "extra_batch_dimension", "$.instances[0]")]
    warned = validate_request(body, keras_image, shape_check="warn")  # TF Serving's JSON layer accepts it
    assert warned.ok and codes(warned) == [("warning", "extra_batch_dimension", "$.instances[0]")]
    r = validate_request(body, keras_image, shape_check="error")  # the declared contract enforced
    assert r.decoded.accepted and not r.ok
    assert codes(r) == [("error", "extra_batch_dimension", "$.instances[0]")]
    f = r.findings[0]
    assert f.expected == "shape (150, 150, 3) per instance" and f.received == "shape (1, 150, 150, 3) per instance"
    assert r.tensors == {"image": ("DT_FLOAT", (2, 1, 150, 150, 3))}
    fixed = repair(r, keras_image)
    assert fixed is not None and fixed.result is not None and fixed.result.ok
    assert fixed.result.tensors == {"image": ("DT_FLOAT", (2, 150, 150, 3))}
    assert validate_request(image_body(2), keras_image).ok


def test_json_shape(keras_image) -> None:
    doc = validate_request(image_body(1, extra=1), keras_image).to_json()
    assert list(doc) == ["ok", "format", "signature", "tf_serving", "front_end", "tensors", "findings"]
    assert doc["tf_serving"] == {"accepted": True, "http_status": 200, "error": None, "stage": "ok"} and doc["front_end"] is None
    assert doc["tensors"] == {"image": {"dtype": "DT_FLOAT", "shape": [1, 1, 150, 150, 3]}}
    assert list(doc["findings"][0]) == ["severity", "code", "category", "path", "message", "expected", "received",
                                        "hint", "upstream", "line"]
    assert doc["findings"][0]["line"] is None  # a body, not a JSON Lines file


def test_shape_check_levels() -> None:
    body = b'{"instances": [[1, 2, 3]]}'
    assert validate_request(body, X4).findings[0].category == "input_shape_mismatch"
    warn = validate_request(body, X4, shape_check="warn")
    assert warn.ok and warn.findings[0].severity is Severity.WARNING
    assert validate_request(body, X4).findings == warn.findings  # warn is the default (TF Serving serves it)
    enforced = validate_request(body, X4, shape_check="error")
    assert not enforced.ok and enforced.findings[0].severity is Severity.ERROR
    assert validate_request(body, X4, shape_check="off").findings == []


def test_missing_batch_dimension_and_fix() -> None:
    r = validate_request(b'{"instances": [1, 2, 3, 4]}', X4, shape_check="error")
    assert codes(r) == [("error", "missing_batch_dimension", "$.instances")]
    fixed = repair(r, X4)
    assert fixed.result.ok and json.loads(fixed.body) == {"instances": [[1, 2, 3, 4]]}


@pytest.mark.parametrize(
    ("body", "category", "path"),
    [
        (b'{"instances": [[1,2,3,4], [1,2,3]]}', "ragged_instances", "$.instances[1]"),
        (b'{"instances": []}', "empty_instances", "$.instances"),
        (b'{"instances": [["a", "b", "c", "d"]]}', "bytes_sent_to_numeric_input", "$.instances[0][0]"),
        (b'{"instances": [[{"b64": "aGk="}, 1, 2, 3]]}', "bytes_sent_to_numeric_input", "$.instances[0][0]"),
        (b'{"instances": [[true, 1, 2, 3]]}', "dtype_mismatch", "$.instances[0][0]"),
        (b'[[1, 2, 3, 4]]', "instances_key_missing", "$"),
        (b'{"instance": [[1, 2, 3, 4]]}', "instances_key_missing", "$.instance"),
        (b'{"instances": [[1,2,3,4]], "inputs": [[1,2,3,4]]}', "instances_key_missing", "$"),  # as explain reads TF Serving's message
        (b'{"instances": [[1, 2, 3, 4.]]}', "json_parse_error", "$"),
        (b'{"signature_name": "predict", "instances": [[1,2,3,4]]}', "signature_not_found", "$.signature_name"),
        (b'{"instances": {"x": [1,2,3,4]}}', "instances_key_missing", "$.instances"),  # named columns: "inputs"
    ],
)
def test_rejections(body: bytes, category: str, path: str) -> None:
    r = validate_request(body, X4)
    assert not r.decoded.accepted and not r.ok
    errors = r.errors
    assert len(errors) == 1, r.findings
    assert (errors[0].category, errors[0].path) == (category, path)
    assert errors[0].upstream == r.decoded.error and errors[0].hint


def test_json_parse_error_has_line_and_column() -> None:
    r = validate_request(b'{\n  "instances": [\n    [1, 2, 3, Nan]\n  ]\n}', X4)
    f = r.errors[0]
    assert "line 3, column 17" in f.message and "NaN" in f.hint
    assert r.decoded.error == "JSON Parse error: Invalid value. at offset: 35"


def test_input_keys_did_you_mean() -> None:
    r = validate_request(b'{"instances": [{"Age": [30], "hours": [40], "occupation": ["x"]}]}', TABULAR)
    f = r.errors[0]
    assert f.category == "input_keys_mismatch" and 'rename "Age" to "age"' in f.hint
    fixed = repair(r, TABULAR)
    assert fixed is not None and fixed.result.ok


def test_signature_not_found_lists_signatures() -> None:
    r = validate_request(b'{"signature_name": "serving_defualt", "instances": [[1,2,3,4]]}', X4)
    assert 'did you mean "serving_default"' in r.errors[0].hint


def test_signature_flag_vs_body() -> None:
    two = contract({"x": ("DT_FLOAT", [-1, 4])}, extra={"other": {"method_name": "m", "inputs": {
        "z": {"dtype": "DT_STRING", "shape": [-1]}}, "outputs": {}}})
    r = validate_request(b'{"signature_name": "serving_default", "instances": [[1,2,3,4]]}', two, signature="other")
    assert r.signature == "serving_default" and r.findings[0].category == "signature_not_found"
    # a body without signature_name goes to serving_default: that is TF Serving's answer; the flag is an error
    r2 = validate_request(b'{"instances": ["a"]}', two, signature="other")
    assert not r2.decoded.accepted and r2.decoded.http_status == 400 and r2.signature == "serving_default"
    assert r2.checked == "other" and not r2.ok
    assert [(f.severity, f.category) for f in r2.findings] == [(Severity.ERROR, "signature_not_found")]
    assert '"signature_name": "other"' in r2.findings[0].hint and "answers 400" in r2.findings[0].message
    fixed = repair(r2, two, signature="other")
    assert json.loads(fixed.body) == {"instances": ["a"], "signature_name": "other"} and fixed.result.ok
    # --signature serving_default changes nothing
    assert validate_request(b'{"instances": [[1,2,3,4]]}', two, signature="serving_default").ok
    with pytest.raises(InputError):
        validate_request(b"{}", two, signature="nope")


def test_dtype_unsupported_half() -> None:
    half = contract({"x": ("DT_HALF", [-1, 2])})
    r = validate_request(b'{"instances": [[1.0, 2.0]]}', half)
    assert r.errors[0].category == "dtype_unsupported_half" and r.decoded.http_status == 400


def test_base64_text_sent_as_plain_string_and_fix() -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(64))).decode()
    img = contract({"image_bytes": ("DT_STRING", [-1])})
    r = validate_request(json.dumps({"instances": [png]}).encode(), img)
    assert r.decoded.accepted and r.errors[0].category == "base64_encoding"
    fixed = repair(r, img)
    assert fixed.result.ok and json.loads(fixed.body) == {"instances": [{"b64": png}]}
    bad = validate_request(b'{"instances": [{"b64": "aGVsbG8-_w"}]}', img)
    assert bad.errors[0].category == "base64_encoding" and "URL-safe" in bad.errors[0].hint


def test_payload_too_large_says_how_many_fit() -> None:
    big = np.round(np.random.default_rng(1).random((4, 150, 150, 3)), 3).tolist()
    body = json.dumps({"instances": big}).encode()
    assert len(body) > 1572864
    r = validate_request(body, IMAGE, target="vertex")
    f = [f for f in r.errors if f.category == "payload_too_large"][0]
    assert "about 3 of these 4 instances fit" in f.message and f.upstream.startswith("Request payload size exceeds")
    assert validate_request(body, IMAGE).ok  # plain TF Serving has no limit


def test_accepted_but_wrong_values() -> None:
    u8 = contract({"pixels": ("DT_UINT8", [-1, 4])})
    r = validate_request(b'{"instances": [[300, 1, 2, 3]]}', u8)
    assert r.decoded.accepted and r.errors[0].category == "dtype_mismatch"
    dup = validate_request(b'{"instances": [{"x": [1,2,3,4], "x": [5,6,7,8]}, {"x": [1,2,3,4]}]}', X4)
    assert dup.decoded.accepted and any(f.code == "request.duplicate_key" for f in dup.errors)
    trailing = validate_request(b'{"instances": [[1,2,3,4]]} junk', X4)
    assert trailing.ok and trailing.findings[0].severity is Severity.WARNING


def test_declared_scalar_output_is_a_warning_for_row_requests() -> None:
    """TF Serving checks the real output tensor, not the declared shape: only a warning that says "if"."""
    scalar_out = contract({"x": ("DT_FLOAT", [-1, 4])}, {"y": ("DT_FLOAT", [])})
    r = validate_request(b'{"instances": [[1,2,3,4]]}', scalar_out)
    assert r.decoded.accepted and r.ok and not r.errors
    w = r.warnings[0]
    assert (w.category, w.upstream) == ("output_batch_dimension", "Tensor name: y has no shape information ")
    assert "if the model really returns a scalar" in w.message and "sigcheck predict" in w.message
    assert validate_request(b'{"inputs": [[1,2,3,4]]}', scalar_out).findings == []  # columnar writes a scalar


def test_declared_output_batch_mismatch_is_a_warning() -> None:
    two = contract({"x": ("DT_FLOAT", [-1, 4])}, {"a": ("DT_FLOAT", [1, 2]), "b": ("DT_FLOAT", [3, 2])})
    r = validate_request(b'{"instances": [[1,2,3,4]]}', two)
    assert r.ok and [(w.category, w.upstream) for w in r.warnings] == [
        ("output_batch_dimension", "Tensor name: b has inconsistent batch size: 3 expecting: 1")]
    assert "if the model really returns these sizes" in r.warnings[0].message


def test_half_plus_three_tutorial_request_is_valid(tfs_testdata) -> None:
    """TF Serving's REST tutorial: {"instances": [1.0, 2.0, 5.0]} → 200 [3.5, 4.0, 5.5].  The TF 1.0 export records
    no shapes in its signature (TensorFlow shows them as ()): unknown shapes, nothing to compare, nothing to warn."""
    info = read_model(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                          "saved_model_half_plus_three"))
    r = validate_request(b'{"instances": [1.0, 2.0, 5.0]}', info)
    doc = r.to_json()
    assert doc["ok"] and doc["tf_serving"] == {"accepted": True, "http_status": 200, "error": None, "stage": "ok"}
    assert doc["findings"] == []
    assert validate_jsonl([b"1.0", b"2.0", b"5.0"], info, target="ai-platform").findings == []


def unrecorded(recorded: bool) -> object:
    """saved_model_half_plus_three's signature as a contract: x and y with shape [] (recorded or not)."""
    t = {"dtype": "DT_FLOAT", "shape": []} if recorded else {"dtype": "DT_FLOAT", "shape": [], "shape_recorded": False}
    return from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": {"x": t}, "outputs": {"y": t}}}}, "test")


def test_unrecorded_shapes_are_unknown_not_scalar() -> None:
    """A shape the signature does not record is unknown (any shape); a recorded rank 0 is still a scalar."""
    info, scalar = unrecorded(False), unrecorded(True)
    for body in (b'{"instances": [1.0, 2.0, 5.0]}', b'{"instances": [[1.0, 2.0]]}', b'{"inputs": {"x": 3.0}}',
                 b'{"inputs": [[1.0], [2.0]]}'):
        assert validate_request(body, info).findings == [], body
    assert validate_jsonl([b"1.0", b"2.0"] * 40, info, chunk_lines=8).findings == []
    r = validate_request(b'{"instances": [1.0, 2.0, 5.0]}', scalar, shape_check="error")
    assert [(f.severity.value, f.category) for f in r.findings] == [("error", "scalar_input"),
                                                                    ("warning", "output_batch_dimension")]
    assert "is declared as a scalar" in r.findings[1].message
    # --fix for Vertex AI: a columnar body becomes rows when x is not a declared scalar
    body = b'{"inputs": {"x": [1.0, 2.0]}}'
    fixed = repair(validate_request(body, info, target="vertex"), info)
    assert fixed is not None and json.loads(fixed.body) == {"instances": [1.0, 2.0]} and fixed.result.ok
    assert repair(validate_request(body, scalar, target="vertex"), scalar) is None


def test_declared_shape_findings_say_may_not_will(tfs_testdata) -> None:
    """saved_model_half_plus_two_tf2_cpu declares x (1,) and answers a batch of 3 (SPEC §9): the finding is a
    warning by default (TF Serving serves it, so validate passes it) that does not claim the model fails, and an
    error with --shape-check error."""
    info = read_model(str(tfs_testdata / "tensorflow_serving/servables/tensorflow/testdata/"
                          "saved_model_half_plus_two_tf2_cpu"))
    r = validate_request(b'{"instances": [1.0, 2.0, 5.0]}', info)
    assert r.ok and not r.errors
    f = r.warnings[0]
    assert r.decoded.accepted and f.category == "fixed_batch_size_in_graph"
    assert "TF Serving accepts it" in f.message and "(1,)" in f.message and "sigcheck predict" in f.message
    for body, model, rank_change in [(b'{"instances": [[1, 2, 3]]}', X4, False),
                                     (image_body(1, extra=1), IMAGE, True),
                                     (b'{"instances": [1, 2, 3, 4]}', X4, True),
                                     (b'{"inputs": [[1, 2, 3, 4, 5]]}', X4, False)]:
        default = validate_request(body, model, shape_check="warn")
        assert default.ok and default.warnings and not default.errors, body
        # the default (rank): another rank is an error (almost every model fails on it), a size a warning
        assert validate_request(body, model).ok is not rank_change, body
        enforced = validate_request(body, model, shape_check="error")
        assert not enforced.ok and [f.message for f in enforced.errors] == [f.message for f in default.warnings]
        for finding in enforced.errors:
            assert "will fail" not in finding.message and "TF Serving accepts it" in finding.message, finding
            assert "may" in finding.message or "most models fail" in finding.message, finding
            assert "sigcheck predict" in finding.message, finding
    assert not validate_request(b'{"instances": [1.0, 2.0, 5.0]}', info, shape_check="error").ok


def test_jsonl_batch_with_line_numbers() -> None:
    lines = [json.dumps({"age": [30.0], "hours": [40], "occupation": ["a"]}).encode()] * 3
    lines.insert(2, b"")
    lines.append(json.dumps({"age": [30.0], "hours": [40.5], "occupation": ["a"]}).encode())
    r = validate_request(b"\n".join(lines), TABULAR, format_in="jsonl")
    assert r.input_format == "jsonl" and r.instances == 4
    f = r.errors[0]
    assert f.category == "dtype_mismatch" and f.path == "$.instances[3].hours[0]" and "(line 5)" in f.message
    assert r.decoded.error.startswith("Failed to process element: 3 key: hours")


def test_jsonl_in_chunks_matches_one_body() -> None:
    rows = [json.dumps([i, i + 1, i + 2, i + 3]).encode() for i in range(50)]
    whole = validate_jsonl(rows, X4)
    chunked = validate_jsonl(rows, X4, chunk_lines=7)
    assert whole.ok and chunked.ok and whole.tensors == chunked.tensors == {"x": ("DT_FLOAT", (50, 4))}
    rows[23] = b"[1, 2, 3]"
    a, b = validate_jsonl(rows, X4), validate_jsonl(rows, X4, chunk_lines=7)
    assert a.decoded.error == b.decoded.error == (
        "Failed to process element: 23 of 'instances' list. Error: INVALID_ARGUMENT: Expecting tensor size: 4 but "
        "got: 3")
    assert [f.path for f in a.errors] == [f.path for f in b.errors] == ["$.instances[23]"]
    rows[23] = b"[1, 2, 3, 4.]"
    c = validate_jsonl(rows, X4, chunk_lines=7)
    # gcloud reads each line on its own with Python's json (column 12: the "." with no digit after it)
    assert c.errors[0].category == "json_parse_error" and "(line 24, column 12)" in c.errors[0].message
    assert "digits on both sides" in c.errors[0].hint and not c.decoded.accepted


GCLOUD_LIMIT = "Online prediction can process no more than 100 instances per file. Please use batch prediction instead."


def test_jsonl_gcloud_instance_limit_is_gclouds_refusal_for_ai_platform_only() -> None:
    """gcloud ai-platform predict --json-instances refuses a file at its 101st line (before parsing it; an empty line
    or a line that is not JSON before it refuses first).  Vertex AI's gcloud takes a body (--json-request) and its
    batch prediction reads JSON Lines of any length: no instance limit there."""
    rows = [b"[1, 2, 3, 4]"] * 101
    for blocks in (True, False):
        for chunk_lines in (7, 1000):
            r = validate_jsonl(rows, X4, target="ai-platform", blocks=blocks, chunk_lines=chunk_lines)
            assert r.decoded.accepted and not r.ok  # TF Serving's own answer to the body: it takes 101 instances
            assert r.to_json()["front_end"] == {"name": "gcloud", "accepted": False, "status": None,
                                                "error": GCLOUD_LIMIT}
            (f,) = r.errors
            assert (f.code, f.category, f.path, f.upstream) == ("request.gcloud", "payload_too_large",
                                                                "$.instances[100]", GCLOUD_LIMIT)
            assert "line 101" in f.message
    assert validate_jsonl(rows[:100], X4, target="ai-platform").ok
    vertex = validate_jsonl(rows * 3, X4, target="vertex")
    assert vertex.ok and vertex.front_end is None and vertex.to_json()["front_end"] is None
    # file order: an empty line or a non-JSON line before line 101 refuses first; at line 101 the limit does
    for at, text, error in [(50, b"", "Empty line is not allowed in the instances file."),
                            (99, b"[1, 2,", GCLOUD_NOT_JSON), (100, b"[1, 2,", GCLOUD_LIMIT),
                            (100, b"", "Empty line is not allowed in the instances file."), (101, b"", GCLOUD_LIMIT),
                            (150, b"[1, 2,", GCLOUD_LIMIT)]:
        changed = rows + rows
        changed[at] = text
        for blocks in (True, False):
            r = validate_jsonl(changed, X4, target="ai-platform", blocks=blocks, chunk_lines=16)
            assert r.front_end.error == error, (at, text, blocks)
            assert [f.code for f in r.errors if f.code == "request.gcloud"] == ["request.gcloud"]


# ---------------------------------------------------------------------------------------------- properties

@st.composite
def image_requests(draw):
    """A valid request for a (-1, H, W, C) float input, and one mutation at a known instance."""
    h, w, c = draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 3))
    n = draw(st.integers(2, 4))
    values = draw(st.lists(st.floats(-10, 10, width=32), min_size=n * h * w * c, max_size=n * h * w * c))
    arr = np.array(values, dtype=np.float32).reshape(n, h, w, c).tolist()
    kind = draw(st.sampled_from(["none", "wrong_dtype", "ragged", "missing_key"]))
    i = draw(st.integers(1, n - 1))
    inst = [{"image": a} for a in arr]
    path = None
    if kind == "wrong_dtype":
        inst[i]["image"][h - 1][w - 1][c - 1] = "oops"
        path = f"$.instances[{i}].image[{h - 1}][{w - 1}][{c - 1}]"
    elif kind == "ragged":
        inst[i]["image"][h - 1] = inst[i]["image"][h - 1][:-1] if w > 1 else inst[i]["image"][h - 1] + [[0.0] * c]
        path = f"$.instances[{i}].image" if h == 1 else f"$.instances[{i}].image[{h - 1}]"
    elif kind == "missing_key":
        inst[i] = {"imag": inst[i]["image"]}
        path = f"$.instances[{i}].imag"
    sig = contract({"image": ("DT_FLOAT", [-1, h, w, c])})
    return sig, json.dumps({"instances": inst}).encode(), kind, path


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=image_requests())
def test_valid_passes_and_one_mutation_gives_one_error_at_its_path(case) -> None:
    sig, body, kind, path = case
    r = validate_request(body, sig)
    if kind == "none":
        assert r.ok and r.findings == []
        return
    assert len(r.errors) == 1, r.findings
    assert r.errors[0].path == path, (kind, r.errors[0], r.decoded.error)


def test_fix_wraps_bare_values_for_column_inputs() -> None:
    r = validate_request(b'{"instances": [{"age": 35.0, "hours": 40, "occupation": "x"}]}', TABULAR,
                         shape_check="error")
    assert [f.category for f in r.errors] == ["input_shape_mismatch"] * 3
    fixed = repair(r, TABULAR)
    assert fixed.result.ok
    assert json.loads(fixed.body) == {"instances": [{"age": [35.0], "hours": [40], "occupation": ["x"]}]}


# ---------------------------------------------------------------------------------------------- issue 3 follow-ups

UNKNOWN_INPUTS = 'Invalid JSON payload received. Unknown name "inputs": Cannot find field.'
TWO_SIGS = contract({"x": ("DT_FLOAT", [-1, 4])}, extra={"image_bytes": {
    "method_name": "tensorflow/serving/predict", "inputs": {"image_bytes": {"dtype": "DT_STRING", "shape": [-1]}},
    "outputs": {"probs": {"dtype": "DT_FLOAT", "shape": [-1, 2]}}}})


def test_vertex_refuses_the_columnar_format_and_fix_converts_it() -> None:
    body = b'{"inputs": {"x": [[1, 2, 3, 4], [5, 6, 7, 8]]}}'
    assert validate_request(body, X4).ok  # TF Serving itself takes it
    r = validate_request(body, X4, target="vertex")
    assert r.decoded.accepted and not r.ok
    assert [(f.category, f.path, f.upstream) for f in r.errors] == [("instance_format", "$.inputs", UNKNOWN_INPUTS)]
    assert '"instances"' in r.errors[0].hint
    fixed = repair(r, X4)
    assert fixed is not None and fixed.result.ok and fixed.result.target == "vertex"
    assert json.loads(fixed.body) == {"instances": [[1, 2, 3, 4], [5, 6, 7, 8]]}
    tab = validate_request(b'{"inputs": {"age": [[30.0], [40.0]], "hours": [[1], [2]], "occupation": [["a"], ["b"]]}}',
                           TABULAR, target="vertex")
    assert json.loads(repair(tab, TABULAR).body) == {"instances": [
        {"age": [30.0], "hours": [1], "occupation": ["a"]}, {"age": [40.0], "hours": [2], "occupation": ["b"]}]}
    # legacy AI Platform documents {"instances": [...]} only, too (no Google REST message to quote)
    ai = validate_request(body, X4, target="ai-platform")
    assert [(f.category, f.upstream) for f in ai.errors] == [("instance_format", None)]


def test_vertex_calls_serving_default_only() -> None:
    body = b'{"signature_name": "image_bytes", "instances": [{"b64": "aGVsbG8="}]}'
    assert validate_request(body, TWO_SIGS).ok
    assert validate_request(body, TWO_SIGS, target="ai-platform").ok  # AI Platform takes signature_name
    r = validate_request(body, TWO_SIGS, target="vertex")
    assert [(f.category, f.path) for f in r.errors] == [("signature_not_found", "$.signature_name")]
    assert "serving_default" in r.errors[0].message and "--default-signature image_bytes" in r.errors[0].hint
    assert r.errors[0].upstream == 'Invalid JSON payload received. Unknown name "signature_name": Cannot find field.'
    missing = validate_request(b'{"signature_name": "nope", "instances": [[1, 2, 3, 4]]}', TWO_SIGS, target="vertex")
    assert [(f.code, f.category) for f in missing.errors] == [("request.target", "signature_not_found")]
    # "serving_default" named in the body: refused all the same (no such field); --fix drops it
    named = validate_request(b'{"signature_name": "serving_default", "instances": [[1, 2, 3, 4]]}', X4, target="vertex")
    assert [(f.category, f.path) for f in named.errors] == [("instance_format", "$.signature_name")]
    assert json.loads(repair(named, X4).body) == {"instances": [[1, 2, 3, 4]]} and repair(named, X4).result.ok
    # --signature for a body with none: what Vertex AI cannot call is an error, not TF Serving's warning
    flag = validate_request(b'{"instances": [{"b64": "aGVsbG8="}]}', TWO_SIGS, signature="image_bytes", target="vertex")
    # (and a warning: "hello" is no image file, and the input is named as image bytes)
    assert [(f.severity.value, f.category) for f in flag.findings] == [("error", "signature_not_found"),
                                                                       ("warning", "encoded_image_string_mismatch")]
    rows = [b'{"b64": "aGVsbG8="}'] * 2
    assert [f.category for f in validate_jsonl(rows, TWO_SIGS, signature="image_bytes", target="vertex").errors] == [
        "signature_not_found"]
    assert validate_jsonl(rows, TWO_SIGS, signature="image_bytes", target="ai-platform").ok


def test_vertex_refuses_unknown_top_level_keys() -> None:
    body = b'{"instances": [[1, 2, 3, 4]], "parameter": {"k": 1}}'
    assert [f.severity.value for f in validate_request(body, X4).findings] == ["warning"]  # TF Serving ignores it
    r = validate_request(body, X4, target="vertex")
    assert [(f.severity.value, f.path, f.upstream) for f in r.findings] == [
        ("error", "$.parameter", 'Invalid JSON payload received. Unknown name "parameter": Cannot find field.')]
    assert 'rename "parameter" to "parameters"' in r.findings[0].hint


def test_jsonl_lines_wrapped_as_bodies_are_named_and_fixed() -> None:
    lines = b'{"instances": [[1, 2, 3, 4], [5, 6, 7, 8]]}\n{"instances": [[9, 10, 11, 12]]}\n'
    r = validate_request(lines, X4, source="instances.jsonl")
    assert r.input_format == "jsonl" and not r.decoded.accepted
    f = r.errors[0]
    assert len(r.findings) == 1 and (f.category, f.path) == ("instance_format", "$.instances[0].instances")
    assert "one bare instance per line" in f.message and "(line 1)" in f.message and "--fix" in f.hint
    assert "no input" not in f.message
    fixed = repair(r, X4, lines=lines.splitlines(), jsonl_out=True)
    assert fixed is not None and fixed.result.ok
    assert fixed.body == b"[1,2,3,4]\n[5,6,7,8]\n[9,10,11,12]\n"
    # --format-in jsonl on a full body: the same mistake, named the same way
    body = validate_request(b'{"instances": [{"age": [30.0], "hours": [40], "occupation": ["a"]}]}', TABULAR,
                            format_in="jsonl")
    assert body.errors[0].category == "instance_format" and "--json-instances" in body.errors[0].message
    twice = validate_request(b'{"instances": [{"instances": [[1, 2, 3, 4]]}]}', X4)
    assert "wrapped twice" in twice.errors[0].message


@pytest.mark.parametrize(("lines", "bad", "phrase", "tf_serving"), [
    ([b"[1, 2, 3, 4]", b"[1, 2,", b"3, 4]"], 1, "not a whole JSON value", False),
    ([b"[1, 2, 3, 4]", b"[1, 2, 3, 4], [5, 6, 7, 8]"], 1, "more than one JSON value", True),
    ([b"[1, 2, 3, 4] x"], 0, "text after its JSON value", False),
    ([b"[1, 2, 3, 4]", b"[1, 2, 3, Nan]"], 1, "not valid JSON on its own", False),
])
def test_jsonl_each_line_stands_alone(lines: list[bytes], bad: int, phrase: str, tf_serving: bool) -> None:
    """Each line is read on its own as one instance: lines that only make JSON together are refused, with the line
    number — by gcloud for --target ai-platform (its message), by whatever turns the lines into a body for the
    others.  tf_serving stays TF Serving's own answer to the lines joined into a body."""
    for target, name in (("tf-serving", "json-lines"), ("vertex", "json-lines"), ("ai-platform", "gcloud")):
        for blocks in (True, False):
            r = validate_jsonl(lines, X4, blocks=blocks, target=target)
            assert not r.ok and r.decoded.accepted is tf_serving
            assert r.decoded.error is None or r.decoded.error.startswith("JSON Parse error")
            f = r.errors[0]
            assert r.front_end.name == name and r.front_end.status is None and r.front_end.reason == "not_json"
            assert (f.code, f.category, f.path) == ("request.gcloud", "json_parse_error", f"$.instances[{bad}]")
            assert phrase in f.message and f"line {bad + 1} " in f.message
            assert [e.code for e in r.errors] == ["request.gcloud"]  # TF Serving's parse error is not said twice
            if name == "gcloud":
                assert f.upstream == r.front_end.error == GCLOUD_NOT_JSON and "gcloud reads" in f.message
            else:
                assert f.upstream is None and r.front_end.error == f.message and "gcloud reads" not in f.message
    assert validate_jsonl([b"[1, 2, 3, 4]", b"[1, 2, 3, NaN]"], X4).decoded.accepted  # Python's json reads NaN
    assert validate_jsonl([b"[1, 2, 3, 4]"] * 3, X4).instances == 3


def test_jsonl_line_refused_after_a_rejection() -> None:
    """The reader reads the whole file before sending: a later line it cannot read still refuses the file, and
    tf_serving is TF Serving's first rejection."""
    rows = [b"[1, 2, 3, 4]"] * 20
    rows[2] = b"[1, 2, 3]"
    rows[15:17] = [b"[1, 2,", b"3, 4]"]
    for blocks in (True, False):
        r = validate_jsonl(rows, X4, chunk_lines=4, blocks=blocks, target="ai-platform")
        assert r.front_end.error == GCLOUD_NOT_JSON and not r.decoded.accepted
        assert "Expecting tensor size: 4 but got: 3" in r.decoded.error
        assert sorted((f.category, f.path) for f in r.errors) == [("json_parse_error", "$.instances[15]"),
                                                                  ("ragged_instances", "$.instances[2]")]


GCLOUD_EMPTY = "Empty line is not allowed in the instances file."
GCLOUD_NOT_JSON = 'Input instances are not in JSON format. See "gcloud ai-platform predict --help" for details.'


@pytest.mark.parametrize("text,line,index,upstream,category", [
    (b"[1, 2, 3, 4]\n\n[5, 6, 7, 8]\n", 2, 1, GCLOUD_EMPTY, "instance_format"),
    (b"[1, 2, 3, 4]\n[5, 6, 7, 8]\n\n", 3, 2, GCLOUD_EMPTY, "instance_format"),  # two newlines at the end
    (b"[1, 2, 3, 4]\r\n\r\n[5, 6, 7, 8]\r\n", 2, 1, GCLOUD_EMPTY, "instance_format"),  # gcloud strips \r\n
    (b"\n[1, 2, 3, 4]\n", 1, 0, GCLOUD_EMPTY, "instance_format"),
    (b"\n\n", 1, 0, GCLOUD_EMPTY, "instance_format"),
    (b"[1, 2, 3, 4]\n  \t\n[5, 6, 7, 8]\n", 2, 1, GCLOUD_NOT_JSON, "json_parse_error"),  # blanks: json.loads fails
    (b"[1, 2, 3, 4]\n[5, 6, 7, 8]\n ", 3, 2, GCLOUD_NOT_JSON, "json_parse_error"),
])
def test_jsonl_blank_line_refused_by_gcloud_for_ai_platform(text: bytes, line: int, index: int, upstream: str,
                                                            category: str) -> None:
    """gcloud ai-platform predict --json-instances (and local predict) refuse a file with an empty line; a line of
    blanks is not empty to it but is not JSON.  front_end is gcloud's refusal, the finding names the line, and
    tf_serving is TF Serving's answer to the body of the other lines (blank lines are no instances)."""
    import io

    for source in (io.BytesIO(text), text.splitlines(keepends=True)):
        for blocks in (True, False):
            if isinstance(source, io.BytesIO):
                source.seek(0)
            r = validate_jsonl(source, X4, target="ai-platform", blocks=blocks)
            assert not r.ok and r.front_end.name == "gcloud" and r.front_end.reason == "blank_line"
            assert r.to_json()["front_end"] == {"name": "gcloud", "accepted": False, "status": None, "error": upstream}
            assert r.decoded.accepted is (text.strip() != b"")  # only blank lines: TF Serving gets no instance
            (f,) = [f for f in r.errors if f.code == "request.gcloud"]
            assert (f.code, f.category, f.path, f.upstream) == ("request.gcloud", category, f"$.instances[{index}]",
                                                                upstream)
            assert f.message.startswith(f"line {line} ") and "--fix" in f.hint
            assert f.line == line and r.to_json()["findings"][0]["line"] == line  # the SARIF region, --json
    body = validate_request(text, X4, target="ai-platform", format_in="jsonl")
    assert body.front_end.error == upstream
    assert [f for f in body.errors if f.code == "request.gcloud"][0].message.startswith(f"line {line} ")


def test_jsonl_findings_carry_their_line() -> None:
    """A finding about one instance of a JSON Lines file names its line, in the message and in ``line``."""
    r = validate_request(b"[1, 2, 3, 4]\n\n[5, 6, 7]\n", X4, format_in="jsonl")
    (f,) = r.errors
    assert f.path == "$.instances[1]" and f.line == 3
    assert f.message.endswith("line 1 is (4,), line 3 is (3,)")  # the lines, not the instances' indices (trial8 F3)


def test_jsonl_blank_lines_skipped_where_nothing_refuses() -> None:
    """TF Serving reads no JSON Lines and Vertex AI's gcloud ai endpoints predict takes a body (--json-request):
    blank lines are not instances, and nothing refuses them."""
    text = b"\n[1, 2, 3, 4]\n  \n\n[5, 6, 7, 8]\n\n"
    for target in ("tf-serving", "vertex"):
        r = validate_request(text, X4, target=target, format_in="jsonl")
        assert r.ok and r.findings == [] and r.instances == 2 and r.tensors == {"x": ("DT_FLOAT", (2, 4))}
        assert r.front_end is None


def test_jsonl_first_refusal_in_file_order() -> None:
    """gcloud stops at the first line it refuses: a line that is not JSON before the blank one, or after it."""
    rows = [b"[1, 2, 3, 4]"] * 20
    before = rows[:5] + [b"[1, 2,"] + rows[6:12] + [b""] + rows[12:]
    after = rows[:5] + [b""] + rows[5:12] + [b"[1, 2,"] + rows[12:]
    for blocks in (True, False):
        a = validate_jsonl(before, X4, target="ai-platform", chunk_lines=4, blocks=blocks)
        assert a.front_end.error == GCLOUD_NOT_JSON and a.errors[0].message.startswith("line 6 ")
        b = validate_jsonl(after, X4, target="ai-platform", chunk_lines=4, blocks=blocks)
        assert b.front_end.error == GCLOUD_EMPTY and [f.path for f in b.errors if f.code == "request.gcloud"] == [
            "$.instances[5]"]
    # after TF Serving's rejection (line 3), gcloud still reads every line: the blank line refuses the file
    rejected = rows[:2] + [b"[1, 2, 3]"] + rows[3:17] + [b""] + rows[17:]
    for blocks in (True, False):
        r = validate_jsonl(rejected, X4, target="ai-platform", chunk_lines=4, blocks=blocks)
        assert r.front_end.error == GCLOUD_EMPTY and "Expecting tensor size" in r.decoded.error
        assert sorted((f.category, f.path) for f in r.errors) == [("instance_format", "$.instances[17]"),
                                                                  ("ragged_instances", "$.instances[2]")]


def test_jsonl_fix_drops_blank_lines(tmp_path) -> None:
    text = b"[1, 2, 3, 4]\n\n[5, 6, 7, 8]\n\n"
    r = validate_request(text, X4, target="ai-platform", format_in="jsonl")
    fixed = repair(r, X4, jsonl_out=True, lines=[ln for ln in text.splitlines() if ln.strip()])
    assert fixed is not None and fixed.body == b"[1,2,3,4]\n[5,6,7,8]\n"
    assert "left out the blank lines gcloud refuses" in fixed.changes and fixed.result.ok
    assert not any("body" in c or "one per line" in c for c in fixed.changes)  # JSON Lines in, JSON Lines out


def test_fix_messages_say_what_is_written() -> None:
    """JSON Lines → body says "converted …"; body → JSON Lines says "wrote … one per line"; JSON Lines → JSON Lines
    says neither, and JSON Lines output ends with a newline and never claims an added signature_name."""
    two = contract({"x": ("DT_FLOAT", [-1, 4])}, extra={"other": {"method_name": "m", "inputs": {
        "z": {"dtype": "DT_STRING", "shape": [-1]}}, "outputs": {}}})
    text = b'{"instances": [[1, 2, 3, 4]]}\n{"instances": [[5, 6, 7, 8]]}\n'
    lines = text.splitlines()
    r = validate_request(text, X4, source="in.jsonl")
    to_body = repair(r, X4, lines=lines)
    assert to_body.changes[0] == "converted the 2 JSON Lines instances to one body"
    assert not to_body.body.endswith(b"\n") and to_body.result.ok
    to_lines = repair(r, X4, lines=lines, jsonl_out=True)
    assert to_lines.changes == ["unwrapped the 2 request bodies of the lines into 2 bare instances"]
    assert to_lines.body == b"[1,2,3,4]\n[5,6,7,8]\n"
    body = validate_request(b'{"instances": [[[1, 2, 3, 4]]]}', X4)
    out = repair(body, X4, jsonl_out=True)
    assert out.changes[-1] == "wrote the 1 instance one per line (JSON Lines)" and out.body == b"[1,2,3,4]\n"
    flagged = validate_request(b'{"instances": ["a", "b"]}', two, signature="other")
    as_lines = repair(flagged, two, signature="other", jsonl_out=True)
    assert as_lines.body == b'"a"\n"b"\n' and not any("signature_name" in c for c in as_lines.changes)
    assert as_lines.result.ok  # validated as gcloud sends it: with --signature-name


def test_quoted_numbers_are_strings_sent_to_a_numeric_input() -> None:
    """A number in quotes is a JSON string: CATEGORIES.md's bytes_sent_to_numeric_input ("strings to a tensor whose
    dtype is numeric"), as explain reads TF Serving's message for it; the hint is to unquote it."""
    r = validate_request(b'{"instances": [{"age": ["30"], "hours": [40], "occupation": ["x"]}]}', TABULAR)
    f = r.errors[0]
    assert (f.category, f.path) == ("bytes_sent_to_numeric_input", "$.instances[0].age[0]")
    assert '30, not "30"' in f.hint and "b64" not in f.hint
    hours = validate_request(b'{"instances": [{"age": [30], "hours": [" 4.5"], "occupation": ["x"]}]}', TABULAR)
    assert hours.errors[0].category == "bytes_sent_to_numeric_input" and "whole number" in hours.errors[0].hint
    img = base64.b64encode(b"\xff\xd8\xff\xe0" + bytes(range(60))).decode()
    for value, what in [(img, "image"), ("male", "text")]:
        body = json.dumps({"instances": [{"age": [value], "hours": [40], "occupation": ["x"]}]}).encode()
        f = validate_request(body, TABULAR).errors[0]
        assert f.category == "bytes_sent_to_numeric_input", value
        assert ("b64" in f.hint) == (what == "image") and ("DT_STRING" in f.hint)
    b64 = validate_request(b'{"instances": [{"age": [{"b64": "aGk="}], "hours": [40], "occupation": ["x"]}]}', TABULAR)
    assert b64.errors[0].category == "bytes_sent_to_numeric_input"


def test_null_hint_knows_nan_for_floats() -> None:
    age = validate_request(b'{"instances": [{"age": [null], "hours": [40], "occupation": ["x"]}]}', TABULAR)
    assert "NaN" in age.errors[0].hint and "no missing-value marker" not in age.errors[0].hint
    assert validate_request(b'{"instances": [{"age": [NaN], "hours": [40], "occupation": ["x"]}]}', TABULAR).ok
    hours = validate_request(b'{"instances": [{"age": [1.0], "hours": [null], "occupation": ["x"]}]}', TABULAR)
    assert "no missing-value marker for int64" in hours.errors[0].hint and "no NaN" in hours.errors[0].hint
    # explain reads the null message: its form stays
    assert 'input "hours" expects int64 values, but got null' in hours.errors[0].message


def test_misspelt_instances_key_is_one_finding() -> None:
    r = validate_request(b'{"instance": [[1, 2, 3, 4]]}', X4)
    assert [(f.severity.value, f.category, f.path) for f in r.findings] == [
        ("error", "instances_key_missing", "$.instance")]
    v = validate_request(b'{"instance": [[1, 2, 3, 4]]}', X4, target="vertex")
    assert [(f.severity.value, f.category, f.path) for f in v.findings] == [
        ("error", "instances_key_missing", "$.instance")]


def test_predict_advice_is_one_set_of_fragments_that_predict_drops() -> None:
    """Every finding that tells the user to run `sigcheck predict` says it with checks.PREDICT_ADVICE; predict shows
    the same findings through without_predict_advice, which leaves no trace of that advice."""
    from sigcheck.validate.checks import without_predict_advice

    fixed_batch = contract({"x": ("DT_FLOAT", [1, 4])}, {"y": ("DT_FLOAT", [1, 1])})
    scalar = contract({"x": ("DT_FLOAT", [])}, {"y": ("DT_FLOAT", []), "z": ("DT_FLOAT", [-1])})
    mixed = contract({"x": ("DT_FLOAT", [-1, 4])}, {"y": ("DT_FLOAT", [2, 1]), "z": ("DT_FLOAT", [3, 1])})
    findings = [f for body, info in [(b'{"instances": [[[1, 2, 3, 4]]]}', X4),  # rank
                                     (b'{"instances": [[1, 2, 3, 4], [5, 6, 7, 8]]}', fixed_batch),
                                     (b'{"instances": [1.0, 2.0]}', scalar),
                                     (b'{"instances": [[1, 2, 3, 4]]}', mixed)]
                for f in validate_request(body, info, shape_check="warn").findings]
    advising = [f for f in findings if "sigcheck predict" in f.message + (f.hint or "")]
    assert {f.category for f in advising} >= {"extra_batch_dimension", "fixed_batch_size_in_graph", "scalar_input",
                                               "output_batch_dimension"}
    for f in advising:
        g = without_predict_advice(f)
        assert "sigcheck predict" not in g.message + (g.hint or "") and "()" not in g.message
        assert g.message.rstrip(")").strip() and g.category == f.category and g.path == f.path
    plain = [f for f in findings if f not in advising]
    assert all(without_predict_advice(f) is f for f in plain)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"NaN", b"Inf", b"Infinity", b"-", b'"', b"a", b"1", b",", b"[", b" ", b"Na", b"N"]),
                max_size=12))
def test_number_token_precheck_changes_no_verdict(parts) -> None:
    """The substring pre-check only skips the regex when it cannot match."""
    from sigcheck.validate.checks import _NUMBER_TOKEN, number_token_findings

    assert list(number_token_findings(b'{"instances": [[NaN, -Infinity]]}', "vertex"))
    assert not list(number_token_findings(b'{"instances": ["Infinity", "NaNa"]}', "ai-platform"))
    body = b"".join(parts)
    assert bool(list(number_token_findings(body, "vertex"))) == bool(_NUMBER_TOKEN.search(body))
    assert not list(number_token_findings(body, "tf-serving"))


def test_after_the_first_rejection_the_next_ones_are_reported() -> None:
    """TF Serving stops at "39.1"; sigcheck also names the null and the 1 that it would reject next, marked so,
    in TF Serving's order; tf_serving stays TF Serving's first error."""
    penguins = contract({"bill_length_mm": ("DT_FLOAT", [-1]), "body_mass_g": ("DT_FLOAT", [-1]),
                         "island": ("DT_STRING", [-1])})
    body = b'{"instances": [{"bill_length_mm": "39.1", "body_mass_g": null, "island": 1}]}'
    r = validate_request(body, penguins)
    assert r.decoded.error.endswith('JSON Value: "39.1" Type: String is not of expected type: float')
    assert [(f.path, f.category) for f in r.errors] == [
        ("$.instances[0].bill_length_mm", "bytes_sent_to_numeric_input"),
        ("$.instances[0].body_mass_g", "dtype_mismatch"),
        ("$.instances[0].island", "dtype_mismatch")]
    first, *later = r.errors
    assert not first.message.startswith("next") and first.upstream == r.decoded.error
    assert all(f.message.startswith("next, once the errors above are fixed, TF Serving would report: ")
               for f in later)
    assert later[0].upstream.endswith("JSON Value: null Type: Null is not of expected type: float")
    assert later[1].upstream.endswith("JSON Value: 1 Type: Number is not of expected type: string")
    doc = r.to_json()
    assert doc["tf_serving"]["error"] == r.decoded.error and len(doc["findings"]) == 3
    # each fixed in turn, the next run reports what is left
    r2 = validate_request(body.replace(b'"39.1"', b"39.1"), penguins)
    assert [f.path for f in r2.errors] == ["$.instances[0].body_mass_g", "$.instances[0].island"]
    # the columnar form, and a bad {"b64": ...}
    col = validate_request(b'{"inputs": {"bill_length_mm": ["1"], "body_mass_g": [2.0], "island": [{"b64": "!"}]}}',
                           penguins)
    assert [(f.path, f.category) for f in col.errors] == [("$.inputs.bill_length_mm[0]", "bytes_sent_to_numeric_input"),
                                                           ("$.inputs.island[0]", "base64_encoding")]


def test_the_same_mistake_many_times_is_said_once() -> None:
    img = [[[str(x) for x in range(3)]] * 150] * 150  # an image of quoted numbers: 67500 rejected leaves
    r = validate_request(json.dumps({"instances": [img]}).encode(), IMAGE)
    assert len(r.errors) == 1 and r.errors[0].category == "bytes_sent_to_numeric_input"


# --- values TF Serving accepts silently: the first real one, its exact path and line, what it becomes -------------

NARROW = contract({"flag": ("DT_BOOL", [-1]), "pixels": ("DT_UINT8", [-1, 4]), "small": ("DT_INT8", [-1]),
                   "mid": ("DT_INT16", [-1])})
FLOATS = contract({"v": ("DT_FLOAT", [-1, 2])})


def _rows(*pixels, small=(1,) * 3, mid=(1,) * 3) -> bytes:
    return json.dumps({"instances": [{"flag": i % 2 == 0, "pixels": p, "small": s, "mid": m}
                                     for i, (p, s, m) in enumerate(zip(pixels, small, mid))]}).encode()


@pytest.mark.parametrize(("body", "path", "value", "becomes"), [
    (_rows([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 256]), "$.instances[2].pixels[3]", 256, 0),
    (_rows([1, 2, 3, 4], [1, -1, 3, 4], [1, 2, 3, 300]), "$.instances[1].pixels[1]", -1, 255),
    (_rows([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], small=(1, 128, -129)), "$.instances[1].small", 128, -128),
    (_rows([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], mid=(1, 1, -32769)), "$.instances[2].mid", -32769, 32767),
    (json.dumps({"inputs": {"flag": [True, False], "pixels": [[1, 2, 3, 4], [1, 2, -1, 3]], "small": [1, 2],
                            "mid": [1, 2]}}).encode(), "$.inputs.pixels[1][2]", -1, 255),
])
def test_narrowed_integer_names_the_real_value(body: bytes, path: str, value: int, becomes: int) -> None:
    """The finding names the first out-of-range value (TF Serving's order), its exact path, and what C++ narrowing
    (two's-complement wrap, numpy astype from int64) makes of it — not a canned example."""
    r = validate_request(body, NARROW)
    (f,) = [f for f in r.errors if f.category == "dtype_mismatch"]
    assert f.path == path and f.received == f"{value} (the model gets {becomes})"
    assert f"({value} becomes {becomes} in " in f.message
    dtype = {"pixels": np.uint8, "small": np.int8, "mid": np.int16}[path.split(".")[-1].split("[")[0]]
    assert int(np.array([value], dtype=np.int64).astype(dtype)[0]) == becomes


def test_narrowed_integer_in_json_lines_names_its_line() -> None:
    rows = [json.dumps({"flag": True, "pixels": [1, 2, 3, 4], "small": 1, "mid": 1}).encode()] * 9
    rows[6] = json.dumps({"flag": True, "pixels": [1, 2, 3, 256], "small": 1, "mid": 1}).encode()
    for blocks in (True, False):
        for chunk_lines in (2, 100):
            r = validate_jsonl(rows, NARROW, chunk_lines=chunk_lines, blocks=blocks)
            (f,) = r.errors
            assert f.path == "$.instances[6].pixels[3]" and f.message.endswith("(line 7)")
            assert "256 becomes 0 in uint8" in f.message
    blank = validate_request(b"\n".join(rows[:3] + [b""] + rows[3:]), NARROW, format_in="jsonl")
    assert blank.errors[0].message.endswith("(line 8)")


def test_float32_overflow_and_precision_name_the_real_value() -> None:
    over = validate_request(b'{"instances": [[1.5, 2.5], [3.5, -1e39]]}', FLOATS)
    (f,) = over.findings
    assert f.path == "$.instances[1][1]" and "becomes -inf" in f.message and f.received.endswith("-inf)")
    big = validate_request(b'{"instances": [[1, 2], [3, 1435774381]]}', FLOATS)
    (g,) = big.findings
    assert g.path == "$.instances[1][1]" and "(1435774381 becomes 1435774336)" in g.message


def test_base64_text_finding_points_at_the_value() -> None:
    one = contract({"image_bytes": ("DT_STRING", [-1])})
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(40)).decode()
    r = validate_request(json.dumps({"instances": ["abc", "def", png]}).encode(), one)
    assert [f.path for f in r.errors] == ["$.instances[2]"]


@pytest.mark.parametrize("leaf", ["0.5", "[[[0.1, 0.2, 0.3]]]", "7"])
def test_pixel_values_sent_to_an_encoded_bytes_input(leaf: str) -> None:
    """An input named *_bytes takes a JPEG/PNG file as {"b64": …}: numbers there are decoded pixels, and the fix is
    to encode the image, not to quote the numbers."""
    info = contract({"image_bytes": ("DT_STRING", [-1])})
    result = validate_request(f'{{"instances": [{leaf}]}}'.encode(), info)
    (f,) = [d for d in result.findings if d.code == "request.dtype"]
    assert f.category == "encoded_image_string_mismatch" and '{"b64"' in f.hint and "quote" not in f.hint
    plain = contract({"text": ("DT_STRING", [-1])})  # another string input: quote the values
    (g,) = [d for d in validate_request(b'{"instances": [0.5]}', plain).findings if d.code == "request.dtype"]
    assert g.category == "dtype_mismatch" and "quote the values" in g.hint
