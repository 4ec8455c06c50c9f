"""Find and parse a SavedModel's signatures with protobuf alone (no TensorFlow).

A location is one of:

* a SavedModel folder (holding ``saved_model.pb`` or ``saved_model.pbtxt``), or the ``saved_model.pb`` file;
* a TF Serving base path whose numeric sub-folders are versions (the highest is taken, as TF Serving's
  default "latest" policy does);
* a ``sigcheck.signatures/v1`` JSON contract file.

Local paths and ``gs://`` URIs go through :mod:`sigcheck.storage`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable

from google.protobuf.message import DecodeError

from .. import storage
from ..errors import ModelError, StorageError
from . import contract
from .proto import saved_model_pb2 as pb
from .types import ModelInfo, Signature, TensorSpec

SAVED_MODEL_PB = "saved_model.pb"
SAVED_MODEL_PBTXT = "saved_model.pbtxt"

EXPECTED = (
    "expected a SavedModel folder (saved_model.pb + variables/), a TF Serving base path with numeric "
    "version folders, or a sigcheck.signatures/v1 JSON contract"
)
EXPECTED_FOLDER = (
    "expected a SavedModel folder (saved_model.pb + variables/) or a TF Serving base path with numeric version folders"
)
"""What commands that need the model's files (not a contract) say instead (``read_model(contracts=False)``)."""


def dtype_name(value: int) -> str:
    """TensorFlow's enum name for a DataType number (``DT_<n>`` for numbers newer than our table)."""
    try:
        return pb.DataType.Name(value)
    except ValueError:
        return f"DT_{value}"


def shape_of(proto: Any) -> tuple[int, ...] | None:
    """A TensorShapeProto as a tuple (-1 unknown dims) or None for unknown rank (an absent TensorInfo.tensor_shape
    reads as ``()``, as TensorFlow reads it: see ``TensorSpec.shape_recorded``)."""
    if proto.unknown_rank:
        return None
    return tuple(int(d.size) for d in proto.dim)


def tensor_spec(alias: str, info: Any) -> TensorSpec:
    which = info.WhichOneof("encoding")
    return TensorSpec(
        name=alias,
        dtype=dtype_name(info.dtype),
        shape=shape_of(info.tensor_shape),
        tensor_name=info.name if which == "name" else None,
        encoding={"name": "dense", None: "dense"}.get(which, which),
        shape_recorded=info.HasField("tensor_shape"),
    )


def signature_of(key: str, sig: Any) -> Signature:
    return Signature(
        key=key,
        method_name=sig.method_name,
        inputs={a: tensor_spec(a, t) for a, t in sorted(sig.inputs.items())},
        outputs={a: tensor_spec(a, t) for a, t in sorted(sig.outputs.items())},
        defaults=tuple(sorted(sig.defaults.keys())),
    )


def is_internal_signature(key: str) -> bool:
    """``__saved_model_init_op`` and friends: not serving signatures."""
    return key.startswith("__")


MAX_TEXT_NESTING = 100
"""Deepest ``{ … }`` nesting read from a saved_model.pbtxt (the binary parser's recursion limit is 100 too)."""

OPAQUE_MESSAGES = frozenset({
    "sigcheck.tf.SavedObjectGraph", "sigcheck.tf.FullTypeDef", "sigcheck.tf.GraphDebugInfo", "sigcheck.tf.Any",
    "sigcheck.tf.ResourceHandleProto", "sigcheck.tf.ResourceHandleProto.DtypeAndShape", "sigcheck.tf.VariantTensorDataProto",
    "sigcheck.tf.TypeSpecProto",
})
"""Messages sigcheck declares empty: what a .pbtxt writes inside them is skipped (it never decides what runs)."""


_TEXT_SKIP = re.compile(r'"(?:[^"\\\n]++|\\.?)*+"?|\'(?:[^\'\\\n]++|\\.?)*+\'?|#[^\n]*+')
"""Quoted strings and comments of a text-format protobuf (possessive: never backtracks)."""


def _text_nesting(text: str) -> int:
    """The deepest ``{``/``<`` nesting of a text-format protobuf, outside quoted strings and comments (linear)."""
    import numpy as np

    skeleton = np.frombuffer(_TEXT_SKIP.sub("", text).encode("utf-8"), dtype=np.uint8)
    if not skeleton.size:
        return 0
    step = ((skeleton == 0x7B) | (skeleton == 0x3C)).astype(np.int64) - ((skeleton == 0x7D) | (skeleton == 0x3E))
    return max(int(np.cumsum(step).max()), 0)


