"""A string input that feeds a ParseExample op takes serialized tf.Examples (trial8 F12): validate, batch, sample and
schema agree with the server.  Models: tests/batch/models/tf_example (TF2, tf.io.parse_example → ParseExampleV2,
committed) and an estimator-style TF1 graph built once per session by tests/validate/example_models.py
(ParseExampleV2, ParseExample and ParseSingleExample signatures; needs TensorFlow to build, so its tests are tf)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sigcheck.batch.example import check_example, serialize_example
from sigcheck.diagnostics import Severity
from sigcheck.model import read_model
from sigcheck.model.feeds import example_specs
from sigcheck.schema import build_sample, instance_schema, request_schema
from sigcheck.validate import validate_request

ROOT = Path(__file__).resolve().parents[2]
TF_EXAMPLE = ROOT / "tests" / "batch" / "models" / "tf_example"
GOOD = {"age": {"float_list": [30.0]}, "occupation": {"bytes_list": [b"Sales"]}, "emb": {"float_list": [1.0, 2.0, 3.0]}}


@pytest.fixture(scope="module")
def tfe():
    return read_model(str(TF_EXAMPLE))


@pytest.fixture(scope="session")
def estimator(tf_built):
    """The estimator-style model (built in a subprocess: TensorFlow stays out of the test process)."""
    return tf_built(Path(__file__).with_name("example_models.py"))


def b64(data: bytes) -> dict:
    return {"b64": base64.b64encode(data).decode()}


def body(values, signature: str | None = None) -> bytes:
    doc = {"instances": values}
    if signature:
        doc["signature_name"] = signature
    return json.dumps(doc).encode()


def example_errors(result):
    return [f for f in result.findings if f.code == "request.example"]


# -------------------------------------------------------------------------------------------------- validate

def test_words_are_an_error_with_tensorflows_message(tfe) -> None:
    r = validate_request(body(["seven", "north"]), tfe)
    assert r.decoded.accepted and not r.ok  # TF Serving's JSON layer takes them; the parse op refuses them
    (f,) = example_errors(r)
    assert f.severity is Severity.ERROR and f.category == "serialized_example_input_expected"
    assert f.upstream == "Could not parse example input, value: 'seven'"  # what predict answers (test below)
    assert f.path == "$.instances[0]" and "none of its 2 values is one" in f.message
    assert "ParseExampleV2" in f.message and '{"b64"' in f.hint


def test_feature_problems_are_tensorflows_own_errors(tfe) -> None:
    good = serialize_example(GOOD)
    missing = serialize_example({k: v for k, v in GOOD.items() if k != "age"})
    kind = serialize_example({**GOOD, "age": {"int64_list": [30]}})
    count = serialize_example({**GOOD, "emb": {"float_list": [1.0, 2.0]}})
    assert validate_request(body([b64(good), b64(good)]), tfe).ok
    r = validate_request(body([b64(good), b64(missing), b64(kind), b64(count)]), tfe)
    by = {f.category: f for f in example_errors(r)}
    assert set(by) == {"input_keys_mismatch", "dtype_mismatch", "input_shape_mismatch"} and not r.ok
    # TensorFlow 2.21's words (tf.io.parse_example on the same bytes, checked in the tf test below)
    assert by["input_keys_mismatch"].upstream == ("Name: <unknown>, Feature: age (data type: float) is required but "
                                                  "could not be found.")
    assert by["input_keys_mismatch"].path == "$.instances[1]"
    assert by["dtype_mismatch"].upstream == ("Name: <unknown>, Key: age, Index: 2.  Data types don't match. Data "
                                             "type: int64 but expected type: float")
    assert by["input_shape_mismatch"].upstream == ("Name: <unknown>, Key: emb, Index: 3.  Number of float values != "
                                                   "expected.  Values size: 2 but output shape: [3]")
    # an empty string is an empty Example (valid protobuf): the required features are what is missing
    found = example_errors(validate_request(body([""]), tfe))
    assert {f.category for f in found} == {"input_keys_mismatch"}
    assert sorted(f.message.split('"')[3] for f in found) == ["age", "emb", "occupation"]


def test_other_string_inputs_are_left_alone(fixture_model) -> None:
    multi = read_model(str(fixture_model("module_multi")))
    assert example_specs(multi, "echo_bytes") == {}
    r = validate_request(body([{"label_bytes": "seven"}], "echo_bytes").replace(b"label_bytes", b"x"), multi)
    assert not example_errors(r)


def test_json_lines_and_batch_count_the_words(tfe, tmp_path: Path) -> None:
    from sigcheck.batch import run_batch
    from sigcheck.codec.tfrecord import frame_records

    good = json.dumps(b64(serialize_example(GOOD)))
    lines = [good] * 300 + ['"seven"'] + [good] * 300 + ['"north"']  # words after the first chunk too
    path = tmp_path / "ex.jsonl"
    path.write_text("\n".join(lines) + "\n")
    r = validate_request(path.read_bytes(), tfe, source=str(path))
    (f,) = example_errors(r)
    assert not r.ok and f.line == 301 and f.upstream == "Could not parse example input, value: 'seven'"
    result = run_batch([str(path)], tfe, workers=1)
    assert result.bad_records == 2 and result.records == 602
    # a TFRecord file: the reader's own tf.Example check, not said twice by validate
    rec = tmp_path / "ex.tfrecord"
    rec.write_bytes(frame_records([serialize_example(GOOD), b"not an example", serialize_example(GOOD)]))
    doc = run_batch([str(rec)], tfe, workers=1).to_json()
    assert doc["bad_records"] == 1
    codes = json.dumps(doc)
    assert "batch.example" in codes and "request.example" not in codes


# -------------------------------------------------------------------------------------------------- sample, schema

def test_sample_writes_serialized_examples_that_validate(tfe) -> None:
    specs = example_specs(tfe, "serving_default")
    assert list(specs) == ["examples"] and specs["examples"].op == "ParseExampleV2"
    s = build_sample(tfe.signatures["serving_default"], batch=3, examples=specs)
    values = json.loads(s.body)["instances"]
    assert all(set(v) == {"b64"} for v in values)
    assert all(check_example(base64.b64decode(v["b64"]), specs["examples"]) == [] for v in values)
    assert any("serialized tf.Example built from its feature spec" in n for n in s.notes)
    assert validate_request(s.body, tfe).ok
    again = build_sample(tfe.signatures["serving_default"], batch=2, examples=specs)
    assert json.loads(again.body)["instances"] == values[:2]  # same seed, same bytes; batch-prefix stable
    jl = build_sample(tfe.signatures["serving_default"], batch=2, jsonl=True, examples=specs)
    assert validate_request(jl.body, tfe, format_in="jsonl").ok


def test_schema_describes_base64_serialized_examples(tfe, cli, tmp_path: Path) -> None:
    sig, specs = tfe.signatures["serving_default"], example_specs(tfe, "serving_default")
    strict = request_schema(sig, examples=specs)["$defs"]["instance:examples"]
    assert strict["required"] == ["b64"] and "serialized tf.Example" in strict["description"]
    assert set(strict["examples"][0]) == {"b64"}  # not a word
    lenient = request_schema(sig, strict=False, examples=specs)["$defs"]["any:examples"]
    assert "serialized tf.Example" in json.dumps(lenient)
    assert "serialized tf.Example" in instance_schema(sig, examples=specs)["description"]
    code, out, _ = cli("schema", TF_EXAMPLE)
    doc = json.loads(out)
    assert code == 0 and set(doc["examples"][0]["instances"][0]) == {"b64"}
    code, out, err = cli("sample", TF_EXAMPLE, "--batch", "2")
    assert code == 0 and "serialized tf.Example" in err
    req = tmp_path / "req.json"
    req.write_text(out)
    assert cli("validate", req, "--model", TF_EXAMPLE)[0] == 0
    req.write_text('{"instances": ["seven", "north"]}')
    code, out, _ = cli("validate", req, "--model", TF_EXAMPLE)
    assert code == 1 and "serialized_example_input_expected" in out


def test_no_tensorflow_imported() -> None:
    code = ("import sys, json\n"
            "from sigcheck.cli.app import run\n"
            f"m = {str(TF_EXAMPLE)!r}\n"
            "run(['sample', m]); run(['schema', m])\n"
            "import sigcheck.validate as v, sigcheck.model as mm\n"
            "v.validate_request(b'{\"instances\": [\"seven\"]}', mm.read_model(m))\n"
            "sys.stderr.write('TF' if 'tensorflow' in sys.modules else 'noTF')\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stderr.endswith("noTF"), out.stderr[-500:]


# -------------------------------------------------------------------------------------------------- with TF

@pytest.mark.tf
def test_estimator_model_sample_serves_and_words_fail_as_validate_says(estimator) -> None:
    """Each parse op (ParseExampleV2, ParseExample, ParseSingleExample): sample's request validates and is
    answered 200; a word is a validate error whose upstream is the server's 400 message."""
    from sigcheck.serving import LocalServer

    info = read_model(str(estimator))
    missing = b64(serialize_example({"k": {"int64_list": [1]}}))
    with LocalServer(str(estimator)) as server:
        for key, op in (("serving_default", "ParseExampleV2"), ("legacy", "ParseExample"),
                        ("single", "ParseSingleExample")):
            specs = example_specs(info, key)
            assert [s.op for s in specs.values()] == [op]
            sample = build_sample(info.signatures[key], examples=specs)
            assert validate_request(sample.body, info).ok, key
            answer = server.predict(sample.body, explain=False)
            assert answer.http_status == 200, (key, answer.body)
            name = next(iter(specs))
            bad = (json.dumps({"signature_name": key, "inputs": {name: "seven"}}).encode() if key == "single"
                   else body(["seven"], key))
            (f,) = example_errors(validate_request(bad, info))
            answer = server.predict(bad, explain=False)
            assert answer.http_status == 400 and f.category == "serialized_example_input_expected"
            assert answer.error.split("\n")[0] == f.upstream, key
            if key != "single":
                (f,) = example_errors(validate_request(body([missing], key), info))
                answer = server.predict(body([missing], key), explain=False)
                assert answer.http_status == 400 and f.category == "input_keys_mismatch"
                assert answer.error.split("\n")[0] == f.upstream, key


