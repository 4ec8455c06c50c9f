"""What every worker needs to check records, as plain data (JSON for Beam's side input): the model's contract
(``inspect --json``), the signature, the instanceConfig, the tf.Example spec, whether file-list objects must be
images; and the batch findings that stop a run before any record is read (a format the signature cannot take)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from ..codec.b64 import BINARY_SUFFIX
from ..diagnostics import Diagnostic, Severity
from ..model.contract import from_contract, to_contract
from ..model.types import DEFAULT_SIGNATURE, ModelInfo
from .example import ExampleSpec, example_spec
from .instances import InstanceConfig

BYTES_FORMATS = ("tf-record", "tf-record-gzip", "file-list")
"""Formats whose records Vertex AI sends as ``{"b64": …}``: the signature must take one DT_STRING input."""
IMAGE_OPS = frozenset({"DecodeJpeg", "DecodePng", "DecodeGif", "DecodeBmp", "DecodeImage", "DecodeAndCropJpeg"})


@dataclass
class Plan:
    contract: dict[str, Any]
    signature: str = DEFAULT_SIGNATURE
    config: InstanceConfig = field(default_factory=InstanceConfig)
    example: ExampleSpec | None = None
    images: bool = False
    dead_letter: bool = False
    """Keep the bad records' entries (only when a dead letter is written)."""
    fast: bool = True
    """False: every record validated alone (the reference road)."""
    _info: ModelInfo | None = field(default=None, repr=False, compare=False)

    @property
    def info(self) -> ModelInfo:
        """The signatures, read from the contract (workers never see the SavedModel)."""
        if self._info is None:
            self._info = from_contract(self.contract, str(self.contract.get("source") or "contract"))
        return self._info

    def to_json(self) -> dict[str, Any]:
        return {"contract": self.contract, "signature": self.signature, "config": self.config.to_json(),
                "example": self.example.to_json() if self.example else None, "images": self.images,
                "dead_letter": self.dead_letter, "fast": self.fast}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Plan":
        return cls(data["contract"], data["signature"], InstanceConfig.from_json(data["config"]),
                   ExampleSpec.from_json(data["example"]) if data.get("example") else None,
                   bool(data["images"]), bool(data["dead_letter"]), bool(data["fast"]))


def make_plan(info: ModelInfo, formats: Sequence[str], config: InstanceConfig, *, dead_letter: bool = False,
              fast: bool = True) -> tuple[Plan, list[Diagnostic]]:
    """The plan, and the batch findings that mean no record can be sent (then nothing is read)."""
    from ..errors import InputError

    sig = info.signatures.get(DEFAULT_SIGNATURE)
    if sig is None:
        raise InputError(info.unknown_signature(DEFAULT_SIGNATURE),
                         hint="Vertex AI batch prediction calls serving_default: export the model with one")
    blocking: list[Diagnostic] = []
    bytes_formats = sorted(set(formats) & set(BYTES_FORMATS))
    if bytes_formats and config.active and (config.included_fields or config.excluded_fields or
                                           config.instance_type or config.key_field):
        raise InputError(f"--instance-type, --key-field, --included-fields and --excluded-fields do not apply to "
                         f"{', '.join(bytes_formats)} records (each is sent as {{\"b64\": ...}})",
                         hint="drop those flags for these inputs")
    strings = [n for n, t in sig.inputs.items() if t.dtype == "DT_STRING"]
    if bytes_formats and (len(sig.inputs) != 1 or len(strings) != 1):
        got = ", ".join(f'"{n}" {t.dtype}' for n, t in sorted(sig.inputs.items()))
        blocking.append(Diagnostic(
            "batch.format", Severity.ERROR,
            f"{', '.join(bytes_formats)} records are sent as {{\"b64\": ...}} (one string each), but serving_default "
            f"takes {got}: no record can be predicted", category="bytes_sent_to_numeric_input",
            expected="one DT_STRING input", received=got,
            hint="send JSON Lines (or CSV) instances that match the signature, or export a signature that takes "
                 "the serialized record (a DT_STRING input parsed with tf.io.parse_example)"))
    example = None
    images = False
    if not blocking and strings and any(f.startswith("tf-record") for f in bytes_formats):
        example = example_spec(info, DEFAULT_SIGNATURE)
    if not blocking and "file-list" in bytes_formats:
        images = strings[0].endswith(BINARY_SUFFIX) or _decodes_images(info)
    plan = Plan(to_contract(info), DEFAULT_SIGNATURE, config, example, images, dead_letter, fast)
    return plan, blocking


def _decodes_images(info: ModelInfo) -> bool:
    from ..model.graph import reached_ops

    try:
        return bool(IMAGE_OPS & set(reached_ops(info, DEFAULT_SIGNATURE)))
    except KeyError:
        return False
