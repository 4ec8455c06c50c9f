"""model_config_list: one config per rule over real model folders, TF Serving's wording, file and line."""

from __future__ import annotations

import json
from pathlib import Path

from sigcheck.diagnostics import Severity
from sigcheck.serving_config import check_serving_config

from .conftest import config_text, model_entry


def codes(result, prefix: str = "config.") -> list[str]:
    return [d.code for d in result.findings if d.code.startswith(prefix)]


def only(result, code: str):
    found = [d for d in result.findings if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in result.findings]
    return found[0]


def test_good_config_serves_every_version_and_gates_each(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, 2, name="tab")
    img = base_path("keras_image", 7, name="img")
    cfg = write("models.config", config_text(
        model_entry("tab", tab, '    model_version_policy { all {} }\n'
                                '    version_labels { key: "stable" value: 1 }\n'
                                '    version_labels { key: "canary" value: 2 }\n'),
        model_entry("img", img)))
    result = check_serving_config(str(cfg))
    assert result.ok, [(d.code, d.message) for d in result.findings]
    assert codes(result) == []
    assert result.checks["config.model_config"] == "pass"
    gated = {k.split(":")[0] for k in result.checks if ":" in k}
    assert gated == {"tab/1", "tab/2", "img/7"}
    assert result.checks["tab/2:signature.no_serving_default"] == "pass"
    assert result.checks["config.batching"] == "skip" and result.checks["config.warmup"] == "skip"


def test_parse_error_has_tf_servings_message_file_and_line(write) -> None:
    cfg = write("models.config", 'model_config_list {\n  config {\n    name: "a"\n    bas_path: "/x"\n  }\n}\n')
    result = check_serving_config(str(cfg))
    d = only(result, "config.parse")
    assert d.severity is Severity.ERROR and d.line == 4 and d.subject == str(cfg)
    assert d.upstream == f"Invalid protobuf file: '{cfg}'"
    assert 'tensorflow.serving.ModelConfig" has no field named "bas_path"' in d.message
    assert "sigcheck.tfs" not in d.message


def test_duplicate_model_name(base_path, write) -> None:
    tab = base_path("keras_tabular", 1)
    cfg = write("models.config", config_text(model_entry("m", tab), model_entry("m", tab)))
    d = only(check_serving_config(str(cfg)), "config.duplicate_name")
    assert d.upstream == "Illegal to list model m multiple times in config list"
    assert d.line == 8 and d.path == "$.model_config_list.config[1].name"


def test_relative_base_path_is_refused_and_checked_beside_the_config(base_path, write) -> None:
    base_path("keras_tabular", 1, name="tab")
    cfg = write("models.config", config_text(model_entry("tab", "models/tab")))
    result = check_serving_config(str(cfg))
    d = only(result, "config.relative_base_path")
    assert d.upstream == "Expected model tab to have an absolute path or URI; got base_path()=models/tab"
    assert d.line == 4
    assert "tab/1:signature.no_serving_default" in result.checks  # still gated, from the config's folder


def test_platform_missing_unsupported_and_deprecated_model_type(base_path, write) -> None:
    tab = base_path("keras_tabular", 1)
    cfg = write("models.config", config_text(
        model_entry("none", tab, platform=""),
        model_entry("tflite", tab, platform="tflite"),
        model_entry("both", tab, "    model_type: TENSORFLOW\n"),
        model_entry("old", tab, "    model_type: TENSORFLOW\n", platform="")))
    result = check_serving_config(str(cfg))
    by_model = {d.message.split('"')[1]: d for d in result.findings if d.code.startswith("config.model_")}
    assert by_model["none"].upstream == ("Illegal setting neither ModelServerConfig::model_type (deprecated) nor "
                                         "ModelServerConfig::model_platform, model name is none")
    assert by_model["tflite"].upstream == "Model tflite requests unsupported platform tflite"
    assert by_model["both"].upstream.startswith("Illegal setting both ModelServerConfig::model_type")
    assert by_model["old"].code == "config.model_type_deprecated" and by_model["old"].severity is Severity.WARNING


