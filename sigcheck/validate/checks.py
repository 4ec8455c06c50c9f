"""The findings of ``sigcheck validate``: each check is a generator of :class:`~sigcheck.diagnostics.Diagnostic`.

* :func:`rejection` turns TF Serving's verdict (the codec's :class:`~sigcheck.codec.request.Failure`) into one
  finding with the category of CATEGORIES.md, a fix, and TF Serving's verbatim message as ``upstream``;
* the other checks look at what TF Serving accepts without a word: declared shapes (TF Serving never checks them),
  values that are narrowed or overflow, base64 text sent as a plain string, duplicate keys, ignored keys, trailing
  content, and the response TF Serving could not write.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import re
from typing import Any, Callable, Collection, Iterator, Mapping, Sequence

from ..codec.b64 import BINARY_SUFFIX
from ..codec.dtypes import dtype as dtype_entry
from ..codec.request import Decoded, Failure
from ..codec.shapes import lacks_last_one
from ..diagnostics import Diagnostic, Severity
from ..model.types import DEFAULT_SIGNATURE, Signature, TensorSpec
from .paths import describe, format_dims, json_path, value_at

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

REST_EXPECT = {
    "number": "a JSON number",
    "integer": "a JSON integer",
    "boolean": "true or false",
    "string": 'a JSON string or {"b64": "<base64>"}',
}


def _expect_leaf(dtype: str) -> str:
    dt = dtype_entry(dtype)
    what = REST_EXPECT.get(dt.json_kind or "", "nothing (REST cannot carry it)")
    if dt.json_kind == "integer":
        what += f" in {dt.tf_name} range" if dt.natural_min is not None else ""
    return f"{dt.tf_name}: {what}"


def did_you_mean(name: str, choices: Sequence[str]) -> str | None:
    lower = {c.lower(): c for c in choices}
    if name.lower() in lower:
        return lower[name.lower()]
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _names(names: Sequence[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def line_column(body: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    offset = max(0, min(offset, len(body)))
    line = body.count(b"\n", 0, offset) + 1
    start = body.rfind(b"\n", 0, offset) + 1
    return line, len(body[start:offset].decode("utf-8", "replace")) + 1


def _parse_hint(body: bytes, offset: int) -> str:
    start = offset
    while start > 0 and (chr(body[start - 1]).isalpha() or body[start - 1] == 0x2D):  # back to the word's start
        start -= 1
    at = body[start:offset + 12]
    before = body[max(0, start - 12):start]
    if re.match(rb"(?:nan|Nan|NAN|inf|INF|Inf[a-z]?)", at) or re.match(rb"-?(?:nan|Nan|inf)", at):
        return "write non-finite numbers as NaN, Infinity or -Infinity (as Python's json.dumps does), or send null-free finite values"
    if at[:1] == b"'" or b"'" in at[:2]:
        return "JSON strings and keys need double quotes; serialize with json.dumps, not str() or repr()"
    if at[:1] in (b"]", b"}") and before.rstrip()[-1:] == b",":
        return "remove the trailing comma before the closing bracket"
    if at[:1] == b"/":
        return "JSON has no comments; remove them"
    if re.search(rb"[0-9]\.\s*$", before) or at[:1] == b".":
        return "numbers need digits on both sides of the point (1.0, 0.5): serialize with a real JSON encoder"
    if offset >= len(body.rstrip()):
        return "the body ends too early: it was cut off, or a bracket or quote is missing"
    return "serialize the body with a real JSON encoder (json.dumps / JSON.stringify) and check it with `python -m json.tool`"


def rejection(decoded: Decoded, body: bytes, sig: Signature | None, signatures: Sequence[str],
              *, item_label: str = "instance", item_name: Callable[[int], str] | None = None) -> Iterator[Diagnostic]:
    """The one finding for a request TF Serving rejects, with ``upstream`` = its verbatim message.

    ``item_name``: how an instance is named in messages (``instance 2`` by default; a JSON Lines file's lines by
    their line numbers: :func:`sigcheck.validate.lines.line_names`)."""
    name_of = item_name or (lambda i: f"instance {i}")
    f = decoded.failure
    assert f is not None and decoded.error is not None
    up = decoded.error
    inputs = dict(sig.inputs) if sig is not None else {}
    path = json_path(f.path)
    kind = f.kind
    value = f.value

    def make(code: str, category: str | None, message: str, *, expected: str | None = None,
             received: str | None = None, hint: str | None = None, at: str | None = None) -> Diagnostic:
        return Diagnostic(code=code, severity=ERROR, message=message, category=category, path=at or path,
                          expected=expected, received=received, hint=hint, upstream=up)

    if kind == "empty":
        yield make("request.json", "json_parse_error", "the request body is empty",
                   expected="a JSON object", received="0 bytes",
                   hint='send {"instances": [...]} or {"inputs": ...}; check that the client actually sends the body')
        return
    if kind == "parse":
        line, col = line_column(body, f.offset or 0)
        yield make("request.json", "json_parse_error",
                   f"the body is not valid JSON for TF Serving: {value} (line {line}, column {col})",
                   expected="valid JSON", received=f"{fragment_of_bytes(body, f.offset or 0)} at line {line}, "
                   f"column {col}", hint=_parse_hint(body, f.offset or 0))
        return
    if kind == "not_object":
        looks = "a list" if isinstance(value, list) else describe(value)
        hint = ('wrap the list: {"instances": <your list>} (one element per example)' if isinstance(value, list)
                else 'send a JSON object: {"instances": [...]} or {"inputs": ...}')
        yield make("request.body", "instances_key_missing", f"the body is {looks}, not a JSON object",
                   expected='{"instances": [...]} or {"inputs": ...}', received=describe(value), hint=hint)
        return
    if kind == "signature_name_type":
        yield make("request.signature", "instance_format", '"signature_name" must be a JSON string',
                   expected="a string such as \"serving_default\"", received=describe(value),
                   hint=f'send "signature_name": "{_first(signatures)}" (signatures: {_names(signatures)})')
        return
    if kind == "signature_not_found":
        close = did_you_mean(str(value), signatures)
        hint = f'use one of: {_names(signatures) or "(none)"}'
        if close:
            hint = f'did you mean "{close}"? ' + hint
        if not decoded.root or "signature_name" not in decoded.root:
            hint += '; the body names no signature, so TF Serving uses "serving_default": add "signature_name"'
        yield make("request.signature", "signature_not_found", f'the model has no signature "{value}"',
                   expected=f"one of {_names(signatures)}", received=f'"{value}"', hint=hint)
        return
    if kind == "no_inputs":
        yield make("request.signature", "wrong_api_or_input_format",
                   f'signature "{decoded.signature_name}" has no inputs, so REST predict cannot call it',
                   hint="call a signature with inputs, or re-export this one with its inputs in the signature")
        return
    if kind == "both_keys":
        yield make("request.body", "instances_key_missing", 'the body has both "instances" and "inputs"',
                   expected='exactly one of "instances" (row format) or "inputs" (columnar format)',
                   received=f"keys {_names(list(decoded.root))}",
                   hint='keep one: "instances" for a list of examples, "inputs" for named whole tensors')
        return
    if kind == "no_key":
        yield from _no_key(decoded, inputs, make)
        return
    if kind == "instances_not_list":
        if isinstance(value, dict) and value and isinstance(next(iter(value.values())), list):
            # named columns: the columnar form, whose key is "inputs" (explain reads TF Serving's answer the same)
            yield make("request.body", "instances_key_missing", '"instances" holds named columns, the columnar form',
                       expected='a JSON list of examples under "instances", or the columns under "inputs"',
                       received=describe(value), hint='send the columns as {"inputs": {...}}, or the rows as '
                                                      '{"instances": [{...}, ...]}')
            return
        hint = ('put the object in a list: {"instances": [{...}]}' if isinstance(value, dict)
                else '"instances" must be a list with one element per example')
        yield make("request.body", "instance_format", '"instances" is not a list', expected="a JSON list",
                   received=describe(value), hint=hint)
        return
    if kind == "instances_empty":
        yield make("request.body", "empty_instances", '"instances" is an empty list', expected="at least one instance",
                   received="[]", hint="send at least one instance; skip the call when there is nothing to predict")
        return
    if kind in ("plain_list", "plain_value"):
        where = '"instances"' if kind == "plain_list" else '"inputs"'
        form = ('{"instances": [{' + ", ".join(f'"{n}": ...' for n in sorted(inputs)) + "}]}" if kind == "plain_list"
                else '{"inputs": {' + ", ".join(f'"{n}": ...' for n in sorted(inputs)) + "}}")
        yield make("request.keys", "input_keys_mismatch",
                   f"{where} holds plain values, but the signature has {len(inputs)} inputs: name each one",
                   expected=f"an object with keys {_names(sorted(inputs))}", received=describe(value),
                   hint=f"send {form}")
        return
    if kind in ("expect_object", "expect_value"):
        first = "objects (named inputs)" if kind == "expect_object" else "plain values/lists"
        yield make("request.body", "instance_format",
                   f"{name_of(f.item)} does not match the form of {name_of(0)}: {name_of(0)} is {first}",
                   expected=f"every {item_label} in the same form as {name_of(0)}", received=describe(value),
                   hint="make every instance an object with the input names, or every instance a plain value/list")
        return
    if kind in ("unknown_input", "keys_mismatch", "missing_input", "input_size"):
        yield from _keys(decoded, f, inputs, make, item_label, name_of)
        return
    if kind in ("size", "shape"):
        yield from _ragged_items(decoded, f, sig, make, name_of)
        return
    if kind in ("ragged", "level", "list_level"):
        yield make("request.ragged", "ragged_instances",
                   "the nested lists have different lengths or depths, so they are not one dense tensor"
                   + (f' (input "{f.input}")' if f.input else ""),
                   expected=(f"a list of {f.expected} elements" if kind == "ragged" else
                             f"values at depth {f.expected}" if kind == "level" else
                             f"no list deeper than depth {f.expected}"),
                   received=(f"a list of {f.received} elements" if kind == "ragged" else describe(value)),
                   hint="pad every list to the same length (and send the true lengths as another input), "
                        "or send one example per request")
        return
    if kind == "type":
        yield from _type(f, inputs, make)
        return
    if kind == "b64_format":
        yield make("request.base64", "base64_encoding",
                   'an object where a string was expected is not a {"b64": "<string>"} object',
                   expected='{"b64": "<standard base64>"} with exactly one key', received=describe(value),
                   hint='send binary data as {"b64": base64.b64encode(data).decode()}, with no other keys')
        return
    if kind == "b64_decode":
        yield make("request.base64", "base64_encoding", "the b64 value is not valid base64 for TF Serving",
                   expected="standard base64 (A–Z a–z 0–9 + /, optional = padding)", received=describe(value),
                   hint=_b64_hint(value))
        return
    if kind == "unsupported":
        dt = str(f.expected)
        half = dt in ("DT_HALF", "DT_BFLOAT16")
        yield make("request.dtype", "dtype_unsupported_half" if half else "wrong_api_or_input_format",
                   f'input "{f.input}" is {dtype_entry(dt).tf_name}, which TF Serving\'s REST API cannot fill',
                   expected="an input dtype REST JSON can carry (float, int, string, bool …)",
                   received=dtype_entry(dt).tf_name,
                   hint=("export the serving signature with float32 inputs and cast to float16 inside the graph, "
                         "or use gRPC with a DT_HALF TensorProto") if half else
                        "re-export the signature with a REST-compatible dtype, or call the model over gRPC")
        return
    if kind == "rank":
        yield make("request.shape", "input_shape_mismatch",
                   f'input "{f.input}" has {f.received} dimensions; TensorFlow allows at most 254',
                   expected="at most 254 dimensions", received=f"{f.received} dimensions",
                   hint="check the nesting of the value: it is far deeper than any model input "
                        "(very deep nesting can crash the server instead of failing cleanly)")
        return
    yield make("request.rejected", None, "TF Serving rejects this request")


def fragment_of_bytes(body: bytes, offset: int) -> str:
    """The 40 bytes around ``offset`` as a Python string literal: control characters escaped once (a newline reads
    ``\\n``, not ``\\\\n``)."""
    start = max(0, offset - 20)
    return repr(body[start:offset + 20].decode("utf-8", "replace"))


def trailing_content(body: bytes, end: int, limit: int = 40) -> str:
    """What follows the JSON value that ends at ``end``, blanks stripped, as a Python string literal (at most
    ``limit`` bytes, then its length)."""
    rest = body[end:].strip(b" \t\r\n\x00")
    shown = repr(rest[:limit].decode("utf-8", "replace"))
    return shown if len(rest) <= limit else f"{shown}… ({len(rest):,} bytes)"


def _first(names: Sequence[str]) -> str:
    return "serving_default" if "serving_default" in names else (names[0] if names else "serving_default")


def _no_key(decoded: Decoded, inputs: Mapping[str, TensorSpec], make: Any) -> Iterator[Diagnostic]:
    root = decoded.root if isinstance(decoded.root, dict) else {}
    keys = list(root)
    close = None
    for k in keys:
        close = did_you_mean(k, ["instances", "inputs"])
        if close:
            yield make("request.body", "instances_key_missing", f'the body has "{k}" where TF Serving looks for '
                       f'"{close}"', expected='"instances" or "inputs"', received=f"keys {_names(keys)}",
                       hint=f'rename "{k}" to "{close}"', at=json_path((k,)))
            return
    named = [k for k in keys if k in inputs]
    if named:
        hint = ('wrap the object: {"instances": [<your object>]} (row format), or {"inputs": <your object>} '
                "(columnar format)")
        yield make("request.body", "instances_key_missing",
                   f"the body looks like one instance ({_names(named)}), not a request",
                   expected='{"instances": [...]} or {"inputs": {...}}', received=f"keys {_names(keys)}", hint=hint)
        return
    yield make("request.body", "instances_key_missing", 'the body has neither "instances" nor "inputs"',
               expected='{"instances": [...]} or {"inputs": ...}', received=f"keys {_names(keys) or '(none)'}",
               hint='wrap the payload: {"instances": [...]} or {"inputs": {...}} (never both)')


def _wrapped(decoded: Decoded, f: Failure, inputs: Mapping[str, TensorSpec], make: Any,
             item_label: str) -> Diagnostic | None:
    """An instance that is itself a request body (``{"instances": …}`` / ``{"inputs": …}``): a JSON Lines file
    whose lines are wrapped like a body, or a body wrapped twice."""
    if f.item is None:
        return None
    item = value_at(decoded.root, ("instances", f.item))
    if not isinstance(item, dict):
        return None
    wrappers = [k for k in ("instances", "inputs") if k in item and k not in inputs]
    if not wrappers:
        return None
    key = wrappers[0]
    at = json_path(("instances", f.item, key))
    if item_label == "line":
        return make("request.body", "instance_format",
                    ('the line wraps its instances in {"instances": ...} like a request body' if key == "instances"
                     else 'the line is a columnar request body ({"inputs": ...})')
                    + ': gcloud --json-instances wants one bare instance per line and adds the {"instances": [...]} '
                    "wrapper itself",
                    expected="one bare instance per line: {\"<input>\": <value>, ...} or a plain value/list",
                    received=f'{{"{key}": ...}} on the line', at=at,
                    hint='write one instance per line without the wrapper ({"age": [30], ...}, not {"instances": '
                         '[{"age": [30], ...}]}); a file holding one request body goes to gcloud --json-request '
                         "(sigcheck: --format-in body); `sigcheck validate FILE --fix -o fixed.jsonl` unwraps the "
                         "lines")
    return make("request.body", "instance_format",
                f'instance {f.item} is itself a request body ({{"{key}": ...}}): the body is wrapped twice',
                expected='{"instances": [<instance>, ...]}', received=f'{{"instances": [{{"{key}": ...}}, ...]}}',
                at=at, hint=f'remove the inner {{"{key}": ...}}: each element of "instances" is one instance')


def _keys(decoded: Decoded, f: Failure, inputs: Mapping[str, TensorSpec], make: Any,
          item_label: str = "instance", name_of: Callable[[int], str] = lambda i: f"instance {i}"
          ) -> Iterator[Diagnostic]:
    wrapped = _wrapped(decoded, f, inputs, make, item_label)
    if wrapped is not None:
        yield wrapped
        return
    names = sorted(inputs)
    sent = list(f.received) if isinstance(f.received, list) else []
    if f.kind == "unknown_input":
        key = str(f.input)
        close = did_you_mean(key, names)
        hint = f'use the signature\'s input names: {_names(names)}'
        if close:
            hint = f'rename "{key}" to "{close}"; ' + hint
        yield make("request.keys", "input_keys_mismatch", f'the signature has no input "{key}"',
                   expected=f"keys {_names(names)}", received=f'"{key}"', hint=hint)
        return
    if f.kind == "input_size":
        yield make("request.keys", "input_keys_mismatch",
                   f"the request fills {len(decoded.tensors) or 1} input(s), the signature has {len(names)}",
                   expected=f"inputs {_names(names)}", hint="send an object with every input name in each instance")
        return
    missing = [n for n in names if n not in sent]
    extra = [k for k in sent if k not in inputs]
    pairs = []
    for k in extra:
        close = did_you_mean(k, missing)
        if close:
            pairs.append(f'"{k}" → "{close}"')
    what = f"missing {_names(missing)}" if missing else "keys differ"
    if extra:
        what += f"; unknown {_names(extra)}"
    hint = "send every input of the signature"
    if pairs:
        hint = "rename " + ", ".join(pairs) + "; " + hint
    if f.kind == "missing_input":
        hint += ' (in the "inputs" object)'
    label = name_of(f.item) if f.kind == "keys_mismatch" else '"inputs"'
    yield make("request.keys", "input_keys_mismatch", f"{label} does not name the signature's inputs: {what}",
               expected=f"keys {_names(names)}", received=f"keys {_names(sent)}", hint=hint)


def _ragged_items(decoded: Decoded, f: Failure, sig: Signature | None, make: Any,
                  name_of: Callable[[int], str]) -> Iterator[Diagnostic]:
    first, got = tuple(f.expected or ()), tuple(f.received or ())
    name = f.input or ""
    declared = sig.inputs[name].known_shape if sig is not None and name in sig.inputs else None
    wrap_hint = (f'"{name}": [value], as the signature declares {format_dims(declared)}; '
                 "`sigcheck validate --fix` does this")
    one_column = declared is not None and len(declared) == 2 and declared[1] == 1
    if len(got) == len(first) + 1 and got[0] == 1 and got[1:] == first:
        yield make("request.shape", "extra_batch_dimension",
                   f'{name_of(f.item)} of input "{name}" is wrapped in one more list than {name_of(0)}',
                   expected=f"shape {format_dims(first)} per instance", received=f"shape {format_dims(got)}",
                   hint=f"{name_of(0)} is the one that is wrong: wrap the bare value of {name_of(0)} (and any other "
                        f"bare one) in a list: {wrap_hint}" if first == () and one_column else
                        "drop the extra nesting: each instance must have the per-example shape "
                        "(the service adds the batch dimension itself)")
        return
    if {first, got} == {(), (1,)}:  # a bare value beside [value]: the declared shape says which is meant
        bare = name_of(f.item) if got == () else name_of(0)
        hint = (f"wrap the bare value of {bare} in a list: {wrap_hint}" if one_column else
                f'send "{name}" the same way in every instance: every value bare, or every value in a one-element '
                "list (the signature's shape says which)")
    else:
        hint = ("pad every instance to the same shape (and send the true lengths as another input), "
                "or send one instance per request")
    yield make("request.ragged", "ragged_instances",
               f'instances have different shapes for input "{name}": {name_of(0)} is {format_dims(first)}, '
               f"{name_of(f.item)} is {format_dims(got)}",
               expected=f"shape {format_dims(first)} (as {name_of(0)})", received=f"shape {format_dims(got)}",
               hint=hint)


def _type(f: Failure, inputs: Mapping[str, TensorSpec], make: Any) -> Iterator[Diagnostic]:
    dt = dtype_entry(str(f.expected))
    v = f.value
    name = f.input or (next(iter(inputs)) if len(inputs) == 1 else "")
    numeric = dt.json_kind in ("number", "integer")
    if numeric and isinstance(v, str) and _NUMBER_TEXT.match(v) and (
            dt.json_kind == "number" or v.strip() not in ("NaN", "Infinity", "-Infinity")):
        text = v.strip()
        whole = dt.json_kind != "integer" or re.fullmatch(r"[-+]?\d+", text) is not None
        hint = (f'send the number itself, not a string: {_unquoted(text)}, not {json_quote(v)} (JSON numbers have no '
                f'quotes; in Python, json.dumps a float or int, not str)')
        if not whole:
            hint += f'; "{name}" is {dt.tf_name}, so send a whole number'
        yield make("request.dtype", "bytes_sent_to_numeric_input",
                   f'input "{name}" expects {dt.tf_name} values, but got the number {text} in quotes (a JSON string)',
                   expected=_expect_leaf(dt.name), received=describe(v), hint=hint)
        return
    if numeric and (isinstance(v, str) or (isinstance(v, dict) and "b64" in v)):
        binary = isinstance(v, dict) or _looks_binary(v)
        hint = ("send the decoded values as nested lists of numbers with the signature's shape, or "
                'export a DT_STRING input that decodes the bytes in the graph and send {"b64": ...}')
        if not binary:
            hint = (f'send numbers for "{name}"; a text value (a category, a label) needs a DT_STRING input: '
                    "re-export the signature with a string input and map the text to numbers in the graph "
                    "(StringLookup)")
        yield make("request.dtype", "bytes_sent_to_numeric_input",
                   f'input "{name}" is numeric ({dt.tf_name}), but the request sends '
                   + ("base64/bytes" if isinstance(v, dict) else
                      "a string that looks like encoded bytes" if binary else "a string"),
                   expected=_expect_leaf(dt.name), received=describe(v), hint=hint)
        return
    if (dt.json_kind == "string" and name.endswith(BINARY_SUFFIX) and isinstance(v, (int, float))
            and not isinstance(v, bool)):
        # an input named *_bytes takes an encoded file (TF Serving's convention): numbers are decoded pixels
        yield make("request.dtype", "encoded_image_string_mismatch",
                   f'input "{name}" takes encoded bytes (a JPEG/PNG file: its name ends in {BINARY_SUFFIX}), but the '
                   f"request sends {describe(v)}: decoded pixel values",
                   expected='{"b64": "<base64 of the JPEG/PNG file>"} per instance', received=describe(v),
                   hint=f'encode the image (JPEG or PNG) and send {{"b64": "<standard base64 of the file>"}} for '
                        f'"{name}", one per instance (`sigcheck sample MODEL` writes one); to send pixel values, '
                        "call a signature with a float image input instead")
        return
    hint = f'send {REST_EXPECT.get(dt.json_kind or "", "a valid value")} for "{name}"'
    if v is None:  # (first: null is no string, number or boolean, and its fix is by dtype)
        hint = _null_hint(dt.name, dt.tf_name, name)
    elif dt.json_kind == "integer" and isinstance(v, float):
        hint = (f'send whole numbers without a decimal point for "{name}" (1, not 1.0), or re-export the signature '
                "with tf.float32 if fractions are meaningful")
    elif dt.json_kind == "integer" and isinstance(v, int) and not isinstance(v, bool):
        hint = f'the value is outside the {dt.tf_name} range TF Serving accepts for "{name}"'
    elif dt.json_kind == "boolean" and isinstance(v, (int, float)):
        hint = f'send true/false (not 0/1) for "{name}"'
    elif dt.json_kind == "boolean" and isinstance(v, str) and v in QUOTED_BOOLEANS:
        word = "true" if QUOTED_BOOLEANS[v] else "false"
        hint = (f'send the boolean itself, not a string: {word}, not {json_quote(v)} (JSON booleans have no quotes); '
                "`sigcheck validate --fix` unquotes them")
    elif dt.json_kind == "string" and not isinstance(v, str):
        hint = f'send strings for "{name}" (quote the values), or {{"b64": ...}} for binary data'
    yield make("request.dtype", "dtype_mismatch",
               f'input "{name}" expects {dt.tf_name} values, but got {describe(v)}',
               expected=_expect_leaf(dt.name), received=describe(v), hint=hint)


_NUMBER_TEXT = re.compile(r"\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*\Z|\s*(?:NaN|-?Infinity)\s*\Z")
"""A JSON string whose text is a number ("30", " 2.5", "1e3"; NaN/Infinity as TF Serving's tokens)."""
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?\Z")


def json_quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _unquoted(text: str) -> str:
    """The number ``text`` as a JSON number token (``+5`` → ``5``, ``.5`` → ``0.5``)."""
    if _JSON_NUMBER.match(text) or text in ("NaN", "Infinity", "-Infinity"):
        return text
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() and re.fullmatch(r"[-+]?\d+", text) else repr(value)


def _looks_binary(text: str) -> bool:
    """Long text, base64 text or control characters: encoded bytes rather than a value someone typed."""
    if len(text) > 64 or text.startswith("data:"):
        return True
    if _B64_TEXT.match(text):
        return True
    from .images import encoded_file_kind

    if encoded_file_kind(text) is not None:  # however short: "/9j/…" is a JPEG, "iVBOR…" a PNG
        return True
    return any(ord(c) < 32 and c not in "\t\r\n" for c in text)


def _null_hint(dtype_name: str, tf_name: str, name: str) -> str:
    """What to send instead of null, by dtype (TF Serving has no null; floats have the NaN token)."""
    if dtype_name in ("DT_FLOAT", "DT_DOUBLE"):
        return (f'replace null with a number for "{name}"; for a missing {tf_name} value TF Serving accepts the bare '
                "token NaN (not standard JSON: Python's json.dumps(float(\"nan\")) writes it; a front end that parses "
                "strict JSON, such as Vertex AI's, may refuse it), if the model handles NaN; `sigcheck validate "
                "REQUEST --model MODEL --fix --fix-null nan -o fixed.json` writes that copy")
    if dtype_name == "DT_STRING":
        return f'replace null with a string for "{name}" ("" for a missing value, if the model handles it)'
    if dtype_name == "DT_BOOL":
        return f'replace null with true or false for "{name}" (JSON null is not a {tf_name} value TF Serving accepts)'
    return (f'replace null with a value for "{name}": TF Serving has no missing-value marker for {tf_name} (no null, '
            "no NaN); send the value the model was trained to treat as missing (e.g. -1 or 0)")


def _b64_hint(value: Any) -> str:
    text = value.get("b64") if isinstance(value, dict) else None
    if isinstance(text, str):
        if text.startswith("data:"):
            return 'remove the "data:<mime>;base64," prefix: send only the base64 text'
        if "-" in text or "_" in text:
            return "use the standard alphabet (+ and /), not URL-safe base64 (- and _): base64.b64encode, not urlsafe_b64encode"
        if len(text.rstrip("=")) % 4 == 1:
            return "the base64 text is truncated (a single leftover character)"
        if re.search(r"=[^=\s]", text):
            return "padding (=) may appear only at the end: encode the whole payload once"
    return "encode with base64.b64encode(data).decode() (standard alphabet, no line breaks or prefixes)"


# ---------------------------------------------------------------------------------------------- accepted bodies

def _input_path(decoded: Decoded, name: str, single: bool) -> tuple:
    root = decoded.root if isinstance(decoded.root, dict) else {}
    if decoded.format == "row":
        inst = root.get("instances")
        if isinstance(inst, list) and inst and isinstance(inst[0], dict) and not (
                len(inst[0]) == 1 and "b64" in inst[0]):
            return ("instances", 0, name)
        return ("instances", 0)
    val = root.get("inputs")
    if isinstance(val, dict) and not (len(val) == 1 and "b64" in val):
        return ("inputs", name)
    return ("inputs",)


def _compatible(sent: Sequence[int], declared: Sequence[int]) -> bool:
    return len(sent) == len(declared) and all(d == -1 or d == s for s, d in zip(sent, declared))


PREDICT_CHECK = "check with `sigcheck predict REQUEST --model MODEL`"
PREDICT_RUN = "run this request through the model (`sigcheck predict REQUEST --model MODEL`); if it fails, "
PREDICT_BATCH = ", or check with `sigcheck predict` that the model takes a batch"
PREDICT_CARES = "; `sigcheck predict` shows whether this model cares"
PREDICT_ADVICE = (" (" + PREDICT_CHECK + ")", "; " + PREDICT_CHECK, PREDICT_RUN, PREDICT_BATCH, PREDICT_CARES)
"""Every way a finding's message or hint advises running ``sigcheck predict``: the findings are written from these
constants, and :func:`without_predict_advice` removes them where that advice is circular (``sigcheck predict``
showing the findings beside its own answer)."""


def without_predict_advice(f: Diagnostic) -> Diagnostic:
    """``f`` as ``sigcheck predict`` shows it: without the advice to run ``sigcheck predict``."""
    from dataclasses import replace

    def drop(text: str | None) -> str | None:
        if text is None:
            return None
        for advice in PREDICT_ADVICE:
            text = text.replace(advice, "")
        return text

    message, hint = drop(f.message), drop(f.hint)
    if message == f.message and hint == f.hint:
        return f
    return replace(f, message=message, hint=hint)


SHAPE_MAY_FAIL = ("TF Serving accepts it (it never compares fed shapes with the signature); the model may still fail: "
                  "ops that depend on the declared shape fail at run time, graphs that ignore it answer normally "
                  "(" + PREDICT_CHECK + ")")
"""What a declared-shape finding can honestly say: sigcheck reads signatures, it does not run the graph."""
RANK_MAY_FAIL = ("TF Serving accepts it; most models fail on a tensor of another rank (a Conv2D answers "
                 "\"input must be 4-dimensional\", a Dense layer a matmul shape error), element-wise graphs do not ("
                 + PREDICT_CHECK + ")")


def shape_findings(decoded: Decoded, sig: Signature, severity: Severity,
                   *, item_label: str = "instance", rank_severity: Severity | None = None,
                   skip: Collection[str] = ()) -> Iterator[Diagnostic]:
    """Declared shape vs sent shape.

    TF Serving never compares them, and neither does Session::Run: a mismatch fails only when some op of the graph
    depends on the declared shape (SPEC §9: ``saved_model_half_plus_two_tf2_cpu`` declares ``(1,)`` and answers a
    batch of 3).  Without TensorFlow that cannot be known, so these findings say "may", not "will"; ``severity``
    follows ``--shape-check`` (a warning by default, :data:`~sigcheck.validate.core.SHAPE_CHECK_DEFAULT`: TF
    Serving serves the request, so validate's verdict does too; ``error`` enforces the declared contract).  An input
    whose shape the signature does not record (TF 1.0 exports: shown as ``()``) is not compared.

    ``rank_severity`` (default: ``severity``) is the severity of a finding whose tensor has another RANK than the
    declaration (a missing or extra batch level, a bare value, a scalar given a batch): almost every model fails on
    it (a Conv2D answers "input must be 4-dimensional", a Dense layer a matmul error), so ``--shape-check rank``, the
    default, makes those errors and leaves same-rank size differences (a 16x16 image into a fully convolutional
    model, which answers it) as warnings.

    ``skip``: inputs not compared (the components of a RaggedTensor / SparseTensor argument, whose declared
    shapes are not per-example: :mod:`sigcheck.validate.composite` checks them).
    """
    rank_severity = severity if rank_severity is None else rank_severity
    single = len(sig.inputs) == 1
    for name in sorted(decoded.tensors):
        spec = sig.inputs.get(name)
        if spec is None or spec.known_shape is None or name in skip:
            continue
        declared = tuple(spec.known_shape)
        sent = tuple(decoded.tensors[name].shape)
        if _compatible(sent, declared):
            continue
        parts = _input_path(decoded, name, single)
        path = json_path(parts)
        row = decoded.format == "row"
        where = f'input "{name}"'
        if declared == () and row:
            yield Diagnostic("request.shape", rank_severity,
                             f"{where} is declared as a scalar (rank 0), but the row format adds a batch dimension: "
                             f"the model gets shape {format_dims(sent)}; TF Serving accepts it; ops that need a "
                             "scalar fail, element-wise graphs answer normally (saved_model_half_plus_three does; "
                             + PREDICT_CHECK + ")", category="scalar_input",
                             path=path, expected="shape () (a scalar)", received=f"shape {format_dims(sent)}",
                             hint=f'send it in the columnar format: {{"inputs": {{"{name}": <value>}}}}'
                                  + PREDICT_BATCH)
            continue
        k = len(sent) - len(declared)
        per_sent, per_decl = sent[1:], declared[1:]
        if k > 0 and all(d == 1 for d in sent[1:1 + k]) and _compatible(sent[:1] + sent[1 + k:], declared):
            where_rows = f"each {item_label} of {where}" if row else where
            yield Diagnostic(
                "request.shape", rank_severity,
                f"{where_rows} has {k} extra leading dimension{'s' if k > 1 else ''} of size 1: the model gets "
                f"{format_dims(sent)} but declares {format_dims(declared)}; {RANK_MAY_FAIL}",
                category="extra_batch_dimension", path=path,
                expected=f"shape {format_dims(per_decl)} per {item_label}" if row else f"shape {format_dims(declared)}",
                received=f"shape {format_dims(per_sent)} per {item_label}" if row else f"shape {format_dims(sent)}",
                hint=("drop the extra nesting: each instance must have the per-example shape "
                      f"{format_dims(per_decl)} (the service adds the batch dimension itself); "
                      "`sigcheck validate --fix` does this") if row else
                     "drop the extra nesting (np.squeeze / no second np.expand_dims); `sigcheck validate --fix` does this")
            continue
        value_mode = parts != (("instances", 0, name))
        if lacks_last_one(sent, declared):
            # (-1, 1) sent as [30, 40] (a Keras Input(shape=(1,)), e.g. a text model's string), (-1, 28, 28, 1) as
            # (n, 28, 28): each value wants a list of its own, in whatever form the request has
            bare = per_decl == (1,)
            said = (f"is a bare value in each {item_label}" if row else "holds bare values") if bare else \
                f"lacks the trailing axis of 1 (it sends {format_dims(sent)})"
            yield Diagnostic(
                "request.shape", rank_severity,
                f"{where} {said}, but the signature declares {format_dims(declared)}: the model gets shape "
                f"{format_dims(sent)}; {RANK_MAY_FAIL}",
                category="input_shape_mismatch", path=path,
                expected=(f"shape (1,) per {item_label}: [value]" if row else f"shape {format_dims(declared)}: "
                          "[[v1], [v2], ...]") if bare else f"shape {format_dims(declared)}",
                received=(f"shape () per {item_label}: value" if row else f"shape {format_dims(sent)}: [v1, v2, ...]")
                if bare else f"shape {format_dims(sent)}",
                hint=("wrap each value in a list (" + (f'"{name}": [value]' if row and not value_mode else "[value]")
                      + ")" if bare else "add the trailing axis of 1 (np.expand_dims(x, -1))")
                + "; `sigcheck validate --fix` does this")
            continue
        if k == -1 and _compatible(sent, declared[1:]) and (not row or value_mode):
            yield Diagnostic(
                "request.shape", rank_severity,
                f"{where} has no batch dimension: the request holds one example of shape {format_dims(sent)} "
                + ("spread over the instances list" if row else "") + f"; the signature declares "
                f"{format_dims(declared)}, so the model gets {format_dims(sent)}; {RANK_MAY_FAIL}",
                category="missing_batch_dimension", path=json_path(("instances",)) if row else path,
                expected=f"shape {format_dims(declared)}", received=f"shape {format_dims(sent)}",
                hint=('put one example per element of "instances": {"instances": [' + "<example>]}" if row else
                      "wrap the value in a list to add the batch dimension")
                + "; `sigcheck validate --fix` does this")
            continue
        if len(sent) == len(declared) and declared and declared[0] not in (-1, sent[0]) and _compatible(
                sent[1:], declared[1:]):
            yield Diagnostic(
                "request.shape", severity,
                f"{where} declares a fixed batch size of {declared[0]} (shape {format_dims(declared)}), but the "
                f"request sends {sent[0]}; TF Serving accepts it; the model fails only if an op depends on that size "
                f"(a reshape to [{declared[0]}, ...]); many graphs ignore the declared size "
                "(saved_model_half_plus_two_tf2_cpu declares (1,) and answers a batch of 3; " + PREDICT_CHECK + ")",
                category="fixed_batch_size_in_graph", path=path,
                expected=f"{declared[0]} instance(s) per request", received=f"{sent[0]}",
                hint=f"send {declared[0]} instance(s) per request to match the declaration, or re-export the model "
                     "with a None batch dimension" + PREDICT_CARES)
            continue
        yield Diagnostic(
            "request.shape", rank_severity if len(sent) != len(declared) else severity,
            f"{where} has shape {format_dims(per_sent if row else sent)} per {item_label if row else 'request'}, "
            f"but the signature declares {format_dims(per_decl if row else declared)}; "
            + (RANK_MAY_FAIL if len(sent) != len(declared) else SHAPE_MAY_FAIL),
            category="input_shape_mismatch", path=path,
            expected=f"shape {format_dims(per_decl if row else declared)}" + (f" per {item_label}" if row else ""),
            received=f"shape {format_dims(per_sent if row else sent)}" + (f" per {item_label}" if row else ""),
            hint="preprocess the input to the declared shape (resize, channel count, sequence length), "
                 "or check that the request matches this signature")


def output_batch_findings(decoded: Decoded, sig: Signature, severity: Severity, reshapes: Mapping[str, tuple[int, ...]],
                          *, skip: Collection[str] = ()) -> Iterator[Diagnostic]:
    """Outputs that declare a fixed batch size (``(1, 4)``) other than the batch the request sends to inputs declared
    with a free one (``(-1, 4)``), when the graph backs the declaration: the signature runs a ``Reshape`` to a
    constant shape of that first dimension (``reshapes``: :func:`sigcheck.model.graph.fixed_reshapes`), which fails
    on another batch when it reshapes the batched tensor.  A declaration alone is not enough: TF Serving's own
    ``saved_model_half_plus_two_mkl`` declares an output ``(1, 10, 10, 1)`` its graph does not hold to.
    ``severity`` as for an input's fixed batch size (a warning by default: the reshape may be of another tensor)."""
    sizes = {t.shape[0] for name, t in decoded.tensors.items()
             if name not in skip and t.shape and name in sig.inputs and sig.inputs[name].known_shape
             and sig.inputs[name].known_shape[0] == -1}
    if len(sizes) != 1 or not reshapes:
        return  # (no input with a free batch dimension, or inputs of several batch sizes: said elsewhere)
    (n,) = sizes
    if len({s.known_shape[0] for s in sig.outputs.values() if s.known_shape and s.known_shape[0] >= 1}) > 1:
        return  # (outputs declaring different fixed sizes: response_findings says so)
    for name, spec in sorted(sig.outputs.items()):
        declared = spec.known_shape
        if not declared or declared[0] < 1 or declared[0] == n:
            continue
        b = declared[0]
        where, shape = next(((w, r) for w, r in sorted(reshapes.items()) if r[0] == b), (None, None))
        if where is None:
            continue
        rows = f"{b} instance{'s' if b != 1 else ''}"
        yield Diagnostic(
            "request.shape", severity,
            f'output "{name}" declares a fixed batch size of {b} (shape {format_dims(tuple(declared))}) and the '
            f"graph reshapes to the constant shape {list(shape)} (Reshape {where}), but the request sends a batch "
            f"of {n}: if that reshape is of the batched tensor, it fails on {n} instances (TensorFlow: \"Input to "
            f'reshape is a tensor with … values, but the requested shape has …"); {PREDICT_CHECK}',
            category="fixed_batch_size_in_graph", path=f"$.signatures.{sig.key}.outputs.{name}",
            expected=f'{rows} per request (output "{name}" declares {b})', received=f"{n}",
            hint=f"send {rows} per request, or re-export the model without the fixed batch (tf.reshape(x, [-1, "
                 f'...]) and a None batch dimension on output "{name}")' + PREDICT_CARES)


def batch_findings(decoded: Decoded, severity: Severity, *, parts: Collection[str] = (),
                   composite_rows: Mapping[str, int] | None = None) -> Iterator[Diagnostic]:
    """Columnar inputs with different dim 0: TF Serving's JSON layer takes them (columnar inputs are independent),
    but a model that combines its inputs (Keras' Concatenate: ``ConcatOp : Dimension 0 in both shapes must be
    equal``) fails, as does TF Serving's batching (``--enable_batching``).  Like a rank change, a ``--shape-check``
    finding (a warning by default, as TF Serving serves it; ``gate --predict`` settles it by running).

    ``parts``: the components of RaggedTensor / SparseTensor arguments, not compared by their length; instead
    ``composite_rows`` (argument name → its rows: row_splits - 1, dense_shape[0]) is."""
    if decoded.format != "columnar" or len(decoded.tensors) < 2:
        return
    firsts = {n: t.shape[0] for n, t in decoded.tensors.items() if t.shape}
    if parts:
        firsts = {n: b for n, b in firsts.items() if n not in parts}
        firsts.update(composite_rows or {})
        if len(firsts) < 2:
            return
    if len(set(firsts.values())) > 1:
        yield Diagnostic("request.batch", severity,
                         "the inputs have different batch sizes: " + ", ".join(
                             f'"{n}" {b}' for n, b in sorted(firsts.items()))
                         + "; TF Serving accepts it, but a model that combines its inputs fails (Keras' "
                         "Concatenate: ConcatOp : Dimension 0 in both shapes must be equal), and so does batching ("
                         + PREDICT_CHECK + ")",
                         category="batch_size_mismatch_between_inputs", path="$.inputs",
                         expected="the same first dimension for every input",
                         received=", ".join(f"{b}" for _n, b in sorted(firsts.items())),
                         hint="give every input the same leading batch size")


_B64_TEXT = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}\Z")
_MAGIC = {b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF", b"RIFF": "WebP/RIFF", b"\n": "serialized proto"}


def note_findings(decoded: Decoded, sig: Signature,
                  decodes: Mapping[str, Sequence[str]] | None = None) -> Iterator[Diagnostic]:
    """What the codec noticed TF Serving accepts silently (narrowed ints, overflow, base64 as plain text).

    Each finding names the first such value of the input in TF Serving's order: its exact JSON path, the value
    sent and what the model gets instead (found in the parsed body; the codec notes only the input).
    ``decodes``: input → the decode ops the graph runs on it (:func:`sigcheck.model.feeds.decoded_inputs`); base64
    text sent plain to such an input carries the op's error as ``upstream`` (the op reads the text itself)."""
    seen: set[tuple[str, str]] = set()
    for parts, kind in decoded.notes:
        name = _name_from(parts, sig)
        if (name, kind) in seen:
            continue
        seen.add((name, kind))
        spec = sig.inputs.get(name)
        dt = dtype_entry(spec.dtype) if spec else None
        path = json_path(parts)
        if kind == "wrapped" and dt is not None:
            lo, hi = dt.natural_min, dt.natural_max
            found = first_leaf(decoded, name, lambda a: (a < lo) | (a > hi),
                               lambda v: type(v) is int and not lo <= v <= hi)
            if found is None:
                continue
            at, value, count = found
            becomes = narrowed(value, dt.numpy or "int64")
            yield Diagnostic(
                "request.dtype", ERROR,
                f'input "{name}" is {dt.tf_name}, and {_value_count(value, count)} outside {lo}..{hi}: TF Serving '
                f"accepts {'it' if count == 1 else 'them'} and C++ narrowing wraps {'it' if count == 1 else 'them'} "
                f"around ({value} becomes {becomes} in {dt.tf_name})",
                category="dtype_mismatch", path=json_path(at), expected=f"integers in {lo}..{hi}",
                received=f"{value} (the model gets {becomes})",
                hint=f"clip or rescale the values to the {dt.tf_name} range before sending")
        elif kind == "overflow":
            found = first_leaf(decoded, name, _overflows_float32, _overflows_float32_py)
            if found is None:
                continue
            at, value, count = found
            becomes = "-inf" if value < 0 else "inf"
            yield Diagnostic("request.dtype", WARNING,
                             f'input "{name}" is float32, and {_value_count(value, count)} beyond its range '
                             f"(|value| > 3.4e38): {value} becomes {becomes}",
                             category="dtype_mismatch", path=json_path(at), expected="|value| < 3.4e38",
                             received=f"{value} (the model gets {becomes})",
                             hint="rescale the values, or export the input as float64")
        elif kind == "int_precision":
            found = first_leaf(decoded, name, _inexact_in_float32, _inexact_in_float32_py)
            if found is None:
                continue
            at, value, count = found
            becomes = float32_of(value)
            yield Diagnostic("request.dtype", WARNING,
                             f'input "{name}" is float32, and {_value_count(value, count)} an integer above 2^24 that '
                             f"float32 cannot hold exactly ({value} becomes {becomes})", category="dtype_mismatch",
                             path=json_path(at), expected="integers up to 16777216, or a float64/int64 input",
                             received=f"{value} (the model gets {becomes})",
                             hint="send smaller numbers (ids as int64 inputs or strings), or export the input as "
                                  "float64 / int64")
        elif kind == "text" and name in decoded.tensors:
            yield from _b64_text(decoded, name, path, (decodes or {}).get(name, ()))


def _value_count(value: Any, count: int) -> str:
    return f"{value} is" if count == 1 else f"{count} values are (the first: {value})" if count > 1 else f"{value} is"


def narrowed(value: int, numpy_dtype: str) -> int:
    """What C++ narrowing makes of an integer (two's-complement wrap, as numpy's astype from int64)."""
    import numpy as np

    return int(np.array([value], dtype=np.int64).astype(numpy_dtype)[0])


def float32_of(value: Any) -> str:
    """``value`` as the float32 TF Serving stores (via the double rapidjson reads), written as JSON would."""
    import numpy as np

    with np.errstate(over="ignore"):
        f = float(np.float32(float(value)))
    if f != f or f in (float("inf"), float("-inf")):
        return "NaN" if f != f else ("inf" if f > 0 else "-inf")
    return str(int(f)) if f.is_integer() and abs(f) < 1e300 else repr(f)


_FLOAT32_MAX = 3.4028234663852886e38


def _overflows_float32(a: Any) -> Any:
    import numpy as np

    if a.dtype.kind not in "iuf":
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        v = a.astype(np.float64)
        return np.isfinite(v) & np.isinf(v.astype(np.float32))


def _overflows_float32_py(v: Any) -> bool:
    import math

    import numpy as np

    if type(v) not in (int, float):
        return False
    try:
        f = float(v)
    except OverflowError:
        return False
    if not math.isfinite(f):
        return False
    with np.errstate(over="ignore"):
        return bool(np.isinf(np.float32(f)))


def _inexact_in_float32(a: Any) -> Any:
    import numpy as np

    if a.dtype.kind not in "iu":
        return None  # floats among the values: which literals were integers is decided one by one
    big = np.abs(a.astype(np.float64)) > 2**24
    with np.errstate(over="ignore"):
        return big & (a.astype(np.float64).astype(np.float32).astype(np.float64) != a)


def _inexact_in_float32_py(v: Any) -> bool:
    import numpy as np

    if type(v) is not int or abs(v) <= 2**24:
        return False
    try:
        with np.errstate(over="ignore"):
            return float(np.float32(float(v))) != v
    except OverflowError:
        return False


def input_values(decoded: Decoded, name: str) -> list[tuple[tuple, Any]]:
    """(path, JSON value) of each part of the body that fills input ``name``, in TF Serving's order: each
    instance's value (row format) or the whole columnar value."""
    root = decoded.root if isinstance(decoded.root, dict) else {}
    if decoded.format == "row":
        inst = root.get("instances")
        if not isinstance(inst, list):
            return []
        if inst and isinstance(inst[0], dict) and not (len(inst[0]) == 1 and "b64" in inst[0]):
            return [(("instances", i, name), x[name]) for i, x in enumerate(inst)
                    if isinstance(x, dict) and name in x]
        return [(("instances", i), x) for i, x in enumerate(inst)]
    val = root.get("inputs")
    if isinstance(val, dict) and not (len(val) == 1 and "b64" in val):
        return [(("inputs", name), val[name])] if name in val else []
    return [(("inputs",), val)]


def first_leaf(decoded: Decoded, name: str, vector_test: Any, leaf_test: Any) -> tuple[tuple, Any, int] | None:
    """The first leaf of input ``name`` (TF Serving's order) that the tests pick: (its path, its JSON value, how
    many leaves of the input they pick), or None.

    ``vector_test(array)`` gives a boolean mask for a numpy array of the values (None: cannot tell from the
    array); ``leaf_test(value)`` decides one JSON leaf.  The accepted values of an input are one regular array,
    so numpy usually decides at once; otherwise the leaves are walked."""
    import numpy as np

    items = input_values(decoded, name)
    if not items:
        return None
    values = [v for _, v in items]
    try:
        a = np.asarray(values)
    except (ValueError, OverflowError, TypeError):
        a = None
    # an accepted numeric input holds no true/false (TF Serving rejects them), so numpy's numbers are the JSON's
    mask = vector_test(a) if a is not None and a.dtype.kind in "iuf" else None
    if mask is not None:
        flat = np.flatnonzero(mask)
        if not flat.size:
            return None
        index = np.unravel_index(int(flat[0]), a.shape)
        at = items[int(index[0])][0] + tuple(int(i) for i in index[1:])
        return at, value_at(decoded.root, at), int(flat.size)
    found: tuple[tuple, Any] | None = None
    count = 0
    for base, value in items:
        for at, leaf in _walk(value, base):
            if leaf_test(leaf):
                count += 1
                if found is None:
                    found = (at, leaf)
    return None if found is None else (found[0], found[1], count)


def _leaf_at(decoded: Decoded, name: str, index: int) -> tuple[tuple, Any, tuple[int, ...]] | None:
    """Where the value at flat ``index`` of input ``name``'s tensor was sent: (the path of the instance's value, or
    of the columnar value, that JSON value, the index of the leaf inside it), or None when it cannot be told."""
    import numpy as np

    tensor = decoded.tensors.get(name)
    items = input_values(decoded, name)
    if tensor is None or not items:
        return None
    shape = tuple(tensor.shape)
    if decoded.format == "row":
        if not shape or len(items) != shape[0]:
            return None
        per = int(np.prod(shape[1:])) if len(shape) > 1 else 1
        if per == 0:
            return None
        i, rest = divmod(index, per)
        inner = np.unravel_index(rest, shape[1:]) if len(shape) > 1 else ()
        return items[i][0], items[i][1], tuple(int(k) for k in inner)
    if len(items) != 1:
        return None
    inner = np.unravel_index(index, shape) if shape else ()
    return items[0][0], items[0][1], tuple(int(k) for k in inner)


def tensor_leaf_path(decoded: Decoded, name: str, index: int) -> str | None:
    """The JSON path of the value at flat ``index`` of input ``name``'s tensor (None when it cannot be told)."""
    at = _leaf_at(decoded, name, index)
    return None if at is None else json_path(at[0] + at[2])


def sent_as_text(decoded: Decoded, name: str, index: int) -> bool:
    """True when the value at flat ``index`` of DT_STRING input ``name`` was sent as a plain JSON string, not as
    ``{"b64": …}`` (True too when the parsed body cannot tell: a chunk checked without it)."""
    at = _leaf_at(decoded, name, index)
    if at is None:
        return True
    value = at[1]
    for k in at[2]:
        if not isinstance(value, list) or not 0 <= k < len(value):
            return True
        value = value[k]
    return not isinstance(value, dict)


def base64_text(raw: Any, name: str) -> tuple[str, str | None] | None:
    """(the text, the kind of data it decodes to or None) when the DT_STRING value ``raw`` (bytes) of input
    ``name`` is base64 text that ``request.base64`` reports when it is sent as a plain string: the base64 of binary
    data (a PNG, a JPEG …: an error; other bytes: a warning), or any base64 text for an input whose name ends in
    ``_bytes``; else None."""
    if not isinstance(raw, bytes):
        return None
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not _B64_TEXT.match(text):
        return None
    try:
        data = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = next((k for m, k in _MAGIC.items() if data.startswith(m)), None)
    binary = kind is not None or _is_binary(data)
    if not binary and not name.endswith(BINARY_SUFFIX):
        return None
    return text, kind


def _walk(value: Any, path: tuple) -> Iterator[tuple[tuple, Any]]:
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, path + (i,))
    else:
        yield path, value


