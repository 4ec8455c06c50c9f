"""Trial 11, findings 1 / 1b: a change is rated by what TF Serving answers over REST (row and columnar bodies) and
over gRPC (PredictRequest / PredictResponse maps keyed by name, TensorProtos carrying their dtype).

* A renamed single output whose shape or rank also changed was a "compatible" warning saying REST responses do not
  change (the rename branch skipped the tensor comparison): its shape change is now reported, breaking.
* A renamed single output is breaking even with the same shape: gRPC clients read ``outputs["old"]``.
* float -> double (and any JSON-superset input dtype) is breaking: TensorFlow does not cast a fed gRPC tensor; an
  output's values move to another TensorProto field (``float_val`` -> ``double_val``).

The models are the keras_tabular fixture's contract (``inspect --json`` of a real SavedModel), edited as a re-export
would change it.  What a finding says of REST responses is checked with the response writer (json_tensor.cc's
rules), and of REST requests with the request codec.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

from sigcheck.codec.response import write_response
from sigcheck.diagnostics import Severity
from sigcheck.diff import BREAKING, COMPATIBLE, diff_models, kind_of
from sigcheck.model import contract, read_model
from sigcheck.validate import validate_request

SD = "serving_default"


@pytest.fixture(scope="module")
def base(fixture_model) -> dict[str, Any]:
    """keras_tabular: inputs age (DT_FLOAT), hours (DT_INT64), occupation (DT_STRING), all (-1, 1); one output,
    probabilities DT_FLOAT (-1, 2); serving_default and serve over one function."""
    return contract.to_contract(read_model(str(fixture_model("keras_tabular"))))


def changed(base: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    new = copy.deepcopy(base)
    for key in (SD, "serve"):  # a re-export changes both signatures of the one function
        change(new["signatures"][key])
    return new


def diff(old: dict[str, Any], new: dict[str, Any]):
    return diff_models(contract.from_contract(old, "old.json"), contract.from_contract(new, "new.json"))


def rename_output(to: str, shape: list[int] | None = None, dtype: str | None = None):
    def change(sig: dict[str, Any]) -> None:
        spec = sig["outputs"].pop("probabilities")
        sig["outputs"][to] = spec | ({"shape": shape} if shape else {}) | ({"dtype": dtype} if dtype else {})
    return change


def rest_bodies(name: str, array: np.ndarray, dtype: str) -> tuple[str, str]:
    """TF Serving's row and columnar response bodies for one output."""
    return tuple(write_response({name: array}, fmt, {name: dtype})[1] for fmt in ("row", "columnar"))  # type: ignore


def test_renamed_single_output_with_another_shape_is_breaking(base) -> None:
    """Finding 1: scores (-1, 3) -> logits (-1, 5) was "compatible", exit 0, "REST responses do not change"."""
    r = diff(base, changed(base, rename_output("logits", [-1, 5])))
    codes = {d.code: d for d in r.findings}
    assert set(codes) == {"diff.sole_output_renamed", "diff.output_shape_changed"}
    assert r.verdict == BREAKING and not r.ok
    renamed, shape = codes["diff.sole_output_renamed"], codes["diff.output_shape_changed"]
    assert "do not change" not in renamed.message and "REST responses change too" in renamed.message
    assert "nothing to do for REST" not in (renamed.hint or "")
    assert shape.severity is Severity.ERROR and shape.path == f"$.signatures.{SD}.outputs.probabilities.shape"
    assert '(now "logits")' in shape.message and (shape.expected, shape.received) == ("shape (-1, 2)", "shape (-1, 5)")
    # what TF Serving writes: the bodies differ in both formats
    old = rest_bodies("probabilities", np.zeros((2, 2), np.float32), "DT_FLOAT")
    new = rest_bodies("logits", np.zeros((2, 5), np.float32), "DT_FLOAT")
    assert old[0] != new[0] and old[1] != new[1]


def test_renamed_single_output_with_another_rank_is_breaking(base) -> None:
    """Finding 1b: out (-1,) -> k (-1, 1): "predictions": [6.0, 15.0] becomes [[6.0], [15.0]]."""
    old_c = changed(base, lambda s: s["outputs"]["probabilities"].__setitem__("shape", [-1]))
    r = diff(old_c, changed(base, rename_output("k", [-1, 1])))
    assert {d.code for d in r.findings} == {"diff.sole_output_renamed", "diff.output_rank_changed"}
    assert r.verdict == BREAKING
    (rank,) = [d for d in r.findings if d.code == "diff.output_rank_changed"]
    assert "every response changes" in rank.message
    values = np.array([6.0, 15.0], np.float32)
    old_row, old_col = rest_bodies("out", values, "DT_FLOAT")
    new_row, new_col = rest_bodies("k", values.reshape(2, 1), "DT_FLOAT")
    assert json.loads(old_row) == {"predictions": [6.0, 15.0]}
    assert json.loads(new_row) == {"predictions": [[6.0], [15.0]]}
    assert old_col != new_col


