"""The gate on a TF Serving base path whose highest version folder is half-copied: a finding, not "cannot run".

TF Serving's default version policy (``latest { num_versions: 1 }``) serves the highest numbered folder under the
base path whatever it holds (the file-system source aspires every numeric folder; it never looks inside).  A folder
still being copied (empty, no ``saved_model.pb`` yet, a ``saved_model.pb`` cut short) fails its load.  What happens
then is TF Serving's ``AvailabilityPreservingPolicy`` (its default): the previous version is unloaded only once an
aspired version is ready, so a server already serving an earlier version keeps serving it; a server that starts now
fails, as ``ServerCore`` waits for every model's first load and returns its error.  That is exactly what a pre-deploy
gate exists to catch, so :func:`read_gate_model` turns it into the ``files.version`` finding (exit 1) instead of the
reader's error (exit 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import storage
from ..diagnostics import Diagnostic, Severity
from ..errors import ModelError
from ..model.types import ModelInfo
from ..training.versions import SAVED_MODEL_FILES  # (one definition: export's version folders name the same files)
from .rules import GateContext, SkipRule, rule


@dataclass(frozen=True)
class IncompleteVersion:
    """A base path whose highest version folder TF Serving would fail to load: the gate's one finding about it."""

    location: str
    """The base path as given."""
    version: int
    finding: Diagnostic
    rule = "files.version"
    """The rule that reports ``finding`` (every other rule is skipped)."""

    @property
    def skip_reason(self) -> str:
        return f"version {self.version} (the highest) cannot be read: see {self.rule}"


@dataclass(frozen=True)
class NoServingMetaGraph(IncompleteVersion):
    """A SavedModel without the MetaGraph TF Serving loads (tag set ``serve``): it fails to load, a finding
    (``files.tags``); ``version`` is None for a plain SavedModel folder."""

    rule = "files.tags"

    @property
    def skip_reason(self) -> str:
        return f"the SavedModel has no MetaGraph with tag set 'serve': see {self.rule}"


SERVE = "serve"
TF_SERVING_TAGS = "Could not find meta graph def matching supplied tags: {{ {} }}. To inspect available tag-sets in " \
                  "the SavedModel, please use the SavedModel CLI: `saved_model_cli`"
"""TensorFlow's loader (cc/saved_model/loader.cc ``FindMetaGraphDef``), as TF Serving's load fails with it."""


def no_serving_meta_graph(location: str, err: Any) -> NoServingMetaGraph:
    """The ``files.tags`` finding for ``err`` (a :class:`~sigcheck.model.reader.MissingTagSetError` for ``serve``)."""
    from ..model.reader import is_version_name, tag_sets_text

    folder = storage.basename(err.location.rstrip("/"))
    version = int(folder) if err.location.rstrip("/") != location.rstrip("/") and is_version_name(folder) else None
    which = f"version {version} (the highest under {location})" if version is not None else err.location
    others = [",".join(t) for t in err.available if t]
    finding = Diagnostic(
        code="files.no_serve_tags", category="savedmodel_tags", severity=Severity.ERROR,
        message=f"{which} has no MetaGraph with tag set 'serve' (tag sets in it: {tag_sets_text(err.available)}): "
                "TF Serving loads the 'serve' MetaGraph (--saved_model_tags, default serve), so the version fails to "
                "load" + ("; a server that starts now fails to start" if version is not None else ""),
        path="$.meta_graphs", expected="a MetaGraph tagged serve", received=tag_sets_text(err.available),
        upstream=TF_SERVING_TAGS.format(SERVE), subject=err.location,
        hint="re-export the model for serving with tags=[tf.saved_model.SERVING] (tf.saved_model.save and Keras "
             "model.export() write it; TF1's SavedModelBuilder: add_meta_graph_and_variables(sess, "
             "[tf.saved_model.SERVING], ...))"
             + (f"; to gate the {others[0]} MetaGraph as it is, pass --tag-set {others[0]} (TF Serving then needs "
                f"--saved_model_tags={others[0]})" if others else ""))
    return NoServingMetaGraph(location, version, finding)  # type: ignore[arg-type]


class TagSetNotFound(ModelError):
    """``--tag-set`` names a tag set the SavedModel does not have (the user's own choice: exit 2)."""