def _name_from(parts: Sequence[Any], sig: Signature) -> str:
    for p in reversed(parts):
        if isinstance(p, str) and p in sig.inputs:
            return p
    return next(iter(sorted(sig.inputs)), "")


def _b64_text(decoded: Decoded, name: str, path: str, ops: Sequence[str] = ()) -> Iterator[Diagnostic]:
    """``request.base64`` for the first value of ``name`` sent as plain base64 text; ``ops``: the decode ops the
    graph runs on the input (their error on the text is then TF Serving's answer, ``upstream``)."""
    arr = decoded.tensors[name].array
    sample = arr.ravel()[:64].tolist()
    for index, raw in enumerate(sample):
        found = base64_text(raw, name)
        if found is None or not sent_as_text(decoded, name, index):  # ({"b64": …} of base64 text: encoded twice)
            continue
        text, kind = found
        what = f"base64 of {kind} data" if kind else "base64 text"
        yield Diagnostic(
            "request.base64", ERROR if kind else WARNING,
            f'input "{name}" gets a plain string that is {what}: TF Serving passes the base64 text itself to the '
            "model, not the decoded bytes",
            category="base64_encoding", path=tensor_leaf_path(decoded, name, index) or path,
            expected='{"b64": "<base64>"} for binary data',
            received=f'"{text[:24]}…" (a plain JSON string)',
            hint='wrap it: {"b64": "<the same text>"} so TF Serving decodes it; `sigcheck validate --fix` does this',
            upstream=_decode_error(raw, ops) if ops and kind else None)
        return


