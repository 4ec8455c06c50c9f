"""The response writer: float text, string escaping, errors, and layout against a port of rapidjson's PrettyWriter."""

from __future__ import annotations

import base64
import json
import math
import struct

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sigcheck.codec.response import (
    error_body,
    format_float,
    http_status,
    json_string,
    parse_response,
    response_bytes,
    write_response,
)

# --- floats (SPEC §11.2) ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, text",
    [
        (9000000, "9e+06"), (999999, "999999.0"), (0.5, "0.5"), (0.0003, "0.0003"), (0.00003, "3e-05"),
        (555557.5, "555557.5"), (3, "3.0"), (0.2, "0.2"), (-0.0, "-0.0"), (0.0, "0.0"), (1e-5, "1e-05"),
        (float("nan"), "NaN"), (float("inf"), "Infinity"), (float("-inf"), "-Infinity"),
        (1.0 / 3.0, "0.333333343"),  # float32(1/3) does not survive 6 digits: %.9g
        (123456789.0, "123456792.0"),  # %.9g gives an integer-looking text: '.0' is appended
        (3.4028234663852886e38, "3.40282347e+38"), (1.401298464324817e-45, "1.4013e-45"),
    ],
)
def test_float32_text(value: float, text: str) -> None:
    assert format_float(value, "DT_FLOAT") == text


@pytest.mark.parametrize(
    "value, text",
    [(0.1, "0.1"), (1.0 / 3.0, "0.33333333333333331"), (2.5, "2.5"), (1e300, "1e+300"), (8.0, "8.0"),
     (123456789.0, "123456789.0"), (5e-324, "4.94066e-324")],
)
def test_float64_text(value: float, text: str) -> None:
    assert format_float(value, "DT_DOUBLE") == text


def _f32(x: float) -> float:
    return struct.unpack("f", struct.pack("f", x))[0]


@settings(max_examples=300, deadline=None)
@given(st.floats(width=32, allow_nan=False, allow_infinity=False))
def test_float32_text_round_trips_and_is_six_digits_when_it_can_be(value: float) -> None:
    text = format_float(value, "DT_FLOAT")
    assert _f32(float(text)) == value or (value == 0 and float(text) == 0)
    six = "%g" % value
    if _f32(float(six)) == value:
        assert text in (six, six + ".0")
    else:
        assert text in ("%.9g" % value, "%.9g" % value + ".0")


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float64_text_round_trips(value: float) -> None:
    assert float(format_float(value, "DT_DOUBLE")) == value


# --- strings ---------------------------------------------------------------------------------------------------


def test_string_escaping_matches_rapidjson() -> None:
    raw = b'a"b\\c/d\x00\x01\x08\t\n\x0b\x0c\r\x1f\x7f\xc3\xa9'
    expected = '"a\\"b\\\\c/d\\u0000\\u0001\\b\\t\\n\\u000B\\f\\r\\u001F\x7f\u00e9"'
    assert json_string(raw) == expected


def test_invalid_utf8_bytes_pass_through_raw() -> None:
    status, body = write_response({"s": np.array([b"\xff\xfe"], dtype=object)}, "row", {"s": "DT_STRING"})
    assert status == 200
    assert response_bytes(body) == b'{\n    "predictions": ["\xff\xfe"\n    ]\n}'


def test_bytes_output_is_b64_and_plain_strings_are_not() -> None:
    arr = np.array([b"\x00\xff", b"hi"], dtype=object)
    _, body = write_response({"label_bytes": arr}, "row", {"label_bytes": "DT_STRING"})
    assert parse_response(body) == {"predictions": [{"b64": base64.b64encode(b"\x00\xff").decode()},
                                                    {"b64": "aGk="}]}
    _, body = write_response({"label": arr}, "row", {"label": "DT_STRING"})
    assert json.loads(body)["predictions"][1] == "hi"


# --- errors (E29–E33) ------------------------------------------------------------------------------------------


def test_error_body_layout() -> None:
    assert error_body('bad "x"\n') == '{\n    "error": "bad \\"x\\"\\n"\n}'


