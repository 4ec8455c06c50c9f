"""Readings of session 18: messages read from their sources (protobuf's text_format.py for TF Serving's config files)
and conventions of the labelled sets read together."""

from __future__ import annotations

import pytest

from sigcheck.explain import explain_text

from .reading import no_category_reading

TEXT_FORMAT = [
    ("google.protobuf.text_format.ParseError: 4:16 : '    base_path: /models/churn': Expected string but found: '/'",
     "quoted"),
    ("google.protobuf.text_format.ParseError: 5:21 : '    model_platform: tensorflow': Expected string but found: "
     "'tensorflow'", "quoted"),
    ("google.protobuf.text_format.ParseError: 3:11 : '    name: \"churn': String missing ending quote: '\"churn'",
     "does not close"),
    ("google.protobuf.text_format.ParseError: 9:1 : Message type \"tensorflow.serving.ModelServerConfig\" should not "
     "have multiple \"model_config_list\" fields.", "ONE model_config_list"),
]


@pytest.mark.parametrize("text, word", TEXT_FORMAT, ids=[t[45:80] for t, _ in TEXT_FORMAT])
def test_a_text_format_config_files_syntax_is_a_reading_about_that_file(text: str, word: str) -> None:
    said = no_category_reading(text, "text-format file")
    assert word in said and "not about the request or model" in said


def test_a_refused_connection_is_no_service_failure_when_the_client_library_calls_it_503() -> None:
    """google.api_core maps grpc's UNAVAILABLE to ServiceUnavailable 503, even when nothing listens at the address."""
    text = ("google.api_core.exceptions.ServiceUnavailable: 503 failed to connect to all addresses; last error: UNKNOWN: "
            "ipv4:127.0.0.1:18599: Failed to connect to remote host: Connection refused")
    assert all(d.category != "service_side_error" for d in explain_text(text))
    assert explain_text("google.api_core.exceptions.ServiceUnavailable: 503 The service is currently "
                        "unavailable.")[0].category == "service_side_error"
