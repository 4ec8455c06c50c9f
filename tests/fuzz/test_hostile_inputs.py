"""The hostile inputs of issue #19, one per class, through the CLI: each is an answer (exit 0/1) or one line of
bad input (exit 2), never an internal error, a hang, or output that is not valid UTF-8 JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sigcheck.model.proto import saved_model_pb2 as pb

ROOT = Path(__file__).resolve().parents[2]
TABULAR = ROOT / "fixtures" / "models" / "keras_tabular"


def ok(code: int, err: str, allowed=(0, 1, 2)) -> None:
    assert code in allowed, err
    assert "internal error" not in err and "Traceback" not in err, err
    if code == 2:
        assert err.strip().startswith("error:") or "error:" in err, err


def _model(folder: Path, edit) -> Path:
    sm = pb.SavedModel()
    sm.ParseFromString((TABULAR / "1" / "saved_model.pb").read_bytes())
    edit(sm.meta_graphs[0])
    (folder / "1").mkdir(parents=True, exist_ok=True)
    (folder / "1" / "saved_model.pb").write_bytes(sm.SerializeToString())
    return folder


@pytest.fixture(scope="module")
def deep_chain(tmp_path_factory) -> Path:
    def edit(mg):
        prev = None
        for i in range(900):
            f = mg.graph_def.library.function.add()
            f.signature.name = f"chain_{i}"
            f.signature.input_arg.add(name="a", type=pb.DT_FLOAT)
            f.signature.output_arg.add(name="o", type=pb.DT_FLOAT)
            n = f.node_def.add(name="c", op="PartitionedCall" if prev else "Identity", input=["a"])
            if prev:
                n.attr["f"].func.name = prev
            f.ret["o"] = "c:output:0"
            prev = f.signature.name
        top = mg.graph_def.node.add(name="deep", op="PartitionedCall", input=["serving_default_age"])
        top.attr["f"].func.name = prev
        mg.signature_def["serving_default"].outputs["deep"].name = "deep:0"
    return _model(tmp_path_factory.mktemp("deep_chain"), edit)


def test_function_calls_900_deep(cli, deep_chain, tmp_path):
    (tmp_path / "err.txt").write_text("You must feed a value for placeholder tensor 'x' with dtype float")
    for args in (["inspect", deep_chain], ["gate", deep_chain], ["explain", tmp_path / "err.txt", "--model",
                                                                    deep_chain]):
        code, _, err = cli(*args)
        ok(code, err, (0, 1))


def test_pbtxt_nested_3000_levels(cli, tmp_path):
    (tmp_path / "saved_model.pbtxt").write_text("meta_graphs { " + "graph_def { " * 3000 + "}" * 3001)
    code, _, err = cli("inspect", tmp_path)
    ok(code, err, (2,))
    assert "nested" in err


def test_requests_nested_1000_and_100000_levels(cli, tmp_path):
    for depth in (1000, 100_000):
        req = tmp_path / f"deep{depth}.json"
        req.write_text('{"instances": [' + "[" * depth + "1" + "]" * depth + "]}")
        start = time.process_time()
        code, _, err = cli("validate", req, "--model", TABULAR)
        ok(code, err, (1,))
        assert time.process_time() - start < 15  # linear: 100k levels once took > 20 s
        code, _, err = cli("validate", req, "--model", TABULAR, "--fix", "-o", tmp_path / "fixed.json")
        ok(code, err, (2,))
        (tmp_path / "e.txt").write_text("Failed to process element: 0 of 'instances' list.")
        code, _, err = cli("explain", tmp_path / "e.txt", "--request", req, "--model", TABULAR)
        ok(code, err, (2,))


def test_deep_request_to_a_one_input_model_is_linear(cli, tmp_path):
    """u3 F19: a one-input model takes a bare nest (the tabular model refuses it before walking it): 200,000 levels
    (400 KB) through validate, batch and gate --request answer in about a second, not a minute."""
    model = ROOT / "fixtures" / "models" / "keras_unnamed"
    depth = 200_000
    body = tmp_path / "deep.json"
    body.write_text('{"instances": ' + "[" * depth + "]" * depth + "}")
    line = tmp_path / "deep.jsonl"
    line.write_text("[" * (depth // 2) + "]" * (depth // 2) + "\n")
    for args in (["validate", body, "--model", model], ["validate", line, "--model", model],
                 ["gate", model, "--request", body], ["batch", line, "--model", model]):
        start = time.monotonic()
        code, out, err = cli(*args)
        ok(code, err, (1,))
        assert time.monotonic() - start < 20, args  # quadratic: 60 s for the 400 KB body
        if args[0] == "validate":
            assert "TensorFlow allows at most 254" in out, out


def test_deep_toml_config(cli, tmp_path):
    for value in ("[" * 5000 + "]" * 5000, "{a=" * 3000 + "1" + "}" * 3000):
        cfg = tmp_path / "pyproject.toml"
        cfg.write_text(f"[tool.sigcheck]\nx = {value}\n")
        code, _, err = cli("gate", TABULAR, "--config", cfg)
        ok(code, err, (2,))


def test_huge_numbers(cli, tmp_path):
    req = tmp_path / "big.json"
    req.write_text('{"instances": [{"age": [1.' + "0" * 5000 + '], "hours": [' + "9" * 5000
                   + '], "occupation": ["x"]}]}')
    code, _, err = cli("validate", req, "--model", TABULAR)
    ok(code, err, (1,))
    model = _model(tmp_path / "v", lambda mg: setattr(mg.meta_info_def, "tensorflow_version", "9" * 5000 + ".1"))
    code, _, err = cli("gate", model, "--runtime", "2.15")
    ok(code, err)
    code, _, err = cli("gate", TABULAR, "--size-limit", "9" * 400)
    ok(code, err, (2,))
    code, _, err = cli("gate", TABULAR, "--runtime", "9" * 5000 + ".1")
    ok(code, err, (2,))


def test_huge_declared_shapes(cli, tmp_path):
    def edit(mg):
        sig = mg.signature_def["serving_default"]
        sig.inputs["age"].tensor_shape.ClearField("dim")
        for _ in range(3):
            sig.inputs["age"].tensor_shape.dim.add(size=2 ** 62)
        sig.inputs["hours"].tensor_shape.ClearField("dim")
        for _ in range(100):
            sig.inputs["hours"].tensor_shape.dim.add(size=1)
    model = _model(tmp_path / "m", edit)
    code, _, err = cli("sample", model)
    ok(code, err, (2,))
    code, out, err = cli("schema", model)
    ok(code, err, (0,))
    json.loads(out)


def test_export_hidden_is_bounded(cli, tmp_path):
    code, _, err = cli("export", "--example", "penguins", "--hidden", "999999999", "--output", tmp_path / "out")
    ok(code, err, (2,))
    assert "--hidden" in err


def test_inspect_5000_signatures(cli, tmp_path):
    def edit(mg):
        for i in range(5000):
            mg.signature_def[f"sig_{i}"].CopyFrom(mg.signature_def["serving_default"])
    model = _model(tmp_path / "m", edit)
    start = time.process_time()
    code, out, err = cli("inspect", model)
    ok(code, err, (0,))
    assert out.count("signature sig_") == 5000
    assert time.process_time() - start < 10  # ~3 s of CPU on the shared test machine; was > 30 s


def test_special_files(cli, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "m").mkdir()
    os.mkfifo(tmp_path / "m" / "saved_model.pb")
    (tmp_path / "z").mkdir()
    os.symlink("/dev/zero", tmp_path / "z" / "saved_model.pb")
    for args in (["inspect", tmp_path / "m"], ["inspect", tmp_path / "z"], ["validate", fifo, "--model", TABULAR],
                 ["validate", "/dev/zero", "--model", TABULAR], ["gate", TABULAR, "--config", fifo],
                 ["gate", TABULAR, "--config", "/dev/zero"]):
        code, _, err = cli(*args)
        ok(code, err, (2,))
        assert "not a regular file" in err


def test_malformed_saver_def(cli, tmp_path):
    raw = (TABULAR / "1" / "saved_model.pb").read_bytes()
    sm = pb.SavedModel()
    sm.ParseFromString(raw)
    mg = sm.meta_graphs[0].SerializeToString() + bytes([0x1A, 3, 0x1A, 0x85, 0xFF])  # SaverDef cut short
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "saved_model.pb").write_bytes(b"\x12" + _varint(len(mg)) + mg)
    code, _, err = cli("inspect", tmp_path)
    ok(code, err, (2,))
    code, _, err = cli("gate", tmp_path)  # a highest version whose saved_model.pb cannot be parsed: a gate finding
    ok(code, err, (1,))


def _varint(n: int) -> bytes:
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([b])
        out += bytes([b | 0x80])


def test_json_output_is_valid_utf8_whatever_the_request_holds(tmp_path):
    req = tmp_path / "bad.json"
    req.write_bytes(b'{"instances": [{"ag\xff\xfe": [1.0]}]}')
    for args in (["validate", req, "--model", TABULAR, "--json"], ["gate", TABULAR, "--request", req, "--json"],
                 ["gate", TABULAR, "--request", req, "--format", "sarif"],
                 ["gate", TABULAR, "--request", req, "--format", "junit"]):
        out = subprocess.run([sys.executable, "-m", "sigcheck", *map(str, args)], capture_output=True, timeout=120)
        ok(out.returncode, out.stderr.decode(), (1,))
        text = out.stdout.decode("utf-8")  # raises when not UTF-8
        if "junit" not in args:
            json.loads(text)


def test_unwritable_output(cli, tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    targets = ["/proc/schema.json"] + ([] if os.geteuid() == 0 else [locked / "schema.json"])  # (root writes anyway)
    try:
        for target in targets:
            code, _, err = cli("schema", TABULAR, "-o", target)
            ok(code, err, (2,))
    finally:
        locked.chmod(0o700)


def test_dev_zero_on_stdin():
    with open("/dev/zero", "rb") as zero:
        out = subprocess.run([sys.executable, "-m", "sigcheck", "validate", "-", "--model", str(TABULAR)],
                             stdin=zero, capture_output=True, timeout=120)
    ok(out.returncode, out.stderr.decode(), (2,))
    assert "stdin is a device" in out.stderr.decode()
