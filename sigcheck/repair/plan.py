"""What ``sigcheck repair`` would change, decided from the gate's findings and the flags (no TensorFlow here).

Each repair is applied only when a finding calls for it (or a flag asks for it), and is listed with what changes:

* ``bind``: an unfed placeholder (``graph.unfed_placeholder``) bound to its inference value (``--feed`` overrides);
* ``resave``: variables a session load never restores (``graph.unrestored_variable``): the object graph re-saved;
* ``rename``: ``--rename OLD=NEW`` on signature inputs/outputs (generated names are only *proposed*);
* ``alias``: ``--default-signature NAME`` makes ``serving_default`` a copy of signature NAME; a serving_default the
  model has already is kept under another key (``image_tensor`` when the bytes signature takes its place, as
  ``sigcheck export --default-signature image_bytes`` names it, else ``previous_serving_default``);
* ``image_bytes``: ``--image-bytes`` (or ``--default-signature image_bytes`` on a model without it) adds the
  ``image_bytes`` signature over a float image signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from ..diagnostics import Diagnostic, Severity, quoted
from ..errors import InputError
from ..model.types import DEFAULT_SIGNATURE, ModelInfo, Signature, format_shape
from ..training.signatures import IMAGE_BYTES_SIGNATURE, IMAGE_TENSOR_SIGNATURE
from .values import inference_value, parse_value

BIND, RESAVE, RENAME, ALIAS, IMAGE_BYTES = "bind", "resave", "rename", "alias", "image_bytes"
REPAIRED_CODES = {
    BIND: "graph.unfed_placeholder",
    RESAVE: "graph.unrestored_variable",
    ALIAS: "signature.no_serving_default",
    RENAME: "signature.unstable_names",
}
"""The gate finding each repair removes (the repaired model is gated again: none of these may remain)."""

BLOCKING_CODES = ("files.variables_not_restored", "files.version_incomplete")
"""Gate errors that stop every repair: the model's own weights (or graph) cannot be read, so no new version can be
written from them nor checked against the original's outputs (TensorFlow would fail half-way)."""

PREVIOUS_DEFAULT = "previous_serving_default"
"""The key a replaced serving_default is kept under (``image_tensor`` when it is the float image signature and
``image_bytes`` takes its place)."""

_NAME = re.compile(r"^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$")


@dataclass(frozen=True)
class RepairOptions:
    output: str | None = None
    """The TF Serving base path for the new version (or a new numeric version folder); None only with dry_run."""
    feeds: Mapping[str, str] = field(default_factory=dict)
    """``--feed NAME=VALUE``: placeholder node name → value text."""
    renames: Mapping[str, str] = field(default_factory=dict)
    """``--rename OLD=NEW``: signature input/output name → new name (every signature that has it)."""
    default_signature: str | None = None
    image_bytes: bool = False
    image_scale: str | None = None
    """``unit`` | ``symmetric`` | ``raw``; None: ``unit``, or ``raw`` when the model scales its input itself."""
    dry_run: bool = False
    target: str = "tf-serving"


@dataclass(frozen=True)
class Change:
    """One repair: its kind, one line saying what changes, and the data the writer needs."""

    kind: str
    description: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "description": self.description,
                **{k: v for k, v in self.data.items() if isinstance(v, (str, int, float, bool, list, type(None)))}}


