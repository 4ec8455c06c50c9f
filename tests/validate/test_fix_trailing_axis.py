"""--fix wraps the bare values of an input declared with a trailing axis of 1 (``(-1, 1)``) in every form TF Serving
reads: keyed rows, unkeyed rows (a single-input Keras model, ``keras.Input(shape=(1,))``: ``{"instances": ["a",
"b"]}``) and the columnar format (``{"inputs": {"age": [30, 40]}}``), strings and numbers alike (trial 11, #8 and
#13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sigcheck.model import read_model
from sigcheck.validate import repair, validate_request

from .contracts import contract

ROOT = Path(__file__).resolve().parents[2]
TABULAR = read_model(str(ROOT / "fixtures" / "models" / "keras_tabular"))  # age / hours / occupation, all (-1, 1)
TEXT = contract({"text": ("DT_STRING", [-1, 1])})  # the Keras text-classification tutorial's input
ONE = contract({"v": ("DT_FLOAT", [-1, 1])})  # keras.Input((1,)) + Dense
GRAY = contract({"image": ("DT_FLOAT", [-1, 3, 3, 1])})  # grayscale images with their channel axis


def fixed_of(body: dict, info) -> tuple[dict, list[str]]:
    r = validate_request(json.dumps(body).encode(), info)
    assert not r.ok  # the bare values are errors (--shape-check rank, the default)
    fixed = repair(r, info)
    assert fixed is not None, "nothing repaired"
    assert fixed.ok, [f.message for f in fixed.result.errors]
    return json.loads(fixed.body), fixed.changes


@pytest.mark.parametrize("info,values,name", [(TEXT, ["the cat sat", "hello"], "text"), (ONE, [30, 40.5], "v")])
def test_unkeyed_rows_of_a_single_input_are_wrapped(info, values, name) -> None:
    body, changes = fixed_of({"instances": values}, info)
    assert body == {"instances": [[v] for v in values]}
    assert changes == [f'wrapped bare values in one-element lists (input: "{name}")']


def test_keyed_rows_are_still_wrapped() -> None:
    body, _ = fixed_of({"instances": [{"text": "the cat sat"}, {"text": "hello"}]}, TEXT)
    assert body == {"instances": [{"text": ["the cat sat"]}, {"text": ["hello"]}]}


def test_columnar_columns_are_wrapped_value_by_value() -> None:
    body, changes = fixed_of({"inputs": {"age": [30, 40], "hours": [1, 2], "occupation": ["rome", "oslo"]}}, TABULAR)
    assert body == {"inputs": {"age": [[30], [40]], "hours": [[1], [2]], "occupation": [["rome"], ["oslo"]]}}
    assert changes == ['wrapped bare values in one-element lists (3 inputs: "age", "hours", "occupation")']
    body, _ = fixed_of({"inputs": [30, 40]}, ONE)  # a single input's unnamed column
    assert body == {"inputs": [[30], [40]]}


def test_the_trailing_axis_of_a_deeper_shape() -> None:
    """(-1, 3, 3, 1) sent as 3x3 images: each pixel gets its axis (np.expand_dims(x, -1)), rows and columns."""
    img = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    want = [[[1], [2], [3]], [[4], [5], [6]], [[7], [8], [9]]]
    body, _ = fixed_of({"instances": [img, img]}, GRAY)
    assert body == {"instances": [want, want]}
    body, _ = fixed_of({"inputs": [img]}, GRAY)
    assert body == {"inputs": [want]}


def test_no_guess_where_the_trailing_axis_is_not_one() -> None:
    """(-1, 2) sent as bare values: which two values go together is a guess."""
    two = contract({"v": ("DT_FLOAT", [-1, 2])})
    r = validate_request(b'{"instances": [1, 2, 3, 4]}', two)
    fixed = repair(r, two)
    assert fixed is None or json.loads(fixed.body)["instances"] == [1, 2, 3, 4]


def test_lacks_last_one() -> None:
    from sigcheck.codec.shapes import lacks_last_one

    assert lacks_last_one((2,), (-1, 1)) and lacks_last_one([5, 28, 28], [-1, 28, 28, 1])
    assert not lacks_last_one((2,), (-1, 2))  # a trailing axis of 2 is no bare value
    assert not lacks_last_one((2, 1), (-1, 1))  # already right
    assert not lacks_last_one((5, 27, 28), (-1, 28, 28, 1))  # another size besides
    assert not lacks_last_one((2,), None) and not lacks_last_one((), (1,))


@pytest.mark.parametrize("info,body,said,hint", [
    (TEXT, {"instances": ["the cat sat", "hello"]}, 'input "text" is a bare value in each instance', "[value]"),
    (ONE, {"inputs": {"v": [30, 40]}}, 'input "v" holds bare values', "[value]"),
    (GRAY, {"instances": [[[0.0] * 3] * 3]}, 'input "image" lacks the trailing axis of 1', "np.expand_dims(x, -1)"),
])
def test_the_finding_says_what_is_bare_in_every_form(info, body, said, hint) -> None:
    """The finding validate prints (and predict shows) names the missing list, not image preprocessing."""
    r = validate_request(json.dumps(body).encode(), info)
    f = next(f for f in r.findings if f.code == "request.shape")
    assert f.message.startswith(said) and hint in f.hint and "--fix" in f.hint and "resize" not in f.hint


def test_named_columns_sent_under_instances_are_turned_into_rows() -> None:
    """The columnar form under the row format's key: TF Serving answers "Expecting 'instances' to be an list/array";
    validate and explain both say instances_key_missing, and --fix writes the rows."""
    columns = {"age": [[34.0], [51.0]], "hours": [[40], [20]], "occupation": [["a"], ["b"]]}
    r = validate_request(json.dumps({"instances": columns}).encode(), TABULAR)
    assert r.errors[0].category == "instances_key_missing" and "inputs" in (r.errors[0].hint or "")
    body, changes = fixed_of({"instances": columns}, TABULAR)
    assert body == {"instances": [{"age": [34.0], "hours": [40], "occupation": ["a"]},
                                  {"age": [51.0], "hours": [20], "occupation": ["b"]}]}
    assert changes == ['turned the named columns under "instances" into 2 row-format instances']
