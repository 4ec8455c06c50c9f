"""Fuzz tests: hypothesis over the model reader, the request codec, explain, and a mutation corpus of SavedModels.

Two profiles: the default suite runs a few dozen examples per target (well under a minute in all); ``make fuzz``
selects ``--hypothesis-profile=fuzz`` (thousands of examples, no example database) and writes what ran to
``fuzz-stats.json`` through the ``fuzz_stats`` fixture.  Every target asserts the same thing: sigcheck answers
(a result, or a :class:`~sigcheck.errors.SigcheckError` — exit 2 with one line) within a time bound, and never
fails any other way.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, settings

from sigcheck.errors import SigcheckError

settings.register_profile("default", max_examples=15, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=int(os.environ.get("SIGCHECK_FUZZ_EXAMPLES", "2000")),
                          deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                 HealthCheck.filter_too_much])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TIME_LIMIT = float(os.environ.get("SIGCHECK_FUZZ_SECONDS", "20"))
"""Seconds one call may take before it counts as a hang (generous: the test machine is shared)."""

STATS: Counter[str] = Counter()
"""target/outcome → count, for ``make fuzz``'s figures."""


class Hang(AssertionError):
    pass


@contextlib.contextmanager
def time_limit(seconds: float = TIME_LIMIT) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than ``seconds`` (SIGALRM: main thread, Unix)."""
    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds:.0f} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def answers(target: str, fn: Callable[[], Any]) -> Any:
    """Run ``fn``: a result or a SigcheckError is an answer; anything else (or a hang) fails the test."""
    start = time.perf_counter()
    try:
        with time_limit():
            result = fn()
    except SigcheckError as exc:
        STATS[f"{target}/refused ({type(exc).__name__})"] += 1
        return exc
    except Hang:
        STATS[f"{target}/FAILED hang"] += 1
        raise
    except RecursionError:
        STATS[f"{target}/FAILED RecursionError"] += 1
        raise
    except Exception as exc:
        STATS[f"{target}/FAILED {type(exc).__name__}"] += 1
        raise
    finally:
        STATS[f"{target}/runs"] += 1
        slow = time.perf_counter() - start
        if slow > 2:
            STATS[f"{target}/slower than 2 s"] += 1
    STATS[f"{target}/answered"] += 1
    return result


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    out = os.environ.get("SIGCHECK_FUZZ_STATS")
    if out and STATS:
        Path(out).write_text(json.dumps(dict(sorted(STATS.items())), indent=1) + "\n")
