"""The human view's first line agrees with tf_serving (trial 11, finding 14): a model that fails every request is
not "TF Serving accepts it"."""

from __future__ import annotations

from pathlib import Path


def test_headline_says_the_model_fails_every_request(cli, fixture_model, tmp_path: Path) -> None:
    req = tmp_path / "r.json"
    req.write_text('{"instances": [[1.0, 2.0, 3.0, 4.0]]}')
    code, out, err = cli("validate", req, "--model", fixture_model("tf1_keep_prob"), "--no-color")
    first = out.splitlines()[0]
    assert code == 1 and "TF Serving accepts it" not in out
    assert "the model fails every request: TF Serving answers 400" in first
    assert "TF Serving: 400 You must feed a value for placeholder tensor 'keep_prob'" in out
    assert out.count("You must feed a value for placeholder tensor 'keep_prob'") == 1  # said once, at the top
