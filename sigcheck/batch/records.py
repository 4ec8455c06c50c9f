"""Each record judged on its own: exactly ``validate``'s findings for a JSON Lines file of that one instance.

A record's instance (one JSON value, as bytes) is validated with :func:`sigcheck.validate.validate_jsonl` on the
one line, as ``sigcheck validate`` reads a one-line JSON Lines file: same codec, codes, categories and messages
(the trailing ``(line 1)`` it adds names the record's real line instead).  That costs ~0.5 ms a record, so runs of
records are vouched for first:

* :class:`RecordCheck` (validate's :class:`~sigcheck.validate.lines.ChunkCheck`, built from a record that
  validates alone with no finding) decides whether every instance of a run, decoded alone, is certain to be
  accepted with that record's per-instance shapes and to yield no finding; a run it cannot vouch for is halved
  until the records it cannot vouch for are validated alone (:meth:`RecordChecker.check`);
* a ``{"b64": …}`` instance (TFRecord, file-list) made here from bytes is canonical base64 of one DT_STRING
  value: validate never looks inside it, so its findings are those of the first such record (empty or not),
  validated alone.

Neither holds for a signature with an image input (validate looks inside its bytes): then every record is validated
alone, as validate itself decodes every chunk of such a JSON Lines file.

A string input a parse op reads as tf.Example (validate looks inside its values too) keeps the chunk check: a run
is vouched for only when, besides, every value of such an input in it is an Example the parse op takes
(:func:`sigcheck.batch.example.check_example` finds nothing: the check validate makes of each value); a record with
an Example finding is validated alone, so its findings are validate's own words.

A model without a graph (a signature contract) has no parse op to check tf.Examples with: validate warns
``request.example_unchecked`` for a string input that gets them or is named like one
(:func:`sigcheck.validate.examples.unchecked_findings`).  A record whose only findings are that warning still
keeps the chunk check: for a run it vouches for, the warning is counted per record as validate decides it
(:func:`~sigcheck.validate.examples.named_like_examples`, :func:`~sigcheck.validate.examples.first_example` on the
record's first values) into :attr:`RecordChecker.unchecked`, and the runner tallies the run at once, its first
record's warning in validate's words (:meth:`RecordChecker.unchecked_example`).

``RecordChecker(fast=False)`` validates every record alone: the reference the tests compare the fast road with.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import replace
from typing import Any, Sequence

import orjson

from ..diagnostics import Diagnostic, Severity
from ..model.types import ModelInfo
from ..validate import validate_jsonl
from ..validate.core import SHAPE_CHECK_DEFAULT, _objects_mode as objects_mode
from ..validate import examples, images
from ..validate import lines as lines_mod
from .example import check_example

TARGET = "tf-serving"
"""Vertex AI batch prediction sends the instances to the model server in bodies of its choosing: TF Serving's
rules, no online-prediction size limit, no gcloud in front (blank lines are no instances)."""

SMALL = 8
"""A run of at most this many records the check cannot vouch for is validated record by record."""
MAX_REFERENCES = 4
"""Per-instance shapes vouched for at once (records of a ragged input each have their own)."""

_LINE_ONE = re.compile(r"\(line 1\)$|\(line 1, column |^line 1 ")


def renumber(f: Diagnostic, number: int, word: str = "line") -> Diagnostic:
    """A finding of a one-line validation with its ``line 1`` naming the record: ``line N`` (``record N`` for
    TFRecord records)."""
    if number == 1 and word == "line":
        return f
    text = _LINE_ONE.sub(lambda m: m.group(0).replace("line 1", f"{word} {number}"), f.message)
    return f if text == f.message else replace(f, message=text)


def _b64_bytes(instance: bytes) -> bytes:
    """The value of a reader-made ``{"b64": …}`` instance."""
    return binascii.a2b_base64(orjson.loads(instance)["b64"])


def _leaf_bytes(leaf: Any) -> bytes | None:
    """The bytes validate reads from a leaf of a string input the chunk check vouched for (canonical
    ``{"b64": …}`` or a string, as UTF-8); None for one the codec must decide alone (a lone surrogate)."""
    if type(leaf) is dict:
        return binascii.a2b_base64(leaf["b64"])
    if type(leaf) is str:
        try:
            return leaf.encode("utf-8")
        except UnicodeEncodeError:
            return None
    return None


class RecordCheck(lines_mod.ChunkCheck):
    """validate's chunk check, with the base64-text test on every string value (validate looks at the first 64
    values of each instance alone; the chunk check at the first 64 of the chunk)."""

    @property
    def shape_key(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """The per-instance shapes of the records it vouches for, as :attr:`RecordChecker.shapesets` keys them."""
        return tuple(sorted((n, tuple(shape)) for n, shape in self.shapes.items()))

    def _leaf_check(self, leaves: list, name: str) -> bool:
        if not super()._leaf_check(leaves, name):
            return False
        dt = self.inputs[name]
        if dt.json_kind == "string" and len(leaves) > lines_mod._BASE64_SAMPLE and type(leaves[0]) is str:
            step = lines_mod._BASE64_SAMPLE
            # only text of 16+ characters can be base64 text validate reports (checks._B64_TEXT)
            rest = leaves[step:]
            if max(map(len, rest)) < 16:
                return True
            rest = [s for s in rest if len(s) >= 16]
            return not any(lines_mod._base64_text(rest[i:i + step], name, dt) for i in range(0, len(rest), step))
        return True


class RecordChecker:
    """Findings of instances, each judged alone (see module docstring)."""

    def __init__(self, info: ModelInfo, *, signature: str | None = None, fast: bool = True,
                 shape_check: str = SHAPE_CHECK_DEFAULT) -> None:
        self.info = info
        self.shape_check = shape_check
        self.signature = signature
        self.fast = fast
        self.sig = info.signatures.get(signature or "serving_default")
        if fast and images.image_inputs(info, self.sig):
            self.fast = False  # validate looks inside image inputs' bytes: every record is validated alone
        self.examples = examples.example_inputs(info, self.sig)
        self.unchecked_names = examples.unchecked_inputs(info, self.sig)
        """The inputs validate may warn ``request.example_unchecked`` for (a contract's string inputs)."""
        self.unchecked = [0, 0, -1]
        """For the records :meth:`check` / :meth:`vouch_chunk` vouched for: [records with the warning, its findings,
        index of the first such record] (their own findings are ``()``: the runner tallies these)."""
        self.b64_fast = self.fast
        """Reader-made ``{"b64": …}`` instances share the first one's findings, plus the tf.Example check of their
        own bytes (an input a parse op reads: validate looks inside those bytes)."""
        self.checks: list[RecordCheck] = []
        self.b64: dict[Any, tuple[Diagnostic, ...]] = {}
        """Findings of the first reader-made instance of each kind: empty or not, and for a contract's string input
        the features of the tf.Example it holds, if it holds one (validate's ``request.example_unchecked`` names
        them, or says the input is named like one)."""
        self.alone = 0
        """Records validated alone so far (the rest were vouched for)."""
        self.keysets: dict[tuple[str, ...], list[int]] = {}
        self.shapesets: dict[tuple[tuple[str, tuple[int, ...]], ...], list[int]] = {}
        """Like :attr:`keysets`, for the per-instance shapes of the records without an error finding: sorted
        (input, shape) pairs → [count, index of the first] (the batch.shapes finding)."""
        self.last_shapes: tuple[tuple[str, tuple[int, ...]], ...] | None = None

    def _validate(self, instance: bytes) -> Any:
        return validate_jsonl([instance], self.info, signature=self.signature, target=TARGET,
                              shape_check=self.shape_check)

    def validate_one(self, instance: bytes) -> tuple[Diagnostic, ...]:
        """validate's findings for a JSON Lines file holding only ``instance`` (line 1)."""
        self.alone += 1
        result = self._validate(instance)
        # (a record whose only findings are request.example_unchecked is a reference too: _unchecked_run counts it)
        if self.fast and all(f.code == examples.UNCHECKED for f in result.findings) and \
                len(self.checks) < MAX_REFERENCES and result.decoded.accepted:
            self._learn(result)
        self.last_shapes = None
        if result.decoded.accepted and not any(f.severity is Severity.ERROR for f in result.findings):
            self.last_shapes = tuple(sorted((n, tuple(shape[1:])) for n, (_dt, shape) in result.tensors.items()))
        return tuple(result.findings)

    def _learn(self, result: Any) -> None:
        first = {n: (dt, tuple(shape[1:])) for n, (dt, shape) in result.tensors.items()}
        # (validate's reading: a {"b64": …} instance is one input's value, not an object of named inputs)
        check = RecordCheck.build(self.sig, first, objects_mode(result.decoded), TARGET)
        if check is not None and all(c.shapes != check.shapes or c.objects != check.objects for c in self.checks):
            self.checks.append(check)

    def unchecked_example(self, instance: bytes) -> Diagnostic:
        """validate's (first) ``request.example_unchecked`` finding of ``instance``, a record :attr:`unchecked`
        counts: the example a tally keeps of the code."""
        return next(f for f in self._validate(instance).findings if f.code == examples.UNCHECKED)

    def b64_findings(self, empty: bool, instance: bytes, *, checked: Any = None) -> tuple[Diagnostic, ...]:
        """Findings of a canonical ``{"b64": …}`` instance made by a reader (see module docstring).

        ``checked``: the ExampleSpec the reader has checked these bytes with (the TFRecord reader's
        ``batch.example``).  When it is the spec of the one tf.Example input, validate's ``request.example``
        findings are left out: they are that same check's (the runner drops them after a ``batch.example``
        finding, and there are none without one)."""
        if not self.b64_fast:
            return self.validate_one(instance)
        kind: Any = empty
        if self.unchecked_names:  # (one input: the instance is its value)
            found = examples.first_example([_b64_bytes(instance)])
            kind = (empty, tuple(found[1]) if found is not None else None)
        if kind not in self.b64:
            self.b64[kind] = tuple(f for f in self.validate_one(instance) if f.code != "request.example")
        if not self.examples or (checked is not None and list(self.examples.values()) == [checked]):
            return self.b64[kind]
        return self.b64[kind] + self._example_findings(instance)

    def _example_findings(self, instance: bytes) -> tuple[Diagnostic, ...]:
        """validate's tf.Example findings for one reader-made ``{"b64": …}`` instance (canonical base64 of one
        value), as a one-line validation words them."""
        data = _b64_bytes(instance)
        return tuple(replace(f, message=f"{f.message} (line 1)", line=1)
                     for name, spec in sorted(self.examples.items())
                     for f in examples.value_findings(name, spec, [data], lambda i: "$.instances[0]"))

    def check(self, instances: Sequence[bytes], *, whole_tried: bool = False) -> list[tuple[Diagnostic, ...]]:
        """The findings of each instance (one JSON value each), judged alone, in order.  :attr:`keysets` then
        holds the key sets of the object instances: sorted keys → [count, index of the first].
        ``whole_tried``: :meth:`vouch_chunk` already failed on all of them (not tried again)."""
        out: list[tuple[Diagnostic, ...] | None] = [None] * len(instances)
        self.keysets = {}
        self.shapesets = {}
        self.unchecked = [0, 0, -1]
        if whole_tried and len(instances) > SMALL:
            mid = len(instances) // 2
            self._run(instances, 0, mid, out)
            self._run(instances, mid, len(instances), out)
        else:
            self._run(instances, 0, len(instances), out)
        return out  # type: ignore[return-value]

    def vouch_chunk(self, chunk: lines_mod.Chunk) -> bool:
        """True when every line of ``chunk`` (a JSON Lines reader's chunk, as the file's bytes) is vouched for:
        what :meth:`check` answers ``()`` for each, decided without making a Python object per line (:attr:`keysets`
        is then set as :meth:`check` sets it).  False: call :meth:`check` on the lines (``whole_tried=True``)."""
        self.keysets = {}
        self.shapesets = {}
        self.unchecked = [0, 0, -1]
        return self.fast and self._vouch(chunk, 0, chunk.count)

    def _keys(self, keys: tuple[str, ...], count: int, first: int, table: dict | None = None) -> None:
        table = self.keysets if table is None else table
        hit = table.get(keys)
        if hit is None:
            table[keys] = [count, first]
        else:
            hit[0] += count
            hit[1] = min(hit[1], first)

    def _alone(self, instance: bytes, i: int) -> tuple[Diagnostic, ...]:
        found = self.validate_one(instance)
        if self.last_shapes:
            self._keys(self.last_shapes, 1, i, self.shapesets)  # type: ignore[arg-type]
        try:
            value = orjson.loads(instance)
        except orjson.JSONDecodeError:
            return found
        if type(value) is dict:
            self._keys(tuple(sorted(value)), 1, i)
        return found

    def _vouched(self, instances: Sequence[bytes], lo: int, hi: int) -> bool:
        if not self.checks:
            return False
        run = instances[lo:hi] if type(instances) is list else list(instances[lo:hi])
        return self._vouch(lines_mod.Chunk([run], range(1, len(run) + 1), 0, len(run)), lo, hi)

    def _vouch(self, chunk: lines_mod.Chunk, lo: int, hi: int) -> bool:
        if not self.checks:
            return False
        joined = chunk.joined()
        for c in self.checks:
            if c.clean(joined, hi - lo) and lines_mod.one_value_per_line(chunk, counted=True) and (
                    not self.examples or self._examples_clean(joined, c)) and (
                    not self.unchecked_names or self._unchecked_run(joined, c, lo, hi)):
                if c.objects:
                    self._keys(c.names, hi - lo, lo)
                elif c.b64_members == hi - lo and not c.shapes[c.names[0]]:
                    self._keys(("b64",), hi - lo, lo)  # (each a {"b64": …} object, as _alone counts it)
                self._keys(c.shape_key, hi - lo, lo, self.shapesets)  # type: ignore[arg-type]
                return True
        return False

    def _examples_clean(self, joined: bytes, check: RecordCheck) -> bool:
        """True when every value of each tf.Example input in the records ``joined`` (vouched for by ``check``: each
        a regular nested list of its per-instance shape, strings or canonical ``{"b64": …}``) is an Example its
        parse op takes, as validate's tf.Example check reads each value (its bytes: UTF-8 text, or base64's)."""
        items = orjson.loads(b"[" + joined + b"]")  # (check.clean has parsed it already: it is JSON)
        for name, spec in self.examples.items():
            if name not in check.shapes:
                return False
            leaves = check._leaves(items if not check.objects else [item[name] for item in items],
                                   check.shapes[name])
            if leaves is None:
                return False
            for leaf in leaves:
                data = _leaf_bytes(leaf)
                if data is None or check_example(data, spec):
                    return False
        return True

    def _unchecked_run(self, joined: bytes, check: RecordCheck, lo: int, hi: int) -> bool:
        """Counts into :attr:`unchecked` the records ``lo``..``hi`` (``joined``, vouched for by ``check``) that
        validate warns ``request.example_unchecked`` for, one finding per input as it decides them: an input named
        like tf.Examples in every record, another where one of the record's first values reads as an Example with a
        feature.  False when a value's bytes cannot be read here (the records are then validated alone)."""
        n = hi - lo
        per = [sum(map(examples.named_like_examples, self.unchecked_names))] * n
        items = None
        for name in self.unchecked_names:
            if examples.named_like_examples(name):
                continue
            if items is None:
                items = orjson.loads(b"[" + joined + b"]")  # (check.clean has parsed it already: it is JSON)
            leaves = check._leaves(items if not check.objects else [item[name] for item in items],
                                   check.shapes[name])
            if leaves is None:
                return False
            size = len(leaves) // n  # (values per record: each a regular nested list of the same shape)
            for r in range(n):
                data = list(map(_leaf_bytes, leaves[r * size:r * size + min(size, examples.UNCHECKED_SAMPLE)]))
                if None in data:
                    return False
                if examples.first_example(data) is not None:
                    per[r] += 1
        warned = [r for r in range(n) if per[r]]
        if warned:
            u = self.unchecked
            u[0] += len(warned)
            u[1] += sum(per)
            u[2] = lo + warned[0] if u[2] < 0 else min(u[2], lo + warned[0])
        return True

    def _run(self, instances: Sequence[bytes], lo: int, hi: int, out: list) -> None:
        if lo >= hi:
            return
        if self.fast and self._vouched(instances, lo, hi):
            for i in range(lo, hi):
                out[i] = ()
            return
        if not self.fast or hi - lo <= SMALL:
            for i in range(lo, hi):
                if self.fast and i > lo and self._vouched(instances, i, i + 1):
                    out[i] = ()
                else:
                    out[i] = self._alone(instances[i], i)
            return
        mid = (lo + hi) // 2
        self._run(instances, lo, mid, out)
        self._run(instances, mid, hi, out)