@dataclass
class Plan:
    """What a repair of ``info`` does; ``problems`` are findings it cannot repair (they stay in the new version)."""

    info: ModelInfo
    findings: list[Diagnostic]
    changes: list[Change] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)
    """Repairs sigcheck would not apply without being asked (``--rename old=new`` for a generated name …)."""
    problems: list[Diagnostic] = field(default_factory=list)
    """The model's errors no repair removes (listed as ``not repaired``; they stay in the new version)."""
    proposed_codes: set[str] = field(default_factory=set)
    """Codes of the findings a proposal is for (a flag the user chooses repairs them)."""
    notes: list[str] = field(default_factory=list)

    @property
    def kinds(self) -> set[str]:
        return {c.kind for c in self.changes}

    @property
    def method(self) -> str:
        """``graphdef`` (edit the MetaGraph, copy variables/) for TF1 graphs, ``objectgraph`` (load and re-save) for
        TF2 SavedModels."""
        return "objectgraph" if self.info.tf2 else "graphdef"

    def left_errors(self) -> list[Diagnostic]:
        """The model's gate errors the planned changes do not remove: not repaired, or waiting for a flag."""
        fixed = {REPAIRED_CODES[k] for k in self.kinds if k in REPAIRED_CODES}
        return [d for d in self.findings if d.severity is Severity.ERROR
                and (d in self.problems or d.code not in fixed)]

    def needs_choice(self) -> list[Diagnostic]:
        """The errors of :meth:`left_errors` that a proposal (a flag the user chooses) repairs."""
        return [d for d in self.left_errors() if d not in self.problems and d.code in self.proposed_codes]

    def bindings(self) -> dict[str, Mapping[str, Any]]:
        return {c.data["name"]: c.data for c in self.changes if c.kind == BIND}

    def renames(self) -> dict[str, str]:
        return {c.data["old"]: c.data["new"] for c in self.changes if c.kind == RENAME}

    def alias(self) -> str | None:
        return next((c.data["source"] for c in self.changes if c.kind == ALIAS), None)

    def kept_default(self) -> str | None:
        """The key the model's own serving_default is kept under when ``--default-signature`` replaces it."""
        return next((c.data["kept_as"] for c in self.changes if c.kind == ALIAS), None)

    def image(self) -> Mapping[str, Any] | None:
        return next((c.data for c in self.changes if c.kind == IMAGE_BYTES), None)


def parse_pairs(values: Sequence[str], flag: str) -> dict[str, str]:
    """``["a=1", "b=2"]`` → ``{"a": "1", "b": "2"}``; InputError naming ``flag`` on a malformed pair."""
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise InputError(f"{flag} takes NAME=VALUE, got {item!r}", hint=f"for example {flag} keep_prob=1.0"
                             if flag == "--feed" else f"for example {flag} keras_tensor=features")
        if name in out:
            raise InputError(f"{flag} {name} is given twice", hint=f"give {flag} {name}=… once")
        out[name] = value
    return out


def _gate_findings(info: ModelInfo, target: str) -> list[Diagnostic]:
    from ..gate import run_gate

    return list(run_gate(info, target=target).findings)


def plan_repair(info: ModelInfo, options: RepairOptions, *, findings: list[Diagnostic] | None = None) -> Plan:
    """Decide the repairs for ``info``; raises InputError for flags that do not fit the model."""
    if not info.has_graph:
        raise InputError(f"{info.source}: a signature contract has no graph to repair",
                         hint="give the SavedModel folder (saved_model.pb + variables/)")
    plan = Plan(info=info, findings=findings if findings is not None else _gate_findings(info, options.target))
    _plan_placeholders(plan, options)
    _plan_resave(plan)
    if _adds_image_bytes(info, options):
        _plan_image_bytes(plan, options)
    _plan_renames(plan, options)
    _plan_alias(plan, options)
    _plan_unrepairable(plan)
    return plan


def _plan_unrepairable(plan: Plan) -> None:
    """Every other error is listed as not repaired; one that leaves nothing to repair from stops the repair."""
    plan.problems += [d for d in plan.left_errors() if d not in plan.problems and d.code not in plan.proposed_codes]
    blocking = [d for d in plan.problems if d.code in BLOCKING_CODES]
    if plan.changes and blocking:
        d = blocking[0]
        raise InputError(f"{plan.info.model_dir or plan.info.source}: cannot be repaired: {d.message} "
                         f"({d.code})", hint=d.hint)


def _adds_image_bytes(info: ModelInfo, options: RepairOptions) -> bool:
    """``--image-bytes``, or ``--default-signature image_bytes`` on a model without that signature (as ``export``:
    it implies ``--image-bytes``)."""
    return options.image_bytes or (options.default_signature == IMAGE_BYTES_SIGNATURE
                                   and IMAGE_BYTES_SIGNATURE not in info.signatures)


