"""Request JSON → the input tensors TF Serving would build, or the exact error it would answer (SPEC §1–§10, §18).

:func:`decode_request` is the one entry point.  It follows TF Serving's REST predict path step by step
(``ParseJson``, ``FillSignature``, signature lookup, ``FillTensorMapFromInstancesList`` /
``FillTensorMapFromInputsMap``, ``FillTensorProto``, ``AddValueToTensor``) and reproduces its messages, status
codes and HTTP statuses.  Declared shapes are not checked here, because TF Serving does not check them; that is
:mod:`sigcheck.validate`'s job.

Two roads, one result:

* the faithful road parses with :mod:`sigcheck.codec.rapidjson` (a port of rapidjson v1.1.0) and converts in
  Python;
* the fast road parses with orjson and converts whole arrays with numpy.  It is taken only when the result is
  provably the same (see :mod:`sigcheck.codec.fastpath`); otherwise, and whenever the fast road would print a
  double inside an error message, the faithful road decides.

Where TF Serving's behaviour depends on protobuf ``Map`` iteration order (which input a columnar error names,
which input a lone row value feeds when there are several), sigcheck uses sorted input names.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

import numpy as np

from . import messages as msg
from .b64 import unescape as b64_unescape
from .debugstring import debug_string
from .dtypes import INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, UINT32_MAX, DType
from .dtypes import dtype as dtype_entry
from .rapidjson import JSONParseError, member_count, members
from .response import http_status

ROW = "row"
COLUMNAR = "columnar"
DEFAULT_SIGNATURE = "serving_default"
MAX_RANK = 254
"""TF's TensorShape holds at most 254 dimensions: a deeper tensor converts, then fails ``tensor parsing error``."""


@dataclass(frozen=True, slots=True)
class Tensor:
    """One tensor TF Serving would feed: signature dtype, shape, values (object array of bytes for strings)."""

    dtype: str
    shape: tuple[int, ...]
    array: np.ndarray


@dataclass(frozen=True, slots=True)
class Failure:
    """Where and why the conversion stopped, for the diagnostics built on top of the verbatim message.

    ``kind`` is one of: ``empty``, ``parse``, ``not_object``, ``signature_name_type``, ``signature_not_found``,
    ``no_inputs``, ``both_keys``, ``no_key``, ``instances_not_list``, ``instances_empty``, ``plain_list``,
    ``expect_object``, ``expect_value``, ``unknown_input``, ``keys_mismatch``, ``size``, ``shape``, ``level``,
    ``list_level``, ``ragged``, ``type``, ``b64_format``, ``b64_decode``, ``unsupported``, ``plain_value``,
    ``missing_input``, ``rank``, ``input_size``.
    """

    kind: str
    path: tuple[str | int, ...] = ()
    """JSON path of the offending value, as keys and indices from the root."""
    item: int | None = None
    input: str | None = None
    offset: int | None = None
    """Byte offset of a parse error."""
    value: Any = None
    """The offending JSON value (parsed), when there is one."""
    expected: Any = None
    received: Any = None


@dataclass(frozen=True)
class Decoded:
    """What TF Serving does with a request body."""

    accepted: bool
    http_status: int
    error: str | None
    status_code: str | None
    format: str | None
    signature_name: str
    tensors: dict[str, Tensor] = field(default_factory=dict)
    failure: Failure | None = None
    root: Any = field(default=None, repr=False, compare=False)
    """The parsed body (None when it did not parse)."""
    duplicates: tuple[tuple[str | int, ...], ...] = ()
    """Paths of keys that occur twice in one row object: accepted, but TF Serving appends both values."""
    road: str = "faithful"
    """``fast`` when orjson + numpy decided, ``faithful`` when the rapidjson port did, ``dense`` when simdjson
    did (``decode_request(…, need_body=False)`` only; then ``root`` is None)."""
    end: int | None = None
    """Offset just after the JSON value TF Serving read (None: the whole body, as on the fast road, which only
    takes bodies with nothing after the value).  TF Serving ignores what follows."""
    notes: tuple[tuple[tuple[str | int, ...], str], ...] = ()
    """Things TF Serving accepts silently, as (path of the value, kind): ``wrapped`` (an integer outside an
    int8/int16/uint8 range, narrowed by C++), ``overflow`` (a finite number that becomes ±inf in float32),
    ``int_precision`` (an integer literal that float32 cannot hold exactly), ``text`` (plain JSON strings, not
    ``{"b64": …}``, in a DT_STRING value)."""

    @property
    def input_names(self) -> list[str]:
        return sorted(self.tensors)


