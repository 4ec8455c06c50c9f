"""A kernel's rank CHECK (tensorflow/core/framework/tensor.h: ``Check failed: NDIMS == dims() (2 vs. 3)Asking for
tensor of 2 dimensions from a tensor of 3 dimensions``), which aborts TF Serving with a core dump, is read by its two
ranks as a level of nesting too many or too few in what was fed (#15)."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text


@pytest.mark.parametrize("text, category", [
    ("F tensorflow/core/framework/tensor.h:753] Check failed: NDIMS == dims() (2 vs. 3)Asking for tensor of 2 "
     "dimensions from a tensor of 3 dimensions\nAborted (core dumped)", "extra_batch_dimension"),
    ("TF Serving crashed (core dumped, Check failed: NDIMS == dims() (2 vs. 3)) after the request", "extra_batch_dimension"),
    ("Check failed: NDIMS == dims() (2 vs. 1)Asking for tensor of 2 dimensions from a tensor of 1 dimensions",
     "missing_batch_dimension"),
])
def test_the_two_ranks_decide(text: str, category: str) -> None:
    top = explain_text(text)[0]
    assert top.category == category
    assert top.evidence["want_rank"] != top.evidence["got_rank"]


def test_ranks_apart_by_more_than_one_stay_a_shape_mismatch() -> None:
    top = explain_text("Check failed: NDIMS == dims() (4 vs. 1)Asking for tensor of 4 dimensions from a tensor of 1 "
                       "dimensions")[0]
    assert top.category == "input_shape_mismatch"
