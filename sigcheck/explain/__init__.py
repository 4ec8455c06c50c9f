"""``sigcheck explain``: turn a pasted serving error into its cause and a fix.

    >>> from sigcheck.explain import explain_text
    >>> best = explain_text('{"error": "input must be 4-dimensional[1,1,1,150,150,3]"}')[0]
    >>> best.category, best.evidence["got_shape"]
    ('extra_batch_dimension', [1, 1, 1, 150, 150, 3])

The pipeline: :mod:`.normalize` (unescape, unwrap, one line) → :mod:`.matcher` (the patterns of
``catalogue.json``, with :mod:`.checks` on their groups) → :mod:`.evidence` (facts in the text) → the wording of
the category (or of its variant) rendered over the evidence and the :mod:`.facts` derived from it, as
:class:`Diagnosis` values → :mod:`.context` (with a model and/or a request: confirm, refute, re-rank and make the
cause and fix concrete).  No TensorFlow anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .catalogue import Catalogue, Category, load_catalogue
from .diagnosis import Diagnosis, make_diagnosis, to_diagnostics
from .normalize import decode_text, normalize

if TYPE_CHECKING:
    from ..model.types import ModelInfo

__all__ = [
    "Catalogue",
    "Category",
    "Diagnosis",
    "decode_text",
    "explain_text",
    "load_catalogue",
    "make_diagnosis",
    "normalize",
    "to_diagnostics",
]


def _tells_apart(a: Category, b: Category) -> str | None:
    return a.tells_apart.get(b.id) or b.tells_apart.get(a.id)


def explain_text(text: str, *, info: "ModelInfo | None" = None, request: bytes | None = None) -> list[Diagnosis]:
    """The readings of ``text``, best first; empty when no category fits.

    ``info`` (from :func:`sigcheck.read_model`) and ``request`` (the request body's bytes) make the answer
    concrete: the signature's real names and shapes, placeholders confirmed in the GraphDef, the shape the
    request actually sends.
    """
    from . import evidence as ev
    from .matcher import match

    catalogue = load_catalogue()
    line = normalize(text)
    facts = ev.extract(line)
    found = match(line, catalogue, facts)
    diagnoses = [make_diagnosis(m.category, {**facts, **m.groups}, m.score, variant=m.variant, upstream=text)
                 for m in found]
    if info is not None or request is not None:
        from .context import refine

        diagnoses = refine(diagnoses, line, info=info, request=request, catalogue=catalogue)
    add_distinctions(diagnoses, catalogue)
    return diagnoses


def add_distinctions(diagnoses: list[Diagnosis], catalogue: Catalogue) -> None:
    """Say what tells each reading apart from the best one (and the best one from the runner-up)."""
    if len(diagnoses) < 2:
        return
    top = catalogue[diagnoses[0].category]
    for d in diagnoses[1:]:
        note = _tells_apart(top, catalogue[d.category])
        if note:
            d.distinguish = note
    note = _tells_apart(top, catalogue[diagnoses[1].category])
    if note:
        diagnoses[0].distinguish = note
