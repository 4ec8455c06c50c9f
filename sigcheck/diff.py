"""Compare the serving contracts of two models (or contracts): what a client of OLD sees change in NEW.

Every change is a :class:`~sigcheck.diagnostics.Diagnostic` (``expected`` = the old value, ``received`` = the new
one, ``path`` into the signature) of one of three kinds:

* ``breaking``    a request or response that worked against OLD fails or changes meaning against NEW (ERROR);
* ``additive``    something new that old clients do not see (INFO);
* ``compatible``  a change old clients keep working through (INFO, or WARNING when it deserves a look).

The verdict is the worst kind present (``compatible`` when nothing changed).  TF Serving answers the same model
over REST and gRPC, and a change is breaking when a client of either API that worked against OLD fails or reads
something else against NEW.  REST: every signature input must be sent (signature defaults are ignored), row-format
requests may not carry unknown keys, declared shapes are not checked by the server but by the graph, and a model
with one output writes its values without its name (row ``"predictions": [v, ...]``, columnar ``"outputs": v``)
while several outputs are written as objects keyed by name.  gRPC: the PredictRequest's inputs and the
PredictResponse's outputs are maps keyed by name, whatever their number, and each TensorProto carries its dtype:
TensorFlow does not cast a fed tensor (a DT_FLOAT tensor to a DT_DOUBLE input is refused), and the values of a
response are in the field of their dtype (``float_val`` for DT_FLOAT, ``double_val`` for DT_DOUBLE).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .codec.b64 import BINARY_SUFFIX
from .codec.dtypes import dtype as dtype_info
from .diagnostics import Diagnostic, Severity, quoted, sort_key
from .model.types import DEFAULT_SIGNATURE, ModelInfo, Signature, TensorSpec, format_shape

BREAKING = "breaking"
ADDITIVE = "additive"
COMPATIBLE = "compatible"
_RANK = {COMPATIBLE: 0, ADDITIVE: 1, BREAKING: 2}

SCHEMA_VERSION = 1

KIND_OF_CODE: dict[str, str] = {
    "diff.signature_removed": BREAKING,
    "diff.signature_renamed": BREAKING,
    "diff.signature_added": ADDITIVE,
    "diff.method_changed": BREAKING,
    "diff.input_added": BREAKING,
    "diff.input_removed": BREAKING,
    "diff.input_renamed": BREAKING,
    "diff.input_dtype_changed": BREAKING,
    "diff.input_dtype_widened": BREAKING,  # every JSON value still accepted; gRPC tensors of the old dtype refused
    "diff.input_rank_changed": BREAKING,
    "diff.input_shape_narrowed": BREAKING,
    "diff.input_shape_widened": COMPATIBLE,
    "diff.output_added": ADDITIVE,
    "diff.output_removed": BREAKING,
    "diff.output_renamed": BREAKING,
    "diff.sole_output_renamed": BREAKING,  # no REST response names it; gRPC responses are keyed by it
    "diff.output_dtype_changed": BREAKING,
    "diff.output_dtype_widened": BREAKING,  # same JSON type; gRPC values move to another TensorProto field
    "diff.output_dtype_compatible": COMPATIBLE,  # same JSON type and same TensorProto field (DT_INT8 -> DT_INT32)
    "diff.output_rank_changed": BREAKING,
    "diff.output_shape_changed": BREAKING,
    "diff.output_shape_widened": COMPATIBLE,
    "diff.output_shape_narrowed": COMPATIBLE,
    "diff.response_format_changed": BREAKING,
}
"""Every diff code and its kind (the kind is a function of the code)."""


@dataclass(frozen=True)
class DiffResult:
    """The changes from ``old`` to ``new`` and the verdict."""

    old: str
    new: str
    findings: tuple[Diagnostic, ...]

    @property
    def verdict(self) -> str:
        worst = COMPATIBLE
        for d in self.findings:
            kind = KIND_OF_CODE.get(d.code, COMPATIBLE)
            if _RANK[kind] > _RANK[worst]:
                worst = kind
        return worst

    @property
    def ok(self) -> bool:
        """False when the change is breaking (``sigcheck diff`` exits 1)."""
        return self.verdict != BREAKING

    @property
    def subject(self) -> str:
        return self.new

    @property
    def checks(self) -> dict[str, str]:
        return {}

    def counts(self) -> dict[str, int]:
        out = {BREAKING: 0, ADDITIVE: 0, COMPATIBLE: 0}
        for d in self.findings:
            out[KIND_OF_CODE.get(d.code, COMPATIBLE)] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "ok": self.ok,
            "verdict": self.verdict,
            "old": self.old,
            "new": self.new,
            "model": self.new,
            "counts": self.counts(),
            "findings": [dict(d.to_json(), kind=KIND_OF_CODE.get(d.code, COMPATIBLE)) for d in self.findings],
        }


def kind_of(d: Diagnostic) -> str:
    return KIND_OF_CODE.get(d.code, COMPATIBLE)


_SEVERITY = {BREAKING: Severity.ERROR, ADDITIVE: Severity.INFO, COMPATIBLE: Severity.INFO}


def _diag(code: str, message: str, path: str, *, old: str | None = None, new: str | None = None,
          hint: str | None = None, upstream: str | None = None, subject: str | None = None,
          severity: Severity | None = None) -> Diagnostic:
    return Diagnostic(
        code=code,
        severity=severity or _SEVERITY[KIND_OF_CODE[code]],
        message=message,
        path=path,
        expected=old,
        received=new,
        hint=hint,
        upstream=upstream,
        subject=subject,
    )


def _spec_text(spec: TensorSpec) -> str:
    return f"{spec.dtype} {format_shape(spec.shape)}"


def _same_kind(a: TensorSpec, b: TensorSpec) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.encoding == b.encoding


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _words(name: str) -> frozenset[str]:
    """``ageYears`` / ``age_years`` / ``age-years`` → {``age``, ``years``}."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return frozenset(w for w in re.split(r"[^A-Za-z0-9]+", spaced.lower()) if w)


