"""Vertex AI's ``instanceConfig``: how a record becomes the instance sent to the model.

* ``key_field``: the field's value is kept out of the instance and reported with the record (the job's output
  carries it as ``key``);
* ``included_fields`` / ``excluded_fields``: which fields the instance keeps (one or the other); with
  ``instance_type="array"`` the included fields give the order of the array's values;
* ``instance_type``: ``object`` (a JSON object) or ``array`` (a JSON array); None keeps each JSON Lines record as
  written, and makes CSV rows arrays.

Source: the ``BatchPredictionJob.InstanceConfig`` reference of the Vertex AI v1 API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import orjson

from ..diagnostics import Diagnostic, Severity
from ..errors import InputError

INSTANCE_TYPES = ("object", "array")


@dataclass(frozen=True)
class InstanceConfig:
    instance_type: str | None = None
    key_field: str | None = None
    included_fields: tuple[str, ...] = ()
    excluded_fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.instance_type is not None and self.instance_type not in INSTANCE_TYPES:
            raise InputError(f"unknown --instance-type {self.instance_type!r}", hint="use object or array")
        if self.included_fields and self.excluded_fields:
            raise InputError("--included-fields and --excluded-fields cannot be used together",
                             hint="Vertex AI takes one or the other: keep the one that is shorter to write")

    @property
    def active(self) -> bool:
        """True when JSON Lines records are rewritten (else they are sent as written)."""
        return bool(self.instance_type or self.key_field or self.included_fields or self.excluded_fields)

    def to_json(self) -> dict[str, Any]:
        return {"instance_type": self.instance_type, "key_field": self.key_field,
                "included_fields": list(self.included_fields), "excluded_fields": list(self.excluded_fields)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "InstanceConfig":
        return cls(data.get("instance_type"), data.get("key_field"), tuple(data.get("included_fields") or ()),
                   tuple(data.get("excluded_fields") or ()))

    def fields(self, names: Sequence[str]) -> list[str]:
        """The fields an instance keeps, in order, from a record's ``names``."""
        if self.included_fields:
            return [n for n in self.included_fields if n != self.key_field]
        dropped = set(self.excluded_fields) | ({self.key_field} if self.key_field else set())
        return [n for n in names if n not in dropped]


def key_problem(field: str, why: str) -> Diagnostic:
    return Diagnostic("batch.key", Severity.ERROR, f'the record has no key field "{field}" ({why})',
                      category="instance_format", expected=f'an object with "{field}"', received=why,
                      hint=f'give every record a "{field}" field, or drop --key-field')


def missing_fields(names: Sequence[str]) -> Diagnostic:
    shown = ", ".join(f'"{n}"' for n in names)
    return Diagnostic("batch.fields", Severity.ERROR, f"the record has no {shown} (named in --included-fields)",
                      category="input_keys_mismatch", expected=f"fields {shown}", received="missing",
                      hint="give every record the included fields, or change --included-fields")


def reshape(value: Any, config: InstanceConfig) -> tuple[Any, Any, Diagnostic | None]:
    """(instance, key, problem) for one parsed JSON Lines record."""
    if not isinstance(value, dict):
        if config.key_field:
            return value, None, key_problem(config.key_field, f"a JSON {_kind(value)}, not an object")
        if config.instance_type == "object" or config.included_fields or config.excluded_fields:
            return value, None, Diagnostic(
                "batch.fields", Severity.ERROR, f"the record is a JSON {_kind(value)}: --instance-type, "
                "--included-fields and --excluded-fields need an object on every line", category="instance_format",
                expected="a JSON object", received=f"a JSON {_kind(value)}",
                hint="write one JSON object per line, or drop the instanceConfig flags")
        return value, None, None
    key = None
    if config.key_field:
        if config.key_field not in value:
            return value, None, key_problem(config.key_field, "not among its fields")
        key = value[config.key_field]
    names = config.fields(list(value))
    absent = [n for n in names if n not in value]
    if absent:
        return value, key, missing_fields(absent)
    if config.instance_type == "array":
        return [value[n] for n in names], key, None
    return {n: value[n] for n in names}, key, None


def row_instance(header: Sequence[str], row: Sequence[Any], config: InstanceConfig) -> tuple[Any, Any]:
    """(instance, key) of a CSV row (cells already read as strings or floats): an array unless
    ``instance_type="object"``."""
    record = dict(zip(header, row))
    key = record.get(config.key_field) if config.key_field else None
    names = config.fields(list(header))
    if config.instance_type == "object":
        return {n: record.get(n) for n in names}, key
    return [record.get(n) for n in names], key


def dumps(value: Any) -> bytes:
    """JSON text of an instance (NaN and infinities as Python's json writes them, as Vertex reads them)."""
    try:
        text = orjson.dumps(value)
    except TypeError:  # an integer beyond 64 bits
        text = b"null"
    if b"null" not in text:
        return text
    import json  # orjson writes NaN and infinities as null: json writes NaN, Infinity, -Infinity

    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def _kind(value: Any) -> str:
    return {list: "array", str: "string", bool: "boolean", type(None): "null", dict: "object"}.get(
        type(value), "number")
