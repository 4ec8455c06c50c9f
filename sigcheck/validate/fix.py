"""``validate --fix``: a repaired request, only where the repair is unambiguous.

Repairs: strip an extra batch level, add a missing one, wrap base64 text in ``{"b64": …}``, rename a key that is an
obvious typo of the one input it can be, wrap bare values of a ``(-1, 1)`` input in one-element lists, wrap a bare
instance or list in ``{"instances": …}``, turn named columns sent under ``instances`` into rows, add the
``signature_name`` of ``--signature``, convert JSON Lines ↔ body
(unwrapping lines written as request bodies), and for Vertex AI turn columnar ``inputs`` into ``instances`` and drop a
``signature_name`` of ``serving_default``.  Numbers sent in quotes to a numeric input are unquoted (``"46"`` → ``46``:
a string is never valid there, and a JSON number literal means one thing); with ``fix_null="nan"`` (opt-in), ``null``
sent to a float input becomes ``NaN`` (TF Serving's token for a missing float).  The repaired request is validated
again; the input is never touched.  :attr:`Repair.changes` lists each kind of repair once, with the inputs it touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..codec.dtypes import dtype as dtype_entry
from ..codec.shapes import dense_shape, lacks_last_one
from ..model.types import ModelInfo
from .core import DECLARED_SHAPE_CODES, ValidationResult, validate_request
from .paths import json_path


FIX_NULL = ("nan",)
"""``fix_null`` values: ``nan`` turns ``null`` sent to a float input into ``NaN``."""


@dataclass
class Repair:
    """A repaired request: its bytes, what changed, and the validation of the result."""

    body: bytes
    changes: list[str] = field(default_factory=list)
    """One line per kind of repair; a repair made to inputs names them once (``…: "age", "hours"``)."""
    result: ValidationResult | None = None

    @property
    def ok(self) -> bool:
        """The verdict on the repaired copy (what ``validate --fix`` exits with)."""
        return self.result is not None and self.result.ok


class Changes(list):
    """What a repair changed, in order: plain lines, and kinds of repair made to inputs (each kind one line naming
    every input it touched, however many times)."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, list[str]] = {}

    def append(self, text: str) -> None:  # type: ignore[override]
        if text not in self:
            super().append(text)

    def touched(self, kind: str, name: str) -> None:
        """Repair ``kind`` was made to input ``name``."""
        if kind not in self.inputs:
            self.inputs[kind] = []
            super().append(kind)
        if name not in self.inputs[kind]:
            self.inputs[kind].append(name)

    def lines(self) -> list[str]:
        return [f"{x} ({_names(self.inputs[x])})" if x in self.inputs else x for x in self]


SHOWN_NAMES = 12
"""A repair line names at most this many inputs (then "… and N more")."""


def _names(names: list[str]) -> str:
    label = "input" if len(names) == 1 else f"{len(names)} inputs"
    shown = names if len(names) <= SHOWN_NAMES else names[:SHOWN_NAMES - 2]
    more = f", … and {len(names) - len(shown)} more" if len(shown) < len(names) else ""
    return f"{label}: " + ", ".join(f'"{n}"' for n in shown) + more


