"""The op registries of the TensorFlow versions that serving runtimes run, and the runtime names that map to them.

    from sigcheck.runtime import first_version_with, op_registry, resolve_runtime
    rt = resolve_runtime("tf2-cpu.2-15")        # Runtime(text, tensorflow="2.15", kind="vertex", container=…)
    reg = op_registry(rt.tensorflow)             # OpRegistry: ops with their attrs, GraphDef versions
    "DecodeWebP" in reg.ops, first_version_with("DecodeWebP")   # False, "2.20"

The registries are data generated from the real TensorFlow wheels by ``scripts/op_registry.py`` (one base
registry plus per-version differences, ``data/op_registry.json.gz``); the runtime names and Vertex AI's prebuilt
containers are ``data/runtimes.json``.  Nothing here imports TensorFlow.  :mod:`.compat` decides whether a model
loads and serves on a runtime.
"""

from __future__ import annotations

from .names import Runtime, VertexContainer, known_runtimes, newest_vertex, resolve_runtime, vertex_containers
from .registry import AttrSpec, OpRegistry, OpSpec, first_version_with, stock_op_names, versions
from .registry import registry as op_registry  # (the name ``registry`` stays the module sigcheck.runtime.registry)

__all__ = [
    "AttrSpec", "OpRegistry", "OpSpec", "Runtime", "VertexContainer", "first_version_with", "known_runtimes",
    "newest_vertex", "op_registry", "resolve_runtime", "stock_op_names", "versions", "vertex_containers",
]
