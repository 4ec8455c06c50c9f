"""``model_config_list``: what TF Serving's ServerCore and FileSystemStoragePathSource do with each model entry.

Sources (tensorflow/serving): model_servers/server_core.cc (``ValidateModelConfigList``, ``GetPlatform``,
``CreateStoragePathRoutes``, ``UpdateModelVersionLabelMap``), sources/storage_path/file_system_storage_path_source.cc
(``PollFileSystemForServable``, ``AspireLatestVersions``/``AspireAllVersions``/``AspireSpecificVersions``,
``IndexChildrenByVersion``, ``ParseVersionNumber`` = ``absl::SimpleAtoi``).  Quoted messages are theirs.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from .. import storage
from ..diagnostics import Diagnostic, Severity
from ..errors import InputError, SigcheckError
from ..model.reader import SAVED_MODEL_PB, SAVED_MODEL_PBTXT, non_model_kind
from .textproto import ConfigText, find_line

TENSORFLOW_PLATFORM = "tensorflow"
"""``kTensorFlowModelPlatform``: the only platform the stock tensorflow_model_server routes (model_platform_types.h)."""

_SIMPLE_ATOI = re.compile(r"\s*[+-]?\d+\s*\Z")
INT64_MAX = 2**63 - 1


def parse_version(name: str) -> int | None:
    """The version a base-path child names, as ``absl::SimpleAtoi`` reads it (``1``, ``007``, ``+3``); else None."""
    if not name.isascii() or not _SIMPLE_ATOI.match(name):
        return None
    value = int(name)
    return value if -INT64_MAX - 1 <= value <= INT64_MAX else None


@dataclass(frozen=True)
class ServedVersion:
    version: int
    location: str
    """The version folder (``<base_path>/<child>``)."""


@dataclass
class ModelEntry:
    """One ``config { ... }`` entry and what the file system gives it."""

    index: int
    name: str
    base_path: str
    """As written in the config."""
    location: str
    """Where sigcheck looks (a relative base_path resolved against the config file's folder)."""
    served: list[ServedVersion] = field(default_factory=list)
    """The versions TF Serving would load under the entry's version policy."""


def _is_relative(uri: str) -> bool:
    """``UriIsRelativePath``: no scheme, no host, and not an absolute path."""
    return "://" not in uri and not uri.startswith("/")


def parse_mount(text: str) -> tuple[str, str]:
    """``HOST:SERVER`` (as ``docker run -v``) → (host location, server path); the host side may be ``gs://…``."""
    host, sep, server = text.rpartition(":")
    if not sep or not host or not server.startswith("/"):
        raise InputError(f"--mount {text!r}: expected HOST_DIR:SERVER_PATH, e.g. ./serving/models:/models",
                         hint="the server path is absolute, as base_path is written in the config")
    return host, server.rstrip("/") or "/"


def _mounted(base: str, mounts: Sequence[tuple[str, str]]) -> str:
    """``base`` as seen from here: the longest mounted server path it lies under, replaced by its host folder."""
    best = None
    for host, server in mounts:
        if base == server or base.startswith(server.rstrip("/") + "/"):
            if best is None or len(server) > len(best[1]):
                best = (host, server)
    if best is None:
        return base
    rest = base[len(best[1]):].lstrip("/")
    return storage.join(best[0], *rest.split("/")) if rest else best[0]


def check_model_list(cfg: ConfigText, config: Any, mounts: Sequence[tuple[str, str]] = ()
                     ) -> tuple[list[ModelEntry], list[Diagnostic]]:
    """Findings for ``config.model_config_list`` and the models (with the versions they serve) worth gating.

    ``mounts`` are (host location, server path) pairs: a ``base_path`` under a server path is looked for in the
    host location (a config written for a container: ``/models/x`` → ``./serving/models/x``)."""
    found: list[Diagnostic] = []
    entries: list[ModelEntry] = []
    where = cfg.location

    def diag(code: str, severity: Severity, message: str, *path: Any, **kw: Any) -> Diagnostic:
        return Diagnostic(code=code, severity=severity, message=message, subject=where,
                          path="$.model_config_list" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                                               for p in path),
                          line=cfg.line("model_config_list", 0, *path), **kw)

    which = config.WhichOneof("config")
    if which is None:
        found.append(Diagnostic(
            code="config.empty", severity=Severity.WARNING, subject=where, line=1,
            message="the config lists no models: TF Serving starts and serves nothing (\"Taking no action for empty "
                    "config.\")", hint="add model_config_list { config { name: ... base_path: ... "
                                       "model_platform: \"tensorflow\" } }"))
        return entries, found
    if which == "custom_model_config":
        found.append(Diagnostic(
            code="config.custom_model_config", severity=Severity.ERROR, subject=where,
            line=cfg.line("custom_model_config"), path="$.custom_model_config",
            message="custom_model_config needs a custom ServerCore; the stock tensorflow_model_server refuses it",
            upstream="Missing custom_model_config_loader in ServerCore Options",
            hint="list the models in model_config_list { config { ... } }"))
        return entries, found

    seen: dict[str, int] = {}
    config_dir = os.path.dirname(os.path.abspath(where)) if not storage.is_remote(where) else None
    for i, mc in enumerate(config.model_config_list.config):
        name = mc.name
        if name in seen:  # ValidateModelConfigList
            found.append(diag(
                "config.duplicate_name", Severity.ERROR,
                f"model \"{name}\" is listed twice (config entries {seen[name]} and {i}); TF Serving refuses the "
                "whole config", "config", i, "name",
                upstream=f"Illegal to list model {name} multiple times in config list",
                hint="give each model entry its own name (or merge the two entries)"))
            continue
        seen[name] = i
        if not name:
            found.append(diag(
                "config.no_name", Severity.ERROR, f"config entry {i} has no name: clients address models by name "
                "(/v1/models/<name>:predict)", "config", i,
                hint="add name: \"<model name>\" to the entry"))
        found.extend(_platform(mc, i, diag))
        base = mc.base_path
        if not base:
            found.append(diag(
                "config.base_path", Severity.ERROR, f"model \"{name}\" has no base_path", "config", i,
                upstream=f"Expected model {name} to have an absolute path or URI; got base_path()=",
                hint="set base_path to the folder holding the numbered version folders"))
            continue
        location = base
        if _is_relative(base):  # ValidateModelConfigList (no --model_config_list_root_dir)
            resolved = os.path.join(config_dir, base) if config_dir else base
            found.append(diag(
                "config.relative_base_path", Severity.ERROR,
                f"model \"{name}\": base_path \"{base}\" is relative; TF Serving refuses relative base paths "
                "unless started with --model_config_list_root_dir (sigcheck checks it against the config file's "
                f"folder: {resolved})", "config", i, "base_path",
                upstream=f"Expected model {name} to have an absolute path or URI; got base_path()={base}",
                hint="write an absolute path or gs:// URI, or start TF Serving with --model_config_list_root_dir"))
            location = resolved
        else:
            location = _mounted(base, mounts)
        entry = ModelEntry(i, name, base, location)
        found.extend(_versions(cfg, mc, entry, diag))
        found.extend(_labels(cfg, mc, entry, diag))
        entries.append(entry)
    return entries, found