def _numbered(location: str) -> list[tuple[int, str]]:
    from ..model.reader import is_version_name

    return sorted((int(e.name), e.name) for e in storage.list_dir(location) if e.is_dir and is_version_name(e.name))


def _complete(vdir: str) -> bool:
    names = {e.name for e in storage.list_dir(vdir)}
    return any(n in names for n in SAVED_MODEL_FILES)


def what_tf_serving_does(base: str, version: int, earlier: list[int]) -> str:
    """The sentence saying what TF Serving does when version ``version`` under ``base`` fails to load."""
    if earlier:
        return (f"TF Serving's default version policy (latest, 1 version) loads the highest version folder whatever it "
                f"holds, so version {version} fails to load: a server already serving version {earlier[-1]} keeps "
                f"serving it (the previous version is unloaded only once a new one is ready) and never serves "
                f"{version}; a server that starts now (a new container, a restart) fails to start")
    return (f"TF Serving's default version policy (latest, 1 version) loads the highest version folder whatever it "
            f"holds, so version {version} fails to load, and with no earlier version under {base} the model is "
            "never available (a server that starts now fails to start)")


def incomplete_latest_version(location: str) -> IncompleteVersion | None:
    """The finding for a base path whose highest version folder is empty, has no ``saved_model.pb`` or has one
    that cannot be parsed (None: ``location`` is no base path, or its highest version is readable)."""
    from ..model.reader import non_model_kind, parse_saved_model

    if not storage.is_dir(location):
        return None
    names = {e.name for e in storage.list_dir(location)}
    if any(n in names for n in SAVED_MODEL_FILES):
        return None
    numbered = _numbered(location)
    if not numbered:
        return None
    version, folder = numbered[-1]
    vdir = storage.join(location, folder)
    inside = sorted(e.name for e in storage.list_dir(vdir))
    earlier = [v for v, name in numbered[:-1] if _complete(storage.join(location, name))]
    pb = next((n for n in SAVED_MODEL_FILES if n in inside), None)
    upstream = None
    # a TFLite model, a SessionBundle export, ...: no copy ever ends in a saved_model.pb (inspect's reading)
    kind = non_model_kind(set(inside)) if inside and pb is None else None
    fix = (f"finish copying version {version} (copy the SavedModel to a temporary folder outside the base path, then "
           "rename it into place, so TF Serving never sees a partial copy), or remove the folder")
    if kind is not None:
        what = (f"holds {kind.what}, not a SavedModel (found: {', '.join(inside[:8])})"
                + (f": {kind.note}" if kind.note and kind.note != kind.fix else ""))
        category = "savedmodel_not_found"
        upstream = f"SavedModel file does not exist at: {vdir}/{{saved_model.pbtxt|saved_model.pb}}"
        fix = f"{kind.fix}; then put it in version {version}, or remove the folder"
    elif not inside:
        what, category = "is empty (a copy not started or still in progress)", "savedmodel_not_found"
        upstream = f"SavedModel file does not exist at: {vdir}/{{saved_model.pbtxt|saved_model.pb}}"
    elif pb is None:
        what, category = (f"has no saved_model.pb (found: {', '.join(inside[:8])}): a copy still in progress",
                          "savedmodel_not_found")
        upstream = f"SavedModel file does not exist at: {vdir}/{{saved_model.pbtxt|saved_model.pb}}"
    else:
        path = storage.join(vdir, pb)
        try:
            parse_saved_model(storage.read_bytes(path), path, text=pb.endswith(".pbtxt"))
        except ModelError as exc:
            what, category = f"holds a {pb} that cannot be read ({exc})", "model_load_failed"
        else:
            return None  # (readable: anything else wrong with it is the other rules' to say)
    finding = Diagnostic(
        code="files.version_incomplete", category=category, severity=Severity.ERROR,
        message=f"version {version} (the highest under {location}) {what}; "
                + what_tf_serving_does(location, version, earlier),
        path=f"$.versions.{folder}", expected="saved_model.pb and variables/ in every version folder",
        received=f"version {version}: " + (", ".join(inside[:8]) if inside else "an empty folder"),
        upstream=upstream, subject=vdir,
        hint=fix + (f" to keep serving version {earlier[-1]}" if earlier else ""))
    return IncompleteVersion(location, version, finding)