def _decode_error(data: bytes, ops: Sequence[str]) -> str | None:
    from .images import decode_error

    return decode_error(data, ops)


def _is_binary(data: bytes) -> bool:
    if not data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return sum(1 for b in data[:256] if b < 9 or 13 < b < 32) > 0


QUOTED_BOOLEANS = {"true": True, "false": False, "True": True, "False": False}
"""Strings that mean one boolean when sent to a DT_BOOL input (JSON's words, and Python's ``str(bool)``): validate's
hint names the boolean, ``--fix`` unquotes them."""


def duplicate_findings(decoded: Decoded) -> Iterator[Diagnostic]:
    for parts in decoded.duplicates:
        yield Diagnostic("request.duplicate_key", ERROR,
                         f'key "{parts[-1]}" appears twice in instance {parts[1]}: TF Serving accepts it, appends both '
                         "values and feeds the wrong ones to the model", category="instance_format",
                         path=json_path(parts), expected="each input once per instance", received="the key twice",
                         hint="send each input name once per instance")


def traced_shapes(info: Any) -> bool:
    """True when the signatures' declared shapes are the static shapes TensorFlow traced: a TF2 object graph
    (``tf.saved_model.save``, Keras ``model.export``) writes each signature's outputs from its concrete function's
    graph, so a run fed tensors of the declared input shapes answers outputs of the declared ranks (shape inference
    is sound).  False for a TF1 graph, whose SignatureDef may declare what the builder was told
    (``saved_model_half_plus_two_mkl`` declares an output ``(1, 10, 10, 1)`` its graph does not hold to), and for a
    contract (``inspect --json`` does not say)."""
    return bool(getattr(info, "tf2", None))


