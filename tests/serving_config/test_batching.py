"""--batching-parameters: the values TF Serving refuses (its messages) and what batching does to each signature."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.serving_config import check_serving_config

from .conftest import config_text, model_entry


def batching_findings(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in result.findings:
        if d.code.startswith("config.batching."):
            out.setdefault(d.code, []).append(d)
    return out


@pytest.fixture
def tabular_config(base_path, write) -> Path:
    return write("models.config", config_text(model_entry("tab", base_path("keras_tabular", 1, name="tab"))))


def run(config: Path, write, text: str):
    return check_serving_config(str(config), batching_parameters=str(write("batching.config", text)))


def test_good_parameters_pass(tabular_config, write) -> None:
    result = run(tabular_config, write, "max_batch_size { value: 64 }\nbatch_timeout_micros { value: 2000 }\n"
                                        "num_batch_threads { value: 4 }\nmax_enqueued_batches { value: 100 }\n"
                                        "allowed_batch_sizes: [8, 16, 64]\n")
    assert result.checks["config.batching"] == "pass" and batching_findings(result) == {}


def test_last_allowed_size_must_match_max_batch_size(tabular_config, write) -> None:
    result = run(tabular_config, write, "max_batch_size { value: 128 }\nallowed_batch_sizes: 8\n"
                                        "allowed_batch_sizes: 64\n")
    [d] = batching_findings(result)["config.batching.allowed_batch_sizes"]
    assert d.upstream == "Last entry in allowed_batch_sizes must match max_batch_size; last entry was 64; expected 128"
    assert d.line == 2 and d.severity is Severity.ERROR and result.checks["config.batching"] == "fail"


def test_max_batch_size_default_is_1000(tabular_config, write) -> None:
    result = run(tabular_config, write, "allowed_batch_sizes: [16, 32]\n")
    [d] = batching_findings(result)["config.batching.allowed_batch_sizes"]
    assert d.upstream.endswith("last entry was 32; expected 1000") and "default is 1000" in d.message


def test_allowed_sizes_not_increasing(tabular_config, write) -> None:
    plain = run(tabular_config, write, "max_batch_size { value: 32 }\nallowed_batch_sizes: [16, 8, 32]\n")
    [d] = batching_findings(plain)["config.batching.allowed_batch_sizes"]
    assert d.severity is Severity.WARNING and "does not check it" in d.message  # (TF Serving's TODO b/161641195)
    split = run(tabular_config, write, "max_batch_size { value: 32 }\nallowed_batch_sizes: [16, 8, 32]\n"
                                       "enable_large_batch_splitting { value: true }\n"
                                       "max_execution_batch_size { value: 32 }\n")
    [d] = batching_findings(split)["config.batching.allowed_batch_sizes"]
    assert d.severity is Severity.ERROR
    assert d.upstream == "allowed_batch_sizes entries must be monotonically increasing"


def test_splitting_needs_last_size_equal_to_max_execution_batch_size(tabular_config, write) -> None:
    result = run(tabular_config, write, "max_batch_size { value: 64 }\nallowed_batch_sizes: [8, 64]\n"
                                        "enable_large_batch_splitting { value: true }\n"
                                        "max_execution_batch_size { value: 16 }\n")
    [d] = batching_findings(result)["config.batching.allowed_batch_sizes"]
    assert d.upstream == ("Last entry in allowed_batch_sizes must be equal to max_execution_batch_size; last entry "
                          "was 64; expected 16")


def test_scheduler_values_tf_refuses(tabular_config, write) -> None:
    result = run(tabular_config, write, "num_batch_threads { value: 0 }\nbatch_timeout_micros { value: -5 }\n"
                                        "max_batch_size { value: 8 }\nenable_large_batch_splitting { value: true }\n"
                                        "max_execution_batch_size { value: 16 }\nmax_enqueued_batches { value: 0 }\n")
    found = batching_findings(result)
    assert found["config.batching.num_batch_threads"][0].upstream == "num_batch_threads must be positive; was 0"
    assert found["config.batching.batch_timeout_micros"][0].upstream == ("batch_timeout_micros must be "
                                                                         "non-negative; was -5")
    assert found["config.batching.max_enqueued_batches"][0].upstream == "max_enqueued_batches must be positive; was 0"
    assert found["config.batching.max_execution_batch_size"][0].upstream.startswith(
        "When enable_large_batch_splitting is true, input_batch_size_limit must be greater than or equal to")
    assert found["config.batching.num_batch_threads"][0].line == 1


def test_sanity_warnings(tabular_config, write) -> None:
    result = run(tabular_config, write, "batch_timeout_micros { value: 5000000 }\nmax_enqueued_batches { value: 0 }\n")
    found = batching_findings(result)
    assert found["config.batching.batch_timeout_micros"][0].severity is Severity.WARNING
    assert found["config.batching.max_enqueued_batches"][0].severity is Severity.INFO  # rewritten to 1
    assert result.checks["config.batching"] == "pass"


def test_signatures_without_a_batch_dimension(base_path, write) -> None:
    multi = base_path("module_multi", 1, name="multi")
    fixed = base_path("tf1_fixed_batch", 1, name="fixed")
    cfg = write("models.config", config_text(model_entry("multi", multi), model_entry("fixed", fixed)))
    result = run(cfg, write, "max_batch_size { value: 8 }\n")
    found = batching_findings(result)
    [scalar] = found["config.batching.no_batch_dimension"]
    assert scalar.path == "$.signatures.scalar_input.inputs.x" and scalar.category == "scalar_input"
    assert scalar.upstream == "Batching Run() input tensors must have at least one dimension"
    assert scalar.subject == str(multi / "1")
    [fixed_in] = found["config.batching.fixed_batch_dimension"]
    assert fixed_in.message.startswith('model "fixed" version 1: input "x"') and "(1, 4)" in fixed_in.message
    assert any(d.path == "$.signatures.unknown_rank.inputs.x" for d in found["config.batching.unknown_rank"])
    assert result.checks["config.batching"] == "fail"


@pytest.mark.tf
def test_variable_length_inputs_need_padding(variable_length_model: Path, tmp_path: Path, write) -> None:
    base = tmp_path / "models" / "varlen"
    shutil.copytree(variable_length_model, base / "1")
    cfg = write("models.config", config_text(model_entry("varlen", base)))
    off = run(cfg, write, "max_batch_size { value: 8 }\n")
    [d] = batching_findings(off)["config.batching.variable_length"]
    assert d.upstream.startswith("Tensors with name 'serving_default_tokens:0' from different tasks have different "
                                 "shapes and padding is turned off. Set pad_variable_length_inputs to true")
    assert d.severity is Severity.WARNING and "(-1, -1)" in d.message
    on = run(cfg, write, "max_batch_size { value: 8 }\npad_variable_length_inputs: true\n")
    assert "config.batching.variable_length" not in batching_findings(on)
    assert "config.batching.padding_unused" not in batching_findings(on)


def test_padding_that_nothing_needs(tabular_config, write) -> None:
    result = run(tabular_config, write, "pad_variable_length_inputs: true\n")
    [d] = batching_findings(result)["config.batching.padding_unused"]
    assert d.severity is Severity.INFO and d.line == 1


def test_batching_file_parse_error(tabular_config, write) -> None:
    result = run(tabular_config, write, "max_batch_size: 8\n")  # a wrapper message, not a number
    [d] = [d for d in result.findings if d.code == "config.parse"]
    assert d.subject.endswith("batching.config") and d.line == 1
    assert d.upstream.startswith("Invalid protobuf file: '") and result.checks["config.batching"] == "fail"


def test_per_model_batching_params_file_is_checked(base_path, write) -> None:
    """A version's own batching_params.pbtxt (--enable_per_model_batching_params) is linted without a server file."""
    tab = base_path("keras_tabular", 1, name="tab")
    own = tab / "1" / "batching_params.pbtxt"
    own.write_text("max_batch_size { value: 16 }\nallowed_batch_sizes: [4, 8]\n")
    cfg = write("models.config", config_text(model_entry("tab", tab)))
    result = check_serving_config(str(cfg))
    [d] = batching_findings(result)["config.batching.allowed_batch_sizes"]
    assert d.subject == str(own) and d.line == 2
    assert d.upstream.endswith("last entry was 8; expected 16") and result.checks["config.batching"] == "fail"
    own.unlink()
    assert check_serving_config(str(cfg)).checks["config.batching"] == "skip"
