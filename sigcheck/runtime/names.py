"""Runtime names (``--runtime``) and the TensorFlow release each one runs.

* ``tf2-cpu.2-15`` / ``tf2-gpu.2-15``, or the image URI ``us-docker.pkg.dev/vertex-ai/prediction/tf2-cpu.2-15:latest``:
  a Vertex AI prebuilt TensorFlow prediction container, from the list in ``data/runtimes.json`` (with Google's
  end-of-support and end-of-availability dates and where each date was read);
* ``tensorflow/serving:2.15.0`` (``-gpu`` and other tag suffixes allowed): a TF Serving image, which runs the
  TensorFlow release of its version;
* ``2.15`` or ``2.15.1``: that TensorFlow release.

Only releases with a recorded op registry (:func:`sigcheck.runtime.registry.versions`) are known: anything else
is an :class:`~sigcheck.errors.InputError` that lists the known names.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from .registry import version_key, versions

DATA_FILE = os.path.join(os.path.dirname(__file__), "data", "runtimes.json")


@dataclass(frozen=True, slots=True)
class VertexContainer:
    """One Vertex AI prebuilt TensorFlow prediction container."""

    name: str
    """``tf2-cpu.2-15``."""
    tensorflow: str
    accelerator: str
    end_of_support: _dt.date
    end_of_availability: _dt.date
    source: str
    """Where the dates were read (a key of ``sources`` in runtimes.json, resolved to its text)."""

    def available(self, today: _dt.date) -> bool:
        return today <= self.end_of_availability

    def status(self, today: _dt.date) -> str:
        """``supported until …`` / ``past end of support …`` / ``retired …`` as of ``today``."""
        if today > self.end_of_availability:
            return f"retired by Vertex AI on {self.end_of_availability.isoformat()}: new deployments cannot use it"
        if today > self.end_of_support:
            return (f"past its end of support ({self.end_of_support.isoformat()}), available until "
                    f"{self.end_of_availability.isoformat()}")
        return f"supported until {self.end_of_support.isoformat()}"


@dataclass(frozen=True, slots=True)
class Runtime:
    """A serving runtime named with ``--runtime`` (or chosen for ``--target vertex``), and its TensorFlow."""

    text: str
    tensorflow: str
    """major.minor of the TensorFlow it runs, ``2.15``: the key of its op registry."""
    kind: str
    """``vertex``, ``tf-serving`` or ``tensorflow``."""
    container: VertexContainer | None = None
    default_for_target: bool = False
    """Chosen because ``--target vertex`` was given without ``--runtime``."""

    @property
    def tf(self) -> tuple[int, int]:
        major, minor = version_key(self.tensorflow)[:2]
        return major, minor

    def describe(self) -> str:
        """``Vertex AI prebuilt container tf2-cpu.2-15 (TensorFlow 2.15)`` and the like."""
        if self.kind == "vertex":
            name = self.container.name if self.container else self.text
            if self.default_for_target:
                return (f"Vertex AI prebuilt container {name} (TensorFlow {self.tensorflow}; no --runtime given, so "
                        "the newest Vertex AI prebuilt TensorFlow container)")
            return f"Vertex AI prebuilt container {name} (TensorFlow {self.tensorflow})"
        if self.kind == "tf-serving":
            return f"{self.text} (TensorFlow {self.tensorflow})"
        return f"TensorFlow {self.tensorflow}"


@functools.lru_cache(maxsize=1)
def _runtimes() -> dict[str, Any]:
    with open(DATA_FILE, encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=1)
def vertex_containers() -> tuple[VertexContainer, ...]:
    """The Vertex AI prebuilt TensorFlow prediction containers sigcheck knows, newest first."""
    data = _runtimes()
    out = []
    for row in data["vertex"]:
        out.append(VertexContainer(
            name=row["name"], tensorflow=row["tensorflow"], accelerator=row["accelerator"],
            end_of_support=_dt.date.fromisoformat(row["end_of_support"]),
            end_of_availability=_dt.date.fromisoformat(row["end_of_availability"]),
            source=data["sources"].get(row["source"], row["source"]),
        ))
    return tuple(sorted(out, key=lambda c: (version_key(c.tensorflow), c.accelerator == "cpu"), reverse=True))


def newest_vertex(today: _dt.date | None = None) -> Runtime:
    """The newest Vertex AI prebuilt TensorFlow CPU container still available ``today`` (else the newest)."""
    today = today or _dt.date.today()
    cpu = [c for c in vertex_containers() if c.accelerator == "cpu"]
    pick = next((c for c in cpu if c.available(today)), cpu[0])
    return Runtime(pick.name, pick.tensorflow, "vertex", pick, default_for_target=True)


def known_runtimes() -> list[str]:
    """One line per family of known names (for the unknown-runtime error)."""
    recorded = versions()
    span = f"{recorded[0]} … {recorded[-1]}" if len(recorded) > 2 else ", ".join(recorded)
    return [
        "Vertex AI: " + ", ".join(c.name for c in sorted(vertex_containers(), key=lambda c: (version_key(c.tensorflow), c.accelerator))),
        f"TF Serving: tensorflow/serving:X.Y.Z for X.Y in {span}",
        f"TensorFlow: {', '.join(recorded)}",
    ]


_VERTEX = re.compile(r"^(?:[\w.-]+/vertex-ai/prediction/)?(tf2?-(?:cpu|gpu)\.\d+-\d+)(?::[\w.-]+)?$")
_SERVING = re.compile(r"^(?:(?:docker\.io/)?tensorflow/serving):(\d+\.\d+)\.(\d+)(?:-[\w.-]+)?$")
_PLAIN = re.compile(r"^(?:tf|tensorflow)?[-=]?v?(\d+\.\d+)(?:\.(\d+))?$")


def _unknown(text: str, why: str) -> InputError:
    from ..report.abridge import cut_value

    return InputError(f"--runtime {cut_value(repr(text), 80)}: {cut_value(why, 200)}",
                      hint="known runtimes: " + "; ".join(known_runtimes()))


def resolve_runtime(text: str) -> Runtime:
    """The runtime named ``text``; InputError (listing the known names) when sigcheck does not know it."""
    t = text.strip()
    low = t.lower()
    recorded = set(versions())
    m = _VERTEX.match(low)
    if m:
        name = m.group(1)
        container = next((c for c in vertex_containers() if c.name == name), None)
        if container is None:
            tf = ".".join(name.split(".", 1)[1].split("-"))
            if tf not in recorded and version_key(tf) < version_key(min(recorded, key=version_key)):
                raise _unknown(text, f"no op registry recorded for TensorFlow {tf} ({name} is an older Vertex AI "
                                     "container, past its end of availability)")
            raise _unknown(text, f"not a Vertex AI prebuilt TensorFlow prediction container sigcheck knows ({name})")
        return Runtime(t, container.tensorflow, "vertex", container)
    m = _SERVING.match(low)
    if m:
        if m.group(1) not in recorded:
            raise _unknown(text, f"no op registry recorded for TF Serving {m.group(1)}.{m.group(2)}'s TensorFlow")
        return Runtime(t, m.group(1), "tf-serving")
    m = _PLAIN.match(low)
    if m:
        if m.group(1) not in recorded:
            raise _unknown(text, f"no op registry recorded for TensorFlow {m.group(1)}")
        return Runtime(t, m.group(1), "tensorflow")
    raise _unknown(text, "unknown runtime")