def row_requests_fit(sig: Signature) -> bool:
    """True when a row-format request can feed every input of ``sig`` with its declared rank: the row format gives
    each input a leading batch dimension, which a declared scalar input does not have."""
    return bool(sig.inputs) and all(s.known_shape is None or len(s.known_shape) >= 1 for s in sig.inputs.values())


def scalar_output_certain(info: Any, sig: Signature, decoded: Decoded | None = None) -> bool:
    """True when a rank-0 declared output of ``sig`` is certainly a scalar at run time, so every row-format request
    fails when TF Serving writes the answer (``Tensor name: y has no shape information``): the declared shapes are
    traced (:func:`traced_shapes`) and the inputs are fed with their declared shapes — those of ``decoded``, or,
    without a request, those any row-format request can send (:func:`row_requests_fit`).  A request that feeds
    another shape (a scalar input given a batch) may get outputs of another rank: an element-wise graph answers it."""
    if not traced_shapes(info):
        return False
    if decoded is None:
        return row_requests_fit(sig)
    fed = [(spec, decoded.tensors.get(name)) for name, spec in sig.inputs.items()]
    return all(t is not None and (spec.known_shape is None or _compatible(tuple(t.shape), spec.known_shape))
               for spec, t in fed)


SCALAR_OUTPUT_EXPORT = ("export the output with a batch dimension (one value per instance, e.g. a reduction over "
                        "the other axes only, or the batch's value repeated per instance)")