def test_missing_base_path(tmp_path: Path, write) -> None:
    cfg = write("models.config", config_text(model_entry("gone", tmp_path / "nowhere")))
    d = only(check_serving_config(str(cfg)), "config.base_path")
    assert d.upstream.startswith(f"Could not find base path {tmp_path / 'nowhere'} for servable gone with error")
    assert d.category == "model_base_path_layout" and d.line == 4


def test_base_path_without_numbered_versions(tmp_path: Path, write) -> None:
    """The model folder itself given as base_path: TF Serving's 'Did you forget…' warning, and nothing loads."""
    import shutil

    flat = tmp_path / "flat"
    shutil.copytree(Path(__file__).resolve().parents[2] / "fixtures/models/keras_tabular/1", flat)
    cfg = write("models.config", config_text(model_entry("flat", flat)))
    result = check_serving_config(str(cfg))
    d = only(result, "config.no_versions")
    assert d.upstream == (f"No versions of servable flat found under base path {flat}. Did you forget to name your "
                          "leaf directory as a number (eg. '/1/')?")
    assert "saved_model.pb" in d.message and not result.ok


def test_latest_version_folder_without_saved_model(base_path, write) -> None:
    """An upload in progress: latest picks folder 3 by number, and its load fails."""
    tab = base_path("keras_tabular", 1, 2, name="tab")
    (tab / "3" / "variables").mkdir(parents=True)
    cfg = write("models.config", config_text(model_entry("tab", tab)))
    result = check_serving_config(str(cfg))
    d = only(result, "config.version_not_saved_model")
    assert d.upstream == f"SavedModel file does not exist at: {tab / '3'}/{{saved_model.pbtxt|saved_model.pb}}"
    assert d.category == "savedmodel_not_found"
    assert not any(k.startswith("tab/") for k in result.checks)  # only version 3 is served: nothing else gated


def test_latest_version_folder_of_another_format_is_named(base_path, write) -> None:
    """A TFLite model in the served version folder is no copy in progress: it is named as inspect names it, with
    the way to a SavedModel (u3 F20)."""
    tab = base_path("keras_tabular", 1, name="tab")
    (tab / "2").mkdir()
    (tab / "2" / "model.tflite").write_bytes(b"\x1c\x00\x00\x00TFL3")
    result = check_serving_config(str(write("models.config", config_text(model_entry("tab", tab)))))
    d = only(result, "config.version_not_saved_model")
    assert "a TFLite model (.tflite), not a SavedModel" in d.message and "finish copying" not in (d.hint or "")
    assert "export the original TensorFlow model as a SavedModel" in d.hint


def test_latest_num_versions_and_specific_versions(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, 2, 5, name="tab")
    cfg = write("models.config", config_text(
        model_entry("tab", tab, "    model_version_policy { latest { num_versions: 2 } }\n"),
        model_entry("pinned", tab, "    model_version_policy { specific { versions: 1 versions: 4 } }\n")))
    result = check_serving_config(str(cfg))
    gated = {k.split(":")[0] for k in result.checks if ":" in k}
    assert gated == {"tab/5", "tab/2", "pinned/1"}
    d = only(result, "config.version_missing")
    assert d.severity is Severity.WARNING  # version 1 still serves
    assert d.upstream == ("Version 4 of servable pinned, which was requested to be served as a 'specific' version "
                          "in the servable's version policy, was not found in the file system")
    assert d.line == 12


def test_specific_versions_none_exist_and_empty_list(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, name="tab")
    cfg = write("models.config", config_text(
        model_entry("a", tab, "    model_version_policy { specific { versions: 9 } }\n"),
        model_entry("b", tab, "    model_version_policy { specific { } }\n")))
    result = check_serving_config(str(cfg))
    missing = only(result, "config.version_missing")
    assert missing.severity is Severity.ERROR and "nothing is served" in missing.message
    empty = only(result, "config.version_policy")
    assert empty.upstream == "No specific versions requested for servable b."


