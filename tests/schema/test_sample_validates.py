"""README: ``sample`` writes "a request that validates" — for every option combination.  Each sample is validated
with the same ``--target`` (a JSON Lines sample as JSON Lines): TF Serving accepts it, nothing in front of it
refuses it, and no finding is an error.  Option combinations sample refuses (exit 2, e.g. ``--columnar`` with
``--jsonl``) are skipped."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sigcheck.errors import InputError
from sigcheck.model import read_model
from sigcheck.schema import VERTEX_MAX_BYTES, build_sample
from sigcheck.validate import validate_request

MODELS = Path(__file__).resolve().parents[2] / "fixtures" / "models"
CASES = [(m, s) for m in sorted(p.name for p in MODELS.iterdir() if (p / "1").is_dir())
         for s in sorted(read_model(str(MODELS / m)).signatures)] if MODELS.is_dir() else []
OPTIONS = list(itertools.product([None, 3, 101], [False, True], [False, True], ["tf-serving", "vertex"],
                                 [False, True]))


@pytest.fixture(scope="module")
def models() -> dict:
    return {}


@pytest.mark.parametrize(("model", "signature"), CASES, ids=[f"{m}:{s}" for m, s in CASES])
def test_every_sample_validates_with_its_target(model: str, signature: str, models: dict) -> None:
    info = models.get(model) or models.setdefault(model, read_model(str(MODELS / model)))
    sig = info.signatures[signature]
    checked = 0
    try:
        big = len(build_sample(sig).body) > 10_000  # an image: 101 of them make a 27 MB body; 3 show the same
    except InputError:
        big = False
    from sigcheck.gate.blockers import model_blockers

    blockers = {(f.code, f.category, f.message) for f in model_blockers(info, signature)}  # (the model's fault)
    for batch, jsonl, columnar, target, max_size in OPTIONS:
        if max_size and (batch is not None or target != "vertex"):
            continue  # the CLI refuses --batch with --max-size, and --max-size is Vertex AI's limit
        if big and batch == 101:
            continue
        try:
            sample = build_sample(sig, batch=batch, jsonl=jsonl, target=target,
                                  layout="columnar" if columnar else None,
                                  size_limit=VERTEX_MAX_BYTES if max_size else None)
        except InputError:
            continue  # sample exits 2: no such request
        result = validate_request(sample.body, info, signature=signature, target=target,
                                  format_in="jsonl" if jsonl else "body")
        errors = [(f.code, f.category, f.message) for f in result.errors]
        options = dict(batch=batch, jsonl=jsonl, columnar=columnar, target=target, max_size=max_size)
        assert result.decoded.accepted and result.front_end is None, (options, errors)
        assert set(errors) == blockers and result.ok == (not blockers), (options, errors)
        if max_size and jsonl:
            assert any("JSON Lines" in n and "no instance limit" in n for n in sample.notes), sample.notes
        checked += 1
    if signature != "half_output":  # DT_HALF output: TF Serving cannot write any answer, so sample refuses it
        assert checked, "no option combination made a sample"


def test_vertex_batch_over_the_limit_is_refused(cli, fixture_model) -> None:
    """An explicit --batch whose request Vertex AI would refuse (1.5 MB) exits 2 and says how many fit."""
    code, out, err = cli("sample", fixture_model("keras_image"), "--target", "vertex", "--batch", "3")
    assert code == 2 and out == "" and "over Vertex AI's 1572864-byte online prediction limit" in err
    assert "at most 2 instances fit: use --batch 2, or --max-size" in err
    assert cli("sample", fixture_model("keras_image"), "--batch", "3")[0] == 0  # TF Serving has no limit


def test_max_size_json_lines_validates_for_vertex(cli, fixture_model, tmp_path) -> None:
    """The trial's case: `sample --max-size --jsonl` then `validate --target vertex` (no gcloud 100-instance limit
    for Vertex AI); the note says which limit holds for JSON Lines, and the size is the body the lines make."""
    model = str(fixture_model("keras_tabular"))
    code, out, err = cli("sample", model, "--max-size", "--jsonl")
    assert code == 0
    path = tmp_path / "f.jsonl"
    path.write_text(out)
    n = len(out.splitlines())
    assert n > 100 and f"{n} instances fit under 1572864 bytes: the body the lines make is" in err
    assert "gcloud ai-platform predict --json-instances would refuse these" in err
    code, out, _ = cli("validate", str(path), "--model", model, "--target", "vertex")
    assert code == 0 and out.startswith("✓ valid")
    code, out, _ = cli("validate", str(path), "--model", model, "--target", "ai-platform")
    assert code == 1 and "gcloud refuses the file before sending anything" in out.splitlines()[0]
