"""``sigcheck gate --serving-config models.config``: the flags of ``gate`` mapped onto
:func:`sigcheck.serving_config.check_serving_config` (the report and exit code are ``gate``'s own)."""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Sequence

from ..errors import InputError


def serving_config_gate(model: Optional[str], serving_config: Optional[str], batching_parameters: Optional[str],
                        monitoring_config: Optional[str], *, request: Optional[List[str]], baseline: Optional[str],
                        cfg: Any, target: Optional[str], fail_on: Optional[str], ignore: Optional[List[str]],
                        runtime: Optional[str], allow_op: Optional[List[str]], size_limit: Optional[str],
                        tag_set: str, predict: bool, kernels: str, timeout: float, memory_limit: Optional[float],
                        make_predictor: Callable[..., Any], mounts: Sequence[str] = ()) -> tuple[Any, list[Any]]:
    """(the gate result, the predictors that ran models) — InputError for flag combinations that do not apply."""
    from ..gate.policy import gate_arguments
    from ..serving_config import check_serving_config

    if serving_config is None:
        if model is None:
            raise InputError("gate needs a MODEL, or --serving-config with TF Serving's model config file",
                             hint="sigcheck gate models/my_model, or sigcheck gate --serving-config models.config")
        raise InputError("--batching-parameters, --monitoring-config and --mount go with --serving-config",
                         hint="add --serving-config models.config (the file TF Serving's --model_config_file reads)")
    if model is not None:
        raise InputError(f"give MODEL ({model}) or --serving-config, not both: the config lists the models",
                         hint="drop MODEL; every model version the config serves is gated")
    if request or baseline:
        raise InputError("--request and --baseline apply to one model, not to a --serving-config",
                         hint="gate each model with `sigcheck gate MODEL --request ...`; with --serving-config the "
                              "warm-up records are the requests (--predict runs them)")
    policy = gate_arguments(cfg, target=target, fail_on=fail_on, ignore=ignore, runtime=runtime, allow_op=allow_op,
                            size_limit=size_limit)
    allowed = policy["allow_ops"]
    predictors: list[Any] = []

    def predictor_for(info: Any) -> Any:
        from ..serving.kernels import check

        p = make_predictor(info, allowed_ops=allowed, kernels=check(kernels), timeout=timeout,
                           memory_limit=memory_limit)
        predictors.append(p)
        return p

    try:
        result = check_serving_config(
            serving_config,
            batching_parameters=batching_parameters,
            monitoring_config=monitoring_config,
            tag_set=tag_set,
            predictor_for=predictor_for if predict else None,
            mounts=mounts,
            **policy,
        )
    finally:
        for p in predictors:
            if "server" in p.state:
                p.state["server"].close()
    return result, predictors