def test_version_label_on_a_version_not_served(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, 2, name="tab")
    cfg = write("models.config", config_text(model_entry(
        "tab", tab, '    version_labels { key: "stable" value: 2 }\n    version_labels { key: "old" value: 1 }\n')))
    d = only(check_serving_config(str(cfg)), "config.version_label")  # latest serves only 2
    assert d.upstream == ("Request to assign label to version 1 of model tab, which is not currently available for "
                          "inference")
    assert d.line == 7 and d.path.endswith("version_labels.old")


def test_duplicate_version_folders(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, "001", name="tab")
    cfg = write("models.config", config_text(model_entry("tab", tab)))
    d = only(check_serving_config(str(cfg)), "config.duplicate_version")
    assert d.upstream == "Duplicate version directories detected. Version 1 will be loaded from 1, 001 will be ignored."


def test_empty_and_custom_configs(write) -> None:
    empty = check_serving_config(str(write("empty.config", "# nothing yet\n")))
    assert codes(empty) == ["config.empty"] and empty.ok
    custom = write("custom.config", 'custom_model_config {\n  [type.googleapis.com/google.protobuf.Int64Value] { value: 1 }\n}\n')
    d = only(check_serving_config(str(custom)), "config.custom_model_config")
    assert d.upstream == "Missing custom_model_config_loader in ServerCore Options" and d.line == 1


def test_served_version_goes_through_the_model_gate(base_path, write) -> None:
    """module_multi's half_output signature fails the model gate's REST dtype rule inside the config gate."""
    multi = base_path("module_multi", 3, name="multi")
    cfg = write("models.config", config_text(model_entry("multi", multi)))
    result = check_serving_config(str(cfg), ignore=["signature.scalar_input"])
    assert result.checks["multi/3:signature.rest_dtype"] == "fail"
    d = next(d for d in result.findings if d.code == "signature.rest_dtype")
    assert d.message.startswith('model "multi" version 3: ') and d.subject == str(multi / "3")
    assert result.checks["config.model_config"] == "pass" and not result.ok
    assert not any(d.code == "signature.scalar_input" for d in result.findings) and result.ignored >= 1


