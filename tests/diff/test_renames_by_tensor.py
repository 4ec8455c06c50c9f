"""Issue 18: an output rename guess matches by tensor (tensor name, then shape), not alphabetically; renaming the only
input of a single-input signature breaks only the clients that name it, and the finding says which."""

from __future__ import annotations

import json

from sigcheck.diff import BREAKING, diff_models, guess_renames
from sigcheck.model.contract import from_contract
from sigcheck.model.types import TensorSpec
from sigcheck.validate import validate_request


def model(inputs: dict, outputs: dict, tensors: dict | None = None):
    tensors = tensors or {}

    def specs(d):
        return {n: {"dtype": "DT_FLOAT", "shape": s, **({"tensor_name": tensors[n]} if n in tensors else {})}
                for n, s in d.items()}

    return from_contract({"format": "sigcheck.signatures/v1", "signatures": {"serving_default": {
        "method_name": "tensorflow/serving/predict", "inputs": specs(inputs), "outputs": specs(outputs)}}}, "m")


def test_output_rename_guess_follows_the_shape_not_the_alphabet() -> None:
    old = model({"x": [-1, 4]}, {"a": [-1, 10], "b": [-1, -1]})
    new = model({"x": [-1, 4]}, {"x1": [-1, -1], "y1": [-1, 10]})
    renames = {(d.expected, d.received) for d in diff_models(old, new).findings if d.code == "diff.output_renamed"}
    assert renames == {("a", "y1"), ("b", "x1")}  # (-1, 10) stays (-1, 10); alphabetically a would take x1


def test_output_rename_guess_follows_the_graph_tensor_first() -> None:
    f = lambda n, t=None: TensorSpec(n, "DT_FLOAT", (-1, 2), t)  # noqa: E731
    removed = {"logits": f("logits", "Call:1"), "probs": f("probs", "Call:0")}
    added = {"class_probs": f("class_probs", "Call:0"), "logits_v2": f("logits_v2", "Call:1")}
    assert guess_renames(removed, added) == [("logits", "logits_v2"), ("probs", "class_probs")]
    added = {"class_probs": f("class_probs", "Call:1"), "logits_v2": f("logits_v2", "Call:0")}  # the tensor wins
    assert guess_renames(removed, added) == [("logits", "class_probs"), ("probs", "logits_v2")]


def test_indistinguishable_renames_are_not_guessed() -> None:
    f = lambda n: TensorSpec(n, "DT_FLOAT", (-1, 2), None)  # noqa: E731
    assert guess_renames({"p": f("p"), "q": f("q")}, {"m": f("m"), "n": f("n")}) == []


def test_renaming_the_only_input_says_who_breaks() -> None:
    old = model({"x": [-1, 4]}, {"y": [-1, 1]})
    new = model({"features": [-1, 4]}, {"y": [-1, 1]})
    r = diff_models(old, new)
    (d,) = r.findings
    assert d.code == "diff.input_renamed" and r.verdict == BREAKING
    assert "the only input" in d.message and "plain values" in d.message and "keep working" in d.message
    for who in ("row format with objects", "columnar", "gRPC"):
        assert who in d.message
    # what the finding says, checked with the request codec against the new model
    plain = json.dumps({"instances": [[1.0, 2.0, 3.0, 4.0]]}).encode()
    assert validate_request(plain, old).ok and validate_request(plain, new).ok
    named = json.dumps({"instances": [{"x": [1.0, 2.0, 3.0, 4.0]}]}).encode()
    assert validate_request(named, old).ok and not validate_request(named, new).decoded.accepted
    columnar = json.dumps({"inputs": {"x": [[1.0, 2.0, 3.0, 4.0]]}}).encode()
    assert validate_request(columnar, old).ok and not validate_request(columnar, new).decoded.accepted
    # with two inputs, a rename breaks every request (row values are always keyed)
    r = diff_models(model({"x": [-1, 4], "z": [-1, 1]}, {"y": [-1, 1]}),
                    model({"features": [-1, 4], "z": [-1, 1]}, {"y": [-1, 1]}))
    (d,) = r.findings
    assert d.code == "diff.input_renamed" and "the only input" not in d.message
