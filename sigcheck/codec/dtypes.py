"""The one dtype table: what JSON each TensorFlow dtype accepts in TF Serving's REST API (SPEC §7, §11.2).

Everything that needs to know "what may be sent for DT_X" (the request codec, JSON Schema and sample generation,
the gate's REST-dtype rule, the response writer) reads it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
UINT32_MAX = 2**32 - 1
UINT64_MAX = 2**64 - 1


@dataclass(frozen=True, slots=True)
class DType:
    """One TensorFlow dtype as the REST JSON layer sees it."""

    name: str
    """Enum name, ``DT_FLOAT``."""
    tf_name: str
    """The DataTypeString TF Serving prints in messages: ``float``, ``int64``, ``string`` …"""
    json_kind: str | None
    """What the JSON leaf must be: ``number`` (int or double), ``integer``, ``boolean``, ``string``;
    None when REST cannot carry the dtype at all (UNIMPLEMENTED)."""
    numpy: str | None
    """numpy dtype name of the decoded tensor (``object`` for strings: bytes values)."""
    minimum: int | None = None
    """Inclusive integer range TF Serving's JSON layer accepts (it checks int32/int64/uint32/uint64 only)."""
    maximum: int | None = None
    natural_min: int | None = None
    """The dtype's own range (narrower than the accepted one for int8/int16/uint8: TF Serving does not check it)."""
    natural_max: int | None = None
    proto_field: str | None = None
    """TensorProto field the values go to: ``float_val``, ``int_val`` …"""

    @property
    def rest_readable(self) -> bool:
        return self.json_kind is not None

    @property
    def is_integer(self) -> bool:
        return self.json_kind == "integer"


def _int(name: str, tf: str, np: str, lo: int, hi: int, nlo: int, nhi: int, field: str) -> DType:
    return DType(name, tf, "integer", np, lo, hi, nlo, nhi, field)


DTYPES: dict[str, DType] = {
    d.name: d
    for d in (
        DType("DT_FLOAT", "float", "number", "float32", proto_field="float_val"),
        DType("DT_DOUBLE", "double", "number", "float64", proto_field="double_val"),
        _int("DT_INT32", "int32", "int32", INT32_MIN, INT32_MAX, INT32_MIN, INT32_MAX, "int_val"),
        _int("DT_INT16", "int16", "int16", INT32_MIN, INT32_MAX, -(2**15), 2**15 - 1, "int_val"),
        _int("DT_INT8", "int8", "int8", INT32_MIN, INT32_MAX, -(2**7), 2**7 - 1, "int_val"),
        _int("DT_UINT8", "uint8", "uint8", INT32_MIN, INT32_MAX, 0, 2**8 - 1, "int_val"),
        _int("DT_INT64", "int64", "int64", INT64_MIN, INT64_MAX, INT64_MIN, INT64_MAX, "int64_val"),
        _int("DT_UINT32", "uint32", "uint32", 0, UINT32_MAX, 0, UINT32_MAX, "uint32_val"),
        _int("DT_UINT64", "uint64", "uint64", 0, UINT64_MAX, 0, UINT64_MAX, "uint64_val"),
        DType("DT_BOOL", "bool", "boolean", "bool", proto_field="bool_val"),
        DType("DT_STRING", "string", "string", "object", proto_field="string_val"),
        # Not readable or writable over REST JSON (UNIMPLEMENTED / "Failed to write JSON value").
        DType("DT_HALF", "half", None, "float16", proto_field="half_val"),
        DType("DT_BFLOAT16", "bfloat16", None, None, proto_field="half_val"),
        DType("DT_UINT16", "uint16", None, "uint16", proto_field="int_val"),
        DType("DT_COMPLEX64", "complex64", None, "complex64", proto_field="scomplex_val"),
        DType("DT_COMPLEX128", "complex128", None, "complex128", proto_field="dcomplex_val"),
        DType("DT_QINT8", "qint8", None, None),
        DType("DT_QUINT8", "quint8", None, None),
        DType("DT_QINT16", "qint16", None, None),
        DType("DT_QUINT16", "quint16", None, None),
        DType("DT_QINT32", "qint32", None, None),
        DType("DT_RESOURCE", "resource", None, None),
        DType("DT_VARIANT", "variant", None, None),
        DType("DT_FLOAT8_E5M2", "float8_e5m2", None, None),
        DType("DT_FLOAT8_E4M3FN", "float8_e4m3fn", None, None),
        DType("DT_FLOAT8_E4M3FNUZ", "float8_e4m3fnuz", None, None),
        DType("DT_FLOAT8_E4M3B11FNUZ", "float8_e4m3b11fnuz", None, None),
        DType("DT_FLOAT8_E5M2FNUZ", "float8_e5m2fnuz", None, None),
        DType("DT_INT4", "int4", None, None),
        DType("DT_UINT4", "uint4", None, None),
        DType("DT_INT2", "int2", None, None),
        DType("DT_UINT2", "uint2", None, None),
        DType("DT_FLOAT4_E2M1FN", "float4_e2m1fn", None, None),
        DType("DT_INVALID", "INVALID", None, None),
    )
}

REST_DTYPES = frozenset(n for n, d in DTYPES.items() if d.rest_readable)


def dtype(name: str) -> DType:
    """The table entry for ``name`` (``_REF`` suffix ignored); unknown names get an unreadable entry."""
    base = name.removesuffix("_REF")
    found = DTYPES.get(base)
    if found is not None:
        return found
    return DType(base, base.removeprefix("DT_").lower(), None, None)
