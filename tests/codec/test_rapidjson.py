"""The rapidjson v1.1.0 port: what TF Serving's parser accepts, how it types numbers, its exact errors (SPEC §1,
§7, §18.8), and the ``<dbg>`` printer (SPEC §11.4)."""

from __future__ import annotations

import json
import math
import random
import struct

import pytest

from sigcheck.codec.debugstring import debug_string, format_double
from sigcheck.codec.rapidjson import DupObject, JSONParseError, loads, parse_number, token_value, token_values


def err(body: bytes) -> tuple[str, int]:
    with pytest.raises(JSONParseError) as info:
        loads(body)
    return info.value.message, info.value.offset


@pytest.mark.parametrize(
    ("body", "message", "offset"),
    [
        (b"instances = [1, 2]", "Invalid value.", 0),
        (b'{"instances":[1,2}', "Missing a comma or ']' after an array element.", 17),
        (b'{"instances": [1, 2]', "Missing a comma or '}' after an object member.", 20),
        (b'{"v": [1e400]}', "Number too big to be stored in double.", 7),
        (b'{"a": "x\ny"}', "Invalid escape character in string.", 8),
        (b'{"instances":\x00[1]}', "Invalid value.", 13),
        (b"\xef\xbb\xbf\xef\xbb\xbf{}", "Invalid value.", 3),
        (b"   ", "The document is empty.", 3),
        (b'{"a": Nan}', "Invalid value.", 8),
        (b'{"a": nan}', "Invalid value.", 7),
        (b'{"a": inf}', "Invalid value.", 6),
        (b'{"a": Infin}', "Invalid value.", 11),
        (b"[1,]", "Invalid value.", 3),
        (b'{"a":1,}', "Missing a name for object member.", 7),
        (b'{"a" 1}', "Missing a colon after a name of object member.", 5),
        (b"[01]", "Missing a comma or ']' after an array element.", 2),
        (b"[1.]", "Miss fraction part in number.", 3),
        (b"[1e]", "Miss exponent in number.", 3),
        (b"[+1]", "Invalid value.", 1),
        (b"[.5]", "Invalid value.", 1),
        (b'["\\x"]', "Invalid escape character in string.", 2),
        (b'["\\u12G4"]', "Incorrect hex digit after \\u escape in string.", 2),
        (b'["\\ud800"]', "The surrogate pair in string is invalid.", 2),
        (b'["abc', "Missing a closing quotation mark in string.", 5),
        (b"// comment\n{}", "Invalid value.", 0),
        (b"{'a': 1}", "Missing a name for object member.", 1),
    ],
)
def test_parse_errors_as_rapidjson(body: bytes, message: str, offset: int) -> None:
    assert err(body) == (message, offset)


def test_what_rapidjson_accepts_that_python_json_does_not() -> None:
    assert loads(b'{"instances":[1]} garbage') == {"instances": [1]}
    assert loads(b'{"instances":[1]}{"x":1}') == {"instances": [1]}
    assert loads(b'{"instances":[1]}\x00junk') == {"instances": [1]}
    assert loads(b"\xef\xbb\xbf{}") == {} and loads(b"\xbf{}") == {}
    nan, inf, ninf, inf2, nnan = loads(b"[NaN, Infinity, -Infinity, Inf, -NaN]")
    assert math.isnan(nan) and math.isnan(nnan) and inf == inf2 == math.inf and ninf == -math.inf
    assert loads(b'["\xff\xfe raw"]') == ["\udcff\udcfe raw"]  # bytes kept (surrogateescape)
    assert loads(b'["\\udc00"]')[0].encode("utf-8", "surrogateescape") == b"\xed\xb0\x80"


def test_duplicate_keys_first_wins_but_all_members_kept() -> None:
    obj = loads(b'{"a": 1, "b": 2, "a": 3}')
    assert isinstance(obj, DupObject)
    assert obj["a"] == 1 and obj.pairs == [("a", 1), ("b", 2), ("a", 3)]


def test_number_kinds() -> None:
    values = loads(b"[1, -0, -0.0, 1.0, 1e2, 9223372036854775807, -9223372036854775808, 18446744073709551615,"
                   b" 18446744073709551616, -9223372036854775809]")
    assert [type(v) for v in values] == [int, int, float, float, float, int, int, int, float, float]
    assert values[1] == 0 and math.copysign(1, values[2]) == -1