def read_gate_model(location: str, *, tag_set: str | None = None) -> ModelInfo | IncompleteVersion:
    """The model the gate checks: :func:`sigcheck.model.read_model`, or the :class:`IncompleteVersion` finding when
    ``location`` is a base path whose highest version folder TF Serving would fail to load, or the
    :class:`NoServingMetaGraph` finding when the SavedModel has no ``serve`` MetaGraph and ``tag_set`` is None (the
    default, what TF Serving loads).  A ``tag_set`` asked for that the model lacks raises :class:`TagSetNotFound`;
    other read errors still raise :class:`~sigcheck.errors.ModelError`: exit 2."""
    from ..model import read_model
    from ..model.reader import MissingTagSetError, tag_sets_text

    try:
        return read_model(location, tag_set=tag_set or SERVE)
    except MissingTagSetError as err:
        if tag_set is None:
            return no_serving_meta_graph(location, err)
        raise TagSetNotFound(
            f"{err.location}: no MetaGraph with the tag set you asked for (--tag-set {','.join(err.wanted)}); tag "
            f"sets in this SavedModel: {tag_sets_text(err.available)}",
            hint="drop --tag-set to gate what TF Serving loads by default (serve), or pass one of the tag sets "
                 "listed") from None
    except ModelError:
        broken = incomplete_latest_version(location)
        if broken is None:
            raise
        return broken


def version_note(info: ModelInfo, *, loads: bool = False) -> str:
    """For a model read from a base path (``info.version`` set): which version it is and what TF Serving does with
    it — when it fails to load (``loads=False``), or when it loads but answers no request (``loads=True``: it
    replaces the previous version all the same); empty for a plain SavedModel folder."""
    if info.version is None or not info.model_dir or info.version != max(info.versions or (info.version,)):
        return ""  # (a plain SavedModel folder, or a lower version a --serving-config policy serves)
    base = storage.parent(info.model_dir)
    earlier = [v for v in info.versions if v < info.version]
    if loads:
        then = (f"under TF Serving's default version policy (latest, 1 version) it loads as the highest version and "
                f"version {earlier[-1]} is unloaded, so every request fails from then on") if earlier else (
                "TF Serving loads it as the highest version")
        return f" (version {info.version}, the highest under {base}: {then})"
    return f" (version {info.version}, the highest under {base}: {what_tf_serving_does(base, info.version, earlier)})"


@rule("files.version", "the highest version folder under a base path is a complete SavedModel (TF Serving loads the "
      "highest whatever it holds)", needs_files=True)
def latest_version(ctx: GateContext) -> list[Diagnostic]:
    """A readable highest version passes (an :class:`IncompleteVersion` never reaches the rules: :func:`run_gate`
    reports its finding here and skips the rest)."""
    if ctx.info.version is None:
        raise SkipRule("a SavedModel folder, not a TF Serving base path")
    return []


@rule("files.tags", "the SavedModel has the MetaGraph TF Serving loads (tag set 'serve', its --saved_model_tags "
      "default)", needs_files=True)
def serving_tags(ctx: GateContext) -> list[Diagnostic]:
    """A model read with another ``--tag-set`` loads in TF Serving only with ``--saved_model_tags`` (info); one
    without any ``serve`` MetaGraph never reaches the rules (:class:`NoServingMetaGraph`: this rule's finding)."""
    tags = set(ctx.info.tags)
    if tags == {SERVE}:
        return []
    named = ",".join(sorted(tags))
    has_serve = any(set(t) == {SERVE} for t in ctx.info.other_tag_sets)
    return [Diagnostic(
        code="files.tag_set", severity=Severity.INFO, path="$.meta_graphs", subject=ctx.info.model_dir,
        message=f"gated the MetaGraph with tag set '{named}' (--tag-set): TF Serving loads it only when started with "
                f"--saved_model_tags={named}" + ("" if has_serve else "; by default (serve) the load fails, as this "
                                                                       "SavedModel has no 'serve' MetaGraph"),
        hint=None if has_serve else "re-export with tags=[tf.saved_model.SERVING], or start TF Serving with "
                                    f"--saved_model_tags={named}")]


__all__ = ["IncompleteVersion", "NoServingMetaGraph", "TagSetNotFound", "incomplete_latest_version", "read_gate_model",
           "version_note"]