def _image_flags(options: RepairOptions) -> str:
    return "--image-bytes" if options.image_bytes else f"--default-signature {IMAGE_BYTES_SIGNATURE}"


def _plan_placeholders(plan: Plan, options: RepairOptions) -> None:
    from ..model.graph import unfed_placeholders

    info = plan.info
    found: dict[str, Any] = {}
    inside: dict[str, Any] = {}
    for key in sorted(info.signatures):
        for p in unfed_placeholders(info, key):
            (found if p.location == p.name else inside).setdefault(p.name, p)
    unknown = sorted(set(options.feeds) - set(found))
    if unknown:
        names = ", ".join(sorted(found)) or "none"
        raise InputError(f"--feed {unknown[0]}: no signature of {info.source} needs an unfed placeholder of that "
                         f"name (unfed placeholders: {names})", hint="give --feed only for the placeholders the "
                         "gate reports (graph.unfed_placeholder)")
    for name, p in inside.items():
        plan.problems += [d for d in plan.findings if d.code == "graph.unfed_placeholder" and quoted(name) in d.message
                          and d not in plan.problems]
    if found and info.tf2:
        plan.problems += [d for d in plan.findings if d.code == "graph.unfed_placeholder" and d not in plan.problems]
        return
    for name, p in sorted(found.items()):
        if name in options.feeds:
            try:
                value = parse_value(options.feeds[name], p.dtype)
            except ValueError as exc:
                raise InputError(f"--feed {name}={options.feeds[name]}: {exc} ({name} is {p.dtype})") from None
            reason = "--feed"
        else:
            guess = inference_value(name, p.dtype)
            if guess is None:
                raise InputError(
                    f"{info.source}: placeholder {quoted(name)} ({p.dtype}, shape {format_shape(p.shape)}) is unfed "
                    "and sigcheck cannot tell its inference value from its name",
                    hint=f"give it: --feed {name}=VALUE (the value it had when the model was evaluated)")
            value, reason = guess.value, guess.reason
        if p.shape is not None and any(d < 0 for d in p.shape):
            raise InputError(f"{info.source}: placeholder {quoted(name)} has a partly unknown shape "
                             f"{format_shape(p.shape)}; sigcheck binds scalars and fully known shapes only",
                             hint="re-export the model with the placeholder replaced by a constant")
        plan.changes.append(Change(
            BIND, f"placeholder {quoted(name)} ({p.dtype}) bound to {value!r} ({reason})",
            {"name": name, "value": value, "dtype": p.dtype, "shape": list(p.shape) if p.shape is not None else None,
             "reason": reason}))


def _plan_resave(plan: Plan) -> None:
    hits = [d for d in plan.findings if d.code == REPAIRED_CODES[RESAVE]]
    if not hits:
        return
    if not plan.info.tf2:
        plan.problems += hits  # a TF1 graph without a saver for them: nothing to re-save from
        return
    plan.changes.append(Change(RESAVE, "signatures re-saved from the object graph with their variables tracked, so "
                               "that a session load (TF Serving) restores them", {}))


def _signature_names(plan: Plan) -> dict[str, set[str]]:
    """input/output name → the signatures that have it (with the image_bytes signature the plan adds: the outputs
    of the signature it calls)."""
    out: dict[str, set[str]] = {}
    for key, sig in plan.info.signatures.items():
        for name in (*sig.inputs, *sig.outputs):
            out.setdefault(name, set()).add(key)
    image = plan.image()
    if image is not None:
        for name in plan.info.signatures[image["source"]].outputs:
            out[name].add(IMAGE_BYTES_SIGNATURE)
    return out


