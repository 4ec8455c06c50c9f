"""benchmarks/explain_leave_out.py: the grouping of index entries by project, and the reduced index it reads with
(a project's entries gone from the patterns, the nearest words and the kinds' tables; the whole index back after)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("explain_leave_out", ROOT / "benchmarks" / "explain_leave_out.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["explain_leave_out"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("source, project", [
    # real sources of messages.json's entries
    ("keras 3.15.1 keras/src/saving/saving_lib.py:587", "keras"),
    ("tensorflow 2.21.0 python/ops/nn_ops.py:2871", "tensorflow"),
    ("tensorflow/libtensorflow_cc.so.2 (strings -n 8; family matmul)", "tensorflow"),
    ("tensorflow/python/client/session.py", "tensorflow"),
    ("https://github.com/keras-team/keras/blob/2.3.1/keras/engine/training_utils.py", "keras"),
    ("github.com/tensorflow/serving HEAD tensorflow_serving/batching/batching_session.cc:384", "tensorflow/serving"),
    ("github.com/microsoft/onnxruntime@bdbeedaf4729 onnxruntime/core/session/inference_session.cc", "onnxruntime"),
    ("onnxruntime 1.4.0", "onnxruntime"),
    ("github.com/triton-inference-server/core@73aad7c3348d src/model_repository_manager/model_repository_manager.cc",
     "triton-inference-server"),
    ("github.com/opencv/opencv@3.4.0 modules/dnn/src/tensorflow/tf_importer.cpp (TFImporter::populateNet)",
     "opencv/opencv"),
    ("https://cloud.google.com/vertex-ai/docs/quotas", "google cloud"),
    ("https://docs.aws.amazon.com/sagemaker/latest/dg/cdf-inference.html", "aws sagemaker"),
    ("tflite-runtime 2.7.0 tflite_runtime/_pywrap_tensorflow_interpreter_wrapper.so", "tensorflow"),
    ("h5py 3.14.0 h5py.libs/libhdf5-8c29085d.so.310.5.1 (strings -n 8)", "h5py"),
])
def test_an_entry_belongs_to_the_project_its_source_names(harness, source: str, project: str) -> None:
    assert harness.project(source) == project


def test_the_spent_sets_are_named_not_globbed(harness) -> None:
    assert all(p.name.startswith(("threads_", "heldout_errors", "unseen_dev")) for p in harness.SPENT)
    assert not any("threads_10" in p.name for p in harness.SPENT)


def test_a_project_left_out_is_gone_from_every_step_and_comes_back(harness, tmp_path: Path) -> None:
    from sigcheck.explain import derived, index, kinds, nearest

    harness.Reduced._clear()  # the index as the file holds it now (others may regenerate it while tests run)
    cv = next(e for e in index.load_index() if harness.project(e.source) == "opencv/opencv")
    whole = len(index.load_index())
    with harness.Reduced(index.INDEX_PATH, "opencv/opencv", tmp_path) as dropped:
        assert dropped > 0 and len(index.load_index()) == whole - dropped
        assert all(harness.project(e.source) != "opencv/opencv" for e in index.load_index())
        assert all(t.entry.source != cv.source for t in nearest.vocabulary().templates)
        assert derived.load()  # the reduced index's own tables (derived.build), not computed again per process
        assert len(nearest.vocabulary().templates) == whole - dropped and kinds.model().evidence
    assert len(index.load_index()) == whole
    assert any(e.source == cv.source for e in index.load_index())
