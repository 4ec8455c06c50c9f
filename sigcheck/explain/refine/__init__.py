"""Step 3 of explain: refine the readings with the model (``--model``) and the request (``--request``).

Each category may have a refiner: it looks at the signature, the GraphDef, the model's files or the request and
then *confirms* a reading (raises its confidence, says what it found), *refutes* it (lowers it, says why), and
rewrites the cause and the first fix step with the real names and shapes.  Readings are re-ranked afterwards, and
the request's own findings from :mod:`sigcheck.validate` confirm or add readings.  The refiners live by what they
refine: :mod:`.shapes`, :mod:`.names`, :mod:`.dtypes`, :mod:`.signatures`, :mod:`.loading`, :mod:`.request`.
"""

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
from .shapes import *  # noqa: F403
from .names import *  # noqa: F403
from .dtypes import *  # noqa: F403
from .signatures import *  # noqa: F403
from .loading import *  # noqa: F403
from .request import *  # noqa: F403
from .request import REQUEST_SIDE, _null_finding, _plain_base64, _validate, request_readings
from .shapes import graph_reshapes

def refine(diagnoses: list[Diagnosis], text: str, *, info: "ModelInfo | None", request: bytes | None,
           catalogue: "Catalogue") -> list[Diagnosis]:
    summary = summarize_request(request) if request is not None else None
    ctx = Context(info=info, request=summary, text=text, catalogue=catalogue)
    if info is not None:
        ev = diagnoses[0].evidence if diagnoses else {}
        ctx.signature_key = choose_signature(info, ev, summary)
    platform = next((d.evidence.get("platform") for d in diagnoses if d.evidence.get("platform")), None)
    if platform in ("vertex", "ai-platform"):
        ctx.target = platform
    if request is not None and info is not None:
        _validate(ctx, request)
    before = {id(d): d.confidence for d in diagnoses}
    for d in diagnoses:
        fn = REFINERS.get(d.category)
        if fn is not None:
            fn(d, ctx)
    if ctx.request_ok:
        for d in diagnoses:
            if d.category in REQUEST_SIDE and d.confidence >= before[id(d)]:
                refute(d, f"sigcheck validate finds nothing wrong in the request you gave (signature "
                          f"{ctx.signature_key}): either it is not the request that failed, or the fault is in the "
                          "model rather than the request", 0.25)
    have = {d.category for d in diagnoses}
    for d in ctx.added:
        if d.category not in have:
            diagnoses.append(d)
            have.add(d.category)
        else:
            for old in diagnoses:
                if old.category == d.category:  # the model says it at least as surely as the added reading does
                    confirm(old, d.confirmed[0], 0.1)
                    old.confidence = max(old.confidence, d.confidence)
    for f in ctx.findings:
        cat = getattr(f, "category", None)
        if not cat or cat not in catalogue:
            continue
        where = f" at {f.path}" if getattr(f, "path", "$") not in (None, "$") else ""
        said = f"sigcheck validate finds it in your request{where}: {f.message}"
        match = [d for d in diagnoses if d.category == cat]
        if match:
            if said not in match[0].confirmed:
                confirm(match[0], said, 0.1)
            if cat == "base64_encoding":
                _plain_base64(match[0], f, diagnoses)
        elif getattr(getattr(f, "severity", None), "value", "") == "error":
            new = make(ctx, cat, 0.55, {})
            new.confirmed.append(said)
            null = _null_finding(f) if cat == "dtype_mismatch" else None
            if null is not None:  # explain's own advice knows NaN is accepted for float inputs
                reword(new, ctx, **null)
            elif f.hint:
                new.steps.insert(0, f.hint)
            fn = REFINERS.get(cat)  # the model names and shapes it, as it does a reading the text gave
            if fn is not None:
                fn(new, ctx)
            diagnoses.append(new)
            have.add(cat)
    if request is not None:  # what the body itself decides leads whatever the text and the findings said
        ctx.added = []
        request_readings(ctx, diagnoses)
        diagnoses.extend(d for d in ctx.added if d.category not in {x.category for x in diagnoses})
    diagnoses.sort(key=lambda d: -d.confidence)
    return diagnoses