class _Reject(Exception):
    """A conversion error: TF Serving's status code and message, plus where it happened."""

    def __init__(self, code: str, message: str, failure: Failure) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.failure = failure


# ---------------------------------------------------------------------------------------------- JSON helpers

def json_type(v: Any) -> str:
    """rapidjson's type name as ``JsonTypeString`` prints it."""
    if v is None:
        return "Null"
    if v is True:
        return "True"
    if v is False:
        return "False"
    if isinstance(v, dict):
        return "Object"
    if isinstance(v, list):
        return "Array"
    if isinstance(v, str):
        return "String"
    return "Number"


def is_b64_object(v: Any) -> bool:
    """``IsValBase64Object``: an object with exactly one member, ``b64``, whose value is a string."""
    return isinstance(v, dict) and member_count(v) == 1 and isinstance(v.get("b64"), str)


def is_plain_object(v: Any) -> bool:
    return isinstance(v, dict) and not is_b64_object(v)


class _Printer:
    """``debug_string`` that remembers whether a double was printed (the fast road must then hand over)."""

    def __init__(self) -> None:
        self.printed_double = False

    def __call__(self, v: Any) -> str:
        if not self.printed_double and _has_double(v):
            self.printed_double = True
        return debug_string(v)


def _has_double(v: Any) -> bool:
    """True when the first 256 bytes' worth of ``v`` may hold a double (conservative, cheap)."""
    stack = [v]
    seen = 0
    while stack and seen < 300:
        x = stack.pop()
        seen += 1
        t = type(x)
        if t is float:
            return True
        if t is list:
            stack.extend(x[:300])
        elif isinstance(x, dict):
            stack.extend(val for _k, val in members(x))
    return bool(stack)


# ---------------------------------------------------------------------------------------------- leaf rules

def _leaf_checker(dt: DType) -> Callable[[Any], Any] | None:
    """A function that converts an accepted leaf, or returns _BAD; None for dtypes REST cannot carry."""
    name = dt.name
    if name in ("DT_FLOAT", "DT_DOUBLE"):
        def f(x: Any) -> Any:
            t = type(x)
            return x if t is float else float(x) if t is int else _BAD
        return f
    if dt.json_kind == "integer":
        lo, hi = {"int_val": (INT32_MIN, INT32_MAX), "int64_val": (INT64_MIN, INT64_MAX),
                  "uint32_val": (0, UINT32_MAX), "uint64_val": (0, 2**64 - 1)}[dt.proto_field or "int_val"]

        def f(x: Any) -> Any:
            return x if type(x) is int and lo <= x <= hi else _BAD
        return f
    if name == "DT_BOOL":
        def f(x: Any) -> Any:
            return x if type(x) is bool else _BAD
        return f
    if name == "DT_STRING":
        def f(x: Any) -> Any:
            return x.encode("utf-8", "surrogateescape") if type(x) is str else _BAD
        return f
    return None


_BAD = object()


