"""What is inside the ``{"b64": …}`` of an image input: the bytes must be an image file TensorFlow's decode ops read.

An input takes encoded images when the graph decodes it (a ``DecodeJpeg``/``DecodePng``/``DecodeImage``… op on its
path, found by :mod:`sigcheck.model.feeds`) or, for a warning only, when its name says so (``image_bytes``,
``jpeg_b64``).  TF Serving accepts any bytes in ``{"b64": …}``; the decode op then fails the request, and TF Serving
answers that op's error (400 INVALID_ARGUMENT).  The file kind is told from the first bytes, as TensorFlow's
``decode_image_op.cc`` does (``ClassifyFileFormat``).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any, Iterator, Mapping, Sequence

from ..codec.request import Decoded
from ..diagnostics import Diagnostic, Severity
from ..model.feeds import image_bytes_name
from ..model.types import Signature

UNKNOWN_FORMAT = "Unknown image file format. One of JPEG, JPEG XL, PNG, GIF, BMP, WebP required."
"""TensorFlow's decode ops on bytes that are no image file they know (decode_image_op.cc; the literal of the
installed TensorFlow 2.21, read with ``strings`` from libtensorflow_cc.so.2)."""
UNKNOWN_FORMAT_BEFORE_WEBP = "Unknown image file format. One of JPEG, PNG, GIF, BMP required."
"""The same error in TensorFlow releases that read no WebP / JPEG XL (the form most reports quote)."""
EMPTY_INPUT = "Input is empty."

_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
)
"""TensorFlow's magic bytes, in its order (decode_image_op.cc ClassifyFileFormat)."""
_OTHER: tuple[tuple[bytes, str], ...] = (
    (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"), (b"\x00\x00\x00\x0cjP  ", "JPEG 2000"),
    (b"\xff\x0a", "JPEG XL"), (b"\x00\x00\x00\x0cJXL \r\n\x87\n", "JPEG XL"), (b"\n", "a serialized protocol buffer"),
)
_IMAGE_WORD = re.compile(r"im(?:age|g)|jpe?g|png|photo|pic", re.I)
_B64_TEXT = re.compile(rb"[A-Za-z0-9+/]{16,}={0,2}\Z")
BUILT_IN = ("JPEG", "PNG", "GIF", "BMP")
"""What every TensorFlow decodes (WebP and JPEG XL only recent releases)."""


def file_kind(data: bytes) -> str | None:
    """``JPEG``, ``PNG``, ``GIF``, ``BMP``, ``WebP``, ``JPEG XL``, another known kind (``TIFF``, ``HEIC`` …), or None."""
    for magic, kind in _KINDS:
        if data.startswith(magic):
            return kind
    if data.startswith(b"RIFF") and len(data) > 12 and data[8:12] == b"WEBP":
        return "WebP"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "AVIF" if data[8:12] == b"avif" else "HEIC"
    for magic, kind in _OTHER:
        if data.startswith(magic):
            return kind
    return None


_B64_ANY = re.compile(rb"[A-Za-z0-9+/_-]+={0,2}\Z")


def encoded_file_kind(text: str | bytes) -> str | None:
    """The kind of file (:func:`file_kind`) that ``text`` is the base64 of (standard or URL-safe alphabet), or
    None: however short, ``/9j/…`` is a JPEG and ``iVBOR…`` a PNG, not a word someone typed.  The one-byte
    protocol-buffer mark (``\\n``, base64 ``C…``) is too weak to tell from text and is not reported."""
    raw = text.strip().encode("ascii", "replace") if isinstance(text, str) else text.strip()
    if len(raw) < 4 or not _B64_ANY.match(raw):
        return None
    raw = raw.replace(b"-", b"+").replace(b"_", b"/")
    try:
        data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    kind = file_kind(data)
    return None if kind is None or kind.startswith("a ") else kind


def takes_images(name: str, decodes: Sequence[str]) -> bool:
    """Input ``name`` takes encoded images: the graph decodes it, or (a warning's worth) its name says so."""
    return bool(decodes) or (image_bytes_name(name) and _IMAGE_WORD.search(name) is not None)


def image_inputs(info: Any, sig: Signature | None) -> list[str]:
    """The inputs of ``sig`` that take encoded images (:func:`takes_images`)."""
    if sig is None or not any(s.dtype == "DT_STRING" for s in sig.inputs.values()):
        return []
    from ..model.feeds import decoded_inputs

    decodes = decoded_inputs(info, sig.key) if info.meta_graph is not None else {}
    return [n for n, s in sorted(sig.inputs.items()) if s.dtype == "DT_STRING" and takes_images(n, decodes.get(n, ()))]


def decode_error(data: bytes, decodes: Sequence[str]) -> str | None:
    """TensorFlow's error when ``decodes`` (the ops the input flows into; [] = no op known) decode ``data``, or None
    when they read it (for no op known: when it is a JPEG, PNG, GIF or BMP file)."""
    if not data:
        return EMPTY_INPUT
    kind = file_kind(data)
    if kind not in BUILT_IN + ("WebP", "JPEG XL"):
        return UNKNOWN_FORMAT
    ops = set(decodes)
    if kind == "BMP" and ops and ops <= {"DecodeJpeg", "DecodePng", "DecodeGif", "DecodeAndCropJpeg"}:
        return ("Trying to decode BMP format using a wrong op. Use `decode_bmp` or `decode_image` instead. Op used: "
                + sorted(ops)[0])
    if kind in ("JPEG", "PNG", "GIF") and ops == {"DecodeBmp"}:
        low = kind.lower()
        return f"Trying to decode {kind} format using DecodeBmp op. Use `decode_{low}` or `decode_image` instead."
    return None


def _preview(data: bytes) -> str:
    head = data[:16]
    if head and all(32 <= b < 127 for b in head):
        return repr(head.decode("ascii")) + ("…" if len(data) > 16 else "")
    return " ".join(f"{b:02x}" for b in data[:8]) + (" …" if len(data) > 8 else "")


def _what(data: bytes) -> str:
    """What the bytes are, in words, when they are no image TensorFlow decodes."""
    kind = file_kind(data)
    if kind:
        return f"a {kind} file" if not kind.startswith("a ") else kind
    inner = encoded_file_kind(data)
    if inner in BUILT_IN:
        return f"base64 text of a {inner} file (the image was base64-encoded twice)"
    if _B64_TEXT.match(data.strip()):
        return "base64 text"
    try:
        data[:256].decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "bytes of no image format TensorFlow knows"


def image_findings(decoded: Decoded, sig: Signature, decodes: Mapping[str, Sequence[str]],
                   skip: Sequence[str] = ()) -> Iterator[Diagnostic]:
    """One finding per image input (see module docstring) whose values are not images its decode ops read: an
    error when the graph decodes it, a warning when only its name says it takes images.  ``skip``: inputs whose
    plain base64 text (sent without ``{"b64": …}``) ``request.base64`` already reports: those values are left out
    here, the input's other values are still checked (``sigcheck batch`` judges each line alone, and finds both)."""
    from .checks import base64_text, sent_as_text, tensor_leaf_path

    for name, spec in sorted(sig.inputs.items()):
        ops = list(decodes.get(name, ()))
        if spec.dtype != "DT_STRING" or name not in decoded.tensors or not takes_images(name, ops):
            continue
        values = decoded.tensors[name].array.ravel()
        bad: list[tuple[int, bytes, str]] = []
        newer = 0  # WebP / JPEG XL: read by recent TensorFlow only
        for i, raw in enumerate(values.tolist()):
            data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8", "surrogateescape")
            error = decode_error(data, ops)
            if error is not None and name in skip and base64_text(data, name) is not None and sent_as_text(
                    decoded, name, i):
                continue  # (request.base64 says it: wrap the text in {"b64": ...})
            if error is not None:
                bad.append((i, data, error))
            elif file_kind(data) in ("WebP", "JPEG XL"):
                newer += 1
                if newer == 1:
                    first_newer = (i, data)
        if bad:
            i, data, error = bad[0]
            decoded_by = (f"the graph decodes it with {', '.join(ops)}" if ops else
                          "its name says it takes encoded images; no decode op was found for it")
            n = len(values)
            some = "its value" if n == 1 else ("all its values" if len(bad) == n else f"{len(bad)} of its {n} values")
            first = "" if n == 1 else f" (the first: value {i})"
            yield Diagnostic(
                "request.image", Severity.ERROR if ops else Severity.WARNING,
                f'input "{name}" takes an encoded image ({decoded_by}), but {some} {"is" if n == 1 else "are"} not '
                f"an image file it can decode{first}: {_what(data)}",
                category="encoded_image_string_mismatch", path=tensor_leaf_path(decoded, name, i) or "$",
                expected="the bytes of a JPEG, PNG, GIF or BMP file, base64-encoded once in {\"b64\": ...}",
                received=f"{len(data)} bytes starting {_preview(data)}",
                hint=("send the image file's own bytes: {\"b64\": base64.b64encode(open(path, \"rb\").read()).decode()} "
                      "(encode once; convert TIFF, HEIC or PDF to JPEG or PNG first)"
                      + (f"; TensorFlow releases that read no WebP word the error \"{UNKNOWN_FORMAT_BEFORE_WEBP}\""
                         if error == UNKNOWN_FORMAT and ops else "")),
                upstream=error)
        elif newer:
            i, data = first_newer
            yield Diagnostic(
                "request.image", Severity.WARNING,
                f'input "{name}" gets {file_kind(data)} images: only recent TensorFlow releases decode them; older '
                "ones (and the TF Serving images built on them) reject the request",
                category="encoded_image_string_mismatch", path=tensor_leaf_path(decoded, name, i) or "$",
                expected="a JPEG, PNG, GIF or BMP file", received=f"a {file_kind(data)} file ({len(data)} bytes)",
                hint="send JPEG or PNG, which every TensorFlow release decodes; check with `sigcheck predict` on "
                     "the TensorFlow your server runs",
                upstream=UNKNOWN_FORMAT_BEFORE_WEBP)


def image_signature(info: Any, current: str) -> tuple[str, Any] | None:
    """Another signature of the model that takes the encoded image (:func:`~sigcheck.model.feeds.image_bytes_inputs`):
    (key, input), a one-input signature whose input is named like ``image_bytes`` first."""
    from ..model.feeds import image_bytes_inputs

    found = [(len(info.signatures[key].inputs) != 1, not image_bytes_name(spec.name), key, spec)
             for key, spec in image_bytes_inputs(info) if key != current]
    if not found:
        return None
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    return found[0][2], found[0][3]


def point_to_image_signature(f: Diagnostic, info: Any, current: str, target: str, *, lines: bool = False) -> Diagnostic:
    """``f`` with a hint naming the model's image-bytes signature when it is ``{"b64": …}`` sent to a numeric input
    of signature ``current`` and another signature takes the encoded image (explain --model's advice).

    ``lines``: ``f`` is about a JSON Lines file, which carries no ``signature_name`` of its own (gcloud adds it for
    ``--signature-name``; Vertex AI calls serving_default)."""
    from dataclasses import replace

    if f.category != "bytes_sent_to_numeric_input" or "(a base64 object" not in (f.received or ""):
        return f
    other = image_signature(info, current)
    if other is None:
        return f
    key, spec = other
    takes = f"{spec.name} {spec.dtype.removeprefix('DT_').lower()} {_dims(spec.shape)}"
    if target == "vertex":
        hint = (f'this model\'s signature "{key}" takes the encoded image ({takes}), but Vertex AI calls only '
                f"serving_default and refuses signature_name: make it serving_default (sigcheck export --from "
                f"model.keras --output MODEL --default-signature {key}) and keep sending {{\"b64\": ...}}")
    elif lines:
        hint = (f'call signature "{key}", which takes the encoded image ({takes}): send these lines with gcloud\'s '
                f"--signature-name {key} (sigcheck's --signature {key}) and keep the {{\"b64\": ...}} lines; or send "
                "the decoded pixel values as nested lists of numbers to this signature")
    else:
        hint = (f'call signature "{key}", which takes the encoded image ({takes}): add "signature_name": "{key}" to '
                f"the body and keep sending {{\"b64\": ...}} (`sigcheck validate --fix` does this); or send the "
                "decoded pixel values as nested lists of numbers to this signature")
    return replace(f, hint=hint, message=f"{f.message}; signature \"{key}\" takes the encoded image")


def _dims(shape: Any) -> str:
    from .paths import format_dims

    return format_dims(shape)