def test_cli_formats_and_exit_codes(base_path, write, cli) -> None:
    tab = base_path("keras_tabular", 1, name="tab")
    good = write("good.config", config_text(model_entry("tab", tab)))
    bad = write("bad.config", config_text(model_entry("tab", tab), model_entry("tab", tab)))
    code, out, err = cli("gate", "--serving-config", good)
    assert code == 0 and "gate passed" in err
    code, out, err = cli("gate", "--serving-config", bad, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["checks"]["config.model_config"] == "fail"
    assert data["findings"][0]["line"] == 8 and data["findings"][0]["code"] == "config.duplicate_name"
    code, out, _ = cli("gate", "--serving-config", bad, "--format", "sarif")
    loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["region"] == {"startLine": 8}
    code, out, _ = cli("gate", "--serving-config", bad, "--format", "junit")
    assert code == 1 and 'name="config.model_config"' in out and f"in: {bad}:8" in out
    code, out, _ = cli("gate", "--serving-config", bad)
    assert f"({bad}:8)" in out


def test_cli_bad_input_exits_2(base_path, write, cli, tmp_path: Path) -> None:
    tab = base_path("keras_tabular", 1, name="tab")
    good = write("good.config", config_text(model_entry("tab", tab)))
    code, _, err = cli("gate", "--serving-config", tmp_path / "missing.config")
    assert code == 2 and err.startswith("error: --serving-config")
    code, _, err = cli("gate", str(tab), "--serving-config", good)
    assert code == 2 and "not both" in err
    code, _, err = cli("gate", "--serving-config", good, "--request", good)
    assert code == 2 and "--request" in err
    code, _, err = cli("gate")
    assert code == 2 and "needs a MODEL" in err


def test_runtime_reaches_each_versions_gate(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, name="tab")
    cfg = write("models.config", config_text(model_entry("tab", tab)))
    without = check_serving_config(str(cfg))
    assert without.checks["tab/1:op.runtime_version"] == "skip"
    with_runtime = check_serving_config(str(cfg), runtime="2.15")
    assert with_runtime.checks["tab/1:op.runtime_version"] in ("pass", "fail")


def test_every_config_code_is_documented_in_the_readme() -> None:
    import re

    root = Path(__file__).resolve().parents[2]
    source = "".join(p.read_text() for p in (root / "sigcheck" / "serving_config").glob("*.py"))
    codes_used = set(re.findall(r'"(config\.[a-z_.]+)"', source))
    readme = (root / "README.md").read_text()
    block = readme[readme.index("<!-- serving-config:"):readme.index("<!-- /serving-config -->")]
    assert len(codes_used) > 40
    assert sorted(c for c in codes_used if f"`{c}`" not in block) == []


def test_mount_maps_server_paths_to_host_folders(base_path, write, cli, tmp_path: Path) -> None:
    """A config written for the container (/models/...) checked on the host with --mount HOST:SERVER."""
    tab = base_path("keras_tabular", 1, 2, name="tab")
    cfg = write("models.config", config_text(model_entry("tab", "/models/tab"), model_entry("gone", "/models/gone")))
    result = check_serving_config(str(cfg), mounts=[f"{tab.parent}:/models"])
    assert {k.split(":")[0] for k in result.checks if ":" in k} == {"tab/2"}
    d = only(result, "config.base_path")
    assert d.upstream.startswith("Could not find base path /models/gone for servable gone")
    assert f"looked for at {tab.parent / 'gone'}" in d.message
    code, _, err = cli("gate", "--serving-config", cfg, "--mount", "no-colon")
    assert code == 2 and "HOST_DIR:SERVER_PATH" in err
    code, out, _ = cli("gate", "--serving-config", cfg, "--mount", f"{tab.parent}:/models/", "--json")
    assert code == 1 and json.loads(out)["checks"]["tab/2:signature.no_serving_default"] == "pass"


def test_versions_served_side_by_side_with_a_breaking_interface_change_warn(base_path, write) -> None:
    """trial8 M17: versions one entry serves together (latest 2, labels stable/canary) are compared as `sigcheck
    diff` compares them: a breaking change is a warning (clients break when a label moves), the gate still passes;
    versions with one interface (keras_tabular twice) pass the check; one served version skips it."""
    base = base_path("keras_tabular", 4, name="m")
    base_path("keras_unnamed", 5, name="m")  # another interface in the same base path
    cfg = write("models.config", config_text(model_entry(
        "m", base, '    model_version_policy { latest { num_versions: 2 } }\n'
                   '    version_labels { key: "stable" value: 4 }\n'
                   '    version_labels { key: "canary" value: 5 }\n')))
    result = check_serving_config(str(cfg))
    d = only(result, "config.version_interface")
    assert d.severity is Severity.WARNING and result.ok
    assert d.line == 6 and d.path == "$.model_config_list.config[0].model_version_policy" and d.subject == str(cfg)
    assert d.message.startswith('model "m" serves versions 4 (stable) and 5 (canary) side by side, and version 5 '
                                "breaks version 4's interface (")
    assert f"`sigcheck diff {base / '4'} {base / '5'}`" in d.hint
    assert result.checks["config.version_interface"] == "pass"
    strict = check_serving_config(str(cfg), fail_on="warning")
    assert not strict.ok and strict.checks["config.version_interface"] == "fail"

    same = base_path("keras_tabular", 1, 2, name="same")
    cfg = write("same.config", config_text(model_entry("same", same, '    model_version_policy { all {} }\n')))
    result = check_serving_config(str(cfg))
    assert result.checks["config.version_interface"] == "pass" and codes(result) == []
    cfg = write("one.config", config_text(model_entry("same", same)))  # latest 1: version 2 alone
    assert check_serving_config(str(cfg)).checks["config.version_interface"] == "skip"