class _Converter:
    """``FillTensorProto`` for one JSON value and one dtype (faithful, in Python)."""

    def __init__(self, printer: _Printer) -> None:
        self.dbg = printer
        self._checkers: dict[str, Callable[[Any], Any] | None] = {}
        self.flags: set[str] = set()
        """What the last fill() saw that TF Serving accepts silently: ``text``, ``int_precision``."""

    def checker(self, dt: DType) -> Callable[[Any], Any] | None:
        if dt.name not in self._checkers:
            self._checkers[dt.name] = _leaf_checker(dt)
        return self._checkers[dt.name]

    def leaf(self, v: Any, dt: DType, path: tuple) -> Any:
        if isinstance(v, dict):
            if dt.name == "DT_STRING":
                if not is_b64_object(v):
                    raise _Reject(msg.INVALID_ARGUMENT, msg.e26_b64_format(self.dbg(v)),
                                  Failure("b64_format", path, value=v))
                decoded = b64_unescape(v["b64"].encode("utf-8", "surrogateescape"))
                if decoded is None:
                    raise _Reject(msg.INVALID_ARGUMENT, msg.E27_BASE64, Failure("b64_decode", path, value=v))
                return decoded
            raise _Reject(msg.INVALID_ARGUMENT, msg.e25_type(self.dbg(v), "Object", dt.tf_name),
                          Failure("type", path, value=v, expected=dt.name))
        check = self.checker(dt)
        if check is None:
            raise _Reject(msg.UNIMPLEMENTED, msg.e28_unsupported(self.dbg(v), dt.tf_name),
                          Failure("unsupported", path, value=v, expected=dt.name))
        if type(v) is str:
            self.flags.add("text")
        elif type(v) is int and dt.name == "DT_FLOAT" and abs(v) > 2**24 and float(np.float32(v)) != v:
            self.flags.add("int_precision")
        out = check(v)
        if out is _BAD:
            raise _Reject(msg.INVALID_ARGUMENT, msg.e25_type(self.dbg(v), json_type(v), dt.tf_name),
                          Failure("type", path, value=v, expected=dt.name))
        return out

    def fill(self, val: Any, dt: DType, path: tuple) -> tuple[list[int], list[Any]]:
        """Shape (``GetDenseTensorShape``) and row-major values; raises _Reject as TF Serving fails."""
        shape: list[int] = []
        v = val
        while type(v) is list:
            shape.append(len(v))
            if not v:
                break
            v = v[0]
        rank = len(shape)
        out: list[Any] = []
        self.flags = set()
        if rank == 0:
            out.append(self.leaf(val, dt, path))
            return shape, out
        # iterative depth-first walk: frames of (list, level, next index)
        stack: list[list[Any]] = [[val, 0, 0]]
        idx: list[int] = []
        check = self.checker(dt) if dt.name != "DT_STRING" else None
        while stack:
            frame = stack[-1]
            lst, level, i = frame
            if level == rank - 1 and i == 0 and check is not None:
                # innermost list: every element must be an accepted scalar leaf
                conv = [check(x) for x in lst]
                if _BAD not in conv:
                    if dt.name == "DT_FLOAT" and any(type(x) is int and abs(x) > 2**24 for x in lst):
                        if any(type(x) is int and float(np.float32(x)) != x for x in lst):
                            self.flags.add("int_precision")
                    out.extend(conv)
                    stack.pop()
                    if idx:
                        idx.pop()
                    continue
            if i >= len(lst):
                stack.pop()
                if idx:
                    idx.pop()
                continue
            frame[2] = i + 1
            x = lst[i]
            # the path is built only where it is used (a leaf, a failure): building it for every list made the
            # walk quadratic in the nesting depth
            if type(x) is list:
                if level + 1 >= rank:
                    raise _Reject(msg.INVALID_ARGUMENT, msg.e23_list_level(level + 1, rank),
                                  Failure("list_level", path + tuple(idx) + (i,), value=x, expected=rank))
                if len(x) != shape[level + 1]:
                    raise _Reject(msg.INVALID_ARGUMENT, msg.e24_ragged(len(x), level + 1, shape[level + 1]),
                                  Failure("ragged", path + tuple(idx) + (i,), value=x, expected=shape[level + 1],
                                          received=len(x)))
                stack.append([x, level + 1, 0])
                idx.append(i)
            else:
                here = path + tuple(idx) + (i,)
                if level + 1 != rank:
                    raise _Reject(msg.INVALID_ARGUMENT, msg.e22_level(self.dbg(x), level + 1, rank),
                                  Failure("level", here, value=x, expected=rank, received=level + 1))
                out.append(self.leaf(x, dt, here))
        return shape, out


NUMPY_MAX_RANK = 64