def test_normal_precision_doubles_differ_from_python() -> None:
    assert loads(b"[123456789012345678901234]")[0] != float("123456789012345678901234")


def _same(a: object, b: object) -> bool:
    return type(a) is type(b) and struct.pack("<d", float(a)) == struct.pack("<d", float(b))  # type: ignore[arg-type]


def test_token_value_shortcuts_equal_the_line_by_line_port() -> None:
    rng = random.Random(7)
    toks = []
    for _ in range(5000):
        k = rng.random()
        if k < 0.3:
            toks.append(repr(rng.random() * rng.choice([1, -1, 1e-9, 1e7])).encode())
        elif k < 0.5:
            toks.append(("%.17g" % rng.uniform(-1e3, 1e3)).encode())
        elif k < 0.7:
            toks.append(str(rng.randint(-(10**25), 10**25)).encode())
        elif k < 0.85:
            toks.append(("%.*e" % (rng.randint(0, 20), rng.uniform(-9, 9) * 10 ** rng.randint(-300, 300))).encode())
        else:
            toks.append(("0." + "0" * rng.randint(0, 30) + str(rng.randint(1, 10**19))).encode())
    port = [parse_number(t, 0, len(t))[0] for t in toks]
    assert all(_same(a, b) for a, b in zip(map(token_value, toks), port))
    assert all(_same(a, b) for a, b in zip(token_values(toks), port))


def test_bulk_numeric_arrays_match_element_by_element_parsing() -> None:
    rng = random.Random(3)
    data = [[[rng.random() for _ in range(5)] for _ in range(20)] for _ in range(3)]
    data[1][7][2] = 12345678901234567890123
    body = json.dumps({"a": data}).encode()
    bulk = loads(body)["a"]
    one_by_one = [[[token_value(repr(v).encode()) for v in row] for row in plane] for plane in data]
    assert all(_same(a, b) for a, b in zip(_flat(bulk), _flat(one_by_one)))


def _flat(x: object) -> list:
    return [y for v in x for y in _flat(v)] if isinstance(x, list) else [x]


def test_deep_nesting_parses_without_recursion() -> None:
    body = b'{"instances":[1], "nested":' + b"[" * 100000 + b"]" * 100000 + b"}"
    assert loads(body)["instances"] == [1]


# ---------------------------------------------------------------------------------------------- <dbg>

@pytest.mark.parametrize(
    ("value", "text"),
    [(1e21, "1e21"), (1e-7, "1e-7"), (0.000001, "0.000001"), (1e20, "100000000000000000000.0"), (1.0, "1.0"),
     (100.0, "100.0"), (-0.0, "-0.0"), (1.5e300, "1.5e300"), (0.1, "0.1"), (-2.5, "-2.5"),
     (18446744073709551616.0, "18446744073709553000.0")],
)
def test_grisu2_prettify(value: float, text: str) -> None:
    assert format_double(value) == text


def test_big_integer_literal_prints_like_rapidjson() -> None:
    assert debug_string(loads(b"18446744073709551616")) == "18446744073709553000.0"


def test_debug_string_layout_and_stops() -> None:
    assert debug_string(loads(b'{"signature_name": 5, "instances": [[1,2],[3,4],[5,6,7]]}')) == (
        '{\n    "signature_name": 5,\n    "instances": [[1, 2], [3, 4], [5, 6, 7]]\n}'
    )
    assert debug_string(loads(b'{"v":1,"w":[1.0,NaN,2]}')) == '{\n    "v": 1,\n    "w": [1.0, '
    assert debug_string(math.nan) == ""
    assert debug_string(loads(b'{"b64": "aGk="}')) == '{\n    "b64": "aGk="\n}'
    assert debug_string("a\"\\\n\x01/é") == '"a\\"\\\\\\n\\u0001/é"'
    deep = debug_string(loads(b'{"signature_name":' + b"[" * 1000 + b"]" * 1000 + b"}"))
    assert deep == '{\n    "signature_name": ' + "[" * 232 and len(deep) == 256
    assert debug_string(DupObject([("a", 1), ("a", 2)])) == '{\n    "a": 1,\n    "a": 2\n}'


def test_round_trip_of_grisu_output() -> None:
    rng = random.Random(11)
    for _ in range(2000):
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(63)))[0]
        if math.isfinite(x):
            assert float(format_double(x)) == x