def _plan_renames(plan: Plan, options: RepairOptions) -> None:
    info = plan.info
    names = _signature_names(plan)
    for old, new in options.renames.items():
        if old not in names:
            raise InputError(f"--rename {old}={new}: no signature input or output is named {quoted(old)}",
                             hint="names: " + ", ".join(sorted(names)))
        if not _NAME.match(new):
            raise InputError(f"--rename {old}={new}: {new!r} is not a valid tensor name",
                             hint="use letters, digits, _ . - (starting with a letter or digit)")
        for key in sorted(names[old] & set(info.signatures)):  # (image_bytes: its outputs are its source's)
            sig = info.signatures[key]
            for side in (sig.inputs, sig.outputs):
                if old in side and new in side and new != old:
                    raise InputError(f"--rename {old}={new}: signature {quoted(key)} already has {quoted(new)}")
        plan.changes.append(Change(RENAME, f"{quoted(old)} renamed {quoted(new)} in signature"
                                   f"{'s' if len(names[old]) > 1 else ''} {', '.join(sorted(names[old]))}",
                                   {"old": old, "new": new}))
    if not any(d.code == REPAIRED_CODES[RENAME] for d in plan.findings):
        return
    from ..gate.rules import generated_names, same_interface_groups  # the rule behind signature.unstable_names

    for group in sorted(same_interface_groups(info), key=lambda g: sorted(s.key for s in g)):
        sig = group[0]  # (signatures with the same inputs and outputs, as Keras 3 export() writes: said once)
        keys = sorted(s.key for s in group)
        where = (f"signature {quoted(keys[0])}" if len(keys) == 1 else
                 "signatures " + ", ".join(quoted(k) for k in keys[:-1]) + f" and {quoted(keys[-1])}")
        for side, tensors in (("inputs", sig.inputs), ("outputs", sig.outputs)):
            for name in sorted(generated_names(tensors)):
                if name in options.renames:
                    continue
                proposal = _proposed_name(side, tensors[name].shape) if len(tensors) == 1 else "NEW"
                line = f"{side[:-1]} {quoted(name)} of {where} has a generated name: --rename {name}={proposal}"
                if line not in plan.proposals:
                    plan.proposals.append(line)
                    plan.proposed_codes.add(REPAIRED_CODES[RENAME])


def _proposed_name(side: str, shape: tuple[int, ...] | None) -> str:
    if side == "inputs":
        return "image" if shape is not None and len(shape) == 4 and shape[-1] in (1, 3, 4) else "features"
    return "predictions"


def _plan_alias(plan: Plan, options: RepairOptions) -> None:
    info = plan.info
    name = options.default_signature
    if name is None:
        if DEFAULT_SIGNATURE not in info.signatures and info.signatures:
            choices = sorted(info.signatures)
            plan.proposals.append(f"no serving_default: --default-signature {choices[0]}"
                                  + (f" (or one of {', '.join(choices[1:])})" if len(choices) > 1 else ""))
            plan.proposed_codes.add(REPAIRED_CODES[ALIAS])
        return
    if name == DEFAULT_SIGNATURE:
        raise InputError(f"--default-signature {name}: {info.source} already has a serving_default signature "
                         "(--default-signature names the signature that should become serving_default)",
                         hint="give another signature of the model, or drop --default-signature")
    added = name == IMAGE_BYTES_SIGNATURE and plan.image() is not None
    if name not in info.signatures and not added:
        raise InputError(f"--default-signature {name}: " + info.unknown_signature(name).split(": ", 1)[1],
                         hint="give one of the model's signatures")
    current = info.signatures.get(DEFAULT_SIGNATURE)
    if current is None:
        plan.changes.append(Change(ALIAS, f"serving_default added as a copy of signature {quoted(name)}",
                                   {"source": name, "kept_as": None}))
        return
    kept = IMAGE_TENSOR_SIGNATURE if name == IMAGE_BYTES_SIGNATURE and _float_image(current) else PREVIOUS_DEFAULT
    if kept in info.signatures:
        raise InputError(f"--default-signature {name}: {info.source} has a signature {quoted(kept)} already; sigcheck "
                         f"keeps the serving_default it replaces under that name and never overwrites a signature",
                         hint=f"see `sigcheck inspect {info.source}`: its serving_default may be the one you want")
    plan.changes.append(Change(
        ALIAS, f"serving_default replaced by a copy of signature {quoted(name)}"
        + (" (added above)" if added else "") + f"; the model's serving_default is kept as signature {quoted(kept)} "
        "(requests without signature_name, and every Vertex AI request, now reach " + quoted(name) + ")",
        {"source": name, "kept_as": kept}))


