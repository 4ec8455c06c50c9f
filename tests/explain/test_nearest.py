"""explain's nearest-message reading (sigcheck/explain/nearest.py): a text no pattern reads is read as the index
message nearest to it — retyped copies, typos, cut or re-wrapped copies of real index messages — and texts that are
not about models stay unknown."""

from __future__ import annotations

import json
import random
import re

import pytest

from sigcheck.explain import INDEX_SCORE, explain_text, load_catalogue, normalize, read_unknown
from sigcheck.explain import evidence as ev
from sigcheck.explain import index, nearest
from sigcheck.explain.matcher import match

# Real index messages (their source's wording), retyped with the slips people make.
RETYPED = [
    # a typo in a rare word, inside TF Serving's JSON body
    # ((28, 28) for (?, 28, 28, 1): one image without its batch nor its channel axis of 1, a missing batch since
    # session 17, as 2 of 3 labelled texts of that shape)
    ('{"error": "Canot feed value of shape (28, 28) for Tensor x:0, which has shape (?, 28, 28, 1)"}',
     "missing_batch_dimension", "Cannot feed value of shape"),
    ("Attempting to use unintialized value dense/kernel", "variables_not_restored",
     "Attempting to use uninitialized value"),
    # a typo, in another wrapper (a log line)
    ("2023-01-01 10:00:00 E server.cc:12] Could not find meta graph def matching suplied tags: { serve }",
     "savedmodel_tags", "Could not find meta graph def matching supplied tags"),
    ("Matrix size-incompatable: In[0]: [1,784], In[1]: [500,10]", "input_shape_mismatch", "Matrix size-incompatible"),
    ("Computed output size would be negativ: -1 [input_size: 2, effective_filter_size: 3, stride: 1]",
     "input_shape_mismatch", "Computed output size would be negative"),
    # words dropped, punctuation lost (a paraphrase in a log line)
    ("Could not find a meta graph def matching supplied tags serve", "savedmodel_tags",
     "Could not find meta graph def matching supplied tags"),
    # another version's wording (an 's' more), a placeholder's value in between
    ("SavedModel file does not exists at: /models/x/{saved_model.pbtxt|saved_model.pb}", "savedmodel_not_found",
     "SavedModel file does not exist at"),
    ("Op type not registerd 'IO>DecodeJSON' in binary running on abc", "runtime_version_mismatch",
     "Op type not registered"),
]


@pytest.mark.parametrize("text, category, template", RETYPED, ids=[c for _, c, _ in RETYPED])
def test_retyped_index_messages_read_as_the_nearest(text: str, category: str, template: str) -> None:
    found = explain_text(text)
    assert found, text
    best = found[0]
    assert best.category == category
    assert best.evidence["nearest_message"].startswith(template)
    assert nearest.THRESHOLD <= best.evidence["similarity"] <= 1.0
    assert best.evidence["nearest_source"]


def test_a_nearest_reading_says_so_and_is_less_sure_than_an_exact_one() -> None:
    best = explain_text("Attempting to use unintialized value dense/kernel")[0]
    exact = explain_text("Attempting to use uninitialized value dense/kernel")[0]
    assert "nearest_message" not in exact.evidence
    assert best.category == exact.category
    assert "nearest known message" in best.title
    lo, hi = nearest.CONFIDENCE
    assert lo <= best.confidence <= hi < INDEX_SCORE <= exact.confidence
    item = best.to_json()  # explain --json carries the template, its source and the similarity
    assert item["evidence"]["nearest_message"].startswith("Attempting to use uninitialized value")
    assert "similarity" in item["evidence"] and "nearest_source" in item["evidence"]
    assert json.loads(json.dumps(item)) == item


NOT_ABOUT_MODELS = [
    "SyntaxError: invalid syntax",
    '  File "train.py", line 12\n    print "hello"\n          ^\nSyntaxError: Missing parentheses in call to \'print\'',
    "ERROR: Could not find a version that satisfies the requirement tensorflow==1.5 (from versions: none)\n"
    "ERROR: No matching distribution found for tensorflow==1.5",
    "error: externally-managed-environment",
    "fatal: not a git repository (or any of the parent directories): .git",
    "AttributeError: 'NoneType' object has no attribute 'split'",
    "IndexError: list index out of range",
    "The weather today is nice and the model of my car is old, so I will walk to the shop.",
    "I tried everything in the docs and it still does not work, please help, what am I doing wrong?",
]


@pytest.mark.parametrize("text", NOT_ABOUT_MODELS)
def test_texts_not_about_models_stay_unknown(text: str) -> None:
    assert explain_text(text) == []
    assert nearest.nearest(normalize(text)) == []


def test_the_unknown_view_still_shows_what_was_extracted() -> None:
    text = ('status = StatusCode.INVALID_ARGUMENT\n\tdetails = "tensor parsing error: input_tensor"\n\t'
            'debug_error_string = "{"grpc_status":3}"')
    assert explain_text(text) == []
    seen = read_unknown(text)
    assert seen.extracted["status"] == "INVALID_ARGUMENT"
    assert "tensor parsing error" in seen.extracted["message"]