@pytest.mark.tf
def test_sigcheck_predict_agrees(cli, tmp_path: Path) -> None:
    """`sigcheck predict`: sample's request 200; words 400 with validate's category on stderr."""
    code, out, _ = cli("sample", TF_EXAMPLE, "--batch", "2")
    req = tmp_path / "sample.json"
    req.write_text(out)
    code, out, err = cli("predict", req, "--model", TF_EXAMPLE, "--json")
    assert code == 0 and json.loads(out)["http_status"] == 200, err
    words = tmp_path / "words.json"
    words.write_text('{"instances": ["seven", "north"]}')
    code, out, err = cli("predict", words, "--model", TF_EXAMPLE, "--json")
    doc = json.loads(out)
    assert code == 1 and doc["http_status"] == 400
    assert "Could not parse example input, value: 'seven'" in json.dumps(doc)
    assert "serialized_example_input_expected" in out + err


# -------------------------------------------------------------------------------------------------- TF's reader

def test_bytes_are_read_as_tensorflows_fast_parser_reads_them(tfe) -> None:
    """Not protobuf's rules: an unknown top-level field is skipped with its length unchecked, groups are refused."""
    from sigcheck.batch.example import NotAnExample, read_features

    assert read_features(b"river") == {}  # 'r' = field 14, length 105 past the end: skipped (TF answers 200 or
    #                                       "is required"), where protobuf refuses the bytes
    with pytest.raises(NotAnExample):
        read_features(b"seven")  # 's' = field 14, a group: TF's "Could not parse example input"
    found = example_errors(validate_request(body(["river"]), tfe))  # an empty Example: required features missing
    assert {f.category for f in found} == {"input_keys_mismatch"}
    two = serialize_example(GOOD) + serialize_example({"age": {"int64_list": [1]}})  # concatenated: last one wins
    (f,) = example_errors(validate_request(body([b64(two)]), tfe))
    assert f.category == "dtype_mismatch" and "Data type: int64" in f.upstream