def dumps(value: Any) -> bytes:
    """JSON as TF Serving reads it back: NaN/Infinity tokens kept, raw string bytes restored."""
    return json.dumps(value, allow_nan=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogateescape")


def repair(result: ValidationResult, info: ModelInfo, *, signature: str | None = None,
           jsonl_out: bool = False, lines: list[bytes] | None = None, fix_null: str | None = None) -> Repair | None:
    """The repaired request for ``result`` (None when nothing can be repaired without guessing).

    ``lines``: the instances of a JSON Lines input (their JSON text), converted to a body.  ``jsonl_out``:
    write one instance per line instead of a body.  ``fix_null="nan"``: ``null`` to a float input becomes ``NaN``.
    """
    if fix_null is not None and fix_null not in FIX_NULL:
        from ..errors import InputError

        raise InputError(f"unknown --fix-null {fix_null!r}", hint=f"use one of: {', '.join(FIX_NULL)}")
    from ..codec.nesting import MAX_TENSOR_RANK, nesting_depth

    deepest = max([nesting_depth(b) for b in [result.body or b"", *(lines or ())]])
    if deepest > MAX_TENSOR_RANK + 2:  # ({"instances": [ around the deepest tensor)
        from ..errors import InputError

        raise InputError(f"--fix: the request nests {deepest} levels deep; no tensor has more than "
                         f"{MAX_TENSOR_RANK} dimensions, so there is nothing to repair",
                         hint="drop --fix: validate alone says what TF Serving answers")
    changes = Changes()
    body = _repair_round(result, info, changes, signature=signature, jsonl_out=jsonl_out, lines=lines,
                         fix_null=fix_null)
    if body is None or not changes:
        return None
    fmt = "jsonl" if jsonl_out else "body"
    again = validate_request(body, info, signature=signature, target=result.target, format_in=fmt, source="fixed",
                             shape_check=result.shape_check)
    for _ in range(REPAIR_ROUNDS - 1):
        # a repair can uncover what TF Serving's first rejection hid (quoted numbers that are also bare values); a
        # declared-shape warning it uncovers is repaired too, though it does not fail the copy
        if again.ok and not any(f.code in DECLARED_SHAPE_CODES for f in again.findings):
            break
        more = _repair_round(again, info, changes, signature=signature, jsonl_out=jsonl_out,
                             lines=body.splitlines() if jsonl_out else None, fix_null=fix_null)
        if more is None or more == body:
            break
        body = more
        again = validate_request(body, info, signature=signature, target=result.target, format_in=fmt,
                                 source="fixed", shape_check=result.shape_check)
    return Repair(body=body, changes=changes.lines(), result=again)


REPAIR_ROUNDS = 3
"""Repairs are made again on the repaired copy (what it still has wrong) at most this many times in all."""


def _repair_round(result: ValidationResult, info: ModelInfo, changes: Changes, *, signature: str | None,
                  jsonl_out: bool, lines: list[bytes] | None, fix_null: str | None) -> bytes | None:
    """The request ``result`` was made from, with what its findings allow repaired (None: nothing to start from)."""
    root = _root_of(result, lines, changes, jsonl_out=jsonl_out)
    if root is None:
        return None
    sig_key = result.checked or result.signature
    sig = info.signatures.get(sig_key)
    if result.input_format == "jsonl" and sig is not None:
        _unwrap_lines(root, sig, changes)
    if not isinstance(root, dict) or not ({"instances", "inputs"} & set(root)):
        root = _wrap_body(root, sig, changes)
        if root is None:
            return None
    if sig is not None:
        for f in result.findings:
            if f.category == "extra_batch_dimension" and f.code == "request.shape" and "wrap the bare value" in (
                    f.hint or ""):  # the first instance is bare, the signature declares (-1, 1): it is the wrong one
                _wrap_values(root, f, sig, changes)
            elif f.category == "extra_batch_dimension" and f.code == "request.shape":
                _strip_levels(root, f, sig, changes)
            elif f.category == "missing_batch_dimension" and f.code == "request.shape":
                _add_level(root, f, changes)
            elif f.category == "base64_encoding" and f.code == "request.base64" and "plain string" in f.message:
                _wrap_b64(root, f, sig, changes)
            elif f.category == "input_keys_mismatch" and f.code == "request.keys":
                _rename_keys(root, sig, changes)
            elif f.category == "input_shape_mismatch" and f.code == "request.shape" and _lacks_last_one(
                    result, f, sig):  # (-1, 1) sent as bare values, in rows (keyed or not) or in columns
                _wrap_values(root, f, sig, changes)
            elif f.category == "ragged_instances" and "wrap the bare value" in (f.hint or ""):
                # some instances bare, some [value], the signature declaring (-1, 1): TF Serving refuses the mix
                _wrap_values(root, f, sig, changes)
            elif f.code == "request.target" and f.path == "$.inputs":
                _columnar_to_row(root, sig, changes)
            elif f.category == "instances_key_missing" and f.path == "$.instances" and "named columns" in f.message:
                _columns_to_rows(root, sig, changes)
            elif f.code == "request.target" and f.path == "$.signature_name" and f.category == "instance_format":
                root.pop("signature_name", None)
                changes.append('removed "signature_name" (Vertex AI\'s predict API has no such field)')
            elif f.category == "bytes_sent_to_numeric_input" and 'add "signature_name"' in (f.hint or ""):
                _to_image_signature(root, info, sig, result.target, changes)
        if isinstance(root, dict):
            _unquote_numbers(root, sig, changes)
            if fix_null == "nan":
                _null_to_nan(root, sig, changes)
    if (signature and isinstance(root, dict) and "signature_name" not in root and signature != "serving_default"
            and result.target != "vertex" and not jsonl_out):  # JSON Lines carry no signature_name
        root["signature_name"] = signature
        changes.append(f'added "signature_name": "{signature}"')
    if jsonl_out:
        instances = root.get("instances") if isinstance(root, dict) else None
        if not isinstance(instances, list):
            return None
        body = b"".join(dumps(x) + b"\n" for x in instances)  # every line ends with a newline, the last one too
        if result.input_format != "jsonl":
            n = len(instances)
            changes.append(f"wrote the {n} instance{'s' if n != 1 else ''} one per line (JSON Lines)")
    else:
        body = dumps(root)
    return body


def _root_of(result: ValidationResult, lines: list[bytes] | None, changes: Changes, *,
             jsonl_out: bool = False) -> Any:
    if result.input_format == "jsonl":
        if lines is None:
            return None
        from ..codec.rapidjson import JSONParseError, loads
        from .lines import as_sent

        try:  # (each line as the reader sends it: a key given twice keeps its last value, as gcloud's json reads it)
            instances = [loads(as_sent(x.strip())[0]) for x in lines if x.strip()]
        except JSONParseError:
            return None
        if not jsonl_out:
            n = len(instances)
            changes.append(f"converted the {n} JSON Lines instance{'s' if n != 1 else ''} to one body")
        if result.front_end is not None and result.front_end.reason == "blank_line":
            changes.append("left out the blank lines gcloud refuses")
        _drop_bom(result, changes)
        return {"instances": instances}
    if result.decoded.root is None or result.body is None:
        return None
    _drop_bom(result, changes)
    return fresh_root(result.decoded, result.body)


def _drop_bom(result: ValidationResult, changes: Changes) -> None:
    """A byte order mark at the start of the request (or of its lines) is not written again: say so."""
    if any(f.code == "request.json" and "byte order mark" in f.message for f in result.findings):
        changes.append("dropped the UTF-8 byte order mark (as gcloud does when it reads the file)")


def fresh_root(decoded: Any, body: bytes) -> Any:
    """A fresh copy of the parsed body to edit: re-read the way the validation read it."""
    if decoded.road == "fast":
        import orjson

        return orjson.loads(body)
    from ..codec.rapidjson import loads

    return loads(body)


def _wrap_body(root: Any, sig: Any, changes: Changes) -> Any:
    if isinstance(root, list):
        changes.append('wrapped the list in {"instances": ...}')
        return {"instances": root}
    if isinstance(root, dict) and sig is not None:
        keys = set(root) - {"signature_name", "parameters"}
        for k in list(root):
            if k in ("instance", "Instances", "INSTANCES", "input", "Inputs"):
                target = "instances" if k.lower().startswith("instance") else "inputs"
                root[target] = root.pop(k)
                changes.append(f'renamed "{k}" to "{target}"')
                return root
        if keys and keys <= set(sig.inputs):
            changes.append('wrapped the object in {"instances": [...]}')
            return {"instances": [root]}
    return None


def columnar_rows(value: Any, sig: Any) -> list[Any] | None:
    """The ``instances`` list for the columnar ``inputs`` value ``value``, or None when the conversion is not
    unambiguous (every input present, each a non-empty list with the same first dimension, none a scalar)."""
    names = sorted(sig.inputs)
    if isinstance(value, dict) and not (len(value) == 1 and "b64" in value):
        if set(value) != set(names):
            return None
        columns = [value[n] for n in names]
    elif len(names) == 1:
        columns = [value]
    else:
        return None
    if any(sig.inputs[n].known_shape == () for n in names):
        return None
    if not all(isinstance(c, list) and c for c in columns) or len({len(c) for c in columns}) != 1:
        return None
    if len(names) == 1:
        return list(columns[0])
    return [dict(zip(names, row)) for row in zip(*columns)]


def _columnar_to_row(root: dict, sig: Any, changes: Changes) -> None:
    rows = columnar_rows(root.get("inputs"), sig)
    if rows is None:
        return
    del root["inputs"]
    root["instances"] = rows
    changes.append(f'converted the columnar "inputs" to {len(rows)} row-format "instances"')


def _columns_to_rows(root: dict, sig: Any, changes: Changes) -> None:
    """Named columns sent under "instances" (the columnar form under the row format's key): the rows they hold, as
    TF Serving and Vertex AI both read them (when the conversion is unambiguous, :func:`columnar_rows`)."""
    rows = columnar_rows(root.get("instances"), sig)
    if rows is None:
        return
    root["instances"] = rows
    changes.append(f'turned the named columns under "instances" into {len(rows)} row-format instances')


def _unwrap_lines(root: Any, sig: Any, changes: Changes) -> None:
    """JSON Lines whose lines are request bodies ({"instances": [...]} or {"inputs": ...}): their instances.

    Also a mix of such lines and bare instances (a body appended to an instances file), when it is unambiguous: the
    instances inside the bodies have the bare lines' form (all objects keyed by the signature's inputs, or none an
    object).  A line shaped like a body whose instances cannot be read leaves every line as it is."""
    lines = root.get("instances") if isinstance(root, dict) else None
    if not isinstance(lines, list) or not lines or {"instances", "inputs"} & set(sig.inputs):
        return
    flat: list[Any] = []
    bare: list[Any] = []
    inner: list[Any] = []
    wrapped = 0
    for line in lines:
        if not isinstance(line, dict) or not ({"instances", "inputs"} & set(line)):
            flat.append(line)
            bare.append(line)
            continue
        if len(line) != 1:
            return
        if isinstance(line.get("instances"), list):
            rows = list(line["instances"])
        elif "inputs" in line:
            rows = columnar_rows(line["inputs"], sig)
            if rows is None:
                return
        else:
            return
        flat.extend(rows)
        inner.extend(rows)
        wrapped += 1
    if not wrapped:
        return
    if bare:
        names = set(sig.inputs)

        def keyed(x: Any) -> bool:
            return isinstance(x, dict) and bool(x) and set(x) <= names

        if not (all(map(keyed, bare)) and all(map(keyed, inner))) and (
                any(isinstance(x, dict) for x in bare) or any(isinstance(x, dict) for x in inner)):
            return  # objects and other values mixed: which form is meant is a guess
    root["instances"] = flat
    if bare:
        changes.append(f"unwrapped the {wrapped} request bod{'ies' if wrapped != 1 else 'y'} among the lines into "
                       f"{len(inner)} bare instance{'s' if len(inner) != 1 else ''} (the {len(bare)} line"
                       f"{'s' if len(bare) != 1 else ''} already bare left as {'they were' if len(bare) != 1 else 'it was'})")
    else:
        changes.append(f"unwrapped the {len(lines)} request bodies of the lines into {len(flat)} bare instances")


def _input_values(root: dict, name: str) -> list[tuple[Any, Any]]:
    """(container, key) pairs holding the value of input ``name`` in every instance / in ``inputs``."""
    out: list[tuple[Any, Any]] = []
    inst = root.get("instances")
    if isinstance(inst, list):
        if inst and isinstance(inst[0], dict) and not (len(inst[0]) == 1 and "b64" in inst[0]):
            out.extend((item, name) for item in inst if isinstance(item, dict) and name in item)
        else:
            out.extend((inst, i) for i in range(len(inst)))
        return out
    val = root.get("inputs")
    if isinstance(val, dict) and not (len(val) == 1 and "b64" in val):
        if name in val:
            out.append((val, name))
    elif val is not None:
        out.append((root, "inputs"))
    return out


def _name_of(f: Any, sig: Any) -> str | None:
    names = [n for n in sig.inputs if f'"{n}"' in f.message]
    return names[0] if len(names) == 1 else (next(iter(sig.inputs)) if len(sig.inputs) == 1 else None)


def _strip_levels(root: dict, f: Any, sig: Any, changes: Changes) -> None:
    name = _name_of(f, sig)
    if name is None:
        return
    declared = sig.inputs[name].known_shape
    if declared is None:
        return
    row = "instances" in root
    want = len(declared) - (1 if row else 0)
    slots = _input_values(root, name)
    stripped = 0
    for holder, key in slots:
        v = holder[key]
        while isinstance(v, list) and len(v) == 1 and _rank(v) > want:
            v = v[0]
        if _rank(v) == want and v is not holder[key]:  # (a value already at that rank is not a repair)
            holder[key] = v
            stripped += 1
    if stripped:
        changes.touched("removed the extra batch level" + (" from each instance" if row else ""), name)


def _rank(v: Any) -> int:
    return len(dense_shape(v))


def _add_level(root: dict, f: Any, changes: Changes) -> None:
    if "instances" in root and isinstance(root["instances"], list):
        root["instances"] = [root["instances"]]
        changes.append("wrapped the instances list once more: one example per instance")
        return
    val = root.get("inputs")
    if isinstance(val, dict):
        for k in list(val):
            if f.path == json_path(("inputs", k)):
                val[k] = [val[k]]
                changes.touched('wrapped in a list (a batch of one) in "inputs"', k)
    elif val is not None:
        root["inputs"] = [val]
        changes.append('wrapped "inputs" in a list (batch of one)')


def _wrap_b64(root: dict, f: Any, sig: Any, changes: Changes) -> None:
    name = _name_of(f, sig)
    if name is None:
        return
    count = 0

    def wrap(v: Any) -> Any:
        nonlocal count
        if isinstance(v, str):
            count += 1
            return {"b64": v}
        if isinstance(v, list):
            return [wrap(x) for x in v]
        return v

    for holder, key in _input_values(root, name):
        holder[key] = wrap(holder[key])
    if count:
        changes.touched('wrapped base64 strings in {"b64": ...}', name)


def _rename_keys(root: dict, sig: Any, changes: Changes) -> None:
    from .checks import did_you_mean

    inst = root.get("instances")
    if not isinstance(inst, list) or not inst or not isinstance(inst[0], dict):
        return
    names = set(sig.inputs)
    keys = set().union(*(set(x) for x in inst if isinstance(x, dict)))
    extra = sorted(keys - names)
    missing = sorted(names - keys)
    mapping: dict[str, str] = {}
    for k in extra:
        close = did_you_mean(k, missing)
        if close and close not in mapping.values():
            mapping[k] = close
    if not mapping or len(mapping) != len(extra):
        return
    for item in inst:
        if isinstance(item, dict):
            for old, new in mapping.items():
                if old in item and new not in item:
                    item[new] = item.pop(old)
    changes.append("renamed " + ", ".join(f'"{a}" to "{b}"' for a, b in sorted(mapping.items())))


def _lacks_last_one(result: ValidationResult, f: Any, sig: Any) -> bool:
    """Finding ``f`` is about an input whose decoded tensor lacks the trailing axis of 1 its signature declares."""
    name = _name_of(f, sig)
    tensor = result.decoded.tensors.get(name) if name is not None else None
    return tensor is not None and lacks_last_one(tuple(tensor.shape), sig.inputs[name].known_shape)


def _wrap_values(root: dict, f: Any, sig: Any, changes: Changes) -> None:
    """Each bare value of an input declared with a trailing axis of 1 (``(-1, 1)``), as the one-element list the
    signature declares: each instance's value in rows (a value already a list is left: the mixed forms), each
    innermost value of the column in the columnar format."""
    name = _name_of(f, sig)
    if name is None:
        return
    declared = sig.inputs[name].known_shape
    if not declared:
        return
    depth = len(declared) - (2 if "instances" in root else 1)  # the level the bare values sit at
    count = 0

    def wrap(v: Any, level: int) -> Any:
        nonlocal count
        if level == 0:
            if isinstance(v, list):
                return v
            count += 1
            return [v]
        return [wrap(x, level - 1) for x in v] if isinstance(v, list) else v

    for holder, key in _input_values(root, name):
        holder[key] = wrap(holder[key], depth)
    if count:
        changes.touched("wrapped bare values in one-element lists", name)


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_JSON_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _unquote(value: Any, kind: str, lo: int | None, hi: int | None) -> tuple[Any, int]:
    """``value`` with every string that is a JSON number literal of ``kind`` (``number`` / ``integer`` in
    ``lo``…``hi``) replaced by the number, or for ``boolean`` a boolean word, and how many were."""
    if isinstance(value, list):
        total = 0
        out = []
        for x in value:
            y, n = _unquote(x, kind, lo, hi)
            out.append(y)
            total += n
        return out, total
    if not isinstance(value, str):
        return value, 0
    if kind == "boolean":
        from .checks import QUOTED_BOOLEANS

        return (QUOTED_BOOLEANS[value], 1) if value in QUOTED_BOOLEANS else (value, 0)
    if kind == "integer":
        if not _JSON_INTEGER.fullmatch(value):
            return value, 0
        number: Any = int(value)
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            return value, 0
        return number, 1
    if not _JSON_NUMBER.fullmatch(value):
        return value, 0
    number = int(value) if _JSON_INTEGER.fullmatch(value) else float(value)
    if isinstance(number, float) and number in (float("inf"), float("-inf")):
        return value, 0  # beyond a double: no number to write
    return number, 1


def _unquote_numbers(root: dict, sig: Any, changes: Changes) -> None:
    """Numbers sent in quotes to numeric inputs (``"46"`` → ``46``), booleans to a DT_BOOL input (``"true"`` →
    ``true``, :data:`~sigcheck.validate.checks.QUOTED_BOOLEANS`): TF Serving takes no string there, and a JSON
    number literal (an integer literal in range, for an integer input) or a boolean word means one thing."""
    for name, spec in sorted(sig.inputs.items()):
        entry = dtype_entry(spec.dtype)
        if entry.json_kind not in ("number", "integer", "boolean"):
            continue
        count = 0
        for holder, key in _input_values(root, name):
            holder[key], n = _unquote(holder[key], entry.json_kind, entry.minimum, entry.maximum)
            count += n
        if count and entry.json_kind == "boolean":
            changes.touched('unquoted booleans sent as strings ("true" → true)', name)
        elif count:
            changes.touched('unquoted numbers sent as strings ("46" → 46)', name)


def _to_nan(value: Any) -> tuple[Any, int]:
    if isinstance(value, list):
        total = 0
        out = []
        for x in value:
            y, n = _to_nan(x)
            out.append(y)
            total += n
        return out, total
    return (float("nan"), 1) if value is None else (value, 0)


def _null_to_nan(root: dict, sig: Any, changes: Changes) -> None:
    """``null`` sent to a float input becomes ``NaN`` (``--fix-null nan``; TF Serving reads the bare token)."""
    for name, spec in sorted(sig.inputs.items()):
        if spec.dtype not in ("DT_FLOAT", "DT_DOUBLE"):
            continue
        count = 0
        for holder, key in _input_values(root, name):
            holder[key], n = _to_nan(holder[key])
            count += n
        if count:
            changes.touched("null → NaN (a missing float value)", name)


def _to_image_signature(root: Any, info: ModelInfo, sig: Any, target: str, changes: Changes) -> None:
    """``{"b64": …}`` sent to a float signature of a model whose other signature takes the encoded image: call that
    one (``"signature_name"``; a lone instance key renamed to its input).  Not for Vertex AI (no signature_name)."""
    from .images import image_signature

    if target == "vertex" or not isinstance(root, dict) or "signature_name" in root:
        return
    other = image_signature(info, sig.key)
    if other is None:
        return
    key, spec = other
    target_sig = info.signatures[key]
    inst = root.get("instances")
    if isinstance(inst, list) and inst and all(isinstance(x, dict) and len(x) == 1 and "b64" not in x for x in inst):
        if len(target_sig.inputs) != 1 or len({next(iter(x)) for x in inst}) != 1:
            return
        old = next(iter(inst[0]))
        if old != spec.name:
            root["instances"] = [{spec.name: x[old]} for x in inst]
            changes.append(f'renamed "{old}" to "{spec.name}" (the input of signature "{key}")')
    root["signature_name"] = key
    changes.append(f'added "signature_name": "{key}" (signature "{key}" takes the encoded image)')
