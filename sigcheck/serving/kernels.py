"""Which CPU kernels TensorFlow runs a model with: TF Serving's stock ones, or oneDNN's.

TensorFlow's pip wheels switch oneDNN (formerly MKL-DNN) kernels on by themselves on CPUs with AVX-512 VNNI,
AVX-512 BF16, AVX-VNNI or AMX, and off elsewhere; ``TF_ENABLE_ONEDNN_OPTS`` overrides that choice.  The two
kinds of kernels do not only round differently: they check their inputs differently.  A Conv2D fed a 5-D tensor
answers TF Serving's ``input must be 4-dimensional`` with the stock kernel, runs and answers with the oneDNN one,
and a 3-D tensor aborts the whole process (``Check failed … MklDnnConvUtil``).  So a verdict that came from
whatever the machine picked would change from one laptop or CI runner to the next.

sigcheck therefore never lets the machine pick: models run with :data:`STOCK` kernels unless the user asks for
:data:`ONEDNN` (TF Serving builds and runtimes that enable oneDNN), and the variable is set before TensorFlow is
imported, in the process that runs the model.  The child process reports what TensorFlow says it ran
(:func:`active_in_this_process`), and every command that runs a model names it (:func:`describe`).
"""

from __future__ import annotations

import os
from typing import Mapping

from ..errors import InputError

STOCK = "stock"
"""TensorFlow's own kernels, as the stock ``tensorflow/serving`` images run them (oneDNN off)."""
ONEDNN = "onednn"
"""oneDNN kernels: builds that enable them, or TensorFlow's pip wheels on CPUs with AVX-512 VNNI / AMX."""
CHOICES = (STOCK, ONEDNN)
DEFAULT = STOCK
ENV = "TF_ENABLE_ONEDNN_OPTS"
"""TensorFlow reads it once, when it is imported."""


def check(kernels: str) -> str:
    """``kernels`` if it is one of :data:`CHOICES`; InputError (exit 2) otherwise."""
    if kernels not in CHOICES:
        raise InputError(f"unknown --kernels {kernels!r}",
                         hint=f"use {STOCK} (TF Serving's stock kernels, the default) or {ONEDNN}")
    return kernels


def environment(kernels: str, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a process that imports TensorFlow to run a model with ``kernels``: ``base`` (default
    ``os.environ``) with :data:`ENV` set whatever it said, and TensorFlow's C++ log kept to errors unless set."""
    env = dict(os.environ if base is None else base)
    env[ENV] = "1" if check(kernels) == ONEDNN else "0"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    return env


def apply(kernels: str) -> str | None:
    """Set :data:`ENV` in this process for ``kernels``, before TensorFlow is imported here (``sigcheck export``
    trains in its own process).  When TensorFlow was already imported (a library caller), the choice cannot take
    effect any more: the returned warning says so when what TensorFlow runs differs; None otherwise."""
    import sys

    wanted = check(kernels) == ONEDNN
    if "tensorflow" not in sys.modules:
        os.environ[ENV] = "1" if wanted else "0"
        return None
    active = active_in_this_process()
    if active is None or active == wanted:
        return None
    return (f"TensorFlow was imported before --kernels {kernels} could take effect: it runs "
            f"{'oneDNN' if active else 'stock'} kernels in this process")


def active_in_this_process() -> bool | None:
    """Whether the TensorFlow imported in this process runs oneDNN kernels (its own ``IsMklEnabled``), or None
    when it cannot say."""
    try:
        from tensorflow.python.util import _pywrap_util_port as port

        return bool(port.IsMklEnabled())
    except (ImportError, AttributeError):
        return None


def describe(kernels: str, onednn_active: bool | None = None) -> str:
    """One phrase for summary lines: which kernels ran, and what TensorFlow itself reported."""
    if kernels == ONEDNN:
        text = f"oneDNN kernels ({ENV}=1)"
        if onednn_active is False:
            text += ", but this TensorFlow reports oneDNN off"
        return text
    text = f"stock kernels (oneDNN off, {ENV}=0, as TF Serving's stock builds)"
    if onednn_active:
        text += ", but this TensorFlow reports oneDNN on"
    return text
