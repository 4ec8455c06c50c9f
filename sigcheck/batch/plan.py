"""What every worker needs to check records, as plain data (JSON for Beam's side input): the model (its
``inspect --json`` contract, plus what validate reads beyond the signatures: the serialized MetaGraphDef, the file
list; never TensorFlow), the signature, the instanceConfig, the tf.Example spec; and the batch findings that stop a
run before any record is read (a format the signature cannot take)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, fields
from typing import Any, Sequence

from ..diagnostics import Diagnostic, Severity
from ..model.contract import from_contract, to_contract
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from ..validate.core import SHAPE_CHECK_DEFAULT
from .example import ExampleSpec, example_spec
from .instances import InstanceConfig

BYTES_FORMATS = ("tf-record", "tf-record-gzip", "file-list")
"""Formats whose records Vertex AI sends as ``{"b64": …}``: the signature must take one DT_STRING input."""
_TUPLES = ("tags", "internal_signatures", "versions", "other_tag_sets")


def model_json(info: ModelInfo) -> dict[str, Any]:
    """``info`` as JSON: the contract, the other ModelInfo fields, the MetaGraphDef as base64 of its bytes."""
    data: dict[str, Any] = {"contract": to_contract(info)}
    for f in fields(ModelInfo):
        if f.name not in ("signatures", "meta_graph"):
            data[f.name] = getattr(info, f.name)
    data["files"] = dict(info.files)
    mg = info.meta_graph
    data["meta_graph"] = base64.b64encode(mg.SerializeToString()).decode("ascii") if mg is not None else None
    return data


def model_from_json(data: dict[str, Any]) -> ModelInfo:
    values = {k: v for k, v in data.items() if k not in ("contract", "meta_graph")}
    for name in _TUPLES:
        if name in values:
            values[name] = tuple(tuple(x) if isinstance(x, list) else x for x in values[name])
    meta_graph = None
    if data.get("meta_graph"):
        from ..model.proto import saved_model_pb2 as pb

        meta_graph = pb.MetaGraphDef.FromString(base64.b64decode(data["meta_graph"]))
    signatures = from_contract(data["contract"], str(data.get("source") or "contract")).signatures
    return ModelInfo(signatures=signatures, meta_graph=meta_graph, **values)


@dataclass
class Plan:
    model: dict[str, Any]
    """:func:`model_json` of the model."""
    signature: str = DEFAULT_SIGNATURE
    config: InstanceConfig = field(default_factory=InstanceConfig)
    example: ExampleSpec | None = None
    dead_letter: bool = False
    """Keep the bad records' entries (only when a dead letter is written)."""
    fast: bool = True
    """False: every record validated alone (the reference road)."""
    shape_check: str = SHAPE_CHECK_DEFAULT
    """validate's ``--shape-check``."""
    _info: ModelInfo | None = field(default=None, repr=False, compare=False)

    @property
    def info(self) -> ModelInfo:
        """The model as validate reads it (workers never open the SavedModel folder for it)."""
        if self._info is None:
            self._info = model_from_json(self.model)
        return self._info

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "signature": self.signature, "config": self.config.to_json(),
                "example": self.example.to_json() if self.example else None, "dead_letter": self.dead_letter,
                "fast": self.fast, "shape_check": self.shape_check}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Plan":
        return cls(data["model"], data["signature"], InstanceConfig.from_json(data["config"]),
                   ExampleSpec.from_json(data["example"]) if data.get("example") else None,
                   bool(data["dead_letter"]), bool(data["fast"]),
                   str(data.get("shape_check") or SHAPE_CHECK_DEFAULT))


def batch_signature(info: ModelInfo, signature: str | None = None) -> str:
    """The key of the signature the records are checked against: ``signature`` (``--signature``: validate's own
    check of the name, an InputError listing the model's signatures when it has none such), else serving_default
    (what a batch prediction job calls when it is given no signature name)."""
    from ..errors import InputError
    from ..validate.core import _flag_signature

    if signature is not None:
        _flag_signature(info, signature)
        return signature
    if DEFAULT_SIGNATURE not in info.signatures:
        raise InputError(info.unknown_signature(DEFAULT_SIGNATURE),
                         hint="Vertex AI batch prediction calls serving_default: export the model with one, or pass "
                              "--signature NAME for a job given that signature (AI Platform's --signature-name)")
    return DEFAULT_SIGNATURE


def make_plan(info: ModelInfo, formats: Sequence[str], config: InstanceConfig, *, dead_letter: bool = False,
              fast: bool = True, shape_check: str = SHAPE_CHECK_DEFAULT,
              signature: str | None = None) -> tuple[Plan, list[Diagnostic]]:
    """The plan (records checked against ``signature``, None = serving_default), and the batch findings that mean
    no record can be sent (then nothing is read)."""
    from ..errors import InputError

    key = batch_signature(info, signature)
    sig = info.signatures[key]
    blocking: list[Diagnostic] = []
    bytes_formats = sorted(set(formats) & set(BYTES_FORMATS))
    if bytes_formats and config.active and (config.included_fields or config.excluded_fields or
                                           config.instance_type or config.key_field):
        raise InputError(f"--instance-type, --key-field, --included-fields and --excluded-fields do not apply to "
                         f"{', '.join(bytes_formats)} records (each is sent as {{\"b64\": ...}})",
                         hint="drop those flags for these inputs")
    strings = [n for n, t in sig.inputs.items() if t.dtype == "DT_STRING"]
    if bytes_formats and not _one_string_input(sig):
        got = ", ".join(f'"{n}" {t.dtype}' for n, t in sorted(sig.inputs.items()))
        others = [name for name, s in sorted(info.signatures.items()) if name != key and _one_string_input(s)]
        other = (f"; or, if the job calls another signature, pass it: {', '.join(f'--signature {n}' for n in others[:3])}"
                 f"{' …' if len(others) > 3 else ''} (these take one DT_STRING input)" if others else "")
        blocking.append(Diagnostic(
            "batch.format", Severity.ERROR,
            f"{', '.join(bytes_formats)} records are sent as {{\"b64\": ...}} (one string each), but {key} "
            f"takes {got}: no record can be predicted", category="bytes_sent_to_numeric_input",
            expected="one DT_STRING input", received=got,
            hint="send JSON Lines (or CSV) instances that match the signature, or export a signature that takes "
                 "the serialized record (a DT_STRING input parsed with tf.io.parse_example)" + other))
    example = None
    if not blocking and strings and any(f.startswith("tf-record") for f in bytes_formats):
        example = example_spec(info, key)
    plan = Plan(model_json(info), key, config, example, dead_letter, fast, shape_check, _info=info)
    return plan, blocking


def _one_string_input(sig: Any) -> bool:
    """True when ``sig`` takes exactly one input, a DT_STRING one (what a ``{"b64": …}`` record can feed)."""
    return len(sig.inputs) == 1 and next(iter(sig.inputs.values())).dtype == "DT_STRING"
