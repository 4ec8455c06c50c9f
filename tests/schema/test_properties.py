"""Property tests over random signatures (dtype × shape × input count).

* every sample validates against the strict and the lenient schema, in every form it can take;
* the same seed gives the same bytes, and a batch is a prefix of a bigger batch;
* one mutation of a sample (a leaf of the wrong JSON type, a missing input, an extra top-level key, both
  "instances" and "inputs") is rejected by both schemas, since TF Serving rejects it too;
* signatures REST cannot call raise RequestImpossibleError in both generators.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_helpers import errors as checked_errors
from schema_helpers import UNRECORDED, make_signature, validator

from sigcheck.codec.dtypes import REST_DTYPES
from sigcheck.model.types import Signature, TensorSpec
from sigcheck.schema import RequestImpossibleError, build_sample, instance_schema, request_schema
from sigcheck.schema.layout import row_obstacle

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NON_REST = ["DT_HALF", "DT_BFLOAT16", "DT_COMPLEX64", "DT_UINT16", "DT_RESOURCE"]

names = st.text(alphabet="abcxyz_/.:-0123456789", min_size=1, max_size=8).filter(lambda n: n != "b64")
dims = st.one_of(st.just(-1), st.integers(0, 3))


def carried(shape: tuple[int, ...]) -> tuple[int, ...]:
    """A 0-size dimension only as the last one: JSON cannot carry dimensions after it (tested apart)."""
    return shape[:shape.index(0) + 1] if 0 in shape else shape


shapes = st.one_of(
    st.none(),
    st.just(UNRECORDED),
    st.tuples(st.one_of(st.just(-1), st.integers(1, 2))),
    st.lists(dims, min_size=0, max_size=3).map(tuple).map(carried),
    st.tuples(st.just(-1), st.lists(dims, min_size=0, max_size=2)).map(lambda t: carried((t[0], *t[1]))),
)


@st.composite
def signatures(draw: st.DrawFn, dtypes: list[str] | None = None) -> Signature:
    chosen = dtypes or sorted(REST_DTYPES)
    inputs = draw(st.dictionaries(names, st.tuples(st.sampled_from(chosen), shapes), min_size=1, max_size=4))
    # a few inputs named like binary ones
    if draw(st.booleans()):
        name, (dt, shape) = sorted(inputs.items())[0]
        inputs[f"{name}_bytes"] = ("DT_STRING", shape)
    key = draw(st.sampled_from(["serving_default", "serving_default", "predict_images"]))
    output_shapes = st.one_of(st.just((-1, 1)), st.just((-1,)), st.none(), st.just(()), st.just((2, 3)),
                              st.just(UNRECORDED))
    outputs = draw(st.dictionaries(st.sampled_from(["y", "scores", "z_bytes"]),
                                   st.tuples(st.sampled_from(["DT_FLOAT", "DT_INT64", "DT_STRING"]), output_shapes),
                                   min_size=1, max_size=2))
    return make_signature(inputs, key=key, outputs=outputs)


def errors(schema: dict[str, Any], instance: Any) -> list[str]:
    return checked_errors(schema, instance, check=False)


@settings(max_examples=12, deadline=None)
@given(signatures(), st.booleans())
def test_schemas_are_valid_draft_2020_12(sig: Signature, strict: bool) -> None:
    validator(request_schema(sig, strict=strict))
    if sig.key == "serving_default" and row_obstacle(sig) is None:
        validator(request_schema(sig, strict=strict, target="vertex"))


def forms(sig: Signature) -> list[dict[str, Any]]:
    """The keyword sets a sample of ``sig`` can be built with."""
    out: list[dict[str, Any]] = [{}, {"batch": None, "seed": 7}]
    if row_obstacle(sig) is None:
        out.append({"layout": "columnar"})
        if all(s.known_shape is None or s.known_shape[0] < 0 for s in sig.inputs.values()):
            out.append({"batch": 3, "seed": 3})
    return out


@SETTINGS
@given(signatures())
def test_samples_validate_in_every_form(sig: Signature) -> None:
    strict, lenient = request_schema(sig), request_schema(sig, strict=False)
    for kwargs in forms(sig):
        sample = build_sample(sig, **kwargs)
        body = json.loads(sample.body)
        assert not errors(strict, body), (kwargs, sample.body[:300])
        assert not errors(lenient, body), (kwargs, sample.body[:300])
        assert build_sample(sig, **kwargs).body == sample.body
    if row_obstacle(sig) is None:
        lines = build_sample(sig, jsonl=True).body.decode().splitlines()
        openapi = instance_schema(sig)
        assert all(not errors(openapi, json.loads(line)) for line in lines)
        if sig.key == "serving_default":
            vertex = json.loads(build_sample(sig, target="vertex").body)
            assert not errors(request_schema(sig, target="vertex"), vertex)


@SETTINGS
@given(signatures())
def test_batches_are_prefixes(sig: Signature) -> None:
    if row_obstacle(sig) is not None or any(s.known_shape is not None and s.known_shape[0] >= 0
                                            for s in sig.inputs.values()):
        return
    two = json.loads(build_sample(sig, batch=2, seed=11).body)["instances"]
    five = json.loads(build_sample(sig, batch=5, seed=11).body)["instances"]
    assert five[:2] == two


def wrong_leaf(value: Any) -> Any:
    """A JSON value of a type no dtype's leaf schema shares with ``value``."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return "12"
    if isinstance(value, str) or isinstance(value, dict):
        return 12.5
    raise AssertionError(value)