def shaped(a: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``a`` reshaped to ``shape``; flat when the rank exceeds numpy's limit of 64 (TF allows 254)."""
    return a.reshape(shape) if len(shape) <= NUMPY_MAX_RANK else a.reshape(-1)


def _array(values: list[Any], shape: tuple[int, ...], dt: DType) -> np.ndarray:
    """The numpy array TF would hold for these (already accepted) values."""
    if dt.name == "DT_STRING":
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        return shaped(arr, shape)
    if dt.name in ("DT_FLOAT", "DT_DOUBLE"):
        a = np.array(values, dtype=np.float64)
        if dt.name == "DT_FLOAT":
            with np.errstate(over="ignore"):
                a = a.astype(np.float32)
        return shaped(a, shape)
    if dt.name == "DT_BOOL":
        return shaped(np.array(values, dtype=bool), shape)
    if dt.json_kind == "integer":
        if dt.name == "DT_UINT64":
            return shaped(np.array(values, dtype=np.uint64), shape)
        a = np.array(values, dtype=np.int64)
        return shaped(a.astype(dt.numpy), shape)  # int8/int16/uint8 wrap like TF's C++ narrowing
    # a dtype REST cannot carry, reached with no leaf at all (e.g. {"inputs": []} for DT_HALF)
    try:
        return shaped(np.empty(math.prod(shape), dtype=dt.numpy or object), shape)
    except TypeError:
        return shaped(np.empty(math.prod(shape), dtype=object), shape)


# ---------------------------------------------------------------------------------------------- the pipeline

class ArrayBuilder:
    """Turns one JSON value into (shape, array) for a dtype; the faithful builder converts in Python."""

    def __init__(self, printer: _Printer) -> None:
        self.conv = _Converter(printer)
        self.notes: list[tuple[tuple, str]] = []

    def build(self, val: Any, dt: DType, path: tuple) -> tuple[tuple[int, ...], np.ndarray]:
        shape, values = self.conv.fill(val, dt, path)
        shp = tuple(shape)
        return shp, self.finish(_array(values, shp, dt), values, dt, path)

    def finish(self, arr: np.ndarray, values: Any, dt: DType, path: tuple) -> np.ndarray:
        """Note what TF Serving accepts silently (see :attr:`Decoded.notes`); returns ``arr``."""
        if isinstance(values, list):  # the Python fill: what it saw
            for flag in sorted(self.conv.flags):
                self.notes.append((path, flag))
        if dt.name == "DT_STRING":
            pass
        elif dt.name in ("DT_INT8", "DT_INT16", "DT_UINT8"):
            if np.size(values):
                v = np.asarray(values, dtype=np.int64)
                if int(v.min()) < (dt.natural_min or 0) or int(v.max()) > (dt.natural_max or 0):
                    self.notes.append((path, "wrapped"))
        elif dt.name == "DT_FLOAT" and arr.size:
            if np.isinf(arr).any() and np.isfinite(np.asarray(values, dtype=np.float64)).all():
                self.notes.append((path, "overflow"))
        return arr


class HandOver(Exception):
    """The fast road cannot vouch for this body: let the faithful road decide."""


_SMALL = 16  # below this many items, converting in Python is cheaper than numpy
_BIG_FROM_INTEGER = 1.8e19  # integer literals beyond 2^64 - 1 become doubles by a long chain of roundings


_LOW29 = np.uint64((1 << 29) - 1)
_FLOAT32_TINY = 2.0**-126  # below this (float32's subnormal range) rounding to float32 drops more than 29 bits


def float32_is_certain(v: np.ndarray, ulps: int = 8) -> bool:
    """True when rounding to float32 gives the same result for every double within ``ulps`` units in the last
    place of each value: then it does not matter whether the double came from a correctly rounded parser
    (orjson, simdjson) or from rapidjson's normal-precision one (off by at most ~4 ulps for these literals).

    In float32's normal range, rounding a double to float32 drops the low 29 bits of its 52-bit mantissa and the
    rounding boundary is where they equal 2**28: a value is certain when they are more than ``ulps`` away from it
    (decided on the bits, for the whole array at once).  Values in float32's subnormal range (rare) take the band
    test: both ends of ``|v| * ulps * 2**-52`` either side round to the same float32 as ``v``.  Values below
    1.8e19 cannot reach float32's overflow threshold.
    """
    if v.size == 0:
        return True
    a = np.abs(v)
    if not a.max() < _BIG_FROM_INTEGER:  # also False for NaN
        return False
    low = (v.view(np.uint64) & _LOW29).view(np.int64)
    low -= 1 << 28
    np.abs(low, out=low)
    tiny = a < _FLOAT32_TINY
    if tiny.any():
        tiny &= a > 0  # (zeros are exact, and their low bits, all 0, pass the bits test)
    if not tiny.any():
        return bool(low.min() > ulps)
    if not bool((low[~tiny] > ulps).all()):
        return False
    t = v[tiny]
    band = np.abs(t) * (ulps * 2.0**-52)
    f = t.astype(np.float32)
    return bool((f == (t + band).astype(np.float32)).all() and (f == (t - band).astype(np.float32)).all())


class NumpyBuilder(ArrayBuilder):
    """Converts regular arrays with numpy; anything irregular goes to the Python fill, which fails exactly as TF
    Serving does.  Only accepted arrays are ever built here, so the result cannot differ from the Python fill.

    ``exact``: the DOM's numbers are rapidjson's (faithful road).  Otherwise (orjson's DOM) doubles are
    correctly rounded; DT_FLOAT then needs :func:`float32_is_certain`, and DT_DOUBLE hands over.
    ``bools``/``nul``: the body may hold ``true``/``false`` (numpy would turn them into numbers) or ``\\u0000``
    inside strings (numpy's fixed-width strings drop trailing NULs): such arrays take the Python fill.
    """

    def __init__(self, printer: _Printer, *, exact: bool, bools: bool, nul: bool,
                 arrays: dict[int, np.ndarray] | None = None) -> None:
        super().__init__(printer)
        self.exact = exact
        self.bools = bools
        self.nul = nul
        self.arrays = arrays or {}
        """``np.asarray`` results already made for lists of the DOM, by ``id(list)``."""

    def build(self, val: Any, dt: DType, path: tuple) -> tuple[tuple[int, ...], np.ndarray]:
        if type(val) is list and len(val) >= _SMALL or (type(val) is list and val and type(val[0]) is list):
            arr = self.numeric(val, dt, path)
            if arr is not None:
                return arr.shape, arr
        shape, values = self.conv.fill(val, dt, path)
        if not self.exact and dt.name in ("DT_FLOAT", "DT_DOUBLE") and values:
            if dt.name == "DT_DOUBLE":
                if any(type(v) is float for v in values):
                    raise HandOver
            elif not float32_is_certain(np.array(values, dtype=np.float64)):
                raise HandOver
        shp = tuple(shape)
        return shp, self.finish(_array(values, shp, dt), values, dt, path)

    def numeric(self, val: list, dt: DType, path: tuple) -> np.ndarray | None:
        """The accepted tensor for a regular array, or None when the Python fill must decide."""
        kind = dt.json_kind
        if kind is None:
            return None
        a = self.arrays.get(id(val))
        if a is None:
            try:
                a = np.asarray(val)
            except (ValueError, OverflowError, TypeError):
                return None
        k = a.dtype.kind
        if kind in ("number", "integer") and k in "iuf" and self.bools and _holds_bool(val, a.shape):
            return None  # numpy read true/false as 1/0: the Python fill reports the type error
        if kind == "number":
            if k in "iu":
                if dt.name == "DT_FLOAT" and a.size and int(np.abs(a).max()) > 2**24:
                    big = a[np.abs(a) > 2**24]
                    if (big.astype(np.float64).astype(np.float32).astype(np.float64) != big).any():
                        self.notes.append((path, "int_precision"))
                a = a.astype(np.float64)
            elif k == "f":
                if dt.name == "DT_FLOAT" and a.size and float(np.abs(a).max()) > 2**24:
                    return None  # an integer literal among doubles may be inexact in float32: the Python fill notes it
                if not self.exact:
                    if dt.name != "DT_FLOAT" or not float32_is_certain(a):
                        raise HandOver
            else:
                return None
            if dt.name == "DT_FLOAT":
                with np.errstate(over="ignore"):
                    return self.finish(a.astype(np.float32), a, dt, path)
            return a.astype(np.float64)
        if kind == "integer":
            if k not in "iu":
                return None
            lo, hi = _INT_RANGE[dt.proto_field or "int_val"]
            if a.size and (int(a.min()) < lo or int(a.max()) > hi):
                return None
            if dt.name == "DT_UINT64":
                return a.astype(np.uint64)
            return self.finish(a.astype(np.int64).astype(dt.numpy), a, dt, path)
        if kind == "boolean":
            return a if k == "b" else None
        if kind == "string":
            if k != "U" or self.nul:
                return None
            try:  # numpy turns numbers and booleans into strings: check the JSON values themselves
                objs = np.asarray(val, dtype=object)
            except ValueError:
                return None
            if objs.shape != a.shape:
                return None
            leaves = objs.ravel().tolist()
            if set(map(type, leaves)) != {str}:
                return None
            out = np.empty(a.size, dtype=object)
            out[:] = [x.encode("utf-8", "surrogateescape") for x in leaves]
            self.notes.append((path, "text"))
            return out.reshape(a.shape)
        return None

    def columns(self, items: list, inputs: Mapping[str, DType]) -> dict[str, np.ndarray] | None:
        """Row format, object mode: every instance a plain object with exactly the signature's inputs, and each
        input's values regular across the instances: one array per input at once (what the per-item loop would
        build, since then every item has the same shape)."""
        names = inputs.keys()
        n = len(names)
        for x in items:
            if type(x) is not dict or len(x) != n or x.keys() != names:
                return None
        out: dict[str, np.ndarray] = {}
        for name in sorted(names):
            column = [x[name] for x in items]
            cached = self.arrays.get((id(items), name))
            if cached is not None:
                self.arrays[id(column)] = cached  # the same values, gathered again (kept alive by `column`)
            arr = self.numeric(column, inputs[name], ("instances", 0, name))
            self.arrays.pop(id(column), None)
            if arr is None or arr.ndim < 1:
                return None
            out[name] = arr
        return out

    def rows(self, items: list, dt: DType) -> np.ndarray | None:
        """Row format, value mode, one input: the whole ``instances`` list at once when it is regular."""
        if len(items) < 2 or not (type(items[0]) is list or len(items) >= _SMALL):
            return None
        arr = self.numeric(items, dt, ("instances",))
        return arr if arr is not None and arr.ndim >= 1 else None


def _holds_bool(val: list, shape: tuple[int, ...]) -> bool:
    """True when a regular nested list has a true/false leaf (numpy would have made it a number)."""
    try:
        objs = np.asarray(val, dtype=object)
    except ValueError:
        return True
    if objs.shape != shape:
        return True
    return bool in set(map(type, objs.ravel().tolist()))


_INT_RANGE = {"int_val": (INT32_MIN, INT32_MAX), "int64_val": (INT64_MIN, INT64_MAX),
              "uint32_val": (0, UINT32_MAX), "uint64_val": (0, 2**64 - 1)}


def _error(code: str, message: str, failure: Failure, *, fmt: str | None, signame: str, root: Any,
           road: str) -> Decoded:
    return Decoded(False, http_status(code), message, code, fmt, signame, {}, failure, root, (), road)


def decode_dom(root: Any, signatures: Mapping[str, Any], builder: ArrayBuilder, *, road: str = "faithful") -> Decoded:
    """Steps 3–10 of SPEC §1 on a parsed body."""
    dbg = builder.conv.dbg
    if not isinstance(root, dict):
        return _error(msg.INVALID_ARGUMENT, msg.e3_not_object(dbg(root)), Failure("not_object", (), value=root),
                      fmt=None, signame="", root=root, road=road)
    signame = ""
    if "signature_name" in root:
        s = root["signature_name"]
        if not isinstance(s, str):
            return _error(msg.INVALID_ARGUMENT, msg.e4_signature_type(dbg(root)),
                          Failure("signature_name_type", ("signature_name",), value=s),
                          fmt=None, signame="", root=root, road=road)
        signame = s
    key = signame or DEFAULT_SIGNATURE
    sig = signatures.get(key)
    if sig is None:
        return _error(msg.INVALID_ARGUMENT, msg.e5_signature_missing(key),
                      Failure("signature_not_found", ("signature_name",) if signame else (), value=key),
                      fmt=None, signame=key, root=root, road=road)
    inputs = {name: dtype_entry(spec.dtype) for name, spec in sig.inputs.items()}
    if not inputs:
        return _error(msg.INVALID_ARGUMENT, msg.e6_no_inputs(signame), Failure("no_inputs", ()),
                      fmt=None, signame=key, root=root, road=road)
    has_instances = "instances" in root
    has_inputs = "inputs" in root
    if has_instances and has_inputs:
        return _error(msg.INVALID_ARGUMENT, msg.e7_both(dbg(root)), Failure("both_keys", ()),
                      fmt=None, signame=key, root=root, road=road)
    fmt = ROW if has_instances else COLUMNAR if has_inputs else None
    try:
        if has_instances:
            instances = root["instances"]
            if not isinstance(instances, list):
                raise _Reject(msg.INVALID_ARGUMENT, msg.e8_not_list(dbg(root)),
                              Failure("instances_not_list", ("instances",), value=instances))
            if not instances:
                raise _Reject(msg.INVALID_ARGUMENT, msg.e9_empty(dbg(root)), Failure("instances_empty", ("instances",)))
            tensors, dups = _rows(instances, inputs, builder)
        elif has_inputs:
            dups = []
            tensors = _columnar(root["inputs"], inputs, builder)
        else:
            return _error(msg.INVALID_ARGUMENT, msg.E10_NO_KEY, Failure("no_key", ()), fmt=None, signame=key,
                          root=root, road=road)
        _post_checks(tensors, inputs, fmt)
    except _Reject as rej:
        return _error(rej.code, rej.message, rej.failure, fmt=fmt, signame=key, root=root, road=road)
    return Decoded(True, 200, None, None, fmt, key, tensors, None, root, tuple(dups), road,
                   notes=tuple(builder.notes))


def _post_checks(tensors: dict[str, Tensor], inputs: Mapping[str, DType], fmt: str) -> None:
    """predict_util's checks after conversion (SPEC §10, §18.2)."""
    if set(tensors) != set(inputs):
        raise _Reject(msg.INVALID_ARGUMENT, msg.input_size_mismatch(list(tensors), list(inputs)),
                      Failure("input_size", ("instances",) if fmt == ROW else ("inputs",)))
    for name in sorted(tensors):
        if len(tensors[name].shape) > MAX_RANK:
            raise _Reject(msg.INVALID_ARGUMENT, msg.tensor_parsing_error(name),
                          Failure("rank", (), input=name, received=len(tensors[name].shape)))


def _rows(items: list, inputs: Mapping[str, DType], builder: ArrayBuilder) -> tuple[dict[str, Tensor], list]:
    """``FillTensorMapFromInstancesList``."""
    first = items[0]
    if not isinstance(first, dict) and len(inputs) > 1:
        raise _Reject(msg.INVALID_ARGUMENT, msg.E11_PLAIN_LIST, Failure("plain_list", ("instances", 0), item=0,
                                                                         value=first))
    objects = is_plain_object(first)
    names_sorted = sorted(inputs, key=lambda s: s.encode("utf-8", "surrogateescape"))
    parts: dict[str, list[np.ndarray]] = {}
    shapes: dict[str, tuple[int, ...]] = {}
    sizes: dict[str, int] = {}
    dups: list[tuple] = []

    def add(item: Any, name: str, i: int, path: tuple) -> None:
        if name not in inputs:
            raise _Reject(msg.INVALID_ARGUMENT, msg.e17_unknown_input(name),
                          Failure("unknown_input", path, item=i, input=name))
        shape, arr = builder.build(item, inputs[name], path)
        size = int(arr.size)
        if name not in sizes:
            sizes[name], shapes[name] = size, shape
        elif sizes[name] != size:
            raise _Reject(msg.INVALID_ARGUMENT, msg.e18_size(sizes[name], size),
                          Failure("size", path, item=i, input=name, expected=shapes[name], received=shape))
        elif shapes[name] != shape:
            raise _Reject(msg.INVALID_ARGUMENT, msg.e19_shape(msg.shape_text(shapes[name]), msg.shape_text(shape)),
                          Failure("shape", path, item=i, input=name, expected=shapes[name], received=shape))
        parts.setdefault(name, []).append(arr)

    if objects and isinstance(builder, NumpyBuilder) and len(items) >= 2 and "b64" not in inputs:
        columns = builder.columns(items, inputs)
        if columns is not None:
            return {name: Tensor(inputs[name].name, tuple(arr.shape), arr) for name, arr in columns.items()}, dups

    if not objects and isinstance(builder, NumpyBuilder):
        whole = builder.rows(items, inputs[names_sorted[0]])
        if whole is not None:
            name = names_sorted[0]
            return {name: Tensor(inputs[name].name, tuple(whole.shape), whole)}, dups

    for i, elem in enumerate(items):
        if objects:
            if not is_plain_object(elem):
                raise _Reject(msg.INVALID_ARGUMENT, msg.e12_expect_object(i),
                              Failure("expect_object", ("instances", i), item=i, value=elem))
            keys: set[str] = set()
            for name, value in members(elem):
                if name in keys:
                    dups.append(("instances", i, name))
                keys.add(name)
                try:
                    add(value, name, i, ("instances", i, name))
                except _Reject as rej:
                    raise _Reject(msg.INVALID_ARGUMENT, msg.e14_key(i, name, rej.code, rej.message),
                                  _with_item(rej.failure, i, name)) from None
            if keys != set(inputs):
                raise _Reject(msg.INVALID_ARGUMENT, msg.e15_keys(i, builder.conv.dbg(elem), names_sorted),
                              Failure("keys_mismatch", ("instances", i), item=i, value=elem,
                                      expected=sorted(inputs), received=sorted(keys)))
        else:
            if is_plain_object(elem):
                raise _Reject(msg.INVALID_ARGUMENT, msg.e13_expect_value(i),
                              Failure("expect_value", ("instances", i), item=i, value=elem))
            name = names_sorted[0]
            try:
                add(elem, name, i, ("instances", i))
            except _Reject as rej:
                raise _Reject(msg.INVALID_ARGUMENT, msg.e16_item(i, rej.code, rej.message),
                              _with_item(rej.failure, i, name)) from None

    n = len(items)
    tensors: dict[str, Tensor] = {}
    for name in sorted(parts):
        dt = inputs[name]
        chunks = parts[name]
        per_item = shapes[name]
        # (with duplicate keys, more values were appended: TF keeps the first n * size, SPEC §18.3)
        flat = chunks[0].reshape(-1) if len(chunks) == 1 else np.concatenate([c.reshape(-1) for c in chunks])
        arr = shaped(flat[: n * sizes[name]], (n,) + per_item)
        tensors[name] = Tensor(dt.name, (n,) + per_item, arr)
    return tensors, dups


def _with_item(f: Failure, i: int, name: str) -> Failure:
    return Failure(f.kind, f.path, i, name, f.offset, f.value, f.expected, f.received)


def _columnar(val: Any, inputs: Mapping[str, DType], builder: ArrayBuilder) -> dict[str, Tensor]:
    """``FillTensorMapFromInputsMap``."""
    tensors: dict[str, Tensor] = {}
    if not isinstance(val, dict) or is_b64_object(val):
        if len(inputs) > 1:
            raise _Reject(msg.INVALID_ARGUMENT, msg.E20_PLAIN_VALUE, Failure("plain_value", ("inputs",), value=val))
        name = next(iter(inputs))
        shape, arr = builder.build(val, inputs[name], ("inputs",))
        tensors[name] = Tensor(inputs[name].name, shape, arr)
        return tensors
    for name in sorted(inputs, key=lambda s: s.encode("utf-8", "surrogateescape")):
        if name not in val:
            raise _Reject(msg.INVALID_ARGUMENT, msg.e21_missing_named(name),
                          Failure("missing_input", ("inputs",), input=name, expected=sorted(inputs),
                                  received=[k for k, _ in members(val)]))
        try:
            shape, arr = builder.build(val[name], inputs[name], ("inputs", name))
        except _Reject as rej:
            raise _Reject(rej.code, rej.message, _with_item(rej.failure, None, name)) from None  # type: ignore[arg-type]
        tensors[name] = Tensor(inputs[name].name, shape, arr)
    return tensors


# ---------------------------------------------------------------------------------------------- entry point

def decode_faithful(body: bytes, signatures: Mapping[str, Any]) -> Decoded:
    """The faithful road only: rapidjson port + Python conversion."""
    from .rapidjson import loads

    if len(body) == 0:
        return _error(msg.INVALID_ARGUMENT, msg.E1_EMPTY, Failure("empty", ()), fmt=None, signame="", root=None,
                      road="faithful")
    end: list[int] = []
    try:
        root = loads(body, end=end)
    except JSONParseError as exc:
        return _error(msg.INVALID_ARGUMENT, msg.e2_parse(exc.message, exc.offset),
                      Failure("parse", (), offset=exc.offset, value=exc.message), fmt=None, signame="", root=None,
                      road="faithful")
    builder = NumpyBuilder(_Printer(), exact=True, bools=b"true" in body or b"false" in body,
                           nul=b"\\u0000" in body)
    decoded = decode_dom(root, signatures, builder)
    return replace(decoded, end=end[0] if end and end[0] < len(body) else None)


def decode_request(body: bytes, signatures: Mapping[str, Any], *, need_body: bool = True) -> Decoded:
    """What TF Serving's REST predict handler does with ``body`` for a model with these signatures.

    ``signatures`` maps signature key → :class:`sigcheck.model.Signature` (only ``inputs`` and their ``dtype``
    are used, as in TF Serving).  Never raises for any body.  With ``need_body=False`` the caller needs only the
    answer and the tensors: a large regular numeric body may then be decoded by the dense road
    (:mod:`sigcheck.codec.dense`), which builds no Python DOM (``root`` is None).
    """
    from .fastpath import decode_fast

    body = bytes(body)
    if not need_body:
        from .dense import decode_dense

        dense = decode_dense(body, signatures)
        if dense is not None:
            return dense
    fast = decode_fast(body, signatures)
    if fast is not None:
        return fast
    return decode_faithful(body, signatures)


__all__ = ["COLUMNAR", "ROW", "Decoded", "Failure", "Tensor", "decode_faithful", "decode_request"]