SCALAR_OUTPUT_FIX = ('send the request in the columnar format ({"inputs": ...}), whose answer writes each output '
                     "whole, or " + SCALAR_OUTPUT_EXPORT)
"""The fix for a scalar output (validate's finding and the gate's rule; :data:`SCALAR_OUTPUT_EXPORT` alone where
only the row format is sent)."""


def response_findings(decoded: Decoded, sig: Signature, *, certain: bool = False) -> Iterator[Diagnostic]:
    """Outputs TF Serving cannot write (SPEC §11): the request fails after the model ran.

    Outputs whose signature entry records no shape at all (TF 1.0 exports, shown as ``()``) are of unknown shape:
    nothing is said of them, as for unknown rank.  ``certain`` (:func:`scalar_output_certain`): a declared rank-0
    output is a scalar at run time, so a row-format request fails for sure: an error, as TF Serving answers 400;
    otherwise a warning that says "if".
    """
    if not decoded.accepted:
        return
    from ..codec.response import e31_no_shape, e32_batch, e33_dtype

    outputs = dict(sig.outputs)
    if not outputs:
        return
    for name, spec in sorted(outputs.items()):
        dt = dtype_entry(spec.dtype)
        if not dt.rest_readable and dt.name not in ("DT_INVALID",):
            yield Diagnostic("request.response", ERROR,
                             f'output "{name}" is {dt.tf_name}: TF Serving cannot write it as JSON, so every REST '
                             "predict call fails after the model ran", category="dtype_unsupported_half" if
                             dt.name in ("DT_HALF", "DT_BFLOAT16") else "wrong_api_or_input_format",
                             path=f"$.signatures.{sig.key}.outputs.{name}", expected="a REST-writable dtype",
                             received=dt.tf_name, upstream=e33_dtype(dt.tf_name),
                             hint="cast the output to float32 (or another REST dtype) in the serving function")
            return
    if decoded.format != "row":
        return
    # TF Serving checks the real output tensors when it writes a row-format answer (SPEC §11.1).  A declared rank 0
    # is the real one when the shapes are traced and the inputs fed as declared (``certain``): an error; otherwise
    # the declared shapes may be wrong (a graph can answer another shape than its signature declares), so these are
    # warnings that say "if".  A shape the signature does not record is unknown: nothing to say.
    for name, spec in sorted(outputs.items()):
        if spec.known_shape == () and certain:
            yield Diagnostic("request.response", ERROR,
                             f'output "{name}" is a scalar (rank 0, the shape TensorFlow traced for the inputs as '
                             "sent): TF Serving cannot split it per instance, so it answers 400 to every row-format "
                             '("instances") request after the model ran', category="output_batch_dimension",
                             path=f"$.signatures.{sig.key}.outputs.{name}",
                             expected="outputs with a batch dimension", received="shape ()",
                             upstream=e31_no_shape(name), hint=SCALAR_OUTPUT_FIX)
            return
        if spec.known_shape == ():
            yield Diagnostic("request.response", WARNING,
                             f'output "{name}" is declared as a scalar (rank 0): if the model really returns a '
                             'scalar, TF Serving cannot split it per instance and answers 400 to this row-format '
                             '("instances") request after the model ran (TF Serving checks the real output tensor, '
                             "not the declared shape; "
                             + PREDICT_CHECK + ")",
                             category="output_batch_dimension", path=f"$.signatures.{sig.key}.outputs.{name}",
                             expected="outputs with a batch dimension", received="shape ()",
                             upstream=e31_no_shape(name),
                             hint=PREDICT_RUN + 'use the columnar format ({"inputs": ...}), or export the output '
                                  "with a batch dimension")
            return
    known = {n: s.known_shape[0] for n, s in outputs.items() if s.known_shape and s.known_shape[0] >= 0}
    if len(set(known.values())) > 1:
        names = sorted(known)
        yield Diagnostic("request.response", WARNING,
                         "the outputs declare different batch sizes (" + ", ".join(
                             f'"{n}" {known[n]}' for n in names) + "): if the model really returns these sizes, TF "
                         'Serving cannot write a row-format ("instances") answer and answers 400 after the model ran '
                         "(it checks the real output tensors, not the declared shapes; " + PREDICT_CHECK + ")",
                         category="output_batch_dimension", path=f"$.signatures.{sig.key}.outputs",
                         expected="the same first dimension for every output",
                         received=", ".join(f"{known[n]}" for n in names),
                         upstream=e32_batch(names[1], known[names[1]], known[names[0]]),
                         hint=PREDICT_RUN + 'use the columnar format ({"inputs": ...}), or give every output the '
                              "batch dimension of the inputs")


