"""Record the op registries of stock TensorFlow releases into sigcheck/runtime/data/op_registry.json.gz.

    python scripts/op_registry.py record 2.12 2.13 … 2.21     # each release in its own throwaway venv, then build
    python scripts/op_registry.py dump OUT.json                # the registry of the TensorFlow this Python has
    python scripts/op_registry.py build DUMP.json …            # the data file from dumps (one per release)

``record`` creates ``$TMPDIR/sigcheck-opreg/venv-X.Y`` with the running Python (3.11: every release 2.12 … 2.21
has a CPU wheel for it), ``pip install tensorflow-cpu==<newest patch of X.Y>`` (``--wheel`` to pick another),
runs ``dump`` there, keeps the dump beside it and deletes the venv (~1.3 GB each).  A release that cannot be
installed is reported and left out; existing dumps are reused unless ``--force``.

``dump`` needs only TensorFlow (it does not import sigcheck, so it runs in those venvs): every op from
``TF_GetAllOpList`` with its attrs (type, default, allowed values) and arguments, the devices each op has kernels
for (``kernels.get_all_registered_kernels``), and the release's GraphDef versions.  Docs and descriptions are
dropped.  ``build`` keeps the newest release in full and per-version differences for the others
(:func:`sigcheck.runtime.registry.build_data`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "sigcheck-opreg"
ABOUT = ("ops registered by stock TensorFlow releases (the tensorflow-cpu pip wheels for Python 3.11, "
         "TF_GetAllOpList), recorded by scripts/op_registry.py record; newest release in full, older ones as "
         "differences from the next newer one")


def dump(out: str) -> int:
    """Write the registry of the TensorFlow importable here to ``out`` (JSON)."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from google.protobuf import json_format
    from tensorflow.core.framework import op_def_pb2
    from tensorflow.python.client import pywrap_tf_session as c_api

    buf = c_api.TF_GetAllOpList()
    try:
        op_list = op_def_pb2.OpList()
        op_list.ParseFromString(c_api.TF_GetBuffer(buf))
    finally:
        c_api.TF_DeleteBuffer(buf)
    ops = {}
    for op in op_list.op:
        op.ClearField("summary")
        op.ClearField("description")
        for part in list(op.input_arg) + list(op.output_arg) + list(op.attr):
            part.ClearField("description")
        op.ClearField("deprecation")
        ops[op.name] = json_format.MessageToDict(op, preserving_proto_field_name=True)
    devices: dict[str, set[str]] = {}
    from tensorflow.python.framework import kernels

    for k in kernels.get_all_registered_kernels().kernel:
        devices.setdefault(k.op, set()).add(k.device_type)
    data = {
        "tensorflow_version": tf.__version__,
        "wheel": os.environ.get("SIGCHECK_OPREG_WHEEL", ""),
        "graph_def_versions": {"producer": tf.version.GRAPH_DEF_VERSION,
                               "min_consumer": tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER,
                               "min_producer": tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER},
        "ops": ops,
        "kernel_devices": {k: sorted(v) for k, v in sorted(devices.items())},
    }
    tmp = f"{out}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, sort_keys=True)
    os.replace(tmp, out)
    print(f"{out}: {len(ops)} ops from TensorFlow {tf.__version__}", file=sys.stderr)
    return 0


def _newest_patch(python: str, minor: str) -> str:
    """The newest ``tensorflow-cpu`` release of ``minor`` on the package index (``pip index versions``)."""
    proc = subprocess.run([python, "-m", "pip", "index", "versions", "tensorflow-cpu", "--disable-pip-version-check"],
                          capture_output=True, text=True, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("Available versions:"):
            found = [v.strip() for v in line.split(":", 1)[1].split(",")]
            mine = [v for v in found if v.startswith(minor + ".") and v.replace(".", "").isdigit()]
            if mine:
                return max(mine, key=lambda v: tuple(int(p) for p in v.split(".")))
    raise RuntimeError(f"no tensorflow-cpu {minor}.* on the package index")


def record(minors: list[str], *, force: bool, wheel: str) -> list[Path]:
    """Dump each release from its own venv (kept dumps are reused); returns the dumps that exist."""
    WORK.mkdir(parents=True, exist_ok=True)
    done: list[Path] = []
    for minor in minors:
        out = WORK / f"{minor}.json"
        if out.exists() and not force:
            print(f"{out}: kept (--force to record again)", file=sys.stderr)
            done.append(out)
            continue
        venv = WORK / f"venv-{minor}"
        shutil.rmtree(venv, ignore_errors=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            py = str(venv / "bin" / "python")
            requirement = f"{wheel}=={_newest_patch(py, minor)}"
            print(f"installing {requirement} into {venv} …", file=sys.stderr)
            subprocess.run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-cache-dir",
                            requirement], check=True)
            subprocess.run([py, __file__, "dump", str(out)], check=True,
                           env={**os.environ, "SIGCHECK_OPREG_WHEEL": requirement})
            done.append(out)
        except (subprocess.CalledProcessError, RuntimeError) as exc:
            print(f"TensorFlow {minor}: not recorded: {exc}", file=sys.stderr)
        finally:
            shutil.rmtree(venv, ignore_errors=True)
    return done


def build(dumps: list[Path]) -> int:
    sys.path.insert(0, str(ROOT))
    from sigcheck.runtime.registry import DATA_FILE, build_data, write_data

    loaded = []
    for path in dumps:
        with open(path, encoding="utf-8") as fh:
            loaded.append(json.load(fh))
    data = build_data(loaded, about=ABOUT)
    size = write_data(data)
    versions = ", ".join(f"{v['tensorflow']} ({v['op_count']} ops)" for v in reversed(data["versions"]))
    print(f"wrote {DATA_FILE}: {size} bytes; {versions}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("dump", help="dump the registry of the TensorFlow this Python imports")
    p.add_argument("out")
    p = sub.add_parser("record", help="record releases in throwaway venvs, then build")
    p.add_argument("minors", nargs="+", help="releases, e.g. 2.12 2.13")
    p.add_argument("--force", action="store_true", help="record again even if a dump exists")
    p.add_argument("--wheel", default="tensorflow-cpu", help="pip package to install (default tensorflow-cpu)")
    p = sub.add_parser("build", help="write the data file from dumps")
    p.add_argument("dumps", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "dump":
        return dump(args.out)
    if args.cmd == "record":
        dumps = record(args.minors, force=args.force, wheel=args.wheel)
        return build(sorted(WORK.glob("*.json"))) if dumps else 1
    return build(args.dumps)


if __name__ == "__main__":
    raise SystemExit(main())