def test_empty_map_and_unknown_format() -> None:
    assert write_response({}, "row", {}) == (400, error_body("Cannot convert empty tensor map to JSON"))
    assert write_response({"y": np.zeros(2)}, "grpc", {}) == (400, error_body("Invalid request format"))


def test_rank0_output_fails_in_row_but_not_columnar() -> None:
    out = {"y": np.float32(2.5)}
    assert write_response(out, "row", {"y": "DT_FLOAT"}) == (
        400, error_body("Tensor name: y has no shape information "))
    assert write_response(out, "columnar", {"y": "DT_FLOAT"}) == (200, '{\n    "outputs": 2.5\n}')


def test_half_output_cannot_be_written_unless_empty() -> None:
    half = {"h": np.ones((2, 2), dtype=np.float16)}
    for fmt in ("row", "columnar"):
        assert write_response(half, fmt, {"h": "DT_HALF"}) == (
            400, error_body("Failed to write JSON value for tensor type: half"))
    # No value is written for batch 0, so TF Serving never reaches the dtype check.
    assert write_response({"h": np.ones((0, 2), np.float16)}, "row", {"h": "DT_HALF"})[0] == 200


def test_http_status_table() -> None:
    assert http_status("INVALID_ARGUMENT") == 400
    assert http_status("FAILED_PRECONDITION") == 400
    assert http_status("UNIMPLEMENTED") == 501
    assert http_status("INTERNAL") == 500
    assert http_status("RESOURCE_EXHAUSTED") == 429


# --- layout against a port of rapidjson v1.1.0 PrettyWriter + json_tensor.cc -------------------------------------