def body_findings(decoded: Decoded, body: bytes, sig: Signature | None,
                  target: str = "tf-serving") -> Iterator[Diagnostic]:
    """What TF Serving ignores in the body: trailing content, a BOM, duplicate or unknown top-level keys."""
    root = decoded.root
    if not isinstance(root, dict):
        return
    from ..codec.rapidjson import DupObject

    if isinstance(root, DupObject):
        seen: set[str] = set()
        for k, _v in root.pairs:
            if k in seen and k in ("instances", "inputs", "signature_name"):
                yield Diagnostic("request.duplicate_key", WARNING,
                                 f'"{k}" appears twice at the top of the body: TF Serving uses the first, most other '
                                 "JSON parsers the last", category="instance_format", path=json_path((k,)),
                                 hint=f'send "{k}" once')
            seen.add(k)
    known = {"instances", "inputs", "signature_name", "parameters"}
    # Rejected for want of "instances"/"inputs": the rejection's one finding already names the misspelt key.
    # Vertex AI refuses unknown top-level keys: target_findings reports them as errors instead of this warning.
    no_key = decoded.failure is not None and decoded.failure.kind == "no_key"
    for k in root:
        if k in known or no_key or target == "vertex":
            continue
        close = did_you_mean(k, sorted(known))
        if close and close not in root:
            yield Diagnostic("request.body", WARNING,
                             f'TF Serving ignores the key "{k}"; did you mean "{close}"?', category="instance_format",
                             path=json_path((k,)), hint=f'rename "{k}" to "{close}"')
    if decoded.format == "columnar" and sig is not None:
        val = root.get("inputs")
        if isinstance(val, dict) and not (len(val) == 1 and "b64" in val):
            for k in val:
                if k not in sig.inputs:
                    close = did_you_mean(k, sorted(sig.inputs))
                    yield Diagnostic("request.keys", WARNING,
                                     f'TF Serving ignores "inputs.{k}": the signature has no such input'
                                     + (f'; did you mean "{close}"?' if close else ""),
                                     category="input_keys_mismatch", path=json_path(("inputs", k)),
                                     expected=f"keys {_names(sorted(sig.inputs))}", received=f'"{k}"',
                                     hint=f'rename it to "{close}"' if close else "remove it")
    if decoded.accepted:
        end = decoded.end
        if end is not None and body[end:].strip(b" \t\r\n\x00"):
            yield Diagnostic("request.json", WARNING,
                             "there is content after the JSON body: TF Serving ignores it, other parsers "
                             "(Vertex AI's front end, proxies, Python's json) reject the body",
                             category="json_parse_error", path="$", expected="nothing after the JSON value",
                             received=trailing_content(body, end),
                             hint="send exactly one JSON value")
        if body.startswith(b"\xef\xbb\xbf"):
            yield Diagnostic("request.json", INFO, "the body starts with a UTF-8 byte order mark; TF Serving skips it",
                             category="json_parse_error", path="$", hint="write the file without a BOM")


