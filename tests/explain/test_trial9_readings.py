"""Trial 9's explain readings that were wrong (F2, F3, F4, F8, F10, F11, F12, F14, F19, F20, F22, F23).

The texts are real (TensorFlow 2.21 / Keras 3.15 / ``sigcheck predict``, see data/trial9/README.md); the models are
the committed fixtures.
"""

from __future__ import annotations

from pathlib import Path

from sigcheck.explain import explain_text

DATA = Path(__file__).parent / "data" / "trial9"


def text(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def steps(d) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(d.steps)


# ---------------------------------------------------------------------------------------------- F10: placeholder name

def test_f10_the_placeholder_is_read_from_the_tf_operation_it_names() -> None:
    """op_selector.py writes 'depends transitively on placeholder <tf.Operation 'keep_prob' type=Placeholder>'; the
    header before it says 'the placeholder is not fed', whose 'is' is no name."""
    d = explain_text(text("scalar_out_call.txt"))[0]
    assert d.category == "unfed_placeholder"
    assert d.evidence["placeholder"] == "keep_prob"
    assert "(keep_prob)" in d.cause and "(is)" not in d.cause


def test_f10_the_model_with_that_placeholder_confirms_it(models) -> None:  # type: ignore
    d = explain_text(text("scalar_out_call.txt"), info=models("tf1_keep_prob"))[0]
    assert d.category == "unfed_placeholder" and d.confidence >= 0.9
    assert "another export or version" not in d.cause + " ".join(d.confirmed)
    assert any("keep_prob" in c for c in d.confirmed)
    assert "sigcheck repair" in d.steps[0]


def test_f10_a_model_with_another_unfed_placeholder_is_said_not_called_another_export(models) -> None:  # type: ignore
    """The text names keep_prob; the model given leaves is_training unfed: the reading stands, the fix binds the
    model's placeholder."""
    d = explain_text(text("scalar_out_call.txt"), info=models("tf1_is_training"))[0]
    assert d.category == "unfed_placeholder"
    assert "another export or version" not in " ".join(d.confirmed)
    assert any("no unfed placeholder keep_prob, but signature serving_default leaves is_training" in c
               for c in d.confirmed)
    assert "is_training" in d.steps[0] and "keep_prob" not in d.steps[0]
