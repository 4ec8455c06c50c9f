"""``sigcheck explain``: turn a pasted serving error into its cause and a fix.

    >>> from sigcheck.explain import explain_text
    >>> best = explain_text('{"error": "input must be 4-dimensional[1,1,1,150,150,3]"}')[0]
    >>> best.category, best.evidence["got_shape"]
    ('extra_batch_dimension', [1, 1, 1, 150, 150, 3])

The pipeline, one module per step:

1. read the layers — :mod:`.normalize` (unescape, unwrap, one line), :mod:`.layers` (HTTP JSON body, gRPC status,
   client exceptions, gcloud, log prefixes → status, innermost message, node/op/servable/file), :mod:`.evidence`;
2. match — :mod:`.matcher` (the patterns of ``catalogue.json`` with :mod:`.checks` on their groups) and
   :mod:`.index` (the message index ``messages.json``: TensorFlow's, TF Serving's and the platforms' own messages,
   with deciders that read the numbers), merged by :func:`merge_index`; :mod:`.frames` reads where a Python exception
   was raised and the names it carries against what each Keras / TensorFlow version has (:mod:`.versions`); when
   nothing reads the text, :mod:`.nearest` reads it as the index message nearest by its words (a lower confidence),
   then :mod:`.kinds` by the kind of its message (an op it does not know, a missing file …; lower still), and last
   :mod:`.stage` a model a runtime cannot load, read from that stage alone (lowest);
3. refine with the model and the request — :mod:`.refine` (confirm, refute, re-rank, real names and shapes);
4. write the fix — the category's wording rendered over the evidence (:mod:`.diagnosis`, :mod:`.facts`,
   :mod:`.templates`), then :mod:`.fix` (the fix that names the real cause; the :class:`.fix.Unknown` view) with
   :mod:`.causes` (per message group, what the text's numbers and names show: which input, dimension, direction,
   file) and :mod:`.calls` (a function called outside its traced signatures: what differs); an index entry's meaning
   leads a cause that is still the category's general sentence.

No TensorFlow anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .catalogue import Catalogue, Category, load_catalogue
from .diagnosis import Diagnosis, make_diagnosis, to_diagnostics
from .normalize import decode_text, normalize

if TYPE_CHECKING:
    from ..model.types import ModelInfo
    from .fix import Unknown

__all__ = [
    "Catalogue",
    "Category",
    "Diagnosis",
    "decode_text",
    "explain_text",
    "load_catalogue",
    "make_diagnosis",
    "normalize",
    "read_unknown",
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
    from . import index
    from .fix import write_fixes
    from .frames import frame_readings, read_frames
    from .matcher import match

    from .answers import decides_unknown, not_json_reading
    from .restored import restored_reading

    frames = read_frames(text)  # where the exception was raised (normalize drops the frames)
    if decides_unknown(frames) or not_json_reading(text) or restored_reading(text):  # the client decoding a model's
        return []  # answer, or a loaded SavedModel used as what it is not: the reading is read_unknown's
    catalogue = load_catalogue()
    line = normalize(text)  # step 1: unescape, unwrap, one line (the layers are read from it when needed)
    facts = ev.extract(line)
    found = match(line, catalogue, facts)  # step 2: the catalogue's patterns and the message index
    diagnoses = [make_diagnosis(m.category, {**facts, **m.groups}, m.score, variant=m.variant, upstream=text)
                 for m in found]
    hits = index.match(line, {**facts, **frames.facts()})
    merge_index(diagnoses, hits, facts, catalogue, text, line)
    frame_readings(diagnoses, frames, catalogue, text)
    speaking = index.speaking(hits)
    inner = next(iter(speaking), None)
    if inner is not None and inner.category is None and inner.entry.fix and _inner_is(inner, line):
        # the innermost message is one the index reads with no category and a fix of its own (a custom class not
        # registered, export code TensorFlow refuses): a catalogue's word-level pattern below the index's own score
        # does not read it better, nor does a library family's broad entry for the same message (index.Entry.family)
        diagnoses = [d for d in diagnoses if d.confidence >= INDEX_SCORE
                     and not (d.message_entry is not None and d.message_entry.family)]
    if not diagnoses and not speaking:  # step 2's fallbacks: a message the text ends inside (a copy
        # cut short), then the index message nearest to the text (.nearest); a library's wrapper whose inner message
        # is not in the text says nothing of the cause
        merge_index(diagnoses, index.cut_match(line), facts, catalogue, text)
    if not diagnoses and not speaking:
        from .nearest import read_nearest

        diagnoses = read_nearest(line, facts, catalogue, text)
        if not diagnoses:  # the last fallback: the kind of the message, read from its words (.kinds)
            from .kinds import read_kinds

            diagnoses = read_kinds(line, facts, catalogue, text)
        if not diagnoses:  # the very last: a model that does not load, read from that stage (.stage)
            from .stage import read_stage

            diagnoses = read_stage(line, facts, catalogue, text)
    if info is not None or request is not None:  # step 3: the model and the request
        from .refine import refine

        before = {id(d): (d.cause, d.steps[:1]) for d in diagnoses}
        diagnoses = refine(diagnoses, line, info=info, request=request, catalogue=catalogue)
        for d in diagnoses:
            d.refined = before.get(id(d)) != (d.cause, d.steps[:1])
    write_fixes(diagnoses, line, info)  # step 4: the fix names the real cause
    add_distinctions(diagnoses, catalogue)
    return diagnoses


WEAK = ("model_load_failed", "service_side_error")
"""Catalogue readings an index entry for the message itself outranks."""
INDEX_SCORE = 0.86
DECIDED_SCORE = 0.93
FAMILY_BAR = 0.6
"""A catalogue reading at least this strong keeps a family entry (index.Entry.family) from adding its own."""


SIGCHECK_SOURCE = "sigcheck/"
"""Where the index's entries for sigcheck's own messages come from (scripts/explain_index_sigcheck.py)."""
HANDLED = "During handling of the above exception, another exception occurred"
"""Python's line between an exception being handled and one raised while handling it."""