def _parse_text(text: str, msg: Any, where: str) -> None:
    """Text-format parse that, like TensorFlow's, refuses a field it does not know (outside :data:`OPAQUE_MESSAGES`,
    whose contents are skipped), so that what sigcheck reads is what TensorFlow reads."""
    from google.protobuf import text_format

    unknown: list[str] = []

    class _Parser(text_format._Parser):  # noqa: SLF001 - the one hook protobuf offers for skipped fields
        def _SkipFieldContents(self, tokenizer: Any, field_name: str, immediate_message_type: str) -> None:
            if immediate_message_type not in OPAQUE_MESSAGES and not unknown:
                unknown.append(f"{immediate_message_type.removeprefix('sigcheck.tf.')}.{field_name}")
            super()._SkipFieldContents(tokenizer, field_name, immediate_message_type)

    _Parser(allow_unknown_extension=True, allow_unknown_field=True).ParseLines(text.split("\n"), msg)
    if unknown:
        raise ModelError(
            f"{where}: field {unknown[0]} is not part of the SavedModel format sigcheck reads; TensorFlow refuses a "
            "saved_model.pbtxt with a field it does not know, and sigcheck will not guess what it means",
            hint="re-export the model, or write saved_model.pb (binary) with tf.saved_model.save",
        )


def parse_saved_model(data: bytes, where: str, *, text: bool = False) -> Any:
    """Parse saved_model.pb (or .pbtxt) bytes into a ``sigcheck.tf.SavedModel`` message."""
    msg = pb.SavedModel()
    if text:
        from google.protobuf import text_format

        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ModelError(f"{where}: not a readable saved_model.pbtxt: {exc}") from None
        depth = _text_nesting(decoded)
        if depth > MAX_TEXT_NESTING:
            raise ModelError(f"{where}: messages nested {depth} levels deep (sigcheck reads at most "
                             f"{MAX_TEXT_NESTING}); not a SavedModel TensorFlow writes")
        try:
            _parse_text(decoded, msg, where)
        except (text_format.ParseError, ValueError) as exc:
            raise ModelError(f"{where}: not a readable saved_model.pbtxt: {str(exc)[:300]}") from None
        return msg
    if not data:
        raise ModelError(f"{where}: file is empty: expected a serialized SavedModel protobuf")
    if data[:4] in (b"TFL3",) or data[4:8] == b"TFL3":
        raise ModelError(f"{where}: this is a TFLite flatbuffer, not a SavedModel protobuf")
    try:
        msg.ParseFromString(data)
    except DecodeError as exc:
        raise ModelError(
            f"{where}: not a valid SavedModel protobuf ({exc}); the file is truncated or not a saved_model.pb",
            hint="re-copy the model folder completely, or re-export it with model.export() / tf.saved_model.save()",
        ) from None
    if not msg.meta_graphs:
        raise ModelError(
            f"{where}: parsed as protobuf but holds no MetaGraph; it is not a SavedModel (truncated or another file)",
        )
    return msg