_NUMBER_TOKEN = re.compile(rb"(?<![\w\"])-?(?:NaN|Infinity|Inf)(?![\w\"])")


def number_token_findings(body: bytes, target: str) -> Iterator[Diagnostic]:
    """NaN/Infinity tokens: TF Serving reads them; Vertex AI / AI Platform front ends parse the body as JSON first."""
    if target == "tf-serving":
        return
    # every match holds "NaN" or "Inf": two substring searches (memchr-fast) spare the regex scan of clean bodies
    if (b"NaN" in body or b"Inf" in body) and _NUMBER_TOKEN.search(body):
        yield Diagnostic("request.json", WARNING,
                         "the body has NaN/Infinity tokens: TF Serving reads them, but they are not JSON and "
                         f"the {target} front end may reject the body before the model sees it",
                         category="json_parse_error", path="$", expected="finite JSON numbers",
                         received="NaN / Infinity", hint="replace non-finite values before sending")


def _signature_choice(body_name: str | None, flag: str | None, signatures: Sequence[str],
                      decoded: Decoded | None = None) -> Iterator[Diagnostic]:
    if flag and body_name and flag != body_name:
        yield Diagnostic("request.signature", WARNING,
                         f'--signature says "{flag}", the body says "signature_name": "{body_name}": TF Serving '
                         "follows the body, and so does this check", category="signature_not_found",
                         path="$.signature_name", expected=f'"{flag}"', received=f'"{body_name}"',
                         hint="drop one of them, or make them agree")
    elif flag and not body_name and flag != DEFAULT_SIGNATURE:
        if decoded is not None and not decoded.accepted:
            answer = f"and answers {decoded.http_status}"
        else:
            answer = f'and answers with {DEFAULT_SIGNATURE}\'s outputs'
        yield Diagnostic("request.signature", ERROR,
                         f'the body names no signature, so TF Serving calls "{DEFAULT_SIGNATURE}", not "{flag}", '
                         f'{answer}; the other findings check the body against "{flag}", as it reads once '
                         f'"signature_name": "{flag}" is added',
                         category="signature_not_found", path="$",
                         expected=f'"signature_name": "{flag}" in the body', received="no signature_name",
                         upstream=decoded.error if decoded is not None else None,
                         hint=f'add "signature_name": "{flag}" to the body (`sigcheck validate --fix` does this)')