def merge_index(diagnoses: list[Diagnosis], hits: "list[Any]", facts: dict[str, Any], catalogue: Catalogue,
                upstream: str, upstream_line: str = "") -> None:
    """Fold the message index's hits into the catalogue's readings.

    A hit whose decider chose a category from the numbers (``ConcatOp … shape[0] = [1,5] vs. shape[1] = [32,5]``:
    the batch differs, so it is fixed in the graph) leads; a plain hit confirms the same reading or adds its own,
    below a stronger catalogue reading of another category (the catalogue's checks read more than one message).
    """
    from .fix import entry_step

    seen: set[str] = set()
    latest = next((h.start for h in hits if h.category is not None and h.category in catalogue), None)
    handled = upstream_line.rfind(HANDLED) if upstream_line else -1
    inner_decided = any(h.decided and h.start >= (latest or 0) for h in hits)
    for hit in hits:
        cat = hit.category
        if cat is None or cat not in catalogue or cat in seen:
            continue
        seen.add(cat)
        # only the innermost (latest) message's numbers lead -- or those of an exception Python was handling when the
        # later one was raised (TensorFlow's structured-signature binding, before its fallback ran the graph on the
        # same tensors: the kernel's error is that mismatch again, read from fewer numbers)
        innermost = hit.start >= (latest or 0)
        # (sigcheck's own message, read from its own sources, says its category as exactly as a decider would)
        decided = (hit.decided or hit.entry.source.startswith(SIGCHECK_SOURCE)) and (innermost or hit.start < handled)
        top = max((d.confidence for d in diagnoses if d.category not in WEAK), default=0.0)
        have = next((d for d in diagnoses if d.category == cat), None)
        if hit.entry.family and have is None and top >= FAMILY_BAR:
            continue  # a library family's message only speaks when nothing more specific read the text
        if decided and not innermost and inner_decided:  # the handled exception's numbers: below the innermost
            score = DECIDED_SCORE - 0.01  # message's own numbers
        elif decided:
            score = min(0.99, max(DECIDED_SCORE, top + 0.01))
        elif have is not None:
            score = min(0.99, have.confidence + 0.04)
            if hit.start >= (latest or 0) and top < 0.6:  # the innermost message's own entry confirms a weak
                score = max(score, INDEX_SCORE)  # reading: never below what an outer message's entry would add
        else:
            score = INDEX_SCORE if top < 0.6 else min(INDEX_SCORE, top - 0.02)
        if have is None:
            have = make_diagnosis(catalogue[cat], {**facts, **hit.groups}, score, upstream=upstream)
            diagnoses.append(have)
        have.confidence = max(have.confidence, score)
        if have.message_source is None:
            have.message_source = hit.entry.source
            have.message_entry = hit.entry
            have.message_meaning = hit.entry.meaning
            own = cat == hit.entry.category or have.variant is None
            step = entry_step(hit) if hit.entry.fix else None
            if step and step not in have.steps and own:
                # (an entry's fix is written for its own category: a decider's other reading with a wording of its
                # own for this evidence -- a variant -- speaks first)
                have.steps.insert(0, step)
                have.entry_fix = step
    diagnoses.sort(key=lambda d: -d.confidence)
    del diagnoses[4:]


def _inner_is(hit: "index.Hit", line: str) -> bool:
    """The hit is the text's innermost message, as its layers read it -- not a client's status line (axios' 'Request
    failed with status code 400') before the response body that holds the server's own message."""
    from .layers import read_layers

    layers = read_layers(line)
    return layers.http_status is None or hit.entry.regex.search(layers.message) is not None


def read_unknown(text: str) -> "Unknown":
    """For a text no category fits: what its layers say (status, op, node, servable, file, innermost message), what
    index entries that are not about the request or the model say about it, and the next command to run."""
    from . import index
    from .fix import unknown
    from .kinds import kind_note
    from .layers import read_layers

    line = normalize(text)
    layers = read_layers(line)
    seen = unknown(layers, index.match(line))
    note = kind_note(line, text)  # a kind that gives no category (a permission) is said
    if note:
        seen.readings.append(note)
    from .fix import export_names_note

    named = export_names_note(line)  # an export that failed on a name TensorFlow does not allow
    if named:
        seen.readings.insert(0, named)
    from .answers import answer_reading, not_json_reading
    from .frames import read_frames
    from .restored import restored_reading
    from .vectors import vector_index_reading

    frames = read_frames(text)
    # the client's mistake in reading a model's answer, in using a loaded SavedModel, in handing embeddings on
    answered = (answer_reading(frames) or not_json_reading(text) or restored_reading(text)
                or vector_index_reading(frames))
    if answered:
        seen.readings.insert(0, answered)
    return seen


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
