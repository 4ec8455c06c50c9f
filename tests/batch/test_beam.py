"""``--runner beam`` on Beam's DirectRunner gives exactly the local runner's result and dead letter.

apache-beam cannot share an environment with this project's TensorFlow (Beam pins protobuf < 7, TensorFlow 2.21's
dev tools here need protobuf 7): run these in the Beam venv, ``make beam-venv && .venv-beam/bin/python -m pytest
tests/batch/test_beam.py``; elsewhere they skip.
"""

from __future__ import annotations

import pytest

from sigcheck.batch import run_batch
from sigcheck.codec.tfrecord import frame

from . import wire
from .conftest import jsonl_text

beam = pytest.importorskip("apache_beam", reason="apache-beam is not installed (the [beam] extra lives in its own "
                                                 "venv: make beam-venv)")


def _same(local, remote, dead_local, dead_remote):
    a, b = local.to_json(), remote.to_json()
    for d in (a, b):
        d.pop("seconds"), d.pop("dead_letter")
    assert a == b
    assert dead_local.read_bytes() == dead_remote.read_bytes()


def test_beam_equals_local(tmp_path, tabular, example_model):
    lines = tmp_path / "x.jsonl"
    lines.write_text(jsonl_text() * 2)
    rows = tmp_path / "x.csv"
    rows.write_text('age,hours,occupation\n1,2,"a"\n3,"4","b"\n5,6\n')
    records = tmp_path / "x.tfrecord"
    records.write_bytes(b"".join(frame(wire.example(wire.good(i)) if i % 4 else b"\x01\x02") for i in range(12)))
    for paths, info, split in (([lines, rows], tabular, 3000), ([records], example_model, 1 << 30)):
        inputs = [str(p) for p in paths]
        dl, db = tmp_path / "local.jsonl", tmp_path / "beam.jsonl"
        local = run_batch(inputs, info, workers=1, dead_letter=str(dl), split_bytes=split)
        remote = run_batch(inputs, info, runner="beam", beam_options=["runner=DirectRunner"], dead_letter=str(db),
                           split_bytes=split)
        assert local.bad_records > 0
        _same(local, remote, dl, db)


def test_beam_option_must_be_key_value(tmp_path, tabular):
    from sigcheck.errors import InputError

    path = tmp_path / "x.jsonl"
    path.write_text(jsonl_text(3))
    with pytest.raises(InputError, match="KEY=VALUE"):
        run_batch([str(path)], tabular, runner="beam", beam_options=["DataflowRunner"])


def test_beam_checks_the_signature_named(tmp_path, fixture_model):
    """--signature reaches the Beam workers (in the plan's side input): the same result as the local runner's."""
    from sigcheck.model import read_model

    info = read_model(str(fixture_model("module_multi")))
    lines = tmp_path / "words.jsonl"
    lines.write_text('"hello"\n3\n"world"\n' * 50)
    records = tmp_path / "x.tfrecord"
    records.write_bytes(b"".join(frame(b"record %d" % i) for i in range(6)))
    for paths, split in (([lines], 200), ([records], 1 << 30)):
        inputs = [str(p) for p in paths]
        dl, db = tmp_path / "local.jsonl", tmp_path / "beam.jsonl"
        local = run_batch(inputs, info, workers=1, dead_letter=str(dl), split_bytes=split, signature="echo_bytes")
        remote = run_batch(inputs, info, runner="beam", beam_options=["runner=DirectRunner"], dead_letter=str(db),
                           split_bytes=split, signature="echo_bytes")
        assert remote.signature == "echo_bytes" and remote.records == local.records > 0
        assert local.bad_records == (50 if paths == [lines] else 0)
        _same(local, remote, dl, db)
    default = run_batch([str(lines)], info, runner="beam", beam_options=["runner=DirectRunner"])
    assert default.signature == "serving_default" and default.bad_records == 150


def _interrupt_in_check(monkeypatch, how):
    """Make every Beam ``check`` step receive ``how`` (a real signal to this process, or Ctrl-C's exception)."""
    import os
    import signal

    from sigcheck.batch import runner

    def check_unit(plan, unit, opener=None):
        if how == "SIGTERM":
            os.kill(os.getpid(), signal.SIGTERM)  # (sigcheck batch's handler raises KeyboardInterrupt here)
            signal.sigtimedwait([], 1)  # (let it arrive inside the step)
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "check_unit", check_unit)


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_beam_interrupted_as_the_local_runner(cli, monkeypatch, fixture_model, tmp_path, how):
    """u3 F18: Ctrl-C / SIGTERM while Beam runs a step is ``interrupted``, exit 130, no traceback, no dead letter
    left (Beam re-raised it as ``RuntimeError: KeyboardInterrupt [while running 'check']``: an internal error,
    exit 2, after logging the step's traceback)."""
    path = tmp_path / "x.jsonl"
    path.write_text(jsonl_text(50))
    _interrupt_in_check(monkeypatch, how)
    dead = tmp_path / "out" / "bad.jsonl"
    dead.parent.mkdir()
    code, out, err = cli("batch", path, "--model", fixture_model("keras_tabular"), "--runner", "beam",
                         "--beam-option", "runner=DirectRunner", "--dead-letter", dead)
    assert (code, out) == (130, "")
    assert err.strip().splitlines()[-1] == "interrupted"
    assert "Traceback" not in err and "internal error" not in err and "KeyboardInterrupt" not in err
    assert list(dead.parent.iterdir()) == []


def test_beam_step_errors_still_raise(monkeypatch, tmp_path, tabular):
    """Only an interrupt becomes KeyboardInterrupt: another exception of a step still surfaces (a bug is a bug)."""
    from sigcheck.batch import runner

    def check_unit(plan, unit, opener=None):
        raise ValueError("boom")

    monkeypatch.setattr(runner, "check_unit", check_unit)
    path = tmp_path / "x.jsonl"
    path.write_text(jsonl_text(5))
    with pytest.raises(ValueError, match="boom"):
        run_batch([str(path)], tabular, runner="beam", beam_options=["runner=DirectRunner"])