def _platform(mc: Any, i: int, diag: Any) -> Iterator[Diagnostic]:
    """``GetPlatform`` and ``CreateStoragePathRoutes`` (server_core.cc)."""
    name = mc.name
    if mc.model_type != 0:  # MODEL_TYPE_UNSPECIFIED
        if mc.model_platform:
            yield diag("config.model_platform", Severity.ERROR,
                       f"model \"{name}\" sets both model_type (deprecated) and model_platform", "config", i,
                       "model_type", hint="drop model_type; keep model_platform: \"tensorflow\"",
                       upstream="Illegal setting both ModelServerConfig::model_type (deprecated) and "
                                f"ModelServerConfig::model_platform, model name is {name}")
        elif mc.model_type != 1:  # TENSORFLOW
            yield diag("config.model_platform", Severity.ERROR,
                       f"model \"{name}\": model_type {mc.model_type} is not supported", "config", i, "model_type",
                       hint="replace model_type with model_platform: \"tensorflow\"",
                       upstream=f"ModelServerConfig::model_type choice {mc.model_type} not supported.")
        else:
            yield diag("config.model_type_deprecated", Severity.WARNING,
                       f"model \"{name}\" uses the deprecated model_type field (TF Serving logs \"Deprecated "
                       "ModelServerConfig::model_type field used. Prefer ModelServerConfig::model_platform.\")",
                       "config", i, "model_type", hint="replace model_type: TENSORFLOW with "
                                                       "model_platform: \"tensorflow\"")
        return
    platform = mc.model_platform
    if not platform:
        yield diag("config.model_platform", Severity.ERROR, f"model \"{name}\" has no model_platform", "config", i,
                   hint="add model_platform: \"tensorflow\"",
                   upstream="Illegal setting neither ModelServerConfig::model_type (deprecated) nor "
                            f"ModelServerConfig::model_platform, model name is {name}")
    elif platform != TENSORFLOW_PLATFORM:
        yield diag("config.model_platform", Severity.ERROR,
                   f"model \"{name}\": model_platform \"{platform}\" is not one tensorflow_model_server serves "
                   "(only \"tensorflow\")", "config", i, "model_platform",
                   hint="set model_platform: \"tensorflow\"",
                   upstream=f"Model {name} requests unsupported platform {platform}")


