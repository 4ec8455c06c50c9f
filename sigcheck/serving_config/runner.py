"""``check_serving_config``: TF Serving's config files and every model version they serve, as one gate result."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from .. import storage
from ..diagnostics import Diagnostic, Severity
from ..errors import ModelError
from ..gate.policy import Policy, parse_target
from ..gate.runner import FAIL, PASS, SKIP, GateResult, run_gate
from ..gate.versions import TF_SERVING_TAGS
from ..model.reader import MissingTagSetError, read_saved_model_dir
from ..model.types import ModelInfo
from . import batching, models, side_by_side, warmup_lint
from .proto import serving_config_pb2 as pb
from .textproto import ConfigText, parse_config, read_config

SUMMARIES = {
    "config.model_config": "--model_config_file parses; model names, platforms, base paths, version folders, version "
                           "policies and labels are what TF Serving accepts",
    "config.batching": "--batching_parameters_file (and each served version's batching_params.pbtxt) parses, its "
                       "values load, and every signature can be batched",
    "config.monitoring": "--monitoring_config_file parses and its Prometheus endpoint is reachable",
    "config.warmup": "each served version's assets.extra/tf_serving_warmup_requests replays as TF Serving replays it",
    side_by_side.CODE: side_by_side.SUMMARY,
}

PredictorFactory = Callable[[ModelInfo], Callable[..., Iterable[Diagnostic]]]


def _by_line(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.subject or "", d.line or 0, d.path, d.code))


def _monitoring(cfg: ConfigText, msg: Any) -> list[Diagnostic]:
    """``CreateAndStartHttpServer`` (model_servers/http_server.cc): the Prometheus handler and its path."""
    out: list[Diagnostic] = []
    prom = msg.prometheus_config
    if not msg.HasField("prometheus_config") or not prom.enable:
        out.append(Diagnostic(code="config.monitoring.disabled", severity=Severity.INFO, subject=cfg.location,
                              line=cfg.line("prometheus_config", 0, "enable") or cfg.line("prometheus_config"),
                              path="$.prometheus_config.enable",
                              message="prometheus_config is not enabled: TF Serving exports no metrics endpoint",
                              hint="prometheus_config { enable: true path: \"/monitoring/prometheus/metrics\" }"))
    elif prom.path and not prom.path.startswith("/"):
        out.append(Diagnostic(code="config.monitoring.path", severity=Severity.WARNING, subject=cfg.location,
                              line=cfg.line("prometheus_config", 0, "path"), path="$.prometheus_config.path",
                              message=f"prometheus_config path \"{prom.path}\" does not start with \"/\": TF "
                                      "Serving registers it as the handler's path as written, and request paths "
                                      "start with \"/\", so scrapes are unlikely to reach it",
                              hint=f"write path: \"/{prom.path}\" (the default is /monitoring/prometheus/metrics)"))
    return out


def check_serving_config(
    serving_config: str,
    *,
    batching_parameters: str | None = None,
    monitoring_config: str | None = None,
    target: str = "tf-serving",
    fail_on: Severity | str = Severity.ERROR,
    ignore: Sequence[str] = (),
    runtime: str | None = None,
    allow_ops: Sequence[str] = (),
    size_limit: int | None = None,
    tag_set: str = "serve",
    predictor_for: PredictorFactory | None = None,
    mounts: Sequence[str] = (),
) -> GateResult:
    """Gate a TF Serving deployment described by its config files (local or gs://).

    Every version the ``model_config_list`` serves goes through :func:`sigcheck.gate.run_gate` (with ``runtime``,
    ``allow_ops``, ``size_limit``); the batching parameters are checked against each of those versions'
    signatures; each version's warm-up file is linted (and, with ``predictor_for``, its predict records run).
    ``mounts`` (``HOST:SERVER``, as ``docker run -v``) say where base paths written for the server are found here.
    Raises :class:`~sigcheck.errors.InputError` when a given file cannot be read or an option is bad.
    """
    target = parse_target(target)
    mount_pairs = [models.parse_mount(m) for m in mounts]
    severity = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
    policy = Policy(fail_on=severity, ignore=tuple(ignore))
    checks: dict[str, str] = {}
    skipped: dict[str, str] = {}
    by_rule: dict[str, tuple[Diagnostic, ...]] = {}
    summaries: dict[str, str] = {}
    findings: list[Diagnostic] = []
    ignored = 0

    def record(rid: str, produced: Iterable[Diagnostic], summary: str, *, keep_order: bool = False) -> None:
        nonlocal ignored
        produced = list(produced)
        kept = [d for d in produced if not policy.ignores(d, rid)]
        ignored += len(produced) - len(kept)
        if not keep_order:
            kept = _by_line(kept)
        findings.extend(kept)
        by_rule[rid] = tuple(kept)
        checks[rid] = FAIL if any(policy.fails(d) for d in kept) else PASS
        summaries[rid] = summary

    def skip(rid: str, reason: str, summary: str) -> None:
        checks[rid], skipped[rid], summaries[rid] = SKIP, reason, summary

    # Read every given file first: one that cannot be read stops the run (exit 2) before any work.
    main_cfg = read_config(serving_config, "--serving-config")
    batch_cfg = read_config(batching_parameters, "--batching-parameters") if batching_parameters else None
    mon_cfg = read_config(monitoring_config, "--monitoring-config") if monitoring_config else None

    config, produced = parse_config(main_cfg, pb.ModelServerConfig(), what="the model config file")
    entries: list[models.ModelEntry] = []
    if config is not None:
        entries, more = models.check_model_list(main_cfg, config, mount_pairs)
        produced += more
    record("config.model_config", produced, SUMMARIES["config.model_config"])

    params = None
    if batch_cfg is not None:
        params, produced = parse_config(batch_cfg, pb.BatchingParameters(), what="the batching parameters file")
        if params is not None:
            produced += batching.check_parameters(batch_cfg, params)
        batch_found = list(produced)
    if mon_cfg is not None:
        mon, produced = parse_config(mon_cfg, pb.MonitoringConfig(), what="the monitoring config file")
        if mon is not None:
            produced += _monitoring(mon_cfg, mon)
        record("config.monitoring", produced, SUMMARIES["config.monitoring"])
    else:
        skip("config.monitoring", "no --monitoring-config given", SUMMARIES["config.monitoring"])

    warm_found: list[Diagnostic] = []
    warm_files = per_model_files = 0
    if batch_cfg is None:
        batch_found = []
    readable: dict[int, list[tuple[int, ModelInfo]]] = {}  # entry index -> its readable served versions
    for entry in entries:
        for served in entry.served:
            label = f"model \"{entry.name}\" version {served.version}"
            rid_prefix = f"{entry.name}/{served.version}"
            try:
                info = read_saved_model_dir(served.location, tag_set=tag_set, version=served.version,
                                            versions=tuple(s.version for s in entry.served))
            except ModelError as exc:
                tags = isinstance(exc, MissingTagSetError)  # (TF Serving's --saved_model_tags: the load fails)
                record(f"{rid_prefix}:model", [Diagnostic(
                    code="config.version_unreadable", severity=Severity.ERROR, subject=served.location,
                    message=f"{label}: the SavedModel cannot be read, so TF Serving cannot load it: {exc}",
                    category="savedmodel_tags" if tags else "model_load_failed", hint=exc.hint,
                    upstream=TF_SERVING_TAGS.format(" ".join(exc.wanted)) if tags else None)],
                    f"{label} is a readable SavedModel")
                continue
            readable.setdefault(entry.index, []).append((served.version, info))
            gate = run_gate(info, target=target, fail_on=severity, ignore=ignore, runtime=runtime,
                            allow_ops=allow_ops, size_limit=size_limit)
            ignored += gate.ignored
            for rid, status in gate.checks.items():
                if rid == "files.warmup":
                    continue  # (config.warmup below reads the same file, with --predict: said once)
                key = f"{rid_prefix}:{rid}"
                checks[key] = status
                summaries[key] = f"{label}: {gate.summaries.get(rid, rid)}"
                if status == SKIP:
                    skipped[key] = gate.skipped.get(rid, "")
                else:
                    by_rule[key] = tuple(_labelled(gate.rule_findings.get(rid, ()), label))
                    findings.extend(by_rule[key])
            if params is not None:
                batch_found += batching.check_signatures(batch_cfg, params, info, label)
                batch_found += batching.check_warmup_batches(batch_cfg, params, info, label)
            per_model = storage.join(served.location, batching.PER_MODEL_FILE)
            if storage.exists(per_model):  # read with --enable_per_model_batching_params (GetPerModelBatchingParams)
                own_cfg = read_config(per_model, batching.PER_MODEL_FILE)
                own, produced = parse_config(own_cfg, pb.BatchingParameters(),
                                             what=f"{label}'s {batching.PER_MODEL_FILE}")
                if own is not None:
                    produced += batching.check_parameters(own_cfg, own)
                    produced += batching.check_signatures(own_cfg, own, info, label)
                    produced += batching.check_warmup_batches(own_cfg, own, info, label)
                batch_found += produced
                per_model_files += 1
            if info.model_dir and _has_warmup(info.model_dir):
                warm_files += 1
                predictor = predictor_for(info) if predictor_for is not None else None
                warm_found += warmup_lint.check_warmup(info, label, predictor=predictor)
    if batch_cfg is not None or per_model_files:
        record("config.batching", batch_found, SUMMARIES["config.batching"])
    else:
        skip("config.batching", f"no --batching-parameters given (and no served version has "
                                f"{batching.PER_MODEL_FILE})", SUMMARIES["config.batching"])
    if warm_files:
        record("config.warmup", warm_found, SUMMARIES["config.warmup"], keep_order=True)
    else:
        skip("config.warmup", "no served version has assets.extra/tf_serving_warmup_requests",
             SUMMARIES["config.warmup"])
    together = [e for e in entries if len(readable.get(e.index, ())) > 1]
    if together:
        record(side_by_side.CODE, [d for e in together for d in side_by_side.check_versions(
            main_cfg, config, e, readable[e.index])], SUMMARIES[side_by_side.CODE])
    else:
        skip(side_by_side.CODE, "no model serves more than one readable version", SUMMARIES[side_by_side.CODE])
    first = [r for r in SUMMARIES if r in checks]  # the config checks first, then each version's gate
    checks = {r: checks[r] for r in first + [r for r in checks if r not in SUMMARIES]}
    findings = [d for r in checks for d in by_rule.get(r, ())]
    return GateResult(model=serving_config, target=target, findings=tuple(findings), checks=checks,
                      skipped=skipped, fail_on=severity, ignored=ignored, rule_findings=by_rule, summaries=summaries)


def _has_warmup(version_dir: str) -> bool:
    return storage.exists(warmup_lint.warmup_path(version_dir))


def _labelled(diags: Iterable[Diagnostic], label: str) -> list[Diagnostic]:
    import dataclasses

    return [dataclasses.replace(d, message=f"{label}: {d.message}") for d in diags]