class MissingTagSetError(ModelError):
    """The SavedModel at ``location`` has no MetaGraph with the tag set ``wanted``; ``available`` are its tag sets."""

    def __init__(self, message: str, *, location: str, wanted: tuple[str, ...],
                 available: tuple[tuple[str, ...], ...], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.location, self.wanted, self.available = location, wanted, available


def tag_sets_text(sets: Iterable[Iterable[str]]) -> str:
    return "; ".join(",".join(s) or "(no tags)" for s in sets)


def choose_meta_graph(msg: Any, tag_set: str, where: str) -> tuple[Any, tuple[tuple[str, ...], ...]]:
    """The MetaGraph whose tag set equals ``tag_set`` (comma-separated), and the other tag sets
    (:class:`MissingTagSetError` when there is none)."""
    wanted = {t for t in tag_set.split(",") if t}
    all_sets = [tuple(mg.meta_info_def.tags) for mg in msg.meta_graphs]
    for mg in msg.meta_graphs:
        if set(mg.meta_info_def.tags) == wanted:
            others = tuple(s for s in all_sets if set(s) != wanted)
            return mg, others
    listed = tag_sets_text(all_sets)
    reexport = "re-export with tags=[tf.saved_model.SERVING] (the tag set TF Serving loads by default)"
    raise MissingTagSetError(
        f"{where}: no MetaGraph with tag set {','.join(sorted(wanted))!r}; tag sets in this SavedModel: {listed}",
        hint=(f"{reexport}; to look at it as it is, pass --tag-set with one of the tag sets listed"
              if wanted == {"serve"} else f"pass --tag-set with one of the tag sets listed, or {reexport}"),
        location=where, wanted=tuple(sorted(wanted)), available=tuple(all_sets),
    )


@dataclass(frozen=True)
class NonModel:
    """A known format that is not a SavedModel, read from the names a folder holds (:func:`non_model_kind`)."""

    what: str
    """``a TFLite model (.tflite)``."""
    note: str
    """What TF Serving does with it, or the way out, said after the message (may be empty)."""
    fix: str
    """How to get a SavedModel TF Serving loads from it."""
    this_is: bool = False
    """The message says "this is …" (a SessionBundle export is a folder format) rather than "this folder holds …"."""


def non_model_kind(names: set[str]) -> NonModel | None:
    """The known non-SavedModel format whose files ``names`` are (None: none of them). One reading for ``inspect``
    and every reader (:func:`describe_non_model`) and for the gate's version folder with no ``saved_model.pb``."""
    if "export.meta" in names or any(n.startswith("export-") for n in names):
        return NonModel("a legacy SessionBundle export (export.meta)", "TF Serving dropped SessionBundle support",
                        "re-export the model as a SavedModel (tf.saved_model.save, or SavedModelBuilder in TF1)",
                        this_is=True)
    if any(n.endswith(".tflite") for n in names):
        return NonModel("a TFLite model (.tflite)", "TF Serving serves SavedModels",
                        "export the original TensorFlow model as a SavedModel (a .tflite cannot be turned back into "
                        "one)")
    if "checkpoint" in names or any(n.endswith(".index") for n in names):
        return NonModel("a TensorFlow checkpoint", "",
                        "build the model, restore the checkpoint and save it with tf.saved_model.save (a checkpoint "
                        "holds weights, not the serving graph)")
    if any(n.endswith((".h5", ".keras", ".hdf5")) for n in names):
        fix = "export it with `sigcheck export --from MODEL.keras` or model.export(DIR)"
        return NonModel("a Keras model file (.keras/.h5)", fix, fix)
    return None


def describe_non_model(location: str, names: set[str], *, is_file: bool = False) -> str | None:
    """Say what a folder (or, with ``is_file``, a single file) holds when it is a known non-SavedModel format."""
    kind = non_model_kind(names)
    if kind is None:
        return None
    this = "this is" if kind.this_is else "this file is" if is_file else "this folder holds"
    return f"{location}: {this} {kind.what}, not a SavedModel" + (f"; {kind.note}" if kind.note else "")


SERVING_FILE_LOOKED_AT = 1 << 20
"""The largest file :func:`serving_file_kind` parses as a TF Serving config (its config files are small text)."""
WARMUP_FILE = "tf_serving_warmup_requests"


def serving_file_kind(name: str, data: bytes) -> tuple[str, str] | None:
    """``(what it is, hint)`` when a file given as a model is one of TF Serving's own files -- a model config, a
    batching parameters or monitoring config file (parsed as TF Serving parses them: text protos), a warm-up file --
    which the gate reads with its own flags; ``FILE`` in the hint stands for the file's location."""
    if name == WARMUP_FILE:
        return (f"a TF Serving warm-up file (assets.extra/{WARMUP_FILE})",
                "the gate lints a version's warm-up file: `sigcheck gate BASE_PATH` (the folder whose version folders "
                "hold assets.extra/), or `sigcheck gate --serving-config MODELS.config`")
    if len(data) > SERVING_FILE_LOOKED_AT:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    from google.protobuf import text_format

    from ..serving_config.proto import serving_config_pb2 as spb

    kinds = (
        (spb.ModelServerConfig, "a TF Serving model config file (--model_config_file)",
         "gate every model it serves: `sigcheck gate --serving-config FILE`"),
        (spb.BatchingParameters, "a TF Serving batching parameters file (--batching_parameters_file)",
         "gate it with the model config: `sigcheck gate --serving-config MODELS.config --batching-parameters FILE`"),
        (spb.MonitoringConfig, "a TF Serving monitoring config file (--monitoring_config_file)",
         "gate it with the model config: `sigcheck gate --serving-config MODELS.config --monitoring-config FILE`"),
    )
    first = _FIRST_FIELD.match(text)
    for message, what, hint in kinds:
        msg = message()
        try:
            text_format.Parse(text, msg)
        except (text_format.ParseError, ValueError):
            # one that does not parse (a misspelt field inside) still opens with one of its top-level fields: the
            # gate names the mistake
            if first and first.group(1) in message.DESCRIPTOR.fields_by_name:
                return what, hint
            continue
        if msg.ListFields():  # (an empty text parses as any message: it is none of them)
            return what, hint
    return None


_FIRST_FIELD = re.compile(r"(?:\s++|#[^\n]*+)*+([A-Za-z_]\w*)\s*[:{<]")
"""The first field name of a text proto (after blank lines and ``#`` comments)."""


MODEL_SUBFOLDERS_LOOKED_AT = 50
"""How many sub-folders :func:`_holds_models` lists before it gives up (an error path: one listing each)."""


def _holds_saved_model(names: "set[str]") -> bool:
    """Whether a folder whose entries are ``names`` is a SavedModel (saved_model.pb or saved_model.pbtxt in it)."""
    return SAVED_MODEL_PB in names or SAVED_MODEL_PBTXT in names


def _holds_models(location: str, subdirs: list[str]) -> bool:
    """Whether a sub-folder of ``location`` is a SavedModel (saved_model.pb) or a TF Serving base path (a numeric
    version folder): a parent folder of models, whose stray file (a .keras beside the base paths) is not the point."""
    for name in subdirs[:MODEL_SUBFOLDERS_LOOKED_AT]:
        try:
            inner = storage.list_dir(storage.join(location, name))
        except (OSError, StorageError):  # (an unreadable sub-folder says nothing either way)
            continue
        if _holds_saved_model({e.name for e in inner}) or any(e.is_dir and is_version_name(e.name) for e in inner):
            return True
    return False


_VERSION_LIKE = re.compile(r"(?:v|ver|version)?[ _-]?(?P<number>\d{1,18})(?:\.\d+){0,2}", re.I)
"""A folder named like a version that TF Serving does not read as one (``v1``, ``version_2``, ``1.0``)."""


def _misnamed_version(location: str, subdirs: list[str]) -> tuple[str, str] | None:
    """The first sub-folder of ``location`` named like a version but not an integer that holds a SavedModel, with
    the integer to name it by (``v1`` → ``1``)."""
    for name in subdirs[:MODEL_SUBFOLDERS_LOOKED_AT]:
        m = _VERSION_LIKE.fullmatch(name)
        if m is None or is_version_name(name):
            continue
        try:
            inner = {e.name for e in storage.list_dir(storage.join(location, name))}
        except (OSError, StorageError):  # (an unreadable sub-folder says nothing either way)
            continue
        if _holds_saved_model(inner):
            return name, str(int(m.group("number")))
    return None


def read_saved_model_dir(location: str, *, tag_set: str, version: int | None = None,
                         versions: tuple[int, ...] = (), source: str | None = None) -> ModelInfo:
    pb_path = storage.join(location, SAVED_MODEL_PB)
    pbtxt_path = storage.join(location, SAVED_MODEL_PBTXT)
    if storage.exists(pb_path):
        msg = parse_saved_model(storage.read_bytes(pb_path), pb_path)
    else:
        msg = parse_saved_model(storage.read_bytes(pbtxt_path), pbtxt_path, text=True)
    mg, others = choose_meta_graph(msg, tag_set, location)
    signatures = {}
    internal = []
    for key in sorted(mg.signature_def):
        if is_internal_signature(key):
            internal.append(key)
        else:
            signatures[key] = signature_of(key, mg.signature_def[key])
    return ModelInfo(
        source=source or location,
        tags=tuple(mg.meta_info_def.tags),
        signatures=signatures,
        internal_signatures=tuple(internal),
        kind="saved_model",
        model_dir=location,
        version=version,
        versions=versions,
        tensorflow_version=mg.meta_info_def.tensorflow_version or None,
        tf2=mg.HasField("object_graph_def"),
        other_tag_sets=others,
        files=storage.file_sizes(location),
        meta_graph=mg,
    )


def read_contract_file(location: str) -> ModelInfo:
    raw = storage.read_bytes(location)
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ModelError(f"{location}: not valid JSON ({exc}); {EXPECTED}") from None
    if not contract.is_contract(data):
        raise ModelError(f"{location}: JSON file without \"format\": \"{contract.FORMAT}\"; {EXPECTED}")
    return contract.from_contract(data, location)


def is_version_name(name: str) -> bool:
    """A TF Serving version folder: ASCII digits only (``1``, ``00000123``)."""
    return name.isascii() and name.isdigit()


def check_contract_tags(info: ModelInfo, tag_set: str) -> ModelInfo:
    """A contract describes one MetaGraph: refuse a --tag-set other than the one it was written for."""
    wanted = {t for t in tag_set.split(",") if t}
    if set(info.tags) != wanted:
        raise ModelError(
            f"{info.source}: this signature contract describes tag set {','.join(info.tags) or '(no tags)'!r}, "
            f"not {','.join(sorted(wanted))!r}",
            hint="drop --tag-set, or write the contract with `sigcheck inspect MODEL --tag-set TAGS --json`",
        )
    return info


def read_model(location: str, *, tag_set: str = "serve", contracts: bool = True) -> ModelInfo:
    """Read the model at ``location``; raises :class:`ModelError` with one clear line when it is not one
    (``contracts=False``: a command that needs the model's files, whose messages then do not offer a contract)."""
    # Storage failures (permission, credentials, network) keep their own message and hint: they are not
    # "this is not a model" problems.
    return _read_model(location, tag_set=tag_set, expected=EXPECTED if contracts else EXPECTED_FOLDER)


def _read_model(location: str, *, tag_set: str, expected: str = EXPECTED) -> ModelInfo:
    if not storage.exists(location):
        raise ModelError(f"{location}: no such file or folder", hint=expected)
    if not storage.is_dir(location):
        name = storage.basename(location)
        if name in (SAVED_MODEL_PB, SAVED_MODEL_PBTXT):
            return read_saved_model_dir(storage.parent(location), tag_set=tag_set)
        if name.endswith(".tflite"):
            raise ModelError(f"{location}: this is a TFLite model, not a SavedModel; {expected}")
        if name.endswith(".json"):
            return check_contract_tags(read_contract_file(location), tag_set)
        data = storage.read_bytes(location)
        head = data[:64]
        if head.lstrip()[:1] == b"{":
            return check_contract_tags(read_contract_file(location), tag_set)
        if head[4:8] == b"TFL3":
            raise ModelError(f"{location}: this is a TFLite flatbuffer, not a SavedModel; {expected}")
        what = describe_non_model(location, {name}, is_file=True)
        if what:
            raise ModelError(what + f"; {expected}")
        serving = serving_file_kind(name, data)
        if serving is not None:
            kind, hint = serving
            raise ModelError(f"{location}: this is {kind}, not a SavedModel; {expected}",
                             hint=hint.replace("FILE", location))
        raise ModelError(f"{location}: is a file, not a SavedModel folder; {expected}")
    entries = storage.list_dir(location)
    names = {e.name for e in entries}
    if _holds_saved_model(names):
        return read_saved_model_dir(location, tag_set=tag_set)
    numbered = sorted((int(e.name), e.name) for e in entries if e.is_dir and is_version_name(e.name))
    versions = [v for v, _ in numbered]
    if versions:
        latest, folder = numbered[-1]
        vdir = storage.join(location, folder)
        vnames = {e.name for e in storage.list_dir(vdir)}
        if not _holds_saved_model(vnames):
            what = describe_non_model(vdir, vnames)
            if what:
                raise ModelError(what + f"; {expected}")
            if not vnames:
                raise ModelError(
                    f"{vdir}: version folder {latest} (the highest under {location}) is empty: expected saved_model.pb "
                    "and variables/",
                    hint="TF Serving loads the highest version: finish copying it, or remove the empty folder",
                )
            raise ModelError(
                f"{vdir}: version folder {latest} (the highest under {location}) has no saved_model.pb "
                f"(found: {', '.join(sorted(vnames))})",
                hint="TF Serving loads the highest version: copy the complete SavedModel into it",
            )
        return read_saved_model_dir(vdir, tag_set=tag_set, version=latest, versions=tuple(versions))
    subdirs = [e.name for e in entries if e.is_dir]
    what = describe_non_model(location, names)
    if what and not _holds_models(location, subdirs):
        raise ModelError(what + f"; {expected}")
    if not entries:
        raise ModelError(f"{location}: folder is empty; {expected}")
    misnamed = _misnamed_version(location, subdirs)
    if misnamed is not None:
        name, number = misnamed
        raise ModelError(
            f"{location}: {name} holds a SavedModel, but {name} is no version number: TF Serving loads only "
            f"version folders named by an integer (<base>/{number}/saved_model.pb) and finds no version here; "
            f"{expected}",
            hint=f"rename {name} to {number} (TF Serving serves the highest integer version)",
        )
    raise ModelError(
        f"{location}: no saved_model.pb and no numeric version folders here"
        + (f" (sub-folders: {', '.join(subdirs[:8])})" if subdirs else "")
        + f"; {expected}",
        hint="point at the folder that directly holds saved_model.pb, or at its parent base path",
    )
