"""Runtime names: Vertex AI prebuilt containers (with their dates), TF Serving images, TensorFlow versions."""

from __future__ import annotations

import datetime

import pytest

from sigcheck.errors import InputError
from sigcheck.runtime import known_runtimes, newest_vertex, resolve_runtime, vertex_containers


@pytest.mark.parametrize(("text", "tf", "kind"), [
    ("tf2-cpu.2-15", "2.15", "vertex"),
    ("us-docker.pkg.dev/vertex-ai/prediction/tf2-gpu.2-12:latest", "2.12", "vertex"),
    ("europe-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-14:latest", "2.14", "vertex"),
    ("tensorflow/serving:2.18.0", "2.18", "tf-serving"),
    ("tensorflow/serving:2.15.1-gpu", "2.15", "tf-serving"),
    ("2.21", "2.21", "tensorflow"), ("2.17.1", "2.17", "tensorflow"),
])
def test_known_names(text, tf, kind):
    rt = resolve_runtime(text)
    assert (rt.tensorflow, rt.kind) == (tf, kind)
    assert (rt.container is not None) is (kind == "vertex")


@pytest.mark.parametrize(("text", "why"), [
    ("2.99", "no op registry recorded for TensorFlow 2.99"),
    ("2.11", "no op registry recorded for TensorFlow 2.11"),
    ("tensorflow/serving:2.11.0", "no op registry recorded for TF Serving 2.11.0's TensorFlow"),
    ("tf2-cpu.2-16", "not a Vertex AI prebuilt TensorFlow prediction container sigcheck knows (tf2-cpu.2-16)"),
    ("tf2-gpu.2-8", "no op registry recorded for TensorFlow 2.8 (tf2-gpu.2-8 is an older Vertex AI container, past "
                    "its end of availability)"),
    ("tensorflow/serving:latest", "unknown runtime"),
    ("latest", "unknown runtime"),
])
def test_unknown_names_list_the_known_ones(text, why):
    with pytest.raises(InputError) as exc:
        resolve_runtime(text)
    assert str(exc.value) == f"--runtime {text!r}: {why}"
    assert exc.value.hint == "known runtimes: " + "; ".join(known_runtimes())
    assert "tf2-cpu.2-15" in exc.value.hint and "2.12, 2.13" in exc.value.hint


def test_vertex_containers_have_dates_and_sources():
    names = {c.name for c in vertex_containers()}
    assert names == {f"tf2-{a}.2-{n}" for a in ("cpu", "gpu") for n in (12, 13, 14, 15)}
    for c in vertex_containers():
        assert c.end_of_support < c.end_of_availability
        assert "pre-built-containers" in c.source or "CPU row" in c.source
    c215 = resolve_runtime("tf2-cpu.2-15").container
    assert (c215.end_of_support, c215.end_of_availability) == (datetime.date(2026, 1, 14), datetime.date(2027, 1, 14))
    assert c215.status(datetime.date(2025, 6, 1)) == "supported until 2026-01-14"
    assert c215.status(datetime.date(2026, 12, 6)).startswith("past its end of support (2026-01-14), available until")
    assert resolve_runtime("tf2-cpu.2-13").container.status(datetime.date(2026, 12, 6)).startswith(
        "retired by Vertex AI on 2025-11-28")


def test_newest_vertex_container_is_the_default_for_vertex():
    rt = newest_vertex(datetime.date(2026, 12, 6))
    assert (rt.text, rt.tensorflow, rt.default_for_target) == ("tf2-cpu.2-15", "2.15", True)
    assert newest_vertex(datetime.date(2030, 1, 1)).text == "tf2-cpu.2-15"  # all retired: still the newest


def test_gate_with_a_runtime_imports_no_tensorflow(fixture_model):
    import os
    import subprocess
    import sys

    code = (
        "import sys\nfrom sigcheck.cli.app import run\n"
        f"code = run(['gate', {str(fixture_model('keras_tabular'))!r}, '--runtime', 'tf2-cpu.2-15', '--json'])\n"
        "assert code == 0, code\n"
        "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules]\nassert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert '"op.runtime_ok"' in proc.stdout


def test_a_huge_runtime_value_is_not_echoed_whole() -> None:
    with pytest.raises(InputError) as caught:
        resolve_runtime("2." + "1" * 5000)
    assert len(caught.value.message) < 400 and "characters)" in caught.value.message
