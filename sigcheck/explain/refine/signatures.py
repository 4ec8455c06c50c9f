"""Refiners of signature readings: missing signatures, method names, sparse outputs, an input that is its own output."""

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

@refiner("signature_not_found", "signature_method_name", "wrong_api_or_input_format")
def _signatures(d: Diagnosis, ctx: Context) -> None:
    info = ctx.info
    if info is None:
        return
    listing = ", ".join(f"{k} ({s.method_name or 'no method_name'})" for k, s in sorted(info.signatures.items()))
    if d.category == "signature_not_found":
        _signature_missing(d, ctx)
        return
    sig = ctx.signature
    if d.category == "signature_method_name" and sig is not None:
        from ...model.types import SERVING_METHODS

        if sig.method_name not in SERVING_METHODS:
            confirm(d, f"signature {ctx.signature_key} has method_name '{sig.method_name}'")
        else:
            refute(d, f"signature {ctx.signature_key} has method_name {sig.method_name}")
        return
    note(d, f"signatures: {listing}")


def _signature_missing(d: Diagnosis, ctx: Context) -> None:
    """The signature the request asked for against the model's: drop a wrong signature_name, or name one."""
    from ...model.types import SERVING_METHODS

    info = ctx.info
    if info is None:
        return

    listing = ", ".join(k if s.method_name in SERVING_METHODS else f"{k} ({s.method_name or 'no method_name'})"
                        for k, s in sorted(info.signatures.items()))
    from ..causes import signatures_key, tfsm_endpoint

    tfsm = tfsm_endpoint(ctx.text, sorted(info.signatures))
    if tfsm is not None:  # Keras' TFSMLayer in the user's own code asked for an endpoint: no server, no request
        _tfsm_endpoint(d, ctx, tfsm)
        return
    keyed = signatures_key(d.upstream or "", sorted(info.signatures))
    if keyed is not None:  # loaded.signatures["x"] in the user's own code: no server, no request
        d.title = "Signature not found"
        d.cause = keyed.cause or d.cause
        d.steps = [keyed.step] + [s for s in d.steps if not any(w in s for w in keyed.contradicts)]
        name = d.evidence.get("signature")
        if name in info.signatures:
            refute(d, f"the model you gave has signature {name}: the code loaded another SavedModel", 0.2)
        else:
            confirm(d, f"the model you gave has no signature {name} (its signatures: "
                       f"{', '.join(sorted(info.signatures))})", 0.05)
        return
    wanted = d.evidence.get("signature") or "serving_default"
    named = wanted != "serving_default"
    req = ctx.request
    if req is not None and isinstance(req.root, dict):
        said = req.signature_name
        yours = f"has signature_name {said}" if said else "names no signature_name"
        if said == wanted or (not named and said is None):
            confirm(d, f"the request you gave {yours}", 0.05)
        else:
            asked = f"asked for {wanted}" if named else "named none (so serving_default was looked up)"
            refute(d, f"the request you gave {yours}, while the failing one {asked}: it is not the request that "
                      "failed", 0.1)
    if wanted in info.signatures:
        refute(d, f"the model you gave has signature {wanted}: the server is serving another model or version")
        return
    keys = sorted(info.signatures)
    if named:
        d.cause = (f"the request's signature_name {wanted} names a signature this model does not have; its "
                   f"signatures: {listing or 'none'}.")
        if "serving_default" in info.signatures:
            d.steps = ['Drop "signature_name" from the request (TF Serving then uses serving_default), or set it to '
                       '"serving_default".',
                       "Over gRPC: set request.model_spec.signature_name to serving_default (or leave it empty)."]
        elif keys:
            d.steps = [f'Set "signature_name" to the signature you mean: {", ".join(keys)} '
                       "(request.model_spec.signature_name over gRPC)."]
    else:
        d.cause = (f"the model has no signature serving_default, the one TF Serving uses when the request names none; "
                   f"it has: {listing or 'no serving signatures'}.")
        predict = [k for k in keys if info.signatures[k].method_name == "tensorflow/serving/predict"] or keys
        if predict:
            others = [k for k in keys if k != predict[0]]
            lead(d, f'Send "signature_name": "{predict[0]}" in the request (request.model_spec.signature_name over '
                    f"gRPC){', or another of: ' + ', '.join(others) if others else ''}.")
    confirm(d, f"signature {wanted} is absent from the model")


def _tfsm_endpoint(d: Diagnosis, ctx: Context, found: Any) -> None:
    """TFSMLayer's endpoint against the model's signatures: a misspelling names the closest; an endpoint the model
    has means the layer loaded another SavedModel than the one given."""
    from ..causes import _TFSM_ENDPOINT

    info = ctx.info
    assert info is not None
    m = _TFSM_ENDPOINT.search(ctx.text)
    asked = m.group("name") if m else None
    d.cause, d.steps = found.cause, [found.step] + [s for s in d.steps if s != found.step
                                                    and not any(w in s for w in found.contradicts)]
    keys = ", ".join(sorted(info.signatures)) or "none"
    if asked in info.signatures:
        refute(d, f"the model you gave has signature {asked}: TFSMLayer loaded another SavedModel (check the path "
                  "it was given)", 0.2)
    else:
        confirm(d, f"the model you gave has no signature {asked} (its signatures: {keys})", 0.05)


@refiner("sparse_output_in_signature")
def _sparse(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    sparse = [n for n, s in sig.outputs.items() if s.encoding != "dense"]
    if sparse:
        confirm(d, f"output{'s' if len(sparse) > 1 else ''} {', '.join(sparse)} of signature {ctx.signature_key} "
                   "are not dense tensors")
    else:
        refute(d, f"every output of signature {ctx.signature_key} is dense", 0.2)


@refiner("input_output_same_tensor")
def _same_tensor(d: Diagnosis, ctx: Context) -> None:
    sig = ctx.signature
    if sig is None:
        return
    ins = {s.tensor_name: n for n, s in sig.inputs.items() if s.tensor_name}
    same = [(ins[s.tensor_name], n, s.tensor_name) for n, s in sig.outputs.items() if s.tensor_name in ins]
    if same:
        i, o, t = same[0]
        confirm(d, f"input {i} and output {o} are both {t}")
        lead(d, f"Drop output {o} (or export tf.identity({i}) as it).")
    else:
        refute(d, f"no output of signature {ctx.signature_key} is one of its inputs", 0.2)


__all__ = [n for n in dir() if not n.startswith("__") and n not in ("annotations", "TYPE_CHECKING", "_base_names")]
