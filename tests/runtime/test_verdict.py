"""sigcheck's verdict for TensorFlow 2.15 on models that use ops and attrs newer than 2.15 (built with the project's
TensorFlow), against what TensorFlow 2.15 itself did with them (``compat_models.MEASURED_ON_2_15``, checked again
by ``make compat-test``), and the gate's findings for each case."""

from __future__ import annotations

import pytest

from sigcheck.diagnostics import Severity
from sigcheck.gate import run_gate
from sigcheck.model import read_model
from sigcheck.runtime import resolve_runtime
from sigcheck.runtime.compat import LOAD, NEVER, REQUEST, check_runtime
from sigcheck.runtime.registry import version_key

from .compat_models import MEASURED_ON_2_15

pytestmark = pytest.mark.tf


def _agree(upstream: str, measured: str) -> bool:
    """sigcheck's copy of the runtime's message and the phrase TensorFlow gave: one contains the other."""
    ours = upstream.removesuffix(" in binary running on …")
    return ours in measured or measured in ours


@pytest.mark.parametrize("name", sorted(MEASURED_ON_2_15))
def test_verdict_matches_tensorflow_2_15(newer_model, name):
    load_error, requests = MEASURED_ON_2_15[name]
    v = check_runtime(read_model(str(newer_model(name))), resolve_runtime("2.15"))
    assert v.loads is (load_error is None)
    if load_error is not None:
        assert any(_agree(p.upstream, load_error) for p in v.problems if p.when == LOAD)
        return
    for sig, error in requests.items():
        hits = [p for p in v.problems if p.when == REQUEST and sig in p.signatures]
        if error is None:
            assert hits == []
        else:
            assert any(_agree(p.upstream, error) for p in hits)


def test_each_case_reports_op_node_function_and_first_version(newer_model):
    v = check_runtime(read_model(str(newer_model("webp_map_fn"))), resolve_runtime("tf2-cpu.2-15"))
    (p,) = v.problems
    assert (p.kind, p.op, p.when, p.signatures, p.first_version) == ("op", "DecodeWebP", REQUEST, ("serving_default",),
                                                                     "2.20")
    assert p.locations[0].endswith(":map/while/DecodeWebP") and p.upstream == (
        "Op type not registered 'DecodeWebP' in binary running on …")
    v = check_runtime(read_model(str(newer_model("tlist_type_attr"))), resolve_runtime("2.15"))
    (p,) = v.problems
    assert (p.kind, p.attr, p.value, p.when, p.first_version) == ("type_attr", "Tshape", "int64", LOAD, "2.21")
    v = check_runtime(read_model(str(newer_model("webp_uncalled"))), resolve_runtime("2.15"))
    assert [p.when for p in v.problems] == [NEVER] and v.loads and v.serves


def test_the_same_models_are_fine_from_the_first_release_that_has_everything(newer_model):
    for name in MEASURED_ON_2_15:
        info = read_model(str(newer_model(name)))
        firsts = [p.first_version for p in check_runtime(info, resolve_runtime("2.15")).problems]
        if firsts:
            assert check_runtime(info, resolve_runtime(max(firsts, key=version_key))).problems == (), name
        assert check_runtime(info, resolve_runtime("2.21")).problems == (), name


