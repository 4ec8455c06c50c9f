"""``sigcheck inspect``: exit codes, streams, --signature, --tag-set, -o, ``python -m sigcheck``, contracts as MODEL,
and no TensorFlow / Keras / google.cloud import on the way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]
TESTDATA = "tensorflow_serving/servables/tensorflow/testdata"


def subprocess_env() -> dict[str, str]:
    return dict(os.environ, NO_GCE_CHECK="true", PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1", COLUMNS="200")


# --- exit codes and streams ----------------------------------------------------------------------------------------


def test_json_on_stdout_nothing_on_stderr(cli, fixture_model) -> None:
    code, out, err = cli("inspect", fixture_model("keras_tabular"), "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["format"] == "sigcheck.signatures/v1"
    assert data["version"] == 1 and data["tags"] == ["serve"]
    assert set(data["signatures"]) == {"serve", "serving_default"}
    age = data["signatures"]["serving_default"]["inputs"]["age"]
    assert age == {"dtype": "DT_FLOAT", "shape": [-1, 1], "tensor_name": "serving_default_age:0"}
    assert '"shape": [-1, 1]' in out  # shapes stay on one line


def test_contract_leaves_out_internal_signatures(cli, fixture_model) -> None:
    _, out, _ = cli("inspect", fixture_model("module_multi"), "--json")
    sigs = json.loads(out)["signatures"]
    assert "__saved_model_init_op" not in sigs
    assert sigs["unknown_rank"]["inputs"]["x"]["shape"] is None
    assert sigs["scalar_input"]["inputs"]["x"]["shape"] == []


def test_human_view(cli, fixture_model) -> None:
    code, out, err = cli("inspect", fixture_model("module_multi"), "--no-color")
    assert code == 0 and err == ""
    for text in ("version 1", "TF2 object graph", "signature serving_default", "DT_UINT8", "unknown rank",
                 "internal (not serving): __saved_model_init_op", "DT_HALF"):
        assert text in out, text
    assert out.index("signature serving_default") < out.index("signature echo_bytes")


def test_human_view_shows_signature_warnings(cli, fixture_model) -> None:
    _, out, _ = cli("inspect", fixture_model("keras_unnamed"), "--no-color")
    assert "keras_tensor" in out and "warning:" in out


@pytest.mark.parametrize("args", [[], ["--json"]])
def test_missing_model_exits_2_in_one_line(cli, tmp_path: Path, args: list[str]) -> None:
    code, out, err = cli("inspect", tmp_path / "nope", *args)
    assert code == 2 and (json.loads(out)["error"]["kind"] == "model" if args else out == "")
    assert err.startswith(f"error: {tmp_path / 'nope'}: no such file or folder\n")
    assert "Traceback" not in err


def test_usage_error_exits_2(cli) -> None:
    code, _, err = cli("inspect")
    assert code == 2 and "Missing argument" in err
    code, _, _ = cli("inspect", ".", "--no-such-flag")
    assert code == 2


# --- --signature and --tag-set --------------------------------------------------------------------------------------


def test_signature_selects_one(cli, fixture_model) -> None:
    code, out, _ = cli("inspect", fixture_model("module_multi"), "--json", "--signature", "uint8_bool")
    assert code == 0
    assert list(json.loads(out)["signatures"]) == ["uint8_bool"]
    code, out, _ = cli("inspect", fixture_model("module_multi"), "-s", "half_output", "--no-color")
    assert code == 0 and "signature half_output" in out and "signature serving_default" not in out
    assert "DT_HALF" in out and "scalar" not in out  # only this signature's findings


def test_signature_does_not_invent_missing_serving_default(cli, tfs_testdata: Path) -> None:
    code, out, _ = cli("inspect", tfs_testdata / TESTDATA / "saved_model_half_plus_two_cpu", "-s", "regress_x_to_y",
                       "--no-color")
    assert code == 0 and "serving_default" not in out


def test_unknown_signature_lists_the_signatures(cli, fixture_model) -> None:
    code, out, err = cli("inspect", fixture_model("keras_image"), "--signature", "predict")
    assert code == 2 and out == ""
    assert "no signature 'predict'; signatures: serve, serving_default" in err
    code, _, err = cli("inspect", fixture_model("keras_image"), "--signature", "__saved_model_init_op")
    assert code == 2 and "internal signature" in err


def test_tag_set(cli, fixture_model) -> None:
    code, out, err = cli("inspect", fixture_model("keras_image"), "--tag-set", "gpu", "--json")
    assert code == 2 and json.loads(out)["error"]["message"] in err
    assert "no MetaGraph with tag set 'gpu'; tag sets in this SavedModel: serve" in err
    assert "hint: pass --tag-set" in err
    code, out, _ = cli("inspect", fixture_model("keras_image"), "--tag-set", "serve", "--json")
    assert code == 0 and json.loads(out)["tags"] == ["serve"]


# --- -o / --output -------------------------------------------------------------------------------------------------


def test_output_file_is_written_atomically(cli, fixture_model, tmp_path: Path) -> None:
    target = tmp_path / "contract.json"
    target.write_text("old contents")
    old_inode = target.stat().st_ino
    code, out, err = cli("inspect", fixture_model("keras_image"), "-o", target)
    assert code == 0 and out == ""
    assert err == f"wrote {target}\n"
    assert json.loads(target.read_text())["signatures"]["serving_default"]["inputs"]["image"]["shape"] == \
        [-1, 150, 150, 3]
    assert target.stat().st_ino != old_inode  # replaced by rename, never rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["contract.json"]  # no temporary file left


def test_output_into_missing_folder_exits_2(cli, fixture_model, tmp_path: Path) -> None:
    code, out, err = cli("inspect", fixture_model("keras_image"), "--output", tmp_path / "no" / "c.json")
    assert code == 2 and out == "" and err.startswith("error: ")
    assert not (tmp_path / "no").exists()


def test_output_not_written_when_model_is_bad(cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, _ = cli("inspect", tmp_path / "empty", "-o", tmp_path / "c.json")
    assert code == 2 and not (tmp_path / "c.json").exists()


# --- contracts as MODEL --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["keras_tabular", "module_multi", "tf1_fixed_batch"])
def test_contract_round_trip(cli, fixture_model, tmp_path: Path, name: str) -> None:
    contract = tmp_path / "contract.json"
    assert cli("inspect", fixture_model(name), "-o", contract)[0] == 0
    code, out, err = cli("inspect", contract, "--json")
    assert code == 0, err
    first, second = json.loads(contract.read_text()), json.loads(out)
    assert second == first  # signatures, tags, source and version survive the trip
    code, out, _ = cli("inspect", contract, "--no-color")
    head = out.splitlines()[0]
    assert code == 0 and head == (f"{contract}  signature contract (sigcheck.signatures/v1) written from "
                                  f"{first['source']}, version {first['version']}")
    assert "highest of" not in out and "signatures only (no graph, no files)" in out
    nameless = tmp_path / "nameless.json"
    nameless.write_text(json.dumps({k: v for k, v in first.items() if k not in ("source", "version")}))
    assert cli("inspect", nameless, "--no-color")[1].splitlines()[0] == (
        f"{nameless}  signature contract (sigcheck.signatures/v1)")


def test_tfserving_contract_round_trip(cli, tfs_testdata: Path, tmp_path: Path) -> None:
    contract = tmp_path / "c.json"
    model = tfs_testdata / TESTDATA / "saved_model_half_plus_two_tf2_cpu"
    assert cli("inspect", model, "-o", contract)[0] == 0
    assert json.loads(cli("inspect", contract, "--json")[1]) == json.loads(contract.read_text())
    assert json.loads(contract.read_text())["signatures"]["serving_default"]["defaults"] == ["x"]


# --- TF Serving's non-SavedModels through the CLI ------------------------------------------------------------------


@pytest.mark.parametrize("rel,phrase", [
    (f"{TESTDATA}/bad_half_plus_two", "legacy SessionBundle"),
    ("tensorflow_serving/session_bundle/testdata/half_plus_two", "legacy SessionBundle"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite", "TFLite"),
    (f"{TESTDATA}/saved_model_half_plus_two_tflite_with_sigdef", "TFLite"),
])
def test_non_saved_models_exit_2(cli, tfs_testdata: Path, rel: str, phrase: str) -> None:
    code, out, err = cli("inspect", tfs_testdata / rel, "--json")
    assert code == 2 and json.loads(out)["exit_code"] == 2
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and phrase in lines[0]


# --- whole processes -----------------------------------------------------------------------------------------------


def test_python_dash_m_and_console_script(fixture_model) -> None:
    model = str(fixture_model("tf1_fixed_batch"))
    script = Path(sys.executable).with_name("sigcheck")
    a = subprocess.run([sys.executable, "-m", "sigcheck", "inspect", model, "--json"], capture_output=True,
                       text=True, env=subprocess_env(), timeout=60)
    assert a.returncode == 0 and a.stderr == ""
    assert json.loads(a.stdout)["signatures"]["serving_default"]["inputs"]["x"]["shape"] == [1, 4]
    if script.exists():
        b = subprocess.run([str(script), "inspect", model, "--json"], capture_output=True, text=True,
                           env=subprocess_env(), timeout=60)
        assert (b.returncode, b.stdout) == (0, a.stdout)
    c = subprocess.run([sys.executable, "-m", "sigcheck", "inspect", model + "/nope"], capture_output=True,
                       text=True, env=subprocess_env(), timeout=60)
    assert c.returncode == 2 and c.stdout == "" and "Traceback" not in c.stderr
    assert c.stderr.startswith("error: ")


def test_truncated_model_subprocess_no_traceback(fixture_model, tmp_path: Path) -> None:
    data = (fixture_model("keras_image") / "1" / "saved_model.pb").read_bytes()
    (tmp_path / "m" / "1").mkdir(parents=True)
    (tmp_path / "m" / "1" / "saved_model.pb").write_bytes(data[: len(data) // 2])
    proc = subprocess.run([sys.executable, "-m", "sigcheck", "inspect", str(tmp_path / "m")], capture_output=True,
                          text=True, env=subprocess_env(), timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0].startswith("error: ") and "truncated" in proc.stderr


HEAVY = ("tensorflow", "keras", "tf_keras", "google.cloud")

PROBE = """
import sys
from sigcheck.cli import main
for argv in ({argvs}):
    try:
        main(list(argv))
    except SystemExit:
        pass
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras", "tf_keras")
               or m == "google.cloud" or m.startswith("google.cloud."))
sys.stderr.write("HEAVY=" + ",".join(heavy) + "\\n")
"""


def test_inspect_imports_no_tensorflow_keras_or_gcs(fixture_model, tmp_path: Path) -> None:
    contract = tmp_path / "c.json"
    model = str(fixture_model("keras_tabular"))
    argvs = [
        ("inspect", model, "--json"),
        ("inspect", model),
        ("inspect", model, "-o", str(contract)),
        ("inspect", str(contract)),
        ("inspect", str(tmp_path / "missing")),
        ("--help",),
    ]
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argvs=repr(argvs))], capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    heavy = proc.stderr.strip().splitlines()[-1]
    assert heavy == "HEAVY=", heavy
    assert contract.exists()


def test_importing_cli_imports_nothing_heavy() -> None:
    code = ("import sys, sigcheck, sigcheck.cli, sigcheck.cli.app, sigcheck.model.reader;"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow','keras','tf_keras')"
            " or m.startswith('google.cloud'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(),
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""
