"""What a string input that feeds a ``ParseExample`` op must hold: serialized tf.Example protos, with the features
the parse node needs.

The model's own parse node decides (``tf.io.parse_example`` in a serving function, an estimator's
``serving_input_receiver_fn``): the input's values are read by ``ParseExample`` / ``ParseExampleV2`` /
``ParseSingleExample``.  TF Serving's JSON layer accepts any string (``"seven"``, ``{"b64": …}``); the parse op then
fails the request and TF Serving answers its error (400 INVALID_ARGUMENT, ``Could not parse example input, value:
'seven'``).  The spec and the check are ``sigcheck batch``'s (:mod:`sigcheck.batch.example`: the parse node's
spec read from the graph, each value read off the protobuf wire), so the TFRecord road and this one agree.

A signature contract has no graph, hence no parse op and no spec: a string input that gets serialized tf.Examples
(or is named like one) is then a warning, ``request.example_unchecked``, that its values were not checked
(:func:`unchecked_findings`), so that ``validate``, ``batch`` and ``gate`` never say ok for what they did not check.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, Sequence

from ..codec.request import Decoded
from ..diagnostics import Diagnostic, Severity
from ..model.types import Signature

MAX_FINDINGS = 8
"""Different problems (category, feature) reported per input; TF Serving answers the first."""


def example_inputs(info: Any, sig: Signature | None) -> dict[str, Any]:
    """Input name → its :class:`~sigcheck.batch.example.ExampleSpec`, for the string inputs of ``sig`` whose values
    a parse op reads (:func:`sigcheck.model.feeds.example_specs`)."""
    if sig is None or getattr(info, "meta_graph", None) is None:
        return {}
    from ..model.feeds import example_specs

    return example_specs(info, sig.key)


UNCHECKED = "request.example_unchecked"
"""The code of the warning on tf.Example values a model without a graph (a signature contract) cannot check."""
UNCHECKED_SAMPLE = 64
"""Values of an input looked at for a serialized tf.Example (:func:`unchecked_findings`)."""


def unchecked_inputs(info: Any, sig: Signature | None) -> list[str]:
    """The inputs of ``sig`` :func:`unchecked_findings` looks at, sorted: its DT_STRING inputs when ``info`` has no
    graph (a signature contract); none for a model with a graph (:func:`example_inputs` knows its parse ops)."""
    if sig is None or getattr(info, "meta_graph", None) is not None:
        return []
    return sorted(name for name, spec in sig.inputs.items() if spec.dtype == "DT_STRING")


def named_like_examples(name: str) -> bool:
    """An input named like one of serialized tf.Examples (``examples``, ``input_example_tensor``): warned for
    whatever its values (:func:`unchecked_findings`)."""
    return "example" in name.lower()


def first_example(values: Sequence[Any]) -> tuple[int, list[str]] | None:
    """The first of ``values`` (bytes, or str as UTF-8; the first :data:`UNCHECKED_SAMPLE` are looked at) that
    reads as a serialized tf.Example with a feature, as TensorFlow's parser reads it: (its index, its feature
    names, sorted); None when none does."""
    from ..batch.example import NotAnExample, read_features

    for i, raw in enumerate(values[:UNCHECKED_SAMPLE]):
        data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8", "surrogateescape")
        try:
            features = read_features(data)
        except NotAnExample:
            continue
        if features:
            return i, sorted(features)
    return None


def unchecked_findings(decoded: Decoded, sig: Signature, info: Any) -> Iterator[Diagnostic]:
    """For a model read without its graph (a signature contract): a warning for each DT_STRING input that gets
    serialized tf.Example protos (one of its first values reads as an Example with a feature, as TensorFlow's
    parser reads it: :func:`first_example`) or is named like such an input (:func:`named_like_examples`).  Which
    parse op reads it, and its feature spec, are in the graph only, so :func:`example_findings` cannot run: the
    values are not checked, and a missing feature, a wrong list kind or count, or bytes that are no tf.Example
    still fail the request (400).  Nothing for a model with a graph (:func:`unchecked_inputs`)."""
    from ..model.contract import savedmodel_hint
    from .checks import tensor_leaf_path

    for name in unchecked_inputs(info, sig):
        if name not in decoded.tensors:
            continue
        values = decoded.tensors[name].array.ravel()[:UNCHECKED_SAMPLE].tolist()
        found = first_example(values)
        if found is None and not named_like_examples(name):
            continue
        i = found[0] if found is not None else 0
        if found is not None:
            keys = found[1]
            shown = ", ".join(f'"{k}"' for k in keys[:4]) + (", …" if len(keys) > 4 else "")
            what = f"gets serialized tf.Example protos (the first has the feature{'s' if len(keys) > 1 else ''} {shown})"
            received = f"a serialized tf.Example ({len(keys)} feature{'s' if len(keys) != 1 else ''})"
        else:
            what = "is named like an input of serialized tf.Example protos"
            received = "values no feature spec was checked against"
        yield Diagnostic(
            UNCHECKED, Severity.WARNING,
            f'input "{name}" {what}, but a signature contract has no graph: which parse op reads the input, and its '
            "feature spec, are unknown, so the values are not checked against it (a missing required feature, a "
            "wrong list kind or number of values, or bytes that are no tf.Example fail the request with TF Serving's "
            "400)",
            path=(tensor_leaf_path(decoded, name, i) or "$") if values else "$",
            expected="tf.Examples checked against the parse op's feature spec", received=received,
            hint=savedmodel_hint(info) + ", as --model: each value is then checked as tf.io.parse_example reads it")


def _preview(data: bytes) -> str:
    text = data[:24].decode("utf-8", "replace")
    if text.isprintable():
        return f"the text {text!r}" + ("…" if len(data) > 24 else "")
    return f"{len(data)} bytes starting " + " ".join(f"{b:02x}" for b in data[:8]) + (" …" if len(data) > 8 else "")


def example_findings(decoded: Decoded, sig: Signature, specs: Mapping[str, Any]) -> Iterator[Diagnostic]:
    """Errors for the values of ``specs``' inputs that the parse op refuses: not a tf.Example at all
    (``serialized_example_input_expected``), or an Example without a required feature, with the wrong list kind or
    number of values (:func:`sigcheck.batch.example.check_example`).  One finding per problem and feature, at its
    first value, with TensorFlow's own message as ``upstream`` where its wording is known."""
    if not specs:
        return
    from .checks import tensor_leaf_path

    for name, spec in sorted(specs.items()):
        if name in decoded.tensors:
            yield from value_findings(name, spec, decoded.tensors[name].array.ravel().tolist(),
                                      lambda i, name=name: tensor_leaf_path(decoded, name, i) or "$")