def first_leaf_path(value: Any, path: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = first_leaf_path(item, path + (i,))
            if found is not None:
                return found
        return None
    return path


def set_at(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        doc = doc[step]
    doc[path[-1]] = value


def get_at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@SETTINGS
@given(signatures(), st.data())
def test_single_mutations_are_rejected(sig: Signature, data: st.DataObject) -> None:
    strict, lenient = request_schema(sig), request_schema(sig, strict=False)
    sample = build_sample(sig, layout="columnar")
    body = json.loads(sample.body)
    name = data.draw(st.sampled_from(sorted(sig.inputs)))
    mutants: list[tuple[str, Any]] = []
    leaf = first_leaf_path(body["inputs"][name])
    if leaf is not None:
        mutant = copy.deepcopy(body)
        path = ("inputs", name) + leaf
        if leaf:
            set_at(mutant, path, wrong_leaf(get_at(mutant, path)))
        else:
            mutant["inputs"][name] = wrong_leaf(mutant["inputs"][name])
        mutants.append(("wrong leaf type", mutant))
    if len(sig.inputs) > 1:
        mutant = copy.deepcopy(body)
        del mutant["inputs"][name]
        mutants.append(("missing input", mutant))
    mutants.append(("both forms", {**body, "instances": [body["inputs"]]}))
    mutants.append(("neither form", {k: v for k, v in body.items() if k != "inputs"}))
    if sig.key != "serving_default":
        mutants.append(("no signature_name", {k: v for k, v in body.items() if k != "signature_name"}))
    for what, mutant in mutants:
        assert errors(strict, mutant), what
        assert errors(lenient, mutant), what
    assert errors(strict, {**body, "inptus": 1}), "unknown top-level key"


@SETTINGS
@given(signatures(), st.sampled_from(NON_REST))
def test_rest_cannot_answer_these_output_dtypes(sig: Signature, bad: str) -> None:
    sig = Signature(sig.key, sig.method_name, sig.inputs, {**sig.outputs, "half_out": TensorSpec("half_out", bad, (-1,))})
    for call in (lambda: request_schema(sig), lambda: build_sample(sig)):
        try:
            call()
        except RequestImpossibleError as exc:
            assert "cannot write it as JSON" in str(exc) and exc.hint
        else:
            raise AssertionError("expected RequestImpossibleError")
    request_schema(sig, strict=False)  # TF Serving's JSON layer still reads the request


@SETTINGS
@given(signatures(dtypes=NON_REST + ["DT_FLOAT"]))
def test_rest_cannot_carry_these_dtypes(sig: Signature) -> None:
    if all(s.dtype == "DT_FLOAT" or s.name.endswith("_bytes") for s in sig.inputs.values()):
        return
    for call in (lambda: request_schema(sig), lambda: build_sample(sig)):
        try:
            call()
        except RequestImpossibleError as exc:
            assert "REST API cannot carry" in str(exc) and exc.hint
        else:
            raise AssertionError("expected RequestImpossibleError")
