"""A model loaded from a URL the server has nothing at is told as a URL to fix, not as a SavedModel folder (#15).

tfjs' loaders print ``Request to URL failed with status code 404. Please verify this URL points to the model JSON of
the model to load.`` (tfjs-core src/io/http.ts); before, the category's wording spoke of a directory not holding
saved_model.pb.
"""

from __future__ import annotations

from sigcheck.explain import explain_text

TFJS_404 = ("Uncaught (in promise) Error: Request to https://cdn.example.org/npm/lib@latest/models/web/model.json "
            "failed with status code 404. Please verify this URL points to the model JSON of the model to load.")


def test_a_404_from_a_model_url_names_the_url() -> None:
    top = explain_text(TFJS_404)[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant == "model_url"
    assert "https://cdn.example.org/npm/lib@latest/models/web/model.json" in top.cause
    assert "HTTP 404" in top.cause
    assert "saved_model.pb" not in top.cause
    assert any("curl -I" in s for s in top.steps)


def test_a_local_directory_keeps_the_directory_reading() -> None:
    top = explain_text("OSError: SavedModel file does not exist at: /models/resnet/{saved_model.pbtxt|saved_model.pb}")[0]
    assert top.category == "savedmodel_not_found"
    assert top.variant != "model_url"