def test_renamed_single_output_same_shape_keeps_rest_but_breaks_grpc(base) -> None:
    r = diff(base, changed(base, rename_output("scores")))
    (d,) = [d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.sole_output_renamed" and kind_of(d) == BREAKING and r.verdict == BREAKING
    assert 'outputs["probabilities"] of the PredictResponse' in d.message
    assert "REST responses do not change" in d.message
    # the claim, checked: TF Serving writes a single output's values without its name, in both formats
    array = np.array([[0.25, 0.75]], np.float32)
    assert rest_bodies("probabilities", array, "DT_FLOAT") == rest_bodies("scores", array, "DT_FLOAT")


def test_renamed_single_string_output_to_a_bytes_name_changes_rest(base) -> None:
    """A DT_STRING output whose name ends in _bytes is written as {"b64": ...}: that rename changes REST too."""
    old_c = changed(base, lambda s: s["outputs"]["probabilities"].__setitem__("dtype", "DT_STRING"))
    r = diff(old_c, changed(base, rename_output("label_bytes", dtype="DT_STRING")))
    (d,) = [d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.sole_output_renamed" and "REST responses change too" in d.message and '{"b64"' in d.message
    array = np.array([[b"a", b"b"]], object)
    assert rest_bodies("probabilities", array, "DT_STRING") != rest_bodies("label_bytes", array, "DT_STRING")


def test_float_to_double_input_is_breaking_for_grpc_only(base) -> None:
    """Finding 1b: DT_FLOAT -> DT_DOUBLE accepts every JSON value, but a gRPC DT_FLOAT tensor is refused."""
    new_c = changed(base, lambda s: s["inputs"]["age"].__setitem__("dtype", "DT_DOUBLE"))
    r = diff(base, new_c)
    (d,) = [d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.input_dtype_widened" and kind_of(d) == BREAKING and d.severity is Severity.ERROR
    assert "REST requests keep working" in d.message and "gRPC" in d.message and "float_val" in d.message
    assert "to be double but float is provided" in d.message
    assert r.verdict == BREAKING and not r.ok
    # the REST half of the claim, checked with the request codec: the same body is accepted by both
    body = json.dumps({"instances": [{"age": [30.5], "hours": [40], "occupation": ["nurse"]}]}).encode()
    for c in (base, new_c):
        assert validate_request(body, contract.from_contract(c, "m")).decoded.accepted


def test_output_dtype_rated_by_the_grpc_field(base) -> None:
    """float -> double moves the values from float_val to double_val (breaking); int8 -> int32 stays in int_val."""
    r = diff(base, changed(base, lambda s: s["outputs"]["probabilities"].__setitem__("dtype", "DT_DOUBLE")))
    (d,) = [d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.output_dtype_widened" and kind_of(d) == BREAKING
    assert "double_val instead of float_val" in d.message
    int8 = changed(base, lambda s: s["outputs"]["probabilities"].__setitem__("dtype", "DT_INT8"))
    int32 = changed(base, lambda s: s["outputs"]["probabilities"].__setitem__("dtype", "DT_INT32"))
    r = diff(int8, int32)
    (d,) = [d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.output_dtype_compatible" and kind_of(d) == COMPATIBLE and r.ok
    assert d.severity is Severity.WARNING and "int_val" in d.message


def test_renamed_only_input_with_another_shape_does_not_say_plain_values_keep_working(base) -> None:
    def only_input(name: str, shape: list[int]):
        return lambda s: s.__setitem__("inputs", {name: {"dtype": "DT_FLOAT", "shape": shape}})

    old_c = changed(base, only_input("image", [-1, 4]))
    (d,) = [d for d in diff(old_c, changed(base, only_input("images", [-1, 4]))).findings
            if d.path.startswith(f"$.signatures.{SD}.")]
    assert d.code == "diff.input_renamed" and "keep working" in d.message
    r = diff(old_c, changed(base, only_input("images", [-1, 6])))
    mine = {d.code: d for d in r.findings if d.path.startswith(f"$.signatures.{SD}.")}
    assert set(mine) == {"diff.input_renamed", "diff.input_shape_narrowed"}
    assert "keep working" not in mine["diff.input_renamed"].message
    assert "shape change breaks them too" in mine["diff.input_renamed"].message


def test_gate_baseline_fails_on_a_renamed_reshaped_output(base, fixture_model, tmp_path: Path) -> None:
    """The gate's baseline.diff is diff's verdict: it passed this change before."""
    from sigcheck.gate import run_gate

    new = tmp_path / "new.json"
    new.write_text(contract.pretty_json(changed(base, rename_output("logits", [-1, 5]))))
    r = run_gate(str(new), baseline=str(fixture_model("keras_tabular")))
    assert r.checks["baseline.diff"] == "fail" and not r.ok
