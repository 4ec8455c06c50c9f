"""Agreement with the request codec and ``validate`` (the validate issue's modules), not hope:

* every generated sample decodes the way TF Serving would — accepted, in the planned form, to exactly the
  planned tensor shapes and dtypes — on every fixture, every TF Serving test model and random signatures;
* every generated sample passes ``validate_request`` with no finding at all;
* on single mutations of samples, the lenient schema's verdict equals the codec's (TF Serving's) verdict, and
  the strict schema rejects every mutation ``validate`` reports an error for.
"""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schema_helpers import errors
from test_properties import first_leaf_path, forms, get_at, set_at, signatures

from sigcheck.codec.dtypes import dtype
from sigcheck.model import ModelInfo, read_model
from sigcheck.model.types import Signature, TensorSpec
from sigcheck.schema import RequestImpossibleError, Sample, build_sample, request_schema
from sigcheck.schema.layout import row_obstacle

FIXTURES = ["keras_tabular", "keras_unnamed", "keras_image", "module_multi", "tf1_learning_phase", "tf1_keep_prob",
            "tf1_placeholder_with_default", "tf1_fixed_batch", "tf1_file_ops"]
BIG = 5000
"""Samples with more leaves than this are checked in their first form only."""
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def decode() -> Callable[..., Any]:
    from sigcheck.codec.request import decode_request

    return decode_request


@pytest.fixture(scope="module")
def validate() -> Callable[..., Any]:
    from sigcheck.validate import validate_request

    return validate_request


def info_for(sig: Signature) -> ModelInfo:
    return ModelInfo(source="<generated>", tags=("serve",), signatures={sig.key: sig}, kind="contract")


def decoding_problems(decode: Callable[..., Any], sig: Signature, sample: Sample,
                      signatures: dict[str, Signature] | None = None) -> list[str]:
    decoded = decode(sample.body, signatures or {sig.key: sig})
    where = f"{sig.key} ({sample.layout}, batch {sample.batch})"
    if not decoded.accepted:
        return [f"{where}: TF Serving would answer {decoded.http_status}: {decoded.error}"]
    problems = []
    if decoded.format != sample.layout:
        problems.append(f"{where}: decoded as {decoded.format}")
    shapes = {n: t.shape for n, t in decoded.tensors.items()}
    if shapes != dict(sample.shapes):
        problems.append(f"{where}: decoded shapes {shapes}, planned {dict(sample.shapes)}")
    dtypes = {n: t.dtype for n, t in decoded.tensors.items()}
    wanted = {n: dtype(s.dtype).name for n, s in sig.inputs.items()}
    if dtypes != wanted:
        problems.append(f"{where}: decoded dtypes {dtypes}, signature {wanted}")
    return problems


def model_samples(info: ModelInfo) -> list[tuple[Signature, Sample, str]]:
    """(signature, sample, target) for every signature REST can call, in each form it can take."""
    from sigcheck.model.feeds import example_specs

    out = []
    for sig in info.signatures.values():
        # as `sample` builds them: an input its graph parses as tf.Example gets serialized Examples of its spec
        model = {"examples": example_specs(info, sig.key)}
        try:
            first = build_sample(sig, **model)
        except RequestImpossibleError:
            continue
        out.append((sig, first, "tf-serving"))
        if sum(math.prod(s) for s in first.shapes.values()) > BIG:
            continue  # keras_image: one 67 500-float instance is coverage enough
        out += [(sig, build_sample(sig, **kwargs, **model), "tf-serving") for kwargs in forms(sig)[1:]]
        if sig.key == "serving_default" and row_obstacle(sig) is None:
            out.append((sig, build_sample(sig, target="vertex", **model), "vertex"))
    return out


def tfs_infos(root: Path) -> list[ModelInfo]:
    return [read_model(str(p.parent)) for p in sorted(root.rglob("saved_model.pb"))]


# --- the codec ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_samples_decode_as_planned(decode, fixture_model, name: str) -> None:
    info = read_model(str(fixture_model(name)))
    problems = [p for sig, sample, _ in model_samples(info)
                for p in decoding_problems(decode, sig, sample, dict(info.signatures))]
    assert not problems, "\n".join(problems)