def clearly_similar(a: str, b: str) -> bool:
    """Names a person would call the same: one's words are all in the other (``age`` / ``age_years``), or they
    differ by a letter or two (``length`` / ``lengths``).  ``image`` / ``age`` are not."""
    wa, wb = _words(a), _words(b)
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    return _similarity(a, b) >= 0.8


def _compatible_shapes(a: TensorSpec, b: TensorSpec) -> bool:
    """Same rank, and every dimension known on both sides equal (two unknown ranks are compatible)."""
    if a.shape is None or b.shape is None:
        return a.shape is None and b.shape is None
    return len(a.shape) == len(b.shape) and all(x == y or x < 0 or y < 0 for x, y in zip(a.shape, b.shape))


def _rename_score(old_name: str, old: TensorSpec, new_name: str, new: TensorSpec) -> tuple | None:
    """How strongly ``new`` looks like ``old`` renamed, best first when sorted in reverse (None: not a candidate).

    The tensor decides before the name: the same graph tensor, then the same shape, then a compatible shape, and
    only then how similar the names are."""
    if old.dtype != new.dtype or old.encoding != new.encoding:
        return None
    same_tensor = bool(old.tensor_name) and old.tensor_name == new.tensor_name
    compatible = _compatible_shapes(old, new)
    similar = clearly_similar(old_name, new_name)
    if not (same_tensor or compatible or similar):
        return None
    exact = old.shape is not None and old.shape == new.shape
    return (same_tensor, exact, compatible, similar, round(_similarity(old_name, new_name), 6))


def guess_renames(removed: Mapping[str, TensorSpec], added: Mapping[str, TensorSpec]) -> list[tuple[str, str]]:
    """Pair removed and added tensors that look like renames, matched by tensor before name.

    A candidate has the same dtype and encoding, and: the same graph tensor; or the same rank with compatible
    known dimensions; or a clearly similar name (:func:`clearly_similar`; the shape may have changed too).  Pairs
    are taken best first (:func:`_rename_score`: same tensor, same shape, compatible shape, similar name, name
    similarity), each name once.  When two pairs for the same tensor score alike, nothing tells them apart: neither
    is guessed (an alphabetical pick would be a coin toss).  Anything else is reported as removed + added, without a
    guess (``image`` (-1, 150, 150, 3) is not ``age`` (-1, 1)).
    """
    scored = []
    for a, sa in removed.items():
        for b, sb in added.items():
            score = _rename_score(a, sa, b, sb)
            if score is not None:
                scored.append((score, a, b))
    scored.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
    pairs: list[tuple[str, str]] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for score, a, b in scored:
        if a in used_old or b in used_new:
            continue
        tied = [(x, y) for sc, x, y in scored if sc == score and (x == a) != (y == b)
                and x not in used_old and y not in used_new]
        used_old.add(a)
        used_new.add(b)
        if tied:  # another free pair for the same tensor scores the same: no way to tell which is the rename
            used_old.update(x for x, _ in tied)
            used_new.update(y for _, y in tied)
            continue
        pairs.append((a, b))
    return sorted(pairs)


