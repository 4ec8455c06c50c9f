"""``tf_serving`` is TF Serving's answer to the request (trial11 finding 14): for a body its JSON layer decodes, but
which the model fails whatever the request (an unfed placeholder, variables a session load never restores, an
incomplete variables/ folder), it is that failure — the status and message predict shows — not a 200."""

from __future__ import annotations

import shutil
from pathlib import Path

from sigcheck.model import read_model
from sigcheck.validate import validate_request


def test_unfed_placeholder_is_tf_servings_400(fixture_model) -> None:
    r = validate_request(b'{"instances": [[1.0, 2.0, 3.0, 4.0]]}', read_model(str(fixture_model("tf1_keep_prob"))))
    assert r.decoded.accepted and not r.ok  # (the JSON layer decodes it; the model fails it)
    answer = r.to_json()["tf_serving"]
    assert (answer["accepted"], answer["http_status"], answer["stage"]) == (False, 400, "execution")
    assert answer["error"].startswith("You must feed a value for placeholder tensor 'keep_prob'")
    assert r.answer.finding is not None and r.answer.finding.code == "graph.unfed_placeholder"
    assert r.answer.status_code == "INVALID_ARGUMENT"
    assert r.to_json()["tensors"]  # the tensors TF Serving builds are still said


def test_unrestored_variables_are_tf_servings_400(fixture_model) -> None:
    r = validate_request(b'{"instances": [[1.0, 2.0, 3.0]]}', read_model(str(fixture_model("keras3_tf_save"))))
    answer = r.to_json()["tf_serving"]
    assert (answer["accepted"], answer["http_status"], answer["stage"]) == (False, 400, "execution")
    assert answer["error"].startswith("Could not find variable ")
    assert r.answer.status_code == "FAILED_PRECONDITION"


def test_a_version_that_cannot_load_has_no_answer(fixture_model, tmp_path: Path) -> None:
    model = tmp_path / "m"
    shutil.copytree(fixture_model("keras_tabular"), model)
    for shard in (model / "1" / "variables").glob("variables.data-*"):
        shard.unlink()
    info = read_model(str(model))
    body = b'{"instances": [{"age": [30.0], "hours": [40], "occupation": ["tech"]}]}'
    assert validate_request(body, read_model(str(fixture_model("keras_tabular")))).ok
    r = validate_request(body, info)
    assert r.decoded.accepted and not r.ok
    answer = r.to_json()["tf_serving"]
    assert (answer["accepted"], answer["http_status"], answer["stage"]) == (False, None, "model")
    assert r.answer.finding is not None and r.answer.finding.code == "files.variables_not_restored"


def test_a_good_model_keeps_its_200(fixture_model) -> None:
    r = validate_request(b'{"instances": [[1.0, 2.0, 3.0, 4.0]]}', read_model(str(fixture_model("keras_unnamed"))))
    assert r.ok and r.to_json()["tf_serving"] == {"accepted": True, "http_status": 200, "error": None, "stage": "ok"}