def _children(location: str) -> list[Any]:
    return [e for e in storage.list_dir(location)]


def _versions(cfg: ConfigText, mc: Any, entry: ModelEntry, diag: Any) -> Iterator[Diagnostic]:
    """``PollFileSystemForServable``: the base path, its numbered children, the version policy's choice."""
    i, name, base = entry.index, entry.name, entry.location
    try:
        exists = storage.exists(base) and storage.is_dir(base)
    except SigcheckError as exc:  # permission, credentials: the folder cannot be looked at
        yield diag("config.base_path", Severity.ERROR, f"model \"{name}\": cannot read base_path {base}: {exc}",
                   "config", i, "base_path", hint=exc.hint)
        return
    if not exists:
        yield diag(
            "config.base_path", Severity.ERROR, f"model \"{name}\": base_path {entry.base_path} does not exist (or is "
            "not a folder)" + (f" (looked for at {base})" if base != entry.base_path else ""), "config", i, "base_path", category="model_base_path_layout",
            upstream=f"Could not find base path {entry.base_path} for servable {name} with error "
                     + (f"NOT_FOUND: {entry.base_path}; No such file or directory"
                        if not storage.is_remote(base) else "NOT_FOUND: ..."),
            hint="point base_path at the folder that holds the numbered version folders (as the server sees it)")
        return
    by_version: dict[int, str] = {}
    numbered: list[tuple[int, str]] = []
    for e in sorted(_children(base), key=lambda e: e.name):
        v = parse_version(e.name)
        if v is None:
            continue
        numbered.append((v, e.name))
        if v in by_version:  # IndexChildrenByVersion: the later child (sorted order) wins
            yield diag("config.duplicate_version", Severity.WARNING,
                       f"model \"{name}\": folders \"{by_version[v]}\" and \"{e.name}\" both are version {v}; TF "
                       f"Serving loads \"{e.name}\" and ignores the other", "config", i, "base_path",
                       upstream=f"Duplicate version directories detected. Version {v} will be loaded from {e.name}, "
                                f"{by_version[v]} will be ignored.",
                       hint="keep one folder per version number")
        by_version[v] = e.name
    policy = mc.model_version_policy
    choice = policy.WhichOneof("policy_choice") or "latest"
    ppath = ("config", i, "model_version_policy")
    served: list[tuple[int, str]] = []
    if choice == "latest":
        want = max(policy.latest.num_versions, 1)
        served = sorted(by_version.items(), reverse=True)[:want]
        if by_version and len(by_version) < want:
            yield diag("config.version_policy", Severity.INFO,
                       f"model \"{name}\": latest {{ num_versions: {want} }} serves the {len(by_version)} version(s) "
                       f"there are ({', '.join(str(v) for v in sorted(by_version))})", *ppath)
    elif choice == "all":
        served = list(numbered)  # AspireAllVersions walks the children, duplicates included
    else:
        wanted = list(policy.specific.versions)
        if not wanted:
            yield diag("config.version_policy", Severity.ERROR,
                       f"model \"{name}\": specific {{ }} lists no versions: nothing is served",
                       *ppath, upstream=f"No specific versions requested for servable {name}.",
                       hint="list the versions to serve: specific { versions: 1 }")
        missing = [v for v in wanted if v not in by_version]
        served = [(v, by_version[v]) for v in sorted(set(wanted)) if v in by_version]
        for v in missing:
            yield diag("config.version_missing", Severity.ERROR if not served else Severity.WARNING,
                       f"model \"{name}\": version {v} is listed in specific {{ versions }}, but {base} has no "
                       f"folder for it" + ("" if served else "; no listed version exists, so nothing is served"),
                       *ppath, category="model_base_path_layout",
                       upstream=f"Version {v} of servable {name}, which was requested to be served as a 'specific' "
                                "version in the servable's version policy, was not found in the file system",
                       hint="copy that version's SavedModel to <base_path>/<version>, or fix the version list")
    if not numbered:
        others = sorted(e.name for e in _children(base))
        yield diag(
            "config.no_versions", Severity.ERROR,
            f"model \"{name}\": {base} has no numbered version folders"
            + (f" (found: {', '.join(others[:8])}{' …' if len(others) > 8 else ''})" if others else " (it is empty)")
            + "; TF Serving finds nothing to load and the model never becomes available",
            "config", i, "base_path", category="model_base_path_layout",
            upstream=f"No versions of servable {name} found under base path {entry.base_path}. Did you forget to name "
                     "your leaf directory as a number (eg. '/1/')?",
            hint="put the SavedModel in <base_path>/1/ (saved_model.pb and variables/ inside it)")
        return
    for v, child in served:
        vdir = storage.join(base, child)
        names = {e.name for e in _children(vdir)} if storage.is_dir(vdir) else set()
        if SAVED_MODEL_PB not in names and SAVED_MODEL_PBTXT not in names:
            kind = non_model_kind(names) if names else None  # (inspect's reading: a TFLite model, a SessionBundle)
            yield diag(
                "config.version_not_saved_model", Severity.ERROR,
                f"model \"{name}\": version {v} ({vdir}) is served under the version policy, but holds "
                + (f"{kind.what}, not a SavedModel" if kind else "no saved_model.pb")
                + (f" (found: {', '.join(sorted(names)[:8])})" if names else " (it is empty)")
                + "; loading it fails", *(ppath if choice != "latest" else ("config", i, "base_path")),
                category="savedmodel_not_found",
                upstream=f"SavedModel file does not exist at: {entry.base_path.rstrip('/')}/{child}/"
                         "{saved_model.pbtxt|saved_model.pb}",
                hint=(f"{kind.fix}; then put it in that folder, or remove the folder" if kind else
                      "finish copying the SavedModel into that folder (copy to a temporary name, then rename), or "
                      "remove the folder"))
            continue
        entry.served.append(ServedVersion(v, vdir))


def _labels(cfg: ConfigText, mc: Any, entry: ModelEntry, diag: Any) -> Iterator[Diagnostic]:
    """``UpdateModelVersionLabelMap``: at start-up a label may only name a version that is available."""
    served = {s.version for s in entry.served}
    for label in sorted(mc.version_labels):
        v = mc.version_labels[label]
        if v in served:
            continue
        d = diag(
            "config.version_label", Severity.ERROR,
            f"model \"{entry.name}\": version label \"{label}\" points at version {v}, which the version policy "
            f"does not serve (served: {', '.join(str(s) for s in sorted(served)) or 'none'}); TF Serving refuses "
            "the config", "config", entry.index, "version_labels",
            upstream=f"Request to assign label to version {v} of model {entry.name}, which is not currently "
                     "available for inference",
            hint="point the label at a served version, or serve that version (model_version_policy "
                 "{ specific { versions: ... } }); TF Serving's --allow_version_labels_for_unavailable_models "
                 "lifts this only for labels not yet assigned")
        start = cfg.line("model_config_list", 0, "config", entry.index, "version_labels")
        yield dataclasses.replace(d, line=find_line(cfg, r'key\s*:\s*"' + re.escape(label) + '"', start),
                                  path=f"{d.path}.{label}")
