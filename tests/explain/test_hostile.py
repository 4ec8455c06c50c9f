"""#19: explain's patterns run in linear time on hostile input (long digit runs, deep brackets, repeated message
fragments, 1 MB texts): the text is cut (normalize.MAX_CHARS, index.MAX_CHARS) and no pattern puts a quantifier on a
group that repeats without bound."""

from __future__ import annotations

import re
import resource

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sigcheck.explain import explain_text, load_catalogue, read_unknown
from sigcheck.explain.index import load_index

BOUND = 1.0
"""CPU seconds one explanation of a hostile text may take (measured: under 0.35 s for 1 MB on an idle core)."""

_GROUP_REPEAT = re.compile(r"\)(?:[*+]|\{\d*,\})")


def _cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def test_no_pattern_repeats_a_group_without_bound() -> None:
    bad = [e.regex.pattern for e in load_index() if _GROUP_REPEAT.search(e.regex.pattern)]
    bad += [p.regex.pattern for c in load_catalogue() for p in c.patterns if _GROUP_REPEAT.search(p.regex.pattern)]
    assert not bad


FRAGMENTS = [e.template[:40] for e in load_index()][:120] + [
    "Cannot feed value of shape (", "Incompatible shapes: [", "ConcatOp : Dimensions of inputs should match: shape[0] = [",
    "{{node ", "[[Node: ", "details = \"", "status = StatusCode.", "\\\"", "{\"error\": \"", "/9j/4AAQ", "gs://",
    "Input to reshape is a tensor with ", "JSON Value: ", " Type: ", " is not of expected type: ", "1,", "?,", " vs. ",
]
PIECE = st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet="0123456789,[]() ?-.:'\"{}\\/", max_size=40),
                  st.integers(0, 10**30).map(str))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(PIECE, min_size=1, max_size=30), st.integers(1, 40_000))
def test_hostile_texts_take_bounded_time(pieces: list[str], repeat: int) -> None:
    text = ("".join(pieces) * repeat)[:1_000_000]
    t0 = _cpu()
    explain_text(text)
    read_unknown(text)
    assert _cpu() - t0 < 2 * BOUND


def test_long_digit_runs_and_a_megabyte() -> None:
    for text in ("1" * 1_000_000, "Cannot feed value of shape (" + "1, " * 300_000 + ")",
                 "[" * 500_000 + "]" * 500_000, "Input to reshape is a tensor with " + "9" * 999_000,
                 "You must feed a value for placeholder tensor '" + "a" * 999_000):
        t0 = _cpu()
        explain_text(text)
        assert _cpu() - t0 < BOUND, text[:40]