def test_tf_serving_model_samples_decode_as_planned(decode, tfs_testdata: Path) -> None:
    problems, count = [], 0
    for info in tfs_infos(tfs_testdata):
        for sig, sample, _ in model_samples(info):
            problems += decoding_problems(decode, sig, sample, dict(info.signatures))
            count += 1
    assert count > 100 and not problems, "\n".join(problems)


@SETTINGS
@given(signatures())
def test_random_samples_decode_as_planned(decode, sig: Signature) -> None:
    problems = [p for kwargs in forms(sig) for p in decoding_problems(decode, sig, build_sample(sig, **kwargs))]
    assert not problems, "\n".join(problems)


def leaf_mutants(sig: Signature, name: str) -> list[tuple[str, Any]]:
    """Replacements for the first leaf of input ``name`` that TF Serving judges by JSON type/range alone."""
    dt = dtype(sig.inputs[name].dtype)
    kind = dt.json_kind
    common = [("null leaf", None), ("list of objects leaf", [{"z": 1}])]
    per_kind = {
        "number": [("string for number", "0.5"), ("bool for number", True), ("b64 for number", {"b64": "YQ=="})],
        "integer": [("float for integer", 0.5), ("string for integer", "3"), ("wide value for narrow int", 300),
                    ("above the accepted range", (dt.maximum or 0) + 1),
                    ("below the accepted range", (dt.minimum or 0) - 1)],
        "boolean": [("0 for bool", 0), ("string for bool", "true")],
        "string": [("number for string", 5), ("bad base64", {"b64": "@@@@"}), ("unpadded base64", {"b64": "YQ"}),
                   ("b64 not a string", {"b64": 5}), ("plain string", "hello"), ("two members", {"b64": "YQ==", "x": 1})],
    }
    return common + per_kind.get(kind, [])


def structure_mutants(body: dict[str, Any], sig: Signature) -> list[tuple[str, Any]]:
    key = "inputs" if "inputs" in body else "instances"
    other = "instances" if key == "inputs" else "inputs"
    out = [
        ("both forms", {**body, other: body[key] if key == "instances" else [body[key]]}),
        ("neither form", {k: v for k, v in body.items() if k != key}),
        ("unknown top-level key", {**body, "nested": [[[]]]}),
        ("wrong signature_name", {**body, "signature_name": "nope"}),
        ("signature_name not a string", {**body, "signature_name": 5}),
        ("empty instances", {k: v for k, v in body.items() if k != key} | {"instances": []}),
    ]
    if sig.key != "serving_default":
        out.append(("no signature_name", {k: v for k, v in body.items() if k != "signature_name"}))
    if key == "inputs":
        names = sorted(sig.inputs)
        out.append(("extra columnar key", {**body, "inputs": {**body["inputs"], "zz_extra": [1]}}))
        out.append(("one more level", {**body, "inputs": {n: [v] for n, v in body["inputs"].items()}}))
        if len(names) > 1:
            out.append(("missing input", {**body, "inputs": {n: body["inputs"][n] for n in names[1:]}}))
        else:
            out.append(("plain columnar value", {**body, "inputs": body["inputs"][names[0]]}))
    else:
        items = body["instances"]
        if isinstance(items[0], dict) and all(isinstance(v, dict) and "b64" not in v for v in items[:1]):
            out.append(("extra key in an instance", {**body, "instances": [{**items[0], "zz_extra": 1}] + items[1:]}))
        if len(sig.inputs) == 1:
            name = next(iter(sig.inputs))
            out.append(("values and objects mixed", {**body, "instances": items + [{name: items[0]}]}))
    return out


