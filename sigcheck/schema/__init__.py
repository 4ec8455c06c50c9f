"""The request contract of a signature as documents a client team can use.

* :func:`request_schema`: JSON Schema (draft 2020-12) of the predict request body (row and columnar forms);
* :func:`instance_schema`: one instance as an OpenAPI 3.0 schema object (Vertex AI's ``instance_schema_uri``);
* :func:`sample_request` / :func:`build_sample`: a deterministic request that validates (:func:`model_sample`:
  for a read model, with what its graph says about the inputs).

All of it derives from the signature and the dtype table (:mod:`sigcheck.codec.dtypes`); no TensorFlow.
"""

from __future__ import annotations

from .build import LIMITS, dumps_schema, instance_schema, request_schema
from .layout import (
    VERTEX_MAX_BYTES,
    RequestImpossibleError,
    check_target,
    is_binary,
    select_signature,
    target_signature_problem,
)
from .sample import Sample, build_sample, model_sample, parse_dim, parse_shape, sample_request

__all__ = [
    "LIMITS",
    "RequestImpossibleError",
    "Sample",
    "VERTEX_MAX_BYTES",
    "build_sample",
    "check_target",
    "dumps_schema",
    "instance_schema",
    "is_binary",
    "model_sample",
    "parse_dim",
    "parse_shape",
    "request_schema",
    "sample_request",
    "select_signature",
    "target_signature_problem",
]