# ---------------------------------------------------------------------------------------------- targets

VERTEX_BODY_FIELDS = ("instances", "parameters")
"""The fields of Vertex AI's PredictRequest a JSON body can carry (the endpoint is in the URL)."""
RAW_PREDICT = ("Vertex AI's rawPredict (`gcloud ai endpoints raw-predict`, `Endpoint.raw_predict()`), which passes "
               "the body as it is to the prebuilt container's TF Serving REST API (check it with --target tf-serving)")
"""Where ``--target vertex`` refuses what only the predict method's message lacks: the other method of the same
endpoint, with no redeploy (``--target vertex`` models ``endpoints.predict``)."""


def unknown_field(name: str) -> str:
    """The error form of Google APIs' REST layer for a JSON field the request message does not have."""
    return f'Invalid JSON payload received. Unknown name "{name}": Cannot find field.'


def target_findings(decoded: Decoded, target: str, signatures: Sequence[str]) -> Iterator[Diagnostic]:
    """What Vertex AI / AI Platform refuse before TF Serving sees the body (``target`` not ``tf-serving``).

    Vertex AI's predict API takes only ``{"instances": [...], "parameters": {...}}``: its REST layer refuses any
    other top-level field with Google's ``Unknown name "…": Cannot find field.`` error, and its prebuilt TensorFlow
    containers call ``serving_default``.  AI Platform (legacy) documents the body ``{"instances": [...]}`` and takes
    ``signature_name`` beside it.
    """
    root = decoded.root
    if target == "tf-serving" or not isinstance(root, dict):
        return
    vertex = target == "vertex"
    service = "Vertex AI" if vertex else "AI Platform"
    failure = decoded.failure
    if "inputs" in root and "instances" not in root:
        yield Diagnostic(
            "request.target", ERROR,
            f'{service}\'s predict API takes only "instances" (the row format): '
            + ('its REST layer refuses "inputs" before the model sees the body' if vertex else
               'its documented request body is {"instances": [...]}, with no columnar "inputs"'),
            category="instance_format", path="$.inputs",
            expected='{"instances": [...]}' + (' (and "parameters")' if vertex else ""),
            received='{"inputs": ...} (the columnar format)', upstream=unknown_field("inputs") if vertex else None,
            hint='send one element per example in "instances": {"instances": [{"<input>": <value>, ...}, ...]}; '
                 "`sigcheck validate --fix` converts columnar inputs that share one batch size"
                 + (f"; or send this body with {RAW_PREDICT}" if vertex else ""))
    name = root.get("signature_name")
    if "signature_name" in root and vertex:
        rejected_name = failure is not None and failure.kind == "signature_not_found"
        if isinstance(name, str) and name not in ("", DEFAULT_SIGNATURE):
            from ..schema.layout import default_signature_hint, target_signature_problem

            why = target_signature_problem(name, target) or ""
            yield Diagnostic(
                "request.target", ERROR,
                f'{why}; its REST layer refuses the "signature_name" key',
                category="signature_not_found", path="$.signature_name",
                expected=f'no "signature_name" (Vertex AI calls {DEFAULT_SIGNATURE})', received=f'"{name}"',
                upstream=unknown_field("signature_name"),
                hint=f"{default_signature_hint(name)}; or, with no redeploy, send this body with {RAW_PREDICT}"
                     + ("" if rejected_name else f' ("{name}" exists in the model: only predict cannot call it)'))
        else:
            yield Diagnostic(
                "request.target", ERROR,
                'Vertex AI\'s predict API has no "signature_name" field: its REST layer refuses the key (it calls '
                f"{DEFAULT_SIGNATURE} anyway)", category="instance_format", path="$.signature_name",
                expected='{"instances": [...], "parameters": {...}} only', received='"signature_name"',
                upstream=unknown_field("signature_name"),
                hint='remove "signature_name"; `sigcheck validate --fix` does this')
    if vertex:
        named = failure is not None and failure.kind == "no_key"  # the rejection already names a misspelt key
        for k in root:
            if k in VERTEX_BODY_FIELDS or k in ("inputs", "signature_name"):
                continue
            if named and did_you_mean(k, ["instances", "inputs"]):
                continue
            close = did_you_mean(k, list(VERTEX_BODY_FIELDS))
            yield Diagnostic(
                "request.target", ERROR,
                f'Vertex AI\'s REST layer refuses the unknown key "{k}": the predict body has only "instances" and '
                '"parameters"' + (f'; did you mean "{close}"?' if close and close not in root else ""),
                category="instance_format", path=json_path((k,)),
                expected='"instances" and "parameters" only', received=f'"{k}"', upstream=unknown_field(k),
                hint=(f'rename "{k}" to "{close}"' if close and close not in root else
                      f'remove "{k}" (model parameters go inside "parameters", per-example values inside each '
                      "instance)"))


def signature_choice(body_name: str | None, flag: str | None, signatures: Sequence[str],
                     target: str = "tf-serving", decoded: Decoded | None = None) -> Iterator[Diagnostic]:
    """--signature against the body's signature_name (TF Serving follows the body) and against the target.

    ``decoded``: TF Serving's answer to the body as sent (it calls ``serving_default`` when the body names none)."""
    if flag and not body_name and target == "vertex" and flag != DEFAULT_SIGNATURE:
        from ..schema.layout import default_signature_hint, target_signature_problem

        yield Diagnostic("request.signature", ERROR,
                         f"--signature {flag}: {target_signature_problem(flag, target)}, so this request cannot "
                         f'reach "{flag}" through Vertex AI', category="signature_not_found", path="$",
                         expected=f"signature {DEFAULT_SIGNATURE}", received=f'--signature "{flag}"',
                         hint=f"{default_signature_hint(flag)}; or, with no redeploy, add \"signature_name\": "
                              f"\"{flag}\" and send the body with {RAW_PREDICT} (or to TF Serving you run yourself)")
        return
    yield from _signature_choice(body_name, flag, signatures, decoded)
