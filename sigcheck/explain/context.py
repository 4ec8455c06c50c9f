"""Former home of the refiners, kept for imports: see :mod:`sigcheck.explain.refine` (step 3 of the pipeline)."""

from .refine import *  # noqa: F401,F403
from .refine import refine  # noqa: F401
from .refine.base import Context, RequestSummary, summarize_request  # noqa: F401
from .refine.shapes import graph_reshapes  # noqa: F401
