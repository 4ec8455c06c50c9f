"""Classification exports write the class order beside the model (assets.extra/labels.txt) and say so."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

pytestmark = pytest.mark.tf


def test_labels_file_gives_the_order_of_the_probabilities(tabular_export, census_table):
    import tensorflow as tf

    labels_path = tabular_export.files["labels"]
    assert labels_path == os.path.join(tabular_export.location, "assets.extra", "labels.txt")
    labels = open(labels_path, encoding="utf-8").read().splitlines()
    assert labels == list(census_table.plan.classes) and len(labels) >= 2
    assert any("labels.txt" in n and "class order" in n for n in tabular_export.notes)
    rows = json.loads(open(tabular_export.files["request"], encoding="utf-8").read())["instances"]
    fn = tf.saved_model.load(tabular_export.location).signatures["serving_default"]
    _, spec = fn.structured_input_signature
    feeds = {k: tf.constant([row[k] for row in rows], dtype=spec[k].dtype) for k in spec}
    out = fn(**feeds)
    picked = [labels[i] for i in np.argmax(out["probabilities"].numpy(), axis=-1)]
    assert picked == [c.decode() for c in out["classes"].numpy()]


def test_regression_writes_no_labels(regression_export):
    assert "labels" not in regression_export.files
    assert not os.path.exists(os.path.join(regression_export.location, "assets.extra", "labels.txt"))