def add_leaf_mutants(mutants: list[tuple[str, Any]], body: Any, sig: Signature, name: str,
                     tensor_path: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """Append one mutant of ``body`` per wrong leaf for input ``name`` (at its first leaf); return that leaf's path."""
    leaf = first_leaf_path(get_at(body, tensor_path))
    if leaf is not None:
        for what, value in leaf_mutants(sig, name):
            mutant = copy.deepcopy(body)
            set_at(mutant, tensor_path + leaf, value)
            mutants.append((what, mutant))
    return leaf


FORMER_CODEC_BUGS = {
    "bool for number": ("DT_FLOAT", b'{"inputs": [[0.35, true]]}'),
    "number for string": ("DT_STRING", b'{"inputs": [[5, "a"]]}'),
}
"""Mutations the codec once got wrong (found by the property tests below): a wrong-type leaf among right ones in a
tensor of rank >= 2.  TF Serving's AddValueToTensor rejects them (IsNumber / IsString); so must the codec."""


@pytest.mark.parametrize("what", sorted(FORMER_CODEC_BUGS))
def test_former_codec_disagreement_stays_fixed(decode, what: str) -> None:
    kind, body = FORMER_CODEC_BUGS[what]
    sig = Signature("serving_default", "", {"x": TensorSpec("x", kind, (-1, -1))}, {})
    assert errors(request_schema(sig, strict=False), json.loads(body))
    assert not decode(body, {sig.key: sig}).accepted


@SETTINGS
@given(signatures(), st.data())
def test_lenient_schema_agrees_with_the_codec_on_mutations(decode, sig: Signature,
                                                          data: st.DataObject) -> None:
    lenient = request_schema(sig, strict=False)
    layout = data.draw(st.sampled_from(["row", "columnar"] if row_obstacle(sig) is None else ["columnar"]))
    body = json.loads(build_sample(sig, layout=layout).body)
    mutants = structure_mutants(body, sig)
    name = data.draw(st.sampled_from(sorted(sig.inputs)))
    tensor_path = ("inputs", name) if layout == "columnar" else (
        ("instances", 0, name) if isinstance(body["instances"][0], dict) and len(sig.inputs) > 1 else ("instances", 0))
    add_leaf_mutants(mutants, body, sig, name, tensor_path)
    disagreements = []
    for what, mutant in mutants:
        raw = json.dumps(mutant).encode()
        decoded = decode(raw, {sig.key: sig})
        schema_ok = not errors(lenient, mutant, check=False)
        if schema_ok != decoded.accepted:
            disagreements.append(f"{what}: schema {'accepts' if schema_ok else 'rejects'}, TF Serving "
                                 f"{'accepts' if decoded.accepted else 'rejects: ' + str(decoded.error)}\n  {raw[:200]!r}")
    assert not disagreements, "\n".join(disagreements)


# --- validate ----------------------------------------------------------------------------------------------

def finding_lines(result: Any) -> list[str]:
    return [f"{d.severity.value} {d.code} at {d.path}: {d.message}" for d in result.findings]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_samples_pass_validate(validate, fixture_model, name: str) -> None:
    """Every sample passes validate; for a model that cannot answer any request (an unfed placeholder …) the only
    findings are the model's blockers, and validate does not say it is fine."""
    from sigcheck.gate.blockers import model_blockers

    info = read_model(str(fixture_model(name)))
    problems = []
    for sig, sample, target in model_samples(info):
        result = validate(sample.body, info, signature=sig.key, target=target)
        blockers = {(d.code, d.path, d.message) for d in model_blockers(info, sig.key)}
        request_side = [d for d in result.findings if (d.code, d.path, d.message) not in blockers]
        problems += [f"{sig.key} {sample.layout} {target}: {line}"
                     for line in finding_lines(type("R", (), {"findings": request_side}))]
        if result.ok == bool(blockers):
            problems.append(f"{sig.key} {sample.layout} {target}: ok={result.ok} with {len(blockers)} blocker(s)")
    assert not problems, "\n".join(problems)


def test_tf_serving_model_samples_pass_validate(validate, tfs_testdata: Path) -> None:
    problems = []
    for info in tfs_infos(tfs_testdata):
        for sig, sample, target in model_samples(info):
            result = validate(sample.body, info, signature=sig.key, target=target)
            problems += [f"{info.source} {sig.key} {target}: {line}" for line in finding_lines(result)]
    assert not problems, "\n".join(problems)


@SETTINGS
@given(signatures())
def test_random_samples_pass_validate(validate, sig: Signature) -> None:
    # a declared 0-size dimension: validate warns that the request carries no values, which holds for every
    # request of such a signature (the sample says so in a note); tested in test_zero_size_inputs_are_noted
    assume(not any(s.known_shape and 0 in s.known_shape for s in sig.inputs.values()))
    # different fixed first dimensions: every (columnar) request has different batch sizes, which validate warns
    # about; the sample cannot choose otherwise
    assume(len({s.known_shape[0] for s in sig.inputs.values() if s.known_shape and s.known_shape[0] >= 0}) < 2)
    info = info_for(sig)
    problems = []
    for kwargs in forms(sig):
        result = validate(build_sample(sig, **kwargs).body, info, signature=sig.key)
        problems += [f"{kwargs}: {line}" for line in finding_lines(result)]
    assert not problems, "\n".join(problems)


def test_zero_size_inputs_are_noted(validate) -> None:
    sig = Signature("serving_default", "", {"x": TensorSpec("x", "DT_FLOAT", (-1, 0))},
                    {"y": TensorSpec("y", "DT_FLOAT", (-1, 1))})
    sample = build_sample(sig)
    assert sample.body == b'{"instances": [[]]}\n' and "no values" in sample.notes[0]
    codes = {(d.code, d.severity.value) for d in validate(sample.body, info_for(sig)).findings}
    assert codes == {("request.body", "warning")}


def grown(body: dict[str, Any], sig: Signature, name: str, tensor_path: tuple, leaf: tuple,
          row: bool) -> tuple[str, Any] | None:
    """One more element along a dimension the signature fixes (None when that dimension is unknown)."""
    shape = sig.inputs[name].known_shape
    axis = len(leaf) - 1 + (1 if row else 0)
    if not leaf or shape is None or axis >= len(shape) or shape[axis] < 0:
        return None
    mutant = copy.deepcopy(body)
    level = get_at(mutant, tensor_path + leaf[:-1])
    level.append(copy.deepcopy(level[0]))
    return "one more element along a fixed dimension", mutant


@SETTINGS
@given(signatures(), st.data())
def test_strict_schema_rejects_what_validate_calls_an_error(validate, sig: Signature,
                                                            data: st.DataObject) -> None:
    """The declared contract never accepts a request ``validate`` reports an error for (shape errors included;
    ragged values along unknown dimensions are a documented schema limit and are not generated here)."""
    strict = request_schema(sig)
    layout = data.draw(st.sampled_from(["row", "columnar"] if row_obstacle(sig) is None else ["columnar"]))
    body = json.loads(build_sample(sig, layout=layout).body)
    name = data.draw(st.sampled_from(sorted(sig.inputs)))
    row = layout == "row"
    tensor_path = ("inputs", name) if not row else (
        ("instances", 0, name) if len(sig.inputs) > 1 else ("instances", 0))
    mutants = structure_mutants(body, sig)
    leaf = add_leaf_mutants(mutants, body, sig, name, tensor_path)
    if leaf is not None:
        extra = grown(body, sig, name, tensor_path, leaf, row)
        if extra is not None:
            mutants.append(extra)
    info = info_for(sig)
    missed = []
    for what, mutant in mutants:
        raw = json.dumps(mutant).encode()
        result = validate(raw, info, signature=sig.key, shape_check="error")  # (the declared contract enforced)
        # (request.batch, columnar inputs of different batch sizes, is no per-input declaration: a JSON schema cannot
        # compare lengths across inputs, so a signature declaring (1,) and (2,) has requests it accepts)
        flagged = [d for d in result.findings if d.severity.value == "error" and d.code != "request.batch"]
        if flagged and not errors(strict, mutant, check=False):
            missed.append(f"{what}: validate says {flagged[0].code}: {flagged[0].message}\n  {raw[:200]!r}")
    assert not missed, "\n".join(missed)
