"""``sigcheck validate``: would TF Serving / Vertex AI accept this request, and what is still wrong with it.

    validate_request(body, info, signature=None, target="tf-serving", shape_check=SHAPE_CHECK_DEFAULT,
                     format_in=None, source=None) -> ValidationResult

``SHAPE_CHECK_DEFAULT`` is ``"warn"``: TF Serving never compares fed shapes with the signature, so a request that
only disagrees with a declared shape is served (the model may still fail on it: ``sigcheck predict`` settles it);
``shape_check="error"`` enforces the declared contract.

No TensorFlow: the model's signatures come from :func:`sigcheck.model.read_model` (a SavedModel read with protobuf
alone, or a ``sigcheck.signatures/v1`` contract); TF Serving's conversion from :mod:`sigcheck.codec.request`.
"""

from __future__ import annotations

from .core import (DECLARED_SHAPE_CODES, SHAPE_CHECK_DEFAULT, SHAPE_CHECKS, TARGETS, FrontEnd, ValidationResult,
                   detect_format, request_body, validate_jsonl, validate_request)
from .fix import Repair, repair

__all__ = ["DECLARED_SHAPE_CODES", "SHAPE_CHECKS", "SHAPE_CHECK_DEFAULT", "TARGETS", "FrontEnd", "Repair",
           "ValidationResult", "detect_format", "repair", "request_body", "validate_jsonl", "validate_request"]