def _mutations(n: int, seed: int) -> list[bytes]:
    import random

    rng = random.Random(seed)
    goods = [serialize_example(GOOD), serialize_example({**GOOD, "emb": {"float_list": [1.0, 2.0]}}),
             serialize_example({**GOOD, "hours": {"int64_list": [300000]}, "tags": {"bytes_list": [b"a", b"b"]}})]
    out = [w.encode() for w in "seven north river apple xa x 0 1 {} true null".split()] + [b""]
    for _ in range(n):
        g = bytearray(rng.choice(goods))
        i, op = rng.randrange(len(g)), rng.random()
        if op < 0.5:
            g[i] = rng.randrange(256)
        elif op < 0.75:
            del g[i]
        else:
            g.insert(i, rng.randrange(256))
        out.append(bytes(g))
    return out


@pytest.mark.tf
def test_check_agrees_with_tensorflow_on_mutated_examples(tfe) -> None:
    """tf.io.parse_example with the model's own spec on ~800 mutated and random byte strings: the same verdict,
    and TensorFlow's first message is validate's upstream (Python's message cuts a binary value at its first NUL)."""
    import tensorflow as tf

    from sigcheck.batch.example import check_example, tf_message

    import importlib.util

    where = ROOT / "tests" / "batch" / "make_models.py"  # (the spec the model was exported with)
    module = importlib.util.spec_from_file_location("tf_example_models", where)
    make_models = importlib.util.module_from_spec(module)
    module.loader.exec_module(make_models)
    spec = make_models.feature_spec()
    ours = example_specs(tfe, "serving_default")["examples"]
    agree = messages = 0
    for data in _mutations(800, 15):
        try:
            tf.io.parse_example(tf.constant([data]), spec)
            theirs = None
        except tf.errors.InvalidArgumentError as exc:
            theirs = exc.message.split("}} ")[-1].split(" [Op:")[0]
        except UnicodeDecodeError:  # (a refusal whose message quotes bytes Python cannot decode)
            theirs = ""
        found = check_example(data, ours)
        assert (theirs is None) == (not found), (data, theirs, [f.message for f in found])
        agree += 1
        if found and theirs:  # (the first finding is TensorFlow's first error)
            upstream = tf_message(found[0], ours, data, 0)
            if upstream is not None and "\0" not in upstream:
                assert upstream == theirs, data
                messages += 1
    assert agree > 800 and messages > 200
