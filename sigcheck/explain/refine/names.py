"""Refiners of name readings: unfed placeholders (Keras learning phase), input keys."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ...codec.dtypes import dtype as dtype_entry
from ...codec.shapes import dense_shape
from ..diagnosis import Diagnosis, make_diagnosis
from ..evidence import format_shape

if TYPE_CHECKING:
    from ...model.types import ModelInfo, Signature, TensorSpec
    from ..catalogue import Catalogue

from .base import *  # noqa: F403
from .base import __all__ as _base_names  # noqa: F401

@refiner("keras_learning_phase", "unfed_placeholder")
def _placeholders(d: Diagnosis, ctx: Context) -> None:
    if ctx.info is None or ctx.signature_key is None or ctx.info.meta_graph is None:
        return
    try:
        unfed = unfed_placeholders(ctx.info, ctx.signature_key)
    except KeyError:
        return
    wanted = d.evidence.get("placeholder")
    if d.category == "keras_learning_phase":
        hits = [p for p in unfed if "keras_learning_phase" in p.name]
    else:
        hits = [p for p in unfed if wanted and p.name == str(wanted).split(":")[0]] or \
               ([] if wanted else unfed)
        if not hits and unfed and wanted:  # another unfed placeholder than the text's: the model's, said, not refuted
            note(d, f"the model you gave has no unfed placeholder {wanted}, but signature {ctx.signature_key} leaves "
                    f"{', '.join(p.name for p in unfed)} unfed")
            hits = unfed
            d.evidence["placeholder"] = unfed[0].name  # the fix binds the model's placeholder, not the text's
    if hits:
        p = hits[0]
        d.cause = (f"this model's graph has the unfed placeholder {p.name} ({tf_dtype(p.dtype)}): signature "
                   f"{ctx.signature_key} does not feed it, so TF Serving cannot run the outputs that need it.")
        if d.category == "keras_learning_phase":
            d.evidence.setdefault("placeholder", p.name)  # the fix step (fix.placeholder_fix) binds it by name
        else:
            from ..facts import inference_default

            value = inference_default(p.name, p.dtype) or "<inference value>"
            lead(d, f"Replace {p.name} with tf.compat.v1.placeholder_with_default({value}, shape) in the export "
                    f"graph, or add it to signature {ctx.signature_key}'s inputs.")
        confirm(d, f"confirmed from the GraphDef: {p.name} ({p.dtype}) is reachable from the outputs and not fed",
                0.1)
    else:
        what = wanted or ("keras_learning_phase" if d.category == "keras_learning_phase" else "such placeholder")
        refute(d, f"the model you gave has no unfed placeholder {what} in signature {ctx.signature_key}: the error "
                  "came from another export or version of the model")


@refiner("input_keys_mismatch")
def _keys(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    bad = d.evidence.get("input")
    req = ctx.request
    sent = req.keys if req else []
    from ..causes import called_keywords, example_feature

    lacking = example_feature(ctx.text, d)
    if lacking is not None:  # ParseExample read a tf.Example and found no such feature: the name is the Example's,
        # not a request key, and the request did send serialized Examples (u3 F4: told it sent raw features)
        d.cause = lacking.cause or d.cause
        d.steps = [lacking.step] + [s for s in d.steps if s != lacking.step]
        if sig is not None and len(sig.inputs) == 1:
            confirm(d, f"signature {ctx.signature_key}'s only input {next(iter(sig.inputs))} takes serialized "
                       "tf.Example protos, and the one sent lacks a feature its parsing spec requires", 0.05)
        return

    called = None if sent else called_keywords(ctx.text)
    if called and sig is not None:
        _called(d, ctx, called)
        return
    if called == [] and sig is not None:  # no keywords: a dict given positionally (through TFSMLayer) has the names
        from ..causes import dict_positional, positional_dict

        keys = positional_dict(ctx.text)
        if keys:
            found = dict_positional(keys, sorted(sig.inputs), "TFSMLayer" in ctx.text)
            d.cause = found.cause
            d.steps = [found.step] + [s for s in d.steps if s != found.step]
            confirm(d, f"signature {ctx.signature_key} takes {', '.join(sorted(sig.inputs))} by keyword", 0.05)
            return
    if sig is None:
        if isinstance(bad, str) and sent:
            if bad in sent:
                confirm(d, f"your request sends {bad}", 0.05)
            else:
                refute(d, f"the request you gave does not use {bad} (it sends {', '.join(sent)}): it is not the "
                          "request that failed", 0.2)
        return
    names = sorted(sig.inputs)
    parts = [f"signature {ctx.signature_key} takes input{'s' if len(names) != 1 else ''} {', '.join(names) or '(none)'}"]
    if sent:
        parts.append(f"your request sends {', '.join(sent)}")
    elif req is not None and "" in req.per_instance and len(names) > 1:
        parts.append("your request sends plain values, not objects keyed by input name")
        d.steps.insert(0, "Make each instance an object with every input: {\"instances\": [{" +
                       ", ".join(f'"{n}": ...' for n in names) + "}]}.")
    elif isinstance(bad, str):
        parts.append(f"the request used {bad}")
    d.cause = "; ".join(parts) + "."
    if len(names) > 1:  # the plain-values form is only for single-input signatures
        d.steps = [s for s in d.steps if "single-input signature" not in s]
    if sent and set(sent) == set(names):
        key = ctx.signature_key
        foreign = isinstance(bad, str) and bad not in sent
        what = f"it used {bad}, which signature {key} does not have" if foreign else "its keys differed"
        d.steps = [f"Find the request that really failed ({what}) and fix the client code that builds it, so the "
                   f"keys are exactly {', '.join(names)}.",
                   "If it targeted another model, version or signature_name, compare it with that signature: "
                   "sigcheck inspect MODEL."]
        refute(d, f"the keys of the request you gave are exactly the inputs of signature {key}"
                  f"{f' (it does not contain {bad})' if foreign else ''}: it is not the request that failed, or that "
                  "one targeted another signature or model", 0.4)
        return
    from ..causes import name_matches  # (one reading of names against inputs, the text rule's too)

    wrong, renames, missing, extra = name_matches(sent or ([bad] if isinstance(bad, str) else []), names)
    missing = missing if sent else []  # (only a request's own keys say what it left out)
    steps = []
    if renames:
        steps.append("Rename: " + ", ".join(f"{k} → {v}" for k, v in renames.items()) + ".")
    if missing:
        steps.append("Also send: " + ", ".join(missing) + ".")
    if extra and sent:
        steps.append(f"Drop (the signature has no such input{'s' if len(extra) > 1 else ''}): {', '.join(extra)}.")
    d.steps[0:0] = steps
    if wrong or missing:
        confirm(d, "the request's keys differ from the signature's inputs", 0.1)
    elif isinstance(bad, str) and bad in sig.inputs:
        refute(d, f"{bad} is an input of signature {ctx.signature_key}: the failing request targeted another "
                  "signature or model")
    if len(names) == 1 and sig.inputs[names[0]].dtype == "DT_STRING" and _looks_like_examples(ctx, names[0]):
        # the request names features (age, …) where the signature's one input is a serialized tf.Example: the
        # features go inside the Example, so the cure is not a rename; that reading leads
        ctx_add(ctx, "serialized_example_input_expected", d.confidence + 0.05,
                {**d.evidence, "input": names[0]},
                f"signature {ctx.signature_key}'s only input {names[0]} is DT_STRING serialized tf.Example")
        refute(d, f"a rename would not do: {names[0]} takes serialized tf.Example protos holding the features", 0.1)


def _called(d: Diagnosis, ctx: Context, called: list[str]) -> None:
    """The text shows the Python call's keywords (no request needed): against the model's signature, each one it
    lacks named with its closest input (a misspelt keyword), and the inputs left out (:func:`.causes.keyword_cause`)."""
    from ..causes import keyword_cause

    sig = ctx.signature
    assert sig is not None
    names = sorted(sig.inputs)
    found, differ = keyword_cause(called, names, f"signature {ctx.signature_key}")
    d.cause = found.cause or d.cause
    d.steps = [found.step] + [s for s in d.steps if ("single-input signature" not in s or len(names) == 1)
                              and not any(w in s for w in found.contradicts)]  # a Python call, not a REST body
    if differ:
        confirm(d, f"the call's keywords ({', '.join(called)}) differ from signature {ctx.signature_key}'s inputs "
                   f"({', '.join(names)}) in the model you gave", 0.1)
    else:
        refute(d, f"the call's keywords are exactly the inputs of signature {ctx.signature_key} of the model you "
                  "gave: the failing call targeted another signature or model", 0.25)


__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]