def test_a_message_read_by_its_numbers_needs_them_captured() -> None:
    """An entry whose category a decider chooses from the captured numbers (Incompatible shapes: [a] vs. [b]) reads
    them from the text when it holds as many shapes as the template (the decider then reads them as for the exact
    message, at nearest's lower confidence); respelt so that its pattern can capture them, the decider reads them."""
    exact, retyped = explain_text("Incompatible shapes: [43,8] vs. [58,8]")[0], explain_text(
        "Incompatible shapes:[43, 8] vs [58, 8].")[0]
    assert retyped.category == exact.category and retyped.confidence < exact.confidence
    assert explain_text("Incompatible shapes:[43, 8] vs of another kind.") == []
    best = explain_text('{"error": "Canot feed value of shape (28, 28) for Tensor x:0, which has shape '
                        '(?, 28, 28, 1)"}')[0]
    assert best.evidence["got_shape"] == [28, 28] and best.evidence["nearest_message"]
    assert "28" in best.cause


def test_a_capture_restricted_to_names_is_no_wildcard() -> None:
    """'{model class}' object has no attribute '{method of Keras 2 models}': its pattern lists the methods Keras 3
    dropped; another object's missing attribute is not that message."""
    assert explain_text("AttributeError: 'NoneType' object has no attribute 'split'") == []
    assert nearest.required(r"'(?P<m>\w+)' object has no attribute '(?P<attr>predict_classes|to_yaml)'") == (
        frozenset({"predict_classes", "to_yaml"}),)


def test_a_message_left_out_of_the_index_is_not_read_as_another_category() -> None:
    """With Keras' 'Could not interpret loss function identifier' left out, the text is not read as anything but
    its siblings' category (the constraint / activation identifier messages) — or not at all."""
    text = normalize("Could not interpret loss function identifier: my_loss")
    keys = {e.key for e in index.load_index() if e.template.startswith("Could not interpret loss function")}
    assert keys
    found = nearest.readings(nearest.nearest(text, exclude=keys))
    assert all(n.entry.category == "model_load_failed" for n in found)
    assert nearest.readings(nearest.nearest(text))[0].entry.template.startswith("Could not interpret loss function")


def _read_exactly(text: str) -> bool:
    line = normalize(text)
    facts = ev.extract(line)
    return bool(match(line, load_catalogue(), facts)) or bool(index.speaking(index.match(line, facts)))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:] if rng.random() < 0.5 else word[:i] + word[i + 1:]


def test_index_messages_with_a_typo_read_right_and_rarely_wrong() -> None:
    """A seeded sample of the index's own examples with one word misspelt (the perturbation corpus of
    benchmarks/explain_nearest.py, smaller): of those no pattern reads any more, the nearest reading is right for
    most and wrong for very few."""
    rng = random.Random(15)
    data = [e for e in json.loads(index.INDEX_PATH.read_text())["entries"] if e.get("example")]
    right = wrong = unread = 0
    for e in rng.sample(data, 160):
        toks = e["example"].split(" ")
        long = [i for i, t in enumerate(toks) if len(re.sub(r"\W", "", t)) >= 6]
        if not long:
            continue
        i = rng.choice(long)
        toks[i] = _typo(toks[i], rng)
        text = " ".join(toks)
        if _read_exactly(text):
            continue
        got = nearest.readings(nearest.nearest(normalize(text)))
        if not got:
            unread += 1
        elif got[0].entry.category == e["category"]:
            right += 1
        else:
            wrong += 1
    assert right + wrong + unread >= 30
    assert wrong <= 0.05 * (right + wrong)
    assert right >= 0.7 * (right + wrong + unread)


def test_exact_readings_never_reach_the_nearest_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """The nearest step runs only when nothing else read the text: every index example that its pattern reads gets
    the same readings with the step unavailable."""
    calls: list[str] = []
    real = nearest.read_nearest

    def spy(line: str, *args: object) -> object:
        calls.append(line)
        return real(line, *args)

    monkeypatch.setattr(nearest, "read_nearest", spy)
    data = [e for e in json.loads(index.INDEX_PATH.read_text())["entries"] if e.get("example")]
    for e in random.Random(7).sample(data, 60):
        before = len(calls)
        found = explain_text(e["example"])
        if found and len(calls) == before:
            assert all("nearest_message" not in d.evidence for d in found)
        elif len(calls) > before:
            assert not _read_exactly(e["example"])


def test_a_retyped_message_whose_entry_decides_by_shapes_gets_its_shapes() -> None:
    """A nearest entry with a decider (``rank``) reads the shapes the text holds, in the template's order: a retyped
    feed error ("for the tensor input1 which has shape") is read with its numbers, not left out."""
    from sigcheck.explain import explain_text

    text = ("yolo.py line 59\nValueError cannot feed value of shape  (1,608,608,3)  for the tensor input1  which has "
            "shape (?,416,416,3)")
    d = explain_text(text)[0]
    assert d.category == "input_shape_mismatch" and "nearest" in d.title
    assert "416" in d.steps[0]
    # as many shapes as the template has, or the entry is left out (no guessing from other numbers)
    assert all("nearest" not in x.title or x.category != "input_shape_mismatch"
               for x in explain_text(text.replace("(?,416,416,3)", "of another size")))


def test_reading_shapes_from_a_nearest_text_is_linear() -> None:
    """The shapes a nearest entry takes from the text are read with one separator between dimensions: a long digit run
    in brackets is no shape, not thousands of ways to split it (hypothesis found a 23 KB text taking seconds)."""
    import resource

    def cpu() -> float:
        u = resource.getrusage(resource.RUSAGE_SELF)
        return u.ru_utime + u.ru_stime

    pieces = ["Cannot feed value of shape …", "Cannot feed value of shape …", "{{node ",
              "You must feed a value for placeholder te", "(0000", "113007923001"]
    text = "".join(pieces) * 191
    explain_text(text[:200])  # tables loaded
    t0 = cpu()
    explain_text(text)
    assert cpu() - t0 < 0.5