def _float_image(sig: Signature) -> tuple[str, tuple[int, ...]] | None:
    """(input, shape) when ``sig`` takes one float image (batch, height, width, 1|3|4) with a known size."""
    if len(sig.inputs) != 1:
        return None
    (alias, spec), = sig.inputs.items()
    shape = spec.shape
    if (spec.dtype in ("DT_FLOAT", "DT_HALF", "DT_DOUBLE", "DT_BFLOAT16") and shape is not None and len(shape) == 4
            and all(d > 0 for d in shape[1:]) and shape[-1] in (1, 3, 4)):
        return alias, shape
    return None


def _plan_image_bytes(plan: Plan, options: RepairOptions) -> None:
    info = plan.info
    flag = _image_flags(options)
    if not info.tf2:
        raise InputError(f"{info.source}: {flag} re-saves a TF2 SavedModel; this is a TF1 graph",
                         hint="re-export the model from its Keras file: sigcheck export --from MODEL.keras "
                         f"{flag}")
    if IMAGE_BYTES_SIGNATURE in info.signatures:
        raise InputError(f"{info.source}: already has an image_bytes signature",
                         hint="drop --image-bytes (--default-signature image_bytes alone makes it serving_default)")
    key = _image_source(info, options)
    sig = info.signatures.get(key or "")
    image = _float_image(sig) if sig is not None else None
    if image is None:
        what = (f"signature {quoted(key)} takes " + ", ".join(f"{a} {s.dtype} {format_shape(s.shape)}"
                                                               for a, s in sig.inputs.items())) if sig else \
            "it has no serving_default and no signature with one such input"
        raise InputError(f"{flag} needs a signature with one float image input (batch, height, width, 1|3|4); "
                         f"{what}", hint=f"drop {flag}")
    alias, shape = image
    from .scale import choose_scale, graph_input_scaling

    scale, note = choose_scale(graph_input_scaling(info, key or "", alias), options.image_scale)
    if note:
        plan.notes.append(note)
    plan.changes.append(Change(
        IMAGE_BYTES, f"signature image_bytes added: JPEG/PNG bytes decoded, resized to {shape[1]}x{shape[2]} and "
        f"scaled ({scale}), then signature {quoted(key)}",
        {"source": key, "input": alias, "height": shape[1], "width": shape[2], "channels": shape[3],
         "dtype": info.signatures[key].inputs[alias].dtype, "scale": scale}))


def _image_source(info: ModelInfo, options: RepairOptions) -> str | None:
    """The float signature ``image_bytes`` goes in front of: serving_default, else the ``--default-signature`` one,
    else the model's only signature with one float image input."""
    if DEFAULT_SIGNATURE in info.signatures:
        return DEFAULT_SIGNATURE
    if options.default_signature in info.signatures:
        return options.default_signature
    images = [k for k, sig in sorted(info.signatures.items()) if _float_image(sig) is not None]
    return images[0] if len(images) == 1 else None


def unrepaired(plan: Plan, after: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Findings of the repaired model that a planned change should have removed."""
    codes = {REPAIRED_CODES[k] for k in plan.kinds if k in REPAIRED_CODES}
    renamed = set(plan.renames().values())
    out = []
    for d in after:
        if d.code not in codes or d.severity is Severity.INFO:
            continue
        if d.code == REPAIRED_CODES[RENAME] and not any(quoted(n) in d.message or repr(n) in d.message
                                                        for n in renamed):
            continue  # a generated name the user did not ask to rename: still only proposed
        out.append(d)
    return out