def value_findings(name: str, spec: Any, values: Sequence[Any], path_of: Callable[[int], str]) -> Iterator[Diagnostic]:
    """:func:`example_findings` for the flat ``values`` (bytes or str) of input ``name``; ``path_of(i)``: the JSON
    path of value ``i``."""
    from ..batch.example import check_example, tf_message

    n = len(values)
    first: dict[tuple[str, str], tuple[int, bytes, Diagnostic]] = {}
    counts: dict[tuple[str, str], int] = {}
    for i, raw in enumerate(values):
        data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8", "surrogateescape")
        for f in check_example(data, spec):
            k = (f.category or "", f.path)
            counts[k] = counts.get(k, 0) + 1
            if k not in first and len(first) < MAX_FINDINGS:
                first[k] = (i, data, f)
    for k, (i, data, f) in sorted(first.items(), key=lambda item: item[1][0]):
        bad = counts[k]
        some = "its value" if n == 1 else ("all its values" if bad == n else f"{bad} of its {n} values")
        where = "" if n == 1 else f" (the first: value {i})"
        path = path_of(i)
        upstream = tf_message(f, spec, data, i)
        if f.category == "serialized_example_input_expected":
            yield Diagnostic(
                "request.example", Severity.ERROR,
                f'input "{name}" feeds a {spec.op} op, which reads each value as a serialized tf.Example, but '
                + (f"none of its {n} values is one{where}" if bad == n > 1 else
                   f'{some} {"is" if bad == 1 else "are"} not one{where}') + f": {_preview(data)}",
                category="serialized_example_input_expected", path=path,
                expected='a serialized tf.Example, base64-encoded in {"b64": ...}',
                received=_preview(data),
                hint='send {"b64": base64.b64encode(tf.train.Example(features=...).SerializeToString()).decode()}'
                     " for each instance; `sigcheck sample MODEL` writes one built from the model's feature spec",
                upstream=upstream)
            continue
        feature = f.path.removeprefix("$.features.")
        yield Diagnostic(
            "request.example", Severity.ERROR,
            f'input "{name}" feeds a {spec.op} op: in {some}{where}, {f.message}',
            category=f.category, path=path, expected=f.expected, received=f.received,
            hint=f.hint.replace("every Example", "every tf.Example you send") if f.hint else
            f'fix feature "{feature}" of the tf.Example', upstream=upstream)