class PrettyWriter:
    """Token-by-token port of rapidjson's PrettyWriter (indent 4 spaces), the reference for the fast writer."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.levels: list[list] = []  # [in_array, value_count]
        self.single_line = False
        self.has_root = False

    def _indent(self) -> None:
        self.out.append(" " * (4 * len(self.levels)))

    def _prefix(self) -> None:
        if not self.levels:
            self.has_root = True
            return
        level = self.levels[-1]
        if level[0]:
            if level[1] > 0:
                self.out.append(",")
                if self.single_line:
                    self.out.append(" ")
            if not self.single_line:
                self.out.append("\n")
                self._indent()
        else:
            if level[1] > 0:
                self.out.append(",\n" if level[1] % 2 == 0 else ": ")
            else:
                self.out.append("\n")
            if level[1] % 2 == 0:
                self._indent()
        level[1] += 1

    def raw(self, token: str) -> None:
        self._prefix()
        self.out.append(token)

    def key(self, name: str) -> None:
        self.raw(json_string(name))

    def start_object(self) -> None:
        self._prefix()
        self.levels.append([False, 0])
        self.out.append("{")

    def end_object(self) -> None:
        empty = self.levels.pop()[1] == 0
        if not empty:
            self.out.append("\n")
            self._indent()
        self.out.append("}")

    def start_array(self) -> None:
        self._prefix()
        self.levels.append([True, 0])
        self.out.append("[")

    def end_array(self) -> None:
        empty = self.levels.pop()[1] == 0
        if not empty and not self.single_line:
            self.out.append("\n")
            self._indent()
        self.out.append("]")


def _value(w: PrettyWriter, value, dt: str, as_b64: bool) -> None:
    if dt == "DT_STRING":
        if as_b64:
            w.start_object()
            w.key("b64")
            w.raw(json_string(base64.b64encode(value).decode()))
            w.end_object()
        else:
            w.raw(json_string(value))
    elif dt in ("DT_FLOAT", "DT_DOUBLE"):
        w.raw(format_float(value, dt))
    elif dt == "DT_BOOL":
        w.raw("true" if value else "false")
    else:
        w.raw(str(int(value)))


def _add_tensor_values(w: PrettyWriter, arr: np.ndarray, dt: str, as_b64: bool) -> None:
    if not isinstance(arr, np.ndarray) or arr.ndim == 0:
        _value(w, arr[()] if isinstance(arr, np.ndarray) else arr, dt, as_b64)
        return
    w.start_array()
    for i in range(arr.shape[0]):
        _add_tensor_values(w, arr[i], dt, as_b64)
    w.end_array()


def reference(outputs: dict, fmt: str, dtypes: dict) -> str:
    w = PrettyWriter()
    w.start_object()
    multi = len(outputs) > 1
    if fmt == "row":
        batch = next(iter(outputs.values())).shape[0]
        w.key("predictions")
        w.start_array()
        for item in range(batch):
            if multi:
                w.start_object()
            w.single_line = True
            for name, arr in outputs.items():
                if multi:
                    w.key(name)
                _add_tensor_values(w, arr[item], dtypes[name], dtypes[name] == "DT_STRING" and name.endswith("_bytes"))
            w.single_line = False
            if multi:
                w.end_object()
        w.end_array()
    else:
        w.key("outputs")
        if multi:
            w.start_object()
        for name, arr in outputs.items():
            if multi:
                w.key(name)
            _add_tensor_values(w, arr, dtypes[name], dtypes[name] == "DT_STRING" and name.endswith("_bytes"))
        if multi:
            w.end_object()
    w.end_object()
    return "".join(w.out)


DTYPE_CHOICES = ["DT_FLOAT", "DT_DOUBLE", "DT_INT32", "DT_INT64", "DT_UINT8", "DT_BOOL", "DT_STRING"]


@st.composite
def output_sets(draw):
    fmt = draw(st.sampled_from(["row", "columnar"]))
    n = draw(st.integers(1, 3))
    batch = draw(st.integers(0, 3))
    outputs, dtypes = {}, {}
    for i in range(n):
        dt = draw(st.sampled_from(DTYPE_CHOICES))
        name = f"out{i}" + ("_bytes" if dt == "DT_STRING" and draw(st.booleans()) else "")
        rest = tuple(draw(st.lists(st.integers(0, 3), max_size=3)))
        shape = (batch,) + rest if fmt == "row" or draw(st.booleans()) else rest
        size = int(np.prod(shape)) if shape else 1
        if dt == "DT_STRING":
            flat = np.empty(size, dtype=object)
            flat[:] = [draw(st.binary(max_size=6)) for _ in range(size)]
        elif dt in ("DT_FLOAT", "DT_DOUBLE"):
            flat = np.array([draw(st.floats(width=32 if dt == "DT_FLOAT" else 64)) for _ in range(size)],
                            dtype=np.float32 if dt == "DT_FLOAT" else np.float64)
        elif dt == "DT_BOOL":
            flat = np.array([draw(st.booleans()) for _ in range(size)], dtype=bool)
        else:
            flat = np.array([draw(st.integers(0, 255)) for _ in range(size)], dtype=np.int64)
        outputs[name] = flat.reshape(shape)
        dtypes[name] = dt
    return outputs, fmt, dtypes


@settings(max_examples=300, deadline=None)
@given(output_sets())
def test_layout_matches_prettywriter_port(case) -> None:
    outputs, fmt, dtypes = case
    status, body = write_response(outputs, fmt, dtypes)
    assert status == 200, body
    assert body == reference(outputs, fmt, dtypes)
    parsed = json.loads(body)  # Python's json reads TF Serving's NaN/Infinity tokens
    assert set(parsed) == {"predictions" if fmt == "row" else "outputs"}


def test_nan_tokens_parse_back() -> None:
    _, body = write_response({"y": np.array([math.nan, 1.0], np.float32)}, "columnar", {"y": "DT_FLOAT"})
    values = parse_response(body)["outputs"]
    assert math.isnan(values[0]) and values[1] == 1.0


def test_float32_parse_is_exact_where_a_double_would_round_twice() -> None:
    """absl::SimpleAtof parses straight to float; going through a double could land on a float32 midpoint."""
    from decimal import Decimal, getcontext

    from sigcheck.codec.response import _nearest_float32

    getcontext().prec = 60
    text = str(Decimal(1) + Decimal(2) ** -24 + Decimal(2) ** -80)  # just above the midpoint 1 + 2**-24
    assert float(text) == 1 + 2**-24 and np.float32(float(text)) == np.float32(1.0)  # the double road: 1.0
    assert _nearest_float32(text) == np.float32(1 + 2**-23)  # the exact answer
    assert _nearest_float32("16777217") == np.float32(16777216)  # an exact tie goes to even
