"""--monitoring-config; a gs:// base_path and config on the fake GCS emulator; no TensorFlow import without --predict."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.serving_config import check_serving_config

from .conftest import MODELS, config_text, model_entry


def test_monitoring_config(base_path, write) -> None:
    cfg = write("models.config", config_text(model_entry("tab", base_path("keras_tabular", 1, name="tab"))))

    def run(text: str):
        return check_serving_config(str(cfg), monitoring_config=str(write("monitoring.config", text)))

    good = run('prometheus_config {\n  enable: true\n  path: "/monitoring/prometheus/metrics"\n}\n')
    assert good.checks["config.monitoring"] == "pass" and not [d for d in good.findings if "monitoring" in d.code]
    slash = run('prometheus_config {\n  enable: true\n  path: "metrics"\n}\n')
    [d] = [d for d in slash.findings if d.code == "config.monitoring.path"]
    assert d.severity is Severity.WARNING and d.line == 3
    off = run("prometheus_config { enable: false }\n")
    assert [d.code for d in off.findings if "monitoring" in d.code] == ["config.monitoring.disabled"]
    broken = run("prometheus_config { enabled: true }\n")
    [d] = [d for d in broken.findings if d.code == "config.parse"]
    assert 'tensorflow.serving.PrometheusConfig" has no field named "enabled"' in d.message
    assert broken.checks["config.monitoring"] == "fail"


@pytest.mark.gcs
def test_gs_base_path_and_config_on_the_emulator(gcs_emulator) -> None:
    """base_path gs://… (versions listed remotely, each version gated) and the config file itself on gs://."""
    bucket = gcs_emulator.new_bucket()
    gcs_emulator.put_tree(MODELS / "keras_tabular" / "1", bucket, "models/tab/1")
    gcs_emulator.put_tree(MODELS / "keras_tabular" / "1", bucket, "models/tab/2")
    cfg_text = config_text(model_entry("tab", f"gs://{bucket}/models/tab",
                                       "    model_version_policy { specific { versions: 2 versions: 3 } }\n"),
                           model_entry("gone", f"gs://{bucket}/models/gone"))
    gcs_emulator.client.bucket(bucket).blob("config/models.config").upload_from_string(cfg_text)
    result = check_serving_config(f"gs://{bucket}/config/models.config")
    assert {k.split(":")[0] for k in result.checks if ":" in k} == {"tab/2"}
    codes = sorted(d.code for d in result.findings)
    assert codes == ["config.base_path", "config.version_missing"], result.findings
    missing = next(d for d in result.findings if d.code == "config.version_missing")
    assert missing.subject == f"gs://{bucket}/config/models.config" and missing.line == 6


PROBE = """
import json, sys
from sigcheck.cli import main
code = main({argv!r})
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in
                 ('tensorflow', 'keras', 'tensorflow_serving'))) + "\\n")
sys.exit(code)
"""


def test_gate_serving_config_imports_no_tensorflow(base_path, write) -> None:
    tab = base_path("keras_tabular", 1, name="tab")
    (tab / "1" / "assets.extra").mkdir()
    from sigcheck.codec.tfrecord import frame_records

    from .test_warmup import predict_log, tabular_inputs

    (tab / "1" / "assets.extra" / "tf_serving_warmup_requests").write_bytes(frame_records([predict_log(**tabular_inputs())]))
    cfg = write("models.config", config_text(model_entry("tab", tab)))
    batching = write("batching.config", "max_batch_size { value: 8 }\n")
    argv = ["gate", "--serving-config", str(cfg), "--batching-parameters", str(batching), "--json"]
    env = dict(os.environ, NO_GCE_CHECK="true", NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True, env=env,
                          timeout=120)
    _, _, tail = proc.stderr.rpartition("\nMODULES=")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out := proc.stdout)["checks"]["config.warmup"] == "pass", out
    assert json.loads(tail) == []