def test_gate_codes_for_each_depth(newer_model):
    def runtime_findings(name, **kw):
        r = run_gate(str(newer_model(name)), **kw)
        return r, [d for d in r.findings if d.code.startswith("op.runtime")]

    r, (d,) = runtime_findings("webp_nested", runtime="tf2-cpu.2-15")
    assert d.code == "op.runtime_load" and d.severity is Severity.ERROR and not r.ok
    assert d.message.startswith("Vertex AI prebuilt container tf2-cpu.2-15 (TensorFlow 2.15) fails to load the model: "
                                'op "DecodeWebP" is not registered in TensorFlow 2.15 (stock TensorFlow has it since '
                                "2.20), at node \"DecodeWebP\" in function")
    assert "no Vertex AI prebuilt TensorFlow container has TensorFlow 2.20 yet" in d.hint
    r, (d,) = runtime_findings("webp_cond", runtime="tensorflow/serving:2.15.0")
    assert d.code == "op.runtime_request" and 'every request to signature "serving_default" fails' in d.message
    assert d.hint.startswith("serve with TensorFlow 2.20 or newer (e.g. tensorflow/serving:2.20.0)")
    r, found = runtime_findings("webp_uncalled", runtime="2.15")
    assert [d.code for d in found] == ["op.runtime_ok", "op.runtime_unused"] and r.ok
    assert all(d.severity is Severity.INFO for d in found)
    r, (d,) = runtime_findings("to_uint32", runtime="2.15")
    assert d.code == "op.runtime_request" and d.path == "$.ops.StringToNumber.out_type"
    assert d.upstream == ("Value for attr 'out_type' of uint32 is not in the list of allowed values: float, double, "
                          "int32, int64")
    r, (d,) = runtime_findings("gather_nd_policy", runtime="2.15")
    assert d.code == "op.runtime_ok" and "GatherNd.bad_indices_policy" in d.message  # dropped with a log line
    r, (d,) = runtime_findings("webp_signature", target="vertex")  # no --runtime: the newest Vertex container
    assert d.code == "op.runtime_load" and "tf2-cpu.2-15" in d.message
    r, (d,) = runtime_findings("webp_signature", runtime="2.20")
    assert d.code == "op.runtime_ok" and d.message.startswith("loads and serves on TensorFlow 2.20: its ")
    r, (d,) = runtime_findings("to_uint32", runtime="tensorflow/serving:2.16.1")
    assert d.code == "op.runtime_request" and "(allowed since 2.17)" in d.message


def test_a_retired_vertex_container_is_a_warning(newer_model):
    r = run_gate(str(newer_model("gather_nd_policy")), runtime="tf2-cpu.2-13")
    (d,) = [d for d in r.findings if d.code == "op.runtime_retired"]
    assert d.severity is Severity.WARNING and r.ok
    assert d.message == ("Vertex AI prebuilt container tf2-cpu.2-13 (TensorFlow 2.13) is retired by Vertex AI on "
                         "2025-11-28: new deployments cannot use it")
    assert d.hint == "deploy with tf2-cpu.2-15 or a newer runtime"


def _renamed(src, dst, old: str, new: str):
    """A copy of SavedModel base path ``src`` whose ``old`` op nodes are ``new`` ops (e.g. a library's op)."""
    import shutil

    from sigcheck.model.proto import saved_model_pb2 as pb

    shutil.copytree(src, dst)
    pb_path = dst / "1" / "saved_model.pb"
    sm = pb.SavedModel()
    sm.ParseFromString(pb_path.read_bytes())
    graph = sm.meta_graphs[0].graph_def
    for n in list(graph.node) + [n for f in graph.library.function for n in f.node_def]:
        if n.op == old:
            n.op = new
    pb_path.write_bytes(sm.SerializeToString())
    return dst


def test_an_op_no_stock_tensorflow_has_is_told_apart(newer_model, tmp_path):
    """A library's op (TF Text's) where DecodeWebP was: op.unregistered says a custom container is needed, with
    the same load/request/never reading; the runtime rule does not call it newer, nor says the model serves."""
    cond = _renamed(newer_model("webp_cond"), tmp_path / "cond", "DecodeWebP", "SentencepieceOp")
    r = run_gate(str(cond), runtime="2.21")
    (d,) = [d for d in r.findings if d.code == "op.unregistered"]
    assert d.severity is Severity.ERROR and "is in no stock TensorFlow (2.12 … 2.21)" in d.message
    assert 'fails every request to signature "serving_default"' in d.message and "custom container" in d.hint
    assert not [d for d in r.findings if d.code.startswith("op.runtime")]
    v = check_runtime(read_model(str(cond)), resolve_runtime("2.21"))
    assert [(p.kind, p.first_version, p.when) for p in v.problems] == [("custom_op", None, REQUEST)]
    unused = _renamed(newer_model("webp_uncalled"), tmp_path / "unused", "DecodeWebP", "SentencepieceOp")
    r = run_gate(str(unused), runtime="2.21")
    (d,) = [d for d in r.findings if d.code == "op.unregistered"]
    assert d.severity is Severity.INFO and r.ok and "harmless" in d.message
