"""TF Serving's request-conversion messages, verbatim (SPEC §14; ``json_tensor.cc`` at 2.18–2.20).

``<dbg>`` placeholders are filled with :func:`sigcheck.codec.debugstring.debug_string`.  Trailing spaces and the
"an list/array" grammar are TF Serving's own.
"""

from __future__ import annotations

INVALID_ARGUMENT = "INVALID_ARGUMENT"
UNIMPLEMENTED = "UNIMPLEMENTED"

E1_EMPTY = "JSON Parse error: The document is empty"
E10_NO_KEY = "Missing 'inputs' or 'instances' key"
E11_PLAIN_LIST = (
    "instances is a plain list, but expecting list of objects as multiple input tensors required as per "
    "tensorinfo_map"
)
E20_PLAIN_VALUE = (
    "inputs is a plain value/list, but expecting an object as multiple input tensors required as per tensorinfo_map"
)
E27_BASE64 = "Unable to base64 decode"


def e2_parse(message: str, offset: int) -> str:
    return f"JSON Parse error: {message} at offset: {offset}"


def e3_not_object(dbg: str) -> str:
    return f"JSON Value: {dbg} Is not object"


def e4_signature_type(dbg: str) -> str:
    return f"JSON Value: {dbg} not formatted correctly. 'signature_name' key must be a string value."


def e5_signature_missing(name: str) -> str:
    return f'Serving signature name: "{name}" not found in signature def'


def e6_no_inputs(name: str) -> str:
    return f"Failed to get input map for signature: {name or 'DEFAULT'}"


def e7_both(dbg: str) -> str:
    return (
        f"JSON Value: {dbg} Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist "
    )


def e8_not_list(dbg: str) -> str:
    return f"JSON Value: {dbg} Expecting 'instances' to be an list/array"


def e9_empty(dbg: str) -> str:
    return f"JSON Value: {dbg} No values in 'instances' array"


def e12_expect_object(item: int) -> str:
    return f"Expecting object but got list at item {item} of input list"


def e13_expect_value(item: int) -> str:
    return f"Expecting value/list but got object at item {item} of input list"


def e14_key(item: int, key: str, code: str, inner: str) -> str:
    return f"Failed to process element: {item} key: {key} of 'instances' list. Error: {code}: {inner}"


def e15_keys(item: int, dbg: str, names: list[str]) -> str:
    return (
        f"Failed to process element: {item} of 'instances' list. JSON object: {dbg} keys must be equal to: "
        + ",".join(names)
    )


def e16_item(item: int, code: str, inner: str) -> str:
    return f"Failed to process element: {item} of 'instances' list. Error: {code}: {inner}"


def e17_unknown_input(key: str) -> str:
    return f"JSON object: does not have named input: {key}"


def e18_size(first: int, got: int) -> str:
    return f"Expecting tensor size: {first} but got: {got}"


def e19_shape(first: str, got: str) -> str:
    return f"Expecting shape {first} but got: {got}"


def e21_missing_named(name: str) -> str:
    return f"Missing named input: {name} in 'inputs' object."


def e22_level(dbg: str, level: int, rank: int) -> str:
    return f"JSON Value: {dbg} found at incorrect level: {level + 1} in the JSON DOM. Expected at level: {rank}"


def e23_list_level(level: int, rank: int) -> str:
    return f"Encountered list at unexpected level: {level} expected < {rank}"


def e24_ragged(size: int, level: int, expected: int) -> str:
    return f"Encountered list at unexpected size: {size} at level: {level} expected size: {expected}"


def e25_type(dbg: str, json_type: str, tf_name: str) -> str:
    return f"JSON Value: {dbg} Type: {json_type} is not of expected type: {tf_name}"


def e26_b64_format(dbg: str) -> str:
    return f"JSON Value: {dbg} not formatted correctly for base64 data"


def e28_unsupported(dbg: str, tf_name: str) -> str:
    return f"Conversion of JSON Value: {dbg} to type: {tf_name}"


def tensor_parsing_error(alias: str) -> str:
    return f"tensor parsing error: {alias}"


def input_size_mismatch(sent: list[str], wanted: list[str]) -> str:
    extra = sorted(set(sent) - set(wanted))
    missing = sorted(set(wanted) - set(sent))
    return (
        f"input size does not match signature: {len(sent)}!={len(wanted)} len({{{','.join(sorted(sent))}}}) != "
        f"len({{{','.join(sorted(wanted))}}}). Sent extra: {{{','.join(extra)}}}. "
        f"Missing but required: {{{','.join(missing)}}}."
    )


def shape_text(shape: tuple[int, ...] | list[int]) -> str:
    """A TensorShapeProto as ``ShapeToString`` prints it: ``[3,2]``, ``[]``."""
    return "[" + ",".join(str(d) for d in shape) + "]"