def _json_accepts_superset(old: str, new: str) -> bool:
    """Does every JSON value TF Serving accepts for dtype ``old`` stay acceptable for ``new``?"""
    if old == new:
        return True
    a, b = dtype_info(old), dtype_info(new)
    if a.json_kind is None or b.json_kind is None:
        return False
    if b.json_kind == "number" and a.json_kind in ("number", "integer"):
        return True
    if a.json_kind == b.json_kind == "integer":
        return (b.minimum or 0) <= (a.minimum or 0) and (b.maximum or 0) >= (a.maximum or 0)
    return False


def _response_same(old: str, new: str) -> bool:
    """Would a response value of dtype ``old`` read the same way as one of ``new`` (same JSON kind)?"""
    a, b = dtype_info(old), dtype_info(new)
    kinds = {"integer": "number"}
    return a.json_kind is not None and kinds.get(a.json_kind, a.json_kind) == kinds.get(b.json_kind or "", b.json_kind)


def _shape_change(old: TensorSpec, new: TensorSpec) -> str | None:
    """``rank``, ``narrowed``, ``widened``, ``changed`` (fixed dims differ) or None (same shape)."""
    if old.shape == new.shape:
        return None
    if old.shape is None:
        return "narrowed"
    if new.shape is None:
        return "widened"
    if len(old.shape) != len(new.shape):
        return "rank"
    narrowed = widened = changed = False
    for a, b in zip(old.shape, new.shape):
        if a == b:
            continue
        if a < 0:
            narrowed = True
        elif b < 0:
            widened = True
        else:
            changed = True
    if changed:
        return "changed"
    if narrowed:
        return "narrowed"
    return "widened" if widened else None


def _row_sends_unknown(name: str) -> str:
    """TF Serving's answer to a row-format request (``{"instances": [{...}]}``, what most clients send) that names
    an input the signature no longer has: the element and key it fails on, in the codec's words."""
    from .codec import messages

    return messages.e14_key(0, name, messages.INVALID_ARGUMENT, messages.e17_unknown_input(name))


def _proto_field(dt: str) -> str:
    """The TensorProto field TF Serving's gRPC API carries values of dtype ``dt`` in (``float_val`` …)."""
    return dtype_info(dt).proto_field or "tensor_content"


def _also_changed(changes: Sequence[Diagnostic]) -> str:
    """What the findings on a renamed tensor (same dtype: see :func:`guess_renames`) say changed besides its name:
    ``rank``, ``shape`` (a breaking change of its dimensions) or ``""`` (nothing a client notices)."""
    if any(d.code.endswith("_rank_changed") for d in changes):
        return "rank"
    return "shape" if any(kind_of(d) == BREAKING for d in changes) else ""


def _sole_output_rest(old: str, new: str, dtype: str, also: str) -> str:
    """What a single output's rename from ``old`` to ``new`` does to REST responses."""
    if also:
        return (f", and REST responses change too: TF Serving writes a single output's values without its name, but "
                f"its {also} change alters the values every response carries (reported on its own)")
    b64 = tuple(name.endswith(BINARY_SUFFIX) for name in (old, new))
    if dtype == "DT_STRING" and b64[0] != b64[1]:
        return (", and REST responses change too: TF Serving writes a DT_STRING output whose name ends in "
                f"\"{BINARY_SUFFIX}\" as {{\"b64\": ...}} objects, so its values are now written as "
                + ("{\"b64\": ...} objects instead of plain strings" if b64[1] else
                   "plain strings instead of {\"b64\": ...} objects"))
    return ("; REST responses do not change (TF Serving writes a single output's values without its name: "
            "row format \"predictions\": [...], columnar \"outputs\": ...)")


