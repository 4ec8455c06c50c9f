"""``sigcheck validate``: would TF Serving / Vertex AI accept this request, and what is still wrong with it.

    validate_request(body, info, signature=None, target="tf-serving", shape_check="error", format_in=None,
                     source=None) -> ValidationResult

No TensorFlow: the model's signatures come from :func:`sigcheck.model.read_model` (a SavedModel read with protobuf
alone, or a ``sigcheck.signatures/v1`` contract); TF Serving's conversion from :mod:`sigcheck.codec.request`.
"""

from __future__ import annotations

from .core import TARGETS, FrontEnd, ValidationResult, detect_format, request_body, validate_jsonl, validate_request
from .fix import Repair, repair

__all__ = ["TARGETS", "FrontEnd", "Repair", "ValidationResult", "detect_format", "repair", "request_body", "validate_jsonl",
           "validate_request"]