class _Differ:
    def __init__(self, old: ModelInfo, new: ModelInfo) -> None:
        self.old, self.new = old, new
        self.subject = new.source
        self.labels: dict[str, str] = {}
        """A signature key → how messages name it (the signatures diffed as one, for a group)."""

    def sig(self, key: str) -> str:
        return self.labels.get(key, f"signature {quoted(key)}")

    def groups(self, keys: Iterable[str]) -> list[list[str]]:
        """``keys`` (signatures in both models) grouped as the gate groups them (:func:`sigcheck.gate.rules.
        same_interface_groups`: Keras 3's model.export() writes serving_default and serve over one function), when
        they share one interface in OLD and one in NEW: their changes are the same, so they are said once."""
        from .gate.rules import same_interface_groups

        wanted = set(keys)

        def partition(info: ModelInfo) -> dict[str, int]:
            return {s.key: n for n, group in enumerate(same_interface_groups(info)) for s in group if s.key in wanted}

        old_part, new_part = partition(self.old), partition(self.new)
        together: dict[tuple[int, int], list[str]] = {}
        for key in sorted(wanted, key=lambda k: (k != DEFAULT_SIGNATURE, k)):
            together.setdefault((old_part[key], new_part[key]), []).append(key)
        return list(together.values())

    def d(self, code: str, message: str, path: str, **kw: Any) -> Diagnostic:
        return _diag(code, message, path, subject=self.subject, **kw)

    def signatures(self, keys: Sequence[str] | None) -> Iterator[Diagnostic]:
        old_sigs = {k: s for k, s in self.old.signatures.items() if keys is None or k in keys}
        new_sigs = {k: s for k, s in self.new.signatures.items() if keys is None or k in keys}
        removed = {k: s for k, s in old_sigs.items() if k not in new_sigs}
        added = {k: s for k, s in new_sigs.items() if k not in old_sigs}
        renamed: dict[str, str] = {}
        for k, s in sorted(removed.items()):
            for k2, s2 in sorted(added.items()):
                if k2 not in renamed.values() and s.to_json() == s2.to_json():
                    renamed[k] = k2
                    break
        for k in sorted(removed):
            path = f"$.signatures.{k}"
            default = " (the default: requests without signature_name now fail)" if k == DEFAULT_SIGNATURE else ""
            if k in renamed:
                yield self.d("diff.signature_renamed",
                             f"signature {quoted(k)} looks renamed to {quoted(renamed[k])} (same inputs and outputs){default}: "
                             f"clients calling {quoted(k)} fail", path, old=k, new=renamed[k],
                             upstream=f'Serving signature name: "{k}" not found in signature def',
                             hint=f"keep the signature key {quoted(k)} (export both keys while clients move over)")
            else:
                yield self.d("diff.signature_removed", f"signature {quoted(k)} was removed{default}: clients calling it fail",
                             path, old=k, new=None,
                             upstream=f'Serving signature name: "{k}" not found in signature def',
                             hint=f"keep exporting signature {quoted(k)} until no client calls it")
        for k in sorted(added):
            if k in renamed.values():
                continue
            yield self.d("diff.signature_added", f"signature {quoted(k)} was added", f"$.signatures.{k}", old=None, new=k)
        for group in self.groups(set(old_sigs) & set(new_sigs)):
            k = group[0]
            if len(group) > 1:
                from .gate.rules import _signatures_phrase  # (the gate's and inspect's wording for such a group)

                self.labels[k] = _signatures_phrase([self.new.signatures[g] for g in group])
            yield from self.signature(old_sigs[k], new_sigs[k])

    def signature(self, old: Signature, new: Signature) -> Iterator[Diagnostic]:
        base = f"$.signatures.{old.key}"
        if old.method_name != new.method_name:
            yield self.d("diff.method_changed",
                         f"{self.sig(old.key)} changed method from {quoted(old.method_name)} to {quoted(new.method_name)}: "
                         ":classify/:regress clients and method-checking servers see a different API",
                         base + ".method_name", old=old.method_name, new=new.method_name,
                         hint="keep the method name, or publish the new method under a new signature key")
        yield from self.side(old, new, "inputs")
        yield from self.side(old, new, "outputs")
        if (len(old.outputs) == 1) != (len(new.outputs) == 1) and old.outputs and new.outputs:
            yield self.d(
                "diff.response_format_changed",
                f"{self.sig(old.key)} went from {len(old.outputs)} to {len(new.outputs)} outputs: TF Serving writes "
                "one output as bare values and several as objects keyed by output name, so every response changes "
                "shape",
                base + ".outputs", old=f"{len(old.outputs)} output(s): {', '.join(sorted(old.outputs))}",
                new=f"{len(new.outputs)} output(s): {', '.join(sorted(new.outputs))}",
                hint=(f"keep the {len(old.outputs)} outputs ({', '.join(sorted(old.outputs))})" if len(old.outputs) > 1
                      else "keep one output")
                + (" or update every client to read objects keyed by output name" if len(new.outputs) > 1
                   else " or update every client to read the single output's bare values"),
            )

    def side(self, old_sig: Signature, new_sig: Signature, side: str) -> Iterator[Diagnostic]:
        word = side[:-1]
        key = old_sig.key
        old_t: Mapping[str, TensorSpec] = getattr(old_sig, side)
        new_t: Mapping[str, TensorSpec] = getattr(new_sig, side)
        removed = {n: s for n, s in old_t.items() if n not in new_t}
        added = {n: s for n, s in new_t.items() if n not in old_t}
        pairs = guess_renames(removed, added)
        paired_old = {a for a, _ in pairs}
        paired_new = {b for _, b in pairs}
        base = f"$.signatures.{key}.{side}"
        for a, b in pairs:
            same = "same dtype and shape" if _same_kind(old_t[a], new_t[b]) else (
                f"same dtype; shape {format_shape(old_t[a].shape)} -> {format_shape(new_t[b].shape)}")
            # what else changed on the renamed tensor (its shape, its dtype) is said by its own finding
            changes = list(self.tensor(key, side, old_t[a], new_t[b], new_name=b))
            also = _also_changed(changes)
            if side == "outputs" and len(old_t) == len(new_t) == 1:
                yield self.d(
                    "diff.sole_output_renamed",
                    f"the only output of {self.sig(key)}, {quoted(a)}, looks renamed to {quoted(b)} ({same}): "
                    f"gRPC clients reading outputs[{quoted(a)}] of the PredictResponse find no such output"
                    + _sole_output_rest(a, b, old_t[a].dtype, also),
                    f"{base}.{a}", old=a, new=b,
                    hint=f"keep the name {quoted(a)} (name the output explicitly at export), or have every gRPC "
                         f"client read outputs[{quoted(b)}]"
                         + ("" if also else " (REST clients, Vertex AI's included, need no change for the name)"),
                )
            elif side == "inputs" and len(old_t) == len(new_t) == 1:
                # TF Serving's REST API takes a lone input as plain values ({"instances": [v, ...]} or
                # {"inputs": v}) without its name: only clients that name it break
                plain = ("keep working" if not also else
                         f"are not refused for the name, but its {also} change breaks them too (reported on its own)")
                yield self.d(
                    "diff.input_renamed",
                    f"the only input of {self.sig(key)}, {quoted(a)}, looks renamed to {quoted(b)} ({same}): "
                    f"requests that send plain values ({{\"instances\": [value, ...]}}, {{\"inputs\": value}}) "
                    f"{plain}; requests that name it break: row format with objects ({{\"instances\": [{{{quoted(a)}: "
                    f"...}}]}}), columnar {{\"inputs\": {{{quoted(a)}: ...}}}}, and gRPC clients (inputs[{quoted(a)}])",
                    f"{base}.{a}", old=a, new=b, upstream=_row_sends_unknown(a),
                    hint=f"keep the name {quoted(a)} (name it explicitly at export), or have every client send plain "
                         "values (no input name) or the new name",
                )
            else:
                yield self.d(
                    f"diff.{word}_renamed",
                    f"{word} {quoted(a)} of {self.sig(key)} looks renamed to {quoted(b)} ({same}): "
                    + (f"requests sending {quoted(a)} fail" if side == "inputs"
                       else f"clients reading {quoted(a)} break"),
                    f"{base}.{a}", old=a, new=b,
                    upstream=_row_sends_unknown(a) if side == "inputs" else None,
                    hint=f"keep the name {quoted(a)} (name it explicitly at export), or update every client",
                )
            yield from changes
        for n in sorted(set(removed) - paired_old):
            if side == "inputs":
                yield self.d(
                    "diff.input_removed",
                    f"input {quoted(n)} of {self.sig(key)} was removed: row-format requests that still send it fail",
                    f"{base}.{n}", old=_spec_text(removed[n]), new=None,
                    upstream=_row_sends_unknown(n),
                    hint=f"stop sending {quoted(n)} from every client before deploying (columnar requests ignore it)",
                )
            else:
                yield self.d(
                    "diff.output_removed",
                    f"output {quoted(n)} of {self.sig(key)} was removed: clients reading it break",
                    f"{base}.{n}", old=_spec_text(removed[n]), new=None,
                    hint=f"keep exporting {quoted(n)} until no client reads it",
                )
        for n in sorted(set(added) - paired_new):
            if side == "inputs":
                has_default = n in new_sig.defaults
                yield self.d(
                    "diff.input_added",
                    f"input {quoted(n)} ({_spec_text(added[n])}) was added to {self.sig(key)}: requests without it fail"
                    + (" (it has a default, but TF Serving's REST API ignores signature defaults)" if has_default
                       else ""),
                    f"{base}.{n}", old=None, new=_spec_text(added[n]),
                    upstream=f"Missing named input: {n} in 'inputs' object.",
                    hint=f"send {quoted(n)} from every client before deploying, or compute it inside the model",
                )
            else:
                yield self.d("diff.output_added", f"output {quoted(n)} ({_spec_text(added[n])}) was added to {self.sig(key)}",
                             f"{base}.{n}", old=None, new=_spec_text(added[n]))
        for n in sorted(set(old_t) & set(new_t)):
            yield from self.tensor(key, side, old_t[n], new_t[n])

    def tensor(self, key: str, side: str, old: TensorSpec, new: TensorSpec, *,
               new_name: str | None = None) -> Iterator[Diagnostic]:
        """The dtype and shape changes of one tensor (``new_name``: what it is called in NEW when it was renamed)."""
        word = side[:-1]
        path = f"$.signatures.{key}.{side}.{old.name}"
        label = f"{word} {quoted(old.name)}" + (f" (now {quoted(new_name)})" if new_name else "")
        if old.dtype != new.dtype or old.encoding != new.encoding:
            yield from self.dtype_change(key, side, old, new, label, path + ".dtype")
        change = _shape_change(old, new)
        if change is None:
            return
        o, n = format_shape(old.shape), format_shape(new.shape)
        if change == "rank":
            rest = ("" if side == "inputs" else
                    ": every response changes, each instance's values nested to another depth (REST: row "
                    "format \"predictions\", columnar \"outputs\"; gRPC: the TensorProto's tensor_shape)")
            yield self.d(f"diff.{word}_rank_changed",
                         f"{label} of {self.sig(key)} changed rank: {o} -> {n}{rest}", path + ".shape",
                         old=f"shape {o}", new=f"shape {n}",
                         hint="keep the rank, or update every client" + (" request" if side == "inputs" else ""))
        elif side == "inputs":
            if change == "widened":
                yield self.d("diff.input_shape_widened",
                             f"{label} of {self.sig(key)} accepts more shapes: {o} -> {n}",
                             path + ".shape", old=f"shape {o}", new=f"shape {n}")
            else:
                yield self.d("diff.input_shape_narrowed",
                             f"{label} of {self.sig(key)} changed shape {o} -> {n}: requests shaped "
                             "for the old model fail inside the graph (TF Serving does not check shapes)",
                             path + ".shape", old=f"shape {o}", new=f"shape {n}",
                             hint="keep the old dimensions, or update every client to the new shape")
        else:
            if change == "changed":
                yield self.d("diff.output_shape_changed",
                             f"{label} of {self.sig(key)} changed shape {o} -> {n}: every response (REST and "
                             "gRPC) carries values of another shape, and clients that read a fixed number of values "
                             "break",
                             path + ".shape", old=f"shape {o}", new=f"shape {n}",
                             hint="update every client that indexes into this output")
            elif change == "widened":
                yield self.d("diff.output_shape_widened",
                             f"{label} of {self.sig(key)} no longer declares a fixed size: {o} -> {n}",
                             path + ".shape", old=f"shape {o}", new=f"shape {n}", severity=Severity.WARNING,
                             hint="check that clients do not rely on the old fixed size")
            else:
                yield self.d("diff.output_shape_narrowed",
                             f"{label} of {self.sig(key)} declares a more specific shape: {o} -> {n}",
                             path + ".shape", old=f"shape {o}", new=f"shape {n}")

    def dtype_change(self, key: str, side: str, old: TensorSpec, new: TensorSpec, label: str,
                     path: str) -> Iterator[Diagnostic]:
        """A dtype (or encoding) change, rated for REST (the JSON values) and for gRPC (the TensorProto's dtype and
        value field): TensorFlow feeds a request's tensor as sent, without a cast, and writes a response's values
        in the field of their dtype."""
        same_encoding = old.encoding == new.encoding
        fields = _proto_field(old.dtype), _proto_field(new.dtype)
        change = f"{label} of {self.sig(key)} changed dtype from {old.dtype} to {new.dtype}"
        if side == "inputs":
            if same_encoding and _json_accepts_superset(old.dtype, new.dtype):
                a, b = dtype_info(old.dtype).tf_name, dtype_info(new.dtype).tf_name
                yield self.d("diff.input_dtype_widened",
                             f"{change}: REST requests keep working (every JSON value accepted before is still "
                             f"accepted), but gRPC requests that send it as a {old.dtype} tensor ({fields[0]}) are "
                             f"refused: TensorFlow does not cast a fed tensor (\"Expects arg[…] to be {b} but {a} is "
                             "provided\")", path, old=old.dtype, new=new.dtype,
                             hint=f"keep {quoted(old.name)} as {old.dtype} and cast inside the model, or have every "
                                  f"gRPC client send {new.dtype} ({fields[1]}); clients that only use REST (Vertex "
                                  "AI, TF Serving's REST API) need no change")
            else:
                yield self.d("diff.input_dtype_changed", f"{change}: requests valid before may be rejected",
                             path, old=old.dtype, new=new.dtype,
                             hint=f"keep {quoted(old.name)} as {old.dtype} and cast inside the model")
            return
        if not (same_encoding and _response_same(old.dtype, new.dtype)):
            yield self.d("diff.output_dtype_changed", f"{change}: clients parsing it may break", path,
                         old=old.dtype, new=new.dtype,
                         hint=f"keep {quoted(old.name)} as {old.dtype} and cast inside the model")
        elif fields[0] != fields[1]:
            yield self.d("diff.output_dtype_widened",
                         f"{change}: REST responses keep the same JSON type, but gRPC responses carry its values in "
                         f"{fields[1]} instead of {fields[0]}: gRPC clients that read {fields[0]} find it empty",
                         path, old=old.dtype, new=new.dtype,
                         hint=f"keep {quoted(old.name)} as {old.dtype} (cast inside the model), or have every gRPC "
                              f"client read {fields[1]} (tf.make_ndarray reads either); clients that only use REST "
                              "(Vertex AI, TF Serving's REST API) need no change")
        else:
            yield self.d("diff.output_dtype_compatible",
                         f"{change}: REST responses keep the same JSON type, and gRPC responses keep its values in "
                         f"{fields[0]} (with dtype {new.dtype})", path, old=old.dtype, new=new.dtype,
                         severity=Severity.WARNING,
                         hint=f"check that gRPC clients do not check the TensorProto's dtype ({old.dtype}), nor decode "
                              "tensor_content with the old width (a server run with "
                              "--enable_serialization_as_tensor_content writes the values there)")


def diff_models(old: ModelInfo, new: ModelInfo, *, signatures: Iterable[str] | None = None) -> DiffResult:
    """The changes to the serving contract from ``old`` to ``new`` (optionally only the signature keys given)."""
    keys = None if signatures is None else tuple(signatures)
    findings = sorted(_Differ(old, new).signatures(keys), key=sort_key)
    return DiffResult(old=old.source, new=new.source, findings=tuple(findings))
